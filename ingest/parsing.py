"""Pure parsing primitives for reading municipal exports (CSV and XLSX) robustly.

Everything here works on bytes, strings and plain Python values: no database, no files,
no global state. The importer combines these primitives and attaches file/column context
to the errors they raise.

Conventions
-----------
* Errors about the file as a whole (encoding, truncation, not an xlsx) are
  :class:`TableReadError` with a 1-based ``row`` when one is known.
* Errors about a single value are plain :class:`ValueError` with a short, precise reason;
  the caller adds the line number and column name.
* Danish exports are the default: ``;`` as the CSV delimiter, ``,`` as the decimal
  separator, ``.`` as the thousands separator, dates as ``dd-mm-yyyy``.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal as _decimal
import io
import math
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

__all__ = [
    "CPR_CANDIDATE_RE2",
    "AccountKey",
    "CsvTable",
    "TableReadError",
    "XlsxCell",
    "XlsxLimitExceeded",
    "XlsxTable",
    "detect_decimal_separator",
    "detect_encoding",
    "find_header_row",
    "find_utf8_character",
    "is_missing_marker",
    "is_utf8_character",
    "locate_byte",
    "looks_like_cpr",
    "mask_cpr",
    "mixed_encoding_error",
    "normalize_cpr",
    "normalize_header",
    "parse_account_key",
    "parse_date",
    "parse_decimal",
    "parse_number",
    "read_csv_rows",
    "read_xlsx_rows",
    "reject_binary",
    "sniff_delimiter",
    "undefined_byte_error",
]


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


# --------------------------------------------------------------------------------------
# Encoding and delimiter detection
# --------------------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"

# Control bytes that never occur in a text export. Tab, LF, VT, FF, CR are text; so is
# 0x1A (Ctrl-Z), which old Windows tools append as an end-of-file marker.
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x1A)) + bytes(range(0x1B, 0x20))
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# Share of control bytes above which data is considered binary. Random/compressed data
# has about 10 %; text exports have none, so 5 % leaves room for a few stray bytes.
_BINARY_RATIO = 0.05

# Magic numbers of file types that users upload by mistake instead of a CSV file.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "an Excel .xlsx or zip file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls (97-2003) file"),
    (b"%PDF-", "a PDF file"),
    (b"\x1f\x8b", "a gzip file"),
)


def reject_binary(data: bytes) -> None:
    """Raise ``TableReadError("not a text file ...")`` for data with a known binary signature
    (xlsx/zip, xls, PDF, gzip), a UTF-16 byte-order mark, NUL bytes or more than 5 % control
    bytes; rule 1 of :func:`detect_encoding`."""
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise TableReadError(f"not a text file: it looks like {what}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableReadError("not a text file: it is UTF-16 encoded; save it as CSV in UTF-8 or Windows-1252")
    if (nul := data.find(b"\x00")) >= 0:
        raise nul_byte_error(locate_byte([data], nul)[0])
    if data:
        control = len(data.translate(None, _NON_CONTROL_BYTES))  # keeps only the control bytes
        if control / len(data) > _BINARY_RATIO:
            raise TableReadError("not a text file: it contains binary control characters")


def detect_encoding(data: bytes) -> str:
    """Return the codec name to decode ``data`` with.

    Rules, in order:

    1. Data with NUL bytes, a known binary signature (xlsx/zip, xls, PDF, gzip), a UTF-16
       byte-order mark, or more than 5 % control bytes raises
       ``TableReadError("not a text file ...")`` (see :func:`reject_binary`).
    2. A UTF-8 byte-order mark -> ``"utf-8-sig"`` (decoding strips the BOM); the rest
       must then be valid UTF-8.
    3. Data that decodes as UTF-8 (this includes plain ASCII) -> ``"utf-8"``.
    4. Data that is not valid UTF-8 but contains a character U+00A0-U+00FF written in
       UTF-8 (see :func:`find_utf8_character`: æ, ø, å, é, §, a no-break space ...) mixes
       UTF-8 and Windows-1252, e.g. two exports concatenated or a file edited in two
       programs. Read as Windows-1252 every UTF-8 character would silently become two
       (``"ø"`` -> ``"Ã¸"``), so this raises :class:`TableReadError` naming the line and
       column of the first such character and of the first byte that is not UTF-8 (see
       :func:`mixed_encoding_error`).
    5. Otherwise ``"cp1252"`` (Windows-1252, what Danish Excel writes). Every byte must
       then be a Windows-1252 character: the five bytes it leaves undefined (0x81, 0x8D,
       0x8F, 0x90, 0x9D) mean a damaged file or another code page (in DOS code page
       865, 0x9D is Ø), so decoding them as Latin-1 control characters would silently
       change the text.

    A byte that breaks rule 2 or 5 raises :class:`TableReadError` naming its line and
    column (see :func:`undefined_byte_error`), with ``row`` set to the line.
    """
    reject_binary(data)
    if data.startswith(_UTF8_BOM):
        try:
            data[len(_UTF8_BOM):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _located_error(data, len(_UTF8_BOM) + exc.start, "utf-8-sig") from None
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        not_utf8 = exc.start
    else:
        return "utf-8"
    utf8 = find_utf8_character(data)
    if utf8 is not None:
        raise mixed_encoding_error(lambda: [data], utf8, not_utf8)
    try:
        data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _located_error(data, exc.start, "cp1252") from None
    return "cp1252"


# Lead byte -> lowest continuation byte of the UTF-8 encodings of U+00A0-U+00FF (the highest is 0xBF).
_UTF8_LATIN1_LEADS = {0xC2: 0xA0, 0xC3: 0x80}


def find_utf8_character(data: bytes, start: int = 0) -> int | None:
    """Offset of the first character U+00A0-U+00FF written in UTF-8 (bytes C2 A0-BF or
    C3 80-BF) in ``data[start:]``, or ``None``. A lead byte as the last byte of ``data``
    does not count (:func:`is_utf8_character` checks a pair split between two chunks).

    These are the letters and signs of Danish text beyond ASCII: æ ø å Æ Ø Å (C3 A6,
    C3 B8, C3 A5, C3 86, C3 98, C3 85), é, §, °, ½, « », the no-break space. Read as
    Windows-1252 the same bytes are "Â" or "Ã" followed by a sign or letter from
    0x80-0xBF ("Ã¸", "Ã©", "Â§"), which never occurs in Danish municipal exports: in a
    file that is not valid UTF-8 they are UTF-8 text mixed into a Windows-1252 file (or
    text that was already garbled that way before the export; either way it is not what
    the user wrote). A genuine Windows-1252 file with such a pair (say a product name
    "Ã©") would be rejected too: that is the price of never garbling UTF-8 silently.
    UTF-8 characters outside this range (the en dash E2 80 93, the euro sign E2 82 AC,
    ā C4 81) are not looked for.

    Cheap: each lead byte is found with ``bytes.find`` (memchr); Danish Windows-1252 text
    has neither "Â" nor "Ã", and in UTF-8 text the first lead byte found is the answer.
    """
    found: int | None = None
    for lead, low in _UTF8_LATIN1_LEADS.items():
        i = data.find(lead, start, found)
        while i >= 0 and i + 1 < len(data):
            if low <= data[i + 1] <= 0xBF:
                found = i
                break
            i = data.find(lead, i + 1, found)
    return found


def is_utf8_character(lead: int, continuation: int) -> bool:
    """True when the two bytes are a character :func:`find_utf8_character` looks for (for a
    pair split between two chunks of a file)."""
    low = _UTF8_LATIN1_LEADS.get(lead)
    return low is not None and low <= continuation <= 0xBF


_DELIMITERS = (";", ",", "\t", "|")
_QUOTE = '"'
_SNIFF_LINES = 50
_SNIFF_BYTES = 256 * 1024   # enough for the first _SNIFF_LINES lines of any export

# Scanner states, mirroring the stdlib csv reader in its default (non-strict) mode.
_START_FIELD, _IN_FIELD, _IN_QUOTED, _QUOTE_IN_QUOTED = range(4)


def _scan_line(line: str, delimiter: str, state: int) -> tuple[int, int]:
    """Count delimiters outside quotes in one physical line (without its line ending).

    ``state`` is the scanner state carried over from the previous line (``_IN_QUOTED``
    when a quoted field spans lines, ``_START_FIELD`` at the start of a record). A quote
    opens a quoted field only at the start of a field, like the csv module; ``""``
    inside a quoted field is an escaped quote. Returns the count and the state at the end
    of the line: ``_IN_QUOTED`` means the record continues on the next line.
    """
    count = 0
    for ch in line:
        if state == _START_FIELD:
            if ch == _QUOTE:
                state = _IN_QUOTED
            elif ch == delimiter:
                count += 1
            else:
                state = _IN_FIELD
        elif state == _IN_FIELD:
            if ch == delimiter:
                count += 1
                state = _START_FIELD
        elif state == _IN_QUOTED:
            if ch == _QUOTE:
                state = _QUOTE_IN_QUOTED
        else:  # _QUOTE_IN_QUOTED: just saw a quote inside a quoted field
            if ch == _QUOTE:
                state = _IN_QUOTED
            elif ch == delimiter:
                count += 1
                state = _START_FIELD
            else:
                state = _IN_FIELD
    if state != _IN_QUOTED:
        state = _START_FIELD
    return count, state


def _record_counts(lines: list[str], delimiter: str) -> list[int]:
    """Delimiter counts per logical record (quoted fields may span lines)."""
    counts: list[int] = []
    state = _START_FIELD
    current = 0
    for line in lines:
        n, state = _scan_line(line.rstrip("\r\n"), delimiter, state)
        current += n
        if state != _IN_QUOTED:
            counts.append(current)
            current = 0
    if state == _IN_QUOTED:
        counts.append(current)
    return counts


def sniff_delimiter(lines: list[str]) -> str:
    """Pick the CSV delimiter among ``;``, ``,``, tab and ``|``.

    Only the first 50 non-empty lines are looked at. For each candidate the number of
    occurrences outside quoted fields is counted per record (a quoted field may span
    lines). A candidate's score is the share of records whose count equals the most
    common non-zero count (its "column count"); candidates that never occur score 0.

    The highest score wins. Ties go to ``;`` (the Danish default) if it is among the
    tied candidates, else to the candidate giving more columns, else in the order
    ``,``, tab, ``|``. When no candidate occurs at all (a single-column file) the result
    is ``;``.
    """
    sample = [line for line in lines if line.strip()][:_SNIFF_LINES]
    best: tuple[float, bool, int, int] | None = None
    chosen = ";"
    for priority, delimiter in enumerate(_DELIMITERS):
        counts = _record_counts(sample, delimiter)
        nonzero = Counter(c for c in counts if c > 0)
        if not nonzero:
            continue
        # most common non-zero count; ties between counts go to the larger count
        mode = max(nonzero, key=lambda c: (nonzero[c], c))
        score = sum(1 for c in counts if c == mode) / len(counts)
        key = (score, delimiter == ";", mode, -priority)
        if best is None or key > best:
            best, chosen = key, delimiter
    return chosen


def locate_byte(chunks: Iterable[bytes], offset: int) -> tuple[int, bytes]:
    """Physical line (1-based) of the byte at ``offset`` of the data ``chunks`` make up, and
    the bytes of that line before it. Lines end in CRLF, LF or CR, as in
    :func:`read_csv_rows`; the chunks may split a CRLF."""
    line, before, position, after_cr = 1, b"", 0, False
    for chunk in chunks:
        chunk = chunk[: offset - position]
        position += len(chunk)
        if chunk:
            crlf = chunk.count(b"\r\n") + (after_cr and chunk.startswith(b"\n"))
            line += chunk.count(b"\n") + chunk.count(b"\r") - crlf
            last_break = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
            before = chunk[last_break + 1:] if last_break >= 0 else before + chunk
            after_cr = chunk.endswith(b"\r")
        if position >= offset:
            break
    return line, before


def nul_byte_error(line: int) -> TableReadError:
    """The error for a file with a NUL byte (binary data), on its first one's physical line."""
    return TableReadError(f"not a text file: line {line} contains a NUL byte (binary data)", row=line)


def undefined_byte_error(line: int, before: bytes, byte: int, encoding: str, delimiter: str) -> TableReadError:
    """The error for a byte the file's encoding does not define: ``line`` is its physical line,
    ``before`` the bytes of the line before it (their delimiters outside quotes give the
    column; a quoted cell spanning lines is not followed back), ``encoding`` the encoding
    the file was read as (``"utf-8-sig"`` or ``"cp1252"``)."""
    column = _column(before, delimiter)
    if encoding == "utf-8-sig":
        what = f"byte 0x{byte:02X} is not valid UTF-8, although the file starts with a UTF-8 byte-order mark"
    else:
        what = f"byte 0x{byte:02X} is not a character in Windows-1252, and the file is not valid UTF-8 either"
    return TableReadError(
        f"line {line}, column {column}: {what}; expected a text file in UTF-8 or Windows-1252 "
        "(the file is damaged or in another encoding; save it again as CSV UTF-8)",
        row=line,
    )


def mixed_encoding_error(chunks: Callable[[], Iterable[bytes]], utf8: int, not_utf8: int) -> TableReadError:
    """The error for a file that is not valid UTF-8 but has UTF-8 text (rule 4 of
    :func:`detect_encoding`): ``utf8`` is the offset of its first UTF-8 character (see
    :func:`find_utf8_character`), ``not_utf8`` that of its first byte that is not UTF-8,
    ``chunks`` gives the file's bytes from the start (called three times: for the delimiter,
    sniffed from the first lines as :func:`read_csv_rows` would, and once per offset; only
    the bytes up to there are read). Names both places by line and column, in file order;
    ``row`` is the line of the first."""
    head = b""
    for chunk in chunks():
        head += chunk[: _SNIFF_BYTES - len(head)]
        if len(head) >= _SNIFF_BYTES:
            break
    delimiter = _sniff_bytes(head)
    places = []
    # neither the two bytes of the character nor the byte that is not UTF-8 (0x80 or above) is a
    # line break, so the line up to just after them ends with them
    line, before = locate_byte(chunks(), utf8 + 2)
    sequence = before[-2:]
    places.append((line, len(before), f"line {line}, column {_column(before[:-2], delimiter)} has "
                   f"{sequence.decode('utf-8')!r} in UTF-8 (bytes {sequence.hex(' ').upper()})"))
    line, before = locate_byte(chunks(), not_utf8 + 1)
    byte = before[-1]
    try:
        as_cp1252 = f"{bytes([byte]).decode('cp1252')!r} in Windows-1252"
    except UnicodeDecodeError:
        as_cp1252 = "nor a character in Windows-1252"
    places.append((line, len(before), f"line {line}, column {_column(before[:-1], delimiter)} has byte "
                   f"0x{byte:02X}, which is not UTF-8 ({as_cp1252})"))
    places.sort()
    return TableReadError(
        f"the file mixes UTF-8 and Windows-1252: {places[0][2]}, and {places[1][2]}; expected one encoding "
        "for the whole file (were two exports joined, or the file edited in two programs?): save it again in one "
        "encoding, e.g. as CSV UTF-8",
        row=places[0][0],
    )


def _column(before: bytes, delimiter: str) -> int:
    """1-based column of the byte after ``before`` (the bytes of its line before it): delimiters
    outside quotes are counted; a quoted cell spanning lines is not followed back."""
    return _scan_line(before.decode("latin-1"), delimiter, _START_FIELD)[0] + 1


def _sniff_bytes(data: bytes) -> str:
    """The delimiter :func:`read_csv_rows` would sniff, from the first bytes of ``data`` read as
    Latin-1 (any byte decodes, so this works before the encoding is known)."""
    return sniff_delimiter(io.StringIO(data[:_SNIFF_BYTES].decode("latin-1"), newline="").readlines())


def _located_error(data: bytes, offset: int, encoding: str) -> TableReadError:
    """undefined_byte_error for the byte at ``offset`` of ``data``; the delimiter is sniffed
    from the first lines, as :func:`read_csv_rows` would."""
    line, before = locate_byte([data], offset)
    return undefined_byte_error(line, before, data[offset], encoding, _sniff_bytes(data))


# --------------------------------------------------------------------------------------
# Reading tables
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvTable:
    """Rows of a CSV file as read, header row included.

    ``rows[i]`` holds the raw cell strings (quotes removed, nothing stripped) of the
    record that starts on physical line ``line_numbers[i]`` (1-based).
    """

    rows: list[list[str]]
    line_numbers: list[int]
    encoding: str
    delimiter: str


def _is_blank_row(row: Sequence[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def read_csv_rows(data: bytes) -> CsvTable:
    """Read CSV bytes into rows of strings.

    The encoding comes from :func:`detect_encoding`, the delimiter from
    :func:`sniff_delimiter`; parsing uses the stdlib csv module (``"`` as quote, ``""``
    as an escaped quote, quoted fields may contain the delimiter and line breaks).
    Lines may end in CRLF, LF or CR. Blank rows (no cells, or only empty/whitespace
    cells such as ``;;;`` written by Excel for an empty row) are skipped; line numbers
    of the remaining rows stay the physical line numbers in the file.

    Raises :class:`TableReadError` for an empty file or one without any non-blank row
    ("file is empty"), for data that is not text or not UTF-8 / Windows-1252 (see
    :func:`detect_encoding`), and for a quoted field that is still
    open at the end of the file (the file was truncated; ``row`` is the line where
    that quote opened). Other csv module errors (e.g. a field over the csv module's
    size limit) also become :class:`TableReadError` with the record's line.
    """
    if not data.removeprefix(_UTF8_BOM).strip():
        raise TableReadError("file is empty")
    encoding = detect_encoding(data)
    text = data.decode(encoding)
    # newline="" splits on \r\n, \n and \r and keeps the endings, as the csv module expects
    lines = io.StringIO(text, newline="").readlines()
    delimiter = sniff_delimiter(lines)

    reader = csv.reader(iter(lines), delimiter=delimiter, quotechar=_QUOTE, doublequote=True, strict=False)
    rows: list[list[str]] = []
    line_numbers: list[int] = []
    consumed = 0  # physical lines consumed by the reader so far
    last_start = 1
    while True:
        start = consumed + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            opened = _open_quote_at_end(lines, start, delimiter)
            if opened is not None:
                raise _truncated(opened) from exc
            raise TableReadError(f"line {start}: malformed CSV: {exc}", row=start) from exc
        consumed = reader.line_num
        last_start = start
        if _is_blank_row(row):
            continue
        rows.append(row)
        line_numbers.append(start)
    # In its default mode the csv module silently ends a quoted field at end of file.
    opened = _open_quote_at_end(lines, last_start, delimiter)
    if opened is not None:
        raise _truncated(opened)
    if not rows:
        raise TableReadError("file is empty")
    return CsvTable(rows=rows, line_numbers=line_numbers, encoding=encoding, delimiter=delimiter)


def _open_quote_at_end(lines: list[str], start: int, delimiter: str) -> int | None:
    """Line (1-based) of a quote that is still open at end of file, for the record starting on ``start``.

    Returns ``None`` when the record ends normally.
    """
    state = _START_FIELD
    opened: int | None = None
    for number, line in enumerate(lines[start - 1 :], start=start):
        before = state
        _, state = _scan_line(line.rstrip("\r\n"), delimiter, state)
        if state == _IN_QUOTED and before != _IN_QUOTED:
            opened = number
    return opened if state == _IN_QUOTED else None


def _truncated(line: int) -> TableReadError:
    return TableReadError(
        f"line {line}: a quoted field opened on this line is never closed before the end of the file; "
        "the file looks truncated (or a closing '\"' is missing)",
        row=line,
    )


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
                if _is_blank_row(row):
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


# --------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------


def normalize_header(name: object) -> str:
    """Normalise a header cell for alias matching.

    Unicode NFC, ``_`` -> space, casefold, whitespace (including no-break spaces)
    collapsed to single spaces, leading/trailing whitespace and trailing dots removed.
    ``None`` gives ``""``; an integral float (``2024.0`` from Excel) gives ``"2024"``.
    Letters are not transliterated: ``"Beløb"`` -> ``"beløb"`` but ``"Beloeb"`` ->
    ``"beloeb"``; aliases in the mapping cover such spellings. The function is
    idempotent.

    >>> normalize_header(" CPR-nr. ")
    'cpr-nr'
    >>> normalize_header("BELØB")
    'beløb'
    """
    if name is None:
        return ""
    if isinstance(name, float) and name.is_integer():
        name = int(name)
    text = unicodedata.normalize("NFC", str(name)).replace("\ufeff", "").replace("_", " ")
    text = " ".join(text.casefold().split())
    return text.rstrip(". ")


def find_header_row(
    rows: Sequence[Sequence[object]],
    accepted: dict[str, set[str]],
    required: set[str],
    max_scan: int = 25,
) -> int | None:
    """Index of the header row, or ``None`` when none of the first ``max_scan`` rows has it.

    ``accepted`` maps each canonical field to its header aliases (normalised with
    :func:`normalize_header`; they are normalised again here, which is harmless). A row
    is the header when, for every field in ``required``, at least one of its cells
    normalises to one of that field's aliases. The first such row wins, so title rows
    above the header (common in xlsx exports) are skipped.

    Raises ``ValueError`` when a required field has no aliases in ``accepted`` (a
    programming error in the mapping, not a problem with the file).
    """
    missing = sorted(f for f in required if not accepted.get(f))
    if missing:
        raise ValueError(f"required field(s) without header aliases: {', '.join(missing)}")
    aliases = {f: {normalize_header(a) for a in accepted[f]} for f in required}
    for index, row in enumerate(rows[:max_scan]):
        cells = {normalize_header(c) for c in row if c is not None}
        if all(aliases[f] & cells for f in required):
            return index
    return None


# --------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------

_MISSING_MARKERS = frozenset({"..", "...", "\u2026", "-", "\u2013"})
_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_CURRENCY_RE = re.compile(r"\s*kr\.?\s*$", re.IGNORECASE)
_EXPONENT_RE = re.compile(r"^(.*?)[eE]([+-]?\d{1,3})$")


def is_missing_marker(text: object) -> bool:
    """True for the Statistics Denmark missing-value markers.

    Accepted (after stripping whitespace): ``".."``, ``"-"``, ``"…"`` and the look-alikes
    ``"..."`` (three dots typed instead of the ellipsis character) and ``"–"`` (an
    en dash, which Excel's autocorrect makes of ``-``). Anything else, including empty
    strings and non-strings, is False: callers decide where markers are allowed and
    treat empty cells separately.
    """
    return isinstance(text, str) and text.strip() in _MISSING_MARKERS


def _strip_sign_and_currency(text: str) -> tuple[str, bool, int]:
    """Remove currency, parentheses and sign; return (body, negative, number of sign marks)."""
    s = _CURRENCY_RE.sub("", text.strip().translate(_SPACES)).strip()
    signs = 0
    negative = False
    if s.startswith("(") and s.endswith(")"):
        s = _CURRENCY_RE.sub("", s[1:-1].strip()).strip()
        negative, signs = True, signs + 1
    s = s.replace("\u2212", "-")  # Unicode minus sign
    if s and s[0] in "+-":
        negative = negative or s[0] == "-"
        s, signs = s[1:].strip(), signs + 1
    if s.endswith("-"):
        negative = True
        s, signs = s[:-1].strip(), signs + 1
    return s, negative, signs


def parse_number(text: object, decimal: str = ",") -> float | None:
    """Parse an amount or count written as in Danish (``decimal=","``) or English exports.

    * ``int``/``float``/``Decimal`` values pass through as ``float`` (NaN and infinity
      are rejected; ``bool`` is rejected).
    * ``None``, empty and whitespace-only strings give ``None``.
    * Thousands separators: the other one of ``.``/``,`` (``"1.234.567,89"`` with ``","``,
      ``"1,234,567.89"`` with ``"."``), or spaces / no-break spaces (``"1 234,5"``).
      They must separate groups of exactly three digits and may not be mixed.
    * Sign: leading ``-`` or ``+``, trailing ``-`` (``"1.234,50-"``), or parentheses
      (``"(1.234,50)"``); only one of these at a time.
    * A trailing ``kr.`` or ``kr`` (any case) is ignored; so is an exponent such as
      ``"1,5E+06"``.

    Raises ``ValueError`` with a short reason for anything else, e.g. ``"12a"``,
    ``"1,2,3"`` (two decimal separators) or ``"1.5"`` with ``decimal=","`` (``.`` is
    then a thousands separator, which needs groups of three digits).
    """
    if _number_input(text, decimal) is None:
        return None
    if not isinstance(text, str):
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"not a number: {text!r} is not finite")
        return value
    literal = _number_literal(text, decimal)
    if literal is None:
        return None
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"not a number: {text.strip()!r} (too large)")
    return value


def parse_decimal(text: object, decimal: str = ",") -> _decimal.Decimal | None:
    """The exact value of an amount, by the rules of :func:`parse_number`.

    Text is read digit for digit (``"0,12495"`` -> ``Decimal("0.12495")``, never a
    binary approximation), so a caller can round it once, by its own rule. ``int`` and
    ``Decimal`` values pass through; a ``float`` (an Excel number cell) gives the decimal
    it prints as (``2.675`` -> ``Decimal("2.675")``). Non-finite values, ``bool`` and other
    types raise ``ValueError``; ``None`` and blank text give ``None``.
    """
    if _number_input(text, decimal) is None:
        return None
    if not isinstance(text, str):
        value = _decimal.Decimal(repr(text) if isinstance(text, float) else text)
        if not value.is_finite():
            raise ValueError(f"not a number: {text!r} is not finite")
        return value
    literal = _number_literal(text, decimal)
    return None if literal is None else _decimal.Decimal(literal)


def _number_input(text: object, decimal: str) -> object:
    """The checks :func:`parse_number` and :func:`parse_decimal` share: the decimal separator is ',' or '.',
    and ``text`` is None, a string or a number (not a bool). Returns ``text``."""
    if decimal not in (",", "."):
        raise ValueError(f"decimal separator must be ',' or '.', not {decimal!r}")
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r} is a boolean")
    if text is not None and not isinstance(text, (str, int, float, _decimal.Decimal)):
        raise ValueError(f"not a number: got a {type(text).__name__}")
    return text


def _number_literal(text: str, decimal: str) -> str | None:
    """The number in ``text`` as a Python literal (``"-1234.5"``, ``"1.5e06"``), ``None`` when
    blank; ValueError for anything :func:`parse_number` rejects."""
    if not text.strip():
        return None
    if is_missing_marker(text):
        raise ValueError(f"not a number: {text.strip()!r} is a missing-value marker")

    def fail(reason: str) -> ValueError:
        return ValueError(f"not a number: {text.strip()!r} ({reason})")

    body, negative, signs = _strip_sign_and_currency(text)
    if signs > 1:
        raise fail("more than one sign")
    if not body:
        raise fail("no digits")
    exponent = ""
    m = _EXPONENT_RE.match(body)
    if m:
        body, exponent = m.group(1), m.group(2)
    thousands = "." if decimal == "," else ","
    for ch in body:
        if not (ch.isascii() and ch.isdigit()) and ch not in (decimal, thousands, " "):
            raise fail(f"unexpected character {ch!r}")
    if body.count(decimal) > 1:
        raise fail(f"more than one decimal separator {decimal!r}")
    int_part, _, frac_part = body.partition(decimal)
    if decimal in body and not frac_part:
        raise fail(f"no digits after the decimal separator {decimal!r}")
    if not frac_part.isdigit() and frac_part:
        raise fail(f"thousands separator after the decimal separator {decimal!r}")
    if not int_part and not frac_part:
        raise fail("no digits")
    if not int_part.isdigit() and int_part:
        seps = {c for c in int_part if not c.isdigit()}
        if len(seps) > 1:
            raise fail("mixed thousands separators")
        groups = int_part.split(seps.pop())
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            raise fail(f"thousands separator {thousands!r} must separate groups of three digits"
                       if thousands in int_part else "spaces must separate groups of three digits")
        int_part = "".join(groups)
    literal = f"{'-' if negative else ''}{int_part or '0'}.{frac_part or '0'}"
    if exponent:
        literal += f"e{exponent}"
    return literal


_DECIMAL_SAMPLE_RE = re.compile(r"[\d.,]*\d[\d.,]*")


def detect_decimal_separator(values: list[str]) -> str:
    """Guess the decimal separator (``","`` or ``"."``) of a column from sample values.

    Each value is cleaned like in :func:`parse_number` (sign, parentheses, ``kr``,
    spaces removed); values that are then not made of digits, ``.`` and ``,`` are
    ignored. A value votes:

    * both ``.`` and ``,`` present: the one occurring last is the decimal separator
      (``"1.234,50"`` -> ``,``; ``"1,234.50"`` -> ``.``);
    * the same separator twice or more: it is a thousands separator, so the decimal is
      the other one (``"1.234.567"`` -> ``,``; ``"1,234,567"`` -> ``.``);
    * a single separator followed by other than three digits, or preceded by more than
      three digits or a lone ``0``: it is the decimal separator (``"1234,5"`` -> ``,``;
      ``"12.50"`` -> ``.``; ``"0.125"`` -> ``.``);
    * a single separator between 1-3 digits and exactly 3 digits (``"1.234"``,
      ``"1,234"``) is ambiguous and does not vote; nor do integers without separators.

    Result: ``"."`` only when the ``.`` votes outnumber the ``,`` votes; otherwise
    (including no evidence at all, or a tie) ``","``, the Danish convention in which a
    lone ``"1.234"`` means one thousand two hundred and thirty-four.
    """
    votes: Counter[str] = Counter()
    for value in values:
        if not isinstance(value, str):
            continue
        body, _, _ = _strip_sign_and_currency(value)
        body = body.replace(" ", "")
        if not _DECIMAL_SAMPLE_RE.fullmatch(body):
            continue
        commas, dots = body.count(","), body.count(".")
        if commas and dots:
            votes["," if body.rfind(",") > body.rfind(".") else "."] += 1
            continue
        if not commas and not dots:
            continue
        sep = "," if commas else "."
        other = "." if sep == "," else ","
        if commas + dots > 1:
            votes[other] += 1
            continue
        before, _, after = body.partition(sep)
        grouping_possible = len(after) == 3 and 1 <= len(before) <= 3 and before != "0"
        if not grouping_possible:
            votes[sep] += 1
    return "." if votes["."] > votes[","] else ","


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

_DATE_ERROR = "expected a date dd-mm-yyyy or yyyy-mm-dd"
_TIME = r"(?:[ T](?P<hh>\d{1,2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:\.\d{1,6})?)?)?"
_DMY_RE = re.compile(r"(?P<d>\d{1,2})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})" + _TIME)
_YMD_RE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME)
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (with Excel's 1900 leap-year bug)
_EXCEL_SERIAL_MIN, _EXCEL_SERIAL_MAX = 20000, 80000  # 1954-10-03 .. 2119-01-11


def parse_date(value: object) -> dt.date:
    """Parse a date cell.

    * ``datetime.datetime`` -> its date; ``datetime.date`` passes through.
    * ``int``/``float`` Excel serial numbers from 20000 to 80000 (1954-10-03 to
      2119-01-11); a fractional part (time of day) is ignored.
    * Strings (surrounding whitespace ignored): ``dd-mm-yyyy``, ``dd.mm.yyyy``,
      ``dd/mm/yyyy`` (one- or two-digit day and month, the same separator twice) and
      ``yyyy-mm-dd``, each optionally followed by a time ``hh:mm[:ss[.ffffff]]``
      separated by a space or ``T``.

    Everything else raises ``ValueError("expected a date dd-mm-yyyy or yyyy-mm-dd, ...")``,
    including impossible dates (``31-02-2024``), two-digit years, numbers outside the
    serial range, and eight-digit strings such as ``01022024`` (ambiguous: ddmmyyyy or
    yyyymmdd).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not (math.isfinite(value) and _EXCEL_SERIAL_MIN <= value <= _EXCEL_SERIAL_MAX):
            raise ValueError(
                f"{_DATE_ERROR}, got the number {value!r} (not an Excel date serial "
                f"between {_EXCEL_SERIAL_MIN} and {_EXCEL_SERIAL_MAX})"
            )
        return _EXCEL_EPOCH + dt.timedelta(days=math.floor(value))
    if value is None:
        raise ValueError(f"{_DATE_ERROR}, got no value")
    if not isinstance(value, str):
        raise ValueError(f"{_DATE_ERROR}, got a {type(value).__name__}")
    s = value.strip()
    m = _DMY_RE.fullmatch(s) or _YMD_RE.fullmatch(s)
    if m is None:
        raise ValueError(f"{_DATE_ERROR}, got {s!r}")
    try:
        date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        if m["hh"] is not None:
            dt.time(int(m["hh"]), int(m["mi"]), int(m["ss"] or 0))
    except ValueError:
        raise ValueError(f"{_DATE_ERROR}, got {s!r} (no such date or time)") from None
    return date


_EXTRACTION_WORDS = re.compile(r"\b(dannet|udtrukket|udtræksdato|udtræk pr\.?|data pr\.?|trukket)\b", re.IGNORECASE)
_DATE_IN_TEXT = re.compile(r"\b(\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}-\d{2}-\d{2})\b")


def extraction_date(title_rows: Sequence[Sequence[object]]) -> tuple[dt.date, str] | None:
    """The extraction date an export states above its header, and the cell text it was read from.

    A title row counts when it names the extraction ("Dannet", "Udtrukket", "Udtræksdato", "Udtræk pr.",
    "Data pr.", "Trukket"; case-insensitive) and holds one date: in the same text ("Dannet 15-11-2026")
    or as a date cell beside the word. Rows without such a word are ignored, so a title such as
    "Periode 01-01-2019 - 31-12-2026" is never taken for the extraction date. None when no row has one.
    """
    for row in title_rows:
        cells = [c for c in row if c not in (None, "")]
        texts = [str(c) for c in cells if isinstance(c, str)]
        if not any(_EXTRACTION_WORDS.search(t) for t in texts):
            continue
        found: list[tuple[dt.date, str]] = []
        for c in cells:
            if isinstance(c, (dt.date, dt.datetime)):
                found.append((parse_date(c), f"{c:%d-%m-%Y}"))
            elif isinstance(c, str):
                for m in _DATE_IN_TEXT.finditer(c):
                    try:
                        found.append((parse_date(m.group(1)), c.strip()))
                    except ValueError:
                        continue
        if len({d for d, _ in found}) == 1:
            return found[0]
    return None


# --------------------------------------------------------------------------------------
# Account keys (kontoplan)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountKey:
    """A key in the municipal chart of accounts.

    ``function_code`` is dotted ``"h.hh.ff"`` (main function, function group, function),
    e.g. ``"5.38.50"``; ``dranst`` is the drift/anlæg digit 1-9 when present;
    ``gruppering`` is the three-digit grouping (``"003"``) when present.
    """

    function_code: str
    dranst: int | None
    gruppering: str | None


_KEY_FORMS = ("auto", "dotted", "erp", "dst")
_DOTTED_RE = re.compile(
    r"(?P<h>\d)\.(?P<hh>\d{2})\.(?P<ff>\d{2})(?:[.\-](?P<d>\d)(?:[.\-](?P<g>\d{3}))?)?"
)
_DOTTED_EXPECTED = "h.hh.ff with optional .dranst and .gruppering, e.g. 5.38.50, 5.38.50.1.003 or 5.38.50-1-003"
_ERP_EXPECTED = "ERP digits FFFFF, FFFFFD or FFFFFDGGG, e.g. 53850, 538501 or 538501003"
_DST_EXPECTED = "DST digits DFFFFFGGG, e.g. 153850003"


def _function_code(digits: str) -> str:
    return f"{digits[0]}.{digits[1:3]}.{digits[3:5]}"


def _dranst(digit: str, text: str) -> int:
    if digit == "0":
        raise ValueError(f"account key {text!r}: dranst must be 1-9, not 0")
    return int(digit)


def _read_erp(digits: str, text: str) -> AccountKey:
    if len(digits) == 5:
        return AccountKey(_function_code(digits), None, None)
    if len(digits) == 6:
        return AccountKey(_function_code(digits), _dranst(digits[5], text), None)
    if len(digits) == 9:
        return AccountKey(_function_code(digits), _dranst(digits[5], text), digits[6:])
    raise ValueError(f"account key {text!r} has {len(digits)} digits; expected {_ERP_EXPECTED}")


def _read_dst(digits: str, text: str) -> AccountKey:
    if len(digits) != 9:
        raise ValueError(f"account key {text!r} has {len(digits)} digits; expected {_DST_EXPECTED}")
    return AccountKey(_function_code(digits[1:6]), _dranst(digits[0], text), digits[6:])


def _read_dotted(s: str, text: str) -> AccountKey:
    compact = re.sub(r"\s*([.\-])\s*", r"\1", s)
    m = _DOTTED_RE.fullmatch(compact)
    if m is None:
        raise ValueError(f"account key {text!r} is not a dotted key; expected {_DOTTED_EXPECTED}")
    code = f"{m['h']}.{m['hh']}.{m['ff']}"
    dranst = _dranst(m["d"], text) if m["d"] is not None else None
    return AccountKey(code, dranst, m["g"])


def parse_account_key(
    text: object,
    form: str = "auto",
    known_functions: frozenset[str] | None = None,
) -> AccountKey:
    """Parse an account key (kontonøgle) in one of three notations.

    ``form``:

    * ``"dotted"``: ``5.38.50``, ``5.38.50.1``, ``5.38.50.1.003``; ``-`` may replace the
      dots after the function (``5.38.50-1-003``), spaces around separators are ignored.
    * ``"erp"``: digits ``FFFFF`` (function only), ``FFFFFD`` or ``FFFFFDGGG``
      (``538501003`` = 5.38.50, dranst 1, gruppering 003).
    * ``"dst"``: digits ``DFFFFFGGG`` (``153850003`` = dranst 1, 5.38.50, gruppering 003).
    * ``"auto"`` (default): dotted when the text contains ``.`` or ``-``; five or six
      digits are ERP; for nine digits both the ERP and the DST reading are tried. A
      reading is plausible when its dranst is 1-9 and (``known_functions`` is None or
      its function is in ``known_functions``). Exactly one plausible reading wins; two
      raise ``ValueError("ambiguous account key ...; set the key form in the mapping")``;
      none raise a ``ValueError`` naming the expected notations.

    Integers are accepted (Excel turns digit strings into numbers, as do integral
    floats). Because that drops leading zeros (function 0.25.11 in ERP form is
    ``025111001``), a 7- or 8-digit value is zero-padded to 9 digits, but only with an
    explicit ``"erp"`` or ``"dst"`` form; ``"auto"`` rejects it with a hint.
    ``known_functions`` is only used to disambiguate ``"auto"``; checking that the
    function exists is up to the caller. Dranst 0 is always rejected.
    """
    if form not in _KEY_FORMS:
        raise ValueError(f"unknown account key form {form!r}; expected one of {', '.join(_KEY_FORMS)}")
    if isinstance(text, bool) or text is None:
        raise ValueError(f"account key expected, got {text!r}")
    if isinstance(text, float):
        if not text.is_integer():
            raise ValueError(f"account key {text!r} is not a whole number")
        text = int(text)
    if isinstance(text, int):
        if text < 0:
            raise ValueError(f"account key {text!r} is negative")
        s = str(text)
    elif isinstance(text, str):
        s = text.strip()
    else:
        raise ValueError(f"account key expected, got a {type(text).__name__}")
    if not s:
        raise ValueError("account key is empty")

    if form == "dotted" or (form == "auto" and ("." in s or "-" in s)):
        return _read_dotted(s, s)
    if not (s.isascii() and s.isdigit()):
        expected = {"erp": _ERP_EXPECTED, "dst": _DST_EXPECTED}.get(
            form, f"{_DOTTED_EXPECTED}; or {_ERP_EXPECTED}; or {_DST_EXPECTED}"
        )
        raise ValueError(f"account key {s!r} is not a number; expected {expected}")
    if form in ("erp", "dst"):
        digits = s.zfill(9) if 7 <= len(s) <= 8 else s
        return _read_erp(digits, s) if form == "erp" else _read_dst(digits, s)

    # form == "auto", digits only
    if len(s) in (5, 6):
        return _read_erp(s, s)
    if len(s) != 9:
        hint = " (a leading zero may have been lost; set the key form in the mapping)" if len(s) in (7, 8) else ""
        raise ValueError(
            f"account key {s!r} has {len(s)} digits; expected {_ERP_EXPECTED}; or {_DST_EXPECTED}; "
            f"or {_DOTTED_EXPECTED}{hint}"
        )
    readings: dict[str, AccountKey] = {}
    for name, reader in (("ERP FFFFFDGGG", _read_erp), ("DST DFFFFFGGG", _read_dst)):
        try:
            key = reader(s, s)
        except ValueError:
            continue  # dranst 0
        if known_functions is None or key.function_code in known_functions:
            readings[name] = key
    if len(readings) == 1:
        return next(iter(readings.values()))
    if len(readings) == 2:
        erp, dst = readings["ERP FFFFFDGGG"], readings["DST DFFFFFGGG"]
        raise ValueError(
            f"ambiguous account key {s!r}: as ERP FFFFFDGGG it is {erp.function_code} dranst {erp.dranst} "
            f"gruppering {erp.gruppering}, as DST DFFFFFGGG it is {dst.function_code} dranst {dst.dranst} "
            f"gruppering {dst.gruppering}; set the key form in the mapping"
        )
    known = " and a function in the chart of accounts" if known_functions is not None else ""
    raise ValueError(
        f"account key {s!r} fits neither ERP FFFFFDGGG nor DST DFFFFFGGG; expected a dranst digit 1-9{known}"
    )


# --------------------------------------------------------------------------------------
# CPR numbers
# --------------------------------------------------------------------------------------

# A CPR number is DDMMYY and a four-digit serial, DD 01-31 and MM 01-12. How people and programs write
# it varies, and every variant must be recognised, or it would reach the database under another shape:
# the separator before the serial may be a dash of any kind (Excel's autocorrect makes an en dash of '-'),
# '/', '_', '.', one or two spaces, or a dash, slash, underscore or dot between spaces ("120485 - 1234");
# dates written with '.', '-' or '/' inside ("12.04.85-1234") count when a dash follows them; digits may
# be any Unicode decimal digits (full-width "１２０４８５"). :func:`_fold_cpr` maps each character of a text
# to one ASCII character first (digits to 0-9, dashes to '-', spaces and invisible format characters to
# ' '), so the pattern below stays ASCII and a match's span is also its span in the original text. Not
# part of a longer number: no digit directly before or after, and no "digit + . or ," before / ". or , +
# digit" after (so amounts such as 1.3101901234,50 are not flagged).
_CPR_DD = r"(?:0[1-9]|[12]\d|3[01])"
_CPR_MM = r"(?:0[1-9]|1[0-2])"
_CPR_BODY = (r"(?:" + _CPR_DD + _CPR_MM + r"\d{2}(?: ?[-/_.] ?| {1,2})?"
             r"|" + _CPR_DD + r"([-./])" + _CPR_MM + r"\1\d{2} ?- ?)\d{4}")
_CPR_SEARCH_RE = re.compile(r"(?<!\d)(?<!\d[.,])" + _CPR_BODY + r"(?!\d)(?![.,]\d)")
_CPR_FULL_RE = re.compile(_CPR_BODY)
#: A superset of the pattern above in RE2 syntax (DuckDB's regexp_matches), for finding candidates in SQL
#: among many values; every candidate is confirmed with :func:`looks_like_cpr`.
CPR_CANDIDATE_RE2 = r"\p{Nd}{2}[^\p{Nd}]?\p{Nd}{2}[^\p{Nd}]?\p{Nd}{2}[^\p{Nd}]{0,3}\p{Nd}{4}"
_CPR_FOLD = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
    | {"\uff0f": "/", "\uff3f": "_", "\uff0e": ".", "\t": " ", "\n": " ", "\r": " ", "\v": " ", "\f": " "}
)


def _fold_cpr(text: str) -> str:
    """``text`` with each character replaced by one ASCII character where it matters for a CPR number:
    every Unicode decimal digit by its digit 0-9, dashes and full-width '/', '_', '.' by their ASCII
    form, whitespace and invisible format characters (zero-width space, soft hyphen) by a space. The
    result has the length of ``text``, so spans found in it are spans in ``text``."""
    text = text.translate(_CPR_FOLD)
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        elif ch.isspace() or unicodedata.category(ch) == "Cf":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _cpr_number(value: object) -> str | None:
    """The digits of a number cell (int or integral float) as written before Excel made a number of them:
    nine digits get back the leading zero Excel dropped (0204851234 -> 204851234). None for other values."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    digits = str(value)
    return digits.zfill(10) if len(digits) == 9 else digits


def _cpr_text(value: object, lost_zero: bool = False) -> str | None:
    number = _cpr_number(value)
    if number is not None:
        return number
    if not isinstance(value, str):
        return None
    text = _fold_cpr(value)
    if lost_zero and len(stripped := text.strip()) == 9 and stripped.isdigit():
        return stripped.zfill(10)
    return text


def looks_like_cpr(text: object, lost_zero: bool = False) -> bool:
    """True when the value contains something shaped like a CPR number: THE check every value that is
    stored or shown passes (in the importer, its messages and its history).

    A CPR number is ``DDMMYYXXXX`` with DD 01-31 and MM 01-12, written plain, with a separator
    before the serial (``DDMMYY-XXXX`` with any dash, ``/``, ``_``, ``.``, spaces), with
    ``.``, ``-`` or ``/`` inside the date followed by a dash (``DD.MM.YY-XXXX``), in any Unicode
    digits; it may stand alone or be embedded in free text (``"borger 010190-1234 flyttet"``), but
    must not be part of a longer number: 8-digit numbers, 9-digit account keys, 11+ digit numbers and
    amounts such as ``"1.234.567,89"`` are not flagged. Integers (and integral floats: number cells)
    are checked by their digits, nine digits with the leading zero Excel dropped put back;
    ``lost_zero`` does the same for a text of nine digits (a CSV saved again from Excel; only for
    the citizen column, where nine digits are not an account key). Other types give False.
    Deliberately generous: used to keep personal data out of the database and off the screen.
    """
    s = _cpr_text(text, lost_zero)
    return s is not None and _CPR_SEARCH_RE.search(s) is not None


def normalize_cpr(text: object, lost_zero: bool = False) -> str:
    """Return the ten CPR digits (``"0101901234"``) of a value that is a CPR number.

    Accepts exactly the forms :func:`looks_like_cpr` recognises (``lost_zero`` as there), but the
    whole value (surrounding whitespace ignored) must be the CPR number, not merely contain one, so
    every variant of one number gives the same ten digits. Raises ``ValueError`` otherwise.
    """
    s = _cpr_text(text, lost_zero)
    m = _CPR_FULL_RE.fullmatch(s.strip()) if s is not None else None
    if m is None:
        raise ValueError("not a CPR number (expected DDMMYY-XXXX or DDMMYYXXXX)")
    return re.sub(r"\D", "", m.group())


def mask_cpr(value: object) -> str:
    """``value`` as text for a message or a name, every CPR number in it masked to its date and four
    stars (``"borger 120485-1234"`` -> ``"borger 120485-****"``, the number cell ``204851234`` ->
    ``"020485-****"``); other text is returned as it is (numbers as :func:`str` gives them, integral
    floats without ``.0``). Recognises what :func:`looks_like_cpr` recognises."""
    number = _cpr_number(value)
    if number is not None:
        return number[:6] + "-****" if _CPR_FULL_RE.fullmatch(number) else str(int(value))
    text = "" if value is None else str(value)
    folded = _fold_cpr(text)
    out, end = [], 0
    for m in _CPR_SEARCH_RE.finditer(folded):
        out += [text[end:m.start()], re.sub(r"\D", "", m.group())[:6] + "-****"]
        end = m.end()
    return "".join(out) + text[end:] if out else text
