"""Current and fixed prices with a price-and-wage (PL) index.

amount_fixed(year, base) = amount_current(year) x I(base) / I(year), with I the PL index of each
year (any reference year; only ratios matter). Re-inflating with I(year) / I(base) is the identity.
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class PriceBase:
    """Either current prices (base_year None) or fixed prices of base_year."""

    base_year: int | None = None

    @property
    def is_fixed(self) -> bool:
        return self.base_year is not None

    @property
    def url_value(self) -> str:
        return "loebende" if self.base_year is None else f"faste-{self.base_year}"

    @staticmethod
    def parse(text: str | None) -> PriceBase | None:
        """'loebende' or 'faste-YYYY' -> PriceBase; anything else -> None."""
        if text in (None, "", "loebende"):
            return PriceBase(None) if text is not None else None
        if text.startswith("faste-") and text[6:].isdigit() and len(text) == 10:
            return PriceBase(int(text[6:]))
        return None


class MissingIndexError(ValueError):
    """A year needed for fixed prices has no PL index value."""

    def __init__(self, years: list[int]):
        self.years = sorted(years)
        super().__init__(f"PL-index missing for {', '.join(map(str, self.years))}")


def price_factors(years: list[int], index: dict[int, float], base: PriceBase) -> dict[int, float]:
    """Factor per year that turns current prices into the chosen price base (1.0 for current prices)."""
    if not base.is_fixed:
        return {y: 1.0 for y in years}
    missing = [y for y in set(years) | {base.base_year} if y not in index]
    if missing:
        raise MissingIndexError(missing)
    return {y: index[base.base_year] / index[y] for y in years}


def to_price_base(df: pl.DataFrame, amount_cols: list[str], index: dict[int, float], base: PriceBase,
                  year_col: str = "year") -> pl.DataFrame:
    """Multiply the amount columns by the price factor of each row's year (kr. -> kr. in the base)."""
    if not base.is_fixed or df.is_empty():
        return df
    factors = price_factors(df[year_col].unique().to_list(), index, base)
    f = pl.col(year_col).replace_strict(factors, return_dtype=pl.Float64)
    return df.with_columns([(pl.col(c) * f).alias(c) for c in amount_cols])


def reinflate(df: pl.DataFrame, amount_cols: list[str], index: dict[int, float], base: PriceBase,
              year_col: str = "year") -> pl.DataFrame:
    """Inverse of to_price_base: fixed base-year prices back to each year's current prices."""
    if not base.is_fixed or df.is_empty():
        return df
    factors = price_factors(df[year_col].unique().to_list(), index, base)
    f = pl.col(year_col).replace_strict({y: 1 / v for y, v in factors.items()}, return_dtype=pl.Float64)
    return df.with_columns([(pl.col(c) * f).alias(c) for c in amount_cols])
