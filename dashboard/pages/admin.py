"""Administration (issue 22, administrators only): the audit log, filtered by user, action and period and
exported as CSV/XLSX, and the server's own details (database and user-database paths, versions)."""
from __future__ import annotations

import datetime as dt
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import streamlit as st

import queries
import settings
import store
from dashboard import auth, widgets
from dashboard.query import db_version
from dashboard.registry import PAGES
from domain.codes import AUDIT_KINDS
from i18n import t
from present.admin import (audit_columns, audit_frame, audit_summary, audit_table, filter_lines, kind_labels, period,
                           server_table)
from present.exports import ExportMeta

auth.require("admin", "page.admin")          # the navigation hides the page too
st.title(t("page.admin"))
widgets.synthetic_notice(st.session_state.get("_filters"))

st.subheader(t("admin.audit_title"))
st.caption(t("admin.audit_intro"))
st.caption(t("admin.retention", days=settings.audit_retention_days()))
users: list[str] = []
if store.exists():
    with store.connect() as con:
        users = store.audit_users(con)
today = dt.datetime.now(dt.timezone.utc).date()
c1, c2, c3 = st.columns([2, 3, 2])
user = c1.selectbox(t("admin.user"), [""] + users, key="admin_user", format_func=lambda u: u or t("admin.all_users"))
labels = kind_labels()
kinds = c2.multiselect(t("admin.kinds"), list(AUDIT_KINDS), key="admin_kinds", format_func=labels.__getitem__,
                       placeholder=t("admin.all_kinds"))
days = c3.date_input(t("admin.period"), value=(today - dt.timedelta(days=30), today), key="admin_period",
                     format="DD-MM-YYYY")
chosen = tuple(days) if isinstance(days, (tuple, list)) else (days,)
since, until = period(chosen[0], chosen[-1]) if chosen else period(today, today)

events = []
if store.exists():
    with store.connect() as con:
        events = store.audit_events(con, user=user or None, kinds=tuple(kinds) or None, since=since, until=until)
frame = audit_frame(events, {p.stem: t(p.title_key) for p in PAGES})
st.markdown(audit_summary(frame, since, until))
widgets.table(audit_table(frame), height=min(38 + 35 * max(frame.height, 1), 600))
widgets.download_buttons(frame, audit_columns(),
                         ExportMeta(t("admin.export_title"), filter_lines(user or None, kinds, since, until)),
                         f"revisionslog_{since}_{until}", key="admin_audit")


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return t("admin.none")


st.subheader(t("admin.server_title"))
st.caption(t("admin.server_intro"))
details = {
    t("admin.server_database"): str(queries.database_path()),
    t("admin.server_version"): Path(db_version()).name if db_version() else t("admin.none"),
    t("admin.server_user_db"): str(settings.user_db_path()),
    t("admin.server_roles"): str(settings.roles_path()) if auth.sign_in_configured() else t("admin.none"),
    t("admin.server_key"): str(settings.pseudonym_key_path()),
    t("admin.server_sign_in"): t("admin.sign_in_on") if auth.sign_in_configured() else t("admin.sign_in_off"),
    t("admin.server_versions"): ", ".join(
        [f"Python {platform.python_version()}"]
        + [f"{p} {_version(p)}" for p in ("streamlit", "duckdb", "polars", "plotly", "Authlib")]),
}
widgets.table(server_table(details))
