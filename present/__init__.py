"""Presentation: from analysis's numbers and codes to what a page shows and exports: formatting
(formatting.py), the one export writer (exports.py), and one view builder per page (overview.py,
trend.py, decomposition.py, comparison.py), each a pure function ``<stem>_view(data, choices) -> <Stem>View``
that the page calls once and only lays out, and that the benchmark and the tests call too.

Pure Python: never imports streamlit. Texts come from the one catalogue (i18n.t) in the caller's language.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kpi:
    """One KPI card as text: label, value, and optionally the delta line and the help tooltip."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None


#: What a view builder reads of the sidebar's choices (``context``): dashboard.sidebar.Filters, passed as it is
#: present/ never imports dashboard/, so the views take any object with these attributes.
CONTEXT_ATTRIBUTES = ("kommune", "kommune_name", "area_code", "area_name", "functions", "from_year", "to_year",
                      "price_base", "pl_index", "price_label", "refund_basis", "age")
