"""The database connection and cached queries of every page, and the checks that the current database
version may be served.

Cached query results hold data only (no labels), so they are shared by sessions in either language. They are
shared as the same objects (st.cache_resource, not st.cache_data): polars frames are never changed in place,
and a run that copied every result it reads (st.cache_data unpickles a copy per call) spent milliseconds per
large frame on every rerun (issue 12)."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

import queries
from present.formatting import md_literal
from i18n import t


@st.cache_resource(max_entries=2, show_spinner=False, on_release=lambda con: con.close())
def _connection(version: str):
    return queries.connect_read_only(version)


def db_version() -> str | None:
    """The current database version (real file path), or None when no database exists or it cannot be
    served (db_problem says why)."""
    try:
        version = queries.database_version()
    except FileNotFoundError:
        return None
    return None if _version_problem(version) else version


@st.cache_resource(show_spinner=False)
def _first_seen() -> dict[str, tuple[int, int, int]]:
    """Version file -> (inode, size, mtime) when this process first served it (versions never change)."""
    return {}


def _identity(path: str) -> tuple[int, int, int]:
    info = os.stat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns


def _version_problem(version: str) -> bool:
    """True when the version file changed since the app first served it: the importer never changes a
    version in place, so it was damaged or altered, and cached figures from it must not be shown."""
    try:
        identity = _identity(version)
    except OSError:
        return True
    return _first_seen().setdefault(version, identity) != identity


def db_problem() -> str | None:
    """Why the database cannot be served, in words (None: it can, or there is none): the link points at a
    missing version, or the version file changed after it was written."""
    path = queries.database_path()
    if os.path.islink(path) and not path.exists():
        return t("status.database_dangling", path=md_literal(path), target=md_literal(os.readlink(path)))
    try:
        version = queries.database_version(path)
    except FileNotFoundError:
        return None
    if _version_problem(version):
        return t("status.database_changed", version=md_literal(Path(version).name), path=md_literal(path))
    return None


def unreadable(exc: Exception) -> None:
    """Say that the current version cannot be read (instead of a traceback) and stop the page."""
    version = queries.database_version() if queries.database_path().exists() else str(queries.database_path())
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    st.error(t("status.database_unreadable", version=md_literal(Path(version).name), error=md_literal(first),
               path=md_literal(queries.database_path())))
    st.stop()


@st.cache_data(max_entries=4, show_spinner=False)
def _outdated_build(version: str) -> list[str]:
    return queries.outdated_build_files(_connection(version))


def outdated_build(version: str) -> list[str]:
    """The build files whose derived tables in ``version`` are out of date (empty: none); a version DuckDB
    cannot read stops the page with a message."""
    try:
        return _outdated_build(version)
    except duckdb.Error as exc:
        unreadable(exc)
        raise


@st.cache_resource(max_entries=512, show_spinner=False)
def _cached(version: str, name: str, params: tuple) -> pl.DataFrame:
    return queries.run(_connection(version), name, dict(params))


def query(name: str, params: dict | None = None) -> pl.DataFrame:
    """Run a named query on the current database version, cached on (version, name, params); a version
    DuckDB cannot read stops the page with a message."""
    version = db_version()
    if version is None:
        raise FileNotFoundError(str(queries.database_path()))
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (params or {}).items()))
    thawed = tuple((k, list(v) if isinstance(v, tuple) else v) for k, v in frozen)
    try:
        return _cached(version, name, thawed)
    except duckdb.Error as exc:
        unreadable(exc)
        raise
