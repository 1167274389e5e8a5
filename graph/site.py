"""A small static site of the debate: index, whole-debate graph, a page per policy and per actor.

:func:`build_site` writes, into one folder, pages that work opened from disk
with no network (vis-network is written once into ``assets/``)::

    index.html              policies, actors and sources with counts, linked
    debate.html             the whole debate as an interactive graph
    policy/<name>.html      a policy's argument-chain report and its argument tree
    actor/<name>.html       an actor's stances and claims, and its neighbourhood
    assets/                 vis-network (from pyvis), the view script and style

Every page is rendered from the templates in ``graph/templates/`` with HTML
escaping on; graph text is untrusted. Each file is written atomically; the
same graph gives the same bytes.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:p", kind="policy", label="Naloxone access", quotes=[], sources=[])
>>> G.add_node("urn:a", kind="actor", label="A health department", quotes=[], sources=[])
>>> _ = G.add_edge("urn:a", "urn:p", key="advocates", relation="advocates", sources=[])
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> rep = build_site(G, out, labels=None)
>>> rep["index"], rep["pages"]
('index.html', ['actor/a.html', 'debate.html', 'index.html', 'policy/p.html'])
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from graph.errors import InputError
from graph.files import atomic_writer
from graph.terms import curie
from graph.view import (
    DEFAULT_MAX_NODES,
    KIND_STYLE,
    _env,
    asset_files,
    display_name,
    grounded,
    render_html,
    rests_on,
    safe_url,
    view_data,
)

if TYPE_CHECKING:
    from graph.analysis.results import ArgumentTree, StanceActor, TreeNode

__all__ = ["build_site", "chain_report_html", "page_names"]

_CSP = (
    "default-src 'none'; style-src 'self' file: 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def _slug(iri: str) -> str:
    tail = iri.rstrip("/#")
    for sep in ("#", "/", ":"):
        tail = tail.rsplit(sep, 1)[-1] if sep in tail else tail
    text = re.sub(r"[^a-z0-9]+", "-", tail.lower()).strip("-")[:80]
    if not text or text == iri.lower():
        text = re.sub(r"[^a-z0-9]+", "-", iri.lower()).strip("-")[:80]
    return text or "node"


def page_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """The page of each policy and actor, relative to the site root (unique, stable).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://x.org/policy/naloxone", kind="policy")
    >>> G.add_node("https://y.org/policy/naloxone", kind="policy")
    >>> G.add_node("urn:a", kind="actor")
    >>> page_names(G)
    {'https://x.org/policy/naloxone': 'policy/naloxone.html', 'https://y.org/policy/naloxone': 'policy/naloxone-2.html', 'urn:a': 'actor/a.html'}
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    for n in sorted(G):
        kind = G.nodes[n].get("kind")
        if kind not in ("policy", "actor"):
            continue
        base = _slug(n)
        name, i = base, 1
        while f"{kind}/{name}" in used:
            i += 1
            name = f"{base}-{i}"
        used.add(f"{kind}/{name}")
        out[n] = f"{kind}/{name}.html"
    return out


def _label(G: nx.MultiDiGraph, n: str) -> str:
    return str(G.nodes[n].get("label", n)) if n in G else n


def _source_ref(G: nx.MultiDiGraph, s: str) -> dict[str, Any]:
    a = G.nodes[s] if s in G else {}
    return {
        "id": s,
        "title": str(a.get("title") or a.get("label") or curie(s)),
        "publisher": display_name(G, a["publisher"]) if a.get("publisher") else "",
        "date": str(a.get("date") or ""),
        "url": safe_url(a.get("url")),
    }


def _tree(G: nx.MultiDiGraph, policy: str, labels: Mapping[str, str] | None) -> ArgumentTree | None:
    try:
        from graph.analysis.chains import argument_tree
    except ImportError:
        return None
    return argument_tree(G, policy, labels=labels)


def chain_report_html(
    G: nx.MultiDiGraph,
    policy: str,
    *,
    labels: Mapping[str, str] | None = None,
    pages: Mapping[str, str] | None = None,
    prefix: str = "",
) -> str:
    """The argument-chain report of a policy or claim as an HTML fragment (escaped).

    Uses :func:`graph.analysis.chains.argument_tree`; every line cites the
    sources of the node and of the edge to its parent, with the quote.
    """
    tree = _tree(G, policy, labels)
    if tree is None:
        return ""
    srcs: dict[str, dict[str, Any]] = {}

    def cite(ids: list[str]) -> list[dict[str, Any]]:
        out = []
        for s in ids:
            if s not in srcs:
                srcs[s] = _source_ref(G, s)
            out.append(srcs[s])
        return out

    def walk(node: TreeNode) -> dict[str, Any]:
        quote = node.get("quote")
        return {
            "label": node["label"],
            "kind": node["kind"],
            "relation": node.get("relation"),
            "acceptability": node.get("acceptability"),
            "quote": quote["quote"] if quote else None,
            "quote_source": cite([quote["source"]])[0] if quote and quote.get("source") else None,
            "edge_sources": cite(list(node.get("edge_sources") or [])),
            "asserted_by": [
                {"label": a["label"], "page": (prefix + pages[a["actor"]]) if pages and a["actor"] in pages else None}
                for a in node.get("asserted_by") or []
            ],
            "cycle": node.get("cycle", False),
            "repeat": node.get("repeat", False),
            "truncated": node.get("truncated", False),
            "children": [walk(c) for c in node.get("children") or []],
        }

    def stance(rows: list[StanceActor]) -> list[dict[str, Any]]:
        return [
            {
                "label": r["label"],
                "page": (prefix + pages[r["actor"]]) if pages and r["actor"] in pages else None,
                "predicates": [p for p in r.get("predicates") or [] if p not in ("advocates", "opposes")],
                "sources": cite(list(r.get("sources") or [])),
            }
            for r in rows
        ]

    root = walk(tree["tree"])
    return str(
        _env()
        .get_template("chain_report.html")
        .render(
            root=root,
            counts=tree["counts"],
            cycles=[[_label(G, n) for n in c] for c in tree.get("cycles") or []],
            advocates=stance(tree["stances"].get("advocates") or []),
            opposes=stance(tree["stances"].get("opposes") or []),
        )
    )


def _write(out: Path, rel: str, text: str) -> None:
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(path) as fh:
        fh.write(text.encode("utf-8"))


def build_site(
    G: nx.MultiDiGraph,
    out_dir: str | Path,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    labels: Mapping[str, str] | Literal["auto"] | None = "auto",
    title: str = "Policy Argument Graph",
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Write the static site for ``G`` into ``out_dir`` (created if needed).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection (:func:`graph.model.project`, ideally with
        ``provenance=True``); not changed.
    out_dir : path
        The folder to write; existing files of the same names are replaced,
        and pages an earlier build wrote there (listed in its
        ``.pag-site.json``) that this build does not are removed.
    max_nodes : int
        Passed to :func:`graph.view.view_data` for each graph.
    labels : mapping, "auto" or None
        IN/OUT/UNDECIDED per node; ``"auto"`` uses :mod:`graph.semantics`.
    title : str
        The site's title.
    progress : callable, optional
        Called with each page's relative path after it is written.

    Returns
    -------
    dict
        ``out_dir``, ``index`` (``"index.html"``), ``pages`` (sorted
        relative paths of the HTML pages), ``removed`` (pages of an earlier
        build that no longer exist) and ``counts`` (policies, actors,
        sources, pages).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file: give a folder for the site")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out}: {exc.strerror}; choose a writable folder") from exc
    # every page goes to a staging folder first, then in place at once (_publish)
    stage, whole = _staging(out)
    try:
        return _build(G, out, stage, whole, max_nodes=max_nodes, labels=labels, title=title, progress=progress)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _build(
    G: nx.MultiDiGraph,
    out: Path,
    stage: Path,
    whole: bool,
    *,
    max_nodes: int,
    labels: Mapping[str, str] | Literal["auto"] | None,
    title: str,
    progress: Callable[[str], None] | None,
) -> dict[str, Any]:
    lab: dict[str, str] | None = grounded(G) if labels == "auto" else (dict(labels) if labels is not None else None)
    pages = page_names(G)
    rests = rests_on(G)
    done: list[str] = []

    def emit(rel: str, text: str) -> None:
        _write(stage, rel, text)
        done.append(rel)
        if progress is not None:
            progress(rel)

    for name, text in sorted(asset_files().items()):
        _write(stage, f"assets/{name}", text)

    policies = sorted((n for n in G if G.nodes[n].get("kind") == "policy"), key=lambda n: (_label(G, n).casefold(), n))
    actors = sorted((n for n in G if G.nodes[n].get("kind") == "actor"), key=lambda n: (_label(G, n).casefold(), n))
    sources = sorted(n for n in G if G.nodes[n].get("kind") == "source")

    def rel_count(n: str, relation: str, incoming: bool = True) -> int:
        edges = G.in_edges(n, keys=True) if incoming else G.out_edges(n, keys=True)
        return sum(1 for e in edges if e[2] == relation)

    # the whole debate
    nav_root = [("index.html", "Index"), ("debate.html", "Whole debate")]
    data = view_data(G, max_nodes=max_nodes, labels=lab, rests=rests, links=pages)
    emit("debate.html", render_html(data, assets="assets/", nav=nav_root))

    sub_nav = [("../index.html", "Index"), ("../debate.html", "Whole debate")]
    sub_links = {n: "../" + p for n, p in pages.items()}
    policy_rows = []
    for p in policies:
        report = chain_report_html(G, p, labels=lab, pages=pages, prefix="../")
        data = view_data(G, p, max_nodes=max_nodes, labels=lab, rests=rests, links=sub_links, kinds=("policy", "claim", "evidence", "other"))
        emit(pages[p], render_html(data, assets="../assets/", nav=sub_nav, report_html=report or None))
        a = G.nodes[p]
        policy_rows.append(
            {
                "page": pages[p],
                "label": _label(G, p),
                "status": ", ".join(a.get("status") or []),
                "supports": rel_count(p, "supports"),
                "attacks": rel_count(p, "attacks"),
                "advocates": rel_count(p, "advocates"),
                "opposes": rel_count(p, "opposes"),
                "under": len(data["nodes"]) - 1,
                "acceptability": lab.get(p) if lab else None,
            }
        )

    actor_rows = []
    for n in actors:
        stances = []
        for _u, v, k, d in sorted(G.out_edges(n, keys=True, data=True), key=lambda e: (e[2], _label(G, e[1]).casefold(), e[1])):
            if k in ("advocates", "opposes"):
                stances.append(
                    {
                        "relation": k,
                        "label": _label(G, v),
                        "page": "../" + pages[v] if v in pages else None,
                        "predicates": [x for x in d.get("predicates") or [] if x not in ("advocates", "opposes")],
                        "sources": [_source_ref(G, s) for s in d.get("sources") or []],
                        "acceptability": lab.get(v) if lab else None,
                    }
                )
        claims = []
        for _u, v, k, d in sorted(G.out_edges(n, keys=True, data=True), key=lambda e: (_label(G, e[1]).casefold(), e[1])):
            if k == "asserts":
                quotes = G.nodes[v].get("quotes") or []
                q = next((q for q in quotes if q.get("source") in (d.get("sources") or [])), quotes[0] if quotes else None)
                claims.append(
                    {
                        "label": _label(G, v),
                        "kind": G.nodes[v].get("kind", "other"),
                        "quote": q["quote"] if q else None,
                        "quote_source": _source_ref(G, q["source"]) if q and q.get("source") else None,
                        "acceptability": lab.get(v) if lab else None,
                    }
                )
        report = str(
            _env().get_template("actor_report.html").render(stances=stances, claims=claims, info=_actor_info(G, n))
        )
        data = view_data(G, n, max_nodes=max_nodes, labels=lab, rests=rests, links=sub_links)
        emit(pages[n], render_html(data, assets="../assets/", nav=sub_nav, report_html=report))
        actor_rows.append(
            {
                "page": pages[n],
                "label": _label(G, n),
                "types": ", ".join(t for t in G.nodes[n].get("types") or [] if t != "Actor"),
                "advocates": sum(1 for s in stances if s["relation"] == "advocates"),
                "opposes": sum(1 for s in stances if s["relation"] == "opposes"),
                "asserts": len(claims),
            }
        )

    source_rows = []
    for s in sources:
        kinds = Counter(
            G.nodes[n].get("kind", "other") for n in G if s in (G.nodes[n].get("sources") or []) and n != s
        )
        source_rows.append({**_source_ref(G, s), "curie": curie(s), "counts": kinds})

    kind_totals = Counter(G.nodes[n].get("kind", "other") for n in G)
    index = (
        _env()
        .get_template("index.html")
        .render(
            title=title,
            csp=_CSP,
            totals=[_count(kind_totals[k], k) for k in KIND_STYLE if kind_totals.get(k)],
            edges=G.number_of_edges(),
            policies=policy_rows,
            actors=actor_rows,
            sources=source_rows,
            labelled=lab is not None,
        )
    )
    emit("index.html", index)
    written = sorted({*done, *(f"assets/{name}" for name in asset_files())})
    _write(stage, SITE_MANIFEST, json.dumps({"generator": "pag site", "files": written}, indent=1) + "\n")
    removed = _publish(stage, out, whole, written)
    return {
        "out_dir": str(out),
        "index": "index.html",
        "pages": sorted(done),
        "removed": removed,
        "counts": {"policies": len(policies), "actors": len(actors), "sources": len(sources), "pages": len(done)},
    }


def _pid_gone(name: str, prefix: str) -> bool:
    pid = name[len(prefix) :].split("-", 1)[0]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _staging(out: Path) -> tuple[Path, bool]:
    """Where to build: ``(folder, whole)``.

    When ``out`` is new or holds only what an earlier build wrote, the site is
    built in a sibling folder that is then exchanged with ``out`` in one step
    (``whole``). When ``out`` holds other files too, it is built in a hidden
    folder inside ``out`` and its files are moved into place one by one (each
    move atomic, all of them within milliseconds). Folders a killed build left
    are removed first.
    """
    parent = out.resolve().parent
    for prefix, folder in ((f".{out.name}.pag-build-", parent), (f".{out.name}.pag-old-", parent), (".pag-build-", out)):
        with contextlib.suppress(OSError):
            for left in folder.glob(glob.escape(prefix) + "*"):
                if left.is_dir() and _pid_gone(left.name, prefix):
                    shutil.rmtree(left, ignore_errors=True)
    whole = not any(out.iterdir()) or _only_ours(out)
    base = parent / f".{out.name}.pag-build-" if whole else out / ".pag-build-"
    stage = Path(tempfile.mkdtemp(prefix=base.name + f"{os.getpid()}-", dir=base.parent))
    return stage, whole


def _only_ours(out: Path) -> bool:
    """Whether every file in ``out`` is one an earlier build listed (or its list)."""
    try:
        earlier = set(json.loads((out / SITE_MANIFEST).read_text(encoding="utf-8")).get("files", []))
    except (OSError, ValueError, AttributeError, TypeError):
        return False
    for path in out.rglob("*"):
        if path.is_file() or path.is_symlink():
            rel = path.relative_to(out).as_posix()
            if rel != SITE_MANIFEST and (rel not in earlier or not rel.endswith(_OURS)):
                return False
    return True


#: the kinds of file a build writes (and may remove)
_OURS = (".html", ".css", ".js")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return int(renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)) == 0


def _publish(stage: Path, out: Path, whole: bool, written: list[str]) -> list[str]:
    """Put the staged build in place; the pages of an earlier build that are gone."""
    if not whole:
        for rel in written:
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / rel, target)
        removed = _remove_stale_listed(out, written)  # by the earlier build's list
        os.replace(stage / SITE_MANIFEST, out / SITE_MANIFEST)
        shutil.rmtree(stage, ignore_errors=True)
        return removed
    try:
        earlier = json.loads((out / SITE_MANIFEST).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        earlier = []
    removed = sorted(
        {
            r
            for r in earlier
            if isinstance(r, str) and r.endswith(_OURS) and not Path(r).is_absolute()
            and ".." not in Path(r).parts and (out / r).is_file()
        }
        - set(written)
    )
    os.chmod(stage, 0o777 & ~_umask())
    if out.exists() and _exchange(stage, out):
        shutil.rmtree(stage, ignore_errors=True)  # now the old build
        return removed
    if out.exists():  # no exchange: two renames, the old build kept aside until the new is in
        old = out.resolve().parent / f".{out.name}.pag-old-{os.getpid()}"
        os.rename(out, old)
        os.rename(stage, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(stage, out)
    return removed


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: the list of files the last `pag site` wrote into a folder (so that a
#: rebuild can remove its own pages that no longer exist, and nothing else)
SITE_MANIFEST = ".pag-site.json"


def _remove_stale_listed(out: Path, written: list[str]) -> list[str]:
    """Delete the files an earlier build listed in its manifest and this one did not write."""
    try:
        earlier = json.loads((out / SITE_MANIFEST).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return []  # no earlier build here (or not one of ours): touch nothing
    keep = set(written)
    removed = []
    for rel in sorted({r for r in earlier if isinstance(r, str)} - keep):
        parts = Path(rel).parts
        if not rel.endswith((".html", ".css", ".js")) or Path(rel).is_absolute() or ".." in parts:
            continue  # only our own kinds of file, only inside the folder
        path = out / rel
        try:
            path.unlink()
        except OSError:
            continue  # already gone, or not ours to remove
        removed.append(rel)
        with contextlib.suppress(OSError):
            if path.parent != out:
                path.parent.rmdir()  # only if now empty
    return removed


def _count(n: int, kind: str) -> str:
    plural = {"policy": "policies", "evidence": "pieces of evidence", "other": "other nodes"}
    if n == 1:
        return f"1 {'piece of evidence' if kind == 'evidence' else kind + ' node' if kind == 'other' else kind}"
    return f"{n} {plural.get(kind, kind + 's')}"


def _actor_info(G: nx.MultiDiGraph, n: str) -> list[tuple[str, str]]:
    a = G.nodes[n]
    rows = [("kind", ", ".join(a.get("types") or ["Actor"]))]
    notes = a.get("comment") or []
    rows.extend(("note", str(note)) for note in (notes if isinstance(notes, list) else [notes]))
    srcs = [_source_ref(G, s)["title"] for s in a.get("sources") or []]
    if srcs:
        rows.append(("named in", "; ".join(srcs)))
    return rows
