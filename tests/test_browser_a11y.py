"""Readable by everyone (issue 15), in a real browser (Debian's Chromium via Playwright): every page's ``lang``
follows the UI language, and every visible text (HTML and the charts' SVG) has a contrast of at least 4.5:1
against what it is drawn on (3:1 for large text, WCAG 2.1 AA). Screenshots under tests/artifacts/."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.registry import PAGES
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

from bench.server import streamlit_server  # noqa: E402

# Visible text below the WCAG AA contrast ratio: for every element with its own text (and every SVG <text>),
# the text colour composed over the backgrounds behind it (white at the root) -> [{text, ratio, color}].
CONTRAST_JS = r"""() => {
  const parse = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = el => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const tag = e.tagName.toLowerCase();
      const c = parse(getComputedStyle(e).backgroundColor || '');
      if (c && c[3] > 0 && !(e instanceof SVGElement)) layers.push(c);
      if (tag === 'svg' && e.classList.contains('main-svg')) {
        const rect = e.querySelector('rect.bg');  // plotly's plot area; the paper is the page behind it
        if (rect) { const f = parse(getComputedStyle(rect).fill || ''); if (f) layers.push(f); }
      }
    }
    return layers.reverse().reduce((acc, l) => over(l, acc), [255, 255, 255, 1]);
  };
  const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0; };
  const opacity = el => { let o = 1; for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.modebar, .hoverlayer, [data-testid=stToolbar], [data-testid=stDecoration], iframe, noscript, style, script')) continue;
    const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim()).join(' ');
    if (!own || !visible(el)) continue;
    const s = getComputedStyle(el);
    const svg = el instanceof SVGElement;
    let c = parse(svg ? s.fill : s.color); if (!c) continue;
    c = [c[0], c[1], c[2], c[3] * opacity(el) * (svg ? Number(s.fillOpacity || 1) : 1)];
    const bg = background(el);
    const px = parseFloat(s.fontSize); const bold = Number(s.fontWeight) >= 700;
    const need = (px >= 24 || (bold && px >= 18.66)) ? 3 : 4.5;
    const r = ratio(over(c, bg), bg);
    if (r < need) out.push({text: own.slice(0, 60), ratio: Math.round(r * 100) / 100, color: s.color || s.fill,
                            testid: (el.closest('[data-testid]') || {}).dataset?.testid || ''});
  }
  return out;
}"""


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

CHART_NAMES_JS = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
  .filter(el => el.querySelector('.gtitle'))
  .map(el => [el.getAttribute('role'), el.getAttribute('aria-label'), el.querySelector('.gtitle').textContent.trim()])"""
CHARTS_NAMED_JS = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
  .filter(el => el.querySelector('.gtitle')).every(el => el.getAttribute('aria-label'))"""


def _settle(page) -> None:
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=30_000)

@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_page_has_its_language_and_readable_contrast(server, browser, lang):
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
    page = ctx.new_page()
    try:
        for p in PAGES:
            page.goto(f"{server}{p.path}?sprog={lang}")
            _settle(page)
            if p.charts:
                expect(page.locator(".main-svg").first).to_be_visible(timeout=30_000)
            page.wait_for_timeout(800)
            expect(page.locator("html")).to_have_attribute("lang", lang, timeout=30_000)
            page.evaluate("document.activeElement && document.activeElement.blur()")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"a11y_{p.url_path}_{lang}_1600.png"), full_page=True)
            low = page.evaluate(CONTRAST_JS)
            assert not low, f"{p.url_path} ({lang}): text below 4.5:1: {low[:15]}"
            # every chart has an accessible name: its title, as a figure
            if p.charts:
                page.wait_for_function(CHARTS_NAMED_JS, timeout=30_000)
                names = page.evaluate(CHART_NAMES_JS)
                assert names and all(role == "figure" and label and label == title for role, label, title in names), \
                    f"{p.url_path} ({lang}): charts without their title as name: {names}"
    finally:
        ctx.close()

def test_keyboard_focus_is_visible(server, browser):
    """Tab onto the first link of the navigation: it gets an outline of at least 2 px (dashboard/style.css)."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
    page = ctx.new_page()
    try:
        page.goto(server + "/")
        _settle(page)
        link = page.get_by_test_id("stSidebarNav").get_by_role("link").first
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        width = page.evaluate("() => parseFloat(getComputedStyle(document.activeElement).outlineWidth) || 0")
        style = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert style != "none" and width >= 2, (style, width)
    finally:
        ctx.close()
