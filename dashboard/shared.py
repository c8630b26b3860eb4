"""Views shared by every session: a page's view (numbers, words and tables for one set of choices) is built
once per database version, language and choices, and handed to every session that asks for the same.

Why: with many sessions on one server, a run is mostly Python holding the GIL, and the same views were
built again and again (a meeting where ten people open the same link; every rerun after a widget change).
Building a view from its cached query results cost a third of a warm run (issue 12, bench/sessions.py).

A shared view is read by several sessions at once, so it is never changed after it is built: view
builders return frozen dataclasses, tuples and polars frames, and pages only read them.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from dashboard.auth import current
from dashboard.query import db_version
from i18n import current_language

V = TypeVar("V")
MAX_VIEWS = 256   # a view is a few kB to a few MB of small frames; the least recently used goes first
MAX_CHARTS = 1024  # a built plotly figure or a styled table: a few kB to a few 100 kB


class _Views:
    """A thread-safe least-recently-used map of built views."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.items: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, key: Hashable) -> tuple[bool, object]:
        with self.lock:
            if key not in self.items:
                return False, None
            self.items.move_to_end(key)
            return True, self.items[key]

    def put(self, key: Hashable, value: object) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


@st.cache_resource(show_spinner=False)
def _views() -> _Views:
    return _Views(MAX_VIEWS)


@st.cache_resource(show_spinner=False)
def _charts() -> _Views:
    return _Views(MAX_CHARTS)


def _shared(views: _Views, build: Callable[..., V], key: tuple, args: tuple, kwargs: dict) -> V:
    full_key = (build.__module__, build.__qualname__, db_version(), current_language(), current().view_key(), key)
    found, value = views.get(full_key)
    if found:
        return value  # type: ignore[return-value]
    value = build(*args, **kwargs)
    views.put(full_key, value)
    return value


def shared_view(build: Callable[..., V], key: tuple, *args, **kwargs) -> V:
    """``build(*args, **kwargs)``, built once per (build, ``key``, database version, language, the user's
    access: Access.view_key) and shared, so a view with small counts suppressed and one without are never
    handed to each other's users.

    ``key`` must name everything the view depends on besides the database version and the language: the
    filters (``repr(filters)``) and every choice passed in ``args``; the data passed in ``args`` are the
    loaders' results, which the filters and choices already determine. Two sessions asking for the same
    view at the same moment may both build it; both results are equal."""
    return _shared(_views(), build, key, args, kwargs)


def shared_chart(build: Callable[..., V], key: tuple, *args, **kwargs) -> V:
    """As :func:`shared_view`, for the charts and styled tables drawn from views (dashboard.charts.shared_figure,
    dashboard.widgets.coloured_table): kept in a least-recently-used map of their own (MAX_CHARTS), so a
    page's several charts never push views out."""
    return _shared(_charts(), build, key, args, kwargs)
