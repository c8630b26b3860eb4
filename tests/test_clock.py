"""CI runs the page and analysis tests again with the clock set by faketime (.ci/run); this checks that the
fake clock reaches Python and DuckDB in those runs, or they would test nothing."""
from __future__ import annotations

import datetime as dt
import os

import pytest


def test_the_clock_is_the_one_ci_set():
    """CI's faketime runs set EXPECT_TODAY (a run started at 23:30 may have crossed midnight)."""
    import duckdb

    expected = os.environ.get("EXPECT_TODAY")
    if not expected:
        pytest.skip("not a faketime run")
    day = dt.date.fromisoformat(expected)
    allowed = {day, day + dt.timedelta(days=1)}
    assert dt.date.today() in allowed
    assert duckdb.sql("select current_date").fetchall()[0][0] in allowed
