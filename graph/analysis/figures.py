"""Disagreeing figures: evidence on the same measure whose sources give different values.

Evidence that is a number carries ``value``, ``unit`` and ``measure`` (the
IRI of a shared ``pag:Measure``) in the projection; curators link figures
that contradict each other with ``pag:disagreesWith`` (a ``disagrees`` edge
when the graph is projected with ``provenance=True``).

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("m", kind="measure", label="Overdoses a day")
>>> G.add_node("e1", kind="evidence", label="A", value=11.0, unit="a day", measure="m", sources=["s1"])
>>> G.add_node("e2", kind="evidence", label="B", value=9.0, unit="a day", measure="m", sources=["s2"])
>>> [(r["measure"]["label"], [i["value"] for i in r["items"]]) for r in disagreeing_figures(G)]
[('Overdoses a day', [9.0, 11.0])]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graph.analysis._common import best_quote, label, node_ref
from graph.analysis.results import (
    DateInfo,
    FamilyItem,
    FigureFamily,
    FigureItem,
    Figures,
    NodeRef,
    SeriesPoint,
)
from graph.analysis.timeline import parse_date

__all__ = ["disagreeing_figures", "figure_families", "figures_disagree"]

_CONTEXT = ("unit", "population", "place", "period")


def figures_disagree(i: Mapping[str, Any], j: Mapping[str, Any]) -> bool:
    """Whether two figure items on one measure disagree: THE rule.

    The ``disagreeing-figures`` named query states the same rule in SPARQL
    (a test checks they find the same pairs). Two items disagree when

    * both give a value and the values differ;
    * they come from different sources (their ``sources`` differ): two
      values from one source are the bounds of a range ("50 to 100 times
      morphine"; "5 to 10 years") or a trend it reports, not a dispute;
    * they are about the same period and place wherever both give one
      (14 in 2016 against 34 in 2015 is a trend, shown in the measure's
      series, not a disagreement).

    Items the curators link with ``pag:disagreesWith`` disagree whatever
    this rule says (see :func:`disagreeing_figures`).

    >>> a = {"value": 50.0, "sources": ["s"], "period": None, "place": None}
    >>> figures_disagree(a, {**a, "value": 100.0})
    False
    >>> figures_disagree(a, {**a, "value": 100.0, "sources": ["t"]})
    True
    >>> figures_disagree({**a, "period": "2015"}, {**a, "value": 9.0, "sources": ["t"], "period": "2016"})
    False
    """
    if i.get("value") is None or j.get("value") is None or i["value"] == j["value"]:
        return False
    if set(i.get("sources") or []) == set(j.get("sources") or []):
        return False
    for k in ("period", "place"):
        if i.get(k) is not None and j.get(k) is not None and str(i[k]) != str(j[k]):
            return False
    return True


def disagreeing_figures(G: nx.MultiDiGraph, *, include_agreeing: bool = False) -> list[Figures]:
    """Figures on one measure that differ between sources, side by side.

    A measure is reported when two of its evidence items disagree by
    :func:`figures_disagree` (different values from different sources, for
    the same period and place), or when any two of its items are linked by
    ``disagreesWith``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph; ``disagrees`` edges are used when present
        (``project(store, provenance=True)``). Not changed.
    include_agreeing : bool
        Also list measures with several items that do not disagree.

    Returns
    -------
    list of Figures
        Sorted by measure label: ``measure`` (``{"id", "label", "kind"}``),
        ``items`` (sorted by value then label: ``evidence``, ``value``,
        ``unit``, ``population``, ``place``, ``period``, ``measured_by``
        (``{"id", "label", "kind"}`` or None), ``sources``, ``quote``),
        ``linked`` (``[a, b]`` pairs stated with ``disagreesWith``, sorted),
        ``pairs`` (every ``[a, b]`` pair that disagrees: by
        :func:`figures_disagree` or linked),
        ``differs_in`` (which of unit / population / place / period differ
        between the items — a hint that they may not measure the same thing),
        ``ratio`` (largest / smallest positive value, 2 places, or None) and
        ``disagree`` (bool).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="evidence", label="3x", value=3.0, unit="fold", measure="m", sources=["s1"])
    >>> G.add_node("b", kind="evidence", label="40x", value=40.0, unit="fold", measure="m", sources=["s2"])
    >>> row = disagreeing_figures(G)[0]
    >>> [i["value"] for i in row["items"]], row["ratio"], row["differs_in"]
    ([3.0, 40.0], 13.33, [])
    """
    groups: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        if d.get("kind") == "evidence" and d.get("measure"):
            groups.setdefault(str(d["measure"]), []).append(n)
    links: set[tuple[str, str]] = set()
    for u, v, k in G.edges(keys=True):
        if k == "disagrees" and u != v:
            a, b = sorted((u, v))
            links.add((a, b))
    for a, b in links:  # linked items on no common measure still count
        for n in (a, b):
            m = G.nodes[n].get("measure") or f"{a} ≠ {b}"
            if n not in groups.setdefault(str(m), []):
                groups[str(m)].append(n)
    out: list[Figures] = []
    for m, members in groups.items():
        if len(members) < 2:
            continue
        items: list[FigureItem] = []
        for n in members:
            d = G.nodes[n]
            by = d.get("measured_by")
            items.append(
                {
                    "evidence": node_ref(G, n),
                    "value": d.get("value"),
                    "unit": d.get("unit"),
                    "population": d.get("population"),
                    "place": d.get("place"),
                    "period": d.get("period"),
                    "measured_by": node_ref(G, str(by)) if by else None,
                    "sources": list(d.get("sources") or []),
                    "quote": best_quote(G, n),
                }
            )
        items.sort(
            key=lambda i: (
                i["value"] is None,
                i["value"] if i["value"] is not None else 0.0,
                i["evidence"]["label"].casefold(),
                i["evidence"]["id"],
            )
        )
        linked = sorted([a, b] for a, b in links if a in members and b in members)
        pairs = sorted(
            [i["evidence"]["id"], j["evidence"]["id"]]
            for k, i in enumerate(items)
            for j in items[k + 1 :]
            if figures_disagree(i, j)
        )
        disagree = bool(pairs) or bool(linked)
        if not disagree and not include_agreeing:
            continue
        positive = [i["value"] for i in items if isinstance(i["value"], float | int) and i["value"] > 0]
        ratio = round(max(positive) / min(positive), 2) if len(positive) > 1 else None
        ref: NodeRef = node_ref(G, m) if m in G else {"id": m, "label": label(G, m), "kind": "measure"}
        out.append(
            {
                "measure": ref,
                "items": items,
                "linked": linked,
                "pairs": [list(p) for p in sorted({(a, b) for a, b in pairs} | {(a, b) for a, b in linked})],
                "differs_in": [k for k in _CONTEXT if len({str(i.get(k)) for i in items}) > 1],
                "ratio": ratio,
                "disagree": disagree,
            }
        )
    return sorted(out, key=lambda r: (r["measure"]["label"].casefold(), r["measure"]["id"]))


_YEARISH = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?\s*$")


def _when(d: dict[str, Any], measure_label: str) -> DateInfo | None:
    """When a figure was measured: its period ("2016"), a year its period names, or its measure's."""
    period = d.get("period")
    if period is not None and _YEARISH.match(str(period)):
        return parse_date(str(period))
    return parse_date(period, loose=True) or parse_date(measure_label, loose=True)


def _families(G: nx.MultiDiGraph, items_by_measure: dict[str, list[str]]) -> list[set[str]]:
    """Measures grouped into families: SKOS links (broader, related, exact/close match), or the same population and unit."""
    F = nx.Graph()
    F.add_nodes_from(items_by_measure)
    for m in list(items_by_measure):
        d = G.nodes[m] if m in G else {}
        for key in ("broader", "related", "exact_match"):
            for other in d.get(key) or []:
                F.add_edge(m, str(other))
    # measures whose figures share a population and a unit (both given)
    by_frame: dict[tuple[str, str], set[str]] = {}
    for m, items in items_by_measure.items():
        for n in items:
            pop, unit = G.nodes[n].get("population"), G.nodes[n].get("unit")
            if pop and unit:
                by_frame.setdefault((str(pop).casefold(), str(unit).casefold()), set()).add(m)
    for ms in by_frame.values():
        first, *rest = sorted(ms)
        F.add_edges_from((first, m) for m in rest)
    return [set(c) for c in nx.connected_components(F)]


def figure_families(G: nx.MultiDiGraph) -> list[FigureFamily]:
    """Related figures side by side, and a series over time for each family of measures.

    A *family* is a group of measures the data links with ``skos:broader``,
    ``skos:related``, ``skos:exactMatch`` / ``skos:closeMatch`` (either way),
    or whose figures share a population and a unit — the same quantity,
    framed differently or counted in different years (overdose deaths in
    2016, 2017, 2018). A family is listed when it holds two figures or more.

    Returns
    -------
    list of dict
        Sorted by the family's label: ``family`` (NodeRef of its broadest
        measure: the one the others are ``broader``-linked to, else the
        first by label), ``measures`` (NodeRefs), ``items`` (figure items as
        in :func:`disagreeing_figures`, each with ``measure_ref`` and
        ``when`` (DateInfo or None: the period, a year it names, or the
        measure's label year); by date, then value), ``series`` (the items
        with a date, in date order: ``{"date", "key", "value", "unit",
        "evidence", "measure", "sources", "quote"}``; empty unless they span
        two dates or more), and ``disagree`` (pairs of items that disagree by
        :func:`figures_disagree` on the same measure).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("all", kind="measure", label="Deaths per year")
    >>> for y in (2016, 2017):
    ...     G.add_node(f"m{y}", kind="measure", label=f"Deaths {y}", broader=["all"])
    ...     G.add_node(f"e{y}", kind="evidence", label=f"D{y}", value=float(y - 2000), measure=f"m{y}",
    ...                period=str(y), sources=["s"])
    >>> fam = figure_families(G)[0]
    >>> fam["family"]["id"], [(p["date"], p["value"]) for p in fam["series"]]
    ('all', [('2016', 16.0), ('2017', 17.0)])
    """
    items_by_measure: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        if d.get("kind") == "evidence" and d.get("measure") and d.get("value") is not None:
            items_by_measure.setdefault(str(d["measure"]), []).append(n)
    out: list[FigureFamily] = []
    for fam in _families(G, items_by_measure):
        members = [n for m in fam for n in items_by_measure.get(m, [])]
        if len(members) < 2:
            continue
        narrower = {m: sum(1 for x in fam if m in (G.nodes[x].get("broader") or []) if x in G) for m in fam}
        head = sorted(fam, key=lambda m: (-narrower[m], label(G, m).casefold(), m))[0]
        items: list[FamilyItem] = []
        for n in members:
            d = G.nodes[n]
            m = str(d["measure"])
            by = d.get("measured_by")
            items.append(
                {
                    "evidence": node_ref(G, n),
                    "value": d.get("value"),
                    "unit": d.get("unit"),
                    "population": d.get("population"),
                    "place": d.get("place"),
                    "period": d.get("period"),
                    "measured_by": node_ref(G, str(by)) if by else None,
                    "sources": list(d.get("sources") or []),
                    "quote": best_quote(G, n),
                    "measure_ref": node_ref(G, m) if m in G else {"id": m, "label": m, "kind": "measure"},
                    "when": _when(d, label(G, m)),
                }
            )
        items.sort(
            key=lambda i: (
                i["when"] is None,
                i["when"]["key"] if i["when"] else [0, 0, 0],
                i["value"],
                i["evidence"]["label"].casefold(),
                i["evidence"]["id"],
            )
        )
        dated = [(i, i["when"]) for i in items if i["when"] is not None]
        series: list[SeriesPoint] = (
            [
                {
                    "date": w["date"],
                    "key": w["key"],
                    "value": i["value"],
                    "unit": i["unit"],
                    "evidence": i["evidence"]["id"],
                    "measure": i["measure_ref"]["id"],
                    "sources": i["sources"],
                    "quote": i["quote"],
                }
                for i, w in dated
            ]
            if len({w["date"] for _, w in dated}) > 1
            else []
        )
        pairs = sorted(
            (i["evidence"]["id"], j["evidence"]["id"])
            for k, i in enumerate(items)
            for j in items[k + 1 :]
            if i["measure_ref"]["id"] == j["measure_ref"]["id"] and figures_disagree(i, j)
        )
        out.append(
            {
                "family": node_ref(G, head) if head in G else {"id": head, "label": head, "kind": "measure"},
                "measures": [node_ref(G, m) if m in G else {"id": m, "label": m, "kind": "measure"} for m in sorted(fam, key=lambda m: (label(G, m).casefold(), m))],
                "items": items,
                "series": series,
                "disagree": [list(p) for p in pairs],
            }
        )
    return sorted(out, key=lambda r: (r["family"]["label"].casefold(), r["family"]["id"]))
