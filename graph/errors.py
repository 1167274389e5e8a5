"""The exception tree of :mod:`graph`.

Every error the library raises on purpose is a :class:`PagError`; the CLI
turns each into one ``Error: …`` line and the exit code shown::

    PagError                      exit 2  anything the library refuses
    ├── InputError                exit 2  a file or argument that cannot be used
    │   └── ParseError            exit 2  malformed RDF/SPARQL/JSON, with file, line, column
    ├── StoreError                exit 2  a store that cannot be opened or written
    │   └── EndpointError         exit 2  a remote SPARQL server failed; names the server
    ├── QueryError                exit 2  a SPARQL query that cannot run (syntax, forbidden)
    │   ├── QueryTimeout          exit 2  it ran longer than its time limit and was stopped
    │   └── QuerySyntaxError      exit 2  also a ParseError: a located SPARQL syntax error
    └── NodeError                 exit 2  a TARGET that names no node, or several
        ├── NodeNotFound
        ├── AmbiguousNode
        └── BindingNotFound   exit 1  a `pag query -p` value that names no node (or several)

Messages say what went wrong and what to do next.
"""

from __future__ import annotations

__all__ = [
    "AmbiguousNode",
    "BindingNotFound",
    "EndpointError",
    "InputError",
    "NodeError",
    "NodeNotFound",
    "PagError",
    "ParseError",
    "QueryError",
    "QuerySyntaxError",
    "QueryTimeout",
    "StoreError",
]


class PagError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 2


class InputError(PagError):
    """A file, format or argument that cannot be used."""


class ParseError(InputError):
    """Malformed input, located as precisely as the parser allows."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        where = ":".join(str(x) for x in (file, line, column) if x is not None)
        super().__init__(f"{where}: {message}" if where else message)


class StoreError(PagError):
    """A store that cannot be opened, read or written."""


class EndpointError(StoreError):
    """A remote SPARQL endpoint failed or could not be reached."""


class QueryError(PagError):
    """A SPARQL query or update that cannot run."""


class QueryTimeout(QueryError):
    """A query that ran longer than its time limit and was stopped."""

    def __init__(self, seconds: float, hint: str = "raise --timeout") -> None:
        self.seconds = seconds
        super().__init__(
            f"the query ran longer than {seconds:g} s and was stopped; "
            f"narrow it (bind a variable, add LIMIT) or {hint}"
        )


class QuerySyntaxError(ParseError, QueryError):
    """A SPARQL text that cannot be parsed, with file, line and column."""


class NodeError(PagError):
    """A TARGET that does not name exactly one node."""


class NodeNotFound(NodeError):
    """No node matches the TARGET."""

    def __init__(self, target: str, suggestions: list[str] | None = None) -> None:
        self.target = target
        self.suggestions = suggestions or []
        hint = ""
        if self.suggestions:
            hint = "; closest: " + ", ".join(self.suggestions)
        super().__init__(f"no node matches {target!r}{hint}")


class AmbiguousNode(NodeError):
    """Several nodes match the TARGET."""

    def __init__(self, target: str, matches: list[str]) -> None:
        self.target = target
        self.matches = matches
        shown = ", ".join(matches[:10]) + (" …" if len(matches) > 10 else "")
        super().__init__(
            f"{target!r} matches {len(matches)} nodes: {shown}; give more of the label, a CURIE or an IRI"
        )


class BindingNotFound(NodeError):
    """A ``-p VAR VALUE`` binding names no node of the store (exit 1: the query would answer nothing)."""

    exit_code = 1

    def __init__(self, var: str, value: str, reason: str, suggestions: list[str] | None = None) -> None:
        self.var = var
        self.value = value
        self.suggestions = suggestions or []
        hint = f"; closest: {', '.join(self.suggestions)}" if self.suggestions else ""
        super().__init__(f"-p {var} {value!r}: {reason}{hint}")
