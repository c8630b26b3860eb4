"""The Data page's words and tables: the import history as text and the import's progress line. The page
itself drives the upload (ingest.worker); what it shows of the database is made here. Pure: no streamlit."""
from __future__ import annotations

import polars as pl

from i18n import t
from ingest.values.cpr import mask_cpr
from present.formatting import fmt_date, fmt_number, fmt_values


def history_table(history: pl.DataFrame, kind_labels: dict[str, str]) -> pl.DataFrame:
    """Rows of queries/import_history.sql as the page's table; ``kind_labels``: import kind -> its label
    (made in the run's thread). File names are masked again: a database imported before file names were
    masked may hold a CPR number."""
    return history.select(
        pl.col("import_id").alias(t("col.import_no")),
        pl.col("kind").replace_strict(kind_labels, return_dtype=pl.String).alias(t("col.type")),
        fmt_values(history["file_name"], mask_cpr).alias(t("col.file")),
        pl.col("mapping").alias(t("col.mapping")),
        fmt_values(history["rows_read"], fmt_number).alias(t("col.rows_read")),
        fmt_values(history["rows_loaded"], fmt_number).alias(t("col.rows_loaded")),
        pl.format("{}-{}", "first_year", "last_year").alias(t("col.period")),
        fmt_values(history["finished_at"], lambda d: fmt_date(d) + d.strftime(" %H:%M")).alias(t("col.imported")),
        pl.col("sha256_prefix").alias("SHA-256"),
        pl.col("message").fill_null("").alias(t("col.note")),
    )


def progress_text(phase: str, done: int | None, total: int | None) -> str:
    """One line for the import's phase: bytes hashed in MB, rows as counted."""
    if phase == "hash" and total:
        return t("data.phase.hash", done=fmt_number((done or 0) / 2**20, 1), total=fmt_number(total / 2**20, 1))
    if phase in ("read", "convert", "load") and (done or total):
        return t(f"data.phase.{phase}", rows=fmt_number(done if done is not None else total))
    return t(f"data.phase.{phase}_plain")
