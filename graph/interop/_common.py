"""Shared pieces of the importers: the summary, IRIs, quads as N-Quads text."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from graph.terms import PREFIXES

__all__ = ["ID", "ImportSummary", "iri_part", "json_literal", "nquads", "slug", "summary_text", "unique_slug"]

#: namespaces of imported node IRIs
ID = {
    "claim": PREFIXES["claim"],
    "actor": PREFIXES["actor"],
    "source": PREFIXES["source"],
    "aif": "https://w3id.org/pag/id/aif/",
    "argdown": "https://w3id.org/pag/id/argdown/",
}

Quad = tuple[Node, Node, Node, URIRef]


def slug(text: str, *, limit: int = 60) -> str:
    """A readable IRI segment: lower case ASCII letters, digits and hyphens.

    >>> slug("Soft drugs: should they be legal?")
    'soft-drugs-should-they-be-legal'
    >>> slug("Ünïcödé  name")
    'unicode-name'
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:limit].rstrip("-")


def unique_slug(text: str, taken: Container[str], *, default: str, limit: int = 80) -> str:
    """:func:`slug` of ``text`` (``default`` if empty), suffixed ``-2``, ``-3`` … until not in ``taken``.

    >>> unique_slug("Map 1", {"map-1", "map-1-2"}, default="map")
    'map-1-3'
    """
    base = slug(text, limit=limit) or default
    name, k = base, 1
    while name in taken:
        k += 1
        name = f"{base}-{k}"
    return name


def iri_part(text: str) -> str:
    """An identifier made safe for an IRI path segment (percent-encoded, reversible).

    >>> iri_part("15_1639 07/x")
    '15_1639%2007%2Fx'
    """
    return quote(text, safe="-._~")


def json_literal(data: Any) -> Literal:
    """A JSON object as an ``rdf:JSON`` literal with sorted keys (stable bytes)."""
    return Literal(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        datatype=RDF.JSON,
    )


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_ESCAPE_RE = re.compile(r'[\\"\n\r]')


def nt_term(term: Node) -> str:
    """One term in N-Triples/N-Quads syntax (strings escaped on one line).

    >>> print(nt_term(Literal('say "hi"' + chr(10) + "then go")))
    "say \\"hi\\"\\nthen go"
    """
    if type(term) is URIRef:
        return f"<{term}>"
    if isinstance(term, Literal):
        body = '"' + _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], str(term)) + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None:
            return f"{body}^^<{term.datatype}>"
        return body
    return term.n3()


def nquads(quads: Iterable[Quad]) -> str:
    """N-Quads text of the quads (rdflib terms), one statement per line."""
    return "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {nt_term(g)} .\n" for s, p, o, g in quads)


@dataclass
class ImportSummary:
    """What an import read, wrote and left out — nothing is dropped silently.

    ``as_dict()`` gives the stable JSON keys printed by ``pag import … --format json``:

    ``format``          ``"aif"``, ``"argdown"`` or ``"csv"``
    ``files``           input files read
    ``maps``            maps (AIF) / documents imported, one named graph each
    ``failed``          ``[{"file", "error"}]`` files that could not be imported at all
    ``nodes``           ``{type: count}`` nodes imported, by type (AIF: I, L, RA, CA, …)
    ``nodes_read``      node records read (= imported + skipped nodes)
    ``edges``           edges imported
    ``edges_read``      edge records read (= imported + skipped edges)
    ``locutions``       locution records imported (AIF)
    ``speakers``        distinct speakers found (AIF)
    ``relations``       ``{relation: count}`` contract relations written (supports, attacks, …)
    ``skipped``         ``{reason: count}`` records left out, by reason
    ``skipped_items``   ``[{"file", "what", "id", "reason"}]`` each record left out
    ``warnings``        ``[{"file", "message"}]`` imported as found, but worth a look
    ``graphs``          named graph IRIs written, one per map
    ``statements``      RDF statements written
    """

    format: str
    files: int = 0
    maps: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    nodes: Counter[str] = field(default_factory=Counter)
    nodes_read: int = 0
    edges: int = 0
    edges_read: int = 0
    locutions: int = 0
    speakers: set[str] = field(default_factory=set)
    relations: Counter[str] = field(default_factory=Counter)
    skipped_items: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)
    statements: int = 0

    def skip(self, file: str, what: str, ident: Any, reason: str) -> None:
        """Record one record left out, and why."""
        self.skipped_items.append({"file": file, "what": what, "id": str(ident), "reason": reason})

    def warn(self, file: str, message: str) -> None:
        self.warnings.append({"file": file, "message": message})

    @property
    def skipped(self) -> Counter[str]:
        return Counter(f"{d['what']}: {d['reason']}" for d in self.skipped_items)

    @property
    def ok(self) -> bool:
        """True when every file was imported (records may still have been skipped)."""
        return not self.failed

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "files": self.files,
            "maps": self.maps,
            "failed": list(self.failed),
            "nodes": dict(sorted(self.nodes.items())),
            "nodes_total": sum(self.nodes.values()),
            "nodes_read": self.nodes_read,
            "edges": self.edges,
            "edges_read": self.edges_read,
            "locutions": self.locutions,
            "speakers": len(self.speakers),
            "relations": dict(sorted(self.relations.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "skipped_items": list(self.skipped_items),
            "warnings": list(self.warnings),
            "graphs": list(self.graphs),
            "statements": self.statements,
        }


def summary_text(summary: ImportSummary, *, where: str, limit: int = 20) -> str:
    """A short human-readable report of an import (what ``pag import`` prints).

    >>> s = ImportSummary("aif", files=1, maps=1, nodes_read=2, edges_read=1, statements=9)
    >>> s.nodes.update({"I": 2})
    >>> s.skip("a.json", "edge", "7", "edge to a missing node")
    >>> s.edges_read = 1
    >>> print(summary_text(s, where="out.trig"))
    Imported 1 map(s) from 1 file(s) into out.trig: 9 statements
      nodes:     2 of 2 read (I 2)
      edges:     0 of 1 read
      locutions: 0; speakers: 0
      skipped:   1 (edge: edge to a missing node 1)
        a.json: edge 7: edge to a missing node
    """
    what = {"aif": "map(s)", "argdown": "document(s)", "csv": "table set(s)"}.get(summary.format, "map(s)")
    d = summary.as_dict()
    lines = [f"Imported {d['maps']} {what} from {d['files']} file(s) into {where}: {d['statements']} statements"]
    by_type = ", ".join(f"{k} {v}" for k, v in d["nodes"].items())
    lines.append(f"  nodes:     {d['nodes_total']} of {d['nodes_read']} read" + (f" ({by_type})" if by_type else ""))
    lines.append(f"  edges:     {d['edges']} of {d['edges_read']} read")
    if summary.format == "aif":
        lines.append(f"  locutions: {d['locutions']}; speakers: {d['speakers']}")
    if d["relations"]:
        lines.append("  relations: " + ", ".join(f"{k} {v}" for k, v in d["relations"].items()))
    if d["skipped"]:
        total = sum(d["skipped"].values())
        reasons = ", ".join(f"{k} {v}" for k, v in d["skipped"].items())
        lines.append(f"  skipped:   {total} ({reasons})")
        for item in d["skipped_items"][:limit]:
            lines.append(f"    {item['file']}: {item['what']} {item['id']}: {item['reason']}")
        if len(d["skipped_items"]) > limit:
            lines.append(f"    … {len(d['skipped_items']) - limit} more (all of them: --format json)")
    if d["warnings"]:
        lines.append(f"  warnings:  {len(d['warnings'])}")
        for w in d["warnings"][:limit]:
            lines.append(f"    {w['file']}: {w['message']}")
        if len(d["warnings"]) > limit:
            lines.append(f"    … {len(d['warnings']) - limit} more (all of them: --format json)")
    if d["failed"]:
        lines.append(f"  failed:    {len(d['failed'])} file(s) not imported")
        for f in d["failed"]:
            lines.append(f"    {f['error']}")
    return "\n".join(lines)
