"""Policy Argument Graph: a policy debate as an RDF knowledge graph.

The public API:

* :mod:`graph.stores` — open a store (:func:`~graph.stores.open_store`), load, query;
* :mod:`graph.model` — project RDF onto networkx (:func:`~graph.model.project`),
  find nodes (:func:`~graph.model.resolve`);
* :mod:`graph.validate` — SHACL, references, quote fidelity (:func:`~graph.validate.validate`);
* :mod:`graph.export` — every serialisation (RDF, JSON-LD, GraphML);
* :mod:`graph.sparql` — the named query library and running untrusted queries;
* :mod:`graph.namespace` — the vocabulary as rdflib namespaces (generated);
* :mod:`graph.errors` — the exception tree.
"""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # the version is read from the installed metadata only when asked for:
    # importlib.metadata costs quick commands such as `pag stats` 25 ms
    if name != "__version__":
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("policy-argument-graph")
    except PackageNotFoundError:  # running from a source tree without installing
        value = "0.0.0+source"
    globals()["__version__"] = value
    return value
