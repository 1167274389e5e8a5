"""Dismissed suggestions in the browser: Esc dismisses the suggestion picked with J, a
reload does not propose it again, "dismissed (N)" lists it and "restore" brings it back."""

from __future__ import annotations

import json
import shutil
import tempfile
import time

import pytest

from graph.annotate import serving
from graph.authoring import Authoring
from graph.project import init_project
from tests.conftest import require

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
TEXT = """Harbor City Overdose Review

In March the city council proposed a naloxone vending program for the waterfront.
"Every machine we install is a life we can save," said Councillor Maria Lopez.
Overdose deaths in Harbor City fell by 23 percent in 2024, according to the county coroner.
"""


@pytest.fixture
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
    ):  # fmt: skip
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="pag-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.binary_location = CHROMIUM
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Page:
    def __init__(self, driver, url: str):
        self.d = driver
        driver.get(url + "/annotate")
        self.wait(lambda: self.js("return document.querySelectorAll('#text span').length") > 0)

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def wait(self, cond, what="the page", timeout=20):
        deadline = time.time() + timeout
        while not cond():
            assert time.time() < deadline, f"timed out waiting for {what}"
            time.sleep(0.05)

    def key(self, keys):
        from selenium.webdriver.common.by import By

        self.d.find_element(By.TAG_NAME, "body").send_keys(keys)


def test_dismiss_reload_show_and_restore(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    proj = init_project(tmp_path / "harbor")
    (tmp_path / "review.txt").write_text(TEXT)
    auth = Authoring(proj)
    auth.add_source(tmp_path / "review.txt", title="Harbor City Overdose Review")
    with serving(auth) as url:
        page = Page(browser, url)
        n = page.js("return document.querySelectorAll('#text span.s').length")
        assert n > 0
        page.key("j")  # the first suggestion
        picked = page.js("return document.getElementById('quote').value")
        assert picked
        page.key(Keys.ESCAPE)
        page.wait(lambda: proj.dismissed_path.exists(), "data/dismissed.json")
        stored = json.loads(proj.dismissed_path.read_text())["sources"]
        assert [d["text"] for d in next(iter(stored.values()))] == [picked]
        page = Page(browser, url)  # a reload: not proposed again
        texts = page.js("return Array.from(document.querySelectorAll('#text span.s')).map(s => s.textContent).join('')")
        assert picked not in texts
        button = browser.find_element(By.ID, "show-dismissed")
        assert button.text == "dismissed (1)"
        button.click()
        listed = browser.find_element(By.ID, "dismissed-list")
        assert listed.is_displayed() and picked[:60] in listed.text
        listed.find_element(By.CSS_SELECTOR, "button.restore").click()
        page.wait(lambda: button.text == "dismissed (0)", "the restore")
        assert json.loads(proj.dismissed_path.read_text())["sources"] == {}
        texts = page.js("return Array.from(document.querySelectorAll('#text span.s')).map(s => s.textContent).join('')")
        assert picked[:40] in texts
