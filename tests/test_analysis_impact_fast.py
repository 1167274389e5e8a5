"""The load-bearing ranking and ``impact`` recompute only what a retraction can change,
and give exactly what the straightforward computation gives.

``load_bearing`` relabels per evidence item only the part of the framework the
item's retraction reaches (graph.analysis.relabel.Relabeller); ``impact``
likewise, and recomputes evidence bases only for what rests on the retracted
nodes. Both are compared, every field, under every reading of support, with
``_load_bearing_naive`` / ``_impact_naive`` (a whole relabelling of the
retracted graph) on random graphs (hypothesis) and on the bundled corpus; the
hand-built cases are ones a wrong locality bound would get wrong.
"""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis import evidence_sets
from graph.analysis._common import support_graph
from graph.analysis.evidence import evidence_sets_of
from graph.analysis.impact import (
    _impact_naive,
    _load_bearing_naive,
    impact,
    load_bearing,
    retract,
)
from graph.analysis.relabel import Relabeller
from graph.semantics import SUPPORT_READINGS, grounded_labels
from tests.analysis_graphs import build

KINDS = ["evidence", "evidence", "claim", "claim", "policy"]
SOURCES = ["s1", "s2", "s3"]
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def debates(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Random debates: evidence, claims, policies; supports, attacks, rebuts and undercuts
    stated by up to three sources (which are nodes, so they can be retracted)."""
    n = draw(st.integers(min_value=1, max_value=11))
    G = nx.MultiDiGraph()
    for s in SOURCES:
        G.add_node(s, kind="source", label=s.upper())
    for i in range(n):
        srcs = draw(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=2, unique=True))
        G.add_node(f"n{i}", kind=draw(st.sampled_from(KINDS)), label=f"N{i}", sources=sorted(srcs), quotes=[])
    nodes = [f"n{i}" for i in range(n)]
    edges = draw(
        st.lists(
            st.tuples(
                st.sampled_from(nodes),
                st.sampled_from(["supports", "supports", "attacks", "rebuts", "undercuts"]),
                st.sampled_from(nodes),
                st.sampled_from(SOURCES),
            ),
            max_size=26,
        )
    )
    for u, rel, v, src in edges:
        key = "supports" if rel == "supports" else "attacks"
        preds = [rel] if rel in ("supports", "attacks") else ["attacks", rel]
        if G.has_edge(u, v, key=key):
            d = G.edges[u, v, key]
            d["sources"] = sorted({*d["sources"], src})
            d["predicates"] = sorted({*d["predicates"], *preds})
        else:
            G.add_edge(u, v, key=key, relation=key, predicates=preds, sources=[src])
    return G


@FAST
@given(debates(), st.sampled_from(SUPPORT_READINGS))
def test_load_bearing_equals_relabelling_the_whole_graph_per_item(G, support):
    assert load_bearing(G, support=support) == _load_bearing_naive(G, support=support)


@FAST
@given(debates(), st.sampled_from(SUPPORT_READINGS), st.data())
def test_impact_equals_the_whole_recomputation(G, support, data):
    # one argument, one source, or several of either (a source may take an argument with it)
    pool = sorted(G)
    targets = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
    assert impact(G, targets, support=support) == _impact_naive(G, targets, support=support)
    assert impact(G, targets[0], support=support) == _impact_naive(G, targets[0], support=support)


@FAST
@given(debates(), st.sampled_from(SUPPORT_READINGS), st.data())
def test_relabeller_changes_are_the_labels_of_the_retracted_graph(G, support, data):
    rel = Relabeller(G, support=support)
    assert rel.labels == grounded_labels(G, support=support)
    # the same Relabeller answers many retractions: it is not changed by answering
    for _ in range(3):
        x = data.draw(st.sampled_from(sorted(G)))
        H = retract(G, x)
        after = grounded_labels(H, support=support)
        args_after = set(after)
        gone = {a for a in rel.labels if a not in args_after}
        S = rel.S
        gone_s = {(u, v) for u, v in S.edges if gone.isdisjoint((u, v)) and not H.has_edge(u, v, key="supports")}
        gone_a = {(u, v) for u, v in rel.direct if gone.isdisjoint((u, v)) and not H.has_edge(u, v, key="attacks")}
        got = rel.changes(gone, gone_supports=gone_s, gone_attacks=gone_a)
        assert got == {m: lab for m, lab in after.items() if rel.labels[m] != lab}
    assert rel.labels == grounded_labels(G, support=support)


def _changes(out):
    return [(r["node"]["id"], r["before"], r["after"]) for r in out["label_changes"]]


def test_retraction_reaches_two_hops_through_attacks_and_a_cycle():
    # e attacks x; x and y attack each other: x OUT, y IN. Without e both are UNDECIDED —
    # y two hops from e, and y's old IN label must not be trusted (grounded is a least
    # fixed point: stopping where labels stop changing would keep x OUT and y IN)
    G = build([("e", "evidence"), ("c", "claim"), ("x", "claim"), ("y", "claim")],
              [("e", "supports", "c"), ("e", "attacks", "x"), ("x", "attacks", "y"), ("y", "attacks", "x")])
    for support in SUPPORT_READINGS:
        assert _changes(impact(G, "e", support=support)) == [("x", "OUT", "UNDECIDED"), ("y", "IN", "UNDECIDED")]
        [row] = load_bearing(G, support=support)
        assert row["label_changes"] == 2 == _load_bearing_naive(G, support=support)[0]["label_changes"]
    # a chain: e attacks a, a attacks b, b attacks c — three labels flip, the last three hops away
    G = build([("e", "evidence"), ("p", "policy")],
              [("e", "supports", "p"), ("e", "attacks", "a"), ("a", "attacks", "b"), ("b", "attacks", "c")])
    assert _changes(impact(G, "e")) == [("a", "OUT", "IN"), ("b", "IN", "OUT"), ("c", "OUT", "IN")]
    assert load_bearing(G)[0]["label_changes"] == 3


def test_evidential_undercut_reaches_a_node_when_its_last_support_goes():
    # x undercuts the inference e -> c: c stands (IN). Retract e and the undercut hits c itself,
    # and through c what c attacked: a change one support hop and one attack hop away
    G = build([("e", "evidence"), ("x", "claim"), ("c", "claim"), ("d", "claim")],
              [("e", "supports", "c"), ("x", "attacks", "c"), ("c", "attacks", "d")])
    G.edges["x", "c", "attacks"]["predicates"] = ["attacks", "undercuts"]
    assert _changes(impact(G, "e")) == [("c", "IN", "OUT"), ("d", "OUT", "IN")]
    assert load_bearing(G)[0]["label_changes"] == 2
    assert impact(G, "e") == _impact_naive(G, "e")


def test_deductive_retraction_changes_what_supports_the_item():
    # deductive: x attacks e, so (mediated) x attacks a, which supports e. Retracting e
    # reinstates a — its support ancestor, which a forward-only bound would miss
    G = build([("a", "evidence"), ("e", "evidence"), ("c", "claim"), ("x", "claim")],
              [("a", "supports", "e"), ("e", "supports", "c"), ("x", "attacks", "e")])
    assert _changes(impact(G, "e", support="deductive")) == [("a", "OUT", "IN")]
    assert _changes(impact(G, "e")) == []  # evidential: what a node supports never decides its label
    rows = {r["evidence"]["id"]: r["label_changes"] for r in load_bearing(G, support="deductive")}
    assert rows == {"a": 0, "e": 1}
    # necessary: x attacks e, so (secondary) x attacks c, which e supports; retracting a changes nothing,
    # retracting e reinstates c — its support descendant
    assert _changes(impact(G, "e", support="necessary")) == [("c", "OUT", "IN")]


def test_the_relabelling_stays_in_the_region_a_retraction_reaches():
    # two halves the attacks do not join: retracting in one never relabels the other
    edges = [("e", "attacks", "a"), ("a", "attacks", "b")]
    edges += [(f"f{i}", "attacks", f"f{i + 1}") for i in range(200)]
    G = build([("e", "evidence")], edges)
    rel = Relabeller(G)
    seen: list[set[str]] = []
    orig = rel._relabel_region

    def spy(region, *args):
        seen.append(set(region))
        return orig(region, *args)

    rel._relabel_region = spy  # type: ignore[method-assign]
    assert rel.changes({"e"}) == {"a": "IN", "b": "OUT"}
    assert seen == [{"a", "b"}]


@pytest.fixture(scope="module")
def corpus() -> nx.MultiDiGraph:
    from graph.model import project
    from graph.stores import open_store

    return project(open_store("memory"))


@pytest.mark.parametrize("support", SUPPORT_READINGS)
def test_fast_ranking_and_impact_on_the_corpus(corpus, support):
    G = corpus
    assert load_bearing(G, support=support) == _load_bearing_naive(G, support=support)
    # the bases the ranking builds from its own support graph are evidence_sets', order included
    assert list(evidence_sets_of(G, support_graph(G)).items()) == list(evidence_sets(G).items())
    evidence = sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "evidence")
    sources = sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "source")
    claims = sorted(n for n, d in G.nodes(data=True) if d.get("kind") in ("claim", "policy"))
    for t in [*evidence[::15], *sources, *claims[::40], evidence[:3], [sources[0], claims[0]]]:
        assert impact(G, t, support=support) == _impact_naive(G, t, support=support)


def test_a_node_an_unattacked_attacker_keeps_out_stops_the_relabelling():
    # f, which nothing attacks, keeps b OUT before and after: retracting e relabels a only,
    # not b nor the long chain b leads to
    edges = [("e", "attacks", "a"), ("a", "attacks", "b"), ("f", "attacks", "b"), ("b", "attacks", "c0")]
    edges += [(f"c{i}", "attacks", f"c{i + 1}") for i in range(100)]
    G = build([("e", "evidence")], edges)
    rel = Relabeller(G)
    seen: list[set[str]] = []
    orig = rel._relabel_region

    def spy(region, *args):
        seen.append(set(region))
        return orig(region, *args)

    rel._relabel_region = spy  # type: ignore[method-assign]
    assert rel.changes({"e"}) == {"a": "IN"}
    assert seen == [{"a"}]
    # ... but when f goes (a still OUT), b and everything after it is relabelled
    want = {m: lab for m, lab in grounded_labels(retract(G, "f")).items() if rel.labels[m] != lab}
    assert rel.changes({"f"}) == want and len(want) > 50
