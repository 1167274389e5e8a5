"""An actor's record: what they assert, what they back and oppose, their tensions and coalition.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("al", kind="actor", label="Al", types=["Actor", "Person"], sources=["s"])
>>> G.add_node("p", kind="policy", label="P", status=["enacted"], date="2018", sources=["s"])
>>> G.add_node("c", kind="claim", label="C", sources=["s"], quotes=[{"source": "s", "quote": "c!"}])
>>> _ = G.add_edge("al", "p", key="advocates", predicates=["advocates", "proposed"], sources=["s"])
>>> _ = G.add_edge("al", "c", key="asserts", predicates=["asserts"], sources=["s"])
>>> r = actor_record(G, "Al")
>>> [(x["node"]["id"], x["quote"]["quote"]) for x in r["asserts"]]
[('c', 'c!')]
>>> [(x["policy"]["id"], x["stance"], x["how"], x["status"], x["date"]) for x in r["stances"]]
[('p', 'advocates', ['proposed'], ['enacted'], '2018')]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.analysis._common import a_kind, best_quote, kind_rank, node_ref
from graph.analysis.actors import coalitions, tensions
from graph.analysis.results import ActorRecord, Assertion, StanceRow
from graph.errors import InputError
from graph.model import resolve
from graph.terms import curie
from graph.vocab import STANCE

__all__ = ["ActorRecord", "actor_record"]








def actor_record(G: nx.MultiDiGraph, target: str) -> ActorRecord:
    """Everything the graph says an actor says and stands for, with sources and quotes.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph (:func:`graph.model.project`); not changed.
    target : str
        The actor: IRI, CURIE, label, alias or a phrase of its quotes.

    Raises
    ------
    NodeNotFound, AmbiguousNode
        ``target`` does not name exactly one node.
    InputError
        ``target`` is not an actor.
    """
    a = resolve(G, target, prefer=["actor"])
    d = G.nodes[a]
    if d.get("kind") != "actor":
        raise InputError(
            f"{d.get('label', a)} ({curie(a)}) is {a_kind(d.get('kind', 'node'))}, not an actor "
            "(`pag search TEXT --kind actor` finds actors)"
        )
    asserts: list[Assertion] = []
    cells: dict[str, dict[str, Any]] = {}
    for _, v, k, ed in G.out_edges(a, keys=True, data=True):
        if k == "asserts":
            srcs = sorted(ed.get("sources") or [])
            asserts.append(
                {
                    "node": node_ref(G, v),
                    "sources": srcs,
                    "quote": best_quote(G, v, srcs),
                    "supports": [node_ref(G, w) for w in sorted(x for _, x, kk in G.out_edges(v, keys=True) if kk == "supports")],
                    "attacks": [node_ref(G, w) for w in sorted(x for _, x, kk in G.out_edges(v, keys=True) if kk == "attacks")],
                }
            )
        elif k in STANCE:
            cell = cells.setdefault(v, {"stance": k, "preds": set(), "sources": set(), "dates": set()})
            if cell["stance"] != k:
                cell["stance"] = "both"
            cell["preds"].update(ed.get("predicates") or [k])
            cell["sources"].update(ed.get("sources") or [])
            cell["dates"].update(x["date"] for x in ed.get("dates") or [])
    asserts.sort(key=lambda r: (kind_rank(r["node"]["kind"]), r["node"]["label"].casefold(), r["node"]["id"]))
    stances: list[StanceRow] = []
    for p, cell in cells.items():
        pd = G.nodes[p]
        stances.append(
            {
                "policy": node_ref(G, p),
                "stance": cell["stance"],
                "how": sorted(cell["preds"] - set(STANCE)),
                "status": list(pd.get("status") or []),
                "date": str(pd["date"]) if pd.get("date") is not None else None,
                "stance_dates": sorted(cell["dates"]),
                "sources": sorted(cell["sources"]),
            }
        )
    side = {"advocates": 0, "both": 1, "opposes": 2}
    stances.sort(key=lambda r: (side[r["stance"]], r["policy"]["label"].casefold(), r["policy"]["id"]))
    mine = [t for t in tensions(G) if t["actor"]["id"] == a]
    coalition = next((c for c in coalitions(G) if any(x["id"] == a for x in c["actors"])), None)
    return {
        "actor": node_ref(G, a),
        "types": [t for t in d.get("types") or [] if t != "Actor"],
        "aliases": list(d.get("alt_labels") or []),
        "notes": list(d.get("comment") or []),
        "sources": list(d.get("sources") or []),
        "asserts": asserts,
        "stances": stances,
        "tensions": mine,
        "coalition": coalition,
    }
