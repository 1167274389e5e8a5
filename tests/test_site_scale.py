"""`pag site` at scale: pages of huge neighbourhoods are capped with a pointer to the
focused command, long documents run on to more pages, and the progress bar shows only
on a terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx
import pytest

from graph import site
from graph.site import build_site

S = "urn:src"


def _node(G: nx.MultiDiGraph, n: str, kind: str, label: str, quote: str | None = None) -> None:
    G.add_node(n, kind=kind, label=label, sources=[S], quotes=[{"quote": quote, "source": S}] if quote else [])


def _edge(G: nx.MultiDiGraph, u: str, v: str, rel: str) -> None:
    G.add_edge(u, v, key=rel, relation=rel, sources=[S])


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def _links_resolve(root: Path) -> None:
    ids: dict[Path, set[str]] = {}
    for html_file in root.rglob("*.html"):
        for ref in re.findall(r'(?:href|src)="([^"]+)"', _text(html_file)):
            if ref.startswith(("http://", "https://", "data:")):
                continue
            path, _, anchor = ref.partition("#")
            target = (html_file.parent / path).resolve() if path else html_file
            assert target.is_file(), f"{html_file}: broken link {ref}"
            if anchor:
                if target not in ids:
                    ids[target] = set(_ids(_text(target)))
                assert anchor in ids[target], f"{html_file}: no anchor for {ref}"


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    """A policy with 1,500 pieces of evidence under it (one document quotes them
    all), an actor asserting 1,000 of them, and a chain of 60 claims (deeper than
    an outline shows)."""
    G = nx.MultiDiGraph()
    G.add_node(S, kind="source", label="The big report", title="The big report", sources=[], quotes=[])
    _node(G, "urn:p", "policy", "Big policy")
    _node(G, "urn:a", "actor", "Prolific actor")
    _edge(G, "urn:a", "urn:p", "advocates")
    for i in range(1500):
        e = f"urn:e{i:04d}"
        _node(G, e, "evidence", f"Figure {i:04d}", quote=f"In year {i} there were {i} cases.")
        _edge(G, e, "urn:p", "supports" if i % 3 else "attacks")
        if i < 1000:
            _edge(G, "urn:a", e, "asserts")
    chain = [f"urn:c{i:03d}" for i in range(60)]
    for i, c in enumerate(chain):
        _node(G, c, "claim", f"Chain claim {i:03d}")
        _edge(G, c, chain[i - 1] if i else "urn:p", "supports")
    out = tmp_path_factory.mktemp("huge") / "site"
    steps: list[tuple[str, int, int]] = []
    rep = build_site(G, out, labels=None, progress=lambda *s: steps.append(s))
    return G, out, rep, steps


def test_a_huge_argument_tree_is_capped_with_a_pointer_to_pag_chains(huge):
    G, out, _rep, _steps = huge
    assert len(site._under(G, "urn:p")) == 1561  # the real neighbourhood: 1,500 + 60 under the policy
    assert site.OUTLINE_DEPTH < 60
    page = _text(out / "policy" / "p.html")
    outline = page[page.index('<section id="outline">'):page.index('<section id="graph-view"')]
    lines = outline.count('<li class="arg')
    assert lines == site.OUTLINE_LINES == 500
    # the chain is deeper than an outline shows: the depth is cut, so the total is not counted
    assert '<p class="cap" role="note">Showing the first 500 lines of the argument: there are more.' in outline
    assert "All of them: <code>pag chains urn:p</code> or <code>pag view urn:p</code>." in outline
    # breadth first: the policy's own 1,501 lines come before anything deeper, for and against in turn
    assert "Chain claim 001" not in outline
    assert "The argument: 1001 for, 500 against" in outline and "<h3>Against (500)</h3>" in outline
    con = outline[outline.index('<div class="side con">'):]
    assert con.count('<li class="arg') == 250
    assert len(page) < 2_000_000


def test_a_deep_chain_is_cut_at_a_depth_and_says_so(huge):
    _G, out, _rep, _steps = huge
    page = _text(out / "claim" / "c000.html")
    outline = page[page.index('<section id="outline">'):page.index('<section id="graph-view"')]
    assert 0 < outline.count('<li class="arg') <= site.OUTLINE_LINES
    assert "there are more." in outline and "<code>pag chains urn:c000</code>" in outline
    small = _text(out / "claim" / "c058.html")  # one line under it: no notice
    assert 'class="cap"' not in small and "Chain claim 059" in small


def test_an_actor_asserting_a_thousand_items_lists_the_first_with_the_count(huge):
    _G, out, _rep, _steps = huge
    page = _text(out / "actor" / "a.html")
    outline = page[page.index('<section id="outline">'):page.index('<section id="graph-view"')]
    assert (
        '<p class="cap" role="note">Showing the first 300 of 1,000 claims and evidence items it asserts: 700 more. '
        "All of them: <code>pag actor urn:a</code> or <code>pag view urn:a</code>.</p>"
    ) in outline
    assert outline.count('<li class="arg said"') == site.ACTOR_LINES
    assert "1000 of its own lines bear on it" in outline  # the count is of all of them
    assert "Figure 0000" in outline and "Figure 0999" not in outline  # the first, in the page's order


def test_a_long_document_runs_on_to_more_pages_and_citations_follow(huge):
    _G, out, rep, _steps = huge
    pages = [p for p in rep["pages"] if p.startswith("source/")]
    assert site.SOURCE_QUOTES == 1000
    assert pages == ["source/src.2.html", "source/src.html"]  # 1,500 quotes, 1,000 a page
    first, second = _text(out / "source" / "src.html"), _text(out / "source" / "src.2.html")
    assert first.count('<li id="q-') == 1000 and second.count('<li id="q-') == 500
    assert "<h2>Quotes (1500)</h2>" in second and '<ol class="quotes" start="1001">' in second
    assert "1,001–1,500 of its 1,500 quotes on this page (2 of 2)." in second
    assert '<a href="src.html" rel="prev">' in second and 'rel="next"' not in second
    assert '<a href="src.2.html" rel="next">' in first and "1–1,000 of its 1,500 quotes on this page (1 of 2)." in first
    # a quote on the second page is cited there, from the search index and from every link (checked below)
    assert 'id="q-evidence-e1499-1"' in second and 'id="q-evidence-e1499-1"' not in first
    search = _text(out / "assets" / "pag-search-docs.js")
    assert '"u":"source/src.2.html#q-evidence-e1499-1"' in search
    _links_resolve(out)


def test_the_index_and_the_stance_grid_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(site, "INDEX_ROWS", 5)
    monkeypatch.setattr(site, "GRID_POLICIES", 3)
    monkeypatch.setattr(site, "GRID_CELLS", 13)
    G = nx.MultiDiGraph()
    G.add_node(S, kind="source", label="S", sources=[], quotes=[])
    for i in range(8):
        _node(G, f"urn:p{i}", "policy", f"Policy {i}")
    for j in range(10):
        _node(G, f"urn:a{j}", "actor", f"Actor {j}")
        for i in range(8):
            if (i + j) % 2 == 0 or i == 0:
                _edge(G, f"urn:a{j}", f"urn:p{i}", "advocates" if j % 3 else "opposes")
    build_site(G, tmp_path, labels=None)
    index = _text(tmp_path / "index.html")
    assert '<h2 id="policies">Policies (8)</h2>' in index
    assert "Showing the first 5 of 8 policies: 3 more. The search box finds every one of them." in index
    assert index.count('<a href="policy/') == 5
    grid = _text(tmp_path / "stances.html")
    assert "Showing the first 3 of 8 policies (those most actors take a stance on): 5 more." in grid
    assert "Showing the first 4 of 10 actors (those with the most stances here): 6 more." in grid
    assert grid.count('<th scope="row"') == 4 and grid.count('class="pcol"') == 3  # 13 cells: 4 rows of 3
    assert 'Policy 0</a>' in grid  # every actor takes a stance on it: the first column


def test_build_reports_its_steps_in_order(huge):
    _G, _out, rep, steps = huge
    whats = [s[0] for s in steps]
    assert whats[:2] == ["analyse", "analyse"] and whats[-2:] == ["write", "write"]
    pages = [s for s in steps if s[0] == "pages"]
    assert [s[1] for s in pages] == list(range(1, len(rep["pages"]) + 1))
    assert {s[2] for s in pages} == {len(rep["pages"])}


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_only_on_a_terminal_and_never_with_quiet():
    from graph.__main__ import load_cli

    site_progress, wants_progress = load_cli().site_progress, load_cli().wants_progress

    assert wants_progress(False, _Stream(True))
    assert not wants_progress(True, _Stream(True))  # -q
    assert not wants_progress(False, _Stream(False))  # a pipe or a file
    assert not wants_progress(False, None)
    closed = io.StringIO()
    closed.close()
    assert not wants_progress(False, closed)
    for tty, quiet in ((True, False), (True, True), (False, False)):
        stream = _Stream(tty)
        with site_progress(quiet=quiet, stream=stream) as step:
            for what, done, total in [("project", 1, 1), ("analyse", 1, 1), ("pages", 7, 9), ("write", 1, 1)]:
                step(what, done, total)
        shown = stream.getvalue()
        assert ("Writing pages" in shown or "Publishing" in shown) == (tty and not quiet), (tty, quiet, shown)
        if not (tty and not quiet):
            assert shown == ""
