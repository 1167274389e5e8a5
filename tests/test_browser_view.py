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
import tempfile
import time
from pathlib import Path

import pytest

from graph.model import project
from graph.site import build_site
from graph.stores import open_store
from graph.view import render_html, view_data
from tests.conftest import require

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-extension:", "devtools:")
P = "https://w3id.org/pag/id/"


@pytest.fixture(scope="module")
def browser():
    require("chromium", CHROMIUM is not None)
    require("chromedriver", CHROMEDRIVER is not None)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:  # pragma: no cover
        require("selenium", False)
    opts = webdriver.ChromeOptions()
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,900",
    ):
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="pag-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.binary_location = CHROMIUM
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


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
    assert page.drawn() == {"nodes": 1000, "edges": len(data["edges"])}
    assert "too many to read" in page.js("return document.getElementById('notice').textContent")
    assert took < 60
    page.shot("view-large-reduced")


def test_site_pages_work_offline_and_link_together(browser, tmp_path, tiny_graph):
    from selenium.webdriver.common.by import By

    rep = build_site(tiny_graph, tmp_path / "site")
    root = tmp_path / "site"
    index = Page(browser, root / "index.html", wait_graph=False)
    index.assert_clean()
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a")]
    assert (root / "policy" / "crackdown.html").as_uri() in links
    assert (root / "actor" / "alice.html").as_uri() in links
    index.shot("site-tiny-index")
    pol = Page(browser, root / "policy" / "crackdown.html")
    pol.assert_clean()
    assert pol.drawn() == {"nodes": 5, "edges": 4}
    report = browser.find_element(By.ID, "report").text
    assert "Advocated by (1)" in report and "Opposed by (1)" in report
    assert "overdoses went from 11 a day to less than one" in report
    pol.shot("site-tiny-policy")
    actor = Page(browser, root / "actor" / "bob.html")
    actor.assert_clean()
    assert "opposes" in browser.find_element(By.ID, "report").text
    actor.shot("site-tiny-actor")
    assert rep["counts"]["pages"] == len(rep["pages"])


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
        assert page.drawn() == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
        page.shot(f"view-{name}")
