"""Overview figures: net per year from ledger rows, growth and coverage (the headline sentence:
tests/test_present_overview.py)."""
from __future__ import annotations

import polars as pl
import pytest

from analysis.overview import coverage, net_by_year
from analysis.trends import add_growth

LEDGER = pl.DataFrame({
    "year":        [2021, 2021, 2021, 2022, 2022, 2022, 2023],
    "amount_kind": ["actual", "actual", "budget_corrected", "actual", "actual", "budget_corrected", "actual"],
    "dranst":      [1, 2, 1, 1, 2, 1, 1],
    "amount_dkk":  [200e6, -10e6, 195e6, 230e6, -12e6, 215e6, 100e6],
    "months":      [12, 12, 12, 12, 12, 12, 6],
})


def test_net_by_year_before_and_after_refusion():
    after = net_by_year(LEDGER)
    assert after["net_dkk"].to_list() == [190e6, 218e6, 100e6]
    assert after["budget_dkk"].to_list() == [195e6, 215e6, None]    # budget not loaded -> null, never 0
    assert after["complete"].to_list() == [True, True, False]
    before = net_by_year(LEDGER, dransts=(1,))
    assert before["net_dkk"].to_list() == [200e6, 230e6, 100e6]


def test_growth_never_compares_an_incomplete_year():
    g = add_growth(net_by_year(LEDGER))
    assert g["change_dkk"].to_list() == [None, 28e6, None]     # 2023 has 6 months: no change against 2022
    assert g["change_pct"].to_list()[2] is None
    assert g["change_pct"].to_list()[1] == pytest.approx(218 / 190 - 1)


def test_coverage_share_and_missing_sides():
    ledger_fy = pl.DataFrame({"function_code": ["5.38.50", "5.38.50", "5.38.52"], "year": [2022, 2023, 2022],
                              "amount_dkk": [100.0, 0.0, 50.0]})
    activity_fy = pl.DataFrame({"function_code": ["5.38.50", "5.38.59"], "year": [2022, 2022], "cost_dkk": [85.0, 10.0]})
    c = coverage(ledger_fy, activity_fy)
    got = {(r["function_code"], r["year"]): r["coverage"] for r in c.iter_rows(named=True)}
    assert got == {("5.38.50", 2022): 0.85, ("5.38.50", 2023): None, ("5.38.52", 2022): 0.0, ("5.38.59", 2022): None}


def test_volume_by_year_gives_unit_price_and_index_only_for_complete_years():
    """Hand-computed: 2021 10 HÅP, 12 citizens, 5 mio. kr.; 2022 8 HÅP, 9 citizens, 4,8 mio. kr. (fewer
    citizens, higher prices); 2023 incomplete."""
    from analysis.overview import volume_by_year
    hap = pl.DataFrame({"year": [2021, 2022, 2023], "full_year_persons": [10.0, 8.0, 7.5],
                        "cost_dkk": [5e6, 4.8e6, 3e6], "is_partial_year": [False, False, True]})
    citizens = pl.DataFrame({"year": [2021, 2022, 2023], "citizens": [12, 9, 8]})
    v = volume_by_year(hap, citizens)
    assert v["unit_price_dkk"].to_list() == [500_000.0, 600_000.0, None]
    assert v["full_year_persons_index"].to_list() == [100.0, 80.0, None]
    assert v["citizens_index"].to_list() == [100.0, 75.0, None]
    assert v["unit_price_dkk_index"].to_list() == [100.0, pytest.approx(120.0), None]
    assert v["complete"].to_list() == [True, True, False]
    # the cost is HÅP x unit price in every complete year
    full = v.filter(pl.col("complete"))
    assert (full["full_year_persons"] * full["unit_price_dkk"]).to_list() == pytest.approx(full["cost_dkk"].to_list())


def test_volume_by_segment_year_and_the_change_per_segment():
    """Hand-computed, two levels over 2021-2023 (2023 incomplete): level 2 10 -> 8 HÅP at 500 -> 600 t.kr.;
    level 3 is new in 2022 (4 HÅP, 2 mio. kr.)."""
    from analysis.overview import segment_changes, volume_by_segment_year
    rows = pl.DataFrame({
        "year": [2021, 2022, 2022, 2023, 2023], "segment": ["2", "2", "3", "2", "3"],
        "full_year_persons": [10.0, 8.0, 4.0, 7.0, 5.0], "citizens": [12, 9, 5, 8, 6],
        "cost_dkk": [5e6, 4.8e6, 2e6, 3e6, 2e6], "is_partial_year": [False, False, False, True, True]})
    by_year = volume_by_segment_year(rows)
    assert by_year["unit_price_dkk"].to_list() == [500_000.0, 600_000.0, None, 500_000.0, None]
    assert by_year["segment"].to_list() == ["2", "2", "2", "3", "3"]
    changes = segment_changes(by_year)
    assert changes["first_year"].unique().to_list() == [2021] and changes["last_year"].unique().to_list() == [2022]
    two = changes.filter(pl.col("segment") == "2").row(0, named=True)
    assert two["full_year_persons_change"] == pytest.approx(-0.2)
    assert two["citizens_change"] == pytest.approx(-0.25)
    assert two["unit_price_dkk_change"] == pytest.approx(0.2)
    three = changes.filter(pl.col("segment") == "3").row(0, named=True)
    # absent in the first year: 0 HÅP there, no rate of change, no unit price
    assert three["full_year_persons_first"] == 0.0 and three["full_year_persons_change"] is None
    assert three["unit_price_dkk_first"] is None and three["unit_price_dkk_change"] is None
    # largest cost in the last year first
    assert changes["segment"].to_list() == ["2", "3"]
    # the segments' cost in each year adds up to the rows' cost that year
    assert changes["cost_dkk_last"].sum() == pytest.approx(rows.filter(pl.col("year") == 2022)["cost_dkk"].sum())


def test_segment_changes_needs_two_complete_years():
    from analysis.overview import segment_changes, volume_by_segment_year
    rows = pl.DataFrame({"year": [2022, 2023], "segment": ["2", "2"], "full_year_persons": [1.0, 1.0],
                         "citizens": [1, 1], "cost_dkk": [1.0, 1.0], "is_partial_year": [False, True]})
    assert segment_changes(volume_by_segment_year(rows)).is_empty()
