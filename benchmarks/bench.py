"""Benchmark the stores on synthetic debate graphs (run by hand, not in CI).

    python benchmarks/bench.py --sizes 10000 100000 --repeat 3
    python benchmarks/bench.py --sizes 1000000 --repeat 3 --rdflib-max 100000

For each size it writes a synthetic debate (actors, policies, claims with
supports/attacks chains, evidence with sources, quotes and figures; one named
graph per source) as N-Quads, then times, in fresh subprocesses so that each
measurement has its own peak memory:

* load: raw ``pyoxigraph.Store().load`` (the yardstick), ``pag``'s in-memory
  Oxigraph store, ``pag``'s on-disk Oxigraph store and rdflib's default
  in-memory store;
* ``stats`` on each loaded store, and ``pag stats`` (the whole CLI process)
  on an already-loaded on-disk store, counting afresh (``--recount``) and
  answered from the counts cached for it;
* export of the whole dataset as N-Quads;
* the networkx projection: of the argument edges (nodes with kind and
  label only) and of everything (all relations and attributes).

Memory is reported as peak RSS after load + stats ("MB load") and at the
end of all the work ("MB peak").

It prints the median of ``--repeat`` runs, the ratio to raw pyoxigraph's
load, and peak RSS. Nothing is asserted: these are measurements.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

P = "https://w3id.org/pag#"
ID = "https://w3id.org/pag/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

WORDS = [
    "fentanyl",
    "overdose",
    "penalty",
    "treatment",
    "naloxone",
    "prosecution",
    "county",
    "dealer",
    "user",
    "market",
    "supply",
    "sentence",
    "prison",
    "harm",
    "reduction",
    "policy",
    "evidence",
    "study",
    "law",
    "enforcement",
    "public",
    "health",
]


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(path: Path, triples: int, seed: int = 7) -> int:
    """Write about ``triples`` statements of a realistic debate as N-Quads; return the count."""
    rnd = random.Random(seed)
    n_sources = max(5, triples // 20000)
    # per "unit": 1 actor, 1 policy, 6 claims, 4 evidence ≈ 78 statements
    units = max(1, triples // 78)
    n = 0
    with path.open("w", encoding="utf-8") as out:

        def quad(s: str, p: str, o: str, g: str) -> None:
            nonlocal n
            out.write(f"<{s}> <{p}> {o} <{g}> .\n")
            n += 1

        sources = [f"{ID}source/s{i}" for i in range(n_sources)]
        for i, g in enumerate(sources):
            quad(g, RDF_TYPE, f"<{P}Source>", g)
            quad(g, LABEL, _lit(f"Source {i}"), g)
            quad(g, "http://purl.org/dc/terms/title", _lit(f"Synthetic source {i}"), g)
        claims: list[str] = []
        policies: list[str] = []
        for u in range(units):
            g = sources[u % n_sources]
            actor, policy = f"{ID}actor/a{u}", f"{ID}policy/p{u}"
            quad(actor, RDF_TYPE, f"<{P}Actor>", g)
            quad(actor, RDF_TYPE, f"<{P}Person>", g)
            quad(actor, LABEL, _lit(f"Actor {u}"), g)
            quad(actor, f"{P}source", f"<{g}>", g)
            quad(policy, RDF_TYPE, f"<{P}Policy>", g)
            quad(policy, LABEL, _lit(f"Policy {u}"), g)
            quad(policy, f"{P}source", f"<{g}>", g)
            quad(actor, f"{P}advocates" if rnd.random() < 0.7 else f"{P}opposes", f"<{policy}>", g)
            if policies:
                quad(actor, f"{P}advocates", f"<{rnd.choice(policies)}>", g)
            policies.append(policy)
            local: list[str] = []
            for c in range(6):
                claim = f"{ID}claim/c{u}-{c}"
                words = " ".join(rnd.choice(WORDS) for _ in range(8))
                quad(claim, RDF_TYPE, f"<{P}Claim>", g)
                quad(claim, LABEL, _lit(f"Claim {u}.{c}: {words}"), g)
                quad(claim, f"{P}source", f"<{g}>", g)
                quad(claim, f"{P}quote", _lit(f"They said that {words}."), g)
                quad(actor, f"{P}asserts", f"<{claim}>", g)
                target = policy if c < 2 else rnd.choice(local)
                quad(
                    claim,
                    f"{P}supports" if rnd.random() < 0.75 else f"{P}attacks",
                    f"<{target}>",
                    g,
                )
                if claims and rnd.random() < 0.2:
                    quad(claim, f"{P}attacks", f"<{rnd.choice(claims)}>", g)
                local.append(claim)
            claims.extend(local)
            for e in range(4):
                ev = f"{ID}evidence/e{u}-{e}"
                quad(ev, RDF_TYPE, f"<{P}Evidence>", g)
                quad(ev, LABEL, _lit(f"Figure {u}.{e}"), g)
                quad(ev, f"{P}source", f"<{g}>", g)
                quad(
                    ev,
                    f"{P}quote",
                    _lit(f"In {2010 + e} there were {rnd.randint(1, 99999)} cases."),
                    g,
                )
                quad(
                    ev,
                    f"{P}value",
                    f'"{rnd.randint(1, 99999)}"^^<http://www.w3.org/2001/XMLSchema#integer>',
                    g,
                )
                quad(ev, f"{P}unit", _lit("deaths"), g)
                quad(ev, f"{P}evidenceType", "<https://w3id.org/pag/evidence-type/statistic>", g)
                quad(
                    ev,
                    f"{P}supports" if rnd.random() < 0.8 else f"{P}attacks",
                    f"<{rnd.choice(local)}>",
                    g,
                )
    return n


# --------------------------------------------------------------------------
# one measurement per subprocess

WORKER = r"""
import json, resource, sys, time, io
task, backend, data, db = sys.argv[1:5]
out = {}
if backend == "raw-oxigraph":
    import pyoxigraph as ox
    t0 = time.perf_counter()
    s = ox.Store()
    s.load(path=data, format=ox.RdfFormat.N_QUADS)
    out["load"] = time.perf_counter() - t0
    out["peak_load_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if task == "all":
        t = time.perf_counter(); n = len(s); out["stats"] = time.perf_counter() - t
        t = time.perf_counter(); buf = io.BytesIO(); s.dump(buf, ox.RdfFormat.N_QUADS); out["export"] = time.perf_counter() - t
else:
    from graph.stores import open_store, OxigraphStore
    from graph.model import project
    from graph.vocab import ARGUMENT
    from graph.export import export
    t0 = time.perf_counter()
    if backend == "pag-memory":
        store = open_store("memory", data=[data])
    elif backend == "pag-rdflib":
        store = open_store("rdflib", data=[data])
    elif backend == "pag-disk":
        store = OxigraphStore(db)
        store.load([data])
    out["load"] = time.perf_counter() - t0
    if task == "all":
        t = time.perf_counter(); store.stats(); out["stats"] = time.perf_counter() - t
        out["peak_load_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t = time.perf_counter(); buf = io.BytesIO(); export(store, "nquads", buf); out["export"] = time.perf_counter() - t
        del buf
        t = time.perf_counter(); G = project(store, relations=ARGUMENT, attributes=False); out["arg_projection"] = time.perf_counter() - t
        del G
        t = time.perf_counter(); G = project(store); out["projection"] = time.perf_counter() - t
        out["nodes"] = G.number_of_nodes(); out["edges"] = G.number_of_edges()
    store.close()
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run_worker(task: str, backend: str, data: Path, db: Path) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    res = subprocess.run(
        [sys.executable, "-c", WORKER, task, backend, str(data), str(db)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if res.returncode != 0:
        raise SystemExit(f"{backend} failed:\n{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def time_cli_stats(db: Path, repeat: int, cache: Path) -> tuple[float, float]:
    """Median seconds of the whole `pag stats` process: counting afresh, and answered from the cache."""
    pag = shutil.which("pag") or "pag"
    env = {**os.environ, "PAG_CACHE_DIR": str(cache)}
    cold, warm = [], []
    for _ in range(repeat):
        for flags, times in ((["--recount"], cold), ([], warm)):
            t = time.perf_counter()
            subprocess.run(
                [pag, "-q", "--store", f"oxigraph-ro:{db}", "stats", "--format", "json", *flags],
                capture_output=True,
                check=True,
                env=env,
            )
            times.append(time.perf_counter() - t)
    return statistics.median(cold), statistics.median(warm)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--rdflib-max", type=int, default=100_000, help="skip rdflib above this size (it is slow)"
    )
    ap.add_argument(
        "--rdflib-load-only-above",
        type=int,
        default=100_000,
        help="above this size time only rdflib's load (its SPARQL stats take minutes at 1M)",
    )
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pag-bench-"))
    try:
        for size in args.sizes:
            data = work / f"debate-{size}.nq"
            n = generate(data, size)
            print(
                f"\n## {n:,} statements ({data.stat().st_size / 1e6:.1f} MB N-Quads), median of {args.repeat}"
            )
            backends = ["raw-oxigraph", "pag-memory", "pag-disk"]
            if size <= args.rdflib_max:
                backends.append("pag-rdflib")
            # interleave the backends in each round, so that load from other
            # work on a shared machine falls on all of them alike
            runs: dict[str, list[dict[str, float]]] = {b: [] for b in backends}
            for _ in range(args.repeat):
                for b in backends:
                    db = work / f"db-{b}"
                    shutil.rmtree(db, ignore_errors=True)
                    task = (
                        "load"
                        if b == "pag-rdflib" and size > args.rdflib_load_only_above
                        else "all"
                    )
                    runs[b].append(run_worker(task, b, data, db))
            results = {
                b: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for b, rs in runs.items()
            }
            base = results["raw-oxigraph"]["load"]
            nan = float("nan")
            print(
                f"{'backend':<14}{'load s':>9}{'x raw':>8}{'stats s':>9}{'export s':>10}"
                f"{'arg-proj s':>12}{'full-proj s':>13}{'MB load':>9}{'MB peak':>9}"
            )
            for b, r in results.items():
                print(
                    f"{b:<14}{r['load']:>9.3f}{r['load'] / base:>8.2f}{r.get('stats', nan):>9.3f}"
                    f"{r.get('export', nan):>10.3f}{r.get('arg_projection', nan):>12.3f}"
                    f"{r.get('projection', nan):>13.3f}{r.get('peak_load_mb', nan):>9.0f}{r['peak_mb']:>9.0f}"
                )
            if "pag-rdflib" in results:
                print(
                    f"rdflib load / pag-memory load: {results['pag-rdflib']['load'] / results['pag-memory']['load']:.1f}x"
                )
            proj = results["pag-memory"]["arg_projection"]
            print(
                f"argument-edge projection / raw pyoxigraph load: {proj / base:.2f} "
                "(a machine-independent reading of the projection time)"
            )
            db = work / "db-cli"
            shutil.rmtree(db, ignore_errors=True)
            run_worker("load", "pag-disk", data, db)
            cold, warm = time_cli_stats(db, args.repeat, work / "cache")
            print(
                f"`pag stats` (whole CLI process) on the loaded on-disk store: {cold:.3f} s "
                f"counting afresh (--recount), {warm:.3f} s from its cached counts"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
