"""Suppression of small counts (issue 22): the masking rule (analysis.suppression), its words
(present.suppression) and exports written with it (present.exports): hand-computed expectations."""
from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl
import pytest

from analysis.suppression import suppress, suppressed_rows
from present.exports import Column, ExportMeta, to_csv, to_xlsx
from present.suppression import cells, note


@pytest.mark.parametrize("counts, small, hidden", [
    # nothing small: nothing hidden
    ([10, 20], "..", ".."),
    # one small cell (3): the total would give it back, so the smallest shown (8) goes too; 3 + 8 >= 5
    ([10, 3, 8, 20], ".S..", ".SS."),
    # two small cells adding up to 4 < 5: the total minus the shown rows would be an aggregate of 4, so the
    # smallest shown (10) goes too
    ([10, 3, 1, 20], ".SS.", "SSS."),
    # two small cells adding up to 5: enough
    ([10, 3, 2, 20], ".SS.", ".SS."),
    # 0 citizens describe no one: shown, and never picked for the secondary rule
    ([0, 3, 7], ".S.", ".SS"),
    # ties on the smallest shown: the first in order
    ([4, 6, 6], "S..", "SS."),
    # a group of only small cells: all hidden (its total is then hidden one level up)
    ([2, 2], "SS", "SS"),
    ([3], "S", "S"),
    # an unknown count is treated as small
    ([None, 9, 12], "S..", "SS."),
    # the threshold itself is shown
    ([5, 5], "..", ".."),
])
def test_the_rule(counts, small, hidden):
    s, h = suppressed_rows(counts)
    assert "".join("S" if x else "." for x in s) == small
    assert "".join("S" if x else "." for x in h) == hidden
    # invariants: every small cell is hidden; the hidden cells of a group are none, or at least two
    # adding up to 5 citizens, or the whole group
    assert all(hh for ss, hh in zip(s, h) if ss)
    n = sum(h)
    assert n == 0 or n == len(counts) or (n >= 2 and sum(c or 0 for c, hh in zip(counts, h) if hh) >= 5)


def test_suppress_nulls_the_figures_per_group_and_keeps_the_order():
    frame = pl.DataFrame({"year": [2024, 2024, 2024, 2025, 2025, 2025],
                          "segment": ["a", "b", "c", "a", "b", "c"],
                          "citizens": [12, 3, 7, 12, 9, 30],
                          "cost_dkk": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    out = suppress(frame, "citizens", ["cost_dkk"], within=["year"])
    assert out["segment"].to_list() == ["a", "b", "c", "a", "b", "c"]
    assert out["suppressed"].to_list() == [False, True, True, False, False, False]
    assert out["small"].to_list() == [False, True, False, False, False, False]
    assert out["cost_dkk"].to_list() == [1.0, None, None, 4.0, 5.0, 6.0]
    assert out["citizens"].to_list() == [12, None, None, 12, 9, 30]
    # one group over the whole frame: 3 is hidden with the smallest other (7)
    whole = suppress(frame, "citizens", ["cost_dkk"])
    assert whole["suppressed"].to_list() == [False, True, True, False, False, False]


def test_the_words_and_the_note():
    out = suppress(pl.DataFrame({"n": [10, 3, 8], "v": [1.5, 2.5, 3.5]}), "n", ["v"])
    assert cells(out, "v", lambda v: f"{v:.1f}") == ["1.5", "<5", "skjult"]
    assert cells(out, "n", str) == ["10", "<5", "skjult"]
    assert note([out]) == ("Tal for færre end 5 borgere er skjult (<5); «skjult» er en række mere, der er skjult, "
                           "så totalen ikke afslører de skjulte tal.")
    only_small = suppress(pl.DataFrame({"n": [2, 3, 8], "v": [1.0, 2.0, 3.0]}), "n", ["v"])
    assert note([only_small]) == "Tal for færre end 5 borgere er skjult."
    shown = suppress(pl.DataFrame({"n": [10, 8], "v": [1.0, 2.0]}), "n", ["v"])
    assert note([shown, None]) is None and cells(shown, "v", str) == ["1.0", "2.0"]


def test_an_export_written_with_suppression_says_so_and_holds_no_hidden_number():
    frame = pl.DataFrame({"provider": ["Alfa", "Beta", "Gamma"], "citizens": [40, 3, 11],
                          "cost_dkk": [1234567.0, 987654.0, 555111.0]})
    out = suppress(frame, "citizens", ["cost_dkk"]).with_columns(
        change_dkk=pl.col("cost_dkk") * 0.1)
    columns = [Column("provider", "Leverandør"), Column("citizens", "Borgere"),
               Column("cost_dkk", "Udgift (kr.)", 2), Column("change_dkk", "Ændring (kr.)", 2, formula="{cost_dkk}*0.1",
                                                          total=True)]
    meta = ExportMeta("Test")
    text = to_csv(out, columns, meta).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Alfa", "40", "1234567,00", "123456,70"] in rows
    assert ["Beta", "<5", "<5", "<5"] in rows
    assert ["Gamma", "skjult", "skjult", "skjult"] in rows
    for hidden in ("987654", "98765", "555111", "55511", ";3;", ";11;"):
        assert hidden not in text
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(out, columns, meta)))
    values = [[c for c in row] for row in book.active.iter_rows(values_only=True)]
    assert ("Beta", "<5", "<5", "<5") in [tuple(r) for r in values]
    assert ("Gamma", "skjult", "skjult", "skjult") in [tuple(r) for r in values]
    flat = [v for r in values for v in r if isinstance(v, (int, float))]
    assert not {3, 11, 987654.0, 555111.0} & set(flat)


def test_two_counts_per_row_each_keep_the_rule():
    """A row showing two years is hidden when either year is small; each year's hidden rows then hold at
    least two rows with citizens adding up to 5 (a row of 0 citizens in a year hides nothing there)."""
    frame = pl.DataFrame({"seg": ["a", "b", "c", "d"],
                          "n0": [3, 0, 20, 30],     # base year: a is small
                          "n1": [0, 4, 25, 6],      # comparison year: b is small
                          "v": [1.0, 2.0, 3.0, 4.0]})
    out = suppress(frame, ["n0", "n1"], ["v"])
    # hand-computed: a and b are small; base year: hidden with citizens = a (3) only -> add the smallest shown
    # of n0 with citizens: c (20); comparison year: b (4) + c (25) = 29, two rows: enough
    assert out["small"].to_list() == [True, True, False, False]
    assert out["suppressed"].to_list() == [True, True, True, False]
    assert out["v"].to_list() == [None, None, None, 4.0]
    assert out["n0"].to_list() == [None, None, None, 30] and out["n1"].to_list() == [None, None, None, 6]


@pytest.mark.parametrize("counts, small, hidden", [
    # citizens with cost of at least 0,5 / 1 / 2 mio. kr. (rising thresholds, so falling counts)
    ([40, 12, 6], "...", "..."),
    ([40, 12, 3], "..S", "..S"),          # 3 alone: hidden
    ([40, 9, 6], "...", ".S."),           # 9 - 6 = 3 citizens between 1 and 2 mio.: the 1 mio. row goes
    ([40, 9, 6, 0], "....", ".S.."),      # a threshold nobody reaches (0) hides nothing
    ([8, 7, 2], "..S", "S.S"),            # 2 hidden; 7 shown (7 - 0); 8 - 7 = 1 citizen: the 8 row goes
])
def test_the_nested_rule(counts, small, hidden):
    from analysis.suppression import suppress_nested
    frame = pl.DataFrame({"year": [2025] * len(counts), "t": list(range(len(counts))), "n": counts,
                          "cost": [float(c) for c in counts]})
    out = suppress_nested(frame, "n", ["cost"], ["year"], "t")
    assert "".join("S" if x else "." for x in out["small"]) == small
    assert "".join("S" if x else "." for x in out["suppressed"]) == hidden
    # invariant: shown counts, from the highest threshold down, differ by 0 or at least 5
    shown = [0] + [c for c, h in zip(reversed(counts), reversed(out["suppressed"].to_list())) if not h]
    assert all(b - a == 0 or b - a >= 5 for a, b in zip(shown, shown[1:]))


def test_rows_under_a_hidden_group_are_hidden_with_it():
    """analysis.suppression.suppress_under: offer types A 12, B 3, C 8 over all (B small, C the secondary);
    levels A/x 10, A/y 2, A/z 6 within A (y small, z the secondary), B/x 3 ('<5': small itself and under a
    small group), C/x 8 ('skjult': shown on its own, hidden with C)."""
    from analysis.suppression import SMALL, SUPPRESSED, suppress_under

    parent = suppress(pl.DataFrame({"offer": ["A", "B", "C"], "citizens": [12, 3, 8]}), "citizens", [])
    assert parent[SMALL].to_list() == [False, True, False] and parent[SUPPRESSED].to_list() == [False, True, True]
    rows = pl.DataFrame({"offer": ["A", "A", "A", "B", "C"], "level": ["x", "y", "z", "x", "x"],
                         "citizens": [10, 2, 6, 3, 8], "cost": [1.0, 2.0, 3.0, 4.0, 5.0]})
    out = suppress_under(rows, "citizens", ["cost"], ["offer"], parent)
    assert out["level"].to_list() == ["x", "y", "z", "x", "x"]
    assert cells(out, "cost", str) == ["1.0", "<5", "skjult", "<5", "skjult"]
    assert out["cost"].to_list() == [1.0, None, None, None, None]
    # a group the parent does not know (0 citizens there) counts as shown
    alone = suppress_under(pl.DataFrame({"offer": ["D"], "citizens": [7], "cost": [1.0]}), "citizens", ["cost"],
                           ["offer"], parent)
    assert alone[SUPPRESSED].to_list() == [False]


def test_a_single_hidden_cell_of_a_shown_row_says_small_in_both_files():
    """present.exports Column.small_flag: the row is shown, the flagged cell (null) says '<5' in the CSV and the
    XLSX, the other cells of the row keep their figures."""
    df = pl.DataFrame({"year": [2023, 2024], "citizens": [9, 7], "adult_cost": [None, 1234.0],
                       "adult_small": [True, False]})
    columns = [Column("year", "År"), Column("citizens", "Borgere"),
               Column("adult_cost", "Udgift (kr.)", 0, small_flag="adult_small")]
    text = to_csv(df, columns, ExportMeta("t")).decode("utf-8-sig")
    assert "2023;9;<5\r\n" in text and "2024;7;1234\r\n" in text
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(df, columns, ExportMeta("t")))).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert [2023, 9, "<5"] in values and [2024, 7, 1234] in values
    assert cells(df, "adult_cost", lambda v: f"{v:.0f}", small_flag="adult_small") == ["<5", "1234"]


def test_distinct_citizens_behind_a_forecast():
    """analysis.budget_model.basis_citizens: citizens with a measure on a day of the window (3 years before the
    origin 31-12-2024: 01-01-2022..31-12-2024) that started on or before the origin, per offer type and level."""
    from datetime import date

    from analysis.budget_model import basis_citizens, citizens_in

    m = pl.DataFrame({
        "citizen_key": ["a", "b", "b", "c", "d", "e"],
        "offer_type": ["O", "O", "O", "O", "O", "P"],
        "level": ["1", "1", "2", "1", "1", "1"],
        "start_date": [date(2020, 1, 1), date(2023, 5, 1), date(2024, 1, 1), date(2024, 12, 31), date(2025, 1, 1),
                       date(2021, 1, 1)],
        "end_date": [date(2021, 12, 31), None, date(2024, 6, 30), None, None, date(2022, 1, 1)],
    })
    # a ended before the window, d starts after the origin; b counts once for O though in two levels
    got = basis_citizens(m, date(2024, 12, 31), 3, None, ["offer_type"]).sort("offer_type")
    assert got.rows() == [("O", 2), ("P", 1)]
    got = basis_citizens(m, date(2024, 12, 31), 3, None, ["offer_type", "level"]).sort("offer_type", "level")
    assert got.rows() == [("O", "1", 2), ("O", "2", 1), ("P", "1", 1)]
    # a calendar year as exported (the back-test's actual year): d is in 2025
    assert citizens_in(m, date(2025, 1, 1), date(2025, 12, 31), ["offer_type"]).rows() == [("O", 3)]


@pytest.mark.parametrize("rows, expected", [
    # (citizens, adult_citizens_next, child_citizens_before) per year -> the table's cells: citizens, children's
    # cost, adults next, adults' cost, per citizen
    ([(12, 9, 10)], [("12", "0,1", "9", "0,2", "22")]),
    # a year of fewer than 5 young people: every figure '<5'
    ([(3, 2, 3)], [("<5", "<5", "<5", "<5", "<5")]),
    # a shown year whose adults' cost is of fewer than 5 of them: those cells '<5', the rest shown
    ([(8, 4, 8)], [("8", "0,1", "<5", "<5", "<5")]),
    # and whose children's cost is of fewer than 5
    ([(8, 6, 2)], [("8", "<5", "6", "0,2", "33")]),
    # 0 with adult cost describes no one: shown
    ([(7, 0, 7)], [("7", "0,1", "0", "0,0", "–")]),
])
def test_transitions_hide_a_small_year_and_a_small_part_of_a_year(rows, expected):
    """present.drivers' Overgang til voksen for a user without citizen-level access, on hand-made rows of
    queries/drivers_transitions.sql (year 2023; 2024 the comparison year, both whole): the table's cells, and
    the export holds '<5' where the table does and none of the hidden amounts (children's cost 100.000 kr., adults'
    200.000 kr.)."""
    from types import SimpleNamespace

    from present.drivers import _transitions

    frame = pl.DataFrame([(2023, c, a, 200_000.0 if a else 0.0, 100_000.0, b) for c, a, b in rows],
                         schema={"year_18": pl.Int64, "citizens": pl.Int64, "adult_citizens_next": pl.Int64,
                                 "adult_cost_next_dkk": pl.Float64, "child_cost_before_dkk": pl.Float64,
                                 "child_citizens_before": pl.Int64}, orient="row")
    factors = {2022: 1.0, 2023: 1.0, 2024: 1.0}
    view = _transitions(SimpleNamespace(transitions=frame), None,
                        SimpleNamespace(comparison_year=2024, suppress_small=True), [2022, 2023, 2024], factors,
                        "løbende priser", {})
    table = view.tables["transitions"]
    got = [tuple(r[1:]) for r in table.filter(pl.col(table.columns[0]) == "2023").rows()]
    assert got == expected
    export = view.exports[0]
    text = to_csv(export.df, list(export.columns), ExportMeta("t")).decode("utf-8-sig")
    line = next(x for x in text.splitlines() if x.startswith("2023;"))
    assert line.count("<5") == sum(v == "<5" for v in expected[0])
    if "<5" in expected[0]:
        assert view.suppressed_note == "Tal for færre end 5 borgere er skjult."
    # the children's cost is 100.000 kr., the adults' 200.000 kr.: a hidden one is nowhere in the line
    assert ("100000" in line) == (expected[0][1] != "<5")
    assert ("200000" in line) == (expected[0][3] not in ("<5", "0,0"))


def test_measures_in_and_out_hide_a_year_part_of_few_citizens(demo_db):
    """Udgiftsdrivere's 'tilgang' section for a user without citizen-level access, on the demo's adults with
    hand-made rows of queries/drivers_flow_month.sql and drivers_flow_citizens.sql: 2024's measures started by 2
    citizens (3 measures) say '<5' with the net, its ended ones (5 citizens) are shown; 2025's ended ones (1
    citizen, 6 measures) say '<5' with their mean duration and the KPI; the export holds none of the hidden
    figures."""
    import dataclasses

    import queries
    from dashboard.loaders import load_drivers
    from present.drivers import DriversChoices, drivers_view
    from tests.test_segments import ADULTS, _q
    from tests.test_suppression_pages import _context

    con = queries.connect_read_only(str(demo_db))
    try:
        data = load_drivers(_q(con), ADULTS, 2024, 2025)
    finally:
        con.close()
    flow = pl.DataFrame([(2024, 1, 2, 800.0, 3, 300), (2024, 2, 1, 400.0, 2, 200), (2025, 3, 7, 900.0, 6, 6_000)],
                        schema={"year": pl.Int64, "month": pl.Int64, "started_measures": pl.Int64,
                                "started_dkk_per_day": pl.Float64, "ended_measures": pl.Int64,
                                "ended_duration_days": pl.Int64}, orient="row")
    people = pl.DataFrame([(2024, 2, 5), (2025, 6, 1)], schema={"year": pl.Int64, "started_citizens": pl.Int64,
                                                               "ended_citizens": pl.Int64}, orient="row")
    data = dataclasses.replace(data, flow_month=flow, flow_citizens=people)
    full = drivers_view(data, _context(), DriversChoices(2024, 2025, "tilgang"))
    masked = drivers_view(data, _context(), DriversChoices(2024, 2025, "tilgang", suppress_small=True))
    assert full.kpis[3].value == "1.000 dage" and masked.kpis[3].value == "<5"
    export = masked.exports[1]
    text = to_csv(export.df, list(export.columns), ExportMeta("t")).decode("utf-8-sig")
    shown = to_csv(full.exports[1].df, list(full.exports[1].columns), ExportMeta("t")).decode("utf-8-sig")
    assert "2024;3;5;-2;100\r\n" in shown and "2025;7;6;1;1000\r\n" in shown
    assert "2024;<5;5;<5;100\r\n" in text and "2025;7;<5;<5;<5\r\n" in text
    chart = masked.charts["measures"]
    assert chart["started_measures"].to_list() == [None, 7] and chart["ended_measures"].to_list() == [5, None]
    assert masked.suppressed_note and masked.suppressed_note.startswith("Tal for færre end 5 borgere er skjult")


def test_provider_types_of_few_citizens_are_left_out_of_the_chart(demo_db):
    """Udgiftsdrivere's cost per provider type for a user without citizen-level access: a type's citizens in a
    year are at least those of its largest provider/offer-type row (analysis.drivers.provider_type_citizens, a
    lower bound); on the demo's adults with the region's providers' rows of 2025 in
    queries/drivers_provider_offer_citizens.sql made 2 citizens each, region 2025 is
    left out of the chart with the smallest other type of 2025 (the KPIs show the year's total), every other
    year is drawn as with access, and the line under the page says so."""
    import dataclasses

    import queries
    from analysis.drivers import provider_type_citizens
    from dashboard.loaders import load_drivers
    from present.drivers import DriversChoices, drivers_view
    from tests.test_segments import ADULTS, _q
    from tests.test_suppression_pages import _context

    people = pl.DataFrame({"provider": ["A", "A", "B", "C"], "offer_type": ["x", "y", "x", "x"], "year": [2025] * 4,
                           "citizens": [3, 7, 4, 2]})
    types = pl.DataFrame({"provider": ["A", "B", "C"], "provider_type": ["egen", "egen", "privat"], "year": [2025] * 3})
    assert provider_type_citizens(people, types).sort("provider_type").rows() == [(2025, "egen", 7),
                                                                                    (2025, "privat", 2)]
    con = queries.connect_read_only(str(demo_db))
    try:
        data = load_drivers(_q(con), ADULTS, 2022, 2025, section="leverandoerer")
    finally:
        con.close()
    region = data.provider_year.filter(pl.col("provider_type") == "region")["provider"].unique().to_list()
    few = data.provider_offer_citizens.with_columns(
        pl.when(pl.col("provider").is_in(region) & (pl.col("year") == 2025)).then(2).otherwise(pl.col("citizens"))
        .alias("citizens"))
    data = dataclasses.replace(data, provider_offer_citizens=few)
    full = drivers_view(data, _context(), DriversChoices(2022, 2025, "leverandoerer"))
    masked = drivers_view(data, _context(), DriversChoices(2022, 2025, "leverandoerer", suppress_small=True))
    drawn = lambda v, y: v.charts["types"].filter(pl.col("year") == y)["provider_type"].to_list()  # noqa: E731
    assert "region" in drawn(full, 2025) and "region" not in drawn(masked, 2025)
    assert len(drawn(masked, 2025)) == len(drawn(full, 2025)) - 2
    for year in (2022, 2023, 2024):
        assert drawn(masked, year) == drawn(full, year)
    assert [k.value for k in masked.kpis] == [k.value for k in full.kpis]
    assert masked.suppressed_note
