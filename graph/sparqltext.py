"""SPARQL text: the one home for reading and changing query text.

Masking (strings, IRIs and comments blanked, same length), the form of a
query, the prologue, the known prefixes a query may use undeclared, the one
``VALUES`` binder, and the safety check. Stores, the query runner and the
endpoint all use these; none of them has a copy.

Examples
--------
>>> query_form("PREFIX x: <urn:x#> # a comment\\nASK { ?s ?p ?o }")
'ask'
>>> from rdflib import Literal
>>> print(bind_values('SELECT ?s WHERE { ?s ?p ?o }', {"o": Literal('x" } DROP ALL')}))
SELECT ?s WHERE { VALUES (?o) { ("x\\" } DROP ALL") } ?s ?p ?o }
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from rdflib import BNode, URIRef
from rdflib import Literal as RLiteral
from rdflib.term import Node

from graph.errors import QueryError, QuerySyntaxError
from graph.terms import PREFIXES

__all__ = [
    "bind_values",
    "check_safe",
    "is_update",
    "mask",
    "no_new_files",
    "parse_position",
    "projected_variables",
    "query_form",
    "split_prologue",
    "with_prefixes",
]

_MASK = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s]*>|#[^\n]*", re.S
)
_PROLOGUE = re.compile(r"(?is)^\s*(?:(?:BASE\s*<\s*>|PREFIX\s+[\w.-]*:\s*<\s*>)\s*)*")
_UPDATE_WORD = re.compile(
    r"(?is)^\s*(?:(?:BASE\s*<\s*>|PREFIX\s+[\w.-]*:\s*<\s*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b"
)
_QUERY_WORDS = frozenset({"select", "ask", "construct", "describe"})
_UPDATE_WORDS = frozenset(
    {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"}
)


def mask(sparql: str) -> str:
    """The query with the insides of strings and IRIs, and whole comments, blanked.

    Same length and same lines, so positions in the mask are positions in the
    text. Delimiters stay (``<>``, ``""``), so the prologue can still be read.

    >>> mask('SELECT * { ?s ?p "# x" } # done')
    'SELECT * { ?s ?p "   " }       '
    """

    def blank(m: re.Match[str]) -> str:
        s = m.group(0)
        if s.startswith("#"):  # a comment: all of it
            return " " * len(s)
        # strings and IRIs keep their delimiters ('#' inside them is not a comment)
        return s[0] + re.sub(r"[^\n]", " ", s[1:-1]) + s[-1]

    return _MASK.sub(blank, sparql)


def split_prologue(sparql: str) -> tuple[str, str]:
    """``(BASE/PREFIX declarations, the rest)``.

    >>> split_prologue("PREFIX a: <urn:a#> SELECT * {}")
    ('PREFIX a: <urn:a#> ', 'SELECT * {}')
    """
    m = _PROLOGUE.match(mask(sparql))
    end = m.end() if m else 0
    return sparql[:end], sparql[end:]


def query_form(sparql: str) -> str:
    """The form of a query: ``select``, ``ask``, ``construct``, ``describe``, ``update`` or ``unknown``.

    >>> query_form("DELETE WHERE { ?s ?p ?o }")
    'update'
    """
    _, body = split_prologue(sparql)
    word = re.match(r"\s*([A-Za-z]+)", mask(body))
    head = word.group(1).lower() if word else ""
    if head in _QUERY_WORDS:
        return head
    if head in _UPDATE_WORDS:
        return "update"
    return "unknown"  # not SPARQL: let the engine report the syntax error


def is_update(sparql: str) -> bool:
    """Whether the text starts (after its prologue) with an update keyword.

    >>> is_update("# c\\nINSERT DATA { <urn:a> <urn:b> <urn:c> }")
    True
    """
    return _UPDATE_WORD.match(mask(sparql)) is not None


def projected_variables(sparql: str) -> list[str] | None:
    """The variables a SELECT names in its head (None for ``SELECT *`` or another form).

    >>> projected_variables("SELECT ?g (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    ['g', 'n']
    >>> projected_variables("SELECT * { ?s ?p ?o }") is None
    True
    """
    if query_form(sparql) != "select":
        return None
    _, body = split_prologue(sparql)
    masked = mask(body)
    m = re.match(r"(?is)\s*SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?", masked)
    if m is None:
        return None
    out: list[str] = []
    depth = 0
    i = m.end()
    text = masked
    while i < len(text):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and (c == "{" or text[i : i + 5].upper() == "WHERE" or text[i : i + 4].upper() == "FROM"):
            break
        elif depth == 0 and c == "*":
            return None
        elif c in "?$":
            v = re.match(r"[?$]([A-Za-z_0-9]+)", text[i:])
            if v:
                before = text[:i].rstrip()
                if depth == 0 or re.search(r"(?i)\bAS$", before):
                    out.append(v.group(1))
                i += v.end()
                continue
        i += 1
    return out or None


def _where_brace(sparql: str) -> int:
    """Index of the ``{`` that opens the WHERE pattern (-1 if there is none)."""
    masked = mask(sparql)
    start = _PROLOGUE.match(masked)
    i = start.end() if start else 0
    if query_form(sparql) == "construct":
        m = re.compile(r"(?i)\bWHERE\b").search(masked, i)
        if m is None:
            return -1
        i = m.end()
    depth = 0
    for j in range(i, len(masked)):
        c = masked[j]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "{" and depth == 0:
            return j
    return -1


def bind_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """Bind variables by opening the WHERE pattern with a one-row ``VALUES`` block.

    The values are serialised by rdflib (``Node.n3()``, which escapes them), so
    a value can never change the query's structure. Works for variables that
    are not projected, unlike Oxigraph's ``substitutions``, and on any SPARQL
    1.1 server.

    >>> print(bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("urn:a")}))
    CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<urn:a>) } ?s ?p ?o }
    """
    if not bindings:
        return sparql
    for v in bindings.values():
        if not isinstance(v, URIRef | BNode | RLiteral):
            raise QueryError(f"cannot bind {v!r}: only IRIs and literals can be bound")
    names = " ".join("?" + k.lstrip("?$") for k in bindings)
    values = " ".join(v.n3() for v in bindings.values())
    at = _where_brace(sparql)
    if at < 0:
        raise QueryError("cannot bind variables: the query has no WHERE pattern")
    return f"{sparql[: at + 1]} VALUES ({names}) {{ ({values}) }}{sparql[at + 1 :]}"


#: a query or update longer than this is refused before it is parsed
MAX_SPARQL_CHARS = 2_000_000
_PARSER_LOCK = threading.Lock()


def _rdflib_parse(sparql: str, update: bool) -> Any:
    from rdflib.plugins.sparql import parser

    with _PARSER_LOCK:  # pyparsing's parsers are not thread-safe (pag serve runs queries in threads)
        return (parser.parseUpdate if update else parser.parseQuery)(sparql)


def _walk_names(tree: Any) -> Iterator[str]:
    """The names of every node of rdflib's parse tree (``ServiceGraphPattern``, ``Load`` …)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        name = getattr(node, "name", None)
        if isinstance(name, str):
            yield name
        if type(node).__name__ == "ParseResults":  # a list that is also a Mapping
            stack.extend(list(node))
            stack.extend(node.values())
        elif isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)


def no_new_files() -> None:
    """From now on this process cannot open a file or a socket (``RLIMIT_NOFILE``).

    Called in forked query workers over an in-memory store: whatever the
    engine is asked, it cannot open a connection.
    """
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_NOFILE, (3, 3))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not POSIX
        pass


def _oxigraph_parse(sparql: str, update: bool, conn: Any) -> None:
    no_new_files()
    import pyoxigraph as ox

    try:
        if update:
            ox.Store().update(sparql)
        else:
            ox.Store().query(sparql)
        conn.send(None)
    except SyntaxError as exc:
        conn.send(str(exc))
    except BaseException:
        conn.send(None)  # it parsed (and failed later: it could not connect)
    conn.close()


def parse_position(sparql: str, update: bool) -> tuple[int, int, str] | None:
    """Where Oxigraph's parser stops on ``sparql``: (line, column, its message), or None if it reads it.

    Oxigraph has no parse-only call: the text runs on an empty store, in a
    forked process that cannot open a file or a socket.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_oxigraph_parse, args=(sparql, update, send), daemon=True)
    proc.start()
    send.close()
    try:
        message = recv.recv() if recv.poll(10) else None
    except (EOFError, OSError):
        message = None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()
    if message is None:
        return None
    m = re.search(r"(?:error at |at line )(\d+)[: ](?:column )?(\d+)[:]?\s*(.*)", message, re.S)
    if m:
        return int(m.group(1)), int(m.group(2)), m.group(3).strip()
    return 1, 1, message


def _verdict(sparql: str) -> tuple[str, str, int, int] | None:
    """None when the text may run; else ``(kind, message, line, column)``."""
    if len(sparql) > MAX_SPARQL_CHARS:
        return ("limit", f"the query is longer than {MAX_SPARQL_CHARS:,} characters", 0, 0)
    update = query_form(sparql) == "update"
    try:
        tree = _rdflib_parse(sparql, update)
    except RecursionError:
        return ("limit", "the query is nested too deeply to be checked", 0, 0)
    except Exception as exc:  # pyparsing's ParseException and friends
        line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
        r_pos = (line, col) if isinstance(line, int) and isinstance(col, int) else (1, 1)
        o = parse_position(sparql, update)
        if o is not None and (o[0], o[1]) <= r_pos:
            return ("syntax", o[2], o[0], o[1])  # both fail, Oxigraph first: its message
        if o is not None:
            return ("syntax", "", r_pos[0], r_pos[1])
        # Oxigraph reads it whole, rdflib does not: refused, as the two disagree
        return (
            "disagree",
            "rdflib's SPARQL parser (pag's safety check) stops here although Oxigraph reads "
            "it (newer syntax?); rewrite this part",
            r_pos[0],
            r_pos[1],
        )
    names = set(_walk_names(tree))
    if "ServiceGraphPattern" in names:
        return ("SERVICE", "queries run against this store only", 0, 0)
    if "Load" in names:
        return ("LOAD", "use `pag load FILE`", 0, 0)
    return None


_VERDICTS: dict[str, tuple[str, str, int, int] | None] = {}
_VERDICTS_LOCK = threading.Lock()


def check_safe(sparql: str, *, where: str | None = None, shift: int = 0) -> None:
    r"""Refuse what could open a connection: ``SERVICE`` anywhere, ``LOAD``.

    Decided on the parse tree of rdflib's SPARQL parser, never on the text
    (no comment or string can hide a keyword from a parser). A text that
    parser cannot read is refused, located, even where Oxigraph could run it,
    so the check and the engine never read one text two ways. ``where`` names
    the query in messages; ``shift`` lines were added in front of the user's.

    >>> check_safe("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: SERVICE is not allowed: queries run against this store only
    >>> check_safe("SELECT * WHERE {\n# '''\nSERVICE <http://x/> { ?s ?p ?o }\n# '''\n}")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: SERVICE is not allowed: queries run against this store only
    >>> check_safe('SELECT ?s WHERE { ?s ?p "SERVICE" } # LOAD')
    """
    with _VERDICTS_LOCK:
        known = sparql in _VERDICTS
        verdict = _VERDICTS.get(sparql)
    if not known:
        verdict = _verdict(sparql)
        with _VERDICTS_LOCK:
            if len(_VERDICTS) > 512:
                _VERDICTS.clear()
            _VERDICTS[sparql] = verdict
    if verdict is None:
        return
    kind, message, line, col = verdict
    if kind in {"SERVICE", "LOAD"}:
        raise QueryError(f"{kind} is not allowed: {message}")
    if kind == "limit":
        raise QueryError(f"{where + ': ' if where else ''}{message}")
    lines = sparql.splitlines()
    near = ""
    if 0 < line <= len(lines):
        snippet = lines[line - 1][col - 1 :].strip()[:30]
        near = f" near {snippet!r}" if snippet else ""
    tail = f": {message}" if message else ""
    head = "the query cannot be checked" if kind == "disagree" else "SPARQL syntax error"
    raise QuerySyntaxError(
        f"{head}{near}{tail}", file=where or "<query>", line=max(1, line - shift), column=col
    )


def with_prefixes(sparql: str) -> tuple[str, int]:
    """Declare the known prefixes (:data:`graph.terms.PREFIXES`) a query uses but does not declare.

    They go on one added first line; returns the text and the lines added.

    >>> with_prefixes("ASK { ?c a pag:Claim }")
    ('PREFIX pag: <https://w3id.org/pag#>\\nASK { ?c a pag:Claim }', 1)
    >>> with_prefixes("SELECT * { ?s ?p ?o }")
    ('SELECT * { ?s ?p ?o }', 0)
    """
    masked = mask(sparql)
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", masked)}
    used = set(re.findall(r"(?<![\w?$:/.-])([A-Za-z][\w-]*):(?=[\w%-]|\s|[;.,)\]}])", masked))
    missing = sorted(p for p in used if p in PREFIXES and p.lower() not in declared)
    if not missing:
        return sparql, 0
    head = " ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in missing)
    return f"{head}\n{sparql}", 1
