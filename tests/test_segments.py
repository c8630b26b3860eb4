"""Tests of analysis/segments.py: periods, segment building, the ledger bridge (scale to ledger) and the
waterfall invariant, with hand-computed expectations on small frames; and the decomposition queries on the
demo database. The words, tables and exports made from them: tests/test_present_decomposition.py."""
from __future__ import annotations

import itertools
import os
from datetime import date

import polars as pl
import pytest

import queries
from analysis import segments as sg
from analysis.decomposition import METHODS, decompose
from present import decomposition as pv
from present.formatting import parse_danish_number
from analysis.hap import full_year_persons
from i18n import t
from dashboard.loaders import load_decomposition

LEVEL = sg.DIMENSIONS["niveau"]
OFFER_LEVEL = sg.DIMENSIONS["tilbudstype-niveau"]


def rows(data: list[tuple]) -> pl.DataFrame:
    """(year, month, segment_value, person_days, cost_dkk) -> rows of decomposition_segments.sql."""
    return pl.DataFrame(data, schema={"year": pl.Int64, "month": pl.Int64, "segment_value": pl.String,
                                      "person_days": pl.Int64, "cost_dkk": pl.Float64}, orient="row")


def window(base=2022, cur=2023, months=12) -> sg.Window:
    return sg.Window(base, cur, months, date(2026, 11, 23))


# --- periods ------------------------------------------------------------------------------------

@pytest.mark.parametrize("year, data_date, expected", [
    (2025, date(2026, 11, 23), 12),
    (2026, date(2026, 11, 23), 10),   # november is not complete yet
    (2026, date(2026, 11, 30), 11),   # the data date is the last day of november
    (2026, date(2026, 1, 15), 0),
    (2024, date(2024, 2, 29), 2),     # leap day is the last day of february
    (2027, date(2026, 11, 23), 0),
])
def test_activity_complete_months(year, data_date, expected):
    assert sg.activity_complete_months(year, data_date) == expected


@pytest.mark.parametrize("months, expected", [
    (range(1, 13), 12), ([1, 2, 3, 5], 3), ([2, 3], 0), ([], None), ([1, 1, 2], 2),
])
def test_ledger_complete_months(months, expected):
    assert sg.ledger_complete_months(months) == expected


@pytest.mark.parametrize("year, months, days", [(2024, 2, 60), (2023, 2, 59), (2023, 12, 365), (2024, 12, 366),
                                                 (2026, 10, 304), (2025, 0, 0)])
def test_period_days(year, months, days):
    assert sg.period_days(year, months) == days


def ledger_rows(spec: dict[int, list[int]], amount: float = 10.0) -> pl.DataFrame:
    data = [(y, m, amount * (1 + (y % 10))) for y, months in spec.items() for m in months]
    return pl.DataFrame(data, schema={"year": pl.Int64, "month": pl.Int64, "amount_dkk": pl.Float64}, orient="row")


def test_comparison_window_cuts_both_years_to_the_same_months():
    # activity to 23 november 2026 -> 10 complete months; ledger booked to september -> 9
    w = sg.comparison_window(2022, 2026, date(2026, 11, 23), ledger_rows({2022: list(range(1, 13)), 2026: list(range(1, 10))}))
    assert (w.months, w.is_partial, w.limited_by()) == (9, True, "ledger")
    assert w.days(2022) == w.days(2026) == 273
    assert pv.months_text(w) == "jan.–sep. i begge år" and pv.months_text(w, both=False) == "jan.–sep."
    assert pv.period_text(w) == "2022 og 2026 (jan.–sep. i begge år)"
    # without a ledger the activity data decides
    w = sg.comparison_window(2022, 2026, date(2026, 11, 23), None)
    assert (w.months, w.limited_by()) == (10, "activity")
    # two whole years
    w = sg.comparison_window(2022, 2025, date(2026, 11, 23), ledger_rows({2022: list(range(1, 13)), 2025: list(range(1, 13))}))
    assert (w.months, w.is_partial, pv.period_text(w)) == (12, False, "2022 og 2025 (hele året)")
    # a year without ledger postings does not limit the months
    w = sg.comparison_window(2022, 2025, date(2026, 11, 23), ledger_rows({2025: list(range(1, 13))}))
    assert (w.months, w.ledger_months[2022]) == (12, None)


# --- segments -----------------------------------------------------------------------------------

def test_build_segments_sums_months_and_divides_by_days_in_the_period():
    # window jan-feb: 59 days in 2022 and in 2023; march is outside the window
    data = rows([
        (2022, 1, "3", 31, 3100.0), (2022, 2, "3", 28, 2800.0), (2022, 3, "3", 31, 9999.0),
        (2022, 1, "ikke_vurderet", 62, 12400.0),
        (2023, 1, "3", 62, 6200.0), (2023, 2, "0", 28, 5600.0),
    ])
    segs = pv.build_segments(data, window(2022, 2023, 2), LEVEL)
    got = {r["segment"]: r for r in segs.iter_rows(named=True)}
    assert segs["segment"].to_list() == ["0", "3", "ikke_vurderet"]          # level order, not alphabetical
    assert [got[k]["label"] for k in ("0", "3", "ikke_vurderet")] == ["0 Ingen", "3 Svært", "Ikke vurderet"]
    assert got["3"]["volume_base"] == pytest.approx(59 / 59)
    assert got["3"]["cost_base"] == pytest.approx(5900.0)
    assert got["3"]["volume_current"] == pytest.approx(62 / 59)
    assert got["3"]["cost_current"] == pytest.approx(6200.0)
    assert (got["ikke_vurderet"]["volume_base"], got["ikke_vurderet"]["volume_current"]) == (pytest.approx(62 / 59), 0.0)
    assert (got["0"]["volume_base"], got["0"]["cost_base"]) == (0.0, 0.0)    # new segment: 0 in the base period
    assert got["0"]["volume_current"] == pytest.approx(28 / 59)
    assert "group" not in segs.columns


def test_build_segments_two_level_has_groups_and_labels():
    data = rows([(2022, m, "Botilbud|3", 31, 100.0) for m in (1,)] + [(2022, 1, "Støtte i eget hjem|1", 31, 50.0),
                                                                       (2023, 1, "Botilbud|4", 31, 200.0)])
    segs = pv.build_segments(data, window(2022, 2023, 1), OFFER_LEVEL)
    assert segs.select("segment", "group", "segment_value", "group_label", "label").rows() == [
        ("Botilbud|3", "Botilbud", "3", "Botilbud", "3 Svært"),
        ("Botilbud|4", "Botilbud", "4", "Botilbud", "4 Fuldstændig"),
        ("Støtte i eget hjem|1", "Støtte i eget hjem", "1", "Støtte i eget hjem", "1 Let"),
    ]
    d = decompose(segs, "lmdi")
    assert d.mix_between is not None and d.mix_within is not None


def test_two_level_split_keeps_a_pipe_in_the_group_name():
    assert OFFER_LEVEL.split("Tilbud | særligt|ikke_vurderet") == ("Tilbud | særligt", "ikke_vurderet")
    assert LEVEL.split("3") == ("", "3")


def test_build_segments_refuses_equal_years():
    with pytest.raises(ValueError):
        pv.build_segments(rows([]), window(2022, 2022), LEVEL)


def test_provider_table():
    prov = pl.DataFrame(
        [(2022, 1, "3", "A", "egen", 31, 310.0), (2023, 1, "3", "A", "egen", 62, 930.0),
         (2023, 1, "3", "B", "privat", 31, 620.0), (2022, 1, "4", "C", "region", 31, 1.0)],
        schema={"year": pl.Int64, "month": pl.Int64, "segment_value": pl.String, "provider": pl.String,
                "provider_type": pl.String, "person_days": pl.Int64, "cost_dkk": pl.Float64}, orient="row")
    table = sg.provider_table(prov, window(2022, 2023, 1), "3")
    assert table["provider"].to_list() == ["A", "B"]                        # largest comparison cost first
    a, b = table.row(0, named=True), table.row(1, named=True)
    assert (a["volume_base"], a["volume_current"], a["unit_price_base"], a["unit_price_current"]) == \
        (pytest.approx(1.0), pytest.approx(2.0), pytest.approx(310.0), pytest.approx(465.0))
    assert (b["volume_base"], b["unit_price_base"], b["provider_type"]) == (0.0, None, "privat")


# --- scale to ledger ----------------------------------------------------------------------------

def test_ledger_bridge_arithmetic():
    bridge = sg.LedgerBridge(activity_base=100.0, activity_current=130.0, ledger_base=125.0, ledger_current=170.0)
    assert bridge.available
    assert bridge.coverage_base == pytest.approx(0.8)
    assert bridge.coverage_current == pytest.approx(130 / 170)
    assert (bridge.unexplained_base, bridge.unexplained_current) == (25.0, 40.0)
    assert bridge.unexplained_change == pytest.approx(15.0)                 # (170 - 130) - (125 - 100)
    segs = pl.DataFrame({"segment": ["a", "b"], "cost_base": [60.0, 40.0], "cost_current": [100.0, 30.0]})
    shares = bridge.ledger_shares(segs)
    assert shares["ledger_cost_base"].to_list() == pytest.approx([75.0, 50.0])      # 60/100*125, 40/100*125
    assert shares["ledger_cost_current"].to_list() == pytest.approx([100 / 130 * 170, 30 / 130 * 170])
    assert shares["ledger_cost_current"].sum() == pytest.approx(170.0)


def test_ledger_bridge_from_rows_uses_the_window_months():
    led = pl.DataFrame([(2022, m, 10.0) for m in range(1, 13)] + [(2023, m, 12.0) for m in range(1, 13)],
                       schema={"year": pl.Int64, "month": pl.Int64, "amount_dkk": pl.Float64}, orient="row")
    bridge = sg.ledger_bridge(led, window(2022, 2023, 6), 50.0, 60.0)
    assert (bridge.ledger_base, bridge.ledger_current) == (60.0, 72.0)
    assert bridge.coverage_base == pytest.approx(50 / 60)
    missing = sg.ledger_bridge(led.filter(pl.col("year") == 2022), window(2022, 2023, 6), 50.0, 60.0)
    assert missing.ledger_current is None and not missing.available and missing.unexplained_change is None
    assert missing.coverage_current is None


# --- the waterfall invariant --------------------------------------------------------------------

CASES = {
    "regular": rows([(2022, 1, "1", 310, 31_000.0), (2022, 1, "3", 155, 46_500.0),
                     (2023, 1, "1", 279, 31_000.0), (2023, 1, "3", 217, 70_000.0)]),
    "new_and_ended": rows([(2022, 1, "1", 310, 31_000.0), (2022, 1, "2", 31, 9_000.0),
                           (2023, 1, "1", 341, 36_000.0), (2023, 1, "4", 62, 30_000.0)]),
    "one_segment": rows([(2022, 1, "2", 31, 1000.0), (2023, 1, "2", 62, 2500.0)]),
}


@pytest.mark.parametrize("case, method, index, scaled",
                         list(itertools.product(CASES, METHODS, [None, (100.0, 104.0)], [False, True])))
def test_steps_add_up_to_the_end_bar(case, method, index, scaled):
    w = window(2022, 2023, 1)
    segs = pv.build_segments(CASES[case], w, LEVEL)
    d = decompose(segs, method, index)
    c0, c1 = segs["cost_base"].sum(), segs["cost_current"].sum()
    bridge = sg.ledger_bridge(pl.DataFrame({"year": [2022, 2023], "month": [1, 1], "amount_dkk": [c0 * 1.3, c1 * 1.2]}),
                              w, c0, c1)
    steps = pv.waterfall_steps(d, LEVEL, w, bridge, scaled)
    start, end = steps[0], steps[-1]
    effects = [s for s in steps[1:-1]]
    assert start.measure == "absolute" and end.measure == "total" and all(s.measure == "relative" for s in effects)
    assert start.value + sum(s.value for s in effects) == pytest.approx(end.value, rel=1e-12, abs=1e-6)
    # effects + unallocated (+ the ledger difference when scaled) = comparison minus base shown
    expected = (c1 * 1.2 - c0 * 1.3) if scaled else (c1 - c0)
    assert end.value - start.value == pytest.approx(expected)
    keys = [s.key for s in effects]
    assert "unallocated" in keys and ("unexplained" in keys) == scaled
    assert ("residual" in keys) == (method == "laspeyres")
    assert (("inflation" in keys) and ("real_price" in keys)) == (index is not None)
    if scaled:
        unexplained = next(s for s in effects if s.key == "unexplained")
        assert unexplained.value == pytest.approx((c1 * 1.2 - c1) - (c0 * 1.3 - c0))
        assert start.label == "Regnskab 2022" and end.label == "Regnskab 2023"
    else:
        assert start.label == "Udgift 2022" and end.label == "Udgift 2023"


def test_scaling_without_ledger_is_refused():
    w = window(2022, 2023, 1)
    segs = pv.build_segments(CASES["regular"], w, LEVEL)
    bridge = sg.LedgerBridge(1.0, 2.0, None, 3.0)
    with pytest.raises(ValueError):
        pv.waterfall_steps(decompose(segs, "lmdi"), LEVEL, w, bridge, scaled=True)


# --- queries on the demo database ---------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_con(demo_db):
    # the app's configuration: one process may not open a file with two configurations
    con = queries.connect_read_only(os.path.realpath(demo_db))
    yield con
    con.close()


def _q(con):
    return lambda name, params=None: queries.run(con, name, params or {})


ADULTS = {"kommune": 999, "functions": ["5.38.38", "5.38.42", "5.38.50", "5.38.52", "5.38.58", "5.38.59"],
          "from_year": 2022, "to_year": 2025}


@pytest.mark.parametrize("key", list(sg.DIMENSIONS))
def test_every_dimension_runs_and_the_segments_add_up_to_the_activity_cost(demo_con, key):
    data = load_decomposition(_q(demo_con), ADULTS, key)
    w = sg.comparison_window(2022, 2025, data.data_date, data.ledger)
    segs = pv.build_segments(data.segments, w, sg.DIMENSIONS[key])
    # the activity-based cost does not depend on the split (unlike HÅP, merged within a segment)
    total = demo_con.sql("select sum(cost_dkk) from activity_year where kommunekode = 999 and year = 2025 "
                         "and function_code like '5.38.%'").fetchall()[0][0]
    assert segs["cost_current"].sum() == pytest.approx(total, rel=1e-9)
    assert segs.height > 1 and segs["segment"].is_unique().all()
    providers = data.providers.filter(pl.col("year") == 2025)["cost_dkk"].sum()
    assert providers == pytest.approx(total, rel=1e-9)


def test_paragraphs_are_mapped_to_barnets_lov(demo_con):
    children = {"kommune": 999, "functions": ["5.28.20", "5.28.21", "5.28.22", "5.28.23"],
                "from_year": 2022, "to_year": 2025}
    data = load_decomposition(_q(demo_con), children, "paragraf")
    values = set(data.segments["segment_value"].to_list())
    assert values and all(v.startswith("BL §") for v in values), values   # SEL § 52 etc. mapped for 2022 too


def test_level_hap_matches_the_reference_definition(demo_con):
    """HÅP of one level on one function in 2025 against analysis.hap (merged days per citizen / 365)."""
    one = ADULTS | {"functions": ["5.38.50"]}
    data = load_decomposition(_q(demo_con), one, "niveau")
    w = sg.comparison_window(2022, 2025, data.data_date, data.ledger)
    segs = pv.build_segments(data.segments, w, LEVEL)
    got = segs.filter(pl.col("segment") == "3")["volume_current"][0]
    measures = demo_con.sql("select citizen_key, start_date, end_date from activity where kommunekode = 999 "
                            "and function_code = '5.38.50' and level = '3'").fetchall()
    by_citizen: dict[str, list] = {}
    for citizen, start, end in measures:
        by_citizen.setdefault(citizen, []).append((start, end))
    expected = sum(full_year_persons(iv, date(2025, 1, 1), date(2025, 12, 31)) for iv in by_citizen.values())
    assert got == pytest.approx(expected)


def test_partial_comparison_year_on_the_demo_data(demo_con):
    data = load_decomposition(_q(demo_con), ADULTS, "niveau", 2022, 2026)
    w = sg.comparison_window(2022, 2026, data.data_date, data.ledger)
    last_ledger = data.ledger.filter(pl.col("year") == 2026)["month"].max()
    expected = min(sg.activity_complete_months(2026, data.data_date), last_ledger)
    assert w.months == expected and w.is_partial
    assert parse_danish_number("1.234,5") == 1234.5   # the formatting helpers the page relies on
    assert t("decomp.partial_notice", years="2026", date="x", ledger="", months=pv.months_text(w)).endswith(pv.months_text(w))


@pytest.mark.parametrize("years, data_date, expected", [
    ([2019, 2026, 2027], date(2027, 1, 1), 2026),      # New Year's Day: no complete month in 2027
    ([2019, 2026, 2027], date(2027, 1, 31), 2027),     # January is complete on its last day
    ([2027, 2028], date(2028, 2, 29), 2028),
    ([2027], date(2027, 1, 15), None),
    ([2019, 2020], date(2027, 1, 15), 2020),
])
def test_latest_comparable_year(years, data_date, expected):
    assert sg.latest_comparable_year(years, data_date) == expected
