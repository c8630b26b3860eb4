"""Full-year persons (helårspersoner, HÅP): the reference definition in plain Python.

HÅP of one citizen in a period = days on which the citizen has at least one measure (overlapping or
adjacent measures merged, each day counted once) / days in the period. Measures are clipped to the
period; an open end (None) runs to the period's end. Days are calendar days, both ends included,
so a leap year has 366.

merged_days is the oracle of the one SQL merge rule, the macro hap_days_added in queries/build/macros.sql
(called by queries/build/segment_person_year.sql and segment_month.sql; clipping to months in
queries/build/activity_month.sql); tests/test_hap.py and tests/test_queries.py hold the tables to it, and
bench/baselines.py:island_days is the same rule in pandas.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def merged_days(intervals: Iterable[tuple[dt.date, dt.date | None]], period_start: dt.date, period_end: dt.date) -> int:
    """Number of distinct days in [period_start, period_end] covered by at least one interval."""
    clipped = sorted(
        (max(start, period_start), min(end or period_end, period_end))
        for start, end in intervals
        if start <= period_end and (end is None or end >= period_start)
    )
    days = 0
    current_start: dt.date | None = None
    current_end: dt.date | None = None
    for start, end in clipped:
        if current_end is not None and start <= current_end + dt.timedelta(days=1):
            current_end = max(current_end, end)
            continue
        if current_start is not None:
            days += (current_end - current_start).days + 1
        current_start, current_end = start, end
    if current_start is not None:
        days += (current_end - current_start).days + 1
    return days


def full_year_persons(intervals: Iterable[tuple[dt.date, dt.date | None]], period_start: dt.date, period_end: dt.date) -> float:
    """HÅP of one citizen: merged_days / days in the period (persons)."""
    period_days = (period_end - period_start).days + 1
    if period_days <= 0:
        raise ValueError("period_end must not be before period_start")
    return merged_days(intervals, period_start, period_end) / period_days
