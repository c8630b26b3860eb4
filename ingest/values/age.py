"""A citizen's birth year from an age in whole years on a date (the optional `alder` column of an activity
export: the age at the measure's start), narrowed over all of a citizen's rows. Only the year is kept."""

from __future__ import annotations

import datetime as dt


def _years_before(day: dt.date, years: int) -> dt.date:
    """``day`` moved back ``years`` calendar years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birth_dates(age: int, on: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last possible date of birth of someone aged ``age`` whole years on ``on``: born after
    ``on`` minus age+1 years and at the latest on ``on`` minus age years (365 or 366 days)."""
    return _years_before(on, age + 1) + dt.timedelta(days=1), _years_before(on, age)


def overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date] | None:
    """The dates of birth two rows both allow, or None when their ages contradict each other."""
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def likeliest_year(span: tuple[dt.date, dt.date]) -> int:
    """The calendar year holding most of the possible dates of birth in ``span`` (the later year on a tie).
    An age on one date leaves two candidate years; the rows of one citizen at other dates narrow the span,
    often to one year."""
    lo, hi = span
    if lo.year == hi.year:
        return lo.year
    days_first = (dt.date(lo.year, 12, 31) - lo).days + 1
    days_last = (hi - dt.date(hi.year, 1, 1)).days + 1
    return lo.year if days_first > days_last else hi.year
