"""Database versions: the importer never writes a file the app may have open.

The database path (e.g. data/demo.duckdb) is a symbolic link to the current version file in
<path>.versions/. An import copies the current version to a new file, loads into the copy in one
transaction, checkpoints, closes it and swaps the link atomically (os.replace of a new link). A
rejected import deletes its copy, so the current version stays byte-for-byte as it was. The app
opens os.path.realpath(path) read-only and keys its caches on it (queries.database_version).
"""
from __future__ import annotations

import csv
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from queries import build_fingerprints, outdated_build_files, outdated_files

REPO_DIR = Path(__file__).resolve().parent.parent
SCHEMA_SQL = REPO_DIR / "queries" / "schema.sql"
# derived tables (queries/derived_<source>.sql) and the imports that make each stale
# per source kind: the SQL that materialises its derived tables; "every" runs at every import, last
DERIVED_SQL = {"activity": REPO_DIR / "queries" / "derived_activity.sql",
               "ledger": REPO_DIR / "queries" / "derived_ledger.sql",
               "every": REPO_DIR / "queries" / "derived_common.sql"}
DERIVED_TABLES = {"activity": ("activity_year", "segment_person_year", "segment_person_month", "segment_provider_month",
                               "activity_function_summary"),
                  "ledger": ("ledger_monthly",),
                  "every": ("area_function", "municipality_data_years")}
REFERENCE_DIR = REPO_DIR / "data" / "reference"
KEEP_VERSIONS = 3

# reference table -> (csv file, column list); columns as in queries/schema.sql
REFERENCE_TABLES: dict[str, tuple[str, list[str]]] = {
    "municipality": ("municipalities.csv", ["kommunekode", "kommunekode_dagi", "name", "regionskode", "region", "dst_group", "is_synthetic"]),
    "municipality_group": ("municipality_groups.csv", ["group_code", "name", "description"]),
    "kontoplan_function": ("kontoplan_functions.csv", ["function_code", "name", "area", "paragraphs", "valid_from", "valid_to", "name_verified"]),
    "function_group": ("function_groups.csv", ["group_code", "name", "function_code"]),
    "paragraph_map": ("paragraph_map.csv", ["old_paragraph", "new_paragraph", "valid_from", "note"]),
    "need_level": ("need_levels.csv", ["level_code", "ordinal", "label_da", "label_en", "ffb_kode"]),
}


def versions_dir(db_path: Path) -> Path:
    return db_path.parent / (db_path.name + ".versions")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))


def refresh_derived(con: duckdb.DuckDBPyConnection, kind: str | None, also: tuple[str, ...] = ()) -> list[str]:
    """Rebuild the materialised tables derived from `kind`'s rows (and from the kinds in `also`) and the
    small ones every import changes (queries/derived_common.sql); create any that are missing (a new
    database) and rebuild those built by another text of their SQL file (an older program, see
    build_info); other kinds' derived tables are left as they are. Records the build in build_info and
    returns the sources rebuilt."""
    existing = {r[0] for r in con.sql("select table_name from information_schema.tables").fetchall()}
    outdated = set(outdated_files(dict(con.sql("select file, sha256 from build_info").fetchall())))
    rebuilt = []
    for source, path in DERIVED_SQL.items():
        if (source in (kind, "every", *also) or path.name in outdated
                or not set(DERIVED_TABLES[source]) <= existing):
            con.execute(path.read_text(encoding="utf-8"))
            rebuilt.append(source)
    con.execute("delete from build_info")
    con.executemany("insert into build_info values (?, ?)", list(build_fingerprints().items()))
    return rebuilt


def load_reference(con: duckdb.DuckDBPyConnection, reference_dir: Path | None = None) -> None:
    """Replace the reference tables with the committed CSV files (empty cells -> null)."""
    reference_dir = REFERENCE_DIR if reference_dir is None else reference_dir
    for table, (file_name, columns) in REFERENCE_TABLES.items():
        with open(reference_dir / file_name, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = [[(r[c] if r[c] != "" else None) for c in columns] for r in reader]
        # table and column names come from REFERENCE_TABLES above, never from input
        con.execute("delete from " + table)
        placeholders = ", ".join("?" for _ in columns)
        con.executemany("insert into " + table + " (" + ", ".join(columns) + ") values (" + placeholders + ")", rows)
    comparison = [
        (f"dst_{r[5]}", int(r[0]))
        for r in con.sql("select * from municipality where dst_group is not null").fetchall()
    ]
    con.execute("delete from comparison_group")
    con.executemany("insert into comparison_group values (?, ?)", comparison)


@contextmanager
def _lock(db_path: Path) -> Iterator[None]:
    lock_path = db_path.parent / (db_path.name + ".lock")
    with open(lock_path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def new_version(db_path: Path, kind: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a new version of the database, swapped in only on success.

    The body runs inside one transaction. If it raises, the new file is removed and the current
    version is untouched; otherwise the transaction commits, the file is checkpointed and closed,
    and db_path is switched to it atomically.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with _lock(db_path):
        vdir = versions_dir(db_path)
        vdir.mkdir(exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S")
        # '_' separators: the name is stored inside the file, and '<6 digits>-<4 digits>' would look like a CPR number
        new_file = vdir / f"{db_path.stem}_{stamp}_{uuid.uuid4().hex[:8]}.duckdb"
        current = Path(os.path.realpath(db_path)) if db_path.exists() else None
        if current is not None:
            shutil.copyfile(current, new_file)
        con = duckdb.connect(str(new_file))
        con.execute("set enable_progress_bar = false")
        ok = False
        try:
            con.execute("begin transaction")
            create_schema(con)
            before = _paragraph_map_fingerprint(con)
            load_reference(con)
            # the activity tables map old paragraphs with paragraph_map: a changed map rebuilds them
            stale = ("activity",) if _paragraph_map_fingerprint(con) != before else ()
            yield con
            refresh_derived(con, kind, also=stale)
            con.execute("commit")
            con.execute("checkpoint")
            ok = True
        finally:
            if not ok:
                try:
                    con.execute("rollback")
                except duckdb.Error:
                    pass
            con.close()
            if not ok:
                new_file.unlink(missing_ok=True)
                Path(str(new_file) + ".wal").unlink(missing_ok=True)
        _swap_link(db_path, new_file)
        _prune(vdir, keep=new_file)


def rebuild_outdated(db_path: Path) -> list[str]:
    """Bring a database built by an older version of the program up to date: a new version with the current
    schema, reference tables and every derived table whose SQL file changed. Returns the files that were
    outdated; empty = the database was current, and no new version is written."""
    con = duckdb.connect(os.path.realpath(db_path), read_only=True)
    try:
        outdated = outdated_build_files(con)
    finally:
        con.close()
    if outdated:
        with new_version(Path(db_path)):
            pass
    return outdated


def _paragraph_map_fingerprint(con: duckdb.DuckDBPyConnection) -> tuple:
    """Row count and an order-independent hash of paragraph_map's rows."""
    return con.sql("select count(*), coalesce(sum(hash(p)), 0) from paragraph_map p").fetchall()[0]


def _swap_link(db_path: Path, target: Path) -> None:
    tmp = db_path.parent / f".{db_path.name}.{uuid.uuid4().hex[:8]}.tmp"
    os.symlink(os.path.relpath(target, db_path.parent), tmp)
    os.replace(tmp, db_path)


def _prune(vdir: Path, keep: Path) -> None:
    """Delete all but the newest KEEP_VERSIONS versions (an open old file stays readable on Linux)."""
    files = sorted(vdir.glob("*.duckdb"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_VERSIONS:]:
        if old != keep:
            old.unlink(missing_ok=True)
