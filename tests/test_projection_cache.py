"""The projection of an on-disk store is kept until its data changes, and is
always the graph a fresh projection builds."""

from __future__ import annotations

import os

import networkx as nx
import pytest

from graph import model
from graph.stores import OxigraphStore

MORE = """@prefix pag: <https://w3id.org/pag#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:extra-claim> a pag:Claim ; rdfs:label "An extra claim" ; pag:supports <https://w3id.org/pag/id/policy/crackdown> ."""


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PAG_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def db(tiny_db):
    return tiny_db


def _entries() -> list:
    folder = model.cache_dir()
    assert folder is not None
    return sorted((folder / "projection").glob("*")) if (folder / "projection").exists() else []


def _fresh(path, **kw) -> nx.MultiDiGraph:
    store = OxigraphStore(path, read_only=True)
    try:
        return model._project(store, kw.get("provenance", False), None, kw.get("attributes", True))
    finally:
        store.close()


def _projected(path, **kw) -> nx.MultiDiGraph:
    store = OxigraphStore(path, read_only=True)
    try:
        return model.project(store, **kw)
    finally:
        store.close()


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert nx.utils.graphs_equal(a, b)
    assert list(a.nodes) == list(b.nodes)  # the order too: every traversal depends on it
    assert list(a.edges(keys=True)) == list(b.edges(keys=True))
    for v in a:  # predecessor and successor share one key dict, as networkx keeps them
        for u in a._pred[v]:
            assert a._pred[v][u] is a._succ[u][v]


@pytest.mark.parametrize("provenance", [False, True])
def test_the_cached_projection_equals_a_fresh_one(db, provenance, monkeypatch):
    first = _projected(db, provenance=provenance)
    assert len(_entries()) >= 1
    calls = []
    monkeypatch.setattr(model, "_project", lambda *a: calls.append(a) or nx.MultiDiGraph())
    second = _projected(db, provenance=provenance)
    assert calls == []  # read from the cache
    monkeypatch.undo()
    _same(second, first)
    _same(second, _fresh(db, provenance=provenance))
    second.add_node("mine")  # a caller's copy: changing it does not change the cache
    assert "mine" not in _projected(db, provenance=provenance)


def test_a_write_makes_the_entry_stale_and_it_is_replaced(db):
    before = _projected(db)
    store = OxigraphStore(db)
    store.load_text(MORE, "turtle", graph="urn:more")
    store.close()
    after = _projected(db)
    assert "urn:extra-claim" in after and "urn:extra-claim" not in before
    _same(after, _fresh(db))
    assert len(_entries()) == 1  # the stale entry went


def test_a_damaged_or_foreign_entry_is_never_used(db, monkeypatch):
    good = _projected(db)
    (entry,) = [e for e in _entries() if "-na-" in e.name]
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])  # cut short
    os.chmod(entry, 0o600)
    _same(_projected(db), good)
    # a file others can change is not read (and is replaced)
    entry.write_bytes(data)
    os.chmod(entry, 0o666)
    calls = []
    real = model._project
    monkeypatch.setattr(model, "_project", lambda *a: calls.append(a) or real(*a))
    _same(_projected(db), good)
    assert len(calls) == 1


def test_no_cache_when_caching_is_off(db, monkeypatch):
    monkeypatch.setenv("PAG_CACHE_DIR", "")
    calls = []
    real = model._project
    monkeypatch.setattr(model, "_project", lambda *a: calls.append(a) or real(*a))
    _projected(db)
    _projected(db)
    assert len(calls) == 2
