"""Real browser (Chromium via Playwright) on the Genopretning page: the committee table, the summary
sentence and both charts render, the carry-over toggle changes the table and the URL, and a link with the
choice opens the page with it; screenshots under tests/artifacts/."""
from __future__ import annotations

import re

import pytest

from dashboard.registry import page as registry_page
from tests.test_browser import ARTIFACTS, _page, _settle, _shot, browser, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

from playwright.sync_api import expect  # noqa: E402

SAVINGS = registry_page("savings")



def test_savings_page_table_charts_and_carry_over(server, browser):  # noqa: F811
    ctx, page = _page(browser, 1600, 2300)
    try:
        page.goto(server + SAVINGS.path)
        _settle(page)
        expect(page.get_by_role("heading", name="Genopretning", exact=True)).to_be_visible(timeout=30_000)
        summary = page.get_by_text(re.compile(r"der mangler \d+,\d mio\. kr\. i \d{4}, som overføres til \d{4}"))
        expect(summary).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=30_000)
        expect(page.locator(".gtitle", has_text="Mål, forventet og realiseret")).to_be_visible(timeout=30_000)
        expect(page.locator(".gtitle", has_text="Effekt pr. initiativ")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("samme område").first).to_be_visible()
        before = summary.inner_text()
        _shot(page, "genopretning_1600.png")
        # the initiatives checked against the data: their sentences and table
        heading = page.get_by_role("heading", name="Tjek mod data")
        heading.scroll_into_view_if_needed()
        expect(page.get_by_text(re.compile(r"Segmentets aktivitetsbaserede udgift (steg|faldt)")).first).to_be_visible()
        page.wait_for_timeout(600)
        page.screenshot(path=str(ARTIFACTS / "genopretning_tjek_1600.png"))
        # the plan's editor (opened, nothing changed or saved here)
        page.get_by_text("Ret planen").first.click()
        expect(page.get_by_role("button", name="Kontrollér ændringerne")).to_be_visible(timeout=30_000)
        page.get_by_role("button", name="Kontrollér ændringerne").scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / "genopretning_ret_1600.png"))

        page.get_by_text("Overfør merindfrielse til næste år").click()
        _settle(page)
        expect(page).to_have_url(re.compile(r"overskud=1"), timeout=30_000)
        after = page.get_by_test_id("stMarkdown").filter(has_text="mio. kr.").first.inner_text()
        assert after != before   # the over-delivery carried into the next year changes what is missing
        _shot(page, "genopretning_overskud_1600.png")
    finally:
        ctx.close()


def test_savings_deep_link(server, browser):  # noqa: F811
    ctx, page = _page(browser, 1280, 900)
    try:
        page.goto(server + SAVINGS.path + "?overskud=1")
        _settle(page)
        expect(page.get_by_role("switch", name="Overfør merindfrielse til næste år")).to_be_checked(timeout=30_000)
        _shot(page, "genopretning_link_1280.png")
    finally:
        ctx.close()
