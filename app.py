"""Entry point: page config, navigation over the pages of dashboard/registry.py, the shared sidebar and its
URL state.

Every run first settles the session's UI language (sidebar choice, else the URL's ``sprog``, else Danish)
and makes it the current language of i18n for exactly this run, before anything renders: page
title, navigation, sidebar and page all call ``t()`` without a language. The current language is a
ContextVar, so concurrent sessions (each run on its own script thread) never see each other's language.
"""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboard.preload  # noqa: E402,F401  (first: heavy imports complete before any page runs)
from i18n import t, use_language  # noqa: E402
from dashboard import audit, auth, charts, exports, meeting, saved  # noqa: E402,F401  (charts installs the plotly template)
from dashboard.registry import PAGES, Page  # noqa: E402
from dashboard.sidebar import sidebar  # noqa: E402
from dashboard.state import seed_language  # noqa: E402



def nav_page(p: Page, access) -> st.Page:
    """The page's navigation entry; a page the session may not open is hidden and its address shows only
    why it is refused (issue 22)."""
    if auth.allowed(p.needs, access):
        return st.Page(p.file, title=t(p.title_key), url_path=p.url_path, icon=p.icon, default=p.default)
    title = t(p.title_key)

    def refused() -> None:
        st.title(title)
        st.error(auth.refusal_text(p.needs, title))
    return st.Page(refused, title=title, url_path=p.url_path, icon=p.icon, default=p.default, visibility="hidden")


notices: list[str] = []
with use_language(seed_language(notices)):
    st.set_page_config(page_title=t("app.title"), page_icon="📊", layout="wide")
    access = auth.settle()      # with sign-in: stops here for a person not signed in or without a role

    in_meeting = meeting.requested()
    page = st.navigation([nav_page(p, access) for p in PAGES], position="hidden" if in_meeting else "sidebar")
    # Streamlit gives the default page the empty address, whatever url_path it was given
    shown = next((p for p in PAGES if p.url_path == page.url_path or (p.default and not page.url_path)), None)
    st.session_state[audit.PAGE_STATE] = shown.stem if shown is not None else ""
    auth.sidebar_identity(access)
    st.session_state["_filters"] = sidebar(notices, age_filter=shown is not None and shown.age_filter)
    saved.sidebar_panel(shown, st.session_state["_filters"])
    exports.start()
    if in_meeting:
        meeting.run(shown, page.run)
    else:
        meeting.start_link(shown)
        page.run()
