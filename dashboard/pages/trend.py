"""Udgiftsudvikling: net expenditure per year with growth and per inhabitant, the current year month by
month against budget with a year-end forecast, and the split by function, dranst, buying/selling places
and grouping (click a function to drill down). Page state (prognose, opdeling) lives in the URL; the page lays
out one view (present.trend.trend_view)."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analysis.forecast import METHODS
from i18n import t
from analysis.trends import SPLITS
from present.formatting import export_title
from present.trend import trend_view
from dashboard import charts, exports, state, widgets
from dashboard.query import query
from dashboard.charts import ACCENT, COST_DOWN, COST_UP, GREY
from dashboard.loaders import load_trends
from dashboard.sidebar import Filters
from dashboard.state import SIDEBAR, TREND
from dashboard.shared import shared_view

SEGMENT_COLOURS = ["#1f5fa8", "#e39b2d", "#3b9ab2", "#8e6bbf", "#c7a16b", "#6c8ebf", "#d17fa6", "#7f8c8d",
                   "#b5bd4f", "#5fb3a1", "#f1c40f", "#a0522d"]
FIXED_COLOURS = {"dranst": {"1": ACCENT, "2": "#e39b2d"},
                 "koeb_salg": {"koeb": "#e39b2d", "salg": "#3b9ab2", "oevrige": ACCENT}}
SPLIT_CHART_KEY = "trend_split_chart"


def _seed(key: str, param: str, valid: list[str], default: str, notices: list[str]) -> None:
    """Give widget ``key`` its value: the session's earlier choice, else the URL's ``param`` (first visit),
    else ``default``; an invalid URL value falls back to the default with a notice."""
    if key in st.session_state:
        return
    store = st.session_state.setdefault("_trend_state", {})
    if param in store:
        st.session_state[key] = store[param]
        return
    raw = st.query_params.get(param)
    value = default
    if raw is not None:
        if raw in valid:
            value = raw
        else:
            notices.append(state.url_notice(param, raw))
    st.session_state[key] = value


def _mio(values: list[float | None]) -> list[float | None]:
    return [v / 1e6 if v is not None else None for v in values]


def _sign_colour(text: str) -> str:
    """Cost up red, down green: colour a formatted change by its sign."""
    if not isinstance(text, str):
        return ""
    if text.startswith("+"):
        return f"color: {COST_UP}"
    if text.startswith("-"):
        return f"color: {COST_DOWN}"
    return ""


def _drill_down() -> None:
    """on_select of the by-function chart: make the clicked function the sidebar's area."""
    event = st.session_state.get(SPLIT_CHART_KEY)
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if not points:
        return
    point = points[0]
    code = point.get("customdata")
    if isinstance(code, list):
        code = code[0] if code else None
    if code is None:
        codes = st.session_state.get("_trend_split_codes", [])
        n = point.get("curve_number")
        code = codes[n] if isinstance(n, int) and 0 <= n < len(codes) else None
    filters_before: Filters | None = st.session_state.get("_filters")
    if filters_before is not None and code in filters_before.area_codes:
        SIDEBAR.request("omraade", code)   # the sidebar owns the area: it takes the code in the next run
        st.session_state["_trend_drilled"] = code


filters = widgets.page_header("page.trend")
mio = t("unit.mio")   # the unit of every chart's y axis and hover text

notices: list[str] = []
TREND.seed("prognose", list(METHODS), "saeson", notices)
TREND.seed("opdeling", list(SPLITS), "funktion", notices)
for n in notices:
    st.info(n)
method: str = st.session_state["trend_prognose"]
split: str = st.session_state["trend_opdeling"]

data = load_trends(query, filters.params, split)
view_key = (repr(filters), method, split)   # everything the view and its charts depend on
view = shared_view(trend_view, view_key, data, filters, method, split)
if view.warning:
    st.warning(view.warning)
if view.status != "ok":
    st.info(t("status.no_data"))
    st.stop()
for text in view.infos:
    st.info(text)
annual, fc, months, deviation, budget = view.annual, view.forecast, view.months, view.deviation, view.budget
years, labels = list(view.years), list(view.labels)

# --- KPI cards ---------------------------------------------------------------------------------------
widgets.kpi_cards(view.kpis, columns=5)

# --- the sentences -----------------------------------------------------------------------------------
st.markdown(f"**{view.sentence}**" if view.sentence else t("overview.no_complete_years"))
if view.forecast_sentence:
    st.markdown(view.forecast_sentence)

# --- main chart: net per year, current year to date inside its forecast, corrected budget ---------------
def _annual_figure() -> go.Figure:
    net_values = annual["net_dkk"].to_list()
    fig = go.Figure()
    if not fc.is_complete and fc.forecast_dkk is not None:
        fig.add_bar(x=[labels[-1]], y=[fc.forecast_dkk / 1e6], name=t("trend.forecast_full_year"),
                    marker=dict(color="rgba(31,95,168,0.10)", line=dict(color=ACCENT, width=2),
                                pattern=dict(shape="/", fgcolor="rgba(31,95,168,0.45)")),
                    text=[view.forecast_bar_text], textposition="outside",
                    cliponaxis=False, hovertemplate=t("trend.forecast_full_year") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
    fig.add_bar(x=labels, y=_mio(net_values), name=t("trend.actual"),
                marker_color=[ACCENT if c else GREY for c in annual["complete"].to_list()],
                text=list(view.bar_texts),
                textposition="outside", cliponaxis=False,
                customdata=[list(h) for h in view.bar_hover],
                hovertemplate="%{x}: %{y:,.1f} " + mio + "<br>" + t("col.change") + ": %{customdata[0]} (%{customdata[1]})<extra></extra>")
    if annual["budget_corrected_dkk"].is_not_null().any():
        fig.add_scatter(x=labels, y=_mio(annual["budget_corrected_dkk"].to_list()), name=t("kind.budget_corrected"),
                        mode="markers", marker=dict(symbol="line-ew-open", size=40, color="#222", line=dict(width=4, color="#222")),
                        hovertemplate=t("kind.budget_corrected") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
    fig.update_layout(title=view.chart_title, height=420, barmode="overlay",
                      yaxis_title=mio, yaxis_tickformat=",.0f", yaxis_range=[0, view.y_top / 1e6 * 1.15],
                      xaxis=dict(type="category", categoryorder="array", categoryarray=labels, tickfont_size=15),
                      yaxis_tickfont_size=14, bargap=0.3)
    fig.update_traces(textfont_size=15, selector=dict(type="bar"))
    return fig


charts.plot(charts.shared_figure("trend_chart", view_key, _annual_figure), key="trend_chart")
st.caption(widgets.source_caption(filters, view.source, view.notes))

widgets.coloured_table("trend_annual", view_key, view.table, _sign_colour, view.coloured)
widgets.download_buttons(
    annual, list(view.export_columns),
    widgets.export_meta(filters, export_title(view.chart_title), view.source, price_label=view.price_label,
                       extra=view.export_meta),
    view.file_stem, key="trend_annual",
)

# --- the current year month by month -----------------------------------------------------------------
st.subheader(view.month_heading)
st.radio(t("trend.method_label"), list(METHODS), key="trend_prognose", horizontal=True,
         format_func=state.option_labels("trend_prognose", METHODS, lambda m: t(f"trend.method_{m}_name")))


def _month_figure() -> go.Figure:
    x = list(view.month_axis)
    mfig = go.Figure()
    if months["budget_original_cum_dkk"].is_not_null().any():
        mfig.add_scatter(x=x, y=_mio(months["budget_original_cum_dkk"].to_list()), name=t("kind.budget_original"),
                         mode="lines", line=dict(color=GREY, width=2, dash="dot"),
                         hovertemplate=t("kind.budget_original") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
    if months["budget_corrected_cum_dkk"].is_not_null().any():
        mfig.add_scatter(x=x, y=_mio(months["budget_corrected_cum_dkk"].to_list()), name=t("kind.budget_corrected"),
                         mode="lines", line=dict(color="#222", width=3),
                         hovertemplate=t("kind.budget_corrected") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
    forecast_colour = COST_UP if deviation is not None and deviation.kind == "merforbrug" else (
        COST_DOWN if deviation is not None and deviation.kind == "mindreforbrug" else "#555")
    if months["forecast_cum_dkk"].is_not_null().any():
        mfig.add_scatter(x=x, y=_mio(months["forecast_cum_dkk"].to_list()), name=t("trend.forecast_path"),
                         mode="lines+markers", line=dict(color=forecast_colour, width=3, dash="dash"),
                         hovertemplate=t("trend.forecast_path") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
    mfig.add_scatter(x=x, y=_mio(months["actual_cum_dkk"].to_list()), name=t("trend.actual_cum"),
                     mode="lines+markers", line=dict(color=ACCENT, width=4), marker=dict(size=8),
                     hovertemplate=t("trend.actual_cum") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
    # December call-outs: forecast, the expected deviation and the corrected budget, stacked so they never overlap
    colours = {"forecast": forecast_colour, "budget": "#222", "deviation": forecast_colour}
    callouts = [(value, text, colours[role], role == "deviation") for value, text, role in view.callouts]
    if callouts:
        mid = sum(v for v, *_ in callouts) / len(callouts) / 1e6
        amounts = sorted([c for c in callouts if not c[3]], key=lambda c: -c[0])   # higher amount on top
        ordered = amounts[:1] + [c for c in callouts if c[3]] + amounts[1:]        # the deviation between them
        for i, (_, text, colour, bold) in enumerate(ordered):
            mfig.add_annotation(x=x[-1], y=mid, text=f"<b>{text}</b>" if bold else text, showarrow=False,
                                xanchor="left", xshift=10, yshift=(len(ordered) - 1) * 12 - i * 24,
                                font=dict(size=15, color=colour))
    mfig.update_layout(title=view.month_chart_title, height=440,
                       yaxis_title=mio, yaxis_tickformat=",.0f", yaxis_rangemode="tozero", yaxis_tickfont_size=14,
                       xaxis_tickfont_size=15, margin=dict(r=230), hovermode="x unified")
    return mfig


charts.plot(charts.shared_figure("trend_month_chart", view_key, _month_figure), key="trend_month_chart")
st.caption(widgets.source_caption(filters, view.source, view.method_caption))
with st.expander(t("trend.table_behind")):
    widgets.table(view.month_table)
widgets.download_buttons(
    view.month_export, list(view.month_columns),
    widgets.export_meta(filters, export_title(view.month_chart_title), view.source, price_label=view.price_label,
                       extra=view.export_meta),
    view.month_file_stem, key="trend_months",
)

# --- the split -----------------------------------------------------------------------------------------
st.subheader(t("trend.split_heading"))
st.radio(t("trend.split_label"), list(SPLITS), key="trend_opdeling", horizontal=True,
         format_func=state.option_labels("trend_opdeling", SPLITS, lambda s: t(f"trend.split_{s}")))
long = view.long
segments = long.select("segment", "label").unique(subset="segment", maintain_order=True)
codes = segments["segment"].to_list()


def _split_figure() -> go.Figure:
    totals = dict(zip(annual["year"].to_list(), annual["net_dkk"].to_list()))
    sfig = go.Figure()
    for i, (seg, label) in enumerate(segments.iter_rows()):
        sub = long.filter(pl.col("segment") == seg)
        by_year = dict(zip(sub["year"].to_list(), sub["net_dkk"].to_list()))
        colour = FIXED_COLOURS.get(split, {}).get(seg, SEGMENT_COLOURS[i % len(SEGMENT_COLOURS)])
        short = label if split != "funktion" or len(label) <= 34 else label[:33] + "…"
        sfig.add_bar(x=labels, y=_mio([by_year.get(y) for y in years]), name=short, marker_color=colour,
                     marker_opacity=[1.0 if c else 0.45 for c in annual["complete"].to_list()],
                     customdata=[seg] * len(years),
                     hovertemplate=label.replace("%", "%%") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
    sfig.add_scatter(x=labels, y=_mio([totals.get(y) for y in years]), name=view.series_name, mode="markers",
                     marker=dict(symbol="line-ew-open", size=40, color="#222", line=dict(width=4, color="#222")),
                     hovertemplate=view.series_name + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
    many = len(codes) > 4
    sfig.update_layout(title=view.split_title,
                       barmode="relative", height=500 if many else 440, yaxis_title=mio, yaxis_tickformat=",.0f",
                       xaxis=dict(type="category", categoryorder="array", categoryarray=labels, tickfont_size=15),
                       yaxis_tickfont_size=14, bargap=0.3,
                       legend=dict(orientation="v", x=1.01, y=1, xanchor="left", yanchor="top", traceorder="reversed")
                       if many else dict(traceorder="reversed"),
                       margin=dict(r=330) if many else None)
    return sfig


sfig = charts.shared_figure("trend_split_chart", view_key, _split_figure)
drill = split == "funktion" and len(codes) > 1
st.session_state["_trend_split_codes"] = codes
if drill:
    charts.plot(sfig, key=SPLIT_CHART_KEY, on_select=_drill_down,
                    selection_mode="points")
    st.caption(t("trend.drill_hint"))
else:
    charts.plot(sfig, key="trend_split_static")
drilled = st.session_state.pop("_trend_drilled", None)
if drilled:
    st.success(t("trend.drilled", area=filters.area_name))
st.caption(widgets.source_caption(filters, view.source, view.notes))
with st.expander(t("trend.table_behind"), expanded=False):
    st.caption(t("trend.split_table_unit"))
    widgets.coloured_table("trend_split", view_key, view.split_display, _sign_colour, view.split_coloured)
widgets.download_buttons(
    view.split_table, list(view.split_columns),
    widgets.export_meta(filters, export_title(view.split_title), view.source, price_label=view.price_label),
    view.split_file_stem, key="trend_split",
)

# --- URL: the page's own state next to the sidebar's ---------------------------------------------------
TREND.keep({"prognose": st.session_state["trend_prognose"], "opdeling": st.session_state["trend_opdeling"]})
exports.panel("trend", filters, view.sentence, view.source, basis=view.series_name, remarks=(view.notes,) if view.notes else ())
