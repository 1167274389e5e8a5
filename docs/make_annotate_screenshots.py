"""Make the README's screenshots of the annotator (docs/img/annotate-*.png).

    python docs/make_annotate_screenshots.py

Builds a throw-away project with a short text, annotates part of it through
the library (as the browser would), serves the annotator and photographs it
in headless Chromium (Selenium): the document with its highlighted quotes and
suggestions, a suggested figure picked for an evidence item, and the edit
panel open on a saved evidence item (a field changed and saved).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEXT = """Harbor City Overdose Review

In March the city council proposed a naloxone vending program for the waterfront.
"Every machine we install is a life we can save," said Councillor Maria Lopez.
Overdose deaths in Harbor City fell by 23 percent in 2024, according to the county coroner.
Police Chief Tom Reyes argued that vending machines make drug use look normal.
The program would cost $400,000 a year, about 2 percent of the health budget.
One in five overdoses last year happened within a mile of the waterfront.
"""


def main() -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from graph.annotate import serving
    from graph.authoring import Authoring
    from graph.project import init_project

    tmp = Path(tempfile.mkdtemp(prefix="pag-shots-"))
    proj = init_project(tmp / "harbor", name="Harbor City naloxone debate")
    (tmp / "review.txt").write_text(TEXT, encoding="utf-8")
    a = Authoring(proj)
    src = a.add_source(tmp / "review.txt", title="Harbor City Overdose Review", publisher="Harbor Herald", date="2025").iri
    c1 = a.add_node("claim", source=src, label="Each naloxone machine can save a life",
                    quote='"Every machine we install is a life we can save," said Councillor Maria Lopez.')  # fmt: skip
    a.add_node("claim", source=src, label="Vending machines normalise drug use",
               quote="Police Chief Tom Reyes argued that vending machines make drug use look normal.")  # fmt: skip
    ev = a.add_node("evidence", source=src, label="Overdose deaths fell 23% in 2024", value="23", unit="percent",
                    quote="Overdose deaths in Harbor City fell by 23 percent in 2024")  # fmt: skip
    pol = a.add_node("policy", source=src, label="Naloxone vending program", quote="a naloxone vending program",
                     status="proposed")  # fmt: skip
    council = a.add_node("actor", source=src, label="Harbor City council", quote="the city council", actor_type="government")
    a.add_link(ev.iri, "supports", c1.iri, source=src)
    a.add_link(c1.iri, "supports", pol.iri, source=src)
    a.add_link(council.iri, "proposed", pol.iri, source=src)

    opts = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1280,800",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"):  # fmt: skip
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tmp / 'profile'}")
    opts.binary_location = shutil.which("chromium") or "chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    try:
        with serving(a) as url:
            driver.get(url + "/annotate")
            time.sleep(1)
            driver.execute_script("document.querySelector('.linkish').click()")
            driver.save_screenshot(str(out / "annotate-document.png"))
            # J: the next suggestion (a figure), picked for an evidence item
            from selenium.webdriver.common.by import By
            from selenium.webdriver.common.keys import Keys

            body = driver.find_element(By.TAG_NAME, "body")
            body.send_keys("j")
            time.sleep(0.5)
            driver.save_screenshot(str(out / "annotate-suggestion.png"))
            # Esc, then click the evidence's highlighted quote: the edit panel; change the period, save
            body.send_keys(Keys.ESCAPE)
            driver.set_window_size(1280, 960)  # the whole panel, with the message under it
            driver.execute_script(
                "[...document.querySelectorAll('#text span[data-node]')].find(s => s.textContent.includes('fell by 23'))"
                ".dispatchEvent(new MouseEvent('mouseup', {bubbles: true}))"
            )
            time.sleep(0.8)
            period = driver.find_element(By.ID, "edit-period")
            period.send_keys(Keys.CONTROL, "a")
            period.send_keys("2024 (provisional)", Keys.CONTROL, Keys.ENTER)
            time.sleep(1)
            driver.save_screenshot(str(out / "annotate-edit.png"))
    finally:
        driver.quit()
        shutil.rmtree(tmp, ignore_errors=True)
    for p in sorted(out.glob("annotate-*.png")):
        print(f"wrote {p} ({p.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
