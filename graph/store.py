"""Stores: one interface over an embedded Oxigraph (in memory or on disk),
rdflib's own in-memory store, and a remote SPARQL 1.1 endpoint.

Every source document lives in its own named graph, so the graph a statement
sits in is its provenance. Terms crossing this interface are rdflib terms.

Store specs (the global ``--store`` option of ``pag``)::

    memory              the bundled corpus (or --data files) in Oxigraph's in-memory store
    rdflib              the same in rdflib's own in-memory store (the slow baseline)
    oxigraph:PATH       an embedded on-disk Oxigraph store that persists between runs
    sparql:URL          a remote SPARQL 1.1 endpoint (query URL; see graph.remote)

Examples
--------
>>> store = open_store("memory", data=[])
>>> store.load_text('<urn:a> a <https://w3id.org/pag#Claim> .', "turtle", graph="urn:g")
1
>>> store.query("SELECT ?s WHERE { GRAPH ?g { ?s a ?c } }").rows
[(rdflib.term.URIRef('urn:a'),)]
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import pyoxigraph as ox
from rdflib import BNode, Dataset, URIRef
from rdflib import Literal as RLiteral
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.errors import InputError, ParseError, QueryError, StoreError
from graph.files import atomic_writer, cache_dir
from graph.namespace import PAG
from graph.resources import corpus_files

__all__ = [
    "EXPORT_FORMATS",
    "PREFIXES",
    "LoadReport",
    "OxigraphStore",
    "Quad",
    "QueryResult",
    "RdflibStore",
    "Stats",
    "Store",
    "open_store",
    "rdf_format",
]

Quad = tuple[Node, URIRef, Node, URIRef | BNode | None]
Progress = Callable[[Path, int], None]

#: Prefixes used in Turtle/TriG output and accepted in CURIEs.
PREFIXES: dict[str, str] = {
    "pag": str(PAG),
    "actor": "https://w3id.org/pag/id/actor/",
    "policy": "https://w3id.org/pag/id/policy/",
    "claim": "https://w3id.org/pag/id/claim/",
    "evidence": "https://w3id.org/pag/id/evidence/",
    "measure": "https://w3id.org/pag/id/measure/",
    "source": "https://w3id.org/pag/id/source/",
    "status": "https://w3id.org/pag/status/",
    "approach": "https://w3id.org/pag/approach/",
    "etype": "https://w3id.org/pag/evidence-type/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def curie(iri: str) -> str:
    """Shorten an IRI with the known prefixes.

    >>> curie("https://w3id.org/pag/id/policy/naloxone-access")
    'policy:naloxone-access'
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def expand_curie(text: str) -> str | None:
    """Expand ``prefix:local`` with the known prefixes; None if not a known CURIE.

    >>> expand_curie("actor:jeff-sessions")
    'https://w3id.org/pag/id/actor/jeff-sessions'
    """
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None


# suffix -> (oxigraph format, rdflib parser name, holds named graphs)
_FORMATS: dict[str, tuple[ox.RdfFormat, str, bool]] = {
    ".trig": (ox.RdfFormat.TRIG, "trig", True),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads", True),
    ".nquads": (ox.RdfFormat.N_QUADS, "nquads", True),
    ".ttl": (ox.RdfFormat.TURTLE, "turtle", False),
    ".turtle": (ox.RdfFormat.TURTLE, "turtle", False),
    ".nt": (ox.RdfFormat.N_TRIPLES, "nt", False),
    ".n3": (ox.RdfFormat.N3, "n3", False),
    ".rdf": (ox.RdfFormat.RDF_XML, "xml", False),
    ".owl": (ox.RdfFormat.RDF_XML, "xml", False),
    ".xml": (ox.RdfFormat.RDF_XML, "xml", False),
    ".jsonld": (ox.RdfFormat.JSON_LD, "json-ld", True),
}
_NAMED: dict[str, str] = {
    "trig": ".trig",
    "nquads": ".nq",
    "turtle": ".ttl",
    "ntriples": ".nt",
    "nt": ".nt",
    "n3": ".n3",
    "rdfxml": ".rdf",
    "xml": ".rdf",
    "jsonld": ".jsonld",
    "json-ld": ".jsonld",
}

#: Formats ``Store.dump`` writes natively (graphml lives in graph.export).
EXPORT_FORMATS = ("trig", "nquads", "turtle", "ntriples", "jsonld")

_XSD_STRING = str(XSD.string)
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def rdf_format(path: Path | str, fmt: str | None = None) -> tuple[ox.RdfFormat, str, bool]:
    """The (oxigraph format, rdflib format, holds graphs) of a file or format name.

    >>> rdf_format("corpus.trig")[1]
    'trig'
    """
    if fmt:
        suffix = _NAMED.get(fmt.lower().replace("_", "-"), "." + fmt.lower())
    else:
        suffix = Path(path).suffix.lower()
    try:
        return _FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise InputError(
            f"{path}: unknown RDF format {fmt or suffix!r}; use a file ending in one of {known}"
        ) from None


# --------------------------------------------------------------------------
# term conversion between pyoxigraph and rdflib


def to_rdflib(term: Any) -> Node:
    """Convert a pyoxigraph term to its rdflib equivalent."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RLiteral(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return RLiteral(term.value)
        return RLiteral(term.value, datatype=URIRef(dt))
    raise StoreError(f"cannot convert RDF term {term!r}")


def to_oxigraph(term: Node) -> Any:
    """Convert an rdflib term to its pyoxigraph equivalent."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}: only IRIs, blank nodes and literals can be bound")


def _default_graph_id(ds: Dataset) -> Node:
    """The default graph's name (``default_graph`` from rdflib 7.2, ``default_context`` before)."""
    graph = getattr(ds, "default_graph", None)
    if graph is None:  # pragma: no cover - older rdflib
        graph = ds.default_context
    return graph.identifier  # type: ignore[no-any-return]


def _graph_term(g: Any) -> URIRef | BNode | None:
    if isinstance(g, ox.DefaultGraph) or g is None:
        return None
    node = to_rdflib(g)
    assert isinstance(node, URIRef | BNode)
    return node


# --------------------------------------------------------------------------
# results and reports


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

_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)
_COMMENT = re.compile(r"(?m)(?:^|(?<=\s))#[^\n]*")
_STRINGS = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s]*>", re.S
)


_UPDATE_WORDS = frozenset(
    {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"}
)


def query_form(sparql: str) -> str:
    """The form of a query: ``select``, ``ask``, ``construct``, ``describe``, ``update`` or ``unknown``.

    >>> query_form("PREFIX x: <urn:x#> # a comment\\nASK { ?s ?p ?o }")
    'ask'
    """
    text = _COMMENT.sub(" ", _STRINGS.sub(" S ", sparql))
    text = re.sub(r"(?is)^\s*((BASE\s+S|PREFIX\s+[\w.-]*:\s*S)\s*)*", "", text)
    word = re.match(r"\s*([A-Za-z]+)", text)
    head = word.group(1).lower() if word else ""
    if head in {"select", "ask", "construct", "describe"}:
        return head
    if head in _UPDATE_WORDS:
        return "update"
    return "unknown"  # not SPARQL: let the engine report the syntax error


def _mask(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out, same length."""
    masked = _STRINGS.sub(lambda m: " " * len(m.group(0)), sparql)
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), masked)


def bind_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """Bind variables by opening the WHERE pattern with a one-row ``VALUES`` block.

    The values are serialised by rdflib (``Node.n3()``, which escapes them), so
    a value can never change the query's structure. Works for variables that
    are not projected, unlike Oxigraph's ``substitutions``.

    >>> from rdflib import Literal
    >>> print(bind_values('SELECT ?s WHERE { ?s ?p ?o }', {"o": Literal('x" } DROP ALL')}))
    SELECT ?s WHERE { VALUES (?o) { ("x\\" } DROP ALL") } ?s ?p ?o }
    """
    if not bindings:
        return sparql
    masked = _mask(sparql)
    m = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    if m is None and query_form(sparql) != "construct":
        m = re.search(r"\{", masked)
    if m is None:
        raise QueryError("cannot bind variables: the query has no WHERE pattern")
    names = " ".join("?" + k.lstrip("?$") for k in bindings)
    for v in bindings.values():
        if not isinstance(v, URIRef | BNode | RLiteral):
            raise QueryError(f"cannot bind {v!r}: only IRIs and literals can be bound")
    values = " ".join(v.n3() for v in bindings.values())
    at = m.end()
    return f"{sparql[:at]} VALUES ({names}) {{ ({values}) }}{sparql[at:]}"


def check_safe(sparql: str) -> None:
    """Refuse ``SERVICE`` (federation to the network) and ``LOAD`` (fetches a URL).

    >>> check_safe("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: SERVICE is not allowed: queries run against this store only
    """
    m = _FORBIDDEN.search(_mask(sparql))
    if m:
        word = m.group(1).upper()
        what = "queries run against this store only" if word == "SERVICE" else "use `pag load FILE`"
        raise QueryError(f"{word} is not allowed: {what}")


# --------------------------------------------------------------------------
# the interface


class Store(ABC):
    """A dataset of named graphs that can be loaded, queried and dumped."""

    #: the spec the store was opened with (``memory``, ``oxigraph:PATH`` …)
    spec: str = ""
    #: whether ``load``/``update`` may change it
    writable: bool = True
    #: whether changes outlive the process
    persistent: bool = False

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
        """Load RDF files; each file is loaded whole or not at all.

        Triples of a file without named graphs (Turtle, N-Triples, RDF/XML)
        go to ``graph`` or, by default, to a graph named by the file's URI.
        """
        report = LoadReport()
        files = [Path(p) for p in paths]
        for p in files:
            if not p.is_file():
                raise InputError(f"{p}: no such file")
            rdf_format(p)
        for p in files:
            target = graph
            if target is None and not rdf_format(p)[2]:
                target = p.resolve().as_uri()
            n = self._load_file(p, target)
            report.files.append((str(p), n))
            if progress:
                progress(p, n)
        return report

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
    ) -> QueryResult:
        """Run a SPARQL query; ``bindings`` bind variables to terms (never pasted into the text).

        The default graph is the union of all named graphs.
        """
        if safe:
            check_safe(sparql)
        if query_form(sparql) == "update":
            raise QueryError("this is an update, not a query: run it with `pag query --update`")
        return self._query(sparql, dict(bindings or {}))

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
        return sorted(str(r[0]) for r in self.query(GRAPHS_QUERY).rows if r[0] is not None)

    def _scalar(self, sparql: str) -> Any:
        rows = self.query(sparql).rows
        return _number(rows[0][0]) if rows else 0

    def stats(self, *, by_source: bool = True, cache: bool = True) -> Stats:
        """Nodes of each kind, statements and graphs, overall and per source graph.

        ``cache``: stores that can tell when their data last changed (an
        on-disk Oxigraph store) may answer from counts cached then; False
        counts afresh.
        """
        counts = {str(k): _number(n) for k, n in self.query(STATS_QUERY).rows}
        per: dict[str, dict[str, Any]] = {}
        if by_source:
            for g, kind, n, title in self.query(STATS_BY_SOURCE_QUERY).rows:
                entry = per.setdefault(str(g), {"graph": str(g), "title": None})
                entry[str(kind)] = _number(n)
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
            ds.add((s, p, o, g if g is not None else _default_graph_id(ds)))  # type: ignore[arg-type]
        return ds

    def dump(self, fmt: str, out: IO[bytes]) -> None:
        """Write the whole dataset to ``out`` in one of :data:`EXPORT_FORMATS`.

        ``turtle`` and ``ntriples`` cannot hold named graphs: they write the
        union of all graphs. ``nquads`` lines are sorted, so the same data
        gives the same bytes.
        """
        fmt = fmt.lower()
        if fmt == "jsonld":
            from graph.export import dump_jsonld

            dump_jsonld(self, out)
            return
        if fmt not in EXPORT_FORMATS:
            raise InputError(
                f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}"
            )
        mem = _as_oxigraph(self)
        if fmt == "nquads":
            buf = io.BytesIO()
            mem.dump(buf, ox.RdfFormat.N_QUADS)
            lines = buf.getvalue().splitlines(keepends=True)
            lines.sort()
            out.writelines(lines)
        elif fmt == "trig":
            mem.dump(out, ox.RdfFormat.TRIG, prefixes=PREFIXES)
        else:
            triples = sorted({(q.subject, q.predicate, q.object) for q in mem}, key=str)
            ox_fmt = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
            ox.serialize(
                [ox.Triple(s, p, o) for s, p, o in triples],
                out,
                ox_fmt,
                prefixes=PREFIXES if fmt == "turtle" else None,
            )

    def close(self) -> None:  # noqa: B027 - most stores hold nothing to release
        """Release the store (flushes an on-disk store)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.spec}>"


def _number(term: Node | None) -> int:
    return int(term.toPython()) if isinstance(term, RLiteral) else 0


def _as_oxigraph(store: Store) -> ox.Store:
    if isinstance(store, OxigraphStore):
        return store.ox
    mem = ox.Store()
    mem.extend(
        ox.Quad(
            to_oxigraph(s),
            to_oxigraph(p),
            to_oxigraph(o),
            ox.DefaultGraph() if g is None else to_oxigraph(g),
        )
        for s, p, o, g in store.quads()
    )
    return mem


def _syntax_error(exc: Exception, file: str) -> ParseError:
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


# --------------------------------------------------------------------------
# Oxigraph (memory or on-disk)


#: bump when the cached stats would no longer match what Store.stats() counts
_STATS_CACHE_FORMAT = 1


def rocksdb_state(path: Path) -> list[Any] | None:
    """What identifies the data in an on-disk Oxigraph (RocksDB) store, or None.

    The database's identity (a UUID made when it was created), and its table
    files and non-empty write-ahead logs by name and size. Every write appends
    to a log or adds a table, and RocksDB never reuses a file number, so an
    unchanged state means unchanged data. Opening a store read-write adds only
    empty logs and a new manifest, which are left out (so that it does not look
    changed); compaction changes the state without changing the data, which
    only costs a recount.
    """
    try:
        identity = (path / "IDENTITY").read_text(encoding="utf-8").strip()
        files = sorted(
            (entry.name, entry.stat().st_size)
            for entry in os.scandir(path)
            if entry.name.endswith((".sst", ".log"))
        )
    except OSError:
        return None
    return [identity, [[name, size] for name, size in files if size or name.endswith(".sst")]]


def _stats_cache_file(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:24]
    return folder / "stats" / f"{digest}.json"


class OxigraphStore(Store):
    """Oxigraph through pyoxigraph: in memory (``path=None``) or on disk."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self.ox = ox.Store()
            self.spec = "memory"
        else:
            try:
                if read_only:
                    self.ox = ox.Store.read_only(str(self.path))
                else:
                    self.path.mkdir(parents=True, exist_ok=True)
                    self.ox = ox.Store(str(self.path))
            except OSError as exc:
                raise StoreError(f"cannot open Oxigraph store at {self.path}: {exc}") from exc
            self.spec = f"oxigraph:{self.path}"
            self.persistent = True
        self.writable = not read_only

    #: files larger than this are bulk-loaded into an on-disk store (after a
    #: full syntax check, so that a malformed file still adds nothing)
    BULK_BYTES = 4_000_000

    def _load_file(self, path: Path, graph: str | None) -> int:
        fmt = rdf_format(path)[0]
        before = len(self.ox)
        kwargs: dict[str, Any] = {
            "path": str(path),
            "format": fmt,
            "to_graph": ox.NamedNode(graph) if graph else None,
            "base_iri": path.resolve().as_uri(),
        }
        try:
            if self.persistent and path.stat().st_size > self.BULK_BYTES:
                # on disk, a transactional load of a large file is ~3x slower
                # than bulk_load, which is not atomic: check the syntax first
                for _ in ox.parse(path=str(path), format=fmt, base_iri=kwargs["base_iri"]):
                    pass
                self.ox.bulk_load(**kwargs)
            else:
                self.ox.load(**kwargs)  # all or nothing
        except SyntaxError as exc:
            raise _syntax_error(exc, str(path)) from None
        except (ValueError, OSError) as exc:
            raise InputError(f"{path}: {exc}") from None
        return len(self.ox) - before

    def load_text(self, data: str | bytes, fmt: str, *, graph: str | None = None) -> int:
        """Parse ``data`` and add it atomically; the statements read (without
        counting the store, which would make many small loads quadratic)."""
        to_graph = ox.NamedNode(graph) if graph else None
        try:
            parsed = ox.parse(data, rdf_format("<text>", fmt)[0])
            quads = [
                q
                if to_graph is None or not isinstance(q.graph_name, ox.DefaultGraph)
                else ox.Quad(q.subject, q.predicate, q.object, to_graph)
                for q in parsed
            ]
        except SyntaxError as exc:
            raise _syntax_error(exc, "<text>") from None
        self.ox.extend(quads)  # all or nothing
        return len(quads)

    def _update(self, sparql: str) -> None:
        try:
            self.ox.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(f"{self.spec}: {exc}") from None

    def _query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult:
        # Oxigraph's own `substitutions` only binds projected variables: use VALUES
        sparql = bind_values(sparql, bindings)
        try:
            res = self.ox.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows = [
                tuple(None if sol[i] is None else to_rdflib(sol[i]) for i in range(len(names)))
                for sol in res
            ]
            return QueryResult("select", variables=names, rows=rows)
        triples = [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in res]
        return QueryResult("graph", triples=triples)

    def quads(self, predicates: Sequence[URIRef] | None = None) -> Iterator[Quad]:
        patterns: list[Any] = (
            [None] if predicates is None else [ox.NamedNode(str(p)) for p in predicates]
        )
        for pred in patterns:
            for q in self.ox.quads_for_pattern(None, pred, None, None):
                p = to_rdflib(q.predicate)
                assert isinstance(p, URIRef)
                yield to_rdflib(q.subject), p, to_rdflib(q.object), _graph_term(q.graph_name)

    def triple_count(self) -> int:
        # len() counts the default graph too; the corpus keeps it empty, and
        # counting natively is what keeps `pag stats` fast on large stores.
        return len(self.ox) - sum(
            1 for _ in self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())
        )

    def graph_names(self) -> list[str]:
        # Oxigraph keeps a named graph emptied by DELETE until it is dropped;
        # like the other stores, count only graphs that hold statements
        return sorted(
            str(to_rdflib(g))
            for g in self.ox.named_graphs()
            if next(iter(self.ox.quads_for_pattern(None, None, None, g)), None) is not None
        )

    def stats(self, *, by_source: bool = True, cache: bool = True) -> Stats:
        """As :meth:`Store.stats`; an on-disk store keeps the counts in the
        user's cache folder (:func:`graph.files.cache_dir`) until its data
        changes, because counting a large store takes a while (the statement
        count alone reads every statement)."""
        if self.path is None or not cache:
            return super().stats(by_source=by_source)
        # the state is read before counting: a write during the count makes
        # the cached entry stale at once, never wrong
        state = rocksdb_state(self.path)
        where = _stats_cache_file(self.path)
        if state is None or where is None:
            return super().stats(by_source=by_source)
        key = {"format": _STATS_CACHE_FORMAT, "state": state, "by_source": by_source}
        try:
            cached = json.loads(where.read_text(encoding="utf-8"))
            if cached.get("key") == key:
                return Stats(**cached["stats"])
        except (OSError, ValueError, TypeError, KeyError):
            pass  # no entry, or an unreadable one: count
        result = super().stats(by_source=by_source)
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            data = {"key": key, "path": str(self.path.resolve()), "stats": result.as_dict()}
            with atomic_writer(where) as fh:
                fh.write(json.dumps(data).encode("utf-8"))
        except (OSError, InputError):
            pass  # a cache that cannot be written only costs time
        return result

    def close(self) -> None:
        """Flush an on-disk store and release its lock (the store cannot be used after)."""
        if self.persistent:
            if self.writable:
                self.ox.flush()
            # RocksDB's lock is released only when the store object is dropped
            self.ox = ox.Store()


# --------------------------------------------------------------------------
# rdflib (the slow baseline)


class RdflibStore(Store):
    """rdflib's own in-memory ``Dataset`` and SPARQL engine (a baseline)."""

    def __init__(self) -> None:
        self.ds = Dataset(default_union=True)
        self.spec = "rdflib"

    def _load_file(self, path: Path, graph: str | None) -> int:
        return self._parse(
            path.read_bytes(), rdf_format(path)[1], graph, str(path), path.resolve().as_uri()
        )

    def load_text(self, data: str | bytes, fmt: str, *, graph: str | None = None) -> int:
        return self._parse(data, rdf_format("<text>", fmt)[1], graph, "<text>", None)

    def _parse(
        self, data: str | bytes, fmt: str, graph: str | None, name: str, base: str | None
    ) -> int:
        tmp = Dataset()
        try:
            if graph is not None:
                tmp.graph(URIRef(graph)).parse(data=data, format=fmt, publicID=base)
            else:
                tmp.parse(data=data, format=fmt, publicID=base)
        except Exception as exc:  # rdflib raises many parser-specific types
            m = re.search(r"line (\d+)", str(exc))
            raise ParseError(
                str(exc).splitlines()[0], file=name, line=int(m.group(1)) if m else None
            ) from None
        before = len(self)
        for s, p, o, g in tmp.quads((None, None, None, None)):
            self.ds.add((s, p, o, g))  # type: ignore[arg-type]
        return len(self) - before

    def __len__(self) -> int:
        return sum(len(g) for g in self.ds.graphs())

    def _update(self, sparql: str) -> None:
        try:
            self.ds.update(sparql)
        except Exception as exc:
            raise QueryError(f"SPARQL update failed: {exc}") from None

    def _query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult:
        try:
            res = self.ds.query(sparql, initBindings=bindings or None)  # type: ignore[arg-type]
        except Exception as exc:
            raise QueryError(f"SPARQL error: {exc}") from None
        if res.type == "ASK":
            return QueryResult("ask", boolean=bool(res.askAnswer))
        if res.type == "SELECT":
            names = [str(v) for v in res.vars or []]
            return QueryResult("select", variables=names, rows=[tuple(r) for r in res])  # type: ignore[arg-type]
        return QueryResult("graph", triples=[(t[0], t[1], t[2]) for t in res])  # type: ignore[index]

    def quads(self, predicates: Sequence[URIRef] | None = None) -> Iterator[Quad]:
        default = _default_graph_id(self.ds)
        for pred in [None] if predicates is None else list(predicates):
            for s, p, o, g in self.ds.quads((None, pred, None, None)):
                gid = getattr(g, "identifier", g)
                yield s, p, o, None if gid == default else gid  # type: ignore[misc]


# --------------------------------------------------------------------------
# opening stores


def open_store(
    spec: str | None = None,
    *,
    data: Sequence[Path | str] | None = None,
    progress: Progress | None = None,
    update_url: str | None = None,
    timeout: float = 30.0,
) -> Store:
    """Open the store a spec names (see the module docs).

    ``memory`` and ``rdflib`` are filled with ``data`` (default: the bundled
    corpus). ``oxigraph:PATH`` and ``sparql:URL`` hold what was loaded into
    them before. ``PAG_STORE`` is the default spec.
    """
    spec = spec or os.environ.get("PAG_STORE") or "memory"
    kind, _, arg = spec.partition(":")
    kind = kind.lower()
    if kind in {"memory", "rdflib"} and not arg:
        store: Store = OxigraphStore() if kind == "memory" else RdflibStore()
        files = corpus_files() if data is None else [Path(p) for p in data]
        store.load(files, progress=progress)
        return store
    if kind in {"oxigraph", "oxigraph-ro"} and arg:
        store = OxigraphStore(arg, read_only=kind == "oxigraph-ro")
        if data:
            store.load(data, progress=progress)
        return store
    if kind == "sparql" and arg:
        from graph.remote import SparqlStore

        return SparqlStore(arg, update_url=update_url, timeout=timeout)
    raise InputError(
        f"unknown store {spec!r}; use memory, rdflib, oxigraph:PATH, oxigraph-ro:PATH or sparql:URL"
    )
