"""Overblik: what is loaded, key totals for the chosen area and the latest year, data quality. The page lays
out one view (present.overview.overview_view)."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from i18n import t
from present.formatting import export_title
from present.overview import overview_splits, overview_view, segment_volume_view, split_label
from dashboard import charts, exports, state, widgets
from dashboard.query import query
from dashboard.charts import ACCENT, GREY
from dashboard.auth import current
from dashboard.loaders import load_overview, load_overview_segment_citizens, load_overview_segments
from dashboard.state import OVERVIEW
from dashboard.shared import shared_view

filters = widgets.page_header("page.overview")

data = load_overview(query, filters.params)
view_key = (repr(filters),)
view = shared_view(overview_view, view_key, data, filters, widgets.import_kind_labels(data.history["kind"]),
                   suppress_small=current().suppress_small)
if view.warning:
    st.warning(view.warning)
if view.status != "ok":
    st.info(t("status.no_data"))
    st.stop()
net = view.net

widgets.kpi_cards(view.kpis, columns=5)

if view.headline:
    st.markdown(f"**{view.headline}**")
else:
    st.caption(view.no_complete_years)

# main chart: net per year on the sidebar's refund basis, corrected budget as markers, incomplete years marked
def _net_figure() -> go.Figure:
    labels = list(view.bar_labels)
    colors = [ACCENT if c else GREY for c in view.bar_complete]
    fig = go.Figure()
    fig.add_bar(x=labels, y=[v / 1e6 if v is not None else None for v in net["net_dkk"].to_list()],
                name=view.series_name, marker_color=colors,
                text=list(view.bar_texts),
                textposition="outside", cliponaxis=False,
                hovertemplate="%{x}: %{y:,.1f} " + t("unit.mio") + "<extra></extra>")
    if view.has_budget:
        fig.add_scatter(x=labels, y=[v / 1e6 if v is not None else None for v in net["budget_dkk"].to_list()],
                        name=t("overview.budget"), mode="markers", marker=dict(symbol="line-ew-open", size=44, color="#222",
                        line=dict(width=4, color="#222")),
                        hovertemplate=t("overview.hover_budget") + " %{x}: %{y:,.1f} " + t("unit.mio") + "<extra></extra>")
    fig.update_layout(title=view.chart_title, height=430, yaxis_title=t("unit.mio"),
                      yaxis_tickformat=",.0f", yaxis_range=[0, view.y_top * 1.15], showlegend=True)
    return fig


charts.plot(charts.shared_figure("overview_chart", view_key, _net_figure), key="overview_chart")
st.caption(widgets.source_caption(filters, view.source, view.notes))

widgets.table(view.table)
widgets.download_buttons(
    net, list(view.export_columns),
    widgets.export_meta(filters, export_title(view.chart_title), view.source, price_label=view.price_label),
    view.file_stem, key="overview_net",
)

# year by year: full-year persons, citizens and unit price (index), the figures and the ledger in a table
if view.volume is not None:
    st.subheader(t("overview.vol_heading"))
    if view.volume_sentence:
        st.markdown(view.volume_sentence)

    def _volume_figure() -> go.Figure:
        vfig = go.Figure()
        chart = view.volume_chart
        for colour, (series,) in zip((ACCENT, "#e39b2d", "#8e6bbf"), chart.select("series").unique(maintain_order=True).iter_rows()):
            part = chart.filter(pl.col("series") == series)
            vfig.add_scatter(x=part["year"].to_list(), y=part["index"].to_list(), name=series, mode="lines+markers",
                             line=dict(color=colour, width=3), marker=dict(size=8),
                             hovertemplate=series + " %{x}: %{y:,.1f}<extra></extra>")
        vfig.update_layout(title=view.volume_title, height=400, yaxis_title=t("overview.vol_index_axis"),
                           yaxis_tickformat=",.0f", xaxis=dict(type="category"))
        return vfig

    charts.plot(charts.shared_figure("overview_volume_chart", view_key, _volume_figure), key="overview_volume_chart")
    widgets.table(view.volume_table)
    st.caption(t("overview.vol_note"))
    if view.volume_suppressed:
        st.caption(view.volume_suppressed)
    widgets.download_buttons(
        view.volume, list(view.volume_columns),
        widgets.export_meta(filters, view.volume_title, t("overview.vol_source"), price_label=view.price_label),
        view.volume_file_stem, key="overview_volume",
    )

    # the same per segment: where "fewer citizens, higher prices" holds and where it does not
    splits = ("ingen", *overview_splits())
    notices: list[str] = []
    OVERVIEW.seed("aarsopdeling", list(splits), "ingen", notices)
    for notice in notices:
        st.info(notice)
    st.columns([1, 2])[0].selectbox(t("overview.seg_split"), splits, key="overview_opdeling",
                 format_func=state.option_labels("overview_opdeling", splits, split_label))
    split = st.session_state["overview_opdeling"]
    if split == "ingen":
        OVERVIEW.keep({}, drop=["aarsopdeling"])
    else:
        OVERVIEW.keep({"aarsopdeling": split})
    if split != "ingen":
        rows = load_overview_segments(query, filters.params, split)
        citizens = (load_overview_segment_citizens(query, filters.params, split)
                    if current().suppress_small else None)
        seg = shared_view(segment_volume_view, (repr(filters), split), rows, split, filters, citizens=citizens)
        if seg.warning:
            st.warning(seg.warning)
        if seg.status == "no_data":
            st.info(t("status.no_data"))
        elif seg.status == "too_few_years":
            st.info(t("overview.seg_too_few_years"))
        else:
            st.markdown(f"**{seg.heading}**")
            if seg.sentence:
                st.markdown(seg.sentence)
            c1, c2 = st.columns(2)

            def _segment_figure(value: str, title: str) -> go.Figure:
                ranks = seg.lines["rank"].drop_nulls().unique().to_list()
                sfig = go.Figure()
                for (label,), part in seg.lines.group_by("label", maintain_order=True):
                    colour = charts.ordinal_colour(part["rank"][0], len(ranks)) if seg.ordered else None
                    sfig.add_scatter(x=part["year"].to_list(), y=part[value].to_list(), name=label,
                                     mode="lines+markers", line=dict(color=colour, width=3),
                                     hovertemplate=label + " %{x}: %{y:,.1f}<extra></extra>")
                sfig.update_layout(title=title, height=420, yaxis_tickformat=",.0f", xaxis=dict(type="category"),
                                   legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0), margin=dict(t=110))
                return sfig

            for col, value, title, key in ((c1, "full_year_persons", seg.persons_title, "overview_seg_persons"),
                                           (c2, "unit_price_tkr", seg.price_title, "overview_seg_price")):
                with col:
                    charts.plot(charts.shared_figure(key, (*view_key, split),
                                                     lambda value=value, title=title: _segment_figure(value, title)), key=key)
            widgets.table(seg.table)
            st.caption(t("overview.seg_note"))
            if seg.suppressed_note:
                st.caption(seg.suppressed_note)
            widgets.download_buttons(
                seg.export, list(seg.export_columns),
                widgets.export_meta(filters, seg.export_title, t("overview.vol_source")),
                seg.file_stem, key="overview_segments",
            )

left, right = st.columns(2)
with left:
    st.subheader(t("overview.loaded_data"))
    widgets.table(view.history)
with right:
    st.subheader(t("data.quality"))
    if view.findings_table is None:
        st.success(t("quality.none"))
    else:
        widgets.table(view.findings_table)

st.subheader(t("overview.coverage_title"))
if view.coverage_table is None:
    st.info(t("status.not_loaded"))
else:
    widgets.table(view.coverage_table)
    st.caption(t("overview.coverage_note"))
    if view.coverage_suppressed:
        st.caption(view.coverage_suppressed)

exports.panel("overview", filters, view.headline, view.source, basis=view.series_name, remarks=(view.notes,) if view.notes else ())
