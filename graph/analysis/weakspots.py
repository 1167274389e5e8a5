"""Weak spots of a debate: unsupported, single-source, contested and circular arguments.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, k in [("c", "claim"), ("p", "policy"), ("x", "claim")]:
...     G.add_node(n, kind=k, label=n.upper())
>>> _ = G.add_edge("c", "p", key="supports", sources=["s1"])
>>> _ = G.add_edge("x", "p", key="attacks", sources=["s2"])
>>> [r["node"]["id"] for r in unsupported(G)]  # c first: p rests on it
['c', 'p', 'x']
>>> [(r["node"]["id"], r["score"]) for r in contested(G)]
[('p', 1.0)]
"""

from __future__ import annotations

import itertools

import networkx as nx

from graph.analysis._common import (
    asserted_by,
    attack_edges,
    best_quote,
    kind_rank,
    node_ref,
    stance_actors,
    support_components,
    support_graph,
)
from graph.analysis.evidence import evidence_sets
from graph.analysis.results import (
    Circular,
    Contested,
    NodeRef,
    Side,
    SingleSource,
    SupportHop,
    Unsupported,
    WeakSpots,
)

__all__ = ["circular_support", "contested", "single_source", "unsupported", "weak_spots"]


def _order(ref: NodeRef) -> tuple[int, str, str]:
    return (kind_rank(ref["kind"]), ref["label"].casefold(), ref["id"])


def unsupported(G: nx.MultiDiGraph, *, kind: str | None = None) -> list[Unsupported]:
    """Claims and policies that rest on no evidence at all, those most rested on first.

    Parameters
    ----------
    kind : {"claim", "policy"}, optional
        Only claims or only policies.

    Returns
    -------
    list of Unsupported
        Ranked by how much rests on each (the claims and policies it
        supports, directly or through others: ``rests_on_it``), then by how
        many actors assert or advocate it, then policies before claims, by
        label: ``node`` (``{"id", "label",
        "kind"}``), ``sources`` (that speak of it), ``quote`` (or None),
        ``supporters`` (direct supporters, sorted ids — claims without
        evidence of their own), ``attackers`` (direct attackers, sorted
        ids), ``asserted_by`` (``{"actor", "label", "sources"}``: who asserts
        it, and for a policy who advocates it) and ``rests_on_it`` (sorted
        ids).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("e", "evidence"), ("c", "claim"), ("p", "policy"), ("x", "claim")]:
    ...     G.add_node(n, kind=k, label=n.upper(), sources=["s"], quotes=[])
    >>> for u, rel, v in [("e", "supports", "c"), ("c", "supports", "p"), ("x", "attacks", "c")]:
    ...     _ = G.add_edge(u, v, key=rel, sources=["s"])
    >>> [(r["node"]["id"], r["attackers"]) for r in unsupported(G)]
    [('x', [])]
    """
    bases = evidence_sets(G)
    S = support_graph(G)
    attackers: dict[str, list[str]] = {}
    for a, t, _ in attack_edges(G):
        attackers.setdefault(t, []).append(a)
    out: list[Unsupported] = []
    for n, base in bases.items():
        if base or G.nodes[n].get("kind") not in ("claim", "policy") or (kind is not None and G.nodes[n].get("kind") != kind):
            continue
        said = asserted_by(G, n)
        if G.nodes[n].get("kind") == "policy":
            said += [{"actor": r["actor"], "label": r["label"], "sources": r["sources"]} for r in stance_actors(G, n, "advocates")]
        out.append(
            {
                "node": node_ref(G, n),
                "sources": list(G.nodes[n].get("sources") or []),
                "quote": best_quote(G, n),
                "supporters": sorted(S.predecessors(n)),
                "attackers": sorted(attackers.get(n, [])),
                "asserted_by": sorted(said, key=lambda r: (r["label"].casefold(), r["actor"])),
                "rests_on_it": sorted(_downstream(S, n)) if n in S else [],
            }
        )
    return sorted(out, key=lambda r: (-len(r["rests_on_it"]), -len(r["asserted_by"]), *_order(r["node"])))


def single_source(G: nx.MultiDiGraph) -> list[SingleSource]:
    """Claims and policies whose whole support rests on one source.

    A node qualifies when it has evidence below it and every ``supports``
    edge in the support tree below it is asserted by the same single source.

    Returns
    -------
    list of SingleSource
        Sorted policies first, then claims, by label: ``node``, ``source``
        (the one source), ``evidence`` (sorted evidence ids) and
        ``supports`` (the number of supports edges below it).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", kind="evidence"); G.add_node("c", kind="claim")
    >>> _ = G.add_edge("e", "c", key="supports", sources=["s1"])
    >>> [(r["node"]["id"], r["source"]) for r in single_source(G)]
    [('c', 's1')]
    """
    bases = evidence_sets(G)
    S = support_graph(G)
    tree_sources = _tree_sources(S)
    out: list[SingleSource] = []
    for n, base in bases.items():
        if not base or G.nodes[n].get("kind") not in ("claim", "policy"):
            continue
        srcs = tree_sources[n]
        if len(srcs) == 1:
            below = _upstream(S, n)  # only for the rows shown: count its edges
            edges = sum(1 for u in below for v in S._succ[u] if v in below)
            out.append({"node": node_ref(G, n), "source": next(iter(srcs)), "evidence": base, "supports": edges})
    return sorted(out, key=lambda r: _order(r["node"]))


def _upstream(S: nx.DiGraph, n: str) -> set[str]:
    """``n`` and every node with a path to it (networkx's ancestors, on its own dicts)."""
    pred = S._pred
    seen = {n}
    stack = [n]
    while stack:
        for p in pred[stack.pop()]:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def _downstream(S: nx.DiGraph, n: str) -> set[str]:
    """Every node ``n`` has a path to, ``n`` itself only on a cycle (networkx's descendants)."""
    succ = S._succ
    seen: set[str] = set()
    stack = [n]
    while stack:
        for m in succ[stack.pop()]:
            if m not in seen:
                seen.add(m)
                stack.append(m)
    seen.discard(n)
    return seen


def _tree_sources(S: nx.DiGraph) -> dict[str, frozenset[str]]:
    """For every node, the sources of the supports edges in the tree below it, cut at two.

    The edges of the tree below n are the in-edges of n and of everything
    upstream of it, so one pass in topological order over the condensation
    (a support cycle is one node) carries them down; a set stops growing at
    two sources, since only "exactly one" matters.
    """
    C = support_components(S)
    pred = S._pred
    own: list[set[str]] = []
    for ms in C.members:
        srcs: set[str] = set()
        for m in ms:
            for d in pred[m].values():
                srcs.update(d["sources"])
        own.append(srcs)
    tree: list[frozenset[str]] = [frozenset()] * len(C.members)
    for c in C.order:
        acc = set(own[c])
        for p in C.preds[c]:
            if len(acc) > 1:
                break
            acc |= tree[p]
        tree[c] = frozenset(sorted(acc)[:2]) if len(acc) > 2 else frozenset(acc)
    return {m: tree[c] for c, ms in enumerate(C.members) for m in ms}


def _side(G: nx.MultiDiGraph, n: str, relation: str, stance: str) -> Side:
    args = sorted(
        {u for u, _, k in G.in_edges(n, keys=True) if k == relation and u != n},
    )
    actors: set[str] = set()
    sources: set[str] = set()
    for a in args:
        sources.update(G.get_edge_data(a, n, key=relation).get("sources") or [])
        for r in asserted_by(G, a):
            actors.add(r["actor"])
            sources.update(r["sources"])
    if G.nodes[n].get("kind") == "policy":
        for r in stance_actors(G, n, stance):
            actors.add(r["actor"])
            sources.update(r["sources"])
    return {
        "arguments": args,
        "actors": sorted(actors),
        "sources": sorted(sources),
        "weight": len(actors) + len(sources),
    }


def contested(G: nx.MultiDiGraph) -> list[Contested]:
    """Arguments that are both supported and attacked, most contested first.

    Each side (``pro``: direct supporters, ``con``: direct attackers) is
    weighed by the distinct actors behind it (who assert its arguments; for a
    policy also who advocates / opposes it) plus the distinct sources that
    state it. The contestedness ``score`` is the harmonic mean of the two
    weights, ``2·pro·con / (pro + con)``: it grows with the breadth of both
    sides and is highest when they are balanced (1 pro vs 1 con scores 1.0;
    3 vs 3 scores 3.0; 1 vs 5 scores 1.67).

    Returns
    -------
    list of Contested
        ``node``, ``score`` (rounded to 2 places), ``pro`` and ``con``
        (each ``{"arguments", "actors", "sources", "weight"}``), sorted by
        score descending, then total weight descending, then label.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("e", "evidence"), ("c", "claim"), ("p", "policy"), ("x", "claim")]:
    ...     G.add_node(n, kind=k, label=n.upper(), sources=["s"], quotes=[])
    >>> for u, rel, v in [("e", "supports", "c"), ("c", "supports", "p"), ("x", "attacks", "c")]:
    ...     _ = G.add_edge(u, v, key=rel, sources=["s"])
    >>> [(r["node"]["id"], r["pro"]["arguments"], r["con"]["arguments"], r["score"]) for r in contested(G)]
    [('c', ['e'], ['x'], 1.0)]
    """
    S = support_graph(G)
    attacked = {t for _, t, _ in attack_edges(G)}
    out: list[Contested] = []
    for n in S:
        if n not in attacked or not any(u != n for u in S.predecessors(n)):
            continue
        pro = _side(G, n, "supports", "advocates")
        con = _side(G, n, "attacks", "opposes")
        if not con["arguments"]:
            continue
        p, c = pro["weight"], con["weight"]
        score = round(2 * p * c / (p + c), 2) if p + c else 0.0
        out.append({"node": node_ref(G, n), "score": score, "pro": pro, "con": con})
    return sorted(out, key=lambda r: (-r["score"], -(r["pro"]["weight"] + r["con"]["weight"]), *_order(r["node"])))


def circular_support(G: nx.MultiDiGraph) -> list[Circular]:
    """Cycles of ``supports``: arguments that end up supporting themselves.

    Returns
    -------
    list of Circular
        ``nodes`` (the cycle, starting at its smallest id, not repeated at
        the end) and ``hops`` (``{"from", "to", "sources"}`` in cycle order),
        sorted by ``nodes``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("b", "a"), ("a", "b"), ("c", "c")]:
    ...     _ = G.add_edge(u, v, key="supports", sources=["s"])
    >>> [c["nodes"] for c in circular_support(G)]
    [['a', 'b'], ['c']]
    """
    S = support_graph(G)
    # a cycle lies inside one strongly connected component: look only where there is one
    cyclic = [ms for ms in support_components(S).members if len(ms) > 1 or S.has_edge(ms[0], ms[0])]
    out: list[Circular] = []
    for cyc in (c for ms in cyclic for c in nx.simple_cycles(S.subgraph(ms))):
        i = cyc.index(min(cyc))
        nodes = cyc[i:] + cyc[:i]
        ring = [*nodes, nodes[0]]
        hops: list[SupportHop] = [{"from": u, "to": v, "sources": list(S.edges[u, v]["sources"])} for u, v in itertools.pairwise(ring)]
        out.append({"nodes": nodes, "hops": hops})
    return sorted(out, key=lambda r: r["nodes"])


def weak_spots(G: nx.MultiDiGraph) -> WeakSpots:
    """All four checks at once: ``unsupported``, ``single_source``, ``contested``, ``circular``.

    >>> import networkx as nx
    >>> weak_spots(nx.MultiDiGraph())
    {'unsupported': [], 'single_source': [], 'contested': [], 'circular': []}
    """
    return {
        "unsupported": unsupported(G),
        "single_source": single_source(G),
        "contested": contested(G),
        "circular": circular_support(G),
    }
