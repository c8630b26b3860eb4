"""Saved views and annotations in the app (AppTest): save the page on screen under a name, see it listed as a link
with its URL state, reorder and delete it; an annotation on the area and a year is drawn on the charts with that
year, and listed on the deck's slide. The session's user database is a temporary file (tests.conftest.app_on)."""
from __future__ import annotations

import io

from pptx import Presentation

import store
from dashboard.exports import Collected
from present.deck import NOTE_NAME
from tests.apptools import charts, open_page, page_file


def _views():
    with store.connect() as con:
        return store.views(con)


def test_save_list_reorder_and_delete_views(app, monkeypatch):
    monkeypatch.setenv("DASHBOARD_USER", "analytiker")
    at = open_page(app, page_file("trend"))
    at.text_input(key="saved_name").set_value("Udvikling til BUV")
    at.text_area(key="saved_comment").set_value("Budgetopfølgning")
    at = at.button(key="saved_save").click().run()
    assert not at.exception, at.exception
    at.text_input(key="saved_name").set_value("Anden")
    at = at.button(key="saved_save").click().run()
    first, second = _views()
    assert (first.name, first.page, first.comment, first.created_by) == ("Udvikling til BUV", "trend",
                                                                        "Budgetopfølgning", "analytiker")
    assert "omraade=5.38" in first.query and "prognose=" in first.query     # the page's URL state, all of it
    links = at.sidebar.get("page_link")
    assert [el.proto.label for el in links] == ["Udvikling til BUV", "Anden"]
    assert links[0].proto.page.endswith("udvikling") and "omraade=5.38" in links[0].proto.query_string
    at = at.button(key=f"saved_up_{second.id}").click().run()
    assert [v.id for v in _views()] == [second.id, first.id]
    at = at.button(key=f"saved_delete_{second.id}").click().run()
    assert [v.id for v in _views()] == [first.id]
    at.text_input(key="saved_name").set_value("   ")
    at = at.button(key="saved_save").click().run()
    assert len(_views()) == 1 and any("navn" in c.value for c in at.sidebar.caption)


def test_annotation_is_drawn_on_the_charts_of_its_year_and_in_the_deck(app):
    at = app.run()
    years = at.session_state["_filters"].years
    year = years[-2]
    at.selectbox(key="note_year").set_value(year)
    at.text_input(key="note_text").set_value("Ny § 108-leverandør fra marts")
    at = at.button(key="note_add").click().run()
    assert not at.exception, at.exception
    (spec,) = charts(at)
    notes = [a for a in spec["layout"].get("annotations", []) if a.get("name") == NOTE_NAME]
    assert [(a["x"], a["text"]) for a in notes] == [(str(year), f"✎ {year}: Ny § 108-leverandør fra marts")]
    found: Collected = at.session_state["_page_export"]
    assert found.figures
    at = at.button(key="export_build_pptx").click().run()
    deck = Presentation(io.BytesIO(at.session_state["_export_pptx_overview"][1]))
    texts = [s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame]
    assert f"✎ {year}: Ny § 108-leverandør fra marts" in texts
    assert any(s.has_chart for s in deck.slides[0].shapes)             # still a native chart
    # another area has no notes
    with store.connect() as con:
        assert [n.year for n in store.annotations(con, "5.38")] == [year]
        assert store.annotations(con, "5.28") == []
