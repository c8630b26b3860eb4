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


@dataclass(frozen=True)
class Context:
    """The sidebar's choices a view depends on (dashboard.common.Filters has the same attributes and is
    passed as it is; the benchmark and the tests make one of these)."""

    kommune: int
    kommune_name: str
    is_synthetic: bool
    area_code: str
    area_name: str
    functions: list[str]
    from_year: int
    to_year: int
    price_base: object                   # analysis.prices.PriceBase
    pl_index: dict[int, float]
    pl_source: str = ""

    @property
    def params(self) -> dict:
        return {"kommune": self.kommune, "functions": self.functions,
                "from_year": self.from_year, "to_year": self.to_year}

    @property
    def price_label(self) -> str:
        from i18n import t

        if self.price_base.is_fixed:
            return t("sidebar.prices_fixed", year=self.price_base.base_year)
        return t("sidebar.prices_current")
