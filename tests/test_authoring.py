"""Authoring from the shell (`pag add …`, `pag undo`/`redo`) and the library
behind it: validation before anything is written, anchors that resolve, the
curators' graph for links across documents, the journal; and the drafting
suggestions with their recall on the bundled corpus."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, URIRef

from graph.authoring import Authoring
from graph.errors import InputError
from graph.project import CURATION_GRAPH, init_project
from graph.suggest import number_value, recall, suggest

P = "https://w3id.org/pag/id/"
PAG = "https://w3id.org/pag#"
OA = "http://www.w3.org/ns/oa#"
SRC = "source:county-report"

REPORT = """County Report

The county board proposed a test-strip program in 2023.
"Test strips keep people alive," said Dr. Ana Ruiz, the county health officer.
Overdose deaths fell by 12 percent in 2023, according to the medical
examiner's office.
Critics argued the program sends the wrong message.
"""

OTHER = "Sheriff's Letter\n\nThe sheriff said test strips send the wrong message to young people.\n"


@pytest.fixture
def proj(tmp_path):
    p = init_project(tmp_path / "debate", name="County debate", curator="Desk editors")
    (tmp_path / "county-report.txt").write_text(REPORT)
    (tmp_path / "letter.txt").write_text(OTHER)
    a = Authoring(p)
    a.add_source(tmp_path / "county-report.txt", title="County Report", publisher="County Health", date="2023")
    a.add_source(tmp_path / "letter.txt", title="Sheriff's Letter", author="Sam Hale")
    return p


def pag(cli, runner, proj, *args, code=0):
    res = runner.invoke(cli, ["--project", str(proj.root), *args], catch_exceptions=False)
    assert res.exit_code == code, res.output
    return res.output


def test_add_nodes_and_links_from_the_shell(cli, runner, proj):
    out = pag(cli, runner, proj, "add", "claim", "--source", SRC, "--label", "Test strips save lives",
              "--quote", "Test strips keep people alive")  # fmt: skip
    assert "Added claim: Test strips save lives  <" + P + "claim/test-strips-save-lives>" in out
    out = pag(cli, runner, proj, "add", "evidence", "--source", SRC, "--label", "Deaths fell 12% in 2023",
              "--quote", "Overdose deaths fell by 12 percent in 2023, according to the medical examiner's office",
              "--value", "12", "--unit", "percent", "--population", "overdose deaths", "--place", "the county",
              "--period", "2023", "--format", "json")  # fmt: skip
    saved = json.loads(out)
    assert saved["action"] == "evidence" and saved["files"] == ["data/county-report.trig"]
    pag(cli, runner, proj, "add", "policy", "--source", SRC, "--label", "Test-strip program",
        "--quote", "a test-strip program", "--status", "proposed")  # fmt: skip
    pag(cli, runner, proj, "add", "actor", "--source", SRC, "--label", "County board", "--type", "government",
        "--quote", "The county board")  # fmt: skip
    out = pag(cli, runner, proj, "add", "link", "Deaths fell 12%", "supports", "claim:test-strips-save-lives",
              "--source", SRC)  # fmt: skip
    assert "(stated in County Health, “County Report” (2023))" in out
    pag(cli, runner, proj, "add", "link", "actor:county-board", "proposed", "Test-strip program", "--source", SRC)
    ds = proj.load_dataset()
    g = ds.graph(URIRef(P + "source/county-report"))
    ev = URIRef(P + "evidence/deaths-fell-12-in-2023")
    assert str(g.value(ev, URIRef(PAG + "value"))) == "12"
    assert str(g.value(ev, URIRef(PAG + "place"))) == "the county"
    assert g.value(ev, URIRef(PAG + "evidenceType")) == URIRef("https://w3id.org/pag/evidence-type/statistic")
    assert (ev, URIRef(PAG + "supports"), URIRef(P + "claim/test-strips-save-lives")) in g
    board = URIRef(P + "actor/county-board")
    assert {str(t).removeprefix(PAG) for t in g.objects(board, RDF.type)} == {"Actor", "Organization", "GovernmentBody"}
    out = pag(cli, runner, proj, "validate", "--texts")
    assert "0 error(s)" in out and "quotes verbatim" in out
    out = pag(cli, runner, proj, "chains", "policy:test-strip-program")
    assert "County board" in out and "Test strips keep people alive" not in out  # no link from the claim yet


def test_every_quote_has_anchors_that_resolve(proj):
    a = Authoring(proj)
    saved = a.add_node("claim", source=SRC, label="Critics: wrong message",
                       quote="Critics argued the program sends the wrong message.")  # fmt: skip
    # a quote across a line break, typed with a space
    ev = a.add_node("evidence", source=SRC, label="Deaths fell", value="12", unit="percent",
                    quote="according to the medical examiner's office")  # fmt: skip
    text = (proj.texts / "county-report.txt").read_text()
    ds = proj.load_dataset()
    for node, s in ((saved.iri, saved), (ev.iri, ev)):
        anchors = list(ds.subjects(URIRef(PAG + "anchorOf"), URIRef(node)))
        assert len(anchors) == 1
        an = anchors[0]
        assert ds.value(an, RDF.type) == URIRef(OA + "SpecificResource")
        assert ds.value(an, URIRef(OA + "hasSource")) == URIRef(P + "source/county-report")
        sels = {ds.value(x, RDF.type): x for x in ds.objects(an, URIRef(OA + "hasSelector"))}
        q, pos = sels[URIRef(OA + "TextQuoteSelector")], sels[URIRef(OA + "TextPositionSelector")]
        start, end = int(ds.value(pos, URIRef(OA + "start"))), int(ds.value(pos, URIRef(OA + "end")))
        assert (start, end) == (s.start, s.end)
        assert text[start:end] == str(ds.value(q, URIRef(OA + "exact")))
        assert text[:start].endswith(str(ds.value(q, URIRef(OA + "prefix"))))
        assert text[end:].startswith(str(ds.value(q, URIRef(OA + "suffix"))))
    assert "\n" in text[ev.start : ev.end]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda a: a.add_node("claim", source=SRC, label="x", quote="words that are not there"), "the quote is not in county-report.txt"),
        (lambda a: a.add_node("claim", source=SRC, label="x", quote=""), "needs a quote"),
        (lambda a: a.add_node("claim", source=SRC, label="  ", quote="Critics argued"), "give the node a label"),
        (lambda a: a.add_node("evidence", source=SRC, label="x", quote="fell by 12 percent", value="12"), "no pag:unit"),
        (lambda a: a.add_node("evidence", source=SRC, label="x", quote="fell by 12 percent", value="twelve", unit="%"), "not a number"),
        (lambda a: a.add_node("claim", source=SRC, label="x", quote="Critics argued", value="3"), "belong to evidence"),
        (lambda a: a.add_node("claim", source="source:nope", label="x", quote="Critics argued"), "no registered source named 'source:nope'"),
        (lambda a: a.add_link("actor:county-health", "supports", "actor:sam-hale"), "is not a Claim or Evidence"),
        (lambda a: a.add_link("actor:county-health", "advocates", "actor:sam-hale"), "is not a Policy"),
    ],
)
def test_invalid_changes_are_refused_and_nothing_is_written(proj, call, message):
    a = Authoring(proj)
    before = {f.name: f.read_bytes() for f in proj.data_files()}
    with pytest.raises(InputError, match=message):
        call(a)
    assert {f.name: f.read_bytes() for f in proj.data_files()} == before
    assert len(a.history()[0]) == 2  # the two sources only


def test_the_cli_refuses_with_the_reason_and_exit_2(cli, runner, proj):
    out = pag(cli, runner, proj, "add", "evidence", "--source", SRC, "--label", "x", "--quote", "fell by 12 percent",
              "--value", "12", code=2)  # fmt: skip
    assert "Error: not saved: add evidence x does not validate" in out
    assert "has a pag:value but no pag:unit" in out


def test_a_link_across_documents_is_the_curators(proj):
    a = Authoring(proj)
    strips = a.add_node("claim", source=SRC, label="Test strips save lives", quote="Test strips keep people alive")
    wrong = a.add_node("claim", source="source:sheriff-s-letter", label="Test strips send the wrong message",
                       quote="test strips send the wrong message to young people")  # fmt: skip
    saved = a.add_link(wrong.iri, "rebuts", strips.iri, source=SRC, rationale="The letter answers the report.")
    assert saved.graph == CURATION_GRAPH and "linked by the curators" in saved.label
    ds = proj.load_dataset()
    cg = ds.graph(URIRef(CURATION_GRAPH))
    assert (URIRef(wrong.iri), URIRef(PAG + "rebuts"), URIRef(strips.iri)) in cg
    for g in (P + "source/county-report", P + "source/sheriff-s-letter"):
        assert (URIRef(wrong.iri), URIRef(PAG + "rebuts"), URIRef(strips.iri)) not in ds.graph(URIRef(g))
    link = cg.value(None, RDF.type, URIRef(PAG + "CuratedLink"), any=False)
    assert link is not None
    assert cg.value(link, URIRef(PAG + "linkFrom")) == URIRef(wrong.iri)
    assert cg.value(link, URIRef(PAG + "linkRelation")) == URIRef(PAG + "rebuts")
    assert str(cg.value(link, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"))) == "The letter answers the report."
    assert str(cg.value(link, URIRef(PAG + "toQuote"))) == "Test strips keep people alive"
    made = cg.value(link, URIRef("http://www.w3.org/ns/prov#generatedAtTime"))
    assert made.datatype == URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
    assert isinstance(made.toPython(), __import__("datetime").datetime)
    curator = cg.value(link, URIRef("http://www.w3.org/ns/prov#wasAttributedTo"))
    assert str(cg.value(curator, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == "Desk editors"
    assert (URIRef(CURATION_GRAPH), RDF.type, URIRef(PAG + "CurationGraph")) in cg
    saved = a.add_link(strips.iri, "attacks", wrong.iri)  # no source named: the curators'
    assert saved.graph == CURATION_GRAPH
    # what `pag validate` says of them: the document rule and the curation check hold
    from graph.validate import validate

    report = validate(proj.load_dataset())
    assert report.errors == [], report.errors
    assert {"document", "curation"} <= set(report.checks)
    # an end without a quote cannot be read by the curators: refused
    with pytest.raises(InputError, match="Sam Hale has none"):
        a.add_link("actor:sam-hale", "asserts", strips.iri)
    # and an argument edge whose end is not quoted from the document is not the document's
    pol = a.add_node("policy", source=SRC, label="Strip program", status="proposed")  # no quote
    with pytest.raises(InputError, match="Strip program has none"):
        a.add_link(strips.iri, "supports", pol.iri, source=SRC)


def test_undo_and_redo_restore_the_files(cli, runner, proj):
    a = Authoring(proj)
    before = (proj.data / "county-report.trig").read_bytes()
    a.add_node("claim", source=SRC, label="Critics: wrong message", quote="Critics argued the program sends the wrong message.")
    after = (proj.data / "county-report.trig").read_bytes()
    assert after != before
    out = pag(cli, runner, proj, "undo")
    assert out == "Undone: add claim Critics: wrong message\n"
    assert (proj.data / "county-report.trig").read_bytes() == before
    stats = json.loads(pag(cli, runner, proj, "stats", "--format", "json"))
    assert stats["claims"] == 0
    assert pag(cli, runner, proj, "redo") == "Redone: add claim Critics: wrong message\n"
    assert (proj.data / "county-report.trig").read_bytes() == after
    assert json.loads(pag(cli, runner, proj, "stats", "--format", "json"))["claims"] == 1
    # a file changed by hand since: undo refuses rather than lose the edit
    (proj.data / "county-report.trig").write_bytes(after + b"\n# a note\n")
    assert "was changed since" in pag(cli, runner, proj, "undo", code=2)
    # undo all the way back to the empty project
    (proj.data / "county-report.trig").write_bytes(after)
    for _ in range(3):
        pag(cli, runner, proj, "undo")
    assert pag(cli, runner, proj, "undo") == "Nothing to undo.\n"
    assert proj.data_files() == []
    stats = json.loads(pag(cli, runner, proj, "stats", "--format", "json"))
    assert stats["sources"] == 0 and stats["triples"] == 0


def test_outside_a_project_the_authoring_commands_say_how_to_start(cli, runner, tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        res = runner.invoke(cli, ["add", "claim", "--source", "x", "--label", "y"])
    finally:
        os.chdir(old)
    assert res.exit_code == 2
    assert "not inside a debate project: create one with `pag init DIR`" in res.output


# -- drafting suggestions -------------------------------------------------


def test_suggestions_find_figures_speech_with_speakers_and_matching_sentences():
    got = suggest(REPORT, nodes=[("urn:x", "Critics say the program sends the wrong message")])
    kinds = {(s.kind, s.text.split()[0]) for s in got}
    assert ("figure", "The") in kinds  # "in 2023"
    figs = next(s for s in got if s.kind == "figure" and "Overdose" in s.text)
    assert "12 percent" in figs.figures and number_value("12 percent") == 12
    speakers = {s.speaker for s in got if s.kind == "speech"}
    assert "Dr. Ana Ruiz" in speakers
    assert "the medical\nexaminer's office" in speakers
    match = [s for s in got if s.kind == "match"]
    assert [m.node for m in match] == ["urn:x"] and match[0].text.startswith("Critics argued")
    # a sentence already quoted is not suggested again
    taken = [(REPORT.index("Critics"), REPORT.index("Critics") + 10)]
    assert not any(s.text.startswith("Critics") for s in suggest(REPORT, taken=taken))


def _recorded(seeds: Path):
    from graph.namespace import PAG as NS
    from graph.resources import corpus_files

    ds = Dataset(default_union=True)
    for f in corpus_files():
        ds.parse(f, format="trig")
    seed_of = {str(s): str(o) for s, o in ds.subject_objects(NS.seedFile)}
    out = []
    for s, _p, v, g in ds.quads((None, NS.value, None, None)):
        gid = str(getattr(g, "identifier", g))
        for q in ds.graph(URIRef(gid)).objects(s, NS.quote):
            out.append((seed_of[gid], float(v), str(q)))
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    return out, texts


def test_suggestion_recall_on_the_bundled_corpus(seeds):
    recorded, texts = _recorded(seeds)
    r = recall(recorded, texts)
    # measured: 76 of 90 recorded figures proposed with their value (0.844);
    # 89 of 90 have a figure suggestion on their quote
    assert r["figures"] == len(recorded) - r["unlocated"] and r["figures"] >= 80
    assert r["recall"] >= 0.8
    assert r["overlap_recall"] >= 0.95
    # the measure can fail: with the figures' values shifted, almost none is found
    shifted = recall([(s, v + 1000.5, q) for s, v, q in recorded], texts)
    assert shifted["recall"] < 0.1


# -- the annotator's HTTP surface (without a browser) ---------------------


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_annotator_writes_need_token_origin_host_and_json(proj):
    from starlette.testclient import TestClient

    from graph.annotate import create_app

    app = create_app(Authoring(proj), port=8123, token="t0ken")
    url = "http://127.0.0.1:8123"
    client = TestClient(app, base_url=url)
    page = client.get("/annotate", params={"source": SRC})
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert '"token": "t0ken"' in page.text
    doc = client.get("/api/doc", params={"source": SRC}).json()
    assert doc["text"] == REPORT and doc["quotes"] == []
    assert {s["kind"] for s in doc["suggestions"]} >= {"figure", "speech"}
    body = {"source": SRC, "kind": "claim", "label": "Strips", "quote": "Test strips keep people alive"}
    good = {"Origin": url, "X-PAG-Token": "t0ken"}
    before = (proj.data / "county-report.trig").read_bytes()
    for headers, code in (
        ({"Origin": url}, 403),
        ({"Origin": url, "X-PAG-Token": "wrong"}, 403),
        ({"X-PAG-Token": "t0ken"}, 403),
        ({"Origin": "http://127.0.0.1:9999", "X-PAG-Token": "t0ken"}, 403),
        ({**good, "Host": "evil.example:8123"}, 403),
    ):
        assert client.post("/api/node", json=body, headers=headers).status_code == code, headers
    assert client.post("/api/node", content="kind=claim", headers={**good, "Content-Type": "text/plain"}).status_code == 415
    assert (proj.data / "county-report.trig").read_bytes() == before
    res = client.post("/api/node", json=body, headers=good)
    assert res.status_code == 200 and res.json()["saved"]["iri"] == P + "claim/strips"
    assert [q["label"] for q in res.json()["doc"]["quotes"]] == ["Strips"]
    bad = client.post("/api/node", json={**body, "quote": "not there"}, headers=good)
    assert bad.status_code == 422 and "the quote is not in" in bad.json()["error"]
    assert client.post("/api/undo", json={"source": SRC}, headers=good).json()["saved"] == {"undone": "add claim Strips"}
    assert (proj.data / "county-report.trig").read_bytes() == before
    hits = client.get("/api/search", params={"q": "county"}).json()["results"]
    assert {h["label"] for h in hits} == {"County Health"}


def test_pag_annotate_names_an_unknown_source(cli, runner, proj):
    out = pag(cli, runner, proj, "annotate", "no such report", "--no-open", "--port", "0", code=2)
    assert "no registered source named 'no such report'" in out


def test_the_same_node_stated_in_a_second_document(cli, runner, proj):
    a = Authoring(proj)
    wrong = a.add_node("claim", source=SRC, label="The program sends the wrong message",
                       quote="Critics argued the program sends the wrong message.")  # fmt: skip
    out = pag(cli, runner, proj, "add", "quote", "The program sends the wrong message", "--source", "Sheriff's Letter",
              "--quote", "test strips send the wrong message to young people")  # fmt: skip
    assert "Added claim: The program sends the wrong message" in out
    assert "Sam Hale, “Sheriff's Letter”: “test strips send the wrong message to young people”" in out
    ds = proj.load_dataset()
    letter = ds.graph(URIRef(P + "source/sheriff-s-letter"))
    n = URIRef(wrong.iri)
    assert (n, URIRef(PAG + "source"), URIRef(P + "source/sheriff-s-letter")) in letter
    assert (n, RDF.type, URIRef(PAG + "Claim")) in letter
    assert {str(q) for q in letter.objects(n, URIRef(PAG + "quote"))} == {"test strips send the wrong message to young people"}
    assert len(list(letter.subjects(URIRef(PAG + "anchorOf"), n))) == 1
    # the quote must be in that document's text
    out = pag(cli, runner, proj, "add", "quote", wrong.iri, "--source", "Sheriff's Letter", "--quote", "Critics argued", code=2)
    assert "the quote is not in sheriff-s-letter.txt" in out
    assert "2/2 quotes verbatim" in pag(cli, runner, proj, "validate", "--texts")
