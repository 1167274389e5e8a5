"""graph.analysis.chains.argument_tree on hand-built graphs."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.chains import argument_tree, iter_tree
from graph.errors import AmbiguousNode, InputError, NodeNotFound
from tests.analysis_graphs import build


def debate() -> nx.MultiDiGraph:
    G = build(
        [("p", "policy"), ("c1", "claim"), ("c2", "claim"), ("e1", "evidence"), ("e2", "evidence"), ("al", "actor"), ("bo", "actor")],
        [
            ("c1", "supports", "p", ["s1"]),
            ("c2", "attacks", "p", ["s2"]),
            ("e1", "supports", "c1", ["s1"]),
            ("e2", "attacks", "c1", ["s2"]),
            ("e2", "supports", "c2", ["s2"]),
            ("al", "advocates", "p", ["s1"]),
            ("bo", "opposes", "p", ["s2"]),
            ("al", "asserts", "c1", ["s1"]),
        ],
        c1={"quotes": [{"source": "s0", "quote": "zero"}, {"source": "s1", "quote": "one"}], "sources": ["s0", "s1"]},
    )
    return G


def shape(t: dict) -> list[tuple[int, str, str | None, bool, bool, bool]]:
    return [(lvl, n["id"], n["relation"], n["cycle"], n["repeat"], n["truncated"]) for lvl, n in iter_tree(t)]


def test_tree_shape_and_order() -> None:
    t = argument_tree(debate(), "p")
    assert shape(t["tree"]) == [
        (0, "p", None, False, False, False),
        (1, "c1", "supports", False, False, False),
        (2, "e1", "supports", False, False, False),
        (2, "e2", "attacks", False, False, False),
        (1, "c2", "attacks", False, False, False),
        (2, "e2", "supports", False, False, False),
    ]
    assert t["counts"] == {"nodes": 6, "supports": 3, "attacks": 2, "evidence": 2, "truncated": 0, "cycles": 0}
    assert t["target"] == {"id": "p", "label": "P", "kind": "policy"}
    assert [a["actor"] for a in t["stances"]["advocates"]] == ["al"]
    assert [(a["actor"], a["sources"]) for a in t["stances"]["opposes"]] == [("bo", ["s2"])]
    c1 = t["tree"]["children"][0]
    assert c1["quote"] == {"source": "s1", "quote": "one"}  # the quote from the edge's source
    assert c1["edge_sources"] == ["s1"]
    assert c1["asserted_by"] == [{"actor": "al", "label": "AL", "sources": ["s1"]}]
    assert c1["acceptability"] is None


def test_labels_attached() -> None:
    t = argument_tree(debate(), "p", labels={"p": "OUT", "c1": "IN"})
    assert t["tree"]["acceptability"] == "OUT"
    assert t["tree"]["children"][0]["acceptability"] == "IN"
    assert t["tree"]["children"][1]["acceptability"] is None


def test_depth_limit() -> None:
    t = argument_tree(debate(), "p", depth=1)
    assert shape(t["tree"]) == [
        (0, "p", None, False, False, False),
        (1, "c1", "supports", False, False, True),
        (1, "c2", "attacks", False, False, True),
    ]
    assert t["counts"]["truncated"] == 2
    t0 = argument_tree(debate(), "p", depth=0)
    assert shape(t0["tree"]) == [(0, "p", None, False, False, True)]
    with pytest.raises(InputError, match="depth must be 0 or more"):
        argument_tree(debate(), "p", depth=-1)


def test_cycle_detected_and_reported() -> None:
    G = build([], [("a", "supports", "b"), ("b", "supports", "c"), ("c", "supports", "a"), ("c", "supports", "top")])
    t = argument_tree(G, "top")
    assert shape(t["tree"]) == [
        (0, "top", None, False, False, False),
        (1, "c", "supports", False, False, False),
        (2, "b", "supports", False, False, False),
        (3, "a", "supports", False, False, False),
        (4, "c", "supports", True, False, False),
    ]
    assert t["cycles"] == [["a", "b", "c", "a"]]
    assert t["counts"]["cycles"] == 1


def test_self_loop_and_repeat() -> None:
    G = build([], [("a", "supports", "a"), ("a", "supports", "x"), ("a", "attacks", "y"), ("x", "supports", "top"), ("y", "supports", "top")])
    t = argument_tree(G, "top")
    assert shape(t["tree"]) == [
        (0, "top", None, False, False, False),
        (1, "x", "supports", False, False, False),
        (2, "a", "supports", False, False, False),
        (3, "a", "supports", True, False, False),
        (1, "y", "supports", False, False, False),
        (2, "a", "attacks", False, True, False),
    ]
    assert t["cycles"] == [["a", "a"]]


def test_lookup_by_label_and_errors() -> None:
    G = debate()
    assert argument_tree(G, "P")["target"]["id"] == "p"
    with pytest.raises(NodeNotFound):
        argument_tree(G, "nothing like it")
    with pytest.raises(AmbiguousNode):
        argument_tree(G, "c")
    with pytest.raises(InputError, match="is an actor: argument chains start at"):
        argument_tree(G, "al")
    with pytest.raises(NodeNotFound):
        argument_tree(nx.MultiDiGraph(), "p")


def test_evidence_root_is_a_leaf() -> None:
    t = argument_tree(debate(), "e1")
    assert shape(t["tree"]) == [(0, "e1", None, False, False, False)]
    assert t["stances"] == {"advocates": [], "opposes": []}


def test_does_not_mutate() -> None:
    G = debate()
    before = nx.to_dict_of_dicts(G), dict(G.nodes(data=True))
    argument_tree(G, "p")
    assert (nx.to_dict_of_dicts(G), dict(G.nodes(data=True))) == before


def test_label_prefers_argument_kinds() -> None:
    G = debate()
    G.add_node("m", kind="measure", label="P measure")
    G.nodes["p"]["label"] = "P"
    # "P" is exact for the policy; "p m" only matches the measure: wrong kind, said so
    assert argument_tree(G, "P")["target"]["id"] == "p"
    G.add_node("q", kind="policy", label="Surge")
    G.add_node("qm", kind="measure", label="Areas in the Surge")
    assert argument_tree(G, "surge")["target"]["id"] == "q"
    with pytest.raises(InputError, match="is a measure"):
        argument_tree(G, "areas in")

_EDGE = st.tuples(st.sampled_from("abcdefg"), st.sampled_from(["supports", "attacks"]), st.sampled_from("abcdefg"))


@settings(max_examples=150, deadline=None)
@given(st.lists(_EDGE, max_size=14, unique=True), st.one_of(st.none(), st.integers(min_value=0, max_value=4)))
def test_tree_covers_what_reaches_the_root(edges: list[tuple[str, str, str]], depth: int | None) -> None:
    G = build([(n, "claim") for n in "abcdefg"], edges)
    t = argument_tree(G, "a", depth=depth)
    flat = iter_tree(t["tree"])
    shown = {n["id"] for _, n in flat}
    if depth is None:
        assert shown == nx.ancestors(G, "a") | {"a"}  # every argument that reaches the root, and nothing else
    assert all(lvl <= (depth if depth is not None else len(G)) for lvl, _ in flat)
    for lvl, n in flat:
        for kid in n["children"]:
            assert G.has_edge(kid["id"], n["id"], key=kid["relation"])
        assert not (n["children"] and (n["cycle"] or n["repeat"]))
    for cyc in t["cycles"]:
        assert cyc[0] == cyc[-1] == min(cyc)
        assert all(G.has_edge(u, v) for u, v in itertools.pairwise(cyc))
