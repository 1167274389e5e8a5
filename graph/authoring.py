"""Authoring a debate project: sources, nodes and links, validated, with undo.

Every operation goes through the same steps, whether it comes from
``pag add …``, ``pag source add`` or the browser annotator (``pag annotate``):

1. the new statements are added to the project's dataset;
2. they are **validated** before anything is written: the SHACL shapes on
   the nodes they touch (:func:`graph.validate.validate` over that part of
   the graph), every reference (the object of a relation must be declared),
   the kinds at both ends of a link, and every quote verbatim against the
   source's registered text — a quote that is not in the text is refused;
3. the named graphs that changed are written **atomically** to ``data/``
   (one deterministic TriG file per graph) and the on-disk store is brought
   up to date;
4. the change is recorded in the **journal** (``.pag/journal.json``), so
   :meth:`Authoring.undo` and :meth:`Authoring.redo` can restore the files.

A quote is stored as ``pag:quote`` on its node, in its source's named graph,
with its W3C Web Annotation anchor (the shape of issue 13): an
``oa:SpecificResource`` with ``pag:anchorOf`` the node, ``rdf:value`` the
quote, ``oa:hasSource`` the Source, an ``oa:TextQuoteSelector`` (exact,
prefix, suffix) and an ``oa:TextPositionSelector`` (start, end); for a PDF
also ``schema:pageStart``/``schema:pageEnd``. The Source records the text's
SHA-256 (``pag:sha256``).

A link between two nodes that one document states (the person names the
document and both nodes are read from it) goes into that document's graph.
Any other link is the curators' reading: it goes into the curation graph
(:data:`graph.project.CURATION_GRAPH`, typed ``pag:CurationGraph``) with a
``pag:CuratedLink`` that says why, who made it and which quotes it reads.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date as _date
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Dataset, Literal, Namespace, URIRef
from rdflib.term import Node

from graph.anchors import OA, Anchor, anchor, page_label, reanchor
from graph.curation import CURATION_GRAPH
from graph.errors import InputError
from graph.files import atomic_writer
from graph.namespace import PAG
from graph.project import FileChange, Project
from graph.sources import extract, sha256_bytes, slugify
from graph.textindex import TextIndex
from graph.validate import validate
from graph.vocab import RELATIONS

__all__ = [
    "KINDS",
    "LINK_RELATIONS",
    "Authoring",
    "AuthoringError",
    "Dependents",
    "Saved",
    "SourceCheck",
]

PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
SCHEMA = Namespace("https://schema.org/")
_P = str(PAG)
# the anchor and curation vocabulary of issue 13 (graph.anchors, graph.curation)
SHA256 = PAG.sha256
ANCHOR_OF = PAG.anchorOf
CURATION_GRAPH_CLASS = PAG.CurationGraph
CURATED_LINK = PAG.CuratedLink
LINK_FROM = PAG.linkFrom
LINK_TO = PAG.linkTo
LINK_RELATION = PAG.linkRelation
FROM_QUOTE = PAG.fromQuote
TO_QUOTE = PAG.toQuote

STATUS = "https://w3id.org/pag/status/"
ETYPE = "https://w3id.org/pag/evidence-type/"
STATUSES = ("proposed", "enacted", "in-force", "blocked", "withdrawn", "expired", "recommended")
EVIDENCE_TYPES = (
    "statistic", "study", "survey", "official-data", "testimony", "anecdote",
    "legal-record", "expert-opinion",
)  # fmt: skip
ACTOR_TYPES = {"person": ["Person"], "organization": ["Organization"], "government": ["Organization", "GovernmentBody"]}

#: node kinds: kind -> (IRI segment, class)
KINDS = {
    "claim": ("claim", PAG.Claim),
    "evidence": ("evidence", PAG.Evidence),
    "policy": ("policy", PAG.Policy),
    "actor": ("actor", PAG.Actor),
}

_ARG = {"supports", "attacks", "rebuts", "undercuts"}
_STANCE_FOR = {"advocates", "proposed", "enacted", "signed", "implemented", "votedFor"}
_STANCE_AGAINST = {"opposes", "votedAgainst"}
#: relation -> (allowed subject classes, allowed object classes)
LINK_RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    **{r: (("Claim", "Evidence"), ("Claim", "Policy")) for r in _ARG},
    **{r: (("Actor",), ("Policy",)) for r in _STANCE_FOR | _STANCE_AGAINST},
    "asserts": (("Actor",), ("Claim", "Evidence")),
}

_JOURNAL_KEEP = 100


class AuthoringError(InputError):
    """A change was refused: it would not validate (nothing was written)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or [message]
        super().__init__(message if not problems else message + ":\n  " + "\n  ".join(problems))


class Dependents(AuthoringError):
    """A removal was refused: links still depend on the node (listed in ``links``)."""

    def __init__(self, message: str, problems: list[str], links: list[dict[str, str]]) -> None:
        super().__init__(message, problems)
        self.links = links


_REF_PREDICATES_STR = frozenset(RELATIONS)


def _curie_like(iri: str) -> str:
    for prefix, ns in (("pag", _P), ("dcterms", str(DCT)), ("schema", str(SCHEMA)), ("prov", str(PROV))):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


@dataclass
class Saved:
    """What one operation did."""

    action: str
    iri: str
    label: str = ""
    graph: str = ""
    files: list[str] = field(default_factory=list)
    citation: str = ""
    quote: str = ""
    start: int | None = None
    end: int | None = None
    page: int | None = None
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SourceCheck:
    """A registered text checked against its recorded SHA-256."""

    source: str
    seed: str
    status: str  # "unchanged" | "changed" | "missing" | "unrecorded"
    moved: list[str] = field(default_factory=list)  # nodes whose quote moved (re-anchored)
    lost: list[tuple[str, str]] = field(default_factory=list)  # (node, quote) no longer in the text


def _lit_date(value: str) -> Literal:
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            _date.fromisoformat(value)
        except ValueError:
            raise InputError(f"--date {value!r} is not a date") from None
        return Literal(value, datatype=XSD.date)
    raise InputError(f"--date {value!r}: give YYYY, YYYY-MM or YYYY-MM-DD")


def _number(value: str | float | int) -> Literal:
    text = str(value).strip().replace(",", "")
    if re.fullmatch(r"[+-]?\d+", text):
        return Literal(int(text), datatype=XSD.integer)
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", text):
        return Literal(text, datatype=XSD.decimal)
    raise InputError(f"value {value!r} is not a number (write 3, 41.5 or 1200000; the unit goes in unit)")


def _now() -> str:
    """The time now, UTC, as xsd:dateTime."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


class Authoring:
    """The authoring operations on one project (see the module notes)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._ds: Dataset | None = None
        self._prints: dict[str, str] = {}
        self._index: tuple[str, TextIndex] | None = None

    # -- the dataset and the lock -------------------------------------------
    def dataset(self) -> Dataset:
        """The project's data, re-read when data/ changed on disk."""
        prints = self._signature()
        if self._ds is None or prints != self._prints:
            self._ds = self.project.load_dataset()
            self._prints = prints
        return self._ds

    def _signature(self) -> dict[str, str]:
        out = {}
        for f in self.project.data_files():
            st = f.stat()
            out[f.name] = f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}"
        return out

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.project.state_dir.mkdir(exist_ok=True)
        with open(self.project.state_dir / "lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- lookups ------------------------------------------------------------
    def resolve(self, target: str, *, only: URIRef | None = None) -> str:
        """A node named by IRI, CURIE (claim:x) or label (exact, case-insensitive, unique
        substring); with ``only``, among the nodes of that class."""
        ds = self.dataset()
        target = target.strip()
        typed = {str(s) for s in ds.subjects(RDF.type, only)}
        if target in typed:
            return target
        prefix, sep, local = target.partition(":")
        if sep and prefix in {"claim", "evidence", "policy", "actor", "source", "measure"}:
            iri = self.project.iri(prefix, local)
            if iri in typed:
                return iri
        labels: dict[str, set[str]] = {}
        for s, o in ds.subject_objects(RDFS.label):
            labels.setdefault(str(o), set()).add(str(s))
        for test in (
            lambda lab: lab == target,
            lambda lab: lab.lower() == target.lower(),
            lambda lab: target.lower() in lab.lower(),
        ):
            hits = sorted({s for lab, ss in labels.items() if test(lab) for s in ss if s in typed})
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                shown = ", ".join(hits[:5])
                raise InputError(f"{target!r} names {len(hits)} nodes ({shown}…): give the IRI or CURIE")
        raise InputError(f"no node named {target!r}: give an IRI, a CURIE such as claim:NAME, or a label")

    def _cached(self) -> Dataset:
        """The dataset as last read (for lookups inside one operation)."""
        return self._ds if self._ds is not None else self.dataset()

    def classes(self, iri: str) -> set[str]:
        return {str(c).removeprefix(_P) for c in self._cached().objects(URIRef(iri), RDF.type)}

    def label(self, iri: str) -> str:
        return str(self._cached().value(URIRef(iri), RDFS.label) or iri)

    def source_iri(self, source: str) -> str:
        """The registered source named by IRI, source:NAME or words of its label."""
        try:
            return self.resolve(source, only=PAG.Source)
        except InputError as exc:
            if "names" in str(exc):
                raise
            raise InputError(
                f"no registered source named {source!r}: `pag source list` shows them; "
                "register a document with `pag source add FILE`"
            ) from None

    def _new_iri(self, kind: str, label: str) -> str:
        ds = self.dataset()
        base = slugify(label)
        for n in range(1, 1000):
            iri = self.project.iri(kind, base if n == 1 else f"{base}-{n}")
            if (URIRef(iri), None, None) not in ds and (None, None, URIRef(iri)) not in ds:
                return iri
        raise InputError(f"too many nodes named {label!r}")

    # -- validation and commit ----------------------------------------------
    def _validate(self, ds: Dataset, touched: set[str]) -> list[str]:
        """SHACL and references on the part of ``ds`` the change touches."""
        part = Dataset(default_union=True)
        nodes = {URIRef(t) for t in touched}
        def gid(g: Any) -> URIRef:
            return URIRef(str(getattr(g, "identifier", g)))

        for n in nodes:
            for pattern in ((n, None, None, None), (None, None, n, None)):
                for s, p, o, g in ds.quads(pattern):
                    part.graph(gid(g)).add((s, p, o))
        # the whole description of every subject there (a curated link, an anchor) …
        for subj in {q[0] for q in part.quads((None, None, None, None))} - nodes:
            for s, p, o, g in ds.quads((subj, None, None, None)):
                part.graph(gid(g)).add((s, p, o))
        # … the curators' record of every curated link of a node there (what the curation check reads) …
        ends = {t for q in part.quads((None, None, None, None)) for t in (q[0], q[2]) if isinstance(t, URIRef)}
        for m in ends:
            for prop in (LINK_FROM, LINK_TO):
                for r in {q[0] for q in ds.quads((None, prop, m, None))}:
                    a, rel, b = (ds.value(r, x) for x in (LINK_FROM, LINK_RELATION, LINK_TO))
                    for s, p, o, g in ds.quads((r, None, None, None)):
                        part.graph(gid(g)).add((s, p, o))
                        if a is not None and rel is not None and b is not None and (a, rel, b) in ds.graph(gid(g)):
                            part.graph(gid(g)).add((a, rel, b))  # the link it describes
        # … and what the checks need to know of every node mentioned: kinds, sources, quotes
        mentioned = {t for q in part.quads((None, None, None, None)) for t in (q[0], q[2]) if isinstance(t, URIRef)}
        for m in mentioned:
            for pred in (RDF.type, PAG.source, PAG.quote):
                for s, p, o, g in ds.quads((m, pred, None, None)):
                    part.graph(gid(g)).add((s, p, o))
        # … and the kinds of the sources they cite
        for src in {q[2] for q in part.quads((None, PAG.source, None, None))} - mentioned:
            for s, p, o, g in ds.quads((src, RDF.type, None, None)):
                part.graph(gid(g)).add((s, p, o))
        report = validate(part)
        return [
            f"{self.label(p.node)}: {p.message}"
            for p in report.errors
            if p.node in touched or p.check in {"reference", "document", "curation"}
        ]

    def _commit(self, action: str, added: list[tuple[Node, Node, Node, str]], touched: set[str],
                extra: list[FileChange] | None = None, notes: dict[str, str] | None = None,
                removed: list[tuple[Node, Node, Node, str]] | None = None) -> list[str]:
        """Apply ``removed`` then ``added`` to the dataset, validate, write, journal; on any
        failure the dataset is restored and nothing is written. No net change: nothing written."""
        ds = self.dataset()
        gone = list(dict.fromkeys((s, p, o, g) for s, p, o, g in removed or [] if (s, p, o) in ds.graph(URIRef(g))))
        for s, p, o, g in gone:
            ds.graph(URIRef(g)).remove((s, p, o))
        new = [(s, p, o, g) for s, p, o, g in dict.fromkeys(added) if (s, p, o) not in ds.graph(URIRef(g))]
        for s, p, o, g in new:
            ds.graph(URIRef(g)).add((s, p, o))

        def restore() -> None:
            for s, p, o, g in new:
                ds.graph(URIRef(g)).remove((s, p, o))
            for s, p, o, g in gone:
                ds.graph(URIRef(g)).add((s, p, o))

        try:
            problems = self._validate(ds, touched)
            if problems:
                verb = "saved" if not gone else "changed"
                raise AuthoringError(f"not {verb}: {action} does not validate", problems)
            graphs = {g for *_x, g in new} | {g for *_x, g in gone}
            changes = list(extra or []) + self.project.plan_write(ds, graphs, notes)
        except BaseException:
            restore()
            raise
        if not changes:
            return []
        self.project.apply(changes)  # keeps project.files_of up to date
        self._prints = self._signature()
        self._journal_push(action, changes)
        return [c.path for c in changes]

    # -- journal (undo / redo) ----------------------------------------------
    def _journal_path(self) -> Path:
        return self.project.state_dir / "journal.json"

    def _journal(self) -> dict[str, list[dict[str, Any]]]:
        try:
            data = json.loads(self._journal_path().read_text(encoding="utf-8"))
            return {"done": list(data.get("done", [])), "undone": list(data.get("undone", []))}
        except (OSError, ValueError):
            return {"done": [], "undone": []}

    def _journal_save(self, j: dict[str, list[dict[str, Any]]]) -> None:
        j["done"] = j["done"][-_JOURNAL_KEEP:]
        with atomic_writer(self._journal_path()) as fh:
            fh.write(json.dumps(j, ensure_ascii=False).encode("utf-8"))

    def _journal_push(self, action: str, changes: list[FileChange]) -> None:
        j = self._journal()
        j["done"].append(
            {
                "action": action,
                "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "changes": [
                    {
                        "path": c.path,
                        "before": None if c.before is None else c.before.decode("utf-8"),
                        "after": None if c.after is None else c.after.decode("utf-8"),
                    }
                    for c in changes
                ],
            }
        )
        j["undone"] = []
        self._journal_save(j)

    def history(self) -> tuple[list[str], list[str]]:
        """The actions that can be undone (last last) and redone (next last)."""
        j = self._journal()
        return [e["action"] for e in j["done"]], [e["action"] for e in j["undone"]]

    def _step(self, undo: bool) -> str | None:
        with self._locked():
            j = self._journal()
            stack, other = (j["done"], j["undone"]) if undo else (j["undone"], j["done"])
            if not stack:
                return None
            entry = stack.pop()
            changes = [
                FileChange(
                    c["path"],
                    None if c["before"] is None else c["before"].encode("utf-8"),
                    None if c["after"] is None else c["after"].encode("utf-8"),
                )
                for c in entry["changes"]
            ]
            expected = [c.after if undo else c.before for c in changes]
            for c, want in zip(changes, expected, strict=True):
                path = self.project.root / c.path
                now = path.read_bytes() if path.is_file() else None
                if now != want:
                    raise InputError(
                        f"cannot {'undo' if undo else 'redo'} {entry['action']!r}: {c.path} was changed "
                        "since (by hand or another tool); look at `git diff` instead"
                    )
            self.project.apply(changes, reverse=undo)
            other.append(entry)
            self._journal_save(j)
            self._ds = None
            return str(entry["action"])

    def undo(self) -> str | None:
        """Undo the last change (restores its files); the action undone, or None."""
        return self._step(True)

    def redo(self) -> str | None:
        """Redo the last undone change; the action redone, or None."""
        return self._step(False)

    # -- sources --------------------------------------------------------------
    def add_source(
        self,
        path: Path,
        *,
        title: str | None = None,
        author: str | None = None,
        publisher: str | None = None,
        date: str | None = None,
        url: str | None = None,
        replace: bool = False,
    ) -> Saved:
        """Register a document: its text in texts/, its Source node and named graph in data/."""
        path = Path(path)
        ex = extract(path)
        title = (title or path.stem.replace("_", " ").replace("-", " ")).strip()
        slug = slugify(title if title else path.stem)
        src = self.project.iri("source", slug)
        seed = f"{slug}.txt"
        text_bytes = ex.text.encode("utf-8")
        with self._locked():
            ds = self.dataset()
            exists = (URIRef(src), RDF.type, PAG.Source) in ds
            if exists and not replace:
                raise InputError(
                    f"a source {slug!r} is registered already; to bring in a new version of its text "
                    f"use `pag source add {path} --replace --title {title!r}`"
                )
            if exists:
                return self._replace_text(src, path, text_bytes)
            extra = [FileChange(f"texts/{seed}", None, text_bytes)]
            if ex.kind != "text":
                original = f"{slug}{path.suffix.lower()}"
                extra.append(FileChange(f"texts/{original}", None, path.read_bytes()))
            g = src
            s = URIRef(src)
            added: list[tuple[Node, Node, Node, str]] = [
                (s, RDF.type, PAG.Source, g),
                (s, DCT.title, Literal(title), g),
                (s, PAG.seedFile, Literal(seed), g),
                (s, SHA256, Literal(sha256_bytes(text_bytes)), g),
                (s, DCT["format"], Literal(ex.media_type), g),
            ]
            who = []
            for role, name, types in (("creator", author, ["Person"]), ("publisher", publisher, ["Organization"])):
                if not name:
                    continue
                iri = URIRef(self._existing_actor(name) or self.project.iri("actor", slugify(name)))
                added += [(iri, RDF.type, PAG.Actor, g), (iri, RDFS.label, Literal(name.strip()), g),
                          (iri, PAG.source, s, g), (s, DCT[role], iri, g)]
                if not self.classes(str(iri)):
                    added += [(iri, RDF.type, URIRef(_P + t), g) for t in types]
                who.append(name.strip())
            if date:
                added.append((s, DCT.date, _lit_date(date), g))
            if url:
                if not re.match(r"https?://", url):
                    raise InputError(f"--url {url!r}: give an http(s) URL")
                added.append((s, SCHEMA.url, Literal(url, datatype=XSD.anyURI), g))
            if ex.pages is not None:
                added.append((s, SCHEMA.numberOfPages, Literal(ex.pages), g))
            label = (f"{who[-1]}, " if who else "") + f"\u201c{title}\u201d" + (f" ({date[:4]})" if date else "")
            added.append((s, RDFS.label, Literal(label), g))
            files = self._commit(f"add source {label}", added, {src}, extra)
        return Saved("source", src, label, g, files, warnings=list(ex.warnings))

    def _existing_actor(self, name: str) -> str | None:
        ds = self.dataset()
        for s in ds.subjects(RDFS.label, Literal(name.strip())):
            if (s, RDF.type, PAG.Actor) in ds:
                return str(s)
        return None

    def _anchors(self, source: str) -> list[tuple[URIRef, str, str, Anchor]]:
        """(anchor IRI, node, quote, anchor) of every anchor in a source's graph."""
        ds = self.dataset()
        g = ds.graph(URIRef(source))
        out = []
        for a in set(g.subjects(ANCHOR_OF, None)):
            node, quote = g.value(a, ANCHOR_OF), g.value(a, RDF.value)
            exact = prefix = suffix = ""
            start = end = -1
            for sel in g.objects(a, OA.hasSelector):
                if (sel, RDF.type, OA.TextQuoteSelector) in g:
                    exact = str(g.value(sel, OA.exact) or "")
                    prefix = str(g.value(sel, OA.prefix) or "")
                    suffix = str(g.value(sel, OA.suffix) or "")
                if (sel, RDF.type, OA.TextPositionSelector) in g:
                    start = int(str(g.value(sel, OA.start) or -1))
                    end = int(str(g.value(sel, OA.end) or -1))
            out.append((URIRef(str(a)), str(node), str(quote), Anchor(start, end, exact, prefix, suffix)))
        return sorted(out, key=lambda x: (x[3].start, str(x[0])))

    def check_sources(self) -> list[SourceCheck]:
        """Each registered text against its recorded SHA-256; for a changed text, which quotes
        moved (they can be re-anchored) and which are no longer in it."""
        ds = self.dataset()
        out = []
        for src, _label, seed in self.project.sources(ds):
            if not seed:
                continue
            path = self.project.texts / seed
            recorded = {str(o) for o in ds.objects(URIRef(src), SHA256)}
            if not path.is_file():
                out.append(SourceCheck(src, seed, "missing"))
                continue
            data = path.read_bytes()
            if not recorded:
                out.append(SourceCheck(src, seed, "unrecorded"))
                continue
            if sha256_bytes(data) in recorded:
                out.append(SourceCheck(src, seed, "unchanged"))
                continue
            check = SourceCheck(src, seed, "changed")
            text = data.decode("utf-8")
            for _a, node, quote, old in self._anchors(src):
                if text[old.start : old.end] == old.exact and old.start >= 0:
                    continue
                if reanchor(old, text, quote) is None:
                    check.lost.append((node, quote))
                else:
                    check.moved.append(node)
            out.append(check)
        return out

    def _replace_text(self, src: str, path: Path, text_bytes: bytes) -> Saved:
        """A new version of a registered text: re-anchor every quote; refuse if one is lost."""
        ds = self.dataset()
        seed = str(ds.value(URIRef(src), PAG.seedFile))
        target = self.project.texts / seed
        before = target.read_bytes() if target.is_file() else None
        text = text_bytes.decode("utf-8")
        lost = [
            f"{self.label(node)}: \u201c{quote[:70]}\u201d"
            for _a, node, quote, old in self._anchors(src)
            if reanchor(old, text, quote) is None
        ]
        if lost:
            raise AuthoringError(
                f"not replaced: {len(lost)} quote(s) of {self.label(src)} are not in the new text "
                "(edit or remove them first)",
                lost,
            )
        g = ds.graph(URIRef(src))
        for a, node, quote, old in self._anchors(src):
            new = reanchor(old, text, quote)
            assert new is not None
            self._remove_anchor(g, a)
            for t in self._anchor_triples(src, node, quote, new):
                g.add(t)
        g.remove((URIRef(src), SHA256, None))
        g.add((URIRef(src), SHA256, Literal(sha256_bytes(text_bytes))))
        extra = [FileChange(f"texts/{seed}", before, text_bytes)]
        changes = extra + self.project.plan_write(ds, {src})
        self.project.apply(changes)
        self._prints = self._signature()
        self._journal_push(f"replace the text of {self.label(src)}", changes)
        return Saved("source", src, self.label(src), src, [c.path for c in changes])

    # -- nodes ----------------------------------------------------------------
    def _anchor_iri(self, source: str, node: str, quote: str) -> str:
        slug = source.rstrip("/").rsplit("/", 1)[-1]
        return f"{self.project.base}anchor/{slug}/{_digest(node, quote)}"

    def _anchor_triples(self, source: str, node: str, quote: str, a: Anchor) -> list[tuple[Node, Node, Node]]:
        iri = URIRef(self._anchor_iri(source, node, quote))
        qs, ps = URIRef(f"{iri}#quote"), URIRef(f"{iri}#position")
        nn = XSD.nonNegativeInteger
        out: list[tuple[Node, Node, Node]] = [
            (iri, RDF.type, OA.SpecificResource),
            (iri, ANCHOR_OF, URIRef(node)),
            (iri, RDF.value, Literal(quote)),
            (iri, OA.hasSource, URIRef(source)),
            (iri, OA.hasSelector, qs),
            (iri, OA.hasSelector, ps),
            (qs, RDF.type, OA.TextQuoteSelector),
            (qs, OA.exact, Literal(a.exact)),
            (qs, OA.prefix, Literal(a.prefix)),
            (qs, OA.suffix, Literal(a.suffix)),
            (ps, RDF.type, OA.TextPositionSelector),
            (ps, OA.start, Literal(str(a.start), datatype=nn)),
            (ps, OA.end, Literal(str(a.end), datatype=nn)),
        ]
        if a.page_start is not None:
            out += [(iri, SCHEMA.pageStart, Literal(a.page_start)), (iri, SCHEMA.pageEnd, Literal(a.page_end))]
        return out

    @staticmethod
    def _remove_anchor(g: Any, a: URIRef) -> None:
        for sel in list(g.objects(a, OA.hasSelector)):
            g.remove((sel, None, None))
        g.remove((a, None, None))

    def _quote_anchor(self, source: str, quote: str, near: int | None) -> Anchor:
        ds = self.dataset()
        found = self.project.text_of(ds, source)
        if found is None:
            seed = ds.value(URIRef(source), PAG.seedFile)
            raise AuthoringError(f"the text of {self.label(source)} ({seed}) is not in {self.project.texts}")
        text, path = found
        a = anchor(quote, text, near=near)
        if a is None:
            short = quote if len(quote) < 90 else quote[:87] + "…"
            raise AuthoringError(
                f"not saved: the quote is not in {path.name}: \u201c{short}\u201d — copy the exact words "
                "of the text (line breaks and end-of-line hyphens may differ)"
            )
        return a

    def citation(self, source: str, quote: str, page: int | None = None, page_end: int | None = None) -> str:
        """How a quote is cited: the source's label, the pages for a paged text ("p. 2", "pp. 1–2"), the quote."""
        where = f", {page_label(page, page_end)}" if page else ""
        return f"{self.label(source)}{where}: \u201c{quote}\u201d"

    def add_node(
        self,
        kind: str,
        *,
        source: str,
        label: str,
        quote: str | None = None,
        near: int | None = None,
        actor_type: str = "organization",
        status: str | None = None,
        value: str | float | None = None,
        unit: str | None = None,
        population: str | None = None,
        place: str | None = None,
        period: str | None = None,
        evidence_type: str | None = None,
        comment: str | None = None,
    ) -> Saved:
        """A new claim, evidence item, policy or actor read from ``source``, with its quote."""
        if kind not in KINDS:
            raise InputError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
        label = " ".join((label or "").split())
        if not label:
            raise AuthoringError("not saved: give the node a label (a short neutral name)")
        quote = (quote or "").strip()
        if kind in {"claim", "evidence"} and not quote:
            raise AuthoringError(f"not saved: a {kind} needs a quote — the words of the source that state it")
        with self._locked():
            src = self.source_iri(source)
            segment, cls = KINDS[kind]
            iri = self._new_iri(segment, label)
            n, g = URIRef(iri), src
            added: list[tuple[Node, Node, Node, str]] = [
                (n, RDF.type, cls, g),
                (n, RDFS.label, Literal(label), g),
                (n, PAG.source, URIRef(src), g),
            ]
            if kind == "actor":
                if actor_type not in ACTOR_TYPES:
                    raise InputError(f"actor type {actor_type!r}: use {', '.join(ACTOR_TYPES)}")
                added += [(n, RDF.type, URIRef(_P + t), g) for t in ACTOR_TYPES[actor_type]]
            if comment:
                added.append((n, RDFS.comment, Literal(comment.strip()), g))
            if status:
                if kind != "policy" or status not in STATUSES:
                    raise InputError(f"status {status!r}: a policy's status is one of {', '.join(STATUSES)}")
                added.append((n, PAG.status, URIRef(STATUS + status), g))
            figure = {"unit": unit, "population": population, "place": place, "period": period}
            if kind != "evidence" and (value not in (None, "") or any(figure.values()) or evidence_type):
                raise InputError("value, unit, population, place, period and evidence type belong to evidence")
            if kind == "evidence":
                if value not in (None, ""):
                    assert value is not None
                    added.append((n, PAG.value, _number(value), g))
                for prop, text in figure.items():
                    if text and text.strip():
                        added.append((n, PAG[prop], Literal(text.strip()), g))
                etype = evidence_type or ("statistic" if value not in (None, "") else None)
                if etype:
                    if etype not in EVIDENCE_TYPES:
                        raise InputError(f"evidence type {etype!r}: use one of {', '.join(EVIDENCE_TYPES)}")
                    added.append((n, PAG.evidenceType, URIRef(ETYPE + etype), g))
            a: Anchor | None = None
            if quote:
                a = self._quote_anchor(src, quote, near)
                added.append((n, PAG.quote, Literal(quote), g))
                added += [(s, p, o, g) for s, p, o in self._anchor_triples(src, iri, quote, a)]
            files = self._commit(f"add {kind} {label}", added, {iri})
        return Saved(
            kind, iri, label, g, files,
            citation=self.citation(src, quote, a.page_start if a else None, a.page_end if a else None) if quote else "",
            quote=quote, start=a.start if a else None, end=a.end if a else None,
            page=a.page_start if a else None,
        )  # fmt: skip

    def add_quote(self, node: str, *, source: str, quote: str, near: int | None = None) -> Saved:
        """The same node stated in another document: ``node`` (read from another source) gets
        ``quote`` from ``source``, in ``source``'s graph, with its kinds, label and anchor."""
        quote = (quote or "").strip()
        if not quote:
            raise AuthoringError("not saved: give the quote — the words of this document that state it")
        with self._locked():
            src = self.source_iri(source)
            iri = self.resolve(node)
            ds = self.dataset()
            n, g = URIRef(iri), src
            kinds = {c for c in ds.objects(n, RDF.type) if str(c).startswith(_P)}
            if not kinds & {cls for _seg, cls in KINDS.values()}:
                raise AuthoringError(f"not saved: {self.label(iri)} is not a claim, evidence item, policy or actor")
            a = self._quote_anchor(src, quote, near)
            added: list[tuple[Node, Node, Node, str]] = [(n, RDF.type, c, g) for c in sorted(kinds, key=str)]
            added += [
                (n, RDFS.label, Literal(self.label(iri)), g),
                (n, PAG.source, URIRef(src), g),
                (n, PAG.quote, Literal(quote), g),
            ]
            added += [(s, p, o, g) for s, p, o in self._anchor_triples(src, iri, quote, a)]
            files = self._commit(f"add a quote of {self.label(iri)}", added, {iri})
        kind = next((k for k, (_seg, cls) in KINDS.items() if cls in kinds), "node")
        return Saved(
            kind, iri, self.label(iri), g, files, citation=self.citation(src, quote, a.page_start, a.page_end),
            quote=quote, start=a.start, end=a.end, page=a.page_start,
        )  # fmt: skip

    # -- links ----------------------------------------------------------------
    def add_link(
        self,
        subject: str,
        relation: str,
        obj: str,
        *,
        source: str | None = None,
        status: str | None = None,
        rationale: str | None = None,
    ) -> Saved:
        """``subject relation obj``; in ``source``'s graph when that document states it (both ends
        are read from it), else the curators' link in the curation graph."""
        if relation not in LINK_RELATIONS:
            raise InputError(f"unknown relation {relation!r}: use one of {', '.join(sorted(LINK_RELATIONS))}")
        with self._locked():
            s_iri, o_iri = self.resolve(subject), self.resolve(obj)
            if s_iri == o_iri:
                raise AuthoringError("not saved: a node cannot link to itself")
            want_s, want_o = LINK_RELATIONS[relation]
            problems = []
            if not self.classes(s_iri) & set(want_s):
                problems.append(f"{self.label(s_iri)} is not a {' or '.join(want_s)}: `{relation}` starts there")
            if not self.classes(o_iri) & set(want_o):
                problems.append(f"{self.label(o_iri)} is not a {' or '.join(want_o)}: `{relation}` points there")
            if status and (relation not in _STANCE_FOR | _STANCE_AGAINST or status not in STATUSES):
                problems.append(f"status {status!r} goes with a stance, and is one of {', '.join(STATUSES)}")
            if problems:
                raise AuthoringError(f"not saved: {relation} link does not fit", problems)
            ds = self.dataset()
            src = self.source_iri(source) if source else None
            p = URIRef(_P + relation)
            subj, objn = URIRef(s_iri), URIRef(o_iri)
            # a document states a link between two of its nodes; an argument edge needs both ends
            # quoted from it (the document rule `pag validate` checks)
            mark = PAG.quote if relation in _ARG else PAG.source
            stated = src is not None and all(
                next(ds.graph(URIRef(src)).objects(x, mark), None) is not None for x in (subj, objn)
            )
            if not stated:
                unquoted = [self.label(str(x)) for x in (subj, objn) if next(ds.objects(x, PAG.quote), None) is None]
                if unquoted:
                    raise AuthoringError(
                        "not saved: a link across documents is the curators' and reads a quote at each end, "
                        f"but {' and '.join(unquoted)} has none: add its quote first (pag add quote)"
                    )
            added: list[tuple[Node, Node, Node, str]] = []
            if stated:
                assert src is not None
                g = src
                added.append((subj, p, objn, g))
            else:
                g = CURATION_GRAPH
                curator = URIRef(self.project.curator_iri)
                link = URIRef(f"{self.project.base}link/{_digest(s_iri, relation, o_iri)}")
                why = (rationale or "").strip() or (
                    f"Linked by {self.project.curator} in the annotator"
                    + (f" while reading {self.label(src)}" if src else "")
                    + f": {self.label(s_iri)} {relation} {self.label(o_iri)}."
                )
                cg = URIRef(CURATION_GRAPH)
                added += [
                    (cg, RDF.type, CURATION_GRAPH_CLASS, g),
                    (cg, RDF.type, PROV.Bundle, g),
                    (cg, RDFS.label, Literal("The curators' links between documents"), g),
                    (curator, RDF.type, PROV.Agent, g),
                    (curator, RDFS.label, Literal(self.project.curator), g),
                    (subj, p, objn, g),
                    (link, RDF.type, CURATED_LINK, g),
                    (link, LINK_FROM, subj, g),
                    (link, LINK_TO, objn, g),
                    (link, LINK_RELATION, p, g),
                    (link, RDFS.comment, Literal(why), g),
                    (link, PROV.wasAttributedTo, curator, g),
                    (link, PROV.generatedAtTime, Literal(_now(), datatype=XSD.dateTime), g),
                ]
                for end, prop in ((subj, FROM_QUOTE), (objn, TO_QUOTE)):
                    quotes = sorted(str(q) for q in ds.objects(end, PAG.quote))
                    if quotes:
                        added.append((link, prop, Literal(quotes[0]), g))
            if status:
                added.append((objn, PAG.status, URIRef(STATUS + status), g))
            words = f"{self.label(s_iri)} {relation} {self.label(o_iri)}"
            files = self._commit(f"link {words}", added, {s_iri, o_iri})
        how = "stated in " + self.label(g) if stated else "linked by the curators"
        return Saved("link", f"{s_iri} {relation} {o_iri}", f"{words} ({how})", g, files)

    # -- editing and removing -------------------------------------------------
    def _node_graphs(self, iri: str) -> list[str]:
        """The documents' graphs that state ``iri`` (its kinds, label, source, quote), sorted."""
        ds = self.dataset()
        n = URIRef(iri)
        out = set()
        for _s, _p, _o, g in ds.quads((n, None, None, None)):
            gid = str(getattr(g, "identifier", g))
            if gid != CURATION_GRAPH:
                out.add(gid)
        return sorted(out)

    def _editable(self, node: str) -> tuple[str, str]:
        """(IRI, kind) of a claim, evidence item, policy or actor; refused for anything else."""
        iri = self.resolve(node)
        kind = next((k for k, (_seg, cls) in KINDS.items() if (URIRef(iri), RDF.type, cls) in self.dataset()), "")
        if not kind:
            raise AuthoringError(
                f"not changed: {self.label(iri)} is not a claim, evidence item, policy or actor "
                "(only those are edited or removed here)"
            )
        if not self._node_graphs(iri):
            raise AuthoringError(f"not changed: no document's graph states {self.label(iri)}")
        return iri, kind

    def _quads(self, pattern: tuple[Node | None, Node | None, Node | None]) -> list[tuple[Node, Node, Node, str]]:
        s, p, o = pattern
        return [(a, b, c, str(getattr(g, "identifier", g))) for a, b, c, g in self.dataset().quads((s, p, o, None))]

    def _anchor_quads(self, iri: str, graph: str, quote: str | None = None) -> list[tuple[Node, Node, Node, str]]:
        """Every triple of the anchors of ``iri`` in ``graph`` (those of ``quote`` only, if given)."""
        g = self.dataset().graph(URIRef(graph))
        out: list[tuple[Node, Node, Node, str]] = []
        for a in set(g.subjects(ANCHOR_OF, URIRef(iri))):
            if quote is not None and str(g.value(a, RDF.value) or "") != quote:
                continue
            for sel in set(g.objects(a, OA.hasSelector)):
                out += [(s, p, o, graph) for s, p, o in g.triples((sel, None, None))]
            out += [(s, p, o, graph) for s, p, o in g.triples((a, None, None))]
        return out

    def _curated_records(self, subj: str, rel: str, obj: str) -> list[URIRef]:
        cg = self.dataset().graph(URIRef(CURATION_GRAPH))
        return sorted(
            URIRef(str(r))
            for r in cg.subjects(LINK_FROM, URIRef(subj))
            if (r, LINK_TO, URIRef(obj)) in cg and (r, LINK_RELATION, URIRef(_P + rel)) in cg
        )

    def _link_quads(self, subj: str, rel: str, obj: str, graph: str) -> list[tuple[Node, Node, Node, str]]:
        """The link triple in ``graph`` and, in the curation graph, the pag:CuratedLink describing it."""
        out: list[tuple[Node, Node, Node, str]] = [(URIRef(subj), URIRef(_P + rel), URIRef(obj), graph)]
        if graph == CURATION_GRAPH:
            cg = self.dataset().graph(URIRef(CURATION_GRAPH))
            for r in self._curated_records(subj, rel, obj):
                out += [(s, p, o, graph) for s, p, o in cg.triples((r, None, None))]
        return out

    def _how(self, graph: str) -> str:
        return "linked by the curators" if graph == CURATION_GRAPH else "stated in " + self.label(graph)

    def _find_link(self, subject: str, relation: str, obj: str, source: str | None) -> tuple[str, str, list[str]]:
        """(subject IRI, object IRI, graphs holding the link) — refused if there is no such link."""
        if relation not in LINK_RELATIONS:
            raise InputError(f"unknown relation {relation!r}: use one of {', '.join(sorted(LINK_RELATIONS))}")
        s_iri, o_iri = self.resolve(subject), self.resolve(obj)
        p = URIRef(_P + relation)
        graphs = sorted({g for *_x, g in self._quads((URIRef(s_iri), p, URIRef(o_iri)))})
        where = ""
        if source:
            want = CURATION_GRAPH if source in {CURATION_GRAPH, "curation"} else self.source_iri(source)
            graphs = [g for g in graphs if g == want]
            where = " among the curators' links" if want == CURATION_GRAPH else f" in {self.label(want)}"
        if not graphs:
            words = f"{self.label(s_iri)} {relation} {self.label(o_iri)}"
            have = sorted(
                f"{self.label(s_iri)} {str(pp).removeprefix(_P)} {self.label(str(oo))}"
                for _s, pp, oo, _g in self._quads((URIRef(s_iri), None, None))
                if str(pp).removeprefix(_P) in LINK_RELATIONS
            )
            raise AuthoringError(
                f"not changed: there is no link {words}{where}",
                [f"{self.label(s_iri)}'s links: {h}" for h in dict.fromkeys(have)] or None,
            )
        return s_iri, o_iri, graphs

    def edit_node(
        self,
        node: str,
        *,
        source: str | None = None,
        label: str | None = None,
        quote: str | None = None,
        near: int | None = None,
        value: str | float | None = None,
        unit: str | None = None,
        population: str | None = None,
        place: str | None = None,
        period: str | None = None,
        evidence_type: str | None = None,
        status: str | None = None,
        comment: str | None = None,
    ) -> Saved:
        """Change what is said of a node: ``None`` leaves a field as it is, ``""`` clears it.

        The label (and comment, figure, status) is changed in every document's graph that
        states the node; a field not stated yet goes into ``source``'s graph (default: the
        first that states the node). A new ``quote`` replaces the node's quote in ``source``
        (needed when several documents quote it), is checked verbatim against that text and
        re-anchored; the curators' links that read the old quote read the new one."""
        with self._locked():
            iri, kind = self._editable(node)
            n = URIRef(iri)
            ds = self.dataset()
            graphs = self._node_graphs(iri)
            src = self.source_iri(source) if source else None
            if src is not None and src not in graphs:
                raise AuthoringError(f"not changed: {self.label(iri)} is not read from {self.label(src)}")
            home = src or graphs[0]
            added: list[tuple[Node, Node, Node, str]] = []
            removed: list[tuple[Node, Node, Node, str]] = []
            what: list[str] = []

            def put(prop: URIRef, obj: Node | None) -> None:
                """Set (or, for None, clear) ``prop`` wherever the node states it, else at home."""
                there = [g for g in graphs if ds.graph(URIRef(g)).value(n, prop) is not None]
                for g in there:
                    removed.extend((n, prop, o, g) for o in ds.graph(URIRef(g)).objects(n, prop))
                if obj is not None:
                    added.extend((n, prop, obj, g) for g in (there or [home]))

            if label is not None:
                label = " ".join(label.split())
                if not label:
                    raise AuthoringError("not changed: a node needs a label (a short neutral name)")
                what.append("label")
                put(RDFS.label, Literal(label))
            if comment is not None:
                put(RDFS.comment, Literal(comment.strip()) if comment.strip() else None)
                what.append("comment")
            figure = {"unit": unit, "population": population, "place": place, "period": period}
            if kind != "evidence" and (value is not None or evidence_type is not None or any(v is not None for v in figure.values())):
                raise InputError("value, unit, population, place, period and evidence type belong to evidence")
            if value is not None:
                put(PAG.value, _number(value) if str(value).strip() else None)
                what.append("value")
            for prop, text in figure.items():
                if text is not None:
                    put(PAG[prop], Literal(text.strip()) if text.strip() else None)
                    what.append(prop)
            if evidence_type is not None:
                if evidence_type and evidence_type not in EVIDENCE_TYPES:
                    raise InputError(f"evidence type {evidence_type!r}: use one of {', '.join(EVIDENCE_TYPES)}")
                put(PAG.evidenceType, URIRef(ETYPE + evidence_type) if evidence_type else None)
                what.append("type")
            if status is not None:
                if kind != "policy" or (status and status not in STATUSES):
                    raise InputError(f"status {status!r}: a policy's status is one of {', '.join(STATUSES)}")
                put(PAG.status, URIRef(STATUS + status) if status else None)
                what.append("status")
            a: Anchor | None = None
            qsrc = home
            if quote is not None:
                quote = quote.strip()
                if not quote:
                    raise AuthoringError("not changed: give the new quote — the words of the source that state it")
                quoted = [g for g in graphs if ds.graph(URIRef(g)).value(n, PAG.quote) is not None]
                if src is None and len(quoted) > 1:
                    raise AuthoringError(
                        f"not changed: {self.label(iri)} is quoted from {len(quoted)} documents: name the one "
                        "whose quote changes (--source)",
                        [self.label(g) for g in quoted],
                    )
                qsrc = src or (quoted[0] if quoted else home)
                olds = sorted(str(q) for q in ds.graph(URIRef(qsrc)).objects(n, PAG.quote))
                if len(olds) > 1:
                    raise AuthoringError(
                        f"not changed: {self.label(iri)} has {len(olds)} quotes in {self.label(qsrc)}; "
                        "remove the node's statement there and add it again", olds,
                    )  # fmt: skip
                a = self._quote_anchor(qsrc, quote, near)
                for old in olds:
                    removed.append((n, PAG.quote, Literal(old), qsrc))
                    removed += self._anchor_quads(iri, qsrc, old)
                    # the curators' links that read the old quote now read the new one
                    others = {str(q) for q in ds.objects(n, PAG.quote)} - {old}
                    if old not in others:
                        cg = ds.graph(URIRef(CURATION_GRAPH))
                        for prop, end in ((FROM_QUOTE, LINK_FROM), (TO_QUOTE, LINK_TO)):
                            for r in cg.subjects(prop, Literal(old)):
                                if (r, end, n) in cg:
                                    removed.append((r, prop, Literal(old), CURATION_GRAPH))
                                    added.append((r, prop, Literal(quote), CURATION_GRAPH))
                added.append((n, PAG.quote, Literal(quote), qsrc))
                added += [(s, p, o, qsrc) for s, p, o in self._anchor_triples(qsrc, iri, quote, a)]
                what.append("quote")
            if not what:
                raise InputError("nothing to change: give --label, --quote or another field")
            name = label or self.label(iri)
            files = self._commit(f"edit {kind} {name} ({', '.join(what)})", added, {iri}, removed=removed)
        return Saved(
            "edited", iri, name, qsrc if a else home, files,
            citation=self.citation(qsrc, quote or "", a.page_start) if a else "",
            quote=quote or "", start=a.start if a else None, end=a.end if a else None,
            page=a.page_start if a else None,
        )  # fmt: skip

    def _dependents(self, iri: str, graphs: list[str], gone: bool) -> tuple[list[tuple[str, str, str, str]], list[str]]:
        """What depends on ``iri``'s statements in ``graphs``: the links ``(subject, relation,
        object, graph)`` that would be left dangling (or, for a node that stays in other
        documents, the ones these documents and the curators read from them), and any
        other reference (which blocks a removal)."""
        n = URIRef(iri)
        links: list[tuple[str, str, str, str]] = []
        other: list[str] = []
        anchors = {str(a) for g in graphs for a, *_x in self._anchor_quads(iri, g)}
        removed_quotes = {str(q) for g in graphs for q in self.dataset().graph(URIRef(g)).objects(n, PAG.quote)}
        kept_quotes = {str(q) for *_x, q, g in self._quads((n, PAG.quote, None)) if g not in graphs}
        for s, p, o, g in self._quads((n, None, None)) + self._quads((None, None, n)):
            rel = str(p).removeprefix(_P)
            if str(s) in anchors or (p == PAG.source and s == n) or p in {LINK_FROM, LINK_TO}:
                continue
            if rel in LINK_RELATIONS or str(p) in _REF_PREDICATES_STR:
                if gone or g in graphs or (g == CURATION_GRAPH and self._reads(str(s), rel, str(o), iri, removed_quotes - kept_quotes)):
                    links.append((str(s), rel, str(o), g))
            elif o == n and s != n and (gone or g in graphs):
                other.append(f"{self.label(str(s))} {_curie_like(str(p))} {self.label(iri)} (in {self.label(g)})")
        return sorted(set(links)), sorted(set(other))

    def _reads(self, subj: str, rel: str, obj: str, end: str, quotes: set[str]) -> bool:
        """Whether a curated link reads one of ``quotes`` at ``end``."""
        cg = self.dataset().graph(URIRef(CURATION_GRAPH))
        for r in self._curated_records(subj, rel, obj):
            for prop, at in ((FROM_QUOTE, subj), (TO_QUOTE, obj)):
                if at == end and any(str(q) in quotes for q in cg.objects(r, prop)):
                    return True
        return False

    def remove_node(self, node: str, *, source: str | None = None, with_links: bool = False) -> Saved:
        """Remove a node: what every document says of it (with ``source``, only that
        document's statement of it, when others state it too), its quotes and anchors.

        Refused, naming them, while links to or from it remain (in any document's graph or
        the curators'), unless ``with_links``: then those links go too. Any other reference
        to it (a source's author, …) always refuses."""
        with self._locked():
            iri, kind = self._editable(node)
            n = URIRef(iri)
            graphs = self._node_graphs(iri)
            targets = graphs
            if source:
                src = self.source_iri(source)
                if src not in graphs:
                    raise AuthoringError(f"not removed: {self.label(iri)} is not read from {self.label(src)}")
                targets = [src]
            gone = targets == graphs
            links, other = self._dependents(iri, targets, gone)
            name = self.label(iri)
            if other:
                raise AuthoringError(f"not removed: {name} is still referred to", other)
            if links and not with_links:
                raise Dependents(
                    f"not removed: {len(links)} link(s) still depend on {name}: remove them first, "
                    "or remove it with its links (--with-links)",
                    [f"{self.label(s)} {r} {self.label(o)} ({self._how(g)})" for s, r, o, g in links],
                    [{"from": s, "relation": r, "to": o, "graph": g, "how": "curation" if g == CURATION_GRAPH else "document",
                      "from_label": self.label(s), "to_label": self.label(o)} for s, r, o, g in links],
                )  # fmt: skip
            removed: list[tuple[Node, Node, Node, str]] = []
            for g in targets + ([CURATION_GRAPH] if gone else []):  # (a status the curators set on it)
                removed += [(s, p, o, g) for s, p, o, _g in self._quads((n, None, None)) if _g == g]
                removed += self._anchor_quads(iri, g)
            for s, r, o, g in links:
                removed += self._link_quads(s, r, o, g)
            touched = {iri} | {x for s, _r, o, _g in links for x in (s, o)}
            where = "" if gone else f" from {self.label(targets[0])}"
            extra = f" and {len(links)} link(s)" if links else ""
            files = self._commit(f"remove {kind} {name}{where}{extra}", [], touched, removed=removed)
        return Saved("removed", iri, f"{kind} {name}{where}{extra}", targets[0] if len(targets) == 1 else "", files)

    def remove_link(self, subject: str, relation: str, obj: str, *, source: str | None = None) -> Saved:
        """Remove ``subject relation obj`` from every graph that holds it (with ``source``: only
        from that document's graph, or ``"curation"`` for the curators'); a curators' link goes
        with its pag:CuratedLink."""
        with self._locked():
            s_iri, o_iri, graphs = self._find_link(subject, relation, obj, source)
            removed: list[tuple[Node, Node, Node, str]] = []
            for g in graphs:
                removed += self._link_quads(s_iri, relation, o_iri, g)
            words = f"{self.label(s_iri)} {relation} {self.label(o_iri)}"
            files = self._commit(f"remove link {words}", [], {s_iri, o_iri}, removed=removed)
        how = "; ".join(self._how(g) for g in graphs)
        return Saved("removed", f"{s_iri} {relation} {o_iri}", f"link {words} ({how})", graphs[0], files)

    def edit_link(
        self,
        subject: str,
        relation: str,
        obj: str,
        *,
        to: str | None = None,
        status: str | None = None,
        source: str | None = None,
    ) -> Saved:
        """Change a link's relation (``to``: supports ↔ attacks / rebuts / undercuts, one stance
        for another …) and, for a stance, the policy's status (``""`` clears it), in the graph
        that holds it: a document's link stays the document's, a curators' link stays in the
        curation graph (its pag:CuratedLink follows)."""
        with self._locked():
            s_iri, o_iri, graphs = self._find_link(subject, relation, obj, source)
            if len(graphs) > 1:
                raise AuthoringError(
                    "not changed: the link is in several graphs: name the one to change (--source, or "
                    "--source curation for the curators')", [self._how(g) for g in graphs],
                )  # fmt: skip
            g = graphs[0]
            new = to or relation
            if new not in LINK_RELATIONS:
                raise InputError(f"unknown relation {new!r}: use one of {', '.join(sorted(LINK_RELATIONS))}")
            want_s, want_o = LINK_RELATIONS[new]
            problems = []
            if not self.classes(s_iri) & set(want_s):
                problems.append(f"{self.label(s_iri)} is not a {' or '.join(want_s)}: `{new}` starts there")
            if not self.classes(o_iri) & set(want_o):
                problems.append(f"{self.label(o_iri)} is not a {' or '.join(want_o)}: `{new}` points there")
            if status is not None and (new not in _STANCE_FOR | _STANCE_AGAINST or (status and status not in STATUSES)):
                problems.append(f"status {status!r} goes with a stance, and is one of {', '.join(STATUSES)}")
            if problems:
                raise AuthoringError(f"not changed: {new} link does not fit", problems)
            ds = self.dataset()
            removed: list[tuple[Node, Node, Node, str]] = []
            added: list[tuple[Node, Node, Node, str]] = []
            subj, objn = URIRef(s_iri), URIRef(o_iri)
            if new != relation:
                removed.append((subj, URIRef(_P + relation), objn, g))
                added.append((subj, URIRef(_P + new), objn, g))
                if g == CURATION_GRAPH:
                    cg = ds.graph(URIRef(CURATION_GRAPH))
                    for r in self._curated_records(s_iri, relation, o_iri):
                        fresh = URIRef(f"{self.project.base}link/{_digest(s_iri, new, o_iri)}")
                        minted = str(r) == f"{self.project.base}link/{_digest(s_iri, relation, o_iri)}"
                        r2 = fresh if minted else r
                        for _s, p, o in cg.triples((r, None, None)):
                            removed.append((r, p, o, g))
                            added.append((r2, p, URIRef(_P + new) if p == LINK_RELATION else o, g))
            if status is not None:
                removed += [(objn, PAG.status, o, g) for o in ds.graph(URIRef(g)).objects(objn, PAG.status)]
                if status:
                    added.append((objn, PAG.status, URIRef(STATUS + status), g))
            if new == relation and status is None:
                raise InputError("nothing to change: give the new relation (--relation) or --status")
            words = f"{self.label(s_iri)} {new} {self.label(o_iri)}"
            was = f" (was {relation})" if new != relation else ""
            files = self._commit(f"edit link {words}{was}", added, {s_iri, o_iri}, removed=removed)
        return Saved("edited", f"{s_iri} {new} {o_iri}", f"link {words}{was} ({self._how(g)})", g, files)

    def about(self, node: str, source: str | None = None) -> dict[str, Any]:
        """What the edit panel shows of a node: kind, label, comment, figure, status, quotes."""
        iri, kind = self._editable(node)
        ds = self.dataset()
        n = URIRef(iri)

        def one(prop: URIRef) -> str:
            v = ds.value(n, prop)
            return "" if v is None else str(v)

        quotes = [
            {"source": g, "source_label": self.label(g), "quote": str(q)}
            for *_x, q, g in sorted(self._quads((n, PAG.quote, None)), key=lambda t: (t[3] != source, t[3], str(t[2])))
        ]
        return {
            "iri": iri, "kind": kind, "label": self.label(iri), "comment": one(RDFS.comment),
            "value": one(PAG.value), "unit": one(PAG.unit), "population": one(PAG.population),
            "place": one(PAG.place), "period": one(PAG.period),
            "evidence_type": one(PAG.evidenceType).removeprefix(ETYPE),
            "status": one(PAG.status).removeprefix(STATUS),
            "quotes": quotes, "documents": [self.label(g) for g in self._node_graphs(iri)],
        }  # fmt: skip

    # -- reading back (for the annotator) -------------------------------------
    def quotes_of(self, source: str) -> list[dict[str, Any]]:
        """Every quote read from ``source``: node, kind, label, quote and where it sits in the text."""
        ds = self.dataset()
        found = self.project.text_of(ds, source)
        text = found[0] if found else ""
        g = ds.graph(URIRef(source))
        anchored = {(node, q): a for _i, node, q, a in self._anchors(source)}
        out = []
        for n, q in g.subject_objects(PAG.quote):
            node, quote = str(n), str(q)
            a = anchored.get((node, quote))
            if a is None or text[a.start : a.end] != a.exact or a.start < 0:
                a = anchor(quote, text) if text else None
            kind = next((k for k, (_seg, cls) in KINDS.items() if (n, RDF.type, cls) in ds), "node")
            out.append({
                "node": node, "kind": kind, "label": self.label(node), "quote": quote,
                "start": a.start if a else None, "end": a.end if a else None,
                "page": a.page_start if a else None,
            })  # fmt: skip
        return sorted(out, key=lambda d: (d["start"] is None, d["start"] or 0, d["node"]))

    def links_of(self, source: str) -> list[dict[str, str]]:
        """The links of the nodes read from ``source``: stated in it, or made by the curators."""
        ds = self.dataset()
        mine = {str(s) for s in ds.graph(URIRef(source)).subjects(PAG.source, URIRef(source))}
        out = []
        for gid, how in ((source, "document"), (CURATION_GRAPH, "curation")):
            for s, p, o in ds.graph(URIRef(gid)).triples((None, None, None)):
                rel = str(p).removeprefix(_P)
                if rel in LINK_RELATIONS and (str(s) in mine or str(o) in mine):
                    out.append({"from": str(s), "relation": rel, "to": str(o), "how": how, "graph": gid,
                                "from_label": self.label(str(s)), "to_label": self.label(str(o))})
        return sorted(out, key=lambda d: (d["how"], d["from_label"], d["relation"], d["to_label"]))

    def _kinds(self) -> dict[str, str]:
        """The kind (claim, evidence, policy, actor) of every node of those kinds."""
        ds = self.dataset()
        out: dict[str, str] = {}
        for kind, (_seg, cls) in KINDS.items():
            for n in ds.subjects(RDF.type, cls):
                out.setdefault(str(n), kind)
        return out

    def text_index(self) -> TextIndex:
        """The ranked index of :mod:`graph.textindex` (the one `pag search` uses) over the
        project's claims, evidence, policies and actors: labels, aliases, quotes (with the
        source each is quoted from) and notes; rebuilt when data/ changed."""
        ds = self.dataset()
        # SQLite objects serve the thread that made them: one index per thread
        key = json.dumps(self._signature(), sort_keys=True) + f"/{len(ds)}/{id(ds)}/{threading.get_ident()}"
        if self._index is not None and self._index[0] == key:
            return self._index[1]
        kinds = self._kinds()
        ix = TextIndex()
        for pred, fld in ((RDFS.label, "label"), (SKOS.altLabel, "alias"), (PAG.quote, "quote"), (RDFS.comment, "note")):
            for s, _p, o, g in ds.quads((None, pred, None, None)):
                if str(s) in kinds:
                    where = str(getattr(g, "identifier", g)) if fld in ("quote", "note") else None
                    ix.add(str(s), str(o), fld, source=where)
        self._index = (key, ix)
        return ix

    def search(self, words: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Claims, evidence, policies and actors found by their words, best first: the ranking
        of `pag search` (:class:`graph.textindex.TextIndex`: a label or alias holding the
        phrase first, then aliases, quotes and notes; words stemmed, case and accents folded).
        Each result says which text matched (``field``, ``text``, ``source`` for a quote) and
        whether it holds only some of the words (``partial``). With no words: every node,
        shortest label first."""
        kinds = self._kinds()
        if not words.split():
            out = [{"iri": n, "label": self.label(n), "kind": k} for n, k in kinds.items()]
            out.sort(key=lambda d: (len(d["label"]), d["label"]))
            return out[:limit]
        hits = self.text_index().search(words, limit=None)
        return [
            {"iri": h.node, "label": self.label(h.node), "kind": kinds[h.node], "field": h.field, "text": h.text,
             "source": h.source, "partial": h.partial}
            for h in hits if h.node in kinds
        ][:limit]  # fmt: skip
