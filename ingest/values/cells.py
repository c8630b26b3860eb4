"""Cell values: missing-value markers, numbers and exact decimals (Danish or English separators), the
decimal separator of a column, and dates."""

from __future__ import annotations

import datetime as dt
import decimal as _decimal
import math
import re
from collections import Counter

# --------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------

_MISSING_MARKERS = frozenset({"..", "...", "\u2026", "-", "\u2013"})
_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_CURRENCY_RE = re.compile(r"\s*kr\.?\s*$", re.IGNORECASE)
_EXPONENT_RE = re.compile(r"^(.*?)[eE]([+-]?\d{1,3})$")


def is_missing_marker(text: object) -> bool:
    """True for the Statistics Denmark missing-value markers.

    Accepted (after stripping whitespace): ``".."``, ``"-"``, ``"…"`` and the look-alikes
    ``"..."`` (three dots typed instead of the ellipsis character) and ``"–"`` (an
    en dash, which Excel's autocorrect makes of ``-``). Anything else, including empty
    strings and non-strings, is False: callers decide where markers are allowed and
    treat empty cells separately.
    """
    return isinstance(text, str) and text.strip() in _MISSING_MARKERS


def _strip_sign_and_currency(text: str) -> tuple[str, bool, int]:
    """Remove currency, parentheses and sign; return (body, negative, number of sign marks)."""
    s = _CURRENCY_RE.sub("", text.strip().translate(_SPACES)).strip()
    signs = 0
    negative = False
    if s.startswith("(") and s.endswith(")"):
        s = _CURRENCY_RE.sub("", s[1:-1].strip()).strip()
        negative, signs = True, signs + 1
    s = s.replace("\u2212", "-")  # Unicode minus sign
    if s and s[0] in "+-":
        negative = negative or s[0] == "-"
        s, signs = s[1:].strip(), signs + 1
    if s.endswith("-"):
        negative = True
        s, signs = s[:-1].strip(), signs + 1
    return s, negative, signs


def parse_number(text: object, decimal: str = ",") -> float | None:
    """Parse an amount or count written as in Danish (``decimal=","``) or English exports.

    * ``int``/``float``/``Decimal`` values pass through as ``float`` (NaN and infinity
      are rejected; ``bool`` is rejected).
    * ``None``, empty and whitespace-only strings give ``None``.
    * Thousands separators: the other one of ``.``/``,`` (``"1.234.567,89"`` with ``","``,
      ``"1,234,567.89"`` with ``"."``), or spaces / no-break spaces (``"1 234,5"``).
      They must separate groups of exactly three digits and may not be mixed.
    * Sign: leading ``-`` or ``+``, trailing ``-`` (``"1.234,50-"``), or parentheses
      (``"(1.234,50)"``); only one of these at a time.
    * A trailing ``kr.`` or ``kr`` (any case) is ignored; so is an exponent such as
      ``"1,5E+06"``.

    Raises ``ValueError`` with a short reason for anything else, e.g. ``"12a"``,
    ``"1,2,3"`` (two decimal separators) or ``"1.5"`` with ``decimal=","`` (``.`` is
    then a thousands separator, which needs groups of three digits).
    """
    if _number_input(text, decimal) is None:
        return None
    if not isinstance(text, str):
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"not a number: {text!r} is not finite")
        return value
    literal = _number_literal(text, decimal)
    if literal is None:
        return None
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"not a number: {text.strip()!r} (too large)")
    return value


def parse_decimal(text: object, decimal: str = ",") -> _decimal.Decimal | None:
    """The exact value of an amount, by the rules of :func:`parse_number`.

    Text is read digit for digit (``"0,12495"`` -> ``Decimal("0.12495")``, never a
    binary approximation), so a caller can round it once, by its own rule. ``int`` and
    ``Decimal`` values pass through; a ``float`` (an Excel number cell) gives the decimal
    it prints as (``2.675`` -> ``Decimal("2.675")``). Non-finite values, ``bool`` and other
    types raise ``ValueError``; ``None`` and blank text give ``None``.
    """
    if _number_input(text, decimal) is None:
        return None
    if not isinstance(text, str):
        value = _decimal.Decimal(repr(text) if isinstance(text, float) else text)
        if not value.is_finite():
            raise ValueError(f"not a number: {text!r} is not finite")
        return value
    literal = _number_literal(text, decimal)
    return None if literal is None else _decimal.Decimal(literal)


def _number_input(text: object, decimal: str) -> object:
    """The checks :func:`parse_number` and :func:`parse_decimal` share: the decimal separator is ',' or '.',
    and ``text`` is None, a string or a number (not a bool). Returns ``text``."""
    if decimal not in (",", "."):
        raise ValueError(f"decimal separator must be ',' or '.', not {decimal!r}")
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r} is a boolean")
    if text is not None and not isinstance(text, (str, int, float, _decimal.Decimal)):
        raise ValueError(f"not a number: got a {type(text).__name__}")
    return text


def _number_literal(text: str, decimal: str) -> str | None:
    """The number in ``text`` as a Python literal (``"-1234.5"``, ``"1.5e06"``), ``None`` when
    blank; ValueError for anything :func:`parse_number` rejects."""
    if not text.strip():
        return None
    if is_missing_marker(text):
        raise ValueError(f"not a number: {text.strip()!r} is a missing-value marker")

    def fail(reason: str) -> ValueError:
        return ValueError(f"not a number: {text.strip()!r} ({reason})")

    body, negative, signs = _strip_sign_and_currency(text)
    if signs > 1:
        raise fail("more than one sign")
    if not body:
        raise fail("no digits")
    exponent = ""
    m = _EXPONENT_RE.match(body)
    if m:
        body, exponent = m.group(1), m.group(2)
    thousands = "." if decimal == "," else ","
    for ch in body:
        if not (ch.isascii() and ch.isdigit()) and ch not in (decimal, thousands, " "):
            raise fail(f"unexpected character {ch!r}")
    if body.count(decimal) > 1:
        raise fail(f"more than one decimal separator {decimal!r}")
    int_part, _, frac_part = body.partition(decimal)
    if decimal in body and not frac_part:
        raise fail(f"no digits after the decimal separator {decimal!r}")
    if not frac_part.isdigit() and frac_part:
        raise fail(f"thousands separator after the decimal separator {decimal!r}")
    if not int_part and not frac_part:
        raise fail("no digits")
    if not int_part.isdigit() and int_part:
        seps = {c for c in int_part if not c.isdigit()}
        if len(seps) > 1:
            raise fail("mixed thousands separators")
        groups = int_part.split(seps.pop())
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            raise fail(f"thousands separator {thousands!r} must separate groups of three digits"
                       if thousands in int_part else "spaces must separate groups of three digits")
        int_part = "".join(groups)
    literal = f"{'-' if negative else ''}{int_part or '0'}.{frac_part or '0'}"
    if exponent:
        literal += f"e{exponent}"
    return literal


_DECIMAL_SAMPLE_RE = re.compile(r"[\d.,]*\d[\d.,]*")


def detect_decimal_separator(values: list[str]) -> str:
    """Guess the decimal separator (``","`` or ``"."``) of a column from sample values.

    Each value is cleaned like in :func:`parse_number` (sign, parentheses, ``kr``,
    spaces removed); values that are then not made of digits, ``.`` and ``,`` are
    ignored. A value votes:

    * both ``.`` and ``,`` present: the one occurring last is the decimal separator
      (``"1.234,50"`` -> ``,``; ``"1,234.50"`` -> ``.``);
    * the same separator twice or more: it is a thousands separator, so the decimal is
      the other one (``"1.234.567"`` -> ``,``; ``"1,234,567"`` -> ``.``);
    * a single separator followed by other than three digits, or preceded by more than
      three digits or a lone ``0``: it is the decimal separator (``"1234,5"`` -> ``,``;
      ``"12.50"`` -> ``.``; ``"0.125"`` -> ``.``);
    * a single separator between 1-3 digits and exactly 3 digits (``"1.234"``,
      ``"1,234"``) is ambiguous and does not vote; nor do integers without separators.

    Result: ``"."`` only when the ``.`` votes outnumber the ``,`` votes; otherwise
    (including no evidence at all, or a tie) ``","``, the Danish convention in which a
    lone ``"1.234"`` means one thousand two hundred and thirty-four.
    """
    votes: Counter[str] = Counter()
    for value in values:
        if not isinstance(value, str):
            continue
        body, _, _ = _strip_sign_and_currency(value)
        body = body.replace(" ", "")
        if not _DECIMAL_SAMPLE_RE.fullmatch(body):
            continue
        commas, dots = body.count(","), body.count(".")
        if commas and dots:
            votes["," if body.rfind(",") > body.rfind(".") else "."] += 1
            continue
        if not commas and not dots:
            continue
        sep = "," if commas else "."
        other = "." if sep == "," else ","
        if commas + dots > 1:
            votes[other] += 1
            continue
        before, _, after = body.partition(sep)
        grouping_possible = len(after) == 3 and 1 <= len(before) <= 3 and before != "0"
        if not grouping_possible:
            votes[sep] += 1
    return "." if votes["."] > votes[","] else ","


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

_DATE_ERROR = "expected a date dd-mm-yyyy or yyyy-mm-dd"
_TIME = r"(?:[ T](?P<hh>\d{1,2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:\.\d{1,6})?)?)?"
_DMY_RE = re.compile(r"(?P<d>\d{1,2})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})" + _TIME)
_YMD_RE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME)
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (with Excel's 1900 leap-year bug)
_EXCEL_SERIAL_MIN, _EXCEL_SERIAL_MAX = 20000, 80000  # 1954-10-03 .. 2119-01-11


def parse_date(value: object) -> dt.date:
    """Parse a date cell.

    * ``datetime.datetime`` -> its date; ``datetime.date`` passes through.
    * ``int``/``float`` Excel serial numbers from 20000 to 80000 (1954-10-03 to
      2119-01-11); a fractional part (time of day) is ignored.
    * Strings (surrounding whitespace ignored): ``dd-mm-yyyy``, ``dd.mm.yyyy``,
      ``dd/mm/yyyy`` (one- or two-digit day and month, the same separator twice) and
      ``yyyy-mm-dd``, each optionally followed by a time ``hh:mm[:ss[.ffffff]]``
      separated by a space or ``T``.

    Everything else raises ``ValueError("expected a date dd-mm-yyyy or yyyy-mm-dd, ...")``,
    including impossible dates (``31-02-2024``), two-digit years, numbers outside the
    serial range, and eight-digit strings such as ``01022024`` (ambiguous: ddmmyyyy or
    yyyymmdd).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not (math.isfinite(value) and _EXCEL_SERIAL_MIN <= value <= _EXCEL_SERIAL_MAX):
            raise ValueError(
                f"{_DATE_ERROR}, got the number {value!r} (not an Excel date serial "
                f"between {_EXCEL_SERIAL_MIN} and {_EXCEL_SERIAL_MAX})"
            )
        return _EXCEL_EPOCH + dt.timedelta(days=math.floor(value))
    if value is None:
        raise ValueError(f"{_DATE_ERROR}, got no value")
    if not isinstance(value, str):
        raise ValueError(f"{_DATE_ERROR}, got a {type(value).__name__}")
    s = value.strip()
    m = _DMY_RE.fullmatch(s) or _YMD_RE.fullmatch(s)
    if m is None:
        raise ValueError(f"{_DATE_ERROR}, got {s!r}")
    try:
        date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        if m["hh"] is not None:
            dt.time(int(m["hh"]), int(m["mi"]), int(m["ss"] or 0))
    except ValueError:
        raise ValueError(f"{_DATE_ERROR}, got {s!r} (no such date or time)") from None
    return date
