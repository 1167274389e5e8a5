"""model.focus: focused reports computed from the part of the graph they depend on equal
the same reports computed from the whole graph (corpus, on-disk store, random graphs)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import semantics as sem
from graph.analysis.chains import argument_tree
from graph.analysis.evidence import evidence_base
from graph.analysis.impact import impact
from graph.errors import AmbiguousNode, NodeNotFound
from graph.model import focus, project, resolve
from graph.stores import OxigraphStore, open_store


def chains_answer(G: nx.MultiDiGraph, target: str) -> dict[str, Any]:
    ev = sem.evaluate(G)
    data = argument_tree(G, target, labels=ev.labels)
    root = data["target"]["id"]
    why = sem.explain_all(G, evaluation=ev)
    tree_nodes = {n for n in G if n in ev.labels}
    # every explanation of a node in the tree, and the root's verdict
    shown = {n: why[n]["reason"] for n in _tree_ids(data["tree"]) if n in tree_nodes}
    return {"tree": data, "why": shown, "verdict": sem.verdict(G, root, evaluation=ev)}


def _tree_ids(node: dict[str, Any]) -> set[str]:
    out = {node["id"]}
    for k in node["children"]:
        out |= _tree_ids(k)
    return out


def answers(G: nx.MultiDiGraph, target: str, purpose: str) -> Any:
    if purpose == "chains":
        return chains_answer(G, target)
    if purpose == "evidence":
        return evidence_base(G, target)
    return impact(G, target, support="evidential")


@pytest.fixture(scope="module")
def corpus_store():
    return open_store("memory")


@pytest.fixture(scope="module")
def whole(corpus_store) -> nx.MultiDiGraph:
    return project(corpus_store)


def test_corpus_chains_and_evidence_focus_equal_whole(corpus_store, whole) -> None:
    targets = sorted(n for n, d in whole.nodes(data=True) if d["kind"] in ("policy", "claim"))
    assert len(targets) > 100
    for t in targets[::3]:
        for purpose in ("chains", "evidence"):
            G = focus(corpus_store, t, purpose=purpose)
            assert G.number_of_nodes() <= whole.number_of_nodes()
            assert answers(G, t, purpose) == answers(whole, t, purpose), (t, purpose)


def test_corpus_impact_focus_equals_whole(corpus_store, whole) -> None:
    evidence = sorted(n for n, d in whole.nodes(data=True) if d["kind"] == "evidence")
    sources = sorted(n for n, d in whole.nodes(data=True) if d["kind"] == "source")
    claims = sorted(n for n, d in whole.nodes(data=True) if d["kind"] == "claim")
    for t in [*evidence[::20], *claims[::40], *sources[:2]]:
        G = focus(corpus_store, t, purpose="impact")
        assert answers(G, t, "impact") == answers(whole, t, "impact"), t


def test_focus_is_small_for_a_leafward_target(corpus_store, whole) -> None:
    G = focus(corpus_store, "policy:operation-synthetic-opioid-surge")
    assert G.number_of_nodes() < whole.number_of_nodes() / 3


def test_focus_resolves_as_resolve_does(corpus_store, whole) -> None:
    for text in ("naloxone access", "Naloxone Access", "policy:naloxone-access", "Operation Synthetic Opioid Surge"):
        G = focus(corpus_store, text)
        assert resolve(G, text) == resolve(whole, text)
    for bad in ("naloxone", "no such thing at all"):
        with pytest.raises((AmbiguousNode, NodeNotFound)) as a:
            focus(corpus_store, bad)
        with pytest.raises((AmbiguousNode, NodeNotFound)) as b:
            resolve(whole, bad)
        assert str(a.value) == str(b.value)


def test_on_disk_store(tmp_path, whole) -> None:
    from graph.resources import corpus_files

    store = OxigraphStore(tmp_path / "db")
    store.load(corpus_files())
    t = "policy:manatee-county-prosecute-every-synthetic-opioid-case"
    assert answers(focus(store, t), t, "chains") == answers(whole, t, "chains")
    store.close()


# --- random graphs -----------------------------------------------------------------

P = "https://w3id.org/pag#"
N = [f"https://w3id.org/pag/id/claim/n{i}" for i in range(8)]
KINDS = ["Claim", "Evidence", "Policy"]
PREDS = ["supports", "attacks", "rebuts", "undercuts"]


def _trig(kinds: list[str], edges: list[tuple[int, str, int, int]]) -> str:
    lines = []
    for i, k in enumerate(kinds):
        lines.append(f"GRAPH <urn:src{i % 3}> {{ <{N[i]}> a <{P}{k}> ; <http://www.w3.org/2000/01/rdf-schema#label> \"node {i}\" . }}")
        lines.append(f"GRAPH <urn:src{i % 3}> {{ <urn:actor{i % 2}> a <{P}Actor> ; <{P}asserts> <{N[i]}> . }}")
    for a, p, b, g in edges:
        lines.append(f"GRAPH <urn:src{g}> {{ <{N[a]}> <{P}{p}> <{N[b]}> . }}")
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(KINDS), min_size=8, max_size=8),
    st.lists(
        st.tuples(st.integers(0, 7), st.sampled_from(PREDS), st.integers(0, 7), st.integers(0, 2)),
        max_size=14,
    ),
    st.integers(0, 7),
    st.sampled_from(["chains", "evidence", "impact"]),
)
def test_random_graphs_focus_equals_whole(kinds, edges, target, purpose) -> None:
    store = open_store("memory", data=[])
    store.load_text(_trig(kinds, edges), "trig")
    whole = project(store)
    t = N[target]
    G = focus(store, t, purpose=purpose)
    assert answers(G, t, purpose) == answers(whole, t, purpose)


def test_rdflib_store(whole) -> None:
    """focus speaks plain SPARQL 1.1: rdflib's engine (as a remote endpoint would) gives the same answers."""
    store = open_store("rdflib")
    for t, purpose in [
        ("policy:operation-synthetic-opioid-surge", "chains"),
        ("policy:naloxone-access", "evidence"),
        ("evidence:manatee-overdoses-now-less-than-one-a-day", "impact"),
    ]:
        assert answers(focus(store, t, purpose=purpose), t, purpose) == answers(whole, t, purpose), t
