"""The app in headless Chromium: the server's peak memory and each page's time to first render. The pages
and what their first render shows come from dashboard/registry.py, so a new page is timed without editing
the benchmark."""
from __future__ import annotations

import json
import os
import time
from contextlib import ExitStack
from pathlib import Path

from bench import peak_rss_mb
from bench.pages import stats_ms
from bench.server import ServerDidNotStart, streamlit_server
from dashboard.registry import PAGES

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
METRIC = '[data-testid="stMetricValue"]'
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
# installed in every page before Streamlit's scripts: performance.now() (ms since navigation start) of the first
# animation frame after an element matching each selector is in the DOM with a layout box, i.e. when it is painted
PAINT_OBSERVER_JS = """
window.__paint = {};
const __selectors = %s;
const __observer = new MutationObserver(() => {
  for (const [name, selector] of Object.entries(__selectors)) {
    if (window.__paint[name] === undefined && !window.__paint['_' + name]
        && [...document.querySelectorAll(selector)].some(e => e.getClientRects().length)) {
      window.__paint['_' + name] = true;
      requestAnimationFrame(() => { window.__paint[name] = performance.now(); });
    }
  }
});
__observer.observe(document, {subtree: true, childList: true, attributes: true});
"""


def app_pages() -> list[tuple[str, str, bool, bool]]:
    """(name, URL path, shows KPI metrics, shows plotly charts) of every page of the app, in its order; the
    default page is at "/"."""
    return [(p.url_path, p.path, p.kpis, p.charts) for p in PAGES]




def measure_browser(db: Path, render_loads: int, log) -> dict:
    if not Path(CHROMIUM).exists():
        return {"skipped": f"{CHROMIUM} is missing (apt-get install chromium): no peak memory, no first render"}
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with ExitStack() as stack:
        try:
            server = stack.enter_context(streamlit_server(db, keep_log=True))
        except ServerDidNotStart as exc:
            return {"skipped": str(exc)}
        url, proc = server.url, server.proc
        out.update(server_log=server.log_path, server_start_ms=server.start_ms, rss_idle_mb=peak_rss_mb(proc.pid))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                problems: dict[str, str] = {}

                def load(name: str, path: str, has_metric: bool, has_chart: bool) -> tuple[float, float | None, float]:
                    """(first render, first chart, complete) in seconds: the frames in which the page's content
                    (pages with KPIs: the first KPI value; others: the title) and its first plotly chart were
                    painted, from navigation start, timed in the page; and goto -> the title, the script's end
                    as the browser shows it and the KPI as Playwright sees them."""
                    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
                    content = METRIC if has_metric else "h1"
                    ctx.add_init_script(PAINT_OBSERVER_JS % json.dumps({"content": content, "chart": CHART}))
                    try:
                        page = ctx.new_page()
                        start = time.perf_counter()
                        page.goto(url + path, timeout=300_000)
                        page.wait_for_selector("h1", state="visible", timeout=300_000)
                        page.wait_for_selector(READY, timeout=300_000)
                        error = page.locator('[data-testid="stException"]')
                        if error.count():
                            text = " ".join(error.first.inner_text().split())
                            problems[name] = f"the page shows an exception: {text[:160]}"
                        elif has_metric:
                            try:
                                page.wait_for_selector(METRIC, state="visible", timeout=30_000)
                            except PlaywrightTimeout:
                                problems[name] = "no KPI metric shown within 30 s of the script's end"
                        complete = time.perf_counter() - start
                        if has_chart:
                            try:
                                page.wait_for_selector(CHART, state="visible", timeout=30_000)
                            except PlaywrightTimeout:
                                problems[name] = "no chart drawn within 30 s of the script's end"
                        # let the script finish for sure before the next load or the server's stop
                        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=300_000)
                        page.wait_for_function("() => window.__paint.content !== undefined"
                                               + (" && window.__paint.chart !== undefined" if has_chart else ""),
                                               timeout=30_000)
                        painted = page.evaluate("window.__paint")
                        chart = painted["chart"] / 1000 if has_chart else None
                        return painted["content"] / 1000, chart, complete
                    finally:
                        ctx.close()

                pages = app_pages()
                default = next(pg for pg in pages if pg[1] == "/")
                first = load(*default)[2]
                out["peak_rss_mb"] = peak_rss_mb(proc.pid)   # after loading the overview page once
                out["first_session_ms"] = round(first * 1000, 1)
                log(f"  first session (server caches cold): {first * 1000:.0f} ms; server peak RSS "
                    f"{out['peak_rss_mb']:.0f} MB")
                renders = []
                for name, path, has_metric, has_chart in pages:
                    loads = [load(name, path, has_metric, has_chart) for _ in range(render_loads)]
                    samples = [content for content, _, _ in loads]
                    charts = [c for _, c, _ in loads if c is not None]
                    med = stats_ms(samples)[0]
                    renders.append({"page": name, "median_ms": med, "samples_ms": [round(s * 1000, 1) for s in samples],
                                    "chart_median_ms": stats_ms(charts)[0] if charts else None,
                                    "complete_median_ms": stats_ms([c for _, _, c in loads])[0],
                                    "waited_for": "first stMetricValue painted" if has_metric else "title painted",
                                    "problem": problems.get(name)})
                    log(f"  first render {name}: median {med:.0f} ms over {render_loads} fresh contexts"
                        + (f" ({problems[name]})" if name in problems else ""))
                out["first_render"] = renders
                out["peak_rss_mb_all_pages"] = peak_rss_mb(proc.pid)
                os.unlink(out.pop("server_log"))   # kept when anything above failed
            finally:
                browser.close()
    return out
