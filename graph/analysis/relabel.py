"""Acceptability labels after a retraction, recomputing only what can change.

:class:`Relabeller` labels a graph once (grounded semantics, see
:mod:`graph.semantics`) and then answers "which labels change if these
nodes (and these support/attack links) go?" by relabelling only the part of
the framework a retraction can reach. The load-bearing ranking asks it once
per evidence item (:func:`graph.analysis.impact.load_bearing`), so the
ranking costs one labelling plus, per item, work in proportion to what that
item touches, instead of one whole relabelling per item.

Why it is exact
---------------
A node's grounded label depends only on its *attack ancestors* (the nodes
with an attack path to it, and the attacks among them): grounded semantics
is directional (Baroni & Giacomin, "On principle-based evaluation of
extension-based argumentation semantics", AIJ 171, 2007). So when a
retraction changes the attacking pairs ``ΔP``:

1. the *seeds* are the targets of the pairs that go or appear;
2. every node outside the forward closure ``R`` of the seeds along the
   attacks of the framework before or after has the same attack ancestors
   before and after, hence the same label;
   A node that an attacker nothing attacks (before or after) still
   attacks is OUT before and after, and is left out of ``R`` with what
   only it leads to: its label, and so what it decides, cannot change
   (in grounded semantics its attackers can be replaced by that one
   unattacked attacker without changing any label);
3. ``R`` is relabelled by the linear-time propagation of
   :func:`graph.semantics._grounded`, conditioned on the labels of the
   attackers outside ``R`` (an IN one makes the node OUT, an UNDECIDED one
   keeps it from being IN, an OUT one does not count). Nothing in ``R``
   attacks outside it, so this is the grounded labelling of the whole.

Stopping the propagation where labels stop changing would *not* be exact:
grounded labels are a least fixed point. With ``x`` and ``y`` attacking
each other and ``e`` attacking ``x``, ``x`` is OUT and ``y`` IN; retract
``e`` and both become UNDECIDED, though ``x`` alone, relabelled against the
old IN label of ``y``, would stay OUT. The whole forward closure is
relabelled instead.

Which pairs change depends on the reading of support:

``evidential`` (the default) and ``none``
    The node-level pairs are the direct attacks between arguments; under
    ``evidential`` an undercut (stated only as ``pag:undercuts``) of a node
    that has a stated support hits the support links, not the node
    (:func:`graph.semantics._attack_pairs`). A node's label therefore
    depends on what attacks it and on *whether* anything supports it (an
    undercut reaches the node once its last support goes) — never on what
    it supports: attacks do not travel along supports in this reading.
    Retracting nodes removes their pairs and exposes the undercuts of the
    nodes whose last support went; that is the whole of ``ΔP``.
``deductive``
    Every pair is ``(a, t)`` with ``a`` supporting+ (or being) ``b``, ``b``
    attacking ``c`` directly and ``t`` supporting+ (or being) ``c``
    (supported, mediated and super-mediated attacks). A pair whose
    derivation uses a retracted node, support link ``u → v`` or attack
    ``b → c`` has its attacker or its target among the *support ancestors*
    (inclusive) of that node, of ``u``, or of ``b``. Only the pairs touching
    those ancestors are recomputed (on the graph after the retraction): the
    locality bound for this reading. Labels here *do* depend on what a node
    supports, so the ancestors of a retracted node can change label.
``necessary``
    The dual: pairs ``(a, t)`` with ``a`` supported+ by ``b`` and ``t`` by
    ``c``; the bound is the *support descendants* of the retracted node,
    of ``v``, or of ``b``.

Tests (tests/test_analysis_impact_fast.py) check every label against a whole
relabelling of the retracted graph, for every reading, on random graphs and
on the corpus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator

import networkx as nx

from graph.analysis._common import argument_nodes, attack_edges, is_undercut, support_graph
from graph.errors import InputError
from graph.semantics import (
    DEFAULT_SUPPORT,
    SUPPORT_READINGS,
    Support,
    _attack_pairs,
    _grounded,
    _labels_from,
)

__all__ = ["Relabeller"]

Pair = tuple[str, str]


class Relabeller:
    """One grounded labelling of ``G`` and the means to relabel it after retractions.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph; not changed (and not to be changed while this
        is in use).
    support : {"evidential", "deductive", "necessary", "none"}
        The reading of support (see :mod:`graph.semantics`).

    Attributes
    ----------
    labels : dict
        node → ``IN``/``OUT``/``UNDECIDED`` for every argument of ``G``:
        :func:`graph.semantics.grounded_labels`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["e", "x", "y"], kind="claim")
    >>> for u, v in [("e", "x"), ("x", "y"), ("y", "x")]:
    ...     _ = G.add_edge(u, v, key="attacks", sources=[])
    >>> r = Relabeller(G)
    >>> r.labels
    {'e': 'IN', 'x': 'OUT', 'y': 'IN'}
    >>> r.changes({"e"})
    {'x': 'UNDECIDED', 'y': 'UNDECIDED'}
    """

    def __init__(self, G: nx.MultiDiGraph, *, support: Support = DEFAULT_SUPPORT) -> None:
        if support not in SUPPORT_READINGS:
            raise InputError(f"unknown support reading {support!r}: use one of {', '.join(SUPPORT_READINGS)}")
        self.support = support
        self.args = argument_nodes(G)
        self.S = support_graph(G, self.args)
        self.direct: set[Pair] = {(a, t) for a, t, _ in attack_edges(G, self.args)}
        self.undercuts: set[Pair] = {(a, t) for a, t in self.direct if is_undercut(G, a, t)}
        pairs = _attack_pairs(self.S, self.direct, support, self.undercuts)
        self.pairs = pairs
        self.out: dict[str, set[str]] = {a: set() for a in self.args}  # targets
        self.inn: dict[str, set[str]] = {a: set() for a in self.args}  # attackers
        for a, t in pairs:
            self.out[a].add(t)
            self.inn[t].add(a)
        self.d_out: dict[str, set[str]] = {}
        self.d_in: dict[str, set[str]] = {}
        for a, t in self.direct:
            self.d_out.setdefault(a, set()).add(t)
            self.d_in.setdefault(t, set()).add(a)
        # the attackers of each node that nothing attacks (IN whatever else happens)
        self.free: dict[str, list[str]] = {}
        for a, t in pairs:
            if not self.inn[a]:
                self.free.setdefault(t, []).append(a)
        self.labels: dict[str, str] = _labels_from(self.args, sorted(pairs), _grounded(self.args, pairs))

    # --- which pairs change ----------------------------------------------------------

    def _delta(
        self, gone: set[str], gone_supports: set[Pair], gone_attacks: set[Pair]
    ) -> tuple[set[Pair], set[Pair]]:
        """The attacking pairs that go and those that appear."""
        if self.support in ("evidential", "none"):
            removed = {(a, t) for a in gone for t in self.out.get(a, ())}
            removed |= {(a, t) for t in gone for a in self.inn.get(t, ())}
            removed |= gone_attacks & self.pairs
            added: set[Pair] = set()
            if self.support == "evidential" and self.undercuts:
                S = self.S
                heads = {v for u in gone if u in S for v in S.successors(u)} | {v for _u, v in gone_supports}
                for y in heads - gone:
                    if not any(u not in gone and (u, y) not in gone_supports for u in S.predecessors(y)):
                        added |= {
                            (x, y)
                            for x in self.d_in.get(y, ())
                            if (x, y) in self.undercuts and x not in gone and (x, y) not in gone_attacks
                        }
            return removed, added
        # deductive / necessary: recompute the pairs that touch the bound
        deductive = self.support == "deductive"
        S = self.S
        touched = set(gone) | {b for b, _c in gone_attacks}
        touched |= {u if deductive else v for u, v in gone_supports}
        bound = set(self._walk(touched, up=True, S_after=False, gone=gone, gone_supports=gone_supports))
        before = {(a, t) for a in bound for t in self.out.get(a, ())}
        before |= {(a, t) for t in bound for a in self.inn.get(t, ())}
        live = bound - gone
        after: set[Pair] = set()
        up_memo: dict[str, list[str]] = {}

        def up(x: str) -> list[str]:
            if x not in up_memo:
                up_memo[x] = list(self._walk({x}, up=True, S_after=True, gone=gone, gone_supports=gone_supports))
            return up_memo[x]

        def d_ok(b: str, c: str) -> bool:
            return b not in gone and c not in gone and (b, c) not in gone_attacks

        for a in live:
            for b in self._walk({a}, up=False, S_after=True, gone=gone, gone_supports=gone_supports):
                for c in self.d_out.get(b, ()):
                    if d_ok(b, c):
                        after.update((a, t) for t in up(c))
        for t in live:
            for c in self._walk({t}, up=False, S_after=True, gone=gone, gone_supports=gone_supports):
                for b in self.d_in.get(c, ()):
                    if d_ok(b, c):
                        after.update((a, t) for a in up(b))
        return before - after, after - self.pairs

    def _walk(
        self, starts: Iterable[str], *, up: bool, S_after: bool, gone: Collection[str], gone_supports: Collection[Pair]
    ) -> Iterator[str]:
        """``starts`` and every node reached from them along supports, each once.

        ``up`` walks toward what the reading makes attack with a node (its
        supporters under ``deductive``, what it supports under
        ``necessary``); otherwise the other way. ``S_after``: on the graph
        after the retraction (skipping ``gone`` nodes and ``gone_supports``).
        """
        S = self.S
        backward = up == (self.support == "deductive")
        nbrs: Callable[[str], Iterable[str]] = S.predecessors if backward else S.successors
        seen = set()
        queue: deque[str] = deque()
        for s in starts:
            if s not in seen and s in S and not (S_after and s in gone):
                seen.add(s)
                queue.append(s)
        while queue:
            n = queue.popleft()
            yield n
            for m in nbrs(n):
                if m in seen:
                    continue
                if S_after and (m in gone or ((m, n) if backward else (n, m)) in gone_supports):
                    continue
                seen.add(m)
                queue.append(m)

    def resting_on(self, starts: Iterable[str]) -> set[str]:
        """``starts`` and everything they support, directly or through others (before any retraction)."""
        seen = {s for s in starts if s in self.S}
        queue = deque(seen)
        while queue:
            n = queue.popleft()
            for m in self.S.successors(n):
                if m not in seen:
                    seen.add(m)
                    queue.append(m)
        return seen

    # --- relabelling -------------------------------------------------------------------

    def changes(
        self,
        gone: Iterable[str],
        *,
        gone_supports: Iterable[Pair] = (),
        gone_attacks: Iterable[Pair] = (),
    ) -> dict[str, str]:
        """The new label of every remaining argument whose label changes when ``gone`` go.

        Parameters
        ----------
        gone : iterable of str
            Arguments that are retracted (their links go with them).
        gone_supports, gone_attacks : iterable of (str, str)
            ``supports`` and ``attacks`` links between remaining arguments
            that go too (a retracted source's links).

        Returns
        -------
        dict
            node → label after, only for the nodes whose label changes;
            nodes in ``gone`` are left out.
        """
        X = set(gone)
        gs, ga = set(gone_supports), set(gone_attacks)
        removed, added = self._delta(X, gs, ga)
        if not removed and not added:
            return {}
        add_out: dict[str, set[str]] = {}
        add_in: dict[str, set[str]] = {}
        for a, t in added:
            add_out.setdefault(a, set()).add(t)
            add_in.setdefault(t, set()).add(a)
        rem_in: dict[str, set[str]] = {}
        for a, t in removed:
            rem_in.setdefault(t, set()).add(a)
        def pinned(m: str) -> bool:
            # OUT before and after: an attacker nothing attacks, before or after, still attacks it
            return any(
                a not in X and a not in add_in and a not in rem_in.get(m, ()) for a in self.free.get(m, ())
            )

        # the forward closure of the seeds, along the attacks before or after
        seeds = sorted({t for _a, t in removed | added} - X)
        region = {m for m in seeds if not pinned(m)}
        queue = deque(sorted(region))
        while queue:
            n = queue.popleft()
            for m in (*self.out[n], *add_out.get(n, ())):
                if m not in region and m not in X and not pinned(m):
                    region.add(m)
                    queue.append(m)
        return self._relabel_region(region, X, add_in, rem_in)

    def _relabel_region(
        self, region: set[str], X: set[str], add_in: dict[str, set[str]], rem_in: dict[str, set[str]]
    ) -> dict[str, str]:
        """Grounded labels of ``region`` (closed under attacks) against the labels outside it."""
        lab = self.labels
        live: dict[str, int] = {}
        targets: dict[str, list[str]] = {n: [] for n in region}
        out_now: dict[str, bool] = {}  # True IN, False OUT
        for n in region:
            count = 0
            forced_out = False
            gone_in = rem_in.get(n, set())
            for a in (*self.inn[n], *add_in.get(n, ())):
                if a in X or (a in gone_in and a not in add_in.get(n, ())):
                    continue
                if a in region:
                    targets[a].append(n)
                    count += 1
                elif lab[a] == "IN":
                    forced_out = True
                elif lab[a] == "UNDECIDED":
                    count += 1
            live[n] = count
            if forced_out:
                out_now[n] = False
        queue = deque[str]()
        for n in sorted(out_now):  # forced OUT from outside: their targets lose a live attacker
            queue.append(n)
        for n in sorted(region):
            if n not in out_now and live[n] == 0:
                out_now[n] = True
                queue.append(n)
        while queue:
            n = queue.popleft()
            if out_now[n]:
                for m in targets[n]:
                    if m not in out_now:
                        out_now[m] = False
                        queue.append(m)
            else:
                for m in targets[n]:
                    live[m] -= 1
                    if live[m] == 0 and m not in out_now:
                        out_now[m] = True
                        queue.append(m)
        new: dict[str, str] = {}
        for n in sorted(region):
            after = "UNDECIDED" if n not in out_now else ("IN" if out_now[n] else "OUT")
            if after != lab[n]:
                new[n] = after
        return new
