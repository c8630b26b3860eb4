"""Sign-in in a real browser (issue 22): Streamlit's OIDC flow (st.login, Authlib) against a local OpenID
provider the test starts on 127.0.0.1 (the ``oidc-provider-mock`` package, requirements-dev.txt), with a role
file and a secrets file of the test's own. Sign in, see your name and only your areas and pages, be refused a
citizen-level page by its address, sign out, be refused without a role; the administrator sees it all in the
audit log. Screenshots under tests/artifacts/auth_*.png."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import store
from bench.server import free_port, streamlit_server
from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} not installed", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

LARS = "lars@eksempelby.dk"       # management: children's area only, no citizen level, no edit
OLGA = "olga@eksempelby.dk"       # signed in by the provider, but no role in the dashboard
ANNA = "anna@eksempelby.dk"       # administrator with every right

ROLES = """
[roles.ledelse]
areas = ["5.28"]

[roles.administrator]
citizen_level = true
can_edit = true
admin = true

[users]
"Anna@Eksempelby.dk" = "administrator"

[groups]
"grp-ledelse" = "ledelse"
"""


@pytest.fixture(scope="module")
def provider(monkeypatch_module):
    """A local OpenID provider on 127.0.0.1 with three predefined users (buttons on its sign-in form)."""
    # the mock provider refuses http unless told; the test's traffic never leaves 127.0.0.1
    monkeypatch_module.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    import werkzeug.serving
    from oidc_provider_mock import User, app

    users = [User(sub=LARS, claims={"email": LARS, "name": "Lars Leder", "groups": ["grp-ledelse"]}),
             User(sub=OLGA, claims={"email": OLGA, "name": "Olga Udenrolle"}),
             User(sub=ANNA, claims={"email": ANNA, "name": "Anna Administrator"})]
    server = werkzeug.serving.make_server("127.0.0.1", free_port(), app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def app(provider, demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("auth")
    secrets = folder / "secrets.toml"
    secrets.write_text(f"""[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "{os.urandom(16).hex()}"
client_id = "dashboard"
client_secret = "dashboard-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""", encoding="utf-8")
    (folder / "roles.toml").write_text(ROLES, encoding="utf-8")
    env = {"DASHBOARD_ROLES": str(folder / "roles.toml"), "DASHBOARD_USER_DB": str(folder / "user.sqlite"),
           "AUTHLIB_INSECURE_TRANSPORT": "1"}
    with streamlit_server(demo_db, ["--secrets.files", str(secrets)], env=env) as running:
        yield running.url, folder / "user.sqlite"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _settle(page) -> None:
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=30_000)
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / f"auth_{name}.png"))


def _sign_in(page, app_url: str, provider: str, who: str) -> None:
    """From the sign-in screen through the provider's form (the user's button) back to the app."""
    page.goto(app_url)
    _settle(page)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(provider + "/**", timeout=30_000)
    page.get_by_role("button", name=who).click()
    page.wait_for_url(app_url + "/**", timeout=30_000)
    _settle(page)


def _sign_out(page, app_url: str, provider: str) -> None:
    """The sidebar's 'Log ud', the provider's end-session form, and back to the app's sign-in screen."""
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(provider + "/**", timeout=30_000)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(app_url + "/**", timeout=30_000)
    _settle(page)
    expect(page.get_by_role("button", name="Log ind")).to_be_visible(timeout=30_000)


def test_sign_in_name_areas_refusal_sign_out_and_no_role(app, provider, browser):
    app_url, user_db = app
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="da-DK")
    page = ctx.new_page()
    try:
        # not signed in: the sign-in screen and no data
        page.goto(app_url)
        _settle(page)
        expect(page.get_by_role("button", name="Log ind")).to_be_visible()
        assert page.get_by_test_id("stMetric").count() == 0
        assert page.get_by_test_id("stSidebarNav").count() == 0
        _shot(page, "1_sign_in")

        # management: their name, only the children's area, no citizen-level page in the navigation
        _sign_in(page, app_url, provider, LARS)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("Logget ind som")).to_contain_text("Lars Leder")
        expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=60_000)
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav).to_contain_text("Udgiftsdrivere")
        assert "Dyre sager" not in nav.inner_text() and "Administration" not in nav.inner_text()
        area = page.get_by_role("combobox", name="Område")
        expect(area).to_have_value("Udsatte børn og unge (5.28)")
        area.click()
        options = page.get_by_role("option").all_inner_texts()
        # the children's area and what lies inside it (its functions, the placements grouping), nothing else
        assert options[0] == "Udsatte børn og unge (5.28)" and "Anbringelser af børn og unge" in options
        assert not any("5.38" in o or "3.30" in o or "Botilbud" in o for o in options), options
        page.keyboard.press("Escape")
        _shot(page, "2_signed_in_management")

        # the citizen-level page and the adults' area asked for by address: refused
        page.goto(app_url + "/dyre-sager")
        _settle(page)
        expect(page.get_by_test_id("stAlertContentError")).to_contain_text("data på borgerniveau")
        assert page.get_by_test_id("stDataFrame").count() == 0
        _shot(page, "3_citizen_level_refused")
        page.goto(app_url + "/?omraade=5.38")
        _settle(page)
        expect(page.get_by_test_id("stAlertContentInfo").filter(has_text="din rolle ikke giver adgang til")).to_be_visible()
        expect(page.get_by_role("combobox", name="Område")).to_have_value("Udsatte børn og unge (5.28)")

        _sign_out(page, app_url, provider)
        assert page.get_by_test_id("stMetric").count() == 0

        # signed in without a role: one clear refusal, no data, and a way out
        _sign_in(page, app_url, provider, OLGA)
        expect(page.get_by_test_id("stAlertContentError")).to_contain_text("ingen rolle")
        assert page.get_by_test_id("stMetric").count() == 0 and page.get_by_test_id("stSidebarNav").count() == 0
        _shot(page, "4_no_role")
        _sign_out(page, app_url, provider)

        # the administrator sees every sign-in, the refusal and the sign-outs in the audit log
        _sign_in(page, app_url, provider, ANNA)
        expect(page.get_by_test_id("stSidebarNav")).to_contain_text("Administration")
        page.goto(app_url + "/administration")
        _settle(page)
        table = page.get_by_test_id("stDataFrame").first
        expect(table).to_be_visible(timeout=30_000)
        text = page.get_by_test_id("stMarkdownContainer").filter(has_text="hændelser").first.inner_text()
        assert "3 brugere" in text, text
        _shot(page, "5_admin_audit_log")
        # exporting the log is itself an export in the log; the file holds the rows, never more
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Hent som CSV").click()
        body = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert "Revisionslog" in body and "lars@eksempelby.dk" in body and "Log ind afvist (ingen rolle)" in body
    finally:
        ctx.close()

    with store.connect(user_db) as con:
        rows = [(e.user, e.kind) for e in store.audit_events(con)]
    assert (LARS, "sign_in") in rows and (LARS, "sign_out") in rows
    assert (OLGA, "sign_in_refused") in rows and (ANNA, "sign_in") in rows
    assert not any(kind == "sign_in" and user == OLGA for user, kind in rows)
    # one sign-in is one row, however many pages (each a new session) were opened after it
    assert rows.count((LARS, "sign_in")) == 1 and rows.count((OLGA, "sign_in_refused")) == 1
    assert (ANNA, "export") in rows


def _hidden_providers_of_the_children_area(demo_db) -> tuple[set[str], dict[str, list[str]]]:
    """What Dekomponering of the children's area by provider, 2022 against 2025, hides for a user without
    citizen-level access (present.decomposition, as the page builds it), and every figure of those providers'
    rows of the CSV as a user with access gets it."""
    import csv
    import io

    import queries
    from dashboard.loaders import load_decomposition
    from present.decomposition import DecompositionChoices, decomposition_view

    con = queries.connect_read_only(str(demo_db))
    try:
        functions = [r[0] for r in con.sql("select distinct function_code from activity "
                                           "where function_code like '5.28.%' order by 1").fetchall()]
        q = lambda name, params=None: queries.run(con, name, params or {})  # noqa: E731
        data = load_decomposition(q, {"kommune": 999, "functions": functions, "from_year": 2022, "to_year": 2025},
                                  "leverandoer", 2022, 2025, citizens=True)
    finally:
        con.close()
    masked = decomposition_view(data, DecompositionChoices(2022, 2025, "leverandoer", suppress_small=True))
    full = decomposition_view(data, DecompositionChoices(2022, 2025, "leverandoer"))
    rows = {r[0]: r[1:] for r in csv.reader(io.StringIO(full.csv.decode("utf-8-sig")), delimiter=";") if r}
    return set(masked.hidden_segments), {s: rows[s] for s in masked.hidden_segments}


def test_a_signed_in_user_without_citizen_level_sees_and_downloads_small_marks(app, provider, browser, demo_db):
    """Lars (management: the children's area, no citizen-level access) signs in through the provider and opens
    Dekomponering of the children's area by provider: the small providers say '<5' with the note under the
    table, and the CSV downloaded in the browser has '<5' in those rows and none of their figures; Prognose of
    the area shows the note under its segments too."""
    app_url, user_db = app
    hidden, figures = _hidden_providers_of_the_children_area(demo_db)
    assert hidden                                   # the demo has providers of fewer than 5 children
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK", accept_downloads=True)
    page = ctx.new_page()
    try:
        _sign_in(page, app_url, provider, LARS)
        page.goto(app_url + "/dekomponering?basis=2022&sammenlign=2025&opdeling=leverandoer")
        _settle(page)
        expect(page.get_by_role("combobox", name="Område")).to_have_value("Udsatte børn og unge (5.28)",
                                                                         timeout=60_000)
        note = page.get_by_text("Tal for færre end 5 borgere er skjult").first
        expect(note).to_be_visible(timeout=60_000)
        table = page.get_by_test_id("stDataFrame").first
        table.scroll_into_view_if_needed()
        _shot(page, "6_small_counts_hidden")
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Hent som CSV").first.click()
        body = Path(download.value.path()).read_text(encoding="utf-8-sig")
        # Prognose of the same area: its segments of few citizens say '<5' too
        page.goto(app_url + "/prognose")
        _settle(page)
        note = page.get_by_text("Tal for færre end 5 borgere er skjult").first
        expect(note).to_be_visible(timeout=60_000)
        page.get_by_test_id("stDataFrame").nth(1).scroll_into_view_if_needed()    # the segments, after the years
        _shot(page, "7_prognose_small_counts_hidden")
    finally:
        ctx.close()
    lines = [line.split(";") for line in body.splitlines()]
    marked = {cells[0] for cells in lines if cells and set(cells[1:]) <= {"<5", "skjult"} and "<5" in cells[1:]}
    assert marked <= hidden and any(h in marked for h in hidden), (marked, hidden)
    for segment in hidden:
        (row,) = [cells for cells in lines if cells and cells[0] == segment]
        assert set(row[1:]) <= {"<5", "skjult"}, row
        for figure in figures[segment]:
            if figure not in ("", "0", "0,00", "0,0000"):
                assert f";{figure};" not in body and not body.rstrip().endswith(f";{figure}"), (segment, figure)
    with store.connect(user_db) as con:
        assert (LARS, "export") in [(e.user, e.kind) for e in store.audit_events(con)]
