"""Tests of analysis/segments.py: periods, segment building, the ledger bridge (scale to ledger), the
waterfall invariant, texts and exports, with hand-computed expectations on small frames; and the
decomposition queries on the demo database."""
from __future__ import annotations

import csv
import io
import itertools
import os
from datetime import date

import openpyxl
import polars as pl
import pytest

import queries
from analysis import segments as sg
from analysis.decomposition import METHODS, decompose
from analysis.formatting import fmt_signed_dkk, parse_danish_number
from analysis.hap import full_year_persons
from i18n import t
from dashboard.loaders import load_decomposition

LEVEL = sg.DIMENSIONS["niveau"]
OFFER_LEVEL = sg.DIMENSIONS["tilbudstype-niveau"]


def rows(data: list[tuple]) -> pl.DataFrame:
    """(year, month, segment_value, person_days, cost_dkk) -> rows of decomposition_segments.sql."""
    return pl.DataFrame(data, schema={"year": pl.Int64, "month": pl.Int64, "segment_value": pl.String,
                                      "person_days": pl.Int64, "cost_dkk": pl.Float64}, orient="row")


def window(base=2022, cur=2023, months=12) -> sg.Window:
    return sg.Window(base, cur, months, date(2026, 11, 23))


# --- periods ------------------------------------------------------------------------------------

@pytest.mark.parametrize("year, data_date, expected", [
    (2025, date(2026, 11, 23), 12),
    (2026, date(2026, 11, 23), 10),   # november is not complete yet
    (2026, date(2026, 11, 30), 11),   # the data date is the last day of november
    (2026, date(2026, 1, 15), 0),
    (2024, date(2024, 2, 29), 2),     # leap day is the last day of february
    (2027, date(2026, 11, 23), 0),
])
def test_activity_complete_months(year, data_date, expected):
    assert sg.activity_complete_months(year, data_date) == expected


@pytest.mark.parametrize("months, expected", [
    (range(1, 13), 12), ([1, 2, 3, 5], 3), ([2, 3], 0), ([], None), ([1, 1, 2], 2),
])
def test_ledger_complete_months(months, expected):
    assert sg.ledger_complete_months(months) == expected


@pytest.mark.parametrize("year, months, days", [(2024, 2, 60), (2023, 2, 59), (2023, 12, 365), (2024, 12, 366),
                                                 (2026, 10, 304), (2025, 0, 0)])
def test_period_days(year, months, days):
    assert sg.period_days(year, months) == days


def ledger_rows(spec: dict[int, list[int]], amount: float = 10.0) -> pl.DataFrame:
    data = [(y, m, amount * (1 + (y % 10))) for y, months in spec.items() for m in months]
    return pl.DataFrame(data, schema={"year": pl.Int64, "month": pl.Int64, "amount_dkk": pl.Float64}, orient="row")


def test_comparison_window_cuts_both_years_to_the_same_months():
    # activity to 23 november 2026 -> 10 complete months; ledger booked to september -> 9
    w = sg.comparison_window(2022, 2026, date(2026, 11, 23), ledger_rows({2022: list(range(1, 13)), 2026: list(range(1, 10))}))
    assert (w.months, w.is_partial, w.limited_by()) == (9, True, "ledger")
    assert w.days(2022) == w.days(2026) == 273
    assert w.months_text() == "jan.–sep."
    assert w.period_text() == "2022 og 2026 (jan.–sep.)"
    # without a ledger the activity data decides
    w = sg.comparison_window(2022, 2026, date(2026, 11, 23), None)
    assert (w.months, w.limited_by()) == (10, "activity")
    # two whole years
    w = sg.comparison_window(2022, 2025, date(2026, 11, 23), ledger_rows({2022: list(range(1, 13)), 2025: list(range(1, 13))}))
    assert (w.months, w.is_partial, w.period_text()) == (12, False, "2022 og 2025 (hele året)")
    # a year without ledger postings does not limit the months
    w = sg.comparison_window(2022, 2025, date(2026, 11, 23), ledger_rows({2025: list(range(1, 13))}))
    assert (w.months, w.ledger_months[2022]) == (12, None)


# --- segments -----------------------------------------------------------------------------------

def test_build_segments_sums_months_and_divides_by_days_in_the_period():
    # window jan-feb: 59 days in 2022 and in 2023; march is outside the window
    data = rows([
        (2022, 1, "3", 31, 3100.0), (2022, 2, "3", 28, 2800.0), (2022, 3, "3", 31, 9999.0),
        (2022, 1, "ikke_vurderet", 62, 12400.0),
        (2023, 1, "3", 62, 6200.0), (2023, 2, "0", 28, 5600.0),
    ])
    segs = sg.build_segments(data, window(2022, 2023, 2), LEVEL)
    got = {r["segment"]: r for r in segs.iter_rows(named=True)}
    assert segs["segment"].to_list() == ["0", "3", "ikke_vurderet"]          # level order, not alphabetical
    assert [got[k]["label"] for k in ("0", "3", "ikke_vurderet")] == ["0 Ingen", "3 Svært", "Ikke vurderet"]
    assert got["3"]["volume_base"] == pytest.approx(59 / 59)
    assert got["3"]["cost_base"] == pytest.approx(5900.0)
    assert got["3"]["volume_current"] == pytest.approx(62 / 59)
    assert got["3"]["cost_current"] == pytest.approx(6200.0)
    assert (got["ikke_vurderet"]["volume_base"], got["ikke_vurderet"]["volume_current"]) == (pytest.approx(62 / 59), 0.0)
    assert (got["0"]["volume_base"], got["0"]["cost_base"]) == (0.0, 0.0)    # new segment: 0 in the base period
    assert got["0"]["volume_current"] == pytest.approx(28 / 59)
    assert "group" not in segs.columns


def test_build_segments_two_level_has_groups_and_labels():
    data = rows([(2022, m, "Botilbud|3", 31, 100.0) for m in (1,)] + [(2022, 1, "Støtte i eget hjem|1", 31, 50.0),
                                                                       (2023, 1, "Botilbud|4", 31, 200.0)])
    segs = sg.build_segments(data, window(2022, 2023, 1), OFFER_LEVEL)
    assert segs.select("segment", "group", "segment_value", "group_label", "label").rows() == [
        ("Botilbud|3", "Botilbud", "3", "Botilbud", "3 Svært"),
        ("Botilbud|4", "Botilbud", "4", "Botilbud", "4 Fuldstændig"),
        ("Støtte i eget hjem|1", "Støtte i eget hjem", "1", "Støtte i eget hjem", "1 Let"),
    ]
    d = decompose(segs, "lmdi")
    assert d.mix_between is not None and d.mix_within is not None


def test_two_level_split_keeps_a_pipe_in_the_group_name():
    assert OFFER_LEVEL.split("Tilbud | særligt|ikke_vurderet") == ("Tilbud | særligt", "ikke_vurderet")
    assert LEVEL.split("3") == ("", "3")


def test_build_segments_refuses_equal_years():
    with pytest.raises(ValueError):
        sg.build_segments(rows([]), window(2022, 2022), LEVEL)


def test_provider_table():
    prov = pl.DataFrame(
        [(2022, 1, "3", "A", "egen", 31, 310.0), (2023, 1, "3", "A", "egen", 62, 930.0),
         (2023, 1, "3", "B", "privat", 31, 620.0), (2022, 1, "4", "C", "region", 31, 1.0)],
        schema={"year": pl.Int64, "month": pl.Int64, "segment_value": pl.String, "provider": pl.String,
                "provider_type": pl.String, "person_days": pl.Int64, "cost_dkk": pl.Float64}, orient="row")
    table = sg.provider_table(prov, window(2022, 2023, 1), "3")
    assert table["provider"].to_list() == ["A", "B"]                        # largest comparison cost first
    a, b = table.row(0, named=True), table.row(1, named=True)
    assert (a["volume_base"], a["volume_current"], a["unit_price_base"], a["unit_price_current"]) == \
        (pytest.approx(1.0), pytest.approx(2.0), pytest.approx(310.0), pytest.approx(465.0))
    assert (b["volume_base"], b["unit_price_base"], b["provider_type"]) == (0.0, None, "privat")


# --- scale to ledger ----------------------------------------------------------------------------

def test_ledger_bridge_arithmetic():
    bridge = sg.LedgerBridge(activity_base=100.0, activity_current=130.0, ledger_base=125.0, ledger_current=170.0)
    assert bridge.available
    assert bridge.coverage_base == pytest.approx(0.8)
    assert bridge.coverage_current == pytest.approx(130 / 170)
    assert (bridge.unexplained_base, bridge.unexplained_current) == (25.0, 40.0)
    assert bridge.unexplained_change == pytest.approx(15.0)                 # (170 - 130) - (125 - 100)
    segs = pl.DataFrame({"segment": ["a", "b"], "cost_base": [60.0, 40.0], "cost_current": [100.0, 30.0]})
    shares = bridge.ledger_shares(segs)
    assert shares["ledger_cost_base"].to_list() == pytest.approx([75.0, 50.0])      # 60/100*125, 40/100*125
    assert shares["ledger_cost_current"].to_list() == pytest.approx([100 / 130 * 170, 30 / 130 * 170])
    assert shares["ledger_cost_current"].sum() == pytest.approx(170.0)


def test_ledger_bridge_from_rows_uses_the_window_months():
    led = pl.DataFrame([(2022, m, 10.0) for m in range(1, 13)] + [(2023, m, 12.0) for m in range(1, 13)],
                       schema={"year": pl.Int64, "month": pl.Int64, "amount_dkk": pl.Float64}, orient="row")
    bridge = sg.ledger_bridge(led, window(2022, 2023, 6), 50.0, 60.0)
    assert (bridge.ledger_base, bridge.ledger_current) == (60.0, 72.0)
    assert bridge.coverage_base == pytest.approx(50 / 60)
    missing = sg.ledger_bridge(led.filter(pl.col("year") == 2022), window(2022, 2023, 6), 50.0, 60.0)
    assert missing.ledger_current is None and not missing.available and missing.unexplained_change is None
    assert missing.coverage_current is None


# --- the waterfall invariant --------------------------------------------------------------------

CASES = {
    "regular": rows([(2022, 1, "1", 310, 31_000.0), (2022, 1, "3", 155, 46_500.0),
                     (2023, 1, "1", 279, 31_000.0), (2023, 1, "3", 217, 70_000.0)]),
    "new_and_ended": rows([(2022, 1, "1", 310, 31_000.0), (2022, 1, "2", 31, 9_000.0),
                           (2023, 1, "1", 341, 36_000.0), (2023, 1, "4", 62, 30_000.0)]),
    "one_segment": rows([(2022, 1, "2", 31, 1000.0), (2023, 1, "2", 62, 2500.0)]),
}


@pytest.mark.parametrize("case, method, index, scaled",
                         list(itertools.product(CASES, METHODS, [None, (100.0, 104.0)], [False, True])))
def test_steps_add_up_to_the_end_bar(case, method, index, scaled):
    w = window(2022, 2023, 1)
    segs = sg.build_segments(CASES[case], w, LEVEL)
    d = decompose(segs, method, index)
    c0, c1 = segs["cost_base"].sum(), segs["cost_current"].sum()
    bridge = sg.ledger_bridge(pl.DataFrame({"year": [2022, 2023], "month": [1, 1], "amount_dkk": [c0 * 1.3, c1 * 1.2]}),
                              w, c0, c1)
    steps = sg.waterfall_steps(d, LEVEL, w, bridge, scaled)
    start, end = steps[0], steps[-1]
    effects = [s for s in steps[1:-1]]
    assert start.measure == "absolute" and end.measure == "total" and all(s.measure == "relative" for s in effects)
    assert start.value + sum(s.value for s in effects) == pytest.approx(end.value, rel=1e-12, abs=1e-6)
    # effects + unallocated (+ the ledger difference when scaled) = comparison minus base shown
    expected = (c1 * 1.2 - c0 * 1.3) if scaled else (c1 - c0)
    assert end.value - start.value == pytest.approx(expected)
    keys = [s.key for s in effects]
    assert "unallocated" in keys and ("unexplained" in keys) == scaled
    assert ("residual" in keys) == (method == "laspeyres")
    assert (("inflation" in keys) and ("real_price" in keys)) == (index is not None)
    if scaled:
        unexplained = next(s for s in effects if s.key == "unexplained")
        assert unexplained.value == pytest.approx((c1 * 1.2 - c1) - (c0 * 1.3 - c0))
        assert start.label == "Regnskab 2022" and end.label == "Regnskab 2023"
    else:
        assert start.label == "Udgift 2022" and end.label == "Udgift 2023"


def test_step_labels_follow_the_sign_and_the_split():
    w = window(2022, 2023, 1)
    segs = sg.build_segments(CASES["regular"], w, LEVEL)
    steps = {s.key: s for s in sg.waterfall_steps(decompose(segs, "lmdi"), LEVEL, w)}
    assert steps["volume"].value > 0 and "Flere" in steps["volume"].label
    assert steps["mix"].value > 0 and "Tungere behov" in steps["mix"].label
    provider = sg.DIMENSIONS["leverandoer"]
    steps = {s.key: s for s in sg.waterfall_steps(decompose(segs, "lmdi"), provider, w)}
    assert "sammensætning" in steps["mix"].label


def test_scaling_without_ledger_is_refused():
    w = window(2022, 2023, 1)
    segs = sg.build_segments(CASES["regular"], w, LEVEL)
    bridge = sg.LedgerBridge(1.0, 2.0, None, 3.0)
    with pytest.raises(ValueError):
        sg.waterfall_steps(decompose(segs, "lmdi"), LEVEL, w, bridge, scaled=True)


def test_report_rows_and_total_match_the_decomposition():
    w = window(2022, 2023, 1)
    segs = sg.build_segments(CASES["new_and_ended"], w, LEVEL)
    d = decompose(segs, "lmdi", (100.0, 104.0))
    bridge = sg.LedgerBridge(float(segs["cost_base"].sum()), float(segs["cost_current"].sum()), 50_000.0, 80_000.0)
    report, cols = sg.segment_report(d, segs, LEVEL, w, bridge, scaled=True)
    keys = [c.key for c in cols]
    assert {"inflation", "real_price", "ledger_cost_base", "unallocated", "change"} <= set(keys)
    body, total = report.head(report.height - 1), report.row(-1, named=True)
    assert total["label"] == "I alt"
    assert body["change"].to_list() == pytest.approx((segs["cost_current"] - segs["cost_base"]).to_list())
    assert total["change"] == pytest.approx(d.total_change)
    assert total["volume"] == pytest.approx(d.volume) and total["inflation"] == pytest.approx(d.inflation)
    assert total["ledger_cost_base"] == pytest.approx(50_000.0)
    assert total["unit_price_base"] == pytest.approx(total["cost_base"] / total["volume_base"])
    shown = sg.display_table(report, cols)
    assert shown.row(-1)[0] == "I alt" and all(isinstance(v, str) for v in shown.row(-1))


def test_explanation_numbers_come_from_the_decomposition():
    w = window(2022, 2023, 1)
    big = CASES["regular"].with_columns(pl.col("cost_dkk") * 1000)          # amounts of mio. kr.
    segs = sg.build_segments(big, w, LEVEL)
    d = decompose(segs, "shapley", (100.0, 104.0))
    bridge = sg.LedgerBridge(float(segs["cost_base"].sum()), float(segs["cost_current"].sum()), 100e6, 130e6)
    steps = sg.waterfall_steps(d, LEVEL, w, bridge, scaled=True)
    report, _ = sg.segment_report(d, segs, LEVEL, w, bridge, True)
    text = sg.explanation(d, LEVEL, "Voksne (5.38)", w, steps, "løbende priser", "Shapley", bridge, True, report)
    for value in (d.volume, d.mix, d.unit_price, d.inflation, d.real_price, bridge.unexplained_change):
        assert fmt_signed_dkk(value, unit="mio") in text
    assert "Shapley" in text and "kr.." not in text and "Regnskab" not in text.split(".")[0]
    assert text.startswith("Fra 2022 til 2023 (jan.) steg nettoudgiften i regnskabet (dranst 1) til Voksne (5.38) "
                           "med 30,0 mio. kr., fra 100,0 mio. kr. til 130,0 mio. kr.")
    assert all(abs(v) >= 0.05e6 for v in (d.volume, d.mix, d.inflation, d.real_price))  # signs are in the text


# --- exports ------------------------------------------------------------------------------------

def _export_parts():
    w = window(2022, 2023, 12)
    segs = sg.build_segments(CASES["regular"], w, LEVEL)
    d = decompose(segs, "lmdi")
    bridge = sg.LedgerBridge(float(segs["cost_base"].sum()), float(segs["cost_current"].sum()), 100_000.5, 130_000.25)
    steps = sg.waterfall_steps(d, LEVEL, w, bridge, scaled=True)
    report, cols = sg.segment_report(d, segs, LEVEL, w, bridge, True)
    meta = sg.meta_block("Eksempelby Kommune", "Voksne (5.38)", w, "løbende priser", "LMDI-I", LEVEL, "fagsystem",
                         "demo-1")
    return d, steps, report, cols, sg.totals_report(steps, d, bridge), meta


def test_csv_export_is_danish_and_states_its_context():
    d, steps, report, cols, totals, meta = _export_parts()
    text = sg.csv_export(meta, report, cols, totals).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert lines[0] == ["Dekomponering af udgiftsændringen: mængde, kompleksitet (mix) og enhedspris"]
    head = {r[0]: r[1] for r in lines[1:len(meta)]}
    assert head["Kommune"] == "Eksempelby Kommune" and head["Periode"] == "2022 og 2023 (hele året)"
    assert head["Metode"] == "LMDI-I" and head["Priser"] == "løbende priser" and head["Kilde"] == "fagsystem"
    assert head["Datadato"] == "aktivitetsdata til 23-11-2026"
    header = lines[len(meta) + 1]
    assert header[0] == "Funktionsevneniveau" and "Udgift 2022 (kr.)" in header
    body = lines[len(meta) + 2: len(meta) + 2 + report.height]
    assert body[-1][0] == "I alt"
    cost = body[0][header.index("Udgift 2022 (kr.)")]
    assert "," in cost and "." not in cost                                    # decimal comma, no grouping
    assert float(cost.replace(",", ".")) == pytest.approx(31_000.0)
    totals_rows = lines[len(meta) + 3 + report.height:]
    assert totals_rows[0] == ["Komponent", "Beløb (kr.)", "Dækning (%)"]
    by_name = {r[0]: r for r in totals_rows[1:]}
    assert float(by_name["Regnskab 2022"][1].replace(",", ".")) == pytest.approx(100_000.5)
    assert float(by_name["Ændring i alt"][1].replace(",", ".")) == pytest.approx(30_000.25 - 0.5)


def test_xlsx_export_has_header_block_and_numbers():
    d, steps, report, cols, totals, meta = _export_parts()
    book = openpyxl.load_workbook(io.BytesIO(sg.xlsx_export(meta, report, cols, totals)))
    assert book.sheetnames == ["Segmenter", "I alt"]
    for sheet in book.worksheets:
        values = [[c.value for c in r] for r in sheet.iter_rows()]
        assert values[0][0].startswith("Dekomponering af udgiftsændringen")
        assert values[1][:2] == ["Kommune", "Eksempelby Kommune"]
        assert ["Metode", "LMDI-I"] in [v[:2] for v in values[:len(meta)]]
    seg = [[c.value for c in r] for r in book["Segmenter"].iter_rows()]
    header = seg[len(meta) + 1]
    assert header[0] == "Funktionsevneniveau"
    first = seg[len(meta) + 2]
    assert first[header.index("Udgift 2022 (kr.)")] == pytest.approx(31_000.0)
    assert seg[len(meta) + 1 + report.height][0] == "I alt"


def test_decomposition_export_neutralises_formulas_from_data():
    """Segment names come from imported data (providers, measures): the decomposition export goes through
    the one export writer, so they cannot run as formulas either."""
    import zipfile

    d, steps, report, cols, totals, meta = _export_parts()
    hostile = "=HYPERLINK(\"http://evil.example\",\"x\")"
    report = report.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.lit(hostile))
                                 .otherwise(pl.col("label")).alias("label"))
    meta = [(label, "@kilde" if i == 1 else value) for i, (label, value) in enumerate(meta)]
    lines = list(csv.reader(io.StringIO(sg.csv_export(meta, report, cols, totals).decode("utf-8-sig"), newline=""),
                            delimiter=";"))
    assert lines[1][1] == "'@kilde"
    assert lines[len(meta) + 2][0] == "'" + hostile
    data = sg.xlsx_export(meta, report, cols, totals)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 2 and not any("<f>" in x or "<f " in x for x in sheets)
    seg = openpyxl.load_workbook(io.BytesIO(data))["Segmenter"]
    cell = seg.cell(len(meta) + 3, 1)
    assert cell.value == hostile and cell.data_type == "s" and cell.quotePrefix


# --- queries on the demo database ---------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_con(demo_db):
    # the app's configuration: one process may not open a file with two configurations
    con = queries.connect_read_only(os.path.realpath(demo_db))
    yield con
    con.close()


def _q(con):
    return lambda name, params=None: queries.run(con, name, params or {})


ADULTS = {"kommune": 999, "functions": ["5.38.38", "5.38.42", "5.38.50", "5.38.52", "5.38.58", "5.38.59"],
          "from_year": 2022, "to_year": 2025}


@pytest.mark.parametrize("key", list(sg.DIMENSIONS))
def test_every_dimension_runs_and_the_segments_add_up_to_the_activity_cost(demo_con, key):
    data = load_decomposition(_q(demo_con), ADULTS, key)
    w = sg.comparison_window(2022, 2025, data.data_date, data.ledger)
    segs = sg.build_segments(data.segments, w, sg.DIMENSIONS[key])
    # the activity-based cost does not depend on the split (unlike HÅP, merged within a segment)
    total = demo_con.sql("select sum(cost_dkk) from activity_year where kommunekode = 999 and year = 2025 "
                         "and function_code like '5.38.%'").fetchall()[0][0]
    assert segs["cost_current"].sum() == pytest.approx(total, rel=1e-9)
    assert segs.height > 1 and segs["segment"].is_unique().all()
    providers = data.providers.filter(pl.col("year") == 2025)["cost_dkk"].sum()
    assert providers == pytest.approx(total, rel=1e-9)


def test_paragraphs_are_mapped_to_barnets_lov(demo_con):
    children = {"kommune": 999, "functions": ["5.28.20", "5.28.21", "5.28.22", "5.28.23"],
                "from_year": 2022, "to_year": 2025}
    data = load_decomposition(_q(demo_con), children, "paragraf")
    values = set(data.segments["segment_value"].to_list())
    assert values and all(v.startswith("BL §") for v in values), values   # SEL § 52 etc. mapped for 2022 too


def test_level_hap_matches_the_reference_definition(demo_con):
    """HÅP of one level on one function in 2025 against analysis.hap (merged days per citizen / 365)."""
    one = ADULTS | {"functions": ["5.38.50"]}
    data = load_decomposition(_q(demo_con), one, "niveau")
    w = sg.comparison_window(2022, 2025, data.data_date, data.ledger)
    segs = sg.build_segments(data.segments, w, LEVEL)
    got = segs.filter(pl.col("segment") == "3")["volume_current"][0]
    measures = demo_con.sql("select citizen_key, start_date, end_date from activity where kommunekode = 999 "
                            "and function_code = '5.38.50' and level = '3'").fetchall()
    by_citizen: dict[str, list] = {}
    for citizen, start, end in measures:
        by_citizen.setdefault(citizen, []).append((start, end))
    expected = sum(full_year_persons(iv, date(2025, 1, 1), date(2025, 12, 31)) for iv in by_citizen.values())
    assert got == pytest.approx(expected)


def test_partial_comparison_year_on_the_demo_data(demo_con):
    data = load_decomposition(_q(demo_con), ADULTS, "niveau", 2022, 2026)
    w = sg.comparison_window(2022, 2026, data.data_date, data.ledger)
    last_ledger = data.ledger.filter(pl.col("year") == 2026)["month"].max()
    expected = min(sg.activity_complete_months(2026, data.data_date), last_ledger)
    assert w.months == expected and w.is_partial
    assert parse_danish_number("1.234,5") == 1234.5   # the formatting helpers the page relies on
    assert t("decomp.partial_notice", years="2026", date="x", ledger="", months=w.months_text()).endswith(w.months_text())


@pytest.mark.parametrize("years, data_date, expected", [
    ([2019, 2026, 2027], date(2027, 1, 1), 2026),      # New Year's Day: no complete month in 2027
    ([2019, 2026, 2027], date(2027, 1, 31), 2027),     # January is complete on its last day
    ([2027, 2028], date(2028, 2, 29), 2028),
    ([2027], date(2027, 1, 15), None),
    ([2019, 2020], date(2027, 1, 15), 2020),
])
def test_latest_comparable_year(years, data_date, expected):
    assert sg.latest_comparable_year(years, data_date) == expected
