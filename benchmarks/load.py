"""Load `pag serve` on loopback and report what it holds (run by hand, not in CI).

    python benchmarks/load.py                       # bundled corpus, 8/32/128 clients, 6 s each
    python benchmarks/load.py --seconds 10 --clients 8 32 128 256

It starts ``pag serve --site DIR`` (the HTML views of the bundled corpus,
built first with ``pag site``) on a free loopback port, in its own process,
then for each number of concurrent clients (httpx async, one connection
each, keep-alive) and each workload it sends requests for ``--seconds``:

* ``named``: the named queries of the library (``/queries/NAME?format=…``),
  each client cycling through them;
* ``pages``: the static HTML pages (index, the whole debate, every policy
  and actor page).

It prints requests per second, the median (p50) and 99th percentile (p99)
latency, and the failed requests (any status other than 200, or a transport
error). Then the slow-query case: ``ASK {}`` is timed alone, then again
while a query that runs into the server's --timeout is in flight; the
difference is what the slow query costs a quick one.

Nothing is asserted: these are measurements. Only 127.0.0.1 is contacted,
and every scenario is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(site: Path, port: int, timeout: float, workers: int | None) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "graph", "-q", "serve", "--port", str(port), "--site", str(site), "--timeout", str(timeout)]
    if workers:
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("pag serve did not start")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


async def run_load(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    failures = 0
    statuses: dict[str, int] = {}
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def one(i: int) -> None:
            nonlocal failures
            k = i
            while time.monotonic() < stop:
                path = paths[k % len(paths)]
                k += 1
                t = time.perf_counter()
                try:
                    r = await client.get(path)
                    ok = r.status_code == 200
                    key = str(r.status_code)
                except httpx.HTTPError as exc:
                    ok = False
                    key = type(exc).__name__
                statuses[key] = statuses.get(key, 0) + 1
                latencies.append((time.perf_counter() - t) * 1000)
                if not ok:
                    failures += 1

        started = time.monotonic()
        await asyncio.gather(*(one(i) for i in range(clients)))
        elapsed = time.monotonic() - started
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "failed": failures,
        "statuses": statuses,  # type: ignore[dict-item]
    }


def ask_latency(base: str, n: int = 20) -> list[float]:
    out = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(n):
            t = time.perf_counter()
            client.get("/sparql", params={"query": "ASK {}"})
            out.append((time.perf_counter() - t) * 1000)
            time.sleep(0.05)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, nargs="+", default=[8, 32, 128])
    ap.add_argument("--seconds", type=float, default=6.0)
    ap.add_argument("--workers", type=int, help="pag serve --workers (default: its own)")
    ap.add_argument("--slow-timeout", type=float, default=10.0, help="the server's --timeout, which the slow query runs into")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="pag-load-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "graph", "-q", "site", str(site)], check=True, stdout=subprocess.DEVNULL)
        pages = ["/index.html", "/debate.html", *sorted("/" + p.relative_to(site).as_posix() for p in site.glob("*/*.html"))]
        port = free_port()
        proc = start_server(site, port, args.slow_timeout, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            named = [
                f"/queries/{q['name']}?format={'turtle' if q['form'] in {'construct', 'describe'} else 'json'}"
                for q in httpx.get(base + "/queries").json()
            ]
            print(f"pag serve on {base}: {len(named)} named queries, {len(pages)} pages; {args.seconds:g} s per run\n")
            print(f"{'workload':<8} {'clients':>7} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'failed':>7}")
            for workload, paths in (("named", named), ("pages", pages)):
                for n in args.clients:
                    r = asyncio.run(run_load(base, paths, n, args.seconds))
                    bad = {k: v for k, v in r["statuses"].items() if k != "200"}  # type: ignore[union-attr]
                    print(
                        f"{workload:<8} {n:>7} {r['requests']:>9} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['failed']:>7}"
                        + (f"  {bad}" if bad else "")
                    )

            alone = ask_latency(base)
            slow: dict[str, object] = {}

            def go() -> None:
                t = time.perf_counter()
                r = httpx.get(base + "/sparql", params={"query": SLOW}, timeout=args.slow_timeout + 30)
                slow.update(status=r.status_code, seconds=time.perf_counter() - t)

            t = threading.Thread(target=go)
            t.start()
            time.sleep(0.5)
            during = ask_latency(base)
            running = t.is_alive()
            t.join()
            print(
                f"\nASK {{}} alone: p50 {statistics.median(alone):.1f} ms, max {max(alone):.1f} ms; "
                f"while a slow query runs: p50 {statistics.median(during):.1f} ms, max {max(during):.1f} ms "
                f"(slow query still running at the end: {running}; it ended with HTTP {slow.get('status')} "
                f"after {float(slow.get('seconds', 0)):.1f} s)"
            )
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
