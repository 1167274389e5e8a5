"""The bundled corpus: document graphs hold only their documents' words; the curators' links meet them."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import RDF, RDFS, Namespace, URIRef
from rdflib.namespace import PROV, SKOS

from graph.curation import CURATION_GRAPH, is_curation_graph
from graph.namespace import PAG
from graph.stores import open_store
from graph.validate import ARGUMENT_PREDICATES, validate

ID = "https://w3id.org/pag/id/"
SURGE = ID + "policy/operation-synthetic-opioid-surge"
SUPPLY = ID + "policy/disrupt-illicit-drug-supply"
DPA = ID + "actor/drug-policy-alliance"
OA = Namespace("http://www.w3.org/ns/oa#")


@pytest.fixture(scope="module")
def ds():
    return open_store("memory").to_dataset()


def _gid(g) -> str:
    return str(getattr(g, "identifier", g))


def test_no_argument_edge_in_a_document_graph_joins_nodes_it_does_not_quote(ds):
    quoted: dict[str, set[str]] = {}
    for s, _p, _o, g in ds.quads((None, PAG.quote, None, None)):
        quoted.setdefault(_gid(g), set()).add(str(s))
    in_documents = curated = 0
    for pred in ARGUMENT_PREDICATES:
        for s, _p, o, g in ds.quads((None, pred, None, None)):
            if is_curation_graph(_gid(g)):
                curated += 1
                continue
            in_documents += 1
            assert {str(s), str(o)} <= quoted[_gid(g)], (s, pred, o, _gid(g))
    assert in_documents > 800 and curated > 20
    rep = validate(ds, shacl=False)
    assert [p for p in rep.problems if p.check in {"document", "curation"}] == []


def test_every_curated_argument_edge_has_rationale_curator_and_quotes(ds):
    cg = ds.graph(URIRef(CURATION_GRAPH))
    assert (URIRef(CURATION_GRAPH), RDF.type, PAG.CurationGraph) in cg
    links = set(cg.subjects(RDF.type, PAG.CuratedLink))
    described = {(cg.value(x, PAG.linkFrom), cg.value(x, PAG.linkRelation), cg.value(x, PAG.linkTo)) for x in links}
    for pred in ARGUMENT_PREDICATES:
        for s, o in cg.subject_objects(pred):
            assert (s, pred, o) in described
    for x in links:
        assert len(str(cg.value(x, RDFS.comment))) > 80, x  # a rationale, not a tag
        assert cg.value(x, PROV.wasAttributedTo) is not None
        for end, prop in ((PAG.linkFrom, PAG.fromQuote), (PAG.linkTo, PAG.toQuote)):
            node = cg.value(x, end)
            quotes = {str(q) for q, g in _quotes_of(ds, node)}
            assert str(cg.value(x, prop)) in quotes, (x, prop)


def _quotes_of(ds, node):
    for _s, _p, q, g in ds.quads((node, PAG.quote, None, None)):
        yield q, _gid(g)


def test_the_surge_rests_on_the_manatee_figures_not_on_background(cli, runner):
    res = runner.invoke(cli, ["evidence", "policy:operation-synthetic-opioid-surge", "--format", "json"])
    assert res.exit_code == 0, res.output
    items = {e["evidence"]["id"].rsplit("/", 1)[1] for e in json.loads(res.output)["evidence"]}
    assert items == {"manatee-overdoses-fell-from-11-a-day", "manatee-overdoses-now-less-than-one-a-day"}


def test_the_dpa_opposes_the_surge_and_the_appendix_policies(ds):
    opposed = {str(o).rsplit("/", 1)[1] for o in ds.objects(URIRef(DPA), PAG.opposes)}
    assert {
        "operation-synthetic-opioid-surge",
        "sessions-memo-death-penalty-for-drug-trafficking",
        "dea-opioid-prosecutor-team",
        "ocdetf-heroin-fentanyl-opioid-initiative",
        "usao-prosecution-of-small-quantity-fentanyl-cases",
        "barr-prioritize-synthetic-opioid-prosecutions",
        "trump-administration-push-to-increase-fentanyl-penalties-2019",
        "doj-2019-push-for-fentanyl-analog-scheduling-authority",
        "disrupt-illicit-drug-supply",
    } <= opposed


def test_supply_disruption_is_answered_and_marked_as_the_curators(cli, runner):
    res = runner.invoke(cli, ["chains", "policy:disrupt-illicit-drug-supply", "--depth", "1"])
    assert res.exit_code == 0, res.output
    text = " ".join(re.sub("[│├└─]", " ", res.output).split())
    assert "attacks claim: Fentanyl availability has not decreased" in text
    assert "attacks claim: Harsher drug policies have largely failed" in text
    assert "linked by the curators: SAFE Solutions' key strategy" in text
    assert "stated in https://w3id.org/pag/id/graph/curation" not in text
    # SAFE's page advocates it, the DPA opposes it: one node for one practice
    data = json.loads(runner.invoke(cli, ["chains", SUPPLY, "--depth", "0", "--format", "json"]).output)
    assert {a["actor"].rsplit("/", 1)[1] for a in data["stances"]["advocates"]} >= {"safe-solutions"}
    assert {a["actor"].rsplit("/", 1)[1] for a in data["stances"]["opposes"]} == {"drug-policy-alliance"}


def test_no_curation_leaves_the_curators_links_out(cli, runner):
    res = runner.invoke(cli, ["--no-curation", "chains", "policy:disrupt-illicit-drug-supply", "--depth", "1"])
    assert res.exit_code == 0, res.output
    assert "curators" not in res.output and "availability" not in res.output
    stats = json.loads(runner.invoke(cli, ["--no-curation", "stats", "--format", "json"]).output)
    assert CURATION_GRAPH not in json.dumps(stats)
    bad = runner.invoke(cli, ["--store", "oxigraph-ro:/nonexistent", "--no-curation", "stats"])
    assert bad.exit_code == 2


def test_the_ussc_2016_figures_meet_across_documents(ds):
    cg = ds.graph(URIRef(CURATION_GRAPH))
    knew = URIRef(ID + "evidence/ussc-15-percent-fentanyl-traffickers-knew-2016")
    unaware = URIRef(ID + "evidence/ussc-2016-52-9-percent-did-not-know-they-had-fentanyl")
    assert (knew, SKOS.related, unaware) in cg
    cohort = URIRef(ID + "measure/ussc-2016-fentanyl-trafficking-sentences")
    for ev in (knew, unaware):
        assert (ds.value(ev, PAG.measure), SKOS.broader, cohort) in cg
    # the knowledge figure is no longer evidence about role in the trade
    for pred in ARGUMENT_PREDICATES:
        targets = {str(o).rsplit("/", 1)[1] for o in ds.objects(knew, pred)}
        assert not targets & {
            "harsh-drug-laws-target-kingpins-and-traffickers",
            "overdose-cases-take-out-upper-level-traffickers",
            "federal-prosecutors-reserve-harsh-sentences-for-kingpins",
            "surge-may-target-low-level-sellers-not-major-traffickers",
            "tougher-penalties-fall-on-lower-level-people",
        }


def test_overdose_deaths_by_year_line_up_as_one_series(ds):
    series = URIRef(ID + "measure/us-drug-overdose-deaths-per-year")
    years = {}
    for m in ds.subjects(SKOS.broader, series):
        for ev in ds.subjects(PAG.measure, m):
            years[str(ds.value(ev, PAG.period))] = float(ds.value(ev, PAG.value))
    assert set(years) >= {"2016", "2018", "2020"}
    opioid = URIRef(ID + "measure/us-opioid-overdose-deaths-per-year")
    assert (opioid, SKOS.broader, series) in ds
    assert any(True for _ in ds.subjects(SKOS.broader, opioid))


def test_names_the_documents_use_find_their_nodes(cli, runner):
    for name, iri in [
        ("S.O.S.", SURGE),
        ("enforcement surge", SURGE),
        ("drug-induced homicide laws", ID + "policy/drug-induced-homicide-prosecution"),
        ("supply-side enforcement", SUPPLY),
    ]:
        res = runner.invoke(cli, ["chains", name, "--depth", "0", "--format", "json"])
        assert res.exit_code == 0, (name, res.output)
        assert json.loads(res.output)["target"]["id"] == iri


def test_group_attributions_follow_the_text(ds):
    congress = URIRef(ID + "actor/us-congress")
    sofa = URIRef(ID + "policy/sofa-act")
    assert (congress, PAG.proposed, sofa) not in ds and (congress, PAG.advocates, sofa) not in ds
    members = URIRef(ID + "actor/members-of-congress-backing-sofa-and-fight")
    assert (members, PAG.proposed, sofa) in ds
    lawmakers = URIRef(ID + "actor/us-lawmakers")
    imagined = URIRef(ID + "claim/fentanyl-too-dangerous-for-reform-approach")
    assert not any(True for _ in ds.subjects(PAG.asserts, imagined))
    assert (lawmakers, PAG.asserts, imagined) not in ds
    pointed_out = URIRef(ID + "claim/ayotte-proposal-could-have-imprisoned-prince")
    asserters = {str(a).rsplit("/", 1)[1] for a in ds.subjects(PAG.asserts, pointed_out)}
    assert "drug-policy-alliance" in asserters


def test_the_series_query_lines_the_yearly_figures_up(cli, runner):
    res = runner.invoke(
        cli, ["query", "measure-series", "-p", "family", "measure:us-drug-overdose-deaths-per-year", "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)["results"]["bindings"]
    assert [r["period"]["value"] for r in rows] == ["2016", "2018", "2020"]
    assert {r["source"]["value"].rsplit("/", 1)[1] for r in rows} == {
        "dpa-2020-criminal-justice-reform-fentanyl-era",
        "safe-solutions-disrupt-supply",
    }
