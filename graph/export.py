"""Writing the dataset out: every serialisation lives here.

RDF (TriG, N-Quads, Turtle, N-Triples), JSON-LD with the published
``@context`` (generated from the ontology into ``graph/interop/context.jsonld``),
GraphML, and the whole store as an rdflib ``Dataset``. Stores only read and
write statements; they never serialise.

Examples
--------
>>> from graph.stores import open_store
>>> import io
>>> store = open_store("memory", data=[])
>>> _ = store.load_text('<urn:a> <urn:p> "x" .', "nquads")
>>> out = io.BytesIO()
>>> export(store, "nquads", out)
>>> out.getvalue()
b'<urn:a> <urn:p> "x" .\\n'
"""

from __future__ import annotations

import io
import json
from functools import cache
from typing import IO, Any

import pyoxigraph as ox

from graph.errors import InputError
from graph.interop.graphml import write_graphml
from graph.model import project
from graph.stores.base import Store
from graph.stores.oxigraph import as_oxigraph
from graph.terms import PREFIXES

__all__ = [
    "FORMATS",
    "JSONLD_CONTEXT",
    "RDF_FORMATS",
    "compact_jsonld",
    "dump_jsonld",
    "export",
    "jsonld_context",
    "write_graphml",
]

#: RDF serialisations (``turtle`` and ``ntriples`` hold no named graphs: they write the union)
RDF_FORMATS = ("trig", "nquads", "turtle", "ntriples", "jsonld")

#: every format :func:`export` writes
FORMATS = (*RDF_FORMATS, "graphml")


@cache
def jsonld_context() -> dict[str, Any]:
    """The published ``@context`` (``graph/interop/context.jsonld``, generated from the ontology)."""
    from importlib.resources import files

    text = files("graph").joinpath("interop", "context.jsonld").read_text(encoding="utf-8")
    ctx: dict[str, Any] = json.loads(text)["@context"]
    return ctx


#: the JSON-LD @context of exported documents
JSONLD_CONTEXT: dict[str, Any] = jsonld_context()


def _dump_rdf(store: Store, fmt: str, out: IO[bytes]) -> None:
    """RDF of the whole dataset; ``nquads`` lines sorted, so the same data gives the same bytes."""
    mem = as_oxigraph(store)
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


def compact_jsonld(expanded: Any, context: dict[str, Any]) -> dict[str, Any]:
    """Shorten an expanded JSON-LD document with the context's prefixes.

    Only property keys and ``@id`` / ``@type`` values are shortened, and only
    with prefixes the context defines as plain namespace strings, so the
    result expands back to exactly the same RDF (values are never touched).

    >>> doc = [{"@id": "https://w3id.org/pag/id/claim/c", "https://w3id.org/pag#quote": [{"@value": "x"}]}]
    >>> compact_jsonld(doc, {"pag": "https://w3id.org/pag#", "claim": "https://w3id.org/pag/id/claim/"})["@graph"]
    [{'@id': 'claim:c', 'pag:quote': [{'@value': 'x'}]}]
    """
    prefixes = sorted(
        ((p, ns) for p, ns in context.items() if isinstance(ns, str) and ns.endswith(("/", "#"))),
        key=lambda pn: -len(pn[1]),
    )

    def short(iri: str) -> str:
        for p, ns in prefixes:
            local = iri[len(ns) :]
            if iri.startswith(ns) and local and not local.startswith("//") and ":" not in local:
                return f"{p}:{local}"
        return iri

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(x) for x in node]
        if not isinstance(node, dict):
            return node
        if "@value" in node:
            out = dict(node)
            if isinstance(out.get("@type"), str):
                out["@type"] = short(out["@type"])
            return out
        result: dict[str, Any] = {}
        for k, v in node.items():
            if k == "@id" and isinstance(v, str):
                result[k] = short(v)
            elif k == "@type":
                result[k] = [short(t) for t in v] if isinstance(v, list) else short(v)
            elif k.startswith("@"):
                result[k] = walk(v)
            else:
                result[short(k)] = walk(v)
        return result

    return {"@context": context, "@graph": walk(expanded)}


def dump_jsonld(store: Store, out: IO[bytes]) -> None:
    """JSON-LD of a whole dataset (each named graph an ``@graph`` object), with the pag ``@context``.

    Serialised by Oxigraph in expanded form (exact), then shortened with
    :func:`compact_jsonld`; keys are sorted so the same data gives the same bytes.
    """
    mem = as_oxigraph(store)
    buf = io.BytesIO()
    mem.dump(buf, ox.RdfFormat.JSON_LD)
    expanded = json.loads(buf.getvalue() or b"[]")
    for graph_obj in expanded:
        if isinstance(graph_obj, dict) and isinstance(graph_obj.get("@graph"), list):
            graph_obj["@graph"].sort(key=lambda n: json.dumps(n, sort_keys=True))
    expanded.sort(key=lambda n: json.dumps(n, sort_keys=True))
    doc = compact_jsonld(expanded, jsonld_context())
    out.write(json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    out.write(b"\n")


def export(store: Store, fmt: str, out: IO[bytes]) -> None:
    """Write the whole store to ``out`` in ``fmt`` (one of :data:`FORMATS`)."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "graphml":
        write_graphml(project(store, provenance=True), out)
    elif fmt == "jsonld":
        dump_jsonld(store, out)
    else:
        _dump_rdf(store, fmt, out)
