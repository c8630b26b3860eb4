"""Genopretning: the savings plan's committee table (targets, initiatives' effects, net outstanding and the
carried-over shortfall per year), a summary sentence, target vs expected vs realised per year, each
initiative's effect over the years, and the initiatives that work on the same area. Page state (overskud:
carry over-delivery) lives in the URL; the page lays out one view (present.savings.savings_view)."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from i18n import t
from present.savings import checks_view, savings_view, segment_dimensions
from dashboard import exports, widgets
from dashboard.query import query
from dashboard.charts import ACCENT, GREY, plot
from dashboard.loaders import load_savings, load_savings_segments
from dashboard.state import SAVINGS
from dashboard.shared import shared_view

filters = widgets.page_header("page.savings")
notices: list[str] = []
SAVINGS.seed("overskud", [False, True], False, notices)
for notice in notices:
    st.info(notice)
st.toggle(t("savings.carry_surplus"), key="savings_overskud", help=t("savings.carry_surplus_help"))
carry_surplus = bool(st.session_state["savings_overskud"])
SAVINGS.keep({"overskud": carry_surplus})

data = load_savings(query)
view = shared_view(savings_view, (repr(filters), carry_surplus), data, filters, carry_surplus=carry_surplus)
if view.warning:
    st.warning(view.warning)
if view.status != "ok":
    st.info(t("savings.no_plan"))
    st.stop()

st.markdown(f"**{view.summary}**")
for flag in view.flags:
    st.warning(flag)

st.subheader(view.table_title)
st.dataframe(view.table, hide_index=True, width="stretch")
st.caption(t("savings.table_note"))
widgets.download_buttons(view.export, list(view.export_columns),
                         widgets.export_meta(filters, view.table_title, t("savings.source"), price_label=view.price_label),
                         view.file_stem, key="savings_table")


def _mio(values: list[float | None]) -> list[float | None]:
    return [v / 1e6 if v is not None else None for v in values]


years = view.years
labels = [str(y) for y in years["year"].to_list()]
fig = go.Figure()
fig.add_bar(x=labels, y=_mio(years["target_dkk"].to_list()), name=t("savings.series_target"), marker_color=GREY)
fig.add_bar(x=labels, y=_mio(years["expected_dkk"].to_list()), name=t("savings.series_expected"),
            marker_color="#e39b2d")
fig.add_bar(x=labels, y=_mio(years["realised_dkk"].to_list()), name=t("savings.series_realised"), marker_color=ACCENT)
fig.update_layout(title=view.chart_years_title, barmode="group", height=420, yaxis_title=t("unit.mio"),
                  yaxis_tickformat=",.1f")
plot(fig, key="savings_years_chart")

fig = go.Figure()
for name in view.initiatives["initiative"].unique(maintain_order=True).to_list():
    rows = view.initiatives.filter(view.initiatives["initiative"] == name).sort("year")
    fig.add_scatter(x=[str(y) for y in rows["year"].to_list()], y=_mio(rows["amount_dkk"].to_list()), name=name,
                    mode="lines+markers")
# many initiatives: the legend goes below the chart, where it cannot cover the title
fig.update_layout(title=view.chart_initiatives_title, height=480, yaxis_title=t("unit.mio"), yaxis_tickformat=",.1f",
                  xaxis_type="category", legend=dict(orientation="h", yanchor="top", y=-0.12, x=0))
plot(fig, key="savings_initiatives_chart")
st.caption(widgets.source_caption(filters, t("savings.source")))

# the initiatives that name their segment, beside what happened to that segment's cost
dimensions = segment_dimensions(data.effects)
if dimensions:
    plan_years = data.effects["year"]
    rows = load_savings_segments(query, filters.params, dimensions, int(plan_years.min()) - 1, int(plan_years.max()))
    checks = shared_view(checks_view, (repr(filters),), data.effects, rows, filters)
    st.subheader(t("savings.check_heading"))
    st.caption(t("savings.check_intro"))
    for sentence in checks.sentences:
        st.markdown(sentence)
    if checks.table is not None:
        st.dataframe(checks.table, hide_index=True, width="stretch")
        widgets.download_buttons(checks.export, list(checks.export_columns),
                                 widgets.export_meta(filters, checks.title, t("savings.source_check")),
                                 f"genopretning_tjek_{filters.area_code}", key="savings_checks")

exports.panel("savings", filters, view.summary, t("savings.source"))
