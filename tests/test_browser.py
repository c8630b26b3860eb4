"""Real browser (Debian's Chromium via Playwright): open the app, change area and price base, check the
numbers change and are Danish-formatted, and save screenshots under tests/artifacts/."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bench.server import streamlit_server
from dashboard.registry import PAGES
from tests.conftest import FIXTURES, REPO

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} not installed", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

DANISH_MIO = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d$")   # a KPI in mio. kr. (the unit is in its label)


@pytest.fixture(scope="module")
def server(demo_db):
    with streamlit_server(demo_db, ["--client.toolbarMode", "minimal"]) as running:
        yield running.url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _page(browser, width=1600, height=1000):
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    return ctx, ctx.new_page()


def _settle(page) -> None:
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)


def _select(page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option).first.click()


# KPI values and labels wider than their card (Streamlit cuts them with an ellipsis)
CUT_METRICS_JS = """() => [...document.querySelectorAll('[data-testid=stMetricValue], [data-testid=stMetricLabel]')]
  .filter(el => el.scrollWidth > el.clientWidth + 1 || [...el.querySelectorAll('*')].some(c => c.scrollWidth > c.clientWidth + 1))
  .map(el => el.innerText)"""


def assert_no_cut_metrics(page) -> None:
    """Every KPI value and label is shown in full at this width (no '…')."""
    cut = page.evaluate(CUT_METRICS_JS)
    assert not cut, f"KPI values cut off at {page.viewport_size['width']} px: {cut}"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    # lazily loaded elements (charts) show a skeleton until their code has arrived
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=30_000)
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    assert_no_cut_metrics(page)


def test_overview_change_area_and_price_base(server, browser):
    ctx, page = _page(browser)
    try:
        page.goto(server + "/")
        _settle(page)
        first_kpi = page.get_by_test_id("stMetricValue").first
        expect(first_kpi).to_have_text(DANISH_MIO, timeout=30_000)
        expect(page.locator(".gtitle", has_text="Løbende priser").first).to_be_visible()
        adults = first_kpi.inner_text()
        _shot(page, "overblik_voksne_1600.png")

        _select(page, "Område", "Udsatte børn")
        expect(page.get_by_text(re.compile(r"Nettoudgiften til Udsatte børn og unge"))).to_be_visible(timeout=30_000)
        _settle(page)
        children = first_kpi.inner_text()
        assert DANISH_MIO.match(children) and children != adults

        _select(page, "Priser", "Faste 2022-priser")
        expect(page.locator(".gtitle", has_text="Faste 2022-priser").first).to_be_visible(timeout=30_000)
        _settle(page)
        fixed = first_kpi.inner_text()
        assert DANISH_MIO.match(fixed) and fixed != children
        assert "omraade=5.28" in page.url and "priser=faste-2022" in page.url
        expect(page.get_by_text(re.compile(r"faste 2022-priser|Faste 2022-priser")).first).to_be_visible()
        _shot(page, "overblik_boern_faste_1600.png")
    finally:
        ctx.close()


def test_overview_year_by_year_per_level(server, browser):
    """Overblik's year-by-year view split by level: two charts drawn, the table, the split kept in the URL."""
    ctx, page = _page(browser)
    try:
        page.goto(server + "/")
        _settle(page)
        _select(page, "Opdel efter", "Funktionsevneniveau")
        expect(page.get_by_text("År for år pr. funktionsevneniveau")).to_be_visible(timeout=30_000)
        _settle(page)
        assert "aarsopdeling=niveau" in page.url
        expect(page.locator(".gtitle", has_text="Enhedspris pr. helårsperson pr. funktionsevneniveau")).to_be_visible()
        expect(page.locator(".gtitle", has_text="Helårspersoner pr. funktionsevneniveau")).to_be_visible()
        page.get_by_text("År for år pr. funktionsevneniveau").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "overblik_niveau_1600.png"))
    finally:
        ctx.close()


def test_deep_link_and_other_pages(server, browser):
    ctx, page = _page(browser, 1920, 1080)
    try:
        page.goto(server + "/?omraade=5.38.50&priser=faste-2022")
        _settle(page)
        expect(page.get_by_text(re.compile(r"Nettoudgiften til 5\.38\.50"))).to_be_visible(timeout=30_000)
        _shot(page, "overblik_538_50_1920.png")
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Data").click()
        expect(page.get_by_role("heading", name="Importhistorik")).to_be_visible(timeout=30_000)
        _settle(page)
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=30_000)
        _shot(page, "data_1920.png")
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Om tallene").click()
        expect(page.get_by_role("heading", name="Begreber")).to_be_visible(timeout=30_000)
        _settle(page)
        _shot(page, "om_tallene_1920.png")
    finally:
        ctx.close()


def test_drivers_sections(server, browser):
    """Udgiftsdrivere: each section from a link, its sentence and charts drawn (screenshots to look at)."""
    ctx, page = _page(browser, 1600, 1000)
    try:
        from present.drivers import SECTIONS

        for section in SECTIONS:
            page.goto(server + f"/udgiftsdrivere?visning={section}")
            _settle(page)
            expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=30_000)
            expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
            _shot(page, f"udgiftsdrivere_{section}_1600.png")
        page.goto(server + "/dyre-sager")
        _settle(page)
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=30_000)
        _shot(page, "dyre_sager_1600.png")
        # the age filter from a link: Dekomponering of the 18-24-year-olds split by the narrow cuts
        page.goto(server + "/dekomponering?alder=18-24&opdeling=aldersgruppe-smal")
        _settle(page)
        expect(page.get_by_text("Aldersgruppe: 18-24 år").first).to_be_visible(timeout=30_000)
        expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
        _shot(page, "dekomponering_alder_18-24_1600.png")
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [1024, 1280])
def test_kpis_in_full_on_narrow_screens(server, browser, width):
    """A 1280 px projector or a laptop with the sidebar open: every KPI label wraps and every figure shrinks
    to its card instead of being cut with '…' (dashboard/style.css)."""
    ctx, page = _page(browser, width, 800)
    try:
        for path, name in [(p.path, p.url_path) for p in PAGES if p.kpis]:
            page.goto(server + path)
            _settle(page)
            expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=30_000)
            labels = page.get_by_test_id("stMetricLabel")
            # the cards arrive one by one: wait for the fourth (count() alone raced them on a loaded machine)
            expect(labels.nth(3)).to_be_visible(timeout=30_000)
            _shot(page, f"{name}_{width}.png")
            # the values of one row of cards start on one line: labels of one and two lines take the same height
            rows = page.evaluate("""() => {
                const rows = {};
                for (const m of document.querySelectorAll('[data-testid=stMetric]')) {
                    const row = Math.round(m.closest('[data-testid=stColumn]').getBoundingClientRect().top);
                    const value = m.querySelector('[data-testid=stMetricValue]').getBoundingClientRect().top;
                    (rows[row] = rows[row] || []).push(Math.round(value));
                }
                return Object.values(rows).filter(r => r.length > 1);
            }""")
            assert rows and all(max(r) - min(r) <= 2 for r in rows), f"{name}: KPI values not aligned: {rows}"
    finally:
        ctx.close()


def test_english_ui_keeps_the_page_state(server, browser):
    """Sprog/Language in the sidebar: English in a real browser keeps the page's choices (price base, forecast
    method, split) and writes sprog=en into the URL; every page reads in English with KPIs shown in full and
    numbers still Danish; Dansk switches back."""
    ctx, page = _page(browser)
    try:
        page.goto(server + "/udvikling?priser=faste-2024&prognose=lineaer&opdeling=koeb_salg")
        _settle(page)
        expect(page.get_by_role("heading", name="Udgiftsudvikling").first).to_be_visible(timeout=30_000)
        page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
        expect(page.get_by_role("heading", name="Expenditure trend").first).to_be_visible(timeout=30_000)
        _settle(page)
        for part in ("sprog=en", "priser=faste-2024", "prognose=lineaer", "opdeling=koeb_salg"):
            assert part in page.url, page.url
        expect(page.locator(".gtitle", has_text="constant 2024 prices").first).to_be_visible(timeout=30_000)
        expect(page.locator(".gtitle", has_text="by buying, selling and other")).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stMetricValue").first).to_have_text(DANISH_MIO, timeout=30_000)
        _shot(page, "english_udvikling_1600.png")
        for link, heading in [("Decomposition", "Decomposition"), ("Comparison", "Comparison"),
                              ("Overview", "Overview")]:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
            expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=30_000)
            _settle(page)
            expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=30_000)
            assert "sprog=en" in page.url and "priser=faste-2024" in page.url, page.url
            _shot(page, f"english_{link.lower()}_1600.png")
        page.get_by_test_id("stSidebar").get_by_text("Dansk", exact=True).click()
        expect(page.get_by_role("heading", name="Overblik").first).to_be_visible(timeout=30_000)
        _settle(page)
        assert "sprog=da" in page.url and "priser=faste-2024" in page.url, page.url
    finally:
        ctx.close()


@pytest.mark.parametrize("lang, title, button, header", [
    ("da", "Udgiftsudvikling", "Hent som CSV", "Kommune;Eksempelby Kommune (syntetiske demodata)"),
    ("en", "Expenditure trend", "Download CSV file", "Municipality;Eksempelby Municipality (synthetic demo data)"),
])
def test_a_download_is_written_when_clicked_in_the_page_language(server, browser, lang, title, button, header):
    """Export files are made when the button is clicked (a deferred download, on another server thread than
    the run): the file has the header block in the page's language and Danish numbers."""
    ctx, page = _page(browser)
    try:
        page.goto(server + f"/udvikling?sprog={lang}")
        expect(page.get_by_role("heading", name=title).first).to_be_visible(timeout=30_000)
        _settle(page)
        page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=30_000)
        target = page.get_by_test_id("stDownloadButton").filter(has_text=button).first.locator("button")
        target.scroll_into_view_if_needed()
        with page.expect_download(timeout=60_000) as info:
            target.click()
        download = info.value
        assert download.suggested_filename.endswith(".csv")
        text = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
        assert text[1] == header, text[:3]
        assert any(re.search(r";\d+,\d{2}(;|$)", line) for line in text), text[:12]
    finally:
        ctx.close()


def test_url_value_is_shown_as_text(server, browser):
    """Streamlit's own Markdown renderer shows an escaped URL value (present.formatting.md_literal) exactly
    as typed: no link, image, emphasis, LaTeX, HTML or coloured text is made of it."""
    import urllib.parse

    hostile = ("[klik](http://evil.example) ![i](https://evil.example/i.png) **fed** $x^2$ <b>h</b> :red[r] "
               "www.evil.example a@evil.example :smile: :material/home:")
    ctx, page = _page(browser)
    try:
        page.goto(server + "/?omraade=" + urllib.parse.quote(hostile))
        _settle(page)
        notice = page.get_by_test_id("stAlert").filter(has_text="omraade=")
        expect(notice).to_be_visible(timeout=30_000)
        # word joiners (U+2060, invisible) keep autolinks and emoji codes from forming
        assert f"omraade={hostile} findes ikke" in notice.inner_text().replace("\u2060", "")
        for selector in ("a", "img", "strong", "b", ".katex", "span[style*=color]"):
            assert notice.locator(selector).count() == 0, (selector, notice.locator("p").first.inner_html())
        assert "\U0001f604" not in notice.inner_text()                  # no emoji made of :smile:
        assert page.locator('a[href*="evil"], img[src*="evil"]').count() == 0
        _shot(page, "url_value_as_text_1600.png")
    finally:
        ctx.close()


def test_data_page_upload_asks_before_overlap_and_loads(browser, tmp_path):
    """An upload through the Data page in a real browser: a corrected ledger file covers data already loaded,
    so the page asks; "Erstat de overlappende data" previews that in the bounded worker (nothing kept), and
    "Indlæs som vist" loads it and shows the summary."""
    from ingest.importer import import_file

    db = tmp_path / "upload.duckdb"
    import_file("ledger", FIXTURES / "ledger_standard.csv", db)
    corrected = tmp_path / "rettet.csv"
    corrected.write_bytes((FIXTURES / "ledger_standard.csv").read_bytes().replace(b"100.000,00", b"100.100,00"))
    with streamlit_server(db, ["--client.toolbarMode", "minimal"]) as running:
        url = running.url
        ctx, page = _page(browser)
        try:
            page.goto(url + "/data")
            _settle(page)
            _select(page, "Kolonne-mapping", "standard")
            _settle(page)
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(corrected))
            page.get_by_role("button", name="Kontrollér og forhåndsvis").click()
            expect(page.get_by_text(re.compile("dækker data, der allerede er indlæst")).first).to_be_visible(
                timeout=60_000)
            _settle(page)
            expect(page.get_by_text(re.compile(r"import nr\. 1 \(ledger_standard\.csv")).first).to_be_visible()
            page.get_by_role("button", name="Erstat de overlappende data").scroll_into_view_if_needed()
            _shot(page, "data_overlap_question_1600.png")
            page.get_by_role("button", name="Erstat de overlappende data").click()
            # the preview of that answer: nothing is changed until it is confirmed
            expect(page.get_by_text(re.compile("Forhåndsvisning af rettet.csv")).first).to_be_visible(timeout=60_000)
            _settle(page)
            expect(page.get_by_text(re.compile(r"Prøvekørsel, intet er gemt")).first).to_be_visible()
            expect(page.get_by_text(re.compile(r"erstatter 7 rækker fra import nr\. 1")).first).to_be_visible()
            page.get_by_role("button", name="Indlæs som vist").scroll_into_view_if_needed()
            _shot(page, "data_preview_1600.png")
            page.get_by_role("button", name="Indlæs som vist").click()
            expect(page.get_by_text("rettet.csv er indlæst").first).to_be_visible(timeout=60_000)
            _settle(page)
            expect(page.get_by_text(re.compile(r"erstatter 7 rækker fra import nr\. 1")).first).to_be_visible()
            _shot(page, "data_loaded_after_replace_1600.png")
        finally:
            ctx.close()
    # the audit log (issue 22): the replacement, not the previews (nothing was kept by them)
    import store

    with store.connect(db.with_name("upload.user.sqlite")) as con:     # beside the server's database
        rows = [(e.kind, e.page, e.detail) for e in store.audit_events(con, kinds=("import", "replace"))]
    assert rows == [("replace", "data", "ledger rettet.csv status=ok")]
