"""Editing the savings plan on Genopretning: the edits become a savings file (present.savings.edit_file), are
checked as an import and shown before they are saved, and every change is in the plan's history."""
from __future__ import annotations

import os
from contextlib import contextmanager

import polars as pl
import pytest

from dashboard.loaders import SavingsData
from present.savings import PLAN_COLUMNS, edit_file, history_table, plan_rows
from tests.apptools import page_file
from tests.conftest import FIXTURES, app_on


@contextmanager
def _read(db):
    """A read-only connection configured as the app's (a second configuration of the same file is refused)."""
    import queries
    con = queries.connect_read_only(os.path.realpath(db))
    try:
        yield con
    finally:
        con.close()


def _data() -> SavingsData:
    targets = pl.DataFrame({"year": [2024], "amount_dkk": [3e6]}, schema={"year": pl.Int32, "amount_dkk": pl.Float64})
    effects = pl.DataFrame({"initiative_id": ["A1", "A1", "A2"], "initiative": ["Unge", "Unge", "Kontrakter"],
                            "area": ["5.38", "5.38", None], "segment": ["tilbudstype: Botilbud", "tilbudstype: Botilbud", None],
                            "year": [2024, 2024, 2024], "kind": ["expected", "realised", "expected"],
                            "amount_dkk": [1.5e6, 1.257e6, None]},
                           schema={"initiative_id": pl.String, "initiative": pl.String, "area": pl.String,
                                   "segment": pl.String, "year": pl.Int32, "kind": pl.String, "amount_dkk": pl.Float64})
    return SavingsData(targets, effects)


def test_plan_rows_are_the_file_format():
    plan = plan_rows(_data())
    assert tuple(plan.columns) == PLAN_COLUMNS
    assert plan.select("aar", "initiativ_id", "type", "beloeb").rows() == [
        (2024, "", "maal", 3e6), (2024, "A1", "forventet", 1.5e6), (2024, "A1", "realiseret", 1.257e6),
        (2024, "A2", "forventet", None)]


def test_edit_file_has_only_the_changed_and_added_rows():
    plan = plan_rows(_data())
    text = edit_file(plan, {3: {"beloeb": 1_023_000.5}, 1: {"beloeb": 1.5e6}},    # row 1 unchanged
                     [{"aar": 2025, "initiativ_id": "", "initiativ": "", "omraade": "", "segment": "",
                       "type": "forventet", "beloeb": 700_000.0}])
    assert text.splitlines() == [";".join(PLAN_COLUMNS),
                                 "2024;A2;Kontrakter;;;forventet;1023000,50",
                                 "2025;;;;;forventet;700000,00"]
    assert edit_file(plan, {2: {"beloeb": None}}, []).splitlines()[1] == \
        "2024;A1;Unge;5.38;tilbudstype: Botilbud;realiseret;-"
    assert edit_file(plan, {}, []) is None and edit_file(plan, {0: {"beloeb": 3e6}}, []) is None


def test_the_page_checks_saves_and_records_an_edit(tmp_path, monkeypatch):
    """A figure added on the page: 'Kontrollér' previews it (nothing saved), 'Gem' saves it, and the history
    names the figure, the page edit and the user."""
    from ingest.importer import import_file

    db = tmp_path / "plan.duckdb"
    import_file("ledger", FIXTURES / "ledger_standard.csv", db)
    import_file("savings", FIXTURES / "savings_committee_negative.csv", db)
    monkeypatch.setenv("DASHBOARD_USER", "dorte")
    at = app_on(db, monkeypatch)
    at.run()
    at.switch_page(page_file("savings")).run()
    assert not at.exception, at.exception
    at.selectbox(key="savings_add_type").select("forventet")
    at.text_input(key="savings_add_id").input("A9")
    at.text_input(key="savings_add_name").input("Ny indsats")
    at.number_input(key="savings_add_year").set_value(2025)
    at.number_input(key="savings_add_amount").set_value(250_000.0)
    [b for b in at.button if "Tilføj til ændringerne" in b.label][0].click().run()
    assert not at.exception, at.exception
    at.button(key="savings_edit_check").click().run()
    assert any("nyt: A9 2025 forventet: 250.000,00 kr." in c.value for c in at.code), [c.value for c in at.code]
    with _read(db) as con:
        assert con.sql("select count(*) from savings_effect where initiative_id = 'A9'").fetchall() == [(0,)]
    at.button(key="savings_edit_save").click().run()
    assert not at.exception, at.exception
    with _read(db) as con:
        assert con.sql("select amount_dkk from savings_effect where initiative_id = 'A9'").fetchall() == [(250_000.0,)]
        history = con.sql("select file_name, kind, initiative_id, year, is_new, after_dkk from savings_change").fetchall()
    assert history == [("Rettelse på siden Genopretning (dorte)", "expected", "A9", 2025, True, 250_000.0)]
    shown = [d.value for d in at.dataframe if "Tidspunkt" in d.value.columns]
    assert shown and shown[0].iloc[0]["Tal"] == "A9 2025 forventet" and shown[0].iloc[0]["Før (kr.)"] == "nyt"
    import store      # the audit log (issue 22): the save, not the check

    with store.connect() as con:
        rows = [(e.user, e.kind, e.page, e.detail) for e in store.audit_events(con)]
    assert rows == [("dorte", "edit", "savings", "savings_plan save changed=0 added=1 status=ok")]


def test_history_table_words():
    import datetime as dt
    history = pl.DataFrame({"changed_at": [dt.datetime(2026, 12, 3, 14, 5)], "file_name": ["plan.csv"],
                            "kind": ["target"], "initiative_id": [""], "year": [2025], "is_new": [False],
                            "before_dkk": [5e6], "after_dkk": [None]},
                           schema_overrides={"after_dkk": pl.Float64})
    table = history_table(history)
    assert table.row(0) == ("03-12-2026 14:05", "plan.csv", "måltal 2025", "5.000.000", "–")


@pytest.mark.parametrize("can_edit", [False])
def test_without_the_edit_right_the_plan_is_not_editable(app, can_edit):
    from domain.access import Access
    app.session_state["_access"] = Access(user="x", can_edit=can_edit)
    app.run()
    at = app.switch_page(page_file("savings")).run()
    assert not at.exception
    assert not [b for b in at.button if b.key and b.key.startswith("savings_edit")]
    assert any("ikke rette den" in c.value for c in at.caption)
