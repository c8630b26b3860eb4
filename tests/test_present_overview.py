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


def test_data_quality_findings_are_a_table():
    """Overblik's data-quality findings, one row each with the check, function, year and extent (issue 15)."""
    from types import SimpleNamespace

    from present.overview import overview_view
    from analysis.prices import PriceBase

    findings = pl.DataFrame({
        "check_name": ["measures_without_level", "cost_without_activity", "year_without_budget"],
        "function_code": ["5.38.50", "5.38.52", None], "year": [None, 2022, 2023],
        "count": [12, None, None], "amount_dkk": [None, 3_450_000.0, None],
    })
    data = SimpleNamespace(
        ledger=LEDGER, ledger_fy=pl.DataFrame({"function_code": [], "year": [], "amount_dkk": []},
                                              schema={"function_code": pl.String, "year": pl.Int64, "amount_dkk": pl.Float64}),
        hap=pl.DataFrame({"segment": [], "year": [], "full_year_persons": [], "cost_dkk": [], "is_partial_year": []},
                         schema={"segment": pl.String, "year": pl.Int64, "full_year_persons": pl.Float64,
                                 "cost_dkk": pl.Float64, "is_partial_year": pl.Boolean}),
        history=pl.DataFrame({"kind": [], "file_name": [], "rows_loaded": [], "first_year": [], "last_year": [],
                              "finished_at": []}, schema={"kind": pl.String, "file_name": pl.String,
                                                         "rows_loaded": pl.Int64, "first_year": pl.Int64,
                                                         "last_year": pl.Int64, "finished_at": pl.Datetime}),
        findings=findings)
    context = SimpleNamespace(kommune=999, kommune_name="Eksempelby", area_code="5.38", area_name="Voksne",
                              functions=["5.38.50"], from_year=2021, to_year=2023, price_base=PriceBase(None),
                              pl_index={}, price_label="Løbende priser", refund_basis="efter")
    view = overview_view(data, context)
    assert view.findings_table.rows() == [
        ("Ydelser uden funktionsevneniveau", "5.38.50", "–", "12"),
        ("Udgift i regnskabet uden aktivitetsdata", "5.38.52", "2022", "3,5 mio. kr."),
        ("År uden korrigeret budget", "–", "2023", "–"),
    ]
    assert view.findings_table.columns == ["Kontrol", "Funktion", "År", "Omfang"]
    assert overview_view(SimpleNamespace(**{**vars(data), "findings": findings.head(0)}), context).findings_table is None


def test_segment_view_per_level_agrees_with_the_totals_and_the_page_keeps_it(app, demo_db):
    """Overblik split by level: the levels' activity cost adds up to the year-by-year total, and their HÅP to at
    least the total (a person counts once a day per function and segment, so overlapping measures on two levels
    count in both; the page's note says so); the page shows the table and keeps the split in the URL."""
    import os

    import queries
    from dashboard.loaders import load_overview, load_overview_segments
    from present.overview import overview_view, segment_volume_view
    from tests.apptools import qp

    app.query_params["aarsopdeling"] = "niveau"
    at = app.run()
    assert not at.exception, at.exception
    filters = at.session_state["_filters"]
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        q = lambda name, params=None: queries.run(con, name, params or {})   # noqa: E731
        data = load_overview(q, filters.params)
        rows = load_overview_segments(q, filters.params, "niveau")
    finally:
        con.close()
    total = overview_view(data, filters).volume
    seg = segment_volume_view(rows, "niveau", filters)
    assert seg.status == "ok"
    per_year = seg.export.group_by("year").agg(pl.col("full_year_persons").sum(), pl.col("cost_dkk").sum())
    joined = total.join(per_year, on="year", suffix="_seg")
    assert joined.height == total.height
    assert all(s >= t - 1e-9 and s <= t * 1.01 for s, t in zip(joined["full_year_persons_seg"], joined["full_year_persons"]))
    assert joined["cost_dkk_seg"].to_list() == pytest.approx(joined["cost_dkk"].to_list())
    # the page shows the sentence and the table of that view, and the URL keeps the split
    assert seg.sentence in [md.value for md in at.markdown]
    assert any(list(d.value.columns) == list(seg.table.columns) for d in at.dataframe)
    assert qp(at, "aarsopdeling") == "niveau"
    at.selectbox(key="overview_opdeling").select("ingen").run()
    assert "aarsopdeling" not in at.query_params


def test_an_unknown_split_in_a_link_falls_back_with_a_notice(app):
    app.query_params["aarsopdeling"] = "skostoerrelse"
    at = app.run()
    assert not at.exception
    assert at.session_state["overview_opdeling"] == "ingen"
    assert any("skostoerrelse" in i.value for i in at.info)


def _small_data():
    """Three functions over 2021-2023 (2023 partial); 2022 has 4 citizens, and function 5.38.52 had 4 in 2021."""
    from types import SimpleNamespace
    hap = pl.DataFrame({
        "segment": ["5.38.50", "5.38.52", "5.38.53", "5.38.50", "5.38.50"],
        "year": [2021, 2021, 2021, 2022, 2023],
        "full_year_persons": [30.0, 3.0, 10.0, 3.5, 20.0],
        "cost_dkk": [30e6, 6e6, 12e6, 4e6, 10e6],
        "citizens": [36, 4, 12, 4, 30],
        "is_partial_year": [False, False, False, False, True]})
    ledger_fy = pl.DataFrame({"function_code": ["5.38.50", "5.38.52", "5.38.53", "5.38.50", "5.38.52", "5.38.50"],
                              "year": [2021, 2021, 2021, 2022, 2022, 2023],
                              "amount_dkk": [40e6, 8e6, 16e6, 8e6, 2e6, 20e6]})
    history = pl.DataFrame({"kind": [], "file_name": [], "rows_loaded": [], "first_year": [], "last_year": [],
                            "finished_at": []}, schema={"kind": pl.String, "file_name": pl.String,
                                                       "rows_loaded": pl.Int64, "first_year": pl.Int64,
                                                       "last_year": pl.Int64, "finished_at": pl.Datetime})
    data = SimpleNamespace(ledger=LEDGER, ledger_fy=ledger_fy, hap=hap, history=history,
                           findings=pl.DataFrame({"check_name": []}, schema={"check_name": pl.String}),
                           citizens=pl.DataFrame({"year": [2021, 2022, 2023], "citizens": [40, 4, 30]}))
    return data


@pytest.mark.parametrize("suppress_small", [False, True])
def test_small_counts_are_hidden_without_citizen_level_access(suppress_small):
    """Issue 22: 2022 (the KPI year) has 4 citizens: its HÅP, unit price, coverage, citizens and activity cost
    show '<5' for a user without citizen-level access; function 5.38.52's coverage in 2021 (4 citizens) is
    '<5' and the next-smallest of 2021 (5.38.53, 12 citizens) 'skjult', so 2021's total coverage does not give
    it back; the export holds '<5', never the hidden figures; the index chart leaves 2022 out."""
    from types import SimpleNamespace

    from analysis.prices import PriceBase
    from present.exports import ExportMeta, to_csv
    from present.overview import overview_view

    context = SimpleNamespace(kommune=999, kommune_name="Eksempelby", area_code="5.38", area_name="Voksne",
                              functions=["5.38.50"], from_year=2021, to_year=2023, price_base=PriceBase(None),
                              pl_index={}, price_label="Løbende priser", refund_basis="efter")
    view = overview_view(_small_data(), context, suppress_small=suppress_small)
    assert view.year == 2022
    kpis = [k.value for k in view.kpis[2:]]
    coverage = {r[0]: r[1:] for r in view.coverage_table.rows()}
    citizens_col = view.volume_table.columns[2]
    csv_text = to_csv(view.volume, list(view.volume_columns), ExportMeta("t")).decode("utf-8-sig")
    if suppress_small:
        assert kpis == ["<5", "<5", "<5"]
        assert view.volume_table[citizens_col].to_list() == ["40", "<5", "30"]
        assert view.volume_table.row(1)[1:5] == ("<5", "<5", "<5", "<5")
        assert coverage == {"5.38.50": ("75 %", "<5", "50 %"), "5.38.52": ("<5", "0 %", None),
                            "5.38.53": ("skjult", None, None)}
        assert "2022" not in view.volume_chart["year"].to_list()
        assert view.volume_suppressed == "Tal for færre end 5 borgere er skjult."
        assert view.coverage_suppressed.startswith("Tal for færre end 5 borgere er skjult (<5)")
        line_2022 = next(r for r in csv_text.splitlines() if r.startswith("2022;"))
        assert line_2022.split(";")[1:4] == ["<5", "<5", "<5"]
        assert "4000000" not in csv_text and ";3,50;" not in csv_text
    else:
        assert kpis == ["3,5", "1.142,9 t.kr.", "40,0 %"]    # 4 mio. kr. / 3,5 HÅP; 4 / (8 + 2) mio. kr.
        assert view.volume_table[citizens_col].to_list() == ["40", "4", "30"]
        assert coverage["5.38.52"][0] == "75 %" and coverage["5.38.53"][0] == "75 %"
        assert "2022" in view.volume_chart["year"].to_list()
        assert view.volume_suppressed is None and view.coverage_suppressed is None
        assert "4000000" in csv_text


def test_segment_view_hides_a_small_segment_year_and_its_secondary():
    """Issue 22, Overblik per level: level 2 had 3 citizens in 2022, so its 2022 figures and changes say '<5';
    the smallest other level of 2022 (3, 9 citizens) says 'skjult' there (2022's total is on the page); 2023
    is shown in full; the charts leave those two points out, the sentence names neither, the export says the
    same words and holds none of their figures."""
    from types import SimpleNamespace

    from analysis.prices import PriceBase
    from present.exports import ExportMeta, to_csv
    from present.overview import segment_volume_view

    rows = pl.DataFrame({"year": [2022, 2022, 2022, 2023, 2023, 2023], "segment": ["1", "2", "3"] * 2,
                         "full_year_persons": [10.0, 3.0, 8.0, 11.0, 6.0, 9.0], "measure_years": [10.0, 3.0, 8.0, 11.0, 6.0, 9.0],
                         "citizens": [12, 3, 9, 13, 7, 10], "cost_dkk": [5e6, 3.3e6, 6e6, 6e6, 4e6, 7e6],
                         "days_in_period": [365] * 6, "is_partial_year": [False] * 6})
    distinct = rows.select("year", "segment", "citizens")
    context = SimpleNamespace(area_code="5.38", from_year=2022, to_year=2023, price_base=PriceBase(None), pl_index={},
                              price_label="Løbende priser")
    full = segment_volume_view(rows, "niveau", context)
    masked = segment_volume_view(rows, "niveau", context, citizens=distinct)
    by_level = {r[0]: r[1:] for r in masked.table.rows()}
    shown = {r[0]: r[1:] for r in full.table.rows()}
    two, three, one = (next(k for k in by_level if k.startswith(c)) for c in ("2", "3", "1"))
    # columns: HÅP y0, HÅP y1, change, citizens y0, citizens y1, change, unit price y0, y1, change
    assert by_level[two] == ("<5", "6,0", "<5", "<5", "7", "<5", "<5", "666,7", "<5")
    assert by_level[three] == ("skjult", "9,0", "skjult", "skjult", "10", "skjult", "skjult", "777,8", "skjult")
    assert by_level[one] == shown[one] and shown[two][0] == "3,0"
    points = set(zip(masked.lines["segment"].to_list(), masked.lines["year"].to_list()))
    assert ("2", "2022") not in points and ("3", "2022") not in points and ("2", "2023") in points
    assert two.split(" ", 1)[1] not in masked.sentence and three.split(" ", 1)[1] not in masked.sentence
    assert masked.suppressed_note.startswith("Tal for færre end 5 borgere er skjult") and full.suppressed_note is None
    text = to_csv(masked.export, list(masked.export_columns), ExportMeta("t")).decode("utf-8-sig")
    assert any(line.startswith("2;") and line.endswith(";2022;<5;<5;<5;<5") for line in text.splitlines())
    assert any(line.startswith("3;") and line.endswith(";2022;skjult;skjult;skjult;skjult") for line in text.splitlines())
    assert "3300000" not in text and "6000000,00;666666" not in text
