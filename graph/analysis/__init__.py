"""Analyses of a projected debate graph: graph in, plain data out.

One topic per module (all take the ``networkx.MultiDiGraph`` from
:func:`graph.model.project` and never change it):

* :mod:`graph.analysis.evidence` — the evidence base of a policy or claim;
* :mod:`graph.analysis.chains` — the argument tree under a policy or claim;
* :mod:`graph.analysis.weakspots` — unsupported, single-source, contested, circular;
* :mod:`graph.analysis.impact` — what falls if evidence or a source is retracted;
* :mod:`graph.analysis.actors` — stance matrix, coalitions, tensions;
* :mod:`graph.analysis.figures` — disagreeing figures on one measure.

Acceptability (IN/OUT/UNDECIDED) lives in :mod:`graph.semantics`.
"""

from graph.analysis.chains import argument_tree

__all__ = ["argument_tree"]
