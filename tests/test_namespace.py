from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from graph._codegen import render_namespace
from graph.namespace import APPROACH, ETYPE, PAG, STATUS
from graph.resources import ontology_path

CONTRACT = [
    "Actor", "Person", "Organization", "GovernmentBody", "Policy", "Claim", "Evidence",
    "Source", "supports", "attacks", "advocates", "opposes", "asserts", "source", "quote",
]  # fmt: skip


def test_generated_namespace_is_current():
    generated = Path(__file__).resolve().parent.parent / "graph" / "namespace.py"
    assert generated.read_text(encoding="utf-8") == render_namespace(), (
        "graph/namespace.py is stale: run `python -m graph._codegen`"
    )


def test_stale_namespace_is_detected(tmp_path):
    # an ontology with one more term renders differently: the check can fail
    text = ontology_path("pag.ttl").read_text(encoding="utf-8")
    extra = tmp_path / "pag.ttl"
    extra.write_text(text + "\npag:brandNew a owl:Class .\n", encoding="utf-8")
    assert "brandNew" in render_namespace(extra)
    assert render_namespace(extra) != render_namespace()


@pytest.mark.parametrize("name", CONTRACT)
def test_contract_terms_exist_with_label_and_comment(name):
    g = Graph().parse(ontology_path("pag.ttl"))
    term = URIRef(str(PAG) + name)
    assert getattr(PAG, name) == term
    assert (term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), None) in g
    assert (term, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), None) in g


def test_defined_namespace_fails_on_unknown_terms():
    with pytest.raises(AttributeError):
        _ = PAG.notAContractTerm


def test_concept_namespaces():
    assert STATUS["in-force"] == URIRef("https://w3id.org/pag/status/in-force")
    assert APPROACH["harm-reduction"].endswith("/approach/harm-reduction")
    assert ETYPE.statistic.endswith("/evidence-type/statistic")
