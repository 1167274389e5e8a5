"""Validation: SHACL shapes, referential integrity and quote fidelity.

:func:`validate` is the one front door. It returns a :class:`Report` of
plain :class:`Problem` records; ``report.conforms`` is true when no problem
is an error. The CLI maps that to exit 0 (conforms) / 1 (does not) /
2 (could not validate).

Checks
------
``shacl``
    ``ontology/shapes.ttl`` over the union of all named graphs, with
    ``ontology/pag.ttl`` as the ontology (so subclasses count).
``reference``
    every object of a pag relation names a node that is typed somewhere;
    every named graph holding pag nodes is described by a ``pag:Source``
    of the same IRI.
``document``
    a document's named graph holds only what that document states: an
    argument edge (``pag:supports``, ``pag:attacks`` and their
    sub-properties) in a source's graph must join two nodes that are both
    quoted (``pag:quote``) in that graph. A link no single document makes
    belongs in the curation graph (:mod:`graph.curation`).
``curation``
    every argument edge in the curation graph is described by a
    ``pag:CuratedLink`` (its ends, relation, rationale, curator), and each
    link's ``pag:fromQuote`` / ``pag:toQuote`` is a quote of that end in a
    document's graph.
``quote``
    with a texts folder: every ``pag:quote`` occurs verbatim (see
    :mod:`graph.textmatch`) in the text of the source whose graph it sits in
    (the Source's ``pag:seedFile``).
``anchor``
    with a texts folder: every quote's W3C Web Annotation anchor resolves to
    it in the text, and the text's SHA-256 is the one its Source records
    (see :mod:`graph.anchors`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import PROV, SH

from graph.anchors import check_anchors
from graph.curation import CURATION_GRAPH, is_curation_graph
from graph.errors import InputError
from graph.namespace import PAG
from graph.resources import ontology_path
from graph.stores import Store
from graph.terms import curie
from graph.textmatch import find_quote, normalize
from graph.vocab import ARGUMENT, RELATIONS, SUPER_PROPERTIES

__all__ = [
    "ARGUMENT_PREDICATES",
    "Problem",
    "Report",
    "curation_graphs",
    "is_curation_graph",
    "validate",
]

#: the argument edges a document's graph may hold only between its own quoted nodes
ARGUMENT_PREDICATES = tuple(URIRef(p) for p, rel in sorted(RELATIONS.items()) if rel in ARGUMENT)

#: every relation whose object must be a declared node (from the ontology)
_REF_PREDICATES = [URIRef(p) for p in RELATIONS]


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located and with the fix."""

    severity: str  # "error" | "warning"
    check: str  # "shacl" | "reference" | "document" | "curation" | "quote" | "anchor"
    node: str
    message: str
    graph: str = ""
    file: str = ""
    line: int | None = None

    def location(self) -> str:
        if self.file:
            return f"{self.file}:{self.line}" if self.line else self.file
        return curie(self.graph) if self.graph else ""


@dataclass
class Report:
    """The outcome of :func:`validate`."""

    problems: list[Problem] = field(default_factory=list)
    quotes_checked: int = 0
    quotes_verbatim: int = 0
    nodes_checked: int = 0
    checks: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "checks": self.checks,
            "nodes_checked": self.nodes_checked,
            "quotes_checked": self.quotes_checked,
            "quotes_verbatim": self.quotes_verbatim,
            "problems": [asdict(p) for p in self.problems],
        }


def _shacl(ds: Dataset) -> list[Problem]:
    from pyshacl import validate as shacl_validate

    # the ontology is mixed into the data so that sh:class follows
    # rdfs:subClassOf and the SKOS concepts are known
    data = Graph().parse(ontology_path("pag.ttl"), format="turtle")
    for t in ds.triples((None, None, None)):
        data.add(t)
    shapes = Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    _conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    out = []
    assert isinstance(results, Graph)
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = str(results.value(r, SH.focusNode))
        msg = str(results.value(r, SH.resultMessage) or "does not conform to its shape")
        path = results.value(r, SH.resultPath)
        sev = results.value(r, SH.resultSeverity)
        where = f" ({curie(str(path))})" if path is not None and str(path) not in msg else ""
        severity = "error" if sev == SH.Violation else "warning"
        out.append(Problem(severity, "shacl", focus, msg + where))
    return out


def _references(ds: Dataset) -> list[Problem]:
    typed = {str(s) for s in ds.subjects(RDF.type, None)}
    out = []
    for pred in _REF_PREDICATES:
        for s, _p, o, g in ds.quads((None, pred, None, None)):
            if isinstance(o, URIRef) and str(o) not in typed:
                out.append(
                    Problem(
                        "error",
                        "reference",
                        str(s),
                        f"{curie(str(pred))} points to {curie(str(o))}, which is not declared anywhere: "
                        f'add `{curie(str(o))} a …; rdfs:label "…"` or fix the IRI',
                        graph=str(getattr(g, "identifier", g)),
                    )
                )
    sources = {str(s) for s in ds.subjects(RDF.type, PAG.Source)}
    curated = curation_graphs(ds)
    for ctx in ds.graphs():
        gid = str(ctx.identifier)
        if gid.startswith("urn:x-rdflib:") or gid in curated:
            continue
        if any(ctx.triples((None, RDF.type, None))) and gid not in sources:
            out.append(
                Problem(
                    "warning",
                    "reference",
                    gid,
                    "named graph has no pag:Source of the same IRI: describe the source "
                    f'(<{gid}> a pag:Source ; dcterms:title "…") so its statements have provenance',
                    graph=gid,
                )
            )
    return out


def curation_graphs(ds: Dataset) -> set[str]:
    """The curators' named graphs: :data:`graph.curation.CURATION_GRAPH` and any graph typed ``pag:CurationGraph``."""
    found = {str(s) for s in ds.subjects(RDF.type, PAG.CurationGraph)}
    if any(True for _ in ds.graph(URIRef(CURATION_GRAPH)).triples((None, None, None))):
        found.add(CURATION_GRAPH)
    return found


def _gid(g: Any) -> str:
    return str(getattr(g, "identifier", g))


def _documents(ds: Dataset) -> list[Problem]:
    """Argument edges in a document's graph must join nodes quoted from that document."""
    curated = curation_graphs(ds)
    quoted: dict[str, set[str]] = defaultdict(set)
    for s, _p, _q, g in ds.quads((None, PAG.quote, None, None)):
        quoted[_gid(g)].add(str(s))
    out = []
    for pred in ARGUMENT_PREDICATES:
        for s, _p, o, g in ds.quads((None, pred, None, None)):
            gid = _gid(g)
            if gid in curated or gid.startswith("urn:x-rdflib:"):
                continue
            foreign = [x for x in (str(s), str(o)) if x not in quoted[gid]]
            if not foreign:
                continue
            which = " and ".join(curie(x) for x in foreign)
            out.append(
                Problem(
                    "error", "document", str(s),
                    f"{curie(str(s))} {curie(str(pred))} {curie(str(o))} sits in the graph of {curie(gid)}, "
                    f"but {which} {'is' if len(foreign) == 1 else 'are'} not quoted from that document: a document's "
                    "graph holds only what the document states. Move the link to the curation graph "
                    f"<{CURATION_GRAPH}> as a pag:CuratedLink with its rationale (see data/README.md), "
                    f"or quote {which} from {curie(gid)}",
                    graph=gid,
                )
            )  # fmt: skip
    return out


def _curation(ds: Dataset) -> list[Problem]:
    """Every curated argument edge has its pag:CuratedLink; every link's quotes are its ends' quotes."""
    curated = curation_graphs(ds)
    if not curated:
        return []
    quotes: dict[str, set[str]] = defaultdict(set)
    for node, _p, text, g in ds.quads((None, PAG.quote, None, None)):
        if _gid(g) not in curated:
            quotes[str(node)].add(str(text))
    out: list[Problem] = []
    for gid in sorted(curated):
        cg = ds.graph(URIRef(gid))
        described: set[tuple[str, str, str]] = set()
        for link in cg.subjects(RDF.type, PAG.CuratedLink):
            a, b, rel = (
                cg.value(link, PAG.linkFrom),
                cg.value(link, PAG.linkTo),
                cg.value(link, PAG.linkRelation),
            )
            if a is None or b is None or rel is None:
                out.append(
                    Problem(
                        "error",
                        "curation",
                        str(link),
                        "curated link lacks pag:linkFrom, pag:linkTo or pag:linkRelation",
                        graph=gid,
                    )
                )
                continue
            described.add((str(a), str(rel), str(b)))
            if (a, rel, b) not in cg:
                out.append(Problem(
                    "error", "curation", str(link),
                    f"curated link describes {curie(str(a))} {curie(str(rel))} {curie(str(b))}, but the curation graph does not "
                    "state that triple: add it beside the link",
                    graph=gid,
                ))  # fmt: skip
            if cg.value(link, RDFS.comment) is None or cg.value(link, PROV.wasAttributedTo) is None:
                out.append(Problem(
                    "error", "curation", str(link),
                    "curated link lacks its rationale (rdfs:comment) or its maker (prov:wasAttributedTo)",
                    graph=gid,
                ))  # fmt: skip
            for end, prop in ((a, PAG.fromQuote), (b, PAG.toQuote)):
                qs = [str(q) for q in cg.objects(link, prop)]
                if not qs:
                    out.append(
                        Problem(
                            "error",
                            "curation",
                            str(link),
                            f"curated link lacks {curie(str(prop))}: the quote it reads at {curie(str(end))}",
                            graph=gid,
                        )
                    )
                for q in qs:
                    if q not in quotes[str(end)]:
                        short = q[:60] + ("…" if len(q) > 60 else "")
                        out.append(Problem(
                            "error", "curation", str(link),
                            f"{curie(str(prop))} \"{short}\" is not a pag:quote of {curie(str(end))} in any document: "
                            "copy one of its quotes",
                            graph=gid,
                        ))  # fmt: skip
        # a store materialises super-properties (rebuts -> attacks): the sub-property's link describes them
        described |= {(a, sup, b) for a, rel, b in described for sup in SUPER_PROPERTIES.get(rel, ())}
        for pred in ARGUMENT_PREDICATES:
            for s, o in cg.subject_objects(pred):
                if (str(s), str(pred), str(o)) not in described:
                    out.append(Problem(
                        "error", "curation", str(s),
                        f"{curie(str(s))} {curie(str(pred))} {curie(str(o))} in the curation graph has no pag:CuratedLink: "
                        "describe it with its rationale, curator and the quotes at both ends",
                        graph=gid,
                    ))  # fmt: skip
    return out


def _anchors(ds: Dataset, texts: Path) -> list[Problem]:
    return [
        Problem(sev, "anchor", node, msg, graph=g) for sev, node, msg, g in check_anchors(ds, texts)
    ]


def _quotes(ds: Dataset, texts: Path, report: Report) -> list[Problem]:
    if not texts.is_dir():
        raise InputError(f"{texts}: not a folder of source texts (--texts)")
    out = []
    seed_of: dict[str, str] = {}
    for s, o in ds.subject_objects(PAG.seedFile):
        seed_of[str(s)] = str(o)
    cache: dict[str, str | None] = {}
    for s, _p, q, g in ds.quads((None, PAG.quote, None, None)):
        gid = str(getattr(g, "identifier", g))
        report.quotes_checked += 1
        seed = seed_of.get(gid)
        if seed is None:
            out.append(
                Problem(
                    "error", "quote", str(s),
                    "quote sits in a graph whose Source has no pag:seedFile: cannot check it; "
                    "add pag:seedFile \"FILE.txt\" to the source",
                    graph=gid,
                )
            )  # fmt: skip
            continue
        if seed not in cache:
            path = texts / seed
            cache[seed] = path.read_text(encoding="utf-8") if path.is_file() else None
        text = cache[seed]
        if text is None:
            out.append(
                Problem(
                    "error", "quote", str(s),
                    f"source text {seed} not found in {texts}", graph=gid,
                )
            )  # fmt: skip
            continue
        if find_quote(str(q), text):
            report.quotes_verbatim += 1
        else:
            short = normalize(str(q))
            short = short[:80] + ("…" if len(short) > 80 else "")
            out.append(
                Problem(
                    "error", "quote", str(s),
                    f"quote not found verbatim in {seed}: \"{short}\" — copy the exact words "
                    "of the text (line breaks and end-of-line hyphens may be joined)",
                    graph=gid,
                )
            )  # fmt: skip
    return out


def _locate(problems: list[Problem], files: list[Path]) -> list[Problem]:
    """Attach the file and line where each problem's node is first written."""
    if not files:
        return problems
    index: dict[str, tuple[str, int]] = {}
    texts = [(str(f), f.read_text(encoding="utf-8", errors="replace").splitlines()) for f in files]
    wanted = {p.node for p in problems}
    for node in wanted:
        forms = [f"<{node}>", curie(node)] if curie(node) != node else [f"<{node}>"]
        pat = re.compile("|".join(re.escape(x) + r"(?![\w-])" for x in forms))
        for name, lines in texts:
            hit = next((i for i, line in enumerate(lines, 1) if pat.search(line)), None)
            if hit:
                index[node] = (name, hit)
                break
    out = []
    for p in problems:
        if p.node in index:
            f, line = index[p.node]
            p = Problem(p.severity, p.check, p.node, p.message, p.graph, f, line)
        out.append(p)
    return out


def validate(
    data: Store | Dataset,
    *,
    texts: Path | str | None = None,
    files: list[Path] | None = None,
    shacl: bool = True,
) -> Report:
    """Validate a store or dataset; see the module docs for the checks.

    Parameters
    ----------
    data : Store or rdflib.Dataset
    texts : folder of source texts; when given, quotes are checked verbatim.
    files : the files the data came from, to point problems at file:line.
    shacl : run the SHACL shapes (the slowest check).
    """
    ds = data.to_dataset() if isinstance(data, Store) else data
    report = Report()
    problems: list[Problem] = []
    if shacl:
        report.checks.append("shacl")
        problems += _shacl(ds)
    report.checks.append("reference")
    problems += _references(ds)
    report.checks += ["document", "curation"]
    problems += _documents(ds)
    problems += _curation(ds)
    if texts is not None:
        report.checks += ["quote", "anchor"]
        problems += _quotes(ds, Path(texts), report)
        problems += _anchors(ds, Path(texts))
    pag_ns = str(PAG)
    report.nodes_checked = len(
        {s for s, o in ds.subject_objects(RDF.type) if str(o).startswith(pag_ns)}
    )
    seen: dict[tuple[str, str, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.check, p.node, p.message), p)
    by_node: dict[str, list[Problem]] = defaultdict(list)
    for p in _locate(list(seen.values()), files or []):
        by_node[p.node].append(p)
    report.problems = sorted(
        (p for ps in by_node.values() for p in ps),
        key=lambda p: (p.severity, p.file, p.line or 0, p.check, p.node, p.message),
    )
    return report
