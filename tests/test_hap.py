"""Full-year persons: the Python definition (hand-computed table) and the SQL query held to it."""
from __future__ import annotations

import datetime as dt
import os

import duckdb
import pytest

import queries
from analysis.hap import full_year_persons, merged_days
from ingest.kinds.activity import daily_tariff
from ingest.importer import import_file
from tests.conftest import FIXTURES

D = dt.date
Y2023 = (D(2023, 1, 1), D(2023, 12, 31))
Y2024 = (D(2024, 1, 1), D(2024, 12, 31))

CASES = [
    # (intervals, period, expected days, expected HÅP)
    ([(D(2023, 1, 1), D(2023, 12, 31))], Y2023, 365, 1.0),
    ([(D(2022, 7, 1), D(2023, 1, 31))], Y2023, 31, 31 / 365),                 # clipped at the start
    ([(D(2023, 12, 1), D(2024, 3, 1))], Y2023, 31, 31 / 365),                 # clipped at the end
    ([(D(2023, 7, 1), None)], Y2023, 184, 184 / 365),                          # open end = ongoing
    ([(D(2024, 1, 1), None)], Y2024, 366, 1.0),                                # leap year
    ([(D(2024, 2, 1), D(2024, 2, 29))], Y2024, 29, 29 / 366),
    ([(D(2023, 1, 1), D(2023, 6, 30)), (D(2023, 4, 1), D(2023, 9, 30))], Y2023, 273, 273 / 365),   # overlap
    ([(D(2023, 1, 1), D(2023, 1, 31)), (D(2023, 2, 1), D(2023, 2, 28))], Y2023, 59, 59 / 365),     # adjacent
    ([(D(2023, 1, 1), D(2023, 1, 10)), (D(2023, 1, 5), D(2023, 1, 6))], Y2023, 10, 10 / 365),      # nested
    ([(D(2021, 1, 1), D(2021, 12, 31))], Y2023, 0, 0.0),                       # outside the period
    ([(D(2023, 3, 1), D(2023, 3, 1))], Y2023, 1, 1 / 365),                     # one day
]


@pytest.mark.parametrize("intervals, period, days, hap", CASES)
def test_full_year_persons_table(intervals, period, days, hap):
    assert merged_days(intervals, *period) == days
    assert full_year_persons(intervals, *period) == pytest.approx(hap, abs=1e-12)


@pytest.mark.parametrize("tariff, unit, hours, per_day", [
    (1000.0, "dag", None, 1000.0), (700.0, "uge", None, 100.0), (36_500.0, "maaned", None, 1200.0),
    (365_000.0, "aar", None, 1000.0), (450.0, "time", 14.0, 900.0),
])
def test_daily_tariff(tariff, unit, hours, per_day):
    assert daily_tariff(tariff, unit, hours) == pytest.approx(per_day)


def test_daily_tariff_rejects_bad_units():
    with pytest.raises(ValueError):
        daily_tariff(100, "time")
    with pytest.raises(ValueError):
        daily_tariff(100, "kvartal")


def test_sql_hap_matches_python_definition(db_path):
    import_file("activity", FIXTURES / "activity_standard.csv", db_path, kommunekode=999)
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        params = {"kommune": 999, "functions": ["5.38.50", "5.38.38", "5.38.52", "5.38.59"], "from_year": 2023, "to_year": 2024}
        by_fn = queries.run(con, "overview_hap_by_segment", {**params, "dimension": "function_code"})
        acts = con.sql("select function_code, start_date, end_date, citizen_key, tariff_dkk_per_day from activity").fetchall()
        data_date = con.sql("select data_date from activity_data_date").fetchall()[0][0]
    finally:
        con.close()
    for row in by_fn.iter_rows(named=True):
        year = row["year"]
        period = (D(year, 1, 1), min(D(year, 12, 31), data_date))
        citizens = {a[3] for a in acts if a[0] == row["segment"]}
        expected = sum(
            merged_days([(a[1], a[2]) for a in acts if a[0] == row["segment"] and a[3] == c], *period) for c in citizens
        ) / ((period[1] - period[0]).days + 1)
        assert row["full_year_persons"] == pytest.approx(expected, abs=1e-12), row
        cost = sum(a[4] * merged_days([(a[1], a[2])], *period) for a in acts if a[0] == row["segment"])
        assert row["cost_dkk"] == pytest.approx(cost), row
    # the § 108 measure is open-ended from 2023-01-01: one full person in 2023
    r2023 = by_fn.filter((by_fn["year"] == 2023) & (by_fn["segment"] == "5.38.50")).row(0, named=True)
    assert r2023["full_year_persons"] == pytest.approx(1.0)
    assert r2023["cost_dkk"] == pytest.approx(365 * 2000.0)


def test_sql_hap_merges_overlapping_measures_of_one_citizen(db_path, tmp_path):
    p = tmp_path / "overlap.csv"
    p.write_text("borger_id;funktion;startdato;slutdato;takst;takstenhed\n"
                 "A;5.38.50;01-01-2023;30-06-2023;100;dag\n"
                 "A;5.38.50;01-04-2023;30-09-2023;100;dag\n"
                 "B;5.38.50;01-01-2023;31-12-2023;100;dag\n", encoding="utf-8")
    import_file("activity", p, db_path, kommunekode=999)
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        df = queries.run(con, "overview_hap_by_segment", {"kommune": 999, "functions": ["5.38.50"], "from_year": 2023, "to_year": 2023,
                                                 "dimension": "function_code"})
    finally:
        con.close()
    row = df.row(0, named=True)
    assert row["full_year_persons"] == pytest.approx((273 + 365) / 365)
    assert row["measure_years"] == pytest.approx((181 + 183 + 365) / 365)
    assert row["citizens"] == 2
    assert row["cost_dkk"] == pytest.approx((181 + 183 + 365) * 100)


def test_year_table_is_the_month_table_summed(demo_db):
    """Distinct days add up over disjoint months, so in every segment dimension the yearly table equals the
    monthly one summed over the year's months (paragraphs are mapped once, in activity_month_segments, for both)."""
    con = queries.connect_read_only(os.path.realpath(demo_db))   # the app's configuration (one per process)
    try:
        rows = con.sql("""
            with m as (select dimension, kommunekode, function_code, segment, year, sum(person_days) as person_days,
                              sum(measure_days) as measure_days, sum(cost_dkk) as cost_dkk
                       from segment_person_month
                       where dimension in (select distinct dimension from segment_person_year)
                       group by all)
            select dimension, y.person_days, m.person_days, y.measure_days, m.measure_days, y.cost_dkk, m.cost_dkk
            from segment_person_year y full join m using (dimension, kommunekode, function_code, segment, year)
        """).fetchall()
    finally:
        con.close()
    assert {r[0] for r in rows} == {"function_code", "level", "paragraph", "provider_type", "provider", "offer_type",
                                    "measure", "age_group", "age_cut"}
    assert [r for r in rows if r[1] != r[2] or r[3] != r[4]] == []
    assert all(r[5] == pytest.approx(r[6], rel=1e-12) for r in rows)
    assert any(r[0] == "paragraph" and r[2] < r[4] for r in rows)      # some paragraph rows did merge measures


@pytest.mark.parametrize("intervals, period, days, hap", CASES)
def test_pandas_island_days_is_the_same_rule(intervals, period, days, hap):
    """bench's pandas oracle (bench.baselines.island_days) counts the hand-computed days too, on the periods
    clipped to the period as the SQL clips measures to months."""
    import pandas as pd

    from bench.baselines import island_days

    start, end = period
    clipped = [(max(s, start), min(e or end, end)) for s, e in intervals if s <= end and (e is None or e >= start)]
    x = pd.DataFrame({"citizen_key": ["A"] * len(clipped), "s": pd.to_datetime([c[0] for c in clipped]),
                      "e": pd.to_datetime([c[1] for c in clipped])})
    merged = island_days(x, ["citizen_key"]) if clipped else pd.DataFrame({"days": []})
    assert int(merged["days"].sum()) == days
