"""Re-imports: rows already loaded, periods already covered, and identical rows inside one file.

All three are computed in SQL from the rows an import has just inserted (inside its transaction), so the
fast ledger path and the row-by-row path give the same answers.

* Content fingerprint: the number of canonical rows and the sum (mod 2^128) of DuckDB's hash() of each,
  over every column but import_id, source_row and the import's own labels (source text, synthetic flag).
  The sum does not depend on the order of the rows, so the same rows saved with other line endings, in
  another order or as XLSX give the same fingerprint; it is stored in import_log.content_fingerprint.
* Coverage: the part of the world a row describes, per kind (KindSpec.cells in ingest.kinds.spec): a ledger row covers its
  municipality, year, month, function and amount kind; an activity row the days from its start to its
  end (open: today) for its municipality and function; a benchmark row its municipality, year, function
  or key figure, measure and unit; and so on. Rows of an earlier import of the same kind in a cell the new
  file covers overlap it: loading both would add them up.
* Identical rows inside one file: canonical rows with the same hash. They are loaded and reported (the
  README says why); the first ones are listed with the row they repeat.

Table and column names below come from this module and ingest.kinds.spec only, never from input.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from i18n import t
from ingest.kinds.spec import ACTIVITY_END, KINDS, Cells
from ingest.report import danish_number

EXCLUDED_COLUMNS = ("import_id", "source_row", "source", "is_synthetic")


# tables with source_row: identical rows can be named by their lines
LINE_TABLES = {"ledger": "ledger", "activity": "activity", "benchmark": "benchmark"}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = $t and table_schema = 'main' "
        "order by ordinal_position", {"t": table}).fetchall() if r[0] not in EXCLUDED_COLUMNS]


def _hash(con: duckdb.DuckDBPyConnection, table: str) -> str:
    return "hash(" + ", ".join(_columns(con, table)) + ")"


def fingerprint(con: duckdb.DuckDBPyConnection, kind: str, import_id: int) -> str:
    """'<rows>:<sum of row hashes>' per table of the kind, joined by '|' (see the module docstring)."""
    parts = []
    for cells in KINDS[kind].cells:
        rows, total = con.execute("select count(*), coalesce(sum(" + _hash(con, cells.table) + ")::hugeint, 0) from "
                                  + cells.table + " where import_id = $id", {"id": import_id}).fetchall()[0]
        parts.append(f"{rows}:{total}")
    return "|".join(parts)


@dataclass(frozen=True)
class Duplicates:
    copies: int                          # rows that repeat an earlier row of the same file
    examples: list[tuple[int, int]]      # (line, line of the row it repeats), the first ten

    def note(self) -> str | None:
        if not self.copies:
            return None
        if self.examples:
            shown = ", ".join(t("import.duplicates.pair", line=line, first=first) for line, first in self.examples)
            more = " ..." if self.copies > len(self.examples) else ""
            return t("import.duplicates.note_lines", copies=self.copies, pairs=shown + more)
        return t("import.duplicates.note", copies=self.copies)


def duplicates(con: duckdb.DuckDBPyConnection, kind: str, import_id: int) -> Duplicates:
    """Canonical rows of the import that repeat an earlier one (same hash), with lines where the table has them."""
    table = LINE_TABLES.get(kind)
    if table is None:
        copies = 0
        for cells in KINDS[kind].cells:
            copies += con.execute("select coalesce(sum(n - 1), 0) from (select count(*) as n from " + cells.table
                                  + " where import_id = $id group by " + _hash(con, cells.table) + ")",
                                  {"id": import_id}).fetchall()[0][0]
        return Duplicates(int(copies), [])
    # sorting the hashes and comparing neighbours costs less than grouping every row (2,0 s against 3,4 s
    # for 20 million rows); only the repeated hashes are then grouped to name their lines
    rows = con.execute(
        "with h as (select " + _hash(con, table) + " as h, source_row from " + table + " where import_id = $id), "
        "repeat as (select h from (select h, lag(h) over (order by h) as before from h) where h = before), "
        "g as (select list(source_row order by source_row) as lines from h semi join (select distinct h from repeat) "
        "using (h) group by h) "
        "select (select count(*) from repeat), lines from g order by lines[1] limit 10", {"id": import_id}).fetchall()
    if not rows:
        return Duplicates(0, [])
    examples = sorted((line, lines[0]) for _, lines in rows for line in lines[1:])
    return Duplicates(int(rows[0][0]), examples[:10])


@dataclass(frozen=True)
class Overlap:
    import_id: int
    file_name: str
    finished_at: object
    rows: int
    first_year: int | None
    last_year: int | None
    kommuner: list[int]
    what: str

    def text(self) -> str:
        years = "" if self.first_year is None else " " + t(
            "import.overlap.in", years=str(self.first_year) if self.first_year == self.last_year
            else f"{self.first_year}-{self.last_year}")
        where = " " + t("import.overlap.kommune", kommuner=", ".join(map(str, self.kommuner))) if self.kommuner else ""
        when = t("import.overlap.loaded_at", at=f"{self.finished_at:%d-%m-%Y %H:%M}") if self.finished_at is not None else ""
        return t("import.overlap.text", import_id=self.import_id, file=self.file_name, when=when, rows=self.rows,
                 where=where, years=years, what=t(self.what))


def _overlap_sql(cells: Cells, kind: str) -> str:
    """rowid, import_id and year span of every row of an earlier import in a cell the import $id covers."""
    new_key = ", ".join(f"{k} as k{i}" for i, k in enumerate(cells.key))
    old_key = ", ".join(f"{k} as k{i}" for i, k in enumerate(cells.key))
    on = " and ".join(f"o.k{i} is not distinct from n.k{i}" for i in range(len(cells.key)))
    if kind == "activity":
        # per municipality and function, the new file's span of days; earlier measures overlapping it
        return ("with n as (select " + new_key + ", min(start_date) as first_day, max(" + ACTIVITY_END + ") as last_day "
                "from activity where import_id = $id group by all), "
                "o as (select rowid as rid, import_id, start_date, " + ACTIVITY_END + " as end_day, "
                + cells.first_year + " as y0, " + cells.last_year + " as y1, " + old_key + " from activity "
                "where import_id <> $id) "
                "select o.rid, o.import_id, o.y0, o.y1, o.k0 from o join n on " + on
                + " and o.start_date <= n.last_day and o.end_day >= n.first_day")
    kommune = "o.k" + str(cells.key.index("kommunekode")) if cells.has_kommune else "null"
    return ("with n as (select distinct " + new_key + " from " + cells.table + " where import_id = $id), "
            "o as (select rowid as rid, import_id, " + cells.first_year + " as y0, " + cells.last_year + " as y1, "
            + old_key + " from " + cells.table + " where import_id <> $id) "
            "select o.rid, o.import_id, o.y0, o.y1, " + kommune + " from o join n on " + on)


def _params(kind: str, import_id: int, data_date: dt.date | None) -> dict:
    return {"id": import_id, "data_date": data_date} if kind == "activity" else {"id": import_id}


def overlaps(con: duckdb.DuckDBPyConnection, kind: str, import_id: int,
             data_date: dt.date | None = None) -> list[Overlap]:
    """Earlier imports of the same kind with rows in cells the import covers, oldest first (activity: open
    measures run to their import's extraction date, `data_date` for this import)."""
    found: dict[int, dict] = {}
    for cells in KINDS[kind].cells:
        rows = con.execute(
            "select import_id, count(*), min(y0), max(y1), list(distinct k) filter (where k is not null) from ("
            + _overlap_sql(cells, kind) + ") as o(rid, import_id, y0, y1, k) group by import_id",
            _params(kind, import_id, data_date)).fetchall()
        for earlier, n, y0, y1, kommuner in rows:
            entry = found.setdefault(earlier, {"rows": 0, "y0": y0, "y1": y1, "k": set(), "what": cells.what})
            entry["rows"] += n
            entry["y0"] = min(v for v in (entry["y0"], y0) if v is not None) if y0 is not None else entry["y0"]
            entry["y1"] = max(v for v in (entry["y1"], y1) if v is not None) if y1 is not None else entry["y1"]
            entry["k"].update(kommuner or [])
    if not found:
        return []
    log = {r[0]: r[1:] for r in con.execute(
        "select import_id, file_name, finished_at from import_log where import_id in (select unnest($ids))",
        {"ids": list(found)}).fetchall()}
    return [Overlap(i, *log.get(i, ("?", None)), e["rows"], e["y0"], e["y1"], sorted(e["k"]), e["what"])
            for i, e in sorted(found.items())]


def replace_overlapping(con: duckdb.DuckDBPyConnection, kind: str, import_id: int,
                        data_date: dt.date | None = None) -> list[tuple[int, str, int]]:
    """Delete the rows of earlier imports in the cells the import covers: (import id, file, rows deleted)
    per earlier import. An earlier import left without rows leaves the import log; one with rows left
    keeps its entry, with the replacement noted and its fingerprint recomputed."""
    found = {o.import_id: o for o in overlaps(con, kind, import_id, data_date)}
    if not found:
        return []
    for cells in KINDS[kind].cells:
        con.execute("delete from " + cells.table + " where rowid in (select rid from (" + _overlap_sql(cells, kind)
                    + ") as o(rid, import_id, y0, y1, k))", _params(kind, import_id, data_date))
    out = []
    for earlier, o in sorted(found.items()):
        if kind == "savings":
            # initiatives left without effects go with them
            con.execute("delete from savings_initiative where import_id = $id and initiative_id not in "
                        "(select initiative_id from savings_effect where import_id = $id)", {"id": earlier})
        left = sum(con.execute("select count(*) from " + c.table + " where import_id = $id",
                               {"id": earlier}).fetchall()[0][0] for c in KINDS[kind].cells)
        if left == 0:
            con.execute("delete from import_change where import_id = $id", {"id": earlier})
            con.execute("delete from import_log where import_id = $id", {"id": earlier})
        else:
            note = t("import.overlap.replaced_by", rows=o.rows, import_id=import_id)
            con.execute("update import_log set message = coalesce(message || '; ', '') || $note, "
                        "content_fingerprint = $fp where import_id = $id",
                        {"note": note, "fp": fingerprint(con, kind, earlier), "id": earlier})
        out.append((earlier, o.file_name, o.rows))
    return out


# ---- what a ledger import changes (the monthly re-export) ----------------------------------------------

LEDGER_CHANGES_SQL = """
with new as (
    select kommunekode, year, month, function_code, amount_kind, sum(amount_dkk) as after_dkk
    from ledger where import_id = $id group by all
), old as (
    select l.kommunekode, l.year, l.month, l.function_code, l.amount_kind, sum(l.amount_dkk) as before_dkk
    from ledger l semi join new using (kommunekode, year, month, function_code, amount_kind)
    where l.import_id <> $id group by all
), known_months as (
    select distinct kommunekode, year, month from ledger
    where import_id <> $id and kommunekode in (select kommunekode from new)
)
select $id, n.kommunekode, n.year, n.month, n.function_code, n.amount_kind, k.month is null as new_month,
       o.before_dkk, n.after_dkk
from new n
left join old o using (kommunekode, year, month, function_code, amount_kind)
left join known_months k using (kommunekode, year, month)
where k.month is null or o.before_dkk is null or o.before_dkk <> n.after_dkk
"""


@dataclass(frozen=True)
class LedgerChange:
    """One changed cell: month, function, amount kind, total before (None: not loaded) and after, kr."""

    kommunekode: int
    year: int
    month: int
    function_code: str
    amount_kind: str
    before_dkk: float | None
    after_dkk: float

    @property
    def change_dkk(self) -> float:
        return self.after_dkk - (self.before_dkk or 0.0)


@dataclass(frozen=True)
class LedgerChanges:
    """What a ledger import changes against the rows loaded before it: the months it adds and the cells
    of months already loaded whose totals it changes (largest change first)."""

    new_months: tuple[tuple[int, int, int], ...]      # (kommunekode, year, month)
    changed: tuple[LedgerChange, ...]
    SHOWN = 5

    def notes(self) -> list[str]:
        """The summary's lines: new months, then the changed months with their largest changes."""
        out = []
        if self.new_months:
            out.append(t("import.changes.new_months", months=", ".join(
                f"{m:02d}-{y}" for _, y, m in self.new_months)))
        if self.changed:
            months = sorted({(c.year, c.month) for c in self.changed})
            out.append(t("import.changes.changed", cells=len(self.changed), months=", ".join(
                f"{m:02d}-{y}" for y, m in months)))
            for c in self.changed[:self.SHOWN]:
                out.append(t("import.changes.cell", month=f"{c.month:02d}-{c.year}", function=c.function_code,
                             kind=t("kind." + c.amount_kind).lower(),
                             before="–" if c.before_dkk is None else danish_number(c.before_dkk),
                             after=danish_number(c.after_dkk),
                             change=("+" if c.change_dkk > 0 else "") + danish_number(c.change_dkk)))
            if len(self.changed) > self.SHOWN:
                out.append(t("import.changes.more", n=len(self.changed) - self.SHOWN))
        return out


SAVINGS_CHANGES_SQL = """
with cells as (
    select import_id, 'target' as kind, '' as initiative_id, year, sum(amount_dkk) as amount_dkk,
           count(amount_dkk) < count(*) as unknown
    from savings_target group by all
    union all
    select import_id, kind, initiative_id, year, sum(amount_dkk), count(amount_dkk) < count(*)
    from savings_effect group by all
), new as (
    select kind, initiative_id, year, case when unknown then null else amount_dkk end as after_dkk
    from cells where import_id = $id
), old as (
    select kind, initiative_id, year, case when bool_or(unknown) then null else sum(amount_dkk) end as before_dkk,
           true as stored
    from cells where import_id <> $id group by all
)
select kind, initiative_id, year, o.stored is null as is_new, o.before_dkk, n.after_dkk
from new n left join old o using (kind, initiative_id, year)
where o.stored is null or o.before_dkk is distinct from n.after_dkk
order by year, kind = 'target' desc, initiative_id, kind
"""


@dataclass(frozen=True)
class SavingsChange:
    """One figure of the plan a savings import changes against the stored plan (kr., a reduction positive;
    None = no figure yet): a target (initiative_id '') or an initiative's expected or realised effect."""

    kind: str                 # target | expected | realised
    initiative_id: str
    year: int
    before_dkk: float | None
    after_dkk: float | None
    new: bool                 # not in the stored plan


@dataclass(frozen=True)
class SavingsChanges:
    """What a savings import changes against the plan stored before it: the figures it gives that differ from
    the stored ones, or that the plan did not have (a stored figure the file does not give stays as it is)."""

    changed: tuple[SavingsChange, ...]
    SHOWN = 8

    def notes(self) -> list[str]:
        """The summary's lines: how many figures are changed and new, then the first of them."""
        if not self.changed:
            return []
        new = sum(1 for c in self.changed if c.new)
        out = [t("import.savings_changes.summary", changed=len(self.changed) - new, new=new)]

        def amount(v: float | None) -> str:
            return "–" if v is None else danish_number(v)

        for c in self.changed[:self.SHOWN]:
            what = (t("import.savings_changes.target", year=c.year) if c.kind == "target" else
                    t("import.savings_changes.effect", initiative=c.initiative_id or t("import.savings_changes.unassigned"),
                      year=c.year, kind=t("import.savings_changes.kind_" + c.kind)))
            key = "new" if c.new else "cell"
            out.append(t("import.savings_changes." + key, what=what, before=amount(c.before_dkk),
                         after=amount(c.after_dkk)))
        if len(self.changed) > self.SHOWN:
            out.append(t("import.savings_changes.more", n=len(self.changed) - self.SHOWN))
        return out


def savings_changes(con: duckdb.DuckDBPyConnection, import_id: int, file_name: str = "") -> SavingsChanges:
    """Compare the savings import `import_id` with the plan stored before it (call it before earlier rows are
    replaced): every target and effect whose figure differs from the stored one or that the plan did not have,
    recorded in savings_change (the plan's history, under ``file_name``). Nothing for the first plan."""
    earlier = con.execute("select (select count(*) from savings_target where import_id <> $id) + "
                          "(select count(*) from savings_effect where import_id <> $id)", {"id": import_id}).fetchall()[0][0]
    if not earlier:
        return SavingsChanges(())
    rows = con.execute(SAVINGS_CHANGES_SQL, {"id": import_id}).fetchall()
    if rows:
        con.executemany("insert into savings_change values ($1, current_timestamp::timestamp, $2, $3, $4, $5, $6, $7, $8)",
                        [(import_id, file_name, kind, iid, year, new, b, a) for kind, iid, year, new, b, a in rows])
    return SavingsChanges(tuple(SavingsChange(kind, iid, int(year), None if b is None else float(b),
                                              None if a is None else float(a), new)
                                for kind, iid, year, new, b, a in rows))


def ledger_changes(con: duckdb.DuckDBPyConnection, import_id: int) -> LedgerChanges:
    """Compare the ledger import `import_id` with the rows loaded before it for its municipalities (call it
    before earlier rows are replaced), record the differences in import_change and return them (nothing
    for a municipality's first ledger). A cell of a month already loaded
    counts as changed when its total differs from the rows it replaces (or had none); a month the
    municipality had no rows for is new."""
    earlier = con.execute(
        "select count(*) from ledger where import_id <> $id and kommunekode in "
        "(select distinct kommunekode from ledger where import_id = $id)", {"id": import_id}).fetchall()[0][0]
    if not earlier:    # the municipality's first ledger: every month is new, nothing to reconcile
        return LedgerChanges((), ())
    con.execute("insert into import_change " + LEDGER_CHANGES_SQL, {"id": import_id})
    rows = con.execute(
        "select kommunekode, year, month, function_code, amount_kind, new_month, before_dkk, after_dkk "
        "from import_change where import_id = $id", {"id": import_id}).fetchall()
    new_months = tuple(sorted({(r[0], r[1], r[2]) for r in rows if r[5]}))
    changed = [LedgerChange(k, y, m, f, kind, None if b is None else float(b), float(a))
               for k, y, m, f, kind, new, b, a in rows if not new]
    changed.sort(key=lambda c: (-abs(c.change_dkk), c.year, c.month, c.function_code, c.amount_kind))
    return LedgerChanges(new_months, tuple(changed))
