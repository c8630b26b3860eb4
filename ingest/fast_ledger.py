"""Ledger CSV import at DuckDB speed, with the same rules and messages as ingest.kinds.

A ledger export can hold tens of millions of rows, so the rows never pass through Python one by one:
DuckDB's CSV reader loads every cell as text into a temporary table, high-cardinality columns (amount)
are parsed in SQL, and low-cardinality columns (account key, year, month, amount kind, municipality)
are parsed once per distinct value with the Python rules of ingest.parsing / ingest.kinds and joined
back. Values the strict SQL patterns do not accept are re-parsed by ingest.parsing.parse_number, so an
accepted amount always means what the Python parser says it means.

Row numbers in messages are physical line numbers (header line + data row index); they assume no
line breaks inside quoted cells, which ERP ledger exports do not use.
"""
from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from ingest.kinds import AMOUNT_KINDS, Options, Reference, _Rows, _text, Table
from ingest.mappings import Mapping
from ingest.parsing import (
    TableReadError,
    detect_decimal_separator,
    detect_encoding,
    looks_like_cpr,
    parse_number,
    read_csv_rows,
)
from ingest.report import Report

PREFIX_BYTES = 256 * 1024
CPR_CANDIDATE = r"\d{6}[- ]?\d{4}"
AMOUNT_COMMA = r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$"
AMOUNT_POINT = r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$"


@dataclass
class Prepared:
    """The header found in the file's first lines and a UTF-8 path DuckDB can read."""

    utf8_path: Path
    header_line: int           # 1-based physical line of the header
    header: list[str]
    columns: dict[str, int]    # canonical field -> column index
    delimiter: str
    temp: Path | None          # transcoded copy to delete afterwards
    encoding: str = "utf-8"    # what DuckDB reads utf8_path as (utf-8 or latin-1)
    rowid_base: int = 0        # rowid of the first data row in raw_ledger


def prepare(path: Path, mapping: Mapping, report: Report, header_finder) -> Prepared | None:
    """Check the encoding, find the header with the normal reader on a prefix, transcode to UTF-8."""
    with open(path, "rb") as fh:
        head = fh.read(PREFIX_BYTES)
    cut = head.rfind(b"\n")
    prefix = head if cut < 0 or len(head) < PREFIX_BYTES else head[: cut + 1]
    try:
        encoding = detect_encoding(prefix)
    except TableReadError as exc:
        report.add(exc.row, None, None, str(exc))
        return None
    if encoding == "utf-8" and not _is_utf8(path):
        encoding = "cp1252"
    if _quotes_unbalanced(path):
        try:
            read_csv_rows(path.read_bytes())
        except TableReadError as exc:
            report.add(exc.row, None, None, str(exc))
            return None
    try:
        table = header_finder(prefix)
    except TableReadError as exc:
        report.add(exc.row, None, None, str(exc))
        return None
    if table is None:
        return None
    header_line = table.header_line
    temp = None
    utf8_path = path
    duckdb_encoding = "utf-8"
    if encoding in ("cp1252", "latin-1") and not _has_cp1252_only_bytes(path):
        duckdb_encoding = "latin-1"      # identical to Windows-1252 outside 0x80-0x9f: DuckDB reads it natively
    elif encoding != "utf-8":
        fd, name = tempfile.mkstemp(suffix=".csv")
        os.close(fd)
        temp = Path(name)
        _transcode(path, temp, encoding)
        utf8_path = temp
    return Prepared(utf8_path, header_line, table.header, table.columns, table.delimiter, temp, duckdb_encoding)


_C1_BYTES = bytes(range(0x80, 0xA0))


def _has_cp1252_only_bytes(path: Path) -> bool:
    """True when the file has bytes 0x80-0x9f, where Windows-1252 and Latin-1 differ (e.g. en dash)."""
    with open(path, "rb") as fh:
        while chunk := fh.read(16 * 1024 * 1024):
            if len(chunk.translate(None, _C1_BYTES)) != len(chunk):
                return True
    return False


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        try:
            while chunk := fh.read(16 * 1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _quotes_unbalanced(path: Path) -> bool:
    count = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(16 * 1024 * 1024):
            count += chunk.count(b'"')
    return count % 2 == 1


def _transcode(src: Path, dst: Path, encoding: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding if encoding != "utf-8-sig" else "utf-8-sig")(errors="strict")
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(16 * 1024 * 1024):
            fout.write(decoder.decode(chunk).encode("utf-8"))
        fout.write(decoder.decode(b"", final=True).encode("utf-8"))


def load_raw(con: duckdb.DuckDBPyConnection, prep: Prepared) -> int:
    """All data rows as text into temp table raw_ledger(c0..cN); returns the row count.

    The physical line of a row is rowid + header_line + 1 (DuckDB keeps insertion order).
    """
    names = [f"c{i}" for i in range(len(prep.header))]
    con.execute(
        "create or replace temp table raw_ledger as "
        "select * from read_csv($path, delim = $delim, quote = '\"', escape = '\"', header = false, skip = $skip, "
        "all_varchar = true, null_padding = true, names = $names, encoding = $encoding)",
        {"path": str(prep.utf8_path), "delim": prep.delimiter, "skip": prep.header_line, "names": names,
         "encoding": prep.encoding},
    )
    count, base = con.sql("select count(*), coalesce(min(rowid), 0) from raw_ledger").fetchall()[0]
    # rows written inside a transaction get rowids from a high offset: line = rowid - base + first line
    prep.rowid_base = base
    return count


def _col(prep: Prepared, field: str) -> str | None:
    idx = prep.columns.get(field)
    return None if idx is None else f"c{idx}"


class _ValueParser:
    """Parse each distinct raw value of a column once with the Python rules of ingest.kinds."""

    def __init__(self, con: duckdb.DuckDBPyConnection, prep: Prepared, mapping: Mapping, report: Report):
        self.con, self.prep, self.report = con, prep, report
        self.probe = Table(file=report.file, header=prep.header, rows=[[]], line_numbers=[0], columns=prep.columns)
        self.rows = _Rows(self.probe, mapping, report)
        self.first_line = prep.header_line + 1 - prep.rowid_base

    def map(self, field: str, parse) -> list[tuple[str | None, object]]:
        """[(raw value, parsed value or None)] for every distinct value of the field's column."""
        column = _col(self.prep, field)
        distinct = self.con.sql("select " + column + ", min(rowid), count(*) from raw_ledger group by 1").fetchall()
        out = []
        for raw, first_rowid, count in sorted(distinct, key=lambda r: r[1]):
            self.probe.rows[0] = [None] * len(self.prep.header)
            self.probe.rows[0][self.prep.columns[field]] = raw
            self.probe.line_numbers[0] = first_rowid + self.first_line
            before = self.report.total
            value = parse(self.rows)
            if self.report.total > before:
                self.report.total += count - 1      # every affected row counts; the first one is shown
                value = None
            out.append((raw, value))
        return out


def convert_and_insert(con: duckdb.DuckDBPyConnection, prep: Prepared, mapping: Mapping, report: Report,
                       ref: Reference, opts: Options, import_id: int) -> tuple[int, list[int]]:
    """Validate the export and insert its rows into ledger with import_id, all inside the caller's
    transaction. Returns (rows read, line numbers not loaded because of --skip-unknown-functions);
    problems go to the report and nothing is inserted when there are any."""
    from ingest.kinds import _function, _kommune

    n = load_raw(con, prep)
    if n == 0:
        report.add(None, None, None, "filen har ingen datarækker under overskriften")
        return 0, []
    values = _ValueParser(con, prep, mapping, report)
    values.rows.skip_unknown = opts.skip_unknown_functions
    years = values.map("year", lambda r: r.integer(0, "year", 1990, 2100))
    months = values.map("month", lambda r: r.integer(0, "month", 1, 12))
    kinds = values.map("amount_kind", lambda r: r.coded(0, "amount_kind", AMOUNT_KINDS))

    def account(r: _Rows):
        key = _function(r, 0, "account", ref, [])
        if key is not None and key[1] is None:
            r.fail(0, "account", r.raw(0, "account"), "en kontonøgle med dranst (fx 538501003 eller 5.38.50.1.003)")
            return None
        return key

    keys = values.map("account", account)
    kommune_col = _col(prep, "kommunekode")
    kommunes = values.map("kommunekode", lambda r: _kommune(r, 0, ref, opts)) if kommune_col else []
    if kommune_col is None and opts.kommunekode is None:
        report.add(None, None, None, "en kommunekode (kolonne i filen eller --kommune)")
    _check_cpr(con, prep, report)
    decimal = _decimal(con, prep)
    fixes = _check_amounts(con, prep, report, decimal)
    if report:
        return n, []

    maps = {
        "year_map": pl.DataFrame(years, schema={"raw": pl.String, "value": pl.Int32}, orient="row"),
        "month_map": pl.DataFrame(months, schema={"raw": pl.String, "value": pl.Int32}, orient="row"),
        "kind_map": pl.DataFrame(kinds, schema={"raw": pl.String, "value": pl.String}, orient="row"),
        "key_map": pl.DataFrame([(raw, *(k if k else (None, None, None))) for raw, k in keys],
                                schema={"raw": pl.String, "function_code": pl.String, "dranst": pl.Int32,
                                        "gruppering": pl.String}, orient="row"),
        "kommune_map": pl.DataFrame(kommunes, schema={"raw": pl.String, "value": pl.Int32}, orient="row"),
        "amount_fixes": pl.DataFrame(fixes, schema={"raw": pl.String, "amount": pl.Float64}, orient="row"),
    }
    for name, frame in maps.items():
        con.register(name, frame)

    def opt(field: str) -> str:
        c = _col(prep, field)
        return "nullif(trim(r." + c + "), '')" if c else "null"

    amount = "r." + _col(prep, "amount")
    thousands, dec = (".", ",") if decimal == "," else (",", ".")
    trimmed = "trim(" + amount + ")"
    body = "trim(" + trimmed + ", '()+-')"
    sign = ("case when starts_with(" + trimmed + ", '-') or starts_with(" + trimmed + ", '(') or ends_with("
            + trimmed + ", '-') then -1 else 1 end")
    parsed = ("(" + sign + " * replace(replace(" + body + ", '" + thousands + "', ''), '" + dec + "', '.')::decimal(38, 4))")
    amount_expr = ("round(coalesce(try_cast(" + parsed + " as decimal(38, 4)), af.amount::decimal(38, 4)), 2)::decimal(18, 2)"
                   if fixes else "round(" + parsed + ", 2)::decimal(18, 2)")
    kommune_expr = "coalesce(km.value, $default_kommune)" if kommune_col else "$default_kommune"
    try:
        con.execute("set preserve_insertion_order = false")   # source_row comes from rowid, not from order
        con.execute(
            "insert into ledger select $import_id, (r.rowid + $first_line)::integer, " + kommune_expr + ", "
            "ym.value, mm.value, k.function_code, k.dranst, k.gruppering, " + opt("art") + ", " + amount_expr + ", "
            "kd.value, " + opt("cost_center") + ", " + opt("provider") + ", " + opt("text") + " "
            "from raw_ledger r "
            "join year_map ym on ym.raw is not distinct from r." + _col(prep, "year") + " "
            "join month_map mm on mm.raw is not distinct from r." + _col(prep, "month") + " "
            "join kind_map kd on kd.raw is not distinct from r." + _col(prep, "amount_kind") + " "
            "join key_map k on k.raw is not distinct from r." + _col(prep, "account") + " "
            + ("left join kommune_map km on km.raw is not distinct from r." + kommune_col + " " if kommune_col else "")
            + ("left join amount_fixes af on af.raw = " + amount + " " if fixes else "")
            + "where k.function_code is not null",
            {"import_id": import_id, "first_line": prep.header_line + 1 - prep.rowid_base,
             "default_kommune": opts.kommunekode},
        )
        skipped: list[int] = []
        if opts.skip_unknown_functions:
            skipped = [r[0] for r in con.sql(
                "select (r.rowid + $first_line)::integer from raw_ledger r join key_map k on k.raw is not distinct from r."
                + _col(prep, "account") + " where k.function_code is null order by 1",
                params={"first_line": prep.header_line + 1 - prep.rowid_base}).fetchall()]
    finally:
        try:
            con.execute("reset preserve_insertion_order")
            for name in maps:
                con.unregister(name)
            con.execute("drop table if exists raw_ledger")
        except duckdb.Error:
            pass   # the transaction failed; its rollback discards the temp table

    return n, skipped


def _decimal(con: duckdb.DuckDBPyConnection, prep: Prepared) -> str:
    amount = _col(prep, "amount")
    sample = [r[0] for r in con.sql("select " + amount + " from raw_ledger where " + amount +
                                    " is not null limit 5000").fetchall()]
    return detect_decimal_separator(sample)


def _check_amounts(con: duckdb.DuckDBPyConnection, prep: Prepared, report: Report, decimal: str) -> list[tuple[str, float]]:
    """Amounts outside the strict SQL pattern: re-parsed in Python (returned as fixes) or reported."""
    amount = _col(prep, "amount")
    body = AMOUNT_COMMA[1:-1] if decimal == "," else AMOUNT_POINT[1:-1]
    pattern = "^\\s*(\\((" + body + ")\\)|[+-]?(" + body + ")|(" + body + ")-)\\s*$"
    leftovers = con.sql(
        "select " + amount + ", min(rowid), count(*) from raw_ledger "
        "where " + amount + " is null or not regexp_full_match(" + amount + ", $p) group by 1",
        params={"p": pattern}).fetchall()
    header = prep.header[prep.columns["amount"]]
    sep = "komma" if decimal == "," else "punktum"
    fixes = []
    for raw, first_rowid, count in sorted(leftovers, key=lambda r: r[1]):
        value = None
        try:
            value = parse_number(raw or "", decimal=decimal)
        except ValueError:
            pass
        if value is None:
            expected = "et tal" if not (raw or "").strip() else f"et tal (decimal{sep}, fx 1.234,50 eller 1234,5)"
            report.add(first_rowid - prep.rowid_base + prep.header_line + 1, header, _text(raw), expected)
            report.total += count - 1
        else:
            fixes.append((raw, round(value, 2)))
    return fixes


def _check_cpr(con: duckdb.DuckDBPyConnection, prep: Prepared, report: Report) -> None:
    """A CPR-looking value in any column (the amount column aside: it must be a number) rejects the file.
    Candidates are found among each column's distinct values in SQL and confirmed in Python."""
    amount_idx = prep.columns.get("amount")
    for i, header in enumerate(prep.header):
        if i == amount_idx:
            continue
        column = f"c{i}"
        hits = con.sql("with d as (select " + column + " as v, min(rowid) as first_rowid from raw_ledger group by 1) "
                       "select first_rowid, v from d where regexp_matches(v, $p) order by first_rowid",
                       params={"p": CPR_CANDIDATE}).fetchall()
        for first_rowid, value in hits:
            if looks_like_cpr(value):
                report.add(first_rowid - prep.rowid_base + prep.header_line + 1, header or f"kolonne {i + 1}",
                           "(skjult: ligner et CPR-nummer)",
                           "ingen CPR-numre uden for borger-kolonnen; fjern dem fra filen")
