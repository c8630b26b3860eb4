"""CSV bytes -> rows: binary and encoding checks (UTF-8, Windows-1252, mixed), delimiter sniffing, and the
reader that keeps physical line numbers (conventions: ingest.read)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.read import is_blank_row, TableReadError

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
        if is_blank_row(row):
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
