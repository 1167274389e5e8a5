"""Debate projects: a folder a person can keep in git.

::

    my-debate/
      pag.toml          the project's name, IRI base and curator
      texts/            the source documents' captured text (and originals)
      data/             one TriG file per named graph: SLUG.trig per source,
                        curation.trig for the curators' links (the reviewable truth)
      .pag/             the on-disk store rebuilt from data/ when stale, the
                        undo/redo journal (not for git: see .gitignore)

``data/`` is written deterministically (:func:`render_graph`): the same graph
gives the same bytes, so a diff shows exactly what changed. Inside a project
every ``pag`` command uses it by default (:func:`find_project` walks up from
the current folder, as git does); ``--store`` still overrides.

Examples
--------
>>> import tempfile, pathlib
>>> p = init_project(pathlib.Path(tempfile.mkdtemp()) / "debate", name="Test debate")
>>> (p.name, sorted(x.name for x in p.root.iterdir()))
('Test debate', ['.gitignore', '.pag', 'data', 'pag.toml', 'texts'])
>>> find_project(p.root / "texts").root == p.root
True
"""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import tomllib
from oxrdflib import OxigraphStore as _OxrdflibStore
from rdflib import RDF, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.store import Store as _RdflibStore
from rdflib.term import Node

from graph.curation import CURATION_GRAPH
from graph.errors import InputError, StoreError
from graph.files import atomic_writer
from graph.namespace import PAG
from graph.resources import corpus_files
from graph.sources import sha256_bytes, slugify
from graph.stores import OxigraphStore, Store

__all__ = [
    "CONFIG",
    "CURATION_GRAPH",
    "DEFAULT_BASE",
    "FileChange",
    "Project",
    "find_project",
    "init_project",
    "render_graph",
]

CONFIG = "pag.toml"
DEFAULT_BASE = "https://w3id.org/pag/id/"

_GITIGNORE = "# the store and the undo journal are rebuilt from data/\n.pag/\n"

#: prefixes every data file is written with (those of the bundled corpus, plus the
#: Web Annotation and PROV vocabularies of anchors and curated links)
_FIXED_PREFIXES = {
    "pag": "https://w3id.org/pag#",
    "status": "https://w3id.org/pag/status/",
    "approach": "https://w3id.org/pag/approach/",
    "etype": "https://w3id.org/pag/evidence-type/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
_KIND_PREFIXES = ("actor", "policy", "claim", "evidence", "measure", "source", "anchor", "agent", "graph", "link")


@dataclass(frozen=True)
class FileChange:
    """One data file before and after a change (None: the file does not exist)."""

    path: str  # relative to the project root
    before: bytes | None
    after: bytes | None


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _stable_bnodes(triples: list[tuple[Node, Node, Node]]) -> list[tuple[Node, Node, Node]]:
    """The triples with each blank node named by what it says and what points to it (a
    selector of a quote anchor: its type and text, and its anchor), so that the same graph is
    written with the same labels in the same order (rdflib's own labels are random)."""
    out_desc: dict[Node, list[tuple[str, str]]] = defaultdict(list)
    in_desc: dict[Node, list[tuple[str, str]]] = defaultdict(list)
    for s, p, o in triples:
        if isinstance(s, BNode):
            out_desc[s].append((p.n3(), "_" if isinstance(o, BNode) else o.n3()))
        if isinstance(o, BNode):
            in_desc[o].append(("_" if isinstance(s, BNode) else s.n3(), p.n3()))
    names: dict[Node, BNode] = {}
    for b in set(out_desc) | set(in_desc):
        key = repr((sorted(out_desc[b]), sorted(in_desc[b])))
        names[b] = BNode("b" + sha256_bytes(key.encode("utf-8"))[:20])

    def name(t: Node) -> Node:
        return names.get(t, t)

    return [(name(s), p, name(o)) for s, p, o in triples]


#: the first line of a data file pag writes (a file without it was written by hand)
_HEAD = "# Written by pag (debate project); edit with `pag add …` or `pag annotate`, or by hand.\n"
#: the line after which pag writes what it adds to a file written by hand
SECTION = "# ---- Below: statements added with pag (pag add, pag annotate); pag rewrites this part. ----\n"


def hand_part(data: bytes) -> bytes | None:
    """The part of a data file written by hand, kept byte for byte (None: pag wrote it all)."""
    if data.startswith(_HEAD.encode("utf-8")):
        return None
    at = data.find(("\n" + SECTION).encode("utf-8"))
    part = data if at < 0 else data[: at + 1]
    return part if part.endswith(b"\n") or not part else part + b"\n"


def render_graph(ds: Dataset, graph_iri: str, *, base: str = DEFAULT_BASE, note: str = "") -> bytes:
    """One named graph of ``ds`` as TriG, the same bytes for the same triples."""
    one = Dataset()
    for prefix, ns in _FIXED_PREFIXES.items():
        one.bind(prefix, ns, override=True, replace=True)
    for kind in _KIND_PREFIXES:
        one.bind(kind, f"{base}{kind}/", override=True, replace=True)
    g = one.graph(URIRef(graph_iri))
    for t in _stable_bnodes(list(ds.graph(URIRef(graph_iri)).triples((None, None, None)))):
        g.add(t)
    body = one.serialize(format="trig")
    head = _HEAD
    if note:
        head += "".join(f"# {line}\n" for line in note.splitlines())
    return (head + body.strip() + "\n").encode("utf-8")


_XSD_STRING = str(XSD.string)
#: a typed literal is kept in Oxigraph under this datatype prefix: Oxigraph's store writes
#: the literals of the types it knows in their canonical form ("0012"^^xsd:nonNegativeInteger
#: as "12"^^xsd:integer), and the data files must read back exactly as written
_AS_WRITTEN = "urn:x-pag:as-written:"

_OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
_OxGraph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def _to_ox(t: Node) -> _OxTerm:
    if isinstance(t, URIRef):
        return ox.NamedNode(t)
    if isinstance(t, BNode):
        return ox.BlankNode(t)
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(t, language=t.language)
        if t.datatype is None:
            return ox.Literal(t)
        return ox.Literal(t, datatype=ox.NamedNode(_AS_WRITTEN + t.datatype))
    raise TypeError(f"not an RDF term: {t!r}")


def _from_ox(t: _OxTerm | ox.Triple) -> Node:
    """An Oxigraph term as rdflib's own parser makes it (``"x"``, not ``"x"^^xsd:string``)."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        if dt.startswith(_AS_WRITTEN):
            return Literal(t.value, datatype=URIRef(dt[len(_AS_WRITTEN) :]))
        return Literal(t.value) if dt == _XSD_STRING else Literal(t.value, datatype=URIRef(dt))
    raise InputError(f"RDF-star triple terms are not supported in a project's data: {t}")


def _as_written(q: ox.Quad) -> ox.Quad:
    """A parsed quad, its typed literal (if any) marked to be kept as written."""
    o = q.object
    if isinstance(o, ox.Literal) and not o.language and o.datatype.value != _XSD_STRING:
        return ox.Quad(q.subject, q.predicate, ox.Literal(o.value, datatype=ox.NamedNode(_AS_WRITTEN + o.datatype.value)), q.graph_name)
    return q


class _QuadStore(_OxrdflibStore):
    """An rdflib store over an in-memory Oxigraph store (oxrdflib's, made to read back what
    rdflib's own parser and Memory store would): literals exactly as written (``"x"``, not
    ``"x"^^xsd:string``; ``"0012"^^xsd:nonNegativeInteger`` not canonicalised), and a triple
    held by several graphs listed once, with all its graphs, when the union is read."""

    def __init__(self, store: ox.Store) -> None:
        super().__init__(store=store)
        self._graphs: dict[_OxGraph, Graph] = {}
        self._terms: dict[_OxTerm, Node] = {}

    def _graph(self, name: _OxGraph) -> Graph:
        g = self._graphs.get(name)
        if g is None:
            ident: URIRef | BNode = (
                URIRef(name.value) if isinstance(name, ox.NamedNode)
                else BNode(name.value) if isinstance(name, ox.BlankNode)
                else DATASET_DEFAULT_GRAPH_ID
            )  # fmt: skip
            g = self._graphs[name] = Graph(store=self, identifier=ident)
        return g

    def _term(self, t: _OxTerm | ox.Triple) -> Node:
        out = self._terms.get(t)  # type: ignore[arg-type]
        if out is None:
            out = self._terms[t] = _from_ox(t)  # type: ignore[index]
        return out

    @staticmethod
    def _context(context: Graph | None) -> _OxGraph | None:
        if context is None:
            return None
        ident = context.identifier
        if ident == DATASET_DEFAULT_GRAPH_ID:
            return ox.DefaultGraph()
        return ox.BlankNode(ident) if isinstance(ident, BNode) else ox.NamedNode(ident)

    def _quad(self, s: Node, p: Node, o: Node, context: Graph | None) -> ox.Quad:
        g = self._context(context)
        return ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), g if g is not None else ox.DefaultGraph())  # type: ignore[arg-type]

    def _found(self, pattern: tuple[Node | None, Node | None, Node | None], context: Graph | None) -> Iterator[ox.Quad]:
        s, p, o = pattern
        try:
            return iter(self._inner.quads_for_pattern(
                None if s is None else _to_ox(s),  # type: ignore[arg-type]
                None if p is None else _to_ox(p),  # type: ignore[arg-type]
                None if o is None else _to_ox(o),
                self._context(context),
            ))  # fmt: skip
        except (TypeError, ValueError):  # a literal as subject, a path as predicate: nothing matches
            return iter(())

    def add(self, triple: tuple[Node, Node, Node], context: Graph, quoted: bool = False) -> None:  # type: ignore[override]
        if quoted:
            raise ValueError("Oxigraph stores are not formula aware")
        self._inner.add(self._quad(*triple, context))
        _RdflibStore.add(self, triple, context, quoted)  # type: ignore[arg-type]

    def addN(self, quads: Iterable[tuple[Node, Node, Node, Graph]]) -> None:  # type: ignore[override]
        for s, p, o, g in quads:
            self.add((s, p, o), g)

    def remove(self, triple: tuple[Node | None, Node | None, Node | None], context: Graph | None = None) -> None:  # type: ignore[override]
        for q in list(self._found(triple, context)):
            self._inner.remove(q)
        _RdflibStore.remove(self, triple, context)  # type: ignore[arg-type]

    def triples(  # type: ignore[override]
        self, triple_pattern: tuple[Node | None, Node | None, Node | None], context: Graph | None = None
    ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph]]]:
        found = self._found(triple_pattern, context)
        if context is not None:
            return (
                ((self._term(q.subject), self._term(q.predicate), self._term(q.object)), iter((self._graph(q.graph_name),)))
                for q in found
            )
        grouped: dict[tuple[_OxTerm, _OxTerm, _OxTerm], list[_OxGraph]] = {}
        for q in found:
            grouped.setdefault((q.subject, q.predicate, q.object), []).append(q.graph_name)  # type: ignore[arg-type]
        return (
            ((self._term(s), self._term(p), self._term(o)), iter([self._graph(g) for g in gs]))
            for (s, p, o), gs in grouped.items()
        )

    def contexts(self, triple: tuple[Node, Node, Node] | None = None) -> Iterator[Graph]:  # type: ignore[override]
        if triple is None:
            return (self._graph(g) for g in self._inner.named_graphs())
        return (self._graph(q.graph_name) for q in self._found(triple, None))


def parse_data_file(path: Path) -> list[ox.Quad]:
    """The quads of one data file (TriG or N-Quads), blank nodes private to the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    return _parse_bytes(data, path)


def _parse_bytes(data: bytes, path: Path) -> list[ox.Quad]:
    fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.N_QUADS
    try:
        return list(ox.parse(data, format=fmt, base_iri=path.resolve().as_uri(), rename_blank_nodes=True))
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None


def _graph_names(quads: Iterable[ox.Quad]) -> set[str]:
    return {
        n.value if isinstance(n, ox.NamedNode) else str(DATASET_DEFAULT_GRAPH_ID)
        for n in {q.graph_name for q in quads}
    }


def _comparable(quads: list[ox.Quad]) -> dict[tuple[str, str, str], ox.Quad]:
    """Quads keyed so that the same statements read twice get the same keys: a blank node
    stands for what it says and what points to it (as :func:`_stable_bnodes` names it)."""
    out_desc: dict[ox.BlankNode, list[tuple[str, str]]] = defaultdict(list)
    in_desc: dict[ox.BlankNode, list[tuple[str, str]]] = defaultdict(list)
    for q in quads:
        s, p, o = q.subject, q.predicate, q.object
        if isinstance(s, ox.BlankNode):
            out_desc[s].append((str(p), "_" if isinstance(o, ox.BlankNode) else str(o)))
        if isinstance(o, ox.BlankNode):
            in_desc[o].append(("_" if isinstance(s, ox.BlankNode) else str(s), str(p)))
    names = {
        b: "_:" + sha256_bytes(repr((sorted(out_desc[b]), sorted(in_desc[b]))).encode("utf-8"))[:20]
        for b in set(out_desc) | set(in_desc)
    }
    return {
        (
            names[q.subject] if isinstance(q.subject, ox.BlankNode) else str(q.subject),
            str(q.predicate),
            names[q.object] if isinstance(q.object, ox.BlankNode) else str(q.object),
        ): q
        for q in quads
    }


def dataset_of(quads: Iterable[ox.Quad]) -> Dataset:
    """An rdflib dataset (union default graph) over an in-memory Oxigraph store holding ``quads``."""
    store = ox.Store()
    store.extend(_as_written(q) for q in quads)
    return Dataset(store=_QuadStore(store), default_union=True)


@dataclass
class Project:
    """A debate project folder (see the module notes)."""

    root: Path
    name: str = "debate"
    base: str = DEFAULT_BASE
    curator: str = "project curators"
    #: which data files hold which named graph (filled by :meth:`load_dataset`)
    files_of: dict[str, set[str]] = field(default_factory=dict)

    # -- layout -------------------------------------------------------------
    @property
    def texts(self) -> Path:
        return self.root / "texts"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def state_dir(self) -> Path:
        return self.root / ".pag"

    @property
    def store_path(self) -> Path:
        return self.state_dir / "store"

    @property
    def curator_iri(self) -> str:
        return f"{self.base}agent/{slugify(self.curator)}"

    def iri(self, kind: str, slug: str) -> str:
        return f"{self.base}{kind}/{slug}"

    def data_files(self) -> list[Path]:
        if not self.data.is_dir():
            return []
        return sorted(p for p in self.data.iterdir() if p.suffix in {".trig", ".nq"} and not p.name.startswith("."))

    def graph_file(self, graph_iri: str) -> Path:
        """The data file a named graph is written to."""
        if graph_iri == CURATION_GRAPH:
            return self.data / "curation.trig"
        return self.data / f"{slugify(graph_iri.rstrip('/').rsplit('/', 1)[-1], max_len=80)}.trig"

    # -- reading ------------------------------------------------------------
    def load_dataset(self) -> Dataset:
        """Every data file, parsed into one rdflib dataset (union default graph).

        The files are parsed by Oxigraph into an in-memory Oxigraph store that
        rdflib reads and writes through (oxrdflib): the bundled corpus loads in
        a tenth of a second, where rdflib's own TriG parser takes seconds.
        """
        quads: list[ox.Quad] = []
        self.files_of = defaultdict(set)
        for f in self.data_files():
            part = parse_data_file(f)
            for gid in _graph_names(part):
                self.files_of[gid].add(f.name)
            quads += part
        return dataset_of(quads)

    def sources(self, ds: Dataset) -> list[tuple[str, str, str]]:
        """(IRI, label, seed file) of every Source, by label."""
        out = []
        for s in set(ds.subjects(RDF.type, PAG.Source)):
            label = str(ds.value(s, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) or s)
            seed = str(ds.value(s, PAG.seedFile) or "")
            out.append((str(s), label, seed))
        return sorted(out, key=lambda x: (x[1].lower(), x[0]))

    def text_of(self, ds: Dataset, source: str) -> tuple[str, Path] | None:
        seed = ds.value(URIRef(source), PAG.seedFile)
        if seed is None:
            return None
        path = self.texts / str(seed)
        if not path.is_file():
            return None
        return path.read_text(encoding="utf-8"), path

    # -- writing ------------------------------------------------------------
    def plan_write(self, ds: Dataset, graphs: Iterable[str], note: dict[str, str] | None = None) -> list[FileChange]:
        """The file changes that write ``graphs`` of ``ds`` (nothing is written yet)."""
        changes: list[FileChange] = []
        for g in sorted(set(graphs)):
            target = self.graph_file(g)
            rel = str(target.relative_to(self.root))
            before = target.read_bytes() if target.is_file() else None
            kept = self._keep_by_hand(ds, g, target, before, (note or {}).get(g, ""))
            if kept is not None:
                if kept != before:
                    changes.append(FileChange(rel, before, kept or None))
                continue
            has = any(True for _ in ds.graph(URIRef(g)).triples((None, None, None)))
            after = render_graph(ds, g, base=self.base, note=(note or {}).get(g, "")) if has else None
            for other in sorted(self.files_of.get(g, set()) - {target.name}):
                path = self.data / other
                graphs_there = [k for k, v in self.files_of.items() if other in v]
                if graphs_there != [g]:
                    raise InputError(
                        f"{path} holds graph <{g}> and others: split it into one file per graph first"
                    )
                changes.append(FileChange(f"data/{other}", path.read_bytes(), None))
            if before != after:
                changes.append(FileChange(rel, before, after))
        return changes

    def _keep_by_hand(self, ds: Dataset, g: str, target: Path, before: bytes | None, note: str) -> bytes | None:
        """The new content of ``target`` when graph ``g`` lies (partly) in files written by
        hand and the change only adds to what they say: those files are kept byte for byte
        (comments and layout too) and what pag added is written after :data:`SECTION` in
        ``target`` (b"": nothing; ``target`` need not exist). None when no file of ``g`` is
        written by hand, or a statement written by hand is gone (then the graph is
        written afresh, in pag's own layout)."""
        names = set(self.files_of.get(g, set())) | ({target.name} if before is not None else set())
        hand: list[ox.Quad] = []
        found = False
        name_g = ox.NamedNode(g)
        for name in sorted(names):
            data = before if name == target.name else (self.data / name).read_bytes()
            part = hand_part(data) if data is not None else None
            if part is None:
                continue
            found = True
            hand += [_as_written(q) for q in _parse_bytes(part, self.data / name) if q.graph_name == name_g]
        if not found:
            return None
        if isinstance(ds.store, _QuadStore):  # compared as Oxigraph terms: no conversion
            have = list(ds.store._inner.quads_for_pattern(None, None, None, name_g))
        else:
            have = [ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), name_g)  # type: ignore[arg-type]
                    for s, p, o in ds.graph(URIRef(g)).triples((None, None, None))]  # fmt: skip
        # statements without blank nodes compare as they are; those with, by what their
        # blank nodes say (a file's blank nodes are renamed each time it is read)
        mine, theirs = _comparable(have), _comparable(hand)
        if not theirs.keys() <= mine.keys():
            return None
        rest = Dataset()
        for key in mine.keys() - theirs.keys():
            q = mine[key]
            rest.graph(URIRef(g)).add((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)))
        section = render_graph(rest, g, base=self.base, note=note) if len(rest) else b""
        own = hand_part(before) if before is not None else None
        if own is None:  # target is pag's own file (or none): it holds what pag added
            return section
        return own + (b"\n" + SECTION.encode("utf-8") + section if section else b"")

    def apply(self, changes: Iterable[FileChange], *, reverse: bool = False) -> None:
        """Write each file atomically (or remove it), then bring the store up to date."""
        changes = list(changes)
        holds: dict[str, set[str]] = {}
        for c in changes:
            content = c.before if reverse else c.after
            path = self.root / c.path
            if content is None:
                if path.exists():
                    path.unlink()
            else:
                with atomic_writer(path) as fh:
                    fh.write(content)
            if path.parent == self.data:  # which graphs each data file holds now
                holds[path.name] = set() if content is None else _graph_names(_parse_bytes(content, path))
        self.sync_store()
        for name, gids in holds.items():
            for held in self.files_of.values():
                held.discard(name)
            for gid in gids:
                self.files_of.setdefault(gid, set()).add(name)

    # -- dismissed suggestions ------------------------------------------------
    @property
    def dismissed_path(self) -> Path:
        return self.data / "dismissed.json"

    def dismissed(self, source: str) -> list[dict[str, str]]:
        """The drafting suggestions dismissed in ``source`` (``kind`` and ``text`` each)."""
        try:
            data = json.loads(self.dismissed_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        sources = data.get("sources") if isinstance(data, dict) else None
        got = sources.get(source) if isinstance(sources, dict) else None
        if not isinstance(got, list):
            return []
        return [
            {"kind": str(d["kind"]), "text": str(d["text"])}
            for d in got if isinstance(d, dict) and "kind" in d and "text" in d
        ]  # fmt: skip

    def set_dismissed(self, source: str, kind: str, text: str, *, dismissed: bool = True) -> None:
        """Remember (or forget) that a suggestion of ``source`` was dismissed: written
        atomically to data/dismissed.json, sorted, so that it is reviewed with the data."""
        try:
            data = json.loads(self.dismissed_path.read_text(encoding="utf-8"))
            sources = {str(k): list(v) for k, v in data["sources"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            sources = {}
        mine = {(d["kind"], d["text"]) for d in self.dismissed(source)}
        if dismissed:
            mine.add((kind, text))
        else:
            mine.discard((kind, text))
        if mine:
            sources[source] = [{"kind": k, "text": t} for k, t in sorted(mine)]
        else:
            sources.pop(source, None)
        body = {
            "about": "Drafting suggestions dismissed in `pag annotate`, per source (not proposed again).",
            "sources": dict(sorted(sources.items())),
        }
        self.data.mkdir(exist_ok=True)
        with atomic_writer(self.dismissed_path) as fh:
            fh.write((json.dumps(body, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))

    # -- the store ----------------------------------------------------------
    def fingerprint(self) -> dict[str, str]:
        return {f.name: sha256_bytes(f.read_bytes()) for f in self.data_files()}

    def _stamp(self) -> Path:
        return self.state_dir / "store.json"

    def is_stale(self) -> bool:
        try:
            recorded = json.loads(self._stamp().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return True
        return not self.store_path.is_dir() or recorded.get("files") != self.fingerprint()

    def _held(self) -> dict[str, list[str]]:
        """The named graphs each data file holds (read with Oxigraph: fast)."""
        return {f.name: sorted(_graph_names(parse_data_file(f))) for f in self.data_files()}

    def _write_stamp(self, prints: dict[str, str], held: dict[str, list[str]]) -> None:
        with atomic_writer(self._stamp()) as fh:
            fh.write(json.dumps({"files": prints, "graphs": held}, indent=1, sort_keys=True).encode("utf-8"))

    def rebuild_store(self) -> None:
        """Build the on-disk store afresh from data/ (beside the old one, then swapped in)."""
        self.state_dir.mkdir(exist_ok=True)
        fresh = self.state_dir / f"store.new-{os.getpid()}"
        shutil.rmtree(fresh, ignore_errors=True)
        prints = self.fingerprint()
        held = self._held()
        store = OxigraphStore(fresh)
        try:
            store.load(self.data_files())
        finally:
            store.close()
        old = self.state_dir / f"store.old-{os.getpid()}"
        if self.store_path.exists():
            self.store_path.rename(old)
        fresh.rename(self.store_path)
        shutil.rmtree(old, ignore_errors=True)
        self._write_stamp(prints, held)

    def sync_store(self) -> None:
        """Bring the store up to date with data/, incrementally: the graphs a changed file
        held or holds are dropped and reloaded from the files that hold them (the stamp
        records which graphs each file held); anything unexpected rebuilds it."""
        recorded: dict[str, str] | None = None
        held: dict[str, list[str]] | None = None
        try:
            stamp = json.loads(self._stamp().read_text(encoding="utf-8"))
            recorded, held = dict(stamp["files"]), {k: list(v) for k, v in stamp["graphs"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        now = self.fingerprint()
        if recorded is None or held is None or not self.store_path.is_dir() or set(held) != set(recorded):
            self.rebuild_store()
            return
        changed = {n for n in set(now) | set(recorded) if now.get(n) != recorded.get(n)}
        if not changed:
            return
        graphs: set[str] = set()
        for name in sorted(changed):
            graphs |= set(held.pop(name, []))
            if name in now:
                held[name] = sorted(_graph_names(parse_data_file(self.data / name)))
                graphs |= set(held[name])
        if str(DATASET_DEFAULT_GRAPH_ID) in graphs:  # statements outside any named graph
            self.rebuild_store()
            return
        try:
            store = OxigraphStore(self.store_path)
        except StoreError:  # held by another writer: the next reader rebuilds it
            self._stamp().unlink(missing_ok=True)
            return
        try:
            if graphs:
                store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in sorted(graphs)))
            reload = sorted(n for n, gs in held.items() if graphs & set(gs) or n in changed)
            store.load([self.data / n for n in reload])
        finally:
            store.close()
        self._write_stamp(now, held)

    def open_store(self, *, read_only: bool = True) -> Store:
        """The project's on-disk store, rebuilt first when data/ changed since."""
        if self.is_stale():
            self.rebuild_store()
        return OxigraphStore(self.store_path, read_only=read_only)

    def spec(self) -> str:
        return f"oxigraph-ro:{self.store_path}"


def _read_config(root: Path) -> Project:
    path = root / CONFIG
    try:
        conf = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read the project config: {exc}") from None
    proj = conf.get("project", {})
    base = str(proj.get("base", DEFAULT_BASE))
    if not base.endswith(("/", "#")):
        raise InputError(f"{path}: base {base!r} must end with / or #")
    return Project(
        root=root,
        name=str(proj.get("name", root.name)),
        base=base,
        curator=str(proj.get("curator", "project curators")),
    )


def find_project(start: Path | None = None) -> Project | None:
    """The project holding ``start`` (default: the current folder), walking up; None outside."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return _read_config(folder)
    return None


def init_project(
    folder: Path,
    *,
    name: str | None = None,
    curator: str | None = None,
    from_bundled: bool = False,
    texts: Path | None = None,
) -> Project:
    """Create a project in ``folder`` (new or empty), optionally from the bundled corpus.

    With ``from_bundled``, every named graph of the bundled corpus becomes
    one data file; ``texts`` (the corpus's captured texts, e.g.
    ``../shared/seeds``) are copied into ``texts/`` with their SHA-256
    recorded on their Source.
    """
    folder = Path(folder)
    if (folder / CONFIG).exists():
        raise InputError(f"{folder / CONFIG} exists: {folder} is already a debate project")
    if folder.exists() and any(folder.iterdir()):
        raise InputError(f"{folder} is not empty: give a new or empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    for sub in ("texts", "data", ".pag"):
        (folder / sub).mkdir(exist_ok=True)
    title = name or folder.resolve().name
    lines = [
        "# A pag debate project: every `pag` command run inside this folder uses it.",
        "[project]",
        f"name = {_toml_str(title)}",
        "# IRIs of new nodes start with this",
        f"base = {_toml_str(DEFAULT_BASE)}",
        "# who the curators' links (between documents) are attributed to",
        f"curator = {_toml_str(curator or 'project curators')}",
    ]
    with atomic_writer(folder / CONFIG) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    with atomic_writer(folder / ".gitignore") as fh:
        fh.write(_GITIGNORE.encode("utf-8"))
    project = _read_config(folder.resolve())
    if from_bundled:
        _import_bundled(project, texts)
    project.rebuild_store()
    return project


def _import_bundled(project: Project, texts: Path | None) -> None:
    """The bundled corpus's files copied into data/ as they are (their comments, section
    notes and layout kept); with ``texts``, each Source's text copied into texts/ and its
    SHA-256 recorded (after :data:`SECTION` of its file, if the corpus does not record it)."""
    for f in corpus_files():
        with atomic_writer(project.data / f.name) as fh:
            fh.write(f.read_bytes())
    if texts is None:
        return
    if not texts.is_dir():
        raise InputError(f"{texts}: not a folder of source texts")
    ds = project.load_dataset()
    touched: set[str] = set()
    for src, seed in sorted(ds.subject_objects(PAG.seedFile)):
        path = texts / str(seed)
        if not path.is_file():
            continue
        shutil.copyfile(path, project.texts / path.name)
        digest = Literal(sha256_bytes(path.read_bytes()))
        if (src, PAG.sha256, digest) not in ds:
            ds.graph(URIRef(str(src))).add((src, PAG.sha256, digest))
            touched.add(str(src))
    for c in project.plan_write(ds, touched):
        with atomic_writer(project.root / c.path) as fh:
            fh.write(c.after or b"")


def graphs_of(ds: Dataset) -> list[str]:
    return sorted(str(c.identifier) for c in ds.graphs() if len(c) and not str(c.identifier).startswith("urn:x-rdflib:"))


def as_graph(ds: Dataset, graph_iri: str) -> Graph:
    return ds.graph(URIRef(graph_iri))
