"""The one query runner: loads named .sql files from this folder, binds parameters, returns polars.

Only this module and ingest/ touch a DuckDB connection. Values are always bound as $params, never pasted
into the query text.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import duckdb
import polars as pl

QUERY_DIR = Path(__file__).resolve().parent
REPO_DIR = QUERY_DIR.parent
DEFAULT_DB = REPO_DIR / "data" / "demo.duckdb"
# files that build the database (run by ingest.db), not questions the runner answers
DDL_FILES = frozenset({"schema", "derived_activity", "derived_ledger", "derived_common"})


def database_path() -> Path:
    """The database the app and the importer use: $DASHBOARD_DB, else the demo database."""
    return Path(os.environ.get("DASHBOARD_DB") or DEFAULT_DB)


def database_version(path: Path | str | None = None) -> str:
    """Identity of the current database version: the real path behind the (symlinked) database.

    The importer never rewrites a version in place; it writes a new file and swaps the link, so
    the real path changes with every import and serves as a cache key.
    """
    p = Path(path) if path is not None else database_path()
    real = Path(os.path.realpath(p))
    if not real.exists():
        raise FileNotFoundError(f"database not found: {p}")
    return str(real)


@lru_cache(maxsize=None)
def load_sql(name: str) -> str:
    """Text of queries/<name>.sql."""
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERY_DIR}")
    return path.read_text(encoding="utf-8")


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def connect_read_only(version: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to one database version (a real file path)."""
    return duckdb.connect(version, read_only=True, config={"threads": 2})


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict[str, object] | None = None,
) -> pl.DataFrame:
    """Run queries/<name>.sql on its own cursor with bound $params and return a polars frame.

    Only the parameters the query text names are bound (DuckDB refuses unused ones).
    """
    sql = load_sql(name)
    params = params or {}
    used = set(re.findall(r"\$(\w+)", _strip_comments(sql)))
    unknown = used - set(params)
    if unknown:
        raise KeyError(f"query {name!r} needs parameters {sorted(unknown)}")
    with con.cursor() as cur:
        return cur.sql(sql, params={k: v for k, v in params.items() if k in used}).pl()
