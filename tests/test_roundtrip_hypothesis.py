"""Property tests: every RDF serialisation we write reads back to an isomorphic dataset."""

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.export import export
from graph.stores import OxigraphStore, RdflibStore

iris = st.builds(lambda s: URIRef(f"https://example.org/{s}"), st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True))
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
literals = st.one_of(
    text.map(Literal),
    st.tuples(text, st.sampled_from(["en", "fr", "de-ch"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(-(10**12), 10**12).map(Literal),
    st.booleans().map(Literal),
)
objects = st.one_of(iris, literals, st.sampled_from([BNode("b1"), BNode("b2")]))
subjects = st.one_of(iris, st.sampled_from([BNode("b1"), BNode("b2")]))
graphs = st.sampled_from([URIRef("https://example.org/g/one"), URIRef("https://example.org/g/two")])
quads = st.lists(st.tuples(subjects, iris, objects, graphs), min_size=1, max_size=25)


def _dataset(qs):
    ds = Dataset()
    for s, p, o, g in qs:
        ds.graph(g).add((s, p, o))
    return ds


def _named(ds):
    return {str(g.identifier): g for g in ds.graphs() if len(g) and not str(g.identifier).startswith("urn:x-rdflib")}


def _round_trip(qs, fmt, parse_as, backend):
    store = backend()
    store.load_text(_dataset(qs).serialize(format="nquads"), "nquads")
    out = io.BytesIO()
    export(store, fmt, out)
    again = Dataset()
    again.parse(data=out.getvalue(), format=parse_as)
    return again


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_same_named_graphs(qs, fmt, parse_as, backend):
    original = _named(_dataset(qs))
    again = _named(_round_trip(qs, fmt, parse_as, backend))
    assert set(again) == set(original)
    for name, g in original.items():
        assert isomorphic(g, again[name])


@SETTINGS
@given(quads)
def test_nquads_round_trip(qs):
    for backend in (OxigraphStore, RdflibStore):
        _assert_same_named_graphs(qs, "nquads", "nquads", backend)


@SETTINGS
@given(quads)
def test_trig_round_trip(qs):
    _assert_same_named_graphs(qs, "trig", "trig", OxigraphStore)


@SETTINGS
@given(quads)
def test_jsonld_round_trip(qs):
    _assert_same_named_graphs(qs, "jsonld", "json-ld", OxigraphStore)


@SETTINGS
@given(quads)
def test_turtle_round_trip_is_the_union(qs):
    union = Graph()
    for s, p, o, _g in qs:
        union.add((s, p, o))
    again = Graph()
    again.parse(data=_round_trip(qs, "turtle", "turtle", OxigraphStore).serialize(format="nquads"), format="nquads")
    assert isomorphic(union, again)
