"""`pag view TARGET` draws from the part of the store it needs (graph.view.focused_graph):
its view data equals the whole graph's, on the corpus, on a synthetic debate and on random graphs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import AmbiguousNode, InputError, NodeNotFound
from graph.model import project
from graph.stores import OxigraphStore, open_store
from graph.view import explained, focused_graph, grounded, rests_on, view_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench import ID, generate

#: options of `pag view` that change what is fetched
OPTIONS: list[dict[str, Any]] = [
    {},
    {"depth": 1},
    {"kinds": ["actor", "policy", "claim", "evidence"]},
    {"layout": "force"},
    {"layout": "tree", "depth": 2},
    {"kinds": ["source", "claim", "evidence"]},
    {"max_nodes": 5},
]


class Oracle:
    """view_data of the whole projection, with its labels, notes and rests computed once
    (what ``labels="auto"`` computes on every call)."""

    def __init__(self, store: Any) -> None:
        self.G = project(store, provenance=True)
        self.labels = grounded(self.G)
        self.notes = explained(self.G)
        self.rests = rests_on(self.G)

    def view(self, target: str, **opts: Any) -> dict[str, Any]:
        return view_data(self.G, target, labels=self.labels, notes=self.notes, rests=self.rests, **opts)


def focused(store: Any, target: str, **opts: Any) -> dict[str, Any]:
    fetch = {k: v for k, v in opts.items() if k in ("depth", "kinds", "layout")}
    G = focused_graph(store, target, **fetch)
    return view_data(G, G.graph["focus"], **opts)


def assert_same(a: dict[str, Any], b: dict[str, Any], where: Any) -> None:
    for key in sorted(set(a) | set(b)):  # one key at a time: a readable failure
        assert a.get(key) == b.get(key), (where, key)


@pytest.fixture(scope="module")
def corpus_store():
    return open_store("memory")


@pytest.fixture(scope="module")
def corpus(corpus_store) -> Oracle:
    return Oracle(corpus_store)


def _by_kind(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        out.setdefault(d["kind"], []).append(n)
    return {k: sorted(v) for k, v in out.items()}


def test_corpus_trees_equal_the_whole_graph_view(corpus_store, corpus) -> None:
    kinds = _by_kind(corpus.G)
    targets = kinds["policy"][::17] + kinds["claim"][::53]
    assert len(targets) > 10
    for t in targets:
        for opts in OPTIONS:
            assert_same(focused(corpus_store, t, **opts), corpus.view(t, **opts), (t, opts))


def test_corpus_neighbourhoods_equal_the_whole_graph_view(corpus_store, corpus) -> None:
    kinds = _by_kind(corpus.G)
    targets = kinds["actor"][::49] + kinds["evidence"][::60] + kinds["source"][:2] + kinds["measure"][::40] + kinds["other"][::16]
    assert {"actor", "evidence", "source", "measure", "other"} <= {corpus.G.nodes[t]["kind"] for t in targets}
    for t in targets:
        for opts in (OPTIONS[0], OPTIONS[1], OPTIONS[5], {"depth": 3, "max_nodes": 40}):
            assert_same(focused(corpus_store, t, **opts), corpus.view(t, **opts), (t, opts))


def test_labels_verdicts_and_rests_are_those_of_the_whole_graph(corpus_store, corpus) -> None:
    """Not a vacuous equality: the compared views carry labels, verdicts in words and weights."""
    t = "policy:operation-synthetic-opioid-surge"
    d = focused(corpus_store, t)
    rows = {r["id"]: r for r in d["nodes"]}
    root = d["root"]
    assert rows[root].get("verdict") and rows[root].get("why")
    assert {r.get("status") for r in rows.values()} >= {"IN", "OUT"}
    assert max(r["rests"] for r in rows.values()) > 1
    assert d["sources"] and all(s["title"] for s in d["sources"])
    assert d == corpus.view(t)


def test_the_focused_graph_is_a_small_part(corpus_store, corpus) -> None:
    G = focused_graph(corpus_store, "policy:operation-synthetic-opioid-surge")
    assert G.graph["focus"] == "https://w3id.org/pag/id/policy/operation-synthetic-opioid-surge"
    assert len(G) < len(corpus.G) / 3


def test_focused_graph_resolves_as_the_whole_graph_does(corpus_store, corpus) -> None:
    for text in ("Operation Synthetic Opioid Surge", "naloxone access", "actor:jeff-sessions"):
        G = focused_graph(corpus_store, text)
        assert view_data(G, G.graph["focus"]) == corpus.view(text)
    for bad in ("naloxone", "no such thing at all"):
        with pytest.raises((AmbiguousNode, NodeNotFound)) as a:
            focused_graph(corpus_store, bad)
        with pytest.raises((AmbiguousNode, NodeNotFound)) as b:
            corpus.view(bad)
        assert str(a.value) == str(b.value)
    with pytest.raises(InputError, match="--depth must be at least 1"):
        focused_graph(corpus_store, "policy:naloxone-access", depth=0)


# --- a synthetic debate (benchmarks/bench.py's generator), on disk ---------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[OxigraphStore, Oracle, int]:
    folder = tmp_path_factory.mktemp("synthetic")
    data = folder / "debate.nq"
    generate(data, 6000)
    store = OxigraphStore(folder / "db")
    store.load([data])
    return store, Oracle(store), max(1, 6000 // 78)


def test_synthetic_debate_views_equal_the_whole_graph_view(synthetic) -> None:
    store, oracle, units = synthetic
    targets = [f"{ID}policy/p{units - 1}", f"{ID}policy/p{units // 2}", f"{ID}policy/p0", f"{ID}claim/c3-4",
               f"{ID}evidence/e{units - 1}-0", f"{ID}actor/a7", f"{ID}source/s1"]
    for t in targets:
        for opts in OPTIONS:
            assert_same(focused(store, t, **opts), oracle.view(t, **opts), (t, opts))


def test_a_small_tree_of_a_synthetic_debate_fetches_little(synthetic) -> None:
    store, oracle, units = synthetic
    G = focused_graph(store, f"{ID}policy/p{units - 1}")
    assert len(G) < len(oracle.G) / 10


# --- random graphs -------------------------------------------------------------------

P = "https://w3id.org/pag#"
N = [f"https://w3id.org/pag/id/claim/n{i}" for i in range(8)]
KINDS = ["Claim", "Evidence", "Policy", "Actor", "Source"]
PREDS = ["supports", "attacks", "rebuts", "undercuts", "advocates", "asserts", "source", "opposes"]


def _trig(kinds: list[str], edges: list[tuple[int, str, int, int]]) -> str:
    lines = []
    for i, k in enumerate(kinds):
        lines.append(f"GRAPH <urn:src{i % 3}> {{ <{N[i]}> a <{P}{k}> ; <http://www.w3.org/2000/01/rdf-schema#label> \"node {i}\" ; <{P}quote> \"said {i}\" . }}")
        lines.append(f"GRAPH <urn:src{i % 3}> {{ <urn:actor{i % 2}> a <{P}Actor> ; <{P}asserts> <{N[i]}> . }}")
    lines.append(f"GRAPH <urn:src0> {{ <urn:src0> a <{P}Source> ; <http://purl.org/dc/terms/title> \"Source zero\" . }}")
    for a, p, b, g in edges:
        lines.append(f"GRAPH <urn:src{g}> {{ <{N[a]}> <{P}{p}> <{N[b]}> . }}")
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(KINDS), min_size=8, max_size=8),
    st.lists(
        st.tuples(st.integers(0, 7), st.sampled_from(PREDS), st.integers(0, 7), st.integers(0, 2)),
        max_size=16,
    ),
    st.integers(0, 7),
    st.sampled_from(OPTIONS),
)
def test_random_graphs_focused_view_equals_whole(kinds, edges, target, opts) -> None:
    store = open_store("memory", data=[])
    store.load_text(_trig(kinds, edges), "trig")
    t = N[target]
    assert_same(focused(store, t, **opts), Oracle(store).view(t, **opts), (kinds, edges, t, opts))


# --- the CLI -------------------------------------------------------------------------


def test_cli_view_target_json_equals_the_whole_graph_view(cli, runner, corpus) -> None:
    for t, extra in (("policy:naloxone-access", []), ("actor:jeff-sessions", ["--depth", "2"])):
        r = runner.invoke(cli, ["view", t, "--format", "json", *extra])
        assert r.exit_code == 0, r.output
        opts = {"depth": 2} if extra else {}
        assert json.loads(r.output) == json.loads(json.dumps(corpus.view(t, **opts)))


def test_cli_view_support_reading(cli, runner, corpus) -> None:
    """--support deductive reads the whole store and labels by that reading."""
    t = "policy:operation-synthetic-opioid-surge"
    r = runner.invoke(cli, ["view", t, "--format", "json", "--support", "deductive"])
    assert r.exit_code == 0, r.output
    want = view_data(corpus.G, t, support="deductive")
    assert json.loads(r.output) == json.loads(json.dumps(want))
    ev = runner.invoke(cli, ["view", t, "--format", "json"])
    assert {n["id"]: n.get("status") for n in json.loads(r.output)["nodes"]} != {
        n["id"]: n.get("status") for n in json.loads(ev.output)["nodes"]
    }


def test_cli_whole_view_of_a_huge_store_points_to_a_target(cli, runner, tmp_path, monkeypatch) -> None:
    import graph.view

    monkeypatch.setattr(graph.view, "WHOLE_VIEW_LIMIT", 100)
    monkeypatch.setattr(graph.view.check_whole_size, "__defaults__", (100,))
    r = runner.invoke(cli, ["view", "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2, r.output
    assert "more than the 100 a whole view draws from" in r.output and "pag view TARGET" in r.output
    assert not (tmp_path / "x.html").exists()
    r = runner.invoke(cli, ["view", "policy:naloxone-access", "-o", str(tmp_path / "y.html")])
    assert r.exit_code == 0, r.output


def test_rdflib_store(corpus) -> None:
    """focused_graph speaks plain SPARQL 1.1: rdflib's engine (as a remote endpoint would) gives the same view."""
    store = open_store("rdflib")
    t = "policy:operation-synthetic-opioid-surge"
    assert_same(focused(store, t), corpus.view(t), t)
