"""AIF import/export: real AIFdb maps (counts tallied independently from the raw
JSON), messy maps, round trips (samples and hypothesis), and the CLI."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from graph.interop._common import ImportSummary
from graph.interop.aif import import_aif, map_to_quads, split_speaker, to_aif, unwrap
from graph.namespace import PAG
from graph.stores import open_store

MESSY = Path(__file__).resolve().parent / "fixtures" / "interop_aif_messy"
SRC = "https://w3id.org/pag/id/source/aif-"


def tally(path: Path) -> dict:
    """An independent count of a raw AIF file (no pag code)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    if "AIF" in doc:
        doc = doc["AIF"]
    return {
        "nodes": Counter(n["type"] for n in doc["nodes"]),
        "edges": len(doc["edges"]),
        "locutions": len(doc.get("locutions", [])),
    }


def key_nodes(doc):
    return sorted(tuple(sorted((k, str(v)) for k, v in n.items())) for n in doc["nodes"])


def key_edges(doc):
    return sorted((str(e["fromID"]), str(e["toID"])) for e in doc["edges"])


def key_locutions(doc):
    return sorted(tuple(sorted((k, str(v)) for k, v in x.items())) for x in doc.get("locutions", []))


def empty_store():
    return open_store("memory", data=[])


# ---------------------------------------------------------------------------
# the real samples


def test_samples_import_with_counts_matching_an_independent_tally(interop_samples):
    files = sorted((interop_samples / "aif").glob("*.json"))
    assert len(files) == 4
    store = empty_store()
    summary = import_aif(files, store)
    expected_nodes: Counter = Counter()
    expected_edges = expected_locutions = 0
    for f in files:
        t = tally(f)
        expected_nodes += t["nodes"]
        expected_edges += t["edges"]
        expected_locutions += t["locutions"]
    assert summary.ok and summary.failed == []
    assert summary.maps == 4 and summary.files == 4
    assert summary.nodes == expected_nodes
    assert summary.nodes_read == sum(expected_nodes.values()) == 425
    assert summary.edges == summary.edges_read == expected_edges == 432
    assert summary.locutions == expected_locutions == 69
    assert summary.skipped_items == []
    # one named graph per map, named by the map's Source
    assert store.graph_names() == sorted(SRC + f.stem.replace("_", "-") for f in files)
    stats = store.stats(by_source=False)
    assert stats.claims == expected_nodes["I"] == 64
    assert stats.sources == 4


@pytest.mark.parametrize("name", ["nodeset18885", "nodeset21145", "nodeset21147", "test_map1"])
def test_sample_per_map_counts(interop_samples, name):
    path = interop_samples / "aif" / f"{name}.json"
    store = empty_store()
    summary = import_aif([path], store)
    t = tally(path)
    assert summary.nodes == t["nodes"]
    assert summary.edges == t["edges"]
    assert summary.locutions == t["locutions"]
    # every RA becomes an Inference, every CA a Conflict, in the map's graph
    rows = store.query(
        "PREFIX pag: <https://w3id.org/pag#> SELECT ?c (COUNT(?n) AS ?k) WHERE { GRAPH ?g { ?n a ?c } } GROUP BY ?c"
    ).rows
    counts = {str(c).rsplit("#", 1)[-1]: int(k.toPython()) for c, k in rows}
    assert counts.get("Inference", 0) == t["nodes"]["RA"]
    assert counts.get("Conflict", 0) == t["nodes"]["CA"]
    assert counts.get("Locution", 0) == t["nodes"]["L"]
    assert counts.get("Claim", 0) == t["nodes"]["I"]


@pytest.mark.parametrize("name", ["nodeset18885", "nodeset21145", "nodeset21147", "test_map1"])
def test_sample_round_trip_is_exact(interop_samples, name):
    path = interop_samples / "aif" / f"{name}.json"
    original = json.loads(path.read_text(encoding="utf-8"))
    store = empty_store()
    import_aif([path], store)
    doc, report = to_aif(store.quads())
    assert key_nodes(doc) == key_nodes(original)
    assert key_edges(doc) == key_edges(original)
    assert key_locutions(doc) == key_locutions(original)
    assert report["omitted_stances"] == 0


def test_supports_keep_scheme_and_linked_premises(interop_samples):
    store = empty_store()
    import_aif([interop_samples / "aif" / "nodeset21147.json"], store)
    rows = store.query(
        """PREFIX pag: <https://w3id.org/pag#>
        SELECT ?ra (COUNT(DISTINCT ?p) AS ?n) (SAMPLE(?s) AS ?scheme) WHERE {
          ?ra a pag:Inference ; pag:premise ?p ; pag:conclusion ?c ; pag:scheme ?s .
          ?p pag:supports ?c } GROUP BY ?ra"""
    ).rows
    assert rows, "inferences with premises, conclusion and scheme"
    assert {str(r[2]) for r in rows} == {"Default Inference"}
    assert len(rows) == 8  # every RA of the map


def test_linked_premises_stay_linked():
    # the samples have no multi-premise RA: node 14 of xaif.json has two premises
    store = empty_store()
    import_aif([MESSY / "xaif.json"], store)
    rows = store.query(
        """PREFIX pag: <https://w3id.org/pag#>
        SELECT ?ra (COUNT(DISTINCT ?p) AS ?n) WHERE { ?ra a pag:Inference ; pag:premise ?p ; pag:conclusion ?c } GROUP BY ?ra"""
    ).rows
    assert [(str(r[0]).rsplit("-", 1)[-1], int(r[1].toPython())) for r in rows] == [("14", 2)]
    doc, _ = to_aif(store.quads())
    into_ra = sorted(e["fromID"] for e in doc["edges"] if e["toID"] == "14")
    assert into_ra == ["11", "15"]


def test_speakers_from_text_prefix_assert_their_claims(interop_samples):
    store = empty_store()
    import_aif([interop_samples / "aif" / "nodeset18885.json"], store)
    rows = store.query(
        """PREFIX pag: <https://w3id.org/pag#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name ?text WHERE { ?a pag:asserts ?c ; rdfs:label ?name . ?c pag:quote ?text }"""
    ).rows
    said = {(str(n), str(t)) for n, t in rows}
    assert ("Lisa Nandy", "positive steps is just what we’re asking") in said
    assert ("James Cleverly", "we are moving in the right direction") in said


def test_imported_samples_satisfy_the_shapes(interop_samples, tmp_path):
    from graph.validate import validate

    store = empty_store()
    import_aif(sorted((interop_samples / "aif").glob("*.json")), store)
    rep = validate(store, files=[])
    assert rep.conforms, rep.as_dict()


def test_split_speaker():
    assert split_speaker("AudienceMember 20210912QT02: My parents both had COVID") == (
        "AudienceMember 20210912QT02",
        "My parents both had COVID",
    )
    assert split_speaker("Why? Because: reasons") == (None, "Why? Because: reasons")


# ---------------------------------------------------------------------------
# messy maps: nothing dropped silently, no traceback


def test_messy_map_skips_are_listed_with_reasons():
    store = empty_store()
    summary = import_aif([MESSY / "messy.json"], store)
    assert summary.ok
    reasons = Counter((d["what"], d["id"], d["reason"]) for d in summary.skipped_items)
    assert reasons == Counter(
        {
            ("node", "2", "duplicate nodeID (same node)"): 1,
            ("node", "'no id here'", "no nodeID"): 1,
            ("locution", "42", "its nodeID is not a node of the map"): 1,
            ("edge", "5", "edge to a missing node"): 1,
            ("edge", "6", "duplicate edge (same fromID and toID)"): 1,
            ("edge", "7", "self-loop (from and to the same node)"): 1,
            ("edge", "11", "no fromID or toID"): 1,
        }
    )
    # read = imported + skipped, for nodes and edges
    skipped = Counter(d["what"] for d in summary.skipped_items)
    assert summary.nodes_read == sum(summary.nodes.values()) + skipped["node"] == 10
    assert summary.edges_read == summary.edges + skipped["edge"] == 11
    assert summary.nodes == Counter({"I": 4, "RA": 2, "CA": 1, "XX": 1})
    # int and string ids are the same node; the unknown type is kept
    assert summary.relations == Counter({"supports": 2, "attacks": 1})
    messages = " | ".join(w["message"] for w in summary.warnings)
    assert "type pag does not know ('XX')" in messages
    assert "I-node 8 has no text" in messages
    assert "1 cycle(s)" in messages
    unknown = store.query(
        "PREFIX pag: <https://w3id.org/pag#> SELECT ?t WHERE { ?n a pag:AifNode ; pag:aifType ?t }"
    ).rows
    assert ("XX",) in {(str(r[0]),) for r in unknown}


def test_xaif_wrapper_participants_and_rephrase():
    store = empty_store()
    summary = import_aif([MESSY / "xaif.json"], store)
    assert summary.nodes == Counter({"I": 4, "L": 1, "YA": 1, "RA": 1, "MA": 1})
    assert summary.relations == Counter({"supports": 2, "rephrases": 1, "asserts": 1})
    rows = store.query(
        """PREFIX pag: <https://w3id.org/pag#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name ?c WHERE { ?l pag:speaker ?a . ?a rdfs:label ?name ; pag:asserts ?c }"""
    ).rows
    assert [(str(n), str(c).rsplit("-", 1)[-1]) for n, c in rows] == [("Ada Lovelace", "11")]
    doc, _ = to_aif(store.quads())
    assert doc["participants"] == [{"participantID": 7, "firstname": "Ada", "surname": "Lovelace"}]
    assert doc["schemefulfillments"] == [] and doc["descriptorfulfillments"] == []
    assert [w["message"] for w in summary.warnings] == ["xAIF fields outside 'AIF' not imported: dialog, text"]
    assert key_edges(doc) == key_edges(unwrap(json.loads((MESSY / "xaif.json").read_text())))


def test_empty_and_bad_files_in_a_folder():
    store = empty_store()
    summary = import_aif([MESSY], store)
    failed = {Path(f["file"]).name: f["error"] for f in summary.failed}
    assert set(failed) == {"broken.json", "notamap.json"}
    assert failed["broken.json"].endswith("broken.json:2:16: not valid JSON: Expecting ',' delimiter")
    assert "not an AIF map" in failed["notamap.json"]
    assert summary.maps == 4 and summary.files == 6
    assert SRC + "empty" in store.graph_names()


def test_cycle_is_imported_and_reported():
    store = empty_store()
    summary = import_aif([MESSY / "cycle.json"], store)
    assert summary.relations["supports"] == 2
    assert [w["message"] for w in summary.warnings] == ["1 cycle(s) of supports/attacks between I-nodes (imported as found)"]


def test_same_file_name_twice_gets_distinct_graphs(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "map.json").write_text((MESSY / "cycle.json").read_text())
    store = empty_store()
    summary = import_aif([tmp_path], store)
    assert store.graph_names() == [SRC + "map", SRC + "map-2"]
    assert any("already named 'map'" in w["message"] for w in summary.warnings)


# ---------------------------------------------------------------------------
# export of native pag data


def test_export_of_native_graph(tiny):
    store = open_store("memory", data=[tiny])
    doc, report = to_aif(store.quads())
    types = Counter(n["type"] for n in doc["nodes"])
    # 2 claims + 2 evidence + 1 policy; 2 supports -> RA, 2 attacks -> CA; 2 asserts -> L + YA
    assert types == Counter({"I": 5, "RA": 2, "CA": 2, "L": 2, "YA": 2})
    assert report["omitted_stances"] == 2
    assert len(doc["edges"]) == 2 * 2 + 2 * 2 + 2 * 2
    texts = {n["text"] for n in doc["nodes"] if n["type"] == "L"}
    assert "Alice : Prosecuting every case saves lives" in texts
    # nothing invented: the speakers are named in the L-node text, not in a made-up participants list
    assert "participants" not in doc
    assert sorted(x["personID"] for x in doc["locutions"]) == ["1", "2"]

    # and back: the argument relations survive
    again = empty_store()
    import_aif_doc(doc, again)
    rows = again.query("PREFIX pag: <https://w3id.org/pag#> SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p IN (pag:supports, pag:attacks)) }").rows
    assert len(rows) == 4


def import_aif_doc(doc, store, name="doc"):
    from graph.interop._common import nquads

    summary = ImportSummary("aif")
    store.load_text(nquads(map_to_quads(doc, name, summary)), "nquads")
    return summary


# ---------------------------------------------------------------------------
# hypothesis: any well-formed map round-trips exactly

TYPES = ["I", "I", "I", "L", "RA", "CA", "MA", "YA", "TA", "PA", "ZZ"]


@st.composite
def aif_maps(draw):
    n = draw(st.integers(min_value=0, max_value=14))
    ids = draw(st.lists(st.one_of(st.integers(0, 10_000), st.from_regex(r"[A-Za-z0-9_]{1,8}", fullmatch=True)), min_size=n, max_size=n, unique_by=str))
    nodes = []
    for i in ids:
        t = draw(st.sampled_from(TYPES))
        node = {"nodeID": i, "text": draw(st.text(min_size=1, max_size=20).filter(lambda s: s.strip() and not s.startswith("(empty"))), "type": t}
        if t not in ("I", "L") and draw(st.booleans()):
            node["scheme"] = draw(st.sampled_from(["Default Inference", "Argument From Expert Opinion", "Asserting"]))
        if draw(st.booleans()):
            node["timestamp"] = f"2021-05-17 10:2{draw(st.integers(0, 9))}:00"
        nodes.append(node)
    edges = []
    if len(ids) >= 2:
        pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=20, unique_by=lambda p: (str(p[0]), str(p[1]))))
        edges = [{"edgeID": k, "fromID": f, "toID": t} for k, (f, t) in enumerate(pairs) if str(f) != str(t)]
    locs = [{"nodeID": nd["nodeID"], "personID": draw(st.integers(1, 3))} for nd in nodes if nd["type"] == "L"]
    return {"nodes": nodes, "edges": edges, "locutions": locs}


def _norm(doc):
    nodes = sorted((str(n["nodeID"]), n["type"], n["text"], n.get("scheme"), n.get("timestamp")) for n in doc["nodes"])
    return nodes, key_edges(doc), sorted((str(x["nodeID"]), str(x.get("personID"))) for x in doc["locutions"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(aif_maps())
def test_round_trip_property(doc):
    store = empty_store()
    summary = import_aif_doc(doc, store)
    assert summary.skipped_items == []
    assert summary.edges == len(doc["edges"])
    back, _ = to_aif(store.quads())
    assert _norm(back) == _norm(doc)
    # every I-node, inference and conflict is there
    assert Counter(n["type"] for n in back["nodes"]) == Counter(n["type"] for n in doc["nodes"])


# ---------------------------------------------------------------------------
# CLI


def test_cli_memory_store_needs_output(cli, runner, interop_samples):
    res = runner.invoke(cli, ["import", "aif", str(interop_samples / "aif" / "test_map1.json")])
    assert res.exit_code == 2
    assert res.output.startswith("Error: --store memory does not keep what is imported: give -o FILE.trig")


def test_cli_import_to_file_and_json_summary(cli, runner, interop_samples, tmp_path):
    # the four top-level sample maps (shared/ also holds a dialam-eval folder now)
    maps = tmp_path / "maps"
    maps.mkdir()
    for f in sorted((interop_samples / "aif").glob("*.json")):
        (maps / f.name).write_bytes(f.read_bytes())
    out = tmp_path / "maps.trig"
    res = runner.invoke(cli, ["import", "aif", str(maps), "-o", str(out), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["maps"] == 4 and data["nodes_total"] == 425 and data["edges"] == 432
    assert data["nodes"] == {"CA": 5, "I": 64, "L": 145, "MA": 7, "RA": 18, "TA": 65, "YA": 121}
    assert data["output"] == str(out)
    assert set(data) >= {"format", "files", "failed", "nodes_read", "edges_read", "locutions", "speakers", "relations", "skipped", "skipped_items", "warnings", "graphs", "statements"}
    # the written file holds the maps, one graph each
    res = runner.invoke(cli, ["--data", str(out), "stats", "--format", "json"])
    assert json.loads(res.stdout)["claims"] == 64
    assert json.loads(res.stdout)["graphs"] == 4


def test_cli_text_summary_and_stdout(cli, runner, interop_samples):
    res = runner.invoke(cli, ["import", "aif", str(interop_samples / "aif" / "nodeset18885.json"), "-o", "-"])
    assert res.exit_code == 0
    assert res.stdout.lstrip().startswith("@prefix") or "GRAPH" in res.stdout or "{" in res.stdout
    assert "Imported 1 map(s) from 1 file(s) into stdout" in res.stderr
    assert "nodes:     56 of 56 read (CA 3, I 9, L 19, RA 2, TA 9, YA 14)" in res.stderr


def test_cli_bad_files_exit_1_with_error_lines(cli, runner, tmp_path):
    res = runner.invoke(cli, ["import", "aif", str(MESSY), "-o", str(tmp_path / "m.trig")])
    assert res.exit_code == 1
    assert "Error: " in res.stderr and "broken.json:2:16: not valid JSON" in res.stderr
    assert "Traceback" not in res.output
    assert (tmp_path / "m.trig").exists()


def test_cli_missing_path_and_bad_suffix(cli, runner, tmp_path):
    res = runner.invoke(cli, ["import", "aif", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.trig")])
    assert res.exit_code == 2 and "no such file or folder" in res.output
    res = runner.invoke(cli, ["import", "aif", str(MESSY / "cycle.json"), "-o", str(tmp_path / "x.ttl")])
    assert res.exit_code == 2 and "write imports to a .trig or .nq file" in res.output
    assert not (tmp_path / "x.ttl").exists()


def test_cli_persistent_store_and_export(cli, runner, interop_samples, tmp_path):
    db = tmp_path / "db"
    res = runner.invoke(cli, ["--store", f"oxigraph:{db}", "import", "aif", str(interop_samples / "aif" / "nodeset21145.json")])
    assert res.exit_code == 0, res.output
    assert f"into oxigraph:{db}" in res.stdout
    res = runner.invoke(cli, ["--store", f"oxigraph:{db}", "export", "--format", "aif", "-o", str(tmp_path / "back.json")])
    assert res.exit_code == 0, res.output
    back = json.loads((tmp_path / "back.json").read_text())
    original = json.loads((interop_samples / "aif" / "nodeset21145.json").read_text())
    assert key_nodes(back) == key_nodes(original)
    assert key_edges(back) == key_edges(original)
    res = runner.invoke(cli, ["--store", f"oxigraph:{db}", "import", "aif", str(MESSY / "cycle.json"), "-o", str(tmp_path / "x.trig")])
    assert res.exit_code == 2 and "leave out -o" in res.output


def test_cli_export_aif_notes_omitted_stances(cli, runner, tiny):
    res = runner.invoke(cli, ["--data", str(tiny), "export", "--format", "aif"])
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert Counter(n["type"] for n in doc["nodes"])["I"] == 5
    assert "2 advocates/opposes statements were not written" in res.stderr


def test_imported_claim_iri_is_stable(interop_samples):
    store = empty_store()
    import_aif([interop_samples / "aif" / "nodeset18885.json"], store)
    claim = URIRef("https://w3id.org/pag/id/claim/aif-nodeset18885-572545")
    rows = store.query("SELECT ?t WHERE { ?c a ?t }", bindings={"c": claim}).rows
    assert (PAG.Claim,) in rows


def test_hidden_files_and_macosx_folders_are_not_read(tmp_path):
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._map.json").write_bytes(b"\x00\x05\x16\x07binary")
    (tmp_path / ".hidden.json").write_text("{}")
    (tmp_path / "map.json").write_text((MESSY / "cycle.json").read_text())
    summary = import_aif([tmp_path], empty_store())
    assert summary.ok and summary.maps == 1 and summary.files == 1
    assert any("2 hidden .json file(s) not read" in w["message"] for w in summary.warnings)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["nodeID", "type", "text", "fromID", "toID", "id", "x"]), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "nodes": st.lists(json_values, max_size=6) | json_values,
            "edges": st.lists(json_values, max_size=6) | json_values,
            "locutions": st.lists(json_values, max_size=3) | json_values,
            "participants": st.lists(json_values, max_size=3),
        },
    )
)
def test_any_json_object_imports_or_fails_cleanly(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("fuzz") / "m.json"
    path.write_text(json.dumps(doc))
    summary = import_aif([path], empty_store())  # never raises
    if summary.ok:
        skipped = Counter(d["what"] for d in summary.skipped_items)
        assert summary.nodes_read == sum(summary.nodes.values()) + skipped["node"]
        assert summary.edges_read == summary.edges + skipped["edge"]
    else:
        assert summary.failed[0]["file"] == str(path)


def test_shapes_warn_about_an_inference_without_premise():
    from graph.validate import validate

    store = empty_store()
    import_aif_doc({"nodes": [{"nodeID": 1, "text": "A", "type": "I"}, {"nodeID": 2, "text": "Default Inference", "type": "RA"}],
                    "edges": [{"edgeID": 1, "fromID": 2, "toID": 1}]}, store, name="lonely")
    rep = validate(store, files=[])
    assert rep.conforms
    warnings = [p for p in rep.problems if p.severity == "warning"]
    assert len(warnings) == 1 and "inference (RA) without a premise" in warnings[0].message


def test_all_inputs_broken_writes_no_file(cli, runner, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"nodes": [', encoding="utf-8")
    out = tmp_path / "out.trig"
    res = runner.invoke(cli, ["import", "aif", str(bad), "-o", str(out)])
    assert res.exit_code == 1
    assert "no file (nothing could be imported)" in res.output
    assert f"Error: {bad}:1:" in res.output or f"Error: {bad}:2:" in res.output
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["broken.json"]


# ---------------------------------------------------------------------------
# lossless where AIF has a place (issue 18)


def _exact(doc):
    """A map as comparable data: every node field, every edge field, every locution record."""
    nodes = sorted(json.dumps({k: str(v) for k, v in n.items()}, sort_keys=True) for n in doc["nodes"])
    edges = sorted(json.dumps({k: str(v) for k, v in e.items()}, sort_keys=True) for e in doc["edges"])
    locs = sorted(json.dumps({k: str(v) for k, v in x.items()}, sort_keys=True) for x in doc.get("locutions", []))
    return nodes, edges, locs, sorted(k for k in doc if k not in ("nodes", "edges", "locutions"))


def _all_samples(interop_samples):
    return sorted((interop_samples / "aif").rglob("*.json"))


def test_every_sample_round_trips_exactly_with_edge_fields(interop_samples):
    files = _all_samples(interop_samples)
    assert len(files) == 15  # 4 maps + 11 QT30 DialAM evaluation maps
    for path in files:
        original = json.loads(path.read_text(encoding="utf-8"))
        store = empty_store()
        summary = import_aif([path], store)
        assert summary.skipped_items == [], path
        doc, _ = to_aif(store.quads())
        assert _exact(doc) == _exact(original), path.name
    formed = json.loads((interop_samples / "aif" / "nodeset18885.json").read_text())
    assert all("formEdgeID" in e for e in formed["edges"])


def test_locution_records_with_their_own_times_are_all_kept(tmp_path):
    doc = {"nodes": [{"nodeID": 1, "text": "Ann Lee: we must act", "type": "L"}],
           "edges": [],
           "locutions": [{"nodeID": 1, "personID": 4, "start": "2021-05-17 10:20:00", "end": None},
                         {"nodeID": 1, "personID": 4, "start": "2021-05-17 10:21:30", "end": "2021-05-17 10:22:00"},
                         {"nodeID": 1, "personID": 4, "start": "2021-05-17 10:20:00", "end": None}]}  # fmt: skip
    store = empty_store()
    summary = import_aif_doc(doc, store)
    # every record counts, as an independent tally of the map counts them; the exact repeat is pointed out
    assert summary.locutions == 3 and summary.skipped_items == []
    assert [w["message"] for w in summary.warnings] == [
        "1 locution record(s) repeat another of the same node exactly: kept, as in the map"
    ]
    back, report = to_aif(store.quads())
    assert report["locutions"] == 3
    assert back["locutions"] == [{**x, "nodeID": "1"} for x in doc["locutions"]]  # in their order
    assert "participants" not in back


def test_annotator_prefix_is_not_a_speaker():
    doc = {"nodes": [{"nodeID": 1, "text": "Steffi: AudienceMember 20210912QT02: did what we were told", "type": "L"},
                     {"nodeID": 2, "text": "Fiona Bruce: the question is: who pays", "type": "L"}],
           "edges": [], "locutions": []}  # fmt: skip
    store = empty_store()
    import_aif_doc(doc, store)
    names = sorted(str(r[0]) for r in store.query(
        "PREFIX pag: <https://w3id.org/pag#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?n WHERE { ?l pag:speaker ?a . ?a rdfs:label ?n }").rows)  # fmt: skip
    assert names == ["AudienceMember 20210912QT02", "Fiona Bruce"]


def test_merge_shared_nodes_keeps_each_maps_provenance(tmp_path, cli, runner):
    a = {"nodes": [{"nodeID": 7, "text": "Prices rose", "type": "I"}, {"nodeID": 8, "text": "Inflation", "type": "I"},
                   {"nodeID": 9, "text": "Default Inference", "type": "RA"}],
         "edges": [{"edgeID": 1, "fromID": 7, "toID": 9}, {"edgeID": 2, "fromID": 9, "toID": 8}], "locutions": []}
    b = {"nodes": [{"nodeID": 7, "text": "Prices rose", "type": "I"}], "edges": [], "locutions": []}  # fmt: skip
    (tmp_path / "a.json").write_text(json.dumps(a))
    (tmp_path / "b.json").write_text(json.dumps(b))
    q = "PREFIX pag: <https://w3id.org/pag#> SELECT DISTINCT ?n ?g WHERE { GRAPH ?g { ?n a pag:Claim ; pag:quote 'Prices rose' } }"
    for flag, nodes in (([], 2), (["--merge-shared"], 1)):
        out = tmp_path / f"x{len(flag)}.trig"
        res = runner.invoke(cli, ["import", "aif", str(tmp_path / "a.json"), str(tmp_path / "b.json"), *flag, "-o", str(out)])
        assert res.exit_code == 0, res.output
        rows = open_store("memory", data=[out]).query(q).rows
        assert len({r[0] for r in rows}) == nodes
        assert sorted(str(r[1]).rsplit("-", 1)[1] for r in rows) == ["a", "b"]  # stated in both maps' graphs
