"""Danish number, money, percentage and date formatting for the whole app.

This is the single formatting module of the dashboard. Every number or date
shown in the UI or written to an export goes through one of these functions, so
that the app speaks one consistent Danish dialect. Formatting uses Babel with
locale ``da_DK`` only (the machine has no system ``da_DK`` locale, and the
``locale`` module is process-global and not thread-safe under Streamlit).

Conventions (all functions are pure and have no side effects):

* Decimal comma and "." as thousands separator: ``1.234.567,5``.
* Missing values (``None``, NaN, +/-infinity, ``pandas.NA``) render as an
  en dash ``"–"`` (:data:`MISSING`), except :func:`csv_number`, which returns
  an empty string so that spreadsheets see an empty cell.
* Babel's output is normalised to plain ASCII: the minus sign is the ASCII
  hyphen-minus ``"-"`` (never U+2212) and every space is a plain ASCII space
  ``" "`` (never U+00A0 / U+202F), e.g. ``"12,3 %"`` and ``"-1,2 mio. kr."``.
  This keeps tests, CSV files and copy/paste predictable.
* Rounding is "half away from zero" applied to the shortest decimal
  representation of the value (``repr``), i.e. what a person reading the
  number would expect: ``2.5 -> "3"``, ``0.125 -> "0,13"``, ``-2.5 -> "-3"``.
  (Babel's own default would be banker's rounding, ``2.5 -> "2"``.)
* A value that rounds to zero is shown without a sign: ``-0.04 -> "0,0"``.
* Money inputs are always in kroner (DKK); the ``unit`` argument only chooses
  how the amount is *displayed* (kr., t.kr. or mio. kr.).
* Percentages are given as fractions: ``0.123 -> "12,3 %"`` (space before %).
* Signed variants put ``"+"`` before positive values and ``"-"`` before
  negative ones; a value that rounds to zero gets no sign.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.dates import format_date as _babel_format_date
from babel.dates import get_month_names as _babel_month_names
from babel.numbers import format_decimal as _babel_format_decimal

import polars as pl

from i18n import current_language, t

__all__ = [
    "LOCALE",
    "MISSING",
    "PLOTLY_SEPARATORS",
    "D3_NUMBER",
    "D3_MONEY_MIO",
    "D3_MONEY_TKR",
    "D3_PERSONS",
    "D3_PERCENT",
    "UNIT_SUFFIXES",
    "fmt_number",
    "fmt_dkk",
    "fmt_mio",
    "fmt_pct",
    "fmt_signed_dkk",
    "fmt_date",
    "fmt_month",
    "fmt_month_short",
    "fmt_persons",
    "csv_number",
    "parse_danish_number",
    "price_phrase",
    "join_and",
    "fmt_values",
]

#: Babel locale used for all formatting.
LOCALE = "da_DK"

#: Rendering of a missing value (en dash, U+2013).
MISSING = "\u2013"

#: Plotly ``layout.separators``: first character is the decimal mark, second
#: the thousands separator. With this set, d3 format ``",.1f"`` renders
#: 1234.5 as ``1.234,5``.
PLOTLY_SEPARATORS = ",."

#: d3 format for whole numbers (kr., persons rounded): ``1.234.567``.
D3_NUMBER = ",.0f"
#: d3 format for amounts already divided by 1,000,000 (mio. kr.): ``1.234,5``.
D3_MONEY_MIO = ",.1f"
#: d3 format for amounts already divided by 1,000 (t.kr.): ``1.234,5``.
D3_MONEY_TKR = ",.1f"
#: d3 format for full-year persons (HÅP): ``1.234,5``.
D3_PERSONS = ",.1f"
#: d3 format for fractions shown as percent. Note: d3 puts no space before
#: "%" (``12,3%``), unlike :func:`fmt_pct`.
D3_PERCENT = ",.1%"

#: Display suffix per money unit (the value is divided by the divisor).
UNIT_SUFFIXES: dict[str, tuple[int, str]] = {
    "kr": (1, "kr."),
    "tkr": (1_000, "t.kr."),
    "mio": (1_000_000, "mio. kr."),
}

# Default number of decimals per money unit.
_UNIT_DEFAULT_DECIMALS: dict[str, int] = {"kr": 0, "tkr": 1, "mio": 1}

# Characters Babel (CLDR) may emit that we normalise to ASCII.
_NORMALISE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u2212": "-",  # minus sign
    }
)


def _normalise(text: str) -> str:
    """Replace Babel's non-ASCII spaces and minus sign with ASCII equivalents."""
    return text.translate(_NORMALISE)


def _to_decimal(value: object) -> Decimal | None:
    """Convert a number to ``Decimal``; return ``None`` for missing values.

    Missing means ``None``, NaN, +/-infinity or a pandas/polars-style ``NA``
    object. Floats are converted through ``repr`` (shortest round-tripping
    representation) so that ``0.125`` is exactly ``Decimal("0.125")``.
    Strings are rejected with ``TypeError`` (use :func:`parse_danish_number`).
    """
    if value is None:
        return None
    if isinstance(value, (str, bytes)):
        raise TypeError(f"expected a number, got {type(value).__name__}: {value!r}")
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, bool):
        raise TypeError("expected a number, got bool")
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    try:
        as_float = float(value)  # type: ignore[arg-type]
    except TypeError:
        if type(value).__name__ in {"NAType", "NaTType"}:
            return None
        raise
    if not math.isfinite(as_float):
        return None
    return Decimal(repr(as_float))


def _round(value: Decimal, decimals: int) -> Decimal:
    """Round half away from zero to ``decimals`` places; never returns -0."""
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)
    return rounded


def _format_decimal(value: Decimal, decimals: int, grouping: bool = True) -> str:
    """Format an already-converted ``Decimal`` Danish-style (no sign handling tricks)."""
    rounded = _round(value, decimals)
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals else "")
    text = _babel_format_decimal(
        rounded, format=pattern, locale=LOCALE, decimal_quantization=True
    )
    return _normalise(text)


def _signed(text: str, rounded: Decimal) -> str:
    """Prefix ``"+"`` when the rounded value is strictly positive."""
    return "+" + text if rounded > 0 else text


def fmt_number(value: float | int | None, decimals: int = 0) -> str:
    """Format a plain number Danish-style.

    Unit: none (the value is shown as given).

    >>> fmt_number(1234567)
    '1.234.567'
    >>> fmt_number(1234.5, 1)
    '1.234,5'
    >>> fmt_number(None)
    '–'
    """
    dec = _to_decimal(value)
    if dec is None:
        return MISSING
    return _format_decimal(dec, decimals)


def _resolve_unit(dec: Decimal, unit: str) -> str:
    """Return the concrete money unit ("kr", "tkr", "mio") for ``unit``."""
    if unit == "auto":
        magnitude = abs(dec)
        if magnitude >= 1_000_000:
            return "mio"
        if magnitude >= 10_000:
            return "tkr"
        return "kr"
    if unit not in UNIT_SUFFIXES:
        raise ValueError(f"unknown money unit {unit!r}; use 'auto', 'kr', 'tkr' or 'mio'")
    return unit


def _money_parts(
    value: float | int | None, unit: str, decimals: int | None
) -> tuple[str, Decimal] | None:
    """Return (formatted money text, rounded displayed number) or None if missing."""
    dec = _to_decimal(value)
    if dec is None:
        # Validate the unit even for missing values so typos are caught early.
        if unit != "auto" and unit not in UNIT_SUFFIXES:
            raise ValueError(f"unknown money unit {unit!r}; use 'auto', 'kr', 'tkr' or 'mio'")
        return None
    concrete = _resolve_unit(dec, unit)
    divisor, suffix = UNIT_SUFFIXES[concrete]
    places = _UNIT_DEFAULT_DECIMALS[concrete] if decimals is None else decimals
    scaled = dec / divisor
    rounded = _round(scaled, places)
    return f"{_format_decimal(scaled, places)} {suffix}", rounded


def fmt_dkk(value: float | int | None, unit: str = "auto", decimals: int | None = None) -> str:
    """Format an amount of money given in kroner (DKK).

    ``unit`` chooses the display unit: ``"kr"`` (``"1.234.567 kr."``),
    ``"tkr"`` (thousands, ``"1.234,6 t.kr."``), ``"mio"`` (millions,
    ``"1.234,5 mio. kr."``) or ``"auto"``: mio. kr. when ``|value| >=
    1,000,000``, t.kr. when ``|value| >= 10,000``, otherwise kr. Default
    decimals: 0 for kr., 1 for t.kr. and mio. kr. Negative amounts start
    with ASCII ``"-"``. Missing values give ``"–"``.
    """
    parts = _money_parts(value, unit, decimals)
    return MISSING if parts is None else parts[0]


def fmt_mio(value_dkk: float | int | None, decimals: int = 1) -> str:
    """Format an amount in kroner as millions: ``209_200_000 -> "209,2 mio. kr."``."""
    return fmt_dkk(value_dkk, unit="mio", decimals=decimals)


def fmt_mio_number(value_dkk: float | int | None, decimals: int = 1, signed: bool = False) -> str:
    """Millions of kroner without the unit, for cards whose label carries "mio. kr." so that five
    fit side by side: ``209_200_000 -> "209,2"``, signed ``-1_250_000 -> "-1,3"``. Rounded as
    :func:`fmt_mio`."""
    text = fmt_signed_dkk(value_dkk, unit="mio", decimals=decimals) if signed else fmt_mio(value_dkk, decimals)
    return text.removesuffix(" mio. kr.")


def fmt_signed_dkk(
    value: float | int | None, unit: str = "auto", decimals: int | None = None
) -> str:
    """Format a change in kroner with an explicit sign.

    ``12_300_000 -> "+12,3 mio. kr."``, ``-1_250_000 -> "-1,3 mio. kr."``.
    A value that rounds to zero has no sign. Units as in :func:`fmt_dkk`.
    """
    parts = _money_parts(value, unit, decimals)
    if parts is None:
        return MISSING
    text, rounded = parts
    return _signed(text, rounded)


def fmt_pct(value: float | None, decimals: int = 1, signed: bool = False) -> str:
    """Format a fraction as a percentage: ``0.123 -> "12,3 %"``.

    Unit: ``value`` is a fraction (1.0 = 100 %). A plain ASCII space separates
    number and ``"%"``. With ``signed=True`` positive values get ``"+"``
    (``"+12,3 %"``); negative values always start with ``"-"``.
    """
    dec = _to_decimal(value)
    if dec is None:
        return MISSING
    scaled = dec * 100
    text = f"{_format_decimal(scaled, decimals)} %"
    if signed:
        return _signed(text, _round(scaled, decimals))
    return text


def fmt_persons(value: float | int | None, decimals: int = 1) -> str:
    """Format a number of full-year persons (helårspersoner, HÅP): ``"1.234,5"``."""
    return fmt_number(value, decimals)


def _names_locale() -> str:
    """The locale of month names: the UI language's (i18n.current_language). Numbers and the
    order day-month-year stay Danish in either language."""
    return LOCALE if current_language() == "da" else "en_GB"


def fmt_date(d: date | datetime | None, style: str = "short") -> str:
    """Format a date (a datetime is formatted by its date part).

    ``style="short"`` gives ``"23-11-2026"`` (dd-mm-yyyy), ``style="long"``
    gives ``"23. november 2026"`` (English UI: ``"23 November 2026"``). ``None`` gives ``"–"``.
    """
    if d is None:
        return MISSING
    if isinstance(d, datetime):
        d = d.date()
    if style == "short":
        return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"
    if style == "long":
        pattern = "d. MMMM y" if current_language() == "da" else "d MMMM y"
        return _normalise(_babel_format_date(d, format=pattern, locale=_names_locale()))
    raise ValueError(f"unknown date style {style!r}; use 'short' or 'long'")


def _check_month(month: int) -> None:
    """Raise ``ValueError`` unless ``month`` is 1..12."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")


def fmt_month(year: int, month: int) -> str:
    """Format a calendar month: ``(2025, 3) -> "marts 2025"`` (English UI: ``"March 2025"``)."""
    _check_month(month)
    name = _babel_month_names("wide", context="format", locale=_names_locale())[month]
    return f"{name} {year}"


def fmt_month_short(month: int) -> str:
    """Short month name without period: ``1 -> "jan"``, ``3 -> "mar"``, ``12 -> "dec"`` (English UI:
    ``"Jan"``, ``"Mar"``, ``"Dec"``)."""
    _check_month(month)
    name = _babel_month_names("abbreviated", context="format", locale=_names_locale())[month]
    return name.rstrip(".")


def csv_number(value: float | int | None, decimals: int | None = None) -> str:
    """Format a number for a ';'-separated CSV export.

    Decimal comma and no thousands separator: ``1234567.89 -> "1234567,89"``.
    With ``decimals=None`` the value is written with as many decimals as it
    has (shortest representation, trailing zeros dropped: ``2.0 -> "2"``);
    otherwise it is rounded half away from zero to exactly ``decimals``
    places. Missing values give ``""`` (an empty cell).
    """
    dec = _to_decimal(value)
    if dec is None:
        return ""
    if decimals is not None:
        return _format_decimal(dec, decimals, grouping=False)
    text = format(dec, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in {"-0", ""}:
        text = "0"
    return text.replace(".", ",")


_SUFFIX_RE = re.compile(r"\s*(mio\.\s*kr\.|t\.\s*kr\.|kr\.|%)\s*$")
_NUMBER_RE = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


def price_phrase(price_label: str) -> str:
    """A price label inside a sentence or title: 'Faste 2026-priser' -> 'faste 2026-priser'."""
    return price_label[:1].lower() + price_label[1:]


def export_title(chart_title: str, lang: str | None = None) -> str:
    """The title of the export of a chart's table: the chart's title with its unit made that of the exported
    amounts (kr. with decimals, never mio. kr.), wherever the title names it: 'Nettoudgift pr. år, løbende
    priser, mio. kr.' -> '..., kr.'; 'Nettoudgift i alt, mio. kr., 2025' -> '..., kr., 2025'; Plotly markup
    (a subtitle after '<br>') becomes ' – '."""
    title = re.sub(r"<br>\s*<sup>(.*?)</sup>", r" – \1", chart_title).replace("<br>", " ")
    return title.replace(t("unit.mio", lang), t("unit.kr", lang))


def basis_prices(refund_basis: str | None, price_label: str | None, lang: str | None = None) -> str:
    """The basis and price base a figure is on, inside a label, title or sentence: 'efter statsrefusion,
    løbende priser' (``refund_basis``: a key of domain.codes.REFUND_BASES, None for a figure without one,
    such as activity cost; ``price_label``: the sidebar's price label, None for a count)."""
    parts = ([t(f"basis.short_{refund_basis}", lang)] if refund_basis else []) + \
        ([price_phrase(price_label)] if price_label else [])
    return ", ".join(parts)


def kpi_label(label: str, refund_basis: str | None, price_label: str | None, lang: str | None = None) -> str:
    """A KPI card's label with the basis and the price base of its figure:
    'Nettoudgift 2025 (efter statsrefusion, løbende priser)', the unit added after it (common.kpi_mio)."""
    phrase = basis_prices(refund_basis, price_label, lang)
    if not phrase:
        return label
    # a label that ends in a parenthesis ('Mængde (HÅP)') takes the phrase after a comma, never a second one
    return t("common.kpi_basis_after" if label.endswith(")") else "common.kpi_basis", lang, label=label, basis=phrase)


def join_and(items: Iterable[str], lang: str | None = None) -> str:
    """'a', 'a og b', 'a, b og c' (English: 'and')."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return t("common.and", lang, first=", ".join(items[:-1]), second=items[-1])


def parse_danish_number(text: str) -> float:
    """Parse a Danish-formatted number back into a float (inverse of the formatters).

    Accepts ``"1.234,5"``, ``"1234,5"`` (CSV style), a leading ``"+"``/``"-"``
    (also U+2212) and an optional unit suffix ``" mio. kr."``, ``" t.kr."``,
    ``" kr."`` or ``" %"``. The number is returned *as written*, i.e. in the
    unit of the suffix: ``"209,2 mio. kr." -> 209.2``, ``"12,3 %" -> 12.3``.
    Raises ``ValueError`` for anything else (including the missing marker "–").
    """
    if not isinstance(text, str):
        raise ValueError(f"expected a string, got {type(text).__name__}")
    cleaned = _normalise(text).strip()
    cleaned = _SUFFIX_RE.sub("", cleaned)
    if not _NUMBER_RE.match(cleaned):
        raise ValueError(f"not a Danish number: {text!r}")
    try:
        return float(Decimal(cleaned.replace(".", "").replace(",", ".")))
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
        raise ValueError(f"not a Danish number: {text!r}") from exc


# Characters that start Markdown (CommonMark, GitHub's extensions, Streamlit's LaTeX and :colour[...]
# directives) anywhere in a line: escapes, code, emphasis, links and images, HTML and autolinks, entities,
# strikethrough, math, tables, headings and directives. Other punctuation ("9.99", "pr-hund", "(5.38)")
# only means something at the start of a line or after one of these, so it stays as written.
_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]<>&~$|#!]")
_MARKDOWN_LINE_START = re.compile(r"^([-+]|\d{1,9}[.)])(?=[ \t]|$)")   # a list marker
# GitHub's literal autolinks (http://..., www...., a@b.dk) and Streamlit's emoji and icon codes (:smile:,
# :material/home:) are found in the text after the escapes are resolved, so a backslash cannot stop them;
# an invisible word joiner where their patterns need a letter or "//" does.
_WORD_JOINER = "\u2060"
_MARKDOWN_TEXT_PATTERNS = re.compile(r"(?P<colon>:)|(?P<at>@)|(?<=www)(?P<dot>\.)", re.IGNORECASE)


def md_literal(text: object) -> str:
    """``text`` (data: a provider name, a source, a file name, a URL value) as Markdown that shows exactly
    that text, for st.markdown, st.info, st.caption, labels and the like: the characters that start
    Markdown are backslash-escaped (CommonMark lets any ASCII punctuation be escaped), a list marker at
    the start too, line breaks become spaces, and an invisible word joiner (U+2060) follows every ':'
    and precedes every '@' and the '.' of 'www.', so data can never become a link, an image, emphasis, a
    heading, a list, HTML, a formula, an emoji or an icon there.

    >>> md_literal("[klik](x) **fed** $x$")
    '\\\\[klik\\\\](x) \\\\*\\\\*fed\\\\*\\\\* \\\\$x\\\\$'
    >>> md_literal("omraade=9.99")
    'omraade=9.99'
    """
    s = " ".join(str(text).splitlines()) if text is not None else ""
    s = _MARKDOWN_INLINE.sub(lambda m: "\\" + m.group(), s)
    s = _MARKDOWN_TEXT_PATTERNS.sub(lambda m: "\\:" + _WORD_JOINER if m["colon"] else
                                    _WORD_JOINER + ("\\@" if m["at"] else "."), s)
    return _MARKDOWN_LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], s)


def plot_literal(text: object) -> str:
    """``text`` (data: a provider name, a measure) for a Plotly label, title or hover text, shown as
    written: Plotly reads tags in text (<b>, <br>, <a href=...>), so '&', '<' and '>' are written as the
    entities it shows as those characters."""
    return "" if text is None else str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fmt_values(values: pl.Series, fmt: Callable[[object], str], skip_nulls: bool = True) -> pl.Series:
    """``fmt`` applied to every value of ``values``: a String series of the same name and length, for a
    ``select`` or ``with_columns`` (``df.select(fmt_values(df["net_dkk"], fmt_mio).alias("Nettoudgift"))``).
    A null stays null unless ``skip_nulls=False`` (then ``fmt(None)`` is used), as ``map_elements`` did.

    Plain Python in the calling thread, never a polars UDF: a UDF runs on polars' thread pool and takes the
    GIL there, while ``DataFrame.to_pandas()`` (``st.dataframe``) holds the GIL and waits for that pool;
    with several sessions at once the server deadlocked (polars 2.1.0, bench/repro_polars_hang.py). Running
    here also formats in the run's language."""
    return pl.Series(values.name, [None if v is None and skip_nulls else fmt(v) for v in values.to_list()],
                     dtype=pl.String)


def age_label(group: str | None, lang: str | None = None) -> str:
    """An age filter's choice in words: None -> 'Alle aldre', 'ukendt' -> 'Ukendt alder', '18-24' -> '18-24 år'."""
    if group is None:
        return t("sidebar.age_all", lang)
    return t("sidebar.age_unknown", lang) if group == "ukendt" else t("decomp.age", lang, value=group)
