"""Activity-based budget and the monthly economy check ("økonomitjek") of the budget model (Prognose).

Offers and the ledger meet on functions: an offer type's measures are booked on the functions of their activity
rows (activity.function_code); the ledger's actuals and budgets are booked on functions and do not say which offer
a posting belongs to. A *budget unit* is a smallest set of offer types and functions such that every measure of
its offer types is booked on its functions and every measure on its functions belongs to its offer types (a
connected component of the graph offer type - function). A unit of one offer type ties that offer alone to the
ledger; a unit of several offer types can only be set against the ledger together (the page names them), and
nothing is apportioned.

* Activity-based budget of a unit for year Y:
      B_act = F + sum over (offer type o, level l) of HÅP_Y(o, l) x rate(o, l) x days(Y)
  HÅP_Y: the model's baseline for Y (actual to the data date + forecast); rate in kr. a day (default: the mean
  daily tariff of the segment's citizens on the data date, as the tariff model; a segment without citizens then:
  the model's own cost_Y / days_Y; the user may set their own). F, the fixed part: the unit's ledger net actuals
  of Y - 1 (on the chosen dransts) less the activity-based cost of Y - 1 (days x tariff of the measures as
  exported), i.e. what the ledger holds beyond the activity, moved to Y's prices by PL(Y) / PL(Y - 1) (factor 1
  when the index lacks a year). The allocated budget: the ledger's corrected budget of Y on the unit's functions
  (the original budget when the export holds no corrected one for Y).
* Economy check of a unit for year Y, m = the last month of Y with ledger actuals:
      expected = L(1..m) + R + F x (12 - m) / 12
  L: the ledger's net actuals of months 1..m; R: the activity-based cost after month m: the measures as exported
  from the day after month m to the data date, plus the model's forecast after the data date (when month m ends
  after the data date: the forecast times the share of its days that fall after month m). The fixed part is
  spread evenly over the months. Difference = expected - budget (positive: overrun).

Amounts in kr., current prices of Y. Pure polars; no streamlit.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

import polars as pl

from analysis.budget_model import actual_days, actual_years, days_in_year, tariff_change

#: ledger input columns (queries/prognose_ledger.sql)
LEDGER_COLUMNS = ("year", "month", "function_code", "dranst", "amount_kind", "amount_dkk")


def budget_units(measures: pl.DataFrame) -> pl.DataFrame:
    """One row per offer type: offer_type, unit (1..n, numbered in the order of each unit's first offer type),
    offers (the unit's offer types, sorted), functions (the unit's function codes, sorted). Units are the
    connected components of the offer type - function graph of ``measures`` (offer_type, function_code)."""
    pairs = measures.select("offer_type", "function_code").unique().sort("offer_type", "function_code")
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for o, f in pairs.iter_rows():
        ro, rf = find(("o", o)), find(("f", f))
        if ro != rf:
            parent[rf] = ro
    groups: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for o, f in pairs.iter_rows():
        offers, functions = groups.setdefault(find(("o", o)), (set(), set()))
        offers.add(o)
        functions.add(f)
    ordered = sorted(groups.values(), key=lambda g: min(g[0]))
    rows = [(o, i, sorted(offers), sorted(functions))
            for i, (offers, functions) in enumerate(ordered, start=1) for o in sorted(offers)]
    return pl.DataFrame(rows, schema={"offer_type": pl.String, "unit": pl.Int64, "offers": pl.List(pl.String),
                                      "functions": pl.List(pl.String)}, orient="row")


def ledger_months(ledger: pl.DataFrame, year: int) -> int:
    """The last month of ``year`` with ledger actuals (0 when none)."""
    m = ledger.filter((pl.col("year") == year) & (pl.col("amount_kind") == "actual"))["month"]
    return int(m.max()) if m.len() else 0


def _ledger_sum(ledger: pl.DataFrame, functions: list[str], year: int, kind: str, dransts: list[int],
                to_month: int = 12) -> float | None:
    rows = ledger.filter((pl.col("year") == year) & (pl.col("amount_kind") == kind) & (pl.col("month") <= to_month)
                         & pl.col("function_code").is_in(functions) & pl.col("dranst").is_in(dransts))
    return float(rows["amount_dkk"].sum()) if rows.height else None


def allocated_budget(ledger: pl.DataFrame, functions: list[str], year: int,
                     dransts: list[int]) -> tuple[float | None, str | None]:
    """(amount in kr., kind) of the ledger's budget of ``year`` on ``functions``: the corrected budget, else the
    original one; (None, None) when the export holds neither."""
    for kind in ("budget_corrected", "budget_original"):
        value = _ledger_sum(ledger, functions, year, kind, dransts)
        if value is not None:
            return value, kind
    return None, None


def fixed_part(ledger: pl.DataFrame, measures: pl.DataFrame, functions: list[str], offers: list[str], year: int,
               dransts: list[int], pl_index: dict[int, float]) -> float | None:
    """F = (ledger net actuals of year - 1 on ``functions`` - activity-based cost of year - 1 of ``offers``)
    x PL(year) / PL(year - 1) (kr., year's prices; factor 1 when the index lacks either year). None when the
    ledger does not hold all 12 months of year - 1 on the functions."""
    prev = year - 1
    rows = ledger.filter((pl.col("year") == prev) & (pl.col("amount_kind") == "actual")
                         & pl.col("function_code").is_in(functions))
    if rows["month"].n_unique() < 12:
        return None
    net = float(rows.filter(pl.col("dranst").is_in(dransts))["amount_dkk"].sum())
    act = actual_years(measures.filter(pl.col("offer_type").is_in(offers)), [prev])
    activity = float(act["cost_dkk"].sum()) if act.height else 0.0
    factor = pl_index[year] / pl_index[prev] if pl_index.get(year) and pl_index.get(prev) else 1.0
    return (net - activity) * factor


def segment_rates(measures: pl.DataFrame, origin: date) -> pl.DataFrame:
    """offer_type, level, citizens (stays running after ``origin``), tariff_today (their mean daily tariff, kr.):
    the tariff model's defaults, for every offer type."""
    parts = [tariff_change(measures, origin, o, {}).select("level", "citizens", "tariff_today")
             .with_columns(pl.lit(o).alias("offer_type"))
             for o in sorted(measures["offer_type"].unique().to_list())]
    parts = [p for p in parts if p.height]
    if not parts:
        return pl.DataFrame(schema={"offer_type": pl.String, "level": pl.String, "citizens": pl.Int64,
                                    "tariff_today": pl.Float64})
    return pl.concat(parts).select("offer_type", "level", "citizens", "tariff_today")


def activity_budget(segments: pl.DataFrame, today: pl.DataFrame, year: int,
                    own_rates: dict[tuple[str, str], float] | None = None) -> pl.DataFrame:
    """The activity-regulated part per segment of year ``year``.

    ``segments``: offer_type, level, hap, cost_dkk (the model's baseline for the year); ``today``: offer_type,
    level, citizens, tariff_today (:func:`segment_rates`); ``own_rates``: (offer type, level) -> kr. a day.
    Returns offer_type, level, citizens (0 when none on the data date), hap, rate_measured (tariff_today, else
    cost_dkk / (hap x days(year))), rate (own, else measured), rate_basis ('today' | 'model' | 'own'),
    cost_dkk = hap x rate x days(year) (kr.)."""
    own = own_rates or {}
    dy = days_in_year(year)
    j = (segments.select("offer_type", "level", "hap", pl.col("cost_dkk").alias("_model"))
         .join(today, on=["offer_type", "level"], how="left")
         .with_columns(pl.col("citizens").fill_null(0).cast(pl.Int64),
                       pl.when(pl.col("tariff_today").is_not_null()).then(pl.col("tariff_today"))
                       .when(pl.col("hap") > 0).then(pl.col("_model") / (pl.col("hap") * dy))
                       .otherwise(0.0).alias("rate_measured"),
                       pl.when(pl.col("tariff_today").is_not_null()).then(pl.lit("today"))
                       .otherwise(pl.lit("model")).alias("rate_basis")))
    own_col = pl.Series("_own", [own.get((o, lvl)) for o, lvl in j.select("offer_type", "level").iter_rows()],
                        dtype=pl.Float64)
    j = j.with_columns(own_col).with_columns(
        pl.coalesce("_own", "rate_measured").alias("rate"),
        pl.when(pl.col("_own").is_not_null()).then(pl.lit("own")).otherwise(pl.col("rate_basis")).alias("rate_basis"))
    return (j.with_columns((pl.col("hap") * pl.col("rate") * dy).alias("cost_dkk"))
            .select("offer_type", "level", "citizens", "hap", "rate_measured", "rate", "rate_basis", "cost_dkk"))


def _month_end(year: int, month: int) -> date:
    """The last day of ``month`` of ``year``; month 0: the day before 1 January."""
    if month == 0:
        return date(year, 1, 1) - timedelta(days=1)
    return date(year, month, calendar.monthrange(year, month)[1])


def activity_rest(measures: pl.DataFrame, segments: pl.DataFrame, origin: date, year: int, month: int) -> pl.DataFrame:
    """offer_type, rest_dkk: the activity-based cost of ``year`` after ``month`` (see the module's docstring).
    ``segments``: the model's rows of the year (offer_type, source, cost_dkk; source 'actual' = to the data date).
    """
    end_m = _month_end(year, month)
    forecast = (segments.filter(pl.col("source") != "actual").group_by("offer_type")
                .agg(pl.col("cost_dkk").sum().alias("_f")))
    year_end = date(year, 12, 31)
    if end_m < origin:
        known = (actual_days(measures.filter(pl.col("start_date") <= origin), end_m + timedelta(days=1), origin)
                 .group_by("offer_type").agg(pl.col("cost_dkk").sum().alias("_k")))
        share = 1.0
    else:
        known = pl.DataFrame(schema={"offer_type": pl.String, "_k": pl.Float64})
        after = (year_end - origin).days
        share = (year_end - end_m).days / after if after > 0 else 0.0
    out = forecast.join(known, on="offer_type", how="full", coalesce=True)
    return out.select("offer_type",
                      (pl.col("_f").fill_null(0.0) * share + pl.col("_k").fill_null(0.0)).alias("rest_dkk"))


def economy_check(units: pl.DataFrame, ledger: pl.DataFrame, measures: pl.DataFrame, segments: pl.DataFrame,
                  origin: date, year: int, dransts: list[int], pl_index: dict[int, float],
                  fixed_override: dict[int, float] | None = None) -> pl.DataFrame:
    """One row per budget unit (:func:`budget_units`): unit, offers, functions, months (m), actual_to_date_dkk
    (ledger, months 1..m; null when the ledger holds nothing on the functions), activity_rest_dkk,
    fixed_dkk (F, a year; null when unknown, then 0 in the sum), fixed_rest_dkk = F x (12 - m) / 12,
    expected_dkk, budget_dkk, budget_kind, difference_dkk = expected - budget (null without a budget),
    difference_pct = difference / budget. Sorted by difference (largest overrun first, no budget last).
    ``segments``: the model's rows (year, offer_type, source, cost_dkk); ``fixed_override``: unit -> F (kr.)."""
    m = ledger_months(ledger, year)
    seg = segments.filter(pl.col("year") == year)
    rest = dict(activity_rest(measures, seg, origin, year, m).iter_rows())
    rows = []
    for unit, offers, functions in units.select("unit", "offers", "functions").unique("unit").sort("unit").iter_rows():
        actual = _ledger_sum(ledger, functions, year, "actual", dransts, m)
        in_ledger = ledger.filter(pl.col("function_code").is_in(functions)).height > 0
        if actual is None and in_ledger:
            actual = 0.0
        budget, kind = allocated_budget(ledger, functions, year, dransts)
        fixed = (fixed_override or {}).get(unit)
        if fixed is None:
            fixed = fixed_part(ledger, measures, functions, offers, year, dransts, pl_index)
        r = sum(rest.get(o, 0.0) for o in offers)
        fixed_rest = (fixed or 0.0) * (12 - m) / 12
        expected = (actual + r + fixed_rest) if actual is not None else None
        diff = expected - budget if expected is not None and budget is not None else None
        rows.append((unit, offers, functions, m, actual, r, fixed, fixed_rest, expected, budget, kind, diff,
                     diff / budget if diff is not None and budget else None))
    schema = {"unit": pl.Int64, "offers": pl.List(pl.String), "functions": pl.List(pl.String), "months": pl.Int64,
              "actual_to_date_dkk": pl.Float64, "activity_rest_dkk": pl.Float64, "fixed_dkk": pl.Float64,
              "fixed_rest_dkk": pl.Float64, "expected_dkk": pl.Float64, "budget_dkk": pl.Float64,
              "budget_kind": pl.String, "difference_dkk": pl.Float64, "difference_pct": pl.Float64}
    df = pl.DataFrame(rows, schema=schema, orient="row")
    return df.sort(pl.col("difference_dkk").is_null(), pl.col("difference_dkk"), descending=[False, True])


__all__ = ["budget_units", "ledger_months", "allocated_budget", "fixed_part", "segment_rates", "activity_budget",
           "activity_rest", "economy_check"]
