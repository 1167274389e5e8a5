"""Bad inputs through the CLI and the library: each is refused with one line
(`Error: …`, exit 2), never a traceback, a hang, a wrong success or a partial write."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import PagError, ParseError, QueryError
from graph.limits import check_json_depth, load_json, load_yaml
from graph.safetext import csv_cell, inert, uncsv_cell
from graph.sparqltext import check_safe

FIXTURES = Path(__file__).parent / "fixtures"
DEBATE = FIXTURES / "sparql-debate.trig"


def one_line_error(res, code: int = 2) -> str:
    assert res.exit_code == code, res.output
    assert "Traceback" not in res.output
    errors = [line for line in res.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, res.output
    return errors[0]


# --- SPARQL: refused by structure, and nothing can open a connection ----------


class Canary:
    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            c.close()


@pytest.fixture
def canary():
    c = Canary()
    yield c
    c.sock.close()


def test_comment_trick_in_pag_query(cli, runner, canary):
    q = f"SELECT * WHERE {{\n# '''\nSERVICE <http://127.0.0.1:{canary.port}/sparql> {{ ?s ?p ?o }}\n# '''\n}}\n"
    res = runner.invoke(cli, ["-d", str(DEBATE), "query", "-"], input=q)
    assert "SERVICE is not allowed" in one_line_error(res)
    time.sleep(0.2)
    assert canary.hits == 0


def test_comment_trick_in_pag_query_update(cli, runner, canary, tmp_path):
    store = f"oxigraph:{tmp_path / 'db'}"
    assert runner.invoke(cli, ["--store", store, "load", str(DEBATE)]).exit_code == 0
    u = f"INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ;\n# '''\nLOAD <http://127.0.0.1:{canary.port}/x.ttl>\n# '''\n"
    res = runner.invoke(cli, ["--store", store, "query", "--update", "-"], input=u)
    assert "LOAD is not allowed" in one_line_error(res)
    time.sleep(0.2)
    assert canary.hits == 0
    # and nothing of the update ran
    res = runner.invoke(cli, ["--store", store, "query", "-", "--format", "csv"], input="ASK { <urn:a> <urn:b> <urn:c> }")
    assert res.output.strip() == "false"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } }",
        "SELECT * WHERE { { SELECT * WHERE { sErViCe <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
        "ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
        "SELECT * WHERE { ?s ?p \"\"\"x\"\"\" . SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "PREFIX s: <http://127.0.0.1:9/>\nSELECT * WHERE { SERVICE s: { ?s ?p ?o } }",
        "LOAD <http://127.0.0.1:9/x>",
        "LOAD SILENT <http://127.0.0.1:9/x> INTO GRAPH <urn:g>",
        "CLEAR ALL ; LOAD <http://127.0.0.1:9/x>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    ],
)
def test_service_and_load_are_found_wherever_they_hide(text):
    with pytest.raises(QueryError, match=r"(SERVICE|LOAD) is not allowed"):
        check_safe(text)


def test_what_rdflib_cannot_read_is_refused_even_if_oxigraph_could():
    # Oxigraph reads this (SPARQL 1.2 / RDF-star syntax); rdflib's parser does not
    with pytest.raises(QueryError) as info:
        check_safe("SELECT * WHERE { <<( ?s ?p ?o )>> ?q ?r }")
    assert str(info.value).startswith("<query>:1:18: the query cannot be checked near '<<( ?s ?p ?o )>> ?q ?r }': rdflib's SPARQL parser")
    # a plain syntax error is still called one
    with pytest.raises(QueryError, match=r"^<query>:1:18: SPARQL syntax error"):
        check_safe("SELECT * WHERE { ?s ?p }")


@settings(max_examples=60, deadline=None)
@given(
    noise=st.lists(
        st.sampled_from(["# '''\n", '# """\n', "'''", '"""', "#", "\n", " ", "'", '"', "<", ">", "\\", "{", "}"]),
        max_size=6,
    )
)
def test_no_wrapping_hides_service(noise):
    """Whatever comment and quote noise surrounds it, a SERVICE either is refused or cannot parse."""
    text = "SELECT * WHERE {\n" + "".join(noise) + "\nSERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }\n" + "".join(reversed(noise)) + "\n}\n"
    try:
        check_safe(text)
    except PagError:
        return
    # accepted: then the SERVICE must be inside a string or comment for the engine too
    import pyoxigraph as ox

    from graph.sparqltext import _rdflib_parse, _walk_names

    assert "ServiceGraphPattern" not in set(_walk_names(_rdflib_parse(text, False)))
    ox.Store().query(text)  # an empty store, and the text holds no SERVICE: nothing to connect to


def test_query_worker_memory_cap_names_the_flag(cli, runner):
    res = runner.invoke(
        cli,
        ["query", "-", "--max-memory", "150", "--timeout", "60"],
        input="SELECT ?a ?b ?c WHERE { ?a ?x ?b . ?c ?y ?d } ORDER BY ?a ?b ?c",
    )
    err = one_line_error(res)
    assert "150 MB" in err and "--max-memory" in err


# --- parser bombs ------------------------------------------------------------------


def _entity_bomb(levels: int = 9) -> str:
    decls = ['<!ENTITY e0 "lollollollollollollollollollol">']
    for i in range(1, levels + 1):
        decls.append(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">')
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(decls) + "\n]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
        f'<rdf:Description rdf:about="http://example.org/a"><ex:p>&e{levels};</ex:p></rdf:Description></rdf:RDF>\n'
    )


def test_rdfxml_entity_bomb(cli, runner, tmp_path):
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(_entity_bomb())
    assert len(bomb.read_bytes()) < 1000
    err = one_line_error(runner.invoke(cli, ["-d", str(bomb), "stats"]))
    assert str(bomb) in err and "built from other entities" in err


def test_rdfxml_wide_entity_expansion_is_bounded(cli, runner, tmp_path):
    f = tmp_path / "wide.rdf"
    f.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY big "' + "x" * 10_000 + '">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
        '<rdf:Description rdf:about="http://example.org/a"><ex:p>' + "&big;" * 2000 + "</ex:p></rdf:Description></rdf:RDF>\n"
    )
    err = one_line_error(runner.invoke(cli, ["-d", str(f), "stats"]))
    assert "10,000,000 characters" in err


def test_rdfxml_with_harmless_entities_still_loads(cli, runner, tmp_path):
    f = tmp_path / "owl.rdf"
    f.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
        '<rdf:Description rdf:about="&ex;a"><ex:p>v</ex:p></rdf:Description></rdf:RDF>\n'
    )
    res = runner.invoke(cli, ["-d", str(f), "query", "-", "--format", "csv"], input="SELECT ?s WHERE { ?s ?p ?o }")
    assert res.exit_code == 0 and "http://example.org/a" in res.output


def test_jsonld_nested_5000_deep(cli, runner, tmp_path):
    f = tmp_path / "deep.jsonld"
    f.write_text('{"@id": "http://example.org/a", "http://example.org/p": ' + "[" * 5000 + '"x"' + "]" * 5000 + "}")
    err = one_line_error(runner.invoke(cli, ["-d", str(f), "stats"]))
    assert str(f) in err and "deeper than 100 levels" in err


def test_yaml_alias_bomb_in_argdown_front_matter(cli, runner, tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    f = tmp_path / "bomb.argdown"
    f.write_text("===\n" + "\n".join(lines) + "\n===\n\n[A]: a claim.\n")
    assert len(f.read_bytes()) < 500
    res = runner.invoke(cli, ["import", "argdown", str(f), "-o", str(tmp_path / "out.trig")])
    assert res.exit_code in {1, 2} and "Traceback" not in res.output
    assert "expands to more than 100,000 values" in res.output
    assert not (tmp_path / "out.trig").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"nodes": ' + "[" * 100_000 + "]" * 100_000 + ', "edges": []}', "deeper than 100 levels"),
        ('{"nodes": [{"nodeID": ' + "7" * 5000 + ', "text": "x", "type": "I"}], "edges": []}', "more than 1000 digits"),
    ],
)
def test_aif_bombs(cli, runner, tmp_path, body, message):
    f = tmp_path / "map.json"
    f.write_text(body)
    res = runner.invoke(cli, ["import", "aif", str(f), "-o", str(tmp_path / "out.trig")])
    assert res.exit_code in {1, 2} and "Traceback" not in res.output
    assert message in res.output


@settings(max_examples=80, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5), lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3), max_leaves=30))
def test_load_json_reads_what_json_reads(doc):
    text = json.dumps(doc)
    assert load_json(text, "x.json") == json.loads(text)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet='[]{}"\\ ,x', max_size=300))
def test_json_depth_never_crashes(text):
    try:
        check_json_depth(text, "x.json", limit=20)
    except ParseError as exc:
        assert "deeper than 20 levels" in str(exc)


def test_yaml_aliases_within_the_limit_load():
    assert load_yaml("a: &x 1\nb: *x\n", "f") == {"a": 1, "b": 1}


# --- one-line errors for files and options ---------------------------------------


def test_output_to_a_folder(cli, runner, tmp_path):
    err = one_line_error(runner.invoke(cli, ["-d", str(DEBATE), "export", "-o", str(tmp_path)]))
    assert "is a folder" in err
    err = one_line_error(runner.invoke(cli, ["-d", str(DEBATE), "query", "policies", "-o", str(tmp_path)]))
    assert "is a folder" in err


def test_output_into_a_missing_folder(cli, runner, tmp_path):
    err = one_line_error(runner.invoke(cli, ["-d", str(DEBATE), "export", "-o", str(tmp_path / "no" / "x.trig")]))
    assert "does not exist" in err


def test_output_into_an_unwritable_folder(cli, runner, tmp_path, monkeypatch):
    import errno
    import tempfile

    def refuse(*args, **kwargs):  # what a folder without write permission does (root ignores modes)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    err = one_line_error(runner.invoke(cli, ["-d", str(DEBATE), "export", "-o", str(tmp_path / "x.trig")]))
    assert err == f"Error: cannot write {tmp_path / 'x.trig'}: Permission denied"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_disk_full(cli, runner):
    err = one_line_error(runner.invoke(cli, ["-d", str(DEBATE), "export", "-o", "/dev/full"]))
    assert "No space left on device" in err


def _pag(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, timeout=120, **kw)


def test_closed_stdout():
    res = subprocess.run(
        [sys.executable, "-m", "graph", "-d", str(DEBATE), "stats"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert res.returncode == 2
    assert res.stderr.strip() == "Error: standard output is closed: redirect it or write with -o FILE"


def test_graph_must_be_an_iri(cli, runner, tmp_path):
    err = one_line_error(runner.invoke(cli, ["--store", f"oxigraph:{tmp_path / 'db'}", "load", "--graph", "not an iri", str(DEBATE)]))
    assert "is not an absolute IRI" in err


def test_load_into_a_read_only_store(cli, runner, tmp_path):
    db = tmp_path / "db"
    assert runner.invoke(cli, ["--store", f"oxigraph:{db}", "load", str(DEBATE)]).exit_code == 0
    err = one_line_error(runner.invoke(cli, ["--store", f"oxigraph-ro:{db}", "load", str(DEBATE)]))
    assert "read-only" in err


def test_corrupt_store(cli, runner, tmp_path):
    db = tmp_path / "db"
    assert runner.invoke(cli, ["--store", f"oxigraph:{db}", "load", str(DEBATE)]).exit_code == 0
    (db / "CURRENT").write_text("garbage")
    for spec in (f"oxigraph:{db}", f"oxigraph-ro:{db}"):
        err = one_line_error(runner.invoke(cli, ["--store", spec, "stats"]))
        assert "cannot open Oxigraph store" in err


def test_read_command_on_a_missing_store_creates_nothing(cli, runner, tmp_path):
    db = tmp_path / "typo"
    err = one_line_error(runner.invoke(cli, ["--store", f"oxigraph:{db}", "stats"]))
    assert "no such folder" in err and not db.exists()
    # `pag load` may create it
    assert runner.invoke(cli, ["--store", f"oxigraph:{db}", "load", str(DEBATE)]).exit_code == 0
    assert runner.invoke(cli, ["--store", f"oxigraph:{db}", "stats"]).exit_code == 0


def test_stdin_dash_and_dev_stdin(tmp_path):
    text = DEBATE.read_text()
    for arg in ("-", "/dev/stdin"):
        res = _pag("-d", arg, "stats", "--format", "json", input=text)
        assert res.returncode == 0, res.stderr
        assert json.loads(res.stdout)["policies"] == 2


def test_bom_is_accepted(cli, runner, tmp_path):
    f = tmp_path / "bom.trig"
    f.write_bytes(b"\xef\xbb\xbf" + DEBATE.read_bytes())
    res = runner.invoke(cli, ["-d", str(f), "stats", "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.output)["policies"] == 2


def test_folders_and_pipes_are_not_no_such_file(cli, runner, tmp_path):
    err = one_line_error(runner.invoke(cli, ["-d", str(tmp_path), "stats"]))
    assert "is a folder" in err
    fifo = tmp_path / "pipe.trig"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w") as fh:
            fh.write(DEBATE.read_text())

    t = threading.Thread(target=feed)
    t.start()
    res = runner.invoke(cli, ["-d", str(fifo), "stats", "--format", "json"])
    t.join(timeout=10)
    assert res.exit_code == 0 and json.loads(res.output)["policies"] == 2


def test_multi_file_load_is_all_or_nothing(cli, runner, tmp_path):
    db = tmp_path / "db"
    assert runner.invoke(cli, ["--store", f"oxigraph:{db}", "load", str(DEBATE)]).exit_code == 0
    good = tmp_path / "good.trig"
    good.write_text("<urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> . }\n")
    bad = tmp_path / "bad.trig"
    bad.write_text("<urn:x:a> <urn:x:b> .\n")
    err = one_line_error(runner.invoke(cli, ["--store", f"oxigraph:{db}", "load", str(good), str(bad)]))
    assert str(bad) in err
    res = runner.invoke(cli, ["--store", f"oxigraph:{db}", "query", "-"], input="ASK { GRAPH ?g { <urn:x:a> ?p ?o } }")
    assert res.output.strip() == "false"


def test_killed_write_leaves_a_temp_file_the_next_write_removes(cli, runner, tmp_path):
    out = tmp_path / "x.trig"
    # what `kill -9` during an export leaves: a temporary file of a process now gone
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f".x.trig.pag-{dead.pid}-abcd.tmp"
    left.write_text("partial")
    assert runner.invoke(cli, ["-d", str(DEBATE), "export", "-o", str(out)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.trig"]


def test_sigterm_during_export_leaves_no_temp_file(tmp_path):
    out = tmp_path / "x.nq"
    proc = subprocess.Popen([sys.executable, "-m", "graph", "export", "--format", "nquads", "-o", str(out)])
    time.sleep(1.0)
    proc.terminate()
    proc.wait(timeout=60)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- untrusted text made inert ------------------------------------------------------


@pytest.fixture
def hostile(tmp_path) -> Path:
    f = tmp_path / "hostile.trig"
    f.write_text(
        "@prefix pag: <https://w3id.org/pag#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<urn:x:g> { <urn:x:p> a pag:Policy ; rdfs:label \"=HYPERLINK(\\\"http://evil/\\\")\" . "
        "<urn:x:c> a pag:Claim ; rdfs:label \"red\\u001b[31mALERT\\u202egnp.exe <script>x</script> | pipe\" ; pag:supports <urn:x:p> . }\n"
    )
    return f


def test_terminal_and_markdown_output_is_inert(cli, runner, hostile):
    q = "SELECT ?l WHERE { ?c a pag:Claim ; rdfs:label ?l }"
    table = runner.invoke(cli, ["-d", str(hostile), "query", "-"], input=q).output
    assert "\x1b" not in table and "\u202e" not in table
    assert "\\x1b[31m" in table and "\\u202e" in table
    md = runner.invoke(cli, ["-d", str(hostile), "query", "-", "--format", "md"], input=q).output
    assert "\x1b" not in md and "\u202e" not in md and "<script>" not in md and "&lt;script&gt;" in md
    chains = runner.invoke(cli, ["-d", str(hostile), "chains", "urn:x:p"]).output
    assert "\x1b" not in chains and "\u202e" not in chains


def test_csv_formula_cells_are_neutralised(cli, runner, hostile, tmp_path):
    out = runner.invoke(cli, ["-d", str(hostile), "query", "-", "--format", "csv"], input="SELECT ?l WHERE { ?p a pag:Policy ; rdfs:label ?l }").output
    assert out.splitlines()[1] == "\"'=HYPERLINK(\"\"http://evil/\"\")\""
    folder = tmp_path / "tables"
    assert runner.invoke(cli, ["-d", str(hostile), "export", "--format", "csv", "-o", str(folder)]).exit_code == 0
    nodes = (folder / "nodes.csv").read_text()
    assert "'=HYPERLINK" in nodes
    # and reading it back gives the label as it was
    back = tmp_path / "back.trig"
    assert runner.invoke(cli, ["import", "csv", str(folder), "-o", str(back)]).exit_code == 0
    res = runner.invoke(cli, ["-d", str(back), "query", "-", "--format", "tsv"], input="SELECT ?l WHERE { ?p a pag:Policy ; rdfs:label ?l }")
    assert '"=HYPERLINK(\\"http://evil/\\")"' in res.output


def test_a_5mb_label_is_cut_for_display(cli, runner, tmp_path):
    f = tmp_path / "big.trig"
    f.write_text(
        "@prefix pag: <https://w3id.org/pag#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'<urn:x:g> {{ <urn:x:p> a pag:Policy ; rdfs:label "big policy" . <urn:x:c> a pag:Claim ; rdfs:label "{"A" * 5_000_000}" ; pag:supports <urn:x:p> . }}\n'
    )
    res = runner.invoke(cli, ["-d", str(f), "chains", "big policy"])
    assert res.exit_code == 0 and len(res.output) < 20_000 and "…" in res.output


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_inert_leaves_no_control_or_bidi_character(text):
    out = inert(text)
    for c in out:
        assert c in "\t\n" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_csv_cells_round_trip_and_never_start_a_formula(text):
    cell = csv_cell(text)
    assert uncsv_cell(cell) == text
    if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        float(cell)  # only numbers may


def test_query_file_that_is_a_folder_or_a_pipe(cli, runner, tmp_path):
    err = one_line_error(runner.invoke(cli, ["-d", str(DEBATE), "query", str(tmp_path)]))
    assert "is a folder" in err
    fifo = tmp_path / "q.rq"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w") as fh:
            fh.write("ASK { ?s ?p ?o }")

    t = threading.Thread(target=feed)
    t.start()
    res = runner.invoke(cli, ["-d", str(DEBATE), "query", str(fifo)])
    t.join(timeout=10)
    assert res.exit_code == 0 and res.output.strip() == "true"


def test_killed_site_build_leaves_the_old_site_or_the_new_one(tmp_path):
    import re

    out = tmp_path / "site"
    first = _pag("-q", "-d", str(FIXTURES / "tiny.trig"), "site", str(out))
    assert first.returncode == 0, first.stderr
    proc = subprocess.Popen([sys.executable, "-m", "graph", "-q", "site", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3.0)  # the bundled corpus takes longer than this to build here
    proc.kill()
    proc.wait(timeout=30)
    manifest = json.loads((out / ".pag-site.json").read_text())["files"]
    present = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != ".pag-site.json")
    assert present == sorted(manifest)  # one build's files, all of them, nothing else
    index = (out / "index.html").read_text()
    for link in re.findall(r'href="([^"#?:]+\.html)"', index):
        assert (out / link).is_file(), link
    # the staging folder of the killed build goes with the next build
    assert _pag("-q", "-d", str(FIXTURES / "tiny.trig"), "site", str(out)).returncode == 0
    assert not [p for p in tmp_path.iterdir() if ".pag-build-" in p.name]


def test_an_unforeseen_failure_is_still_one_line(cli, runner, monkeypatch):
    import graph.report

    def boom(*args, **kwargs):
        raise ValueError("something pag did not foresee\nsecond line")

    monkeypatch.setattr(graph.report, "print_stats", boom)
    monkeypatch.delenv("PAG_DEBUG", raising=False)
    err = one_line_error(runner.invoke(cli, ["-d", str(DEBATE), "stats"]))
    assert err.startswith("Error: unexpected ValueError: something pag did not foresee (a bug in pag")
    monkeypatch.setenv("PAG_DEBUG", "1")
    res = runner.invoke(cli, ["-d", str(DEBATE), "stats"])
    assert isinstance(res.exception, ValueError)
