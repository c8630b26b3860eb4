"""Every .sql file in queries/ has its header and runs on a fixture database built by the importer."""
from __future__ import annotations

import os
import re

import duckdb
import pytest

import queries
from domain.codes import AGE_BANDS
from ingest.importer import import_file
from tests.conftest import FIXTURES

SQL_FILES = sorted(p.stem for p in queries.QUERY_DIR.glob("*.sql"))   # the questions (queries/build/ builds the database)
PARAMS = {"kommune": 999, "functions": ["5.38.50", "5.38.52", "5.38.38", "5.38.59", "5.28.21"],
          "from_year": 2019, "to_year": 2026, "base_year": 2023, "comparison_year": 2024, "year": 2024, "years": [2023, 2024],
          "area": "5.38", "dimension": "level", "dransts": [1, 2], "ages": list(AGE_BANDS),
          "children_area": "5.28", "adults_area": "5.38", "adult_age": 18}


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("qdb") / "q.duckdb"
    import_file("ledger", FIXTURES / "ledger_standard.csv", path)
    import_file("activity", FIXTURES / "activity_standard.csv", path, kommunekode=999)
    con = duckdb.connect(os.path.realpath(path), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def demo_con(demo_db):
    con = queries.connect_read_only(os.path.realpath(demo_db))   # the app's configuration (one per process)
    yield con
    con.close()


@pytest.mark.parametrize("name", SQL_FILES)
def test_header_comment(name):
    text = queries.load_sql(name)
    for field in ("-- purpose:", "-- grain:", "-- params:", "-- units:", "-- columns:"):
        assert field in text, f"{name}.sql lacks '{field}'"
    assert re.fullmatch(r"(overview|trend|decomposition|comparison|data|sidebar|drivers|savings|prognose)_\w+", name), \
        f"{name}.sql: a question is named <page>_<question>.sql"
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    assert body == body.lower() or re.search(r"'[^']*[A-ZÆØÅ]", body), f"{name}.sql: SQL is written in lower case"


# questions about what only a later import has: checked on the fixture database with that import made
AFTER_A_REEXPORT = {"data_import_changes", "savings_history"}


@pytest.fixture(scope="module")
def reexport_con(fixture_db, tmp_path_factory):
    """The fixture ledger, then the same export a month later (one figure corrected, one month added); a savings
    plan, then a revised one."""
    path = tmp_path_factory.mktemp("qdb2") / "q.duckdb"
    folder = path.parent
    import_file("ledger", FIXTURES / "ledger_standard.csv", path)
    later = folder / "regnskab_senere.csv"
    later.write_text((FIXTURES / "ledger_standard.csv").read_text(encoding="utf-8").replace(";120.000,50", ";125.000,50")
                     + "999;2023;3;5.38.50.1.003;4.0;regnskab;90.000,00\n", encoding="utf-8")
    import_file("ledger", later, path, replace=True)
    # and a savings plan, then a revised one (one figure changed)
    import_file("savings", FIXTURES / "savings_committee_negative.csv", path)
    revised = folder / "besparelser_rettet.csv"
    revised.write_text((FIXTURES / "savings_committee_negative.csv").read_text(encoding="utf-8")
                       .replace("-1.257.000", "-1.300.000"), encoding="utf-8")
    import_file("savings", revised, path, replace=True)
    con = duckdb.connect(os.path.realpath(path), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("name", SQL_FILES)
def test_result_columns_are_those_the_header_declares(demo_con, reexport_con, name):
    """The query contract: on the test demo each question returns exactly the columns, in the order, that its
    '-- columns:' line names (decomposition years inside the demo's data); a question about a later import
    on a database where one was made."""
    con = reexport_con if name in AFTER_A_REEXPORT else demo_con
    df = queries.run(con, name, {**PARAMS, "base_year": 2024, "comparison_year": 2025})
    assert df.columns == queries.declared_columns(name)
    assert df.height > 0, f"{name}.sql returns no rows on the test demo: its columns were not really checked"


@pytest.mark.parametrize("text, columns", [
    ("-- columns: a (kr.), b (days)\nselect 1", ["a", "b"]),
    ("-- columns: a (x: 1, 2), b\n--          (kr.), c (year)\n-- other: d\nselect 1", ["a", "b", "c"]),
])
def test_declared_columns_reads_the_header_line_and_its_continuation(monkeypatch, text, columns):
    monkeypatch.setattr(queries, "load_sql", lambda name: text)
    assert queries.declared_columns("q") == columns


@pytest.mark.parametrize("name", sorted(p.name for p in queries.BUILD_DIR.glob("*.sql")))
def test_build_file_header_comment(name):
    text = (queries.BUILD_DIR / name).read_text(encoding="utf-8")
    for field in ("-- purpose:", "-- grain:", "-- params:", "-- units:"):
        assert field in text, f"build/{name} lacks '{field}'"


@pytest.mark.parametrize("name", SQL_FILES)
def test_query_runs_on_fixture_database(fixture_db, name):
    df = queries.run(fixture_db, name, PARAMS)
    assert df.width > 0


def test_no_query_pastes_values_into_its_text():
    """Values are bound as $params: no {placeholder} is left for string substitution in any query."""
    for name in SQL_FILES:
        body = "\n".join(line.split("--", 1)[0] for line in queries.load_sql(name).splitlines())
        assert not re.search(r"\{\w+\}", body), f"{name}.sql has a {{placeholder}}"


def test_segment_dimension_is_a_bound_value(fixture_db):
    """A dimension that is no column name gives no rows: it is compared as a value, never run as SQL."""
    rows = queries.run(fixture_db, "overview_hap_by_segment", {**PARAMS, "dimension": "level"})
    assert rows.height > 0
    injected = queries.run(fixture_db, "overview_hap_by_segment", {**PARAMS, "dimension": "level' or 1=1 --"})
    assert injected.is_empty()
    with pytest.raises(KeyError, match="dimension"):
        queries.run(fixture_db, "overview_hap_by_segment", {k: v for k, v in PARAMS.items() if k != "dimension"})


def test_missing_parameter_is_named(fixture_db):
    with pytest.raises(KeyError, match="kommune"):
        queries.run(fixture_db, "overview_ledger_by_year", {"functions": [], "from_year": 1, "to_year": 2})


def test_ledger_by_year_values(fixture_db):
    df = queries.run(fixture_db, "overview_ledger_by_year", PARAMS)
    got = {(r["year"], r["amount_kind"], r["dranst"]): r["amount_dkk"] for r in df.iter_rows(named=True)}
    assert got[(2023, "actual", 1)] == pytest.approx(220_000.50)
    assert got[(2023, "actual", 2)] == pytest.approx(-20_000.00)
    assert got[(2024, "actual", 1)] == pytest.approx(49_750.00)


def test_data_quality_finds_measures_without_level_and_missing_budget(fixture_db):
    df = queries.run(fixture_db, "overview_data_quality", PARAMS)
    checks = {(r["check_name"], r["function_code"], r["year"]) for r in df.iter_rows(named=True)}
    assert ("measures_without_level", "5.38.52", None) in checks
    assert ("year_without_budget", None, 2024) in checks
    assert ("cost_without_activity", "5.28.21", 2024) in checks


def test_decomposition_merges_per_function_segment_and_provider(db_path, tmp_path):
    """Hand-computed March/April 2023: citizen A has two overlapping measures on 5.38.50 (providers P1 and P2)
    and one on 5.38.52, all level 3; B has one level-2 measure across the month end."""
    p = tmp_path / "decomp.csv"
    p.write_text("borger_id;funktion;leverandoer;niveau;startdato;slutdato;takst;takstenhed\n"
                 "A;5.38.50;P1;3;01-03-2023;20-03-2023;100;dag\n"
                 "A;5.38.50;P2;3;15-03-2023;31-03-2023;200;dag\n"
                 "A;5.38.52;P1;3;01-03-2023;31-03-2023;50;dag\n"
                 "B;5.38.50;P1;2;21-03-2023;10-04-2023;100;dag\n", encoding="utf-8")
    import_file("activity", p, db_path, kommunekode=999)
    params = {"kommune": 999, "functions": ["5.38.50", "5.38.52"], "base_year": 2022, "comparison_year": 2023,
              "dimension": "level", "ages": list(AGE_BANDS)}
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        seg = queries.run(con, "decomposition_segments", params)
        prov = queries.run(con, "decomposition_providers", params)
    finally:
        con.close()
    got = {(r["month"], r["segment_value"]): (r["person_days"], r["measure_days"], r["cost_dkk"])
           for r in seg.iter_rows(named=True)}
    # level 3 in March: 5.38.50 merged 1-31 (31 days) + 5.38.52 31 days; measure-days 20 + 17 + 31
    assert got == {(3, "3"): (62, 68, 20 * 100 + 17 * 200 + 31 * 50), (3, "2"): (11, 11, 1100.0),
                   (4, "2"): (10, 10, 1000.0)}
    got = {(r["month"], r["segment_value"], r["provider"]): (r["person_days"], r["cost_dkk"])
           for r in prov.iter_rows(named=True)}
    # per provider the measures are merged separately: P1 has A on both functions, P2 A's second measure
    assert got == {(3, "3", "P1"): (20 + 31, 2000.0 + 1550.0), (3, "3", "P2"): (17, 3400.0),
                   (3, "2", "P1"): (11, 1100.0), (4, "2", "P1"): (10, 1000.0)}
    # other splits of the same rows: by function the two functions are their own segments
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        by_fn = queries.run(con, "decomposition_segments", {**params, "dimension": "function_code"})
    finally:
        con.close()
    march = {r["segment_value"]: r["person_days"] for r in by_fn.filter(by_fn["month"] == 3).iter_rows(named=True)}
    assert march == {"5.38.50": 31 + 11, "5.38.52": 31}


def test_provider_with_two_types_is_merged_once(db_path, tmp_path):
    # the same provider registered as 'privat' and 'anden_kommune' on overlapping measures of one citizen
    p = tmp_path / "types.csv"
    p.write_text("borger_id;funktion;leverandoer;leverandoertype;niveau;startdato;slutdato;takst;takstenhed\n"
                 "A;5.38.50;P1;privat;3;01-03-2023;20-03-2023;100;dag\n"
                 "A;5.38.50;P1;anden_kommune;3;10-03-2023;31-03-2023;100;dag\n", encoding="utf-8")
    import_file("activity", p, db_path, kommunekode=999)
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        prov = queries.run(con, "decomposition_providers", {"kommune": 999, "functions": ["5.38.50"], "base_year": 2022,
                                                            "comparison_year": 2023, "dimension": "level",
                                                            "ages": list(AGE_BANDS)})
    finally:
        con.close()
    assert prov.select("month", "segment_value", "provider", "provider_type", "person_days", "cost_dkk").rows() == [
        (3, "3", "P1", "anden_kommune,privat", 31, (20 + 22) * 100.0)]


def test_merged_person_days_equal_distinct_days_on_random_measures_with_ties(db_path, tmp_path):
    """Invariant: person_days = the number of distinct days a citizen has a measure of the function and
    segment, counted directly with sets in Python, on seeded random measures full of identical and nested
    periods (ties in the sort order must not split or double a period)."""
    import datetime as dt
    import random

    rng = random.Random(7)
    starts = [dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 700)) for _ in range(40)]
    lines = ["borger_id;funktion;niveau;leverandoer;startdato;slutdato;takst;takstenhed"]
    measures = []
    for i in range(3000):
        citizen, function = f"C{rng.randrange(60)}", rng.choice(["5.38.50", "5.38.52"])
        start = rng.choice(starts)                       # few distinct starts: many ties
        end = start + dt.timedelta(days=rng.choice([0, 30, 90, 365]))
        level, provider = rng.choice(["2", "3"]), rng.choice(["P1", "P2"])
        measures.append((citizen, function, level, provider, start, end))
        lines.append(f"{citizen};{function};{level};{provider};{start:%d-%m-%Y};{end:%d-%m-%Y};100;dag")
    p = tmp_path / "ties.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_file("activity", p, db_path, kommunekode=999)
    params = {"kommune": 999, "functions": ["5.38.50", "5.38.52"], "base_year": 2023, "comparison_year": 2024,
              "ages": list(AGE_BANDS)}
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        seg = queries.run(con, "decomposition_segments", {**params, "dimension": "level"})
        prov = queries.run(con, "decomposition_providers", {**params, "dimension": "level"})
        year = queries.run(con, "overview_hap_by_segment", {**params, "from_year": 2023, "to_year": 2023, "dimension": "level"})
    finally:
        con.close()
    days: dict[tuple, set] = {}
    for citizen, function, level, provider, start, end in measures:
        for k in range((end - start).days + 1):
            d = start + dt.timedelta(days=k)
            if d.year in (2023, 2024):
                days.setdefault((d.year, d.month, level, None), set()).add((citizen, function, d))
                days.setdefault((d.year, d.month, level, provider), set()).add((citizen, function, d))
    got = {(r["year"], r["month"], r["segment_value"], None): r["person_days"] for r in seg.iter_rows(named=True)}
    got |= {(r["year"], r["month"], r["segment_value"], r["provider"]): r["person_days"] for r in prov.iter_rows(named=True)}
    assert got == {k: len(v) for k, v in days.items()}
    for r in year.iter_rows(named=True):   # the yearly table: person-days / 365 in 2023
        expected = sum(len(v) for (y, _, lvl, prv), v in days.items() if y == 2023 and lvl == r["segment"] and prv is None)
        assert r["full_year_persons"] * 365 == pytest.approx(expected)


def test_changed_paragraph_map_rebuilds_the_activity_tables_at_the_next_import(db_path, tmp_path, monkeypatch):
    """The segment tables map old paragraphs through paragraph_map, which every import reloads from
    data/reference: a changed map must reach them even when the next import is not an activity file."""
    import shutil

    import ingest.db

    p = tmp_path / "paragraphs.csv"
    p.write_text("borger_id;funktion;paragraf;startdato;slutdato;takst;takstenhed\n"
                 "A;5.28.21;SEL § 58;01-03-2023;31-03-2023;100;dag\n", encoding="utf-8")
    import_file("activity", p, db_path, kommunekode=999)
    params = {"kommune": 999, "functions": ["5.28.21"], "base_year": 2022, "comparison_year": 2023,
              "dimension": "paragraph", "ages": list(AGE_BANDS)}

    def paragraphs() -> set[str]:
        con = duckdb.connect(os.path.realpath(db_path), read_only=True)
        try:
            return set(queries.run(con, "decomposition_segments", params)["segment_value"].to_list())
        finally:
            con.close()

    assert paragraphs() == {"BL § 47"}
    reference = tmp_path / "reference"
    shutil.copytree(ingest.db.REFERENCE_DIR, reference)
    csv = reference / "paragraph_map.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("SEL § 58,BL § 47,", "SEL § 58,BL § 99,"), encoding="utf-8")
    monkeypatch.setattr(ingest.db, "REFERENCE_DIR", reference)
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    assert paragraphs() == {"BL § 99"}
