"""Impact: what falls when a piece of evidence or a whole source is retracted.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, k in [("e", "evidence"), ("c", "claim"), ("p", "policy")]:
...     G.add_node(n, kind=k, label=n.upper(), sources=["s"])
>>> _ = G.add_edge("e", "c", key="supports", sources=["s"])
>>> _ = G.add_edge("c", "p", key="supports", sources=["s"])
>>> [r["node"]["id"] for r in impact(G, "e")["lose_support"]]
['p', 'c']
>>> [(r["evidence"]["id"], r["sole_support"]) for r in load_bearing(G)]
[('e', ['p', 'c'])]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence

import networkx as nx

from graph.analysis._common import (
    ARGUMENT_KINDS,
    a_kind,
    argument_nodes,
    attack_edges,
    kind_rank,
    label,
    node_ref,
    shared_result,
    support_graph,
)
from graph.analysis.evidence import _below, evidence_sets, evidence_sets_of
from graph.analysis.relabel import Relabeller
from graph.analysis.results import Impact, LabelChange, LoadBearing, LoseSupport, Weakened
from graph.errors import InputError
from graph.model import resolve
from graph.semantics import (
    DEFAULT_SUPPORT,
    Support,
    _attack_pairs,
    _grounded,
    _labels_from,
    evaluate,
    explain_label,
    grounded_labels,
    is_undercut,
)
from graph.terms import curie

__all__ = ["impact", "load_bearing", "retract"]


def retract(G: nx.MultiDiGraph, target: str) -> nx.MultiDiGraph:
    """A copy of ``G`` without an argument node, or without everything one source says.

    Retracting a **source** removes it from every edge's ``sources``; edges
    left with no source go, and so do nodes that only that source spoke of
    (and the source node itself). Retracting an **argument** (evidence,
    claim, policy) removes that node and its edges. ``G`` is not changed.

    Raises
    ------
    NodeNotFound, AmbiguousNode
        ``target`` does not name exactly one node.
    InputError
        ``target`` is an actor or measure (neither can be retracted).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("s", kind="source"); G.add_node("a", kind="claim", sources=["s"])
    >>> G.add_node("b", kind="claim", sources=["s", "t"])
    >>> _ = G.add_edge("a", "b", key="supports", sources=["s"])
    >>> _ = G.add_edge("b", "b", key="attacks", sources=["s", "t"])
    >>> H = retract(G, "s")
    >>> sorted(H.nodes), [(u, v, d["sources"]) for u, v, d in H.edges(data=True)]
    (['b'], [('b', 'b', ['t'])])
    """
    n = resolve(G, target)
    kind = G.nodes[n].get("kind")
    H = G.copy()
    if kind == "source":
        for u, v, k, d in list(H.edges(keys=True, data=True)):
            srcs = list(d.get("sources") or [])
            if n in srcs:
                rest = [s for s in srcs if s != n]
                if rest:
                    H.edges[u, v, k]["sources"] = rest
                else:
                    H.remove_edge(u, v, key=k)
        gone = [m for m, d in H.nodes(data=True) if list(d.get("sources") or []) == [n]]
        H.remove_nodes_from([*gone, n])
        for m in H:
            if n in (H.nodes[m].get("sources") or []):
                H.nodes[m]["sources"] = [s for s in H.nodes[m]["sources"] if s != n]
                H.nodes[m]["quotes"] = [q for q in H.nodes[m].get("quotes") or [] if q.get("source") != n]
        return H
    if kind not in ARGUMENT_KINDS and kind != "other":
        raise InputError(
            f"{label(G, n)} ({curie(n)}) is {a_kind(str(kind))}: retract a piece of evidence, a claim, a policy or a source"
        )
    H.remove_node(n)
    return H


def _node_order(G: nx.MultiDiGraph, n: str) -> tuple[int, str, str]:
    return (kind_rank(G.nodes[n].get("kind", "")), label(G, n).casefold(), n)


def _targets(G: nx.MultiDiGraph, target: str | Sequence[str]) -> tuple[list[str], nx.MultiDiGraph, str]:
    """The retracted nodes (resolved, first first), the graph without them, and the mode."""
    targets = [target] if isinstance(target, str) else list(target)
    if not targets:
        raise InputError("nothing to retract: give one TARGET or more")
    gone_ids = list(dict.fromkeys(resolve(G, t) for t in targets))
    H = G
    for x in gone_ids:
        if x in H:  # a node may already have gone with a retracted source
            H = retract(H, x)
    kinds = {"source" if G.nodes[x].get("kind") == "source" else "node" for x in gone_ids}
    mode = "several" if len(gone_ids) > 1 else kinds.pop()
    return gone_ids, H, mode


def impact(G: nx.MultiDiGraph, target: str | Sequence[str], *, support: Support = DEFAULT_SUPPORT) -> Impact:
    """What changes when ``target`` (evidence, claim, policy or source) is retracted — or several at once.

    Only what can change is recomputed: the evidence bases of what rests on
    the retracted nodes (their descendants along supports) and the
    acceptability labels a :class:`~graph.analysis.relabel.Relabeller`
    finds can change (see there for why that is exact under each reading).
    The reasons for the labels that change come from one evaluation of the
    graph after the retraction. The answer equals a whole recomputation
    (kept as ``_impact_naive``; tests compare them).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph; not changed.
    target : str or sequence of str
        Node key, IRI, CURIE or label of an argument or a Source; several
        are retracted together (one after the other, then compared once).
    support : {"evidential", "deductive", "necessary", "none"}
        How supports carry attacks when labels are recomputed
        (see :func:`graph.semantics.attacks`).

    Returns
    -------
    Impact
        ``retracted`` (``{"id", "label", "kind"}``: the first target),
        ``targets`` (every target retracted), ``mode`` (``"source"``,
        ``"node"``, or ``"several"`` for more than one target), ``removed`` (argument nodes that go
        with it, sorted), ``lose_support`` (claims and policies that had
        evidence and now have none: ``{"node", "evidence_before",
        "sources"}``, sources being those that state the former evidence),
        ``weakened`` (lost some evidence but keep some: ``{"node",
        "evidence_before", "evidence_after", "sources"}``) and ``label_changes``
        (``{"node", "before", "after", "reason", "sources"}``, reason and
        sources from :func:`graph.semantics.explain_label` after the
        retraction). Lists
        are sorted policies first, then claims, then evidence, by label.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("e", "evidence"), ("c", "claim"), ("p", "policy"), ("x", "claim")]:
    ...     G.add_node(n, kind=k, label=n.upper(), sources=["s"], quotes=[])
    >>> for u, rel, v in [("e", "supports", "c"), ("c", "supports", "p"), ("x", "attacks", "c")]:
    ...     _ = G.add_edge(u, v, key=rel, sources=["s"])
    >>> out = impact(G, "x")
    >>> [(r["node"]["id"], r["before"], r["after"]) for r in out["label_changes"]]
    [('c', 'OUT', 'IN')]
    >>> out = impact(G, "x", support="deductive")  # e was OUT for backing what x attacked
    >>> [(r["node"]["id"], r["before"], r["after"]) for r in out["label_changes"]]
    [('c', 'OUT', 'IN'), ('e', 'OUT', 'IN')]
    """
    gone_ids, H, mode = _targets(G, target)
    rel = Relabeller(G, support=support)
    S = rel.S
    # what goes: arguments no longer arguments, and the links between the rest
    args_after = set(argument_nodes(H))
    X = {a for a in rel.args if a not in args_after}
    gone_supports = {(u, v) for u, v in S.edges if u not in X and v not in X and not H.has_edge(u, v, key="supports")}
    gone_attacks = {(a, t) for a, t in rel.direct if a not in X and t not in X and not H.has_edge(a, t, key="attacks")}
    # evidence bases change only for what rests on what goes
    resting = rel.resting_on(X | {v for _u, v in gone_supports})
    resting -= X
    lose: list[LoseSupport] = []
    weak: list[Weakened] = []
    if resting:
        before = _bases(G, S, resting, set(), set())
        after = _bases(G, S, resting, X, gone_supports)
        for m in sorted(resting, key=lambda m: _node_order(G, m)):
            if m not in H or G.nodes[m].get("kind") not in ("claim", "policy"):
                continue
            b, a = before[m], after[m]
            srcs = sorted({s for e in b for s in G.nodes[e].get("sources") or []})
            if b and not a:
                lose.append({"node": node_ref(G, m), "evidence_before": b, "sources": srcs})
            elif len(a) < len(b):
                weak.append({"node": node_ref(G, m), "evidence_before": b, "evidence_after": a, "sources": srcs})
    removed = sorted((m for m in rel.args if m not in H), key=lambda m: _node_order(G, m))
    new = rel.changes(X, gone_supports=gone_supports, gone_attacks=gone_attacks)
    changes: list[LabelChange] = []
    ev = evaluate(H, support=support) if new else None
    for m in sorted(new, key=lambda m: _node_order(G, m)):
        why = explain_label(H, m, support=support, evaluation=ev)
        changes.append(
            {
                "node": node_ref(G, m),
                "before": rel.labels[m],
                "after": new[m],
                "reason": why["reason"],
                "sources": why["sources"],
            }
        )
    return {
        "retracted": node_ref(G, gone_ids[0]),
        "targets": [node_ref(G, x) for x in gone_ids],
        "mode": mode,
        "removed": [node_ref(G, m) for m in removed if m not in gone_ids],
        "lose_support": lose,
        "weakened": weak,
        "label_changes": changes,
    }


def _bases(
    G: nx.MultiDiGraph, S: nx.DiGraph, nodes: set[str], gone: set[str], gone_supports: set[tuple[str, str]]
) -> dict[str, list[str]]:
    """The evidence bases of ``nodes`` in ``S`` without ``gone`` and ``gone_supports``.

    Only the support ancestors of ``nodes`` are looked at (a base is the
    evidence among them: :func:`graph.analysis.evidence.evidence_sets`).
    """
    keep: set[str] = set()
    queue = deque(n for n in nodes if n not in gone)
    keep.update(queue)
    while queue:
        n = queue.popleft()
        for m in S.predecessors(n):
            if m not in keep and m not in gone and (m, n) not in gone_supports:
                keep.add(m)
                queue.append(m)
    sub = nx.DiGraph()
    sub.add_nodes_from(sorted(keep))
    sub.add_edges_from((u, v) for u in sorted(keep) for v in S.successors(u) if v in keep and (u, v) not in gone_supports)
    below = _below(sub, lambda n: bool(G.nodes[n].get("kind") == "evidence"))
    return {n: sorted(below[n]) for n in nodes if n in below}


def _impact_naive(G: nx.MultiDiGraph, target: str | Sequence[str], *, support: Support = DEFAULT_SUPPORT) -> Impact:
    """:func:`impact` by the straightforward computation: every base and label recomputed on
    the retracted graph, each label change explained by its own evaluation (the reference the
    tests hold :func:`impact` to)."""
    gone_ids, H, mode = _targets(G, target)
    n = gone_ids[0]
    before, after = evidence_sets(G), evidence_sets(H)
    lab_before = grounded_labels(G, support=support)
    lab_after = grounded_labels(H, support=support)
    removed = sorted((m for m in before if m not in H), key=lambda m: _node_order(G, m))
    lose: list[LoseSupport] = []
    weak: list[Weakened] = []
    changes: list[LabelChange] = []
    for m in sorted(before, key=lambda m: _node_order(G, m)):
        if m not in H or G.nodes[m].get("kind") not in ("claim", "policy"):
            continue
        b, a = before[m], after.get(m, [])
        srcs = sorted({s for e in b for s in G.nodes[e].get("sources") or []})
        if b and not a:
            lose.append({"node": node_ref(G, m), "evidence_before": b, "sources": srcs})
        elif len(a) < len(b):
            weak.append({"node": node_ref(G, m), "evidence_before": b, "evidence_after": a, "sources": srcs})
    for m in sorted(lab_after, key=lambda m: _node_order(G, m)):
        if m in lab_before and lab_before[m] != lab_after[m]:
            why = explain_label(H, m, support=support, labels=lab_after)
            changes.append(
                {
                    "node": node_ref(G, m),
                    "before": lab_before[m],
                    "after": lab_after[m],
                    "reason": why["reason"],
                    "sources": why["sources"],
                }
            )
    return {
        "retracted": node_ref(G, n),
        "targets": [node_ref(G, x) for x in gone_ids],
        "mode": mode,
        "removed": [node_ref(G, m) for m in removed if m not in gone_ids],
        "lose_support": lose,
        "weakened": weak,
        "label_changes": changes,
    }


def load_bearing(
    G: nx.MultiDiGraph,
    *,
    top: int | None = None,
    labels: bool = True,
    support: Support = DEFAULT_SUPPORT,
    progress: Callable[[str], None] | None = None,
) -> list[LoadBearing]:
    """Rank evidence by how much rests on it.

    The evidence bases are computed once (one pass over the condensation of
    the support graph) and inverted; the labels once, then relabelled per
    item only where its retraction can reach (a
    :class:`~graph.analysis.relabel.Relabeller`: under the default
    ``evidential`` reading the item's attack targets and what they attack
    in turn, plus the undercuts of what loses its last support; under
    ``deductive``/``necessary`` also the attacks derived through the item's
    support ancestors/descendants). The result equals retracting each item
    and relabelling the whole graph (kept as ``_load_bearing_naive``; tests
    compare them).

    Parameters
    ----------
    top : int or None
        Keep the first ``top`` rows.
    labels : bool
        Also count, for each item, the acceptability labels that change
        when it is retracted.
    support : {"evidential", "deductive", "necessary", "none"}
        The reading of support for those labels.
    progress : callable, optional
        Called with each evidence item's id as it is weighed.

    Returns
    -------
    list of LoadBearing
        ``evidence`` (``{"id", "label", "kind"}``), ``sources``,
        ``sole_support`` (claims and policies whose only evidence it is —
        they lose all evidential support without it), ``rests_on`` (claims
        and policies with it anywhere in their evidence base) and
        ``label_changes`` (a count, or None when ``labels`` is false);
        sorted by sole support, then rests-on, then label changes (all
        descending), then label. Items on which nothing rests are left out.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("e", "evidence"), ("c", "claim"), ("p", "policy"), ("x", "claim")]:
    ...     G.add_node(n, kind=k, label=n.upper(), sources=["s"], quotes=[])
    >>> for u, rel, v in [("e", "supports", "c"), ("c", "supports", "p"), ("x", "attacks", "c")]:
    ...     _ = G.add_edge(u, v, key=rel, sources=["s"])
    >>> [(r["evidence"]["id"], r["sole_support"], r["label_changes"]) for r in load_bearing(G)]
    [('e', ['p', 'c'], 0)]
    """
    rel = Relabeller(G, support=support) if labels else None

    def count(e: str) -> int | None:
        return None if rel is None else len(rel.changes({e}))

    # the support graph the labels were built on serves the bases too (shared with
    # the rest of a report, as evidence_sets is)
    bases = evidence_sets(G) if rel is None else shared_result(G, "evidence_sets", lambda: evidence_sets_of(G, rel.S))
    return _ranking(G, count, bases, top=top, progress=progress)


def _load_bearing_naive(
    G: nx.MultiDiGraph,
    *,
    top: int | None = None,
    labels: bool = True,
    support: Support = DEFAULT_SUPPORT,
    progress: Callable[[str], None] | None = None,
) -> list[LoadBearing]:
    """:func:`load_bearing` by the straightforward computation: the whole graph relabelled once
    per evidence item (the reference the tests hold :func:`load_bearing` to)."""
    base_lab = grounded_labels(G, support=support) if labels else {}
    args = argument_nodes(G)
    S = support_graph(G, args)
    direct = [(a, t) for a, t, _ in attack_edges(G, args)]
    undercuts = {(a, t) for a, t in direct if is_undercut(G, a, t)}

    def count(e: str) -> int | None:
        if not labels:
            return None
        S_e = S.copy()
        S_e.remove_node(e)
        rest_args = [a for a in args if a != e]
        pairs = _attack_pairs(S_e, [(a, t) for a, t in direct if e not in (a, t)], support, undercuts)
        after = _labels_from(rest_args, sorted(pairs), _grounded(rest_args, pairs))
        return sum(1 for m, lab in after.items() if base_lab.get(m) != lab)

    return _ranking(G, count, evidence_sets(G), top=top, progress=progress)


def _ranking(
    G: nx.MultiDiGraph,
    count: Callable[[str], int | None],
    bases: dict[str, list[str]],
    *,
    top: int | None,
    progress: Callable[[str], None] | None,
) -> list[LoadBearing]:
    """The load-bearing rows from the evidence ``bases``, ``count`` giving each item's label changes."""
    rows: list[LoadBearing] = []
    # what rests on each item: the bases inverted once (not a scan of every
    # base per item, which made the ranking quadratic)
    resting: dict[str, list[str]] = {}
    for m, b in bases.items():
        if G.nodes[m].get("kind") in ("claim", "policy"):
            for e in b:
                resting.setdefault(e, []).append(m)
    for e in sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "evidence"):
        if progress is not None:
            progress(e)
        rest = resting.get(e, [])
        if not rest:
            continue
        sole = [m for m in rest if bases[m] == [e]]
        rows.append(
            {
                "evidence": node_ref(G, e),
                "sources": list(G.nodes[e].get("sources") or []),
                "sole_support": sorted(sole, key=lambda m: _node_order(G, m)),
                "rests_on": sorted(rest, key=lambda m: _node_order(G, m)),
                "label_changes": count(e),
            }
        )
    rows.sort(
        key=lambda r: (
            -len(r["sole_support"]),
            -len(r["rests_on"]),
            -(r["label_changes"] or 0),
            r["evidence"]["label"].casefold(),
            r["evidence"]["id"],
        )
    )
    return rows[:top] if top is not None else rows
