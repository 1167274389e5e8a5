"""graph.site and `pag site`: the static site's pages, links, safety and determinism."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.model import project
from graph.site import build_site, page_names
from graph.stores import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def G():
    return project(open_store("memory", data=[FIXTURES / "tiny.trig"]), provenance=True)


def test_pages_of_the_tiny_debate(G, tmp_path):
    rep = build_site(G, tmp_path / "s")
    assert rep["pages"] == ["actor/alice.html", "actor/bob.html", "debate.html", "index.html", "policy/crackdown.html"]
    assert rep["counts"] == {"policies": 1, "actors": 2, "sources": 2, "pages": 5}
    assert sorted(p.name for p in (tmp_path / "s" / "assets").iterdir()) == [
        "pag-view.css", "pag-view.js", "vis-network.min.css", "vis-network.min.js"
    ]
    assert not list((tmp_path / "s").rglob("*.tmp"))


def test_index_lists_policies_actors_and_sources_with_counts(G, tmp_path):
    build_site(G, tmp_path, labels=None)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<a href="policy/crackdown.html">Crackdown</a>' in index
    assert '<a href="actor/alice.html">Alice</a>' in index
    assert "Alpha report" in index and "Beta article" in index
    assert "1 policy, 2 claims, 2 pieces of evidence, 2 actors, 2 sources, 1 measure" in index
    row = re.search(r'<tr><td><a href="policy/crackdown.html">Crackdown</a></td>(.*?)</tr>', index).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells == ["in-force", "1", "1", "1", "1", "4"]


def test_policy_page_has_the_chain_report_and_the_tree(G, tmp_path):
    build_site(G, tmp_path, labels=None)
    page = (tmp_path / "policy" / "crackdown.html").read_text(encoding="utf-8")
    assert '<script src="../assets/vis-network.min.js"></script>' in page
    assert "Argument tree: Crackdown" in page
    assert "Advocated by (1)" in page and '<a href="../actor/alice.html">Alice</a>' in page
    assert "<q>overdoses went from 11 a day to less than one</q>" in page
    assert '"layout":"tree"' in page


def test_actor_page_has_stances(G, tmp_path):
    build_site(G, tmp_path, labels=None)
    page = (tmp_path / "actor" / "bob.html").read_text(encoding="utf-8")
    assert '<span class="rel rel-opposes">opposes</span>' in page
    assert '<a href="../policy/crackdown.html">Crackdown</a>' in page
    assert "The crackdown fills prisons without disrupting markets" in page


def test_every_relative_link_resolves(G, tmp_path):
    build_site(G, tmp_path)
    for html_file in tmp_path.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        for ref in re.findall(r'(?:href|src)="([^"#]+)"', text):
            if ref.startswith(("http://", "https://", "data:")):
                continue
            assert (html_file.parent / ref).resolve().is_file(), f"{html_file}: broken link {ref}"
        assert not re.search(r'(?:src|href)="(?:https?:)?//', text.replace('href="https://', "")), html_file


def test_same_graph_same_bytes(G, tmp_path):
    build_site(G, tmp_path / "a")
    build_site(G, tmp_path / "b")
    for f in sorted((tmp_path / "a").rglob("*")):
        if f.is_file():
            assert f.read_bytes() == (tmp_path / "b" / f.relative_to(tmp_path / "a")).read_bytes(), f


def test_hostile_text_is_escaped(tmp_path):
    X = project(open_store("memory", data=[FIXTURES / "view_xss.trig"]), provenance=True)
    build_site(X, tmp_path)
    for f in tmp_path.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        assert "<img" not in text and "<svg" not in text and "javascript:" not in text, f
        assert text.count("<script") == text.count("</script>") <= 3, f
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = &#39;title&#39;&lt;/script&gt;" in index


def test_page_names_are_unique_and_safe():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("https://a.org/policy/X Y", kind="policy")
    G.add_node("https://b.org/policy/x-y", kind="policy")
    G.add_node("urn:../../etc/passwd", kind="actor")
    assert page_names(G) == {
        "https://a.org/policy/X Y": "policy/x-y.html",
        "https://b.org/policy/x-y": "policy/x-y-2.html",
        "urn:../../etc/passwd": "actor/passwd.html",
    }


def test_out_dir_that_is_a_file(G, tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(InputError, match="is a file: give a folder"):
        build_site(G, f)


def test_cli_site(cli, runner, tiny, tmp_path):
    out = tmp_path / "site"
    r = runner.invoke(cli, ["--data", str(tiny), "site", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output == (
        f"Wrote 5 pages (1 policy, 2 actors, 2 sources) to {out}/\nOpen {out / 'index.html'} in a browser.\n"
    )
    r = runner.invoke(cli, ["--data", str(tiny), "site", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["pages"][0] == "actor/alice.html"


def test_cli_site_errors_and_help(cli, runner, tiny, tmp_path):
    f = tmp_path / "f"
    f.write_text("x")
    r = runner.invoke(cli, ["--data", str(tiny), "site", str(f)])
    assert r.exit_code == 2 and "Error:" in r.output
    r = runner.invoke(cli, ["site", "--help"])
    assert r.exit_code == 0 and "Examples:" in r.output and "index.html" in r.output


def test_rebuild_removes_its_own_stale_pages_and_nothing_else(G, tmp_path, cli, runner):
    out = tmp_path / "s"
    build_site(G, out)
    manifest = json.loads((out / ".pag-site.json").read_text())
    assert "actor/bob.html" in manifest["files"] and "assets/pag-view.js" in manifest["files"]
    # the user's own files, and a page this build never wrote, are left alone
    (out / "notes.html").write_text("mine")
    (out / "actor" / "hand-made.html").write_text("mine")
    # Bob leaves the debate: his page goes on the next build
    H = G.copy()
    H.remove_node("https://w3id.org/pag/id/actor/bob")
    rep = build_site(H, out)
    assert rep["removed"] == ["actor/bob.html"]
    assert not (out / "actor" / "bob.html").exists()
    assert (out / "notes.html").read_text() == "mine"
    assert (out / "actor" / "hand-made.html").read_text() == "mine"
    assert "actor/bob.html" not in json.loads((out / ".pag-site.json").read_text())["files"]
    # the CLI says so; a rebuild of the same graph removes nothing
    r = runner.invoke(cli, ["--data", str(FIXTURES / "tiny.trig"), "site", str(out)])
    assert r.exit_code == 0 and "Removed" not in r.output
    assert (out / "actor" / "bob.html").exists()


def test_a_hostile_manifest_cannot_reach_outside_the_folder(G, tmp_path):
    out = tmp_path / "s"
    out.mkdir()
    victim = tmp_path / "victim.html"
    victim.write_text("keep")
    (out / "data.trig").write_text("keep")
    (out / ".pag-site.json").write_text(
        json.dumps({"files": ["../victim.html", str(victim), "data.trig", 7, "index.html"]})
    )
    assert build_site(G, out)["removed"] == []
    assert victim.read_text() == "keep" and (out / "data.trig").read_text() == "keep"


def test_a_folder_that_is_not_a_site_is_left_alone(G, tmp_path):
    out = tmp_path / "s"
    out.mkdir()
    (out / ".pag-site.json").write_text("[not, json")
    (out / "old.html").write_text("keep")
    assert build_site(G, out)["removed"] == []
    assert (out / "old.html").read_text() == "keep"
