"""build_info: a database records the files that built it, an outdated one is told from a current one,
and `python -m ingest genberegn` (or any import) rebuilds what an older program built."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

import queries
from ingest.__main__ import main as ingest_main
from ingest.db import BUILD_ORDER, DERIVED_FILES, DERIVED_TABLES, SCHEMA_FILES
from ingest.importer import import_file
from tests.conftest import app_on

FIXTURES = Path(__file__).parent / "fixtures"


def _db_with_activity(db_path: Path) -> Path:
    import_file("activity", FIXTURES / "activity_standard.csv", db_path, kommunekode=999)
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    return db_path


def _outdated(db_path: Path) -> list[str]:
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        return queries.outdated_build_files(con)
    finally:
        con.close()


def _rows(db_path: Path, table: str) -> list[tuple]:
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        return con.sql("select * from " + table + " order by all").fetchall()  # table names from DERIVED_TABLES
    finally:
        con.close()


def _make_older(db_path: Path, drop_build_info: bool, corrupt: str) -> None:
    """Turn a current database into one an older program built: build_info gone or naming another text of
    segment_person_year.sql, and the derived table `corrupt` emptied (what a changed definition would differ in)."""
    real = os.path.realpath(db_path)
    con = duckdb.connect(real)
    try:
        if drop_build_info:
            con.execute("drop table build_info")
        else:
            con.execute("update build_info set sha256 = 'older' where file = 'segment_person_year.sql'")
        con.execute("delete from " + corrupt)  # a name from DERIVED_TABLES
    finally:
        con.close()


def test_import_records_the_files_that_built_the_database(db_path):
    _db_with_activity(db_path)
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        stored = dict(con.sql("select file, sha256 from build_info").fetchall())
    finally:
        con.close()
    assert set(stored) == set(BUILD_ORDER)
    assert stored == queries.build_fingerprints()
    assert _outdated(db_path) == []


def test_outdated_files_names_changed_and_missing_entries():
    current = queries.build_fingerprints()
    assert queries.outdated_files(current) == []
    assert queries.outdated_files({**current, "ledger_monthly.sql": "x"}) == ["ledger_monthly.sql"]
    assert queries.outdated_files({}) == sorted(current)
    assert queries.outdated_files({k: v for k, v in current.items() if k != "schema.sql"}) == ["schema.sql"]


@pytest.mark.parametrize("drop_build_info, expected", [
    (True, sorted(BUILD_ORDER)),
    (False, ["segment_person_year.sql"]),
])
def test_genberegn_rebuilds_what_an_older_program_built(db_path, capsys, drop_build_info, expected):
    _db_with_activity(db_path)
    before = {t: _rows(db_path, t) for t in DERIVED_TABLES["activity"]}
    assert before["segment_person_year"]
    _make_older(db_path, drop_build_info, "segment_person_year")
    assert _outdated(db_path) == expected

    assert ingest_main(["genberegn", "--db", str(db_path)]) == 0
    assert ", ".join(expected) in capsys.readouterr().out
    assert _outdated(db_path) == []
    assert {t: _rows(db_path, t) for t in DERIVED_TABLES["activity"]} == before


def test_genberegn_on_a_current_database_writes_no_new_version(db_path, capsys):
    _db_with_activity(db_path)
    target = os.path.realpath(db_path)
    assert ingest_main(["genberegn", "--db", str(db_path)]) == 0
    assert "allerede" in capsys.readouterr().out
    assert os.path.realpath(db_path) == target


def test_genberegn_without_a_database_is_wrong_usage(tmp_path, capsys):
    assert ingest_main(["genberegn", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "findes ikke" in capsys.readouterr().err


def test_an_import_of_another_kind_rebuilds_outdated_activity_tables(db_path):
    """A ledger import into a database whose activity tables an older program built rebuilds them too."""
    _db_with_activity(db_path)
    before = _rows(db_path, "segment_person_year")
    _make_older(db_path, False, "segment_person_year")
    import_file("ledger", FIXTURES / "ledger_prisme_cp1252.csv", db_path, mapping_name="prisme", kommunekode=101)
    assert _outdated(db_path) == []
    assert _rows(db_path, "segment_person_year") == before


def test_app_names_an_outdated_database_and_the_command(db_path, monkeypatch):
    _db_with_activity(db_path)
    _make_older(db_path, True, "segment_person_year")
    at = app_on(db_path, monkeypatch).run()
    assert not at.exception, at.exception
    (error,) = at.error
    assert "ældre version" in error.value and "python -m ingest genberegn" in error.value
    assert not at.metric                                       # no figures from stale tables


def test_the_build_order_lists_every_build_file_once():
    """Every file of queries/build/ is run, once, in an order written down in ingest.db, and is fingerprinted:
    a changed build file makes a database outdated."""
    files = sorted(p.name for p in queries.BUILD_DIR.glob("*.sql"))
    assert sorted(BUILD_ORDER) == files and len(set(BUILD_ORDER)) == len(BUILD_ORDER)
    assert BUILD_ORDER[:len(SCHEMA_FILES)] == SCHEMA_FILES == ("schema.sql", "macros.sql")
    assert list(DERIVED_FILES)[-1] == "every"                  # the sidebar's tables read the others: last
    assert sorted(queries.build_fingerprints()) == files


@pytest.mark.parametrize("changed", ["macros.sql", "activity_month.sql", "segment_month.sql"])
def test_a_changed_macro_or_activity_file_rebuilds_the_activity_tables(db_path, changed):
    """A ledger import into a database whose macros.sql (which the activity tables call) or one of the activity
    files an older program ran rebuilds the activity tables, to the same rows."""
    _db_with_activity(db_path)
    before = _rows(db_path, "segment_person_month")
    con = duckdb.connect(os.path.realpath(db_path))
    try:
        con.execute("update build_info set sha256 = 'older' where file = $f", {"f": changed})
        con.execute("delete from segment_person_month")
    finally:
        con.close()
    import_file("ledger", FIXTURES / "ledger_prisme_cp1252.csv", db_path, mapping_name="prisme", kommunekode=101)
    assert _outdated(db_path) == []
    assert _rows(db_path, "segment_person_month") == before
