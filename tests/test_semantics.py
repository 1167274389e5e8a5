"""graph.semantics: bipolar attacks, grounded labels, preferred extensions, explanations."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import semantics as sem
from graph.errors import InputError, NodeNotFound
from tests.analysis_graphs import build


def chain_graph() -> nx.MultiDiGraph:
    # e supports c supports p; x attacks c; y attacks x? no: a plain chain
    return build(
        [("e", "evidence"), ("c", "claim"), ("p", "policy"), ("x", "evidence")],
        [("e", "supports", "c", ["s1"]), ("c", "supports", "p", ["s1"]), ("x", "attacks", "c", ["s2"])],
    )


def test_attacks_deductive_adds_mediated() -> None:
    got = [(r["attacker"], r["target"], r["type"], r["path"], r["sources"]) for r in sem.attacks(chain_graph(), support="deductive")]
    assert got == [
        ("x", "c", "direct", [["x", "attacks", "c"]], ["s2"]),
        ("x", "e", "mediated", [["x", "attacks", "c"], ["e", "supports", "c"]], ["s1", "s2"]),
    ]


def test_attacks_supported() -> None:
    G = build([], [("a", "supports", "b"), ("z", "supports", "a"), ("b", "attacks", "c")])
    got = [(r["attacker"], r["target"], r["type"], len(r["path"])) for r in sem.attacks(G, support="deductive")]
    assert got == [("a", "c", "supported", 2), ("b", "c", "direct", 1), ("z", "c", "supported", 3)]


def test_attacks_necessary_reading() -> None:
    got = [(r["attacker"], r["target"], r["type"]) for r in sem.attacks(chain_graph(), support="necessary")]
    assert got == [("x", "c", "direct"), ("x", "p", "secondary")]
    G = build([], [("b", "supports", "a"), ("b", "attacks", "c")])
    assert [(r["attacker"], r["target"], r["type"]) for r in sem.attacks(G, support="necessary")] == [
        ("a", "c", "extended"),
        ("b", "c", "direct"),
    ]


def test_unknown_support_reading() -> None:
    with pytest.raises(InputError, match="unknown support reading 'weird'"):
        sem.attacks(chain_graph(), support="weird")  # type: ignore[arg-type]


def test_direct_attack_wins_over_derived() -> None:
    G = build([], [("a", "supports", "b"), ("b", "attacks", "c"), ("a", "attacks", "c")])
    assert [(r["attacker"], r["target"], r["type"]) for r in sem.attacks(G, support="deductive")] == [
        ("a", "c", "direct"),
        ("b", "c", "direct"),
    ]


def test_grounded_labels_chain() -> None:
    assert sem.grounded_labels(chain_graph(), support="deductive") == {"c": "OUT", "e": "OUT", "p": "IN", "x": "IN"}
    assert sem.grounded_labels(chain_graph()) == {"c": "OUT", "e": "IN", "p": "IN", "x": "IN"}
    assert sem.grounded_labels(chain_graph(), support="none") == {"c": "OUT", "e": "IN", "p": "IN", "x": "IN"}
    assert sem.grounded_labels(chain_graph(), support="necessary") == {"c": "OUT", "e": "IN", "p": "OUT", "x": "IN"}


def test_grounded_reinstatement_and_odd_cycle() -> None:
    G = build([], [("a", "attacks", "b"), ("b", "attacks", "c"), ("x", "attacks", "y"), ("y", "attacks", "z"), ("z", "attacks", "x")])
    assert sem.grounded_labels(G, support="none") == {
        "a": "IN", "b": "OUT", "c": "IN", "x": "UNDECIDED", "y": "UNDECIDED", "z": "UNDECIDED",
    }
    assert sem.preferred_extensions(G) == [["a", "c"]]  # odd cycle: nothing can be taken


def test_self_attack() -> None:
    G = build([], [("a", "attacks", "a"), ("a", "attacks", "b")])
    assert sem.grounded_labels(G) == {"a": "UNDECIDED", "b": "UNDECIDED"}
    assert sem.preferred_extensions(G) == [[]]  # nothing in {b} defends it against a
    assert sem.disputes(G) == [{"arguments": ["a", "b"], "positions": [[]], "truncated": False}]


def test_only_arguments_are_labelled() -> None:
    G = build([("alice", "actor"), ("c", "claim"), ("s", "source")], [("alice", "asserts", "c")])
    assert sem.grounded_labels(G) == {"c": "IN"}


def test_empty_graph() -> None:
    G = nx.MultiDiGraph()
    assert sem.grounded_labels(G) == {}
    assert sem.attacks(G) == []
    assert sem.disputes(G) == []
    assert sem.preferred_extensions(G) == [[]]
    assert sem.acceptability(G) == {
        "support": "evidential", "labels": {}, "counts": {"IN": 0, "OUT": 0, "UNDECIDED": 0},
        "grounded": [], "disputes": [], "preferred_count": 1, "credulous": [], "sceptical": [],
        "unresolved": [],
    }


def test_preferred_two_disputes_combine() -> None:
    G = build([], [("a", "attacks", "b"), ("b", "attacks", "a"), ("c", "attacks", "d"), ("d", "attacks", "c"), ("g", "supports", "q")])
    assert sem.preferred_extensions(G) == [
        ["a", "c", "g", "q"], ["a", "d", "g", "q"], ["b", "c", "g", "q"], ["b", "d", "g", "q"],
    ]
    assert sem.preferred_extensions(G, limit=2) == [["a", "c", "g", "q"], ["a", "d", "g", "q"]]
    acc = sem.acceptability(G)
    assert acc["preferred_count"] == 4
    assert acc["credulous"] == ["a", "b", "c", "d", "g", "q"]
    assert acc["sceptical"] == ["g", "q"]


def test_explain_out_undecided_in() -> None:
    G = chain_graph()
    ex = sem.explain_label(G, "c")
    assert ex["label"] == "OUT"
    assert [(r["attacker"], r["label"], r["type"]) for r in ex["decisive"]] == [("x", "IN", "direct")]
    assert ex["reason"] == "OUT because X (x) attacks it, and nothing attacks X"
    assert ex["deciding"] == ["x"]
    assert ex["sources"] == ["s2"]
    # evidential (default): the evidence cited for c is not touched by the attack on c
    assert sem.explain_label(G, "e")["reason"] == "IN: nothing attacks it; it stands as reported"
    assert sem.explain_label(G, "e", support="deductive")["reason"] == (
        "OUT because X (x) attacks it (because it supports what is attacked), and nothing attacks X"
    )
    assert sem.explain_label(G, "p")["reason"] == (
        "IN: its only support, C (c), is OUT, but nothing attacks it — it stands unsupported"
    )
    assert sem.explain_label(G, "x")["reason"] == "IN: nothing attacks it; it stands as reported"
    R = build([], [("a", "attacks", "b"), ("b", "attacks", "c")])
    assert sem.explain_label(R, "c")["reason"] == "IN: everything that attacks it is defeated (B (b) is defeated by A)"
    assert sem.explain_label(R, "c")["deciding"] == ["a"]
    assert sem.explain_label(R, "b")["reason"] == "OUT because A (a) attacks it, and nothing attacks A"
    R2 = build([], [("a", "attacks", "b"), ("b", "attacks", "c"), ("c", "attacks", "d")])
    assert sem.explain_label(R2, "d")["reason"] == (
        "OUT because C (c) attacks it, and C stands: what attacks it (B (b)) is itself defeated"
    )
    U = build([], [("a", "attacks", "b"), ("b", "attacks", "a")])
    assert sem.explain_label(U, "a")["reason"] == (
        "UNDECIDED: B (b) attacks it and is itself undecided (they attack each other in a cycle): "
        "neither accepted nor defeated"
    )


def test_explain_errors() -> None:
    G = build([("alice", "actor")], [("alice", "asserts", "c")])
    with pytest.raises(NodeNotFound):
        sem.explain_label(G, "nobody-at-all")
    with pytest.raises(InputError, match="is an actor, not a claim"):
        sem.explain_label(G, "alice")


def test_does_not_mutate() -> None:
    G = chain_graph()
    before = (sorted(G.nodes(data=True), key=str), sorted(G.edges(keys=True, data=True), key=str))
    sem.acceptability(G)
    sem.explain_label(G, "c")
    assert (sorted(G.nodes(data=True), key=str), sorted(G.edges(keys=True, data=True), key=str)) == before


# --- the combination of grounded + per-dispute PyArg against brute force ---------


def _brute_preferred(args: list[str], att: set[tuple[str, str]]) -> list[list[str]]:
    def conflict_free(s: set[str]) -> bool:
        return not any((a, b) in att for a in s for b in s)

    def defends(s: set[str], a: str) -> bool:
        return all(any((d, b) in att for d in s) for b in args if (b, a) in att)

    adm = [
        set(c)
        for r in range(len(args) + 1)
        for c in itertools.combinations(args, r)
        if conflict_free(set(c)) and all(defends(set(c), a) for a in c)
    ]
    return sorted(sorted(s) for s in adm if not any(s < t for t in adm))


@settings(max_examples=150, deadline=None)
@given(st.sets(st.tuples(st.sampled_from("abcdef"), st.sampled_from("abcdef")), max_size=10))
def test_preferred_matches_brute_force(pairs: set[tuple[str, str]]) -> None:
    G = build([(n, "claim") for n in "abcdef"], [(a, "attacks", b) for a, b in sorted(pairs)])
    assert sem.preferred_extensions(G, support="none", limit=None) == _brute_preferred(list("abcdef"), pairs)


@settings(max_examples=200, deadline=None)
@given(st.sets(st.tuples(st.sampled_from("abcdefgh"), st.sampled_from("abcdefgh")), max_size=16))
def test_linear_grounded_matches_pyarg(pairs: set[tuple[str, str]]) -> None:
    args = list("abcdefgh")
    assert sem._grounded(args, pairs) == sem._py_grounded(args, pairs)


def test_grounded_on_a_large_framework_is_fast() -> None:
    import random
    import time

    rng = random.Random(7)
    args = [f"a{i:05d}" for i in range(20000)]
    G = build([(a, "claim") for a in args], [(rng.choice(args), "attacks", rng.choice(args)) for _ in range(40000)])
    t = time.perf_counter()
    labels = sem.grounded_labels(G, support="none")
    assert time.perf_counter() - t < 10
    assert len(labels) == 20000


@settings(max_examples=150, deadline=None)
@given(
    st.sets(st.tuples(st.sampled_from("abcdef"), st.sampled_from("abcdef")), max_size=8),
    st.sets(st.tuples(st.sampled_from("abcdef"), st.sampled_from("abcdef")), max_size=6),
    st.sampled_from(["deductive", "necessary", "none"]),
)
def test_fast_attack_pairs_match_attacks(sup: set, att: set, support: str) -> None:
    from graph.analysis._common import support_graph

    G = build([(n, "claim") for n in "abcdef"], [(a, "supports", b) for a, b in sorted(sup)] + [(a, "attacks", b) for a, b in sorted(att)])
    slow = {(r["attacker"], r["target"]) for r in sem.attacks(G, support=support)}  # type: ignore[arg-type]
    assert sem._attack_pairs(support_graph(G), att, support) == slow  # type: ignore[arg-type]


def test_large_dispute_is_enumerated_by_clingo_and_max_size_still_holds() -> None:
    ring = [f"r{i:02d}" for i in range(24)]  # an even ring: two positions; beyond PyArg's reach
    G = build([(n, "claim") for n in ring], [(a, "attacks", b) for a, b in zip(ring, ring[1:] + ring[:1])])
    (d,) = sem.disputes(G)
    assert d["positions"] == [ring[0::2], ring[1::2]] and d["arguments"] == ring
    (d,) = sem.disputes(G, max_size=20)
    assert d["positions"] is None
    assert sem.acceptability(G)["preferred_count"] == 2
    with pytest.raises(InputError, match=r"a dispute of 24 arguments .* is too large to enumerate"):
        sem.preferred_extensions(G, max_dispute=20)
    small = build([(n, "claim") for n in ring[:6]], [(a, "attacks", b) for a, b in zip(ring[:6], ring[1:6] + ring[:1])])
    assert sem.preferred_extensions(small, max_dispute=None) == [["r00", "r02", "r04"], ["r01", "r03", "r05"]]


def test_positions_are_capped() -> None:
    # 8 independent 2-cycles in one dispute (all attack w): 256 positions
    pairs = [(f"a{i}", f"b{i}") for i in range(8)]
    edges = [(a, "attacks", b) for a, b in pairs] + [(b, "attacks", a) for a, b in pairs]
    edges += [(x, "attacks", "w") for p in pairs for x in p]
    G = build([], edges)
    (d,) = sem.disputes(G, max_positions=10)
    assert d["truncated"] and len(d["positions"]) == 10
    assert len(sem.disputes(G)[0]["positions"]) == 256
