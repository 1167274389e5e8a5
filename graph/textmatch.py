"""Verbatim matching of quotes against captured source texts.

A quote is *verbatim* when, after both sides are normalised the same way, it
is a substring of the source text. Normalisation only undoes what capture did
to the words, never what the author wrote:

* Unicode compatibility forms are folded (NFKC) and typographic quotes and
  apostrophes become plain ones;
* a word hyphenated across a line break is joined (``Jus-\\ntice`` ->
  ``Justice``); because a real compound split at a line end looks the same
  (``drug-\\ninduced``), the text is also kept with the hyphen, and as
  written (``drug-\\nand alcohol`` -> ``drug- and alcohol``); a quote may
  match any reading;
* every run of white space (line breaks included) is one space;
* last, a word split at a line end without its hyphen (``enforce\\nment``)
  is read whole.

:func:`occurrences` gives where a quote stands (character offsets of the
text itself, so the passage can be shown as captured); :func:`find_quote`
only whether it does, on the cached normalised text.

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

__all__ = ["find_quote", "locate_quote", "normalize", "occurrences", "text_variants"]

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
def text_variants(text: str) -> tuple[str, str, str]:
    """The normalised text with line-end hyphens joined, kept, and as written.

    >>> text_variants("drug-\\ninduced")
    ('druginduced', 'drug-induced', 'drug- induced')
    """
    joined = normalize(_HYPHEN_BREAK.sub("", text))
    kept = normalize(_HYPHEN_BREAK.sub("-", text))
    return joined, kept, normalize(text)


def find_quote(quote: str, text: str) -> bool:
    """True when ``quote`` occurs verbatim in ``text`` (see module notes): where
    :func:`occurrences` finds it.

    >>> find_quote("drug- and alcohol-related", "drug-\\nand alcohol-related")
    True
    >>> find_quote("enforcement", "the enforce\\nment surge")
    True
    """
    needle = normalize(quote)
    if not needle:
        return False
    if any(needle in variant for variant in text_variants(text)):
        return True
    pat = _pattern(quote)
    return pat is not None and pat.search(text) is not None


_BREAK = r"(?:-?[ \t]*\r?\n[ \t]*)?"
_SQUOTES = "'\u2018\u2019\u201a\u201b\u2032"
_DQUOTES = '"\u201c\u201d\u201e\u201f\u2033'


def _pattern(quote: str) -> re.Pattern[str] | None:
    """A regular expression for ``quote`` in the raw text: any white space, either
    kind of quote mark, and a word split at a line end (with or without its hyphen)."""
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
            parts.append(_BREAK)
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


#: how a hyphen at a line end (``enforce-\nment``) is read: joined, kept, or as written
_HYPHEN_READINGS = ("join", "keep", "space")


@lru_cache(maxsize=16)
def _mapped(text: str, hyphens: str) -> tuple[str, tuple[int, ...]]:
    """:func:`normalize` of ``text`` with the hyphens at line ends read as ``hyphens``
    (see :data:`_HYPHEN_READINGS`), and the text offset of every character of the result."""
    breaks = {m.start(): m.end() for m in _HYPHEN_BREAK.finditer(text)} if hyphens != "space" else {}
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        end = breaks.get(i)
        if end is not None:
            if hyphens == "keep":
                out.append("-")
                where.append(i)
            i = end
            continue
        ch = text[i]
        folded = ch if ch < "\x80" else unicodedata.normalize("NFKC", ch).translate(_QUOTES)
        for c in folded:
            if c.isspace():
                if out and out[-1] != " ":
                    out.append(" ")
                    where.append(i)
            else:
                out.append(c)
                where.append(i)
        i += 1
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), tuple(where)


def occurrences(quote: str, text: str) -> list[tuple[int, int]]:
    r"""Every span of ``text`` where ``quote`` occurs (matching is :func:`find_quote`'s),
    as sorted ``(start, end)`` character offsets of the text itself.

    The hyphens at line ends are read joined, else kept, else as written;
    the first reading that finds the quote gives the spans. Last, a word
    split at a line end without its hyphen is allowed.

    >>> occurrences("the surge", "The surge; the\nsurge; the sur-\nge.")
    [(11, 20), (22, 33)]
    """
    needle = normalize(quote)
    if not needle:
        return []
    spans: list[tuple[int, int]] = []
    for hyphens in _HYPHEN_READINGS:
        flat, where = _mapped(text, hyphens)
        at = flat.find(needle)
        while at >= 0:
            spans.append((where[at], where[at + len(needle) - 1] + 1))
            at = flat.find(needle, at + 1)
        if spans:
            return sorted(set(spans))
    pat = _pattern(quote)
    return [(m.start(), m.end()) for m in pat.finditer(text)] if pat is not None else []


def locate_quote(quote: str, text: str) -> tuple[int, int] | None:
    r"""Where ``quote`` first occurs in ``text``: ``(start, end)`` character offsets, or None.

    Matching is :func:`find_quote`'s (see :func:`occurrences`); the offsets
    are of the text itself, so ``text[start:end]`` is the passage as
    captured (line breaks and typographic quotes included).

    >>> text = "It said: the enforce-\nment surge.\n"
    >>> start, end = locate_quote("enforcement surge", text)
    >>> text[start:end]
    'enforce-\nment surge'
    >>> t = "a “quoted”  enforce-\nment surge"
    >>> s, e = locate_quote('"quoted" enforcement surge', t)
    >>> t[s:e]
    '“quoted”  enforce-\nment surge'
    >>> locate_quote("no such words", text) is None
    True
    """
    spans = occurrences(quote, text)
    return spans[0] if spans else None
