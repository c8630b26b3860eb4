"""User state: what people save while they work (saved views, annotations; later issues add their own tables),
in a small SQLite file beside the database (settings.user_db_path), never in the versioned DuckDB file that the
importer copies per version.

One connection per call site (``with connect() as con``), WAL so that readers never wait for a writer, foreign
keys on. The schema has a version (SQLite's ``user_version``); :data:`MIGRATIONS` holds one script per step, so
another issue adds a table by appending a script, never by editing an old one. Every row records who (the signed-in
user, or in local mode settings.user_name) and when (UTC, ISO 8601). The audit log (issue 22) is a table here too.

Pure storage: no streamlit, no words. Functions take and return plain values.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import settings

#: MIGRATIONS[i] takes the schema from version i to i + 1; append, never edit
MIGRATIONS: tuple[str, ...] = (
    """
    create table saved_view (
        id integer primary key,
        name text not null check (length(trim(name)) > 0),
        comment text not null default '',
        page text not null,                 -- the page's English stem (dashboard.registry)
        query text not null default '',     -- the page's URL parameters, as in its address (a=1&b=2)
        position integer not null,          -- order in lists and agendas, 1 first
        created_by text not null,
        created_at text not null,           -- UTC, ISO 8601
        updated_by text not null,
        updated_at text not null
    );
    create table annotation (
        id integer primary key,
        area_code text not null,            -- the sidebar's area (omraade), e.g. 5.38
        year integer not null,
        text text not null check (length(trim(text)) > 0),
        created_by text not null,
        created_at text not null
    );
    create index annotation_area on annotation (area_code, year);
    """,
    # issue 22: the audit log (who did what when); never a CPR number, pseudonyms only in filters
    """
    create table audit_log (
        id integer primary key,
        at text not null,                   -- UTC, ISO 8601
        user text not null,                 -- the signed-in user's e-mail or user name (local mode: DASHBOARD_USER)
        kind text not null,                 -- domain.codes.AUDIT_KINDS
        page text not null default '',      -- the page's English stem (dashboard.registry), '' outside a page
        detail text not null default ''     -- what: a file, a view's name, a citizen-level view's URL query
    );
    create index audit_log_at on audit_log (at);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def now() -> str:
    """The current time in UTC, ISO 8601 to the second ('2026-12-03T13:05:09+00:00')."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def migrate(con: sqlite3.Connection) -> int:
    """Bring the file's schema to :data:`SCHEMA_VERSION`, one script per step, each in its own transaction;
    returns the version found. A file from a newer program is refused (its tables are not ours to change)."""
    found = con.execute("pragma user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise RuntimeError(f"user database schema {found} is newer than this program's {SCHEMA_VERSION}")
    for version in range(found, SCHEMA_VERSION):
        with con:
            con.execute("begin")
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute(f"pragma user_version = {version + 1}")
    return found


def exists(path: Path | None = None) -> bool:
    """Whether the user database has been written (reading needs no file: nothing saved yet is no rows)."""
    return (Path(path) if path is not None else settings.user_db_path()).exists()


@contextmanager
def connect(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A connection to the user database (settings.user_db_path unless ``path``), migrated; closed after."""
    target = Path(path) if path is not None else settings.user_db_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(target, timeout=10, isolation_level=None)
    try:
        con.execute("pragma journal_mode = wal")
        con.execute("pragma foreign_keys = on")
        migrate(con)
        yield con
    finally:
        con.close()


# ---- saved views -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SavedView:
    id: int
    name: str
    comment: str
    page: str
    query: str
    position: int
    created_by: str
    created_at: str
    updated_by: str
    updated_at: str


_VIEW_COLUMNS = "id, name, comment, page, query, position, created_by, created_at, updated_by, updated_at"


def save_view(con: sqlite3.Connection, name: str, page: str, query: str, comment: str = "",
              user: str | None = None) -> int:
    """Save a view at the end of the list; returns its id. ``name`` must not be blank."""
    user = user or settings.user_name()
    stamp = now()
    with con:
        con.execute("begin immediate")
        position = con.execute("select coalesce(max(position), 0) + 1 from saved_view").fetchone()[0]
        cur = con.execute(
            "insert into saved_view (name, comment, page, query, position, created_by, created_at, updated_by,"
            " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (name.strip(), comment.strip(), page, query, position, user, stamp, user, stamp))
    return int(cur.lastrowid)


def views(con: sqlite3.Connection) -> list[SavedView]:
    """Every saved view in list order."""
    return [SavedView(*row) for row in con.execute(f"select {_VIEW_COLUMNS} from saved_view order by position, id")]


def view(con: sqlite3.Connection, view_id: int) -> SavedView | None:
    row = con.execute(f"select {_VIEW_COLUMNS} from saved_view where id = ?", (view_id,)).fetchone()
    return SavedView(*row) if row else None


def move_view(con: sqlite3.Connection, view_id: int, steps: int, user: str | None = None) -> None:
    """Move a view ``steps`` places (negative: up, towards the start); the others keep their order. Positions
    are renumbered 1..n."""
    user = user or settings.user_name()
    with con:
        con.execute("begin immediate")
        ids = [r[0] for r in con.execute("select id from saved_view order by position, id")]
        if view_id not in ids:
            return
        i = ids.index(view_id)
        ids.insert(max(0, min(len(ids) - 1, i + steps)), ids.pop(i))
        con.executemany("update saved_view set position = ? where id = ?", [(p, v) for p, v in enumerate(ids, 1)])
        con.execute("update saved_view set updated_by = ?, updated_at = ? where id = ?", (user, now(), view_id))


def delete_view(con: sqlite3.Connection, view_id: int) -> None:
    with con:
        con.execute("delete from saved_view where id = ?", (view_id,))


# ---- annotations --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Annotation:
    id: int
    area_code: str
    year: int
    text: str
    created_by: str
    created_at: str


def add_annotation(con: sqlite3.Connection, area_code: str, year: int, text: str, user: str | None = None) -> int:
    """Attach ``text`` to an area and year; returns its id. ``text`` must not be blank."""
    with con:
        cur = con.execute("insert into annotation (area_code, year, text, created_by, created_at) values (?, ?, ?, ?, ?)",
                          (area_code, int(year), text.strip(), user or settings.user_name(), now()))
    return int(cur.lastrowid)


def annotations(con: sqlite3.Connection, area_code: str | None = None) -> list[Annotation]:
    """The annotations of an area (all when None), by year then age."""
    sql = "select id, area_code, year, text, created_by, created_at from annotation"
    rows = (con.execute(sql + " where area_code = ? order by year, id", (area_code,)) if area_code is not None
            else con.execute(sql + " order by area_code, year, id"))
    return [Annotation(*row) for row in rows]


def delete_annotation(con: sqlite3.Connection, annotation_id: int) -> None:
    with con:
        con.execute("delete from annotation where id = ?", (annotation_id,))


# ---- audit log (issue 22) -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: str
    user: str
    kind: str
    page: str
    detail: str


def log_event(con: sqlite3.Connection, user: str, kind: str, page: str = "", detail: str = "",
              keep_days: int | None = None, at: str | None = None) -> int:
    """Append one audit row (``at``: now unless given); returns its id. With ``keep_days``, rows older than that
    many days before ``at`` are deleted in the same transaction (retention, settings.audit_retention_days)."""
    stamp = at or now()
    with con:
        con.execute("begin immediate")
        cur = con.execute("insert into audit_log (at, user, kind, page, detail) values (?, ?, ?, ?, ?)",
                          (stamp, user, kind, page, detail))
        if keep_days is not None:
            prune_audit(con, _days_before(stamp, keep_days))
    return int(cur.lastrowid)


def _days_before(stamp: str, days: int) -> str:
    return (dt.datetime.fromisoformat(stamp) - dt.timedelta(days=days)).isoformat()


def prune_audit(con: sqlite3.Connection, before: str) -> int:
    """Delete the audit rows written before ``before`` (ISO 8601, UTC); returns how many."""
    return con.execute("delete from audit_log where at < ?", (before,)).rowcount


def audit_events(con: sqlite3.Connection, user: str | None = None, kinds: tuple[str, ...] | None = None,
                 since: str | None = None, until: str | None = None) -> list[AuditEvent]:
    """The audit rows, newest first, of one user (exact), of ``kinds`` (None: all), written at or after ``since``
    and before ``until`` (ISO 8601 prefixes compare as text: '2026-12-03' is that day's start)."""
    where, args = [], []
    if user:
        where.append("user = ?")
        args.append(user)
    if kinds is not None:
        where.append(f"kind in ({', '.join('?' * len(kinds))})" if kinds else "false")
        args.extend(kinds)
    if since:
        where.append("at >= ?")
        args.append(since)
    if until:
        where.append("at < ?")
        args.append(until)
    sql = "select id, at, user, kind, page, detail from audit_log"
    if where:
        sql += " where " + " and ".join(where)
    return [AuditEvent(*row) for row in con.execute(sql + " order by at desc, id desc", args)]


def has_event(con: sqlite3.Connection, user: str, kind: str, detail: str) -> bool:
    """Whether the audit log has a row of ``user``, ``kind`` and exactly ``detail``."""
    return con.execute("select 1 from audit_log where user = ? and kind = ? and detail = ? limit 1",
                       (user, kind, detail)).fetchone() is not None


def audit_users(con: sqlite3.Connection) -> list[str]:
    """Every user with a row in the audit log, alphabetically."""
    return [r[0] for r in con.execute("select distinct user from audit_log order by user")]
