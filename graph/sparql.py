"""SPARQL for users: the named query library, safe execution with a timeout,
and the W3C result formats.

The named queries live in ``graph/queries/*.rq``. Each file starts with a
comment that says what question it answers and which variables can be bound
(a ``# Bind:`` line). Values are bound as RDF terms (Oxigraph
``substitutions``, rdflib ``initBindings``, a ``VALUES`` block on a remote
endpoint) and never pasted into the query text.

Queries from users are untrusted: :func:`run` refuses ``SERVICE`` and
``LOAD`` (:func:`graph.sparqltext.check_safe`), refuses updates, and with a
``timeout`` runs the query in a forked worker process that is killed when the
time is up (pyoxigraph has no query timeout of its own).

Examples
--------
>>> from graph.stores import open_store
>>> store = open_store("memory", data=[])
>>> _ = store.load_text('<urn:a> <urn:p> "x" .', "nquads", graph="urn:g")
>>> result = run(store, "SELECT ?s ?o WHERE { ?s <urn:p> ?o }")
>>> format_result(result, "csv").decode().splitlines()
['s,o', 'urn:a,x']
>>> sorted(q.name for q in named_queries())[:3]
['actor-stances', 'conflicting-backers', 'contested-claims']
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import multiprocessing
import os
import queue
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RLiteral
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.errors import InputError, PagError, ParseError, QueryError, QueryTimeout, StoreError
from graph.safetext import csv_cell, inert, markdown_cell, short
from graph.sparqltext import check_safe, is_update, mask, no_new_files, query_form, with_prefixes
from graph.stores.base import QueryResult, Store
from graph.terms import PREFIXES, curie, to_oxigraph

__all__ = [
    "GRAPH_FORMATS",
    "MEDIA_TYPES",
    "SELECT_FORMATS",
    "NamedQuery",
    "QueryPool",
    "format_result",
    "load_query",
    "named_queries",
    "parse_bindings",
    "parse_term",
    "read_query_arg",
    "run",
    "run_update",
    "with_prefixes",
]

#: formats for SELECT results (``json``/``csv``/``tsv``/``xml`` are the W3C formats)
SELECT_FORMATS = ("table", "csv", "tsv", "json", "md", "xml")
#: formats for CONSTRUCT / DESCRIBE results
GRAPH_FORMATS = ("turtle", "ntriples")
#: media type of each format
MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
}

_XSD_STRING = str(XSD.string)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_VAR = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


# --------------------------------------------------------------------------
# the named query library


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: its name, text, description and bindable variables."""

    name: str
    text: str
    description: str
    parameters: tuple[str, ...]
    form: str

    def as_dict(self) -> dict[str, Any]:
        """``{"name", "form", "description", "parameters"}`` (the ``--list --format json`` keys)."""
        return {
            "name": self.name,
            "form": self.form,
            "description": self.description,
            "parameters": list(self.parameters),
        }


def _header(text: str) -> tuple[str, tuple[str, ...]]:
    """The description and the bindable variables from a query's leading comment."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    desc: list[str] = []
    params: list[str] = []
    in_bind = False
    for line in lines:
        if line.lower().startswith("bind:"):
            in_bind = True
            line = line[5:]
        if in_bind:
            for m in re.finditer(r"(?:^|[\s,])\?([A-Za-z_][A-Za-z0-9_]*)", line):
                if m.group(1) not in params:
                    params.append(m.group(1))
        else:
            desc.append(line)
    return " ".join(d for d in desc if d), tuple(params)


def _query_files() -> dict[str, Any]:
    folder = resources.files("graph") / "queries"
    return {
        f.name[: -len(".rq")]: f for f in folder.iterdir() if f.name.endswith(".rq")
    }


def named_queries() -> list[NamedQuery]:
    """Every query of the library, sorted by name.

    >>> [q.parameters for q in named_queries() if q.name == "actor-stances"]
    [('actor', 'policy', 'source')]
    """
    out = []
    for name, f in sorted(_query_files().items()):
        text = f.read_text(encoding="utf-8")
        desc, params = _header(text)
        out.append(NamedQuery(name, text, desc, params, query_form(text)))
    return out


def load_query(name: str) -> NamedQuery:
    """The named query ``name`` (``policy-evidence``, …).

    >>> load_query("source-graph").form
    'construct'
    >>> load_query("policy-evidense")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: no named query 'policy-evidense'; did you mean policy-evidence, policies, evidence? (`pag query --list` lists them)
    """
    for q in named_queries():
        if q.name == name:
            return q
    import difflib

    names = [q.name for q in named_queries()]
    close = difflib.get_close_matches(name, names, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise InputError(f"no named query {name!r}{hint} (`pag query --list` lists them)")


# --------------------------------------------------------------------------
# bindings


def parse_term(text: str) -> Node:
    """Read a binding value: an IRI, a CURIE, a number, a boolean or a string.

    ``<…>`` and ``http(s):``/``urn:`` values are IRIs; ``prefix:local`` with a
    known prefix (``policy:``, ``actor:``, ``status:`` …) is expanded;
    ``"…"``, ``"…"@lang`` and ``"…"^^xsd:type`` are literals as in Turtle;
    an integer or decimal is a number; anything else is a plain string.

    >>> parse_term("policy:naloxone-access")
    rdflib.term.URIRef('https://w3id.org/pag/id/policy/naloxone-access')
    >>> parse_term("42")
    rdflib.term.Literal('42', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> parse_term('"fentanyl"@en')
    rdflib.term.Literal('fentanyl', lang='en')
    >>> parse_term("Jeff Sessions")
    rdflib.term.Literal('Jeff Sessions')
    """
    t = text.strip()
    if t.startswith("<") and t.endswith(">"):
        return URIRef(t[1:-1])
    if re.match(r"^(https?|urn|file|mailto):\S+$", t):
        return URIRef(t)
    prefix, sep, local = t.partition(":")
    if sep and prefix in PREFIXES and re.match(r"^[^\s<>\"{}|^`\\]*$", local):
        return URIRef(PREFIXES[prefix] + local)
    if re.fullmatch(r"[+-]?\d+", t):
        return RLiteral(t, datatype=XSD.integer)
    if re.fullmatch(r"[+-]?\d*\.\d+", t):
        return RLiteral(t, datatype=XSD.decimal)
    if t in {"true", "false"}:
        return RLiteral(t, datatype=XSD.boolean)
    m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z][A-Za-z0-9-]*)|\^\^(\S+))?', t, re.S)
    if m:
        value = m.group(1).encode("utf-8").decode("unicode_escape") if "\\" in m.group(1) else m.group(1)
        if m.group(2):
            return RLiteral(value, lang=m.group(2))
        if m.group(3):
            dt = parse_term(m.group(3))
            if not isinstance(dt, URIRef):
                raise InputError(f"{text!r}: the datatype must be an IRI or a CURIE such as xsd:date")
            return RLiteral(value, datatype=dt)
        return RLiteral(value)
    return RLiteral(text)


def parse_bindings(pairs: Mapping[str, str] | list[tuple[str, str]], sparql: str | None = None) -> dict[str, Node]:
    """``{variable: term}`` from ``(VAR, VALUE)`` pairs (``-p VAR VALUE``).

    With ``sparql``, a variable the query does not use is an error (a typo
    would otherwise silently return everything).

    >>> parse_bindings([("?policy", "policy:x")], "SELECT * { ?policy ?p ?o }")
    {'policy': rdflib.term.URIRef('https://w3id.org/pag/id/policy/x')}
    >>> parse_bindings([("polcy", "policy:x")], "SELECT * { ?policy ?p ?o }")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: the query has no variable ?polcy; its variables: ?o, ?p, ?policy
    """
    items = list(pairs.items()) if isinstance(pairs, Mapping) else list(pairs)
    known = set(_VAR.findall(mask(sparql))) if sparql is not None else None
    out: dict[str, Node] = {}
    for var, value in items:
        name = var.lstrip("?$")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise InputError(f"{var!r} is not a SPARQL variable name")
        if known is not None and name not in known:
            shown = ", ".join("?" + v for v in sorted(known)) or "none"
            raise InputError(f"the query has no variable ?{name}; its variables: {shown}")
        out[name] = parse_term(value)
    return out


# --------------------------------------------------------------------------
# running


_POS = re.compile(r"(?:error at |at line )(\d+)[: ](?:column )?(\d+)[:]?\s*")


def _rdflib_position(text: str, update: bool) -> tuple[int, int] | None:
    """Where rdflib's parser stops on ``text`` (1-based line, column), if it fails."""
    from graph.sparqltext import _rdflib_parse

    try:
        _rdflib_parse(text, update)  # under the parser's lock
    except Exception as exc:  # pyparsing's ParseException and friends
        line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
        if isinstance(line, int) and isinstance(col, int):
            return line, col
    return None


def _located(exc: QueryError, where: str, shift: int = 0, text: str | None = None) -> PagError:
    """A ParseError at the earliest place either parser (Oxigraph, rdflib) stops.

    Parsers notice an error at or after its cause, so the earlier position is
    the closer one; the message quotes the text there.
    """
    msg = str(exc)
    m = _POS.search(msg)
    if not m:
        return exc
    rest = msg[m.end() :].strip() or "syntax error"
    pos = (int(m.group(1)), int(m.group(2)))
    if text is not None:
        other = _rdflib_position(text, query_form(text) == "update")
        if other is not None and other < pos:
            pos = other
            rest = ""  # Oxigraph's expectations were about a later place
    near = ""
    if text is not None:
        lines = text.splitlines()
        if 0 < pos[0] <= len(lines):
            snippet = lines[pos[0] - 1][pos[1] - 1 :].strip()[:30]
            near = f" near {snippet!r}" if snippet else ""
    line = max(1, pos[0] - shift)
    tail = f": {rest}" if rest else ""
    return ParseError(f"SPARQL syntax error{near}{tail}", file=where, line=line, column=pos[1])


#: megabytes a query worker may add to the memory it starts with (``--max-memory``)
DEFAULT_MAX_MEMORY_MB = 1024


def _address_space() -> int:
    """Bytes of address space this process uses now (0 where unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _cap_memory(max_memory_mb: int | None) -> None:
    """In the worker: let it grow by at most ``max_memory_mb`` megabytes (RLIMIT_AS)."""
    if max_memory_mb is None:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    current = _address_space()
    if current <= 0:
        return
    limit = current + max_memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _quiet() -> None:
    """In the worker: no crash report on the terminal (failures reach the parent
    through the pipe, or as the worker's exit)."""
    import faulthandler

    faulthandler.disable()
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)


def _worker(
    store: Store,
    sparql: str,
    bindings: dict[str, Node],
    max_rows: int | None,
    max_memory: int | None,
    conn: Any,
) -> None:
    try:
        _quiet()
        _cap_memory(max_memory)
        if not store.remote and not store.persistent:
            no_new_files()  # an in-memory store needs none: no connection can be opened
        result = store.query(sparql, bindings=bindings, safe=False, max_rows=max_rows)
        conn.send(("ok", result))
    except MemoryError:
        with contextlib.suppress(BaseException):
            conn.send(("memory", "", ""))
    except BaseException as exc:  # report every failure to the parent
        with contextlib.suppress(BaseException):
            conn.send(("error", type(exc).__name__, str(exc)))
    finally:
        conn.close()


def _memory_error(max_memory: int | None) -> QueryError:
    if max_memory is None:
        return QueryError("the query worker died (out of memory?); narrow the query")
    return QueryError(
        f"the query needed more than {max_memory} MB and was stopped; narrow it "
        "(bind a variable, add LIMIT) or raise --max-memory"
    )


def _run_forked(
    store: Store,
    sparql: str,
    bindings: dict[str, Node],
    timeout: float,
    max_rows: int | None = None,
    max_memory: int | None = None,
) -> QueryResult:
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_worker, args=(store, sparql, bindings, max_rows, max_memory, send), daemon=True
    )
    proc.start()
    send.close()
    try:
        if not recv.poll(timeout):
            raise QueryTimeout(timeout)
        try:
            answer = recv.recv()
        except (EOFError, OSError):
            raise _memory_error(max_memory) from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()
    return _answer(answer, max_memory)


def _pool_worker(store: Store, max_memory: int | None, conn: Any) -> None:
    """A pool worker: answer queries from ``conn`` until it closes."""
    _quiet()
    _cap_memory(max_memory)
    if not store.remote and not store.persistent:
        no_new_files()
    while True:
        try:
            sparql, bindings, max_rows = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = store.query(sparql, bindings=bindings, safe=False, max_rows=max_rows)
            conn.send(("ok", result))
        except MemoryError:
            with contextlib.suppress(BaseException):
                conn.send(("memory", "", ""))
            return
        except BaseException as exc:  # report every failure to the parent
            try:
                conn.send(("error", type(exc).__name__, str(exc)))
            except BaseException:
                return


@dataclass
class _PoolWorker:
    proc: Any
    conn: Any
    used: int = 0


class QueryPool:
    """A bounded pool of forked worker processes answering queries over one store.

    Each worker is forked once (sharing the store's memory copy-on-write),
    capped in memory (``max_memory`` MB more than it started with) and, over
    an in-memory store, unable to open a file or a socket. A query that runs
    past its time limit, or takes its worker down (out of memory), costs only
    that worker: it is killed and a fresh one forked. Workers are renewed
    after ``recycle`` queries. :func:`run` uses it when given ``pool=``.

    >>> from graph.stores import open_store
    >>> pool = QueryPool(open_store("memory", data=[]), size=1)
    >>> run(pool.store, "ASK {}", timeout=5, pool=pool).boolean
    True
    >>> pool.close()
    """

    def __init__(
        self, store: Store, size: int = 2, max_memory: int | None = DEFAULT_MAX_MEMORY_MB, recycle: int = 500
    ) -> None:
        self.store = store
        self.size = size
        self.max_memory = max_memory
        self.recycle = recycle
        self._idle: queue.SimpleQueue[_PoolWorker] = queue.SimpleQueue()
        self._all: set[int] = set()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _PoolWorker:
        ctx = multiprocessing.get_context("fork")
        mine, theirs = ctx.Pipe(duplex=True)
        proc = ctx.Process(target=_pool_worker, args=(self.store, self.max_memory, theirs), daemon=True)
        proc.start()
        theirs.close()
        return _PoolWorker(proc, mine)

    @staticmethod
    def _end(worker: _PoolWorker) -> None:
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(timeout=5)
        with contextlib.suppress(OSError):
            worker.conn.close()

    def query(
        self, sparql: str, bindings: dict[str, Node], timeout: float, max_rows: int | None = None
    ) -> QueryResult:
        """Answer on the next free worker (waits for one); errors as :func:`run`."""
        if self._closed:
            raise QueryError("the query pool is closed")
        worker = self._idle.get()
        renew = True
        try:
            worker.conn.send((sparql, bindings, max_rows))
            if not worker.conn.poll(timeout):
                raise QueryTimeout(timeout)
            try:
                answer = worker.conn.recv()
            except (EOFError, OSError):
                raise _memory_error(self.max_memory) from None
            worker.used += 1
            renew = answer[0] == "memory" or worker.used >= self.recycle
        finally:
            if renew:
                self._end(worker)
                if not self._closed:
                    worker = self._spawn()
            if not self._closed:
                self._idle.put(worker)
        return _answer(answer, self.max_memory)

    def close(self) -> None:
        """Stop every idle worker (a busy one stops when its query ends)."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            self._end(worker)


def _answer(answer: tuple[Any, ...], max_memory: int | None) -> QueryResult:
    if answer[0] == "ok":
        result: QueryResult = answer[1]
        return result
    if answer[0] == "memory":
        raise _memory_error(max_memory)
    _, kind, msg = answer
    if kind in {"QueryError", "ParseError", "QuerySyntaxError"}:
        raise QueryError(msg)
    if kind == "StoreError":
        raise StoreError(msg)
    if "memory" in msg.lower() or kind == "MemoryError":
        raise _memory_error(max_memory)
    raise QueryError(f"query failed: {kind}: {msg}")


def run(
    store: Store,
    sparql: str,
    *,
    bindings: Mapping[str, Node] | None = None,
    timeout: float | None = None,
    where: str = "<query>",
    max_rows: int | None = None,
    max_memory: int | None = DEFAULT_MAX_MEMORY_MB,
    pool: QueryPool | None = None,
) -> QueryResult:
    """Run an untrusted read-only query; return its :class:`~graph.stores.base.QueryResult`.

    Parameters
    ----------
    store : Store
        The store to ask (not changed).
    sparql : str
        SELECT, ASK, CONSTRUCT or DESCRIBE. ``SERVICE``, ``LOAD`` and updates
        are refused, decided on the parsed query
        (:func:`graph.sparqltext.check_safe`).
    bindings : mapping, optional
        ``{variable: rdflib term}``; bound as values, never pasted into text.
    timeout : float, optional
        Seconds. An embedded store runs the query in a forked worker process
        that is killed when the time is up; a remote store gets it as its
        total deadline per request.
    where : str
        Names the query in messages (a file name or ``query NAME``).
    max_rows : int, optional
        Keep at most this many rows (or triples); the worker stops reading
        there and the result says ``truncated``.
    max_memory : int, optional
        Megabytes the worker may add to its memory (an address-space limit,
        ``RLIMIT_AS``); beyond that the query is stopped.
    pool : QueryPool, optional
        Run on one of its standing workers (over its store, with its memory
        limit) instead of a worker forked for this query.

    Raises
    ------
    ParseError
        a syntax error, with line and column.
    QueryError
        a forbidden or failing query, or one that ran out of time or memory.

    Examples
    --------
    >>> from graph.stores import open_store
    >>> run(open_store("memory", data=[]), "SELECT * WHERE { ?s ?p }")
    Traceback (most recent call last):
    ...
    graph.errors.QuerySyntaxError: <query>:1:18: SPARQL syntax error near '?s ?p }'
    """
    if timeout is not None and not timeout > 0:
        raise InputError(f"the time limit must be more than 0 seconds, not {timeout:g}")
    if query_form(sparql) == "update":
        check_safe(sparql, where=where)
        if is_update(sparql):
            raise QueryError(
                f"{where} is an update, not a query: run it with `pag query --update` on a writable store"
            )
        _raise_syntax_error(sparql, where)
    binds = dict(bindings or {})
    for value in binds.values():
        to_oxigraph(value)  # refuses unbindable terms early, with a clear message
    sparql, shift = with_prefixes(sparql)
    check_safe(sparql, where=where, shift=shift)
    try:
        if timeout is None or store.remote:
            if timeout is not None and store.remote:
                store.timeout = timeout  # type: ignore[attr-defined]
            return store.query(sparql, bindings=binds, safe=False, max_rows=max_rows)
        if pool is not None:
            return pool.query(sparql, binds, timeout, max_rows)
        return _run_forked(store, sparql, binds, timeout, max_rows, max_memory)
    except QueryError as exc:
        if isinstance(exc, QueryTimeout) or "--max-memory" in str(exc):
            raise
        raise _located(exc, where, shift, sparql) from None


def _raise_syntax_error(sparql: str, where: str) -> None:
    """Raise the parser's located error for text that is neither a query nor an update."""
    text, shift = with_prefixes(sparql)
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        raise _located(QueryError(str(exc)), where, shift, text) from None
    raise ParseError("SPARQL syntax error: expected SELECT, ASK, CONSTRUCT or DESCRIBE", file=where, line=1, column=1)


#: seconds an embedded store's query may run when the caller names no limit
DEFAULT_TIMEOUT = 60.0


def query_timeout(store: Store, requested: float | None = None) -> float:
    """The time limit for a user's query: ``requested``, else the store's own
    (a remote store's HTTP timeout), else :data:`DEFAULT_TIMEOUT`.

    >>> from graph.stores import open_store
    >>> query_timeout(open_store("memory", data=[]))
    60.0
    """
    if requested is not None:
        return requested
    own = getattr(store, "timeout", None) if store.remote else None
    return float(own) if own is not None else DEFAULT_TIMEOUT


def run_update(store: Store, sparql: str, *, where: str = "<update>") -> None:
    """Run a SPARQL update (``LOAD`` and ``SERVICE`` refused) on a store whose
    changes persist; an in-memory store would lose them, so it is refused."""
    if not store.persistent or not store.writable:
        raise InputError(
            f"--store {store.spec} is not a writable persistent store: run updates on "
            "oxigraph:PATH or sparql:URL (with --update-url)"
        )
    if query_form(sparql) != "update":
        raise QueryError(f"{where} is a query, not an update: drop --update")
    sparql, shift = with_prefixes(sparql)
    check_safe(sparql, where=where, shift=shift)
    try:
        store.update(sparql)
    except QueryError as exc:
        raise _located(exc, where, shift, sparql) from None


# --------------------------------------------------------------------------
# formatting


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, RLiteral)
    cell = {"type": "literal", "value": str(term)}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
        cell["datatype"] = str(term.datatype)
    return cell


def _csv_value(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _tsv_value(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, RLiteral) and term.datatype is not None and str(term.datatype) in {
        str(XSD.integer),
        str(XSD.decimal),
        str(XSD.double),
        str(XSD.boolean),
    }:
        return str(term)
    text: str = term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return curie(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("  </head>")
    if result.kind == "ask":
        out.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("  <results>")
        for row in result.rows:
            out.append("    <result>")
            for var, term in zip(result.variables, row, strict=True):
                if term is None:
                    continue
                if isinstance(term, URIRef):
                    inner = f"<uri>{escape(str(term))}</uri>"
                elif isinstance(term, BNode):
                    inner = f"<bnode>{escape(str(term))}</bnode>"
                else:
                    assert isinstance(term, RLiteral)
                    attr = ""
                    if term.language:
                        attr = f" xml:lang={quoteattr(term.language)}"
                    elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
                        attr = f" datatype={quoteattr(str(term.datatype))}"
                    inner = f"<literal{attr}>{escape(str(term))}</literal>"
                out.append(f"      <binding name={quoteattr(var)}>{inner}</binding>")
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _table(result: QueryResult, width: int = 60) -> str:
    """A plain-text table: identifiers (CURIEs, IRIs) whole, long text wrapped on word boundaries.

    An identifier is never cut or split, so it can be copied into ``-p``;
    a literal longer than ``width`` wraps onto more lines of its row (and
    one longer than 4,000 characters is cut, with ``…``). Control, escape and
    bidirectional characters are shown escaped (:func:`graph.safetext.inert`).
    """
    import textwrap

    def lines(t: Node | None) -> list[str]:
        s = inert(_short(t), newlines=False)
        if not isinstance(t, RLiteral):
            return [s]
        s = " ".join(short(s, 4000).split())
        return textwrap.wrap(s, width, break_long_words=False, break_on_hyphens=False) or [""]

    header = list(result.variables)
    rows = [[lines(t) for t in row] for row in result.rows]
    widths = [max([len(h), *(len(x) for r in rows for x in r[i])]) for i, h in enumerate(header)]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for r in rows:
        for k in range(max((len(c) for c in r), default=1)):
            cells = [c[k] if k < len(c) else "" for c in r]
            out.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    n = len(rows)
    out.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(out) + "\n"


def _markdown(result: QueryResult) -> str:
    def cell(t: Node | None) -> str:
        return markdown_cell(_short(t))

    lines = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    lines += ["| " + " | ".join(cell(t) for t in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _graph(result: QueryResult, fmt: str) -> bytes:
    triples = sorted(
        {(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in result.triples}, key=str
    )
    buf = io.BytesIO()
    ox.serialize(
        [ox.Triple(s, p, o) for s, p, o in triples],
        buf,
        ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES,
        prefixes=PREFIXES if fmt == "turtle" else None,
    )
    return buf.getvalue()


def format_result(result: QueryResult, fmt: str) -> bytes:
    """Serialise a result; bytes ready to write.

    SELECT: ``table`` (CURIEs whole, long text wrapped on word boundaries), ``md`` (Markdown table),
    and the W3C SPARQL 1.1 result formats ``json``, ``csv``, ``tsv``,
    ``xml``. ASK: ``true``/``false`` (``json``/``xml``: the W3C boolean
    result). CONSTRUCT/DESCRIBE: ``turtle`` or ``ntriples`` (sorted, so the
    same graph gives the same bytes).

    >>> print(format_result(QueryResult("ask", boolean=True), "json").decode(), end="")
    {"head": {}, "boolean": true}
    """
    fmt = fmt.lower()
    if result.kind == "graph":
        if fmt not in GRAPH_FORMATS:
            raise InputError(
                f"--format {fmt} is for SELECT results; a graph is written as {' or '.join(GRAPH_FORMATS)}"
            )
        return _graph(result, fmt)
    if fmt in GRAPH_FORMATS:
        raise InputError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use one of {', '.join(SELECT_FORMATS)}")
    if fmt not in SELECT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(SELECT_FORMATS + GRAPH_FORMATS)}")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}).encode() + b"\n"
        if fmt == "xml":
            return _xml(result).encode("utf-8")
        return b"true\n" if result.boolean else b"false\n"
    if fmt == "json":
        doc = {
            "head": {"vars": list(result.variables)},
            "results": {
                "bindings": [
                    {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
                    for row in result.rows
                ]
            },
        }
        return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(result.variables)
        for row in result.rows:
            w.writerow([csv_cell(_csv_value(t)) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(_tsv_value(t) for t in row) for row in result.rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "xml":
        return _xml(result).encode("utf-8")
    if fmt == "md":
        return _markdown(result).encode("utf-8")
    return _table(result).encode("utf-8")


def read_query_arg(arg: str, stdin_text: str | None = None) -> tuple[str, str]:
    """``(text, where)`` for a NAME, a FILE or ``-`` (stdin, given as ``stdin_text``)."""
    if arg == "-":
        return stdin_text or "", "<stdin>"
    path = Path(arg)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a query file")
    if path.exists():  # a file, or a pipe such as <(…) or /dev/stdin
        try:
            return path.read_text(encoding="utf-8-sig"), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read: {exc}") from None
    if _NAME.match(arg) and not arg.endswith(".rq"):
        q = load_query(arg)
        return q.text, f"query {q.name}"
    raise InputError(f"{arg}: no such file or named query (`pag query --list` lists the named queries)")

