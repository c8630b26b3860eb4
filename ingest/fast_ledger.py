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
    if encoding != "utf-8":
        fd, name = tempfile.mkstemp(suffix=".csv")
        os.close(fd)
        temp = Path(name)
        _transcode(path, temp, encoding)
        utf8_path = temp
    return Prepared(utf8_path, header_line, table.header, table.columns, table.delimiter, temp)


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
    """All data rows as text into temp table raw_ledger(source_row, c0..cN); returns the row count."""
    names = [f"c{i}" for i in range(len(prep.header))]
    con.execute(
        "create or replace temp table raw_ledger as "
        "select (row_number() over () + $header_line)::integer as source_row, * "
        "from read_csv($path, delim = $delim, quote = '\"', escape = '\"', header = false, skip = $skip, "
        "all_varchar = true, null_padding = true, names = $names)",
        {"header_line": prep.header_line, "path": str(prep.utf8_path), "delim": prep.delimiter,
         "skip": prep.header_line, "names": names},
    )
    return con.sql("select count(*) from raw_ledger").fetchall()[0][0]


def _col(prep: Prepared, field: str) -> str | None:
    idx = prep.columns.get(field)
    return None if idx is None else f"c{idx}"


def _distinct(con: duckdb.DuckDBPyConnection, column: str) -> list[tuple[str | None, int]]:
    """Distinct raw values of one column with the first row each occurs on."""
    return con.sql("select " + column + ", min(source_row) from raw_ledger group by 1").fetchall()


def convert(con: duckdb.DuckDBPyConnection, prep: Prepared, mapping: Mapping, report: Report,
            ref: Reference, opts: Options) -> tuple[int, list[int]]:
    """Validate raw_ledger and build temp table ledger_rows (schema of ledger minus import_id).

    Returns (rows read, row numbers not loaded because of --skip-unknown-functions).
    """
    n = load_raw(con, prep)
    if n == 0:
        report.add(None, None, None, "filen har ingen datarækker under overskriften")
        return 0, []
    # per-distinct-value parsing with the Python rules, reported on the first row a bad value occurs
    probe = Table(file=report.file, header=prep.header, rows=[[]], line_numbers=[0], columns=prep.columns)
    rows = _Rows(probe, mapping, report)
    rows.skip_unknown = opts.skip_unknown_functions

    def per_value(field: str, parse) -> pl.DataFrame:
        column = _col(prep, field)
        out = []
        if column is None:
            return pl.DataFrame(schema={"raw": pl.String, "value": pl.String})
        for raw, first_row in _distinct(con, column):
            probe.rows[0] = [None] * len(prep.header)
            probe.rows[0][prep.columns[field]] = raw
            probe.line_numbers[0] = first_row
            before = report.total
            value = parse()
            if report.total > before:
                count = con.sql("select count(*) from raw_ledger where " + column + " is not distinct from $v",
                                params={"v": raw}).fetchall()[0][0]
                if count > 1:
                    report.total += count - 1   # every affected row counts; the first is shown
            out.append((raw, None if value is None else str(value)))
        return pl.DataFrame(out, schema={"raw": pl.String, "value": pl.String}, orient="row")

    from ingest.kinds import _function, _kommune

    year_map = per_value("year", lambda: rows.integer(0, "year", 1990, 2100))
    month_map = per_value("month", lambda: rows.integer(0, "month", 1, 12))
    kind_map = per_value("amount_kind", lambda: rows.coded(0, "amount_kind", AMOUNT_KINDS))
    skipped_first: list[int] = []
    keys: list[tuple] = []
    account = _col(prep, "account")
    for raw, first_row in _distinct(con, account):
        probe.rows[0] = [None] * len(prep.header)
        probe.rows[0][prep.columns["account"]] = raw
        probe.line_numbers[0] = first_row
        before = report.total
        key = _function(rows, 0, "account", ref, skipped_first)
        if key is not None and key[1] is None:
            rows.fail(0, "account", raw, "en kontonøgle med dranst (fx 538501003 eller 5.38.50.1.003)")
            key = None
        if report.total > before:
            count = con.sql("select count(*) from raw_ledger where " + account + " is not distinct from $v",
                            params={"v": raw}).fetchall()[0][0]
            report.total += count - 1
        keys.append((raw, *(key if key else (None, None, None))))
    key_map = pl.DataFrame(keys, schema={"raw": pl.String, "function_code": pl.String, "dranst": pl.Int32,
                                         "gruppering": pl.String}, orient="row")
    if "kommunekode" in prep.columns:
        kommune_map = per_value("kommunekode", lambda: _kommune(rows, 0, ref, opts))
    else:
        if opts.kommunekode is None:
            report.add(None, None, None, "en kommunekode (kolonne i filen eller --kommune)")
        kommune_map = pl.DataFrame(schema={"raw": pl.String, "value": pl.String})

    _check_cpr(con, prep, report)
    decimal = _decimal(con, prep)
    _check_amounts(con, prep, report, decimal)
    if report:
        return n, []

    con.register("year_map", year_map)
    con.register("month_map", month_map)
    con.register("kind_map", kind_map)
    con.register("key_map", key_map)
    con.register("kommune_map", kommune_map)
    amount = _col(prep, "amount")
    kommune_col = _col(prep, "kommunekode")
    kommune_expr = "coalesce(try_cast(km.value as integer), $default_kommune)" if kommune_col else "$default_kommune"
    kommune_join = ("left join kommune_map km on km.raw is not distinct from r." + kommune_col) if kommune_col else ""

    def opt(field: str) -> str:
        c = _col(prep, field)
        return "nullif(trim(r." + c + "), '')" if c else "null"

    con.execute(
        "create or replace temp table ledger_rows as "
        "select r.source_row, " + kommune_expr + " as kommunekode, "
        "ym.value::integer as year, mm.value::integer as month, k.function_code, k.dranst, k.gruppering, "
        + opt("art") + " as art, amount_fix.amount_dkk, km2.value as amount_kind, "
        + opt("cost_center") + " as cost_center, " + opt("provider") + " as provider, " + opt("text") + " as text "
        "from raw_ledger r "
        "join year_map ym on ym.raw is not distinct from r." + _col(prep, "year") + " "
        "join month_map mm on mm.raw is not distinct from r." + _col(prep, "month") + " "
        "join kind_map km2 on km2.raw is not distinct from r." + _col(prep, "amount_kind") + " "
        "join key_map k on k.raw is not distinct from r." + account + " "
        + kommune_join + " "
        "join amounts amount_fix on amount_fix.source_row = r.source_row "
        "where k.function_code is not null",
        {"default_kommune": opts.kommunekode},
    )
    for view in ("year_map", "month_map", "kind_map", "key_map", "kommune_map"):
        con.unregister(view)
    skipped: list[int] = []
    if opts.skip_unknown_functions:
        skipped = [r[0] for r in con.sql(
            "select source_row from raw_ledger anti join ledger_rows using (source_row) order by source_row"
        ).fetchall()]
    return n, skipped


def _decimal(con: duckdb.DuckDBPyConnection, prep: Prepared) -> str:
    amount = _col(prep, "amount")
    sample = [r[0] for r in con.sql("select " + amount + " from raw_ledger where " + amount +
                                    " is not null limit 5000").fetchall()]
    return detect_decimal_separator(sample)


def _check_amounts(con: duckdb.DuckDBPyConnection, prep: Prepared, report: Report, decimal: str) -> None:
    """temp table amounts(source_row, amount_dkk); unparsable amounts go to the report."""
    amount = _col(prep, "amount")
    pattern = AMOUNT_COMMA if decimal == "," else AMOUNT_POINT
    thousands, dec = (".", ",") if decimal == "," else (",", ".")
    con.execute(
        "create or replace temp table amounts as "
        "with s as (select source_row, " + amount + " as raw, "
        "  regexp_replace(trim(coalesce(" + amount + ", '')), '[\\s\u00a0]', '', 'g') as t from raw_ledger), "
        "signed as (select source_row, raw, t, "
        "  case when t like '(%)' then substr(t, 2, length(t) - 2) "
        "       when t like '%-' then substr(t, 1, length(t) - 1) "
        "       when t like '-%' or t like '+%' then substr(t, 2) else t end as body, "
        "  (t like '(%)' or t like '%-' or t like '-%') as negative from s) "
        "select source_row, raw, "
        "  case when regexp_full_match(body, $pattern) then "
        "    round((case when negative then -1 else 1 end) * "
        "      replace(replace(body, $thousands, ''), $dec, '.')::decimal(38, 4), 2)::decimal(18, 2) end as amount_dkk "
        "from signed",
        {"pattern": pattern, "thousands": thousands, "dec": dec},
    )
    # what the strict SQL pattern did not take: empty (an error: the amount is required) or other forms
    leftovers = con.sql("select raw, min(source_row), count(*) from amounts where amount_dkk is null group by raw").fetchall()
    if not leftovers:
        return
    header = prep.header[prep.columns["amount"]]
    fixes = []
    sep = "komma" if decimal == "," else "punktum"
    for raw, first_row, count in sorted(leftovers, key=lambda r: r[1]):
        value = None
        try:
            value = parse_number(raw or "", decimal=decimal)
        except ValueError:
            pass
        if value is None:
            expected = "et tal" if not (raw or "").strip() else f"et tal (decimal{sep}, fx 1.234,50 eller 1234,5)"
            report.add(first_row, header, _text(raw), expected)
            report.total += count - 1
        else:
            fixes.append((raw, round(value, 2)))
    if fixes:
        fix = pl.DataFrame(fixes, schema={"raw": pl.String, "amount": pl.Float64}, orient="row")
        con.register("amount_fixes", fix)
        con.execute("update amounts set amount_dkk = f.amount::decimal(18, 2) from amount_fixes f "
                    "where amounts.raw = f.raw and amounts.amount_dkk is null")
        con.unregister("amount_fixes")


def _check_cpr(con: duckdb.DuckDBPyConnection, prep: Prepared, report: Report) -> None:
    """A CPR-looking value in any column of a ledger rejects the file (candidates found in SQL)."""
    for i, header in enumerate(prep.header):
        column = f"c{i}"
        hits = con.sql("select source_row, " + column + " from raw_ledger where regexp_matches(" + column +
                       ", $p) order by source_row", params={"p": CPR_CANDIDATE}).fetchall()
        for source_row, value in hits:
            if looks_like_cpr(value):
                report.add(source_row, header or f"kolonne {i + 1}", "(skjult: ligner et CPR-nummer)",
                           "ingen CPR-numre uden for borger-kolonnen; fjern dem fra filen")
