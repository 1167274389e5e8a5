"""A remote SPARQL 1.1 endpoint as a :class:`graph.stores.base.Store`.

Tested against Oxigraph server and Virtuoso 7 (``.ci/servers.sh``); it speaks
only the standard protocols, so Fuseki, GraphDB and others work the same way.

Configuration (credentials come from the environment, never from the command line):

``--store sparql:URL``
    the query endpoint (Oxigraph ``/query``, Virtuoso ``/sparql``);
``--update-url URL`` / ``PAG_SPARQL_UPDATE_URL``
    the update endpoint (Oxigraph ``/update``, Virtuoso ``/sparql-auth``);
    the query URL when not given;
``PAG_SPARQL_STORE_URL``
    a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph ``/store``,
    Virtuoso ``/sparql-graph-crud-auth``); when set, ``load`` POSTs
    N-Triples to it in chunks of at most ``gsp_chunk`` statements, which is
    far faster than ``INSERT DATA``;
``PAG_SPARQL_USER`` / ``PAG_SPARQL_PASSWORD``
    credentials for every request; ``PAG_SPARQL_AUTH`` = ``basic``
    (default) or ``digest`` (Virtuoso);
``PAG_SPARQL_GRAPHS``
    the named graphs that make up the dataset (space separated); by default
    every named graph of the server except the system graphs of Virtuoso.

How it behaves, and why:

* **Only its own graphs.** Every query is sent with ``default-graph-uri``
  and ``named-graph-uri`` set to the dataset's graphs, so the default graph
  is their union (as in the embedded store) and ``GRAPH ?g`` never sees a
  server's system graphs (Virtuoso keeps ~2,500 triples there).
* **Bounded requests.** ``INSERT DATA`` carries at most ``chunk_size``
  statements (Virtuoso fails above about 1,000); Graph Store uploads at most
  ``gsp_chunk`` (one huge upload hangs some servers). Every request has a
  timeout; every error names the server and says what to try.
* **Complete answers.** Virtuoso silently cuts results at its
  ``ResultSetMaxRows`` (10,000). A SELECT that returns exactly ``page_size``
  rows is fetched again page by page (an ordered sub-query, which Virtuoso
  can scroll past its sort limit), so no rows are lost.
* **Only what is needed.** :meth:`SparqlStore.quads` fetches only the
  predicates asked for, which is what :func:`graph.model.project` asks for;
  :meth:`SparqlStore.construct` fetches a subgraph with CONSTRUCT.
* **JSON always.** Results are asked for as SPARQL JSON (N-Triples for
  graphs); bindings go in a ``VALUES`` block at the start of the WHERE
  clause, terms serialised by rdflib, never pasted by hand.

Examples
--------
>>> bind_values("SELECT ?l WHERE { ?x <urn:label> ?l }", {"x": URIRef("urn:a")})
'SELECT ?l WHERE { VALUES (?x) { (<urn:a>) } ?x <urn:label> ?l }'
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RLiteral
from rdflib.term import Node

from graph.errors import EndpointError, InputError, QueryError
from graph.sparqltext import bind_values, mask, projected_variables, query_form, split_prologue
from graph.stores.base import ENTAIL_NAMED_UPDATE, QueryResult, Store, syntax_error
from graph.terms import Quad, rdf_format, to_rdflib

__all__ = [
    "DEFAULT_CHUNK",
    "GSP_CHUNK",
    "MAX_BYTES",
    "PAGE_SIZE",
    "SparqlStore",
    "is_system_graph",
]

#: statements per INSERT DATA request (Virtuoso fails above about 1,000)
DEFAULT_CHUNK = 500
#: statements per Graph Store Protocol upload (one ~475k upload hung Virtuoso)
GSP_CHUNK = 25_000
#: rows per page; Virtuoso's default ResultSetMaxRows
PAGE_SIZE = 10_000
#: largest answer read from a server (bytes; ``PAG_SPARQL_MAX_BYTES``)
MAX_BYTES = 1 << 30

#: graphs a server keeps for itself (Virtuoso), never part of a pag dataset
_SYSTEM_GRAPHS = re.compile(
    r"^(http://www\.openlinksw\.com/|http://www\.w3\.org/ns/ldp#|http://www\.w3\.org/2002/07/owl#"
    r"|http://localuriqaserver/|virtrdf|https?://[^/]+/(sparql|DAV/?)$)"
)
_EMPTY_GRAPH = "urn:x-pag:empty-dataset"


def is_system_graph(iri: str) -> bool:
    """Whether a graph is one a server keeps for itself (Virtuoso's virtrdf and others).

    >>> is_system_graph("http://www.openlinksw.com/schemas/virtrdf#")
    True
    >>> is_system_graph("https://w3id.org/pag/id/source/alpha")
    False
    """
    return bool(_SYSTEM_GRAPHS.match(iri))


def _auth_from_env() -> httpx.Auth | None:
    user = os.environ.get("PAG_SPARQL_USER")
    password = os.environ.get("PAG_SPARQL_PASSWORD")
    if not user:
        return None
    if os.environ.get("PAG_SPARQL_AUTH", "basic").lower() == "digest":
        return httpx.DigestAuth(user, password or "")
    return httpx.BasicAuth(user, password or "")


def _bounded_int(text: str) -> int:
    if len(text) > 1000:
        raise ValueError("a number of more than 1000 digits")
    return int(text)


def _term_from_json(cell: dict[str, str] | None) -> Node | None:
    if cell is None:
        return None
    if not isinstance(cell, dict) or not isinstance(cell.get("value"), str):
        raise ValueError("not a term")
    for key in ("xml:lang", "datatype"):
        if key in cell and not isinstance(cell[key], str):
            raise ValueError("not a term")
    kind = cell["type"]
    if kind not in {"uri", "bnode", "literal", "typed-literal"}:
        raise ValueError("not a term")
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


#: headers that describe the bytes on the wire, not the decoded answer kept
_ENCODING_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class SparqlStore(Store):
    """A SPARQL 1.1 Protocol endpoint (query, optional update and Graph Store endpoints)."""

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        store_url: str | None = None,
        graphs: Iterable[str] | None = None,
        timeout: float = 30.0,
        chunk_size: int = DEFAULT_CHUNK,
        gsp_chunk: int = GSP_CHUNK,
        page_size: int = PAGE_SIZE,
        auth: httpx.Auth | None = None,
        max_bytes: int | None = None,
    ) -> None:
        if not timeout > 0:
            raise InputError(f"--timeout must be more than 0 seconds, not {timeout:g}")
        if not query_url.startswith(("http://", "https://")):
            raise InputError(f"sparql:{query_url}: the endpoint must be an http(s) URL")
        self.query_url = query_url
        self.update_url = update_url or os.environ.get("PAG_SPARQL_UPDATE_URL") or query_url
        if store_url is None:
            store_url = os.environ.get("PAG_SPARQL_STORE_URL")
        self.store_url = store_url or None  # "" means: no Graph Store endpoint
        if graphs is None and os.environ.get("PAG_SPARQL_GRAPHS"):
            graphs = os.environ["PAG_SPARQL_GRAPHS"].split()
        self._fixed_graphs = sorted(graphs) if graphs is not None else None
        self._graphs: list[str] | None = None
        self.spec = f"sparql:{query_url}"
        self.persistent = True
        self.remote = True
        self.chunk_size = max(1, chunk_size)
        self.gsp_chunk = max(1, gsp_chunk)
        self.page_size = max(1, page_size)
        self.client = httpx.Client(
            timeout=timeout, auth=auth or _auth_from_env(), follow_redirects=False
        )
        self._timeout = timeout
        if max_bytes is None:
            env = os.environ.get("PAG_SPARQL_MAX_BYTES", "")
            max_bytes = int(env) if env.isdigit() else MAX_BYTES
        #: largest answer read (bytes, after decompression)
        self.max_bytes = max_bytes

    @property
    def timeout(self) -> float:
        """Seconds every request may take."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: float) -> None:
        self._timeout = value
        self.client.timeout = httpx.Timeout(value)

    # -- HTTP -------------------------------------------------------------
    def _request(
        self,
        url: str,
        *,
        data: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        content: bytes | None = None,
        headers: dict[str, str],
    ) -> httpx.Response:
        """POST and read the whole answer within one deadline (``timeout`` seconds
        for connecting, sending and reading, together) and ``max_bytes``."""
        started = time.monotonic()
        deadline = started + self._timeout
        late = threading.Event()
        holder: dict[str, httpx.Response] = {}

        def expire() -> None:  # a server that trickles bytes is cut at the deadline
            late.set()
            resp = holder.get("resp")
            if resp is not None:
                with contextlib.suppress(Exception):
                    resp.close()

        timer = threading.Timer(self._timeout, expire)
        timer.daemon = True
        timer.start()
        too_late = EndpointError(
            f"{url} did not answer within {self._timeout:g} s; check the server, "
            "narrow the query or raise --timeout"
        )
        try:
            with self.client.stream(
                "POST", url, data=data, params=params, content=content, headers=headers
            ) as resp:
                holder["resp"] = resp
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise EndpointError(
                            f"{url} sent more than {self.max_bytes:,} bytes; narrow the query (add "
                            "LIMIT) or raise PAG_SPARQL_MAX_BYTES"
                        )
                    if late.is_set() or time.monotonic() > deadline:
                        raise too_late
                    chunks.append(chunk)
                # the chunks are already decoded (gzip, deflate): the copy must not decode again
                plain = [(k, v) for k, v in resp.headers.multi_items() if k.lower() not in _ENCODING_HEADERS]
                answer = httpx.Response(resp.status_code, headers=plain, content=b"".join(chunks))
        except httpx.TimeoutException:
            raise too_late from None
        except httpx.HTTPError as exc:
            if late.is_set():
                raise too_late from None
            raise EndpointError(
                f"cannot reach SPARQL endpoint {url}: {exc}; is the server running?"
            ) from None
        except (RuntimeError, ValueError, OSError):
            if late.is_set():
                raise too_late from None
            raise
        finally:
            timer.cancel()
        if late.is_set():
            raise too_late
        resp = answer
        if resp.status_code == 400:
            raise QueryError(f"{url} rejected the request: {_brief(resp.text)}")
        if resp.status_code in (401, 403):
            raise EndpointError(
                f"{url} refused access (HTTP {resp.status_code}); set PAG_SPARQL_USER and "
                "PAG_SPARQL_PASSWORD (and PAG_SPARQL_AUTH=digest for Virtuoso)"
            )
        if resp.status_code >= 300:
            raise EndpointError(f"{url} answered HTTP {resp.status_code}: {_brief(resp.text)}")
        return resp

    def _dataset_params(self) -> dict[str, Any]:
        graphs = self.dataset_graphs() or [_EMPTY_GRAPH]
        return {"default-graph-uri": graphs, "named-graph-uri": graphs}

    def _raw_select(self, sparql: str, *, dataset: bool = True) -> QueryResult:
        data: dict[str, Any] = {"query": sparql}
        if dataset:
            data.update(self._dataset_params())
        resp = self._request(
            self.query_url, data=data, headers={"Accept": "application/sparql-results+json"}
        )
        bad = f"{self.query_url} sent malformed SPARQL JSON results"
        try:
            body = json.loads(resp.content, parse_int=_bounded_int)
        except (ValueError, RecursionError):
            raise EndpointError(
                f"{self.query_url} did not answer in SPARQL JSON results (content type "
                f"{resp.headers.get('content-type')!r})"
            ) from None
        if not isinstance(body, dict):
            raise EndpointError(f"{bad}: not a JSON object")
        form = query_form(sparql)
        if "boolean" in body:
            if not isinstance(body["boolean"], bool) or form not in {"ask", "unknown"}:
                raise EndpointError(f"{bad}: a boolean answer to a {form.upper()} query")
            return QueryResult("ask", boolean=body["boolean"])
        if form == "ask":
            raise EndpointError(f"{bad}: no boolean in the answer to an ASK query")
        head, results = body.get("head"), body.get("results")
        if not isinstance(head, dict) or not isinstance(results, dict):
            raise EndpointError(f"{bad}: no head or results")
        names = head.get("vars", [])
        bindings = results.get("bindings")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise EndpointError(f"{bad}: head.vars is not a list of names")
        if not isinstance(bindings, list):
            raise EndpointError(f"{bad}: results.bindings is not a list")
        expected = projected_variables(sparql)
        if expected is not None and set(expected) - set(names):
            missing = ", ".join("?" + v for v in expected if v not in names)
            raise EndpointError(f"{bad}: the answer lacks the variables {missing}")
        try:
            rows = [tuple(_term_from_json(b.get(n)) for n in names) for b in bindings]
        except (KeyError, TypeError, AttributeError, ValueError):
            raise EndpointError(f"{bad}: a binding is not a SPARQL JSON term") from None
        return QueryResult("select", variables=names, rows=rows)

    # -- the dataset --------------------------------------------------------
    def dataset_graphs(self) -> list[str]:
        """The named graphs that make up this store's dataset (sorted; cached until a change)."""
        if self._fixed_graphs is not None:
            return list(self._fixed_graphs)
        if self._graphs is None:
            # GROUP BY, not DISTINCT: Virtuoso answers it in ms instead of tens of seconds
            res = self._raw_select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", dataset=False)
            found = {str(r[0]) for r in res.rows if isinstance(r[0], URIRef)}
            self._graphs = sorted(g for g in found if not is_system_graph(g))
        return list(self._graphs)

    def graph_names(self) -> list[str]:
        # a graph named in PAG_SPARQL_GRAPHS may still be empty
        if self._fixed_graphs is None:
            return self.dataset_graphs()
        return super().graph_names()

    def _changed(self) -> None:
        self._graphs = None

    # -- reading ----------------------------------------------------------
    def _query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult:
        sparql = bind_values(sparql, bindings)
        form = query_form(sparql)
        if form in {"construct", "describe"}:
            return QueryResult("graph", triples=self.construct(sparql))
        return self._select_all(sparql)

    def _select_all(self, sparql: str, *, dataset: bool = True) -> QueryResult:
        result = self._raw_select(sparql, dataset=dataset)
        if result.kind == "select" and len(result.rows) >= self.page_size:
            return self._select_paged(sparql, result.variables, dataset=dataset)
        return result

    def _select_paged(self, sparql: str, variables: list[str], *, dataset: bool = True) -> QueryResult:
        """Fetch a SELECT page by page (the server may have cut the first answer)."""
        prologue, body = split_prologue(sparql)
        if re.search(r"(?i)\bORDER\s+BY\b", mask(body)):
            inner = body
        else:
            order = " ".join("?" + v for v in variables)
            inner = f"SELECT * WHERE {{ {{ {body} }} }} ORDER BY {order}"
        rows: list[tuple[Node | None, ...]] = []
        offset = 0
        while True:
            page = f"{prologue}SELECT * WHERE {{ {{ {inner} }} }} OFFSET {offset} LIMIT {self.page_size}"
            try:
                res = self._raw_select(page, dataset=dataset)
            except QueryError as exc:
                raise EndpointError(
                    f"{self.query_url} may have cut the answer at {self.page_size} rows (its "
                    f"ResultSetMaxRows) and could not page it: {exc}; add LIMIT/OFFSET yourself"
                ) from None
            index = [res.variables.index(v) if v in res.variables else None for v in variables]
            rows += [tuple(None if i is None else r[i] for i in index) for r in res.rows]
            if len(res.rows) < self.page_size:
                return QueryResult("select", variables=list(variables), rows=rows)
            offset += self.page_size

    def construct(self, sparql: str) -> list[tuple[Node, Node, Node]]:
        """The triples of a CONSTRUCT or DESCRIBE query over this store's dataset.

        Use it to fetch only the subgraph an analysis needs, for example
        ``CONSTRUCT { ?e pag:supports ?x } WHERE { ?e pag:supports+ ?p }``.
        """
        data: dict[str, Any] = {"query": sparql, **self._dataset_params()}
        resp = self._request(self.query_url, data=data, headers={"Accept": "application/n-triples"})
        try:
            triples = list(ox.parse(resp.content, ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise EndpointError(
                f"{self.query_url} sent malformed N-Triples ({exc}); does it support "
                "application/n-triples?"
            ) from None
        return [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in triples]

    def quads(self, predicates: Sequence[URIRef] | None = None) -> Iterator[Quad]:
        values = ""
        if predicates is not None:
            if not predicates:
                return
            values = "VALUES ?p { " + " ".join(URIRef(p).n3() for p in predicates) + " } "
        graphs = self.dataset_graphs()
        if not graphs:
            return
        # the graphs as VALUES, not as named-graph-uri: Virtuoso scans far faster so
        in_graphs = "VALUES ?g { " + " ".join(URIRef(g).n3() for g in graphs) + " } "
        q = f"SELECT ?s ?p ?o ?g WHERE {{ {in_graphs}{values}GRAPH ?g {{ ?s ?p ?o }} }}"
        for s, p, o, g in self._select_all(q, dataset=False).rows:
            if not isinstance(p, URIRef) or s is None or o is None or not isinstance(g, URIRef):
                continue
            yield s, p, o, g

    def triple_count(self) -> int:
        # per graph, without dataset parameters: Virtuoso takes minutes to count
        # `GRAPH ?g { ?s ?p ?o }` restricted by named-graph-uri, milliseconds so
        res = self._raw_select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", dataset=False
        )
        mine = set(self.dataset_graphs())
        total = 0
        for g, n in res.rows:
            if str(g) in mine and isinstance(n, RLiteral):
                total += int(n.toPython())
        return total

    # -- writing ----------------------------------------------------------
    def entail(self) -> None:
        """As :meth:`Store.entail`, in the named graphs: every load puts its statements in one."""
        self._update(ENTAIL_NAMED_UPDATE)

    def _update(self, sparql: str) -> None:
        self._request(self.update_url, data={"update": sparql}, headers={"Accept": "*/*"})
        self._changed()

    def _insert_data(self, graph: str | None, lines: list[str]) -> None:
        body = "\n".join(lines)
        block = f"GRAPH <{graph}> {{\n{body}\n}}" if graph else body
        self._update("INSERT DATA {\n" + block + "\n}")

    def _gsp_post(self, graph: str | None, lines: list[str]) -> None:
        assert self.store_url is not None
        params = {"graph": graph} if graph else {"default": ""}
        self._request(
            self.store_url,
            params=params,
            content=("\n".join(lines) + "\n").encode("utf-8"),
            headers={"Content-Type": "application/n-triples", "Accept": "*/*"},
        )

    def _insert(self, quads: Iterable[Any], graph: str | None) -> int:
        """Send statements in bounded requests, one graph at a time.

        Statements with blank nodes go together in one request per graph, so a
        blank node stays one node (each request makes its own blank nodes).
        """
        by_graph: dict[str | None, tuple[list[str], list[str]]] = {}
        for q in quads:
            g = q.graph_name
            name = graph if isinstance(g, ox.DefaultGraph) else g.value
            line = f"{q.subject} {q.predicate} {q.object} ."
            plain, blank = by_graph.setdefault(name, ([], []))
            has_blank = isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
            (blank if has_blank else plain).append(line)
        send = self._gsp_post if self.store_url else self._insert_data
        size = self.gsp_chunk if self.store_url else self.chunk_size
        n = 0
        for name, (plain, blank) in by_graph.items():
            if blank:
                send(name, blank)
                n += len(blank)
            for i in range(0, len(plain), size):
                send(name, plain[i : i + size])
                n += len(plain[i : i + size])
        self._changed()
        return n

    def _load_file(self, path: Path, graph: str | None) -> int:
        fmt = rdf_format(path)[0]
        try:
            quads = list(ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()))
        except SyntaxError as exc:
            raise syntax_error(exc, str(path)) from None
        return self._insert_counted(quads, graph)

    def load_text(self, data: str | bytes, fmt: str, *, graph: str | None = None) -> int:
        try:
            quads = list(ox.parse(data, rdf_format("<text>", fmt)[0]))
        except SyntaxError as exc:
            raise syntax_error(exc, "<text>") from None
        n = self._insert_counted(quads, graph)
        self.entail()
        return n

    def _insert_counted(self, quads: list[Any], graph: str | None) -> int:
        """Insert; the statements the store gained (a statement it had already is not counted)."""
        before = self.triple_count()
        self._insert(quads, graph)
        return self.triple_count() - before

    def clear(self, graphs: Iterable[str] | None = None) -> None:
        """Drop the named graphs (default: this store's whole dataset)."""
        for g in list(graphs) if graphs is not None else self.dataset_graphs():
            self._update(f"DROP SILENT GRAPH {URIRef(g).n3()}")

    def close(self) -> None:
        self.client.close()


def _brief(text: str, limit: int = 400) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"
