"""One number, one meaning (issue 15): the same figure read from each page's view builder for the same sidebar
choices is equal, in current and in fixed prices and on both refund bases (net after state refunds, the
default, and before). The views are built on the test demo with the sidebar's own Filters (from one AppTest
run), its price base and refund basis swapped."""
from __future__ import annotations

import dataclasses
import os

import polars as pl
import pytest

from analysis.prices import PriceBase
from domain.codes import REFUND_BASES


@pytest.fixture(scope="module")
def views(demo_db, tmp_path_factory):
    """For each price base ('current': 'loebende'; 'fixed': the latest PL year up to the last data year) and
    refund basis ('efter', 'foer'): (filters, overview view, trend view)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import queries
    from dashboard.loaders import load_decomposition, load_overview, load_trends
    from present.overview import overview_view
    from present.trend import trend_view
    from tests.conftest import REPO

    old = os.environ.get("DASHBOARD_DB")
    os.environ["DASHBOARD_DB"] = str(demo_db)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
        assert not at.exception, at.exception
        filters = at.session_state["_filters"]
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
        if old is None:
            os.environ.pop("DASHBOARD_DB")
        else:
            os.environ["DASHBOARD_DB"] = old
    fixed_year = max(y for y in filters.pl_index if y <= filters.last_year)
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        q = lambda name, params=None: queries.run(con, name, params or {})  # noqa: E731
        assert filters.refund_basis == "efter", "net after state refunds is the default"
        overview_data = load_overview(q, filters.params)
        trend_data = {basis: load_trends(q, dataclasses.replace(filters, refund_basis=basis).params, "gruppering")
                      for basis in REFUND_BASES}
        complete = trend_view(trend_data["efter"], filters, split="gruppering").annual.filter(pl.col("complete"))["year"].to_list()
        years = (complete[-4], complete[-1])
        decomposition_data = load_decomposition(q, filters.params, "niveau", *years)
    finally:
        con.close()
    out = {"decomposition": (years, decomposition_data)}
    for key, base in (("current", PriceBase(None)), ("fixed", PriceBase(fixed_year))):
        for basis in REFUND_BASES:
            f = dataclasses.replace(filters, price_base=base, refund_basis=basis)
            out[key, basis] = (f, overview_view(overview_data, f, {k: k for k in overview_data.history["kind"].to_list()}),
                               trend_view(trend_data[basis], f, split="gruppering"))
    return out


CASES = [(prices, basis) for prices in ("current", "fixed") for basis in REFUND_BASES]


@pytest.mark.parametrize("case", CASES)
def test_net_expenditure_per_year_is_the_same_on_overblik_and_udgiftsudvikling(views, case):
    filters, overview, trend = views[case]
    assert overview.status == trend.status == "ok" and overview.warning is None and trend.warning is None
    assert overview.price_label == trend.price_label == filters.price_label
    o = overview.net.select("year", "net_dkk", "complete")
    tr = trend.annual.select("year", "net_dkk", "complete")
    assert o["year"].to_list() == tr["year"].to_list()
    assert o["complete"].to_list() == tr["complete"].to_list()
    assert o["net_dkk"].to_list() == pytest.approx(tr["net_dkk"].to_list(), rel=1e-12)
    # the Overblik card and Udgiftsudvikling's table show the latest complete year's net with the same digits
    row = trend.annual.filter(pl.col("year") == overview.year).row(0, named=True)
    from present.formatting import fmt_mio_number
    assert overview.kpis[0].value == fmt_mio_number(row["net_dkk"])


@pytest.mark.parametrize("case", CASES)
def test_growth_per_year_is_the_same_and_never_for_an_incomplete_year(views, case):
    _, overview, trend = views[case]
    o, tr = overview.net.sort("year"), trend.annual.sort("year")
    for col in ("change_pct", "change_dkk"):
        for a, b in zip(o[col].to_list(), tr[col].to_list()):
            assert (a is None and b is None) or a == pytest.approx(b, rel=1e-12), (col, a, b)
    incomplete = o.filter(~pl.col("complete"))
    assert not incomplete.is_empty(), "the test demo ends in an incomplete year"
    assert incomplete["change_pct"].is_null().all() and incomplete["change_dkk"].is_null().all()
    # and the Overblik table shows '–' there, as Udgiftsudvikling does
    from i18n import t
    change = overview.table[t("col.change")].to_list()
    assert [c for c, full in zip(change, o["complete"].to_list()) if not full] == ["–"] * incomplete.height


def test_fixed_prices_differ_from_current_prices(views):
    """Guards the pair above: the two price bases really are different figures."""
    cur, fixed = views["current", "efter"][1].net, views["fixed", "efter"][1].net
    assert cur["net_dkk"].to_list() != pytest.approx(fixed["net_dkk"].to_list(), rel=1e-6)


@pytest.mark.parametrize("case", CASES)
def test_span_growth_is_the_same_in_the_headline_and_the_card(views, case):
    """Overblik's headline and Udgiftsudvikling's growth card give the same first-to-last complete-year change."""
    from present.formatting import fmt_pct
    _, overview, trend = views[case]
    g = trend.growth
    assert g is not None
    assert fmt_pct(g.change_pct, signed=True) in overview.headline
    card = [k for k in trend.kpis if k.value == fmt_pct(g.change_pct, signed=True)]
    assert card, [k.value for k in trend.kpis]


@pytest.mark.parametrize("case", CASES)
def test_export_file_names_carry_the_basis_and_price_base(views, case):
    filters, overview, trend = views[case]
    prices, basis = case
    slug = filters.price_base.url_value
    assert slug == ("loebende" if prices == "current" else f"faste-{filters.price_base.base_year}")
    for stem in (overview.file_stem, trend.file_stem, trend.month_file_stem, trend.split_file_stem):
        assert stem.endswith(f"_{basis}-refusion_{slug}"), stem


def test_dekomponering_ledger_is_udgiftsudviklings_net_before_refunds(views):
    """Dekomponering's ledger (before state refunds, dranst 1) of two complete years is Udgiftsudvikling's net
    before refunds (current prices, the same functions and whole years)."""
    from present import decomposition as pv

    filters, overview, trend = views["current", "efter"]
    (base, cur), data = views["decomposition"]
    view = pv.decomposition_view(data, pv.DecompositionChoices(base, cur, area_name=filters.area_name,
                                                               area_code=filters.area_code))
    assert view.status == "ok" and view.window.months == 12
    before = dict(trend.annual.select("year", "net_before_refusion_dkk").iter_rows())
    assert view.bridge.ledger_base == pytest.approx(before[base], rel=1e-9)
    assert view.bridge.ledger_current == pytest.approx(before[cur], rel=1e-9)
    # and the net after refunds differs from it: the two are never the same figure under one name
    after = dict(trend.annual.select("year", "net_dkk").iter_rows())
    assert after[cur] != pytest.approx(before[cur], rel=1e-6)


def test_the_two_bases_are_operations_and_operations_plus_refunds(views):
    """Net before refunds is Udgiftsudvikling's dranst 1 column, net after it is dranst 1 + 2, on both pages;
    the two differ by the refunds (negative), every year."""
    for prices in ("current", "fixed"):
        _, o_after, tr_after = views[prices, "efter"]
        _, o_before, tr_before = views[prices, "foer"]
        a = tr_after.annual.sort("year")
        assert tr_before.annual["net_dkk"].to_list() == pytest.approx(a["net_before_refusion_dkk"].to_list(), rel=1e-12)
        assert o_before.net["net_dkk"].to_list() == pytest.approx(a["net_before_refusion_dkk"].to_list(), rel=1e-12)
        assert a["net_dkk"].to_list() == pytest.approx((a["net_before_refusion_dkk"] + a["refusion_dkk"]).to_list(),
                                                       rel=1e-12)
        assert (a["refusion_dkk"] < 0).all()


@pytest.mark.parametrize("case", CASES)
def test_every_kpi_label_and_title_says_the_basis_and_the_price_base(views, case):
    """Every amount card on Overblik and Udgiftsudvikling, their chart titles and sentences name the refund basis
    and the price base (the unit price, activity cost, the price base only; counts and shares neither)."""
    from i18n import t
    from present.formatting import price_phrase
    filters, overview, trend = views[case]
    basis, prices = t(f"basis.short_{case[1]}"), price_phrase(filters.price_label)
    both = f"{basis}, {prices}"
    o_labels = [k.label for k in overview.kpis]
    assert both in o_labels[0] and both in o_labels[1]                   # net, change
    assert prices in o_labels[3] and basis not in o_labels[3]            # unit price: activity cost
    tr_labels = [k.label for k in trend.kpis]
    assert sum(both in lab for lab in tr_labels) == 4, tr_labels         # forecast, deviation, growth, per inhabitant
    assert basis in tr_labels[2]                                         # the spending rate: a ratio on the basis
    for text in (overview.chart_title, overview.headline, trend.chart_title, trend.month_chart_title,
                 trend.split_title, trend.sentence, trend.forecast_sentence):
        assert both in text, text
    assert overview.series_name == trend.series_name == t(f"overview.net_{case[1]}")


@pytest.mark.parametrize("case", CASES)
def test_a_split_adds_up_to_the_net_on_its_basis(views, case):
    """Udgiftsudvikling's split (here by grouping, from its own query) sums to the net of the chosen basis."""
    _, _, trend = views[case]
    total = trend.split_table.filter(pl.col("segment") == "total").row(0, named=True)
    for row in trend.annual.iter_rows(named=True):
        assert total[f"net_{row['year']}_dkk"] == pytest.approx(row["net_dkk"], rel=1e-9)


@pytest.mark.parametrize("case", CASES)
def test_dekomponering_reconciles_with_udgiftsudvikling_in_the_same_prices(views, case):
    """Dekomponering's reconciliation line, for two complete years and the sidebar's prices and basis: its ledger
    change is Udgiftsudvikling's change before refunds, plus the refunds' change its change after refunds; the
    ledger change is the activity cost's change plus what activity data do not explain; and in fixed prices
    the real change plus PL (shown beside) is the change in current prices."""
    from present import decomposition as pv

    filters, _, trend = views[case]
    (base, cur), data = views["decomposition"]
    for scaled in (False, True):
        view = pv.decomposition_view(data, pv.DecompositionChoices(
            base, cur, scaled=scaled, area_name=filters.area_name, area_code=filters.area_code,
            price_base_year=filters.price_base.base_year, refund_basis=filters.refund_basis,
            pl_index=dict(filters.pl_index)))
        assert view.status == "ok" and view.window.months == 12
        a = {r["year"]: r for r in trend.annual.iter_rows(named=True)}
        before = a[cur]["net_before_refusion_dkk"] - a[base]["net_before_refusion_dkk"]
        assert view.ledger_change == pytest.approx(before, rel=1e-9)
        b = view.bridge
        assert view.ledger_change == pytest.approx((b.activity_current - b.activity_base) + b.unexplained_change)
        if filters.refund_basis == "efter":
            assert view.ledger_change + view.refund_change == pytest.approx(a[cur]["net_dkk"] - a[base]["net_dkk"],
                                                                            rel=1e-9)
            assert "Efter statsrefusion (sidebjælkens valg" in view.reconciliation
        else:
            assert view.refund_change is None and "Efter statsrefusion (sidebjælkens valg" not in view.reconciliation
        change = view.steps[-1].value - view.steps[0].value
        if scaled:   # the waterfall runs from ledger to ledger: Udgiftsudvikling's change before refunds
            assert change == pytest.approx(before, rel=1e-9)
        if case[0] == "fixed":
            assert change + view.pl_effect == pytest.approx(view.current_change, rel=1e-12)
            assert filters.price_label.lower() in view.headline
        else:
            assert view.pl_effect is None and "løbende priser" in view.headline


@pytest.mark.parametrize("case", CASES)
def test_overbliks_year_by_year_view_agrees_with_its_cards_and_its_net(views, case):
    """The year-by-year view of HÅP, citizens and unit price: the latest complete year's HÅP and unit price are
    the cards' figures, the ledger column is the net per year of the chosen basis and prices, and HÅP x unit
    price is the activity cost."""
    from present.formatting import fmt_dkk, fmt_persons
    _, overview, _ = views[case]
    vol = overview.volume
    assert vol is not None and vol["complete"].sum() >= 2
    row = vol.filter(pl.col("year") == overview.year).row(0, named=True)
    assert overview.kpis[2].value == fmt_persons(row["full_year_persons"])
    assert overview.kpis[3].value == fmt_dkk(row["unit_price_dkk"], unit="tkr")
    net = dict(overview.net.select("year", "net_dkk").iter_rows())
    assert [net.get(y) for y in vol["year"].to_list()] == vol["net_dkk"].to_list()
    full = vol.filter(pl.col("complete"))
    assert (full["full_year_persons"] * full["unit_price_dkk"]).to_list() == pytest.approx(full["cost_dkk"].to_list())
    assert vol.filter(~pl.col("complete"))["unit_price_dkk"].is_null().all()
    assert overview.volume_file_stem.endswith(f"_{case[1]}-refusion_{views[case][0].price_base.url_value}")


@pytest.mark.parametrize("prices", ["current", "fixed"])
def test_sammenlignings_own_ledger_line_is_udgiftsudviklings_per_inhabitant_on_both_bases(views, demo_db, prices):
    """Beside DST's figure (net before refunds), Sammenligning sets the own ledger per target inhabitant before and
    after state refunds: Udgiftsudvikling's per-inhabitant figure on each basis, the same year and prices."""
    import queries
    from analysis import benchmark as bm
    from dashboard.loaders import load_benchmark
    from present.comparison import comparison_table, comparison_view, sources
    from present.formatting import fmt_dkk

    f_after, _, tr_after = views[prices, "efter"]
    _, _, tr_before = views[prices, "foer"]
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        data = load_benchmark(lambda name, params=None: queries.run(con, name, params or {}), f_after.params,
                              f_after.area_code)
    finally:
        con.close()
    _, source = sources(data, f_after.kommune)
    prepared = comparison_table(data, f_after, source)
    year = tr_after.annual.filter(pl.col("complete"))["year"].max()
    members = bm.group_members(data.municipalities, "land", f_after.kommune)
    view = comparison_view(prepared, f_after, year, "land", "Hele landet", "pr-indbygger", members,
                           own_ledger=data.own_ledger)
    assert view.status == "ok" and view.basis_line is not None
    per = {b: dict(tr.annual.select("year", "net_per_inhabitant_dkk").iter_rows())[year]
           for b, tr in (("after", tr_after), ("before", tr_before))}
    assert f"samme grundlag giver {fmt_dkk(per['before'], unit='kr')}" in view.basis_line
    assert view.basis_line.endswith(fmt_dkk(per["after"], unit="kr"))
