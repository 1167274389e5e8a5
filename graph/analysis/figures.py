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

import networkx as nx

from graph.analysis._common import best_quote, label, node_ref
from graph.analysis.results import FigureItem, Figures, NodeRef

__all__ = ["disagreeing_figures"]

_CONTEXT = ("unit", "population", "place", "period")


def disagreeing_figures(G: nx.MultiDiGraph, *, include_agreeing: bool = False) -> list[Figures]:
    """Figures on one measure that differ between sources, side by side.

    A measure is reported when two of its evidence items come from
    different sources (their ``sources`` differ) and give different values,
    or when any two of its items are linked by ``disagreesWith``.

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
        differ = any(
            i["value"] != j["value"] and set(i["sources"]) != set(j["sources"])
            for i in items
            for j in items
            if i["value"] is not None and j["value"] is not None
        )
        disagree = differ or bool(linked)
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
                "differs_in": [k for k in _CONTEXT if len({str(i.get(k)) for i in items}) > 1],
                "ratio": ratio,
                "disagree": disagree,
            }
        )
    return sorted(out, key=lambda r: (r["measure"]["label"].casefold(), r["measure"]["id"]))
