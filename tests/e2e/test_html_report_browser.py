"""The client's HTML report in a real browser: Debian's chromium driven by Playwright.

The report is written by the installed `sessionkit` command, opened from disk, and checked as a
reader sees it: the text (hostile names stay text, nothing runs), the chart's points, the
stylesheet applied (its CSP hash matches: no violation logged), and that the page asks the network
for nothing. No browser is downloaded: Playwright launches the system's chromium by its path.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sessionkit.store import SessionStore
from tests.golden.fixture import hostile, sessions

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
COMMAND = Path(sys.executable).parent / "sessionkit"

pytest.importorskip("playwright.sync_api", reason="pytest-playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"no browser: {CHROMIUM} is absent (apt-get install chromium)",
                allow_module_level=True)
if not COMMAND.exists():
    pytest.skip(f"sessionkit is not installed next to {sys.executable}", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system chromium, headless, nothing phoned home. Started and stopped within this module
    (not pytest-playwright's session-wide fixture): Playwright's sync API keeps an event loop
    running while it is started, and the Textual tests after this module need their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS,
                                              headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    db = tmp_path / "db.json"
    with SessionStore.open(db) as store:
        store.save_many([*sessions(), hostile()])
    out = tmp_path / "ana.html"
    done = subprocess.run([str(COMMAND), "--db", str(db), "export", "--format", "html",
                           "--person", "Ana", "--out", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return out


class Watch:
    """Everything the page tried: requests, console messages, dialogs (an alert would be one)."""

    def __init__(self, page: Any) -> None:
        self.requests: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.console.append(m.text))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))


@pytest.fixture
def watched(page: Any) -> Iterator[tuple[Any, Watch]]:
    watch = Watch(page)
    # anything but the file itself is recorded above and refused here
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else route.abort())
    yield page, watch


def test_report_opens_offline_with_its_text_and_chart(report: Path, watched: Any,
                                                      tmp_path: Path) -> None:
    page, watch = watched
    page.set_viewport_size({"width": 800, "height": 1000})
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert page.title() == "Coaching sessions of Ana"
    assert page.locator("h1").inner_text() == "Coaching sessions of Ana"
    first = page.locator("article").first
    assert '<script>alert("x")</script> stop the ␛[2J noise' in first.inner_text()
    assert '<b>Bob</b> & "Co"' in first.inner_text()
    assert page.locator("article b, article script, article img").count() == 0
    # Ana was the client in two sessions and the coach in three (their own part, after hers)
    assert page.locator("main > article").count() == 2
    assert page.locator("section.as-coach article.coached").count() == 3
    assert page.locator("svg.chart").count() == 1
    assert page.locator("svg.chart circle.start").count() == 2
    assert page.locator("svg.chart circle.end").count() == 2
    points = page.locator("svg.chart polyline.trend").get_attribute("points") or ""
    assert len(points.split()) == 2
    # the stylesheet applied (its hash is in the policy): cards are not the default transparent
    card = page.locator("article").first.evaluate("e => getComputedStyle(e).borderTopStyle")
    assert card == "solid"
    assert watch.dialogs == []
    assert [m for m in watch.console if "Content Security Policy" in m] == []
    assert watch.requests == [report.as_uri()]
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_phone_width_dark_and_print(report: Path, watched: Any, tmp_path: Path) -> None:
    page, watch = watched
    page.set_viewport_size({"width": 375, "height": 800})
    page.emulate_media(color_scheme="dark")
    page.goto(report.as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375  # no sideways scrolling on a phone
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="light")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    pdf = page.pdf(path=str(tmp_path / "report.pdf"))
    assert pdf.startswith(b"%PDF")
    assert watch.requests == [report.as_uri()]
