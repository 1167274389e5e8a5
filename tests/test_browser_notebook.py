"""A pyvis network as Jupyter shows it, in a real browser (headless Chromium + Selenium).

The cell output of a network (its ``_repr_html_``: the page in a sandboxed
``<iframe srcdoc>``) is put in a page and opened from disk: vis-network must
draw every node and edge with no console error and no request leaving the
machine, hovering a node must show its label, its IN/OUT in words and its
quote, and hostile labels must run nothing. Under CI=true these tests fail
when Chromium is missing.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import graph
from tests.conftest import chromium
from tests.test_debate_api import HOSTILE

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-extension:", "devtools:")


@pytest.fixture(scope="module")
def browser():
    with chromium(window="1300,950", logs=("browser", "performance")) as driver:
        yield driver


def open_cell_output(driver, net, tmp_path: Path) -> dict:
    """Open the network's cell output; switch into its frame once vis-network has drawn."""
    from selenium.webdriver.common.by import By

    path = tmp_path / "cell.html"
    path.write_text(f"<!DOCTYPE html><html><body><p>Out[1]:</p>{net._repr_html_()}</body></html>", encoding="utf-8")
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.as_uri())
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "iframe.pag-network"))
    deadline = time.time() + 60
    while not driver.execute_script("return typeof network !== 'undefined' && network.body.nodeIndices.length > 0"):
        assert time.time() < deadline, "vis-network never drew"
        time.sleep(0.1)
    time.sleep(0.5)
    requests = []
    for e in driver.get_log("performance"):
        msg = json.loads(e["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
    return {"console": driver.get_log("browser"), "requests": requests}


def assert_clean(seen: dict) -> None:
    errors = [e for e in seen["console"] if e["level"] in ("SEVERE", "WARNING")]
    assert errors == [], errors
    assert [u for u in seen["requests"] if not u.startswith(LOCAL_SCHEMES)] == []


def test_cell_output_draws_every_node_and_shows_the_quote_on_hover(browser, tmp_path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    debate = graph.open(data=[FIXTURES / "tiny.trig"])
    net = debate.pyvis("Crackdown", height="520px")
    seen = open_cell_output(browser, net, tmp_path)
    try:
        assert_clean(seen)
        drawn = browser.execute_script("return [network.body.nodeIndices.length, network.body.edgeIndices.length]")
        assert drawn == [net.num_nodes(), net.num_edges()]
        legend = browser.execute_script("return document.querySelector('.pag-legend').innerText")
        assert "Policy (box)" in legend and "supports" in legend and "OUT (defeated)" in legend
        # hover the evidence item: its label, its label in words, its quote
        node = "https://w3id.org/pag/id/evidence/overdoses-fell"
        x, y = browser.execute_script(
            "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]); return [p.x, p.y];", node
        )
        canvas = browser.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
        size = canvas.size
        ActionChains(browser).move_to_element_with_offset(
            canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)
        ).perform()
        deadline = time.time() + 10
        tip = ""
        while time.time() < deadline:
            tip = browser.execute_script(
                "var t = document.querySelector('.vis-tooltip');"
                "return t && t.style.visibility !== 'hidden' ? t.innerText : '';"
            )
            if tip:
                break
            time.sleep(0.1)
        item = net.node_map[node]
        assert tip.splitlines()[0] == "Overdoses fell from 11 to 1 a day"
        assert "“overdoses went from 11 a day to less than one”" in tip
        assert item["status"] in ("IN", "OUT") and ("IN (accepted)" in tip or "OUT (defeated)" in tip)
        assert "— Alpha report" in tip
    finally:
        browser.switch_to.default_content()


def test_hostile_labels_run_nothing_in_the_cell_output(browser, tmp_path) -> None:
    path = tmp_path / "hostile.trig"
    path.write_text(HOSTILE.replace("alert(", "window.top.pwned = ("), encoding="utf-8")
    net = graph.open(path).pyvis()
    seen = open_cell_output(browser, net, tmp_path)
    try:
        assert_clean(seen)
        assert browser.execute_script("return document.querySelectorAll('img, svg, iframe, b').length") == 0
        labels = browser.execute_script("return network.body.data.nodes.get().map(function (n) { return n.label; })")
        assert "<svg onload=window.top.pwned = (5)>" in labels
    finally:
        browser.switch_to.default_content()
    assert browser.execute_script("return window.pwned") is None
