"""How readable the opening screen of a view is, measured in headless Chromium.

For each view of the bundled corpus, the page is opened at 1400x900 twice:
as `pag view` writes it now (large views open on a folded summary) and with
the folds removed (every node drawn, as before the summary existed). Once
the layout has settled, the script reads from vis-network:

* ``drawn``      nodes drawn when the view opens (folds count as one);
* ``on screen``  of those, how many are inside the 1400x900 window;
* ``overlap``    the share of on-screen nodes whose box (shape and label,
                 in screen pixels) overlaps another node's box;
* ``font px``    the label size on screen at the fitted zoom (14 px labels
                 times the zoom; below ~8 px a label cannot be read);
* ``settle s``   seconds until the layout stopped.

Run: ``python benchmarks/view_readability.py`` (needs chromium and
chromedriver, as the browser tests do). Prints a Markdown table.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from graph.model import project
from graph.stores import open_store
from graph.view import render_html, view_data

VIEWS = [
    ("whole debate", None),
    ("Drug Policy Alliance (neighbourhood)", "actor:drug-policy-alliance"),
    ("Harsher fentanyl penalties (tree)", "policy:harsher-fentanyl-penalties"),
    ("War on drugs (tree)", "policy:war-on-drugs"),
]

MEASURE = """
var net = window.pag.network, ids = net.body.nodeIndices, boxes = [];
var r = document.getElementById("graph").getBoundingClientRect();
ids.forEach(function (id) {
  var b = net.getBoundingBox(id);
  var a = net.canvasToDOM({x: b.left, y: b.top}), c = net.canvasToDOM({x: b.right, y: b.bottom});
  if (c.x > 0 && a.x < r.width && c.y > 0 && a.y < r.height) { boxes.push([a.x, a.y, c.x, c.y]); }
});
var hit = 0;
for (var i = 0; i < boxes.length; i++) {
  for (var j = 0; j < boxes.length; j++) {
    if (i === j) continue;
    var p = boxes[i], q = boxes[j];
    if (p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3]) { hit++; break; }
  }
}
return {drawn: ids.length, screen: boxes.length, overlap: boxes.length ? hit / boxes.length : 0, font: 14 * net.getScale()};
"""


def _driver():  # pragma: no cover - a measuring script
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1400,900"):
        opts.add_argument(flag)
    opts.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="pag-readability-"))
    opts.binary_location = shutil.which("chromium") or "chromium"
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=opts)


def measure(driver, path: Path) -> dict[str, float]:  # pragma: no cover
    t = time.time()
    driver.get("about:blank")
    driver.get(path.resolve().as_uri())
    while driver.execute_script("return document.body.getAttribute('data-settled')") != "true":
        if time.time() - t > 120:
            raise RuntimeError(f"{path}: the layout never settled")
        time.sleep(0.1)
    took = time.time() - t
    out = driver.execute_script(MEASURE)
    out["settle"] = took
    return out


def main() -> int:  # pragma: no cover
    G = project(open_store("memory"), provenance=True)
    tmp = Path(tempfile.mkdtemp(prefix="pag-readability-"))
    driver = _driver()
    rows = []
    try:
        for name, target in VIEWS:
            data = view_data(G, target)
            flat = json.loads(json.dumps(data))
            flat["groups"] = []
            for n in flat["nodes"]:
                n.pop("hub", None)
            res = {}
            for how, d in (("summary", data), ("flat", flat)):
                path = tmp / f"{how}.html"
                path.write_text(render_html(d), encoding="utf-8")
                res[how] = measure(driver, path)
            rows.append((name, len(data["nodes"]), res))
    finally:
        driver.quit()
    print("| view | nodes | drawn | on screen | overlap | font px | settle s "
          "| unfolded: on screen | overlap | font px | settle s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, total, r in rows:
        s, f = r["summary"], r["flat"]
        print(f"| {name} | {total} | {s['drawn']} | {s['screen']} | {s['overlap']:.0%} | {s['font']:.1f} "
              f"| {s['settle']:.1f} | {f['screen']} | {f['overlap']:.0%} | {f['font']:.1f} | {f['settle']:.1f} |")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
