"""`pag serve` under attack and under load: refusals by structure, bounded work,
client faults without tracebacks, a slow query that does not hold up a quick one."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

import graph.serve
from graph.serve import make_server
from graph.stores import open_store

FIXTURE = Path(__file__).parent / "fixtures" / "sparql-debate.trig"
SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


class Listener:
    """A loopback port that counts the connections made to it (SSRF canary)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            conn.close()


@pytest.fixture(scope="module")
def canary():
    c = Listener()
    yield c
    c.sock.close()


@pytest.fixture(scope="module")
def log_lines():
    return []


@pytest.fixture(scope="module")
def server(log_lines):
    srv = make_server(
        open_store("memory", data=[FIXTURE]), port=0, timeout=6, max_rows=3, workers=2, log=log_lines.append
    )
    srv.start()
    yield srv
    srv.stop()


def _raw(server, data: bytes, read: bool = True, wait: float = 5.0) -> bytes:
    host, port = server.sock.getsockname()[:2]
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(data)
        if not read:
            return b""
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks):
                    break
        except TimeoutError:
            pass
        return b"".join(chunks)


def trick(port: int) -> str:
    return f"SELECT * WHERE {{\n# '''\nSERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }}\n# '''\n}}\n"


def test_comment_trick_cannot_reach_the_network(server, canary):
    r = httpx.get(server.url + "/sparql", params={"query": trick(canary.port)})
    assert r.status_code == 400 and "SERVICE is not allowed" in r.text
    r = httpx.post(server.url + "/sparql", data={"query": trick(canary.port)})
    assert r.status_code == 400
    time.sleep(0.2)
    assert canary.hits == 0


def test_ask_is_answered_while_a_slow_query_runs(server):
    slow: dict[str, object] = {}

    def go() -> None:
        slow["r"] = httpx.get(server.url + "/sparql", params={"query": SLOW}, timeout=60)
        slow["done"] = time.monotonic()

    t = threading.Thread(target=go)
    t.start()
    time.sleep(0.5)
    r = httpx.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=60)
    answered = time.monotonic()
    assert r.status_code == 200 and r.json()["boolean"] is True
    t.join()
    # functional, not a timing claim: the quick query did not wait for the slow one
    assert answered < slow["done"]
    assert slow["r"].status_code in {200, 503}


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: -1\r\n\r\nASK {}",
        b"GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"y" * 100_000 + b"\r\n\r\n",
        b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",  # a TLS hello on a plain port
        b"BREW /sparql HTTP/1.1\r\nHost: x\r\n\r\n",
    ],
)
def test_client_faults_get_a_status_not_a_traceback(server, log_lines, capfd, request_bytes):
    answer = _raw(server, request_bytes)
    if answer:
        status = int(answer.split(b" ", 2)[1])
        assert 400 <= status < 500
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert not any("Traceback" in line or '"error"' in line for line in log_lines)
    assert httpx.get(server.url + "/sparql", params={"query": "ASK {}"}).status_code == 200


def test_huge_body_refused_before_it_is_read(server):
    host, port = server.sock.getsockname()[:2]
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 400000000\r\n\r\nSELECT"
        )
        answer = s.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413")


def test_disconnect_mid_request_leaves_the_server_running(server):
    for _ in range(5):
        _raw(server, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK", read=False)
        _raw(server, b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHo", read=False)
    assert httpx.get(server.url + "/sparql", params={"query": "ASK {}"}).status_code == 200


def test_silent_connection_is_closed_at_the_header_deadline(server, monkeypatch):
    monkeypatch.setattr(graph.serve, "HEADER_TIMEOUT", 0.5)
    host, port = server.sock.getsockname()[:2]
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(b"GET /sparql HTTP/1.1\r\nHo")  # and then nothing
        start = time.monotonic()
        assert s.recv(100) == b""  # closed by the server, not by our own timeout
        assert time.monotonic() - start < 9


def test_access_log_is_one_json_line_per_request(server, log_lines):
    import json

    httpx.get(server.url + "/queries")
    entry = json.loads(log_lines[-1])
    assert entry["path"] == "/queries" and entry["status"] == 200 and entry["method"] == "GET"
    httpx.get(server.url + "/%1b[31mred")
    entry = json.loads(log_lines[-1])
    assert "\x1b" not in log_lines[-1] and entry["status"] == 404


def test_many_concurrent_clients_all_answered(server):
    results: list[int] = []

    def one(i: int) -> None:
        q = "ASK {}" if i % 2 else "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2"
        results.append(httpx.get(server.url + "/sparql", params={"query": q}, timeout=60).status_code)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 64
    assert set(results) <= {200, 503} and results.count(200) >= 32


def test_memory_bomb_is_stopped_and_named(tmp_path):
    srv = make_server(open_store("memory"), port=0, timeout=60, max_memory=200, workers=1)
    srv.start()
    try:
        r = httpx.get(
            srv.url + "/sparql",
            params={"query": "SELECT ?a ?b ?c WHERE { ?a ?x ?b . ?c ?y ?d } ORDER BY ?a ?b ?c"},
            timeout=90,
        )
        assert r.status_code == 503
        assert "200 MB" in r.text and "--max-memory" in r.text
        assert httpx.get(srv.url + "/sparql", params={"query": "ASK {}"}).status_code == 200
    finally:
        srv.stop()


def test_rows_are_cut_in_the_worker(server):
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"}, timeout=60)
    assert r.status_code == 200 and r.headers["x-pag-truncated"] == "true"
    assert len(r.json()["results"]["bindings"]) == 3
