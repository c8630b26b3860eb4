"""Genopretning: the savings plan's committee table (targets, initiatives' effects, net outstanding and the
carried-over shortfall per year), a summary sentence, target vs expected vs realised per year, each
initiative's effect over the years, and the initiatives that work on the same area. Page state (overskud:
carry over-delivery) lives in the URL; the page lays out one view (present.savings.savings_view)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

import queries
from ingest.worker import run_import

from i18n import t
from present.savings import (TYPE_WORDS, checks_view, edit_file, history_table, plan_rows, savings_view,
                             segment_dimensions)
from dashboard import audit, auth, exports, widgets
from dashboard.query import query
from dashboard.charts import ACCENT, GREY, plot
from dashboard.loaders import load_savings, load_savings_segment_citizens, load_savings_segments
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
widgets.table(view.table)
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
    span = (int(plan_years.min()) - 1, int(plan_years.max()))
    rows = load_savings_segments(query, filters.params, dimensions, *span)
    citizens = (load_savings_segment_citizens(query, filters.params, dimensions, *span)
                if auth.current().suppress_small else None)
    checks = shared_view(checks_view, (repr(filters),), data.effects, rows, filters, citizens)
    st.subheader(t("savings.check_heading"))
    st.caption(t("savings.check_intro"))
    for sentence in checks.sentences:
        st.markdown(sentence)
    if checks.table is not None:
        widgets.table(checks.table)
        widgets.download_buttons(checks.export, list(checks.export_columns),
                                 widgets.export_meta(filters, checks.title, t("savings.source_check")),
                                 f"genopretning_tjek_{filters.area_code}", key="savings_checks")

# ---- editing the plan, and its history ----------------------------------------------------------------
EDIT_ADDED = "_savings_added"      # session state: figures added on the page, not saved yet
EDIT_RESULT = "_savings_edit"      # session state: (file text, outcome status, lines) of the last check or save


def _run(text: str, dry_run: bool):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rettelse.csv"
        path.write_text(text, encoding="utf-8")
        return run_import("savings", path, queries.database_path(), replace=True, dry_run=dry_run,
                          display_name=t("savings.edit_file", user=auth.current().user))


if not auth.current().can_edit:
    st.caption(t("savings.edit_no_right"))
else:
    with st.expander(t("savings.edit_heading"), icon=":material/edit:"):
        st.caption(t("savings.edit_intro"))
        plan = plan_rows(data)
        types = list(TYPE_WORDS.values())
        st.data_editor(plan.to_pandas(), key="savings_editor", hide_index=True, width="stretch", placeholder="–",
                       disabled=["aar", "initiativ_id", "type"], column_config={
                           "aar": st.column_config.NumberColumn(t("savings.col_year"), format="%d"),
                           "initiativ_id": st.column_config.TextColumn(t("savings.col_initiative_id")),
                           "initiativ": st.column_config.TextColumn(t("savings.col_initiative")),
                           "omraade": st.column_config.TextColumn(t("savings.col_area")),
                           "segment": st.column_config.TextColumn(t("savings.check_col_segment")),
                           "type": st.column_config.TextColumn(t("savings.col_type")),
                           "beloeb": st.column_config.NumberColumn(t("savings.col_amount_edit"), min_value=0.0,
                                                                   format="localized")})
        added: list[dict] = st.session_state.setdefault(EDIT_ADDED, [])
        with st.form("savings_add", clear_on_submit=True, border=True):
            st.markdown(f"**{t('savings.edit_add')}**")
            c1, c2, c3, c4 = st.columns([1, 1, 2, 1])
            year = c1.number_input(t("savings.col_year"), min_value=1990, max_value=2100,
                                   value=int(plan["aar"].max()) if plan.height else 2026, step=1,
                                   key="savings_add_year")
            kind = c2.selectbox(t("savings.col_type"), types, key="savings_add_type")
            name = c3.text_input(t("savings.col_initiative"), key="savings_add_name")
            iid = c4.text_input(t("savings.col_initiative_id"), key="savings_add_id")
            c5, c6, c7 = st.columns([2, 2, 1])
            area = c5.text_input(t("savings.col_area"), key="savings_add_area")
            segment = c6.text_input(t("savings.check_col_segment"), key="savings_add_segment")
            amount = c7.number_input(t("savings.col_amount_edit"), min_value=0.0, value=None, step=1000.0,
                                     key="savings_add_amount")
            if st.form_submit_button(t("savings.edit_add_button")):
                added.append({"aar": int(year), "initiativ_id": iid.strip(), "initiativ": name.strip(),
                              "omraade": area.strip(), "segment": segment.strip(), "type": kind, "beloeb": amount})
        if added:
            st.caption(t("savings.edit_pending", n=len(added)))
        edited = (st.session_state.get("savings_editor") or {}).get("edited_rows", {})
        text = edit_file(plan, edited, added)
        b1, b2, b3, _ = st.columns([1, 1, 1, 2])
        if b1.button(t("savings.edit_check"), key="savings_edit_check"):
            if text is None:
                st.session_state[EDIT_RESULT] = (None, "nothing", [])
            else:
                outcome = _run(text, dry_run=True)
                st.session_state[EDIT_RESULT] = (text, outcome.status, outcome.lines)
        result = st.session_state.get(EDIT_RESULT)
        can_save = bool(result and result[0] is not None and result[0] == text and result[1] == "ok")
        # offered once the very changes on screen have been checked without a problem
        if can_save and b2.button(t("savings.edit_save"), key="savings_edit_save", type="primary"):
            outcome = _run(text, dry_run=False)
            audit.record("edit", f"savings_plan save changed={len(edited)} added={len(added)} status={outcome.status}")
            st.session_state[EDIT_RESULT] = (None, "saved" if outcome.status == "ok" else outcome.status,
                                             outcome.lines)
            if outcome.status == "ok":
                st.session_state.pop(EDIT_ADDED, None)
                st.session_state.pop("savings_editor", None)
                st.rerun()
        if b3.button(t("savings.edit_discard"), key="savings_edit_discard"):
            for key in (EDIT_ADDED, EDIT_RESULT, "savings_editor"):
                st.session_state.pop(key, None)
            st.rerun()
        result = st.session_state.get(EDIT_RESULT)
        if result:
            _, status, lines = result
            if status == "nothing":
                st.info(t("savings.edit_nothing"))
            elif status == "ok":
                st.info(t("savings.edit_preview"))
                st.code("\n".join(lines), language=None)
            elif status == "saved":
                st.success(t("savings.edit_saved"))
                st.code("\n".join(lines), language=None)
            else:
                st.error(t("savings.edit_rejected"))
                st.code("\n".join(lines), language=None)

history = history_table(data.history) if data.history is not None else None
if history is not None:
    st.subheader(t("savings.history_heading"))
    widgets.table(history)

exports.panel("savings", filters, view.summary, t("savings.source"))
