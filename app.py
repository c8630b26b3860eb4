"""Entry point: page config, navigation over dashboard/, the shared sidebar and its URL state.

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

from i18n import t, use_language  # noqa: E402
from dashboard import common  # noqa: E402

notices: list[str] = []
with use_language(common.seed_language(notices)):
    st.set_page_config(page_title=t("app.title"), page_icon="📊", layout="wide")

    pages = [
        st.Page("dashboard/overblik.py", title=t("page.overview"), url_path="overblik", default=True),
        st.Page("dashboard/udvikling.py", title=t("page.trend"), url_path="udvikling"),
        st.Page("dashboard/dekomponering.py", title=t("page.decomposition"), url_path="dekomponering"),
        st.Page("dashboard/sammenligning.py", title=t("page.comparison"), url_path="sammenligning"),
        st.Page("dashboard/om_tallene.py", title=t("page.about"), url_path="om-tallene"),
        st.Page("dashboard/data.py", title=t("page.data"), url_path="data"),
    ]
    page = st.navigation(pages)
    st.session_state["_filters"] = common.sidebar(notices)
    page.run()
