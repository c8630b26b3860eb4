"""AppTest of the Sammenligning (benchmark) page on the demo database: no exception, the ranking chart with
the own municipality highlighted, Danish numbers, URL round trip and invalid URL values with a notice."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from tests.apptools import chart, open_page, qp
from tests.plotly_spec import decode

PAGE = "dashboard/sammenligning.py"
ACCENT = "#1f5fa8"
DANISH_KR = re.compile(r"^-?\d{1,3}(\.\d{3})* kr\.$")
DANISH_MIO = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d mio\. kr\.$")


def test_page_renders_with_highlighted_ranking(app):
    at = open_page(app, PAGE)
    assert at.title[0].value == "Sammenligning"
    assert any("fiktiv" in w.value for w in at.warning)
    values = {m.label: m.value for m in at.metric}
    own_value = values["Kr. pr. 18-64-årig 2025"]
    assert DANISH_KR.match(own_value), own_value
    assert DANISH_MIO.match(values["Forskel til gruppens gennemsnit"])
    spec = chart(at, "Nettoudgift, kr. pr. 18-64-årig")
    bars = spec["data"][0]
    names, colours = bars["y"], bars["marker"]["color"]
    assert len(names) >= 95                                              # all municipalities
    own = [i for i, n in enumerate(names) if "Eksempelby" in n]
    assert len(own) == 1 and colours[own[0]] == ACCENT
    assert colours.count(ACCENT) == 1
    legend = [d.get("name") for d in spec["data"]]
    assert any("gennemsnit (uvægtet)" in (n or "") for n in legend)
    assert "landsgennemsnit (vægtet med befolkning)" in legend
    assert sum(1 for s in spec["layout"]["shapes"] if s["line"]["dash"] == "dash") == 2
    x = decode(bars["x"])
    assert x == sorted(x)                                                  # highest at the top (reversed)
    summary = " ".join(md.value for md in at.markdown)
    assert "hvis vi brugte som gruppens gennemsnit" in summary.lower() and "billigste kvartil" in summary
    assert "ikke forklaret socioøkonomisk" in summary and "Tilnærmelse" in summary
    captions = " ".join(c.value for c in at.caption)
    assert "handlekommune" in captions and "Syntetiske tal" in captions and "mindste kvadraters" in captions
    assert len(at.get("download_button")) == 4
    assert qp(at, "gruppe") == "dst-940" and qp(at, "maal") == "pr-indbygger" and qp(at, "aar") == "2025"


def test_group_change_and_url_round_trip(app):
    at = open_page(app, PAGE)
    base = {m.label: m.value for m in at.metric}
    at.selectbox(key="gruppe").select("naermeste").run()
    at.select_slider(key="vaegt_socio").set_value(3.0).run()
    assert not at.exception, at.exception
    assert qp(at, "gruppe") == "naermeste" and qp(at, "vaegte") == "1,1,3" and qp(at, "k") == "10"
    assert {m.label: m.value for m in at.metric}["Gruppens gennemsnit (uvægtet)"] != base["Gruppens gennemsnit (uvægtet)"]

    # a pasted link: a fresh session seeded from the URL
    fresh = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    for k, v in {"gruppe": "egen", "kommuner": "101,147,151", "maal": "indeks", "aar": "2022",
                 "priser": "faste-2024"}.items():
        fresh.query_params[k] = v
    fresh.run()
    fresh.switch_page(PAGE).run()
    assert not fresh.exception, fresh.exception
    assert fresh.session_state["gruppe"] == "egen" and fresh.session_state["kommuner"] == [101, 147, 151]
    assert fresh.session_state["maal"] == "indeks" and fresh.session_state["aar"] == 2022
    assert qp(fresh, "kommuner") == "101,147,151" and qp(fresh, "priser") == "faste-2024"
    spec = chart(fresh, "Indeks, gruppens gennemsnit = 100")
    assert "Faste 2024-priser" in spec["layout"]["title"]["text"] and "2022" in spec["layout"]["title"]["text"]
    colours = spec["data"][0]["marker"]["color"]
    assert colours.count("#5f6670") == 3                                 # the three chosen municipalities


def test_invalid_url_values_fall_back_with_notice(app):
    for k, v in {"gruppe": "venner", "maal": "pr-hund", "aar": "1850", "kommuner": "101,abc"}.items():
        app.query_params[k] = v
    at = app.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.session_state["gruppe"] == "dst-940" and at.session_state["maal"] == "pr-indbygger"
    assert at.session_state["aar"] == 2025
    notices = " ".join(i.value for i in at.info)
    assert "gruppe=venner" in notices and "maal=pr-hund" in notices and "aar=1850" in notices


def test_invalid_own_list_keeps_valid_codes(app):
    for k, v in {"gruppe": "egen", "kommuner": "101,abc,4242"}.items():
        app.query_params[k] = v
    at = app.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.session_state["kommuner"] == [101]
    assert "kommuner=abc,4242" in " ".join(i.value for i in at.info)


# ---- real browser (Debian's Chromium via Playwright), fixtures shared with tests/test_browser.py --------
try:
    from playwright.sync_api import expect

    from tests.test_browser import _page, _select, _settle, _shot, browser, server  # noqa: F401  (fixtures)
    HAVE_BROWSER = True
except pytest.skip.Exception:   # test_browser skips itself when /usr/bin/chromium is missing
    HAVE_BROWSER = False

browser_test = pytest.mark.skipif(not HAVE_BROWSER, reason="/usr/bin/chromium not installed")


def _metric(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


@pytest.mark.browser
@browser_test
def test_comparison_change_group(server, browser):  # noqa: F811
    ctx, page = _page(browser)
    try:
        page.goto(server + "/sammenligning")
        _settle(page)
        expect(page.get_by_role("heading", name="Sammenligning").first).to_be_visible(timeout=30_000)
        group_avg = _metric(page, "Gruppens gennemsnit (uvægtet)")
        expect(group_avg).to_have_text(DANISH_KR, timeout=30_000)
        expect(page.locator(".gtitle", has_text="Nettoudgift, kr. pr. 18-64-årig")).to_be_visible(timeout=30_000)
        before = group_avg.inner_text()
        _shot(page, "sammenligning_dst_1600.png")

        _select(page, "Sammenligningsgruppe", "Hele landet")
        expect(group_avg).not_to_have_text(before, timeout=30_000)
        _settle(page)
        after = group_avg.inner_text()
        assert DANISH_KR.match(after) and after != before
        assert "gruppe=land" in page.url
        _shot(page, "sammenligning_land_1600.png")
    finally:
        ctx.close()


@pytest.mark.browser
@browser_test
def test_comparison_deep_link_similar(server, browser):  # noqa: F811
    ctx, page = _page(browser, 1920, 1080)
    try:
        page.goto(server + "/sammenligning?gruppe=naermeste&k=8&vaegte=1,0,2&maal=indeks")
        _settle(page)
        expect(page.get_by_role("heading", name="Mest sammenlignelige kommuner").first).to_be_visible(timeout=30_000)
        expect(page.locator(".gtitle", has_text="Indeks, gruppens gennemsnit = 100")).to_be_visible(timeout=30_000)
        _settle(page)
        _shot(page, "sammenligning_naermeste_1920.png")
        page.set_viewport_size({"width": 1600, "height": 4600})   # the whole page incl. the 99-bar ranking
        _settle(page)
        _shot(page, "sammenligning_naermeste_helside_1600.png")
    finally:
        ctx.close()
