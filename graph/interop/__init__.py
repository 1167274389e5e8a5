"""Import and export for other tools: AIF JSON, Argdown, CSV (and, in
:mod:`graph.export`, GraphML and JSON-LD).

* :func:`import_aif` / :func:`to_aif` — AIFdb / OVA / xAIF maps (:mod:`graph.interop.aif`);
* :func:`import_argdown` / :func:`to_argdown` — Argdown text (:mod:`graph.interop.argdown`);
* :func:`import_csv` / :func:`write_csv` — ``nodes.csv`` + ``edges.csv`` (:mod:`graph.interop.csvio`);
* :class:`ImportSummary` — what an import read, wrote and skipped (and why);
* :func:`context_path` — the published JSON-LD ``@context`` file.
"""

from __future__ import annotations

from pathlib import Path

from graph.interop._common import ImportSummary
from graph.interop.aif import import_aif, to_aif

__all__ = ["ImportSummary", "context_path", "import_aif", "to_aif"]


def context_path() -> Path:
    """The JSON-LD ``@context`` shipped with pag (``graph/interop/context.jsonld``)."""
    return Path(__file__).with_name("context.jsonld")
