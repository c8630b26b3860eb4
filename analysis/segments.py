"""From activity data to the segments of a decomposition, and from a decomposition to what the
Dekomponering page and its exports show. Pure functions on polars frames; no streamlit.

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
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from analysis import exports
from analysis.decomposition import Decomposition
from analysis.formatting import (
    fmt_date,
    fmt_month_short,
    fmt_number,
    fmt_pct,
    fmt_values,
    fmt_persons,
    fmt_signed_dkk,
    fmt_dkk,
    fmt_mio,
    md_literal,
)
from i18n import has_label, t
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
    "waterfall_steps",
    "segment_report",
    "totals_report",
    "explanation",
    "headline",
    "display_table",
    "csv_export",
    "xlsx_export",
    "meta_block",
    "value_label",
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

    def label(self, lang: str | None = None) -> str:
        return t(f"decomp.dim.{self.slug}", lang)

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
        Dimension("tilbudstype-niveau", "offer_type_level", "level", "offer_type"),
        Dimension("paragraf-niveau", "paragraph_level", "level", "paragraph"),
    )
}
DEFAULT_DIMENSION = "niveau"



def value_label(column: str, value: str, lang: str | None = None) -> str:
    """Display text of one value of a segment column (levels and provider types from the catalogue)."""
    if value == "ukendt" and column != "provider_type":
        return t("decomp.unknown", lang)
    if column == "level" and has_label(f"level.{value}"):
        return t(f"level.{value}", lang)
    if column == "provider_type" and has_label(f"provider_type.{value}"):
        return t(f"provider_type.{value}", lang)
    return value


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

    def months_text(self, lang: str | None = None) -> str:
        """'hele året' or e.g. 'jan.-okt.' (one month: 'jan.')."""
        if not self.is_partial:
            return t("decomp.whole_year", lang)
        first = fmt_month_short(1) + "."
        if self.months == 1:
            return first
        return f"{first}–{fmt_month_short(self.months)}."

    def period_text(self, lang: str | None = None) -> str:
        """e.g. '2022 og 2025 (hele året)' or '2022 og 2026 (jan.–okt.)'."""
        return t("decomp.period_text", lang, base=self.base_year, cur=self.comparison_year,
                 months=self.months_text(lang))

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


def build_segments(rows: pl.DataFrame, window: Window, dimension: Dimension, lang: str | None = None) -> pl.DataFrame:
    """The engine's input, one row per segment, from rows of queries/decomposition_segments.sql.

    Columns: segment (unique key = the query's segment value), group (two-level splits only),
    group_value, segment_value, label, group_label, sort_key, volume_base/current (HÅP of the
    period = person-days / days in the period), cost_base/current (kr.). A segment missing in one
    period has 0 there. Sorted for display (sort_key).
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
        group_labels = [value_label(grp_col, g, lang) for g, _ in parts]
    else:
        sort = [_sort_key(seg_col, v) for _, v in parts]
        group_labels = [""] * len(parts)
    out = frame.rename({"segment_value": "segment"}).with_columns(
        pl.Series("group_value", [g for g, _ in parts], dtype=pl.String),
        pl.Series("segment_value", [v for _, v in parts], dtype=pl.String),
        pl.Series("label", [value_label(seg_col, v, lang) for _, v in parts], dtype=pl.String),
        pl.Series("group_label", group_labels, dtype=pl.String),
        pl.Series("sort_key", sort, dtype=pl.String),
    )
    if dimension.two_level:
        out = out.with_columns(pl.col("group_value").alias("group"))
    first = ["segment"] + (["group"] if dimension.two_level else [])
    return out.select(first + ["group_value", "segment_value", "label", "group_label", "sort_key",
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


def ledger_bridge(ledger: pl.DataFrame, window: Window, activity_base: float, activity_current: float) -> LedgerBridge:
    """Sum the ledger rows (year, month, amount_dkk) over the window's months for both years."""
    def total(year: int) -> float | None:
        rows = ledger.filter(pl.col("year") == year)
        if rows.is_empty():
            return None
        return float(rows.filter(pl.col("month") <= window.months)["amount_dkk"].sum())

    return LedgerBridge(activity_base, activity_current, total(window.base_year), total(window.comparison_year))


# --- waterfall ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One bar of the waterfall: measure 'absolute' (start), 'relative' (an effect) or 'total' (end)."""

    key: str
    label: str
    value: float  # kr.
    measure: str


def _signed_word(value: float, up: str, down: str, lang: str | None) -> str:
    return t(up if value >= 0 else down, lang)


def waterfall_steps(d: Decomposition, dimension: Dimension, window: Window,
                    bridge: LedgerBridge | None = None, scaled: bool = False, lang: str | None = None) -> list[Step]:
    """The bars from base to comparison cost. Every effect of ``d`` is a step (unallocated always, the
    Laspeyres residual when the method has one); with ``scaled`` the bars start and end at the ledger
    and ``bridge.unexplained_change`` is its own step. start + sum(effects) == end (to rounding)."""
    if scaled and (bridge is None or not bridge.available):
        raise ValueError("scaling to the ledger needs ledger amounts for both periods")
    per = d.per_segment
    c0, c1 = float(per["cost_base"].sum()), float(per["cost_current"].sum())
    start, end = (bridge.ledger_base, bridge.ledger_current) if scaled else (c0, c1)
    kind = "decomp.step.ledger" if scaled else "decomp.step.cost"
    steps = [Step("start", t(kind, lang, year=window.base_year), start, "absolute")]
    steps.append(Step("volume", _signed_word(d.volume, "decomp.step.volume_up", "decomp.step.volume_down", lang),
                      d.volume, "relative"))
    split_mix = d.mix_between is not None and d.mix_within is not None and dimension.two_level
    # "heavier/lighter needs" only where the mix is a shift between levels of need alone
    need = dimension.is_need and (split_mix or not dimension.two_level)
    mix_up, mix_down = (("decomp.step.mix_need_up", "decomp.step.mix_need_down") if need
                        else ("decomp.step.mix_up", "decomp.step.mix_down"))
    if split_mix:
        group = t(f"decomp.group_plural.{dimension.slug}", lang)
        steps.append(Step("mix_between", t("decomp.step.mix_between", lang, groups=group), d.mix_between, "relative"))
        steps.append(Step("mix_within", _signed_word(d.mix_within, mix_up, mix_down, lang), d.mix_within, "relative"))
    else:
        steps.append(Step("mix", _signed_word(d.mix, mix_up, mix_down, lang), d.mix, "relative"))
    if d.inflation is not None and d.real_price is not None:
        steps.append(Step("inflation", t("decomp.step.inflation", lang), d.inflation, "relative"))
        steps.append(Step("real_price", _signed_word(d.real_price, "decomp.step.real_up", "decomp.step.real_down", lang),
                          d.real_price, "relative"))
    else:
        steps.append(Step("unit_price", _signed_word(d.unit_price, "decomp.step.price_up", "decomp.step.price_down", lang),
                          d.unit_price, "relative"))
    if d.method == "laspeyres" or d.residual != 0:
        steps.append(Step("residual", t("decomp.step.residual", lang), d.residual, "relative"))
    steps.append(Step("unallocated", t("decomp.step.unallocated", lang), d.unallocated, "relative"))
    if scaled:
        steps.append(Step("unexplained", t("decomp.step.unexplained", lang), bridge.unexplained_change, "relative"))
    steps.append(Step("end", t(kind, lang, year=window.comparison_year), end, "total"))
    return steps


# --- tables and exports -------------------------------------------------------------------------

def _effect_columns(d: Decomposition, dimension: Dimension) -> list[str]:
    cols = ["volume"]
    cols += ["mix_between", "mix_within"] if (d.mix_between is not None and dimension.two_level) else ["mix"]
    cols += ["inflation", "real_price"] if d.inflation is not None else ["unit_price"]
    if d.method == "laspeyres" or d.residual != 0:
        cols.append("residual")
    cols.append("unallocated")
    return cols


_EFFECT_HEADER = {
    "volume": "decomp.col.volume", "mix": "decomp.col.mix", "mix_between": "decomp.col.mix_between",
    "mix_within": "decomp.col.mix_within", "unit_price": "decomp.col.unit_price",
    "inflation": "decomp.col.inflation", "real_price": "decomp.col.real_price",
    "residual": "decomp.col.residual", "unallocated": "decomp.col.unallocated",
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str  # text | persons | dkk (kr.; shown in mio. kr.) | price (kr. per HÅP; shown in t.kr.) | pct


def segment_report(d: Decomposition, segments: pl.DataFrame, dimension: Dimension, window: Window,
                   bridge: LedgerBridge | None = None, scaled: bool = False,
                   lang: str | None = None) -> tuple[pl.DataFrame, list[Column]]:
    """One row per segment plus a total row: HÅP, unit price, cost of both periods, the effects and the
    total change (kr.; HÅP as persons). With ``scaled`` also the activity cost shares applied to the
    ledger. Returns the frame and its column descriptions (header text and kind)."""
    b, c = window.base_year, window.comparison_year
    effects = _effect_columns(d, dimension)
    per = d.per_segment.join(segments.select("segment", "label", "group_label", "sort_key"), on="segment", how="left")
    if scaled and bridge is not None:
        per = bridge.ledger_shares(per)
    per = per.with_columns(pl.sum_horizontal(effects).alias("change")).sort("sort_key")
    cols: list[Column] = []
    if dimension.two_level:
        cols.append(Column("group_label", t(f"decomp.dim_group.{dimension.slug}", lang), "text"))
    cols.append(Column("label", t("decomp.col.segment", lang) if dimension.two_level else dimension.label(lang), "text"))
    cols += [
        Column("volume_base", t("decomp.col.hap", lang, year=b), "persons"),
        Column("volume_current", t("decomp.col.hap", lang, year=c), "persons"),
        Column("unit_price_base", t("decomp.col.unit_price_year", lang, year=b), "price"),
        Column("unit_price_current", t("decomp.col.unit_price_year", lang, year=c), "price"),
        Column("cost_base", t("decomp.col.cost", lang, year=b), "dkk"),
        Column("cost_current", t("decomp.col.cost", lang, year=c), "dkk"),
    ]
    if scaled and bridge is not None:
        cols += [Column("ledger_cost_base", t("decomp.col.ledger_share", lang, year=b), "dkk"),
                 Column("ledger_cost_current", t("decomp.col.ledger_share", lang, year=c), "dkk")]
    cols += [Column(e, t(_EFFECT_HEADER[e], lang), "dkk") for e in effects]
    cols.append(Column("change", t("decomp.col.change", lang), "dkk"))

    keys = [col.key for col in cols]
    body = per.select(keys)
    sums = {k: (float(per[k].sum()) if k in per.columns and per[k].dtype.is_numeric() else None) for k in keys}
    v0, v1 = sums["volume_base"], sums["volume_current"]
    sums["unit_price_base"] = sums["cost_base"] / v0 if v0 else None
    sums["unit_price_current"] = sums["cost_current"] / v1 if v1 else None
    if dimension.two_level:
        sums["group_label"] = ""
    sums["label"] = t("common.total", lang)
    total = pl.DataFrame([{k: sums[k] for k in keys}], schema=body.schema)
    return pl.concat([body, total]), cols


def totals_report(steps: list[Step], d: Decomposition, bridge: LedgerBridge | None, lang: str | None = None) -> pl.DataFrame:
    """The waterfall as a table (component, amount in kr.) plus the coverage lines: one row per step,
    then the total change and, when the ledger is loaded, ledger, activity cost and coverage."""
    rows = [(s.label.replace("<br>", " "), s.value) for s in steps]
    rows.append((t("decomp.total_change", lang), steps[-1].value - steps[0].value))
    out = pl.DataFrame({"component": [r[0] for r in rows], "amount_dkk": [float(r[1]) for r in rows],
                        "coverage": [None] * len(rows)}, schema={"component": pl.String, "amount_dkk": pl.Float64,
                                                                 "coverage": pl.Float64})
    if bridge is not None and bridge.available:
        extra = pl.DataFrame({
            "component": [t("decomp.coverage_row", lang, which=t("decomp.base", lang)),
                          t("decomp.coverage_row", lang, which=t("decomp.comparison", lang))],
            "amount_dkk": [bridge.activity_base, bridge.activity_current],
            "coverage": [bridge.coverage_base, bridge.coverage_current],
        }, schema=out.schema)
        out = pl.concat([out, extra])
    return out


def display_table(report: pl.DataFrame, cols: list[Column]) -> pl.DataFrame:
    """The report as Danish-formatted text: amounts in mio. kr. (1 decimal), unit prices in t.kr.,
    HÅP with 1 decimal (the page states the units under the table, the exports in their headers)."""
    exprs = []
    for col in cols:
        if col.kind == "text":
            exprs.append(pl.col(col.key).fill_null("").alias(col.header))
            continue
        if col.kind == "persons":
            fn = fmt_persons
        elif col.kind == "price":
            fn = (lambda v: fmt_number(v / 1000, 1) if v is not None else "–")
        elif col.kind == "pct":
            fn = fmt_pct
        else:
            fn = (lambda v: fmt_number(v / 1e6, 1) if v is not None else "–")
        exprs.append(fmt_values(report[col.key], fn, skip_nulls=False).alias(col.header))
    return report.select(exprs)


def _export_headers(cols: list[Column], lang: str | None) -> list[str]:
    def header(col: Column) -> str:
        if col.kind == "price":
            return f"{col.header} ({t('decomp.unit.kr_per_hap', lang)})"
        if col.kind == "dkk":
            return t("unit.col_kr", lang, label=col.header)
        return col.header

    return [header(col) for col in cols]


def _export(meta: list[tuple[str, str]], report: pl.DataFrame, cols: list[Column], totals: pl.DataFrame,
            lang: str | None) -> tuple[exports.ExportMeta, list[exports.Table]]:
    """The header block and the two tables of the decomposition export, for analysis.exports: the
    per-segment table (kr. with 2 decimals, shown whole in Excel; HÅP with 4, shown with 1) and the totals
    (the waterfall, the total change and the coverage in per cent)."""
    segment_cols = [exports.Column(c.key, h, None if c.kind == "text" else (4 if c.kind == "persons" else 2),
                                   None if c.kind == "text" else (1 if c.kind == "persons" else 0))
                    for c, h in zip(cols, _export_headers(cols, lang))]
    total_cols = [exports.Column("component", t("decomp.col.component", lang)),
                  exports.Column("amount_dkk", t("decomp.col.amount_kr", lang), 2, 0),
                  exports.Column("coverage_pct", t("decomp.col.coverage", lang), 1)]
    totals = totals.with_columns((pl.col("coverage") * 100).alias("coverage_pct"))
    head = exports.ExportMeta(meta[0][0], {label: value for label, value in meta[1:]})
    return head, [exports.Table(report, segment_cols, t("decomp.sheet.segments", lang)),
                  exports.Table(totals, total_cols, t("decomp.sheet.totals", lang))]


def csv_export(meta: list[tuple[str, str]], report: pl.DataFrame, cols: list[Column], totals: pl.DataFrame,
               lang: str | None = None) -> bytes:
    """';'-separated CSV with decimal comma (UTF-8 with BOM for Excel): the header block (label;value),
    a blank line, the per-segment table (kr. with 2 decimals, HÅP with 4), a blank line and the totals."""
    return exports.tables_to_csv(*_export(meta, report, cols, totals, lang))


def xlsx_export(meta: list[tuple[str, str]], report: pl.DataFrame, cols: list[Column], totals: pl.DataFrame,
                lang: str | None = None) -> bytes:
    """An Excel workbook with two sheets, each starting with the header block: 'Segmenter' (the
    per-segment table, kr. and HÅP as numbers) and 'I alt' (totals)."""
    return exports.tables_to_xlsx(*_export(meta, report, cols, totals, lang))


# --- words --------------------------------------------------------------------------------------

def _tidy(text: str) -> str:
    """One period after an abbreviation that ends a sentence ('mio. kr..' -> 'mio. kr.')."""
    return text.replace("kr..", "kr.")


def _mio(v: float) -> str:
    return fmt_signed_dkk(v, unit="mio")


def headline(d: Decomposition, area_name: str, window: Window, steps: list[Step], scaled: bool,
             lang: str | None = None) -> str:
    """One sentence: how much the cost rose or fell between the periods."""
    change = steps[-1].value - steps[0].value
    return _tidy(t("decomp.headline_up" if change >= 0 else "decomp.headline_down", lang,
             what=t("decomp.what_ledger" if scaled else "decomp.what_activity", lang), area=area_name,
             amount=fmt_mio(abs(change)), start=fmt_mio(steps[0].value), end=fmt_mio(steps[-1].value),
             base=window.base_year, cur=window.comparison_year, months=window.months_text(lang)))


def explanation(d: Decomposition, dimension: Dimension, area_name: str, window: Window, steps: list[Step],
                price_text: str, method_name: str, bridge: LedgerBridge | None = None, scaled: bool = False,
                report: pl.DataFrame | None = None, lang: str | None = None, with_headline: bool = True) -> str:
    """A plain-Danish paragraph on the result, as Markdown; every number comes from ``d`` (and
    ``bridge``/``steps`` built from it), and segment names (imported data: providers, measures) are shown
    literally (analysis.formatting.md_literal). ``with_headline=False`` leaves out the first sentence
    (:func:`headline`) when the page already shows it."""
    per = d.per_segment
    v0, v1 = float(per["volume_base"].sum()), float(per["volume_current"].sum())
    parts = [headline(d, area_name, window, steps, scaled, lang) + " "] if with_headline else []
    parts.append(t("decomp.explain.volume", lang, v0=fmt_persons(v0), v1=fmt_persons(v1), amount=_mio(d.volume),
                   dim=dimension.label(lang).lower()))
    by_key = {s.key: s for s in steps}
    if "mix_between" in by_key:
        parts.append(" " + t("decomp.explain.mix_two", lang, between=_mio(d.mix_between), within=_mio(d.mix_within),
                             groups=t(f"decomp.group_plural.{dimension.slug}", lang)))
    else:
        parts.append(" " + t("decomp.explain.mix", lang, amount=_mio(d.mix), dim=dimension.label(lang).lower()))
    if "inflation" in by_key:
        parts.append(" " + t("decomp.explain.price_split", lang, amount=_mio(d.unit_price), pl=_mio(d.inflation),
                             real=_mio(d.real_price)))
    else:
        parts.append(" " + t("decomp.explain.price", lang, amount=_mio(d.unit_price)))
    if "residual" in by_key:
        parts.append(" " + t("decomp.explain.residual", lang, amount=_mio(d.residual)))
    if d.unallocated:
        parts.append(" " + t("decomp.explain.unallocated", lang, amount=_mio(d.unallocated)))
    if report is not None and report.height > 1:
        body = report.head(report.height - 1)
        top = body.sort("change", descending=True).row(0, named=True)
        low = body.sort("change").row(0, named=True)
        name = (lambda r: md_literal(f"{r['group_label']} · {r['label']}" if r.get("group_label") else r["label"]))
        if top["change"] > 0:
            parts.append(" " + t("decomp.explain.top_up", lang, segment=name(top), amount=_mio(top["change"])))
        if low["change"] < 0:
            parts.append(" " + t("decomp.explain.top_down", lang, segment=name(low), amount=_mio(low["change"])))
    if bridge is not None and bridge.available:
        parts.append(" " + t("decomp.explain.coverage", lang, base=window.base_year, cur=window.comparison_year,
                             c0=fmt_pct(bridge.coverage_base, 0), c1=fmt_pct(bridge.coverage_current, 0)))
        if scaled:
            parts.append(" " + t("decomp.explain.unexplained", lang, amount=_mio(bridge.unexplained_change)))
    parts.append(" " + t("decomp.explain.method", lang, method=method_name, prices=price_text))
    return _tidy("".join(parts))


def meta_block(kommune_name: str, area_name: str, window: Window, price_text: str, method_name: str,
               dimension: Dimension, source: str, data_version: str, lang: str | None = None,
               extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The header block every export carries (label, value): a title line, municipality, area, period,
    price base, method, split, source, data date and data version (``extra`` lines after the method)."""
    return [
        (t("decomp.export_title", lang), ""),
        (t("sidebar.municipality", lang), kommune_name),
        (t("sidebar.area", lang), area_name),
        (t("sidebar.period", lang), window.period_text(lang)),
        (t("sidebar.prices", lang), price_text),
        (t("common.method", lang), method_name),
        *(extra or []),
        (t("decomp.dimension", lang), dimension.label(lang)),
        (t("common.source", lang), source),
        (t("data.date", lang), t("decomp.data_date_value", lang, date=fmt_date(window.data_date))),
        (t("common.database_version", lang), data_version),
    ]


def money(v: float | None) -> str:
    """Display helper: an amount in kr. as 'x,y mio. kr.' (or '–')."""
    return fmt_dkk(v, unit="mio") if v is not None else "–"
