"""Cost drivers: the drivers_* questions on a hand-made activity export (tests/fixtures/activity_drivers.csv,
run through the real importer) and the pure functions of analysis.drivers, with answers computed by hand.

The fixture (data date 31-12-2025; all tariffs per day; 2024 has 366 days):
  A  case F1  Botilbud level 3, Bo Nord (privat)   1.000/day  2024-01-01..2025-12-31
  B  case F1  Botilbud level 3, Bo Syd (region)    3.000/day  2024-01-01..2024-12-31   (left in 2025)
  C  case F3  Botilbud level 3, Bo Nord (privat)   1.500/day  2025-01-01..open         (new in 2025)
  D  case F4  Støtte i eget hjem level 1, Egen støtte 100/day 2024-07-01..2025-06-30
     case F4  Støtte i eget hjem level 2, Egen støtte 200/day 2025-07-01..2025-12-31   (level 1 -> 2)
  E  no case  Støtte i eget hjem level 1, Egen støtte 150/day 2024-01-01..2025-12-31
"""
from __future__ import annotations

import datetime as dt
import re
import os

import duckdb
import polars as pl
import pytest

import queries
from domain.codes import AGE_BANDS
from analysis import drivers
from ingest.importer import import_file
from tests.conftest import activity_fixture_db

FUNCTIONS = ["5.38.38", "5.38.50", "5.38.52"]
PARAMS = {"kommune": 999, "functions": FUNCTIONS, "from_year": 2024, "to_year": 2025, "year": 2025,
          "ages": list(AGE_BANDS)}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = activity_fixture_db(tmp_path_factory, "activity_drivers.csv")
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def citizen_year(con) -> pl.DataFrame:
    return queries.run(con, "drivers_citizen_year", PARAMS)


def _by_cost(frame: pl.DataFrame, year: int) -> list[float]:
    return sorted(frame.filter(pl.col("year") == year)["cost_dkk"].to_list())


# --- the questions -----------------------------------------------------------------------------------

def test_citizen_year_costs_and_main_level(citizen_year):
    assert _by_cost(citizen_year, 2024) == [18_400, 54_900, 366_000, 1_098_000]
    assert _by_cost(citizen_year, 2025) == [54_750, 54_900, 365_000, 547_500]
    d_2025 = citizen_year.filter((pl.col("year") == 2025) & (pl.col("measures") == 2)).row(0, named=True)
    assert d_2025["levels"] == ["1", "2"] and d_2025["main_level"] == "2"      # 184 days at 2 against 181 at 1
    assert d_2025["measure_days"] == 365 and d_2025["cost_dkk"] == 18_100 + 36_800
    assert citizen_year.filter(pl.col("cost_dkk") == 54_900, pl.col("year") == 2024)["case_ids"].to_list() == [[]]
    assert not any("-" in key for key in citizen_year["citizen_key"].to_list())


def test_case_year_groups_a_family(con):
    cases = queries.run(con, "drivers_case_year", PARAMS).sort("year", "case_id")
    assert cases.select("year", "case_id", "citizens", "cost_dkk").rows() == [
        (2024, "F1", 2, 1_464_000.0), (2024, "F4", 1, 18_400.0),
        (2025, "F1", 1, 365_000.0), (2025, "F3", 1, 547_500.0), (2025, "F4", 1, 54_900.0)]


def test_price_need_medians_per_offer_type_and_level(con):
    rows = queries.run(con, "drivers_price_need", PARAMS).sort("offer_type", "level", "tariff_dkk_per_day")
    assert rows.select("offer_type", "level", "tariff_dkk_per_day", "days", "median_dkk_per_day", "peers").rows() == [
        ("Botilbud", "3", 1000.0, 365, 1250.0, 2), ("Botilbud", "3", 1500.0, 365, 1250.0, 2),
        ("Støtte i eget hjem", "1", 100.0, 181, 125.0, 2), ("Støtte i eget hjem", "1", 150.0, 365, 125.0, 2),
        ("Støtte i eget hjem", "2", 200.0, 184, 200.0, 1)]


def test_flow_month(con):
    flow = queries.run(con, "drivers_flow_month", PARAMS).sort("year", "month")
    assert flow.select("year", "month", "started_measures", "ended_measures", "ended_duration_days").rows() == [
        (2024, 1, 3, 0, 0), (2024, 7, 1, 0, 0), (2024, 12, 0, 1, 366),
        (2025, 1, 1, 0, 0), (2025, 6, 0, 1, 365), (2025, 7, 1, 0, 0), (2025, 12, 0, 3, 731 + 731 + 184)]


def test_provider_price_year(con):
    prices = queries.run(con, "drivers_provider_price_year", PARAMS).sort("provider", "year")
    assert prices.select("provider", "year", "measure_days", "cost_dkk").rows() == [
        ("Bo Nord", 2024, 366, 366_000.0), ("Bo Nord", 2025, 730, 912_500.0), ("Bo Syd", 2024, 366, 1_098_000.0),
        ("Egen støtte", 2024, 550, 73_300.0), ("Egen støtte", 2025, 730, 109_650.0)]
    assert prices.filter(pl.col("provider") == "Bo Nord", pl.col("year") == 2025)["dkk_per_day"][0] == 1250.0


# --- the numbers -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("citizens", "share", "expected"),
                         [(0, 0.01, 0), (1, 0.01, 1), (50, 0.01, 1), (100, 0.01, 1), (101, 0.01, 2),
                          (100, 0.05, 5), (4, 0.20, 1), (10, 0.20, 2), (11, 0.20, 3)])
def test_top_count(citizens, share, expected):
    assert drivers.top_count(citizens, share) == expected


def test_concentration_and_growth(citizen_year):
    conc = drivers.concentration(citizen_year)
    y24 = conc.filter(pl.col("year") == 2024)
    assert y24["top_citizens"].to_list() == [1, 1, 1]
    assert y24["top_cost_dkk"].to_list() == [1_098_000.0] * 3
    assert y24["cost_share"][0] == pytest.approx(1_098_000 / 1_537_300)
    growth = drivers.growth_concentration(conc, 2024, 2025)
    assert growth["total_change_dkk"].to_list() == [1_022_150.0 - 1_537_300.0] * 3
    assert growth["top_change_dkk"][0] == 547_500.0 - 1_098_000.0
    assert growth["growth_share"][0] == pytest.approx((547_500 - 1_098_000) / (1_022_150 - 1_537_300))


def test_growth_share_is_none_without_change():
    same = pl.DataFrame({"year": [2024, 2025], "citizen_key": ["a", "a"], "cost_dkk": [5.0, 5.0]})
    growth = drivers.growth_concentration(drivers.concentration(same), 2024, 2025)
    assert growth["growth_share"].to_list() == [None, None, None]


@pytest.mark.parametrize(("costs", "expected"), [([1, 1, 1, 1], 0.0), ([0, 0, 0, 4], 0.75), ([1, 3], 0.25)])
def test_gini(costs, expected):
    assert drivers.gini(costs) == pytest.approx(expected)


def test_lorenz_curve_runs_from_0_to_1_and_never_above_the_diagonal():
    curve = drivers.lorenz_curve([5.0, 1.0, 4.0])
    assert curve.rows() == [(0.0, 0.0), (pytest.approx(1 / 3), 0.1), (pytest.approx(2 / 3), 0.5), (1.0, 1.0)]
    assert all(y <= x + 1e-12 for x, y in curve.rows())
    assert drivers.gini([]) is None


def test_threshold_counts(citizen_year):
    counts = drivers.threshold_counts(citizen_year)
    assert counts.rows() == [(2024, 1_000_000, 1, 1_098_000.0), (2024, 2_000_000, 0, 0.0), (2024, 5_000_000, 0, 0.0),
                             (2025, 1_000_000, 0, 0.0), (2025, 2_000_000, 0, 0.0), (2025, 5_000_000, 0, 0.0)]


def test_citizen_flow_adds_up(citizen_year):
    flow = drivers.citizen_flow(citizen_year, 2024, 2025)
    assert (flow.new_citizens, flow.left_citizens, flow.continuing_citizens) == (1, 1, 3)
    assert (flow.new_cost_dkk, flow.left_cost_dkk) == (547_500.0, 1_098_000.0)
    assert flow.continuing_change_dkk == (365_000 - 366_000) + (54_900 - 18_400) + (54_750 - 54_900)
    assert flow.new_cost_dkk - flow.left_cost_dkk + flow.continuing_change_dkk == pytest.approx(flow.total_change_dkk)
    assert flow.total_change_dkk == 1_022_150.0 - 1_537_300.0 and flow.net_citizens == 0
    assert (flow.new_person_days, flow.left_person_days) == (365, 366)


def test_level_changes(citizen_year):
    changes = drivers.level_changes(citizen_year, 2024, 2025)
    assert changes.rows() == [("1", "1", 1, "samme"), ("1", "2", 1, "op"), ("3", "3", 1, "samme")]
    with_unknown = pl.DataFrame({"year": [2024, 2025, 2024, 2025], "citizen_key": ["a", "a", "b", "b"],
                                 "main_level": ["ikke_vurderet", "2", "4", "1"]})
    assert drivers.level_changes(with_unknown, 2024, 2025)["direction"].to_list() == ["ned", "ukendt"]


def test_offer_type_changes():
    """a, b and c move from Botilbud to Eget hjem, d from Eget hjem to Botilbud; e stays; f is only in 2025;
    the fixture's citizens in both years (A, D, E) keep their offer type: no rows."""
    years = pl.DataFrame({
        "year": [2024, 2025] * 5 + [2025],
        "citizen_key": ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f"],
        "main_offer_type": ["Botilbud", "Eget hjem"] * 3 + ["Eget hjem", "Botilbud", "Botilbud", "Botilbud", "Eget hjem"],
        "cost_dkk": [500.0, 100.0, 400.0, 50.0, 300.0, 60.0, 80.0, 700.0, 900.0, 950.0, 40.0]})
    changes = drivers.offer_type_changes(years, 2024, 2025)
    assert changes.rows() == [("Botilbud", "Eget hjem", 3, 1200.0, 210.0, -990.0),
                              ("Eget hjem", "Botilbud", 1, 80.0, 700.0, 620.0)]


def test_offer_type_changes_on_the_fixture(con):
    cost_year = queries.run(con, "drivers_citizen_cost_year", {**PARAMS, "years": [2024, 2025]})
    assert drivers.offer_type_changes(cost_year, 2024, 2025).is_empty()
    assert cost_year.height == 8


def test_flow_by_year(con):
    by_year = drivers.flow_by_year(queries.run(con, "drivers_flow_month", PARAMS))
    assert by_year.select("year", "started_measures", "ended_measures", "net_measures", "mean_duration_days").rows() == [
        (2024, 4, 1, 3, 366.0), (2025, 2, 4, -2, (365 + 1646) / 4)]


def test_price_gaps_and_provider_room(con):
    gaps = drivers.price_gaps(queries.run(con, "drivers_price_need", PARAMS))
    rooms = drivers.provider_price_gaps(gaps)
    assert rooms.select("provider", "measures", "measures_above", "cost_dkk", "cost_at_median_dkk", "above_median_dkk").rows() == [
        ("Bo Nord", 2, 1, 912_500.0, 912_500.0, 91_250.0),
        ("Egen støtte", 3, 1, 109_650.0, 22_625.0 + 45_625.0 + 36_800.0, 9_125.0)]
    assert gaps["above_median_dkk"].min() >= 0


def test_price_gaps_leave_measures_without_level_uncompared():
    measures = pl.DataFrame({"provider": ["x", "y"], "provider_type": ["privat", "egen"], "offer_type": ["Botilbud", "Botilbud"],
                             "level": ["ikke_vurderet", "2"], "tariff_dkk_per_day": [900.0, 800.0], "days": [10, 10],
                             "cost_dkk": [9000.0, 8000.0], "median_dkk_per_day": [None, 800.0]},
                            schema_overrides={"median_dkk_per_day": pl.Float64})
    gaps = drivers.price_gaps(measures)
    assert gaps["compared"].to_list() == [False, True]
    assert gaps["above_median_dkk"].to_list() == [None, 0.0]
    assert drivers.provider_price_gaps(gaps)["provider"].to_list() == ["y"]


def test_price_distribution(con):
    dist = drivers.price_distribution(drivers.price_gaps(queries.run(con, "drivers_price_need", PARAMS)))
    bo = dist.filter(pl.col("offer_type") == "Botilbud").row(0, named=True)
    assert (bo["measures"], bo["p10_dkk_per_day"], bo["median_dkk_per_day"], bo["p90_dkk_per_day"]) == (2, 1050.0, 1250.0, 1450.0)
    assert dist.select("offer_type", "level").rows() == [("Botilbud", "3"), ("Støtte i eget hjem", "1"), ("Støtte i eget hjem", "2")]


def test_citizen_person_days_add_up_to_the_pages_full_year_persons(con, citizen_year):
    """Summed over citizens, the merged person-days of a year / its days = the HÅP every page shows."""
    hap = queries.run(con, "overview_hap_by_segment", {**PARAMS, "dimension": "function_code"})
    for year, days in ((2024, 366), (2025, 365)):
        expected = hap.filter(pl.col("year") == year)["full_year_persons"].sum()
        got = citizen_year.filter(pl.col("year") == year)["person_days"].sum() / days
        assert got == pytest.approx(expected, rel=1e-12)
    d_2025 = citizen_year.filter((pl.col("year") == 2025) & (pl.col("measures") == 2))
    assert d_2025["person_days"][0] == 365


def test_provider_type_cost_and_external_share(con):
    by_type = drivers.provider_type_cost(queries.run(con, "drivers_provider_price_year", PARAMS))
    assert by_type.select("year", "provider_type", "cost_dkk").rows() == [
        (2024, "egen", 73_300.0), (2024, "privat", 366_000.0), (2024, "region", 1_098_000.0),
        (2025, "egen", 109_650.0), (2025, "privat", 912_500.0)]
    share_2025 = by_type.filter(pl.col("year") == 2025)["external_share"][0]
    assert share_2025 == pytest.approx(912_500 / (912_500 + 109_650))


def test_provider_changes(con):
    from analysis.segments import DIMENSIONS, build_segments, comparison_window

    rows = queries.run(con, "decomposition_segments", {**PARAMS, "base_year": 2024, "comparison_year": 2025,
                                                       "dimension": "provider"})
    window = comparison_window(2024, 2025, dt.date(2025, 12, 31))
    segments = build_segments(rows, window, DIMENSIONS["leverandoer"])
    types = queries.run(con, "drivers_provider_price_year", PARAMS).select("provider", "provider_type")
    changes = drivers.provider_changes(segments, types)
    assert changes.select("provider", "provider_type", "change_dkk").rows() == [
        ("Bo Nord", "privat", 912_500.0 - 366_000.0), ("Egen støtte", "egen", 109_650.0 - 73_300.0),
        ("Bo Syd", "region", -1_098_000.0)]
    bo_nord = changes.row(0, named=True)
    assert bo_nord["volume_current"] == pytest.approx(2.0) and bo_nord["unit_price_current"] == pytest.approx(456_250.0)
    assert changes.filter(pl.col("provider") == "Bo Syd")["unit_price_current"][0] is None


@pytest.mark.parametrize(("cpr", "year"), [("0101901234", 1990), ("0202854321", 1985), ("0303104321", 2010),
                                           ("0404379876", 1937), ("0505575678", 2057), ("0606585678", 1858),
                                           ("0707369012", 2036), ("0808001234", 1900)])
def test_birth_year_from_cpr_century_rule(cpr, year):
    from ingest.values.cpr import birth_year_from_cpr

    assert birth_year_from_cpr(cpr) == year


def test_birth_year_is_kept_and_age_groups_follow_the_calendar_year(tmp_path, monkeypatch):
    """Only the birth year of a CPR number is stored (never the date); a non-CPR id uses the optional
    foedselsaar column, else the age is unknown. Age group = the age reached in the calendar year."""
    monkeypatch.setenv("DASHBOARD_PSEUDONYM_KEY", str(tmp_path / "key"))
    src = tmp_path / "a.csv"
    src.write_text(
        "borger_id;sag_id;paragraf;ydelse;funktion;leverandoer;leverandoertype;startdato;slutdato;takst;takstenhed;niveau;foedselsaar\n"
        "010107-4321;S1;SEL § 85;Støtte;5.38.38;X;egen;01-06-2024;31-12-2025;100;dag;1;\n"     # born 2007: 17 in 2024, 18 in 2025
        "B2;S2;SEL § 85;Støtte;5.38.38;X;egen;01-01-2025;31-12-2025;100;dag;1;1950\n"          # 75 in 2025
        "B3;S3;SEL § 85;Støtte;5.38.38;X;egen;01-01-2025;31-12-2025;100;dag;1;\n",             # unknown
        encoding="utf-8")
    db = tmp_path / "a.duckdb"
    import_file("activity", src, db, kommunekode=999, data_date=dt.date(2025, 12, 31))
    con = duckdb.connect(os.path.realpath(db), read_only=True)
    try:
        born = sorted(con.sql("select birth_year from activity").fetchall(), key=lambda r: (r[0] is None, r[0]))
        stored = " ".join(str(v) for row in con.sql("select * from activity").fetchall() for v in row)
        groups = queries.run(con, "decomposition_segments", {"kommune": 999, "functions": ["5.38.38"], "base_year": 2024,
                                                             "comparison_year": 2025, "dimension": "age_group",
                                                             "ages": list(AGE_BANDS)})
    finally:
        con.close()
    assert born == [(1950,), (2007,), (None,)]
    assert "010107" not in stored and "4321" not in stored
    by_year = {(r["year"], r["segment_value"]) for r in groups.iter_rows(named=True)}
    assert by_year == {(2024, "0-17"), (2025, "18-22"), (2025, "65+"), (2025, "ukendt")}


@pytest.mark.parametrize(("macro", "groups"), [("age_group", "AGE_SEGMENTS"), ("age_cut", "AGE_CUT_SEGMENTS"),
                                               ("age_band", "AGE_BANDS")])
def test_age_groups_in_sql_are_the_domain_list(macro, groups):
    """Each age macro names exactly its domain list, in order, and its bounds are the list's upper ages."""
    from domain import codes

    sql = (queries.QUERY_DIR / "build" / "macros.sql").read_text(encoding="utf-8")
    case = sql[sql.index(f"macro {macro}("):]
    case = case[:case.index(";")]
    listed = [g for g in getattr(codes, groups) if g != "ukendt"]
    assert re.findall(r"(?:then|else) '([^']+)'", case) == ["ukendt", *listed]
    assert [int(v) for v in re.findall(r"<= (\d+)", case)] == [codes.age_span(g)[1] for g in listed[:-1]]


# --- the materialised citizen-years against the measures they add up ---------------------------------

# the per-citizen question as it was written on activity_year before citizen_function_year existed: the oracle
CITIZEN_YEAR_ORACLE = """
select year, citizen_key, list_sort(list_distinct(list(case_id))) as case_ids, sum(cost_dkk)::double as cost_dkk,
       sum(days)::bigint as measure_days, sum(person_days)::bigint as person_days, count(*)::bigint as measures,
       list_sort(list_distinct(list(provider))) as providers, list_sort(list_distinct(list(offer_type))) as offer_types,
       list_sort(list_distinct(list(level))) as levels, first(level order by days desc, level desc) as main_level,
       first(offer_type order by days desc, offer_type) as main_offer_type, any_value(age_group) as age_group
from (select year, citizen_key, case_id, coalesce(provider, 'ukendt') as provider,
             coalesce(offer_type, 'ukendt') as offer_type, coalesce(level, 'ikke_vurderet') as level, days, cost_dkk,
             age_group, hap_days_added(clip_start, clip_end, row(year, citizen_key, function_code)) as person_days
      from activity_year
      where kommunekode = $kommune and list_contains($functions, function_code)
        and year between $from_year and $to_year and list_contains($ages, age_band))
group by year, citizen_key
"""


@pytest.mark.parametrize("area", ["5.38", "5.28", "5."])
def test_citizen_years_equal_their_measures_added_up(demo_db, area):
    """drivers_citizen_year and drivers_citizen_cost_year read citizen_function_year (one row per function,
    added up per citizen at query time): on the demo they equal the measures of activity_year added up per
    citizen directly, for one area (citizens with functions in both areas in a year count only this area's)
    and for both areas at once (citizens with several functions in a year)."""
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        functions = [r[0] for r in con.sql("select distinct function_code from activity_year where starts_with("
                                            "function_code, $area)", params={"area": area}).fetchall()]
        params = {"kommune": 999, "functions": functions, "from_year": 2019, "to_year": 2026, "ages": list(AGE_BANDS)}
        with con.cursor() as cur:
            oracle = cur.sql(CITIZEN_YEAR_ORACLE, params=params).pl().sort("year", "citizen_key")
        multi = con.sql("select count(*) from citizen_function_year where functions_in_year > 1 and "
                        "list_contains($functions, function_code)", params={"functions": functions}).fetchall()[0][0]
        listed = queries.run(con, "drivers_citizen_year", params).sort("year", "citizen_key")
        costs = queries.run(con, "drivers_citizen_cost_year",
                            {**params, "years": list(range(2019, 2027))}).sort("year", "citizen_key")
    finally:
        con.close()
    assert oracle.height > 1000 and multi > 0
    exact = [c for c in oracle.columns if c != "cost_dkk"]
    assert listed.select(exact).equals(oracle.select(exact))
    assert listed["cost_dkk"].to_list() == pytest.approx(oracle["cost_dkk"].to_list(), rel=1e-12)
    same = ["year", "citizen_key", "person_days", "main_level", "main_offer_type"]
    assert costs.select(same).equals(oracle.select(same))
    assert costs["cost_dkk"].to_list() == pytest.approx(oracle["cost_dkk"].to_list(), rel=1e-12)


def test_provider_citizens_count_each_citizen_once_per_provider(con):
    """drivers_provider_citizens on the fixture: Bo Nord has A in both years and C in 2025; Bo Syd B in 2024;
    Egen støtte D and E in both years (D's two measures count once)."""
    rows = queries.run(con, "drivers_provider_citizens", {**PARAMS, "years": [2024, 2025]})
    got = {(r["year"], r["provider"]): r["citizens"] for r in rows.iter_rows(named=True)}
    assert got == {(2024, "Bo Nord"): 1, (2024, "Bo Syd"): 1, (2024, "Egen støtte"): 2,
                   (2025, "Bo Nord"): 2, (2025, "Egen støtte"): 2}
    table = drivers.provider_citizens(rows, 2024, 2025).sort("provider")
    assert table.rows() == [("Bo Nord", 1, 2), ("Bo Syd", 1, 0), ("Egen støtte", 2, 2)]


# the questions as they were written on activity / activity_year before their tables were materialised: oracles
MATERIALISED_ORACLES = {
    "drivers_case_year": """
select year, case_id,
       count(distinct citizen_key)::bigint as citizens,
       sum(cost_dkk)::double as cost_dkk,
       sum(days)::bigint as measure_days,
       count(*)::bigint as measures,
       list_sort(list_distinct(list(coalesce(provider, 'ukendt')))) as providers,
       list_sort(list_distinct(list(coalesce(offer_type, 'ukendt')))) as offer_types,
       list_sort(list_distinct(list(coalesce(level, 'ikke_vurderet')))) as levels
from activity_year
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and list_contains($ages, age_band)
  and case_id is not null
group by year, case_id
""",
    "drivers_flow_month": """
with measures as (
    select start_date, end_date, tariff_dkk_per_day, birth_year
    from activity
    where kommunekode = $kommune
      and list_contains($functions, function_code)
),
started as (
    select year(start_date) as year, month(start_date) as month, count(*)::bigint as started_measures,
           sum(tariff_dkk_per_day)::double as started_dkk_per_day
    from measures
    where year(start_date) between $from_year and $to_year
      and start_date <= (select data_date from activity_data_date)
      and list_contains($ages, age_band(year(start_date), birth_year))
    group by all
),
ended as (
    select year(end_date) as year, month(end_date) as month, count(*)::bigint as ended_measures,
           sum(end_date - start_date + 1)::bigint as ended_duration_days
    from measures
    where end_date is not null
      and year(end_date) between $from_year and $to_year
      and end_date <= (select data_date from activity_data_date)
      and list_contains($ages, age_band(year(end_date), birth_year))
    group by all
)
select year, month,
       coalesce(s.started_measures, 0) as started_measures, coalesce(s.started_dkk_per_day, 0) as started_dkk_per_day,
       coalesce(e.ended_measures, 0) as ended_measures, coalesce(e.ended_duration_days, 0) as ended_duration_days
from started s
full join ended e using (year, month)
""",
    "drivers_provider_price_year": """
select coalesce(provider, 'ukendt') as provider,
       string_agg(distinct coalesce(provider_type, 'ukendt'), ',' order by coalesce(provider_type, 'ukendt')) as provider_type,
       coalesce(offer_type, 'ukendt') as offer_type, year,
       sum(days)::bigint as measure_days,
       sum(cost_dkk)::double as cost_dkk,
       sum(cost_dkk) / sum(days) as dkk_per_day
from activity_year
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and list_contains($ages, age_band)
  and days > 0
group by coalesce(provider, 'ukendt'), coalesce(offer_type, 'ukendt'), year
""",
    "drivers_transitions": """
with measures as (
    select citizen_key, year, birth_year, cost_dkk,
           starts_with(function_code, $children_area || '.') as in_children,
           starts_with(function_code, $adults_area || '.') as in_adults
    from activity_year
    where kommunekode = $kommune
      and birth_year is not null
      and days > 0
),
moved as (
    select citizen_key, any_value(birth_year) + $adult_age as year_18
    from measures
    group by citizen_key
    having bool_or(in_children and year < birth_year + $adult_age)
       and bool_or(in_adults and year >= birth_year + $adult_age)
)
select m.year_18,
       count(distinct m.citizen_key)::bigint as citizens,
       count(distinct case when x.in_adults and x.year = m.year_18 + 1 then x.citizen_key end)::bigint
           as adult_citizens_next,
       coalesce(sum(case when x.in_adults and x.year = m.year_18 + 1 then x.cost_dkk end), 0)::double
           as adult_cost_next_dkk,
       coalesce(sum(case when x.in_children and x.year = m.year_18 - 1 then x.cost_dkk end), 0)::double
           as child_cost_before_dkk
from moved m
join measures x using (citizen_key)
where m.year_18 between $from_year and $to_year
group by m.year_18
""",
}
ORACLE_KEYS = {"drivers_case_year": ["year", "case_id"], "drivers_flow_month": ["year", "month"], "drivers_provider_price_year": ["provider", "offer_type", "year"],
               "drivers_transitions": ["year_18"]}


@pytest.mark.parametrize("name", sorted(MATERIALISED_ORACLES))
@pytest.mark.parametrize("area, ages", [("5.38", None), ("5.28", ["15-17"]), ("5.", None)])
def test_materialised_questions_equal_their_oracles(demo_db, name, area, ages):
    """drivers_flow_month, drivers_provider_price_year, drivers_transitions and drivers_case_year read tables
    materialised at import (measure_flow_month, provider_offer_year, citizen_function_year, case_function_year); on the demo they give what the same
    questions asked of the measures directly give, per area and with an age filter."""
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        functions = [r[0] for r in con.sql("select distinct function_code from activity where starts_with("
                                            "function_code, $area)", params={"area": area}).fetchall()]
        params = {"kommune": 999, "functions": functions, "from_year": 2019, "to_year": 2026,
                  "ages": ages or list(AGE_BANDS), "children_area": "5.28", "adults_area": "5.38", "adult_age": 18}
        sql = MATERIALISED_ORACLES[name]
        with con.cursor() as cur:
            oracle = cur.sql(sql, params={k: v for k, v in params.items() if f"${k}" in sql}).pl()
        got = queries.run(con, name, params)
    finally:
        con.close()
    keys = ORACLE_KEYS[name]
    oracle, got = oracle.sort(keys), got.select(oracle.columns).sort(keys)
    assert oracle.height > 0
    floats = [c for c, t in oracle.schema.items() if t == pl.Float64]
    assert got.drop(floats).equals(oracle.drop(floats))
    for c in floats:
        assert got[c].to_list() == pytest.approx(oracle[c].to_list(), rel=1e-12)
