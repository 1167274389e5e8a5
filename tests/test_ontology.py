from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from graph.namespace import PAG
from graph.resources import ontology_path

PROV = "http://www.w3.org/ns/prov#"
SDO = "https://schema.org/"


def _ont():
    return Graph().parse(ontology_path("pag.ttl"))


def test_class_hierarchy_and_alignments():
    g = _ont()
    assert (PAG.Person, RDFS.subClassOf, PAG.Actor) in g
    assert (PAG.Organization, RDFS.subClassOf, PAG.Actor) in g
    assert (PAG.GovernmentBody, RDFS.subClassOf, PAG.Organization) in g
    assert (PAG.Actor, RDFS.subClassOf, URIRef(PROV + "Agent")) in g
    assert (PAG.Claim, RDFS.subClassOf, URIRef(SDO + "Claim")) in g
    assert (PAG.Source, RDFS.subClassOf, URIRef(SDO + "CreativeWork")) in g
    assert (PAG.source, RDFS.subPropertyOf, URIRef(PROV + "wasDerivedFrom")) in g


def test_stance_domains_and_ranges():
    g = _ont()
    for p in (PAG.advocates, PAG.opposes):
        assert (p, RDFS.domain, PAG.Actor) in g
        assert (p, RDFS.range, PAG.Policy) in g
    assert (PAG.rebuts, RDFS.subPropertyOf, PAG.attacks) in g
    assert (PAG.proposed, RDFS.subPropertyOf, PAG.advocates) in g


def _scheme_labels(g, scheme):
    return {str(g.value(c, SKOS.prefLabel)) for c in g.subjects(SKOS.inScheme, scheme)}


def test_controlled_values():
    g = _ont()
    assert {"proposed", "enacted", "in force", "blocked", "withdrawn", "recommended"} <= _scheme_labels(
        g, PAG.PolicyStatusScheme
    )
    assert {
        "enforcement", "supply reduction", "sentencing reform", "treatment", "harm reduction", "public health",
    } <= _scheme_labels(g, PAG.PolicyApproachScheme)  # fmt: skip
    assert {
        "statistic", "study", "survey", "official data", "testimony", "anecdote", "legal record",
    } <= _scheme_labels(g, PAG.EvidenceTypeScheme)  # fmt: skip


def test_figures_are_data_properties():
    g = _ont()
    for p in ("value", "unit", "population", "place", "period"):
        assert (PAG[p], RDF.type, OWL.DatatypeProperty) in g
    assert (PAG.measuredBy, RDFS.range, PAG.Actor) in g
    assert (PAG.measure, RDFS.range, PAG.Measure) in g


def test_shapes_parse_and_cover_each_class():
    shapes = Graph().parse(ontology_path("shapes.ttl"))
    targets = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    assert {PAG.Actor, PAG.Policy, PAG.Claim, PAG.Evidence, PAG.Source} <= targets
