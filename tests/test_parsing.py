"""Tests for ingest.read and ingest.values (the readers and the cell values): hand-written expectations, one table per rule."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
import re
import zipfile

import openpyxl
import pytest

from ingest.read import TableReadError
from ingest.read.csv import (CsvTable, detect_encoding, find_utf8_character, is_utf8_character, locate_byte,
                             read_csv_rows, sniff_delimiter)
from ingest.read.header import extraction_date, find_header_row, normalize_header
from ingest.read.xlsx import read_xlsx_rows, XlsxTable
from ingest.values.accounts import AccountKey, parse_account_key
from ingest.values.cells import detect_decimal_separator, is_missing_marker, parse_date, parse_decimal, parse_number
from ingest.values.cpr import looks_like_cpr, mask_cpr, normalize_cpr

# --------------------------------------------------------------------------------------
# TableReadError
# --------------------------------------------------------------------------------------


def test_table_read_error_carries_row_and_message() -> None:
    err = TableReadError("line 7: broken", row=7)
    assert isinstance(err, ValueError)
    assert err.row == 7
    assert err.message == "line 7: broken"
    assert str(err) == "line 7: broken"
    assert TableReadError("whole file").row is None


# --------------------------------------------------------------------------------------
# detect_encoding
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbfBel\xc3\xb8b;Konto\n", "utf-8-sig"),  # BOM
        (b"\xef\xbb\xbf", "utf-8-sig"),
        ("Beløb;Konto\n".encode(), "utf-8"),  # utf-8 ø = C3 B8
        (b"amount;account\n", "utf-8"),  # plain ASCII
        (b"", "utf-8"),
        (b"Bel\xf8b;Konto\n", "cp1252"),  # Windows-1252 ø
        (b"Udgift \x80 1.234,50\n", "cp1252"),  # euro sign only exists in cp1252
        (b"a;b\r\n1;2\x1a", "utf-8"),  # Ctrl-Z end-of-file marker is tolerated
        (b"a\tb\x0cc\n", "utf-8"),  # tab and form feed are text
        (bytes(range(0xA0, 0x100)) + b"\x80\x9f\n", "cp1252"),  # every defined high byte
    ],
)
def test_detect_encoding(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected


# A byte outside the file's encoding (0x81, 0x8D, 0x8F, 0x90, 0x9D in Windows-1252; anything
# invalid after a UTF-8 byte-order mark) rejects the file with its line and column; it is
# never decoded as a Latin-1 control character.
@pytest.mark.parametrize(
    ("data", "line", "column", "what"),
    [
        (b"Bel\xf8b \x81;Konto\n", 1, 1, "byte 0x81 is not a character in Windows-1252"),
        (b"x\x9d;y\n", 1, 1, "byte 0x9D is not a character in Windows-1252"),
        (b"a;b\r\n1;\xe6\x8f\r\n", 2, 2, "byte 0x8F is not"),      # after a cp1252 æ, CRLF endings
        (b"a;b\r1;2\r3;x\x90\r", 3, 2, "byte 0x90 is not"),         # old Mac line endings
        (b'a;b;c\n"x;y";z\x8d;1\n', 2, 2, "byte 0x8D is not"),        # the quoted ';' is no delimiter
        (b"a,b,c\n1,2,\xf8\x81\n", 2, 3, "byte 0x81 is not"),        # ',' sniffed as the delimiter
        (b"a;b\n1;\xc4\x81\n2;\xf8\n", 2, 2, "byte 0x81 is not"),    # UTF-8 a-macron in a non-UTF-8 file
        (b"\xef\xbb\xbfa;b\n1;\xff\n", 2, 2, "byte 0xFF is not valid UTF-8, although the file starts with a UTF-8"),
        (b"\xef\xbb\xbfKonto;Bel\xf8b\n", 1, 2, "byte 0xF8 is not valid UTF-8"),   # BOM, then Windows-1252
    ],
)
def test_detect_encoding_rejects_bytes_outside_the_encoding(data: bytes, line: int, column: int, what: str) -> None:
    for read in (detect_encoding, read_csv_rows):
        with pytest.raises(TableReadError) as info:
            read(data)
        assert info.value.row == line
        assert str(info.value).startswith(f"line {line}, column {column}: {what}")
        assert "expected a text file in UTF-8 or Windows-1252" in str(info.value)


# A file that is not valid UTF-8 but has UTF-8 text (a character U+00A0-U+00FF: C2 A0-BF or
# C3 80-BF) mixes two encodings: read as Windows-1252 every UTF-8 "ø" would become "Ã¸". It is
# rejected with the line and column of both, in file order; row is the first of the two lines.
MIXED = "the file mixes UTF-8 and Windows-1252: "


@pytest.mark.parametrize(
    ("data", "row", "places"),
    [
        (b"Konto;Tekst\n1;Bof\xc3\xa6llesskab\n2;Bof\xe6llesskab\n", 2,
         "line 2, column 2 has 'æ' in UTF-8 (bytes C3 A6), and "
         "line 3, column 2 has byte 0xE6, which is not UTF-8 ('æ' in Windows-1252)"),
        (b"Konto;Tekst\n1;H\xf8j\n2;x;H\xc3\xb8j\n", 2,                     # Windows-1252 first
         "line 2, column 2 has byte 0xF8, which is not UTF-8 ('ø' in Windows-1252), and "
         "line 3, column 3 has 'ø' in UTF-8 (bytes C3 B8)"),
        (b"a;b\n1;\xc3\xa5\xe5\n", 2,                                          # same cell: UTF-8 first
         "line 2, column 2 has 'å' in UTF-8 (bytes C3 A5), and "
         "line 2, column 2 has byte 0xE5, which is not UTF-8 ('å' in Windows-1252)"),
        (b"a;b\n1;\xc6\xc3\x86\n", 2,                                          # same cell: Windows-1252 first
         "line 2, column 2 has byte 0xC6, which is not UTF-8 ('Æ' in Windows-1252), and "
         "line 2, column 2 has 'Æ' in UTF-8 (bytes C3 86)"),
        (b"a,b,c\r\n\"x,y\",\xc3\x98\r\n1,2,3\r\n,,\xd8\r\n", 2,                 # ',' and a quoted ','; CRLF
         "line 2, column 2 has 'Ø' in UTF-8 (bytes C3 98), and "
         "line 4, column 3 has byte 0xD8, which is not UTF-8 ('Ø' in Windows-1252)"),
        (b"a;b\r1;\xc3\x85\r2;\xc5\r", 2,                                       # old Mac line endings
         "line 2, column 2 has 'Å' in UTF-8 (bytes C3 85), and "
         "line 3, column 2 has byte 0xC5, which is not UTF-8 ('Å' in Windows-1252)"),
        (b"a;b\n1;\xe9\n2;caf\xc3\xa9\n", 2,
         "line 2, column 2 has byte 0xE9, which is not UTF-8 ('é' in Windows-1252), and "
         "line 3, column 2 has 'é' in UTF-8 (bytes C3 A9)"),
        (b"a;b\n1;SEL \xc2\xa7 107\n2;\xf8\n", 2,                              # the section sign is C2 A7
         "line 2, column 2 has '§' in UTF-8 (bytes C2 A7), and "
         "line 3, column 2 has byte 0xF8, which is not UTF-8 ('ø' in Windows-1252)"),
        (b"a;b\n1;1\xc2\xa0234\n2;\x81\n", 2,                                  # no-break space; 0x81 is neither
         "line 2, column 2 has '\\xa0' in UTF-8 (bytes C2 A0), and "
         "line 3, column 2 has byte 0x81, which is not UTF-8 (nor a character in Windows-1252)"),
        (b"a;b\n1;\xf8\n2;\xc3\n3;\xc3\xa6\n", 2,                               # a lone C3 is no UTF-8 character
         "line 2, column 2 has byte 0xF8, which is not UTF-8 ('ø' in Windows-1252), and "
         "line 4, column 2 has 'æ' in UTF-8 (bytes C3 A6)"),
    ],
)
def test_detect_encoding_rejects_mixed_utf8_and_windows_1252(data: bytes, row: int, places: str) -> None:
    for read in (detect_encoding, read_csv_rows):
        with pytest.raises(TableReadError) as info:
            read(data)
        assert info.value.row == row
        assert str(info.value) == (
            MIXED + places + "; expected one encoding for the whole file (were two exports joined, or the file "
            "edited in two programs?): save it again in one encoding, e.g. as CSV UTF-8")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a;b\n1;\xf8 \xc3x\n", "cp1252"),          # "Ã" before ASCII is no UTF-8 character
        (b"a;b\n1;\xf8\xc3", "cp1252"),               # nor is a C3 as the last byte
        (b"a;b\n1;\xc2\x80\xf8\n", "cp1252"),         # C2 80 is U+0080, a control character: "Â€" here
        (b"a;b\n1;\xe2\x80\x93\xf8\n", "cp1252"),     # only U+00A0-U+00FF are looked for: "â€“" stays
        ("a;b\n1;æøåÆØÅé§\xa0\n".encode(), "utf-8"),  # valid UTF-8 is just UTF-8
    ],
)
def test_detect_encoding_mixed_rule_is_narrow(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected


def test_detect_encoding_mixed_after_bom_and_binary_keep_their_messages() -> None:
    # a UTF-8 byte-order mark says the file is UTF-8: the byte that is not is the error
    with pytest.raises(TableReadError, match=r"^line 3, column 2: byte 0xF8 is not valid UTF-8, although"):
        detect_encoding(b"\xef\xbb\xbfa;b\n1;\xc3\xb8\n2;\xf8\n")
    with pytest.raises(TableReadError, match="not a text file: it looks like an Excel .xlsx"):
        detect_encoding(b"PK\x03\x04\xc3\xa6\xf8")


@pytest.mark.parametrize(
    ("data", "start", "expected"),
    [
        (b"", 0, None),
        (b"plain ASCII", 0, None),
        (b"x\xc3\xa6", 0, 1),
        (b"\xc3\xbf\xc3\x80", 0, 0),           # C3 BF (ÿ) and C3 80 (À) are the ends of the range
        (b"\xc3", 0, None),                   # a lead byte at the end
        (b"\xc3x\xc3\xc0\xc3\xb8", 0, 4),      # C3 before ASCII or before another lead byte
        (b"\xc2\x9f\xc2\xa0", 0, 2),           # C2 80-9F are control characters, C2 A0 is the no-break space
        (b"ab\xc3\xa5\xc2\xa7", 0, 2),          # the first of either lead byte
        (b"ab\xc2\xa7\xc3\xa5", 0, 2),
        (b"\xe2\x80\x93 \xc4\x81", 0, None),    # en dash, a-macron: outside the range
        (b"\xc3\xa6 \xc3\xa6", 1, 3),           # from start
    ],
)
def test_find_utf8_character(data: bytes, start: int, expected: int | None) -> None:
    assert find_utf8_character(data, start) == expected


@pytest.mark.parametrize(
    ("lead", "continuation", "expected"),
    [(0xC3, 0xB8, True), (0xC3, 0x80, True), (0xC3, 0xC0, False), (0xC2, 0xA0, True), (0xC2, 0x9F, False),
     (0xC4, 0x81, False), (-1, 0xB8, False)],
)
def test_is_utf8_character(lead: int, continuation: int, expected: bool) -> None:
    assert is_utf8_character(lead, continuation) is expected


@pytest.mark.parametrize(
    ("chunks", "offset", "line", "before"),
    [
        ([b"abc"], 0, 1, b""),
        ([b"ab;cd"], 3, 1, b"ab;"),
        ([b"a\nb\r\nc\rde"], 8, 4, b"d"),
        ([b"ab\r", b"\ncd"], 5, 2, b"c"),            # CRLF split between chunks is one line break
        ([b"a\r", b"\r", b"b"], 3, 3, b""),           # two CRs are two line breaks
        ([b"x\ny", b"z", b"w"], 4, 2, b"yz"),          # the line continues over chunks
        ([b"x\ny", b"zw\nq"], 3, 2, b"y"),            # chunks after the offset are not read
    ],
)
def test_locate_byte(chunks: list[bytes], offset: int, line: int, before: bytes) -> None:
    assert locate_byte(iter(chunks), offset) == (line, before)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"a;b\n1;\x002\n", "NUL"),
        (b"PK\x03\x04\x14\x00rest of a zip", "xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", ".xls"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        ("a;b\n".encode("utf-16"), "UTF-16"),
        (bytes([1, 2, 3, 4, 5, 6, 65, 66, 67, 68]) * 5, "control characters"),
    ],
)
def test_detect_encoding_rejects_binary(data: bytes, reason: str) -> None:
    with pytest.raises(TableReadError, match="not a text file") as info:
        detect_encoding(data)
    assert reason in str(info.value)
    assert info.value.row == (2 if reason == "NUL" else None)    # a NUL byte is named by its line


# --------------------------------------------------------------------------------------
# sniff_delimiter
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Konto;Beløb", "5.38.50;1.234,50", "5.32.32;-12,5"], ";"),
        (["account,amount", "5.38.50,1234.50", "5.32.32,-12.5"], ","),
        (["account\tamount", "5.38.50\t1234,50"], "\t"),
        (["account|amount|text", "5.38.50|1234,50|x, y"], "|"),
        # quoted fields containing ';' do not count
        (['name,amount', '"Smith; J",1.5', '"Doe; A; B",2'], ","),
        # quoted fields containing ',' do not count either
        (['Tekst;Beløb', '"a, b, c";1,5', '"d,e";2'], ";"),
        # escaped quotes inside a quoted field
        (['Tekst;Beløb', '"say ""hi""; ok";1,5'], ";"),
        # a quoted field spanning two lines
        (['Tekst;Beløb', '"first line; more', 'second line";1,5', 'x;2'], ";"),
        # decimal commas in the data rows only: ';' is consistent, ',' is not
        (["Tekst;Beløb", "a;1,5", "b;2", "c;3,25"], ";"),
        # tie (both consistent, one each): ';' is the Danish default
        (["a;b,c", "1;2,3"], ";"),
        (["a,b;c", "1,2;3"], ";"),
        # tie among non-';' candidates: more columns wins
        (["a,b,c|d", "1,2,3|4"], ","),
        # single column: default ';'
        (["Beløb", "1", "2"], ";"),
        # blank lines and CRLF endings are ignored
        (["", "a,b\r\n", "   ", "1,2\r\n"], ","),
        # a footer line with a different count does not flip the result
        (["a;b;c", "1;2;3", "4;5;6", "I alt;9"], ";"),
    ],
)
def test_sniff_delimiter(lines: list[str], expected: str) -> None:
    assert sniff_delimiter(lines) == expected


def test_sniff_delimiter_only_uses_first_50_nonempty_lines() -> None:
    lines = ["a|b"] + ["1|2"] * 49 + ["x,y,z"] * 200
    assert sniff_delimiter(lines) == "|"


# --------------------------------------------------------------------------------------
# read_csv_rows
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "rows", "line_numbers", "encoding", "delimiter"),
    [
        (
            "Konto;Beløb\n5.38.50;1.234,50\n".encode(),
            [["Konto", "Beløb"], ["5.38.50", "1.234,50"]],
            [1, 2],
            "utf-8",
            ";",
        ),
        (  # BOM is stripped from the first header cell
            b"\xef\xbb\xbfKonto;Bel\xc3\xb8b\r\n5.38.50;1\r\n",
            [["Konto", "Beløb"], ["5.38.50", "1"]],
            [1, 2],
            "utf-8-sig",
            ";",
        ),
        (  # Windows-1252 from Danish Excel
            b"Konto;Bel\xf8b\r\n5.38.50;-12,5\r\n",
            [["Konto", "Beløb"], ["5.38.50", "-12,5"]],
            [1, 2],
            "cp1252",
            ";",
        ),
        (  # quoted field containing the delimiter; quotes removed, "" unescaped
            b'Tekst;Bel\xc3\xb8b\n"a;b ""c""";1,5\n',
            [["Tekst", "Beløb"], ['a;b "c"', "1,5"]],
            [1, 2],
            "utf-8",
            ";",
        ),
        (  # blank lines (also ';;' lines) skipped, line numbers stay physical
            b"a;b\n\n1;2\n;;\n  \n3;4\n\n",
            [["a", "b"], ["1", "2"], ["3", "4"]],
            [1, 3, 6],
            "utf-8",
            ";",
        ),
        (  # a quoted line break: the next record starts two lines further down
            b'a;b\n"x\ny";1\nz;2\n',
            [["a", "b"], ["x\ny", "1"], ["z", "2"]],
            [1, 2, 4],
            "utf-8",
            ";",
        ),
        (  # old Mac line endings
            b"a,b\r1,2\r3,4",
            [["a", "b"], ["1", "2"], ["3", "4"]],
            [1, 2, 3],
            "utf-8",
            ",",
        ),
        (  # cells are not stripped; rows may differ in length
            b"a\tb\n 1 \t2\t3\n",
            [["a", "b"], [" 1 ", "2", "3"]],
            [1, 2],
            "utf-8",
            "\t",
        ),
    ],
)
def test_read_csv_rows(
    data: bytes, rows: list[list[str]], line_numbers: list[int], encoding: str, delimiter: str
) -> None:
    table = read_csv_rows(data)
    assert table == CsvTable(rows=rows, line_numbers=line_numbers, encoding=encoding, delimiter=delimiter)


@pytest.mark.parametrize(
    ("data", "message", "row"),
    [
        (b"", "file is empty", None),
        (b"\xef\xbb\xbf", "file is empty", None),
        (b"\r\n\r\n   \n", "file is empty", None),
        (b";;;\n;;;\n", "file is empty", None),
        (b"a;b\n1;2\n3;\"trunc", "line 3", 3),
        (b"a;b\n1;2\n\n3;\"truncated in the middle\nof a line break", "line 4", 4),
        (b'a;b\n"x";"never closed\n4;5\n6;7\n', "line 2", 2),
        (b"a;b\n1;\x002\n", "not a text file", 2),
        (b"PK\x03\x04\x14\x00\x00\x00", "not a text file", None),
    ],
)
def test_read_csv_rows_errors(data: bytes, message: str, row: int | None) -> None:
    with pytest.raises(TableReadError, match=message) as info:
        read_csv_rows(data)
    assert info.value.row == row
    if row is not None and message != "not a text file":
        assert "truncated" in str(info.value)


def test_read_csv_rows_closed_quote_at_end_is_fine() -> None:
    table = read_csv_rows(b'a;b\n1;"done"')
    assert table.rows == [["a", "b"], ["1", "done"]]


def test_read_csv_rows_runaway_quote_over_field_limit_is_truncation() -> None:
    data = b"a;b\n1;2\n3;\"" + b"x" * 200_000 + b"\n" + b"4;5\n" * 10
    with pytest.raises(TableReadError, match="truncated") as info:
        read_csv_rows(data)
    assert info.value.row == 3


# --------------------------------------------------------------------------------------
# read_xlsx_rows
# --------------------------------------------------------------------------------------


def _xlsx(*sheets: tuple[str, dict[str, object]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, cells in sheets:
        ws = wb.create_sheet(title)
        for ref, value in cells.items():
            ws[ref] = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_read_xlsx_rows_with_title_rows_gaps_and_types() -> None:
    data = _xlsx(
        (
            "Forbrug",
            {
                "A1": "Forbrugsopgørelse 2024",
                "A2": "Kilde: ØSLC",
                "A3": "Konto",
                "B3": "Beløb",
                "C3": "Dato",
                "A4": "5.38.50",
                "B4": 1234.5,
                "C4": dt.datetime(2024, 3, 1),
                # row 5 empty in the middle
                "A6": 538501003,
                "B6": -12,
                "C6": dt.date(2024, 3, 2),
                "A7": "   ",  # whitespace only: blank
                "A8": "x",
                "D8": None,
                "B20": None,  # trailing empty rows are dropped
            },
        ),
        ("Second", {"A1": "ignored"}),
    )
    table = read_xlsx_rows(data)
    assert isinstance(table, XlsxTable)
    assert table.sheet_name == "Forbrug"
    assert table.line_numbers == [1, 2, 3, 4, 6, 8]
    assert table.rows == [
        ["Forbrugsopgørelse 2024"],
        ["Kilde: ØSLC"],
        ["Konto", "Beløb", "Dato"],
        ["5.38.50", 1234.5, dt.datetime(2024, 3, 1)],
        [538501003, -12, dt.datetime(2024, 3, 2)],
        ["x"],
    ]
    header = find_header_row(
        table.rows,
        accepted={"account": {"konto", "kontonr"}, "amount": {"beløb", "beloeb"}},
        required={"account", "amount"},
    )
    assert header == 2
    assert table.line_numbers[header] == 3


def test_read_xlsx_rows_wrong_stored_dimension_is_ignored() -> None:
    data = _xlsx(("S", {"A1": "a", "B1": "b", "A2": 1, "B2": 2}))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, n = re.subn(rb'<dimension ref="A1:B2"\s*/>', b'<dimension ref="A1"/>', content)
                assert n == 1
            dst.writestr(item, content)
    assert read_xlsx_rows(buf.getvalue()).rows == [["a", "b"], [1, 2]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"Konto;Bel\xf8b\n1;2\n", "not a valid xlsx file.*CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "not a valid xlsx file.*xls"),
        (b"PK\x03\x04 truncated zip", "not a valid xlsx file"),
    ],
)
def test_read_xlsx_rows_errors(data: bytes, message: str) -> None:
    with pytest.raises(TableReadError, match=message):
        read_xlsx_rows(data)


def test_read_xlsx_rows_zip_that_is_not_xlsx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(TableReadError, match="not a valid xlsx file"):
        read_xlsx_rows(buf.getvalue())


def test_read_xlsx_rows_empty_sheet() -> None:
    with pytest.raises(TableReadError, match="file is empty.*'Tom'"):
        read_xlsx_rows(_xlsx(("Tom", {"C3": None})))


# --------------------------------------------------------------------------------------
# normalize_header / find_header_row
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CPR-nr.", "cpr-nr"),
        (" cpr-nr ", "cpr-nr"),
        ("CPR-NR", "cpr-nr"),
        ("Beløb", "beløb"),
        ("BELØB", "beløb"),
        (" beløb. ", "beløb"),
        ("Beloeb", "beloeb"),  # not the same as beløb: aliases handle that
        ("A\u030arhus", "århus"),  # decomposed å (a + combining ring) -> NFC
        ("Beløb\xa0 i\tkr.", "beløb i kr"),
        ("funktion_kode", "funktion kode"),
        ("Funktion  Kode", "funktion kode"),
        ("\ufeffKonto", "konto"),
        ("Nr. .", "nr"),
        (2024, "2024"),
        (2024.0, "2024"),
        (None, ""),
    ],
)
def test_normalize_header(name: object, expected: str) -> None:
    assert normalize_header(name) == expected
    assert normalize_header(expected) == expected  # idempotent


def test_beloeb_and_beloeb_differ() -> None:
    assert normalize_header("Beløb") != normalize_header("Beloeb")


ACCEPTED = {"account": {"konto", "kontonr"}, "amount": {"beløb", "beloeb"}, "text": {"tekst"}}


@pytest.mark.parametrize(
    ("rows", "required", "max_scan", "expected"),
    [
        ([["Konto", "Beløb"], ["1", "2"]], {"account", "amount"}, 25, 0),
        ([["Rapport"], [], ["KONTONR.", " beloeb "], ["1", "2"]], {"account", "amount"}, 25, 2),
        ([["Rapport", None], [None, "Konto", "Beløb"]], {"account", "amount"}, 25, 1),
        # only the required fields matter
        ([["Konto"], ["Konto", "Beløb"]], {"account"}, 25, 0),
        # a row with only some required fields is not the header
        ([["Konto", "x"], ["Konto", "Beløb", "Tekst"]], {"account", "amount", "text"}, 25, 1),
        ([["a"], ["b"]], {"account"}, 25, None),
        ([["t"]] * 3 + [["Konto", "Beløb"]], {"account", "amount"}, 3, None),
        ([["t"]] * 3 + [["Konto", "Beløb"]], {"account", "amount"}, 4, 3),
        ([], {"account"}, 25, None),
    ],
)
def test_find_header_row(
    rows: list[list[object]], required: set[str], max_scan: int, expected: int | None
) -> None:
    assert find_header_row(rows, ACCEPTED, required, max_scan=max_scan) == expected


def test_find_header_row_required_field_without_aliases() -> None:
    with pytest.raises(ValueError, match="date"):
        find_header_row([["Konto"]], ACCEPTED, {"account", "date"})


# --------------------------------------------------------------------------------------
# detect_decimal_separator
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1.234,50"], ","),
        (["1,234.50"], "."),
        (["1234,5"], ","),
        (["1234.5"], "."),
        (["12.50", "3"], "."),
        (["0.125"], "."),
        (["0,125"], ","),
        (["1.234"], ","),  # ambiguous: Danish thousands dot
        (["1,234"], ","),  # ambiguous: no vote, default ','
        (["1.234.567"], ","),  # repeated dot = thousands
        (["1,234,567"], "."),  # repeated comma = thousands
        (["1.234", "1.5"], "."),  # evidence says '.'
        (["1.234", "987.654", "12"], ","),
        (["-1.234,50", "(2.000,00)", "12 kr."], ","),
        (["1 234.5-"], "."),
        (["..", "-", "", "n/a", "12"], ","),  # no evidence at all
        ([], ","),
        (["1,5", "2.5"], ","),  # tie -> ','
        (["1,5", "2.5", "3.5"], "."),  # majority
    ],
)
def test_detect_decimal_separator(values: list[str], expected: str) -> None:
    assert detect_decimal_separator(values) == expected


# --------------------------------------------------------------------------------------
# parse_number / is_missing_marker
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        (12, ",", 12.0),
        (-3.5, ",", -3.5),
        ("0", ",", 0.0),
        ("1234", ",", 1234.0),
        ("1234,5", ",", 1234.5),
        ("1.234", ",", 1234.0),
        ("1.234", ".", 1.234),
        ("1.234.567,89", ",", 1234567.89),
        ("1,234,567.89", ".", 1234567.89),
        ("1 234 567,89", ",", 1234567.89),
        ("1\xa0234,5", ",", 1234.5),
        ("1\u202f234.5", ".", 1234.5),
        ("-1.234,50", ",", -1234.5),
        ("1.234,50-", ",", -1234.5),
        ("1.234,50 -", ",", -1234.5),
        ("(1.234,50)", ",", -1234.5),
        ("( 12 )", ",", -12.0),
        ("+17,25", ",", 17.25),
        ("\u22125", ",", -5.0),  # Unicode minus sign
        ("12 kr.", ",", 12.0),
        ("1.234,50 kr", ",", 1234.5),
        ("1.234,50 KR.", ",", 1234.5),
        ("(1.234,50 kr.)", ",", -1234.5),
        ("-12 kr.", ",", -12.0),
        (",5", ",", 0.5),
        ("1,5E+06", ",", 1_500_000.0),
        ("2.5e-3", ".", 0.0025),
        ("  7  ", ",", 7.0),
        ("", ",", None),
        ("   ", ",", None),
        ("\xa0", ",", None),
        (None, ",", None),
    ],
)
def test_parse_number(text: object, decimal: str, expected: float | None) -> None:
    result = parse_number(text, decimal=decimal)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected, rel=0, abs=1e-9)
        assert isinstance(result, float)


@pytest.mark.parametrize(
    ("text", "decimal", "reason"),
    [
        ("12a", ",", "unexpected character 'a'"),
        ("abc", ",", "unexpected character 'a'"),
        ("1,2,3", ",", "more than one decimal separator ','"),
        ("1.2.3", ".", "more than one decimal separator '.'"),
        ("1.5", ",", "groups of three digits"),  # '.' is the thousands separator here
        ("12.34.567", ",", "groups of three digits"),
        ("1234.567", ",", "groups of three digits"),
        ("1 23", ",", "groups of three digits"),
        ("1.234 567", ",", "mixed thousands separators"),
        ("1,234.5", ",", "thousands separator after the decimal separator"),
        ("1,", ",", "no digits after the decimal separator"),
        ("-1.234,50-", ",", "more than one sign"),
        ("(-5)", ",", "more than one sign"),
        ("+", ",", "no digits"),
        ("kr.", ",", "no digits"),
        ("12-34", ",", "unexpected character '-'"),
        ("..", ",", "missing-value marker"),
        ("-", ",", "missing-value marker"),
        ("…", ",", "missing-value marker"),
        (True, ",", "boolean"),
        (float("nan"), ",", "not finite"),
        (dt.date(2024, 1, 1), ",", "date"),
        ("1e999", ".", "too large"),
    ],
)
def test_parse_number_rejects(text: object, decimal: str, reason: str) -> None:
    with pytest.raises(ValueError, match="not a number") as info:
        parse_number(text, decimal=decimal)
    assert reason in str(info.value)


# parse_decimal: the same syntax as parse_number, read digit for digit (no binary rounding)
@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("0,12495", ",", Decimal("0.12495")),
        ("12,34567", ",", Decimal("12.34567")),
        ("1.234,565-", ",", Decimal("-1234.565")),
        ("(2,50)", ",", Decimal("-2.50")),
        ("9.876.543.210.987.654,32", ",", Decimal("9876543210987654.32")),   # beyond float precision
        ("1,234,567.891", ".", Decimal("1234567.891")),
        ("1 234,5 kr.", ",", Decimal("1234.5")),
        ("1,5E+06", ",", Decimal("1500000")),
        (2.675, ",", Decimal("2.675")),            # an Excel number: the decimal it prints as
        (7, ",", Decimal("7")),
        (Decimal("-0.125"), ",", Decimal("-0.125")),
        ("", ",", None),
        (None, ",", None),
    ],
)
def test_parse_decimal(text: object, decimal: str, expected: Decimal | None) -> None:
    result = parse_decimal(text, decimal=decimal)
    assert result == expected
    assert result is None or isinstance(result, Decimal)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("12a", "unexpected character 'a'"), ("1,2,3", "more than one decimal separator"), ("..", "missing-value marker"),
     (True, "boolean"), (float("inf"), "not finite"), (Decimal("NaN"), "not finite"), (dt.date(2024, 1, 1), "date")],
)
def test_parse_decimal_rejects(text: object, reason: str) -> None:
    with pytest.raises(ValueError, match="not a number") as info:
        parse_decimal(text)
    assert reason in str(info.value)


def test_parse_number_rejects_unknown_decimal() -> None:
    with pytest.raises(ValueError, match="decimal separator"):
        parse_number("1", decimal=";")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("..", True),
        (" .. ", True),
        ("-", True),
        ("…", True),
        ("...", True),
        ("–", True),
        ("", False),
        ("   ", False),
        ("0", False),
        ("-1", False),
        (".", False),
        ("n/a", False),
        (None, False),
        (0, False),
    ],
)
def test_is_missing_marker(text: object, expected: bool) -> None:
    assert is_missing_marker(text) is expected


# --------------------------------------------------------------------------------------
# parse_date
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01-03-2024", dt.date(2024, 3, 1)),
        ("01.03.2024", dt.date(2024, 3, 1)),
        ("01/03/2024", dt.date(2024, 3, 1)),
        ("1-3-2024", dt.date(2024, 3, 1)),
        ("1.3.2024", dt.date(2024, 3, 1)),
        ("29-02-2024", dt.date(2024, 2, 29)),
        ("31-12-1999", dt.date(1999, 12, 31)),
        ("2024-03-01", dt.date(2024, 3, 1)),
        ("2024-3-1", dt.date(2024, 3, 1)),
        ("2024-03-01 00:00:00", dt.date(2024, 3, 1)),
        ("2024-03-01 13:45:10", dt.date(2024, 3, 1)),
        ("2024-03-01T13:45", dt.date(2024, 3, 1)),
        ("2024-03-01 13:45:10.123", dt.date(2024, 3, 1)),
        ("01-03-2024 00:00", dt.date(2024, 3, 1)),
        ("  01-03-2024  ", dt.date(2024, 3, 1)),
        (dt.date(2024, 3, 1), dt.date(2024, 3, 1)),
        (dt.datetime(2024, 3, 1, 23, 59), dt.date(2024, 3, 1)),
        (45352, dt.date(2024, 3, 1)),  # Excel serial
        (45352.75, dt.date(2024, 3, 1)),  # serial with time of day
        (20000, dt.date(1954, 10, 3)),
        (80000, dt.date(2119, 1, 11)),
    ],
)
def test_parse_date(value: object, expected: dt.date) -> None:
    result = parse_date(value)
    assert result == expected
    assert type(result) is dt.date


@pytest.mark.parametrize(
    "value",
    [
        "31-02-2024",  # impossible date
        "29-02-2023",  # not a leap year
        "00-01-2024",
        "01-13-2024",
        "2024-02-30",
        "2024-13-01",
        "01022024",  # 8 digits: ambiguous, rejected
        "20240201",
        "01-02-24",  # two-digit year
        "01-02/2024",  # mixed separators
        "2024/02/01",
        "2024.02.01",
        "1. marts 2024",
        "2024-03-01 25:00:00",  # impossible time
        "",
        "   ",
        "..",
        19999,  # outside the plausible serial range
        80001,
        -1,
        float("nan"),
        True,
        None,
        ["01-01-2024"],
    ],
)
def test_parse_date_rejects(value: object) -> None:
    with pytest.raises(ValueError, match="^expected a date dd-mm-yyyy or yyyy-mm-dd"):
        parse_date(value)


# --------------------------------------------------------------------------------------
# parse_account_key
# --------------------------------------------------------------------------------------

KNOWN = frozenset({"5.38.50", "5.32.32", "0.25.11", "6.45.51"})


@pytest.mark.parametrize(
    ("text", "form", "known", "expected"),
    [
        # dotted
        ("5.38.50", "auto", None, AccountKey("5.38.50", None, None)),
        ("5.38.50.1", "auto", None, AccountKey("5.38.50", 1, None)),
        ("5.38.50.1.003", "auto", None, AccountKey("5.38.50", 1, "003")),
        ("5.38.50-1-003", "auto", None, AccountKey("5.38.50", 1, "003")),
        ("5.38.50-1", "auto", None, AccountKey("5.38.50", 1, None)),
        (" 5.38.50 - 3 - 091 ", "dotted", None, AccountKey("5.38.50", 3, "091")),
        ("0.25.11.1.001", "dotted", None, AccountKey("0.25.11", 1, "001")),
        # erp FFFFFDGGG / FFFFFD / FFFFF
        ("538501003", "erp", None, AccountKey("5.38.50", 1, "003")),
        ("538503", "erp", None, AccountKey("5.38.50", 3, None)),
        ("53850", "erp", None, AccountKey("5.38.50", None, None)),
        ("53850", "auto", None, AccountKey("5.38.50", None, None)),
        ("538501", "auto", None, AccountKey("5.38.50", 1, None)),
        (538501003, "erp", None, AccountKey("5.38.50", 1, "003")),
        (538501003.0, "erp", None, AccountKey("5.38.50", 1, "003")),
        # leading zero lost by Excel: restored only with an explicit form
        (25111001, "erp", None, AccountKey("0.25.11", 1, "001")),
        ("25111001", "erp", None, AccountKey("0.25.11", 1, "001")),
        # dst DFFFFFGGG
        ("153850003", "dst", None, AccountKey("5.38.50", 1, "003")),
        (353232001, "dst", None, AccountKey("5.32.32", 3, "001")),
        # auto, 9 digits: decided by dranst 1-9 ...
        ("538500003", "auto", None, AccountKey("3.85.00", 5, "003")),  # ERP dranst 0 -> DST
        ("025111001", "auto", None, AccountKey("0.25.11", 1, "001")),  # DST dranst 0 -> ERP
        # ... or by the known functions
        ("538501003", "auto", KNOWN, AccountKey("5.38.50", 1, "003")),
        ("153850003", "auto", KNOWN, AccountKey("5.38.50", 1, "003")),
        ("  538501003 ", "auto", KNOWN, AccountKey("5.38.50", 1, "003")),
        (538501003, "auto", KNOWN, AccountKey("5.38.50", 1, "003")),
    ],
)
def test_parse_account_key(text: object, form: str, known: frozenset[str] | None, expected: AccountKey) -> None:
    assert parse_account_key(text, form=form, known_functions=known) == expected


@pytest.mark.parametrize(
    ("text", "form", "known", "message"),
    [
        ("538501003", "auto", None, "ambiguous account key '538501003'.*set the key form in the mapping"),
        # both readings name a known function
        ("645515451", "auto", frozenset({"6.45.51", "4.55.15"}), "ambiguous account key"),
        ("538500000", "auto", KNOWN, "fits neither ERP FFFFFDGGG nor DST DFFFFFGGG.*chart of accounts"),
        ("000000000", "auto", None, "fits neither ERP FFFFFDGGG nor DST DFFFFFGGG; expected a dranst digit 1-9$"),
        ("25111001", "auto", None, "8 digits.*leading zero may have been lost"),
        (25111001, "auto", None, "8 digits.*leading zero may have been lost"),
        ("5385", "auto", None, "4 digits"),
        ("5385010031", "auto", None, "10 digits"),
        ("5385", "erp", None, "4 digits; expected ERP digits"),
        ("53850100", "dst", None, "dranst must be 1-9"),  # padded -> leading 0
        ("538501", "dst", None, "6 digits; expected DST digits DFFFFFGGG"),
        ("5385010031", "erp", None, "10 digits; expected ERP digits"),
        ("538500003", "erp", None, "dranst must be 1-9, not 0"),
        ("5.38.50.0", "auto", None, "dranst must be 1-9"),
        ("5.38", "auto", None, "not a dotted key"),
        ("5.38.50.1.3", "auto", None, "not a dotted key"),
        ("53.8.50", "auto", None, "not a dotted key"),
        ("538501003", "dotted", None, "not a dotted key"),
        ("5.38.50", "erp", None, "not a number; expected ERP digits"),
        ("konto", "auto", None, "not a number"),
        ("", "auto", None, "empty"),
        ("   ", "auto", None, "empty"),
        (None, "auto", None, "account key expected"),
        (True, "auto", None, "account key expected"),
        (5385.5, "erp", None, "not a whole number"),
        (-538501003, "erp", None, "negative"),
        ("538501003", "sap", None, "unknown account key form 'sap'"),
    ],
)
def test_parse_account_key_rejects(text: object, form: str, known: frozenset[str] | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_account_key(text, form=form, known_functions=known)


def test_account_key_is_frozen() -> None:
    key = AccountKey("5.38.50", 1, "003")
    with pytest.raises(AttributeError):
        key.dranst = 2  # type: ignore[misc]
    assert hash(key) == hash(AccountKey("5.38.50", 1, "003"))


# --------------------------------------------------------------------------------------
# CPR numbers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "0101901234",
        "010190-1234",
        "010190 1234",
        "010190\xa01234",
        " 3112991234 ",
        "borger 010190-1234 flyttet",
        "cpr:0101901234.",
        "(010190-1234)",
        "x010190-1234",
        "3101001234",
        1010901234,
        1010901234.0,
    ],
)
def test_looks_like_cpr_positive(text: object) -> None:
    assert looks_like_cpr(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "538501003",  # 9-digit account key
        "153850003",
        "12345678",  # 8-digit number (phone, date)
        "01022024",
        "1.234.567,89",  # amounts
        "1,234,567.89",
        "1.0101901234",
        "0101901234,50",
        "0101901234.5",
        "01019012345",  # 11 digits
        "10101901234",
        "3201901234",  # day 32
        "0001901234",  # day 00
        "0113901234",  # month 13
        "0100901234",  # month 00
        "010190--1234",
        "010190 -- 1234",
        "010190   1234",  # three spaces
        "01.01.90 1234",  # a date and a number in free text ("Faktura 01.02.23 4711")
        "01.01.90.1234",
        "01.01.1990-1234",
        "010190-123",
        "01-01-1990",
        "5.38.50.1.003",
        "",
        None,
        538501003,
        True,
        dt.date(1990, 1, 1),
        1234.5,
    ],
)
def test_looks_like_cpr_negative(text: object) -> None:
    assert looks_like_cpr(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0101901234", "0101901234"),
        ("010190-1234", "0101901234"),
        ("010190 1234", "0101901234"),
        (" 010190-1234 ", "0101901234"),
        (3112991234, "3112991234"),
    ],
)
def test_normalize_cpr(text: object, expected: str) -> None:
    assert normalize_cpr(text) == expected


@pytest.mark.parametrize(
    "text",
    ["borger 010190-1234", "538501003", "3201901234", "010190-12345", "", None, 1019012345, 53850100],
)
def test_normalize_cpr_rejects(text: object) -> None:
    with pytest.raises(ValueError, match="not a CPR number"):
        normalize_cpr(text)


# --- the extraction date an export states above its header ----------------------------------------

@pytest.mark.parametrize("title_rows, expected", [
    ([["Udtræk fra fagsystem"], ["Dannet 15-11-2026"]], (dt.date(2026, 11, 15), "Dannet 15-11-2026")),
    ([["Udtrukket:", dt.datetime(2028, 2, 29, 23, 30)]], (dt.date(2028, 2, 29), "29-02-2028")),
    ([["Udtræksdato 2026-12-31"]], (dt.date(2026, 12, 31), "Udtræksdato 2026-12-31")),
    ([["DATA PR. 1.1.2027"]], (dt.date(2027, 1, 1), "DATA PR. 1.1.2027")),
    ([["Periode 01-01-2019 - 31-12-2026"], ["Dannet 03-12-2026"]], (dt.date(2026, 12, 3), "Dannet 03-12-2026")),
    ([["Periode 01-01-2019 - 31-12-2026"]], None),                # a period is not an extraction date
    ([["Dannet 01-01-2026 og 02-01-2026"]], None),                # two dates: ambiguous, not guessed
    ([["Dannet 31-02-2026"]], None),                              # no such date
    ([["Dannet af Jens"]], None),
    ([], None),
])
def test_extraction_date(title_rows, expected):
    assert extraction_date(title_rows) == expected


# Every way of writing 120485-1234 seen in exports: the citizen column gives them one pseudonym, every other
# column rejects them, and a message shows them masked.
CPR_VARIANTS = [
    "1204851234",
    "120485-1234",
    "120485\u20131234",        # en dash (Excel's autocorrect)
    "120485\u20141234",        # em dash
    "120485\u22121234",        # minus sign
    "120485/1234",
    "120485_1234",
    "120485.1234",
    "120485 1234",
    "120485  1234",
    "120485 - 1234",
    "120485\xa01234",          # no-break space
    "120485\u200b1234",        # zero-width space
    "12.04.85-1234",
    "12-04-85-1234",
    "12/04/85 - 1234",
    "\uff11\uff12\uff10\uff14\uff18\uff15\uff0d\uff11\uff12\uff13\uff14",   # full-width digits and hyphen
    "\uff11\uff12\uff10\uff14\uff18\uff15\uff11\uff12\uff13\uff14",
    " 120485-1234 ",
    1204851234,                # a number cell
    1204851234.0,
]


@pytest.mark.parametrize("value", CPR_VARIANTS)
def test_cpr_variants_are_one_number(value: object) -> None:
    assert looks_like_cpr(value) is True
    assert normalize_cpr(value) == "1204851234"
    assert mask_cpr(value).strip() == "120485-****"
    if isinstance(value, str):
        assert looks_like_cpr(f"borger {value} flyttet") is True
        masked = mask_cpr(f"borger {value} flyttet")
        assert masked.startswith("borger ") and masked.endswith(" flyttet")
        assert "120485-****" in masked and "1234" not in masked


@pytest.mark.parametrize(
    ("value", "lost_zero", "expected"),
    [
        (204851234, False, "0204851234"),       # a number cell: Excel dropped the leading zero
        (204851234.0, False, "0204851234"),
        ("204851234", True, "0204851234"),      # the same saved again as CSV, in the citizen column
        (" 204851234 ", True, "0204851234"),
    ],
)
def test_cpr_with_the_leading_zero_lost(value: object, lost_zero: bool, expected: str) -> None:
    assert looks_like_cpr(value, lost_zero=lost_zero) is True
    assert normalize_cpr(value, lost_zero=lost_zero) == expected
    if not isinstance(value, str):
        assert mask_cpr(value) == "020485-****"


@pytest.mark.parametrize("value", ["204851234", "538501003", 538501003, 153850003, 25111001])
def test_nine_digit_text_is_no_cpr_outside_the_citizen_column(value: object) -> None:
    """Nine-digit text is an account key (ERP or DST form); as a number cell only a date-shaped one counts."""
    assert looks_like_cpr(value) is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fil 120485-1234.csv", "fil 120485-****.csv"),
        ("a 120485-1234 b 010190 4321", "a 120485-**** b 010190-****"),
        ("aktivitet_１２０４８５－１２３４.xlsx", "aktivitet_120485-****.xlsx"),
        ("ingen cpr 538501003", "ingen cpr 538501003"),
        (538501003, "538501003"),
        (1234.0, "1234"),
        (12.5, "12.5"),
        (None, ""),
    ],
)
def test_mask_cpr(value: object, expected: str) -> None:
    assert mask_cpr(value) == expected
