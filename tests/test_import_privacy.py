"""Personal data at import: every form of a CPR number becomes one pseudonym in the citizen column, is
refused everywhere else (also as an XLSX number cell), and never appears in clear in a message, on the
terminal or in the import history (one test per class of docs/import-safety.md)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb
import openpyxl
import pytest

from ingest.__main__ import main as cli
from ingest.importer import import_file
from ingest.report import ImportRejected
from tests.conftest import FIXTURES, database_fingerprint

ACTIVITY_HEADER = ["borger_id", "sag_id", "paragraf", "ydelse", "funktion", "leverandoer", "leverandoertype",
                   "startdato", "slutdato", "takst", "takstenhed", "niveau"]
LEDGER_HEADER = "kommunekode;aar;maaned;konto;art;beloebstype;beloeb;tekst\n"
CPR_DIGITS = ("1204854827", "0204854827")   # the two citizens of these tests, as ten digits


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(os.path.realpath(db), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def activity_row(citizen: object, case: object = "S1", start: object = "01-01-2023", provider: object = "Bostedet") -> list:
    return [citizen, case, "SEL § 108", "Botilbud", "5.38.50", provider, "privat", start, None, 1000, "dag", 2]


def xlsx(tmp_path: Path, name: str, body: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(ACTIVITY_HEADER)
    for r in body:
        ws.append(r)
    path = tmp_path / name
    wb.save(path)
    return path


def csv(tmp_path: Path, name: str, body: list[list], header: list[str] = ACTIVITY_HEADER) -> Path:
    path = tmp_path / name
    text = ";".join(header) + "\n" + "".join(";".join("" if c is None else str(c) for c in r) + "\n" for r in body)
    path.write_text(text, encoding="utf-8")
    return path


def rejected(kind: str, path: Path, db: Path, **kw) -> list[str]:
    before = database_fingerprint(db)
    with pytest.raises(ImportRejected) as exc:
        import_file(kind, path, db, **kw)
    assert database_fingerprint(db) == before
    return exc.value.report.lines()


def no_cpr_in_database(db: Path) -> None:
    data = Path(os.path.realpath(db)).read_bytes()
    for digits in CPR_DIGITS:
        for form in (digits, digits[:6] + "-" + digits[6:], digits[1:]):
            assert form.encode() not in data, form


def assert_masked(text: str) -> None:
    """The serials of the test citizens are 4827 (and the dates 120485, 020485); masked they are ****."""
    assert "4827" not in text and "\uff14\uff18\uff12\uff17" not in text, text


@pytest.fixture
def loaded_db(db_path) -> Path:
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    return db_path


# --- the citizen column: one pseudonym per citizen, whatever the form --------------------------------

VARIANTS = ["120485\u20134827", "120485/4827", "120485_4827", "120485.4827", "120485 - 4827", "120485  4827",
            "12.04.85-4827", "\uff11\uff12\uff10\uff14\uff18\uff15\uff0d\uff14\uff18\uff12\uff17"]


def test_citizen_column_variants_give_the_plain_forms_pseudonym(db_path, tmp_path):
    """An en dash, slash, underscore, dot, spaces, a dotted date or full-width digits: the same citizen."""
    body = [activity_row("120485-4827", case="S0")] + [activity_row(v, case=f"S{i + 1}") for i, v in enumerate(VARIANTS)]
    import_file("activity", csv(tmp_path, "varianter.csv", body), db_path, kommunekode=999)
    keys = rows(db_path, "select case_id, citizen_key from activity order by source_row")
    assert len(keys) == len(VARIANTS) + 1 and len({k for _, k in keys}) == 1, keys
    no_cpr_in_database(db_path)


def test_citizen_number_cells_give_the_text_forms_pseudonym(db_path, tmp_path):
    """Excel turns 1204854827 into a number, and 0204854827 into 204854827: still the same two citizens."""
    path = xlsx(tmp_path, "tal.xlsx", [activity_row("120485-4827", case="A1"), activity_row(1204854827, case="A2"),
                                       activity_row("020485-4827", case="B1"), activity_row(204854827, case="B2"),
                                       activity_row(204854827.0, case="B3")])
    import_file("activity", path, db_path, kommunekode=999)
    keys = dict(rows(db_path, "select case_id, citizen_key from activity"))
    assert keys["A1"] == keys["A2"] != keys["B1"] == keys["B2"] == keys["B3"]
    no_cpr_in_database(db_path)


def test_citizen_nine_digit_text_saved_again_from_excel(db_path, tmp_path):
    """A CSV opened in Excel and saved again has 204854827 for 020485-4827: the same citizen."""
    body = [activity_row("020485-4827", case="B1"), activity_row("204854827", case="B2")]
    import_file("activity", csv(tmp_path, "gemt_igen.csv", body), db_path, kommunekode=999)
    keys = dict(rows(db_path, "select case_id, citizen_key from activity"))
    assert keys["B1"] == keys["B2"]


# --- any other column: refused, and the message masks it ---------------------------------------------

@pytest.mark.parametrize("case", [1204854827, 204854827])
def test_number_cell_cpr_in_a_text_column_is_refused(loaded_db, tmp_path, case):
    path = xlsx(tmp_path, "sag.xlsx", [activity_row("X1", case=case)])
    (line,) = rejected("activity", path, loaded_db, kommunekode=999)
    assert "række 2" in line and "kolonne 'sag_id'" in line and "CPR" in line
    assert "-****" in line
    assert_masked(line)


@pytest.mark.parametrize("value", VARIANTS)
def test_variant_cpr_in_a_text_column_is_refused(loaded_db, tmp_path, value):
    path = csv(tmp_path, "leverandoer.csv", [activity_row("X1", provider=f"Bosted {value}")])
    (line,) = rejected("activity", path, loaded_db, kommunekode=999)
    assert "kolonne 'leverandoer'" in line and "'Bosted 120485-****'" in line
    assert_masked(line)


@pytest.mark.parametrize("value", ["120485\u20134827", "12.04.85-4827", "120485/4827"])
def test_variant_cpr_in_a_ledger_text_is_refused_on_the_fast_path(loaded_db, tmp_path, value):
    path = tmp_path / "tekst.csv"
    path.write_text(LEDGER_HEADER + f"999;2023;1;5.38.50.1.001;4.0;regnskab;1,00;borger {value}\n", encoding="utf-8")
    (line,) = rejected("ledger", path, loaded_db)
    assert "række 2" in line and "kolonne 'tekst'" in line and "'borger 120485-****'" in line
    assert_masked(line)


def test_cpr_in_a_parsed_column_is_masked_in_its_message(loaded_db, tmp_path):
    """A CPR number where a date or an amount belongs is refused twice (not a date, a CPR number), masked both times."""
    path = csv(tmp_path, "dato.csv", [activity_row("X1", start="120485-4827")])
    lines = rejected("activity", path, loaded_db, kommunekode=999)
    assert any("kolonne 'startdato'" in line and "dato" in line for line in lines)
    assert all("120485-****" in line for line in lines)
    for line in lines:
        assert_masked(line)
    ledger = tmp_path / "beloeb.csv"
    ledger.write_text(LEDGER_HEADER + "999;2023;1;5.38.50.1.001;4.0;regnskab;120485-4827;x\n", encoding="utf-8")
    (line,) = rejected("ledger", ledger, loaded_db)
    assert "kolonne 'beloeb'" in line and "'120485-****'" in line
    assert_masked(line)


def test_file_without_header_shows_its_first_row_masked(loaded_db, tmp_path):
    path = csv(tmp_path, "uden_overskrift.csv", [activity_row("120485-4827")], header=[])
    path.write_text(path.read_text(encoding="utf-8").lstrip("\n"), encoding="utf-8")
    lines = rejected("activity", path, loaded_db, kommunekode=999)
    assert any("fundne kolonner: 120485-****, S1" in line for line in lines), lines
    for line in lines:
        assert_masked(line)


def test_file_name_with_cpr_is_masked_in_history_summary_and_messages(loaded_db, tmp_path):
    good = csv(tmp_path, "aktivitet 120485-4827.csv", [activity_row("X1")])
    result = import_file("activity", good, loaded_db, kommunekode=999)
    assert result.file_name == "aktivitet 120485-****.csv"
    assert_masked(result.summary())
    assert rows(loaded_db, "select file_name from import_log where kind = 'activity'") == [("aktivitet 120485-****.csv",)]
    bad = csv(tmp_path, "borger_１２０４８５－４８２７.csv", [activity_row("X1", start="x")])
    lines = rejected("activity", bad, loaded_db, kommunekode=999)
    assert all(line.startswith("borger_120485-****.csv") for line in lines), lines
    no_cpr_in_database(loaded_db)


def test_cli_never_prints_a_cpr_number(loaded_db, tmp_path, capsys):
    """Terminal output of a rejected and of an accepted import (file name, values, first row of a file without header)."""
    bad = csv(tmp_path, "sag 120485-4827.csv", [activity_row("X1", start="120485-4827", case=1204854827)])
    assert cli(["activity", str(bad), "--db", str(loaded_db), "--kommune", "999"]) == 1
    headerless = tmp_path / "uden 020485-4827.csv"
    headerless.write_text("020485-4827;S1;SEL § 108\n", encoding="utf-8")
    assert cli(["activity", str(headerless), "--db", str(loaded_db), "--kommune", "999"]) == 1
    good = csv(tmp_path, "ok 120485-4827.csv", [activity_row("120485-4827")])
    assert cli(["activity", str(good), "--db", str(loaded_db), "--kommune", "999"]) == 0
    out = capsys.readouterr()
    assert "AFVIST: sag 120485-****.csv" in out.err and "Indlæst ok 120485-****.csv" in out.out
    assert_masked(out.out + out.err)


def test_source_text_with_cpr_is_refused(loaded_db, tmp_path):
    lines = rejected("pl-index", FIXTURES.parent.parent / "data" / "examples" / "pl-index.csv", loaded_db,
                     source="PL fra 120485-4827")
    assert len(lines) == 1 and "--source" in lines[0] and "120485-****" in lines[0]
    assert_masked(lines[0])


def test_every_test_named_in_the_safety_table_exists():
    """docs/import-safety.md (this section) names real tests, so the table cannot drift from the suite."""
    import re

    doc = (FIXTURES.parent.parent / "docs" / "import-safety.md").read_text(encoding="utf-8")
    section = doc.split("## Personoplysninger, injektion og urimelige værdier", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"\b(test_[a-z0-9_]+)\b(?!\.py)", section))
    suite = "\n".join(p.read_text(encoding="utf-8") for p in (FIXTURES.parent).glob("test_*.py"))
    missing = sorted(n for n in named if not re.search(rf"def {n}\(", suite))
    assert len(named) >= 25 and not missing, missing
    from tests.test_plausible_values import CASES

    cases = set(re.findall(r"\[([a-zA-Z][^\]`]*)\]", section.split("| Tariff out of range", 1)[1]))
    assert len(cases) >= 10 and cases <= {c[0] for c in CASES}, cases - {c[0] for c in CASES}


def test_messages_switch_language_and_stay_masked(loaded_db, tmp_path):
    """The messages' words come from the catalogue: the same rejection in English (the Data page in English
    mode) says the same thing, and the CPR number is masked in it as in the Danish one."""
    from i18n import use_language

    path = xlsx(tmp_path, "sag.xlsx", [activity_row("X1", case=1204851234)])
    with use_language("en"):
        (english,) = rejected("activity", path, loaded_db, kommunekode=999)
    (danish,) = rejected("activity", path, loaded_db, kommunekode=999)
    assert english == ("sag.xlsx, row 2, column 'sag_id': value '120485-****': no CPR numbers outside the citizen "
                       "column; remove them from the file")
    assert danish == ("sag.xlsx, række 2, kolonne 'sag_id': værdi '120485-****': ingen CPR-numre uden for "
                      "borger-kolonnen; fjern dem fra filen")
    assert_masked(english)
