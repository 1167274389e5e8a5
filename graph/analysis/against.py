"""Evidence against a policy or claim, ranked by how directly it bears on it.

An evidence item *bears against* X when it supports (through zero or more
``supports`` steps) something that attacks X or attacks an argument for X
(something with a ``supports`` path to X). Its *distance* is the number of
steps of the shortest such path: 1 for evidence that attacks X itself, 2 for
evidence supporting a direct attacker of X or attacking a direct reason for
X, and so on. Rows are ranked by distance, then by label.

The evidence *for* X (:func:`graph.analysis.evidence.evidence_base`) is
ranked the same way by :func:`evidence_both`, so the two sides can be read
side by side.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, k in [("e", "evidence"), ("c", "claim"), ("p", "policy"), ("f", "evidence")]:
...     G.add_node(n, kind=k, label=n.upper(), sources=["s"], quotes=[])
>>> _ = G.add_edge("e", "c", key="supports", sources=["s1"])
>>> _ = G.add_edge("c", "p", key="attacks", sources=["s2"])
>>> _ = G.add_edge("f", "p", key="supports", sources=["s3"])
>>> [(r["evidence"]["id"], r["distance"], r["path"]) for r in evidence_against(G, "p")["against"]]
[('e', 2, ['e', 'c', 'p'])]
>>> [(r["evidence"]["id"], r["distance"]) for r in evidence_both(G, "p")["for"]]
[('f', 1)]
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from graph.analysis._common import (
    argument_root,
    attack_edges,
    best_quote,
    node_ref,
    support_graph,
)
from graph.analysis.evidence import evidence_base
from graph.analysis.results import AgainstRow, EvidenceAgainst, EvidenceBoth, ForRow, PathHop

__all__ = ["evidence_against", "evidence_both"]




def evidence_against(G: nx.MultiDiGraph, target: str) -> EvidenceAgainst:
    """Every evidence item that bears against ``target``, most direct first.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph (:func:`graph.model.project`); not changed.
    target : str
        A policy, claim or evidence item: key, IRI, CURIE, label or alias.

    Returns
    -------
    dict
        ``target`` (NodeRef), ``against`` (list of :class:`AgainstRow`,
        by distance then label) and ``sources`` (every source stating a step).

    Raises
    ------
    NodeNotFound, AmbiguousNode
        ``target`` does not name exactly one node.
    InputError
        ``target`` is not a policy, claim or evidence item.
    """
    root = argument_root(G, target, "evidence for or against belongs to a policy, claim or evidence item")
    S = support_graph(G)
    # y -> its shortest supports path to the target (y = the target: [root])
    down: dict[str, list[str]] = {root: [root]}
    if root in S:
        for y, p in nx.single_source_shortest_path(S.reverse(copy=False), root).items():
            down[y] = list(reversed(p))
    best: dict[str, tuple[tuple[int, str], list[str], int]] = {}
    for a, t, _srcs in attack_edges(G):
        if t not in down or a == root:
            continue
        tail = down[t]
        ups: dict[str, list[str]] = {a: [a]}
        if a in S:
            for e, p in nx.single_source_shortest_path(S.reverse(copy=False), a).items():
                ups[e] = list(reversed(p))
        for e, head in ups.items():
            if G.nodes[e].get("kind") != "evidence" or e == root:
                continue
            path = head + tail
            if len(set(path)) < len(path):
                continue  # an item that also supports the target through the attacker: not a clean path
            key = (len(path) - 1, " ".join(path))
            if e not in best or key < best[e][0]:
                best[e] = (key, path, len(head) - 1)
    rows: list[AgainstRow] = []
    sources: set[str] = set()
    for e, ((dist, _), path, at) in best.items():
        hops: list[PathHop] = []
        for i in range(len(path) - 1):
            rel = "attacks" if i == at else "supports"
            srcs = sorted((G.get_edge_data(path[i], path[i + 1], key=rel) or {}).get("sources") or [])
            sources.update(srcs)
            hops.append({"from": path[i], "relation": rel, "to": path[i + 1], "sources": srcs})
        d = G.nodes[e]
        rows.append(
            {
                "evidence": node_ref(G, e),
                "distance": dist,
                "path": path,
                "hops": hops,
                "attacks": node_ref(G, path[at + 1]),
                "sources": list(d.get("sources") or []),
                "quote": best_quote(G, e, hops[0]["sources"]),
                "value": d.get("value"),
                "unit": d.get("unit"),
            }
        )
    rows.sort(key=lambda r: (r["distance"], r["evidence"]["label"].casefold(), r["evidence"]["id"]))
    return {"target": node_ref(G, root), "against": rows, "sources": sorted(sources)}


def evidence_both(
    G: nx.MultiDiGraph, target: str, *, max_paths: int = 10, labels: Mapping[str, str] | None = None
) -> EvidenceBoth:
    """The evidence for and against ``target`` side by side, each ranked by distance.

    Returns
    -------
    dict
        ``target``, ``for`` (rows of :func:`~graph.analysis.evidence.evidence_base`,
        with acceptability ``labels`` when given, and a ``distance``: the steps of the item's shortest path), ``against``
        (as :func:`evidence_against`) and ``sources`` (both sides).
    """
    root = argument_root(G, target, "evidence for or against belongs to a policy, claim or evidence item")
    base = evidence_base(G, root, max_paths=max_paths, labels=labels)
    pro: list[ForRow] = [
        {**r, "distance": min((len(p["nodes"]) - 1 for p in r["paths"]), default=0)} for r in base["evidence"]
    ]
    pro.sort(key=lambda r: (r["distance"], r["evidence"]["label"].casefold(), r["evidence"]["id"]))
    con = evidence_against(G, root)
    return {
        "target": con["target"],
        "for": pro,
        "against": con["against"],
        "sources": sorted(set(base["sources"]) | set(con["sources"])),
    }
