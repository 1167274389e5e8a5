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
import hashlib
import json
import marshal
import os
from collections.abc import Iterable, Iterator
from operator import attrgetter
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib import Literal as RLiteral
from rdflib.graph import Graph
from rdflib.namespace import DCTERMS, SDO, SKOS, XSD

from graph.errors import AmbiguousNode, InputError, NodeNotFound
from graph.files import atomic_writer, cache_dir
from graph.namespace import PAG
from graph.stores.base import Store
from graph.stores.oxigraph import OxigraphStore, rocksdb_state
from graph.terms import PREFIXES, Quad, curie, default_graph_id, expand_curie, to_oxigraph
from graph.textindex import Hit, TextIndex, fold
from graph.vocab import PROVENANCE, RELATION_KINDS, RELATIONS

__all__ = [
    "FOCUS_PURPOSES",
    "KINDS",
    "Excerpt",
    "closest",
    "focus",
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
        cached = _ProjectionCache.of(data, provenance, relations, attributes)
        if cached is None:
            return _project(data, provenance, relations, attributes)
        G = cached.read()
        if G is None:
            G = _project(data, provenance, relations, attributes)
            cached.write(G)
        return G
    finally:
        if was_enabled:
            gc.enable()


#: bump when a cached projection would no longer equal what ``_project`` builds
#: (the code of this module and of graph/vocab.py is part of the key as well)
_PROJECTION_CACHE_FORMAT = 1


class _ProjectionCache:
    """The projection of an on-disk Oxigraph store, kept in the user's cache folder.

    Reading every statement of a large on-disk store costs several times
    what loading it did (each term is looked up in RocksDB), and nearly
    every command starts with the same projection; so, like the counts of
    ``pag stats``, it is kept (``cache_dir()/projection/``) under a key made
    of the store's RocksDB state (:func:`graph.stores.oxigraph.rocksdb_state`:
    any write changes it), the projection's options and a digest of the code
    that builds it. A stale or unreadable entry is rebuilt, never used.
    The payload is :mod:`marshal` data (plain dicts, lists and strings: loading
    it runs no code), the graph's node and successor dicts.
    ``PAG_CACHE_DIR=""`` turns it off.
    """

    _code: str | None = None

    def __init__(self, where: Path, key: str) -> None:
        self.where, self.key = where, key

    @classmethod
    def _code_digest(cls) -> str:
        if cls._code is None:
            h = hashlib.sha256()
            for name in ("model.py", "vocab.py"):
                h.update((Path(__file__).parent / name).read_bytes())
            cls._code = h.hexdigest()[:16]
        return cls._code

    @classmethod
    def of(
        cls, data: Store | Dataset | Graph, provenance: bool, relations: Iterable[str] | None, attributes: bool
    ) -> _ProjectionCache | None:
        if not isinstance(data, OxigraphStore) or data.path is None:
            return None
        folder = cache_dir()
        state = rocksdb_state(data.path)  # read before projecting: a write meanwhile makes it stale, never wrong
        if folder is None or state is None:
            return None
        try:
            code = cls._code_digest()
        except OSError:  # the code is not there to read (a frozen build): no cache
            return None
        key = json.dumps(
            {
                "format": _PROJECTION_CACHE_FORMAT,
                "code": code,
                "state": state,
                "provenance": provenance,
                "relations": None if relations is None else sorted(relations),
                "attributes": attributes,
            },
            sort_keys=True,
        )
        variant = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
        digest = hashlib.sha256(str(data.path.resolve()).encode("utf-8")).hexdigest()[:24]
        return cls(folder / "projection" / f"{digest}-{'p' if provenance else 'n'}{'a' if attributes else 's'}-{variant}", key)

    def read(self) -> nx.MultiDiGraph | None:
        try:
            with self.where.open("rb") as fh:
                st = os.fstat(fh.fileno())
                if st.st_uid != os.getuid() or st.st_mode & 0o022:
                    return None  # only a file this user wrote and nobody else can change
                if fh.readline().decode("utf-8").rstrip("\n") != self.key:
                    return None
                # marshal builds values and runs nothing; the file is the user's own
                nodes, succ = marshal.loads(fh.read())  # noqa: S302
        except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
            return None
        if not isinstance(nodes, dict) or not isinstance(succ, dict):
            return None
        # succ[u][v] and pred[v][u] share one key dict, as networkx keeps them
        pred: dict[str, dict[str, Any]] = {n: {} for n in nodes}
        for u, targets in succ.items():
            for v, keydict in targets.items():
                pred[v][u] = keydict
        G = nx.MultiDiGraph()
        G._node.update(nodes)
        G._succ.update(succ)
        G._pred.update(pred)
        return G

    def write(self, G: nx.MultiDiGraph) -> None:
        try:
            payload = marshal.dumps((G._node, G._succ), 4)
        except ValueError:
            return  # a value marshal cannot keep: no cache, only time lost
        try:
            self.where.parent.mkdir(parents=True, exist_ok=True)
            for old in self.where.parent.glob(self.where.name.rsplit("-", 1)[0] + "-*"):
                if old != self.where:  # the entries of earlier states of this store
                    old.unlink(missing_ok=True)
            with atomic_writer(self.where) as fh:
                os.fchmod(fh.fileno(), 0o600)
                fh.write(self.key.encode("utf-8") + b"\n")
                fh.write(payload)
        except (OSError, InputError):
            pass  # a cache that cannot be written only costs time


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


# --- focused projection: only the part of the graph an answer depends on ----------

#: predicates that fold into the argument relations (sub-properties included)
_ARGUMENT_PREDICATES = sorted(p for p, r in RELATIONS.items() if r in ("supports", "attacks"))
#: predicates whose edges into a node a focused report shows (who asserts, advocates, opposes it)
_INTO_PREDICATES = sorted(p for p, r in RELATIONS.items() if r in ("asserts", "advocates", "opposes"))
#: what a focused projection is for (see :func:`focus`)
FOCUS_PURPOSES = ("chains", "evidence", "impact")
_VALUES_CHUNK = 400


def _iri_list(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _values(names: str, rows: Iterable[tuple[str, ...]]) -> str:
    """One VALUES block binding the variables ``names`` (e.g. ``"?o ?p"``) together.

    One block of tuples, not one block per variable: Oxigraph joins separate
    VALUES blocks after scanning the pattern (1.3 s on a 1M store), a block
    of tuples before (an index lookup per row).
    """
    body = " ".join("(" + " ".join(f"<{x}>" for x in row) + ")" for row in rows)
    return f"VALUES ({names}) {{ {body} }}"


def _chunks(items: list[str], n: int = _VALUES_CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _quad_pattern(values: str) -> str:
    """``?s ?p ?o`` with ``values`` (VALUES clauses binding some of them), in a
    named graph (?g bound) or only in the default graph (?g unbound).

    Works alike where the default graph is the union of all (Oxigraph as pag
    queries it, rdflib's dataset, many servers) and where it is not. The
    VALUES go inside each branch, so that every branch is an index lookup
    (outside a UNION, Oxigraph would scan the whole store for ``?s ?p ?o``).
    """
    return (
        f"{{ {values} GRAPH ?g {{ ?s ?p ?o }} }} UNION "
        f"{{ {values} ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} }} }}"
    )


def _neighbours(store: Store, frontier: list[str], *, backward: bool) -> set[str]:
    """One hop along supports/attacks (and their sub-properties): who argues about (or is argued about by) the frontier."""
    out: set[str] = set()
    for part in _chunks(sorted(frontier), _VALUES_CHUNK // len(_ARGUMENT_PREDICATES)):
        known, other = ("?o", "?s") if backward else ("?s", "?o")
        values = _values(f"{known} ?p", ((n, p) for n in part for p in _ARGUMENT_PREDICATES))
        q = f"SELECT DISTINCT {other} WHERE {{ {_quad_pattern(values)} FILTER(isIRI({other})) }}"
        # our own text over IRIs the store gave (no need to parse it for safety: seconds a query)
        out.update(str(row[0]) for row in store.query(q, safe=False).rows if row[0] is not None)
    return out


def _closure(store: Store, seeds: Iterable[str], *, backward: bool) -> set[str]:
    """Every node reachable from ``seeds`` one hop level (one SELECT) at a time."""
    seen = set(seeds)
    frontier = sorted(seen)
    while frontier:
        nxt = _neighbours(store, frontier, backward=backward) - seen
        seen |= nxt
        frontier = sorted(nxt)
    return seen


def _fetch(store: Store, nodes: set[str], ds: Dataset, *, about: bool) -> set[str]:
    """Add to ``ds`` every statement about ``nodes`` (``about``) or the
    asserts/stance statements into them; return the IRIs they mention."""
    found: set[str] = set()
    for part in _chunks(sorted(nodes), _VALUES_CHUNK // (1 if about else len(_INTO_PREDICATES))):
        if about:
            q = f"SELECT ?s ?p ?o ?g WHERE {{ {_quad_pattern(_values('?s', ((n,) for n in part)))} }}"
        else:
            values = _values("?o ?p", ((n, p) for n in part for p in _INTO_PREDICATES))
            q = f"SELECT ?s ?p ?o ?g WHERE {{ {_quad_pattern(values)} }}"
        for s, p, o, g in store.query(q).rows:
            if s is None or p is None or o is None:
                continue
            (ds.graph(g) if g is not None else ds.default_context).add((s, p, o))  # type: ignore[arg-type]
            if g is not None:
                found.add(str(g))
            if isinstance(o, URIRef) and not about:
                found.add(str(s))
            elif isinstance(o, URIRef) and str(p) != _RDF_TYPE:
                found.add(str(o))
    return found


def _store_resolve(store: Store, target: str) -> str:
    """:func:`resolve` without projecting the whole store.

    An IRI or CURIE the store holds is taken as it is. Otherwise only the
    nodes with a literal (label, alias, quote …) or an IRI containing the
    text can match (every rule of :func:`resolve` implies it): those are
    projected and :func:`resolve` picks among them. When none matches, the
    whole store is projected, so that the message (with its suggestions)
    is the one :func:`resolve` gives.
    """
    text = target.strip()
    iri = expand_curie(text) or text
    if iri.startswith(("http://", "https://", "urn:")) and not any(c in iri for c in ' <>"{}|^`\\'):
        q = f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} UNION {{ ?s ?p <{iri}> }} UNION {{ GRAPH ?g {{ ?s ?p <{iri}> }} }} }}"
        if store.query(q).boolean:
            return iri
    q = (
        "SELECT DISTINCT ?s WHERE { { ?s ?p ?l } UNION { GRAPH ?g { ?s ?p ?l } } FILTER(isIRI(?s)) "
        "FILTER((isLiteral(?l) && CONTAINS(LCASE(STR(?l)), LCASE(?t))) || CONTAINS(LCASE(STR(?s)), LCASE(?t))) }"
    )
    cands = {str(r[0]) for r in store.query(q, bindings={"t": RLiteral(text)}).rows if r[0] is not None}
    if cands:
        ds = Dataset()
        _fetch(store, cands, ds, about=True)
        G = project(ds)
        try:
            return resolve(G, text)
        except (NodeNotFound, AmbiguousNode):
            pass  # later steps (words, quoted phrases) and the messages need every node
    return resolve(project(store, attributes=True), text)


def focus(
    store: Store,
    target: str,
    *,
    purpose: str = "chains",
    provenance: bool = False,
) -> nx.MultiDiGraph:
    """A small projected graph: the part of ``store`` that can change a focused report on ``target``.

    ``chains`` and ``evidence`` (under the evidential or no-support reading)
    depend only on what argues about the target: the *backward closure*
    along supports and attacks (every node with a supports/attacks path to
    the target), with what those nodes say and who asserts them, and who
    advocates or opposes the target. ``impact`` depends on what rests on
    the target (the forward closure from it, or from everything a source
    states) and on what argues about that (the backward closure of it).

    The closure is walked one hop level at a time, one SPARQL SELECT per
    level (so it works alike on memory, on-disk and remote stores), and the
    statements about the nodes it reaches are projected with :func:`project`
    as the whole store would be: tests check that the focused reports equal
    the whole-graph ones.

    Parameters
    ----------
    store : Store
        Where to read from; not changed.
    target : str
        IRI, CURIE or label (the rules of :func:`resolve`).
    purpose : {"chains", "evidence", "impact"}
    provenance : bool
        As for :func:`project`.

    Returns
    -------
    networkx.MultiDiGraph
        The projection of that part; ``G.graph["focus"]`` is the IRI of
        the node ``target`` names in the whole store (pass it on: a label
        could name another node among fewer candidates).

    Raises
    ------
    NodeNotFound, AmbiguousNode
        ``target`` names no node or several.

    Examples
    --------
    >>> from graph.stores import open_store
    >>> store = open_store("memory")
    >>> G = focus(store, "policy:operation-synthetic-opioid-surge")
    >>> 0 < G.number_of_nodes() < len(project(store))
    True
    """
    if purpose not in FOCUS_PURPOSES:
        raise ValueError(f"unknown focus purpose {purpose!r}")
    root = _store_resolve(store, target)
    seeds = {root}
    if purpose == "impact":
        kinds = store.query(
            f"SELECT DISTINCT ?t WHERE {{ {{ <{root}> a ?t }} UNION {{ GRAPH ?g {{ <{root}> a ?t }} }} }}"
        ).rows
        if any(str(t[0]) == _P + "Source" for t in kinds):
            q = (
                f"SELECT DISTINCT ?x WHERE {{ GRAPH <{root}> {{ {{ ?x ?p ?o }} UNION "
                f"{{ ?s ?q ?x FILTER(?q IN ({', '.join(f'<{p}>' for p in _ARGUMENT_PREDICATES)})) }} }} FILTER(isIRI(?x)) }}"
            )
            seeds |= {str(r[0]) for r in store.query(q).rows if r[0] is not None}
        seeds = _closure(store, seeds, backward=False)
    nodes = _closure(store, seeds, backward=True)
    ds = Dataset()
    mentioned = _fetch(store, nodes, ds, about=True)
    actors = _fetch(store, nodes, ds, about=False) - nodes
    extra = (mentioned | actors) - nodes
    # the other ends: actors, sources, measures, concepts named by the nodes (their types and labels)
    if extra:
        for part in _chunks(sorted(extra), _VALUES_CHUNK // 2):
            values = _values("?s ?p", ((n, p) for n in part for p in (_RDF_TYPE, _LABEL)))
            q = f"SELECT ?s ?p ?o ?g WHERE {{ {_quad_pattern(values)} }}"
            for s, p, o, g in store.query(q).rows:
                if s is not None and p is not None and o is not None:
                    (ds.graph(g) if g is not None else ds.default_context).add((s, p, o))  # type: ignore[arg-type]
    G = project(ds, provenance=provenance)
    G.graph["focus"] = root  # the node TARGET named in the whole store: name it so in G
    # an argument outside the closure (what a node of it supports or attacks) cannot
    # change the answer; the actors, sources and measures the nodes name stay
    # (and the named graphs, e.g. a curation graph that is not a source)
    graphs = {str(c.identifier) for c in ds.graphs()}
    G.remove_nodes_from(
        [n for n in list(G) if n not in nodes and n not in graphs and G.nodes[n].get("kind") not in _CONTEXT_KINDS]
    )
    return G


_CONTEXT_KINDS = frozenset({"actor", "source", "measure"})


# --- an excerpt of a store: the statements a focused view draws from (issue 20) -------

#: every predicate that makes an edge of ``project(..., provenance=True)``
_ALL_EDGE_PREDICATES = sorted(set(_EDGE_RELATIONS) | set(_PROVENANCE_RELATIONS))
_RELATION_PREDICATES: dict[str, list[str]] = {}
for _p, _r in (*_EDGE_RELATIONS.items(), *_PROVENANCE_RELATIONS.items()):
    _RELATION_PREDICATES.setdefault(_r, []).append(_p)


class Excerpt:
    """The part of a store a focused answer reads, fetched by SPARQL pattern queries.

    Each method adds statements to one small in-memory store (``local``)
    and remembers what it has fetched, so asking twice costs nothing;
    :meth:`graph` projects what was gathered with :func:`project` (so a node
    whose statements were all fetched is the node the whole projection has).
    Used by :func:`graph.view.focused_graph`; works alike on memory, on-disk
    and remote stores. Its queries are pag's own text over IRIs read from the
    store, so they are not parsed for safety (that takes seconds for a long
    VALUES block).

    >>> from graph.stores import open_store
    >>> ex = Excerpt(open_store("memory"))
    >>> root = "https://w3id.org/pag/id/policy/naloxone-access"
    >>> back = ex.closure([root], backward=True)
    >>> _ = ex.about(back)
    >>> G = ex.graph()
    >>> G.nodes[root]["kind"], 0 < len(G) < len(project(open_store("memory")))
    ('policy', True)
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.local = OxigraphStore()
        self._about: set[str] = set()
        self._at: set[str] = set()
        self._names: set[str] = set()
        #: the named graphs of every statement fetched
        self.graph_names: set[str] = set()

    def _add(self, rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, Any, Any, Any]]:
        added, quads = [], []
        default = ox.DefaultGraph()
        for s, p, o, g in rows:
            if s is None or p is None or o is None:
                continue
            if g is not None:
                self.graph_names.add(str(g))
            quads.append(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), default if g is None else to_oxigraph(g)))
            added.append((s, p, o, g))
        self.local.ox.extend(quads)
        return added

    def resolve(self, target: str) -> str:
        """The node ``target`` names in the whole store (the rules of :func:`resolve`)."""
        return _store_resolve(self.store, target)

    def about(self, nodes: Iterable[str]) -> set[str]:
        """Every statement whose subject is one of ``nodes``; returns the IRIs
        they name (objects other than classes, and graph names)."""
        todo = sorted(set(nodes) - self._about)
        self._about.update(todo)
        found: set[str] = set()
        for part in _chunks(todo):
            q = f"SELECT ?s ?p ?o ?g WHERE {{ {_quad_pattern(_values('?s', ((n,) for n in part)))} }}"
            for _s, p, o, g in self._add(self.store.query(q, safe=False).rows):
                if g is not None:
                    found.add(str(g))
                if isinstance(o, URIRef) and str(p) != _RDF_TYPE:
                    found.add(str(o))
        return found

    def edges_at(self, nodes: Iterable[str]) -> set[str]:
        """Every edge of the projection (``provenance=True``) at ``nodes``, in
        and out, and the types and labels of their other ends; returns those ends."""
        todo = sorted(set(nodes) - self._at)
        self._at.update(todo)
        ends: set[str] = set()
        # one variable bound (an index lookup per node), the predicates filtered:
        # a short text (a VALUES row per node and predicate would be 17 times longer)
        keep = f"FILTER(isIRI(?o) && ?p IN ({', '.join(f'<{p}>' for p in _ALL_EDGE_PREDICATES)}))"
        for part in _chunks(todo):
            for known in ("?s", "?o"):
                values = _values(known, ((n,) for n in part)) + " " + keep
                q = f"SELECT ?s ?p ?o ?g WHERE {{ {_quad_pattern(values)} }}"
                for s, _p, o, _g in self._add(self.store.query(q, safe=False).rows):
                    ends.add(str(o) if known == "?s" else str(s))
        self.names(ends)
        return ends

    def names(self, iris: Iterable[str]) -> None:
        """The ``rdf:type`` and ``rdfs:label`` statements of ``iris`` (enough
        for the projection to give each its kind and label)."""
        todo = sorted(set(iris) - self._names - self._about)
        self._names.update(todo)
        for part in _chunks(todo):
            values = _values("?s", ((n,) for n in part)) + f" FILTER(?p IN (<{_RDF_TYPE}>, <{_LABEL}>))"
            self._add(self.store.query(f"SELECT ?s ?p ?o ?g WHERE {{ {_quad_pattern(values)} }}", safe=False).rows)

    def edges_from(self, nodes: Iterable[str], relations: Iterable[str]) -> None:
        """The out-edges of ``relations`` (e.g. ``["supports"]``) from ``nodes``, nothing else."""
        preds = sorted(p for r in relations for p in _RELATION_PREDICATES.get(r, []))
        keep = f"FILTER(?p IN ({', '.join(f'<{p}>' for p in preds)}))"
        for part in _chunks(sorted(set(nodes))):
            values = _values("?s", ((n,) for n in part)) + " " + keep
            self._add(self.store.query(f"SELECT ?s ?p ?o ?g WHERE {{ {_quad_pattern(values)} FILTER(isIRI(?o)) }}", safe=False).rows)

    def closure(
        self, seeds: Iterable[str], *, backward: bool, relations: Iterable[str] = ("supports", "attacks")
    ) -> dict[str, int]:
        """Every node reachable from ``seeds`` along ``relations`` (against
        them: ``backward``), with its distance in steps; one SELECT per step."""
        preds = sorted(p for r in relations for p in _RELATION_PREDICATES.get(r, []))
        known, other = ("?o", "?s") if backward else ("?s", "?o")
        keep = f"FILTER(?p IN ({', '.join(f'<{p}>' for p in preds)}))"
        dist = dict.fromkeys(seeds, 0)
        frontier = sorted(dist)
        step = 0
        while frontier:
            step += 1
            nxt: set[str] = set()
            for part in _chunks(frontier):
                values = _values(known, ((n,) for n in part)) + " " + keep
                q = f"SELECT DISTINCT {other} WHERE {{ {_quad_pattern(values)} FILTER(isIRI({other})) }}"
                nxt.update(str(r[0]) for r in self.store.query(q, safe=False).rows if r[0] is not None)
            nxt -= set(dist)
            dist.update(dict.fromkeys(nxt, step))
            frontier = sorted(nxt)
        return dist

    def graph(self, *, provenance: bool = True) -> nx.MultiDiGraph:
        """:func:`project` of what has been fetched."""
        return project(self.local, provenance=provenance)
