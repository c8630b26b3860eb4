"""The pages on the dates that break naive code: every page of the demo, extracted on 1 January (the
previous year's books just closed, no actuals in the new year), 31 January (a month of activity data,
no posted month), 29 February of a leap year and 31 December (tests.fixed_demo.TEST_DATES), says in words what it cannot show and
never raises or draws a missing value as zero.

Each date has its own demo database, generated for that extraction date and imported through the real
importer (`make test` builds them in data/test-dates/; otherwise they are built in a temporary folder).
Every expectation is derived from the extraction date, so the verdict is the same on any day; CI also runs
this file with the clock set by faketime.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import streamlit as st

from present.formatting import fmt_date, fmt_month_short
from analysis.segments import activity_complete_months, latest_comparable_year
from synth.model import completed_months
from tests.apptools import chart, open_page
from tests.conftest import REPO, app_on, built_for
from dashboard.registry import PAGES as REGISTRY
from tests.fixed_demo import TEST_DATES, build, dated_path
from tests.plotly_spec import decode

DATES = TEST_DATES
DATES_DIR = REPO / "data" / "test-dates"
PAGES = [p.file for p in REGISTRY]


def dated_db(as_of: dt.date, tmp_root: Path) -> Path:
    """The demo database extracted on `as_of`: data/test-dates/<date>.duckdb when make built it, else new."""
    db = dated_path(DATES_DIR, as_of)
    if built_for(db) == as_of:
        return db
    db = dated_path(tmp_root, as_of)
    return build(db.with_suffix(""), db, as_of)


@pytest.fixture(scope="module", params=list(DATES), ids=list(DATES))
def dated(request, tmp_path_factory) -> tuple[dt.date, Path]:
    as_of = DATES[request.param]
    return as_of, dated_db(as_of, tmp_path_factory.mktemp("dates"))


@pytest.fixture
def app_at(dated, monkeypatch):
    as_of, db = dated
    yield as_of, app_on(db, monkeypatch)
    st.cache_data.clear()
    st.cache_resource.clear()


def _messages(at) -> list[str]:
    return [m.value for kind in (at.info, at.warning) for m in kind]


def _errors(at) -> list[str]:
    return [e.value for e in at.error] + [e.message for e in at.exception]


def test_the_demo_is_current_on_its_extraction_date(dated):
    """make run's demo on any day: activity data to that day, actuals up to the last complete month of the
    year, budgets for every month of the year."""
    import duckdb

    as_of, db = dated
    with duckdb.connect(os.path.realpath(db), read_only=True) as con:
        months = dict(con.sql("select amount_kind, count(distinct month) from ledger where year = $y group by 1",
                              params={"y": as_of.year}).fetchall())
        data_date = con.sql("select data_date from activity_data_date").fetchall()[0][0]
    assert data_date == as_of
    assert months.get("actual", 0) == completed_months(as_of.year, as_of) == as_of.month - 1
    assert months["budget_corrected"] == months["budget_original"] == 12


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_and_says_what_it_cannot_show(app_at, page):
    _, at = app_at
    open_page(at, page)
    assert not _errors(at), _errors(at)


def test_overview_shows_the_latest_complete_year(app_at):
    as_of, at = app_at
    open_page(at, "dashboard/pages/overview.py")
    latest = as_of.year - 1      # the extraction year never has 12 posted months
    labels = [m.label for m in at.metric]
    assert labels[0].startswith(f"Nettoudgift {latest}"), labels
    assert all(str(as_of.year) not in label for label in labels), labels


def test_trend_page_on_the_date(app_at):
    as_of, at = app_at
    open_page(at, "dashboard/pages/trend.py")
    posted = completed_months(as_of.year, as_of)
    labels = [m.label for m in at.metric]
    month_chart = chart(at, "Akkumuleret nettoudgift")
    actual = next(d for d in month_chart["data"] if d["name"] == "Regnskab akk.")
    values = decode(actual["y"])
    if posted == 0:
        # January: the new year has a budget and no posted month; the page says so and shows last year
        (notice,) = [m for m in _messages(at) if m.startswith(f"{as_of.year} har endnu ingen bogførte måneder")]
        assert "december" in notice and f"Budget {as_of.year}:" in notice and "mio. kr." in notice
        assert labels[0].startswith(f"Nettoudgift {as_of.year - 1}")
        assert str(as_of.year - 1) in month_chart["layout"]["title"]["text"]
        assert all(v is not None and v > 0 for v in values)        # last year in full
    else:
        assert labels[0].startswith(f"Forventet udgift {as_of.year}")
        assert any(label.endswith(f"til og med {fmt_month_short(posted)} (efter statsrefusion)") for label in labels), \
            labels
        # months not yet posted are missing values, never zero
        assert all(v is not None and v > 0 for v in values[:posted])
        assert all(v is None for v in values[posted:]), values


def test_decomposition_defaults_to_a_comparable_year(app_at):
    as_of, at = app_at
    open_page(at, "dashboard/pages/decomposition.py")
    years = list(range(2019, as_of.year + 1))
    expected = latest_comparable_year(years, as_of)
    assert at.selectbox(key="sammenlign").value == expected
    messages = _messages(at)
    if expected != as_of.year:
        assert any(m.startswith(f"{as_of.year} har endnu ingen hel måned med aktivitetsdata (data til "
                                f"{fmt_date(as_of)}); sammenligningsåret er derfor sat til {expected}") for m in messages)
    months = min(activity_complete_months(expected, as_of), completed_months(expected, as_of) or 12)
    title = [m for m in _messages(at) if "sammenlignes derfor for de samme måneder" in m]
    if months < 12:
        assert title and title[0].endswith(f"jan.–{fmt_month_short(months)}." if months > 1 else "jan."), title
    else:
        assert not title
    if completed_months(expected, as_of) == 0:
        assert any(m.startswith(f"Der er endnu ikke bogført regnskab for {expected}") for m in messages)
    assert [m.label for m in at.metric][:1] == ["Ændring i alt (løbende priser), mio. kr."]


def test_decomposition_of_a_year_without_a_complete_month_says_so(dated, monkeypatch):
    as_of, db = dated
    if activity_complete_months(as_of.year, as_of) > 0:
        pytest.skip("the extraction year has a complete month on this date")
    at = app_on(db, monkeypatch)
    at.query_params.update({"basis": str(as_of.year - 2), "sammenlign": str(as_of.year)})
    try:
        open_page(at, "dashboard/pages/decomposition.py")
        assert not _errors(at)
        assert any(w.value == f"Der er ingen hel måned med data i {as_of.year}; vælg et andet år." for w in at.warning)
        assert any(f"det seneste år med mindst én hel måned er {as_of.year - 1}" in m for m in _messages(at))
        assert not at.metric and not at.get("plotly_chart")
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_comparison_page_uses_the_latest_benchmark_year(app_at):
    as_of, at = app_at
    open_page(at, "dashboard/pages/comparison.py")
    labels = [m.label for m in at.metric]
    assert labels[0].endswith(str(as_of.year - 1)), labels

