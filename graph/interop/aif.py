"""AIF JSON (AIFdb, OVA, xAIF) in and out.

Import
    Every map becomes one named graph whose name is the map's
    ``pag:Source`` IRI (``source:aif-<map>``, the map being the file name
    without ``.json``). Every node and edge is kept:

    =======  ================================================================
    AIF      pag
    =======  ================================================================
    I        ``pag:Claim`` (``rdfs:label`` and ``pag:quote``: the text)
    L        ``pag:Locution``; ``pag:speaker`` an actor (``actor:speaker-…``)
             named by the map's participants or the ``Name : `` text prefix
    RA       ``pag:Inference`` with ``pag:premise`` (linked) and
             ``pag:conclusion``, ``pag:scheme``; plus ``pag:supports`` from
             each premise to the conclusion
    CA       ``pag:Conflict`` (``pag:conflicting``/``pag:conflicted``); plus
             ``pag:attacks`` (``pag:undercuts`` when it targets an RA)
    MA       ``pag:Rephrase``; plus ``pag:rephrases``
    YA       ``pag:Illocution``; an asserting one adds ``speaker pag:asserts I``
    TA, PA   ``pag:Transition``, ``pag:Preference``
    other    ``pag:AifNode`` with its type in ``pag:aifType``
    =======  ================================================================

    Timestamps (``pag:timestamp``, ``pag:start``, ``pag:end``), scheme ids and
    any other fields (``pag:extra``, as JSON) are kept; every locution record
    whole (a node may have several, even identical ones); every edge's own fields (``edgeID``,
    ``formEdgeID`` …) on the map's Source. Records that cannot be imported (an
    edge to a missing node, a duplicate, a node without an id) are skipped
    *and listed* in the :class:`~graph.interop.ImportSummary`. With
    ``merge_shared`` a node is named by its nodeID alone, so maps that share
    it share one node (each map's graph still states it).

Export
    :func:`to_aif` writes AIFdb JSON (``nodes``, ``edges``, ``locutions`` and
    the imported maps' own map-level fields; nothing invented). Imported maps
    come back as they were (node ids, types, texts, schemes, timestamps, edge
    ids and fields, every locution record; ids as strings).
    Native pag data becomes I-nodes (claims, evidence, policies), an RA node
    per ``supports``, a CA node per ``attacks`` and an L-node with an
    ``Asserting`` YA node per ``asserts``. Stances have no AIF form and are
    counted in the export report.

Examples
--------
>>> doc = {"nodes": [
...     {"nodeID": 1, "text": "Prices rose", "type": "I"},
...     {"nodeID": 2, "text": "Default Inference", "type": "RA"},
...     {"nodeID": 3, "text": "Inflation is high", "type": "I"}],
...  "edges": [{"edgeID": 1, "fromID": 1, "toID": 2}, {"edgeID": 2, "fromID": 2, "toID": 3}]}
>>> summary = ImportSummary("aif")
>>> quads = map_to_quads(doc, "demo", summary)
>>> dict(summary.nodes), summary.edges, dict(summary.relations)
({'I': 2, 'RA': 1}, 2, {'supports': 1})
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import DCTERMS, RDF, RDFS, XSD, Literal, URIRef
from rdflib.term import Node

from graph.errors import InputError, ParseError
from graph.interop._common import (
    ID,
    ImportSummary,
    Quad,
    iri_part,
    json_literal,
    nquads,
    slug,
    unique_slug,
)
from graph.limits import check_size, load_json
from graph.namespace import PAG
from graph.stores import Store
from graph.stores.base import without_entailed
from graph.vocab import ARGUMENT, RELATIONS, STANCE

__all__ = [
    "AIF_CLASSES",
    "ASSERTIVE",
    "aif_files",
    "import_aif",
    "map_to_quads",
    "read_map",
    "split_speaker",
    "to_aif",
    "unwrap",
]

# pag terms used in the import loop (DefinedNamespace lookups are slow)
_T_AifNode = PAG.AifNode
_T_Source = PAG.Source
_T_aifEdge = PAG.aifEdge
_T_aifInput = PAG.aifInput
_T_aifOutput = PAG.aifOutput
_T_aifType = PAG.aifType
_T_asserts = PAG.asserts
_T_attacks = PAG.attacks
_T_end = PAG.end
_T_extra = PAG.extra
_T_personId = PAG.personId
_T_quote = PAG.quote
_T_rephrases = PAG.rephrases
_T_scheme = PAG.scheme
_T_schemeId = PAG.schemeId
_T_source = PAG.source
_T_speaker = PAG.speaker
_T_start = PAG.start
_T_supports = PAG.supports
_T_timestamp = PAG.timestamp
_T_undercuts = PAG.undercuts

#: AIF node type -> pag class
AIF_CLASSES: dict[str, URIRef] = {
    "I": PAG.Claim,
    "L": PAG.Locution,
    "RA": PAG.Inference,
    "CA": PAG.Conflict,
    "MA": PAG.Rephrase,
    "PA": PAG.Preference,
    "TA": PAG.Transition,
    "YA": PAG.Illocution,
}
_CLASS_TYPES = {v: k for k, v in AIF_CLASSES.items()}

#: illocutions (YA scheme or text, folded) whose speaker asserts the proposition
ASSERTIVE = frozenset(
    {"asserting", "assertivequestioning", "rhetoricalquestioning", "restating", "defaultillocuting"}
)

_INPUT = {"RA": PAG.premise, "CA": PAG.conflicting}
_OUTPUT = {"RA": PAG.conclusion, "CA": PAG.conflicted}
_NODE_FIELDS = {"nodeID", "id", "text", "type", "scheme", "schemeID", "timestamp"}
_LOC_FIELDS = {"nodeID", "personID", "start", "end"}
_OPTIONAL = {"scheme", "schemeID", "timestamp", "personID", "start", "end"}  # kept as null when null
_SPEAKER = re.compile(r"^\s*([^:\n?!\"“”]{1,80}?)\s*:\s+(\S.*)$", re.S)
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$")
_TIME_CACHE: dict[str, Literal] = {}


# ---------------------------------------------------------------------------
# reading


def read_map(path: Path) -> dict[str, Any]:
    """Read one AIF JSON file; unwrap xAIF/OVA (``{"AIF": {...}}``).

    Raises
    ------
    ParseError
        the file is not JSON (with line and column), or not an AIF map.
    """
    check_size(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise ParseError("empty file, not an AIF map", file=str(path))
    try:
        doc = load_json(raw, str(path))  # depth and number limits (graph.limits)
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=str(path)) from None
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg}", file=str(path), line=exc.lineno, column=exc.colno) from None
    return unwrap(doc, str(path))


def outer_fields(doc: Any) -> list[str]:
    """Fields of an xAIF/OVA wrapper that lie outside its ``AIF`` part (not imported)."""
    if isinstance(doc, dict) and any(k.lower() == "aif" and isinstance(v, dict) for k, v in doc.items()):
        return sorted(k for k in doc if k.lower() != "aif" and k != "participants")
    return []


def unwrap(doc: Any, file: str = "<map>") -> dict[str, Any]:
    """The AIF part of a document: the object with ``nodes``, inside an xAIF/OVA wrapper or not."""
    if isinstance(doc, dict):
        for key in list(doc):
            if key.lower() == "aif" and isinstance(doc[key], dict):
                inner = unwrap(doc[key], file)
                if "participants" not in inner and isinstance(doc.get("participants"), list):
                    inner = {**inner, "participants": doc["participants"]}
                return inner
        if isinstance(doc.get("nodes"), list) or doc == {} or ("nodes" not in doc and "edges" in doc):
            return doc
        if doc.get("nodes") is None and "nodes" in doc:
            return {**doc, "nodes": []}
    kind = type(doc).__name__
    raise ParseError(
        f"not an AIF map: expected a JSON object with a 'nodes' list (or an xAIF {{\"AIF\": …}} wrapper), found {kind}",
        file=file,
    )


def aif_files(paths: Iterable[Path], summary: ImportSummary | None = None) -> list[Path]:
    """The files to import: each FILE, and every ``*.json`` under each DIR (sorted).

    Inside folders, hidden files and folders (``.name``) and ``__MACOSX``
    folders (resource forks left by zip archives) are not read; ``summary``
    gets a warning that counts them.
    """
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            hidden = 0
            for q in sorted(p.rglob("*")):
                if not (q.is_file() and q.suffix.lower() == ".json"):
                    continue
                rel = q.relative_to(p).parts
                if any(part.startswith(".") or part == "__MACOSX" for part in rel):
                    hidden += 1
                    continue
                out.append(q)
            if hidden and summary is not None:
                summary.warn(str(p), f"{hidden} hidden .json file(s) not read (names starting with '.', __MACOSX folders)")
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return out


# ---------------------------------------------------------------------------
# one map -> quads


def _norm_id(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dict):  # OVA: {"from": {"id": 3}}
        return _norm_id(value.get("nodeID", value.get("id")))
    if isinstance(value, int | float | str):
        text = str(value).strip()
        return text or None
    return None


def _time_literal(value: Any) -> Literal | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if _TIME.match(text):
        if text not in _TIME_CACHE:
            if len(_TIME_CACHE) > 100_000:
                _TIME_CACHE.clear()
            iso = text.replace(" ", "T")
            try:
                datetime.fromisoformat(iso)
                _TIME_CACHE[text] = Literal(iso, datatype=XSD.dateTime)
            except ValueError:
                _TIME_CACHE[text] = Literal(text)
        return _TIME_CACHE[text]
    return Literal(text)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|\d[\w-]*)$")


def split_speaker(text: str) -> tuple[str | None, str]:
    """The speaker of a locution's text (``Speaker: words``, as AIFdb writes it), and the words said.

    An annotator's name before the speaker's (``Annotator: Speaker: words``, as in
    some QT30 maps) is not the speaker: when the words after the first prefix begin
    with another name-like prefix (capitalised words or ids), that one is the speaker.

    >>> split_speaker("Lisa Nandy : You know what needs to be done")
    ('Lisa Nandy', 'You know what needs to be done')
    >>> split_speaker("Steffi: AudienceMember 20210912QT02: did what we were told")
    ('AudienceMember 20210912QT02', 'did what we were told')
    >>> split_speaker("Fiona Bruce: the question is: who pays")
    ('Fiona Bruce', 'the question is: who pays')
    >>> split_speaker("no speaker here")
    (None, 'no speaker here')
    """
    m = _SPEAKER.match(text)
    if not m or len(m.group(1).split()) > 8:
        return None, text
    name, said = m.group(1).strip(), m.group(2).strip()
    inner = _SPEAKER.match(said)
    if inner and 0 < len(inner.group(1).split()) <= 5 and all(_NAME_WORD.match(w) for w in inner.group(1).split()):
        return inner.group(1).strip(), inner.group(2).strip()
    return name, said


def _participants(doc: dict[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    found = doc.get("participants") or []
    for p in found if isinstance(found, list) else []:
        if not isinstance(p, dict):
            continue
        pid = _norm_id(p.get("participantID", p.get("personID", p.get("id"))))
        name = " ".join(str(p[k]).strip() for k in ("firstname", "surname") if p.get(k))
        name = name or str(p.get("name") or "").strip()
        if pid and name:
            names[pid] = name
    return names


def map_to_quads(
    doc: dict[str, Any],
    name: str,
    summary: ImportSummary,
    *,
    file: str | None = None,
    shared: bool = False,
) -> list[Quad]:
    """Turn one AIF map (already unwrapped) into quads in the map's named graph.

    Counts what was read, imported and skipped into ``summary``. With
    ``shared``, a node's IRI comes from its AIFdb nodeID alone, so a node
    that several maps hold is one node, stated in each map's graph.
    """
    reader = _MapReader(doc, name, summary, file or name, shared)
    reader.source()
    raw_nodes = doc.get("nodes") or []
    if not isinstance(raw_nodes, list):
        raise ParseError("'nodes' is not a list", file=reader.file)
    reader.nodes(raw_nodes)
    reader.locutions(doc.get("locutions") or [])
    raw_edges = doc.get("edges") or []
    if not isinstance(raw_edges, list):
        raise ParseError("'edges' is not a list", file=reader.file)
    reader.edges(raw_edges)
    reader.relations()
    if not raw_nodes:
        summary.warn(reader.file, "empty map: no nodes (imported as a source with nothing in it)")
    summary.maps += 1
    summary.graphs.append(str(reader.src))
    return _dedupe(reader.quads)


class _MapReader:
    """The steps of reading one map: its source, nodes, locutions, edges, and the contract relations."""

    def __init__(self, doc: dict[str, Any], name: str, summary: ImportSummary, file: str, shared: bool) -> None:
        self.doc, self.name, self.summary, self.file, self.shared = doc, name, summary, file, shared
        self.src = URIRef(f"{ID['source']}aif-{name}")
        self.quads: list[Quad] = []
        self.types: dict[str, str] = {}
        self.iris: dict[str, URIRef] = {}
        self.texts: dict[str, str] = {}
        self.schemes: dict[str, str] = {}
        self.speaker_of: dict[str, URIRef] = {}
        self.out_edges: dict[str, list[str]] = defaultdict(list)
        self.in_edges: dict[str, list[str]] = defaultdict(list)

    def add(self, s: Node, p: URIRef, o: Node) -> None:
        self.quads.append((s, p, o, self.src))

    def source(self) -> None:
        add, src, name = self.add, self.src, self.name
        add(src, RDF.type, _T_Source)
        add(src, RDFS.label, Literal(f"AIF map {name}"))
        add(src, DCTERMS.title, Literal(f"AIF map {name}"))
        add(src, DCTERMS.identifier, Literal(name))
        add(src, DCTERMS.source, Literal(Path(self.file).name))
        add(src, DCTERMS.format, Literal("AIF JSON"))
        rest = {k: v for k, v in self.doc.items() if k not in ("nodes", "edges", "locutions")}
        if rest:  # participants, schemefulfillments, OVA layout …: kept for the export
            add(src, _T_extra, json_literal({"map": rest}))

    def node_iri(self, nid: str, ntype: str) -> URIRef:
        scope = "" if self.shared else f"{self.name}-"
        if ntype == "I":
            return URIRef(f"{ID['claim']}aif-{scope}{iri_part(nid)}")
        return URIRef(f"{ID['aif']}{scope}{iri_part(nid)}")

    def nodes(self, raw_nodes: list[Any]) -> None:
        summary, file, add = self.summary, self.file, self.add
        for rec in raw_nodes:
            summary.nodes_read += 1
            if not isinstance(rec, dict):
                summary.skip(file, "node", repr(rec)[:40], "not a JSON object")
                continue
            nid = _norm_id(rec.get("nodeID", rec.get("id")))
            if nid is None:
                summary.skip(file, "node", repr(rec.get("text", ""))[:40], "no nodeID")
                continue
            ntype = str(rec.get("type") or "").strip()
            ntype = ntype.upper() if ntype.upper() in AIF_CLASSES else ntype
            text = _text(rec.get("text"))
            if nid in self.types:
                same = self.types[nid] == ntype and self.texts[nid] == text
                summary.skip(file, "node", nid,
                             "duplicate nodeID (same node)" if same else "duplicate nodeID (different node; the first is kept)")  # fmt: skip
                continue
            self.types[nid] = ntype
            self.texts[nid] = text
            node = self.iris[nid] = self.node_iri(nid, ntype)
            summary.nodes[ntype or "(none)"] += 1
            add(node, RDF.type, AIF_CLASSES.get(ntype, _T_AifNode))
            if ntype != "I":
                add(node, RDF.type, _T_AifNode)
            add(node, _T_aifType, _short(ntype))
            add(node, DCTERMS.identifier, Literal(nid))
            add(node, _T_source, self.src)
            label = text if text.strip() else f"(empty {ntype or 'untyped'} node {nid})"
            add(node, RDFS.label, _short(label) if ntype not in ("I", "L") else Literal(label))
            if ntype == "I":
                if text.strip():
                    add(node, _T_quote, Literal(text))
                else:
                    summary.warn(file, f"I-node {nid} has no text: imported with a placeholder label and no quote")
            elif ntype and ntype not in AIF_CLASSES:
                summary.warn(file, f"node {nid} has a type pag does not know ({ntype!r}): kept as pag:AifNode")
            elif not ntype:
                summary.warn(file, f"node {nid} has no type: kept as pag:AifNode")
            if rec.get("scheme") not in (None, ""):
                self.schemes[nid] = _text(rec["scheme"])
                add(node, _T_scheme, _short(self.schemes[nid]))
            if rec.get("schemeID") not in (None, ""):
                add(node, _T_schemeId, _short(_text(rec["schemeID"])))
            ts = _time_literal(rec.get("timestamp"))
            if ts is not None:
                add(node, _T_timestamp, ts)
            extra = {k: v for k, v in rec.items() if k not in _NODE_FIELDS or (v in (None, "") and k in _OPTIONAL)}
            if "nodeID" not in rec:
                extra["_idField"] = "id"
            if extra:
                add(node, _T_extra, json_literal({"node": extra}))

    def locutions(self, raw_locs: Any) -> None:
        """Every locution record is kept whole (a node may have several, each with its own
        times; an exact repeat is kept too, with a warning). Speakers come from the map's participants,
        else from the L-node's text as AIFdb writes it (``Speaker: words``)."""
        summary, file, add = self.summary, self.file, self.add
        people = _participants(self.doc)
        if not isinstance(raw_locs, list):
            summary.skip(file, "locutions", "-", f"'locutions' is not a list ({type(raw_locs).__name__})")
            raw_locs = []
        seen: dict[str, list[dict[str, Any]]] = defaultdict(list)
        repeats = 0
        for order, rec in enumerate(raw_locs):
            if not isinstance(rec, dict):
                summary.skip(file, "locution", repr(rec)[:40], "not a JSON object")
                continue
            nid = _norm_id(rec.get("nodeID"))
            if nid is None or nid not in self.iris:
                summary.skip(file, "locution", nid, "its nodeID is not a node of the map")
                continue
            body = {k: v for k, v in rec.items() if k != "nodeID"}
            if body in seen[nid]:
                repeats += 1
            seen[nid].append(body)
            summary.locutions += 1
            node = self.iris[nid]
            pid = _norm_id(rec.get("personID"))
            if pid is not None:
                add(node, _T_personId, _short(pid))
            for key, prop in (("start", _T_start), ("end", _T_end)):
                tm = _time_literal(rec.get(key))
                if tm is not None:
                    add(node, prop, tm)
            add(node, _T_extra, json_literal({"locution": body, "order": order}))
            if pid is not None and pid in people and nid not in self.speaker_of:
                self.speaker_of[nid] = _speaker(people[pid], self.src, add, summary)
        if repeats:
            summary.warn(file, f"{repeats} locution record(s) repeat another of the same node exactly: kept, as in the map")
        for nid, ntype in self.types.items():
            if ntype != "L":
                continue
            name_, said = split_speaker(self.texts[nid])
            if said.strip():
                add(self.iris[nid], _T_quote, Literal(said))
            if nid not in self.speaker_of and name_:
                self.speaker_of[nid] = _speaker(name_, self.src, add, summary)
            if nid in self.speaker_of:
                add(self.iris[nid], _T_speaker, self.speaker_of[nid])

    def edges(self, raw_edges: list[Any]) -> None:
        """Edges become the structure of the S-nodes; each edge's own fields (edgeID,
        formEdgeID, …) are kept on the map's source for the export."""
        summary, file, types, iris, add = self.summary, self.file, self.types, self.iris, self.add
        seen: set[tuple[str, str]] = set()
        fields: list[list[Any]] = []
        for rec in raw_edges:
            summary.edges_read += 1
            if not isinstance(rec, dict):
                summary.skip(file, "edge", repr(rec)[:40], "not a JSON object")
                continue
            eid = _norm_id(rec.get("edgeID", rec.get("id"))) or "?"
            f = _norm_id(rec.get("fromID", rec.get("from")))
            t = _norm_id(rec.get("toID", rec.get("to")))
            if f is None or t is None:
                summary.skip(file, "edge", eid, "no fromID or toID")
                continue
            if f not in types or t not in types:
                summary.skip(file, "edge", eid, "edge to a missing node")
                continue
            if f == t:
                summary.skip(file, "edge", eid, "self-loop (from and to the same node)")
                continue
            if (f, t) in seen:
                summary.skip(file, "edge", eid, "duplicate edge (same fromID and toID)")
                continue
            seen.add((f, t))
            summary.edges += 1
            fields.append([f, t, {k: v for k, v in rec.items() if k not in ("fromID", "toID")}])
            self.out_edges[f].append(t)
            self.in_edges[t].append(f)
            tf, tt = types[f], types[t]
            if tt not in ("I", "L") and tf in ("I", "L"):
                add(iris[t], _INPUT.get(tt, _T_aifInput), iris[f])
            elif tf not in ("I", "L"):
                add(iris[f], _OUTPUT.get(tf, _T_aifOutput), iris[t])
            else:
                add(iris[f], _T_aifEdge, iris[t])
        if fields:
            add(self.src, _T_extra, json_literal({"edges": fields}))

    def relations(self) -> None:
        """The contract relations the S-nodes mean: supports, attacks, undercuts, rephrases, asserts."""
        types, iris, out_edges, in_edges, summary = self.types, self.iris, self.out_edges, self.in_edges, self.summary
        support = nx.DiGraph()

        def rel(s: str, p: URIRef, o: str, name_: str) -> None:
            self.add(iris[s], p, iris[o])
            summary.relations[name_] += 1

        for nid, ntype in types.items():
            ins = [x for x in in_edges.get(nid, []) if types[x] == "I"]
            outs = out_edges.get(nid, [])
            if ntype == "RA":
                for p in ins:
                    for c in outs:
                        if types[c] == "I":
                            rel(p, _T_supports, c, "supports")
                            support.add_edge(p, c)
            elif ntype == "CA":
                for a in ins:
                    for c in outs:
                        if types[c] == "I":
                            rel(a, _T_attacks, c, "attacks")
                            support.add_edge(a, c)
                        elif types[c] == "RA":
                            for concl in out_edges.get(c, []):
                                if types[concl] == "I":
                                    rel(a, _T_undercuts, concl, "undercuts")
            elif ntype == "MA":
                for a in ins:
                    for c in outs:
                        if types[c] == "I":
                            rel(a, _T_rephrases, c, "rephrases")
            elif ntype == "YA":
                folded = re.sub(r"[^a-z]", "", (self.schemes.get(nid) or self.texts[nid]).lower())
                if folded in ASSERTIVE:
                    for loc in in_edges.get(nid, []):
                        if loc in self.speaker_of:
                            for c in outs:
                                if types[c] == "I":
                                    self.add(self.speaker_of[loc], _T_asserts, iris[c])
                                    summary.relations["asserts"] += 1
        cycles = [c for c in nx.strongly_connected_components(support) if len(c) > 1]
        if cycles:
            summary.warn(self.file, f"{len(cycles)} cycle(s) of supports/attacks between I-nodes (imported as found)")


def _speaker(name: str, src: URIRef, add: Callable[[Node, URIRef, Node], None], summary: ImportSummary) -> URIRef:
    key = slug(name) or iri_part(name)
    actor = URIRef(f"{ID['actor']}speaker-{key}")
    add(actor, RDF.type, PAG.Actor)
    add(actor, RDF.type, PAG.Person)
    add(actor, RDFS.label, Literal(name))
    add(actor, PAG.source, src)
    summary.speakers.add(str(actor))
    return actor


def _dedupe(quads: list[Quad]) -> list[Quad]:
    return list(dict.fromkeys(quads))


@functools.lru_cache(maxsize=4096)
def _short(text: str) -> Literal:
    """A plain literal, cached: AIF maps repeat the same short texts (types, schemes, ids)."""
    return Literal(text)


# ---------------------------------------------------------------------------
# files -> a store


def import_aif(
    paths: Sequence[Path],
    store: Store,
    *,
    progress: Callable[[Path, int], None] | None = None,
    batch_size: int = 100_000,
    merge_shared: bool = False,
) -> ImportSummary:
    """Import AIF maps (files, or folders of ``*.json``) into ``store``, one named graph per map.

    Maps are converted one by one and loaded whole, several maps (about
    ``batch_size`` statements) per ``store.load_text`` call, so a remote
    store receives them in its bounded chunks. A file that cannot be read
    is listed in ``summary.failed`` and the others are still imported.

    With ``merge_shared``, nodes are named by their AIFdb nodeID alone, so a
    node several maps share (AIFdb ids are global) is one node, stated in the
    graph of every map that holds it (each map's provenance is kept).
    """
    summary = ImportSummary("aif")
    files = aif_files(paths, summary)
    names: dict[str, str] = {}
    batch: list[str] = []
    batched = 0
    maps_of_node: Counter[Node] = Counter()

    def flush() -> None:
        nonlocal batched
        if batch:
            summary.statements += store.load_text("".join(batch), "nquads")
            batch.clear()
            batched = 0

    for path in files:
        summary.files += 1
        base = slug(path.stem, limit=80) or "map"
        name = unique_slug(path.stem, names, default="map")
        if name != base:
            summary.warn(str(path), f"another map is already named {base!r}: this one is aif-{name}")
        try:
            doc = read_map(path)
            part = ImportSummary("aif")
            outer = outer_fields(json.loads(path.read_bytes().decode("utf-8-sig"))) if doc is not None else []
            if outer:
                part.warn(str(path), f"xAIF fields outside 'AIF' not imported: {', '.join(outer)}")
            quads = map_to_quads(doc, name, part, file=str(path), shared=merge_shared)
        except (ParseError, InputError) as exc:
            summary.failed.append({"file": str(path), "error": str(exc)})
        else:
            names[name] = str(path)
            _merge(summary, part)
            if merge_shared:
                maps_of_node.update({q[0] for q in quads if q[1] == _T_aifType})
            # whole maps are sent together: a store's load cost grows with its size
            batch.append(nquads(quads))
            batched += len(quads)
            if batched >= batch_size:
                flush()
        if progress:
            progress(path, summary.statements)
    flush()
    shared = sum(1 for k in maps_of_node.values() if k > 1)
    if shared:
        summary.warn("(all maps)", f"{shared} node(s) held by several maps are one node each (--merge-shared); "
                     "every map's graph still states them")  # fmt: skip
    return summary


def _merge(total: ImportSummary, part: ImportSummary) -> None:
    total.maps += part.maps
    total.nodes.update(part.nodes)
    total.nodes_read += part.nodes_read
    total.edges += part.edges
    total.edges_read += part.edges_read
    total.locutions += part.locutions
    total.speakers |= part.speakers
    total.relations.update(part.relations)
    total.skipped_items.extend(part.skipped_items)
    total.warnings.extend(part.warnings)
    total.graphs.extend(part.graphs)


# ---------------------------------------------------------------------------
# export


_P = str(PAG)
_STRUCT_IN = {PAG.premise, PAG.conflicting, PAG.aifInput}
_STRUCT_OUT = {PAG.conclusion, PAG.conflicted, PAG.aifOutput}
_DEFAULT = {
    "RA": ("Default Inference", "72"),
    "CA": ("Default Conflict", "71"),
    "MA": ("Default Rephrase", "144"),
    "YA": ("Asserting", "74"),
}


def _id_key(x: str) -> tuple[int, int, str]:
    return (0, int(x), "") if x.isdigit() else (1, 0, x)


def _fmt_time(term: Node | None) -> str | None:
    if term is None:
        return None
    text = str(term)
    if isinstance(term, Literal) and term.datatype == XSD.dateTime:
        return text.replace("T", " ")
    return text


def to_aif(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> tuple[dict[str, Any], dict[str, int]]:
    """An AIFdb JSON document of the statements, and a report of what AIF cannot hold.

    ``quads`` are ``(s, p, o, graph)`` rdflib terms, e.g. ``store.quads()``.
    The report counts ``i_nodes``, ``s_nodes``, ``edges``, ``locutions`` and
    ``omitted_stances`` (advocates/opposes: AIF has no stance node).
    Imported maps come back with their node ids, edge ids and edge fields
    (``formEdgeID`` …), every locution record, and their map-level fields;
    nothing is invented (no ``participants`` that the input did not have).
    """
    quads = without_entailed(quads)  # a materialised super-property is not written twice
    w = _AifWriter(quads)
    w.node_records()
    w.assign_ids()
    w.structure()
    w.native_relations()
    w.locutions_out()
    return w.document()


class _AifWriter:
    """The steps of writing AIF: read the statements, make node records and ids, the
    imported structure, S-nodes for native relations, locutions, and the document."""

    def __init__(self, quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> None:
        self.single: dict[tuple[Node, URIRef], list[Node]] = defaultdict(list)
        self.types: dict[Node, set[str]] = defaultdict(set)
        self.structural: list[tuple[Node, URIRef, Node]] = []
        self.argument: list[tuple[Node, str, Node]] = []
        self.asserts: set[tuple[Node, Node]] = set()
        self.speakers: dict[Node, Node] = {}
        self.stances = 0
        # AIF keeps undercutters apart (a CA aimed at an RA); every other attack,
        # rebuttals included, folds into "attacks" as the ontology says
        rel_names = {URIRef(p): r for p, r in RELATIONS.items() if r in ARGUMENT}
        rel_names[PAG.undercuts] = "undercuts"
        rel_names[PAG.rephrases] = "rephrases"
        for s, p, o, _g in quads:
            if p == RDF.type and str(o).startswith(_P):
                self.types[s].add(str(o)[len(_P) :])
            elif p in _STRUCT_IN or p in _STRUCT_OUT or p == PAG.aifEdge:
                self.structural.append((s, p, o))  # type: ignore[arg-type]
            elif p in rel_names:
                self.argument.append((s, rel_names[p], o))  # type: ignore[index]
            elif p == PAG.asserts:
                self.asserts.add((s, o))
            elif p == PAG.speaker:
                self.speakers[s] = o
            elif RELATIONS.get(str(p)) in STANCE:
                self.stances += 1
            elif isinstance(p, URIRef):
                self.single[(s, p)].append(o)
        self.nodes: dict[Node, dict[str, Any]] = {}
        self.ids: dict[Node, str] = {}
        self.taken: set[str] = set()
        self.counter = 0
        self.edges: set[tuple[str, str]] = set()
        self.locutions: list[dict[str, Any]] = []

    def one(self, s: Node, p: URIRef) -> Node | None:
        vals = self.single.get((s, p))
        return sorted(vals, key=str)[0] if vals else None

    def extras(self, n: Node, key: str) -> list[Any]:
        """The ``key`` parts of a node's ``pag:extra`` JSON records."""
        out = []
        for x in self.single.get((n, PAG.extra), []):
            rec = json.loads(str(x))
            if key in rec:
                out.append(rec)
        return out

    def aif_type(self, n: Node) -> str | None:
        t = self.one(n, PAG.aifType)
        if t is not None:
            return str(t)
        ts = self.types.get(n, set())
        if ts & {"Claim", "Evidence", "Policy", "Argument"}:
            return "I"
        for cls, code in _CLASS_TYPES.items():
            if str(cls)[len(_P) :] in ts:
                return code
        return None

    def node_records(self) -> None:
        one = self.one
        for n in sorted(self.types, key=str):
            t = self.aif_type(n)
            if t is None:
                continue
            text = one(n, RDFS.label)
            rec: dict[str, Any] = {"text": str(text) if text is not None else "", "type": t}
            if t == "I" and text is None and one(n, PAG.quote) is not None:
                rec["text"] = str(one(n, PAG.quote))
            ident = one(n, DCTERMS.identifier)
            if one(n, PAG.aifType) is not None and rec["text"] == f"(empty {t or 'untyped'} node {ident})":
                rec["text"] = ""
            ts = _fmt_time(one(n, PAG.timestamp))
            if ts is not None:
                rec["timestamp"] = ts
            for key, prop in (("scheme", PAG.scheme), ("schemeID", PAG.schemeId)):
                v = one(n, prop)
                if v is not None:
                    rec[key] = str(v)
            self.nodes[n] = rec

    def new_id(self) -> str:
        self.counter += 1
        while f"n{self.counter}" in self.taken:
            self.counter += 1
        self.taken.add(f"n{self.counter}")
        return f"n{self.counter}"

    def assign_ids(self) -> None:
        """The imported node ids where unique, else new ones."""
        for n in self.nodes:
            ident = self.one(n, DCTERMS.identifier)
            if ident is not None and str(ident) not in self.taken:
                self.ids[n] = str(ident)
                self.taken.add(str(ident))
        for n in self.nodes:
            if n not in self.ids:
                self.ids[n] = self.new_id()

    def structure(self) -> None:
        """Edges of the imported S-nodes, and which contract relations they already say."""
        nodes, ids = self.nodes, self.ids
        s_in: dict[Node, set[Node]] = defaultdict(set)
        s_out: dict[Node, set[Node]] = defaultdict(set)
        for s, p, o in self.structural:
            if s not in nodes or o not in nodes:
                continue
            if p in _STRUCT_IN:
                self.edges.add((ids[o], ids[s]))
                s_in[s].add(o)
            elif p in _STRUCT_OUT:
                self.edges.add((ids[s], ids[o]))
                s_out[s].add(o)
            else:
                self.edges.add((ids[s], ids[o]))
        covered: set[tuple[Node, str, Node]] = set()
        for sn, rec in nodes.items():
            ins = {x for x in s_in.get(sn, ()) if nodes[x]["type"] == "I"}
            outs = s_out.get(sn, set())
            if rec["type"] == "RA":
                covered |= {(p, "supports", c) for p in ins for c in outs}
            elif rec["type"] == "CA":
                for c in outs:
                    covered |= {(a, "attacks", c) for a in ins}
                    covered |= {(a, "undercuts", cc) for a in ins for cc in s_out.get(c, ())}
            elif rec["type"] == "MA":
                covered |= {(a, "rephrases", c) for a in ins for c in outs}
            elif rec["type"] == "YA":
                for lnode in s_in.get(sn, ()):
                    if lnode in self.speakers:
                        covered |= {(self.speakers[lnode], "asserts", c) for c in outs}
        self.covered = covered

    def native_relations(self) -> None:
        """An RA / CA / MA node for each relation no imported S-node says."""
        code = {"supports": "RA", "attacks": "CA", "undercuts": "CA", "rephrases": "MA"}
        for s, r, o in sorted(set(self.argument), key=lambda x: (str(x[0]), x[1], str(x[2]))):
            if (s, r, o) in self.covered or s not in self.nodes or o not in self.nodes:
                continue
            stype = code[r]
            stext, scheme_id = _DEFAULT[stype]
            sn = URIRef(f"urn:pag:generated:{stype}:{len(self.nodes)}")
            self.nodes[sn] = {"text": stext, "type": stype, "scheme": stext, "schemeID": scheme_id}
            self.ids[sn] = self.new_id()
            self.edges.add((self.ids[s], self.ids[sn]))
            self.edges.add((self.ids[sn], self.ids[o]))

    def locutions_out(self) -> None:
        """Every imported locution record; one L-node (+ Asserting YA) per native ``asserts``."""
        one, nodes, ids = self.one, self.nodes, self.ids
        person_ids: dict[Node, str] = {}
        for n, rec in nodes.items():
            if rec["type"] != "L":
                continue
            records = sorted(self.extras(n, "locution"), key=lambda e: (e.get("order", 0), json.dumps(e, sort_keys=True)))
            for e in records:
                self.locutions.append({"nodeID": ids[n], **e["locution"]})
            pid = one(n, PAG.personId)
            if pid is not None and n in self.speakers:
                person_ids.setdefault(self.speakers[n], str(pid))
            if not records and one(n, PAG.aifType) is None and pid is not None:
                self.locutions.append({"nodeID": ids[n], "personID": str(pid)})

        def person(actor: Node) -> str:
            if actor not in person_ids:
                known = one(actor, PAG.personId)
                person_ids[actor] = str(known) if known is not None else str(len(person_ids) + 1)
            return person_ids[actor]

        for actor, claim in sorted(self.asserts, key=lambda x: (str(x[0]), str(x[1]))):
            if (actor, "asserts", claim) in self.covered or claim not in nodes:
                continue
            name = one(actor, RDFS.label) or actor
            words = one(claim, PAG.quote) or one(claim, RDFS.label) or claim
            ln = URIRef(f"urn:pag:generated:L:{len(nodes)}")
            nodes[ln] = {"text": f"{name} : {words}", "type": "L"}
            ids[ln] = self.new_id()
            ya = URIRef(f"urn:pag:generated:YA:{len(nodes)}")
            nodes[ya] = {"text": "Asserting", "type": "YA", "scheme": "Asserting", "schemeID": "74"}
            ids[ya] = self.new_id()
            self.edges.add((ids[ln], ids[ya]))
            self.edges.add((ids[ya], ids[claim]))
            self.locutions.append({"nodeID": ids[ln], "personID": person(actor)})

    def map_fields(self) -> tuple[dict[str, Any], dict[tuple[str, str], dict[str, Any]]]:
        """Map-level fields of the imported maps, and each imported edge's own fields by (from, to)."""
        extras: dict[str, Any] = {}
        edge_fields: dict[tuple[str, str], dict[str, Any]] = {}
        for (_s, p), values in sorted(self.single.items(), key=lambda x: str(x[0][0])):
            if p != PAG.extra:
                continue
            for v in values:
                rec = json.loads(str(v))
                for f, t, fields in rec.get("edges", []):
                    edge_fields.setdefault((str(f), str(t)), fields)
                for key, value in rec.get("map", {}).items():
                    if isinstance(value, list) and isinstance(extras.get(key, []), list):
                        have = extras.setdefault(key, [])
                        have.extend(x for x in value if x not in have)
                    else:
                        extras.setdefault(key, value)
        return extras, edge_fields

    def document(self) -> tuple[dict[str, Any], dict[str, int]]:
        nodes, ids = self.nodes, self.ids
        out_nodes = []
        for n, rec in nodes.items():
            full: dict[str, Any] = {"nodeID": ids[n], **rec}
            for x in self.extras(n, "node"):
                extra = dict(x["node"])
                id_field = extra.pop("_idField", None)
                full.update(extra)
                if id_field == "id":
                    full["id"] = full.pop("nodeID")
            out_nodes.append(full)
        out_nodes.sort(key=lambda r: _id_key(str(r.get("nodeID", r.get("id")))))
        extras, edge_fields = self.map_fields()
        used = {str(f.get("edgeID")) for (ft), f in edge_fields.items() if ft in self.edges and "edgeID" in f}
        edge_list = []
        k = 0
        for f, t in sorted(self.edges, key=lambda e: (_id_key(e[0]), _id_key(e[1]))):
            fields = edge_fields.get((f, t))
            if fields is None:
                k += 1
                while f"e{k}" in used:
                    k += 1
                fields = {"edgeID": f"e{k}"}
            edge_list.append({"edgeID": fields.get("edgeID"), "fromID": f, "toID": t, **{a: b for a, b in fields.items() if a != "edgeID"}})
        self.locutions.sort(key=lambda r: _id_key(str(r["nodeID"])))
        doc: dict[str, Any] = {"nodes": out_nodes, "edges": edge_list, "locutions": self.locutions}
        for key, value in extras.items():
            doc.setdefault(key, value)
        report = {
            "i_nodes": sum(1 for r in nodes.values() if r["type"] == "I"),
            "s_nodes": sum(1 for r in nodes.values() if r["type"] not in ("I", "L")),
            "l_nodes": sum(1 for r in nodes.values() if r["type"] == "L"),
            "edges": len(edge_list),
            "locutions": len(self.locutions),
            "omitted_stances": self.stances,
        }
        return doc, report
