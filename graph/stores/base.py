"""The store interface: one API over every kind of store.

A store is a dataset of named graphs. Every source document lives in its own
named graph, so the graph a statement sits in is its provenance. Terms
crossing this interface are rdflib terms. Serialisation lives in
:mod:`graph.export`; the kinds of store in :mod:`graph.stores.oxigraph`,
:mod:`graph.stores.rdflib` and :mod:`graph.stores.remote`; opening one by
its spec in :mod:`graph.stores.factory`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from rdflib import Dataset, URIRef
from rdflib import Literal as RLiteral
from rdflib.term import Node

from graph.errors import InputError, PagError, ParseError, QueryError, StoreError
from graph.limits import check_rdf_file, check_rdf_text
from graph.namespace import PAG
from graph.sparqltext import check_safe, query_form
from graph.terms import PREFIXES, Quad, default_graph_id, rdf_format
from graph.vocab import SUPER_PROPERTIES

__all__ = [
    "LoadReport",
    "Progress",
    "QueryResult",
    "Stats",
    "Store",
    "check_iri",
    "syntax_error",
    "without_entailed",
]

Progress = Callable[[Path, int], None]

@dataclass(frozen=True)
class QueryResult:
    """The answer to a SPARQL query, in rdflib terms.

    ``kind`` is ``"select"`` (``variables`` and ``rows``), ``"ask"``
    (``boolean``) or ``"graph"`` for CONSTRUCT/DESCRIBE (``triples``).
    """

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)
    #: whether rows (or triples) were cut at the caller's ``max_rows``
    truncated: bool = False

    def dicts(self) -> list[dict[str, Node | None]]:
        """The rows as ``{variable: term}`` dictionaries."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


@dataclass
class LoadReport:
    """What a load added: ``(file, statements)`` per file, in load order."""

    files: list[tuple[str, int]] = field(default_factory=list)

    @property
    def statements(self) -> int:
        return sum(n for _, n in self.files)


@dataclass(frozen=True)
class Stats:
    """Counts of the nodes of each kind and of statements in a store."""

    actors: int
    policies: int
    claims: int
    evidence: int
    sources: int
    measures: int
    triples: int
    graphs: int
    by_source: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "actors": self.actors,
            "policies": self.policies,
            "claims": self.claims,
            "evidence": self.evidence,
            "sources": self.sources,
            "measures": self.measures,
            "triples": self.triples,
            "graphs": self.graphs,
            "by_source": self.by_source,
        }


_KIND_VALUES = """VALUES (?cls ?kind) {
    (pag:Actor "actors") (pag:Policy "policies") (pag:Claim "claims")
    (pag:Evidence "evidence") (pag:Source "sources") (pag:Measure "measures") }"""

STATS_QUERY = f"""PREFIX pag: <{PAG}>
SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  {_KIND_VALUES}
  GRAPH ?g {{ ?s a ?cls }}
}} GROUP BY ?kind"""

# counts per graph first, titles joined after (joining the title to every
# typed node before grouping is 10x slower on a million statements)
STATS_BY_SOURCE_QUERY = f"""PREFIX pag: <{PAG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?kind ?n ?title WHERE {{
  {{ SELECT ?g ?kind (COUNT(?s) AS ?n) WHERE {{
      {_KIND_VALUES}
      GRAPH ?g {{ ?s a ?cls }}
  }} GROUP BY ?g ?kind }}
  OPTIONAL {{ GRAPH ?g {{ ?g dcterms:title ?title }} }}
}}"""

COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_BOM = b"\xef\xbb\xbf"


def check_iri(text: str, what: str = "the IRI") -> str:
    """``text`` if it is an absolute IRI, else InputError.

    >>> check_iri("urn:x:g")
    'urn:x:g'
    >>> check_iri("not an iri", "--graph")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: --graph 'not an iri' is not an absolute IRI (such as https://example.org/graph or urn:x:graph)
    """
    if not _IRI.match(text):
        raise InputError(
            f"{what} {text!r} is not an absolute IRI (such as https://example.org/graph or urn:x:graph)"
        )
    return text


@dataclass
class _Input:
    """One thing to load: a regular file (read by the parser), or bytes already
    read (stdin, a pipe, a file that starts with a byte-order mark)."""

    name: str
    path: Path
    fmt_name: str
    holds_graphs: bool
    default_graph: str
    data: bytes | None = None

    @classmethod
    def open(cls, p: Path | str) -> _Input:
        import stat
        import sys

        path = Path(p)
        name = str(p)
        if name == "-" or name == "/dev/stdin":
            data = sys.stdin.buffer.read()
            return cls._from_bytes("<stdin>", path, data, "urn:x-pag:stdin")
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
        if stat.S_ISDIR(mode):
            raise InputError(f"{name}: is a folder, not an RDF file (give the files in it)")
        fmt = rdf_format(path) if path.suffix else None
        if not stat.S_ISREG(mode):  # a pipe, /dev/fd/N, a character device
            try:
                with path.open("rb") as fh:
                    data = fh.read()
            except OSError as exc:
                raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
            return cls._from_bytes(name, path, data, "urn:x-pag:stdin")
        if fmt is None:
            rdf_format(path)  # the error: a file needs a known suffix
            raise AssertionError  # pragma: no cover
        try:
            with path.open("rb") as fh:
                head = fh.read(3)
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
        suffix = path.suffix.lower()
        item = cls(name, path, suffix.lstrip("."), fmt[2], path.resolve().as_uri())
        if head == _BOM:
            item.data = path.read_bytes()[3:]
        return item

    @classmethod
    def _from_bytes(cls, name: str, path: Path, data: bytes, graph: str) -> _Input:
        suffix = path.suffix.lower() if path.suffix else ".trig"
        fmt = rdf_format(name, suffix.lstrip("."))
        if data.startswith(_BOM):
            data = data[3:]
        return cls(name, path, suffix.lstrip("."), fmt[2], graph, data)

    def check(self, *, syntax: bool = True) -> None:
        """Check the parser limits and (``syntax``) parse it whole, keeping nothing."""
        import pyoxigraph as ox

        fmt = rdf_format(self.name, self.fmt_name)
        data = self.data
        if data is None:
            check_rdf_file(self.path, fmt[1])
        else:
            check_rdf_text(data, fmt[1], self.name)
        if not syntax:
            return
        base = self.path.resolve().as_uri() if self.data is None or self.name != "<stdin>" else None
        try:
            if data is None:
                for _ in ox.parse(path=str(self.path), format=fmt[0], base_iri=base):
                    pass
            else:
                for _ in ox.parse(data, fmt[0], base_iri=base):
                    pass
        except SyntaxError as exc:
            raise syntax_error(exc, self.name) from None
        except (ValueError, OSError) as exc:
            raise InputError(f"{self.name}: {exc}") from None


class Store(ABC):
    """A dataset of named graphs that can be loaded, queried and dumped."""

    #: the spec the store was opened with (``memory``, ``oxigraph:PATH`` …)
    spec: str = ""
    #: whether ``load``/``update`` may change it
    writable: bool = True
    #: whether changes outlive the process
    persistent: bool = False
    #: whether the store lives behind HTTP (a query's time limit is the server's)
    remote: bool = False

    # -- writing ----------------------------------------------------------
    @abstractmethod
    def _load_file(self, path: Path, graph: str | None) -> int: ...

    @abstractmethod
    def load_text(self, data: str | bytes, fmt: str, *, graph: str | None = None) -> int:
        """Parse ``data`` in format ``fmt`` into the store, all or nothing; the statements read."""

    def load(
        self,
        paths: Iterable[Path | str],
        *,
        graph: str | None = None,
        progress: Progress | None = None,
    ) -> LoadReport:
        """Load RDF files; all or nothing.

        Triples of a file without named graphs (Turtle, N-Triples, RDF/XML)
        go to ``graph`` or, by default, to a graph named by the file's URI.
        ``-`` (or ``/dev/stdin``, a pipe) is read once, as TriG unless its name
        has a known suffix. Every file is checked (format, parser limits,
        syntax) before any is loaded, so a bad file adds nothing; should a
        load still fail half-way (a full disk), the error names the files
        that were loaded and kept.
        """
        if not self.writable:
            raise StoreError(f"{self.spec} is read-only: load into oxigraph:PATH (not oxigraph-ro:)")
        if graph is not None:
            check_iri(graph, "--graph")
        report = LoadReport()
        inputs = [_Input.open(p) for p in paths]
        for item in inputs:
            item.check(syntax=len(inputs) > 1 or self.persistent)
        for item in inputs:
            target = graph
            if target is None and not item.holds_graphs:
                target = item.default_graph
            try:
                if item.data is None:
                    n = self._load_file(item.path, target)
                else:
                    n = self.load_text(item.data, item.fmt_name, graph=target)
            except PagError as exc:
                if not report.files:
                    raise
                kept = ", ".join(f"{name} ({k} statements)" for name, k in report.files)
                raise StoreError(f"{exc}; loaded before it and kept in {self.spec}: {kept}") from None
            except OSError as exc:
                kept = ", ".join(f"{name} ({k} statements)" for name, k in report.files) or "nothing"
                raise StoreError(
                    f"{item.name}: {exc.strerror or exc}; loaded before it and kept in {self.spec}: {kept}"
                ) from None
            report.files.append((item.name, n))
            if progress:
                progress(item.path, n)
        if report.files:
            self.entail()
        return report

    def entail(self) -> None:
        """Materialise the pag super-properties of every pag sub-property statement.

        ``x pag:rebuts y`` gets ``x pag:attacks y`` in the same graph (from
        :data:`graph.vocab.SUPER_PROPERTIES`, generated from the ontology), so
        that plain SPARQL sees every attack, stance and AIF link. Called by
        every load (files, text, imports); idempotent.
        """
        if not self.writable:
            return
        self._update(ENTAIL_UPDATE)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (INSERT/DELETE …); refuses LOAD and SERVICE."""
        if not self.writable:
            raise StoreError(f"{self.spec} is read-only")
        check_safe(sparql)
        self._update(sparql)

    @abstractmethod
    def _update(self, sparql: str) -> None: ...

    # -- reading ----------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Node] | None = None,
        safe: bool = True,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; ``bindings`` bind variables to terms (never pasted into the text).

        The default graph is the union of all named graphs. With ``max_rows``
        the rows (or triples) beyond it are not kept (``truncated`` says so);
        an embedded store stops reading them.
        """
        if safe:
            check_safe(sparql)
        if query_form(sparql) == "update":
            raise QueryError("this is an update, not a query: run it with `pag query --update`")
        if max_rows is not None:
            return self._query_capped(sparql, dict(bindings or {}), max_rows)
        return self._query(sparql, dict(bindings or {}))

    def _query_capped(self, sparql: str, bindings: dict[str, Node], max_rows: int) -> QueryResult:
        """As :meth:`_query`, keeping at most ``max_rows`` rows or triples."""
        res = self._query(sparql, bindings)
        if len(res.rows) > max_rows:
            return QueryResult(
                res.kind, variables=res.variables, rows=res.rows[:max_rows], truncated=True
            )
        if len(res.triples) > max_rows:
            return QueryResult(res.kind, triples=res.triples[:max_rows], truncated=True)
        return res

    @abstractmethod
    def _query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult: ...

    @abstractmethod
    def quads(self, predicates: Sequence[URIRef] | None = None) -> Iterator[Quad]:
        """Every statement (with the named graph it sits in), or those with the given predicates."""

    def triple_count(self) -> int:
        """Statements in all named graphs (a statement in two graphs counts twice)."""
        return int(self._scalar(COUNT_QUERY))

    def graph_names(self) -> list[str]:
        """Names of the named graphs, sorted."""
        return sorted(str(r[0]) for r in self.query(GRAPHS_QUERY, safe=False).rows if r[0] is not None)

    def _scalar(self, sparql: str) -> Any:
        rows = self.query(sparql, safe=False).rows  # our own constant queries
        return number(rows[0][0]) if rows else 0

    def stats(self, *, by_source: bool = True, cache: bool = True) -> Stats:
        """Nodes of each kind, statements and graphs, overall and per source graph.

        ``cache``: stores that can tell when their data last changed (an
        on-disk Oxigraph store) may answer from counts cached then; False
        counts afresh.
        """
        counts = {str(k): number(n) for k, n in self.query(STATS_QUERY, safe=False).rows}
        per: dict[str, dict[str, Any]] = {}
        if by_source:
            for g, kind, n, title in self.query(STATS_BY_SOURCE_QUERY, safe=False).rows:
                entry = per.setdefault(str(g), {"graph": str(g), "title": None})
                entry[str(kind)] = number(n)
                if title is not None:
                    entry["title"] = str(title)
        kinds = ("actors", "policies", "claims", "evidence", "sources", "measures")
        rows = [{**{k: 0 for k in kinds}, **v} for _, v in sorted(per.items())]
        return Stats(
            **{k: counts.get(k, 0) for k in kinds},
            triples=self.triple_count(),
            graphs=len(self.graph_names()),
            by_source=rows,
        )

    def to_dataset(self) -> Dataset:
        """A copy of the whole store as an rdflib ``Dataset`` (default graph = union)."""
        ds = Dataset(default_union=True)
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns)
        for s, p, o, g in self.quads():
            ds.add((s, p, o, g if g is not None else default_graph_id(ds)))  # type: ignore[arg-type]
        return ds

    def close(self) -> None:  # noqa: B027 - most stores hold nothing to release
        """Release the store (flushes an on-disk store)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def describe(self) -> str:
        """What kind of store this is, in words (for messages)."""
        if self.persistent and self.writable:
            return f"{self.spec} (persistent, writable)"
        if self.persistent:
            return f"{self.spec} (read-only)"
        return f"{self.spec} (in memory: changes are lost when the command ends)"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.spec}>"


_ENTAIL_PAIRS = " ".join(f"(<{sub}> <{sup}>)" for sub, sups in sorted(SUPER_PROPERTIES.items()) for sup in sups)
#: the super-property statements of every pag sub-property statement, in its own graph
_Q = TypeVar("_Q", bound=tuple[Any, Any, Any, Any])
_NAMED = "INSERT { GRAPH ?g { ?s ?sup ?o } } WHERE { VALUES (?sub ?sup) { %s } GRAPH ?g { ?s ?sub ?o } }"
_DEFAULT = "INSERT { ?s ?sup ?o } WHERE { VALUES (?sub ?sup) { %s } ?s ?sub ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?sub ?o } } }"
#: the super-property statements of every pag sub-property statement, in its own graph, and
#: in the default graph (statements in a named graph are left out there: a store's default
#: graph may be the union of all, as rdflib's and many servers' are); from the vocabulary only
ENTAIL_UPDATE = (_NAMED % _ENTAIL_PAIRS) + " ;\n" + (_DEFAULT % _ENTAIL_PAIRS)
#: the same for the named graphs only: a remote store's dataset is its named graphs (Virtuoso
#: refuses an INSERT into a default graph the request does not name)
ENTAIL_NAMED_UPDATE = _NAMED % _ENTAIL_PAIRS


def without_entailed(quads: Iterable[_Q]) -> list[_Q]:
    """The quads less those a stated pag sub-property entails (``rebuts`` entails ``attacks``).

    Exports that write one relation per statement (AIF, Argdown) use it so
    that a materialised super-property is not written a second time.

    >>> from rdflib import URIRef as U
    >>> P = "https://w3id.org/pag#"
    >>> q = [(U("urn:x"), U(P + "rebuts"), U("urn:y"), None), (U("urn:x"), U(P + "attacks"), U("urn:y"), None)]
    >>> [str(p).rsplit("#")[1] for _s, p, _o, _g in without_entailed(q)]
    ['rebuts']
    """
    quads = list(quads)
    entailed = {
        (q[0], URIRef(sup), q[2], q[3]) for q in quads for sup in SUPER_PROPERTIES.get(str(q[1]), ())
    }
    return [q for q in quads if q not in entailed]


def number(term: Node | None) -> int:
    return int(term.toPython()) if isinstance(term, RLiteral) else 0


def syntax_error(exc: Exception, file: str) -> ParseError:
    """A parser's exception as a located :class:`~graph.errors.ParseError`."""
    msg = re.sub(r"^Parser error at line \d+ column \d+: ", "", str(exc))
    msg = re.sub(r" \([^()]*, line \d+\)$", "", msg)
    m = re.search(r"line (\d+) column (\d+)|(\d+):(\d+)", str(exc))
    line = col = None
    if m:
        line = int(m.group(1) or m.group(3))
        col = int(m.group(2) or m.group(4))
        # oxigraph counts from 0 in some messages ("at line 3 column 5" is 1-based)
        if "line" not in m.group(0):
            line, col = line + 1, col + 1
    return ParseError(
        msg.splitlines()[0] if msg else "syntax error", file=file, line=line, column=col
    )
