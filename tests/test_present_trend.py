"""present/trend.py: the Udgiftsudvikling page's sentences (hand-computed) and its view builder on the test demo."""
from __future__ import annotations

import polars as pl
import pytest

from analysis.forecast import forecast_year
from analysis.trends import add_growth, annual_net
from present.trend import area_phrase, forecast_sentence, trend_sentence
from tests.test_trends import actual_months, ledger, seasonal_series


def test_trend_sentence_numbers_and_danish_format():
    annual = add_growth(annual_net(ledger(actual_months(2019, [186.3e6 / 12] * 12) +
                                          actual_months(2022, [209.2e6 / 12] * 12))))
    text = trend_sentence("Voksne med særlige behov (5.38)", annual, "Faste 2022-priser")
    assert text == ("Nettoudgiften til voksne med særlige behov (5.38) steg fra 186,3 mio. kr. i 2019 til "
                    "209,2 mio. kr. i 2022 (+12,3 %, i gennemsnit +3,9 % om året, faste 2022-priser, "
                    "netto efter statsrefusion).")
    assert area_phrase("5.38.50 Botilbud") == "5.38.50 Botilbud"


def test_forecast_sentence_merforbrug_and_missing_budget():
    fc = forecast_year(seasonal_series(), 2021, "saeson")                      # 115,5 mio. kr.
    text = forecast_sentence(fc, 111.3e6, "Løbende priser")
    assert text == ("Med den nuværende udvikling forventes et merforbrug på 4,2 mio. kr. (3,8 %) i 2021 i forhold til "
                    "korrigeret budget (sæsonprofil fra 2019-2020, regnskab til og med jul; løbende priser).")
    under = forecast_sentence(fc, 120e6, "Løbende priser")
    assert "mindreforbrug på 4,5 mio. kr. (3,8 %)" in under
    missing = forecast_sentence(fc, None, "Løbende priser")
    assert "115,5 mio. kr." in missing and "ikke indlæst" in missing


