"""Policy Argument Graph: a policy debate as an RDF knowledge graph.

The front door (:mod:`graph.debate`)::

    import graph

    debate = graph.open()                 # the bundled fentanyl debate; or "oxigraph:PATH",
                                          # "sparql:URL", a folder or file of RDF, a Store
    debate.stats()                        # counts
    debate.chains("policy:operation-synthetic-opioid-surge")   # the argument tree
    debate.evidence("Naloxone access")    # what it rests on
    debate.impact()                       # load-bearing evidence (a Table)
    debate.query("actor-stances", actor="actor:jeff-sessions") # a Table of rows
    debate.networkx(kinds=["actor", "policy"])                 # a networkx graph
    debate.pyvis("Naloxone access")       # a pyvis Network, inline in Jupyter
    debate.validate()                     # SHACL, references, quotes

Tables (:class:`graph.tables.Table`) are lists of typed rows with
``.to_pandas()`` and an HTML table in Jupyter.

**Public** — what is documented and kept stable: ``graph.open``,
:class:`graph.Debate` and :class:`graph.Table` (importable from ``graph``), and
the modules listed here with their ``__all__``:

* :mod:`graph.debate` — :func:`open` and :class:`~graph.debate.Debate`;
* :mod:`graph.tables` — :class:`~graph.tables.Table`;
* :mod:`graph.notebook` — :func:`~graph.notebook.pyvis_network` (pyvis networks);
* :mod:`graph.analysis` — the analyses (graph in, typed results out) and
  :mod:`graph.analysis.results` — their types (the JSON keys);
* :mod:`graph.reports` — :func:`~graph.reports.build_report` / :func:`~graph.reports.render`;
* :mod:`graph.stores` — open a store (:func:`~graph.stores.open_store`), load, query;
* :mod:`graph.model` — project RDF onto networkx (:func:`~graph.model.project`),
  find nodes (:func:`~graph.model.resolve`);
* :mod:`graph.semantics` — IN/OUT/UNDECIDED and why;
* :mod:`graph.validate` — SHACL, references, quote fidelity (:func:`~graph.validate.validate`);
* :mod:`graph.export` — every serialisation (RDF, JSON-LD, GraphML);
* :mod:`graph.sparql` — the named query library and running untrusted queries;
* :mod:`graph.view` — the data and HTML of the interactive views;
* :mod:`graph.namespace` — the vocabulary as rdflib namespaces (generated);
* :mod:`graph.errors` — the exception tree.

**Private** — everything else: names starting with ``_``, modules not listed
above (``graph.terms``, ``graph.sparqltext``, ``graph.vocab``, ``graph.files``,
``graph.site``, ``graph.serve``, ``graph.interop`` … serve the CLI and may
change), and any name missing from its module's ``__all__``.

``import graph`` imports nothing else (the command line starts fast); the
names above are loaded when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.debate import Debate, open
    from graph.tables import Table

__all__ = ["Debate", "Table", "__version__", "open"]

_LAZY = {"open": "graph.debate", "Debate": "graph.debate", "Table": "graph.tables"}


def __getattr__(name: str) -> Any:
    # loaded when first asked for: `pag stats` must not pay for networkx,
    # pyvis or importlib.metadata at start-up
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name != "__version__":
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("policy-argument-graph")
    except PackageNotFoundError:  # running from a source tree without installing
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
