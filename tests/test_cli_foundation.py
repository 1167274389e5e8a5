"""CliRunner tests of the foundation commands: stats, load, export, errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

GOLDEN = Path(__file__).parent / "golden"


def test_version(cli, runner):
    res = runner.invoke(cli, ["--version"])
    assert res.exit_code == 0
    assert res.output.startswith("pag, version ")


def test_help_teaches(cli, runner):
    res = runner.invoke(cli, ["--help"])
    assert res.exit_code == 0
    for word in ("stats", "load", "validate", "export", "--store", "--data"):
        assert word in res.output
    res = runner.invoke(cli, ["export", "--help"])
    assert "Examples:" in res.output


def test_stats_table_json_md(cli, runner, tiny):
    res = runner.invoke(cli, ["--data", str(tiny), "stats", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert {k: data[k] for k in ("actors", "policies", "claims", "evidence", "sources", "triples")} == {
        "actors": 2, "policies": 1, "claims": 2, "evidence": 2, "sources": 2, "triples": 58,
    }  # fmt: skip
    assert [r["title"] for r in data["by_source"]] == ["Alpha report", "Beta article"]
    res = runner.invoke(cli, ["--data", str(tiny), "stats", "--format", "md"])
    assert "| claims | 2 |" in res.output
    res = runner.invoke(cli, ["--data", str(tiny), "stats"])
    assert "claims" in res.output and "Alpha report" in res.output


def test_stats_on_the_bundled_corpus(cli, runner):
    data = json.loads(runner.invoke(cli, ["stats", "--format", "json"]).output)
    assert data["sources"] >= 4
    assert data["actors"] > 0 and data["claims"] > 0 and data["triples"] > 1000


def test_load_into_persistent_store_and_reopen(cli, runner, tiny, tmp_path):
    db = tmp_path / "db"
    res = runner.invoke(cli, ["--store", f"oxigraph:{db}", "load", str(tiny)])
    assert res.exit_code == 0, res.output
    assert "Loaded 58 statements from 1 file(s)" in res.output
    res = runner.invoke(cli, ["--store", f"oxigraph:{db}", "stats", "--format", "json"])
    assert json.loads(res.output)["claims"] == 2


def test_load_bundled(cli, runner, tmp_path):
    db = tmp_path / "db"
    res = runner.invoke(cli, ["--store", f"oxigraph:{db}", "load", "--bundled"])
    assert res.exit_code == 0, res.output
    mem = json.loads(runner.invoke(cli, ["stats", "--format", "json"]).output)
    disk = json.loads(runner.invoke(cli, ["--store", f"oxigraph:{db}", "stats", "--format", "json"]).output)
    assert mem == disk


def test_load_refuses_memory_store(cli, runner, tiny):
    res = runner.invoke(cli, ["load", str(tiny)])
    assert res.exit_code == 2
    assert res.output.startswith("Error: --store memory does not persist")


def test_load_malformed_turtle_names_file_and_line(cli, runner, tmp_path):
    db = tmp_path / "db"
    bad = tmp_path / "bad.ttl"
    bad.write_text('<urn:a> <urn:b> "ok" .\n<urn:a> <urn:b> .\n', encoding="utf-8")
    res = runner.invoke(cli, ["--store", f"oxigraph:{db}", "load", str(bad)])
    assert res.exit_code == 2
    assert res.output.startswith(f"Error: {bad}:2:")
    assert "Traceback" not in res.output
    res = runner.invoke(cli, ["--store", f"oxigraph:{db}", "stats", "--format", "json"])
    assert json.loads(res.output)["triples"] == 0  # nothing half-loaded


def test_unknown_file_and_store(cli, runner, tmp_path):
    res = runner.invoke(cli, ["--store", f"oxigraph:{tmp_path / 'db'}", "load", str(tmp_path / "nope.trig")])
    assert res.exit_code == 2 and "no such file" in res.output
    res = runner.invoke(cli, ["--store", "nosuch:x", "stats"])
    assert res.exit_code == 2 and res.output.startswith("Error: unknown store")


def test_unreachable_endpoint_is_one_clean_line(cli, runner):
    res = runner.invoke(cli, ["--store", "sparql:http://127.0.0.1:9/sparql", "--timeout", "2", "stats"])
    assert res.exit_code == 2
    assert res.output.startswith("Error: cannot reach SPARQL endpoint http://127.0.0.1:9/sparql")
    assert res.output.count("\n") == 1


def test_unknown_export_format(cli, runner):
    res = runner.invoke(cli, ["export", "--format", "docx"])
    assert res.exit_code == 2
    assert "Invalid value for '--format'" in res.output


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_export_golden(cli, runner, tiny, fmt):
    res = runner.invoke(cli, ["--data", str(tiny), "export", "--format", fmt])
    assert res.exit_code == 0
    golden = GOLDEN / f"tiny.{fmt}"
    if os.environ.get("PAG_UPDATE_GOLDEN"):
        golden.write_bytes(res.stdout_bytes)
    assert res.stdout_bytes == golden.read_bytes()


@pytest.mark.parametrize(("fmt", "parse_as"), [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_export_keeps_every_named_graph(cli, runner, tiny, fmt, parse_as):
    res = runner.invoke(cli, ["--data", str(tiny), "export", "--format", fmt])
    original = Dataset()
    original.parse(tiny, format="trig")
    again = Dataset()
    again.parse(data=res.stdout_bytes, format=parse_as)
    def names(ds):
        return sorted(str(g.identifier) for g in ds.graphs() if len(g))
    assert names(again) == names(original)
    for g in original.graphs():
        assert isomorphic(g, again.graph(g.identifier)), g.identifier


def test_export_turtle_is_the_union(cli, runner, tiny):
    from rdflib import Graph

    res = runner.invoke(cli, ["--data", str(tiny), "export", "--format", "turtle"])
    g = Graph().parse(data=res.stdout_bytes, format="turtle")
    assert len(g) == 56  # 58 statements, two of them in both graphs
    assert "@prefix pag: <https://w3id.org/pag#>" in res.output


def test_export_graphml(cli, runner, tiny, tmp_path):
    import networkx as nx

    out = tmp_path / "x.graphml"
    res = runner.invoke(cli, ["--data", str(tiny), "export", "--format", "graphml", "-o", str(out)])
    assert res.exit_code == 0
    G = nx.read_graphml(out)
    by_iri = {d["iri"]: d for _, d in G.nodes(data=True)}  # node ids are n0, n1 …; the IRI is an attribute
    assert by_iri["https://w3id.org/pag/id/policy/crackdown"]["kind"] == "policy"
    rels = sorted(d["relation"] for _, _, d in G.edges(data=True))
    assert rels.count("supports") == 2 and rels.count("attacks") == 2 and "source" in rels


def test_export_to_file_is_atomic(cli, runner, tiny, tmp_path, monkeypatch):
    out = tmp_path / "out.nq"
    out.write_text("previous\n", encoding="utf-8")

    def boom(*a, **k):
        raise OSError("disk full")

    import graph.export

    monkeypatch.setattr(graph.export, "write_graphml", boom)
    res = runner.invoke(cli, ["--data", str(tiny), "export", "--format", "graphml", "-o", str(out)])
    assert res.exit_code != 0
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.nq"]


def test_written_files_get_the_usual_permissions(cli, runner, tiny, tmp_path):
    # atomic writes go through a private temporary file; the result must not
    # stay private (a published site or export is read by others)
    import stat

    mask = os.umask(0o022)
    try:
        out = tmp_path / "out.nq"
        res = runner.invoke(cli, ["--data", str(tiny), "export", "-o", str(out)])
        assert res.exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        res = runner.invoke(cli, ["--data", str(tiny), "site", str(tmp_path / "site")])
        assert res.exit_code == 0
        assert stat.S_IMODE((tmp_path / "site" / "index.html").stat().st_mode) == 0o644
        # a replaced file keeps its mode
        out.chmod(0o640)
        runner.invoke(cli, ["--data", str(tiny), "export", "-o", str(out)])
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(mask)


def test_export_into_missing_folder(cli, runner, tiny, tmp_path):
    res = runner.invoke(cli, ["--data", str(tiny), "export", "-o", str(tmp_path / "no" / "x.trig")])
    assert res.exit_code == 2
    assert "does not exist" in res.output


def test_shell_completion_script(tmp_path):
    env = {**os.environ, "_PAG_COMPLETE": "bash_source"}
    out = subprocess.run([sys.executable, "-m", "graph"], env=env, capture_output=True, text=True, check=False)
    assert "_pag_completion" in out.stdout


def test_python_m_graph_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "graph", "--help"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and "Policy Argument Graph" in out.stdout
