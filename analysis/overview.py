"""Key figures for the overview page: net expenditure per year, coverage of the ledger by activity data
(growth: analysis.trends.add_growth, the one definition every page uses). Numbers only (the headline sentence:
present/overview.py). Pure functions on polars frames; no streamlit.
"""
from __future__ import annotations

from collections.abc import Sequence

import polars as pl



def net_by_year(ledger: pl.DataFrame, dransts: Sequence[int] = (1, 2)) -> pl.DataFrame:
    """Net actual expenditure and corrected budget per year (kr.).

    Input: rows of queries/overview_ledger_by_year.sql (year, amount_kind, dranst, amount_dkk, months).
    net_dkk = sum of actuals on ``dransts`` (domain.codes.REFUND_BASES: 1 operations, plus 2 state refusion,
    negative, for net after refusion). budget_dkk is the corrected budget on the same dransts (null when not
    loaded). complete = actuals posted in all 12 months.
    """
    rows = ledger.filter(pl.col("dranst").is_in(list(dransts)))
    actual = (rows.filter(pl.col("amount_kind") == "actual").group_by("year")
              .agg(pl.col("amount_dkk").sum().alias("net_dkk"), pl.col("months").max().alias("months")))
    budget = (rows.filter(pl.col("amount_kind") == "budget_corrected").group_by("year")
              .agg(pl.col("amount_dkk").sum().alias("budget_dkk")))
    original = (rows.filter(pl.col("amount_kind") == "budget_original").group_by("year")
                .agg(pl.col("amount_dkk").sum().alias("budget_original_dkk")))
    out = (actual.join(budget, on="year", how="full", coalesce=True)
           .join(original, on="year", how="full", coalesce=True)
           .with_columns((pl.col("months").fill_null(0) == 12).alias("complete"))
           .sort("year"))
    return out


def coverage(ledger_fy: pl.DataFrame, activity_fy: pl.DataFrame) -> pl.DataFrame:
    """Share of the ledger's net actual cost (dranst 1) explained by activity-based cost.

    coverage = activity cost_dkk / ledger amount_dkk per function and year (null when the ledger
    amount is zero or missing). Both inputs in kr., current prices.
    """
    joined = ledger_fy.join(activity_fy.select("function_code", "year", "cost_dkk"),
                            on=["function_code", "year"], how="full", coalesce=True)
    return joined.with_columns(
        pl.when(pl.col("amount_dkk").fill_null(0) != 0)
        .then(pl.col("cost_dkk").fill_null(0) / pl.col("amount_dkk"))
        .otherwise(None).alias("coverage")
    ).sort("function_code", "year")


def volume_by_year(hap_year: pl.DataFrame, citizens: pl.DataFrame) -> pl.DataFrame:
    """Full-year persons, citizens and unit price year by year, to check "fewer citizens, higher prices".

    Input: ``hap_year`` one row per year (year, full_year_persons, cost_dkk in kr. of one price base,
    is_partial_year), ``citizens`` rows of queries/overview_citizens_by_year.sql (year, citizens).
    Output per year: full_year_persons, citizens, cost_dkk, complete = not is_partial_year,
    unit_price_dkk = cost_dkk / full_year_persons (kr. per HÅP; null for an incomplete year, whose cost covers
    only part of the year, or without HÅP), and for each of full_year_persons, citizens and unit_price_dkk an
    index = value / value in the first complete year x 100 (null for an incomplete year).
    """
    out = (hap_year.join(citizens.select("year", pl.col("citizens").cast(pl.Float64)), on="year", how="full",
                         coalesce=True)
           .with_columns((~pl.col("is_partial_year").fill_null(False)).alias("complete"))
           .with_columns(pl.when(pl.col("complete") & (pl.col("full_year_persons") > 0))
                         .then(pl.col("cost_dkk") / pl.col("full_year_persons")).otherwise(None)
                         .alias("unit_price_dkk"))
           .sort("year"))
    full = out.filter(pl.col("complete"))
    first = full.row(0, named=True) if not full.is_empty() else {}
    index = []
    for col in ("full_year_persons", "citizens", "unit_price_dkk"):
        base = first.get(col)
        index.append(pl.when(pl.col("complete") & pl.lit(bool(base)))
                     .then(pl.col(col) / (base or 1) * 100).otherwise(None).alias(f"{col}_index"))
    return out.with_columns(index).select(
        "year", "complete", "full_year_persons", "citizens", "cost_dkk", "unit_price_dkk",
        "full_year_persons_index", "citizens_index", "unit_price_dkk_index")


def volume_by_segment_year(hap_segment: pl.DataFrame) -> pl.DataFrame:
    """Full-year persons, citizens and unit price per segment and year: where "fewer citizens, higher prices"
    holds and where it does not.

    Input: rows of queries/overview_hap_by_segment.sql for one split (year, segment, full_year_persons,
    citizens, cost_dkk in kr. of one price base, is_partial_year). Output per segment and year: complete = not
    is_partial_year, full_year_persons, citizens, cost_dkk and unit_price_dkk = cost_dkk / full_year_persons
    (kr. per HÅP; null for an incomplete year or without HÅP), sorted by segment and year.
    """
    return (hap_segment
            .with_columns((~pl.col("is_partial_year").fill_null(False)).alias("complete"),
                          pl.col("citizens").cast(pl.Float64))
            .with_columns(pl.when(pl.col("complete") & (pl.col("full_year_persons") > 0))
                          .then(pl.col("cost_dkk") / pl.col("full_year_persons")).otherwise(None)
                          .alias("unit_price_dkk"))
            .select("segment", "year", "complete", "full_year_persons", "citizens", "cost_dkk", "unit_price_dkk")
            .sort("segment", "year"))


def segment_changes(by_segment_year: pl.DataFrame) -> pl.DataFrame:
    """Per segment, the change from the first to the last complete year of the period (both the same for
    every segment, so the rows compare): first_year, last_year, and for full_year_persons, citizens and
    unit_price_dkk the value in each (``<col>_first``, ``<col>_last``) and ``<col>_change`` = last / first - 1
    (a fraction; null when the first is 0 or missing). A segment absent in a year has 0 HÅP and citizens there.

    Input: :func:`volume_by_segment_year`. Output sorted by the last year's cost, largest first."""
    complete_years = sorted(set(by_segment_year.filter(pl.col("complete"))["year"].to_list()))
    columns = ("full_year_persons", "citizens", "unit_price_dkk")
    if len(complete_years) < 2:
        return pl.DataFrame()
    y0, y1 = complete_years[0], complete_years[-1]
    segments = by_segment_year.select("segment").unique()

    def year_values(year: int, suffix: str) -> pl.DataFrame:
        part = by_segment_year.filter(pl.col("year") == year)
        return segments.join(part.select("segment", *columns, "cost_dkk"), on="segment", how="left").select(
            "segment",
            *[(pl.col(c) if c == "unit_price_dkk" else pl.col(c).fill_null(0.0)).alias(f"{c}_{suffix}")
              for c in columns],
            pl.col("cost_dkk").fill_null(0.0).alias(f"cost_dkk_{suffix}"))

    out = year_values(y0, "first").join(year_values(y1, "last"), on="segment")
    return (out.with_columns(
                *[pl.when(pl.col(f"{c}_first") > 0).then(pl.col(f"{c}_last") / pl.col(f"{c}_first") - 1)
                  .otherwise(None).alias(f"{c}_change") for c in columns],
                pl.lit(y0).alias("first_year"), pl.lit(y1).alias("last_year"))
            .sort(["cost_dkk_last", "segment"], descending=[True, False]))


__all__ = ["net_by_year", "coverage", "volume_by_year", "volume_by_segment_year", "segment_changes"]
