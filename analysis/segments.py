"""From activity data to the segments of a decomposition, the ledger bridge and the waterfall's steps.
Numbers and codes only: the words, tables and exports the Dekomponering page shows are made from them in
present/decomposition.py. Pure functions on polars frames; no streamlit.

Periods
-------
A decomposition compares a *base* year with a *comparison* year. When one of them is incomplete (the
current year only has activity data to the data date and ledger postings to the last booked month),
both years are cut to the same months january..m, with m the last month complete in every source of
both years (:func:`comparison_window`). HÅP of a period = merged person-days in the period / days in
the period (so it is the average number of persons); cost = days x daily tariff in the period (kr.,
current prices); unit price = cost / HÅP (kr. per HÅP for the period: a whole year, or jan..m).

Segments
--------
:data:`DIMENSIONS` are the splits a user can choose (URL value ``opdeling``). A one-level split has
one segment per value of a column; a two-level split (offer type or paragraph -> level of need) has
one segment per (group, level), and the engine splits the mix into between- and within-group
effects (LMDI). HÅP is merged per citizen *within* a segment, so a citizen with measures in two
segments counts in both: the total volume is the sum over segments.

Ledger
------
:class:`LedgerBridge` holds the ledger's net expenditure on operations (dranst 1) on the same
functions and months. coverage = activity cost / ledger. "Skaler til regnskab" lets the waterfall
start and end at the ledger: the effects stay those of the activity data (never spread over cost
the activity data does not describe) and the difference between ledger and activity cost is its
own step, ``unexplained = (L1 - C1) - (L0 - C0)``, so that

    L0 + volume + mix + unit_price + residual + unallocated + unexplained = L1.

The activity cost shares applied to the ledger (ledger_cost = cost / C x L per segment) are shown
beside the segments as an approximation of where the ledger's money goes.
"""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from analysis.decomposition import Decomposition
from domain.codes import LEVEL_ORDER

__all__ = [
    "DIMENSIONS",
    "DEFAULT_DIMENSION",
    "Dimension",
    "Window",
    "LedgerBridge",
    "Step",
    "activity_complete_months",
    "ledger_complete_months",
    "latest_comparable_year",
    "period_days",
    "comparison_window",
    "build_segments",
    "provider_table",
    "ledger_bridge",
    "window_total",
    "in_fixed_prices",
    "waterfall_steps",
]



@dataclass(frozen=True)
class Dimension:
    """A segment split: its name in the segment tables (bound as $dimension), the activity column whose values
    name the segments and, for a two-level split, the column of the group. A two-level dimension
    (offer_type_level, paragraph_level) gives values 'group|level'."""

    key: str                         # URL value (opdeling=...)
    stored_name: str                 # segment_person_year/_month.dimension, bound as $dimension
    segment_column: str              # the column the segment values come from (for labels)
    group_column: str | None = None  # two-level: the column of the group; None = one level

    @property
    def two_level(self) -> bool:
        return self.group_column is not None

    @property
    def is_need(self) -> bool:
        """True when the segments are levels of need (the mix is then 'heavier/lighter needs')."""
        return self.segment_column == "level"

    @property
    def slug(self) -> str:
        """The key as used in label keys (underscores)."""
        return self.key.replace("-", "_")

    def split(self, value: str) -> tuple[str, str]:
        """(group value, segment value) of a query value; a one-level split has group ''."""
        if not self.two_level:
            return "", value
        group, _, level = value.rpartition("|")
        return group, level


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension("niveau", "level", "level"),
        Dimension("paragraf", "paragraph", "paragraph"),
        Dimension("leverandoertype", "provider_type", "provider_type"),
        Dimension("leverandoer", "provider", "provider"),
        Dimension("aldersgruppe", "age_group", "age_group"),
        Dimension("aldersgruppe-smal", "age_cut", "age_cut"),
        Dimension("tilbudstype-niveau", "offer_type_level", "level", "offer_type"),
        Dimension("paragraf-niveau", "paragraph_level", "level", "paragraph"),
    )
}
DEFAULT_DIMENSION = "niveau"



def _sort_key(column: str, value: str) -> str:
    if column == "level":
        return f"{LEVEL_ORDER.get(value, 98):02d}{value}"
    return ("~" if value == "ukendt" else "") + value.lower()


# --- periods ------------------------------------------------------------------------------------

def activity_complete_months(year: int, data_date: date) -> int:
    """Months of ``year`` the activity data fully describes: 12 before the data date's year, the months
    before the data date's month in its year (its month too when the data date is the month's last
    day), 0 after."""
    if year < data_date.year:
        return 12
    if year > data_date.year:
        return 0
    last_day = calendar.monthrange(data_date.year, data_date.month)[1]
    return data_date.month if data_date.day == last_day else data_date.month - 1


def latest_comparable_year(years: list[int], data_date: date) -> int | None:
    """The latest of ``years`` with at least one month the activity data fully describe (a comparison year
    a decomposition can use: in January the new year has none yet), or None when no year has one."""
    usable = [y for y in years if activity_complete_months(y, data_date) > 0]
    return max(usable) if usable else None


def ledger_complete_months(months) -> int | None:
    """Months january..m with postings in every month (m), or None when the year has no postings."""
    present = {int(m) for m in months}
    if not present:
        return None
    m = 0
    while m + 1 in present:
        m += 1
    return m


def period_days(year: int, months: int) -> int:
    """Days from 1 january to the end of month ``months`` (0 months = 0 days; leap years counted)."""
    if not 0 <= months <= 12:
        raise ValueError(f"months must be 0..12, got {months}")
    return sum(calendar.monthrange(year, m)[1] for m in range(1, months + 1))


@dataclass(frozen=True)
class Window:
    """The two periods of a decomposition: january..``months`` of the base and the comparison year."""

    base_year: int
    comparison_year: int
    months: int
    data_date: date
    activity_months: dict[int, int] = field(default_factory=dict)
    ledger_months: dict[int, int | None] = field(default_factory=dict)

    @property
    def is_partial(self) -> bool:
        return self.months < 12

    @property
    def years(self) -> tuple[int, int]:
        return self.base_year, self.comparison_year

    def days(self, year: int) -> int:
        return period_days(year, self.months)

    def limited_by(self) -> str:
        """Which source limits the months: 'activity', 'ledger' or 'both' (only meaningful if partial)."""
        act = min(self.activity_months.get(y, 12) for y in self.years)
        led = [m for y in self.years if (m := self.ledger_months.get(y)) is not None]
        led_min = min(led) if led else 12
        if act == led_min:
            return "both"
        return "activity" if act < led_min else "ledger"


def comparison_window(base_year: int, comparison_year: int, data_date: date,
                      ledger: pl.DataFrame | None = None) -> Window:
    """The months both years can be compared over.

    ``ledger``: rows (year, month, ...) of queries/decomposition_ledger.sql; a year without postings
    does not limit the months (the ledger is then "not loaded" for it). m = min over both years of
    the activity data's complete months and the ledger's complete months.
    """
    years = (base_year, comparison_year)
    act = {y: activity_complete_months(y, data_date) for y in years}
    led: dict[int, int | None] = {}
    for y in years:
        months = [] if ledger is None else ledger.filter(pl.col("year") == y)["month"].to_list()
        led[y] = ledger_complete_months(months)
    limits = list(act.values()) + [m for m in led.values() if m is not None]
    return Window(base_year, comparison_year, min(limits), data_date, act, led)


# --- segments -----------------------------------------------------------------------------------

def _period_sums(rows: pl.DataFrame, window: Window, keys: list[str]) -> pl.DataFrame:
    return (rows.filter(pl.col("month") <= window.months, pl.col("year").is_in(list(window.years)))
            .group_by(["year"] + keys)
            .agg(pl.col("person_days").sum(), pl.col("cost_dkk").sum()))


def _two_periods(sums: pl.DataFrame, window: Window, keys: list[str]) -> pl.DataFrame:
    def side(year: int, suffix: str) -> pl.DataFrame:
        days = window.days(year)
        return sums.filter(pl.col("year") == year).select(
            *keys,
            (pl.col("person_days") / days).alias(f"volume_{suffix}"),
            pl.col("cost_dkk").alias(f"cost_{suffix}"),
        )

    joined = side(window.base_year, "base").join(side(window.comparison_year, "current"), on=keys,
                                                   how="full", coalesce=True)
    return joined.with_columns(
        pl.col(c).fill_null(0.0).cast(pl.Float64)
        for c in ("volume_base", "cost_base", "volume_current", "cost_current")
    )


def build_segments(rows: pl.DataFrame, window: Window, dimension: Dimension) -> pl.DataFrame:
    """The engine's input, one row per segment, from rows of queries/decomposition_segments.sql.

    Columns: segment (unique key = the query's segment value), group (two-level splits only),
    group_value, segment_value, sort_key, volume_base/current (HÅP of the
    period = person-days / days in the period), cost_base/current (kr.). A segment missing in one
    period has 0 there. Sorted for display (sort_key). The display names of the values are added by
    present.decomposition.label_segments.
    """
    if window.base_year == window.comparison_year:
        raise ValueError("base and comparison year must differ")
    schema = {"year": pl.Int64, "month": pl.Int64, "segment_value": pl.String,
              "person_days": pl.Float64, "cost_dkk": pl.Float64}
    if rows.is_empty():
        rows = pl.DataFrame(schema=schema)
    frame = _two_periods(_period_sums(rows, window, ["segment_value"]), window, ["segment_value"])
    keys = frame["segment_value"].to_list()
    parts = [dimension.split(k) for k in keys]
    seg_col, grp_col = dimension.segment_column, dimension.group_column
    if dimension.two_level:
        sort = [_sort_key(grp_col, g) + "|" + _sort_key(seg_col, v) for g, v in parts]
    else:
        sort = [_sort_key(seg_col, v) for _, v in parts]
    out = frame.rename({"segment_value": "segment"}).with_columns(
        pl.Series("group_value", [g for g, _ in parts], dtype=pl.String),
        pl.Series("segment_value", [v for _, v in parts], dtype=pl.String),
        pl.Series("sort_key", sort, dtype=pl.String),
    )
    if dimension.two_level:
        out = out.with_columns(pl.col("group_value").alias("group"))
    first = ["segment"] + (["group"] if dimension.two_level else [])
    return out.select(first + ["group_value", "segment_value", "sort_key",
                               "volume_base", "volume_current", "cost_base", "cost_current"]).sort("sort_key")


def provider_table(rows: pl.DataFrame, window: Window, segment: str) -> pl.DataFrame:
    """The providers of one segment (its key) from rows of queries/decomposition_providers.sql:
    provider, provider_type, volume_base/current (HÅP), cost_base/current (kr.),
    unit_price_base/current (kr. per HÅP, null without HÅP); sorted by comparison cost, largest first."""
    rows = rows.filter(pl.col("segment_value") == segment) if not rows.is_empty() else rows
    if rows.is_empty():
        return pl.DataFrame(schema={"provider": pl.String, "provider_type": pl.String,
                                    "volume_base": pl.Float64, "volume_current": pl.Float64,
                                    "cost_base": pl.Float64, "cost_current": pl.Float64,
                                    "unit_price_base": pl.Float64, "unit_price_current": pl.Float64})
    types = (rows.with_columns(pl.col("provider_type").str.split(",")).explode("provider_type")
             .group_by("provider").agg(pl.col("provider_type").unique().sort().str.join(",")))
    frame = _two_periods(_period_sums(rows, window, ["provider"]), window, ["provider"])
    return (frame.join(types, on="provider", how="left")
            .with_columns(
                pl.when(pl.col("volume_base") > 0).then(pl.col("cost_base") / pl.col("volume_base"))
                .alias("unit_price_base"),
                pl.when(pl.col("volume_current") > 0).then(pl.col("cost_current") / pl.col("volume_current"))
                .alias("unit_price_current"),
            )
            .select("provider", "provider_type", "volume_base", "volume_current", "cost_base", "cost_current",
                    "unit_price_base", "unit_price_current")
            .sort(["cost_current", "cost_base", "provider"], descending=[True, True, False]))


def window_citizens(rows: pl.DataFrame, window: Window, keys: Sequence[str] = ("segment_value",)) -> pl.DataFrame:
    """Distinct citizens per ``keys`` in each period of ``window``, from rows of
    queries/decomposition_citizens.sql (each citizen counted in the month they first appear in the year):
    citizens of january..m = first_citizens summed over months <= m. Columns: ``keys``, citizens_base,
    citizens_current (persons; 0 where none)."""
    keys = list(keys)
    sums = (rows.filter(pl.col("month") <= window.months, pl.col("year").is_in(list(window.years)))
            .group_by(["year"] + keys).agg(pl.col("first_citizens").sum().alias("citizens")))

    def side(year: int, suffix: str) -> pl.DataFrame:
        return sums.filter(pl.col("year") == year).select(*keys, pl.col("citizens").alias(f"citizens_{suffix}"))

    return (side(window.base_year, "base").join(side(window.comparison_year, "current"), on=keys, how="full",
                                                  coalesce=True)
            .with_columns(pl.col("citizens_base", "citizens_current").fill_null(0).cast(pl.Int64)))


# --- ledger -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LedgerBridge:
    """Activity cost and the ledger's net operations cost (dranst 1) of both periods, kr."""

    activity_base: float
    activity_current: float
    ledger_base: float | None
    ledger_current: float | None

    @property
    def available(self) -> bool:
        """Both periods have ledger postings (needed to scale)."""
        return self.ledger_base is not None and self.ledger_current is not None

    @staticmethod
    def _coverage(activity: float, ledger: float | None) -> float | None:
        return activity / ledger if ledger else None

    @property
    def coverage_base(self) -> float | None:
        return self._coverage(self.activity_base, self.ledger_base)

    @property
    def coverage_current(self) -> float | None:
        return self._coverage(self.activity_current, self.ledger_current)

    @property
    def unexplained_base(self) -> float | None:
        return None if self.ledger_base is None else self.ledger_base - self.activity_base

    @property
    def unexplained_current(self) -> float | None:
        return None if self.ledger_current is None else self.ledger_current - self.activity_current

    @property
    def unexplained_change(self) -> float | None:
        """(L1 - C1) - (L0 - C0): the part of the ledger's change the activity data does not describe."""
        if not self.available:
            return None
        return self.unexplained_current - self.unexplained_base

    def ledger_shares(self, segments: pl.DataFrame) -> pl.DataFrame:
        """Add ledger_cost_base/current = segment cost / activity total x ledger (activity cost shares
        applied to the ledger); null when the ledger or the activity total of the period is missing."""
        def col(cost: str, total: float, ledger: float | None, name: str) -> pl.Expr:
            if ledger is None or not total:
                return pl.lit(None, dtype=pl.Float64).alias(name)
            return (pl.col(cost) / total * ledger).alias(name)

        return segments.with_columns(
            col("cost_base", self.activity_base, self.ledger_base, "ledger_cost_base"),
            col("cost_current", self.activity_current, self.ledger_current, "ledger_cost_current"),
        )


    def in_prices(self, factor_base: float, factor_current: float) -> "LedgerBridge":
        """Every amount of the base period times ``factor_base`` and of the comparison period times
        ``factor_current`` (to fixed prices: PL(price year) / PL(year)); the coverages stay."""
        def scale(v: float | None, f: float) -> float | None:
            return None if v is None else v * f

        return LedgerBridge(self.activity_base * factor_base, self.activity_current * factor_current,
                            scale(self.ledger_base, factor_base), scale(self.ledger_current, factor_current))


def window_total(rows: pl.DataFrame, window: Window, year: int) -> float | None:
    """Sum of ``amount_dkk`` of the rows (year, month, amount_dkk) of ``year`` over the window's months (kr.);
    None when the year has no rows."""
    rows = rows.filter(pl.col("year") == year)
    if rows.is_empty():
        return None
    return float(rows.filter(pl.col("month") <= window.months)["amount_dkk"].sum())


def ledger_bridge(ledger: pl.DataFrame, window: Window, activity_base: float, activity_current: float) -> LedgerBridge:
    """Sum the ledger rows (year, month, amount_dkk) over the window's months for both years."""
    return LedgerBridge(activity_base, activity_current, window_total(ledger, window, window.base_year),
                        window_total(ledger, window, window.comparison_year))


def in_fixed_prices(segments: pl.DataFrame, factor_base: float, factor_current: float) -> pl.DataFrame:
    """The segments (analysis.segments.build_segments) with cost_base times ``factor_base`` and cost_current
    times ``factor_current``: to fixed prices of year P, factor = PL(P) / PL(year). HÅP stay as they are."""
    return segments.with_columns(pl.col("cost_base") * factor_base, pl.col("cost_current") * factor_current)


# --- waterfall ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One bar of the waterfall: measure 'absolute' (start), 'relative' (an effect) or 'total' (end).

    ``word`` names the bar's text without choosing its language (present.decomposition.step_label): the
    effect with its direction ('volume_up', 'mix_need_down', ...) or, for the first and last bar, what the
    amount is ('cost' or 'ledger') of ``year``."""

    key: str
    word: str
    value: float  # kr.
    measure: str
    year: int | None = None


def _signed(value: float, up: str, down: str) -> str:
    return up if value >= 0 else down


def waterfall_steps(d: Decomposition, dimension: Dimension, window: Window,
                    bridge: LedgerBridge | None = None, scaled: bool = False) -> list[Step]:
    """The bars from base to comparison cost. Every effect of ``d`` is a step (unallocated always, the
    Laspeyres residual when the method has one); with ``scaled`` the bars start and end at the ledger
    and ``bridge.unexplained_change`` is its own step. start + sum(effects) == end (to rounding)."""
    if scaled and (bridge is None or not bridge.available):
        raise ValueError("scaling to the ledger needs ledger amounts for both periods")
    per = d.per_segment
    c0, c1 = float(per["cost_base"].sum()), float(per["cost_current"].sum())
    start, end = (bridge.ledger_base, bridge.ledger_current) if scaled else (c0, c1)
    kind = "ledger" if scaled else "cost"
    steps = [Step("start", kind, start, "absolute", window.base_year)]
    steps.append(Step("volume", _signed(d.volume, "volume_up", "volume_down"), d.volume, "relative"))
    split_mix = d.mix_between is not None and d.mix_within is not None and dimension.two_level
    # "heavier/lighter needs" only where the mix is a shift between levels of need alone
    need = dimension.is_need and (split_mix or not dimension.two_level)
    mix_up, mix_down = ("mix_need_up", "mix_need_down") if need else ("mix_up", "mix_down")
    if split_mix:
        steps.append(Step("mix_between", "mix_between", d.mix_between, "relative"))
        steps.append(Step("mix_within", _signed(d.mix_within, mix_up, mix_down), d.mix_within, "relative"))
    else:
        steps.append(Step("mix", _signed(d.mix, mix_up, mix_down), d.mix, "relative"))
    if d.inflation is not None and d.real_price is not None:
        steps.append(Step("inflation", "inflation", d.inflation, "relative"))
        steps.append(Step("real_price", _signed(d.real_price, "real_up", "real_down"), d.real_price, "relative"))
    else:
        steps.append(Step("unit_price", _signed(d.unit_price, "price_up", "price_down"), d.unit_price, "relative"))
    if d.method == "laspeyres" or d.residual != 0:
        steps.append(Step("residual", "residual", d.residual, "relative"))
    steps.append(Step("unallocated", "unallocated", d.unallocated, "relative"))
    if scaled:
        steps.append(Step("unexplained", "unexplained", bridge.unexplained_change, "relative"))
    steps.append(Step("end", kind, end, "total", window.comparison_year))
    return steps


def effect_columns(d: Decomposition, dimension: Dimension) -> list[str]:
    """The effects of ``d`` as columns of its per-segment frame, in the waterfall's order."""
    cols = ["volume"]
    cols += ["mix_between", "mix_within"] if (d.mix_between is not None and dimension.two_level) else ["mix"]
    cols += ["inflation", "real_price"] if d.inflation is not None else ["unit_price"]
    if d.method == "laspeyres" or d.residual != 0:
        cols.append("residual")
    cols.append("unallocated")
    return cols
