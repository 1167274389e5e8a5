"""graph.analysis.weakspots: unsupported, single-source, contested, circular."""

from __future__ import annotations

import networkx as nx

from graph.analysis.weakspots import (
    circular_support,
    contested,
    single_source,
    unsupported,
    weak_spots,
)
from tests.analysis_graphs import build, debate, iri, short


def test_unsupported_on_fixture() -> None:
    rows = unsupported(debate())
    # most rested-on first (what each supports, directly or through others), then by asserters
    assert [(short(r["node"]["id"]), len(r["rests_on_it"])) for r in rows] == [
        ("claim:loop-a", 2),
        ("claim:loop-b", 2),
        ("claim:dealers-are-kingpins", 1),
        ("claim:treatment-works", 1),
        ("policy:kingpin-law", 0),
        ("claim:treatment-fails", 0),
    ]
    assert [(a["label"], [short(s) for s in a["sources"]]) for a in rows[2]["asserted_by"]] == [("Senator A", ["source:north"])]
    assert [short(r["node"]["id"]) for r in unsupported(debate(), kind="policy")] == ["policy:kingpin-law"]
    assert len(unsupported(debate(), kind="claim")) == 5
    kingpin = rows[4]
    assert [short(s) for s in kingpin["supporters"]] == ["claim:loop-a"]
    assert kingpin["attackers"] == []
    assert kingpin["quote"] == {"source": iri("source:east"), "quote": "the kingpin law"}
    fails = rows[5]
    assert [short(a) for a in fails["attackers"]] == ["claim:treatment-works"]


def test_single_source_on_fixture() -> None:
    got = [(short(r["node"]["id"]), short(r["source"]), [short(e) for e in r["evidence"]], r["supports"]) for r in single_source(debate())]
    assert got == [
        ("policy:crackdown", "source:north", ["evidence:overdoses-fell"], 3),
        ("claim:crackdown-fills-prisons", "source:south", ["evidence:prison-stats"], 1),
        ("claim:crackdown-saves-lives", "source:north", ["evidence:overdoses-fell"], 1),
        ("claim:naloxone-saves-lives", "source:east", ["evidence:reversals"], 1),
    ]


def test_contested_scores_on_fixture() -> None:
    rows = contested(debate())
    assert [(short(r["node"]["id"]), r["score"]) for r in rows] == [("policy:crackdown", 4.0), ("claim:crackdown-saves-lives", 1.0)]
    pro, con = rows[0]["pro"], rows[0]["con"]
    assert [short(a) for a in pro["arguments"]] == ["claim:crackdown-saves-lives", "claim:dealers-are-kingpins"]
    assert [short(a) for a in pro["actors"]] == ["actor:senator-a", "actor:sheriff"]
    assert [short(s) for s in pro["sources"]] == ["source:north", "source:south"]
    assert [short(a) for a in con["actors"]] == ["actor:advocates", "actor:health-dept"]
    assert [short(s) for s in con["sources"]] == ["source:east", "source:south"]
    assert (pro["weight"], con["weight"]) == (4, 4)


def test_contested_score_is_harmonic_mean() -> None:
    # pro: 1 source; con: 5 distinct sources -> 2*1*5/6 = 1.67
    G = build([("p", "policy")], [("s", "supports", "p", ["a"])] + [(f"x{i}", "attacks", "p", [f"b{i}"]) for i in range(5)])
    (row,) = contested(G)
    assert (row["pro"]["weight"], row["con"]["weight"], row["score"]) == (1, 5, 1.67)


def test_self_support_does_not_make_contested() -> None:
    G = build([], [("a", "supports", "a"), ("x", "attacks", "a")])
    assert contested(G) == []


def test_circular_on_fixture_and_self_loop() -> None:
    (cyc,) = circular_support(debate())
    assert [short(n) for n in cyc["nodes"]] == ["claim:loop-a", "claim:loop-b"]
    assert [(short(h["from"]), short(h["to"]), [short(s) for s in h["sources"]]) for h in cyc["hops"]] == [
        ("claim:loop-a", "claim:loop-b", ["source:east"]),
        ("claim:loop-b", "claim:loop-a", ["source:east"]),
    ]
    G = build([], [("c", "supports", "c"), ("a", "supports", "b"), ("b", "supports", "c2"), ("c2", "supports", "a")])
    assert [c["nodes"] for c in circular_support(G)] == [["a", "b", "c2"], ["c"]]


def test_empty_graph() -> None:
    G = nx.MultiDiGraph()
    assert weak_spots(G) == {"unsupported": [], "single_source": [], "contested": [], "circular": []}
