"""Benchmark `pag site` on synthetic debates (run by hand, not in CI).

    python benchmarks/site_bench.py --sizes 10000 100000 --repeat 3
    python benchmarks/site_bench.py --sizes 10000 100000 1000000 --keep /tmp/pag-bench

For each size it writes a synthetic debate with :func:`bench.generate`, loads
it into an on-disk Oxigraph store once (``--keep`` reuses a folder's
``debate-N.nq`` and ``db-N`` from an earlier run, or ``--stores`` a folder of
ready stores named ``sN``), then times ``pag -q --store oxigraph-ro:DB site
OUT`` as a whole CLI process, ``--repeat`` times, each into a new folder.

It prints one JSON row per size: the median wall and CPU (user + sys) time,
the largest peak RSS, the pages written and their total size, and the ratio
of the median wall time to that of the smallest size measured in the same run
(``pag site`` is linear when 10x the statements take about 10x the time; the
machine is shared, so compare ratios within one run, not absolute times).
:func:`site_sizes` is the same as a function, for a runner of all the scale
benchmarks. Nothing is asserted: these are measurements.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import generate
from focus_bench import timed


def _store(size: int, work: Path, stores: Path | None) -> tuple[Path, int]:
    """An on-disk store of about ``size`` statements: ``(folder, statements)``."""
    if stores is not None and (stores / f"s{size}").is_dir():
        return stores / f"s{size}", size
    data, db = work / f"debate-{size}.nq", work / f"db-{size}"
    if not (data.exists() and db.exists()):
        n = generate(data, size)
        subprocess.run([sys.executable, "-m", "graph", "-q", "--store", f"oxigraph:{db}", "load", str(data)],
                       check=True, capture_output=True)
        return db, n
    with data.open("rb") as fh:
        return db, sum(1 for _ in fh)


def site_sizes(sizes: list[int], repeat: int = 3, keep: Path | None = None, stores: Path | None = None,
               timeout: float = 1800.0) -> list[dict[str, object]]:
    """Time ``pag site`` at each size; one row per size (see the module's doc)."""
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as scratch:
        work = keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            db, n = _store(size, work, stores)
            out = Path(scratch) / f"site-{size}"
            cmd = [sys.executable, "-m", "graph", "-q", "--store", f"oxigraph-ro:{db}", "site", str(out)]
            t = time.perf_counter()
            wall, cpu, peak = timed(cmd, repeat)
            files = [p for p in out.rglob("*") if p.is_file()]
            row: dict[str, object] = {
                "statements": n, "site_s": wall, "site_cpu": cpu, "site_mb": peak,
                "pages": sum(1 for p in files if p.suffix == ".html"),
                "site_bytes": sum(p.stat().st_size for p in files),
                "largest_page_bytes": max((p.stat().st_size for p in files if p.suffix == ".html"), default=0),
            }
            if rows:
                row["ratio_to_smallest"] = round(wall / float(rows[0]["site_s"]), 2)  # type: ignore[arg-type]
            shutil.rmtree(out, ignore_errors=True)
            print(json.dumps(row), flush=True)
            rows.append(row)
            if time.perf_counter() - t > timeout:
                break  # the next size would take ten times as long
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the generated files and stores in this folder")
    ap.add_argument("--stores", type=Path, help="a folder of ready on-disk stores named s10000, s100000, …")
    a = ap.parse_args()
    site_sizes(a.sizes, a.repeat, a.keep, a.stores)


if __name__ == "__main__":
    main()
