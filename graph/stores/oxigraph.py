"""Oxigraph through pyoxigraph: in memory or on disk (RocksDB), with a stats cache.

>>> store = OxigraphStore()
>>> store.load_text('<urn:a> a <https://w3id.org/pag#Claim> .', "turtle", graph="urn:g")
1
>>> store.query("SELECT ?s WHERE { GRAPH ?g { ?s a ?c } }").rows
[(rdflib.term.URIRef('urn:a'),)]
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from graph.errors import InputError, QueryError, StoreError
from graph.files import atomic_writer, cache_dir
from graph.sparqltext import bind_values
from graph.stores.base import QueryResult, Stats, Store, syntax_error
from graph.terms import Quad, graph_term, rdf_format, to_oxigraph, to_rdflib

__all__ = ["OxigraphStore", "as_oxigraph", "rocksdb_state"]

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


def _remove_orphans(path: Path) -> int:
    """Remove the files a killed bulk load left (``bulk-*.sst``: the loader's
    tables, which RocksDB renames when it takes them in); the bytes freed.

    Called once the store is open read-write, so this process holds its lock
    and no other can be loading into it.
    """
    freed = 0
    for orphan in path.glob("bulk-*.sst"):
        try:
            size = orphan.stat().st_size
            orphan.unlink()
            freed += size
        except OSError:
            continue
    return freed


class OxigraphStore(Store):
    """Oxigraph through pyoxigraph: in memory (``path=None``) or on disk."""

    #: bytes of files a killed load left, removed when the store was opened
    orphans_removed: int = 0

    def __init__(
        self, path: str | Path | None = None, *, read_only: bool = False, create: bool = True
    ) -> None:
        """``create=False``: a path where no store exists is an error (a mistyped
        path must not silently become a new, empty store)."""
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self.ox = ox.Store()
            self.spec = "memory"
        else:
            self.spec = f"oxigraph:{self.path}"
            if self.path.exists() and not self.path.is_dir():
                raise StoreError(f"{self.path}: is a file, not an Oxigraph store (a folder)")
            if (read_only or not create) and not (self.path / "CURRENT").exists():
                what = "no such folder" if not self.path.exists() else "no Oxigraph store in this folder"
                raise StoreError(
                    f"oxigraph:{self.path}: {what}; check the path, or create the store with "
                    f"`pag --store oxigraph:{self.path} load FILE…`"
                )
            try:
                if read_only:
                    self.ox = ox.Store.read_only(str(self.path))
                else:
                    self.path.mkdir(parents=True, exist_ok=True)
                    self.ox = ox.Store(str(self.path))
            except (OSError, RuntimeError) as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                hint = (
                    "; is another pag using it? (open it read-only with oxigraph-ro:)"
                    if "lock" in reason.lower()
                    else "; the store is damaged or not an Oxigraph store: rebuild it with `pag load`"
                    if "corrupt" in reason.lower()
                    else ""
                )
                raise StoreError(f"cannot open Oxigraph store at {self.path}: {reason}{hint}") from None
            self.persistent = True
            if not read_only:
                self.orphans_removed = _remove_orphans(self.path)
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
            raise syntax_error(exc, str(path)) from None
        except ValueError as exc:
            raise InputError(f"{path}: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.spec}: cannot load {path}: {exc}") from None
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
            raise syntax_error(exc, "<text>") from None
        try:
            self.ox.extend(quads)  # all or nothing
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.spec}: cannot write: {exc}") from None
        self.entail()
        return len(quads)

    def _update(self, sparql: str) -> None:
        try:
            self.ox.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.spec}: {exc}") from None

    def _query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult:
        return self._query_capped(sparql, bindings, None)

    def _query_capped(
        self, sparql: str, bindings: dict[str, Node], max_rows: int | None
    ) -> QueryResult:
        # Oxigraph's own `substitutions` only binds projected variables: use VALUES
        sparql = bind_values(sparql, bindings)
        try:
            res = self.ox.query(sparql, use_default_graph_as_union=True)
            if isinstance(res, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(res))
            # read solutions one by one and stop at the cap: a huge answer is
            # never held whole
            items = iter(res)
            taken = list(itertools.islice(items, max_rows)) if max_rows is not None else list(items)
            cut = max_rows is not None and next(items, None) is not None
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None
        except RuntimeError as exc:
            raise StoreError(f"{self.spec}: {exc}") from None
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows = [
                tuple(None if sol[i] is None else to_rdflib(sol[i]) for i in range(len(names)))
                for sol in taken
            ]
            return QueryResult("select", variables=names, rows=rows, truncated=cut)
        triples = [
            (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in taken
        ]
        return QueryResult("graph", triples=triples, truncated=cut)

    def quads(self, predicates: Sequence[URIRef] | None = None) -> Iterator[Quad]:
        patterns: list[Any] = (
            [None] if predicates is None else [ox.NamedNode(str(p)) for p in predicates]
        )
        for pred in patterns:
            for q in self.ox.quads_for_pattern(None, pred, None, None):
                p = to_rdflib(q.predicate)
                assert isinstance(p, URIRef)
                yield to_rdflib(q.subject), p, to_rdflib(q.object), graph_term(q.graph_name)

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


def as_oxigraph(store: Store) -> ox.Store:
    """The store's data as a pyoxigraph store (itself, for an Oxigraph store)."""
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
