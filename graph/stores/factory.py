"""Open a store by its spec (the global ``--store`` option of ``pag``).

Store specs::

    memory              the bundled corpus (or --data files) in Oxigraph's in-memory store
    rdflib              the same in rdflib's own in-memory store (the slow baseline)
    oxigraph:PATH       an embedded on-disk Oxigraph store that persists between runs
    oxigraph-ro:PATH    the same, opened read-only
    sparql:URL          a remote SPARQL 1.1 endpoint (query URL; see graph.stores.remote)

>>> open_store("memory", data=[]).describe()
'memory (in memory: changes are lost when the command ends)'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError
from graph.resources import corpus_files
from graph.stores.base import Progress, Store
from graph.stores.oxigraph import OxigraphStore
from graph.stores.rdflib import RdflibStore

__all__ = ["StoreSpec", "open_store", "parse_spec"]


@dataclass(frozen=True)
class StoreSpec:
    """What a store spec names, known before the store is opened.

    >>> s = parse_spec("oxigraph-ro:./db")
    >>> (s.kind, s.location, s.persistent, s.writable)
    ('oxigraph', './db', True, False)
    >>> parse_spec("memory").persistent
    False
    """

    #: ``memory``, ``rdflib``, ``oxigraph`` or ``sparql``
    kind: str
    #: the path or URL (empty for the in-memory stores)
    location: str
    #: whether what is written outlives the process
    persistent: bool
    #: whether ``load`` / updates may change it
    writable: bool
    #: the spec as given
    spec: str

    @property
    def bundled(self) -> bool:
        """Whether it is filled with the bundled corpus (or ``--data``) when opened."""
        return not self.persistent


def parse_spec(spec: str | None = None) -> StoreSpec:
    """Read a store spec (default ``$PAG_STORE``, else ``memory``); see the module docs."""
    spec = spec or os.environ.get("PAG_STORE") or "memory"
    kind, _, arg = spec.partition(":")
    kind = kind.lower()
    if kind in {"memory", "rdflib"} and not arg:
        return StoreSpec(kind, "", False, True, spec)
    if kind in {"oxigraph", "oxigraph-ro"} and arg:
        return StoreSpec("oxigraph", arg, True, kind == "oxigraph", spec)
    if kind == "sparql" and arg:
        return StoreSpec("sparql", arg, True, True, spec)
    raise InputError(
        f"unknown store {spec!r}; use memory, rdflib, oxigraph:PATH, oxigraph-ro:PATH or sparql:URL"
    )


def open_store(
    spec: str | None = None,
    *,
    data: Sequence[Path | str] | None = None,
    progress: Progress | None = None,
    update_url: str | None = None,
    timeout: float = 30.0,
    create: bool = True,
) -> Store:
    """Open the store a spec names (see the module docs).

    ``memory`` and ``rdflib`` are filled with ``data`` (default: the bundled
    corpus). ``oxigraph:PATH`` and ``sparql:URL`` hold what was loaded into
    them before; with ``create=False`` an ``oxigraph:PATH`` that holds no store
    is an error instead of a new empty store. ``PAG_STORE`` is the default spec.
    """
    s = parse_spec(spec)
    if s.kind in {"memory", "rdflib"}:
        store: Store = OxigraphStore() if s.kind == "memory" else RdflibStore()
        files = corpus_files() if data is None else [Path(p) for p in data]
        store.load(files, progress=progress)
        return store
    if s.kind == "oxigraph":
        store = OxigraphStore(s.location, read_only=not s.writable, create=create)
        if data:
            store.load(data, progress=progress)
        return store
    # imported here: httpx costs every local command ~0.15 s of start-up
    from graph.stores.remote import SparqlStore

    return SparqlStore(s.location, update_url=update_url, timeout=timeout)
