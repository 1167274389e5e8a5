"""``pag search``: find nodes by the words people use for them.

Searches labels, ``skos:altLabel`` aliases, verbatim quotes (with the
source each is quoted from) and notes, ranked by
:class:`graph.textindex.TextIndex` — the same ranking the TARGET lookup
(:func:`graph.model.resolve`) uses for its last steps and its "closest
matches".

* **Embedded stores** (``memory``, ``rdflib``, ``oxigraph:PATH``): the texts
  are read from the projection and indexed in an in-memory SQLite FTS5
  table (a few milliseconds for the bundled corpus).
* **Remote stores** (``sparql:URL``): the server is asked only for the texts
  holding one of the words (a ``CONTAINS`` filter over labels, aliases,
  quotes and notes), and those are ranked the same way here.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:p", kind="policy", label="Operation Synthetic Opioid Surge", alt_labels=["S.O.S."])
>>> G.add_node("urn:c", kind="claim", label="Prosecution saves lives",
...            quotes=[{"source": "urn:s", "quote": "the icing on the cake"}])
>>> r = search(G, "icing on the cake")
>>> [(h["node"]["id"], h["field"], h["source"]) for h in r["hits"]]
[('urn:c', 'quote', 'urn:s')]
"""

from __future__ import annotations

import networkx as nx
from rdflib import Literal as RLiteral
from rdflib import URIRef
from rdflib.term import Node

from graph.analysis.results import NodeRef, SearchHit, SearchResult
from graph.errors import AmbiguousNode, BindingNotFound, NodeNotFound
from graph.model import kind_of, project, resolve, text_index
from graph.stores.base import Store
from graph.terms import curie
from graph.textindex import Hit, TextIndex, fold, words

__all__ = ["SearchHit", "SearchResult", "bind_nodes", "search"]








_REMOTE_QUERY = """PREFIX pag: <https://w3id.org/pag#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?s ?field ?text ?g ?label ?type WHERE {
  VALUES (?p ?field) { (rdfs:label "label") (skos:altLabel "alias") (pag:quote "quote") (rdfs:comment "note") }
  GRAPH ?g { ?s ?p ?text }
  FILTER(%s)
  OPTIONAL { ?s rdfs:label ?label }
  OPTIONAL { ?s a ?type FILTER(STRSTARTS(STR(?type), STR(pag:))) }
}"""


def _remote_index(store: Store, text: str) -> tuple[TextIndex, dict[str, tuple[str, list[str]]]]:
    """Index what a remote store holds of ``text``'s words (labels, aliases, quotes, notes)."""
    terms = sorted(set(words(text)))
    # words are \\w+ only, so they are safe inside a SPARQL string literal
    cond = " || ".join(f'CONTAINS(LCASE(STR(?text)), "{w}")' for w in terms) or "false"
    result = store.query(_REMOTE_QUERY % cond)
    ix = TextIndex()
    info: dict[str, tuple[str, list[str]]] = {}
    for row in result.dicts():
        s, field, txt, g = (str(row[k]) if row[k] is not None else None for k in ("s", "field", "text", "g"))
        if s is None or field is None or txt is None:
            continue
        ix.add(s, txt, field, source=g if field in ("quote", "note") else None)
        label, types = info.get(s, (s, []))
        lab = row.get("label")
        if isinstance(lab, RLiteral) and (label == s or str(lab) < label):
            label = str(lab)
        typ = row.get("type")
        if typ is not None:
            local = str(typ).rsplit("#", 1)[-1]
            if local not in types:
                types.append(local)
        info[s] = (label, types)
    return ix, info


def search(
    data: Store | nx.MultiDiGraph,
    text: str,
    *,
    kinds: list[str] | None = None,
    limit: int | None = 20,
) -> SearchResult:
    """Nodes whose label, alias, quote or note matches ``text``, best first.

    Parameters
    ----------
    data : Store or networkx.MultiDiGraph
        A store (a remote one is searched with SPARQL ``CONTAINS``) or a
        projection (:func:`graph.model.project`).
    text : str
        Words or a phrase; case, accents and word endings are folded.
    kinds : list of str, optional
        Only nodes of these kinds (``actor``, ``policy``, ``claim`` …).
    limit : int or None
        At most this many hits (None: all).
    """
    wanted = set(kinds or [])
    hits: list[Hit]
    if isinstance(data, Store) and data.remote:
        ix, info = _remote_index(data, text)
        hits = ix.search(text, limit=None)

        def ref(n: str) -> NodeRef:
            label, types = info.get(n, (n, []))
            return {"id": n, "label": label, "kind": kind_of(types)}
    else:
        G = project(data) if isinstance(data, Store) else data
        hits = text_index(G).search(text, limit=None)

        def ref(n: str) -> NodeRef:
            d = G.nodes[n]
            return {"id": n, "label": str(d.get("label", n)), "kind": str(d.get("kind", "other"))}

    rows: list[SearchHit] = []
    for h in hits:
        r = ref(h.node)
        if wanted and r["kind"] not in wanted:
            continue
        rows.append(
            {"node": r, "field": h.field, "text": h.text, "source": h.source, "phrase": h.phrase, "partial": h.partial}
        )
    total = len(rows)
    return {
        "query": text,
        "kinds": sorted(wanted),
        "hits": rows if limit is None else rows[:limit],
        "total": total,
        "partial": bool(rows) and all(r["partial"] for r in rows),
    }


_EXISTS = "ASK { { ?x ?p ?o } UNION { ?s ?p ?x } UNION { GRAPH ?g { ?x ?p ?o } } UNION { GRAPH ?g { ?s ?p ?x } } }"


def _names(hits: list[SearchHit], n: int = 5) -> list[str]:
    out: list[str] = []
    for h in hits:
        name = f"{h['node']['label']} ({curie(h['node']['id'])})"
        if name not in out:
            out.append(name)
    return out[:n]


def bind_nodes(store: Store, pairs: list[tuple[str, str]], bindings: dict[str, Node]) -> dict[str, Node]:
    """Make ``pag query -p`` values name nodes the way a TARGET does.

    A CURIE or IRI must occur in the store; a plain text value (not quoted
    as ``'"text"'``, not a number or boolean) is a label, alias or quoted
    phrase and is resolved to its node like a TARGET
    (:func:`graph.model.resolve`; on a remote store, by :func:`search`).
    Quoted literals, numbers and booleans are bound as they are.

    Raises
    ------
    BindingNotFound
        A value names no node, or several (exit code 1); the message names
        the closest matches.
    """
    raw = {var.lstrip("?$"): value for var, value in pairs}
    out = dict(bindings)
    G: nx.MultiDiGraph | None = None
    for var, term in bindings.items():
        value = raw.get(var, str(term))
        if isinstance(term, URIRef):
            if not store.query(_EXISTS, bindings={"x": term}).boolean:
                words_of = " ".join(words(value.rsplit("/", 1)[-1].rsplit(":", 1)[-1].replace("-", " ")))
                near = _names(search(store, words_of, limit=5)["hits"]) if words_of else []
                raise BindingNotFound(var, value, "no such node in the store", near)
            continue
        if not isinstance(term, RLiteral) or term.language or term.datatype is not None or value.strip().startswith('"'):
            continue
        if store.remote:
            hits = search(store, value, limit=None)["hits"]
            exact = [h for h in hits if fold(h["text"]) == fold(value) and h["field"] in ("label", "alias")]
            nodes = list(dict.fromkeys(h["node"]["id"] for h in (exact or [h for h in hits if h["phrase"]])))
            if len(nodes) == 1:
                out[var] = URIRef(nodes[0])
                continue
            reason = "matches several nodes" if nodes else "names no node"
            raise BindingNotFound(var, value, f"{reason} (quote it as '\"{value}\"' to bind the text itself)", _names(hits))
        if G is None:
            G = project(store)
        try:
            out[var] = URIRef(resolve(G, value))
        except NodeNotFound as exc:
            raise BindingNotFound(
                var, value, f"names no node (quote it as '\"{value}\"' to bind the text itself)", exc.suggestions
            ) from None
        except AmbiguousNode as exc:
            raise BindingNotFound(var, value, f"matches {len(exc.matches)} nodes; give a CURIE", exc.matches[:5]) from None
    return out
