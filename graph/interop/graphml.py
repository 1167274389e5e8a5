"""GraphML for Gephi, yEd, igraph and networkx: the networkx projection of the graph.

* node ids are ``n0``, ``n1`` … (valid XML ids everywhere); the node's IRI is its ``iri`` attribute;
* edge ids are ``e0``, ``e1`` … — unique, so igraph and Gephi keep every edge;
* a list value (a node's sources, notes …) is a JSON array in a string attribute,
  read back exactly with ``json.loads`` (the attribute's name is listed in the
  graph's ``json_attributes``); a dict is a JSON object likewise;
* literals keep their lexical form (``140.0`` stays ``140.0``).

Examples
--------
>>> import io, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("https://w3id.org/pag/id/claim/a", label="A", sources=["s1", "s; 2"])
>>> G.add_node("https://w3id.org/pag/id/claim/b", label="B")
>>> G.add_edge("https://w3id.org/pag/id/claim/a", "https://w3id.org/pag/id/claim/b", relation="supports")
0
>>> out = io.BytesIO()
>>> write_graphml(G, out)
>>> H = nx.read_graphml(io.BytesIO(out.getvalue()))
>>> H.nodes["n0"]["iri"], json.loads(H.nodes["n0"]["sources"])
('https://w3id.org/pag/id/claim/a', ['s1', 's; 2'])
"""

from __future__ import annotations

import json
from typing import IO, Any

import networkx as nx

__all__ = ["graphml_safe", "write_graphml"]


def _value(v: Any) -> Any:
    if isinstance(v, (list, tuple, set, frozenset, dict)):
        data = sorted(v, key=str) if isinstance(v, (set, frozenset)) else v
        return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    if v is None:
        return ""
    if isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def graphml_safe(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` that GraphML holds exactly: ``n<k>`` node ids (IRI in ``iri``),
    ``e<k>`` edge ids, JSON-encoded lists and dicts (named in ``json_attributes``)."""
    H = nx.MultiDiGraph()
    json_attrs: set[str] = set()
    index: dict[Any, str] = {}
    for k, (n, d) in enumerate(sorted(G.nodes(data=True), key=lambda nd: str(nd[0]))):
        index[n] = f"n{k}"
        attrs = {a: _value(v) for a, v in d.items() if a != "iri"}
        json_attrs |= {a for a, v in d.items() if isinstance(v, (list, tuple, set, frozenset, dict))}
        H.add_node(index[n], iri=str(n), **attrs)
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for k, (u, v, _key, d) in enumerate(edges):
        attrs = {a: _value(b) for a, b in d.items() if a not in ("id", "key")}
        json_attrs |= {a for a, b in d.items() if isinstance(b, (list, tuple, set, frozenset, dict))}
        H.add_edge(index[u], index[v], key=f"e{k}", id=f"e{k}", **attrs)
    H.graph["json_attributes"] = json.dumps(sorted(json_attrs))
    return H


def write_graphml(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    """GraphML for Gephi / yEd / igraph: kinds, labels, relations and sources as attributes."""
    nx.write_graphml(graphml_safe(G), out, encoding="utf-8", prettyprint=True, edge_id_from_attribute="id")
