"""The budget model (analysis.budget_model) on caseloads worked out by hand: known end dates, exits, inflow,
turning 18, PL, level drift, named moves, the scenario's decomposition and the tariff model; the back-test on
the demo (its error is stated on the page and in bench/RESULTS.md, not held to a target here)."""
from __future__ import annotations

import math
from datetime import date

import polars as pl
import pytest

from analysis.budget_model import (Assumptions, Move, apply_level_drift, apply_move, back_test, drift_matrix, forecast,
                                   geometric_days, inflow_days, pl_series, scenario_segments, stays, tariff_change)
from analysis.decomposition import decompose

SCHEMA = {"citizen_key": pl.String, "function_code": pl.String, "offer_type": pl.String, "level": pl.String,
          "birth_year": pl.Int64, "start_date": pl.Date, "end_date": pl.Date, "tariff_dkk_per_day": pl.Float64}


def _measures(rows) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


def _cell(p, year: int, source: str | None = None, col: str = "days") -> float:
    seg = p.segments.filter(pl.col("year") == year)
    if source:
        seg = seg.filter(pl.col("source") == source)
    return seg[col].sum()


@pytest.mark.parametrize("q, k1, k2", [(1.0, 1, 365), (0.999, 1, 365), (0.99, 10, 40), (0.5, 3, 3), (0.9, 5, 4)])
def test_closed_forms_equal_the_sums_they_stand_for(q, k1, k2):
    assert geometric_days(q, k1, k2) == pytest.approx(sum(q ** k for k in range(k1, k2 + 1)))
    rate = 0.3
    by_day = sum(rate * sum(q ** (k - j) for j in range(1, k + 1)) for k in range(k1, k2 + 1))
    assert inflow_days(rate, q, k1, k2) == pytest.approx(by_day)


def test_pl_series_grows_after_the_loaded_index():
    series, assumed = pl_series({2026: 100.0, 2027: 103.0}, [2026, 2027, 2028, 2029], 2.0)
    assert series == {2026: 100.0, 2027: 103.0, 2028: pytest.approx(105.06), 2029: pytest.approx(107.1612)}
    assert assumed == (2028, 2029)
    series, assumed = pl_series({}, [2026, 2027], 5.0)
    assert series == {2026: 100.0, 2027: 105.0} and assumed == (2026, 2027)


def test_stays_join_regranted_measures_and_keep_the_last_tariff():
    m = _measures([
        ("a", "5.38.50", "Botilbud", "3", 1970, date(2024, 1, 1), date(2024, 12, 31), 1000.0),
        ("a", "5.38.50", "Botilbud", "4", 1970, date(2025, 1, 1), None, 1100.0),        # re-granted: same stay
        ("a", "5.38.38", "Støtte i eget hjem", "2", 1970, date(2023, 1, 1), date(2023, 6, 30), 300.0),
        ("b", "5.38.50", "Botilbud", "2", 1980, date(2024, 1, 1), date(2024, 3, 31), 900.0),
        ("b", "5.38.50", "Botilbud", "2", 1980, date(2024, 5, 1), date(2026, 3, 1), 950.0),   # a gap: a new stay
    ])
    s = stays(m, date(2025, 12, 31))
    assert s.height == 4
    a = s.filter((pl.col("citizen_key") == "a") & (pl.col("offer_type") == "Botilbud")).row(0, named=True)
    assert (a["start"], a["end"], a["level"], a["tariff_dkk_per_day"], a["first_level"], a["first_tariff"]) == \
        (date(2024, 1, 1), None, "4", 1100.0, "3", 1000.0)
    # the back-test does not know an end after its origin
    later = stays(m, date(2025, 12, 31), known_ends=False).filter(pl.col("citizen_key") == "b")
    assert later["end"].to_list() == [date(2024, 3, 31), None]


# A caseload worked out by hand. Origin 31-12-2026, a one-year window (2026), one budget year (2027).
# PL: 2026 = 100, 2027 = 103 -> factor 1,03.
#   c1 Botilbud level 3 since 2025, open, 1.000 kr./day. No stay ended in the window: q = 1, so c1 runs all 2027:
#      365 days, 365 x 1.000 x 1,03 = 375.950 kr.
#   c2 Botilbud level 3 from 01-03-2026 to a known end 31-03-2027, 2.000 kr./day: 90 days in 2027 (31+28+31),
#      180.000 x 1,03 = 185.400 kr.
#   Inflow: one new stay (c2) in the 365 days of the window -> r = 1/365 a day; with q = 1 the stays arriving in
#      2027 give r x (1 + 2 + ... + 365) = 365 x 366 / 2 / 365 = 183 days, at c2's first tariff 2.000 kr. on its
#      level 3: 183 x 2.000 x 1,03 = 376.980 kr.
#   2026 is actual: c1 365 days x 1.000 = 365.000 kr., c2 306 days (March-December) x 2.000 = 612.000 kr.
CASELOAD = _measures([
    ("c1", "5.38.50", "Botilbud", "3", 1970, date(2025, 1, 1), None, 1000.0),
    ("c2", "5.38.50", "Botilbud", "3", 1980, date(2026, 3, 1), date(2027, 3, 31), 2000.0),
])
PL = {2026: 100.0, 2027: 103.0}


def test_known_caseload_with_end_dates_and_inflow():
    p = forecast(CASELOAD, PL, Assumptions(origin=date(2026, 12, 31), horizon_years=1, window_years=1))
    assert p.pl_factors == {2026: 1.0, 2027: pytest.approx(1.03)}
    offers = p.rates.offers.row(0, named=True)
    assert (offers["exits"], offers["starts"], offers["exposure_days"], offers["exit_prob_day"]) == (0, 1, 365 + 306, 0.0)
    assert _cell(p, 2027, "stock") == 365 + 90
    assert _cell(p, 2027, "stock", "cost_dkk") == pytest.approx(375_950 + 185_400)
    assert _cell(p, 2027, "inflow") == pytest.approx(183)
    assert _cell(p, 2027, "inflow", "cost_dkk") == pytest.approx(376_980)
    assert _cell(p, 2026, "actual") == 365 + 306
    assert _cell(p, 2026, "actual", "cost_dkk") == pytest.approx(365_000 + 612_000)
    by_year = p.by_year()
    assert by_year.filter(pl.col("year") == 2027)["hap"][0] == pytest.approx((365 + 90 + 183) / 365)
    assert by_year.filter(pl.col("year") == 2027)["cost_dkk"][0] == pytest.approx(375_950 + 185_400 + 376_980)


def test_exits_shorten_an_open_stay():
    """Window 2026: 'open' runs 365 days, 'gone' 250 (1 January to 7 September) and ends: one exit in 615
    stay-days, h = 1/615, q = 614/615. The open stay is expected to run sum_{k=1..365} q^k days in 2027."""
    m = _measures([
        ("open", "5.38.50", "Botilbud", "3", 1970, date(2020, 1, 1), None, 1000.0),
        ("gone", "5.38.50", "Botilbud", "3", 1970, date(2020, 1, 1), date(2026, 9, 7), 1000.0),
    ])
    p = forecast(m, {}, Assumptions(origin=date(2026, 12, 31), horizon_years=1, window_years=1))
    q = 1 - 1 / 615
    assert p.rates.offers["exit_prob_day"][0] == pytest.approx(1 / 615)
    assert _cell(p, 2027, "stock") == pytest.approx(sum(q ** k for k in range(1, 366)))
    assert _cell(p, 2027, "inflow") == 0.0          # no stay started in the window
    assert p.rates.offers["exit_share_year"][0] == pytest.approx(1 - q ** 365)


def test_a_young_person_turning_18_leaves_the_childrens_area_and_some_go_on():
    """Children's and adults' areas both loaded. In the window (2026) two children's stays ended in the year the
    citizen turned 18; one of them went on to an adults' Botilbud level 2 at 1.500 kr. a day -> tau = 1/2. The
    adults' stay is a transition, not inflow. Citizen k (born 2009) is in a children's stay on the origin with no
    exits in its offer type (q = 1): it ends on 01-07-2027 (182 days in 2027: January-June 181 and 1 July), and
    1/2 goes on from 02-07-2027 (183 days) in Botilbud (q = 1: its only stay did not end) -> 91,5 days at 1.500 kr."""
    m = _measures([
        ("y1", "5.28.23", "Døgninstitution", "3", 2008, date(2025, 1, 1), date(2026, 6, 30), 2500.0),
        ("y1", "5.38.50", "Botilbud", "2", 2008, date(2026, 7, 1), None, 1500.0),
        ("y2", "5.28.23", "Døgninstitution", "3", 2008, date(2024, 1, 1), date(2026, 5, 31), 2500.0),
        ("k", "5.28.22", "Plejefamilie", "2", 2009, date(2020, 1, 1), None, 1000.0),
    ])
    p = forecast(m, {}, Assumptions(origin=date(2026, 12, 31), horizon_years=1, window_years=1))
    assert p.rates.turning_18_share == pytest.approx(0.5)
    assert p.rates.turning_18_cases == 2
    assert p.rates.offers.filter(pl.col("offer_type") == "Botilbud")["starts"][0] == 0
    assert p.segments.filter((pl.col("year") == 2027) & (pl.col("offer_type") == "Plejefamilie"))["days"].sum() == 182
    assert _cell(p, 2027, "turning_18") == pytest.approx(91.5)
    assert _cell(p, 2027, "turning_18", "cost_dkk") == pytest.approx(91.5 * 1500)
    # y1 stays in Botilbud all year (stock, q = 1)
    assert p.segments.filter((pl.col("year") == 2027) & (pl.col("source") == "stock")
                             & (pl.col("offer_type") == "Botilbud"))["days"].sum() == 365
    # with the adults' area alone nobody turns 18 in the model, and the adults' start is inflow
    adults = forecast(m.filter(pl.col("function_code").str.starts_with("5.38")), {},
                      Assumptions(origin=date(2026, 12, 31), horizon_years=1, window_years=1))
    assert adults.rates.turning_18_share is None
    assert adults.rates.offers["starts"][0] == 1


def test_drift_matrix_rows_sum_to_one():
    m = drift_matrix(0.1, 0.05, ["0", "1", "2", "3", "4"])
    assert all(sum(r) == pytest.approx(1.0) for r in m)
    assert m[0] == [0.9, 0.1, 0.0, 0.0, 0.0] and m[4] == [0.0, 0.0, 0.0, 0.05, 0.95]


def _seg(rows):
    from analysis.budget_model import PROJECTION_SCHEMA, _with_hap
    return _with_hap(pl.DataFrame(rows, schema=PROJECTION_SCHEMA, orient="row"))


def test_level_drift_moves_hap_up_at_the_new_levels_unit_cost():
    """2027 (one year after the origin's 2026): level 1 has 10 HÅP at 100.000 kr. each, level 2 5 HÅP at
    200.000 kr. each. 10 % up a year: 1 HÅP 1 -> 2 and 0,5 HÅP 2 -> 3. Level 1: 9 HÅP (-100.000 kr.),
    level 2: 5,5 HÅP (+100.000 kr.), level 3: 0,5 HÅP at the offer's mean unit cost (2.000.000 / 15)."""
    seg = _seg([(2027, "A", "1", "stock", 10 * 365.0, 1_000_000.0), (2027, "A", "2", "stock", 5 * 365.0, 1_000_000.0),
                (2026, "A", "1", "stock", 10 * 365.0, 1_000_000.0)])
    out = apply_level_drift(seg, 2026, 10.0, 0.0)
    drift = out.filter(pl.col("source") == "drift")
    assert drift["year"].unique().to_list() == [2027]          # the origin's year does not drift
    got = {r["level"]: (round(r["hap"], 9), round(r["cost_dkk"], 6)) for r in drift.iter_rows(named=True)}
    assert got == {"1": (-1.0, -100_000.0), "2": (0.5, 100_000.0), "3": (0.5, round(0.5 * 2_000_000 / 15, 6))}
    assert out["hap"].sum() == pytest.approx(seg["hap"].sum())       # drift moves HÅP, it adds none


def test_a_named_move_takes_citizens_from_one_offer_to_another():
    """4 citizens a year from A to B at 100 kr. a day: in 2027 (the first year after the origin) on average
    4 x 1/2 = 2 HÅP move, in 2028 4 x 3/2 = 6. A (10 HÅP, 1.000.000 kr. in 2027) loses 2 HÅP and 200.000 kr.;
    B gains 2 HÅP at 2 x 365 x 100 x 1,03 = 75.190 kr."""
    seg = _seg([(2027, "A", "2", "stock", 10 * 365.0, 1_000_000.0), (2028, "A", "2", "stock", 10 * 366.0, 1_000_000.0)])
    out = apply_move(seg, 2026, Move(4, "A", "B", 100.0), {2027: 1.03, 2028: 1.06})
    move = out.filter(pl.col("source") == "move")
    a27 = move.filter((pl.col("year") == 2027) & (pl.col("offer_type") == "A")).row(0, named=True)
    b27 = move.filter((pl.col("year") == 2027) & (pl.col("offer_type") == "B")).row(0, named=True)
    assert (a27["hap"], a27["cost_dkk"]) == (pytest.approx(-2.0), pytest.approx(-200_000.0))
    assert (b27["hap"], b27["cost_dkk"]) == (pytest.approx(2.0), pytest.approx(75_190.0))
    assert move.filter((pl.col("year") == 2028) & (pl.col("offer_type") == "B"))["hap"][0] == pytest.approx(6.0)


def test_the_scenario_difference_splits_into_effects_that_add_up():
    base = Assumptions(origin=date(2026, 12, 31), horizon_years=2, window_years=1)
    scen = Assumptions(origin=date(2026, 12, 31), horizon_years=2, window_years=1, inflow_change_pct=20.0,
                       price_above_pl_pct=3.0, level_up_pct=10.0)
    b, s = forecast(CASELOAD, PL, base), forecast(CASELOAD, PL, scen)
    assert scen.baseline() == base and not scen.is_baseline
    for year in (2027, 2028):
        d = decompose(scenario_segments(b, s, year))
        diff = s.by_year().filter(pl.col("year") == year)["cost_dkk"][0] - b.by_year().filter(pl.col("year") == year)["cost_dkk"][0]
        assert diff > 0
        assert d.total_change == pytest.approx(diff)
        assert sum(d.effects().values()) == pytest.approx(diff)
        assert d.volume > 0 and d.unit_price > 0     # more new stays, prices above PL


def test_tariff_change_by_level():
    """Botilbud on the origin: level 2 two citizens at 1.000 and 1.200 kr. a day, level 3 one at 2.000 (one
    level-2 stay ended before the origin and does not count). New tariff 1.500 for level 2 only:
    level 2 today (1.000 + 1.200) x 365 = 803.000, new 2 x 1.500 x 365 = 1.095.000, +292.000; level 3 unchanged."""
    m = _measures([
        ("a", "5.38.50", "Botilbud", "2", 1970, date(2024, 1, 1), None, 1000.0),
        ("b", "5.38.50", "Botilbud", "2", 1970, date(2025, 1, 1), date(2027, 6, 30), 1200.0),
        ("c", "5.38.50", "Botilbud", "3", 1970, date(2025, 1, 1), None, 2000.0),
        ("d", "5.38.50", "Botilbud", "2", 1970, date(2025, 1, 1), date(2026, 1, 31), 5000.0),
        ("e", "5.38.38", "Støtte i eget hjem", "2", 1970, date(2025, 1, 1), None, 300.0),
    ])
    t = tariff_change(m, date(2026, 6, 30), "Botilbud", {"2": 1500.0})
    rows = {r["level"]: r for r in t.iter_rows(named=True)}
    assert list(rows) == ["2", "3"]
    assert (rows["2"]["citizens"], rows["2"]["tariff_today"], rows["2"]["cost_today_dkk"], rows["2"]["cost_new_dkk"],
            rows["2"]["change_dkk"]) == (2, 1100.0, 803_000.0, 1_095_000.0, 292_000.0)
    assert (rows["3"]["tariff_new"], rows["3"]["change_dkk"]) == (2000.0, 0.0)


def test_back_test_on_the_demo(demo_db):
    """The back-test runs from every year with a full window, one year ahead at least once; its error is a
    number (stated on the page and in bench/RESULTS.md, not held to a target)."""
    import os

    import queries
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        m = queries.run(con, "prognose_measures", {"kommune": 999, "functions": ["5.28.21", "5.28.22", "5.28.23",
                                                                                "5.38.38", "5.38.50", "5.38.52"]})
        index = dict(queries.run(con, "sidebar_pl_index").select("year", "index_value").iter_rows())
        data_date = queries.run(con, "decomposition_data_date")["data_date"][0]
    finally:
        con.close()
    bt = back_test(m, index, data_date)
    assert bt.origins and bt.origins[-1] == data_date.year - 2
    one = bt.years.filter(pl.col("horizon") == 1)
    assert one.height == len(bt.origins)
    assert bt.mape_1y == pytest.approx(one["error_pct"].abs().mean())
    assert math.isfinite(bt.mape_1y) and bt.mape_1y >= 0
    # per offer type the forecasts add up to the year's
    sums = bt.segments.group_by("origin", "year").agg(pl.col("forecast_cost_dkk").sum()).sort("origin", "year")
    assert sums["forecast_cost_dkk"].to_list() == pytest.approx(bt.years.sort("origin", "year")["forecast_cost_dkk"].to_list())


def test_own_rates_replace_the_measured_ones():
    """The caseload above with the user's own rates for Botilbud: 50 % outflow a year (q = 0,5^(1/365)) and 73 new
    stays a year (r = 0,2 a day). c1 (open) is expected to run sum_{k=1..365} q^k days in 2027; c2's known end
    holds (90 days); the inflow runs sum_k 0,2 (1 - q^k) / (1 - q) days."""
    a = Assumptions(origin=date(2026, 12, 31), horizon_years=1, window_years=1,
                    rate_overrides=(("Botilbud", 0.5, 73.0), ("Ikke i data", 0.1, None)))
    p = forecast(CASELOAD, PL, a)
    q = 0.5 ** (1 / 365)
    assert _cell(p, 2027, "stock") == pytest.approx(sum(q ** k for k in range(1, 366)) + 90)
    assert _cell(p, 2027, "inflow") == pytest.approx(sum(0.2 * (1 - q ** k) / (1 - q) for k in range(1, 366)))
    assert a.baseline().rate_overrides == a.rate_overrides      # an assumption, not a scenario
    # the measured rates are still shown as measured
    assert p.rates.offers["exit_prob_day"][0] == 0.0


def _stays_by_windows(measures: pl.DataFrame, origin: date, known_ends: bool = True) -> pl.DataFrame:
    """stays() as first written, with a window per (citizen, offer type): the oracle of the one-pass version."""
    from datetime import timedelta

    from analysis.budget_model import _FAR, GAP_DAYS
    m = measures.filter(pl.col("start_date") <= origin)
    if not known_ends:
        m = m.with_columns(pl.when(pl.col("end_date") >= origin).then(None).otherwise(pl.col("end_date"))
                           .alias("end_date"))
    key = ["citizen_key", "offer_type"]
    m = (m.with_columns(pl.col("end_date").fill_null(_FAR).alias("_end")).sort(key + ["start_date", "_end"])
         .with_columns(pl.col("_end").cum_max().shift(1).over(key).alias("_prev_end")))
    m = m.with_columns((pl.col("_prev_end").is_null() | (pl.col("start_date") > pl.col("_prev_end")
                                                          + timedelta(days=GAP_DAYS))).cast(pl.Int32).cum_sum()
                       .over(key).alias("_stay"))
    return (m.group_by(key + ["_stay"])
            .agg(pl.col("start_date").min().alias("start"), pl.col("_end").max().alias("end"),
                 pl.col("level").last().alias("level"), pl.col("tariff_dkk_per_day").last(),
                 pl.col("function_code").last(), pl.col("level").first().alias("first_level"),
                 pl.col("tariff_dkk_per_day").first().alias("first_tariff"),
                 pl.col("birth_year").first().cast(pl.Int64))
            .with_columns(pl.when(pl.col("end") == _FAR).then(None).otherwise(pl.col("end")).alias("end"))
            .drop("_stay").sort(key + ["start"]))


@pytest.mark.parametrize("known_ends", [True, False])
def test_stays_in_one_pass_equal_stays_by_windows(known_ends):
    """400 random measures of 12 citizens in 3 offer types (a missing offer type among them), overlapping,
    adjacent, with gaps and open ends: the one-pass stays() gives the same stays as a window per pair, also
    from the same frame with its keys computed once (as the back-test runs it)."""
    import random
    from datetime import timedelta

    from analysis.budget_model import with_stay_key
    rng = random.Random(7)
    rows = []
    for _ in range(400):
        start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2000))
        end = None if rng.random() < 0.15 else start + timedelta(days=rng.randrange(0, 400))
        rows.append({"citizen_key": f"c{rng.randrange(12):02d}", "function_code": "5.38.45",
                     "offer_type": rng.choice(["Botilbud", "Dagtilbud", None]), "level": rng.choice("1234"),
                     "birth_year": 1990, "start_date": start, "end_date": end,
                     "tariff_dkk_per_day": float(rng.randrange(100, 3000))})
    measures = pl.DataFrame(rows)
    for origin in (date(2021, 12, 31), date(2024, 6, 30)):
        expected = _stays_by_windows(measures, origin, known_ends)
        assert expected.height > 50
        assert stays(measures, origin, known_ends).equals(expected)
        assert stays(with_stay_key(measures), origin, known_ends).equals(expected)


def test_pl_known_on_an_origin_is_the_index_to_it_and_its_last_growth():
    from analysis.budget_model import pl_known_on

    index = {2017: 100.0, 2018: 102.0, 2019: 104.04, 2020: 120.0}
    assert pl_known_on(index, 2019) == ({2017: 100.0, 2018: 102.0, 2019: 104.04}, pytest.approx(2.0))
    assert pl_known_on(index, 2017, 1.5) == ({2017: 100.0}, 1.5)          # no growth of 2017 loaded: the fallback
    assert pl_known_on({}, 2019, 2.5) == ({}, 2.5)


@pytest.mark.parametrize("as_of_origin, factor_2020", [(True, 1.02), (False, 120.0 / 104.04)])
def test_back_test_prices_as_known_on_each_origin(as_of_origin, factor_2020):
    """One open stay at 100 kr. a day that never ends (its offer type has no exits), so the forecast of a year is
    its days x 100 x the PL factor from the origin, and the actual its days x 100. From the end of 2019 the index
    then known grew 2 % in 2019; today's index says 2020 rose 15,3 %. The error is the factor less 1."""
    m = _measures([("a", "5.38.50", "A", "2", 1970, date(2015, 1, 1), None, 100.0),
                   ("b", "5.38.38", "B", "2", 1970, date(2015, 6, 1), date(2016, 1, 1), 50.0)])
    index = {2017: 100.0, 2018: 102.0, 2019: 104.04, 2020: 120.0, 2021: 121.0}
    bt = back_test(m, index, date(2022, 6, 30), pl_as_of_origin=as_of_origin)
    assert bt.origins == (2018, 2019, 2020) and bt.pl_as_of_origin is as_of_origin
    row = bt.years.filter((pl.col("origin") == 2019) & (pl.col("year") == 2020)).row(0, named=True)
    assert row["actual_cost_dkk"] == pytest.approx(366 * 100.0)
    assert row["forecast_cost_dkk"] == pytest.approx(366 * 100.0 * factor_2020)
    assert row["error_pct"] == pytest.approx((factor_2020 - 1) * 100)
    if as_of_origin:
        assert bt.pl_growth_by_origin[2019] == pytest.approx(2.0)
        assert bt.pl_growth_by_origin[2020] == pytest.approx((120.0 / 104.04 - 1) * 100)


def test_age_segment_follows_the_age_reached_in_the_year():
    from analysis.budget_model import age_expr, age_segment

    births = [None] + list(range(1920, 2027))
    df = pl.DataFrame({"birth_year": births}, schema={"birth_year": pl.Int64}).with_columns(age_expr(2026))
    assert df["age_group"].to_list() == [age_segment(b, 2026) for b in births]
    assert [age_segment(b, 2026) for b in (2009, 2008, 2004, 2003, 1962, 1961, None)] == \
        ["0-17", "18-22", "18-22", "23-64", "23-64", "65+", "ukendt"]


def test_the_forecast_by_age_group_ages_the_caseload():
    """A young person born 2009 in Botilbud since 2025 (no end) is 17 in 2026 and 18 in 2027: one HÅP in '0-17' in
    2026 and in '18-22' in 2027. The others (born 1970 and 1980) are 23-64; the window's one new stay started at
    46, so the inflow (183 days in 2027) goes to 23-64 too. By age and by level add up to the same year."""
    young = _measures([("y1", "5.38.50", "Botilbud", "3", 2009, date(2025, 1, 1), None, 1000.0)])
    p = forecast(pl.concat([CASELOAD, young]), PL, Assumptions(origin=date(2026, 12, 31), horizon_years=1,
                                                               window_years=1))
    assert p.rates.ages.rows() == [("Botilbud", "23-64", 1.0)]
    hap = {(y, g): h for y, _, g, h, _ in p.by_age().iter_rows()}
    assert hap == {(2026, "0-17"): pytest.approx(1.0), (2026, "23-64"): pytest.approx((365 + 306) / 365),
                   (2027, "18-22"): pytest.approx(1.0), (2027, "23-64"): pytest.approx((365 + 90 + 183) / 365)}
    for year in (2026, 2027):
        assert p.by_age().filter(pl.col("year") == year)["cost_dkk"].sum() == \
            pytest.approx(p.by_segment().filter(pl.col("year") == year)["cost_dkk"].sum())
