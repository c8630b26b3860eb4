"""Tests of present/decomposition.py: the Dekomponering page's words (step labels, headline, explanation),
its per-segment report, its exports through the one writer, and its view builder on the test demo."""
from __future__ import annotations

import csv
import io
import os

import openpyxl
import queries
import polars as pl
import pytest

from analysis.decomposition import decompose
from analysis import segments as sg
from present import decomposition as pv
from present.formatting import fmt_signed_dkk
from tests.test_segments import ADULTS, CASES, LEVEL, _q, demo_con, window  # noqa: F401 (demo_con is a fixture)


def test_step_labels_follow_the_sign_and_the_split():
    w = window(2022, 2023, 1)
    segs = pv.build_segments(CASES["regular"], w, LEVEL)
    steps = {s.key: s for s in pv.waterfall_steps(decompose(segs, "lmdi"), LEVEL, w)}
    assert steps["volume"].value > 0 and "Flere" in steps["volume"].label
    assert steps["mix"].value > 0 and "Tungere behov" in steps["mix"].label
    provider = sg.DIMENSIONS["leverandoer"]
    steps = {s.key: s for s in pv.waterfall_steps(decompose(segs, "lmdi"), provider, w)}
    assert "sammensætning" in steps["mix"].label


def test_report_rows_and_total_match_the_decomposition():
    w = window(2022, 2023, 1)
    segs = pv.build_segments(CASES["new_and_ended"], w, LEVEL)
    d = decompose(segs, "lmdi", (100.0, 104.0))
    bridge = sg.LedgerBridge(float(segs["cost_base"].sum()), float(segs["cost_current"].sum()), 50_000.0, 80_000.0)
    report, cols = pv.segment_report(d, segs, LEVEL, w, bridge, scaled=True)
    keys = [c.name for c in cols]
    assert {"inflation", "real_price", "ledger_cost_base", "unallocated", "change"} <= set(keys)
    body, total = report.head(report.height - 1), report.row(-1, named=True)
    assert total["label"] == "I alt"
    assert body["change"].to_list() == pytest.approx((segs["cost_current"] - segs["cost_base"]).to_list())
    assert total["change"] == pytest.approx(d.total_change)
    assert total["volume"] == pytest.approx(d.volume) and total["inflation"] == pytest.approx(d.inflation)
    assert total["ledger_cost_base"] == pytest.approx(50_000.0)
    assert total["unit_price_base"] == pytest.approx(total["cost_base"] / total["volume_base"])
    shown = pv.display_table(report, cols)
    assert shown.row(-1)[0] == "I alt" and all(isinstance(v, str) for v in shown.row(-1))


def test_explanation_numbers_come_from_the_decomposition():
    w = window(2022, 2023, 1)
    big = CASES["regular"].with_columns(pl.col("cost_dkk") * 1000)          # amounts of mio. kr.
    segs = pv.build_segments(big, w, LEVEL)
    d = decompose(segs, "shapley", (100.0, 104.0))
    bridge = sg.LedgerBridge(float(segs["cost_base"].sum()), float(segs["cost_current"].sum()), 100e6, 130e6)
    steps = pv.waterfall_steps(d, LEVEL, w, bridge, scaled=True)
    report, _ = pv.segment_report(d, segs, LEVEL, w, bridge, True)
    text = pv.explanation(d, LEVEL, "Voksne (5.38)", w, steps, "løbende priser", "Shapley", bridge, True, report)
    for value in (d.volume, d.mix, d.unit_price, d.inflation, d.real_price, bridge.unexplained_change):
        assert fmt_signed_dkk(value, unit="mio") in text
    assert "Shapley" in text and "kr.." not in text and "Regnskab" not in text.split(".")[0]
    assert text.startswith("Fra 2022 til 2023 (jan. i begge år) steg nettoudgiften før statsrefusion i regnskabet (dranst 1) til Voksne (5.38) "
                           "med 30,0 mio. kr., fra 100,0 mio. kr. til 130,0 mio. kr.")
    assert all(abs(v) >= 0.05e6 for v in (d.volume, d.mix, d.inflation, d.real_price))  # signs are in the text


# --- exports ------------------------------------------------------------------------------------

def _export_parts():
    w = window(2022, 2023, 12)
    segs = pv.build_segments(CASES["regular"], w, LEVEL)
    d = decompose(segs, "lmdi")
    bridge = sg.LedgerBridge(float(segs["cost_base"].sum()), float(segs["cost_current"].sum()), 100_000.5, 130_000.25)
    steps = pv.waterfall_steps(d, LEVEL, w, bridge, scaled=True)
    report, cols = pv.segment_report(d, segs, LEVEL, w, bridge, True)
    meta = pv.meta_block("Eksempelby Kommune", "Voksne (5.38)", w, "løbende priser", "LMDI-I", LEVEL, "fagsystem",
                         "demo-1")
    return d, steps, report, cols, pv.totals_report(steps, d, bridge), meta


def test_csv_export_is_danish_and_states_its_context():
    d, steps, report, cols, totals, meta = _export_parts()
    text = pv.csv_export(meta, report, cols, totals).decode("utf-8-sig")
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
    book = openpyxl.load_workbook(io.BytesIO(pv.xlsx_export(meta, report, cols, totals)))
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
    lines = list(csv.reader(io.StringIO(pv.csv_export(meta, report, cols, totals).decode("utf-8-sig"), newline=""),
                            delimiter=";"))
    assert lines[1][1] == "'@kilde"
    assert lines[len(meta) + 2][0] == "'" + hostile
    data = pv.xlsx_export(meta, report, cols, totals)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 2 and not any("<f>" in x or "<f " in x for x in sheets)
    seg = openpyxl.load_workbook(io.BytesIO(data))["Segmenter"]
    cell = seg.cell(len(meta) + 3, 1)
    assert cell.value == hostile and cell.data_type == "s" and cell.quotePrefix




# --- the view builder on the test demo ----------------------------------------------------------

def _context_choices(filters, base: int, cur: int, **kw) -> pv.DecompositionChoices:
    """The choices as the page makes them from the sidebar's filters."""
    return pv.DecompositionChoices(
        base, cur, area_name=filters.area_name, area_code=filters.area_code,
        kommune_caption=f"{filters.kommune_name}", kommune_export=filters.kommune_name,
        price_base_year=filters.price_base.base_year if filters.price_base.is_fixed else None,
        pl_index=dict(filters.pl_index), pl_source=filters.pl_source, **kw)


@pytest.mark.parametrize("dimension, method, scaled, fixed", [
    ("niveau", "lmdi", False, False), ("niveau", "shapley", True, True), ("tilbudstype-niveau", "lmdi", True, False),
    ("leverandoertype", "laspeyres", False, True), ("paragraf-niveau", "pvm", True, True),
])
def test_view_adds_up_and_agrees_with_its_parts(demo_con, dimension, method, scaled, fixed):
    from dashboard.loaders import load_decomposition

    data = load_decomposition(_q(demo_con), ADULTS, dimension, 2022, 2025)
    index = dict(demo_con.sql("select year, index_value from pl_index").fetchall())
    choices = pv.DecompositionChoices(2022, 2025, dimension, method, scaled, area_name="Voksne (5.38)",
                                      price_base_year=2025 if fixed else None, pl_index=index)
    view = pv.decomposition_view(data, choices)
    assert view.status == "ok" and view.window.months == 12 and view.scaled == scaled
    d, steps = view.decomposition, view.steps
    start, end = steps[0].value, steps[-1].value
    # the waterfall adds up: start + every effect = end
    assert start + sum(s.value for s in steps[1:-1]) == pytest.approx(end, rel=1e-12)
    # unscaled it runs from the activity cost of the base year to that of the comparison year (in the view's
    # prices: fixed prices convert each year with PL(2025) / PL(year))
    c0, c1 = view.segments["cost_base"].sum(), view.segments["cost_current"].sum()
    f0, f1 = (index[2025] / index[2022], index[2025] / index[2025]) if fixed else (1.0, 1.0)
    raw = pv.build_segments(data.segments, view.window, view.dimension)
    assert (c0, c1) == (pytest.approx(raw["cost_base"].sum() * f0), pytest.approx(raw["cost_current"].sum() * f1))
    if scaled:
        assert (start, end) == (view.bridge.ledger_base, view.bridge.ledger_current)
    else:
        assert (start, end) == (pytest.approx(c0), pytest.approx(c1))
    # the report's total row is the decomposition's total change, and its rows sum to it
    total = view.report.row(-1, named=True)
    assert total["label"] == "I alt" and total["change"] == pytest.approx(d.total_change)
    assert view.report.head(view.report.height - 1)["change"].sum() == pytest.approx(c1 - c0)
    # in fixed prices PL is never a step of the total: it is the difference to the change in current prices
    assert d.inflation is None and "inflation" not in [s.key for s in steps]
    assert (view.pl_effect is not None) == fixed
    if fixed:
        cur0, cur1 = (raw["cost_base"].sum(), raw["cost_current"].sum()) if not scaled else \
            (view.bridge.ledger_base / f0, view.bridge.ledger_current / f1)
        assert view.current_change == pytest.approx(cur1 - cur0)
        assert (end - start) + view.pl_effect == pytest.approx(view.current_change)
        assert view.kpis[-1].value == pv.fmt_mio_number(view.pl_effect, signed=True)
        assert all("faste 2025-priser" in k.label for k in view.kpis[:4])
    # the first KPI is the waterfall's total change; the exports carry the header block
    assert view.kpis[0].value == pv.fmt_mio_number(end - start, signed=True)
    assert view.csv.decode("utf-8-sig").startswith("Dekomponering af udgiftsændringen")
    assert view.xlsx[:2] == b"PK"
    assert len(view.segment_options) == view.segments.height and view.largest_segment in view.segment_options


def test_splits_agree_on_the_total_and_say_the_price_is_measured_within_segments(demo_con):
    """The same years split by need level and by provider type: the total change is one figure; the unit-price
    effect depends on the split, and the explanation says so for each (issue 15)."""
    from dashboard.loaders import load_decomposition

    views = {}
    for dimension in ("niveau", "leverandoertype"):
        data = load_decomposition(_q(demo_con), ADULTS, dimension, 2022, 2025)
        views[dimension] = pv.decomposition_view(data, pv.DecompositionChoices(2022, 2025, dimension,
                                                                               area_name="Voksne (5.38)"))
    a, b = views["niveau"], views["leverandoertype"]
    assert a.decomposition.total_change == pytest.approx(b.decomposition.total_change, rel=1e-9)
    assert a.kpis[0].value == b.kpis[0].value
    assert a.decomposition.unit_price != pytest.approx(b.decomposition.unit_price, rel=1e-3)
    for view, dim in ((a, "funktionsevneniveau"), (b, "leverandørtype")):
        assert f"Enhedsprisen måles inden for hvert segment ({dim})" in view.explanation, view.explanation


def test_view_says_why_it_has_nothing_to_show(demo_con):
    from dashboard.loaders import load_decomposition

    data = load_decomposition(_q(demo_con), ADULTS, "niveau", 2022, 2027)      # 2027: after the data date
    view = pv.decomposition_view(data, pv.DecompositionChoices(2022, 2027, latest_comparable=2026))
    assert view.status == "no_months" and view.message_level == "warning" and "2027" in view.message
    assert view.hint is not None and "2026" in view.hint
    no_data = replace_data(data, data_date=None)
    assert pv.decomposition_view(no_data, pv.DecompositionChoices(2022, 2025)).status == "no_activity"


def replace_data(data, **changes):
    from dataclasses import replace

    return replace(data, **changes)


def test_the_page_shows_the_view(app, demo_db):
    """The page lays out the view: its KPI cards, headline, explanation and table are the view's."""
    from tests.apptools import open_page
    from dashboard.loaders import load_decomposition

    app.query_params.update({"basis": "2022", "sammenlign": "2025", "skaler": "1"})
    at = open_page(app, "dashboard/pages/decomposition.py")
    filters = at.session_state["_filters"]
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        data = load_decomposition(_q(con), filters.params, "niveau", 2022, 2025)
    finally:
        con.close()
    view = pv.decomposition_view(data, _context_choices(filters, 2022, 2025, scaled=True))
    assert [(m.label, m.value) for m in at.metric] == [(k.label, k.value) for k in view.kpis]
    shown = [md.value for md in at.markdown]
    assert f"**{view.headline}**" in shown and view.explanation in shown
    (waterfall, table, *_) = at.dataframe                # the waterfall's table (one click away), the segments
    assert waterfall.value.iloc[:, 0].tolist() == view.totals_table[:, 0].to_list()
    assert table.value.columns.tolist() == view.table.columns
    assert table.value.iloc[-1].tolist() == list(view.table.row(-1))


@pytest.mark.parametrize("fixed, scaled", [(False, False), (True, False), (True, True)])
def test_main_splits_side_by_side_share_one_total_and_each_adds_up(demo_con, fixed, scaled):
    """The same change under the four main splits (issue 15): one total change in every row, each row's effects
    add up to it, the chosen split's row is its own view's cards, and the sentence names the lowest and the
    highest unit-price effect."""
    import dataclasses

    from dashboard.loaders import load_decomposition

    index = dict(demo_con.sql("select year, index_value from pl_index").fetchall())
    choices = pv.DecompositionChoices(2022, 2025, "niveau", "lmdi", scaled, area_name="Voksne (5.38)",
                                      price_base_year=2024 if fixed else None, pl_index=index)
    views = {k: pv.decomposition_view(load_decomposition(_q(demo_con), ADULTS, k, 2022, 2025),
                                      dataclasses.replace(choices, dimension=k)) for k in pv.MAIN_SPLITS}
    sv = pv.splits_view(views)
    n = sv.numbers
    assert n["key"].to_list() == list(pv.MAIN_SPLITS)
    assert n["total"].to_list() == pytest.approx([n["total"][0]] * n.height, rel=1e-9)
    parts = (n["volume"] + n["mix"] + n["unit_price"] + n["other"]).to_list()
    assert parts == pytest.approx(n["total"].to_list(), rel=1e-12)
    chosen = views["niveau"]
    assert pv.fmt_mio_number(n.row(0, named=True)["unit_price"], signed=True) == chosen.kpis[3].value
    assert n["unit_price"].n_unique() > 1, "the demo's splits give different unit-price effects"
    lo, hi = n["unit_price"].min(), n["unit_price"].max()
    assert pv.fmt_signed_dkk(lo, unit="mio") in sv.sentence and pv.fmt_signed_dkk(hi, unit="mio") in sv.sentence
    assert ("realpriser" in sv.sentence) == fixed and ("faste 2024-priser" in sv.title) == fixed
    assert "måles inden for hvert segment" in sv.note
