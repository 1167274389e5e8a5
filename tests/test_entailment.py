"""Every load materialises the pag super-properties, so plain SPARQL sees the whole argument."""

from __future__ import annotations

import pytest

from graph.stores import OxigraphStore, open_store
from graph.stores.base import without_entailed
from graph.vocab import SUPER_PROPERTIES

ASK = (
    "PREFIX pag: <https://w3id.org/pag#> PREFIX claim: <https://w3id.org/pag/id/claim/> "
    "ASK { claim:crackdowns-fill-prisons-without-disrupting-markets pag:attacks "
    "claim:prosecuting-small-synthetic-opioid-cases-saves-lives }"
)
MISSING = """PREFIX pag: <https://w3id.org/pag#>
SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{sub}> ?o }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?s <{sup}> ?o }} }} }}"""


def _missing(store) -> int:
    return sum(
        int(store.query(MISSING.format(sub=sub, sup=sup)).rows[0][0])
        for sub, sups in SUPER_PROPERTIES.items()
        for sup in sups
    )


@pytest.mark.parametrize("kind", ["memory", "rdflib", "disk"])
def test_corpus_attacks_are_visible_to_plain_sparql(kind, tmp_path) -> None:
    if kind == "disk":
        store = OxigraphStore(tmp_path / "db")
        from graph.resources import corpus_files

        store.load(corpus_files())
    else:
        store = open_store(kind)
    assert store.query(ASK).boolean
    assert _missing(store) == 0


def test_load_text_materialises_in_its_graph_and_is_idempotent() -> None:
    store = open_store("memory", data=[])
    ttl = "@prefix pag: <https://w3id.org/pag#> . <urn:x> pag:undercuts <urn:y> . <urn:a> pag:votedFor <urn:p> ."
    store.load_text(ttl, "turtle", graph="urn:g")
    store.load_text(ttl, "turtle", graph="urn:g")
    got = sorted((str(s), str(p).rsplit("#")[1], str(o), str(g)) for s, p, o, g in store.quads())
    assert got == [
        ("urn:a", "advocates", "urn:p", "urn:g"),
        ("urn:a", "votedFor", "urn:p", "urn:g"),
        ("urn:x", "attacks", "urn:y", "urn:g"),
        ("urn:x", "undercuts", "urn:y", "urn:g"),
    ]
    # the default graph gets its own, and what named graphs say is not copied there
    store.load_text("<urn:d> <https://w3id.org/pag#rebuts> <urn:e> .", "turtle")
    default = sorted(str(p).rsplit("#")[1] for _s, p, _o, g in store.quads() if g is None)
    assert default == ["attacks", "rebuts"]
    assert [str(q[1]).rsplit("#")[1] for q in without_entailed(store.quads()) if q[0].endswith("x")] == ["undercuts"]
