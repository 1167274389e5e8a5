"""The front door (graph.open / Debate), its Tables, and its pyvis networks.

The Debate must give exactly what the CLI renders (same typed results), its
tables must hold the analyses' rows, and its pyvis network must be the one
pyvis's own add_node/add_edge would build — but built in linear time,
styled like the HTML views, and safe with hostile labels.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

import graph
from graph import analysis
from graph.debate import Debate
from graph.errors import InputError, NodeNotFound, QueryError
from graph.model import project
from graph.notebook import DebateNetwork, pyvis_network
from graph.reports import build_report, render
from graph.semantics import grounded_labels
from graph.stores import open_store
from graph.tables import Table
from graph.view import view_data

HOSTILE = """\
@prefix pag: <https://w3id.org/pag#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/> .

ex:src {
    ex:src a pag:Source ; rdfs:label "</script><script>alert('src')</script>" .
    ex:p a pag:Policy ; rdfs:label "<img src=x onerror=alert(1)> policy" ; pag:source ex:src .
    ex:c a pag:Claim ; rdfs:label "</script><script>alert(2)</script>" ; pag:source ex:src ;
        pag:quote "<b onmouseover=alert(3)>quoted</b> & more" .
    ex:e a pag:Evidence ; rdfs:label "Evidence \\" with 'quotes' & <tags>" ; pag:source ex:src .
    ex:x a pag:Claim ; rdfs:label "An attack <iframe src=javascript:alert(4)>" ; pag:source ex:src .
    ex:a a pag:Actor ; rdfs:label "<svg onload=alert(5)>" ; pag:source ex:src .
    ex:c pag:supports ex:p .
    ex:e pag:supports ex:c .
    ex:x pag:attacks ex:p .
    ex:a pag:advocates ex:p .
}
"""

SCRIPTS = re.compile(r"<(script|img|svg|iframe|b)\b[^>]*(alert|onerror|onload|onmouseover)", re.I)


@pytest.fixture(scope="module")
def debate() -> Debate:
    return graph.open()


@pytest.fixture
def tiny_debate(tiny: Path) -> Debate:
    return graph.open(data=[tiny])


@pytest.fixture
def hostile(tmp_path: Path) -> Debate:
    path = tmp_path / "hostile.trig"
    path.write_text(HOSTILE, encoding="utf-8")
    return graph.open(path)


# --- the front door ---------------------------------------------------------------


def test_import_graph_loads_nothing_heavy() -> None:
    code = (
        "import sys, graph; "
        "print(sorted(m for m in ('networkx', 'pyvis', 'pandas', 'rdflib', 'pyoxigraph', 'graph.debate') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names() -> None:
    assert set(graph.__all__) == {"Debate", "Table", "open", "__version__"}
    assert graph.open is graph.debate.open
    assert graph.Debate is Debate and graph.Table is Table
    assert {"open", "Debate", "Table"} <= set(dir(graph))
    with pytest.raises(AttributeError):
        graph.no_such_name
    doc = graph.__doc__ or ""
    assert "**Public**" in doc and "**Private**" in doc


def test_open_by_spec_path_folder_and_store(tmp_path: Path, tiny: Path) -> None:
    expected = open_store("memory", data=[tiny]).stats(by_source=False)
    # a file, a folder, a folder with data/, an open store, and data= files: the same debate
    folder = tmp_path / "plain"
    folder.mkdir()
    shutil.copy(tiny, folder / "tiny.trig")
    (folder / "notes.txt").write_text("not RDF")
    project_dir = tmp_path / "project"
    (project_dir / "data").mkdir(parents=True)
    shutil.copy(tiny, project_dir / "data" / "tiny.trig")
    for d in (
        graph.open(tiny),
        graph.open(str(tiny)),
        graph.open(folder),
        graph.open(str(project_dir)),
        graph.open(open_store("memory", data=[tiny])),
        graph.open("memory", data=[tiny]),
    ):
        assert d.stats(by_source=False) == expected
    # an on-disk store persists between opens
    db = tmp_path / "db"
    with graph.open(f"oxigraph:{db}", data=[tiny]) as d:
        assert d.stats(by_source=False).claims == expected.claims
    with graph.open(f"oxigraph-ro:{db}") as d:
        assert d.stats(by_source=False).claims == expected.claims
        assert d.store.persistent


def test_open_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unknown store 'nosuch:x'.*folder or file of RDF"):
        graph.open("nosuch:x")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="holds no RDF files"):
        graph.open(empty)


# --- the same results as the CLI ------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "args", "command"),
    [
        ("chains", ("policy:crackdown",), ["chains", "policy:crackdown"]),
        ("evidence", ("Crackdown",), ["evidence", "Crackdown"]),
        ("impact", ("evidence:overdoses-fell",), ["impact", "evidence:overdoses-fell"]),
    ],
)
def test_methods_return_what_the_cli_renders(cli, runner, tiny: Path, tiny_debate: Debate, method, args, command) -> None:
    res = runner.invoke(cli, ["-q", "-d", str(tiny), *command, "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    from_cli = json.loads(res.output)
    assert from_cli.pop("report") == command[0]
    assert getattr(tiny_debate, method)(*args) == from_cli


def test_curated_steps_carry_their_rationale_as_in_the_cli(cli, runner, debate: Debate) -> None:
    target = "policy:disrupt-illicit-drug-supply"
    res = runner.invoke(cli, ["-q", "chains", target, "--depth", "1", "--format", "json"], catch_exceptions=False)
    from_cli = json.loads(res.output)
    from_cli.pop("report")
    tree = debate.chains(target, depth=1)
    assert tree == from_cli
    assert any(c.get("curation") for c in tree["tree"]["children"])


def test_open_without_curation(tmp_path: Path) -> None:
    from graph.curation import CURATION_GRAPH

    with_links, without = graph.open(), graph.open(curation=False)
    assert without.stats().graphs == with_links.stats().graphs - 1
    assert not without.query(f"ASK {{ GRAPH <{CURATION_GRAPH}> {{ ?s ?p ?o }} }}")
    tree = without.chains("policy:disrupt-illicit-drug-supply", depth=1)
    assert not any(c.get("curation") for c in tree["tree"]["children"])
    with pytest.raises(InputError, match="in-memory stores"):
        graph.open(f"oxigraph:{tmp_path / 'db'}", curation=False)


def test_report_is_build_report_and_shows_as_markdown(tiny: Path, tiny_debate: Debate) -> None:
    G = project(open_store("memory", data=[tiny]))
    rep = tiny_debate.report("chains", "policy:crackdown", depth=1)
    assert rep == build_report("chains", G, target="policy:crackdown", depth=1)
    assert rep._repr_markdown_() == render(rep, "md")
    assert tiny_debate.report("chains", "policy:crackdown", support="none").data["explanation"] == (
        build_report("chains", G, target="policy:crackdown", support="none").data["explanation"]
    )


def test_support_reading_reaches_every_label(tiny: Path) -> None:
    G = project(open_store("memory", data=[tiny]))
    for support in ("deductive", "none"):
        d = graph.open(data=[tiny], support=support)
        tree = d.chains("policy:crackdown")
        assert tree["tree"]["acceptability"] == grounded_labels(G, support=support)[tree["target"]["id"]]


def test_unknown_target_names_the_close_labels(tiny_debate: Debate) -> None:
    with pytest.raises(NodeNotFound, match="Crackdown"):
        tiny_debate.chains("Crackdwn policy")


def test_impact_with_no_one_or_several_targets(cli, runner, tiny: Path, tiny_debate: Debate) -> None:
    G = project(open_store("memory", data=[tiny]))
    ranking = tiny_debate.impact()
    assert isinstance(ranking, Table) and list(ranking) == analysis.load_bearing(G)
    assert [r["label_changes"] for r in tiny_debate.impact(labels=False)] == [None] * len(ranking)
    one = tiny_debate.impact("evidence:overdoses-fell")
    assert one == analysis.impact(G, "evidence:overdoses-fell")
    # several: retracted together, as `pag impact A B`
    both = tiny_debate.impact("evidence:overdoses-fell", "source:beta")
    res = runner.invoke(
        cli, ["-q", "-d", str(tiny), "impact", "evidence:overdoses-fell", "source:beta", "--format", "json"],
        catch_exceptions=False,
    )
    from_cli = json.loads(res.output)
    from_cli.pop("report")
    assert both == from_cli and both != one


@pytest.mark.parametrize(
    ("call", "command"),
    [
        (lambda d: d.evidence("policy:operation-synthetic-opioid-surge", against=True),
         ["evidence", "policy:operation-synthetic-opioid-surge", "--against"]),
        (lambda d: d.actor("Sessions", "Barr"), ["actor", "Sessions", "Barr"]),
    ],
)
def test_asking_methods_return_what_the_cli_renders(cli, runner, debate: Debate, call, command) -> None:
    res = runner.invoke(cli, ["-q", *command, "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    from_cli = json.loads(res.output)
    from_cli.pop("report")
    assert call(debate) == from_cli


def test_search_and_timeline_tables_hold_the_cli_rows(cli, runner, debate: Debate) -> None:
    res = runner.invoke(cli, ["-q", "search", "naloxone", "--kind", "policy", "--format", "json"], catch_exceptions=False)
    hits = debate.search("naloxone", kinds=["policy"], limit=None)
    assert list(hits) == json.loads(res.output)["hits"] and len(hits) > 0
    assert hits.to_pandas()["kind"].unique().tolist() == ["policy"]
    assert len(debate.search("naloxone", limit=3)) == 3
    res = runner.invoke(cli, ["-q", "timeline", "Sessions", "--format", "json"], catch_exceptions=False)
    line = debate.timeline("Sessions")
    assert list(line) == json.loads(res.output)["entries"] and len(line) > 0
    df = line.to_pandas()
    assert df["date"].tolist() == [e["date"] for e in line] and "Jeff Sessions" in line.title


# --- tables -------------------------------------------------------------------------


def test_tables_hold_the_analyses_rows(debate: Debate) -> None:
    G = project(debate.store)
    Gp = project(debate.store, provenance=True)
    assert list(debate.contested()) == analysis.contested(G)
    assert list(debate.unsupported()) == analysis.unsupported(G)
    assert list(debate.single_source()) == analysis.single_source(G)
    assert list(debate.tensions()) == analysis.tensions(G)
    assert list(debate.figures()) == analysis.figure_families(Gp)
    assert list(debate.stances()) == analysis.stance_matrix(G)["stances"]
    assert debate.overview() == analysis.overview(G)
    # JSON-ready: a table is the list of its rows
    assert json.loads(json.dumps(debate.contested())) == analysis.contested(G)


def test_to_pandas_flat_views(debate: Debate) -> None:
    contested = debate.contested()
    df = contested.to_pandas()
    assert len(df) == len(contested) and list(df.columns) == contested.columns
    assert df["score"].tolist() == [r["score"] for r in contested]
    assert df["pro_actors"].tolist() == [len(r["pro"]["actors"]) for r in contested]

    figures = debate.figures()
    fdf = figures.to_pandas()
    assert len(fdf) == sum(len(r["items"]) for r in figures) > len(figures)
    assert fdf["value"].tolist() == [i["value"] for r in figures for i in r["items"]]

    matrix = analysis.stance_matrix(project(debate.store))
    grid = debate.stances().to_pandas()
    assert grid.shape == (len(matrix["actors"]), len(matrix["policies"]))
    label = {n["id"]: n["label"] for n in [*matrix["actors"], *matrix["policies"]]}
    for cell in matrix["stances"][:40]:
        assert grid.loc[label[cell["actor"]], label[cell["policy"]]] == cell["stance"]
    assert grid.notna().sum().sum() == len(matrix["stances"])


def test_table_html_escapes_every_cell(hostile: Debate) -> None:
    for table in (hostile.contested(), hostile.unsupported(), hostile.stances(), hostile.impact()):
        page = table._repr_html_()
        assert not SCRIPTS.search(page), page
    page = hostile.stances()._repr_html_()
    assert "&lt;svg onload=alert(5)&gt;" in page and "&lt;img src=x onerror=alert(1)&gt; policy" in page
    unsupported = hostile.unsupported()._repr_html_()
    assert "An attack &lt;iframe src=javascript:alert(4)&gt;" in unsupported
    rows = hostile.query("SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")
    assert "</script><script>alert(2)</script>" in [r["l"] for r in rows]  # kept exactly in the data
    assert not SCRIPTS.search(rows._repr_html_())


def test_table_html_is_cut_but_pandas_is_whole() -> None:
    from graph.tables import MAX_HTML_ROWS

    t = Table(range(100), columns=["n"], cells=[(i,) for i in range(100)], title="Hundred")
    page = t._repr_html_()
    assert page.count("<tr>") == MAX_HTML_ROWS + 1  # + the header
    assert f"{100 - MAX_HTML_ROWS} more line(s)" in page
    assert len(t.to_pandas()) == 100
    with pytest.raises(ValueError, match="2 cells for 1 columns"):
        Table([1], columns=["a"], cells=[(1, 2)])


# --- SPARQL -------------------------------------------------------------------------


def test_query_named_with_params_and_text(debate: Debate) -> None:
    rows = debate.query("actor-stances", actor="actor:jeff-sessions")
    assert isinstance(rows, Table) and rows.columns[:2] == ["actor", "actorLabel"]
    assert {r["actor"] for r in rows} == {"https://w3id.org/pag/id/actor/jeff-sessions"}
    assert len(rows) == len(debate.query("actor-stances").to_pandas().query("actorLabel == 'Jeff Sessions'"))
    n = debate.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a pag:Policy }")
    assert n == [{"n": debate.stats().policies}] and isinstance(n[0]["n"], int)
    assert debate.query("ASK { actor:jeff-sessions pag:advocates ?p }") is True
    g = debate.query("source-graph", source="source:safe-solutions-disrupt-supply")
    assert isinstance(g, Graph) and len(g) > 0
    names = [q["name"] for q in debate.queries()]
    assert "policy-evidence" in names and names == sorted(names)


def test_query_refuses_what_pag_query_refuses(debate: Debate) -> None:
    with pytest.raises(QueryError):
        debate.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="update"):
        debate.query("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(InputError, match="no variable"):
        debate.query("actor-stances", actr="actor:jeff-sessions")


# --- networkx -------------------------------------------------------------------------


def test_networkx_is_a_copy_and_filters_kinds(tiny: Path, tiny_debate: Debate) -> None:
    G = tiny_debate.networkx()
    before = tiny_debate.chains("policy:crackdown")
    G.remove_nodes_from(list(G))  # the caller's copy: the debate does not see it
    assert tiny_debate.chains("policy:crackdown") == before
    sub = tiny_debate.networkx(kinds=["actor", "policy"])
    assert {d["kind"] for _, d in sub.nodes(data=True)} == {"actor", "policy"}
    full = project(open_store("memory", data=[tiny]))
    assert nx.utils.graphs_equal(tiny_debate.networkx(), full)
    assert sub.number_of_edges() == sum(
        1 for u, v in full.edges() if {full.nodes[u]["kind"], full.nodes[v]["kind"]} <= {"actor", "policy"}
    )


def test_validate_is_pag_validate(cli, runner, tiny: Path, tmp_path: Path) -> None:
    res = runner.invoke(cli, ["-q", "-d", str(tiny), "validate", "--no-shacl", "--format", "json"])
    assert graph.open(data=[tiny]).validate(shacl=False).as_dict() == json.loads(res.output)
    assert graph.open().validate(shacl=False).conforms  # the bundled corpus
    bad = tmp_path / "bad.trig"
    bad.write_text(
        "@prefix pag: <https://w3id.org/pag#> .\n<urn:g> { <urn:c> a pag:Claim ; pag:supports <urn:nowhere> . }\n"
    )
    rep = graph.open(bad).validate(shacl=False)
    assert not rep.conforms and any("urn:nowhere" in p.message for p in rep.problems)


# --- pyvis ---------------------------------------------------------------------------


def _pyvis_reference(data) -> DebateNetwork:
    """The same network through pyvis's own add_node/add_edge (quadratic; small graphs only)."""
    fast = pyvis_network(data)
    ref = pyvis_network({**data, "nodes": [], "edges": []})
    for item in fast.nodes:
        ref.add_node(item["id"], **{k: v for k, v in item.items() if k != "id"})
    for item in fast.edges:
        ref.add_edge(item["from"], item["to"], **{k: v for k, v in item.items() if k not in ("from", "to")})
    return ref


def test_pyvis_network_equals_pyvis_own_building(debate: Debate) -> None:
    from pyvis.network import Network

    data = debate.view_data("policy:operation-synthetic-opioid-surge")
    net = pyvis_network(data)
    assert isinstance(net, Network)
    ref = _pyvis_reference(data)
    assert net.nodes == ref.nodes and net.edges == ref.edges
    assert net.node_ids == ref.node_ids == [n["id"] for n in data["nodes"]]
    assert net.node_map == ref.node_map
    assert net.num_edges() == len(data["edges"])


def test_pyvis_styles_hover_and_legend_like_the_views(debate: Debate) -> None:
    from graph.view import KIND_STYLE, LABEL_STYLE, RELATION_STYLE

    surge = "policy:operation-synthetic-opioid-surge"
    net = debate.pyvis(surge, depth=2)
    data = debate.view_data(surge, depth=2)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert net.title == data["title"] and net.legend["kinds"] == data["kinds"]
    assert net.legend["relations"] == data["relations"] and net.legend["labels"] == data["labels"]
    for item in net.nodes:
        n = by_id[item["id"]]
        assert item["shape"] == KIND_STYLE[n["kind"]]["shape"]
        assert item["color"]["background"] == KIND_STYLE[n["kind"]]["color"]
        assert item["color"]["border"] == LABEL_STYLE[n["status"]]["color"]
        assert item["level"] == n["level"]  # a tree
        title = item["title"]
        assert title.startswith(n["label"] + "\n") and LABEL_STYLE[n["status"]]["name"] in title
        if n["quotes"]:
            assert f"“{n['quotes'][0][0][:300]}" in title
    with_quote = [i for i in net.nodes if by_id[i["id"]]["quotes"]]
    assert with_quote and all("\n— " in i["title"] for i in with_quote)
    for e in net.edges:
        assert e["color"]["color"] == RELATION_STYLE[e["relation"]]["color"]
        assert RELATION_STYLE[e["relation"]]["name"] in e["title"].split("\n")[0]
    opts = json.loads(net.options.to_json())
    assert opts["layout"]["hierarchical"]["enabled"] is True and opts["physics"]["enabled"] is False
    page = net.generate_html()
    for words in ("IN (accepted)", "OUT (defeated)", "supports", "attacks", data["summary"]):
        assert html.escape(words) in page


def test_pyvis_whole_debate_uses_force_layout(tiny_debate: Debate) -> None:
    net = tiny_debate.pyvis()
    opts = json.loads(net.options.to_json())
    assert opts["physics"]["solver"] == "forceAtlas2Based" and opts["physics"]["enabled"] is True
    assert not opts["layout"]["hierarchical"]["enabled"]
    assert all("level" not in n for n in net.nodes)


def test_pyvis_api_tweaks_work_after_building(tiny_debate: Debate, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    net = tiny_debate.pyvis("policy:crackdown")
    net.add_node("urn:extra", label="Extra node", color="#000000")
    net.add_edge("urn:extra", "https://w3id.org/pag/id/policy/crackdown", color="#123456")
    net.toggle_physics(True)
    net.show_buttons(filter_=["physics"])
    net.neighborhood_highlight = True
    page = net.generate_html()
    assert "Extra node" in page and "#123456" in page and 'id="config"' in page
    assert json.loads(net.options.to_json())["physics"]["enabled"] is True
    # showing it inline writes no file
    shown = net._repr_html_()
    assert shown.startswith('<iframe class="pag-network"') and 'sandbox="allow-scripts"' in shown
    assert "Extra node" in html.unescape(re.search(r'srcdoc="([^"]*)"', shown).group(1))
    assert list(tmp_path.iterdir()) == []
    # pyvis's own writing still works, and the page stands alone
    net.write_html(str(tmp_path / "crackdown.html"))
    written = (tmp_path / "crackdown.html").read_text()
    assert "vis.Network" in written and not re.search(r'(src|href)="https?:', written)


def test_pyvis_page_is_offline_and_escapes_hostile_labels(hostile: Debate) -> None:
    net = hostile.pyvis()
    page = net.generate_html()
    assert not SCRIPTS.search(page)
    assert not re.search(r'(src|href)="https?:', page) and "cdn.jsdelivr" not in page
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    # the labels are in the page, as JSON with <, >, & and ' escaped
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);\n", page).group(1))
    assert {n["label"] for n in nodes} == {n["label"][:80] for n in hostile.view_data()["nodes"]}
    shown = net._repr_html_()
    inner = re.search(r'srcdoc="([^"]*)"', shown)
    assert html.unescape(inner.group(1)) == page  # the whole page, inside one escaped attribute
    outer = shown.replace(inner.group(0), "")
    assert "<script" not in outer and outer.count("<") == 2  # <iframe …></iframe>


def test_pyvis_remote_resources_are_the_users_choice(tiny_debate: Debate) -> None:
    page = tiny_debate.pyvis(cdn_resources="remote").generate_html()
    assert 'src="https://cdnjs.cloudflare.com/ajax/libs/vis-network/9.1.2/' in page
    assert "default-src 'none'" not in page
    with pytest.raises(ValueError, match="cdn_resources"):
        pyvis_network(view_data(nx.MultiDiGraph()), cdn_resources="cdn")


def test_pyvis_reduced_views_keep_the_notice(debate: Debate) -> None:
    net = debate.pyvis(max_nodes=50)
    assert net.num_nodes() == 50 and net.notice and "showing the 50" in net.notice
    assert html.escape(net.notice) in net.generate_html()


# --- the README -------------------------------------------------------------------------


def test_readme_python_examples_run() -> None:
    """Every ```pycon block of the README runs as a doctest (one example per call)."""
    import doctest

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", text, re.S)
    assert blocks
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for i, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {}, f"README.md pycon block {i + 1}", "README.md", 0))
    result = runner.summarize(verbose=False)
    assert result.attempted > 20 and result.failed == 0


def test_readme_lists_every_public_method() -> None:
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## From Python / notebooks") :]
    section = section[: section.index("\n## ", 5)]
    public = [name for name in vars(Debate) if not name.startswith("_") and callable(getattr(Debate, name))]
    documented = {m for m in public if f"debate.{m}(" in section}
    assert documented >= set(public) - {"close", "refresh"}, set(public) - documented
