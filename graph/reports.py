"""Build the analysis reports and render them as terminal trees/tables (rich), Markdown or JSON.

:func:`build_report` runs the analysis behind a report name (``chains``,
``evidence``, ``impact``, or one of :data:`REPORTS` on the whole debate)
and returns a :class:`Report`: the analysis's typed result (see
:mod:`graph.analysis.results`) with everything the report shows —
acceptability labels and explanations included. :func:`render` turns that
one object into JSON (:meth:`Report.as_dict`, the result as it is), or
into a small document — headings, paragraphs, tables and trees of plain
text (see :class:`Doc`) — rendered as Markdown or plain text; the
terminal prints the same document in colour (:func:`print_report`). So
the terminal, Markdown and JSON outputs never say different things. Every
line that states a fact names its source by CURIE (``source:…``) and, where
there is one, the verbatim quote.

Examples
--------
>>> doc = Doc("Title")
>>> doc.para("One fact (source:x).")
>>> print(to_markdown(doc), end="")
# Title
<BLANKLINE>
One fact (source:x).
>>> import networkx as nx
>>> rep = build_report("contested", nx.MultiDiGraph())
>>> rep.as_dict()
{'report': 'contested', 'contested': []}
>>> print(render(rep, "md").splitlines()[0])
# Contested claims and policies
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import networkx as nx
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from graph import analysis
from graph.analysis.results import (
    ActorRecord,
    ActorReport,
    ActorsReport,
    AgainstRow,
    ArgumentTree,
    ChainsReport,
    Coalition,
    Contested,
    ContestedReport,
    EvidenceAgainst,
    EvidenceBase,
    EvidenceBoth,
    Explanation,
    FigureFamily,
    Figures,
    FiguresReport,
    Impact,
    LoadBearing,
    LoadBearingReport,
    NodeRef,
    Overview,
    Quote,
    SearchResult,
    Side,
    StanceCell,
    StanceMatrix,
    StanceRow,
    Tension,
    TensionsReport,
    Timeline,
    TreeNode,
    UnsupportedReport,
    Verdict,
)
from graph.anchors import page_label
from graph.curation import is_curation_graph
from graph.errors import InputError
from graph.report import md_escape
from graph.safetext import inert, short
from graph.semantics import (
    DEFAULT_SUPPORT,
    Support,
    evaluate,
    explain_all,
    grounded_labels,
    shared_structure,
    verdict,
)
from graph.terms import curie

__all__ = [
    "ASK_REPORTS",
    "FORMATS",
    "REPORTS",
    "TARGET_REPORTS",
    "Doc",
    "Node",
    "Report",
    "ReportData",
    "actors_doc",
    "build_report",
    "chains_doc",
    "clean",
    "contested_doc",
    "document",
    "evidence_doc",
    "figures_doc",
    "impact_doc",
    "load_bearing_doc",
    "md_text",
    "needs_provenance",
    "overview_doc",
    "print_doc",
    "print_report",
    "progress_total",
    "render",
    "tensions_doc",
    "to_markdown",
    "to_text",
    "unsupported_doc",
]

#: the `pag report` names: reports on the whole debate
REPORTS = ("overview", "contested", "unsupported", "impact", "actors", "tensions", "figures")
#: reports on one TARGET node (`pag chains`, `pag evidence`, `pag impact`)
TARGET_REPORTS = ("chains", "evidence", "impact")
#: questions about one node or the whole debate (issue 15): `pag actor`, `pag timeline`,
#: `pag evidence --against` / `--both`
ASK_REPORTS = ("actor", "timeline", "evidence-against", "evidence-both")
#: what :func:`render` can produce
FORMATS = ("text", "md", "json")

#: rows per list in text and Markdown unless ``top`` is given (the overview: 5)
DEFAULT_TOP = 20
OVERVIEW_TOP = 5

# --- the document model --------------------------------------------------------

_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]}
_CONTROL.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})


def clean(text: Any) -> str:
    r"""Text from the graph made safe for a terminal: control characters shown, not obeyed.

    Labels and quotes are untrusted; an ESC sequence in a label must not
    recolour or retitle the user's terminal.

    >>> print(clean("a\x1b[31mb\rc\u202e"))
    a\x1b[31mb\x0dc\u202e

    Bidirectional overrides are shown too, and a huge text is cut for display
    (:func:`graph.safetext.short`).
    """
    return inert(short(str(text), 4000))


def md_text(text: str) -> str:
    r"""Text made inert for Markdown renderers: no raw HTML, no inline links.

    >>> print(md_text("<img src=x onerror=alert(1)> [x](javascript:alert(1))"))
    &lt;img src=x onerror=alert(1)&gt; [x]\(javascript:alert(1))
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("](", "]\\(")


@dataclass
class Node:
    """A line in a tree, with the lines under it."""

    text: str
    children: list[Node] = field(default_factory=list)

    def add(self, text: str) -> Node:
        child = Node(clean(text))
        self.children.append(child)
        return child


@dataclass
class Doc:
    """A report as headings, paragraphs, tables and trees of plain text."""

    title: str
    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self.blocks.append(("heading", clean(text)))

    def para(self, text: str) -> None:
        self.blocks.append(("para", clean(text)))

    def bullets(self, items: Iterable[str], empty: str = "None.") -> None:
        lines = [clean(x) for x in items]
        self.blocks.append(("bullets", lines) if lines else ("para", empty))

    def table(self, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        self.blocks.append(("table", ([clean(c) for c in columns], [[clean(c) for c in r] for r in rows])))

    def tree(self, root: Node) -> None:
        self.blocks.append(("tree", _cleaned(root)))


def _cleaned(node: Node) -> Node:
    return Node(clean(node.text), [_cleaned(c) for c in node.children])


def _md_tree(node: Node, level: int, out: list[str]) -> None:
    first, *rest = md_text(node.text).split("\n")
    pad = "  " * level
    out.append(pad + "- " + first + ("  " if rest else ""))
    out += [pad + "  " + line + ("  " if i < len(rest) - 1 else "") for i, line in enumerate(rest)]
    for c in node.children:
        _md_tree(c, level + 1, out)


def _md_line(text: str) -> str:
    return md_text(text).replace("\n", " ")


def to_markdown(doc: Doc) -> str:
    """The document as GitHub-flavoured Markdown."""
    out = [f"# {_md_line(doc.title)}", ""]
    for kind, body in doc.blocks:
        if kind == "heading":
            out += [f"## {_md_line(body)}", ""]
        elif kind == "para":
            out += [_md_line(body), ""]
        elif kind == "bullets":
            out += [f"- {_md_line(b)}" for b in body] + [""]
        elif kind == "table":
            cols, rows = body
            out.append("| " + " | ".join(md_escape(md_text(c)) for c in cols) + " |")
            out.append("|" + "---|" * len(cols))
            out += ["| " + " | ".join(md_escape(md_text(c)) for c in r) + " |" for r in rows]
            out.append("")
        elif kind == "tree":
            _md_tree(body, 0, out)
            out.append("")
    return "\n".join(out)


_BADGES = {"[IN]": "bold green", "[OUT]": "bold red", "[UNDECIDED]": "bold yellow", "supports": "green", "attacks": "red"}


def _styled(text: str) -> Text:
    first, *rest = text.split("\n")
    t = Text(first)
    for line in rest:
        t.append("\n" + line, style="dim")
    for word, style in _BADGES.items():
        t.highlight_words([word], style=style)
    return t


def _rich_tree(node: Node, tree: Tree | None = None) -> Tree:
    t = Tree(_styled(node.text)) if tree is None else tree.add(_styled(node.text))
    for c in node.children:
        _rich_tree(c, t)
    return t


def _print_table(console: Console, cols: list[str], rows: list[list[str]]) -> None:
    """A table whose cells wrap on word boundaries and never split an identifier.

    Each column is at least as wide as its longest word (a CURIE is one
    word); when those widths do not fit the terminal, each row is printed as
    a block of ``column: value`` lines instead.
    """
    cells = [[c, *(r[i] for r in rows)] for i, c in enumerate(cols)]
    longest = [max([len(w) for x in col for w in x.split()] or [1]) for col in cells]
    natural = [max([len(line) for x in col for line in x.split("\n")] or [1]) for col in cells]
    avail = console.width - (3 * len(cols) + 1)
    if sum(longest) <= avail:
        # each column gets its longest word, and the room left in proportion to what it would still use
        widths = list(longest)
        want = [n - w for n, w in zip(natural, widths, strict=True)]
        room = avail - sum(widths)
        if sum(want) > 0 and room > 0:
            for i, w in enumerate(want):
                widths[i] += min(w, room * w // sum(want))
        table = Table(show_header=True, header_style="bold", show_lines=False)
        for c, w in zip(cols, widths, strict=True):
            table.add_column(c, width=w, overflow="fold")
        for r in rows:
            table.add_row(*(_styled(c) for c in r))
        console.print(table)
        return
    for r in rows:
        lines = [f"{c}: {v}" for c, v in zip(cols, r, strict=True) if c and v]
        console.print(Text("• ") + _styled("\n".join(lines)))


def print_doc(doc: Doc, console: Console) -> None:
    """Print the document on a rich console: headings, wrapped text, tables and trees."""
    console.print(Text(clean(doc.title), style="bold underline"))
    for kind, body in doc.blocks:
        if kind == "heading":
            console.print()
            console.print(Text(body, style="bold"))
        elif kind == "para":
            console.print(_styled(body))
        elif kind == "bullets":
            for b in body:
                console.print(Text("• ") + _styled(b))
        elif kind == "table":
            _print_table(console, *body)
        elif kind == "tree":
            console.print(_rich_tree(body))


def to_text(doc: Doc, width: int = 100) -> str:
    """The terminal rendering as plain text (no colour), for files and pipes."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None, soft_wrap=False)
    print_doc(doc, console)
    return console.export_text()


# --- shared phrases ------------------------------------------------------------


def _c(iri: str) -> str:
    return curie(iri)


def _srcs(sources: Iterable[str]) -> str:
    srcs = list(sources)
    s = sorted({_c(x) for x in srcs if not is_curation_graph(x)})
    if any(is_curation_graph(x) for x in srcs):
        s.append("linked by the curators")
    return ", ".join(s) if s else "no source recorded"


def _stated(sources: Iterable[str]) -> str:
    """``stated in source:x``, ``linked by the curators``, or both: who states a link."""
    srcs = list(sources)
    docs = sorted({_c(x) for x in srcs if not is_curation_graph(x)})
    words = [f"stated in {', '.join(docs)}"] if docs else []
    if any(is_curation_graph(x) for x in srcs):
        words.append("linked by the curators")
    return "; ".join(words) if words else "no source recorded"


def _ref(ref: NodeRef) -> str:
    return f"{ref['label']} ({_c(ref['id'])})"


def _quote(q: Quote | None) -> str:
    return f" — {_cited(q)}" if q else ""


def _cited(q: Quote) -> str:
    """A quote with its citation: “…” (source:x), with the pages for a text with pages (source:x, p. 2)."""
    pages = _pages(q)
    return f"“{q['quote']}” ({_c(q['source'])}{', ' + pages if pages else ''})"


def _pages(q: Quote, wrap: bool = False) -> str:
    """The quote's pages ("p. 2", "pp. 1–2"; with ``wrap`` " (p. 2)"), or "" for a text without pages."""
    pages = page_label(q.get("page_start"), q.get("page_end"))
    return f" ({pages})" if pages and wrap else pages


def _badge(label: str | None) -> str:
    return f" [{label}]" if label else ""


def _num(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def _names(refs: Iterable[Mapping[str, Any]], key: str = "id") -> str:
    return "; ".join(f"{r['label']} ({_c(r[key])}; {_srcs(r.get('sources', []))})" for r in refs)


# --- chains ------------------------------------------------------------------


def _chain_node(n: TreeNode) -> Node:
    # a child reads as its parent's argument: "supported by claim: X"
    rel = f"{n.get('role') or n['relation']} " if n["relation"] else ""
    text = f"{rel}{n['kind']}: {n['label']} ({_c(n['id'])}){_badge(n.get('acceptability'))}"
    if n["relation"]:
        text += f" — link {_stated(n['edge_sources'])}"
        if n.get("curation"):
            text += f": {n['curation']}"
    if n["cycle"]:
        text += " ↻ cycle: already on this chain"
    elif n["repeat"]:
        text += " (expanded above)"
    elif n["truncated"]:
        text += " … (depth limit: more below)"
    if n.get("why"):
        text += f"\nwhy: {n['why']}"
    if n["quote"]:
        text += "\n" + _cited(n["quote"])
    if n["asserted_by"]:
        text += "\nasserted by " + "; ".join(f"{a['label']} ({_srcs(a['sources'])})" for a in n["asserted_by"])
    node = Node(text)
    node.children = [_chain_node(c) for c in n["children"]]
    return node


def _verdict_para(doc: Doc, v: Verdict | None) -> None:
    """The headline: the arguments for and against that survive, by source and actor."""
    if not v:
        return
    actors = []
    if v["for_actors"]:
        actors.append(f"those for by {_srcs(v['for_actors'])}")
    if v["against_actors"]:
        actors.append(f"those against by {_srcs(v['against_actors'])}")
    doc.para(f"Verdict: {v['headline']}." + (f" Asserted: {'; '.join(actors)}." if actors else ""))


def chains_doc(data: ArgumentTree, explanation: Explanation | None = None, verdict: Verdict | None = None) -> Doc:
    """The argument tree of :func:`graph.analysis.chains.argument_tree`: the verdict first, then why
    the root has its label, then the tree (children read "supported by" / "attacked by")."""
    t = data["target"]
    doc = Doc(f"Argument chain: {_ref(t)}")
    _verdict_para(doc, verdict)
    if explanation:
        cited = f" (the attacks: {_stated(explanation['sources'])})" if explanation["sources"] else ""
        doc.para(f"Acceptability (grounded): {explanation['reason']}{cited}.")
    st = data["stances"]
    if st["advocates"]:
        doc.para("Advocated by: " + _names(st["advocates"], "actor") + ".")
    if st["opposes"]:
        doc.para("Opposed by: " + _names(st["opposes"], "actor") + ".")
    doc.tree(_chain_node(data["tree"]))
    c = data["counts"]
    doc.para(
        f"{c['supports']} supporting and {c['attacks']} attacking link(s), {c['evidence']} distinct "
        f"evidence item(s), {c['cycles']} cycle(s)"
        + (f", {c['truncated']} branch(es) cut at depth {data['depth']}" if c["truncated"] else "")
        + "."
    )
    for cyc in data["cycles"]:
        doc.para("Cycle: " + " → ".join(_c(x) for x in cyc))
    return doc


# --- evidence -------------------------------------------------------------------


def evidence_doc(data: EvidenceBase) -> Doc:
    """The evidence base of :func:`graph.analysis.evidence.evidence_base`, with the labels it carries:
    the verdict first; each path says whether one document states it or it is joined across documents."""
    t = data["target"]
    doc = Doc(f"Evidence base: {_ref(t)}")
    _verdict_para(doc, data.get("verdict"))
    if data.get("why"):
        doc.para(f"Acceptability (grounded): {data['why']}.")
    rows = data["evidence"]
    attacked = sum(1 for r in rows if r["attacked"])
    only = f" stated in {_c(str(data['source']))}" if data.get("source") else ""
    doc.para(
        f"{len(rows)} evidence item(s) support it through `supports` paths{only}: {data['within_document']} "
        f"through a path one document states, {data['joined']} only through paths joined across documents "
        f"(⚠ flagged); {attacked} through a step that is attacked. Sources stating the paths: {_srcs(data['sources'])}."
        if rows
        else f"Nothing: no evidence item has a `supports` path{only} to it."
    )
    root = Node(f"{t['kind']}: {_ref(t)}{_badge(data['acceptability'])}")
    for r in rows:
        e = r["evidence"]
        fig = f" = {_num(r['value'])} {r['unit'] or ''}".rstrip() if r["value"] is not None else ""
        flag = " ⚠ attacked on the way" if r["attacked"] else ""
        flag += " ⚠ joined across documents" if r["joined"] else ""
        why = f"\nwhy: {r['why']}" if r.get("why") else ""
        item = root.add(f"evidence: {_ref(e)}{fig}{_badge(r['acceptability'])}{flag}{_quote(r['quote'])}{why}")
        for p in r["paths"]:
            hops = " → ".join(_c(n) for n in p["nodes"])
            prov = p["provenance"]
            steps = "; ".join(
                f"{_c(h['from'])} → {_c(h['to'])}: {hp['stated_by']}" + (f" ({h['curation']})" if h.get("curation") else "")
                for h, hp in zip(p["hops"], prov["hops"], strict=True)
            )
            if prov["joined"]:  # say which document states which step
                path = item.add(f"path {hops} — ⚠ {prov['summary']} ({steps})")
            else:
                path = item.add(f"path {hops} — {prov['summary']}")
            for a in p["attacked_by"]:
                path.add(f"{_c(a['node'])} attacked by {_c(a['attacker'])} ({_stated(a['sources'])})")
        if r["more_paths"]:
            item.add("… more paths not shown")
    doc.tree(root)
    return doc


# --- weak spots -------------------------------------------------------------------


def contested_doc(rows: list[Contested], top: int | None = None) -> Doc:
    """The ranking of :func:`graph.analysis.weakspots.contested`."""
    doc = Doc("Contested claims and policies")
    doc.para(
        "Supported and attacked at once, ranked by contestedness: the harmonic mean of the weight of each "
        "side, a side's weight being its distinct actors plus distinct sources."
    )
    shown = rows[:top] if top else rows
    doc.table(
        ["#", "node", "score", "pro (for it)", "con (against it)"],
        [
            [
                i,
                _ref(r["node"]),
                f"{r['score']:.2f}",
                _side(r["pro"]),
                _side(r["con"]),
            ]
            for i, r in enumerate(shown, 1)
        ],
    )
    if len(shown) < len(rows):
        doc.para(f"… {len(rows) - len(shown)} more (use --top 0 for all).")
    return doc


def _side(s: Side) -> str:
    return (
        f"{len(s['arguments'])} argument(s), {len(s['actors'])} actor(s), {len(s['sources'])} source(s): "
        f"{_srcs(s['sources'])}"
    )


def unsupported_doc(spots: UnsupportedReport, top: int | None = None) -> Doc:
    """Unsupported, single-source and circular support from :func:`graph.analysis.weakspots.weak_spots`."""
    doc = Doc("Weak spots: unsupported, single-source and circular")
    un = spots["unsupported"]
    ss = spots["single_source"]
    doc.heading(f"Resting on no evidence ({len(un)})")
    doc.para(
        "Most rested-on first: “rests on it” counts the claims and policies it supports, directly or through "
        "others; “asserted by” names who asserts it (for a policy, also who advocates it)."
    )
    doc.table(
        ["node", "asserted by", "rests on it", "direct supporters", "direct attackers", "stated in", "quote"],
        [
            [
                f"{r['node']['kind']}: {_ref(r['node'])}",
                "; ".join(f"{a['label']} ({_c(a['actor'])})" for a in r["asserted_by"]) or "no one recorded",
                len(r["rests_on_it"]),
                len(r["supporters"]),
                len(r["attackers"]),
                _srcs(r["sources"]),
                r["quote"]["quote"] + _pages(r["quote"], wrap=True) if r["quote"] else "",
            ]
            for r in (un[:top] if top else un)
        ],
    )
    doc.heading(f"Resting on a single source ({len(ss)})")
    doc.table(
        ["node", "the one source", "evidence items", "supports links"],
        [[_ref(r["node"]), _c(r["source"]), len(r["evidence"]), r["supports"]] for r in (ss[:top] if top else ss)],
    )
    cy = spots["circular"]
    doc.heading(f"Circular support ({len(cy)})")
    if cy:
        doc.bullets(
            " → ".join(_c(h["from"]) for h in c["hops"]) + f" → {_c(c['nodes'][0])} (stated in "
            + "; ".join(_srcs(h["sources"]) for h in c["hops"]) + ")"
            for c in cy
        )
    else:
        doc.para("None: no argument ends up supporting itself.")
    for name, n in (("unsupported", len(un)), ("single-source", len(ss))):
        if top and n > top:
            doc.para(f"… {n - top} more {name} not shown (use --top 0 for all).")
    return doc


# --- impact ---------------------------------------------------------------------


def impact_doc(data: Impact) -> Doc:
    """What :func:`graph.analysis.impact.impact` says falls with a retraction."""
    r = data["retracted"]
    targets = data["targets"]
    if len(targets) > 1:
        doc = Doc(f"Impact of retracting {len(targets)} targets together: " + "; ".join(f"{t['kind']} {_ref(t)}" for t in targets))
    else:
        what = "source" if data["mode"] == "source" else r["kind"]
        doc = Doc(f"Impact of retracting {what} {_ref(r)}")
    doc.heading(f"Lose all evidential support ({len(data['lose_support'])})")
    if data["lose_support"]:
        doc.bullets(
            f"{x['node']['kind']}: {_ref(x['node'])} — rested only on "
            + ", ".join(_c(e) for e in x["evidence_before"])
            + f" ({_srcs(x['sources'])})"
            for x in data["lose_support"]
        )
    else:
        doc.para("Nothing loses all its evidence.")
    if data["weakened"]:
        doc.heading(f"Keep some evidence but lose part ({len(data['weakened'])})")
        doc.bullets(
            f"{x['node']['kind']}: {_ref(x['node'])} — {len(x['evidence_before'])} → {len(x['evidence_after'])} evidence item(s) ({_srcs(x['sources'])})"
            for x in data["weakened"]
        )
    doc.heading(f"Acceptability changes ({len(data['label_changes'])})")
    if data["label_changes"]:
        doc.bullets(
            f"{x['node']['kind']}: {_ref(x['node'])} [{x['before']}] → [{x['after']}] — {x['reason']}"
            + (f" (stated in {_srcs(x['sources'])})" if x["sources"] else "")
            for x in data["label_changes"]
        )
    else:
        doc.para("No claim, evidence item or policy changes its IN/OUT/UNDECIDED label.")
    if data["removed"]:
        doc.heading(f"Removed with it ({len(data['removed'])})")
        doc.bullets(f"{x['kind']}: {_ref(x)}" for x in data["removed"])
    return doc


def load_bearing_doc(rows: list[LoadBearing], top: int | None = None) -> Doc:
    """The ranking of :func:`graph.analysis.impact.load_bearing`."""
    doc = Doc("Load-bearing evidence")
    doc.para(
        "Evidence ranked by what rests on it: claims and policies whose only evidence it is (they lose all "
        "evidential support if it is retracted), all claims and policies with it in their evidence base, and "
        "acceptability labels that change without it. Try `pag impact EVIDENCE` for the detail."
    )
    shown = rows[:top] if top else rows
    doc.table(
        ["#", "evidence", "stated in", "sole support of", "in the base of", "labels change"],
        [
            [
                i,
                _ref(r["evidence"]),
                _srcs(r["sources"]),
                f"{len(r['sole_support'])}: " + ", ".join(_c(x) for x in r["sole_support"]) if r["sole_support"] else "0",
                len(r["rests_on"]),
                "" if r["label_changes"] is None else r["label_changes"],
            ]
            for i, r in enumerate(shown, 1)
        ],
    )
    if len(shown) < len(rows):
        doc.para(f"… {len(rows) - len(shown)} more (use --top 0 for all).")
    return doc


# --- actors -----------------------------------------------------------------------


def actors_doc(matrix: StanceMatrix, coalitions: list[Coalition], top: int | None = None) -> Doc:
    """The stance matrix and coalitions of :mod:`graph.analysis.actors`."""
    doc = Doc("Actors: stances and coalitions")
    by_actor: dict[str, list[StanceCell]] = {}
    for s in matrix["stances"]:
        by_actor.setdefault(s["actor"], []).append(s)
    pol = {p["id"]: p for p in matrix["policies"]}
    doc.heading(f"Stances ({len(matrix['actors'])} actors × {len(matrix['policies'])} policies)")
    rows = []
    for a in matrix["actors"]:
        for side in ("advocates", "opposes", "both"):
            cells = [s for s in by_actor.get(a["id"], []) if s["stance"] == side]
            if cells:
                rows.append(
                    [
                        _ref(a),
                        side if side != "both" else "advocates and opposes",
                        "; ".join(
                            f"{pol[s['policy']]['label']} ({_c(s['policy'])}"
                            + (f", {'/'.join(p for p in s['predicates'] if p != side)}" if set(s["predicates"]) - {side} else "")
                            + f"; {_srcs(s['sources'])})"
                            for s in cells
                        ),
                    ]
                )
    shown_rows = rows[:top] if top else rows
    doc.table(["actor", "stance", "policies (how; stated in)"], shown_rows)
    if len(shown_rows) < len(rows):
        doc.para(f"… {len(rows) - len(shown_rows)} more stance rows (use --top 0 for all).")
    doc.heading(f"Coalitions ({len(coalitions)})")
    doc.para(
        "Two actors are linked when they share at least two positions (the same side of the same policy) and "
        "their weighted Jaccard similarity (positions weighted by the sources stating them, opposed positions "
        "counted against) is at least 0.2; coalitions are the communities of that graph (greedy modularity). "
        "Cohesion: the mean similarity of linked members."
    )
    for i, c in enumerate(coalitions, 1):
        root = Node(f"Coalition {i} (cohesion {c['cohesion']:g}): " + ", ".join(a["label"] for a in c["actors"]))
        ps = c["positions"][:top] if top else c["positions"]
        for p in ps:
            root.add(f"{p['stance']} {_ref(p['policy'])} — {len(p['actors'])} of {len(c['actors'])} members; stated in {_srcs(p['sources'])}")
        if len(ps) < len(c["positions"]):
            root.add(f"… {len(c['positions']) - len(ps)} more position(s)")
        doc.tree(root)
    return doc


def tensions_doc(rows: list[Tension], top: int | None = None) -> Doc:
    """The tensions of :func:`graph.analysis.actors.tensions`."""
    doc = Doc("Tensions: actors backing policies that pull against each other")
    if not rows:
        doc.para("None found: no actor advocates two policies where the graph argues that one undermines the other.")
        return doc
    doc.para(
        f"{len(rows)} tension(s): the actor advocates both policies, and the graph holds an argument from the "
        "case for the first against the second."
    )
    for r in rows[:top] if top else rows:
        a, p, q = r["actor"], r["policy"], r["undermined"]
        root = Node(f"{_ref(a)} advocates {_ref(p)} ({_srcs(r['stance_sources']['policy'])}) and {_ref(q)} ({_srcs(r['stance_sources']['undermined'])})")
        why = root.add(f"but the case for {p['label']} undermines {q['label']}:")
        for h in r["path"]:
            why.add(f"{_c(h['from'])} {h['relation']} {_c(h['to'])} (stated in {_srcs(h['sources'])})")
        root.add("in words: " + r["explanation"])
        doc.tree(root)
    if top and len(rows) > top:
        doc.para(f"… {len(rows) - top} more (use --top 0 for all).")
    return doc


# --- figures ----------------------------------------------------------------------


def figures_doc(rows: list[Figures], families: list[FigureFamily] | None = None, top: int | None = None) -> Doc:
    """Disagreeing figures (:func:`graph.analysis.figures.disagreeing_figures`) and
    related figures by family, over time (:func:`graph.analysis.figures.figure_families`)."""
    doc = Doc("Figures: where sources disagree, and related figures side by side")
    doc.heading(f"Disagreeing figures ({len(rows)} measure(s))")
    doc.para(
        "Figures on one measure disagree when different sources give different values for the same period and "
        "place (two values from one source are a range or a trend), or when the curators link them with "
        "pag:disagreesWith."
    )
    if not rows:
        doc.para("None found: no measure has different values from different sources for the same period and place.")
    for r in rows:
        doc.heading(_ref(r["measure"]))
        notes = []
        if r["ratio"] is not None:
            notes.append(f"largest / smallest = {r['ratio']:g}")
        if r["differs_in"]:
            notes.append("the items also differ in " + ", ".join(r["differs_in"]) + " — check they measure the same thing")
        if r["linked"]:
            notes.append("linked as disagreeing: " + "; ".join(" ≠ ".join(_c(x) for x in pair) for pair in r["linked"]))
        if notes:
            doc.para("; ".join(notes) + ".")
        items = r["items"]
        doc.table(
            ["", *(f"#{k}" for k in range(1, len(items) + 1))],
            [
                ["value", *(_num(i["value"]) for i in items)],
                ["unit", *(i["unit"] or "" for i in items)],
                ["evidence", *(_ref(i["evidence"]) for i in items)],
                ["place", *(i["place"] or "" for i in items)],
                ["period", *(i["period"] or "" for i in items)],
                ["population", *(i["population"] or "" for i in items)],
                ["measured by", *(i["measured_by"]["label"] if i["measured_by"] else "" for i in items)],
                ["stated in", *(_srcs(i["sources"]) for i in items)],
                ["quote", *(f"“{i['quote']['quote']}”{_pages(i['quote'], wrap=True)}" if i["quote"] else "" for i in items)],
            ],
        )
    if families is None:
        return doc
    doc.heading(f"Related figures, by family of measures ({len(families)})")
    doc.para(
        "Measures the data links (skos:broader, skos:related, skos:exactMatch/closeMatch) or whose figures share a "
        "population and unit, with their figures in date order (“about” = a year read from the period text). "
        "`--format csv` gives every point for plotting."
    )
    shown = families[:top] if top else families
    for f in shown:
        doc.heading(_ref(f["family"]) + (" — a series over time" if f["series"] else ""))
        if len(f["measures"]) > 1:
            doc.para("Measures: " + "; ".join(_ref(m) for m in f["measures"]) + ".")
        if f["disagree"]:
            doc.para("Disagree: " + "; ".join(" ≠ ".join(_c(x) for x in p) for p in f["disagree"]) + ".")
        doc.bullets(
            f"{i['when']['date'] if i['when'] else 'undated'}: {_num(i['value'])} {i['unit'] or ''}".rstrip()
            + f" — {_ref(i['evidence'])}"
            + (f" [{i['measure_ref']['label']}]" if len(f["measures"]) > 1 else "")
            + f" ({_srcs(i['sources'])})"
            + (f"\n“{i['quote']['quote']}”{_pages(i['quote'], wrap=True)}" if i["quote"] else "")
            for i in f["items"]
        )
    if len(shown) < len(families):
        doc.para(f"… {len(families) - len(shown)} more families (use --top 0 for all).")
    return doc


def figures_csv(families: list[FigureFamily]) -> str:
    """Every figure of every family as CSV, one row per figure, in date order (for plotting a series)."""
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["family", "family_label", "measure", "measure_label", "date", "year", "precision", "value", "unit",
                "evidence", "evidence_label", "population", "place", "period", "sources", "quote"])  # fmt: skip
    for f in families:
        for i in f["items"]:
            when = i["when"]
            w.writerow(
                [
                    f["family"]["id"], f["family"]["label"], i["measure_ref"]["id"], i["measure_ref"]["label"],
                    when["date"] if when else "", when["key"][0] if when else "", when["precision"] if when else "",
                    _num(i["value"]), i["unit"] or "", i["evidence"]["id"], i["evidence"]["label"],
                    i["population"] or "", i["place"] or "", i["period"] or "", " ".join(i["sources"]),
                    i["quote"]["quote"] if i["quote"] else "",
                ]
            )  # fmt: skip
    return buf.getvalue()


# --- overview ----------------------------------------------------------------------


#: what each overview count counts, in words
_COUNT_NAMES = {
    "supports": "supports links",
    "attacks": "attacks links",
    "stances": "stances (actor → policy)",
    "unsupported": "claims/policies resting on no evidence",
    "single_source": "claims/policies resting on one source",
    "contested": "contested claims/policies",
    "circular": "circular support cycles",
    "tensions": "tensions (actor backing two policies at odds)",
    "disagreeing_figures": "measures with disagreeing figures",
}


def overview_doc(data: Overview) -> Doc:
    """The one-page summary of :func:`graph.analysis.overview.overview` (``pag report overview``)."""
    doc = Doc("Overview of the debate")
    k = data["counts"]
    doc.table(["what", "count"], [[_COUNT_NAMES.get(name, name.replace("_", " ")), n] for name, n in k.items()])
    acc = data["acceptability"]
    doc.para(
        f"Acceptability (grounded, {acc['support']} support): {acc['counts']['IN']} IN, {acc['counts']['OUT']} OUT, "
        f"{acc['counts']['UNDECIDED']} UNDECIDED; {len(acc['disputes'])} open dispute(s), "
        + (
            f"{acc['preferred_count']} preferred extension(s)."
            if acc["preferred_count"] is not None
            else f"preferred extensions not enumerated ({len(acc['unresolved'])} arguments in disputes too large)."
        )
    )
    if acc["disputes"]:
        doc.heading("Open disputes (UNDECIDED under grounded semantics)")
        doc.bullets(
            ", ".join(_c(a) for a in d["arguments"][:8])
            + (f" and {len(d['arguments']) - 8} more" if len(d["arguments"]) > 8 else "")
            + (
                " — positions: " + " | ".join("{" + ", ".join(_c(a) for a in p) + "}" for p in d["positions"])
                if d["positions"] is not None
                else " — too large to enumerate its positions"
            )
            for d in acc["disputes"]
        )
    doc.heading("Most contested")
    doc.bullets(
        f"{_ref(r['node'])} — contestedness score {r['score']:.2f}; for it: {_side(r['pro'])}; against it: {_side(r['con'])}"
        for r in data["contested"]
    )
    doc.heading("Most load-bearing evidence")
    doc.bullets(
        f"{_ref(r['evidence'])} ({_srcs(r['sources'])}) — sole evidence of {len(r['sole_support'])} claim(s)/policy(ies), "
        f"in the evidence base of {len(r['rests_on'])}"
        for r in data["load_bearing"]
    )
    doc.heading("Policies resting on no evidence")
    doc.bullets(f"{_ref(r['node'])} ({_srcs(r['sources'])})" for r in data["unsupported_policies"])
    doc.heading("Tensions")
    doc.bullets(
        f"{r['actor']['label']} backs {_ref(r['policy'])} and {_ref(r['undermined'])} ({_srcs(h for x in r['path'] for h in x['sources'])})"
        for r in data["tensions"]
    )
    doc.para("More: pag report contested | unsupported | impact | actors | tensions | figures.")
    return doc


# --- built reports -----------------------------------------------------------------

#: the body of a report: one of the typed results of :mod:`graph.analysis.results`
ReportData = (
    ChainsReport
    | EvidenceBase
    | Impact
    | Overview
    | ContestedReport
    | UnsupportedReport
    | LoadBearingReport
    | ActorsReport
    | TensionsReport
    | FiguresReport
    | SearchResult
    | ActorReport
    | Timeline
    | EvidenceAgainst
    | EvidenceBoth
)


@dataclass(frozen=True)
class Report:
    """A built report: what :func:`render` turns into text, Markdown or JSON.

    Attributes
    ----------
    name : str
        The report's name, as ``"report"`` in its JSON: ``chains``,
        ``evidence``, ``impact`` or one of :data:`REPORTS`.
    layout : str
        Which document shows it: the name, except ``load_bearing`` for the
        whole-debate ``impact`` report (the ranking, not one retraction).
    data : ReportData
        The typed result (:mod:`graph.analysis.results`); its keys are the
        JSON keys, and the text and Markdown renderings read only it.
    top : int or None
        Rows per list in text and Markdown (None: all); JSON has every row.
    """

    name: str
    layout: str
    data: ReportData
    top: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON object: ``{"report": name, **data}``."""
        return {"report": self.name, **self.data}

    def to_json(self) -> str:
        """:meth:`as_dict` as pretty JSON (UTF-8 text, ends with a newline)."""
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"

    def _repr_markdown_(self) -> str:
        """Jupyter shows a report as its Markdown (labels and quotes escaped, see :func:`md_text`)."""
        return render(self, "md")


_DOCS: dict[str, Callable[[Report], Doc]] = {
    "chains": lambda r: chains_doc(
        cast(ChainsReport, r.data), cast(ChainsReport, r.data)["explanation"], cast(ChainsReport, r.data).get("verdict")
    ),
    "evidence": lambda r: evidence_doc(cast(EvidenceBase, r.data)),
    "impact": lambda r: impact_doc(cast(Impact, r.data)),
    "overview": lambda r: overview_doc(cast(Overview, r.data)),
    "contested": lambda r: contested_doc(cast(ContestedReport, r.data)["contested"], r.top),
    "unsupported": lambda r: unsupported_doc(cast(UnsupportedReport, r.data), r.top),
    "load_bearing": lambda r: load_bearing_doc(cast(LoadBearingReport, r.data)["load_bearing"], r.top),
    "actors": lambda r: actors_doc(cast(ActorsReport, r.data)["stances"], cast(ActorsReport, r.data)["coalitions"], r.top),
    "tensions": lambda r: tensions_doc(cast(TensionsReport, r.data)["tensions"], r.top),
    "figures": lambda r: figures_doc(cast(FiguresReport, r.data)["figures"], cast(FiguresReport, r.data)["families"], r.top),
    "search": lambda r: search_doc(cast(SearchResult, r.data), r.top),
    "actor": lambda r: _actors_doc(cast(ActorReport, r.data)["actors"], r.top),
    "timeline": lambda r: timeline_doc(cast(Timeline, r.data), r.top),
    "evidence-against": lambda r: against_doc(cast(EvidenceAgainst, r.data), r.top),
    "evidence-both": lambda r: both_doc(cast(EvidenceBoth, r.data), r.top),
}


def _actors_doc(records: list[ActorRecord], top: int | None) -> Doc:
    """One actor's record, or several one after the other."""
    docs = [actor_doc(r, top) for r in records]
    if len(docs) == 1:
        return docs[0]
    doc = Doc("Actors: " + ", ".join(r["actor"]["label"] for r in records))
    for d in docs:
        doc.heading(d.title)
        doc.blocks += d.blocks
    return doc


def needs_provenance(name: str) -> bool:
    """Whether report ``name`` reads a projection made with ``provenance=True``.

    ``figures`` uses the curators' ``disagreesWith`` links, which only that
    projection keeps (see :func:`graph.model.project`).

    >>> needs_provenance("figures"), needs_provenance("chains")
    (True, False)
    """
    return name == "figures"


def progress_total(name: str, G: nx.MultiDiGraph, target: str | None = None) -> int | None:
    """How many times :func:`build_report` will call ``progress``; None if never.

    Only the whole-debate ``impact`` report (load-bearing evidence) is slow
    enough to report progress: once per evidence item.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("e", kind="evidence")
    >>> progress_total("impact", G), progress_total("impact", G, "e"), progress_total("chains", G)
    (1, None, None)
    """
    if name != "impact" or target is not None:
        return None
    return sum(1 for _, d in G.nodes(data=True) if d.get("kind") == "evidence")


def _need(name: str, target: str | None) -> str:
    if target is None:
        raise InputError(f"the {name} report needs a TARGET: a policy, claim or evidence item")
    return target


def build_report(
    name: str,
    G: nx.MultiDiGraph,
    *,
    target: str | Sequence[str] | None = None,
    support: Support = DEFAULT_SUPPORT,
    top: int | None = None,
    depth: int | None = None,
    max_paths: int = 10,
    source: str | None = None,
    progress: Callable[[str], None] | None = None,
    kind: str | None = None,
    kinds: Sequence[str] | None = None,
    where: str | None = None,
) -> Report:
    """Run the analysis behind report ``name`` on ``G`` and return the :class:`Report`.

    Parameters
    ----------
    name : str
        ``chains`` (:func:`~graph.analysis.chains.argument_tree` with every
        node's acceptability label and why, the root's
        :func:`~graph.semantics.explain_label` and
        :func:`~graph.semantics.verdict`), ``evidence``
        (:func:`~graph.analysis.evidence.evidence_base` with labels, why, and
        the target's verdict), ``impact`` with a ``target``
        (:func:`~graph.analysis.impact.impact`), or a whole-debate report of
        :data:`REPORTS` (``impact`` without a target ranks load-bearing
        evidence, :func:`~graph.analysis.impact.load_bearing`), or one of
        :data:`ASK_REPORTS`: ``actor`` (:func:`~graph.analysis.record.actor_record`
        of each target), ``timeline`` (:func:`~graph.analysis.timeline.timeline`,
        target optional), ``evidence-against``
        (:func:`~graph.analysis.against.evidence_against`) and ``evidence-both``
        (:func:`~graph.analysis.against.evidence_both`).
    G : networkx.MultiDiGraph
        A projected graph (:func:`graph.model.project`; with
        ``provenance=True`` when :func:`needs_provenance` says so); not changed.
    target : str or sequence of str, optional
        The node of ``chains``, ``evidence`` and ``impact``: key, IRI, CURIE
        or label; ``impact`` and ``actor`` take several.
    support : {"evidential", "deductive", "necessary", "none"}
        How supports carry attacks for the acceptability labels.
    top : int or None
        Rows per list in text and Markdown: None for the default
        (:data:`DEFAULT_TOP`; the overview :data:`OVERVIEW_TOP`), 0 for all.
        The overview keeps only these rows in its data (JSON too); the
        other reports keep every row in JSON.
    depth : int or None
        ``chains``: levels below the target (None: all).
    max_paths : int
        ``evidence``: paths per evidence item.
    source : str, optional
        ``evidence``: only paths every step of which this source states.
    progress : callable, optional
        Called with each evidence item's id while ranking load-bearing
        evidence (see :func:`progress_total`).
    kind : {"claim", "policy"}, optional
        ``unsupported``: only claims or only policies.
    kinds : sequence of str, optional
        ``timeline``: only entries of these kinds.
    where : str, optional
        ``timeline``: only entries whose jurisdiction or place holds this text.

    Raises
    ------
    InputError
        An unknown report name, a missing target, or a target of the wrong kind.
    NodeNotFound, AmbiguousNode
        ``target`` does not name exactly one node.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c", kind="claim", label="C", sources=["s"], quotes=[])
    >>> G.add_node("e", kind="evidence", label="E", sources=["s"], quotes=[])
    >>> _ = G.add_edge("e", "c", key="supports", sources=["s"])
    >>> rep = build_report("evidence", G, target="c")
    >>> rep.data["acceptability"], [r["acceptability"] for r in rep.data["evidence"]]
    ('IN', ['IN'])
    """
    with shared_structure(G):
        return _build_report(name, G, target, support, top, depth, max_paths, source, progress, kind, kinds, where)


def _build_report(
    name: str,
    G: nx.MultiDiGraph,
    target: str | Sequence[str] | None,
    support: Support,
    top: int | None,
    depth: int | None,
    max_paths: int,
    source: str | None,
    progress: Callable[[str], None] | None,
    kind: str | None,
    kinds: Sequence[str] | None,
    where: str | None,
) -> Report:
    one = target if isinstance(target, str) or target is None else (target[0] if len(target) == 1 else None)
    if name in ASK_REPORTS:
        return _ask_report(name, G, target, one, top, max_paths, kinds, support, where)
    if name == "impact" and target is not None and not isinstance(target, str):
        return Report(name, name, analysis.impact(G, list(target), support=support))
    if target is not None and one is None:
        raise InputError(f"the {name} report takes one TARGET")
    target = one
    if name in ("chains", "evidence"):
        ev = evaluate(G, support=support)
        explained = explain_all(G, evaluation=ev)
        if name == "chains":
            tree = analysis.argument_tree(G, _need(name, target), depth=depth, labels=ev.labels, explained=explained)
            root = tree["target"]["id"]
            chains: ChainsReport = {
                **tree,
                "explanation": cast(Explanation, explained[root]),
                "verdict": cast(Verdict, verdict(G, root, evaluation=ev)),
            }
            return Report(name, name, chains)
        base = analysis.evidence_base(
            G, _need(name, target), max_paths=max_paths, labels=ev.labels, explained=explained, source=source
        )
        base["verdict"] = cast(Verdict, verdict(G, base["target"]["id"], evaluation=ev))
        return Report(name, name, base)
    if name == "impact" and target is not None:
        return Report(name, name, analysis.impact(G, target, support=support))
    if name not in REPORTS:
        raise InputError(f"no report named {name!r}: choose one of {', '.join(sorted({*TARGET_REPORTS, *REPORTS}))}")
    if name == "overview":
        return Report(name, name, analysis.overview(G, top=(top or 10**9) if top is not None else OVERVIEW_TOP, support=support))
    rows = DEFAULT_TOP if top is None else (top or None)
    data: ReportData
    layout = name
    if name == "contested":
        data = {"contested": analysis.contested(G)}
    elif name == "unsupported":
        data = {
            "unsupported": analysis.unsupported(G, kind=kind),
            "single_source": analysis.single_source(G),
            "circular": analysis.circular_support(G),
        }
    elif name == "impact":
        data = {"load_bearing": analysis.load_bearing(G, support=support, progress=progress)}
        layout = "load_bearing"
    elif name == "actors":
        data = {"stances": analysis.stance_matrix(G), "coalitions": analysis.coalitions(G)}
    elif name == "tensions":
        data = {"tensions": analysis.tensions(G)}
    else:
        data = {"figures": analysis.disagreeing_figures(G), "families": analysis.figure_families(G)}
    return Report(name, layout, data, rows)


def _ask_report(
    name: str,
    G: nx.MultiDiGraph,
    target: str | Sequence[str] | None,
    one: str | None,
    top: int | None,
    max_paths: int,
    kinds: Sequence[str] | None,
    support: Support,
    where: str | None = None,
) -> Report:
    rows = DEFAULT_TOP if top is None else (top or None)
    data: ReportData
    if name == "actor":
        if target is None:
            raise InputError("the actor report needs an ACTOR")
        data = {"actors": [analysis.actor_record(G, t) for t in ([target] if isinstance(target, str) else target)]}
    elif name == "timeline":
        if target is not None and one is None:
            raise InputError("a timeline is about one TARGET (or the whole debate)")
        data = analysis.timeline(G, one, kinds=list(kinds) if kinds else None, where=where)
        rows = None if top is None else (top or None)
    else:
        if one is None:
            raise InputError(f"the {name} report needs one TARGET: a policy, claim or evidence item")
        data = (
            analysis.evidence_against(G, one)
            if name == "evidence-against"
            else analysis.evidence_both(G, one, max_paths=max_paths, labels=grounded_labels(G, support=support))
        )
    return Report(name, name, data, rows)


def document(report: Report) -> Doc:
    """The headings, paragraphs, tables and trees that text and Markdown show for ``report``."""
    return _DOCS[report.layout](report)


def render(report: Report, fmt: str) -> str:
    """``report`` as ``json`` (:meth:`Report.to_json`), ``md`` (Markdown) or ``text`` (plain, no colour)."""
    if fmt == "json":
        return report.to_json()
    if fmt == "md":
        return to_markdown(document(report))
    if fmt == "text":
        return to_text(document(report))
    raise InputError(f"no report format {fmt!r}: choose one of {', '.join(FORMATS)}")


def print_report(report: Report, console: Console) -> None:
    """Print ``report`` on a rich console, in colour (the ``text`` rendering)."""
    print_doc(document(report), console)


# --- asking it the way people ask (issue 15): search, an actor's record, a timeline ---


def search_doc(data: SearchResult, top: int | None = None) -> Doc:
    """The hits of :func:`graph.search.search`, best first, each with what matched."""
    q = data["query"]
    doc = Doc(f"Search: {q}")
    hits = data["hits"]
    if not hits:
        doc.para("Nothing matches: no label, alias, quote or note holds these words.")
        return doc
    if data["partial"]:
        doc.para("No text holds every word; these hold some of them.")
    shown = hits[:top] if top else hits
    lines = []
    for i, h in enumerate(shown, 1):
        n = h["node"]
        line = f"{i}. {n['kind']}: {_ref(n)}"
        if h["field"] != "label":
            where = f" ({_c(h['source'])})" if h["source"] else ""
            line += f"\n{h['field']}: “{h['text']}”{where}"
        lines.append(line)
    doc.bullets(lines)
    more = data["total"] - len(shown)
    if more > 0:
        doc.para(f"… {more} more (use --top 0 for all).")
    return doc


def _stance_text(s: StanceRow) -> str:
    how = f" ({', '.join(s['how'])})" if s["how"] else ""
    status = ", ".join(s["status"]) or "no status given"
    when = f"; dated {s['date']}" if s["date"] else ""
    said = f"; stance dated {', '.join(s['stance_dates'])}" if s["stance_dates"] else ""
    return f"{_ref(s['policy'])}{how} — status: {status}{when}{said} ({_srcs(s['sources'])})"


def actor_doc(data: ActorRecord, top: int | None = None) -> Doc:
    """An actor's record from :func:`graph.analysis.record.actor_record`."""
    a = data["actor"]
    doc = Doc(f"Actor: {_ref(a)}")
    facts = []
    if data["types"]:
        facts.append(", ".join(data["types"]))
    if data["aliases"]:
        facts.append("also called " + ", ".join(f"“{x}”" for x in data["aliases"]))
    facts.append(f"in {_srcs(data['sources'])}")
    doc.para("; ".join(facts) + ".")
    for note in data["notes"]:
        doc.para(f"Note: {note}")

    def cut(rows: list[Any]) -> list[Any]:
        return rows[:top] if top else rows

    asserts = data["asserts"]
    doc.heading(f"Asserts ({len(asserts)})")
    if asserts:
        items = []
        for r in cut(asserts):
            line = f"{r['node']['kind']}: {_ref(r['node'])} ({_srcs(r['sources'])})"
            if r["quote"]:
                line += "\n" + _cited(r["quote"])
            rel = [f"supports {_c(x['id'])}" for x in r["supports"]] + [f"attacks {_c(x['id'])}" for x in r["attacks"]]
            if rel:
                line += "\n" + "; ".join(rel)
            items.append(line)
        doc.bullets(items)
        if len(asserts) > len(cut(asserts)):
            doc.para(f"… {len(asserts) - len(cut(asserts))} more (use --top 0 for all).")
    else:
        doc.para("Nothing: the graph records no claim or evidence this actor asserts.")
    for side, title in (("advocates", "Backs"), ("both", "Both backs and opposes"), ("opposes", "Opposes")):
        rows = [s for s in data["stances"] if s["stance"] == side]
        if not rows and side == "both":
            continue
        doc.heading(f"{title} ({len(rows)})")
        if rows:
            doc.bullets(_stance_text(s) for s in cut(rows))
            if len(rows) > len(cut(rows)):
                doc.para(f"… {len(rows) - len(cut(rows))} more (use --top 0 for all).")
        else:
            doc.para("None recorded.")
    ts = data["tensions"]
    doc.heading(f"Tensions ({len(ts)})")
    if ts:
        doc.bullets(
            f"backs {_ref(t['policy'])} and {_ref(t['undermined'])}, but {t['explanation']} "
            f"({_srcs(s for h in t['path'] for s in h['sources'])})"
            for t in ts
        )
    else:
        doc.para("None: the graph holds no argument that one of the policies this actor backs undermines another.")
    c = data["coalition"]
    doc.heading("Coalition")
    if c:
        others = [x for x in c["actors"] if x["id"] != a["id"]]
        doc.para(f"With {len(others)} other actor(s): " + ", ".join(_ref(x) for x in others) + ".")
        shared = [p for p in c["positions"] if a["id"] in p["actors"] and len(p["actors"]) > 1]
        if shared:
            doc.bullets(
                f"{p['stance']} {_ref(p['policy'])} — with "
                + ", ".join(x["label"] for x in c["actors"] if x["id"] in p["actors"] and x["id"] != a["id"])
                for p in cut(shared)
            )
    else:
        doc.para("In no coalition (see `pag report actors` for how coalitions are found).")
    return doc


def timeline_doc(data: Timeline, top: int | None = None) -> Doc:
    """The entries of :func:`graph.analysis.timeline.timeline`, in date order."""
    f = data["focus"]
    doc = Doc(f"Timeline: {_ref(f)}" if f else "Timeline of the debate")
    entries = data["entries"]
    doc.para(
        f"{len(entries)} dated entr{'y' if len(entries) == 1 else 'ies'}, dates as precise as the sources give them "
        f"(“about” = a year read from a figure's period); {data['undated']} undated policy, stance or evidence item(s) not shown."
    )
    shown = entries[:top] if top else entries
    lines = []
    for e in shown:
        who = f"{e['actor']['label']} ({_c(e['actor']['id'])}) " if e["actor"] else ""
        if e["kind"] == "stance":
            text = f"{e['date']} — stance: {who}{e['what']} {_ref(e['node'])}"
            if e["date_from"] == "policy":
                text += " (dated by the policy)"
        else:
            text = f"{e['date']} — {e['kind']}: {_ref(e['node'])} — {e['what']}"
        lines.append(text + f" ({_srcs(e['sources'])})")
    doc.bullets(lines, empty="Nothing dated.")
    if len(shown) < len(entries):
        doc.para(f"… {len(entries) - len(shown)} more (use --top 0 for all).")
    return doc


def timeline_csv(data: Timeline) -> str:
    """The timeline as CSV: one row per entry (for spreadsheets and plots)."""
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["date", "precision", "year", "kind", "id", "label", "actor", "detail", "date_from", "sources", "quote"])
    for e in data["entries"]:
        w.writerow(
            [
                e["date"], e["precision"], e["key"][0], e["kind"], e["node"]["id"], e["node"]["label"],
                e["actor"]["id"] if e["actor"] else "", e["what"], e["date_from"], " ".join(e["sources"]),
                e["quote"]["quote"] if e["quote"] else "",
            ]
        )  # fmt: skip
    return buf.getvalue()


def _fig(r: Mapping[str, Any]) -> str:
    return f" = {_num(r['value'])} {r['unit'] or ''}".rstrip() if r.get("value") is not None else ""


def _against_items(rows: list[AgainstRow]) -> list[str]:
    out = []
    for r in rows:
        steps = " ".join(
            (f"{_c(h['from'])} " if i == 0 else "") + f"{h['relation']} {_c(h['to'])}" for i, h in enumerate(r["hops"])
        )
        stated = "; ".join(f"{h['relation']}: {_srcs(h['sources'])}" for h in r["hops"])
        line = f"[{r['distance']} step{'s' if r['distance'] != 1 else ''}] {_ref(r['evidence'])}{_fig(r)}"
        if r["quote"]:
            line += "\n" + _cited(r["quote"])
        line += f"\n{steps} (stated in {stated})"
        out.append(line)
    return out


def against_doc(data: EvidenceAgainst, top: int | None = None) -> Doc:
    """Evidence against a node (:func:`graph.analysis.against.evidence_against`), most direct first."""
    t = data["target"]
    doc = Doc(f"Evidence against: {_ref(t)}")
    rows = data["against"]
    direct = sum(1 for r in rows if r["distance"] == 1)
    doc.para(
        f"{len(rows)} evidence item(s) bear against it ({direct} attack it directly), ranked by how directly: "
        "the steps from the item to it (supports … attacks … supports)."
        if rows
        else "Nothing: no evidence item supports an attack on it or on an argument for it."
    )
    shown = rows[:top] if top else rows
    doc.bullets(_against_items(shown))
    if len(shown) < len(rows):
        doc.para(f"… {len(rows) - len(shown)} more (use --top 0 for all).")
    return doc


def both_doc(data: EvidenceBoth, top: int | None = None) -> Doc:
    """Evidence for and against side by side (:func:`graph.analysis.against.evidence_both`)."""
    t = data["target"]
    doc = Doc(f"Evidence for and against: {_ref(t)}")
    pro, con = data["for"], data["against"]
    doc.para(
        f"{len(pro)} item(s) for, {len(con)} against; each side ranked by how directly the item bears on it "
        "(steps of its shortest path)."
    )
    doc.heading(f"For ({len(pro)})")
    shown = pro[:top] if top else pro
    items = []
    for r in shown:
        p = min(r["paths"], key=lambda x: len(x["nodes"])) if r["paths"] else None
        line = f"[{r['distance']} step{'s' if r['distance'] != 1 else ''}] {_ref(r['evidence'])}{_fig(r)}{_badge(r['acceptability'])}"
        if r["attacked"]:
            line += " ⚠ attacked on the way"
        if r["quote"]:
            line += "\n" + _cited(r["quote"])
        if p:
            line += "\n" + " supports ".join(_c(n) for n in p["nodes"]) + f" (stated in {_srcs(s for h in p['hops'] for s in h['sources'])})"
        items.append(line)
    doc.bullets(items, empty="Nothing: no evidence item has a supports path to it.")
    if len(shown) < len(pro):
        doc.para(f"… {len(pro) - len(shown)} more for (use --top 0 for all).")
    doc.heading(f"Against ({len(con)})")
    shown_con = con[:top] if top else con
    doc.bullets(_against_items(shown_con), empty="Nothing: no evidence item supports an attack on it or on an argument for it.")
    if len(shown_con) < len(con):
        doc.para(f"… {len(con) - len(shown_con)} more against (use --top 0 for all).")
    return doc
