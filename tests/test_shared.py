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


def test_charts_have_a_map_of_their_own_so_they_never_push_views_out(monkeypatch):
    monkeypatch.setattr(shared, "MAX_VIEWS", 1)
    build, calls = _builder()
    view = shared.shared_view(build, ("view",), 1)
    for i in range(5):
        shared.shared_chart(build, ("chart", i), 2)
    assert shared.shared_view(build, ("view",), 1) is view and len(calls) == 6


def test_a_shared_figure_is_built_once_and_a_session_s_annotations_go_on_a_copy(monkeypatch):
    """charts.shared_figure: built once per name and key, its text readable; plot() draws a session's
    annotations on a copy, so the figure other sessions get stays as it was built."""
    import plotly.graph_objects as go

    from dashboard import charts, saved
    from present.deck import NOTE_NAME

    shown, builds = [], []
    monkeypatch.setattr(st, "plotly_chart", lambda fig, **kwargs: shown.append(fig))

    def build() -> go.Figure:
        builds.append(1)
        return go.Figure(go.Bar(x=["2024", "2025"], y=[1.0, 2.0]))

    fig = charts.shared_figure("chart", ("k",), build)
    assert charts.shared_figure("chart", ("k",), build) is fig and len(builds) == 1
    assert charts.shared_figure("other chart", ("k",), build) is not fig and len(builds) == 2
    assert fig.layout.font.color == charts.TEXT and fig.layout.xaxis.tickfont.color == charts.TEXT
    try:
        st.session_state[saved.NOTES_KEY] = [(2025, "Ny leverandør")]
        charts.plot(fig, key="chart")
        assert shown[-1] is not fig
        assert [a.text for a in shown[-1].layout.annotations if a.name == NOTE_NAME] == ["✎ 2025: Ny leverandør"]
        assert not fig.layout.annotations and not fig.layout.shapes
        st.session_state[saved.NOTES_KEY] = []
        charts.plot(fig, key="chart")
        assert shown[-1] is fig
    finally:
        st.session_state.pop(saved.NOTES_KEY, None)


def test_two_sessions_on_the_same_filters_share_the_page_s_charts(app, monkeypatch):
    """Udgiftsudvikling's three charts are built once for two sessions with the same choices, and both
    sessions get the same chart specifications."""
    from streamlit.testing.v1 import AppTest

    from dashboard import charts
    from tests.apptools import charts as specs, open_page
    from tests.conftest import REPO

    real, built = charts._shared, []
    monkeypatch.setattr(charts, "_shared", lambda build: built.append(1) or real(build))
    page = "dashboard/pages/trend.py"
    first = open_page(app, page)              # Overblik's charts, then Udgiftsudvikling's three
    n = len(built)
    assert n >= 3 and len(specs(first)) == 3
    second = open_page(AppTest.from_file(str(REPO / "app.py"), default_timeout=120), page)
    assert not first.exception and not second.exception
    assert len(built) == n and specs(first) == specs(second)
    second.radio(key="trend_opdeling").set_value("dranst").run()
    assert len(built) == n + 3
