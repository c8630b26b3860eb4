"""AppTest of the Sammenligning (benchmark) page on the demo database: no exception, the ranking chart with
the own municipality highlighted, Danish numbers, URL round trip and invalid URL values with a notice."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from present.formatting import fmt_dkk
from tests.conftest import REPO, app_on
from tests.apptools import chart, open_page, qp
from tests.plotly_spec import decode

PAGE = "dashboard/pages/comparison.py"
ACCENT = "#1f5fa8"
DANISH_KR = re.compile(r"^-?\d{1,3}(\.\d{3})* kr\.$")
DANISH_MIO = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d$")   # a KPI in mio. kr. (the unit is in its label)


def test_page_renders_with_highlighted_ranking(app):
    at = open_page(app, PAGE)
    assert at.title[0].value == "Sammenligning"
    assert any("fiktiv" in w.value for w in at.warning)
    values = {m.label: m.value for m in at.metric}
    own_value = values["Kr. pr. 18-64-årig 2025"]
    assert DANISH_KR.match(own_value), own_value
    assert DANISH_MIO.match(values["Forskel til gruppens gennemsnit, mio. kr."])
    spec = chart(at, "Nettoudgift, kr. pr. 18-64-årig")
    bars = spec["data"][0]
    names, colours = bars["y"], bars["marker"]["color"]
    # the own municipality and its group (DST group 940) only, each name in full (issue 15)
    assert 5 <= len(names) < 95
    assert "kommuner inkl. egen" in spec["layout"]["title"]["text"]
    own = [i for i, n in enumerate(names) if "Eksempelby" in n]
    assert len(own) == 1 and colours[own[0]] == ACCENT
    assert colours.count(ACCENT) == 1
    legend = [d.get("name") for d in spec["data"]]
    assert any("gennemsnit (uvægtet)" in (n or "") for n in legend)
    assert "Landsgennemsnit (vægtet med befolkning)" in legend
    assert sum(1 for s in spec["layout"]["shapes"] if s["line"]["dash"] == "dash") == 2
    x = decode(bars["x"])
    assert x == sorted(x)                                                  # highest at the top (reversed)
    summary = " ".join(md.value for md in at.markdown)
    # the gap in words, one sign convention (issue 15): "Vi bruger 45,1 mio. kr. over gruppens gennemsnit og ..."
    assert re.search(r"Vi bruger [\d.]+,\d mio\. kr\. (over|under) gruppens gennemsnit og [\d.]+,\d mio\. kr\. "
                     r"(over|under) den billigste kvartil", summary), summary
    assert "ikke forklaret socioøkonomisk" in summary and "Tilnærmelse" in summary
    captions = " ".join(c.value for c in at.caption)
    assert "handlekommune" in captions and "Syntetiske tal" in captions and "mindste kvadraters" in captions
    assert len([b for b in at.get("download_button") if not b.key.startswith("export_")]) == 4
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
    assert "faste 2024-priser" in spec["layout"]["title"]["text"] and "2022" in spec["layout"]["title"]["text"]
    colours = spec["data"][0]["marker"]["color"]
    assert colours.count("#5f6670") == 3                                 # the three chosen municipalities


def test_the_measure_drives_cards_sentence_and_chart_and_all_municipalities_on_request(app):
    """Issue 15: 'Nettoudgift i alt' and 'Indeks' change the cards and the sentence, not only the chart; the ranking
    shows the group until every municipality is asked for; the own ledger is set beside DST's figure on its basis."""
    at = open_page(app, PAGE)
    per_capita = {m.label: m.value for m in at.metric}
    n_group = len(chart(at, "Nettoudgift, kr. pr. 18-64-årig")["data"][0]["y"])
    captions = " ".join(c.value for c in at.caption)
    assert "netto før statsrefusion (dranst 1)" in captions and "Kommunens eget regnskab på samme grundlag" in captions
    at.selectbox(key="maal").select("i-alt").run()
    assert not at.exception, at.exception
    total = {m.label: m.value for m in at.metric}
    assert "Nettoudgift i alt 2025" in total and total["Nettoudgift i alt 2025"].endswith("mio. kr.")
    assert total["Gruppens gennemsnit (uvægtet)"].endswith("mio. kr.")
    assert total["Gruppens gennemsnit (uvægtet)"] != per_capita["Gruppens gennemsnit (uvægtet)"]
    # the gaps are money whatever the measure: the same cards
    assert total["Forskel til gruppens gennemsnit, mio. kr."] == per_capita["Forskel til gruppens gennemsnit, mio. kr."]
    sentence = next(m.value for m in at.markdown if m.value.startswith("**Eksempelby"))
    assert total["Nettoudgift i alt 2025"] in sentence and "i alt på" in sentence
    at.selectbox(key="maal").select("indeks").run()
    index = {m.label: m.value for m in at.metric}
    assert index["Gruppens gennemsnit (uvægtet)"] == "100" and "Indeks 2025 (gruppen = 100)" in index
    sentence = next(m.value for m in at.markdown if m.value.startswith("**Eksempelby"))
    assert f"indeks {index['Indeks 2025 (gruppen = 100)']}" in sentence
    at.toggle(key="cmp_alle").set_value(True).run()
    assert not at.exception, at.exception
    assert len(chart(at, "Indeks, gruppens gennemsnit = 100")["data"][0]["y"]) >= 95 > n_group
    assert qp(at, "alle") == "1"


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


# ---- key figures (nøgletal files): their own source, one figure at a time ------------------------------

ADULTS_PER_18_64 = "Nettodriftsudgifter til voksne med særlige behov pr. 18-64-årig"
ADULTS_TOTAL = "Nettodriftsudgifter til voksne med særlige behov i alt (1.000 kr.)"
KEY_FIGURES = {999: 21345.0, 101: 25000.0, 147: 19000.0, 751: 22000.0, 461: 18000.0}   # kr. per 18-64-årig, 2025


@pytest.fixture(scope="module")
def key_figure_db(demo_db, tmp_path_factory) -> tuple[Path, int]:
    """A copy of the demo database with a nøgletal file for 5.38 imported through the real importer, and
    Eksempelby's persons 18-64 in 2025."""
    from ingest.importer import import_file

    folder = tmp_path_factory.mktemp("noegletal")
    db = folder / "kf.duckdb"
    shutil.copyfile(os.path.realpath(demo_db), db)
    lines = ["kommunekode;aar;noegletal;vaerdi"]
    lines += [f"{k};2025;{ADULTS_PER_18_64};{v:.0f}" for k, v in KEY_FIGURES.items()]
    lines += [f"999;2025;{ADULTS_TOTAL};1.000", f"101;2024;{ADULTS_TOTAL};-"]
    (folder / "noegletal.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_file("benchmark", folder / "noegletal.csv", db, mapping_name="noegletal", source="Nøgletal (testfil)")
    con = duckdb.connect(os.path.realpath(db), read_only=True)
    try:   # read before any app session opens the file (DuckDB refuses a second configuration)
        persons = con.sql("select persons from population where kommunekode = 999 and year = 2025 "
                          "and age_group = '18-64'").fetchall()[0][0]
    finally:
        con.close()
    return db, persons


@pytest.fixture
def key_figure_app(key_figure_db, monkeypatch):
    import streamlit as st

    yield app_on(key_figure_db[0], monkeypatch)
    st.cache_data.clear()
    st.cache_resource.clear()


def test_key_figures_are_a_source_of_their_own(key_figure_app, key_figure_db):
    key_figure_app.query_params["kilde"] = "noegletal"
    key_figure_app.query_params["alle"] = "1"          # every municipality with the key figure, not only the group
    at = open_page(key_figure_app, PAGE)
    assert at.session_state["kilde"] == "noegletal" and at.session_state["aar"] == 2025
    # the figure most municipalities have is the default; the own value is the key figure itself
    assert at.session_state["noegletal"] == ADULTS_PER_18_64
    values = {m.label: m.value for m in at.metric}
    assert values["Kr. pr. 18-64-årig 2025"] == "21.345 kr."
    bars = chart(at, "Nettoudgift, kr. pr. 18-64-årig")["data"][0]
    assert len(bars["y"]) == len(KEY_FIGURES)                   # never mixed with the Statbank figures
    assert sorted(decode(bars["x"])) == pytest.approx(sorted(KEY_FIGURES.values()))
    captions = " ".join(c.value for c in at.caption)
    assert ADULTS_PER_18_64 in captions and "kildens opgørelse" in captions and "aldersgruppe" in captions
    assert qp(at, "noegletal") == ADULTS_PER_18_64

    # the other figure (1.000 kr. in total): per 18-64-årig = 1.000 x 1.000 kr. / persons 18-64
    at.selectbox(key="noegletal").select(ADULTS_TOTAL).run()
    assert not at.exception, at.exception
    per_capita = 1_000_000 / key_figure_db[1]
    assert {m.label: m.value for m in at.metric}["Kr. pr. 18-64-årig 2025"] == fmt_dkk(per_capita, unit="kr")
    assert qp(at, "noegletal") == ADULTS_TOTAL

    # another source drops the key-figure URL value
    at.selectbox(key="kilde").select("syntetisk").run()
    assert not at.exception, at.exception
    assert "noegletal" not in at.query_params


def test_switching_to_an_area_without_key_figures_falls_back_to_the_default_source(key_figure_app):
    key_figure_app.query_params["kilde"] = "noegletal"
    key_figure_app.query_params["alle"] = "1"          # every municipality with the key figure, not only the group
    at = open_page(key_figure_app, PAGE)
    assert at.session_state["kilde"] == "noegletal"
    at.selectbox(key="omraade").select("5.38.45").run()
    assert not at.exception, at.exception
    assert at.session_state["kilde"] == "syntetisk"          # the own municipality's source, not the first one
    assert not any("ingen tal" in w.value for w in at.warning)


def test_key_figures_for_another_area_are_not_shown(key_figure_app):
    key_figure_app.query_params["omraade"] = "5.38.45"      # a single function: the 5.38 figures do not cover it
    at = open_page(key_figure_app, PAGE)
    assert "noegletal" not in at.session_state or at.session_state["kilde"] != "noegletal"
    assert all("noegletal" not in o for o in at.selectbox(key="kilde").options)


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
