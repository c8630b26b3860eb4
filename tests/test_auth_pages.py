"""Roles in the app (AppTest, issue 22): a session's Access (set in session state as the sign-in flow does, or
settled from st.user and the role file in sign-in mode) decides which areas the sidebar offers, whether the
citizen-level page, its links and the Administration page are there, and whether data, saved views and notes
may be changed; the audit log gets a row for each edit and every opening of a citizen-level view; the
Administration page reads, filters and exports it. The browser test of the real sign-in is
tests/test_browser_auth.py."""
from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

import settings
import store
from dashboard.auth import ACCESS_STATE
from domain.access import Access
from tests.apptools import open_page, page_file
from tests.conftest import REPO

VIEWER = Access(user="lars@eksempelby.dk", citizen_level=False, can_edit=False, admin=False,
                areas=frozenset({"5.28"}), signed_in=True, name="Lars Leder", roles=("ledelse",))
REVIEWER = Access(user="rita@eksempelby.dk", citizen_level=True, can_edit=False, admin=False, signed_in=True)


def _events(**filters):
    if not store.exists():
        return []
    with store.connect() as con:
        return store.audit_events(con, **filters)


def _as(at: AppTest, access: Access) -> AppTest:
    at.session_state[ACCESS_STATE] = access
    return at


def test_local_mode_has_every_page_and_right(app):
    at = open_page(app, page_file("data"))
    assert at.get("file_uploader") and not any("Din rolle" in i.value for i in at.info)
    at.switch_page(page_file("trend")).run()
    assert {"saved_save", "note_add"} <= {b.key for b in at.sidebar.button}
    at.switch_page(page_file("admin")).run()
    assert not at.exception and at.title[0].value == "Administration"


def test_a_role_limited_to_an_area_sees_only_it_and_a_link_to_another_is_answered(app):
    app.query_params["omraade"] = "5.38"
    at = _as(app, VIEWER).run()
    assert not at.exception, at.exception
    options = at.selectbox(key="omraade").options
    # the children's area, its functions and the grouping of its placements; nothing of another area
    assert options[0] == "Udsatte børn og unge (5.28)" and "Anbringelser af børn og unge" in options
    assert all("5.28" in o for o in options if o != "Anbringelser af børn og unge"), options
    assert at.session_state["omraade"] == "5.28"
    assert any("din rolle ikke giver adgang til" in i.value for i in at.info)
    assert at.metric and "Logget ind som **Lars Leder**" in [m.value for m in at.sidebar.markdown]


def test_no_area_at_all_shows_no_data(app):
    at = _as(app, Access(user="x", areas=frozenset({"9.99"}), signed_in=True)).run()
    assert not at.metric and [e.value for e in at.error] == [
        "Din rolle giver adgang til 9.99, men databasen har ingen data for dem, så der er intet at vise."]


def test_without_edit_right_nothing_can_be_changed(app):
    at = _as(app, VIEWER)
    at = open_page(at, page_file("data"))
    assert not at.get("file_uploader")
    assert [i.value for i in at.info] == ["Din rolle må se data, men ikke indlæse, erstatte eller ændre dem."]
    at.switch_page(page_file("trend")).run()
    keys = {b.key for b in at.sidebar.button}
    assert "saved_save" not in keys and "note_add" not in keys
    captions = [c.value for c in at.sidebar.caption]
    assert "Din rolle må åbne gemte visninger, men ikke gemme, flytte eller slette dem." in captions
    assert "Din rolle må se noterne, men ikke tilføje eller slette dem." in captions


def test_server_details_only_on_administration(app):
    at = open_page(app, page_file("data"))
    path = str(settings.database_path())           # the link's path, as Administration shows it
    # Data and Om tallene name the version they serve, never where it lies
    assert any("Databaseversion:" in c.value for c in at.caption) and not any(path in c.value for c in at.caption)
    at.switch_page(page_file("about")).run()
    assert any("databaseversionen" in c.value for c in at.caption) and not any(path in c.value for c in at.caption)
    at.switch_page(page_file("admin")).run()
    server = at.dataframe[-1].value
    values = dict(zip(server.iloc[:, 0], server.iloc[:, 1]))
    assert values["Database (DASHBOARD_DB)"].endswith(".duckdb")
    assert values["Log ind"] == "slået fra (lokal enkeltbrugertilstand)"
    assert "streamlit 1.67.0" in values["Versioner"]


@pytest.mark.parametrize(("stem", "access", "refusal"), [
    ("cases", VIEWER, "data på borgerniveau"),
    ("admin", REVIEWER, "kun for administratorer"),
])
def test_a_page_refuses_a_role_without_its_right(stem, access, refusal, demo_db, monkeypatch):
    """The page's own guard (the navigation leaves the page out as well; by address it is refused: the browser
    test): run alone, it shows only why."""
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = AppTest.from_file(str(REPO / page_file(stem)), default_timeout=60)
    at.session_state[ACCESS_STATE] = access
    at.run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] and refusal in at.error[0].value
    assert not at.dataframe and not at.metric


def test_the_drivers_page_links_to_citizen_level_lists_only_with_the_right(app):
    at = open_page(app, page_file("drivers"))
    assert any(b.key.startswith("drivers_to_cases_") for b in at.button)
    at = _as(app, Access(user="l", citizen_level=False, signed_in=True))
    at.switch_page(page_file("drivers")).run()
    assert not at.exception, at.exception
    assert not any(b.key.startswith("drivers_to_cases_") for b in at.button)


def test_every_opening_of_a_citizen_level_view_is_logged_with_its_filter(app):
    at = _as(app, REVIEWER)
    at = open_page(at, page_file("cases"))
    (first,) = _events(kinds=("citizen_view",))
    assert (first.user, first.page) == ("rita@eksempelby.dk", "cases")
    assert "aar=2025" in first.detail and "omraade=5.38" in first.detail
    at.run()                                       # a rerun of the same view is not a new opening
    assert len(_events(kinds=("citizen_view",))) == 1
    at.selectbox(key="cases_aar").set_value(2024)
    at.run()
    newest = _events(kinds=("citizen_view",))[0]
    assert "aar=2024" in newest.detail and len(_events(kinds=("citizen_view",))) == 2


def test_edits_of_saved_views_and_notes_are_logged(app, monkeypatch):
    monkeypatch.setenv("DASHBOARD_USER", "dorte")
    at = open_page(app, page_file("trend"))
    at.text_input(key="saved_name").set_value("Til udvalget")
    at = at.button(key="saved_save").click().run()
    with store.connect() as con:
        (view,) = store.views(con)
    at = at.button(key=f"saved_delete_{view.id}").click().run()
    at.text_input(key="note_text").set_value("ny leverandør")
    at = at.button(key="note_add").click().run()
    with store.connect() as con:
        (note,) = store.annotations(con)
    at = at.button(key=f"note_delete_{note.id}").click().run()
    assert not at.exception, at.exception
    rows = [(e.user, e.kind, e.page, e.detail.split(" ")[0] + " " + e.detail.split(" ")[1]) for e in reversed(_events())]
    assert rows == [("dorte", "edit", "trend", "saved_view save"), ("dorte", "edit", "trend", "saved_view delete"),
                    ("dorte", "edit", "trend", "note add"), ("dorte", "edit", "trend", "note delete")]
    assert '"Til udvalget"' in _events()[-1].detail and "omraade=5.38" in _events()[-1].detail


def test_administration_filters_the_audit_log(app):
    with store.connect() as con:
        store.log_event(con, "anna@x.dk", "sign_in", at="2026-11-02T08:00:00+00:00")
        store.log_event(con, "anna@x.dk", "export", "trend", "udvikling.csv", at="2026-11-03T09:00:00+00:00")
        store.log_event(con, "rita@x.dk", "citizen_view", "cases", "aar=2025", at="2026-11-04T10:00:00+00:00")
    at = open_page(app, page_file("admin"))
    assert not at.exception, at.exception
    at.date_input(key="admin_period").set_value((dt.date(2026, 11, 1), dt.date(2026, 11, 30))).run()
    table = at.dataframe[0].value
    assert list(table["Bruger"]) == ["rita@x.dk", "anna@x.dk", "anna@x.dk"]
    assert list(table["Handling"]) == ["Visning på borgerniveau", "Eksport", "Log ind"]
    assert list(table["Side"]) == ["Dyre sager", "Udgiftsudvikling", ""]
    assert "3 hændelser fra 01-11-2026 til 30-11-2026 (2 brugere)." in [m.value for m in at.markdown]
    at.selectbox(key="admin_user").set_value("anna@x.dk").run()
    assert list(at.dataframe[0].value["Handling"]) == ["Eksport", "Log ind"]
    at.multiselect(key="admin_kinds").set_value(["export"]).run()
    assert list(at.dataframe[0].value["Detaljer"]) == ["udvikling.csv"]
    at.date_input(key="admin_period").set_value((dt.date(2026, 11, 4), dt.date(2026, 11, 4))).run()
    assert at.dataframe[0].value.empty


def test_sign_in_mode_settles_the_access_from_the_token_and_the_role_file(app, tmp_path, monkeypatch):
    roles = tmp_path / "roles.toml"
    roles.write_text('[roles.ledelse]\nareas = ["5.28"]\n[users]\n"lars@eksempelby.dk" = "ledelse"\n', encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_ROLES", str(roles))
    app.secrets["auth"] = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
                           "client_id": "c", "client_secret": "s",
                           "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration"}
    app.user = {"is_logged_in": False}
    at = app.run()
    assert not at.exception, at.exception
    assert [b.label for b in at.button] == ["Log ind"] and not at.metric and not at.sidebar.selectbox

    at.user = {"is_logged_in": True, "email": "Lars@Eksempelby.dk", "name": "Lars Leder", "iat": 1_790_000_000}
    at.run()
    assert not at.exception, at.exception
    access = at.session_state[ACCESS_STATE]
    assert (access.user, access.areas, access.citizen_level, access.signed_in) == (
        "lars@eksempelby.dk", frozenset({"5.28"}), False, True)
    assert at.metric and at.selectbox(key="omraade").options[0] == "Udsatte børn og unge (5.28)"
    (row,) = _events(kinds=("sign_in",))
    assert row.user == "lars@eksempelby.dk" and row.detail.startswith("roles=ledelse token_issued=2026-")

    other = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    other.secrets, other.user = app.secrets, {"is_logged_in": True, "email": "olga@eksempelby.dk", "iat": 1_790_000_100}
    other.run()
    assert not other.exception, other.exception
    refusal = other.error[0].value.replace("\u2060", "").replace("\\", "")    # the address shown as text
    assert not other.metric and "olga@eksempelby.dk" in refusal and "ingen rolle" in refusal
    assert [b.label for b in other.button] == ["Log ud"]
    assert [e.user for e in _events(kinds=("sign_in_refused",))] == ["olga@eksempelby.dk"]

    roles.write_text("[roles.x]\nadmin = 'ja'\n", encoding="utf-8")      # a broken role file refuses everyone
    again = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    again.secrets, again.user = app.secrets, at.user
    again.run()
    assert not again.metric and "rollefilen" in again.error[0].value
