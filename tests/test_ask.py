"""Asking it the way people ask (issue 15): search, -p bindings, an actor's record, a timeline,
evidence against, figures that line up — on tests/fixtures/ask_debate.trig, plus a few pins
on the bundled corpus.

Text, Markdown and JSON outputs of the new commands are pinned by golden files in
tests/golden/ask_* (regenerate with ``PAG_UPDATE_GOLDEN=1 pytest tests/test_ask.py`` and read
the diff).
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from graph.analysis.against import evidence_against
from graph.analysis.figures import disagreeing_figures, figure_families
from graph.analysis.record import actor_record
from graph.analysis.timeline import timeline
from graph.errors import AmbiguousNode, InputError, NodeNotFound
from graph.model import project, resolve
from graph.search import search
from graph.sparql import load_query, run
from graph.stores import open_store
from graph.terms import curie

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ASK = FIXTURES / "ask_debate.trig"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("PAG_UPDATE_GOLDEN") == "1"
P = "https://w3id.org/pag/id/"


@pytest.fixture(scope="module")
def store():
    return open_store("memory", data=[ASK])


@pytest.fixture(scope="module")
def G(store):
    return project(store, provenance=True)


def pag(cli, runner, *args: str):
    return runner.invoke(cli, ["-q", "-d", str(ASK), *args], catch_exceptions=False)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with PAG_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


GOLDEN_CASES = [
    ("ask_search_surge", ["search", "enforcement", "surge"]),
    ("ask_search_cake", ["search", "icing on the cake"]),
    ("ask_actor_stone", ["actor", "Stone"]),
    ("ask_actors_two", ["actor", "Stone", "Dr. Lane"]),
    ("ask_timeline", ["timeline"]),
    ("ask_timeline_stone", ["timeline", "AG Stone"]),
    ("ask_against_penalties", ["evidence", "dealer penalties", "--against"]),
    ("ask_both_penalties", ["evidence", "policy:penalties", "--both"]),
    ("ask_figures", ["report", "figures"]),
]


@pytest.mark.parametrize(("name", "args"), GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
@pytest.mark.parametrize("fmt", ["md", "json", "text"])
def test_golden(cli, runner, tmp_path, name, args, fmt):
    out = tmp_path / f"out.{fmt}"
    res = pag(cli, runner, *args, "--format", fmt, "-o", str(out))
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        json.loads(text)
    check_golden(f"{name}.{'txt' if fmt == 'text' else fmt}", text)


def test_csv_golden(cli, runner):
    for name, args in (("ask_figures", ["report", "figures"]), ("ask_timeline", ["timeline"])):
        res = pag(cli, runner, *args, "--format", "csv")
        assert res.exit_code == 0, res.output
        check_golden(f"{name}.csv", res.output)


# --- search and the TARGET lookup ----------------------------------------------


def test_search_finds_aliases_and_quotes(G):
    hits = search(G, "enforcement surge")["hits"]
    assert [(curie(h["node"]["id"]), h["field"], h["text"]) for h in hits][:1] == [
        ("policy:surge", "alias", "enforcement surge")
    ]
    (cake,) = search(G, "icing on the cake")["hits"]
    assert (curie(cake["node"]["id"]), cake["field"], curie(cake["source"])) == ("claim:deterrence", "quote", "source:gazette")
    # word endings folded: "sentence" finds "sentences"
    assert "claim:deterrence" in [curie(h["node"]["id"]) for h in search(G, "sentence deters")["hits"]]
    assert [h["node"]["kind"] for h in search(G, "deaths", kinds=["measure"])["hits"]] == ["measure"] * 3


def test_search_ranks_phrase_then_field(G):
    hits = search(G, "overdose deaths")["hits"]
    # labels holding the phrase come before quotes holding it
    fields = [h["field"] for h in hits if h["phrase"]]
    assert fields == sorted(fields, key=["label", "alias", "quote", "note"].index)
    partial = search(G, "naloxone zebra")
    assert partial["partial"] and curie(partial["hits"][0]["node"]["id"]) == "policy:naloxone"


def test_search_remote_fallback_ranks_like_the_index(store):
    """A remote store is searched with SPARQL CONTAINS, then ranked by the same index."""

    class Remote(type(store)):  # the same data, seen as a remote store
        remote = True

    remote = Remote()
    remote.ox = store.ox
    for q in ("enforcement surge", "icing on the cake", "overdose deaths 2016", "Stone"):
        a = [(h["node"]["id"], h["field"], h["text"]) for h in search(store, q)["hits"]]
        b = [(h["node"]["id"], h["field"], h["text"]) for h in search(remote, q)["hits"]]
        assert a == b, q


def test_target_finds_aliases_quotes_and_prefers_the_kind_asked_for(G):
    assert resolve(G, "enforcement surge") == P + "policy/surge"
    assert resolve(G, "the Wave") == P + "policy/surge"
    assert resolve(G, "icing on the cake") == P + "claim/deterrence"
    assert resolve(G, "Stone", prefer=["actor"]) == P + "actor/ag-stone"
    with pytest.raises(AmbiguousNode):
        resolve(G, "overdose deaths")
    with pytest.raises(NodeNotFound) as info:
        resolve(G, "Naloxone in evry pharmacy")
    assert info.value.suggestions[0] == "Naloxone in every pharmacy (policy:naloxone)"


def test_chains_by_alias(cli, runner):
    res = pag(cli, runner, "chains", "enforcement surge", "--depth", "0")
    assert res.exit_code == 0 and "(policy:surge)" in res.output.splitlines()[0]


# --- -p binds what users type -------------------------------------------------------


def test_param_label_resolves_like_target(cli, runner):
    by_label = pag(cli, runner, "query", "actor-stances", "-p", "actor", "Attorney General Stone", "--format", "csv")
    by_curie = pag(cli, runner, "query", "actor-stances", "-p", "actor", "actor:ag-stone", "--format", "csv")
    assert by_label.exit_code == by_curie.exit_code == 0
    assert by_label.output == by_curie.output and by_label.output.count("\n") > 3


@pytest.mark.parametrize("value", ["actor:ag-stome", "Attorney General Stome", "<https://w3id.org/pag/id/actor/ag-stome>"])
def test_param_that_names_nothing_is_an_error(cli, runner, value):
    res = runner.invoke(cli, ["-q", "-d", str(ASK), "query", "actor-stances", "-p", "actor", value])
    assert res.exit_code == 1
    assert "(0 rows)" not in res.output
    assert "Attorney General Stone (actor:ag-stone)" in res.output  # the closest match named
    assert res.output.startswith("Error: -p actor")


def test_param_quoted_text_binds_the_text(cli, runner):
    q = "SELECT ?a WHERE { ?a rdfs:label ?name }"
    res = runner.invoke(cli, ["-q", "-d", str(ASK), "query", "-", "-p", "name", '"Mayor Reed"', "--format", "csv"], input=q)
    assert res.exit_code == 0 and "actor/mayor-reed" in res.output


def test_query_table_never_cuts_an_identifier(cli, runner):
    res = pag(cli, runner, "query", "actor-stances", "-p", "actor", "actor:ag-stone")
    assert "…" not in res.output
    assert "policy:surge" in res.output
    long_q = 'SELECT ?e ?q WHERE { ?e pag:quote ?q } ORDER BY ?e'
    res = runner.invoke(cli, ["-q", "-d", str(ASK), "query", "-"], input=long_q)
    assert "evidence:sentences-no-effect" in res.output and "…" not in res.output
    # long quotes wrap on word boundaries: every word of the quote is there, whole
    assert "measurable" in res.output and "overdose" in res.output


def test_report_tables_never_split_an_identifier(cli, runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    res = runner.invoke(cli, ["-q", "report", "contested", "--top", "3"])
    assert res.exit_code == 0
    ids = [w.strip("(),;") for line in res.output.splitlines() for w in line.split() if ":" in w]
    assert "policy:harsher-fentanyl-penalties" in ids
    assert all(not w.endswith("-") for w in ids)


# --- actor, timeline ---------------------------------------------------------------


def test_actor_record(G):
    r = actor_record(G, "AG Stone")
    assert curie(r["actor"]["id"]) == "actor:ag-stone" and r["aliases"] == ["AG Stone"]
    assert [(curie(a["node"]["id"]), a["quote"]["quote"]) for a in r["asserts"]] == [
        ("claim:deterrence", "the icing on the cake would be a sentence that deters every dealer")
    ]
    assert [(curie(s["policy"]["id"]), s["how"], s["status"], s["date"], s["stance_dates"]) for s in r["stances"]] == [
        ("policy:penalties", ["proposed"], ["proposed"], "2018", []),
        ("policy:surge", [], ["in-force"], "2017-11", ["2017-10-05"]),
        ("policy:drug-war", [], ["in-force"], "1971", []),
    ]
    assert [curie(a["id"]) for a in r["coalition"]["actors"]] == ["actor:ag-stone", "actor:mayor-reed"]
    with pytest.raises(InputError, match="not an actor"):
        actor_record(G, "policy:surge")


def test_timeline_order_precision_and_stance_dates(G):
    t = timeline(G)
    got = [(e["date"], e["kind"], curie(e["node"]["id"]), e["date_from"]) for e in t["entries"]]
    assert got[0] == ("1971", "policy", "policy:drug-war", "date")
    assert ("1971", "stance", "policy:drug-war", "policy") in got  # enacted: dated by the policy
    assert ("2017-10-05", "stance", "policy:surge", "stance") in got  # a reified stance's own date
    assert ("about 2016", "figure", "evidence:deaths-2016-journal", "period") in got
    assert ("2018-03", "evidence", "evidence:deaths-2017", "date") in got
    keys = [e["key"] for e in t["entries"]]
    assert keys == sorted(keys)
    mine = timeline(G, "Stone")
    assert curie(mine["focus"]["id"]) == "actor:ag-stone"
    assert {curie(e["actor"]["id"]) for e in mine["entries"] if e["kind"] == "stance"} == {"actor:ag-stone"}
    fam = timeline(G, "measure:deaths-per-year")
    assert [curie(e["node"]["id"]) for e in fam["entries"]] == [
        "evidence:deaths-2016-journal", "evidence:deaths-2016-gazette", "evidence:deaths-2017"
    ]  # fmt: skip


# --- evidence against, figures, impact ---------------------------------------------


def test_evidence_against_ranked_by_distance(G):
    rows = evidence_against(G, "policy:penalties")["against"]
    assert [(curie(r["evidence"]["id"]), r["distance"]) for r in rows] == [
        ("evidence:sentences-no-effect", 1),
        ("evidence:replacement-study", 3),
    ]
    assert [h["relation"] for h in rows[1]["hops"]] == ["supports", "attacks", "supports"]
    assert rows[1]["quote"]["quote"] == "every arrested seller was replaced within weeks"


def _query_pairs(store):
    res = run(store, load_query("disagreeing-figures").text)
    return {tuple(sorted((str(r[1]), str(r[5])))) for r in res.rows}


def _analysis_pairs(G):
    return {tuple(sorted(p)) for row in disagreeing_figures(G) for p in row["pairs"]}


def test_disagreeing_figures_query_and_report_agree(store, G):
    assert _query_pairs(store) == _analysis_pairs(G) == {(P + "evidence/deaths-2016-gazette", P + "evidence/deaths-2016-journal")}


def test_disagreeing_figures_query_and_report_agree_on_corpus():
    corpus = open_store(None)
    assert _query_pairs(corpus) == _analysis_pairs(project(corpus, provenance=True))


def test_range_bounds_are_related_not_disagreeing(G):
    assert all(r["measure"]["id"] != P + "measure/potency" for r in disagreeing_figures(G))
    fams = {curie(f["family"]["id"]): f for f in figure_families(G)}
    assert [i["value"] for i in fams["measure:potency"]["items"]] == [50.0, 100.0]
    series = fams["measure:deaths-per-year"]["series"]
    assert [(p["date"], p["value"], curie(p["sources"][0])) for p in series] == [
        ("2016", 63600.0, "source:journal"), ("2016", 64000.0, "source:gazette"), ("2017", 70000.0, "source:gazette")
    ]  # fmt: skip


def test_figures_csv_is_one_row_per_figure(cli, runner):
    res = pag(cli, runner, "report", "figures", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert len(rows) == 5
    assert {r["year"] for r in rows if r["family"].endswith("deaths-per-year")} == {"2016", "2017"}
    assert all(r["sources"] and r["evidence"] for r in rows)


def test_csv_only_for_figures(cli, runner):
    res = runner.invoke(cli, ["-q", "-d", str(ASK), "report", "actors", "--format", "csv"])
    assert res.exit_code == 2 and "figures" in res.output


def test_impact_of_several_targets(cli, runner):
    res = pag(cli, runner, "impact", "evidence:deaths-2016-gazette", "claim:deterrence", "--format", "json")
    data = json.loads(res.output)
    assert [curie(t["id"]) for t in data["targets"]] == ["evidence:deaths-2016-gazette", "claim:deterrence"]
    assert data["mode"] == "several"
    assert [curie(x["node"]["id"]) for x in data["lose_support"]] == ["policy:penalties"]


# --- pins on the bundled corpus ------------------------------------------------------


def test_corpus_questions():
    G = project(open_store(None))
    assert resolve(G, "Sessions", prefer=["actor"]).endswith("/actor/jeff-sessions")
    assert resolve(G, "Barr", prefer=["actor"]).endswith("/actor/william-barr")
    assert resolve(G, "Trump", prefer=["actor"]).endswith("/actor/donald-trump")
    assert resolve(G, "icing on the cake").endswith("/claim/death-penalty-would-be-ultimate-fentanyl-deterrent")
    rec = actor_record(G, "Sessions")
    assert rec["asserts"] and rec["stances"] and all(s["sources"] for s in rec["stances"])
    t = timeline(G, kinds=["policy"])
    assert curie(t["entries"][0]["node"]["id"]) == "policy:harrison-narcotics-act-1914"
    federal = timeline(G, kinds=["policy", "stance"], where="federal")["entries"]
    assert federal and all("federal" in str(G.nodes[e["node"]["id"]].get("jurisdiction", "")).casefold() for e in federal)
    assert len(federal) < len(timeline(G, kinds=["policy", "stance"])["entries"])
    against = evidence_against(G, "policy:harsher-fentanyl-penalties")["against"]
    assert against and against[0]["distance"] == 1
    assert all(r["quote"] or r["sources"] for r in against)


# --- the results have their documented types (graph/analysis/results.py) ----------------


@pytest.mark.parametrize(
    ("name", "target", "body"),
    [
        ("actor", ["Stone", "Dr. Lane"], "ActorReport"),
        ("timeline", None, "Timeline"),
        ("timeline", "measure:deaths-per-year", "Timeline"),
        ("evidence-against", "policy:penalties", "EvidenceAgainst"),
        ("evidence-both", "policy:penalties", "EvidenceBoth"),
        ("figures", None, "FiguresReport"),
        ("impact", ["evidence:deaths-2016-gazette", "claim:deterrence"], "Impact"),
        ("unsupported", None, "UnsupportedReport"),
        ("actors", None, "ActorsReport"),
    ],
)
def test_reports_have_their_documented_shape(G, name, target, body):
    from graph import reports
    from graph.analysis import results
    from tests.test_analysis_results import check

    rep = reports.build_report(name, G, target=target)
    assert check(rep.data, getattr(results, body)) > 0
    assert json.loads(reports.render(rep, "json"))["report"] == name


def test_search_result_has_its_documented_shape(store, G):
    from graph.analysis import results
    from tests.test_analysis_results import check

    for data in (store, G):
        assert check(search(data, "overdose deaths"), results.SearchResult) > 1


def test_against_names_targets_like_every_command(cli, runner):
    """`pag evidence X --against` resolves X exactly as `pag chains X` and `pag evidence X` do."""
    errors = set()
    for cmd in (["chains"], ["evidence"], ["evidence", "--against"], ["evidence", "--both"]):
        res = runner.invoke(cli, ["-q", "-d", str(ASK), *cmd, "deaths"])
        assert res.exit_code == 2
        errors.add(res.stderr.strip())
    assert len(errors) == 1 and "'deaths' matches" in errors.pop()


def test_param_binding_on_a_remote_store(store):
    """On a remote store a -p label is found with the SPARQL search, not a projection."""
    from graph.errors import BindingNotFound
    from graph.search import bind_nodes
    from graph.sparql import parse_bindings

    class Remote(type(store)):
        remote = True

    remote = Remote()
    remote.ox = store.ox
    q = load_query("actor-stances").text
    pairs = [("actor", "AG Stone")]
    assert bind_nodes(remote, pairs, parse_bindings(pairs, q)) == {"actor": __import__("rdflib").URIRef(P + "actor/ag-stone")}
    bad = [("actor", "Nobody At All")]
    with pytest.raises(BindingNotFound) as info:
        bind_nodes(remote, bad, parse_bindings(bad, q))
    assert info.value.exit_code == 1
