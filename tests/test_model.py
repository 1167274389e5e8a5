"""The RDF -> networkx projection."""

import networkx as nx
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from graph.errors import AmbiguousNode, NodeNotFound
from graph.model import project, resolve, to_rdf
from graph.stores import open_store
from graph.terms import curie, expand_curie

P = "https://w3id.org/pag/id/"
ALPHA = P + "source/alpha"
BETA = P + "source/beta"


@pytest.fixture
def G(tiny):
    return project(open_store("memory", data=[tiny]))


def test_nodes_are_typed_with_kind_label_and_sources(G):
    n = G.nodes[P + "policy/crackdown"]
    assert n["kind"] == "policy"
    assert n["label"] == "Crackdown"
    assert n["sources"] == [ALPHA, BETA]
    assert n["status"] == ["in-force"]
    assert n["approach"] == ["enforcement"]
    assert G.nodes[P + "actor/alice"]["types"] == ["Actor", "Person"]
    assert G.nodes[P + "actor/alice"]["kind"] == "actor"
    ev = G.nodes[P + "evidence/overdoses-fell"]
    assert ev["value"] == 11.0
    assert ev["unit"] == "overdoses per day"
    assert ev["measure"] == P + "measure/daily-overdoses"
    assert ev["evidence_type"] == "statistic"
    assert ev["quotes"] == [
        {"source": ALPHA, "quote": "overdoses went from 11 a day to less than one"}
    ]


def test_edges_are_typed_with_relation_and_sources(G):
    edges = sorted(
        (curie(u), curie(v), d["relation"], tuple(d["sources"])) for u, v, d in G.edges(data=True)
    )
    assert edges == [
        ("actor:alice", "claim:crackdown-saves-lives", "asserts", (ALPHA,)),
        ("actor:alice", "policy:crackdown", "advocates", (ALPHA,)),
        ("actor:bob", "claim:crackdown-fills-prisons", "asserts", (BETA,)),
        ("actor:bob", "policy:crackdown", "opposes", (BETA,)),
        ("claim:crackdown-fills-prisons", "policy:crackdown", "attacks", (BETA,)),
        ("claim:crackdown-saves-lives", "policy:crackdown", "supports", (ALPHA,)),
        ("evidence:neighbour-county-rose", "claim:crackdown-saves-lives", "attacks", (BETA,)),
        ("evidence:overdoses-fell", "claim:crackdown-saves-lives", "supports", (ALPHA,)),
    ]


def test_provenance_edges_are_optional(G, tiny):
    assert not any(d["relation"] == "source" for _, _, d in G.edges(data=True))
    H = project(open_store("memory", data=[tiny]), provenance=True)
    assert H.has_edge(P + "claim/crackdown-saves-lives", ALPHA, key="source")
    assert H.has_edge(P + "evidence/overdoses-fell", P + "measure/daily-overdoses", key="measure")


def test_sub_properties_fold_into_their_relation():
    ds = Dataset()
    ds.parse(
        data="""@prefix pag: <https://w3id.org/pag#> .
        <urn:s> { <urn:a> a pag:Actor ; pag:proposed <urn:p> ; pag:advocates <urn:p> .
                  <urn:p> a pag:Policy . <urn:c> a pag:Claim ; pag:rebuts <urn:p> . }""",
        format="trig",
    )
    G = project(ds)
    assert G["urn:a"]["urn:p"]["advocates"]["predicates"] == ["advocates", "proposed"]
    assert G["urn:c"]["urn:p"]["attacks"]["predicates"] == ["rebuts"]


def test_projection_does_not_mutate_its_input(tiny):
    ds = Dataset()
    ds.parse(tiny, format="trig")
    before = Dataset()
    for q in ds.quads():
        before.add(q)
    project(ds, provenance=True)
    assert len(list(ds.quads())) == len(list(before.quads()))
    for g in before.graphs():
        assert isomorphic(g, ds.graph(g.identifier))


def test_round_trip_rdf_networkx_rdf(G):
    again = project(to_rdf(G))
    assert set(again.nodes) == set(G.nodes)
    for n in G:
        for attr in ("kind", "label", "types", "sources"):
            assert again.nodes[n][attr] == G.nodes[n][attr], (n, attr)

    def key(H):
        return sorted(
            (u, v, k, tuple(d["sources"]), tuple(d["predicates"]))
            for u, v, k, d in H.edges(keys=True, data=True)
        )

    assert key(again) == key(G)


def _rebuilt(G):
    """The same graph built one node and edge at a time through networkx's public API."""
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(G.edges(keys=True, data=True))
    return H


@pytest.mark.parametrize(
    "options",
    [{}, {"provenance": True}, {"relations": {"supports", "attacks"}, "attributes": False}],
)
def test_projection_is_the_graph_networkx_itself_builds(tiny, options):
    # project() fills networkx's adjacency dicts directly (for speed): the
    # result must be indistinguishable from the public API's, down to order
    G = project(open_store("memory", data=[tiny]), **options)
    H = _rebuilt(G)
    assert nx.utils.graphs_equal(G, H)
    assert list(G.nodes) == sorted(G.nodes) == list(H.nodes)
    assert list(G.edges(keys=True)) == list(H.edges(keys=True))
    assert list(G.in_edges(keys=True)) == list(H.in_edges(keys=True))
    for v in G:
        assert list(G.pred[v]) == list(H.pred[v])
        for u in G.pred[v]:
            # successor and predecessor maps share one key dict, as in networkx
            assert G._pred[v][u] is G._succ[u][v]
    # and it stays a working graph: mutation through the API keeps both maps in step
    u, v, k = next(iter(G.edges(keys=True)))
    G.remove_edge(u, v, key=k)
    G.add_edge(u, v, key="extra", relation="extra")
    assert G.has_edge(u, v, key="extra") and v in G.succ[u] and u in G.pred[v]
    G.remove_node(v)
    assert all(v not in G.succ[n] and v not in G.pred[n] for n in G)


def test_backends_project_alike(tiny):
    ds = Dataset()
    ds.parse(tiny, format="trig")
    for options in ({}, {"provenance": True}, {"attributes": False}):
        a = project(open_store("memory", data=[tiny]), **options)
        b = project(ds, **options)
        c = project(open_store("rdflib", data=[tiny]), **options)
        assert nx.utils.graphs_equal(a, b) and nx.utils.graphs_equal(a, c)
        assert list(a.edges(keys=True)) == list(b.edges(keys=True)) == list(c.edges(keys=True))


def test_structure_projection_keeps_kind_label_types_sources_only(tiny):
    G = project(
        open_store("memory", data=[tiny]), relations={"supports", "attacks"}, attributes=False
    )
    n = G.nodes[P + "policy/crackdown"]
    assert n == {
        "kind": "policy",
        "label": "Crackdown",
        "types": ["Policy"],
        "sources": [ALPHA, BETA],
    }
    assert {d["relation"] for _, _, d in G.edges(data=True)} == {"supports", "attacks"}
    # actors are nodes still (typed), with no edges in this projection
    assert G.degree(P + "actor/alice") == 0


def test_labels_are_text_and_the_smallest_wins():
    store = open_store("memory", data=[])
    store.load_text(
        """@prefix pag: <https://w3id.org/pag#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <urn:a> a pag:Claim ; rdfs:label "Zeta", "Alpha" . <urn:b> a pag:Claim ; rdfs:label "5"^^xsd:integer .
        <urn:a> pag:supports <urn:untyped> .""",
        "turtle",
        graph="urn:src",
    )
    G = project(store)
    assert G.nodes["urn:a"]["label"] == "Alpha"
    assert G.nodes["urn:b"]["label"] == "5"
    # an untyped edge end is a node of kind "other", labelled by its IRI's last segment
    assert G.nodes["urn:untyped"] == {
        "kind": "other",
        "label": "urn:untyped",
        "types": [],
        "sources": [],
        "quotes": [],
    }


def test_empty_store_gives_empty_graph():
    G = project(open_store("memory", data=[]))
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == 0


def test_resolve_by_iri_curie_label_and_substring(G):
    assert resolve(G, P + "policy/crackdown") == P + "policy/crackdown"
    assert resolve(G, "policy:crackdown") == P + "policy/crackdown"
    assert resolve(G, "Crackdown") == P + "policy/crackdown"
    assert resolve(G, "crackdown") == P + "policy/crackdown"
    assert resolve(G, "fills prisons") == P + "claim/crackdown-fills-prisons"


def test_resolve_prefers_the_label_that_starts_with_the_text():
    G = nx.MultiDiGraph()
    G.add_node("urn:p", label="Operation Surge (S.O.S.)", kind="policy")
    G.add_node("urn:m", label="Districts in Operation Surge", kind="measure")
    assert resolve(G, "operation surge") == "urn:p"
    with pytest.raises(AmbiguousNode):
        resolve(G, "surge")  # in both labels, at the start of neither


def test_resolve_ambiguous_lists_matches(G):
    with pytest.raises(AmbiguousNode) as info:
        resolve(G, "the crackdown")
    assert "claim:crackdown-fills-prisons" in str(info.value)
    assert "claim:crackdown-saves-lives" in str(info.value)


def test_resolve_unknown_suggests_closest(G):
    with pytest.raises(NodeNotFound) as info:
        resolve(G, "Crackdwn")
    assert info.value.suggestions[0] == "Crackdown (policy:crackdown)"


def test_one_target_lookup_for_every_command(cli, runner):
    # every command that takes a TARGET matches against the same candidates,
    # so an ambiguous text lists the same nodes and a unique one the same node
    # (it was 9 matches for `view Surge` and 8 for `chains Surge`)
    errors = {}
    for cmd in (["view", "-o", "-"], ["chains"], ["evidence"], ["impact"]):
        res = runner.invoke(cli, [*cmd, "Surge"])
        assert res.exit_code == 2
        errors[cmd[0]] = res.stderr.strip()
    assert len(set(errors.values())) == 1, errors
    assert "'Surge' matches" in errors["view"]


def test_curie_round_trip():
    assert expand_curie(curie(P + "actor/x")) == P + "actor/x"
    assert expand_curie("http://example.org/x") is None
    assert curie("urn:unknown") == "urn:unknown"


def test_every_source_note_is_kept(tmp_path):
    # two sources describe the same actor differently: both notes reach the
    # projection, the view's details and the actor's page of the site
    from graph.site import build_site
    from graph.view import view_data

    store = open_store("memory", data=[])
    store.load_text(
        """@prefix pag: <https://w3id.org/pag#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:a> { <urn:cdc> a pag:Actor ; rdfs:label "CDC" ; rdfs:comment "Counts overdose deaths." . }
        <urn:b> { <urn:cdc> a pag:Actor ; rdfs:label "CDC" ; rdfs:comment "Ranked counties by opioid deaths." . }""",
        "trig",
    )
    G = project(store)
    assert G.nodes["urn:cdc"]["comment"] == ["Counts overdose deaths.", "Ranked counties by opioid deaths."]
    (node,) = [n for n in view_data(G, "urn:cdc")["nodes"] if n["id"] == "urn:cdc"]
    assert [row for row in node["info"] if row[0] == "note"] == [
        ["note", "Counts overdose deaths."],
        ["note", "Ranked counties by opioid deaths."],
    ]
    build_site(G, tmp_path / "site")
    page = next((tmp_path / "site" / "actor").glob("*.html")).read_text()
    assert "Counts overdose deaths." in page and "Ranked counties by opioid deaths." in page
