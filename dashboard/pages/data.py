"""Data: import history and upload of a new export through the same importer and validation.

The import runs in a separate, memory-bounded process (ingest.worker), so no file can take the app down;
its progress is shown as it goes. The uploaded file is written under a fixed name in a temporary folder:
the browser's file name is display text only. A file covering periods already loaded is not added
without asking: the page offers to replace the overlapping data or to add the file beside it."""
from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

import queries
from present.data import change_imports, changes_export_columns, changes_sentence, changes_table, history_table
from present.exports import ExportMeta
from present.formatting import fmt_date, fmt_number, md_literal
from i18n import t
from dashboard import state, widgets
from dashboard.query import db_version, query
from dashboard.sidebar import Filters
from ingest.limits import current as current_limits
from ingest.mappings import KINDS, available, load_mapping
from ingest.report import phase_text
from ingest.values.cpr import mask_cpr
from ingest.worker import Outcome, run_import, stage_upload

CONFLICT = "upload_conflict"       # session state: the last upload's conflict, while the page asks what to do
PREVIEW = "upload_preview"         # session state: the last upload's preview, while the page asks to confirm
RESULT = "upload_result"           # session state: the last successful import's summary, shown once

st.title(t("page.data"))
filters: Filters | None = st.session_state.get("_filters")
widgets.synthetic_notice(filters)

st.subheader(t("data.import_history"))
if db_version() is not None:
    history = query("data_import_history")
    st.dataframe(history_table(history, widgets.import_kind_labels(history["kind"])), hide_index=True, width="stretch")
    st.caption(t("data.database", path=md_literal(queries.database_path()),
                 version=md_literal(Path(db_version()).name)))
    changes = query("data_import_changes")
    if not changes.is_empty():
        st.subheader(t("data.changes_title"))
        files = {i: (f, when) for i, f, when in history.select("import_id", "file_name", "finished_at").iter_rows()}
        ids = change_imports(changes)
        chosen = st.selectbox(t("data.changes_pick"), ids, key="data_changes_import", format_func=lambda i: t(
            "data.changes_option", import_id=i, file=mask_cpr(files.get(i, ("?", None))[0]),
            when=fmt_date(files[i][1]) if files.get(i, (None, None))[1] else "–"))
        file_name = files.get(chosen, ("?", None))[0]
        st.markdown(md_literal(changes_sentence(changes, chosen, file_name)))
        st.dataframe(changes_table(changes, chosen, {k: t("kind." + k) for k in set(changes["amount_kind"])}),
                     hide_index=True, width="stretch")
        st.caption(t("data.changes_caption"))
        title = t("data.changes_export_title", import_id=chosen, file=mask_cpr(file_name))
        widgets.download_buttons(
            changes.filter(pl.col("import_id") == chosen), changes_export_columns(),
            ExportMeta(title, {t("common.source"): t("data.import_history"),
                               t("common.database_version"): Path(db_version()).name.removesuffix(".duckdb")}),
            f"import_{chosen}_aendringer", key="data_changes")

st.subheader(t("data.upload"))
st.caption(t("data.upload_note"))
kind = st.selectbox(t("data.kind"), KINDS, key="upload_kind", format_func=state.option_labels(
    "upload_kind", KINDS, widgets.import_kind_label))
# "" = recognise the mapping from the file (ingest.recognise)
mapping = st.selectbox(t("data.mapping"), ["", *available(kind)], key="upload_mapping",
                       format_func=lambda n: f"{n} – {load_mapping(kind, n).description}" if n
                       else t("data.mapping_recognise"))
kommune_default = filters.kommune if filters else 0
kommune = st.number_input(t("data.kommune"), min_value=0, max_value=999,
                          value=kommune_default, step=1, key="upload_kommune")
replace = st.checkbox(t("data.replace"), key="upload_replace")
uploaded = st.file_uploader(t("data.file"), type=["csv", "txt", "xlsx"], key="upload_file")
upload_id = (uploaded.file_id, kind, mapping, int(kommune)) if uploaded is not None else None
# the browser's file name: data, shown as text with any CPR number masked
shown_name = md_literal(mask_cpr(uploaded.name)) if uploaded is not None else ""


def show_problems(lines: list[str]) -> None:
    # every line quotes the file (values, column names): text, never Markdown
    st.error("\n".join(f"- {md_literal(line)}" for line in lines))


def run(replace: bool, add_overlapping: bool, dry_run: bool = False) -> Outcome:
    """Import the uploaded file in the bounded worker (dry_run: preview it, nothing is kept), showing its
    progress; show the outcome."""
    label = "data.previewing" if dry_run else "data.loading"
    with st.status(t(label, name=shown_name), expanded=True) as status:
        line = st.empty()
        bar = st.empty()

        def on_progress(phase: str, done: int | None, total: int | None) -> None:
            line.write(phase_text(phase, done, total))
            if done is not None and total:
                bar.progress(min(done / total, 1.0))
            else:
                bar.empty()          # a phase without a known end has no bar

        with tempfile.TemporaryDirectory() as tmp:
            path = stage_upload(uploaded.getvalue(), uploaded.name, Path(tmp))
            outcome = run_import(kind, path, queries.database_path(), display_name=uploaded.name,
                                 mapping_name=mapping or None, replace=replace, add_overlapping=add_overlapping,
                                 kommunekode=int(kommune) or None, on_progress=on_progress, dry_run=dry_run)
        line.empty()
        bar.empty()
        if outcome.status == "ok":
            status.update(label=t("data.previewed_ok" if dry_run else "data.loaded_ok", name=shown_name),
                          state="complete")
        elif outcome.status == "conflict":
            status.update(label=t("data.conflict_label", name=shown_name), state="error")
        else:
            status.update(label=t("data.rejected", name=shown_name), state="error")
            if outcome.status == "memory":
                st.error(t("data.memory", limit=fmt_number(current_limits().worker_memory_limit_mb)))
            elif outcome.status == "died":
                st.error(t("data.died", signal=outcome.signal or "-"))
            elif outcome.status == "fault":
                st.error(t("data.fault", code=outcome.exit_code))
            show_problems(outcome.lines)
    return outcome


if st.session_state.get(RESULT) is not None:
    name, summary = st.session_state.pop(RESULT)
    st.success(t("data.loaded_ok", name=name))        # name: shown_name of the upload
    st.code(summary, language=None)

pending = st.session_state.get(CONFLICT)
if pending is not None and pending["id"] != upload_id:
    st.session_state.pop(CONFLICT)
    pending = None
preview = st.session_state.get(PREVIEW)
if preview is not None and preview["id"] != upload_id:
    st.session_state.pop(PREVIEW)
    preview = None

# every import is previewed first (a dry run in the worker: everything checked, nothing kept); the user
# then confirms the preview, or answers the question a conflict asks and sees the preview of that answer
preview_of: tuple[bool, bool] | None = None
confirmed: tuple[bool, bool] | None = None
if uploaded is not None and st.button(t("data.load_button"), type="primary", key="upload_go"):
    st.session_state.pop(PREVIEW, None)
    preview, preview_of = None, (replace, False)
elif preview is not None:
    st.info(t("data.preview_question", name=shown_name))
    st.code(preview["summary"], language=None)
    c1, c2 = st.columns(2)
    if c1.button(t("data.preview_confirm"), key="preview_confirm", type="primary"):
        confirmed = preview["choice"]
    if c2.button(t("data.conflict_cancel"), key="preview_cancel"):
        st.session_state.pop(PREVIEW)
        st.rerun()
elif pending is not None:
    st.warning(t("data.conflict_identical" if pending["identical"] else "data.conflict_question",
                 name=shown_name))
    show_problems(pending["lines"])
    c1, c2, c3 = st.columns(3)
    if c1.button(t("data.conflict_replace"), key="conflict_replace", type="primary"):
        preview_of = (True, False)
    if not pending["identical"] and c2.button(t("data.conflict_add"), key="conflict_add"):
        preview_of = (False, True)
    if c3.button(t("data.conflict_cancel"), key="conflict_cancel"):
        st.session_state.pop(CONFLICT)
        st.rerun()

if preview_of is not None:
    st.session_state.pop(CONFLICT, None)
    outcome = run(*preview_of, dry_run=True)
    if outcome.status == "conflict":
        st.session_state[CONFLICT] = {"id": upload_id, "lines": outcome.lines, "identical": outcome.identical}
        st.rerun()
    if outcome.status == "ok":
        st.session_state[PREVIEW] = {"id": upload_id, "choice": preview_of, "summary": "\n".join(outcome.lines)}
        st.rerun()

if confirmed is not None:
    st.session_state.pop(PREVIEW, None)
    outcome = run(*confirmed)
    if outcome.status == "conflict":      # the database changed since the preview: ask again
        st.session_state[CONFLICT] = {"id": upload_id, "lines": outcome.lines, "identical": outcome.identical}
        st.rerun()
    if outcome.status == "ok":
        # rerun so that the history above shows the new version; the summary is shown once there
        st.session_state[RESULT] = (shown_name, "\n".join(outcome.lines))
        st.rerun()
