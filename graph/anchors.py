"""Quote anchors: where each quote sits in its source text.

Every ``pag:quote`` of a node is anchored in the captured text of its source
with W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/):
an ``oa:SpecificResource`` in the source's named graph, with

* ``pag:anchorOf`` the node and ``rdf:value`` the quote as the node gives it;
* ``oa:hasSource`` the Source;
* an ``oa:TextQuoteSelector`` — ``oa:exact`` the passage as captured (line
  breaks and end-of-line hyphens included), ``oa:prefix`` and ``oa:suffix``
  the :data:`CONTEXT` characters either side;
* an ``oa:TextPositionSelector`` — ``oa:start`` and ``oa:end``, character
  offsets (Unicode code points) into the text;

and, for a text with pages (a PDF: pages separated by form feeds, see
:mod:`graph.sources`), ``schema:pageStart`` and ``schema:pageEnd`` — the
pages the quote starts and ends on, which citations give ("p. 2",
"pp. 1–2"); and the text's SHA-256 on the Source (``pag:sha256``), so a
changed text is detected. The bundled corpus carries no copy of its texts:
only quotes, anchors and hashes.

One :class:`Anchor` serves everything that places a quote: :func:`anchor`
finds it in a text (the tolerant matching of
:func:`graph.textmatch.occurrences`: white space, typographic quotes,
end-of-line hyphens), :func:`reanchor` finds it again in a changed text,
and :func:`quote_positions` reads the anchors of a store (all of them, or
only those of the quotes a report shows) for the reports' and the site's
citations.

Anchors are generated, one TriG file per source (``SLUG.anchors.trig``, in
the source's graph)::

    python -m graph.anchors ../shared/seeds            # rewrite data/*.anchors.trig
    python -m graph.anchors DIR --data my.trig --out OUT

and checked by :func:`check_anchors` (``pag validate --texts DIR``).

Examples
--------
>>> a = anchor("the surge", "Before the\\nsurge, after.", context=4)
>>> (a.start, a.end, a.exact, a.prefix, a.suffix)
(7, 16, 'the\\nsurge', 'ore ', ', af')
>>> b = anchor("page two", "page one\\fpage two\\f")
>>> (b.page_start, b.page_end, b.pages)
(2, 2, 'p. 2')
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import RDF, Dataset, Literal, Namespace, URIRef

from graph.files import atomic_writer
from graph.namespace import PAG
from graph.sources import page_of
from graph.textmatch import find_quote, occurrences

if TYPE_CHECKING:
    from graph.stores import Store

__all__ = [
    "CONTEXT",
    "OA",
    "SCHEMA",
    "Anchor",
    "anchor",
    "anchor_iri",
    "attach_pages",
    "check_anchors",
    "has_pages",
    "main",
    "page_label",
    "quote_positions",
    "reanchor",
    "render_anchors",
    "sha256_text",
    "write_anchors",
]

OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

#: characters of context kept either side of a quote (prefix, suffix)
CONTEXT = 32

_ANCHOR_BASE = "https://w3id.org/pag/id/anchor/"


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

    @property
    def pages(self) -> str:
        """``"p. 2"``, ``"pp. 1–2"``, or ``""`` for a text without pages."""
        return page_label(self.page_start, self.page_end)


def page_label(start: int | None, end: int | None = None) -> str:
    """How a citation gives the pages of a quote.

    >>> page_label(2), page_label(2, 2), page_label(1, 2), page_label(None)
    ('p. 2', 'p. 2', 'pp. 1–2', '')
    """
    if start is None:
        return ""
    if end is None or end == start:
        return f"p. {start}"
    return f"pp. {start}\u2013{end}"


def sha256_text(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def anchor(quote: str, text: str, *, context: int = CONTEXT, near: int | None = None) -> Anchor | None:
    """The selectors for ``quote`` in ``text``, or None when it is not there.

    The first occurrence is taken, or with ``near`` the one that starts
    closest to that offset (the selection a person made). In a text with
    pages (separated by ``\\f``) the anchor gives the pages the quote
    starts and ends on.
    """
    spans = occurrences(quote, text)
    if not spans:
        return None
    start, end = spans[0] if near is None else min(spans, key=lambda se: abs(se[0] - near))
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


def anchor_iri(source: str, node: str, quote: str) -> str:
    """A stable IRI for the anchor of one quote of one node in one source."""
    slug = source.rstrip("/").rsplit("/", 1)[-1]
    digest = hashlib.sha256(f"{node}\n{quote}".encode()).hexdigest()[:16]
    return f"{_ANCHOR_BASE}{slug}/{digest}"


def _lit(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    out = out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{out}"'


def _seeds(ds: Dataset) -> dict[str, str]:
    return {str(s): str(o) for s, o in ds.subject_objects(PAG.seedFile)}


def _quotes_by_graph(ds: Dataset) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for s, _p, q, g in ds.quads((None, PAG.quote, None, None)):
        found[str(getattr(g, "identifier", g))].add((str(s), str(q)))
    return found


def render_anchors(
    source: str, seed: str, text: str, digest: str, quotes: Iterable[tuple[str, str]]
) -> tuple[str, list[tuple[str, str]]]:
    """The TriG of one source's anchors, and the (node, quote) pairs that could not be anchored."""
    lines = [
        "@prefix pag: <https://w3id.org/pag#> .",
        "@prefix oa:  <http://www.w3.org/ns/oa#> .",
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
        "# Generated by `python -m graph.anchors DIR`; do not edit by hand.",
        f"# Where each quote of <{source}> sits in {seed}:",
        "# W3C Web Annotation selectors, offsets in characters of the text.",
        "",
        f"<{source}> {{",
        f"    <{source}> pag:sha256 {_lit(digest)} .",
    ]
    missing = []
    for node, quote in sorted(quotes):
        a = anchor(quote, text)
        if a is None:
            missing.append((node, quote))
            continue
        pages = [
            f"        <{SCHEMA.pageStart}> {a.page_start} ;",
            f"        <{SCHEMA.pageEnd}> {a.page_end} ;",
        ] if a.page_start is not None else []
        lines += [
            "",
            f"    <{anchor_iri(source, node, quote)}> a oa:SpecificResource ;",
            f"        pag:anchorOf <{node}> ;",
            f"        rdf:value {_lit(quote)} ;",
            f"        oa:hasSource <{source}> ;",
            *pages,
            "        oa:hasSelector [ a oa:TextQuoteSelector ;",
            f"                oa:exact {_lit(a.exact)} ;",
            f"                oa:prefix {_lit(a.prefix)} ;",
            f"                oa:suffix {_lit(a.suffix)} ] ,",
            "            [ a oa:TextPositionSelector ;",
            f'                oa:start "{a.start}"^^xsd:nonNegativeInteger ;',
            f'                oa:end "{a.end}"^^xsd:nonNegativeInteger ] .',
        ]
    lines.append("}")
    return "\n".join(lines) + "\n", missing


def write_anchors(
    ds: Dataset, texts: Path, out_dir: Path
) -> tuple[list[Path], list[tuple[str, str, str]]]:
    """Write ``SLUG.anchors.trig`` for every source with a seed file in ``texts``.

    Returns the files written and the ``(source, node, quote)`` triples whose
    quote is not in the text (those get no anchor; fix the quote).
    """
    written: list[Path] = []
    missing: list[tuple[str, str, str]] = []
    quotes = _quotes_by_graph(ds)
    for source, seed in sorted(_seeds(ds).items()):
        path = texts / seed
        if not path.is_file():
            raise FileNotFoundError(f"{path}: the text of {source} is not in {texts}")
        text = path.read_text(encoding="utf-8")
        body, miss = render_anchors(source, seed, text, sha256_text(path), quotes.get(source, ()))
        missing += [(source, n, q) for n, q in miss]
        slug = source.rstrip("/").rsplit("/", 1)[-1]
        target = out_dir / f"{slug}.anchors.trig"
        with atomic_writer(target) as fh:
            fh.write(body.encode("utf-8"))
        written.append(target)
    return written, missing


# (severity, node, message, graph)
AnchorProblem = tuple[str, str, str, str]


def check_anchors(ds: Dataset, texts: Path) -> list[AnchorProblem]:
    """Check every quote's anchor against the texts in ``texts``.

    Reports: a text whose SHA-256 is not the one its Source records (it
    changed since the anchors were made); an anchor whose selectors do not
    resolve to its quote in the text; a quote with no anchor (a warning).
    """
    out: list[AnchorProblem] = []
    regen = f"python -m graph.anchors {texts}"
    seeds = _seeds(ds)
    quotes = _quotes_by_graph(ds)
    anchors: dict[str, dict[tuple[str, str], URIRef]] = defaultdict(dict)
    for res, _p, anchored, g in ds.quads((None, PAG.anchorOf, None, None)):
        gid = str(getattr(g, "identifier", g))
        for value in ds.objects(res, RDF.value):
            anchors[gid][(str(anchored), str(value))] = URIRef(str(res))
    for source, seed in sorted(seeds.items()):
        path = texts / seed
        if not path.is_file():
            continue  # the quote check reports a missing text
        text = path.read_text(encoding="utf-8")
        recorded = {str(o) for o in ds.objects(URIRef(source), PAG.sha256)}
        actual = sha256_text(path)
        if recorded and actual not in recorded:
            out.append((
                "error", source,
                f"{seed} has changed since its quotes were anchored (sha256 {min(recorded)[:12]}…, "
                f"now {actual[:12]}…): check its quotes against the new text, then regenerate "
                f"the anchors with `{regen}`",
                source,
            ))  # fmt: skip
        for node, quote in sorted(quotes.get(source, ())):
            a = anchors[source].get((node, quote))
            if a is None:
                out.append(
                    ("warning", node, f"quote has no anchor in {seed}: run `{regen}`", source)
                )
                continue
            problem = _check_one(ds, a, text, quote)
            if problem:
                out.append(
                    (
                        "error",
                        node,
                        f"anchor {a} {problem} in {seed}: regenerate with `{regen}`",
                        source,
                    )
                )
    return out


def _int(value: object) -> int | None:
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def _check_one(ds: Dataset, a: URIRef, text: str, quote: str) -> str:
    exact = prefix = suffix = None
    start = end = None
    for sel in ds.objects(a, OA.hasSelector):
        types = set(ds.objects(sel, RDF.type))
        if OA.TextQuoteSelector in types:
            exact = ds.value(sel, OA.exact)
            prefix = ds.value(sel, OA.prefix)
            suffix = ds.value(sel, OA.suffix)
        if OA.TextPositionSelector in types:
            start = _int(ds.value(sel, OA.start))
            end = _int(ds.value(sel, OA.end))
    if exact is None or start is None or end is None:
        return "lacks a TextQuoteSelector or TextPositionSelector"
    if not (0 <= start <= end <= len(text)) or text[start:end] != str(exact):
        return f"does not resolve: characters {start}–{end} are not its exact text"
    if not find_quote(quote, str(exact)):
        return "resolves to a passage that is not its quote"
    if prefix is not None and not text[:start].endswith(str(prefix)):
        return "has a prefix that is not the text before it"
    if suffix is not None and not text[end:].startswith(str(suffix)):
        return "has a suffix that is not the text after it"
    given = (_int(ds.value(a, SCHEMA.pageStart)), _int(ds.value(a, SCHEMA.pageEnd)))
    actual = (page_of(text, start), page_of(text, max(start, end - 1)))
    if given != (None, None) and given != actual:
        return f"gives {page_label(*given) or 'no page'}, but the quote is on {page_label(*actual)}"
    return ""


_QUOTE_ANCHORS = """\
PREFIX pag: <https://w3id.org/pag#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <https://schema.org/>
SELECT ?node ?source ?quote ?start ?end ?exact ?prefix ?suffix ?ps ?pe WHERE {
  GRAPH ?g {
    %s
    ?a pag:anchorOf ?node ; rdf:value ?quote ; oa:hasSource ?source ; oa:hasSelector ?sel .
    ?sel a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    OPTIONAL { ?a oa:hasSelector ?tq . ?tq a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix }
    OPTIONAL { ?a schema:pageStart ?ps ; schema:pageEnd ?pe }
  }
}
"""
_CHUNK = 200
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')

#: ``(node, source, quote) -> Anchor``
Positions = dict[tuple[str, str, str], Anchor]


def quote_positions(store: Store, quotes: Iterable[tuple[str, str]] | None = None) -> Positions:
    """``(node, source, quote) -> Anchor``: where each anchored quote sits in its text.

    Read from the W3C Web Annotation anchors of ``store`` (an
    ``oa:TextPositionSelector`` per quote, the ``oa:TextQuoteSelector`` and,
    for a text with pages, ``schema:pageStart``/``schema:pageEnd``); quotes
    without one are absent. ``quotes`` — ``(source, quote)`` pairs — reads
    only the anchors of those quotes (a report's, one lookup per quote)
    instead of every anchor in the store.

    Examples
    --------
    >>> from graph.stores import open_store
    >>> store = open_store("memory")
    >>> src = "https://w3id.org/pag/id/source/dpa-2020-criminal-justice-reform-fentanyl-era"
    >>> found = quote_positions(store, [(src, "Unlike abstinence-only treatment advocates,")])
    >>> [(node.rsplit("/", 1)[-1], a.start, a.end, a.exact, a.pages) for (node, _s, _q), a in found.items()]
    [('abstinence-only-treatment-advocates', 8267, 8310, 'Unlike\\nabstinence-only treatment advocates,', '')]
    """
    if quotes is None:
        rows = store.query(_QUOTE_ANCHORS % "", safe=False).dicts()  # our own constant query
    else:
        # a source is an IRI of the store's data; anything that cannot be one is not looked up
        wanted = sorted((s, q) for s, q in set(quotes) if not _NOT_IRI.search(s))
        rows = []
        for i in range(0, len(wanted), _CHUNK):
            body = " ".join(f"(<{s}> {Literal(q).n3()})" for s, q in wanted[i : i + _CHUNK])
            # the quotes are escaped by rdflib (Literal.n3), the sources are IRIs of the store
            rows += store.query(_QUOTE_ANCHORS % f"VALUES (?source ?quote) {{ {body} }}", safe=False).dicts()
    out: Positions = {}
    for row in rows:
        start, end = _int(row.get("start")), _int(row.get("end"))
        if start is None or end is None:
            continue
        ps, pe = _int(row.get("ps")), _int(row.get("pe"))
        a = Anchor(
            start, end, _str(row.get("exact")), _str(row.get("prefix")), _str(row.get("suffix")),
            ps, pe if pe is not None or ps is None else ps,
        )  # fmt: skip
        key = (str(row["node"]), str(row["source"]), str(row["quote"]))
        old = out.get(key)
        if old is None or (a.start, a.end) < (old.start, old.end):
            out[key] = a
    return out


_HAS_PAGES = """\
PREFIX schema: <https://schema.org/>
ASK { GRAPH ?g { ?a schema:pageStart ?p } }
"""


def has_pages(store: Store) -> bool:
    """Whether any anchor in ``store`` gives pages (one ASK): else citations need no anchor read.

    >>> from graph.stores import open_store
    >>> has_pages(open_store("memory"))  # the bundled corpus: texts without pages
    False
    """
    return bool(store.query(_HAS_PAGES, safe=False).boolean)


def _quotes_in(data: Any) -> Iterator[dict[str, Any]]:
    """Every quote (a mapping with a ``quote`` and a ``source`` string) in JSON-like ``data``."""
    todo = [data]
    while todo:
        x = todo.pop()
        if isinstance(x, dict):
            if isinstance(x.get("quote"), str) and isinstance(x.get("source"), str):
                yield x
            todo.extend(x.values())
        elif isinstance(x, list | tuple):
            todo.extend(x)


def attach_pages(data: Any, store: Store) -> int:
    """Give every quote a report shows the pages its anchor records.

    Each quote in ``data`` (a report's data: every ``{"source", "quote"}``
    mapping in it) whose anchor gives ``schema:pageStart``/``pageEnd`` gets
    ``page_start`` and ``page_end`` (the same words quoted by two nodes of one
    source: the first place). Only those quotes' anchors are read, and none
    when the store has no paged text (one ASK). Returns how many quotes got
    pages; the bundled corpus has no pages, so its reports are unchanged.

    >>> from graph.stores import open_store
    >>> data = {"quote": {"source": "urn:s", "quote": "Deaths fell."}}
    >>> attach_pages(data, open_store("memory")), data
    (0, {'quote': {'source': 'urn:s', 'quote': 'Deaths fell.'}})
    """
    quotes = list(_quotes_in(data))
    if not quotes or not has_pages(store):
        return 0
    pages: dict[tuple[str, str], tuple[int, int]] = {}
    for (_node, source, quote), a in quote_positions(store, {(q["source"], q["quote"]) for q in quotes}).items():
        if a.page_start is not None and a.page_end is not None:
            key = (source, quote)
            pages[key] = min(pages.get(key, (a.page_start, a.page_end)), (a.page_start, a.page_end))
    n = 0
    for q in quotes:
        found = pages.get((q["source"], q["quote"]))
        if found is not None:
            q["page_start"], q["page_end"] = found
            n += 1
    return n


def _str(value: object) -> str:
    return "" if value is None else str(value)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m graph.anchors TEXTS [--data FILE …] [--out DIR]``."""
    from graph.resources import corpus_files, data_dir

    ap = argparse.ArgumentParser(prog="python -m graph.anchors", description=(
        "Anchor every quote in its source text (W3C Web Annotation selectors) and record each "
        "text's SHA-256; writes SLUG.anchors.trig per source."
    ))  # fmt: skip
    ap.add_argument(
        "texts", type=Path, help="folder of the source texts (each Source's pag:seedFile)"
    )
    ap.add_argument(
        "--data", type=Path, nargs="+", help="RDF files to read (default: the bundled corpus)"
    )
    ap.add_argument(
        "--out", type=Path, help="folder to write into (default: the bundled corpus folder)"
    )
    args = ap.parse_args(argv)
    files = args.data or [p for p in corpus_files() if not p.name.endswith(".anchors.trig")]
    ds = Dataset(default_union=True)
    for f in files:
        ds.parse(f, format="trig" if f.suffix == ".trig" else None)
    written, missing = write_anchors(ds, args.texts, args.out or data_dir())
    for path in written:
        print(f"wrote {path}")
    for source, node, quote in missing:
        print(
            f"not anchored (quote not in the text of {source}): {node}: {quote[:60]!r}",
            file=sys.stderr,
        )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
