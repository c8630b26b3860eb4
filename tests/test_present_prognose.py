"""present/prognose.py: the sentences (hand-computed), the view on the test demo (its tables add up to the
model's figures, the scenario's effects to its difference, fixed prices by the PL factors), and the Prognose
page (AppTest): headline, charts, tables, exports, URL state and links."""
from __future__ import annotations

import os
from datetime import date
from types import SimpleNamespace

import polars as pl
import pytest

from analysis.budget_model import Assumptions, Move, data_start, days_in_year, forecast
from analysis.prices import PriceBase
from present.formatting import parse_danish_number
from present.prognose import (BudgetChoices, PrognoseChoices, budget_check_view, check_headline, default_pl_growth,
                              headline, prognose_view, scenario_sentence, tariff_offers)
from tests.apptools import chart, open_page, page_file, qp

FUNCTIONS = ["5.28.20", "5.28.21", "5.28.22", "5.28.23", "5.38.38", "5.38.42", "5.38.50", "5.38.52", "5.38.58",
             "5.38.59"]


@pytest.fixture(scope="module")
def demo(demo_db):
    import queries
    from dashboard.loaders import load_prognose

    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        q = lambda name, params=None: queries.run(con, name, params or {})  # noqa: E731
        data = load_prognose(q, {"kommune": 999, "functions": FUNCTIONS})
        index = dict(q("sidebar_pl_index").select("year", "index_value").iter_rows())
    finally:
        con.close()
    return data, index


def _context(index, base=None, refund_basis="efter"):
    label = "Løbende priser" if base is None else f"Faste {base}-priser"
    return SimpleNamespace(price_base=PriceBase(base), pl_index=index, price_label=label, refund_basis=refund_basis)


def test_default_pl_growth_is_the_last_loaded_years():
    assert default_pl_growth({2026: 119.6, 2027: 122.8}) == 2.7
    assert default_pl_growth({2026: 100.0}) == 0.0 and default_pl_growth({}) == 0.0


def test_headline_states_first_and_last_year_and_the_yearly_growth():
    """400 mio. kr. in 2026 and 441 in 2028 from 400 actual in 2025: (441/400)^(1/3) - 1 = 3,3 % a year."""
    by_year = pl.DataFrame({"year": [2026, 2027, 2028], "hap": [990.0, 985.0, 980.4],
                            "cost_dkk": [400e6, 420e6, 441e6]})
    text = headline(by_year, date(2026, 11, 15), 400e6, "da")
    assert "400,0 mio. kr. i 2026 og 441,0 mio. kr. i 2028" in text
    assert "(980 helårspersoner i 2028 mod 990 i 2026)" in text
    assert "3,3 % om året fra 2025 (faktisk) til 2028" in text


def test_scenario_sentence_names_the_three_effects():
    text = scenario_sentence({"year": 2030, "cost_dkk": 100e6}, {"year": 2030, "cost_dkk": 112.3e6},
                             {"volume": 5.1e6, "mix": 1.2e6, "unit_price": 6.0e6}, "da")
    assert text == ("Scenariet koster 12,3 mio. kr. mere end basis i 2030: +5,1 mio. kr. fra antallet af "
                    "helårspersoner, +1,2 mio. kr. fra tungere eller lettere sager (kompleksitet) og +6,0 mio. kr. "
                    "fra priserne.")
    assert "mindre end basis" in scenario_sentence({"year": 2030, "cost_dkk": 100e6}, {"year": 2030, "cost_dkk": 90e6},
                                                   {"volume": -10e6, "mix": 0.0, "unit_price": 0.0}, "da")


def test_the_view_shows_the_models_figures(demo):
    data, index = demo
    view = prognose_view(data, _context(index), PrognoseChoices(horizon=2))
    model = forecast(data.measures, index, Assumptions(origin=data.data_date, horizon_years=2,
                                                       pl_growth_pct=default_pl_growth(index),
                                                       data_start=data_start(data.measures, data.data_date)))
    years = model.by_year()
    assert view.years_table["År"].to_list() == [str(y) for y in years["year"].to_list()]
    shown = [parse_danish_number(v) for v in view.years_table["Udgift, basis (mio. kr.)"].to_list()]
    assert shown == pytest.approx([round(c / 1e6, 1) for c in years["cost_dkk"].to_list()])
    # the current year holds its actual to date; later years have none
    actual = view.years_table["Heraf faktisk til datadatoen (mio. kr.)"].to_list()
    assert parse_danish_number(actual[0]) > 0 and actual[1:] == ["–", "–"]
    assert not view.is_scenario and view.scenario_sentence == ""
    assert "aktivitetsdata til 15-11-2026" in view.basis
    # the segments table adds up to the year (per mio. kr. rounding)
    seg_2027 = sum(parse_danish_number(v) for v in view.segments_table["2027"].to_list())
    assert seg_2027 == pytest.approx(years.filter(pl.col("year") == 2027)["cost_dkk"][0] / 1e6, abs=0.05 * view.segments_table.height)
    assert view.backtest.mape_1y is not None and view.backtest_sentence.startswith("Modellen har ramt inden for")


def test_the_scenario_difference_is_split_into_volume_complexity_and_price(demo):
    data, index = demo
    choices = PrognoseChoices(horizon=3, inflow_change_pct=10.0, level_up_pct=5.0, price_above_pl_pct=1.0,
                              move=Move(5, "Botilbud", "Støtte i eget hjem", 900.0))
    view = prognose_view(data, _context(index), choices)
    assert view.is_scenario and view.scenario_sentence.startswith("Scenariet koster")
    df = view.years_export.tables[0].df
    for row in df.iter_rows(named=True):
        assert row["volume_dkk"] + row["mix_dkk"] + row["price_dkk"] == pytest.approx(row["difference_dkk"], abs=1.0)
        assert row["scenario_cost_dkk"] - row["cost_dkk"] == pytest.approx(row["difference_dkk"])
    last = df.row(-1, named=True)
    assert last["difference_dkk"] > 0 and last["volume_dkk"] > 0 and last["price_dkk"] > 0


def test_fixed_prices_divide_each_year_by_its_pl_factor(demo):
    data, index = demo
    current = prognose_view(data, _context(index), PrognoseChoices(horizon=2)).years_export.tables[0].df
    fixed = prognose_view(data, _context(index, 2024), PrognoseChoices(horizon=2))
    assert fixed.years_export.file_stem.endswith("_faste-2024")
    growth = default_pl_growth(index)
    for a, b in zip(current.iter_rows(named=True), fixed.years_export.tables[0].df.iter_rows(named=True)):
        y = a["year"]
        pl_y = index[y] if y in index else index[max(index)] * (1 + growth / 100) ** (y - max(index))
        assert b["cost_dkk"] == pytest.approx(a["cost_dkk"] * index[2024] / pl_y)


def test_tariff_model_in_the_view(demo):
    data, index = demo
    offer = "Botilbud"
    assert offer in tariff_offers(data)
    base = prognose_view(data, _context(index), PrognoseChoices(horizon=1, tariff_offer=offer))
    today = base.tariff_levels.filter(pl.col("level") == "3").row(0, named=True)
    view = prognose_view(data, _context(index), PrognoseChoices(horizon=1, tariff_offer=offer,
                                                                tariffs={"3": today["tariff_today"] + 100}))
    change = view.tariff_export.tables[0].df.filter(pl.col("level") == "I alt")["change_dkk"][0]
    assert change == pytest.approx(today["citizens"] * 100 * 365)
    assert view.tariff_sentence.startswith("Den nye takststruktur for Botilbud koster")


def test_no_activity(demo):
    data, index = demo
    empty = SimpleNamespace(measures=data.measures.clear(), data_date=None)
    assert prognose_view(empty, _context(index), PrognoseChoices()).status == "no_activity"


# ---- the page (AppTest) ----------------------------------------------------------------------------------

def test_the_page_shows_the_forecast_and_keeps_the_scenario_in_the_url(app):
    at = open_page(app, page_file("prognose"))
    assert at.title[0].value == "Prognose"
    assert any(md.value.startswith("**Med de borgere, der har en ydelse i dag") for md in at.markdown)
    assert any(md.value.startswith("**Modellen har ramt inden for") for md in at.markdown)
    cost = chart(at, "Aktivitetsbaseret udgift: faktisk og prognose")
    assert [s["name"] for s in cost["data"]] == ["Faktisk", "Prognose (basis)"]
    chart(at, "Prognose ét år frem mod faktisk udgift")
    # CSV and Excel of its seven tables (the activity-based budget and the economy check since issue 19's second
    # part), and the exports panel's workbook of all of them
    buttons = [b.key for b in at.get("download_button")]
    assert len(buttons) == 15 and "export_xlsx" in buttons
    assert qp(at, "horisont") == "4" and qp(at, "tilgang") == "0"
    at.number_input(key="prognose_tilgang").set_value(10.0).run()
    assert not at.exception, at.exception
    assert qp(at, "tilgang") == "10"
    assert any(md.value.startswith("Scenariet koster") for md in at.markdown)
    cost = chart(at, "Aktivitetsbaseret udgift: faktisk og prognose")
    assert [s["name"] for s in cost["data"]] == ["Faktisk", "Prognose (basis)", "Scenarie"]
    assert "Heraf mængde (mio. kr.)" in list(at.dataframe[0].value.columns)


def test_a_link_opens_the_scenario_and_the_tariffs(app):
    app.query_params.update({"horisont": "2", "op": "5", "flyt": "4", "flyt_fra": "Botilbud",
                             "flyt_til": "Støtte i eget hjem", "flyt_pris": "900", "takst_tilbud": "Botilbud",
                             "takster": "3:5000"})
    at = open_page(app, page_file("prognose"))
    assert at.selectbox(key="prognose_horisont").value == 2
    assert at.number_input(key="prognose_op").value == 5.0
    assert at.selectbox(key="prognose_flyt_fra").value == "Botilbud"
    assert at.selectbox(key="prognose_takst_tilbud").value == "Botilbud"
    assert any(md.value.startswith("Den nye takststruktur for Botilbud koster") for md in at.markdown)
    assert qp(at, "takster") == "3:5000"
    assert at.dataframe[0].value.shape[0] == 3        # this year and two budget years


def test_own_rates_from_a_link_change_the_forecast_and_are_named(app, demo):
    data, index = demo
    app.query_params.update({"rater": "Botilbud:50:"})
    at = open_page(app, page_file("prognose"))
    assert qp(at, "rater") == "Botilbud:50:"
    assert any("Egne satser for afgang eller tilgang" in md.value and "Botilbud" in md.value for md in at.markdown)
    editor = [d for d in at.dataframe if "own_exit_pct" in list(d.value.columns)]
    assert len(editor) == 1 and editor[0].value.set_index("offer_type").loc["Botilbud", "own_exit_pct"] == 50.0
    base = prognose_view(data, _context(index), PrognoseChoices(horizon=1))
    own = prognose_view(data, _context(index), PrognoseChoices(horizon=1, rate_overrides=(("Botilbud", 0.5, None),)))
    cost = lambda v: v.years_export.tables[0].df["cost_dkk"][-1]  # noqa: E731
    assert cost(own) < cost(base)          # half of the Botilbud stays leave a year instead of about a quarter


def test_an_invalid_link_value_falls_back_with_a_notice(app):
    app.query_params.update({"horisont": "9", "tilgang": "abc"})
    at = open_page(app, page_file("prognose"))
    assert at.selectbox(key="prognose_horisont").value == 4
    assert at.number_input(key="prognose_tilgang").value == 0.0
    assert any("horisont=9" in i.value for i in at.info) and any("tilgang=abc" in i.value for i in at.info)


# ---- activity-based budget and economy check -----------------------------------------------------------------

def test_check_headline_names_the_largest_overruns():
    check = pl.DataFrame({"label": ["A", "B", "C", "D", "E"],
                          "difference_dkk": [3.26e6, 1.4e6, 0.58e6, 0.3e6, -0.45e6]})
    text = check_headline(check, 2026, 10, "da")
    assert text == ("Økonomitjek 2026 (regnskab til og med oktober + prognose): 4 af 5 tilbud ventes at overskride "
                    "budgettet, samlet 5,1 mio. kr. over; størst: A (+3,3 mio. kr.), B (+1,4 mio. kr.), "
                    "C (+0,6 mio. kr.).")
    under = check.with_columns(pl.col("difference_dkk") - 4e6)
    assert check_headline(under, 2026, 0, "da") == ("Økonomitjek 2026 (intet bogført endnu): alle 5 tilbud ventes at "
                                                    "holde budgettet, samlet 14,9 mio. kr. under.")
    none = check.with_columns(pl.lit(None, pl.Float64).alias("difference_dkk"))
    assert check_headline(none, 2026, 10, "da").startswith("Økonomitjek 2026: regnskabet har intet budget")


def test_budget_view_adds_up_on_the_demo(demo):
    data, index = demo
    view = budget_check_view(data, _context(index), BudgetChoices("Plejefamilie"), "da")
    assert view.status == "ok" and view.year == data.data_date.year
    assert view.unit_offers == ("Plejefamilie",) and view.unit_functions == ("5.28.22",)
    assert "for tilbuddet alene" in view.tie_note
    budget = dict(view.budget_export.tables[0].df.iter_rows())
    fixed, activity, total, allocated, diff = budget.values()
    days = days_in_year(view.year)
    rates = view.budget_export.tables[1].df
    assert activity == pytest.approx(sum(h * r * days for h, r in rates.select("hap", "rate").iter_rows()))
    assert total == pytest.approx(fixed + activity) and diff == pytest.approx(total - allocated)
    assert fixed == pytest.approx(view.fixed_default_dkk)
    assert view.budget_sentence.startswith("Det aktivitetsbaserede budget for Plejefamilie i 2026 er")
    # own fixed part and an own rate move the budget by what they change
    own = budget_check_view(data, _context(index), BudgetChoices("Plejefamilie", fixed_dkk=fixed + 1e6,
                                                                 rates={("Plejefamilie", "2"): 2000.0}), "da")
    own_total = dict(own.budget_export.tables[0].df.iter_rows())[view.budget_export.tables[0].df["item"][2]]
    r2 = view.rates.filter(pl.col("level") == "2").row(0, named=True)
    assert own_total == pytest.approx(total + 1e6 + r2["hap"] * (2000.0 - r2["rate"]) * days)


def test_economy_check_on_the_demo(demo):
    data, index = demo
    view = budget_check_view(data, _context(index), BudgetChoices("Botilbud"), "da")
    df = view.check_export.tables[0].df
    # a row per unit, the offer types of shared functions together; the largest overrun first
    assert "Botilbud" in df.filter(pl.col("offers_text").str.contains("Døgninstitution"))["offers_text"][0]
    diffs = [d for d in df["difference_dkk"].to_list() if d is not None]
    assert diffs == sorted(diffs, reverse=True)
    for r in df.iter_rows(named=True):
        assert r["expected_dkk"] == pytest.approx(r["actual_to_date_dkk"] + r["activity_rest_dkk"] + r["fixed_rest_dkk"])
        assert r["difference_dkk"] == pytest.approx(r["expected_dkk"] - r["budget_dkk"])
    assert "deler funktioner" in view.tie_note and "der fordeles ikke" in view.tie_note
    assert "regnskab 2026 til og med oktober 2026, ydelser til 15-11-2026" in view.basis
    top = df.row(0, named=True)
    if top["difference_dkk"] > 5e4:
        assert view.check_headline.startswith("Økonomitjek 2026 (regnskab til og med oktober + prognose)")
        assert f"størst: {top['label']} (+" in view.check_headline
    # before refusion: the refusion (an income) leaves the ledger figures, so they grow
    before = budget_check_view(data, _context(index, refund_basis="foer"), BudgetChoices("Botilbud"), "da")
    assert before.check_export.tables[0].df["actual_to_date_dkk"].sum() > df["actual_to_date_dkk"].sum()


def test_the_economy_check_uses_the_pages_own_rates(demo):
    """Half of the Botilbud stays leave a year (own outflow, as in the rates table): less activity for the rest of
    the year in Botilbud's unit, the other units unchanged."""
    data, index = demo
    base = budget_check_view(data, _context(index), BudgetChoices("Botilbud"), "da").check_export.tables[0].df
    own = budget_check_view(data, _context(index), BudgetChoices("Botilbud", rate_overrides=(("Botilbud", 0.5, None),)),
                            "da").check_export.tables[0].df
    rest = lambda df, botilbud: df.filter(pl.col("offers_text").str.contains("Botilbud") == botilbud)  # noqa: E731
    assert rest(own, True)["activity_rest_dkk"][0] < rest(base, True)["activity_rest_dkk"][0]
    assert rest(own, False).sort("label")["activity_rest_dkk"].to_list() == \
        pytest.approx(rest(base, False).sort("label")["activity_rest_dkk"].to_list())


def test_budget_rates_hide_small_counts_when_asked(demo):
    data, index = demo
    shown = budget_check_view(data, _context(index), BudgetChoices("Botilbud"), "da").rates
    hidden = budget_check_view(data, _context(index), BudgetChoices("Botilbud"), "da", suppress=True)
    small = shown.filter((pl.col("citizens") > 0) & (pl.col("citizens") < 5))
    assert small.height > 0 and hidden.suppressed_note
    for o, lvl in small.select("offer_type", "level").iter_rows():
        row = hidden.rates.filter((pl.col("offer_type") == o) & (pl.col("level") == lvl)).row(0, named=True)
        assert row["citizens"] is None and row["rate"] is None and row["cost_dkk"] is None
    # the totals stay
    assert hidden.budget_export.tables[0].df["amount_dkk"].to_list() == pytest.approx(
        budget_check_view(data, _context(index), BudgetChoices("Botilbud"), "da").budget_export.tables[0].df["amount_dkk"].to_list())


def test_the_page_shows_the_budget_and_the_economy_check_and_links_them(app):
    app.query_params.update({"budget_tilbud": "Støtte i eget hjem", "budget_fast": "2",
                             "budget_takster": "Støtte i eget hjem|2:900"})
    at = open_page(app, page_file("prognose"))
    assert at.selectbox(key="prognose_budget_tilbud").value == "Støtte i eget hjem"
    assert at.number_input(key="prognose_budget_fast_" + str(at.selectbox(key="prognose_budget_tilbud").options
                                                               .index("Støtte i eget hjem"))).value == 2.0
    assert any(md.value.startswith("**Det aktivitetsbaserede budget for Støtte i eget hjem") and "fast del 2,0 mio. kr." in md.value
               for md in at.markdown)
    assert any(md.value.startswith("**Økonomitjek 2026") for md in at.markdown)
    check = chart(at, "Økonomitjek 2026")
    assert [s["name"] for s in check["data"]] == ["Regnskab til dato", "Prognose resten af året", "Budget"]
    assert qp(at, "budget_tilbud") == "Støtte i eget hjem" and qp(at, "budget_fast") == "2"
    assert qp(at, "budget_takster") == "Støtte i eget hjem|2:900"
    editor = [d for d in at.dataframe if "own_rate" in list(d.value.columns)]
    assert len(editor) == 1 and 900.0 in editor[0].value["own_rate"].to_list()


# ---- more than one named move ---------------------------------------------------------------------------------

def test_moves_are_read_and_written_as_the_url_holds_them():
    from dashboard.state import format_moves, parse_moves

    text = "4|Botilbud|Støtte i eget hjem|900;2.5|Særligt tilrettelagt tilbud (1:1)|Botilbud|1500"
    moves = parse_moves(text)
    assert moves == ((4.0, "Botilbud", "Støtte i eget hjem", 900.0),
                     (2.5, "Særligt tilrettelagt tilbud (1:1)", "Botilbud", 1500.0))
    assert format_moves(moves) == text and parse_moves("") == () and format_moves(()) == ""
    with pytest.raises(ValueError):
        parse_moves("4|Botilbud|900")


def test_two_moves_are_both_in_the_scenario(demo):
    data, index = demo
    first = Move(5, "Botilbud", "Støtte i eget hjem", 900.0)
    second = Move(3, "Forsorgshjem", "Støtte i eget hjem", 600.0)
    one = prognose_view(data, _context(index), PrognoseChoices(horizon=2, move=first))
    both = prognose_view(data, _context(index), PrognoseChoices(horizon=2, move=first, extra_moves=(second,)))
    a = Assumptions(origin=data.data_date, horizon_years=2, pl_growth_pct=default_pl_growth(index),
                    data_start=data_start(data.measures, data.data_date))
    from dataclasses import replace
    model = forecast(data.measures, index, replace(a, moves=(first, second))).by_year()
    cost = both.years_export.tables[0].df["scenario_cost_dkk"].to_list()
    assert cost == pytest.approx(model["cost_dkk"].to_list())
    assert cost[-1] != pytest.approx(one.years_export.tables[0].df["scenario_cost_dkk"][-1])
    # the second move alone after the first: Forsorgshjem loses 3 x 1,5 HÅP in the second year after the current one
    seg = forecast(data.measures, index, replace(a, moves=(first, second))).segments
    moved = seg.filter((pl.col("source") == "move") & (pl.col("offer_type") == "Forsorgshjem")
                       & (pl.col("year") == data.data_date.year + 2))["hap"].sum()
    assert moved == pytest.approx(-3 * 1.5)


def test_a_link_with_two_further_moves_round_trips(app):
    app.query_params.update({"flyt": "4", "flyt_fra": "Botilbud", "flyt_til": "Støtte i eget hjem", "flyt_pris": "900",
                             "tiltag": "3|Forsorgshjem|Støtte i eget hjem|600;2|Dagtilbud|Beskæftigelsestilbud|500"})
    at = open_page(app, page_file("prognose"))
    assert at.number_input(key="prognose_tiltag_antal").value == 2
    assert at.selectbox(key="prognose_tiltag_1_fra").value == "Dagtilbud"
    assert at.number_input(key="prognose_tiltag_0_pris").value == 600.0
    assert qp(at, "tiltag") == "3|Forsorgshjem|Støtte i eget hjem|600;2|Dagtilbud|Beskæftigelsestilbud|500"
    assert any(md.value.startswith("Scenariet koster") for md in at.markdown)
    # one more measure, set in the page, joins the URL
    at.number_input(key="prognose_tiltag_antal").set_value(3).run()
    at.number_input(key="prognose_tiltag_2_n").set_value(1.0).run()
    at.number_input(key="prognose_tiltag_2_pris").set_value(700.0).run()
    assert not at.exception, at.exception
    assert qp(at, "tiltag").endswith(f";1|{at.selectbox(key='prognose_tiltag_2_fra').value}|"
                                     f"{at.selectbox(key='prognose_tiltag_2_til').value}|700")


def test_the_segments_by_age_group_add_up_to_the_year(demo):
    data, index = demo
    by_level = prognose_view(data, _context(index), PrognoseChoices(horizon=1)).segments_export
    by_age = prognose_view(data, _context(index), PrognoseChoices(horizon=1, segment_split="alder")).segments_export
    assert by_age.file_stem.endswith("_aldersgrupper") and "aldersgruppe" in by_age.title
    lv, ag = by_level.tables[0].df, by_age.tables[0].df
    assert set(ag["level_label"].to_list()) <= {"0-17 år", "18-22 år", "23-64 år", "65+ år", "Ukendt"}
    for year in lv["year"].unique().to_list():
        assert ag.filter(pl.col("year") == year)["cost_dkk"].sum() == \
            pytest.approx(lv.filter(pl.col("year") == year)["cost_dkk"].sum())


def test_a_link_splits_the_segments_by_age(app):
    app.query_params.update({"segmentopdeling": "alder"})
    at = open_page(app, page_file("prognose"))
    assert at.radio(key="prognose_segmentopdeling").value == "alder"
    assert qp(at, "segmentopdeling") == "alder"
    assert any("Aldersgruppe" in list(d.value.columns) for d in at.dataframe)
    at.radio(key="prognose_segmentopdeling").set_value("niveau").run()
    assert not at.exception and qp(at, "segmentopdeling") == "niveau"
