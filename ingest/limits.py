"""Limits of an import, checked before the expensive work (data/reference/import_limits.toml).

A small file can cost a lot: thousands of empty columns (the fast ledger path groups every column), a
measure starting in year 1 (the derived tables have a row per measure and month), a hundred thousand
providers (the decomposition's tables have a row per provider and month), or an XLSX whose few MB unpack
to millions of shared strings or rows (read into memory before the first row). Each limit is checked as
early as what it counts is known, and a file beyond it is rejected with one line naming the file, what it
has and the limit; nothing is loaded.

The limits live in one file, data/reference/import_limits.toml; $DASHBOARD_IMPORT_LIMITS names another
TOML file whose values replace those (tests use it to run the same checks on small files).
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

import settings
from i18n import t
from ingest.report import Report

LIMITS_FILE = settings.IMPORT_LIMITS_FILE
LIMITS_NAME = "data/reference/import_limits.toml"
# activity columns the pages split by: their distinct values multiply the decomposition's rows
SEGMENT_COLUMNS = {"provider": "leverandør", "measure": "ydelse", "offer_type": "tilbudstype",
                   "paragraph": "paragraf"}


@dataclass(frozen=True)
class Limits:
    max_columns: int
    max_rows: int
    max_rows_ledger_csv: int
    xlsx_max_rows: int
    xlsx_max_inflated_mb: int
    xlsx_max_shared_strings: int
    activity_earliest_date: dt.date
    activity_max_measure_months: int
    activity_max_distinct_values: int
    worker_memory_limit_mb: int
    worker_duckdb_memory_limit_mb: int
    worker_address_space_slack_mb: int


def _flatten(raw: dict) -> dict:
    """{'file': {'max_rows': 1}} -> {'max_rows': 1}; sections other than [file] prefix their names."""
    out = {}
    for section, values in raw.items():
        for name, value in values.items():
            out[name if section == "file" else f"{section}_{name}"] = value
    return out


def load_limits(path: Path | None = None) -> Limits:
    """The limits of data/reference/import_limits.toml, with the values of `path` (default
    $DASHBOARD_IMPORT_LIMITS, if set) replacing those it names."""
    values = _flatten(tomllib.loads(LIMITS_FILE.read_text(encoding="utf-8")))
    override = path or settings.import_limits_override()
    if override is not None:
        extra = _flatten(tomllib.loads(Path(override).read_text(encoding="utf-8")))
        unknown = set(extra) - set(values)
        if unknown:
            raise ValueError(f"{override}: unknown limits {', '.join(sorted(unknown))}")
        values.update(extra)
    return Limits(**values)


def current() -> Limits:
    """The limits in force now (read on every import, so an edited file applies to the next one)."""
    return load_limits()


def _n(x: int | float) -> str:
    """Danish thousands separators: 1.048.576."""
    return f"{x:,.0f}".replace(",", ".")


def _date(d: dt.date) -> str:
    """dd-mm-yyyy with a four-digit year (strftime writes year 1 as '1')."""
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


def _where(setting: str) -> str:
    return t("import.limit.where", setting=setting, file=LIMITS_NAME)


# --- files ---------------------------------------------------------------------------------------

def check_text_lines(data: bytes, report: Report, limits: Limits) -> bool:
    """A CSV read row by row: its physical lines (at least its rows) against max_rows, before parsing."""
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if lines - 1 > limits.max_rows:
        report.add(None, None, None, t("import.limit.text_lines", lines=_n(lines), limit=_n(limits.max_rows),
                                       where=_where('file.max_rows')))
        return False
    return True


def check_ledger_csv_lines(lines: int, report: Report, limits: Limits) -> bool:
    """A ledger CSV read by DuckDB: its physical lines (counted while the file was hashed) against
    max_rows_ledger_csv."""
    if lines - 1 > limits.max_rows_ledger_csv:
        report.add(None, None, None, t("import.limit.ledger_lines", lines=_n(lines),
                                       limit=_n(limits.max_rows_ledger_csv), where=_where('file.max_rows_ledger_csv')))
        return False
    return True


def check_columns(header_width: int, rows: list[list[object]], line_numbers: list[int], header_line: int,
                  report: Report, limits: Limits) -> bool:
    """The header row and every row against max_columns (trailing empty cells do not count)."""
    if header_width > limits.max_columns:
        report.add(header_line or None, None, None, t("import.limit.header_columns", columns=_n(header_width),
                                                      limit=_n(limits.max_columns), where=_where('file.max_columns')))
        return False
    for row, line in zip(rows, line_numbers):
        if len(row) > limits.max_columns:
            width = len(row)
            while width and row[width - 1] in (None, ""):
                width -= 1
            if width > limits.max_columns:
                report.add(line, None, None, t("import.limit.row_columns", columns=_n(width),
                                               limit=_n(limits.max_columns), where=_where('file.max_columns')))
                return False
    return True


def check_rows(rows: int, report: Report, limits: Limits) -> bool:
    if rows > limits.max_rows:
        report.add(None, None, None, t("import.limit.rows", rows=_n(rows), limit=_n(limits.max_rows),
                                       where=_where('file.max_rows')))
        return False
    return True


# --- XLSX ----------------------------------------------------------------------------------------

_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"")
_TARGET = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_SMALL_PART = 1024 * 1024     # workbook.xml and its relations: read whole to find the first sheet
_CHUNK = 4 * 1024 * 1024


def _tags(data: bytes, prefix: bytes, name: bytes) -> int:
    """Elements <name> or <name ...> (with the part's namespace prefix) in data; <rowBreaks> is not a row."""
    tag = b"<" + prefix + name
    return data.count(tag + b" ") + data.count(tag + b">") + data.count(tag + b"\n") + data.count(tag + b"\r")


def _count(z: zipfile.ZipFile, info: zipfile.ZipInfo, root: bytes | None, name: bytes,
           budget: int) -> tuple[int, int]:
    """(elements `name` in one part, bytes inflated), unpacked in a stream that stops once `budget`
    bytes are exceeded. root: the part's root element, whose namespace prefix the elements share (None:
    only unpack)."""
    count = inflated = 0
    prefix = b""
    tail = b""
    with z.open(info) as part:
        while chunk := part.read(_CHUNK):
            if root is not None and not inflated:
                m = re.search(rb"<(\w+:)?" + root + rb"\b", chunk[:4096])
                prefix = (m.group(1) or b"") if m else b""
            inflated += len(chunk)
            if root is not None:
                data = tail + chunk
                # an element split between two chunks is counted once, in the joined tail
                count += _tags(data, prefix, name) - _tags(tail, prefix, name)
                tail = data[-64:]
            if inflated > budget:
                break
    return count, inflated


def _first_sheet(z: zipfile.ZipFile, names: set[str]) -> str | None:
    """Path of the first worksheet (the one read), from xl/workbook.xml and its relations."""
    try:
        workbook = z.open("xl/workbook.xml").read(_SMALL_PART)
        rels = z.open("xl/_rels/workbook.xml.rels").read(_SMALL_PART)
    except KeyError:
        return None
    first = _SHEET.search(workbook)
    if first is None:
        return None
    for rel in _TARGET.findall(rels):
        rid = re.search(rb'\bId="([^"]+)"', rel)
        target = re.search(rb'\bTarget="([^"]+)"', rel)
        if rid and target and rid.group(1) == first.group(1):
            path = target.group(1).decode("utf-8", "replace").lstrip("/")
            path = path if path.startswith("xl/") else "xl/" + path
            return path if path in names else None
    return None


def check_xlsx(data_path: Path, report: Report, limits: Limits) -> bool:
    """An XLSX file's unpacked size, shared strings and rows of its first sheet, counted by unpacking it
    once in a stream (no XML is built) before openpyxl reads anything."""
    try:
        z = zipfile.ZipFile(data_path)
    except (zipfile.BadZipFile, OSError):
        return True          # not a zip: read_xlsx_rows says what it is
    with z:
        infos = [i for i in z.infolist() if not i.is_dir()]
        names = {i.filename for i in infos}
        budget = limits.xlsx_max_inflated_mb * 1024 * 1024
        sheet = _first_sheet(z, names)
        inflated = 0
        for info in infos:
            left = budget - inflated
            if info.filename == "xl/sharedStrings.xml":
                strings, size = _count(z, info, b"sst", b"si", left)
                inflated += size
                if strings > limits.xlsx_max_shared_strings:
                    report.add(None, None, None, t("import.limit.shared_strings", strings=_n(strings),
                                                   limit=_n(limits.xlsx_max_shared_strings),
                                                   where=_where('xlsx.max_shared_strings')))
                    return False
            elif info.filename == sheet or (sheet is None and info.filename.startswith("xl/worksheets/")):
                rows, size = _count(z, info, b"worksheet", b"row", left)
                inflated += size
                if rows > limits.xlsx_max_rows:
                    report.add(None, None, None, t("import.limit.sheet_rows", rows=_n(rows),
                                                   limit=_n(limits.xlsx_max_rows), where=_where('xlsx.max_rows')))
                    return False
            else:
                inflated += _count(z, info, None, b"", left)[1]
            if inflated > budget:
                report.add(None, None, None, t("import.limit.inflated", limit=_n(limits.xlsx_max_inflated_mb),
                                               packed=_n(data_path.stat().st_size / 1024 / 1024 or 1),
                                               where=_where('xlsx.max_inflated_mb')))
                return False
    return True


# --- activity ------------------------------------------------------------------------------------

def _lines(lines: list[int], total: int) -> str:
    more = " ..." if total > len(lines) else ""
    return ", ".join(map(str, lines)) + more


def check_activity(frame: pl.DataFrame, header: dict[str, str], report: Report, limits: Limits,
                   today: dt.date | None = None) -> bool:
    """Converted activity rows (before they are loaded): start dates not before earliest_date, the
    measure-months they span (from each start month to the end month, open measures to today's month,
    both included) at most max_measure_months, and at most max_distinct_values distinct values in each
    column the pages split by. `header` maps a canonical field to the column name in the file."""
    ok = True
    earliest = limits.activity_earliest_date
    early = frame.filter(pl.col("start_date") < earliest).sort("source_row")
    if early.height:
        first = early.sort("start_date").row(0, named=True)
        report.add(None, header.get("start_date"), None, t(
            "import.limit.early_start", count=_n(early.height), earliest=_date(earliest),
            first=_date(first["start_date"]), line=first["source_row"],
            rows=_lines(early["source_row"].head(10).to_list(), early.height), where=_where('activity.earliest_date')))
        ok = False
    today = today or dt.date.today()
    months = frame.select(
        start=pl.col("start_date").dt.year().cast(pl.Int64) * 12 + pl.col("start_date").dt.month(),
        end=pl.col("end_date").fill_null(today).dt.year().cast(pl.Int64) * 12
        + pl.col("end_date").fill_null(today).dt.month(),
    ).select((pl.col("end") - pl.col("start") + 1).clip(lower_bound=0).sum()).item() or 0
    if ok and months > limits.activity_max_measure_months:
        report.add(None, None, None, t("import.limit.measure_months", measures=_n(frame.height), months=_n(months),
                                       limit=_n(limits.activity_max_measure_months),
                                       where=_where('activity.max_measure_months')))
        ok = False
    for field, name in SEGMENT_COLUMNS.items():
        if field not in frame.columns:
            continue
        distinct = frame.get_column(field).n_unique()
        if distinct > limits.activity_max_distinct_values:
            report.add(None, header.get(field, name), None, t(
                "import.limit.distinct_values", count=_n(distinct), name=name,
                limit=_n(limits.activity_max_distinct_values), where=_where('activity.max_distinct_values')))
            ok = False
    return ok


def report_xlsx_limit(row: int, cells: int | None, report: Report, limits: Limits) -> None:
    """The message for a sheet read up to a row beyond xlsx.max_rows (cells None) or a row wider than
    file.max_columns (ingest.read.xlsx.XlsxLimitExceeded)."""
    if cells is None:
        report.add(None, None, None, t("import.limit.sheet_beyond", limit=_n(limits.xlsx_max_rows),
                                       where=_where('xlsx.max_rows')))
    else:
        report.add(row, None, None, t("import.limit.row_columns", columns=_n(cells), limit=_n(limits.max_columns),
                                      where=_where('file.max_columns')))
