"""Prognose: the budget model. The activity-based cost and full-year persons of the rest of this year and the
next budget years from today's caseload and the flows of the last years, a scenario against the baseline (its
difference split into volume, complexity and price), the model's assumptions, its back-test on the history,
and a new tariff structure for one offer type. Every choice lives in the URL; the page lays out one view
(present.prognose.prognose_view)."""
from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analysis.budget_model import Move
from analysis.suppression import SUPPRESSED
from i18n import t
from present.prognose import (HORIZONS, SEGMENT_SPLITS, BudgetChoices, PrognoseChoices, budget_check_view, default_pl_growth,
                              measured_rates, offer_options, prognose_view, tariff_defaults, tariff_offers)
from dashboard import exports, widgets
from dashboard.auth import current
from dashboard.charts import ACCENT, GREY, plot
from dashboard.loaders import load_prognose
from dashboard.query import query
from dashboard.shared import shared_view
from dashboard.state import PROGNOSE, Valid, between

MAX_EXTRA_MOVES = 4      # named moves beyond the first one a scenario can hold

filters = widgets.page_header("page.prognose")
data = load_prognose(query, filters.params)
if data.measures.is_empty() or data.data_date is None:
    st.info(t("prognose.no_activity"))
    st.stop()

notices: list[str] = []
# issue 22: a user without citizen-level access sees no figure of fewer than 5 citizens, and sets no rate, move
# or tariff of an offer type or level whose figures are hidden
suppress_small = current().suppress_small
offers = offer_options(data, suppress_small)
stock_offers = tariff_offers(data, suppress_small)
PROGNOSE.seed("horisont", list(HORIZONS), HORIZONS[-1], notices)
PROGNOSE.seed("pl", between(-10.0, 20.0), default_pl_growth(filters.pl_index), notices)
for name in ("tilgang", "op", "ned", "pris"):
    PROGNOSE.seed(name, between(-50.0, 100.0) if name in ("tilgang", "pris") else between(0.0, 50.0), 0.0, notices)
PROGNOSE.seed("flyt", between(0.0, 10_000.0), 0.0, notices)
PROGNOSE.seed("flyt_fra", offers, offers[0], notices)
PROGNOSE.seed("flyt_til", offers, offers[1] if len(offers) > 1 else offers[0], notices)
PROGNOSE.seed("flyt_pris", between(0.0, 1_000_000.0), 0.0, notices)
PROGNOSE.seed("segmentopdeling", list(SEGMENT_SPLITS), "niveau", notices)
PROGNOSE.seed("tiltag", Valid(lambda v: len(v) <= MAX_EXTRA_MOVES and all(
    0 <= n <= 10_000 and a in offers and b in offers and 0 <= p <= 1_000_000 for n, a, b, p in v)), (), notices)
if stock_offers:
    first_visit = "prognose_takst_tilbud" not in st.session_state
    PROGNOSE.seed("takst_tilbud", stock_offers, stock_offers[0], notices)
    PROGNOSE.seed("takster", Valid(lambda d: all(math.isfinite(v) and 0 <= v <= 1_000_000 for v in d.values())), {},
                  notices)
    if first_visit:     # the tariffs of a link belong to the offer type of the same link
        st.session_state["_prognose_tariffs_offer"] = st.session_state["prognose_takst_tilbud"]
PROGNOSE.seed("rater", Valid(lambda v: all(o in offers and (e is None or 0 <= e <= 1) and (n is None or 0 <= n <= 100_000)
                                            for o, e, n in v)), (), notices)
has_ledger = data.ledger is not None and data.ledger.filter(pl.col("year") == data.data_date.year).height > 0
if has_ledger:
    first_budget_visit = "prognose_budget_tilbud" not in st.session_state
    PROGNOSE.seed("budget_tilbud", offers, offers[0], notices)
    PROGNOSE.seed("budget_fast", Valid(lambda v: v is None or (math.isfinite(v) and -10_000 <= v <= 100_000)), None,
                  notices)
    PROGNOSE.seed("budget_takster", Valid(lambda d: all(math.isfinite(v) and 0 <= v <= 1_000_000 for v in d.values())),
                  {}, notices)
    if first_budget_visit:  # the fixed part of a link belongs to the offer type of the same link
        st.session_state["_prognose_budget_fixed_offer"] = st.session_state["prognose_budget_tilbud"]
for notice in notices:
    st.info(notice)

# the user's own outflow and inflow per offer type: the editor's edits of this run on top of the kept ones
measured = shared_view(measured_rates, (repr(filters),), data, suppress_small)
own = {o: (e, n) for o, e, n in st.session_state["prognose_rater"]}
rates_input = measured.select(
    "offer_type", "stock", "exit_pct", pl.col("starts_per_year").round(1),   # shown with the reader's decimal mark
    pl.Series("own_exit_pct", [None if own.get(o, (None,))[0] is None else own[o][0] * 100
                               for o in measured["offer_type"]], dtype=pl.Float64),
    pl.Series("own_starts", [own.get(o, (None, None))[1] for o in measured["offer_type"]], dtype=pl.Float64))
for row, edit in (st.session_state.get("prognose_rater_editor") or {}).get("edited_rows", {}).items():
    offer = measured["offer_type"][int(row)]
    e, n = own.get(offer, (None, None))
    if "own_exit_pct" in edit:
        e = None if edit["own_exit_pct"] is None else float(edit["own_exit_pct"]) / 100
    if "own_starts" in edit:
        n = None if edit["own_starts"] is None else float(edit["own_starts"])
    own[offer] = (e, n)
rate_overrides = tuple((o, e, n) for o, (e, n) in sorted(own.items()) if e is not None or n is not None)
st.session_state["prognose_rater"] = rate_overrides


def _value(name: str) -> float:
    return float(st.session_state[f"prognose_{name}"])


# the tariff inputs of the chosen offer type: a link's tariffs, else today's mean tariff of each level
tariff_offer = st.session_state.get("prognose_takst_tilbud")
levels = tariff_defaults(data, tariff_offer, suppress_small=suppress_small) if tariff_offer else None
if levels is not None and suppress_small:
    levels = levels.filter(~pl.col(SUPPRESSED))      # a hidden level's tariff is neither shown nor set
tariffs: dict[str, float] = {}
if levels is not None:
    linked = (st.session_state.get("prognose_takster", {})
              if st.session_state.get("_prognose_tariffs_offer") == tariff_offer else {})
    for level, today in levels.select("level", "tariff_today").iter_rows():
        key = f"prognose_takst_{stock_offers.index(tariff_offer)}_{level}"
        if key not in st.session_state:
            st.session_state[key] = float(linked.get(level, round(today)))
        if abs(st.session_state[key] - round(today)) >= 0.5:
            tariffs[level] = float(st.session_state[key])
    st.session_state["prognose_takster"] = tariffs

def _move(n: float, offer_from: str, offer_to: str, price: float) -> Move | None:
    """A named move that changes something: citizens and a price, between two offer types."""
    return Move(n, offer_from, offer_to, price) if n > 0 and price > 0 and offer_from != offer_to else None


move = _move(_value("flyt"), st.session_state["prognose_flyt_fra"], st.session_state["prognose_flyt_til"],
             _value("flyt_pris"))
# further named moves: their number and four widgets each; a link's moves fill the widgets the first time
kept_moves = st.session_state["prognose_tiltag"]
if "prognose_tiltag_antal" not in st.session_state:
    st.session_state["prognose_tiltag_antal"] = len(kept_moves)
for i in range(int(st.session_state["prognose_tiltag_antal"])):
    n, a, b, p = kept_moves[i] if i < len(kept_moves) else (0.0, offers[0], offers[-1], 0.0)
    for field, value in (("n", float(n)), ("fra", a), ("til", b), ("pris", float(p))):
        st.session_state.setdefault(f"prognose_tiltag_{i}_{field}", value)
extra = tuple((float(st.session_state[f"prognose_tiltag_{i}_n"]), st.session_state[f"prognose_tiltag_{i}_fra"],
               st.session_state[f"prognose_tiltag_{i}_til"], float(st.session_state[f"prognose_tiltag_{i}_pris"]))
              for i in range(int(st.session_state["prognose_tiltag_antal"])))
st.session_state["prognose_tiltag"] = extra
extra_moves = tuple(mv for mv in (_move(*e) for e in extra) if mv is not None)
choices = PrognoseChoices(horizon=int(st.session_state["prognose_horisont"]), pl_growth_pct=_value("pl"),
                          inflow_change_pct=_value("tilgang"), level_up_pct=_value("op"), level_down_pct=_value("ned"),
                          price_above_pl_pct=_value("pris"), move=move, extra_moves=extra_moves,
                          segment_split=st.session_state["prognose_segmentopdeling"],
                          tariff_offer=tariff_offer, tariffs=tariffs,
                          rate_overrides=rate_overrides, suppress_small=suppress_small)
PROGNOSE.keep({"horisont": choices.horizon, "pl": choices.pl_growth_pct, "tilgang": choices.inflow_change_pct,
               "op": choices.level_up_pct, "ned": choices.level_down_pct, "pris": choices.price_above_pl_pct,
               "flyt": _value("flyt"), "flyt_fra": st.session_state["prognose_flyt_fra"],
               "flyt_til": st.session_state["prognose_flyt_til"], "flyt_pris": _value("flyt_pris"), "tiltag": extra,
               "segmentopdeling": choices.segment_split,
               "rater": rate_overrides,
               **({"takst_tilbud": tariff_offer, "takster": tariffs} if tariff_offer else {})})

view = shared_view(prognose_view, (repr(filters), repr(choices)), data, filters, choices)
if view.warning:
    st.warning(view.warning)

st.markdown(f"**{view.headline}**")
if view.scenario_sentence:
    st.markdown(view.scenario_sentence)
st.caption(view.basis)

with st.expander(t("prognose.scenario_header"), expanded=view.is_scenario):
    st.caption(t("prognose.scenario_help"))
    c1, c2, c3 = st.columns(3)
    c1.selectbox(t("prognose.horizon"), list(HORIZONS), key="prognose_horisont")
    c2.number_input(t("prognose.pl_growth"), min_value=-10.0, max_value=20.0, step=0.1, format="%.1f", key="prognose_pl")
    c3.number_input(t("prognose.inflow"), min_value=-50.0, max_value=100.0, step=1.0, format="%.1f",
                    key="prognose_tilgang")
    c1.number_input(t("prognose.level_up"), min_value=0.0, max_value=50.0, step=1.0, format="%.1f", key="prognose_op")
    c2.number_input(t("prognose.level_down"), min_value=0.0, max_value=50.0, step=1.0, format="%.1f", key="prognose_ned")
    c3.number_input(t("prognose.price_above"), min_value=-50.0, max_value=100.0, step=0.5, format="%.1f",
                    key="prognose_pris")
    st.caption(t("prognose.move_caption"))
    m1, m2, m3, m4 = st.columns(4)
    m1.number_input(t("prognose.move_n"), min_value=0.0, max_value=10_000.0, step=1.0, format="%.0f", key="prognose_flyt")
    m2.selectbox(t("prognose.move_from"), offers, key="prognose_flyt_fra")
    m3.selectbox(t("prognose.move_to"), offers, key="prognose_flyt_til")
    m4.number_input(t("prognose.move_price"), min_value=0.0, max_value=1_000_000.0, step=100.0, format="%.0f",
                    key="prognose_flyt_pris")
    st.columns(4)[0].number_input(t("prognose.more_moves"), min_value=0, max_value=MAX_EXTRA_MOVES, step=1,
                                  key="prognose_tiltag_antal")
    for i in range(int(st.session_state["prognose_tiltag_antal"])):
        m1, m2, m3, m4 = st.columns(4)
        m1.number_input(t("prognose.move_n_i", i=i + 2), min_value=0.0, max_value=10_000.0, step=1.0, format="%.0f",
                        key=f"prognose_tiltag_{i}_n")
        m2.selectbox(t("prognose.move_from"), offers, key=f"prognose_tiltag_{i}_fra")
        m3.selectbox(t("prognose.move_to"), offers, key=f"prognose_tiltag_{i}_til")
        m4.number_input(t("prognose.move_price"), min_value=0.0, max_value=1_000_000.0, step=100.0, format="%.0f",
                        key=f"prognose_tiltag_{i}_pris")

colours = {"actual": GREY, "baseline": ACCENT, "scenario": "#e39b2d"}
fig = go.Figure()
for kind in ("actual", "baseline", "scenario"):
    rows = view.chart.filter(pl.col("kind") == kind)
    if rows.height:
        fig.add_bar(x=[str(y) for y in rows["year"].to_list()], y=[v / 1e6 for v in rows["cost_dkk"].to_list()],
                    name=t(f"prognose.series_{kind}"), marker_color=colours[kind])
fig.update_layout(title=view.chart_title, barmode="group", height=420, yaxis_title=t("unit.mio"),
                  yaxis_tickformat=",.1f", xaxis_type="category")
plot(fig, key="prognose_chart")



def _download(export, price_label: str, key: str, basis: str | None = None, source: str | None = None) -> None:
    """The export's CSV and XLSX; its header block states the basis, the period the figures cover and the source."""
    extra = {t("sidebar.period"): export.period, t("prognose.basis_label"): basis or view.basis}
    widgets.download_tables(list(export.tables), widgets.export_meta(filters, export.title,
                                                                     source or t("prognose.source"),
                                                                     price_label=price_label, extra=extra),
                            export.file_stem, key=key)

st.subheader(view.years_title)
st.dataframe(view.years_table, hide_index=True, width="stretch")
st.caption(t("prognose.years_note"))
_download(view.years_export, view.price_label, "prognose_years")

st.subheader(view.segments_title)
if not suppress_small:       # the age split has no citizen counts behind its cells (present.prognose)
    st.radio(t("prognose.segment_split"), list(SEGMENT_SPLITS), key="prognose_segmentopdeling", horizontal=True,
             format_func=lambda v: t(f"prognose.split_{v}"))
st.dataframe(view.segments_table, hide_index=True, width="stretch")
if choices.segment_split == "alder":
    st.caption(t("prognose.age_note"))
if view.notes.get("segments"):
    st.caption(view.notes["segments"])
_download(view.segments_export, view.price_label, "prognose_segments")

st.subheader(t("prognose.assumptions_header"))
st.markdown("\n".join(f"- {line}" for line in view.assumption_lines))
st.caption(t("prognose.rates_editor"))
st.data_editor(rates_input.to_pandas(), key="prognose_rater_editor", hide_index=True, width="stretch",
               placeholder="–", disabled=["offer_type", "stock", "exit_pct", "starts_per_year"],
               column_config={
                   "offer_type": st.column_config.TextColumn(t("prognose.col_offer")),
                   "stock": st.column_config.NumberColumn(t("prognose.col_stock")),
                   "exit_pct": st.column_config.NumberColumn(t("prognose.col_exit_share"), format="%.0f %%"),
                   "starts_per_year": st.column_config.NumberColumn(t("prognose.col_starts"), format="localized"),
                   "own_exit_pct": st.column_config.NumberColumn(t("prognose.col_own_exit"), min_value=0.0,
                                                                 max_value=100.0, format="localized"),
                   "own_starts": st.column_config.NumberColumn(t("prognose.col_own_starts"), min_value=0.0,
                                                               max_value=100_000.0, format="localized")})
a1, a2 = st.columns([3, 1])
a1.dataframe(view.levels_table, hide_index=True, width="stretch")
a2.dataframe(view.pl_table, hide_index=True, width="stretch")
if view.notes.get("assumptions"):
    st.caption(view.notes["assumptions"])
_download(view.assumptions_export, t("sidebar.prices_current"), "prognose_assumptions")

st.subheader(t("prognose.backtest_header"))
st.markdown(f"**{view.backtest_sentence}**")
if view.backtest_chart is not None:
    fig = go.Figure()
    years = [str(y) for y in view.backtest_chart["year"].to_list()]
    fig.add_bar(x=years, y=[v / 1e6 for v in view.backtest_chart["actual_cost_dkk"].to_list()],
                name=t("prognose.series_actual"), marker_color=GREY)
    fig.add_bar(x=years, y=[v / 1e6 for v in view.backtest_chart["forecast_cost_dkk"].to_list()],
                name=t("prognose.series_forecast_1y"), marker_color=ACCENT)
    fig.update_layout(title=view.backtest_chart_title, barmode="group", height=380, yaxis_title=t("unit.mio"),
                      yaxis_tickformat=",.1f", xaxis_type="category")
    plot(fig, key="prognose_backtest_chart")
    st.dataframe(view.backtest_table, hide_index=True, width="stretch")
    with st.expander(t("prognose.backtest_segments")):
        st.dataframe(view.backtest_segments, hide_index=True, width="stretch")
        if view.notes.get("backtest"):
            st.caption(view.notes["backtest"])
    st.caption(t("prognose.backtest_note"))
    _download(view.backtest_export, t("sidebar.prices_current"), "prognose_backtest")

if levels is not None:
    st.subheader(t("prognose.tariff_header"))
    st.caption(t("prognose.tariff_help"))
    st.selectbox(t("prognose.tariff_offer"), stock_offers, key="prognose_takst_tilbud")
    cols = st.columns(min(len(levels), 6) or 1)
    for i, (level, label, citizens) in enumerate(levels.select("level", "label", "citizens").iter_rows()):
        cols[i % len(cols)].number_input(t("prognose.tariff_input", level=label, citizens=citizens), min_value=0.0,
                                         max_value=1_000_000.0, step=50.0, format="%.0f",
                                         key=f"prognose_takst_{stock_offers.index(tariff_offer)}_{level}")
    st.markdown(view.tariff_sentence)
    st.dataframe(view.tariff_table, hide_index=True, width="stretch")
    if view.notes.get("tariff"):
        st.caption(view.notes["tariff"])
    _download(view.tariff_export, t("sidebar.prices_current"), "prognose_tariff")

st.subheader(t("prognose.budget_header"))
if not has_ledger:
    st.info(t("prognose.no_ledger", year=data.data_date.year))
else:
    budget_offer = st.session_state["prognose_budget_tilbud"]
    offer_no = offers.index(budget_offer)
    kept_fixed = (st.session_state["prognose_budget_fast"]
                  if st.session_state.get("_prognose_budget_fixed_offer") == budget_offer else None)
    kept_rates = dict(st.session_state["prognose_budget_takster"])

    def _budget(fixed_mio: float | None, rates: dict) -> object:
        choices = BudgetChoices(budget_offer, None if fixed_mio is None else fixed_mio * 1e6, rates, rate_overrides)
        return shared_view(budget_check_view, (repr(filters), repr(choices), suppress_small), data, filters, choices,
                           suppress=suppress_small)

    before = _budget(kept_fixed, kept_rates)
    # the editor's edits of this run on top of the kept own rates (rows: the unit's segments, in the view's order)
    segments = list(before.rates.select("offer_type", "level").iter_rows())
    own_rates = {k: v for k, v in kept_rates.items() if k in segments}
    editor_key = f"prognose_budget_editor_{offer_no}"
    for row, edit in (st.session_state.get(editor_key) or {}).get("edited_rows", {}).items():
        if "own_rate" in edit and int(row) < len(segments):
            if edit["own_rate"] is None:
                own_rates.pop(segments[int(row)], None)
            else:
                own_rates[segments[int(row)]] = float(edit["own_rate"])
    measured_fixed = round((before.fixed_default_dkk or 0.0) / 1e6, 1)
    fixed_key = f"prognose_budget_fast_{offer_no}"
    if fixed_key not in st.session_state:
        st.session_state[fixed_key] = float(kept_fixed if kept_fixed is not None else measured_fixed)
    own_fixed = (float(st.session_state[fixed_key])
                 if abs(st.session_state[fixed_key] - measured_fixed) >= 0.05 else None)
    st.session_state["_prognose_budget_fixed_offer"] = budget_offer
    st.session_state["prognose_budget_fast"] = own_fixed
    st.session_state["prognose_budget_takster"] = own_rates
    PROGNOSE.keep({"budget_tilbud": budget_offer, "budget_takster": own_rates,
                   **({"budget_fast": own_fixed} if own_fixed is not None else {})},
                  drop=() if own_fixed is not None else ("budget_fast",))
    budget = _budget(own_fixed, own_rates)

    st.caption(t("prognose.budget_help"))
    b1, b2 = st.columns([2, 1])
    b1.selectbox(t("prognose.budget_offer"), offers, key="prognose_budget_tilbud")
    b2.number_input(t("prognose.budget_fixed_input"), min_value=-10_000.0, max_value=100_000.0, step=0.1,
                    format="%.1f", key=fixed_key)
    st.markdown(f"**{budget.budget_sentence}**")
    st.caption(budget.tie_note)
    st.dataframe(budget.budget_table, hide_index=True, width="stretch")
    st.caption(t("prognose.rates_budget_caption"))
    rates_input = budget.rates.select("offer_type", "label", "citizens", pl.col("hap").round(1),
                                      pl.col("rate_measured").round(0), "own_rate", pl.col("cost_dkk").round(0))
    st.data_editor(rates_input.to_pandas(), key=editor_key, hide_index=True, width="stretch", placeholder="–",
                   disabled=["offer_type", "label", "citizens", "hap", "rate_measured", "cost_dkk"],
                   column_config={
                       "offer_type": st.column_config.TextColumn(t("prognose.col_offer")),
                       "label": st.column_config.TextColumn(t("prognose.col_level")),
                       "citizens": st.column_config.NumberColumn(t("prognose.col_citizens")),
                       "hap": st.column_config.NumberColumn(t("prognose.col_hap"), format="localized"),
                       "rate_measured": st.column_config.NumberColumn(t("prognose.col_rate_measured"), format="localized"),
                       "own_rate": st.column_config.NumberColumn(t("prognose.col_own_rate"), min_value=0.0,
                                                                 max_value=1_000_000.0, format="localized"),
                       "cost_dkk": st.column_config.NumberColumn(t("prognose.col_activity_cost"), format="localized")})
    if budget.suppressed_note:
        st.caption(budget.suppressed_note)
    _download(budget.budget_export, t("sidebar.prices_current"), "prognose_budget", budget.basis,
              t("prognose.check_source"))

    st.subheader(t("prognose.check_header"))
    st.markdown(f"**{budget.check_headline}**")
    st.caption(budget.basis + " " + t("common.source") + ": " + t("prognose.check_source") + ".")
    chart_rows = budget.check_chart.reverse()     # largest overrun at the top
    labels = chart_rows["label"].to_list()
    fig = go.Figure()
    fig.add_bar(y=labels, x=[(v or 0) / 1e6 for v in chart_rows["actual_to_date_dkk"].to_list()], orientation="h",
                name=t("prognose.series_ledger_to_date"), marker_color=GREY)
    fig.add_bar(y=labels, x=[v / 1e6 for v in chart_rows["rest_dkk"].to_list()], orientation="h",
                name=t("prognose.series_rest"), marker_color=ACCENT)
    has_budget = chart_rows.filter(pl.col("budget_dkk").is_not_null())
    fig.add_scatter(y=has_budget["label"].to_list(), x=[v / 1e6 for v in has_budget["budget_dkk"].to_list()],
                    mode="markers", name=t("prognose.series_budget"),
                    marker={"symbol": "line-ns", "size": 26, "line": {"width": 3, "color": "#222222"}})
    fig.update_layout(title=budget.check_chart_title, barmode="stack", height=140 + 42 * len(labels),
                      xaxis_title=t("unit.mio"), xaxis_tickformat=",.1f", yaxis_type="category",
                      legend_traceorder="normal", margin={"l": 10})
    plot(fig, key="prognose_check_chart")
    st.dataframe(budget.check_table, hide_index=True, width="stretch")
    st.caption(t("prognose.check_note"))
    if budget.untied_note:
        st.caption(budget.untied_note)
    _download(budget.check_export, t("sidebar.prices_current"), "prognose_check", budget.basis,
              t("prognose.check_source"))

st.caption(" · ".join([widgets.kommune_text(filters), filters.area_name, view.basis,
                       t("common.source") + ": " + t("prognose.source")]))
exports.panel("prognose", filters, view.headline, t("prognose.source"), basis=view.basis)
