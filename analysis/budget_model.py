"""Budget model ("Prognose"): full-year persons (HÅP) and cost per segment for the rest of the current year and
the next budget years, from the caseload on the data date and the flows of the years before it.

A *segment* is an offer type and a level of need. A citizen's consecutive measures of one offer type (the next
starting at most one day after the previous ends; overlapping ones too) are one *stay*: a measure re-granted at
new year with a new tariff is no exit. Day k is the k-th day after the origin (the data date), k >= 1.

* Exits: per offer type, the daily exit probability h = stays ended in the window / stay-days in the window
  (the window: the ``window_years`` before the origin, not before the data's first day, ``data_start``); q = 1 - h.
  A user's outflow share a year s (``rate_overrides``) gives q = (1 - s)^(1/365), a user's new stays a year n the
  inflow r = n / 365.
* Caseload on the origin (the stock): a stay with a known end after the origin runs to it; an open stay is
  still running on day k with probability q^k. Days of a stock stay in a period [k1, k2]:
  known end e: max(0, min(k2, e) - k1 + 1); open: sum_{k=k1..k2} q^k.
* Inflow: per offer type, r = new stays in the window / days in the window (per day), times (1 + inflow
  change); a stay arriving on day j is running on day k >= j with probability q^(k-j), so the expected number
  running on day k is r (1 - q^k) / (1 - q) (r k when q = 1). New stays take the levels of the window's new
  stays (shares per offer type) and their tariff: the mean first daily tariff of the new stays of the last
  year of the window per offer type and level (else of the whole window, else of the offer type).
* Turning 18 (only when the selection holds both the children's area 5.28 and the adults' 5.38): a
  children's stay ends on 1 July of the year the citizen turns 18 (only the birth year is known), if it has
  not ended before. A share tau of those citizens goes on to an adults' offer on the next day (tau and the
  adult segments' shares and tariffs from the window: children's stays that ended in the year the citizen
  turned 18, followed within a year by an adults' stay); those adults' stays run with the adult offer type's
  q and are taken out of the adults' inflow, so they are not counted twice.
* Price: a stock stay keeps its own daily tariff, a new stay the tariff above; both are in the origin year's
  prices and move with the PL index: factor(y) = I(y) / I(origin year) x (1 + price above PL)^(y - origin
  year). Years after the loaded index grow by ``pl_growth_pct`` a year.
* Cost of a segment in a year = sum of days x daily tariff x factor(year); HÅP = days / days in the year. The
  origin's year also holds the measures' own days and cost up to the origin (actual to date).

* Age group (an optional segment dimension, domain.codes.AGE_SEGMENTS): the age a citizen reaches in a year (year -
  birth year; 'ukendt' without one). Actual to date and the stock stays carry their citizen's age in each year, so
  the caseload grows older; turning-18 stays their young person's; new stays are split by the age groups of the
  window's new stays at their start (per offer type), the same in every year. Projection.by_age sums over it.

Scenarios on top (applied to the segment table, in this order): level drift (each year after the origin's a
share of each offer type's HÅP moves one level up and a share one level down; the HÅP vector by level is
multiplied by the yearly transition matrix M, n = year - origin year times; cost = HÅP x the baseline's unit
cost of the level in that year) and named moves ("N citizens a year from offer A to offer B at a daily
price": in the i-th year after the origin's, N (i - 1/2) HÅP leave A at A's unit cost and join B at the
price x days x factor(year), with A's level shares).

Pure polars/python; amounts in kr., each year's current prices (the PL factor above). No streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import polars as pl

from domain.codes import AGE_SEGMENTS, LEVEL_ORDER, NOT_ASSESSED, age_span

CHILDREN_AREA = "5.28"
ADULTS_AREA = "5.38"
ADULT_AGE = 18
GAP_DAYS = 1              # a measure starting at most this many days after the previous one continues the stay
SEGMENT_KEYS = ["offer_type", "level"]
_FAR = date(9999, 12, 31)

PROJECTION_SCHEMA = {"year": pl.Int32, "offer_type": pl.String, "level": pl.String, "source": pl.String,
                     "days": pl.Float64, "cost_dkk": pl.Float64}
#: the forecast's rows: the projection's columns and the citizens' age group in the year (domain.codes.AGE_SEGMENTS;
#: null in the scenario's drift and move rows, which are not split by age)
FORECAST_SCHEMA = {**PROJECTION_SCHEMA, "age_group": pl.String}
#: the sources of a projected segment-year: actual to date, the stock, new stays, turning 18, a named move
SOURCES = ("actual", "stock", "inflow", "turning_18", "move")


@dataclass(frozen=True)
class Move:
    """A named measure: ``per_year`` citizens a year move from ``from_offer`` to ``to_offer`` at
    ``price_per_day`` kr. a day (origin year's prices)."""

    per_year: float
    from_offer: str
    to_offer: str
    price_per_day: float


@dataclass(frozen=True)
class Assumptions:
    """What the model assumes; every field is shown on the page and the scenario fields are in the URL.
    Percentages are per year (2.0 = 2 %)."""

    origin: date                     # the data date: the caseload is counted on it, the forecast starts the day after
    horizon_years: int = 4           # budget years after the origin's year
    window_years: int = 3            # years of history behind the rates
    pl_growth_pct: float = 0.0       # PL growth a year after the loaded index's last year
    inflow_change_pct: float = 0.0   # scenario: more (or fewer) new stays than in the window
    price_above_pl_pct: float = 0.0  # scenario: tariffs grow this much faster than PL
    level_up_pct: float = 0.0        # scenario: share of HÅP moving one level up a year
    level_down_pct: float = 0.0      # scenario: share moving one level down a year
    moves: tuple[Move, ...] = ()
    known_ends: bool = True          # False (back-test): an end on or after the origin was not known on it
    data_start: date | None = None   # the first day the activity data cover (:func:`data_start`); None: no limit
    # the user's own rates instead of the window's: (offer type, outflow share a year 0..1 or None, new stays a
    # year or None); kept in the baseline (an assumption, not a scenario)
    rate_overrides: tuple[tuple[str, float | None, float | None], ...] = ()

    @property
    def years(self) -> list[int]:
        return list(range(self.origin.year, self.origin.year + self.horizon_years + 1))

    def baseline(self) -> Assumptions:
        """The same assumptions without the scenario's changes."""
        return replace(self, inflow_change_pct=0.0, price_above_pl_pct=0.0, level_up_pct=0.0, level_down_pct=0.0,
                       moves=())

    @property
    def is_baseline(self) -> bool:
        return self == self.baseline()


@dataclass(frozen=True)
class Rates:
    """The flows estimated from the window [start, end] (tables shown on the page as assumptions).

    offers: offer_type, stock (stays on the origin), exposure_days, exits, exit_prob_day, exit_share_year
            (1 - q^365), starts (new stays, turning-18 stays not counted), starts_per_year;
    levels: offer_type, level, share (of the offer type's new stays), tariff_dkk_per_day (new stays), tariff_basis
            ('last_year' | 'window' | 'offer'), citizens (distinct citizens of the level's new stays),
            tariff_citizens (distinct citizens of the stays the tariff is the mean of);
    transition: offer_type, level, share (of the young people going on), tariff_dkk_per_day;
    ``turning_18_share``: tau (None when the selection does not hold both areas)."""

    start: date
    end: date
    offers: pl.DataFrame
    levels: pl.DataFrame
    transition: pl.DataFrame
    turning_18_share: float | None
    turning_18_cases: int = 0
    turning_18_going_on: int = 0       # distinct citizens of the cases who went on to an adults' offer
    ages: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema={"offer_type": pl.String,
                                                                            "age_group": pl.String,
                                                                            "share": pl.Float64}))


@dataclass(frozen=True)
class Projection:
    """The model's result. ``segments``: year, offer_type, level, source, days, cost_dkk (kr., the year's
    current prices), hap (days / days in the year); ``pl_factors``: year -> price factor from the origin
    year's prices; ``pl_index``: the index used (loaded values and the assumed growth after them)."""

    assumptions: Assumptions
    rates: Rates
    segments: pl.DataFrame
    pl_factors: dict[int, float]
    pl_index: dict[int, float] = field(default_factory=dict)
    pl_assumed_years: tuple[int, ...] = ()

    def by_segment(self) -> pl.DataFrame:
        """year, offer_type, level, hap, cost_dkk summed over the sources."""
        return (self.segments.group_by("year", "offer_type", "level")
                .agg(pl.col("hap").sum(), pl.col("cost_dkk").sum())
                .sort("year", "offer_type", "level"))

    def by_age(self) -> pl.DataFrame:
        """year, offer_type, age_group, hap, cost_dkk summed over levels and sources; a scenario's level drift and
        named moves are not split by age (age_group 'ikke_fordelt')."""
        return (self.segments.with_columns(pl.col("age_group").fill_null("ikke_fordelt"))
                .group_by("year", "offer_type", "age_group")
                .agg(pl.col("hap").sum(), pl.col("cost_dkk").sum())
                .sort("year", "offer_type", "age_group"))

    def by_year(self) -> pl.DataFrame:
        """year, hap, cost_dkk, and the part of them that is actual to date (actual_hap, actual_cost_dkk)."""
        actual = pl.col("source") == "actual"
        return (self.segments.group_by("year")
                .agg(pl.col("hap").sum(), pl.col("cost_dkk").sum(),
                     pl.col("hap").filter(actual).sum().alias("actual_hap"),
                     pl.col("cost_dkk").filter(actual).sum().alias("actual_cost_dkk"))
                .sort("year"))


def days_in_year(year: int) -> int:
    return (date(year, 12, 31) - date(year, 1, 1)).days + 1


def age_segment(birth_year: int | None, year: int) -> str:
    """The age group (domain.codes.AGE_SEGMENTS) of a citizen born in ``birth_year`` in ``year``: the age reached in
    the year (year - birth year), as queries/build/macros.sql age_group; 'ukendt' without a birth year."""
    if birth_year is None:
        return "ukendt"
    age = year - birth_year
    for group in AGE_SEGMENTS[:-1]:
        lo, hi = age_span(group)
        if age >= lo and (hi is None or age <= hi):
            return group
    return "ukendt"


def age_expr(year: int | pl.Expr, birth_col: str = "birth_year") -> pl.Expr:
    """:func:`age_segment` as a polars expression: the column ``age_group`` from ``birth_col`` in ``year``."""
    age = (pl.lit(year) if isinstance(year, int) else year) - pl.col(birth_col)
    expr = pl.when(pl.col(birth_col).is_null()).then(pl.lit("ukendt"))
    for group in AGE_SEGMENTS[:-1]:
        lo, hi = age_span(group)
        cond = age >= lo if hi is None else (age >= lo) & (age <= hi)
        expr = expr.when(cond).then(pl.lit(group))
    return expr.otherwise(pl.lit("ukendt")).alias("age_group")


def geometric_days(q: float, k1: int, k2: int) -> float:
    """sum_{k=k1..k2} q^k (0 when k2 < k1): the expected days in [k1, k2] of a stay running on day 0 that ends
    on any day with probability 1 - q."""
    if k2 < k1:
        return 0.0
    if q == 1.0:
        return float(k2 - k1 + 1)
    return q ** k1 * (1.0 - q ** (k2 - k1 + 1)) / (1.0 - q)


def inflow_days(rate: float, q: float, k1: int, k2: int) -> float:
    """sum_{k=k1..k2} rate (1 - q^k) / (1 - q): expected stay-days in [k1, k2] of stays arriving at ``rate`` a
    day from day 1 on (rate x (k1 + ... + k2) when q = 1)."""
    if k2 < k1 or rate == 0.0:
        return 0.0
    if q == 1.0:
        return rate * (k1 + k2) * (k2 - k1 + 1) / 2.0
    return rate / (1.0 - q) * ((k2 - k1 + 1) - geometric_days(q, k1, k2))


def pl_series(index: dict[int, float], years: list[int], growth_pct: float) -> tuple[dict[int, float], tuple[int, ...]]:
    """The PL index for ``years``: loaded values, and after the last loaded year that year's value grown by
    ``growth_pct`` a year (before the first loaded year: shrunk the same way). Without an index every year is
    100 grown by ``growth_pct``. Returns the series and the years that were assumed."""
    series = dict(index)
    assumed = []
    if not series:
        base = min(years)
        series = {base: 100.0}
        assumed.append(base)
    first, last = min(series), max(series)
    g = 1.0 + growth_pct / 100.0
    for y in sorted(years):
        if y not in series:
            series[y] = series[last] * g ** (y - last) if y > last else series[first] / g ** (first - y)
            assumed.append(y)
    return {y: series[y] for y in sorted(set(years) | set(index))}, tuple(sorted(set(assumed)))


STAY_KEY = "_stay_key"
# a citizen's offer type's days are offset by its key times this (more days than any date has since 1970)
_KEY_SPAN = 4_000_000


def with_stay_key(measures: pl.DataFrame) -> pl.DataFrame:
    """``measures`` with STAY_KEY: an integer per (citizen_key, offer_type) in their sorted order, so that
    :func:`stays` sorts and groups integers instead of texts. Computed once for a frame that :func:`stays` is
    run on from several origins (the back-test); a frame that has it is returned as it is."""
    if STAY_KEY in measures.columns:
        return measures
    keys = (measures.select("citizen_key", "offer_type").unique().sort("citizen_key", "offer_type")
            .with_row_index(STAY_KEY).with_columns(pl.col(STAY_KEY).cast(pl.Int64)))
    return measures.join(keys, on=["citizen_key", "offer_type"], how="left", nulls_equal=True)


def stays(measures: pl.DataFrame, origin: date, known_ends: bool = True) -> pl.DataFrame:
    """A citizen's measures of one offer type joined into stays, as known on ``origin``.

    Measures starting after the origin are left out; with ``known_ends`` False an end on or after the origin is
    unknown (null). Measures overlapping or starting at most GAP_DAYS after the running end join the stay.
    Columns: citizen_key, offer_type, start, end (null = open), level / tariff_dkk_per_day / function_code of
    the last measure (latest start), first_level / first_tariff of the first, birth_year.

    The running end is one cumulative maximum over all rows sorted by (citizen, offer type, start, end): each
    (citizen, offer type)'s days are offset by its STAY_KEY x _KEY_SPAN, so no earlier pair's end reaches into
    the next pair's; a stay begins at a new pair or after a gap."""
    m = with_stay_key(measures).filter(pl.col("start_date") <= origin)
    if not known_ends:
        m = m.with_columns(pl.when(pl.col("end_date") >= origin).then(None).otherwise(pl.col("end_date"))
                           .alias("end_date"))
    if m.is_empty():
        return pl.DataFrame(schema={"citizen_key": pl.String, "offer_type": pl.String, "start": pl.Date,
                                    "end": pl.Date, "level": pl.String, "tariff_dkk_per_day": pl.Float64,
                                    "function_code": pl.String, "first_level": pl.String,
                                    "first_tariff": pl.Float64, "birth_year": pl.Int64})
    offset = pl.col(STAY_KEY) * _KEY_SPAN
    m = (m.with_columns(pl.col("end_date").fill_null(_FAR).alias("_end"))
         .sort([STAY_KEY, "start_date", "_end"]))
    running_end = (offset + pl.col("_end").cast(pl.Int64)).cum_max().shift(1)
    new_stay = (pl.col(STAY_KEY) != pl.col(STAY_KEY).shift(1)).fill_null(True) | (
        offset + pl.col("start_date").cast(pl.Int64) > running_end + GAP_DAYS)
    m = m.with_columns(new_stay.cast(pl.Int64).cum_sum().alias("_stay"))
    out = (m.group_by("_stay")
           .agg(pl.col(STAY_KEY).first(), pl.col("citizen_key").first(), pl.col("offer_type").first(),
                pl.col("start_date").min().alias("start"), pl.col("_end").max().alias("end"),
                pl.col("level").last().alias("level"), pl.col("tariff_dkk_per_day").last(),
                pl.col("function_code").last(), pl.col("level").first().alias("first_level"),
                pl.col("tariff_dkk_per_day").first().alias("first_tariff"),
                pl.col("birth_year").first().cast(pl.Int64))
           .with_columns(pl.when(pl.col("end") == _FAR).then(None).otherwise(pl.col("end")).alias("end"))
           .sort([STAY_KEY, "start"]).drop("_stay", STAY_KEY))
    return out


def _overlap(start: pl.Expr, end: pl.Expr, a: date, b: date) -> pl.Expr:
    """Days of [start, end] (end null = open) inside [a, b], 0 when apart."""
    lo = pl.max_horizontal(start, pl.lit(a))
    hi = pl.min_horizontal(end.fill_null(pl.lit(b)), pl.lit(b))
    return pl.max_horizontal((hi - lo).dt.total_days() + 1, pl.lit(0))


def _is_children(col: str = "function_code") -> pl.Expr:
    return pl.col(col).str.starts_with(CHILDREN_AREA + ".")


def _is_adults(col: str = "function_code") -> pl.Expr:
    return pl.col(col).str.starts_with(ADULTS_AREA + ".")


def window_start(origin: date, window_years: int, first_day: date | None = None) -> date:
    """The first day of the window: ``window_years`` before the origin (the day after the same date), but not
    before the data's first day (the export holds the measures running on or after its earliest end date)."""
    try:
        start = origin.replace(year=origin.year - window_years) + timedelta(days=1)
    except ValueError:          # 29 February
        start = date(origin.year - window_years, 3, 1)
    return max(start, first_day) if first_day is not None else start


def data_start(measures: pl.DataFrame, origin: date) -> date | None:
    """The first day the activity data cover: the earliest end date on or before ``origin`` (an export holds the
    measures running on or after a day, so stays that ended before it are missing); None without an end. A
    rule of thumb for a whole export; the page and the back-test pass it to the model as ``data_start``."""
    ends = measures.filter(pl.col("end_date") <= origin)["end_date"]
    return ends.min() if ends.len() else None


def estimate_rates(st: pl.DataFrame, origin: date, window_years: int, first_day: date | None = None) -> Rates:
    """The exits, inflow, level shares, new tariffs and the turning-18 transition from the window before
    ``origin`` (see the module's docstring). ``st``: :func:`stays` on the origin."""
    w0 = window_start(origin, window_years, first_day)
    n_days = (origin - w0).days + 1
    both = bool(st.filter(_is_children()).height and st.filter(_is_adults()).height)
    st = st.with_columns(_overlap(pl.col("start"), pl.col("end"), w0, origin).alias("exposure"),
                         (pl.col("end").is_not_null() & (pl.col("end") >= w0) & (pl.col("end") <= origin)).alias("exit"),
                         ((pl.col("start") >= w0) & (pl.col("start") <= origin)).alias("new"),
                         (pl.col("end").is_null() | (pl.col("end") > origin)).alias("stock"))

    # turning 18: children's stays that ended in the year the citizen turned 18, and adults' stays starting
    # within a year after such an end
    transition = pl.DataFrame(schema={"offer_type": pl.String, "level": pl.String, "share": pl.Float64,
                                      "tariff_dkk_per_day": pl.Float64})
    tau, cases, going_on = None, 0, 0
    st = st.with_columns(pl.lit(False).alias("from_children"))
    if both:
        ended18 = (st.filter(_is_children() & pl.col("exit") & (pl.col("end").dt.year() - pl.col("birth_year") == ADULT_AGE))
                   .group_by("citizen_key").agg(pl.col("end").max().alias("child_end")))
        cases = ended18.height
        adult_starts = (st.filter(_is_adults() & pl.col("new"))
                        .join(ended18, on="citizen_key")
                        .filter((pl.col("start") > pl.col("child_end"))
                                & (pl.col("start") <= pl.col("child_end") + timedelta(days=365))))
        st = st.join(adult_starts.select("citizen_key", "offer_type", "start", pl.lit(True).alias("_t")),
                     on=["citizen_key", "offer_type", "start"], how="left") \
            .with_columns(pl.col("_t").fill_null(False).alias("from_children")).drop("_t")
        going_on = adult_starts["citizen_key"].n_unique()
        tau = going_on / cases if cases else 0.0
        if adult_starts.height:
            transition = (adult_starts.group_by("offer_type", pl.col("first_level").alias("level"))
                          .agg(pl.len().alias("n"), pl.col("first_tariff").mean().alias("tariff_dkk_per_day"))
                          .with_columns((pl.col("n") / pl.col("n").sum()).alias("share"))
                          .select("offer_type", "level", "share", "tariff_dkk_per_day").sort("offer_type", "level"))

    offers = (st.group_by("offer_type")
              .agg(pl.col("stock").sum().alias("stock"), pl.col("exposure").sum().alias("exposure_days"),
                   pl.col("exit").sum().alias("exits"),
                   (pl.col("new") & ~pl.col("from_children")).sum().alias("starts"))
              .with_columns(pl.when(pl.col("exposure_days") > 0)
                            .then(pl.col("exits") / pl.col("exposure_days")).otherwise(0.0)
                            .clip(0.0, 1.0).alias("exit_prob_day"),
                            (pl.col("starts") / n_days).alias("_rate"))
              .with_columns((1 - (1 - pl.col("exit_prob_day")) ** 365).alias("exit_share_year"),
                            (pl.col("_rate") * 365).alias("starts_per_year"))
              .drop("_rate").sort("offer_type"))

    new = st.filter(pl.col("new") & ~pl.col("from_children"))
    last_year = origin - timedelta(days=364)
    people = pl.col("citizen_key").n_unique().cast(pl.Int64)
    recent = (new.filter(pl.col("start") >= last_year).group_by("offer_type", pl.col("first_level").alias("level"))
              .agg(pl.col("first_tariff").mean().alias("t_recent"), people.alias("c_recent")))
    window = (new.group_by("offer_type", pl.col("first_level").alias("level"))
              .agg(pl.len().alias("n"), pl.col("first_tariff").mean().alias("t_window"), people.alias("citizens")))
    per_offer = new.group_by("offer_type").agg(pl.col("first_tariff").mean().alias("t_offer"),
                                               people.alias("c_offer"))
    levels = (window.join(recent, on=["offer_type", "level"], how="left").join(per_offer, on="offer_type", how="left")
              .with_columns((pl.col("n") / pl.col("n").sum().over("offer_type")).alias("share"),
                            pl.coalesce("t_recent", "t_window", "t_offer").alias("tariff_dkk_per_day"),
                            pl.when(pl.col("t_recent").is_not_null()).then(pl.lit("last_year"))
                            .when(pl.col("t_window").is_not_null()).then(pl.lit("window"))
                            .otherwise(pl.lit("offer")).alias("tariff_basis"),
                            pl.when(pl.col("t_recent").is_not_null()).then(pl.col("c_recent"))
                            .when(pl.col("t_window").is_not_null()).then(pl.col("citizens"))
                            .otherwise(pl.col("c_offer")).alias("tariff_citizens"))
              .select("offer_type", "level", "share", "tariff_dkk_per_day", "tariff_basis", "citizens",
                      "tariff_citizens")
              .sort("offer_type", "level"))
    ages = (new.with_columns(age_expr(pl.col("start").dt.year(), "birth_year"))
            .group_by("offer_type", "age_group").agg(pl.len().alias("n"))
            .with_columns((pl.col("n") / pl.col("n").sum().over("offer_type")).alias("share"))
            .select("offer_type", "age_group", "share").sort("offer_type", "age_group"))
    return Rates(start=w0, end=origin, offers=offers, levels=levels, transition=transition, turning_18_share=tau,
                 turning_18_cases=cases, turning_18_going_on=going_on, ages=ages)


def actual_days(measures: pl.DataFrame, a: date, b: date, keys: list[str] | None = None) -> pl.DataFrame:
    """``keys`` (default offer_type, level), days, cost_dkk of the measures (their own segment and tariff) inside
    [a, b]."""
    return (measures.with_columns(_overlap(pl.col("start_date"), pl.col("end_date"), a, b).alias("days"))
            .filter(pl.col("days") > 0)
            .group_by(keys or SEGMENT_KEYS)
            .agg(pl.col("days").sum().cast(pl.Float64),
                 (pl.col("days") * pl.col("tariff_dkk_per_day")).sum().alias("cost_dkk")))


def citizens_in(measures: pl.DataFrame, a: date, b: date, keys: list[str]) -> pl.DataFrame:
    """``keys``, citizens: the distinct citizens with a measure on a day of [a, b] (as exported) per ``keys``
    (e.g. offer type, or offer type and level): the count the small-count suppression (issue 22) holds a
    segment's figures against."""
    return (measures.filter(_overlap(pl.col("start_date"), pl.col("end_date"), a, b) > 0)
            .group_by(keys).agg(pl.col("citizen_key").n_unique().cast(pl.Int64).alias("citizens")))


def basis_citizens(measures: pl.DataFrame, origin: date, window_years: int, first_day: date | None,
                   keys: list[str]) -> pl.DataFrame:
    """:func:`citizens_in` the model's window before ``origin`` (its first day by :func:`window_start`) up to
    the origin: the citizens whose measures a forecast from ``origin`` rests on (stock, exits, new stays,
    actual to date), per ``keys``."""
    return citizens_in(measures.filter(pl.col("start_date") <= origin),
                       window_start(origin, window_years, first_day), origin, keys)


def _year_bounds(origin: date, year: int) -> tuple[int, int]:
    """Day numbers (after the origin) of the part of ``year`` after the origin."""
    k1 = max((date(year, 1, 1) - origin).days, 1)
    return k1, (date(year, 12, 31) - origin).days


def _geometric_expr(q: pl.Expr, k1: pl.Expr, k2: pl.Expr) -> pl.Expr:
    """:func:`geometric_days` as a polars expression (q, k1, k2 columns or expressions)."""
    n = (k2 - k1 + 1).cast(pl.Float64)
    return (pl.when(k2 < k1).then(0.0)
            .when(q == 1.0).then(n)
            .otherwise(q.pow(k1) * (1.0 - q.pow(k2 - k1 + 1)) / (1.0 - q)))


def _stock_days(stock: pl.DataFrame, origin: date, years: list[int], factors: dict[int, float],
                q_of: dict[str, float], rates: Rates) -> list[pl.DataFrame]:
    """The projected days and cost of the stays running on the origin (source 'stock'), and of the children's
    stays that move on to the adults' area when the citizen turns 18 (source 'turning_18', when both areas are
    loaded), per stay and year in FORECAST_SCHEMA. A stay with a known end runs to it; an open stay ends on any
    day with probability 1 - q (its offer type's daily exit probability; q = 1 for an offer without one); a
    children's stay ends at the citizen's 18th year on 1 July if that is earlier, and the share turning_18_share
    of it (if still running: q^day) goes on in the offer types of rates.transition from the next day."""
    bounds = pl.DataFrame([(y, *_year_bounds(origin, y), factors[y]) for y in years],
                          schema={"year": pl.Int32, "k1": pl.Int64, "k2": pl.Int64, "factor": pl.Float64},
                          orient="row")
    q_frame = pl.DataFrame({"offer_type": list(q_of), "q": list(q_of.values())},
                           schema={"offer_type": pl.String, "q": pl.Float64})
    both = rates.turning_18_share is not None
    end_k = (pl.col("end") - pl.lit(origin)).dt.total_days()
    cap_k = (pl.date(pl.col("birth_year") + ADULT_AGE, 7, 1) - pl.lit(origin)).dt.total_days()
    capped = (pl.lit(both) & _is_children() & pl.col("birth_year").is_not_null() & (cap_k > 0)
              & (pl.col("end_k").is_null() | (cap_k < pl.col("end_k"))))
    per_stay = (stock.join(q_frame, on="offer_type", how="left", nulls_equal=True)
                .with_columns(pl.col("q").fill_null(1.0), end_k.alias("end_k"))
                .with_columns(pl.when(capped).then(cap_k).alias("cap_k")))
    grid = per_stay.join(bounds, how="cross")
    k1, k2 = pl.col("k1"), pl.col("k2")
    known = pl.max_horizontal(pl.min_horizontal(k2, pl.col("end_k")) - k1 + 1, pl.lit(0)).cast(pl.Float64)
    known_capped = pl.max_horizontal(pl.min_horizontal(k2, pl.col("cap_k")) - k1 + 1, pl.lit(0)).cast(pl.Float64)
    open_days = _geometric_expr(pl.col("q"), k1, pl.min_horizontal(k2, pl.col("cap_k").fill_null(k2)))
    days = (pl.when(pl.col("end_k").is_not_null() & pl.col("cap_k").is_null()).then(known)
            .when(pl.col("end_k").is_not_null()).then(known_capped)
            .otherwise(open_days))
    out = [grid.with_columns(days.alias("days"))
           .filter(pl.col("days") != 0)
           .select("year", "offer_type", "level", pl.lit("stock").alias("source"), "days",
                   (pl.col("days") * pl.col("tariff_dkk_per_day") * pl.col("factor")).alias("cost_dkk"),
                   age_expr(pl.col("year")))]
    tau = rates.turning_18_share or 0.0
    if both and tau > 0 and rates.transition.height:
        transition = (rates.transition.select("offer_type", "level", "share", "tariff_dkk_per_day")
                      .join(q_frame.rename({"q": "qa"}), on="offer_type", how="left", nulls_equal=True)
                      .with_columns(pl.col("qa").fill_null(1.0)))
        movers = (per_stay.filter(pl.col("cap_k").is_not_null())
                  .select("birth_year", "cap_k",
                          (pl.when(pl.col("end_k").is_not_null()).then(1.0)
                           .otherwise(pl.col("q").pow(pl.col("cap_k"))) * tau).alias("survive"))
                  .join(transition, how="cross").join(bounds, how="cross"))
        lo = pl.max_horizontal(k1, pl.col("cap_k") + 1)
        moved = (pl.when(k2 >= lo)
                 .then(pl.col("survive") * pl.col("share")
                       * _geometric_expr(pl.col("qa"), lo - pl.col("cap_k") - 1, k2 - pl.col("cap_k") - 1))
                 .otherwise(0.0))
        out.append(movers.with_columns(moved.alias("days"))
                   .filter(pl.col("days") != 0)
                   .select("year", "offer_type", "level", pl.lit("turning_18").alias("source"), "days",
                           (pl.col("days") * pl.col("tariff_dkk_per_day") * pl.col("factor")).alias("cost_dkk"),
                           age_expr(pl.col("year"))))
    return [f.cast(FORECAST_SCHEMA) for f in out]


def forecast(measures: pl.DataFrame, pl_index: dict[int, float], assumptions: Assumptions) -> Projection:
    """HÅP and cost per year, segment and source (see the module's docstring). ``measures``: the rows of
    queries/prognose_measures.sql; ``pl_index``: year -> PL index (may be empty)."""
    a = assumptions
    origin = a.origin
    years = a.years
    index, assumed = pl_series(pl_index, years, a.pl_growth_pct)
    p0 = origin.year
    above = 1.0 + a.price_above_pl_pct / 100.0
    factors = {y: index[y] / index[p0] * above ** (y - p0) for y in years}
    st = stays(measures, origin, a.known_ends)
    rates = estimate_rates(st, origin, a.window_years, a.data_start)
    q_of = {o: 1.0 - h for o, h in rates.offers.select("offer_type", "exit_prob_day").iter_rows()}
    n_window = (origin - rates.start).days + 1
    starts_of = {o: n / n_window for o, n in rates.offers.select("offer_type", "starts").iter_rows()}
    for offer, exit_share, per_year in a.rate_overrides:
        if offer in q_of and exit_share is not None:
            q_of[offer] = (1.0 - exit_share) ** (1.0 / 365)
        if offer in starts_of and per_year is not None:
            starts_of[offer] = per_year / 365
    rows: list[tuple] = []

    # actual to date in the origin's year (the measures as exported, not as known on the origin)
    to_date = actual_days(measures.filter(pl.col("start_date") <= origin).with_columns(age_expr(p0)),
                          date(p0, 1, 1), origin, SEGMENT_KEYS + ["age_group"])
    for o, lvl, age, d, c in to_date.select("offer_type", "level", "age_group", "days", "cost_dkk").iter_rows():
        rows.append((p0, o, lvl, "actual", d, c, age))

    stock = st.filter(pl.col("end").is_null() | (pl.col("end") > origin))
    frames = [pl.DataFrame(rows, schema=FORECAST_SCHEMA, orient="row"),
              *_stock_days(stock, origin, years, factors, q_of, rates)]
    rows = []

    grow = 1.0 + a.inflow_change_pct / 100.0
    for o, per_day in starts_of.items():
        rate = per_day * grow
        q = q_of[o]
        ages = rates.ages.filter(pl.col("offer_type") == o).select("age_group", "share").rows() or [("ukendt", 1.0)]
        for lvl, share, tariff in (rates.levels.filter(pl.col("offer_type") == o)
                                   .select("level", "share", "tariff_dkk_per_day").iter_rows()):
            for y in years:
                k1, k2 = _year_bounds(origin, y)
                d = inflow_days(rate * share, q, k1, k2)
                if d:
                    for age, age_share in ages:
                        rows.append((y, o, lvl, "inflow", d * age_share, d * age_share * tariff * factors[y], age))

    seg = pl.concat([*frames, pl.DataFrame(rows, schema=FORECAST_SCHEMA, orient="row")])
    seg = _with_hap(seg)
    seg = apply_level_drift(seg, p0, a.level_up_pct, a.level_down_pct)
    for move in a.moves:
        seg = apply_move(seg, p0, move, factors)
    return Projection(a, rates, seg, factors, index, assumed)


def _with_hap(seg: pl.DataFrame) -> pl.DataFrame:
    dy = pl.date(pl.col("year"), 12, 31).dt.ordinal_day()
    return seg.with_columns((pl.col("days") / dy).alias("hap"))


def _not_by_age(extra: pl.DataFrame, seg: pl.DataFrame) -> pl.DataFrame:
    """A scenario's rows with a null age group where the segments carry one (drift and moves are not split by age)."""
    return extra.with_columns(pl.lit(None, pl.String).alias("age_group")) if "age_group" in seg.columns else extra


def drift_matrix(up: float, down: float, levels: list[str]) -> list[list[float]]:
    """The yearly transition matrix over the ordered ``levels``: from level i a share ``up`` to i + 1 (not from the
    top), ``down`` to i - 1 (not from the bottom), the rest stays. Rows sum to 1."""
    n = len(levels)
    m = [[0.0] * n for _ in range(n)]
    for i in range(n):
        u = up if i < n - 1 else 0.0
        d = down if i > 0 else 0.0
        m[i][i] = 1.0 - u - d
        if u:
            m[i][i + 1] = u
        if d:
            m[i][i - 1] = d
    return m


def apply_level_drift(seg: pl.DataFrame, origin_year: int, up_pct: float, down_pct: float) -> pl.DataFrame:
    """Each year after ``origin_year`` moves ``up_pct`` % of an offer type's HÅP on each assessed level one level
    up and ``down_pct`` % one down (n = year - origin_year times; 'ikke vurderet' stays). The moved HÅP costs
    the unit cost (cost / HÅP) of its new level in that year and offer type, or, on a level without HÅP, the
    offer type's mean unit cost. Actual to date is never moved. Returns the same columns, with source kept for
    the unmoved rows and 'drift' rows holding the change."""
    if not (up_pct or down_pct):
        return seg
    levels = [lvl for lvl in sorted(LEVEL_ORDER, key=LEVEL_ORDER.get) if lvl != NOT_ASSESSED]
    m = drift_matrix(up_pct / 100.0, down_pct / 100.0, levels)
    out = []
    movable = seg.filter((pl.col("source") != "actual") & pl.col("level").is_in(levels))
    for (y, o), part in movable.group_by("year", "offer_type"):
        n = y - origin_year
        if n <= 0:
            continue
        agg = part.group_by("level").agg(pl.col("hap").sum(), pl.col("cost_dkk").sum(), pl.col("days").sum())
        hap = dict(agg.select("level", "hap").iter_rows())
        cost = dict(agg.select("level", "cost_dkk").iter_rows())
        total_h, total_c = sum(hap.values()), sum(cost.values())
        mean_unit = total_c / total_h if total_h else 0.0
        unit = {lvl: (cost[lvl] / hap[lvl] if hap.get(lvl) else mean_unit) for lvl in levels}
        vec = [hap.get(lvl, 0.0) for lvl in levels]
        for _ in range(n):
            vec = [sum(vec[i] * m[i][j] for i in range(len(levels))) for j in range(len(levels))]
        dy = days_in_year(y)
        for lvl, new_h in zip(levels, vec):
            dh = new_h - hap.get(lvl, 0.0)
            if abs(dh) > 1e-12:
                out.append((y, o, lvl, "drift", dh * dy, dh * unit[lvl]))
    if not out:
        return seg
    extra = _with_hap(pl.DataFrame(out, schema=PROJECTION_SCHEMA, orient="row"))
    return pl.concat([seg, _not_by_age(extra, seg).select(seg.columns)])


def apply_move(seg: pl.DataFrame, origin_year: int, move: Move, factors: dict[int, float]) -> pl.DataFrame:
    """A named measure: in the i-th year after ``origin_year`` N (i - 1/2) HÅP (at most the offer's HÅP that year)
    leave ``from_offer`` (each level in its share of the offer's HÅP, at that level's unit cost) and join
    ``to_offer`` on the same levels at ``price_per_day`` x days in the year x factor(year)."""
    out = []
    for y in sorted(seg["year"].unique().to_list()):
        i = y - origin_year
        if i <= 0:
            continue
        part = (seg.filter((pl.col("year") == y) & (pl.col("offer_type") == move.from_offer))
                .group_by("level").agg(pl.col("hap").sum(), pl.col("cost_dkk").sum()))
        total = part["hap"].sum() if part.height else 0.0
        if total <= 0:
            continue
        moved = min(move.per_year * (i - 0.5), total)
        dy = days_in_year(y)
        for lvl, h, c in part.select("level", "hap", "cost_dkk").iter_rows():
            if h <= 0:
                continue
            mh = moved * h / total
            out.append((y, move.from_offer, lvl, "move", -mh * dy, -mh * c / h))
            out.append((y, move.to_offer, lvl, "move", mh * dy, mh * dy * move.price_per_day * factors[y]))
    if not out:
        return seg
    extra = _with_hap(pl.DataFrame(out, schema=PROJECTION_SCHEMA, orient="row"))
    return pl.concat([seg, _not_by_age(extra, seg).select(seg.columns)])


def scenario_segments(base: Projection, scen: Projection, year: int) -> pl.DataFrame:
    """The decomposition input (analysis.decomposition.decompose) of one year: segment 'offer|level', group
    (offer type), baseline as base and scenario as current HÅP and cost. A segment's negative cost (a move
    taking more than the baseline had) is floored at 0 with its HÅP."""
    b = base.by_segment().filter(pl.col("year") == year)
    s = scen.by_segment().filter(pl.col("year") == year)
    j = (b.join(s, on=["offer_type", "level"], how="full", coalesce=True, suffix="_s")
         .with_columns(pl.col("hap", "cost_dkk", "hap_s", "cost_dkk_s").fill_null(0.0)))
    return j.select((pl.col("offer_type") + "|" + pl.col("level")).alias("segment"),
                    pl.col("offer_type").alias("group"),
                    pl.col("hap").clip(lower_bound=0).alias("volume_base"),
                    pl.col("hap_s").clip(lower_bound=0).alias("volume_current"),
                    pl.col("cost_dkk").clip(lower_bound=0).alias("cost_base"),
                    pl.col("cost_dkk_s").clip(lower_bound=0).alias("cost_current"))


# ---- back-test ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BackTest:
    """The model run from the end of each earlier year and held against what happened.

    years: origin, year, horizon (year - origin), forecast/actual HÅP and cost, error_pct (cost: (forecast -
    actual) / actual x 100); segments: the same per origin, year and offer type, with the distinct citizens
    the forecast rests on (forecast_citizens, :func:`basis_citizens`) and of the actual year (actual_citizens); mape_1y: the mean absolute
    percentage error of the total cost one year ahead (None without a pair), mape_all: over every horizon,
    mape_hap_1y: of the HÅP one year ahead."""

    years: pl.DataFrame
    segments: pl.DataFrame
    mape_1y: float | None
    mape_all: float | None
    mape_hap_1y: float | None
    origins: tuple[int, ...]
    pl_as_of_origin: bool = True                  # prices as known on each origin (else today's index)
    pl_growth_by_origin: dict[int, float] = field(default_factory=dict)   # % a year assumed after each origin


def actual_years(measures: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """year, offer_type, level, hap, cost_dkk of the measures as exported (the back-test's truth)."""
    parts = [actual_days(measures, date(y, 1, 1), date(y, 12, 31)).with_columns(pl.lit(y, pl.Int32).alias("year"))
             for y in years]
    df = pl.concat(parts) if parts else pl.DataFrame(schema={"offer_type": pl.String, "level": pl.String,
                                                             "days": pl.Float64, "cost_dkk": pl.Float64,
                                                             "year": pl.Int32})
    return _with_hap(df)


def pl_known_on(pl_index: dict[int, float], origin_year: int, fallback_growth_pct: float = 0.0
                ) -> tuple[dict[int, float], float]:
    """The PL index as known at the end of ``origin_year``: the loaded values of the years up to it, and the
    growth to assume after it, that year's growth in % (I(T) / I(T - 1) - 1; ``fallback_growth_pct`` when the
    index lacks either year). The loaded index holds one edition, so a later revision of a known year cannot be
    told apart; the years after the origin are what the origin could not know."""
    known = {y: v for y, v in pl_index.items() if y <= origin_year}
    t, prev = known.get(origin_year), known.get(origin_year - 1)
    growth = (t / prev - 1.0) * 100.0 if t and prev else fallback_growth_pct
    return known, growth


def back_test(measures: pl.DataFrame, pl_index: dict[int, float], data_date: date, window_years: int = 3,
              pl_growth_pct: float = 0.0, pl_as_of_origin: bool = True) -> BackTest:
    """Run :func:`forecast` from 31 December of every year T whose window lies inside the data (T - window_years
    + 1 >= the data's first year) and before the last complete year, without the end dates that were not known
    on the origin, and compare every complete year after T (to the year before the data date's) with the
    measures as exported. Prices: with ``pl_as_of_origin`` the PL index as known on the origin
    (:func:`pl_known_on`: the loaded years up to T, after T the growth of T; ``pl_growth_pct`` when T's growth is
    not loaded), else the loaded index of the target years (known today, not on the origin)."""
    measures = with_stay_key(measures)       # stays() runs from every origin: texts sorted once
    last = data_date.year - 1
    first_day = data_start(measures, data_date)
    if first_day is None:
        return BackTest(pl.DataFrame(), pl.DataFrame(), None, None, None, ())
    first = first_day.year + (0 if first_day <= date(first_day.year, 1, 2) else 1)
    origins = [t for t in range(first + window_years - 1, last) if t >= first]
    actual = actual_years(measures, list(range(min(origins) + 1, last + 1))) if origins else None
    actual_citizens = pl.concat(
        [citizens_in(measures, date(y, 1, 1), date(y, 12, 31), ["offer_type"]).with_columns(pl.lit(y, pl.Int32).alias("year"))
         for y in range(min(origins) + 1, last + 1)] or [pl.DataFrame(schema={"offer_type": pl.String,
                                                                              "citizens": pl.Int64, "year": pl.Int32})]
    ).rename({"citizens": "actual_citizens"}) if origins else None
    seg_rows = []
    growths = {}
    for t in origins:
        index, growth = pl_known_on(pl_index, t, pl_growth_pct) if pl_as_of_origin else (pl_index, pl_growth_pct)
        growths[t] = growth
        a = Assumptions(origin=date(t, 12, 31), horizon_years=last - t, window_years=window_years,
                        pl_growth_pct=growth, known_ends=False, data_start=first_day)
        p = forecast(measures, index, a)
        f = (p.segments.filter(pl.col("year") > t).group_by("year", "offer_type")
             .agg(pl.col("hap").sum(), pl.col("cost_dkk").sum()))
        act = (actual.filter((pl.col("year") > t)).group_by("year", "offer_type")
               .agg(pl.col("hap").sum(), pl.col("cost_dkk").sum()))
        j = (f.join(act, on=["year", "offer_type"], how="full", coalesce=True, suffix="_actual")
             .with_columns(pl.col("hap", "cost_dkk", "hap_actual", "cost_dkk_actual").fill_null(0.0),
                           pl.col("year").cast(pl.Int32), pl.lit(t, pl.Int32).alias("origin"))
             .join(basis_citizens(measures, a.origin, window_years, first_day, ["offer_type"])
                   .rename({"citizens": "forecast_citizens"}), on="offer_type", how="left")
             .join(actual_citizens, on=["year", "offer_type"], how="left")
             .with_columns(pl.col("forecast_citizens", "actual_citizens").fill_null(0)))
        seg_rows.append(j)
    if not seg_rows:
        return BackTest(pl.DataFrame(), pl.DataFrame(), None, None, None, ())
    seg = (pl.concat(seg_rows)
           .select("origin", "year", (pl.col("year") - pl.col("origin")).alias("horizon"), "offer_type",
                   pl.col("hap").alias("forecast_hap"), pl.col("hap_actual").alias("actual_hap"),
                   pl.col("cost_dkk").alias("forecast_cost_dkk"), pl.col("cost_dkk_actual").alias("actual_cost_dkk"),
                   "forecast_citizens", "actual_citizens")
           .with_columns(_error("forecast_cost_dkk", "actual_cost_dkk"))
           .sort("origin", "year", "offer_type"))
    yrs = (seg.group_by("origin", "year", "horizon")
           .agg(pl.col("forecast_hap").sum(), pl.col("actual_hap").sum(), pl.col("forecast_cost_dkk").sum(),
                pl.col("actual_cost_dkk").sum())
           .with_columns(_error("forecast_cost_dkk", "actual_cost_dkk"),
                         _error("forecast_hap", "actual_hap").alias("error_hap_pct"))
           .sort("origin", "year"))
    one = yrs.filter(pl.col("horizon") == 1)
    return BackTest(yrs, seg, _mape(one["error_pct"]), _mape(yrs["error_pct"]), _mape(one["error_hap_pct"]),
                    tuple(origins), pl_as_of_origin, growths)


def _error(f: str, a: str) -> pl.Expr:
    return (pl.when(pl.col(a) != 0).then((pl.col(f) - pl.col(a)) / pl.col(a) * 100.0).otherwise(None)
            .alias("error_pct"))


def _mape(errors: pl.Series) -> float | None:
    e = errors.drop_nulls()
    return float(e.abs().mean()) if e.len() else None


# ---- tariff model ---------------------------------------------------------------------------------------------

def tariff_change(measures: pl.DataFrame, origin: date, offer_type: str, new_tariffs: dict[str, float],
                  year_days: int = 365) -> pl.DataFrame:
    """A new daily tariff per level for ``offer_type`` applied to its citizens on ``origin`` (the stays running
    after it): per level the citizens, today's cost = sum of their daily tariffs x ``year_days``, the new cost
    = citizens x new tariff x ``year_days`` (a level without a new tariff keeps today's), and the difference
    (kr. a year at the origin's prices). Columns: level, citizens, tariff_today (mean, kr. a day),
    tariff_new, cost_today_dkk, cost_new_dkk, change_dkk; sorted by level."""
    st = stays(measures.filter(pl.col("offer_type") == offer_type), origin)
    stock = st.filter(pl.col("end").is_null() | (pl.col("end") > origin))
    per = (stock.group_by("level").agg(pl.len().alias("citizens"),
                                       pl.col("tariff_dkk_per_day").mean().alias("tariff_today"),
                                       (pl.col("tariff_dkk_per_day").sum() * year_days).alias("cost_today_dkk")))
    new = pl.DataFrame({"level": list(new_tariffs), "tariff_new": [float(v) for v in new_tariffs.values()]},
                       schema={"level": pl.String, "tariff_new": pl.Float64})
    out = (per.join(new, on="level", how="left")
           .with_columns(pl.col("citizens").cast(pl.Int64),
                         pl.when(pl.col("tariff_new").is_null())
                         .then(pl.col("cost_today_dkk"))
                         .otherwise(pl.col("citizens") * pl.col("tariff_new") * year_days).alias("cost_new_dkk"))
           .with_columns(pl.col("tariff_new").fill_null(pl.col("tariff_today")),
                         (pl.col("cost_new_dkk") - pl.col("cost_today_dkk")).alias("change_dkk"))
           .select("level", "citizens", "tariff_today", "tariff_new", "cost_today_dkk", "cost_new_dkk", "change_dkk"))
    return out.sort(pl.col("level").replace_strict(LEVEL_ORDER, default=99, return_dtype=pl.Int64))
