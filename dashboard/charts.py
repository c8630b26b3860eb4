"""The app's plotly template (Danish separators, font, colourway) and the colours pages share; importing
this module installs the template as plotly's default. :func:`plot` shows a figure with readable text."""
from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from present.formatting import PLOTLY_SEPARATORS
from dashboard import exports, saved
from dashboard.shared import shared_chart

ACCENT = "#1f5fa8"
GREY = "#a7adb5"
COST_UP = "#c0392b"
COST_DOWN = "#1e8449"
#: chart text (ticks, axis titles, legend, bar labels): Streamlit's text colour, 12,6:1 on white. Streamlit's
#: chart theme draws ticks and labels in a grey of 3,7:1 and replaces the figure's template, so the colour is
#: set on the figure's own layout (dashboard.charts.plot), where it wins over the theme.
TEXT = "#31333f"
#: ordered groups (levels of need, age groups) from light to dark
ORDINAL_BLUES = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")


def ordinal_colour(rank: int | None, count: int) -> str:
    """The colour of the ``rank``-th of ``count`` ordered groups (light to dark); grey for no rank."""
    if rank is None:
        return GREY
    if count <= 1:
        return ORDINAL_BLUES[-2]
    return ORDINAL_BLUES[round(rank * (len(ORDINAL_BLUES) - 1) / (count - 1))]


def _install_template() -> None:
    template = go.layout.Template(pio.templates["plotly_white"])
    template.layout.update(
        separators=PLOTLY_SEPARATORS,
        font=dict(family="Source Sans Pro, Arial, sans-serif", size=15),
        title=dict(font=dict(size=19)),
        colorway=[ACCENT, GREY, "#e39b2d", "#6c8ebf", "#8e6bbf", "#4f9d69"],
        margin=dict(l=70, r=30, t=70, b=60),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
        hoverlabel=dict(font_size=14),
    )
    pio.templates["dashboard"] = template
    pio.templates.default = "dashboard"


_install_template()


def _readable(fig: go.Figure) -> None:
    """Ticks, axis titles, legend and the default font in :data:`TEXT` unless the page gave them a colour."""
    # plain attribute assignment: update_layout(font_color=...) parses each "a_b_c" path and took 6-19 ms
    # per figure, more than building the figure (issue 12)
    layout = fig.layout
    for part in (layout, layout.legend, layout.title):
        if part.font.color is None:
            part.font.color = TEXT
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        if axis.tickfont.color is None:
            axis.tickfont.color = TEXT
        if axis.title.font.color is None:
            axis.title.font.color = TEXT


def _shared(build: Callable[[], go.Figure]) -> go.Figure:
    fig = build()
    _readable(fig)
    fig._dashboard_shared = True   # read-only from here: plot() copies it before a session's own annotations
    return fig


def shared_figure(name: str, key: tuple, build: Callable[[], go.Figure]) -> go.Figure:
    """``build()``, built once per chart ``name`` and ``key`` (as for dashboard.shared.shared_view: everything
    the figure depends on besides the database version, the language and the user's access, usually the
    key of the view it is drawn from) and shared by every session that shows the same chart
    (dashboard.shared.shared_chart).

    Why: building a plotly figure (validating every property, update_layout's path parsing) was 40 % of
    the server's Python time per interaction with many sessions (issue 12). A shared figure is never changed
    after it is built: :func:`plot` draws a session's annotations on a copy."""
    return shared_chart(_shared, (name, key), build)


def plot(fig: go.Figure, key: str, **kwargs):
    """st.plotly_chart with text of at least 4,5:1 contrast: ticks, axis titles, legend and the default font
    in :data:`TEXT` unless the page gave them a colour of their own; no plotly logo. The figure is collected
    for the page's committee exports (dashboard.exports). A figure from :func:`shared_figure` is shown as
    it is, or as a copy with the session's annotations. Returns what
    st.plotly_chart returns (the selection when ``on_select`` is given)."""
    if not getattr(fig, "_dashboard_shared", False):
        _readable(fig)
    elif saved.has_notes():
        fig = go.Figure(fig)
    saved.annotate(fig)
    exports.collect_figure(key, fig)
    return st.plotly_chart(fig, key=key, config={"displaylogo": False}, **kwargs)
