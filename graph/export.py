"""Writing the dataset out: RDF serialisations, JSON-LD, GraphML; atomic files.

Examples
--------
>>> from graph.store import open_store
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
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from graph.errors import InputError
from graph.files import atomic_writer
from graph.interop.graphml import write_graphml
from graph.store import EXPORT_FORMATS, PREFIXES, Store

__all__ = ["FORMATS", "JSONLD_CONTEXT", "atomic_writer", "dump_jsonld", "export", "write_graphml"]

#: every format ``pag export`` writes
FORMATS = (*EXPORT_FORMATS, "graphml")

#: the JSON-LD @context of exported documents
JSONLD_CONTEXT: dict[str, Any] = {
    **PREFIXES,
    "label": "rdfs:label",
    "quote": "pag:quote",
    "supports": {"@id": "pag:supports", "@type": "@id"},
    "attacks": {"@id": "pag:attacks", "@type": "@id"},
    "advocates": {"@id": "pag:advocates", "@type": "@id"},
    "opposes": {"@id": "pag:opposes", "@type": "@id"},
    "asserts": {"@id": "pag:asserts", "@type": "@id"},
    "source": {"@id": "pag:source", "@type": "@id"},
}


def jsonld_context() -> dict[str, Any]:
    """The published ``@context`` (``graph/interop/context.jsonld``), else :data:`JSONLD_CONTEXT`."""
    path = Path(__file__).with_name("interop") / "context.jsonld"
    if path.is_file():
        ctx = json.loads(path.read_text(encoding="utf-8")).get("@context")
        if isinstance(ctx, dict):
            return ctx
    return JSONLD_CONTEXT


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
    import pyoxigraph as ox

    from graph.store import _as_oxigraph

    mem = _as_oxigraph(store)
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


def export(
    store: Store, fmt: str, out: IO[bytes], *, progress: Callable[[str], None] | None = None
) -> None:
    """Write the whole store to ``out`` in ``fmt`` (one of :data:`FORMATS`)."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "graphml":
        from graph.model import project

        write_graphml(project(store, provenance=True), out)
        return
    store.dump(fmt, out)
