"""Imports into a remote SPARQL store go through the store's chunked loads and
come out the same as from the embedded store (servers started by .ci/servers.sh)."""

from __future__ import annotations

import json

import pytest

from graph.interop.aif import import_aif, to_aif
from graph.interop.argdown import import_argdown
from graph.stores import OxigraphStore
from tests.test_remote_stores import server_store

KINDS = [pytest.param(k, marks=pytest.mark.server) for k in ("oxigraph", "virtuoso")]


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch):
    import os

    for var in list(os.environ):
        if var.startswith("PAG_SPARQL_") or var == "PAG_STORE":
            monkeypatch.delenv(var)


@pytest.mark.parametrize("kind", KINDS)
def test_aif_and_argdown_into_a_remote_store(kind, interop_samples, monkeypatch):
    store = server_store(kind)
    store.clear()
    try:
        monkeypatch.setattr(store, "chunk_size", 500, raising=False)  # several requests per map
        files = sorted((interop_samples / "aif").glob("*.json"))
        summary = import_aif(files, store, batch_size=1000)
        local = OxigraphStore()
        import_aif(files, local)
        assert summary.ok and summary.maps == 4
        assert store.stats(by_source=False).claims == local.stats(by_source=False).claims == 64
        assert store.graph_names() == local.graph_names()
        doc, _ = to_aif(store.quads())
        ref, _ = to_aif(local.quads())
        assert json.dumps(doc, sort_keys=True) == json.dumps(ref, sort_keys=True)
        ad = import_argdown(sorted((interop_samples / "argdown").glob("*.argdown")), store)
        assert ad.ok and store.stats(by_source=False).claims == 64 + 39
    finally:
        store.clear()
        store.close()
