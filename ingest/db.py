"""Database versions: the importer never writes a file the app may have open.

The database path (e.g. data/demo.duckdb) is a symbolic link to the current version file in
<path>.versions/. An import copies the current version to a new file, loads into the copy in one
transaction, checkpoints, closes it and swaps the link atomically (os.replace of a new link). A
rejected import deletes its copy, so the current version stays byte-for-byte as it was. The app
opens os.path.realpath(path) read-only and keys its caches on it (queries.database_version).

A version is written as <name>.partial and renamed to <name>.duckdb only once it is complete (committed,
checkpointed and closed): a *.duckdb file in the versions folder is a complete version. An import that
dies on the way (kill -9, power cut) leaves a .partial file (and its .wal and spill folder); the next
import, holding the lock, removes them, and pruning counts only complete versions, so such leftovers
never push out a good older version. Faults end in one clear message and exit code: a current version
DuckDB cannot read (DatabaseProblem), a link to a version that does not exist (DatabaseProblem; never a
new empty database), too little disk for the copy or a write that fails for lack of room (DiskFull), and
an import beyond its memory limit (OutOfMemory).
"""
from __future__ import annotations

import csv
import errno
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

import queries
from ingest.report import DatabaseProblem, DiskFull, OutOfMemory
from queries import build_fingerprints, outdated_build_files, outdated_files

REPO_DIR = Path(__file__).resolve().parent.parent
BUILD_DIR = queries.BUILD_DIR
# The build order of queries/build/ (every file there is listed once; tests/test_db_build.py holds it to the
# folder). Every version, when created or copied, runs SCHEMA_FILES (tables, then the macros the derived files
# call). The derived files per source kind follow at import, kind by kind in this order and each kind's files
# in theirs; "every" runs at every import, last (the sidebar's tables read the others).
SCHEMA_FILES = ("schema.sql", "macros.sql")
DERIVED_FILES = {"activity": ("activity_month.sql", "activity_year.sql", "segment_person_year.sql",
                              "segment_month.sql", "activity_function_summary.sql", "citizen_year.sql",
                              "provider_year.sql", "flow_month.sql", "case_year.sql"),
                 "ledger": ("ledger_monthly.sql",),
                 "every": ("sidebar.sql",)}
BUILD_ORDER = SCHEMA_FILES + tuple(f for files in DERIVED_FILES.values() for f in files)
# the views and tables each kind's files create: a missing one (a new database) rebuilds the kind
DERIVED_TABLES = {"activity": ("activity_data_date", "activity_month", "activity_month_segments", "activity_year",
                               "segment_person_year", "segment_person_month", "segment_provider_month",
                               "activity_function_summary", "citizen_function_year",
                               "provider_offer_year", "measure_flow_month", "case_function_year"),
                  "ledger": ("ledger_monthly",),
                  "every": ("area_function", "municipality_data_years")}
REFERENCE_DIR = REPO_DIR / "data" / "reference"
KEEP_VERSIONS = 3
PARTIAL = ".partial"          # a version being written (renamed to .duckdb when complete)
SPILL = ".spill"              # DuckDB's temporary folder of a version being written
# room for the copy of the current version: its size plus this share plus a fixed margin
SPACE_SHARE, SPACE_MARGIN = 0.1, 64 * 1024 * 1024
NO_SPACE = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)

# reference table -> (csv file, column list); columns as in queries/build/schema.sql
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


def _run_build_file(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute((BUILD_DIR / name).read_text(encoding="utf-8"))


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The tables and macros (SCHEMA_FILES, in order); idempotent."""
    for name in SCHEMA_FILES:
        _run_build_file(con, name)


def refresh_derived(con: duckdb.DuckDBPyConnection, kind: str | None, also: tuple[str, ...] = ()) -> list[str]:
    """Rebuild the materialised tables derived from `kind`'s rows (and from the kinds in `also`) and the
    small ones every import changes (queries/build/sidebar.sql); create any that are missing (a new
    database) and rebuild those built by another text of one of their files, or of macros.sql, which they
    call (an older program, see build_info); other kinds' derived tables are left as they are. Runs the
    files in DERIVED_FILES order, records the build in build_info and returns the kinds rebuilt."""
    existing = {r[0] for r in con.sql("select table_name from information_schema.tables").fetchall()}
    outdated = set(outdated_files(dict(con.sql("select file, sha256 from build_info").fetchall())))
    rebuilt = []
    for source, files in DERIVED_FILES.items():
        if (source in (kind, "every", *also) or outdated & {*files, "macros.sql"}
                or not set(DERIVED_TABLES[source]) <= existing):
            for name in files:
                _run_build_file(con, name)
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


def current_version(db_path: Path) -> Path | None:
    """The version file db_path points at; None for a database not created yet. A link to a file that
    does not exist raises DatabaseProblem: starting a new, almost empty database there would silently
    drop everything imported."""
    if os.path.islink(db_path):
        target = Path(os.path.realpath(db_path))
        if not target.exists():
            raise DatabaseProblem(
                f"databasen {db_path} peger på {os.readlink(db_path)}, som ikke findes; intet er indlæst. Vælg en "
                f"anden version med: python -m ingest versioner --db {db_path} --brug NAVN (se listen med "
                f"python -m ingest versioner --db {db_path}), eller slet {db_path} for at begynde på en tom database")
        return target
    return db_path if db_path.exists() else None


def version_stem(db_path: Path, stamp: str, token: str) -> str:
    """The name of a new version file without its suffix: <database>_<YYYYMMDDTHHMMSS>_v<token>. The name is
    shown in messages, which mask anything that looks like a CPR number; the 'v' keeps a time such as 21:04:49
    and a token starting with digits ('210449_7827...') from reading as one."""
    return f"{db_path.stem}_{stamp}_v{token}"


def complete_versions(db_path: Path) -> list[Path]:
    """The complete versions of the database, newest first."""
    vdir = versions_dir(Path(db_path))
    return sorted(vdir.glob("*.duckdb"), key=lambda p: p.stat().st_mtime, reverse=True) if vdir.is_dir() else []


def _remove_leftovers(vdir: Path, db_path: Path) -> None:
    """Files of imports that died on the way (the caller holds the lock, so none is running): partial
    versions, their WAL and spill folders, and temporary links next to the database."""
    for p in vdir.iterdir():
        if p.name.endswith((PARTIAL, PARTIAL + ".wal", SPILL)) or (p.name.endswith(".duckdb.wal")
                                                                   and not p.with_suffix("").exists()):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    for p in db_path.parent.glob(f".{db_path.name}.*.tmp"):
        p.unlink(missing_ok=True)


def _check_space(vdir: Path, current: Path) -> None:
    """Refuse before copying when the disk cannot hold the copy (and some room for the new rows)."""
    size = current.stat().st_size
    needed = int(size * (1 + SPACE_SHARE)) + SPACE_MARGIN
    free = shutil.disk_usage(vdir).free
    if free < needed:
        raise DiskFull(f"der er {free / 2**20:,.0f} MB ledigt på disken med {vdir}, og en ny version af databasen "
                       f"kræver mindst {needed / 2**20:,.0f} MB (en kopi af den nuværende på {size / 2**20:,.0f} MB "
                       "plus plads til de nye rækker); frigør plads og prøv igen. Databasen er uændret"
                       .replace(",", "."))


def _disk_full(exc: BaseException) -> bool:
    text = str(exc)
    return (isinstance(exc, OSError) and exc.errno in NO_SPACE) or any(
        s in text for s in ("No space left", "File too large", "Disk quota exceeded"))


def _unreadable(exc: BaseException) -> bool:
    text = str(exc)
    return isinstance(exc, duckdb.SerializationException) or any(
        s in text for s in ("Corrupt database file", "checksum", "not a valid DuckDB database file",
                            "database file with version number", "Could not read enough bytes"))


def _fault(exc: BaseException, current: Path | None, db_path: Path, copy: Path | None = None) -> BaseException | None:
    """The clear message for a failure of the database, the disk or the memory (None: not one of those);
    copy: the new version's file, named as the current version it was copied from in the message."""
    if _disk_full(exc):
        return DiskFull(f"der er ikke plads på disken til den nye version af databasen ({_first_line(exc)}); "
                        "frigør plads og prøv igen. Databasen er uændret, og den halve kopi er slettet")
    if isinstance(exc, (MemoryError, duckdb.OutOfMemoryException)):
        return OutOfMemory(f"indlæsningen brugte mere hukommelse, end den må ({_first_line(exc)}); del filen op, "
                           "eller hæv grænsen i data/reference/import_limits.toml. Databasen er uændret")
    if current is not None and isinstance(exc, duckdb.Error) and _unreadable(exc):
        return DatabaseProblem(
            f"den nuværende version af databasen ({current.name}) kan ikke læses ("
            f"{_first_line(exc).replace(str(copy), str(current)).rstrip('.!')}). Den er ikke "
            f"ændret. Se de andre versioner med: python -m ingest versioner --db {db_path}, og vælg en, der kan "
            f"læses, med --brug NAVN")
    return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


@contextmanager
def new_version(db_path: Path, kind: str | None = None, progress: Callable[..., None] | None = None,
                memory_limit_mb: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a new version of the database, swapped in only on success.

    The body runs inside one transaction. If it raises, the new file is removed and the current
    version is untouched; otherwise the transaction commits, the file is checkpointed, closed and renamed
    complete, and db_path is switched to it atomically. A failure of the disk, the memory or the current
    version raises DiskFull, OutOfMemory or DatabaseProblem (see the module docstring). progress("derive")
    and progress("swap") say when the derived tables are rebuilt and the version is switched;
    memory_limit_mb sets DuckDB's memory limit (it spills to the version's spill folder below it).
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    progress = progress or (lambda *a, **k: None)
    with _lock(db_path):
        vdir = versions_dir(db_path)
        vdir.mkdir(exist_ok=True)
        _remove_leftovers(vdir, db_path)
        current = current_version(db_path)
        stem = version_stem(db_path, time.strftime("%Y%m%dT%H%M%S"), uuid.uuid4().hex[:8])
        partial, new_file, spill = vdir / (stem + PARTIAL), vdir / (stem + ".duckdb"), vdir / (stem + SPILL)
        con = None
        ok = False
        try:
            if current is not None:
                _check_space(vdir, current)
                shutil.copyfile(current, partial)
            config = {"temp_directory": str(spill)}
            if memory_limit_mb:
                config["memory_limit"] = f"{memory_limit_mb}MB"
            con = duckdb.connect(str(partial), config=config)
            con.execute("set enable_progress_bar = false")
            con.execute("begin transaction")
            create_schema(con)
            before = _paragraph_map_fingerprint(con)
            load_reference(con)
            # the activity tables map old paragraphs with paragraph_map: a changed map rebuilds them
            stale = ("activity",) if _paragraph_map_fingerprint(con) != before else ()
            yield con
            progress("derive")
            refresh_derived(con, kind, also=stale)
            con.execute("commit")
            con.execute("checkpoint")
            con.close()
            os.replace(partial, new_file)
            ok = True
        except (duckdb.Error, OSError, MemoryError) as exc:
            fault = _fault(exc, current, db_path, partial)
            if fault is None:
                raise
            raise fault from exc
        finally:
            if not ok:
                if con is not None:
                    try:
                        con.execute("rollback")
                    except duckdb.Error:
                        pass
                    try:
                        con.close()
                    except duckdb.Error:
                        pass
                for leftover in (partial, Path(str(partial) + ".wal")):
                    leftover.unlink(missing_ok=True)
            shutil.rmtree(spill, ignore_errors=True)
        progress("swap")
        _swap_link(db_path, new_file)
        _prune(vdir, keep=new_file, current=current)


def restart(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back what the body of new_version did so far and start its transaction again (schema and
    reference tables as at its start): for a body that must begin anew after an error that aborted the
    transaction (ingest.fast_ledger.QuotedLineBreaks)."""
    con.execute("rollback")
    con.execute("begin transaction")
    create_schema(con)
    load_reference(con)


def own_municipalities(db_path: Path) -> list[tuple[int, str]]:
    """The municipalities whose own data (ledger or activity) the database holds, as (code, name), by
    code; empty for a database not created yet. A database of one municipality lets files without a
    municipality column load into it (ingest.importer)."""
    current = current_version(Path(db_path))
    if current is None:
        return []
    try:
        con = duckdb.connect(str(current), read_only=True)
    except duckdb.Error as exc:
        fault = _fault(exc, current, Path(db_path))
        if fault is None:
            raise
        raise fault from exc
    try:
        return [(int(code), name) for code, name in con.sql(
            "with own as (select distinct kommunekode from ledger union select distinct kommunekode from activity) "
            "select own.kommunekode, coalesce(m.name, own.kommunekode::varchar) from own "
            "left join municipality m using (kommunekode) order by 1").fetchall()]
    except duckdb.CatalogException:
        return []   # a version from before these tables: no own data to go by
    finally:
        con.close()


def rebuild_outdated(db_path: Path) -> list[str]:
    """Bring a database built by an older version of the program up to date: a new version with the current
    schema, reference tables and every derived table whose SQL file changed. Returns the files that were
    outdated; empty = the database was current, and no new version is written."""
    current = current_version(Path(db_path))
    try:
        con = duckdb.connect(str(current), read_only=True)
        try:
            outdated = outdated_build_files(con)
        finally:
            con.close()
    except duckdb.Error as exc:
        fault = _fault(exc, current, Path(db_path))
        if fault is None:
            raise
        raise fault from exc
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


def _prune(vdir: Path, keep: Path, current: Path | None = None) -> None:
    """Delete all but the newest KEEP_VERSIONS complete versions (an open old file stays readable on Linux);
    the new version and the one it replaced are always kept, and files that are not complete versions are
    never counted."""
    files = sorted(vdir.glob("*.duckdb"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_VERSIONS:]:
        if old not in (keep, current):
            old.unlink(missing_ok=True)
            Path(str(old) + ".wal").unlink(missing_ok=True)


def switch_version(db_path: Path, version: Path) -> None:
    """Point the database at another complete version (python -m ingest versioner --brug), atomically."""
    db_path = Path(db_path)
    with _lock(db_path):
        _swap_link(db_path, version)
