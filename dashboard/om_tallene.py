"""Om tallene: definitions, sources and how each page's numbers are made."""
from __future__ import annotations

import polars as pl
import streamlit as st

from analysis.labels import t
from dashboard import common

st.title(t("page.about"))
filters: common.Filters | None = st.session_state.get("_filters")
common.synthetic_notice(filters)

# definitions, sources and methods, one markdown section each (analysis/labels.py, about.*)
for section in ("about.concepts", "about.sources", "about.pages", "about.trend", "about.comparison",
                "about.decomposition"):
    st.markdown(t(section))

if common.db_version() is not None:
    st.subheader(t("about.chart_of_accounts"))
    functions = common.query("areas").filter(pl.col("area_kind") == "funktion")
    st.dataframe(functions.select(pl.col("function_code").alias(t("col.function")), pl.col("area_name").alias(t("col.name"))),
                 hide_index=True, width="stretch")
    st.caption(t("about.chart_of_accounts_note"))
