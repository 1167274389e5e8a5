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

from graph.anchors import OA
from graph.curation import CURATION_GRAPH
from graph.errors import InputError
from graph.files import atomic_writer
from graph.namespace import PAG
from graph.project import FileChange, Project
from graph.sources import Anchor, anchor, extract, reanchor, sha256_bytes, slugify
from graph.textindex import TextIndex
from graph.validate import validate

__all__ = [
    "KINDS",
    "LINK_RELATIONS",
    "Authoring",
    "AuthoringError",
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
        # … and what the checks need to know of every node mentioned: kinds, sources, quotes
        mentioned = {t for q in part.quads((None, None, None, None)) for t in (q[0], q[2]) if isinstance(t, URIRef)}
        for m in mentioned:
            for pred in (RDF.type, PAG.source, PAG.quote):
                for s, p, o, g in ds.quads((m, pred, None, None)):
                    part.graph(gid(g)).add((s, p, o))
        report = validate(part)
        return [
            f"{self.label(p.node)}: {p.message}"
            for p in report.errors
            if p.node in touched or p.check in {"reference", "document", "curation"}
        ]

    def _commit(self, action: str, added: list[tuple[Node, Node, Node, str]], touched: set[str],
                extra: list[FileChange] | None = None, notes: dict[str, str] | None = None) -> list[str]:
        ds = self.dataset()
        new = [(s, p, o, g) for s, p, o, g in added if (s, p, o) not in ds.graph(URIRef(g))]
        for s, p, o, g in new:
            ds.graph(URIRef(g)).add((s, p, o))
        try:
            problems = self._validate(ds, touched)
            if problems:
                raise AuthoringError(f"not saved: {action} does not validate", problems)
            graphs = {g for *_x, g in new}
            changes = list(extra or []) + self.project.plan_write(ds, graphs, notes)
        except BaseException:
            for s, p, o, g in new:
                ds.graph(URIRef(g)).remove((s, p, o))
            raise
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

    def citation(self, source: str, quote: str, page: int | None = None) -> str:
        """How a quote is cited: the source's label, the page for a paged text, the quote."""
        where = f", p. {page}" if page else ""
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
            citation=self.citation(src, quote, a.page_start if a else None) if quote else "",
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
            kind, iri, self.label(iri), g, files, citation=self.citation(src, quote, a.page_start),
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
                    out.append({"from": str(s), "relation": rel, "to": str(o), "how": how,
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
