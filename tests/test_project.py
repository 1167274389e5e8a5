"""Debate projects: `pag init`, finding the project, deterministic data files,
the store rebuilt when stale, `pag source add` (text, HTML, PDF with pages)
and changed texts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from graph.project import find_project, init_project, render_graph
from graph.resources import corpus_files

P = "https://w3id.org/pag/id/"
SCHEMA = "https://schema.org/"

REPORT = """County Overdose Report

The county board proposed a test-strip program in 2023.
"Test strips keep people alive," said Dr. Ana Ruiz, the county health officer.
Overdose deaths fell by 12 percent in 2023, according to the medical examiner.
"""


def tiny_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF: one Helvetica text line per string, one page per list."""
    objs: list[bytes] = []
    n = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, lines in enumerate(pages):
        shown = " ".join(
            "(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for ln in lines
        )
        data = f"BT /F1 12 Tf 72 720 Td 14 TL {shown} ET".encode("latin-1")
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objs.append(b"<< /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture
def proj(tmp_path):
    return init_project(tmp_path / "debate", name="County debate")


@pytest.fixture
def report(tmp_path) -> Path:
    f = tmp_path / "county-report.txt"
    f.write_text(REPORT, encoding="utf-8")
    return f


def run(cli, runner, args, cwd: Path, code: int = 0):
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        res = runner.invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    assert res.exit_code == code, (args, res.output, res.stderr if hasattr(res, "stderr") else "")
    return res


def test_init_makes_the_layout_and_refuses_a_used_folder(cli, runner, tmp_path):
    res = run(cli, runner, ["init", "d", "--name", "My debate"], tmp_path)
    assert "Created debate project 'My debate'" in res.output
    root = tmp_path / "d"
    assert sorted(p.name for p in root.iterdir()) == [".gitignore", ".pag", "data", "pag.toml", "texts"]
    assert 'name = "My debate"' in (root / "pag.toml").read_text()
    assert ".pag/" in (root / ".gitignore").read_text()
    res = run(cli, runner, ["init", "d"], tmp_path, code=2)
    assert "already a debate project" in res.output
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    assert "not empty" in run(cli, runner, ["init", "full"], tmp_path, code=2).output


def test_the_project_is_found_from_below_like_git(proj, tmp_path):
    deep = proj.root / "texts" / "a" / "b"
    deep.mkdir(parents=True)
    assert find_project(deep).root == proj.root.resolve()
    assert find_project(tmp_path) is None


def test_commands_inside_a_project_use_it_and_outside_the_bundled_corpus(cli, runner, proj, report, tmp_path):
    run(cli, runner, ["source", "add", str(report), "--title", "County Overdose Report"], proj.root)
    inside = json.loads(run(cli, runner, ["stats", "--format", "json"], proj.root / "texts").output)
    assert inside["sources"] == 1 and inside["claims"] == 0
    outside = json.loads(run(cli, runner, ["stats", "--format", "json"], tmp_path).output)
    assert outside["sources"] == 5 and outside["claims"] > 200
    # --store overrides the project
    over = json.loads(run(cli, runner, ["--store", "memory", "stats", "--format", "json"], proj.root).output)
    assert over["sources"] == 5
    # and --project picks one from anywhere
    picked = json.loads(run(cli, runner, ["--project", str(proj.root), "stats", "--format", "json"], tmp_path).output)
    assert picked["sources"] == 1


def test_data_files_are_deterministic_and_round_trip(proj):
    g = URIRef(P + "source/x")
    triples = [
        (URIRef(P + "claim/b"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal('B "quoted"\nline')),
        (URIRef(P + "claim/a"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("A")),
        (URIRef(P + "claim/a"), URIRef("https://w3id.org/pag#supports"), URIRef(P + "claim/b")),
    ]
    one, two = Dataset(), Dataset()
    for t in triples:
        one.graph(g).add(t)
    for t in reversed(triples):
        two.graph(g).add(t)
    a, b = render_graph(one, str(g)), render_graph(two, str(g))
    assert a == b
    back = Dataset()
    back.parse(data=a.decode(), format="trig")
    assert isomorphic(back.graph(g), one.graph(g))


def test_the_store_is_rebuilt_when_data_changes_by_hand(cli, runner, proj, report):
    run(cli, runner, ["source", "add", str(report), "--title", "County Overdose Report"], proj.root)
    assert not proj.is_stale()
    f = proj.data / "county-overdose-report.trig"
    f.write_text(
        f.read_text() + f'\n<{P}claim/by-hand> {{ }}\n'
        + f'<{P}source/county-overdose-report> {{ <{P}claim/by-hand> a <https://w3id.org/pag#Claim> ; '
        '<http://www.w3.org/2000/01/rdf-schema#label> "Written by hand" . }\n'
    )
    assert proj.is_stale()
    out = json.loads(run(cli, runner, ["stats", "--format", "json"], proj.root).output)
    assert out["claims"] == 1
    assert not proj.is_stale()


def test_source_add_text_records_hash_graph_and_actors(cli, runner, proj, report):
    res = run(
        cli, runner,
        ["source", "add", str(report), "--title", "County Overdose Report", "--author", "Ana Ruiz",
         "--publisher", "County Health", "--date", "2023-11", "--url", "https://example.org/r"],
        proj.root,
    )  # fmt: skip
    assert "Registered: County Health, “County Overdose Report” (2023)" in res.output
    text = proj.texts / "county-overdose-report.txt"
    assert text.read_text() == REPORT
    ds = proj.load_dataset()
    src = URIRef(P + "source/county-overdose-report")
    g = ds.graph(src)
    import hashlib

    assert str(g.value(src, URIRef("https://w3id.org/pag#sha256"))) == hashlib.sha256(REPORT.encode()).hexdigest()
    assert str(g.value(src, URIRef("https://w3id.org/pag#seedFile"))) == "county-overdose-report.txt"
    assert str(g.value(src, URIRef("http://purl.org/dc/terms/date"))) == "2023-11"
    creator = g.value(src, URIRef("http://purl.org/dc/terms/creator"))
    assert creator == URIRef(P + "actor/ana-ruiz")
    assert (creator, URIRef("https://w3id.org/pag#source"), src) in g
    # registering it twice is refused, with the way to bring in a new version
    again = run(cli, runner, ["source", "add", str(report), "--title", "County Overdose Report"], proj.root, code=2)
    assert "--replace" in again.output
    assert run(cli, runner, ["validate"], proj.root).exit_code == 0


def test_source_add_html_keeps_the_words_not_the_markup(cli, runner, proj, tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>T</title><script>var x = 'do not keep';</script><style>p{}</style></head>"
        "<body><h1>Harm &amp; reduction</h1><p>Naloxone <b>works</b>.</p><p>Second para.</p></body></html>"
    )
    run(cli, runner, ["source", "add", str(page), "--title", "An HTML page"], proj.root)
    text = (proj.texts / "an-html-page.txt").read_text()
    assert "Harm & reduction" in text and "Naloxone works." in text and "Second para." in text
    assert "do not keep" not in text and "<b>" not in text
    assert (proj.texts / "an-html-page.html").read_bytes() == page.read_bytes()


def test_pdf_keeps_page_numbers_in_citations(cli, runner, proj, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(tiny_pdf([
        ["County Overdose Report", "Page one is the cover."],
        ["Overdose deaths fell by 12 percent in 2023.", "The board approved test strips."],
    ]))  # fmt: skip
    res = run(cli, runner, ["source", "add", str(pdf), "--title", "PDF report", "--date", "2024"], proj.root)
    assert "Registered" in res.output
    text = (proj.texts / "pdf-report.txt").read_text()
    assert text.count("\f") == 1
    res = run(
        cli, runner,
        ["add", "evidence", "--source", "source:pdf-report", "--label", "Deaths fell 12%",
         "--quote", "Overdose deaths fell by 12 percent in 2023.", "--value", "12", "--unit", "percent"],
        proj.root,
    )  # fmt: skip
    assert "“PDF report” (2024), p. 2: “Overdose deaths fell by 12 percent in 2023.”" in res.output
    ds = proj.load_dataset()
    pages = {int(o) for o in ds.objects(None, URIRef(SCHEMA + "pageStart"))}
    assert pages == {2}
    assert int(ds.value(URIRef(P + "source/pdf-report"), URIRef(SCHEMA + "numberOfPages"))) == 2
    # a quote on the cover is cited with page 1
    res = run(cli, runner, ["add", "claim", "--source", "PDF report", "--label", "Cover",
                            "--quote", "Page one is the cover."], proj.root)  # fmt: skip
    assert "p. 1:" in res.output
    # a quote running from the cover onto page 2 (across the form feed between the pages)
    res = run(cli, runner, ["add", "claim", "--source", "PDF report", "--label", "Both pages",
                            "--quote", "Page one is the cover. Overdose deaths fell by 12 percent in 2023."], proj.root)  # fmt: skip
    assert "“PDF report” (2024), pp. 1–2: “Page one is the cover." in res.output
    for sub in ("Deaths fell 12%", "Cover"):
        run(cli, runner, ["add", "link", sub, "supports", "Both pages", "--source", "source:pdf-report"], proj.root)
    # the reports cite the pages: Markdown/text and JSON
    md = run(cli, runner, ["chains", "Both pages", "--format", "md"], proj.root).output
    assert "“Overdose deaths fell by 12 percent in 2023.” (source:pdf-report, p. 2)" in md
    assert "“Page one is the cover.” (source:pdf-report, p. 1)" in md
    assert "“Page one is the cover. Overdose deaths fell by 12 percent in 2023.” (source:pdf-report, pp. 1–2)" in md
    tree = json.loads(run(cli, runner, ["chains", "Both pages", "--format", "json"], proj.root).output)["tree"]
    assert (tree["quote"]["page_start"], tree["quote"]["page_end"]) == (1, 2)
    kids = {c["label"]: (c["quote"]["page_start"], c["quote"]["page_end"]) for c in tree["children"]}
    assert kids == {"Cover": (1, 1), "Deaths fell 12%": (2, 2)}
    ev = run(cli, runner, ["evidence", "Both pages"], proj.root).output
    assert "(source:pdf-report, p. 2)" in ev
    # and so does the site: the claim's outline and the source page
    site = tmp_path / "site"
    run(cli, runner, ["site", str(site)], proj.root)
    page = (site / "claim" / "both-pages.html").read_text(encoding="utf-8")
    assert ">PDF report, 2024</a>, pp. 1–2</span>" in page
    assert ">PDF report, 2024</a>, p. 1</span>" in page and ">PDF report, 2024</a>, p. 2</span>" in page
    src = (site / "source" / "pdf-report.html").read_text(encoding="utf-8")
    assert [m.split(" · ")[0] for m in re.findall(r'<p class="src">([^<]*)', src)] == ["p. 1", "pp. 1–2", "p. 2"]
    # and the view: each quote's row carries its pages for the tooltip
    view = json.loads(run(cli, runner, ["view", "Both pages", "--format", "json"], proj.root).output)
    quotes = {n["label"]: n["quotes"] for n in view["nodes"]}
    assert [q[2] for q in quotes["Both pages"]] == ["pp. 1–2"]
    assert [q[2] for q in quotes["Cover"]] == ["p. 1"] and [q[2] for q in quotes["Deaths fell 12%"]] == ["p. 2"]


def test_a_changed_text_is_reported_and_can_be_reanchored(cli, runner, proj, report):
    run(cli, runner, ["source", "add", str(report), "--title", "County Overdose Report"], proj.root)
    run(cli, runner, ["add", "claim", "--source", "source:county-overdose-report", "--label", "Strips save lives",
                      "--quote", "Test strips keep people alive"], proj.root)  # fmt: skip
    run(cli, runner, ["add", "evidence", "--source", "source:county-overdose-report", "--label", "Deaths fell",
                      "--quote", "Overdose deaths fell by 12 percent in 2023", "--value", "12", "--unit", "percent"],
        proj.root)  # fmt: skip
    assert "ok " in run(cli, runner, ["source", "check"], proj.root).output
    # the text changes under the project: a line added above the quotes, one sentence reworded
    seed = proj.texts / "county-overdose-report.txt"
    seed.write_text(REPORT.replace("County Overdose Report\n", "County Overdose Report\nUpdated edition.\n")
                    .replace("fell by 12 percent", "fell by 11 percent"))  # fmt: skip
    res = run(cli, runner, ["source", "check"], proj.root, code=1)
    assert "changed  county-overdose-report.txt" in res.output
    assert "1 quote(s) moved" in res.output
    assert "not in the text any more: " + P + "evidence/deaths-fell" in res.output
    res = run(cli, runner, ["validate", "--texts"], proj.root, code=1)
    assert "quote not found verbatim" in res.output
    # bringing the new version in is refused while a quote is lost
    new = proj.root.parent / "new.txt"
    new.write_text(seed.read_text())
    seed.write_text(REPORT)  # the registered version again
    res = run(cli, runner, ["source", "add", str(new), "--title", "County Overdose Report", "--replace"], proj.root, code=2)
    assert "not in the new text" in res.output and "Deaths fell" in res.output
    # a version that keeps every quote is re-anchored
    new.write_text(REPORT.replace("County Overdose Report\n", "County Overdose Report\nUpdated edition.\n"))
    run(cli, runner, ["source", "add", str(new), "--title", "County Overdose Report", "--replace"], proj.root)
    assert "ok " in run(cli, runner, ["source", "check"], proj.root).output
    ds = proj.load_dataset()
    text = seed.read_text()
    starts = {}
    for sel in ds.subjects(URIRef("http://www.w3.org/ns/oa#start"), None):
        start = int(ds.value(sel, URIRef("http://www.w3.org/ns/oa#start")))
        end = int(ds.value(sel, URIRef("http://www.w3.org/ns/oa#end")))
        starts[text[start:end]] = start
    assert set(starts) == {"Test strips keep people alive", "Overdose deaths fell by 12 percent in 2023"}
    assert run(cli, runner, ["validate", "--texts"], proj.root).exit_code == 0


@pytest.mark.slow
def test_init_from_bundled_holds_the_bundled_corpus(cli, runner, tmp_path, seeds):
    run(cli, runner, ["init", "b", "--from-bundled", "--texts", str(seeds)], tmp_path)
    root = tmp_path / "b"
    bundled = Dataset(default_union=True)
    for f in corpus_files():
        bundled.parse(f, format="trig")
    proj = find_project(root)
    ds = proj.load_dataset()
    from graph.project import _stable_bnodes

    for ctx in bundled.graphs():
        if len(ctx):
            # the same statements, blank nodes (anchor selectors) named by what they say
            theirs = set(_stable_bnodes(list(ctx.triples((None, None, None)))))
            mine = set(_stable_bnodes(list(ds.graph(ctx.identifier).triples((None, None, None)))))
            assert theirs == mine, ctx.identifier
    # written twice, the same bytes
    again = tmp_path / "again"
    run(cli, runner, ["init", "again", "--from-bundled", "--texts", str(seeds)], tmp_path)
    for f in proj.data_files():
        assert (again / "data" / f.name).read_bytes() == f.read_bytes(), f.name
    inside = json.loads(run(cli, runner, ["stats", "--format", "json"], root).output)
    outside = json.loads(run(cli, runner, ["stats", "--format", "json"], tmp_path).output)
    for k in ("actors", "policies", "claims", "evidence", "sources"):
        assert inside[k] == outside[k]
    assert sorted(p.name for p in (root / "texts").iterdir()) == sorted(p.name for p in seeds.glob("*.txt"))
    res = run(cli, runner, ["validate", "--texts", "--no-shacl"], root)
    assert "quotes verbatim" in res.output


def test_source_add_markdown_keeps_the_text_as_written(cli, runner, proj, tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("# Notes\n\nThe *board* said the program **works**.\n")
    run(cli, runner, ["source", "add", str(md), "--title", "Board notes"], proj.root)
    assert (proj.texts / "board-notes.txt").read_text() == md.read_text()
    ds = proj.load_dataset()
    assert str(ds.value(URIRef(P + "source/board-notes"), URIRef("http://purl.org/dc/terms/format"))) == "text/markdown"
    res = run(cli, runner, ["source", "add", str(tmp_path / "notes.md"), "--title", "x.y"], proj.root)
    assert "Registered" in res.output
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"PK")
    assert "unknown document type '.docx'" in run(cli, runner, ["source", "add", str(bad)], proj.root, code=2).output
