"""Reconciliation (issue 21): a ledger re-exported with a new month and a corrected figure says what changed
against the rows it replaces, in the summary and in import_change; a first ledger says nothing."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from i18n import use_language
from ingest.importer import import_file
from tests.conftest import FIXTURES

LEDGER = (FIXTURES / "ledger_standard.csv").read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def reexport(tmp_path) -> Path:
    """The same export a month later: February 2023 of 5.38.50 corrected (120.000,50 -> 125.000,50, +5.000,00),
    a new month (March 2023) and everything else unchanged."""
    text = LEDGER.replace("999;2023;2;538501003;4.0;regnskab;120.000,50", "999;2023;2;538501003;4.0;regnskab;125.000,50")
    text += "999;2023;3;5.38.50.1.003;4.0;regnskab;90.000,00\n"
    return _write(tmp_path, "regnskab_marts.csv", text)


def test_a_first_ledger_reconciles_nothing(db_path):
    result = import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    assert not [n for n in result.notes if "måneder" in n]
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        assert con.sql("select count(*) from import_change").fetchall() == [(0,)]
    finally:
        con.close()


def test_a_reexport_says_which_months_are_new_and_which_figures_changed(db_path, reexport):
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    with use_language("da"):
        result = import_file("ledger", reexport, db_path, replace=True)
    changes = [n for n in result.notes if "måned" in n or n.startswith("ændret:")]
    assert changes == [
        "nye måneder: 03-2023",
        "1 tal ændret i måneder, der var indlæst før (02-2023)",
        "ændret: 02-2023 funktion 5.38.50 regnskab: 120.000,50 -> 125.000,50 kr. (+5.000,00)",
    ]
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.sql("select year, month, function_code, amount_kind, new_month, before_dkk::double, "
                       "after_dkk::double from import_change where import_id = $id order by year, month",
                       params={"id": result.import_id}).fetchall()
        assert rows == [(2023, 2, "5.38.50", "actual", False, 120000.50, 125000.50),
                        (2023, 3, "5.38.50", "actual", True, None, 90000.0)]
        # the replaced import's rows are gone, the ledger holds the new figures only
        assert con.sql("select sum(amount_dkk)::double from ledger where year = 2023 and month = 2").fetchall() == [
            (125000.50,)]
    finally:
        con.close()


def test_a_refused_reexport_records_no_changes(db_path, reexport):
    """Without --replace the overlapping re-export is refused; the database, import_change included, is as
    it was."""
    from ingest.report import ImportConflict
    from tests.conftest import database_fingerprint

    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    before = database_fingerprint(db_path)
    with pytest.raises(ImportConflict):
        import_file("ledger", reexport, db_path)
    assert database_fingerprint(db_path) == before


def test_an_unchanged_reexport_changes_nothing(db_path, tmp_path):
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    # the same rows saved another way (other order): replaced, nothing new, nothing changed
    lines = LEDGER.splitlines()
    same = _write(tmp_path, "samme.csv", "\n".join([lines[0], *reversed(lines[1:])]) + "\n")
    result = import_file("ledger", same, db_path, replace=True)
    assert not [n for n in result.notes if "måned" in n]


# ---- the Data page shows it ---------------------------------------------------------------------------

@pytest.fixture
def reexported_db(db_path, reexport) -> Path:
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    import_file("ledger", reexport, db_path, replace=True)
    return db_path


def _changes(db: Path):
    import queries

    con = queries.connect_read_only(queries.database_version(db))
    try:
        return queries.run(con, "data_import_changes")
    finally:
        con.close()


def test_the_change_list_and_its_sentence(reexported_db):
    from present.data import change_imports, changes_sentence, changes_table

    changes = _changes(reexported_db)
    assert change_imports(changes) == [2]
    with use_language("da"):
        assert changes_sentence(changes, 2, "regnskab_marts.csv") == (
            "regnskab_marts.csv tilføjede 1 ny måned (03-2023) og ændrede 1 tal i 02-2023: netto +5.000,00 kr. "
            "i de måneder, der var indlæst før.")
        table = changes_table(changes, 2, {"actual": "Regnskab"})
    assert table.rows() == [
        ("02-2023", "5.38.50 " + table["Funktion"][0].split(" ", 1)[1], "Regnskab", "120.000,50", "125.000,50",
         "+5.000,00", ""),
        ("03-2023", table["Funktion"][1], "Regnskab", "–", "90.000,00", "+90.000,00", "ny måned"),
    ]
    assert table["Funktion"][1].startswith("5.38.50 ")


def test_the_data_page_says_what_the_last_import_changed(reexported_db, monkeypatch):
    from tests.apptools import open_page
    from tests.conftest import app_on

    at = open_page(app_on(reexported_db, monkeypatch), "dashboard/pages/data.py")
    assert "Hvad ændrede importen?" in [h.value for h in at.subheader]
    assert at.selectbox(key="data_changes_import").value == 2
    sentences = [m.value for m in at.markdown if "tilføjede" in m.value]
    assert sentences and "netto +5.000,00 kr." in sentences[0]
    (table,) = [d.value for d in at.dataframe if "Før (kr.)" in d.value.columns]
    assert table["Efter (kr.)"].tolist() == ["125.000,50", "90.000,00"]
    assert len([b for b in at.get("download_button")]) >= 2
