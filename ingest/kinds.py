"""Per-kind conversion of a read table (header + rows of raw cells) into canonical rows.

Each converter returns a polars DataFrame with the columns of the kind's table in
queries/build/schema.sql (without import_id) or records problems in the Report. No database access:
reference facts (known functions, municipality names) come in as a `Reference`.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import polars as pl

import settings
from domain.codes import AGE_GROUPS, AMOUNT_KINDS, LEVEL_CODES, PROVIDER_TYPES, SAVINGS_KINDS
from present.formatting import fmt_number
from analysis.hap import daily_tariff
from ingest.mappings import BENCHMARK_UNITS, Mapping, key_figure_key
from ingest.values.accounts import parse_account_key
from ingest.values.cells import detect_decimal_separator, is_missing_marker, parse_date, parse_decimal, parse_number
from ingest.values.cpr import looks_like_cpr, normalize_cpr
from ingest.pseudonym import pseudonym
from ingest.report import Report

DECIMAL_SAMPLE = 5000      # first non-empty text amounts a column's decimal separator is detected from


# ledger.amount_dkk is decimal(18, 2): whole øre below 10^16 kr.
AMOUNT_STEP = Decimal("0.01")                     # whole øre
AMOUNT_LIMIT = Decimal("9999999999999999.995")    # rounds to 10^16, the first amount that does not fit
AMOUNT_RANGE = "et beløb mellem -9.999.999.999.999.999,99 og 9.999.999.999.999.999,99 kr."


def number_expected(decimal: str) -> str:
    """What a number cell must look like with the column's decimal separator (the examples use it too)."""
    if decimal == ",":
        return "et tal (decimalkomma, fx 1.234,50 eller 1234,5)"
    return "et tal (decimalpunktum, fx 1,234.50 eller 1234.5)"


def ledger_amount(value: Decimal) -> Decimal:
    """A ledger amount as stored: rounded once to whole øre, half away from zero, from the exact value
    as written (0,125 -> 0,13; 0,12495 -> 0,12; -0,125 -> -0,13). Raises ValueError(AMOUNT_RANGE) when
    the rounded amount is 10^16 kr. or more either way: the column cannot hold it, and no municipal
    ledger line is that large."""
    if abs(value) >= AMOUNT_LIMIT:
        raise ValueError(AMOUNT_RANGE)
    return value.quantize(AMOUNT_STEP, rounding=ROUND_HALF_UP)


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
        span = (f"over {_plain(self.low)} og højst {_plain(self.high)}" if self.low_exclusive
                else f"mellem {_plain(self.low)} og {_plain(self.high)}")
        return f"{what} {span}{unit}{note} ({self.why}; grænserne står i data/reference/{RANGES_FILE.name})"


def _plain(value: float) -> str:
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


def _is_number(value: object) -> bool:
    """A number cell of an XLSX sheet (bool aside)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


class _Rows:
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
        shown = value if _is_number(value) or value is None else _text(value)
        self.r.add(self.t.line_numbers[i], column, shown, expected)

    def missing(self, i: int, field: str) -> bool:
        v = self.raw(i, field)
        return v is None or _text(v) == ""

    def is_missing_marker(self, i: int, field: str) -> bool:
        v = _text(self.raw(i, field))
        return bool(self.m.missing_markers) and v in self.m.missing_markers or (
            bool(self.m.missing_markers) and is_missing_marker(v)
        )

    def text(self, i: int, field: str, required: bool = False) -> str | None:
        """A cell stored as text. A number cell that is a CPR number (Excel makes numbers of digit strings,
        dropping a leading zero) is reported like a CPR number in a text cell (see _reject_cpr_outside)."""
        raw = self.raw(i, field)
        if _is_number(raw) and looks_like_cpr(raw):
            self.fail(i, field, raw, CPR_OUTSIDE)
            return None
        v = _text(raw)
        if v == "":
            if required:
                self.fail(i, field, "", "en værdi (feltet må ikke være tomt)")
            return None
        return v

    def citizen(self, i: int, field: str) -> str | None:
        """The identifier a citizen's pseudonym is made of: the ten digits of a CPR number in any of the
        forms ingest.values.cpr.normalize_cpr reads (so every variant of one number gives one pseudonym, also
        a number cell or text that lost its leading zero in Excel), else the text as written. A CPR number
        inside other text is reported (masked) and gives None."""
        raw = self.raw(i, field)
        if _text(raw) == "":
            self.fail(i, field, "", "en værdi (feltet må ikke være tomt)")
            return None
        try:
            return normalize_cpr(raw, lost_zero=True)
        except ValueError:
            pass
        if looks_like_cpr(raw, lost_zero=True):
            self.fail(i, field, raw, "et CPR-nummer alene eller et borger-id uden CPR-nummer i fritekst")
            return None
        return _text(raw)

    def integer(self, i: int, field: str, lo: int, hi: int, required: bool = True,
                plausible: str | None = None) -> int | None:
        """A whole number lo..hi; with ``plausible`` (a RANGES key) the bounds come from that range, and a
        number outside it is reported with the range's reason."""
        expected = f"et helt tal mellem {lo} og {hi}"
        if plausible is not None:
            lo, hi = math.ceil(RANGES[plausible].low), math.floor(RANGES[plausible].high)
            expected = RANGES[plausible].expected("et helt tal")
        v = self.raw(i, field)
        s = _text(v)
        if s == "":
            if required:
                self.fail(i, field, "", expected)
            return None
        m = re.fullmatch(r"(\d{1,15})(?:K[1-4]|M\d\d)?", s.replace(" ", ""))
        if m is None or not lo <= int(m.group(1)) <= hi:
            self.fail(i, field, v, expected)
            return None
        return int(m.group(1))

    def number(self, i: int, field: str, required: bool = True, minimum: float | None = None) -> float | None:
        v = self.raw(i, field)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            value: float | None = float(v)
        else:
            s = _text(v)
            if s == "":
                if required:
                    self.fail(i, field, "", "et tal")
                return None
            try:
                value = parse_number(s, decimal=self._decimal_of(field))
            except ValueError:
                self.fail(i, field, v, number_expected(self._decimal_of(field)))
                return None
        if value is not None and minimum is not None and value < minimum:
            self.fail(i, field, v, f"et tal på mindst {minimum:g}")
            return None
        return value

    def within(self, i: int, field: str, value: float | None, key: str, what: str, raw: object = None,
               note: str = "") -> float | None:
        """``value`` when it lies in the plausible range ``key`` (RANGES), else None after reporting the
        cell (``raw``, default the field's cell) with the range, its reason and ``note``."""
        if value is None:
            return None
        plausible = RANGES[key]
        if value in plausible:
            return value
        self.fail(i, field, self.raw(i, field) if raw is None else raw, plausible.expected(what, note))
        return None

    def amount(self, i: int, field: str) -> tuple[Decimal, bool] | None:
        """A required ledger amount by ledger_amount's rule: (value in whole øre, whether rounding
        changed it), or None after reporting an empty cell, a cell that is not a number or an
        amount out of range. Text is parsed with the column's decimal separator, as in number."""
        v = self.raw(i, field)
        s = _text(v)
        if s == "":
            self.fail(i, field, "", "et tal")
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
        if _text(v) == "":
            if required:
                self.fail(i, field, "", "en dato (dd-mm-åååå eller åååå-mm-dd)")
            return None
        try:
            return parse_date(v)
        except ValueError:
            self.fail(i, field, v, "en dato (dd-mm-åååå eller åååå-mm-dd)")
            return None

    def coded(self, i: int, field: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
        v = self.raw(i, field)
        s = _text(v)
        if s == "":
            if required:
                self.fail(i, field, "", "en af: " + ", ".join(self._accepted(field, allowed)))
            return None
        vmap = self.m.values.get(field, {})
        key = s.casefold()
        code = vmap.get(key, key if key in allowed else None)
        if code is None or (code not in allowed and code != ""):
            self.fail(i, field, v, "en af: " + ", ".join(self._accepted(field, allowed)))
            return None
        return code

    def _accepted(self, field: str, allowed: tuple[str, ...]) -> list[str]:
        vmap = self.m.values.get(field)
        return sorted(vmap) if vmap else list(allowed)


def _kommune(rows: _Rows, i: int, ref: Reference, opts: Options, allow_areas: bool = False) -> int | None:
    """Municipality code from a code or name column, else from --kommune."""
    if not rows.has("kommunekode") or rows.missing(i, "kommunekode"):
        if opts.kommunekode is not None:
            return opts.kommunekode
        rows.fail(i, "kommunekode", "", "en kommunekode (kolonne i filen eller --kommune)")
        return None
    raw = rows.raw(i, "kommunekode")
    s = _text(raw)
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
        rows.fail(i, "kommunekode", raw, "en kommunekode eller et kommunenavn fra data/reference/municipalities.csv")
        return None
    if code in ref.municipality_codes or (allow_areas and (code == 0 or 81 <= code <= 85)):
        return code
    rows.fail(i, "kommunekode", raw, "en kendt kommunekode (data/reference/municipalities.csv)")
    return None


def _year(rows: _Rows, i: int, opts: Options, lo: int = 1990, hi: int = 2100) -> int | None:
    """The year from the file, else from --aar."""
    if not rows.has("year") and opts.year is not None:
        return opts.year
    if not rows.has("year"):
        rows.fail(i, None, None, "et år (kolonne i filen eller --aar)")
        return None
    return rows.integer(i, "year", lo, hi)


def _function(rows: _Rows, i: int, field: str, ref: Reference, skipped: list[int]) -> tuple[str, int | None, str | None] | None:
    raw = rows.raw(i, field)
    s = _text(raw)
    if s == "":
        rows.fail(i, field, "", "en kontonøgle (fx 5.38.50 eller 538501003)")
        return None
    code_part = s.split(" ", 1)[0] if re.match(r"^[\d.\-]+\s", s) else s
    try:
        key = parse_account_key(code_part, form=rows.m.account_key_form, known_functions=ref.known_functions)
    except ValueError as exc:
        rows.fail(i, field, raw, f"en kontonøgle: {exc}")
        return None
    if key.function_code not in ref.known_functions:
        if rows.skip_unknown:
            skipped.append(i)
            return None
        rows.fail(i, field, raw, f"en kendt funktion; {key.function_code} findes ikke i data/reference/kontoplan_functions.csv (ret filen eller brug --skip-unknown-functions)")
        return None
    return key.function_code, key.dranst, key.gruppering


CPR_OUTSIDE = "ingen CPR-numre uden for borger-kolonnen; fjern dem fra filen"


def _reject_cpr_outside(rows: _Rows, allowed_field: str | None) -> None:
    """A CPR-looking text in any column except the citizen column rejects the file (the report shows it
    masked). Number cells are checked where their text is stored (_Rows.text); elsewhere a number is a
    quantity, a year or an account key, never stored or shown as written."""
    allowed_idx = rows.t.columns.get(allowed_field) if allowed_field else None
    for i, row in enumerate(rows.t.rows):
        for j, cell in enumerate(row):
            if j == allowed_idx or not isinstance(cell, str):
                continue
            if looks_like_cpr(cell):
                header = rows.t.header[j] if j < len(rows.t.header) else f"kolonne {j + 1}"
                rows.r.add(rows.t.line_numbers[i], header, cell, CPR_OUTSIDE)


def _frame(records: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(records, schema=schema, orient="row") if records else pl.DataFrame(schema=schema)


def convert_ledger(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    """Ledger rows with amounts by ledger_amount's rule (whole øre, rounded once; 10^16 kr. or more
    rejects the file), the same rules and messages as ingest.fast_ledger."""
    rows = _Rows(t, m, rep)
    rows.skip_unknown = opts.skip_unknown_functions
    _reject_cpr_outside(rows, None)
    out: list[dict] = []
    skipped: list[int] = []
    for i in range(len(t.rows)):
        kommune = _kommune(rows, i, ref, opts)
        year = rows.integer(i, "year", 1990, 2100)
        month = rows.integer(i, "month", 1, 12)
        key = _function(rows, i, "account", ref, skipped)
        dranst = key[1] if key else None
        if key and dranst is None:
            if rows.has("dranst"):
                dranst = rows.integer(i, "dranst", 1, 9)
            else:
                rows.fail(i, "account", rows.raw(i, "account"), "en kontonøgle med dranst (fx 538501003 eller 5.38.50.1.003)")
        kind = rows.coded(i, "amount_kind", AMOUNT_KINDS)
        amount = rows.amount(i, "amount")
        if None in (kommune, year, month, key, dranst, kind, amount):
            continue
        out.append({
            "source_row": t.line_numbers[i], "kommunekode": kommune, "year": year, "month": month,
            "function_code": key[0], "dranst": dranst, "gruppering": key[2],
            "art": rows.text(i, "art"), "amount_dkk": amount[0], "amount_kind": kind,
            "cost_center": rows.text(i, "cost_center"), "provider": rows.text(i, "provider"),
            "text": rows.text(i, "text"), "amount_rounded": amount[1],
        })
    return _frame(out, LEDGER_SCHEMA), skipped


# amount_rounded (not a ledger column) marks the rows whose amount was rounded to whole øre, for the summary
LEDGER_SCHEMA = {"source_row": pl.Int32, "kommunekode": pl.Int32, "year": pl.Int32, "month": pl.Int32,
                 "function_code": pl.String, "dranst": pl.Int32, "gruppering": pl.String, "art": pl.String,
                 "amount_dkk": pl.Decimal(18, 2), "amount_kind": pl.String, "cost_center": pl.String,
                 "provider": pl.String, "text": pl.String, "amount_rounded": pl.Boolean}


def convert_activity(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    rows = _Rows(t, m, rep)
    rows.skip_unknown = opts.skip_unknown_functions
    _reject_cpr_outside(rows, "citizen_id")
    out: list[dict] = []
    skipped: list[int] = []
    keys: dict[str, str] = {}
    for i in range(len(t.rows)):
        kommune = _kommune(rows, i, ref, opts)
        ident = rows.citizen(i, "citizen_id")
        citizen = None if ident is None else (keys.get(ident) or keys.setdefault(ident, pseudonym(ident, opts.pseudonym_key)))
        key = _function(rows, i, "function", ref, skipped)
        start = rows.date(i, "start_date")
        end = rows.date(i, "end_date", required=False) if rows.has("end_date") else None
        if start and end and end < start:
            rows.fail(i, "end_date", rows.raw(i, "end_date"), f"en slutdato på eller efter startdatoen {start:%d-%m-%Y}")
            end = None
            start = None
        tariff = rows.number(i, "tariff", minimum=0)
        unit = rows.coded(i, "tariff_unit", ("dag", "uge", "maaned", "aar", "time"))
        hours = rows.number(i, "hours_per_week", required=False) if rows.has("hours_per_week") else None
        if hours is not None:
            hours = rows.within(i, "hours_per_week", hours, "activity.hours_per_week", "timer pr. uge")
            if hours is None:
                unit = None     # reported: outside the plausible range
        elif unit == "time":
            rows.fail(i, "hours_per_week" if rows.has("hours_per_week") else "tariff_unit", rows.raw(i, "hours_per_week"),
                      "timer pr. uge (kræves når takstenheden er time)")
            unit = None
        level = None
        if rows.has("level") and not rows.missing(i, "level"):
            level = rows.coded(i, "level", LEVEL_CODES)
            level = level or None
            if level is None and _text(rows.raw(i, "level")).casefold() not in m.values.get("level", {}):
                continue
        ptype = rows.coded(i, "provider_type", PROVIDER_TYPES, required=False) if rows.has("provider_type") else None
        paying = None
        if rows.has("paying_kommunekode") and not rows.missing(i, "paying_kommunekode"):
            paying = rows.integer(i, "paying_kommunekode", 1, 9999)
        if None in (kommune, citizen, key, start, tariff, unit):
            continue
        daily = daily_tariff(tariff, unit, hours)
        converted = "" if unit == "dag" else (f", men omregnet fra takstenheden '{_text(rows.raw(i, 'tariff_unit'))}'"
                                              f" er den {_plain(daily)} kr. pr. dag")
        if rows.within(i, "tariff", daily, "activity.tariff_dkk_per_day", "en takst", note=converted) is None:
            continue
        out.append({
            "source_row": t.line_numbers[i], "kommunekode": kommune, "citizen_key": citizen,
            "case_id": rows.text(i, "case_id"), "paragraph": rows.text(i, "paragraph"),
            "measure": rows.text(i, "measure"), "offer_type": rows.text(i, "offer_type"),
            "function_code": key[0], "provider": rows.text(i, "provider"), "provider_type": ptype or "ukendt",
            "start_date": start, "end_date": end, "tariff_dkk": tariff, "tariff_unit": unit,
            "hours_per_week": hours, "tariff_dkk_per_day": daily, "level": level,
            "paying_kommunekode": paying,
        })
    schema = {"source_row": pl.Int32, "kommunekode": pl.Int32, "citizen_key": pl.String, "case_id": pl.String,
              "paragraph": pl.String, "measure": pl.String, "offer_type": pl.String, "function_code": pl.String,
              "provider": pl.String, "provider_type": pl.String, "start_date": pl.Date, "end_date": pl.Date,
              "tariff_dkk": pl.Float64, "tariff_unit": pl.String, "hours_per_week": pl.Float64,
              "tariff_dkk_per_day": pl.Float64, "level": pl.String, "paying_kommunekode": pl.Int32}
    return _frame(out, schema), skipped


def convert_benchmark(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    if m.key_figures:
        return _convert_key_figures(t, m, rep, ref, opts)
    rows = _Rows(t, m, rep)
    rows.skip_unknown = opts.skip_unknown_functions
    _reject_cpr_outside(rows, None)
    out: list[dict] = []
    missing_values: list[int] = []
    skipped: list[int] = []
    for i in range(len(t.rows)):
        kommune = _kommune(rows, i, ref, opts, allow_areas=True)
        year = _year(rows, i, opts)
        key = _function(rows, i, "function", ref, skipped)
        unit = rows.coded(i, "unit", BENCHMARK_UNITS)
        if rows.is_missing_marker(i, "value"):
            missing_values.append(i)
            continue
        value = rows.number(i, "value")
        if unit is not None:
            value = rows.within(i, "value", value, _benchmark_range(unit), "en værdi")
        dranst = None
        if rows.has("dranst") and not rows.missing(i, "dranst"):
            dranst = (rows.text(i, "dranst") or "").split(" ", 1)[0] or None
        if None in (kommune, year, key, unit, value):
            continue
        out.append(_benchmark_row(t, i, kommune, year, key[0], value, unit, "current", dranst, None, opts))
    return _frame(out, BENCHMARK_SCHEMA), skipped + missing_values


def _benchmark_range(unit: str) -> str:
    """The plausible range of a benchmark value in ``unit`` (per inhabitant of any age group alike)."""
    return "benchmark." + ("dkk_per_inhabitant" if unit.startswith("dkk_per_inhabitant") else unit)


BENCHMARK_SCHEMA = {"source_row": pl.Int32, "kommunekode": pl.Int32, "year": pl.Int32, "function_code": pl.String,
                    "measure": pl.String, "value": pl.Float64, "unit": pl.String, "price_unit": pl.String,
                    "dranst": pl.String, "key_figure": pl.String, "is_synthetic": pl.Boolean, "source": pl.String}


def _benchmark_row(t: Table, i: int, kommune: int, year: int, function_code: str, value: float, unit: str,
                   price_unit: str, dranst: str | None, key_figure: str | None, opts: Options) -> dict:
    return {"source_row": t.line_numbers[i], "kommunekode": kommune, "year": year, "function_code": function_code,
            "measure": "net_expenditure", "value": value, "unit": unit, "price_unit": price_unit, "dranst": dranst,
            "key_figure": key_figure, "is_synthetic": opts.synthetic, "source": opts.source}


def _convert_key_figures(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    """Key-figure rows (kommunekode;aar;noegletal;vaerdi): the mapping's [key_figures] table gives each
    name's function or area, unit and prices. A name not in that table rejects the file (or, with
    --skip-unknown-functions, the row is counted as not loaded)."""
    bad = [f"{k.name!r} ({k.area})" for k in m.key_figures.values()
           if k.area not in ref.known_functions and k.area not in ref.areas]
    if bad:
        rep.add(None, None, None, f"mapping '{m.name}' (data/reference/mappings/benchmark_{m.name}.toml) peger på "
                f"ukendte funktioner eller områder: {', '.join(bad)}; brug en funktion fra kontoplan_functions.csv "
                f"eller et område ({', '.join(sorted(ref.areas))})")
        return _frame([], BENCHMARK_SCHEMA), []
    rows = _Rows(t, m, rep)
    _reject_cpr_outside(rows, None)
    names = ", ".join(repr(k.name) for k in m.key_figures.values())
    out: list[dict] = []
    not_loaded: list[int] = []
    for i in range(len(t.rows)):
        kommune = _kommune(rows, i, ref, opts, allow_areas=True)
        year = _year(rows, i, opts)
        name = rows.text(i, "key_figure", required=True)
        figure = m.key_figures.get(key_figure_key(name)) if name is not None else None
        if name is not None and figure is None:
            if opts.skip_unknown_functions:
                not_loaded.append(i)
                continue
            rows.fail(i, "key_figure", name, f"et nøgletal fra mappingen '{m.name}' "
                      f"(data/reference/mappings/benchmark_{m.name}.toml: {names}); tilføj det der med område og enhed")
        if _text(rows.raw(i, "value")) in m.zero_markers:  # checked first: noegletal.dk's '-' means 0, not missing
            value: float | None = 0.0
        elif rows.is_missing_marker(i, "value"):
            not_loaded.append(i)
            continue
        else:
            value = rows.number(i, "value")
            if figure is not None:
                value = rows.within(i, "value", value, _benchmark_range(figure.unit), f"en værdi af {figure.name!r}")
        if None in (kommune, year, figure, value):
            continue
        out.append(_benchmark_row(t, i, kommune, year, figure.area, value, figure.unit, figure.price_unit, None,
                                  figure.name, opts))
    return _frame(out, BENCHMARK_SCHEMA), not_loaded


_SINGLE_AGE = re.compile(r"(\d{1,3})(?: år)?(?: og derover|\+)?")
_SEX_TOTAL = {"", "i alt", "køn i alt", "tot", "total", "begge køn"}


def age_group_of(age: int) -> str:
    """Age in whole years -> the dashboard's age group (0-17, 18-64, 65+)."""
    return "0-17" if age <= 17 else ("18-64" if age <= 64 else "65+")


def convert_population(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    """Population per municipality, year and age group.

    Accepts age groups (0-17, 18-64, 65+, total) or single ages as in FOLK1A ("0 år" ... "100 år og
    derover"), which are summed into the groups (and into the total when the file has no total row).
    Rows split by sex other than the total, and quarters 2-4 (the population at 1 January is quarter 1),
    are not loaded and are counted in the summary, as are missing values ('..').
    """
    rows = _Rows(t, m, rep)
    _reject_cpr_outside(rows, None)
    not_loaded: list[int] = []
    seen: dict[tuple, int] = {}            # (kommune, year, group) of a group row -> its line
    records: list[dict] = []
    summed: dict[tuple, int] = {}          # sums of single-age rows
    for i in range(len(t.rows)):
        if rows.has("sex") and _text(rows.raw(i, "sex")).casefold() not in _SEX_TOTAL:
            not_loaded.append(i)
            continue
        if re.fullmatch(r"\d{4}K[2-4]", _text(rows.raw(i, "year")) if rows.has("year") else ""):
            not_loaded.append(i)
            continue
        kommune = _kommune(rows, i, ref, opts, allow_areas=True)
        year = _year(rows, i, opts, 1900)
        age_text = _text(rows.raw(i, "age_group")).casefold()
        single = _SINGLE_AGE.fullmatch(age_text)
        group = age_group_of(int(single.group(1))) if single else rows.coded(i, "age_group", AGE_GROUPS)
        if rows.is_missing_marker(i, "persons"):
            not_loaded.append(i)
            continue
        persons = rows.integer(i, "persons", 0, 0, plausible="population.persons")
        if None in (kommune, year, group, persons):
            continue
        if single:
            summed[(kommune, year, group)] = summed.get((kommune, year, group), 0) + persons
            summed[(kommune, year, "from_single_total")] = summed.get((kommune, year, "from_single_total"), 0) + persons
            continue
        k = (kommune, year, group)
        if k in seen:
            rows.fail(i, "year", rows.raw(i, "year"), f"én række pr. kommune, år og aldersgruppe (også i række {seen[k]})")
            continue
        seen[k] = t.line_numbers[i]
        records.append({"kommunekode": kommune, "year": year, "age_group": group, "persons": persons,
                        "is_synthetic": opts.synthetic})
    out: dict[tuple, int] = {}
    for (kommune, year, group), persons in summed.items():
        if group == "from_single_total":
            if (kommune, year, "total") not in seen:
                out[(kommune, year, "total")] = persons
            continue
        if (kommune, year, group) in seen:
            rows.r.add(seen[(kommune, year, group)], rows.col("age_group"), group,
                       "enten aldersgrupper eller enkelte aldre for samme kommune og år, ikke begge")
            continue
        out[(kommune, year, group)] = persons
    records += [{"kommunekode": k, "year": y, "age_group": g, "persons": p, "is_synthetic": opts.synthetic}
                for (k, y, g), p in sorted(out.items())]
    schema = {"kommunekode": pl.Int32, "year": pl.Int32, "age_group": pl.String, "persons": pl.Int64,
              "is_synthetic": pl.Boolean}
    return _frame(records, schema), not_loaded


def convert_socio_index(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    rows = _Rows(t, m, rep)
    _reject_cpr_outside(rows, None)
    out: list[dict] = []
    for i in range(len(t.rows)):
        kommune = _kommune(rows, i, ref, opts, allow_areas=True)
        year = _year(rows, i, opts, 1900)
        value = rows.within(i, "index_value", rows.number(i, "index_value"), "socio-index.index_value", "et indeks")
        if None in (kommune, year, value):
            continue
        out.append({"kommunekode": kommune, "year": year, "index_value": value, "is_synthetic": opts.synthetic})
    schema = {"kommunekode": pl.Int32, "year": pl.Int32, "index_value": pl.Float64, "is_synthetic": pl.Boolean}
    return _frame(out, schema), []


def convert_pl_index(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    rows = _Rows(t, m, rep)
    _reject_cpr_outside(rows, None)
    out: list[dict] = []
    seen: set[int] = set()
    for i in range(len(t.rows)):
        year = rows.integer(i, "year", 1900, 2100)
        value = rows.within(i, "index_value", rows.number(i, "index_value"), "pl-index.index_value", "et indeks")
        if year in seen:
            rows.fail(i, "year", year, "ét indeks pr. år")
            continue
        if None in (year, value):
            continue
        seen.add(year)
        source = (rows.text(i, "source") if rows.has("source") else None) or opts.source or "ukendt kilde"
        out.append({"year": year, "index_value": value, "source": source, "_i": i})
    if out:
        low, high = min(out, key=lambda r: r["index_value"]), max(out, key=lambda r: r["index_value"])
        ratio = high["index_value"] / low["index_value"]
        rows.within(high["_i"], "index_value", ratio, "pl-index.ratio",
                    f"det største indeks ({_plain(high['index_value'])} i {high['year']}) delt med det mindste "
                    f"({_plain(low['index_value'])} i {low['year']}, række {t.line_numbers[low['_i']]}) er "
                    f"{_plain(round(ratio, 1))} gange; forventet et forhold", raw=high["index_value"])
    schema = {"year": pl.Int32, "index_value": pl.Float64, "source": pl.String}
    return _frame([{k: v for k, v in r.items() if k != "_i"} for r in out], schema), []


def convert_savings(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    rows = _Rows(t, m, rep)
    _reject_cpr_outside(rows, None)
    out: list[dict] = []
    for i in range(len(t.rows)):
        year = rows.integer(i, "year", 1990, 2100)
        kind = rows.coded(i, "kind", SAVINGS_KINDS)
        amount = rows.within(i, "amount", rows.number(i, "amount"), "savings.amount", "et beløb")
        ini_id = rows.text(i, "initiative_id") if rows.has("initiative_id") else None
        ini = rows.text(i, "initiative") if rows.has("initiative") else None
        if kind in ("expected", "realised") and not ini_id:
            rows.fail(i, "initiative_id" if rows.has("initiative_id") else "kind", ini_id, "et initiativ-id for forventede og realiserede effekter")
            continue
        if None in (year, kind, amount):
            continue
        out.append({"year": year, "kind": kind, "amount_dkk": amount, "initiative_id": ini_id,
                    "initiative": ini, "area": rows.text(i, "area") if rows.has("area") else None})
    schema = {"year": pl.Int32, "kind": pl.String, "amount_dkk": pl.Float64, "initiative_id": pl.String,
              "initiative": pl.String, "area": pl.String}
    return _frame(out, schema), []


CONVERTERS: dict[str, Callable[..., tuple[pl.DataFrame, list[int]]]] = {
    "ledger": convert_ledger,
    "activity": convert_activity,
    "benchmark": convert_benchmark,
    "population": convert_population,
    "socio-index": convert_socio_index,
    "pl-index": convert_pl_index,
    "savings": convert_savings,
}
