"""A remote SPARQL 1.1 endpoint as a :class:`graph.store.Store`.

Queries go out over the SPARQL 1.1 Protocol (POST, results asked for as
JSON / N-Triples); updates go to the update URL (the query URL unless
another is given). Credentials come from the environment, never from the
command line:

``PAG_SPARQL_USER`` / ``PAG_SPARQL_PASSWORD``
    user and password for the update endpoint (and the query endpoint, if it
    asks);
``PAG_SPARQL_AUTH``
    ``basic`` (default) or ``digest`` (Virtuoso's ``/sparql-auth``).

Loads are sent as ``INSERT DATA`` requests of at most ``chunk_size``
statements (a single large upload hangs some servers), each with a timeout.
Variable bindings are sent as a ``VALUES`` block whose terms are serialised
by rdflib, never pasted into the query by hand.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RLiteral
from rdflib.term import Node

from graph.errors import EndpointError, InputError, QueryError
from graph.store import Quad, QueryResult, Store, _syntax_error, bind_values, query_form, rdf_format

__all__ = ["DEFAULT_CHUNK", "SparqlStore"]

#: statements per INSERT DATA request (Virtuoso refuses much larger ones)
DEFAULT_CHUNK = 500
_PAGE = 10_000


def _auth_from_env() -> httpx.Auth | None:
    user = os.environ.get("PAG_SPARQL_USER")
    password = os.environ.get("PAG_SPARQL_PASSWORD")
    if not user:
        return None
    if os.environ.get("PAG_SPARQL_AUTH", "basic").lower() == "digest":
        return httpx.DigestAuth(user, password or "")
    return httpx.BasicAuth(user, password or "")


def _term_from_json(cell: dict[str, str] | None) -> Node | None:
    if cell is None:
        return None
    kind = cell["type"]
    if kind == "uri":
        return URIRef(cell["value"])
    if kind == "bnode":
        return BNode(cell["value"])
    lang = cell.get("xml:lang")
    dt = cell.get("datatype")
    if lang:
        return RLiteral(cell["value"], lang=lang)
    if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
        return RLiteral(cell["value"], datatype=URIRef(dt))
    return RLiteral(cell["value"])


def _nt(term: Any) -> str:
    """N-Triples form of a pyoxigraph term (blank nodes become fresh per request)."""
    return str(term)


class SparqlStore(Store):
    """A SPARQL 1.1 Protocol endpoint (query + optional update)."""

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        timeout: float = 30.0,
        chunk_size: int = DEFAULT_CHUNK,
    ) -> None:
        if not query_url.startswith(("http://", "https://")):
            raise InputError(f"sparql:{query_url}: the endpoint must be an http(s) URL")
        self.query_url = query_url
        self.update_url = update_url or os.environ.get("PAG_SPARQL_UPDATE_URL") or query_url
        self.spec = f"sparql:{query_url}"
        self.persistent = True
        self.chunk_size = chunk_size
        self.timeout = timeout
        self.client = httpx.Client(timeout=timeout, auth=_auth_from_env(), follow_redirects=False)

    # -- HTTP -------------------------------------------------------------
    def _post(self, url: str, data: dict[str, str], accept: str) -> httpx.Response:
        try:
            resp = self.client.post(url, data=data, headers={"Accept": accept})
        except httpx.TimeoutException:
            raise EndpointError(
                f"{url} did not answer within {self.timeout:g} s; check the server or raise --timeout"
            ) from None
        except httpx.HTTPError as exc:
            raise EndpointError(f"cannot reach SPARQL endpoint {url}: {exc}") from None
        if resp.status_code == 400:
            raise QueryError(f"{url} rejected the request: {resp.text.strip()[:500]}")
        if resp.status_code in (401, 403):
            raise EndpointError(
                f"{url} refused access (HTTP {resp.status_code}); set PAG_SPARQL_USER and "
                "PAG_SPARQL_PASSWORD (and PAG_SPARQL_AUTH=digest for Virtuoso)"
            )
        if resp.status_code >= 300:
            raise EndpointError(
                f"{url} answered HTTP {resp.status_code}: {resp.text.strip()[:300]}"
            )
        return resp

    # -- reading ----------------------------------------------------------
    def _query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult:
        sparql = bind_values(sparql, bindings)
        form = query_form(sparql)
        if form in {"construct", "describe"}:
            resp = self._post(self.query_url, {"query": sparql}, "application/n-triples")
            try:
                triples = list(ox.parse(resp.content, ox.RdfFormat.N_TRIPLES))
            except SyntaxError as exc:
                raise EndpointError(f"{self.query_url} sent malformed N-Triples: {exc}") from None
            return QueryResult(
                "graph",
                triples=[
                    (_to_rdf(t.subject), _to_rdf(t.predicate), _to_rdf(t.object)) for t in triples
                ],
            )
        resp = self._post(self.query_url, {"query": sparql}, "application/sparql-results+json")
        try:
            body = resp.json()
        except ValueError:
            raise EndpointError(
                f"{self.query_url} did not answer in SPARQL JSON results (content type "
                f"{resp.headers.get('content-type')!r})"
            ) from None
        if "boolean" in body:
            return QueryResult("ask", boolean=bool(body["boolean"]))
        names = list(body["head"].get("vars", []))
        rows = [
            tuple(_term_from_json(b.get(n)) for n in names) for b in body["results"]["bindings"]
        ]
        return QueryResult("select", variables=names, rows=rows)

    def quads(self, predicates: Sequence[URIRef] | None = None) -> Iterator[Quad]:
        values = ""
        if predicates is not None:
            values = "VALUES ?p { " + " ".join(URIRef(p).n3() for p in predicates) + " }"
        offset = 0
        while True:
            q = (
                f"SELECT ?s ?p ?o ?g WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} }} "
                f"ORDER BY ?g ?s ?p ?o LIMIT {_PAGE} OFFSET {offset}"
            )
            rows = self._query(q, {}).rows
            for s, p, o, g in rows:
                assert isinstance(p, URIRef) and s is not None and o is not None
                yield s, p, o, g  # type: ignore[misc]
            if len(rows) < _PAGE:
                return
            offset += _PAGE

    # -- writing ----------------------------------------------------------
    def _update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, "*/*")

    def _send(self, quads: list[Any]) -> None:
        by_graph: dict[str, list[str]] = {}
        for q in quads:
            g = q.graph_name
            key = "" if isinstance(g, ox.DefaultGraph) else _nt(g)
            by_graph.setdefault(key, []).append(
                f"{_nt(q.subject)} {_nt(q.predicate)} {_nt(q.object)} ."
            )
        parts = []
        for g, lines in by_graph.items():
            body = "\n".join(lines)
            parts.append(f"GRAPH {g} {{\n{body}\n}}" if g else body)
        self._update("INSERT DATA {\n" + "\n".join(parts) + "\n}")

    def _insert(self, quads: Iterator[Any], graph: str | None) -> int:
        n = 0
        chunk: list[Any] = []
        for q in quads:
            if graph is not None and isinstance(q.graph_name, ox.DefaultGraph):
                q = ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph))
            chunk.append(q)
            if len(chunk) >= self.chunk_size:
                self._send(chunk)
                n += len(chunk)
                chunk = []
        if chunk:
            self._send(chunk)
            n += len(chunk)
        return n

    def _load_file(self, path: Path, graph: str | None) -> int:
        fmt = rdf_format(path)[0]
        try:
            quads = list(ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()))
        except SyntaxError as exc:
            raise _syntax_error(exc, str(path)) from None
        return self._insert(iter(quads), graph)

    def load_text(self, data: str | bytes, fmt: str, *, graph: str | None = None) -> int:
        try:
            quads = list(ox.parse(data, rdf_format("<text>", fmt)[0]))
        except SyntaxError as exc:
            raise _syntax_error(exc, "<text>") from None
        return self._insert(iter(quads), graph)

    def close(self) -> None:
        self.client.close()


def _to_rdf(term: Any) -> Node:
    from graph.store import to_rdflib

    return to_rdflib(term)
