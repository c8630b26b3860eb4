"""dashboard.widgets: the KPI cards' arrows follow the sign the delta shows."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _cards() -> None:
    from dashboard import widgets
    from present import Kpi

    widgets.kpi_cards((Kpi("nul", "-0,1", "0,0 %"), Kpi("fald", "-2,0", "-1,0 %"), Kpi("stigning", "3,0", "+2,0 %"),
                       Kpi("uden", "4")))


def test_a_delta_that_rounds_to_zero_has_no_arrow_and_no_colour():
    at = AppTest.from_function(_cards).run()
    assert not at.exception
    shown = {m.label: m.proto for m in at.metric}
    # direction/colour enums: NONE and GRAY for a sign-less delta; a fall is DOWN, a rise UP
    assert shown["nul"].direction == shown["uden"].direction == type(shown["nul"]).MetricDirection.NONE
    assert shown["nul"].color == type(shown["nul"]).MetricColor.GRAY
    assert shown["fald"].direction == type(shown["nul"]).MetricDirection.DOWN
    assert shown["stigning"].direction == type(shown["nul"]).MetricDirection.UP
    assert shown["fald"].color != shown["nul"].color
