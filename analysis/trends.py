"""Cost trends for the "Udgiftsudvikling" page: net expenditure per year with growth, per inhabitant in
the target group, splits (function, dranst, buying/selling places, grouping), the current year month by
month against budget with the year-end forecast. Numbers and codes only: the sentences an analyst pastes
into a committee answer and the labels are made in present/trend.py.

All amounts are kr. in the price base of the input (the page converts the query results to the chosen
price base first, see analysis.prices). Net = actuals on dranst 1 (operations) + dranst 2 (state refusion,
an income, negative) unless a column says "before refusion". Pure functions on polars; no streamlit.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from analysis.forecast import Forecast


SPLITS: tuple[str, ...] = ("funktion", "dranst", "koeb_salg", "gruppering")
#: Buy/sell classes in display order: art 4.6-4.8 buying places, 7.6-7.8 selling places, the rest.
ART_CLASSES: tuple[str, ...] = ("koeb", "salg", "oevrige")

_ART = re.compile(r"^\s*(\d)\s*[.,]?\s*(\d)")


# --- target group and per inhabitant --------------------------------------------------------------

def per_inhabitant(annual: pl.DataFrame, population: pl.DataFrame, age_group: str) -> pl.DataFrame:
    """Add persons (inhabitants in ``age_group`` that year) and net_per_inhabitant_dkk.

    net_per_inhabitant_dkk = net_dkk / persons (kr. per inhabitant, same price base as net_dkk), only for
    complete years with a loaded, positive population; otherwise null (the page says "ikke indlæst" when
    persons is null). Input population: rows of queries/trend_population.sql (year, age_group, persons).
    """
    pop = (population.filter(pl.col("age_group") == age_group)
           .group_by("year").agg(pl.col("persons").sum().cast(pl.Float64).alias("persons")))
    out = annual.join(pop.with_columns(pl.col("year").cast(annual.schema["year"])), on="year", how="left")
    return out.with_columns(
        pl.when(pl.col("complete") & (pl.col("persons") > 0))
        .then(pl.col("net_dkk") / pl.col("persons")).otherwise(None).alias("net_per_inhabitant_dkk")
    ).sort("year")


# --- net per year and growth ----------------------------------------------------------------------

def annual_net(monthly: pl.DataFrame, dransts: Sequence[int] = (1, 2)) -> pl.DataFrame:
    """Net expenditure and budgets per year from rows of queries/trend_monthly.sql.

    Input: year, month, amount_kind (actual | budget_original | budget_corrected), dranst, amount_dkk.
    Output per year (kr.): net_dkk = actuals on ``dransts`` (domain.codes.REFUND_BASES: 1+2 after state
    refusion, 1 before); net_before_refusion_dkk = actuals dranst 1; refusion_dkk = actuals dranst 2;
    budget_corrected_dkk and budget_original_dkk on ``dransts`` (null when no budget row is loaded);
    months = distinct months with actuals (dranst 1+2); complete = months == 12.
    """
    rows = monthly.filter(pl.col("dranst").is_in([1, 2]))
    actual = rows.filter(pl.col("amount_kind") == "actual")
    on_basis = pl.col("dranst").is_in(list(dransts))
    act = actual.group_by("year").agg(
        pl.col("amount_dkk").filter(on_basis).sum().alias("net_dkk"),
        pl.col("amount_dkk").filter(pl.col("dranst") == 1).sum().alias("net_before_refusion_dkk"),
        pl.col("amount_dkk").filter(pl.col("dranst") == 2).sum().alias("refusion_dkk"),
        pl.col("month").n_unique().cast(pl.Int64).alias("months"),
    )
    budgets = []
    for kind, col in (("budget_corrected", "budget_corrected_dkk"), ("budget_original", "budget_original_dkk")):
        budgets.append(rows.filter((pl.col("amount_kind") == kind) & on_basis).group_by("year")
                       .agg(pl.col("amount_dkk").sum().alias(col)))
    out = act
    for b in budgets:
        out = out.join(b, on="year", how="full", coalesce=True)
    schema_cols = ["net_dkk", "net_before_refusion_dkk", "refusion_dkk", "budget_corrected_dkk",
                   "budget_original_dkk"]
    return (out.with_columns([pl.col(c).cast(pl.Float64) for c in schema_cols])
            .with_columns(pl.col("months").fill_null(0), (pl.col("months").fill_null(0) == 12).alias("complete"))
            .filter(pl.col("months") > 0)
            .select("year", *schema_cols, "months", "complete")
            .sort("year"))


def budget_only_years(monthly: pl.DataFrame) -> pl.DataFrame:
    """Years after the last year with actuals that have a budget but no actuals yet (e.g. the new year in
    January, before its first month is posted), from rows of queries/trend_monthly.sql.

    Output per year (kr., dranst 1+2): budget_corrected_dkk and budget_original_dkk (null when that budget is
    not loaded); sorted by year. Empty when every budget year also has actuals.
    """
    rows = monthly.filter(pl.col("dranst").is_in([1, 2]))
    actual_years = rows.filter(pl.col("amount_kind") == "actual")["year"]
    last_actual = actual_years.max() if actual_years.len() else None
    later = rows if last_actual is None else rows.filter(pl.col("year") > last_actual)
    out = pl.DataFrame(schema={"year": pl.Int64})
    for kind, col in (("budget_corrected", "budget_corrected_dkk"), ("budget_original", "budget_original_dkk")):
        part = (later.filter(pl.col("amount_kind") == kind).group_by("year")
                .agg(pl.col("amount_dkk").sum().cast(pl.Float64).alias(col))
                .with_columns(pl.col("year").cast(pl.Int64)))
        out = out.join(part, on="year", how="full", coalesce=True)
    return out.sort("year")


def add_growth(annual: pl.DataFrame, col: str = "net_dkk") -> pl.DataFrame:
    """Add change_dkk = x(t) - x(t-1) and change_pct = x(t) / x(t-1) - 1 (fraction).

    Only between two consecutive complete years; otherwise (incomplete year, gap, x(t-1) = 0) null.
    """
    df = annual.sort("year")
    prev = pl.col(col).shift(1)
    ok = pl.col("complete") & pl.col("complete").shift(1).fill_null(False) & (pl.col("year").shift(1) == pl.col("year") - 1)
    return df.with_columns(
        pl.when(ok).then(pl.col(col) - prev).otherwise(None).alias("change_dkk"),
        pl.when(ok & (prev != 0)).then(pl.col(col) / prev - 1).otherwise(None).alias("change_pct"),
    )


@dataclass(frozen=True)
class SpanGrowth:
    """Growth between the first and the last complete year (kr. of one price base)."""

    first_year: int
    last_year: int
    first_dkk: float
    last_dkk: float

    @property
    def change_dkk(self) -> float:
        """last - first (kr.)."""
        return self.last_dkk - self.first_dkk

    @property
    def change_pct(self) -> float | None:
        """last / first - 1 (fraction); None when first is 0."""
        return self.last_dkk / self.first_dkk - 1 if self.first_dkk else None

    @property
    def annual_pct(self) -> float | None:
        """Average yearly growth (last / first) ** (1 / (last_year - first_year)) - 1 (fraction)."""
        n = self.last_year - self.first_year
        if not self.first_dkk or n <= 0 or self.last_dkk / self.first_dkk <= 0:
            return None
        return (self.last_dkk / self.first_dkk) ** (1 / n) - 1


def span_growth(annual: pl.DataFrame, col: str = "net_dkk") -> SpanGrowth | None:
    """Growth over the whole span: the first and the last complete year with a value (None if < 2)."""
    full = annual.filter(pl.col("complete") & pl.col(col).is_not_null()).sort("year")
    if full.height < 2:
        return None
    first, last = full.row(0, named=True), full.row(-1, named=True)
    return SpanGrowth(int(first["year"]), int(last["year"]), float(first[col]), float(last[col]))


# --- splits ---------------------------------------------------------------------------------------

def classify_art(art: str | None) -> str:
    """'koeb' for art 4.6-4.8 (payments to other public authorities: buying places), 'salg' for art
    7.6-7.8 (payments from them: selling places), else 'oevrige' (own offers, private providers, other).

    Reads the main art and the first digit after it: "4.7", "4,7", "47", "4.71" are all 4.7.
    """
    if art is None:
        return "oevrige"
    m = _ART.match(str(art))
    if not m:
        return "oevrige"
    main, sub = int(m.group(1)), int(m.group(2))
    if main == 4 and 6 <= sub <= 8:
        return "koeb"
    if main == 7 and 6 <= sub <= 8:
        return "salg"
    return "oevrige"


def split_long(split: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Net actuals per year and segment of a split (kr.): year, segment, name (the function's name for
    'funktion', else null; the display label is made by present.trend.label_split), net_dkk.

    Input per split: 'dranst' rows of trend_monthly.sql; 'funktion' trend_by_function.sql (year,
    function_code, function_name, amount_dkk); 'koeb_salg' trend_by_art.sql (year, art, amount_dkk);
    'gruppering' trend_by_grouping.sql (year, gruppering, amount_dkk). Segments of one year sum to that
    year's net_dkk (dranst 1+2 actuals).
    """
    if split == "dranst":
        df = (frame.filter((pl.col("amount_kind") == "actual") & pl.col("dranst").is_in([1, 2]))
              .group_by("year", "dranst").agg(pl.col("amount_dkk").sum().alias("net_dkk"))
              .with_columns(pl.col("dranst").cast(pl.String).alias("segment")))
        order = ["1", "2"]
    elif split == "funktion":
        df = (frame.group_by("year", "function_code").agg(pl.col("amount_dkk").sum().alias("net_dkk"),
                                                           pl.col("function_name").first())
              .rename({"function_code": "segment"}))
        order = sorted(df["segment"].unique().to_list())
    elif split == "koeb_salg":
        # each distinct art classified once in this thread (a polars UDF would take the GIL on polars' pool)
        classes = {a: classify_art(a) for a in frame["art"].unique().to_list() if a is not None}
        df = (frame.with_columns(pl.col("art").replace_strict(classes, return_dtype=pl.String)
                                 .fill_null(classify_art(None)).alias("segment"))
              .group_by("year", "segment").agg(pl.col("amount_dkk").sum().alias("net_dkk")))
        order = list(ART_CLASSES)
    elif split == "gruppering":
        df = (frame.with_columns(pl.col("gruppering").fill_null("").alias("segment"))
              .group_by("year", "segment").agg(pl.col("amount_dkk").sum().alias("net_dkk")))
        order = sorted(df["segment"].unique().to_list())
    else:
        raise ValueError(f"unknown split {split!r}; use one of {SPLITS}")
    if split == "funktion":
        df = df.rename({"function_name": "name"})
    else:
        df = df.with_columns(pl.lit(None, pl.String).alias("name"))
    rank = {s: i for i, s in enumerate(order)}
    return (df.with_columns(pl.col("net_dkk").cast(pl.Float64),
                            pl.col("segment").replace_strict(rank, default=len(rank), return_dtype=pl.Int64).alias("_o"))
            .sort("_o", "year").drop("_o").select("year", "segment", "name", "net_dkk"))


def split_table(long: pl.DataFrame, years: list[int], first_year: int | None, last_year: int | None) -> pl.DataFrame:
    """Wide table behind a split chart: one row per segment plus a total row (segment "total").

    Columns: segment, net_<year>_dkk for each year (kr.), change_dkk = net(last) - net(first) and
    change_pct = net(last) / net(first) - 1 between the first and last complete year (null when either is
    missing, or for change_pct when net(first) is not positive).
    """
    segments = long["segment"].unique(maintain_order=True).to_list()
    rows = []
    for seg in segments:
        sub = long.filter(pl.col("segment") == seg)
        rows.append({"segment": seg,
                     **{f"net_{y}_dkk": _sum_or_none(sub.filter(pl.col("year") == y)["net_dkk"]) for y in years}})
    rows.append({"segment": "total",
                 **{f"net_{y}_dkk": _sum_or_none(long.filter(pl.col("year") == y)["net_dkk"]) for y in years}})
    schema = {"segment": pl.String, **{f"net_{y}_dkk": pl.Float64 for y in years}}
    wide = pl.DataFrame(rows, schema=schema, orient="row")
    if first_year is None or last_year is None or first_year == last_year:
        return wide.with_columns(pl.lit(None, pl.Float64).alias("change_dkk"), pl.lit(None, pl.Float64).alias("change_pct"))
    a, b = pl.col(f"net_{first_year}_dkk"), pl.col(f"net_{last_year}_dkk")
    return wide.with_columns(
        (b.fill_null(0) - a.fill_null(0)).alias("change_dkk"),
        pl.when(a > 0).then(b.fill_null(0) / a - 1).otherwise(None).alias("change_pct"),
    )


def _sum_or_none(s: pl.Series) -> float | None:
    return float(s.sum()) if s.len() else None


# --- the current year month by month --------------------------------------------------------------

def actual_by_month(monthly: pl.DataFrame) -> pl.DataFrame:
    """Actuals on dranst 1+2 per (year, month), kr.: the input of analysis.forecast."""
    return (monthly.filter((pl.col("amount_kind") == "actual") & pl.col("dranst").is_in([1, 2]))
            .group_by("year", "month").agg(pl.col("amount_dkk").sum().cast(pl.Float64))
            .sort("year", "month"))


def current_year_months(monthly: pl.DataFrame, forecast: Forecast) -> pl.DataFrame:
    """The forecast year month by month (kr., dranst 1+2), months 1..12.

    actual_dkk = actuals of the month (null after the last month with actuals); actual_cum_dkk = their
    running sum; budget_corrected_cum_dkk / budget_original_cum_dkk = running sums of the monthly budget
    rows (null when that budget is not loaded); forecast_cum_dkk = the forecast path (Forecast.cumulative_path)
    from the last month with actuals to December (null before it); spend_pct = actual_cum_dkk / the full
    year's corrected budget (fraction; null without budget).
    """
    rows = monthly.filter((pl.col("year") == forecast.year) & pl.col("dranst").is_in([1, 2]))
    months = pl.DataFrame({"month": list(range(1, 13))}, schema={"month": pl.Int64})

    def kind(k: str, name: str) -> pl.DataFrame:
        return (rows.filter(pl.col("amount_kind") == k).group_by("month")
                .agg(pl.col("amount_dkk").sum().cast(pl.Float64).alias(name))
                .with_columns(pl.col("month").cast(pl.Int64)))

    out = months
    for k, name in (("actual", "actual_dkk"), ("budget_corrected", "budget_corrected_dkk"),
                    ("budget_original", "budget_original_dkk")):
        out = out.join(kind(k, name), on="month", how="left")
    m = forecast.months_to_date
    path = forecast.cumulative_path()
    has_corr = out["budget_corrected_dkk"].is_not_null().any()
    has_orig = out["budget_original_dkk"].is_not_null().any()
    corr_total = out["budget_corrected_dkk"].sum() if has_corr else None
    out = out.with_columns(
        pl.when(pl.col("month") <= m).then(pl.col("actual_dkk").fill_null(0.0)).otherwise(None).alias("actual_dkk"),
    ).with_columns(
        pl.when(pl.col("month") <= m).then(pl.col("actual_dkk").cum_sum()).otherwise(None).alias("actual_cum_dkk"),
        (pl.col("budget_corrected_dkk").fill_null(0.0).cum_sum() if has_corr else pl.lit(None, pl.Float64))
        .alias("budget_corrected_cum_dkk"),
        (pl.col("budget_original_dkk").fill_null(0.0).cum_sum() if has_orig else pl.lit(None, pl.Float64))
        .alias("budget_original_cum_dkk"),
        pl.col("month").replace_strict({k: v for k, v in path.items() if k >= m}, default=None,
                                       return_dtype=pl.Float64).alias("forecast_cum_dkk"),
    )
    return out.with_columns(
        (pl.col("actual_cum_dkk") / corr_total if corr_total else pl.lit(None, pl.Float64)).alias("spend_pct"),
    ).select("month", "actual_dkk", "actual_cum_dkk", "budget_corrected_dkk", "budget_corrected_cum_dkk",
             "budget_original_cum_dkk", "forecast_cum_dkk", "spend_pct")


def with_forecast(annual: pl.DataFrame, forecast: Forecast) -> pl.DataFrame:
    """Add forecast_dkk (the forecast year's expected result while it is incomplete, else null) and
    budget_deviation_dkk = (net_dkk of a complete year, else forecast_dkk) - budget_corrected_dkk (kr.;
    null without a budget or a forecast)."""
    return annual.with_columns(
        pl.when(pl.col("year") == forecast.year)
        .then(pl.lit(forecast.forecast_dkk if not forecast.is_complete else None, pl.Float64))
        .otherwise(None).alias("forecast_dkk"),
    ).with_columns(
        pl.when(pl.col("complete")).then(pl.col("net_dkk")).otherwise(pl.col("forecast_dkk"))
        .sub(pl.col("budget_corrected_dkk")).alias("budget_deviation_dkk"),
    )


@dataclass(frozen=True)
class BudgetDeviation:
    """Expected over- or underspend: forecast - corrected budget (kr.; positive = merforbrug)."""

    forecast_dkk: float
    budget_dkk: float

    @property
    def deviation_dkk(self) -> float:
        return self.forecast_dkk - self.budget_dkk

    @property
    def deviation_pct(self) -> float | None:
        """deviation / corrected budget (fraction); None when the budget is 0."""
        return self.deviation_dkk / self.budget_dkk if self.budget_dkk else None

    @property
    def kind(self) -> str:
        """'merforbrug' (forecast above budget), 'mindreforbrug' (below) or 'budget' (equal at 0,1 mio. kr.)."""
        if round(self.deviation_dkk / 1e5) == 0:
            return "budget"
        return "merforbrug" if self.deviation_dkk > 0 else "mindreforbrug"


__all__ = ["SPLITS", "ART_CLASSES", "per_inhabitant",
           "budget_only_years",
           "annual_net", "add_growth", "SpanGrowth", "span_growth", "classify_art",
           "split_long", "split_table", "actual_by_month", "current_year_months", "BudgetDeviation",
           "with_forecast"]
