"""Round trip: the demo exports through the real importer give exactly the generator's totals."""
from __future__ import annotations

import json
import os

import pytest

import queries


@pytest.fixture(scope="module")
def con(demo_db):
    # the same configuration as the app's cached connection, which may be open in this process
    c = queries.connect_read_only(os.path.realpath(demo_db))
    yield c
    c.close()


@pytest.fixture(scope="module")
def totals(demo_exports):
    return json.loads((demo_exports / "totals.json").read_text(encoding="utf-8"))


def test_ledger_totals_equal_generator(con, totals):
    got = {(str(y), k): float(v) for y, k, v in con.sql(
        "select year, amount_kind, sum(amount_dkk) from ledger group by all").fetchall()}
    expected = {(y, k): v for y, kinds in totals["ledger"]["sum_dkk_by_year_kind"].items() for k, v in kinds.items()}
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=0.005), key
    assert con.sql("select count(*) from ledger").fetchall()[0][0] == totals["ledger"]["rows"]


def test_activity_totals_equal_generator(con, totals):
    rows, citizens, tariff = con.sql(
        "select count(*), count(distinct citizen_key), sum(tariff_dkk) from activity").fetchall()[0]
    assert rows == totals["activity"]["rows"]
    assert citizens == totals["activity"]["citizens"]
    assert tariff == pytest.approx(totals["activity"]["tariff_sum"], abs=0.01)


def test_other_kinds_row_counts(con, totals):
    synthetic_benchmark = con.sql("select count(*) from benchmark where is_synthetic").fetchall()[0][0]
    assert synthetic_benchmark == totals["benchmark_kommuner"]["rows_with_value"]
    assert con.sql("select count(*) from benchmark where not is_synthetic").fetchall()[0][0] == 198
    assert con.sql("select count(*) from population").fetchall()[0][0] == totals["population"]["rows"]
    assert con.sql("select count(*) from socio_index").fetchall()[0][0] == totals["socio_index"]["rows"]
    assert con.sql("select count(*) from pl_index").fetchall()[0][0] == totals["pl_index"]["rows"]
    savings = con.sql("select (select count(*) from savings_target) + (select count(*) from savings_effect)").fetchall()[0][0]
    assert savings == totals["savings"]["rows"]


def test_missing_benchmark_cells_are_reported_not_hidden(con, totals):
    (message,) = con.sql("select message from import_log where file_name = 'benchmark_kommuner.csv'").fetchall()[0]
    assert f"{totals['benchmark_kommuner']['rows_missing']} rækker med manglende værdi" in message


def test_no_cpr_number_in_database(demo_db):
    import re
    data = open(os.path.realpath(demo_db), "rb").read()
    assert not re.search(rb"[0-3]\d[01]\d\d\d-\d{4}", data)


def test_no_cpr_shaped_value_in_any_text_column(con):
    columns = con.sql("select table_name, column_name from information_schema.columns "
                      "where data_type = 'VARCHAR' and table_schema = 'main' "
                      "and table_name in (select table_name from information_schema.tables where table_type = 'BASE TABLE')").fetchall()
    assert len(columns) > 20
    for table, column in columns:
        hits = con.sql("select count(*) from " + table + " where regexp_matches(" + column + ", $p)",
                       params={"p": r"(^|\D)[0-3]\d[01]\d\d\d-?\d{4}(\D|$)"}).fetchall()[0][0]
        assert hits == 0, (table, column)
