"""Tests for present.formatting (expectations computed by hand)."""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from present.formatting import (
    D3_MONEY_MIO,
    MISSING,
    PLOTLY_SEPARATORS,
    csv_number,
    fmt_date,
    fmt_dkk,
    fmt_mio,
    fmt_mio_number,
    fmt_month,
    fmt_month_short,
    fmt_number,
    fmt_pct,
    fmt_persons,
    fmt_signed_dkk,
    parse_danish_number,
)

NAN = float("nan")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1234567, 0, "1.234.567"),
        (1234567.891, 0, "1.234.568"),
        (1234.5, 1, "1.234,5"),
        (1234.55, 1, "1.234,6"),
        (-1234.5, 1, "-1.234,5"),
        (-1234567, 0, "-1.234.567"),
        (0.5, 0, "1"),  # half away from zero, not banker's rounding
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (0.125, 2, "0,13"),
        (2.675, 2, "2,68"),  # float 2.675 is 2.67499..., rounded as written
        (0.05, 1, "0,1"),
        (-0.04, 1, "0,0"),  # no negative zero
        (-0.4, 0, "0"),
        (3, 2, "3,00"),
        (10**12, 0, "1.000.000.000.000"),
        (Decimal("1234.45"), 1, "1.234,5"),
        (None, 0, MISSING),
        (NAN, 0, MISSING),
        (NAN, 2, MISSING),
        (math.inf, 0, MISSING),
    ],
)
def test_fmt_number(value, decimals, expected):
    assert fmt_number(value, decimals) == expected


def test_missing_is_en_dash():
    assert MISSING == "\u2013"
    assert fmt_number(None) == "–"


def test_fmt_number_rejects_strings():
    with pytest.raises(TypeError):
        fmt_number("12")  # type: ignore[arg-type]


def test_fmt_number_accepts_numpy_scalars():
    np = pytest.importorskip("numpy")
    assert fmt_number(np.int64(1234567)) == "1.234.567"
    assert fmt_number(np.float64(1234.5), 1) == "1.234,5"
    assert fmt_number(np.float64("nan")) == MISSING


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        # explicit units
        (1234567.891, "kr", None, "1.234.568 kr."),
        (1234567, "kr", None, "1.234.567 kr."),
        (1234567, "tkr", None, "1.234,6 t.kr."),
        (1234500000, "mio", None, "1.234,5 mio. kr."),
        (209_200_000, "mio", None, "209,2 mio. kr."),
        (209_250_000, "mio", None, "209,3 mio. kr."),  # half up
        (209_249_999, "mio", None, "209,2 mio. kr."),
        (209_200_000, "mio", 0, "209 mio. kr."),
        (209_200_000, "mio", 2, "209,20 mio. kr."),
        (1234.56, "kr", 2, "1.234,56 kr."),
        (-1_250_000, "mio", None, "-1,3 mio. kr."),
        (-1_250_000, "mio", 2, "-1,25 mio. kr."),
        (0, "kr", None, "0 kr."),
        (0, "mio", None, "0,0 mio. kr."),
        (-40_000, "mio", None, "0,0 mio. kr."),  # rounds to zero -> no sign
        # auto
        (1_000_000, "auto", None, "1,0 mio. kr."),
        (999_999, "auto", None, "1.000,0 t.kr."),
        (-1_000_000, "auto", None, "-1,0 mio. kr."),
        (10_000, "auto", None, "10,0 t.kr."),
        (9_999, "auto", None, "9.999 kr."),
        (-12_345, "auto", None, "-12,3 t.kr."),
        (512.4, "auto", None, "512 kr."),
        (209_200_000, "auto", None, "209,2 mio. kr."),
        # missing
        (None, "auto", None, MISSING),
        (NAN, "mio", None, MISSING),
    ],
)
def test_fmt_dkk(value, unit, decimals, expected):
    assert fmt_dkk(value, unit=unit, decimals=decimals) == expected


def test_fmt_dkk_default_unit_is_auto():
    assert fmt_dkk(209_200_000) == "209,2 mio. kr."
    assert fmt_dkk(1234) == "1.234 kr."


@pytest.mark.parametrize("unit", ["mia", "DKK", "", "Mio"])
def test_fmt_dkk_unknown_unit(unit):
    with pytest.raises(ValueError):
        fmt_dkk(1, unit=unit)
    with pytest.raises(ValueError):
        fmt_dkk(None, unit=unit)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (209_200_000, 1, "209,2 mio. kr."),
        (1_234_567_890, 1, "1.234,6 mio. kr."),
        (50_000, 1, "0,1 mio. kr."),
        (49_999, 1, "0,0 mio. kr."),
        (209_200_000, 0, "209 mio. kr."),
        (-3_450_000, 2, "-3,45 mio. kr."),
        (None, 1, MISSING),
    ],
)
def test_fmt_mio(value, decimals, expected):
    assert fmt_mio(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "signed", "expected"),
    [
        (1_234_567_890, False, "1.234,6"),
        (1_234_567_890, True, "+1.234,6"),
        (-3_450_000, True, "-3,5"),      # half up, as fmt_mio
        (-3_450_000, False, "-3,5"),
        (49_999, True, "0,0"),           # rounds to zero: no sign
        (None, True, MISSING),
    ],
)
def test_fmt_mio_number_is_fmt_mio_without_the_unit(value, signed, expected):
    assert fmt_mio_number(value, signed=signed) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (12_300_000, "auto", "+12,3 mio. kr."),
        (-1_250_000, "auto", "-1,3 mio. kr."),
        (-1_200_000, "auto", "-1,2 mio. kr."),
        (45_600, "auto", "+45,6 t.kr."),
        (-800, "auto", "-800 kr."),
        (800, "kr", "+800 kr."),
        (0, "auto", "0 kr."),
        (20_000, "mio", "0,0 mio. kr."),  # rounds to zero -> no sign
        (-20_000, "mio", "0,0 mio. kr."),
        (None, "auto", MISSING),
    ],
)
def test_fmt_signed_dkk(value, unit, expected):
    assert fmt_signed_dkk(value, unit=unit) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "signed", "expected"),
    [
        (0.1234, 1, False, "12,3 %"),
        (0.123, 1, False, "12,3 %"),
        (0.1235, 1, False, "12,4 %"),  # half up
        (1, 1, False, "100,0 %"),
        (12.5, 0, False, "1.250 %"),
        (0, 1, False, "0,0 %"),
        (-0.04, 1, False, "-4,0 %"),
        (0.005, 0, False, "1 %"),
        (0.1234, 2, False, "12,34 %"),
        (0.123, 1, True, "+12,3 %"),
        (-0.04, 1, True, "-4,0 %"),
        (0, 1, True, "0,0 %"),
        (-0.0004, 1, True, "0,0 %"),  # rounds to zero -> no sign
        (None, 1, False, MISSING),
        (NAN, 1, True, MISSING),
    ],
)
def test_fmt_pct(value, decimals, signed, expected):
    assert fmt_pct(value, decimals=decimals, signed=signed) == expected


def test_outputs_are_ascii_apart_from_missing_marker():
    samples = [
        fmt_pct(-0.123),
        fmt_dkk(-1_234_567),
        fmt_signed_dkk(-1_234_567),
        fmt_number(-1234.5, 1),
        csv_number(-1234.5),
        fmt_date(date(2026, 11, 23), "long"),
    ]
    for text in samples:
        assert "\u00a0" not in text and "\u202f" not in text and "\u2212" not in text
        assert text.isascii(), text


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (1234.56, 1, "1.234,6"),
        (12, 1, "12,0"),
        (0.25, 1, "0,3"),
        (1234.5, 0, "1.235"),
        (None, 1, MISSING),
    ],
)
def test_fmt_persons(value, decimals, expected):
    assert fmt_persons(value, decimals) == expected


def test_fmt_persons_default_one_decimal():
    assert fmt_persons(1234.5) == "1.234,5"


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (date(2026, 11, 23), "short", "23-11-2026"),
        (date(2025, 3, 1), "short", "01-03-2025"),
        (datetime(2026, 11, 23, 23, 59), "short", "23-11-2026"),
        (date(2026, 11, 23), "long", "23. november 2026"),
        (date(2025, 3, 1), "long", "1. marts 2025"),
        (datetime(2024, 2, 29, 8, 0), "long", "29. februar 2024"),
        (None, "short", MISSING),
        (None, "long", MISSING),
    ],
)
def test_fmt_date(value, style, expected):
    assert fmt_date(value, style) == expected


def test_fmt_date_default_style_is_short():
    assert fmt_date(date(2026, 11, 23)) == "23-11-2026"


def test_fmt_date_unknown_style():
    with pytest.raises(ValueError):
        fmt_date(date(2026, 1, 1), "medium")


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2025, 1, "januar 2025"),
        (2025, 3, "marts 2025"),
        (2025, 5, "maj 2025"),
        (2024, 12, "december 2024"),
    ],
)
def test_fmt_month(year, month, expected):
    assert fmt_month(year, month) == expected


def test_fmt_month_short_all():
    expected = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    assert [fmt_month_short(m) for m in range(1, 13)] == expected


@pytest.mark.parametrize(("lang", "short", "month", "long_date"), [
    ("da", ["jan", "mar", "maj", "okt"], "oktober 2026", "23. november 2026"),
    ("en", ["Jan", "Mar", "May", "Oct"], "October 2026", "23 November 2026"),
])
def test_month_names_follow_the_ui_language_numbers_stay_danish(lang, short, month, long_date):
    from i18n import use_language
    with use_language(lang):
        assert [fmt_month_short(m) for m in (1, 3, 5, 10)] == short
        assert fmt_month(2026, 10) == month
        assert fmt_date(date(2026, 11, 23), "long") == long_date
        assert fmt_date(date(2026, 11, 23)) == "23-11-2026"
        assert fmt_mio(1_234_500_000) == "1.234,5 mio. kr."


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_out_of_range(month):
    with pytest.raises(ValueError):
        fmt_month_short(month)
    with pytest.raises(ValueError):
        fmt_month(2025, month)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567.89, None, "1234567,89"),
        (1234567, None, "1234567"),
        (1234567.0, None, "1234567"),
        (-1234.5, None, "-1234,5"),
        (0.1, None, "0,1"),
        (1e-7, None, "0,0000001"),  # never scientific notation
        (1e20, None, "100000000000000000000"),
        (Decimal("12.50"), None, "12,5"),
        (-0.0, None, "0"),
        (1234567.891, 2, "1234567,89"),
        (1234.5, 0, "1235"),
        (2.5, 0, "3"),
        (-1234.5, 2, "-1234,50"),
        (-0.001, 2, "0,00"),
        (None, None, ""),
        (None, 2, ""),
        (NAN, None, ""),
    ],
)
def test_csv_number(value, decimals, expected):
    assert csv_number(value, decimals) == expected


def test_csv_number_has_no_separator_clash():
    text = csv_number(1234567.89)
    assert ";" not in text and "." not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1234567,89", 1234567.89),
        ("-1.234,5", -1234.5),
        ("\u22121.234,5", -1234.5),
        ("+12,3", 12.3),
        ("0", 0.0),
        ("0,13", 0.13),
        ("209,2 mio. kr.", 209.2),
        ("+12,3 mio. kr.", 12.3),
        ("1.234,6 t.kr.", 1234.6),
        ("1.234.568 kr.", 1234568.0),
        ("12,3 %", 12.3),
        ("12,3\u00a0%", 12.3),
        ("  42  ", 42.0),
    ],
)
def test_parse_danish_number(text, expected):
    assert parse_danish_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["", "–", "abc", "1,234.5", "1.23,4", "12.34", "1,2,3", "1 234", "mio. kr.", "12,", ",5", "--1", "1e5"],
)
def test_parse_danish_number_rejects_garbage(text):
    with pytest.raises(ValueError):
        parse_danish_number(text)


def _half_up(value: float, decimals: int) -> float:
    """Reference rounding: half away from zero on the value as written."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


@pytest.mark.parametrize(
    "value",
    [0, 1, -1, 0.5, 999.999, 1234.5, -1234.55, 1234567.891, -987654321.123, 0.125, 2.675, 1e12],
)
@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_round_trip_fmt_number_parse(value, decimals):
    assert parse_danish_number(fmt_number(value, decimals)) == _half_up(value, decimals)


@pytest.mark.parametrize("value", [0.0, 1234567.89, -1234.5, 1e-7, 42.0])
def test_round_trip_csv_number_parse(value):
    assert parse_danish_number(csv_number(value)) == value


def test_round_trip_money():
    assert parse_danish_number(fmt_mio(209_200_000)) == 209.2
    assert parse_danish_number(fmt_signed_dkk(-1_250_000)) == -1.3


def test_plotly_constants():
    assert PLOTLY_SEPARATORS == ",."
    assert D3_MONEY_MIO == ",.1f"
    # The plotly "separators" string is decimal mark first, thousands second.
    assert PLOTLY_SEPARATORS[0] == "," and PLOTLY_SEPARATORS[1] == "."


@pytest.mark.parametrize("title, expected", [
    ("Nettoudgift pr. år, efter statsrefusion, løbende priser, mio. kr.",
     "Nettoudgift pr. år, efter statsrefusion, løbende priser, kr."),
    ("Udgiftsændring 2022-2025<br><sup>Faste 2024-priser, mio. kr.</sup>", "Udgiftsændring 2022-2025 – Faste 2024-priser, kr."),
    ("Helårspersoner, borgere og enhedspris, indeks", "Helårspersoner, borgere og enhedspris, indeks"),
    ("Nettoudgift i alt, mio. kr., 2025, løbende priser", "Nettoudgift i alt, kr., 2025, løbende priser"),
])
def test_export_title_says_the_unit_of_the_exported_amounts(title, expected):
    from present.formatting import export_title
    assert export_title(title) == expected
