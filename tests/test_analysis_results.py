"""The documented result types (graph/analysis/results.py) are the shapes the analyses really return.

Every report's data is walked against its TypedDict: each dict has exactly
the documented keys, and each value has the documented type, all the way
down. A key added to an analysis but not to its type (or the other way
round) fails here — the types are the JSON reference in the README.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import networkx as nx
import pytest

from graph import analysis, reports
from graph.analysis import results
from graph.errors import InputError
from graph.semantics import grounded_labels
from tests.analysis_graphs import debate


def check(value: Any, hint: Any, where: str = "$") -> int:
    """Assert ``value`` matches the type ``hint``; return how many TypedDicts were checked."""
    origin = get_origin(hint)
    if is_typeddict(hint):
        assert isinstance(value, dict), f"{where}: {type(value).__name__}, not a {hint.__name__}"
        hints = get_type_hints(hint)
        optional = set(getattr(hint, "__optional_keys__", ()))  # NotRequired keys may be absent
        assert set(hints) - optional <= set(value) <= set(hints), (
            f"{where}: keys {sorted(value)} differ from {hint.__name__} {sorted(hints)}"
        )
        return 1 + sum(check(value[k], h, f"{where}.{k}") for k, h in hints.items() if k in value)
    if origin in (Union, types.UnionType):
        errors = []
        for option in get_args(hint):
            try:
                return check(value, option, where)
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{where}: {value!r} matches none of {hint}: {errors}")
    if origin is list:
        assert isinstance(value, list), f"{where}: {type(value).__name__}, not a list"
        (item,) = get_args(hint)
        return sum(check(v, item, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        assert isinstance(value, dict), f"{where}: not a dict"
        _, item = get_args(hint)
        return sum(check(v, item, f"{where}[{k!r}]") for k, v in value.items())
    if origin is Literal:
        assert value in get_args(hint), f"{where}: {value!r} not one of {get_args(hint)}"
        return 0
    if hint is type(None):
        assert value is None, f"{where}: {value!r} is not None"
        return 0
    if hint is float:
        assert isinstance(value, int | float) and not isinstance(value, bool), f"{where}: {value!r} is not a number"
        return 0
    assert isinstance(value, hint), f"{where}: {value!r} is not {hint.__name__}"
    return 0


@functools.cache
def fixture(provenance: bool = False) -> nx.MultiDiGraph:
    return debate(provenance=provenance)


@functools.cache
def corpus() -> nx.MultiDiGraph:
    from graph.model import project
    from graph.stores import open_store

    return project(open_store(None), provenance=True)


BODIES: dict[str, Any] = {
    "chains": results.ChainsReport,
    "evidence": results.EvidenceBase,
    "impact": results.Impact,
    "overview": results.Overview,
    "contested": results.ContestedReport,
    "unsupported": results.UnsupportedReport,
    "load_bearing": results.LoadBearingReport,
    "actors": results.ActorsReport,
    "tensions": results.TensionsReport,
    "figures": results.FiguresReport,
}

CASES = [
    ("chains", "policy:crackdown"),
    ("chains", "Kingpin law"),
    ("evidence", "policy:crackdown"),
    ("impact", "source:south"),
    ("impact", "Overdoses fell to 11 a day"),
    *((name, None) for name in reports.REPORTS),
]


@pytest.mark.parametrize(("name", "target"), CASES, ids=[f"{n}-{t}" for n, t in CASES])
def test_fixture_reports_have_their_documented_shape(name: str, target: str | None) -> None:
    G = fixture(reports.needs_provenance(name))
    rep = reports.build_report(name, G, target=target)
    assert rep.name == name
    assert check(rep.data, BODIES[rep.layout]) > 0
    assert rep.as_dict() == {"report": name, **rep.data}


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("chains", "policy:operation-synthetic-opioid-surge"),
        ("evidence", "policy:naloxone-access"),
        ("impact", "evidence:manatee-overdoses-fell-from-11-a-day"),
        ("overview", None),
        ("actors", None),
        ("tensions", None),
        ("figures", None),
        ("unsupported", None),
    ],
)
def test_corpus_reports_have_their_documented_shape(name: str, target: str | None) -> None:
    rep = reports.build_report(name, corpus(), target=target)
    assert check(rep.data, BODIES[rep.layout]) > 0


def test_weak_spots_and_the_rest_of_the_analyses_match_their_types() -> None:
    G = fixture(True)
    assert check(analysis.weak_spots(G), results.WeakSpots) > 0
    assert check(analysis.load_bearing(G, labels=False), list[results.LoadBearing]) > 0
    assert check(analysis.disagreeing_figures(G, include_agreeing=True), list[results.Figures]) > 0
    assert check(analysis.evidence_base(G, "policy:crackdown"), results.EvidenceBase) > 0


def test_the_checker_catches_a_missing_or_extra_key() -> None:
    ref = {"id": "x", "label": "X", "kind": "claim"}
    assert check(ref, results.NodeRef) == 1
    with pytest.raises(AssertionError, match="keys"):
        check({**ref, "extra": 1}, results.NodeRef)
    with pytest.raises(AssertionError, match="keys"):
        check({"id": "x", "label": "X"}, results.NodeRef)
    with pytest.raises(AssertionError, match="not str"):
        check({**ref, "label": 3}, results.NodeRef)
    with pytest.raises(AssertionError, match="matches none"):
        check({"source": "s", "quote": None}, results.Quote | None)


def test_every_result_type_is_documented_field_by_field() -> None:
    for name in results.__all__:
        T = getattr(results, name)
        if not is_typeddict(T):
            continue
        doc = T.__doc__ or ""
        assert doc.strip(), f"{name} has no docstring"
        fields = list(get_type_hints(T))
        assert re.search(r"Attributes\n\s*-{10}", doc), f"{name} has no Attributes section"
        documented = doc.split("Attributes", 1)[1]
        missing = [f for f in fields if f not in documented]
        assert not missing, f"{name} does not document {missing}"


def test_evidence_labels_are_the_grounded_labels() -> None:
    G = fixture()
    labels = grounded_labels(G)
    base = analysis.evidence_base(G, "policy:crackdown", labels=labels)
    assert base["acceptability"] == labels[base["target"]["id"]]
    assert [r["acceptability"] for r in base["evidence"]] == [labels[r["evidence"]["id"]] for r in base["evidence"]]
    plain = analysis.evidence_base(G, "policy:crackdown")
    assert plain["acceptability"] is None and {r["acceptability"] for r in plain["evidence"]} == {None}
    # the labels are the only difference
    for r in base["evidence"]:
        r["acceptability"] = None
    assert {**base, "acceptability": None} == plain


def test_report_data_is_the_analysis_result() -> None:
    G = fixture()
    assert reports.build_report("contested", G).data == {"contested": analysis.contested(G)}
    assert reports.build_report("impact", G, target="source:south").data == analysis.impact(G, "source:south")
    assert reports.build_report("tensions", G).data == {"tensions": analysis.tensions(G)}
    rep = reports.build_report("chains", G, target="policy:crackdown", support="none")
    tree = analysis.argument_tree(G, "policy:crackdown", labels=grounded_labels(G, support="none"))
    assert {k: v for k, v in rep.data.items() if k != "explanation"} == tree
    assert rep.data["explanation"]["node"] == tree["target"]["id"]


def test_build_report_rejects_what_it_cannot_build() -> None:
    G = fixture()
    with pytest.raises(InputError, match="no report named 'everything': choose one of actors, chains, contested"):
        reports.build_report("everything", G)
    with pytest.raises(InputError, match="the chains report needs a TARGET"):
        reports.build_report("chains", G)
    with pytest.raises(InputError, match="the evidence report needs a TARGET"):
        reports.build_report("evidence", G)
    with pytest.raises(InputError, match="no report format 'html'"):
        reports.render(reports.build_report("tensions", G), "html")


def test_top_cuts_text_rows_and_the_overview_data() -> None:
    G = fixture()
    assert reports.build_report("unsupported", G).top == reports.DEFAULT_TOP
    assert reports.build_report("unsupported", G, top=0).top is None
    assert reports.build_report("unsupported", G, top=2).top == 2
    assert len(reports.build_report("unsupported", G, top=2).data["unsupported"]) == 6  # data keeps every row
    assert len(reports.build_report("overview", G, top=1).data["contested"]) == 1
    assert len(reports.build_report("overview", G, top=0).data["contested"]) == len(analysis.contested(G))
    assert len(reports.build_report("overview", G).data["contested"]) == min(reports.OVERVIEW_TOP, len(analysis.contested(G)))


def test_load_bearing_progress_is_counted_in_advance() -> None:
    G = fixture()
    seen: list[str] = []
    reports.build_report("impact", G, progress=seen.append)
    assert len(seen) == reports.progress_total("impact", G) > 0
    assert reports.progress_total("impact", G, "source:south") is None


def test_cli_report_choices_are_the_library_reports(cli) -> None:
    choice = cli.commands["report"].params[0].type
    assert tuple(choice.choices) == reports.REPORTS


def test_type_hints_resolve() -> None:
    # every annotation of the result types names a real type (no stale forward reference)
    for name in results.__all__:
        T = getattr(results, name)
        if is_typeddict(T):
            assert get_type_hints(T), name
    assert typing.get_args(results.Label) == ("IN", "OUT", "UNDECIDED")
