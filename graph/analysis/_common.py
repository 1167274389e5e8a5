"""Helpers shared by the analysis modules (private).

Everything here reads a projected graph (see :mod:`graph.model`) and returns
the small pieces of :mod:`graph.analysis.results`; nothing mutates the graph.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.analysis.results import AssertedBy, NodeRef, Quote, StanceActor
from graph.errors import InputError
from graph.model import resolve
from graph.semantics import (
    ARGUMENT_KINDS,
    a_kind,
    argument_nodes,
    attack_edges,
    is_undercut,
    label,
    shared_result,
    support_components,
    support_graph,
)
from graph.terms import curie

__all__ = [
    "ARGUMENT_KINDS",
    "a_kind",
    "argument_nodes",
    "argument_root",
    "asserted_by",
    "attack_edges",
    "best_quote",
    "edge_sources",
    "is_undercut",
    "kind_rank",
    "label",
    "node_ref",
    "shared_result",
    "stance_actors",
    "support_components",
    "support_graph",
]

_KIND_ORDER = {"policy": 0, "claim": 1, "evidence": 2}


def argument_root(G: nx.MultiDiGraph, target: str, belongs: str) -> str:
    """The node ``target`` names (:func:`graph.model.resolve`), which must be an argument.

    ``belongs`` ends the message for any other kind: "an evidence base belongs
    to a policy, claim or evidence item".
    """
    root = resolve(G, target)
    if G.nodes[root].get("kind") not in ARGUMENT_KINDS:
        raise InputError(f"{label(G, root)} ({curie(root)}) is {a_kind(G.nodes[root].get('kind', 'node'))}: {belongs}")
    return root


def kind_rank(kind: str) -> int:
    """Sort order of kinds in reports: policy, claim, evidence, the rest."""
    return _KIND_ORDER.get(kind, 3)


def node_ref(G: nx.MultiDiGraph, n: str) -> NodeRef:
    """``{"id", "label", "kind"}`` of a node: how every report names a node."""
    d = G.nodes[n] if n in G else {}
    return {"id": n, "label": str(d.get("label", n)), "kind": str(d.get("kind", "other"))}


def edge_sources(G: nx.MultiDiGraph, u: str, v: str, relation: str) -> list[str]:
    """Sorted sources (named graphs) asserting the ``relation`` edge u → v."""
    d = G.get_edge_data(u, v, key=relation)
    return sorted(d.get("sources") or []) if d else []


def asserted_by(G: nx.MultiDiGraph, n: str) -> list[AssertedBy]:
    """Actors that assert ``n``: ``[{"actor", "label", "sources"}]`` sorted by label."""
    out: list[AssertedBy] = [
        {"actor": u, "label": label(G, u), "sources": edge_sources(G, u, n, "asserts")}
        for u in set(G.predecessors(n))
        if G.has_edge(u, n, key="asserts")
    ]
    return sorted(out, key=lambda r: (r["label"].casefold(), r["actor"]))


def stance_actors(G: nx.MultiDiGraph, policy: str, relation: str) -> list[StanceActor]:
    """Actors with ``relation`` (advocates/opposes) to ``policy``, with predicates and sources."""
    out: list[StanceActor] = []
    for u in set(G.predecessors(policy)):
        d = G.get_edge_data(u, policy, key=relation)
        if d:
            out.append(
                {
                    "actor": u,
                    "label": label(G, u),
                    "predicates": sorted(d.get("predicates") or [relation]),
                    "sources": sorted(d.get("sources") or []),
                }
            )
    return sorted(out, key=lambda r: (r["label"].casefold(), r["actor"]))


def best_quote(G: nx.MultiDiGraph, n: str, prefer: Iterable[str] = ()) -> Quote | None:
    """One quote of ``n``: the first from a preferred source, else the first; None if none."""
    quotes = list(G.nodes[n].get("quotes") or []) if n in G else []
    if not quotes:
        return None
    wanted = set(prefer)
    for q in quotes:
        if q.get("source") in wanted:
            return {"source": q["source"], "quote": q["quote"]}
    return {"source": quotes[0]["source"], "quote": quotes[0]["quote"]}
