"""graph.sparql: bindings, safety, timeouts, errors and the W3C result formats."""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph.errors import InputError, ParseError, QueryError
from graph.sparql import format_result, parse_bindings, parse_term, run, run_update
from graph.sparqltext import with_prefixes
from graph.stores import QueryResult, open_store

FIXTURE = Path(__file__).parent / "fixtures" / "sparql-debate.trig"

MIXED = QueryResult(
    "select",
    variables=["a", "b"],
    rows=[
        (URIRef("urn:x"), Literal("say \"hi\", ok", lang="en")),
        (BNode("b0"), Literal("42", datatype=XSD.integer)),
        (Literal("tab\there"), None),
    ],
)


@pytest.fixture(scope="module")
def store():
    return open_store("memory", data=[FIXTURE])


# -- bindings -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("policy:crackdown", URIRef("https://w3id.org/pag/id/policy/crackdown")),
        ("<urn:a>", URIRef("urn:a")),
        ("https://example.org/x", URIRef("https://example.org/x")),
        ("-3", Literal("-3", datatype=XSD.integer)),
        ("2.5", Literal("2.5", datatype=XSD.decimal)),
        ("true", Literal("true", datatype=XSD.boolean)),
        ('"2020"^^xsd:gYear', Literal("2020", datatype=XSD.gYear)),
        ('"hola"@es', Literal("hola", lang="es")),
        ("The Mayor", Literal("The Mayor")),
        ("nope:x", Literal("nope:x")),
    ],
)
def test_parse_term(text, term):
    assert parse_term(text) == term


@given(st.text(min_size=1).filter(lambda s: s.strip() == s and not s.startswith(("<", '"'))))
def test_any_text_binds_as_a_term_never_as_query_text(text):
    term = parse_term(text)
    assert isinstance(term, URIRef | Literal)


def test_a_bound_value_is_never_pasted_into_the_query(store):
    evil = '" } } ; DROP ALL ; SELECT * { ?s ?p "'
    res = run(store, "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }", bindings=parse_bindings([("l", evil)]))
    assert res.rows == []
    label = run(store, "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }", bindings=parse_bindings([("l", "A Nurse")]))
    assert label.rows == [(URIRef("https://w3id.org/pag/id/actor/nurse"),)]


def test_unknown_variable_is_an_error():
    with pytest.raises(InputError, match=r"no variable \?polcy; its variables: \?p, \?policy"):
        parse_bindings([("polcy", "x")], "SELECT ?policy WHERE { ?policy ?p [] }")
    with pytest.raises(InputError, match="not a SPARQL variable"):
        parse_bindings([("1x", "x")])


def test_known_prefixes_are_declared_for_the_user(store):
    text, shift = with_prefixes("# pag:Claim in a comment\nASK { ?c a pag:Claim ; rdfs:label \"x:y\" }")
    assert shift == 1
    assert text.splitlines()[0] == "PREFIX pag: <https://w3id.org/pag#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
    assert with_prefixes("PREFIX pag: <urn:mine#>\nASK { ?c a pag:Claim }")[1] == 0
    assert run(store, "ASK { claim:users-are-criminals pag:attacks policy:naloxone }").boolean is True


# -- safety ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
        ("select * where { service silent <http://example.org/> { ?s ?p ?o } }", "SERVICE is not allowed"),
        ("LOAD <http://example.org/data.ttl>", "LOAD is not allowed"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "is an update, not a query"),
        ("PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }", "is an update, not a query"),
    ],
)
def test_untrusted_queries_are_refused(store, query, message):
    with pytest.raises(QueryError, match=message):
        run(store, query)
    assert len(store.ox) > 0


def test_the_word_service_inside_a_string_is_fine(store):
    res = run(store, 'SELECT ?s WHERE { ?s ?p "SERVICE LOAD" } # SERVICE in a comment')
    assert res.rows == []


def test_update_needs_a_writable_store(tmp_path):
    disk = open_store(f"oxigraph:{tmp_path / 'db'}", data=[FIXTURE])
    run_update(disk, "INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label \"new\" } }")
    assert run(disk, 'ASK { <urn:a> rdfs:label "new" }').boolean is True
    with pytest.raises(QueryError, match="LOAD is not allowed"):
        run_update(disk, "LOAD <http://example.org/x.ttl>")
    with pytest.raises(QueryError, match="is a query, not an update"):
        run_update(disk, "ASK {}")
    disk.close()


# -- errors ---------------------------------------------------------------


def test_syntax_errors_name_line_and_column(store):
    with pytest.raises(ParseError) as info:
        run(store, "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?s = )\n}", where="mine.rq")
    err = info.value
    assert (err.file, err.line, err.column) == ("mine.rq", 4, 3)
    assert str(err) == "mine.rq:4:3: SPARQL syntax error near 'FILTER(?s = )'"
    with pytest.raises(ParseError, match=r"^<query>:3:13: SPARQL syntax error near '\.'"):
        run(store, "SELECT ?s\nWHERE {\n  ?s ?p ?o ..\n  ?a ?b ?c .\n}")
    # the added PREFIX line does not shift what the user sees
    with pytest.raises(ParseError) as info:
        run(store, "ASK {\n ?c a pag:Claim FILTER( }")
    assert info.value.line == 2
    with pytest.raises(ParseError, match=r"^<query>:1:\d+: SPARQL syntax error"):
        run(store, "SELEC * {}")


def test_timeout_really_stops_a_runaway_query():
    corpus = open_store("memory")  # ~7,000 statements: a triple cross join never ends
    start = time.monotonic()
    with pytest.raises(QueryError, match=r"ran longer than 1 s and was stopped"):
        run(corpus, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1)
    assert time.monotonic() - start < 10
    # the store still answers afterwards
    assert run(corpus, "ASK { ?s ?p ?o }", timeout=5).boolean is True


def test_worker_errors_come_back_as_query_errors(store):
    res = run(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s a pag:Policy }", timeout=10)
    assert res.rows == [(Literal("4", datatype=XSD.integer),)]


# -- formats --------------------------------------------------------------


def test_json_is_the_w3c_format():
    doc = json.loads(format_result(MIXED, "json"))
    assert doc == {
        "head": {"vars": ["a", "b"]},
        "results": {
            "bindings": [
                {"a": {"type": "uri", "value": "urn:x"}, "b": {"type": "literal", "value": 'say "hi", ok', "xml:lang": "en"}},
                {"a": {"type": "bnode", "value": "b0"}, "b": {"type": "literal", "value": "42", "datatype": str(XSD.integer)}},
                {"a": {"type": "literal", "value": "tab\there"}},
            ]
        },
    }
    assert json.loads(format_result(QueryResult("ask", boolean=False), "json")) == {"head": {}, "boolean": False}


def test_csv_is_the_w3c_format():
    data = format_result(MIXED, "csv")
    assert data == b'a,b\r\nurn:x,"say ""hi"", ok"\r\n_:b0,42\r\ntab\there,\r\n'
    assert list(csv.reader(io.StringIO(data.decode()))) == [["a", "b"], ["urn:x", 'say "hi", ok'], ["_:b0", "42"], ["tab\there", ""]]


def test_tsv_is_the_w3c_format():
    assert format_result(MIXED, "tsv").decode().splitlines() == [
        "?a\t?b",
        '<urn:x>\t"say \\"hi\\", ok"@en',
        "_:b0\t42",
        '"tab\\there"\t',
    ]


def test_xml_is_the_w3c_format():
    root = ET.fromstring(format_result(MIXED, "xml"))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["a", "b"]
    results = root.findall("r:results/r:result", ns)
    assert len(results) == 3
    lit = results[0].find("r:binding[@name='b']/r:literal", ns)
    assert lit is not None and lit.text == 'say "hi", ok'
    assert lit.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert results[2].find("r:binding[@name='b']", ns) is None


def test_table_and_markdown_use_curies():
    res = QueryResult("select", variables=["p", "label"], rows=[(URIRef("https://w3id.org/pag/id/policy/x"), Literal("a|b"))])
    assert format_result(res, "table").decode() == "p         label\n--------  -----\npolicy:x  a|b\n(1 row)\n"
    assert format_result(res, "md").decode() == "| p | label |\n|---|---|\n| policy:x | a\\|b |\n"


def test_graph_formats(store):
    res = run(store, "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a pag:Measure ; rdfs:label ?l }")
    assert format_result(res, "ntriples") == (
        b'<https://w3id.org/pag/id/measure/monthly-deaths> <http://www.w3.org/2000/01/rdf-schema#label> "Overdose deaths per month" .\n'
    )
    assert b"measure:monthly-deaths rdfs:label" in format_result(res, "turtle")
    with pytest.raises(InputError, match="is for SELECT results"):
        format_result(res, "csv")
    with pytest.raises(InputError, match="is for CONSTRUCT/DESCRIBE"):
        format_result(MIXED, "turtle")
    assert format_result(QueryResult("ask", boolean=True), "table") == b"true\n"


_terms = st.one_of(
    st.from_regex(r"https://example\.org/[a-z0-9/#_-]{0,20}", fullmatch=True).map(URIRef),
    st.text().map(Literal),
    st.tuples(st.text(), st.sampled_from(["en", "es", "de-CH"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers().map(lambda i: Literal(str(i), datatype=XSD.integer)),
    st.from_regex(r"b[a-z0-9]{1,8}", fullmatch=True).map(BNode),
    st.none(),
)


@given(st.lists(st.tuples(_terms, _terms), max_size=5))
def test_json_results_round_trip_through_the_remote_reader(rows):
    from graph.stores.remote import _term_from_json

    res = QueryResult("select", variables=["x", "y"], rows=rows)
    doc = json.loads(format_result(res, "json"))
    back = [tuple(_term_from_json(b.get(v)) for v in doc["head"]["vars"]) for b in doc["results"]["bindings"]]
    assert back == rows


def test_timeout_on_an_on_disk_store(tmp_path):
    disk = open_store(f"oxigraph:{tmp_path / 'db'}")
    disk.load([FIXTURE])
    many = "\n".join(f"<urn:s{i}> <urn:p> <urn:o{i}> ." for i in range(3000))
    disk.load_text(many, "ntriples", graph="urn:g")
    with pytest.raises(QueryError, match="ran longer than 1 s"):
        run(disk, "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1)
    assert run(disk, "ASK { <urn:s1> <urn:p> <urn:o1> }", timeout=5).boolean is True
    disk.close()
