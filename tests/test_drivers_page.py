"""The Udgiftsdrivere page (AppTest on the test demo) and its view builder present.drivers.drivers_view: every
section renders with the view's cards and sentence, the parts add up, and the page agrees with Dekomponering."""
from __future__ import annotations

import os

import polars as pl
import pytest

import queries
from analysis.segments import DIMENSIONS, build_segments, comparison_window
from dashboard.loaders import load_decomposition, load_drivers
from present.drivers import SECTIONS, DriversChoices, default_years, drivers_view, whole_years
from tests.apptools import open_page, page_file, qp


def _data(demo_db, filters, base, cur):
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        q = lambda name, params=None: queries.run(con, name, params or {})  # noqa: E731
        return load_drivers(q, filters.params, base, cur), load_decomposition(q, filters.params, "leverandoer", base, cur)
    finally:
        con.close()


@pytest.fixture(scope="module")
def page_run(demo_db):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO

    os.environ["DASHBOARD_DB"] = str(demo_db)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    yield open_page(at, page_file("drivers"))
    st.cache_data.clear()
    st.cache_resource.clear()
    os.environ.pop("DASHBOARD_DB", None)


@pytest.mark.parametrize(("first", "last", "data_date", "expected"), [
    (2019, 2026, "2026-11-15", [2019, 2020, 2021, 2022, 2023, 2024, 2025]),
    (2019, 2026, "2026-12-31", [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]),
    (2024, 2025, "2025-12-30", [2024]),
])
def test_whole_years(first, last, data_date, expected):
    import datetime as dt

    assert whole_years(first, last, dt.date.fromisoformat(data_date)) == expected


@pytest.mark.parametrize(("years", "from_year", "to_year", "expected"), [
    ([2019, 2020, 2021], 2019, 2026, (2019, 2021)),
    ([2019, 2020, 2021], 2020, 2021, (2020, 2021)),
    ([2019, 2020, 2021], 2021, 2021, (2019, 2021)),     # the sidebar's first year is not earlier: the first whole one
    ([2021], 2019, 2021, None),
])
def test_default_years(years, from_year, to_year, expected):
    assert default_years(years, from_year, to_year) == expected


def test_every_section_renders_the_views_cards_and_sentence(page_run, demo_db):
    at = page_run
    filters = at.session_state["_filters"]
    base, cur = at.session_state["drivers_basis"], at.session_state["drivers_sammenlign"]
    assert cur == max(whole_years(filters.first_year, filters.last_year, _data(demo_db, filters, base, cur)[0].data_date))
    data, _ = _data(demo_db, filters, base, cur)
    for section in SECTIONS:
        at.segmented_control(key="drivers_visning").set_value(section).run()
        assert not at.exception, (section, at.exception)
        assert qp(at, "visning") == section
        view = drivers_view(data, filters, DriversChoices(base, cur, section))
        assert view.status == "ok"
        assert [m.label for m in at.metric] == [k.label for k in view.kpis]
        assert [m.value for m in at.metric] == [k.value for k in view.kpis]
        assert any(view.headline in md.value for md in at.markdown), section
        assert len(at.get("plotly_chart")) >= 1


def test_flow_parts_add_up_and_match_the_citizens(page_run, demo_db):
    filters = page_run.session_state["_filters"]
    base, cur = page_run.session_state["drivers_basis"], page_run.session_state["drivers_sammenlign"]
    data, _ = _data(demo_db, filters, base, cur)
    view = drivers_view(data, filters, DriversChoices(base, cur, "tilgang"))
    steps = view.charts["waterfall"]["value_dkk"].to_list()
    assert steps[0] + sum(steps[1:4]) == pytest.approx(steps[4])
    cy = data.citizen_year
    assert steps[0] == pytest.approx(cy.filter(pl.col("year") == base)["cost_dkk"].sum())
    assert steps[4] == pytest.approx(cy.filter(pl.col("year") == cur)["cost_dkk"].sum())
    # offer-type changes: citizens of both years whose main offer type differs, their cost in each year
    moves = view.exports[3].df
    both = (cy.filter(pl.col("year") == base).select("citizen_key", a="main_offer_type", b="cost_dkk")
            .join(cy.filter(pl.col("year") == cur).select("citizen_key", c="main_offer_type", d="cost_dkk"),
                  on="citizen_key").filter(pl.col("a") != pl.col("c")))
    assert moves["citizens"].sum() == both.height > 0
    assert moves["cost_current_dkk"].sum() == pytest.approx(both["d"].sum())
    top = moves.row(0, named=True)
    assert f"{top['from_offer_type']} til {top['to_offer_type']}" in view.method_note


def test_providers_agree_with_the_decomposition_by_provider(page_run, demo_db):
    """The provider table's HÅP and cost are Dekomponering's split by provider (same years, current prices)."""
    filters = page_run.session_state["_filters"]
    base, cur = page_run.session_state["drivers_basis"], page_run.session_state["drivers_sammenlign"]
    data, decomposition = _data(demo_db, filters, base, cur)
    view = drivers_view(data, filters, DriversChoices(base, cur, "leverandoerer"))
    export = view.exports[0].df
    segments = build_segments(decomposition.segments, comparison_window(base, cur, decomposition.data_date),
                              DIMENSIONS["leverandoer"])
    assert export["cost_current"].sum() == pytest.approx(segments["cost_current"].sum())
    assert export["volume_base"].sum() == pytest.approx(segments["volume_base"].sum())
    assert export.height == segments.height
    # the citizens' cost of the comparison year is the same activity cost
    assert export["cost_current"].sum() == pytest.approx(
        data.citizen_year.filter(pl.col("year") == cur)["cost_dkk"].sum())


def test_concentration_shares_grow_with_the_share(page_run, demo_db):
    filters = page_run.session_state["_filters"]
    base, cur = page_run.session_state["drivers_basis"], page_run.session_state["drivers_sammenlign"]
    data, _ = _data(demo_db, filters, base, cur)
    view = drivers_view(data, filters, DriversChoices(base, cur, "koncentration"))
    conc = view.exports[0].df.filter(pl.col("year") == cur).sort("top_share")
    shares = conc["cost_share"].to_list()
    assert shares == sorted(shares) and 0 < shares[0] < shares[-1] < 1
    assert all(a >= b for a, b in zip(conc["top_share"].to_list(), [0.0] * 3))


def test_price_room_is_what_the_measures_above_the_median_cost_more(page_run, demo_db):
    filters = page_run.session_state["_filters"]
    base, cur = page_run.session_state["drivers_basis"], page_run.session_state["drivers_sammenlign"]
    data, _ = _data(demo_db, filters, base, cur)
    view = drivers_view(data, filters, DriversChoices(base, cur, "pris"))
    rooms = view.exports[0].df
    gaps = data.price_need.filter(pl.col("median_dkk_per_day").is_not_null())
    above = gaps.filter(pl.col("tariff_dkk_per_day") > pl.col("median_dkk_per_day"))
    expected = ((above["tariff_dkk_per_day"] - above["median_dkk_per_day"]) * above["days"]).sum()
    assert rooms["above_median_dkk"].sum() == pytest.approx(expected)
    assert rooms["cost_dkk"].sum() == pytest.approx(gaps["cost_dkk"].sum())


def test_fixed_prices_scale_the_cost_but_not_the_shares(page_run, demo_db):
    from dataclasses import replace

    from analysis.prices import PriceBase

    filters = page_run.session_state["_filters"]
    base, cur = page_run.session_state["drivers_basis"], page_run.session_state["drivers_sammenlign"]
    data, _ = _data(demo_db, filters, base, cur)
    fixed = replace(filters, price_base=PriceBase(cur))
    now = drivers_view(data, filters, DriversChoices(base, cur, "koncentration")).exports[0].df
    then = drivers_view(data, fixed, DriversChoices(base, cur, "koncentration")).exports[0].df
    factor = filters.pl_index[cur] / filters.pl_index[base]
    b_now = now.filter(pl.col("year") == base)
    b_fixed = then.filter(pl.col("year") == base)
    assert b_fixed["total_cost_dkk"][0] == pytest.approx(b_now["total_cost_dkk"][0] * factor)
    assert b_fixed["cost_share"].to_list() == pytest.approx(b_now["cost_share"].to_list())


def test_url_state_round_trip(demo_db, monkeypatch):
    from tests.conftest import app_on

    at = app_on(demo_db, monkeypatch)
    at.query_params.update({"visning": "pris"})
    open_page(at, page_file("drivers"))
    assert at.session_state["drivers_visning"] == "pris"
    assert qp(at, "tilbud") == at.session_state["drivers_tilbud"]
    at.selectbox(key="drivers_tilbud").set_value(at.selectbox(key="drivers_tilbud").options[-1]).run()
    assert not at.exception
    assert qp(at, "tilbud") == at.session_state["drivers_tilbud"]


def test_cases_page_lists_the_costliest_citizens(demo_db, monkeypatch):
    from dashboard.loaders import load_cases
    from present.cases import cases_view
    from tests.conftest import app_on

    at = app_on(demo_db, monkeypatch)
    open_page(at, page_file("cases"))
    filters = at.session_state["_filters"]
    year = at.session_state["cases_aar"]
    assert qp(at, "aar") == str(year)
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        data = load_cases(lambda name, params=None: queries.run(con, name, params or {}), filters.params, year)
    finally:
        con.close()
    view = cases_view(data, filters, year)
    assert [m.value for m in at.metric] == [k.value for k in view.kpis]
    citizens = view.exports[0].df
    costs = citizens["cost_dkk"].to_list()
    assert costs == sorted(costs, reverse=True)
    assert citizens["cost_dkk"].sum() == pytest.approx(data.citizen_year.filter(pl.col("year") == year)["cost_dkk"].sum())
    assert not any(re_cpr.search(str(v)) for v in citizens["citizen_key"].to_list())
    # one provider: every listed citizen and measure has it
    provider = view.exports[2].df["provider"][0]
    at.selectbox(key="cases_leverandoer").set_value(provider).run()
    assert not at.exception and qp(at, "leverandoer") == provider
    only = cases_view(data, filters, year, provider)
    assert all(provider in p for p in only.exports[0].df["providers"].to_list())
    assert set(only.exports[2].df["provider"].to_list()) == {provider}
    assert only.exports[0].df.height < citizens.height


re_cpr = __import__("re").compile(r"\d{6}-?\d{4}")


def test_drivers_button_opens_the_cases_of_the_provider(demo_db, monkeypatch):
    from tests.conftest import app_on

    at = app_on(demo_db, monkeypatch)
    open_page(at, page_file("drivers"))
    provider = at.session_state["drivers_leverandoer"]
    cur = at.session_state["drivers_sammenlign"]
    at.button(key="drivers_to_cases_leverandoerer").click().run()
    assert not at.exception, at.exception
    assert at.session_state["cases_leverandoer"] == provider and at.session_state["cases_aar"] == cur
    assert any(provider in h.value for h in at.subheader)


def test_cases_page_follows_the_age_filter(demo_db, monkeypatch):
    """Dyre sager offers the sidebar's age group (URL alder): its lists hold only citizens of that age group,
    its headline says which, and its exports say it in their titles and file names."""
    from dashboard.loaders import load_cases
    from present.cases import cases_view
    from tests.conftest import app_on

    at = app_on(demo_db, monkeypatch)
    at.query_params.update({"alder": "18-22"})
    open_page(at, page_file("cases"))
    assert not at.exception, at.exception
    assert at.selectbox(key="alder").value == "18-22" and qp(at, "alder") == "18-22"
    filters = at.session_state["_filters"]
    year = at.session_state["cases_aar"]
    assert filters.age == "18-22"
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        data = load_cases(lambda name, params=None: queries.run(con, name, params or {}), filters.params, year)
        everyone = load_cases(lambda name, params=None: queries.run(con, name, params or {}),
                              {**filters.params, "ages": None}, year)
    finally:
        con.close()
    view = cases_view(data, filters, year)
    assert view.headline.startswith("18-22 år: ")
    assert next(m.value for m in at.markdown if m.value.startswith("**")).startswith("**18-22 år: ")
    ages = set(view.exports[0].df["age_group"].to_list())
    assert ages == {"18-22"}
    assert 0 < view.exports[0].df.height < everyone.citizen_year.filter(pl.col("year") == year).height
    assert all("(18-22 år)" in e.title and e.file_stem.endswith("_alder-18-22") for e in view.exports)
