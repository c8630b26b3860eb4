"""The Udgiftsudvikling page: AppTest on the demo database (numbers, sentence, URL state, fallbacks, missing
budget and population) and a real browser (price base, area, drill-down by click, screenshots)."""
from __future__ import annotations

import re

import polars as pl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import queries
from present.exports import to_csv
from present.formatting import fmt_mio
from analysis.prices import PriceBase, to_price_base
from analysis.trends import add_growth, annual_net
from dashboard.loaders import load_trends
from tests.conftest import FIXTURES, REPO, app_on
from tests.apptools import chart, open_page, qp
from tests.plotly_spec import decode

PAGE = "dashboard/pages/trend.py"
DANISH_MIO = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d$")   # a KPI in mio. kr. (the unit is in its label)


def trace(spec: dict, name: str) -> dict:
    (tr,) = [d for d in spec["data"] if d.get("name") == name]
    return tr


def expected_annual(demo_db, area: str, base: PriceBase) -> pl.DataFrame:
    """The analysis frame behind the main chart, computed outside the page."""
    con = queries.connect_read_only(queries.database_version(demo_db))   # same config as the app's
    try:
        q = lambda name, params=None: queries.run(con, name, params)  # noqa: E731
        functions = q("sidebar_areas").filter(pl.col("area_code") == area)["function_code"].to_list()
        years = q("sidebar_municipalities").filter(pl.col("kommunekode") == 999).row(0, named=True)
        params = {"kommune": 999, "functions": functions, "from_year": years["first_year"], "to_year": years["last_year"]}
        monthly = load_trends(q, params).monthly
        index = dict(q("sidebar_pl_index").select("year", "index_value").iter_rows())
    finally:
        pass   # the app's cached connection may share this instance: leave it open
    return add_growth(annual_net(to_price_base(monthly, ["amount_dkk"], index, base)))


def headline(at: AppTest) -> str:
    (text,) = [m.value for m in at.markdown if m.value.startswith("**Nettoudgiften til")]
    return text


def test_default_view(app, demo_db):
    at = open_page(app, PAGE)
    assert at.title[0].value == "Udgiftsudvikling"
    assert any("fiktiv" in w.value for w in at.warning)
    metrics = {m.label: m for m in at.metric}
    assert 3 <= len(metrics) <= 5
    forecast = next(m for label, m in metrics.items() if label.startswith("Forventet udgift"))
    assert DANISH_MIO.match(forecast.value) and forecast.label.endswith(", mio. kr.")
    deviation = next(m for label, m in metrics.items() if label.startswith("Forventet afvigelse"))
    assert DANISH_MIO.match(deviation.value) and re.search(r"(mer|mindre)forbrug$", deviation.delta)
    assert any(label.startswith("Pr. indbygger 18-64 år") and re.match(r"^\d{1,3}(\.\d{3})* kr\.$", m.value)
               for label, m in metrics.items())

    sentence = headline(at)
    assert re.search(r"voksne med særlige behov \(5\.38\) (steg|faldt) fra \d+,\d mio\. kr\. i 2019 til "
                     r"\d+,\d mio\. kr\. i 2025 \([+-]\d+,\d %", sentence)
    assert "løbende priser" in sentence
    assert any(re.match(r"^Med den nuværende udvikling forventes et (mer|mindre)forbrug på \d+,\d mio\. kr\. "
                        r"\(\d+,\d %\) i 2026 .*sæsonprofil fra 2019-2025", m.value) for m in at.markdown)

    # chart values = the analysis frame, and the sentence quotes the same numbers
    annual = expected_annual(demo_db, "5.38", PriceBase(None))
    spec = chart(at, "Nettoudgift pr. år, efter statsrefusion, løbende priser")
    assert "løbende priser" in spec["layout"]["title"]["text"]
    bars = trace(spec, "Regnskab")
    assert decode(bars["y"]) == pytest.approx([v / 1e6 for v in annual["net_dkk"].to_list()])
    assert list(bars["x"])[-1] == "2026*"                                  # incomplete year marked
    first = annual.filter(pl.col("year") == 2019)["net_dkk"][0]
    last = annual.filter(pl.col("year") == 2025)["net_dkk"][0]
    assert f"fra {fmt_mio(first)} i 2019 til {fmt_mio(last)} i 2025" in sentence
    budget = decode(trace(spec, "Korrigeret budget")["y"])
    assert budget == pytest.approx([v / 1e6 for v in annual["budget_corrected_dkk"].to_list()])

    table = at.dataframe[0].value
    assert list(table["År"])[-1] == "2026*" and table["Nettoudgift"].iloc[0] == fmt_mio(first)
    assert chart(at, "Akkumuleret nettoudgift 2026 mod budget")
    assert chart(at, "fordelt på funktion")
    # CSV + XLSX behind every chart (the committee exports panel has its own)
    assert len([b for b in at.get("download_button") if not b.key.startswith("export_")]) == 6
    assert qp(at, "prognose") == "saeson" and qp(at, "opdeling") == "funktion"


def test_split_segments_add_up_to_the_chart_total(app):
    at = open_page(app, PAGE)
    spec = chart(at, "fordelt på funktion")
    totals = decode(trace(spec, "Netto efter statsrefusion")["y"])
    parts = [decode(d["y"]) for d in spec["data"] if d["type"] == "bar"]
    assert len(parts) == 10
    for i, total in enumerate(totals):
        assert sum(p[i] or 0 for p in parts) == pytest.approx(total)


def test_url_round_trip(app, demo_db):
    at = open_page(app, PAGE)
    at.radio(key="trend_prognose").set_value("lineaer").run()
    at.radio(key="trend_opdeling").set_value("koeb_salg").run()
    assert not at.exception, at.exception
    assert qp(at, "prognose") == "lineaer" and qp(at, "opdeling") == "koeb_salg"

    # a pasted link starts a new session whose state comes from the URL
    fresh = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    for k, v in {"omraade": "5.28", "priser": "faste-2022", "prognose": "lineaer", "opdeling": "koeb_salg"}.items():
        fresh.query_params[k] = v
    fresh = open_page(fresh, PAGE)
    assert fresh.session_state["trend_prognose"] == "lineaer"
    assert fresh.session_state["trend_opdeling"] == "koeb_salg"
    assert qp(fresh, "omraade") == "5.28" and qp(fresh, "priser") == "faste-2022"
    assert qp(fresh, "prognose") == "lineaer" and qp(fresh, "opdeling") == "koeb_salg"
    assert "udsatte børn og unge (5.28)" in headline(fresh) and "faste 2022-priser" in headline(fresh)
    assert any("lineær fremskrivning" in m.value for m in fresh.markdown)
    spec = chart(fresh, "Nettoudgift pr. år, efter statsrefusion, faste 2022-priser")
    annual = expected_annual(demo_db, "5.28", PriceBase(2022))
    assert decode(trace(spec, "Regnskab")["y"]) == pytest.approx([v / 1e6 for v in annual["net_dkk"].to_list()])
    split = chart(fresh, "fordelt på køb, salg og øvrige")
    assert {d["name"] for d in split["data"]} >= {"Køb af pladser (art 4.6-4.8)", "Salg af pladser (art 7.6-7.8)",
                                                 "Øvrige (egne tilbud mv.)"}


def test_invalid_url_values_fall_back_with_notice(app):
    app.query_params["prognose"] = "magi"
    app.query_params["opdeling"] = "niveau"
    at = open_page(app, PAGE)
    assert at.session_state["trend_prognose"] == "saeson" and at.session_state["trend_opdeling"] == "funktion"
    notices = " ".join(i.value for i in at.info)
    assert "prognose=magi" in notices and "opdeling=niveau" in notices
    assert qp(at, "prognose") == "saeson" and qp(at, "opdeling") == "funktion"


def test_state_survives_a_page_switch(app):
    at = open_page(app, PAGE)
    at.radio(key="trend_opdeling").set_value("gruppering").run()
    at.switch_page("dashboard/pages/overview.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.session_state["trend_opdeling"] == "gruppering"
    assert chart(at, "fordelt på gruppering")


def test_every_chart_exports_its_table_with_a_header_block(app, monkeypatch):
    from dashboard import widgets

    calls = []
    real = widgets.download_buttons
    monkeypatch.setattr(widgets, "download_buttons", lambda df, columns, meta, stem, key: (
        calls.append((df, columns, meta, stem)), real(df, columns, meta, stem, key)))
    at = app.run()
    calls.clear()                                   # the default page (Overblik) has its own export
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert [c[3].split("_")[0] for c in calls] == ["udvikling", "maaneder", "fordeling"]
    for df, columns, meta, _ in calls:
        assert {"Kommune", "Område", "Periode", "Priser", "Kilde", "Datadato"} <= set(meta.lines)
        assert "løbende priser" in meta.title and "efter statsrefusion" in meta.title
        # the title's unit is that of the exported amounts (kr. with decimals, never mio. kr.)
        assert meta.title.endswith(", kr.") and "mio. kr." not in meta.title
        csv = to_csv(df, columns, meta).decode("utf-8-sig")
        assert re.search(r";\d+,\d{2}(;|\r)", csv)                       # ';' separated, decimal comma
    for df, _, meta, _ in calls[:2]:
        assert meta.lines["Prognosemetode"].startswith("sæsonprofil fra 2019-2025")
    annual_df = calls[0][0]
    assert annual_df.filter(pl.col("year") == 2026)["forecast_dkk"][0] is not None
    assert annual_df.filter(pl.col("year") == 2025)["forecast_dkk"][0] is None


def test_a_complete_last_year_reports_the_result(app):
    app.query_params["til"] = "2025"
    at = open_page(app, PAGE)
    labels = [m.label for m in at.metric]
    assert "Nettoudgift 2025 (efter statsrefusion, løbende priser), mio. kr." in labels
    assert "Afvigelse fra budget 2025 (efter statsrefusion, løbende priser), mio. kr." in labels
    assert any(m.value.startswith("Regnskabet for 2025 viser et") for m in at.markdown)
    spec = chart(at, "Akkumuleret nettoudgift 2025")
    assert "Prognose akk." not in {d.get("name") for d in spec["data"]}


def test_missing_budget_and_population_are_said_in_words(tmp_path, monkeypatch):
    """The small fixture ledger has no budget for 5.28.21 and no population: words, never zero."""
    from ingest.importer import import_file

    db = tmp_path / "small.duckdb"
    import_file("ledger", FIXTURES / "ledger_standard.csv", db)
    at = app_on(db, monkeypatch)
    at.query_params["omraade"] = "5.28.21"
    at = open_page(at, PAGE)
    values = {m.label: m.value for m in at.metric}
    assert values["Forventet afvigelse 2024 (efter statsrefusion, løbende priser)"] == "Budget ikke indlæst"   # no unit in the label without a number
    assert "ikke indlæst" in " ".join(m.value for m in at.markdown)
    table = at.dataframe[0].value
    assert set(table["Korrigeret budget"]) == {"Budget ikke indlæst"}
    assert set(table["Pr. indbygger 0-17 år"]) == {"Ikke indlæst"}
    spec = chart(at, "Nettoudgift pr. år")
    assert "Korrigeret budget" not in {d.get("name") for d in spec["data"]}


# ---- real browser (Debian's Chromium via Playwright), fixtures shared with tests/test_browser.py --------
try:
    from playwright.sync_api import expect

    from tests.test_browser import _page, _select, _settle, _shot, browser, server  # noqa: F401  (fixtures)
    HAVE_BROWSER = True
except pytest.skip.Exception:   # test_browser skips itself when /usr/bin/chromium is missing
    HAVE_BROWSER = False

browser_test = pytest.mark.skipif(not HAVE_BROWSER, reason="/usr/bin/chromium not installed")

MAIN_BARS_JS = """() => {
  const plots = [...document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')];
  const main = plots.find(p => p._fullLayout && (p._fullLayout.title.text || '').includes('Nettoudgift pr. år,'));
  const bars = main && main._fullData.find(d => d.name === 'Regnskab');
  return bars ? Array.from(bars.y) : null;
}"""


def _main_bars(page) -> list[float]:
    page.wait_for_function(MAIN_BARS_JS, timeout=30_000)
    return page.evaluate(MAIN_BARS_JS)


def _shot_full(page, name: str) -> None:
    """The whole page in one image: the viewport as tall as Streamlit's scrolling main area, then back."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.wait_for_timeout(1500)
    _shot(page, name)
    page.set_viewport_size(size)
    page.wait_for_timeout(500)


def _headline(page):
    return page.get_by_text(re.compile(r"^Nettoudgiften til ")).first


@pytest.mark.browser
@browser_test
def test_trend_page_price_base_area_and_drill_down(server, browser):  # noqa: F811
    ctx, page = _page(browser)
    try:
        page.goto(server + "/udvikling")
        _settle(page)
        expect(page.get_by_role("heading", name="Udgiftsudvikling").first).to_be_visible(timeout=30_000)
        expect(_headline(page)).to_contain_text("voksne med særlige behov", timeout=30_000)
        expect(page.locator(".gtitle", has_text="løbende priser").first).to_be_visible(timeout=30_000)
        current = _main_bars(page)
        sentence = _headline(page).inner_text()
        assert re.search(r"fra \d+,\d mio\. kr\. i 2019", sentence)
        _shot(page, "udvikling_voksne_1600.png")
        _shot_full(page, "udvikling_voksne_1600_hel.png")

        _select(page, "Priser", "Faste 2022-priser")
        expect(page.locator(".gtitle", has_text="faste 2022-priser").first).to_be_visible(timeout=30_000)
        expect(_headline(page)).to_contain_text("faste 2022-priser", timeout=30_000)
        _settle(page)
        fixed = _main_bars(page)
        assert len(fixed) == len(current) and fixed[0] != pytest.approx(current[0])   # 2019 re-priced
        assert fixed[3] == pytest.approx(current[3])                                  # 2022 = base year
        assert "priser=faste-2022" in page.url and "prognose=saeson" in page.url

        # the refund basis: one visible choice in the sidebar, kept in the URL, said in the sentence
        page.get_by_test_id("stSidebar").get_by_text("Før statsrefusion").click()
        expect(_headline(page)).to_contain_text("før statsrefusion, faste 2022-priser", timeout=30_000)
        _settle(page)
        before = _main_bars(page)
        assert all(b > f for b, f in zip(before, fixed))     # refunds are an income: net before is higher
        assert "refusion=foer" in page.url
        expect(page.get_by_test_id("stMetricLabel").first).to_contain_text("før statsrefusion, faste 2022-priser")
        _shot(page, "udvikling_foer_refusion_1600.png")
        page.get_by_test_id("stSidebar").get_by_text("Efter statsrefusion").click()
        expect(_headline(page)).to_contain_text("efter statsrefusion, faste 2022-priser", timeout=30_000)
        _settle(page)

        _select(page, "Område", "Udsatte børn")
        expect(_headline(page)).to_contain_text("udsatte børn og unge", timeout=30_000)
        _settle(page)
        children = _main_bars(page)
        assert children[0] != pytest.approx(fixed[0])
        assert "omraade=5.28" in page.url
        _shot(page, "udvikling_boern_faste_1600.png")

        # drill down: click the first function's segment of the first year in the by-function chart
        split = page.locator('[data-testid=stPlotlyChart]').filter(has=page.locator(".gtitle", has_text="fordelt på funktion"))
        split.scroll_into_view_if_needed()
        split.locator(".trace.bars").first.locator(".point path").first.click(force=True)
        expect(_headline(page)).to_contain_text("5.28.20", timeout=30_000)
        _settle(page)
        assert "omraade=5.28.20" in page.url
        _shot(page, "udvikling_drill_5_28_20_1600.png")
    finally:
        ctx.close()


@pytest.mark.browser
@browser_test
def test_trend_page_deep_link_1920(server, browser):  # noqa: F811
    ctx, page = _page(browser, 1920, 1080)
    try:
        page.goto(server + "/udvikling?omraade=5.38&priser=faste-2026&prognose=lineaer&opdeling=koeb_salg")
        _settle(page)
        expect(_headline(page)).to_contain_text("faste 2026-priser", timeout=30_000)
        expect(page.get_by_text(re.compile("lineær fremskrivning")).first).to_be_visible(timeout=30_000)
        expect(page.locator(".gtitle", has_text="fordelt på køb, salg og øvrige")).to_be_visible(timeout=30_000)
        _settle(page)
        _shot(page, "udvikling_koeb_salg_1920.png")
        _shot_full(page, "udvikling_koeb_salg_1920_hel.png")
    finally:
        ctx.close()
