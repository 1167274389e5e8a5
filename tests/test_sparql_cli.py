"""`pag query`: named queries, files, stdin, bindings, formats, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "sparql-debate.trig"


@pytest.fixture
def q(cli, runner):
    def invoke(*args, input=None, store=None):
        pre = ["--store", store] if store else ["-d", str(FIXTURE)]
        return runner.invoke(cli, [*pre, "query", *args], input=input)

    return invoke


def test_list_describes_every_named_query(q):
    res = q("--list")
    assert res.exit_code == 0, res.output
    assert "policy-evidence  [select]  -p policy … -p source …" in res.output
    assert "source-graph  [construct]  -p source …" in res.output
    data = json.loads(q("--list", "--format", "json").output)
    assert {d["name"] for d in data} >= {"policy-evidence", "unsupported-claims", "contested-claims", "actor-stances"}
    assert all(set(d) == {"name", "form", "description", "parameters"} for d in data)


def test_named_query_with_bindings_as_csv(q):
    res = q("actor-stances", "-p", "actor", "actor:nurse", "--param", "policy", "policy:naloxone", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [
        "actor,actorLabel,stance,predicate,policy,policyLabel,source",
        "https://w3id.org/pag/id/actor/nurse,A Nurse,advocates,https://w3id.org/pag#advocates,"
        "https://w3id.org/pag/id/policy/naloxone,Naloxone in every pharmacy,https://w3id.org/pag/id/source/south",
    ]


def test_table_is_the_default(q):
    res = q("unsupported-claims")
    assert res.exit_code == 0
    assert res.output.splitlines() == [
        "claim                      label                source",
        "-------------------------  -------------------  ------------",
        "claim:users-are-criminals  Users are criminals  source:north",
        "(1 row)",
    ]


def test_json_tsv_md(q):
    data = json.loads(q("contested-claims", "--format", "json").output)
    assert data["head"]["vars"] == ["claim", "label", "attackers", "supporters"]
    assert data["results"]["bindings"][0]["attackers"] == {
        "type": "literal",
        "value": "1",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert q("contested-claims", "--format", "tsv").output.splitlines()[1].startswith(
        "<https://w3id.org/pag/id/claim/crackdown-saves-lives>\t\"The crackdown saves lives\"\t1\t1"
    )
    assert q("contested-claims", "--format", "md").output.splitlines()[2] == (
        "| claim:crackdown-saves-lives | The crackdown saves lives | 1 | 1 |"
    )


def test_construct_writes_ntriples_and_turtle(q, tmp_path):
    out = tmp_path / "south.nt"
    res = q("source-graph", "-p", "source", "source:south", "--format", "ntriples", "-o", str(out))
    assert res.exit_code == 0, res.output
    lines = out.read_text().splitlines()
    assert len(lines) == 40 and lines == sorted(lines)  # 39 stated + the pag:attacks of a pag:rebuts
    assert q("source-graph", "-p", "source", "source:south").output.startswith("@prefix")


def test_file_and_stdin(q, tmp_path):
    f = tmp_path / "count.rq"
    f.write_text("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a pag:Policy }\n")
    assert q(str(f), "--format", "csv").stdout_bytes == b"n\r\n2\r\n"
    assert q("-", input="ASK { actor:mayor pag:enacted policy:crackdown }").output == "true\n"
    assert q("-", input="ASK { actor:nurse pag:enacted policy:crackdown }").output == "false\n"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["policy-evidense"], None, "no named query 'policy-evidense'; did you mean policy-evidence"),
        (["nothing.rq"], None, "nothing.rq: no such file or named query"),
        ([], None, "give a named query, a .rq file or - for stdin"),
        (["-"], "SELECT * WHERE {\n ?s ?p }", "Error: <stdin>:2:2: SPARQL syntax error near '?s ?p }'"),
        (["-"], "SELECT * { SERVICE <http://evil.example/> { ?s ?p ?o } }", "SERVICE is not allowed"),
        (["-"], "LOAD <http://evil.example/x.ttl>", "LOAD is not allowed"),
        (["-"], "DELETE WHERE { ?s ?p ?o }", "is an update, not a query: run it with `pag query --update`"),
        (["policies", "-p", "statu", "status:proposed"], None, "the query has no variable ?statu"),
        (["source-graph", "--format", "csv"], None, "--format csv is for SELECT results"),
        (["--update", "-"], "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--store memory is not a writable persistent store"),
    ],
)
def test_errors_are_one_line_and_exit_2(q, args, stdin, message):
    res = q(*args, input=stdin)
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output


def test_timeout_stops_the_query(cli, runner):
    res = runner.invoke(cli, ["query", "--timeout", "1", "-"], input="SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert res.exit_code == 2
    assert "ran longer than 1 s and was stopped" in res.output


def test_update_on_a_persistent_store(q, tmp_path):
    spec = f"oxigraph:{tmp_path / 'db'}"
    res = q("--update", "-", input='INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label "added" } }', store=spec)
    assert res.exit_code == 0, res.output
    assert q("-", input='ASK { <urn:a> rdfs:label "added" }', store=spec).output == "true\n"
    res = q("--update", "-", input="LOAD <http://example.org/x.ttl>", store=spec)
    assert res.exit_code == 2 and "LOAD is not allowed" in res.output
