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


__all__ = ["net_by_year", "coverage"]
