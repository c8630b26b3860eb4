"""Recognising the mapping: every shipped mapping is recognised from a file in its shape and none is taken
for another; no fit or a tie is refused naming the closest; --mapping overrides."""
from __future__ import annotations

import os
import shutil

import duckdb
import pytest

from i18n import use_language
from ingest.__main__ import main as cli
from ingest.importer import import_file
from ingest.mappings import KINDS, MAPPING_DIR, available
from ingest.recognise import trials
from ingest.report import ImportRejected
from tests.conftest import FIXTURES, REPO, app_on, database_fingerprint

EXAMPLES = REPO / "data" / "examples"

# (kind, file, options the command line would be given, the mapping that reads it)
SHAPES = [
    ("ledger", EXAMPLES / "ledger.csv", {}, "standard"),
    ("ledger", FIXTURES / "ledger_prisme_cp1252.csv", {"kommunekode": 999}, "prisme"),
    ("activity", EXAMPLES / "activity.csv", {"kommunekode": 999}, "standard"),
    ("activity", FIXTURES / "activity_fagsystem.csv", {"kommunekode": 999}, "fagsystem"),
    ("activity", FIXTURES / "activity_sensum.csv", {"kommunekode": 999}, "sensum"),
    ("benchmark", EXAMPLES / "benchmark.csv", {}, "standard"),
    ("benchmark", FIXTURES / "benchmark_statbank_bulk_2024.csv", {}, "statbank"),
    ("benchmark", FIXTURES / "regk31_tekst_2024.csv", {"year": 2024}, "statbank_tekst"),
    ("benchmark", FIXTURES / "regk31_tekst_tid_2024.csv", {}, "statbank_tekst_tid"),
    # with --aar the five-column mapping reads a six-column file too; the one using every column wins
    ("benchmark", FIXTURES / "regk31_tekst_tid_2024.csv", {"year": 2024}, "statbank_tekst_tid"),
    ("benchmark", FIXTURES / "noegletal_2023_2024.csv", {}, "noegletal"),
    ("population", EXAMPLES / "population.csv", {}, "standard"),
    ("population", FIXTURES / "folk1a_2024.csv", {}, "folk1a"),
    # standard reads Statbank's names too; statbank's own names decide
    ("population", FIXTURES / "population_statbank_2024.csv", {}, "statbank"),
    ("pl-index", EXAMPLES / "pl-index.csv", {}, "standard"),
    ("socio-index", EXAMPLES / "socio-index.csv", {}, "standard"),
    ("savings", EXAMPLES / "savings.csv", {}, "standard"),
]


@pytest.mark.parametrize("kind, path, options, expected", SHAPES,
                         ids=[f"{k}-{p.name}-{sorted(o)}" for k, p, o, _ in SHAPES])
def test_every_shape_is_recognised_and_taken_for_no_other(kind, path, options, expected):
    ranked = trials(kind, path, **options)
    assert ranked[0].mapping == expected and ranked[0].fits
    # not confused: every other mapping either fails on the sample or fits strictly less well
    assert all(r.rank < ranked[0].rank for r in ranked[1:])


def test_every_shipped_mapping_has_a_shape():
    assert {(k, n) for k in KINDS for n in available(k)} == {(k, m) for k, _, _, m in SHAPES}


def test_the_statbank_export_loads_without_naming_its_mapping(db_path):
    result = import_file("benchmark", FIXTURES / "benchmark_statbank_bulk_2024.csv", db_path, mapping_name=None)
    assert result.mapping == "statbank"
    with use_language("da"):
        assert result.notes[0] == ("mappingen 'statbank' er valgt, fordi den læser filens første rækker "
                                   "uden problemer")
    # the same rows as with --mapping statbank
    other = db_path.parent / "named.duckdb"
    named = import_file("benchmark", FIXTURES / "benchmark_statbank_bulk_2024.csv", other, mapping_name="statbank")
    assert (result.rows_loaded, result.periods) == (named.rows_loaded, named.periods)


def test_no_fitting_mapping_is_refused_naming_the_closest(db_path):
    import_file("ledger", EXAMPLES / "ledger.csv", db_path)
    before = database_fingerprint(db_path)
    with pytest.raises(ImportRejected) as exc:
        import_file("benchmark", FIXTURES / "regk31_tekst_2024.csv", db_path, mapping_name=None)
    assert database_fingerprint(db_path) == before
    with use_language("da"):
        lines = exc.value.lines()
    assert lines[0] == ("regk31_tekst_2024.csv: ingen mapping for benchmark læser filen; de nærmeste står "
                        "herunder (vælg en med --mapping, når filen er rettet)")
    # the closest reads the file but lacks the year, and says how to give it
    assert lines[1] == ("regk31_tekst_2024.csv: mapping 'statbank_tekst' (5 problemer), fx: række 1-5 "
                        "(5 rækker): et år (kolonne i filen eller --aar)")
    assert len(lines) == 4 and all("mapping '" in line for line in lines[1:])


def test_two_mappings_that_read_a_file_equally_are_refused(db_path, tmp_path, monkeypatch):
    mappings = tmp_path / "mappings"
    shutil.copytree(MAPPING_DIR, mappings)
    shutil.copy(mappings / "ledger_standard.toml", mappings / "ledger_kopi.toml")
    monkeypatch.setattr("ingest.mappings.MAPPING_DIR", mappings)
    with use_language("da"), pytest.raises(ImportRejected) as exc:
        import_file("ledger", EXAMPLES / "ledger.csv", db_path, mapping_name=None)
    with use_language("da"):
        assert exc.value.lines() == ["ledger.csv: filen kan læses som ledger med flere mappings lige godt "
                                     "(kopi, standard); vælg en med --mapping"]
    assert database_fingerprint(db_path) == ("absent", [])


def test_the_command_line_recognises_and_mapping_overrides(db_path, capsys):
    path = str(FIXTURES / "benchmark_statbank_bulk_2024.csv")
    assert cli(["benchmark", path, "--db", str(db_path), "--mapping", "standard"]) == 1
    err = capsys.readouterr().err
    assert "række 2-5 (4 rækker), kolonne 'PRISENHED'" in err and "en af: 1000_kr, kr, kr_pr_indbygger" in err
    assert cli(["benchmark", path, "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "(mapping 'statbank', import nr. 1)" in out and "mappingen 'statbank' er valgt" in out


def test_the_data_page_recognises_the_mapping_unless_one_is_chosen(db_path, monkeypatch):
    import_file("ledger", EXAMPLES / "ledger.csv", db_path)
    at = app_on(db_path, monkeypatch).run()
    at.switch_page("dashboard/pages/data.py").run()
    at.selectbox(key="upload_kind").select("benchmark").run()
    assert at.selectbox(key="upload_mapping").value == ""          # recognise is the default
    bulk = (FIXTURES / "benchmark_statbank_bulk_2024.csv").read_bytes()
    at.file_uploader(key="upload_file").set_value(("regk31.csv", bulk, "text/csv"))
    at.run()
    at.button(key="upload_go").click().run()
    assert not at.exception, at.exception
    assert "(mapping 'statbank'" in at.code[0].value                 # the preview names the mapping
    at.button(key="preview_confirm").click().run()
    assert not at.exception, at.exception
    con = duckdb.connect(os.path.realpath(db_path), read_only=True, config={"threads": 2})   # as the app opens it
    try:
        assert con.sql("select kind, mapping from import_log order by import_id").fetchall() == [
            ("ledger", "standard"), ("benchmark", "statbank")]
    finally:
        con.close()


# ---- the kind of data (python -m ingest FILE) -----------------------------------------------------------

@pytest.mark.parametrize("kind, path, options, expected", SHAPES, ids=[f"{s[0]}-{s[1].name}" for s in SHAPES])
def test_every_shape_is_recognised_as_its_kind_and_no_other(kind, path, options, expected):
    from ingest.recognise import recognise_kind
    from ingest.report import Report

    report = Report(path.name)
    found, also = recognise_kind(path, report, options.get("kommunekode"), options.get("year"))
    assert found == kind, report.lines()
    # a file read by another kind too only where that kind's columns are a subset (benchmark: 'vaerdi')
    assert also == (["socio-index"] if path.name == "benchmark.csv" else []), also


def test_the_command_line_recognises_the_kind(db_path, capsys):
    with use_language("da"):
        assert cli([str(FIXTURES / "ledger_standard.csv"), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("filen er genkendt som ledger: kun den slags data læser filens første rækker "
                                   "uden problemer")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        assert con.sql("select count(*) from ledger").fetchall() == [(7,)]
    finally:
        con.close()
    # the database now holds one municipality: an activity file without a municipality column is its own
    with use_language("da"):
        assert cli([str(FIXTURES / "activity_sensum.csv"), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("filen er genkendt som activity:")
    assert "indlæst for Eksempelby (999), databasens eneste kommune" in out


def test_a_file_no_kind_reads_is_refused_naming_the_closest(db_path, capsys, tmp_path):
    before = database_fingerprint(db_path) if db_path.exists() else None
    with use_language("da"):
        assert cli([str(FIXTURES / "activity_sensum.csv"), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "AFVIST: activity_sensum.csv blev ikke indlæst; databasen er uændret."
    assert err[1].startswith("  activity_sensum.csv: ingen slags data (ledger, activity, benchmark")
    # the closest first: the activity mapping that only lacks the municipality
    assert err[2].startswith("  activity_sensum.csv: activity med mapping 'sensum' (2 problemer)")
    assert "--kommune" in err[2] and len(err) == 5
    assert (database_fingerprint(db_path) if db_path.exists() else None) == before


def test_mapping_without_a_kind_is_a_usage_error(db_path, capsys):
    with use_language("da"):
        assert cli([str(FIXTURES / "ledger_standard.csv"), "--mapping", "standard", "--db", str(db_path)]) == 2
    assert "--mapping kræver" in capsys.readouterr().err


def test_two_kinds_that_read_a_file_equally_are_refused(db_path, capsys, tmp_path):
    """'aar;indeks' with --kommune reads as a PL index and as a socio-economic index, each with both
    columns: nothing is guessed."""
    path = tmp_path / "indeks.csv"
    path.write_text("aar;indeks\n2024;100,0\n2025;103,1\n", encoding="utf-8")
    with use_language("da"):
        assert cli([str(path), "--kommune", "999", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1] == ("  indeks.csv: filen kan læses som flere slags data (socio-index, pl-index); angiv slagsen: "
                      "python -m ingest SLAGS FIL"), err
    assert not db_path.exists()
