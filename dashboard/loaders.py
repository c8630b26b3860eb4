"""The queries each page runs for one view, in one place, so the page and the benchmark call the same
code. `q` is a query function (name, params, identifiers) -> polars: the page passes the cached
dashboard.common.query, the benchmark a direct or cached runner. No streamlit here."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

QueryFn = Callable[..., pl.DataFrame]


@dataclass(frozen=True)
class SidebarData:
    municipalities: pl.DataFrame
    areas: pl.DataFrame
    pl_index: pl.DataFrame


@dataclass(frozen=True)
class OverviewData:
    ledger: pl.DataFrame          # queries/ledger_by_year.sql
    hap: pl.DataFrame             # queries/hap_by_segment.sql by function
    ledger_fy: pl.DataFrame       # queries/ledger_by_function_year.sql
    activity_fy: pl.DataFrame     # queries/activity_cost_by_function_year.sql
    history: pl.DataFrame         # queries/import_history.sql
    findings: pl.DataFrame        # queries/data_quality.sql


def load_sidebar(q: QueryFn) -> SidebarData:
    return SidebarData(q("municipalities_with_data"), q("areas"), q("pl_index"))


def load_overview(q: QueryFn, params: dict) -> OverviewData:
    return OverviewData(
        ledger=q("ledger_by_year", params),
        hap=q("hap_by_segment", params, {"segment": "function_code"}),
        ledger_fy=q("ledger_by_function_year", params),
        activity_fy=q("activity_cost_by_function_year", params),
        history=q("import_history"),
        findings=q("data_quality", params),
    )
