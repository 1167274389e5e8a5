"""The named query library (graph/queries/*.rq) on a fixture debate and the bundled corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import URIRef

from graph.sparql import load_query, named_queries, parse_term, run
from graph.stores import open_store
from graph.terms import curie

FIXTURE = Path(__file__).parent / "fixtures" / "sparql-debate.trig"


@pytest.fixture(scope="module")
def store():
    return open_store("memory", data=[FIXTURE])


def rows(store, name, **params):
    q = load_query(name)
    res = run(store, q.text, bindings={k: parse_term(v) for k, v in params.items()})
    return [tuple(None if t is None else curie(str(t)) if isinstance(t, URIRef) else str(t) for t in r) for r in res.rows]


def test_every_query_documents_itself():
    queries = named_queries()
    assert len(queries) >= 10
    for q in queries:
        assert q.text.startswith("#"), q.name
        assert len(q.description) > 40, q.name
        assert q.parameters, f"{q.name} names no bindable variable"
        used = set(re.findall(r"[?$]([A-Za-z_]\w*)", q.text.split("\n", 1)[1]))
        for p in q.parameters:
            assert p in used, f"{q.name}: ?{p} is documented but not used"
        assert q.form in {"select", "construct"}


def test_policy_evidence(store):
    assert rows(store, "policy-evidence") == [
        ("policy:crackdown", "Crackdown", "evidence:deaths-fell", "Deaths fell to 10 a month", "source:north", "deaths fell to 10 a month"),
        ("policy:naloxone", "Naloxone in every pharmacy", "evidence:ems-reversals", "EMS reversed 300 overdoses", "source:south", "we reversed 300 overdoses"),
    ]
    assert [r[2] for r in rows(store, "policy-evidence", policy="policy:naloxone")] == ["evidence:ems-reversals"]


def test_unsupported_and_contested_claims(store):
    assert rows(store, "unsupported-claims") == [("claim:users-are-criminals", "Users are criminals", "source:north")]
    assert rows(store, "unsupported-claims", source="source:south") == []
    assert rows(store, "contested-claims") == [("claim:crackdown-saves-lives", "The crackdown saves lives", "1", "1")]


def test_actor_stances(store):
    assert rows(store, "actor-stances", actor="actor:nurse") == [
        ("actor:nurse", "A Nurse", "opposes", "pag:opposes", "policy:crackdown", "Crackdown", "source:south"),
        ("actor:nurse", "A Nurse", "advocates", "pag:advocates", "policy:naloxone", "Naloxone in every pharmacy", "source:south"),
    ]
    mayor = rows(store, "actor-stances", actor="actor:mayor", policy="policy:crackdown")
    assert [r[3] for r in mayor] == ["pag:advocates", "pag:enacted"]  # sub-properties count as advocating
    assert {r[2] for r in mayor} == {"advocates"}


def test_conflicting_backers(store):
    assert rows(store, "conflicting-backers") == [
        ("actor:mayor", "The Mayor", "policy:crackdown", "Crackdown", "policy:naloxone", "Naloxone in every pharmacy", "claim:users-are-criminals")
    ]


def test_evidence_by_source_and_type(store):
    assert rows(store, "evidence-counts") == [
        ("source:north", "etype:statistic", "1"),
        ("source:south", "etype:official-data", "1"),
        ("source:south", "etype:testimony", "1"),
    ]
    assert rows(store, "evidence", type="etype:testimony") == [
        ("evidence:ems-reversals", "EMS reversed 300 overdoses", "etype:testimony", None, None, "source:south")
    ]
    assert [r[0] for r in rows(store, "evidence", source="source:north")] == ["evidence:deaths-fell"]


def test_disagreeing_figures(store):
    assert rows(store, "disagreeing-figures") == [
        ("measure:monthly-deaths", "evidence:deaths-fell", "10", "deaths per month", "source:north",
         "evidence:deaths-rose", "14", "deaths per month", "source:south")
    ]


def test_source_quotes_and_policies(store):
    quotes = rows(store, "source-quotes", source="source:south")
    assert [(r[1], r[3], r[4]) for r in quotes] == [
        ("claim:naloxone-saves-lives", "pag:Claim", "naloxone reverses an overdose in minutes"),
        ("evidence:deaths-rose", "pag:Evidence", "deaths rose to 14 a month"),
        ("evidence:ems-reversals", "pag:Evidence", "we reversed 300 overdoses"),
    ]
    [row] = rows(store, "policies", approach="approach:harm-reduction")
    assert row[:4] == ("policy:naloxone", "Naloxone in every pharmacy", "proposed", "harm-reduction")
    assert row[4] in (None, "")  # no jurisdiction: engines differ on an empty GROUP_CONCAT


def test_policies_is_one_row_per_policy():
    """Multi-valued status/approach/jurisdiction are joined, never multiplied (issue 15: 245 rows for 135)."""
    from graph.stores import open_store

    corpus = open_store(None)
    res = run(corpus, load_query("policies").text)
    ids = [str(r[0]) for r in res.rows]
    n = run(corpus, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a pag:Policy ; pag:status ?s ; pag:approach ?a }").rows[0][0]
    assert len(ids) == len(set(ids)) == int(str(n)) > 100
    by_id = {str(r[0]): [str(x) for x in r[1:]] for r in res.rows}
    several = [v for v in by_id.values() if ", " in v[2]]
    assert several, "some policy has several approaches, joined in one cell"


def test_source_graph_is_the_named_graph(store):
    res = run(store, load_query("source-graph").text, bindings={"source": parse_term("source:south")})
    expected = run(store, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/pag/id/source/south> { ?s ?p ?o } }")
    assert res.kind == "graph"
    assert set(res.triples) == set(expected.triples)
    assert len(set(res.triples)) == 39


def test_rdflib_engine_gives_the_same_answers(store):
    slow = open_store("rdflib", data=[FIXTURE])
    for q in named_queries():
        a, b = run(store, q.text), run(slow, q.text)
        if q.form == "select":
            # compare lexical forms: rdflib's MIN() turns IRIs into literals
            assert sorted(tuple(map(str, r)) for r in a.rows) == sorted(tuple(map(str, r)) for r in b.rows), q.name
        else:
            assert set(a.triples) == set(b.triples), q.name


def test_every_named_query_answers_on_the_bundled_corpus():
    corpus = open_store("memory")
    for q in named_queries():
        res = run(corpus, q.text, timeout=60)
        n = len(res.rows) if res.kind == "select" else len(res.triples)
        if q.name == "disagreeing-figures" and n == 0:
            # the same rule as the figures report: empty only if that finds nothing too
            from graph.analysis.figures import disagreeing_figures
            from graph.model import project

            assert disagreeing_figures(project(corpus, provenance=True)) == []
            continue
        assert n > 0, f"{q.name} returned nothing on the bundled corpus"
    sessions = run(corpus, load_query("actor-stances").text, bindings={"actor": parse_term("actor:jeff-sessions")})
    assert sessions.rows and all(str(r[0]).endswith("/jeff-sessions") for r in sessions.rows)
