"""A rendered report opened in real headless Chromium: untrusted titles and text stay text, figures show.

Needs Debian's chromium and chromium-driver (.ci/run installs them); skipped with a reason where they are absent.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest

from analysis import config

METHOD = os.environ.get("BROWSER_TEST_METHOD", "model-fast")  # the fast trained method: the browser checks the page, not the scores
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
HOSTILE = [
    ("<script>document.title='pwned';window.pwned=1</script>",
     "NATO allies met. <script>window.pwned=2</script> The OSCE said NATO and Russia must talk."),
    ("<img src=x onerror=\"window.pwned=3;document.body.setAttribute('data-pwned','1')\">",
     "Russia criticised NATO. <img src=x onerror=\"window.pwned=4\"> Ukraine thanked the OSCE."),
    ("Ukraine <b onmouseover=alert(1)>bold</b> </table><iframe src=javascript:alert(1)>",
     "<style>body{display:none}</style> NATO and Ukraine signed. <svg onload=alert(1)></svg>"),
]


def hostile_corpus(folder: Path) -> Path:
    """The fixture corpus plus articles whose titles and text carry HTML and scripts."""
    shutil.copytree(config.PROJECT_DIR / "tests" / "data" / "fixture_corpus", folder)
    with gzip.open(folder / "hostile.jsonl.gz", "wt", encoding="utf-8") as handle:
        for i, (title, text) in enumerate(HOSTILE):
            record = {"id": f"h{i}", "source": "hostile", "date": f"2022-03-0{i + 1}", "title": title,
                      "text": (text + " ") * 3}
            handle.write(json.dumps(record) + "\n")
    return folder


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1280,2000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("template", ["corpus-overview", "target-brief"])
def test_hostile_titles_render_as_text(tmp_path, browser, template):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    from analysis.report import render_report

    corpus = hostile_corpus(tmp_path / "corpus")
    params = {"corpus": str(corpus), "method": METHOD}
    if template == "target-brief":
        params["target"] = "NATO"
    run = render_report(template, params, out_dir=tmp_path / "reports", name="hostile")
    assert run.status == "ok", run.error
    browser.get(Path(run.html).as_uri())
    browser.save_screenshot(str(tmp_path / f"{template}.png"))
    assert (tmp_path / f"{template}.png").stat().st_size > 10_000
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    state = browser.execute_script(
        "return {pwned: window.pwned === undefined ? null : window.pwned, title: document.title,"
        " scripts: document.scripts.length, attr: document.body.getAttribute('data-pwned'),"
        " iframes: document.getElementsByTagName('iframe').length,"
        " svgs: document.querySelectorAll('svg[onload]').length,"
        " handlers: document.querySelectorAll('[onerror],[onload],[onmouseover]').length}")
    assert state == {"pwned": None, "title": state["title"], "scripts": 0, "attr": None, "iframes": 0, "svgs": 0,
                     "handlers": 0}
    assert "pwned" not in state["title"]
    page_text = browser.find_element(By.TAG_NAME, "body").text
    assert browser.find_element(By.TAG_NAME, "body").is_displayed()  # the injected <style> did not hide the page
    if template == "corpus-overview":
        assert "hostile" in page_text  # the hostile source is listed as text
    # the report's own HTML (provenance table, headings, warnings) renders as HTML, not as escaped markup
    assert "<table" not in page_text and "<p class" not in page_text and ".dataframe" not in page_text
    assert browser.find_elements(By.CSS_SELECTOR, "table") and "sha256" in page_text
    images = browser.find_elements(By.TAG_NAME, "img")
    assert len(images) >= 3
    widths = [browser.execute_script("return arguments[0].naturalWidth", img) for img in images]
    assert all(w > 100 for w in widths), widths  # every figure decoded: embedded, non-empty
