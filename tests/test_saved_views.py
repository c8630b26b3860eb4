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
    assert [b.label for b in at.sidebar.button if b.key.startswith("saved_open_")] == ["Udvikling til BUV", "Anden"]
    at = at.button(key=f"saved_up_{second.id}").click().run()
    assert [v.id for v in _views()] == [second.id, first.id]
    at = at.button(key=f"saved_delete_{second.id}").click().run()
    assert [v.id for v in _views()] == [first.id]
    at.text_input(key="saved_name").set_value("   ")
    at = at.button(key="saved_save").click().run()
    assert len(_views()) == 1 and any("navn" in c.value for c in at.sidebar.caption)


def test_a_saved_view_reopens_with_exactly_its_state(app):
    at = app.run()
    at.selectbox(key="omraade").set_value("5.28")
    at = at.run()
    at.switch_page(page_file("trend")).run()
    at.text_input(key="saved_name").set_value("Børn")
    at = at.button(key="saved_save").click().run()
    (saved,) = _views()
    assert "omraade=5.28" in saved.query
    # the user moves on: another area, another page
    at.selectbox(key="omraade").set_value("5.38")
    at = at.run()
    at.switch_page(page_file("overview")).run()
    assert at.session_state["omraade"] == "5.38"
    at = at.button(key=f"saved_open_{saved.id}").click().run()
    assert not at.exception, at.exception
    assert at.session_state["omraade"] == "5.28" and at.title[0].value == "Udgiftsudvikling"


def test_annotation_is_drawn_on_the_charts_of_its_year_and_in_the_deck(app):
    at = app.run()
    years = at.session_state["_filters"].years
    year = years[-2]
    at.selectbox(key="note_year").set_value(year)
    at.text_input(key="note_text").set_value("Ny § 108-leverandør fra marts")
    at = at.button(key="note_add").click().run()
    assert not at.exception, at.exception
    spec = charts(at)[0]                       # Overblik's net per year (the year-by-year view follows it)
    notes = [a for a in spec["layout"].get("annotations", []) if a.get("name") == NOTE_NAME]
    assert [(a["x"], a["text"]) for a in notes] == [(str(year), f"✎ {year}: Ny § 108-leverandør fra marts")]
    found: Collected = at.session_state["_page_export"]
    assert found.figures
    at = at.button(key="export_build_pptx").click().run()
    deck = Presentation(io.BytesIO(at.session_state["_export_pptx_overview"][1]))
    texts = [s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame]
    # the slide's remark line: the annotation, beside what a starred year means
    assert any(f"✎ {year}: Ny § 108-leverandør fra marts" in text.split(" · ") for text in texts), texts
    assert any(s.has_chart for s in deck.slides[0].shapes)             # still a native chart
    # another area has no notes
    with store.connect() as con:
        assert [n.year for n in store.annotations(con, "5.38")] == [year]
        assert store.annotations(con, "5.28") == []


def test_meeting_view_steps_and_builds_the_agenda_deck(app):
    """Mødevisning in AppTest: the agenda's steps open their saved views' state; the agenda deck has one slide per
    saved view, each its page's first chart and headline (the browser test looks at the screen itself)."""
    with store.connect() as con:
        store.save_view(con, "Voksne", "overview", "omraade=5.38&priser=loebende")
        store.save_view(con, "Børn", "trend", "omraade=5.28&priser=faste-2024&prognose=saeson")
        store.save_view(con, "Drivere", "drivers", "omraade=5.38")
    app.query_params["moede"] = "1"
    at = app.run()
    assert not at.exception, at.exception
    assert any(m.value.startswith("Punkt 1 af 3") for m in at.markdown)
    first_headline = at.session_state["_page_export"].headline
    assert first_headline.startswith("Nettoudgiften til Voksne")
    at = at.button(key="meeting_next").click().run()
    assert at.query_params["punkt"] in ("2", ["2"]) and at.session_state["omraade"] == "5.28"
    assert at.session_state["priser"] == "faste-2024"
    at = at.button(key="meeting_build_pptx").click().run()
    assert not at.exception, at.exception
    kind, _, data, missing = at.session_state["_agenda_built"]
    assert kind == "pptx" and missing == 0
    deck = Presentation(io.BytesIO(data))
    titles = [[s.text_frame.text for s in slide.shapes if s.has_text_frame][:2] for slide in deck.slides]
    assert len(titles) == 3
    assert titles[0][1] == first_headline and "faste 2024-priser" in titles[1][0]
    assert at.query_params["punkt"] in ("2", ["2"])             # back where the build started
