"""Terms: prefixes and CURIEs, rdflib ↔ Oxigraph term conversion, RDF syntaxes.

The bottom of the library: everything that names or converts an RDF term,
and nothing that holds data. The prefixes are the ontology's own
(:data:`graph.vocab.PREFIXES`, generated from ``ontology/pag.ttl``).

Examples
--------
>>> curie("https://w3id.org/pag/id/policy/naloxone-access")
'policy:naloxone-access'
>>> expand_curie("actor:jeff-sessions")
'https://w3id.org/pag/id/actor/jeff-sessions'
>>> rdf_format("corpus.trig")[1]
'trig'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, URIRef
from rdflib import Literal as RLiteral
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.errors import InputError, QueryError, StoreError
from graph.vocab import PREFIXES

__all__ = [
    "PREFIXES",
    "Quad",
    "curie",
    "default_graph_id",
    "expand_curie",
    "graph_term",
    "rdf_format",
    "to_oxigraph",
    "to_rdflib",
]

#: a statement with the named graph it sits in (None: the default graph)
Quad = tuple[Node, URIRef, Node, URIRef | BNode | None]

# the longest namespace first, so the most specific prefix wins
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def curie(iri: str) -> str:
    """Shorten an IRI with the known prefixes (the IRI itself when none fits).

    >>> curie("https://w3id.org/pag#supports")
    'pag:supports'
    >>> curie("urn:x")
    'urn:x'
    """
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def expand_curie(text: str) -> str | None:
    """Expand ``prefix:local`` with the known prefixes; None if not a known CURIE.

    >>> expand_curie("https://example.org/x") is None
    True
    """
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None


# --------------------------------------------------------------------------
# RDF syntaxes: suffix -> (oxigraph format, rdflib parser name, holds named graphs)

_FORMATS: dict[str, tuple[ox.RdfFormat, str, bool]] = {
    ".trig": (ox.RdfFormat.TRIG, "trig", True),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads", True),
    ".nquads": (ox.RdfFormat.N_QUADS, "nquads", True),
    ".ttl": (ox.RdfFormat.TURTLE, "turtle", False),
    ".turtle": (ox.RdfFormat.TURTLE, "turtle", False),
    ".nt": (ox.RdfFormat.N_TRIPLES, "nt", False),
    ".n3": (ox.RdfFormat.N3, "n3", False),
    ".rdf": (ox.RdfFormat.RDF_XML, "xml", False),
    ".owl": (ox.RdfFormat.RDF_XML, "xml", False),
    ".xml": (ox.RdfFormat.RDF_XML, "xml", False),
    ".jsonld": (ox.RdfFormat.JSON_LD, "json-ld", True),
}
_NAMED: dict[str, str] = {
    "trig": ".trig",
    "nquads": ".nq",
    "turtle": ".ttl",
    "ntriples": ".nt",
    "nt": ".nt",
    "n3": ".n3",
    "rdfxml": ".rdf",
    "xml": ".rdf",
    "jsonld": ".jsonld",
    "json-ld": ".jsonld",
}


def rdf_format(path: Path | str, fmt: str | None = None) -> tuple[ox.RdfFormat, str, bool]:
    """The (oxigraph format, rdflib format, holds graphs) of a file or format name.

    >>> rdf_format("x", "nquads")[2]
    True
    """
    if fmt:
        suffix = _NAMED.get(fmt.lower().replace("_", "-"), "." + fmt.lower())
    else:
        suffix = Path(path).suffix.lower()
    try:
        return _FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise InputError(
            f"{path}: unknown RDF format {fmt or suffix!r}; use a file ending in one of {known}"
        ) from None


# --------------------------------------------------------------------------
# term conversion between pyoxigraph and rdflib

_XSD_STRING = str(XSD.string)


def to_rdflib(term: Any) -> Node:
    """Convert a pyoxigraph term to its rdflib equivalent.

    >>> to_rdflib(ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer)))).toPython()
    1
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RLiteral(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return RLiteral(term.value)
        return RLiteral(term.value, datatype=URIRef(dt))
    raise StoreError(f"cannot convert RDF term {term!r}")


def to_oxigraph(term: Node) -> Any:
    """Convert an rdflib term to its pyoxigraph equivalent.

    >>> to_oxigraph(URIRef("urn:x"))
    <NamedNode value=urn:x>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}: only IRIs, blank nodes and literals can be bound")


def default_graph_id(ds: Dataset) -> Node:
    """The default graph's name (``default_graph`` from rdflib 7.2, ``default_context`` before)."""
    graph = getattr(ds, "default_graph", None)
    if graph is None:  # pragma: no cover - older rdflib
        graph = ds.default_context
    return graph.identifier  # type: ignore[no-any-return]


def graph_term(g: Any) -> URIRef | BNode | None:
    """The rdflib name of an Oxigraph graph name (None for the default graph)."""
    if isinstance(g, ox.DefaultGraph) or g is None:
        return None
    node = to_rdflib(g)
    if not isinstance(node, URIRef | BNode):  # pragma: no cover - Oxigraph never names a graph so
        raise StoreError(f"not a graph name: {g!r}")
    return node
