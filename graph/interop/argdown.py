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

import contextvars
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
from graph.stores.base import without_entailed
from graph.vocab import ARGUMENT, RELATIONS

__all__ = ["ArgdownDoc", "Element", "argdown_to_quads", "import_argdown", "parse_argdown", "to_argdown"]

_MARKERS = [("<+", "in", "support"), ("+>", "out", "support"), ("<-", "in", "attack"), ("->", "out", "attack"),
            ("<_", "in", "undercut"), ("_>", "out", "undercut"), ("><", "out", "contradictory"),
            ("+", "in", "support"), ("-", "in", "attack"), ("_", "in", "undercut")]  # fmt: skip
_RELATION_LINE = re.compile(r"^(\s*)(<\+|\+>|<-|->|<_|_>|><|\+|-|_)(?:\s+(\S.*))?\s*$")
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
    #: the relations with typed ends: ``[title`` a statement, ``<title`` an argument
    links: list[tuple[str, str, str]] = field(default_factory=list)
    #: argument title -> inference steps ``(premises, conclusion, rule)``
    inferences: dict[str, list[tuple[list[str], str, str]]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    #: attacks that pag's front matter marks as rebuttals ``(from, to)``
    rebuts: set[tuple[str, str]] = field(default_factory=set)


# ---------------------------------------------------------------------------
# parsing
#
# The steps follow Argdown's own lexer and model (``@argdown/core``), which the
# tests run as an oracle: escapes and comments are masked first; the text is
# cut into blocks at empty lines; each block into items (a heading, a list
# item, a top-level element, a relation, a numbered premise–conclusion line,
# an inference line) with their continuation lines; relations find their
# parent with Argdown's indentation stack; and the relations of reconstructed
# arguments are moved as Argdown's ModelPlugin moves them.

#: Argdown's logic shortcodes (``.A.`` or ``:A:`` for ∀ …), from @argdown/core's shortcodes
_SHORTCODES = {"A": "∀", "E": "∃", "O": "𝗢", "P": "𝗣", "->": "→", "<->": "↔", "~": "¬", "^": "∧",
               "v": "∨", "v_": "⊻", "<>": "◇", "[]": "◻"}  # fmt: skip
_SHORTCODE = re.compile(r"([.:])(" + "|".join(re.escape(k) for k in sorted(_SHORTCODES, key=len, reverse=True)) + r")\1")
#: an escaped character (``\\[``) is masked as a private-use character until the text is final
_ESCAPE = re.compile(r"\\(.)")
#: placeholder -> escaped character, for the text being parsed (placeholders are
#: private-use characters the text does not hold)
_MASKS: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar("argdown_masks", default=None)
_LIST_ITEM = re.compile(r"^(\s*)(\*|\d+\.)(?=\s)\s*(.*)$")
_HEADING_LINE = re.compile(r"^#+ ")


def _mask_escapes(text: str) -> str:
    """Replace each escaped character (``\\[``) by a placeholder no syntax rule matches."""
    present = set(text)
    table: dict[str, str] = {}
    placeholder: dict[str, str] = {}
    free = (chr(c) for c in range(0xF0000, 0x10FFFE) if chr(c) not in present)

    def mask(m: re.Match[str]) -> str:
        c = m.group(1)
        if c not in placeholder:
            placeholder[c] = next(free)
            table[placeholder[c]] = c
        return placeholder[c]

    masked = _ESCAPE.sub(mask, text)
    _MASKS.set(table)
    return masked


def _unmask(text: str) -> str:
    table = _MASKS.get()
    return "".join(table.get(c, c) for c in text) if table else text


def _front_matter(lines: list[str], file: str) -> tuple[dict[str, Any], list[str]]:
    """The YAML front matter between ``===`` lines, and the lines with it blanked out."""
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None or not lines[first].strip().startswith("==="):
        return {}, lines
    end = next((j for j in range(first + 1, len(lines)) if lines[j].strip().startswith("===")), None)
    if end is None:
        raise ParseError("front matter opened with === is never closed", file=file, line=first + 1)
    try:
        meta = load_yaml("\n".join(lines[first + 1 : end]), file) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ParseError(f"bad YAML front matter: {getattr(exc, 'problem', exc)}", file=file,
                         line=first + 2 + (mark.line if mark else 0)) from None  # fmt: skip
    return (meta if isinstance(meta, dict) else {"data": meta}), [""] * (end + 1) + lines[end + 1 :]


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


_END_AFTER = re.compile(r"[ \t]|(?=[\n\r)}_.,!?;:\-*]|$)")
_DATA_INSIDE = re.compile(r"\{[^{}]*(\{[^{}]*\}[^{}]*)*\}\s*\S")
_REFERENCE_IN_TEXT = re.compile(r"(?<!@)(\[[^-\n][^\n]*?\]|<[^-\n][^\n]*?>)")


def _markup(text: str) -> str:
    """Remove bold/italic markers as Argdown's lexer pairs them; raise ValueError on an unclosed range."""
    out: list[str] = []
    ranges: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c not in "*_":
            out.append(c)
            i += 1
            continue
        double = text.startswith(c * 2, i)
        after_space = i > 0 and text[i - 1] in " \t"
        for kind in ((c * 2, c) if double else (c,)):
            end = i + len(kind)
            if ranges and ranges[-1] == kind and not after_space and _END_AFTER.match(text, end):
                ranges.pop()
                i = end
                break
        else:
            kind = c * 2 if double else c
            if (i + len(kind) < n and not text[i + len(kind)].isspace()) or i + len(kind) >= n:
                ranges.append(kind)
            else:
                out.append(kind)
            i += len(kind)
    if ranges:
        what = "bold" if len(ranges[-1]) == 2 else "italic"
        raise ValueError(f"incomplete {what} text range: close it with {ranges[-1]!r}, or escape the character as \\{ranges[-1][0]}")
    return "".join(out)


def _clean(text: str) -> str:
    """The words of a statement as Argdown's model has them: markup, links and escapes resolved."""
    text = re.sub(r"\[([^\[\]]+)\]\(([^()]*)\)", r"\1", text)  # links
    text = _markup(text)
    text = _SHORTCODE.sub(lambda m: _SHORTCODES[m.group(2)], text)
    return _unmask(" ".join(text.split()))


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    """Paragraphs: runs of non-empty lines, each line with its number."""
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
    return blocks


@dataclass
class _Item:
    """One item of a block: ``kind`` is head, list, heading, relation, pcs or inference."""

    kind: str
    indent: int
    text: str
    line: int
    marker: str = ""


def _items(block: list[tuple[int, str]], file: str) -> list[_Item]:
    """Cut a block into items; a line that starts nothing continues the item before it."""
    items: list[_Item] = []
    for lineno, ln in block:
        m_rel = _RELATION_LINE.match(ln)
        m_pcs = _PCS_LINE.match(ln)
        m_inf = _INFERENCE.match(ln)
        m_list = _LIST_ITEM.match(ln)
        if _HEADING_LINE.match(ln) and not items:
            items.append(_Item("heading", 0, ln, lineno))
        elif _HEADING_LINE.match(ln) and items[-1].kind != "heading":
            raise ParseError("a heading must start a paragraph (Argdown rejects it): put an empty line before it",
                             file=file, line=lineno)  # fmt: skip
        elif m_inf and m_inf.group(1):  # -- rule on one line --
            items.append(_Item("inference", 0, m_inf.group(1), lineno, "open"))
            items.append(_Item("inference", 0, "", lineno, "close"))
        elif m_inf:  # four or more dashes close the inference at once; two or three open a rule
            items.append(_Item("inference", 0, "", lineno, "complete" if ln.count("-") >= 4 else ""))
        elif m_pcs:
            items.append(_Item("pcs", 0, m_pcs.group(2), lineno))
        elif m_rel and not m_rel.group(3):
            raise ParseError(f"relation {m_rel.group(2)!r} without a statement or argument (Argdown rejects it)",
                             file=file, line=lineno)  # fmt: skip
        elif m_rel and items and items[-1].kind != "heading":
            items.append(_Item("relation", len(m_rel.group(1).expandtabs(4)), m_rel.group(3), lineno, m_rel.group(2)))
        elif m_rel:
            raise ParseError(
                f"a paragraph cannot start with the relation {m_rel.group(2)!r} (Argdown rejects it): "
                "put the statement or argument it belongs to on the line above",
                file=file, line=lineno,
            )
        elif m_list and (not items or items[-1].kind == "list" or _list_owner(items) is not None):
            indent = len(m_list.group(1).expandtabs(4)) + 1
            owner = items[-1] if items and items[-1].kind == "list" else _list_owner(items) if items else None
            kind = "*" if m_list.group(2) == "*" else "1."
            if owner is not None and indent > owner.indent:
                raise ParseError("nested list items are not Argdown (it rejects them)", file=file, line=lineno)
            if owner is not None and owner.marker != kind and not owner.text.lstrip().startswith("<"):
                raise ParseError(f"a {kind!r} item in a list of {owner.marker!r} items (Argdown rejects it): "
                                 "put an empty line between the lists", file=file, line=lineno)  # fmt: skip
            items.append(_Item("list", indent, m_list.group(3), lineno, kind))
        elif m_list and items[-1].kind != "heading":
            raise ParseError("a list item must start a paragraph or follow another list item (Argdown rejects it)",
                             file=file, line=lineno)  # fmt: skip
        elif items and items[-1].kind == "inference" and items[-1].marker == "complete":
            raise ParseError("text after the inference line  that closes it: "
                             "write a rule between two lines of '--' (Argdown rejects it)", file=file, line=lineno)
        elif items:
            items[-1].text += "\n" + ln.strip()  # a continuation line (or an inference rule)
        else:
            items.append(_Item("head", 0, ln.strip(), lineno))
    return items


def _list_owner(items: list[_Item]) -> _Item | None:
    """The list item the last relation of ``items`` hangs from, if any."""
    for it in reversed(items):
        if it.kind == "list":
            return it
        if it.kind != "relation":
            return None
    return None


class _Reader:
    """The state of one parse: the document, the untitled counter, the open premise–conclusion structure."""

    def __init__(self, file: str) -> None:
        self.doc = ArgdownDoc()
        self.file = file
        self.untitled = 0
        self.previous_argument: str | None = None  # the argument a following pcs belongs to
        self.pcs: dict[str, Any] | None = None

    def element(self, raw: str, lineno: int) -> str:
        """Register the element a piece of text defines or names; its key (``[``/``<`` + title)."""
        raw = raw.strip()
        data: dict[str, Any] = {}
        m_data = _DATA.search(raw)
        if m_data:
            try:
                loaded = load_yaml(_unmask(m_data.group(1)), self.file)
            except yaml.YAMLError as exc:
                raise ParseError(f"bad {{data}}: {getattr(exc, 'problem', exc)}", file=self.file, line=lineno) from None
            if isinstance(loaded, dict):
                data = loaded
                raw = raw[: m_data.start()].rstrip()
        if _DATA_INSIDE.search(raw):
            raise ParseError("text after a {data} block (Argdown rejects it): data ends a statement",
                             file=self.file, line=lineno)  # fmt: skip
        m = _DEF.match(raw)
        if m:
            is_arg = m.group(3) is not None
            title = _unmask(" ".join((m.group(3) if is_arg else m.group(2)).split()))
            body = m.group(5) or ""
        else:
            is_arg, title, body = False, self.new_title(), raw
        table = self.doc.arguments if is_arg else self.doc.statements
        el = table.get(title)
        if el is None:
            el = table[title] = Element(title=title, is_argument=is_arg, titled=bool(m))
        stray = _REFERENCE_IN_TEXT.search(re.sub(r"\[[^\]\n]+?\]\([^)\n]+?\)", "", body))
        if stray:
            raise ParseError(f"{_unmask(stray.group(0))!r} inside a text is read by Argdown as a reference, which a text "
                             "cannot hold: escape the brackets (\\[ \\]) or make it a mention (@[…])",
                             file=self.file, line=lineno)  # fmt: skip
        try:
            body_clean = _clean(body)
        except ValueError as exc:
            raise ParseError(str(exc), file=self.file, line=lineno) from None
        if body_clean and not el.text:
            el.text = body_clean
        for t in _TAG.finditer(re.sub(r"\[([^\[\]]+)\]\(([^()]*)\)", r"\1", body)):
            tag = _unmask((t.group(2) or t.group(3)).strip())
            if tag not in el.tags:
                el.tags.append(tag)
        el.data.update(data)
        return ("<" if is_arg else "[") + title

    def new_title(self) -> str:
        self.untitled += 1  # one counter for statements and arguments, as in Argdown
        return f"Untitled {self.untitled}"

    def relate(self, marker: str, parent: str, child: str) -> None:
        direction, kind = next((d, k) for mk, d, k in _MARKERS if mk == marker)
        a, b = (child, parent) if direction == "in" else (parent, child)
        if a == b and any(k == kind and y == b for _x, k, y in self.doc.links):
            return  # as in Argdown: a self-relation is taken for a relation of the same kind already aimed at it
        self.doc.links.append((a, kind, b))

    # -- premise–conclusion structures --------------------------------------

    def open_pcs(self, lineno: int) -> dict[str, Any]:
        if self.pcs is None:
            title = self.previous_argument
            if title is None:
                title = self.new_title()
                self.doc.arguments.setdefault(title, Element(title=title, is_argument=True, titled=False))
            elif title in self.doc.inferences:
                raise ParseError(f"a second premise–conclusion structure for <{title}> (Argdown allows one per argument)",
                                 file=self.file, line=lineno)  # fmt: skip
            self.doc.inferences[title] = []
            self.pcs = {"argument": title, "premises": [], "pending": False, "rule": "", "line": lineno}
        return self.pcs

    def close_pcs(self) -> None:
        pcs, self.pcs = self.pcs, None
        if pcs is None:
            return
        if pcs["pending"] or not self.doc.inferences[pcs["argument"]]:
            raise ParseError(f"the premise–conclusion structure of <{pcs['argument']}> has no conclusion after its "
                             "inference line (Argdown rejects it)", file=self.file, line=pcs["line"])  # fmt: skip
        self.previous_argument = None

    def inference_line(self, item: _Item) -> None:
        pcs = self.open_pcs(item.line)
        if not pcs["premises"]:
            raise ParseError("an inference line must follow a numbered premise (Argdown rejects it)",
                             file=self.file, line=item.line)  # fmt: skip
        if not pcs["pending"]:
            pcs["rule"] = _clean(_DATA.sub("", item.text))
            pcs["pending"] = True

    def pcs_line(self, item: _Item) -> str:
        pcs = self.open_pcs(item.line)
        key = self.element(item.text, item.line)
        if key.startswith("<"):
            raise ParseError("an argument cannot be a premise or conclusion of a premise–conclusion structure "
                             "(Argdown rejects it)", file=self.file, line=item.line)  # fmt: skip
        title = key[1:]
        if pcs["pending"]:
            self.doc.inferences[pcs["argument"]].append((list(pcs["premises"]), title, pcs["rule"]))
            pcs["premises"], pcs["pending"], pcs["rule"] = [title], False, ""
        else:
            pcs["premises"].append(title)
        return "[" + title

    # -- blocks ---------------------------------------------------------------

    def block(self, items: list[_Item]) -> None:
        self.close_pcs()  # an empty line ends a premise–conclusion structure
        stack: list[tuple[int, str]] = []  # Argdown's indentation stack: (level, element key)
        for item in items:
            if item.kind == "heading":
                self.previous_argument = None
            elif item.kind == "inference":
                self.inference_line(item)
                stack = []
            elif item.kind == "pcs":
                stack = [(0, self.pcs_line(item))]
            elif item.kind in ("head", "list"):
                key = self.element(item.text, item.line)
                self.previous_argument = key[1:] if key.startswith("<") and item.kind == "head" else None
                stack = [(item.indent, key)]
            else:
                self.relation(item, stack)

    def relation(self, item: _Item, stack: list[tuple[int, str]]) -> None:
        """Place a relation with Argdown's indentation rules: deeper opens a child; a dedent
        returns to the level it reaches, whatever its exact width; the same level is a sibling."""
        popped = False
        while len(stack) > 1 and item.indent < stack[-1][0]:
            stack.pop()
            popped = True
        if not stack:
            raise ParseError(f"relation {item.marker!r} has nothing above it to relate to", file=self.file, line=item.line)
        level = item.indent
        if item.indent > stack[-1][0] and not popped:
            parent = stack[-1][1]
        elif len(stack) > 1:
            level = stack.pop()[0]  # a dedent lands on the level it reaches, not on its own width
            parent = stack[-1][1]
        else:
            raise ParseError(f"relation {item.marker!r} must be indented below the element it relates to "
                             "(Argdown rejects it)", file=self.file, line=item.line)  # fmt: skip
        key = self.element(item.text, item.line)
        if item.marker == "><" and key.startswith("<"):
            raise ParseError("a contradiction (><) must point at a statement, not an argument (Argdown rejects it)",
                             file=self.file, line=item.line)  # fmt: skip
        self.relate(item.marker, parent, key)
        stack.append((level, key))


def _model_relations(doc: ArgdownDoc) -> None:
    """Move relations as Argdown's ModelPlugin does, so the model matches Argdown's.

    An outgoing relation of a reconstructed argument (one with a premise–conclusion
    structure) becomes a relation of its main conclusion (none when that is its own
    target); in ``model: {mode: strict}`` a support between two statements is
    ``entails`` and an attack ``contrary``; a statement's attack on a reconstructed
    argument is dropped when the statement already attacks (or contradicts) one of
    its premises. Duplicates are kept once. Sets ``doc.links`` and ``doc.relations``.
    """
    conclusion = {"<" + arg: "[" + steps[-1][1] for arg, steps in doc.inferences.items() if steps}
    strict = isinstance(doc.meta.get("model"), dict) and doc.meta["model"].get("mode") == "strict"
    out: list[tuple[str, str, str]] = []
    for a0, kind, b in doc.links:
        a = conclusion.get(a0, a0)
        if a == b and a != a0:
            continue  # an argument's relation to its own conclusion says nothing more
        if strict and a[0] == b[0] == "[":
            kind = {"support": "entails", "attack": "contrary"}.get(kind, kind)
            if kind == "contrary" and (b, kind, a) in out:
                continue
        if (a, kind, b) not in out:
            out.append((a, kind, b))
    premises = {"<" + arg: {"[" + p for ps, _c, _r in steps for p in ps} for arg, steps in doc.inferences.items()}

    def redundant(a: str, b: str) -> bool:
        for x, k, y in out:
            other = y if x == a else x if y == a else None
            if other is not None and other in premises[b] and ((k == "attack" and x == a) or k in ("contradictory", "contrary")):
                return True
        return False

    doc.links = [(a, k, b) for a, k, b in out if not (k == "attack" and a[0] == "[" and b in premises and redundant(a, b))]
    doc.relations = [(a[1:], k, b[1:]) for a, k, b in doc.links]


def _rebuts_from_meta(doc: ArgdownDoc) -> None:
    """pag's own front matter (``pag: {rebuts: [[from, to], …]}``) marks which attacks are rebuttals."""
    pag_meta = doc.meta.get("pag")
    pairs = pag_meta.get("rebuts") if isinstance(pag_meta, dict) else None
    if isinstance(pairs, list):
        doc.rebuts = {(str(p[0]), str(p[1])) for p in pairs if isinstance(p, list) and len(p) == 2}


def parse_argdown(source: str, *, file: str = "<argdown>") -> ArgdownDoc:
    """Parse Argdown text into statements, arguments, relations and inferences.

    Follows Argdown's own parser (``@argdown/core``), which the tests use as the
    oracle; what Argdown rejects (a paragraph that starts with a relation, a
    relation not indented below its parent, a second premise–conclusion
    structure for one argument, a list item after a statement line) raises.

    Raises
    ------
    ParseError
        text Argdown rejects, or bad YAML front matter or data, naming the line.
    """
    check_text(source, file)  # graph.limits
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, lines = _front_matter(lines, file)
    lines = _strip_comments(_mask_escapes("\n".join(lines))).split("\n")
    reader = _Reader(file)
    reader.doc.meta = meta
    for block in _blocks(lines):
        items = _items(block, file)
        if items:
            reader.block(items)
    reader.close_pcs()
    doc = reader.doc
    _model_relations(doc)
    _rebuts_from_meta(doc)
    return doc


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

    preds = {"support": PAG.supports, "attack": PAG.attacks, "undercut": PAG.undercuts, "contradictory": PAG.rebuts,
             "entails": PAG.supports, "contrary": PAG.rebuts}  # fmt: skip
    seen: set[tuple[str, str, str]] = set()
    links = doc.links or [("[" + a if (False, a) in iris else "<" + a, k, "[" + b if (False, b) in iris else "<" + b)
                          for a, k, b in doc.relations]  # fmt: skip

    def node_of(key: str) -> URIRef:
        return iris[(key[0] == "<", key[1:])]

    for ka, kind, kb in links:
        a, b = ka[1:], kb[1:]
        summary.edges_read += 1
        if (a, kind, b) in seen:
            summary.skip(file, "relation", f"{a} {kind} {b}", "stated more than once (kept once)")
            continue
        seen.add((a, kind, b))
        rebut = kind == "attack" and (a, b) in doc.rebuts
        add(node_of(ka), PAG.rebuts if rebut else preds[kind], node_of(kb))
        if kind in ("contradictory", "contrary"):  # symmetric: each rebuts the other
            add(node_of(kb), preds[kind], node_of(ka))
        summary.edges += 1
        name_ = "rebuts" if rebut else {"support": "supports", "attack": "attacks", "undercut": "undercuts",
                                         "entails": "supports (entails)", "contrary": "rebuts (contrary)"}.get(kind, "contradicts")  # fmt: skip
        summary.relations[name_] += 1
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
_REBUTS = str(PAG.rebuts)


def _safe_title(text: str, limit: int = 120) -> str:
    """A title Argdown reads back: no brackets, braces or backslashes, at most ``limit`` characters, cut between words.

    >>> _safe_title("[t]he cost of " + "very " * 30 + "long titles", limit=30)
    'the cost of very very very…'
    """
    words = " ".join(re.sub(r"[\[\]<>{}\\]", "", text).split())
    if len(words) > limit:
        cut = words[: limit - 1]
        words = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"
    return words or "untitled"


_SPECIAL = re.compile(r"[\\\[\]<>{}#@*_]|/(?=[/*])")
_STARTS_ITEM = re.compile(r"^(?:[-+<>_=(]|\d+\.\s|#+ )")


def escape_text(text: str) -> str:
    r"""A text as Argdown reads it back verbatim: brackets, braces, tags, mentions, markup,
    comment starts and shortcodes escaped with a backslash.

    >>> escape_text("[t]he *only* way: .A. or //")
    '\\[t\\]he \\*only\\* way: \\.A. or \\//'
    """
    text = _SPECIAL.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))
    return _SHORTCODE.sub(lambda m: "\\" + m.group(0), text)


def _yaml_value(v: Any) -> str:
    """JSON (which YAML reads) with braces escaped, so Argdown's data token cannot end inside a string."""
    return json.dumps(v, ensure_ascii=False).replace("{", "\\u007b").replace("}", "\\u007d")


def to_argdown(quads: Iterable[tuple[Node, Node, Node, Node | None]], *, title: str = "Policy Argument Graph") -> str:
    """A readable Argdown document of the argument graph.

    Policies come first, each with the tree of claims and evidence that
    support (``+``) or attack (``-``) it, nested; then the trees of the
    claims no policy reaches. Each node is defined once (later mentions are
    references) and every supports/attacks relation is written once; a
    node's kind and sources are ``{…}`` data. Argdown's own parser reads the
    result without an error and with the same relations (tested).
    """
    quads = without_entailed(quads)  # a materialised super-property is not written twice
    w = _ArgdownWriter(quads)
    w.titles()
    w.premise_conclusion_structures()
    w.inline_statements()
    w.front_matter(title)
    w.trees()
    w.remaining_relations()
    w.undercuts()
    w.structures()
    return "\n".join(w.lines) + "\n"


_MARK = {"+": "+", "-": "-", "_": "<_"}


class _ArgdownWriter:
    """The steps of writing Argdown: read the statements, give titles, find the
    premise–conclusion structures and the statements written inline, then write
    the front matter, the relation trees, the relations left over and the structures."""

    def __init__(self, quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> None:
        self.types: dict[Node, set[str]] = defaultdict(set)
        self.single: dict[tuple[Node, str], list[str]] = defaultdict(list)
        self.sources: dict[Node, set[str]] = defaultdict(set)
        self.incoming: dict[Node, list[tuple[str, Node]]] = defaultdict(list)
        self.outgoing: dict[Node, int] = defaultdict(int)
        self.inf_arg: dict[Node, Node] = {}
        self.inf_prem: dict[Node, set[Node]] = defaultdict(set)
        self.inf_concl: dict[Node, Node] = {}
        self.inf_rule: dict[Node, str] = {}
        self.rebut_pairs: set[tuple[Node, Node]] = set()  # Argdown has no rebuttal: the front matter lists them
        for s, p, o, _g in quads:
            ps = str(p)
            if p == PAG.argument:
                self.inf_arg[s] = o
            elif p == PAG.premise:
                self.inf_prem[s].add(o)
            elif p == PAG.conclusion:
                self.inf_concl[s] = o
            elif p == PAG.scheme:
                self.inf_rule[s] = str(o)
            if p == RDF.type and str(o).startswith(_P):
                self.types[s].add(str(o)[len(_P) :])
            elif ps in _ARG_PREDS:
                self.incoming[o].append((_ARG_PREDS[ps], s))
                self.outgoing[s] += 1
                if ps == _REBUTS:
                    self.rebut_pairs.add((s, o))
            elif ps == _P + "source":
                self.sources[s].add(str(o))
            elif p in (RDFS.label, DCTERMS.title, PAG.quote, PAG.tag):
                self.single[(s, str(p))].append(str(o))
        self.source_titles = {s: sorted(self.single.get((s, str(DCTERMS.title)), []))[:1]
                              for s in self.types if "Source" in self.types[s]}  # fmt: skip
        self.nodes = [n for n in self.types if self.types[n] & {"Claim", "Evidence", "Policy"}]
        self.nodes += [n for n in self.incoming if n not in self.types]
        self.title_of: dict[Node, str] = {}
        self.steps: dict[Node, list[Node]] = defaultdict(list)
        self.pcs_count: dict[Node, int] = defaultdict(int)
        self.inline: set[Node] = set()
        self.defined: set[Node] = set()
        self.expanded: set[Node] = set()
        self.done_edges: set[tuple[Node, str, Node]] = set()
        self.lines: list[str] = []

    def values(self, n: Node, p: URIRef) -> list[str]:
        return sorted(self.single.get((n, str(p)), []))

    def kind(self, n: Node) -> str:
        t = self.types.get(n, set())
        for k in ("Policy", "Evidence", "Argument", "Claim"):
            if k in t:
                return k.lower()
        return "claim"

    def titles(self) -> None:
        """A unique title per node (its title, else its label), safe for Argdown."""
        taken: set[str] = set()
        for n in sorted(self.nodes, key=str):
            base = _safe_title((self.values(n, DCTERMS.title) or self.values(n, RDFS.label) or [str(n).rsplit("/", 1)[-1]])[0])
            t, k = base, 1
            while t.casefold() in taken:
                k += 1
                t = f"{base} ({k})"
            taken.add(t.casefold())
            self.title_of[n] = t

    def premise_conclusion_structures(self) -> None:
        """Inferences of an argument are written as its structure, not as the supports they imply."""
        inf_prem, inf_concl, title_of = self.inf_prem, self.inf_concl, self.title_of
        for inf, arg in self.inf_arg.items():
            if inf in inf_concl and arg in title_of and inf_concl[inf] in title_of and all(x in title_of for x in inf_prem[inf]):
                self.steps[arg].append(inf)
        pcs_pairs = {(p, inf_concl[i]) for infs in self.steps.values() for i in infs for p in inf_prem[i]}
        for infs in self.steps.values():
            for x in {x for i in infs for x in (*inf_prem[i], inf_concl[i])}:
                self.pcs_count[x] += 1
        for n in list(self.incoming):
            self.incoming[n] = [(m, c) for m, c in self.incoming[n] if not (m == "+" and (c, n) in pcs_pairs)]
        for p_, _c in pcs_pairs:
            self.outgoing[p_] -= 1

    def inline_statements(self) -> None:
        """Untitled statements met once are written as plain text, as Argdown has them."""
        for n in self.nodes:
            quotes = self.values(n, PAG.quote)
            if (not quotes or self.values(n, DCTERMS.title) or self.kind(n) != "claim"
                    or len(self.incoming.get(n, [])) + self.outgoing.get(n, 0) + self.pcs_count.get(n, 0) > 1
                    or _STARTS_ITEM.match(quotes[0].lstrip()) or any(n in pair for pair in self.rebut_pairs)
                    or quotes[0] != (self.values(n, RDFS.label) or [""])[0]):  # fmt: skip
                continue
            self.inline.add(n)

    def ref(self, n: Node) -> str:
        return f"<{self.title_of[n]}>" if self.kind(n) == "argument" else f"[{self.title_of[n]}]"

    def definition(self, n: Node) -> str:
        """The first mention of a node defines it (escaped text, tags, kind and sources); later ones refer to it."""
        if n in self.defined:
            return self.ref(n)
        self.defined.add(n)
        quotes = self.values(n, PAG.quote)
        text = " ".join(quotes[0].split()) if quotes else ""
        if text == self.title_of[n] and self.kind(n) == "argument":
            text = ""
        text = escape_text(text)
        tag_list = self.values(n, PAG.tag)
        for t in tag_list:  # a tag written in the text stays a tag
            text = text.replace(escape_text(f"#({t})"), f"#({t})")
            text = re.sub(re.escape(escape_text(f"#{t}")) + r"(?![\w-])", f"#{t}".replace("\\", "\\\\"), text)
        data: dict[str, Any] = {}
        if self.kind(n) in ("policy", "evidence"):
            data["kind"] = self.kind(n)
        srcs = sorted(self.sources.get(n, set()))
        if srcs:
            data["sources"] = [(self.source_titles.get(URIRef(s)) or [s])[0] for s in srcs]
        tags = "".join(
            f" #({' '.join(re.sub(r'[()]', ' ', t).split())})" for t in tag_list if f"#{t}" not in text and f"#({t})" not in text
        )
        data_text = (" {" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in data.items()) + "}") if data else ""
        if n in self.inline and text:
            return f"{text}{tags}{data_text}"
        body = f": {text}" if text else ""
        return f"{self.ref(n)}{body}{tags}{data_text}"

    def front_matter(self, title: str) -> None:
        self.lines += ["===", f"title: {_yaml_value(title)}", "generator: pag (Policy Argument Graph)"]
        title_of = self.title_of
        pairs = sorted([title_of[a], title_of[b]] for a, b in self.rebut_pairs if a in title_of and b in title_of)
        if pairs:  # Argdown has attacks, not rebuttals: which attacks rebut is kept here for pag
            self.lines += ["pag:", "  rebuts:", *(f"    - [{_yaml_value(a)}, {_yaml_value(b)}]" for a, b in pairs)]
        self.lines.append("===")

    def tree(self, n: Node, depth: int) -> None:
        if n in self.expanded:
            return
        self.expanded.add(n)
        for mark, child in sorted(self.incoming.get(n, []), key=lambda x: (x[0], self.title_of.get(x[1], ""))):
            if (child, mark, n) in self.done_edges or child not in self.title_of or mark == "_":
                continue  # undercuts: see undercuts()
            self.done_edges.add((child, mark, n))
            self.lines.append("    " * depth + f"{_MARK[mark]} {self.definition(child)}")
            if child not in self.expanded:
                self.tree(child, depth + 1)

    def trees(self) -> None:
        """Each policy's tree, then the trees of the claims no policy reaches."""
        title_of, nodes = self.title_of, self.nodes
        policies = sorted((n for n in nodes if self.kind(n) == "policy"), key=lambda n: title_of[n])
        roots = policies + sorted((n for n in nodes if self.kind(n) != "policy" and self.outgoing.get(n, 0) == 0),
                                  key=lambda n: title_of[n])  # fmt: skip
        roots += sorted((n for n in nodes if n not in roots), key=lambda n: title_of[n])
        for r in roots:
            if r in self.expanded or (self.pcs_count.get(r) and not self.incoming.get(r) and self.outgoing.get(r, 0) <= 0):
                continue  # written in its premise–conclusion structure
            if r in self.defined and not self.incoming.get(r):
                continue
            self.lines += ["", self.definition(r)]
            self.tree(r, 1)

    def remaining_relations(self) -> None:
        """Relations whose target was already expanded elsewhere, under a reference to it."""
        for n in sorted(self.nodes, key=lambda n: self.title_of[n]):
            rest = [(m, c) for m, c in self.incoming.get(n, [])
                    if (c, m, n) not in self.done_edges and c in self.title_of and m != "_"]  # fmt: skip
            if rest:
                self.lines += ["", self.ref(n)]
                for mark, child in sorted(rest, key=lambda x: (x[0], self.title_of[x[1]])):
                    self.done_edges.add((child, mark, n))
                    self.lines.append(f"    {_MARK[mark]} {self.definition(child)}")

    def undercuts(self) -> None:
        """Each undercut under its undercutter (``_>``): Argdown 1.7 aims an undercut written
        under its target (``<_``) at the last inference read before it, if there is one."""
        for n in sorted(self.nodes, key=lambda n: self.title_of[n]):
            for mark, child in sorted(self.incoming.get(n, []), key=lambda x: (x[0], self.title_of.get(x[1], ""))):
                if mark != "_" or (child, mark, n) in self.done_edges or child not in self.title_of:
                    continue
                self.done_edges.add((child, mark, n))
                self.lines += ["", self.definition(child), f"    _> {self.definition(n)}"]

    def structures(self) -> None:
        """Each argument's premise–conclusion structure, after a line that names the argument."""
        inf_prem, inf_concl, title_of = self.inf_prem, self.inf_concl, self.title_of
        for arg in sorted(self.steps, key=lambda a: title_of[a]):
            self.lines += ["", self.definition(arg), ""]
            todo = sorted(self.steps[arg], key=str)
            concluded: set[Node] = set()
            number = 0
            while todo:
                later = {inf_concl[i] for i in todo}
                ready = [i for i in todo if not (inf_prem[i] & (later - {inf_concl[i]}))] or todo[:1]
                inf = ready[0]
                todo.remove(inf)
                for prem in sorted(inf_prem[inf] - concluded, key=lambda x: title_of[x]):
                    number += 1
                    self.lines.append(f"({number}) {self.definition(prem)}")
                rule = escape_text(self.inf_rule.get(inf, "")).replace("-", "\\-")
                self.lines.append(f"-- {rule} --" if rule else "----")
                number += 1
                self.lines.append(f"({number}) {self.definition(inf_concl[inf])}")
                concluded.add(inf_concl[inf])
