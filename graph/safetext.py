"""Untrusted text made inert for terminals, Markdown and spreadsheets.

Labels, quotes and query answers come from documents and users. Shown as
they are, a label could move the cursor or recolour a terminal (ANSI escape
sequences), reorder what is shown (right-to-left overrides such as U+202E),
inject HTML into a Markdown memo, or run a formula when a CSV file is opened
in a spreadsheet. These functions show such characters escaped instead.

Examples
--------
>>> inert("ok\\x1b[31mred\\u202egnp.exe")
'ok\\\\x1b[31mred\\\\u202egnp.exe'
>>> csv_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> csv_cell("-5")
'-5'
>>> short("x" * 10, 5)
'xxxx…'
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_PREFIXES", "csv_cell", "inert", "markdown_cell", "short", "uncsv_cell"]

# C0 controls but tab and newline, DEL, C1 controls; bidirectional controls and
# invisible marks that change how the text around them is shown
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_UNSAFE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u2028\u2029]"
)

#: what makes a spreadsheet read a cell as a formula (OWASP, "CSV injection")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str, *, newlines: bool = True) -> str:
    """``text`` with control, escape and bidirectional characters shown as ``\\xNN``/``\\uNNNN``.

    Tabs and (with ``newlines``) line breaks are kept.
    """
    return (_UNSAFE if newlines else _UNSAFE_LINE).sub(_escape, text)


def short(text: str, limit: int = 2000) -> str:
    """At most ``limit`` characters (a huge label is cut, with ``…``, for display)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def markdown_cell(text: str) -> str:
    """One Markdown table cell: inert, one line, no raw HTML, pipes escaped."""
    text = " ".join(inert(text, newlines=False).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run: a leading ``'`` before a formula
    prefix (and before a ``'`` that precedes one, so :func:`uncsv_cell` can undo it).
    Numbers (``-5``, ``+1.5e3``) are left as they are."""
    if not text:
        return text
    if text.startswith(FORMULA_PREFIXES) and not _NUMBER.match(text):
        return "'" + text
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES) and not _NUMBER.match(text[1:]):
        return "'" + text
    return text


def uncsv_cell(text: str) -> str:
    """Undo :func:`csv_cell` (for reading back what pag wrote).

    >>> uncsv_cell(csv_cell("=1+1")), uncsv_cell(csv_cell("'=x")), uncsv_cell("'plain")
    ('=1+1', "'=x", "'plain")
    """
    if text.startswith("'") and text[1:].startswith((*FORMULA_PREFIXES, "'")):
        rest = text[1:]
        if rest.startswith("'") and not rest[1:].startswith(FORMULA_PREFIXES):
            return text
        return rest
    return text
