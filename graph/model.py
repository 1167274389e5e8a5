"""The RDF → networkx projection, and finding nodes by name.

:func:`project` reads a store (or an rdflib dataset) and returns a
``networkx.MultiDiGraph``; it never changes its input.

Nodes are keyed by IRI (a ``str``) and carry:

``kind``
    ``"actor"``, ``"policy"``, ``"claim"``, ``"evidence"``, ``"source"``,
    ``"measure"`` or ``"other"`` (from the node's ``rdf:type``);
``label``
    its ``rdfs:label`` (the IRI's last segment when it has none);
``types``
    sorted local names of its pag classes (e.g. ``["Actor", "Person"]``);
``sources``
    sorted IRIs of the named graphs (= sources) that speak of it;
``quotes``
    ``[{"source": graph, "quote": text}, …]`` sorted;
and, where the data gives them, ``comment`` (every source's note, a sorted
list), ``alt_labels`` (``skos:altLabel``: other names the documents use,
sorted), ``broader``, ``related``, ``exact_match`` (IRIs of SKOS-linked
nodes: measure families; ``exact_match`` also holds ``skos:closeMatch``),
``status``, ``approach`` (lists of concept local names),
``jurisdiction``, ``date`` (policies);
``evidence_type``, ``value`` (float), ``unit``, ``measure`` (IRI),
``population``, ``place``, ``period``, ``measured_by`` (IRI) (evidence);
``title``, ``publisher``, ``creator``, ``url``, ``seed_file``,
``date_note`` (sources).

Edges are keyed by their relation and carry:

``relation``
    ``"supports"``, ``"attacks"``, ``"advocates"``, ``"opposes"``,
    ``"asserts"`` (the contract relations; sub-properties such as
    ``rebuts`` or ``proposed`` fold into their parent), and with
    ``provenance=True`` also ``"source"`` (node → its Source),
    ``"measure"``, ``"measured_by"`` and ``"disagrees"``;
``predicates``
    sorted local names of the properties stated (``["advocates", "proposed"]``);
``sources``
    sorted IRIs of the named graphs asserting the edge;
``dates`` (stances only, when a reified statement dates them)
    ``[{"date": lexical form, "source": graph}, …]`` sorted.

Examples
--------
>>> from graph.stores import open_store
>>> store = open_store("memory", data=[])
>>> _ = store.load_text('''
... @prefix pag: <https://w3id.org/pag#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <urn:e> a pag:Evidence ; rdfs:label "E" . <urn:c> a pag:Claim ; rdfs:label "C" .
... <urn:e> pag:supports <urn:c> .''', "turtle", graph="urn:src")
>>> G = project(store)
>>> G.nodes["urn:e"]["kind"], G.nodes["urn:c"]["label"]
('evidence', 'C')
>>> [(u, v, d["relation"], d["sources"]) for u, v, d in G.edges(data=True)]
[('urn:e', 'urn:c', 'supports', ['urn:src'])]
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable, Iterator
from operator import attrgetter
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib import Literal as RLiteral
from rdflib.graph import Graph
from rdflib.namespace import DCTERMS, SDO, SKOS, XSD

from graph.errors import AmbiguousNode, NodeNotFound
from graph.namespace import PAG
from graph.stores.base import Store
from graph.stores.oxigraph import OxigraphStore
from graph.terms import PREFIXES, Quad, curie, default_graph_id, expand_curie
from graph.textindex import Hit, TextIndex, fold
from graph.vocab import PROVENANCE, RELATION_KINDS, RELATIONS

__all__ = [
    "KINDS",
    "closest",
    "kind_of",
    "project",
    "resolve",
    "text_index",
    "to_rdf",
]

_P = str(PAG)
_RDF_TYPE = str(RDF.type)
_LABEL = str(RDFS.label)

#: class local name -> kind; the first match in this order wins
_CLASS_KIND = [
    ("Source", "source"),
    ("Evidence", "evidence"),
    ("Claim", "claim"),
    ("Policy", "policy"),
    ("Person", "actor"),
    ("GovernmentBody", "actor"),
    ("Organization", "actor"),
    ("Actor", "actor"),
    ("Measure", "measure"),
]
KINDS = ("actor", "policy", "claim", "evidence", "source", "measure", "other")

#: predicate IRI -> the relation an edge of the projection gets: the contract
#: relations (sub-properties fold into them, from the ontology) ...
_EDGE_RELATIONS: dict[str, str] = {
    p: r for p, r in RELATIONS.items() if RELATION_KINDS[r] != "provenance"
}
#: ... and, with ``provenance=True``, the provenance relations, named as
#: node attributes are (snake case; ``disagreesWith`` is ``disagrees``)
_PROVENANCE_NAMES = {"source": "source", "measure": "measure", "measuredBy": "measured_by", "disagreesWith": "disagrees"}
_PROVENANCE_RELATIONS: dict[str, str] = {
    p: _PROVENANCE_NAMES[r] for p, r in RELATIONS.items() if r in PROVENANCE
}

_LITERALS: dict[str, tuple[str, bool]] = {  # predicate -> (attribute, many)
    str(RDFS.label): ("label", False),
    str(RDFS.comment): ("comment", True),
    str(SKOS.altLabel): ("alt_labels", True),
    _P + "quote": ("quotes", True),
    _P + "status": ("status", True),
    _P + "approach": ("approach", True),
    _P + "jurisdiction": ("jurisdiction", False),
    _P + "date": ("date", False),
    _P + "evidenceType": ("evidence_type", False),
    _P + "value": ("value", False),
    _P + "unit": ("unit", False),
    _P + "measure": ("measure", False),
    _P + "population": ("population", False),
    _P + "place": ("place", False),
    _P + "period": ("period", False),
    _P + "measuredBy": ("measured_by", False),
    _P + "seedFile": ("seed_file", False),
    _P + "dateNote": ("date_note", False),
    str(DCTERMS.title): ("title", False),
    str(DCTERMS.publisher): ("publisher", False),
    str(DCTERMS.creator): ("creator", False),
    str(DCTERMS.date): ("date", False),
    str(SDO.url): ("url", False),
    # measure families (issue 15): measures the curators link as narrower,
    # related or the same; read by graph.analysis.figures
    str(SKOS.broader): ("broader", True),
    str(SKOS.related): ("related", True),
    str(SKOS.exactMatch): ("exact_match", True),
    str(SKOS.closeMatch): ("exact_match", True),
}
_CONCEPT_ATTRS = {"status", "approach", "evidence_type"}


def kind_of(types: Iterable[str]) -> str:
    """The kind of a node from the local names of its pag classes.

    >>> kind_of(["Actor", "Person"])
    'actor'
    >>> kind_of([])
    'other'
    """
    names = set(types)
    for cls, kind in _CLASS_KIND:
        if cls in names:
            return kind
    return "other"


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1] or iri
    return iri


_NUMERIC = frozenset(
    str(XSD[t])
    for t in (
        "integer", "decimal", "double", "float", "int", "long", "short",
        "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    )
)  # fmt: skip

# (subject, predicate, object, graph or None, object is an IRI); literals as
# Python values: numbers as float, everything else as its lexical form
_Light = tuple[str, str, Any, "str | None", bool]


def _number_or_text(lexical: str, datatype: str | None) -> Any:
    if datatype in _NUMERIC:
        try:
            return float(lexical)
        except ValueError:
            return lexical
    return lexical


def _ox_object(obj: Any, text_only: bool) -> tuple[Any, bool]:
    if type(obj) is ox.NamedNode:
        return obj.value, True
    if type(obj) is ox.Literal:
        return (obj.value if text_only else _number_or_text(obj.value, obj.datatype.value)), False
    return str(getattr(obj, "value", obj)), False


def _iter_light(
    data: Store | Dataset | Graph, predicates: list[str], *, text_only: bool = False
) -> Iterator[_Light]:
    """Statements with the given predicates, as plain Python values.

    With ``text_only`` every literal is its lexical form (no numbers).
    Oxigraph is read directly (one index range per predicate), without
    building rdflib terms.
    """
    if isinstance(data, OxigraphStore):
        default = ox.DefaultGraph
        for p in predicates:
            # Any: pyoxigraph 0.5 subjects are IRIs or blank nodes (its stubs
            # still allow a Triple), and graph names are read only when named
            quads: Iterator[Any] = data.ox.quads_for_pattern(None, ox.NamedNode(p), None, None)
            for q in quads:
                gn = q.graph_name
                gs = None if type(gn) is default else str(gn.value)
                obj = q.object
                if type(obj) is ox.NamedNode:  # the hot case (edges), without a call
                    yield q.subject.value, p, obj.value, gs, True
                else:
                    o, iri = _ox_object(obj, text_only)
                    yield q.subject.value, p, o, gs, iri
        return
    for s, pred, o, g in _iter_quads(data, [URIRef(x) for x in predicates]):
        gname = None if g is None else str(g)
        if isinstance(o, RLiteral):
            dt = str(o.datatype) if o.datatype is not None and not text_only else None
            yield str(s), str(pred), _number_or_text(str(o), dt), gname, False
        else:
            yield str(s), str(pred), str(o), gname, isinstance(o, URIRef)


def _iter_types(data: Store | Dataset | Graph) -> Iterator[tuple[str, str, str | None]]:
    """(node, local name of a pag class, graph) for every ``rdf:type`` in the pag namespace."""
    if isinstance(data, OxigraphStore):
        # one index range per class, so that no class is read per statement
        store, default = data.ox, ox.DefaultGraph
        classes: Any = store.query(
            "SELECT DISTINCT ?t WHERE { { ?s a ?t } UNION { GRAPH ?g { ?s a ?t } } "
            f'FILTER(isIRI(?t) && STRSTARTS(STR(?t), "{_P}")) }}'
        )
        rdf_type = ox.NamedNode(_RDF_TYPE)
        for row in classes:
            cls = row[0]
            local = cls.value[len(_P) :]
            quads: Iterator[Any] = store.quads_for_pattern(None, rdf_type, cls, None)
            for q in quads:
                gn = q.graph_name
                yield q.subject.value, local, None if type(gn) is default else str(gn.value)
        return
    for s, _p, o, g, iri in _iter_light(data, [_RDF_TYPE]):
        if iri and o.startswith(_P):
            yield s, o[len(_P) :], g


def _iter_quads(data: Store | Dataset | Graph, predicates: list[URIRef]) -> Iterator[Quad]:
    if isinstance(data, Store):
        yield from data.quads(predicates)
        return
    if isinstance(data, Dataset):
        default = default_graph_id(data)
        for pred in predicates:
            for s, p, o, g in data.quads((None, pred, None, None)):
                gid = getattr(g, "identifier", g)
                yield s, p, o, None if gid == default else gid  # type: ignore[misc]
        return
    for pred in predicates:
        for s, p, o in data.triples((None, pred, None)):
            yield s, p, o, data.identifier  # type: ignore[misc]


def project(
    data: Store | Dataset | Graph,
    *,
    provenance: bool = False,
    relations: Iterable[str] | None = None,
    attributes: bool = True,
) -> nx.MultiDiGraph:
    """Project a store or rdflib dataset onto a ``networkx.MultiDiGraph``.

    Parameters
    ----------
    data : Store, rdflib.Dataset or rdflib.Graph
        Where to read from; it is not changed.
    provenance : bool
        Also add ``source``, ``measure``, ``measured_by`` and ``disagrees``
        edges (node → Source, evidence → Measure, …).
    relations : iterable of str, optional
        Only edges of these relations (e.g. :data:`graph.vocab.ARGUMENT`).
    attributes : bool
        With False, nodes carry only ``kind``, ``label``, ``types`` and
        ``sources`` (the fast projection for whole-graph structure work).

    Returns
    -------
    networkx.MultiDiGraph
        See the module docs for the node and edge attributes.
    """
    # building ~10^5 small containers triggers the cyclic GC over and over;
    # nothing here makes cycles, so pause it (restored even on error)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _project(data, provenance, relations, attributes)
    finally:
        if was_enabled:
            gc.enable()


class _Node:
    """What the projection gathers about one node before it builds the graph."""

    __slots__ = ("attrs", "iri", "label", "out", "pred", "quotes", "sources", "types")

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self.types: list[str] = []  # pag class local names
        self.sources: list[str] = []  # graphs that type it
        self.label: str | None = None
        self.attrs: dict[str, Any] | None = None
        self.quotes: set[tuple[str, str]] | None = None
        # target -> [(relation, predicate local name, graph), ...]
        self.out: dict[_Node, list[tuple[str, str, str | None]]] | None = None
        # networkx's predecessor dict of this node, made when it has one
        self.pred: dict[str, dict[str, dict[str, Any]]] | None = None


def _by_iri(item: tuple[_Node, Any]) -> str:
    return item[0].iri


def _key_dict(stated: list[tuple[str, str, str | None]]) -> dict[str, dict[str, Any]]:
    """Relation -> edge data, for the statements from one node to another."""
    if len(stated) == 1:  # nearly always: no sets to build
        rel, local, g = stated[0]
        return {rel: {"relation": rel, "predicates": [local], "sources": [] if g is None else [g]}}
    by_rel: dict[str, tuple[set[str], set[str]]] = {}
    for rel, local, g in stated:
        preds, srcs = by_rel.setdefault(rel, (set(), set()))
        preds.add(local)
        if g is not None:
            srcs.add(g)
    return {
        rel: {"relation": rel, "predicates": sorted(preds), "sources": sorted(srcs)}
        for rel, (preds, srcs) in sorted(by_rel.items())
    }


def _project(
    data: Store | Dataset | Graph,
    provenance: bool,
    relations: Iterable[str] | None,
    attributes: bool,
) -> nx.MultiDiGraph:
    # One record per node, so that each statement costs one dict lookup by
    # IRI; edges hold their target's record, and each IRI is one str object
    # throughout (lookups by identity, one copy in memory).
    info: dict[str, _Node] = {}
    for s, local, g in _iter_types(data):
        rec = info.get(s)
        if rec is None:
            rec = info[s] = _Node(s)
        if local not in rec.types:
            rec.types.append(local)
        if g is not None and g not in rec.sources:
            rec.sources.append(g)

    edge_map = dict(_EDGE_RELATIONS)
    if provenance:
        edge_map.update(_PROVENANCE_RELATIONS)
    if relations is not None:
        keep = set(relations)
        edge_map = {k: v for k, v in edge_map.items() if v in keep}
    for p, rel in edge_map.items():
        local = _local(p)
        for s, _p, o, g, iri in _iter_light(data, [p]):
            if not iri:
                continue
            rec = info.get(s)
            if rec is None:
                rec = info[s] = _Node(s)
            target = info.get(o)
            if target is None:
                target = info[o] = _Node(o)
            out = rec.out
            if out is None:
                rec.out = {target: [(rel, local, g)]}
                continue
            stated = out.get(target)
            if stated is None:
                out[target] = [(rel, local, g)]
            else:
                stated.append((rel, local, g))

    # the smallest label wins, so that the projection does not depend on order
    for s, _p, o, _g, _iri in _iter_light(data, [_LABEL], text_only=True):
        rec = info.get(s)
        if rec is not None and (rec.label is None or o < rec.label):
            rec.label = o

    if attributes:
        for s, p, o, g, iri in _iter_light(data, [k for k in _LITERALS if k != _LABEL]):
            rec = info.get(s)
            if rec is None:
                continue
            name, many = _LITERALS[p]
            if name == "quotes":
                if rec.quotes is None:
                    rec.quotes = set()
                rec.quotes.add((g or "", str(o)))
                continue
            if rec.attrs is None:
                rec.attrs = {}
            value = _local(o) if (iri and name in _CONCEPT_ATTRS) else o
            if many:
                rec.attrs.setdefault(name, set()).add(value)
            elif name not in rec.attrs or str(value) < str(rec.attrs[name]):
                rec.attrs[name] = value

    # Fill networkx's own dicts, as add_nodes_from/add_edges_from would one
    # item at a time: node -> data; succ[u][v] and pred[v][u] share one key
    # dict (relation -> edge data). Nodes, targets and relations go in sorted
    # order, so the result does not depend on the store.
    # tests/test_model.py checks this equals the graph the public API builds.
    order = sorted(info.values(), key=attrgetter("iri"))
    kinds: dict[str, str] = {}  # single class -> kind
    nodes: dict[str, dict[str, Any]] = {}
    succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for rec in order:
        n = rec.iri
        names = rec.types
        if not names:
            kind = "other"
        elif len(names) == 1:
            kind = kinds.get(names[0]) or kinds.setdefault(names[0], kind_of(names))
        else:
            names.sort()
            kind = kind_of(names)
        rec.sources.sort()
        d: dict[str, Any] = {
            "kind": kind,
            "label": rec.label or _local(n),
            "types": names,
            "sources": rec.sources,
        }
        if attributes:
            d["quotes"] = [{"source": g, "quote": q} for g, q in sorted(rec.quotes or ())]
            for k, v in (rec.attrs or {}).items():
                d[k] = sorted(v) if isinstance(v, set) else v
        nodes[n] = d
        succ[n] = adj = {}
        if rec.out is None:
            continue
        targets = rec.out
        for target, stated in (
            sorted(targets.items(), key=_by_iri) if len(targets) > 1 else targets.items()
        ):
            keydict = _key_dict(stated)
            adj[target.iri] = keydict
            if target.pred is None:
                target.pred = {n: keydict}
            else:
                target.pred[n] = keydict
    pred = {rec.iri: {} if rec.pred is None else rec.pred for rec in order}

    G = nx.MultiDiGraph()
    G._node.update(nodes)
    G._succ.update(succ)
    G._pred.update(pred)
    if attributes:
        _stance_dates(data, G)
    return G


_REIFY = [str(RDF.subject), str(RDF.predicate), str(RDF.object), _P + "date", str(DCTERMS.date)]


def _stance_dates(data: Store | Dataset | Graph, G: nx.MultiDiGraph) -> None:
    """Dates of stances, from reified statements (see the README, "Dated stances").

    ``[] a rdf:Statement ; rdf:subject actor:x ; rdf:predicate pag:advocates ;
    rdf:object policy:p ; pag:date "2018-03"^^xsd:gYearMonth`` gives the
    stance edge ``actor:x → policy:p`` a ``dates`` list of ``{"date",
    "source"}`` (the graph the statement is in), sorted.
    """
    parts: dict[str, dict[str, Any]] = {}
    for s, p, o, g, _iri in _iter_light(data, _REIFY, text_only=True):
        rec = parts.setdefault(s, {"dates": set()})
        if p in (_P + "date", str(DCTERMS.date)):
            rec["dates"].add((str(o), g or ""))
        else:
            rec[p] = str(o)
    for rec in parts.values():
        u, pred, v = rec.get(str(RDF.subject)), rec.get(str(RDF.predicate)), rec.get(str(RDF.object))
        rel = _EDGE_RELATIONS.get(pred or "")
        if not rec["dates"] or u is None or v is None or rel not in ("advocates", "opposes"):
            continue
        d = G.get_edge_data(u, v, key=rel)
        if d is None:
            continue
        dates = {(x["date"], x["source"]) for x in d.get("dates") or []} | rec["dates"]
        d["dates"] = [{"date": a, "source": b} for a, b in sorted(dates)]


_KIND_CLASS = {
    "actor": ["Actor"],
    "policy": ["Policy"],
    "claim": ["Claim"],
    "evidence": ["Evidence"],
    "source": ["Source"],
    "measure": ["Measure"],
}


def to_rdf(G: nx.MultiDiGraph) -> Dataset:
    """Write a projected graph back as RDF: types, labels and edges, each in its source graphs.

    The inverse of :func:`project` on those parts: ``project(to_rdf(G))``
    has the same nodes (kind, label, types) and edges (relation, sources).
    """
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    rel_pred = set(_EDGE_RELATIONS.values())
    for n, d in G.nodes(data=True):
        node = URIRef(n)
        graphs = d.get("sources") or []
        class_names = d.get("types") or _KIND_CLASS.get(d.get("kind", ""), [])
        for g in graphs:
            ctx = ds.graph(URIRef(g))
            for cls in class_names:
                ctx.add((node, RDF.type, PAG[cls]))
            ctx.add((node, RDFS.label, RLiteral(d["label"])))
    for u, v, d in G.edges(data=True):
        rel = d["relation"]
        if rel not in rel_pred:
            continue
        for g in d.get("sources") or []:
            for pred in d.get("predicates") or [rel]:
                ds.graph(URIRef(g)).add((URIRef(u), PAG[pred], URIRef(v)))
    return ds


def resolve(G: nx.MultiDiGraph, target: str, *, prefer: Iterable[str] = ()) -> str:
    """Find the one node a TARGET names: an IRI, a CURIE, or a label.

    The one TARGET lookup: every command (``view``, ``chains``, ``evidence``,
    ``impact`` …) calls it with the same candidates (every node), so a TARGET
    names the same node, or fails with the same message, everywhere; a
    command that needs a kind of node checks the kind afterwards.

    A label matches exactly, then case-insensitively, then as the one
    alternative name (``skos:altLabel``, e.g. "S.O.S.") equal to the text
    ignoring case, then as the one label that starts with the text, then as
    a unique case-insensitive substring (of the label or the IRI); then as
    the one label holding every word (in any order, word endings and
    hyphens folded), then as the one node whose aliases or quotes hold the
    phrase. The closest matches an error lists come from the same ranking
    as ``pag search`` (:func:`closest`).

    ``prefer`` (kinds, e.g. ``["actor"]``, first preferred first) settles a
    tie: when a step matches several nodes and exactly one is of the first
    preferred kind among them, that one is taken (``pag actor Sessions`` is
    the actor, not a claim about him; several actors: the one whose name
    ends with the text).

    Raises
    ------
    NodeNotFound
        nothing matches; the message lists the closest labels.
    AmbiguousNode
        several nodes match; the message lists them.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:a", label="Naloxone access", kind="policy")
    >>> G.add_node("urn:b", label="Naloxone saves lives", kind="claim")
    >>> resolve(G, "naloxone access")
    'urn:a'
    >>> resolve(G, "saves")
    'urn:b'
    >>> resolve(G, "naloxone")
    Traceback (most recent call last):
    ...
    graph.errors.AmbiguousNode: 'naloxone' matches 2 nodes: Naloxone access (urn:a), Naloxone saves lives (urn:b); give more of the label, a CURIE or an IRI
    """
    if target in G:
        return target
    text = target.strip()
    iri = expand_curie(text) or text
    if iri in G:
        return str(iri)
    cands = list(G)
    labels = {n: str(G.nodes[n].get("label", n)) for n in cands}
    prefer = tuple(prefer)
    kinds = set(prefer)
    low = text.casefold()

    settled = False  # several of a preferred kind matched: a later step may not pick one

    def preferred(found: list[str]) -> str | None:
        nonlocal settled
        if settled:
            return None
        # the first preferred kind with a match decides
        for k in prefer:
            pick = [n for n in found if G.nodes[n].get("kind") == k]
            if not pick:
                continue
            if len(pick) > 1:  # a name's last words: "Sessions" is "Jeff Sessions"
                pick = [n for n in pick if (" " + labels[n].casefold()).endswith(" " + low)]
            if len(pick) == 1:
                return str(pick[0])
            settled = True
            return None
        return None

    exact = [n for n in cands if labels[n] == text]
    folded = [n for n in cands if labels[n].casefold() == low]
    alias = [n for n in cands if any(fold(str(a)) == fold(text) for a in G.nodes[n].get("alt_labels", ()))]
    # a label that starts with the text names it more surely than one that
    # merely contains it ("Operation X" is "Operation X (S.O.S.)", not
    # "Districts in Operation X")
    prefix = sorted(n for n in cands if labels[n].casefold().startswith(low))
    sub = sorted(n for n in cands if low in labels[n].casefold() or low in n.casefold())
    fallback: str | None = None
    for step, found in enumerate((exact, folded, alias, prefix, sub)):
        # preferring a kind, a label holding the text anywhere will do
        if kinds and (hit := preferred(list(dict.fromkeys(prefix + sub)) if step == 3 else found)) is not None:
            return hit
        if len(found) == 1 and fallback is None:
            if not kinds:
                return str(found[0])
            fallback = str(found[0])
    # then what people call it and what is quoted of it: the one label
    # holding every word ("harsher penalties": "Harsher criminal penalties
    # for fentanyl"), else the one node whose alias or quote holds the phrase
    hits = text_index(G).search(text, limit=None)
    said = [h for h in hits if h.phrase and h.field in ("alias", "quote")]
    worded = [h.node for h in text_index(G).search(text, limit=None, partial=False, fields=("label",))]
    for found in (worded, list(dict.fromkeys(h.node for h in said))):
        if kinds and (hit := preferred(found)) is not None:
            return hit
    if fallback is not None:
        return fallback
    if not exact and not folded and not sub and len(worded) == 1:
        return worded[0]
    said_nodes = list(dict.fromkeys(h.node for h in said))
    if not exact and not folded and not sub and len(said_nodes) == 1:
        return said_nodes[0]
    many = exact or folded or alias or sub or worded
    if many or said:
        # the label matches by label, then the nodes whose aliases or quotes hold the phrase, as search ranks them
        named = sorted(set(many), key=lambda m: (labels[m].casefold(), m))
        named += [n for n in dict.fromkeys(h.node for h in said) if n not in named]
        raise AmbiguousNode(target, [f"{labels[n]} ({curie(n)})" for n in named])
    raise NodeNotFound(target, closest(G, text, hits))


def closest(G: nx.MultiDiGraph, text: str, hits: list[Hit] | None = None, n: int = 5) -> list[str]:
    """The labels of the ``n`` nodes closest to ``text``: "Label (curie)".

    The same ranking as ``pag search`` (:class:`graph.textindex.TextIndex`:
    labels, aliases, quotes, notes; texts with some of the words when none
    has all), then labels spelled alike (:mod:`difflib`) for typos.
    """
    found = text_index(G).search(text, limit=None) if hits is None else hits
    out: list[str] = []
    for h in found:
        name = f"{G.nodes[h.node].get('label', h.node)} ({curie(h.node)})"
        if name not in out:
            out.append(name)
    if len(out) < n:
        labels = {str(d.get("label", m)).casefold(): m for m, d in G.nodes(data=True)}
        for c in difflib.get_close_matches(text.casefold(), list(labels), n=n, cutoff=0.6):
            m = labels[c]
            name = f"{G.nodes[m].get('label', m)} ({curie(m)})"
            if name not in out:
                out.append(name)
    return out[:n]


def text_index(G: nx.MultiDiGraph) -> TextIndex:
    """A :class:`~graph.textindex.TextIndex` of the projection's labels, aliases, quotes and notes.

    Built once per graph and kept in ``G.graph["text_index"]`` (a projection
    is not changed after it is built; a changed graph must drop the key).
    """
    ix = G.graph.get("text_index")
    if isinstance(ix, TextIndex):
        return ix
    ix = TextIndex()
    for n, d in G.nodes(data=True):
        ix.add(n, str(d.get("label", n)), "label")
        for a in d.get("alt_labels") or []:
            ix.add(n, str(a), "alias")
        for q in d.get("quotes") or []:
            ix.add(n, str(q["quote"]), "quote", source=q.get("source") or None)
        for c in d.get("comment") or []:
            ix.add(n, str(c), "note")
    G.graph["text_index"] = ix
    return ix
