"""The published JSON-LD @context, and GraphML for Gephi / yEd."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
from rdflib import Dataset
from rdflib.compare import isomorphic

from graph.export import JSONLD_CONTEXT, export
from graph.interop import context_path
from graph.stores import open_store


def test_published_context_covers_the_export_context():
    published = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    for key, value in JSONLD_CONTEXT.items():
        assert published[key] == value, key
    assert published["premise"] == {"@id": "pag:premise", "@type": "@id"}
    assert published["aif"] == "http://www.arg.dundee.ac.uk/aif#"


def test_export_read_with_the_published_context_gives_the_same_graph(tiny):
    store = open_store("memory", data=[tiny])
    out = io.BytesIO()
    export(store, "jsonld", out)
    doc = json.loads(out.getvalue())
    doc["@context"] = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    again = Dataset()
    again.parse(data=json.dumps(doc), format="json-ld")
    original = store.to_dataset()
    for g in store.graph_names():
        assert isomorphic(again.graph(g), original.graph(g)), g


def _graphml(store):
    out = io.BytesIO()
    export(store, "graphml", out)
    return out.getvalue()


def test_graphml_has_kinds_labels_relations_and_sources(tiny):
    data = _graphml(open_store("memory", data=[tiny]))
    G = nx.read_graphml(io.BytesIO(data))
    by_iri = {d["iri"]: n for n, d in G.nodes(data=True)}
    node = G.nodes[by_iri["https://w3id.org/pag/id/policy/crackdown"]]
    assert node["kind"] == "policy" and node["label"] == "Crackdown"
    assert "https://w3id.org/pag/id/source/alpha" in json.loads(node["sources"])
    rels = {d["relation"] for _, _, d in G.edges(data=True)}
    assert {"supports", "attacks", "advocates", "opposes", "asserts"} <= rels


def test_graphml_of_the_corpus_reads_back_exactly_in_networkx_and_igraph(tmp_path):
    import igraph

    from graph.model import project

    store = open_store("memory")
    original = project(store, provenance=True)
    data = _graphml(store)
    G = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    # node ids are plain XML ids; the IRI is an attribute
    assert all(re.fullmatch(r"n\d+", n) for n in G.nodes)
    assert sorted(d["iri"] for _, d in G.nodes(data=True)) == sorted(map(str, original.nodes))
    # every edge has its own id
    ids = [k for _, _, k in G.edges(keys=True)]
    assert len(ids) == len(set(ids)) == original.number_of_edges()
    # list values read back exactly
    listed = json.loads(G.graph["json_attributes"])
    iri_of = {n: d["iri"] for n, d in G.nodes(data=True)}
    checked = 0
    for n, d in G.nodes(data=True):
        want = original.nodes[next(x for x in original.nodes if str(x) == iri_of[n])]
        for attr in listed:
            if isinstance(want.get(attr), list):
                assert json.loads(d[attr]) == want[attr], (n, attr)
                checked += 1
    assert checked > 100
    # igraph reads the same file: all nodes, all edges, ids and IRIs
    path = tmp_path / "corpus.graphml"
    path.write_bytes(data)
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() == original.number_of_nodes() and g.ecount() == original.number_of_edges()
    assert sorted(g.vs["iri"]) == sorted(map(str, original.nodes))
    assert len(set(g.es["id"])) == g.ecount()
