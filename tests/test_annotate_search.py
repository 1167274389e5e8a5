"""The annotator's "link to an existing node" search ranks as `pag search` does (labels,
aliases, quotes; graph.textindex), and its dismissed suggestions are remembered per
source, in the project, across reloads."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from graph.annotate import create_app
from graph.authoring import Authoring
from graph.project import init_project

P = "https://w3id.org/pag/id/"
SRC = "source:county-report"
URL = "http://127.0.0.1:8123"
GOOD = {"Origin": URL, "X-PAG-Token": "t0ken"}
REPORT = """County Report

The county board proposed a test-strip program in 2023.
"Test strips keep people alive," said Dr. Ana Ruiz, the county health officer.
Overdose deaths fell by 12 percent in 2023, according to the medical
examiner's office.
Critics argued the program sends the wrong message.
"""


@pytest.fixture
def auth(tmp_path):
    p = init_project(tmp_path / "debate", name="County debate")
    (tmp_path / "county-report.txt").write_text(REPORT)
    a = Authoring(p)
    a.add_source(tmp_path / "county-report.txt", title="County Report", publisher="County Health", date="2023")
    a.add_node("claim", source=SRC, label="Strips save lives", quote="Test strips keep people alive")
    a.add_node("evidence", source=SRC, label="Deaths fell 12%", value="12", unit="percent",
               quote="Overdose deaths fell by 12 percent in 2023")  # fmt: skip
    a.add_node("policy", source=SRC, label="Test-strip program", quote="a test-strip program", status="proposed")
    a.add_node("claim", source=SRC, label="Wrong message", quote="Critics argued the program sends the wrong message")
    # an alias, written by hand into the source's file (as a curator would)
    f = p.data / "county-report.trig"
    f.write_text(f.read_text() + f'\n<{P}source/county-report> {{ <{P}claim/strips-save-lives> '
                 '<http://www.w3.org/2004/02/skos/core#altLabel> "harm reduction works" . }\n')  # fmt: skip
    return a


def _client(auth):
    return TestClient(create_app(auth, port=8123, token="t0ken"), base_url=URL)


def test_search_finds_a_node_by_a_word_of_its_quote_or_an_alias(auth):
    c = _client(auth)
    hits = c.get("/api/search", params={"q": "alive"}).json()["results"]
    assert [h["iri"] for h in hits] == [P + "claim/strips-save-lives"]
    assert hits[0]["field"] == "quote" and hits[0]["text"] == "Test strips keep people alive"
    assert hits[0]["source"] == P + "source/county-report"
    hits = c.get("/api/search", params={"q": "harm reduction"}).json()["results"]
    assert hits[0]["iri"] == P + "claim/strips-save-lives" and hits[0]["field"] == "alias"
    # stemmed, case folded: "Deaths" in a label and "overdose deaths" in a quote
    hits = c.get("/api/search", params={"q": "death"}).json()["results"]
    assert [h["label"] for h in hits] == ["Deaths fell 12%"] and hits[0]["kind"] == "evidence"
    # the contract the page relies on: iri, label, kind for each result
    assert all({"iri", "label", "kind"} <= set(h) for h in hits)


def test_search_ranks_a_label_above_a_quote_and_the_phrase_above_loose_words(auth):
    c = _client(auth)
    # "program" is in the policy's label and in another claim's quote: the label first
    hits = c.get("/api/search", params={"q": "program"}).json()["results"]
    assert [h["label"] for h in hits][:2] == ["Test-strip program", "Wrong message"]
    assert [h["field"] for h in hits][:2] == ["label", "quote"]
    # no node holds every word: the closest, flagged partial
    hits = c.get("/api/search", params={"q": "message zebra"}).json()["results"]
    assert hits and hits[0]["label"] == "Wrong message" and hits[0]["partial"] is True
    # with no words: every node (the suggestions use it), shortest label first
    allnodes = c.get("/api/search", params={"q": ""}).json()["results"]
    assert len(allnodes) == 5 and allnodes[0]["label"] == "County Health"


def test_search_sees_a_node_added_since(auth):
    c = _client(auth)
    assert c.get("/api/search", params={"q": "officer"}).json()["results"] == []
    body = {"source": SRC, "kind": "actor", "label": "Dr. Ana Ruiz", "quote": "the county health officer"}
    assert c.post("/api/node", json=body, headers=GOOD).status_code == 200
    hits = c.get("/api/search", params={"q": "officer"}).json()["results"]
    assert [h["label"] for h in hits] == ["Dr. Ana Ruiz"]
    assert json.dumps(hits)  # JSON-safe


@pytest.fixture
def bare(tmp_path):
    """A project with the report registered and nothing read from it yet."""
    p = init_project(tmp_path / "bare", name="County debate")
    (tmp_path / "county-report.txt").write_text(REPORT)
    a = Authoring(p)
    a.add_source(tmp_path / "county-report.txt", title="County Report", publisher="County Health", date="2023")
    return a


def test_a_dismissed_suggestion_is_remembered_across_reloads_and_can_be_restored(bare):
    auth = bare
    c = _client(auth)
    doc = c.get("/api/doc", params={"source": SRC}).json()
    assert doc["suggestions"]
    figure = doc["suggestions"][0]
    assert doc["dismissed"] == []
    body = {"source": SRC, "kind": figure["kind"], "text": figure["text"]}
    # a write like any other: token and Origin required
    assert c.post("/api/dismiss", json=body, headers={"Origin": URL}).status_code == 403
    assert not auth.project.dismissed_path.exists()
    res = c.post("/api/dismiss", json=body, headers=GOOD)
    assert res.status_code == 200
    assert figure["text"] not in [s["text"] for s in res.json()["doc"]["suggestions"]]
    # a new annotator (a reload, a new `pag annotate`) does not propose it again
    fresh = TestClient(create_app(Authoring(auth.project), port=8123, token="t0ken"), base_url=URL)
    doc = fresh.get("/api/doc", params={"source": SRC}).json()
    assert figure["text"] not in [s["text"] for s in doc["suggestions"]]
    assert doc["dismissed"] == [{"kind": figure["kind"], "text": figure["text"], "start": figure["start"], "end": figure["end"]}]
    page = fresh.get("/annotate", params={"source": SRC}).text
    assert 'id="show-dismissed"' in page
    # stored in the project, reviewable: per source IRI, kind and text
    stored = json.loads(auth.project.dismissed_path.read_text())
    assert stored["sources"] == {P + "source/county-report": [{"kind": figure["kind"], "text": figure["text"]}]}
    assert auth.project.data_files() == [auth.project.data / "county-report.trig"]  # not read as RDF
    # restored: proposed again, and the file forgets it
    res = fresh.post("/api/undismiss", json=body, headers=GOOD)
    assert res.status_code == 200 and res.json()["doc"]["dismissed"] == []
    assert figure["text"] in [s["text"] for s in res.json()["doc"]["suggestions"]]
    assert json.loads(auth.project.dismissed_path.read_text())["sources"] == {}
    bad = fresh.post("/api/dismiss", json={"source": SRC, "kind": "nonsense", "text": "x"}, headers=GOOD)
    assert bad.status_code == 422
