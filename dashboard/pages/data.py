"""Data: import history and upload of a new export through the same importer and validation.

The import runs in a separate, memory-bounded process (ingest.worker), so no file can take the app down;
its progress is shown as it goes. Several files can be uploaded at once; each is previewed (a dry run:
mapping, rows, periods, totals, what it would replace and change) and loaded on its own, all or nothing,
when the user confirms. An uploaded file is written under a fixed name in a temporary folder: the
browser's file name is display text only. A file covering periods already loaded is not added without
asking: the page offers to replace the overlapping data, to add the file beside it, or to skip it."""
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
from dashboard import audit, auth, state, widgets
from dashboard.query import db_version, query
from dashboard.sidebar import Filters
from ingest.limits import current as current_limits
from ingest.mappings import KINDS, available, load_mapping
from ingest.report import phase_text
from ingest.values.cpr import mask_cpr
from ingest.worker import Outcome, run_import, stage_upload

BATCH = "upload_batch"             # session state: the uploaded files' previews, questions and outcomes

st.title(t("page.data"))
filters: Filters | None = st.session_state.get("_filters")
widgets.synthetic_notice(filters)

st.subheader(t("data.import_history"))
if db_version() is not None:
    history = query("data_import_history")
    widgets.table(history_table(history, widgets.import_kind_labels(history["kind"])))
    # the database's path (a server detail) is on Administration
    st.caption(t("data.database", version=md_literal(Path(db_version()).name)))
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
        widgets.table(changes_table(changes, chosen, {k: t("kind." + k) for k in set(changes["amount_kind"])}))
        st.caption(t("data.changes_caption"))
        title = t("data.changes_export_title", import_id=chosen, file=mask_cpr(file_name))
        widgets.download_buttons(
            changes.filter(pl.col("import_id") == chosen), changes_export_columns(),
            ExportMeta(title, {t("common.source"): t("data.import_history"),
                               t("common.database_version"): Path(db_version()).name.removesuffix(".duckdb")}),
            f"import_{chosen}_aendringer", key="data_changes")

st.subheader(t("data.upload"))
if not auth.current().can_edit:
    st.info(t("auth.no_edit_data"))
    st.stop()
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
uploads = st.file_uploader(t("data.file"), type=["csv", "txt", "xlsx"], key="upload_file",
                           accept_multiple_files=True) or []
batch_id = (tuple(f.file_id for f in uploads), kind, mapping, int(kommune))


def shown(upload) -> str:
    """The browser's file name: data, shown as text with any CPR number masked."""
    return md_literal(mask_cpr(upload.name))


def show_problems(lines: list[str]) -> None:
    # every line quotes the file (values, column names): text, never Markdown
    st.error("\n".join(f"- {md_literal(line)}" for line in lines))


def run(upload, replace: bool, add_overlapping: bool, dry_run: bool = False) -> Outcome:
    """Import one uploaded file in the bounded worker (dry_run: preview it, nothing is kept), showing its
    progress while it runs."""
    label = "data.previewing" if dry_run else "data.loading"
    with st.status(t(label, name=shown(upload)), expanded=True) as status:
        line = st.empty()
        bar = st.empty()

        def on_progress(phase: str, done: int | None, total: int | None) -> None:
            line.write(phase_text(phase, done, total))
            if done is not None and total:
                bar.progress(min(done / total, 1.0))
            else:
                bar.empty()          # a phase without a known end has no bar

        with tempfile.TemporaryDirectory() as tmp:
            path = stage_upload(upload.getvalue(), upload.name, Path(tmp))
            outcome = run_import(kind, path, queries.database_path(), display_name=upload.name,
                                 mapping_name=mapping or None, replace=replace, add_overlapping=add_overlapping,
                                 kommunekode=int(kommune) or None, on_progress=on_progress, dry_run=dry_run)
        status.update(state="complete" if outcome.status == "ok" else "error")
    if not dry_run:
        audit.record("replace" if replace else "import", f"{kind} {upload.name} status={outcome.status}"
                     + (" mode=add_overlapping" if add_overlapping else ""))
    return outcome


def record(outcome: Outcome, choice: tuple[bool, bool], dry_run: bool) -> dict:
    """What the page keeps of a file's preview or import, to show it after the rerun."""
    state_of = {"ok": "preview" if dry_run else "loaded", "conflict": "conflict"}.get(outcome.status, "rejected")
    return {"state": state_of, "choice": choice, "lines": outcome.lines, "identical": outcome.identical,
            "outcome": outcome.status, "exit_code": outcome.exit_code, "signal": outcome.signal}


def show(upload, i: int, entry: dict) -> tuple[str, tuple[bool, bool]] | None:
    """One file's preview, question, problems or summary; returns the answer to a conflict's question
    (("preview", choice) or ("skip", ...)) when one was clicked."""
    name, answer = shown(upload), None
    if entry["state"] == "preview":
        with st.status(t("data.previewed_ok", name=name), state="complete", expanded=True):
            st.info(t("data.preview_question", name=name))
            st.code("\n".join(entry["lines"]), language=None)
    elif entry["state"] == "loaded":
        with st.status(t("data.loaded_ok", name=name), state="complete", expanded=True):
            st.code("\n".join(entry["lines"]), language=None)
    elif entry["state"] == "skipped":
        st.caption(t("data.skipped", name=name))
    elif entry["state"] == "conflict":
        with st.status(t("data.conflict_label", name=name), state="error", expanded=True):
            st.warning(t("data.conflict_identical" if entry["identical"] else "data.conflict_question", name=name))
            show_problems(entry["lines"])
            c1, c2, c3 = st.columns(3)
            if c1.button(t("data.conflict_replace"), key=f"conflict_replace_{i}", type="primary"):
                answer = ("preview", (True, False))
            if not entry["identical"] and c2.button(t("data.conflict_add"), key=f"conflict_add_{i}"):
                answer = ("preview", (False, True))
            if c3.button(t("data.skip"), key=f"conflict_skip_{i}"):
                answer = ("skip", entry["choice"])
    else:
        with st.status(t("data.rejected", name=name), state="error", expanded=True):
            if entry["outcome"] == "memory":
                st.error(t("data.memory", limit=fmt_number(current_limits().worker_memory_limit_mb)))
            elif entry["outcome"] == "died":
                st.error(t("data.died", signal=entry["signal"] or "-"))
            elif entry["outcome"] == "fault":
                st.error(t("data.fault", code=entry["exit_code"]))
            show_problems(entry["lines"])
    return answer


# every file is previewed first (a dry run in the worker: everything checked, nothing kept); the user then
# confirms the previews, or answers the question a conflict asks and sees the preview of that answer. Each
# file is loaded on its own, all or nothing; a file that meets a conflict at loading (an earlier file of the
# batch covers it) asks again.
batch = st.session_state.get(BATCH)
if batch is not None and batch["id"] != batch_id:
    st.session_state.pop(BATCH)
    batch = None

to_preview: dict[int, tuple[bool, bool]] = {}
load_now = False
if uploads and st.button(t("data.load_button"), type="primary", key="upload_go"):
    batch = {"id": batch_id, "files": {}}
    to_preview = {i: (replace, False) for i in range(len(uploads))}
elif batch is not None:
    answers = {i: show(u, i, batch["files"][i]) for i, u in enumerate(uploads) if i in batch["files"]}
    for i, answer in answers.items():
        if answer is not None and answer[0] == "preview":
            to_preview[i] = answer[1]
        elif answer is not None:
            batch["files"][i]["state"] = "skipped"
            st.rerun()
    previewed = [i for i, e in batch["files"].items() if e["state"] == "preview"]
    if previewed and not to_preview:
        c1, c2 = st.columns(2)
        confirm = t("data.preview_confirm") if len(previewed) == 1 else t("data.preview_confirm_many", n=len(previewed))
        if c1.button(confirm, key="preview_confirm", type="primary"):
            load_now = True
        if c2.button(t("data.conflict_cancel"), key="preview_cancel"):
            st.session_state.pop(BATCH)
            st.rerun()

if to_preview:
    for i, choice in to_preview.items():
        batch["files"][i] = record(run(uploads[i], *choice, dry_run=True), choice, dry_run=True)
    st.session_state[BATCH] = batch
    st.rerun()

if load_now:
    for i, entry in sorted(batch["files"].items()):
        if entry["state"] == "preview":
            batch["files"][i] = record(run(uploads[i], *entry["choice"]), entry["choice"], dry_run=False)
    st.session_state[BATCH] = batch
    # rerun so that the history above shows the new version; the summaries are shown there
    st.rerun()
