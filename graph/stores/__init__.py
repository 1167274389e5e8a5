"""Stores: one interface over an embedded Oxigraph (in memory or on disk),
rdflib's own in-memory store, and a remote SPARQL 1.1 endpoint.

* :mod:`graph.stores.base` — the :class:`Store` interface and its results;
* :mod:`graph.stores.oxigraph` — Oxigraph in memory / on disk (the default);
* :mod:`graph.stores.rdflib` — rdflib's store and engine (the slow baseline);
* :mod:`graph.stores.remote` — a SPARQL 1.1 Protocol endpoint;
* :mod:`graph.stores.factory` — :func:`open_store` by spec (``--store``).

Examples
--------
>>> store = open_store("memory", data=[])
>>> store.load_text('<urn:a> a <https://w3id.org/pag#Claim> .', "turtle", graph="urn:g")
1
>>> store.query("SELECT ?s WHERE { GRAPH ?g { ?s a ?c } }").rows
[(rdflib.term.URIRef('urn:a'),)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.stores.base import LoadReport, QueryResult, Stats, Store
from graph.stores.factory import open_store
from graph.stores.oxigraph import OxigraphStore
from graph.stores.rdflib import RdflibStore

if TYPE_CHECKING:
    from graph.stores.remote import SparqlStore

__all__ = [
    "LoadReport",
    "OxigraphStore",
    "QueryResult",
    "RdflibStore",
    "SparqlStore",
    "Stats",
    "Store",
    "open_store",
]


def __getattr__(name: str) -> Any:
    # the remote store pulls in httpx (~0.15 s): only when it is asked for
    if name == "SparqlStore":
        from graph.stores.remote import SparqlStore

        return SparqlStore
    raise AttributeError(f"module 'graph.stores' has no attribute {name!r}")
