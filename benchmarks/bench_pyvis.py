"""Benchmark building pyvis networks from the view data (run by hand, not in CI).

    python benchmarks/bench_pyvis.py                     # 20,000 nodes, with pyvis's own path
    python benchmarks/bench_pyvis.py --nodes 5000 20000 --repeat 5 --no-pyvis-own

For each size it makes a synthetic debate graph (policies, claims, evidence
and actors; supports, attacks, advocates and asserts edges; a quote and a
source on every node), takes the view data of the whole debate
(:func:`graph.view.view_data` with ``max_nodes`` = the size, so nothing is
reduced) and times:

* ``view_data``: choosing and describing what to draw (labels given);
* ``pyvis_network``: :func:`graph.notebook.pyvis_network`, filling pyvis's
  ``nodes``/``edges``/``node_ids``/``node_map`` directly (the median of
  ``--repeat`` runs);
* ``generate_html``: pyvis rendering the page (the first call of a process
  also compiles the template with vis-network; both are shown);
* ``pyvis own``: the same items through pyvis's ``add_node``/``add_edge``
  (each checks the node list, so O(N·E)); once, as the yardstick.

Nothing is asserted: these are measurements.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

import networkx as nx

from graph.notebook import pyvis_network
from graph.view import view_data

SRC = "https://example.org/source/"
ID = "https://example.org/id/"


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """A debate of about ``n`` nodes: 10% policies, 40% claims, 40% evidence, 10% actors."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    sources = [f"{SRC}{i}" for i in range(20)]
    kinds = {"policy": n // 10, "claim": 4 * n // 10, "evidence": 4 * n // 10}
    kinds["actor"] = n - sum(kinds.values())
    ids: dict[str, list[str]] = {}
    for kind, count in kinds.items():
        ids[kind] = [f"{ID}{kind}/{i}" for i in range(count)]
        for i, node in enumerate(ids[kind]):
            src = rng.choice(sources)
            G.add_node(
                node,
                kind=kind,
                label=f"{kind.title()} {i}: the {rng.choice(['surge', 'penalty', 'naloxone', 'market'])} argument",
                sources=[src],
                quotes=[{"quote": f"A verbatim sentence about {kind} {i} from the document.", "source": src}],
            )

    def edge(u: str, v: str, rel: str) -> None:
        G.add_edge(u, v, key=rel, relation=rel, sources=[rng.choice(sources)], predicates=[rel])

    for c in ids["claim"]:
        edge(c, rng.choice(ids["policy"] + ids["claim"][:50]), "supports")
    for e in ids["evidence"]:
        edge(e, rng.choice(ids["claim"]), "supports")
    for c in rng.sample(ids["claim"], len(ids["claim"]) // 5):
        edge(c, rng.choice(ids["claim"] + ids["policy"]), "attacks")
    for a in ids["actor"]:
        for p in rng.sample(ids["policy"], 3):
            edge(a, p, rng.choice(["advocates", "opposes"]))
        edge(a, rng.choice(ids["claim"]), "asserts")
    return G


def timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def cpu_timed(fn: Any) -> tuple[float, float, Any]:
    """Wall-clock and CPU seconds (CPU time is steadier on a shared machine)."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - t, time.process_time() - c, out


def pyvis_own(data: dict[str, Any]) -> float:
    """The same network through pyvis's add_node/add_edge."""
    items = pyvis_network(data)
    empty = {**data, "nodes": [], "edges": []}

    def build() -> Any:
        net = pyvis_network(empty)
        for item in items.nodes:
            net.add_node(item["id"], **{k: v for k, v in item.items() if k != "id"})
        for item in items.edges:
            net.add_edge(item["from"], item["to"], **{k: v for k, v in item.items() if k not in ("from", "to")})
        return net

    seconds, net = timed(build)
    assert net.nodes == items.nodes and net.edges == items.edges
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, nargs="+", default=[20_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-pyvis-own", action="store_true", help="Skip pyvis's own (slow) add_node/add_edge path.")
    args = ap.parse_args()
    print(
        f"{'nodes':>7} {'edges':>7} {'view_data':>10} {'pyvis_network (cpu)':>20} "
        f"{'html (1st)':>11} {'html':>7} {'pyvis own':>10}"
    )
    for n in args.nodes:
        G = synthetic(n)
        labels = dict.fromkeys(G, "IN")
        t_view, data = timed(lambda G=G, labels=labels, n=n: view_data(G, max_nodes=n, labels=labels))
        runs = [cpu_timed(lambda data=data: pyvis_network(data)) for _ in range(args.repeat)]
        t_build = statistics.median(t for t, _, _ in runs)
        c_build = statistics.median(c for _, c, _ in runs)
        net = runs[-1][2]
        t_html_first, _ = timed(net.generate_html)
        t_html = statistics.median(timed(net.generate_html)[0] for _ in range(args.repeat))
        own = "skipped" if args.no_pyvis_own else f"{pyvis_own(data):.2f} s"
        print(
            f"{len(data['nodes']):>7,} {len(data['edges']):>7,} {t_view:>8.2f} s {t_build:>7.3f} s ({c_build:.3f} s) "
            f"{t_html_first:>9.2f} s {t_html:>5.2f} s {own:>10}"
        )


if __name__ == "__main__":
    main()
