"""The views in a real browser: headless Chromium driven by Selenium.

Each test opens a generated page from disk (file://) and checks what a
reader gets: no console errors, no request leaving the machine, as many
nodes and edges drawn as the graph holds, search, filters, hover, and that
hostile labels run nothing. Screenshots go to artifacts/ (look at them).
Under CI=true these tests fail when Chromium is missing.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from graph.model import project
from graph.site import build_site
from graph.stores import open_store
from graph.view import render_html, view_data
from tests.conftest import chromium, require

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "artifacts"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-extension:", "devtools:")
P = "https://w3id.org/pag/id/"


@pytest.fixture(scope="module")
def browser():
    with chromium(logs=("browser", "performance")) as driver:
        yield driver


class Page:
    """One page opened in the browser, with what it logged and requested."""

    def __init__(self, driver, path: Path, *, wait_graph: bool = True):
        self.d = driver
        driver.get("about:blank")
        driver.get_log("browser")
        driver.get_log("performance")
        driver.get(path.resolve().as_uri())
        if wait_graph:
            deadline = time.time() + 60
            while driver.execute_script("return document.body.getAttribute('data-settled')") != "true":
                assert time.time() < deadline, "the layout never settled"
                time.sleep(0.1)
        self.console = [e for e in driver.get_log("browser")]
        self.requests = []
        for e in driver.get_log("performance"):
            msg = json.loads(e["message"])["message"]
            if msg["method"] == "Network.requestWillBeSent":
                self.requests.append(msg["params"]["request"]["url"])

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def drawn(self):
        return self.js("return window.pag.drawn()")

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / f"{name}.png"
        self.d.save_screenshot(str(out))
        return out

    def assert_clean(self):
        errors = [e for e in self.console if e["level"] in ("SEVERE", "WARNING")]
        assert errors == [], errors
        external = [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]
        assert external == [], external


def top_level(data) -> int:
    """How many nodes a view draws when it opens on its summary: folds and what is in none."""
    grouped = {m: g["id"] for g in data["groups"] if len(g["members"]) > 1 for m in g["members"]}
    groups = set(grouped.values())
    loose = [n for n in data["nodes"] if not n.get("hub") and n["id"] not in grouped]
    return len(groups) + len(loose)


@pytest.fixture(scope="module")
def tiny_graph():
    return project(open_store("memory", data=[FIXTURES / "tiny.trig"]), provenance=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory, tiny_graph):
    out = tmp_path_factory.mktemp("views")
    files = {}
    for name, target in [("whole", None), ("tree", "Crackdown"), ("actor", "Alice")]:
        data = view_data(tiny_graph, target)
        files[name] = (out / f"{name}.html", data)
        files[name][0].write_text(render_html(data), encoding="utf-8")
    return files


def test_whole_view_draws_every_node_and_edge_offline(browser, pages):
    path, data = pages["whole"]
    page = Page(browser, path)
    page.assert_clean()
    assert page.drawn() == {"nodes": 7, "edges": 8} == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
    assert page.js("return document.getElementById('title').textContent") == "The whole debate"
    assert page.js("return document.querySelectorAll('#legend-kinds .row').length") == 4
    assert page.js("return document.querySelectorAll('#legend-relations .row').length") == 5
    # physics settled and stopped
    assert page.js("return window.pag.network.physics.physicsEnabled") is False
    page.shot("view-tiny-whole")


def test_tree_puts_the_policy_on_top_and_evidence_at_the_bottom(browser, pages):
    path, _data = pages["tree"]
    page = Page(browser, path)
    page.assert_clean()
    assert page.drawn() == {"nodes": 5, "edges": 4}
    pos = page.js("return window.pag.network.getPositions()")
    top = pos[P + "policy/crackdown"]["y"]
    claims = [pos[P + "claim/crackdown-saves-lives"]["y"], pos[P + "claim/crackdown-fills-prisons"]["y"]]
    evidence = [pos[P + "evidence/overdoses-fell"]["y"], pos[P + "evidence/neighbour-county-rose"]["y"]]
    assert top < min(claims) and max(claims) < min(evidence)
    page.shot("view-tiny-tree")


def test_search_finds_a_node(browser, pages):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = Page(browser, pages["whole"][0])
    box = browser.find_element(By.ID, "search")
    box.send_keys("fills prisons")
    hits = browser.find_elements(By.CSS_SELECTOR, "#results .hit")
    assert [h.get_attribute("data-id") for h in hits] == [P + "claim/crackdown-fills-prisons"]
    box.send_keys(Keys.ENTER)
    assert page.js("return window.pag.network.getSelectedNodes()") == [P + "claim/crackdown-fills-prisons"]
    assert browser.find_element(By.ID, "found").text == "Found: The crackdown fills prisons without disrupting markets"
    details = browser.find_element(By.ID, "details")
    assert details.is_displayed()
    assert "That approach fills the prisons" in details.text and "Beta article" in details.text
    page.shot("view-tiny-search")
    box.clear()
    box.send_keys("no such thing")
    assert browser.find_element(By.ID, "found").text == "No node matches"


def test_filters_hide_a_kind_and_a_relation(browser, pages):
    from selenium.webdriver.common.by import By

    page = Page(browser, pages["whole"][0])
    browser.find_element(By.CSS_SELECTOR, '#legend-kinds input[data-key="evidence"]').click()
    # two evidence nodes and their 2 edges vanish
    assert page.drawn() == {"nodes": 5, "edges": 6}
    assert "Showing 5 of 7 nodes and 6 of 8 edges." in browser.find_element(By.ID, "shown").text
    browser.find_element(By.CSS_SELECTOR, '#legend-relations input[data-key="asserts"]').click()
    assert page.drawn() == {"nodes": 5, "edges": 4}
    browser.find_element(By.CSS_SELECTOR, '#legend-kinds input[data-key="evidence"]').click()
    assert page.drawn() == {"nodes": 7, "edges": 6}
    page.shot("view-tiny-filtered")


def test_hover_shows_label_quote_and_source(browser, pages):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page = Page(browser, pages["whole"][0])
    node = P + "evidence/overdoses-fell"
    xy = page.js(
        "var n = window.pag.network; var p = n.canvasToDOM(n.getPositions([arguments[0]])[arguments[0]]);"
        "return [p.x, p.y];",
        node,
    )
    graph = browser.find_element(By.ID, "graph")
    w, h = graph.size["width"], graph.size["height"]
    ActionChains(browser).move_to_element_with_offset(graph, int(xy[0] - w / 2), int(xy[1] - h / 2)).perform()
    deadline = time.time() + 5
    tip = browser.find_element(By.ID, "tip")
    while not tip.is_displayed():
        assert time.time() < deadline, "no tooltip on hover"
        time.sleep(0.05)
    text = tip.text
    assert "Overdoses fell from 11 to 1 a day" in text
    assert "overdoses went from 11 a day to less than one" in text
    assert "Alpha report" in text
    page.shot("view-tiny-hover")


def test_hover_cites_the_page_of_a_quote_from_a_text_with_pages(browser, tiny_graph, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    node, quote = P + "evidence/overdoses-fell", "overdoses went from 11 a day to less than one"
    (src,) = [q["source"] for q in tiny_graph.nodes[node]["quotes"] if q["quote"] == quote]
    data = view_data(tiny_graph, pages={(node, src, quote): "p. 2"})
    path = tmp_path / "paged.html"
    path.write_text(render_html(data), encoding="utf-8")
    page = Page(browser, path)
    xy = page.js(
        "var n = window.pag.network; var p = n.canvasToDOM(n.getPositions([arguments[0]])[arguments[0]]);"
        "return [p.x, p.y];",
        node,
    )
    graph = browser.find_element(By.ID, "graph")
    w, h = graph.size["width"], graph.size["height"]
    ActionChains(browser).move_to_element_with_offset(graph, int(xy[0] - w / 2), int(xy[1] - h / 2)).perform()
    deadline = time.time() + 5
    tip = browser.find_element(By.ID, "tip")
    while not tip.is_displayed():
        assert time.time() < deadline, "no tooltip on hover"
        time.sleep(0.05)
    assert "Alpha report, p. 2" in tip.text
    page.shot("view-tiny-hover-pages")


def test_hostile_labels_run_nothing(browser, tmp_path):
    X = project(open_store("memory", data=[FIXTURES / "view_xss.trig"]), provenance=True)
    path = tmp_path / "xss.html"
    data = view_data(X, kinds=["actor", "policy", "claim", "evidence", "source"])
    path.write_text(render_html(data), encoding="utf-8")
    page = Page(browser, path)
    page.assert_clean()
    assert page.js("return typeof window.__pwned") == "undefined"
    assert page.js("return document.querySelectorAll('img, svg[onload], iframe').length") == 0
    assert page.drawn() == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
    # the label is found and shown as text
    assert page.js("return window.pag.select(arguments[0])", P + "policy/img") is True
    shown = page.js("return document.querySelector('#details .d-label').textContent")
    assert shown == "<img src=x onerror=\"window.__pwned='img'\">"
    quote = page.js("return document.querySelector('#details blockquote').textContent")
    assert quote == "\u201c</script><script>window.__pwned='quote'</script>\u201d"
    # the javascript: URL never became a link; the https one did
    hrefs = page.js("return Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    assert not any(h and h.lower().startswith("javascript") for h in hrefs)
    page.js("window.pag.select(arguments[0])", P + "source/good")
    assert page.js("return document.querySelector('#details dd a').href") == "https://example.org/report?a=1&b=2"
    assert page.js("return typeof window.__pwned") == "undefined"
    page.shot("view-xss")


def test_large_graph_is_reduced_and_settles(browser, tmp_path):
    from tests.test_view import synthetic

    G = synthetic(5000)
    data = view_data(G, labels=None)
    path = tmp_path / "large.html"
    path.write_text(render_html(data), encoding="utf-8")
    t = time.time()
    page = Page(browser, path)
    took = time.time() - t
    page.assert_clean()
    assert len(data["nodes"]) == 1000
    assert page.drawn()["nodes"] == top_level(data) == 250  # opened on its summary: the policies, claims folded in
    assert "too many to read" in page.js("return document.getElementById('notice').textContent")
    assert took < 60
    page.shot("view-large-reduced")


# --- the site: pages people read, search, cite and print ---------------------------


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory, tiny_graph):
    out = tmp_path_factory.mktemp("site")
    build_site(tiny_graph, out)
    return out


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus-site")
    G = project(open_store("memory"), provenance=True)
    build_site(G, out)
    return out


def test_site_pages_work_offline_and_link_together(browser, tiny_site):
    from selenium.webdriver.common.by import By

    root = tiny_site
    index = Page(browser, root / "index.html", wait_graph=False)
    index.assert_clean()
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a")]
    for rel in ("policy/crackdown.html", "actor/alice.html", "claim/crackdown-saves-lives.html", "source/alpha.html",
                "stances.html", "debate.html"):
        assert (root / rel).as_uri() in links, rel
    pol = Page(browser, root / "policy" / "crackdown.html")
    pol.assert_clean()
    assert pol.drawn() == {"nodes": 5, "edges": 4}
    outline = browser.find_element(By.ID, "outline").text
    assert "Advocated by (1)" in browser.page_source and "Opposed by (1)" in browser.page_source
    assert "overdoses went from 11 a day to less than one" in outline
    for rel in ("actor/bob.html", "claim/crackdown-saves-lives.html", "source/alpha.html", "stances.html"):
        p = Page(browser, root / rel, wait_graph=rel.startswith(("actor", "claim")))
        p.assert_clean()


def test_outline_expands_collapses_and_counts(browser, corpus_site):
    from selenium.webdriver.common.by import By

    page = Page(browser, corpus_site / "policy" / "harsher-fentanyl-penalties.html")
    page.assert_clean()
    total = page.js("return document.querySelectorAll('#outline details').length")
    opened = page.js("return document.querySelectorAll('#outline details[open]').length")
    default = page.js("return document.querySelectorAll('#outline details[data-open=\"true\"]').length")
    assert 0 < opened == default < total
    # the counts in the headings are the lines in the outline
    heading = browser.find_element(By.CSS_SELECTOR, "#outline h2").text
    pro = page.js("return document.querySelectorAll('#outline .side.pro > ul > li').length")
    con = page.js("return document.querySelectorAll('#outline .side.con > ul > li').length")
    assert heading.startswith(f"The argument: {pro} for, {con} against")
    lines = int(heading.split("(")[1].split(" lines")[0])
    assert lines == page.js("return document.querySelectorAll('#outline li.arg').length")
    # a closed line hides its quote; "Expand all" shows every line, "Collapse all" none
    deep = page.js("return document.querySelector('#outline details:not([open]) blockquote')")
    assert not deep.is_displayed()
    browser.find_element(By.CSS_SELECTOR, '[data-outline="expand"]').click()
    assert page.js("return document.querySelectorAll('#outline details:not([open])').length") == 0
    assert deep.is_displayed()
    browser.find_element(By.CSS_SELECTOR, '[data-outline="collapse"]').click()
    assert page.js("return document.querySelectorAll('#outline details[open]').length") == 0
    browser.find_element(By.CSS_SELECTOR, '[data-outline="reset"]').click()
    assert page.js("return document.querySelectorAll('#outline details[open]').length") == opened
    # clicking a line opens it
    summary = page.js("return document.querySelector('#outline details:not([open]) > summary')")
    summary.click()
    assert page.js("return arguments[0].parentElement.open", summary) is True
    page.shot("site-outline-expanded")


def test_a_cited_anchor_opens_the_outline_around_it(browser, corpus_site):
    page = Page(browser, corpus_site / "policy" / "harsher-fentanyl-penalties.html", wait_graph=False)
    hidden = page.js(
        "var d = document.querySelector('#outline details:not([open]) li.arg[id]'); return d ? d.id : null"
    )
    assert hidden
    url = (corpus_site / "policy" / "harsher-fentanyl-penalties.html").as_uri() + "#" + hidden
    browser.get("about:blank")
    browser.get(url)
    el = page.js("return document.getElementById(arguments[0])", hidden)
    assert el.is_displayed()
    assert page.js("return arguments[0].getBoundingClientRect().top", el) < 200


def test_site_search_finds_a_node_by_the_words_of_its_quote(browser, tiny_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = Page(browser, tiny_site / "policy" / "crackdown.html")
    box = browser.find_element(By.ID, "site-q")
    box.send_keys("less than one")  # words of a quote, not of any label
    hits = browser.find_elements(By.CSS_SELECTOR, "#site-hits a.hit")
    assert [h.text for h in hits] == ["Overdoses fell from 11 to 1 a day"]
    assert hits[0].get_attribute("href") == (tiny_site / "source" / "alpha.html").as_uri() + "#q-evidence-overdoses-fell-1"
    assert "less than one" in browser.find_element(By.CSS_SELECTOR, "#site-hits .snip").text
    page.shot("site-tiny-search")
    box.clear()
    box.send_keys("prisons")  # a label
    hits = browser.find_elements(By.CSS_SELECTOR, "#site-hits a.hit")
    assert hits[0].text == "The crackdown fills prisons without disrupting markets"
    box.send_keys(Keys.ENTER)
    assert browser.current_url == (tiny_site / "claim" / "crackdown-fills-prisons.html").as_uri() + "#claim-crackdown-fills-prisons"
    page.assert_clean()


def test_index_tables_sort_and_filter(browser, corpus_site):
    from selenium.webdriver.common.by import By

    page = Page(browser, corpus_site / "index.html", wait_graph=False)
    page.assert_clean()
    col = "return Array.from(document.querySelectorAll('#t-policies tbody tr:not([hidden])')).map(r => r.cells[arguments[0]].textContent.trim())"
    names = page.js(col, 0)
    assert names[0][0].isalnum()  # quoted names sort by their words
    under = browser.find_elements(By.CSS_SELECTOR, "#t-policies thead th")[7]
    assert under.text.startswith("UNDER IT")
    under.click()  # numbers sort largest first
    values = [int(x) for x in page.js(col, 7)]
    assert values == sorted(values, reverse=True) and values[0] > values[-1]
    assert under.get_attribute("aria-sort") == "descending"
    under.click()
    assert [int(x) for x in page.js(col, 7)] == sorted(values)
    f = browser.find_element(By.CSS_SELECTOR, 'input.filter[data-table="t-policies"]')
    f.send_keys("naloxone")
    shown = page.js(col, 0)
    assert shown and all("naloxone" in r.lower() for r in page.js(
        "return Array.from(document.querySelectorAll('#t-policies tbody tr:not([hidden])')).map(r => r.textContent)"))
    assert browser.find_element(By.CSS_SELECTOR, '.shown[data-table="t-policies"]').text == f"{len(shown)} of {len(names)} rows"
    page.shot("site-index-filtered")


def test_stance_grid_sorts_by_a_policy(browser, corpus_site):
    from selenium.webdriver.common.by import By

    page = Page(browser, corpus_site / "stances.html", wait_graph=False)
    page.assert_clean()
    th = browser.find_elements(By.CSS_SELECTOR, "#t-grid thead th")[3]  # the most disputed policy
    th.click()
    vals = page.js("return Array.from(document.querySelectorAll('#t-grid tbody tr')).map(r => r.cells[3].getAttribute('data-v'))")
    assert [int(v) for v in vals] == sorted((int(v) for v in vals), reverse=True)
    assert vals[0] == "2" and "-1" in vals  # advocates first, opponents last


def test_filtering_a_kind_lays_the_view_out_again(browser, pages):
    from selenium.webdriver.common.by import By

    page = Page(browser, pages["whole"][0])
    runs = page.js("return window.pag.layoutRuns()")
    before = page.js("return window.pag.network.getPositions()")
    browser.find_element(By.CSS_SELECTOR, '#legend-kinds input[data-key="claim"]').click()
    deadline = time.time() + 30
    while page.js("return document.body.getAttribute('data-settled')") != "true":
        assert time.time() < deadline
        time.sleep(0.1)
    assert page.js("return window.pag.layoutRuns()") == runs + 1
    after = page.js("return window.pag.network.getPositions()")
    assert set(after) == set(before) - {P + "claim/crackdown-saves-lives", P + "claim/crackdown-fills-prisons"}
    assert any(abs(after[n]["x"] - before[n]["x"]) + abs(after[n]["y"] - before[n]["y"]) > 1 for n in after)
    # every node left is on screen
    box = page.js("var r = document.getElementById('graph').getBoundingClientRect(); return [r.width, r.height]")
    for n in after:
        xy = page.js("var p = window.pag.network.canvasToDOM(arguments[0]); return [p.x, p.y]", after[n])
        assert 0 <= xy[0] <= box[0] and 0 <= xy[1] <= box[1], n
    page.shot("view-tiny-relayout")


def test_the_whole_corpus_opens_on_a_summary_that_unfolds(browser, corpus_site):
    page = Page(browser, corpus_site / "debate.html")
    page.assert_clean()
    data = page.js("return window.pag.data")
    groups = [g for g in data["groups"] if len(g["members"]) > 1]
    singles = [g for g in data["groups"] if len(g["members"]) == 1]
    assert page.drawn()["nodes"] == top_level(data) == len(groups) + len(singles)
    hubs = {n["hub"] for n in data["nodes"] if n.get("hub")}
    assert page.js("return window.pag.folds()") == len(groups) + sum(1 for g in singles if g["members"][0] in hubs)
    assert page.drawn()["nodes"] <= 20
    page.shot("site-corpus-debate-summary")
    gid = next(g["id"] for g in groups if g["label"].startswith("Policies: harm reduction"))
    page.js("window.pag.openCluster(arguments[0])", gid)
    deadline = time.time() + 60
    while page.js("return document.body.getAttribute('data-settled')") != "true":
        assert time.time() < deadline
        time.sleep(0.1)
    assert page.drawn()["nodes"] > 20
    # a search opens the folds around its node and centres the view on it
    naloxone = next(n["id"] for n in data["nodes"] if n["kind"] == "claim" and n.get("hub") and "naloxone" in n["label"].lower())
    assert page.js("return window.pag.select(arguments[0])", naloxone) is True
    deadline = time.time() + 60
    while page.js("return document.body.getAttribute('data-settled')") != "true":
        assert time.time() < deadline
        time.sleep(0.1)
    time.sleep(0.3)  # the details panel has opened and the canvas resized
    xy = page.js("var n = window.pag.network; var p = n.canvasToDOM(n.getPosition(arguments[0])); return [p.x, p.y]", naloxone)
    w, h = page.js("var r = document.getElementById('graph').getBoundingClientRect(); return [r.width, r.height]")
    assert abs(xy[0] - w / 2) < 5 and abs(xy[1] - h / 2) < 5
    assert page.js("return window.pag.network.getScale()") == 1.0
    page.shot("site-corpus-debate-search")


def test_views_save_as_png_and_svg(browser, pages):
    import base64

    page = Page(browser, pages["tree"][0])
    url = page.js("return window.pag.pngURL()")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    svg = page.js("return window.pag.svgText()")
    assert svg.startswith("<svg") and svg.count("<text") == 5 and "Crackdown" in svg
    page.assert_clean()


def test_hostile_text_on_site_pages_runs_nothing(browser, tmp_path):
    from selenium.webdriver.common.by import By

    X = project(open_store("memory", data=[FIXTURES / "view_xss.trig"]), provenance=True)
    build_site(X, tmp_path)
    for f in sorted(tmp_path.rglob("*.html")):
        page = Page(browser, f, wait_graph=False)
        page.assert_clean()
        assert page.js("return typeof window.__pwned") == "undefined", f
    page = Page(browser, tmp_path / "index.html", wait_graph=False)
    browser.find_element(By.ID, "site-q").send_keys("script")
    assert browser.find_elements(By.CSS_SELECTOR, "#site-hits a.hit")
    assert page.js("return typeof window.__pwned") == "undefined"
    assert page.js("return document.querySelectorAll('#site-hits img, #site-hits script').length") == 0


def test_printed_policy_page_holds_the_whole_outline(browser, corpus_site, tmp_path):
    import base64
    import subprocess

    require("pdftotext (poppler-utils)", shutil.which("pdftotext") is not None)
    Page(browser, corpus_site / "policy" / "harsher-fentanyl-penalties.html", wait_graph=False)
    pdf = base64.b64decode(browser.print_page())
    out = tmp_path / "policy.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.count("\f")
    lines = int(browser.find_element("css selector", "#outline h2").text.split("(")[1].split(" lines")[0])
    assert pages >= 10  # hundreds of lines, not one screen
    flat = " ".join(text.split())
    # lines that are closed on screen are printed, with their citation; no graph, no buttons
    closed = browser.execute_script(
        "return Array.from(document.querySelectorAll('#outline details:not([open]) li.arg[id] > .leaf')).slice(-3)"
        ".map(e => e.querySelector('blockquote') ? e.querySelector('blockquote').textContent : null)"
    )
    closed = [q for q in closed if q]
    assert closed and all(" ".join(q.split())[:60] in flat for q in closed), closed
    assert "Drug Policy Alliance, 2020" in flat
    assert "Expand all" not in flat and "Find a node in the graph" not in flat
    assert lines > 200


def test_screenshots_of_every_page_type_at_desktop_and_phone_width(browser, corpus_site):
    """Artifacts to look at: each kind of page at 1400x900 and at 390x844 (a phone)."""
    pages = {
        "index": "index.html", "debate": "debate.html", "stances": "stances.html",
        "policy": "policy/harsher-fentanyl-penalties.html", "claim": "claim/crackdown-saves-lives.html",
        "actor": "actor/drug-policy-alliance.html",
        "source": "source/dpa-2020-criminal-justice-reform-fentanyl-era.html",
    }
    claim = next(iter(sorted((corpus_site / "claim").iterdir())))
    pages["claim"] = f"claim/{claim.name}"
    try:
        for width, height in ((1400, 900), (390, 844)):
            browser.set_window_size(width, height)
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
            for name, rel in pages.items():
                page = Page(browser, corpus_site / rel, wait_graph=name in ("debate", "policy", "claim", "actor"))
                page.assert_clean()
                # nothing runs off the side of a phone but the grid and the graph, which scroll
                if width < 600 and name not in ("stances",):
                    assert page.js("return document.documentElement.scrollWidth") <= width + 1, name
                page.shot(f"site-{name}-{width}")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.set_window_size(1400, 900)


def test_bundled_corpus_debate_and_a_policy(browser, tmp_path):
    G = project(open_store("memory"), provenance=True)
    for name, target in [("corpus-debate", None), ("corpus-surge", "policy:operation-synthetic-opioid-surge")]:
        if target is not None and target.split(":", 1)[1] not in {n.rsplit("/", 1)[-1] for n in G}:
            continue
        data = view_data(G, target)
        path = tmp_path / f"{name}.html"
        path.write_text(render_html(data), encoding="utf-8")
        page = Page(browser, path)
        page.assert_clean()
        folded = sum(1 for n in data["nodes"] if n.get("hub"))
        if folded or data["groups"]:
            assert page.js("return window.pag.folds()") > 0
            assert page.drawn()["nodes"] == top_level(data) < len(data["nodes"])
        else:
            assert page.drawn() == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
        page.shot(f"view-{name}")
