"""A ranked full-text index of what nodes are called and what is quoted of them.

One ranking serves ``pag search``, the TARGET lookup's last steps and its
"closest matches": an in-memory SQLite FTS5 table (the standard library's
``sqlite3``), one row per text of a node — its label, each ``skos:altLabel``
alias, each verbatim quote (with the source it is quoted from) and each
note. Words are matched with the Porter stemmer, case and accents folded.

Ranking (documented in the README, "Search"):

1. a text that *contains the whole phrase* ranks above one that only holds
   the words (an alias equal to the phrase first of all);
2. then by field: label, then alias, then quote, then note;
3. then by FTS5's BM25 score;
4. ties by node id (so the order is stable).

A node is listed once, by its best-ranked text. When no text holds every
word, texts holding *some* of the words are returned instead, flagged
``partial`` (that is how suggestions for an unknown TARGET are found).

Examples
--------
>>> ix = TextIndex()
>>> ix.add("urn:p", "Operation Synthetic Opioid Surge", "label")
>>> ix.add("urn:p", "S.O.S.", "alias")
>>> ix.add("urn:c", "Prosecuting small cases is the icing on the cake", "quote", source="urn:s")
>>> [h.node for h in ix.search("opioid surge")]
['urn:p']
>>> h = ix.search("icing on the cake")[0]
>>> h.node, h.field, h.source, h.phrase
('urn:c', 'quote', 'urn:s', True)
>>> ix.search("S.O.S.")[0].field
'alias'
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["FIELDS", "Hit", "TextIndex", "fold", "words"]

#: the fields of a node's texts, best first
FIELDS = ("label", "alias", "quote", "note")
_RANK = {f: i for i, f in enumerate(FIELDS)}
_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00ad": ""})


def fold(text: str) -> str:
    """Text folded for phrase matching: case, accents, typographic quotes, hyphens and white space.

    >>> fold("  Drug-Induced   ‘Homicide’ ")
    "drug induced 'homicide'"
    """
    t = unicodedata.normalize("NFKD", text.translate(_QUOTES).replace("-", " "))
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(t.casefold().split())


def words(text: str) -> list[str]:
    """The words of ``text`` as the index sees them (folded).

    >>> words("S.O.S. — the 'surge'")
    ['s', 'o', 's', 'the', 'surge']
    """
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Hit:
    """One node found: its best-matching text and how it matched.

    ``field`` is ``label``, ``alias``, ``quote`` or ``note``; ``source`` the
    source a quote or note is from (None for labels and aliases); ``phrase``
    whether the text holds the whole phrase; ``partial`` whether it holds
    only some of the words; ``score`` the BM25 score (lower is better).
    """

    node: str
    text: str
    field: str
    source: str | None
    phrase: bool
    partial: bool
    score: float


class TextIndex:
    """An in-memory FTS5 index of node texts; see the module docs."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:")
        self._db.execute(
            "CREATE VIRTUAL TABLE t USING fts5(node UNINDEXED, field UNINDEXED, source UNINDEXED, "
            "text, tokenize='porter unicode61 remove_diacritics 2')"
        )
        self._rows: list[tuple[str, str, str, str | None]] = []
        self._seen: set[tuple[str, str, str, str | None]] = set()

    def add(self, node: str, text: str, field: str, *, source: str | None = None) -> None:
        """Index one text of ``node`` (``field``: one of :data:`FIELDS`)."""
        if field not in _RANK:
            raise ValueError(f"unknown field {field!r}")
        key = (node, field, text, source)
        if not text or key in self._seen:
            return
        self._seen.add(key)
        self._rows.append(key)

    def add_many(self, rows: Iterable[tuple[str, str, str, str | None]]) -> None:
        """Index ``(node, text, field, source)`` rows."""
        for node, text, field, source in rows:
            self.add(node, text, field, source=source)

    def __len__(self) -> int:
        return len(self._rows)

    def _flush(self) -> None:
        if self._rows:
            self._db.executemany(
                "INSERT INTO t(node, field, source, text) VALUES (?, ?, ?, ?)",
                [(n, f, s, t) for n, f, t, s in self._rows],
            )
            self._rows = []

    def _match(self, terms: list[str], op: str) -> list[tuple[str, str, str | None, str, float]]:
        expr = f" {op} ".join('"' + w.replace('"', '""') + '"' for w in terms)
        cur = self._db.execute(
            "SELECT node, field, source, text, bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t)", (expr,)
        )
        return list(cur)

    def search(
        self, query: str, *, limit: int | None = 20, partial: bool = True, fields: tuple[str, ...] | None = None
    ) -> list[Hit]:
        """Nodes whose texts match ``query``, best first (see the module docs).

        With ``partial`` (the default), when no text holds every word, texts
        holding some of them are returned (``Hit.partial`` is True). With
        ``fields``, only texts of those fields count.
        """
        self._flush()
        terms = words(query)
        if not terms:
            return []
        phrase = fold(query)
        rows = self._match(terms, "AND")
        loose = False
        if not rows and partial and len(terms) > 1:
            rows = self._match(terms, "OR")
            loose = True
        best: dict[str, tuple[tuple[int, int, float, str], Hit]] = {}
        for node, field, source, text, score in rows:
            if fields is not None and field not in fields:
                continue
            folded = fold(text)
            has = phrase in folded
            exact = folded == phrase
            key = (0 if exact else 1 if has else 2, _RANK[field], score, text)
            hit = Hit(node, text, field, source, has, loose and not has, score)
            if node not in best or key < best[node][0]:
                best[node] = (key, hit)
        ranked = sorted(best.items(), key=lambda kv: (kv[1][0], kv[0]))
        hits = [h for _, (_, h) in ranked]
        return hits if limit is None else hits[:limit]

    def close(self) -> None:
        """Free the index."""
        self._db.close()
