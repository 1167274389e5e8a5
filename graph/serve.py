"""A read-only SPARQL 1.1 Protocol endpoint over a store, plus the HTML views,
on Starlette and uvicorn.

``/sparql``
    the SPARQL 1.1 Protocol query operation: ``GET ?query=…``, ``POST``
    with ``application/x-www-form-urlencoded`` (``query=…``) or
    ``application/sparql-query``. Results are negotiated from ``Accept``
    (or forced with ``format=json|xml|csv|tsv|turtle|ntriples``): SPARQL
    JSON (default), XML, CSV and TSV for SELECT/ASK; Turtle (default) and
    N-Triples for CONSTRUCT/DESCRIBE. Updates are refused (403); bad
    queries get 400 with the message; a query that runs longer than the
    timeout is stopped (503), as is one that needs more memory than
    ``max_memory`` MB; SELECT results are cut at ``max_rows`` (header
    ``X-PAG-Truncated: true``): the worker stops reading there.
``/queries`` and ``/queries/NAME?VAR=VALUE``
    the named query library (JSON list), and one named query run with
    bindings (values as for ``pag query -p``).
``/``
    with ``site_dir``, the static HTML views (``pag site``); otherwise a
    short page that links the above.

How it holds up (see the README, "pag serve"):

* every query runs in one of ``workers`` standing worker processes
  (:class:`graph.sparql.QueryPool`: forked at start, memory-capped, killed
  and replaced at the timeout, unable to open a file or a socket over an
  in-memory store); the rest wait their turn, so a slow query never holds
  up a quick one while a worker is free; when ``MAX_WAITING`` requests
  already wait, the answer is 503 at once;
* ``SERVICE`` and ``LOAD`` are refused on the parsed query
  (:func:`graph.sparqltext.check_safe`);
* the listen backlog is 2,048; a connection that has not sent its request
  headers within ``HEADER_TIMEOUT`` seconds is closed, as is a body not
  received within ``BODY_TIMEOUT``; a body over ``MAX_BODY`` bytes is
  refused (413) from its ``Content-Length`` before any of it is read;
  request headers over ``MAX_HEADERS`` get 431 (400 while they arrive);
* no client fault (a NUL or a 5,000-character path, a disconnect, a bad
  header) logs a traceback: each request is one JSON line in the access
  log (``log``);
* CORS is off unless ``cors`` names an origin (or ``*``); it binds to
  127.0.0.1 by default.

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

import asyncio
import html
import json
import mimetypes
import os
import socket
import threading
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
import uvicorn
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from uvicorn.protocols.http.h11_impl import H11Protocol

from graph.errors import InputError, PagError, QueryError, QueryTimeout, StoreError
from graph.sparql import (
    DEFAULT_MAX_MEMORY_MB,
    MEDIA_TYPES,
    QueryPool,
    format_result,
    load_query,
    named_queries,
    parse_bindings,
    run,
)
from graph.sparqltext import query_form
from graph.stores import Store

__all__ = [
    "BODY_TIMEOUT",
    "HEADER_TIMEOUT",
    "MAX_BODY",
    "SparqlServer",
    "make_server",
    "negotiate",
]

#: largest request body accepted (bytes)
MAX_BODY = 1_000_000
#: seconds a connection may take to send its request line and headers
HEADER_TIMEOUT = 10.0
#: seconds a request may take to send its body
BODY_TIMEOUT = 10.0
#: longest path served (characters); longer ones get 414
MAX_PATH = 2048
#: largest request headers accepted, all together (bytes)
MAX_HEADERS = 64 * 1024
#: queries that may wait for a worker; one more is answered 503 at once
MAX_WAITING = 1024
#: the listen backlog: connections the kernel queues before they are accepted
BACKLOG = 2048


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
    max_memory: int
    site_dir: Path | None
    cors: str | None
    workers: int
    log: Callable[[str], None] | None
    pool: QueryPool | None = None
    limiter: anyio.CapacityLimiter | None = None


class _Reply(Exception):
    """An answer decided early (an error, a refusal): status and text."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(
        (message + "\n").encode("utf-8"),
        status_code=status,
        media_type="text/plain; charset=utf-8",
        headers=headers,
    )


async def _read_body(request: Request) -> bytes:
    """The request body, refused (413) by its Content-Length before it is read, and
    while it is read when it comes in chunks; cut off after ``BODY_TIMEOUT``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise _Reply(400, "bad Content-Length")
        if int(declared) > MAX_BODY:
            raise _Reply(413, f"request body over {MAX_BODY:,} bytes; send a shorter query")
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(BODY_TIMEOUT):
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    raise _Reply(413, f"request body over {MAX_BODY:,} bytes; send a shorter query")
                chunks.append(chunk)
    except TimeoutError:
        raise _Reply(408, f"the request body did not arrive within {BODY_TIMEOUT:g} s") from None
    return b"".join(chunks)


def _params(query_string: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(query_string, keep_blank_values=True, max_num_fields=200)
    except ValueError:
        raise _Reply(400, "too many parameters") from None


class _App:
    """The routes; every answer goes through :meth:`guard` (no traceback reaches the server)."""

    def __init__(self, config: _Config) -> None:
        self.config = config

    # -- plumbing ----------------------------------------------------------
    def _cors(self) -> dict[str, str]:
        origin = self.config.cors
        if not origin:
            return {}
        return {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Expose-Headers": "X-PAG-Truncated",
            **({"Vary": "Origin"} if origin != "*" else {}),
        }

    def _log(self, request: Request, status: int, size: int, started: float) -> None:
        if self.config.log is None:
            return
        client = request.client
        path = request.url.path
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),
            "client": f"{client.host}:{client.port}" if client else None,
            "method": request.method,
            "path": path if len(path) <= 200 else path[:199] + "…",
            "status": status,
            "bytes": size,
            "ms": round((time.monotonic() - started) * 1000, 1),
        }
        # ensure_ascii: a control character or an escape sequence in a path is shown escaped
        self.config.log(json.dumps(entry, ensure_ascii=True))

    def guard(self, handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            started = time.monotonic()
            try:
                response = await handler(request)
            except _Reply as reply:
                response = _text(reply.status, reply.message, reply.headers)
            except QueryTimeout as exc:
                response = _text(503, str(exc))
            except StoreError as exc:
                response = _text(502, str(exc))
            except QueryError as exc:
                status = 503 if "--max-memory" in str(exc) else 400
                response = _text(status, str(exc))
            except PagError as exc:
                response = _text(400, str(exc))
            except ClientDisconnect:
                response = _text(400, "client disconnected")
            except Exception as exc:  # a fault of pag: one line, no traceback
                if self.config.log is not None:
                    self.config.log(json.dumps({"error": f"{type(exc).__name__}: {exc}"[:500]}))
                response = _text(500, "internal error (logged by the server)")
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers.update(self._cors())
            self._log(request, response.status_code, len(response.body), started)
            return response

        return endpoint

    # -- routes ------------------------------------------------------------
    async def options(self, request: Request) -> Response:
        return Response(status_code=204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})

    async def sparql(self, request: Request) -> Response:
        params = _params(request.url.query)
        if request.method == "POST":
            ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            if ctype not in {
                "application/x-www-form-urlencoded",
                "application/sparql-query",
                "application/sparql-update",
            }:
                raise _Reply(415, "POST a query as application/x-www-form-urlencoded or application/sparql-query")
            body = (await _read_body(request)).decode("utf-8", "replace")
            if ctype == "application/x-www-form-urlencoded":
                for k, v in _params(body).items():
                    params.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                params.setdefault("query", []).append(body)
            else:
                params.setdefault("update", []).append(body)
        if "update" in params:
            raise _Reply(403, "this endpoint is read-only: updates are refused")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            if not queries and request.method in {"GET", "HEAD"}:
                return await self.static(request)
            raise _Reply(400, "give exactly one query (the `query` parameter)")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise _Reply(
                400,
                "default-graph-uri / named-graph-uri are not supported here: the default graph is "
                "the union of all named graphs; use GRAPH <…> in the query",
            )
        return await self._answer(request, queries[0], {}, params, "query")

    async def queries(self, request: Request) -> Response:
        data = json.dumps([q.as_dict() for q in named_queries()], indent=2)
        return Response(data.encode("utf-8"), media_type="application/json")

    async def named(self, request: Request) -> Response:
        q = load_query(request.path_params["name"])
        params = _params(request.url.query)
        pairs = [(k, v[-1]) for k, v in params.items() if k != "format"]
        return await self._answer(request, q.text, parse_bindings(pairs, q.text), params, f"query {q.name}")

    async def _answer(
        self, request: Request, text: str, bindings: dict[str, Any], params: dict[str, list[str]], where: str
    ) -> Response:
        cfg = self.config
        kind = "graph" if query_form(text) in {"construct", "describe"} else "select"
        forced = params.get("format", [None])[-1]
        if forced:
            fmt: str | None = forced.lower()
            allowed = ("turtle", "ntriples") if kind == "graph" else ("json", "xml", "csv", "tsv")
            if fmt not in allowed:
                raise _Reply(400, f"format={forced[:40]} cannot be used here; use one of {', '.join(allowed)}")
        else:
            fmt = negotiate(request.headers.get("accept"), kind)
            if fmt is None:
                raise _Reply(406, "cannot answer in any type the Accept header lists")
        limiter = cfg.limiter
        assert limiter is not None
        if limiter.statistics().tasks_waiting >= MAX_WAITING:
            raise _Reply(503, "the server is busy: every query worker is taken; retry shortly", {"Retry-After": "1"})

        seen: dict[str, Any] = {"truncated": False, "fmt": fmt}

        def work() -> bytes:
            result = run(
                cfg.store,
                text,
                bindings=bindings,
                timeout=cfg.timeout,
                where=where,
                max_rows=cfg.max_rows,
                max_memory=cfg.max_memory,
                pool=cfg.pool,
            )
            chosen = fmt if not (result.kind == "ask" and fmt not in {"json", "xml"}) else "json"
            assert chosen is not None
            seen.update(truncated=result.truncated, fmt=chosen)
            return format_result(result, chosen)

        body = await anyio.to_thread.run_sync(work, limiter=limiter)
        headers = {"X-PAG-Truncated": "true"} if seen["truncated"] else {}
        return Response(body, media_type=MEDIA_TYPES[seen["fmt"]], headers=headers)

    async def static(self, request: Request) -> Response:
        path = request.url.path
        site = self.config.site_dir
        if site is None:
            if path in {"/", "/index.html", "/sparql"}:
                return Response(_index_page().encode("utf-8"), media_type="text/html; charset=utf-8")
            raise _Reply(404, "not found (the endpoint is /sparql)")
        if len(path) > MAX_PATH:
            raise _Reply(414, f"path over {MAX_PATH} characters")
        rel = urllib.parse.unquote(path).lstrip("/") or "index.html"
        if rel == "sparql":
            rel = "index.html"
        if "\x00" in rel or "\\" in rel:
            raise _Reply(404, "not found")

        def read() -> tuple[Path, bytes] | None:
            try:
                root = site.resolve()
                target = (root / rel).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if root not in target.parents or not target.is_file():
                    return None
                return target, target.read_bytes()
            except (OSError, ValueError):
                return None

        found = await anyio.to_thread.run_sync(read)
        if found is None:
            raise _Reply(404, "not found")
        target, data = found
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in {"application/javascript", "application/json"}:
            ctype += "; charset=utf-8"
        return Response(data, media_type=ctype)

    async def not_allowed(self, request: Request) -> Response:
        raise _Reply(405, f"{request.method[:20]} is not allowed here", {"Allow": "GET, HEAD, POST, OPTIONS"})


def _build_app(config: _Config) -> Starlette:
    app = _App(config)
    g = app.guard
    methods = ["GET", "HEAD", "POST"]
    routes = [
        Route("/sparql", g(app.sparql), methods=methods),
        Route("/queries", g(app.queries), methods=["GET", "HEAD"]),
        Route("/queries/", g(app.queries), methods=["GET", "HEAD"]),
        Route("/queries/{name:path}", g(app.named), methods=["GET", "HEAD"]),
        Route("/{rest:path}", g(app.static), methods=["GET", "HEAD"]),
    ]
    starlette = Starlette(routes=routes)
    options = g(app.options)
    other = g(app.not_allowed)

    async def headers_too_large(request: Request) -> Response:
        raise _Reply(431, f"request headers over {MAX_HEADERS:,} bytes")

    too_large = g(headers_too_large)

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            return await starlette(scope, receive, send)
        if scope["type"] != "http":
            return None
        request = Request(scope, receive)
        method = scope.get("method", "")
        if sum(len(k) + len(v) for k, v in scope.get("headers", [])) > MAX_HEADERS:
            await (await too_large(request))(scope, receive, send)
        elif method == "OPTIONS":
            await (await options(request))(scope, receive, send)
        elif method not in {"GET", "HEAD", "POST"} or (method == "POST" and scope.get("path") != "/sparql"):
            await (await other(request))(scope, receive, send)
        else:
            await starlette(scope, receive, send)
        return None

    return asgi  # type: ignore[return-value]


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


class _Protocol(H11Protocol):
    """uvicorn's h11 protocol, plus a deadline for the request headers: a connection
    that opens and sends nothing (or a header a byte at a time) is closed."""

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = self.loop.call_later(HEADER_TIMEOUT, self._expire)

    def _expire(self) -> None:
        waiting = self.cycle is None or self.cycle.response_complete
        if waiting and not self.transport.is_closing():
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        super().connection_lost(exc)


class SparqlServer:
    """A running (or ready to run) endpoint; see :func:`make_server`."""

    def __init__(self, server: uvicorn.Server, sock: socket.socket, pool: QueryPool | None = None) -> None:
        self.server = server
        self.sock = sock
        self.pool = pool
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` the server listens on."""
        host, port = self.sock.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def serve_forever(self) -> None:
        """Serve until interrupted (Ctrl-C, SIGTERM) or :meth:`stop`."""
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.sock.close()
            if self.pool is not None:
                self.pool.close()

    def start(self) -> None:
        """Serve in a background thread (returns once it accepts connections)."""
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self._thread.start()
        for _ in range(500):
            if self.server.started:
                return
            time.sleep(0.01)

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.sock.close()
        if self.pool is not None:
            self.pool.close()


def make_server(
    store: Store,
    *,
    host: str = "127.0.0.1",
    port: int = 7070,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    max_memory: int = DEFAULT_MAX_MEMORY_MB,
    workers: int | None = None,
    site_dir: str | Path | None = None,
    cors: str | None = None,
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
        SELECT results are cut to this many rows (CONSTRUCT: triples).
    max_memory : int
        Megabytes a query's worker may grow by before it is stopped (503).
    workers : int, optional
        Queries run at once, each in its own process (default: the CPUs, at least 2).
    site_dir : path, optional
        A folder of HTML views (``pag site``) to serve at ``/``.
    cors : str, optional
        An origin (or ``*``) allowed to read answers from a browser; off by default.
    log : callable, optional
        Called with one JSON line per request.
    """
    folder = Path(site_dir) if site_dir is not None else None
    if folder is not None and not folder.is_dir():
        raise InputError(f"{folder}: no such folder (build it with `pag site {folder}`)")
    if max_rows < 1 or not timeout > 0 or max_memory < 1:
        raise InputError("--max-rows, --timeout and --max-memory must be more than 0")
    if workers is None:
        workers = max(2, os.cpu_count() or 2)
    if workers < 1:
        raise InputError("--workers must be at least 1")
    config = _Config(store, timeout, max_rows, max_memory, folder, cors, workers, log)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, _, _, _, address = infos[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
            sock.listen(BACKLOG)
        except OSError:
            sock.close()
            raise
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InputError(f"cannot listen on {host}:{port}: {reason}; pick another --port") from None
    if not store.remote:  # standing workers, forked now, before the server's threads exist
        config.pool = QueryPool(store, size=workers, max_memory=max_memory)
    app = _build_app(config)

    async def with_limiter(scope: Any, receive: Any, send: Any) -> None:
        if config.limiter is None:  # made in the server's own event loop
            config.limiter = anyio.CapacityLimiter(workers)
        await app(scope, receive, send)

    uconfig = uvicorn.Config(
        with_limiter,
        http=_Protocol,
        lifespan="off",
        backlog=BACKLOG,
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=MAX_HEADERS,
        limit_concurrency=4096,
        access_log=False,
        log_level="error",
        server_header=False,
        date_header=True,
    )
    return SparqlServer(uvicorn.Server(uconfig), sock, config.pool)
