"""The analyses on the bundled corpus: the questions the issue says users come with.

The corpus grows while it is curated, so these tests assert what the
documents say (who backs what, which figure carries which claim), not counts.
"""

from __future__ import annotations

import functools
import re

import networkx as nx
import pytest

from graph.analysis import argument_tree, evidence_base, impact, iter_tree, load_bearing, tensions
from graph.semantics import grounded_labels

P = "https://w3id.org/pag/id/"


@functools.cache
def corpus() -> nx.MultiDiGraph:
    from graph.model import project
    from graph.stores import open_store

    return project(open_store(None))


def test_surge_chain_shows_both_sides_with_sources() -> None:
    G = corpus()
    t = argument_tree(G, "policy:operation-synthetic-opioid-surge", labels=grounded_labels(G))
    assert P + "actor/jeff-sessions" in {a["actor"] for a in t["stances"]["advocates"]}
    kids = t["tree"]["children"]
    assert {k["relation"] for k in kids} == {"supports", "attacks"}
    nodes = [n for _, n in iter_tree(t["tree"])[1:]]
    assert all(n["edge_sources"] for n in nodes), "every link in the chain names its source"
    # the evidence the advocates cite (Manatee County) and counter-evidence (Harford County)
    ids = {n["id"] for n in nodes}
    assert P + "evidence/manatee-overdoses-fell-from-11-a-day" in ids
    assert P + "evidence/harford-county-overdoses-kept-rising" in ids
    assert t["cycles"] == []


def test_surge_evidence_base_is_attacked_somewhere() -> None:
    base = evidence_base(corpus(), "Operation Synthetic Opioid Surge")
    # the Manatee figures Sessions cites; the article's backdrop statistics are not its evidence
    assert len(base["evidence"]) >= 2
    assert any(r["attacked"] for r in base["evidence"])


def test_tensions_find_reformers_backing_harsher_fentanyl_penalties() -> None:
    rows = tensions(corpus())
    harsh = P + "policy/harsher-fentanyl-penalties"
    hits = [r for r in rows if harsh in (r["policy"]["id"], r["undermined"]["id"])]
    assert hits, "some actor backs harsher fentanyl penalties and a policy whose case undermines them"
    assert any("reform" in (r["policy"]["id"] + r["actor"]["id"]) for r in hits)
    # the DPA report's reform-minded legislators who also backed harsher fentanyl penalties
    named = {r["actor"]["id"].rsplit("/", 1)[1] for r in rows}
    assert {"lindsey-graham", "matt-bevin", "larry-hogan"} <= named


def test_impact_of_a_load_bearing_figure() -> None:
    G = corpus()
    figures = [r for r in load_bearing(G, labels=False) if r["sole_support"] and G.nodes[r["evidence"]["id"]].get("value") is not None]
    assert figures, "some figure is the only evidence of a claim or policy"
    top = figures[0]
    out = impact(G, top["evidence"]["id"])
    assert [r["node"]["id"] for r in out["lose_support"]] == top["sole_support"]
    assert all(r["sources"] for r in out["lose_support"])


@pytest.mark.parametrize("target", ["policy:operation-synthetic-opioid-surge", "policy:harsher-fentanyl-penalties"])
def test_every_chain_line_cites_a_source(cli, runner, target: str) -> None:
    res = runner.invoke(cli, ["-q", "chains", target, "--format", "md"])
    assert res.exit_code == 0
    items = [line for line in res.output.splitlines() if re.match(r"\s*- (supports|attacks) ", line)]
    assert items
    # a source's words, or the curators' link (never "stated in" the curation graph)
    assert all("source:" in line or "linked by the curators" in line for line in items)
    assert not any("graph/curation" in line for line in items)
