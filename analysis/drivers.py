"""Cost drivers below the decomposition: how concentrated cost is on few citizens, citizens in and out,
level changes, and prices against need. Numbers and codes only; words live in present/.

All amounts are activity-based (days x daily tariff) in kr., in the price base the caller converted them
to; a citizen-year is a row of queries/drivers_citizen_year.sql, a measure a row of
queries/drivers_price_need.sql.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from domain.codes import LEVEL_ORDER, NOT_ASSESSED

#: Shares of the costliest citizens whose part of the cost is shown (1 %, 5 %, 20 %).
CONCENTRATION_SHARES: tuple[float, ...] = (0.01, 0.05, 0.20)
#: Yearly cost per citizen above which a citizen counts as a costly case (kr.).
COST_THRESHOLDS_DKK: tuple[int, ...] = (1_000_000, 2_000_000, 5_000_000)


def top_count(citizens: int, share: float) -> int:
    """How many citizens the costliest `share` of `citizens` is: ceil(share x citizens), at least one when
    there are citizens (so the top 1 % of 50 citizens is the single costliest)."""
    if citizens <= 0:
        return 0
    return max(1, math.ceil(round(share * citizens, 9)))


def concentration(citizen_year: pl.DataFrame, shares: tuple[float, ...] = CONCENTRATION_SHARES) -> pl.DataFrame:
    """Per year and share p: the costliest k = top_count(n, p) of the year's n citizens with cost, their cost
    and its share of the year's cost.

    cost_share = top_cost_dkk / total_cost_dkk (None when the year's cost is 0). Columns: year, top_share,
    citizens, top_citizens, top_cost_dkk, total_cost_dkk, cost_share; sorted by year and share.
    """
    rows = []
    for (year,), group in citizen_year.group_by("year"):
        costs = group["cost_dkk"].sort(descending=True).to_list()
        total = float(sum(costs))
        for share in shares:
            k = top_count(len(costs), share)
            top = float(sum(costs[:k]))
            rows.append({"year": int(year), "top_share": share, "citizens": len(costs), "top_citizens": k,
                         "top_cost_dkk": top, "total_cost_dkk": total,
                         "cost_share": top / total if total else None})
    schema = {"year": pl.Int64, "top_share": pl.Float64, "citizens": pl.Int64, "top_citizens": pl.Int64,
              "top_cost_dkk": pl.Float64, "total_cost_dkk": pl.Float64, "cost_share": pl.Float64}
    return pl.DataFrame(rows, schema=schema).sort("year", "top_share")


def growth_concentration(conc: pl.DataFrame, base_year: int, comparison_year: int) -> pl.DataFrame:
    """How much of the cost growth from base_year to comparison_year sits with the costliest citizens.

    For each share p: top_change_dkk = cost of the costliest p in comparison_year - cost of the costliest p
    in base_year (each year's own top, so citizens may differ); total_change_dkk = the change of all cost;
    growth_share = top_change_dkk / total_change_dkk (None when the total did not change). Columns:
    top_share, top_change_dkk, total_change_dkk, growth_share.
    """
    base = conc.filter(pl.col("year") == base_year).select("top_share", b_top="top_cost_dkk", b_total="total_cost_dkk")
    cur = conc.filter(pl.col("year") == comparison_year).select("top_share", c_top="top_cost_dkk", c_total="total_cost_dkk")
    both = base.join(cur, on="top_share", how="inner").sort("top_share")
    total = pl.col("c_total") - pl.col("b_total")
    return both.select(
        "top_share",
        top_change_dkk=pl.col("c_top") - pl.col("b_top"),
        total_change_dkk=total,
        growth_share=pl.when(total != 0).then((pl.col("c_top") - pl.col("b_top")) / total),
    )


def lorenz_curve(costs: list[float]) -> pl.DataFrame:
    """The Lorenz curve of cost over citizens: citizens sorted from cheapest to costliest, point i =
    (i / n, cost of the i cheapest / total cost), starting at (0, 0). Columns citizen_share, cost_share."""
    ordered = sorted(costs)
    total = float(sum(ordered))
    n = len(ordered)
    points = [(0.0, 0.0)]
    running = 0.0
    for i, cost in enumerate(ordered, start=1):
        running += cost
        points.append((i / n, running / total if total else 0.0))
    return pl.DataFrame(points, schema={"citizen_share": pl.Float64, "cost_share": pl.Float64}, orient="row")


def gini(costs: list[float]) -> float | None:
    """Gini coefficient of cost over citizens: 1 - 2 x the area under the Lorenz curve (trapezoids);
    0 = every citizen costs the same, towards 1 = one citizen carries all. None without cost."""
    curve = lorenz_curve(costs)
    if len(costs) == 0 or sum(costs) == 0:
        return None
    x, y = curve["citizen_share"].to_list(), curve["cost_share"].to_list()
    area = sum((x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2 for i in range(1, len(x)))
    return 1 - 2 * area


def threshold_counts(citizen_year: pl.DataFrame,
                     thresholds: tuple[int, ...] = COST_THRESHOLDS_DKK) -> pl.DataFrame:
    """Per year and threshold t: citizens whose cost in the year is at least t, and their cost. Years with
    citizens but none above t get a 0 row. Columns: year, threshold_dkk, citizens, cost_dkk."""
    years = citizen_year["year"].unique().sort().to_list()
    grid = pl.DataFrame({"year": years}, schema={"year": pl.Int64}).join(
        pl.DataFrame({"threshold_dkk": list(thresholds)}, schema={"threshold_dkk": pl.Int64}), how="cross")
    hits = (grid.join(citizen_year.select(pl.col("year").cast(pl.Int64), "cost_dkk"), on="year", how="left")
            .filter(pl.col("cost_dkk") >= pl.col("threshold_dkk"))
            .group_by("year", "threshold_dkk")
            .agg(citizens=pl.len().cast(pl.Int64), cost_dkk=pl.col("cost_dkk").sum()))
    return (grid.join(hits, on=["year", "threshold_dkk"], how="left")
            .with_columns(pl.col("citizens").fill_null(0), pl.col("cost_dkk").fill_null(0.0))
            .sort("year", "threshold_dkk"))


@dataclass(frozen=True)
class CitizenFlow:
    """Cost change between two years split by citizens in and out (kr., exact):

    total_change = new_cost - left_cost + continuing_change, where new citizens have cost in the comparison
    year and none in the base year, left citizens the reverse, and continuing_change is the change of the
    citizens with cost in both years."""

    base_year: int
    comparison_year: int
    new_citizens: int
    left_citizens: int
    continuing_citizens: int
    new_cost_dkk: float
    left_cost_dkk: float
    continuing_change_dkk: float
    base_cost_dkk: float
    comparison_cost_dkk: float
    new_person_days: int = 0          # merged person-days of the new citizens in the comparison year
    left_person_days: int = 0         # ... of the citizens who left, in the base year

    @property
    def total_change_dkk(self) -> float:
        return self.comparison_cost_dkk - self.base_cost_dkk

    @property
    def net_citizens(self) -> int:
        return self.new_citizens - self.left_citizens


def citizen_flow(citizen_year: pl.DataFrame, base_year: int, comparison_year: int) -> CitizenFlow:
    """Split the change of cost from base_year to comparison_year into new citizens, citizens who left and
    the change of those in both (see CitizenFlow). A citizen is in a year when it has a citizen-year row."""
    days = "person_days" in citizen_year.columns
    extra = [pl.col("person_days")] if days else [pl.lit(0).alias("person_days")]
    base = citizen_year.filter(pl.col("year") == base_year).select("citizen_key", *extra, b="cost_dkk")
    cur = citizen_year.filter(pl.col("year") == comparison_year).select("citizen_key", *extra, c="cost_dkk")
    both = base.join(cur, on="citizen_key", how="full", coalesce=True, suffix="_c")
    new = both.filter(pl.col("b").is_null())
    left = both.filter(pl.col("c").is_null())
    cont = both.filter(pl.col("b").is_not_null() & pl.col("c").is_not_null())
    return CitizenFlow(
        base_year=base_year, comparison_year=comparison_year,
        new_citizens=new.height, left_citizens=left.height, continuing_citizens=cont.height,
        new_cost_dkk=float(new["c"].sum()), left_cost_dkk=float(left["b"].sum()),
        continuing_change_dkk=float((cont["c"] - cont["b"]).sum()),
        base_cost_dkk=float(base["b"].sum()), comparison_cost_dkk=float(cur["c"].sum()),
        new_person_days=int(new["person_days_c"].sum()), left_person_days=int(left["person_days"].sum()),
    )


def level_changes(citizen_year: pl.DataFrame, base_year: int, comparison_year: int) -> pl.DataFrame:
    """Citizens in both years by their main level (the level of most measure-days) in each: columns
    from_level, to_level, citizens, direction ('op' when the level rose, 'ned' when it fell, 'samme' when
    unchanged, 'ukendt' when either year is not assessed); sorted by the levels' order."""
    base = citizen_year.filter(pl.col("year") == base_year).select("citizen_key", from_level="main_level")
    cur = citizen_year.filter(pl.col("year") == comparison_year).select("citizen_key", to_level="main_level")
    pairs = base.join(cur, on="citizen_key", how="inner").group_by("from_level", "to_level").agg(
        citizens=pl.len().cast(pl.Int64))
    order = {code: i for code, i in LEVEL_ORDER.items()}

    def direction(a: str, b: str) -> str:
        if NOT_ASSESSED in (a, b):
            return "ukendt"
        return "samme" if a == b else ("op" if order[b] > order[a] else "ned")

    rows = [{**r, "direction": direction(r["from_level"], r["to_level"])} for r in pairs.to_dicts()]
    out = pl.DataFrame(rows, schema={"from_level": pl.String, "to_level": pl.String, "citizens": pl.Int64,
                                     "direction": pl.String})
    return out.sort(pl.col("from_level").replace_strict(order, default=99),
                    pl.col("to_level").replace_strict(order, default=99))


def offer_type_changes(citizen_year: pl.DataFrame, base_year: int, comparison_year: int) -> pl.DataFrame:
    """Citizens in both years whose main offer type (that of their longest measure) differs between them, per
    pair of offer types: columns from_offer_type, to_offer_type, citizens, cost_base_dkk and cost_current_dkk
    (their cost in each year, kr. as given), change_dkk = cost_current_dkk - cost_base_dkk; most citizens first,
    then the offer types' names."""
    base = citizen_year.filter(pl.col("year") == base_year).select(
        "citizen_key", from_offer_type="main_offer_type", b="cost_dkk")
    cur = citizen_year.filter(pl.col("year") == comparison_year).select(
        "citizen_key", to_offer_type="main_offer_type", c="cost_dkk")
    return (base.join(cur, on="citizen_key", how="inner")
            .filter(pl.col("from_offer_type") != pl.col("to_offer_type"))
            .group_by("from_offer_type", "to_offer_type")
            .agg(citizens=pl.len().cast(pl.Int64), cost_base_dkk=pl.col("b").sum(), cost_current_dkk=pl.col("c").sum())
            .with_columns(change_dkk=pl.col("cost_current_dkk") - pl.col("cost_base_dkk"))
            .sort(["citizens", "from_offer_type", "to_offer_type"], descending=[True, False, False]))


def flow_by_year(flow_month: pl.DataFrame) -> pl.DataFrame:
    """Measures started and ended per year from the monthly rows of queries/drivers_flow_month.sql, with the
    mean duration of the ended ones: mean_duration_days = ended_duration_days / ended_measures (None when
    none ended). Columns: year, months, started_measures, ended_measures, net_measures, mean_duration_days."""
    return (flow_month.group_by("year")
            .agg(months=pl.col("month").n_unique().cast(pl.Int64),
                 started_measures=pl.col("started_measures").sum(),
                 ended_measures=pl.col("ended_measures").sum(),
                 ended_duration_days=pl.col("ended_duration_days").sum())
            .with_columns(net_measures=pl.col("started_measures") - pl.col("ended_measures"),
                          mean_duration_days=pl.when(pl.col("ended_measures") > 0)
                          .then(pl.col("ended_duration_days") / pl.col("ended_measures")))
            .drop("ended_duration_days")
            .sort("year"))


def price_gaps(measures: pl.DataFrame) -> pl.DataFrame:
    """Each measure against the median daily price of its offer type and level (same year, same prices):

    gap_dkk_per_day = tariff_dkk_per_day - median_dkk_per_day;
    cost_at_median_dkk = days x median_dkk_per_day;
    above_median_dkk = max(cost_dkk - cost_at_median_dkk, 0), what the year cost more than at the median.
    Measures without a median (no offer type or level) keep nulls and compared = False."""
    compared = pl.col("median_dkk_per_day").is_not_null()
    return measures.with_columns(
        compared=compared,
        gap_dkk_per_day=pl.col("tariff_dkk_per_day") - pl.col("median_dkk_per_day"),
        cost_at_median_dkk=pl.col("days") * pl.col("median_dkk_per_day"),
    ).with_columns(
        above_median_dkk=pl.when(compared).then(pl.max_horizontal(pl.col("cost_dkk") - pl.col("cost_at_median_dkk"), 0.0)),
    )


def provider_price_gaps(gaps: pl.DataFrame) -> pl.DataFrame:
    """Per provider: its compared measures, their cost, what they would have cost at the median of their
    offer type and level, and the sum of the parts above the median (the room to negotiate). Columns:
    provider, provider_type, measures, measures_above, cost_dkk, cost_at_median_dkk, above_median_dkk;
    sorted by above_median_dkk, largest first."""
    return (gaps.filter(pl.col("compared"))
            .group_by("provider")
            .agg(provider_type=pl.col("provider_type").unique().sort().str.join(","),
                 measures=pl.len().cast(pl.Int64),
                 measures_above=(pl.col("above_median_dkk") > 0).sum().cast(pl.Int64),
                 cost_dkk=pl.col("cost_dkk").sum(),
                 cost_at_median_dkk=pl.col("cost_at_median_dkk").sum(),
                 above_median_dkk=pl.col("above_median_dkk").sum())
            .sort(["above_median_dkk", "provider"], descending=[True, False]))


def price_distribution(gaps: pl.DataFrame) -> pl.DataFrame:
    """The daily prices of the compared measures per offer type and level: measures and the 10th, 25th,
    50th, 75th and 90th percentile (linear interpolation), kr. per day. Sorted by offer type and level."""
    q = pl.col("tariff_dkk_per_day")
    out = (gaps.filter(pl.col("compared"))
           .group_by("offer_type", "level")
           .agg(measures=pl.len().cast(pl.Int64),
                p10_dkk_per_day=q.quantile(0.10, "linear"), p25_dkk_per_day=q.quantile(0.25, "linear"),
                median_dkk_per_day=q.median(),
                p75_dkk_per_day=q.quantile(0.75, "linear"), p90_dkk_per_day=q.quantile(0.90, "linear")))
    return out.sort(pl.col("offer_type"), pl.col("level").replace_strict(LEVEL_ORDER, default=99))


def provider_type_cost(provider_year: pl.DataFrame) -> pl.DataFrame:
    """Cost per provider type and year from rows of queries/drivers_provider_price_year.sql (a provider
    registered with several types counts under its joined types, e.g. 'egen,privat'), with the external
    share of the year: external_share = cost not at own offers ('egen') / all cost. Columns: year,
    provider_type, cost_dkk, year_cost_dkk, external_share; sorted by year and type."""
    by_type = provider_year.group_by("year", "provider_type").agg(cost_dkk=pl.col("cost_dkk").sum())
    totals = by_type.group_by("year").agg(
        year_cost_dkk=pl.col("cost_dkk").sum(),
        external_dkk=pl.col("cost_dkk").filter(pl.col("provider_type") != "egen").sum())
    return (by_type.join(totals, on="year")
            .with_columns(external_share=pl.when(pl.col("year_cost_dkk") != 0)
                          .then(pl.col("external_dkk") / pl.col("year_cost_dkk")))
            .drop("external_dkk").sort("year", "provider_type"))


def provider_changes(segments: pl.DataFrame, provider_types: pl.DataFrame) -> pl.DataFrame:
    """One row per provider from analysis.segments.build_segments on the provider split (HÅP and cost of
    the base and the comparison period) with its provider types, the change of cost and the unit prices:
    unit_price_* = cost_* / volume_* (kr. per full-year person; None without HÅP). provider_types: columns
    provider, provider_type. Sorted by the change of cost, largest increase first."""
    types = (provider_types.with_columns(pl.col("provider_type").str.split(","))
             .explode("provider_type")
             .group_by("provider").agg(provider_type=pl.col("provider_type").unique().sort().str.join(",")))
    out = segments.select(pl.col("segment").alias("provider"), "volume_base", "volume_current",
                          "cost_base", "cost_current")
    return (out.join(types, on="provider", how="left")
            .with_columns(pl.col("provider_type").fill_null("ukendt"),
                          change_dkk=pl.col("cost_current") - pl.col("cost_base"),
                          unit_price_base=pl.when(pl.col("volume_base") > 0)
                          .then(pl.col("cost_base") / pl.col("volume_base")),
                          unit_price_current=pl.when(pl.col("volume_current") > 0)
                          .then(pl.col("cost_current") / pl.col("volume_current")))
            .sort(["change_dkk", "provider"], descending=[True, False]))


def provider_citizens(provider_year_citizens: pl.DataFrame, base_year: int, comparison_year: int) -> pl.DataFrame:
    """Distinct citizens per provider in the two years, from rows of queries/drivers_provider_citizens.sql
    (year, provider, citizens). Columns: provider, citizens_base, citizens_current (persons; 0 where none)."""
    def side(year: int, name: str) -> pl.DataFrame:
        return (provider_year_citizens.filter(pl.col("year") == year)
                .select("provider", pl.col("citizens").cast(pl.Int64).alias(name)))

    return (side(base_year, "citizens_base").join(side(comparison_year, "citizens_current"), on="provider",
                                                   how="full", coalesce=True)
            .with_columns(pl.col("citizens_base", "citizens_current").fill_null(0)))


def provider_type_citizens(provider_offer_citizens: pl.DataFrame, provider_year: pl.DataFrame) -> pl.DataFrame:
    """At least how many distinct citizens each provider type had in a year (the groups of
    :func:`provider_type_cost`): the largest count of its providers' rows in queries/drivers_provider_offer_citizens.sql
    (distinct citizens per provider, offer type and year), with the providers' types of the year from
    queries/drivers_provider_price_year.sql. A lower bound of the union (a citizen may be at several providers),
    so a type is never counted as more citizens than it had. Columns: year, provider_type, citizens."""
    types = provider_year.select(pl.col("year").cast(pl.Int64), "provider", "provider_type").unique()
    return (provider_offer_citizens.with_columns(pl.col("year").cast(pl.Int64))
            .join(types, on=["year", "provider"])
            .group_by("year", "provider_type").agg(citizens=pl.col("citizens").max().cast(pl.Int64)))


def distinct_citizens(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Distinct citizens (``citizen_key``) per ``keys`` of a frame of measures. Columns: ``keys``, citizens."""
    return frame.group_by(keys).agg(citizens=pl.col("citizen_key").n_unique().cast(pl.Int64))


def transitions(rows: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """One row per year in ``years`` of the citizens turning 18 who moved from the children's to the adults' area
    (queries/drivers_transitions.sql; 0 in a year without any), with the adults' cost of the year after
    (adult_cost_next_dkk, kr.) and per citizen with a cost then (cost_per_citizen_next_dkk = adult_cost_next_dkk /
    adult_citizens_next, kr.); the next year's figures are null when that year is not among ``years`` (not whole
    yet), the year before's (child_cost_before_dkk, child_citizens_before) when it is not."""
    frame = pl.DataFrame({"year_18": years}, schema={"year_18": pl.Int64}).join(
        rows.with_columns(pl.col("year_18").cast(pl.Int64)), on="year_18", how="left")
    next_whole = pl.col("year_18").add(1).is_in(years)
    return frame.with_columns(
        pl.col("citizens").fill_null(0),
        pl.when(next_whole).then(pl.col("adult_citizens_next").fill_null(0)).alias("adult_citizens_next"),
        pl.when(next_whole).then(pl.col("adult_cost_next_dkk").fill_null(0.0)).alias("adult_cost_next_dkk"),
        pl.when(pl.col("year_18").sub(1).is_in(years)).then(pl.col("child_cost_before_dkk").fill_null(0.0))
        .alias("child_cost_before_dkk"),
        pl.when(pl.col("year_18").sub(1).is_in(years)).then(pl.col("child_citizens_before").fill_null(0))
        .alias("child_citizens_before"),
    ).with_columns(
        pl.when(pl.col("adult_citizens_next") > 0)
        .then(pl.col("adult_cost_next_dkk") / pl.col("adult_citizens_next")).alias("cost_per_citizen_next_dkk"),
    ).sort("year_18")
