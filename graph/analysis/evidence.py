"""The evidence base of a policy or claim: what it finally rests on.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, k in [("e", "evidence"), ("c", "claim"), ("p", "policy"), ("x", "evidence")]:
...     G.add_node(n, kind=k, label=n.upper())
>>> _ = G.add_edge("e", "c", key="supports", sources=["s1"])
>>> _ = G.add_edge("c", "p", key="supports", sources=["s2"])
>>> _ = G.add_edge("x", "c", key="attacks", sources=["s3"])
>>> base = evidence_base(G, "p")
>>> [(r["evidence"]["id"], r["paths"][0]["nodes"], r["attacked"]) for r in base["evidence"]]
[('e', ['e', 'c', 'p'], True)]
>>> evidence_sets(G)["p"]
['e']
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any, cast

import networkx as nx

from graph.analysis._common import (
    argument_root,
    attack_edges,
    best_quote,
    label,
    node_ref,
    shared_result,
    support_components,
    support_graph,
)
from graph.analysis.provenance import path_provenance
from graph.analysis.results import (
    EvidenceBase,
    EvidencePath,
    EvidenceRow,
    PathAttack,
    PathProvenance,
    SupportHop,
)
from graph.errors import InputError
from graph.model import resolve
from graph.terms import curie

__all__ = ["evidence_base", "evidence_sets", "evidence_sets_of"]


def _is_evidence(G: nx.MultiDiGraph, n: str) -> bool:
    return bool(G.nodes[n].get("kind") == "evidence")


def evidence_sets(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """For every argument node, the sorted evidence items with a ``supports`` path to it.

    An evidence item does not count as its own evidence; an evidence item
    supported by other evidence lists those.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", kind="evidence"); G.add_node("c", kind="claim")
    >>> _ = G.add_edge("e", "c", key="supports", sources=[])
    >>> evidence_sets(G)
    {'c': ['e'], 'e': []}
    """
    return shared_result(G, "evidence_sets", lambda: evidence_sets_of(G, support_graph(G)))


def evidence_sets_of(G: nx.MultiDiGraph, S: nx.DiGraph) -> dict[str, list[str]]:
    """:func:`evidence_sets` from a support graph of ``G`` already built (``S``)."""
    below = _below(S, lambda n: _is_evidence(G, n))
    return {n: sorted(below[n]) for n in S}  # in the support graph's (sorted) order


def _below(S: nx.DiGraph, wanted: Callable[[str], bool]) -> dict[str, set[str]]:
    """For every node of ``S``, the ``wanted`` nodes with a path to it (itself excluded).

    One pass in topological order over the condensation (support cycles
    collapse to one node), each node's set the union of its predecessors'
    as a bitmask (one bit per wanted node): linear in the edges times the
    bitmask width, where a search from every node is quadratic.
    """
    C = support_components(S)
    bit = {n: i for i, n in enumerate(sorted(n for n in S if wanted(n)))}
    names = sorted(bit, key=bit.__getitem__)
    own = [sum(1 << bit[m] for m in ms if m in bit) for ms in C.members]  # the wanted members of each component
    above = [0] * len(C.members)  # wanted nodes strictly upstream of the component
    for c in C.order:
        mask = 0
        for p in C.preds[c]:
            mask |= above[p] | own[p]
        above[c] = mask
    out: dict[str, set[str]] = {}
    for c, ms in enumerate(C.members):
        mask = above[c]
        cyclic = len(ms) > 1
        for m in ms:
            full = mask | own[c] if cyclic else mask  # in a cycle the others reach it
            if cyclic and m in bit:
                full &= ~(1 << bit[m])  # ... but it does not count for itself
            out[m] = _unmask(full, names)
    return out


def _unmask(mask: int, names: list[str]) -> set[str]:
    found: set[str] = set()
    while mask:
        low = mask & -mask
        found.add(names[low.bit_length() - 1])
        mask ^= low
    return found


def evidence_base(
    G: nx.MultiDiGraph,
    target: str,
    *,
    max_paths: int = 10,
    labels: Mapping[str, str] | None = None,
    explained: Mapping[str, Mapping[str, Any]] | None = None,
    source: str | None = None,
) -> EvidenceBase:
    """Every evidence item with a ``supports`` path to ``target``, with its paths.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph (:func:`graph.model.project`); not changed.
    target : str
        A policy or claim: node key, IRI, CURIE or label.
    max_paths : int
        At most this many paths per evidence item (shortest first).
    labels : mapping, optional
        Acceptability labels (:func:`graph.semantics.grounded_labels`) to
        attach to the target and to each item as ``acceptability``.
    explained : mapping, optional
        :func:`graph.semantics.explain_all`: each node's ``reason`` and
        ``deciding`` nodes, attached as ``why`` and ``deciding``.
    source : str, optional
        A source (IRI, CURIE or label): keep only the paths every step of
        which it states.

    Returns
    -------
    EvidenceBase
        ``target``, its ``acceptability``, ``evidence`` (one
        :class:`~graph.analysis.results.EvidenceRow` per item, sorted by
        label) and ``sources`` (every source asserting a hop, sorted).
        A path is attacked when any node on it (the target excepted) is
        the target of a direct ``attacks`` edge. Each path says where it
        is stated (``provenance``: within one document, or joined across
        documents, or through a link only the curators make); ``joined``
        and ``within_document`` count the items each way.

    Raises
    ------
    NodeNotFound, AmbiguousNode
        ``target`` does not name exactly one node.
    InputError
        ``target`` is not a policy, claim or evidence item.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("e", "evidence"), ("c", "claim"), ("p", "policy"), ("x", "claim")]:
    ...     G.add_node(n, kind=k, label=n.upper(), sources=["s"], quotes=[])
    >>> for u, rel, v in [("e", "supports", "c"), ("c", "supports", "p"), ("x", "attacks", "c")]:
    ...     _ = G.add_edge(u, v, key=rel, sources=["s"])
    >>> row = evidence_base(G, "p")["evidence"][0]
    >>> row["paths"][0]["nodes"], row["paths"][0]["attacked_by"][0]["attacker"]
    (['e', 'c', 'p'], 'x')
    """
    root = argument_root(G, target, "an evidence base belongs to a policy, claim or evidence item")
    S = support_graph(G)
    src: str | None = None
    if source is not None:
        src = resolve(G, source)
        stated = {g for _u, _v, d in G.edges(data=True) for g in d.get("sources") or ()}
        if G.nodes[src].get("kind") != "source" and src not in stated:
            raise InputError(f"{label(G, src)} ({curie(src)}) is not a source: --source takes a source:… of the graph")
        S = S.edge_subgraph([(u, v) for u, v, d in S.edges(data=True) if src in d["sources"]]).copy()
        S.add_nodes_from([root])
    attackers: dict[str, list[tuple[str, list[str]]]] = {}
    for a, t, srcs in attack_edges(G):
        attackers.setdefault(t, []).append((a, srcs))
    all_sources: set[str] = set()
    rows: list[EvidenceRow] = []
    for ev in sorted(a for a in nx.ancestors(S, root) if _is_evidence(G, a) and a != root):
        found = sorted(itertools.islice(nx.shortest_simple_paths(S, ev, root), max_paths + 1), key=lambda p: (len(p), p))
        paths: list[EvidencePath] = []
        for p in found[:max_paths]:
            hops: list[SupportHop] = [
                {"from": u, "to": v, "sources": list(S.edges[u, v]["sources"])} for u, v in itertools.pairwise(p)
            ]
            for h in hops:
                all_sources.update(h["sources"])
            hit: list[PathAttack] = [
                {"node": n, "attacker": a, "sources": srcs}
                for n in p[:-1]
                for a, srcs in attackers.get(n, [])
            ]
            prov = cast(PathProvenance, path_provenance(G, p))
            paths.append({"nodes": p, "hops": hops, "attacked_by": hit, "attacked": bool(hit), "provenance": prov})
        d = G.nodes[ev]
        rows.append(
            {
                "evidence": node_ref(G, ev),
                "quote": best_quote(G, ev, paths[0]["hops"][0]["sources"] if paths else ()),
                "sources": list(d.get("sources") or []),
                "value": d.get("value"),
                "unit": d.get("unit"),
                "attacked": any(p["attacked"] for p in paths),
                "acceptability": labels.get(ev) if labels is not None else None,
                "why": str(explained[ev]["reason"]) if explained is not None and ev in explained else None,
                "deciding": list(explained[ev]["deciding"]) if explained is not None and ev in explained else [],
                "joined": bool(paths) and all(p["provenance"]["joined"] for p in paths),
                "paths": paths,
                "more_paths": len(found) > max_paths,
            }
        )
    rows.sort(key=lambda r: (r["evidence"]["label"].casefold(), r["evidence"]["id"]))
    return {
        "target": node_ref(G, root),
        "acceptability": labels.get(root) if labels is not None else None,
        "why": str(explained[root]["reason"]) if explained is not None and root in explained else None,
        "deciding": list(explained[root]["deciding"]) if explained is not None and root in explained else [],
        "verdict": None,
        "source": src,
        "evidence": rows,
        "within_document": sum(1 for r in rows if not r["joined"]),
        "joined": sum(1 for r in rows if r["joined"]),
        "sources": sorted(all_sources),
    }
