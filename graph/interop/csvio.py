"""CSV for spreadsheets: ``nodes.csv`` + ``edges.csv``, written and read back.

``nodes.csv`` has one row per node::

    id, kind, label, types, sources, quote, title, status, approach,
    evidence_type, value, unit, date, jurisdiction, url

``id`` and ``sources`` are CURIEs where a known prefix fits (``claim:x``),
else full IRIs; ``types``, ``sources``, ``status`` and ``approach`` hold
several values separated by ``;``. ``quote`` is the verbatim quote, or —
when a node is quoted from several sources — a JSON list of
``{"source": …, "quote": …}``. ``edges.csv`` has one row per edge::

    source, relation, target, predicates, sources

``relation`` is ``supports``, ``attacks``, ``advocates``, ``opposes`` or
``asserts``; ``predicates`` the exact properties (``rebuts``, ``proposed`` …).
Reading the files back gives the same nodes and edges (kind, label, types,
sources, quotes, the columns above; relation, predicates, sources).
Rows without ``sources`` go into the named graph of the CSV import itself.

Examples
--------
>>> import networkx as nx, io
>>> G = nx.MultiDiGraph()
>>> G.add_node("https://w3id.org/pag/id/claim/a", kind="claim", label="A", types=["Claim"],
...            sources=["https://w3id.org/pag/id/source/s"], quotes=[])
>>> nodes, edges = io.StringIO(), io.StringIO()
>>> write_csv(G, nodes, edges)
>>> nodes.getvalue().splitlines()[1]
'claim:a,claim,A,Claim,source:s,,,,,,,,,,'
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import networkx as nx
from rdflib import DCTERMS, RDF, RDFS, SDO, XSD, Literal, URIRef
from rdflib.term import Node

from graph.errors import InputError, ParseError
from graph.interop._common import ID, ImportSummary, Quad, nquads, slug
from graph.model import project
from graph.namespace import APPROACH, ETYPE, PAG, STATUS
from graph.safetext import csv_cell, uncsv_cell
from graph.stores import Store
from graph.terms import curie, expand_curie
from graph.vocab import RELATION_KINDS, RELATIONS

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "csv_paths", "export_csv", "import_csv", "read_csv", "write_csv"]

NODE_COLUMNS = [
    "id", "kind", "label", "types", "sources", "quote", "title", "status", "approach",
    "evidence_type", "value", "unit", "date", "jurisdiction", "url",
]  # fmt: skip
EDGE_COLUMNS = ["source", "relation", "target", "predicates", "sources"]
_P = str(PAG)
_RELATIONS = {r for r, kind in RELATION_KINDS.items() if kind != "provenance"}
_KIND_TYPES = {
    "actor": ["Actor"], "policy": ["Policy"], "claim": ["Claim"], "evidence": ["Evidence"],
    "source": ["Source"], "measure": ["Measure"],
}  # fmt: skip
_SIMPLE = {  # column -> predicate
    "title": DCTERMS.title,
    "unit": PAG.unit,
    "jurisdiction": PAG.jurisdiction,
    "date": PAG.date,
    "url": SDO.url,
}
_CONCEPTS = {"status": (PAG.status, STATUS), "approach": (PAG.approach, APPROACH), "evidence_type": (PAG.evidenceType, ETYPE)}


def _many(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple | set):
        return ";".join(str(x) for x in v)
    return str(v)


def _num(v: Any) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")
_DOUBLE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$")


def lexical(value: Literal) -> str:
    """A number's lexical form for a CSV cell, shaped so that :func:`number_literal` reads
    back the same datatype (as Turtle's number shorthand does): a decimal keeps or gains
    its point, a double its exponent.

    >>> lexical(Literal("140.0", datatype=XSD.decimal)), lexical(Literal("140", datatype=XSD.decimal))
    ('140.0', '140.0')
    >>> lexical(Literal("140", datatype=XSD.integer)), lexical(Literal("1.5", datatype=XSD.double))
    ('140', '1.5e0')
    """
    text = str(value)
    if value.datatype == XSD.decimal and _INTEGER.match(text):
        return text + ".0"
    if value.datatype in (XSD.double, XSD.float) and (_INTEGER.match(text) or _DECIMAL.match(text)):
        return text + "e0"
    return text


def number_literal(text: str) -> Literal | None:
    """The literal a CSV number cell means, its lexical form kept: ``140`` an xsd:integer,
    ``140.0`` an xsd:decimal, ``1.4e2`` an xsd:double; None if it is not a number.

    >>> number_literal("140.0")
    rdflib.term.Literal('140.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    text = text.strip()
    for pattern, datatype in ((_INTEGER, XSD.integer), (_DECIMAL, XSD.decimal), (_DOUBLE, XSD.double)):
        if pattern.match(text):
            return Literal(text, datatype=datatype)
    return None


class _SafeWriter:
    """A csv writer whose cells cannot run as spreadsheet formulas (graph.safetext.csv_cell)."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: Any) -> None:
        self.writer.writerow([csv_cell(c) if isinstance(c, str) else c for c in row])


def write_csv(
    G: nx.MultiDiGraph, nodes_out: IO[str], edges_out: IO[str], *, values: dict[str, Literal] | None = None
) -> None:
    """Write a projected graph (:func:`graph.model.project`) as two CSV tables, sorted by id.

    ``values`` (node IRI → its ``pag:value`` literal, as the store holds it) keeps
    each number's lexical form; without it the projection's number is written."""
    values = values or {}
    w = _SafeWriter(csv.writer(nodes_out, lineterminator="\n"))
    w.writerow(NODE_COLUMNS)
    for n in sorted(G.nodes, key=str):
        d = G.nodes[n]
        quotes = d.get("quotes") or []
        if len(quotes) == 1 and (quotes[0]["source"] in (d.get("sources") or [])[:1] or not d.get("sources")):
            quote = quotes[0]["quote"]
        elif quotes:
            quote = json.dumps([{"source": curie(q["source"]), "quote": q["quote"]} for q in quotes], ensure_ascii=False)
        else:
            quote = ""
        w.writerow(
            [
                curie(str(n)), d.get("kind", "other"), d.get("label", ""), _many(d.get("types")),
                ";".join(curie(s) for s in d.get("sources") or []), quote, d.get("title", ""),
                _many(d.get("status")), _many(d.get("approach")), d.get("evidence_type", "") or "",
                lexical(values[str(n)]) if str(n) in values else _num(d.get("value")), d.get("unit", "") or "", d.get("date", "") or "",
                d.get("jurisdiction", "") or "", d.get("url", "") or "",
            ]
        )  # fmt: skip
    e = _SafeWriter(csv.writer(edges_out, lineterminator="\n"))
    e.writerow(EDGE_COLUMNS)
    rows = []
    for u, v, d in G.edges(data=True):
        if d.get("relation") not in _RELATIONS:
            continue
        rows.append(
            [curie(str(u)), d["relation"], curie(str(v)), _many(d.get("predicates")), ";".join(curie(s) for s in d.get("sources") or [])]
        )
    for row in sorted(rows):
        e.writerow(row)


def _iri(text: str, where: str) -> URIRef:
    text = text.strip()
    full = expand_curie(text) or text
    if not full or ":" not in full or any(c in full for c in ' <>"{}|\\^`'):
        raise ParseError(f"{text!r} is not an IRI or a known CURIE (e.g. claim:my-claim)", file=where)
    return URIRef(full)


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split(";") if x.strip()]


def csv_paths(paths: tuple[Path, ...] | list[Path]) -> tuple[Path, Path]:
    """``(nodes.csv, edges.csv)`` from a folder or the two files."""
    if len(paths) == 1 and paths[0].is_dir():
        nodes, edges = paths[0] / "nodes.csv", paths[0] / "edges.csv"
    elif len(paths) == 2:
        nodes, edges = paths[0], paths[1]
    else:
        raise InputError("give a folder holding nodes.csv and edges.csv, or the two files (nodes first)")
    for p in (nodes, edges):
        if not p.is_file():
            raise InputError(f"{p}: no such file")
    return nodes, edges


def _rows(path: Path, columns: list[str], required: list[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read as UTF-8 text: {exc}") from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in required if c not in header]
    if missing:
        raise ParseError(f"missing column(s) {', '.join(missing)}; the header must include {', '.join(required)}", file=str(path), line=1)
    try:
        return [(i, {k: uncsv_cell(v) if isinstance(v, str) else v for k, v in row.items()}) for i, row in enumerate(reader, start=2)]
    except csv.Error as exc:
        raise ParseError(f"bad CSV: {exc}", file=str(path), line=reader.line_num) from None


def read_csv(nodes_path: Path, edges_path: Path, summary: ImportSummary) -> list[Quad]:
    """Read the two tables into quads; bad rows are skipped and listed in ``summary``."""
    default_src = URIRef(f"{ID['source']}csv-{slug(nodes_path.resolve().parent.name) or 'import'}")
    quads: list[Quad] = []
    used_default = False

    def add(s: Node, p: URIRef, o: Node, g: URIRef) -> None:
        quads.append((s, p, o, g))

    for line, row in _rows(nodes_path, NODE_COLUMNS, ["id", "kind", "label"]):
        where = f"{nodes_path}:{line}"
        summary.nodes_read += 1
        try:
            node = _iri(row.get("id") or "", where)
            sources = [_iri(s, where) for s in _split(row.get("sources"))]
        except ParseError as exc:
            summary.skip(str(nodes_path), "node", f"line {line}", str(exc).split(": ", 1)[-1])
            continue
        kind = (row.get("kind") or "other").strip()
        types = _split(row.get("types")) or _KIND_TYPES.get(kind, [])
        label = row.get("label") or ""
        if not label.strip():
            summary.warn(str(nodes_path), f"line {line}: node {row.get('id')} has no label")
        graphs = sources or [default_src]
        used_default = used_default or not sources
        for g in graphs:
            for t in types:
                add(node, RDF.type, URIRef(_P + t) if t.isidentifier() else _iri(t, where), g)
            if label:
                add(node, RDFS.label, Literal(label), g)
            if kind != "source" or g != node:
                add(node, PAG.source, g, g)
        quote = row.get("quote") or ""
        if quote.startswith('[{"source"'):
            try:
                for q in json.loads(quote):
                    add(node, PAG.quote, Literal(q["quote"]), _iri(q["source"], where))
            except (ValueError, KeyError, TypeError, ParseError):
                add(node, PAG.quote, Literal(quote), graphs[0])
        elif quote:
            add(node, PAG.quote, Literal(quote), graphs[0])
        g0 = graphs[0]
        for col, pred in _SIMPLE.items():
            if row.get(col):
                add(node, pred, Literal(row[col]), g0)
        for col, (pred, ns) in _CONCEPTS.items():
            for v in _split(row.get(col)):
                add(node, pred, URIRef(str(ns) + v), g0)
        if row.get("value"):
            lit = number_literal(row["value"])
            if lit is not None:
                add(node, PAG.value, lit, g0)
            else:
                summary.warn(str(nodes_path), f"line {line}: value {row['value']!r} is not a number: left out")
        summary.nodes[kind] += 1

    for line, row in _rows(edges_path, EDGE_COLUMNS, ["source", "relation", "target"]):
        where = f"{edges_path}:{line}"
        summary.edges_read += 1
        rel = (row.get("relation") or "").strip()
        if rel not in _RELATIONS:
            summary.skip(str(edges_path), "edge", f"line {line}", f"unknown relation {rel!r} (use {', '.join(sorted(_RELATIONS))})")
            continue
        try:
            s, o = _iri(row.get("source") or "", where), _iri(row.get("target") or "", where)
            sources = [_iri(x, where) for x in _split(row.get("sources"))]
        except ParseError as exc:
            summary.skip(str(edges_path), "edge", f"line {line}", str(exc).split(": ", 1)[-1])
            continue
        preds = _split(row.get("predicates")) or [rel]
        bad = [p for p in preds if RELATIONS.get(_P + p) != rel]
        if bad:
            summary.skip(str(edges_path), "edge", f"line {line}", f"{bad[0]!r} is not a pag property for {rel}")
            continue
        graphs = sources or [default_src]
        used_default = used_default or not sources
        for g in graphs:
            for p in preds:
                add(s, URIRef(_P + p), o, g)
        summary.edges += 1
        summary.relations[rel] += 1
    if used_default:
        add(default_src, RDF.type, PAG.Source, default_src)
        add(default_src, RDFS.label, Literal(f"CSV import {nodes_path.resolve().parent.name}"), default_src)
        add(default_src, DCTERMS.title, Literal(f"CSV import {nodes_path.resolve().parent.name}"), default_src)
    graphs_seen = sorted({str(q[3]) for q in quads})
    summary.graphs.extend(graphs_seen)
    return quads


def import_csv(
    paths: tuple[Path, ...] | list[Path],
    store: Store,
    *,
    progress: Callable[[Path, int], None] | None = None,
) -> ImportSummary:
    """Import ``nodes.csv`` + ``edges.csv`` into ``store`` (whole or not at all)."""
    nodes_path, edges_path = csv_paths(paths)
    summary = ImportSummary("csv", files=2)
    quads = read_csv(nodes_path, edges_path, summary)
    summary.statements = store.load_text(nquads(quads), "nquads")
    summary.maps = 1
    if progress:
        progress(nodes_path, summary.statements)
    return summary


def export_csv(store: Store, folder: Path) -> tuple[Path, Path]:
    """Write ``folder/nodes.csv`` and ``folder/edges.csv`` (each atomically; the folder is made)."""
    from graph.files import atomic_writer

    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: csv writes two files (nodes.csv, edges.csv): give a folder, not a file")
    folder.mkdir(parents=True, exist_ok=True)
    G = project(store)
    values = {str(s_): o for s_, _p, o, _g in store.quads([PAG.value]) if isinstance(o, Literal)}
    nodes, edges = io.StringIO(), io.StringIO()
    write_csv(G, nodes, edges, values=values)
    out = (folder / "nodes.csv", folder / "edges.csv")
    for path, buf in zip(out, (nodes, edges), strict=True):
        with atomic_writer(path) as fh:
            fh.write(buf.getvalue().encode("utf-8"))
    return out
