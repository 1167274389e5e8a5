"""The same tests — load, stats, queries, chains — on the embedded store, Oxigraph
server and Virtuoso 7, with identical answers.

The servers are started by ``.ci/servers.sh start`` (``.ci/run`` does it) which
writes ``.ci/servers.env``; without ``PAG_TEST_OXIGRAPH_URL`` /
``PAG_TEST_VIRTUOSO_URL`` the server cases skip locally and FAIL under CI=true.
The tests EMPTY those servers (every graph but the system graphs): never point
the PAG_TEST_* variables at a server whose data you want to keep.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from graph.analysis.chains import argument_tree
from graph.analysis.evidence import evidence_base
from graph.errors import EndpointError, QueryError
from graph.model import project
from graph.sparql import named_queries, parse_term, run
from graph.sparqltext import bind_values
from graph.stores import OxigraphStore, SparqlStore, open_store
from tests.conftest import require

FIXTURE = Path(__file__).parent / "fixtures" / "sparql-debate.trig"
SERVERS = ("oxigraph", "virtuoso")


def server_config(kind: str) -> dict[str, object]:
    key = kind.upper()
    url = os.environ.get(f"PAG_TEST_{key}_URL")
    require(f"{kind} SPARQL server (PAG_TEST_{key}_URL; run .ci/servers.sh start)", bool(url))
    cfg: dict[str, object] = {
        "query_url": url,
        "update_url": os.environ.get(f"PAG_TEST_{key}_UPDATE_URL"),
        "store_url": os.environ.get(f"PAG_TEST_{key}_STORE_URL"),
    }
    if kind == "virtuoso":
        cfg["auth"] = httpx.DigestAuth(
            os.environ.get("PAG_TEST_VIRTUOSO_USER", "dba"), os.environ.get("PAG_TEST_VIRTUOSO_PASSWORD", "")
        )
    return cfg


def server_store(kind: str, **overrides: object) -> SparqlStore:
    cfg = {**server_config(kind), "timeout": 60.0, **overrides}
    url = cfg.pop("query_url")
    return SparqlStore(str(url), **cfg)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch):
    """The tests configure stores explicitly; a developer's PAG_SPARQL_* must not leak in."""
    for var in list(os.environ):
        if var.startswith("PAG_SPARQL_") or var == "PAG_STORE":
            monkeypatch.delenv(var)


@pytest.fixture
def empty(request):
    """An empty store of the kind named by the test's parameter."""
    kind = request.param
    if kind == "embedded":
        yield OxigraphStore()
        return
    store = server_store(kind)
    store.clear()
    yield store
    store.clear()
    store.close()


ALL = pytest.mark.parametrize(
    "empty", ["embedded", pytest.param("oxigraph", marks=pytest.mark.server), pytest.param("virtuoso", marks=pytest.mark.server)], indirect=True
)
SERVER_ONLY = pytest.mark.parametrize(
    "empty", [pytest.param(k, marks=pytest.mark.server) for k in SERVERS], indirect=True
)


@pytest.fixture(scope="module")
def reference():
    return open_store("memory", data=[FIXTURE])


@ALL
def test_load_and_stats(empty, reference):
    rep = empty.load([FIXTURE])
    # 84 statements read; the load adds the pag:attacks a pag:rebuts entails (README, The vocabulary)
    assert (rep.statements, reference.triple_count(), empty.triple_count()) == (84, 85, 85)
    st = empty.stats().as_dict()
    assert st == reference.stats().as_dict()
    assert (st["actors"], st["policies"], st["claims"], st["evidence"], st["sources"], st["measures"]) == (2, 2, 3, 3, 2, 1)
    assert (st["triples"], st["graphs"]) == (85, 2)
    assert empty.graph_names() == [
        "https://w3id.org/pag/id/source/north",
        "https://w3id.org/pag/id/source/south",
    ]


@ALL
def test_named_queries_give_identical_answers(empty, reference):
    empty.load([FIXTURE])
    for q in named_queries():
        mine, ref = run(empty, q.text), run(reference, q.text)
        if q.form == "select":
            assert mine.variables == ref.variables, q.name
            assert mine.rows == ref.rows, q.name
        else:
            assert set(mine.triples) == set(ref.triples), q.name
    bound = {"actor": parse_term("actor:mayor")}
    text = next(q.text for q in named_queries() if q.name == "actor-stances")
    assert run(empty, text, bindings=bound).rows == run(reference, text, bindings=bound).rows
    assert len(run(empty, text, bindings=bound).rows) == 3


@ALL
def test_ask_construct_and_bindings(empty):
    empty.load([FIXTURE])
    assert run(empty, "ASK { actor:mayor pag:enacted policy:crackdown }").boolean is True
    assert run(empty, "ASK { actor:nurse pag:enacted policy:crackdown }").boolean is False
    res = run(
        empty,
        "CONSTRUCT { ?e pag:supports ?x } WHERE { ?e pag:supports+ ?p . ?e pag:supports ?x }",
        bindings={"p": parse_term("policy:naloxone")},
    )
    assert sorted((str(s).rsplit("/", 1)[1], str(o).rsplit("/", 1)[1]) for s, _, o in res.triples) == [
        ("ems-reversals", "naloxone-saves-lives"),
        ("naloxone-saves-lives", "naloxone"),
    ]


@ALL
def test_projection_and_chains_are_identical(empty, reference):
    empty.load([FIXTURE])
    G, R = project(empty, provenance=True), project(reference, provenance=True)
    assert dict(G.nodes(data=True)) == dict(R.nodes(data=True))
    assert sorted(G.edges(keys=True, data=True)) == sorted(R.edges(keys=True, data=True))
    assert argument_tree(G, "policy:crackdown") == argument_tree(R, "policy:crackdown")
    assert evidence_base(G, "policy:naloxone") == evidence_base(R, "policy:naloxone")


@SERVER_ONLY
def test_insert_data_in_small_chunks(empty, reference, monkeypatch):
    sent: list[int] = []
    small = server_store(_kind(empty), store_url="", chunk_size=7)
    real = small._insert_data
    monkeypatch.setattr(small, "_insert_data", lambda g, lines: (sent.append(len(lines)), real(g, lines)))
    assert small.load([FIXTURE]).statements == 84
    assert max(sent) <= 7 and len(sent) >= 84 // 7
    assert small.stats().as_dict() == reference.stats().as_dict()
    small.close()


@SERVER_ONLY
def test_results_past_the_servers_row_limit(empty):
    n = 10_500  # Virtuoso cuts answers at ResultSetMaxRows = 10,000
    lines = "\n".join(f"<urn:x:s{i:05d}> <urn:x:p> {i} ." for i in range(n))
    assert empty.load_text(lines, "turtle", graph="urn:x:big") == n
    assert empty.triple_count() == n  # the server's own system triples are not counted
    res = run(empty, "SELECT ?s ?o WHERE { GRAPH <urn:x:big> { ?s <urn:x:p> ?o } }")
    assert len(res.rows) == n and len(set(res.rows)) == n
    ordered = run(empty, "SELECT ?s WHERE { ?s <urn:x:p> ?o } ORDER BY DESC(?s)")
    assert [str(r[0]) for r in ordered.rows[:2]] == ["urn:x:s10499", "urn:x:s10498"]
    assert len(ordered.rows) == n
    assert sum(1 for _ in empty.quads([parse_term("<urn:x:p>")])) == n  # type: ignore[list-item]


@SERVER_ONLY
def test_system_graphs_are_not_part_of_the_dataset(empty):
    empty.load([FIXTURE])
    assert empty.dataset_graphs() == [
        "https://w3id.org/pag/id/source/north",
        "https://w3id.org/pag/id/source/south",
    ]
    assert run(empty, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].toPython() == 85  # type: ignore[union-attr]


def _kind(store: SparqlStore) -> str:
    for k in SERVERS:
        if store.query_url == os.environ.get(f"PAG_TEST_{k.upper()}_URL"):
            return k
    raise AssertionError(store.query_url)


# -- the CLI against both servers --------------------------------------------


@pytest.mark.server
@pytest.mark.parametrize("kind", SERVERS)
def test_cli_load_stats_query_export(kind, cli, runner, tmp_path):
    cfg = server_config(kind)
    env = {
        "PAG_SPARQL_UPDATE_URL": str(cfg["update_url"]),
        "PAG_SPARQL_STORE_URL": str(cfg["store_url"]),
        "PAG_SPARQL_USER": os.environ.get("PAG_TEST_VIRTUOSO_USER", "") if kind == "virtuoso" else "",
        "PAG_SPARQL_PASSWORD": os.environ.get("PAG_TEST_VIRTUOSO_PASSWORD", "") if kind == "virtuoso" else "",
        "PAG_SPARQL_AUTH": "digest",
    }
    spec = f"sparql:{cfg['query_url']}"
    server_store(kind).clear()
    res = runner.invoke(cli, ["-q", "--store", spec, "load", str(FIXTURE)], env=env)
    assert res.exit_code == 0, res.output
    assert f"Loaded 84 statements from 1 file(s) into {spec}" in res.output
    res = runner.invoke(cli, ["--store", spec, "stats", "--format", "json"], env=env)
    assert res.exit_code == 0, res.output
    local = runner.invoke(cli, ["-d", str(FIXTURE), "stats", "--format", "json"])
    assert res.output == local.output
    res = runner.invoke(cli, ["--store", spec, "query", "policy-evidence", "--format", "csv"], env=env)
    local = runner.invoke(cli, ["-d", str(FIXTURE), "query", "policy-evidence", "--format", "csv"])
    assert res.exit_code == 0 and res.output == local.output
    res = runner.invoke(cli, ["--store", spec, "export", "--format", "nquads", "-o", str(tmp_path / "a.nq")], env=env)
    assert res.exit_code == 0, res.output
    runner.invoke(cli, ["-d", str(FIXTURE), "export", "--format", "nquads", "-o", str(tmp_path / "b.nq")])
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes()
    res = runner.invoke(cli, ["--store", spec, "query", "--update", "-"], env=env, input="DROP SILENT GRAPH <https://w3id.org/pag/id/source/south>")
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["--store", spec, "stats", "--format", "json"], env=env)
    assert '"graphs": 1' in res.output
    server_store(kind).clear()


# -- errors name the server --------------------------------------------------


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_is_named():
    url = f"http://127.0.0.1:{_dead_port()}/sparql"
    store = SparqlStore(url, timeout=5)
    with pytest.raises(EndpointError, match=f"cannot reach SPARQL endpoint {url}.*is the server running"):
        store.stats()


def test_a_server_that_never_answers_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    conns: list[socket.socket] = []
    t = threading.Thread(target=lambda: conns.append(listener.accept()[0]), daemon=True)
    t.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    store = SparqlStore(url, timeout=1, graphs=["urn:g"])
    start = time.monotonic()
    with pytest.raises(EndpointError, match=f"{url} did not answer within 1 s"):
        store.query("ASK {}")
    assert time.monotonic() - start < 10
    listener.close()
    for c in conns:
        c.close()


def test_bad_url():
    with pytest.raises(Exception, match="must be an http"):
        open_store("sparql:ftp://example.org/sparql")


def test_values_go_into_the_where_clause():
    q = "PREFIX x: <urn:x#>\nCONSTRUCT { ?s x:p ?o } WHERE { ?s x:p ?o } LIMIT 5"
    assert bind_values(q, {"s": parse_term("<urn:a>")}) == (
        "PREFIX x: <urn:x#>\nCONSTRUCT { ?s x:p ?o } WHERE { VALUES (?s) { (<urn:a>) } ?s x:p ?o } LIMIT 5"
    )
    q = 'SELECT (COUNT(?o) AS ?n) WHERE { ?s <urn:p> "{" } GROUP BY ?s'
    assert bind_values(q, {"s": parse_term('"a } b"')}) == (
        'SELECT (COUNT(?o) AS ?n) WHERE { VALUES (?s) { ("a } b") } ?s <urn:p> "{" } GROUP BY ?s'
    )
    with pytest.raises(QueryError):
        run(SparqlStore("http://127.0.0.1:9/sparql", graphs=[]), "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")


@SERVER_ONLY
def test_focused_reports_on_a_server_equal_the_whole_graph(empty):
    # model.focus walks the closure one SPARQL SELECT per hop level: on a real
    # server (Oxigraph server, Virtuoso) the focused chains, evidence and
    # impact answers equal the ones computed from the whole bundled corpus
    from graph.model import focus
    from graph.resources import corpus_files
    from tests.test_focus import answers

    empty.load(corpus_files())
    whole = project(open_store("memory"))
    for t, purpose in [
        ("policy:operation-synthetic-opioid-surge", "chains"),
        ("policy:naloxone-access", "evidence"),
        ("evidence:manatee-overdoses-now-less-than-one-a-day", "impact"),
    ]:
        assert answers(focus(empty, t, purpose=purpose), t, purpose) == answers(whole, t, purpose), (t, purpose)


@SERVER_ONLY
def test_focused_view_on_a_server_equals_the_whole_graph(empty):
    # graph.view.focused_graph fetches what `pag view TARGET` draws by SPARQL
    # pattern queries: on a real server its view data equals the whole corpus's
    from graph.resources import corpus_files
    from graph.view import focused_graph, view_data

    empty.load(corpus_files())
    whole = project(open_store("memory"), provenance=True)
    for t, opts in [("policy:operation-synthetic-opioid-surge", {}), ("actor:jeff-sessions", {"depth": 2})]:
        G = focused_graph(empty, t, **opts)
        assert view_data(G, G.graph["focus"], **opts) == view_data(whole, t, **opts), t
