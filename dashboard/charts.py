"""The app's plotly template (Danish separators, font, colourway) and the colours pages share; importing
this module installs the template as plotly's default."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from present.formatting import PLOTLY_SEPARATORS

ACCENT = "#1f5fa8"
GREY = "#a7adb5"
COST_UP = "#c0392b"
COST_DOWN = "#1e8449"


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
