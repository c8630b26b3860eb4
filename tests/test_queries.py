"""Every .sql file in queries/ has its header and runs on a fixture database built by the importer."""
from __future__ import annotations

import os
import re

import duckdb
import pytest

import queries
from ingest.importer import import_file
from tests.conftest import FIXTURES

SQL_FILES = sorted(p.stem for p in queries.QUERY_DIR.glob("*.sql") if p.stem not in queries.DDL_FILES)
PARAMS = {"kommune": 999, "functions": ["5.38.50", "5.38.52", "5.38.38", "5.38.59", "5.28.21"],
          "from_year": 2019, "to_year": 2026, "area": "5.38"}


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("qdb") / "q.duckdb"
    import_file("ledger", FIXTURES / "ledger_standard.csv", path)
    import_file("activity", FIXTURES / "activity_standard.csv", path, kommunekode=999)
    con = duckdb.connect(os.path.realpath(path), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("name", SQL_FILES)
def test_header_comment(name):
    text = queries.load_sql(name)
    for field in ("-- purpose:", "-- grain:", "-- params:", "-- units:"):
        assert field in text, f"{name}.sql lacks '{field}'"
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    assert body == body.lower() or re.search(r"'[^']*[A-ZÆØÅ]", body), f"{name}.sql: SQL is written in lower case"


@pytest.mark.parametrize("name", SQL_FILES)
def test_query_runs_on_fixture_database(fixture_db, name):
    identifiers = {"segment": "level"} if "{segment}" in queries.load_sql(name) else None
    df = queries.run(fixture_db, name, PARAMS, identifiers)
    assert df.width > 0


def test_identifier_whitelist_refuses_other_columns(fixture_db):
    with pytest.raises(ValueError):
        queries.run(fixture_db, "hap_by_segment", PARAMS, {"segment": "citizen_key; drop table activity"})
    with pytest.raises(KeyError):
        queries.run(fixture_db, "hap_by_segment", PARAMS)


def test_missing_parameter_is_named(fixture_db):
    with pytest.raises(KeyError, match="kommune"):
        queries.run(fixture_db, "ledger_by_year", {"functions": [], "from_year": 1, "to_year": 2})


def test_ledger_by_year_values(fixture_db):
    df = queries.run(fixture_db, "ledger_by_year", PARAMS)
    got = {(r["year"], r["amount_kind"], r["dranst"]): r["amount_dkk"] for r in df.iter_rows(named=True)}
    assert got[(2023, "actual", 1)] == pytest.approx(220_000.50)
    assert got[(2023, "actual", 2)] == pytest.approx(-20_000.00)
    assert got[(2024, "actual", 1)] == pytest.approx(49_750.00)


def test_data_quality_finds_measures_without_level_and_missing_budget(fixture_db):
    df = queries.run(fixture_db, "data_quality", PARAMS)
    checks = {(r["check_name"], r["function_code"], r["year"]) for r in df.iter_rows(named=True)}
    assert ("measures_without_level", "5.38.52", None) in checks
    assert ("year_without_budget", None, 2024) in checks
    assert ("cost_without_activity", "5.28.21", 2024) in checks
