"""Dekomponering: why did the cost change between two years? Volume (full-year persons), complexity
(mix over segments) and unit prices. The page keeps its choices and lays out one view
(present.decomposition.decomposition_view)."""
from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go
import streamlit as st

from analysis import segments as sg
from domain.codes import DECOMPOSITION_METHODS
from present.decomposition import (MAIN_SPLITS, DecompositionChoices, decomposition_view, dimension_label,
                                   drivers_link, provider_view, splits_view)
from present.formatting import fmt_date, fmt_mio, md_literal
from present.suppression import text_note
from i18n import t
from dashboard import charts, exports, state, widgets
from dashboard.query import db_version, query
from dashboard.charts import ACCENT, COST_DOWN, COST_UP, GREY
from dashboard.auth import current
from dashboard.loaders import load_data_date, load_decomposition
from dashboard.registry import page as registry_page
from dashboard.state import AGE, DECOMPOSITION, DRIVERS
from dashboard.shared import shared_view

filters = widgets.page_header("page.decomposition")
mio = t("unit.mio")   # the unit of the charts' value axis and hover texts
notice_box = st.container()
notices: list[str] = []


def _show_notices() -> None:
    for n in notices:
        notice_box.info(n)
    notices.clear()


# --- state: this session's choice, kept across page switches, else the URL (dashboard/state.py) ----------
years = filters.years


# the comparison year defaults to the sidebar's last year, or, when that year has no complete month of
# activity data yet (January), the latest year that has one
data_date = load_data_date(query)
default_base = filters.from_year if filters.from_year in years else years[0]
default_cur = filters.to_year if filters.to_year in years else years[-1]
latest = sg.latest_comparable_year([y for y in years if y <= default_cur], data_date) if data_date else None
if latest is not None and default_base < latest < default_cur:
    if not DECOMPOSITION.chosen("sammenlign"):
        notices.append(t("decomp.no_months_default", year=default_cur, date=fmt_date(data_date), latest=latest))
    default_cur = latest
DECOMPOSITION.seed("basis", years, default_base, notices)
DECOMPOSITION.seed("sammenlign", years, default_cur, notices)
DECOMPOSITION.seed("opdeling", list(sg.DIMENSIONS), sg.DEFAULT_DIMENSION, notices)
DECOMPOSITION.seed("metode", list(DECOMPOSITION_METHODS), DECOMPOSITION_METHODS[0], notices)
DECOMPOSITION.seed("skaler", [False, True], False, notices)

c1, c2, c3, c4 = st.columns([1, 1, 2, 1.4], vertical_alignment="bottom")
c1.selectbox(t("decomp.base_year"), years, key="basis")
c2.selectbox(t("decomp.comparison_year"), years, key="sammenlign")
c3.selectbox(t("decomp.dimension"), list(sg.DIMENSIONS), key="opdeling",
             format_func=state.option_labels("opdeling", sg.DIMENSIONS, lambda k: dimension_label(sg.DIMENSIONS[k])))
c4.toggle(t("decomp.scale"), key="skaler", help=t("decomp.scale_help"), disabled=filters.age is not None)
with st.expander(t("decomp.advanced"), expanded=st.session_state["metode"] != DECOMPOSITION_METHODS[0]):
    st.radio(t("decomp.method_label"), list(DECOMPOSITION_METHODS), key="metode",
             format_func=state.option_labels("metode", DECOMPOSITION_METHODS, lambda m: t(f"decomp.method.{m}")),
             captions=[t(f"decomp.method_help.{m}") for m in DECOMPOSITION_METHODS])

base_year, cur_year = st.session_state["basis"], st.session_state["sammenlign"]
dimension = sg.DIMENSIONS[st.session_state["opdeling"]]
method = st.session_state["metode"]
DECOMPOSITION.keep({"basis": base_year, "sammenlign": cur_year, "opdeling": dimension.key, "metode": method,
                    "skaler": bool(st.session_state["skaler"])})

if base_year == cur_year:
    _show_notices()
    st.info(t("decomp.same_years"))
    st.stop()

# --- the view: data -> segments -> decomposition -> texts, tables, exports ------------------------
suppress_small = current().suppress_small
data = load_decomposition(query, filters.params, dimension.key, base_year, cur_year, citizens=suppress_small)
version = (db_version() or "").rsplit("/", 1)[-1].removesuffix(".duckdb")
choices = DecompositionChoices(
    base_year, cur_year, dimension.key, method, bool(st.session_state["skaler"]), area_name=filters.area_name,
    area_code=filters.area_code, kommune_caption=widgets.kommune_text(filters),
    kommune_export=widgets.kommune_text(filters, synthetic_note=True), area_export=widgets.area_text(filters),
    price_base_year=filters.price_base.base_year if filters.price_base.is_fixed else None,
    refund_basis=filters.refund_basis,
    pl_index=dict(filters.pl_index), pl_source=filters.pl_source, data_version=version, latest_comparable=latest,
    suppress_small=suppress_small, age=filters.age)
view_key = (repr(filters), repr(choices))   # everything the view and its charts depend on
view = shared_view(decomposition_view, view_key, data, choices)
notices.extend(view.notices)
if view.partial_notice:
    st.info(view.partial_notice)
if view.status != "ok":
    _show_notices()
    getattr(st, view.message_level)(view.message)
    if view.hint:
        st.info(view.hint)
    st.stop()
window, steps = view.window, view.steps
_show_notices()

# --- KPI cards and headline -----------------------------------------------------------------------
widgets.kpi_cards(view.kpis, border=True)
st.markdown(f"**{view.headline}**")
if view.coverage_line:
    st.caption(view.coverage_line)
if view.fixed_note:
    st.caption(view.fixed_note)
if view.reconciliation:
    st.caption(view.reconciliation)

# --- waterfall ------------------------------------------------------------------------------------
start, end = steps[0].value, steps[-1].value
levels = [start]
for s in steps[1:-1]:
    levels.append(levels[-1] + s.value)
levels.append(end)
lo, hi = min(levels) / 1e6, max(levels) / 1e6
span = max(hi - lo, abs(hi) * 0.02, 0.1)
axis_lo = lo - span * 0.9
axis_lo = 0.0 if axis_lo <= 0 or axis_lo < hi * 0.15 else axis_lo


def _waterfall_figure() -> go.Figure:
    fig = go.Figure(go.Waterfall(
        x=[s.label for s in steps], y=[s.value / 1e6 for s in steps], measure=[s.measure for s in steps],
        text=list(view.bar_texts), textposition="outside", cliponaxis=False,
        textfont=dict(size=15),
        increasing=dict(marker=dict(color=COST_UP)), decreasing=dict(marker=dict(color=COST_DOWN)),
        totals=dict(marker=dict(color=ACCENT)), connector=dict(line=dict(color=GREY, width=1, dash="dot")),
        customdata=list(view.bar_texts),
        hovertemplate="%{x}: %{customdata} " + mio + "<extra></extra>",
    ))
    fig.update_layout(
        title=dict(text=view.chart_title),
        height=520, showlegend=False, yaxis_title=mio, yaxis_tickformat=",.0f",
        yaxis_range=[axis_lo, hi + span * 0.3], margin=dict(t=100, b=90), xaxis_tickfont=dict(size=14),
    )
    return fig


charts.plot(charts.shared_figure("decomposition_waterfall", view_key, _waterfall_figure), key="decomposition_waterfall")
axis_note = t("decomp.axis_note", value=fmt_mio(axis_lo * 1e6, 0)) + " · " if axis_lo > 0 else ""
st.caption(axis_note + view.caption)
with st.expander(t("decomp.table_behind")):
    widgets.table(view.totals_table)
st.markdown(view.explanation)

# --- the same change under the main splits, side by side (loaded only when asked for) ----------------------
DECOMPOSITION.seed("opdelinger", [False, True], False, notices)
st.toggle(t("decomp.splits_toggle"), key="opdelinger")
DECOMPOSITION.keep({"opdelinger": bool(st.session_state["opdelinger"])})
if st.session_state["opdelinger"]:
    others = {key: view if key == dimension.key else shared_view(
        decomposition_view, (repr(filters), repr(replace(choices, dimension=key))),
        load_decomposition(query, filters.params, key, base_year, cur_year, citizens=suppress_small),
        replace(choices, dimension=key))
        for key in MAIN_SPLITS}
    splits = splits_view(others)
    if splits is not None:
        st.markdown(f"**{splits.title}**")
        st.markdown(splits.sentence)
        widgets.table(splits.table)
        st.caption(splits.note)

# --- per segment ----------------------------------------------------------------------------------
st.subheader(view.table_title)


def _segments_figure() -> go.Figure:
    bars = view.segment_bars
    bar_fig = go.Figure(go.Bar(
        x=[v / 1e6 for v in bars["change"].to_list()], y=bars["name"].to_list(), orientation="h",
        marker_color=[COST_UP if v > 0 else COST_DOWN for v in bars["change"].to_list()],
        text=list(view.segment_bar_texts),
        textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{text} " + mio + "<extra></extra>",
    ))
    x_lo, x_hi = min(0.0, bars["change"].min() / 1e6), max(0.0, bars["change"].max() / 1e6)
    pad = max(x_hi - x_lo, 0.1) * 0.12
    bar_fig.update_layout(
        title=view.segment_chart_title,
        height=max(320, 110 + 26 * bars.height), showlegend=False, xaxis_title=mio, xaxis_tickformat=",.1f",
        xaxis_range=[x_lo - (pad if x_lo < 0 else 0), x_hi + (pad if x_hi > 0 else 0)],
        yaxis=dict(automargin=True), margin=dict(t=90, l=20),
    )
    return bar_fig


charts.plot(charts.shared_figure("decomposition_segments", view_key, _segments_figure), key="decomposition_segments")
st.caption(view.caption)
widgets.table(view.table, height=min(38 + 35 * view.report.height, 750))
st.caption(view.table_units)
if view.suppressed_note:
    st.caption(view.suppressed_note)

e1, e2, _ = st.columns([1, 1, 4])
e1.download_button(t("data.download_csv"), widgets.deferred(lambda: view.csv, view.file_stem + ".csv"),
                   file_name=view.file_stem + ".csv", mime="text/csv")
e2.download_button(t("data.download_excel"), widgets.deferred(lambda: view.xlsx, view.file_stem + ".xlsx"),
                   file_name=view.file_stem + ".xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

# --- providers of one segment ---------------------------------------------------------------------
st.subheader(t("decomp.providers_title"))
options = list(view.segment_options)
DECOMPOSITION.seed("segment", options, view.largest_segment, notices, reset_invalid=True)
st.selectbox(t("decomp.provider_pick"), options, key="segment",
             format_func=state.option_labels("segment", options, view.segment_labels.__getitem__))
chosen = st.session_state["segment"]
DECOMPOSITION.keep({"segment": chosen})
_show_notices()
providers = shared_view(provider_view, (repr(filters), repr(choices), chosen), data, window, chosen, base_year, cur_year,
                        suppress_small=suppress_small, segment_hidden=chosen in view.hidden_segments)


def _to_drivers(label: str, link: dict[str, str], key: str) -> None:
    """A button to Udgiftsdrivere with ``link`` (present.decomposition.drivers_link) set, in the same two years;
    the page's URL then carries them."""
    if st.button(label, key=key, icon=":material/arrow_forward:"):
        for name, value in {"basis": base_year, "sammenlign": cur_year, **link}.items():
            (AGE if name == "alder" else DRIVERS).request(name, value)
        st.switch_page(registry_page("drivers").file)


segment_link = drivers_link(dimension.key, chosen)
if segment_link:
    _to_drivers(t("decomp.to_drivers_segment", segment=md_literal(view.segment_labels[chosen])), segment_link,
                "decomp_to_drivers")
if providers is None:
    st.info(t("decomp.no_providers"))
else:
    widgets.table(providers, height=min(38 + 35 * providers.height, 560))
    st.caption(view.caption)
    if suppress_small and text_note(providers):
        st.caption(text_note(providers))
    names = providers[t("decomp.col.provider")].to_list()
    c1, c2 = st.columns([2, 3], vertical_alignment="bottom")
    DECOMPOSITION.seed("leverandoervalg", names, names[0] if names else None, reset_invalid=True)
    provider = c1.selectbox(t("decomp.provider_open"), names, key="decomp_leverandoer")
    DECOMPOSITION.keep({"leverandoervalg": provider})
    with c2:
        _to_drivers(t("decomp.to_drivers_provider"), drivers_link(dimension.key, provider=provider),
                    "decomp_provider_to_drivers")

with st.expander(t("decomp.method_title")):
    st.markdown(t("decomp.method_text"))

exports.panel("decomposition", filters, view.headline, t("decomp.source_activity"), method=t(f"decomp.method.{method}"))
