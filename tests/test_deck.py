"""Committee exports (present/deck.py, dashboard/exports.py): which figures become native PowerPoint charts and
with which series (hand-computed), the deck read back with python-pptx (slides, titles, headline, stamp,
series values, number formats, speaker notes), the page's deck built through its own button and compared with
the view builder's figures, the page's workbook (sheets, stamp, formulas) read back with openpyxl."""
from __future__ import annotations

import io

import openpyxl
import plotly.graph_objects as go
import polars as pl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from present.deck import NOTE_NAME, Slide, build_pptx, native_chart, pdf_of_images
from present.exports import Column, ExportMeta, Table, sheet_names, tables_to_xlsx

STAMP = {"Kommune": "Eksempelby Kommune", "Område": "Voksne (5.38)", "Periode": "2019-2024",
         "Priser": "faste 2024-priser", "Kilde": "Regnskab", "Datadato": "15. november 2026"}


def bars_with_budget() -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=["2022", "2023", "2024*"], y=[180.2, 190.5, 95.1], name="Netto",
                marker_color=["#1f5fa8", "#1f5fa8", "#a7adb5"], text=["180,2", "190,5", "95,1"])
    fig.add_scatter(x=["2022", "2023", "2024*"], y=[185.0, None, 200.0], name="Budget", mode="markers",
                    marker=dict(color="#222222"))
    fig.update_layout(title="Nettoudgift, mio. kr.", yaxis_title="mio. kr.", yaxis_tickformat=",.0f")
    return fig


def waterfall() -> go.Figure:
    fig = go.Figure(go.Waterfall(x=["2019", "Pris", "Mængde", "2024"], y=[200.0, 12.5, -4.0, 208.5],
                                 measure=["absolute", "relative", "relative", "total"], texttemplate="%{y:,.1f}"))
    fig.update_layout(title="Fra 2019 til 2024", yaxis_range=[150, 230])
    return fig


def test_bars_with_markers_become_a_combined_chart_with_the_figures_values():
    spec = native_chart(bars_with_budget())
    assert spec.kind == "column" and spec.categories == ("2022", "2023", "2024*")
    net, budget = spec.series
    assert net.values == (180.2, 190.5, 95.1) and net.point_colours == ("1F5FA8", "1F5FA8", "A7ADB5")
    assert budget.values == (185.0, None, 200.0) and budget.line and budget.markers_only
    assert spec.value_title == "mio. kr." and spec.axis_decimals == 0 and spec.data_labels


def test_waterfall_becomes_stacked_columns_on_an_invisible_base():
    spec = native_chart(waterfall())
    assert spec.kind == "stacked_column" and spec.value_range == (150, 230)
    base, up, down, total = spec.series
    # levels 200 -> 212,5 -> 208,5; a fall's base is its lower end
    assert base.invisible and base.values == (None, 200.0, 208.5, None)
    assert up.values == (None, 12.5, None, None)
    assert down.values == (None, None, 4.0, None)
    assert total.values == (200.0, None, None, 208.5)


@pytest.mark.parametrize("make", [
    lambda: go.Figure(go.Box(y=[1, 2, 3])),                                                     # box plot
    lambda: go.Figure(go.Scatter(x=[0.1, 0.5, 1.0], y=[0.2, 0.4, 1.0], mode="lines")),          # numeric x
    lambda: bars_with_budget().add_vline(x=1),                                                  # a shape
    lambda: go.Figure([go.Bar(x=["a"], y=[1]), go.Bar(x=["a"], y=[2])]).update_layout(barmode="overlay"),
    lambda: go.Figure(go.Waterfall(x=["a", "b"], y=[5, -9], measure=["absolute", "relative"])),  # crosses zero
    lambda: bars_with_budget().add_annotation(x="2023", y=100, text="page's own note"),
], ids=["box", "numeric-x", "shape", "overlay", "waterfall-below-zero", "annotation"])
def test_what_powerpoint_cannot_draw_natively_is_an_image(make):
    assert native_chart(make()) is None


def test_user_notes_do_not_stop_a_native_chart_and_other_shapes_of_charts_do():
    fig = bars_with_budget().add_annotation(x="2023", y=100, text="ny leverandør", name=NOTE_NAME)
    assert native_chart(fig) is not None
    horizontal = go.Figure(go.Bar(x=[3.0, -1.5], y=["Botilbud", "Støtte"], orientation="h"))
    assert native_chart(horizontal).kind == "bar"
    assert native_chart(go.Figure([go.Scatter(x=[2022, 2023], y=[1, 2], name="a"),
                                   go.Scatter(x=[2022, 2023], y=[2, 3], name="b")])).kind == "line"


def _chart(slide):
    (frame,) = [s for s in slide.shapes if s.has_chart]
    return frame.chart


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_deck_read_back_slides_titles_stamp_native_series_and_notes():
    slides = [Slide("Nettoudgift, mio. kr.", "Nettoudgiften steg.", bars_with_budget(), STAMP, "Sådan regnes det.",
                    ("2023: ny § 108-leverandør fra marts",)),
              Slide("Fra 2019 til 2024", "Prisen trak op.", waterfall(), STAMP, "Metode.")]
    steps = []
    deck = Presentation(io.BytesIO(build_pptx(slides, lambda done, total, title: steps.append((done, total)))))
    assert steps == [(0, 2), (1, 2), (2, 2)]
    assert (deck.slide_width, deck.slide_height) == (12191695, 6858000)      # 13,333 x 7,5 in: 16:9
    assert len(deck.slides) == 2
    first, second = deck.slides
    texts = _texts(first)
    assert texts[0] == "Nettoudgift, mio. kr." and texts[1] == "Nettoudgiften steg."
    assert "2023: ny § 108-leverandør fra marts" in texts
    assert texts[-1] == ("Kommune: Eksempelby Kommune · Område: Voksne (5.38) · Periode: 2019-2024 · "
                         "Priser: faste 2024-priser · Kilde: Regnskab · Datadato: 15. november 2026")
    assert first.notes_slide.notes_text_frame.text == "Sådan regnes det."
    chart = _chart(first)
    bar_plot, line_plot = chart.plots
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert [s.values for s in bar_plot.series] == [(180.2, 190.5, 95.1)]
    assert [s.values for s in line_plot.series] == [(185.0, None, 200.0)]
    assert list(bar_plot.categories) == ["2022", "2023", "2024*"]
    assert chart.value_axis.tick_labels.number_format == "#,##0"
    assert bar_plot.data_labels.number_format == "#,##0.0"
    assert chart._chartSpace.xpath("c:lang/@val") == ["da-DK"]
    wchart = _chart(second)
    assert wchart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert [s.values for s in wchart.plots[0].series][1:] == [(None, 12.5, None, None), (None, None, 4.0, None),
                                                             (200.0, None, None, 208.5)]
    assert wchart.value_axis.minimum_scale == 150 and wchart.value_axis.maximum_scale == 230


def test_pdf_of_images_has_a_page_per_image_of_the_images_size():
    red, blue = bytes([200, 0, 0]) * 4 * 2, bytes([0, 0, 200]) * 4 * 2
    pdf = pdf_of_images([(4, 2, red), (4, 2, blue), (4, 2, red)], dpi=72)
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert pdf.count(b"/Type /Page ") == 3 and b"/Count 3" in pdf
    assert b"/MediaBox [0 0 4.00 2.00]" in pdf


def test_sheet_names_are_valid_and_unique():
    assert sheet_names(["Nettoudgift [mio. kr.]: 2024/2025", "a" * 40, "a" * 40, ""]) == [
        "Nettoudgift  mio. kr.   2024 20", "a" * 31, "a" * 27 + " (2)", "Data"]


def test_workbook_formulas_and_total_row():
    df = pl.DataFrame({"name": ["=evil()", "B"], "base": [100.0, None], "cur": [150.0, 80.0],
                       "change": [50.0, None]})
    cols = [Column("name", "Leverandør"), Column("base", "2023 (kr.)", 0, total=True),
            Column("cur", "2024 (kr.)", 0, total=True), Column("change", "Ændring (kr.)", 0, formula="{cur}-{base}",
                                                               total=True)]
    meta = ExportMeta("Leverandører", {"Kommune": "Eksempelby Kommune"})
    wb = openpyxl.load_workbook(io.BytesIO(tables_to_xlsx(meta, [Table(df, cols, "Lev", total_label="I alt")])))
    ws = wb["Lev"]
    assert ws["A1"].value == "Leverandører" and ws["B2"].value == "Eksempelby Kommune"
    assert ws["A5"].value == "=evil()" and ws["A5"].data_type == "s" and ws["A5"].quotePrefix
    assert ws["D5"].value == "=C5-B5" and ws["D6"].value is None          # no figure: no formula
    assert (ws["A7"].value, ws["B7"].value, ws["C7"].value, ws["D7"].value) == (
        "I alt", "=SUM(B5:B6)", "=SUM(C5:C6)", "=SUM(D5:D6)")
    assert ws["C7"].number_format == "#,##0"
    cached = openpyxl.load_workbook(io.BytesIO(tables_to_xlsx(meta, [Table(df, cols, "Lev", total_label="I alt")])),
                                    data_only=True)["Lev"]
    assert cached["D5"].value == 50 and cached["C7"].value == 230


# ---- the pages' own exports ------------------------------------------------------------------------------------

def _build(at, kind: str, stem: str) -> bytes:
    (button,) = [b for b in at.button if b.key == f"export_build_{kind}"]
    at = button.click().run()
    assert not at.exception, at.exception
    signature, data = at.session_state[f"_export_{kind}_{stem}"]
    assert any(b.key == f"export_download_{kind}" for b in at.get("download_button"))
    return data


def test_overview_deck_has_the_view_builders_figures(app, demo_db):
    import os

    import queries
    from dashboard.loaders import load_overview
    from present.formatting import fmt_date
    from present.overview import overview_view

    at = app.run()
    assert not at.exception, at.exception
    filters = at.session_state["_filters"]
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        data = load_overview(lambda name, params=None: queries.run(con, name, params or {}), filters.params)
        # the date the pages' exports call the data date: the last import's (widgets.export_meta)
        data_date = fmt_date(queries.run(con, "data_import_history", {})["finished_at"].max())
    finally:
        con.close()
    view = overview_view(data, filters, {k: k for k in data.history["kind"].to_list()})
    deck = Presentation(io.BytesIO(_build(at, "pptx", "overview")))
    slide, volume = deck.slides                # net per year; HÅP, citizens and unit price year by year (issue 15)
    assert _texts(volume)[0] == view.volume_title
    texts = _texts(slide)
    assert texts[0] == view.chart_title and texts[1] == view.headline
    stamp = texts[-1]
    for part in ("Kommune: Eksempelby Kommune (syntetiske demodata)", "Voksne med særlige behov",
                 f"Periode: {filters.from_year}-{filters.to_year}", "Løbende priser", "Netto efter statsrefusion",
                 f"Kilde: {view.source}", f"Datadato: {data_date}"):
        assert part in stamp, (part, stamp)
    chart = _chart(slide)
    (net,) = chart.plots[0].series
    expected = [v / 1e6 if v is not None else None for v in view.net["net_dkk"].to_list()]
    assert list(net.values) == pytest.approx(expected)
    assert list(chart.plots[0].categories) == list(view.bar_labels)
    (budget,) = chart.plots[1].series
    assert list(budget.values) == pytest.approx([v / 1e6 if v is not None else None
                                                for v in view.net["budget_dkk"].to_list()])
    assert "Nettoudgift" in slide.notes_slide.notes_text_frame.text


def test_drivers_workbook_has_a_sheet_per_table_the_stamp_and_formulas(app):
    from dashboard.exports import Collected, workbook
    from tests.apptools import open_page, page_file

    at = open_page(app, page_file("drivers"))           # first section: the providers
    assert any(b.proto.label.startswith("Hent Excel") for b in at.get("download_button"))
    found = at.session_state["_page_export"]
    assert isinstance(found, Collected) and found.tables
    wb = openpyxl.load_workbook(io.BytesIO(workbook(found.tables)))
    assert len(wb.sheetnames) == len(found.tables)
    ws = wb[wb.sheetnames[0]]
    labels = [ws.cell(r, 1).value for r in range(1, 12)]
    assert {"Kommune", "Område", "Periode", "Kilde", "Datadato"} <= set(labels), labels
    header_row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Leverandør")
    headers = [c.value or "" for c in ws[header_row]]
    base, cur, change = (next(i for i, h in enumerate(headers) if h.startswith(p)) + 1
                         for p in ("Udgift ", "Udgift " + headers[[h.startswith("Udgift ") for h in headers].index(True) + 1][7:11], "Ændring"))
    letter = {i: ws.cell(1, i).column_letter for i in (base, cur, change)}
    first = header_row + 1
    assert ws.cell(first, change).value == f"={letter[cur]}{first}-{letter[base]}{first}"
    last = ws.max_row
    assert ws.cell(last, 1).value == "I alt"
    for col in (base, cur, change):
        assert ws.cell(last, col).value == f"=SUM({letter[col]}{first}:{letter[col]}{last - 1})"
