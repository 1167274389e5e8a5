"""The annotator end to end, in headless Chromium driven by Selenium.

`pag init`, `pag source add` on a text written for the test, then in the
browser: two claims, an evidence item with a figure, a policy, an actor's
stance and support links — selecting text, keyboard shortcuts, search.
Then `pag validate --texts`, `pag chains` and `pag site` show them with
their quotes; undo (Ctrl+Z) removes the last one; a forged POST without the
token (or from another origin) is refused. Screenshots go to artifacts/.
Under CI=true the test fails when Chromium is missing.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import httpx
import pytest

from graph.annotate import serving
from graph.authoring import Authoring
from graph.project import find_project
from tests.conftest import chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
P = "https://w3id.org/pag/id/"

TEXT = """Harbor City Overdose Review

In March the city council proposed a naloxone vending program for the waterfront.
"Every machine we install is a life we can save," said Councillor Maria Lopez.
Overdose deaths in Harbor City fell by 23 percent in 2024, according to the county coroner.
Police Chief Tom Reyes argued that vending machines make drug use look normal.
The program would cost $400,000 a year.
"""


@pytest.fixture(scope="module")
def browser():
    with chromium(logs=("browser",)) as driver:
        yield driver


def run(cli, runner, cwd: Path, *args, code=0):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        res = runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    assert res.exit_code == code, res.output
    return res.output


class Annotator:
    """The annotator page, driven as a person would."""

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

    def select(self, words: str):
        """Select ``words`` in the document with the mouse (a DOM range, then mouseup)."""
        self.js(
            """
            const words = arguments[0], box = document.getElementById('text');
            const nodes = []; let text = '';
            const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            while (walk.nextNode()) { nodes.push([walk.currentNode, text.length]); text += walk.currentNode.data; }
            const at = text.indexOf(words); if (at < 0) throw new Error('not in the page: ' + words);
            const find = (pos) => { for (const [n, s] of nodes) { if (pos >= s && pos <= s + n.data.length) return [n, pos - s]; } };
            const [sn, so] = find(at), [en, eo] = find(at + words.length);
            const r = document.createRange(); r.setStart(sn, so); r.setEnd(en, eo);
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
            box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            """,
            words,
        )

    def key(self, keys):
        from selenium.webdriver.common.by import By

        self.d.find_element(By.TAG_NAME, "body").send_keys(keys)

    def fill(self, field: str, value: str):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        box = self.d.find_element(By.ID, field)
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.DELETE)
        box.send_keys(value)

    def msg(self, which="msg") -> str:
        return self.js(f"return document.getElementById('{which}').textContent")

    def save(self, expect="Saved"):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        before = self.msg()
        self.d.find_element(By.ID, "label").send_keys(Keys.CONTROL, Keys.ENTER)  # the shortcut
        self.wait(lambda: self.msg() != before and not self.msg().startswith("Selected"), "the save")
        assert self.msg().startswith(expect), self.msg()

    def link(self, relation: str, search: str, pick: str, status: str = ""):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select

        Select(self.d.find_element(By.ID, "relation")).select_by_value(relation)
        Select(self.d.find_element(By.ID, "link-status")).select_by_value(status)
        before = self.msg("link-msg")
        self.fill("search", search)
        # find and click in one step: the results list is re-drawn as the search is typed
        self.wait(
            lambda: self.js(
                "const b = [...document.querySelectorAll('#results button')].find(b => b.textContent.includes(arguments[0]));"
                "if (b) { b.click(); return true; } return false;",
                pick,
            ),
            "search results",
        )
        self.wait(lambda: self.msg("link-msg") != before, "the link")
        assert self.msg("link-msg").startswith("Linked"), self.msg("link-msg")

    def click_quote(self, words: str):
        self.js(
            """
            const span = [...document.querySelectorAll('#text span[data-node]')].find(s => s.textContent.includes(arguments[0]));
            span.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            """,
            words,
        )

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / f"{name}.png"
        self.d.save_screenshot(str(out))
        return out


def test_annotate_a_document_end_to_end(browser, cli, runner, tmp_path):
    run(cli, runner, tmp_path, "init", "harbor", "--name", "Harbor City naloxone debate")
    root = tmp_path / "harbor"
    (tmp_path / "review.txt").write_text(TEXT, encoding="utf-8")
    run(cli, runner, root, "source", "add", str(tmp_path / "review.txt"), "--title", "Harbor City Overdose Review",
        "--publisher", "Harbor Herald", "--date", "2025-01-15")  # fmt: skip
    auth = Authoring(find_project(root))
    with serving(auth) as url:
        page = Annotator(browser, url)
        assert "Harbor City Overdose Review" in page.js("return document.getElementById('text').textContent")
        suggested = page.js("return [...document.querySelectorAll('#text span.s')].map(s => s.textContent).join('|')")
        assert "23 percent" in suggested and "$400,000" in suggested

        # claim 1 (the default kind), label edited
        page.select('"Every machine we install is a life we can save," said Councillor Maria Lopez.')
        page.fill("label", "Each naloxone machine can save a life")
        page.save()
        # claim 2: kind chosen with the C shortcut
        page.select("Police Chief Tom Reyes argued that vending machines make drug use look normal.")
        page.key("c")
        page.fill("label", "Vending machines normalise drug use")
        page.save()
        # evidence with a figure: the E shortcut, then the figure's fields
        page.select("Overdose deaths in Harbor City fell by 23 percent in 2024")
        page.key("e")
        page.fill("label", "Overdose deaths fell 23% in 2024")
        page.fill("value", "23")
        page.fill("unit", "percent fewer overdose deaths")
        page.fill("place", "Harbor City")
        page.fill("period", "2024")
        page.save()
        # support link from the evidence just saved to claim 1
        page.link("supports", "naloxone machine", "Each naloxone machine can save a life")
        # the policy, then the actor and its stance
        page.select("a naloxone vending program")
        page.key("p")
        page.fill("label", "Naloxone vending program")
        page.save()
        page.select("the city council")
        page.key("a")
        page.fill("label", "Harbor City council")
        page.save()
        page.link("proposed", "vending program", "Naloxone vending program", status="proposed")
        # claim 1 supports the policy: picked by clicking its highlighted quote
        page.click_quote("Every machine we install")
        page.link("supports", "vending program", "Naloxone vending program")
        console = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert console == [], console
        # a quote that is not in the text is refused by the server, whatever the page sends
        status, error = browser.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            const token = JSON.parse(document.getElementById('boot').textContent).token;
            fetch('/api/node', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-PAG-Token': token},
              body: JSON.stringify({source: arguments[0], kind: 'claim', label: 'x', quote: 'not in the text'})})
              .then(r => r.json().then(j => done([r.status, j.error])));
            """,
            P + "source/harbor-city-overdose-review",
        )
        assert status == 422 and "the quote is not in" in error

        quotes = page.js("return [...document.querySelectorAll('#quotes li')].map(li => li.textContent)")
        assert len(quotes) == 5
        assert page.js("return document.querySelectorAll('#text span.q.evidence').length") >= 1
        page.shot("annotate-e2e")

        # the shell sees what the browser saved
        out = run(cli, runner, root, "validate", "--texts")
        assert "5/5 quotes verbatim" in out and "0 error(s)" in out
        out = run(cli, runner, root, "chains", "policy:naloxone-vending-program")
        for words in ("Harbor City council", "Each naloxone machine can save a life", "Every machine we install",
                      "Overdose deaths fell 23% in 2024", "fell by 23 percent in 2024"):  # fmt: skip
            assert words in out.replace("\n", " ").replace("  ", " ") or words in out, (words, out)
        site = tmp_path / "site"
        run(cli, runner, root, "site", str(site))
        policy_page = (site / "policy" / "naloxone-vending-program.html").read_text(encoding="utf-8")
        assert "Every machine we install is a life we can save" in policy_page
        assert "Harbor City council" in policy_page
        assert "Overdose deaths in Harbor City fell by 23 percent in 2024" in policy_page

        # undo (Ctrl+Z) removes the last link; redo puts it back
        trig = root / "data" / "harbor-city-overdose-review.trig"
        claim1, pol = P + "claim/each-naloxone-machine-can-save-a-life", P + "policy/naloxone-vending-program"

        def has_last_link() -> bool:
            return "policy:naloxone-vending-program" in trig.read_text().split("claim:each-naloxone-machine-can-save-a-life a", 1)[1].split(" .\n", 1)[0]

        assert has_last_link()
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        page.key(Keys.CONTROL + "z")
        page.wait(lambda: page.msg().startswith("Undone"), "the undo")
        assert "supports Naloxone vending program" in page.msg()
        assert not has_last_link()
        out = json.loads(run(cli, runner, root, "chains", claim1, "--format", "json"))
        assert pol not in json.dumps(out)
        page.js("document.getElementById('redo').click()")
        page.wait(lambda: page.msg().startswith("Redone"), "the redo")
        assert has_last_link()
        page.js("document.getElementById('undo').click()")
        page.wait(lambda: page.msg().startswith("Undone"), "the second undo")
        assert not has_last_link()

        # edit: click a highlighted quote, change the label, save with Ctrl+Enter
        page.click_quote("Every machine we install")
        page.wait(lambda: page.js("return !document.getElementById('edit-form').hidden && "
                                  "document.getElementById('edit-label').value") == "Each naloxone machine can save a life",
                  "the edit panel")  # fmt: skip
        page.fill("edit-label", "Every naloxone machine can save a life")
        page.d.find_element(By.ID, "edit-label").send_keys(Keys.CONTROL, Keys.ENTER)
        page.wait(lambda: page.msg("edit-msg").startswith("Saved"), "the edit")
        assert "Every naloxone machine can save a life" in page.msg("edit-msg")
        assert '"Every naloxone machine can save a life"' in trig.read_text()
        assert "Each naloxone machine" not in trig.read_text()
        assert "Every naloxone machine can save a life" in page.js("return document.getElementById('quotes').textContent")
        # a refused save shows why, in the panel, and writes nothing
        page.js("[...document.querySelectorAll('#quotes button')].find(b => b.textContent.includes('23%')).click()")
        page.wait(lambda: page.js("return document.getElementById('edit-unit').value") == "percent fewer overdose deaths",
                  "the evidence in the panel")  # fmt: skip
        kept = trig.read_bytes()
        page.fill("edit-unit", "")
        page.js("document.getElementById('edit-save').click()")
        page.wait(lambda: page.msg("edit-msg").startswith("not changed"), "the refusal")
        assert "has a pag:value but no pag:unit" in page.msg("edit-msg")
        assert trig.read_bytes() == kept
        page.shot("annotate-edit-refused")
        # delete a link: click it in the list, then Delete
        page.js("[...document.querySelectorAll('#links button')].find(b => b.textContent.includes(' supports ')).click()")
        page.wait(lambda: "supports" in page.js("return document.getElementById('edit-link-words').textContent"), "the link panel")
        page.js("document.getElementById('edit-delete').click()")
        page.wait(lambda: page.msg().startswith("Removed"), "the removal")
        assert "Overdose deaths fell 23% in 2024 supports Every naloxone machine can save a life" in page.msg()
        assert page.js("return document.getElementById('edit-form').hidden")
        ev_block = trig.read_text().split("evidence:overdose-deaths-fell-23-in-2024 a", 1)[1].split(" .\n", 1)[0]
        assert "pag:supports" not in ev_block
        out = json.loads(run(cli, runner, root, "chains", claim1, "--format", "json"))
        assert "overdose-deaths-fell-23-in-2024" not in json.dumps(out)
        assert "Every naloxone machine can save a life" in json.dumps(out)
        # delete a node with a link: the page names the link and asks; Del is the shortcut
        page.click_quote("the city council")
        page.wait(lambda: page.js("return document.getElementById('edit-label').value") == "Harbor City council", "the actor")
        page.key(Keys.DELETE)
        page.wait(lambda: page.js("return !!document.getElementById('edit-confirm')"), "the confirmation")
        assert "Harbor City council proposed Naloxone vending program (stated in" in page.msg("edit-msg")
        assert "actor:harbor-city-council" in trig.read_text()
        page.js("document.getElementById('edit-confirm').click()")
        page.wait(lambda: page.msg().startswith("Removed: actor Harbor City council and 1 link(s)"), "the removal with links")
        assert "actor:harbor-city-council" not in trig.read_text()
        out = run(cli, runner, root, "chains", "policy:naloxone-vending-program")
        assert "Harbor City council" not in out
        # the same undo stack
        page.key(Keys.CONTROL + "z")
        page.wait(lambda: page.msg().startswith("Undone: remove actor Harbor City council"), "the undo of the removal")
        assert "Harbor City council" in run(cli, runner, root, "chains", "policy:naloxone-vending-program")
        console = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "/api/" not in e["message"]]
        assert console == [], console

        # forged writes are refused and write nothing
        before = trig.read_bytes()
        body = {"source": P + "source/harbor-city-overdose-review", "kind": "claim", "label": "Forged",
                "quote": "The program would cost $400,000 a year."}  # fmt: skip
        r = httpx.post(url + "/api/node", json=body, headers={"Origin": url})  # no token
        assert r.status_code == 403 and "token" in r.json()["error"]
        for path, forged in (("/api/edit", {"node": claim1, "label": "Forged"}),
                             ("/api/remove", {"node": claim1, "with_links": True}),
                             ("/api/edit-link", {"subject": claim1, "relation": "supports", "object": pol, "to": "attacks"})):  # fmt: skip
            r = httpx.post(url + path, json=forged, headers={"Origin": url})  # no token
            assert r.status_code == 403 and "token" in r.json()["error"], path
        token = page.js("return JSON.parse(document.getElementById('boot').textContent).token")
        r = httpx.post(url + "/api/node", json=body, headers={"Origin": "http://evil.example", "X-PAG-Token": token})
        assert r.status_code == 403 and "annotator's page" in r.json()["error"]
        r = httpx.post(url + "/api/node", json=body, headers={"X-PAG-Token": token})  # no Origin at all
        assert r.status_code == 403
        r = httpx.post(url + "/api/undo", content="x=1", headers={"Origin": url, "X-PAG-Token": token,
                                                                  "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
        assert r.status_code == 415
        r = httpx.post(url + "/api/node", json=body, headers={"Origin": url, "X-PAG-Token": token,
                                                              "Host": "attacker.example"})  # fmt: skip
        assert r.status_code == 403
        # from the page itself, a fetch without the token
        status = browser.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            fetch('/api/undo', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})
              .then(r => done(r.status));
            """
        )
        assert status == 403
        assert trig.read_bytes() == before
        # the page is served with a strict CSP
        csp = httpx.get(url + "/annotate").headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp


def test_hostile_labels_and_texts_stay_text(browser, tmp_path):
    from graph.project import init_project

    proj = init_project(tmp_path / "p")
    hostile = '<img src=x onerror="window.pwned=1">Evil</script><script>window.pwned=2</script>\n'
    (tmp_path / "h.txt").write_text("Title\n\n" + hostile + "A plain sentence said Bob.\n")
    auth = Authoring(proj)
    auth.add_source(tmp_path / "h.txt", title="</title><script>window.pwned=3</script>")
    auth.add_node("claim", source="source:title-script-window-pwned-3-script", label='<b onmouseover="x">Bold</b>',
                  quote='<img src=x onerror="window.pwned=1">')  # fmt: skip
    with serving(auth) as url:
        page = Annotator(browser, url)
        assert page.js("return window.pwned === undefined")
        assert page.js("return document.querySelectorAll('#text img, #quotes b, script:not([src]):not([type])').length") == 0
        assert '<b onmouseover="x">Bold</b>' in page.js("return document.getElementById('quotes').textContent")
        assert "</script><script>" in page.js("return document.getElementById('text').textContent")


def test_a_matching_sentence_is_saved_as_the_same_node(browser, tmp_path):
    from graph.project import init_project

    proj = init_project(tmp_path / "p")
    (tmp_path / "a.txt").write_text("Report A\n\nVending machines make drug use look normal, the chief argued.\n")
    (tmp_path / "b.txt").write_text("Letter B\n\nWe agree that vending machines make drug use look normal to children.\n")
    auth = Authoring(proj)
    auth.add_source(tmp_path / "a.txt", title="Report A")
    auth.add_source(tmp_path / "b.txt", title="Letter B")
    node = auth.add_node("claim", source="Report A", label="Vending machines make drug use look normal",
                         quote="Vending machines make drug use look normal")  # fmt: skip
    with serving(auth, source="Letter B") as url:
        page = Annotator(browser, url)
        assert page.js("return document.querySelectorAll('#text span.s-match').length") >= 1
        page.js("document.querySelector('#text span.s-match').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}))")
        assert "like “Vending machines make drug use look normal”" in page.js("return document.getElementById('sugg-note').textContent")
        page.js("document.getElementById('same-node').click()")
        page.wait(lambda: page.msg().startswith("Saved"), "the save")
        assert page.js("return document.querySelectorAll('#text span.q.claim').length") >= 1
    ds = proj.load_dataset()
    from rdflib import URIRef

    letter = ds.graph(URIRef(P + "source/letter-b"))
    assert {str(q) for q in letter.objects(URIRef(node.iri), URIRef("https://w3id.org/pag#quote"))} == {
        "We agree that vending machines make drug use look normal to children."
    }
