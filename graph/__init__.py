"""Policy Argument Graph: a policy debate as an RDF knowledge graph.

The public API:

* :mod:`graph.store` — open a store (:func:`~graph.store.open_store`), load, query, dump;
* :mod:`graph.model` — project RDF onto networkx (:func:`~graph.model.project`),
  find nodes (:func:`~graph.model.resolve`);
* :mod:`graph.validate` — SHACL, references, quote fidelity (:func:`~graph.validate.validate`);
* :mod:`graph.export` — serialisations, GraphML, atomic writes;
* :mod:`graph.namespace` — the vocabulary as rdflib namespaces (generated);
* :mod:`graph.errors` — the exception tree.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policy-argument-graph")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
