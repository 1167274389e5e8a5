"""Remote stores against servers that misbehave: a total deadline, a size cap,
malformed answers refused, and no output file replaced by a failed command."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from graph.errors import EndpointError
from graph.stores.remote import SparqlStore

GOOD_GRAPHS = json.dumps(
    {"head": {"vars": ["g"]}, "results": {"bindings": [{"g": {"type": "uri", "value": "urn:x:g"}}]}}
).encode()


class Evil(BaseHTTPRequestHandler):
    mode = "ok"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        mode = self.server.mode  # type: ignore[attr-defined]
        if mode == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            try:
                for _ in range(60):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
            return
        if mode == "huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            try:
                for _ in range(4000):
                    self.wfile.write(b" " * 65536)
            except OSError:
                pass
            return
        bodies = {
            "html": (b"<html>oops</html>", "text/html"),
            "empty-object": (b"{}", "application/sparql-results+json"),
            "list": (b"[1, 2]", "application/sparql-results+json"),
            "wrong-vars": (b'{"head": {"vars": []}, "results": {"bindings": []}}', "application/sparql-results+json"),
            "bad-term": (b'{"head": {"vars": ["g"]}, "results": {"bindings": [{"g": {"type": "uri", "value": 5}}]}}', "application/sparql-results+json"),
            "bindings-not-list": (b'{"head": {"vars": ["g"]}, "results": {"bindings": 7}}', "application/sparql-results+json"),
            "huge-number": (b'{"boolean": ' + b"9" * 5000 + b"}", "application/sparql-results+json"),
            "deep": (b"[" * 50_000 + b"]" * 50_000, "application/sparql-results+json"),
        }
        body, ctype = bodies[mode]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def evil():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Evil)
    httpd.daemon_threads = True
    httpd.mode = "ok"  # type: ignore[attr-defined]
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def url(httpd) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}/sparql"


def test_a_trickling_server_is_cut_at_the_total_deadline(evil):
    evil.mode = "trickle"
    store = SparqlStore(url(evil), timeout=1.5)
    start = time.monotonic()
    with pytest.raises(EndpointError, match=r"did not answer within 1\.5 s"):
        store.graph_names()
    assert time.monotonic() - start < 10  # not the 30 s the server would take


def test_a_huge_answer_is_cut_at_the_size_cap(evil):
    evil.mode = "huge"
    store = SparqlStore(url(evil), timeout=30, max_bytes=1_000_000)
    with pytest.raises(EndpointError, match="sent more than 1,000,000 bytes"):
        store.graph_names()


@pytest.mark.parametrize(
    "mode", ["html", "empty-object", "list", "wrong-vars", "bad-term", "bindings-not-list", "huge-number", "deep"]
)
def test_malformed_answers_are_refused(evil, mode):
    evil.mode = mode
    store = SparqlStore(url(evil), timeout=10)
    with pytest.raises(EndpointError):
        store.graph_names()


@pytest.mark.parametrize("mode", ["empty-object", "wrong-vars", "html", "trickle"])
def test_export_against_a_broken_server_keeps_the_old_file(evil, mode, cli, runner, tmp_path):
    evil.mode = mode
    old = tmp_path / "old.trig"
    old.write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n")
    res = runner.invoke(cli, ["--store", f"sparql:{url(evil)}", "--timeout", "1", "export", "-o", str(old)])
    assert res.exit_code == 2, res.output
    assert res.output.startswith("Error: ") and "Traceback" not in res.output
    assert old.read_text() == "<urn:a> <urn:b> <urn:c> <urn:g> .\n"
    assert [p.name for p in tmp_path.iterdir()] == ["old.trig"]  # no temporary file left


def test_stats_against_a_malformed_server_is_an_error_not_zeros(evil, cli, runner):
    evil.mode = "wrong-vars"
    res = runner.invoke(cli, ["--store", f"sparql:{url(evil)}", "stats", "--format", "json"])
    assert res.exit_code == 2 and "malformed" in res.output


def test_timeouts_must_be_positive(cli, runner):
    for value in ("0", "-1"):
        res = runner.invoke(cli, ["--timeout", value, "stats"])
        assert res.exit_code == 2 and "x>0" in res.output
        res = runner.invoke(cli, ["query", "policies", "--timeout", value])
        assert res.exit_code == 2
    with pytest.raises(Exception, match="more than 0"):
        SparqlStore("http://127.0.0.1:9/sparql", timeout=0)
