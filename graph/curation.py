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

__all__ = ["CURATION_GRAPH", "CURATORS", "is_curation_graph", "without_curation"]

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
