"""The store interface: the same answers from every local backend."""

import pytest
from rdflib import Literal, URIRef

from graph.errors import InputError, ParseError, QueryError, StoreError
from graph.export import export
from graph.namespace import PAG
from graph.sparqltext import query_form
from graph.stores import OxigraphStore, RdflibStore, open_store

ALPHA = "https://w3id.org/pag/id/source/alpha"
BETA = "https://w3id.org/pag/id/source/beta"


@pytest.fixture(params=["memory", "rdflib", "oxigraph"])
def store(request, tiny, tmp_path):
    if request.param == "oxigraph":
        s = open_store(f"oxigraph:{tmp_path / 'db'}")
        s.load([tiny])
    else:
        s = open_store(request.param, data=[tiny])
    yield s
    s.close()


def test_stats_are_the_same_on_every_backend(store):
    st = store.stats()
    assert (st.actors, st.policies, st.claims, st.evidence, st.sources, st.measures) == (2, 1, 2, 2, 2, 1)
    assert st.graphs == 2
    assert st.triples == 58
    by = {row["graph"]: row for row in st.by_source}
    assert by[ALPHA]["claims"] == 1 and by[BETA]["claims"] == 1
    assert by[ALPHA]["title"] == "Alpha report"


def test_graph_names_are_the_sources(store):
    assert store.graph_names() == [ALPHA, BETA]


def test_query_with_bindings_binds_values_not_text(store):
    q = "PREFIX pag: <https://w3id.org/pag#> SELECT ?c WHERE { ?c pag:supports ?target } ORDER BY ?c"
    res = store.query(q, bindings={"target": URIRef("https://w3id.org/pag/id/policy/crackdown")})
    assert res.variables == ["c"]
    assert res.rows == [(URIRef("https://w3id.org/pag/id/claim/crackdown-saves-lives"),)]
    # a literal that looks like SPARQL is just a value
    res = store.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s WHERE { ?s rdfs:label ?l }",
        bindings={"l": Literal('x" } ; DROP ALL ; #')},
    )
    assert res.rows == []


def test_ask_and_construct(store):
    assert store.query("ASK { ?s a <https://w3id.org/pag#Claim> }").boolean is True
    res = store.query("CONSTRUCT { ?s a ?t } WHERE { ?s a <https://w3id.org/pag#Measure> . ?s a ?t }")
    assert res.kind == "graph"
    assert res.triples == [(URIRef("https://w3id.org/pag/id/measure/daily-overdoses"), URIRef(str(PAG.Measure)).__class__(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), PAG.Measure)]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(store, query):
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        store.query(query)


def test_service_inside_a_string_is_fine(store):
    res = store.query('SELECT ?x WHERE { BIND("SERVICE LOAD" AS ?x) }')
    assert res.rows == [(Literal("SERVICE LOAD"),)]


def test_syntax_error_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.query("SELECT ?x WHERE { ?x ")
    with pytest.raises(QueryError) as info:
        store.query("SELEKT ?x WHERE { ?x ?p ?o }")
    assert "update" not in str(info.value)


def test_load_is_all_or_nothing(store, tmp_path):
    before = store.triple_count()
    bad = tmp_path / "bad.trig"
    bad.write_text('<urn:g> { <urn:a> <urn:b> "ok" . }\n<urn:g> { <urn:a> <urn:b> "broken }\n', encoding="utf-8")
    with pytest.raises(ParseError) as info:
        store.load([bad])
    assert info.value.file == str(bad)
    assert store.triple_count() == before


def test_update_on_read_only_store_is_refused(tiny, tmp_path):
    path = tmp_path / "db"
    s = open_store(f"oxigraph:{path}")
    s.load([tiny])
    s.close()
    del s
    ro = open_store(f"oxigraph-ro:{path}")
    assert ro.stats().claims == 2
    with pytest.raises(StoreError, match="read-only"):
        ro.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_persistent_store_keeps_data_between_opens(tiny, tmp_path):
    path = tmp_path / "db"
    s = OxigraphStore(path)
    s.load([tiny])
    s.close()
    del s
    again = OxigraphStore(path)
    assert again.stats().claims == 2


def test_turtle_goes_to_a_graph_named_by_its_file(tmp_path):
    f = tmp_path / "x.ttl"
    f.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    for s in (OxigraphStore(), RdflibStore()):
        s.load([f])
        assert s.graph_names() == [f.resolve().as_uri()]
        s.load([f], graph="urn:mine")
        assert "urn:mine" in s.graph_names()


def test_unknown_files_and_formats(tmp_path):
    s = OxigraphStore()
    with pytest.raises(InputError, match="no such file"):
        s.load([tmp_path / "missing.trig"])
    odd = tmp_path / "x.docx"
    odd.write_text("hi", encoding="utf-8")
    with pytest.raises(InputError, match="unknown RDF format"):
        s.load([odd])


def test_unknown_store_spec():
    with pytest.raises(InputError, match="unknown store"):
        open_store("bogus:thing")


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * {}", "select"),
        ("PREFIX a: <urn:x#>\nPREFIX b: <urn:y#> ASK {}", "ask"),
        ("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "construct"),
        ("BASE <urn:x> DESCRIBE <urn:y>", "describe"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "update"),
        ("PREFIX a: <urn:x#> DELETE WHERE { ?s ?p ?o }", "update"),
        ("SELEKT * {}", "unknown"),
    ],
)
def test_query_form(text, form):
    assert query_form(text) == form


def test_dump_nquads_is_sorted_and_complete(store):
    import io

    out = io.BytesIO()
    export(store, "nquads", out)
    lines = out.getvalue().decode().splitlines()
    assert lines == sorted(lines)
    assert len(lines) == 58
    assert all(line.endswith(f"<{ALPHA}> .") or line.endswith(f"<{BETA}> .") for line in lines)
