"""Actors: who stands where, who stands together, and who backs policies that pull apart.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("al", kind="actor", label="Al")
>>> for p in ("p1", "p2"):
...     G.add_node(p, kind="policy", label=p.upper())
...     _ = G.add_edge("al", p, key="advocates", predicates=["advocates"], sources=["s"])
>>> G.add_node("c", kind="claim", label="C")
>>> _ = G.add_edge("c", "p1", key="supports", sources=["s"])
>>> _ = G.add_edge("c", "p2", key="attacks", sources=["t"])
>>> [(t["actor"]["id"], t["policy"]["id"], t["undermined"]["id"]) for t in tensions(G)]
[('al', 'p1', 'p2')]
>>> tensions(G)[0]["explanation"]
'C supports P1, and attacks P2'
"""

from __future__ import annotations

import itertools
from collections import deque
from typing import Any

import networkx as nx

from graph.analysis._common import attack_edges, label, node_ref, support_graph
from graph.analysis.results import Coalition, PathHop, Position, StanceCell, StanceMatrix, Tension
from graph.vocab import STANCE

__all__ = ["MIN_SHARED", "MIN_SIMILARITY", "coalitions", "stance_matrix", "stance_similarity", "tensions", "undermining_path"]

_STANCES = tuple(sorted(STANCE))


def _stances(G: nx.MultiDiGraph) -> dict[tuple[str, str], dict[str, Any]]:
    """(actor, policy) -> {"stance", "predicates", "sources"}."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if k not in _STANCES or G.nodes[v].get("kind") not in ("policy", "other"):
            continue
        cell = cells.setdefault((u, v), {"stance": k, "predicates": set(), "sources": set()})
        if cell["stance"] != k:
            cell["stance"] = "both"
        cell["predicates"].update(d.get("predicates") or [k])
        cell["sources"].update(d.get("sources") or [])
    for cell in cells.values():
        cell["predicates"] = sorted(cell["predicates"])
        cell["sources"] = sorted(cell["sources"])
    return cells


def _by_label(G: nx.MultiDiGraph, nodes: set[str]) -> list[str]:
    return sorted(nodes, key=lambda n: (label(G, n).casefold(), n))


def stance_matrix(G: nx.MultiDiGraph) -> StanceMatrix:
    """Actor × policy stances.

    Returns
    -------
    StanceMatrix
        ``actors`` and ``policies`` (``{"id", "label", "kind"}`` sorted by
        label; only those with a stance) and ``stances``: sorted by actor
        then policy label, each ``{"actor", "policy", "stance"
        ("advocates"/"opposes"/"both"), "predicates" (e.g. ["advocates",
        "proposed"]), "sources"}``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="actor"); G.add_node("p", kind="policy")
    >>> _ = G.add_edge("a", "p", key="opposes", predicates=["votedAgainst"], sources=["s"])
    >>> stance_matrix(G)["stances"]
    [{'actor': 'a', 'policy': 'p', 'stance': 'opposes', 'predicates': ['votedAgainst'], 'sources': ['s']}]
    """
    cells = _stances(G)
    actors = _by_label(G, {a for a, _ in cells})
    policies = _by_label(G, {p for _, p in cells})
    a_rank = {a: i for i, a in enumerate(actors)}
    p_rank = {p: i for i, p in enumerate(policies)}
    rows: list[StanceCell] = [
        {"actor": a, "policy": p, "stance": cell["stance"], "predicates": cell["predicates"], "sources": cell["sources"]}
        for (a, p), cell in sorted(cells.items(), key=lambda kv: (a_rank[kv[0][0]], p_rank[kv[0][1]]))
    ]
    return {
        "actors": [node_ref(G, a) for a in actors],
        "policies": [node_ref(G, p) for p in policies],
        "stances": rows,
    }


#: the coalition method's defaults (documented in the README, "Coalitions")
MIN_SHARED = 2
MIN_SIMILARITY = 0.2


def _positions(cells: dict[tuple[str, str], dict[str, Any]]) -> dict[str, dict[tuple[str, str], int]]:
    """actor -> {(policy, side): weight}; the weight is the number of sources stating the stance (at least 1)."""
    out: dict[str, dict[tuple[str, str], int]] = {}
    for (a, p), cell in cells.items():
        for st in (_STANCES if cell["stance"] == "both" else (cell["stance"],)):
            out.setdefault(a, {})[(p, st)] = max(1, len(cell["sources"]))
    return out


def stance_similarity(
    mine: dict[tuple[str, str], int], theirs: dict[tuple[str, str], int]
) -> tuple[float, int, int]:
    """``(similarity, shared, opposed)`` of two actors' positions.

    ``similarity`` is a weighted Jaccard index — the sum over shared
    positions (same side of the same policy) of the smaller weight, minus
    the same sum over opposed positions (one advocates what the other
    opposes), over the sum over all their positions of the larger weight;
    ``shared`` and ``opposed`` count the positions.

    >>> a = {("p", "advocates"): 2, ("q", "advocates"): 1}
    >>> stance_similarity(a, {("p", "advocates"): 1, ("q", "opposes"): 1})
    (0.0, 1, 1)
    >>> stance_similarity(a, a)
    (1.0, 2, 0)
    """
    flip = {"advocates": "opposes", "opposes": "advocates"}
    keys = set(mine) | set(theirs)
    shared = [k for k in keys if k in mine and k in theirs]
    opposed = [k for k in mine if (k[0], flip[k[1]]) in theirs]
    agree = sum(min(mine[k], theirs[k]) for k in shared)
    clash = sum(min(mine[k], theirs[(k[0], flip[k[1]])]) for k in opposed)
    total = sum(max(mine.get(k, 0), theirs.get(k, 0)) for k in keys)
    return (round((agree - clash) / total, 4) if total else 0.0), len(shared), len(opposed)


def _candidate_pairs(pos: dict[str, dict[tuple[str, str], int]], actors: list[str]) -> list[tuple[str, str]]:
    """The pairs (a, b), a < b, sorted, that hold at least one position in common.

    Only they can be linked (a link needs a positive similarity, whose
    numerator is positive only with a shared position), so the pairs come
    from an index of who holds each position: the cost is the sum of the
    squared audiences of the positions, not the square of all actors.
    """
    holders: dict[tuple[str, str], list[str]] = {}
    for a in actors:  # sorted, so each holder list is sorted
        for key in pos[a]:
            holders.setdefault(key, []).append(a)
    pairs: set[tuple[str, str]] = set()
    for group in holders.values():
        for i, a in enumerate(group):
            pairs.update((a, b) for b in group[i + 1 :])
    return sorted(pairs)


def coalitions(
    G: nx.MultiDiGraph,
    *,
    min_size: int = 2,
    min_shared: int = MIN_SHARED,
    min_similarity: float = MIN_SIMILARITY,
) -> list[Coalition]:
    """Groups of actors who take the same stances on the same policies.

    Method: two actors are linked when they share at least ``min_shared``
    positions (the same side of the same policy) and their
    :func:`stance_similarity` — a weighted Jaccard index over positions,
    each weighted by the number of sources stating it, opposed positions
    counted against — is at least ``min_similarity`` and above zero (one
    who clashes with another as often as they agree is no ally); the link's
    weight is that similarity. Only pairs holding a position in common are
    compared (an index of who holds each position), so the cost grows with
    the audiences of the positions, not with the square of all actors.
    Coalitions are the communities of that actor graph
    (networkx's greedy modularity maximisation on the weights,
    deterministic). An actor who shares fewer than ``min_shared`` positions
    with anyone is in no coalition: one shared stance ("the war on drugs")
    does not make Nixon an ally of Sessions.

    Parameters
    ----------
    min_size : int
        Leave out communities with fewer actors than this.
    min_shared : int
        Positions two actors must share to be linked.
    min_similarity : float
        Similarity two actors must reach to be linked.

    Returns
    -------
    list of Coalition
        ``actors`` (``{"id", "label", "kind"}`` sorted by label),
        ``positions``: the positions held by two members or more, most
        widely held first (``{"policy": {"id", "label", "kind"}, "stance",
        "actors": [ids], "sources": [...]}``), and ``cohesion`` (the mean
        similarity of the linked pairs inside it); communities sorted by size
        (descending) then first actor's label.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a", "b", "c", "d"], kind="actor"); G.add_nodes_from(["p", "q", "r", "s"], kind="policy")
    >>> for u, v in [("a", "p"), ("a", "q"), ("b", "p"), ("b", "q"), ("c", "r"), ("c", "s"), ("d", "r"), ("d", "s")]:
    ...     _ = G.add_edge(u, v, key="advocates", sources=["s"])
    >>> [[x["id"] for x in c["actors"]] for c in coalitions(G)]
    [['a', 'b'], ['c', 'd']]
    """
    cells = _stances(G)
    if not cells:
        return []
    pos = _positions(cells)
    A = nx.Graph()
    actors = sorted(pos)
    A.add_nodes_from(actors)
    for a, b in _candidate_pairs(pos, actors):
        sim, shared, _ = stance_similarity(pos[a], pos[b])
        if shared >= min_shared and sim >= min_similarity and sim > 0:
            A.add_edge(a, b, weight=sim)
    A.remove_nodes_from([n for n in list(A) if A.degree(n) == 0])
    if A.number_of_edges() == 0:
        return []
    comms = nx.community.greedy_modularity_communities(A, weight="weight")
    out: list[Coalition] = []
    for comm in comms:
        members = set(comm)
        if len(members) < min_size:
            continue
        held: dict[tuple[str, str], list[str]] = {}
        for a in members:
            for key in pos[a]:
                held.setdefault(key, []).append(a)
        positions: list[Position] = [
            {
                "policy": node_ref(G, p),
                "stance": st,
                "actors": sorted(acts),
                "sources": sorted({s for a in acts for s in cells[(a, p)]["sources"]}),
            }
            for (p, st), acts in held.items()
            if len(acts) > 1
        ]
        positions.sort(key=lambda r: (-len(r["actors"]), r["policy"]["label"].casefold(), r["policy"]["id"], r["stance"]))
        sims = [d["weight"] for u, v, d in A.subgraph(members).edges(data=True)]
        out.append(
            {
                "actors": [node_ref(G, a) for a in _by_label(G, members)],
                "positions": positions,
                "cohesion": round(sum(sims) / len(sims), 3) if sims else 0.0,
            }
        )
    out.sort(key=lambda c: (-len(c["actors"]), c["actors"][0]["label"].casefold(), c["actors"][0]["id"]))
    return out


def _up_paths(S: nx.DiGraph, start: str) -> dict[str, list[str]]:
    """x -> shortest supports chain [x, …, start] for every x that supports* start."""
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        n = queue.popleft()
        for m in sorted(S.predecessors(n)) if n in S else []:
            if m not in parent:
                parent[m] = n
                queue.append(m)
    out = {}
    for x in parent:
        chain = [x]
        while parent[chain[-1]] is not None:
            chain.append(parent[chain[-1]])  # type: ignore[arg-type]
        out[x] = chain
    return out


def _attacks_by_attacker(atts: list[tuple[str, str, list[str]]]) -> dict[str, list[str]]:
    by: dict[str, list[str]] = {}
    for c, x, _ in atts:
        by.setdefault(c, []).append(x)
    return by


def _undermine(
    by_attacker: dict[str, list[str]], up1: dict[str, list[str]], up2: dict[str, list[str]]
) -> list[list[str]] | None:
    """The least ``(length, hops)`` path c supports… p1, c attacks x, x supports… p2.

    Walks only the attacks made by the case for p1 (``up1``), not every
    attack in the graph: the cost is the size of that case, not of the debate.
    """
    best: tuple[int, list[list[str]]] | None = None
    for c in up1.keys() & by_attacker.keys():
        for x in by_attacker[c]:
            if x not in up2:
                continue
            c1, c2 = up1[c], up2[x]
            hops = [[a, "supports", b] for a, b in itertools.pairwise(c1)]
            hops.append([c, "attacks", x])
            hops += [[a, "supports", b] for a, b in itertools.pairwise(c2)]
            if best is None or (len(hops), hops) < best:
                best = (len(hops), hops)
    return best[1] if best else None


def undermining_path(G: nx.MultiDiGraph, p1: str, p2: str) -> list[list[str]] | None:
    """The shortest argument that the case for ``p1`` undermines ``p2``, or None.

    The path is ``c supports … p1`` and ``c attacks x`` and ``x supports …
    p2`` (``c`` may be ``p1`` itself, ``x`` may be ``p2``): something argued
    for ``p1`` attacks ``p2`` or an argument for it. Returned as hops
    ``[from, relation, to]`` in reading order.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["p", "q"], kind="policy")
    >>> _ = G.add_edge("c", "p", key="supports", sources=[])
    >>> _ = G.add_edge("c", "d", key="attacks", sources=[])
    >>> _ = G.add_edge("d", "q", key="supports", sources=[])
    >>> undermining_path(G, "p", "q")
    [['c', 'supports', 'p'], ['c', 'attacks', 'd'], ['d', 'supports', 'q']]
    >>> undermining_path(G, "q", "p") is None
    True
    """
    S = support_graph(G)
    return _undermine(_attacks_by_attacker(attack_edges(G)), _up_paths(S, p1), _up_paths(S, p2))


def _in_words(G: nx.MultiDiGraph, hops: list[list[str]]) -> str:
    """Hops as a sentence; consecutive hops from one node share its name."""
    parts: list[str] = []
    prev = None
    for u, rel, v in hops:
        parts.append(f"and {rel} {label(G, v)}" if u == prev else f"{label(G, u)} {rel} {label(G, v)}")
        prev = u
    return "; ".join(parts).replace("; and ", ", and ")


def tensions(G: nx.MultiDiGraph) -> list[Tension]:
    """Actors who back two policies where the graph argues that one undermines the other.

    For every actor who advocates both P and Q, :func:`undermining_path`
    looks for an argument from the case for P against Q (and from Q
    against P: each direction is its own row).

    Returns
    -------
    list of Tension
        ``actor``, ``policy`` (the one whose case undermines), ``undermined``
        (each ``{"id", "label", "kind"}``), ``stance_sources`` (``{"policy":
        [...], "undermined": [...]}``: where the actor's backing is stated),
        ``path`` (hops ``{"from", "relation", "to", "sources"}``) and
        ``explanation`` (the path in words); sorted by actor label, then the
        two policy labels.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("sen", kind="actor", label="Senator")
    >>> G.add_node("reform", kind="policy", label="Reform"); G.add_node("harsh", kind="policy", label="Harsh")
    >>> for u, rel, v in [("sen", "advocates", "reform"), ("sen", "advocates", "harsh"),
    ...                   ("c", "supports", "reform"), ("c", "attacks", "harsh")]:
    ...     _ = G.add_edge(u, v, key=rel, sources=["s"])
    >>> G.add_node("c", kind="claim", label="Harsh penalties undo reform")
    >>> [t["explanation"] for t in tensions(G)]
    ['Harsh penalties undo reform supports Reform, and attacks Harsh']
    """
    cells = _stances(G)
    backs: dict[str, list[str]] = {}
    for (a, p), cell in cells.items():
        if cell["stance"] in ("advocates", "both"):
            backs.setdefault(a, []).append(p)
    S = support_graph(G)
    atts = _attacks_by_attacker(attack_edges(G))
    ups: dict[str, dict[str, list[str]]] = {}
    paths: dict[tuple[str, str], list[list[str]] | None] = {}
    out: list[Tension] = []
    for a, pols in backs.items():
        for p in pols:
            for q in pols:
                if p == q:
                    continue
                if (p, q) not in paths:
                    for x in (p, q):
                        if x not in ups:
                            ups[x] = _up_paths(S, x)
                    paths[(p, q)] = _undermine(atts, ups[p], ups[q])
                hops = paths[(p, q)]
                if hops is None:
                    continue
                path: list[PathHop] = [
                    {
                        "from": u,
                        "relation": rel,
                        "to": v,
                        "sources": sorted(G.get_edge_data(u, v, key=rel).get("sources") or []),
                    }
                    for u, rel, v in hops
                ]
                out.append(
                    {
                        "actor": node_ref(G, a),
                        "policy": node_ref(G, p),
                        "undermined": node_ref(G, q),
                        "stance_sources": {"policy": cells[(a, p)]["sources"], "undermined": cells[(a, q)]["sources"]},
                        "path": path,
                        "explanation": _in_words(G, hops),
                    }
                )
    out.sort(
        key=lambda r: (
            r["actor"]["label"].casefold(),
            r["actor"]["id"],
            r["policy"]["label"].casefold(),
            r["undermined"]["label"].casefold(),
            r["policy"]["id"],
            r["undermined"]["id"],
        )
    )
    return out
