"""Ledger CSV import at DuckDB speed, with the same rules and messages as ingest.kinds.ledger.

A ledger export can hold tens of millions of rows, so the rows never pass through Python one by one.
DuckDB's CSV reader loads the file once, in file order, into a temporary table: every column as text
except the amount, which is parsed in the same pass when it matches the strict pattern of the file's
decimal separator (the text is kept only for amounts that do not). One aggregate pass then yields the
distinct values of every column: low-cardinality columns (account key, year, month, amount kind,
municipality) are parsed once per distinct value with the Python rules of ingest.values / ingest.kinds.rows
and joined back, the others are searched for CPR numbers. Amounts follow ingest.values.amounts.ledger_amount's
rule (whole øre, rounded once from the exact value, below 10^16 kr.): SQL applies it to the strict
pattern with up to 20 decimals (see load_raw); every other amount, and every amount SQL cannot store,
is re-parsed by ingest.values.cells.parse_decimal and ingest.values.amounts.ledger_amount, which rounds it or rejects
it, so an accepted amount always means what the Python rule says it means.

A file that is neither UTF-8 nor Windows-1252 is rejected with the line and column of its first bad
byte, like ingest.read.csv.detect_encoding does for the general path, also when that byte lies beyond
the prefix the encoding is detected from; so is a file that mixes the two (UTF-8 text in a file that is
not valid UTF-8), with the line and column of the first UTF-8 character and of the first byte that is not
UTF-8, wherever in the file they are.

Row numbers in messages are physical line numbers (header line + data row index); they assume no
line breaks inside quoted cells, which ERP ledger exports do not use. A file that has them anyway makes
DuckDB's parallel reader refuse it: convert_and_insert then raises QuotedLineBreaks before anything is
inserted, and the importer reads the file row by row instead (ingest.kinds.ledger, same rules and messages,
lines counted correctly).
"""
from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl

from domain.codes import AMOUNT_KINDS
from i18n import t
from ingest.kinds.rows import (cpr_outside, DECIMAL_SAMPLE, Options, Reference, Rows, Table, cell_text, function_of,
                               kommune_of, number_expected)
from ingest.mappings import Mapping
from ingest.read import TableReadError
from ingest.read.csv import (detect_encoding, find_utf8_character, is_utf8_character, locate_byte,
                             mixed_encoding_error, nul_byte_error, read_csv_rows, reject_binary,
                             undefined_byte_error)
from ingest.values.amounts import ledger_amount
from ingest.values.cells import detect_decimal_separator, parse_decimal
from ingest.values.cpr import CPR_CANDIDATE_RE2, looks_like_cpr
from ingest.report import Report

PREFIX_BYTES = 256 * 1024
AMOUNT_COMMA = r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$"
AMOUNT_POINT = r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$"
_C1_BYTES = bytes(range(0x80, 0xA0))


class QuotedLineBreaks(Exception):
    """The file has a line break inside a quoted cell: read it row by row instead (see module docstring)."""


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
    rounded_rows: int = 0      # rows of raw_ledger whose amount SQL rounded to whole øre


class FileStats:
    """What prepare needs to know about the whole file, gathered chunk by chunk while the importer
    reads the file for its SHA-256 (one read of the file instead of one per question): the number of
    double quotes, whether it is valid UTF-8 (and if not, the offset of its first byte that is not), the
    offset of its first UTF-8 character U+00A0-U+00FF (ingest.read.csv.find_utf8_character: together
    with invalid UTF-8 it means mixed encodings), the offset of its first NUL byte (binary data, also past
    the prefix the encoding is detected from) and whether it has bytes 0x80-0x9f (where Windows-1252
    and Latin-1 differ, e.g. the en dash). Each check stops once it is decided."""

    def __init__(self) -> None:
        self.quotes = 0
        self.lines = 0                          # physical lines (LF, or CR in a file without LF)
        self._lf = self._cr = 0
        self.utf8 = True
        self.not_utf8: int | None = None        # offset of the first byte that is not UTF-8
        self.utf8_character: int | None = None  # offset of the first UTF-8 character U+00A0-U+00FF
        self.c1 = False
        self.nul: int | None = None             # offset of the first NUL byte
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._position = 0                      # offset of the next chunk
        self._last = -1                         # last byte of the previous chunk

    def update(self, chunk: bytes) -> None:
        self.quotes += chunk.count(b'"')
        self._lf += chunk.count(b"\n")
        self._cr += chunk.count(b"\r")
        self.lines = max(self._lf, self._cr)
        if self.utf8:
            self._decode(chunk, final=False)
        if self.utf8_character is None and chunk:
            if is_utf8_character(self._last, chunk[0]):
                self.utf8_character = self._position - 1
            elif (found := find_utf8_character(chunk)) is not None:
                self.utf8_character = self._position + found
            self._last = chunk[-1]
        if not self.c1:
            self.c1 = len(chunk.translate(None, _C1_BYTES)) != len(chunk)
        if self.nul is None and (found := chunk.find(b"\x00")) >= 0:
            self.nul = self._position + found
        self._position += len(chunk)

    def finish(self) -> None:
        if self.utf8:
            self._decode(b"", final=True)

    @property
    def mixed(self) -> bool:
        """Not valid UTF-8, yet with UTF-8 text: ingest.read.csv.detect_encoding rejects such a file."""
        return not self.utf8 and self.utf8_character is not None

    def _decode(self, chunk: bytes, final: bool) -> None:
        pending = len(self._decoder.getstate()[0])    # bytes of an unfinished character from the last chunk
        try:
            self._decoder.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            self.utf8 = False
            self.not_utf8 = self._position - pending + exc.start


def prepare(path: Path, report: Report, header_finder, stats: FileStats) -> Prepared | None:
    """Check the encoding, find the header with the normal reader on a prefix, transcode to UTF-8.
    stats (gathered while the file was hashed) answers the whole-file questions. A file that cannot be
    read as a table is reported (with the line where that is known) and gives None."""
    try:
        return _prepare(path, header_finder, stats)
    except TableReadError as exc:
        report.add(exc.row, None, None, str(exc))
        return None


def _prepare(path: Path, header_finder, stats: FileStats) -> Prepared | None:
    with open(path, "rb") as fh:
        head = fh.read(PREFIX_BYTES)
    cut = head.rfind(b"\n")
    prefix = head if cut < 0 or len(head) < PREFIX_BYTES else head[: cut + 1]
    mixed = stats.mixed and not head.startswith(codecs.BOM_UTF8)
    if stats.nul is not None or mixed:
        # the order of detect_encoding on the whole file: binary signatures, then NUL bytes, then mixed encodings
        reject_binary(prefix)
        if stats.nul is not None:
            raise nul_byte_error(locate_byte(_chunks(path), stats.nul)[0])
        raise mixed_encoding_error(lambda: _chunks(path), stats.utf8_character, stats.not_utf8)
    encoding = detect_encoding(prefix)
    if encoding == "utf-8" and not stats.utf8:
        encoding = "cp1252"
    if stats.quotes % 2 == 1:
        read_csv_rows(path.read_bytes())     # raises for the quote that is never closed
    table = header_finder(prefix)
    if table is None:
        return None
    temp = None
    utf8_path = path
    duckdb_encoding = "utf-8"
    if encoding == "cp1252" and not stats.c1:
        duckdb_encoding = "latin-1"      # identical to Windows-1252 outside 0x80-0x9f: DuckDB reads it natively
    elif encoding != "utf-8":
        fd, name = tempfile.mkstemp(suffix=".csv")
        os.close(fd)
        temp = Path(name)
        try:
            _transcode(path, temp, encoding, table.delimiter)
        except TableReadError:
            temp.unlink(missing_ok=True)
            raise
        utf8_path = temp
    return Prepared(utf8_path, table.header_line, table.header, table.columns, table.delimiter, temp,
                    duckdb_encoding)


def _transcode(src: Path, dst: Path, encoding: str, delimiter: str) -> None:
    """Copy src to dst as UTF-8 without a byte-order mark. A byte the encoding does not define raises
    TableReadError with its line and column, the error ingest.read.csv.detect_encoding gives when the
    byte lies in the prefix it sees."""
    bom = 3 if encoding == "utf-8-sig" else 0
    decoder = codecs.getincrementaldecoder("utf-8" if bom else encoding)(errors="strict")
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        fin.seek(bom)
        position = bom                  # file offset of the next chunk
        while True:
            chunk = fin.read(16 * 1024 * 1024)
            pending = len(decoder.getstate()[0])    # bytes of an unfinished character from the last chunk
            try:
                fout.write(decoder.decode(chunk, final=not chunk).encode("utf-8"))
            except UnicodeDecodeError as exc:
                raise _undefined_byte(src, position - pending + exc.start, encoding, delimiter) from None
            if not chunk:
                break
            position += len(chunk)


def _chunks(path: Path) -> Iterator[bytes]:
    """The file's bytes in chunks, for locating a byte by reading the file up to it once more."""
    with open(path, "rb") as fh:
        while chunk := fh.read(16 * 1024 * 1024):
            yield chunk


def _undefined_byte(path: Path, offset: int, encoding: str, delimiter: str) -> TableReadError:
    """The error for the byte at offset, located by reading the file up to it once more."""
    line, before = locate_byte(_chunks(path), offset)
    with open(path, "rb") as fh:
        fh.seek(offset)
        byte = fh.read(1)[0]
    return undefined_byte_error(line, before, byte, encoding, delimiter)


# --- SQL -----------------------------------------------------------------------------------------

def _read_csv(prep: Prepared) -> tuple[str, dict]:
    """The file as text columns c0..cN: a read_csv call and its parameters."""
    names = [f"c{i}" for i in range(len(prep.header))]
    sql = ("read_csv($path, delim = $delim, quote = '\"', escape = '\"', header = false, skip = $skip, "
           "all_varchar = true, null_padding = true, names = $names, encoding = $encoding)")
    return sql, {"path": str(prep.utf8_path), "delim": prep.delimiter, "skip": prep.header_line, "names": names,
                 "encoding": prep.encoding}


def _amount_pattern(decimal: str, decimals: int) -> str:
    """The strict amount syntax SQL parses itself, with 1 to `decimals` decimals or none; anything else
    goes to ingest.values.cells.parse_decimal."""
    body = AMOUNT_COMMA[1:-1] if decimal == "," else AMOUNT_POINT[1:-1]
    body = body.replace("\\d+)?", "\\d{1," + str(decimals) + "})?")
    return "^\\s*(\\((" + body + ")\\)|[+-]?(" + body + ")|(" + body + ")-)\\s*$"


def _amount_general(a: str, decimal: str, sql_type: str) -> str:
    """Signed sql_type of a text amount in the strict syntax (any leading/trailing spaces, sign forms),
    null when it does not fit."""
    thousands, dec = (".", ",") if decimal == "," else (",", ".")
    trimmed = "trim(" + a + ")"
    body = "trim(" + trimmed + ", '()+-')"
    sign = ("case when starts_with(" + trimmed + ", '-') or starts_with(" + trimmed + ", '(') or ends_with("
            + trimmed + ", '-') then -1 else 1 end")
    return ("(" + sign + " * try_cast(replace(replace(" + body + ", '" + thousands + "', ''), '" + dec + "', '.') "
            "as " + sql_type + "))")


def _amount_fast(a: str, decimal: str, sql_type: str) -> str:
    """The same value as _amount_general with fewer string operations for the common shapes
    (1.234,50 / -1.234,50 / 1.234,50- / (1.234,50)), null for the rest (spaces around a trailing minus
    or parentheses, amounts that do not fit)."""
    v = ("replace(replace(" + a + ", '.', ''), ',', '.')" if decimal == "," else "replace(" + a + ", ',', '')")
    return ("case when ends_with(" + a + ", '-') then -try_cast(left(" + v + ", -1) as " + sql_type + ") "
            "when starts_with(" + a + ", '(') then -try_cast(trim(" + v + ", '()') as " + sql_type + ") "
            "else try_cast(" + v + " as " + sql_type + ") end")


def _amount(a: str, decimal: str, sql_type: str) -> str:
    return "coalesce(" + _amount_fast(a, decimal, sql_type) + ", " + _amount_general(a, decimal, sql_type) + ")"


def _decimal(con: duckdb.DuckDBPyConnection, prep: Prepared) -> str:
    """Decimal separator from the first non-empty amounts of the file."""
    source, params = _read_csv(prep)
    amount = _col(prep, "amount")
    sample = [r[0] for r in con.execute("select " + amount + " from " + source + " where " + amount +
                                        " is not null limit " + str(DECIMAL_SAMPLE), params).fetchall()]
    return detect_decimal_separator(sample)


def load_raw(con: duckdb.DuckDBPyConnection, prep: Prepared, decimal: str) -> int:
    """All data rows into temp table raw_ledger in one pass over the file; returns the row count.

    Columns: c<i> (text) for every column but the amount; amount_value (decimal(18, 2)) and
    amount_rounded for amounts in the strict syntax of the decimal separator, else null and the text in
    amount_raw. Amounts are rounded by ingest.values.amounts.ledger_amount's rule: with at most two decimals the
    cast to decimal(18, 2) is exact; with 3 to 20 the text is cast exactly to decimal(38, 20) and rounded
    once, half away from zero (never to 4 decimals first: 0,12495 is 0,12). Amounts of 10^16 or more
    are left to ingest.values.amounts.ledger_amount to reject. The physical line of a row is
    rowid - rowid_base + header_line + 1 (DuckDB keeps insertion order).
    """
    source, params = _read_csv(prep)
    amount = _col(prep, "amount")
    texts = [f"c{i}" for i in range(len(prep.header)) if f"c{i}" != amount]
    con.execute(
        "create or replace temp table raw_ledger as select " + "".join(c + ", " for c in texts)
        + "amount_value, amount_exact <> amount_value as amount_rounded, "
        "case when amount_value is null then " + amount + " end as amount_raw "
        "from (select *, coalesce(amount_cents, try_cast(round(amount_exact, 2) as decimal(18, 2))) as amount_value "
        "from (select *, "
        "case when is_cents then " + _amount(amount, decimal, "decimal(18, 2)") + " end as amount_cents, "
        "case when not is_cents and regexp_full_match(" + amount + ", $long) then "
        + _amount(amount, decimal, "decimal(38, 20)") + " end as amount_exact "
        "from (select *, regexp_full_match(" + amount + ", $cents) as is_cents from " + source + ")))",
        dict(params, cents=_amount_pattern(decimal, 2), long=_amount_pattern(decimal, 20)),
    )
    count, base, rounded = con.sql("select count(*), coalesce(min(rowid), 0), count(*) filter (where amount_rounded) "
                                   "from raw_ledger").fetchall()[0]
    # rows written inside a transaction get rowids from a high offset: line = rowid - base + first line
    prep.rowid_base = base
    prep.rounded_rows = rounded
    return count


def _col(prep: Prepared, field: str) -> str | None:
    idx = prep.columns.get(field)
    return None if idx is None else f"c{idx}"


@dataclass
class _Distinct:
    """One aggregate pass over raw_ledger: per text column its distinct values (all of them for the
    parsed columns, the CPR-shaped ones for the others), and the amounts SQL did not parse."""

    values: dict[int, list[tuple[str | None, int, int]]]      # column -> [(value, first rowid, rows)]
    cpr: dict[int, list[tuple[str, int]]]                      # column -> [(value, first rowid)]
    amounts: list[tuple[str | None, int, int]]                 # [(text, first rowid, rows)]


def _distinct(con: duckdb.DuckDBPyConnection, prep: Prepared, parsed_fields: list[str]) -> _Distinct:
    """Grouping sets over raw_ledger: one set per text column and one for the unparsed amounts, so the
    table is scanned once; CPR candidates are matched in SQL, among distinct values only."""
    amount_idx = prep.columns["amount"]
    texts = [i for i in range(len(prep.header)) if i != amount_idx]
    parsed = sorted({prep.columns[f] for f in parsed_fields if f in prep.columns})
    col = "case " + " ".join(f"when grouping(c{i}) = 0 then {i}" for i in texts) + " else -1 end"
    val = "case " + " ".join(f"when grouping(c{i}) = 0 then c{i}" for i in texts) + " else amount_raw end"
    sets = ", ".join([f"(c{i})" for i in texts] + ["(amount_bad, amount_raw)"])
    rows = con.execute(
        "with g as (select " + col + " as col, " + val + " as v, amount_bad, min(rowid) as first_rowid, "
        "count(*) as n from (select *, rowid, amount_value is null as amount_bad from raw_ledger) "
        "group by grouping sets (" + sets + ")) "
        "select col, v, first_rowid, n, coalesce(regexp_matches(v, $p), false) from g "
        "where (col = -1 and amount_bad) or " + ("col in (" + ", ".join(map(str, parsed)) + ")" if parsed else "false")
        + " or (col >= 0 and regexp_matches(v, $p))",
        {"p": CPR_CANDIDATE_RE2}).fetchall()
    out = _Distinct({i: [] for i in parsed}, {i: [] for i in texts}, [])
    for col, v, first_rowid, n, cpr in rows:
        if col == -1:
            out.amounts.append((v, first_rowid, n))
            continue
        if col in out.values:
            out.values[col].append((v, first_rowid, n))
        if cpr:
            out.cpr[col].append((v, first_rowid))
    return out


class _ValueParser:
    """Parse each distinct raw value of a column once with the Python rules of ingest.kinds.rows."""

    def __init__(self, distinct: _Distinct, prep: Prepared, mapping: Mapping, report: Report):
        self.distinct, self.prep, self.report = distinct, prep, report
        self.probe = Table(file=report.file, header=prep.header, rows=[[]], line_numbers=[0], columns=prep.columns)
        self.rows = Rows(self.probe, mapping, report)
        self.first_line = prep.header_line + 1 - prep.rowid_base

    def map(self, field: str, parse) -> list[tuple[str | None, object]]:
        """[(raw value, parsed value or None)] for every distinct value of the field's column."""
        out = []
        for raw, first_rowid, count in sorted(self.distinct.values[self.prep.columns[field]], key=lambda r: r[1]):
            self.probe.rows[0] = [None] * len(self.prep.header)
            self.probe.rows[0][self.prep.columns[field]] = raw
            self.probe.line_numbers[0] = first_rowid + self.first_line
            before = self.report.total
            value = parse(self.rows)
            if self.report.total > before:
                self.report.count_more(count - 1)      # every affected row counts; the first one is shown
                value = None
            out.append((raw, value))
        return out


def convert_and_insert(con: duckdb.DuckDBPyConnection, prep: Prepared, mapping: Mapping, report: Report,
                       ref: Reference, opts: Options, import_id: int,
                       progress=None) -> tuple[int, list[int], tuple[int, list[int]]]:
    """Validate the export and insert its rows into ledger with import_id, all inside the caller's
    transaction. Returns (rows read, line numbers not loaded because of --skip-unknown-functions,
    (number of loaded rows whose amount was rounded to whole øre, the first 10 of their lines)); problems
    go to the report and nothing is inserted when there are any. progress(phase, done, total), if given,
    hears of the reading ("read", then the rows read), the checks ("convert") and the insert ("load")."""
    progress = progress or (lambda *a: None)
    progress("read", None, None)
    try:
        decimal = _decimal(con, prep)
        n = load_raw(con, prep, decimal)
    except duckdb.Error as exc:
        if "quoted new lines" in str(exc) or "quoted newlines" in str(exc):
            raise QuotedLineBreaks(str(exc)) from exc
        raise
    progress("read", n, n)
    progress("convert", None, n)
    if n == 0:
        report.add(None, None, None, t("import.read.no_rows"))
        return 0, [], (0, [])
    kommune_col = _col(prep, "kommunekode")
    distinct = _distinct(con, prep, ["year", "month", "amount_kind", "account", "kommunekode"])
    values = _ValueParser(distinct, prep, mapping, report)
    values.rows.skip_unknown = opts.skip_unknown_functions
    years = values.map("year", lambda r: r.integer(0, "year", 1990, 2100))
    months = values.map("month", lambda r: r.integer(0, "month", 1, 12))
    kinds = values.map("amount_kind", lambda r: r.coded(0, "amount_kind", AMOUNT_KINDS))

    def account(r: Rows):
        key = function_of(r, 0, "account", ref, [])
        if key is not None and key[1] is None:
            r.fail(0, "account", r.raw(0, "account"), t("import.expected.account_key_dranst"))
            return None
        return key

    keys = values.map("account", account)
    kommunes = values.map("kommunekode", lambda r: kommune_of(r, 0, ref, opts)) if kommune_col else []
    if kommune_col is None and opts.kommunekode is None:
        report.add(None, None, None, t("import.expected.kommune"))
    _check_cpr(distinct, prep, report)
    fixes = _check_amounts(distinct, prep, report, decimal)
    if report:
        return n, [], (0, [])

    maps = {
        "year_map": pl.DataFrame(years, schema={"raw": pl.String, "value": pl.Int32}, orient="row"),
        "month_map": pl.DataFrame(months, schema={"raw": pl.String, "value": pl.Int32}, orient="row"),
        "kind_map": pl.DataFrame(kinds, schema={"raw": pl.String, "value": pl.String}, orient="row"),
        "key_map": pl.DataFrame([(raw, *(k if k else (None, None, None))) for raw, k in keys],
                                schema={"raw": pl.String, "function_code": pl.String, "dranst": pl.Int32,
                                        "gruppering": pl.String}, orient="row"),
        "kommune_map": pl.DataFrame(kommunes, schema={"raw": pl.String, "value": pl.Int32}, orient="row"),
        "amount_fixes": pl.DataFrame(fixes, schema={"raw": pl.String, "amount": pl.Decimal(18, 2),
                                                    "rounded": pl.Boolean}, orient="row"),
    }
    for name, frame in maps.items():
        con.register(name, frame)

    def opt(field: str) -> str:
        """nullif(trim(c), ''), without trim's cost for the values that have no space to trim."""
        c = _col(prep, field)
        if not c:
            return "null"
        c = "r." + c
        return ("case when starts_with(" + c + ", ' ') or ends_with(" + c + ", ' ') then nullif(trim(" + c + "), '') "
                "when " + c + " = '' then null else " + c + " end")

    # amounts outside the strict syntax have the value ingest.values.amounts.ledger_amount gives them
    amount_expr = "coalesce(r.amount_value, af.amount)" if fixes else "r.amount_value"
    kommune_expr = "coalesce(km.value, $default_kommune)" if kommune_col else "$default_kommune"
    progress("load", None, n)
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
            + ("left join amount_fixes af on af.raw = r.amount_raw " if fixes else "")
            + "where k.function_code is not null",
            {"import_id": import_id, "first_line": prep.header_line + 1 - prep.rowid_base,
             "default_kommune": opts.kommunekode},
        )
        rounded: tuple[int, list[int]] = (0, [])
        if prep.rounded_rows or any(f[2] for f in fixes):
            lines = con.sql(
                "select count(*) over (), (r.rowid + $first_line)::integer as line from raw_ledger r "
                + ("left join amount_fixes af on af.raw = r.amount_raw " if fixes else "")
                + "join key_map k on k.raw is not distinct from r." + _col(prep, "account") + " "
                "where (r.amount_rounded" + (" or af.rounded" if fixes else "") + ") and k.function_code is not null "
                "order by line limit 10",
                params={"first_line": prep.header_line + 1 - prep.rowid_base}).fetchall()
            rounded = (lines[0][0] if lines else 0, [line for _, line in lines])
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

    return n, skipped, rounded


def _check_amounts(distinct: _Distinct, prep: Prepared, report: Report,
                   decimal: str) -> list[tuple[str, Decimal, bool]]:
    """Amounts SQL did not parse or store (other syntax, over 20 decimals, 10^16 kr. or more): (text,
    value, whether it was rounded) by ingest.values.amounts.ledger_amount's rule, or reported with the message
    ingest.kinds.rows.Rows.amount gives."""
    header = prep.header[prep.columns["amount"]]
    fixes = []
    for raw, first_rowid, count in sorted(distinct.amounts, key=lambda r: r[1]):
        exact = None
        try:
            exact = parse_decimal(raw or "", decimal=decimal)
        except ValueError:
            pass
        expected = None
        if exact is None:
            expected = t("import.expected.number") if not (raw or "").strip() else number_expected(decimal)
        else:
            try:
                value = ledger_amount(exact)
            except ValueError as exc:
                expected = str(exc)
        if expected is not None:
            report.add(first_rowid - prep.rowid_base + prep.header_line + 1, header, cell_text(raw), expected, count)
        else:
            fixes.append((raw, value, value != exact))
    return fixes


def _check_cpr(distinct: _Distinct, prep: Prepared, report: Report) -> None:
    """A CPR-looking value in any column (the amount column aside: it must be a number) rejects the file.
    Candidates are found among each column's distinct values in SQL and confirmed in Python."""
    for i, header in enumerate(prep.header):
        for value, first_rowid in sorted(distinct.cpr.get(i, []), key=lambda r: r[1]):
            if looks_like_cpr(value):
                report.add(first_rowid - prep.rowid_base + prep.header_line + 1,
                           header or t("import.column_n", n=i + 1), value, cpr_outside())
