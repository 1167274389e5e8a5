"""graph.analysis.actors: stance matrix, coalitions, tensions."""

from __future__ import annotations

import networkx as nx

from graph.analysis.actors import coalitions, stance_matrix, tensions, undermining_path
from tests.analysis_graphs import build, debate, iri, short


def test_stance_matrix_on_fixture() -> None:
    m = stance_matrix(debate())
    assert [a["label"] for a in m["actors"]] == ["Harm reduction advocates", "Health department", "Senator A", "Sheriff"]
    assert [p["label"] for p in m["policies"]] == ["Fentanyl crackdown", "Naloxone access", "Sentencing reform"]
    got = [(short(s["actor"]), short(s["policy"]), s["stance"], [short(x) for x in s["sources"]]) for s in m["stances"]]
    assert got == [
        ("actor:advocates", "policy:naloxone", "advocates", ["source:east"]),
        ("actor:advocates", "policy:reform", "advocates", ["source:south"]),
        ("actor:health-dept", "policy:crackdown", "opposes", ["source:east"]),
        ("actor:health-dept", "policy:naloxone", "advocates", ["source:east"]),
        ("actor:health-dept", "policy:reform", "advocates", ["source:east"]),
        ("actor:senator-a", "policy:crackdown", "advocates", ["source:south"]),
        ("actor:senator-a", "policy:reform", "advocates", ["source:north"]),
        ("actor:sheriff", "policy:crackdown", "advocates", ["source:north"]),
        ("actor:sheriff", "policy:reform", "opposes", ["source:north"]),
    ]


def test_stance_both_and_subproperties() -> None:
    G = build([("a", "actor"), ("p", "policy")], [("a", "advocates", "p", ["s1"]), ("a", "opposes", "p", ["s2"])])
    G.edges["a", "p", "advocates"]["predicates"] = ["advocates", "proposed"]
    (row,) = stance_matrix(G)["stances"]
    assert (row["stance"], row["predicates"], row["sources"]) == ("both", ["advocates", "opposes", "proposed"], ["s1", "s2"])


def test_coalitions_on_fixture() -> None:
    got = coalitions(debate())
    assert [[short(a["id"]) for a in c["actors"]] for c in got] == [["actor:advocates", "actor:health-dept"]]
    # only positions two members share; the health department's lone stance is not the coalition's
    assert [(short(p["policy"]["id"]), p["stance"], [short(a) for a in p["actors"]]) for p in got[0]["positions"]] == [
        ("policy:naloxone", "advocates", ["actor:advocates", "actor:health-dept"]),
        ("policy:reform", "advocates", ["actor:advocates", "actor:health-dept"]),
    ]
    assert got[0]["cohesion"] == 0.667
    # Senator A and the Sheriff share one stance only: in no coalition
    assert [len(c["actors"]) for c in coalitions(debate(), min_size=1)] == [2]


def test_one_shared_stance_is_not_a_coalition() -> None:
    """Nixon and Sessions both back the war on drugs; that alone does not make them allies (issue 15)."""
    G = build(
        [(a, "actor") for a in ("nixon", "sessions", "trump", "obama")] + [(p, "policy") for p in "wxyzr"],
        [("nixon", "advocates", "w"), ("sessions", "advocates", "w"), ("sessions", "advocates", "x"),
         ("sessions", "advocates", "y"), ("trump", "advocates", "w"), ("trump", "advocates", "x"),
         ("trump", "advocates", "y"), ("obama", "advocates", "z"), ("obama", "advocates", "r")],
    )  # fmt: skip
    assert [[a["id"] for a in c["actors"]] for c in coalitions(G)] == [["sessions", "trump"]]
    assert [[a["id"] for a in c["actors"]] for c in coalitions(G, min_shared=1, min_similarity=0.0)] == [
        ["nixon", "sessions", "trump"]
    ]


def test_coalitions_split_opposing_camps() -> None:
    G = build(
        [(a, "actor") for a in "abcd"] + [("p", "policy"), ("q", "policy")],
        [("a", "advocates", "p"), ("b", "advocates", "p"), ("a", "opposes", "q"), ("b", "opposes", "q"),
         ("c", "opposes", "p"), ("d", "opposes", "p"), ("c", "advocates", "q"), ("d", "advocates", "q")],
    )
    assert [[a["id"] for a in c["actors"]] for c in coalitions(G)] == [["a", "b"], ["c", "d"]]


def test_corpus_coalitions_keep_obama_and_nixon_apart_from_trump_and_sessions() -> None:
    from graph.model import project
    from graph.stores import open_store

    G = project(open_store(None))
    by_actor = {a["id"].rsplit("/", 1)[1]: i for i, c in enumerate(coalitions(G)) for a in c["actors"]}
    assert by_actor["jeff-sessions"] == by_actor["donald-trump"]
    for other in ("barack-obama", "richard-nixon"):
        assert by_actor.get(other) != by_actor["jeff-sessions"]


def test_tensions_on_fixture() -> None:
    (t,) = tensions(debate())
    assert (short(t["actor"]["id"]), short(t["policy"]["id"]), short(t["undermined"]["id"])) == (
        "actor:senator-a", "policy:reform", "policy:crackdown",
    )
    assert [(short(h["from"]), h["relation"], short(h["to"]), [short(s) for s in h["sources"]]) for h in t["path"]] == [
        ("claim:crackdown-fills-prisons", "supports", "policy:reform", ["source:south"]),
        ("claim:crackdown-fills-prisons", "attacks", "policy:crackdown", ["source:south"]),
    ]
    assert t["stance_sources"] == {"policy": [iri("source:north")], "undermined": [iri("source:south")]}
    assert t["explanation"] == "Crackdown fills prisons supports Sentencing reform, and attacks Fentanyl crackdown"


def test_undermining_path_longer_chain_and_direct_policy_attack() -> None:
    G = build(
        [("p", "policy"), ("q", "policy")],
        [("e", "supports", "c"), ("c", "supports", "p"), ("e", "attacks", "d"), ("d", "supports", "q")],
    )
    assert undermining_path(G, "p", "q") == [["e", "supports", "c"], ["c", "supports", "p"], ["e", "attacks", "d"], ["d", "supports", "q"]]
    H = build([("p", "policy"), ("q", "policy")], [("p", "attacks", "q")])
    assert undermining_path(H, "p", "q") == [["p", "attacks", "q"]]
    assert undermining_path(H, "q", "p") is None


def test_no_tension_without_double_backing_or_argument() -> None:
    G = build(
        [("a", "actor"), ("b", "actor"), ("p", "policy"), ("q", "policy")],
        [("a", "advocates", "p"), ("b", "advocates", "q"), ("c", "supports", "p"), ("c", "attacks", "q")],
    )
    assert tensions(G) == []
    G.add_edge("a", "q", key="opposes", relation="opposes", sources=["s"])
    assert tensions(G) == []  # opposing q is consistent


def test_empty_graph() -> None:
    G = nx.MultiDiGraph()
    assert stance_matrix(G) == {"actors": [], "policies": [], "stances": []}
    assert coalitions(G) == []
    assert tensions(G) == []
