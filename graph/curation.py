"""The curators' graph: links between documents that no single document makes.

A document's named graph holds only what that document states. Where the
curators read one document as answering another (an attack, a support, the
same figure over the same population), the link goes into one named graph
of its own, :data:`CURATION_GRAPH` (typed ``pag:CurationGraph``, a
``prov:Bundle``), as the plain triple — so every analysis still sees it — and
a ``pag:CuratedLink`` node that says why (``rdfs:comment``), who made it
(``prov:wasAttributedTo``) and which quotes it reads at both ends.

Tools show such links as "linked by the curators", never as a source's
words, and can leave the graph out (``pag --no-curation``).

Examples
--------
>>> is_curation_graph(CURATION_GRAPH)
True
>>> is_curation_graph("https://w3id.org/pag/id/source/x")
False
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.stores import Store

__all__ = [
    "CURATION_GRAPH",
    "CURATORS",
    "attach_rationales",
    "is_curation_graph",
    "rationales",
    "without_curation",
]

#: The named graph of the curators' links in the bundled corpus.
CURATION_GRAPH = "https://w3id.org/pag/id/graph/curation"

#: The agent the bundled corpus's curated links are attributed to.
CURATORS = "https://w3id.org/pag/id/agent/pag-curators"


def is_curation_graph(iri: object) -> bool:
    """True for the curators' named graph (not a source document's)."""
    return str(iri) == CURATION_GRAPH


def without_curation(graphs: Iterable[str]) -> list[str]:
    """The graph IRIs that are sources' graphs, in order.

    >>> without_curation(["urn:a", CURATION_GRAPH])
    ['urn:a']
    """
    return [g for g in graphs if not is_curation_graph(g)]


_RATIONALES = (
    "PREFIX pag: <https://w3id.org/pag#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?from ?to ?why WHERE {\n"
    f"  GRAPH <{CURATION_GRAPH}> "
    "{ ?link a pag:CuratedLink ; pag:linkFrom ?from ; pag:linkTo ?to ; rdfs:comment ?why }\n"
    "}\n"
)


def rationales(store: Store) -> dict[tuple[str, str], str]:
    """``(from, to) -> rationale`` for every curated link in the store's curation graph."""
    out: dict[tuple[str, str], str] = {}
    for row in store.query(_RATIONALES, safe=False).dicts():  # our own constant query
        a, b, why = row.get("from"), row.get("to"), row.get("why")
        if a is None or b is None or why is None:
            continue
        key = (str(a), str(b))
        out[key] = f"{out[key]} / {why}" if key in out else str(why)
    return out


def attach_rationales(data: dict[str, Any], why: dict[tuple[str, str], str]) -> dict[str, Any]:
    """Add ``"curation": rationale`` to the steps of a chains tree or evidence base that the curators made.

    Steps are a chains node (edge from the node to its parent) or an evidence
    path hop (``from`` → ``to``). ``data`` is changed in place and returned.

    >>> t = {"tree": {"id": "urn:p", "children": [{"id": "urn:c", "children": []}]}}
    >>> attach_rationales(t, {("urn:c", "urn:p"): "read together"})["tree"]["children"][0]["curation"]
    'read together'
    """
    if not why:
        return data

    def walk(node: dict[str, Any]) -> None:
        for child in node.get("children", ()):
            r = why.get((child["id"], node["id"]))
            if r:
                child["curation"] = r
            walk(child)

    if isinstance(data.get("tree"), dict):
        walk(data["tree"])
    for item in data.get("evidence", ()):
        for path in item.get("paths", ()):
            for hop in path.get("hops", ()):
                r = why.get((hop["from"], hop["to"]))
                if r:
                    hop["curation"] = r
    return data
