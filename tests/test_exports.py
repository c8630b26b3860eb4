"""Exports: header block, Danish CSV numbers, XLSX numbers stored as numbers."""
from __future__ import annotations

import io

import openpyxl
import polars as pl

from analysis.exports import Column, ExportMeta, to_csv, to_xlsx

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
