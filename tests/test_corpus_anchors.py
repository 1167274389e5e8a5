"""Every quote of the bundled corpus is anchored in its text (W3C Web Annotation selectors)."""

from __future__ import annotations

import hashlib

import pytest
from rdflib import RDF, URIRef

from graph.anchors import OA
from graph.namespace import PAG
from graph.resources import corpus_files, data_dir
from graph.stores import open_store
from graph.textmatch import find_quote


@pytest.fixture(scope="module")
def ds():
    return open_store("memory").to_dataset()


def _gid(g) -> str:
    return str(getattr(g, "identifier", g))


def test_every_quote_has_an_anchor_that_resolves_to_it(ds, seeds):
    seed_of = {str(s): str(o) for s, o in ds.subject_objects(PAG.seedFile)}
    texts = {src: (seeds / f).read_text(encoding="utf-8") for src, f in seed_of.items()}
    anchors = {}
    for a, _p, node, g in ds.quads((None, PAG.anchorOf, None, None)):
        anchors[(_gid(g), str(node), str(ds.value(a, RDF.value)))] = a
    checked = 0
    for node, _p, quote, g in ds.quads((None, PAG.quote, None, None)):
        src = _gid(g)
        a = anchors[(src, str(node), str(quote))]
        assert ds.value(a, OA.hasSource) == URIRef(src)
        sels = {ds.value(sel, RDF.type): sel for sel in ds.objects(a, OA.hasSelector)}
        pos, tq = sels[OA.TextPositionSelector], sels[OA.TextQuoteSelector]
        start, end = int(ds.value(pos, OA.start)), int(ds.value(pos, OA.end))
        text = texts[src]
        exact = text[start:end]
        assert exact == str(ds.value(tq, OA.exact))
        assert find_quote(str(quote), exact), (node, quote)
        assert text[:start].endswith(str(ds.value(tq, OA.prefix)))
        assert text[end:].startswith(str(ds.value(tq, OA.suffix)))
        checked += 1
    assert checked >= 880


def test_each_source_records_the_sha256_of_its_text(ds, seeds):
    for src, seed in ds.subject_objects(PAG.seedFile):
        digest = hashlib.sha256((seeds / str(seed)).read_bytes()).hexdigest()
        assert str(ds.value(src, PAG.sha256)) == digest


def test_the_corpus_ships_no_copy_of_the_texts(seeds):
    shipped = b"".join(p.read_bytes() for p in data_dir().iterdir() if p.is_file())
    assert not any(p.suffix == ".txt" for p in data_dir().iterdir())
    for text in seeds.glob("*.txt"):
        body = text.read_text(encoding="utf-8")
        # no paragraph-sized run of any text is stored (quotes are sentences)
        longest = max(body.split("\n\n"), key=len)
        assert longest.encode("utf-8") not in shipped, text.name


def test_anchor_files_are_current(tmp_path, seeds):
    from rdflib import Dataset

    from graph.anchors import write_anchors

    ds = Dataset(default_union=True)
    for f in corpus_files():
        if not f.name.endswith(".anchors.trig"):
            ds.parse(f, format="trig")
    written, missing = write_anchors(ds, seeds, tmp_path)
    assert missing == []
    for f in written:
        assert f.read_text(encoding="utf-8") == (data_dir() / f.name).read_text(encoding="utf-8"), (
            f"{f.name} is stale: run `python -m graph.anchors ../shared/seeds`"
        )
