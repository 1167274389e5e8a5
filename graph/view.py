"""Interactive HTML views of the argument graph (vis-network, shipped by pyvis).

This is the only module that imports :mod:`pyvis`. pyvis ships the
vis-network JavaScript library in its package; the pages written here inline
it (or, for :mod:`graph.site`, write it beside the pages), so a view opened
from disk makes **no network request**. The node and edge lists are built
here with plain Python (linear time; pyvis's per-edge checks are avoided),
and the page is rendered from ``graph/templates/view.html``.

Two steps, networkx style:

:func:`view_data`
    graph in, plain data out: which nodes and edges to draw (the whole
    debate, the argument tree under a policy or claim, or the neighbourhood
    of any node), with their labels, quotes, sources, how much rests on
    each node and their IN/OUT/UNDECIDED label when :mod:`graph.semantics`
    is available. The dict is JSON-ready and deterministic (sorted).
:func:`render_html`
    that data in, one HTML page out (a ``str``; same data, same bytes).

Everything from the graph is untrusted text: it is embedded as JSON in a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028
and U+2029 escaped, shown with ``textContent`` (never ``innerHTML``), and
links are kept only when they are ``http(s)``. A Content-Security-Policy
with the hashes of the page's own scripts stops anything else from running.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:p", kind="policy", label="Naloxone access")
>>> G.add_node("urn:c", kind="claim", label="Naloxone saves lives")
>>> G.add_node("urn:e", kind="evidence", label="Deaths fell 11%")
>>> G.add_edge("urn:c", "urn:p", key="supports", relation="supports", sources=[])
'supports'
>>> G.add_edge("urn:e", "urn:c", key="supports", relation="supports", sources=[])
'supports'
>>> data = view_data(G, "Naloxone access", labels=None)
>>> data["layout"], [(n["label"], n["level"], n["rests"]) for n in data["nodes"]]
('tree', [('Naloxone saves lives', 1, 1), ('Deaths fell 11%', 2, 2), ('Naloxone access', 0, 0)])
>>> page = render_html(data)
>>> page.startswith("<!DOCTYPE html>") and '<script src="http' not in page
True
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import networkx as nx

from graph.curation import without_curation
from graph.errors import InputError
from graph.model import Excerpt, resolve
from graph.semantics import DEFAULT_SUPPORT, Support, grounded_labels
from graph.stores.base import Store
from graph.terms import curie
from graph.vocab import ARGUMENT as VOCAB_ARGUMENT

__all__ = [
    "DEFAULT_MAX_NODES",
    "KIND_STYLE",
    "LABEL_STYLE",
    "RELATION_STYLE",
    "WHOLE_VIEW_LIMIT",
    "asset_files",
    "check_whole_size",
    "display_name",
    "focused_graph",
    "grounded",
    "render_html",
    "rests_on",
    "safe_url",
    "script_json",
    "template_env",
    "view_data",
]

#: above this many nodes a view is reduced (the tab would freeze otherwise)
DEFAULT_MAX_NODES = 1000
#: a store with more actors, policies, claims and evidence than this is not drawn whole
#: (choosing the nodes to show reads every statement: gigabytes at a million statements)
WHOLE_VIEW_LIMIT = 50_000

#: how each kind of node is drawn: vis-network shape, fill colour, legend text
KIND_STYLE: dict[str, dict[str, str]] = {
    "policy": {"name": "Policy", "shape": "box", "color": "#4e79a7", "font": "#ffffff"},
    "claim": {"name": "Claim", "shape": "dot", "color": "#edc948", "font": "#222222"},
    "evidence": {"name": "Evidence", "shape": "diamond", "color": "#76b7b2", "font": "#222222"},
    "actor": {"name": "Actor", "shape": "triangle", "color": "#b07aa1", "font": "#222222"},
    "source": {"name": "Source", "shape": "square", "color": "#9c755f", "font": "#222222"},
    "measure": {"name": "Measure", "shape": "star", "color": "#ff9da7", "font": "#222222"},
    "other": {"name": "Other (untyped)", "shape": "dot", "color": "#bab0ac", "font": "#222222"},
}

#: how each relation is drawn: colour, dash pattern (``[]`` = solid), width, arrow
RELATION_STYLE: dict[str, dict[str, Any]] = {
    "supports": {"name": "supports", "color": "#2e7d32", "dashes": [], "width": 2, "arrow": True},
    "attacks": {"name": "attacks", "color": "#d62728", "dashes": [8, 4], "width": 2, "arrow": True},
    "advocates": {"name": "advocates", "color": "#1f5fa8", "dashes": [], "width": 1, "arrow": True},
    "opposes": {"name": "opposes", "color": "#f28e2b", "dashes": [3, 3], "width": 1.5, "arrow": True},
    "asserts": {"name": "asserts", "color": "#9e9e9e", "dashes": [1, 3], "width": 1, "arrow": True},
    "disagrees": {"name": "disagrees with", "color": "#d45087", "dashes": [6, 2, 1, 2], "width": 1.5, "arrow": False},
    "source": {"name": "from source", "color": "#c8b8a6", "dashes": [], "width": 0.5, "arrow": True},
    "measure": {"name": "measures", "color": "#ff9da7", "dashes": [], "width": 0.5, "arrow": True},
    "measured_by": {"name": "measured by", "color": "#c9a0dc", "dashes": [], "width": 0.5, "arrow": True},
}

#: IN / OUT / UNDECIDED (grounded semantics) as node borders
LABEL_STYLE: dict[str, dict[str, Any]] = {
    "IN": {"name": "IN (accepted)", "color": "#1b7837", "dashes": []},
    "OUT": {"name": "OUT (defeated)", "color": "#b2182b", "dashes": []},
    "UNDECIDED": {"name": "UNDECIDED", "color": "#555555", "dashes": [4, 3]},
}

ARGUMENT = tuple(sorted(VOCAB_ARGUMENT, reverse=True))  # ("supports", "attacks")
_TREE_KINDS = frozenset({"policy", "claim", "evidence", "other"})
_WHOLE_KINDS = frozenset({"actor", "policy", "claim", "evidence", "other"})
_INFO_KEYS = (
    ("status", "status"),
    ("approach", "approach"),
    ("jurisdiction", "jurisdiction"),
    ("date", "date"),
    ("evidence_type", "evidence type"),
    ("value", "value"),
    ("population", "population"),
    ("place", "place"),
    ("period", "period"),
    ("publisher", "publisher"),
    ("creator", "author"),
    ("comment", "note"),
)

Layout = Literal["auto", "tree", "force"]


def safe_url(url: Any) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (never a ``javascript:`` link).

    >>> safe_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_url("javascript:alert(1)") is None, safe_url(" HTTP://x.org ") , safe_url("//x.org") is None
    (True, 'HTTP://x.org', True)
    """
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(ch in text for ch in "\x00\n\r\t \"'<>`"):
        return None
    return text


def script_json(obj: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element, deterministic (sorted keys).

    ``<``, ``>`` and ``&`` become ``\\u003c`` …, so ``</script>`` or ``<!--`` in a
    label cannot end the element; U+2028/U+2029 are escaped too.

    >>> script_json({"label": "</script><b>&"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def display_name(G: nx.MultiDiGraph, value: Any) -> str:
    """A value as people read it: the label of a node (e.g. a publisher IRI), else the text.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:dpa", label="Drug Policy Alliance")
    >>> display_name(G, "urn:dpa"), display_name(G, "2020")
    ('Drug Policy Alliance', '2020')
    """
    text = _fmt_value(value)
    if text in G:
        return str(G.nodes[text].get("label", text))
    return text


def rests_on(G: nx.MultiDiGraph) -> dict[str, int]:
    """How much rests on each node: the number of nodes it reaches by ``supports`` edges.

    Evidence supporting a claim that supports two policies carries 3. Cycles
    are handled (members of a support cycle rest on each other). Linear in
    the graph's size up to big-integer bit sets, so 5,000 nodes take
    milliseconds.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("e", "c", "supports"), ("c", "p", "supports"), ("c", "q", "supports"), ("x", "c", "attacks")])
    ['supports', 'supports', 'supports', 'attacks']
    >>> for u, v, k in G.edges(keys=True):
    ...     G.edges[u, v, k]["relation"] = k
    >>> sorted(rests_on(G).items())
    [('c', 2), ('e', 3), ('p', 0), ('q', 0), ('x', 0)]
    """
    S = nx.DiGraph()
    S.add_nodes_from(G)
    S.add_edges_from((u, v) for u, v, d in G.edges(data=True) if d.get("relation") == "supports")
    C = nx.condensation(S)
    index = {n: i for i, n in enumerate(S)}
    members_bits: dict[int, int] = {}
    for c, d in C.nodes(data=True):
        bits = 0
        for m in d["members"]:
            bits |= 1 << index[m]
        members_bits[c] = bits
    reach: dict[int, int] = {}
    for c in reversed(list(nx.topological_sort(C))):
        bits = 0
        for succ in C.successors(c):
            bits |= reach[succ] | members_bits[succ]
        reach[c] = bits
    out: dict[str, int] = {}
    mapping = C.graph["mapping"]
    for n in S:
        c = mapping[n]
        own = members_bits[c] & ~(1 << index[n]) if len(C.nodes[c]["members"]) > 1 else 0
        out[n] = (reach[c] | own).bit_count()
    return out


def grounded(G: nx.MultiDiGraph, *, support: Support = DEFAULT_SUPPORT) -> dict[str, str]:
    """IN / OUT / UNDECIDED per argument node, from :func:`graph.semantics.grounded_labels`."""
    return {str(n): lab for n, lab in grounded_labels(G, support=support).items() if lab in LABEL_STYLE}


def explained(G: nx.MultiDiGraph, *, support: Support = DEFAULT_SUPPORT) -> dict[str, dict[str, str]]:
    """Per argument, the plain words behind its label (``why``) and, for a
    policy, its verdict (``verdict``: the surviving arguments for and against),
    from :func:`graph.semantics.explain_all` and :func:`graph.semantics.verdict`
    under the reading ``support`` (default: evidential)."""
    from graph import semantics

    ev = semantics.evaluate(G, support=support)
    out = {n: {"why": str(r["reason"])} for n, r in semantics.explain_all(G, evaluation=ev).items()}
    for n in out:
        if G.nodes[n].get("kind") == "policy":
            out[n]["verdict"] = str(semantics.verdict(G, n, evaluation=ev)["headline"])
    return out


# ---------------------------------------------------------------------------
# choosing what to draw


def _kind(G: nx.MultiDiGraph, n: str) -> str:
    k = G.nodes[n].get("kind", "other")
    return k if k in KIND_STYLE else "other"


def _tree(G: nx.MultiDiGraph, root: str, depth: int | None) -> dict[str, int]:
    """Nodes with an argument path into ``root`` (within ``depth``) -> distance."""
    dist = {root: 0}
    todo = deque([root])
    while todo:
        n = todo.popleft()
        if depth is not None and dist[n] >= depth:
            continue
        for u, _v, d in sorted(G.in_edges(n, data=True), key=lambda e: e[0]):
            if d.get("relation") in ARGUMENT and u not in dist:
                dist[u] = dist[n] + 1
                todo.append(u)
    return dist


#: records about the graph rather than parts of the debate (the curators' links and graph)
_META_TYPES = frozenset({"CuratedLink", "CurationGraph"})


def _meta(G: nx.MultiDiGraph, n: str) -> bool:
    return not _META_TYPES.isdisjoint(G.nodes[n].get("types") or ())


def _ball(G: nx.MultiDiGraph, root: str, depth: int, kinds: frozenset[str]) -> set[str]:
    """Nodes within ``depth`` hops of ``root`` in either direction, through nodes of ``kinds``."""
    seen = {root}
    frontier = [root]
    for _ in range(depth):
        nxt: list[str] = []
        for n in frontier:
            for m in sorted(set(G.predecessors(n)) | set(G.successors(n))):
                if m not in seen and _kind(G, m) in kinds:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    return seen


def _fmt_value(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v)


def _plural(n: int, word: str) -> str:
    irregular = {"policy": "policies", "evidence": "evidence", "other": "other", "attacks": "attacks"}
    if n == 1:
        return f"{n} {word}"
    return f"{n} {irregular.get(word, word + 's')}"


def _check_options(kinds: Iterable[str] | None, layout: str, depth: int | None, max_nodes: int) -> frozenset[str] | None:
    """Step 1 of :func:`view_data`: the options are valid; the kinds wanted (None: default)."""
    if layout not in ("auto", "tree", "force"):
        raise InputError(f"unknown layout {layout!r}: use auto, tree or force")
    if depth is not None and depth < 1:
        raise InputError(f"--depth must be at least 1 (got {depth})")
    if max_nodes < 1:
        raise InputError(f"--max-nodes must be at least 1 (got {max_nodes})")
    if kinds is None:
        return None
    wanted = frozenset(kinds)
    unknown = sorted(wanted - set(KIND_STYLE))
    if unknown:
        raise InputError(f"unknown kind {', '.join(unknown)}: use {', '.join(sorted(KIND_STYLE))}")
    return wanted


def _select(
    G: nx.MultiDiGraph, target: str | None, layout: str, wanted: frozenset[str] | None, depth: int | None
) -> tuple[str, str | None, set[str], int]:
    """Step 2: ``(mode, root, chosen nodes, hops)``; mode is whole, tree or ball."""
    if target is None:
        allowed = wanted or _WHOLE_KINDS
        return "whole", None, {n for n in G if _kind(G, n) in allowed and (wanted or not _meta(G, n))}, 0
    root = resolve(G, target)
    rkind = _kind(G, root)
    if layout == "tree" or (layout == "auto" and rkind in ("policy", "claim")):
        allowed = wanted or _TREE_KINDS
        chosen = {n for n in _tree(G, root, depth) if n == root or _kind(G, n) in allowed}
        if "actor" in allowed:
            for n in sorted(chosen):
                chosen.update(u for u in G.predecessors(n) if _kind(G, u) == "actor")
        return "tree", root, chosen, 0
    allowed = (wanted or _WHOLE_KINDS) | {rkind}
    hops = depth if depth is not None else (1 if rkind in ("actor", "source") else 2)
    return "ball", root, _ball(G, root, hops, frozenset(allowed)), hops


def _reduce(
    G: nx.MultiDiGraph, chosen: set[str], root: str | None, rests: Mapping[str, int], max_nodes: int
) -> tuple[set[str], str | None]:
    """Step 3: at most ``max_nodes`` nodes (those that carry the most), and the notice saying so."""
    if len(chosen) <= max_nodes:
        return chosen, None
    deg = {n: G.degree(n) for n in chosen}
    ranked = sorted(chosen, key=lambda n: (n != root, -(rests.get(n, 0) + deg[n]), n))
    notice = (
        f"This view holds {len(chosen):,} nodes, too many to read: showing the {max_nodes:,} "
        "that carry the most (edges plus what rests on them). Focus on one policy or actor "
        "(pag view TARGET), filter by --kind, or raise --max-nodes."
    )
    return set(ranked[:max_nodes]), notice


def _levels(
    G: nx.MultiDiGraph, mode: str, root: str | None, chosen: set[str], depth: int | None, layout: str
) -> tuple[dict[str, int], str]:
    """Step 4: the hierarchical level of each node (trees) and the layout used."""
    if mode != "tree":
        layout_used = "tree" if layout == "tree" else "force"
        return (_bfs_levels(G, chosen, root) if layout_used == "tree" else {}), layout_used
    assert root is not None
    dist = _tree(G, root, depth)
    arg_levels = {n: dist[n] for n in chosen if n in dist}
    bottom = max(arg_levels.values(), default=0)
    bottom = max(bottom, 1) if len(arg_levels) > 1 else bottom
    levels = {n: (bottom if (_kind(G, n) == "evidence" and n != root) else lv) for n, lv in arg_levels.items()}
    for n in chosen - set(levels):  # actors: one row above what they speak to
        targets = [levels[v] for v in G.successors(n) if v in levels]
        levels[n] = max(min(targets, default=0) - 1, 0) if targets else 0
    if any(lv == 0 for n, lv in levels.items() if n != root):
        levels = {n: lv + 1 if n != root else 0 for n, lv in levels.items()}
    return levels, ("force" if layout == "force" else "tree")


def _source_table(
    G: nx.MultiDiGraph, chosen: set[str], edge_rows: list[tuple[str, str, str, dict[str, Any]]]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Step 5: the sources the drawn nodes and edges cite, and each one's index."""
    src_ids: set[str] = set()
    for n in chosen:
        src_ids.update(G.nodes[n].get("sources") or [])
        src_ids.update(q.get("source", "") for q in G.nodes[n].get("quotes") or [])
    for _u, _v, _r, d in edge_rows:
        src_ids.update(d.get("sources") or [])
    src_ids.discard("")
    src_list = sorted(src_ids)
    sources = []
    for s in src_list:
        a = G.nodes[s] if s in G else {}
        row: dict[str, Any] = {"id": s, "curie": curie(s), "title": str(a.get("title") or a.get("label") or curie(s))}
        for key in ("publisher", "date", "creator"):
            if a.get(key):
                row[key] = display_name(G, a[key])
        url = safe_url(a.get("url"))
        if url:
            row["url"] = url
        sources.append(row)
    return sources, {s: i for i, s in enumerate(src_list)}


def _node_rows(
    G: nx.MultiDiGraph,
    chosen: set[str],
    *,
    src_index: Mapping[str, int],
    rests: Mapping[str, int],
    levels: Mapping[str, int],
    lab: Mapping[str, str] | None,
    links: Mapping[str, str] | None,
    hubs: Mapping[str, str],
    notes: Mapping[str, Mapping[str, str]] | None = None,
    pages: Mapping[tuple[str, str, str], str] | None = None,
) -> list[dict[str, Any]]:
    """Step 6: one JSON row per drawn node (sorted by id); with ``notes``
    (:func:`explained`) each labelled node's ``why`` and a policy's ``verdict``,
    also first in its info rows."""
    by: dict[str, dict[str, list[str]]] = {}
    for v in chosen:
        for u, _v, d in G.in_edges(v, data=True):
            rel = d.get("relation")
            if rel in ("advocates", "opposes", "asserts"):
                by.setdefault(v, {}).setdefault(str(rel), []).append(str(G.nodes[u].get("label", u)))
    nodes = []
    for n in sorted(chosen):
        a = G.nodes[n]
        row: dict[str, Any] = {
            "id": n,
            "label": str(a.get("label", n)),
            "kind": _kind(G, n),
            "curie": curie(n),
            "rests": rests.get(n, 0),
            "quotes": [
                [str(q.get("quote", "")), src_index.get(q.get("source", ""), -1)]
                + ([pg] if pages and (pg := pages.get((n, str(q.get("source", "")), str(q.get("quote", ""))))) else [])
                for q in a.get("quotes") or []
            ],
            "sources": [src_index[s] for s in a.get("sources") or [] if s in src_index],
            "info": _info(a, G),
        }
        if n in levels:
            row["level"] = levels[n]
        if lab is not None and n in lab:
            row["status"] = lab[n]
        note = notes.get(n) if notes else None
        if note:
            lead = [["verdict", note["verdict"]]] if note.get("verdict") else []
            if note.get("why"):
                row["why"] = note["why"]
                lead.append(["why", note["why"]])
            if note.get("verdict"):
                row["verdict"] = note["verdict"]
            row["info"] = [*lead, *row["info"]]
        if n in by:
            row["by"] = {k: sorted(set(v)) for k, v in sorted(by[n].items())}
        if links and n in links:
            row["page"] = links[n]
        if n in hubs:
            row["hub"] = hubs[n]
        nodes.append(row)
    return nodes


def _edge_list(
    edge_rows: list[tuple[str, str, str, dict[str, Any]]], src_index: Mapping[str, int]
) -> list[dict[str, Any]]:
    """Step 7: one JSON row per drawn edge."""
    return [
        {
            "id": f"e{i}",
            "from": u,
            "to": v,
            "relation": rel if rel in RELATION_STYLE else "asserts",
            "predicates": list(d.get("predicates") or [rel]),
            "sources": [src_index[s] for s in d.get("sources") or [] if s in src_index],
        }
        for i, (u, v, rel, d) in enumerate(edge_rows)
    ]


#: a view with more nodes than this opens on its summary (clusters that expand on click)
SUMMARY_ABOVE = 80
#: the same for a tree (trees grow wide: a hierarchical layout of 60 nodes is a thin strip)
TREE_SUMMARY_ABOVE = 40


def _summary_groups(
    G: nx.MultiDiGraph, mode: str, root: str | None, chosen: set[str], levels: Mapping[str, int]
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Step 8: how a large view opens collapsed: ``(hub of each node, groups)``.

    A node with a hub is drawn folded into it until the reader opens the hub
    (a click). The whole debate: each claim and evidence item folds into the
    policy it argues about most directly (the nearest by argument edges), and
    the policies into their approach, the actors into their type; what argues
    about no policy folds into its first source. A tree: everything below the
    second level (the first, when the second holds too many) folds into its
    ancestor there. Each group is
    ``{"id", "label", "members"}`` (hub ids, sorted); empty when the view is
    small enough to read (at most :data:`SUMMARY_ABOVE` nodes) or a neighbourhood.
    """
    if len(chosen) <= (TREE_SUMMARY_ABOVE if mode == "tree" else SUMMARY_ABOVE):
        return {}, []
    hubs: dict[str, str] = {}
    if mode == "ball":
        return _ball_groups(G, root, chosen)
    if mode == "tree":
        # BFS from the root along argument edges: the ancestor on level 2 (or 1) is the hub
        anc: dict[str, str] = {}
        dist = {root: 0} if root is not None else {}
        todo = deque([root]) if root is not None else deque()
        while todo:
            n = todo.popleft()
            for u, _v, d in sorted(G.in_edges(n, data=True), key=lambda e: e[0]):
                if d.get("relation") in ARGUMENT and u in chosen and u not in dist:
                    dist[u] = dist[n] + 1
                    todo.append(u)
        keep = 2 if sum(1 for d in dist.values() if d <= 2) <= TREE_SUMMARY_ABOVE else 1
        anc = {}
        for n in sorted(dist, key=lambda x: (dist[x], x)):
            if dist[n] > 0:
                parent = next(v for _u, v, d in sorted(G.out_edges(n, data=True), key=lambda e: e[1])
                              if d.get("relation") in ARGUMENT and v in dist and dist[v] == dist[n] - 1)
                anc[n] = n if dist[n] <= keep else anc.get(parent, parent)
        hubs = {n: anc[n] for n in anc if dist[n] > keep}
        first = sorted(n for n, d in dist.items() if d == 1)
        if len(first) <= 12 or root is None:
            return hubs, []
        # many lines right under the root: fold them into "for" and "against"
        sides: list[dict[str, Any]] = []
        for rel, word in (("supports", "For"), ("attacks", "Against")):
            members = [n for n in first if G.has_edge(n, root, key=rel)]
            if members:
                sides.append({"id": f"group:{rel}", "label": f"{word}: {len(members)} lines", "members": members})
        return hubs, sides
    # whole debate: nearest policy by argument edges (multi-source BFS from every policy)
    owner: dict[str, str] = {}
    todo = deque(sorted(n for n in chosen if _kind(G, n) == "policy"))
    owner.update({p: p for p in todo})
    while todo:
        n = todo.popleft()
        for u, _v, d in sorted(G.in_edges(n, data=True), key=lambda e: e[0]):
            if d.get("relation") in ARGUMENT and u in chosen and u not in owner:
                owner[u] = owner[n]
                todo.append(u)
    groups: dict[str, dict[str, Any]] = {}
    approach_size = Counter(
        a for n in chosen if _kind(G, n) == "policy" for a in _as_list(G.nodes[n].get("approach"))
    )

    def group(gid: str, label: str, member: str) -> None:
        groups.setdefault(gid, {"id": gid, "label": label, "members": []})["members"].append(member)

    for n in sorted(chosen):
        kind = _kind(G, n)
        if kind == "policy":
            appr = sorted(_as_list(G.nodes[n].get("approach")), key=lambda a: (-approach_size[a], a))
            name = display_name(G, appr[0]) if appr else "no stated approach"
            group(f"group:approach:{name}", f"Policies: {name.replace('-', ' ')}", n)
        elif kind == "actor":
            types = [t for t in G.nodes[n].get("types") or [] if t != "Actor"]
            name = "Person" if "Person" in types else "GovernmentBody" if "GovernmentBody" in types else (
                types[0] if types else "Actor")
            words = {"Person": "people", "GovernmentBody": "government bodies", "Organization": "organisations"}
            group(f"group:actor:{name}", f"Actors: {words.get(name, name)}", n)
        elif n in owner:
            hubs[n] = owner[n]
        else:
            srcs = sorted(G.nodes[n].get("sources") or [])
            srcs = without_curation(srcs) or srcs  # a document before the curators' graph
            s = srcs[0] if srcs else ""
            title = str(G.nodes[s].get("title") or G.nodes[s].get("label") or curie(s)) if s in G else "no source"
            group(f"group:source:{s}", f"Tied to no policy: {title}", n)
    if len(groups) < 2:  # one group would fold the whole view into one dot
        return hubs, []
    return hubs, sorted(groups.values(), key=lambda g: g["id"])


def _ball_groups(G: nx.MultiDiGraph, root: str | None, chosen: set[str]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """A large neighbourhood: each node two steps out folds into its neighbour one step out,
    and the near nodes fold by how they meet the centre (e.g. "asserts: 120 claims")."""
    if root is None:
        return {}, []
    hubs: dict[str, str] = {}
    near: dict[str, str] = {}
    for u, v, k, _d in sorted(G.in_edges(root, keys=True, data=True)) + sorted(G.out_edges(root, keys=True, data=True)):
        m = u if v == root else v
        if m in chosen and m != root and m not in near:
            near[m] = f"{k} \u2192 it" if v == root else f"{k}"
    for n in sorted(chosen - set(near) - {root}):
        nbrs = sorted(m for m in set(G.predecessors(n)) | set(G.successors(n)) if m in near)
        if nbrs:
            hubs[n] = nbrs[0]
    groups: dict[str, dict[str, Any]] = {}
    for m, how in sorted(near.items()):
        kind = _kind(G, m)
        gid = f"group:{how}:{kind}"
        groups.setdefault(gid, {"id": gid, "label": f"{how}: {KIND_STYLE[kind]['name'].lower()}", "members": []})[
            "members"
        ].append(m)
    return hubs, [g for _k, g in sorted(groups.items()) if len(g["members"]) > 6]


def _as_list(v: Any) -> list[str]:
    if v is None or v == "":
        return []
    return [str(x) for x in v] if isinstance(v, list) else [str(v)]


def _describe(
    G: nx.MultiDiGraph,
    mode: str,
    root: str | None,
    hops: int,
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    n_sources: int,
) -> tuple[str, str]:
    """Step 9: the default title and the one-line summary."""
    kind_counts = Counter(r["kind"] for r in nodes)
    rel_counts = Counter(e["relation"] for e in edges)
    label_counts = Counter(r.get("status") for r in nodes if r.get("status"))
    root_label = str(G.nodes[root].get("label", root)) if root else None
    title = {"whole": "The whole debate", "tree": f"Argument tree: {root_label}"}.get(mode, f"Around {root_label}")
    parts = ", ".join(_plural(kind_counts[k], k) for k in KIND_STYLE if kind_counts[k])
    rparts = ", ".join(f"{rel_counts[r]} {r}" for r in RELATION_STYLE if rel_counts[r])
    summary = (
        f"{_plural(len(nodes), 'node')} ({parts or 'none'}) and {_plural(len(edges), 'edge')}"
        f"{' (' + rparts + ')' if rparts else ''} from {_plural(n_sources, 'source')}"
    )
    if mode == "tree":
        summary += f"; what rests under this {_kind(G, root) if root else 'node'}, evidence at the bottom"
    elif mode == "ball":
        summary += f"; everything within {hops} step{'s' if hops != 1 else ''}"
    if label_counts:
        summary += "; " + ", ".join(f"{label_counts[k]} {k}" for k in LABEL_STYLE if label_counts[k])
    return title, summary + "."


def view_data(
    G: nx.MultiDiGraph,
    target: str | None = None,
    *,
    depth: int | None = None,
    kinds: Iterable[str] | None = None,
    layout: Layout = "auto",
    max_nodes: int = DEFAULT_MAX_NODES,
    labels: Mapping[str, str] | Literal["auto"] | None = "auto",
    title: str | None = None,
    links: Mapping[str, str] | None = None,
    rests: Mapping[str, int] | None = None,
    notes: Mapping[str, Mapping[str, str]] | Literal["auto"] | None = "auto",
    support: Support = DEFAULT_SUPPORT,
    pages: Mapping[tuple[str, str, str], str] | None = None,
) -> dict[str, Any]:
    """Choose and describe what a view draws: plain, JSON-ready, deterministic data.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection from :func:`graph.model.project` (``provenance=True``
        adds source nodes and their edges). Not changed.
    target : str, optional
        IRI, CURIE or label (see :func:`graph.model.resolve`). None: the
        whole debate. A policy or claim: the argument tree under it
        (everything with a ``supports``/``attacks`` path into it). An actor,
        evidence item, source or other node: its neighbourhood.
    depth : int, optional
        Tree levels below the target (default: all), or hops around it for
        a neighbourhood (default 2; 1 for actors and sources).
    kinds : iterable of str, optional
        Node kinds to draw. Defaults: actors, policies, claims, evidence
        (and untyped nodes) for the whole debate and neighbourhoods;
        policies, claims and evidence for a tree (add ``"actor"`` to see
        who advocates, opposes and asserts). The target is always drawn.
    layout : {"auto", "tree", "force"}
        ``auto`` is ``tree`` (hierarchical: evidence at the bottom, the
        target at the top) for a policy or claim and ``force`` (physics
        that settles, then stops) otherwise.
    max_nodes : int
        Larger selections are reduced to the ``max_nodes`` nodes that carry
        the most (degree plus :func:`rests_on`), with a notice saying so.
    labels : mapping, "auto" or None
        IN/OUT/UNDECIDED per node; ``"auto"`` asks :func:`grounded`.
    title : str, optional
        Overrides the generated title.
    links : mapping, optional
        node IRI -> relative URL of its own page (used by :mod:`graph.site`).
    rests : mapping, optional
        :func:`rests_on` of ``G``, when the caller already has it (many
        views of one graph).
    notes : mapping or "auto", optional
        :func:`explained` of ``G`` (``"auto"``: computed when ``labels`` is
        ``"auto"``): each node's ``why`` and a policy's ``verdict`` (the
        surviving arguments for and against), shown first in its info rows.
    support : {"evidential", "deductive", "necessary", "none"}
        The reading of support behind ``"auto"`` labels and notes (see
        :mod:`graph.semantics`).
    pages : mapping, optional
        ``(node, source, quote) -> "p. 2"`` for quotes from a text with pages
        (from :func:`graph.anchors.quote_positions`): such a quote's row gets
        its pages as a third item, and the tooltip cites them.

    Returns
    -------
    dict
        ``title``, ``summary`` (one line), ``notice`` (reduction message or
        None), ``layout``, ``root``, ``counts``, ``kinds`` and ``relations``
        (legend rows: style and count), ``labels`` (legend rows, empty when
        no semantics), ``sources`` (title, publisher, date, url), ``nodes``
        (id, label, kind, curie, rests, level, status, quotes ``[text,
        source index]``, info rows, ``by``: actors per stance, ``hub``: the
        node it is folded into when the view opens), ``edges`` (id, from,
        to, relation, predicates, source indexes) and ``groups`` (second-level
        folds of the whole debate: ``id``, ``label``, ``members``).

    Raises
    ------
    InputError
        an unknown kind, layout, or a depth/max_nodes below 1.
    NodeNotFound, AmbiguousNode
        the target names no node, or several.
    """
    wanted = _check_options(kinds, layout, depth, max_nodes)
    mode, root, chosen, hops = _select(G, target, layout, wanted, depth)
    if rests is None:
        rests = rests_on(G)
    total_nodes = len(chosen)
    chosen, notice = _reduce(G, chosen, root, rests, max_nodes)
    edge_rows = sorted(  # the edges among the chosen nodes: their degrees, not the whole graph
        (u, v, str(d.get("relation", k)), d)
        for u, v, k, d in G.out_edges(chosen, keys=True, data=True)
        if v in chosen
    )
    levels, layout_used = _levels(G, mode, root, chosen, depth, layout)
    lab = grounded(G, support=support) if labels == "auto" else (dict(labels) if labels is not None else None)
    if notes == "auto":
        notes = explained(G, support=support) if labels == "auto" else None
    sources, src_index = _source_table(G, chosen, edge_rows)
    hubs, groups = _summary_groups(G, mode, root, chosen, levels)
    nodes = _node_rows(
        G, chosen, src_index=src_index, rests=rests, levels=levels, lab=lab, links=links, hubs=hubs, notes=notes,
        pages=pages,
    )  # fmt: skip
    edges = _edge_list(edge_rows, src_index)
    default_title, summary = _describe(G, mode, root, hops, nodes, edges, len(sources))
    kind_counts = Counter(r["kind"] for r in nodes)
    rel_counts = Counter(e["relation"] for e in edges)
    label_counts = Counter(r.get("status") for r in nodes if r.get("status"))
    return {
        "title": title if title is not None else default_title,
        "summary": summary,
        "notice": notice,
        "layout": layout_used,
        "root": root,
        "counts": {"nodes": len(nodes), "edges": len(edges), "selected": total_nodes},
        "kinds": [
            {"kind": k, **KIND_STYLE[k], "count": kind_counts[k]} for k in KIND_STYLE if kind_counts[k]
        ],
        "relations": [
            {"relation": r, **RELATION_STYLE[r], "count": rel_counts[r]} for r in RELATION_STYLE if rel_counts[r]
        ],
        "labels": [
            {"label": k, **LABEL_STYLE[k], "count": label_counts[k]} for k in LABEL_STYLE if lab is not None
        ],
        "sources": sources,
        "nodes": nodes,
        "edges": edges,
        "groups": groups,
    }


def check_whole_size(stats: Any, limit: int = WHOLE_VIEW_LIMIT) -> None:
    """Refuse to draw the whole debate of a store with more than ``limit`` nodes.

    ``stats`` is the store's :class:`~graph.stores.base.Stats` (its counts are
    cheap; the whole projection of a million statements is not). A page
    shows at most ``max_nodes`` nodes anyway: the message points to a view
    of a part.

    >>> from types import SimpleNamespace as S
    >>> check_whole_size(S(actors=10, policies=5, claims=100, evidence=60))
    >>> check_whole_size(S(actors=10, policies=5, claims=100, evidence=60), limit=100)
    Traceback (most recent call last):
    ...
    graph.errors.InputError: the whole debate holds 175 nodes (actors, policies, claims, evidence), more than the 100 a whole view draws from: draw a part, e.g. pag view TARGET (a policy's or claim's argument tree, an actor's neighbourhood), or write a page per policy with pag site
    """
    total = sum(int(getattr(stats, k)) for k in ("actors", "policies", "claims", "evidence"))
    if total > limit:
        raise InputError(
            f"the whole debate holds {total:,} nodes (actors, policies, claims, evidence), more than the "
            f"{limit:,} a whole view draws from: draw a part, e.g. pag view TARGET (a policy's or claim's "
            "argument tree, an actor's neighbourhood), or write a page per policy with pag site"
        )


def focused_graph(
    store: Store,
    target: str,
    *,
    depth: int | None = None,
    kinds: Iterable[str] | None = None,
    layout: Layout = "auto",
) -> nx.MultiDiGraph:
    """The part of ``store`` a view of ``target`` is drawn from, fetched without reading the rest.

    :func:`view_data` of this graph (with ``target=G.graph["focus"]`` and
    the same ``depth``, ``kinds`` and ``layout``) equals :func:`view_data`
    of the whole projection (``project(store, provenance=True)``) under the
    evidential or no-support reading, whose labels depend only on what argues
    about a node (tests check it on the corpus and on random graphs). It
    holds, fetched by SPARQL pattern queries (:class:`graph.model.Excerpt`):

    * the nodes the view can draw (the argument tree under a policy or claim,
      with the actors at it when ``kinds`` has ``"actor"``; or the
      neighbourhood of any other node, walked one step at a time through the
      kinds drawn), every statement about them, every edge at them and the
      kind and label of each other end (who asserts, advocates, opposes);
    * their backward closure along supports and attacks (their labels, the
      words why and the verdicts);
    * their forward closure along supports (how much rests on each);
    * the sources named, with their titles, publishers and links.

    ``G.graph["focus"]`` is the IRI ``target`` names in the whole store.

    Raises
    ------
    InputError, NodeNotFound, AmbiguousNode
        as :func:`view_data` does.

    Examples
    --------
    >>> from graph.model import project
    >>> from graph.stores import open_store
    >>> store = open_store("memory")
    >>> G = focused_graph(store, "policy:operation-synthetic-opioid-surge")
    >>> len(G) < len(project(store)) / 3
    True
    >>> view_data(G, G.graph["focus"]) == view_data(project(store, provenance=True), "policy:operation-synthetic-opioid-surge")
    True
    """
    wanted = _check_options(kinds, layout, depth, 1)
    ex = Excerpt(store)
    root = ex.resolve(target)
    ex.about([root])
    G = ex.graph()
    rkind = _kind(G, root)
    if layout == "tree" or (layout == "auto" and rkind in ("policy", "claim")):
        back = ex.closure([root], backward=True)
        drawn = {n for n, d in back.items() if depth is None or d <= depth}
        if "actor" in (wanted or _TREE_KINDS):
            ex.edges_at(drawn)
            G = ex.graph()
            drawn |= {u for n in drawn for u in G.predecessors(n) if _kind(G, u) == "actor"}
    else:
        allowed = (wanted or _WHOLE_KINDS) | {rkind}
        hops = depth if depth is not None else (1 if rkind in ("actor", "source") else 2)
        drawn, frontier = {root}, [root]
        for _ in range(hops):  # as _ball walks: through the kinds drawn
            ex.edges_at(frontier)
            G = ex.graph()
            nxt = {
                m for n in frontier for m in (*G.predecessors(n), *G.successors(n))
                if m not in drawn and _kind(G, m) in allowed
            }
            drawn |= nxt
            frontier = sorted(nxt)
        back = ex.closure(drawn, backward=True)
    ex.edges_at(drawn)
    ex.names(ex.about(drawn | set(back)))
    ex.edges_from(ex.closure(drawn, backward=False, relations=("supports",)), ("supports",))
    ex.names(ex.about(ex.graph_names))
    G = ex.graph()
    G.graph["focus"] = root
    return G


def _bfs_levels(G: nx.MultiDiGraph, chosen: set[str], root: str | None) -> dict[str, int]:
    H = nx.Graph()
    H.add_nodes_from(chosen)
    H.add_edges_from((u, v) for u, v in G.edges() if u in chosen and v in chosen)
    levels: dict[str, int] = {}
    for comp in sorted(nx.connected_components(H), key=lambda c: (root not in c, -len(c), min(c))):
        start = root if root in comp else min(comp)
        for n, d in nx.single_source_shortest_path_length(H, start).items():
            levels[n] = d
    return levels


def _info(a: Mapping[str, Any], G: nx.MultiDiGraph | None = None) -> list[list[str]]:
    rows: list[list[str]] = []
    for key, name in _INFO_KEYS:
        v = a.get(key)
        if v is None or v == [] or v == "":
            continue
        if key == "comment" and isinstance(v, list):
            rows.extend([name, str(note)] for note in v)  # one note per source, each in full
            continue
        text = _fmt_value(v) if G is None else display_name(G, v)
        if key == "value" and a.get("unit"):
            text = f"{text} {a['unit']}"
        rows.append([name, text])
    url = safe_url(a.get("url"))
    if url:
        rows.append(["link", url])
    return rows


# ---------------------------------------------------------------------------
# rendering


_HERE = Path(__file__).resolve().parent
_TEMPLATES = _HERE / "templates"
_ASSETS = _HERE / "assets"


@lru_cache(maxsize=1)
def _vis_dir() -> Path:
    import pyvis

    folder = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    if not (folder / "vis-network.min.js").is_file():
        raise InputError(
            f"vis-network is missing from the pyvis installation ({folder}); reinstall pyvis>=0.3.2"
        )
    return folder


@lru_cache(maxsize=8)
def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def asset_files(*, site: bool = False) -> dict[str, str]:
    """The static files a page needs, by file name: vis-network (from pyvis) and ours.

    With ``site=True``, also what :mod:`graph.site` adds: the site script
    and MiniSearch (vendored from npm, with its licence) for the search box.
    :mod:`graph.site` writes them once into its ``assets/`` folder.

    >>> sorted(asset_files())
    ['pag-view.css', 'pag-view.js', 'vis-network.min.css', 'vis-network.min.js']
    >>> sorted(set(asset_files(site=True)) - set(asset_files()))
    ['minisearch-LICENSE.txt', 'minisearch.js', 'pag-site.js']
    """
    vis = _vis_dir()
    files = {
        "vis-network.min.js": _read(str(vis / "vis-network.min.js")),
        "vis-network.min.css": _read(str(vis / "vis-network.css")),
        "pag-view.js": _read(str(_ASSETS / "pag-view.js")),
        "pag-view.css": _read(str(_ASSETS / "pag-view.css")),
    }
    if site:
        files["pag-site.js"] = _read(str(_ASSETS / "pag-site.js"))
        files["minisearch.js"] = _read(str(_ASSETS / "vendor" / "minisearch.js"))
        files["minisearch-LICENSE.txt"] = _read(str(_ASSETS / "vendor" / "minisearch-LICENSE.txt"))
    return files


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def template_env() -> Any:
    """The Jinja environment of ``graph/templates`` (autoescape on, strict undefined); shared with :mod:`graph.site`."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_html(
    data: Mapping[str, Any],
    *,
    assets: str | None = None,
    template: str = "view.html",
    **context: Any,
) -> str:
    """One HTML page for :func:`view_data`'s result; same data, same bytes.

    Parameters
    ----------
    data : mapping
        What :func:`view_data` returned.
    assets : str, optional
        None (default): inline vis-network and our script and style, so the
        file stands alone. Otherwise a relative folder URL (``"assets/"``)
        where :func:`asset_files` were written (a site page: the site's
        navigation and search box are added).
    template : str
        The page template (``view.html``; :mod:`graph.site` uses its own,
        which extend the same ``base.html``).
    **context
        More values for the template (the site's outline of the page).
    """
    import markupsafe

    inline = assets is None
    files = asset_files()
    payload = script_json(dict(data))
    if inline:
        script_src = f"{_sha256(files['vis-network.min.js'])} {_sha256(files['pag-view.js'])}"
        style_src = "'unsafe-inline'"
    else:
        script_src = "'self' file:"
        style_src = "'self' file: 'unsafe-inline'"
    csp = (
        "default-src 'none'; "
        f"script-src {script_src}; "
        f"style-src {style_src}; "
        "img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    # Markup: only our own files and JSON escaped by script_json; every
    # graph string reaches the template as text and is escaped there.
    trusted = markupsafe.Markup
    root = (assets or "")[: -len("assets/")] if (assets or "").endswith("assets/") else ""
    return str(
        template_env()
        .get_template(template)
        .render(
            title=str(data.get("title", "")),
            summary=str(data.get("summary", "")),
            notice=data.get("notice"),
            csp=csp,
            inline=inline,
            root=root,
            search=not inline,
            vis_js=trusted(files["vis-network.min.js"]) if inline else "",
            vis_css=trusted(files["vis-network.min.css"]) if inline else "",
            pag_js=trusted(files["pag-view.js"]) if inline else "",
            pag_css=trusted(files["pag-view.css"]) if inline else "",
            payload=trusted(payload),
            **context,
        )
    )
