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


def test_tables_go_to_the_browser_as_arrow_with_the_types_and_values_pandas_would_give(app, monkeypatch):
    """widgets.table hands a polars frame to st.dataframe as Arrow (issue 12: Streamlit's own route goes
    through pandas and cost a tenth of a run); for every table the analysis pages show, that gives the
    columns, Arrow types and values Streamlit's pandas route gives."""
    import polars as pl
    import pyarrow as pa
    from streamlit import dataframe_util

    from dashboard import widgets
    from tests.apptools import page_file

    shown, real = [], widgets.table
    monkeypatch.setattr(widgets, "table", lambda df, **kwargs: shown.append(df) or real(df, **kwargs))
    at = app.run()
    for stem in ("trend", "decomposition", "comparison", "data"):
        at.switch_page(page_file(stem)).run()
        assert not at.exception, at.exception
    frames = [df for df in shown if isinstance(df, pl.DataFrame)]
    assert len(frames) >= 10
    for df in frames:
        direct = df.to_arrow()
        via_pandas = pa.ipc.open_stream(dataframe_util.convert_pandas_df_to_arrow_bytes(
            dataframe_util.convert_anything_to_pandas_df(df))).read_all()
        assert via_pandas.column_names[:len(direct.column_names)] == direct.column_names
        for name in direct.column_names:
            assert via_pandas.schema.field(name).type == direct.schema.field(name).type, name
            assert via_pandas.column(name).to_pylist() == direct.column(name).to_pylist(), name


def _coloured_tables() -> None:
    import polars as pl
    import streamlit as st

    from dashboard import widgets

    def colour(text: str) -> str:
        return "color: #c0392b" if text.startswith("+") else ("color: #1e8449" if text.startswith("-") else "")

    df = pl.DataFrame({"År": ["2024", "2025", "2026"], "Ændring": ["+1,0", "-2,0", "0,0"], "Note": ["+", "-", ""]})
    widgets.coloured_table("t", ("k",), df, colour, ["Ændring", "mangler"])
    widgets.coloured_table("t", ("k",), df, colour, ["Ændring", "mangler"])      # from the shared map
    st.dataframe(df.to_pandas().style.map(colour, subset=["Ændring"]).set_uuid("t"), hide_index=True, width="stretch")


def test_a_coloured_table_shows_what_a_pandas_styler_shows():
    """widgets.coloured_table keeps its Styler's computed styles (issue 12): the table that reaches the browser,
    built or taken from the shared map, is the one a fresh pandas Styler gives: data, display values, CSS."""
    at = AppTest.from_function(_coloured_tables, default_timeout=60).run()
    assert not at.exception, at.exception
    first, again, plain = (el.proto.arrow_data for el in at.dataframe)
    assert first == again == plain
    assert "color: #c0392b" in first.styler.styles and "color: #1e8449" in first.styler.styles
    assert "row0_col2" not in first.styler.styles          # only the columns asked for are coloured


STYLER_METHODS = frozenset({"map", "apply", "applymap", "format", "set_properties", "background_gradient",
                            "highlight_max", "highlight_min", "bar"})


def styler_uses(source: str, filename: str) -> list[str]:
    """'file:line' of each `<x>.style.<method>(...)` of a pandas Styler and each name `Styler`."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if (isinstance(node, ast.Attribute) and node.attr in STYLER_METHODS and isinstance(node.value, ast.Attribute)
                and node.value.attr == "style") or (isinstance(node, ast.Name) and node.id == "Styler"):
            found.append(f"{filename}:{node.lineno}")
    return found


def test_the_scan_finds_a_styler():
    assert styler_uses("df.to_pandas().style.map(f, subset=['a'])\nx = Styler(df)\n", "p.py") == ["p.py:1", "p.py:2"]
    assert styler_uses("ser.marker.style = 1\nfig.update_layout(style='x')\n", "p.py") == []


def test_no_page_builds_a_pandas_styler_on_every_run():
    """A coloured table goes through widgets.coloured_table, whose Styler is computed once per view and shared
    (issue 12); a Styler built on a page's path is computed again on every run (5-13 ms a table)."""
    from tests.conftest import REPO

    files = sorted((REPO / "dashboard").rglob("*.py")) + sorted((REPO / "present").rglob("*.py")) + [REPO / "app.py"]
    hits = [hit for f in files if f.name != "widgets.py" or f.parent.name != "dashboard"
            for hit in styler_uses(f.read_text(encoding="utf-8"), str(f.relative_to(REPO)))]
    assert hits == []
    assert styler_uses((REPO / "dashboard" / "widgets.py").read_text(encoding="utf-8"), "widgets.py")   # the one place
