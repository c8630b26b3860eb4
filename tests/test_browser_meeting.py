"""Mødevisning in a real browser at 1920 x 1080 (Debian's Chromium via Playwright): an agenda of three saved
views, no sidebar or toolbar, one headline and one large chart per screen, the arrow keys and the buttons step
through it; screenshots under tests/artifacts/ (look at them: readable from the back of a room)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bench.server import streamlit_server
from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} not installed", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

AGENDA = [("Nettoudgift, voksne", "overview", "omraade=5.38&priser=loebende", "til budgetmødet"),
          ("Børn og unge i faste priser", "trend", "omraade=5.28&priser=faste-2024&prognose=saeson", ""),
          ("Hvad driver væksten", "decomposition", "omraade=5.38", "")]


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    import store

    user_db = tmp_path_factory.mktemp("user") / "user.sqlite"
    with store.connect(user_db) as con:
        for name, page, query, comment in AGENDA:
            store.save_view(con, name, page, query, comment, user="test")
    with streamlit_server(demo_db, env={"DASHBOARD_USER_DB": str(user_db)}) as running:
        yield running.url


def _settle(page) -> None:
    page.wait_for_selector(READY, timeout=90_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=90_000)
    page.wait_for_timeout(800)


def _drawn(page) -> None:
    """The step's chart is drawn (plotly.js has painted it, not only its frame) and its exit link shown:
    what a screenshot must show."""
    page.locator("[data-testid='stPlotlyChart'] .main-svg").locator("visible=true").first.wait_for(timeout=60_000)
    expect(page.get_by_role("link", name="Afslut")).to_be_visible(timeout=60_000)


def test_meeting_view_steps_through_the_agenda(server):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
        page = ctx.new_page()
        page.goto(server + "/?moede=1")
        _settle(page)
        expect(page.get_by_text("Punkt 1 af 3")).to_be_visible(timeout=60_000)
        expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
        headline = page.locator(".st-key-meeting_headline p").first
        expect(headline).to_contain_text("Nettoudgiften til Voksne")
        assert float(headline.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 36   # px, projector type
        chart = page.locator(".st-key-meeting_chart, [data-testid='stPlotlyChart']").locator("visible=true").first
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box["height"] >= 700 and box["width"] >= 1700
        assert page.evaluate("document.documentElement.scrollWidth") <= 1920          # no sideways scroll
        _drawn(page)
        # the screen says what it shows: period, prices, source, and what every starred (incomplete) year is
        foot = page.locator(".st-key-meeting_foot").inner_text().replace("\u2060", "")
        assert "Kilde:" in foot and "Priser:" in foot and "Periode:" in foot, foot
        starred = [s for s in page.eval_on_selector_all("[data-testid='stPlotlyChart'] .xtick text",
                                                           "els => els.map(e => e.textContent)") if "*" in s]
        assert all(f"{s}:" in foot for s in starred), (starred, foot)
        page.screenshot(path=str(ARTIFACTS / "meeting-1.png"))
        page.mouse.click(5, 1075)
        page.keyboard.press("ArrowRight")
        _settle(page)
        expect(page.get_by_text("Punkt 2 af 3")).to_be_visible(timeout=60_000)
        expect(page.locator(".st-key-meeting_headline p").first).to_contain_text("5.28")
        assert re.search(r"priser=faste-2024", page.url) and "punkt=2" in page.url
        _drawn(page)
        page.screenshot(path=str(ARTIFACTS / "meeting-2.png"))
        page.locator(".st-key-meeting_next button").click()
        _settle(page)
        expect(page.get_by_text("Punkt 3 af 3")).to_be_visible(timeout=60_000)
        expect(page.locator(".st-key-meeting_next button")).to_be_disabled()
        _drawn(page)
        page.screenshot(path=str(ARTIFACTS / "meeting-3.png"))
        page.mouse.click(5, 1075)
        page.keyboard.press("ArrowLeft")
        _settle(page)
        expect(page.get_by_text("Punkt 2 af 3")).to_be_visible(timeout=60_000)
        browser.close()
