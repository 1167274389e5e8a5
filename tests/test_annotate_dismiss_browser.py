"""Dismissed suggestions in the browser: Esc dismisses the suggestion picked with J, a
reload does not propose it again, "dismissed (N)" lists it and "restore" brings it back."""

from __future__ import annotations

import json
import time

import pytest

from graph.annotate import serving
from graph.authoring import Authoring
from graph.project import init_project
from tests.conftest import chromium

pytestmark = pytest.mark.browser

TEXT = """Harbor City Overdose Review

In March the city council proposed a naloxone vending program for the waterfront.
"Every machine we install is a life we can save," said Councillor Maria Lopez.
Overdose deaths in Harbor City fell by 23 percent in 2024, according to the county coroner.
"""


@pytest.fixture
def browser():
    with chromium() as driver:
        yield driver


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
