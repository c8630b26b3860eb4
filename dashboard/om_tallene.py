"""Om tallene: definitions, sources and how each page's numbers are made."""
from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

import queries
from present.formatting import fmt_date, md_literal
from i18n import t
from dashboard import common

st.title(t("page.about"))
filters: common.Filters | None = st.session_state.get("_filters")
common.synthetic_notice(filters)

# definitions, sources and methods, one markdown section each (i18n/texts/about.py)
for section in ("about.concepts", "about.sources", "about.pages", "about.trend", "about.comparison",
                "about.decomposition"):
    st.markdown(t(section))

if common.db_version() is not None:
    history = common.query("data_import_history")
    last = fmt_date(history["finished_at"].max()) + history["finished_at"].max().strftime(" %H:%M") if history.height else "–"
    st.caption(t("about.version", version=md_literal(Path(common.db_version()).name),
                 path=md_literal(queries.database_path()), date=last))
    st.subheader(t("about.chart_of_accounts"))
    functions = common.query("sidebar_areas").filter(pl.col("area_kind") == "funktion")
    st.dataframe(functions.select(pl.col("function_code").alias(t("col.function")), pl.col("area_name").alias(t("col.name"))),
                 hide_index=True, width="stretch")
    st.caption(t("about.chart_of_accounts_note"))
