"""`pag serve`: a real SPARQL client over real HTTP on a free loopback port."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from SPARQLWrapper import JSON, XML, SPARQLWrapper

from graph.serve import make_server, negotiate
from graph.stores import open_store

FIXTURE = Path(__file__).parent / "fixtures" / "sparql-debate.trig"
POLICIES = "SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/pag#Policy> } ORDER BY ?p"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text("<h1>views</h1>")
    (site / "policy").mkdir()
    (site / "policy" / "crackdown.html").write_text("<p>Crackdown &amp; co</p>")
    srv = make_server(open_store("memory", data=[FIXTURE]), port=0, timeout=2, max_rows=3, site_dir=site)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    srv = make_server(open_store("memory", data=[FIXTURE]), port=0)
    srv.start()
    yield srv
    srv.stop()


def test_binds_loopback_by_default(server):
    assert server.url.startswith("http://127.0.0.1:")


def test_sparqlwrapper_select_json_and_xml(server):
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(POLICIES)
    client.setReturnFormat(JSON)
    doc = client.query().convert()
    assert [b["p"]["value"] for b in doc["results"]["bindings"]] == [
        "https://w3id.org/pag/id/policy/crackdown",
        "https://w3id.org/pag/id/policy/naloxone",
    ]
    client.setReturnFormat(XML)
    xml = client.query().convert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("uri")] == [
        "https://w3id.org/pag/id/policy/crackdown",
        "https://w3id.org/pag/id/policy/naloxone",
    ]


def test_sparqlwrapper_post_and_ask(server):
    client = SPARQLWrapper(server.url + "/sparql")
    client.setMethod("POST")
    client.setQuery("ASK { <https://w3id.org/pag/id/actor/mayor> <https://w3id.org/pag#enacted> ?p }")
    client.setReturnFormat(JSON)
    assert client.query().convert() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("accept", "ctype", "first"),
    [
        ("text/csv", "text/csv", "p"),
        ("text/tab-separated-values", "text/tab-separated-values", "?p"),
        ("application/sparql-results+json;q=0.1, text/csv;q=0.9", "text/csv", "p"),
        ("*/*", "application/sparql-results+json", "{"),
    ],
)
def test_content_negotiation_for_select(server, accept, ctype, first):
    r = httpx.get(server.url + "/sparql", params={"query": POLICIES}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(ctype)
    assert r.text.split("\n")[0].strip().startswith(first)


def test_csv_over_http(server):
    r = httpx.post(server.url + "/sparql", data={"query": POLICIES}, headers={"Accept": "text/csv"})
    assert list(csv.reader(io.StringIO(r.text))) == [
        ["p"],
        ["https://w3id.org/pag/id/policy/crackdown"],
        ["https://w3id.org/pag/id/policy/naloxone"],
    ]


def test_sparql_query_body(server):
    r = httpx.post(
        server.url + "/sparql",
        content=POLICIES.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert len(r.json()["results"]["bindings"]) == 2


@pytest.mark.parametrize(
    ("accept", "ctype"),
    [("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"), (None, "text/turtle")],
)
def test_construct_negotiation(server, accept, ctype):
    q = "CONSTRUCT { ?m ?p ?o } WHERE { GRAPH <https://w3id.org/pag/id/source/north> { ?m a <https://w3id.org/pag#Measure> ; ?p ?o } }"
    headers = {"Accept": accept} if accept else {}
    r = httpx.get(server.url + "/sparql", params={"query": q}, headers=headers)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(ctype)
    assert "monthly-deaths" in r.text


def test_bad_queries_get_400_with_the_message(server):
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400
    assert r.text.startswith("query:1:18: SPARQL syntax error")
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }"})
    assert r.status_code == 400 and "SERVICE is not allowed" in r.text
    assert httpx.post(server.url + "/sparql", data={"format": "json"}).status_code == 400


def test_updates_are_refused(server):
    r = httpx.post(server.url + "/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert r.status_code == 403
    r = httpx.post(
        server.url + "/sparql",
        content=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert r.status_code == 403
    r = httpx.post(server.url + "/sparql", data={"query": "DROP ALL"})
    assert r.status_code == 400
    assert httpx.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_row_cap(server):
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(r.json()["results"]["bindings"]) == 3
    assert r.headers["x-pag-truncated"] == "true"
    r = httpx.get(server.url + "/sparql", params={"query": POLICIES})
    assert "x-pag-truncated" not in r.headers


def test_timeout_gives_503_and_the_server_lives_on(server):
    start = time.monotonic()
    r = httpx.get(
        server.url + "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"},
        timeout=30,
    )
    assert r.status_code == 503
    assert "ran longer than 2 s" in r.text
    assert time.monotonic() - start < 15
    assert httpx.get(server.url + "/sparql", params={"query": "ASK {}"}).status_code == 200


def test_cors_is_off_by_default(server):
    r = httpx.get(server.url + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    r = httpx.options(server.url + "/sparql", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers


@pytest.fixture(scope="module")
def open_cors():
    srv = make_server(open_store("memory", data=[FIXTURE]), port=0, cors="*")
    srv.start()
    yield srv
    srv.stop()


def test_cors(open_cors):
    server = open_cors
    r = httpx.options(server.url + "/sparql", headers={"Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST"})
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    r = httpx.get(server.url + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://yasgui.example"})
    assert r.headers["access-control-allow-origin"] == "*"


def test_406_and_415(server):
    r = httpx.get(server.url + "/sparql", params={"query": POLICIES}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    r = httpx.post(server.url + "/sparql", content=b"x", headers={"Content-Type": "image/png"})
    assert r.status_code == 415
    assert negotiate("text/turtle;q=0", "graph") is None


def test_named_queries_over_http(server):
    listing = httpx.get(server.url + "/queries").json()
    assert "actor-stances" in {q["name"] for q in listing}
    r = httpx.get(server.url + "/queries/actor-stances", params={"actor": "actor:nurse", "format": "csv"})
    assert r.status_code == 200
    assert [row[4] for row in csv.reader(io.StringIO(r.text))][1:] == [
        "https://w3id.org/pag/id/policy/crackdown",
        "https://w3id.org/pag/id/policy/naloxone",
    ]
    assert httpx.get(server.url + "/queries/nope").status_code == 400
    assert httpx.get(server.url + "/queries/actor-stances", params={"actr": "x"}).status_code == 400


def test_site_is_served_and_contained(server):
    assert httpx.get(server.url + "/").text == "<h1>views</h1>"
    r = httpx.get(server.url + "/policy/crackdown.html")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert httpx.get(server.url + "/../../etc/passwd").status_code == 404
    assert httpx.get(server.url + "/%2e%2e/%2e%2e/etc/passwd").status_code == 404
    assert httpx.get(server.url + "/missing.html").status_code == 404


def test_index_page_without_site(plain):
    r = httpx.get(plain.url + "/")
    assert r.status_code == 200
    assert "/sparql" in r.text and "actor-stances" in r.text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_pag_serve_command_end_to_end():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "-q", "-d", str(FIXTURE), "serve", "--port", str(port), "--max-rows", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        for _ in range(100):
            try:
                r = httpx.get(url, params={"query": POLICIES}, headers={"Accept": "application/sparql-results+json"})
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("pag serve did not start: " + proc.stderr.read() if proc.stderr else "")
        assert [b["p"]["value"].rsplit("/", 1)[1] for b in r.json()["results"]["bindings"]] == ["crackdown", "naloxone"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert f"SPARQL endpoint: http://127.0.0.1:{port}/sparql" in (proc.stderr.read() if proc.stderr else "")


def test_serve_errors(cli, runner, tmp_path):
    res = runner.invoke(cli, ["-d", str(FIXTURE), "serve", "--site", str(tmp_path / "none")])
    assert res.exit_code == 2 and "no such folder" in res.output
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        busy = s.getsockname()[1]
        res = runner.invoke(cli, ["-d", str(FIXTURE), "serve", "--port", str(busy)])
    assert res.exit_code == 2 and "cannot listen on 127.0.0.1:" in res.output


def test_json_results_are_valid_json_for_every_named_query(plain):
    for q in httpx.get(plain.url + "/queries").json():
        r = httpx.get(plain.url + f"/queries/{q['name']}", headers={"Accept": "application/sparql-results+json, text/turtle"})
        assert r.status_code == 200, q["name"]
        if q["form"] == "select":
            assert "results" in json.loads(r.text)
