"""Import one export file into a new database version, all or nothing.

check the limits (ingest.limits) -> read (CSV or XLSX) -> find the header through the mapping ->
convert and validate every row (the kind's converter, ingest.kinds.spec) -> load into a copy of the database in one transaction ->
refuse rows already loaded or periods already covered unless replace or add_overlapping (ingest.overlap)
-> swap the copy in (ingest.db). A rejected file raises ImportRejected (ImportConflict for a re-import)
with every problem found, a fault of the key, database, disk or memory an ImportFault; either way the
current database is untouched.

The file's name as the user gave it (file_name) is text only: shown in messages and stored in the import
history, never used to build a path.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from domain.codes import UNASSIGNED_INITIATIVE
from i18n import t
from ingest import db, fast_ledger, limits as import_limits, overlap
from ingest.kinds.rows import Options, Reference, Table
from ingest.kinds.spec import KINDS, TABLES
from ingest.limits import Limits
from ingest.mappings import Mapping, load_mapping
from ingest.read import TableReadError
from ingest.read.csv import read_csv_rows
from ingest.read.header import extraction_date, find_header_row, normalize_header
from ingest.read.xlsx import read_xlsx_rows, XlsxLimitExceeded
from ingest.recognise import recognise
from ingest.values.cpr import looks_like_cpr
from ingest.pseudonym import key_fingerprint, key_for_database
from ingest.report import ImportConflict, ImportRejected, Report, danish_number

# progress(phase, done, total): phases hash (bytes), read (rows), convert, load, derive, swap
Progress = Callable[..., None]
XLSX_SUFFIXES = (".xlsx", ".xlsm")
OWN_DATA_KINDS = ("ledger", "activity")   # a municipality's own exports, often without a municipality column


def _no_progress(phase: str, done: int | None = None, total: int | None = None) -> None:
    pass


@dataclass
class ImportResult:
    import_id: int
    kind: str
    file_name: str
    sha256: str
    mapping: str
    rows_read: int
    rows_loaded: int
    replaced: list[tuple[int, str, int]]          # (import id, file, rows) of earlier imports' rows replaced
    periods: str
    totals_by_year: dict[int, float | None] = field(default_factory=dict)   # None: not known (a "no figure yet")
    notes: list[str] = field(default_factory=list)
    data_date: dt.date | None = None          # activity: the date the export describes (open measures run to it)
    data_date_source: str = ""                # where data_date came from, for the summary
    dry_run: bool = False                     # a preview: nothing was stored

    @property
    def replaced_import_id(self) -> int | None:
        """The first earlier import whose rows this one replaced (None: none)."""
        return self.replaced[0][0] if self.replaced else None

    def summary(self) -> str:
        head = "import.summary.preview" if self.dry_run else "import.summary.loaded"
        lines = [
            t(head, file=self.file_name, kind=self.kind, mapping=self.mapping, import_id=self.import_id),
            "  " + t("import.summary.rows", read=self.rows_read, loaded=self.rows_loaded),
            "  " + t("import.summary.periods", periods=self.periods),
        ]
        if self.data_date is not None:
            lines.append("  " + t("import.summary.data_date", date=f"{self.data_date:%d-%m-%Y}",
                                  source=self.data_date_source))
        for import_id, file_name, rows in self.replaced:
            lines.append("  " + t("import.summary.replaces", rows=rows, import_id=import_id, file=file_name))
        for year, total in sorted(self.totals_by_year.items()):
            lines.append(f"  {year}: {'–' if total is None else danish_number(total)}")
        lines += ["  " + t("import.summary.note", note=n) for n in self.notes]
        return "\n".join(lines)


def read_table(path: Path, data: bytes, mapping: Mapping, report: Report, need_body: bool = True,
               limits: Limits | None = None, progress: Progress = _no_progress) -> Table | None:
    """Read the file and locate its header row; problems go to the report. With `limits`, a file with
    more rows or columns than they allow is rejected (ingest.limits), a CSV file before it is parsed and
    an XLSX sheet as soon as the reading reaches the first row too many."""
    name = report.file    # the file name with any CPR number masked
    try:
        if path.suffix.lower() in XLSX_SUFFIXES:
            raw = read_xlsx_rows(data, max_rows=limits.xlsx_max_rows if limits else None,
                                 max_columns=limits.max_columns if limits else None,
                                 progress=lambda n: progress("read", n, None))
        else:
            if limits is not None and not import_limits.check_text_lines(data, report, limits):
                return None
            raw = read_csv_rows(data)
    except XlsxLimitExceeded as exc:
        import_limits.report_xlsx_limit(exc.row, exc.cells, report, limits)
        return None
    except TableReadError as exc:
        report.add(getattr(exc, "row", None), None, None, str(exc))
        return None
    rows, lines = raw.rows, raw.line_numbers
    progress("read", len(rows), len(rows))
    if mapping.positions:
        width = max(len(r) for r in rows)
        needed = max(mapping.positions.values()) + 1
        if width < needed:
            report.add(lines[0], None, None, t("import.read.too_few_columns", needed=needed, mapping=mapping.name,
                                               width=width))
            return None
        if limits is not None and not (import_limits.check_columns(width, [], [], 0, report, limits)
                                       and import_limits.check_rows(len(rows), report, limits)):
            return None
        header = [t("import.column_n", n=i + 1) for i in range(width)]
        return Table(file=name, header=header, rows=rows, line_numbers=lines, columns=dict(mapping.positions),
                     delimiter=getattr(raw, "delimiter", ";"), header_line=0)
    accepted = mapping.accepted
    required = set(mapping.required) - {"kommunekode"}
    h = find_header_row(rows, accepted, required)
    if h is None:
        found = next((r for r in rows if any(c not in (None, "") for c in r)), [])
        header_norm = {normalize_header(c) for c in found if c not in (None, "")}
        for f in mapping.required:
            if f == "kommunekode":
                continue
            if not accepted[f] & header_norm:
                report.add(None, None, None, t(
                    "import.read.missing_column", field=f, accepted=", ".join(mapping.columns[f]),
                    found=", ".join(str(c) for c in found if c not in (None, "")), mapping=mapping.name))
        return None
    header = ["" if c is None else str(c).strip() for c in rows[h]]
    columns: dict[str, int] = {}
    for f, aliases in accepted.items():
        for j, cell in enumerate(header):
            if normalize_header(cell) in aliases and f not in columns:
                columns[f] = j
    body = rows[h + 1:]
    body_lines = lines[h + 1:]
    if limits is not None and not (import_limits.check_columns(len(rows[h]), body, body_lines, lines[h], report, limits)
                                   and import_limits.check_rows(len(body), report, limits)):
        return None
    if not body and need_body:
        report.add(None, None, None, t("import.read.no_rows"))
        return None
    return Table(file=name, header=header, rows=body, line_numbers=body_lines, columns=columns,
                 delimiter=getattr(raw, "delimiter", ";"), header_line=lines[h], title_rows=list(rows[:h]))


def reference_from(con: duckdb.DuckDBPyConnection) -> Reference:
    functions = frozenset(r[0] for r in con.sql("select function_code from kontoplan_function").fetchall())
    munis = con.sql("select kommunekode, name, regionskode, region from municipality").fetchall()
    by_name: dict[str, int] = {}
    regions: dict[str, int] = {}
    for code, name, rcode, region in munis:
        by_name[name.casefold()] = code
        by_name[(name + " kommune").casefold()] = code
        if rcode and region:
            regions[region.casefold()] = int(rcode)
    # Statistics Denmark's own spellings of a few names
    for alias, name in {"vesthimmerlands": "vesthimmerland", "nordfyn": "nordfyns", "københavns": "københavn",
                        "århus": "aarhus", "brønderslev-dronninglund": "brønderslev"}.items():
        if name in by_name:
            by_name.setdefault(alias, by_name[name])
    areas = frozenset(r[0] for r in con.sql(
        "select substr(function_code, 1, 4) from kontoplan_function union select group_code from function_group").fetchall())
    return Reference(known_functions=functions, municipality_codes=frozenset(c for c, *_ in munis),
                     municipality_by_name=by_name, region_by_name=regions, areas=areas)


def import_file(
    kind: str,
    path: Path | str,
    db_path: Path | str,
    mapping_name: str | None = "standard",
    replace: bool = False,
    kommunekode: int | None = None,
    synthetic: bool = False,
    source: str = "",
    skip_unknown_functions: bool = False,
    year: int | None = None,
    data_date: dt.date | None = None,
    *,
    add_overlapping: bool = False,
    file_name: str | None = None,
    progress: Progress | None = None,
    memory_limit_mb: int | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import one file; raise ImportRejected or an ImportFault (database unchanged) when anything is wrong.

    ``mapping_name`` None: the mapping is recognised from the file (ingest.recognise); a file no mapping
    reads, or two read equally well, is rejected naming the closest ones.
    ``data_date`` (activity only): the extraction date of the export, up to which open-ended measures run.
    Without it, a date the file states above its header ("Dannet 15-11-2026") is used, else the import date.
    replace: the file's rows replace those of earlier imports of the same kind in the cells it covers
    (ingest.overlap); add_overlapping: they are added beside them; neither: a file covering such cells, or
    whose rows an earlier import already holds, is refused (ImportConflict). file_name: the name to show
    and record (default: the path's; never used as a path); progress(phase, done, total) is told how far
    the import is; memory_limit_mb bounds DuckDB's memory (None: DuckDB's default). dry_run: everything
    is done and checked as for the import, in a new version that is then thrown away, and the result says
    what the import would load and replace (a rejected file raises as it would)."""
    path, db_path = Path(path), Path(db_path)
    progress = progress or _no_progress
    limits = import_limits.current()
    started = dt.datetime.now()
    report = Report(file_name or path.name)
    shown = report.file   # masked: a CPR number in a file name is never stored or shown
    if source and looks_like_cpr(source):
        report.add(None, None, source, t("import.expected.source_without_cpr"))
        raise ImportRejected(report)
    # a database of one municipality knows it: a ledger or activity file without a municipality column
    # loads into it (said in the summary); with several, the file must say or --kommune must
    own = db.own_municipalities(db_path) if kommunekode is None and kind in OWN_DATA_KINDS else []
    own_kommune = own[0] if len(own) == 1 else None
    recognised = mapping_name is None
    if recognised:
        # the trials read the file: an XLSX is checked against the limits first, as before any reading
        if path.suffix.lower() in XLSX_SUFFIXES and not import_limits.check_xlsx(path, report, limits):
            raise ImportRejected(report)
        mapping_name = recognise(kind, path, report, kommunekode or (own_kommune[0] if own_kommune else None),
                                 year, limits)
        if mapping_name is None:
            raise ImportRejected(report)
    mapping = load_mapping(kind, mapping_name)
    fast = uses_fast_ledger(kind, path, mapping)
    # the fast ledger path learns what it needs about the whole file while the file is hashed
    stats = fast_ledger.FileStats() if fast else None
    sha = _sha256(path, report, stats.update if stats is not None else None, progress)
    if (path.suffix.lower() in XLSX_SUFFIXES and not recognised
            and not import_limits.check_xlsx(path, report, limits)):
        raise ImportRejected(report)
    prep = table = None
    if fast:
        stats.finish()
        if not import_limits.check_ledger_csv_lines(stats.lines, report, limits):
            raise ImportRejected(report)
        prep = fast_ledger.prepare(path, report,
                                   lambda prefix: read_table(path, prefix, mapping, report, need_body=False), stats)
        if prep is None:
            raise ImportRejected(report)
        if not import_limits.check_columns(len(prep.header), [], [], prep.header_line, report, limits):
            if prep.temp is not None:
                prep.temp.unlink(missing_ok=True)
            raise ImportRejected(report)
    else:
        table = read_table(path, path.read_bytes(), mapping, report, limits=limits, progress=progress)
        if table is None:
            raise ImportRejected(report)
    own_note = None
    if own_kommune is not None and "kommunekode" not in (prep.columns if fast else table.columns):
        kommunekode = own_kommune[0]
        own_note = t("import.own_kommune", name=own_kommune[1], code=own_kommune[0])
    extraction = _data_date(data_date, table, started.date()) if kind == "activity" else None
    try:
        with db.new_version(db_path, kind, progress=progress, memory_limit_mb=memory_limit_mb) as con:
            ref = reference_from(con)
            key_notes: list[str] = []
            key = b""
            if kind == "activity":
                key, key_notes = _pseudonym_key(con)
            opts = Options(kommunekode=kommunekode, synthetic=synthetic, source=source or mapping.description,
                           pseudonym_key=key, skip_unknown_functions=skip_unknown_functions, year=year)
            import_id = con.sql("select coalesce(max(import_id), 0) + 1 from import_log").fetchall()[0][0]
            if fast:
                try:
                    rows_read, not_loaded_rows, rounded = fast_ledger.convert_and_insert(con, prep, mapping, report,
                                                                                         ref, opts, import_id, progress)
                except fast_ledger.QuotedLineBreaks:
                    # a line break inside a quoted cell: read row by row, with the lines counted right (DuckDB's
                    # error aborted the transaction, so it starts again)
                    db.restart(con)
                    fast = False
                    table = read_table(path, path.read_bytes(), mapping, report, limits=limits, progress=progress)
                    if table is None:
                        raise ImportRejected(report) from None
            if fast:
                if report:
                    raise ImportRejected(report)
                rows_loaded, periods, totals = _ledger_summary(con, import_id)
            else:
                progress("convert", None, len(table.rows))
                frame, not_loaded = KINDS[kind].convert(table, mapping, report, ref, opts)
                if report:
                    raise ImportRejected(report)
                if kind == "activity":
                    columns = {f: table.header[i] for f, i in table.columns.items()}
                    if not import_limits.check_activity(frame, columns, report, limits,
                                                        today=extraction[0] if extraction else None):
                        raise ImportRejected(report)
                rows_read = len(table.rows)
                not_loaded_rows = [table.line_numbers[i] for i in not_loaded]
                rounded = (0, [])
                if "amount_rounded" in frame.columns:
                    lines = frame.filter(pl.col("amount_rounded")).get_column("source_row").sort()
                    rounded = (lines.len(), lines.head(10).to_list())
                    frame = frame.drop("amount_rounded")
                progress("load", None, frame.height)
                _insert(con, kind, frame, import_id)
                rows_loaded, periods, totals = frame.height, _periods(frame), _totals(kind, frame)
            content = overlap.fingerprint(con, kind, import_id)
            # against the rows loaded before (the monthly re-export), before replace removes them
            changes = (overlap.ledger_changes(con, import_id) if kind == "ledger" and not add_overlapping else
                       overlap.savings_changes(con, import_id, shown) if kind == "savings" and not add_overlapping else None)
            replaced, overlap_notes = _settle_reimport(con, kind, import_id, sha, content, replace, add_overlapping,
                                                       report, extraction[0] if extraction else None)
            duplicate_note = overlap.duplicates(con, kind, import_id).note()
            notes = _notes(kind, not_loaded_rows) + _rounding_notes(*rounded)
            if extraction is not None:
                notes += _after_data_date_notes(frame, extraction[0])
            notes += overlap_notes + ([duplicate_note] if duplicate_note else []) + key_notes
            if changes is not None:
                notes += changes.notes()
            if own_note:
                notes.insert(0, own_note)
            if recognised:
                notes.insert(0, t("import.recognise.chosen", mapping=mapping.name))
            result = ImportResult(
                import_id=import_id, kind=kind, file_name=shown, sha256=sha, mapping=mapping.name,
                rows_read=rows_read, rows_loaded=rows_loaded, replaced=replaced,
                periods=periods, totals_by_year=totals, notes=notes,
                data_date=extraction[0] if extraction else None, data_date_source=extraction[1] if extraction else "",
            )
            first_year, last_year = _year_span(con, kind, import_id, result.data_date)
            con.execute(
                "insert into import_log (import_id, kind, file_name, sha256, mapping, rows_read, rows_loaded, status, "
                "started_at, finished_at, message, first_year, last_year, data_date, content_fingerprint) "
                "values ($id, $kind, $file, $sha, $mapping, $read, $loaded, 'ok', $start, $end, $msg, $first, $last, "
                "$data_date, $content)",
                {"id": import_id, "kind": kind, "file": shown, "sha": sha, "mapping": mapping.name,
                 "read": result.rows_read, "loaded": result.rows_loaded, "start": started,
                 "end": dt.datetime.now(), "msg": "; ".join(notes) or None, "first": first_year, "last": last_year,
                 "data_date": result.data_date, "content": content},
            )
            if dry_run:
                result.dry_run = True
                raise _Preview(result)
    except _Preview as preview:
        result = preview.result
    finally:
        if prep is not None and prep.temp is not None:
            prep.temp.unlink(missing_ok=True)
    return result


class _Preview(Exception):
    """Leaves the new version of a dry run unswitched (db.new_version removes it); carries its result."""

    def __init__(self, result: ImportResult):
        super().__init__(result.file_name)
        self.result = result


KEY_FINGERPRINT = "pseudonym_key_fingerprint"


def _pseudonym_key(con: duckdb.DuckDBPyConnection) -> tuple[bytes, list[str]]:
    """The pseudonym key for this database (ingest.pseudonym.key_for_database) and warnings about it; a
    database without a recorded fingerprint records this key's (kept only if the import succeeds)."""
    recorded = con.execute("select value from database_info where name = $n", {"n": KEY_FINGERPRINT}).fetchall()
    has_activity = con.sql("select count(*) > 0 from activity").fetchall()[0][0]
    key, notes = key_for_database(recorded[0][0] if recorded else None, has_activity)
    if not recorded:
        con.execute("insert into database_info values ($n, $v)", {"n": KEY_FINGERPRINT, "v": key_fingerprint(key)})
        if has_activity:
            notes.append(t("import.key.recorded_now", fingerprint=key_fingerprint(key)))
    return key, notes


def _settle_reimport(con: duckdb.DuckDBPyConnection, kind: str, import_id: int, sha: str, content: str,
                     replace: bool, add_overlapping: bool, report: Report,
                     data_date: dt.date | None = None) -> tuple[list[tuple[int, str, int]], list[str]]:
    """The import's rows against earlier imports (ingest.overlap): the same file or the same rows are
    refused unless replace; rows in cells an earlier import covers are refused unless replace (which
    deletes the earlier rows there) or add_overlapping (which keeps them). Returns the replaced (import
    id, file, rows) and notes for the summary; raises ImportConflict."""
    same_file = con.execute("select import_id, file_name from import_log where sha256 = $sha order by 1",
                            {"sha": sha}).fetchall()
    same_rows = con.execute("select import_id, file_name from import_log where kind = $kind and "
                            "content_fingerprint = $content order by 1", {"kind": kind, "content": content}).fetchall()
    if replace:
        replaced = overlap.replace_overlapping(con, kind, import_id, data_date)
        done = {r[0] for r in replaced}
        for earlier, file_name in same_file + same_rows:
            if earlier not in done:        # e.g. a file none of whose rows were loaded
                rows = con.execute("select rows_loaded from import_log where import_id = $id",
                                   {"id": earlier}).fetchall()
                if rows:
                    _delete_import(con, earlier)
                    replaced.append((earlier, file_name, rows[0][0]))
                    done.add(earlier)
        return replaced, []
    if same_file:
        report.add(None, None, None, t("import.reimport.same_file", sha=sha[:12], import_id=same_file[0][0],
                                       file=same_file[0][1]))
        raise ImportConflict(report, identical=True)
    if same_rows:
        report.add(None, None, None, t("import.reimport.same_rows", import_id=same_rows[0][0], file=same_rows[0][1]))
        raise ImportConflict(report, identical=True)
    found = overlap.overlaps(con, kind, import_id, data_date)
    if not found:
        return [], []
    if add_overlapping:
        return [], [t("import.reimport.added_beside", import_id=o.import_id, file=o.file_name, rows=o.rows)
                    for o in found]
    for o in found:
        report.add(None, None, None, t("import.reimport.overlap", overlap=o.text()))
    raise ImportConflict(report)


def uses_fast_ledger(kind: str, path: Path, mapping: Mapping) -> bool:
    """Ledger CSV files with a header row go through ingest.fast_ledger (DuckDB's CSV reader), every
    other file through its kind's converter row by row; both apply the same rules with the same messages."""
    return kind == "ledger" and path.suffix.lower() not in XLSX_SUFFIXES and not mapping.positions


def _year_span(con: duckdb.DuckDBPyConnection, kind: str, import_id: int,
               data_date: dt.date | None = None) -> tuple[int | None, int | None]:
    """First and last year the import's rows cover, stored in import_log for the import history (activity:
    up to its data date, as the derived tables count it)."""
    spec = KINDS[kind]    # tables and expressions from ingest.kinds.spec, never from input
    rows = " union all ".join("select " + spec.first_year + " as y0, " + spec.last_year + " as y1 from " + table
                              + " where import_id = $id" for table in spec.span_tables)
    params = {"id": import_id, "data_date": data_date} if kind == "activity" else {"id": import_id}
    return tuple(con.sql("select min(y0), max(y1) from (" + rows + ")", params=params).fetchall()[0])


def _data_date(given: dt.date | None, table: Table, import_day: dt.date) -> tuple[dt.date, str]:
    """The activity export's extraction date and where it came from: given (--udtraeksdato), else the
    date the file states above its header, else the import date."""
    if given is not None:
        return given, t("import.data_date.given")
    stated = extraction_date(table.title_rows)
    if stated is not None:
        return stated[0], t("import.data_date.title", title=stated[1])
    return import_day, t("import.data_date.import_day")


def _after_data_date_notes(frame: pl.DataFrame, data_date: dt.date) -> list[str]:
    """Measures that start after the extraction date are stored, but count only from a later extract."""
    later = frame.filter(pl.col("start_date") > data_date)
    if later.is_empty():
        return []
    lines = later.get_column("source_row").sort().head(10).to_list() if "source_row" in later.columns else []
    where = (" (" + t("import.rows_list", rows=", ".join(map(str, lines)) + (" ..." if later.height > 10 else ""))
             + ")") if lines else ""
    return [t("import.note.after_data_date", count=later.height, date=f"{data_date:%d-%m-%Y}", where=where)]


def _sha256(path: Path, report: Report, inspect: Callable[[bytes], None] | None = None,
            progress: Progress = _no_progress) -> str:
    """SHA-256 of the file, read in chunks; an unreadable or empty file is rejected. inspect, if
    given, sees every chunk as well, in a second thread while this one hashes it (hashlib releases
    the GIL on large buffers): a large file is read once and costs little more than the hashing."""
    digest = hashlib.sha256()
    blank = True
    done = 0
    try:
        total = path.stat().st_size
        with open(path, "rb") as fh, ThreadPoolExecutor(max_workers=1) as helper:
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_SEQUENTIAL)   # larger read-ahead
            while chunk := fh.read(16 * 1024 * 1024):
                seen = helper.submit(inspect, chunk) if inspect is not None else None
                digest.update(chunk)
                blank = blank and not chunk.strip()
                if seen is not None:
                    seen.result()
                done += len(chunk)
                progress("hash", done, total)
    except OSError as exc:
        report.add(None, None, None, t("import.file_unreadable", error=exc))
        raise ImportRejected(report) from exc
    if blank:
        report.add(None, None, None, t("import.file_empty"))
        raise ImportRejected(report)
    return digest.hexdigest()


def _ledger_summary(con: duckdb.DuckDBPyConnection, import_id: int) -> tuple[int, str, dict[int, float]]:
    rows, first, last = con.sql("select count(*), min(year), max(year) from ledger where import_id = $id",
                                params={"id": import_id}).fetchall()[0]
    totals = con.sql("select year, sum(amount_dkk)::double from ledger where import_id = $id and amount_kind = 'actual' "
                     "group by year", params={"id": import_id}).fetchall()
    return rows, (f"{first}-{last}" if rows else t("import.periods.none")), {int(y): float(v) for y, v in totals}


def _notes(kind: str, not_loaded: list[int]) -> list[str]:
    if not not_loaded:
        return []
    lines = not_loaded[:10]
    what = t({"benchmark": "import.not_loaded.benchmark",
              "population": "import.not_loaded.population"}.get(kind, "import.not_loaded.functions"))
    return [t("import.note.not_loaded", count=len(not_loaded), what=what,
              rows=", ".join(map(str, lines)) + (" ..." if len(not_loaded) > 10 else ""))]


def _rounding_notes(count: int, first_lines: list[int]) -> list[str]:
    """Amounts with more than two decimals are stored rounded to whole øre; the summary says where."""
    if not count:
        return []
    more = " ..." if count > len(first_lines) else ""
    return [t("import.note.rounded", count=count, rows=", ".join(map(str, first_lines)) + more)]


def _delete_import(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    for table in TABLES + ("import_change", "savings_change", "import_log"):
        con.execute("delete from " + table + " where import_id = $id", {"id": import_id})


def _insert(con: duckdb.DuckDBPyConnection, kind: str, frame: pl.DataFrame, import_id: int) -> None:
    frame = frame.with_columns(pl.lit(import_id, dtype=pl.Int32).alias("import_id"))
    if kind == "savings":
        targets = frame.filter(pl.col("kind") == "target").select("import_id", "year", "area", "amount_dkk")
        effects = frame.filter(pl.col("kind") != "target")
        initiatives = (effects.filter(pl.col("initiative_id") != UNASSIGNED_INITIATIVE).group_by("initiative_id").agg(pl.col("initiative").drop_nulls().first(),
                                                              pl.col("area").drop_nulls().first(),
                                                              pl.col("segment").drop_nulls().first())
                       .with_columns(pl.lit(import_id, dtype=pl.Int32).alias("import_id"),
                                     pl.coalesce("initiative", "initiative_id").alias("name"))
                       .select("import_id", "initiative_id", "name", "area", "segment").sort("initiative_id"))
        effects = effects.select("import_id", "initiative_id", "year", "kind", "amount_dkk")
        for table, df in (("savings_target", targets), ("savings_initiative", initiatives), ("savings_effect", effects)):
            _insert_frame(con, table, df)
        return
    _insert_frame(con, KINDS[kind].tables[0], frame)


def _insert_frame(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> None:
    # table comes from ingest.kinds.spec, never from input
    cols = ", ".join(df.columns)
    con.register("incoming_rows", df)
    try:
        con.execute("insert into " + table + " (" + cols + ") select " + cols + " from incoming_rows")
    finally:
        con.unregister("incoming_rows")


def _periods(frame: pl.DataFrame) -> str:
    if frame.is_empty():
        return t("import.periods.none")
    if "year" in frame.columns:
        years = frame["year"]
        return f"{years.min()}-{years.max()}"
    if "start_date" in frame.columns:
        open_ended = frame["end_date"].null_count()
        last = frame["end_date"].max()
        end = f"{last:%d-%m-%Y}" if last is not None else t("import.periods.today")
        return t("import.periods.activity", first=f"{frame['start_date'].min():%d-%m-%Y}", last=end,
                 open_ended=open_ended)
    return "-"


def _totals(kind: str, frame: pl.DataFrame) -> dict[int, float | None]:
    if frame.is_empty():
        return {}
    if kind == "ledger":
        f = frame.filter(pl.col("amount_kind") == "actual").group_by("year").agg(pl.col("amount_dkk").sum())
        return {int(y): float(v) for y, v in f.iter_rows()}
    if kind == "savings":
        # a year with a target of "no figure yet" has no known total: None, shown as '–', never 0
        f = frame.filter(pl.col("kind") == "target").group_by("year").agg(
            pl.col("amount_dkk").sum(), pl.col("amount_dkk").null_count().alias("unknown"))
        return {int(y): None if unknown else float(v) for y, v, unknown in f.iter_rows()}
    return {}
