"""Readers: bytes of an export -> rows of raw cells (ingest.read.csv, ingest.read.xlsx) and the header row
among them (ingest.read.header). Cell -> value is ingest.values.

Everything here works on bytes, strings and plain Python values: no database, no files, no global state. The
importer combines these primitives and attaches file/column context to the errors they raise.

Conventions
-----------
* Errors about the file as a whole (encoding, truncation, not an xlsx) are :class:`TableReadError` with a
  1-based ``row`` when one is known.
* Errors about a single value (ingest.values) are plain :class:`ValueError` with a short, precise reason;
  the caller adds the line number and column name.
* Danish exports are the default: ``;`` as the CSV delimiter, ``,`` as the decimal separator, ``.`` as the
  thousands separator, dates as ``dd-mm-yyyy``.
"""

from __future__ import annotations

from collections.abc import Sequence

# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------


class TableReadError(ValueError):
    """The file cannot be read as a table at all.

    ``row`` is the 1-based physical line (CSV) or Excel row number the problem was found
    on, or ``None`` when it concerns the whole file. ``message`` is the human-readable
    reason (also ``str(error)``).
    """

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row

    def __str__(self) -> str:
        return self.message


def is_blank_row(row: Sequence[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)
