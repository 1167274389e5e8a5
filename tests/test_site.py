"""graph.site and `pag site`: the static site's pages, links, safety and determinism."""

from __future__ import annotations

import json
import re
from html import escape
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


PAGES = [
    "actor/alice.html", "actor/bob.html", "claim/crackdown-fills-prisons.html", "claim/crackdown-saves-lives.html",
    "debate.html", "index.html", "policy/crackdown.html", "source/alpha.html", "source/beta.html", "stances.html",
]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def test_pages_of_the_tiny_debate(G, tmp_path):
    rep = build_site(G, tmp_path / "s")
    assert rep["pages"] == PAGES
    assert rep["counts"] == {"policies": 1, "claims": 2, "actors": 2, "sources": 2, "pages": 10}
    assert sorted(p.name for p in (tmp_path / "s" / "assets").iterdir()) == [
        "minisearch-LICENSE.txt", "minisearch.js", "pag-search-docs.js", "pag-site.js", "pag-view.css",
        "pag-view.js", "vis-network.min.css", "vis-network.min.js",
    ]
    assert "Luca Ongaro" in _text(tmp_path / "s" / "assets" / "minisearch-LICENSE.txt")
    assert not list((tmp_path / "s").rglob("*.tmp"))


def test_index_tables_are_sortable_explained_and_link_every_page(G, tmp_path):
    build_site(G, tmp_path, labels=None)
    index = _text(tmp_path / "index.html")
    assert '<a href="policy/crackdown.html">Crackdown</a>' in index
    assert '<a href="actor/alice.html">Alice</a>' in index
    assert '<a href="source/alpha.html">Alpha report</a>' in index and '<a href="source/beta.html">Beta article</a>' in index
    assert '<a href="claim/crackdown-saves-lives.html">The crackdown saves lives</a>' in index
    assert "1 policy, 2 claims, 2 pieces of evidence, 2 actors, 2 sources, 1 measure" in index
    row = re.search(r'<tr><td><a href="policy/crackdown.html">Crackdown</a></td>(.*?)</tr>', index).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells == ["enforcement", "in force", "1", "1", "1", "1", "4"]
    # every table sorts and filters; the columns are explained
    assert index.count('class="list sortable"') == 4
    assert index.count('class="filter"') == 3
    assert "<dt>under it</dt><dd>every claim and piece of evidence in its case, at any depth" in index
    assert 'stances.html">who stands where</a>' in index


def test_rows_sort_by_words_not_by_leading_quotes(tmp_path):
    import networkx as nx

    H = nx.MultiDiGraph()
    for n, label in [("urn:a", '"Len Bias" laws'), ("urn:b", "Abstinence programs"), ("urn:c", "Naloxone")]:
        H.add_node(n, kind="policy", label=label, quotes=[], sources=[])
    build_site(H, tmp_path, labels=None)
    index = _text(tmp_path / "index.html")
    order = [m for m in re.findall(r'<td><a href="policy/[a-z]+\.html">([^<]+)</a>', index)]
    assert order == ["Abstinence programs", "&#34;Len Bias&#34; laws", "Naloxone"]


def test_policy_page_is_an_outline_with_verdicts_quotes_and_citations(G, tmp_path):
    build_site(G, tmp_path)
    page = _text(tmp_path / "policy" / "crackdown.html")
    assert '<script src="../assets/vis-network.min.js"></script>' in page
    assert '<span id="policy-crackdown">Crackdown</span>' in page
    assert "The argument: 1 for, 1 against <small>(4 lines, 2 pieces of evidence)</small>" in page
    outline = page[page.index('<section id="outline">'):page.index('<section id="graph-view"')]
    # for and against, each line with its anchor, verdict in words, quote and short citation
    pro = outline[outline.index('<div class="side pro">'):outline.index('<div class="side con">')]
    con = outline[outline.index('<div class="side con">'):]
    assert 'id="claim-crackdown-saves-lives"' in pro and 'id="claim-crackdown-fills-prisons"' in con
    assert '<a href="../claim/crackdown-saves-lives.html">The crackdown saves lives</a>' in pro
    assert '<span class="verdict v-OUT" title="OUT because ' in pro  # the plain-words reason (graph.semantics)
    assert '<blockquote class="q">Prosecuting every case saves lives</blockquote>' in pro
    assert '<a href="../source/alpha.html#q-claim-crackdown-saves-lives-1" title="Alpha report">Alpha report, 2020</a>' in pro
    assert "said by <a href=\"../actor/alice.html\">Alice</a>" in pro
    assert '<span class="verdict v-IN" title="IN: nothing attacks it' in con
    # two levels open, the rest closed
    assert '<details open data-open="true">' in pro
    assert "Advocated by (1)" in page and '<a href="../actor/alice.html">Alice</a>' in page
    assert "Opposed by (1)" in page and '<a href="../actor/bob.html">Bob</a>' in page
    assert '"layout":"tree"' in page  # the graph comes second, on the same page


def test_outline_opens_two_levels_and_marks_repeats(tmp_path):
    import networkx as nx

    H = nx.MultiDiGraph()
    H.add_node("urn:p", kind="policy", label="P", quotes=[], sources=[])
    chain = ["urn:c1", "urn:c2", "urn:c3", "urn:c4"]
    for n in chain:
        H.add_node(n, kind="claim", label=n[-2:].upper(), quotes=[], sources=[])
    for child, parent in [("urn:c1", "urn:p"), ("urn:c2", "urn:c1"), ("urn:c3", "urn:c2"), ("urn:c4", "urn:c3"),
                          ("urn:c3", "urn:p")]:
        H.add_edge(child, parent, key="supports", relation="supports", sources=[])
    build_site(H, tmp_path, labels=None)
    page = _text(tmp_path / "policy" / "p.html")
    opens = re.findall(r'<li class="arg pro"(?: id="([^"]+)")?>\n<details( open)? data-open="(true|false)">', page)
    assert opens == [("claim-c1", " open", "true"), ("claim-c2", " open", "true"), ("claim-c3", "", "false")]
    # c3 is shown twice: its anchor once, the second line points back to it
    assert _ids(page).count("claim-c3") == 1
    assert '(shown above: <a href="#claim-c3">see there</a>)' in page


def test_claim_page_says_where_the_claim_is_used(G, tmp_path):
    build_site(G, tmp_path)
    page = _text(tmp_path / "claim" / "crackdown-saves-lives.html")
    assert '<span id="claim-crackdown-saves-lives">The crackdown saves lives</span>' in page
    used = page[page.index('<section id="used">'):page.index('<section id="outline">')]
    assert "Where it is used (1)" in used
    assert '<span class="mark pro">supports</span> <a href="../policy/crackdown.html">Crackdown</a>' in used
    assert 'id="evidence-overdoses-fell"' in page and 'id="evidence-neighbour-county-rose"' in page


def test_actor_page_has_stances_and_what_it_says(G, tmp_path):
    build_site(G, tmp_path, labels=None)
    page = _text(tmp_path / "actor" / "bob.html")
    con = page[page.index('<div class="side con">'):]
    assert 'id="policy-crackdown"' in con and '<a href="../policy/crackdown.html">Crackdown</a>' in con
    assert "The crackdown fills prisons without disrupting markets" in con  # his claim against it, under it
    assert "That approach fills the prisons but does virtually nothing to disrupt drug markets." in con
    assert "Where it stands: for 0 policies, against 1" in page


def test_source_page_lists_every_quote_with_its_node(G, tmp_path):
    build_site(G, tmp_path)
    page = _text(tmp_path / "source" / "alpha.html")
    assert "<h2>Quotes (3)</h2>" in page
    assert "does not record where each quote stands in the text" in page
    rows = re.findall(r'<li id="(q-[^"]+)">', page)
    assert rows == ["q-policy-crackdown-1", "q-claim-crackdown-saves-lives-1", "q-evidence-overdoses-fell-1"]
    assert '<a href="../claim/crackdown-saves-lives.html#claim-crackdown-saves-lives">The crackdown saves lives</a>' in page
    # evidence has no page of its own: its anchor is here
    assert '<span id="evidence-overdoses-fell"></span>' in page
    assert '<span class="mark pro">supports</span> <a href="../claim/crackdown-saves-lives.html">' in page


def test_source_page_orders_by_text_position_when_the_data_has_it(tmp_path):
    import networkx as nx

    H = nx.MultiDiGraph()
    H.add_node("urn:s", kind="source", label="S", title="S", quotes=[], sources=[])
    for n, start in [("urn:a", 300), ("urn:b", 10), ("urn:c", 120)]:
        H.add_node(n, kind="claim", label=n[-1].upper(), sources=["urn:s"],
                   quotes=[{"source": "urn:s", "quote": f"quote {n[-1]}", "start": start, "end": start + 7}])
    build_site(H, tmp_path, labels=None)
    page = _text(tmp_path / "source" / "s.html")
    assert "Quotes in document order (3)" in page
    assert re.findall(r"<blockquote class=\"q\">quote (.)</blockquote>", page) == ["b", "c", "a"]


def test_stance_grid(G, tmp_path):
    build_site(G, tmp_path)
    page = _text(tmp_path / "stances.html")
    assert "2 actors × 1 policies" in page
    rows = re.findall(r'<tr><th scope="row" class="actor-col"><a href="([^"]+)">([^<]+)</a></th>(.*?)</tr>', page, re.S)
    cells = {label: re.findall(r'<td class="cell-([a-z]+)"', rest) for _href, label, rest in rows}
    assert cells == {"Alice": ["advocates"], "Bob": ["opposes"]}
    assert 'class="grid sortable"' in page


def test_search_documents_hold_labels_and_quotes_with_anchors(G, tmp_path):
    build_site(G, tmp_path)
    js = _text(tmp_path / "assets" / "pag-search-docs.js")
    assert js.startswith("window.PAG_SEARCH_DOCS = [")
    docs = json.loads(js[len("window.PAG_SEARCH_DOCS = "):].rstrip().rstrip(";"))
    by_label = {d["t"]: d for d in docs}
    assert by_label["Overdoses fell from 11 to 1 a day"]["q"] == "overdoses went from 11 a day to less than one"
    assert by_label["Overdoses fell from 11 to 1 a day"]["u"] == "source/alpha.html#q-evidence-overdoses-fell-1"
    assert by_label["The crackdown saves lives"]["u"] == "claim/crackdown-saves-lives.html#claim-crackdown-saves-lives"
    assert {d["k"] for d in docs} == {"policy", "claim", "evidence", "actor", "source"}
    for d in docs:  # every result lands on an existing page and anchor
        page, _, anchor = d["u"].partition("#")
        html = _text(tmp_path / page)
        assert not anchor or anchor in _ids(html), d


def test_verdicts_agree_with_explain_label():
    from graph.semantics import explain_label, grounded_labels
    from graph.site import verdicts

    for fixture in ("tiny.trig", "analysis_debate.trig"):
        H = project(open_store("memory", data=[FIXTURES / fixture]), provenance=True)
        labels = grounded_labels(H)
        v = verdicts(H, labels)
        assert set(v) == set(labels)
        for n, lab in labels.items():
            e = explain_label(H, n, labels=labels)
            assert v[n]["label"] == lab
            assert v[n]["decisive"] == sorted({r["attacker"] for r in e["decisive"]}), n
            assert v[n]["words"] == {"IN": "stands", "OUT": "defeated", "UNDECIDED": "undecided"}[lab]


def test_every_anchor_is_unique_on_its_page(G, tmp_path):
    build_site(G, tmp_path)
    for f in tmp_path.rglob("*.html"):
        ids = _ids(_text(f))
        assert len(ids) == len(set(ids)), (f, sorted(i for i in ids if ids.count(i) > 1))


def test_every_relative_link_resolves(G, tmp_path):
    build_site(G, tmp_path)
    for html_file in tmp_path.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        for ref in re.findall(r'(?:href|src)="([^"]+)"', text):
            if ref.startswith(("http://", "https://", "data:")):
                continue
            path, _, anchor = ref.partition("#")
            target = (html_file.parent / path).resolve() if path else html_file
            assert target.is_file(), f"{html_file}: broken link {ref}"
            if anchor:
                assert anchor in _ids(target.read_text(encoding="utf-8")), f"{html_file}: no anchor for {ref}"
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
        assert text.count("<script") == text.count("</script>") <= 6, f
        # no inline script but the JSON data block
        assert re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", text) in ([], [' type="application/json" id="pag-data"']), f
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
        f"Wrote 10 pages (1 policy, 2 claims, 2 actors, 2 sources) to {out}/\nOpen {out / 'index.html'} in a browser.\n"
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


def test_a_curated_link_says_linked_by_the_curators_with_their_reason(tmp_path):
    from graph.curation import rationales

    store = open_store("memory", data=[FIXTURES / "tiny_curated.trig"])
    H = project(store, provenance=True)
    build_site(H, tmp_path, rationales=rationales(store))
    page = _text(tmp_path / "policy" / "crackdown.html")
    line = page[page.index('<li class="arg con" id="evidence-neighbour-county-rose">'):]
    line = line[:line.index("</li>")]
    assert (
        '<p class="src curated">linked by the curators: Beta&#39;s neighbouring county cracked down too, '
        "and overdoses kept rising.</p>"
    ) in line
    assert "link stated in" not in line and "graph:curation" not in page and "curation" not in _text(tmp_path / "index.html")


def test_the_corpus_source_pages_follow_the_quote_anchors(tmp_path):
    from graph.anchors import quote_positions

    store = open_store("memory")
    H = project(store, provenance=True)
    pos = quote_positions(store)
    quotes = {(n, q["source"], q["quote"]) for n in H for q in H.nodes[n].get("quotes") or []}
    assert quotes and quotes <= set(pos)  # every quote of the corpus is anchored
    build_site(H, tmp_path, positions=pos, labels=None)
    for page in sorted((tmp_path / "source").iterdir()):
        html = _text(page)
        assert "Quotes in document order" in html, page
        assert re.findall(r'<li id="q-[a-z]+-[^"]+-\d+">', html), page
    # the order is the text's: the first quote of the FiveThirtyEight piece comes first
    fte = "https://w3id.org/pag/id/source/fivethirtyeight-2018-crackdown-dealers-users"
    first = min(((at.start, at.end), n, q) for (n, s, q), at in pos.items() if s == fte)
    html = _text(tmp_path / "source" / "fivethirtyeight-2018-crackdown-dealers-users.html")
    assert re.search(r'<blockquote class="q">([^<]*)</blockquote>', html).group(1) == escape(first[2])
