"""present/overview.py: the Overblik page's headline (hand-computed) and its view builder on the test demo."""
from __future__ import annotations

import polars as pl
import pytest

from analysis.overview import net_by_year
from present.formatting import fmt_mio_number
from present.overview import headline
from tests.test_overview import LEDGER


def test_headline_uses_first_and_last_complete_year():
    s = headline("voksne med særlige behov", net_by_year(LEDGER), "faste 2022-priser")
    assert s == ("Nettoudgiften til voksne med særlige behov steg fra 190,0 mio. kr. i 2021 til 218,0 mio. kr. "
                 "i 2022 (+14,7 %, faste 2022-priser).")


def test_headline_needs_two_complete_years():
    assert headline("x", net_by_year(LEDGER.filter(pl.col("year") == 2021)), "p") is None


def test_view_on_the_demo_and_the_page_shows_it(app, demo_db):
    import os

    import queries
    from dashboard.loaders import load_overview
    from present.overview import overview_view

    at = app.run()
    assert not at.exception, at.exception
    filters = at.session_state["_filters"]
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        data = load_overview(lambda name, params=None: queries.run(con, name, params or {}), filters.params)
    finally:
        con.close()
    view = overview_view(data, filters, {k: k for k in data.history["kind"].to_list()})
    assert view.status == "ok"
    # the KPI year is the latest complete year; its net is the ledger's dranst 1 + 2 actuals
    latest = view.net.filter(pl.col("complete")).row(-1, named=True)
    assert view.year == latest["year"] and view.kpis[0].value == fmt_mio_number(latest["net_dkk"])
    ledger = data.ledger.filter((pl.col("year") == view.year) & (pl.col("amount_kind") == "actual"))
    assert latest["net_dkk"] == pytest.approx(ledger.filter(pl.col("dranst").is_in([1, 2]))["amount_dkk"].sum())
    assert len(view.bar_labels) == view.net.height
    assert [(m.label, m.value) for m in at.metric] == [(k.label, k.value) for k in view.kpis]
    assert f"**{view.headline}**" in [md.value for md in at.markdown]
