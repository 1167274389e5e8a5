"""`pag add` on a real project changes only what the change needs — and gives the same
result as doing everything afresh: the store updated in place holds the quads a fresh
rebuild from data/ holds, the dataset read back holds what a fresh read holds, and the
whole dataset validates the same way; files written by hand (the bundled corpus copied
by `pag init --from-bundled`) keep every byte, comments included."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from graph.authoring import Authoring, AuthoringError
from graph.project import SECTION, _from_ox, _stable_bnodes, find_project, graphs_of, init_project
from graph.resources import corpus_files
from graph.validate import validate

MJ = "source:motherjones-2018-sessions-fentanyl-dealers"
DPA = "source:dpa-2020-criminal-justice-reform-fentanyl-era"


def _by_graph(quads) -> dict[str, set]:
    per: dict[str, list] = defaultdict(list)
    for s, p, o, g in quads:
        per[g].append((s, p, o))
    return {g: set(_stable_bnodes(ts)) for g, ts in per.items() if ts}


def _store_quads(path: Path) -> dict[str, set]:
    store = ox.Store.read_only(str(path))
    return _by_graph(
        (_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object), getattr(q.graph_name, "value", ""))
        for q in store
    )


def _dataset_quads(ds) -> dict[str, set]:
    return _by_graph((s, p, o, str(getattr(g, "identifier", g))) for s, p, o, g in ds.quads((None, None, None, None)))


def _fresh(root: Path) -> Authoring:
    """A new Authoring on a new Project object: what a new `pag` process sees."""
    proj = find_project(root)
    assert proj is not None
    return Authoring(proj)


def _same_as_from_scratch(root: Path, kept: Authoring) -> None:
    proj = find_project(root)
    assert proj is not None and not proj.is_stale()
    incremental = _store_quads(proj.store_path)
    fresh_ds = proj.load_dataset()
    # the dataset the long-lived Authoring updated in memory = a fresh read of data/
    assert _dataset_quads(kept.dataset()) == _dataset_quads(fresh_ds)
    proj.rebuild_store()
    assert _store_quads(proj.store_path) == incremental


@pytest.mark.slow
def test_incremental_adds_and_undos_equal_a_fresh_rebuild(tmp_path, seeds):
    root = tmp_path / "b"
    init_project(root, from_bundled=True, texts=seeds)
    before = validate(find_project(root).load_dataset())  # type: ignore[union-attr]
    text = tmp_path / "note.txt"
    text.write_text("Desk Note\n\nThe desk said the surge targets sellers. Deaths rose by 9 percent in 2019.\n")
    kept = _fresh(root)  # the annotator's: one Authoring over many changes
    kept.add_node("claim", source=MJ, label="Sessions has a plan", quote="Attorney General Jeff Sessions has a new plan")
    _fresh(root).add_node("claim", source=DPA, label="DPA on fentanyl", quote="fentanyl")
    _fresh(root).add_source(text, title="Desk Note")
    kept.add_node("evidence", source="source:desk-note", label="Deaths rose 9%", quote="Deaths rose by 9 percent in 2019",
                  value="9", unit="percent")  # fmt: skip
    kept.add_link("Deaths rose 9%", "supports", "claim:sessions-has-a-plan", rationale="a test link")
    with pytest.raises(AuthoringError):
        kept.add_node("claim", source=MJ, label="Not there", quote="words that are not in the text")
    _same_as_from_scratch(root, kept)
    assert _fresh(root).undo() and _fresh(root).undo()
    _same_as_from_scratch(root, _fresh(root))
    assert _fresh(root).redo()
    _same_as_from_scratch(root, kept)
    # the whole dataset validates as before the changes (and as a fresh read says)
    after = validate(find_project(root).load_dataset())  # type: ignore[union-attr]
    assert after.conforms == before.conforms is True
    assert {(p.check, p.node) for p in after.errors} == {(p.check, p.node) for p in before.errors}


@pytest.mark.slow
def test_init_from_bundled_copies_the_files_with_their_comments_and_adds_keep_them(tmp_path, seeds):
    proj = init_project(tmp_path / "b", from_bundled=True, texts=seeds)
    for f in corpus_files():
        assert (proj.data / f.name).read_bytes() == f.read_bytes(), f.name
    target = proj.data / "motherjones-2018-sessions-fentanyl-dealers.trig"
    original = target.read_bytes()
    assert b"\n# " in original  # the corpus's own comments
    auth = Authoring(proj)
    saved = auth.add_node("claim", source=MJ, label="Sessions has a plan", quote="Attorney General Jeff Sessions has a new plan")
    now = target.read_bytes()
    assert now.startswith(original) and SECTION.encode() in now  # every byte written by hand kept
    assert b"claim:sessions-has-a-plan" in now.split(SECTION.encode())[1]
    # the anchors file of the same graph is left alone
    anchors = proj.data / "motherjones-2018-sessions-fentanyl-dealers.anchors.trig"
    assert anchors.read_bytes() == next(f for f in corpus_files() if f.name == anchors.name).read_bytes()
    # a second add rewrites the section only, deterministically
    auth.add_node("claim", source=MJ, label="Vows to prosecute", quote="regardless of the amount")
    again = target.read_bytes()
    assert again.startswith(original) and again.count(SECTION.encode()) == 1
    ds = proj.load_dataset()
    assert (URIRef(saved.iri), None, None) in ds
    assert _fresh(proj.root).undo() and _fresh(proj.root).undo()
    assert target.read_bytes() == original
    assert sorted(graphs_of(ds)) == sorted(graphs_of(proj.load_dataset()))
