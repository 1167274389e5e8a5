"""Argdown in and out: the common syntax of https://argdown.org.

Read
    ``[Title]: text`` statements, ``<Title>: text`` arguments, untitled
    statements (any other paragraph, named ``Untitled N`` as Argdown does),
    references (``[Title]`` / ``<Title>`` alone), relations nested by
    indentation (``+``/``<+`` support, ``-``/``<-`` attack, ``<_``/``_``
    undercut, and the outgoing ``+>``, ``->``, ``_>``; ``><`` contradiction,
    written as ``pag:rebuts`` both ways),
    ``#tags`` and ``#(long tags)``, ``{key: value}`` data, a YAML front matter
    between ``===`` lines, comments (``//``, ``/* */``, ``<!-- -->``),
    headings, and premise–conclusion structures (``(1) …``, ``--`` inference
    lines, with the rule between ``--`` lines).

    Statements become ``pag:Claim``, arguments ``pag:Argument`` (a kind of
    claim); a statement's title is its ``dcterms:title``, its text the
    ``pag:quote``; relations become ``pag:supports`` / ``pag:attacks`` /
    ``pag:undercuts``; each inference step of a premise–conclusion structure
    a ``pag:Inference`` with ``pag:premise``, ``pag:conclusion`` and
    ``pag:argument``. A ``{kind: evidence|policy}`` data key sets the class.

Write
    :func:`to_argdown` writes each policy's argument tree as nested ``+``/``-``
    relations (then the claims no policy reaches), every node's sources and
    kind as ``{…}`` data, every relation once.

Examples
--------
>>> doc = parse_argdown('''
... [Legal]: Soft drugs should be legal. #pro
...   + <No harm>: It harms nobody else.
...   - <Harmful>: Soft drugs are harmful.
... ''')
>>> sorted(doc.statements), sorted(doc.arguments)
(['Legal'], ['Harmful', 'No harm'])
>>> doc.relations
[('No harm', 'support', 'Legal'), ('Harmful', 'attack', 'Legal')]
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import DCTERMS, RDF, RDFS, Literal, URIRef
from rdflib.term import Node

from graph.errors import InputError, ParseError
from graph.interop._common import ID, ImportSummary, Quad, json_literal, nquads, slug, unique_slug
from graph.limits import check_text, load_yaml
from graph.namespace import PAG
from graph.stores import Store
from graph.vocab import ARGUMENT, RELATIONS

__all__ = ["ArgdownDoc", "Element", "argdown_to_quads", "import_argdown", "parse_argdown", "to_argdown"]

_MARKERS = [("<+", "in", "support"), ("+>", "out", "support"), ("<-", "in", "attack"), ("->", "out", "attack"),
            ("<_", "in", "undercut"), ("_>", "out", "undercut"), ("><", "out", "contradictory"),
            ("+", "in", "support"), ("-", "in", "attack"), ("_", "in", "undercut")]  # fmt: skip
_RELATION_LINE = re.compile(r"^(\s*)(<\+|\+>|<-|->|<_|_>|><|\+|-|_)\s+(\S.*)$")
_PCS_LINE = re.compile(r"^\s*\((\d+)\)\s+(.*)$")
_INFERENCE = re.compile(r"^\s*-{2,}\s*$|^\s*-{2,}\s*(\S.*?)\s*-{2,}\s*$")
_HEADING = re.compile(r"^#{1,6}\s+\S")
_DEF = re.compile(r"^\s*(\[([^\[\]]+)\]|<([^<>]+)>)(:\s*(.*))?$", re.S)
_TAG = re.compile(r"(?<![\w&])#(\(([^()]+)\)|([\w-]+))")
_DATA = re.compile(r"\s*(\{[^{}]*(\{[^{}]*\}[^{}]*)*\})\s*$", re.S)


@dataclass
class Element:
    """A statement or an argument: its title, text (first definition), tags and data."""

    title: str
    is_argument: bool
    text: str = ""
    titled: bool = True
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class ArgdownDoc:
    """A parsed Argdown document (titles are keys)."""

    statements: dict[str, Element] = field(default_factory=dict)
    arguments: dict[str, Element] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    #: argument title -> inference steps ``(premises, conclusion, rule)``
    inferences: dict[str, list[tuple[list[str], str, str]]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# parsing


def _strip_comments(text: str) -> str:
    out = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\x00" + "\n\x00" * text.count("\n", i, j))
            i = j
        elif text.startswith("<!--", i):
            j = text.find("-->", i + 4)
            j = n if j < 0 else j + 3
            out.append("\x00" + "\n\x00" * text.count("\n", i, j))
            i = j
        elif text.startswith("//", i) and (i == 0 or text[i - 1] in " \t\n"):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append("\x00")
            i = j
        else:
            out.append(text[i])
            i += 1
    kept = []
    for line in "".join(out).split("\n"):
        if "\x00" in line and not line.replace("\x00", "").strip():
            continue  # a line that held only a comment disappears
        kept.append(line.replace("\x00", ""))
    return "\n".join(kept)


def _clean(text: str) -> str:
    text = re.sub(r"\[([^\[\]]+)\]\(([^()]*)\)", r"\1", text)  # links
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    return " ".join(text.split())


def parse_argdown(source: str, *, file: str = "<argdown>") -> ArgdownDoc:
    """Parse Argdown text into statements, arguments, relations and inferences.

    Raises
    ------
    ParseError
        bad YAML front matter or data, naming the line.
    """
    check_text(source, file)
    doc = ArgdownDoc()
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # front matter
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None and lines[first].strip().startswith("==="):
        end = next((j for j in range(first + 1, len(lines)) if lines[j].strip().startswith("===")), None)
        if end is None:
            raise ParseError("front matter opened with === is never closed", file=file, line=first + 1)
        try:
            meta = load_yaml("\n".join(lines[first + 1 : end]), file) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise ParseError(f"bad YAML front matter: {getattr(exc, 'problem', exc)}", file=file,
                             line=first + 2 + (mark.line if mark else 0)) from None  # fmt: skip
        doc.meta = meta if isinstance(meta, dict) else {"data": meta}
        lines = [""] * (end + 1) + lines[end + 1 :]
    lines = _strip_comments("\n".join(lines)).split("\n")

    untitled = 0
    last_argument: str | None = None

    def element(raw: str, lineno: int) -> str:
        """Register the element a block of text defines or names; its key (title)."""
        nonlocal untitled
        raw = raw.strip()
        data: dict[str, Any] = {}
        m_data = _DATA.search(raw)
        if m_data:
            try:
                loaded = load_yaml(m_data.group(1), file)
            except yaml.YAMLError as exc:
                raise ParseError(f"bad {{data}}: {getattr(exc, 'problem', exc)}", file=file, line=lineno) from None
            if isinstance(loaded, dict):
                data = loaded
                raw = raw[: m_data.start()].rstrip()
        m = _DEF.match(raw)
        if m:
            is_arg = m.group(3) is not None
            title = (m.group(3) if is_arg else m.group(2)).strip()
            body = m.group(5) or ""
        else:
            untitled += 1
            is_arg, title, body = False, f"Untitled {untitled}", raw
        table = doc.arguments if is_arg else doc.statements
        el = table.get(title)
        if el is None:
            el = table[title] = Element(title=title, is_argument=is_arg, titled=bool(m))
        body_clean = _clean(body)
        if body_clean and not el.text:
            el.text = body_clean
        for t in _TAG.finditer(re.sub(r"\[([^\[\]]+)\]\(([^()]*)\)", r"\1", body)):
            tag = (t.group(2) or t.group(3)).strip()
            if tag not in el.tags:
                el.tags.append(tag)
        el.data.update(data)
        return ("<" if is_arg else "[") + title

    # blocks: paragraphs separated by blank lines
    blocks: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    for i, ln in enumerate(lines, start=1):
        if not ln.strip():
            if cur:
                blocks.append(cur)
                cur = []
            continue
        cur.append((i, ln))
    if cur:
        blocks.append(cur)

    pcs: dict[str, Any] | None = None  # the premise–conclusion structure being read

    def close_pcs() -> None:
        nonlocal pcs
        if pcs and pcs["steps"]:
            doc.inferences.setdefault(pcs["argument"], []).extend(pcs["steps"])
        pcs = None

    for block in blocks:
        # split the block into items: (indent, marker, text, first line)
        items: list[list[Any]] = []
        for lineno, ln in block:
            if _HEADING.match(ln) and not items:
                continue
            m_rel = _RELATION_LINE.match(ln)
            m_pcs = _PCS_LINE.match(ln)
            m_inf = _INFERENCE.match(ln)
            if m_inf and m_inf.group(1):  # -- rule on one line --
                items.append([0, "--", m_inf.group(1), lineno])
                items.append([0, "--", "", lineno])
            elif m_inf:
                items.append([0, "--", "", lineno])
            elif m_pcs:
                items.append([0, "(", m_pcs.group(2), lineno])
            elif m_rel and (items or len(m_rel.group(1)) > 0):
                items.append([len(m_rel.group(1)), m_rel.group(2), m_rel.group(3), lineno])
            elif items:
                items[-1][2] += " " + ln.strip()  # a continuation line (or an inference rule)
            else:
                items.append([-1, None, ln.strip(), lineno])
        if not items:
            continue
        if items[0][1] not in ("(", "--"):
            close_pcs()
        stack: list[tuple[int, str]] = []
        for indent, marker, body, lineno in items:
            if marker == "--":
                if pcs is None:
                    pcs = _new_pcs(doc, last_argument)
                    last_argument = pcs["argument"]
                if not pcs["pending"]:
                    pcs["rule"] = _clean(_DATA.sub("", body))
                    pcs["pending"] = True
                continue
            if marker == "(":
                if pcs is None:
                    pcs = _new_pcs(doc, last_argument)
                    last_argument = pcs["argument"]
                key = element(body, lineno)
                title = key[1:]
                if pcs.get("pending"):
                    pcs["steps"].append((list(pcs["premises"]), title, pcs.get("rule", "")))
                    pcs["premises"] = [title]
                    pcs["pending"] = False
                else:
                    pcs["premises"].append(title)
                stack = [(0, key)]
                continue
            if marker is None:
                key = element(body, lineno)
                if key.startswith("<"):
                    last_argument = key[1:]
                    close_pcs()
                stack = [(-1, key)]
                continue
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if not stack:
                raise ParseError(f"relation {marker!r} has nothing above it to relate to", file=file, line=lineno)
            parent = stack[-1][1]
            key = element(body, lineno)
            direction, kind = next((d, k) for mk, d, k in _MARKERS if mk == marker)
            if direction == "in":
                doc.relations.append((key[1:], kind, parent[1:]))
            else:
                doc.relations.append((parent[1:], kind, key[1:]))
            stack.append((indent, key))
    close_pcs()
    return doc


def _new_pcs(doc: ArgdownDoc, last_argument: str | None) -> dict[str, Any]:
    title = last_argument
    if title is None:
        title = f"Untitled argument {len(doc.inferences) + 1}"
        doc.arguments.setdefault(title, Element(title=title, is_argument=True, titled=False))
    return {"argument": title, "premises": [], "steps": [], "pending": False}


# ---------------------------------------------------------------------------
# to RDF


def argdown_to_quads(doc: ArgdownDoc, name: str, summary: ImportSummary, *, file: str | None = None) -> list[Quad]:
    """The quads of one parsed Argdown document, in its own named graph."""
    file = file or name
    src = URIRef(f"{ID['source']}argdown-{name}")
    quads: list[Quad] = []

    def add(s: Node, p: URIRef, o: Node) -> None:
        quads.append((s, p, o, src))

    title = str(doc.meta.get("title") or f"Argdown document {name}")
    add(src, RDF.type, PAG.Source)
    add(src, RDFS.label, Literal(title))
    add(src, DCTERMS.title, Literal(title))
    add(src, DCTERMS.source, Literal(Path(file).name))
    add(src, DCTERMS.format, Literal("Argdown"))
    if doc.meta.get("author"):
        add(src, DCTERMS.creator, Literal(str(doc.meta["author"])))
    if doc.meta.get("date"):
        add(src, PAG.dateNote, Literal(str(doc.meta["date"])))
    rest = {k: v for k, v in doc.meta.items() if k not in ("title", "author", "date")}
    if rest:
        add(src, PAG.extra, json_literal(json.loads(json.dumps(rest, default=str))))

    iris: dict[tuple[bool, str], URIRef] = {}
    used: set[str] = set()
    for el in [*doc.statements.values(), *doc.arguments.values()]:
        base = ("arg-" if el.is_argument else "") + (slug(el.title) or "x")
        key, k = base, 1
        while key in used:
            k += 1
            key = f"{base}-{k}"
        used.add(key)
        node = URIRef(f"{ID['claim']}argdown-{name}-{key}")
        iris[(el.is_argument, el.title)] = node
        kind = str(el.data.get("kind", "")).lower()
        cls = {"evidence": PAG.Evidence, "policy": PAG.Policy}.get(kind)
        add(node, RDF.type, cls or (PAG.Argument if el.is_argument else PAG.Claim))
        if el.is_argument:
            add(node, RDF.type, PAG.Claim)
        label = el.title if el.titled else (el.text or el.title)
        add(node, RDFS.label, Literal(label))
        if el.titled:
            add(node, DCTERMS.title, Literal(el.title))
        quote = el.text or (el.title if el.titled else "")
        if quote:
            add(node, PAG.quote, Literal(quote))
        add(node, PAG.source, src)
        for t in el.tags:
            add(node, PAG.tag, Literal(t))
        data = {k: v for k, v in el.data.items() if k not in ("kind", "sources")}
        if data:
            add(node, PAG.extra, json_literal(json.loads(json.dumps({"data": data}, default=str))))
        summary.nodes["argument" if el.is_argument else "statement"] += 1
        summary.nodes_read += 1

    def lookup(title: str) -> URIRef:
        return iris.get((False, title)) or iris[(True, title)]

    preds = {"support": PAG.supports, "attack": PAG.attacks, "undercut": PAG.undercuts, "contradictory": PAG.rebuts}
    seen: set[tuple[str, str, str]] = set()
    for a, kind, b in doc.relations:
        summary.edges_read += 1
        if (a, kind, b) in seen:
            summary.skip(file, "relation", f"{a} {kind} {b}", "stated more than once (kept once)")
            continue
        seen.add((a, kind, b))
        add(lookup(a), preds[kind], lookup(b))
        if kind == "contradictory":  # symmetric: each rebuts the other
            add(lookup(b), preds[kind], lookup(a))
        summary.edges += 1
        summary.relations[{"support": "supports", "attack": "attacks", "undercut": "undercuts"}.get(kind, "contradicts")] += 1
    for arg, steps in doc.inferences.items():
        for k, (premises, conclusion, rule) in enumerate(steps, start=1):
            inf = URIRef(f"{ID['argdown']}{name}/{slug(arg) or 'argument'}-{k}")
            add(inf, RDF.type, PAG.Inference)
            add(inf, RDF.type, PAG.AifNode)
            add(inf, PAG.aifType, Literal("RA"))
            add(inf, RDFS.label, Literal(rule or f"Inference {k} of {arg}"))
            if rule:
                add(inf, PAG.scheme, Literal(rule))
            add(inf, PAG.argument, iris[(True, arg)])
            add(inf, PAG.source, src)
            for p in premises:
                add(inf, PAG.premise, lookup(p))
                add(lookup(p), PAG.supports, lookup(conclusion))
            add(inf, PAG.conclusion, lookup(conclusion))
            summary.relations["inference steps"] += 1
    summary.maps += 1
    summary.graphs.append(str(src))
    return list(dict.fromkeys(quads))


def import_argdown(paths: Iterable[Path], store: Store) -> ImportSummary:
    """Import Argdown files into ``store``, one named graph per file."""
    summary = ImportSummary("argdown")
    names: set[str] = set()
    paths = list(paths)
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    for path in paths:
        summary.files += 1
        name = unique_slug(path.stem, names, default="document")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            summary.failed.append({"file": str(path), "error": f"{path}: cannot read as UTF-8 text: {exc}"})
            continue
        try:
            doc = parse_argdown(text, file=str(path))
            part = ImportSummary("argdown")
            quads = argdown_to_quads(doc, name, part, file=str(path))
        except ParseError as exc:
            summary.failed.append({"file": str(path), "error": str(exc)})
            continue
        names.add(name)
        summary.statements += store.load_text(nquads(quads), "nquads")
        summary.maps += part.maps
        summary.nodes.update(part.nodes)
        summary.nodes_read += part.nodes_read
        summary.edges += part.edges
        summary.edges_read += part.edges_read
        summary.relations.update(part.relations)
        summary.skipped_items.extend(part.skipped_items)
        summary.graphs.extend(part.graphs)
    return summary


# ---------------------------------------------------------------------------
# writing


_P = str(PAG)
#: Argdown's relation symbol for each argument predicate (an undercut has its own)
_ARG_PREDS = {p: "+" if r == "supports" else "-" for p, r in RELATIONS.items() if r in ARGUMENT}
_ARG_PREDS[str(PAG.undercuts)] = "_"


def _safe_title(text: str) -> str:
    return " ".join(re.sub(r"[\[\]<>{}]", "", text).split())[:120] or "untitled"


def _yaml_value(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def to_argdown(quads: Iterable[tuple[Node, Node, Node, Node | None]], *, title: str = "Policy Argument Graph") -> str:
    """A readable Argdown document of the argument graph.

    Policies come first, each with the tree of claims and evidence that
    support (``+``) or attack (``-``) it, nested; then the trees of the
    claims no policy reaches. Each node is defined once (later mentions are
    references) and every supports/attacks relation is written once; a
    node's kind and sources are ``{…}`` data.
    """
    types: dict[Node, set[str]] = defaultdict(set)
    single: dict[tuple[Node, str], list[str]] = defaultdict(list)
    sources: dict[Node, set[str]] = defaultdict(set)
    incoming: dict[Node, list[tuple[str, Node]]] = defaultdict(list)
    outgoing: dict[Node, int] = defaultdict(int)
    inf_arg: dict[Node, Node] = {}
    inf_prem: dict[Node, set[Node]] = defaultdict(set)
    inf_concl: dict[Node, Node] = {}
    inf_rule: dict[Node, str] = {}
    for s, p, o, _g in quads:
        ps = str(p)
        if p == PAG.argument:
            inf_arg[s] = o
        elif p == PAG.premise:
            inf_prem[s].add(o)
        elif p == PAG.conclusion:
            inf_concl[s] = o
        elif p == PAG.scheme:
            inf_rule[s] = str(o)
        if p == RDF.type and str(o).startswith(_P):
            types[s].add(str(o)[len(_P) :])
        elif ps in _ARG_PREDS:
            incoming[o].append((_ARG_PREDS[ps], s))
            outgoing[s] += 1
        elif ps == _P + "source":
            sources[s].add(str(o))
        elif p in (RDFS.label, DCTERMS.title, PAG.quote, PAG.tag):
            single[(s, str(p))].append(str(o))
    titles_of_sources = {s: sorted(single.get((s, str(DCTERMS.title)), []))[:1] for s in types if "Source" in types[s]}

    def kind(n: Node) -> str:
        t = types.get(n, set())
        for k in ("Policy", "Evidence", "Argument", "Claim"):
            if k in t:
                return k.lower()
        return "claim"

    nodes = [n for n in types if types[n] & {"Claim", "Evidence", "Policy"}]
    nodes += [n for n in incoming if n not in types]
    title_of: dict[Node, str] = {}
    taken: set[str] = set()
    for n in sorted(nodes, key=str):
        base = _safe_title((sorted(single.get((n, str(DCTERMS.title)), [])) or sorted(single.get((n, str(RDFS.label)), [])) or [str(n).rsplit("/", 1)[-1]])[0])
        t, k = base, 1
        while t.casefold() in taken:
            k += 1
            t = f"{base} ({k})"
        taken.add(t.casefold())
        title_of[n] = t

    # premise–conclusion structures of Argdown arguments are written as such,
    # not as the supports they imply
    steps: dict[Node, list[Node]] = defaultdict(list)
    for inf, arg in inf_arg.items():
        if inf in inf_concl and arg in title_of and inf_concl[inf] in title_of and all(x in title_of for x in inf_prem[inf]):
            steps[arg].append(inf)
    pcs_pairs = {(p, inf_concl[i]) for infs in steps.values() for i in infs for p in inf_prem[i]}
    pcs_count: dict[Node, int] = defaultdict(int)
    for infs in steps.values():
        for x in {x for i in infs for x in (*inf_prem[i], inf_concl[i])}:
            pcs_count[x] += 1
    for n in list(incoming):
        incoming[n] = [(m, c) for m, c in incoming[n] if not (m == "+" and (c, n) in pcs_pairs)]
    for p_, _c in pcs_pairs:
        outgoing[p_] -= 1

    # untitled statements written once are written as plain text, as Argdown has them
    inline = {
        n for n in nodes
        if not single.get((n, str(DCTERMS.title))) and kind(n) == "claim"
        and len(incoming.get(n, [])) + outgoing.get(n, 0) + pcs_count.get(n, 0) <= 1
        and single.get((n, _P + "quote")) and not sorted(single[(n, _P + "quote")])[0].lstrip().startswith(("[", "<", "("))
        and sorted(single[(n, _P + "quote")])[0] == sorted(single.get((n, str(RDFS.label)), [""]))[0]
    }

    def ref(n: Node) -> str:
        return f"<{title_of[n]}>" if kind(n) == "argument" else f"[{title_of[n]}]"

    defined: set[Node] = set()

    def definition(n: Node) -> str:
        if n in defined:
            return ref(n)
        defined.add(n)
        quotes = sorted(single.get((n, _P + "quote"), []))
        text = " ".join(quotes[0].split()) if quotes else ""
        if text == title_of[n] and kind(n) == "argument":
            text = ""
        data: dict[str, Any] = {}
        if kind(n) in ("policy", "evidence"):
            data["kind"] = kind(n)
        srcs = sorted(sources.get(n, set()))
        if srcs:
            data["sources"] = [(titles_of_sources.get(URIRef(s)) or [s])[0] for s in srcs]
        tags = "".join(
            f" #({t})" for t in sorted(single.get((n, _P + "tag"), [])) if f"#{t}" not in text and f"#({t})" not in text
        )
        data_text = (" {" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in data.items()) + "}") if data else ""
        if n in inline and text:
            return f"{text}{tags}{data_text}"
        body = f": {text}" if text else ""
        return f"{ref(n)}{body}{tags}{data_text}"

    lines = ["===", f"title: {_yaml_value(title)}", "generator: pag (Policy Argument Graph)", "==="]
    done_edges: set[tuple[Node, str, Node]] = set()
    expanded: set[Node] = set()

    def tree(n: Node, depth: int) -> None:
        if n in expanded:
            return
        expanded.add(n)
        for mark, child in sorted(incoming.get(n, []), key=lambda x: (x[0], title_of.get(x[1], ""))):
            if (child, mark, n) in done_edges or child not in title_of:
                continue
            done_edges.add((child, mark, n))
            marker = {"+": "+", "-": "-", "_": "<_"}[mark]
            lines.append("    " * depth + f"{marker} {definition(child)}")
            if child not in expanded:
                tree(child, depth + 1)

    policies = sorted((n for n in nodes if kind(n) == "policy"), key=lambda n: title_of[n])
    roots = policies + sorted((n for n in nodes if kind(n) != "policy" and outgoing.get(n, 0) == 0), key=lambda n: title_of[n])
    roots += sorted((n for n in nodes if n not in roots), key=lambda n: title_of[n])
    for r in roots:
        if r in expanded or (pcs_count.get(r) and not incoming.get(r) and outgoing.get(r, 0) <= 0):
            continue  # written in its premise–conclusion structure
        if r in defined and not incoming.get(r):
            continue
        lines.append("")
        lines.append(definition(r))
        tree(r, 1)
    # relations whose target was already expanded elsewhere
    for n in sorted(nodes, key=lambda n: title_of[n]):
        rest = [(m, c) for m, c in incoming.get(n, []) if (c, m, n) not in done_edges and c in title_of]
        if rest:
            lines.append("")
            lines.append(ref(n))
            for mark, child in sorted(rest, key=lambda x: (x[0], title_of[x[1]])):
                done_edges.add((child, mark, n))
                lines.append(f"    {({'+': '+', '-': '-', '_': '<_'})[mark]} {definition(child)}")
    for arg in sorted(steps, key=lambda a: title_of[a]):
        lines.append("")
        lines.append(definition(arg))
        lines.append("")
        todo = sorted(steps[arg], key=str)
        concluded: set[Node] = set()
        number = 0
        while todo:
            later = {inf_concl[i] for i in todo}
            ready = [i for i in todo if not (inf_prem[i] & (later - {inf_concl[i]}))] or todo[:1]
            inf = ready[0]
            todo.remove(inf)
            for prem in sorted(inf_prem[inf] - concluded, key=lambda x: title_of[x]):
                number += 1
                lines.append(f"({number}) {definition(prem)}")
            rule = inf_rule.get(inf, "")
            lines.append(f"-- {rule} --" if rule else "----")
            number += 1
            lines.append(f"({number}) {definition(inf_concl[inf])}")
            concluded.add(inf_concl[inf])
    return "\n".join(lines) + "\n"
