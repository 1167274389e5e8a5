"""A timeline of the debate: dated policies, stances, evidence, figures and sources, in order.

Dates are shown only as precise as the data gives them: ``pag:date`` /
``dcterms:date`` literals (``xsd:gYear`` "2018", ``xsd:gYearMonth``
"2018-03", ``xsd:date`` "2018-03-05"), and for figures the first year
named in their ``pag:period`` text ("about 2016", from "2016 to 2018").

What is dated, and by what:

``policy``
    a policy's ``pag:date`` (when it was proposed, enacted or started), with
    its status;
``stance``
    an actor's stance on a policy, by a reified statement's date (see the
    README, "Dated stances"); a stance that *is* the act the policy's date
    records (``proposed``, ``enacted``, ``signed``, ``implemented``) takes the
    policy's date, marked ``date_from: "policy"``;
``evidence``
    an evidence item's ``pag:date`` (published or reported);
``figure``
    a figure (evidence with a value) by its ``pag:period``, when it names a
    year and the item has no ``pag:date``;
``source``
    a source document's ``dcterms:date`` (when it was published).

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("p", kind="policy", label="Surge", date="2017-11", status=["enacted"], sources=["s"])
>>> G.add_node("a", kind="actor", label="Al")
>>> _ = G.add_edge("a", "p", key="advocates", predicates=["advocates", "proposed"], sources=["s"])
>>> G.add_node("e", kind="evidence", label="Deaths", value=42.0, period="2016", sources=["s"])
>>> [(e["date"], e["kind"], e["node"]["id"]) for e in timeline(G)["entries"]]
[('about 2016', 'figure', 'e'), ('2017-11', 'policy', 'p'), ('2017-11', 'stance', 'p')]
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from graph.analysis._common import best_quote, node_ref, support_graph
from graph.analysis.results import DateInfo, Timeline, TimelineEntry
from graph.model import resolve
from graph.vocab import STANCE

__all__ = ["DateInfo", "TimelineEntry", "parse_date", "timeline"]

#: stance predicates that are the act a policy's date records
_ACTS = ("proposed", "enacted", "signed", "implemented")
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")




def parse_date(text: Any, *, loose: bool = False) -> DateInfo | None:
    """Read a ``pag:date`` literal; with ``loose``, the first year in free text.

    >>> parse_date("2018-03")["precision"], parse_date("2018")["key"]
    ('month', [2018, 0, 0])
    >>> parse_date("summer and fall 2019", loose=True)["date"]
    'about 2019'
    >>> parse_date("recent years") is None
    True
    """
    if text is None:
        return None
    s = str(text)
    m = _DATE.match(s)
    if m and not loose:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if d:
            return {"date": f"{y}-{mo}-{d}", "precision": "day", "key": [int(y), int(mo), int(d)]}
        if mo:
            return {"date": f"{y}-{mo}", "precision": "month", "key": [int(y), int(mo), 0]}
        return {"date": y, "precision": "year", "key": [int(y), 0, 0]}
    if loose:
        found = _YEAR.search(s)
        if found:
            y = found.group(1)
            return {"date": f"about {y}", "precision": "about", "key": [int(y), 0, 0]}
    return None






def _entry(
    G: nx.MultiDiGraph, when: DateInfo, kind: str, n: str, what: str, date_from: str,
    sources: list[str], actor: str | None = None,
) -> TimelineEntry:  # fmt: skip
    return {
        **when,
        "kind": kind,
        "node": node_ref(G, n),
        "actor": node_ref(G, actor) if actor else None,
        "what": what,
        "date_from": date_from,
        "sources": sorted(sources),
        "quote": best_quote(G, n, sources),
    }


def _figure(d: dict[str, Any]) -> str:
    v = d.get("value")
    num = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
    return " ".join(x for x in (num, str(d.get("unit") or "")) if x).strip()


def _scope(G: nx.MultiDiGraph, focus: str) -> set[str]:
    """The nodes a focused timeline shows: the focus and what bears on it."""
    kind = G.nodes[focus].get("kind")
    keep = {focus}
    if kind == "actor":
        keep.update(v for _, v, k in G.out_edges(focus, keys=True) if k in STANCE or k == "asserts")
    elif kind in ("policy", "claim", "evidence"):
        S = support_graph(G)
        if focus in S:
            keep.update(nx.ancestors(S, focus))
        keep.update(u for u, _, k in G.in_edges(focus, keys=True) if k in STANCE or k == "attacks")
    elif kind == "measure":
        fam = {focus} | set(G.nodes[focus].get("broader") or []) | set(G.nodes[focus].get("related") or [])
        fam |= {m for m, d in G.nodes(data=True) if focus in (d.get("broader") or []) or focus in (d.get("related") or [])}
        keep.update(n for n, d in G.nodes(data=True) if d.get("measure") in fam)
    elif kind == "source":
        keep.update(n for n, d in G.nodes(data=True) if focus in (d.get("sources") or []))
    return keep


def _stance_in_scope(G: nx.MultiDiGraph, focus: str, actor: str, policy: str, d: dict[str, Any]) -> bool:
    kind = G.nodes[focus].get("kind")
    if kind == "actor":
        return actor == focus
    if kind == "source":
        return focus in (d.get("sources") or [])
    return policy == focus


def timeline(
    G: nx.MultiDiGraph, target: str | None = None, *, kinds: list[str] | None = None, where: str | None = None
) -> Timeline:
    """Dated policies, stances, evidence, figures and sources, in order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph (:func:`graph.model.project`); not changed.
    target : str, optional
        An actor (their stances and what they assert), a policy or claim (it,
        its stances and the evidence below it), a measure (figures on it and
        its family), or a source (what it states). None: the whole debate.
    kinds : list of str, optional
        Only these entry kinds (``policy``, ``stance``, ``evidence``,
        ``figure``, ``source``).
    where : str, optional
        Only entries whose place holds this text (case ignored): a policy's
        or a stance's policy's ``pag:jurisdiction``, a figure's or evidence
        item's ``pag:place`` ("federal", "Maryland"); sources are left out.

    Raises
    ------
    NodeNotFound, AmbiguousNode
        ``target`` does not name exactly one node.
    """
    focus = resolve(G, target, prefer=("actor",)) if target is not None else None
    scope = _scope(G, focus) if focus is not None else None
    entries: list[TimelineEntry] = []
    undated = 0
    for n, d in G.nodes(data=True):
        kind = d.get("kind")
        if kind == "source":
            if scope is not None and n != focus:
                continue
            when = parse_date(d.get("date"))
            if when:
                entries.append(_entry(G, when, "source", n, "published", "published", [n]))
            continue
        if scope is not None and n not in scope:
            continue
        srcs = list(d.get("sources") or [])
        if kind == "policy":
            when = parse_date(d.get("date"))
            status = ", ".join(d.get("status") or []) or "no status given"
            extra = [", ".join(d.get("approach") or []), str(d.get("jurisdiction") or "")]
            what = "; ".join([status, *(x for x in extra if x)])
            if when:
                entries.append(_entry(G, when, "policy", n, what, "date", srcs))
            else:
                undated += 1
        elif kind == "evidence":
            when = parse_date(d.get("date"))
            if when:
                what = f"figure {_figure(d)}" if d.get("value") is not None else "reported"
                entries.append(_entry(G, when, "evidence", n, what, "date", srcs))
                continue
            when = parse_date(d.get("period"), loose=True) if d.get("value") is not None else None
            if when:
                entries.append(_entry(G, when, "figure", n, f"{_figure(d)} ({d.get('period')})", "period", srcs))
            else:
                undated += 1
    # stances
    for u, v, k, d in G.edges(keys=True, data=True):
        if k not in STANCE or G.nodes[v].get("kind") != "policy":
            continue
        if focus is not None and not _stance_in_scope(G, focus, u, v, d):
            continue
        preds = sorted(d.get("predicates") or [k])
        how = "/".join(p for p in preds if p != k)
        what = k + (f" ({how})" if how else "")
        dated = False
        for x in d.get("dates") or []:
            when = parse_date(x["date"])
            if when:
                entries.append(_entry(G, when, "stance", v, what, "stance", [x["source"]] if x["source"] else list(d.get("sources") or []), u))
                dated = True
        if not dated and set(preds) & set(_ACTS):
            when = parse_date(G.nodes[v].get("date"))
            if when:
                entries.append(_entry(G, when, "stance", v, what, "policy", list(d.get("sources") or []), u))
                dated = True
        if not dated:
            undated += 1
    if kinds:
        entries = [e for e in entries if e["kind"] in kinds]
    if where:
        want = where.casefold()

        def place(e: TimelineEntry) -> str:
            d = G.nodes[e["node"]["id"]]
            return str(d.get("jurisdiction") or d.get("place") or "").casefold()

        entries = [e for e in entries if e["kind"] != "source" and want in place(e)]
    order = {"source": 0, "policy": 1, "stance": 2, "evidence": 3, "figure": 4}
    entries.sort(
        key=lambda e: (
            e["key"],
            order[e["kind"]],
            e["node"]["label"].casefold(),
            e["node"]["id"],
            e["actor"]["label"].casefold() if e["actor"] else "",
        )
    )
    return {"focus": node_ref(G, focus) if focus else None, "entries": entries, "undated": undated}
