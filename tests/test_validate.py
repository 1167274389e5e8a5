"""pag validate: SHACL, references, quote fidelity; exit codes 0/1/2."""

import json
import shutil
from pathlib import Path

import pytest

from graph.anchors import write_anchors
from graph.curation import CURATION_GRAPH
from graph.stores import open_store
from graph.validate import validate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY_CURATED = FIXTURES / "tiny_curated.trig"

PREFIXES = """@prefix pag: <https://w3id.org/pag#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix s: <https://w3id.org/pag/id/source/> .
"""


def _write(tmp_path, body, name="x.trig"):
    f = tmp_path / name
    f.write_text(PREFIXES + body, encoding="utf-8")
    return f


SOURCE = 's:x { s:x a pag:Source ; rdfs:label "X" ; dcterms:title "X" ; pag:seedFile "alpha.txt" .\n'


def test_tiny_curated_fixture_is_valid(tiny_texts):
    rep = validate(open_store("memory", data=[TINY_CURATED]), texts=tiny_texts, files=[TINY_CURATED])
    assert rep.conforms, rep.problems
    assert rep.quotes_checked == 6 and rep.quotes_verbatim == 6
    assert rep.checks == ["shacl", "reference", "document", "curation", "quote", "anchor"]
    # no anchors in the fixture: each quote is reported, as a warning
    assert {p.check for p in rep.problems} == {"anchor"} and len(rep.problems) == 6


def test_cross_document_edge_in_a_document_graph_fails(tiny):
    # tiny.trig keeps beta's evidence attacking alpha's claim inside beta's graph,
    # and beta attacks the crackdown without quoting it
    rep = validate(open_store("memory", data=[tiny]), files=[tiny], shacl=False)
    errs = [p for p in rep.errors if p.check == "document"]
    assert len(errs) == 2, errs
    by_node = {p.node.rsplit("/", 1)[1]: p for p in errs}
    cross = by_node["neighbour-county-rose"]
    assert cross.graph == "https://w3id.org/pag/id/source/beta"
    assert "evidence:neighbour-county-rose pag:attacks claim:crackdown-saves-lives" in cross.message
    assert "claim:crackdown-saves-lives is not quoted from that document" in cross.message
    assert CURATION_GRAPH in cross.message and "pag:CuratedLink" in cross.message
    assert cross.file == str(tiny) and cross.line
    assert "policy:crackdown is not quoted" in by_node["crackdown-fills-prisons"].message


def test_cli_fails_on_a_cross_document_edge(cli, runner, tiny):
    res = runner.invoke(cli, ["validate", str(tiny), "--no-shacl"])
    assert res.exit_code == 1
    assert "[document]" in res.output and "neighbour-county-rose" in res.output


def _curated(tmp_path, link_body, triple="evidence:neighbour-county-rose pag:attacks claim:crackdown-saves-lives ."):
    text = TINY_CURATED.read_text(encoding="utf-8")
    start = text.index("<https://w3id.org/pag/id/graph/curation> {")
    body = (
        "<https://w3id.org/pag/id/graph/curation> {\n"
        "    <https://w3id.org/pag/id/graph/curation> a pag:CurationGraph .\n"
        f"    {triple}\n{link_body}}}\n"
    )
    f = tmp_path / "curated.trig"
    f.write_text(text[:start] + body, encoding="utf-8")
    return f


def test_curated_edge_without_its_link_fails(tmp_path):
    f = _curated(tmp_path, "")
    rep = validate(open_store("memory", data=[f]), shacl=False)
    msgs = [p.message for p in rep.errors if p.check == "curation"]
    assert len(msgs) == 1 and "has no pag:CuratedLink" in msgs[0]


def test_curated_link_needs_rationale_curator_and_real_quotes(tmp_path):
    link = (
        "    <urn:link> a pag:CuratedLink ; pag:linkFrom evidence:neighbour-county-rose ;\n"
        "        pag:linkRelation pag:attacks ; pag:linkTo claim:crackdown-saves-lives ;\n"
        '        pag:fromQuote "overdoses kept rising" ; pag:toQuote "Prosecuting every case saves lives" .\n'
    )
    rep = validate(open_store("memory", data=[_curated(tmp_path, link)]), shacl=False)
    msgs = sorted(p.message for p in rep.errors if p.check == "curation")
    assert len(msgs) == 2, msgs
    assert "lacks its rationale (rdfs:comment) or its maker (prov:wasAttributedTo)" in msgs[0]
    assert 'pag:fromQuote "overdoses kept rising" is not a pag:quote of evidence:neighbour-county-rose' in msgs[1]


def test_anchors_resolve_and_a_changed_text_is_detected(tmp_path, tiny_texts):
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(TINY_CURATED, format="trig")
    written, missing = write_anchors(ds, tiny_texts, tmp_path)
    assert missing == [] and sorted(p.name for p in written) == ["alpha.anchors.trig", "beta.anchors.trig"]
    files = [TINY_CURATED, *written]
    rep = validate(open_store("memory", data=files), texts=tiny_texts, shacl=False)
    assert rep.conforms and rep.problems == [], rep.problems
    # the same words, shifted: the quotes are still verbatim, the anchors and hash are not
    texts = tmp_path / "texts"
    shutil.copytree(tiny_texts, texts)
    beta = texts / "beta.txt"
    beta.write_text("Preface.\n" + beta.read_text(encoding="utf-8"), encoding="utf-8")
    rep = validate(open_store("memory", data=files), texts=texts, shacl=False)
    assert rep.quotes_verbatim == rep.quotes_checked
    anchor = [p for p in rep.errors if p.check == "anchor"]
    changed = [p for p in anchor if "has changed since its quotes were anchored" in p.message]
    assert [p.node for p in changed] == ["https://w3id.org/pag/id/source/beta"]
    moved = [p for p in anchor if "does not resolve" in p.message]
    assert len(moved) == 3  # beta's three quotes
    assert all("python -m graph.anchors" in p.message for p in anchor)


def test_a_tampered_anchor_is_reported(tmp_path, tiny_texts):
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(TINY_CURATED, format="trig")
    written, _ = write_anchors(ds, tiny_texts, tmp_path)
    alpha = next(p for p in written if p.name == "alpha.anchors.trig")
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(text.replace('oa:prefix "Alpha.\\n"', 'oa:prefix "Beta.\\n"', 1), encoding="utf-8")
    rep = validate(open_store("memory", data=[TINY_CURATED, *written]), texts=tiny_texts, shacl=False)
    errs = [p for p in rep.errors if p.check == "anchor"]
    assert len(errs) == 1 and "has a prefix that is not the text before it" in errs[0].message


def test_anchors_of_a_text_with_pages_record_and_check_the_pages(tmp_path, tiny_texts):
    from rdflib import Dataset

    from graph.anchors import quote_positions

    texts = tmp_path / "texts"
    shutil.copytree(tiny_texts, texts)
    alpha = texts / "alpha.txt"  # two pages: the break falls inside "Prosecuting every case saves lives"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("every\n", "every\n\f", 1), encoding="utf-8")
    ds = Dataset(default_union=True)
    ds.parse(TINY_CURATED, format="trig")
    out = tmp_path / "anchors"
    out.mkdir()
    written, missing = write_anchors(ds, texts, out)
    assert missing == []
    store = open_store("memory", data=[TINY_CURATED, *written])
    pages = {q: a.pages for (_n, s, q), a in quote_positions(store).items() if s.endswith("/alpha")}
    assert pages == {
        "The crackdown began in March.": "p. 1",
        "Prosecuting every case saves lives": "pp. 1–2",
        "overdoses went from 11 a day to less than one": "p. 2",
    }
    rep = validate(store, texts=texts, shacl=False)
    assert rep.conforms and rep.problems == [], rep.problems
    # a page number that is not the quote's is an error
    f = next(p for p in written if p.name == "alpha.anchors.trig")
    body = f.read_text(encoding="utf-8")
    assert body.count("<https://schema.org/pageStart> 2 ;") == 1
    f.write_text(body.replace("<https://schema.org/pageStart> 2 ;", "<https://schema.org/pageStart> 1 ;"), encoding="utf-8")
    rep = validate(open_store("memory", data=[TINY_CURATED, *written]), texts=texts, shacl=False)
    errs = [p for p in rep.errors if p.check == "anchor"]
    assert len(errs) == 1 and "gives pp. 1–2, but the quote is on p. 2" in errs[0].message, errs
    # the lookup of a report's quotes binds them as data: a quote is a literal, a source that is no IRI is skipped
    hostile = 'x" } } INSERT DATA { <urn:a> <urn:b> <urn:c> } #'
    assert quote_positions(store, [("urn:x> } #", "q"), ("https://w3id.org/pag/id/source/alpha", hostile)]) == {}


def test_missing_label_source_and_quote_are_reported_with_line(tmp_path):
    f = _write(tmp_path, SOURCE + "<urn:c> a pag:Claim .\n}\n")
    rep = validate(open_store("memory", data=[f]), files=[f])
    assert not rep.conforms
    msgs = sorted(p.message for p in rep.errors if p.node == "urn:c")
    assert any("rdfs:label" in m for m in msgs)
    assert any("pag:source" in m for m in msgs)
    assert any("pag:quote" in m for m in msgs)
    assert all(p.file == str(f) and p.line == 6 for p in rep.errors if p.node == "urn:c")


def test_stance_from_a_non_actor_is_an_error(tmp_path):
    f = _write(
        tmp_path,
        SOURCE
        + '<urn:p> a pag:Policy ; rdfs:label "P" ; pag:source s:x .\n'
        + '<urn:c> a pag:Claim ; rdfs:label "C" ; pag:source s:x ; pag:quote "Alpha." ; pag:advocates <urn:p> .\n}\n',
    )
    rep = validate(open_store("memory", data=[f]))
    assert any(p.check == "shacl" and p.node == "urn:c" and "not a pag:Actor" in p.message for p in rep.errors)


def test_dangling_reference(tmp_path):
    f = _write(
        tmp_path,
        SOURCE + '<urn:c> a pag:Claim ; rdfs:label "C" ; pag:source s:x ; pag:quote "Alpha." ; pag:supports <urn:nowhere> .\n}\n',
    )
    rep = validate(open_store("memory", data=[f]), shacl=False)
    refs = [p for p in rep.errors if p.check == "reference"]
    assert len(refs) == 1
    assert "urn:nowhere" in refs[0].message and "not declared" in refs[0].message


def test_quote_not_verbatim(tmp_path, tiny_texts):
    f = _write(
        tmp_path,
        SOURCE + '<urn:c> a pag:Claim ; rdfs:label "C" ; pag:source s:x ; pag:quote "The crackdown began in April." .\n}\n',
    )
    rep = validate(open_store("memory", data=[f]), texts=tiny_texts, shacl=False)
    assert [p.check for p in rep.errors] == ["quote"]
    assert "not found verbatim in alpha.txt" in rep.errors[0].message


def test_quote_joined_across_line_break_and_hyphenation_is_verbatim(tmp_path, tiny_texts):
    # beta.txt breaks "dis-\nrupt" across a line
    f = _write(
        tmp_path,
        SOURCE.replace("alpha.txt", "beta.txt")
        + '<urn:c> a pag:Claim ; rdfs:label "C" ; pag:source s:x ; pag:quote "does virtually nothing to disrupt drug markets" .\n}\n',
    )
    rep = validate(open_store("memory", data=[f]), texts=tiny_texts, shacl=False)
    assert rep.conforms and rep.quotes_verbatim == 1


def test_cli_exit_codes(cli, runner, tiny_texts, tmp_path):
    ok = runner.invoke(cli, ["--data", str(TINY_CURATED), "validate", "--texts", str(tiny_texts)])
    assert ok.exit_code == 0, ok.output
    assert "valid:" in ok.output and "6/6 quotes verbatim" in ok.output
    bad = _write(tmp_path, SOURCE + "<urn:c> a pag:Claim .\n}\n")
    res = runner.invoke(cli, ["validate", str(bad)])
    assert res.exit_code == 1
    assert f"{bad}:6:" in res.output
    res = runner.invoke(cli, ["validate", str(bad), "--format", "json"])
    data = json.loads(res.output)
    assert data["conforms"] is False
    assert {p["node"] for p in data["problems"]} == {"urn:c"}
    broken = tmp_path / "broken.trig"
    broken.write_text("<urn:g> { <urn:a> <urn:b> ", encoding="utf-8")
    res = runner.invoke(cli, ["validate", str(broken)])
    assert res.exit_code == 2
    assert res.output.startswith(f"Error: {broken}:")


@pytest.mark.slow
def test_bundled_corpus_is_valid_with_every_quote_verbatim(cli, runner, seeds):
    res = runner.invoke(cli, ["validate", "--texts", str(seeds), "--format", "json"])
    data = json.loads(res.output)
    assert data["problems"] == [] or all(p["severity"] == "warning" for p in data["problems"]), data["problems"][:5]
    assert res.exit_code == 0
    assert data["quotes_checked"] > 0
    assert data["quotes_verbatim"] == data["quotes_checked"]
