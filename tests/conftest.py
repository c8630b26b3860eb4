"""Shared fixtures: a temporary pseudonym key and empty database paths for importer tests."""
from __future__ import annotations

import hashlib
import os
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


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo database: $DASHBOARD_DB or data/demo.duckdb when present (make test builds it), else a
    fresh one generated and imported into a temporary folder (slower, but pytest alone still works)."""
    env = os.environ.get("DASHBOARD_DB")
    for candidate in ([Path(env)] if env else []) + [REPO / "data" / "demo.duckdb"]:
        if candidate.exists():
            return candidate
    from ingest.demo import load_demo
    from synth.demo import write_demo

    out = tmp_path_factory.mktemp("demo")
    write_demo(out)
    db = out / "demo.duckdb"
    load_demo(out, db)
    return db


@pytest.fixture(scope="session")
def demo_exports(demo_db) -> Path:
    """The folder of demo export files behind demo_db (with the generator's totals.json)."""
    if demo_db.resolve() == (REPO / "data" / "demo.duckdb").resolve():
        return REPO / "data" / "demo"
    return demo_db.parent


def app_on(db: Path, monkeypatch):
    """A new app session (AppTest) on the database `db`, with the process-wide caches emptied first (they
    hold read-only connections to other databases that this session would conflict with)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_DB", str(db))
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
