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
from collections.abc import Mapping

from rdflib import BNode, URIRef
from rdflib import Literal as RLiteral
from rdflib.term import Node

from graph.errors import QueryError
from graph.terms import PREFIXES

__all__ = [
    "bind_values",
    "check_safe",
    "is_update",
    "mask",
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
_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)
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


def check_safe(sparql: str) -> None:
    """Refuse ``SERVICE`` (federation to the network) and ``LOAD`` (fetches a URL).

    >>> check_safe("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: SERVICE is not allowed: queries run against this store only
    """
    m = _FORBIDDEN.search(mask(sparql))
    if m:
        word = m.group(1).upper()
        what = "queries run against this store only" if word == "SERVICE" else "use `pag load FILE`"
        raise QueryError(f"{word} is not allowed: {what}")


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
