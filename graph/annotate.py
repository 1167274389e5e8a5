"""The annotator: a local web app to read a document and add what it says to the graph.

``pag annotate [SOURCE]`` serves, on ``127.0.0.1`` only, a page showing a
registered document with every existing quote highlighted and the drafting
suggestions of :mod:`graph.suggest` underlined. Selecting text (or a
suggestion) fills a form: a claim, evidence item (value, unit, population,
place, period), policy (status) or actor, its label, and the quote with its
anchors. Saving goes through :class:`graph.authoring.Authoring` — validated
(SHACL, references, the quote verbatim), written atomically to ``data/`` and
the project's store, journaled for undo and redo. A saved node can then be
linked to any node found by search (supports, attacks, rebuts, undercuts,
stances with a status, asserts) — found by search ranked as ``pag search``
ranks (:meth:`graph.authoring.Authoring.search`, :mod:`graph.textindex`).
Clicking a highlighted quote, a node in the
side list or a link opens it in the edit panel: its label, quote (a new
selection), figure, status, or a link's relation, saved or deleted through
the same checks (a node with links is deleted only once the page confirms
that its links go too). A dismissed suggestion is remembered per source in
``data/dismissed.json`` (:meth:`graph.project.Project.set_dismissed`) and
not proposed again; ``POST /api/undismiss`` restores one.

Built on Starlette and served by uvicorn (the stack of ``pag serve``). Every
write (``POST /api/…``) must carry the page's CSRF token
(``X-PAG-Token``), an ``Origin`` of the annotator itself, a ``Host`` of the
loopback address (against DNS rebinding) and a JSON body; anything else is
refused with 403 (415 for another body type). Pages are sent with a strict
Content-Security-Policy (scripts and styles only from the app itself); the
document and every label reach the page as JSON and are put in with
``textContent``, never as HTML.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import threading
import time
import webbrowser
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import uvicorn
from markupsafe import escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from graph.authoring import EVIDENCE_TYPES, LINK_RELATIONS, STATUSES, Authoring, Dependents
from graph.errors import PagError
from graph.suggest import number_value, suggest, unit_guess

__all__ = ["create_app", "run", "serving"]

_HERE = Path(__file__).resolve().parent
_ASSETS = {"annotate.js": "text/javascript", "annotate.css": "text/css"}
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
_LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def _json_script(data: Any) -> str:
    """JSON safe to put inside a <script type="application/json"> element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def create_app(auth: Authoring, *, source: str | None = None, port: int = 0, token: str | None = None) -> Starlette:
    """The annotator app for one project; ``port`` is the one it is served on (for the Origin check)."""
    token = token or secrets.token_urlsafe(32)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
        autoescape=jinja2.select_autoescape(["html"]),
    )
    allowed_hosts = {f"{h}:{port}" for h in _LOOPBACK}
    allowed_origins = {f"http://{h}" for h in allowed_hosts}
    lock = threading.Lock()

    def first_source() -> str | None:
        sources = auth.project.sources(auth.dataset())
        if source:
            return auth.resolve(source)
        return sources[0][0] if sources else None

    def doc_state(src: str) -> dict[str, Any]:
        ds = auth.dataset()
        found = auth.project.text_of(ds, src)
        text = found[0] if found else ""
        quotes = auth.quotes_of(src)
        taken = [(q["start"], q["end"]) for q in quotes if q["start"] is not None]
        nodes = [(n["iri"], n["label"]) for n in auth.search("", limit=100_000)]
        mine = {q["node"] for q in quotes}
        sugg = suggest(text, nodes=[(i, lab) for i, lab in nodes if i not in mine], taken=taken)
        gone = {(d["kind"], d["text"]) for d in auth.project.dismissed(src)}
        dismissed = [s for s in sugg if (s.kind, s.text) in gone]
        sugg = [s for s in sugg if (s.kind, s.text) not in gone]
        done, undone = auth.history()
        return {
            "source": src,
            "label": auth.label(src),
            "text": text,
            "missing_text": found is None,
            "quotes": quotes,
            "links": auth.links_of(src),
            "suggestions": [
                {
                    **s.as_dict(),
                    "value": number_value(s.figures[0]) if s.figures else None,
                    "unit": unit_guess(s.figures[0]) if s.figures else "",
                }
                for s in sugg
            ],
            # dismissed suggestions still in the text (a "show dismissed" list can restore them)
            "dismissed": [{"kind": s.kind, "text": s.text, "start": s.start, "end": s.end} for s in dismissed],
            "history": {"undo": done[-1] if done else None, "redo": undone[-1] if undone else None},
        }

    def refuse(request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if host not in allowed_hosts:
            return JSONResponse({"error": "refused: not the annotator's address"}, status_code=403)
        origin = request.headers.get("origin")
        if origin not in allowed_origins:
            return JSONResponse({"error": "refused: the request does not come from the annotator's page"}, status_code=403)
        sent = request.headers.get("x-pag-token", "")
        if not secrets.compare_digest(sent.encode(), token.encode()):
            return JSONResponse({"error": "refused: missing or wrong token (reload the annotator page)"}, status_code=403)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return JSONResponse({"error": "send JSON (Content-Type: application/json)"}, status_code=415)
        return None

    def headers(resp: Response) -> Response:
        resp.headers["Content-Security-Policy"] = _CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["Cache-Control"] = "no-store"
        return resp

    async def page(request: Request) -> Response:
        if request.headers.get("host", "") not in allowed_hosts:
            return headers(HTMLResponse("Not the annotator's address.", status_code=403))
        src = request.query_params.get("source") or first_source()
        if src is None:
            body = env.get_template("annotate_empty.html").render(project=auth.project.name)
            return headers(HTMLResponse(body))
        try:
            src = auth.source_iri(src)
        except PagError as exc:
            return headers(HTMLResponse(str(escape(str(exc))), status_code=404))
        with lock:
            state = doc_state(src)
        sources = [{"iri": i, "label": lab} for i, lab, _seed in auth.project.sources(auth.dataset())]
        boot = {
            "token": token,
            "project": auth.project.name,
            "sources": sources,
            "relations": sorted(LINK_RELATIONS),
            "statuses": list(STATUSES),
            "evidence_types": list(EVIDENCE_TYPES),
            "doc": state,
        }
        body = env.get_template("annotate.html").render(
            project=auth.project.name, label=state["label"], boot=_json_script(boot)
        )
        return headers(HTMLResponse(body))

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _ASSETS:
            return Response("not found", status_code=404)
        return headers(FileResponse(_HERE / "assets" / name, media_type=_ASSETS[name]))

    async def api_doc(request: Request) -> Response:
        src = request.query_params.get("source") or first_source()
        if not src:
            return JSONResponse({"error": "no source registered"}, status_code=404)
        with lock:
            return headers(JSONResponse(doc_state(auth.source_iri(src))))

    async def api_search(request: Request) -> Response:
        q = request.query_params.get("q", "")
        with lock:
            return headers(JSONResponse({"results": auth.search(q, limit=25)}))

    async def write(request: Request, op: Callable[[dict[str, Any]], Any]) -> Response:
        bad = refuse(request)
        if bad is not None:
            return headers(bad)
        try:
            body = await request.json()
        except ValueError:
            return headers(JSONResponse({"error": "the body is not JSON"}, status_code=400))
        if not isinstance(body, dict):
            return headers(JSONResponse({"error": "send a JSON object"}, status_code=400))
        with lock:
            try:
                result = op(body)
            except PagError as exc:
                problems = getattr(exc, "problems", [str(exc)])
                answer: dict[str, Any] = {"error": str(exc).split("\n")[0], "problems": problems}
                if isinstance(exc, Dependents):  # the page asks whether to remove them too
                    return headers(JSONResponse({**answer, "links": exc.links}, status_code=409))
                return headers(JSONResponse(answer, status_code=422))
            src = body.get("source") or first_source()
            state = doc_state(auth.source_iri(str(src))) if src else None
        return headers(JSONResponse({"saved": result, "doc": state}))

    def _s(body: dict[str, Any], key: str) -> str | None:
        v = body.get(key)
        return None if v is None or v == "" else str(v)

    async def api_node(request: Request) -> Response:
        def op(b: dict[str, Any]) -> Any:
            near = b.get("start")
            if b.get("same_as"):
                return auth.add_quote(
                    str(b["same_as"]), source=str(b.get("source", "")), quote=str(b.get("quote", "")),
                    near=near if isinstance(near, int) else None,
                ).as_dict()  # fmt: skip
            return auth.add_node(
                str(b.get("kind", "")), source=str(b.get("source", "")), label=str(b.get("label", "")),
                quote=_s(b, "quote"), near=near if isinstance(near, int) else None,
                actor_type=str(b.get("actor_type") or "organization"), status=_s(b, "status"),
                value=_s(b, "value"), unit=_s(b, "unit"), population=_s(b, "population"),
                place=_s(b, "place"), period=_s(b, "period"), evidence_type=_s(b, "evidence_type"),
                comment=_s(b, "comment"),
            ).as_dict()  # fmt: skip

        return await write(request, op)

    async def api_link(request: Request) -> Response:
        def op(b: dict[str, Any]) -> Any:
            return auth.add_link(
                str(b.get("subject", "")), str(b.get("relation", "")), str(b.get("object", "")),
                source=_s(b, "source"), status=_s(b, "status"), rationale=_s(b, "rationale"),
            ).as_dict()  # fmt: skip

        return await write(request, op)

    def _dismissal(b: dict[str, Any], dismissed: bool) -> Any:
        src = auth.source_iri(str(b.get("source", "")))
        kind, text = str(b.get("kind", "")), str(b.get("text", ""))
        if kind not in {"figure", "speech", "match"} or not text.strip() or len(text) > 5000:
            raise PagError("send the suggestion's kind (figure, speech or match) and its text")
        auth.project.set_dismissed(src, kind, text, dismissed=dismissed)
        return {"dismissed" if dismissed else "restored": {"kind": kind, "text": text}}

    async def api_dismiss(request: Request) -> Response:
        return await write(request, lambda b: _dismissal(b, True))

    async def api_undismiss(request: Request) -> Response:
        return await write(request, lambda b: _dismissal(b, False))
    # -- editing and removing (issue 17b) --
    async def api_about(request: Request) -> Response:
        iri = request.query_params.get("iri", "")
        with lock:
            try:
                return headers(JSONResponse(auth.about(iri, request.query_params.get("source"))))
            except PagError as exc:
                return headers(JSONResponse({"error": str(exc).split("\n")[0]}, status_code=404))

    async def api_edit(request: Request) -> Response:
        def op(b: dict[str, Any]) -> Any:
            near = b.get("start")
            fields = ("label", "quote", "value", "unit", "population", "place", "period", "evidence_type", "status", "comment")
            given = {f: str(b[f]) for f in fields if f in b and b[f] is not None}
            return auth.edit_node(
                str(b.get("node", "")), source=_s(b, "source"), near=near if isinstance(near, int) else None, **given
            ).as_dict()

        return await write(request, op)

    async def api_edit_link(request: Request) -> Response:
        def op(b: dict[str, Any]) -> Any:
            status = b.get("status")
            return auth.edit_link(
                str(b.get("subject", "")), str(b.get("relation", "")), str(b.get("object", "")),
                to=_s(b, "to"), status=None if status is None else str(status), source=_s(b, "graph"),
            ).as_dict()  # fmt: skip

        return await write(request, op)

    async def api_remove(request: Request) -> Response:
        def op(b: dict[str, Any]) -> Any:
            if b.get("node"):
                return auth.remove_node(str(b["node"]), source=_s(b, "only_source"),
                                        with_links=b.get("with_links") is True).as_dict()  # fmt: skip
            return auth.remove_link(
                str(b.get("subject", "")), str(b.get("relation", "")), str(b.get("object", "")), source=_s(b, "graph")
            ).as_dict()

        return await write(request, op)

    async def api_undo(request: Request) -> Response:
        return await write(request, lambda _b: {"undone": auth.undo()})

    async def api_redo(request: Request) -> Response:
        return await write(request, lambda _b: {"redone": auth.redo()})

    async def favicon(_request: Request) -> Response:
        return Response(status_code=204)

    async def root(request: Request) -> Response:
        return RedirectResponse("/annotate" + (f"?{request.url.query}" if request.url.query else ""))

    return Starlette(
        routes=[
            Route("/", root),
            Route("/annotate", page),
            Route("/favicon.ico", favicon),
            Route("/assets/{name}", asset),
            Route("/api/doc", api_doc),
            Route("/api/search", api_search),
            Route("/api/node", api_node, methods=["POST"]),
            Route("/api/link", api_link, methods=["POST"]),
            Route("/api/dismiss", api_dismiss, methods=["POST"]),
            Route("/api/undismiss", api_undismiss, methods=["POST"]),
            Route("/api/about", api_about),
            Route("/api/edit", api_edit, methods=["POST"]),
            Route("/api/edit-link", api_edit_link, methods=["POST"]),
            Route("/api/remove", api_remove, methods=["POST"]),
            Route("/api/undo", api_undo, methods=["POST"]),
            Route("/api/redo", api_redo, methods=["POST"]),
        ]
    )


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise PagError(f"cannot listen on 127.0.0.1:{port}: {exc} (try --port 0)") from None
    sock.listen(64)
    return sock


@contextlib.contextmanager
def serving(auth: Authoring, *, source: str | None = None, port: int = 0) -> Iterator[str]:
    """Run the annotator in a background thread; yields its URL (for tests and scripts)."""
    sock = _bind(port)
    actual = sock.getsockname()[1]
    app = create_app(auth, source=source, port=actual)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{actual}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def run(
    auth: Authoring,
    *,
    source: str | None = None,
    port: int = 7071,
    open_browser: bool = True,
    log: Callable[[str], None] | None = None,
) -> None:
    """Serve the annotator on 127.0.0.1 until Ctrl-C."""
    if source:
        auth.source_iri(source)  # fail early on an unknown source
    sock = _bind(port)
    actual = sock.getsockname()[1]
    app = create_app(auth, source=source, port=actual)
    url = f"http://127.0.0.1:{actual}/annotate"
    if log:
        log(f"Annotator: {url}  (project {auth.project.root}; Ctrl-C stops)")
    if open_browser:
        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
