"""Om tallene: definitions, sources and how each page's numbers are made."""
from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from present.formatting import fmt_date, md_literal
from i18n import t
from dashboard import widgets
from dashboard.query import db_version, query
from dashboard.sidebar import Filters

st.title(t("page.about"))
filters: Filters | None = st.session_state.get("_filters")
widgets.synthetic_notice(filters)

# definitions, sources and methods, one markdown section each (i18n/texts/about.py)
for section in ("about.concepts", "about.sources", "about.pages", "about.trend", "about.comparison",
                "about.decomposition", "about.drivers", "about.savings", "about.prognose", "about.suppression"):
    st.markdown(t(section))

if db_version() is not None:
    history = query("data_import_history")
    last = fmt_date(history["finished_at"].max()) + history["finished_at"].max().strftime(" %H:%M") if history.height else "–"
    # the database's path (a server detail) is on Administration
    st.caption(t("about.version", version=md_literal(Path(db_version()).name), date=last))
    st.subheader(t("about.chart_of_accounts"))
    functions = query("sidebar_areas").filter(pl.col("area_kind") == "funktion")
    widgets.table(functions.select(pl.col("function_code").alias(t("col.function")), pl.col("area_name").alias(t("col.name"))))
    st.caption(t("about.chart_of_accounts_note"))
