"""present/overview.py: the Overblik page's headline (hand-computed) and its view builder on the test demo."""
from __future__ import annotations

import polars as pl
import pytest

from analysis.overview import net_by_year
from present.overview import headline
from tests.test_overview import LEDGER


def test_headline_uses_first_and_last_complete_year():
    s = headline("voksne med særlige behov", net_by_year(LEDGER), "faste 2022-priser")
    assert s == ("Nettoudgiften til voksne med særlige behov steg fra 190,0 mio. kr. i 2021 til 218,0 mio. kr. "
                 "i 2022 (+14,7 %, faste 2022-priser).")


def test_headline_needs_two_complete_years():
    assert headline("x", net_by_year(LEDGER.filter(pl.col("year") == 2021)), "p") is None
