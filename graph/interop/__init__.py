"""Import and export for other tools: AIF JSON, Argdown, CSV, GraphML (and, in
:mod:`graph.export`, JSON-LD).

* :func:`import_aif` / :func:`to_aif` — AIFdb / OVA / xAIF maps (:mod:`graph.interop.aif`);
* :func:`import_argdown` / :func:`parse_argdown` / :func:`to_argdown` — Argdown text
  (:mod:`graph.interop.argdown`);
* :func:`import_csv` / :func:`write_csv` / :func:`export_csv` — ``nodes.csv`` + ``edges.csv``
  (:mod:`graph.interop.csvio`);
* :func:`~graph.interop.graphml.write_graphml` — GraphML for Gephi / yEd / igraph
  (:mod:`graph.interop.graphml`, used by ``pag export --format graphml``);
* :class:`ImportSummary` — what an import read, wrote and skipped (and why);
* :func:`context_path` — the published JSON-LD ``@context`` (``graph/interop/context.jsonld``).

Every importer writes one named graph per map or document, whose name is
the IRI of the ``pag:Source`` that describes it, and loads it through the
store API (``Store.load_text``), so on-disk and remote stores work alike.

Examples
--------
>>> from graph.stores import open_store
>>> store = open_store("memory", data=[])
>>> doc = parse_argdown("[Tax]: Raise taxes.\\n  + [Schools]: Schools need money.")
>>> doc.relations
[('Schools', 'support', 'Tax')]
>>> context_path().name
'context.jsonld'
"""

from __future__ import annotations

from pathlib import Path

from graph.interop._common import ImportSummary
from graph.interop.aif import import_aif, to_aif
from graph.interop.argdown import import_argdown, parse_argdown, to_argdown
from graph.interop.csvio import export_csv, import_csv, write_csv

__all__ = [
    "ImportSummary",
    "context_path",
    "export_csv",
    "import_aif",
    "import_argdown",
    "import_csv",
    "parse_argdown",
    "to_aif",
    "to_argdown",
    "write_csv",
]


def context_path() -> Path:
    """The JSON-LD ``@context`` shipped with pag (``graph/interop/context.jsonld``)."""
    return Path(__file__).with_name("context.jsonld")
