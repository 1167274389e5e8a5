"""A static site of the debate that people read, search, cite and print.

:func:`build_site` writes, into one folder, pages that work opened from disk
with no network (vis-network, MiniSearch and our scripts are written once
into ``assets/``)::

    index.html              policies, actors and sources: sortable, filterable tables
    stances.html            who stands where: actor x policy grid (for / against)
    debate.html             the whole debate as a graph (opens on a summary)
    policy/<name>.html      the policy's outline (for / against down to the
                            evidence, each with its verdict, quote and
                            citation), then the same argument as a graph
    claim/<name>.html       the same for one claim, and where it is used
    actor/<name>.html       the actor's stances and claims as an outline,
                            then its neighbourhood
    source/<name>.html      one document: its metadata and every quote taken
                            from it, with the node each one backs
    assets/                 styles, scripts, the search index, licences

Every node has a stable anchor (``id``) on its page, so a claim can be cited
by URL (``policy/naloxone.html#claim-naloxone-saves-lives``). Every page is
rendered from ``graph/templates/`` with HTML escaping on (graph text is
untrusted); each file is written atomically; the same graph gives the same
bytes.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:p", kind="policy", label="Naloxone access", quotes=[], sources=[])
>>> G.add_node("urn:a", kind="actor", label="A health department", quotes=[], sources=[])
>>> _ = G.add_edge("urn:a", "urn:p", key="advocates", relation="advocates", sources=[])
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> rep = build_site(G, out, labels=None)
>>> rep["index"], rep["pages"]
('index.html', ['actor/a.html', 'debate.html', 'index.html', 'policy/p.html', 'stances.html'])
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import shlex
import shutil
import tempfile
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from itertools import zip_longest
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from graph.analysis.chains import argument_tree
from graph.anchors import Anchor, quote_positions
from graph.curation import is_curation_graph
from graph.errors import InputError
from graph.semantics import evaluate as semantic_evaluate
from graph.semantics import explain_all as semantic_explain_all
from graph.semantics import verdict as semantic_verdict
from graph.terms import curie
from graph.view import (
    DEFAULT_MAX_NODES,
    KIND_STYLE,
    asset_files,
    display_name,
    grounded,
    render_html,
    rests_on,
    safe_url,
    script_json,
    template_env,
    view_data,
)

__all__ = [
    "PAGE_KINDS",
    "SITE_MANIFEST",
    "build_site",
    "node_names",
    "page_names",
    "quote_order",
    "quote_positions",
    "search_documents",
    "verdicts",
]

#: kinds of node that get a page of their own
PAGE_KINDS = ("policy", "claim", "actor", "source")

#: the list of files the last `pag site` wrote into a folder (so that a
#: rebuild can remove its own pages that no longer exist, and nothing else)
SITE_MANIFEST = ".pag-site.json"

_CSP = (
    "default-src 'none'; script-src 'self' file:; style-src 'self' file: 'unsafe-inline'; img-src data:; "
    "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
)
_STANCES = ("advocates", "opposes")
_KIND_ORDER = {"policy": 0, "claim": 1, "evidence": 2, "actor": 3, "source": 4}

# How long a page may grow: a node with a huge neighbourhood (an actor
# asserting thousands of claims, a policy with an enormous tree, a document
# with tens of thousands of quotes) gets the first ones, in the page's usual
# order, and a notice pointing to the command that shows them all. No page is
# then longer than a few hundred lines, and the build stays linear.

#: the most lines an argument page's outline shows, breadth first (the rest: ``pag chains``)
OUTLINE_LINES = 500
#: the most levels an argument page's outline shows
OUTLINE_DEPTH = 30
#: the most claims and evidence items an actor page lists (the rest: ``pag actor``)
ACTOR_LINES = 300
#: the most stances an actor page lists
ACTOR_STANCES = 200
#: quotes per source page (a longer document runs on to ``source/NAME.2.html``, …)
SOURCE_QUOTES = 1000
#: the stance grid's columns (the policies most actors take a stance on), and its
#: cells (rows: as many actors as fit, those with the most stances on those policies)
GRID_POLICIES = 150
GRID_CELLS = 20_000
#: rows per table of the index (the search box finds every page)
INDEX_ROWS = 1000


def _cap(shown: int, total: int | None, what: str, commands: Iterable[str] = (), hint: str = "") -> dict[str, Any]:
    """What a capped list says: ``shown`` of ``total`` (None: more than is worth
    counting), ``more`` left out, ``text`` (the sentence) and the ``commands`` that
    show them all (or a ``hint`` where to find them).

    >>> _cap(400, 2711, "lines", ["pag chains claim:x"])["text"]
    'Showing the first 400 of 2,711 lines: 2,311 more.'
    >>> _cap(400, None, "lines")["text"]
    'Showing the first 400 lines: there are more.'
    """
    more = None if total is None else total - shown
    text = (f"Showing the first {shown:,} of {total:,} {what}: {more:,} more." if total is not None
            else f"Showing the first {shown:,} {what}: there are more.")
    return {"shown": shown, "total": total, "more": more, "what": what, "text": text, "commands": list(commands),
            "hint": hint}


def _command(verb: str, n: str) -> str:
    """``pag VERB CURIE``: the focused command for node ``n``, quoted for a shell."""
    return f"pag {verb} {shlex.quote(curie(n))}"

# ---------------------------------------------------------------------------
# names and anchors


def _slug(iri: str) -> str:
    tail = iri.rstrip("/#")
    for sep in ("#", "/", ":"):
        tail = tail.rsplit(sep, 1)[-1] if sep in tail else tail
    text = re.sub(r"[^a-z0-9]+", "-", tail.lower()).strip("-")[:80]
    if not text or text == iri.lower():
        text = re.sub(r"[^a-z0-9]+", "-", iri.lower()).strip("-")[:80]
    return text or "node"


def node_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """A short name for every node, unique within its kind and stable (from the IRI).

    The node's anchor on any page is ``KIND-NAME`` and its page, when its
    kind has one, ``KIND/NAME.html``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://x.org/claim/a", kind="claim")
    >>> G.add_node("https://y.org/claim/a", kind="claim")
    >>> node_names(G)
    {'https://x.org/claim/a': 'a', 'https://y.org/claim/a': 'a-2'}
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    for n in sorted(G):
        kind = str(G.nodes[n].get("kind") or "other")
        base = _slug(n)
        name, i = base, 1
        while f"{kind}/{name}" in used:
            i += 1
            name = f"{base}-{i}"
        used.add(f"{kind}/{name}")
        out[n] = name
    return out


def page_names(G: nx.MultiDiGraph, names: Mapping[str, str] | None = None) -> dict[str, str]:
    """The page of each policy, claim, actor and source, relative to the site root.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://x.org/policy/naloxone", kind="policy")
    >>> G.add_node("https://y.org/policy/naloxone", kind="policy")
    >>> G.add_node("urn:a", kind="actor")
    >>> page_names(G)
    {'https://x.org/policy/naloxone': 'policy/naloxone.html', 'https://y.org/policy/naloxone': 'policy/naloxone-2.html', 'urn:a': 'actor/a.html'}
    """
    names = names if names is not None else node_names(G)
    return {
        n: f"{G.nodes[n]['kind']}/{names[n]}.html" for n in sorted(G) if G.nodes[n].get("kind") in PAGE_KINDS
    }


class _Names:
    """Pages, anchors and labels of one build (one place for every link)."""

    def __init__(self, G: nx.MultiDiGraph, positions: Positions | None = None) -> None:
        self.G = G
        self.short = node_names(G)
        self.pages = page_names(G, self.short)
        self.positions = positions or {}
        #: (node, quote anchor) -> the page of its source that lists it, when
        #: not the source's first page (a long document's quotes run on)
        self.quote_at: dict[tuple[str, str], str] = {}

    def kind(self, n: str) -> str:
        return str(self.G.nodes[n].get("kind") or "other") if n in self.G else "other"

    def label(self, n: str) -> str:
        return str(self.G.nodes[n].get("label", n)) if n in self.G else n

    def anchor(self, n: str) -> str:
        return f"{self.kind(n)}-{self.short[n] if n in self.short else _slug(n)}"

    def page(self, n: str, root: str = "") -> str | None:
        """The node's own page, or (evidence) its first quote on its source's page."""
        if n in self.pages:
            return root + self.pages[n]
        for q in self.G.nodes[n].get("quotes") or [] if n in self.G else []:
            s = q.get("source")
            if s in self.pages:
                return root + self.quote_href(s, n, q)
        return None

    def quote_href(self, s: str, n: str, q: Mapping[str, Any]) -> str:
        """``source/NAME[.K].html#q-…``: the quote on the page of its source that lists it."""
        anchor = self.quote_anchor(n, q)
        return f"{self.quote_at.get((n, anchor), self.pages[s])}#{anchor}"

    def quote_pages(self, n: str | None, q: Mapping[str, Any] | None) -> str:
        """The pages of a quote of ``n`` ("p. 2", "pp. 1–2"), when its anchor records them, else ""."""
        if n is None or q is None:
            return ""
        a = self.positions.get((n, str(q.get("source", "")), str(q.get("quote", ""))))
        return a.pages if a is not None else ""

    def quote_anchor(self, n: str, q: Mapping[str, Any]) -> str:
        """``q-KIND-NAME-I``: the quote's place on its source page (I counts the node's quotes from that source)."""
        same = [x for x in self.G.nodes[n].get("quotes") or [] if x.get("source") == q.get("source")]
        i = next((i for i, x in enumerate(same, 1) if x.get("quote") == q.get("quote")), 1)
        return f"q-{self.anchor(n)}-{i}"


def _sort_key(text: str) -> str:
    """Sort labels by their words: leading quotes and punctuation do not count."""
    return re.sub(r"^[^0-9A-Za-z]+", "", text).casefold()


# ---------------------------------------------------------------------------
# verdicts in words (one place: swap this function when the semantics change)

_VERDICT_WORDS = {"IN": "stands", "OUT": "defeated", "UNDECIDED": "undecided"}


def verdicts(G: nx.MultiDiGraph, labels: Mapping[str, str] | None) -> dict[str, dict[str, Any]]:
    """The verdict on every argument node, in words: ``{"label", "words", "reason", "decisive"}``,
    and for a policy ``headline`` (the arguments for and against it that survive).

    ``reason`` is :func:`graph.semantics.explain_all`'s plain-words reason
    (what decides the label, by which path) and ``decisive`` the nodes it
    names; ``headline`` is :func:`graph.semantics.verdict`'s. This is the one
    place the site asks the semantics; swap it here.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c", kind="claim", label="C"); G.add_node("x", kind="evidence", label="X")
    >>> _ = G.add_edge("x", "c", key="attacks", relation="attacks", sources=[])
    >>> v = verdicts(G, {"c": "OUT", "x": "IN"})
    >>> v["c"]["words"], v["c"]["reason"], v["x"]["reason"]
    ('defeated', 'OUT because X (x) attacks it, and nothing attacks X', 'IN: nothing attacks it; it stands as reported')
    """
    if labels is None:
        return {}
    ev = semantic_evaluate(G)
    why = semantic_explain_all(G, evaluation=ev)
    out: dict[str, dict[str, Any]] = {}
    for n, lab in labels.items():
        w = why.get(n)
        out[n] = {
            "label": lab,
            "words": _VERDICT_WORDS.get(lab, lab.lower()),
            "reason": str(w["reason"]) if w else "",
            "decisive": sorted(w["deciding"]) if w else [],
        }
        if n in G and G.nodes[n].get("kind") == "policy":
            out[n]["headline"] = str(semantic_verdict(G, n, evaluation=ev)["headline"])
    return out


def _lab(G: nx.MultiDiGraph, n: str) -> str:
    return str(G.nodes[n].get("label", n)) if n in G else n


# ---------------------------------------------------------------------------
# citations and quotes


def _year(date: Any) -> str:
    m = re.search(r"\d{4}", str(date or ""))
    return m.group(0) if m else ""


def _cite(G: nx.MultiDiGraph, names: _Names, s: str, root: str, node: str | None = None,
          quote: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A short citation: who (author or publisher) and year, linked to the source page and the quote's place
    (and its pages, when the quote's anchor records them)."""
    if is_curation_graph(s):  # the curators' reading across documents, never a source's words
        return {"short": "linked by the curators", "title": "a link no single document makes", "href": None, "url": None}
    a = G.nodes[s] if s in G else {}
    title = str(a.get("title") or a.get("label") or curie(s))
    who = display_name(G, a["creator"]) if a.get("creator") else display_name(G, a["publisher"]) if a.get("publisher") else ""
    short = ", ".join(x for x in (who or _short_title(title), _year(a.get("date"))) if x)
    href = root + names.pages[s] if s in names.pages else None
    if href and node is not None and quote is not None:
        href = root + names.quote_href(s, node, quote)
    return {"short": short, "title": title, "href": href, "url": safe_url(a.get("url")), "pages": names.quote_pages(node, quote)}


def _short_title(title: str) -> str:
    words = title.split()
    return " ".join(words[:5]) + ("\u2026" if len(words) > 5 else "")


#: ``(node, source, quote) -> Anchor`` (:func:`graph.anchors.quote_positions`)
Positions = Mapping[tuple[str, str, str], Anchor]


def quote_order(q: Mapping[str, Any], positions: Positions | None = None, node: str = "") -> tuple[int, int] | None:
    """The quote's place in its document, when the data records it (a TextPositionSelector's start, end).

    From ``positions`` (:func:`graph.anchors.quote_positions`), else from
    ``start``/``end`` keys on the quote itself.

    >>> from graph.anchors import Anchor
    >>> quote_order({"quote": "x", "start": 120, "end": 140}), quote_order({"quote": "x"})
    ((120, 140), None)
    >>> quote_order({"quote": "x", "source": "urn:s"}, {("urn:n", "urn:s", "x"): Anchor(5, 6, "x", "", "")}, "urn:n")
    (5, 6)
    """
    if positions:
        at = positions.get((node, str(q.get("source", "")), str(q.get("quote", ""))))
        if at is not None:
            return at.start, at.end
    start = q.get("start")
    if isinstance(start, int) and not isinstance(start, bool):
        end = q.get("end")
        return (start, end if isinstance(end, int) and not isinstance(end, bool) else start)
    return None


# ---------------------------------------------------------------------------
# outlines (policy, claim and actor pages)


class _Outline:
    """Builds outline items from :func:`graph.analysis.chains.argument_tree` for one page."""

    def __init__(
        self, G: nx.MultiDiGraph, names: _Names, verdict: Mapping[str, Mapping[str, Any]], root: str,
        why: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        self.G, self.names, self.verdict, self.root = G, names, verdict, root
        self.why = why or {}
        self.placed: set[str] = set()
        self.keep: set[int] | None = None  # the tree nodes (by id) within the page's budget

    def budget(self, tree: Mapping[str, Any], lines: int) -> int:
        """Keep the first ``lines`` lines below the root, breadth first, the lines
        for and against each line taken in turn (so that a cut page still shows
        both sides); the number of lines in the tree."""
        keep: set[int] = set()
        total = 0
        todo: deque[Mapping[str, Any]] = deque([tree])
        while todo:
            t = todo.popleft()
            total += 1
            if len(keep) <= lines:  # the root and ``lines`` below it
                keep.add(id(t))
            kids = t.get("children") or []
            pro = [c for c in kids if c.get("relation") == "supports"]
            con = [c for c in kids if c.get("relation") != "supports"]
            todo.extend(c for pair in zip_longest(pro, con) for c in pair if c is not None)
        self.keep = keep if total > lines + 1 else None
        return total - 1

    def item(self, node: Mapping[str, Any], level: int, parent: str | None = None) -> dict[str, Any]:
        n = str(node["id"])
        first = n not in self.placed and not node.get("cycle")
        self.placed.add(n)
        q = node.get("quote")
        kids = [self.item(c, level + 1, n) for c in node.get("children") or [] if self.keep is None or id(c) in self.keep]
        curated = parent is not None and any(is_curation_graph(s) for s in node.get("edge_sources") or [])
        return {
            "anchor": self.names.anchor(n) if first else None,
            "ref": self.names.anchor(n),
            "label": node["label"],
            "kind": node["kind"],
            "page": self.names.page(n, self.root),
            "relation": node.get("relation"),
            "verdict": self.verdict.get(n),
            "quote": q["quote"] if q else None,
            "cite": _cite(self.G, self.names, q["source"], self.root, n, q) if q and q.get("source") else None,
            "edge_cites": [
                _cite(self.G, self.names, s, self.root)
                for s in node.get("edge_sources") or []
                if not (q and q.get("source") == s) and not is_curation_graph(s)  # cited with the quote / below
            ],
            # a link no document makes: the curators', with their reason (never "stated in" a source)
            "curated": (self.why.get((n, parent), "") or "no rationale recorded") if curated and parent else None,
            "asserted_by": [
                {"label": a["label"], "page": self.names.page(a["actor"], self.root)} for a in node.get("asserted_by") or []
            ],
            "note": "circular: already above" if node.get("cycle") else "shown above" if node.get("repeat") else None,
            "open": level <= 2,  # two levels open below the page's own node
            "pro": [k for k in kids if k["relation"] == "supports"],
            "con": [k for k in kids if k["relation"] == "attacks"],
            "total": 1 + sum(k["total"] for k in kids),
        }

    def stances(self, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "label": r["label"],
                "page": self.names.page(r["actor"], self.root),
                "predicates": [p for p in r.get("predicates") or [] if p not in _STANCES],
                "cites": [_cite(self.G, self.names, s, self.root) for s in r.get("sources") or []],
            }
            for r in rows
        ]


def _argument_page(
    G: nx.MultiDiGraph, names: _Names, n: str, verdict: Mapping[str, Mapping[str, Any]],
    labels: Mapping[str, str] | None, why: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, Any]:
    """The outline of a policy or claim page: its case for and against, and (a claim) where it is used.

    At most :data:`OUTLINE_LINES` lines (breadth first) and
    :data:`OUTLINE_DEPTH` levels; a bigger tree is read only to the depth that
    holds a few times that many nodes, and ``cap`` says
    so and names the command that shows it whole. ``depth``: that depth (None:
    the whole tree), for the page's graph too.
    """
    depth, _size = _depth_within(G, n, 5 * OUTLINE_LINES, OUTLINE_DEPTH)
    tree = argument_tree(G, n, labels=labels, depth=depth)
    ol = _Outline(G, names, verdict, "../", why)
    lines = ol.budget(tree["tree"], OUTLINE_LINES)
    root = ol.item(tree["tree"], 0)
    cap = None
    if ol.keep is not None or depth is not None:
        cap = _cap(min(lines, OUTLINE_LINES), lines if depth is None else None, "lines of the argument",
                   [_command("chains", n), _command("view", n)])
    used = []
    for _u, v, k, d in sorted(G.out_edges(n, keys=True, data=True), key=lambda e: (e[2], _sort_key(_lab(G, e[1])), e[1])):
        if k in ("supports", "attacks"):
            srcs = d.get("sources") or []
            used.append({
                "relation": k, "label": _lab(G, v), "kind": names.kind(v), "page": names.page(v, "../"),
                "verdict": verdict.get(v),
                "cites": [_cite(G, names, s, "../") for s in srcs if not is_curation_graph(s)],
                "curated": ((why or {}).get((n, v), "") or "no rationale recorded")
                if any(is_curation_graph(s) for s in srcs) else None,
            })
    kids = tree["tree"]["children"]
    return {
        "root": root,
        "cap": cap,
        # the lines right under it, for and against (all of them: the outline may show fewer)
        "sides": {"pro": sum(1 for k in kids if k["relation"] == "supports"),
                  "con": sum(1 for k in kids if k["relation"] == "attacks")},
        "depth": depth,
        "counts": tree["counts"],
        "cycles": [[_lab(G, x) for x in c] for c in tree.get("cycles") or []],
        "advocates": ol.stances(tree["stances"].get("advocates") or []),
        "opposes": ol.stances(tree["stances"].get("opposes") or []),
        "used": used,
        "facts": _facts(G, n),
        "quotes": [
            {"quote": str(q.get("quote", "")), "cite": _cite(G, names, q["source"], "../", n, q) if q.get("source") else None}
            for q in G.nodes[n].get("quotes") or []
        ],
    }


def _depth_within(G: nx.MultiDiGraph, root: str, limit: int, max_depth: int) -> tuple[int | None, int | None]:
    """How deep to read ``root``'s argument tree so that it holds at most ``limit``
    nodes and ``max_depth`` levels: ``(None, size)`` when the whole tree does,
    else ``(depth, None)`` (at least 1). A breadth-first walk that stops as
    soon as it passes either.

    >>> G = nx.MultiDiGraph()
    >>> _ = [G.add_edge(f"c{i + 1}", f"c{i}", key="supports") for i in range(9)]
    >>> _depth_within(G, "c0", 100, 40), _depth_within(G, "c0", 4, 40), _depth_within(G, "c0", 100, 5)
    ((None, 10), (3, None), (5, None))
    """
    seen = {root}
    frontier = [root]
    depth = 0
    while frontier:
        if depth == max_depth:
            return depth, None
        nxt: list[str] = []
        for m in frontier:
            for u, _v, k in G.in_edges(m, keys=True):
                if k in ("supports", "attacks") and u not in seen:
                    seen.add(u)
                    nxt.append(u)
                    if len(seen) > limit:
                        return max(depth, 1), None
        frontier = nxt
        depth += 1
    return None, len(seen)


def _under(G: nx.MultiDiGraph, root: str) -> set[str]:
    """Every node with an argument path into ``root``."""
    seen = {root}
    todo = deque([root])
    while todo:
        for u, _v, k in G.in_edges(todo.popleft(), keys=True):
            if k in ("supports", "attacks") and u not in seen:
                seen.add(u)
                todo.append(u)
    return seen


def _actor_page(
    G: nx.MultiDiGraph, names: _Names, n: str, verdict: Mapping[str, Mapping[str, Any]],
    under: Callable[[str], set[str]],
) -> dict[str, Any]:
    """The outline of an actor page: for / against (its stances), each with what it says bearing on that policy.

    At most :data:`ACTOR_STANCES` stances and :data:`ACTOR_LINES` claims and
    evidence items (in the page's order); ``caps`` says what is left out and
    names the commands that show it all.
    """
    said = {}
    for _u, v, k, d in G.out_edges(n, keys=True, data=True):
        if k == "asserts":
            said[v] = d
    placed: set[str] = set()

    def claim_item(c: str, d: Mapping[str, Any]) -> dict[str, Any]:
        quotes = G.nodes[c].get("quotes") or []
        q = next((q for q in quotes if q.get("source") in (d.get("sources") or [])), quotes[0] if quotes else None)
        first = c not in placed
        placed.add(c)
        bears = []
        for _c, v, k in sorted(G.out_edges(c, keys=True), key=lambda e: (e[2], _sort_key(_lab(G, e[1])), e[1])):
            if k in ("supports", "attacks"):
                bears.append({"relation": k, "label": _lab(G, v), "page": names.page(v, "../")})
        return {
            "anchor": names.anchor(c) if first else None, "ref": names.anchor(c),
            "label": _lab(G, c), "kind": names.kind(c), "page": names.page(c, "../"), "verdict": verdict.get(c),
            "quote": q["quote"] if q else None,
            "cite": _cite(G, names, q["source"], "../", c, q) if q and q.get("source") else None,
            "bears": bears,
        }

    sides: dict[str, list[dict[str, Any]]] = {"advocates": [], "opposes": []}
    stance_edges = sorted(
        ((v, k, d) for _u, v, k, d in G.out_edges(n, keys=True, data=True) if k in _STANCES),
        key=lambda e: (_sort_key(_lab(G, e[0])), e[0], e[1]),
    )
    caps = []
    if len(stance_edges) > ACTOR_STANCES:
        caps.append(_cap(ACTOR_STANCES, len(stance_edges), "stances", [_command("actor", n), _command("view", n)]))
        stance_edges = stance_edges[:ACTOR_STANCES]
    listed: set[str] = set()

    def within(cs: Iterable[str]) -> list[str]:
        """The claims of ``cs`` still within the page's budget (one already listed always is: a link to it)."""
        out = []
        for c in cs:
            if c not in listed and len(listed) >= ACTOR_LINES:
                continue
            listed.add(c)
            out.append(c)
        return out

    for v, k, d in stance_edges:
        mine = sorted((c for c in said if c in under(v)), key=lambda c: (_KIND_ORDER.get(names.kind(c), 9), _sort_key(_lab(G, c)), c))
        bearing = len(mine)
        mine = within(mine)
        first = v not in placed
        placed.add(v)
        sides[k].append({
            "anchor": names.anchor(v) if first else None, "ref": names.anchor(v),
            "label": _lab(G, v), "page": names.page(v, "../"), "verdict": verdict.get(v),
            "predicates": [p for p in d.get("predicates") or [] if p not in _STANCES],
            "cites": [_cite(G, names, s, "../") for s in d.get("sources") or []],
            "said": [claim_item(c, said[c]) for c in mine],
            "bearing": bearing,
        })
    rest = sorted((c for c in said if c not in placed), key=lambda c: (_KIND_ORDER.get(names.kind(c), 9), _sort_key(_lab(G, c)), c))
    rest = within(rest)
    if len(listed) < len(said):
        caps.append(_cap(len(listed), len(said), "claims and evidence items it asserts",
                         [_command("actor", n), _command("view", n)]))
    return {"pro": sides["advocates"], "con": sides["opposes"], "other": [claim_item(c, said[c]) for c in rest],
            "facts": _facts(G, n), "asserts": len(said), "caps": caps}


_FACT_KEYS = (
    ("types", "kind"), ("status", "status"), ("approach", "approach"), ("jurisdiction", "jurisdiction"),
    ("date", "date"), ("evidence_type", "evidence type"), ("value", "value"), ("population", "population"),
    ("place", "place"), ("period", "period"), ("creator", "author"), ("publisher", "publisher"),
    ("comment", "note"), ("date_note", "about the date"),
)


def _facts(G: nx.MultiDiGraph, n: str) -> list[tuple[str, str]]:
    a = G.nodes[n]
    rows: list[tuple[str, str]] = []
    for key, name in _FACT_KEYS:
        v = a.get(key)
        if v is None or v == [] or v == "":
            continue
        if key == "types":
            v = [t for t in v if t != "Actor"] or v
        if key == "comment" and isinstance(v, list):
            rows.extend((name, str(x)) for x in v)
            continue
        text = ", ".join(display_name(G, x) for x in v) if isinstance(v, list) else display_name(G, v)
        rows.append((name, text.replace("-", " ") if key in ("status", "approach") else text))
    return rows


# ---------------------------------------------------------------------------
# source pages


def _source_pages(
    G: nx.MultiDiGraph, names: _Names, verdict: Mapping[str, Mapping[str, Any]],
    positions: Positions | None = None,
) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Every source page, from one pass over the graph: ``{source: [(page, context), …]}``.

    One document as the corpus reads it: its quotes in document order, each
    with the node it backs. A document with more than :data:`SOURCE_QUOTES`
    quotes runs on to ``source/NAME.2.html``, ``NAME.3.html``, … (every
    quote keeps its anchor, and citations link to the page that holds it:
    ``names.quote_at`` is filled here).
    """
    sources = [s for s in names.pages if names.kind(s) == "source"]
    wanted = set(sources)
    rows: dict[str, list[dict[str, Any]]] = {s: [] for s in sources}
    kinds: dict[str, Counter[str]] = {s: Counter() for s in sources}
    for n in G:
        a = G.nodes[n]
        for s in set(a.get("sources") or []) & wanted:
            if s != n:
                kinds[s][names.kind(n)] += 1
        quotes = [q for q in a.get("quotes") or [] if q.get("source") in wanted and q.get("source") != n]
        if not quotes:
            continue
        out = sorted(
            ((v, k, d) for _n, v, k, d in G.out_edges(n, keys=True, data=True)
             if k in ("supports", "attacks", "advocates", "opposes")),
            key=lambda e: (e[1], _sort_key(_lab(G, e[0])), e[0]),
        )
        for q in quotes:
            s = str(q["source"])
            rows[s].append({
                "anchor": names.quote_anchor(n, q), "node_anchor": names.anchor(n), "node": n,
                "quote": str(q.get("quote", "")), "label": _lab(G, n), "kind": names.kind(n),
                "page": names.pages.get(n), "verdict": verdict.get(n),
                "place": [
                    {"relation": k, "label": _lab(G, v), "page": names.page(v, "../"), "verdict": verdict.get(v)}
                    for v, k, d in out if s in (d.get("sources") or [])
                ],
                "order": quote_order(q, positions, n), "pages": names.quote_pages(n, q),
            })
    pages: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for s in sources:
        mine = rows[s]
        positioned = all(r["order"] is not None for r in mine) and bool(mine)
        if positioned:
            mine.sort(key=lambda r: (r["order"], r["anchor"]))
        else:
            mine.sort(key=lambda r: (_KIND_ORDER.get(r["kind"], 9), _sort_key(r["label"]), r["anchor"]))
        seen: set[str] = set()
        for r in mine:  # the node's own anchor on its first quote (evidence has no page of its own)
            r["first"] = r["node_anchor"] not in seen
            seen.add(r["node_anchor"])
            r["page"] = "../" + r["page"] if r["page"] else None
        a = G.nodes[s]
        base = {
            "title": str(a.get("title") or a.get("label") or curie(s)),
            "url": safe_url(a.get("url")),
            "curie": curie(s),
            "facts": [(k, v) for k, v in _facts(G, s) if k != "kind"],
            "positioned": positioned,
            "counts": kinds[s],
            "total": len(mine),
        }
        chunks = [mine[i : i + SOURCE_QUOTES] for i in range(0, len(mine), SOURCE_QUOTES)] or [[]]
        rels = [names.pages[s] if i == 0 else f"{names.pages[s][: -len('.html')]}.{i + 1}.html" for i in range(len(chunks))]
        pages[s] = []
        for i, (rel, chunk) in enumerate(zip(rels, chunks, strict=True)):
            if i:
                for r in chunk:
                    names.quote_at[(r["node"], r["anchor"])] = rel
            pager = None
            if len(chunks) > 1:
                pager = {
                    "page": i + 1, "pages": len(chunks), "from": i * SOURCE_QUOTES + 1, "to": i * SOURCE_QUOTES + len(chunk),
                    "prev": Path(rels[i - 1]).name if i else None,
                    "next": Path(rels[i + 1]).name if i + 1 < len(rels) else None,
                    "all": [(k + 1, Path(r).name) for k, r in enumerate(rels)] if len(rels) <= 50 else None,
                }
            pages[s].append((rel, {**base, "quotes": chunk, "pager": pager}))
    return pages


# ---------------------------------------------------------------------------
# the index, the stance grid and the search documents


def _index_rows(
    G: nx.MultiDiGraph, names: _Names, verdict: Mapping[str, Mapping[str, Any]], under: Callable[[str], set[str]],
    source_pages: Mapping[str, list[tuple[str, dict[str, Any]]]],
) -> dict[str, Any]:
    """The index's four tables, each at most :data:`INDEX_ROWS` rows (the first by
    label; ``caps`` says how many more each has: the search box finds them)."""
    def count(n: str, relation: str, incoming: bool = True) -> int:
        edges = G.in_edges(n, keys=True) if incoming else G.out_edges(n, keys=True)
        return sum(1 for e in edges if e[2] == relation)

    by_kind: dict[str, list[str]] = defaultdict(list)
    for n in names.pages:
        by_kind[names.kind(n)].append(n)
    caps: dict[str, dict[str, Any]] = {}
    for k in by_kind:
        by_kind[k].sort(key=lambda n: (_sort_key(names.label(n)), n))
        if len(by_kind[k]) > INDEX_ROWS:
            caps[k] = _cap(INDEX_ROWS, len(by_kind[k]), _count(len(by_kind[k]), k).split(" ", 1)[1],
                           hint="The search box finds every one of them")
            by_kind[k] = by_kind[k][:INDEX_ROWS]
    policies = [
        {
            "page": names.pages[p], "label": names.label(p),
            "status": ", ".join(G.nodes[p].get("status") or []).replace("-", " "),
            "approach": ", ".join(display_name(G, x) for x in G.nodes[p].get("approach") or []).replace("-", " "),
            "supports": count(p, "supports"), "attacks": count(p, "attacks"),
            "advocates": count(p, "advocates"), "opposes": count(p, "opposes"),
            "under": len(under(p)) - 1, "verdict": verdict.get(p),
        }
        for p in by_kind["policy"]
    ]
    claims = [
        {
            "page": names.pages[c], "label": names.label(c),
            "supports": count(c, "supports"), "attacks": count(c, "attacks"),
            "uses": sum(1 for e in G.out_edges(c, keys=True) if e[2] in ("supports", "attacks")),
            "asserted": count(c, "asserts"), "verdict": verdict.get(c),
        }
        for c in by_kind["claim"]
    ]
    actors = [
        {
            "page": names.pages[a], "label": names.label(a),
            "types": ", ".join(t for t in G.nodes[a].get("types") or [] if t != "Actor"),
            "advocates": count(a, "advocates", False), "opposes": count(a, "opposes", False),
            "asserts": count(a, "asserts", False),
        }
        for a in by_kind["actor"]
    ]
    sources = []
    for s in sorted(by_kind["source"]):
        first = source_pages[s][0][1]
        a = G.nodes[s]
        sources.append({
            "page": names.pages[s], "title": str(a.get("title") or a.get("label") or curie(s)),
            "publisher": display_name(G, a["publisher"]) if a.get("publisher") else "",
            "date": str(a.get("date") or ""), "url": safe_url(a.get("url")), "curie": curie(s), "counts": first["counts"],
            "quotes": first["total"],
        })
    return {"policies": policies, "claims": claims, "actors": actors, "sources": sources, "caps": caps}


def _stance_grid(G: nx.MultiDiGraph, names: _Names) -> dict[str, Any]:
    """Actor x policy: for / against / none, for the actors and policies that hold or draw a stance.

    Columns: the :data:`GRID_POLICIES` policies most actors take a stance on;
    rows: the actors with a stance on one of them (at most
    :data:`GRID_CELLS` cells: those with the most such stances), by name. ``caps``
    says what is left out (each actor's page lists all its stances).
    """
    cell: dict[tuple[str, str], str] = {}
    for u, v, k in G.edges(keys=True):
        if k in _STANCES:
            cell[(u, v)] = "both" if cell.get((u, v), k) != k else k
    drawn = Counter(p for _a, p in cell)
    mine: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, _p), v in cell.items():
        mine[a][v] += 1
    every = sorted(drawn, key=lambda n: (-drawn[n], _sort_key(names.label(n)), n))
    policies = every[:GRID_POLICIES]
    shown = set(policies)
    on_shown = Counter(a for a, p in cell if p in shown)
    every_actor = sorted(mine, key=lambda n: (_sort_key(names.label(n)), n))
    actors = [a for a in every_actor if on_shown[a]]
    most = max(1, GRID_CELLS // max(1, len(policies)))
    if len(actors) > most:
        keep = set(sorted(actors, key=lambda n: (-on_shown[n], _sort_key(names.label(n)), n))[:most])
        actors = [a for a in actors if a in keep]
    rows = []
    for a in actors:
        rows.append({"label": names.label(a), "page": names.pages.get(a), "cells": [cell.get((a, p), "") for p in policies],
                     "pro": mine[a]["advocates"], "con": mine[a]["opposes"]})
    pro = Counter(p for (_a, p), v in cell.items() if v == "advocates")
    con = Counter(p for (_a, p), v in cell.items() if v == "opposes")
    cols = [{"label": names.label(p), "page": names.pages.get(p), "pro": pro[p], "con": con[p]} for p in policies]
    caps = {}
    if len(policies) < len(every):
        caps["policies"] = _cap(len(policies), len(every), "policies (those most actors take a stance on)",
                                hint="Each policy's page lists who advocates and opposes it")
    if len(actors) < len(every_actor):
        caps["actors"] = _cap(len(actors), len(every_actor), "actors (those with the most stances here)",
                              hint="Each actor's page lists all its stances")
    return {"rows": rows, "cols": cols, "caps": caps}


def search_documents(G: nx.MultiDiGraph, names: _Names | None = None) -> list[dict[str, Any]]:
    """What the site search indexes: one document per policy, claim, evidence item, actor and source.

    Fields: ``i`` (number), ``t`` (label), ``a`` (aliases: skos:altLabel when
    the projection has them), ``q`` (every quote, joined), ``k`` (kind), ``u``
    (the page and anchor, from the site root).
    """
    names = names if names is not None else _Names(G)
    docs: list[dict[str, Any]] = []
    kinds = ("policy", "claim", "evidence", "actor", "source")
    nodes = sorted((n for n in G if names.kind(n) in kinds), key=lambda n: (kinds.index(names.kind(n)), _sort_key(names.label(n)), n))
    for n in nodes:
        a = G.nodes[n]
        page = names.page(n)
        if page is None:
            continue
        if "#" not in page and names.kind(n) != "source":
            page += "#" + names.anchor(n)
        aliases = a.get("alt_labels") or a.get("aliases") or []
        docs.append({
            "i": len(docs),
            "t": str(a.get("title") or a.get("label") or n) if names.kind(n) == "source" else names.label(n),
            "a": " ".join(str(x) for x in (aliases if isinstance(aliases, list) else [aliases])),
            "q": " \u2026 ".join(str(q.get("quote", "")) for q in a.get("quotes") or []),
            "k": names.kind(n),
            "u": page,
        })
    return docs


# ---------------------------------------------------------------------------
# writing


def _write(stage: Path, rel: str, text: str) -> None:
    """Write one file into the private staging folder (:func:`_staging`).

    No temporary file and rename per page: the staging folder is new, private
    (``mkdtemp``) and only ever published whole (:func:`_publish`), and the
    files are made durable in one step (:func:`_sync`) before that. A
    per-file :func:`~graph.files.atomic_writer` scanned the folder for stale
    temporary files on every write (quadratic in the pages of a folder) and
    paid one ``fsync`` per page.
    """
    path = stage / rel
    try:
        try:
            fh = open(path, "xb")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(path, "xb")  # noqa: SIM115
        with fh:
            fh.write(text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _sync(stage: Path) -> None:
    """Make every file of the staging folder durable before it is published: one
    ``syncfs`` of its file system (Linux), else one ``fsync`` per file."""
    try:
        import ctypes

        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        syncfs = None
    if syncfs is not None:
        fd = os.open(stage, os.O_RDONLY)
        try:
            if int(syncfs(fd)) == 0:
                return
        finally:
            os.close(fd)
    for path in stage.rglob("*"):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _site_assets(docs: list[dict[str, Any]]) -> dict[str, str]:
    files = dict(asset_files(site=True))
    files["pag-search-docs.js"] = "window.PAG_SEARCH_DOCS = " + script_json(docs) + ";\n"
    return files


def _prepare_out(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file: give a folder for the site")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out}: {exc.strerror}; choose a writable folder") from exc
    return out


def build_site(
    G: nx.MultiDiGraph,
    out_dir: str | Path,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    labels: Mapping[str, str] | Literal["auto"] | None = "auto",
    title: str = "Policy Argument Graph",
    progress: Callable[[str, int, int], None] | None = None,
    positions: Positions | None = None,
    rationales: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, Any]:
    """Write the static site for ``G`` into ``out_dir`` (created if needed).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection (:func:`graph.model.project`, ideally with
        ``provenance=True``); not changed.
    out_dir : path
        The folder to write; existing files of the same names are replaced,
        and pages an earlier build wrote there (listed in its
        ``.pag-site.json``) that this build does not are removed.
    max_nodes : int
        Passed to :func:`graph.view.view_data` for each graph.
    labels : mapping, "auto" or None
        IN/OUT/UNDECIDED per node; ``"auto"`` uses :mod:`graph.semantics`.
    title : str
        The site's title.
    progress : callable, optional
        ``progress(step, done, total)`` as the build goes: ``"analyse"``
        (0 of 1, then 1 of 1), ``"pages"`` after each page (``done`` of
        ``total`` pages), ``"write"`` (0 of 1 before the pages are made
        durable and put in place, 1 of 1 after).
    positions : mapping, optional
        :func:`graph.anchors.quote_positions` of the store: source pages list
        their quotes in document order (else by what they back, and say so),
        and a quote from a text with pages is cited with them ("p. 2").
    rationales : mapping, optional
        :func:`graph.curation.rationales` of the store: a link the curators
        made shows as "linked by the curators" with their reason.

    Returns
    -------
    dict
        ``out_dir``, ``index`` (``"index.html"``), ``pages`` (sorted
        relative paths of the HTML pages), ``removed`` (pages of an earlier
        build that no longer exist) and ``counts`` (policies, claims,
        actors, sources, pages).
    """
    out = _prepare_out(out_dir)
    # every page goes to a staging folder first, then in place at once (_publish)
    stage, whole = _staging(out)
    try:
        return _build(
            G, out, stage, whole, max_nodes=max_nodes, labels=labels, title=title, progress=progress,
            positions=positions, rationales=rationales,
        )  # fmt: skip
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _build(
    G: nx.MultiDiGraph,
    out: Path,
    stage: Path,
    whole: bool,
    *,
    max_nodes: int,
    labels: Mapping[str, str] | Literal["auto"] | None,
    title: str,
    progress: Callable[[str, int, int], None] | None,
    positions: Positions | None,
    rationales: Mapping[tuple[str, str], str] | None,
) -> dict[str, Any]:
    def step(what: str, done: int, total: int) -> None:
        if progress is not None:
            progress(what, done, total)

    step("analyse", 0, 1)
    lab: dict[str, str] | None = grounded(G) if labels == "auto" else (dict(labels) if labels is not None else None)
    names = _Names(G, positions)
    verdict = verdicts(G, lab)
    rests = rests_on(G)
    under_cache: dict[str, set[str]] = {}

    def under(n: str) -> set[str]:
        if n not in under_cache:
            under_cache[n] = _under(G, n)
        return under_cache[n]

    source_pages = _source_pages(G, names, verdict, positions)  # before any citation: it says which page holds each quote
    docs = search_documents(G, names)
    by_kind = {k: sorted((n for n in names.pages if names.kind(n) == k), key=lambda n: (_sort_key(names.label(n)), n))
               for k in PAGE_KINDS}
    step("analyse", 1, 1)
    total = 3 + sum(len(by_kind[k]) for k in ("policy", "claim", "actor")) + sum(len(v) for v in source_pages.values())
    done: list[str] = []

    def emit(rel: str, text: str) -> None:
        _write(stage, rel, text)
        done.append(rel)
        step("pages", len(done), total)

    assets = _site_assets(docs)
    for name, text in sorted(assets.items()):
        _write(stage, f"assets/{name}", text)
    env = template_env()

    def page(template: str, root: str, **context: Any) -> str:
        return str(env.get_template(template).render(csp=_CSP, root=root, site_title=title, search=True, **context))

    def graph_page(rel: str, data: dict[str, Any], **context: Any) -> None:
        emit(rel, render_html(data, assets="../assets/", site_title=title, template="node.html", **context))

    # 1. the whole debate
    emit("debate.html", render_html(
        view_data(G, max_nodes=max_nodes, labels=lab, rests=rests, links=names.pages),
        assets="assets/", site_title=title))
    links = {n: "../" + p for n, p in names.pages.items()}
    # 2. policies and claims: the outline, then the tree (both cut to the same depth when huge)
    for kind in ("policy", "claim"):
        for n in by_kind[kind]:
            outline = _argument_page(G, names, n, verdict, lab, rationales)
            data = view_data(G, n, max_nodes=max_nodes, labels=lab, rests=rests, links=links,
                             kinds=("policy", "claim", "evidence", "other"), depth=outline["depth"])
            graph_page(names.pages[n], data, page_kind=kind, node_anchor=names.anchor(n), heading=names.label(n),
                       outline=outline, verdict=verdict.get(n))
    # 3. actors: stances and claims, then the neighbourhood
    for n in by_kind["actor"]:
        data = view_data(G, n, max_nodes=max_nodes, labels=lab, rests=rests, links=links)
        graph_page(names.pages[n], data, page_kind="actor", node_anchor=names.anchor(n), heading=names.label(n),
                   outline=_actor_page(G, names, n, verdict, under), verdict=None)
    # 4. sources: every quote in document order (a long document on several pages)
    for s in by_kind["source"]:
        for rel, context in source_pages[s]:
            emit(rel, page("source.html", "../", node_anchor=names.anchor(s), **context))
    # 5. the stance grid and the index
    emit("stances.html", page("stances.html", "", title="Who stands where", grid=_stance_grid(G, names)))
    kind_totals = Counter(names.kind(n) for n in G)
    emit("index.html", page(
        "index.html", "", title=title,
        totals=[_count(kind_totals[k], k) for k in KIND_STYLE if kind_totals.get(k)],
        edges=G.number_of_edges(), labelled=lab is not None, **_index_rows(G, names, verdict, under, source_pages),
    ))
    step("write", 0, 1)
    written = sorted({*done, *(f"assets/{name}" for name in assets)})
    _write(stage, SITE_MANIFEST, json.dumps({"generator": "pag site", "files": written}, indent=1) + "\n")
    _sync(stage)
    removed = _publish(stage, out, whole, written)
    step("write", 1, 1)
    return {
        "out_dir": str(out),
        "index": "index.html",
        "pages": sorted(done),
        "removed": removed,
        "counts": {
            "policies": len(by_kind["policy"]), "claims": len(by_kind["claim"]), "actors": len(by_kind["actor"]),
            "sources": len(by_kind["source"]), "pages": len(done),
        },
    }


def _pid_gone(name: str, prefix: str) -> bool:
    pid = name[len(prefix) :].split("-", 1)[0]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _staging(out: Path) -> tuple[Path, bool]:
    """Where to build: ``(folder, whole)``.

    When ``out`` is new or holds only what an earlier build wrote, the site is
    built in a sibling folder that is then exchanged with ``out`` in one step
    (``whole``). When ``out`` holds other files too, it is built in a hidden
    folder inside ``out`` and its files are moved into place one by one (each
    move atomic, all of them within milliseconds). Folders a killed build left
    are removed first.
    """
    parent = out.resolve().parent
    for prefix, folder in ((f".{out.name}.pag-build-", parent), (f".{out.name}.pag-old-", parent), (".pag-build-", out)):
        with contextlib.suppress(OSError):
            for left in folder.glob(glob.escape(prefix) + "*"):
                if left.is_dir() and _pid_gone(left.name, prefix):
                    shutil.rmtree(left, ignore_errors=True)
    whole = not any(out.iterdir()) or _only_ours(out)
    base = parent / f".{out.name}.pag-build-" if whole else out / ".pag-build-"
    stage = Path(tempfile.mkdtemp(prefix=base.name + f"{os.getpid()}-", dir=base.parent))
    return stage, whole


def _only_ours(out: Path) -> bool:
    """Whether every file in ``out`` is one an earlier build listed (or its list)."""
    try:
        earlier = set(json.loads((out / SITE_MANIFEST).read_text(encoding="utf-8")).get("files", []))
    except (OSError, ValueError, AttributeError, TypeError):
        return False
    for path in out.rglob("*"):
        if path.is_file() or path.is_symlink():
            rel = path.relative_to(out).as_posix()
            if rel != SITE_MANIFEST and (rel not in earlier or not rel.endswith(_OURS)):
                return False
    return True


#: the kinds of file a build writes (and may remove)
_OURS = (".html", ".css", ".js", ".txt")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return int(renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)) == 0


def _publish(stage: Path, out: Path, whole: bool, written: list[str]) -> list[str]:
    """Put the staged build in place; the pages of an earlier build that are gone."""
    if not whole:
        for rel in written:
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / rel, target)
        removed = _remove_stale(out, written)  # by the earlier build's list
        os.replace(stage / SITE_MANIFEST, out / SITE_MANIFEST)
        shutil.rmtree(stage, ignore_errors=True)
        return removed
    try:
        earlier = json.loads((out / SITE_MANIFEST).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        earlier = []
    removed = sorted(
        {
            r
            for r in earlier
            if isinstance(r, str) and r.endswith(_OURS) and not Path(r).is_absolute()
            and ".." not in Path(r).parts and (out / r).is_file()
        }
        - set(written)
    )
    os.chmod(stage, 0o777 & ~_umask())
    if out.exists() and _exchange(stage, out):
        shutil.rmtree(stage, ignore_errors=True)  # now the old build
        return removed
    if out.exists():  # no exchange: two renames, the old build kept aside until the new is in
        old = out.resolve().parent / f".{out.name}.pag-old-{os.getpid()}"
        os.rename(out, old)
        os.rename(stage, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(stage, out)
    return removed


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_stale(out: Path, written: list[str]) -> list[str]:
    """Delete the files an earlier build listed in its manifest and this one did not write."""
    try:
        earlier = json.loads((out / SITE_MANIFEST).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return []  # no earlier build here (or not one of ours): touch nothing
    keep = set(written)
    removed = []
    for rel in sorted({r for r in earlier if isinstance(r, str)} - keep):
        parts = Path(rel).parts
        if not rel.endswith((".html", ".css", ".js", ".txt")) or Path(rel).is_absolute() or ".." in parts:
            continue  # only our own kinds of file, only inside the folder
        path = out / rel
        try:
            path.unlink()
        except OSError:
            continue  # already gone, or not ours to remove
        removed.append(rel)
        with contextlib.suppress(OSError):
            if path.parent != out:
                path.parent.rmdir()  # only if now empty
    return removed


def _count(n: int, kind: str) -> str:
    plural = {"policy": "policies", "evidence": "pieces of evidence", "other": "other nodes"}
    if n == 1:
        return f"1 {'piece of evidence' if kind == 'evidence' else kind + ' node' if kind == 'other' else kind}"
    return f"{n} {plural.get(kind, kind + 's')}"


