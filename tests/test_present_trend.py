"""present/trend.py: the Udgiftsudvikling page's sentences (hand-computed) and its view builder on the test demo."""
from __future__ import annotations

import polars as pl
import pytest

from analysis.forecast import forecast_year
from analysis.trends import add_growth, annual_net
from present.formatting import basis_prices
from present.trend import area_phrase, forecast_sentence, trend_sentence
from tests.test_trends import actual_months, ledger, seasonal_series


def test_trend_sentence_numbers_and_danish_format():
    annual = add_growth(annual_net(ledger(actual_months(2019, [186.3e6 / 12] * 12) +
                                          actual_months(2022, [209.2e6 / 12] * 12))))
    text = trend_sentence("Voksne med særlige behov (5.38)", annual, basis_prices("efter", "Faste 2022-priser"))
    assert text == ("Nettoudgiften til voksne med særlige behov (5.38) steg fra 186,3 mio. kr. i 2019 til "
                    "209,2 mio. kr. i 2022 (+12,3 %, i gennemsnit +3,9 % om året, efter statsrefusion, "
                    "faste 2022-priser).")
    assert area_phrase("5.38.50 Botilbud") == "5.38.50 Botilbud"


def test_forecast_sentence_merforbrug_and_missing_budget():
    fc = forecast_year(seasonal_series(), 2021, "saeson")                      # 115,5 mio. kr.
    text = forecast_sentence(fc, 111.3e6, basis_prices("foer", "Løbende priser"))
    assert text == ("Med den nuværende udvikling forventes et merforbrug på 4,2 mio. kr. (3,8 %) i 2021 i forhold til "
                    "korrigeret budget (sæsonprofil fra 2019-2020, regnskab til og med jul; før statsrefusion, "
                    "løbende priser).")
    under = forecast_sentence(fc, 120e6, "løbende priser")
    assert "mindreforbrug på 4,5 mio. kr. (3,8 %)" in under
    missing = forecast_sentence(fc, None, "løbende priser")
    assert "115,5 mio. kr." in missing and "ikke indlæst" in missing




# --- the view builder on the test demo ---------------------------------------------------------------

@pytest.fixture
def page(app):
    from tests.apptools import open_page

    return open_page(app, "dashboard/pages/trend.py")


def _data(demo_db, filters, split):
    import os

    import queries
    from dashboard.loaders import load_trends

    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        return load_trends(lambda name, params=None: queries.run(con, name, params or {}), filters.params, split)
    finally:
        con.close()


@pytest.mark.parametrize("split", ["funktion", "dranst", "koeb_salg", "gruppering"])
def test_view_splits_add_up_and_the_page_shows_the_view(page, demo_db, split):
    from present.trend import trend_view

    filters = page.session_state["_filters"]
    view = trend_view(_data(demo_db, filters, split), filters, "saeson", split)
    assert view.status == "ok"
    # every split's segments add up to the year's net expenditure, and so does the table's total row
    net = dict(zip(view.annual["year"].to_list(), view.annual["net_dkk"].to_list()))
    per_year = view.long.group_by("year").agg(pl.col("net_dkk").sum())
    for year, value in per_year.iter_rows():
        assert value == pytest.approx(net[year])
    total = view.split_table.filter(pl.col("segment") == "total").row(0, named=True)
    assert total["label"] == "I alt" and total[f"net_{view.years[0]}_dkk"] == pytest.approx(net[view.years[0]])
    # the forecast year's deviation is its forecast minus its corrected budget
    last = view.annual.row(-1, named=True)
    if view.deviation is not None and not view.forecast.is_complete:
        assert last["budget_deviation_dkk"] == pytest.approx(view.forecast.forecast_dkk - view.budget)
    if split == "funktion":   # the page (default split) shows the view's cards and sentences
        assert [(m.label, m.value) for m in page.metric] == [(k.label, k.value) for k in view.kpis]
        shown = [md.value for md in page.markdown]
        assert f"**{view.sentence}**" in shown and view.forecast_sentence in shown
