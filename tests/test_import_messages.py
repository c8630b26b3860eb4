"""One message per problem: the same problem in many rows is one line with its rows and their count."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from i18n import use_language
from ingest.importer import import_file
from ingest.report import MAX_PROBLEMS, ImportRejected, Report
from tests.conftest import FIXTURES, database_fingerprint

# (calls as (row, column, value, count), expected lines, expected total)
CASES = [
    ("one row", [(2, "k", "", 1)], ["f.csv, række 2, kolonne 'k': værdi '': x"], 1),
    ("a run", [(r, "k", "", 1) for r in range(2, 46)], ["f.csv, række 2-45 (44 rækker), kolonne 'k': værdi '': x"], 44),
    ("runs with gaps", [(r, "k", "", 1) for r in (2, 3, 4, 7, 9, 10)],
     ["f.csv, rækker 2-4, 7, 9-10 (6 rækker), kolonne 'k': værdi '': x"], 6),
    ("counted rows only", [(2, "k", "n/a", 12)], ["f.csv, rækker 2, ... (12 rækker), kolonne 'k': værdi 'n/a': x"], 12),
    ("more runs than shown", [(r, "k", "", 1) for r in range(2, 30, 2)],
     ["f.csv, rækker 2, 4, 6, 8, 10, ... (14 rækker), kolonne 'k': værdi '': x"], 14),
    ("another value is another problem", [(2, "k", "a", 1), (3, "k", "b", 1), (4, "k", "a", 1)],
     ["f.csv, rækker 2, 4 (2 rækker), kolonne 'k': værdi 'a': x", "f.csv, række 3, kolonne 'k': værdi 'b': x"], 3),
    ("another column is another problem", [(2, "k", "", 1), (2, "j", "", 1), (3, "k", "", 1)],
     ["f.csv, række 2-3 (2 rækker), kolonne 'k': værdi '': x", "f.csv, række 2, kolonne 'j': værdi '': x"], 3),
    ("a file problem stays one line", [(None, None, None, 1), (None, None, None, 1)], ["f.csv: x"], 2),
    ("thousands in Danish", [(2, "k", "", 1500)], ["f.csv, rækker 2, ... (1.500 rækker), kolonne 'k': værdi '': x"], 1500),
]


@pytest.mark.parametrize("name, calls, lines, total", CASES, ids=[c[0] for c in CASES])
def test_the_same_problem_in_many_rows_is_one_line(name, calls, lines, total):
    report = Report("f.csv")
    with use_language("da"):
        for row, column, value, count in calls:
            report.add(row, column, value, "x", count)
        assert report.lines() == lines
    assert report.total == total


def test_rows_beyond_the_shown_problems_are_counted_in_the_last_line():
    report = Report("f.csv")
    with use_language("da"):
        for i in range(MAX_PROBLEMS + 3):
            report.add(i + 2, "k", str(i), "x")
        report.add(MAX_PROBLEMS + 9, "k", "0", "x")
        lines = report.lines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0] == f"f.csv, rækker 2, {MAX_PROBLEMS + 9} (2 rækker), kolonne 'k': værdi '0': x"
    assert lines[-1] == f"... og 3 problemer mere (de første {MAX_PROBLEMS} er vist)"
    # every row is accounted for: the shown problems' rows plus the more line's
    assert report.total == sum(p.count for p in report.problems) + 3


def _activity_without_municipality(tmp_path) -> Path:
    lines = (FIXTURES / "activity_standard.csv").read_text(encoding="utf-8").splitlines()
    body = [lines[1 + i % (len(lines) - 1)].replace("S1;", f"S{i};", 1) for i in range(44)]
    path = tmp_path / "aktivitet.csv"
    path.write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("ledgers", [[], [999, 101]], ids=["empty database", "two municipalities"])
def test_an_activity_file_without_a_municipality_column_gives_one_line(db_path, tmp_path, ledgers):
    """Without a municipality column the file loads only where the database knows its one municipality;
    an empty database or one of several municipalities gives one line for the 44 rows."""
    path = _activity_without_municipality(tmp_path)
    ledger = (FIXTURES / "ledger_standard.csv").read_text(encoding="utf-8")
    for code in ledgers:
        own = tmp_path / f"regnskab_{code}.csv"
        own.write_text(ledger.replace("\n999;", f"\n{code};"), encoding="utf-8")
        import_file("ledger", own, db_path)
    before = database_fingerprint(db_path) if ledgers else None
    with pytest.raises(ImportRejected) as exc:
        import_file("activity", path, db_path)
    if ledgers:
        assert database_fingerprint(db_path) == before
    assert exc.value.report.total == 44
    assert exc.value.lines() == [
        "aktivitet.csv, række 2-45 (44 rækker), kolonne 'kommunekode': værdi '': "
        "en kommunekode (kolonne i filen eller --kommune)"]


def test_a_database_of_one_municipality_takes_files_without_a_municipality_column(db_path, tmp_path):
    path = _activity_without_municipality(tmp_path)
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    result = import_file("activity", path, db_path)
    assert result.rows_loaded == 44
    assert result.notes[0] == ("filen har ingen kommunekolonne; indlæst for Eksempelby (999), "
                               "databasens eneste kommune")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        assert con.sql("select distinct kommunekode from activity").fetchall() == [(999,)]
    finally:
        con.close()


def test_an_empty_municipality_cell_is_not_filled_in_from_the_database(db_path, tmp_path):
    """A file with a municipality column and an empty cell is refused for that row, even in a database of
    one municipality: only a file without the column is taken as the database's own."""
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    lines = (FIXTURES / "ledger_standard.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("999;", ";", 1)
    path = tmp_path / "regnskab_tom_kommune.csv"
    path.write_text("\n".join(lines).replace(";2023;", ";2024;") + "\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as exc:
        import_file("ledger", path, db_path)
    assert exc.value.lines() == [
        "regnskab_tom_kommune.csv, række 3, kolonne 'kommunekode': værdi '': "
        "en kommunekode (kolonne i filen eller --kommune)"]


def test_the_command_line_shows_how_far_an_import_is_on_one_line():
    """progress_printer keeps one terminal line up to date: each phase once within the interval, counts in
    Danish, the last count of a phase always, and the line cleared at the end."""
    import io

    from ingest.__main__ import progress_printer

    out = io.StringIO()
    with use_language("da"):
        progress = progress_printer(out, interval_s=60)
        progress("hash", 1 * 2**20, 3 * 2**20)
        progress("hash", 2 * 2**20, 3 * 2**20)          # within the interval: not shown
        progress("hash", 3 * 2**20, 3 * 2**20)          # the phase's end: shown
        progress("read", 1_234_567, 1_234_567)
        progress("derive")
        progress.finish()
    frames = out.getvalue().split("\r")[1:]
    assert [f.rstrip() for f in frames[:-1]] == [
        "Læser filen: 1,0 af 3,0 MB", "Læser filen: 3,0 af 3,0 MB", "Læser rækker: 1.234.567 rækker læst",
        "Beregner de afledte tabeller …", ""]
    assert frames[-1] == ""
