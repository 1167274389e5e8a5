"""Benchmark the focused reports and the preferred-extension solver (run by hand, not in CI).

    python benchmarks/focus_bench.py --sizes 10000 100000 1000000 --repeat 3
    python benchmarks/focus_bench.py --sizes 10000 1000000 --commands view --stores /work/bench
    python benchmarks/focus_bench.py --preferred 100 200

For each size it writes a synthetic debate with :func:`bench.generate`,
loads it into an on-disk Oxigraph store once (or, with ``--stores DIR``,
takes ``DIR/d{size}.nq`` and the store ``DIR/s{size}`` made from it,
opened read-only and never written), then times ``pag chains``,
``pag evidence``, ``pag impact`` and ``pag view`` on a small subtree (the
newest policy, and one of its evidence items for ``impact``; ``view``
writes its page to stdout, discarded) as whole CLI processes:

* ``disk``: ``pag --store oxigraph-ro:PATH …`` (the store opened read-only);
* ``memory``: ``pag --data FILE …`` (the file parsed into memory by every
  process, so the time includes the load);
* ``whole``: the same on disk with ``--support deductive``, whose labels
  depend on what a node supports, so it still projects the whole store
  (the cost every focused report and view paid before).

It prints the median wall and CPU (user + sys) time of ``--repeat`` runs
and the processes' peak RSS (on a shared machine the CPU time is the
steadier figure). With ``--preferred N…`` it times the preferred extensions of random
N-argument disputes (clingo). Nothing is asserted: these are measurements.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ID, generate

RUN = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
if r.returncode:
    sys.stderr.write(r.stderr.decode()); sys.exit(r.returncode)
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024)
"""


def timed(cmd: list[str], repeat: int) -> tuple[float, float, float]:
    """Median wall time, median CPU time (user + sys) and the largest peak RSS (MB) of ``repeat`` runs."""
    walls, cpus, peaks = [], [], []
    for _ in range(repeat):
        res = subprocess.run([sys.executable, "-c", RUN, *cmd], capture_output=True, text=True)
        if res.returncode:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{res.stderr}")
        out = res.stdout
        wall, cpu, peak = map(float, out.split())
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
    return round(statistics.median(walls), 2), round(statistics.median(cpus), 2), round(max(peaks), 1)


COMMANDS = ("chains", "evidence", "impact", "view")


def focus_sizes(
    sizes: list[int], repeat: int, whole_max: int, keep: Path | None,
    commands: tuple[str, ...] = COMMANDS, stores: Path | None = None,
) -> list[dict[str, object]]:
    pag = [sys.executable, "-m", "graph"]
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            data = tmp / f"debate-{size}.nq"
            db = tmp / f"db-{size}"
            if stores is not None:  # made beforehand (read-only here)
                data, db = stores / f"d{size}.nq", stores / f"s{size}"
                if not (data.exists() and db.exists()):
                    raise SystemExit(f"--stores: {data} or {db} is missing")
            load = 0.0
            if not (data.exists() and db.exists()):  # --keep reuses what an earlier run made
                generate(data, size)
                t = time.perf_counter()
                subprocess.run([*pag, "-q", "--store", f"oxigraph:{db}", "load", str(data)], check=True, capture_output=True)
                load = time.perf_counter() - t
            with data.open("rb") as fh:
                n = sum(1 for _ in fh)
            units = max(1, size // 78)
            policy = f"{ID}policy/p{units - 1}"
            ev = f"{ID}evidence/e{units - 1}-0"
            for cmd, target in (("chains", policy), ("evidence", policy), ("impact", ev), ("view", policy)):
                if cmd not in commands:
                    continue
                row: dict[str, object] = {"statements": n, "command": cmd, "load_s": round(load, 1)}
                disk = ["--store", f"oxigraph-ro:{db}"]
                args = [cmd, target, *(["-o", "-"] if cmd == "view" else [])]
                row["disk_s"], row["disk_cpu"], row["disk_mb"] = timed([*pag, "-q", *disk, *args], repeat)
                row["memory_s"], row["memory_cpu"], row["memory_mb"] = timed([*pag, "-q", "--data", str(data), *args], max(1, repeat // 2))
                if size <= whole_max:
                    row["whole_s"], row["whole_cpu"], row["whole_mb"] = timed([*pag, "-q", *disk, *args, "--support", "deductive"], 1)
                print(json.dumps(row), flush=True)
                rows.append(row)
    return rows


def preferred(sizes: list[int], repeat: int) -> None:
    from graph.semantics import clingo_preferred

    for n in sizes:
        times = []
        for seed in range(repeat):
            rng = random.Random(seed)
            args = [f"a{i}" for i in range(n)]
            # a dispute: every argument attacked, mostly in mutual pairs and odd cycles
            pairs = {(rng.choice(args), rng.choice(args)) for _ in range(2 * n)}
            pairs |= {(b, a) for a, b in list(pairs) if rng.random() < 0.5}
            t = time.perf_counter()
            exts, more = clingo_preferred(args, pairs, limit=1000)
            times.append(time.perf_counter() - t)
        print(json.dumps({"arguments": n, "attacks": len(pairs), "extensions": len(exts), "more": more,
                          "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--whole-max", type=int, default=100_000, help="time the whole-store baseline up to this size")
    ap.add_argument("--preferred", type=int, nargs="*", default=[])
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the generated files and stores in this folder")
    ap.add_argument("--stores", type=Path, help="use DIR/d{size}.nq and the on-disk store DIR/s{size} made from it (read only)")
    ap.add_argument("--commands", nargs="*", choices=COMMANDS, default=list(COMMANDS))
    a = ap.parse_args()
    if a.sizes:
        focus_sizes(a.sizes, a.repeat, a.whole_max, a.keep, tuple(a.commands), a.stores)
    if a.preferred:
        preferred(a.preferred, a.repeat)


if __name__ == "__main__":
    main()
