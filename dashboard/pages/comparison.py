"""Sammenligning: are we expensive, compared with whom, and can our level be explained by our population?

Ranking of all municipalities, the own level over time against the group and the country, the gap in
mio. kr., the most similar municipalities and a least-squares fit against the socio-economic index.
Page state (gruppe, kommuner, maal, aar, kilde, k, vaegte) lives in the URL next to the sidebar's. The page
keeps its choices and lays out the two steps of present.comparison (comparison_table, comparison_view).
"""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analysis import benchmark as bm
from present.comparison import (comparison_table, comparison_view, group_label, key_figures, measure_label,
                                similarity_label, sources)
from present.formatting import export_title, fmt_number
from i18n import t
from dashboard import charts, exports, state, widgets
from dashboard.query import query
from dashboard.charts import ACCENT
from dashboard.loaders import load_benchmark
from dashboard.state import COMPARISON
from dashboard.shared import shared_view

GROUP_GREY = "#5f6670"     # members of the comparison group
OTHER_GREY = "#d3d7dc"     # all other municipalities
AVG_COLOUR = "#222222"
NATIONAL_COLOUR = "#e39b2d"
MEASURES = ["pr-indbygger", "i-alt", "indeks"]
WEIGHT_OPTIONS = [i / 2 for i in range(21)]   # 0, 0,5 ... 10
WEIGHT_KEYS = dict(zip(("persons_total", "share_18_64", "socio_index"), COMPARISON["vaegte"].keys))

filters = widgets.page_header("page.comparison")
mio, kr = t("unit.mio"), t("unit.kr")   # units of the charts' axes and hover texts
notices: list[str] = []

data = load_benchmark(query, filters.params, filters.area_code)
if data.values.filter(pl.col("kommunekode") > 0).is_empty():
    st.info(t("cmp.no_data"))
    st.stop()
munis = data.municipalities
names = dict(zip(munis["kommunekode"].to_list(), munis["name"].to_list()))
own = filters.kommune
own_row = munis.filter(pl.col("kommunekode") == own).row(0, named=True)

# ---- source: never mix synthetic figures, Danmarks Statistik's and key figures (nøgletal) ------------------
source_keys, default_source = sources(data, own)
# reset_invalid: e.g. key figures chosen, then an area they do not cover
COMPARISON.seed("kilde", source_keys, default_source, notices, reset_invalid=True)

# ---- page controls -----------------------------------------------------------------------------------
c_group, c_measure, c_year, c_source = st.columns([12, 11, 4, 5])
c_source.selectbox(t("cmp.source"), source_keys, key="kilde",
                   format_func=state.option_labels("kilde", source_keys, lambda k: t("cmp.source_" + k)),
                   disabled=len(source_keys) == 1)
source_key = st.session_state["kilde"]
key_figure: str | None = None
if source_key.endswith("noegletal"):
    # one key figure at a time: two figures for the same area (per 0-17-årig, in 1.000 kr.) must not be added
    figures = key_figures(data, source_key)
    # reset_invalid: e.g. after switching to an area with other figures
    COMPARISON.seed("noegletal", figures, figures[0], notices, reset_invalid=True)
    if len(figures) > 1:
        st.selectbox(t("cmp.key_figure"), figures, key="noegletal")
    key_figure = st.session_state["noegletal"]

prepared = shared_view(comparison_table, (repr(filters), source_key, key_figure), data, filters, source_key, key_figure)
if prepared.error:
    st.error(prepared.error)
    st.stop()
if prepared.warning:
    st.warning(prepared.warning)
target_label, real_codes = prepared.target_label, list(prepared.real_codes)

years = list(prepared.years)
COMPARISON.seed("aar", years, prepared.own_years[0] if prepared.own_years else years[0], notices)
c_year.selectbox(t("common.year"), years, key="aar")
year = st.session_state["aar"]

group_options, dst_names, default_group = bm.group_options(munis, own)
# reset_invalid: e.g. the region after switching to a municipality without one
COMPARISON.seed("gruppe", group_options, default_group, notices, reset_invalid=True)
if not own_row["regionskode"]:
    st.caption(t("cmp.no_region", kommune=filters.kommune_name))


def _group_label(key: str) -> str:
    return group_label(key, dst_names, own_row["region"])


c_group.selectbox(t("sidebar.comparison_group"), group_options, key="gruppe",
                  format_func=state.option_labels("gruppe", group_options, _group_label))
group = st.session_state["gruppe"]
COMPARISON.seed("maal", MEASURES, "pr-indbygger", notices)
c_measure.selectbox(t("cmp.measure"), MEASURES, key="maal",
                    format_func=state.option_labels("maal", MEASURES, lambda m: measure_label(m, target_label)))
measure = st.session_state["maal"]

others = [c for c in names if c != own]
url_extra: dict[str, object] = {}
similar: pl.DataFrame | None = None
if group == "egen":
    if "kommuner" not in st.session_state:
        COMPARISON.seed("kommuner", others, bm.default_own_list(munis, own), notices)
    st.multiselect(t("cmp.own_list"), others, key="kommuner", format_func=lambda c: f"{names[c]} ({c})",
                   placeholder=t("cmp.own_list_placeholder"))
    members = list(st.session_state["kommuner"])
    url_extra["kommuner"] = members
elif group == "naermeste":  # k nearest by standardised Euclidean distance
    COMPARISON.seed("k", list(range(3, 31)), 10, notices)
    COMPARISON.seed("vaegte", WEIGHT_OPTIONS, [1.0, 1.0, 1.0], notices)
    with st.expander(t("cmp.similar_settings"), expanded=True):
        cols = st.columns(4)
        cols[0].number_input(t("cmp.k"), min_value=3, max_value=30, step=1, key="k")
        for col, (var, key) in zip(cols[1:], WEIGHT_KEYS.items()):
            # a slider with Danish labels: number_input would show "1.00" with a decimal point
            col.select_slider(t("cmp.weight", variable=similarity_label(var)), options=WEIGHT_OPTIONS,
                              format_func=lambda w: fmt_number(w, 1), key=key)
        st.caption(t("cmp.similar_method"))
    weights = {var: float(st.session_state[key]) for var, key in WEIGHT_KEYS.items()}
    similar = bm.similar_municipalities(prepared.table.filter(pl.col("year") == year), own, real_codes, weights,
                                        int(st.session_state["k"]))
    members = similar["kommunekode"].to_list()
    url_extra["k"] = st.session_state["k"]
    url_extra["vaegte"] = list(weights.values())
else:
    members = bm.group_members(munis, group, own)

if key_figure is not None:
    url_extra["noegletal"] = key_figure
COMPARISON.keep({"gruppe": group, "maal": measure, "aar": year, "kilde": source_key, **url_extra},
                drop=("kommuner", "k", "vaegte", "noegletal"))

# ---- figures for the chosen year ---------------------------------------------------------------------
COMPARISON.seed("alle", [False, True], False, notices)
show_all = bool(st.session_state["cmp_alle"])
COMPARISON.keep({"alle": show_all})
view_key = (repr(filters), source_key, key_figure, year, group, measure, tuple(members),
            tuple(url_extra.get("vaegte", ())), url_extra.get("k"), show_all)   # the view's and its charts' choices
view = shared_view(comparison_view, view_key,
                   prepared, filters, year, group, _group_label(group), measure, members, similar,
                   all_municipalities=show_all, own_ledger=data.own_ledger)
if view.status != "ok":
    st.warning(view.message)
    st.stop()
group_name = view.group_label
for n in notices:
    st.info(n)

kpi = st.columns(3) + st.columns(3)[:2]
for col, card in zip(kpi, view.kpis):
    # the gap's delta line is words ('… over gruppens gennemsnit'): no arrow, no colour of its own
    col.metric(card.label, card.value, delta=card.delta, delta_color="off", delta_arrow="off", help=card.help)
st.markdown("**" + view.sentence + "**")
if view.basis_line:
    st.caption(view.basis_line)

# ---- ranking -----------------------------------------------------------------------------------------
def _ranking_figure() -> go.Figure:
    ranked = view.ranked
    rev = ranked.reverse()  # plotly draws the first category at the bottom
    colours = {"own": ACCENT, "group": GROUP_GREY, "other": OTHER_GREY}
    labels = [f"<b>{n}</b>" if r == "own" else n for n, r in zip(rev["name"].to_list(), rev["role"].to_list())]
    fig = go.Figure()
    fig.add_bar(
        y=labels, x=rev["measure_value"].to_list(), orientation="h",
        marker_color=[colours[r] for r in rev["role"].to_list()], showlegend=False,
        customdata=[[t("cmp.role_" + r)] for r in rev["role"].to_list()],
        hovertemplate="%{y}: %{x:,.0f} (%{customdata[0]})<extra></extra>" if measure != "i-alt"
        else "%{y}: %{x:,.1f} " + mio + " (%{customdata[0]})<extra></extra>",
    )
    for name, colour, role in ((filters.kommune_name, ACCENT, "own"), (group_name, GROUP_GREY, "group"),
                               (t("cmp.role_other"), OTHER_GREY, "other"))[:3 if show_all else 2]:
        fig.add_scatter(x=[None], y=[None], mode="markers", marker=dict(symbol="square", size=12, color=colour),
                        name=name if role != "group" else t("cmp.legend_group", group=group_name))
    if view.group_line is not None:
        fig.add_vline(x=view.group_line, line_dash="dash", line_color=AVG_COLOUR, line_width=2)
        fig.add_scatter(x=[None], y=[None], mode="lines", line=dict(dash="dash", color=AVG_COLOUR),
                        name=t("cmp.avg_unweighted_named", group=group_name))
    if view.national_line is not None:
        fig.add_vline(x=view.national_line, line_dash="dash", line_color=NATIONAL_COLOUR, line_width=2)
        fig.add_scatter(x=[None], y=[None], mode="lines", line=dict(dash="dash", color=NATIONAL_COLOUR),
                        name=t("cmp.avg_national"))
    rank_height = max(460, (15 if show_all else 26) * ranked.height + 200)
    fig.update_layout(  # px positions via container refs: title, legend, then the top axis, so nothing overlaps
        title=dict(text=view.ranking_title, yref="container", y=1 - 22 / rank_height, yanchor="middle"),
        height=rank_height, bargap=0.25,
        xaxis=dict(tickformat=",.0f" if measure != "i-alt" else ",.1f", side="top", title=None),
        yaxis=dict(tickfont=dict(size=10 if show_all else 14), automargin=True),
        legend=dict(orientation="h", yref="container", yanchor="top", y=1 - 44 / rank_height, x=0, font=dict(size=13)),
        margin=dict(l=140, r=30, t=160, b=30),
    )
    return fig


charts.plot(charts.shared_figure("comparison_ranking_chart", view_key, _ranking_figure), key="ranking_chart")
st.toggle(t("cmp.show_all"), key="cmp_alle")
st.caption(widgets.source_caption(filters, view.caption_source, view.caption_extra))
widgets.table(view.ranking_table, height=300)
widgets.download_buttons(
    view.ranking_export, list(view.ranking_columns),
    widgets.export_meta(filters, export_title(view.ranking_title), view.source_label, price_label=prepared.price_label,
                       extra=view.meta_extra),
    view.ranking_file_stem, key="cmp_ranking",
)

# ---- over time ---------------------------------------------------------------------------------------
st.subheader(view.trend_title)


def _series_figure() -> go.Figure:
    ts = view.series
    tfig = go.Figure()
    tfig.add_scatter(x=ts["year"].to_list(), y=ts["own"].to_list(), name=filters.kommune_name, mode="lines+markers",
                     line=dict(color=ACCENT, width=3), hovertemplate="%{x}: %{y:,.0f} " + kr + "<extra></extra>")
    tfig.add_scatter(x=ts["year"].to_list(), y=ts["group"].to_list(), name=t("cmp.avg_unweighted_named", group=group_name),
                     mode="lines", line=dict(color=AVG_COLOUR, dash="dash"), hovertemplate="%{x}: %{y:,.0f} " + kr + "<extra></extra>")
    tfig.add_scatter(x=ts["year"].to_list(), y=ts["country"].to_list(), name=t("cmp.avg_national"), mode="lines",
                     line=dict(color=NATIONAL_COLOUR, dash="dash"), hovertemplate="%{x}: %{y:,.0f} " + kr + "<extra></extra>")
    tfig.update_layout(title=view.trend_chart_title, height=420,
                       yaxis_title=t("cmp.per_capita_axis", target=target_label), yaxis_tickformat=",.0f",
                       xaxis=dict(dtick=1), margin=dict(t=110))
    return tfig


charts.plot(charts.shared_figure("comparison_trend_chart", view_key, _series_figure), key="trend_chart")
if group == "naermeste":
    st.caption(t("cmp.members_fixed", year=year))

# ---- most similar municipalities ---------------------------------------------------------------------
if view.similar_table is not None:
    st.subheader(t("cmp.similar_title"))
    widgets.table(view.similar_table)

# ---- socio-economic scatter --------------------------------------------------------------------------
st.subheader(view.scatter_title)
if view.scatter is None:
    st.info(t("cmp.scatter_missing"))
else:
    scatter, fit, pts = view.scatter, view.fit, view.scatter_points
    for col, card in zip(st.columns(3), view.scatter_kpis):
        col.metric(card.label, card.value)
    st.markdown(view.residual_sentence)

    def _scatter_figure() -> go.Figure:
        sfig = go.Figure()
        for role, colour, size in (("other", OTHER_GREY, 8), ("group", GROUP_GREY, 9), ("own", ACCENT, 16)):
            part = scatter.filter(pl.col("role") == role)
            sfig.add_scatter(x=part["socio_index"].to_list(), y=part["dkk_per_target_inhabitant"].to_list(), mode="markers"
                             + ("+text" if role == "own" else ""), text=part["name"].to_list(), textposition="top center",
                             name=filters.kommune_name if role == "own" else (t("cmp.legend_group", group=group_name)
                                                                                if role == "group" else t("cmp.role_other")),
                             marker=dict(color=colour, size=size, line=dict(width=1, color="white")),
                             textfont=dict(color=ACCENT, size=14),
                             hovertemplate="%{text}: " + t("unit.index") + " %{x:,.1f}, %{y:,.0f} " + kr
                             + "<extra></extra>")
        xs = [min(pts["socio_index"].to_list()), max(pts["socio_index"].to_list())]
        sfig.add_scatter(x=xs, y=[fit.predict(x) for x in xs], mode="lines", line=dict(color=AVG_COLOUR, dash="dash"),
                         name=t("cmp.fit_line"), hoverinfo="skip")
        sfig.update_layout(title=view.scatter_chart_title,
                           height=520, xaxis_title=t("cmp.col_socio"), yaxis_title=t("cmp.per_capita_axis", target=target_label),
                           yaxis_tickformat=",.0f", xaxis_tickformat=",.0f", margin=dict(t=110))
        return sfig

    charts.plot(charts.shared_figure("comparison_scatter_chart", view_key, _scatter_figure), key="scatter_chart")
    st.caption(view.fit_note + " " + widgets.source_caption(filters, view.caption_source, view.caption_extra))
    widgets.download_buttons(
        scatter.sort("socio_index"), list(view.scatter_columns),
        widgets.export_meta(filters, view.scatter_chart_title, view.source_label, price_label=prepared.price_label,
                           extra={**view.meta_extra, t("common.method"): view.fit_note}),
        view.scatter_file_stem, key="cmp_scatter",
    )

exports.panel("comparison", filters, view.sentence, view.source_label)
