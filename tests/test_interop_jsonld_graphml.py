"""The published JSON-LD @context, and GraphML for Gephi / yEd."""

from __future__ import annotations

import io
import json

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


def test_graphml_has_kinds_labels_relations_and_sources(tiny):
    store = open_store("memory", data=[tiny])
    out = io.BytesIO()
    export(store, "graphml", out)
    G = nx.read_graphml(io.BytesIO(out.getvalue()))
    node = G.nodes["https://w3id.org/pag/id/policy/crackdown"]
    assert node["kind"] == "policy" and node["label"] == "Crackdown"
    assert "https://w3id.org/pag/id/source/alpha" in node["sources"]
    rels = {d["relation"] for _, _, d in G.edges(data=True)}
    assert {"supports", "attacks", "advocates", "opposes", "asserts"} <= rels
