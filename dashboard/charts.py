"""The app's plotly template (Danish separators, font, colourway) and the colours pages share; importing
this module installs the template as plotly's default. :func:`plot` shows a figure with readable text."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from present.formatting import PLOTLY_SEPARATORS
from dashboard import exports, saved

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


def plot(fig: go.Figure, key: str, **kwargs):
    """st.plotly_chart with text of at least 4,5:1 contrast: ticks, axis titles, legend and the default font
    in :data:`TEXT` unless the page gave them a colour of their own; no plotly logo. The figure is collected
    for the page's committee exports (dashboard.exports). Returns what
    st.plotly_chart returns (the selection when ``on_select`` is given)."""
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
    saved.annotate(fig)
    exports.collect_figure(key, fig)
    return st.plotly_chart(fig, key=key, config={"displaylogo": False}, **kwargs)
