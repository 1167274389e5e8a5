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
``quote``
    with a texts folder: every ``pag:quote`` occurs verbatim (see
    :mod:`graph.textmatch`) in the text of the source whose graph it sits in
    (the Source's ``pag:seedFile``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import SH

from graph.errors import InputError
from graph.namespace import PAG
from graph.resources import ontology_path
from graph.stores import Store
from graph.terms import curie
from graph.textmatch import find_quote, normalize
from graph.vocab import RELATIONS

__all__ = ["Problem", "Report", "validate"]

#: every relation whose object must be a declared node (from the ontology)
_REF_PREDICATES = [URIRef(p) for p in RELATIONS]


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located and with the fix."""

    severity: str  # "error" | "warning"
    check: str  # "shacl" | "reference" | "quote"
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
    for ctx in ds.graphs():
        gid = str(ctx.identifier)
        if gid.startswith("urn:x-rdflib:"):
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
    if texts is not None:
        report.checks.append("quote")
        problems += _quotes(ds, Path(texts), report)
    report.nodes_checked = len({s for s in ds.subjects(RDF.type, None)})
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
