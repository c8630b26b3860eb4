"""--dry-run: the import is done and checked in full, then thrown away; the preview changes nothing."""
from __future__ import annotations

import pytest

from i18n import use_language
from ingest.__main__ import main as cli
from ingest.importer import import_file
from ingest.report import ImportConflict, ImportRejected
from tests.conftest import FIXTURES, REPO, database_fingerprint

LEDGER = REPO / "data" / "examples" / "ledger.csv"


@pytest.fixture
def loaded_db(db_path):
    import_file("ledger", LEDGER, db_path)
    return db_path


def test_a_preview_says_what_would_be_loaded_and_replaced_and_changes_nothing(loaded_db):
    before = database_fingerprint(loaded_db)
    preview = import_file("ledger", FIXTURES / "ledger_standard.csv", loaded_db, replace=True, dry_run=True,
                          mapping_name=None)
    assert database_fingerprint(loaded_db) == before
    real = import_file("ledger", FIXTURES / "ledger_standard.csv", loaded_db, replace=True, mapping_name=None)
    # the preview is the import's own result, but nothing was stored
    assert preview.dry_run and not real.dry_run
    assert (preview.import_id, preview.mapping, preview.rows_read, preview.rows_loaded, preview.periods,
            preview.totals_by_year, preview.replaced, preview.notes) == (
        real.import_id, real.mapping, real.rows_read, real.rows_loaded, real.periods, real.totals_by_year,
        real.replaced, real.notes)
    assert preview.replaced == [(1, "ledger.csv", 7)]
    with use_language("da"):
        assert preview.summary().splitlines()[0] == (
            "Prøvekørsel, intet er gemt: ledger_standard.csv ville blive indlæst som ledger "
            "(mapping 'standard', import nr. 2)")


def test_a_preview_of_a_bad_file_lists_its_problems_and_changes_nothing(loaded_db, tmp_path):
    before = database_fingerprint(loaded_db)
    with pytest.raises(ImportConflict):
        import_file("ledger", FIXTURES / "ledger_standard.csv", loaded_db, dry_run=True)
    bad = tmp_path / "bad.csv"
    bad.write_text("kommunekode;aar;maaned;konto;art;beloebstype;beloeb\n"
                   + "999;2023;1;5.38.50.1.003;4.0;regnskab;n/a\n" * 3, encoding="utf-8")
    with pytest.raises(ImportRejected) as exc:
        import_file("ledger", bad, loaded_db, dry_run=True)
    assert exc.value.report.total == 3
    assert database_fingerprint(loaded_db) == before


def test_a_preview_into_a_new_database_leaves_no_database(db_path):
    import_file("benchmark", FIXTURES / "benchmark_statbank_bulk_2024.csv", db_path, mapping_name=None, dry_run=True)
    assert database_fingerprint(db_path) == ("absent", [])


def test_the_command_line_previews_with_dry_run(loaded_db, capsys):
    before = database_fingerprint(loaded_db)
    assert cli(["ledger", str(FIXTURES / "ledger_standard.csv"), "--db", str(loaded_db), "--replace", "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Prøvekørsel, intet er gemt: ledger_standard.csv ville blive indlæst som ledger")
    assert "  erstatter 7 rækker fra import nr. 1 (ledger.csv)" in out
    assert database_fingerprint(loaded_db) == before
