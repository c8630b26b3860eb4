"""The Prognose page's words and its view builder: :func:`prognose_view` runs the budget model
(analysis.budget_model) on the loaded activity data for the baseline and the scenario the user set, and turns
the result into the headline sentence, the year table (baseline, scenario, the difference split into volume,
complexity and price with the Dekomponering engine), the segments, the assumptions, the back-test and the
tariff model, each with its export. Pure: no streamlit."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from analysis.budget_model import (Assumptions, BackTest, Move, actual_years, back_test, data_start, estimate_rates,
                                   forecast, scenario_segments, stays, tariff_change)
from analysis.decomposition import decompose
from analysis.prices import MissingIndexError, PriceBase, price_factors
from domain.codes import LEVEL_ORDER
from i18n import t
from present.exports import Column, Table
from present.formatting import (fmt_date, fmt_mio, fmt_number, fmt_pct, fmt_persons, fmt_signed_dkk, fmt_values,
                                md_literal, price_phrase)

HORIZONS = (1, 2, 3, 4)
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
    tariff_offer: str | None = None
    tariffs: dict[str, float] = field(default_factory=dict)
    # the user's own rates: (offer type, outflow share a year 0..1 or None, new stays a year or None)
    rate_overrides: tuple[tuple[str, float | None, float | None], ...] = ()


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


def offer_options(data) -> list[str]:
    """The offer types of the loaded measures, sorted (the named move's choices)."""
    return sorted(data.measures["offer_type"].unique().to_list()) if data.measures.height else []


def tariff_offers(data) -> list[str]:
    """The offer types that have citizens on the data date (the tariff model's choices), sorted."""
    if data.data_date is None or data.measures.is_empty():
        return []
    m = data.measures
    running = m.filter((pl.col("start_date") <= data.data_date)
                       & (pl.col("end_date").is_null() | (pl.col("end_date") > data.data_date)))
    return sorted(running["offer_type"].unique().to_list())


def tariff_defaults(data, offer: str, lang: str | None = None) -> pl.DataFrame:
    """level, label, citizens, tariff_today (mean daily tariff, kr.) of ``offer``'s citizens on the data date:
    the tariff inputs and their starting values."""
    today = tariff_change(data.measures, data.data_date, offer, {})
    return today.select("level", "citizens", "tariff_today").with_columns(
        pl.col("level").replace_strict({c: level_label(c, lang) for c in LEVEL_ORDER}, default=pl.col("level"),
                                       return_dtype=pl.String).alias("label"))


def measured_rates(data) -> pl.DataFrame:
    """offer_type, stock (citizens on the data date), exit_pct (outflow a year, %), starts_per_year as the window before the data date measured them
    (the table the page lets the user override), sorted by offer type."""
    origin = data.data_date
    r = estimate_rates(stays(data.measures, origin), origin, Assumptions(origin).window_years,
                       data_start(data.measures, origin))
    return r.offers.select("offer_type", "stock", (pl.col("exit_share_year") * 100).alias("exit_pct"),
                           "starts_per_year")


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
    moves = (choices.move,) if choices.move is not None and choices.move.per_year > 0 else ()
    scen_a = Assumptions(origin=origin, horizon_years=choices.horizon, pl_growth_pct=growth,
                         inflow_change_pct=choices.inflow_change_pct, price_above_pl_pct=choices.price_above_pl_pct,
                         level_up_pct=choices.level_up_pct, level_down_pct=choices.level_down_pct, moves=moves,
                         data_start=first_day, rate_overrides=choices.rate_overrides)
    base = forecast(m, index, scen_a.baseline())
    scen = base if scen_a.is_baseline else forecast(m, index, scen_a)
    is_scenario = not scen_a.is_baseline

    warning = None
    price_base, price_label = context.price_base, context.price_label
    hist_years = list(range(origin.year - HISTORY_YEARS, origin.year))
    hist = actual_years(m, hist_years).group_by("year").agg(pl.col("hap").sum(), pl.col("cost_dkk").sum()).sort("year")
    by_base, by_scen = base.by_year(), scen.by_year()
    seg_base = base.by_segment()
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
        by_base, by_scen, seg_base = base.by_year(), scen.by_year(), base.by_segment()
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
    seg = _sorted_levels(seg_base).with_columns(
        pl.col("level").replace_strict({c: level_label(c, lang) for c in LEVEL_ORDER}, default=pl.col("level"),
                                       return_dtype=pl.String).alias("level_label"))
    seg_cols = [Column("offer_type", t("prognose.col_offer", lang)), Column("level_label", t("prognose.col_level", lang)),
                Column("year", col_year), Column("hap", t("prognose.col_hap", lang), 1),
                Column("cost_dkk", t("prognose.col_cost", lang), 0)]
    wide = seg.pivot(on="year", index=["offer_type", "level_label"], values="cost_dkk", aggregate_function="sum",
                     sort_columns=True).fill_null(0.0)
    year_cols = [c for c in wide.columns if c not in ("offer_type", "level_label")]
    segments_table = wide.select(pl.col("offer_type").alias(t("prognose.col_offer", lang)),
                                 pl.col("level_label").alias(t("prognose.col_level", lang)),
                                 *[fmt_values(wide[c], lambda v: fmt_number(v / 1e6, 1)).alias(c) for c in year_cols])

    # assumptions
    r = base.rates
    lv = _sorted_levels(r.levels)
    levels = lv.select(
        pl.col("offer_type").alias(t("prognose.col_offer", lang)),
        pl.col("level").replace_strict({c: level_label(c, lang) for c in LEVEL_ORDER}, default=pl.col("level"),
                                       return_dtype=pl.String).alias(t("prognose.col_level", lang)),
        fmt_values(lv["share"], lambda v: fmt_pct(v, 0)).alias(t("prognose.col_share", lang)),
        fmt_values(lv["tariff_dkk_per_day"], lambda v: fmt_number(v, 0)).alias(t("prognose.col_new_tariff", lang)),
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
    if r.turning_18_share is not None:
        lines.append(t("prognose.assume_18", lang, share=fmt_pct(r.turning_18_share, 0), cases=r.turning_18_cases))
    else:
        lines.append(t("prognose.assume_18_off", lang))
    assumptions_export = Export((
        Table(r.offers, [Column("offer_type", t("prognose.col_offer", lang)), Column("stock", t("prognose.col_stock", lang)),
                         Column("exposure_days", t("prognose.col_exposure", lang)),
                         Column("exits", t("prognose.col_exits", lang)),
                         Column("exit_prob_day", t("prognose.col_exit_prob", lang), 6),
                         Column("exit_share_year", t("prognose.col_exit_share", lang), 4, kind="pct"),
                         Column("starts", t("prognose.col_new_stays", lang)),
                         Column("starts_per_year", t("prognose.col_starts", lang), 2)], t("prognose.sheet_offers", lang)),
        Table(r.levels, [Column("offer_type", t("prognose.col_offer", lang)), Column("level", t("prognose.col_level", lang)),
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
    if bt.mape_1y is not None:
        bt_chart = bt.years.filter(pl.col("horizon") == 1).select("year", "forecast_cost_dkk", "actual_cost_dkk")
        bt_cols = [Column("origin", t("prognose.col_origin", lang)), Column("year", col_year),
                   Column("forecast_hap", t("prognose.col_forecast_hap", lang), 1),
                   Column("actual_hap", t("prognose.col_actual_hap", lang), 1),
                   Column("forecast_cost_dkk", t("prognose.col_forecast_cost", lang), 0),
                   Column("actual_cost_dkk", t("prognose.col_actual_cost", lang), 0),
                   Column("error_pct", t("prognose.col_error", lang), 1)]
        bt_table = _display(bt.years, bt_cols)
        bt_seg_cols = [Column("offer_type", t("prognose.col_offer", lang))] + bt_cols
        one = bt.segments.filter(pl.col("horizon") == 1).select(
            "offer_type", "origin", "year", "forecast_hap", "actual_hap", "forecast_cost_dkk", "actual_cost_dkk",
            "error_pct")
        bt_segments = _display(one.sort("offer_type", "year"), bt_seg_cols)
        bt_export = Export((Table(bt.years, bt_cols, t("prognose.sheet_backtest_years", lang)),
                            Table(bt.segments, bt_seg_cols, t("prognose.sheet_backtest_offers", lang))),
                           f"prognose_tilbageblik_{origin.isoformat()}", t("prognose.backtest_title", lang),
                           f"{min(bt.origins)}-{int(bt.years['year'].max())}")

    # tariff model: today's citizens of one offer type at new tariffs per level
    offer_names = tuple(r.offers.filter(pl.col("stock") > 0)["offer_type"].to_list())
    tariff_offer = choices.tariff_offer if choices.tariff_offer in offer_names else (offer_names[0] if offer_names else None)
    tariff_levels = tariff_table = tariff_export = None
    tariff_text = ""
    if tariff_offer is not None:
        tariff_levels = tariff_defaults(data, tariff_offer, lang)
        new = {k: v for k, v in choices.tariffs.items() if k in set(tariff_levels["level"].to_list())}
        tc = tariff_change(m, origin, tariff_offer, new)
        total = pl.DataFrame([{"level": "", "citizens": tc["citizens"].sum(), "tariff_today": None, "tariff_new": None,
                               "cost_today_dkk": tc["cost_today_dkk"].sum(), "cost_new_dkk": tc["cost_new_dkk"].sum(),
                               "change_dkk": tc["change_dkk"].sum()}], schema=tc.schema, orient="row")
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
        change = tc["change_dkk"].sum()
        key = ("prognose.tariff_same" if round(change / 1e5) == 0 else
               "prognose.tariff_more" if change > 0 else "prognose.tariff_less")
        tariff_text = t(key, lang, amount=fmt_mio(abs(change)), offer=md_literal(tariff_offer), citizens=int(tc["citizens"].sum()),
                        date=fmt_date(origin))
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
        segments_table=segments_table, segments_title=t("prognose.segments_title", lang, prices=prices),
        segments_export=Export((Table(seg, seg_cols),), file_base + "_segmenter",
                               t("prognose.segments_title", lang, prices=prices), period),
        assumption_lines=tuple(lines), levels_table=levels, pl_table=pl_table,
        assumptions_export=assumptions_export,
        backtest_sentence=backtest_sentence(bt, lang), backtest_chart=bt_chart,
        backtest_chart_title=t("prognose.backtest_chart_title", lang), backtest_table=bt_table,
        backtest_segments=bt_segments, backtest_export=bt_export, backtest=bt,
        tariff_levels=tariff_levels, tariff_table=tariff_table, tariff_sentence=tariff_text, tariff_export=tariff_export,
    )


def _display(df: pl.DataFrame, columns: list[Column]) -> pl.DataFrame:
    """A table as the page shows it: Danish number text, kr. in mio. kr. with one decimal, headers from the columns."""
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
