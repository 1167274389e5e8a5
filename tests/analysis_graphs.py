"""Tiny hand-built graphs for the analysis tests (shared by tests/test_analysis_*.py)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx


def build(
    nodes: Iterable[tuple[str, str]] = (),
    edges: Iterable[tuple[str, str, str] | tuple[str, str, str, list[str]]] = (),
    **attrs: dict[str, object],
) -> nx.MultiDiGraph:
    """nodes: (id, kind); edges: (u, relation, v[, sources]); attrs: id -> extra node attrs."""
    G = nx.MultiDiGraph()
    for n, kind in nodes:
        G.add_node(n, kind=kind, label=n.upper(), sources=[], quotes=[], types=[])
    for e in edges:
        u, rel, v = e[0], e[1], e[2]
        srcs = e[3] if len(e) > 3 else ["s"]  # type: ignore[misc]
        for x in (u, v):
            if x not in G:
                G.add_node(x, kind="claim", label=x.upper(), sources=[], quotes=[], types=[])
        G.add_edge(u, v, key=rel, relation=rel, predicates=[rel], sources=sorted(srcs))
    for n, extra in attrs.items():
        G.nodes[n].update(extra)
    return G


FIXTURE = __import__("pathlib").Path(__file__).resolve().parent / "fixtures" / "analysis_debate.trig"
PAG = "https://w3id.org/pag/id/"


def debate(provenance: bool = False) -> nx.MultiDiGraph:
    """tests/fixtures/analysis_debate.trig, projected."""
    from graph.model import project
    from graph.stores import open_store

    return project(open_store("memory", data=[FIXTURE]), provenance=provenance)


def iri(short: str) -> str:
    """'claim:loop-a' -> the full IRI."""
    kind, local = short.split(":", 1)
    return f"{PAG}{kind}/{local}"


def short(full: str) -> str:
    """The inverse of :func:`iri`."""
    kind, local = full[len(PAG) :].split("/", 1)
    return f"{kind}:{local}"
