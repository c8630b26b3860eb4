"""The one query runner: loads named .sql files from this folder, binds parameters, returns polars.

A question is a file <page>_<question>.sql (page = overview, trend, decomposition, comparison, data, or sidebar
for the shell's sidebar), with a header stating purpose, grain, params, units and its result columns
(`-- columns:`, held to the result by tests/test_queries.py). $from_year/$to_year always mean a range of years;
the decomposition's two years are $base_year and $comparison_year. queries/build/ holds the files that build
the database (run by ingest.db), not questions.

Only this module and ingest/ touch a DuckDB connection. Values are always bound as $params, never pasted
into the query text.
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

import duckdb
import polars as pl

import settings

QUERY_DIR = settings.QUERY_DIR
REPO_DIR = settings.REPO_DIR
DEFAULT_DB = settings.DEMO_DB
# the files that build the database (run by ingest.db in its BUILD_ORDER), not questions the runner answers
BUILD_DIR = QUERY_DIR / "build"


def database_path() -> Path:
    """The database the app and the importer use: $DASHBOARD_DB, else the demo database."""
    return settings.database_path()


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


def declared_columns(name: str) -> list[str]:
    """The result columns queries/<name>.sql declares in its header: the names of its `-- columns:` line (and
    the comment lines continuing it), each followed by its unit in parentheses."""
    lines = load_sql(name).splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("-- columns:")), None)
    if start is None:
        raise KeyError(f"query {name!r} declares no '-- columns:'")
    parts = [lines[start].removeprefix("-- columns:")]
    for line in lines[start + 1:]:
        if not re.match(r"--\s{2,}\S", line):
            break
        parts.append(line[2:])
    return [c.strip() for c in re.sub(r"\([^)]*\)", "", " ".join(parts)).split(",")]


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


@lru_cache(maxsize=None)
def build_fingerprints() -> dict[str, str]:
    """SHA-256 of each file that builds a database (every .sql file in queries/build/), keyed by file name:
    what a current database records in its build_info table."""
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(BUILD_DIR.glob("*.sql"))}


def outdated_files(built_with: dict[str, str]) -> list[str]:
    """The building files whose current text differs from what a database recorded as built_with
    (file -> SHA-256, its build_info rows). Empty = the database is current."""
    return [f for f, sha in build_fingerprints().items() if built_with.get(f) != sha]


def outdated_build_files(con: duckdb.DuckDBPyConnection) -> list[str]:
    """outdated_files of the database behind `con`; all of them when it has no build_info table (built
    before the table existed)."""
    with con.cursor() as cur:
        has_table = cur.sql("select count(*) from information_schema.tables where table_name = 'build_info'"
                            ).fetchall()[0][0]
        built_with = dict(cur.sql("select file, sha256 from build_info").fetchall()) if has_table else {}
    return outdated_files(built_with)


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
