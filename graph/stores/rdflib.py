"""rdflib's own in-memory ``Dataset`` and SPARQL engine: the slow baseline."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.term import Node

from graph.errors import ParseError, QueryError
from graph.stores.base import QueryResult, Store
from graph.terms import Quad, default_graph_id, rdf_format

__all__ = ["RdflibStore"]


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
        default = default_graph_id(self.ds)
        for pred in [None] if predicates is None else list(predicates):
            for s, p, o, g in self.ds.quads((None, pred, None, None)):
                gid = getattr(g, "identifier", g)
                yield s, p, o, None if gid == default else gid  # type: ignore[misc]
