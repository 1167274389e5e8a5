"""Counts of an on-disk store are cached until its data changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from graph.errors import QueryError
from graph.stores import OxigraphStore, Store, open_store
from graph.stores.oxigraph import rocksdb_state

MORE = """@prefix pag: <https://w3id.org/pag#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:extra-claim> a pag:Claim ; rdfs:label "An extra claim" ."""


@pytest.fixture
def db(tiny_db):
    return tiny_db


def _no_queries(monkeypatch):
    """Make every SPARQL query fail, so that only a cached answer can succeed."""

    def refuse(self, sparql, bindings=None, **kwargs):
        raise QueryError("counted afresh")

    monkeypatch.setattr(Store, "query", refuse)


def test_second_count_comes_from_the_cache_and_equals_a_recount(db, monkeypatch):
    first = OxigraphStore(db, read_only=True).stats()
    assert first.claims == 2 and first.triples > 0
    _no_queries(monkeypatch)
    again = OxigraphStore(db, read_only=True).stats()
    assert again == first
    # a read-write open without writes is the same data: still cached
    assert OxigraphStore(db).stats() == first
    with pytest.raises(QueryError):
        OxigraphStore(db, read_only=True).stats(cache=False)
    monkeypatch.undo()
    assert OxigraphStore(db, read_only=True).stats(cache=False) == first


def test_a_load_or_update_makes_the_cache_stale(db):
    store = OxigraphStore(db)
    before = store.stats()
    store.load_text(MORE, "turtle", graph="urn:more")
    after = store.stats()
    assert after.claims == before.claims + 1
    assert after.triples == before.triples + 2
    # emptied (not dropped): Oxigraph keeps the graph, which is not counted
    store.update("DELETE WHERE { GRAPH <urn:more> { ?s ?p ?o } }")
    assert store.stats() == before
    store.close()
    # and in another process, opened afresh
    assert OxigraphStore(db, read_only=True).stats() == before


def test_state_is_stable_across_opens_and_moves_with_writes(db):
    state = rocksdb_state(db)
    assert state is not None and state[0]  # the database's identity
    OxigraphStore(db, read_only=True).close()
    OxigraphStore(db).close()
    assert rocksdb_state(db) == state
    store = OxigraphStore(db)
    store.load_text(MORE, "turtle", graph="urn:more")
    assert rocksdb_state(db) != state
    store.close()
    assert rocksdb_state(db.parent / "no-such-store") is None


def test_another_store_at_the_same_path_is_not_taken_for_the_first(tmp_path, tiny, monkeypatch):
    path = tmp_path / "db"
    store = OxigraphStore(path)
    store.load([tiny])
    first = store.stats()
    store.close()
    # a store made anew at the same path, with the same data plus one claim
    shutil.rmtree(path)
    store = OxigraphStore(path)
    store.load([tiny])
    store.load_text(MORE, "turtle", graph="urn:more")
    assert store.stats().claims == first.claims + 1
    store.close()


def test_cache_off_or_unwritable_still_counts(db, tmp_path, monkeypatch):
    monkeypatch.setenv("PAG_CACHE_DIR", "")
    assert OxigraphStore(db, read_only=True).stats().claims == 2
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PAG_CACHE_DIR", str(blocker))
    assert OxigraphStore(db, read_only=True).stats().claims == 2
    # an unreadable cache entry is counted over, then rewritten
    cache = tmp_path / "cache"
    monkeypatch.setenv("PAG_CACHE_DIR", str(cache))
    OxigraphStore(db, read_only=True).stats()
    (entry,) = (cache / "stats").iterdir()
    entry.write_text("{not json")
    assert OxigraphStore(db, read_only=True).stats().claims == 2
    assert json.loads(entry.read_text())["stats"]["claims"] == 2


def test_memory_stores_are_not_cached(tiny, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("PAG_CACHE_DIR", str(cache))
    open_store("memory", data=[tiny]).stats()
    assert not cache.exists()


def test_cli_recount_and_cached_answers_agree(db, runner, cli, monkeypatch):
    spec = f"oxigraph-ro:{db}"
    cold = runner.invoke(cli, ["--store", spec, "stats", "--format", "json"])
    assert cold.exit_code == 0, cold.output
    warm = runner.invoke(cli, ["--store", spec, "stats", "--format", "json"])
    recount = runner.invoke(cli, ["--store", spec, "stats", "--recount", "--format", "json"])
    assert json.loads(cold.output) == json.loads(warm.output) == json.loads(recount.output)
    _no_queries(monkeypatch)
    assert runner.invoke(cli, ["--store", spec, "stats"]).exit_code == 0
    res = runner.invoke(cli, ["--store", spec, "stats", "--recount"])
    assert res.exit_code != 0 and "counted afresh" in res.output


def test_pag_stats_process_imports_neither_networkx_nor_shacl(db):
    # what keeps `pag stats` quick as a process: it reads no more than it needs
    code = (
        "import sys; from graph.__main__ import load_cli; cli = load_cli();\n"
        "try:\n    cli.pag(['--store', sys.argv[1], 'stats'], standalone_mode=False)\n"
        "finally:\n    print([m for m in ('networkx', 'pyshacl', 'pyvis') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, f"oxigraph-ro:{db}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
