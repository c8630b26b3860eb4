"""Baselines for the page loaders: the same question as ONE hand-written DuckDB query (the "floor") and
answered with pandas on the raw tables (the "pandas" baseline), plus checks that all three agree.

Each page of bench.run.PAGES names its floor SQL and its pandas function here. The pandas functions get
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

# The floors read the tables the importer materialises for the pages (ledger_monthly, activity_year,
# segment_person_year; queries/derived_*.sql), as the page queries do: the floor is the best ONE query can
# do on the database as it is built. The pandas baselines start from the raw ledger and activity rows.

# --------------------------------------------------------------------------------------------------
# sidebar: which municipalities have data, for which years (the part of the sidebar that scans data;
# the area list and the PL index are small reference tables)
# --------------------------------------------------------------------------------------------------

SIDEBAR_FLOOR = """
select kommunekode, min(year) as first_year, max(year) as last_year
from ledger_monthly
group by kommunekode
order by kommunekode
"""


def pandas_sidebar(raw: "RawTables", params: dict) -> pd.DataFrame:
    return raw.ledger.groupby("kommunekode", sort=True)["year"].agg(["min", "max"])


# --------------------------------------------------------------------------------------------------
# overview: net per year (year x amount kind x dranst, with the months posted) and per function, and
# full-year persons (overlapping measures of a citizen merged), citizens and activity cost per function
# and year, for one municipality, a list of functions and a period
# --------------------------------------------------------------------------------------------------

# One statement. Ledger: one scan of ledger_monthly with two grouping sets. Activity: full-year persons
# and citizens from segment_person_year (dimension function_code: a citizen's overlapping measures already
# merged per function and year), cost from the same rows.
OVERVIEW_FLOOR = """
with ledger_part as (
    select 'ledger' as part, year, amount_kind, dranst, function_code,
           sum(amount_dkk)::double as amount_dkk, count(distinct month) as months,
           null::double as full_year_persons, null::double as cost_dkk, null::bigint as citizens
    from ledger_monthly
    where kommunekode = $kommune and list_contains($functions, function_code)
      and year between $from_year and $to_year
    group by grouping sets ((year, amount_kind, dranst), (year, amount_kind, dranst, function_code))
),
activity_part as (
    select 'activity' as part, s.year, null::varchar as amount_kind, null::integer as dranst, s.function_code,
           null::double as amount_dkk, null::bigint as months,
           s.person_days * 1.0 / (least(make_date(s.year, 12, 31), dd.data_date) - make_date(s.year, 1, 1) + 1)
               as full_year_persons,
           s.cost_dkk, s.citizens
    from segment_person_year s, activity_data_date dd
    where s.dimension = 'function_code' and s.kommunekode = $kommune and list_contains($functions, s.function_code)
      and s.year between $from_year and $to_year
)
select * from ledger_part
union all
select * from activity_part
"""


@dataclass
class RawTables:
    """The raw tables as pandas frames, loaded once outside the timing."""

    ledger: pd.DataFrame
    activity: pd.DataFrame
    data_date: pd.Timestamp

    @property
    def nbytes(self) -> int:
        return int(self.ledger.memory_usage(deep=False).sum() + self.activity.memory_usage(deep=False).sum())


def load_raw(con: duckdb.DuckDBPyConnection) -> RawTables:
    with con.cursor() as cur:
        ledger = cur.sql("select kommunekode, year, month, function_code, dranst, amount_kind, amount_dkk "
                         "from ledger").df()
    with con.cursor() as cur:
        activity = cur.sql("select kommunekode, citizen_key, function_code, start_date, end_date, "
                           "tariff_dkk_per_day from activity").df()
    with con.cursor() as cur:
        data_date = cur.sql("select data_date from activity_data_date").fetchall()[0][0]
    return RawTables(ledger, activity, pd.Timestamp(data_date))


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
    x = x.sort_values(["citizen_key", "function_code", "year", "s", "e"], ignore_index=True)
    keys = ["citizen_key", "function_code", "year"]
    prev_e = x.groupby(keys, sort=False)["e"].cummax().groupby([x[c] for c in keys], sort=False).shift()
    island = (prev_e.isna() | (x["s"] > prev_e + pd.Timedelta(days=1))).cumsum()
    merged = x.groupby(island, sort=False).agg(function_code=("function_code", "first"), year=("year", "first"),
                                               s=("s", "min"), e=("e", "max"))
    merged["days"] = (merged["e"] - merged["s"]).dt.days + 1
    persons = merged.groupby(["function_code", "year"], sort=True)["days"].sum().rename("person_days")
    cost = x.groupby(["function_code", "year"], sort=True).agg(cost_dkk=("cost", "sum"),
                                                               citizens=("citizen_key", "nunique"))
    hap = cost.join(persons).reset_index()
    period_end = np.minimum(pd.to_datetime(hap["year"].astype(str) + "-12-31"), dd)
    days_in_period = (period_end - pd.to_datetime(hap["year"].astype(str) + "-01-01")).dt.days + 1
    hap["full_year_persons"] = hap["person_days"] / days_in_period
    return {"ledger": ledger, "ledger_fn": ledger_fn, "hap": hap}


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


def _compare(label: str, a: dict, b: dict, rel: float = 1e-6) -> list[str]:
    problems = []
    if not a:
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


def check_sidebar(loaded, floor: pl.DataFrame, pandas_out: pd.DataFrame) -> list[str]:
    munis = loaded.municipalities.filter(pl.col("kommunekode").is_in(floor["kommunekode"].to_list()))
    f = _rows(floor, ["kommunekode"], ["first_year", "last_year"])
    p = {(str(k),): (float(r["min"]), float(r["max"])) for k, r in pandas_out.iterrows()}
    m = _rows(munis, ["kommunekode"], ["first_year", "last_year"])
    return _compare("floor vs pandas", f, p) + _compare("loader vs floor", m, {k: v for k, v in f.items() if k in m})


def check_overview(loaded, floor: pl.DataFrame, pandas_out: dict) -> list[str]:
    led = floor.filter((pl.col("part") == "ledger") & pl.col("function_code").is_null())
    led_fn = floor.filter((pl.col("part") == "ledger") & pl.col("function_code").is_not_null())
    act = floor.filter(pl.col("part") == "activity")
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
    problems += _compare("activity cost: loader vs floor",
                         _rows(loaded.activity_fy, ["function_code", "year"], ["cost_dkk"]),
                         _rows(act, ["function_code", "year"], ["cost_dkk"]))
    return problems
