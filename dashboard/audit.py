"""The audit log's writers (issue 22): who did what and when, as rows of the user database (store.log_event).

Recorded: sign-ins (and refusals, sign-outs), imports and replacements, edits of saved views and annotations,
exports (every download of a file the server writes, every deck or image built) and every opening of a
citizen-level view with its filter (the page's URL query). A detail is masked for CPR numbers before it is
stored (an uploaded file's name may hold one); pseudonyms appear only in a filter. Old rows are deleted on
every write (settings.audit_retention_days). Writing fails loudly: an action that cannot be logged fails too.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st

import settings
import store
from dashboard import auth
from domain.codes import AUDIT_KINDS
from ingest.values.cpr import mask_cpr

PAGE_STATE = "_page_stem"          # session state: the English stem of the page this run shows (app.py)
CITIZEN_SEEN = "_citizen_view_logged"   # session state: the last logged (page, query) of a citizen-level view


def current_page() -> str:
    return str(st.session_state.get(PAGE_STATE) or "")


def write(user: str, kind: str, page: str = "", detail: str = "") -> None:
    """Append one row for ``user`` (no session needed: a deferred download runs on another thread)."""
    if kind not in AUDIT_KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    with store.connect() as con:
        store.log_event(con, user, kind, page, mask_cpr(detail), keep_days=settings.audit_retention_days())


def record(kind: str, detail: str = "", page: str | None = None) -> None:
    """Append one row for this session's user on the page this run shows (unless ``page``)."""
    write(auth.current().user, kind, current_page() if page is None else page, detail)


def recorder(kind: str, detail: str) -> Callable[[], None]:
    """A writer for later, on any thread: the user and the page are taken now, in the session's run."""
    user, page = auth.current().user, current_page()
    return lambda: write(user, kind, page, detail)


def page_query() -> str:
    """The run's URL query as in its address, sorted ('aar=2025&kommune=999&omraade=5.38')."""
    return urlencode(sorted(st.query_params.to_dict().items()))


def citizen_view(page: str) -> None:
    """Log the opening of a citizen-level view with its filter: once per session and distinct filter (a rerun
    of the same view, e.g. a click that changes nothing shown, is not a new opening)."""
    seen = (page, page_query())
    if st.session_state.get(CITIZEN_SEEN) != seen:
        record("citizen_view", seen[1], page=page)
        st.session_state[CITIZEN_SEEN] = seen
