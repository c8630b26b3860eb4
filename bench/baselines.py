"""Baselines for the page loaders: the same question as ONE hand-written DuckDB query (the "floor") and
answered with pandas on the raw tables (the "pandas" baseline), plus checks that all three agree.

Each page of bench.pages.PAGES names its floor SQL and its pandas function here. The pandas functions get
the raw tables loaded once (RawTables, outside the timing) and do all filtering, clipping and grouping in
pandas, as an analyst's notebook would.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
import polars as pl

# Each floor answers the whole question of its page's loader (every query the loader runs). The floors read the
# tables the importer materialises for the pages (ledger_monthly, segment_person_year, segment_person_month,
# segment_provider_month, activity_function_summary, municipality_data_years, area_function;
# queries/build/), as the page queries do: the floor is the best ONE query can do on the database as it is
# built. The pandas baselines start from the raw ledger and activity rows (and the raw population, benchmark,
# socio-index, PL-index, import-log and reference tables).

# --------------------------------------------------------------------------------------------------
# sidebar: the municipalities with data and the years the sidebar offers (the ledger's years, else the activity
# data's years), the areas a user can choose (main functions, named groups, single functions) and the PL index
# --------------------------------------------------------------------------------------------------

# One statement: the three parts side by side (union all; each part fills its own columns). Years and areas from
# the tables the importer materialises for the sidebar (municipality_data_years, area_function;
# queries/build/sidebar.sql), the PL index from its reference table.
SIDEBAR_FLOOR = """
select 'municipality' as part, kommunekode, name, is_synthetic, first_year::integer as first_year,
       last_year::integer as last_year, null::varchar as area_code, null::varchar as area_name,
       null::varchar as area_kind, null::integer as sort_group, null::varchar as function_code,
       null::integer as year, null::double as index_value, null::varchar as source
from municipality_data_years
union all
select 'area', null, null, null, null, null, area_code, area_name, area_kind, sort_group, function_code, null, null,
       null
from area_function
union all
select 'pl_index', null, null, null, null, null, null, null, null, null, null, year, index_value, source
from pl_index
"""

def _activity_years(raw: "RawTables") -> pd.DataFrame:
    """First and last year of activity per municipality: the years a measure touches (its start to its end, an
    open end running to the data date; no month after the data date's month), as segment_person_year has them."""
    act, dd = raw.activity, raw.data_date
    last = act["end_date"].fillna(dd).clip(upper=dd + pd.offsets.MonthEnd(0))
    keep = act["start_date"] <= last
    years = pd.DataFrame({"kommunekode": act["kommunekode"][keep], "first_year": act["start_date"][keep].dt.year,
                          "last_year": last[keep].dt.year})
    return years.groupby("kommunekode").agg(first_year=("first_year", "min"), last_year=("last_year", "max"))


def pandas_sidebar(raw: "RawTables", params: dict) -> dict[str, pd.DataFrame]:
    # municipalities with data: the ledger's years, else (no ledger rows) the activity data's years
    ledger_years = raw.ledger.groupby("kommunekode").agg(first_year=("year", "min"), last_year=("year", "max"))
    years = ledger_years.combine_first(_activity_years(raw))
    municipalities = (raw.municipality[["kommunekode", "name", "is_synthetic"]]
                      .join(years, on="kommunekode", how="inner").sort_values("name", ignore_index=True))
    # areas: every function under its main function (first four characters), the named groups that are not a
    # main function, and every single function
    kf, fg = raw.kontoplan_function, raw.function_group
    main_code = kf["function_code"].str[:4]
    # a main function is named by the function group of the same code, else by its code
    group_names = fg.drop_duplicates("group_code").set_index("group_code")["name"]
    main = pd.DataFrame({"area_code": main_code, "area_name": main_code.map(group_names).fillna(main_code),
                         "area_kind": "hovedfunktion", "sort_group": 1, "function_code": kf["function_code"]})
    g = fg.loc[~fg["group_code"].isin(set(main_code))]
    groups = pd.DataFrame({"area_code": g["group_code"], "area_name": g["name"], "area_kind": "gruppe",
                           "sort_group": 2, "function_code": g["function_code"]})
    single = pd.DataFrame({"area_code": kf["function_code"], "area_name": kf["function_code"] + " " + kf["name"],
                           "area_kind": "funktion", "sort_group": 3, "function_code": kf["function_code"]})
    areas = (pd.concat([main, groups, single], ignore_index=True)
             .sort_values(["sort_group", "area_code", "function_code"], ignore_index=True))
    pl_index = raw.pl_index.sort_values("year", ignore_index=True)
    return {"municipalities": municipalities, "areas": areas, "pl_index": pl_index}


# --------------------------------------------------------------------------------------------------
# overview: net per year (year x amount kind x dranst, with the months posted) and per function, full-year
# persons (overlapping measures of a citizen merged), citizens and activity cost per function and year, the
# data-quality findings (measures without a level of need, ledger cost without activity, years without budget),
# for one municipality, a list of functions and a period, and the import history
# --------------------------------------------------------------------------------------------------

# One statement. Ledger: one scan of ledger_monthly with two grouping sets. Activity: full-year persons and
# citizens from segment_person_year (dimension function_code: a citizen's overlapping measures already merged
# per function and year), cost from the same rows. Findings: from those two parts (actuals on dranst 1 per
# function and year without an activity row; years of the ledger part without a budget_corrected row) and
# activity_function_summary. Import history: import_log. The parts side by side (union all; each part fills its
# own columns).
OVERVIEW_FLOOR = """
with ledger_part as materialized (
    select year, amount_kind, dranst, function_code,
           sum(amount_dkk)::double as amount_dkk, count(distinct month) as months
    from ledger_monthly
    where kommunekode = $kommune and list_contains($functions, function_code)
      and year between $from_year and $to_year
    group by grouping sets ((year, amount_kind, dranst), (year, amount_kind, dranst, function_code))
),
activity_part as materialized (
    select s.year, s.function_code,
           s.person_days * 1.0 / (least(make_date(s.year, 12, 31), dd.data_date) - make_date(s.year, 1, 1) + 1)
               as full_year_persons,
           s.cost_dkk, s.citizens
    from segment_person_year s, activity_data_date dd
    where s.dimension = 'function_code' and s.kommunekode = $kommune and list_contains($functions, s.function_code)
      and s.year between $from_year and $to_year
),
findings as (
    select 'measures_without_level' as check_name, function_code, null::integer as year,
           measures_without_level as count, null::double as amount_dkk
    from activity_function_summary
    where kommunekode = $kommune and list_contains($functions, function_code) and measures_without_level > 0
    union all
    select 'cost_without_activity', l.function_code, l.year, null, l.amount_dkk
    from ledger_part l
    anti join activity_part a using (function_code, year)
    where l.function_code is not null and l.amount_kind = 'actual' and l.dranst = 1 and l.amount_dkk <> 0
    union all
    select 'year_without_budget', null, year, null, null
    from ledger_part
    where function_code is null
    group by year
    having not bool_or(amount_kind = 'budget_corrected')
)
select 'ledger' as part, year, amount_kind, dranst, function_code, amount_dkk, months,
       null::double as full_year_persons, null::double as cost_dkk, null::bigint as citizens,
       null::varchar as check_name, null::bigint as count,
       null::integer as import_id, null::varchar as kind, null::varchar as file_name, null::varchar as mapping,
       null::integer as rows_read, null::integer as rows_loaded, null::integer as first_year,
       null::integer as last_year, null::timestamp as started_at, null::timestamp as finished_at,
       null::varchar as sha256_prefix, null::varchar as message
from ledger_part
union all
select 'activity', year, null, null, function_code, null, null, full_year_persons, cost_dkk, citizens, null, null,
       null, null, null, null, null, null, null, null, null, null, null, null
from activity_part
union all
select 'finding', year, null, null, function_code, amount_dkk, null, null, null, null, check_name, count,
       null, null, null, null, null, null, null, null, null, null, null, null
from findings
union all
select 'import', null, null, null, null, null, null, null, null, null, null, null,
       import_id, kind, file_name, mapping, rows_read, rows_loaded, first_year, last_year, started_at, finished_at,
       substr(sha256, 1, 12), message
from import_log
"""


@dataclass
class RawTables:
    """The raw tables as pandas frames, loaded once outside the timing (only the columns the baselines use)."""

    ledger: pd.DataFrame
    activity: pd.DataFrame
    data_date: pd.Timestamp
    population: pd.DataFrame
    benchmark: pd.DataFrame
    socio_index: pd.DataFrame
    municipality: pd.DataFrame
    comparison_group: pd.DataFrame
    municipality_group: pd.DataFrame
    kontoplan_function: pd.DataFrame
    function_group: pd.DataFrame
    pl_index: pd.DataFrame
    import_log: pd.DataFrame

    def frames(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in RAW_SQL}

    @property
    def nbytes(self) -> int:
        return int(sum(df.memory_usage(deep=False).sum() for df in self.frames().values()))


# table -> the select that loads it for the pandas baselines (a page that needs another raw table adds one entry
# here and one field to RawTables)
RAW_SQL = {
    "ledger": "select kommunekode, year, month, function_code, dranst, amount_kind, amount_dkk from ledger",
    "activity": "select kommunekode, citizen_key, function_code, start_date, end_date, tariff_dkk_per_day, level, "
                "provider, provider_type from activity",
    "population": "select kommunekode, year, age_group, persons from population",
    "benchmark": "select kommunekode, year, function_code, measure, value, unit, price_unit, key_figure, "
                 "is_synthetic, source from benchmark",
    "socio_index": "select kommunekode, year, index_value from socio_index",
    "municipality": "select kommunekode, name, regionskode, region, dst_group, is_synthetic from municipality",
    "comparison_group": "select group_name, kommunekode from comparison_group",
    "municipality_group": "select group_code, name from municipality_group",
    "kontoplan_function": "select function_code, name from kontoplan_function",
    "function_group": "select group_code, name, function_code from function_group",
    "pl_index": "select year, index_value, source from pl_index",
    "import_log": "select import_id, kind, file_name, mapping, rows_read, rows_loaded, first_year, last_year, "
                  "started_at, finished_at, sha256, message from import_log",
}


def load_raw(con: duckdb.DuckDBPyConnection) -> RawTables:
    frames = {}
    for name, sql in RAW_SQL.items():
        with con.cursor() as cur:
            frames[name] = cur.sql(sql).df()
    with con.cursor() as cur:
        data_date = cur.sql("select data_date from activity_data_date").fetchall()[0][0]
    return RawTables(data_date=pd.Timestamp(data_date), **frames)


def pandas_overview(raw: RawTables, params: dict) -> dict[str, pd.DataFrame]:
    k, functions, y0, y1 = params["kommune"], params["functions"], params["from_year"], params["to_year"]
    led = raw.ledger
    sel = led.loc[(led["kommunekode"] == k) & led["function_code"].isin(functions) & led["year"].between(y0, y1)]
    ledger = (sel.groupby(["year", "amount_kind", "dranst"], sort=True)
              .agg(amount_dkk=("amount_dkk", "sum"), months=("month", "nunique")).reset_index())
    ledger_fn = (sel.groupby(["year", "amount_kind", "dranst", "function_code"], sort=True)
                 .agg(amount_dkk=("amount_dkk", "sum"), months=("month", "nunique")).reset_index())

    act = raw.activity
    a = act.loc[(act["kommunekode"] == k) & act["function_code"].isin(functions)]
    dd = raw.data_date
    last_month_end = dd + pd.offsets.MonthEnd(0)
    end_eff = a["end_date"].fillna(dd).clip(upper=last_month_end)
    parts = []
    for year in range(y0, y1 + 1):
        jan1, dec31 = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
        s = a["start_date"].clip(lower=jan1)
        e = end_eff.clip(upper=dec31)
        keep = s <= e
        parts.append(pd.DataFrame({"citizen_key": a["citizen_key"][keep], "function_code": a["function_code"][keep],
                                   "year": year, "s": s[keep], "e": e[keep],
                                   "tariff": a["tariff_dkk_per_day"][keep]}))
    x = pd.concat(parts, ignore_index=True)
    x["days"] = (x["e"] - x["s"]).dt.days + 1
    x["cost"] = x["days"] * x["tariff"]
    # merge a citizen's overlapping or adjacent measures per function and year (islands)
    merged = island_days(x, ["citizen_key", "function_code", "year"])
    persons = merged.groupby(["function_code", "year"], sort=True)["days"].sum().rename("person_days")
    cost = x.groupby(["function_code", "year"], sort=True).agg(cost_dkk=("cost", "sum"),
                                                               citizens=("citizen_key", "nunique"))
    hap = cost.join(persons).reset_index()
    period_end = np.minimum(pd.to_datetime(hap["year"].astype(str) + "-12-31"), dd)
    days_in_period = (period_end - pd.to_datetime(hap["year"].astype(str) + "-01-01")).dt.days + 1
    hap["full_year_persons"] = hap["person_days"] / days_in_period

    # data-quality findings (as queries/overview_data_quality.sql): measures without a level of need (all years), net
    # actuals on dranst 1 per function and year with no activity that year, years of the ledger without budget
    no_level = (a.assign(no_level=a["level"].isna()).groupby("function_code", sort=True)["no_level"].sum()
                .rename("count").reset_index())
    no_level = no_level.loc[no_level["count"] > 0].assign(check_name="measures_without_level")
    actual = sel.loc[(sel["amount_kind"] == "actual") & (sel["dranst"] == 1)]
    ledger_fy = actual.groupby(["function_code", "year"], sort=True)["amount_dkk"].sum().reset_index()
    with_activity = pd.MultiIndex.from_frame(hap[["function_code", "year"]])   # hap covers every year of the period
    no_activity = ~pd.MultiIndex.from_frame(ledger_fy[["function_code", "year"]]).isin(with_activity)
    cost = (ledger_fy.loc[no_activity & (ledger_fy["amount_dkk"].round(2) != 0)]
            .assign(check_name="cost_without_activity"))
    budget_years = set(sel.loc[sel["amount_kind"] == "budget_corrected", "year"])
    no_budget = pd.DataFrame({"year": sorted(set(sel["year"]) - budget_years)}).assign(check_name="year_without_budget")
    findings = (pd.concat([no_level, cost, no_budget], ignore_index=True)
                .reindex(columns=["check_name", "function_code", "year", "count", "amount_dkk"])
                .astype({"year": "Int64", "count": "Int64", "amount_dkk": "float64"})
                .sort_values(["check_name", "function_code", "year"], ignore_index=True))

    # import history (as queries/data_import_history.sql)
    history = raw.import_log.assign(sha256_prefix=raw.import_log["sha256"].str[:12]).drop(columns="sha256")
    history = history.sort_values("import_id", ascending=False, ignore_index=True)
    return {"ledger": ledger, "ledger_fn": ledger_fn, "hap": hap, "findings": findings, "history": history}


# --------------------------------------------------------------------------------------------------
# trends: monthly actuals and budgets (dranst 1+2) per year x month x amount kind x dranst with postings,
# net actuals per function and year with the function's name and the months posted (split "funktion"), and
# the population per year and age group, for one municipality, a list of functions and a period
# --------------------------------------------------------------------------------------------------

# One statement. Ledger: one scan of ledger_monthly with two grouping sets (the function set keeps the amount
# kind, so the budget rows it also yields are dropped after grouping); names joined after grouping.
# Population: the municipality's rows grouped per year and age group.
TRENDS_FLOOR = """
with ledger_part as (
    select year, month, amount_kind, dranst, function_code,
           sum(amount_dkk)::double as amount_dkk, sum(postings)::bigint as postings,
           count(distinct month) as months
    from ledger_monthly
    where kommunekode = $kommune and list_contains($functions, function_code)
      and year between $from_year and $to_year and dranst in (1, 2)
    group by grouping sets ((year, month, amount_kind, dranst), (year, amount_kind, function_code))
)
select case when l.function_code is null then 'monthly' else 'function' end as part,
       l.year, l.month, l.amount_kind, l.dranst, l.function_code,
       case when l.function_code is not null then coalesce(f.name, l.function_code) end as function_name,
       null::varchar as age_group, l.amount_dkk, l.postings, l.months, null::bigint as persons
from ledger_part l
left join kontoplan_function f on f.function_code = l.function_code
where l.function_code is null or l.amount_kind = 'actual'
union all
select 'population', year, null, null, null, null, null, age_group, null, null, null, sum(persons)::bigint
from population
where kommunekode = $kommune and year between $from_year and $to_year
group by year, age_group
"""


def pandas_trends(raw: RawTables, params: dict) -> dict[str, pd.DataFrame]:
    k, functions, y0, y1 = params["kommune"], params["functions"], params["from_year"], params["to_year"]
    led = raw.ledger
    sel = led.loc[(led["kommunekode"] == k) & led["function_code"].isin(functions) & led["year"].between(y0, y1)
                  & led["dranst"].isin([1, 2])]
    monthly = (sel.groupby(["year", "month", "amount_kind", "dranst"], sort=True)
               .agg(amount_dkk=("amount_dkk", "sum"), postings=("amount_dkk", "size")).reset_index())
    actual = sel.loc[sel["amount_kind"] == "actual"]
    by_function = (actual.groupby(["year", "function_code"], sort=True)
                   .agg(amount_dkk=("amount_dkk", "sum"), months=("month", "nunique")).reset_index())
    names = raw.kontoplan_function.set_index("function_code")["name"]
    by_function["function_name"] = by_function["function_code"].map(names).fillna(by_function["function_code"])
    pop = raw.population
    population = (pop.loc[(pop["kommunekode"] == k) & pop["year"].between(y0, y1)]
                  .groupby(["year", "age_group"], sort=True)["persons"].sum().reset_index())
    return {"monthly": monthly, "by_function": by_function, "population": population}


# --------------------------------------------------------------------------------------------------
# benchmark: net expenditure on an area per municipality, year, source and key figure (all municipalities,
# all years; Statbank rows of the area's functions, key-figure rows covering exactly the area), the population
# per municipality, year and age group, the socio-economic index per municipality and year, and the
# municipalities with region and DST comparison group
# --------------------------------------------------------------------------------------------------

# One statement: the four parts side by side (union all; each part fills its own columns).
BENCHMARK_FLOOR = """
with values_part as (
    select kommunekode, year, is_synthetic, unit, price_unit, key_figure, min(source) as source,
           sum(value)::double as value,
           case when key_figure is null then count(distinct function_code) else len($functions) end as functions_n
    from benchmark
    where measure = 'net_expenditure'
      and ((key_figure is null and list_contains($functions, function_code))
           or (key_figure is not null and function_code = $area))
    group by kommunekode, year, is_synthetic, unit, price_unit, key_figure
),
population_part as (
    select kommunekode, year, age_group, sum(persons)::bigint as persons
    from population
    group by all
),
socio_part as (
    select kommunekode, year, avg(index_value)::double as socio_index
    from socio_index
    group by all
),
municipality_part as (
    select m.kommunekode, m.name, m.regionskode, m.region, m.is_synthetic,
           coalesce(try_cast(substr(cg.group_name, 5) as integer), m.dst_group) as dst_group
    from municipality m
    left join (select kommunekode, min(group_name) as group_name
               from comparison_group
               where group_name like 'dst\\_9%' escape '\\'
               group by kommunekode) cg using (kommunekode)
)
select 'values' as part, kommunekode, year, null::varchar as age_group, is_synthetic, unit, price_unit, key_figure,
       source, value, functions_n, null::bigint as persons, null::double as socio_index, null::varchar as name,
       null::varchar as regionskode, null::varchar as region, null::integer as dst_group,
       null::varchar as dst_group_name
from values_part
union all
select 'population', kommunekode, year, age_group, null, null, null, null, null, null, null, persons, null, null,
       null, null, null, null
from population_part
union all
select 'socio', kommunekode, year, null, null, null, null, null, null, null, null, null, socio_index, null, null,
       null, null, null
from socio_part
union all
select 'municipality', mp.kommunekode, null, null, mp.is_synthetic, null, null, null, null, null, null, null, null,
       mp.name, mp.regionskode, mp.region, mp.dst_group, g.name
from municipality_part mp
left join municipality_group g on g.group_code = mp.dst_group
"""


def pandas_benchmark(raw: RawTables, params: dict) -> dict[str, pd.DataFrame]:
    b = raw.benchmark
    statbank = b["key_figure"].isna()
    sel = b.loc[(b["measure"] == "net_expenditure")
                & ((statbank & b["function_code"].isin(params["functions"]))
                   | (~statbank & (b["function_code"] == params["area"])))]
    values = (sel.groupby(["kommunekode", "year", "is_synthetic", "unit", "price_unit", "key_figure"], sort=True,
                          dropna=False)
              .agg(source=("source", "min"), value=("value", "sum"), functions_n=("function_code", "nunique"))
              .reset_index())
    # a key figure covers the whole area: all the area's functions
    values.loc[values["key_figure"].notna(), "functions_n"] = len(params["functions"])
    population = (raw.population.groupby(["kommunekode", "year", "age_group"], sort=True)["persons"].sum()
                  .reset_index())
    socio = (raw.socio_index.groupby(["kommunekode", "year"], sort=True)["index_value"].mean()
             .rename("socio_index").reset_index())
    cg = raw.comparison_group
    dst = cg.loc[cg["group_name"].str.startswith("dst_9")].groupby("kommunekode")["group_name"].min()
    dst_code = pd.to_numeric(dst.str[4:], errors="coerce").rename("dst_code")
    m = raw.municipality.join(dst_code, on="kommunekode")
    m["dst_group"] = m["dst_code"].fillna(m["dst_group"])
    groups = raw.municipality_group.set_index("group_code")["name"]
    m["dst_group_name"] = m["dst_group"].map(groups)
    municipalities = m.drop(columns="dst_code").sort_values("kommunekode", ignore_index=True)
    return {"values": values, "population": population, "socio": socio, "municipalities": municipalities}


# --------------------------------------------------------------------------------------------------
# decomposition (split "niveau" = level of need): for the base and the comparison year, merged citizen-days
# (HÅP), measure-days and activity cost per month and level, the same per level and provider (with its provider
# types), the ledger's net actuals on operations (dranst 1) per month, and the activity data date, for one
# municipality and a list of functions
# --------------------------------------------------------------------------------------------------


def decomposition_years(params: dict) -> tuple[int, int]:
    """(base year, comparison year) the benchmark decomposes: the two years before the last year of the data
    (the floor below spells the same as $to_year - 2 and $to_year - 1)."""
    return params["to_year"] - 2, params["to_year"] - 1


# One statement: the four parts side by side (union all; each part fills its own columns). Segments and
# providers from segment_person_month / segment_provider_month (a citizen's overlapping or adjacent measures
# already merged per function, level (and provider) and month), the ledger from ledger_monthly.
DECOMPOSITION_FLOOR = """
with segments_part as (
    select year, month, segment as segment_value,
           sum(person_days)::bigint as person_days, sum(measure_days)::bigint as measure_days,
           sum(cost_dkk)::double as cost_dkk
    from segment_person_month
    where dimension = 'level' and kommunekode = $kommune and list_contains($functions, function_code)
      and year in ($to_year - 2, $to_year - 1)
    group by year, month, segment
),
providers_part as (
    select year, month, segment as segment_value, provider,
           array_to_string(list_sort(list_distinct(flatten(list(string_split(provider_type, ','))))), ',') as provider_type,
           sum(person_days)::bigint as person_days, sum(cost_dkk)::double as cost_dkk
    from segment_provider_month
    where dimension = 'level' and kommunekode = $kommune and list_contains($functions, function_code)
      and year in ($to_year - 2, $to_year - 1)
    group by year, month, segment, provider
),
ledger_part as (
    select year, month, sum(amount_dkk)::double as amount_dkk
    from ledger_monthly
    where kommunekode = $kommune and amount_kind = 'actual' and dranst = 1
      and list_contains($functions, function_code) and year in ($to_year - 2, $to_year - 1)
    group by year, month
)
select 'segments' as part, year, month, segment_value, null::varchar as provider, null::varchar as provider_type,
       person_days, measure_days, cost_dkk, null::double as amount_dkk, null::date as data_date
from segments_part
union all
select 'providers', year, month, segment_value, provider, provider_type, person_days, null, cost_dkk, null, null
from providers_part
union all
select 'ledger', year, month, null, null, null, null, null, null, amount_dkk, null
from ledger_part
union all
select 'data_date', null, null, null, null, null, null, null, null, null, data_date
from activity_data_date
"""


# --------------------------------------------------------------------------------------------------
# Udgiftsdrivere: what dashboard.loaders.load_drivers reads for all its sections at once (the page itself loads
# one section's), in ONE statement: one row whose list columns are the loader's eleven frames (the years with
# activity and the cost per citizen and year, both from citizen_function_year, materialised at import; distinct
# citizens per provider of the two years; per provider / offer type and year; measures started and ended per
# month; each measure of the comparison year against its median; the providers' rows of the two years; the data
# date; the transitions to adulthood; the distinct citizens per provider, offer type and year and of the measures
# started and ended per year, which the suppression of small counts reads). The years are the loader's for the bench's filters: from the first year of
# the data to the comparison year $to_year - 1, base year $to_year - 2 (decomposition_years); all ages. One scan
# of the area's activity_year rows serves the parts that read them.
# --------------------------------------------------------------------------------------------------

DRIVERS_FLOOR = """
with ay as (
    select * from activity_year
    where kommunekode = $kommune and list_contains($functions, function_code)
      and year between $from_year and $to_year - 1
),
citizen_part as (
    select year, citizen_key, sum(cost_dkk)::double as cost_dkk, sum(person_days)::bigint as person_days,
           first(main_level order by main_days desc, main_level desc) as main_level
    from citizen_function_year
    where kommunekode = $kommune and list_contains($functions, function_code)
      and year between $from_year and $to_year - 1
    group by year, citizen_key
),
provider_citizen_part as (
    select year, provider, count(distinct citizen_key)::bigint as citizens
    from (select year, citizen_key, unnest(providers) as provider from citizen_function_year
          where kommunekode = $kommune and list_contains($functions, function_code)
            and year in ($to_year - 2, $to_year - 1))
    group by year, provider
),
provider_part as (
    select coalesce(provider, 'ukendt') as provider,
           string_agg(distinct coalesce(provider_type, 'ukendt'), ',' order by coalesce(provider_type, 'ukendt')) as provider_type,
           coalesce(offer_type, 'ukendt') as offer_type, year, sum(days)::bigint as measure_days,
           sum(cost_dkk)::double as cost_dkk, sum(cost_dkk) / sum(days) as dkk_per_day
    from ay where days > 0
    group by coalesce(provider, 'ukendt'), coalesce(offer_type, 'ukendt'), year
),
dd as (select data_date from activity_data_date),
provider_offer_citizen_part as (
    select coalesce(provider, 'ukendt') as provider, coalesce(offer_type, 'ukendt') as offer_type, year,
           count(distinct citizen_key)::bigint as citizens
    from ay where days > 0 group by all
),
flow_citizen_part as (
    select year, coalesce(s.started_citizens, 0) as started_citizens, coalesce(e.ended_citizens, 0) as ended_citizens
    from (select year(start_date) as year, count(distinct citizen_key)::bigint as started_citizens
          from activity where kommunekode = $kommune and list_contains($functions, function_code)
            and year(start_date) between $from_year and $to_year - 1 and start_date <= (select data_date from dd)
          group by all) s
    full join (select year(end_date) as year, count(distinct citizen_key)::bigint as ended_citizens
               from activity where kommunekode = $kommune and list_contains($functions, function_code)
                 and end_date is not null and year(end_date) between $from_year and $to_year - 1
                 and end_date <= (select data_date from dd)
               group by all) e using (year)
),
flow_part as (
    select year, month, coalesce(s.started_measures, 0) as started_measures,
           coalesce(s.started_dkk_per_day, 0) as started_dkk_per_day,
           coalesce(e.ended_measures, 0) as ended_measures, coalesce(e.ended_duration_days, 0) as ended_duration_days
    from (select year(start_date) as year, month(start_date) as month, count(*)::bigint as started_measures,
                 sum(tariff_dkk_per_day)::double as started_dkk_per_day
          from activity where kommunekode = $kommune and list_contains($functions, function_code)
            and year(start_date) between $from_year and $to_year - 1 and start_date <= (select data_date from dd)
          group by all) s
    full join (select year(end_date) as year, month(end_date) as month, count(*)::bigint as ended_measures,
                      sum(end_date - start_date + 1)::bigint as ended_duration_days
               from activity where kommunekode = $kommune and list_contains($functions, function_code)
                 and end_date is not null and year(end_date) between $from_year and $to_year - 1
                 and end_date <= (select data_date from dd)
               group by all) e using (year, month)
),
need_part as (
    select m.citizen_key, m.case_id, m.function_code, coalesce(m.provider, 'ukendt') as provider,
           coalesce(m.provider_type, 'ukendt') as provider_type, coalesce(m.offer_type, 'ukendt') as offer_type,
           coalesce(m.level, 'ikke_vurderet') as level, m.tariff_dkk_per_day, m.days::bigint as days,
           m.cost_dkk::double as cost_dkk,
           median(m.tariff_dkk_per_day) over (partition by m.offer_type, m.level) as median_dkk_per_day,
           count(*) over (partition by m.offer_type, m.level) as peers, m.offer_type is null or m.level is null as alone
    from ay m where m.year = $to_year - 1
),
segments_part as (
    select year, month, segment as segment_value, sum(person_days)::bigint as person_days,
           sum(measure_days)::bigint as measure_days, sum(cost_dkk)::double as cost_dkk
    from segment_person_month
    where dimension = 'provider' and kommunekode = $kommune and list_contains($functions, function_code)
      and year in ($to_year - 2, $to_year - 1)
    group by year, month, segment
),
both_areas as (
    select citizen_key, year, birth_year, cost_dkk, starts_with(function_code, '5.28.') as in_children,
           starts_with(function_code, '5.38.') as in_adults
    from activity_year where kommunekode = $kommune and birth_year is not null and days > 0
),
moved as (
    select citizen_key, any_value(birth_year) + 18 as year_18 from both_areas group by citizen_key
    having bool_or(in_children and year < birth_year + 18) and bool_or(in_adults and year >= birth_year + 18)
),
transition_part as (
    select m.year_18, count(distinct m.citizen_key)::bigint as citizens,
           count(distinct case when x.in_adults and x.year = m.year_18 + 1 then x.citizen_key end)::bigint
               as adult_citizens_next,
           coalesce(sum(case when x.in_adults and x.year = m.year_18 + 1 then x.cost_dkk end), 0)::double
               as adult_cost_next_dkk,
           coalesce(sum(case when x.in_children and x.year = m.year_18 - 1 then x.cost_dkk end), 0)::double
               as child_cost_before_dkk,
           count(distinct case when x.in_children and x.year = m.year_18 - 1 then x.citizen_key end)::bigint
               as child_citizens_before
    from moved m join both_areas x using (citizen_key)
    where m.year_18 between $from_year and $to_year - 1
    group by m.year_18
)
select (select list(c) from citizen_part c) as citizen_year,
       (select list(distinct year) from citizen_part) as activity_years,
       (select list(pc) from provider_citizen_part pc) as provider_citizens,
       (select list(p) from provider_part p) as provider_year,
       (select list(f) from flow_part f) as flow_month,
       (select list(po) from provider_offer_citizen_part po) as provider_offer_citizens,
       (select list(fc) from flow_citizen_part fc) as flow_citizens,
       (select list({'citizen_key': n.citizen_key, 'tariff_dkk_per_day': n.tariff_dkk_per_day, 'days': n.days,
                     'median_dkk_per_day': case when n.alone then null else n.median_dkk_per_day end,
                     'peers': case when n.alone then null else n.peers end, 'offer_type': n.offer_type,
                     'level': n.level, 'provider': n.provider, 'provider_type': n.provider_type,
                     'case_id': n.case_id, 'function_code': n.function_code, 'cost_dkk': n.cost_dkk})
        from need_part n) as price_need,
       (select list(s) from segments_part s) as providers,
       (select data_date from dd) as data_date,
       (select list(x) from transition_part x) as transitions
"""


def _part(floor: pl.DataFrame, column: str) -> pl.DataFrame:
    """One list column of a one-row floor as a frame."""
    return floor.select(pl.col(column).explode()).unnest(column)


def check_drivers(loaded, floor: pl.DataFrame, pandas_out) -> list[str]:
    """The loader's frames against the floor's parts (no pandas baseline for this page)."""
    specs = [  # (label, loader frame, floor column, keys, values)
        ("citizens", loaded.citizen_year, "citizen_year", ["year", "citizen_key"], ["cost_dkk", "person_days"]),
        ("citizens per provider", loaded.provider_citizens, "provider_citizens", ["year", "provider"], ["citizens"]),
        ("providers by offer type", loaded.provider_year, "provider_year", ["provider", "offer_type", "year"],
         ["measure_days", "cost_dkk"]),
        ("measures in and out", loaded.flow_month, "flow_month", ["year", "month"],
         ["started_measures", "started_dkk_per_day", "ended_measures", "ended_duration_days"]),
        ("providers of the two years", loaded.providers, "providers", ["year", "month", "segment_value"],
         ["person_days", "measure_days", "cost_dkk"]),
        ("transitions", loaded.transitions, "transitions", ["year_18"],
         ["citizens", "adult_citizens_next", "adult_cost_next_dkk", "child_cost_before_dkk", "child_citizens_before"]),
        ("citizens per provider and offer type", loaded.provider_offer_citizens, "provider_offer_citizens",
         ["provider", "offer_type", "year"], ["citizens"]),
        ("citizens in and out", loaded.flow_citizens, "flow_citizens", ["year"], ["started_citizens", "ended_citizens"]),
    ]
    problems = []
    for label, from_loader, column, k, v in specs:
        problems += _compare(f"{label}: loader vs floor", _rows(from_loader, k, v), _rows(_part(floor, column), k, v),
                             allow_empty=True)
    need, floor_need = loaded.price_need, _part(floor, "price_need")
    sums = lambda df: {("measures",): (float(df.height), float(df["cost_dkk"].sum()),  # noqa: E731
                                       float(df["median_dkk_per_day"].fill_null(0).sum()))}
    problems += _compare("price against need: loader vs floor", sums(need), sums(floor_need))
    problems += _compare("years with activity: loader vs floor", {(y,): () for y in loaded.activity_years},
                         {(y,): () for y in floor["activity_years"][0]})
    problems += _compare("data date: loader vs floor", {(str(loaded.data_date),): ()},
                         {(str(floor["data_date"][0]),): ()})
    return problems


def island_days(x: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The HÅP merge rule in pandas (bench's oracle for queries/build/macros.sql:hap_days_added): a citizen's
    overlapping or adjacent periods [s, e] (dates, both included) per `keys` (citizen_key among them) merged
    into islands; one row per island with `keys`, its first day s, last day e and days = e - s + 1. Summed,
    the days are those on which at least one period runs."""
    x = x.sort_values(keys + ["s", "e"], ignore_index=True)
    prev_e = x.groupby(keys, sort=False)["e"].cummax().groupby([x[c] for c in keys], sort=False).shift()
    island = (prev_e.isna() | (x["s"] > prev_e + pd.Timedelta(days=1))).cumsum()
    merged = x.groupby(island, sort=False).agg(**{c: (c, "first") for c in keys}, s=("s", "min"), e=("e", "max"))
    merged["days"] = (merged["e"] - merged["s"]).dt.days + 1
    return merged


def pandas_decomposition(raw: RawTables, params: dict) -> dict:
    k, functions = params["kommune"], params["functions"]
    years = decomposition_years(params)
    act = raw.activity
    a = act.loc[(act["kommunekode"] == k) & act["function_code"].isin(functions)]
    # missing values named as the view activity_month_segments names them
    level = a["level"].fillna("ikke_vurderet")
    provider = a["provider"].fillna("ukendt")
    provider_type = a["provider_type"].fillna("ukendt")
    # an open end runs to the data date; no month after the data date's month exists
    dd = raw.data_date
    end_eff = a["end_date"].fillna(dd).clip(upper=dd + pd.offsets.MonthEnd(0))
    parts = []
    for year in years:
        for month in range(1, 13):
            first = pd.Timestamp(year, month, 1)
            last = first + pd.offsets.MonthEnd(0)
            s = a["start_date"].clip(lower=first)
            e = end_eff.clip(upper=last)
            keep = s <= e
            parts.append(pd.DataFrame({"citizen_key": a["citizen_key"][keep], "function_code": a["function_code"][keep],
                                       "level": level[keep], "provider": provider[keep],
                                       "provider_type": provider_type[keep], "year": year, "month": month,
                                       "s": s[keep], "e": e[keep], "tariff": a["tariff_dkk_per_day"][keep]}))
    x = pd.concat(parts, ignore_index=True)
    x["days"] = (x["e"] - x["s"]).dt.days + 1
    x["cost"] = x["days"] * x["tariff"]

    # per month and level: person-days merged per citizen, function, level and month; measure-days and cost unmerged
    seg_keys = ["citizen_key", "function_code", "level", "year", "month"]
    persons = (island_days(x, seg_keys).groupby(["year", "month", "level"], sort=True)["days"].sum()
               .rename("person_days"))
    segments = (x.groupby(["year", "month", "level"], sort=True)
                .agg(measure_days=("days", "sum"), cost_dkk=("cost", "sum"))
                .join(persons).reset_index().rename(columns={"level": "segment_value"}))
    # per month, level and provider: merged per citizen, function, level, provider and month
    prov_keys = ["citizen_key", "function_code", "level", "provider", "year", "month"]
    prov_persons = (island_days(x, prov_keys).groupby(["year", "month", "level", "provider"], sort=True)["days"]
                    .sum().rename("person_days"))
    providers = (x.groupby(["year", "month", "level", "provider"], sort=True)
                 .agg(provider_type=("provider_type", lambda t: ",".join(sorted(t.unique()))), cost_dkk=("cost", "sum"))
                 .join(prov_persons).reset_index().rename(columns={"level": "segment_value"}))

    led = raw.ledger
    sel = led.loc[(led["kommunekode"] == k) & (led["amount_kind"] == "actual") & (led["dranst"] == 1)
                  & led["function_code"].isin(functions) & led["year"].isin(years)]
    ledger = sel.groupby(["year", "month"], sort=True)["amount_dkk"].sum().reset_index()
    return {"segments": segments, "providers": providers, "ledger": ledger, "data_date": dd.date()}


# --------------------------------------------------------------------------------------------------
# agreement checks (outside the timing): the loader, the floor and pandas must give the same numbers
# --------------------------------------------------------------------------------------------------


def _rows(df, keys: list[str], values: list[str]) -> dict[tuple, tuple]:
    if isinstance(df, pd.DataFrame):
        df = pl.from_pandas(df)
    out = {}
    for r in df.select(keys + values).iter_rows():
        out[tuple(str(v) for v in r[:len(keys)])] = tuple(None if v is None else float(v) for v in r[len(keys):])
    return out


def _counted(df, keys: list[str]) -> dict[tuple, tuple]:
    """Rows keyed on all their columns, with how often each occurs (for parts without measures)."""
    if isinstance(df, pd.DataFrame):
        df = pl.from_pandas(df)
    return _rows(df.group_by(keys).len(), keys, ["len"])


def _compare(label: str, a: dict, b: dict, rel: float = 1e-6, allow_empty: bool = False) -> list[str]:
    problems = []
    if not a and not (allow_empty and not b):
        return [f"{label}: no rows to compare"]
    if a.keys() != b.keys():
        missing, extra = sorted(a.keys() - b.keys())[:3], sorted(b.keys() - a.keys())[:3]
        return [f"{label}: keys differ (only in first {missing}, only in second {extra})"]
    for key, va in a.items():
        for x, y in zip(va, b[key]):
            if x is None or y is None:
                if x != y:
                    problems.append(f"{label} {key}: {x} vs {y}")
            elif not math.isclose(x, y, rel_tol=rel, abs_tol=1e-6):
                problems.append(f"{label} {key}: {x} vs {y}")
    return problems[:5]


def check_sidebar(loaded, floor: pl.DataFrame, pandas_out: dict) -> list[str]:
    parts = {name: floor.filter(pl.col("part") == name) for name in ("municipality", "area", "pl_index")}
    problems = []
    # municipalities with data and their years
    k, v = ["kommunekode", "name", "is_synthetic"], ["first_year", "last_year"]
    f = _rows(parts["municipality"], k, v)
    problems += _compare("municipalities: loader vs floor", _rows(loaded.municipalities, k, v), f)
    problems += _compare("municipalities: pandas vs floor", _rows(pandas_out["municipalities"], k, v), f)
    # the areas: every (area, function) pair, each as often as the floor has it
    k2 = ["area_code", "area_name", "area_kind", "sort_group", "function_code"]
    f = _counted(parts["area"], k2)
    problems += _compare("areas: loader vs floor", _counted(loaded.areas, k2), f)
    problems += _compare("areas: pandas vs floor", _counted(pandas_out["areas"], k2), f)
    # the PL index
    k3, v3 = ["year", "source"], ["index_value"]
    f = _rows(parts["pl_index"], k3, v3)
    problems += _compare("PL index: loader vs floor", _rows(loaded.pl_index, k3, v3), f)
    problems += _compare("PL index: pandas vs floor", _rows(pandas_out["pl_index"], k3, v3), f)
    return problems


def check_overview(loaded, floor: pl.DataFrame, pandas_out: dict) -> list[str]:
    led = floor.filter((pl.col("part") == "ledger") & pl.col("function_code").is_null())
    led_fn = floor.filter((pl.col("part") == "ledger") & pl.col("function_code").is_not_null())
    act = floor.filter(pl.col("part") == "activity")
    findings = floor.filter(pl.col("part") == "finding")
    history = floor.filter(pl.col("part") == "import")
    problems = []
    # ledger per year, kind and dranst (with months)
    k, v = ["year", "amount_kind", "dranst"], ["amount_dkk", "months"]
    problems += _compare("ledger: loader vs floor", _rows(loaded.ledger, k, v), _rows(led, k, v))
    problems += _compare("ledger: pandas vs floor", _rows(pandas_out["ledger"], k, v), _rows(led, k, v))
    # actual net on dranst 1 per function and year
    fy = led_fn.filter((pl.col("amount_kind") == "actual") & (pl.col("dranst") == 1))
    problems += _compare("ledger by function: loader vs floor", _rows(loaded.ledger_fy, ["function_code", "year"], ["amount_dkk"]),
                         _rows(fy, ["function_code", "year"], ["amount_dkk"]))
    k2, v2 = ["year", "amount_kind", "dranst", "function_code"], ["amount_dkk", "months"]
    problems += _compare("ledger by function: pandas vs floor", _rows(pandas_out["ledger_fn"], k2, v2), _rows(led_fn, k2, v2))
    # full-year persons, citizens and activity cost per function and year
    hap = loaded.hap.rename({"segment": "function_code"})
    v3 = ["full_year_persons", "cost_dkk", "citizens"]
    problems += _compare("HÅP: loader vs floor", _rows(hap, ["function_code", "year"], v3),
                         _rows(act, ["function_code", "year"], v3))
    problems += _compare("HÅP: pandas vs floor", _rows(pandas_out["hap"], ["function_code", "year"], v3),
                         _rows(act, ["function_code", "year"], v3))
    # data-quality findings (an area and period without findings is fine: then all three must have none)
    k4, v4 = ["check_name", "function_code", "year"], ["count", "amount_dkk"]
    f = _rows(findings, k4, v4)
    problems += _compare("data quality: loader vs floor", _rows(loaded.findings, k4, v4), f, allow_empty=True)
    problems += _compare("data quality: pandas vs floor", _rows(pandas_out["findings"], k4, v4), f, allow_empty=True)
    # the import history
    k5 = ["import_id", "kind", "file_name", "mapping", "started_at", "finished_at", "sha256_prefix", "message"]
    v5 = ["rows_read", "rows_loaded", "first_year", "last_year"]
    f = _rows(history, k5, v5)
    problems += _compare("import history: loader vs floor", _rows(loaded.history, k5, v5), f)
    problems += _compare("import history: pandas vs floor", _rows(pandas_out["history"], k5, v5), f)
    return problems


def check_trends(loaded, floor: pl.DataFrame, pandas_out: dict) -> list[str]:
    monthly = floor.filter(pl.col("part") == "monthly")
    by_function = floor.filter(pl.col("part") == "function")
    pop = floor.filter(pl.col("part") == "population")
    problems = []
    # actuals and budgets per year, month, kind and dranst (with postings)
    k, v = ["year", "month", "amount_kind", "dranst"], ["amount_dkk", "postings"]
    problems += _compare("monthly: loader vs floor", _rows(loaded.monthly, k, v), _rows(monthly, k, v))
    problems += _compare("monthly: pandas vs floor", _rows(pandas_out["monthly"], k, v), _rows(monthly, k, v))
    # net actuals per function and year (the name is part of the key, so it is compared too)
    k2, v2 = ["year", "function_code", "function_name"], ["amount_dkk", "months"]
    problems += _compare("by function: loader vs floor", _rows(loaded.split, k2, v2), _rows(by_function, k2, v2))
    problems += _compare("by function: pandas vs floor", _rows(pandas_out["by_function"], k2, v2),
                         _rows(by_function, k2, v2))
    # population per year and age group
    k3, v3 = ["year", "age_group"], ["persons"]
    problems += _compare("population: loader vs floor", _rows(loaded.population, k3, v3), _rows(pop, k3, v3))
    problems += _compare("population: pandas vs floor", _rows(pandas_out["population"], k3, v3), _rows(pop, k3, v3))
    return problems


def check_benchmark(loaded, floor: pl.DataFrame, pandas_out: dict) -> list[str]:
    parts = {name: floor.filter(pl.col("part") == name) for name in ("values", "population", "socio", "municipality")}
    specs = [  # (label, loader frame, pandas frame, floor part, keys, values)
        ("values", loaded.values, pandas_out["values"], "values",
         ["kommunekode", "year", "is_synthetic", "unit", "price_unit", "key_figure", "source"],
         ["value", "functions_n"]),
        ("population", loaded.population, pandas_out["population"], "population",
         ["kommunekode", "year", "age_group"], ["persons"]),
        ("socio-index", loaded.socio, pandas_out["socio"], "socio", ["kommunekode", "year"], ["socio_index"]),
        ("municipalities", loaded.municipalities, pandas_out["municipalities"], "municipality",
         ["kommunekode", "name", "regionskode", "region", "dst_group_name", "is_synthetic"], ["dst_group"]),
    ]
    problems = []
    for label, from_loader, from_pandas, part, k, v in specs:
        f = _rows(parts[part], k, v)
        problems += _compare(f"{label}: loader vs floor", _rows(from_loader, k, v), f)
        problems += _compare(f"{label}: pandas vs floor", _rows(from_pandas, k, v), f)
    return problems


def check_decomposition(loaded, floor: pl.DataFrame, pandas_out: dict) -> list[str]:
    specs = [  # (label, loader frame, pandas frame, floor part, keys, values)
        ("segments", loaded.segments, pandas_out["segments"], "segments", ["year", "month", "segment_value"],
         ["person_days", "measure_days", "cost_dkk"]),
        ("providers", loaded.providers, pandas_out["providers"], "providers",
         ["year", "month", "segment_value", "provider", "provider_type"], ["person_days", "cost_dkk"]),
        ("ledger", loaded.ledger, pandas_out["ledger"], "ledger", ["year", "month"], ["amount_dkk"]),
    ]
    problems = []
    for label, from_loader, from_pandas, part, k, v in specs:
        f = _rows(floor.filter(pl.col("part") == part), k, v)
        problems += _compare(f"{label}: loader vs floor", _rows(from_loader, k, v), f)
        problems += _compare(f"{label}: pandas vs floor", _rows(from_pandas, k, v), f)
    # the activity data date (the key is the date itself)
    f = {(str(d),): () for d in floor.filter(pl.col("part") == "data_date")["data_date"]}
    problems += _compare("data date: loader vs floor", {(str(loaded.data_date),): ()}, f)
    problems += _compare("data date: pandas vs floor", {(str(pandas_out["data_date"]),): ()}, f)
    return problems
