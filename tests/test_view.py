"""graph.view and `pag view`: what is drawn, safety, determinism, speed (no browser here)."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import AmbiguousNode, InputError, NodeNotFound
from graph.model import project
from graph.stores import open_store
from graph.view import (
    DEFAULT_MAX_NODES,
    asset_files,
    render_html,
    rests_on,
    safe_url,
    script_json,
    view_data,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = FIXTURES / "view_tiny_golden.json"
P = "https://w3id.org/pag/id/"


@pytest.fixture(scope="module")
def G():
    return project(open_store("memory", data=[FIXTURES / "tiny.trig"]), provenance=True)


@pytest.fixture(scope="module")
def X():
    return project(open_store("memory", data=[FIXTURES / "view_xss.trig"]), provenance=True)


def synthetic(n_nodes: int) -> nx.MultiDiGraph:
    """A layered debate: policies <- claims <- evidence, with attacks and actors."""
    G = nx.MultiDiGraph()
    n_pol, n_act = n_nodes // 20, n_nodes // 10
    n_claim = (n_nodes - n_pol - n_act) // 2
    n_ev = n_nodes - n_pol - n_act - n_claim
    for i in range(n_pol):
        G.add_node(f"urn:p{i}", kind="policy", label=f"Policy {i}", quotes=[], sources=["urn:s"])
    for i in range(n_claim):
        G.add_node(f"urn:c{i}", kind="claim", label=f"Claim {i}", quotes=[{"source": "urn:s", "quote": f"q{i}"}], sources=["urn:s"])
        G.add_edge(f"urn:c{i}", f"urn:p{i % n_pol}", key="supports", relation="supports", sources=["urn:s"])
        if i % 7 == 0:
            G.add_edge(f"urn:c{i}", f"urn:p{(i + 3) % n_pol}", key="attacks", relation="attacks", sources=["urn:s"])
    for i in range(n_ev):
        G.add_node(f"urn:e{i}", kind="evidence", label=f"Evidence {i}", quotes=[], sources=["urn:s"])
        G.add_edge(f"urn:e{i}", f"urn:c{i % n_claim}", key="supports", relation="supports", sources=["urn:s"])
        G.add_edge(f"urn:e{i}", f"urn:c{(i * 13) % n_claim}", key="attacks", relation="attacks", sources=["urn:s"])
    for i in range(n_act):
        G.add_node(f"urn:a{i}", kind="actor", label=f"Actor {i}", quotes=[], sources=["urn:s"])
        G.add_edge(f"urn:a{i}", f"urn:p{i % n_pol}", key="advocates", relation="advocates", sources=["urn:s"])
        G.add_edge(f"urn:a{i}", f"urn:c{i % n_claim}", key="asserts", relation="asserts", sources=["urn:s"])
    return G


# --- what is drawn --------------------------------------------------------------


def test_whole_debate_draws_every_argument_node_and_edge(G):
    d = view_data(G, labels=None)
    assert d["layout"] == "force" and d["root"] is None and d["notice"] is None
    assert [n["curie"] for n in d["nodes"]] == [
        "actor:alice",
        "actor:bob",
        "claim:crackdown-fills-prisons",
        "claim:crackdown-saves-lives",
        "evidence:neighbour-county-rose",
        "evidence:overdoses-fell",
        "policy:crackdown",
    ]
    assert sorted((e["from"][len(P):], e["relation"], e["to"][len(P):]) for e in d["edges"]) == [
        ("actor/alice", "advocates", "policy/crackdown"),
        ("actor/alice", "asserts", "claim/crackdown-saves-lives"),
        ("actor/bob", "asserts", "claim/crackdown-fills-prisons"),
        ("actor/bob", "opposes", "policy/crackdown"),
        ("claim/crackdown-fills-prisons", "attacks", "policy/crackdown"),
        ("claim/crackdown-saves-lives", "supports", "policy/crackdown"),
        ("evidence/neighbour-county-rose", "attacks", "claim/crackdown-saves-lives"),
        ("evidence/overdoses-fell", "supports", "claim/crackdown-saves-lives"),
    ]
    assert d["summary"] == (
        "7 nodes (1 policy, 2 claims, 2 evidence, 2 actors) and 8 edges (2 supports, 2 attacks, "
        "1 advocates, 1 opposes, 2 asserts) from 2 sources."
    )
    assert [(k["kind"], k["shape"], k["count"]) for k in d["kinds"]] == [
        ("policy", "box", 1), ("claim", "dot", 2), ("evidence", "diamond", 2), ("actor", "triangle", 2)
    ]
    assert d["labels"] == []


def test_tree_under_a_policy_puts_evidence_at_the_bottom(G):
    d = view_data(G, "Crackdown", labels=None)
    assert d["layout"] == "tree" and d["title"] == "Argument tree: Crackdown"
    assert [(n["curie"], n["level"], n["rests"]) for n in d["nodes"]] == [
        ("claim:crackdown-fills-prisons", 1, 0),
        ("claim:crackdown-saves-lives", 1, 1),
        ("evidence:neighbour-county-rose", 2, 0),
        ("evidence:overdoses-fell", 2, 2),
        ("policy:crackdown", 0, 0),
    ]
    assert {e["relation"] for e in d["edges"]} == {"supports", "attacks"}


def test_tree_depth_and_actor_kind(G):
    d = view_data(G, "policy:crackdown", depth=1, labels=None)
    assert [n["curie"] for n in d["nodes"]] == [
        "claim:crackdown-fills-prisons", "claim:crackdown-saves-lives", "policy:crackdown"
    ]
    d = view_data(G, "policy:crackdown", kinds=["policy", "claim", "actor"], labels=None)
    assert [n["curie"] for n in d["nodes"]] == [
        "actor:alice", "actor:bob", "claim:crackdown-fills-prisons", "claim:crackdown-saves-lives", "policy:crackdown"
    ]
    assert all("level" in n for n in d["nodes"])


def test_neighbourhood_of_an_actor_and_of_evidence(G):
    d = view_data(G, "Alice", labels=None)
    assert d["layout"] == "force" and d["title"] == "Around Alice"
    assert [n["curie"] for n in d["nodes"]] == ["actor:alice", "claim:crackdown-saves-lives", "policy:crackdown"]
    assert d["summary"].endswith("everything within 1 step.")
    d = view_data(G, "evidence:overdoses-fell", labels=None)
    assert [n["curie"] for n in d["nodes"]] == [
        "actor:alice", "claim:crackdown-saves-lives", "evidence:neighbour-county-rose",
        "evidence:overdoses-fell", "policy:crackdown",
    ]
    assert d["summary"].endswith("everything within 2 steps.")


def test_hover_data_has_quote_and_source(G):
    d = view_data(G, labels=None)
    ev = next(n for n in d["nodes"] if n["curie"] == "evidence:overdoses-fell")
    text, src = ev["quotes"][0]
    assert text == "overdoses went from 11 a day to less than one"
    assert d["sources"][src] == {
        "id": P + "source/alpha", "curie": "source:alpha", "title": "Alpha report", "date": "2020"
    }
    assert ["value", "11 overdoses per day"] in ev["info"]
    crack = next(n for n in d["nodes"] if n["curie"] == "policy:crackdown")
    assert crack["by"] == {"advocates": ["Alice"], "opposes": ["Bob"]}


def test_labels_are_shown_when_given(G):
    labels = {P + "policy/crackdown": "OUT", P + "claim/crackdown-fills-prisons": "IN"}
    d = view_data(G, labels=labels)
    assert {n["curie"]: n.get("status") for n in d["nodes"] if n.get("status")} == {
        "policy:crackdown": "OUT", "claim:crackdown-fills-prisons": "IN"
    }
    assert [(r["label"], r["count"]) for r in d["labels"]] == [("IN", 1), ("OUT", 1), ("UNDECIDED", 0)]
    assert d["summary"].endswith("; 1 IN, 1 OUT.")


def test_grounded_labels_are_used_when_semantics_exists(G):
    pytest.importorskip("graph.semantics")
    d = view_data(G)
    assert d["labels"] and all(n.get("status") in {"IN", "OUT", "UNDECIDED"} for n in d["nodes"] if n["kind"] != "actor")


def test_kinds_filter_and_sources(G):
    d = view_data(G, kinds=["source", "policy"], labels=None)
    assert [n["curie"] for n in d["nodes"]] == ["policy:crackdown", "source:alpha", "source:beta"]
    assert [(e["relation"], e["to"]) for e in d["edges"]] == [
        ("source", P + "source/alpha"), ("source", P + "source/beta")
    ]


def test_bad_input_errors(G):
    with pytest.raises(InputError, match="unknown kind planet"):
        view_data(G, kinds=["planet"])
    with pytest.raises(InputError, match="depth must be at least 1"):
        view_data(G, "Crackdown", depth=0)
    with pytest.raises(InputError, match="unknown layout"):
        view_data(G, layout="spiral")  # type: ignore[arg-type]
    with pytest.raises(NodeNotFound, match="closest: Crackdown"):
        view_data(G, "Crackdwn")
    with pytest.raises(AmbiguousNode):
        view_data(G, "the crackdown")


def test_rests_on_counts_what_rests_on_each_node():
    G = nx.MultiDiGraph()
    for u, v in [("e", "c"), ("c", "p"), ("c", "q"), ("a", "b"), ("b", "a")]:
        G.add_edge(u, v, key="supports", relation="supports")
    G.add_edge("x", "c", key="attacks", relation="attacks")
    assert rests_on(G) == {"e": 3, "c": 2, "p": 0, "q": 0, "a": 1, "b": 1, "x": 0}


def test_input_graph_is_not_changed(G):
    before = nx.node_link_data(G, edges="links")
    view_data(G, "Crackdown")
    render_html(view_data(G))
    assert nx.node_link_data(G, edges="links") == before


# --- safety -----------------------------------------------------------------------


def test_script_json_cannot_close_the_script_element():
    text = script_json({"a": "</script><script>alert(1)</script>", "b": "x\u2028y\u2029&<!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script>", "b": "x\u2028y\u2029&<!--"}


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/x?a=1&b=2", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//example.org", False),
        ("https://exa mple.org", False),
        ('https://example.org/"onmouseover=x', False),
        ("ftp://example.org", False),
        (None, False),
    ],
)
def test_safe_url_keeps_only_http_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_hostile_text_is_escaped_in_the_page(X):
    d = view_data(X, kinds=["actor", "policy", "claim", "evidence", "source"], labels=None)
    page = render_html(d)
    body = page.split('<script type="application/json" id="pag-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body
    data = json.loads(body)
    assert data == json.loads(json.dumps(d))
    # exactly the page's own elements, none from the data
    files = asset_files()
    own = page.replace(files["vis-network.min.js"], "").replace(files["pag-view.js"], "").replace(body, "")
    assert own.count("<script") == 3
    assert "<img" not in own and "<svg" not in own and "onerror" not in own and "onload" not in own
    # the javascript: URL is never kept
    assert "javascript:" not in own
    evil = next(s for s in d["sources"] if s["curie"] == "source:evil")
    assert "url" not in evil
    good = next(n for n in d["nodes"] if n["curie"] == "source:good")
    assert ["link", "https://example.org/report?a=1&b=2"] in good["info"]


def test_page_is_self_contained_with_a_strict_policy(G):
    page = render_html(view_data(G, labels=None))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link rel=\"stylesheet\"" not in page
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
    assert asset_files()["vis-network.min.js"] in page


def test_title_and_summary_are_escaped(X):
    page = render_html(view_data(X, "policy:img", labels=None, title="<b>t</b>"))
    assert "<title>&lt;b&gt;t&lt;/b&gt; · Policy Argument Graph</title>" in page
    assert '<h1 id="title">&lt;b&gt;t&lt;/b&gt;</h1>' in page


# --- determinism and golden data ---------------------------------------------------


def test_same_input_same_bytes(G):
    assert render_html(view_data(G, labels=None)) == render_html(view_data(G, labels=None))


def test_same_bytes_across_processes(tmp_path, tiny):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"v{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "graph", "--data", str(tiny), "view", "Crackdown", "-o", str(out)],
            check=True, env=env, capture_output=True,
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_golden_view_data(G):
    """The data embedded in the page for the tiny debate is pinned (regenerate with PAG_REGEN=1)."""
    got = json.dumps(
        {"whole": view_data(G, labels=None), "tree": view_data(G, "Crackdown", labels=None)},
        indent=1, sort_keys=True, ensure_ascii=False,
    ) + "\n"
    if os.environ.get("PAG_REGEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


# --- large graphs --------------------------------------------------------------------


def test_five_thousand_nodes_render_in_seconds():
    G = synthetic(5000)
    assert G.number_of_nodes() == 5000
    t = time.perf_counter()
    d = view_data(G, labels=None, max_nodes=5000)
    page = render_html(d)
    took = time.perf_counter() - t
    assert len(d["nodes"]) == 5000 and len(d["edges"]) == G.number_of_edges()
    assert took < 10, f"5,000 nodes took {took:.1f}s"
    assert len(page) > 1_000_000


def test_large_graph_is_reduced_with_a_notice():
    G = synthetic(5000)
    d = view_data(G, labels=None)
    assert len(d["nodes"]) == DEFAULT_MAX_NODES
    assert d["counts"] == {"nodes": DEFAULT_MAX_NODES, "edges": len(d["edges"]), "selected": 5000}
    assert d["notice"].startswith("This view holds 5,000 nodes, too many to read: showing the 1,000")
    kept = {n["id"] for n in d["nodes"]}
    assert all(f"urn:p{i}" in kept for i in range(250))  # the hubs stay
    assert len(d["edges"]) > 1000  # a connected backbone, not scattered leaves
    page = render_html(d)
    assert "too many to read" in page


# --- the CLI --------------------------------------------------------------------------


def test_cli_view_writes_a_page(cli, runner, tiny, tmp_path):
    out = tmp_path / "crackdown.html"
    r = runner.invoke(cli, ["--data", str(tiny), "view", "Crackdown", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert f"Wrote {out} (5 nodes, 4 edges): open it in a browser" in r.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Argument tree: Crackdown" in page


def test_cli_view_json(cli, runner, tiny):
    r = runner.invoke(cli, ["--data", str(tiny), "view", "Alice", "--format", "json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert sorted(d) == ["counts", "edges", "groups", "kinds", "labels", "layout", "nodes", "notice", "relations", "root", "sources", "summary", "title"]
    assert d["counts"] == {"nodes": 3, "edges": 3, "selected": 3}


def test_cli_view_errors(cli, runner, tiny, tmp_path):
    r = runner.invoke(cli, ["--data", str(tiny), "view", "Nothing like it"])
    assert r.exit_code == 2 and r.output.startswith("Error: no node matches 'Nothing like it'")
    r = runner.invoke(cli, ["--data", str(tiny), "view", "--depth", "0"])
    assert r.exit_code == 2 and "0 is not in the range x>=1" in r.output
    r = runner.invoke(cli, ["--data", str(tiny), "view", "-o", str(tmp_path / "no" / "x.html")])
    assert r.exit_code == 2 and "does not exist" in r.output
    assert not (tmp_path / "no").exists()


def test_cli_view_help_teaches(cli, runner):
    r = runner.invoke(cli, ["view", "--help"])
    assert r.exit_code == 0
    assert "Examples:" in r.output and "pag view" in r.output and "--kind" in r.output


# --- large views open on a summary ---------------------------------------------------


@pytest.fixture(scope="module")
def corpus():
    return project(open_store("memory"), provenance=True)


def test_small_views_are_not_folded(G):
    for target in (None, "Crackdown", "Alice"):
        d = view_data(G, target, labels=None)
        assert d["groups"] == [] and not any("hub" in n for n in d["nodes"])


def test_the_whole_debate_folds_claims_into_policies_and_policies_into_approaches(corpus):
    d = view_data(corpus, labels=None)
    kind = {n["id"]: n["kind"] for n in d["nodes"]}
    hubs = {n["id"]: n["hub"] for n in d["nodes"] if "hub" in n}
    assert hubs and all(kind[h] == "policy" for h in hubs.values())
    assert {kind[n] for n in hubs} <= {"claim", "evidence", "other"}
    A0 = nx.DiGraph([(u, v) for u, v, k in corpus.edges(keys=True) if k in ("supports", "attacks")])
    for n, h in hubs.items():  # the hub is a policy the node argues about (through argument edges)
        assert nx.has_path(A0, n, h)
    members = [m for g in d["groups"] for m in g["members"]]
    assert len(members) == len(set(members))  # each in one group
    assert {kind[m] for m in members if not m.startswith("group:")} >= {"policy", "actor"}
    A = nx.DiGraph([(u, v) for u, v, k in corpus.edges(keys=True) if k in ("supports", "attacks")])
    policies = {n for n, k in kind.items() if k == "policy"}
    for g in d["groups"]:  # what argues about no policy folds into its first source
        if g["id"].startswith("group:source:"):
            assert g["label"].startswith("Tied to no policy: ")
            for m in g["members"]:
                assert m not in hubs and not (m in A and nx.descendants(A, m) & policies), m
    assert sum(1 for k in kind.values() if k == "policy") == sum(1 for m in members if kind[m] == "policy")
    top = len(d["groups"]) + sum(1 for n in d["nodes"] if "hub" not in n and n["id"] not in set(members))
    assert 2 <= top <= 20
    assert any(g["label"] == "Policies: harm reduction" for g in d["groups"])


def test_a_wide_tree_folds_below_its_first_level_into_for_and_against(corpus):
    from graph.analysis.chains import argument_tree

    d = view_data(corpus, "policy:harsher-fentanyl-penalties", labels=None)
    kids = argument_tree(corpus, "policy:harsher-fentanyl-penalties")["tree"]["children"]
    level1 = {n["id"] for n in d["nodes"] if n.get("level") == 1 and "hub" not in n}
    groups = {g["id"]: g for g in d["groups"]}
    assert set(groups) == {"group:supports", "group:attacks"}
    assert len(groups["group:supports"]["members"]) == sum(1 for k in kids if k["relation"] == "supports")
    assert len(groups["group:attacks"]["members"]) == sum(1 for k in kids if k["relation"] == "attacks")
    assert set(groups["group:supports"]["members"]) | set(groups["group:attacks"]["members"]) <= level1 | {
        n["id"] for n in d["nodes"] if n["kind"] == "evidence"
    }
    hubs = {n["hub"] for n in d["nodes"] if "hub" in n}
    assert hubs <= {m for g in d["groups"] for m in g["members"]}


def test_a_big_neighbourhood_folds_by_how_it_meets_the_centre(corpus):
    d = view_data(corpus, "actor:drug-policy-alliance", labels=None)
    labels = sorted(g["label"] for g in d["groups"])
    assert labels == ["advocates: policy", "asserts: claim", "asserts: evidence", "opposes: policy"]
    advocated = {v for _u, v, k in corpus.out_edges("https://w3id.org/pag/id/actor/drug-policy-alliance", keys=True) if k == "advocates"}
    assert set(next(g for g in d["groups"] if g["label"] == "advocates: policy")["members"]) == advocated
