"""Age at import from the optional `alder` column (whole years at the measure's start): the possible dates of
birth of every row of a citizen are intersected and the calendar year holding most of them is stored, never a
date. Hand-computed cases; a contradiction is one message on its row and leaves the database as it was."""
from __future__ import annotations

import datetime as dt
import os

import duckdb
import pytest

from ingest.importer import import_file
from ingest.report import ImportRejected
from ingest.values.age import birth_dates, likeliest_year, overlap
from tests.conftest import database_fingerprint

D = dt.date
HEADER = "borger_id;sag_id;paragraf;ydelse;funktion;leverandoer;leverandoertype;startdato;slutdato;takst;takstenhed;niveau;foedselsaar;alder\n"


@pytest.mark.parametrize(("age", "on", "first", "last"), [
    (10, D(2020, 3, 1), D(2009, 3, 2), D(2010, 3, 1)),
    (0, D(2024, 1, 1), D(2023, 1, 2), D(2024, 1, 1)),
    (17, D(2024, 2, 29), D(2006, 3, 1), D(2007, 2, 28)),      # 29 February: the anniversary is 28 February
    (3, D(2023, 2, 28), D(2019, 3, 1), D(2020, 2, 28)),
])
def test_birth_dates_of_an_age_on_a_day(age, on, first, last):
    assert birth_dates(age, on) == (first, last)


@pytest.mark.parametrize(("span", "year"), [
    ((D(2006, 10, 2), D(2007, 10, 1)), 2007),     # 91 days in 2006, 274 in 2007
    ((D(2006, 2, 2), D(2007, 2, 1)), 2006),       # 333 days in 2006, 32 in 2007
    ((D(2009, 3, 2), D(2009, 9, 1)), 2009),
    ((D(2010, 7, 2), D(2011, 7, 1)), 2010),       # 183 days in 2010, 182 in 2011
    ((D(2011, 7, 2), D(2012, 7, 1)), 2012),       # 183 days each (2012 is a leap year): the later year
])
def test_likeliest_year(span, year):
    assert likeliest_year(span) == year


def test_overlap_of_contradicting_ages_is_none():
    assert overlap(birth_dates(10, D(2020, 1, 1)), birth_dates(10, D(2022, 1, 1))) is None
    assert overlap(birth_dates(10, D(2020, 3, 1)), birth_dates(11, D(2020, 9, 1))) == (D(2009, 3, 2), D(2009, 9, 1))


def _write(tmp_path, body: str):
    src = tmp_path / "alder.csv"
    src.write_text(HEADER + body, encoding="utf-8")
    return src


def test_alder_gives_the_birth_year_when_neither_cpr_nor_foedselsaar_does(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_PSEUDONYM_KEY", str(tmp_path / "key"))
    src = _write(tmp_path,
                 "B1;S1;SEL § 52;Anbringelse;5.28.20;X;egen;01-03-2020;31-08-2020;100;dag;;;10\n"   # born 02-03-2009..01-03-2010
                 "B1;S1;SEL § 52;Anbringelse;5.28.20;X;egen;01-09-2020;31-12-2020;100;dag;;;11\n"   # .. and 02-09-2008..01-09-2009: 2009
                 "B2;S2;SEL § 52;Anbringelse;5.28.20;X;egen;01-10-2024;31-12-2024;100;dag;;;17\n"   # 02-10-2006..01-10-2007: 2007
                 "B3;S3;SEL § 52;Anbringelse;5.28.20;X;egen;01-02-2024;31-12-2024;100;dag;;;17\n"   # 02-02-2006..01-02-2007: 2006
                 "B4;S4;SEL § 85;Støtte;5.38.38;X;egen;01-01-2025;31-12-2025;100;dag;;1950;75\n"    # foedselsaar wins (agrees)
                 "B5;S5;SEL § 85;Støtte;5.38.38;X;egen;01-01-2025;31-12-2025;100;dag;;;\n"          # unknown
                 "010107-4321;S6;SEL § 85;Støtte;5.38.38;X;egen;01-06-2024;31-12-2025;100;dag;;;17\n")  # CPR: 2007, agrees
    db = tmp_path / "a.duckdb"
    import_file("activity", src, db, kommunekode=999, data_date=D(2025, 12, 31))
    con = duckdb.connect(os.path.realpath(db), read_only=True)
    try:
        born = con.sql("select case_id, birth_year from activity order by case_id, start_date").fetchall()
        columns = [c[0] for c in con.sql("describe activity").fetchall()]
    finally:
        con.close()
    assert born == [("S1", 2009), ("S1", 2009), ("S2", 2007), ("S3", 2006), ("S4", 1950), ("S5", None), ("S6", 2007)]
    assert not any("age" in c or "alder" in c or "birth_date" in c for c in columns)


@pytest.mark.parametrize(("body", "line"), [
    ("B1;S1;SEL § 52;Anbringelse;5.28.20;X;egen;01-01-2020;31-12-2020;100;dag;;;10\n"
     "B1;S1;SEL § 52;Anbringelse;5.28.20;X;egen;01-01-2022;31-12-2022;100;dag;;;10\n",
     "alder.csv, række 3, kolonne 'alder': værdi '10': en alder ved indsatsens start, der passer med samme "
     "borgers alder i række 2"),
    ("B1;S1;SEL § 52;Anbringelse;5.28.20;X;egen;01-01-2020;31-12-2020;100;dag;;2000;10\n",
     "alder.csv, række 2, kolonne 'alder': værdi '10': en alder ved indsatsens start, der passer med "
     "borgerens fødselsår 2000"),
    ("B1;S1;SEL § 52;Anbringelse;5.28.20;X;egen;01-01-2020;31-12-2020;100;dag;;;121\n",
     "alder.csv, række 2, kolonne 'alder': værdi '121': et helt tal mellem 0 og 120"),
], ids=["two rows disagree", "disagrees with foedselsaar", "out of range"])
def test_a_contradicting_alder_is_one_message_and_changes_nothing(tmp_path, monkeypatch, body, line):
    monkeypatch.setenv("DASHBOARD_PSEUDONYM_KEY", str(tmp_path / "key"))
    db = tmp_path / "a.duckdb"
    import_file("activity", _write(tmp_path, "B9;S9;SEL § 85;Støtte;5.38.38;X;egen;01-01-2025;31-12-2025;100;dag;;;\n"),
                db, kommunekode=999, data_date=D(2025, 12, 31))
    before = database_fingerprint(db)
    (tmp_path / "alder.csv").unlink()
    with pytest.raises(ImportRejected) as exc:
        import_file("activity", _write(tmp_path, body), db, kommunekode=999, data_date=D(2025, 12, 31))
    assert exc.value.lines() == [line]
    assert database_fingerprint(db) == before
