"""Exports of the table behind a chart: CSV (';', decimal comma) and XLSX (Danish number formats),
both opening with a header block that states what the numbers are (area, period, price base, method,
source, data date), so a number quoted in a committee answer carries its explanation.

Pure functions returning bytes; the pages hand them to st.download_button.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import polars as pl
import xlsxwriter

from analysis.formatting import csv_number


@dataclass(frozen=True)
class ExportMeta:
    """What every export states above its table (label -> text, in this order)."""

    title: str
    lines: dict[str, str] = field(default_factory=dict)   # e.g. {"Kommune": ..., "Område": ..., "Prisgrundlag": ...}

    def rows(self) -> list[list[str]]:
        return [[self.title]] + [[k, v] for k, v in self.lines.items()]


@dataclass(frozen=True)
class Column:
    """One exported column: source column, header text, decimals (None = text or integer as is)."""

    name: str
    header: str
    decimals: int | None = None


def _cell_text(value: object, decimals: int | None) -> str:
    if value is None:
        return ""
    if decimals is not None and isinstance(value, (int, float)):
        return csv_number(value, decimals)
    if isinstance(value, float):
        return csv_number(value)
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def to_csv(df: pl.DataFrame, columns: list[Column], meta: ExportMeta) -> bytes:
    """CSV for Danish Excel: UTF-8 with BOM, ';' separator, decimal comma, no thousands separator.

    Layout: the header block (one 'label;text' line each), an empty line, the column headers, the rows.
    """
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    for row in meta.rows():
        w.writerow(row)
    w.writerow([])
    w.writerow([c.header for c in columns])
    for record in df.select([c.name for c in columns]).iter_rows():
        w.writerow([_cell_text(v, c.decimals) for v, c in zip(record, columns)])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(df: pl.DataFrame, columns: list[Column], meta: ExportMeta, sheet: str = "Data") -> bytes:
    """XLSX with the header block on top and numbers stored as numbers with Danish-style formats
    (Excel shows them with the reader's separators: 1.234,5 in a Danish Excel)."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet(sheet[:31])
    bold = wb.add_format({"bold": True})
    title = wb.add_format({"bold": True, "font_size": 14})
    header = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    formats = {d: wb.add_format({"num_format": "#,##0" + ("." + "0" * d if d else "")}) for d in range(0, 5)}
    date_fmt = wb.add_format({"num_format": "dd-mm-yyyy"})
    r = 0
    for i, row in enumerate(meta.rows()):
        if i == 0:
            ws.write(r, 0, row[0], title)
        else:
            ws.write(r, 0, row[0], bold)
            ws.write(r, 1, row[1])
        r += 1
    r += 1
    for j, c in enumerate(columns):
        ws.write(r, j, c.header, header)
        ws.set_column(j, j, max(12, min(45, len(c.header) + 4)))
    first_data = r + 1
    for i, record in enumerate(df.select([c.name for c in columns]).iter_rows()):
        for j, (v, c) in enumerate(zip(record, columns)):
            if v is None:
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(first_data + i, j, float(v), formats.get(c.decimals if c.decimals is not None else 0))
            elif isinstance(v, dt.date):
                ws.write_datetime(first_data + i, j, dt.datetime(v.year, v.month, v.day), date_fmt)
            else:
                ws.write_string(first_data + i, j, str(v))
    ws.freeze_panes(first_data, 0)
    wb.close()
    return out.getvalue()
