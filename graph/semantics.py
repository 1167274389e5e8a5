"""Argumentation semantics over the debate: which claims, evidence and policies stand.

The arguments are the claims, evidence items and policies of a projected
graph (see :mod:`graph.model`). How a ``supports`` edge carries attacks is
the *reading* of support (``support=``, ``pag … --support``):

``evidential`` (the default)
    Structured argumentation in the manner of AIF and ASPIC+ (Chesñevar et
    al., "Towards an Argument Interchange Format", KER 21(4), 2006; Modgil &
    Prakken, "The ASPIC+ framework for structured argumentation", Argument &
    Computation 5(1), 2014), read as *evidential* support (Oren & Norman,
    "Semantics for evidence-based argumentation", COMMA 2008): every
    ``supports`` link a → b is an inference of its own ("a, therefore b";
    an AIF RA node). An attack never travels backwards along a support:
    a node's status depends only on what argues about it — its attackers
    and, through their status, theirs — never on what it is cited for, so
    a piece of evidence is OUT only when something attacks it directly.

    * ``pag:rebuts`` / ``pag:attacks`` x → b attack the conclusion b, and
      with it every inference that uses b as a premise (ASPIC+: attacking a
      sub-argument attacks the argument);
    * ``pag:undercuts`` x → b attacks the inferences *into* b (ASPIC+
      undercut), not b itself; when b has no stated grounds in the graph
      the undercut hits b (its source's unstated inference);
    * an inference a → b stands (IN) when its premise a is IN and nothing
      that undercuts it is IN.

    As in Oren & Norman's evidential frameworks every statement here comes
    with the prima facie support of the source that states it (their η),
    so a claim whose stated supports all fall but which nothing attacks
    *stands unsupported* (IN). Supports matter for the verdicts (which
    arguments for a policy survive) and the explanations.
    Closure under support is not required by this reading (accepting
    evidence does not oblige one to accept every conclusion drawn from it),
    so no attacks are derived for it.

``deductive``
    b supports c read as "accepting b commits one to c" (Cayrol &
    Lagasquie-Schiex, "Bipolarity in argumentation graphs: towards a better
    understanding", IJAR 54(7), 2013; Boella et al. 2010): ``supported``
    (a supports+ b, b attacks c gives a → c), ``mediated`` (a attacks b, c
    supports+ b gives a → c) and ``super-mediated`` attacks (a supports+ b,
    b attacks c, x supports+ c gives a → x). The last one makes every
    preferred extension closed under support (if a is accepted, so is
    everything a supports); a test checks this against brute force.

``necessary``
    b supports c read as "c needs b": ``secondary`` (a attacks b, b
    supports+ c gives a → c), ``extended`` (b supports+ a, b attacks c
    gives a → c) and ``super-secondary`` (b supports+ a, b attacks c, c
    supports+ x gives a → x), the dual, so preferred extensions contain
    what their members need.

``none``
    direct attacks only (an undercut is then an attack on its target).

Every argument is then labelled under **grounded** semantics — ``IN``
(accepted by every rational reviewer), ``OUT`` (attacked by an IN argument)
or ``UNDECIDED`` — and the **preferred** extensions (maximal admissible
sets: the coherent positions one can take) are listed. Every label comes
with a sentence saying what decides it (:func:`explain_all`), and every
policy with the arguments for and against it that survive
(:func:`verdict`).

Implementation decision (measured)
----------------------------------
The brief was to use PyArg (PyPI ``python-argumentation`` 2.0.2, import
``py_arg``) rather than hand-write the semantics. Measured here:

* **Grounded**: PyArg iterates the characteristic function and each step
  scans the whole defeat list for every argument (O(args × attacks) per
  step). On the bundled corpus (432 arguments, 850 attacks after
  derivation) one call took 0.39 s; on random frameworks 500 args / 1,000
  attacks took 4.5 s, 1,000 / 2,000 took 9.8 s and 2,000 / 4,000 took
  90 s — too slow for `pag impact`, which relabels once per evidence item,
  and for the SPARQL-server scale path. So grounded labels are computed by
  the standard linear-time propagation (Modgil & Caminada, "Proof theories
  and algorithms for abstract argumentation frameworks", 2009): unattacked
  arguments are IN, what an IN argument attacks is OUT, an argument all of
  whose attackers are OUT is IN, the rest UNDECIDED — O(args + attacks).
  A hypothesis test checks it against PyArg's ``get_grounded_extension`` on
  random frameworks.
* **Preferred**: PyArg's ``get_preferred_extensions`` (Nofal, Atkinson &
  Dunne's labelling search) is used, but only on what is open: its search
  branches on every argument, so on a whole framework it is exponential in
  the unattacked arguments too. Every preferred extension contains the
  grounded extension and excludes what it attacks, so the preferred
  extensions are the grounded extension plus one preferred extension of
  each weakly connected component of the UNDECIDED sub-framework (a
  *dispute*; Baroni, Giacomin & Guida's SCC-recursiveness / splitting).
  PyArg's search is exponential in the size of a dispute (measured on
  random disputes: 20 arguments 0.8 s, 25 arguments 7.7 s, 30 arguments
  82 s), so each dispute is solved by **clingo** (PyPI ``clingo``, the
  Potassco ASP solver) with the ASPARTIX encoding of admissibility and
  subset-maximality by domain heuristics (Dvořák, Gaggl, Wallner & Woltran,
  "Making use of advances in answer-set programming for abstract
  argumentation systems", 2011/2013): a 100-argument dispute takes well
  under a second (see README, "Benchmarks"). PyArg stays the reference the
  tests compare with; hypothesis tests check clingo and the combination
  against brute-force enumeration. A dispute is enumerated up to
  :data:`MAX_POSITIONS` positions (``truncated`` says when there were more)
  and disputes larger than :data:`MAX_DISPUTE` arguments are reported as
  unresolved.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, k in [("e", "evidence"), ("c", "claim"), ("x", "evidence"), ("p", "policy")]:
...     G.add_node(n, kind=k, label=n.upper())
>>> G.add_edge("e", "c", key="supports", relation="supports", sources=["s1"])
'supports'
>>> G.add_edge("c", "p", key="supports", relation="supports", sources=["s1"])
'supports'
>>> G.add_edge("x", "c", key="attacks", relation="attacks", sources=["s2"])
'attacks'
>>> grounded_labels(G)
{'c': 'OUT', 'e': 'IN', 'p': 'IN', 'x': 'IN'}
>>> explain_label(G, "c")["reason"]
'OUT because X (x) attacks it, and nothing attacks X'
>>> explain_label(G, "p")["reason"]
'IN: its only support, C (c), is OUT, but nothing attacks it — it stands unsupported'
>>> grounded_labels(G, support="deductive")["e"]
'OUT'
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

import networkx as nx
from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument
from py_arg.abstract_argumentation_classes.defeat import Defeat
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions

from graph.errors import InputError
from graph.model import resolve
from graph.terms import curie

__all__ = [
    "ARGUMENT_KINDS",
    "DEFAULT_SUPPORT",
    "LABELS",
    "MAX_DISPUTE",
    "MAX_POSITIONS",
    "SUPPORT_READINGS",
    "Components",
    "Evaluation",
    "acceptability",
    "argument_nodes",
    "attack_edges",
    "attacks",
    "clingo_preferred",
    "disputes",
    "evaluate",
    "explain_all",
    "explain_label",
    "grounded_extension",
    "grounded_labels",
    "inference_id",
    "preferred_extensions",
    "shared_result",
    "shared_structure",
    "support_components",
    "support_graph",
    "verdict",
]

LABELS = ("IN", "OUT", "UNDECIDED")
SUPPORT_READINGS = ("evidential", "deductive", "necessary", "none")
Support = Literal["evidential", "deductive", "necessary", "none"]
#: the reading every command uses unless told otherwise
DEFAULT_SUPPORT: Support = "evidential"
_TYPE_RANK = {
    "direct": 0,
    "undercut": 0,
    "supported": 1,
    "mediated": 1,
    "secondary": 1,
    "extended": 1,
    "super-mediated": 2,
    "super-secondary": 2,
}
Hop = list[str]  # [from, relation, to]
#: the kinds of node that are arguments (untyped ends of argument edges count too)
ARGUMENT_KINDS = frozenset({"claim", "evidence", "policy"})
#: what separates premise and conclusion in an inference's id (IRIs have no spaces)
_INF = " => "


def inference_id(premise: str, conclusion: str) -> str:
    """The id of the inference "premise, therefore conclusion" (a support link) in the framework.

    >>> inference_id("urn:e", "urn:c")
    'urn:e => urn:c'
    """
    return f"{premise}{_INF}{conclusion}"


def _is_inference(a: str) -> bool:
    return _INF in a


def label(G: nx.MultiDiGraph, n: str) -> str:
    """The node's label (its IRI when it has none)."""
    return str(G.nodes[n].get("label", n)) if n in G else n


def a_kind(kind: str) -> str:
    """``"an actor"``, ``"a policy"``: a kind with its article, for messages.

    >>> a_kind("evidence"), a_kind("actor")
    ('an evidence item', 'an actor')
    """
    if kind == "evidence":
        return "an evidence item"
    return ("an " if kind[:1] in "aeiou" else "a ") + kind


_ARG_OR_OTHER = ARGUMENT_KINDS | {"other"}


class _Shared:
    """The structure of one graph computed once (see :func:`shared_structure`)."""

    __slots__ = ("G", "args", "attacks", "memo", "support")

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.args: list[str] | None = None
        self.support: nx.DiGraph | None = None
        self.attacks: list[tuple[str, str, list[str]]] | None = None
        self.memo: dict[str, Any] = {}


_T = TypeVar("_T")
_SHARED: ContextVar[_Shared | None] = ContextVar("pag_shared_structure", default=None)


@contextmanager
def shared_structure(G: nx.MultiDiGraph) -> Iterator[None]:
    """Within the block, :func:`argument_nodes`, :func:`support_graph` and
    :func:`attack_edges` of ``G`` are computed once and shared.

    For work that runs several analyses over one graph that does not change
    meanwhile (a report: the overview asks for the support graph a dozen
    times). The shared support graph is frozen (``networkx.freeze``), so an
    analysis that tried to change it would fail loudly rather than spoil
    the others; a changed ``G`` must not be analysed inside the block.
    Other graphs (e.g. a copy with an item retracted) are not cached.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("e", "c", key="supports")
    >>> with shared_structure(G):
    ...     support_graph(G) is support_graph(G)
    True
    >>> support_graph(G) is support_graph(G)
    False
    """
    token = _SHARED.set(_Shared(G))
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared_result(G: nx.MultiDiGraph, name: str, compute: Callable[[], _T]) -> _T:
    """``compute()``, computed once per :func:`shared_structure` block for ``G``.

    For the whole-graph results several analyses of one report need (the
    evidence bases, the support graph's condensation). Outside a block, or
    for another graph, it is simply ``compute()``. The shared result is
    read, never changed, by its users.
    """
    sh = _shared(G)
    if sh is None:
        return compute()
    if name not in sh.memo:
        sh.memo[name] = compute()
    return cast(_T, sh.memo[name])


@dataclass(frozen=True)
class Components:
    """The strongly connected components of a support graph, in topological order.

    ``members[i]`` are the sorted nodes of component ``i``; ``preds[i]`` the
    components with an edge into it; ``order`` lists the components so that
    each comes after all its ``preds``; ``of`` maps a node to its component.
    A support cycle is one component; in an acyclic graph (the usual case)
    every node is its own.
    """

    members: list[list[str]]
    preds: list[list[int]]
    order: list[int]
    of: dict[str, int]


def _components(S: nx.DiGraph) -> Components:
    # Kahn's algorithm over networkx's own adjacency dicts: linear, and enough
    # when S is acyclic; a graph with a cycle goes through networkx's condensation
    pred, succ = S._pred, S._succ
    waiting = {n: len(ps) - (n in ps) for n, ps in pred.items()}
    order = [n for n, k in waiting.items() if k == 0]
    for n in order:  # the list grows while it is read
        for m in succ[n]:
            if m != n:
                waiting[m] -= 1
                if waiting[m] == 0:
                    order.append(m)
    if len(order) == len(pred) and not any(n in pred[n] for n in order):
        of = {n: i for i, n in enumerate(order)}
        return Components([[n] for n in order], [[of[p] for p in pred[n]] for n in order], list(range(len(order))), of)
    C = nx.condensation(S)
    members = [sorted(C.nodes[c]["members"]) for c in range(C.number_of_nodes())]
    return Components(members, [list(C.predecessors(c)) for c in C], list(nx.topological_sort(C)), dict(C.graph["mapping"]))


def support_components(S: nx.DiGraph) -> Components:
    """The :class:`Components` of ``S``, computed once when ``S`` is the shared
    support graph of a :func:`shared_structure` block."""
    sh = _SHARED.get()
    if sh is None or sh.support is not S:
        return _components(S)
    if "condensation" not in sh.memo:
        sh.memo["condensation"] = _components(S)
    return cast(Components, sh.memo["condensation"])


def _shared(G: nx.MultiDiGraph) -> _Shared | None:
    sh = _SHARED.get()
    return sh if sh is not None and sh.G is G else None


def _default_args(args: Iterable[str] | None, sh: _Shared | None) -> bool:
    """Whether ``args`` are the default argument nodes of G (so a shared result may serve)."""
    if args is None:
        return True
    return sh is not None and sh.args is not None and (args is sh.args or (isinstance(args, list) and args == sh.args))


def argument_nodes(G: nx.MultiDiGraph) -> list[str]:
    """Sorted claims, evidence and policies, plus untyped ends of supports/attacks edges.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="actor"); G.add_node("c", kind="claim")
    >>> _ = G.add_edge("u", "c", key="attacks")
    >>> argument_nodes(G)
    ['c', 'u']
    """
    sh = _shared(G)
    if sh is not None and sh.args is not None:
        return sh.args
    kinds = {n: d.get("kind", "other") for n, d in G.nodes(data=True)}
    nodes = {n for n, k in kinds.items() if k in ARGUMENT_KINDS}
    for u, v, k in G.edges(keys=True):
        if k in ("supports", "attacks") and kinds[u] in _ARG_OR_OTHER and kinds[v] in _ARG_OR_OTHER:
            nodes.update((u, v))
    out = sorted(nodes)
    if sh is not None:
        sh.args = out
    return out


def support_graph(G: nx.MultiDiGraph, args: Iterable[str] | None = None) -> nx.DiGraph:
    """The ``supports`` edges between argument nodes as a DiGraph (attr ``sources``).

    ``args`` (default :func:`argument_nodes`) are the nodes to keep.
    Nodes and edges are inserted in sorted order so that every traversal
    over it is deterministic.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["e", "c"], kind="claim")
    >>> _ = G.add_edge("e", "c", key="supports", sources=["s"])
    >>> list(support_graph(G).edges(data=True))
    [('e', 'c', {'sources': ['s']})]
    """
    sh = _shared(G)
    share = sh is not None and _default_args(args, sh)
    if share and sh is not None and sh.support is not None:
        return sh.support
    S = nx.DiGraph()
    S.add_nodes_from(argument_nodes(G) if args is None else args)
    edges = sorted(
        (u, v, sorted(d.get("sources") or []))
        for u, v, k, d in G.edges(keys=True, data=True)
        if k == "supports" and u in S and v in S
    )
    for u, v, srcs in edges:
        S.add_edge(u, v, sources=srcs)
    if share and sh is not None:
        sh.support = nx.freeze(S)
    return S


def attack_edges(G: nx.MultiDiGraph, args: Iterable[str] | None = None) -> list[tuple[str, str, list[str]]]:
    """Sorted direct ``attacks`` edges between argument nodes: (attacker, target, sources).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["x", "c"], kind="claim")
    >>> _ = G.add_edge("x", "c", key="attacks", sources=["s"])
    >>> attack_edges(G)
    [('x', 'c', ['s'])]
    """
    sh = _shared(G)
    share = sh is not None and _default_args(args, sh)
    if share and sh is not None and sh.attacks is not None:
        return list(sh.attacks)
    keep = set(argument_nodes(G) if args is None else args)
    out = sorted(
        (u, v, sorted(d.get("sources") or []))
        for u, v, k, d in G.edges(keys=True, data=True)
        if k == "attacks" and u in keep and v in keep
    )
    if share and sh is not None:
        sh.attacks = out
        return list(out)
    return out


def is_undercut(G: nx.MultiDiGraph, u: str, v: str) -> bool:
    """Whether the ``attacks`` edge u → v is stated only as ``pag:undercuts``.

    An edge stated as ``undercuts`` (with or without its materialised
    super-property ``attacks``) and not as ``rebuts`` is an undercut.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("x", "c", key="attacks", predicates=["attacks", "undercuts"])
    >>> is_undercut(G, "x", "c")
    True
    """
    d = G.get_edge_data(u, v, key="attacks") or {}
    preds = set(d.get("predicates") or ())
    return "undercuts" in preds and "rebuts" not in preds


def _check_support(support: str) -> None:
    if support not in SUPPORT_READINGS:
        raise InputError(f"unknown support reading {support!r}: use one of {', '.join(SUPPORT_READINGS)}")


def _support_paths(S: nx.DiGraph, reverse: bool, starts: Iterable[str]) -> dict[str, dict[str, list[str]]]:
    """For every node, the shortest supports path to (or from) each node it reaches.

    ``reverse=False``: paths[a][b] = [a, …, b] following supports a → b.
    ``reverse=True``: paths[b][a] = [a, …, b] for every a that supports+ b.
    """
    out: dict[str, dict[str, list[str]]] = {}
    for start in sorted(set(starts)):
        parent: dict[str, str] = {}
        seen = {start}
        queue = deque([start])
        while queue:
            n = queue.popleft()
            nbrs = S.predecessors(n) if reverse else S.successors(n)
            for m in sorted(nbrs):
                if m not in seen:
                    seen.add(m)
                    parent[m] = n
                    queue.append(m)
        paths: dict[str, list[str]] = {}
        for m in parent:
            chain = [m]
            while chain[-1] != start:
                chain.append(parent[chain[-1]])
            paths[m] = chain if reverse else chain[::-1]
        out[start] = paths
    return out


def _hops(chain: list[str], relation: str) -> list[Hop]:
    return [[a, relation, b] for a, b in itertools.pairwise(chain)]


def attacks(G: nx.MultiDiGraph, *, support: Support = DEFAULT_SUPPORT) -> list[dict[str, Any]]:
    """Every attack between arguments, direct and derived from supports.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph (:func:`graph.model.project`).
    support : {"evidential", "deductive", "necessary", "none"}
        How supports carry attacks (see the module docs). ``evidential``
        (default) derives none; an undercut of a node with stated supports
        is listed with type ``undercut`` (it hits the inferences into the
        node, not the node). ``deductive`` adds *supported*, *mediated* and
        *super-mediated* attacks; ``necessary`` *secondary*, *extended* and
        *super-secondary* attacks; ``none`` keeps direct attacks only.

    Returns
    -------
    list of dict
        Sorted by (attacker, target); one record per attacking pair, the most
        direct derivation kept: ``attacker``, ``target``, ``type``
        (``direct``/``undercut``/``supported``/``mediated``/``super-mediated``/
        ``secondary``/``extended``/``super-secondary``), ``path`` (the hops
        ``[from, relation, to]`` that make the attack, in reading order) and
        ``sources`` (sorted sources of every hop).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a", "b", "c"], kind="claim")
    >>> _ = G.add_edge("a", "b", key="supports", sources=["s"])
    >>> _ = G.add_edge("b", "c", key="attacks", sources=["t"])
    >>> [(r["attacker"], r["target"], r["type"]) for r in attacks(G, support="deductive")]
    [('a', 'c', 'supported'), ('b', 'c', 'direct')]
    >>> [(r["attacker"], r["target"], r["type"]) for r in attacks(G)]
    [('b', 'c', 'direct')]
    """
    _check_support(support)
    args = argument_nodes(G)
    S = support_graph(G, args)
    direct = attack_edges(G, args)
    best: dict[tuple[str, str], tuple[tuple[int, int, list[Hop]], dict[str, Any]]] = {}

    def offer(a: str, t: str, kind: str, path: list[Hop]) -> None:
        rank = (_TYPE_RANK[kind], len(path), path)
        if (a, t) not in best or rank < best[(a, t)][0]:
            best[(a, t)] = (rank, {"attacker": a, "target": t, "type": kind, "path": path})

    for a, t, _ in direct:
        under = support == "evidential" and is_undercut(G, a, t) and S.in_degree(t) > 0
        offer(a, t, "undercut" if under else "direct", [[a, "undercuts" if under else "attacks", t]])
    if support in ("deductive", "necessary") and direct:
        ends = {x for a, t, _ in direct for x in (a, t)}
        up = _support_paths(S, True, ends)  # up[b][a]: a supports+ b
        down = _support_paths(S, False, ends)  # down[b][c]: b supports+ c
        for b, c, _ in direct:
            if support == "deductive":
                # the attacks of b's supporters: b itself, then a supports+ b
                froms: list[tuple[str, list[Hop]]] = [(b, [])]
                froms += [(a, _hops(ch, "supports")) for a, ch in up.get(b, {}).items()]
                for a, lead in froms:
                    if lead:  # supported: a supports+ b attacks c
                        offer(a, c, "supported", [*lead, [b, "attacks", c]])
                    for x, chain in up.get(c, {}).items():  # (super-)mediated: x supports+ c
                        kind = "super-mediated" if lead else "mediated"
                        offer(a, x, kind, [*lead, [b, "attacks", c], *_hops(chain, "supports")])
            else:
                froms = [(b, [])]
                froms += [(a, _hops(ch, "supports")) for a, ch in down.get(b, {}).items()]
                for a, lead in froms:
                    if lead:  # extended: b supports+ a, b attacks c
                        offer(a, c, "extended", [*lead, [b, "attacks", c]])
                    for x, chain in down.get(c, {}).items():  # (super-)secondary: c supports+ x
                        kind = "super-secondary" if lead else "secondary"
                        offer(a, x, kind, [*lead, [b, "attacks", c], *_hops(chain, "supports")])
    out = []
    for (_a, _t), (_rank, rec) in sorted(best.items()):
        srcs: set[str] = set()
        for u, rel, v in rec["path"]:
            if rel in ("attacks", "undercuts"):
                srcs.update(G.get_edge_data(u, v, key="attacks").get("sources") or [])
            else:
                srcs.update(S.edges[u, v]["sources"])
        rec["sources"] = sorted(srcs)
        out.append(rec)
    return out


def _attack_pairs(
    S: nx.DiGraph,
    direct: Iterable[tuple[str, str]],
    support: Support,
    undercuts: Iterable[tuple[str, str]] = (),
) -> set[tuple[str, str]]:
    """The attacking pairs between nodes (direct and derived) without their paths.

    The fast path for relabelling the nodes. ``none`` gives the direct
    pairs; ``evidential`` too, less the ``undercuts`` (pairs stated only as
    ``pag:undercuts``) whose target has a support in ``S`` (they hit the
    inferences, and inferences attack no node).
    """
    pairs = set(direct)
    if support == "evidential":
        cut = set(undercuts)
        return {(x, y) for x, y in pairs if not ((x, y) in cut and y in S and S.in_degree(y) > 0)}
    if support == "none":
        return pairs
    up: dict[str, set[str]] = {}
    down: dict[str, set[str]] = {}

    def anc(n: str) -> set[str]:
        if n not in up:
            up[n] = nx.ancestors(S, n) if n in S else set()
        return up[n]

    def desc(n: str) -> set[str]:
        if n not in down:
            down[n] = nx.descendants(S, n) if n in S else set()
        return down[n]

    for b, c in list(pairs):
        if support == "deductive":
            for a in {b} | anc(b):
                if a != b:
                    pairs.add((a, c))
                pairs.update((a, x) for x in anc(c))
        else:
            for a in {b} | desc(b):
                if a != b:
                    pairs.add((a, c))
                pairs.update((a, x) for x in desc(c))
    return pairs


@dataclass
class _AF:
    """An abstract framework: node arguments, inference arguments and attacking pairs."""

    nodes: list[str]
    inferences: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (premise, conclusion)
    pairs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def args(self) -> list[str]:
        return [*self.nodes, *sorted(self.inferences)]


def _build(G: nx.MultiDiGraph, support: Support) -> _AF:
    """The framework a reading gives (see the module docs)."""
    _check_support(support)
    args = argument_nodes(G)
    S = support_graph(G, args)
    direct = attack_edges(G, args)
    if support != "evidential":
        return _AF(args, {}, sorted(_attack_pairs(S, [(a, t) for a, t, _ in direct], support)))
    infs = {inference_id(a, b): (a, b) for a, b in S.edges}
    pairs: set[tuple[str, str]] = set()
    for x, y, _ in direct:
        if is_undercut(G, x, y) and S.in_degree(y) > 0:
            pairs.update((x, inference_id(a, y)) for a in S.predecessors(y))
            continue
        pairs.add((x, y))
    for x, y in list(pairs):  # attacking a premise attacks the inferences it is a premise of
        if not _is_inference(y):
            pairs.update((x, inference_id(y, z)) for z in S.successors(y))
    return _AF(args, infs, sorted(pairs))


def _labelled(G: nx.MultiDiGraph, support: Support) -> tuple[_AF, dict[str, str]]:
    """The reading's framework and the grounded label of each of its arguments (shared in a report)."""

    def compute() -> tuple[_AF, dict[str, str]]:
        af = _build(G, support)
        return af, _labels_from(af.args, af.pairs, _grounded(af.args, af.pairs))

    return shared_result(G, f"grounded:{support}", compute)


def _framework(G: nx.MultiDiGraph, support: Support) -> tuple[list[str], list[tuple[str, str]]]:
    """The arguments (nodes, then inferences for the evidential reading) and the sorted attacking pairs."""
    af = _build(G, support)
    return af.args, af.pairs


def _py_grounded(args: Iterable[str], pairs: Iterable[tuple[str, str]]) -> set[str]:
    """PyArg's grounded extension (the reference the tests compare :func:`_grounded` with)."""
    objs = {a: Argument(a) for a in args}
    defeats = [Defeat(objs[a], objs[b]) for a, b in pairs]
    af = AbstractArgumentationFramework("pag", list(objs.values()), defeats)
    return {str(a.name) for a in get_grounded_extension(af)}


def _grounded(args: Iterable[str], pairs: Iterable[tuple[str, str]]) -> set[str]:
    """The grounded extension by linear-time label propagation (see the module notes)."""
    targets: dict[str, set[str]] = {a: set() for a in args}
    live: dict[str, int] = dict.fromkeys(targets, 0)  # attackers not yet OUT
    for a, b in set(pairs):
        targets[a].add(b)
        live[b] += 1
    label: dict[str, bool] = {}  # True = IN, False = OUT
    # the grounded extension is unique, so the order of the work does not matter
    queue = deque(a for a, n in live.items() if n == 0)
    for a in queue:
        label[a] = True
    while queue:
        a = queue.popleft()
        for b in targets[a]:
            if b in label:
                continue
            label[b] = False
            for c in targets[b]:
                live[c] -= 1
                if live[c] == 0 and c not in label:
                    label[c] = True
                    queue.append(c)
    return {a for a, v in label.items() if v}


def _py_preferred(args: list[str], pairs: list[tuple[str, str]]) -> list[list[str]]:
    objs = {a: Argument(a) for a in args}
    defeats = [Defeat(objs[a], objs[b]) for a, b in pairs]
    af = AbstractArgumentationFramework("pag", list(objs.values()), defeats)
    return sorted(sorted(str(a.name) for a in ext) for ext in get_preferred_extensions(af))


# ASPARTIX's admissible-set encoding; subset-maximal models by clingo's domain
# heuristic (--heuristic=Domain --enum-mode=domRec) are the preferred extensions
_ASPARTIX_PREFERRED = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
:- in(X), att(Y,X), not defeated(Y).
#heuristic in(X) : arg(X). [1,true]
#show in/1.
"""


def clingo_preferred(
    args: list[str], pairs: Iterable[tuple[str, str]], *, limit: int | None = None
) -> tuple[list[list[str]], bool]:
    """The preferred extensions of a framework, by clingo (ASPARTIX encoding).

    Returns the sorted extensions (each sorted) and whether there were more
    than ``limit`` (then only ``limit`` are returned).

    >>> clingo_preferred(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
    ([['a', 'c'], ['b']], False)
    """
    import clingo

    index = {a: i for i, a in enumerate(args)}
    facts = [f"arg({i})." for i in range(len(args))]
    facts += [f"att({index[a]},{index[b]})." for a, b in sorted(set(pairs))]
    ctl = clingo.Control(["--heuristic=Domain", "--enum-mode=domRec", f"--models={0 if limit is None else limit + 1}"])
    ctl.add("base", [], _ASPARTIX_PREFERRED + "\n".join(facts))
    ctl.ground([("base", [])])
    found: list[list[str]] = []

    def on_model(m: Any) -> None:
        found.append(sorted(args[s.arguments[0].number] for s in m.symbols(shown=True)))

    ctl.solve(on_model=on_model)
    more = limit is not None and len(found) > limit
    return sorted(found[:limit] if limit is not None else found), more


def _labels_from(args: list[str], pairs: list[tuple[str, str]], ext: set[str]) -> dict[str, str]:
    attackers: dict[str, set[str]] = {a: set() for a in args}
    for a, b in pairs:
        attackers[b].add(a)
    return {a: "IN" if a in ext else "OUT" if attackers[a] & ext else "UNDECIDED" for a in args}


def grounded_extension(G: nx.MultiDiGraph, *, support: Support = DEFAULT_SUPPORT) -> list[str]:
    """The grounded extension: the sorted arguments every reviewer must accept.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a", "b", "c"], kind="claim")
    >>> _ = G.add_edge("a", "b", key="attacks", sources=[])
    >>> _ = G.add_edge("b", "c", key="attacks", sources=[])
    >>> grounded_extension(G)
    ['a', 'c']
    """
    af = _build(G, support)
    return sorted(a for a in _grounded(af.args, af.pairs) if not _is_inference(a))


@dataclass
class Evaluation:
    """A reading's grounded labels with what decides them, computed once for a graph.

    ``labels`` (node → label), ``inference_labels`` ((premise, conclusion)
    → label of that support link: IN when it stands), ``attackers`` (node
    → the attack records of :func:`attacks` that hit it) and
    ``undercutters`` (node → who undercuts the inferences into it).
    """

    G: nx.MultiDiGraph
    support: Support
    labels: dict[str, str]
    inference_labels: dict[tuple[str, str], str]
    attackers: dict[str, list[dict[str, Any]]]
    undercutters: dict[str, list[dict[str, Any]]]

    def link_label(self, premise: str, conclusion: str) -> str:
        """Whether the support premise → conclusion stands: its inference's label
        (evidential reading) or its premise's label (the others)."""
        if self.support == "evidential":
            return self.inference_labels.get((premise, conclusion), "UNDECIDED")
        return self.labels.get(premise, "UNDECIDED")


def evaluate(G: nx.MultiDiGraph, *, support: Support = DEFAULT_SUPPORT) -> Evaluation:
    """Label every argument (and, for the evidential reading, every support link).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["e", "c", "x"], kind="claim")
    >>> _ = G.add_edge("e", "c", key="supports", sources=[])
    >>> _ = G.add_edge("x", "c", key="attacks", predicates=["undercuts"], sources=[])
    >>> ev = evaluate(G)
    >>> ev.labels["c"], ev.inference_labels[("e", "c")]
    ('IN', 'OUT')
    """
    af, full = _labelled(G, support)
    labels = {n: full[n] for n in af.nodes}
    infl = {pc: full[i] for i, pc in af.inferences.items()}
    atts: dict[str, list[dict[str, Any]]] = {}
    unders: dict[str, list[dict[str, Any]]] = {}
    for r in attacks(G, support=support):
        (unders if r["type"] == "undercut" else atts).setdefault(r["target"], []).append(r)
    return Evaluation(G, support, labels, infl, atts, unders)


def grounded_labels(G: nx.MultiDiGraph, *, support: Support = DEFAULT_SUPPORT) -> dict[str, str]:
    """Label every claim, evidence item and policy ``IN``, ``OUT`` or ``UNDECIDED``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph; it is not changed.
    support : {"evidential", "deductive", "necessary", "none"}
        How supports carry attacks (see the module docs and :func:`attacks`).

    Returns
    -------
    dict
        node → label, with keys in sorted order. Actors, sources and
        measures are not arguments and get no label.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a", "b"], kind="claim")
    >>> _ = G.add_edge("a", "b", key="attacks", sources=[])
    >>> _ = G.add_edge("b", "a", key="attacks", sources=[])
    >>> grounded_labels(G)
    {'a': 'UNDECIDED', 'b': 'UNDECIDED'}
    >>> grounded_labels(nx.MultiDiGraph())
    {}
    """
    af, full = _labelled(G, support)
    return {n: full[n] for n in af.nodes}


#: disputes with more arguments than this are not enumerated by default
MAX_DISPUTE = 5000
#: a dispute's positions are enumerated up to this many
MAX_POSITIONS = 1000


def disputes(
    G: nx.MultiDiGraph,
    *,
    support: Support = DEFAULT_SUPPORT,
    max_size: int | None = MAX_DISPUTE,
    max_positions: int | None = MAX_POSITIONS,
) -> list[dict[str, Any]]:
    """The open questions: each connected group of UNDECIDED arguments and its positions.

    A dispute's positions are the preferred extensions of its sub-framework
    (computed by clingo): the coherent, maximal ways to resolve it. For the
    evidential reading the sub-framework holds the support links too (an
    undecided inference); positions list only claims, evidence and policies.

    Parameters
    ----------
    max_size : int or None
        Disputes with more arguments than this are listed with ``positions``
        None instead of being enumerated. None enumerates everything.
    max_positions : int or None
        Enumerate at most this many positions per dispute (``truncated``
        says when there were more).

    Returns
    -------
    list of dict
        ``arguments`` (sorted nodes), ``positions`` (sorted lists of sorted
        nodes, or None when too large to enumerate) and ``truncated``,
        sorted by first argument.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a", "b", "c"], kind="claim")
    >>> for u, v in [("a", "b"), ("b", "a")]:
    ...     _ = G.add_edge(u, v, key="attacks", sources=[])
    >>> disputes(G)
    [{'arguments': ['a', 'b'], 'positions': [['a'], ['b']], 'truncated': False}]
    >>> disputes(G, max_size=1)
    [{'arguments': ['a', 'b'], 'positions': None, 'truncated': False}]
    """
    af, labels = _labelled(G, support)
    all_pairs = af.pairs
    open_ = {a for a, lab in labels.items() if lab == "UNDECIDED"}
    pairs = [(a, b) for a, b in all_pairs if a in open_ and b in open_]
    U = nx.Graph()
    U.add_nodes_from(sorted(open_))
    U.add_edges_from(pairs)
    comp_of: dict[str, int] = {}
    comps = [sorted(c) for c in nx.connected_components(U)]
    for i, c in enumerate(comps):
        comp_of.update(dict.fromkeys(c, i))
    sub: list[list[tuple[str, str]]] = [[] for _ in comps]
    for a, b in pairs:
        sub[comp_of[a]].append((a, b))
    out = []
    for members, atts in zip(comps, sub, strict=True):
        shown = [m for m in members if not _is_inference(m)]
        if not shown:
            continue
        big = max_size is not None and len(members) > max_size
        positions: list[list[str]] | None = None
        more = False
        if not big:
            exts, more = clingo_preferred(members, atts, limit=max_positions)
            kept = {tuple(a for a in e if not _is_inference(a)) for e in exts}
            positions = [list(p) for p in sorted(kept)]
        out.append({"arguments": shown, "positions": positions, "truncated": more})
    return sorted(out, key=lambda d: d["arguments"])


def preferred_extensions(
    G: nx.MultiDiGraph,
    *,
    support: Support = DEFAULT_SUPPORT,
    limit: int | None = 1000,
    max_dispute: int | None = MAX_DISPUTE,
) -> list[list[str]]:
    """The preferred extensions: every maximal coherent position on the whole debate.

    Computed as the grounded extension combined with one position of each
    dispute (see :func:`disputes` and the module notes); the arguments are
    claims, evidence and policies (the evidential reading's support links
    are left out).

    Parameters
    ----------
    limit : int or None
        Return at most this many (their number is the product of the
        disputes' position counts and can be large); None for all.
    max_dispute : int or None
        Refuse to enumerate a dispute larger than this (see :func:`disputes`).

    Returns
    -------
    list of list of str
        Each extension sorted; the list sorted.

    Raises
    ------
    InputError
        a dispute is larger than ``max_dispute``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a", "b", "c"], kind="claim")
    >>> for u, v in [("a", "b"), ("b", "a")]:
    ...     _ = G.add_edge(u, v, key="attacks", sources=[])
    >>> preferred_extensions(G)
    [['a', 'c'], ['b', 'c']]
    >>> preferred_extensions(nx.MultiDiGraph())
    [[]]
    """
    base = grounded_extension(G, support=support)
    choices = []
    for d in disputes(G, support=support, max_size=max_dispute, max_positions=None if limit is None else limit):
        if d["positions"] is None:
            raise InputError(
                f"a dispute of {len(d['arguments'])} arguments (first: {d['arguments'][0]}) is too large to "
                f"enumerate its preferred extensions; pass a larger max_dispute (now {max_dispute}) to try"
            )
        choices.append(d["positions"])
    out: set[tuple[str, ...]] = set()
    for combo in itertools.product(*choices):
        out.add(tuple(sorted(itertools.chain(base, *combo))))
        if limit is not None and len(out) >= limit:
            break
    return sorted(list(e) for e in out)


def _name(G: nx.MultiDiGraph, n: str) -> str:
    return f"{label(G, n)} ({curie(n)})"


def _names(G: nx.MultiDiGraph, ns: list[str]) -> str:
    shown = ", ".join(_name(G, n) for n in ns[:3])
    return shown + (f" and {len(ns) - 3} more" if len(ns) > 3 else "")


_VIA = {
    "supported": "through what it supports",
    "mediated": "because it supports what is attacked",
    "super-mediated": "through what it supports",
    "secondary": "by attacking what it rests on",
    "extended": "through what it rests on",
    "super-secondary": "through what it rests on",
}


def _explain(ev: Evaluation, n: str) -> dict[str, Any]:
    G, lab = ev.G, ev.labels
    mine = lab[n]
    order = {"IN": 0, "UNDECIDED": 1, "OUT": 2}
    atts = [dict(r, label=lab[r["attacker"]]) for r in ev.attackers.get(n, [])]
    atts.sort(key=lambda r: (order[r["label"]], _TYPE_RANK[r["type"]], len(r["path"]), r["attacker"]))
    want = {"OUT": "IN", "UNDECIDED": "UNDECIDED"}.get(mine)
    decisive = [r for r in atts if r["label"] == want] if want else []
    deciding: list[str] = []
    if mine == "OUT":
        d = decisive[0]
        x = d["attacker"]
        via = f" ({_VIA[d['type']]})" if d["type"] in _VIA else ""
        x_atts = [r for r in ev.attackers.get(x, [])]
        if not x_atts:
            tail = f"and nothing attacks {label(G, x)}"
        else:
            beaten = sorted({r["attacker"] for r in x_atts})
            tail = f"and {label(G, x)} stands: what attacks it ({_names(G, beaten)}) is itself defeated"
        more = f" (and {len(decisive) - 1} more that stand)" if len(decisive) > 1 else ""
        reason = f"OUT because {_name(G, x)} attacks it{via}{more}, {tail}"
        deciding = [r["attacker"] for r in decisive]
    elif mine == "UNDECIDED":
        xs = [r["attacker"] for r in decisive]
        loop = " (they attack each other in a cycle)" if any(
            n in {r["attacker"] for r in ev.attackers.get(x, [])} for x in xs
        ) or n in xs else ""
        reason = (
            f"UNDECIDED: {_names(G, xs)} attack{'s' if len(xs) == 1 else ''} it and "
            f"{'is' if len(xs) == 1 else 'are'} itself undecided{loop}: neither accepted nor defeated"
        )
        deciding = xs
    else:
        if atts:
            parts = []
            for r in atts[:3]:
                x = r["attacker"]
                killers = [a["attacker"] for a in ev.attackers.get(x, []) if lab[a["attacker"]] == "IN"]
                parts.append(f"{_name(G, x)} is defeated by {label(G, killers[0])}" if killers else _name(G, x))
                deciding += killers[:1]
            more = f" and {len(atts) - 3} more" if len(atts) > 3 else ""
            reason = f"IN: everything that attacks it is defeated ({'; '.join(parts)}{more})"
        else:
            reason = "IN: nothing attacks it"
        sups = sorted(ev.G.predecessors(n)) if n in ev.G else []
        sups = [s for s in sups if ev.G.has_edge(s, n, key="supports") and s in lab]
        unders = ev.undercutters.get(n, [])
        if sups:
            standing = [s for s in sups if ev.link_label(s, n) == "IN"]
            if standing:
                if len(sups) == 1:
                    reason += ", and its support stands"
                elif len(standing) == len(sups):
                    reason += f", and all {len(sups)} of its supports stand"
                else:
                    reason += f", and {len(standing)} of its {len(sups)} supports stand"
            else:
                cut = [u["attacker"] for u in unders if lab.get(u["attacker"]) == "IN"]
                if len(sups) == 1:
                    why = f"is undercut by {_name(G, cut[0])}" if cut else f"is {ev.link_label(sups[0], n)}"
                    reason = f"{reason}; its only support, {_name(G, sups[0])}, {why}" if atts else (
                        f"IN: its only support, {_name(G, sups[0])}, {why}, but nothing attacks it — it stands unsupported"
                    )
                else:
                    why = f" (undercut by {_name(G, cut[0])})" if cut else ""
                    reason = f"{reason}; none of its {len(sups)} supports stands{why}" if atts else (
                        f"IN: none of its {len(sups)} supports stands{why}, but nothing attacks it — it stands unsupported"
                    )
                deciding += cut[:1] or sups[:1]
        elif not atts and ev.G.nodes[n].get("kind") == "evidence":
            srcs = list(ev.G.nodes[n].get("sources") or [])
            reason += f"; it stands as reported by {curie(srcs[0])}" if srcs else "; it stands as reported"
    srcs = sorted({x for r in decisive for x in r["sources"]})
    return {
        "node": n,
        "label": mine,
        "attackers": atts,
        "decisive": decisive,
        "deciding": list(dict.fromkeys(deciding)),
        "reason": reason,
        "sources": srcs,
    }


def explain_all(G: nx.MultiDiGraph, *, support: Support = DEFAULT_SUPPORT, evaluation: Evaluation | None = None) -> dict[str, dict[str, Any]]:
    """Every argument's label with the sentence that explains it (see :func:`explain_label`).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="claim", label="A"); G.add_node("b", kind="claim", label="B")
    >>> _ = G.add_edge("a", "b", key="attacks", sources=[])
    >>> explain_all(G)["b"]["reason"]
    'OUT because A (a) attacks it, and nothing attacks A'
    """
    ev = evaluation or evaluate(G, support=support)
    return {n: _explain(ev, n) for n in ev.labels}


def explain_label(
    G: nx.MultiDiGraph,
    node: str,
    *,
    support: Support = DEFAULT_SUPPORT,
    labels: Mapping[str, str] | None = None,
    evaluation: Evaluation | None = None,
) -> dict[str, Any]:
    """Why a node has its grounded label, in plain words: what decides it and by which path.

    Parameters
    ----------
    node : str
        A node key, IRI, CURIE or label (see :func:`graph.model.resolve`).
    labels : mapping, optional
        Ignored when ``evaluation`` is given; kept for callers that pass
        precomputed :func:`grounded_labels` (they are recomputed with the
        support links).
    evaluation : Evaluation, optional
        A precomputed :func:`evaluate` (saves recomputing it).

    Returns
    -------
    dict
        ``node``, ``label`` (IN/OUT/UNDECIDED), ``attackers`` (every
        attacker: ``attacker``, ``label``, ``type``, ``path``, ``sources``;
        IN ones first), ``decisive`` (the attackers that make it OUT — the
        IN ones — or keep it UNDECIDED — the UNDECIDED ones; empty for IN),
        ``deciding`` (the nodes the reason names as deciding it), ``reason``
        (one sentence) and ``sources`` (the sources stating the decisive
        attacks, sorted).

    Raises
    ------
    NodeNotFound
        ``node`` names nothing in ``G``.
    InputError
        ``node`` is not an argument (an actor, a source…).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="claim", label="A")
    >>> explain_label(G, "a")["reason"]
    'IN: nothing attacks it'
    """
    n = resolve(G, node)
    ev = evaluation or evaluate(G, support=support)
    if n not in ev.labels:
        raise InputError(
            f"{label(G, n)} ({curie(n)}) is {a_kind(G.nodes[n].get('kind', 'node'))}, not a claim, evidence "
            "item or policy: only arguments have an acceptability label"
        )
    return _explain(ev, n)


def _plural(k: int, one: str, many: str | None = None) -> str:
    return f"{k} {one if k == 1 else (many or one + 's')}"


def verdict(
    G: nx.MultiDiGraph, node: str, *, support: Support = DEFAULT_SUPPORT, evaluation: Evaluation | None = None
) -> dict[str, Any]:
    """The arguments for and against a policy (or claim) that survive, by source and actor.

    An argument *for* is a ``supports`` link into the node; it survives when
    it stands (evidential reading: the inference is IN — its premise IN and
    not undercut; other readings: its premise is IN). An argument
    *against* is an ``attacks``/``rebuts``/``undercuts`` edge into it; it
    survives when the attacker is IN.

    Returns
    -------
    dict
        ``node``; ``for`` and ``against``: lists (surviving first, then by
        label) of ``{"argument", "relation", "label", "survives", "sources",
        "actors"}``
        (sources state the link; actors assert the argument);
        ``for_surviving``/``against_surviving`` (counts),
        ``for_sources``/``against_sources`` and ``for_actors``/
        ``against_actors`` (sorted distinct sources and actors of the
        surviving ones) and ``headline`` — e.g. "3 surviving arguments for
        (of 4), from 2 sources; 5 against, from 3 sources" ("(of N)" when
        not all survive; "no arguments for", "none against").

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["e", "x", "y"], kind="claim"); G.add_node("p", kind="policy")
    >>> _ = G.add_edge("e", "p", key="supports", sources=["s1"])
    >>> _ = G.add_edge("x", "p", key="attacks", sources=["s2"])
    >>> _ = G.add_edge("y", "x", key="attacks", sources=["s2"])
    >>> verdict(G, "p")["headline"]
    '1 surviving argument for, from 1 source; 0 against (of 1)'
    """
    n = resolve(G, node)
    ev = evaluation or evaluate(G, support=support)
    lab = ev.labels

    def actors(a: str) -> list[str]:
        return sorted(u for u in G.predecessors(a) if G.has_edge(u, a, key="asserts")) if a in G else []

    pro, con = [], []
    for u in sorted(set(G.predecessors(n))):
        if u not in lab:
            continue
        if G.has_edge(u, n, key="supports"):
            link = ev.link_label(u, n)
            srcs = sorted(G.edges[u, n, "supports"].get("sources") or [])
            pro.append({"argument": u, "relation": "supports", "label": link, "survives": link == "IN", "sources": srcs, "actors": actors(u)})
        if G.has_edge(u, n, key="attacks"):
            srcs = sorted(G.edges[u, n, "attacks"].get("sources") or [])
            kind = "undercuts" if is_undercut(G, u, n) else "attacks"
            con.append({"argument": u, "relation": kind, "label": lab[u], "survives": lab[u] == "IN", "sources": srcs, "actors": actors(u)})
    for rows in (pro, con):
        rows.sort(key=lambda r: (not r["survives"], label(G, r["argument"]).casefold(), r["argument"]))

    def tally(rows: list[dict[str, Any]]) -> tuple[int, list[str], list[str]]:
        live = [r for r in rows if r["survives"]]
        return len(live), sorted({s for r in live for s in r["sources"]}), sorted({a for r in live for a in r["actors"]})

    fk, fs, fa = tally(pro)
    ak, as_, aa = tally(con)

    def part(k: int, total: int, srcs: list[str], word: str) -> str:
        if not total:
            return "no arguments for" if word == "for" else "none against"
        head = f"{_plural(k, 'surviving argument')} for" if word == "for" else f"{k} against"
        if k < total:
            head += f" (of {total})"
        return head + (f", from {_plural(len(srcs), 'source')}" if k else "")

    headline = f"{part(fk, len(pro), fs, 'for')}; {part(ak, len(con), as_, 'against')}"
    return {
        "node": n,
        "for": pro,
        "against": con,
        "for_surviving": fk,
        "against_surviving": ak,
        "for_sources": fs,
        "against_sources": as_,
        "for_actors": fa,
        "against_actors": aa,
        "headline": headline,
    }


def acceptability(
    G: nx.MultiDiGraph, *, support: Support = DEFAULT_SUPPORT
) -> dict[str, Any]:
    """Everything about acceptability in one plain dict (for reports and JSON).

    Returns
    -------
    dict
        ``support`` (the reading used), ``labels`` (node → label),
        ``counts`` (label → number), ``grounded`` (the grounded extension),
        ``disputes`` (see :func:`disputes`), ``preferred_count`` (how many
        preferred extensions there are; None when a dispute was too large to
        enumerate or had more than :data:`MAX_POSITIONS` positions),
        ``credulous`` (arguments in some preferred extension),
        ``sceptical`` (in every one) and ``unresolved`` (arguments of
        disputes too large to enumerate: neither list can speak for them),
        all sorted.

    Examples
    --------
    >>> import networkx as nx
    >>> acceptability(nx.MultiDiGraph())["counts"]
    {'IN': 0, 'OUT': 0, 'UNDECIDED': 0}
    """
    labels = grounded_labels(G, support=support)
    dis = disputes(G, support=support)
    grounded = sorted(a for a, lab in labels.items() if lab == "IN")
    count: int | None = 1
    cred = set(grounded)
    scep = set(grounded)
    unresolved: list[str] = []
    for d in dis:
        if d["positions"] is None:
            count = None
            unresolved += d["arguments"]
            continue
        if count is not None:
            count = None if d["truncated"] else count * max(1, len(d["positions"]))
        members = [set(p) for p in d["positions"]]
        cred.update(*members)
        if members and not d["truncated"]:
            scep.update(set.intersection(*members))
    return {
        "support": support,
        "labels": labels,
        "counts": {k: sum(1 for v in labels.values() if v == k) for k in LABELS},
        "grounded": grounded,
        "disputes": dis,
        "preferred_count": count,
        "credulous": sorted(cred),
        "sceptical": sorted(scep),
        "unresolved": sorted(unresolved),
    }
