"""Fixed prices: hand-computed factors, and deflate-then-inflate is the identity."""
from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings, strategies as st

from analysis.prices import MissingIndexError, PriceBase, price_factors, reinflate, to_price_base

INDEX = {2019: 100.0, 2020: 102.0, 2021: 104.04, 2022: 110.0}


@pytest.mark.parametrize("text, expected", [
    ("loebende", PriceBase(None)), ("faste-2024", PriceBase(2024)), ("faste-24", None), ("fast-2024", None),
    ("faste-abcd", None), (None, None),
])
def test_parse_price_base(text, expected):
    assert PriceBase.parse(text) == expected


def test_url_value_round_trip():
    for base in (PriceBase(None), PriceBase(2022)):
        assert PriceBase.parse(base.url_value) == base


def test_factors_hand_computed():
    f = price_factors([2019, 2020, 2022], INDEX, PriceBase(2022))
    assert f == {2019: pytest.approx(1.10), 2020: pytest.approx(110 / 102), 2022: 1.0}
    assert price_factors([2019], INDEX, PriceBase(None)) == {2019: 1.0}


def test_fixed_prices_table():
    df = pl.DataFrame({"year": [2019, 2020, 2022], "amount_dkk": [1_000_000.0, 1_020_000.0, 1_100_000.0]})
    out = to_price_base(df, ["amount_dkk"], INDEX, PriceBase(2019))
    # growing exactly with the index means constant fixed-price amounts
    assert out["amount_dkk"].to_list() == pytest.approx([1_000_000.0] * 3)


def test_missing_index_year_is_named():
    with pytest.raises(MissingIndexError) as exc:
        price_factors([2019, 2023], INDEX, PriceBase(2022))
    assert exc.value.years == [2023]


@given(st.lists(st.tuples(st.sampled_from(sorted(INDEX)), st.floats(-1e9, 1e9, allow_nan=False)), min_size=1, max_size=20),
       st.sampled_from(sorted(INDEX)))
@settings(deadline=None)   # speed is measured by bench/, never by a timed assertion (it failed on a loaded machine)
def test_deflate_then_inflate_is_identity(rows, base_year):
    df = pl.DataFrame({"year": [r[0] for r in rows], "amount_dkk": [r[1] for r in rows]})
    base = PriceBase(base_year)
    back = reinflate(to_price_base(df, ["amount_dkk"], INDEX, base), ["amount_dkk"], INDEX, base)
    assert back["amount_dkk"].to_list() == pytest.approx(df["amount_dkk"].to_list(), rel=1e-12, abs=1e-6)
