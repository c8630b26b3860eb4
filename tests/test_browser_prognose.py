"""Real browser (Chromium via Playwright) on the Prognose page: the headline, the forecast chart and table, the
back-test sentence and chart render; a scenario set in the page changes the URL and adds the scenario's series
and sentence; a link with a scenario and new tariffs opens the page with them; screenshots under tests/artifacts/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.registry import page as registry_page
from tests.test_browser import _page, _settle, _shot, browser, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

from playwright.sync_api import expect  # noqa: E402

PROGNOSE = registry_page("prognose")


def test_prognose_page_forecast_backtest_and_scenario(server, browser):  # noqa: F811
    ctx, page = _page(browser, 1600, 2600)
    try:
        page.goto(server + PROGNOSE.path)
        _settle(page)
        expect(page.get_by_role("heading", name="Prognose", exact=True)).to_be_visible(timeout=30_000)
        headline = page.get_by_text(re.compile(r"ventes den aktivitetsbaserede udgift at blive \d+,\d mio\. kr\. i \d{4}"))
        expect(headline).to_be_visible(timeout=60_000)
        expect(page.locator(".gtitle", has_text="Aktivitetsbaseret udgift: faktisk og prognose")).to_be_visible(timeout=30_000)
        expect(page.locator(".gtitle", has_text="Prognose ét år frem mod faktisk udgift")).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile(r"Modellen har ramt inden for \d+,\d %"))).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=30_000)
        _shot(page, "prognose_1600.png")

        # the year table's CSV is written when clicked, with its header block (basis and price base)
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Hent som CSV").first.click()
        download = info.value
        assert re.fullmatch(r"prognose_\d{4}-\d{4}_loebende\.csv", download.suggested_filename)
        text = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
        assert text[0] == "Prognose pr. år, løbende priser"
        assert any(line.startswith("Grundlag;") and "Aktivitetsbaseret udgift" in line for line in text)
        assert any(re.fullmatch(r"Periode;\d{4}-\d{4}", line) for line in text)
        assert any(line.startswith("År;Heraf faktisk til datadatoen (kr.);Helårspersoner") for line in text)

        page.get_by_text("Scenarie", exact=True).click()
        field = page.get_by_label("Tilgang af nye borgere (% ændring)")
        field.fill("15")
        field.press("Enter")
        _settle(page)
        expect(page).to_have_url(re.compile(r"tilgang=15"), timeout=30_000)
        expect(page.get_by_text(re.compile(r"Scenariet koster \d+,\d mio\. kr\. mere end basis i \d{4}"))).to_be_visible(
            timeout=60_000)
        expect(page.locator(".legendtext", has_text="Scenarie").first).to_be_visible(timeout=30_000)
        _shot(page, "prognose_scenarie_1600.png")
    finally:
        ctx.close()


def test_prognose_deep_link_with_tariffs(server, browser):  # noqa: F811
    ctx, page = _page(browser, 1280, 2400)
    try:
        page.goto(server + PROGNOSE.path + "?horisont=2&op=5&takst_tilbud=Botilbud&takster=3:5000")
        _settle(page)
        expect(page.get_by_text(re.compile(r"Den nye takststruktur for Botilbud koster \d+,\d mio\. kr\. mere om året"))) \
            .to_be_visible(timeout=60_000)
        expect(page.get_by_text(re.compile(r"Scenariet koster"))).to_be_visible(timeout=30_000)
        page.get_by_text(re.compile(r"Den nye takststruktur for Botilbud")).scroll_into_view_if_needed()
        _shot(page, "prognose_takster_1280.png")
    finally:
        ctx.close()


def test_prognose_own_outflow_typed_in_the_table(server, browser):  # noqa: F811
    """An own outflow typed in the rates table (Botilbud, 50 % a year) reaches the URL and the assumptions."""
    ctx, page = _page(browser, 1600, 1400)
    try:
        page.goto(server + PROGNOSE.path)
        _settle(page)
        expect(page.get_by_text(re.compile("Ret afgang"))).to_be_visible(timeout=60_000)
        grid = page.get_by_test_id("stDataFrame").filter(has_text="Egen afgang").first
        grid.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)          # the grid is drawn on a canvas after it is laid out
        box = grid.bounding_box()
        # the cell of the second row (Botilbud) in the column 'Egen afgang pr. år (%)' (rows are 35 px high)
        page.mouse.dblclick(box["x"] + box["width"] * 0.78, box["y"] + 35 + 35 * 1.5)
        page.wait_for_timeout(500)           # the cell editor opens
        page.keyboard.press("Control+A")
        page.keyboard.type("50", delay=100)
        page.keyboard.press("Enter")
        _settle(page)
        expect(page).to_have_url(re.compile(r"rater=Botilbud(%3A|:)50(%3A|:)"), timeout=30_000)
        expect(page.get_by_text(re.compile(r"Egne satser for afgang eller tilgang .*Botilbud"))).to_be_visible(
            timeout=30_000)
        _shot(page, "prognose_egen_afgang_1600.png")
    finally:
        ctx.close()


def test_prognose_budget_and_economy_check(server, browser):  # noqa: F811
    """The activity-based budget of an offer and the economy check: sentence, table, chart, and a fixed part typed
    in the page reaches the URL and the sentence."""
    ctx, page = _page(browser, 1600, 1000)
    try:
        page.goto(server + PROGNOSE.path + "?budget_tilbud=Botilbud")
        _settle(page)
        sentence = page.get_by_text(re.compile(r"Det aktivitetsbaserede budget for Botilbud.* i \d{4} er \d+,\d mio\. kr\."))
        expect(sentence).to_be_visible(timeout=60_000)
        expect(page.get_by_text(re.compile(r"Økonomitjek \d{4} \("))).to_be_visible(timeout=30_000)
        title = page.locator(".gtitle", has_text="Økonomitjek")
        expect(title).to_be_visible(timeout=30_000)
        page.get_by_role("heading", name="Aktivitetsbaseret budget").scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        _shot(page, "prognose_budget_1600.png")
        title.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        _shot(page, "prognose_oekonomitjek_1600.png")

        field = page.get_by_label("Fast del (mio. kr. om året)")
        field.fill("25")
        field.press("Enter")
        _settle(page)
        expect(page).to_have_url(re.compile(r"budget_fast=25"), timeout=30_000)
        expect(page.get_by_text(re.compile(r"fast del 25,0 mio\. kr\."))).to_be_visible(timeout=30_000)
    finally:
        ctx.close()


def test_prognose_link_with_several_moves(server, browser):  # noqa: F811
    """A link with the first named move and two more opens the scenario with all three measures drawn."""
    ctx, page = _page(browser, 1600, 1200)
    try:
        page.goto(server + PROGNOSE.path + "?flyt=4&flyt_fra=Botilbud&flyt_til=St%C3%B8tte%20i%20eget%20hjem&flyt_pris=900"
                  "&tiltag=3%7CForsorgshjem%7CSt%C3%B8tte%20i%20eget%20hjem%7C600%3B2%7CDagtilbud%7CBesk%C3%A6ftigelsestilbud%7C500")
        _settle(page)
        expect(page.get_by_text(re.compile(r"Scenariet koster \d+,\d mio\. kr\."))).to_be_visible(timeout=60_000)
        expect(page.get_by_label("Tiltag 2: borgere om året")).to_have_value("3", timeout=30_000)
        expect(page.get_by_label("Tiltag 3: borgere om året")).to_have_value("2", timeout=30_000)
        page.get_by_label("Tiltag 3: borgere om året").scroll_into_view_if_needed()
        _shot(page, "prognose_flere_tiltag_1600.png")
    finally:
        ctx.close()
