from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from graph._codegen import GENERATED, render_namespace, render_vocab
from graph.namespace import APPROACH, ETYPE, PAG, STATUS
from graph.resources import ontology_path

CONTRACT = [
    "Actor", "Person", "Organization", "GovernmentBody", "Policy", "Claim", "Evidence",
    "Source", "supports", "attacks", "advocates", "opposes", "asserts", "source", "quote",
]  # fmt: skip


GRAPH = Path(__file__).resolve().parent.parent / "graph"


@pytest.mark.parametrize("rel", sorted(GENERATED))
def test_generated_files_are_current(rel):
    assert (GRAPH / rel).read_text(encoding="utf-8") == GENERATED[rel](), (
        f"graph/{rel} is stale: run `python -m graph._codegen`"
    )


def test_relation_folding_follows_the_ontology(tmp_path):
    # a new sub-property in the ontology folds into its contract relation
    text = ontology_path("pag.ttl").read_text(encoding="utf-8")
    extra = tmp_path / "pag.ttl"
    extra.write_text(text + "\npag:concedes a owl:ObjectProperty ; rdfs:subPropertyOf pag:rebuts .\n", encoding="utf-8")
    assert '"https://w3id.org/pag#concedes": "attacks"' in render_vocab(extra)
    assert '"https://w3id.org/pag#concedes"' not in render_vocab()


# Hand-written code names relations through graph.vocab / graph.namespace,
# never by spelling a sub-property's IRI (a copy that would go stale).
_SUB_PROPERTIES = sorted(
    p.rsplit("#", 1)[1] for p, r in __import__("graph.vocab").vocab.RELATIONS.items() if not p.endswith("#" + r)
)


@pytest.mark.parametrize("name", _SUB_PROPERTIES)
def test_sub_property_iris_are_spelled_only_in_generated_code(name):
    import re

    spelled = re.compile(r'(_P\s*\+\s*["\']' + name + r'["\'])|(w3id\.org/pag#' + name + r"\b)")
    offenders = [
        str(p.relative_to(GRAPH.parent))
        for p in GRAPH.rglob("*.py")
        if p.name not in {"namespace.py", "vocab.py", "_codegen.py"} and spelled.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"pag:{name} spelled out in {offenders}: use graph.vocab"


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
