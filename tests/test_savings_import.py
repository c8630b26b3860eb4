"""The savings import's data rules on small committed files run through the real importer: both sign
conventions, "no figure yet", and a file that mixes the signs."""
from __future__ import annotations

import duckdb
import pytest

from ingest.importer import import_file
from ingest.report import ImportRejected
from tests.conftest import FIXTURES, database_fingerprint


def _stored(db_path):
    with duckdb.connect(str(db_path), read_only=True) as con:
        targets = dict(con.sql("select year, amount_dkk from savings_target").fetchall())
        effects = {(i, y, k): a for i, y, k, a in
                   con.sql("select initiative_id, year, kind, amount_dkk from savings_effect").fetchall()}
    return targets, effects


def test_reductions_written_negative_are_stored_positive_and_no_figure_yet_is_null(db_path):
    import_file("savings", FIXTURES / "savings_committee_negative.csv", db_path)
    targets, effects = _stored(db_path)
    assert targets == {2024: 3_000_000.0, 2025: 5_000_000.0}
    assert effects == {("A1", 2024, "expected"): 1_500_000.0, ("A1", 2024, "realised"): 1_257_000.0,
                       ("A2", 2024, "expected"): 1_023_000.0, ("A2", 2024, "realised"): None,
                       ("A1", 2025, "expected"): None}


def test_reductions_written_positive_are_stored_as_they_are(db_path, tmp_path):
    path = tmp_path / "besparelser.csv"
    text = (FIXTURES / "savings_committee_negative.csv").read_text(encoding="utf-8").replace(";-", ";")
    path.write_text(text.replace(";\n", ";-\n", 1), encoding="utf-8")
    import_file("savings", path, db_path)
    targets, effects = _stored(db_path)
    assert targets == {2024: 3_000_000.0, 2025: 5_000_000.0}
    assert effects[("A1", 2024, "realised")] == 1_257_000.0
    assert effects[("A2", 2024, "realised")] is None and effects[("A1", 2025, "expected")] is None


def test_a_file_mixing_the_signs_is_rejected_with_the_rows_named(db_path):
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    before = database_fingerprint(db_path)
    with pytest.raises(ImportRejected) as caught:
        import_file("savings", FIXTURES / "savings_mixed_signs.csv", db_path)
    text = "\n".join(caught.value.report.lines())
    assert "række 3" in text and "række 5" in text and "række 4" not in text, text
    assert text.count("negativt beløb") == 2, text
    assert database_fingerprint(db_path) == before


def test_a_year_whose_target_has_no_figure_yet_has_no_known_total(db_path, tmp_path):
    """The import's totals per year: the known targets summed; a year with a target of "no figure yet" is
    None and shown as '–', never as 0."""
    path = tmp_path / "besparelser.csv"
    text = (FIXTURES / "savings_committee_negative.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("2025;;;;maal;-5.000.000", "2025;;;;maal;-"), encoding="utf-8")
    result = import_file("savings", path, db_path)
    assert result.totals_by_year == {2024: 3_000_000.0, 2025: None}
    lines = result.summary().splitlines()
    assert "  2024: 3.000.000,00" in lines and "  2025: –" in lines


def test_an_initiative_names_its_segment(db_path):
    """The optional segment column: '<word>: <value>', the word in any case, stored once per initiative as
    'word: value'; an initiative without one has none."""
    import_file("savings", FIXTURES / "savings_segments.csv", db_path)
    with duckdb.connect(str(db_path), read_only=True) as con:
        stored = dict(con.sql("select initiative_id, segment from savings_initiative").fetchall())
    assert stored == {"A1": "tilbudstype: Botilbud", "A2": None}


@pytest.mark.parametrize("row, cell, expected", [
    ("2024;;;;maal;-3.000.000;funktion: 5.38.50", "funktion: 5.38.50", "intet segment på en målrække"),
    ("2024;A3;X;5.38;forventet;-1;skostørrelse: 42", "skostørrelse: 42", "et segment skrevet som 'ord: værdi'"),
    ("2024;A3;X;5.38;forventet;-1;tilbudstype", "tilbudstype", "et segment skrevet som 'ord: værdi'"),
    ("2024;A1;Ungeindsats i eget regi;5.38;forventet;-1;paragraf: SEL § 85", "paragraf: SEL § 85",
     "samme segment som initiativets andre rækker (tilbudstype: Botilbud)"),
])
def test_a_bad_segment_is_rejected_with_its_row_and_nothing_changes(db_path, tmp_path, row, cell, expected):
    path = tmp_path / "besparelser.csv"
    path.write_text((FIXTURES / "savings_segments.csv").read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    before = database_fingerprint(db_path)
    with pytest.raises(ImportRejected) as caught:
        import_file("savings", path, db_path)
    text = "\n".join(caught.value.report.lines())
    assert "række 6" in text and cell in text and expected in text, text
    assert database_fingerprint(db_path) == before


def test_an_expected_effect_without_initiative_is_not_yet_assigned(db_path, tmp_path):
    """A 'forventet' row without id and name is kept as expected but not yet assigned (id ''), never dropped;
    a realised row without an initiative is still rejected."""
    from domain.codes import UNASSIGNED_INITIATIVE
    import_file("savings", FIXTURES / "savings_unassigned.csv", db_path)
    targets, effects = _stored(db_path)
    assert effects[(UNASSIGNED_INITIATIVE, 2024, "expected")] == 700_000.0
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert [r[0] for r in con.sql("select initiative_id from savings_initiative").fetchall()] == ["A1"]
    bad = tmp_path / "besparelser.csv"
    bad.write_text((FIXTURES / "savings_unassigned.csv").read_text(encoding="utf-8") + "2024;;;;realiseret;-1\n",
                   encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_file("savings", bad, tmp_path / "other.duckdb")
    assert "række 5" in "\n".join(caught.value.report.lines())


def test_a_revised_plan_says_what_it_changes_against_the_stored_one(db_path, tmp_path):
    """Re-importing the plan (replace): the summary (and the dry run before it) names each figure it changes or
    adds, in the file's sign convention turned to kr.; a figure the file does not give stays stored."""
    import_file("savings", FIXTURES / "savings_committee_negative.csv", db_path)
    revised = tmp_path / "besparelser_rettet.csv"
    text = (FIXTURES / "savings_committee_negative.csv").read_text(encoding="utf-8")
    text = text.replace("2024;A2;Standardkontrakter;5.38;realiseret;-", "2024;A2;Standardkontrakter;5.38;realiseret;-990.000")
    text = text.replace("2025;A1;Ungeindsats i eget regi;5.38;forventet;\n", "")
    revised.write_text(text + "2025;A3;Ny indsats;5.38;forventet;-250.000\n", encoding="utf-8")
    before = database_fingerprint(db_path)
    preview = import_file("savings", revised, db_path, replace=True, dry_run=True)
    assert database_fingerprint(db_path) == before
    result = import_file("savings", revised, db_path, replace=True)
    for notes in (preview.notes, result.notes):
        text = "\n".join(notes)
        assert "1 tal ændret, 1 nye" in text, text
        assert "ændret: A2 2024 realiseret: – -> 990.000,00 kr." in text and "nyt: A3 2025 forventet: 250.000,00 kr." in text
    _, effects = _stored(db_path)
    assert effects[("A2", 2024, "realised")] == 990_000.0 and effects[("A3", 2025, "expected")] == 250_000.0
    assert ("A1", 2025, "expected") in effects       # not in the revised file: kept


def test_a_revised_plan_renames_an_initiative(db_path, tmp_path):
    """The initiative's name, area and segment are the latest import's (a page edit renames it)."""
    import queries
    import_file("savings", FIXTURES / "savings_segments.csv", db_path)
    revised = tmp_path / "rettet.csv"
    revised.write_text("aar;initiativ_id;initiativ;omraade;type;beloeb;segment\n"
                       "2024;A1;Ungeindsats, nyt navn;5.38;forventet;-1.400.000;tilbudstype: Botilbud\n", encoding="utf-8")
    import_file("savings", revised, db_path, replace=True)
    con = queries.connect_read_only(str(db_path))
    try:
        names = dict(queries.run(con, "savings_effects", {}).select("initiative_id", "initiative").unique().rows())
    finally:
        con.close()
    assert names == {"A1": "Ungeindsats, nyt navn", "A2": "Standardkontrakter"}


@pytest.mark.parametrize("convention", ["negative", "positive"])
def test_a_cost_is_written_with_the_opposite_sign_and_stored_positive(db_path, tmp_path, convention):
    """Reductions negative: a cost is positive; reductions positive: a cost is negative. Stored: both positive.
    A cost with the reductions' sign is rejected with its row."""
    flip = (lambda a: a) if convention == "negative" else (lambda a: a[1:] if a.startswith("-") else "-" + a)
    lines = ["aar;initiativ_id;initiativ;omraade;type;beloeb", f"2024;;;;maal;{flip('-3.000.000')}",
             f"2024;A1;Unge;5.38;forventet;{flip('-1.500.000')}", f"2024;A1;Unge;5.38;omkostning;{flip('200.000')}"]
    path = tmp_path / "plan.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_file("savings", path, db_path)
    _, effects = _stored(db_path)
    assert effects[("A1", 2024, "cost")] == 200_000.0 and effects[("A1", 2024, "expected")] == 1_500_000.0
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines[:3] + [f"2024;A1;Unge;5.38;omkostning;{flip('-200.000')}"]) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_file("savings", bad, tmp_path / "other.duckdb")
    text = "\n".join(caught.value.report.lines())
    assert "række 4" in text and "omkostning" in text, text
