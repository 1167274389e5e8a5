"""The library's layering: imports only go down, and no cycle, not even
through imports inside functions.

Every ``import`` in ``graph/`` (at the top of a module or inside a function)
is read with :mod:`ast`. Each module has a layer (below, bottom first); a
module may import a module of a lower layer, or a peer of its own layer in
the same package (``graph.analysis.impact`` uses ``graph.analysis.evidence``),
and the whole import graph must be acyclic. A new module is placed by its
package's entry (``graph.interop.*``) or must be added here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

GRAPH = Path(__file__).resolve().parent.parent / "graph"

#: bottom first; a name ending in ``.*`` places every module of that package
LAYERS: list[list[str]] = [
    ["graph.errors", "graph.resources", "graph.textmatch", "graph.textindex", "graph.vocab", "graph.namespace"],
    ["graph.files", "graph.terms", "graph._codegen", "graph.sources", "graph.limits", "graph.safetext"],
    ["graph.sparqltext"],
    ["graph.stores.base"],
    ["graph.stores.oxigraph", "graph.stores.rdflib", "graph.stores.remote"],
    ["graph.stores.factory"],
    ["graph.stores"],
    ["graph.curation", "graph.anchors"],
    ["graph.model", "graph.sparql", "graph.validate", "graph.interop.graphml", "graph.project", "graph.suggest"],
    ["graph.export", "graph.semantics", "graph.report", "graph.interop._common", "graph.authoring"],
    ["graph.interop.*", "graph.analysis._common", "graph.analysis.results"],
    ["graph.analysis.*", "graph.interop", "graph.search"],
    ["graph.analysis", "graph.reports", "graph.tables"],
    ["graph.view"],
    ["graph.site", "graph.notebook"],
    ["graph.debate"],
    ["graph.serve", "graph.annotate"],
    ["graph.__main__"],
    # the package itself is the facade: it re-exports the front door
    # (graph.open, Debate, Table) and is imported by no module of graph/
    ["graph"],
]


def _module_name(path: Path, root: Path = GRAPH) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(root: Path = GRAPH) -> dict[str, Path]:
    return {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _imports(path: Path, known: set[str]) -> set[str]:
    """The graph.* modules ``path`` imports, anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "graph":
                continue
            for alias in node.names:  # `from graph import semantics` imports a module
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "graph")
    return found


def layer(name: str) -> int:
    for i, names in enumerate(LAYERS):
        if name in names:
            return i
    parent = name.rsplit(".", 1)[0]
    for i, names in enumerate(LAYERS):
        if f"{parent}.*" in names:
            return i
    raise KeyError(name)


def import_graph(root: Path = GRAPH) -> nx.DiGraph:
    mods = _modules(root)
    G = nx.DiGraph()
    G.add_nodes_from(mods)
    for name, path in mods.items():
        for dep in _imports(path, set(mods)):
            if dep != name:
                G.add_edge(name, dep)
    return G


def test_every_module_has_a_layer():
    missing = [m for m in _modules() if _try_layer(m) is None]
    assert not missing, f"place these modules in tests/test_layering.py LAYERS: {missing}"


def _try_layer(name: str) -> int | None:
    try:
        return layer(name)
    except KeyError:
        return None


def test_no_import_cycle():
    G = import_graph()
    cycles = list(nx.simple_cycles(G))
    assert not cycles, f"import cycles: {cycles}"


def upward_imports(G: nx.DiGraph) -> list[str]:
    up = []
    for src, dst in G.edges:
        ls, ld = _try_layer(src), _try_layer(dst)
        if ls is None or ld is None:
            continue  # reported by test_every_module_has_a_layer
        same_package = src.rsplit(".", 1)[0] == dst.rsplit(".", 1)[0]
        if ld > ls or (ld == ls and not same_package):
            up.append(f"{src} (layer {ls}) imports {dst} (layer {ld})")
    return sorted(up)


def test_imports_only_go_down():
    up = upward_imports(import_graph())
    assert not up, "imports that run back up:\n" + "\n".join(up)


def test_the_checks_see_a_hidden_upward_import_and_cycle(tmp_path):
    # an import inside a function that runs back up, and the cycle it makes
    root = tmp_path / "graph"
    (root / "stores").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "stores" / "__init__.py").write_text("")
    (root / "export.py").write_text("from graph.stores.base import Store\n")
    (root / "stores" / "base.py").write_text(
        "def dump():\n    from graph.export import export\n    return export\n"
    )
    G = import_graph(root)
    assert upward_imports(G) == ["graph.stores.base (layer 3) imports graph.export (layer 9)"]
    assert list(nx.simple_cycles(G)) != []
