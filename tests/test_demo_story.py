"""The demo municipality tells the story real municipalities live (synth.write.STORY_TARGETS, README of the
demo folder): its size per inhabitant near the real national figures, a few more citizens every year,
heavier needs, tariffs above PL, §§ 107-108 behind most of the growth, places bought externally, costly
citizens, families, ages (placements at 15-17, the move to an adult offer at 18, STU under 25), one citizen
across the two case systems and a savings plan that is short one year.

Everything is read from the fixed-date test demo (tests/fixed_demo.py: extracted 15-11-2026, so 2019-2025
are complete years) through the real importer, and from its export files; expectations come from
synth.write's targets and the real figures it cites, never from the generated numbers themselves."""
from __future__ import annotations

import datetime as dt
import os

import polars as pl
import pytest

import queries
from domain.codes import AGE_BANDS
from analysis import segments as sg
from analysis.decomposition import decompose
from synth import context, model, write
from tests.fixed_demo import FIXED_AS_OF

T = write.STORY_TARGETS
COMPLETE = list(range(2019, FIXED_AS_OF.year))   # the years with 12 posted months on the extraction date
ADULT = [f for f in model.FUNCTION_TARGETS if f.startswith("5.38")]
CHILD = [f for f in model.FUNCTION_TARGETS if f.startswith("5.28")]
RESIDENTIAL = ["5.38.50", "5.38.52"]
PLACEMENTS = ["5.28.20", "5.28.22", "5.28.23"]


def within(value: float, key: str) -> bool:
    lo, hi = T[key]
    return lo <= value <= hi


@pytest.fixture(scope="module")
def con(demo_db):
    c = queries.connect_read_only(os.path.realpath(demo_db))
    yield c
    c.close()


def _rows(con, sql: str, **params) -> list[tuple]:
    return con.sql(sql, params=params).fetchall() if params else con.sql(sql).fetchall()


@pytest.fixture(scope="module")
def net(con) -> dict[tuple[str, int], float]:
    """Ledger net expenditure on operations (dranst 1, actuals) per function and year, kr."""
    return {(f, y): float(v) for f, y, v in _rows(
        con, "select function_code, year, sum(amount_dkk) from ledger where kommunekode = 999 and dranst = 1 "
             "and amount_kind = 'actual' group by all")}


@pytest.fixture(scope="module")
def inhabitants(con) -> dict[int, int]:
    return dict(_rows(con, "select year, persons from population where kommunekode = 999 and age_group = 'total'"))


def area(net: dict, functions: list[str], year: int) -> float:
    return sum(v for (f, y), v in net.items() if f in functions and y == year)


# --- the extraction date the story is told for ---------------------------------------------------


def test_story_years_are_the_complete_years(con):
    assert _rows(con, "select data_date from activity_data_date")[0][0] == FIXED_AS_OF
    months = dict(_rows(con, "select year, count(distinct month) from ledger where amount_kind = 'actual' group by 1"))
    assert [y for y in sorted(months) if months[y] == 12] == COMPLETE


# --- size per inhabitant against the real national figures ---------------------------------------


def test_functions_per_inhabitant_near_the_real_national_figures(net, inhabitants):
    checked = 0
    for function, real in model.REAL_NATIONAL_PER_INHABITANT.items():
        for year, national in real.items():
            if year in COMPLETE:
                ratio = net[(function, year)] / inhabitants[year] / national
                assert within(ratio, "per_inhabitant_vs_real"), (function, year, ratio)
                checked += 1
    assert checked == 8  # 5.28.21 and 5.28.22 in 2019, 2022, 2024; 5.38.45 in 2022 and 2024


def test_areas_per_inhabitant_in_2019(net, inhabitants):
    assert within(area(net, ADULT, 2019) / inhabitants[2019], "per_inhabitant_2019_5.38")
    assert within(area(net, CHILD, 2019) / inhabitants[2019], "per_inhabitant_2019_5.28")
    assert inhabitants[2019] == model.BASE_POPULATION


def test_adult_area_grows_2019_to_2022(net):
    assert within(area(net, ADULT, 2022) / area(net, ADULT, 2019) - 1, "growth_5.38_2019_2022")


def test_residential_offers_carry_most_of_the_growth(net):
    first, last = COMPLETE[0], COMPLETE[-1]
    share = (area(net, RESIDENTIAL, last) - area(net, RESIDENTIAL, first)) / (area(net, ADULT, last) - area(net, ADULT, first))
    assert within(share, "residential_share_of_growth"), share


# --- volume, mix and price ---------------------------------------------------------------------------


def test_hap_rises_a_little_every_year(con):
    rows = _rows(con, "select year, sum(person_days) from segment_person_year where dimension = 'function_code' "
                      "and kommunekode = 999 and function_code in (select unnest($f)) group by 1 order by 1", f=ADULT)
    hap = {y: float(d) / ((dt.date(y, 12, 31) - dt.date(y, 1, 1)).days + 1) for y, d in rows if y in COMPLETE}
    assert sorted(hap) == COMPLETE
    for y in COMPLETE[1:]:
        assert within(hap[y] / hap[y - 1] - 1, "hap_growth_5.38_per_year"), (y, hap[y - 1], hap[y])


def test_inflow_and_outflow_explain_the_hap_path(con):
    """More citizens start on 5.38 than leave it every year, so the number of citizens with a measure on
    31 December rises by exactly inflow - outflow."""
    rows = _rows(con, "with c as (select citizen_key, min(start_date) as s, max(coalesce(end_date, date '9999-12-31')) as e "
                      "from activity where function_code in (select unnest($f)) group by 1) "
                      "select y, count(*) filter (where year(s) = y), count(*) filter (where year(e) = y), "
                      "count(*) filter (where s <= make_date(y, 12, 31) and e > make_date(y, 12, 31)) "
                      "from c, range(2018, $last + 1) t(y) group by y order by y", f=ADULT, last=COMPLETE[-1])
    stock = {y: n for y, _, _, n in rows}
    for y, inflow, outflow, _ in rows:
        if y in COMPLETE:
            assert inflow > outflow, (y, inflow, outflow)
            assert stock[y] - stock[y - 1] == inflow - outflow


def test_need_levels_drift_heavier(con):
    rows = _rows(con, "select year, sum(segment::int * person_days) / sum(person_days), "
                      "sum(person_days) filter (where segment in ('3', '4')) / sum(person_days) "
                      "from segment_person_year where dimension = 'level' and kommunekode = 999 "
                      "and segment <> 'ikke_vurderet' and function_code in (select unnest($f)) group by 1", f=ADULT)
    mean = {y: m for y, m, _ in rows}
    heavy = {y: h for y, _, h in rows}
    first, last = COMPLETE[0], COMPLETE[-1]
    assert within(mean[last] - mean[first], "level_mean_rise_5.38"), (mean[first], mean[last])
    assert heavy[last] > heavy[first]


def _tariff_growth_above_pl(con, functions: list[str]) -> float:
    """Mean over complete years of (median yearly growth of the daily tariff of the same function, need level
    and provider) - (PL index growth)."""
    med = pl.DataFrame(_rows(con, "select function_code, level, provider, year(start_date) as year, "
                                  "median(tariff_dkk_per_day) from activity where function_code in (select unnest($f)) "
                                  "and level is not null group by all", f=functions),
                       schema=["function", "level", "provider", "year", "tariff"], orient="row")
    pli = dict(_rows(con, "select year, index_value from pl_index"))
    above = []
    for y in COMPLETE[1:]:
        pair = med.filter(pl.col("year") == y - 1).join(med.filter(pl.col("year") == y), on=["function", "level", "provider"])
        growth = float((pair["tariff_right"] / pair["tariff"]).log().median())
        above.append(growth - (pli[y] / pli[y - 1] - 1))
    return sum(above) / len(above)


def test_tariffs_rise_a_bit_faster_than_pl(con):
    assert within(_tariff_growth_above_pl(con, RESIDENTIAL), "tariff_above_pl_residential")
    assert within(_tariff_growth_above_pl(con, ["5.38.38", "5.38.58", "5.38.59"]), "tariff_above_pl_other_adult")


def test_decomposition_2019_to_last_complete_year(con):
    """The default Dekomponering of 5.38 (need levels, fixed prices): more citizens, heavier needs and unit
    prices above PL all add to the cost."""
    first, last = COMPLETE[0], COMPLETE[-1]
    params = {"kommune": 999, "functions": ADULT, "base_year": first, "comparison_year": last, "dimension": "level",
              "ages": list(AGE_BANDS)}
    rows = queries.run(con, "decomposition_segments", params)
    ledger = queries.run(con, "decomposition_ledger", params)
    window = sg.comparison_window(first, last, FIXED_AS_OF, ledger)
    assert window.months == 12
    segments = sg.build_segments(rows, window, sg.DIMENSIONS[sg.DEFAULT_DIMENSION])
    pli = dict(_rows(con, "select year, index_value from pl_index"))
    d = decompose(segments, "lmdi", (pli[first], pli[last]))
    assert d.volume > 0 and d.mix > 0 and d.inflation > 0 and d.real_price > 0
    assert d.inflation > d.real_price  # general price growth is the larger part of the price effect


def test_activity_covers_the_ledger(con, net):
    """Activity cost / ledger on the functions with case-system activity (the others have no activity)."""
    cost = {(f, y): float(c) for f, y, c in _rows(
        con, "select function_code, year, sum(cost_dkk) from activity_year group by all")}
    with_activity = {f for f, _ in cost}
    assert with_activity == {f for f, (_, growth) in model.FUNCTION_TARGETS.items() if growth is None}
    for functions in (ADULT, CHILD, ["3.30.46"]):
        functions = [f for f in functions if f in with_activity]
        for y in COMPLETE:
            coverage = sum(cost[(f, y)] for f in functions) / area(net, functions, y)
            assert within(coverage, "coverage"), (functions, y, coverage)


# --- providers and costly citizens -------------------------------------------------------------------


def test_most_places_are_bought(con):
    for functions, key in ((RESIDENTIAL, "external_share_residential"), (PLACEMENTS, "external_share_placements")):
        for y, share in _rows(con, "select year, sum(cost_dkk) filter (where provider_type <> 'egen') / sum(cost_dkk) "
                                   "from activity_year where function_code in (select unnest($f)) group by 1", f=functions):
            if y in COMPLETE:
                assert within(share, key), (functions, y, share)


def test_some_external_places_cost_far_above_the_median_for_their_level(con):
    rows = pl.DataFrame(_rows(con, "select function_code, level, year(start_date), provider, provider_type, tariff_dkk_per_day "
                                   "from activity where function_code in (select unnest($f)) and level is not null",
                              f=RESIDENTIAL + PLACEMENTS),
                        schema=["function", "level", "year", "provider", "provider_type", "tariff"], orient="row")
    rows = rows.with_columns((pl.col("tariff") / pl.col("tariff").median().over(["function", "level", "year"])).alias("rel"))
    external = rows.filter(pl.col("provider_type") != "egen")
    expensive = external.filter(pl.col("rel") >= 1.4)
    assert within(expensive.height / external.height, "expensive_external_share")
    # mostly the providers known to charge more, and never an own offer
    assert expensive["provider"].is_in(list(model.EXPENSIVE_PROVIDERS)).mean() >= 0.5
    assert rows.filter((pl.col("provider_type") == "egen") & (pl.col("rel") >= 1.6)).height == 0


def test_a_handful_of_citizens_cost_millions(con):
    lo, hi = T["citizens_2_5_mio"]
    for y, n25, over5, n12 in _rows(
            con, "select year, count(*) filter (where c > 2e6 and c <= 5e6), count(*) filter (where c > 5e6), "
                 "count(*) filter (where c > 1e6 and c <= 2e6) from (select year, citizen_key, sum(cost_dkk) as c "
                 "from activity_year group by all) group by 1"):
        if y in COMPLETE:
            assert lo <= n25 <= hi and over5 == 0 and n12 > n25, (y, n25, over5, n12)


# --- citizens: families, ages, both case systems -------------------------------------------------------


def cpr_birth_date(cpr: str) -> dt.date:
    """The standard CPR rule: the 7th digit and the two-digit year give the century."""
    d = cpr.replace("-", "")
    yy, digit = int(d[4:6]), int(d[6])
    if digit <= 3:
        century = 1900
    elif digit in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    return dt.date(century + yy, int(d[2:4]), int(d[0:2]))


@pytest.mark.parametrize("cpr, born", [
    ("010190-1234", dt.date(1990, 1, 1)), ("0101003000", dt.date(1900, 1, 1)), ("311205-4123", dt.date(2005, 12, 31)),
    ("150650-4123", dt.date(1950, 6, 15)), ("010136-9999", dt.date(2036, 1, 1)), ("010137-9999", dt.date(1937, 1, 1)),
    ("280257-5000", dt.date(2057, 2, 28)), ("010158-5000", dt.date(1858, 1, 1)),
    ("010199-8000", dt.date(1899, 1, 1)), ("0101086001", dt.date(2008, 1, 1)),
])
def test_cpr_century_rule(cpr, born):
    assert cpr_birth_date(cpr) == born
    assert model.birth_year_from_cpr(cpr) == born.year


@pytest.fixture(scope="module")
def exports(demo_exports) -> pl.DataFrame:
    """Both case-system exports: system, CPR (ten digits), birth date (by the CPR rule), paragraph, function,
    start and end (None = open), case."""
    child = pl.read_excel(demo_exports / model.FILE_ACTIVITY_CHILDREN, read_options={"header_row": 3}).select(
        pl.lit("boern").alias("system"), pl.col("CPR-nr.").str.replace("-", "", literal=True).alias("cpr"),
        pl.col("Lovhjemmel").alias("paragraph"), pl.col("Funktion").alias("function"),
        pl.col("Ydelse startdato").alias("start"), pl.col("Ydelse slutdato").alias("end"),
        pl.col("Sagsnummer").cast(pl.String).alias("case"))
    adult = pl.read_csv(demo_exports / model.FILE_ACTIVITY_ADULTS, separator=";", skip_rows=1, infer_schema=False).select(
        pl.lit("voksne").alias("system"), pl.col("CPR").alias("cpr"), pl.col("Paragraf").alias("paragraph"),
        (pl.col("Konto").str.slice(0, 1) + "." + pl.col("Konto").str.slice(1, 2) + "." + pl.col("Konto").str.slice(3, 2)
         ).alias("function"),
        pl.col("IndsatsStartDato").str.to_date("%d-%m-%Y").alias("start"),
        pl.col("IndsatsSlutDato").str.to_date("%d-%m-%Y").alias("end"), pl.col("SagId").alias("case"))
    both = pl.concat([child, adult])
    births = {c: cpr_birth_date(c) for c in both["cpr"].unique().to_list()}
    return both.with_columns(pl.col("cpr").replace_strict(births, return_dtype=pl.Date).alias("birth"))


def _age(day: pl.Expr) -> pl.Expr:
    """Completed years at `day` (birthday counted from the same calendar day)."""
    years = day.dt.year() - pl.col("birth").dt.year()
    before = (day.dt.month() < pl.col("birth").dt.month()) | (
        (day.dt.month() == pl.col("birth").dt.month()) & (day.dt.day() < pl.col("birth").dt.day()))
    return years - before.cast(pl.Int32)


AFTER_CARE = ("SEL § 76", "BL § 114")


def test_ages_fit_the_case_systems(exports):
    last_day = pl.col("end").fill_null(pl.lit(FIXED_AS_OF - dt.timedelta(days=1)))
    e = exports.with_columns(_age(pl.col("start")).alias("age_start"), _age(last_day).alias("age_end"))
    children = e.filter((pl.col("system") == "boern") & ~pl.col("paragraph").is_in(AFTER_CARE))
    assert children.height > 0 and children["age_start"].min() >= 0 and children["age_end"].max() <= 17
    after_care = e.filter(pl.col("paragraph").is_in(AFTER_CARE))
    assert after_care.height > 0 and after_care["age_start"].min() >= 18 and after_care["age_end"].max() <= 22
    adults = e.filter((pl.col("system") == "voksne") & (pl.col("function") != "3.30.46"))
    assert adults["age_start"].min() >= 18 and adults["age_end"].max() <= 90
    stu = e.filter(pl.col("function") == "3.30.46").group_by("cpr").agg(pl.col("age_start").min())
    assert stu.height >= write.STORY_MINIMUMS["stu_citizens"]
    assert stu["age_start"].min() >= 16 and stu["age_start"].max() <= 24


def test_children_aged_15_to_17_in_residential_placements(exports):
    placed = exports.filter(pl.col("function").is_in(["5.28.20", "5.28.23"]) & ~pl.col("paragraph").is_in(AFTER_CARE))
    teens = placed.filter(_age(pl.col("end").fill_null(pl.lit(FIXED_AS_OF))).is_between(15, 17))
    assert teens["cpr"].n_unique() >= write.STORY_MINIMUMS["placed_aged_15_17"]


def test_young_people_move_from_a_placement_to_an_adult_offer_at_18(exports):
    first_adult = exports.filter(pl.col("system") == "voksne").group_by("cpr").agg(
        pl.col("start").min(), pl.col("birth").first())
    child_cprs = exports.filter(pl.col("system") == "boern")["cpr"].unique()
    moved = first_adult.filter(pl.col("cpr").is_in(child_cprs.implode())).with_columns(
        pl.col("birth").dt.offset_by("18y").alias("day18"))
    gap = (pl.col("start") - pl.col("day18")).dt.total_days()
    assert moved.filter(gap.is_between(0, 120)).height >= write.STORY_MINIMUMS["moved_on_at_18"]
    assert moved.filter(gap < 0).height == 0  # nobody enters the adults' system before 18 except STU
    # the placement ended by the 18th birthday
    last_child = exports.filter((pl.col("system") == "boern") & ~pl.col("paragraph").is_in(AFTER_CARE)).group_by("cpr").agg(
        pl.col("end").max())
    ended = moved.join(last_child, on="cpr", suffix="_child")
    assert (ended["end"] < ended["day18"]).all()


def test_one_citizen_across_the_two_case_systems(con, exports):
    in_both = exports.group_by("cpr").agg(pl.col("system").n_unique().alias("n")).filter(pl.col("n") == 2).height
    assert in_both >= write.STORY_MINIMUMS["moved_on_at_18"]
    (pseudonyms,) = _rows(con, "select count(*) from (select citizen_key from activity group by 1 "
                               "having count(distinct import_id) = 2)")[0]
    assert pseudonyms == in_both
    assert _rows(con, "select count(distinct citizen_key) from activity")[0][0] == exports["cpr"].n_unique()


def test_families_share_a_case(exports):
    cases = exports.filter(pl.col("system") == "boern").group_by("case").agg(pl.col("cpr").n_unique().alias("n"))
    assert cases.filter(pl.col("n") >= 2).height >= write.STORY_MINIMUMS["families"]
    assert cases["n"].max() <= 3
    adults = exports.filter(pl.col("system") == "voksne").select("cpr", "case").unique()
    assert adults["cpr"].n_unique() == adults["case"].n_unique() == adults.height


# --- the savings plan ------------------------------------------------------------------------------------


def test_savings_targets_partly_met_and_carried_over(con):
    targets = dict(_rows(con, "select year, sum(amount_dkk) from savings_target group by 1"))
    assert targets == model.SAVINGS_TARGETS
    realised = dict(_rows(con, "select year, sum(amount_dkk) from savings_effect where kind = 'realised' group by 1"))
    expected = dict(_rows(con, "select year, sum(amount_dkk) from savings_effect where kind = 'expected' group by 1"))
    assert sorted(realised) == [y for y in targets if y in COMPLETE]  # a year is realised once it is complete
    assert all(expected[y] >= targets[y] for y in targets)  # the plan's initiatives cover every target
    carry, outstanding = 0.0, {}
    for y in sorted(realised):
        outstanding[y] = targets[y] + carry - realised[y]
        carry = max(outstanding[y], 0.0)
    assert outstanding[2023] <= 0 < outstanding[2024]  # met, then short: the shortfall is carried over
    assert outstanding[2025] <= 0  # met including the carried-over amount
    assert outstanding == context.savings_outstanding(context.build_savings(FIXED_AS_OF))
