"""XLSX bytes -> rows of cell values of the first worksheet (conventions: ingest.read)."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

from ingest.read import is_blank_row, TableReadError

XlsxCell: TypeAlias = str | int | float | dt.datetime | dt.date | None


class XlsxLimitExceeded(TableReadError):
    """A row beyond the caller's max_rows (``cells`` None) or wider than its max_columns (``cells``)."""

    def __init__(self, message: str, row: int, cells: int | None = None) -> None:
        super().__init__(message, row)
        self.cells = cells


@dataclass(frozen=True)
class XlsxTable:
    """Rows of the first worksheet of an xlsx file.

    ``rows[i]`` holds the cell values of Excel row ``line_numbers[i]``; trailing empty
    cells of a row are dropped, so rows can differ in length.
    """

    rows: list[list[XlsxCell]]
    line_numbers: list[int]
    sheet_name: str


def _xlsx_cell(value: object) -> XlsxCell:
    if value is None or isinstance(value, (str, int, float, dt.date)):
        # bool is an int and datetime.datetime a datetime.date: both kept as they are
        return value  # type: ignore[return-value]
    # datetime.time, datetime.timedelta and anything exotic: keep as text
    return str(value)


def read_xlsx_rows(data: bytes, max_rows: int | None = None, max_columns: int | None = None,
                   progress: Callable[[int], None] | None = None) -> XlsxTable:
    """Read the first worksheet of an xlsx file into rows of cell values.

    Opens with ``read_only=True, data_only=True``: formulas give their cached value
    (``None`` when the file was never calculated, e.g. written by a script). Cell values
    are ``str``, ``int``, ``float``, ``bool``, ``datetime.datetime``, ``datetime.date`` or
    ``None``; time-of-day and duration cells come back as text. The sheet's stored
    dimensions are ignored (some exporters write wrong ones), trailing empty cells of a
    row are dropped, and rows without any non-blank cell are skipped wherever they are,
    with ``line_numbers`` holding the Excel row numbers of the kept rows.

    Raises :class:`TableReadError` when the data is not a valid xlsx file or the
    worksheet has no non-blank rows, and (limits of the import, see ingest.limits) when a row number
    passes ``max_rows`` or a row has more than ``max_columns`` cells after trailing empty ones are
    dropped; both stop the reading there. ``progress`` is called with the row number every 10.000 rows.
    """
    import openpyxl  # local import: CSV-only callers do not pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    if not data:
        raise TableReadError("file is empty")
    if not data.startswith(b"PK\x03\x04"):
        if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            raise TableReadError(
                "not a valid xlsx file: it is an old Excel .xls (97-2003) file; save it as .xlsx"
            )
        raise TableReadError("not a valid xlsx file: it is not a zip archive (is it a CSV file?)")
    try:
        with warnings.catch_warnings():
            # e.g. "Workbook contains no default style" from non-Excel writers
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
        raise TableReadError(f"not a valid xlsx file: {exc}") from exc
    except Exception as exc:  # openpyxl raises assorted errors on broken XML
        raise TableReadError(f"not a valid xlsx file: {type(exc).__name__}: {exc}") from exc
    try:
        if not wb.worksheets:
            raise TableReadError("not a valid xlsx file: it has no worksheet")
        ws = wb.worksheets[0]
        sheet_name = ws.title
        ws.reset_dimensions()  # type: ignore[union-attr]  # ReadOnlyWorksheet only
        rows: list[list[XlsxCell]] = []
        line_numbers: list[int] = []
        try:
            # read-only iter_rows yields an (empty) row for every row number, so
            # enumerate(..., 1) gives the Excel row number
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                if max_rows is not None and number > max_rows:
                    raise XlsxLimitExceeded(f"the sheet has rows beyond row {max_rows:,}", number)
                if progress is not None and number % 10_000 == 0:
                    progress(number)
                row = [_xlsx_cell(v) for v in values]
                while row and row[-1] is None:
                    row.pop()
                if max_columns is not None and len(row) > max_columns:
                    raise XlsxLimitExceeded(f"row {number} has {len(row):,} cells", number, len(row))
                if is_blank_row(row):
                    continue
                rows.append(row)
                line_numbers.append(number)
        except XlsxLimitExceeded:
            raise
        except Exception as exc:
            raise TableReadError(
                f"not a valid xlsx file: worksheet {sheet_name!r} cannot be read: {type(exc).__name__}: {exc}"
            ) from exc
    finally:
        wb.close()
    if not rows:
        raise TableReadError(f"file is empty: worksheet {sheet_name!r} has no rows")
    return XlsxTable(rows=rows, line_numbers=line_numbers, sheet_name=sheet_name)
