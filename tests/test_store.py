"""store/: the user database beside the DuckDB file: schema version and migrations, saved views (save, list,
reorder, delete) and annotations round-trip, who and when on every row, a temp file per test."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

import settings
import store


@pytest.fixture
def path(tmp_path):
    return tmp_path / "user.sqlite"


def test_a_new_file_gets_the_current_schema_and_wal(path):
    assert not store.exists(path)                        # nothing saved yet: no file
    with store.connect(path) as con:
        assert con.execute("pragma user_version").fetchone()[0] == store.SCHEMA_VERSION
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
    assert {"saved_view", "annotation"} <= tables
    with store.connect(path) as con:                    # opening again migrates nothing
        assert store.migrate(con) == store.SCHEMA_VERSION


def test_a_file_from_a_newer_program_is_refused(path):
    con = sqlite3.connect(path)
    con.execute(f"pragma user_version = {store.SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(RuntimeError, match="newer"):
        with store.connect(path):
            pass


def test_saved_views_round_trip_reorder_and_delete(path):
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    with store.connect(path) as con:
        a = store.save_view(con, " Budget 2026 ", "trend", "omraade=5.38&priser=faste-2024", "til BUV", user="anna")
        b = store.save_view(con, "Dyre sager", "cases", "aar=2025", user="bo")
        c = store.save_view(con, "Sammenligning", "comparison", "", user="anna")
    with store.connect(path) as con:
        got = store.views(con)
        assert [(v.id, v.name, v.page, v.query, v.comment, v.position) for v in got] == [
            (a, "Budget 2026", "trend", "omraade=5.38&priser=faste-2024", "til BUV", 1),
            (b, "Dyre sager", "cases", "aar=2025", "", 2), (c, "Sammenligning", "comparison", "", "", 3)]
        assert [v.created_by for v in got] == ["anna", "bo", "anna"]
        when = dt.datetime.fromisoformat(got[0].created_at)
        assert when.tzinfo is not None and when.utcoffset() == dt.timedelta(0) and when >= before
        store.move_view(con, c, -1, user="bo")
        assert [v.id for v in store.views(con)] == [a, c, b]
        store.move_view(con, c, -5, user="bo")           # past the start: first
        assert [v.id for v in store.views(con)] == [c, a, b]
        assert [v.position for v in store.views(con)] == [1, 2, 3]
        assert store.view(con, c).updated_by == "bo"
        store.move_view(con, a, 1)
        assert [v.id for v in store.views(con)] == [c, b, a]
        store.delete_view(con, b)
        assert [v.id for v in store.views(con)] == [c, a] and store.view(con, b) is None
        with pytest.raises(sqlite3.IntegrityError):
            store.save_view(con, "   ", "trend", "")


def test_annotations_round_trip_by_area(path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_USER", "carl")
    with store.connect(path) as con:
        x = store.add_annotation(con, "5.38", 2025, "Ny § 108-leverandør fra marts")
        y = store.add_annotation(con, "5.38", 2023, "Takstomlægning")
        z = store.add_annotation(con, "5.28", 2024, "Anden sag")
        assert [(n.id, n.year, n.text, n.created_by) for n in store.annotations(con, "5.38")] == [
            (y, 2023, "Takstomlægning", "carl"), (x, 2025, "Ny § 108-leverandør fra marts", "carl")]
        assert [n.id for n in store.annotations(con)] == [z, y, x]
        store.delete_annotation(con, y)
        assert [n.id for n in store.annotations(con, "5.38")] == [x]


def test_the_user_database_lives_beside_the_database_unless_set(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_USER_DB", raising=False)
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "kommune.duckdb"))
    assert settings.user_db_path() == tmp_path / "kommune.user.sqlite"
    monkeypatch.setenv("DASHBOARD_USER_DB", str(tmp_path / "x.sqlite"))
    assert settings.user_db_path() == tmp_path / "x.sqlite"
    monkeypatch.setenv("DASHBOARD_USER", "dorte")
    assert settings.user_name() == "dorte"
