"""Verbatim matching of quotes against captured source texts.

A quote is *verbatim* when, after both sides are normalised the same way, it
is a substring of the source text. Normalisation only undoes what capture did
to the words, never what the author wrote:

* Unicode compatibility forms are folded (NFKC) and typographic quotes and
  apostrophes become plain ones;
* a word hyphenated across a line break is joined (``Jus-\\ntice`` ->
  ``Justice``); because a real compound split at a line end looks the same
  (``drug-\\ninduced``), the text is also kept with the hyphen and a quote may
  match either reading;
* every run of white space (line breaks included) is one space.

Examples
--------
>>> text = "the so-called enforce-\\nment surge will send a new\\nprosecutor"
>>> find_quote("enforcement surge will send a new prosecutor", text)
True
>>> find_quote("enforcement surge will send an old prosecutor", text)
False
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["find_quote", "locate_quote", "normalize", "text_variants"]

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ad": None,  # soft hyphen
    }
)
_WS = re.compile(r"\s+")
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=\w)")


def normalize(text: str) -> str:
    """Fold Unicode forms and typographic quotes, collapse white space.

    >>> normalize("“Treatment  instead\\nof incarceration”")
    '"Treatment instead of incarceration"'
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=64)
def text_variants(text: str) -> tuple[str, str]:
    """The normalised text with line-end hyphens joined, and kept.

    >>> text_variants("drug-\\ninduced")
    ('druginduced', 'drug-induced')
    """
    joined = normalize(_HYPHEN_BREAK.sub("", text))
    kept = normalize(_HYPHEN_BREAK.sub("-", text))
    return joined, kept


def find_quote(quote: str, text: str) -> bool:
    """True when ``quote`` occurs verbatim in ``text`` (see module notes)."""
    needle = normalize(quote)
    if not needle:
        return False
    return any(needle in variant for variant in text_variants(text))


def _mapped(text: str, keep_hyphen: bool) -> tuple[str, list[int]]:
    """:func:`text_variants`' normalisation, with the text offset of every output character."""
    out: list[str] = []
    where: list[int] = []
    breaks = {m.start(): m.end() for m in _HYPHEN_BREAK.finditer(text)}
    i, n = 0, len(text)
    while i < n:
        end = breaks.get(i)
        if end is not None:
            if keep_hyphen:
                out.append("-")
                where.append(i)
            i = end
            continue
        for ch in unicodedata.normalize("NFKC", text[i]).translate(_QUOTES):
            if _WS.match(ch):
                if out and out[-1] != " ":
                    out.append(" ")
                    where.append(i)
            else:
                out.append(ch)
                where.append(i)
        i += 1
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


@lru_cache(maxsize=16)
def _mapped_variants(text: str) -> tuple[tuple[str, list[int]], tuple[str, list[int]]]:
    return _mapped(text, False), _mapped(text, True)


def locate_quote(quote: str, text: str) -> tuple[int, int] | None:
    r"""Where ``quote`` first occurs in ``text``: ``(start, end)`` character offsets, or None.

    Matching is :func:`find_quote`'s; the offsets are of the text itself,
    so ``text[start:end]`` is the passage as captured (line breaks included).

    >>> text = "It said: the enforce-\nment surge.\n"
    >>> start, end = locate_quote("enforcement surge", text)
    >>> text[start:end]
    'enforce-\nment surge'
    >>> locate_quote("no such words", text) is None
    True
    """
    needle = normalize(quote)
    if not needle:
        return None
    for flat, where in _mapped_variants(text):
        at = flat.find(needle)
        if at >= 0:
            return where[at], where[at + len(needle) - 1] + 1
    return None
