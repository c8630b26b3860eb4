"""analysis/trends.py and analysis/forecast.py on hand-computed tables (the sentences: tests/test_present_trend.py)."""
from __future__ import annotations

import polars as pl
import pytest

from analysis.forecast import cumulative_shares, forecast_run_rate, forecast_seasonal, forecast_year, seasonal_profile
from analysis.prices import PriceBase, reinflate, to_price_base
from analysis.trends import (
    BudgetDeviation, actual_by_month, add_growth, annual_net, budget_only_years, classify_art,
    current_year_months, per_inhabitant, span_growth, split_long, split_table,
)
from present.trend import per_inhabitant_text

PROFILE = [8, 7, 8, 8, 8, 8, 6, 8, 8, 8, 9, 14]          # sums to 100: a December spike
MONTHLY_SCHEMA = {"year": pl.Int32, "month": pl.Int32, "amount_kind": pl.String, "dranst": pl.Int32,
                  "amount_dkk": pl.Float64}


def ledger(rows: list[tuple]) -> pl.DataFrame:
    """Rows (year, month, amount_kind, dranst, amount_dkk) in the shape of queries/trend_monthly.sql."""
    return pl.DataFrame(rows, schema=MONTHLY_SCHEMA, orient="row")


def actual_months(year: int, amounts: list[float]) -> list[tuple]:
    return [(year, m, "actual", 1, a) for m, a in enumerate(amounts, start=1)]


# --- forecast -----------------------------------------------------------------------------------------

def seasonal_series() -> pl.DataFrame:
    """2019: the profile in mio. kr. (total 100 mio.); 2020: 5 % higher (105 mio.); 2021 Jan-Jul: 10 % above 2020."""
    rows = actual_months(2019, [p * 1e6 for p in PROFILE]) + actual_months(2020, [p * 1.05e6 for p in PROFILE])
    rows += actual_months(2021, [p * 1.05e6 * 1.1 for p in PROFILE[:7]])
    return actual_by_month(ledger(rows))


def test_seasonal_forecast_of_a_year_exactly_ten_percent_higher():
    fc = forecast_year(seasonal_series(), 2021, "saeson")
    assert fc.method == "saeson" and not fc.fallback
    assert fc.profile_years == [2019, 2020] and fc.months_to_date == 7
    # Jan-Jul of the profile = 53 of 100 -> S(7) = 0.53; actual to date = 53 x 1.05 x 1.1 mio.
    assert fc.profile[7] == pytest.approx(0.53)
    assert fc.actual_to_date_dkk == pytest.approx(53 * 1.155e6)
    assert fc.forecast_dkk == pytest.approx(1.1 * 105e6)          # = 1.1 x the earlier year's total
    path = fc.cumulative_path()
    assert path[7] == pytest.approx(fc.actual_to_date_dkk) and path[12] == pytest.approx(fc.forecast_dkk)
    assert path[11] == pytest.approx(115.5e6 * 0.86)               # 86 % of the year posted by November


def test_seasonal_profile_is_the_unweighted_mean_of_cumulated_shares():
    rows = actual_months(2019, [10] * 12) + actual_months(2020, [0] * 6 + [20] * 6)
    df = actual_by_month(ledger(rows))
    shares = cumulative_shares(df).filter(pl.col("month") == 6)
    assert dict(zip(shares["year"].to_list(), shares["share"].to_list())) == {2019: 0.5, 2020: 0.0}
    profile = seasonal_profile(df, [2019, 2020])
    assert profile[6] == pytest.approx(0.25) and profile[12] == pytest.approx(1.0)
    assert forecast_seasonal(50.0, 6, profile) == pytest.approx(200.0)


def test_run_rate_forecast():
    assert forecast_run_rate(300.0, 10) == pytest.approx(360.0)
    fc = forecast_year(seasonal_series(), 2021, "lineaer")
    assert fc.method == "lineaer" and not fc.fallback
    assert fc.forecast_dkk == pytest.approx(53 * 1.155e6 / 7 * 12)
    assert fc.cumulative_path()[12] == pytest.approx(fc.forecast_dkk)
    with pytest.raises(ValueError):
        forecast_run_rate(1.0, 0)


def test_seasonal_falls_back_to_run_rate_without_earlier_complete_years():
    df = actual_by_month(ledger(actual_months(2026, [30.0] * 10)))
    fc = forecast_year(df, 2026, "saeson")
    assert fc.method == "lineaer" and fc.fallback and fc.forecast_dkk == pytest.approx(360.0)


def test_complete_year_is_its_own_forecast():
    fc = forecast_year(seasonal_series(), 2020, "saeson")
    assert fc.is_complete and fc.forecast_dkk == pytest.approx(105e6) and fc.cumulative_path() == {}


def test_forecast_scales_with_the_price_base():
    """A year's price factor scales all its months alike, so the forecast in fixed prices = factor x current."""
    index = {2019: 100.0, 2020: 104.0, 2021: 110.0}
    df = seasonal_series()
    fixed = to_price_base(df, ["amount_dkk"], index, PriceBase(2019))
    a = forecast_year(df, 2021, "saeson").forecast_dkk
    b = forecast_year(fixed, 2021, "saeson").forecast_dkk
    assert b == pytest.approx(a * 100.0 / 110.0)


# --- net per year, growth, per inhabitant ---------------------------------------------------------------

def three_years() -> pl.DataFrame:
    """2019 100, 2020 110, 2021 99 (actuals on dranst 1, with a refusion of -10 on dranst 2 in 2021 inside
    the 99), 2022 only Jan-Mar; corrected budget 2021 = 12 x 8 = 96."""
    rows = actual_months(2019, [100 / 12] * 12) + actual_months(2020, [110 / 12] * 12)
    rows += actual_months(2021, [109 / 12] * 12) + [(2021, 12, "actual", 2, -10.0)]
    rows += [(2021, m, "budget_corrected", 1, 8.0) for m in range(1, 13)]
    rows += actual_months(2022, [9.0] * 3)
    return ledger(rows)


def test_annual_net_and_growth():
    annual = add_growth(annual_net(three_years()))
    got = {r["year"]: r for r in annual.iter_rows(named=True)}
    assert got[2021]["net_dkk"] == pytest.approx(99) and got[2021]["net_before_refusion_dkk"] == pytest.approx(109)
    assert got[2021]["refusion_dkk"] == pytest.approx(-10) and got[2021]["budget_corrected_dkk"] == pytest.approx(96)
    assert got[2019]["budget_corrected_dkk"] is None                    # not loaded: null, never 0
    assert got[2020]["change_dkk"] == pytest.approx(10) and got[2020]["change_pct"] == pytest.approx(0.10)
    assert got[2021]["change_dkk"] == pytest.approx(-11) and got[2021]["change_pct"] == pytest.approx(-0.10)
    assert got[2019]["change_pct"] is None
    assert not got[2022]["complete"] and got[2022]["months"] == 3 and got[2022]["change_pct"] is None
    g = span_growth(annual)
    assert (g.first_year, g.last_year) == (2019, 2021)
    assert g.change_dkk == pytest.approx(-1) and g.change_pct == pytest.approx(-0.01)
    assert g.annual_pct == pytest.approx(0.99 ** 0.5 - 1)


def population(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"year": pl.Int32, "age_group": pl.String, "persons": pl.Int64}, orient="row")


def test_per_inhabitant_in_the_target_group():
    annual = annual_net(ledger(actual_months(2019, [1e6] * 12) + actual_months(2020, [1.1e6] * 12)
                               + actual_months(2021, [1e6] * 5)))
    pop = population([(2019, "18-64", 4800), (2019, "total", 9000), (2021, "18-64", 5000)])
    out = per_inhabitant(annual, pop, "18-64")
    got = {r["year"]: r for r in out.iter_rows(named=True)}
    assert got[2019]["net_per_inhabitant_dkk"] == pytest.approx(12e6 / 4800)     # 2.500 kr.
    assert got[2020]["persons"] is None and got[2020]["net_per_inhabitant_dkk"] is None   # population missing
    assert got[2021]["net_per_inhabitant_dkk"] is None                            # incomplete year
    assert per_inhabitant_text(got[2019]["net_per_inhabitant_dkk"]) == "2.500 kr."
    assert per_inhabitant_text(got[2020]["net_per_inhabitant_dkk"]) == "Ikke indlæst"
    assert per_inhabitant(annual, pop, "total").filter(pl.col("year") == 2019)["net_per_inhabitant_dkk"][0] == \
        pytest.approx(12e6 / 9000)


def test_per_inhabitant_deflate_then_reinflate_is_identity():
    index = {2019: 100.0, 2020: 103.5, 2021: 106.8}
    annual = annual_net(ledger(actual_months(2019, [1e6] * 12) + actual_months(2020, [1.1e6] * 12)))
    pop = population([(2019, "0-17", 1300), (2020, "0-17", 1310)])
    current = per_inhabitant(annual, pop, "0-17")
    fixed = per_inhabitant(to_price_base(annual, ["net_dkk"], index, PriceBase(2021)), pop, "0-17")
    back = reinflate(fixed, ["net_dkk", "net_per_inhabitant_dkk"], index, PriceBase(2021))
    assert back["net_per_inhabitant_dkk"].to_list() == pytest.approx(current["net_per_inhabitant_dkk"].to_list())
    assert fixed["net_per_inhabitant_dkk"][0] == pytest.approx(12e6 / 1300 * 106.8 / 100.0)


# --- splits ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("art, expected", [
    ("4.6", "koeb"), ("4.7", "koeb"), ("4.8", "koeb"), ("4,7", "koeb"), ("47", "koeb"), ("4.71", "koeb"),
    ("7.6", "salg"), ("7.7", "salg"), ("7.8", "salg"),
    ("4.0", "oevrige"), ("4.5", "oevrige"), ("4.9", "oevrige"), ("7.2", "oevrige"), ("7.9", "oevrige"),
    ("1.0", "oevrige"), ("2.9", "oevrige"), ("5.2", "oevrige"), ("8.6", "oevrige"), (None, "oevrige"), ("", "oevrige"),
])
def test_buy_sell_classification_of_arts(art, expected):
    assert classify_art(art) == expected


def test_split_by_art_class_sums_to_net_and_has_a_total_row():
    by_art = pl.DataFrame({"year": [2024, 2024, 2024, 2024, 2025, 2025],
                           "art": ["1.0", "4.7", "4.8", "7.7", "4.7", "7.7"],
                           "amount_dkk": [50.0, 30.0, 20.0, -10.0, 60.0, -15.0]})
    long = split_long("koeb_salg", by_art)
    got = {(r["year"], r["segment"]): r["net_dkk"] for r in long.iter_rows(named=True)}
    assert got == {(2024, "koeb"): 50.0, (2024, "salg"): -10.0, (2024, "oevrige"): 50.0,
                   (2025, "koeb"): 60.0, (2025, "salg"): -15.0}
    assert long["segment"].unique(maintain_order=True).to_list() == ["koeb", "salg", "oevrige"]
    wide = split_table(long, [2024, 2025], 2024, 2025)
    total = wide.filter(pl.col("segment") == "total").row(0, named=True)
    assert total["net_2024_dkk"] == 90.0 and total["net_2025_dkk"] == 45.0
    assert total["change_dkk"] == -45.0 and total["change_pct"] == pytest.approx(-0.5)
    koeb = wide.filter(pl.col("segment") == "koeb").row(0, named=True)
    assert koeb["change_pct"] == pytest.approx(0.2)
    assert wide.filter(pl.col("segment") == "salg")["change_pct"][0] is None     # negative base: no %


def test_split_by_dranst_is_before_and_after_refusion():
    long = split_long("dranst", three_years())
    y2021 = {r["segment"]: r["net_dkk"] for r in long.filter(pl.col("year") == 2021).iter_rows(named=True)}
    assert y2021["1"] == pytest.approx(109) and y2021["2"] == pytest.approx(-10)
    assert sum(y2021.values()) == pytest.approx(annual_net(three_years()).filter(pl.col("year") == 2021)["net_dkk"][0])


# --- current year and texts -----------------------------------------------------------------------------

def test_current_year_months_against_budget():
    rows = actual_months(2025, [10.0] * 12) + actual_months(2026, [12.0] * 4)
    rows += [(2026, m, "budget_corrected", 1, 11.0) for m in range(1, 13)]
    monthly = ledger(rows)
    fc = forecast_year(actual_by_month(monthly), 2026, "lineaer")
    months = current_year_months(monthly, fc)
    assert months["actual_cum_dkk"].to_list()[:5] == [12.0, 24.0, 36.0, 48.0, None]
    assert months["budget_corrected_cum_dkk"][11] == pytest.approx(132.0)
    assert months["spend_pct"][3] == pytest.approx(48 / 132)
    assert months["forecast_cum_dkk"].to_list()[:3] == [None, None, None]
    assert months["forecast_cum_dkk"][3] == pytest.approx(48.0) and months["forecast_cum_dkk"][11] == pytest.approx(144.0)
    assert months["budget_original_cum_dkk"].is_null().all()                   # not loaded: null, never 0
    dev = BudgetDeviation(fc.forecast_dkk, 132.0)
    assert dev.deviation_dkk == pytest.approx(12.0) and dev.deviation_pct == pytest.approx(12 / 132)


# --- a budget year without posted months (January) ------------------------------------------------------

@pytest.mark.parametrize("rows, expected", [
    # January 2027: 2026 in full, 2027 budgeted (dranst 1 and 2), nothing posted
    (actual_months(2026, [10.0] * 12)
     + [(2027, m, "budget_corrected", d, a) for m in range(1, 13) for d, a in ((1, 25.0), (2, -1.0))]
     + [(2027, m, "budget_original", 1, 20.0) for m in range(1, 13)],
     [(2027, 288.0, 240.0)]),
    # only the original budget loaded for the new year: the corrected one is missing, not 0
    (actual_months(2026, [10.0] * 12) + [(2027, 1, "budget_original", 1, 7.0)], [(2027, None, 7.0)]),
    # a year with a posted month is not budget-only; earlier budget-only years (gaps) are not either
    (actual_months(2026, [10.0]) + [(2026, 1, "budget_corrected", 1, 5.0), (2025, 1, "budget_corrected", 1, 5.0)], []),
    # dranst 3 (anlæg) is not part of net operating expenditure
    (actual_months(2026, [10.0]) + [(2027, 1, "budget_corrected", 3, 5.0)], []),
])
def test_budget_only_years(rows, expected):
    got = budget_only_years(ledger(rows))
    assert [tuple(r) for r in got.select("year", "budget_corrected_dkk", "budget_original_dkk").iter_rows()] == expected
