"""The typed results of the analyses, and of the reports built from them.

Every analysis in :mod:`graph.analysis` returns one of the types below, and
every report of :mod:`graph.reports` wraps one: the terminal, Markdown and
JSON renderings all read the same object, and the JSON of a report is that
object as it is (plus ``"report": NAME``). The types are ``TypedDict`` classes:
plain JSON-ready dicts at run time, checked by mypy, their keys documented
here. These docstrings are the reference for the JSON keys.

Conventions: node ids are full IRIs; ``sources`` are sorted source IRIs
(named graphs); a node is named by a :class:`NodeRef`; acceptability labels
are ``"IN"``, ``"OUT"`` or ``"UNDECIDED"`` (grounded semantics), None when
not computed. A few keys are Python keywords (``from``), so those types are
declared with the functional ``TypedDict`` syntax.

Examples
--------
>>> ref: NodeRef = {"id": "urn:x", "label": "X", "kind": "claim"}
>>> sorted(NodeRef.__annotations__)
['id', 'kind', 'label']
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

__all__ = [
    "AcceptabilitySummary",
    "ActorRecord",
    "ActorReport",
    "ActorsReport",
    "AgainstRow",
    "ArgumentTree",
    "AssertedBy",
    "Assertion",
    "Attack",
    "ChainCounts",
    "ChainsReport",
    "Circular",
    "Coalition",
    "Contested",
    "ContestedReport",
    "DateInfo",
    "Dispute",
    "EvidenceAgainst",
    "EvidenceBase",
    "EvidenceBoth",
    "EvidencePath",
    "EvidenceRow",
    "Explanation",
    "FamilyItem",
    "FigureFamily",
    "FigureItem",
    "Figures",
    "FiguresReport",
    "ForRow",
    "Impact",
    "Label",
    "LabelChange",
    "LinkProvenance",
    "LoadBearing",
    "LoadBearingReport",
    "LoseSupport",
    "NodeRef",
    "Overview",
    "OverviewCounts",
    "PathAttack",
    "PathHop",
    "PathProvenance",
    "Position",
    "Quote",
    "SearchHit",
    "SearchResult",
    "SeriesPoint",
    "Side",
    "SingleSource",
    "StanceActor",
    "StanceCell",
    "StanceMatrix",
    "StanceRow",
    "StanceSources",
    "Stances",
    "SupportHop",
    "Tension",
    "TensionsReport",
    "Timeline",
    "TimelineEntry",
    "TreeNode",
    "Unsupported",
    "UnsupportedReport",
    "Verdict",
    "VerdictArgument",
    "WeakSpots",
    "Weakened",
]

#: an acceptability label under grounded semantics
Label = Literal["IN", "OUT", "UNDECIDED"]


# --- shared pieces ------------------------------------------------------------


class NodeRef(TypedDict):
    """How every result names a node.

    Attributes
    ----------
    id : str
        The node's IRI.
    label : str
        Its ``rdfs:label`` (the id when it has none).
    kind : str
        ``actor``, ``policy``, ``claim``, ``evidence``, ``source``,
        ``measure`` or ``other``.
    """

    id: str
    label: str
    kind: str


class _QuoteText(TypedDict):
    source: str
    quote: str


class Quote(_QuoteText, total=False):
    """A verbatim excerpt and the source it is quoted from.

    Attributes
    ----------
    source : str
        The source IRI.
    quote : str
        The excerpt, verbatim.
    page_start, page_end : int, only for a text with pages
        The pages the quote starts and ends on, from its anchor
        (:func:`graph.anchors.attach_pages`; a citation gives "p. 2" or "pp. 1–2").
    """

    page_start: int
    page_end: int


class AssertedBy(TypedDict):
    """An actor asserting a claim or evidence item.

    Attributes
    ----------
    actor : str
        The actor's IRI.
    label : str
        The actor's label.
    sources : list of str
        Sources that state the assertion.
    """

    actor: str
    label: str
    sources: list[str]


class StanceActor(TypedDict):
    """An actor advocating or opposing a policy.

    Attributes
    ----------
    actor, label : str
        The actor's IRI and label.
    predicates : list of str
        The stance predicates used, e.g. ``["advocates", "proposed"]``.
    sources : list of str
        Sources that state the stance.
    """

    actor: str
    label: str
    predicates: list[str]
    sources: list[str]


class Stances(TypedDict):
    """The actors on each side of a policy (both lists empty for a claim).

    Attributes
    ----------
    advocates, opposes : list of StanceActor
        Sorted by label.
    """

    advocates: list[StanceActor]
    opposes: list[StanceActor]


SupportHop = TypedDict(
    "SupportHop", {"from": str, "to": str, "sources": list[str], "curation": NotRequired[str]}
)
SupportHop.__doc__ = """One ``supports`` step of a path or cycle.

Attributes
----------
from, to : str
    The supporting and the supported node's IRI.
sources : list of str
    Sources that state the step.
curation : str, optional
    The curators' rationale, when the step is their link (the curation
    graph, :mod:`graph.curation`); added by the CLI's chains and evidence.
"""

PathHop = TypedDict("PathHop", {"from": str, "relation": str, "to": str, "sources": list[str]})
PathHop.__doc__ = """One step of an argument path, with its relation.

Attributes
----------
from, to : str
    The two nodes' IRIs, in reading order (``from`` relation ``to``).
relation : str
    ``supports`` or ``attacks``.
sources : list of str
    Sources that state the step.
"""


# --- acceptability (from graph.semantics) -----------------------------------------


class Attack(TypedDict):
    """One attack on an argument, as :func:`graph.semantics.explain_label` lists it.

    Attributes
    ----------
    attacker, target : str
        The two arguments' IRIs.
    type : str
        ``direct``, ``undercut`` (hits the inferences into the target, not
        the target: evidential reading), ``supported``, ``mediated``,
        ``super-mediated`` (deductive), ``secondary``, ``extended`` or
        ``super-secondary`` (necessary).
    path : list of list of str
        The hops ``[from, relation, to]`` that make the attack.
    sources : list of str
        Sources of every hop.
    label : Label
        The attacker's own label.
    """

    attacker: str
    target: str
    type: str
    path: list[list[str]]
    sources: list[str]
    label: str


class Explanation(TypedDict):
    """Why a node has its label (:func:`graph.semantics.explain_label`).

    Attributes
    ----------
    node : str
        The node's IRI.
    label : Label
        Its label.
    attackers : list of Attack
        Every attacker, IN ones first.
    decisive : list of Attack
        The attackers that make it OUT (the IN ones) or keep it UNDECIDED;
        empty for IN.
    deciding : list of str
        The nodes the reason names as deciding the label (an IN attacker,
        the attacker's defeater, the fallen support); empty when nothing
        does ("IN: nothing attacks it").
    reason : str
        One sentence in plain words, e.g. ``"OUT because X (claim:x)
        attacks it, and nothing attacks X"`` or ``"IN: its only support, C
        (claim:c), is OUT, but nothing attacks it — it stands unsupported"``.
    sources : list of str
        Sources stating the decisive attacks.
    """

    node: str
    label: str
    attackers: list[Attack]
    decisive: list[Attack]
    deciding: list[str]
    reason: str
    sources: list[str]


class VerdictArgument(TypedDict):
    """One argument for or against a node, in its :class:`Verdict`.

    Attributes
    ----------
    argument : str
        The arguing node's IRI.
    relation : str
        ``supports`` (for), ``attacks`` or ``undercuts`` (against).
    label : Label
        For: whether the support link stands (evidential reading: the
        inference's label; otherwise the supporter's). Against: the
        attacker's label.
    survives : bool
        Whether ``label`` is IN.
    sources : list of str
        Sources stating the link.
    actors : list of str
        Actors asserting the argument.
    """

    argument: str
    relation: str
    label: str
    survives: bool
    sources: list[str]
    actors: list[str]


Verdict = TypedDict(
    "Verdict",
    {
        "node": str,
        "for": list[VerdictArgument],
        "against": list[VerdictArgument],
        "for_surviving": int,
        "against_surviving": int,
        "for_sources": list[str],
        "against_sources": list[str],
        "for_actors": list[str],
        "against_actors": list[str],
        "headline": str,
    },
)
Verdict.__doc__ = """The arguments for and against a node that survive (:func:`graph.semantics.verdict`).

Attributes
----------
node : str
    The node's IRI.
for, against : list of VerdictArgument
    Its supports and its attacks, surviving first.
for_surviving, against_surviving : int
    How many survive on each side.
for_sources, against_sources : list of str
    Distinct sources of the surviving ones.
for_actors, against_actors : list of str
    Distinct actors asserting the surviving ones.
headline : str
    The verdict in words, e.g. ``"2 surviving arguments for (of 4), from 1
    source; 6 against, from 2 sources"``.
"""


class Dispute(TypedDict):
    """A connected group of UNDECIDED arguments (:func:`graph.semantics.disputes`).

    Attributes
    ----------
    arguments : list of str
        Its arguments, sorted.
    positions : list of list of str, or None
        Its preferred extensions (clingo); None when too large to enumerate.
    truncated : bool
        More positions exist than are listed (at most 1,000).
    """

    arguments: list[str]
    positions: list[list[str]] | None
    truncated: bool


class AcceptabilitySummary(TypedDict):
    """:func:`graph.semantics.acceptability` without the per-node labels.

    Attributes
    ----------
    support : str
        The support reading used (``deductive``, ``necessary``, ``none``).
    counts : dict
        Label → number of arguments.
    grounded : list of str
        The grounded extension (the IN arguments).
    disputes : list of Dispute
    preferred_count : int or None
        How many preferred extensions; None when a dispute is too large.
    credulous, sceptical : list of str
        Arguments in some / every preferred extension.
    unresolved : list of str
        Arguments of disputes too large to enumerate.
    """

    support: str
    counts: dict[str, int]
    grounded: list[str]
    disputes: list[Dispute]
    preferred_count: int | None
    credulous: list[str]
    sceptical: list[str]
    unresolved: list[str]


# --- chains ---------------------------------------------------------------------


class _Curated(TypedDict, total=False):
    """The optional ``curation`` key: the curators' rationale for a link they made (:mod:`graph.curation`)."""

    curation: str


class TreeNode(_Curated):
    """A node of an argument tree (:func:`graph.analysis.chains.argument_tree`).

    Attributes
    ----------
    id, label, kind : str
        As in :class:`NodeRef`.
    relation : str or None
        ``supports``/``attacks`` towards its parent; None at the root.
    role : str or None
        How it reads under its parent: ``supported by``, ``attacked by``
        or ``undercut by`` (the parent is supported by it …); None at the root.
    edge_sources : list of str
        Sources stating that edge.
    sources : list of str
        Sources that speak of the node.
    quote : Quote or None
        From an edge source when it has one.
    asserted_by : list of AssertedBy
    acceptability : Label or None
        None when no labels were given.
    why : str or None
        Why it has its label, in plain words (:class:`Explanation`'s
        ``reason``); None when no labels were given.
    deciding : list of str
        The nodes ``why`` names as deciding the label.
    cycle : bool
        The node is already on the path from the root (not expanded).
    repeat : bool
        Expanded elsewhere in the tree (shown without children).
    truncated : bool
        Cut by the depth limit with children below.
    children : list of TreeNode
    curation : str, optional
        The curators' rationale, when the edge to the parent is their link
        (the curation graph, :mod:`graph.curation`); added by the CLI.
    """

    id: str
    label: str
    kind: str
    relation: str | None
    role: str | None
    edge_sources: list[str]
    sources: list[str]
    quote: Quote | None
    asserted_by: list[AssertedBy]
    acceptability: str | None
    why: str | None
    deciding: list[str]
    cycle: bool
    repeat: bool
    truncated: bool
    children: list[TreeNode]


class ChainCounts(TypedDict):
    """The size of an argument tree.

    Attributes
    ----------
    nodes, supports, attacks : int
        Tree nodes, and links of each relation.
    evidence : int
        Distinct evidence items.
    truncated : int
        Branches cut by the depth limit.
    cycles : int
        Distinct cycles.
    """

    nodes: int
    supports: int
    attacks: int
    evidence: int
    truncated: int
    cycles: int


class ArgumentTree(TypedDict):
    """The result of :func:`graph.analysis.chains.argument_tree`.

    Attributes
    ----------
    target : NodeRef
    depth : int or None
        The depth limit (None: none).
    stances : Stances
        Empty unless the target is a policy.
    tree : TreeNode
        The root.
    cycles : list of list of str
        Each ``[a, …, a]`` following the edges, sorted.
    counts : ChainCounts
    """

    target: NodeRef
    depth: int | None
    stances: Stances
    tree: TreeNode
    cycles: list[list[str]]
    counts: ChainCounts


class ChainsReport(ArgumentTree):
    """``pag chains``: an :class:`ArgumentTree` with labels, and why the root has its label.

    Attributes
    ----------
    target, depth, stances, tree, cycles, counts
        As in :class:`ArgumentTree` (every tree node has its ``acceptability``).
    explanation : Explanation
        Why the target has its label: the "Acceptability (grounded)" line.
    verdict : Verdict
        The arguments for and against the target that survive: the headline.
    """

    explanation: Explanation
    verdict: Verdict


# --- evidence ---------------------------------------------------------------------


class PathAttack(TypedDict):
    """A direct attack on a node of an evidence path.

    Attributes
    ----------
    node : str
        The attacked node on the path.
    attacker : str
        The attacking node.
    sources : list of str
        Sources stating the attack.
    """

    node: str
    attacker: str
    sources: list[str]


class LinkProvenance(TypedDict):
    """Who states one link (:func:`graph.analysis.provenance.link_provenance`).

    Attributes
    ----------
    sources : list of str
        Every named graph stating it.
    documents : list of str
        Those that are documents (not curation graphs).
    curated : bool
        Only the curators link it (a curation graph), no document.
    stated_by : str
        In words: ``stated in source:x`` or ``linked by the curators``.
    """

    sources: list[str]
    documents: list[str]
    curated: bool
    stated_by: str


class PathProvenance(TypedDict):
    """Where a path is stated (:func:`graph.analysis.provenance.path_provenance`).

    Attributes
    ----------
    hops : list of LinkProvenance
        One per step.
    within : list of str
        The documents that state every step.
    joined : bool
        No one document states every step: the path is joined across documents.
    curated : bool
        A step is linked only by the curators.
    summary : str
        In words: ``stated within source:x`` or ``joined across documents: …``.
    """

    hops: list[LinkProvenance]
    within: list[str]
    joined: bool
    curated: bool
    summary: str


class EvidencePath(TypedDict):
    """One ``supports`` path from an evidence item to the target.

    Attributes
    ----------
    nodes : list of str
        ``[evidence, …, target]``.
    hops : list of SupportHop
    attacked_by : list of PathAttack
        Attacks on its nodes (the target excepted).
    attacked : bool
        Whether ``attacked_by`` is not empty.
    provenance : PathProvenance
        Stated within one document, or joined across documents (flagged).
    """

    nodes: list[str]
    hops: list[SupportHop]
    attacked_by: list[PathAttack]
    attacked: bool
    provenance: PathProvenance


class EvidenceRow(TypedDict):
    """An evidence item in an evidence base.

    Attributes
    ----------
    evidence : NodeRef
    quote : Quote or None
        Preferably from a source of its first step.
    sources : list of str
        Sources that speak of it.
    value : float or None
        Its figure, if it is a number.
    unit : str or None
    attacked : bool
        Some path is attacked.
    acceptability : Label or None
        The item's label (None when no labels were given).
    why : str or None
        Why it has that label, in plain words (None when no labels were given).
    deciding : list of str
        The nodes ``why`` names as deciding the label.
    joined : bool
        Every listed path is joined across documents: no one document
        links it to the target.
    paths : list of EvidencePath
        Shortest first, at most ``max_paths``.
    more_paths : bool
        More paths exist than are listed.
    """

    evidence: NodeRef
    quote: Quote | None
    sources: list[str]
    value: float | None
    unit: str | None
    attacked: bool
    acceptability: str | None
    why: str | None
    deciding: list[str]
    joined: bool
    paths: list[EvidencePath]
    more_paths: bool


class EvidenceBase(TypedDict):
    """The result of :func:`graph.analysis.evidence.evidence_base` (and of ``pag evidence``).

    Attributes
    ----------
    target : NodeRef
    acceptability : Label or None
        The target's label (None when no labels were given).
    why : str or None
        Why the target has its label (None when no labels were given).
    deciding : list of str
        The nodes ``why`` names as deciding the target's label.
    verdict : Verdict or None
        The arguments for and against the target that survive (None when
        no labels were given).
    source : str or None
        Only paths every step of which this source states (``--source``);
        None for all.
    evidence : list of EvidenceRow
        Sorted by label.
    within_document : int
        Evidence items with a path stated within one document.
    joined : int
        Evidence items linked to the target only across documents.
    sources : list of str
        Every source asserting a step of a path.
    """

    target: NodeRef
    acceptability: str | None
    why: str | None
    deciding: list[str]
    verdict: Verdict | None
    source: str | None
    evidence: list[EvidenceRow]
    within_document: int
    joined: int
    sources: list[str]


# --- weak spots -------------------------------------------------------------------


class Unsupported(TypedDict):
    """A claim or policy resting on no evidence (:func:`graph.analysis.weakspots.unsupported`).

    Attributes
    ----------
    node : NodeRef
    sources : list of str
        Sources that speak of it.
    quote : Quote or None
    supporters, attackers : list of str
        Direct supporters and attackers, sorted ids.
    asserted_by : list of AssertedBy
        Who asserts it (and, for a policy, who advocates it), by label.
    rests_on_it : list of str
        The claims and policies it supports, directly or through others
        (sorted ids): how much rests on it.
    """

    node: NodeRef
    sources: list[str]
    quote: Quote | None
    supporters: list[str]
    attackers: list[str]
    asserted_by: list[AssertedBy]
    rests_on_it: list[str]


class SingleSource(TypedDict):
    """A claim or policy whose whole support rests on one source.

    Attributes
    ----------
    node : NodeRef
    source : str
        The one source.
    evidence : list of str
        Its evidence items, sorted.
    supports : int
        The ``supports`` edges below it.
    """

    node: NodeRef
    source: str
    evidence: list[str]
    supports: int


class Side(TypedDict):
    """One side (pro or con) of a contested node.

    Attributes
    ----------
    arguments : list of str
        Direct supporters (pro) or attackers (con).
    actors : list of str
        Distinct actors behind them.
    sources : list of str
        Distinct sources stating them.
    weight : int
        ``len(actors) + len(sources)``.
    """

    arguments: list[str]
    actors: list[str]
    sources: list[str]
    weight: int


class Contested(TypedDict):
    """A node both supported and attacked (:func:`graph.analysis.weakspots.contested`).

    Attributes
    ----------
    node : NodeRef
    score : float
        Harmonic mean of the two sides' weights, 2 places.
    pro, con : Side
    """

    node: NodeRef
    score: float
    pro: Side
    con: Side


class Circular(TypedDict):
    """A cycle of ``supports`` (:func:`graph.analysis.weakspots.circular_support`).

    Attributes
    ----------
    nodes : list of str
        The cycle from its smallest id, not repeated at the end.
    hops : list of SupportHop
        In cycle order.
    """

    nodes: list[str]
    hops: list[SupportHop]


class WeakSpots(TypedDict):
    """All four checks of :func:`graph.analysis.weakspots.weak_spots`.

    Attributes
    ----------
    unsupported : list of Unsupported
    single_source : list of SingleSource
    contested : list of Contested
    circular : list of Circular
    """

    unsupported: list[Unsupported]
    single_source: list[SingleSource]
    contested: list[Contested]
    circular: list[Circular]


# --- impact ------------------------------------------------------------------------


class LoseSupport(TypedDict):
    """A claim or policy that loses all its evidence.

    Attributes
    ----------
    node : NodeRef
    evidence_before : list of str
        Its evidence before the retraction.
    sources : list of str
        Sources that state that evidence.
    """

    node: NodeRef
    evidence_before: list[str]
    sources: list[str]


class Weakened(TypedDict):
    """A claim or policy that keeps some evidence but loses part.

    Attributes
    ----------
    node : NodeRef
    evidence_before, evidence_after : list of str
    sources : list of str
        Sources that state the former evidence.
    """

    node: NodeRef
    evidence_before: list[str]
    evidence_after: list[str]
    sources: list[str]


class LabelChange(TypedDict):
    """An acceptability label that changes with a retraction.

    Attributes
    ----------
    node : NodeRef
    before, after : Label
    reason : str
        Why it has its new label (:func:`graph.semantics.explain_label`).
    sources : list of str
        Sources stating the decisive attacks after the retraction.
    """

    node: NodeRef
    before: str
    after: str
    reason: str
    sources: list[str]


class Impact(TypedDict):
    """The result of :func:`graph.analysis.impact.impact` (and of ``pag impact``).

    Attributes
    ----------
    retracted : NodeRef
        The (first) target.
    targets : list of NodeRef
        Every target retracted (``pag impact A B …`` retracts them together).
    mode : {"node", "source", "several"}
    removed : list of NodeRef
        Argument nodes that go with it.
    lose_support : list of LoseSupport
    weakened : list of Weakened
    label_changes : list of LabelChange
    """

    retracted: NodeRef
    targets: list[NodeRef]
    mode: str
    removed: list[NodeRef]
    lose_support: list[LoseSupport]
    weakened: list[Weakened]
    label_changes: list[LabelChange]


class LoadBearing(TypedDict):
    """A row of :func:`graph.analysis.impact.load_bearing`.

    Attributes
    ----------
    evidence : NodeRef
    sources : list of str
    sole_support : list of str
        Claims and policies whose only evidence it is.
    rests_on : list of str
        Claims and policies with it anywhere in their evidence base.
    label_changes : int or None
        Labels that change without it (None when not computed).
    """

    evidence: NodeRef
    sources: list[str]
    sole_support: list[str]
    rests_on: list[str]
    label_changes: int | None


# --- actors ------------------------------------------------------------------------


class StanceCell(TypedDict):
    """One actor's stance on one policy.

    Attributes
    ----------
    actor, policy : str
        IRIs.
    stance : {"advocates", "opposes", "both"}
    predicates : list of str
        E.g. ``["advocates", "proposed"]``.
    sources : list of str
    """

    actor: str
    policy: str
    stance: str
    predicates: list[str]
    sources: list[str]


class StanceMatrix(TypedDict):
    """The result of :func:`graph.analysis.actors.stance_matrix`.

    Attributes
    ----------
    actors, policies : list of NodeRef
        Those with a stance, by label.
    stances : list of StanceCell
        By actor, then policy label.
    """

    actors: list[NodeRef]
    policies: list[NodeRef]
    stances: list[StanceCell]


class Position(TypedDict):
    """A position held in a coalition.

    Attributes
    ----------
    policy : NodeRef
    stance : {"advocates", "opposes"}
    actors : list of str
        Members holding it.
    sources : list of str
    """

    policy: NodeRef
    stance: str
    actors: list[str]
    sources: list[str]


class Coalition(TypedDict):
    """A group of actors (:func:`graph.analysis.actors.coalitions`).

    Attributes
    ----------
    actors : list of NodeRef
        By label.
    positions : list of Position
        The positions two members or more hold, most widely held first.
    cohesion : float
        The mean stance similarity of the linked members (weighted Jaccard,
        see :func:`graph.analysis.actors.stance_similarity`), 3 places.
    """

    actors: list[NodeRef]
    positions: list[Position]
    cohesion: float


class StanceSources(TypedDict):
    """Where an actor's backing of each policy of a tension is stated.

    Attributes
    ----------
    policy, undermined : list of str
        Sources stating the actor's stance on each of the two policies.
    """

    policy: list[str]
    undermined: list[str]


class Tension(TypedDict):
    """An actor backing two policies that pull apart (:func:`graph.analysis.actors.tensions`).

    Attributes
    ----------
    actor : NodeRef
    policy : NodeRef
        The policy whose case undermines the other.
    undermined : NodeRef
    stance_sources : StanceSources
    path : list of PathHop
        The argument, in reading order.
    explanation : str
        The path in words.
    """

    actor: NodeRef
    policy: NodeRef
    undermined: NodeRef
    stance_sources: StanceSources
    path: list[PathHop]
    explanation: str


# --- figures -----------------------------------------------------------------------


class FigureItem(TypedDict):
    """One figure on a measure.

    Attributes
    ----------
    evidence : NodeRef
    value : float or None
    unit, population, place, period : str or None
    measured_by : NodeRef or None
    sources : list of str
    quote : Quote or None
    """

    evidence: NodeRef
    value: float | None
    unit: str | None
    population: str | None
    place: str | None
    period: str | None
    measured_by: NodeRef | None
    sources: list[str]
    quote: Quote | None


class Figures(TypedDict):
    """A measure with its figures (:func:`graph.analysis.figures.disagreeing_figures`).

    Attributes
    ----------
    measure : NodeRef
    items : list of FigureItem
        By value, then label.
    linked : list of list of str
        ``[a, b]`` pairs stated with ``disagreesWith``.
    pairs : list of list of str
        Every ``[a, b]`` pair that disagrees: by
        :func:`graph.analysis.figures.figures_disagree` (the rule the
        ``disagreeing-figures`` query states too) or linked.
    differs_in : list of str
        Which of unit / population / place / period differ between items.
    ratio : float or None
        Largest / smallest positive value, 2 places.
    disagree : bool
    """

    measure: NodeRef
    items: list[FigureItem]
    linked: list[list[str]]
    pairs: list[list[str]]
    differs_in: list[str]
    ratio: float | None
    disagree: bool


# --- overview ----------------------------------------------------------------------


class OverviewCounts(TypedDict):
    actors: int
    policies: int
    claims: int
    evidence: int
    sources: int
    supports: int
    attacks: int
    stances: int
    unsupported: int
    single_source: int
    contested: int
    circular: int
    tensions: int
    disagreeing_figures: int
OverviewCounts.__doc__ = """The counts of an overview, in this order.

Attributes
----------
actors, policies, claims, evidence, sources : int
    Nodes of each kind.
supports, attacks, stances : int
    Links (stances: advocates and opposes).
unsupported, single_source, contested, circular, tensions, disagreeing_figures : int
    The length of each analysis.
"""


class Overview(TypedDict):
    """The result of :func:`graph.analysis.overview.overview` (and of ``pag report overview``).

    Attributes
    ----------
    counts : OverviewCounts
    acceptability : AcceptabilitySummary
    contested : list of Contested
    load_bearing : list of LoadBearing
        Without label counts.
    unsupported_policies : list of Unsupported
    tensions : list of Tension
        The first ``top`` rows of each list.
    """

    counts: OverviewCounts
    acceptability: AcceptabilitySummary
    contested: list[Contested]
    load_bearing: list[LoadBearing]
    unsupported_policies: list[Unsupported]
    tensions: list[Tension]


# --- the bodies of the whole-debate reports ---------------------------------------


class ContestedReport(TypedDict):
    """``pag report contested``.

    Attributes
    ----------
    contested : list of Contested
        Every row, most contested first.
    """

    contested: list[Contested]


class UnsupportedReport(TypedDict):
    """``pag report unsupported``: three of the :class:`WeakSpots` lists.

    Attributes
    ----------
    unsupported : list of Unsupported
    single_source : list of SingleSource
    circular : list of Circular
    """

    unsupported: list[Unsupported]
    single_source: list[SingleSource]
    circular: list[Circular]


class LoadBearingReport(TypedDict):
    """``pag report impact``: load-bearing evidence.

    Attributes
    ----------
    load_bearing : list of LoadBearing
        Every row, with label counts.
    """

    load_bearing: list[LoadBearing]


class ActorsReport(TypedDict):
    """``pag report actors``.

    Attributes
    ----------
    stances : StanceMatrix
    coalitions : list of Coalition
    """

    stances: StanceMatrix
    coalitions: list[Coalition]


class TensionsReport(TypedDict):
    """``pag report tensions``.

    Attributes
    ----------
    tensions : list of Tension
    """

    tensions: list[Tension]


class FiguresReport(TypedDict):
    """``pag report figures``.

    Attributes
    ----------
    figures : list of Figures
        Every measure whose figures disagree.
    families : list of FigureFamily
        Related figures by family of measures, in date order
        (:func:`graph.analysis.figures.figure_families`).
    """

    figures: list[Figures]
    families: list[FigureFamily]


# --- asking it the way people ask (issue 15) ----------------------------------------


class DateInfo(TypedDict):
    """A date as precise as the data (:func:`graph.analysis.timeline.parse_date`).

    Attributes
    ----------
    date : str
        As shown: ``2018``, ``2018-03``, ``2018-03-05``, or ``about 2016``.
    precision : str
        ``year``, ``month``, ``day``, or ``about`` (a year read from free text).
    key : list of int
        ``[year, month, day]`` with 0 for what is not known (the sort key).
    """

    date: str
    precision: str
    key: list[int]


class FamilyItem(FigureItem):
    """A figure of a measure family (:func:`graph.analysis.figures.figure_families`).

    Attributes
    ----------
    evidence, value, unit, population, place, period, measured_by, sources, quote
        As in :class:`FigureItem`.
    measure_ref : NodeRef
        The measure it is a figure of.
    when : DateInfo or None
        When it was measured: its period, a year its period names, or its
        measure label's year.
    """

    measure_ref: NodeRef
    when: DateInfo | None


class SeriesPoint(TypedDict):
    """A point of a family's series over time.

    Attributes
    ----------
    date : str
        As in :class:`DateInfo`.
    key : list of int
        The sort key of the date.
    value : float or None
    unit : str or None
    evidence, measure : str
        The evidence item's and its measure's IRIs.
    sources : list of str
    quote : Quote or None
    """

    date: str
    key: list[int]
    value: float | None
    unit: str | None
    evidence: str
    measure: str
    sources: list[str]
    quote: Quote | None


class FigureFamily(TypedDict):
    """Related figures: a family of measures (:func:`graph.analysis.figures.figure_families`).

    Attributes
    ----------
    family : NodeRef
        Its broadest measure.
    measures : list of NodeRef
        Every measure of the family, by label.
    items : list of FamilyItem
        In date order, then by value.
    series : list of SeriesPoint
        The dated items in date order (empty unless they span two dates).
    disagree : list of list of str
        ``[a, b]`` pairs on one measure that disagree.
    """

    family: NodeRef
    measures: list[NodeRef]
    items: list[FamilyItem]
    series: list[SeriesPoint]
    disagree: list[list[str]]


class SearchHit(TypedDict):
    """One node found by :func:`graph.search.search`.

    Attributes
    ----------
    node : NodeRef
    field : str
        What matched: ``label``, ``alias``, ``quote`` or ``note``.
    text : str
        The matching text (the label, the alias, the quote or the note).
    source : str or None
        The source IRI a quote or note is from.
    phrase : bool
        The text holds the whole query as a phrase.
    partial : bool
        The text holds only some of the query's words.
    """

    node: NodeRef
    field: str
    text: str
    source: str | None
    phrase: bool
    partial: bool


class SearchResult(TypedDict):
    """``pag search`` (:func:`graph.search.search`).

    Attributes
    ----------
    query : str
        The text searched for.
    kinds : list of str
        The kinds searched (empty: all).
    hits : list of SearchHit
        Best first (see :mod:`graph.textindex` for the ranking).
    total : int
        Hits before ``limit``.
    partial : bool
        No text holds every word: the hits hold some of them.
    """

    query: str
    kinds: list[str]
    hits: list[SearchHit]
    total: int
    partial: bool


class Assertion(TypedDict):
    """A claim or evidence item an actor asserts (:func:`graph.analysis.record.actor_record`).

    Attributes
    ----------
    node : NodeRef
        The claim or evidence item.
    sources : list of str
        Sources stating that the actor asserts it.
    quote : Quote or None
        Its verbatim quote (from a source stating the assertion, if it has one).
    supports, attacks : list of NodeRef
        What it directly supports and attacks.
    """

    node: NodeRef
    sources: list[str]
    quote: Quote | None
    supports: list[NodeRef]
    attacks: list[NodeRef]


class StanceRow(TypedDict):
    """A policy an actor advocates or opposes.

    Attributes
    ----------
    policy : NodeRef
    stance : str
        ``advocates``, ``opposes`` or ``both``.
    how : list of str
        The sub-properties stated (``proposed``, ``enacted``, ``signed`` …).
    status : list of str
        The policy's status (``proposed``, ``enacted``, ``in-force`` …).
    date : str or None
        The policy's date (``pag:date``), as precise as the data.
    stance_dates : list of str
        Dates of the stance itself (reified statements; see the README).
    sources : list of str
        Sources stating the stance.
    """

    policy: NodeRef
    stance: str
    how: list[str]
    status: list[str]
    date: str | None
    stance_dates: list[str]
    sources: list[str]


class ActorRecord(TypedDict):
    """An actor's record (:func:`graph.analysis.record.actor_record`).

    Attributes
    ----------
    actor : NodeRef
    types : list of str
        Its pag classes (``Person``, ``Organization``, ``GovernmentBody``).
    aliases : list of str
        Other names (``skos:altLabel``).
    notes : list of str
        The sources' notes on the actor (``rdfs:comment``).
    sources : list of str
        Sources that speak of the actor.
    asserts : list of Assertion
        Policies first, then claims, then evidence, by label.
    stances : list of StanceRow
        Advocates first, then both, then opposes, by policy label.
    tensions : list of Tension
        Rows of :func:`graph.analysis.actors.tensions` for this actor.
    coalition : Coalition or None
        The coalition the actor is in, if any.
    """

    actor: NodeRef
    types: list[str]
    aliases: list[str]
    notes: list[str]
    sources: list[str]
    asserts: list[Assertion]
    stances: list[StanceRow]
    tensions: list[Tension]
    coalition: Coalition | None


class ActorReport(TypedDict):
    """``pag actor ACTOR…``.

    Attributes
    ----------
    actors : list of ActorRecord
        One record per ACTOR, in the order given.
    """

    actors: list[ActorRecord]


class TimelineEntry(TypedDict):
    """One dated thing (:func:`graph.analysis.timeline.timeline`).

    Attributes
    ----------
    date, precision, key
        See :class:`DateInfo`.
    kind : str
        ``policy``, ``stance``, ``evidence``, ``figure`` or ``source``.
    node : NodeRef
        The policy, evidence item or source (for a stance: the policy).
    actor : NodeRef or None
        The actor of a stance.
    what : str
        In words: the status of a policy (then its approaches and
        jurisdiction, ``;``-separated), the stance (``advocates``,
        ``opposes``, with how: ``proposed`` …), the figure, or "published".
    date_from : str
        Where the date comes from: ``date`` (the node's own), ``stance``
        (a reified stance's), ``policy`` (a stance dated by its policy),
        ``period`` (a figure's period text), ``published`` (a source).
    sources : list of str
        Sources that state it.
    quote : Quote or None
        A verbatim quote of the node.
    """

    date: str
    precision: str
    key: list[int]
    kind: str
    node: NodeRef
    actor: NodeRef | None
    what: str
    date_from: str
    sources: list[str]
    quote: Quote | None


class Timeline(TypedDict):
    """``pag timeline [TARGET]`` (:func:`graph.analysis.timeline.timeline`).

    Attributes
    ----------
    focus : NodeRef or None
        The node the timeline is about (None: the whole debate).
    entries : list of TimelineEntry
        In date order (then kind, then label).
    undated : int
        Policies, stances and evidence items in scope that carry no date.
    """

    focus: NodeRef | None
    entries: list[TimelineEntry]
    undated: int


class AgainstRow(TypedDict):
    """An evidence item bearing against a target (:func:`graph.analysis.against.evidence_against`).

    Attributes
    ----------
    evidence : NodeRef
    distance : int
        Steps of the shortest path from the item to the target.
    path : list of str
        Its nodes, the item first and the target last.
    hops : list of PathHop
        Each step (one ``attacks``, the others ``supports``) with its sources.
    attacks : NodeRef
        What the path attacks: the target or an argument for it.
    sources : list of str
        Sources that speak of the item.
    quote : Quote or None
    value : float or None
    unit : str or None
    """

    evidence: NodeRef
    distance: int
    path: list[str]
    hops: list[PathHop]
    attacks: NodeRef
    sources: list[str]
    quote: Quote | None
    value: float | None
    unit: str | None


class EvidenceAgainst(TypedDict):
    """``pag evidence TARGET --against``.

    Attributes
    ----------
    target : NodeRef
    against : list of AgainstRow
        Most direct first (by distance, then label).
    sources : list of str
        Every source stating a step.
    """

    target: NodeRef
    against: list[AgainstRow]
    sources: list[str]


class ForRow(EvidenceRow):
    """An evidence item for a target, with its distance (``pag evidence --both``).

    Attributes
    ----------
    evidence, quote, sources, value, unit, acceptability, why, deciding, joined, attacked, paths, more_paths
        As in :class:`EvidenceRow`.
    distance : int
        Steps of its shortest ``supports`` path to the target.
    """

    distance: int


EvidenceBoth = TypedDict(
    "EvidenceBoth", {"target": NodeRef, "for": list[ForRow], "against": list[AgainstRow], "sources": list[str]}
)
EvidenceBoth.__doc__ = """``pag evidence TARGET --both``: the evidence for and against, side by side.

Attributes
----------
target : NodeRef
for : list of ForRow
    The evidence base, most direct first.
against : list of AgainstRow
    Most direct first.
sources : list of str
    Every source stating a step of either side.
"""
