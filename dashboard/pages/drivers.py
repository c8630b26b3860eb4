"""Udgiftsdrivere: where the growth comes from below the decomposition: providers, prices against need,
costly citizens (in aggregate) and citizens in and out. The page keeps its choices and lays out one view
(present.drivers.drivers_view)."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import auth, charts, exports, state, widgets
from dashboard.charts import ACCENT, COST_DOWN, COST_UP, GREY
from dashboard.auth import current
from dashboard.loaders import load_data_date, load_drivers
from dashboard.query import query
from dashboard.registry import page as registry_page
from dashboard.state import CASES, DRIVERS
from dashboard.shared import shared_view
from i18n import t
from present.drivers import SECTIONS, TOP_PROVIDERS, DriversChoices, default_years, drivers_view, whole_years
from present.exports import ExportMeta
from present.formatting import fmt_date

filters = widgets.page_header("page.drivers")
mio = t("unit.mio")
notices: list[str] = []

data_date = load_data_date(query)
years = whole_years(filters.first_year, filters.last_year, data_date)
defaults = default_years(years, filters.from_year, filters.to_year)
if data_date is None or defaults is None:
    st.info(t("drivers.no_activity") if data_date is None
            else t("drivers.no_whole_years", date=fmt_date(data_date)))
    st.stop()

DRIVERS.seed("basis", years, defaults[0], notices)
DRIVERS.seed("sammenlign", years, defaults[1], notices)
DRIVERS.seed("visning", list(SECTIONS), SECTIONS[0], notices)

c1, c2, c3 = st.columns([1, 1, 4], vertical_alignment="bottom")
c1.selectbox(t("drivers.base_year"), years, key="drivers_basis")
c2.selectbox(t("drivers.comparison_year"), years, key="drivers_sammenlign")
c3.segmented_control(t("drivers.section_label"), list(SECTIONS), key="drivers_visning", required=True,
                     format_func=state.option_labels("drivers_visning", SECTIONS, lambda s: t(f"drivers.section.{s}")))
for n in notices:
    st.info(n)
st.caption(t("drivers.whole_years_note", date=fmt_date(data_date)))

base_year, cur_year = st.session_state["drivers_basis"], st.session_state["drivers_sammenlign"]
section = st.session_state["drivers_visning"] or SECTIONS[0]
kept = {"basis": base_year, "sammenlign": cur_year, "visning": section}

suppress_small = current().suppress_small
data = load_drivers(query, filters.params, base_year, cur_year, section, citizens=suppress_small)
# the section's own choices are seeded from the view's options, which depend on the data
probe_choices = DriversChoices(base_year, cur_year, section, suppress_small=suppress_small)
probe = shared_view(drivers_view, (repr(filters), repr(probe_choices)), data, filters, probe_choices)
if probe.status != "ok":
    DRIVERS.keep(kept)
    st.info(probe.message)
    st.stop()
choice_param = {"leverandoerer": "leverandoer", "pris": "tilbud"}.get(section)
view = probe
if choice_param:
    option_key = {"leverandoer": "provider", "tilbud": "offer_type"}[choice_param]
    options = list(probe.options[option_key])
    DRIVERS.seed(choice_param, options, probe.chosen[option_key], reset_invalid=True)
search = ""
if section == "leverandoerer":
    search = st.session_state.get("drivers_search", "")
chosen = st.session_state.get(f"drivers_{choice_param}") if choice_param else None
if chosen != (probe.chosen.get(option_key) if choice_param else None) or search:
    choices = DriversChoices(base_year, cur_year, section, offer_type=chosen if section == "pris" else None,
                             provider=chosen if section == "leverandoerer" else None, search=search,
                             suppress_small=suppress_small)
    view = shared_view(drivers_view, (repr(filters), repr(choices)), data, filters, choices)
if choice_param:
    kept[choice_param] = st.session_state[f"drivers_{choice_param}"]
DRIVERS.keep(kept, drop=[p for p in ("leverandoer", "tilbud") if p != choice_param])

if view.warning:
    st.warning(view.warning)
widgets.kpi_cards(view.kpis, delta_color="off", border=True)
st.markdown(f"**{view.headline}**")
st.caption(view.method_note)
if view.suppressed_note:
    st.caption(view.suppressed_note)


def _downloads() -> None:
    for i, export in enumerate(view.exports):
        meta: ExportMeta = widgets.export_meta(filters, export.title, view.source, price_label=view.price_label)
        st.caption(export.title)
        widgets.download_buttons(export.df, list(export.columns), meta, export.file_stem, key=f"drivers_{section}_{i}")


caption = widgets.source_caption(filters, view.source)


def _to_cases(provider: str) -> None:
    """A button to the citizen-level lists (Dyre sager) of the comparison year, limited to ``provider``; only
    for a role with citizen-level access (issue 22)."""
    if not auth.allowed(registry_page("cases").needs):
        return
    label = t("cases.link") + (" " + t("cases.at_provider", provider=provider) if provider else "")
    if st.button(label, key=f"drivers_to_cases_{section}", icon=":material/arrow_forward:"):
        CASES.request("aar", cur_year)
        CASES.request("leverandoer", provider)
        st.switch_page(registry_page("cases").file)

if section == "leverandoerer":
    types = view.charts["types"]
    fig = go.Figure()
    for label in types["type_label"].unique().sort().to_list():
        part = types.filter(pl.col("type_label") == label).sort("year")
        fig.add_bar(x=part["year"].to_list(), y=part["cost_mio"].to_list(), name=label,
                    hovertemplate=label + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
    fig.update_layout(barmode="stack", title=view.chart_titles["types"], height=420, yaxis_title=mio,
                      yaxis_tickformat=",.0f", xaxis=dict(type="category"), legend_title_text="")
    charts.plot(fig, key="drivers_types")
    st.caption(caption)

    st.subheader(t("drivers.providers_title"))
    st.text_input(t("drivers.search"), key="drivers_search")
    st.dataframe(view.tables["providers"], hide_index=True, width="stretch",
                 height=min(38 + 35 * view.tables["providers"].height, 700))
    if not search:
        st.caption(t("drivers.top_note", n=TOP_PROVIDERS))

    st.selectbox(t("drivers.provider_pick"), list(view.options["provider"]), key="drivers_leverandoer")
    tariff = view.charts["tariff"]
    tfig = go.Figure()
    for offer in tariff["offer_type"].unique().sort().to_list():
        part = tariff.filter(pl.col("offer_type") == offer).sort("year")
        tfig.add_scatter(x=part["year"].to_list(), y=part["dkk_per_day"].to_list(), name=offer, mode="lines+markers",
                         hovertemplate=offer + " %{x}: %{y:,.0f} " + t("unit.kr") + "<extra></extra>")
    tfig.update_layout(title=view.chart_titles["tariff"], height=380, yaxis_title=t("drivers.col_daily_price"),
                       yaxis_tickformat=",.0f", xaxis=dict(type="category"), legend_title_text="")
    charts.plot(tfig, key="drivers_tariff")
    _to_cases(view.chosen["provider"])

elif section == "pris":
    st.selectbox(t("drivers.offer_pick"), list(view.options["offer_type"]), key="drivers_tilbud")
    dist = view.charts["distribution"]
    fig = go.Figure(go.Box(
        x=dist["level_label"].to_list(), q1=dist["p25_dkk_per_day"].to_list(),
        median=dist["median_dkk_per_day"].to_list(), q3=dist["p75_dkk_per_day"].to_list(),
        lowerfence=dist["p10_dkk_per_day"].to_list(), upperfence=dist["p90_dkk_per_day"].to_list(),
        marker_color=ACCENT, fillcolor="rgba(31,95,168,0.25)", name="",
    ))
    fig.update_layout(title=view.chart_titles["distribution"], height=420, yaxis_title=t("drivers.col_daily_price"),
                      yaxis_tickformat=",.0f", showlegend=False)
    charts.plot(fig, key="drivers_distribution")
    st.caption(t("drivers.distribution_note") + " · " + caption)
    st.subheader(t("drivers.rooms_title"))
    st.dataframe(view.tables["rooms"], hide_index=True, width="stretch",
                 height=min(38 + 35 * view.tables["rooms"].height, 600))
    _to_cases("")

elif section == "koncentration":
    th = view.charts["thresholds"]
    fig = go.Figure()
    for label, color in zip(th["label"].unique(maintain_order=True).to_list(), (ACCENT, COST_UP, "#6c3483")):
        part = th.filter(pl.col("label") == label).sort("year")
        fig.add_bar(x=part["year"].to_list(), y=part["citizens"].to_list(), name=label, marker_color=color,
                    hovertemplate=label + " %{x}: %{y} " + t("drivers.col_citizens").lower() + "<extra></extra>")
    fig.update_layout(barmode="group", title=view.chart_titles["thresholds"], height=400,
                      yaxis_title=t("drivers.col_citizens"), xaxis=dict(type="category"), legend_title_text="")
    charts.plot(fig, key="drivers_thresholds")
    if "lorenz" in view.charts:       # not for a user whose small counts are hidden (it has a point per citizen)
        lorenz = view.charts["lorenz"]
        lfig = go.Figure()
        lfig.add_scatter(x=[0, 1], y=[0, 1], mode="lines", name=t("drivers.equal_line"),
                         line=dict(color=GREY, dash="dot"), hoverinfo="skip")
        for year, color in ((base_year, GREY), (cur_year, ACCENT)):
            part = lorenz.filter(pl.col("year") == year)
            lfig.add_scatter(x=part["citizen_share"].to_list(), y=part["cost_share"].to_list(), mode="lines",
                             name=str(year), line=dict(color=color, width=3 if year == cur_year else 2),
                             hovertemplate=str(year) + ": %{x:.0%} → %{y:.0%}<extra></extra>")
        lfig.update_layout(title=view.chart_titles["lorenz"], height=460, xaxis_title=t("drivers.lorenz_x"),
                           yaxis_title=t("drivers.lorenz_y"), xaxis_tickformat=".0%", yaxis_tickformat=".0%")
        charts.plot(lfig, key="drivers_lorenz")
    st.caption(caption)
    st.dataframe(view.tables["concentration"], hide_index=True, width="stretch")

elif section == "overgang":
    moved = view.charts["transitions"]
    # a year hidden for a user without citizen-level access (issue 22) has no bar, its label says '<5'
    fig = go.Figure(go.Bar(x=moved["year_18"].to_list(), y=[v or 0 for v in moved["citizens"].to_list()],
                           marker_color=ACCENT, text=moved["label"].to_list(), textposition="outside", cliponaxis=False,
                           hovertemplate="%{x}: %{text} " + t("drivers.col_citizens").lower() + "<extra></extra>"))
    fig.update_layout(title=view.chart_titles["transitions"], height=400, yaxis_title=t("drivers.col_citizens"),
                      xaxis=dict(type="category", title=t("drivers.col_year_18")), showlegend=False)
    charts.plot(fig, key="drivers_transitions")
    st.caption(caption)
    st.dataframe(view.tables["transitions"], hide_index=True, width="stretch")

else:
    steps = view.charts["waterfall"]
    fig = go.Figure(go.Waterfall(
        x=steps["label"].to_list(), y=[v / 1e6 for v in steps["value_dkk"].to_list()], measure=steps["measure"].to_list(),
        increasing=dict(marker=dict(color=COST_UP)), decreasing=dict(marker=dict(color=COST_DOWN)),
        totals=dict(marker=dict(color=ACCENT)), connector=dict(line=dict(color=GREY, width=1, dash="dot")),
        texttemplate="%{y:,.1f}", textposition="outside", cliponaxis=False,
        hovertemplate="%{x}: %{y:,.1f} " + mio + "<extra></extra>",
    ))
    fig.update_layout(title=view.chart_titles["waterfall"], height=460, yaxis_title=mio, yaxis_tickformat=",.0f",
                      showlegend=False, margin=dict(t=90))
    charts.plot(fig, key="drivers_waterfall")
    st.caption(caption)
    measures = view.charts["measures"]
    mfig = go.Figure()
    mfig.add_bar(x=measures["year"].to_list(), y=measures["started_measures"].to_list(), name=t("drivers.col_started"),
                 marker_color=COST_UP)
    mfig.add_bar(x=measures["year"].to_list(), y=measures["ended_measures"].to_list(), name=t("drivers.col_ended"),
                 marker_color=COST_DOWN)
    mfig.update_layout(barmode="group", title=view.chart_titles["measures"], height=380,
                       yaxis_title=t("drivers.col_measures"), xaxis=dict(type="category"), legend_title_text="")
    charts.plot(mfig, key="drivers_measures")
    st.subheader(t("drivers.levels_title", y0=base_year, y1=cur_year))
    st.dataframe(view.tables["levels"], hide_index=True, width="stretch")
    st.subheader(view.exports[3].title)
    offer_types = view.tables["offer_types"]
    st.dataframe(offer_types, hide_index=True, width="stretch", height=min(38 + 35 * max(offer_types.height, 1), 460))

_downloads()
exports.panel("drivers", filters, view.headline, view.source)
