"""Drafting help: candidate spans of a document for the person to accept, edit or dismiss.

Three kinds of suggestion, each a sentence of the text (the quote a node
would carry) with what made it a candidate:

``figure``
    a statistic: a percentage, an amount of money, a number with what it
    counts (digits or number words, "tripled", "one in five"), a year;
``speech``
    reported speech — "said", "says", "according to", "argued", "told",
    "warned" … — with the speaker when the sentence names one;
``match``
    a sentence that shares most of the content words of an existing node's
    label (the same claim or figure in another document).

:func:`recall` measures the figure suggestions against a curated corpus:
of the figures the curators recorded (evidence with a ``pag:value`` and a
quote found in its text), how many the suggester proposes — a figure
suggestion inside the quote whose number is the recorded value.

Examples
--------
>>> text = 'Deaths fell by 23 percent in 2019, according to the CDC. "It works," said Dr. Lee.'
>>> [(s.kind, s.figures or s.speaker) for s in suggest(text)]
[('figure', ['23 percent', '2019']), ('speech', 'the CDC'), ('speech', 'Dr. Lee')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.textmatch import find_quote, locate_quote, normalize

__all__ = ["Suggestion", "figures", "number_value", "recall", "sentences", "suggest", "unit_guess"]

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "half": 0.5,
    "doubled": 2, "double": 2, "twice": 2, "tripled": 3, "triple": 3, "quadrupled": 4,
    "halved": 0.5, "quarter": 0.25, "third": 1 / 3, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_FIGURE = re.compile(
    rf"""
    (?P<money>[$€£]\s?(?:{_NUM})(?:\s?(?:thousand|million|billion|trillion)\b)?)
  | (?P<pct>(?:{_NUM})\s?(?:%|percent\b|per\s?cent\b|percentage\s+points?\b))
  | (?P<ratio>\b(?:one|two|three|four|five|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{_NUM}|two|three|four|five|six|seven|eight|nine|ten|hundred)\b)
  | (?P<num>(?<![\w.])(?:{_NUM})(?:\s?(?:thousand|million|billion|trillion)\b)?(?:[-\s](?:[a-z]+))?)
  | (?P<word>\b(?:{_WORDNUM})\b(?:[-\s](?:hundred|thousand|million|billion))?)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_SPEECH = re.compile(
    r"\b(said|says|say|according\s+to|argued|argues|argue|told|tells|stated|states|claimed|claims|"
    r"warned|warns|wrote|writes|testified|explained|explains|noted|notes|added|insisted|asserted|"
    r"contended|contends|believes|vowed|vows|assured|announced|acknowledged)\b",
    re.IGNORECASE,
)
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\f")
_SPEAKER_AFTER = re.compile(
    r"\s*,?\s*((?:(?:Dr|Mr|Mrs|Ms|Jr|St|Sen|Rep|Gov|Prof|Gen|Lt)\.|(?:[A-Z]\.){2,}|[^,.;:!?\"“”()])+?)"
    r"(?=\s*(?:[,.;:!?\"“”()]|$))"
)
_ABBREV = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Sen|Rep|Gov|Prof|Gen|Lt|No|Fig|vs|etc)|\b[A-Z])\.$")
_STOP = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "but", "is", "are", "was", "were", "be", "been", "by", "with", "as", "at", "from", "that", "this", "these", "those", "it", "its", "their", "his", "her", "they", "them", "he", "she", "we", "our", "not", "no", "than", "more", "less", "most", "it's", "will", "would", "should", "could", "can", "may", "might", "has", "have", "had", "do", "does", "did", "so", "such", "also", "into", "about", "over", "under", "after", "before", "if", "when", "which", "who", "whom", "what", "while"]
)


@dataclass
class Suggestion:
    """One candidate span: a sentence, and why it is one."""

    kind: str  # "figure" | "speech" | "match"
    start: int
    end: int
    text: str
    figures: list[str] = field(default_factory=list)
    speaker: str = ""
    node: str = ""  # for "match": the node whose words it shares
    node_label: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (offsets), blank lines and page breaks ending one too.

    >>> t = "One. Two!\\n\\nThree"
    >>> [t[a:b] for a, b in sentences(t)]
    ['One.', 'Two!', 'Three']
    """
    out = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if _ABBREV.search(text, max(0, m.start() - 6), m.start()):
            continue  # "Dr. Lee", "U.S. Attorney"
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    spans = []
    for a, b in out:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            spans.append((a + lead, a + trail))
    return spans


def number_value(figure: str) -> float | None:
    """The number a figure states.

    >>> [number_value(x) for x in ["23 percent", "$1.2 million", "tripled", "1,200", "one in five"]]
    [23.0, 1200000.0, 3.0, 1200.0, 0.2]
    """
    low = figure.lower().replace(",", "")
    m = re.match(r"\s*(?:one|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(\w+)", low)
    if m:
        num = re.match(r"\s*(\w+)", low)
        a = _word_or_num(num.group(1) if num else "1")
        b = _word_or_num(m.group(1))
        return a / b if a is not None and b else None
    m = re.search(r"\d+(?:\.\d+)?", low)
    value: float | None
    if m:
        value = float(m.group(0))
    else:
        first = re.match(r"\s*([a-z]+)", low)
        value = _word_or_num(first.group(1)) if first else None
    if value is None:
        return None
    for word, scale in _SCALE.items():
        if re.search(rf"\d\s?{word}\b|\b[a-z]+[-\s]{word}\b", low) and value < scale:
            value *= scale
    return value


def unit_guess(figure: str) -> str:
    """What a figure counts, as far as its own words say.

    >>> [unit_guess(x) for x in ["23 percent", "$1.2 million", "11 overdoses", "tripled", "2019"]]
    ['percent', 'US dollars', 'overdoses', 'times', '']
    """
    low = figure.lower()
    if "%" in low or "percent" in low or "per cent" in low:
        return "percentage points" if "point" in low else "percent"
    for sign, unit in (("$", "US dollars"), ("€", "euros"), ("£", "pounds")):
        if sign in low:
            return unit
    if re.search(r"\b(?:doubled|tripled|quadrupled|twice|halved)\b", low):
        return "times"
    m = re.search(r"[\d\w]+[-\s]([a-z]{3,})$", low)
    if m and m.group(1) not in _SCALE and not _YEAR.match(low.strip()):
        return m.group(1)
    return ""


def _word_or_num(token: str) -> float | None:
    try:
        return float(token)
    except ValueError:
        v = _WORD_NUMBERS.get(token.lower())
        return float(v) if v is not None else None


def figures(sentence: str) -> list[tuple[int, int, str]]:
    """The figures in a sentence: (start, end, text)."""
    out = []
    for m in _FIGURE.finditer(sentence):
        kind = m.lastgroup
        txt = m.group(0).rstrip()
        if kind == "num":
            digits = re.match(rf"{_NUM}", txt)
            bare = digits.group(0) if digits else txt
            if len(bare) == 1 and txt == bare and not _YEAR.match(bare):
                continue  # a lone digit ("1 of", list numbers) is rarely a statistic
        if kind == "word" and m.group(0).lower() == "one" and not re.match(
            r"\s+(?:per|in|of|quarter|third|half)\b", sentence[m.end() :], re.IGNORECASE
        ):
            continue  # "one" alone is too common to be a figure
        out.append((m.start(), m.start() + len(txt), txt))
    return out


def _speaker(sentence: str, at: re.Match[str]) -> str:
    """Who the reported speech is from: after "according to" / a quotation, else before the verb."""
    verb = at.group(1).lower()
    head = sentence[: at.start()].rstrip(" ,")
    tail = sentence[at.end() :]
    if verb.startswith("according") or head.endswith(('"', "”", "'", "’")) or not head:
        m = _SPEAKER_AFTER.match(tail)
        found = m.group(1).strip() if m else ""
        return found if found and len(found.split()) <= 8 else ""
    words = head.split()
    name: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() or (name and w.lower() in {"of", "de", "for"}):
            name.insert(0, w)
        else:
            break
    if name and not name[-1].startswith(('"', "“")):
        return " ".join(name).strip("\"“”,")
    if len(words) >= 2 and words[-2].lower() in {"the", "a", "an", "his", "her", "their"}:
        return " ".join(words[-2:])
    return ""


def _content(words: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", normalize(words).lower()) if w not in _STOP and len(w) > 2}


def suggest(
    text: str,
    *,
    nodes: Iterable[tuple[str, str]] = (),
    taken: Sequence[tuple[int, int]] = (),
    min_share: float = 0.75,
) -> list[Suggestion]:
    """Candidate spans of ``text``: figures, reported speech and sentences matching ``nodes``
    (``(iri, label)`` pairs whose label has at least three content words). Sentences that
    overlap a ``taken`` span (an existing quote) are left out."""
    labels = [(iri, label, _content(label)) for iri, label in nodes]
    labels = [x for x in labels if len(x[2]) >= 3]
    out: list[Suggestion] = []
    for a, b in sentences(text):
        if any(a < te and ts < b for ts, te in taken):
            continue
        sent = text[a:b]
        figs = [f for _s, _e, f in figures(sent)]
        if figs:
            out.append(Suggestion("figure", a, b, sent, figures=figs))
        speech = _SPEECH.search(sent)
        if speech:
            out.append(Suggestion("speech", a, b, sent, speaker=_speaker(sent, speech)))
        if labels:
            words = _content(sent)
            best = max(labels, key=lambda x: len(x[2] & words) / len(x[2]))
            if len(best[2] & words) / len(best[2]) >= min_share:
                out.append(Suggestion("match", a, b, sent, node=best[0], node_label=best[1]))
    return out


def recall(
    recorded: Iterable[tuple[str, float, str]], texts: dict[str, str]
) -> dict[str, Any]:
    """Recall of the figure suggestions against figures the curators recorded.

    ``recorded`` holds ``(seed file, value, quote)`` for each evidence item
    with a value; ``texts`` maps seed file -> text. A figure counts as
    proposed when a figure suggestion lies within its quote's sentences
    and states the recorded value (``found``); ``overlap`` counts a figure
    suggestion on the quote at all. Figures whose quote is not in the text
    are left out (``unlocated``).
    """
    found = overlap = total = unlocated = 0
    missed: list[tuple[str, float, str]] = []
    cache: dict[str, list[Suggestion]] = {}
    for seed, value, quote in recorded:
        text = texts.get(seed)
        if text is None or not find_quote(quote, text):
            unlocated += 1
            continue
        at = locate_quote(quote, text)
        if at is None:
            unlocated += 1
            continue
        total += 1
        if seed not in cache:
            cache[seed] = [s for s in suggest(text) if s.kind == "figure"]
        near = [s for s in cache[seed] if s.start < at[1] and at[0] < s.end]
        if near:
            overlap += 1
        values = {number_value(f) for s in near for f in s.figures}
        # a fraction ("half", "one third") is recorded as a percentage as often as not
        values |= {round(v * 100, 1) for v in values if v is not None and v < 1}
        if any(v is not None and abs(v - value) <= 0.051 + 1e-6 * abs(value) for v in values):
            found += 1
        else:
            missed.append((seed, value, quote))
    return {
        "figures": total,
        "found": found,
        "overlap": overlap,
        "unlocated": unlocated,
        "recall": round(found / total, 3) if total else None,
        "overlap_recall": round(overlap / total, 3) if total else None,
        "missed": missed,
    }
