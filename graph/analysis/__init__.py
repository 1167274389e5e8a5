"""Analyses of a projected debate graph: graph in, typed plain data out.

One topic per module (all take the ``networkx.MultiDiGraph`` from
:func:`graph.model.project` and never change it):

* :mod:`graph.analysis.evidence` — the evidence base of a policy or claim;
* :mod:`graph.analysis.chains` — the argument tree under a policy or claim;
* :mod:`graph.analysis.weakspots` — unsupported, single-source, contested, circular;
* :mod:`graph.analysis.impact` — what falls if evidence or a source is retracted;
* :mod:`graph.analysis.relabel` — acceptability labels after a retraction, relabelling only what it reaches;
* :mod:`graph.analysis.actors` — stance matrix, coalitions, tensions;
* :mod:`graph.analysis.figures` — disagreeing figures on one measure, families and series;
* :mod:`graph.analysis.record` — an actor's record;
* :mod:`graph.analysis.timeline` — dated policies, stances, evidence, figures;
* :mod:`graph.analysis.against` — evidence against a policy or claim;
* :mod:`graph.analysis.overview` — counts and the top of each analysis.

Each returns a type of :mod:`graph.analysis.results` (``TypedDict`` classes: plain,
JSON-ready dicts whose keys are documented there). Acceptability
(IN/OUT/UNDECIDED) lives in :mod:`graph.semantics`; :mod:`graph.reports`
runs these analyses for each report and renders their results.
"""

from graph.analysis.actors import coalitions, stance_matrix, tensions, undermining_path
from graph.analysis.against import evidence_against, evidence_both
from graph.analysis.chains import argument_tree, iter_tree
from graph.analysis.evidence import evidence_base, evidence_sets
from graph.analysis.figures import disagreeing_figures, figure_families
from graph.analysis.impact import impact, load_bearing, retract
from graph.analysis.overview import overview
from graph.analysis.record import actor_record
from graph.analysis.timeline import timeline
from graph.analysis.weakspots import (
    circular_support,
    contested,
    single_source,
    unsupported,
    weak_spots,
)

__all__ = [
    "actor_record",
    "argument_tree",
    "circular_support",
    "coalitions",
    "contested",
    "disagreeing_figures",
    "evidence_against",
    "evidence_base",
    "evidence_both",
    "evidence_sets",
    "figure_families",
    "impact",
    "iter_tree",
    "load_bearing",
    "overview",
    "retract",
    "single_source",
    "stance_matrix",
    "tensions",
    "timeline",
    "undermining_path",
    "unsupported",
    "weak_spots",
]
