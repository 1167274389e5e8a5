"""Source documents: their captured text, its SHA-256, and its pages.

A document registered in a debate project (``pag source add FILE``) is kept
as *captured text* — the words a quote is checked against — in the
project's ``texts/`` folder:

* plain text and Markdown are kept as they are;
* HTML is reduced to its text (scripts, styles and markup dropped, block
  elements on lines of their own), the original kept beside it;
* PDF text is extracted with pypdf, one page after another, pages separated
  by a form feed (``\\f``, as ``pdftotext`` does), so the page of any
  character offset is known (:func:`page_of`) and citations can give it.

Where a quote sits in a captured text — its W3C Web Annotation
selectors and, in a text with pages, its pages — is :mod:`graph.anchors`'
business (:func:`graph.anchors.anchor`).

Examples
--------
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
from html.parser import HTMLParser
from pathlib import Path

from graph.errors import InputError

__all__ = [
    "KINDS",
    "Extracted",
    "extract",
    "page_of",
    "sha256_bytes",
    "slugify",
]

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
