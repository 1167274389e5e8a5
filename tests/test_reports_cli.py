"""`pag chains`, `pag evidence`, `pag report …`, `pag impact` on the fixture debate.

Markdown and JSON outputs are pinned by golden files in tests/golden/
(regenerate with ``PAG_UPDATE_GOLDEN=1 pytest tests/test_reports_cli.py`` and
read the diff).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.analysis_graphs import FIXTURE

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("PAG_UPDATE_GOLDEN") == "1"


def run(cli, runner, *args: str):
    return runner.invoke(cli, ["-q", "-d", str(FIXTURE), *args], catch_exceptions=False)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with PAG_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


CASES = [
    ("chains_crackdown", ["chains", "policy:crackdown"]),
    ("chains_crackdown_depth1", ["chains", "Fentanyl crackdown", "--depth", "1"]),
    ("chains_loop", ["chains", "Kingpin law"]),
    ("evidence_crackdown", ["evidence", "policy:crackdown"]),
    ("report_overview", ["report", "overview"]),
    ("report_contested", ["report", "contested"]),
    ("report_unsupported", ["report", "unsupported"]),
    ("report_impact", ["report", "impact"]),
    ("report_actors", ["report", "actors"]),
    ("report_tensions", ["report", "tensions"]),
    ("report_figures", ["report", "figures"]),
    ("impact_source_south", ["impact", "source:south"]),
    ("impact_overdoses_fell", ["impact", "Overdoses fell to 11 a day"]),
]


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_markdown_golden(cli, runner, name: str, args: list[str]) -> None:
    res = run(cli, runner, *args, "--format", "md")
    assert res.exit_code == 0, res.output
    check_golden(f"{name}.md", res.output)


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_json_golden(cli, runner, name: str, args: list[str]) -> None:
    res = run(cli, runner, *args, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["report"] == (args[1] if args[0] == "report" else args[0])
    check_golden(f"{name}.json", res.output)


_CURIE = re.compile(r"\b(?:source|policy|claim|evidence|actor|measure):[\w\-]+(?:\.[\w\-]+)*")
_BADGE = re.compile(r"\[(IN|OUT|UNDECIDED)\]")


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_markdown_says_nothing_the_json_lacks(cli, runner, name: str, args: list[str]) -> None:
    """Every node or source the Markdown names, and every label badge it shows, is in the JSON."""
    from graph.terms import curie

    md = run(cli, runner, *args, "--format", "md").output
    js = run(cli, runner, *args, "--format", "json").output
    named = {curie(i) for i in re.findall(r'"(https://w3id\.org/[^"]+)"', js)}
    assert set(_CURIE.findall(md)) <= named
    badges = _BADGE.findall(md)
    labels = re.findall(r'"(?:acceptability|before|after)": "(IN|OUT|UNDECIDED)"', js)
    assert len(badges) <= len(labels)
    if badges:
        assert set(badges) <= set(labels)


def test_chains_terminal_tree_cites_sources_and_quotes(cli, runner) -> None:
    res = runner.invoke(cli, ["-q", "-d", str(FIXTURE), "chains", "policy:crackdown"], env={"COLUMNS": "200"})
    assert res.exit_code == 0
    out = res.output
    assert "Argument chain: Fentanyl crackdown (policy:crackdown)" in out
    assert "Acceptability (grounded): OUT: attacked by Crackdown fills prisons (claim:crackdown-fills-prisons)" in out
    assert "Advocated by: Senator A (actor:senator-a; source:south); Sheriff (actor:sheriff; source:north)." in out
    assert "Opposed by: Health department (actor:health-dept; source:east)." in out
    assert "├── supports claim: Crackdown saves lives (claim:crackdown-saves-lives) [OUT] — source:north" in out
    assert "“prosecuting every case saves lives” (source:north)" in out
    assert "attacks evidence: Overdoses rose in the next county (evidence:county-rose) [IN] — source:south" in out


def test_text_to_file_is_plain_and_atomic(cli, runner, tmp_path: Path) -> None:
    out = tmp_path / "chain.txt"
    res = run(cli, runner, "chains", "policy:crackdown", "-o", str(out))
    assert res.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("Argument chain: Fentanyl crackdown (policy:crackdown)")
    assert "\x1b[" not in text
    assert [p.name for p in tmp_path.iterdir()] == ["chain.txt"]


def test_support_reading_changes_labels(cli, runner) -> None:
    res = run(cli, runner, "chains", "policy:crackdown", "--support", "none", "--format", "json")
    data = json.loads(res.output)
    ev = data["tree"]["children"][0]["children"][0]
    assert (ev["label"], ev["acceptability"]) == ("Overdoses fell to 11 a day", "IN")
    res = run(cli, runner, "chains", "policy:crackdown", "--format", "json")
    ev = json.loads(res.output)["tree"]["children"][0]["children"][0]
    assert ev["acceptability"] == "OUT"  # mediated attack by evidence:county-rose


def test_evidence_json_has_the_labels_markdown_shows(cli, runner) -> None:
    md = run(cli, runner, "evidence", "policy:crackdown", "--format", "md").output
    js = json.loads(run(cli, runner, "evidence", "policy:crackdown", "--format", "json").output)
    assert js["acceptability"] == "OUT"
    assert f"- policy: Fentanyl crackdown (policy:crackdown) [{js['acceptability']}]" in md
    assert js["evidence"]
    for row in js["evidence"]:
        ref = row["evidence"]
        line = next(x for x in md.splitlines() if x.lstrip().startswith(f"- evidence: {ref['label']} ("))
        assert f"[{row['acceptability']}]" in line
    # the labels follow --support in JSON as in Markdown (evidence:county-rose's attack is mediated)
    js = json.loads(run(cli, runner, "evidence", "policy:crackdown", "--support", "none", "--format", "json").output)
    md = run(cli, runner, "evidence", "policy:crackdown", "--support", "none", "--format", "md").output
    assert js["evidence"][0]["acceptability"] == "IN"
    assert "= 11 overdoses per day [IN]" in md


def test_text_markdown_and_json_come_from_one_report(cli, runner, tmp_path: Path) -> None:
    from graph import reports
    from graph.model import project
    from graph.stores import open_store

    G = project(open_store("memory", data=[FIXTURE]))
    rep = reports.build_report("chains", G, target="policy:crackdown")
    assert reports.render(rep, "json") == run(cli, runner, "chains", "policy:crackdown", "--format", "json").output
    assert reports.render(rep, "md") == run(cli, runner, "chains", "policy:crackdown", "--format", "md").output
    out = tmp_path / "c.txt"
    run(cli, runner, "chains", "policy:crackdown", "-o", str(out))
    assert reports.render(rep, "text") == out.read_text(encoding="utf-8")


def test_report_top_limits_text_not_json(cli, runner) -> None:
    res = run(cli, runner, "report", "unsupported", "--top", "2", "--format", "md")
    assert "… 4 more unsupported not shown (use --top 0 for all)." in res.output
    res = run(cli, runner, "report", "unsupported", "--top", "2", "--format", "json")
    assert len(json.loads(res.output)["unsupported"]) == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chains", "no such policy here"], "Error: no node matches 'no such policy here'"),
        (["chains", "crack"], "Error: 'crack' matches 3 nodes: Crackdown fills prisons (claim:crackdown-fills-prisons), "),
        (["chains", "actor:sheriff"], "Error: Sheriff (actor:sheriff) is an actor: argument chains start at"),
        (["evidence", "Sheriff"], "is an actor: an evidence base belongs to"),
        (["impact", "actor:sheriff"], "is an actor: retract a piece of evidence"),
        (["impact", "zzz-nothing"], "Error: no node matches 'zzz-nothing'"),
    ],
)
def test_errors_are_one_line(cli, runner, args: list[str], message: str) -> None:
    res = run(cli, runner, *args)
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_usage_errors(cli, runner) -> None:
    res = run(cli, runner, "report", "everything")
    assert res.exit_code == 2 and "Invalid value for '{overview|" in res.output
    res = run(cli, runner, "chains", "policy:crackdown", "--depth", "-1")
    assert res.exit_code == 2
    res = run(cli, runner, "chains", "policy:crackdown", "--support", "weird")
    assert res.exit_code == 2


def test_unwritable_output_leaves_no_file(cli, runner, tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "out.md"
    res = runner.invoke(cli, ["-q", "-d", str(FIXTURE), "report", "overview", "--format", "md", "-o", str(target)])
    assert res.exit_code != 0
    assert not target.exists()


@pytest.mark.parametrize("cmd", [["chains"], ["evidence"], ["report"], ["impact"]])
def test_help_teaches(cli, runner, cmd: list[str]) -> None:
    res = runner.invoke(cli, [*cmd, "--help"])
    assert res.exit_code == 0
    assert "Examples:" in res.output and "--format" in res.output


HOSTILE = """
@prefix pag: <https://w3id.org/pag#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix policy: <https://w3id.org/pag/id/policy/> . @prefix claim: <https://w3id.org/pag/id/claim/> .
@prefix source: <https://w3id.org/pag/id/source/> .
source:x {
  policy:p a pag:Policy ; rdfs:label "Safe policy" .
  claim:c a pag:Claim ; rdfs:label "<img src=x onerror=alert(1)> [click](javascript:alert(1)) \\u001b[31mred" ;
      pag:quote "</script><script>alert(2)</script>" ; pag:supports policy:p .
}
"""


def test_untrusted_labels_are_inert(cli, runner, tmp_path: Path) -> None:
    data = tmp_path / "hostile.trig"
    data.write_text(HOSTILE, encoding="utf-8")
    md = runner.invoke(cli, ["-q", "-d", str(data), "chains", "Safe policy", "--format", "md"]).output
    assert "<img" not in md and "<script>" not in md and "](javascript" not in md
    assert "&lt;img src=x onerror=alert(1)&gt; [click]\\(javascript:alert(1))" in md
    text = runner.invoke(cli, ["-q", "-d", str(data), "chains", "Safe policy"]).output
    assert "\x1b" not in text
    assert "\\x1b[31mred" in text
    js = json.loads(runner.invoke(cli, ["-q", "-d", str(data), "chains", "Safe policy", "--format", "json"]).output)
    assert js["tree"]["children"][0]["label"].startswith("<img")  # JSON keeps the data as it is
