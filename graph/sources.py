"""Source documents: their text, its SHA-256, and where a quote sits in it.

A document registered in a debate project (``pag source add FILE``) is kept
as *captured text* — the words a quote is checked against — in the
project's ``texts/`` folder:

* plain text and Markdown are kept as they are;
* HTML is reduced to its text (scripts, styles and markup dropped, block
  elements on lines of their own), the original kept beside it;
* PDF text is extracted with pypdf, one page after another, pages separated
  by a form feed (``\\f``, as ``pdftotext`` does), so the page of any
  character offset is known (:func:`page_of`) and citations can give it.

:func:`anchor` finds a quote in a text (verbatim up to the normalisation of
:mod:`graph.textmatch`: white space, typographic quotes, end-of-line
hyphens) and returns the W3C Web Annotation selectors for it: the exact
passage with its prefix and suffix (``oa:TextQuoteSelector``) and its
character offsets (``oa:TextPositionSelector``).

Examples
--------
>>> a = anchor("the surge", "Before the\\nsurge, after.", context=4)
>>> (a.start, a.end, a.exact, a.prefix, a.suffix)
(7, 16, 'the\\nsurge', 'ore ', ', af')
>>> slugify("Criminal Justice Reform in the Fentanyl Era (2020)")
'criminal-justice-reform-in-the-fentanyl-era-2020'
>>> page_of("page one\\fpage two", 12)
2
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from graph.errors import InputError
from graph.textmatch import normalize

__all__ = [
    "CONTEXT",
    "KINDS",
    "Anchor",
    "Extracted",
    "anchor",
    "extract",
    "page_of",
    "reanchor",
    "sha256_bytes",
    "slugify",
]

#: characters of context kept either side of a quote (prefix, suffix), as issue 13's anchors
CONTEXT = 32

#: file suffix -> (kind, media type)
KINDS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "text/plain"),
    ".text": ("text", "text/plain"),
    ".md": ("markdown", "text/markdown"),
    ".markdown": ("markdown", "text/markdown"),
    ".html": ("html", "text/html"),
    ".htm": ("html", "text/html"),
    ".xhtml": ("html", "application/xhtml+xml"),
    ".pdf": ("pdf", "application/pdf"),
}


@dataclass(frozen=True)
class Anchor:
    """Where one quote sits in its text (offsets in Unicode code points)."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    #: the page (1-based) where the quote starts and ends; None for a text without pages
    page_start: int | None = None
    page_end: int | None = None


@dataclass
class Extracted:
    """A document's captured text."""

    text: str
    kind: str
    media_type: str
    #: number of pages (PDF), else None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)


def sha256_bytes(data: bytes) -> str:
    """Lower-case hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def slugify(text: str, *, max_len: int = 60) -> str:
    """A lower-case, hyphenated ASCII slug (for IRIs and file names)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    return slug or "untitled"


class _HTMLText(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg"})
    _BLOCK = frozenset(
        {
            "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
            "tr", "table", "section", "article", "header", "footer", "blockquote",
            "pre", "figcaption", "figure", "title", "dd", "dt", "hr", "nav", "main", "aside",
        }
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = [line.strip() for line in raw.split("\n")]
        out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
        return out.strip() + "\n"


def _pdf_text(path: Path) -> tuple[str, int, list[str]]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise InputError("reading PDF needs pypdf: pip install pypdf") from exc
    try:
        reader = PdfReader(str(path))
        pages = [(p.extract_text() or "") for p in reader.pages]
    except (PdfReadError, ValueError, OSError) as exc:
        raise InputError(f"{path}: cannot read this PDF: {exc}") from None
    warnings = []
    empty = [i + 1 for i, t in enumerate(pages) if not t.strip()]
    if empty:
        warnings.append(
            f"no text on page(s) {', '.join(map(str, empty))} (scanned images need OCR first)"
        )
    cleaned = [t.replace("\f", "\n").rstrip() + "\n" for t in pages]
    return "\f".join(cleaned), len(pages), warnings


def extract(path: Path) -> Extracted:
    """The captured text of a document file (see the module notes)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    kind, media = KINDS.get(path.suffix.lower(), ("", ""))
    if not kind:
        known = ", ".join(sorted(KINDS))
        raise InputError(f"{path}: unknown document type {path.suffix!r}; use one of {known}")
    if kind == "pdf":
        text, n, warnings = _pdf_text(path)
        return Extracted(text, kind, media, pages=n, warnings=warnings)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; convert it first (iconv -t UTF-8)") from None
    if kind == "html":
        parser = _HTMLText()
        parser.feed(raw)
        parser.close()
        return Extracted(parser.text(), kind, media)
    return Extracted(raw, kind, media)


def page_of(text: str, offset: int) -> int:
    """The 1-based page of character ``offset`` in a text whose pages are separated by ``\\f``."""
    return text.count("\f", 0, max(0, offset)) + 1


_SQUOTES = "'\u2018\u2019\u201a\u201b\u2032"
_DQUOTES = '"\u201c\u201d\u201e\u201f\u2033'
_BREAK = r"(?:-?[ \t]*\r?\n[ \t]*)?"


def _pattern(quote: str) -> re.Pattern[str] | None:
    needle = normalize(quote)
    if not needle:
        return None
    parts: list[str] = []
    prev_word = False
    for ch in needle:
        if ch == " ":
            parts.append(r"[\s\u00ad]+")
            prev_word = False
            continue
        word = ch.isalnum()
        if word and prev_word:
            parts.append(_BREAK)  # a word split at a line end (with or without its hyphen)
        if ch in _SQUOTES:
            parts.append(f"[{re.escape(_SQUOTES)}]")
        elif ch in _DQUOTES:
            parts.append(f"[{re.escape(_DQUOTES)}]")
        elif ch == "-":
            parts.append(r"-[ \t]*(?:\r?\n[ \t]*)?")
        else:
            parts.append(re.escape(ch))
        prev_word = word
    return re.compile("".join(parts))


_FOLD = {c: "'" for c in _SQUOTES} | {c: '"' for c in _DQUOTES}
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=\w)")


@lru_cache(maxsize=16)
def _folded(text: str, join_hyphens: bool) -> tuple[str, tuple[int, ...]]:
    """``text`` with white space runs as one space, typographic quotes plain, soft hyphens
    dropped and (``join_hyphens``) words split at a line end joined; and for each character
    of the result, its offset in ``text``."""
    breaks = {m.start(): m.end() for m in _HYPHEN_BREAK.finditer(text)} if join_hyphens else {}
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if i in breaks:
            i = breaks[i]
            continue
        ch = text[i]
        if ch == "\u00ad":
            i += 1
            continue
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            out.append(" ")
            where.append(i)
            i = j
            continue
        out.append(_FOLD.get(ch, ch))
        where.append(i)
        i += 1
    return "".join(out), tuple(where)


def _occurrences(quote: str, text: str) -> list[tuple[int, int]]:
    """Every span of ``text`` where ``quote`` occurs (up to the normalisation above)."""
    needle = " ".join("".join(_FOLD.get(c, c) for c in quote).replace("\u00ad", "").split())
    if not needle:
        return []
    spans: list[tuple[int, int]] = []
    for join in (False, True):
        folded, where = _folded(text, join)
        at = folded.find(needle)
        while at >= 0:
            end = at + len(needle) - 1
            spans.append((where[at], where[end] + 1))
            at = folded.find(needle, at + 1)
        if spans:
            break
    if not spans:  # the slow way: compatibility forms (NFKC) and the like
        pat = _pattern(quote)
        if pat is not None:
            spans = [(m.start(), m.end()) for m in pat.finditer(text)]
    return sorted(set(spans))


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """The character span of ``quote``'s first occurrence in ``text``, or None.

    >>> t = "a “quoted”  enforce-\\nment surge"
    >>> s, e = locate('"quoted" enforcement surge', t)
    >>> t[s:e]
    '“quoted”  enforce-\\nment surge'
    """
    if not quote.strip():
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    spans = _occurrences(quote, text)
    return spans[0] if spans else None


def anchor(
    quote: str, text: str, *, context: int = CONTEXT, near: int | None = None
) -> Anchor | None:
    """The selectors for ``quote`` in ``text``, or None when it is not there.

    ``near`` prefers the occurrence that starts closest to that offset (the
    selection the person made), else the first one is taken.
    """
    at = locate(quote, text)
    if at is None:
        return None
    start, end = at
    if near is not None:
        start, end = min(_occurrences(quote, text) or [at], key=lambda se: abs(se[0] - near))
    paged = "\f" in text
    return Anchor(
        start,
        end,
        text[start:end],
        text[max(0, start - context) : start],
        text[end : end + context],
        page_of(text, start) if paged else None,
        page_of(text, max(start, end - 1)) if paged else None,
    )


def reanchor(old: Anchor, text: str, quote: str) -> Anchor | None:
    """Find a quote again in a changed text: at its old place if it is still there,
    else where its prefix and suffix point, else anywhere; None when it is gone."""
    if text[old.start : old.end] == old.exact:
        return anchor(quote, text, near=old.start)
    guess = text.find(old.prefix + old.exact) if old.prefix else -1
    near = guess + len(old.prefix) if guess >= 0 else old.start
    return anchor(quote, text, near=near)
