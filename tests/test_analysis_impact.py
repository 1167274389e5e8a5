"""graph.analysis.impact: retraction of evidence or a source; load-bearing evidence."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.impact import impact, load_bearing, retract
from graph.errors import InputError, NodeNotFound
from tests.analysis_graphs import build, debate, iri, short


def test_retract_evidence() -> None:
    G = debate()
    out = impact(G, "evidence:overdoses-fell")
    assert out["retracted"] == {"id": iri("evidence:overdoses-fell"), "label": "Overdoses fell to 11 a day", "kind": "evidence"}
    assert out["mode"] == "node"
    assert [(short(r["node"]["id"]), [short(e) for e in r["evidence_before"]]) for r in out["lose_support"]] == [
        ("policy:crackdown", ["evidence:overdoses-fell"]),
        ("claim:crackdown-saves-lives", ["evidence:overdoses-fell"]),
    ]
    assert out["lose_support"][0]["sources"] == [iri("source:north")]
    assert out["weakened"] == []
    assert out["label_changes"] == []
    assert out["removed"] == []
    assert iri("evidence:overdoses-fell") in G  # the caller's graph is untouched


def test_retract_source() -> None:
    out = impact(debate(), "source:south", support="deductive")
    assert out["mode"] == "source"
    assert [short(r["node"]["id"]) for r in out["lose_support"]] == ["policy:reform"]
    assert [(short(r["node"]["id"]), r["before"], r["after"]) for r in out["label_changes"]] == [
        ("policy:crackdown", "OUT", "IN"),
        ("claim:crackdown-saves-lives", "OUT", "IN"),
        ("claim:dealers-are-kingpins", "OUT", "IN"),
        ("claim:treatment-works", "UNDECIDED", "IN"),
        ("evidence:overdoses-fell", "OUT", "IN"),
    ]
    assert out["label_changes"][0]["reason"] == "IN: nothing attacks it, and all 2 of its supports stand"
    # evidential (default): what is cited for the crackdown was never OUT, so only what is argued about changes
    out = impact(debate(), "source:south")
    assert [(short(r["node"]["id"]), r["before"], r["after"]) for r in out["label_changes"]] == [
        ("policy:crackdown", "OUT", "IN"),
        ("claim:crackdown-saves-lives", "OUT", "IN"),
        ("claim:treatment-works", "UNDECIDED", "IN"),
    ]
    assert [short(r["id"]) for r in out["removed"]] == [
        "claim:crackdown-fills-prisons",
        "claim:treatment-fails",
        "evidence:county-rose",
        "evidence:overdoses-south",
        "evidence:prison-stats",
    ]


def test_weakened_when_other_evidence_remains() -> None:
    G = build([("e1", "evidence"), ("e2", "evidence"), ("p", "policy")], [("e1", "supports", "p"), ("e2", "supports", "p")])
    out = impact(G, "e1")
    assert out["lose_support"] == []
    assert [(r["node"]["id"], r["evidence_before"], r["evidence_after"]) for r in out["weakened"]] == [("p", ["e1", "e2"], ["e2"])]
    assert out["weakened"][0]["sources"] == []  # the hand-built nodes name no source


def test_label_change_explained() -> None:
    # x attacks c; e supports x: retracting e changes nothing; retracting x reinstates c
    G = build([("x", "evidence"), ("c", "claim"), ("y", "claim")], [("x", "attacks", "c"), ("y", "attacks", "x")])
    out = impact(G, "y")
    assert [(r["node"]["id"], r["before"], r["after"], r["reason"]) for r in out["label_changes"]] == [
        ("c", "IN", "OUT", "OUT because X (x) attacks it, and nothing attacks X"),
        ("x", "OUT", "IN", "IN: nothing attacks it; it stands as reported"),
    ]
    assert [r["sources"] for r in out["label_changes"]] == [["s"], []]


def test_retract_keeps_shared_edges_and_nodes() -> None:
    G = debate()
    H = retract(G, "source:north")
    # Senator A is also in source:south; the crackdown policy only in north
    assert iri("actor:senator-a") in H and iri("policy:crackdown") not in H
    assert H.get_edge_data(iri("actor:senator-a"), iri("policy:reform"), key="advocates") is None
    assert G.get_edge_data(iri("actor:senator-a"), iri("policy:reform"), key="advocates")["sources"] == [iri("source:north")]


def test_load_bearing_on_fixture() -> None:
    rows = load_bearing(debate())
    assert [(short(r["evidence"]["id"]), [short(x) for x in r["sole_support"]], len(r["rests_on"]), r["label_changes"]) for r in rows] == [
        ("evidence:reversals", ["policy:naloxone", "claim:naloxone-saves-lives"], 2, 0),
        ("evidence:overdoses-fell", ["policy:crackdown", "claim:crackdown-saves-lives"], 2, 0),
        ("evidence:prison-stats", ["policy:reform", "claim:crackdown-fills-prisons"], 2, 0),
    ]
    assert [r["label_changes"] for r in load_bearing(debate(), labels=False, top=1)] == [None]


def test_load_bearing_ranks_sole_support_first_and_counts_label_changes() -> None:
    # e3 is the sole evidence of two claims; e1 and e2 of one each, but retracting e1
    # (which also attacks c) reinstates c, and under the deductive reading e2 too
    # (mediated attack): 2 labels change; under the evidential reading e2 was never OUT.
    G = build(
        [("e1", "evidence"), ("e2", "evidence"), ("e3", "evidence"), ("p", "policy"), ("c", "claim"), ("q", "claim"), ("r", "claim")],
        [("e1", "supports", "p"), ("e1", "attacks", "c"), ("e2", "supports", "c"), ("e3", "supports", "q"), ("e3", "supports", "r")],
    )
    rows = load_bearing(G, support="deductive")
    assert [(r["evidence"]["id"], r["sole_support"], r["rests_on"], r["label_changes"]) for r in rows] == [
        ("e3", ["q", "r"], ["q", "r"], 0),
        ("e1", ["p"], ["p"], 2),
        ("e2", ["c"], ["c"], 0),
    ]
    assert [r["label_changes"] for r in load_bearing(G)] == [0, 1, 0]


def test_errors() -> None:
    with pytest.raises(NodeNotFound):
        impact(debate(), "no such thing anywhere")
    with pytest.raises(InputError, match="is an actor: retract a piece of evidence"):
        impact(debate(), "actor:sheriff")
    with pytest.raises(NodeNotFound):
        impact(nx.MultiDiGraph(), "x")
    assert load_bearing(nx.MultiDiGraph()) == []
