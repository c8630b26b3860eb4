"""Year-end forecast of net expenditure from the actuals posted so far in the current year.

Two methods, both in the same kroner as their input (current prices or one fixed price base; the seasonal
shares do not depend on the price base because a year's price factor scales all its months alike):

* ``saeson`` (default): seasonal profile of earlier complete years.
  share_y(m) = (actuals of year y posted in months 1..m) / (actuals of year y in months 1..12);
  S(m) = mean over the earlier complete years y of share_y(m) (unweighted);
  forecast = actual_to_date / S(m), where m = the last month with actuals in the current year.
  The cumulated forecast path is forecast x S(k) for k = 1..12 (equal to the actuals at k = m).
* ``lineaer``: straight run rate. forecast = actual_to_date / m x 12; path = actual_to_date / m x k.

When no earlier complete year exists (or S(m) is not positive) the seasonal method falls back to the run
rate, and :class:`Forecast` says so (``fallback=True``). A complete current year (m = 12) is its own
forecast. Pure functions on polars frames; no streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

METHODS: tuple[str, ...] = ("saeson", "lineaer")


@dataclass(frozen=True)
class Forecast:
    """A year-end forecast and how it was made (amounts in kr. of the input's price base)."""

    year: int
    method: str                      # "saeson" | "lineaer" (the method actually used)
    requested_method: str            # what the user asked for
    months_to_date: int              # m: last month with actuals, 0..12
    actual_to_date_dkk: float        # actuals posted in months 1..m
    forecast_dkk: float | None       # expected actuals for months 1..12 (None when m = 0)
    profile_years: list[int] = field(default_factory=list)   # years behind the seasonal profile
    profile: dict[int, float] = field(default_factory=dict)  # S(k), k = 1..12 (empty for the run rate)

    @property
    def fallback(self) -> bool:
        """True when the seasonal method was asked for but the run rate had to be used."""
        return self.requested_method != self.method

    @property
    def is_complete(self) -> bool:
        return self.months_to_date >= 12

    def cumulative_path(self) -> dict[int, float]:
        """Expected cumulated actuals at the end of month k (k = 1..12), kr.

        Seasonal: forecast x S(k); run rate: actual_to_date / m x k. Empty when there is no forecast or
        the year is complete (its actuals are final).
        """
        if self.forecast_dkk is None or self.months_to_date == 0 or self.is_complete:
            return {}
        if self.method == "saeson":
            return {k: self.forecast_dkk * self.profile[k] for k in range(1, 13)}
        rate = self.actual_to_date_dkk / self.months_to_date
        return {k: rate * k for k in range(1, 13)}


def cumulative_shares(monthly: pl.DataFrame, amount_col: str = "amount_dkk") -> pl.DataFrame:
    """Share of each year's total posted by the end of each month.

    Input: one row per (year, month) with ``amount_col`` in kr. (missing months count as 0).
    Output: year, month (1..12), share = cumulated amount through the month / the year's total
    (null when the total is 0). Only meaningful for complete years.
    """
    grid = (monthly.select("year").unique()
            .join(pl.DataFrame({"month": list(range(1, 13))}, schema={"month": pl.Int64}), how="cross"))
    amounts = monthly.group_by("year", "month").agg(pl.col(amount_col).sum().alias("_a"))
    full = (grid.join(amounts.with_columns(pl.col("month").cast(pl.Int64)),
                      on=["year", "month"], how="left")
            .with_columns(pl.col("_a").fill_null(0.0))
            .sort("year", "month"))
    return full.with_columns(
        pl.col("_a").cum_sum().over("year").alias("_cum"),
        pl.col("_a").sum().over("year").alias("_total"),
    ).select(
        "year", "month",
        pl.when(pl.col("_total") != 0).then(pl.col("_cum") / pl.col("_total")).otherwise(None).alias("share"),
    )


def seasonal_profile(monthly: pl.DataFrame, years: list[int], amount_col: str = "amount_dkk") -> dict[int, float]:
    """S(k) = mean over ``years`` of share_y(k), k = 1..12 (unweighted mean of cumulated shares).

    ``years`` should be complete years (12 months of actuals). Returns {} when no year has a non-zero total.
    """
    shares = cumulative_shares(monthly.filter(pl.col("year").is_in(years)), amount_col)
    shares = shares.filter(pl.col("share").is_not_null())
    if shares.is_empty():
        return {}
    mean = shares.group_by("month").agg(pl.col("share").mean()).sort("month")
    return {int(m): float(s) for m, s in mean.iter_rows()}


def forecast_run_rate(actual_to_date_dkk: float, months_to_date: int) -> float:
    """forecast = actual_to_date / m x 12 (kr.). Requires 1 <= m <= 12."""
    if not 1 <= months_to_date <= 12:
        raise ValueError(f"months_to_date must be 1..12, got {months_to_date}")
    return actual_to_date_dkk / months_to_date * 12


def forecast_seasonal(actual_to_date_dkk: float, months_to_date: int, profile: dict[int, float]) -> float:
    """forecast = actual_to_date / S(m) (kr.), S the seasonal profile. Requires S(m) > 0."""
    if not 1 <= months_to_date <= 12:
        raise ValueError(f"months_to_date must be 1..12, got {months_to_date}")
    share = profile.get(months_to_date)
    if share is None or share <= 0:
        raise ValueError(f"seasonal share for month {months_to_date} is not positive: {share}")
    return actual_to_date_dkk / share


def forecast_year(actual_monthly: pl.DataFrame, year: int, method: str = "saeson",
                  complete_years: list[int] | None = None, amount_col: str = "amount_dkk") -> Forecast:
    """Forecast the year-end actuals of ``year``.

    Input: actuals per (year, month) in kr. (any price base); ``complete_years`` = years with actuals in
    all 12 months (default: every year before ``year`` that has 12 months in the input). The seasonal
    profile uses the complete years before ``year``. m = the last month of ``year`` with actuals;
    actual_to_date = the sum of its months 1..m.
    """
    if method not in METHODS:
        raise ValueError(f"unknown forecast method {method!r}; use one of {METHODS}")
    cur = actual_monthly.filter(pl.col("year") == year)
    months = int(cur["month"].max()) if not cur.is_empty() else 0
    to_date = float(cur[amount_col].sum()) if not cur.is_empty() else 0.0
    if complete_years is None:
        counts = actual_monthly.group_by("year").agg(pl.col("month").n_unique().alias("n"))
        complete_years = counts.filter(pl.col("n") == 12)["year"].to_list()
    earlier = sorted(y for y in complete_years if y < year)
    if months == 0:
        return Forecast(year, method, method, 0, to_date, None)
    if months >= 12:
        return Forecast(year, method, method, 12, to_date, to_date)
    if method == "saeson":
        profile = seasonal_profile(actual_monthly, earlier, amount_col) if earlier else {}
        if profile and profile.get(months, 0) > 0 and len(profile) == 12:
            return Forecast(year, "saeson", method, months, to_date,
                            forecast_seasonal(to_date, months, profile), earlier, profile)
    return Forecast(year, "lineaer", method, months, to_date, forecast_run_rate(to_date, months))


__all__ = ["METHODS", "Forecast", "cumulative_shares", "seasonal_profile", "forecast_run_rate",
           "forecast_seasonal", "forecast_year"]
