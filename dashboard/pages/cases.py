"""Dyre sager: the citizen-level review lists behind Udgiftsdrivere (costliest citizens, costliest cases,
measures furthest above the median price). Pseudonyms only; its own page so access can be restricted by
role: only a role with citizen-level access sees it, and every opening is logged with its filter (issue 22).
The page keeps its choices and lays out one view (present.cases.cases_view)."""
from __future__ import annotations

import streamlit as st

from dashboard import audit, auth, widgets
from dashboard.loaders import load_cases, load_data_date
from dashboard.query import query
from dashboard.state import CASES
from dashboard.shared import shared_view
from i18n import t
from present.cases import LIST_LENGTH, cases_view
from present.drivers import whole_years
from present.formatting import fmt_date

auth.require("citizen_level", "page.cases")      # the navigation hides the page too (issue 22)
filters = widgets.page_header("page.cases")
notices: list[str] = []

data_date = load_data_date(query)
years = whole_years(filters.first_year, filters.last_year, data_date)
if data_date is None or not years:
    st.info(t("drivers.no_activity") if data_date is None else t("drivers.no_whole_years", date=fmt_date(data_date)))
    st.stop()
default_year = max([y for y in years if y <= filters.to_year] or years)
CASES.seed("aar", years, default_year, notices)

st.warning(t("cases.personal_data"))
c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
c1.selectbox(t("cases.year"), years, key="cases_aar")
year = st.session_state["cases_aar"]
data = load_cases(query, filters.params, year)
probe = shared_view(cases_view, (repr(filters), year, ""), data, filters, year)
if probe.status != "ok":
    CASES.keep({"aar": year})
    audit.citizen_view("cases")
    st.info(probe.message)
    st.stop()
options = [""] + list(probe.providers)
CASES.seed("leverandoer", options, "", notices, reset_invalid=True)
c2.selectbox(t("cases.provider_pick"), options, key="cases_leverandoer",
             format_func=lambda p: p or t("cases.all_providers"))
provider = st.session_state["cases_leverandoer"]
CASES.keep({"aar": year, "leverandoer": provider}, drop=[] if provider else ["leverandoer"])
audit.citizen_view("cases")     # every opening of the lists, with their filter (issue 22)
for n in notices:
    st.info(n)
view = shared_view(cases_view, (repr(filters), year, provider), data, filters, year, provider) if provider else probe
st.caption(t("drivers.whole_years_note", date=fmt_date(data_date)))
if view.warning:
    st.warning(view.warning)

for col, kpi in zip(st.columns(len(view.kpis)), view.kpis):
    col.metric(kpi.label, kpi.value, help=kpi.help, border=True)
st.markdown(f"**{view.headline}**")

for table, export, key in ((view.citizens, view.exports[0], "citizens"), (view.cases, view.exports[1], "cases"),
                           (view.measures, view.exports[2], "measures")):
    st.subheader(export.title)
    widgets.table(table, height=min(38 + 35 * max(table.height, 1), 560))
    st.caption(t("cases.list_note", n=LIST_LENGTH) + " · " + widgets.source_caption(filters, view.source))
    widgets.download_buttons(export.df, list(export.columns),
                             widgets.export_meta(filters, export.title, view.source, price_label=view.price_label),
                             export.file_stem, key=f"cases_{key}")
