"""Whole-debate work at scale against raw pyoxigraph's load, in one run (by hand, not in CI).

    python benchmarks/scale.py --sizes 10000 100000 1000000 --repeat 3 --keep /tmp/scale
    python benchmarks/scale.py --sizes 10000 100000 --readme   # also rewrite the README's table

For each size it writes a synthetic debate with :func:`bench.generate`
(the shape the issue was measured on), loads it once into an on-disk
Oxigraph store with ``pag load``, and then times, as whole processes:

* ``raw load``: ``pyoxigraph.Store().load`` of the same N-Quads file in a
  fresh process — the yardstick every other row is divided by;
* every whole-debate report (``pag report overview|contested|unsupported|
  impact|actors|tensions|figures``) on the store opened read-only, twice:
  ``first`` with an empty cache folder (the first command after the data
  changed: the projection is read from RocksDB and then cached) and
  ``then`` with the projection cached (every later command until the
  store is written to);
* ``pag site`` (up to ``--site-max``) and ``pag view TARGET`` on a small
  tree (the newest policy).

Each figure is the median over ``--repeat`` runs of the process's CPU time
(user + sys; on a shared machine the steadier measure), with the median
wall time and the largest peak RSS beside it. The ratio column is CPU
over raw load's CPU measured in the same run. Nothing is asserted: these
are measurements. ``--readme`` replaces the table between the README's
``<!-- scale-table -->`` markers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ID, generate
from focus_bench import RUN  # a child that prints its wall time, CPU time and peak RSS (MB)

ROOT = Path(__file__).resolve().parent.parent
PAG = [sys.executable, "-m", "graph"]
REPORTS = ["overview", "contested", "unsupported", "impact", "actors", "tensions", "figures"]

RAW_LOAD = r"""
import sys, pyoxigraph as ox
ox.Store().load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
"""


def once(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[float, float, float] | None:
    """(wall, cpu, peak MB) of one run; None when it did not finish within ``timeout``."""
    try:
        res = subprocess.run([sys.executable, "-c", RUN, *cmd], capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if res.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{res.stderr}")
    wall, cpu, peak = map(float, res.stdout.split())
    return wall, cpu, peak


def timed(cmd: list[str], repeat: int, env: dict[str, str], timeout: float, fresh_cache: Path | None = None) -> dict[str, float] | None:
    """Medians of ``repeat`` runs; with ``fresh_cache`` each run gets a new, empty cache folder."""
    runs = []
    for _ in range(repeat):
        run_env = dict(env)
        if fresh_cache is not None:
            run_env["PAG_CACHE_DIR"] = tempfile.mkdtemp(dir=fresh_cache)
        got = once(cmd, run_env, timeout)
        if got is None:
            return None
        runs.append(got)
    return {
        "wall": round(statistics.median(r[0] for r in runs), 2),
        "cpu": round(statistics.median(r[1] for r in runs), 2),
        "mb": round(max(r[2] for r in runs)),
    }


def scale(sizes: list[int], repeat: int, keep: Path | None, site_max: int, timeout: float) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            data, db = tmp / f"debate-{size}.nq", tmp / f"db-{size}"
            if not (data.exists() and db.exists()):  # --keep reuses what an earlier run made
                generate(data, size)
                subprocess.run([*PAG, "-q", "--store", f"oxigraph:{db}", "load", str(data)], check=True, capture_output=True)
            with data.open("rb") as fh:
                n = sum(1 for _ in fh)
            env = dict(os.environ)
            warm = tmp / f"cache-{size}"
            env["PAG_CACHE_DIR"] = str(warm)
            cold = tmp / f"cold-{size}"
            cold.mkdir(exist_ok=True)
            raw = timed([sys.executable, "-c", RAW_LOAD, str(data)], repeat, env, timeout)
            assert raw is not None
            store = ["--store", f"oxigraph-ro:{db}"]
            works = [("pag --version (start-up: the floor of any command)", [*PAG, "--version"])]
            works += [(f"pag report {rep}", [*PAG, "-q", *store, "report", rep]) for rep in REPORTS]
            if size <= site_max:
                works.append(("pag site", [*PAG, "-q", *store, "site", str(tmp / f"site-{size}")]))
            policy = f"{ID}policy/p{max(1, size // 78) - 1}"
            works.append(("pag view TARGET", [*PAG, "-q", *store, "view", policy, "-o", str(tmp / f"view-{size}.html")]))
            for work, cmd in works:
                r: dict[str, object] = {"statements": n, "work": work, "raw_cpu": raw["cpu"], "raw_wall": raw["wall"]}
                r["first"] = timed(cmd, 1, env, timeout, fresh_cache=cold)
                once(cmd, env, timeout)  # fill the cache
                r["then"] = timed(cmd, repeat, env, timeout)
                print(json.dumps(r), flush=True)
                rows.append(r)
    return rows


def _cell(r: dict[str, object], key: str) -> str:
    got = r.get(key)
    if not isinstance(got, dict):
        return "—" if key not in r else "not done"
    ratio = got["cpu"] / float(r["raw_cpu"])  # type: ignore[arg-type]
    return f"{got['cpu']:.1f} s ({ratio:.1f}×), {got['mb']} MB"


def table(rows: list[dict[str, object]]) -> str:
    sizes = sorted({int(r["statements"]) for r in rows})  # type: ignore[call-overload]
    works = list(dict.fromkeys(str(r["work"]) for r in rows))
    by = {(str(r["work"]), int(r["statements"])): r for r in rows}  # type: ignore[call-overload]
    head = "| work | " + " | ".join(f"{s:,} statements: first run / then" for s in sizes) + " |"
    lines = [head, "|---|" + "---|" * len(sizes)]
    raw = {int(r["statements"]): r for r in rows}  # type: ignore[call-overload]
    lines.append("| raw pyoxigraph load (the yardstick) | " + " | ".join(
        f"{raw[s]['raw_cpu']:.1f} s CPU ({raw[s]['raw_wall']:.1f} s wall)" for s in sizes) + " |")  # fmt: skip
    for w in works:
        cells = []
        for s in sizes:
            r = by.get((w, s))
            cells.append("—" if r is None else f"{_cell(r, 'first')} / {_cell(r, 'then')}")
        lines.append(f"| `{w}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    body = readme.read_text(encoding="utf-8")
    start, end = "<!-- scale-table -->", "<!-- /scale-table -->"
    if start not in body or end not in body:
        raise SystemExit("README.md has no <!-- scale-table --> … <!-- /scale-table --> markers")
    before, rest = body.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(before + start + "\n" + text + end + after, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--site-max", type=int, default=100_000, help="time `pag site` up to this size")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before a run counts as not done")
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the generated files and stores in this folder")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON lines here")
    ap.add_argument("--readme", action="store_true", help="replace the table in README.md")
    a = ap.parse_args()
    rows = scale(a.sizes, a.repeat, a.keep, a.site_max, a.timeout)
    if a.json:
        a.json.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    text = table(rows)
    print(text)
    if a.readme:
        write_readme(text)


if __name__ == "__main__":
    main()
