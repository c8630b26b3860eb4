"""What every kind's converter shares: the read table, the reference facts and options, cell access with
problem reporting (Rows), the municipality, year and account-key columns, the CPR check outside the citizen
column, and the plausible ranges of values (data/reference/plausible_ranges.toml).

A converter (one file per kind, listed in ingest.kinds.spec) turns a read table (header + rows of raw cells)
into a polars DataFrame with the columns of the kind's table in queries/build/schema.sql (without import_id), or
records problems in the Report. No database access: reference facts (known functions, municipality names)
come in as a `Reference`.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import polars as pl

import settings
from i18n import t
from present.formatting import fmt_number
from ingest.mappings import Mapping
from ingest.report import Report
from ingest.values.accounts import parse_account_key
from ingest.values.amounts import ledger_amount
from ingest.values.cells import detect_decimal_separator, is_missing_marker, parse_date, parse_decimal, parse_number
from ingest.values.cpr import looks_like_cpr, normalize_cpr


#: a message text, or a function that makes it when it is needed
Text = str | Callable[[], str]

DECIMAL_SAMPLE = 5000      # first non-empty text amounts a column's decimal separator is detected from


def number_expected(decimal: str) -> str:
    """What a number cell must look like with the column's decimal separator (the examples use it too)."""
    if decimal == ",":
        return t("import.expected.number_comma")
    return t("import.expected.number_point")


RANGES_FILE = settings.PLAUSIBLE_RANGES_FILE


@dataclass(frozen=True)
class PlausibleRange:
    """Where a value of one kind may lie (data/reference/plausible_ranges.toml, which says where each
    limit comes from): ``low <= value <= high`` (``low < value`` when ``low_exclusive``)."""

    low: float
    high: float
    unit: str
    why: str
    low_exclusive: bool = False

    def __contains__(self, value: float) -> bool:
        return (value > self.low if self.low_exclusive else value >= self.low) and value <= self.high

    def expected(self, what: str, note: str = "") -> str:
        """The report's 'expected' text: what, the range with its unit, ``note`` (e.g. the value converted),
        why, and where the limits are set."""
        unit = f" {self.unit}" if self.unit else ""
        span = t("import.range.above" if self.low_exclusive else "import.range.between",
                 low=plain_number(self.low), high=plain_number(self.high))
        return t("import.range.expected", what=what, span=span, unit=unit, note=note, why=self.why,
                 file=RANGES_FILE.name)


def plain_number(value: float) -> str:
    """A number in a message, Danish style: 1.000.000, 0,5; very large ones as 2,7e+297."""
    if not math.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.3g}".replace(".", ",")
    if float(value).is_integer():
        return fmt_number(value, 0)
    return fmt_number(value, 4).rstrip("0").rstrip(",")


def load_ranges(path: Path = RANGES_FILE) -> dict[str, PlausibleRange]:
    """'<kind>.<value>' -> its PlausibleRange, from the TOML file."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    return {f"{kind}.{name}": PlausibleRange(float(r["min"]), float(r["max"]), r.get("unit", ""), r["why"],
                                             bool(r.get("min_exclusive", False)))
            for kind, table in data.items() for name, r in table.items()}


RANGES = load_ranges()


@dataclass(frozen=True)
class Reference:
    known_functions: frozenset[str]
    municipality_codes: frozenset[int]
    municipality_by_name: dict[str, int]   # casefolded name (and DST spellings) -> code
    region_by_name: dict[str, int]         # casefolded region name -> DST region code (81-85)
    areas: frozenset[str] = frozenset()    # main functions (5.38) and function groups a key figure may cover


@dataclass(frozen=True)
class Options:
    kommunekode: int | None = None          # for exports without a municipality column
    synthetic: bool = False
    source: str = ""
    pseudonym_key: bytes = b""
    skip_unknown_functions: bool = False
    year: int | None = None                 # for single-year exports without a year column (--aar)


@dataclass
class Table:
    file: str
    header: list[str]                       # header cells as written
    rows: list[list[object]]                # data rows
    line_numbers: list[int]                 # line/row number in the file of each data row
    columns: dict[str, int]                 # canonical field -> column index
    delimiter: str = ";"                    # CSV only
    header_line: int = 1                    # line/row number of the header in the file
    title_rows: list[list[object]] = field(default_factory=list)   # rows above the header (titles, dates)


def is_number(value: object) -> bool:
    """A number cell of an XLSX sheet (bool aside)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


class Rows:
    """Cell access with problem reporting for one table."""

    def __init__(self, table: Table, mapping: Mapping, report: Report):
        self.t, self.m, self.r = table, mapping, report
        self.decimal: dict[str, str] = {}
        self.skip_unknown = False

    def has(self, field: str) -> bool:
        return field in self.t.columns

    def raw(self, i: int, field: str) -> object:
        idx = self.t.columns.get(field)
        if idx is None:
            return None
        row = self.t.rows[i]
        return row[idx] if idx < len(row) else None

    def col(self, field: str) -> str:
        return self.t.header[self.t.columns[field]]

    def fail(self, i: int, field: str | None, value: object, expected: str) -> None:
        column = self.col(field) if field and field in self.t.columns else field
        # a number cell goes to the report as its number, so that a CPR number Excel made a number of is masked
        shown = value if is_number(value) or value is None else cell_text(value)
        self.r.add(self.t.line_numbers[i], column, shown, expected)

    def missing(self, i: int, field: str) -> bool:
        v = self.raw(i, field)
        return v is None or cell_text(v) == ""

    def is_missing_marker(self, i: int, field: str) -> bool:
        v = cell_text(self.raw(i, field))
        return bool(self.m.missing_markers) and v in self.m.missing_markers or (
            bool(self.m.missing_markers) and is_missing_marker(v)
        )

    def text(self, i: int, field: str, required: bool = False) -> str | None:
        """A cell stored as text. A number cell that is a CPR number (Excel makes numbers of digit strings,
        dropping a leading zero) is reported like a CPR number in a text cell (see reject_cpr_outside)."""
        raw = self.raw(i, field)
        if is_number(raw) and looks_like_cpr(raw):
            self.fail(i, field, raw, cpr_outside())
            return None
        v = cell_text(raw)
        if v == "":
            if required:
                self.fail(i, field, "", t("import.expected.value"))
            return None
        return v

    def citizen(self, i: int, field: str) -> str | None:
        """The identifier a citizen's pseudonym is made of: the ten digits of a CPR number in any of the
        forms ingest.values.cpr.normalize_cpr reads (so every variant of one number gives one pseudonym, also
        a number cell or text that lost its leading zero in Excel), else the text as written. A CPR number
        inside other text is reported (masked) and gives None."""
        raw = self.raw(i, field)
        if cell_text(raw) == "":
            self.fail(i, field, "", t("import.expected.value"))
            return None
        try:
            return normalize_cpr(raw, lost_zero=True)
        except ValueError:
            pass
        if looks_like_cpr(raw, lost_zero=True):
            self.fail(i, field, raw, t("import.expected.citizen"))
            return None
        return cell_text(raw)

    def integer(self, i: int, field: str, lo: int, hi: int, required: bool = True,
                plausible: str | None = None) -> int | None:
        """A whole number lo..hi; with ``plausible`` (a RANGES key) the bounds come from that range, and a
        number outside it is reported with the range's reason."""
        if plausible is not None:
            lo, hi = math.ceil(RANGES[plausible].low), math.floor(RANGES[plausible].high)

        def expected() -> str:
            if plausible is not None:
                return RANGES[plausible].expected(t("import.what.integer"))
            return t("import.expected.integer_between", lo=lo, hi=hi)

        v = self.raw(i, field)
        s = cell_text(v)
        if s == "":
            if required:
                self.fail(i, field, "", expected())
            return None
        m = re.fullmatch(r"(\d{1,15})(?:K[1-4]|M\d\d)?", s.replace(" ", ""))
        if m is None or not lo <= int(m.group(1)) <= hi:
            self.fail(i, field, v, expected())
            return None
        return int(m.group(1))

    def number(self, i: int, field: str, required: bool = True, minimum: float | None = None) -> float | None:
        v = self.raw(i, field)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            value: float | None = float(v)
        else:
            s = cell_text(v)
            if s == "":
                if required:
                    self.fail(i, field, "", t("import.expected.number"))
                return None
            try:
                value = parse_number(s, decimal=self._decimal_of(field))
            except ValueError:
                self.fail(i, field, v, number_expected(self._decimal_of(field)))
                return None
        if value is not None and minimum is not None and value < minimum:
            self.fail(i, field, v, t("import.expected.number_min", minimum=f"{minimum:g}"))
            return None
        return value

    def within(self, i: int, field: str, value: float | None, key: str, what: Text, raw: object = None,
               note: Text = "") -> float | None:
        """``value`` when it lies in the plausible range ``key`` (RANGES), else None after reporting the
        cell (``raw``, default the field's cell) with the range, its reason and ``note``. ``what`` and
        ``note`` may be functions that make the text: called only for a value outside the range, so a
        converter names them for every row without looking a text up for every row."""
        if value is None:
            return None
        plausible = RANGES[key]
        if value in plausible:
            return value
        self.fail(i, field, self.raw(i, field) if raw is None else raw,
                  plausible.expected(what() if callable(what) else what, note() if callable(note) else note))
        return None

    def amount(self, i: int, field: str) -> tuple[Decimal, bool] | None:
        """A required ledger amount by ledger_amount's rule: (value in whole øre, whether rounding
        changed it), or None after reporting an empty cell, a cell that is not a number or an
        amount out of range. Text is parsed with the column's decimal separator, as in number."""
        v = self.raw(i, field)
        s = cell_text(v)
        if s == "":
            self.fail(i, field, "", t("import.expected.number"))
            return None
        exact: Decimal | None = None
        try:
            exact = parse_decimal(v if isinstance(v, (int, float)) and not isinstance(v, bool) else s,
                                  decimal=self._decimal_of(field))
        except ValueError:
            pass
        if exact is None:
            self.fail(i, field, v, number_expected(self._decimal_of(field)))
            return None
        try:
            value = ledger_amount(exact)
        except ValueError as exc:
            self.fail(i, field, v, str(exc))
            return None
        return value, value != exact

    def _decimal_of(self, field: str) -> str:
        """The field's decimal separator for text cells, detected once from its first DECIMAL_SAMPLE
        non-empty text cells (as ingest.fast_ledger does from the first non-empty amounts). Number cells
        of an XLSX sheet do not vote: they carry their value and are used as numbers, never read by a
        separator, and the '.' their text would show says nothing about how the sheet's text amounts
        ("1.234,50") are written."""
        if field not in self.decimal:
            sample: list[str] = []
            for j in range(len(self.t.rows)):
                value = self.raw(j, field)
                if isinstance(value, str) and value.strip():
                    sample.append(value.strip())
                    if len(sample) == DECIMAL_SAMPLE:
                        break
            self.decimal[field] = detect_decimal_separator(sample)
        return self.decimal[field]

    def date(self, i: int, field: str, required: bool = True) -> dt.date | None:
        v = self.raw(i, field)
        if cell_text(v) == "":
            if required:
                self.fail(i, field, "", t("import.expected.date"))
            return None
        try:
            return parse_date(v)
        except ValueError:
            self.fail(i, field, v, t("import.expected.date"))
            return None

    def coded(self, i: int, field: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
        v = self.raw(i, field)
        s = cell_text(v)
        if s == "":
            if required:
                self.fail(i, field, "", t("import.expected.one_of", values=", ".join(self._accepted(field, allowed))))
            return None
        vmap = self.m.values.get(field, {})
        key = s.casefold()
        code = vmap.get(key, key if key in allowed else None)
        if code is None or (code not in allowed and code != ""):
            self.fail(i, field, v, t("import.expected.one_of", values=", ".join(self._accepted(field, allowed))))
            return None
        return code

    def _accepted(self, field: str, allowed: tuple[str, ...]) -> list[str]:
        vmap = self.m.values.get(field)
        return sorted(vmap) if vmap else list(allowed)


def kommune_of(rows: Rows, i: int, ref: Reference, opts: Options, allow_areas: bool = False) -> int | None:
    """Municipality code from a code or name column, else from --kommune."""
    if not rows.has("kommunekode") or rows.missing(i, "kommunekode"):
        if opts.kommunekode is not None:
            return opts.kommunekode
        rows.fail(i, "kommunekode", "", t("import.expected.kommune"))
        return None
    raw = rows.raw(i, "kommunekode")
    s = cell_text(raw)
    code: int | None = None
    m = re.fullmatch(r"0*(\d{1,4})(?:\s.*)?", s)
    if m:
        code = int(m.group(1))
    else:
        key = s.casefold()
        code = ref.municipality_by_name.get(key)
        if code is None and allow_areas:
            if key in ("hele landet", "danmark", "landet i alt"):
                code = 0
            else:
                code = ref.region_by_name.get(key)
    if code is None:
        rows.fail(i, "kommunekode", raw, t("import.expected.kommune_or_name"))
        return None
    if code in ref.municipality_codes or (allow_areas and (code == 0 or 81 <= code <= 85)):
        return code
    rows.fail(i, "kommunekode", raw, t("import.expected.known_kommune"))
    return None


def year_of(rows: Rows, i: int, opts: Options, lo: int = 1990, hi: int = 2100) -> int | None:
    """The year from the file, else from --aar."""
    if not rows.has("year") and opts.year is not None:
        return opts.year
    if not rows.has("year"):
        rows.fail(i, None, None, t("import.expected.year"))
        return None
    return rows.integer(i, "year", lo, hi)


def function_of(rows: Rows, i: int, field: str, ref: Reference, skipped: list[int]) -> tuple[str, int | None, str | None] | None:
    raw = rows.raw(i, field)
    s = cell_text(raw)
    if s == "":
        rows.fail(i, field, "", t("import.expected.account_key"))
        return None
    code_part = s.split(" ", 1)[0] if re.match(r"^[\d.\-]+\s", s) else s
    try:
        key = parse_account_key(code_part, form=rows.m.account_key_form, known_functions=ref.known_functions)
    except ValueError as exc:
        rows.fail(i, field, raw, t("import.expected.account_key_because", reason=exc))
        return None
    if key.function_code not in ref.known_functions:
        if rows.skip_unknown:
            skipped.append(i)
            return None
        rows.fail(i, field, raw, t("import.expected.known_function", function=key.function_code))
        return None
    return key.function_code, key.dranst, key.gruppering


def cpr_outside() -> str:
    """The message for a CPR number outside the citizen column (in the current language)."""
    return t("import.expected.no_cpr_outside")


def reject_cpr_outside(rows: Rows, allowed_field: str | None) -> None:
    """A CPR-looking text in any column except the citizen column rejects the file (the report shows it
    masked). Number cells are checked where their text is stored (Rows.text); elsewhere a number is a
    quantity, a year or an account key, never stored or shown as written."""
    allowed_idx = rows.t.columns.get(allowed_field) if allowed_field else None
    for i, row in enumerate(rows.t.rows):
        for j, cell in enumerate(row):
            if j == allowed_idx or not isinstance(cell, str):
                continue
            if looks_like_cpr(cell):
                header = rows.t.header[j] if j < len(rows.t.header) else t("import.column_n", n=j + 1)
                rows.r.add(rows.t.line_numbers[i], header, cell, cpr_outside())


def to_frame(records: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(records, schema=schema, orient="row") if records else pl.DataFrame(schema=schema)
