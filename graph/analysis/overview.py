"""A one-page overview of a debate: counts and the top of every other analysis.

Examples
--------
>>> import networkx as nx
>>> overview(nx.MultiDiGraph())["counts"]["policies"]
0
"""

from __future__ import annotations

from typing import cast

import networkx as nx

from graph.analysis.actors import tensions
from graph.analysis.figures import disagreeing_figures
from graph.analysis.impact import load_bearing
from graph.analysis.results import AcceptabilitySummary, Overview, OverviewCounts
from graph.analysis.weakspots import circular_support, contested, single_source, unsupported
from graph.semantics import Support, acceptability

__all__ = ["overview"]

_PLURAL = {"actor": "actors", "policy": "policies", "claim": "claims", "evidence": "evidence", "source": "sources"}


def overview(G: nx.MultiDiGraph, *, top: int = 5, support: Support = "deductive") -> Overview:
    """Counts and the first ``top`` rows of the main analyses.

    Returns
    -------
    Overview
        ``counts`` (actors, policies, claims, evidence, sources, supports,
        attacks, stances, unsupported claims and policies, single-source,
        contested, circular supports, tensions, disagreeing measures),
        ``acceptability`` (:func:`graph.semantics.acceptability` without
        the per-node ``labels``), ``contested``, ``load_bearing``,
        ``unsupported_policies`` and ``tensions`` (first ``top`` of each,
        as their own functions return them).
    """
    kinds = {k: 0 for k in _PLURAL.values()}
    for _, d in G.nodes(data=True):
        name = _PLURAL.get(d.get("kind", ""))
        if name:
            kinds[name] += 1
    rels = {"supports": 0, "attacks": 0, "stances": 0}
    for _, _, k in G.edges(keys=True):
        if k in ("supports", "attacks"):
            rels[k] += 1
        elif k in ("advocates", "opposes"):
            rels["stances"] += 1
    un = unsupported(G)
    con = contested(G)
    ten = tensions(G)
    acc = acceptability(G, support=support)
    acc.pop("labels")
    counts: OverviewCounts = {
        "actors": kinds["actors"],
        "policies": kinds["policies"],
        "claims": kinds["claims"],
        "evidence": kinds["evidence"],
        "sources": kinds["sources"],
        "supports": rels["supports"],
        "attacks": rels["attacks"],
        "stances": rels["stances"],
        "unsupported": len(un),
        "single_source": len(single_source(G)),
        "contested": len(con),
        "circular": len(circular_support(G)),
        "tensions": len(ten),
        "disagreeing_figures": len(disagreeing_figures(G)),
    }
    return {
        "counts": counts,
        "acceptability": cast(AcceptabilitySummary, acc),
        "contested": con[:top],
        "load_bearing": load_bearing(G, top=top, labels=False),
        "unsupported_policies": [r for r in un if r["node"]["kind"] == "policy"][:top],
        "tensions": ten[:top],
    }
