"""graph.analysis.evidence: evidence bases with paths, hop sources and attacks."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.evidence import evidence_base, evidence_sets
from graph.errors import InputError, NodeNotFound
from tests.analysis_graphs import build, debate, iri, short


def test_evidence_sets_on_fixture() -> None:
    got = {short(k): [short(e) for e in v] for k, v in evidence_sets(debate()).items() if v}
    assert got == {
        "claim:crackdown-fills-prisons": ["evidence:prison-stats"],
        "claim:crackdown-saves-lives": ["evidence:overdoses-fell"],
        "claim:naloxone-saves-lives": ["evidence:reversals"],
        "policy:crackdown": ["evidence:overdoses-fell"],
        "policy:naloxone": ["evidence:reversals"],
        "policy:reform": ["evidence:prison-stats"],
    }


def test_evidence_base_of_policy_with_attacked_hop() -> None:
    base = evidence_base(debate(), "policy:crackdown")
    assert base["target"] == {"id": iri("policy:crackdown"), "label": "Fentanyl crackdown", "kind": "policy"}
    assert len(base["evidence"]) == 1
    row = base["evidence"][0]
    assert row["evidence"]["label"] == "Overdoses fell to 11 a day"
    assert (row["value"], row["unit"]) == (11.0, "overdoses per day")
    assert row["quote"] == {"source": iri("source:north"), "quote": "overdoses fell to 11 a day"}
    assert row["attacked"] is True
    (path,) = row["paths"]
    assert [short(n) for n in path["nodes"]] == ["evidence:overdoses-fell", "claim:crackdown-saves-lives", "policy:crackdown"]
    assert [(short(h["from"]), short(h["to"]), [short(s) for s in h["sources"]]) for h in path["hops"]] == [
        ("evidence:overdoses-fell", "claim:crackdown-saves-lives", ["source:north"]),
        ("claim:crackdown-saves-lives", "policy:crackdown", ["source:north"]),
    ]
    assert [(short(a["node"]), short(a["attacker"]), [short(s) for s in a["sources"]]) for a in path["attacked_by"]] == [
        ("claim:crackdown-saves-lives", "evidence:county-rose", ["source:south"]),
    ]
    assert [short(s) for s in base["sources"]] == ["source:north"]


def test_unattacked_base_and_empty_base() -> None:
    base = evidence_base(debate(), "Naloxone access")
    assert [(r["evidence"]["label"], r["attacked"], len(r["paths"])) for r in base["evidence"]] == [
        ("Naloxone reversed 500 overdoses", False, 1)
    ]
    assert [short(s) for s in base["sources"]] == ["source:east", "source:north"]
    assert evidence_base(debate(), "Kingpin law")["evidence"] == []


def test_several_paths_shortest_first_and_capped() -> None:
    G = build(
        [("e", "evidence"), ("p", "policy")],
        [("e", "supports", "p"), ("e", "supports", "a"), ("a", "supports", "p"), ("e", "supports", "b"), ("b", "supports", "a")],
    )
    (row,) = evidence_base(G, "p")["evidence"]
    assert [p["nodes"] for p in row["paths"]] == [["e", "p"], ["e", "a", "p"], ["e", "b", "a", "p"]]
    assert row["more_paths"] is False
    (capped,) = evidence_base(G, "p", max_paths=2)["evidence"]
    assert [p["nodes"] for p in capped["paths"]] == [["e", "p"], ["e", "a", "p"]]
    assert capped["more_paths"] is True


def test_cycles_do_not_loop() -> None:
    G = build([("e", "evidence")], [("e", "supports", "a"), ("a", "supports", "b"), ("b", "supports", "a")])
    (row,) = evidence_base(G, "b")["evidence"]
    assert [p["nodes"] for p in row["paths"]] == [["e", "a", "b"]]


def test_errors_and_empty_graph() -> None:
    with pytest.raises(NodeNotFound):
        evidence_base(nx.MultiDiGraph(), "anything")
    with pytest.raises(NodeNotFound, match="no node matches 'zzzz'"):
        evidence_base(debate(), "zzzz")
    with pytest.raises(InputError, match=r"Sheriff \(.*\) is an actor: an evidence base belongs to"):
        evidence_base(debate(), "actor:sheriff")
    assert evidence_sets(nx.MultiDiGraph()) == {}
