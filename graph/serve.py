"""A read-only SPARQL 1.1 Protocol endpoint over a store, plus the HTML views.

``/sparql``
    the SPARQL 1.1 Protocol query operation: ``GET ?query=…``, ``POST``
    with ``application/x-www-form-urlencoded`` (``query=…``) or
    ``application/sparql-query``. Results are negotiated from ``Accept``
    (or forced with ``format=json|xml|csv|tsv|turtle|ntriples``): SPARQL
    JSON (default), XML, CSV and TSV for SELECT/ASK; Turtle (default) and
    N-Triples for CONSTRUCT/DESCRIBE. Updates are refused (403); bad
    queries get 400 with the message; a query that runs longer than the
    timeout is stopped (503); SELECT results are cut at ``max_rows``
    (header ``X-PAG-Truncated: true``).
``/queries`` and ``/queries/NAME?VAR=VALUE``
    the named query library (JSON list), and one named query run with
    bindings (values as for ``pag query -p``).
``/``
    with ``site_dir``, the static HTML views (``pag site``); otherwise a
    short page that links the above.

CORS is open (``Access-Control-Allow-Origin: *``) so browser tools such as
YASGUI can query it. It binds to 127.0.0.1 by default.

Examples
--------
>>> from graph.stores import open_store
>>> import httpx
>>> server = make_server(open_store("memory", data=[]), port=0)
>>> server.start()
>>> httpx.get(server.url + "/sparql", params={"query": "ASK {}"}).json()
{'head': {}, 'boolean': True}
>>> server.stop()
"""

from __future__ import annotations

import html
import json
import mimetypes
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graph.errors import InputError, PagError, ParseError, QueryError, QueryTimeout, StoreError
from graph.sparql import (
    MEDIA_TYPES,
    format_result,
    load_query,
    named_queries,
    parse_bindings,
    run,
)
from graph.sparqltext import query_form
from graph.stores import Store

__all__ = ["MAX_BODY", "SparqlServer", "make_server", "negotiate"]

#: largest request body accepted (bytes)
MAX_BODY = 1_000_000

_SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
}


def negotiate(accept: str | None, kind: str) -> str | None:
    """The result format for an ``Accept`` header and a result kind (``select``/``ask``/``graph``).

    None when nothing acceptable can be made.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
    'xml'
    >>> negotiate("*/*", "graph")
    'turtle'
    >>> negotiate("image/png", "select") is None
    True
    """
    table = _GRAPH_TYPES if kind == "graph" else _SELECT_TYPES
    default = "turtle" if kind == "graph" else "json"
    if not accept:
        return default
    offers: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        media = bits[0].lower()
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            offers.append((-q, i, media))
    for _, _, media in sorted(offers):
        if media in table:
            return table[media]
        if media in {"*/*", "application/*", "text/*"}:
            return default
    return None


@dataclass
class _Config:
    store: Store
    timeout: float
    max_rows: int
    site_dir: Path | None
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server_version = "pag-sparql/1"
    config: _Config  # set on the subclass made by make_server
    log: Callable[[str], None] | None = None

    # -- plumbing ----------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        if self.log is not None:
            self.log(f"{self.address_string()} {format % args}")

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Expose-Headers", "X-PAG-Truncated")

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self._cors()
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        self._dispatch(url.path, params)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._error(400, "bad Content-Length")
            return
        if length > MAX_BODY:
            self._error(413, f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length) if length else b""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            params.setdefault("query", []).append(body.decode("utf-8", "replace"))
        elif ctype == "application/sparql-update":
            params.setdefault("update", []).append(body.decode("utf-8", "replace"))
        else:
            self._error(415, "POST a query as application/x-www-form-urlencoded or application/sparql-query")
            return
        self._dispatch(url.path, params)

    # -- routes ------------------------------------------------------------
    def _dispatch(self, path: str, params: dict[str, list[str]]) -> None:
        try:
            if path == "/sparql":
                self._sparql(params)
            elif path in {"/queries", "/queries/"}:
                data = json.dumps([q.as_dict() for q in named_queries()], indent=2)
                self._send(200, data.encode("utf-8"), "application/json")
            elif path.startswith("/queries/"):
                self._named(path[len("/queries/") :], params)
            else:
                self._static(path)
        except QueryTimeout as exc:
            self._error(503, f"{exc}")
        except (ParseError, QueryError, InputError) as exc:
            self._error(400, f"{exc}")
        except StoreError as exc:
            self._error(502, f"{exc}")
        except PagError as exc:
            self._error(400, f"{exc}")

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(403, "this endpoint is read-only: updates are refused")
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            if not queries and self.command == "GET":
                self._static("/")
                return
            self._error(400, "give exactly one query (the `query` parameter)")
            return
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            self._error(
                400,
                "default-graph-uri / named-graph-uri are not supported here: the default graph is "
                "the union of all named graphs; use GRAPH <…> in the query",
            )
            return
        self._answer(queries[0], {}, params, "query")

    def _named(self, name: str, params: dict[str, list[str]]) -> None:
        q = load_query(urllib.parse.unquote(name))
        pairs = [(k, v[-1]) for k, v in params.items() if k != "format"]
        self._answer(q.text, parse_bindings(pairs, q.text), params, f"query {q.name}")

    def _answer(self, text: str, bindings: dict[str, Any], params: dict[str, list[str]], where: str) -> None:
        cfg = self.config
        kind = "graph" if query_form(text) in {"construct", "describe"} else "select"
        forced = params.get("format", [None])[-1]
        if forced:
            fmt: str | None = forced.lower()
            allowed = ("turtle", "ntriples") if kind == "graph" else ("json", "xml", "csv", "tsv")
            if fmt not in allowed:
                self._error(400, f"format={forced} cannot be used here; use one of {', '.join(allowed)}")
                return
        else:
            fmt = negotiate(self.headers.get("Accept"), kind)
            if fmt is None:
                self._error(406, "cannot answer in any type the Accept header lists")
                return
        with cfg.lock:  # one forked worker at a time
            result = run(cfg.store, text, bindings=bindings, timeout=cfg.timeout, where=where)
        headers = {}
        if result.kind == "select" and len(result.rows) > cfg.max_rows:
            result = replace(result, rows=result.rows[: cfg.max_rows])
            headers["X-PAG-Truncated"] = "true"
        if result.kind == "ask" and fmt not in {"json", "xml"}:
            fmt = "json"
        assert fmt is not None
        self._send(200, format_result(result, fmt), MEDIA_TYPES[fmt], headers)

    def _static(self, path: str) -> None:
        site = self.config.site_dir
        if site is None:
            if path in {"/", "/index.html"}:
                self._send(200, _index_page().encode("utf-8"), "text/html; charset=utf-8")
            else:
                self._error(404, f"{path}: not found (the endpoint is /sparql)")
            return
        rel = urllib.parse.unquote(path).lstrip("/") or "index.html"
        root = site.resolve()
        target = (root / rel).resolve()
        if target.is_dir():
            target = target / "index.html"
        if (root not in target.parents and target != root) or not target.is_file():
            self._error(404, f"{path}: not found")
            return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in {"application/javascript", "application/json"}:
            ctype += "; charset=utf-8"
        self._send(200, target.read_bytes(), ctype)


def _index_page() -> str:
    items = "\n".join(
        f'<li><a href="/queries/{html.escape(q.name)}?format=csv">{html.escape(q.name)}</a> — '
        f"{html.escape(q.description)}</li>"
        for q in named_queries()
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Policy Argument Graph — SPARQL</title></head>
<body>
<h1>Policy Argument Graph — SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 Protocol endpoint: <code>/sparql</code> (GET or POST).</p>
<form action="/sparql" method="post">
<textarea name="query" rows="8" cols="80">SELECT ?policy ?label WHERE {{
  ?policy a &lt;https://w3id.org/pag#Policy&gt; ;
          &lt;http://www.w3.org/2000/01/rdf-schema#label&gt; ?label .
}} LIMIT 20</textarea><br>
<input type="hidden" name="format" value="csv">
<button type="submit">Run (CSV)</button>
</form>
<h2>Named queries</h2>
<ul>
{items}
</ul>
</body></html>
"""


class SparqlServer:
    """A running (or ready to run) endpoint; see :func:`make_server`."""

    def __init__(self, httpd: ThreadingHTTPServer) -> None:
        self.httpd = httpd
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` the server listens on."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def serve_forever(self) -> None:
        """Serve until interrupted (Ctrl-C) or :meth:`stop`."""
        try:
            self.httpd.serve_forever()
        finally:
            self.httpd.server_close()

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


def make_server(
    store: Store,
    *,
    host: str = "127.0.0.1",
    port: int = 7070,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    site_dir: str | Path | None = None,
    log: Callable[[str], None] | None = None,
) -> SparqlServer:
    """A read-only SPARQL endpoint over ``store`` (not started; call ``serve_forever`` or ``start``).

    Parameters
    ----------
    store : Store
        What to answer from; never changed.
    host, port : str, int
        Where to listen; ``port=0`` picks a free port. 127.0.0.1 by default:
        pass another host only on purpose.
    timeout : float
        Seconds a query may run before it is stopped (503).
    max_rows : int
        SELECT results are cut to this many rows.
    site_dir : path, optional
        A folder of HTML views (``pag site``) to serve at ``/``.
    log : callable, optional
        Called with one line per request.
    """
    folder = Path(site_dir) if site_dir is not None else None
    if folder is not None and not folder.is_dir():
        raise InputError(f"{folder}: no such folder (build it with `pag site {folder}`)")
    if max_rows < 1 or timeout <= 0:
        raise InputError("max_rows and timeout must be positive")
    config = _Config(store, timeout, max_rows, folder)
    handler = type("Handler", (_Handler,), {"config": config, "log": staticmethod(log) if log else None})
    try:
        httpd = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; pick another --port") from None
    httpd.daemon_threads = True
    return SparqlServer(httpd)
