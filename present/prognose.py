"""The Prognose page's words and its view builder: :func:`prognose_view` runs the budget model
(analysis.budget_model) on the loaded activity data for the baseline and the scenario the user set, and turns
the result into the headline sentence, the year table (baseline, scenario, the difference split into volume,
complexity and price with the Dekomponering engine), the segments, the assumptions, the back-test and the
tariff model, each with its export. Pure: no streamlit."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from analysis.budget_check import (activity_budget, allocated_budget, budget_units, economy_check, fixed_part,
                                   ledger_months, segment_rates)
from analysis.budget_model import (Assumptions, BackTest, Move, actual_years, back_test, basis_citizens, data_start,
                                   estimate_rates, forecast, scenario_segments, stays, tariff_change)
from analysis.decomposition import decompose
from analysis.prices import MissingIndexError, PriceBase, price_factors
from analysis.suppression import SMALL, SUPPRESSED, suppress, suppress_under
from analysis.suppression import suppress as suppress_rows       # budget_check_view's own `suppress` is a flag
from domain.access import SUPPRESSION_THRESHOLD
from domain.codes import AGE_SEGMENTS, DEFAULT_REFUND_BASIS, LEVEL_ORDER, REFUND_BASES
from i18n import t
from present.exports import Column, Table
from present.suppression import cells, hidden_text, note
from present.suppression import note as suppression_note       # budget_check_view has a local `note`
from present.formatting import (basis_prices, fmt_date, fmt_mio, fmt_month, fmt_number, fmt_pct, fmt_persons,
                                fmt_signed_dkk, fmt_values, md_literal, price_phrase)

HORIZONS = (1, 2, 3, 4)
#: the baseline segments table's second dimension besides the offer type (URL value -> the projection's column)
SEGMENT_SPLITS: dict[str, str] = {"niveau": "level", "alder": "age_group"}
HISTORY_YEARS = 3        # complete years of actual activity-based cost shown before the forecast


@dataclass(frozen=True)
class PrognoseChoices:
    """What the user sets on the page (all in the URL). Percentages a year; ``pl_growth_pct`` None: the last
    loaded year's PL growth."""

    horizon: int = 4
    pl_growth_pct: float | None = None
    inflow_change_pct: float = 0.0
    level_up_pct: float = 0.0
    level_down_pct: float = 0.0
    price_above_pl_pct: float = 0.0
    move: Move | None = None
    extra_moves: tuple[Move, ...] = ()       # further named moves, applied after ``move`` in their order
    segment_split: str = "niveau"            # the segments table's second dimension: SEGMENT_SPLITS
    tariff_offer: str | None = None
    tariffs: dict[str, float] = field(default_factory=dict)
    # the user's own rates: (offer type, outflow share a year 0..1 or None, new stays a year or None)
    rate_overrides: tuple[tuple[str, float | None, float | None], ...] = ()
    # a user without citizen-level access (issue 22): figures of fewer than 5 citizens are hidden ('<5')
    suppress_small: bool = False


@dataclass(frozen=True)
class Export:
    """One download: its tables, file name (without suffix), title and the period its figures cover."""

    tables: tuple[Table, ...]
    file_stem: str
    title: str
    period: str = ""


@dataclass(frozen=True)
class PrognoseView:
    """Everything the Prognose page shows. ``status``: 'ok' or 'no_activity' (the page says so and stops)."""

    status: str
    warning: str | None = None
    price_label: str = ""
    basis: str = ""                            # the caption next to the figures: basis, prices, period, source
    headline: str = ""
    scenario_sentence: str = ""
    is_scenario: bool = False
    origin: date | None = None
    pl_growth_default: float = 0.0
    offers: tuple[str, ...] = ()
    chart: pl.DataFrame | None = None          # year, kind (actual | baseline | scenario), cost_dkk, hap
    chart_title: str = ""
    years_table: pl.DataFrame | None = None
    years_title: str = ""
    years_export: Export | None = None
    segments_table: pl.DataFrame | None = None
    segments_title: str = ""
    segments_export: Export | None = None
    assumption_lines: tuple[str, ...] = ()
    levels_table: pl.DataFrame | None = None
    pl_table: pl.DataFrame | None = None
    assumptions_export: Export | None = None
    backtest_sentence: str = ""
    backtest_chart: pl.DataFrame | None = None  # origin, year, forecast_cost_dkk, actual_cost_dkk (one year ahead)
    backtest_chart_title: str = ""
    backtest_table: pl.DataFrame | None = None
    backtest_segments: pl.DataFrame | None = None
    backtest_export: Export | None = None
    backtest: BackTest | None = None
    tariff_levels: pl.DataFrame | None = None  # level, label, citizens, tariff_today (the inputs' defaults)
    tariff_table: pl.DataFrame | None = None
    tariff_sentence: str = ""
    tariff_export: Export | None = None
    # issue 22: the line under a section ('segments', 'assumptions', 'backtest', 'tariff') whose figures of
    # fewer than 5 citizens are hidden
    notes: dict[str, str | None] = field(default_factory=dict)
    hidden_offers: tuple[str, ...] = ()         # offer types whose figures are hidden (suppress_small)


def offer_citizens(data) -> pl.DataFrame:
    """offer_type, citizens, small, suppressed: the distinct citizens each offer type's forecast rests on (its
    measures in the model's window up to the data date, analysis.budget_model.basis_citizens) with the flags of
    analysis.suppression.suppress over all offer types (their total is the page's total): the offer types a
    user without citizen-level access sees no figures of (issue 22)."""
    origin = data.data_date
    counts = basis_citizens(data.measures, origin, Assumptions(origin).window_years, data_start(data.measures, origin),
                            ["offer_type"]).sort("offer_type")
    return suppress(counts, "citizens", [])


def _hidden_offers(data) -> set[str]:
    return set(offer_citizens(data).filter(pl.col(SUPPRESSED))["offer_type"].to_list())


def offer_options(data, suppress_small: bool = False) -> list[str]:
    """The offer types of the loaded measures, sorted (the named move's choices); with ``suppress_small`` not
    those whose figures are hidden (a move from or to one would give its unit cost back in the scenario)."""
    if not data.measures.height:
        return []
    hidden = _hidden_offers(data) if suppress_small and data.data_date is not None else set()
    return sorted(o for o in data.measures["offer_type"].unique().to_list() if o not in hidden)


def tariff_offers(data, suppress_small: bool = False) -> list[str]:
    """The offer types that have citizens on the data date (the tariff model's choices), sorted; with
    ``suppress_small`` only those whose figures are shown and that have at least 5 citizens on the data date
    (the tariff table's total row)."""
    if data.data_date is None or data.measures.is_empty():
        return []
    m = data.measures
    running = m.filter((pl.col("start_date") <= data.data_date)
                       & (pl.col("end_date").is_null() | (pl.col("end_date") > data.data_date)))
    if suppress_small:
        hidden = _hidden_offers(data)
        counts = running.group_by("offer_type").agg(pl.col("citizen_key").n_unique().alias("n"))
        return sorted(o for o, n in counts.iter_rows() if o not in hidden and n >= SUPPRESSION_THRESHOLD)
    return sorted(running["offer_type"].unique().to_list())


def tariff_defaults(data, offer: str, lang: str | None = None, suppress_small: bool = False) -> pl.DataFrame:
    """level, label, citizens, tariff_today (mean daily tariff, kr.) of ``offer``'s citizens on the data date:
    the tariff inputs and their starting values; with ``suppress_small`` the flags small and suppressed added
    and a hidden level's citizens and tariff null (the page offers no input for it)."""
    today = tariff_change(data.measures, data.data_date, offer, {})
    out = today.select("level", "citizens", "tariff_today").with_columns(
        pl.col("level").replace_strict({c: level_label(c, lang) for c in LEVEL_ORDER}, default=pl.col("level"),
                                       return_dtype=pl.String).alias("label"))
    return suppress(out, "citizens", ["tariff_today"]) if suppress_small else out


def measured_rates(data, suppress_small: bool = False) -> pl.DataFrame:
    """offer_type, stock (citizens on the data date), exit_pct (outflow a year, %), starts_per_year as the window
    before the data date measured them (the table the page lets the user override), sorted by offer type; with
    ``suppress_small`` without the offer types whose figures are hidden (:func:`offer_citizens`)."""
    origin = data.data_date
    r = estimate_rates(stays(data.measures, origin), origin, Assumptions(origin).window_years,
                       data_start(data.measures, origin))
    out = r.offers.select("offer_type", "stock", (pl.col("exit_share_year") * 100).alias("exit_pct"),
                          "starts_per_year")
    return out.filter(~pl.col("offer_type").is_in(list(_hidden_offers(data)))) if suppress_small else out


def age_label(group: str, lang: str | None = None) -> str:
    """'18-22 år', 'Ukendt' (no birth year), 'Ikke fordelt' (a scenario's changes, not split by age)."""
    if group == "ukendt":
        return t("decomp.unknown", lang)
    if group == "ikke_fordelt":
        return t("prognose.age_not_split", lang)
    return t("decomp.age", lang, value=group)


def _split_segments(p, by_age: bool) -> pl.DataFrame:
    """The projection per year, offer type and level, or (``by_age``) age group."""
    return p.by_age() if by_age else p.by_segment()


def level_label(code: str, lang: str | None = None) -> str:
    return t(f"level.{code}", lang)


def default_pl_growth(index: dict[int, float]) -> float:
    """The last loaded year's PL growth in % (one decimal), 0 with fewer than two years."""
    years = sorted(index)
    if len(years) < 2 or not index[years[-2]]:
        return 0.0
    return round((index[years[-1]] / index[years[-2]] - 1) * 100, 1)


def _sorted_levels(df: pl.DataFrame, col: str = "level") -> pl.DataFrame:
    return df.with_columns(pl.col(col).replace_strict(LEVEL_ORDER, default=99, return_dtype=pl.Int64).alias("_o")) \
        .sort([c for c in ("offer_type",) if c in df.columns] + ["_o"]).drop("_o")


def headline(by_year: pl.DataFrame, origin: date, last_actual: float | None, lang: str | None = None) -> str:
    """'Med de borgere, der har en ydelse i dag, og tilgangen og afgangen fra de seneste år ventes den
    aktivitetsbaserede udgift at blive 401,9 mio. kr. i 2026 og 434,3 mio. kr. i 2030 (971 helårspersoner mod
    992 i 2026).'"""
    first, last = by_year.row(0, named=True), by_year.row(-1, named=True)
    text = t("prognose.headline", lang, first_year=first["year"], first=fmt_mio(first["cost_dkk"]),
             last_year=last["year"], last=fmt_mio(last["cost_dkk"]), hap_last=fmt_persons(last["hap"], 0),
             hap_first=fmt_persons(first["hap"], 0))
    if last_actual:
        growth = (last["cost_dkk"] / last_actual) ** (1 / (last["year"] - origin.year + 1)) - 1
        text += " " + t("prognose.headline_growth", lang, year=origin.year - 1, last_year=last["year"],
                        growth=fmt_pct(growth, 1))
    return text


def scenario_sentence(base_year: dict, scen_year: dict, effects: dict[str, float], lang: str | None = None) -> str:
    """'Scenariet koster 12,3 mio. kr. mere end basis i 2030: +5,1 mio. kr. fra flere helårspersoner, ...'"""
    diff = scen_year["cost_dkk"] - base_year["cost_dkk"]
    if round(diff / 1e5) == 0:
        return t("prognose.scenario_same", lang, year=scen_year["year"])
    key = "prognose.scenario_more" if diff > 0 else "prognose.scenario_less"
    return t(key, lang, amount=fmt_mio(abs(diff)), year=scen_year["year"],
             volume=fmt_signed_dkk(effects["volume"], "mio"), mix=fmt_signed_dkk(effects["mix"], "mio"),
             price=fmt_signed_dkk(effects["unit_price"], "mio"))


def backtest_sentence(bt: BackTest, lang: str | None = None) -> str:
    if bt.mape_1y is None:
        return t("prognose.backtest_none", lang)
    one = bt.years.filter(pl.col("horizon") == 1)
    years = one["year"].to_list()
    return t("prognose.backtest_sentence", lang, mape=fmt_number(bt.mape_1y, 1), n=len(years),
             first=min(years), last=max(years), mape_hap=fmt_number(bt.mape_hap_1y, 1),
             mape_all=fmt_number(bt.mape_all, 1),
             direction=t("prognose.backtest_under" if one["error_pct"].mean() < 0 else "prognose.backtest_over", lang))


def _fixed(df: pl.DataFrame, cols: list[str], index: dict[int, float], base: PriceBase) -> pl.DataFrame:
    """Amounts from each year's prices to the price base (``index`` includes the model's assumed years)."""
    if not base.is_fixed or df.is_empty():
        return df
    factors = price_factors(df["year"].unique().to_list(), index, base)
    f = pl.col("year").replace_strict(factors, return_dtype=pl.Float64)
    return df.with_columns([(pl.col(c) * f).alias(c) for c in cols])


def prognose_view(data, context, choices: PrognoseChoices, lang: str | None = None) -> PrognoseView:
    """The Prognose page from ``data`` (dashboard.loaders.PrognoseData: measures, data date) and the sidebar's
    ``context`` (present.CONTEXT_ATTRIBUTES: functions, price base, PL index)."""
    m = data.measures
    if m.is_empty() or data.data_date is None:
        return PrognoseView("no_activity")
    origin = data.data_date
    index = {int(k): float(v) for k, v in context.pl_index.items()}
    growth = default_pl_growth(index) if choices.pl_growth_pct is None else choices.pl_growth_pct
    first_day = data_start(m, origin)
    hide = choices.suppress_small
    # issue 22: the offer types whose figures are hidden; their own rates, a move from or to them and their
    # tariffs are not the suppressed user's to set (the scenario's difference would give their figures back)
    offer_flags = offer_citizens(data) if hide else None
    hidden = set(offer_flags.filter(pl.col(SUPPRESSED))["offer_type"].to_list()) if hide else set()
    moves = tuple(mv for mv in (choices.move, *choices.extra_moves)
                  if mv is not None and mv.per_year > 0 and not {mv.from_offer, mv.to_offer} & hidden)
    scen_a = Assumptions(origin=origin, horizon_years=choices.horizon, pl_growth_pct=growth,
                         inflow_change_pct=choices.inflow_change_pct, price_above_pl_pct=choices.price_above_pl_pct,
                         level_up_pct=choices.level_up_pct, level_down_pct=choices.level_down_pct, moves=moves,
                         data_start=first_day,
                         rate_overrides=tuple(o for o in choices.rate_overrides if o[0] not in hidden))
    base = forecast(m, index, scen_a.baseline())
    scen = base if scen_a.is_baseline else forecast(m, index, scen_a)
    is_scenario = not scen_a.is_baseline

    warning = None
    price_base, price_label = context.price_base, context.price_label
    hist_years = list(range(origin.year - HISTORY_YEARS, origin.year))
    hist = actual_years(m, hist_years).group_by("year").agg(pl.col("hap").sum(), pl.col("cost_dkk").sum()).sort("year")
    by_base, by_scen = base.by_year(), scen.by_year()
    # the age split has no citizen counts behind its cells: not offered to a user whose small counts are hidden
    by_age = choices.segment_split == "alder" and not choices.suppress_small
    seg_base = _split_segments(base, by_age)
    try:
        pl_full = base.pl_index
        by_base = _fixed(by_base, ["cost_dkk", "actual_cost_dkk"], pl_full, price_base)
        by_scen = _fixed(by_scen, ["cost_dkk", "actual_cost_dkk"], pl_full, price_base)
        hist = _fixed(hist, ["cost_dkk"], pl_full, price_base)
        seg_base = _fixed(seg_base, ["cost_dkk"], pl_full, price_base)
        factors = price_factors(scen_a.years, pl_full, price_base)
    except MissingIndexError as exc:
        warning = t("status.pl_missing_years", lang, years=", ".join(map(str, exc.years)))
        price_base, price_label = PriceBase(None), t("sidebar.prices_current", lang)
        by_base, by_scen, seg_base = base.by_year(), scen.by_year(), _split_segments(base, by_age)
        hist = actual_years(m, hist_years).group_by("year").agg(pl.col("hap").sum(), pl.col("cost_dkk").sum()).sort("year")
        factors = {y: 1.0 for y in scen_a.years}
    prices = price_phrase(price_label)
    basis = t("prognose.basis", lang, date=fmt_date(origin), prices=prices)

    last_actual = hist.filter(pl.col("year") == origin.year - 1)["cost_dkk"]
    text = headline(by_base, origin, last_actual[0] if last_actual.len() else None, lang)

    # the difference per year, split with the Dekomponering engine (LMDI, prices of the year)
    effects = {}
    for y in scen_a.years:
        if is_scenario:
            segs = scenario_segments(base, scen, y).with_columns(pl.col("cost_base") * factors[y],
                                                                  pl.col("cost_current") * factors[y])
            d = decompose(segs)
            effects[y] = {"volume": d.volume, "mix": d.mix, "unit_price": d.unit_price + d.unallocated + d.residual}
        else:
            effects[y] = {"volume": 0.0, "mix": 0.0, "unit_price": 0.0}
    years_rows = []
    for b, s in zip(by_base.iter_rows(named=True), by_scen.iter_rows(named=True)):
        e = effects[b["year"]]
        years_rows.append({"year": b["year"],
                           "actual_cost_dkk": b["actual_cost_dkk"] if b["year"] == origin.year else None, "hap": b["hap"],
                           "cost_dkk": b["cost_dkk"], "scenario_hap": s["hap"], "scenario_cost_dkk": s["cost_dkk"],
                           "difference_dkk": s["cost_dkk"] - b["cost_dkk"], "volume_dkk": e["volume"],
                           "mix_dkk": e["mix"], "price_dkk": e["unit_price"]})
    years_df = pl.DataFrame(years_rows, orient="row", schema_overrides={"actual_cost_dkk": pl.Float64})
    scen_text = ""
    if is_scenario:
        last = scen_a.years[-1]
        scen_text = scenario_sentence(by_base.filter(pl.col("year") == last).row(0, named=True),
                                      by_scen.filter(pl.col("year") == last).row(0, named=True), effects[last], lang)

    col_year = t("col.year", lang)
    years_cols = [Column("year", col_year), Column("actual_cost_dkk", t("prognose.col_actual_to_date", lang), 0),
                  Column("hap", t("prognose.col_hap", lang), 1), Column("cost_dkk", t("prognose.col_cost", lang), 0)]
    if is_scenario:
        years_cols += [Column("scenario_hap", t("prognose.col_scenario_hap", lang), 1),
                       Column("scenario_cost_dkk", t("prognose.col_scenario_cost", lang), 0),
                       Column("difference_dkk", t("prognose.col_difference", lang), 0),
                       Column("volume_dkk", t("prognose.col_volume", lang), 0),
                       Column("mix_dkk", t("prognose.col_mix", lang), 0),
                       Column("price_dkk", t("prognose.col_price", lang), 0)]
    years_table = _display(years_df, years_cols)
    file_base = f"prognose_{origin.year}-{scen_a.years[-1]}_{price_base.url_value}"
    period = f"{origin.year}-{scen_a.years[-1]}"

    chart_rows = [(r["year"], "actual", r["cost_dkk"], r["hap"]) for r in hist.iter_rows(named=True)]
    chart_rows += [(r["year"], "baseline", r["cost_dkk"], r["hap"]) for r in by_base.iter_rows(named=True)]
    if is_scenario:
        chart_rows += [(r["year"], "scenario", r["cost_dkk"], r["hap"]) for r in by_scen.iter_rows(named=True)]
    chart = pl.DataFrame(chart_rows, schema={"year": pl.Int32, "kind": pl.String, "cost_dkk": pl.Float64,
                                             "hap": pl.Float64}, orient="row")

    # segments (baseline): offer type and level, HÅP and cost per year
    split_header = t("prognose.col_age" if by_age else "prognose.col_level", lang)
    if by_age:
        seg = seg_base.sort("offer_type", "age_group").with_columns(
            pl.col("age_group").replace_strict({g: age_label(g, lang) for g in (*AGE_SEGMENTS, "ikke_fordelt")},
                                               default=pl.col("age_group"), return_dtype=pl.String).alias("level_label"))
    else:
        seg = _sorted_levels(seg_base).with_columns(
            pl.col("level").replace_strict({c: level_label(c, lang) for c in LEVEL_ORDER}, default=pl.col("level"),
                                           return_dtype=pl.String).alias("level_label"))
    seg_cols = [Column("offer_type", t("prognose.col_offer", lang)), Column("level_label", split_header),
                Column("year", col_year), Column("hap", t("prognose.col_hap", lang), 1),
                Column("cost_dkk", t("prognose.col_cost", lang), 0)]
    split_key = "age_group" if by_age else "level"
    wide = seg.pivot(on="year", index=["offer_type", split_key, "level_label"], values="cost_dkk",
                     aggregate_function="sum", sort_columns=True).fill_null(0.0)
    year_cols = [c for c in wide.columns if c not in ("offer_type", split_key, "level_label")]
    seg_flags = None
    if hide:
        # a segment's figures rest on its citizens in the model's window; the rule runs within each offer type,
        # and an offer type hidden over all offer types hides its levels
        keys = seg.select("offer_type", "level").unique(maintain_order=True)
        counts = basis_citizens(m, origin, scen_a.window_years, first_day, ["offer_type", "level"])
        seg_flags = suppress_under(keys.join(counts, on=["offer_type", "level"], how="left", maintain_order="left")
                                   .with_columns(pl.col("citizens").fill_null(0)),
                                   "citizens", [], ["offer_type"], offer_flags).drop("citizens")
        seg = _hide(seg.join(seg_flags, on=["offer_type", "level"], how="left", maintain_order="left"), ["hap", "cost_dkk"])
        wide = _hide(wide.join(seg_flags, on=["offer_type", "level"], how="left", maintain_order="left"), year_cols)
    segments_table = wide.select(pl.col("offer_type").alias(t("prognose.col_offer", lang)),
                                 pl.col("level_label").alias(split_header),
                                 *[pl.Series(c, cells(wide, c, lambda v: fmt_number(v / 1e6, 1), lang=lang),
                                             dtype=pl.String) for c in year_cols])

    segments_title = "prognose.segments_age_title" if by_age else "prognose.segments_title"

    # assumptions
    r = base.rates
    r_offers, r_levels = r.offers, r.levels
    if hide:
        # the level shares add up to 1 within an offer type: the rule runs within it, over both the level's new
        # stays and the stays its tariff is the mean of
        r_levels = suppress_under(r_levels, ["citizens", "tariff_citizens"], ["share", "tariff_dkk_per_day"],
                                  ["offer_type"], offer_flags)
        r_offers = _hide(r_offers.join(offer_flags.drop("citizens"), on="offer_type", how="left", maintain_order="left"),
                         ["stock", "exposure_days", "exits", "exit_prob_day", "exit_share_year", "starts",
                          "starts_per_year"])
    lv = _sorted_levels(r_levels)
    levels = lv.select(
        pl.col("offer_type").alias(t("prognose.col_offer", lang)),
        pl.col("level").replace_strict({c: level_label(c, lang) for c in LEVEL_ORDER}, default=pl.col("level"),
                                       return_dtype=pl.String).alias(t("prognose.col_level", lang)),
        pl.Series(t("prognose.col_share", lang), cells(lv, "share", lambda v: fmt_pct(v, 0), lang=lang), dtype=pl.String),
        pl.Series(t("prognose.col_new_tariff", lang), cells(lv, "tariff_dkk_per_day", lambda v: fmt_number(v, 0),
                                                            lang=lang), dtype=pl.String),
        pl.col("tariff_basis").replace_strict({k: t(f"prognose.tariff_basis_{k}", lang) for k in
                                               ("last_year", "window", "offer")}, return_dtype=pl.String)
        .alias(t("prognose.col_tariff_basis", lang)))
    pl_rows = [{"year": y, "index": base.pl_index[y],
                "kind": t("prognose.pl_assumed" if y in base.pl_assumed_years else "prognose.pl_loaded", lang),
                "factor": base.pl_factors[y]} for y in scen_a.years]
    pl_df = pl.DataFrame(pl_rows, orient="row")
    pl_table = pl_df.select(pl.col("year").alias(col_year),
                            fmt_values(pl_df["index"], lambda v: fmt_number(v, 1)).alias(t("prognose.col_pl_index", lang)),
                            pl.col("kind").alias(t("prognose.col_pl_kind", lang)))
    lines = [t("prognose.assume_window", lang, start=fmt_date(r.start), end=fmt_date(r.end)),
             t("prognose.assume_pl", lang, growth=fmt_number(growth, 1)),
             t("prognose.assume_levels", lang)]
    own = [o for o, e, n in choices.rate_overrides if o in set(r.offers["offer_type"].to_list())]
    if own:
        lines.append(t("prognose.assume_own_rates", lang, offers=md_literal(", ".join(own))))
    small_18 = hide and any(0 < n < SUPPRESSION_THRESHOLD for n in (r.turning_18_cases, r.turning_18_going_on))
    if r.turning_18_share is not None and small_18:
        lines.append(t("prognose.assume_18_hidden", lang))
    elif r.turning_18_share is not None:
        lines.append(t("prognose.assume_18", lang, share=fmt_pct(r.turning_18_share, 0), cases=r.turning_18_cases))
    else:
        lines.append(t("prognose.assume_18_off", lang))
    assumptions_export = Export((
        Table(r_offers, [Column("offer_type", t("prognose.col_offer", lang)), Column("stock", t("prognose.col_stock", lang)),
                         Column("exposure_days", t("prognose.col_exposure", lang)),
                         Column("exits", t("prognose.col_exits", lang)),
                         Column("exit_prob_day", t("prognose.col_exit_prob", lang), 6),
                         Column("exit_share_year", t("prognose.col_exit_share", lang), 4, kind="pct"),
                         Column("starts", t("prognose.col_new_stays", lang)),
                         Column("starts_per_year", t("prognose.col_starts", lang), 2)], t("prognose.sheet_offers", lang)),
        Table(r_levels, [Column("offer_type", t("prognose.col_offer", lang)), Column("level", t("prognose.col_level", lang)),
                         Column("share", t("prognose.col_share", lang), 4, kind="pct"),
                         Column("tariff_dkk_per_day", t("prognose.col_new_tariff", lang), 2),
                         Column("tariff_basis", t("prognose.col_tariff_basis", lang))], t("prognose.sheet_levels", lang)),
        Table(pl_df, [Column("year", col_year), Column("index", t("prognose.col_pl_index", lang), 2),
                      Column("kind", t("prognose.col_pl_kind", lang)),
                      Column("factor", t("prognose.col_pl_factor", lang), 4)], t("prognose.sheet_pl", lang)),
    ), f"prognose_forudsaetninger_{origin.isoformat()}", t("prognose.assumptions_title", lang),
        f"{fmt_date(r.start)} - {fmt_date(r.end)}")

    # back-test
    bt = back_test(m, index, origin, pl_growth_pct=growth)
    bt_chart = bt_table = bt_segments = bt_export = None
    bt_segs = None
    if bt.mape_1y is not None:
        bt_segs = bt.segments
        if hide:
            # each year's total is in the back-test table: the rule runs within each origin and year, over the
            # citizens the forecast rested on and those of the actual year
            bt_segs = suppress(bt_segs, ["forecast_citizens", "actual_citizens"],
                               ["forecast_hap", "actual_hap", "forecast_cost_dkk", "actual_cost_dkk", "error_pct"],
                               within=["origin", "year"])
        bt_chart = bt.years.filter(pl.col("horizon") == 1).select("year", "forecast_cost_dkk", "actual_cost_dkk")
        bt_cols = [Column("origin", t("prognose.col_origin", lang)), Column("year", col_year),
                   Column("forecast_hap", t("prognose.col_forecast_hap", lang), 1),
                   Column("actual_hap", t("prognose.col_actual_hap", lang), 1),
                   Column("forecast_cost_dkk", t("prognose.col_forecast_cost", lang), 0),
                   Column("actual_cost_dkk", t("prognose.col_actual_cost", lang), 0),
                   Column("error_pct", t("prognose.col_error", lang), 1)]
        bt_table = _display(bt.years, bt_cols)
        bt_seg_cols = [Column("offer_type", t("prognose.col_offer", lang))] + bt_cols
        one = bt_segs.filter(pl.col("horizon") == 1).select(
            "offer_type", "origin", "year", "forecast_hap", "actual_hap", "forecast_cost_dkk", "actual_cost_dkk",
            "error_pct", *([SMALL, SUPPRESSED] if hide else []))
        bt_segments = _display(one.sort("offer_type", "year"), bt_seg_cols)
        bt_export = Export((Table(bt.years, bt_cols, t("prognose.sheet_backtest_years", lang)),
                            Table(bt_segs, bt_seg_cols, t("prognose.sheet_backtest_offers", lang))),
                           f"prognose_tilbageblik_{origin.isoformat()}", t("prognose.backtest_title", lang),
                           f"{min(bt.origins)}-{int(bt.years['year'].max())}")

    # tariff model: today's citizens of one offer type at new tariffs per level
    offer_names = tuple(tariff_offers(data, True) if hide else r.offers.filter(pl.col("stock") > 0)["offer_type"].to_list())
    tariff_offer = choices.tariff_offer if choices.tariff_offer in offer_names else (offer_names[0] if offer_names else None)
    tariff_levels = tariff_table = tariff_export = tc = None
    tariff_text = ""
    if tariff_offer is not None:
        tariff_levels = tariff_defaults(data, tariff_offer, lang, suppress_small=hide)
        settable = tariff_levels.filter(~pl.col(SUPPRESSED)) if hide else tariff_levels
        new = {k: v for k, v in choices.tariffs.items() if k in set(settable["level"].to_list())}
        tc = tariff_change(m, origin, tariff_offer, new)
        total = pl.DataFrame([{"level": "", "citizens": tc["citizens"].sum(), "tariff_today": None, "tariff_new": None,
                               "cost_today_dkk": tc["cost_today_dkk"].sum(), "cost_new_dkk": tc["cost_new_dkk"].sum(),
                               "change_dkk": tc["change_dkk"].sum()}], schema=tc.schema, orient="row")
        if hide:
            # the total row is shown: the rule runs over the offer type's levels
            values = ["tariff_today", "tariff_new", "cost_today_dkk", "cost_new_dkk", "change_dkk"]
            tc = suppress(tc, "citizens", values)
            total = total.with_columns(pl.lit(False).alias(SMALL), pl.lit(False).alias(SUPPRESSED))
        tc_all = pl.concat([tc.with_columns(pl.col("level").replace_strict(
            {c: level_label(c, lang) for c in LEVEL_ORDER}, default=pl.col("level"), return_dtype=pl.String)),
            total.with_columns(pl.lit(t("prognose.total", lang)).alias("level"))])
        t_cols = [Column("level", t("prognose.col_level", lang)), Column("citizens", t("prognose.col_citizens", lang)),
                  Column("tariff_today", t("prognose.col_tariff_today", lang), 0),
                  Column("tariff_new", t("prognose.col_tariff_new", lang), 0),
                  Column("cost_today_dkk", t("prognose.col_cost_today", lang), 0),
                  Column("cost_new_dkk", t("prognose.col_cost_new", lang), 0),
                  Column("change_dkk", t("prognose.col_change", lang), 0)]
        tariff_table = _display(tc_all, t_cols)
        change = total["change_dkk"][0]
        key = ("prognose.tariff_same" if round(change / 1e5) == 0 else
               "prognose.tariff_more" if change > 0 else "prognose.tariff_less")
        tariff_text = t(key, lang, amount=fmt_mio(abs(change)), offer=md_literal(tariff_offer),
                        citizens=int(total["citizens"][0]), date=fmt_date(origin))
        tariff_export = Export((Table(tc_all, t_cols),), f"prognose_takster_{origin.isoformat()}",
                               t("prognose.tariff_title", lang, offer=tariff_offer), fmt_date(origin))

    return PrognoseView(
        "ok", warning=warning, price_label=price_label, basis=basis, headline=text, scenario_sentence=scen_text,
        is_scenario=is_scenario, origin=origin, pl_growth_default=default_pl_growth(index),
        offers=tuple(r.offers["offer_type"].to_list()),
        chart=chart, chart_title=t("prognose.chart_title", lang, prices=prices),
        years_table=years_table, years_title=t("prognose.years_title", lang, prices=prices),
        years_export=Export((Table(years_df, years_cols),), file_base, t("prognose.years_title", lang, prices=prices),
                            period),
        segments_table=segments_table, segments_title=t(segments_title, lang, prices=prices),
        segments_export=Export((Table(seg, seg_cols),), file_base + ("_aldersgrupper" if by_age else "_segmenter"),
                               t(segments_title, lang, prices=prices), period),
        assumption_lines=tuple(lines), levels_table=levels, pl_table=pl_table,
        assumptions_export=assumptions_export,
        backtest_sentence=backtest_sentence(bt, lang), backtest_chart=bt_chart,
        backtest_chart_title=t("prognose.backtest_chart_title", lang), backtest_table=bt_table,
        backtest_segments=bt_segments, backtest_export=bt_export, backtest=bt,
        tariff_levels=tariff_levels, tariff_table=tariff_table, tariff_sentence=tariff_text, tariff_export=tariff_export,
        notes={"segments": note([seg_flags], lang), "assumptions": note([r_offers, r_levels], lang)
               or (t("suppress.note", lang) if small_18 else None),
               "backtest": note([bt_segs], lang), "tariff": note([tc], lang)} if hide else {},
        hidden_offers=tuple(sorted(hidden)),
    )


def _hide(df: pl.DataFrame, values: list[str]) -> pl.DataFrame:
    """``df`` joined to the flags of analysis.suppression (a row without flags is shown) with ``values`` null in
    its suppressed rows."""
    df = df.with_columns(pl.col(SMALL).fill_null(False), pl.col(SUPPRESSED).fill_null(False))
    return df.with_columns(pl.when(pl.col(SUPPRESSED)).then(None).otherwise(pl.col(c)).alias(c) for c in values)


def _display(df: pl.DataFrame, columns: list[Column]) -> pl.DataFrame:
    """A table as the page shows it: Danish number text, kr. in mio. kr. with one decimal, headers from the columns;
    a figure of a row analysis.suppression hid says '<5' or 'skjult'."""
    if SUPPRESSED in df.columns:
        marks = pl.Series([hidden_text(s) if h else None for s, h in zip(df[SMALL].to_list(), df[SUPPRESSED].to_list())],
                          dtype=pl.String)
        keys = {"year", "origin", "offer_type", "level"}
        shown = _display(df.drop(SMALL, SUPPRESSED), columns)
        return shown.with_columns(marks.alias("_mark")).with_columns(
            pl.coalesce("_mark", h).alias(h) for h, c in zip(shown.columns, columns) if c.name not in keys).drop("_mark")
    out = []
    for c in columns:
        col = pl.col(c.name)
        if c.name in ("year", "origin"):
            e, header = df[c.name].cast(pl.String), c.header
        elif c.name.endswith("_dkk"):
            e = fmt_values(df[c.name], lambda v: fmt_number(None if v is None else v / 1e6, 1), skip_nulls=False)
            header = c.header.replace("(kr.)", "(mio. kr.)").replace("(DKK)", "(DKK million)")
        elif c.kind == "pct":
            e, header = fmt_values(df[c.name], fmt_pct, skip_nulls=False), c.header
        elif c.decimals is not None and df.schema[c.name].is_numeric():
            e = fmt_values(df[c.name], lambda v, d=c.decimals: fmt_number(v, d), skip_nulls=False)
            header = c.header
        else:
            e, header = col, c.header
        out.append(e.alias(header))
    return df.select(out)


# ---- activity-based budget and the monthly economy check (issue 19) -------------------------------------------

@dataclass(frozen=True)
class BudgetChoices:
    """The budget section's choices (in the URL): the offer type, its unit's own fixed part (kr. a year; None: the
    measured one) and own daily rates per (offer type, level)."""

    offer: str | None = None
    fixed_dkk: float | None = None
    rates: dict[tuple[str, str], float] = field(default_factory=dict)
    # the page's own outflow and inflow per offer type (PrognoseChoices.rate_overrides): part of the baseline
    rate_overrides: tuple[tuple[str, float | None, float | None], ...] = ()


@dataclass(frozen=True)
class BudgetView:
    """The activity-based budget of one offer's budget unit and the economy check of every unit.
    ``status``: 'ok', or 'no_ledger' (no ledger rows for the data year: the page says so and shows nothing)."""

    status: str
    year: int = 0
    offers: tuple[str, ...] = ()                # the offer types to choose from
    offer: str | None = None
    unit_offers: tuple[str, ...] = ()
    unit_functions: tuple[str, ...] = ()
    tie_note: str = ""                          # alone or together with the unit's other offer types
    budget_sentence: str = ""
    fixed_default_dkk: float | None = None      # the measured fixed part (kr.)
    rates: pl.DataFrame | None = None           # offer_type, level, label, citizens, hap, rate_measured, rate, own_rate, cost_dkk
    suppressed_note: str = ""
    budget_table: pl.DataFrame | None = None
    budget_export: Export | None = None
    check_headline: str = ""
    check_chart: pl.DataFrame | None = None     # label, actual_to_date_dkk, rest_dkk, budget_dkk
    check_chart_title: str = ""
    check_table: pl.DataFrame | None = None
    check_export: Export | None = None
    basis: str = ""
    untied_note: str = ""                       # the selection's functions no offer type is booked on


def _not_loaded(table: pl.DataFrame, values: pl.Series, col: int, lang: str | None) -> pl.DataFrame:
    """``table`` with column number ``col`` saying 'Budget ikke indlæst' where ``values`` is null."""
    name = table.columns[col]
    return table.with_columns(pl.when(pl.Series(values.is_null())).then(pl.lit(t("status.budget_not_loaded", lang)))
                              .otherwise(pl.col(name)).alias(name))


def unit_label(offers: list[str] | tuple[str, ...], lang: str | None = None) -> str:
    """'Botilbud' / 'Aflastning og Dagbehandling' / 'Aflastning, Ambulant tilbud m.fl. (4 tilbudstyper)'."""
    offers = list(offers)
    if len(offers) == 1:
        return offers[0]
    if len(offers) == 2:
        return t("prognose.unit_two", lang, first=offers[0], second=offers[1])
    return t("prognose.unit_many", lang, first=offers[0], second=offers[1], n=len(offers))


def check_headline(check: pl.DataFrame, year: int, months: int, lang: str | None = None) -> str:
    """'Økonomitjek 2026 (regnskab til og med oktober + prognose): 5 af 7 tilbud ventes at overskride det korrigerede
    budget, samlet 5,4 mio. kr. over; størst: A (+3,3 mio. kr.), B (+1,4 mio. kr.).' ``check``: rows of
    :func:`analysis.budget_check.economy_check` with a ``label`` column, sorted largest overrun first."""
    known = check.filter(pl.col("difference_dkk").is_not_null())
    if known.is_empty():
        return t("prognose.check_no_budget", lang, year=year)
    period = (t("prognose.check_period", lang, month=fmt_month(year, months).split(" ")[0]) if months
              else t("prognose.check_period_none", lang))
    total = float(known["difference_dkk"].sum())
    over = known.filter(pl.col("difference_dkk") >= 5e4)
    total_text = t("prognose.check_total_over" if total >= 0 else "prognose.check_total_under", lang,
                   amount=fmt_mio(abs(total)))
    if over.is_empty():
        return t("prognose.check_none_over", lang, year=year, period=period, n=known.height, total=total_text)
    top = ", ".join(f"{label} ({fmt_signed_dkk(d, 'mio')})"
                    for label, d in over.head(3).select("label", "difference_dkk").iter_rows())
    return t("prognose.check_over", lang, year=year, period=period, over=over.height, n=known.height,
             total=total_text, top=top)


def budget_check_view(data, context, choices: BudgetChoices, lang: str | None = None,
                      suppress: bool = False) -> BudgetView:
    """The activity-based budget of ``choices.offer``'s budget unit and the economy check of every unit for the
    data year (analysis.budget_check), from ``data`` (dashboard.loaders.PrognoseData: measures, data date, ledger)
    and the sidebar's ``context`` (refund basis, PL index). Current prices of the data year. ``suppress``: hide
    the rate table's rows of fewer citizens than the threshold (analysis.suppression's rule, within an offer
    type); the totals stay."""
    m = data.measures
    if m.is_empty() or data.data_date is None:
        return BudgetView("no_activity")
    origin = data.data_date
    year = origin.year
    ledger = data.ledger
    if ledger is None or ledger.filter(pl.col("year") == year).is_empty():
        return BudgetView("no_ledger", year=year)
    refund = getattr(context, "refund_basis", None) or DEFAULT_REFUND_BASIS
    dransts = list(REFUND_BASES[refund])
    index = {int(k): float(v) for k, v in context.pl_index.items()}
    base = forecast(m, index, Assumptions(origin=origin, horizon_years=0, data_start=data_start(m, origin),
                                          rate_overrides=choices.rate_overrides))
    units = budget_units(m)
    offers = tuple(units["offer_type"].to_list())
    offer = choices.offer if choices.offer in offers else offers[0]
    row = units.filter(pl.col("offer_type") == offer).row(0, named=True)
    unit, unit_offers, unit_functions = row["unit"], row["offers"], row["functions"]
    months = ledger_months(ledger, year)
    prices = basis_prices(refund, t("sidebar.prices_current", lang), lang)
    label = unit_label(unit_offers, lang)
    functions_text = ", ".join(unit_functions)
    if len(unit_offers) == 1:
        tie = t("prognose.tie_alone", lang, offer=offer, functions=functions_text)
    else:
        tie = t("prognose.tie_together", lang, offer=offer, functions=functions_text,
                others=", ".join(o for o in unit_offers if o != offer))
    period_text = (fmt_month(year, months) if months else t("prognose.check_period_none", lang))
    basis = t("prognose.check_basis", lang, prices=prices, year=year, month=period_text, date=fmt_date(origin))

    # the activity-based budget of the chosen unit
    fixed_default = fixed_part(ledger, m, unit_functions, unit_offers, year, dransts, index)
    fixed = choices.fixed_dkk if choices.fixed_dkk is not None else fixed_default
    seg = base.by_segment().filter((pl.col("year") == year) & pl.col("offer_type").is_in(unit_offers))
    today = segment_rates(m.filter(pl.col("offer_type").is_in(unit_offers)), origin)
    act = _sorted_levels(activity_budget(seg, today, year, choices.rates))
    own = pl.Series("own_rate", [choices.rates.get((o, lvl)) for o, lvl in act.select("offer_type", "level").iter_rows()],
                    dtype=pl.Float64)
    rates = act.with_columns(own, pl.col("level").replace_strict({c: level_label(c, lang) for c in LEVEL_ORDER},
                                                                  default=pl.col("level"), return_dtype=pl.String)
                             .alias("label"))
    note = ""
    if suppress:
        rates = suppress_rows(rates, "citizens", ["hap", "rate_measured", "rate", "cost_dkk"], within=["offer_type"])
        note = suppression_note([rates], lang) or ""
        rates = rates.drop("small", "suppressed")
    activity_total = float(act["cost_dkk"].sum())
    total = activity_total + (fixed or 0.0)
    allocated, kind = allocated_budget(ledger, unit_functions, year, dransts)
    hap = float(act["hap"].sum())
    if allocated is None:
        sentence = t("prognose.budget_sentence_no_budget", lang, unit=label, year=year, total=fmt_mio(total),
                     hap=fmt_persons(hap, 0))
    else:
        diff = total - allocated
        key = "prognose.budget_sentence_over" if diff >= 0 else "prognose.budget_sentence_under"
        sentence = t(key, lang, unit=label, year=year, total=fmt_mio(total), hap=fmt_persons(hap, 0),
                     fixed=fmt_mio(fixed or 0.0), diff=fmt_mio(abs(diff)), budget=fmt_mio(allocated),
                     kind=t(f"prognose.the_{kind}", lang))
    if fixed is None:
        sentence += " " + t("prognose.fixed_unknown", lang, year=year - 1)
    budget_rows = [(t("prognose.row_fixed", lang), fixed),
                   (t("prognose.row_activity", lang, hap=fmt_persons(hap, 1)), activity_total),
                   (t("prognose.row_activity_budget", lang), total),
                   (t(f"kind.{kind}", lang) if kind else t("kind.budget_corrected", lang), allocated),
                   (t("prognose.row_difference", lang), None if allocated is None else total - allocated)]
    budget_df = pl.DataFrame(budget_rows, schema={"item": pl.String, "amount_dkk": pl.Float64}, orient="row")
    budget_cols = [Column("item", t("prognose.col_item", lang)),
                   Column("amount_dkk", t("prognose.col_amount", lang), 0)]
    rate_cols = [Column("offer_type", t("prognose.col_offer", lang)), Column("label", t("prognose.col_level", lang)),
                 Column("citizens", t("prognose.col_citizens", lang), 0),
                 Column("hap", t("prognose.col_hap", lang), 1),
                 Column("rate", t("prognose.col_rate", lang), 0),
                 Column("cost_dkk", t("prognose.col_activity_cost", lang), 0)]
    budget_table = _not_loaded(_display(budget_df, budget_cols), budget_df["amount_dkk"], 1, lang)
    file_base = f"prognose_budget_{year}"
    budget_export = Export((Table(budget_df, budget_cols), Table(rates.select([c.name for c in rate_cols]), rate_cols)),
                           file_base, t("prognose.budget_title", lang, unit=label, year=year), str(year))

    # the economy check of every unit
    fixed_over = {unit: choices.fixed_dkk} if choices.fixed_dkk is not None else {}
    check = economy_check(units, ledger, m, base.segments, origin, year, dransts, index, fixed_over)
    check = check.with_columns(pl.Series("label", [unit_label(o, lang) for o in check["offers"].to_list()],
                                         dtype=pl.String),
                               pl.col("offers").list.join(", ").alias("offers_text"),
                               pl.col("functions").list.join(", ").alias("functions_text"),
                               (pl.col("activity_rest_dkk") + pl.col("fixed_rest_dkk")).alias("rest_dkk"))
    headline_text = check_headline(check, year, months, lang)
    check_cols = [Column("label", t("prognose.col_unit", lang)), Column("functions_text", t("prognose.col_functions", lang)),
                  Column("actual_to_date_dkk", t("prognose.col_ledger_to_date", lang), 0),
                  Column("activity_rest_dkk", t("prognose.col_activity_rest", lang), 0),
                  Column("fixed_rest_dkk", t("prognose.col_fixed_rest", lang), 0),
                  Column("expected_dkk", t("prognose.col_expected", lang), 0),
                  Column("budget_dkk", t("prognose.col_budget", lang), 0),
                  Column("difference_dkk", t("prognose.col_over_under", lang), 0),
                  Column("difference_pct", t("prognose.col_over_under_pct", lang), kind="pct")]
    check_table = _not_loaded(_display(check, check_cols), check["budget_dkk"], 6, lang)
    check_export = Export((Table(check.select([c.name for c in check_cols] + ["offers_text"]),
                                 check_cols + [Column("offers_text", t("prognose.col_offers", lang))]),),
                          f"prognose_oekonomitjek_{year}", t("prognose.check_title", lang, year=year, prices=prices),
                          str(year))
    tied = {f for fs in units["functions"].to_list() for f in fs}
    untied = sorted(set(ledger.filter(pl.col("year") == year)["function_code"].unique().to_list()) - tied)
    untied_note = t("prognose.check_untied", lang, functions=", ".join(untied)) if untied else ""
    return BudgetView(
        "ok", year=year, offers=offers, offer=offer, unit_offers=tuple(unit_offers), unit_functions=tuple(unit_functions),
        tie_note=tie, budget_sentence=sentence, fixed_default_dkk=fixed_default, rates=rates,
        suppressed_note=note, budget_table=budget_table, budget_export=budget_export,
        check_headline=headline_text,
        check_chart=check.select("label", "actual_to_date_dkk", "rest_dkk", "budget_dkk", "difference_dkk"),
        check_chart_title=t("prognose.check_chart_title", lang, year=year, prices=prices),
        check_table=check_table, check_export=check_export, basis=basis, untied_note=untied_note)
