"""dashboard.shared: a view is built once per (builder, key, database version, language) and shared."""
from __future__ import annotations

import pytest
import streamlit as st

from dashboard import shared
from i18n import use_language


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    st.cache_resource.clear()
    version = {"now": "v1.duckdb"}
    monkeypatch.setattr(shared, "db_version", lambda: version["now"])
    yield version
    st.cache_resource.clear()


def _builder():
    calls = []

    def build(x: int, y: int = 0) -> tuple:
        calls.append((x, y))
        return (x, y, len(calls))
    return build, calls


def test_the_same_key_builds_once_and_hands_out_the_same_object():
    build, calls = _builder()
    first = shared.shared_view(build, ("k",), 1, y=2)
    again = shared.shared_view(build, ("k",), 1, y=2)
    assert again is first and calls == [(1, 2)]


@pytest.mark.parametrize("change", ["key", "language", "version"])
def test_anything_the_view_depends_on_builds_it_again(_fresh, change):
    build, calls = _builder()
    shared.shared_view(build, ("k",), 1)
    if change == "key":
        shared.shared_view(build, ("other",), 1)
    elif change == "language":
        with use_language("en"):
            shared.shared_view(build, ("k",), 1)
    else:
        _fresh["now"] = "v2.duckdb"           # an import swapped the database version
        shared.shared_view(build, ("k",), 1)
    assert len(calls) == 2


def test_two_builders_with_the_same_key_do_not_share():
    build_a, calls_a = _builder()
    build_b, calls_b = _builder()
    build_b.__qualname__ = "other_builder"
    shared.shared_view(build_a, ("k",), 1)
    shared.shared_view(build_b, ("k",), 1)
    assert len(calls_a) == len(calls_b) == 1


def test_the_least_recently_used_view_goes_first(monkeypatch):
    monkeypatch.setattr(shared, "MAX_VIEWS", 2)
    build, calls = _builder()
    shared.shared_view(build, ("a",), 1)
    shared.shared_view(build, ("b",), 2)
    shared.shared_view(build, ("a",), 1)      # a is now the most recent
    shared.shared_view(build, ("c",), 3)      # evicts b
    shared.shared_view(build, ("a",), 1)
    assert calls == [(1, 0), (2, 0), (3, 0)]
    shared.shared_view(build, ("b",), 2)
    assert calls[-1] == (2, 0) and len(calls) == 4


def test_a_failing_build_is_not_remembered():
    attempts = []

    def build() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("first attempt fails")
        return "ok"

    with pytest.raises(RuntimeError):
        shared.shared_view(build, ())
    assert shared.shared_view(build, ()) == "ok" and len(attempts) == 2


def test_two_sessions_on_the_same_filters_share_one_view(app, monkeypatch):
    """The Udgiftsudvikling view is built once for two sessions with the same choices, again for another
    split, and both sessions show the same figures."""
    import present.trend
    from streamlit.testing.v1 import AppTest

    from tests.apptools import open_page
    from tests.conftest import REPO

    real, built = present.trend.trend_view, []
    monkeypatch.setattr(present.trend, "trend_view",
                        lambda *a, **kw: built.append(a[3]) or real(*a, **kw))
    page = "dashboard/pages/trend.py"
    first = open_page(app, page)
    second = open_page(AppTest.from_file(str(REPO / "app.py"), default_timeout=120), page)
    assert not first.exception and not second.exception
    assert [m.value for m in first.metric] == [m.value for m in second.metric]
    assert built == ["funktion"]
    second.radio(key="trend_opdeling").set_value("dranst").run()
    assert built == ["funktion", "dranst"]


def test_a_suppressed_and_an_unsuppressed_view_are_never_shared(monkeypatch):
    """Issue 22: the user's access (Access.view_key) is part of the key, so a user without citizen-level access
    never gets a view built for one with it, and the other way round; the same access shares."""
    from domain.access import Access
    build, calls = _builder()
    who = {"now": Access(user="a", citizen_level=True)}
    monkeypatch.setattr(shared, "current", lambda: who["now"])
    full = shared.shared_view(build, ("k",), 1)
    who["now"] = Access(user="b", citizen_level=False)
    suppressed = shared.shared_view(build, ("k",), 1)
    who["now"] = Access(user="c", citizen_level=False)
    again = shared.shared_view(build, ("k",), 1)
    who["now"] = Access(user="d", citizen_level=True)
    full_again = shared.shared_view(build, ("k",), 1)
    assert suppressed is not full and again is suppressed and full_again is full and len(calls) == 2
