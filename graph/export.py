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

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx
from rdflib import Dataset

from graph.errors import InputError
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


@contextlib.contextmanager
def atomic_writer(path: Path | str) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path`` and move it into place only on success.

    A failure leaves any earlier file untouched and no partial file behind.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def dump_jsonld(ds: Dataset, out: IO[bytes]) -> None:
    """JSON-LD of a dataset (named graphs as ``@graph`` objects) with the pag ``@context``."""
    text = ds.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=2, sort_keys=True)
    out.write(text.encode("utf-8") if isinstance(text, str) else text)


def _graphml_safe(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in d.items()})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: _scalar(b) for a, b in d.items()})
    return H


def _scalar(v: Any) -> Any:
    if isinstance(v, list):
        if v and isinstance(v[0], dict):
            return json.dumps(v, ensure_ascii=False, sort_keys=True)
        return "; ".join(str(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v


def write_graphml(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    """GraphML for Gephi / yEd: kinds, labels, relations and sources as attributes."""
    nx.write_graphml(_graphml_safe(G), out, encoding="utf-8", prettyprint=True)


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
