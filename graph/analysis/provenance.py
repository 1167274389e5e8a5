"""Provenance of links and paths: which document states each step, and whether a path
stays within one document or is joined across documents.

Each named graph of the corpus is one source document, except curation
graphs (typed ``pag:CurationGraph``): what only a curation graph states is
"linked by the curators", not any document's words.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("cur", kind="other", types=["CurationGraph"])
>>> for u, v, srcs in [("e", "c", ["s1"]), ("c", "p", ["s1", "s2"]), ("c", "q", ["cur"])]:
...     _ = G.add_edge(u, v, key="supports", sources=srcs)
>>> path_provenance(G, ["e", "c", "p"])["within"]
['s1']
>>> r = path_provenance(G, ["e", "c", "q"])
>>> r["joined"], r["curated"], r["summary"]
(True, True, 'joined across documents: s1, then linked by the curators')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from graph.curation import is_curation_graph
from graph.terms import curie

__all__ = ["CURATION_CLASS", "is_curation", "link_provenance", "path_provenance"]

#: the class (local name) of a named graph that is not a document
CURATION_CLASS = "CurationGraph"


def is_curation(G: nx.MultiDiGraph, graph: str) -> bool:
    """Whether a named graph is a curation graph (typed ``pag:CurationGraph``, or the
    bundled corpus's :data:`graph.curation.CURATION_GRAPH`), not a document."""
    return is_curation_graph(graph) or (graph in G and CURATION_CLASS in (G.nodes[graph].get("types") or ()))


def link_provenance(G: nx.MultiDiGraph, u: str, v: str, relation: str = "supports") -> dict[str, Any]:
    """Who states the link u → v: ``sources`` (every graph), ``documents`` (those that are
    documents), ``curated`` (only curation graphs state it) and ``stated_by`` (plain words).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="attacks", sources=["https://w3id.org/pag/id/source/x"])
    >>> link_provenance(G, "a", "b", "attacks")["stated_by"]
    'stated in source:x'
    """
    d = G.get_edge_data(u, v, key=relation) or {}
    srcs = sorted(d.get("sources") or [])
    docs = [s for s in srcs if not is_curation(G, s)]
    curated = bool(srcs) and not docs
    if curated:
        words = "linked by the curators"
    elif docs:
        words = "stated in " + ", ".join(curie(s) for s in docs)
    else:
        words = "stated in no named graph"
    return {"sources": srcs, "documents": docs, "curated": curated, "stated_by": words}


def path_provenance(G: nx.MultiDiGraph, nodes: Sequence[str], relations: Iterable[str] | None = None) -> dict[str, Any]:
    """Provenance of a path of links (``nodes[0] → nodes[1] → …``, supports by default).

    Returns
    -------
    dict
        ``hops`` (a :func:`link_provenance` per link), ``within`` (the
        documents that state every link, sorted), ``joined`` (True when no
        one document states every link: the path is joined across
        documents), ``curated`` (a link only the curators make) and
        ``summary`` (plain words).
    """
    rels = list(relations) if relations is not None else ["supports"] * (len(nodes) - 1)
    hops = [link_provenance(G, u, v, r) for (u, v), r in zip(itertools.pairwise(nodes), rels, strict=True)]
    common: set[str] | None = None
    for h in hops:
        common = set(h["documents"]) if common is None else common & set(h["documents"])
    within = sorted(common or ())
    curated = any(h["curated"] for h in hops)
    joined = bool(hops) and not within
    if not hops:
        summary = "no links"
    elif within:
        summary = "stated within " + ", ".join(curie(s) for s in within)
    else:
        parts: list[str] = []
        for h in hops:
            word = "linked by the curators" if h["curated"] else ", ".join(curie(s) for s in h["documents"]) or "no document"
            if not parts or parts[-1] != word:
                parts.append(word)
        summary = "joined across documents: " + ", then ".join(parts)
    return {"hops": hops, "within": within, "joined": joined, "curated": curated, "summary": summary}
