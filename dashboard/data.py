"""Data: import history and upload of a new export through the same importer and validation."""
from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

import queries
from analysis.formatting import fmt_date, fmt_number, fmt_values, md_literal
from analysis.labels import t
from dashboard import common
from ingest.importer import import_file
from ingest.mappings import KINDS, available, load_mapping
from ingest.parsing import mask_cpr
from ingest.report import ImportRejected

st.title(t("page.data"))
filters: common.Filters | None = st.session_state.get("_filters")
common.synthetic_notice(filters)

st.subheader(t("data.import_history"))
if common.db_version() is not None:
    history = common.query("import_history")
    st.dataframe(
        history.select(
            pl.col("import_id").alias(t("col.import_no")),
            pl.col("kind").replace_strict(common.import_kind_labels(history["kind"]), return_dtype=pl.String)
            .alias(t("col.type")),
            # masked again: a database imported before file names were masked may hold a CPR number
            fmt_values(history["file_name"], mask_cpr).alias(t("col.file")),
            pl.col("mapping").alias(t("col.mapping")),
            fmt_values(history["rows_read"], fmt_number).alias(t("col.rows_read")),
            fmt_values(history["rows_loaded"], fmt_number).alias(t("col.rows_loaded")),
            pl.format("{}-{}", "first_year", "last_year").alias(t("col.period")),
            fmt_values(history["finished_at"], lambda d: fmt_date(d) + d.strftime(" %H:%M")).alias(t("col.imported")),
            pl.col("sha256_prefix").alias("SHA-256"),
            pl.col("message").fill_null("").alias(t("col.note")),
        ),
        hide_index=True, width="stretch",
    )
    st.caption(t("data.database", path=md_literal(queries.database_path()),
                 version=md_literal(Path(common.db_version()).name)))

st.subheader(t("data.upload"))
st.caption(t("data.upload_note"))
kind = st.selectbox(t("data.kind"), KINDS, key="upload_kind", format_func=common.option_labels(
    "upload_kind", KINDS, common.import_kind_label))
mapping = st.selectbox(t("data.mapping"), available(kind), key="upload_mapping",
                       format_func=lambda n: f"{n} – {load_mapping(kind, n).description}")
kommune_default = filters.kommune if filters else 0
kommune = st.number_input(t("data.kommune"), min_value=0, max_value=999,
                          value=kommune_default, step=1, key="upload_kommune")
replace = st.checkbox(t("data.replace"), key="upload_replace")
uploaded = st.file_uploader(t("data.file"), type=["csv", "txt", "xlsx"], key="upload_file")
if uploaded is not None and st.button(t("data.load_button"), type="primary", key="upload_go"):
    shown_name = md_literal(mask_cpr(uploaded.name))    # the browser's file name: data, shown as text
    with st.status(t("data.loading", name=shown_name), expanded=True) as status:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / uploaded.name
            path.write_bytes(uploaded.getvalue())
            st.write(t("data.checking"))
            try:
                result = import_file(kind, path, queries.database_path(), mapping_name=mapping, replace=replace,
                                     kommunekode=int(kommune) or None)
            except ImportRejected as exc:
                status.update(label=t("data.rejected", name=shown_name), state="error")
                # every line quotes the file (values, column names): text, never Markdown
                st.error("\n".join(f"- {md_literal(line)}" for line in exc.report.lines()))
            else:
                status.update(label=t("data.loaded_ok", name=shown_name), state="complete")
                st.code(result.summary(), language=None)
