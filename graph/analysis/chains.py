"""Argument chains: the tree of supporting and attacking arguments under a policy or claim.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("p", kind="policy", label="P", quotes=[])
>>> G.add_node("c", kind="claim", label="C", quotes=[{"source": "s", "quote": "c!"}])
>>> G.add_node("e", kind="evidence", label="E", quotes=[])
>>> _ = G.add_edge("c", "p", key="supports", relation="supports", sources=["s"])
>>> _ = G.add_edge("e", "c", key="attacks", relation="attacks", sources=["t"])
>>> t = argument_tree(G, "p")
>>> [(k["id"], k["relation"]) for k in t["tree"]["children"]]
[('c', 'supports')]
>>> [(k["id"], k["relation"], k["edge_sources"]) for k in t["tree"]["children"][0]["children"]]
[('e', 'attacks', ['t'])]
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from graph.analysis._common import (
    ARGUMENT_KINDS,
    a_kind,
    asserted_by,
    best_quote,
    kind_rank,
    label,
    node_ref,
    stance_actors,
)
from graph.analysis.results import ArgumentTree, ChainCounts, Stances, TreeNode
from graph.errors import InputError
from graph.model import resolve
from graph.terms import curie

__all__ = ["argument_tree", "iter_tree"]

_REL_ORDER = {"supports": 0, "attacks": 1}


def _children(G: nx.MultiDiGraph, n: str) -> list[tuple[str, str, list[str]]]:
    out = []
    for u, _, k, d in G.in_edges(n, keys=True, data=True):
        if k in _REL_ORDER:
            out.append((u, k, sorted(d.get("sources") or [])))
    out.sort(key=lambda r: (_REL_ORDER[r[1]], kind_rank(G.nodes[r[0]].get("kind", "")), label(G, r[0]).casefold(), r[0]))
    return out


def argument_tree(
    G: nx.MultiDiGraph,
    target: str,
    *,
    depth: int | None = None,
    labels: Mapping[str, str] | None = None,
) -> ArgumentTree:
    """The argument tree below a policy or claim, down to the evidence.

    Each node's children are the arguments with a ``supports`` or
    ``attacks`` edge into it (supports first, then by kind and label).
    A node already on the path from the root is not expanded again (a
    *cycle*, reported); a node already expanded elsewhere in the tree is
    shown once more without children (``repeat``), so the tree stays linear
    in the size of the graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph (:func:`graph.model.project`); not changed.
    target : str
        A node key, IRI, CURIE or label (see :func:`graph.model.resolve`).
    depth : int or None
        How many levels below the root to show (``0``: the root alone);
        None for no limit.
    labels : mapping, optional
        Acceptability labels (:func:`graph.semantics.grounded_labels`) to
        attach to each node as ``acceptability``.

    Returns
    -------
    ArgumentTree
        ``target``, ``depth``, ``stances`` (empty unless the target is a
        policy), ``tree`` (the root :class:`~graph.analysis.results.TreeNode`),
        ``cycles`` (each a list of node ids ``[a, …, a]`` following the
        edges, sorted) and ``counts``; see :mod:`graph.analysis.results`.

    Raises
    ------
    NodeNotFound, AmbiguousNode
        ``target`` does not name exactly one node.
    InputError
        the target is not a policy, claim or evidence item, or ``depth`` < 0.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("e", "evidence"), ("c", "claim"), ("p", "policy"), ("x", "claim")]:
    ...     G.add_node(n, kind=k, label=n.upper(), sources=["s"], quotes=[])
    >>> for u, rel, v in [("e", "supports", "c"), ("c", "supports", "p"), ("x", "attacks", "c")]:
    ...     _ = G.add_edge(u, v, key=rel, sources=["s"])
    >>> t = argument_tree(G, "p", depth=1)
    >>> [(k["id"], k["relation"], k["truncated"]) for k in t["tree"]["children"]]
    [('c', 'supports', True)]
    >>> t["counts"]["nodes"], t["cycles"]
    (2, [])
    """
    if depth is not None and depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}")
    root = resolve(G, target)
    kind = G.nodes[root].get("kind", "other")
    if kind not in ARGUMENT_KINDS:
        raise InputError(
            f"{label(G, root)} ({curie(root)}) is {a_kind(kind)}: argument chains start at a policy, claim or evidence item"
        )
    cycles: set[tuple[str, ...]] = set()
    expanded: set[str] = set()
    seen_nodes: set[str] = set()
    counts: ChainCounts = {"nodes": 0, "supports": 0, "attacks": 0, "evidence": 0, "truncated": 0, "cycles": 0}

    def make(n: str, relation: str | None, edge_srcs: list[str], path: list[str]) -> TreeNode:
        ref = node_ref(G, n)
        counts["nodes"] += 1
        if relation == "supports":
            counts["supports"] += 1
        elif relation == "attacks":
            counts["attacks"] += 1
        if ref["kind"] == "evidence" and n not in seen_nodes:
            counts["evidence"] += 1
        seen_nodes.add(n)
        node: TreeNode = {
            "id": ref["id"],
            "label": ref["label"],
            "kind": ref["kind"],
            "relation": relation,
            "edge_sources": edge_srcs,
            "sources": list(G.nodes[n].get("sources") or []),
            "quote": best_quote(G, n, edge_srcs),
            "asserted_by": asserted_by(G, n),
            "acceptability": labels.get(n) if labels is not None else None,
            "cycle": False,
            "repeat": False,
            "truncated": False,
            "children": [],
        }
        if n in path:
            node["cycle"] = True
            loop = [*path[path.index(n) :], n][::-1]  # edges run child → parent
            i = min(range(len(loop) - 1), key=lambda j: loop[j])
            cycles.add((*loop[i:-1], *loop[:i], loop[i]))
            return node
        kids = _children(G, n)
        if n in expanded:
            node["repeat"] = bool(kids)
            return node
        if depth is not None and len(path) >= depth:
            node["truncated"] = bool(kids)
            counts["truncated"] += bool(kids)
            return node
        expanded.add(n)
        node["children"] = [make(c, rel, srcs, [*path, n]) for c, rel, srcs in kids]
        return node

    tree = make(root, None, [], [])
    stances: Stances = {"advocates": [], "opposes": []}
    if kind == "policy":
        stances = {"advocates": stance_actors(G, root, "advocates"), "opposes": stance_actors(G, root, "opposes")}
    counts["cycles"] = len(cycles)
    return {
        "target": node_ref(G, root),
        "depth": depth,
        "stances": stances,
        "tree": tree,
        "cycles": [list(c) for c in sorted(cycles)],
        "counts": counts,
    }


def iter_tree(tree: TreeNode, level: int = 0) -> list[tuple[int, TreeNode]]:
    """Flatten a tree node from :func:`argument_tree` into ``(level, node)`` pairs, depth first.

    >>> iter_tree({"id": "a", "children": [{"id": "b", "children": []}]})[1][0]
    1
    """
    out = [(level, tree)]
    for child in tree.get("children", []):
        out.extend(iter_tree(child, level + 1))
    return out
