"""Importer: committed fixture exports through the real importer, and one test per bad-input class
asserting the message and that the database is exactly as it was."""
from __future__ import annotations

import os
import stat
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from ingest.__main__ import main as cli
from ingest.fast_ledger import FileStats
from ingest.importer import import_file, uses_fast_ledger
from ingest.mappings import MAPPING_DIR, load_mapping
from ingest.report import ImportRejected
from tests.conftest import FIXTURES, database_fingerprint


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(os.path.realpath(db), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def loaded_db(db_path) -> Path:
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    return db_path


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


LEDGER_HEADER = "kommunekode;aar;maaned;konto;art;beloebstype;beloeb;tekst\n"
ACTIVITY_HEADER = "borger_id;sag_id;paragraf;ydelse;funktion;leverandoer;leverandoertype;startdato;slutdato;takst;takstenhed;niveau\n"


# --- good files ---------------------------------------------------------------------------------

def test_ledger_standard_totals_and_keys(db_path):
    result = import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    assert result.rows_read == result.rows_loaded == 7
    assert result.totals_by_year == {2023: pytest.approx(200_000.50), 2024: pytest.approx(49_750.00)}
    got = rows(db_path, "select year, amount_kind, dranst, sum(amount_dkk) from ledger group by all order by all")
    assert [(y, k, d, float(a)) for y, k, d, a in got] == [
        (2023, "actual", 1, 220_000.50), (2023, "actual", 2, -20_000.00),
        (2023, "budget_corrected", 1, 1_100_000.00), (2023, "budget_original", 1, 1_000_000.00),
        (2024, "actual", 1, 49_750.00),
    ]
    # the 9-digit and the dotted form of the same key give the same function, dranst and grouping
    keys = rows(db_path, "select distinct function_code, dranst, gruppering from ledger where year = 2023 and month = 2")
    assert keys == [("5.38.50", 1, "003")]
    assert rows(db_path, "select kind, rows_loaded, status, first_year, last_year from import_log") == [
        ("ledger", 7, "ok", 2023, 2024)]


def test_ledger_erp_export_cp1252_trailing_minus(db_path):
    result = import_file("ledger", FIXTURES / "ledger_prisme_cp1252.csv", db_path, mapping_name="prisme", kommunekode=999)
    assert result.totals_by_year == {2023: pytest.approx(1_234.50 - 234.50 + 1_000_000.00)}
    assert rows(db_path, "select distinct cost_center from ledger where cost_center is not null") == [("Bofællesskabet Åen",)]
    assert rows(db_path, "select distinct kommunekode from ledger") == [(999,)]


def test_activity_pseudonymised_and_tariffs_normalised(db_path, tmp_path):
    import_file("activity", FIXTURES / "activity_standard.csv", db_path, kommunekode=999)
    got = rows(db_path, "select source_row, citizen_key, tariff_unit, round(tariff_dkk_per_day, 6), level, end_date "
                        "from activity order by source_row")
    assert [(r[0], r[2], r[3], r[4]) for r in got] == [
        (2, "dag", 2000.0, "3"), (3, "time", 450.0 * 7 / 7, "2"),
        (4, "maaned", round(36_500 * 12 / 365, 6), None), (5, "uge", 100.0, "1"),
    ]
    assert got[0][1] == got[1][1] != got[2][1]          # same citizen, same pseudonym
    assert got[0][1].startswith("B") and len(got[0][1]) == 17
    assert got[0][5] is None                            # open-ended measure stays open
    data = Path(os.path.realpath(db_path)).read_bytes()
    for cpr in (b"0101901234", b"010190-1234", b"0202854321"):
        assert cpr not in data
    key = Path(os.environ["DASHBOARD_PSEUDONYM_KEY"])
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_replace_swaps_exactly_that_files_rows(loaded_db):
    import_file("ledger", FIXTURES / "ledger_prisme_cp1252.csv", loaded_db, mapping_name="prisme", kommunekode=101)
    before = rows(loaded_db, "select count(*), sum(amount_dkk) from ledger")
    result = import_file("ledger", FIXTURES / "ledger_standard.csv", loaded_db, replace=True)
    assert result.replaced_import_id == 1
    assert rows(loaded_db, "select count(*), sum(amount_dkk) from ledger") == before
    assert rows(loaded_db, "select import_id, file_name from import_log order by import_id") == [
        (2, "ledger_prisme_cp1252.csv"), (3, "ledger_standard.csv")]


def test_xlsx_with_title_rows_above_header(db_path, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Udtræk fra fagsystem"])
    ws.append(["Dannet 01-02-2024"])
    ws.append([])
    ws.append(["CPR-nr.", "Sagsnummer", "Lovhjemmel", "Funktion", "Ydelse startdato", "Ydelse slutdato",
               "Takst", "Takstenhed", "Funktionsevneniveau", "Leverandørtype"])
    import datetime as dt
    ws.append(["010190-1234", "S9", "SEL § 108", "5.38.50", dt.date(2023, 1, 1), None, 1500, "Dag", "Ikke vurderet", "Privat"])
    ws.append(["020285-4321", "S8", "SEL § 107", "5.38.52", dt.date(2023, 3, 1), dt.date(2023, 3, 31), 31000, "Måned", "4", "Region"])
    path = tmp_path / "aktivitet.xlsx"
    wb.save(path)
    result = import_file("activity", path, db_path, mapping_name="fagsystem", kommunekode=999)
    assert result.rows_loaded == 2
    got = rows(db_path, "select source_row, level, provider_type, tariff_unit from activity order by source_row")
    assert got == [(5, None, "privat", "dag"), (6, "4", "region", "maaned")]


# --- bad input: clear message, database unchanged -----------------------------------------------

def rejected(kind: str, path: Path, db: Path, **kw) -> list[str]:
    before = database_fingerprint(db)
    with pytest.raises(ImportRejected) as exc:
        import_file(kind, path, db, **kw)
    assert database_fingerprint(db) == before
    lines = exc.value.report.lines()
    assert lines and all(path.name in line or line.startswith("...") for line in lines)
    return lines


def test_wrong_encoding_utf16(loaded_db, tmp_path):
    p = write(tmp_path, "utf16.csv", LEDGER_HEADER + "999;2023;1;5.38.50.1.001;4.0;regnskab;1,0;x\n", "utf-16")
    lines = rejected("ledger", p, loaded_db)
    assert "text" in " ".join(lines).lower() or "tekst" in " ".join(lines).lower()


def test_missing_required_column_lists_found_and_accepted(loaded_db, tmp_path):
    p = write(tmp_path, "no_amount.csv", "kommunekode;aar;maaned;konto;art;beloebstype\n999;2023;1;5.38.50.1.001;4.0;regnskab\n")
    (line,) = rejected("ledger", p, loaded_db)
    assert "'amount'" in line and "beloeb, beløb, amount" in line and "fundne kolonner: kommunekode, aar" in line


def test_unparsable_number_names_row_column_value(loaded_db, tmp_path):
    p = write(tmp_path, "bad_number.csv", LEDGER_HEADER + "999;2023;1;5.38.50.1.001;4.0;regnskab;100,00;x\n"
              "999;2023;2;5.38.50.1.001;4.0;regnskab;12a;x\n")
    (line,) = rejected("ledger", p, loaded_db)
    assert "række 3" in line and "kolonne 'beloeb'" in line and "'12a'" in line and "et tal" in line


def test_unparsable_date(loaded_db, tmp_path):
    p = write(tmp_path, "bad_date.csv", ACTIVITY_HEADER + "X1;S1;SEL § 108;B;5.38.50;P;privat;31-02-2023;;100;dag;2\n")
    (line,) = rejected("activity", p, loaded_db, kommunekode=999)
    assert "række 2" in line and "kolonne 'startdato'" in line and "'31-02-2023'" in line and "dato" in line


def test_end_before_start(loaded_db, tmp_path):
    p = write(tmp_path, "end_before.csv", ACTIVITY_HEADER + "X1;S1;SEL § 108;B;5.38.50;P;privat;01-05-2023;30-04-2023;100;dag;2\n")
    (line,) = rejected("activity", p, loaded_db, kommunekode=999)
    assert "kolonne 'slutdato'" in line and "01-05-2023" in line


def test_unknown_function_is_reported_not_guessed(loaded_db, tmp_path):
    p = write(tmp_path, "unknown_fn.csv", LEDGER_HEADER + "999;2023;1;5.99.99.1.001;4.0;regnskab;1,00;x\n")
    (line,) = rejected("ledger", p, loaded_db)
    assert "5.99.99" in line and "kontoplan" in line


def test_empty_file(loaded_db, tmp_path):
    p = write(tmp_path, "empty.csv", "")
    (line,) = rejected("ledger", p, loaded_db)
    assert "tom" in line


def test_header_only_file(loaded_db, tmp_path):
    p = write(tmp_path, "header_only.csv", LEDGER_HEADER)
    (line,) = rejected("ledger", p, loaded_db)
    assert "ingen datarækker" in line


def test_truncated_last_line(loaded_db, tmp_path):
    p = write(tmp_path, "truncated.csv", LEDGER_HEADER + '999;2023;1;5.38.50.1.001;4.0;regnskab;1,00;"ok"\n'
              '999;2023;2;5.38.50.1.001;4.0;regnskab;2,00;"afbrudt')
    lines = rejected("ledger", p, loaded_db)
    assert any("truncated" in line.lower() or "afbrudt" in line.lower() for line in lines)


def test_duplicate_file_refused(loaded_db):
    (line,) = rejected("ledger", FIXTURES / "ledger_standard.csv", loaded_db)
    assert "allerede indlæst" in line and "--replace" in line


def test_cpr_in_free_text_column(loaded_db, tmp_path):
    p = write(tmp_path, "cpr_text.csv", LEDGER_HEADER + "999;2023;1;5.38.50.1.001;4.0;regnskab;1,00;borger 010190-1234 flyttet\n")
    (line,) = rejected("ledger", p, loaded_db)
    assert "kolonne 'tekst'" in line and "CPR" in line and "'borger 010190-**** flyttet'" in line and "1234" not in line


def test_many_problems_are_all_counted_and_capped(loaded_db, tmp_path):
    body = "".join(f"999;2023;1;5.38.50.1.001;4.0;regnskab;x{i};t\n" for i in range(250))
    p = write(tmp_path, "many.csv", LEDGER_HEADER + body)
    lines = rejected("ledger", p, loaded_db)
    assert len(lines) == 201 and "50 problemer mere" in lines[-1]


def test_first_import_into_missing_database_rejected_leaves_nothing(db_path, tmp_path):
    p = write(tmp_path, "bad.csv", LEDGER_HEADER + "999;2023;13;5.38.50.1.001;4.0;regnskab;1,00;x\n")
    rejected("ledger", p, db_path)
    assert not db_path.exists()


# --- command line -------------------------------------------------------------------------------

def test_cli_exit_codes(db_path, tmp_path, capsys):
    assert cli(["ledger", str(FIXTURES / "ledger_standard.csv"), "--db", str(db_path)]) == 0
    assert "rækker indlæst: 7" in capsys.readouterr().out
    assert cli(["ledger", str(FIXTURES / "ledger_standard.csv"), "--db", str(db_path)]) == 3   # already loaded
    assert "databasen er uændret" in capsys.readouterr().err
    assert cli(["ledger"]) == 2
    assert cli(["nonsense", "x.csv"]) == 2
    assert cli(["ledger", str(tmp_path / "missing.csv"), "--db", str(db_path)]) == 2
    assert cli(["ledger", str(FIXTURES / "ledger_standard.csv"), "--mapping", "nope", "--db", str(db_path)]) == 2


def test_skip_unknown_functions_loads_the_rest_and_reports_the_skipped(db_path, tmp_path):
    p = write(tmp_path, "mixed.csv", LEDGER_HEADER + "999;2023;1;5.38.50.1.001;4.0;regnskab;1,00;a\n"
              "999;2023;1;0.22.01.1.001;4.0;regnskab;2,00;b\n999;2023;2;0.22.01.1.001;4.0;regnskab;3,00;c\n")
    result = import_file("ledger", p, db_path, skip_unknown_functions=True)
    assert (result.rows_read, result.rows_loaded) == (3, 1)
    assert result.notes == ["2 rækker med funktioner uden for kontoplanen er ikke indlæst (rækker 3, 4)"]


def test_same_amount_error_on_many_rows_counts_every_row(loaded_db, tmp_path):
    body = "".join(f"999;2023;{m};5.38.50.1.001;4.0;regnskab;n/a;t\n" for m in range(1, 13))
    p = write(tmp_path, "na.csv", LEDGER_HEADER + body)
    lines = rejected("ledger", p, loaded_db)
    # the DuckDB path knows the first row and the count: one line for the twelve rows
    assert len(lines) == 1
    assert lines[0].startswith("na.csv, rækker 2, ... (12 rækker), kolonne 'beloeb': værdi 'n/a'")


def test_windows_1252_only_characters_survive(db_path, tmp_path):
    # 0x96 (en dash) and 0x80 (euro sign) differ between Windows-1252 and Latin-1
    p = tmp_path / "cp1252.csv"
    p.write_bytes((LEDGER_HEADER + "999;2023;1;5.38.50.1.001;4.0;regnskab;1,00;Bosted – €-regulering\n").encode("cp1252"))
    import_file("ledger", p, db_path)
    assert rows(db_path, "select text from ledger") == [("Bosted – €-regulering",)]


def test_windows_1252_after_a_utf8_looking_start(db_path, tmp_path):
    # the first 256 KB decode as UTF-8; the en dash further down still makes it a Windows-1252 file
    good = "".join(f"999;2023;1;5.38.50.1.001;4.0;regnskab;1,00;linje {i}\n" for i in range(8000))
    p = tmp_path / "late_cp1252.csv"
    p.write_bytes((LEDGER_HEADER + good + "999;2023;2;5.38.50.1.001;4.0;regnskab;2,00;Bosted – €\n").encode("cp1252"))
    result = import_file("ledger", p, db_path)
    assert result.rows_loaded == 8001
    assert rows(db_path, "select source_row, text from ledger where month = 2") == [(8002, "Bosted – €")]


def test_late_problems_name_their_physical_line(loaded_db, tmp_path):
    # two title lines above the header (line 3); the problems sit thousands of lines down
    body = [f"999;2023;1;5.38.50.1.001;4.0;regnskab;{i},00;t" for i in range(6000)]
    body[4321] = "999;2023;13;5.38.50.1.001;4.0;regnskab;1,00;t"          # line 4325: month
    body[5000] = "999;2023;1;5.38.50.1.001;4.0;regnskab;1,00;borger 010190-1234"   # line 5004: CPR
    body[5998] = "999;2023;1;5.38.50.1.001;4.0;regnskab;12a;t"             # line 6002: amount
    p = write(tmp_path, "late.csv", "Regnskab 2023;;;;;;;\nUdtrukket 01-02-2024;;;;;;;\n" + LEDGER_HEADER
              + "\n".join(body) + "\n")
    lines = rejected("ledger", p, loaded_db)
    assert len(lines) == 3
    assert "række 4325" in lines[0] and "kolonne 'maaned'" in lines[0] and "'13'" in lines[0]
    assert "række 5004" in lines[1] and "kolonne 'tekst'" in lines[1] and "CPR" in lines[1]
    assert "række 6002" in lines[2] and "kolonne 'beloeb'" in lines[2] and "'12a'" in lines[2]


def test_amount_forms_and_text_trimming(db_path, tmp_path):
    amounts = ["1.234,5-", "(2,50)", " +3,456 ", "-1.000.000,00", "7", "0,125", "1.234,5- ",
               "12 kr", "1 234,5"]     # the last two only ingest.values.cells.parse_decimal reads
    body = "".join(f"999;2023;{m};5.38.50.1.001; 4.0 ;regnskab;{a};{t}\n"
                   for m, (a, t) in enumerate(zip(amounts, ["  a  ", "   ", "b", "", "c", "d", "e", "f", "g"]), start=1))
    p = write(tmp_path, "forms.csv", LEDGER_HEADER + body)
    result = import_file("ledger", p, db_path)
    assert result.notes == ["2 beløb med mere end 2 decimaler er afrundet til hele øre (rækker 4, 7)"]
    got = rows(db_path, "select source_row, amount_dkk::double, art, text from ledger order by source_row")
    assert [a for _, a, _, _ in got] == [-1234.5, -2.5, 3.46, -1_000_000.0, 7.0, 0.13, -1234.5, 12.0, 1234.5]
    assert [t for _, _, _, t in got] == ["a", None, "b", None, "c", "d", "e", "f", "g"]
    assert {art for _, _, art, _ in got} == {"4.0"}
    assert [r for r, _, _, _ in got] == list(range(2, 11))


# --- the fast ledger path (DuckDB's CSV reader) and the general path (ingest.kinds.ledger) agree ----------

@pytest.fixture(params=["fast", "general"])
def ledger_path(request, monkeypatch) -> str:
    """Run a test through both ledger paths: ledger CSV files take the fast one unless it is switched off."""
    if request.param == "general":
        monkeypatch.setattr("ingest.importer.uses_fast_ledger", lambda kind, path, mapping: False)
    else:
        assert uses_fast_ledger("ledger", Path("x.csv"), load_mapping("ledger", "prisme"))
    return request.param


PRISME_HEADER = (FIXTURES / "ledger_prisme_cp1252.csv").read_bytes().splitlines(keepends=True)[0]
PRISME_ROW = "2023;{m};538501003;4.0;Regnskab;Bofællesskabet Åen;{text};{amount}\n"   # Posteringstekst = column 7


def prisme_file(tmp_path: Path, name: str, rows: int, bad_line: int, bad: bytes, bom: bool = False) -> Path:
    """A Prisme export of `rows` data rows (line 2 onwards) in Windows-1252, or UTF-8 after a byte-order mark,
    with the bytes `bad` in the posting text of line `bad_line`."""
    encoding = "utf-8" if bom else "cp1252"
    header = PRISME_HEADER.decode("cp1252").encode(encoding)
    lines = [PRISME_ROW.format(m=1 + i % 12, text=f"Husleje {i}", amount="1.234,50").encode(encoding) for i in range(rows)]
    lines[bad_line - 2] = PRISME_ROW.format(m=2, text="Husleje X", amount="1,00").encode(encoding).replace(b"X", bad)
    p = tmp_path / name
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + header + b"".join(lines))
    return p


# Lines are physical lines (header = line 1). 4000 rows of ~75 bytes are ~300 KB: line 3999 lies beyond the
# 256 KB prefix the fast path detects the encoding from, line 3 inside it.
@pytest.mark.parametrize("bad_line", [3, 3999])
def test_a_nul_byte_anywhere_rejects_the_file_with_its_line(loaded_db, tmp_path, ledger_path, bad_line):
    """Line 3999 lies past the 256 KB prefix the fast path detects the encoding from (it used to crash there
    with DuckDB's CSV sniffer error)."""
    p = prisme_file(tmp_path, "nul.csv", 4000, bad_line, b"\x00")
    (line,) = rejected("ledger", p, loaded_db, mapping_name="prisme", kommunekode=999)
    assert line == f"nul.csv, række {bad_line}: not a text file: line {bad_line} contains a NUL byte (binary data)"


@pytest.mark.parametrize("bad_line, bad, bom, message", [
    (3999, b"\x81", False, "byte 0x81 is not a character in Windows-1252, and the file is not valid UTF-8 either"),
    (3999, b"\x9d", False, "byte 0x9D is not a character in Windows-1252, and the file is not valid UTF-8 either"),
    (3999, b"ab\x8fc", False, "byte 0x8F is not a character in Windows-1252, and the file is not valid UTF-8 either"),
    (3, b"\x81", False, "byte 0x81 is not a character in Windows-1252, and the file is not valid UTF-8 either"),
    (3, b"\x90", False, "byte 0x90 is not a character in Windows-1252, and the file is not valid UTF-8 either"),
    (3999, "Bofælles".encode("cp1252"), True,
     "byte 0xE6 is not valid UTF-8, although the file starts with a UTF-8 byte-order mark"),
])
def test_byte_outside_the_encoding_names_line_and_column(loaded_db, tmp_path, ledger_path, bad_line, bad, bom, message):
    p = prisme_file(tmp_path, "undefined_byte.csv", 4000, bad_line, bad, bom)
    assert p.stat().st_size > 256 * 1024
    (line,) = rejected("ledger", p, loaded_db, mapping_name="prisme", kommunekode=999)
    assert line == (f"undefined_byte.csv, række {bad_line}: line {bad_line}, column 7: {message}; expected a text "
                    "file in UTF-8 or Windows-1252 (the file is damaged or in another encoding; save it again as CSV UTF-8)")


MIXED_ADVICE = ("expected one encoding for the whole file (were two exports joined, or the file edited in two "
                "programs?): save it again in one encoding, e.g. as CSV UTF-8")


def mixed_file(tmp_path: Path, rows: int, utf8_line: int, cp1252_line: int, char: str) -> Path:
    """A standard ledger file of `rows` ASCII data rows (line 2 onwards), except for the posting text `char` in
    UTF-8 on line utf8_line and in Windows-1252 on line cp1252_line."""
    lines = [f"999;2023;{1 + i % 12};5.38.50.1.001;4.0;regnskab;1.234,50;Husleje {i}\n".encode() for i in range(rows)]
    lines[utf8_line - 2] = f"999;2023;1;5.38.50.1.001;4.0;regnskab;1,00;Bo{char}\n".encode("utf-8")
    lines[cp1252_line - 2] = f"999;2023;2;5.38.50.1.001;4.0;regnskab;2,00;Bo{char}\n".encode("cp1252")
    p = tmp_path / "mixed.csv"
    p.write_bytes(LEDGER_HEADER.encode() + b"".join(lines))
    return p


# Read as Windows-1252, the UTF-8 lines would be loaded as "BoÃ¸" without notice. 6000 rows of ~57 bytes
# are ~340 KB: line 5000 and later lie beyond the 256 KB prefix the fast path detects the encoding from.
@pytest.mark.parametrize("rows, utf8_line, cp1252_line, char, utf8_bytes, byte", [
    (2, 2, 3, "æ", "C3 A6", "E6"),
    (2, 3, 2, "ø", "C3 B8", "F8"),
    (6000, 5000, 3, "å", "C3 A5", "E5"),     # only UTF-8 beyond the prefix
    (6000, 3, 5000, "Æ", "C3 86", "C6"),     # only Windows-1252 beyond the prefix
    (6000, 5500, 5000, "Ø", "C3 98", "D8"),  # both beyond it
    (6000, 5000, 6001, "Å", "C3 85", "C5"),
    (6000, 6001, 5999, "é", "C3 A9", "E9"),
])
def test_mixed_utf8_and_windows_1252_is_rejected_with_both_places(loaded_db, tmp_path, ledger_path, rows, utf8_line,
                                                                  cp1252_line, char, utf8_bytes, byte):
    p = mixed_file(tmp_path, rows, utf8_line, cp1252_line, char)
    if rows > 2:
        data = p.read_bytes()
        offsets = sorted(data.index(f"Bo{char}".encode(encoding)) for encoding in ("utf-8", "cp1252"))
        assert [o > 256 * 1024 for o in offsets] == [min(utf8_line, cp1252_line) > 3, True]
    utf8 = f"line {utf8_line}, column 8 has {char!r} in UTF-8 (bytes {utf8_bytes})"
    cp1252 = f"line {cp1252_line}, column 8 has byte 0x{byte}, which is not UTF-8 ({char!r} in Windows-1252)"
    first, second = (utf8, cp1252) if utf8_line < cp1252_line else (cp1252, utf8)
    (line,) = rejected("ledger", p, loaded_db)
    assert line == (f"mixed.csv, række {min(utf8_line, cp1252_line)}: the file mixes UTF-8 and Windows-1252: "
                    f"{first}, and {second}; {MIXED_ADVICE}")


def test_utf8_line_in_a_windows_1252_erp_export_is_rejected(loaded_db, tmp_path, ledger_path):
    # the Prisme header is Windows-1252 ("Regnskabsår", å = 0xE5); a UTF-8 "ø" far down gives it away
    p = prisme_file(tmp_path, "prisme_mixed.csv", 4000, 3999, "ø".encode("utf-8"))
    (line,) = rejected("ledger", p, loaded_db, mapping_name="prisme", kommunekode=999)
    assert line == ("prisme_mixed.csv, række 1: the file mixes UTF-8 and Windows-1252: line 1, column 1 has byte 0xE5, "
                    "which is not UTF-8 ('å' in Windows-1252), and line 3999, column 7 has 'ø' in UTF-8 (bytes C3 B8); "
                    + MIXED_ADVICE)


# FileStats sees the file in chunks while it is hashed: a character or a bad byte may be split between two.
@pytest.mark.parametrize("chunks, utf8, not_utf8, utf8_character", [
    ([b"a\xc3", b"\xa6b\xe6"], False, 4, 1),        # UTF-8 character split between chunks
    ([b"\xe6", b"\xc3\xb8"], False, 0, 1),
    ([b"ab\xc3", b"xy"], False, 2, None),             # a lone C3 split off: no character, not UTF-8
    ([b"ab", b"\xc3"], False, 2, None),               # the file ends inside a character
    ([b"\xc3\xb8", b"ok\xc2", b"\xa7"], True, None, 0),
    ([b"plain", b"", b"ascii"], True, None, None),
    ([b"x" * 10, b"y\xf8", b"\xc2\xa0"], False, 11, 12),
])
def test_file_stats_find_mixed_encodings_across_chunks(chunks, utf8, not_utf8, utf8_character):
    stats = FileStats()
    for chunk in chunks:
        stats.update(chunk)
    stats.finish()
    assert (stats.utf8, stats.not_utf8, stats.utf8_character) == (utf8, not_utf8, utf8_character)
    assert stats.mixed == (not utf8 and utf8_character is not None)


AMOUNT_RANGE = "et beløb mellem -9.999.999.999.999.999,99 og 9.999.999.999.999.999,99 kr."


# ledger.amount_dkk is decimal(18, 2): 10^16 kr. or more (after rounding to whole øre) cannot be stored
@pytest.mark.parametrize("amount", [
    "10000000000000000", "10.000.000.000.000.000,00", "-10.000.000.000.000.000", "(12.345.678.901.234.567,00)",
    "10.000.000.000.000.000,00-", "9.999.999.999.999.999,995", "-9999999999999999,995", "1E+17",
    "1" + "0" * 41,
])
def test_amount_of_10_to_the_16_or_more_is_rejected(loaded_db, tmp_path, ledger_path, amount):
    p = write(tmp_path, "huge.csv", LEDGER_HEADER + "999;2023;1;5.38.50.1.001;4.0;regnskab;100,00;x\n"
              f"999;2023;2;5.38.50.1.001;4.0;regnskab;{amount};x\n")
    (line,) = rejected("ledger", p, loaded_db)
    assert line == f"huge.csv, række 3, kolonne 'beloeb': værdi '{amount}': {AMOUNT_RANGE}"


def test_amounts_at_the_limit_are_stored_exactly(db_path, tmp_path, ledger_path):
    amounts = ["9.999.999.999.999.999,99", "-9999999999999999,994", "9.876.543.210.987.654,32"]
    body = "".join(f"999;2023;{m};5.38.50.1.001;4.0;regnskab;{a};x\n" for m, a in enumerate(amounts, start=1))
    import_file("ledger", write(tmp_path, "limit.csv", LEDGER_HEADER + body), db_path)
    assert rows(db_path, "select amount_dkk from ledger order by source_row") == [
        (Decimal("9999999999999999.99"),), (Decimal("-9999999999999999.99"),), (Decimal("9876543210987654.32"),)]


# Amounts are stored in whole øre, rounded once from the exact value as written, half away from zero
# (0,125 -> 0,13). Rounding twice (first to 4 decimals, then to 2) made 0,12495 -> 0,1250 -> 0,13.
@pytest.mark.parametrize("amount, stored, rounded", [
    ("0,12495", "0.12", True),
    ("0,124951", "0.12", True),
    ("-0,12495", "-0.12", True),
    ("0,1249999999", "0.12", True),
    ("12,34567", "12.35", True),
    ("0,125", "0.13", True),
    ("2,675", "2.68", True),
    ("-2,675", "-2.68", True),
    ("1.234,565", "1234.57", True),
    ("1.234,5649", "1234.56", True),
    ("0,0049999", "0.00", True),
    ("1.234,565-", "-1234.57", True),       # sign forms
    ("(0,125)", "-0.13", True),
    (" 1.234,565 - ", "-1234.57", True),
    ("0,12499999999999999999", "0.12", True),      # 20 decimals: the most SQL casts exactly
    ("0,1249999999999999999995", "0.12", True),    # 22 decimals: parsed in Python
    ("1 234,565 kr.", "1234.57", True),     # only ingest.values.cells.parse_decimal reads this form
    ("1,50000", "1.50", False),             # trailing zeros change nothing
    ("1,5", "1.50", False),
])
def test_amount_decimals_are_rounded_once_to_whole_oere(db_path, tmp_path, ledger_path, amount, stored, rounded):
    p = write(tmp_path, "decimals.csv", LEDGER_HEADER + "999;2023;1;5.38.50.1.001;4.0;regnskab;100,00;x\n"
              f"999;2023;2;5.38.50.1.001;4.0;regnskab;{amount};x\n")
    result = import_file("ledger", p, db_path)
    assert rows(db_path, "select source_row, amount_dkk from ledger order by source_row") == [
        (2, Decimal("100.00")), (3, Decimal(stored))]
    assert result.notes == (["1 beløb med mere end 2 decimaler er afrundet til hele øre (rækker 3)"] if rounded else [])


def test_rounding_note_counts_every_row_and_lists_the_first_ten(db_path, tmp_path, ledger_path):
    body = "".join(f"999;2023;{1 + i % 12};5.38.50.1.001;4.0;regnskab;{'0,125' if i % 2 else '1,00'};x{i}\n"
                   for i in range(30))
    result = import_file("ledger", write(tmp_path, "many_decimals.csv", LEDGER_HEADER + body), db_path)
    assert result.notes == ["15 beløb med mere end 2 decimaler er afrundet til hele øre "
                            "(rækker 3, 5, 7, 9, 11, 13, 15, 17, 19, 21 ...)"]
    assert rows(db_path, "select sum(amount_dkk) from ledger") == [(Decimal("16.95"),)]   # 15 x 1,00 + 15 x 0,13


def test_xlsx_ledger_amounts_follow_the_same_rules(loaded_db, tmp_path):
    def xlsx(name: str, amounts: list) -> Path:
        return ledger_xlsx(tmp_path / name, amounts)

    # number cells round from the decimal Excel shows (2.675, not the binary 2.67499999...)
    result = import_file("ledger", xlsx("ok.xlsx", [0.125, 2.675, 0.12495, 12.34567, 9_876_543_210_987_654]), loaded_db,
                         add_overlapping=True)
    assert rows(loaded_db, f"select amount_dkk from ledger where import_id = {result.import_id} order by source_row") == [
        (Decimal("0.13"),), (Decimal("2.68"),), (Decimal("0.12"),), (Decimal("12.35"),), (Decimal("9876543210987654.00"),)]
    assert result.notes[0] == "4 beløb med mere end 2 decimaler er afrundet til hele øre (rækker 2, 3, 4, 5)"
    (line,) = rejected("ledger", xlsx("huge.xlsx", [1.0, 1e16]), loaded_db)
    assert line == f"huge.xlsx, række 3, kolonne 'beloeb': værdi '10000000000000000': {AMOUNT_RANGE}"


def ledger_xlsx(path: Path, amounts: list) -> Path:
    """A standard ledger sheet with one row per amount (month 1, 2, ...: Excel rows 2, 3, ...)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(LEDGER_HEADER.strip().split(";"))
    for m, a in enumerate(amounts, start=1):
        ws.append([999, 2023, m, "5.38.50.1.001", "4.0", "regnskab", a, "x"])
    wb.save(path)
    return path


# Number cells carry their value; only text cells say how the sheet writes its decimals. Number cells used to
# vote for '.', so text amounts with a decimal comma were rejected, or "1.234" read as 1,23.
@pytest.mark.parametrize("amounts, stored", [
    ([1234.5, 12.25, 0.5, "1.234,50", "2,5"], ["1234.50", "12.25", "0.50", "1234.50", "2.50"]),
    ([0.5, 1.25, 2.75, 3.5, "1.234,50"], ["0.50", "1.25", "2.75", "3.50", "1234.50"]),
    ([12.5, "1.234"], ["12.50", "1234.00"]),                  # text alone: the Danish thousands dot
    ([1234.5, "2.5", "1,234.75"], ["1234.50", "2.50", "1234.75"]),   # the text uses a decimal point
    ([1234.5, 0.25, 7], ["1234.50", "0.25", "7.00"]),          # only numbers
    (["1.234,50", "2,5", "1.000"], ["1234.50", "2.50", "1000.00"]),   # only text, decimal comma
    (["1,234.50", "2.5"], ["1234.50", "2.50"]),                # only text, decimal point
])
def test_xlsx_decimal_separator_is_detected_from_text_cells_only(db_path, tmp_path, amounts, stored):
    result = import_file("ledger", ledger_xlsx(tmp_path / "blandet.xlsx", amounts), db_path)
    assert rows(db_path, "select source_row, amount_dkk from ledger order by source_row") == [
        (row, Decimal(a)) for row, a in enumerate(stored, start=2)]
    assert result.notes == []


def test_xlsx_text_amounts_that_disagree_are_still_rejected(loaded_db, tmp_path):
    # text votes: "1.234,50" for ',', "2.5" for '.': a tie goes to ','; the number 1.5 does not vote
    (line,) = rejected("ledger", ledger_xlsx(tmp_path / "uenig.xlsx", [1.5, "1.234,50", "2.5"]), loaded_db)
    assert line == "uenig.xlsx, række 4, kolonne 'beloeb': værdi '2.5': et tal (decimalkomma, fx 1.234,50 eller 1234,5)"


def test_statbank_text_export_without_header(db_path):
    # shape of a real REGK31 text export (values for Hele landet, København, Norddjurs as published for
    # 2024; the region row and the '..' are made up to cover those cases)
    result = import_file("benchmark", FIXTURES / "regk31_tekst_2024.csv", db_path, mapping_name="statbank_tekst",
                         year=2024, source="Danmarks Statistik, REGK31")
    assert (result.rows_read, result.rows_loaded) == (5, 4)
    assert result.notes == ["1 rækker med manglende værdi ('..' eller 'M') eller, med --skip-unknown-functions, "
                            "ukendt funktion eller nøgletal er ikke indlæst (rækker 5)"]
    got = rows(db_path, "select kommunekode, year, function_code, unit, value from benchmark order by kommunekode")
    assert got == [(0, 2024, "5.38.45", "dkk_per_inhabitant", 181.0), (84, 2024, "5.38.45", "dkk_per_inhabitant", 250.0),
                   (101, 2024, "5.38.45", "dkk_per_inhabitant", 379.0), (707, 2024, "5.38.45", "dkk_per_inhabitant", 138.0)]


def test_statbank_text_export_needs_a_year(loaded_db):
    lines = rejected("benchmark", FIXTURES / "regk31_tekst_2024.csv", loaded_db, mapping_name="statbank_tekst")
    assert "--aar" in lines[0]


NOEGLETAL_HEADER = "kommunekode;aar;noegletal;vaerdi\n"
CHILDREN_PER_0_17 = "Nettodriftsudgifter til udsatte børn og unge pr. 0-17-årig"


def test_key_figure_file_maps_names_to_area_and_unit(db_path):
    result = import_file("benchmark", FIXTURES / "noegletal_2023_2024.csv", db_path, mapping_name="noegletal",
                         source="Nøgletal (testfil)")
    # 'M' (row 6) is missing and not loaded; '-' (row 7) is noegletal.dk's zero; names match ignoring case
    # and repeated spaces; Frederiksberg and Hele landet by name
    assert (result.rows_read, result.rows_loaded) == (7, 6)
    assert result.notes and "(rækker 6)" in result.notes[0]
    got = rows(db_path, "select kommunekode, year, function_code, unit, value, key_figure, price_unit from benchmark "
                        "order by kommunekode, year")
    adults = "Nettodriftsudgifter til voksne med særlige behov"
    assert got == [
        (0, 2024, "5.28", "dkk_per_inhabitant_0_17", 12000.0, CHILDREN_PER_0_17, "current"),
        (101, 2023, "5.28", "dkk_per_inhabitant_0_17", 14512.0, CHILDREN_PER_0_17, "current"),
        (101, 2024, "5.28", "dkk_per_inhabitant_0_17", 15020.5, CHILDREN_PER_0_17, "current"),
        (147, 2023, "5.38", "dkk_per_inhabitant_18_64", 9870.0, adults + " pr. 18-64-årig", "current"),
        (147, 2024, "5.28", "dkk_per_inhabitant_0_17", 13100.0, CHILDREN_PER_0_17, "current"),
        (825, 2024, "5.38", "dkk_1000", 0.0, adults + " i alt (1.000 kr.)", "current"),
    ]


def test_unknown_key_figure_names_the_row_and_the_mapping_file(loaded_db, tmp_path):
    p = write(tmp_path, "ukendt_noegletal.csv", NOEGLETAL_HEADER + f"101;2024;{CHILDREN_PER_0_17};15.000\n"
              "101;2024;Anbragte børn pr. 1.000 0-17-årige;12,1\n")
    lines = rejected("benchmark", p, loaded_db, mapping_name="noegletal")
    assert len(lines) == 1 and "række 3" in lines[0] and "Anbragte børn pr. 1.000 0-17-årige" in lines[0]
    assert "benchmark_noegletal.toml" in lines[0]
    # with --skip-unknown-functions the known row loads and the other is counted in the message
    result = import_file("benchmark", p, loaded_db, mapping_name="noegletal", skip_unknown_functions=True)
    assert (result.rows_read, result.rows_loaded) == (2, 1) and "(rækker 3)" in result.notes[0]


def test_key_figure_mapping_must_point_at_a_known_area(loaded_db, tmp_path):
    mapping_dir = tmp_path / "mappings"
    mapping_dir.mkdir()
    text = (MAPPING_DIR / "benchmark_noegletal.toml").read_text(encoding="utf-8").replace('area = "5.28"', 'area = "5.99"')
    (mapping_dir / "benchmark_forkert.toml").write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("ingest.mappings.MAPPING_DIR", mapping_dir)
        lines = rejected("benchmark", FIXTURES / "noegletal_2023_2024.csv", loaded_db, mapping_name="forkert")
    assert "5.99" in lines[0] and "benchmark_forkert.toml" in lines[0]


@pytest.mark.parametrize("spec, message", [
    ('area = "5.28"\nunit = "kr_pr_barn"', "unit = 'kr_pr_barn'"),
    ('unit = "dkk"', "needs area"),
    ('area = "5.28"\nunit = "dkk"\nprices = "2024"', "prices = '2024'"),
])
def test_key_figure_mapping_is_checked_when_loaded(tmp_path, spec, message):
    (tmp_path / "benchmark_x.toml").write_text(
        'kind = "benchmark"\n[columns]\nkommunekode = ["kommunekode"]\nyear = ["aar"]\nkey_figure = ["noegletal"]\n'
        'value = ["vaerdi"]\n[key_figures."Et nøgletal"]\n' + spec + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_mapping("benchmark", "x", mapping_dir=tmp_path)


def test_folk1a_single_ages_are_summed_into_groups(db_path):
    result = import_file("population", FIXTURES / "folk1a_2024.csv", db_path, mapping_name="folk1a")
    # 2 areas x (1 total + 6 ages) rows for sex 'I alt' in Q1 are loaded; men and Q2 rows are counted
    assert (result.rows_read, len(result.notes)) == (56, 1) and result.notes[0].startswith("42 rækker")
    got = rows(db_path, "select kommunekode, age_group, persons from population order by kommunekode, age_group")
    assert got == [(0, "0-17", 30), (0, "18-64", 70), (0, "65+", 55), (0, "total", 5000),
                   (707, "0-17", 30), (707, "18-64", 70), (707, "65+", 55), (707, "total", 1000)]


def test_version_file_names_never_look_like_a_cpr_number(db_path):
    """The database stores its own file name; a time stamp followed by a separator and four digits of the
    random suffix (e.g. 'T210551-6939' or 'T210449_7827') would be CPR-shaped, and the file is scanned for such
    values: the suffix starts with 'v' (every second of a day: tests/test_import_safety.py)."""
    import re

    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    name = Path(os.path.realpath(db_path)).name
    assert re.fullmatch(r"[\w.]+_\d{8}T\d{6}_v[0-9a-f]{8}\.duckdb", name), name
    assert "-" not in name.removeprefix(db_path.stem)



@pytest.mark.parametrize("amounts, expected", [
    (["1.234,50", "2,5", "12x"], "et tal (decimalkomma, fx 1.234,50 eller 1234,5)"),
    (["1,234.50", "2.5", "12x"], "et tal (decimalpunktum, fx 1,234.50 eller 1234.5)"),
])
def test_a_bad_amount_names_the_files_decimal_separator_with_examples_in_it(ledger_path, db_path, tmp_path,
                                                                         amounts, expected):
    p = tmp_path / "sep.csv"
    p.write_text(LEDGER_HEADER + "".join(f"999;2023;{m};5.38.50.1.001;4.0;regnskab;{a};x\n"
                                         for m, a in enumerate(amounts, start=1)), encoding="utf-8")
    (line,) = rejected("ledger", p, db_path)
    assert line == f"sep.csv, række 4, kolonne 'beloeb': værdi '12x': {expected}"


# --- the extraction date of an activity export ----------------------------------------------------

ACTIVITY_ROWS = ("A;S1;SEL § 108;Botilbud;5.38.50;Bo A;privat;01-01-2026;;1000;dag;3\n"
                 "B;S2;SEL § 107;Botilbud;5.38.52;Bo B;region;01-03-2026;31-12-2026;1000;dag;2\n"
                 "C;S3;SEL § 107;Botilbud;5.38.52;Bo B;region;01-12-2026;;1000;dag;2\n")


def test_activity_data_date_given_is_recorded_and_bounds_every_measure(db_path, tmp_path):
    """Open measures run to the extraction date, and no day after it counts for a measure whose known end
    is later; a measure starting after it is stored and named in the summary."""
    import datetime as dt

    p = write(tmp_path, "akt.csv", ACTIVITY_HEADER + ACTIVITY_ROWS)
    result = import_file("activity", p, db_path, kommunekode=999, data_date=dt.date(2026, 10, 31))
    assert result.data_date == dt.date(2026, 10, 31) and "udtræksdato: 31-10-2026 (angivet" in result.summary()
    assert any(n.startswith("1 ydelser starter efter udtræksdatoen 31-10-2026") and "rækker 4" in n for n in result.notes)
    assert rows(db_path, "select data_date, last_year from import_log") == [(dt.date(2026, 10, 31), 2026)]
    assert rows(db_path, "select data_date from activity_data_date") == [(dt.date(2026, 10, 31),)]
    days = dict(rows(db_path, "select citizen_key is not null, sum(days) from activity_month group by all"))
    # A: 1 Jan - 31 Oct = 304 days; B: 1 Mar - 31 Oct = 245 days (not to its end 31 Dec); C: none yet
    assert days == {True: 304 + 245}
    assert rows(db_path, "select count(*) from activity") == [(3,)]


def test_activity_data_date_from_the_title_row_else_the_import_date(db_path, tmp_path):
    import datetime as dt

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Udtræk fra fagsystem"])
    ws.append(["Dannet 29-02-2028"])
    ws.append(["CPR-nr.", "Funktion", "Ydelse startdato", "Ydelse slutdato", "Takst", "Takstenhed"])
    ws.append(["A", "5.38.50", dt.date(2028, 1, 1), None, 1000, "Dag"])
    path = tmp_path / "aktivitet.xlsx"
    wb.save(path)
    result = import_file("activity", path, db_path, mapping_name="fagsystem", kommunekode=999)
    assert result.data_date == dt.date(2028, 2, 29) and "fra filens titel: 'Dannet 29-02-2028'" in result.summary()
    assert rows(db_path, "select sum(days) from activity_month") == [(60,)]

    before = dt.date.today()
    other = import_file("activity", write(tmp_path, "akt.csv", ACTIVITY_HEADER + ACTIVITY_ROWS), db_path,
                        kommunekode=999)
    assert before <= other.data_date <= dt.date.today()
    assert "importdatoen" in other.data_date_source


def test_cli_takes_the_extraction_date(db_path, tmp_path, capsys):
    p = write(tmp_path, "akt.csv", ACTIVITY_HEADER + ACTIVITY_ROWS)
    assert cli(["activity", str(p), "--db", str(db_path), "--kommune", "999", "--udtraeksdato", "30-11-2026"]) == 0
    assert "udtræksdato: 30-11-2026" in capsys.readouterr().out
    assert cli(["activity", str(p), "--db", str(db_path), "--kommune", "999", "--udtraeksdato", "31-11-2026",
                "--replace"]) == 2


def test_open_measures_overlap_up_to_their_own_extraction_date(db_path, tmp_path):
    """Whether two activity extracts overlap is decided with each one's extraction date, never today's."""
    import datetime as dt

    first = write(tmp_path, "juni.csv", ACTIVITY_HEADER + "A;S1;SEL § 108;Botilbud;5.38.50;Bo A;privat;01-01-2026;;1000;dag;3\n")
    later = write(tmp_path, "supplement.csv",
                  ACTIVITY_HEADER + "B;S2;SEL § 108;Botilbud;5.38.50;Bo A;privat;01-09-2026;;1000;dag;3\n")
    import_file("activity", first, db_path, kommunekode=999, data_date=dt.date(2026, 6, 30))
    result = import_file("activity", later, db_path, kommunekode=999, data_date=dt.date(2026, 12, 1))
    assert result.rows_loaded == 1 and not any("dækker" in n for n in result.notes)
    # an extract whose open measure reaches into the first one's period does overlap
    again = write(tmp_path, "igen.csv", ACTIVITY_HEADER + "C;S3;SEL § 108;Botilbud;5.38.50;Bo A;privat;01-05-2026;;1000;dag;3\n")
    with pytest.raises(ImportRejected) as rejected_import:
        import_file("activity", again, db_path, kommunekode=999, data_date=dt.date(2026, 12, 1))
    lines = rejected_import.value.report.lines()
    assert any("import nr. 1 (juni.csv" in line for line in lines), lines


# --- the kind registry (ingest.kinds.spec) ---------------------------------------------------------------------

def test_every_import_kind_has_one_row_with_its_tables_fields_label_and_converter(loaded_db):
    """One row per kind of domain.codes.IMPORT_KINDS, in that order; its tables exist and carry import_id, its
    required fields have aliases in the standard mapping, its label is in the catalogue, its converter loads."""
    from domain.codes import IMPORT_KINDS
    from i18n import LANGUAGES, has_label, t
    from ingest.kinds.spec import KINDS, TABLES

    assert tuple(KINDS) == IMPORT_KINDS
    columns = {(table, column) for table, column in rows(loaded_db, "select table_name, column_name "
                                                                    "from information_schema.columns")}
    problems = []
    for kind, spec in KINDS.items():
        problems += [f"{kind}: table {t_} has no import_id" for t_ in spec.tables if (t_, "import_id") not in columns]
        problems += [f"{kind}: span or cells table {t_} is not one of its tables"
                     for t_ in spec.span_tables + tuple(c.table for c in spec.cells) if t_ not in spec.tables]
        mapping = load_mapping(kind, "standard")
        problems += [f"{kind}: no alias for {f}" for f in spec.required if f not in mapping.columns]
        if not has_label(spec.label_key) or not all(t(spec.label_key, lang=lang) for lang in LANGUAGES):
            problems.append(f"{kind}: no label {spec.label_key}")
        if not callable(spec.convert):
            problems.append(f"{kind}: converter {spec.converter} is not a function")
    assert not problems, problems
    assert set(TABLES) == {t_ for spec in KINDS.values() for t_ in spec.tables}
