"""Exports of the table behind a chart: CSV (';', decimal comma) and XLSX (Danish number formats),
both opening with a header block that states what the numbers are (area, period, price base, method,
source, data date), so a number quoted in a committee answer carries its explanation.

The one writer of every export of the app (present.decomposition builds its two-table export with it too).
Text in an export may come from imported data (provider names, sources, file names), so no text cell can
become a formula in the spreadsheet that opens it (CSV or formula injection, OWASP): a CSV text cell
starting with = + - @ (or their full-width forms), a tab or a line break gets a leading single quote, and
in XLSX every text is written as a string (never a formula or a link), such text with Excel's own quote
prefix. Numbers are numbers: a negative amount stays a number in both formats.

Pure functions returning bytes; the pages hand them to st.download_button.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import polars as pl
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from analysis.suppression import SMALL, SUPPRESSED
from present.formatting import csv_number
from present.suppression import hidden_text

# what a spreadsheet may read as the start of a formula (or of a DDE command): OWASP's list (= + - @, tab,
# carriage return), a line feed, and the full-width forms that some spreadsheets fold into them
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER_TEXT = re.compile(r"[+-]?\d[\d.,]*")


def is_formula_like(text: str) -> bool:
    """True for text a spreadsheet could take for a formula: it starts with one of FORMULA_START and is
    not a plain number written as text (``"-1234,5"``, harmless and left as it is)."""
    return text.startswith(FORMULA_START) and _NUMBER_TEXT.fullmatch(text) is None


def sheet_names(titles: list[str]) -> list[str]:
    """Excel sheet names for ``titles``: without the characters Excel forbids ([]:*?/\\), at most 31
    characters, unique (' (2)' appended to a repeat)."""
    names: list[str] = []
    for title in titles:
        base = re.sub(r"[\[\]:*?/\\]", " ", title).strip().strip("'")[:31] or "Data"
        name, n = base, 1
        while name.lower() in (x.lower() for x in names):
            n += 1
            name = base[:31 - len(f" ({n})")] + f" ({n})"
        names.append(name)
    return names


def safe_text(text: str) -> str:
    """A CSV text cell that no spreadsheet runs: ``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"`` (OWASP's
    single-quote prefix); any other text unchanged."""
    return "'" + text if is_formula_like(text) else text


@dataclass(frozen=True)
class ExportMeta:
    """What every export states above its table (label -> text, in this order)."""

    title: str
    lines: dict[str, str] = field(default_factory=dict)   # e.g. {"Kommune": ..., "Område": ..., "Prisgrundlag": ...}

    def rows(self) -> list[list[str]]:
        return [[self.title]] + [[k, v] for k, v in self.lines.items()]


@dataclass(frozen=True)
class Column:
    """One column of a table: source column, header text, decimals in the CSV (None = text or integer as
    is) and, when Excel should show another number of decimals than the CSV holds, ``xlsx_decimals``.
    ``kind`` says how an on-screen table shows it (present.decomposition.display_table): text | persons |
    dkk (kr., shown in mio. kr.) | price (kr. per HÅP, shown in t.kr.) | pct; None where it is not shown.
    A 'pct' column holds a fraction (0.1234) and is exported as a percentage (12,34, header '... (%)'),
    its ``decimals`` counting the fraction's digits, so 4 gives a percentage with 2."""

    name: str
    header: str
    decimals: int | None = None
    xlsx_decimals: int | None = None
    kind: str | None = None
    #: XLSX: the cell is this formula over other columns of the same row, e.g. ``"{net_dkk}-{budget_dkk}"``
    #: (Excel recomputes it; the CSV holds the value of column ``name``, which the caller computes the same way)
    formula: str | None = None
    #: XLSX: the table's total row (:attr:`Table.total_label`) sums this column with =SUM(...)
    total: bool = False
    #: a boolean column of the frame: where it is true the cell (null) says '<5', a figure of fewer than 5
    #: citizens hidden in a row that is otherwise shown (analysis.suppression hides whole rows)
    small_flag: str | None = None

    @property
    def export_header(self) -> str:
        """The header in a file: a percentage says so."""
        return self.header + " (%)" if self.kind == "pct" and "%" not in self.header else self.header

    def export_value(self, value: object) -> object:
        """The value in a file: a fraction of a 'pct' column as a percentage (0.1234 -> 12.34)."""
        if self.kind == "pct" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return value * 100
        return value

    def export_decimals(self, xlsx: bool = False) -> int | None:
        """Decimals of the value in a file (a percentage has two fewer than its fraction)."""
        decimals = self.xlsx_decimals if xlsx and self.xlsx_decimals is not None else self.decimals
        if xlsx:
            decimals = decimals or 0
        return max(decimals - 2, 0) if self.kind == "pct" and decimals is not None else decimals


@dataclass(frozen=True)
class Table:
    """One table of an export: its rows, columns, and (XLSX) the sheet it goes on."""

    df: pl.DataFrame
    columns: list[Column]
    sheet: str = "Data"
    #: XLSX: a last row with this label and =SUM() of the columns marked ``total`` (None: no total row)
    total_label: str | None = None
    #: the header block of this table's sheet, when it differs from the workbook's
    meta: ExportMeta | None = None


def _cell_text(value: object, decimals: int | None) -> str:
    if value is None:
        return ""
    if decimals is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
        return csv_number(value, decimals)
    if isinstance(value, float):
        return csv_number(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return safe_text(str(value))


def _hidden(df: pl.DataFrame) -> list[str]:
    """Per row of ``df``: what its empty cells say when analysis.suppression hid the row ('<5' or 'skjult'),
    else ''. The figures of a hidden row are null, so an export never holds them."""
    if SUPPRESSED not in df.columns:
        return [""] * df.height
    return [hidden_text(s) if h else "" for s, h in zip(df[SMALL].to_list(), df[SUPPRESSED].to_list())]


def _hidden_cells(table: Table) -> list[list[str]]:
    """Per row of ``table``: what each column's empty cell says ('' when nothing is hidden): the row's mark
    (:func:`_hidden`), else '<5' where the column's ``small_flag`` is true."""
    rows = _hidden(table.df)
    flags = [table.df[c.small_flag].to_list() if c.small_flag else None for c in table.columns]
    small = hidden_text(True)
    return [[row or (small if f is not None and f[i] else "") for f in flags] for i, row in enumerate(rows)]


def to_csv(df: pl.DataFrame, columns: list[Column], meta: ExportMeta) -> bytes:
    """CSV for Danish Excel: UTF-8 with BOM, ';' separator, decimal comma, no thousands separator.

    Layout: the header block (one 'label;text' line each), an empty line, the column headers, the rows.
    """
    return tables_to_csv(meta, [Table(df, columns)])


def tables_to_csv(meta: ExportMeta, tables: list[Table]) -> bytes:
    """:func:`to_csv` with several tables, one after the other, an empty line before each."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    for row in meta.rows():
        w.writerow([safe_text(v) for v in row])
    for table in tables:
        w.writerow([])
        w.writerow([safe_text(c.export_header) for c in table.columns])
        for record, hidden in zip(table.df.select([c.name for c in table.columns]).iter_rows(), _hidden_cells(table)):
            w.writerow([h if v is None and h else _cell_text(c.export_value(v), c.export_decimals())
                        for v, c, h in zip(record, table.columns, hidden)])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(df: pl.DataFrame, columns: list[Column], meta: ExportMeta, sheet: str = "Data") -> bytes:
    """XLSX with the header block on top and numbers stored as numbers with Danish-style formats
    (Excel shows them with the reader's separators: 1.234,5 in a Danish Excel)."""
    return tables_to_xlsx(meta, [Table(df, columns, sheet)])


class _Formats:
    """The workbook's cell formats by name, each also with Excel's quote prefix (text that must stay text)."""

    STYLES = {"plain": {}, "bold": {"bold": True}, "title": {"bold": True, "font_size": 14},
              "header": {"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"},
              "date": {"num_format": "dd-mm-yyyy"}}

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.wb = wb
        self.made: dict[tuple[str, bool], object] = {}

    def get(self, style: str, quoted: bool = False):
        if (style, quoted) not in self.made:
            props = dict(self.STYLES[style]) if style in self.STYLES else {
                "num_format": "#,##0" + ("." + "0" * int(style) if int(style) else "")}
            self.made[style, quoted] = self.wb.add_format(props | ({"quote_prefix": True} if quoted else {}))
        return self.made[style, quoted]


def _write_text(ws, row: int, col: int, text: str, formats: _Formats, style: str = "plain") -> None:
    """Text as a string cell, never a formula or a link; formula-like text with Excel's quote prefix."""
    quoted = is_formula_like(text)
    fmt = formats.get(style, quoted) if style != "plain" or quoted else None
    ws.write_string(row, col, text, fmt)


def tables_to_xlsx(meta: ExportMeta, tables: list[Table]) -> bytes:
    """:func:`to_xlsx` with several tables, each on its own sheet below its own copy of the header block (the
    table's own ``meta`` where it has one). A column with a ``formula`` is written as that formula over the
    row's cells (its value cached for readers that do not compute); a table with a ``total_label`` ends with
    a row summing its ``total`` columns (=SUM over the rows above)."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    formats = _Formats(wb)
    for table, sheet in zip(tables, sheet_names([tb.sheet for tb in tables])):
        ws = wb.add_worksheet(sheet)
        r = 0
        for i, row in enumerate((table.meta or meta).rows()):
            if i == 0:
                _write_text(ws, r, 0, row[0], formats, "title")
            else:
                _write_text(ws, r, 0, row[0], formats, "bold")
                _write_text(ws, r, 1, row[1], formats)
            r += 1
        r += 1
        for j, c in enumerate(table.columns):
            _write_text(ws, r, j, c.export_header, formats, "header")
            ws.set_column(j, j, max(12, min(45, len(c.export_header) + 4)))
        first_data = r + 1
        letter = {c.name: xl_col_to_name(j) for j, c in enumerate(table.columns)}
        n_rows = table.df.height
        rows = zip(table.df.select([c.name for c in table.columns]).iter_rows(), _hidden_cells(table))
        for i, (record, hidden) in enumerate(rows):
            for j, (v, c) in enumerate(zip(record, table.columns)):
                if v is None and hidden[j]:
                    _write_text(ws, first_data + i, j, hidden[j], formats)
                    continue
                decimals, v = c.export_decimals(xlsx=True), c.export_value(v)
                if c.formula is not None and v is not None:    # no figure (a missing operand): no formula
                    cells = {name: f"{col}{first_data + i + 1}" for name, col in letter.items()}
                    ws.write_formula(first_data + i, j, "=" + c.formula.format(**cells),
                                     formats.get(str(min(decimals, 4))), v)
                    continue
                if v is None:
                    continue
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    ws.write_number(first_data + i, j, float(v), formats.get(str(min(decimals, 4))))
                elif isinstance(v, dt.date):
                    ws.write_datetime(first_data + i, j, dt.datetime(v.year, v.month, v.day), formats.get("date"))
                else:
                    _write_text(ws, first_data + i, j, str(v), formats)
        if table.total_label is not None and n_rows:
            last = first_data + n_rows
            _write_text(ws, last, 0, table.total_label, formats, "bold")
            for j, c in enumerate(table.columns):
                if c.total:
                    decimals = c.export_decimals(xlsx=True)
                    col = letter[c.name]
                    cached = table.df[c.name].sum()
                    ws.write_formula(last, j, f"=SUM({col}{first_data + 1}:{col}{last})",
                                     formats.get(str(min(decimals, 4))), cached)
        ws.freeze_panes(first_data, 0)
    wb.close()
    return out.getvalue()
