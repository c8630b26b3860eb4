"""Import safety (docs/import-safety.md, "Ressourcer, genimport, nøgle og fejl"): one test per class of hostile
file, re-import, key problem and fault, each through the real importer, command line, worker or app, and each
asserting a clear message and a database exactly as it was (or, for a re-import that is allowed, the right
figures). The hostile files are bench.hostile's generators at small sizes, with the limits lowered to match
through $DASHBOARD_IMPORT_LIMITS (ingest.limits)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from bench.hostile import (activity_csv, ancient_activity_csv, many_providers_activity_csv, many_rows_xlsx,
                           shared_strings_bomb_xlsx, wide_ledger_csv)
from ingest.__main__ import main as cli
from ingest.importer import import_file
from tests.conftest import FIXTURES, REPO, app_on, database_fingerprint

LEDGER = FIXTURES / "ledger_standard.csv"


def rows(db: Path, sql: str) -> list[tuple]:
    # the app's configuration: an AppTest in this process may hold the same version open
    con = duckdb.connect(os.path.realpath(db), read_only=True, config={"threads": 2})
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def limits(tmp_path, monkeypatch):
    """Lower some import limits for this test: limits(section={name: value}) (ingest.limits)."""
    def set_limits(**sections: dict) -> None:
        text = "".join(f"[{section}]\n" + "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in values.items())
                       for section, values in sections.items())
        path = tmp_path / "limits.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv("DASHBOARD_IMPORT_LIMITS", str(path))
    return set_limits


@pytest.fixture
def ledger_db(db_path) -> Path:
    import_file("ledger", LEDGER, db_path)
    return db_path


def refused(capsys, db: Path, code: int, *args: str) -> str:
    """Run the command line; it must exit with `code`, change nothing and say why on stderr (returned)."""
    before = database_fingerprint(db)
    got, out, err = run_cli(capsys, *args, "--db", db)
    assert got == code, (out, err)
    assert database_fingerprint(db) == before
    assert "Traceback" not in err and err.strip()
    return err


# --- arbitrary file write ---------------------------------------------------------------------------

@pytest.mark.parametrize("hostile", ["absolute", "../../up.csv"])
def test_an_uploaded_file_name_is_never_a_path(ledger_db, tmp_path, monkeypatch, hostile):
    """The Data page used to write the upload to Path(tmp) / <browser's name>: an absolute name or one with
    '../' wrote outside the temporary folder. The name is display text only."""
    import tempfile

    outside = tmp_path / "outside"
    (outside / "tmp").mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(outside / "tmp"))      # the page's folder: outside/tmp/<random>
    target = outside / "written.csv"
    name = str(target) if hostile == "absolute" else hostile            # ../../up.csv -> outside/up.csv
    at = app_on(ledger_db, monkeypatch).run()
    at.switch_page("dashboard/pages/data.py").run()
    at.selectbox(key="upload_mapping").select("prisme").run()
    at.number_input(key="upload_kommune").set_value(101).run()
    at.file_uploader(key="upload_file").set_value((name, (FIXTURES / "ledger_prisme_cp1252.csv").read_bytes(),
                                                    "text/csv"))
    at.run()
    at.button(key="upload_go").click().run()                            # the preview (a dry run)
    assert not at.exception, at.exception
    at.button(key="preview_confirm").click().run()                      # the import
    assert not at.exception, at.exception
    assert [p.name for p in outside.iterdir()] == ["tmp"]                # nothing written beside the folder
    assert [p for p in outside.rglob("*") if not p.is_dir()] == []       # and the staged copy is gone
    assert rows(ledger_db, "select file_name from import_log order by import_id desc limit 1") == [(name,)]


# --- small files that exhaust the machine ----------------------------------------------------------------

def test_thousands_of_columns_are_refused_before_duckdb_groups_them(ledger_db, tmp_path, capsys, limits):
    """A 46-79 KB ledger CSV with 1.000-5.000 extra columns took 1,6 to over 6 GB (bench.hostile); the columns
    are counted from the header before DuckDB reads the file."""
    limits(file={"max_columns": 20})
    err = refused(capsys, ledger_db, 1, "ledger", wide_ledger_csv(tmp_path / "wide.csv", extra_columns=30, rows=3))
    assert "wide.csv, række 1: overskriften har 37 kolonner; højst 20 (grænsen file.max_columns" in err


def test_a_wide_row_in_an_xlsx_sheet_is_refused(ledger_db, tmp_path, capsys, limits):
    limits(file={"max_columns": 20})
    wb = openpyxl.Workbook()
    wb.active.append(["kommunekode", "aar", "maaned", "konto", "art", "beloebstype", "beloeb"])
    wb.active.append([999, 2023, 1, "5.38.50.1.001", "4.0", "regnskab", 1.0] + ["x"] * 30)
    wb.save(tmp_path / "wide.xlsx")
    err = refused(capsys, ledger_db, 1, "ledger", tmp_path / "wide.xlsx")
    assert "wide.xlsx, række 2: rækken har 37 kolonner; højst 20" in err


def test_a_measure_starting_in_year_1_is_refused(ledger_db, tmp_path, capsys):
    """2.000 activity rows from 01-01-0001 ran past 7 minutes at 13,6 GB (the derived tables have a row per
    measure and month); three are enough to show the limit, with the default limits."""
    err = refused(capsys, ledger_db, 1, "activity", ancient_activity_csv(tmp_path / "ancient.csv", rows=3),
                  "--kommune", "999")
    assert ("ancient.csv, kolonne 'startdato': 3 ydelser starter før 01-01-1950 (den tidligste 01-01-0001 i række 2; "
            "rækker 2, 3, 4)") in err and "activity.earliest_date" in err


def test_measure_months_beyond_the_limit_are_refused(ledger_db, tmp_path, capsys, limits):
    limits(activity={"max_measure_months": 100})
    path = activity_csv(tmp_path / "long.csv", rows=5, start="01-01-2010")   # open: 5 x ~200 months
    err = refused(capsys, ledger_db, 1, "activity", path, "--kommune", "999")
    assert "long.csv: filens 5 ydelser spænder over" in err and "højst 100 (grænsen activity.max_measure_months" in err


def test_too_many_distinct_providers_are_refused(ledger_db, tmp_path, capsys, limits):
    """100.000 distinct providers took 11,5 GB (the decomposition has a row per provider and month)."""
    limits(activity={"max_distinct_values": 5})
    err = refused(capsys, ledger_db, 1, "activity", many_providers_activity_csv(tmp_path / "prov.csv", providers=6),
                  "--kommune", "999")
    assert "prov.csv, kolonne 'leverandoer': 6 forskellige værdier (leverandør); højst 5" in err


def test_an_xlsx_shared_strings_bomb_is_refused_before_openpyxl(ledger_db, tmp_path, capsys, limits):
    limits(xlsx={"max_shared_strings": 1000})
    err = refused(capsys, ledger_db, 1, "activity", shared_strings_bomb_xlsx(tmp_path / "ss.xlsx", strings=5000),
                  "--kommune", "999")
    assert "ss.xlsx: regnearket har mindst 5.000 delte tekster (sharedStrings); højst 1.000" in err


def test_an_xlsx_with_more_rows_than_allowed_is_refused_before_openpyxl(ledger_db, tmp_path, capsys, limits):
    limits(xlsx={"max_rows": 1000})
    err = refused(capsys, ledger_db, 1, "activity", many_rows_xlsx(tmp_path / "rows.xlsx", rows=5000),
                  "--kommune", "999")
    assert "rows.xlsx: arket har mindst 5.001 rækker; højst 1.000 (grænsen xlsx.max_rows" in err


def test_an_xlsx_row_number_far_beyond_the_limit_stops_the_reading(ledger_db, tmp_path, capsys, limits):
    """One row numbered 5.000.000: openpyxl yields an empty row for every number before it."""
    limits(xlsx={"max_rows": 1000})
    path = many_rows_xlsx(tmp_path / "sparse.xlsx", rows=0)
    data = path.read_bytes()
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'<row r="5000000"><c t="s"><v>0</v></c></row></sheetData>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)
    assert path.read_bytes() != data
    err = refused(capsys, ledger_db, 1, "activity", path, "--kommune", "999")
    assert "sparse.xlsx: arket har rækker efter række 1.000; højst 1.000" in err


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused(ledger_db, tmp_path, capsys, limits):
    limits(xlsx={"max_inflated_mb": 1})
    err = refused(capsys, ledger_db, 1, "activity", many_rows_xlsx(tmp_path / "big.xlsx", rows=40_000),
                  "--kommune", "999")
    assert "big.xlsx: regnearket fylder over 1 MB udpakket" in err


@pytest.mark.parametrize("kind, setting", [("activity", "max_rows"), ("ledger", "max_rows_ledger_csv")])
def test_more_rows_than_allowed_are_refused_before_they_are_read(ledger_db, tmp_path, capsys, limits, kind, setting):
    limits(file={setting: 5})
    path = (activity_csv(tmp_path / "many.csv", rows=10) if kind == "activity"
            else wide_ledger_csv(tmp_path / "many.csv", extra_columns=0, rows=10))
    err = refused(capsys, ledger_db, 1, kind, path, "--kommune", "999")
    assert f"many.csv: filen har 11 linjer; højst 5 " in err and f"file.{setting}" in err


def test_the_worker_stops_an_import_beyond_its_memory_bound_and_the_app_lives_on(ledger_db, tmp_path, limits):
    """A heavy file imported from the Data page runs in ingest.worker: above the memory bound the child is
    stopped, the server process (this one) goes on, and the database is as it was."""
    from ingest.worker import run_import

    limits(worker={"memory_limit_mb": 1})
    before = database_fingerprint(ledger_db)
    outcome = run_import("ledger", FIXTURES / "ledger_prisme_cp1252.csv", ledger_db, display_name="x.csv",
                         mapping_name="prisme", kommunekode=101)
    assert (outcome.status, outcome.exit_code) == ("memory", 7)
    assert outcome.lines == ["indlæsningen brugte over 1 MB hukommelse og blev stoppet; databasen er uændret"]
    assert database_fingerprint(ledger_db) == before


def test_the_workers_address_space_bound_fails_the_import_cleanly(ledger_db, tmp_path, limits):
    """RLIMIT_AS in the child: an allocation beyond it fails there (with 900 MB of address space already while
    the importer starts its thread pools), and the outcome says it ran out of memory; the current version is
    as it was."""
    from ingest.worker import run_import

    limits(worker={"memory_limit_mb": 100_000, "address_space_slack_mb": -99_100})    # 900 MB of address space
    before = database_fingerprint(ledger_db)
    outcome = run_import("activity", FIXTURES / "activity_standard.csv", ledger_db, display_name="a.csv",
                         kommunekode=999)
    assert (outcome.status, outcome.exit_code) == ("memory", 7), outcome.text()
    assert "hukommelse" in outcome.lines[0] and "databasen er uændret" in outcome.lines[0].lower()
    # a child that aborted may leave its .partial version, which the next import removes
    assert database_fingerprint(ledger_db)[:2] == before[:2]
    import_file("pl-index", _pl_index(tmp_path), ledger_db)
    assert all(name.endswith(".duckdb") for name in _versions(ledger_db))


def _pl_index(tmp_path: Path) -> Path:
    path = tmp_path / "pl.csv"
    path.write_text("aar;indeks;kilde\n2023;100,0;test\n2024;103,0;test\n", encoding="utf-8")
    return path


def test_the_worker_reports_progress_and_the_import(ledger_db):
    from ingest.worker import run_import

    seen: list[tuple] = []
    outcome = run_import("ledger", FIXTURES / "ledger_prisme_cp1252.csv", ledger_db, display_name="prisme.csv",
                         mapping_name="prisme", kommunekode=101, on_progress=lambda *a: seen.append(a))
    assert (outcome.status, outcome.exit_code) == ("ok", 0)
    assert outcome.lines[0] == "Indlæst prisme.csv som ledger (mapping 'prisme', import nr. 2)"
    size = (FIXTURES / "ledger_prisme_cp1252.csv").stat().st_size
    assert seen[0] == ("hash", size, size)
    phases = [p for p, *_ in seen]
    assert [p for i, p in enumerate(phases) if p not in phases[:i]] == ["hash", "read", "convert", "load", "derive",
                                                                         "swap"]
    assert ("read", 4, 4) in seen


# --- re-imports -------------------------------------------------------------------------------------------

def _total(db: Path) -> Decimal:
    return rows(db, "select sum(amount_dkk) from ledger")[0][0]


@pytest.mark.parametrize("variant", ["crlf", "reordered", "xlsx"])
def test_the_same_rows_saved_another_way_are_refused(ledger_db, tmp_path, capsys, variant):
    """The same rows with other line endings, in another order or as XLSX were accepted again and doubled
    the totals; the content fingerprint recognises them."""
    lines = LEDGER.read_text(encoding="utf-8").splitlines()
    if variant == "crlf":
        path = tmp_path / "again.csv"
        path.write_bytes("\r\n".join(lines).encode("utf-8") + b"\r\n")
    elif variant == "reordered":
        path = tmp_path / "again.csv"
        path.write_text("\n".join([lines[0]] + lines[:0:-1]) + "\n", encoding="utf-8")
    else:
        path = tmp_path / "again.xlsx"
        wb = openpyxl.Workbook()
        for line in lines:
            wb.active.append(line.split(";"))
        wb.save(path)
    total = _total(ledger_db)
    err = refused(capsys, ledger_db, 3, "ledger", path)
    assert f"{path.name}: filens rækker er de samme som i import nr. 1 (ledger_standard.csv)" in err
    assert "--replace" in err
    code, out, _ = run_cli(capsys, "ledger", path, "--db", ledger_db, "--replace")
    assert code == 0 and "erstatter 7 rækker fra import nr. 1 (ledger_standard.csv)" in out
    assert _total(ledger_db) == total
    assert rows(ledger_db, "select import_id, file_name from import_log") == [(2, path.name)]


def _corrected(tmp_path: Path) -> Path:
    """ledger_standard.csv with one amount corrected (2023, month 1: 100.000,00 -> 100.100,00)."""
    path = tmp_path / "rettet.csv"
    path.write_text(LEDGER.read_text(encoding="utf-8").replace("100.000,00", "100.100,00"), encoding="utf-8")
    return path


def test_a_corrected_file_is_refused_naming_the_earlier_import(ledger_db, tmp_path, capsys):
    err = refused(capsys, ledger_db, 3, "ledger", _corrected(tmp_path))
    assert ("rettet.csv: filen dækker data, som allerede er indlæst: import nr. 1 (ledger_standard.csv, indlæst "
            in err)
    assert "har 7 rækker for kommune 999 i 2023-2024 med samme kommune, år, måned, funktion og beløbstype" in err
    assert "brug --replace" in err and "--add-overlapping" in err


def test_replace_with_a_corrected_file_replaces_instead_of_adding(ledger_db, tmp_path, capsys):
    """--replace with a corrected file used to add it beside the old one (the old rows stayed: not the same
    file); it replaces the data of the periods the file covers."""
    total = _total(ledger_db)
    code, out, _ = run_cli(capsys, "ledger", _corrected(tmp_path), "--db", ledger_db, "--replace")
    assert code == 0 and "erstatter 7 rækker fra import nr. 1 (ledger_standard.csv)" in out
    assert _total(ledger_db) == total + 100
    assert rows(ledger_db, "select import_id from import_log") == [(2,)]


def test_replace_keeps_the_periods_the_new_file_does_not_cover(ledger_db, tmp_path, capsys):
    path = tmp_path / "kun_2024.csv"
    path.write_text("kommunekode;aar;maaned;konto;art;beloebstype;beloeb\n999;2024;1;5.28.21.1.002;5.2;regnskab;1,00\n",
                    encoding="utf-8")
    code, out, _ = run_cli(capsys, "ledger", path, "--db", ledger_db, "--replace")
    assert code == 0 and "erstatter 2 rækker fra import nr. 1" in out
    assert rows(ledger_db, "select import_id, year, count(*) from ledger group by all order by all") == [
        (1, 2023, 5), (2, 2024, 1)]
    assert rows(ledger_db, "select import_id, message from import_log order by 1") == [
        (1, "2 rækker erstattet af import nr. 2"),
        (2, "mappingen 'standard' er valgt, fordi den læser filens første rækker uden problemer; "
            "1 tal ændret i måneder, der var indlæst før (01-2024); "
            "ændret: 01-2024 funktion 5.28.21 regnskab: 49.750,00 -> 1,00 kr. (-49.749,00)")]


def test_add_overlapping_adds_beside_and_says_so(ledger_db, tmp_path, capsys):
    total = _total(ledger_db)
    code, out, _ = run_cli(capsys, "ledger", _corrected(tmp_path), "--db", ledger_db, "--add-overlapping")
    assert code == 0 and "lagt ved siden af data, som import nr. 1 (ledger_standard.csv) allerede dækker" in out
    assert _total(ledger_db) == 2 * total + 100


def test_an_identical_rerun_is_refused_even_with_add_overlapping(ledger_db, capsys):
    err = refused(capsys, ledger_db, 3, "ledger", LEDGER, "--add-overlapping")
    assert "samme fil (SHA-256" in err and "import nr. 1 (ledger_standard.csv)" in err


def _other_functions(text: str) -> str:
    """The fixture's measures moved to four other known functions."""
    for old, new in (("5.38.50", "5.38.42"), ("5.38.38", "5.38.53"), ("5.38.52", "5.38.44"), ("5.38.59", "5.38.58")):
        text = text.replace(old, new)
    return text


def test_activity_overlap_is_by_municipality_function_and_period(db_path, tmp_path, capsys):
    import_file("activity", FIXTURES / "activity_standard.csv", db_path, kommunekode=999)
    other = tmp_path / "andet_omraade.csv"      # the same citizens on a function the first file does not have
    other.write_text(_other_functions(FIXTURES.joinpath("activity_standard.csv").read_text(encoding="utf-8")),
                     encoding="utf-8")
    assert run_cli(capsys, "activity", other, "--db", db_path, "--kommune", "999")[0] == 0
    again = tmp_path / "nyt_udtraek.csv"           # a new export of the first file's functions: one tariff changed
    again.write_text(FIXTURES.joinpath("activity_standard.csv").read_text(encoding="utf-8").replace("2.000,00", "2.100,00"),
                     encoding="utf-8")
    err = refused(capsys, db_path, 3, "activity", again, "--kommune", "999")
    assert "import nr. 1 (activity_standard.csv" in err and "samme kommune og funktion" in err
    assert "import nr. 2" not in err
    assert run_cli(capsys, "activity", again, "--db", db_path, "--kommune", "999", "--replace")[0] == 0
    assert rows(db_path, "select import_id, count(*) from activity group by 1 order by 1") == [(2, 4), (3, 4)]


def test_identical_rows_inside_one_file_are_loaded_and_listed(db_path, tmp_path, capsys):
    body = "".join(f"999;2023;{m};5.38.50.1.001;4.0;regnskab;{a};t\n" for m, a in
                   [(1, "5,00"), (2, "6,00"), (1, "5,00"), (1, "5,00"), (3, "7,00"), (2, "6,00")])
    path = tmp_path / "dobbelt.csv"
    path.write_text("kommunekode;aar;maaned;konto;art;beloebstype;beloeb;tekst\n" + body, encoding="utf-8")
    code, out, _ = run_cli(capsys, "ledger", path, "--db", db_path)
    assert code == 0 and "rækker indlæst: 6" in out
    assert ("3 rækker er identiske med en tidligere række i filen og er indlæst som de står (fx to ens posteringer); "
            "tjek at filen ikke er dobbelt udtrukket: række 4 = række 2, række 5 = række 2, række 7 = række 3") in out
    assert rows(db_path, "select sum(amount_dkk) from ledger") == [(Decimal("34.00"),)]
    assert "identiske" in rows(db_path, "select message from import_log")[0][0]


def test_the_data_page_asks_before_adding_overlapping_data(ledger_db, monkeypatch):
    at = app_on(ledger_db, monkeypatch).run()
    at.switch_page("dashboard/pages/data.py").run()
    at.selectbox(key="upload_mapping").select("standard").run()
    at.file_uploader(key="upload_file").set_value(("rettet.csv", LEDGER.read_bytes().replace(b"100.000,00", b"100.100,00"),
                                                   "text/csv"))
    at.run()
    total = _total(ledger_db)
    at.button(key="upload_go").click().run()
    assert not at.exception, at.exception
    assert any("dækker data, der allerede er indlæst" in w.value for w in at.warning)
    assert _total(ledger_db) == total                                   # nothing yet
    assert {b.key for b in at.button} >= {"conflict_replace_0", "conflict_add_0", "conflict_skip_0"}
    at.button(key="conflict_replace_0").click().run()
    assert not at.exception, at.exception
    # the preview of replacing: what would be replaced, nothing changed yet
    assert _total(ledger_db) == total
    assert any("Forhåndsvisning af rettet.csv" in i.value for i in at.info)
    assert at.code[0].value.startswith("Prøvekørsel, intet er gemt")
    assert "erstatter 7 rækker fra import nr. 1" in at.code[0].value
    at.button(key="preview_confirm").click().run()
    assert not at.exception, at.exception
    assert _total(ledger_db) == total + 100
    statuses = [e for e in at.main.children.values() if type(e).__name__ == "Status"]
    assert [s.label for s in statuses] == ["rettet.csv er indlæst"]
    assert "erstatter 7 rækker fra import nr. 1" in at.code[0].value
    assert not at.code[0].value.startswith("Prøvekørsel")


def test_the_data_page_takes_several_files_each_previewed_and_loaded_on_its_own(ledger_db, monkeypatch):
    """Three files at once: a new year (previewed, loaded), a file covering loaded data (the page asks;
    skipped, nothing loaded from it) and a bad file (rejected with its problems). Confirming loads the one
    previewed file only."""
    at = app_on(ledger_db, monkeypatch).run()
    at.switch_page("dashboard/pages/data.py").run()
    at.selectbox(key="upload_mapping").select("standard").run()
    header = LEDGER.read_text(encoding="utf-8").splitlines()[0]
    new_year = (header + "\n999;2025;1;5.38.50.1.003;4.0;regnskab;70.000,00\n").encode()
    overlapping = LEDGER.read_bytes().replace(b"100.000,00", b"100.100,00")
    bad = (header + "\n999;2025;13;5.38.50.1.003;4.0;regnskab;1,00\n").encode()
    at.file_uploader(key="upload_file").set_value([("nytaar.csv", new_year, "text/csv"),
                                                   ("rettet.csv", overlapping, "text/csv"),
                                                   ("forkert.csv", bad, "text/csv")])
    at.run()
    total = _total(ledger_db)
    at.button(key="upload_go").click().run()
    assert not at.exception, at.exception
    labels = [e.label for e in at.main.children.values() if type(e).__name__ == "Status"]
    assert labels == ["nytaar.csv kan indlæses – se forhåndsvisningen",
                      "rettet.csv dækker data, der allerede er indlæst – intet er ændret endnu",
                      "forkert.csv blev afvist – databasen er uændret"]
    assert _total(ledger_db) == total                                   # nothing yet
    assert "forkert.csv, række 2" in at.error[-1].value and "værdi '13'" in at.error[-1].value
    at.button(key="conflict_skip_1").click().run()
    assert any("rettet.csv er sprunget over" in c.value for c in at.caption)
    at.button(key="preview_confirm").click().run()
    assert not at.exception, at.exception
    labels = [e.label for e in at.main.children.values() if type(e).__name__ == "Status"]
    assert labels == ["nytaar.csv er indlæst", "forkert.csv blev afvist – databasen er uændret"]
    assert _total(ledger_db) == total + Decimal("70000.00")
    assert rows(ledger_db, "select file_name from import_log order by import_id") == [
        ("ledger_standard.csv",), ("nytaar.csv",)]


# --- the pseudonym key -----------------------------------------------------------------------------------

@pytest.fixture
def activity_db(db_path) -> Path:
    import_file("activity", FIXTURES / "activity_standard.csv", db_path, kommunekode=999)
    return db_path


def _key() -> Path:
    return Path(os.environ["DASHBOARD_PSEUDONYM_KEY"])


def _second_activity(tmp_path: Path) -> Path:
    """activity_standard.csv on other functions: no overlap with it."""
    path = tmp_path / "ny.csv"
    path.write_text(_other_functions(FIXTURES.joinpath("activity_standard.csv").read_text(encoding="utf-8")),
                    encoding="utf-8")
    return path


def test_a_deleted_key_is_not_silently_recreated(activity_db, tmp_path, capsys):
    """One citizen would become two: the database records its key's fingerprint."""
    _key().unlink()
    err = refused(capsys, activity_db, 4, "activity", _second_activity(tmp_path), "--kommune", "999")
    assert f"pseudonymnøglen {_key()} findes ikke, men databasen indeholder pseudonymer lavet med en nøgle" in err
    assert not _key().exists()


def test_another_key_is_refused(activity_db, tmp_path, capsys):
    _key().write_bytes(os.urandom(32))
    err = refused(capsys, activity_db, 4, "activity", _second_activity(tmp_path), "--kommune", "999")
    assert f"pseudonymnøglen {_key()} er ikke den, databasen er bygget med" in err


@pytest.mark.parametrize("content, says", [(b"", "er tom"), (b"kort", "er kun 4 bytes")])
def test_a_short_or_empty_key_gives_a_message(db_path, tmp_path, capsys, content, says):
    _key().parent.mkdir(parents=True, exist_ok=True)
    _key().write_bytes(content)
    err = refused(capsys, db_path, 4, "activity", FIXTURES / "activity_standard.csv", "--kommune", "999")
    assert f"pseudonymnøglen {_key()} {says}; en nøgle er mindst 32 tilfældige bytes" in err


def test_an_unreadable_key_gives_a_message(db_path, capsys):
    _key().mkdir(parents=True)                      # root reads any file: a folder cannot be read as one
    err = refused(capsys, db_path, 4, "activity", FIXTURES / "activity_standard.csv", "--kommune", "999")
    assert f"pseudonymnøglen {_key()} kan ikke læses: Is a directory" in err


def test_a_key_others_may_read_is_warned_about(activity_db, tmp_path, capsys):
    _key().chmod(0o644)
    code, out, _ = run_cli(capsys, "activity", _second_activity(tmp_path), "--db", activity_db, "--kommune", "999")
    assert code == 0
    assert f"bemærk: pseudonymnøglen {_key()} kan læses af andre (rettigheder 0644); ret det med: chmod 600 {_key()}" in out


def test_the_database_records_a_fingerprint_never_the_key(activity_db):
    from ingest.pseudonym import key_fingerprint

    key = _key().read_bytes()
    assert rows(activity_db, "select name, value from database_info") == [
        ("pseudonym_key_fingerprint", key_fingerprint(key))]
    data = Path(os.path.realpath(activity_db)).read_bytes()
    assert key not in data and key.hex().encode() not in data


# --- faults -----------------------------------------------------------------------------------------------

def _versions(db: Path) -> list[str]:
    return sorted(p.name for p in Path(str(db) + ".versions").iterdir())


def _killed_import(db: Path, pl_index: Path) -> int:
    """An import killed with SIGKILL while it writes its new version (after the derived tables)."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(REPO)!r})
        import ingest.db as db
        original = db.refresh_derived
        def die(*a, **k):
            original(*a, **k)
            os.kill(os.getpid(), signal.SIGKILL)
        db.refresh_derived = die
        from ingest.__main__ import main
        main(["pl-index", {str(pl_index)!r}, "--db", {str(db)!r}])
    """)
    return subprocess.run([sys.executable, "-c", script], cwd=REPO).returncode


def test_kill_9_leaves_nothing_that_costs_a_good_version(db_path, tmp_path, capsys):
    """An import killed mid-way left its version file, which pruning then counted as the newest version and
    deleted a good older one; it is a .partial file now, removed by the next import and never counted."""
    import_file("ledger", LEDGER, db_path)
    import_file("ledger", FIXTURES / "ledger_prisme_cp1252.csv", db_path, mapping_name="prisme", kommunekode=101)
    good = _versions(db_path)
    assert _killed_import(db_path, _pl_index(tmp_path)) == -signal.SIGKILL
    assert len(_versions(db_path)) > len(good)                        # the killed import's leftovers
    assert database_fingerprint(db_path)[0] == os.readlink(db_path)   # still the good current version
    socio = tmp_path / "socio.csv"
    socio.write_text("kommunekode;aar;indeks\n999;2024;101,5\n", encoding="utf-8")
    import_file("socio-index", socio, db_path)
    after = _versions(db_path)
    assert len(after) == 3 and set(good) <= set(after)                # both good versions kept, no leftovers
    assert all(name.endswith(".duckdb") for name in after)


def _fsize_import(db: Path, limit: int, *args: str) -> subprocess.CompletedProcess:
    """The command line with writes limited to `limit` bytes per file (RLIMIT_FSIZE): a full disk."""
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        sys.path.insert(0, {str(REPO)!r})
        from ingest.__main__ import main
        sys.exit(main({[*args, "--db", str(db)]!r}))
    """)
    return subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)


@pytest.mark.parametrize("where", ["copy", "checkpoint"])
def test_a_full_disk_gives_a_message_and_leaves_no_partial_copy(ledger_db, where):
    """A full disk left a partial copy (which blocked every later import) and a traceback."""
    size = os.path.getsize(os.path.realpath(ledger_db))
    before = database_fingerprint(ledger_db)
    limit = size // 2 if where == "copy" else size + 4096
    done = _fsize_import(ledger_db, limit, "ledger", str(FIXTURES / "ledger_prisme_cp1252.csv"), "--mapping", "prisme",
                         "--kommune", "101")
    assert done.returncode == 6, done.stderr
    assert "der er ikke plads på disken til den nye version af databasen" in done.stderr
    assert "Traceback" not in done.stderr
    assert database_fingerprint(ledger_db) == before
    import_file("ledger", FIXTURES / "ledger_prisme_cp1252.csv", ledger_db, mapping_name="prisme", kommunekode=101)


def test_too_little_free_space_is_refused_before_copying(ledger_db, capsys, monkeypatch):
    monkeypatch.setattr("ingest.db.shutil.disk_usage", lambda p: shutil._ntuple_diskusage(10**9, 10**9 - 10**6, 10**6))
    err = refused(capsys, ledger_db, 6, "ledger", FIXTURES / "ledger_prisme_cp1252.csv", "--mapping", "prisme",
                  "--kommune", "101")
    assert "der er 1 MB ledigt på disken" in err and "kræver mindst" in err


def _damage(db: Path) -> None:
    with open(os.path.realpath(db), "r+b") as f:
        f.write(b"\0" * 4096)


def test_a_damaged_current_version_gives_a_message_not_a_traceback(ledger_db, capsys):
    _damage(ledger_db)
    err = refused(capsys, ledger_db, 5, "ledger", FIXTURES / "ledger_prisme_cp1252.csv", "--mapping", "prisme",
                  "--kommune", "101")
    name = Path(os.path.realpath(ledger_db)).name
    assert f"den nuværende version af databasen ({name}) kan ikke læses (IO Error" in err
    assert "python -m ingest versioner" in err and ".partial" not in err


def test_the_app_names_a_damaged_version_instead_of_showing_cached_pages(ledger_db, monkeypatch):
    """The app kept showing cached pages of a version damaged on disk (and tracebacks where it had none)."""
    at = app_on(ledger_db, monkeypatch)
    at.query_params["omraade"] = "5.38.50"
    at.run()
    assert not at.exception and at.metric
    _damage(ledger_db)
    at.run()
    assert not at.exception, at.exception
    assert not at.metric
    assert any("er ændret, efter den blev skrevet" in e.value for e in at.error)


def test_the_app_names_an_unreadable_version(ledger_db, monkeypatch):
    _damage(ledger_db)
    at = app_on(ledger_db, monkeypatch).run()
    assert not at.exception, at.exception
    assert any("kan ikke læses (IO Error" in e.value and "python -m ingest versioner" in e.value for e in at.error)


def test_a_dangling_link_is_named_and_no_empty_database_is_started(ledger_db, capsys, monkeypatch):
    """A link to a missing version silently started a new, almost empty database."""
    os.unlink(os.path.realpath(ledger_db))
    err = refused(capsys, ledger_db, 5, "ledger", FIXTURES / "ledger_prisme_cp1252.csv", "--mapping", "prisme",
                  "--kommune", "101")
    assert f"databasen {ledger_db} peger på" in err and "som ikke findes; intet er indlæst" in err
    assert not _versions(ledger_db)
    at = app_on(ledger_db, monkeypatch).run()
    assert not at.exception, at.exception
    assert any("som ikke findes, så appen viser ingen tal" in e.value for e in at.error)


def test_versioner_lists_the_versions_and_serves_another(ledger_db, capsys):
    first = os.readlink(ledger_db)
    import_file("ledger", FIXTURES / "ledger_prisme_cp1252.csv", ledger_db, mapping_name="prisme", kommunekode=101)
    code, out, _ = run_cli(capsys, "versioner", "--db", ledger_db)
    assert code == 0 and out.splitlines()[0].startswith("* ") and Path(first).name in out
    code, out, _ = run_cli(capsys, "versioner", "--db", ledger_db, "--brug", Path(first).name)
    assert code == 0 and os.readlink(ledger_db) == first


@pytest.mark.parametrize("fast", [True, False])
def test_a_line_break_inside_a_quoted_ledger_cell_loads_with_the_right_lines(db_path, tmp_path, monkeypatch, fast):
    """The fast CSV path crashed on it (DuckDB's parallel reader); it reads such a file row by row."""
    if not fast:
        monkeypatch.setattr("ingest.importer.uses_fast_ledger", lambda kind, path, mapping: False)
    path = tmp_path / "linjeskift.csv"
    path.write_text('kommunekode;aar;maaned;konto;art;beloebstype;beloeb;tekst\n'
                    '999;2023;1;5.38.50.1.003;4.0;regnskab;100,00;"første linje\nanden linje"\n'
                    '999;2023;2;5.38.50.1.003;4.0;regnskab;200,00;ok\n'
                    '999;2023;13;5.38.50.1.003;4.0;regnskab;300,00;ok\n', encoding="utf-8")
    with pytest.raises(Exception) as exc:
        import_file("ledger", path, db_path)
    assert exc.value.report.lines() == [
        "linjeskift.csv, række 5, kolonne 'maaned': værdi '13': et helt tal mellem 1 og 12"]
    path.write_text(path.read_text(encoding="utf-8").replace(";13;", ";3;"), encoding="utf-8")
    import_file("ledger", path, db_path)
    assert rows(db_path, "select source_row, text from ledger order by source_row") == [
        (2, "første linje\nanden linje"), (4, "ok"), (5, "ok")]


def test_the_data_page_and_om_tallene_say_which_version_they_serve(ledger_db, monkeypatch):
    from present.formatting import md_literal

    name = md_literal(Path(os.path.realpath(ledger_db)).name)      # shown as text
    at = app_on(ledger_db, monkeypatch).run()
    at.switch_page("dashboard/pages/about.py").run()
    assert not at.exception, at.exception
    assert any(name in c.value and "senest indlæst" in c.value for c in at.caption)
    at.switch_page("dashboard/pages/data.py").run()
    assert any(name in c.value for c in at.caption)


def test_every_test_named_in_this_safety_table_exists():
    """docs/import-safety.md, "Ressourcer, genimport, nøgle og fejl", names real tests: the table cannot drift."""
    import re

    doc = (REPO / "docs" / "import-safety.md").read_text(encoding="utf-8")
    section = doc.split("## Ressourcer, genimport, nøgle og fejl", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", section))
    suite = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").glob("test_*.py"))
    missing = sorted(n for n in named if not re.search(rf"def {n}\(", suite))
    assert len(named) >= 35 and not missing, missing


def test_the_worker_speaks_the_pages_language(ledger_db, tmp_path):
    """The Data page's import runs in the page's language (run_import passes it to the child); the command line
    and a caller that sets none get Danish."""
    from i18n import use_language
    from ingest.worker import run_import

    path = tmp_path / "pl.csv"
    path.write_text("aar;indeks;kilde\n2023;abc;test\n", encoding="utf-8")
    with use_language("en"):
        english = run_import("pl-index", path, ledger_db, display_name="pl.csv")
    danish = run_import("pl-index", path, ledger_db, display_name="pl.csv")
    assert (english.status, danish.status) == ("rejected", "rejected")
    assert english.lines == ["pl.csv, row 2, column 'indeks': value 'abc': a number (decimal comma, e.g. 1.234,50 "
                             "or 1234,5)"]
    assert danish.lines == ["pl.csv, række 2, kolonne 'indeks': værdi 'abc': et tal (decimalkomma, fx 1.234,50 "
                            "eller 1234,5)"]


def test_version_names_never_look_like_a_cpr_number():
    """A version's name is shown in messages, which mask CPR-shaped text: no time of day, with a token that
    starts with four digits, makes one (21:04:49 + '7827...' once read as 210449-7827 and was masked)."""
    from pathlib import Path

    from ingest.db import version_stem
    from ingest.values.cpr import looks_like_cpr
    names = [version_stem(Path("demo.duckdb"), f"20261203T{h:02d}{m:02d}{s:02d}", f"{token}abcd")
             for h in range(24) for m in range(60) for s in range(60) for token in ("7827", "0101")]
    assert not [n for n in names if looks_like_cpr(n)]
    assert looks_like_cpr("demo_20261203T210449_7827abcd")      # the old form did
