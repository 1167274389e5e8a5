"""graph.analysis.figures: disagreeing figures on one measure."""

from __future__ import annotations

import networkx as nx

from graph.analysis.figures import disagreeing_figures
from tests.analysis_graphs import build, debate, iri, short


def test_fixture_figures_side_by_side() -> None:
    (row,) = disagreeing_figures(debate(provenance=True))
    assert row["measure"] == {"id": iri("measure:daily-overdoses"), "label": "Overdoses per day in North County", "kind": "measure"}
    assert [(short(i["evidence"]["id"]), i["value"], i["unit"], [short(s) for s in i["sources"]]) for i in row["items"]] == [
        ("evidence:overdoses-south", 9.0, "overdoses per day", ["source:south"]),
        ("evidence:overdoses-fell", 11.0, "overdoses per day", ["source:north"]),
    ]
    assert row["items"][0]["quote"] == {"source": iri("source:south"), "quote": "nine overdoses a day"}
    assert [[short(x) for x in pair] for pair in row["linked"]] == [["evidence:overdoses-fell", "evidence:overdoses-south"]]
    assert (row["differs_in"], row["ratio"], row["disagree"]) == ([], 1.22, True)


def test_without_provenance_edges_values_still_disagree() -> None:
    (row,) = disagreeing_figures(debate())
    assert row["linked"] == []
    assert row["disagree"] is True


def figure(G: nx.MultiDiGraph, n: str, value: float | None, src: str, measure: str = "m", **kw: object) -> None:
    G.add_node(n, kind="evidence", label=n.upper(), value=value, unit=kw.get("unit", "u"), measure=measure,
               place=kw.get("place"), period=kw.get("period"), population=None, sources=[src], quotes=[])


def test_same_source_or_same_value_is_not_disagreement() -> None:
    G = nx.MultiDiGraph()
    G.add_node("m", kind="measure", label="M")
    figure(G, "a", 1.0, "s1")
    figure(G, "b", 2.0, "s1")  # same source: a before/after pair, not a disagreement
    assert disagreeing_figures(G) == []
    (row,) = disagreeing_figures(G, include_agreeing=True)
    assert row["disagree"] is False
    H = nx.MultiDiGraph()
    figure(H, "a", 1.0, "s1")
    figure(H, "c", 1.0, "s2")  # another source, the same value
    assert disagreeing_figures(H) == []


def test_context_differences_are_flagged() -> None:
    G = nx.MultiDiGraph()
    figure(G, "a", 3.0, "s1", measure="urn:m", unit="fold", period="2017")
    figure(G, "b", 40.0, "s2", measure="urn:m", unit="times")
    figure(G, "z", None, "s3", measure="urn:m")
    (row,) = disagreeing_figures(G)
    assert row["measure"] == {"id": "urn:m", "label": "urn:m", "kind": "measure"}
    assert [i["evidence"]["id"] for i in row["items"]] == ["a", "b", "z"]  # no value last
    assert row["differs_in"] == ["unit", "period"]
    assert row["ratio"] == 13.33
    assert row["pairs"] == [["a", "b"]]


def test_different_periods_are_a_trend_not_a_disagreement() -> None:
    """3x in 2017 and 40x to 2019 are two points of a trend (issue 15), shown side by side, not flagged."""
    G = nx.MultiDiGraph()
    figure(G, "a", 3.0, "s1", measure="urn:m", period="2017")
    figure(G, "b", 40.0, "s2", measure="urn:m", period="2019")
    assert disagreeing_figures(G) == []
    (row,) = disagreeing_figures(G, include_agreeing=True)
    assert (row["disagree"], row["pairs"], row["differs_in"]) == (False, [], ["period"])


def test_two_bounds_of_one_range_are_not_a_disagreement() -> None:
    """'50 to 100 times morphine' in one sentence of one source: a range, not two figures at odds."""
    G = nx.MultiDiGraph()
    for n, v in (("lo", 50.0), ("hi", 100.0)):
        figure(G, n, v, "s1", measure="urn:potency")
        G.nodes[n]["quotes"] = [{"source": "s1", "quote": "50 to 100 times more potent than morphine"}]
    assert disagreeing_figures(G) == []


def test_linked_items_without_a_shared_measure() -> None:
    G = build([("a", "evidence"), ("b", "evidence")], [("a", "disagrees", "b")])
    (row,) = disagreeing_figures(G)
    assert row["measure"]["id"] == "a ≠ b"
    assert row["linked"] == [["a", "b"]]


def test_empty_graph() -> None:
    assert disagreeing_figures(nx.MultiDiGraph()) == []
