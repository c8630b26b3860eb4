"""The Data page's words and tables: the import history and what each ledger import changed, as text. The page
itself drives the upload (ingest.worker); what it shows of the database is made here. Pure: no streamlit."""
from __future__ import annotations

import polars as pl

from i18n import t
from ingest.values.cpr import mask_cpr
from present.exports import Column
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


def change_imports(changes: pl.DataFrame) -> list[int]:
    """The imports with changes (queries/data_import_changes.sql), newest first."""
    return sorted(set(changes["import_id"].to_list()), reverse=True)


def changes_table(changes: pl.DataFrame, import_id: int, kind_labels: dict[str, str]) -> pl.DataFrame:
    """What import ``import_id`` changed, as the page's text table: new months first, then the changed
    cells, largest change first (the query's order); amounts in kr. with two decimals, '–' where a cell had
    no rows before. ``kind_labels``: amount kind -> its label."""
    rows = changes.filter(pl.col("import_id") == import_id)
    money = lambda x: fmt_number(x, 2)   # noqa: E731  kr. to the øre, as exported
    return rows.select(
        pl.format("{}-{}", pl.col("month").cast(pl.String).str.zfill(2), "year").alias(t("col.month")),
        pl.format("{} {}", "function_code", pl.col("function_name").fill_null("")).str.strip_chars()
          .alias(t("col.function")),
        pl.col("amount_kind").replace_strict(kind_labels, return_dtype=pl.String).alias(t("col.amount_kind")),
        fmt_values(rows["before_dkk"], lambda x: "–" if x is None else money(x), skip_nulls=False)
          .alias(t("col.before_dkk")),
        fmt_values(rows["after_dkk"], money).alias(t("col.after_dkk")),
        fmt_values(rows["change_dkk"], lambda x: ("+" if x > 0 else "") + money(x)).alias(t("col.change_dkk")),
        pl.when(pl.col("new_month")).then(pl.lit(t("data.changes_new_month"))).otherwise(pl.lit(""))
          .alias(t("col.note")),
    )


def changes_export_columns() -> list[Column]:
    """The export of a change list: the query's figures with their units."""
    return [Column("import_id", t("col.import_no")), Column("kommunekode", t("col.kommunekode")),
            Column("year", t("common.year")), Column("month", t("col.month")),
            Column("function_code", t("col.function")), Column("amount_kind", t("col.amount_kind")),
            Column("before_dkk", t("col.before_dkk"), 2), Column("after_dkk", t("col.after_dkk"), 2),
            Column("change_dkk", t("col.change_dkk"), 2)]


def changes_sentence(changes: pl.DataFrame, import_id: int, file_name: str) -> str:
    """One sentence on what import ``import_id`` changed: its new months, how many figures it changed in
    which months loaded before, and the net change there (sum of after - before, kr.)."""
    rows = changes.filter(pl.col("import_id") == import_id)
    new = rows.filter(pl.col("new_month")).select("year", "month").unique().sort("year", "month")
    changed = rows.filter(~pl.col("new_month"))
    months = lambda df: ", ".join(f"{m:02d}-{y}" for y, m in df.select("year", "month").unique()   # noqa: E731
                                  .sort("year", "month").iter_rows())
    if new.height == 0:
        new_text = t("data.changes_no_new")
    elif new.height == 1:
        new_text = t("data.changes_new_month_one", months=months(new))
    else:
        new_text = t("data.changes_new_months", n=new.height, months=months(new))
    changed_text = (t("data.changes_changed", n=fmt_number(changed.height), months=months(changed))
                    if changed.height else t("data.changes_none_changed"))
    net = float(changed["change_dkk"].sum() or 0.0)
    return t("data.changes_summary", file=mask_cpr(file_name), new=new_text, changed=changed_text,
             net=("+" if net > 0 else "") + fmt_number(net, 2))
