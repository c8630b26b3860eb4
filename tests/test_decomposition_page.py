"""The Dekomponering page on the demo database: AppTest (no exception, waterfall adds up, Danish numbers,
URL state round trip, invalid URL values) and one real-browser test that changes the segment split and
saves screenshots under tests/artifacts/."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from present.formatting import parse_danish_number
from tests.conftest import REPO
from tests.plotly_spec import decode

PAGE = "dashboard/pages/decomposition.py"
DANISH_SIGNED_MIO = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d$")        # KPI values; the unit is in the label
DANISH_NUMBER = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*(,\d+)?$|^–$")


@pytest.fixture
def fresh(demo_db, monkeypatch):
    """A factory of new sessions (AppTest instances) on the demo database, optionally seeded by a URL."""
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()

    def make(**params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()                       # the default page (Overblik) seeds the sidebar from the URL
        at.switch_page(PAGE).run()
        assert not at.exception, at.exception
        return at

    return make


def qp(at: AppTest, key: str) -> str:
    v = at.query_params[key]
    return v[0] if isinstance(v, list) else v


def waterfall(at: AppTest) -> dict:
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    (fig,) = [s for s in specs if s["data"][0]["type"] == "waterfall"]
    return fig


def bars(fig: dict) -> list[tuple[str, str, float, str]]:
    trace = fig["data"][0]
    return list(zip(trace["x"], trace["measure"], decode(trace["y"]), trace["text"]))


def assert_adds_up(fig: dict) -> None:
    steps = bars(fig)
    assert steps[0][1] == "absolute" and steps[-1][1] == "total"
    assert all(m == "relative" for _, m, _, _ in steps[1:-1])
    start, end = steps[0][2], steps[-1][2]
    assert start + sum(v for _, _, v, _ in steps[1:-1]) == pytest.approx(end, abs=1e-6)
    for _, _, value, text in steps:                     # bar labels: the same numbers, Danish format
        assert DANISH_NUMBER.match(text), text
        assert parse_danish_number(text) == pytest.approx(value, abs=0.05)


def test_default_view(fresh):
    at = fresh()
    assert at.title[0].value == "Dekomponering"
    assert any("fiktiv" in w.value for w in at.warning)
    metrics = [m.value for m in at.metric]
    assert 3 <= len(metrics) <= 5 and all(DANISH_SIGNED_MIO.match(v) for v in metrics), metrics
    assert [m.label for m in at.metric][:2] == ["Ændring i alt (løbende priser), mio. kr.",
                                                  "Mængde (HÅP), løbende priser, mio. kr."]
    fig = waterfall(at)
    assert_adds_up(fig)
    labels = [x.replace("<br>", " ") for x, _, _, _ in bars(fig)]
    assert labels[0] == "Udgift 2019" and labels[-1] == "Udgift 2026"
    assert any("helårspersoner" in x for x in labels) and any("behov (mix)" in x for x in labels)
    assert "Ikke fordelt (uden HÅP)" in labels
    title = fig["layout"]["title"]["text"]
    assert "funktionsevneniveau" in title and "Løbende priser" in title and "jan.–okt." in title
    # 2026 is incomplete: both years are compared over the same months, and the page says so
    assert any("Begge år sammenlignes derfor for de samme måneder: jan.–okt." in i.value for i in at.info)
    # the total change card is the waterfall's end minus start
    start, end = bars(fig)[0][2], bars(fig)[-1][2]
    assert parse_danish_number(metrics[0]) == pytest.approx(end - start, abs=0.05)
    # the explanation names the method and uses the same numbers as the cards
    text = next(md.value for md in at.markdown if md.value.startswith("Antallet af helårspersoner"))
    assert "LMDI-I" in text and f"{metrics[1]} mio. kr." in text
    # the per-segment table: Danish numbers, a total row
    waterfall_table = at.dataframe[0].value            # the waterfall's table, one click away
    assert waterfall_table.iloc[0, 0] == "Udgift 2019" and "Ændring i alt" in set(waterfall_table.iloc[:, 0])
    table = at.dataframe[1].value
    assert table.iloc[-1, 0] == "I alt"
    assert all(DANISH_NUMBER.match(v) for v in table["Udgift 2026"])
    assert any("Dataversion" in c.value and "Eksempelby Kommune" in c.value for c in at.caption)
    # every widget value is in the URL
    assert {k: qp(at, k) for k in ("basis", "sammenlign", "opdeling", "metode", "skaler")} == \
        {"basis": "2019", "sammenlign": "2026", "opdeling": "niveau", "metode": "lmdi", "skaler": "0"}
    assert qp(at, "segment") == at.session_state["segment"]
    assert len(at.get("download_button")) == 2


def test_widgets_change_the_view_and_the_url_reproduces_it(fresh):
    at = fresh()
    before = bars(waterfall(at))
    at.selectbox(key="basis").select(2022).run()
    at.selectbox(key="sammenlign").select(2025).run()
    at.selectbox(key="opdeling").select("tilbudstype-niveau").run()
    at.toggle(key="skaler").set_value(True).run()
    at.radio(key="metode").set_value("shapley").run()
    assert not at.exception, at.exception
    fig = waterfall(at)
    assert_adds_up(fig)
    after = bars(fig)
    assert after != before
    labels = [x.replace("<br>", " ") for x, _, _, _ in after]
    assert labels[0] == "Regnskab 2022" and labels[-1] == "Regnskab 2025"
    assert "Ikke forklaret af aktivitetsdata" in labels
    assert "tilbudstype og niveau" in fig["layout"]["title"]["text"]
    segment = at.dataframe[1].value.columns[0]
    assert segment == "Tilbudstype"
    providers_before = at.dataframe[2].value
    options = at.selectbox(key="segment").options
    at.selectbox(key="segment").select_index(len(options) - 1).run()
    assert not at.exception, at.exception
    assert not at.dataframe[2].value.equals(providers_before)
    state = {k: qp(at, k) for k in ("basis", "sammenlign", "opdeling", "metode", "skaler", "segment", "omraade")}
    assert state["basis"] == "2022" and state["opdeling"] == "tilbudstype-niveau" and state["skaler"] == "1"
    assert state["metode"] == "shapley" and "|" in state["segment"]
    metrics = [m.value for m in at.metric]

    # a pasted link starts a new session whose whole state comes from the URL
    again = fresh(**state)
    assert not again.info or not any("findes ikke" in i.value for i in again.info)
    assert {k: again.session_state[k] for k in ("basis", "sammenlign", "opdeling", "metode", "skaler", "segment")} == \
        {"basis": 2022, "sammenlign": 2025, "opdeling": "tilbudstype-niveau", "metode": "shapley", "skaler": True,
         "segment": state["segment"]}
    assert bars(waterfall(again)) == after
    assert [m.value for m in again.metric] == metrics
    assert again.dataframe[2].value.equals(at.dataframe[2].value)
    assert {k: qp(again, k) for k in state} == state


def test_fixed_prices_show_the_real_change_and_pl_beside_it(fresh):
    """Fixed prices (issue 15): the bars, cards and sentence are in fixed prices; PL is its own card, outside the
    total, and a caption reconciles with current prices."""
    at = fresh(priser="faste-2024", basis="2022", sammenlign="2025")
    fig = waterfall(at)
    assert_adds_up(fig)
    labels = [x.replace("<br>", " ") for x, _, _, _ in bars(fig)]
    assert "Pris og løn (PL)" not in labels and any("realpriser" in x for x in labels)
    assert not any("enhedspriser" in x for x in labels)
    assert len(at.metric) == 5 and at.metric[4].label == "Pris og løn (PL), uden for totalen, mio. kr."
    assert at.metric[0].label == "Ændring i alt (faste 2024-priser), mio. kr."
    assert "Faste 2024-priser" in fig["layout"]["title"]["text"]
    assert any(m.value.endswith("(faste 2024-priser).**") for m in at.markdown)
    assert any("ikke indgår i totalen" in c.value for c in at.caption)
    assert any(c.value.startswith("Afstemning med regnskabet") for c in at.caption)


def test_laspeyres_shows_its_residual(fresh):
    at = fresh(metode="laspeyres", basis="2022", sammenlign="2025")
    labels = [x.replace("<br>", " ") for x, _, _, _ in bars(waterfall(at))]
    assert "Samspil (rest)" in labels
    assert_adds_up(waterfall(at))


def test_invalid_url_values_fall_back_with_a_notice(fresh):
    at = fresh(basis="1800", sammenlign="abc", opdeling="postnummer", metode="gaet", skaler="ja", segment="nej")
    assert {k: at.session_state[k] for k in ("basis", "sammenlign", "opdeling", "metode", "skaler")} == \
        {"basis": 2019, "sammenlign": 2026, "opdeling": "niveau", "metode": "lmdi", "skaler": False}
    notices = " ".join(i.value for i in at.info)
    for bad in ("basis=1800", "sammenlign=abc", "opdeling=postnummer", "metode=gaet", "skaler=ja", "segment=nej"):
        assert bad in notices, bad
    assert qp(at, "opdeling") == "niveau" and qp(at, "basis") == "2019"
    assert_adds_up(waterfall(at))


def test_same_years_are_explained_not_drawn(fresh):
    at = fresh(basis="2022", sammenlign="2022")
    assert any("Basisår og sammenligningsår er ens" in i.value for i in at.info)
    assert not at.get("plotly_chart")


# --- real browser -------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
HAVE_BROWSER = Path(CHROMIUM).exists() or os.environ.get("REQUIRE_BROWSER") == "1"
if HAVE_BROWSER:
    from playwright.sync_api import expect

    from tests.test_browser import (  # noqa: F401  (server and browser are fixtures)
        ARTIFACTS, _page, _select, _settle, assert_no_cut_metrics, browser, server)

WATERFALL_JS = """() => {
  const plot = [...document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')]
    .find(p => p._fullData && p._fullData[0] && p._fullData[0].type === 'waterfall');
  return plot ? {x: Array.from(plot._fullData[0].x), y: Array.from(plot._fullData[0].y),
                 text: Array.from(plot._fullData[0].text), title: plot.layout.title.text} : null;
}"""


def _waterfall_in_browser(page) -> dict:
    page.wait_for_function(WATERFALL_JS, timeout=30_000)
    return page.evaluate(WATERFALL_JS)


def _chart_shot(page, name: str) -> None:
    """Scroll the waterfall into view and save the viewport (the page scrolls inside Streamlit's
    container, so a full-page screenshot would not reach below the fold)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("""() => {
      const plot = [...document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')]
        .find(p => p._fullData && p._fullData[0] && p._fullData[0].type === 'waterfall');
      plot.closest('[data-testid=stPlotlyChart]').scrollIntoView({block: 'center'});
    }""")
    page.mouse.move(5, 5)                                   # no plotly toolbar from a hovering mouse
    assert_no_cut_metrics(page)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / name))


def _choose(page, label: str, option: str) -> None:
    """Pick an option of a selectbox, retrying when the dropdown did not take the click."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    for _ in range(3):
        box.scroll_into_view_if_needed()
        _settle(page)
        _select(page, label, option)
        try:
            expect(box.get_by_role("combobox")).to_have_value(option, timeout=5_000)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(box.get_by_role("combobox")).to_have_value(option)


@pytest.mark.browser
@pytest.mark.skipif(not HAVE_BROWSER, reason=f"{CHROMIUM} not installed")
def test_browser_change_segment_split(server, browser):  # noqa: F811
    ctx, page = _page(browser)
    try:
        page.goto(server + "/dekomponering?basis=2022&sammenlign=2025")
        _settle(page)
        expect(page.get_by_test_id("stMetricValue").first).to_have_text(re.compile(r"^[+-]\d{1,3},\d$"), timeout=30_000)
        expect(page.locator(".gtitle", has_text="opdelt efter funktionsevneniveau")).to_be_visible(timeout=30_000)
        levels = _waterfall_in_browser(page)
        assert levels["y"][0] + sum(levels["y"][1:-1]) == pytest.approx(levels["y"][-1], abs=1e-6)
        assert all(re.match(r"^[+-]?\d{1,3}(\.\d{3})*,\d$", t) for t in levels["text"]), levels["text"]
        page.screenshot(path=str(ARTIFACTS / "dekomponering_top_1600.png"))
        _chart_shot(page, "dekomponering_niveau_1600.png")

        _choose(page, "Opdeling", "Leverandørtype")
        expect(page.locator(".gtitle", has_text="opdelt efter leverandørtype")).to_be_visible(timeout=30_000)
        _settle(page)
        providers = _waterfall_in_browser(page)
        assert providers["title"] != levels["title"] and providers["y"] != levels["y"]
        assert providers["y"][0] == pytest.approx(levels["y"][0])    # same base cost, split differently
        assert "opdeling=leverandoertype" in page.url and "basis=2022" in page.url
        _chart_shot(page, "dekomponering_leverandoertype_1600.png")
    finally:
        ctx.close()

    ctx, page = _page(browser, 1920, 1080)
    try:
        page.goto(server + "/dekomponering?basis=2019&sammenlign=2026&opdeling=tilbudstype-niveau&skaler=1"
                           "&priser=faste-2024&metode=laspeyres")
        _settle(page)
        expect(page.locator(".gtitle", has_text="opdelt efter tilbudstype og niveau")).to_be_visible(timeout=30_000)
        scaled = _waterfall_in_browser(page)
        assert scaled["y"][0] + sum(scaled["y"][1:-1]) == pytest.approx(scaled["y"][-1], abs=1e-6)
        assert "Ikke forklaret af<br>aktivitetsdata" in scaled["x"] and "Samspil<br>(rest)" in scaled["x"]
        assert "Pris og løn<br>(PL)" not in scaled["x"]            # fixed prices: PL is beside the total
        expect(page.get_by_text(re.compile(r"^Afstemning med regnskabet")).first).to_be_visible(timeout=30_000)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.screenshot(path=str(ARTIFACTS / "dekomponering_faste_top_1920.png"))
        _chart_shot(page, "dekomponering_skaleret_1920.png")
    finally:
        ctx.close()


def test_main_splits_side_by_side_on_request(fresh):
    at = fresh(basis="2022", sammenlign="2025")
    assert not any("opdelt på fire måder" in m.value for m in at.markdown)       # not loaded until asked for
    at.toggle(key="opdelinger").set_value(True).run()
    assert not at.exception, at.exception
    assert any("opdelt på fire måder" in m.value for m in at.markdown)
    assert any(m.value.startswith("Den samlede ændring er") for m in at.markdown)
    table = at.dataframe[1].value
    assert len(table) == 4 and table.iloc[:, -1].nunique() == 1                  # one total in every row
    assert qp(at, "opdelinger") == "1"
