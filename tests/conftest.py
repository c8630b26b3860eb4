"""Shared fixtures: a temporary pseudonym key and empty database paths for importer tests."""
from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def _pseudonym_key(tmp_path_factory, monkeypatch):
    key_dir = tmp_path_factory.mktemp("secret")
    monkeypatch.setenv("DASHBOARD_PSEUDONYM_KEY", str(key_dir / "pseudonym.key"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


def database_fingerprint(db_path: Path) -> tuple:
    """What must not change when a file is rejected: the link target, its bytes, the version files."""
    if not db_path.exists():
        return ("absent", sorted(p.name for p in db_path.parent.glob("*.versions/*")))
    real = Path(os.path.realpath(db_path))
    return (os.readlink(db_path), hashlib.sha256(real.read_bytes()).hexdigest(),
            sorted(p.name for p in db_path.parent.glob("*.versions/*")))


TEST_DEMO_DB = REPO / "data" / "test-demo.duckdb"


def built_for(db: Path):
    """The data date of a demo database built by the current program, else None (no such database, or
    one built by older schema or derived SQL: tests then build their own instead of failing on it)."""
    import duckdb

    import queries

    if not db.exists():
        return None
    with duckdb.connect(os.path.realpath(db), read_only=True) as con:
        if queries.outdated_build_files(con):
            return None
        rows = con.sql("select data_date from activity_data_date").fetchall()
    return rows[0][0] if rows else None


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo database for a fixed extraction date (tests.fixed_demo.FIXED_AS_OF), so every test sees the
    same picture on any day: $DASHBOARD_TEST_DB or data/test-demo.duckdb (make test builds it) when it was
    built for that date, else a fresh one generated and imported into a temporary folder (slower, but
    pytest alone still works). Never the `make run` demo, whose extraction date is the day it was built."""
    from tests.fixed_demo import FIXED_AS_OF, build

    env = os.environ.get("DASHBOARD_TEST_DB")
    for candidate in ([Path(env)] if env else []) + [TEST_DEMO_DB]:
        if built_for(candidate) == FIXED_AS_OF:
            return candidate
    out = tmp_path_factory.mktemp("demo")
    return build(out, out / "demo.duckdb")


@pytest.fixture(scope="session")
def demo_exports(demo_db) -> Path:
    """The folder of demo export files behind demo_db (with the generator's totals.json)."""
    sibling = demo_db.with_suffix("")          # data/test-demo.duckdb -> data/test-demo/
    return sibling if (sibling / "totals.json").exists() else demo_db.parent


#: the app sessions' user databases (made before any test patches tempfile)
USER_DB_ROOT = Path(tempfile.mkdtemp(prefix="user-db-"))


def app_on(db: Path, monkeypatch):
    """A new app session (AppTest) on the database `db`, with the process-wide caches emptied first (they
    hold read-only connections to other databases that this session would conflict with). Every polars UDF
    entry point raises for the rest of the test (tests/udf_guard.py), so no page may run one."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.udf_guard import ban_udfs

    ban_udfs(monkeypatch)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    # what the session saves (views, annotations) goes to a file of its own, never beside the shared demo
    monkeypatch.setenv("DASHBOARD_USER_DB", str(USER_DB_ROOT / f"{uuid.uuid4().hex}.sqlite"))
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=120)


@pytest.fixture
def app(demo_db, monkeypatch):
    """A new app session on the demo database; the process-wide caches are emptied again afterwards."""
    import streamlit as st

    yield app_on(demo_db, monkeypatch)
    st.cache_data.clear()
    st.cache_resource.clear()


def activity_fixture_db(tmp_path_factory, fixture: str):
    """A read-only connection to a database holding only the activity fixture ``fixture`` of municipality 999,
    extracted 31-12-2025, imported with a pseudonym key of its own (the process's key setting is restored)."""
    import datetime as dt

    import duckdb

    from ingest.importer import import_file

    key = tmp_path_factory.mktemp("key") / "pseudonym.key"
    old = os.environ.get("DASHBOARD_PSEUDONYM_KEY")
    os.environ["DASHBOARD_PSEUDONYM_KEY"] = str(key)
    try:
        db = tmp_path_factory.mktemp(Path(fixture).stem) / "fixture.duckdb"
        import_file("activity", FIXTURES / fixture, db, kommunekode=999, data_date=dt.date(2025, 12, 31))
    finally:
        if old is None:
            os.environ.pop("DASHBOARD_PSEUDONYM_KEY")
        else:
            os.environ["DASHBOARD_PSEUDONYM_KEY"] = old
    return duckdb.connect(os.path.realpath(db), read_only=True)
