"""pag validate: SHACL, references, quote fidelity; exit codes 0/1/2."""

import json

import pytest

from graph.stores import open_store
from graph.validate import validate

PREFIXES = """@prefix pag: <https://w3id.org/pag#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix s: <https://w3id.org/pag/id/source/> .
"""


def _write(tmp_path, body, name="x.trig"):
    f = tmp_path / name
    f.write_text(PREFIXES + body, encoding="utf-8")
    return f


SOURCE = 's:x { s:x a pag:Source ; rdfs:label "X" ; dcterms:title "X" ; pag:seedFile "alpha.txt" .\n'


def test_tiny_fixture_is_valid(tiny, tiny_texts):
    rep = validate(open_store("memory", data=[tiny]), texts=tiny_texts, files=[tiny])
    assert rep.conforms, rep.problems
    assert rep.quotes_checked == 5 and rep.quotes_verbatim == 5
    assert rep.checks == ["shacl", "reference", "quote"]


def test_missing_label_source_and_quote_are_reported_with_line(tmp_path):
    f = _write(tmp_path, SOURCE + "<urn:c> a pag:Claim .\n}\n")
    rep = validate(open_store("memory", data=[f]), files=[f])
    assert not rep.conforms
    msgs = sorted(p.message for p in rep.errors if p.node == "urn:c")
    assert any("rdfs:label" in m for m in msgs)
    assert any("pag:source" in m for m in msgs)
    assert any("pag:quote" in m for m in msgs)
    assert all(p.file == str(f) and p.line == 6 for p in rep.errors if p.node == "urn:c")


def test_stance_from_a_non_actor_is_an_error(tmp_path):
    f = _write(
        tmp_path,
        SOURCE
        + '<urn:p> a pag:Policy ; rdfs:label "P" ; pag:source s:x .\n'
        + '<urn:c> a pag:Claim ; rdfs:label "C" ; pag:source s:x ; pag:quote "Alpha." ; pag:advocates <urn:p> .\n}\n',
    )
    rep = validate(open_store("memory", data=[f]))
    assert any(p.check == "shacl" and p.node == "urn:c" and "not a pag:Actor" in p.message for p in rep.errors)


def test_dangling_reference(tmp_path):
    f = _write(
        tmp_path,
        SOURCE + '<urn:c> a pag:Claim ; rdfs:label "C" ; pag:source s:x ; pag:quote "Alpha." ; pag:supports <urn:nowhere> .\n}\n',
    )
    rep = validate(open_store("memory", data=[f]), shacl=False)
    refs = [p for p in rep.errors if p.check == "reference"]
    assert len(refs) == 1
    assert "urn:nowhere" in refs[0].message and "not declared" in refs[0].message


def test_quote_not_verbatim(tmp_path, tiny_texts):
    f = _write(
        tmp_path,
        SOURCE + '<urn:c> a pag:Claim ; rdfs:label "C" ; pag:source s:x ; pag:quote "The crackdown began in April." .\n}\n',
    )
    rep = validate(open_store("memory", data=[f]), texts=tiny_texts, shacl=False)
    assert [p.check for p in rep.errors] == ["quote"]
    assert "not found verbatim in alpha.txt" in rep.errors[0].message


def test_quote_joined_across_line_break_and_hyphenation_is_verbatim(tmp_path, tiny_texts):
    # beta.txt breaks "dis-\nrupt" across a line
    f = _write(
        tmp_path,
        SOURCE.replace("alpha.txt", "beta.txt")
        + '<urn:c> a pag:Claim ; rdfs:label "C" ; pag:source s:x ; pag:quote "does virtually nothing to disrupt drug markets" .\n}\n',
    )
    rep = validate(open_store("memory", data=[f]), texts=tiny_texts, shacl=False)
    assert rep.conforms and rep.quotes_verbatim == 1


def test_cli_exit_codes(cli, runner, tiny, tiny_texts, tmp_path):
    ok = runner.invoke(cli, ["--data", str(tiny), "validate", "--texts", str(tiny_texts)])
    assert ok.exit_code == 0, ok.output
    assert "valid:" in ok.output and "5/5 quotes verbatim" in ok.output
    bad = _write(tmp_path, SOURCE + "<urn:c> a pag:Claim .\n}\n")
    res = runner.invoke(cli, ["validate", str(bad)])
    assert res.exit_code == 1
    assert f"{bad}:6:" in res.output
    res = runner.invoke(cli, ["validate", str(bad), "--format", "json"])
    data = json.loads(res.output)
    assert data["conforms"] is False
    assert {p["node"] for p in data["problems"]} == {"urn:c"}
    broken = tmp_path / "broken.trig"
    broken.write_text("<urn:g> { <urn:a> <urn:b> ", encoding="utf-8")
    res = runner.invoke(cli, ["validate", str(broken)])
    assert res.exit_code == 2
    assert res.output.startswith(f"Error: {broken}:")


@pytest.mark.slow
def test_bundled_corpus_is_valid_with_every_quote_verbatim(cli, runner, seeds):
    res = runner.invoke(cli, ["validate", "--texts", str(seeds), "--format", "json"])
    data = json.loads(res.output)
    assert data["problems"] == [] or all(p["severity"] == "warning" for p in data["problems"]), data["problems"][:5]
    assert res.exit_code == 0
    assert data["quotes_checked"] > 0
    assert data["quotes_verbatim"] == data["quotes_checked"]
