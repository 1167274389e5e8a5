"""The whole-debate analyses' fast paths give exactly what the straightforward
computation gives, on random graphs (hypothesis) and on the corpus.

Speed never changes an answer: each fast path (one topological pass for
evidence bases and single-source trees, the bases inverted once for the
load-bearing ranking, attacks indexed by attacker for tensions) is compared
with the search-from-every-node definition it replaces.
"""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis import coalitions, evidence_sets, load_bearing, single_source, tensions
from graph.analysis._common import attack_edges, support_graph
from graph.analysis.actors import (
    _candidate_pairs,
    _positions,
    _stances,
    _up_paths,
    stance_similarity,
)

KINDS = ["evidence", "claim", "policy"]


@st.composite
def debates(draw: st.DrawFn) -> nx.MultiDiGraph:
    n = draw(st.integers(min_value=1, max_value=12))
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"n{i}", kind=draw(st.sampled_from(KINDS)), label=f"N{i}", sources=["s"], quotes=[])
    nodes = sorted(G)
    edges = draw(
        st.lists(
            st.tuples(st.sampled_from(nodes), st.sampled_from(["supports", "attacks"]), st.sampled_from(nodes), st.sampled_from(["s1", "s2", "s3"])),
            max_size=30,
        )
    )
    for u, rel, v, src in edges:
        if G.has_edge(u, v, key=rel):
            G.edges[u, v, rel]["sources"] = sorted({*G.edges[u, v, rel]["sources"], src})
        else:
            G.add_edge(u, v, key=rel, sources=[src])
    for a, (p, q) in enumerate(itertools.combinations([m for m in nodes if G.nodes[m]["kind"] == "policy"], 2)):
        actor = f"a{a}"
        G.add_node(actor, kind="actor", label=f"A{a}", sources=["s"])
        G.add_edge(actor, p, key="advocates", sources=["s"])
        G.add_edge(actor, q, key="advocates", sources=["s"])
    return G


def naive_evidence_sets(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    S = support_graph(G)
    return {n: sorted(a for a in nx.ancestors(S, n) if a != n and G.nodes[a].get("kind") == "evidence") for n in S}


def naive_single_source(G: nx.MultiDiGraph) -> dict[str, tuple[str, int]]:
    bases, S = naive_evidence_sets(G), support_graph(G)
    out = {}
    for n, base in bases.items():
        if not base or G.nodes[n].get("kind") not in ("claim", "policy"):
            continue
        below = nx.ancestors(S, n) | {n}
        edges = [(u, v) for u in below for v in S.succ[u] if v in below]
        srcs = {s for u, v in edges for s in S.edges[u, v]["sources"]}
        if len(srcs) == 1:
            out[n] = (next(iter(srcs)), len(edges))
    return out


def naive_undermine(G: nx.MultiDiGraph, p1: str, p2: str) -> list[list[str]] | None:
    S = support_graph(G)
    up1, up2 = _up_paths(S, p1), _up_paths(S, p2)
    best = None
    for c, x, _ in attack_edges(G):  # every attack in the graph
        if c in up1 and x in up2:
            hops = [[a, "supports", b] for a, b in itertools.pairwise(up1[c])]
            hops.append([c, "attacks", x])
            hops += [[a, "supports", b] for a, b in itertools.pairwise(up2[x])]
            if best is None or (len(hops), hops) < best:
                best = (len(hops), hops)
    return best[1] if best else None


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(debates())
def test_evidence_sets_equal_the_search_from_every_node(G):
    assert evidence_sets(G) == naive_evidence_sets(G)


@FAST
@given(debates())
def test_single_source_equals_the_search_from_every_node(G):
    got = {r["node"]["id"]: (r["source"], r["supports"]) for r in single_source(G)}
    assert got == naive_single_source(G)


@FAST
@given(debates())
def test_load_bearing_rests_equal_the_scan_of_every_base(G):
    bases = naive_evidence_sets(G)
    for row in load_bearing(G, labels=False):
        e = row["evidence"]["id"]
        rest = {m for m, b in bases.items() if e in b and G.nodes[m]["kind"] in ("claim", "policy")}
        assert set(row["rests_on"]) == rest
        assert set(row["sole_support"]) == {m for m in rest if bases[m] == [e]}


@FAST
@given(debates())
def test_tensions_paths_equal_the_scan_of_every_attack(G):
    for t in tensions(G):
        hops = [[h["from"], h["relation"], h["to"]] for h in t["path"]]
        assert hops == naive_undermine(G, t["policy"]["id"], t["undermined"]["id"])
    # and no tension is missed
    found = {(t["policy"]["id"], t["undermined"]["id"]) for t in tensions(G)}
    for p, q in itertools.permutations([n for n in G if G.nodes[n]["kind"] == "policy"], 2):
        backers = {u for u, _, k in G.in_edges(p, keys=True) if k == "advocates"}
        if backers & {u for u, _, k in G.in_edges(q, keys=True) if k == "advocates"}:
            assert ((p, q) in found) == (naive_undermine(G, p, q) is not None)


def test_fast_paths_on_the_corpus():
    from graph.model import project
    from graph.stores import open_store

    G = project(open_store("memory"))
    assert evidence_sets(G) == naive_evidence_sets(G)
    got = {r["node"]["id"]: (r["source"], r["supports"]) for r in single_source(G)}
    assert got == naive_single_source(G)


def naive_coalition_links(G: nx.MultiDiGraph, min_shared: int, min_similarity: float) -> list[tuple[str, str, float]]:
    pos = _positions(_stances(G))
    actors = sorted(pos)
    out = []
    for i, a in enumerate(actors):
        for b in actors[i + 1 :]:
            sim, shared, _ = stance_similarity(pos[a], pos[b])
            if shared >= min_shared and sim >= min_similarity and sim > 0:
                out.append((a, b, sim))
    return out


@st.composite
def stance_debates(draw: st.DrawFn) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    policies = [f"p{i}" for i in range(draw(st.integers(1, 5)))]
    actors = [f"a{i}" for i in range(draw(st.integers(1, 8)))]
    G.add_nodes_from(policies, kind="policy", label="P")
    G.add_nodes_from(actors, kind="actor", label="A")
    for a, p, rel, srcs in draw(
        st.lists(
            st.tuples(st.sampled_from(actors), st.sampled_from(policies), st.sampled_from(["advocates", "opposes"]),
                      st.lists(st.sampled_from(["s1", "s2", "s3"]), max_size=3, unique=True)),
            max_size=25,
        )
    ):  # fmt: skip
        G.add_edge(a, p, key=rel, sources=sorted(srcs))
    return G


@FAST
@given(stance_debates(), st.integers(0, 3), st.sampled_from([-1.0, 0.0, 0.2, 0.5]))
def test_coalition_links_from_the_position_index_equal_every_pair(G, min_shared, min_similarity):
    pos = _positions(_stances(G))
    actors = sorted(pos)
    fast = []
    for a, b in _candidate_pairs(pos, actors):
        sim, shared, _ = stance_similarity(pos[a], pos[b])
        if shared >= min_shared and sim >= min_similarity and sim > 0:
            fast.append((a, b, sim))
    assert fast == naive_coalition_links(G, min_shared, min_similarity)
    # and the public function agrees with a graph built from every pair
    A = nx.Graph()
    A.add_nodes_from(actors)
    A.add_weighted_edges_from(fast)
    linked = {n for n in A if A.degree(n)}
    assert {x["id"] for c in coalitions(G, min_size=1, min_shared=min_shared, min_similarity=min_similarity)
            for x in c["actors"]} == linked  # fmt: skip
