"""Administration's words and tables (issue 22): the audit log as a table and an export, the period a filter
asks for, and the server's own details. Pure: no streamlit; the page reads the user database and the server."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import polars as pl

from domain.codes import AUDIT_KINDS
from i18n import t
from present.exports import Column

_SCHEMA = {"at": pl.String, "user": pl.String, "kind": pl.String, "page": pl.String, "detail": pl.String}


def kind_labels() -> dict[str, str]:
    """Each audit kind (domain.codes.AUDIT_KINDS) -> its label in the run's language."""
    return {k: t(f"admin.kind.{k}") for k in AUDIT_KINDS}


def period(start: dt.date, end: dt.date) -> tuple[str, str]:
    """The ISO bounds (since inclusive, until exclusive) of the days ``start`` to ``end`` in UTC, in either order:
    2026-12-01..2026-12-03 -> ('2026-12-01', '2026-12-04'), so the last day counts whole."""
    first, last = sorted((start, end))
    return first.isoformat(), (last + dt.timedelta(days=1)).isoformat()


def audit_frame(events: Iterable, page_titles: dict[str, str]) -> pl.DataFrame:
    """The audit rows (store.AuditEvent) as a frame: time (UTC, 'YYYY-MM-DD HH:MM:SS'), user, kind, its label,
    the page's title ('' outside a page) and the detail; newest first as given."""
    labels = kind_labels()
    rows = [{"at": e.at[:19].replace("T", " "), "user": e.user, "kind": e.kind, "page": e.page, "detail": e.detail}
            for e in events]
    frame = pl.DataFrame(rows, schema=_SCHEMA)
    return frame.with_columns(
        pl.col("kind").replace_strict(labels, default=pl.col("kind"), return_dtype=pl.String).alias("kind_label"),
        pl.col("page").replace_strict(page_titles, default=pl.col("page"), return_dtype=pl.String).alias("page_title"),
    )


def audit_columns() -> list[Column]:
    """The columns of the audit log's table and export, in order."""
    return [Column("at", t("admin.col_at")), Column("user", t("admin.col_user")),
            Column("kind_label", t("admin.col_kind")), Column("page_title", t("admin.col_page")),
            Column("detail", t("admin.col_detail"))]


def audit_table(frame: pl.DataFrame) -> pl.DataFrame:
    """The page's table: the export's columns under their headers."""
    return frame.select([pl.col(c.name).alias(c.header) for c in audit_columns()])


def audit_summary(frame: pl.DataFrame, since: str, until: str) -> str:
    """'12 hændelser fra 01-12-2026 til 03-12-2026 (3 brugere).'"""
    last = (dt.date.fromisoformat(until) - dt.timedelta(days=1))
    return t("admin.summary", n=frame.height, users=frame["user"].n_unique() if frame.height else 0,
             first=dt.date.fromisoformat(since).strftime("%d-%m-%Y"), last=last.strftime("%d-%m-%Y"))


def filter_lines(user: str | None, kinds: Sequence[str], since: str, until: str) -> dict[str, str]:
    """The export's header lines: which user, kinds and period the rows were chosen by."""
    labels = kind_labels()
    last = dt.date.fromisoformat(until) - dt.timedelta(days=1)
    return {t("admin.col_user"): user or t("admin.all_users"),
            t("admin.col_kind"): ", ".join(labels[k] for k in kinds) if kinds and len(kinds) < len(AUDIT_KINDS)
            else t("admin.all_kinds"),
            t("admin.period"): f"{since} – {last.isoformat()} (UTC)"}


def server_table(details: dict[str, str]) -> pl.DataFrame:
    """The server's details (label -> value) as a two-column table."""
    return pl.DataFrame({t("admin.col_setting"): list(details), t("admin.col_value"): list(details.values())},
                        schema={t("admin.col_setting"): pl.String, t("admin.col_value"): pl.String})
