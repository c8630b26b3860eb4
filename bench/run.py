"""The benchmark: page loaders against their floor and pandas baselines, the decomposition, import
throughput, the app's peak memory and the time to first render.

    python -m bench.run --scale demo|large [--repeat N] [--browser/--no-browser] [--out bench/RESULTS.md]
                        [--db PATH] [--render-loads N] [--smoke]

Database: --db, else for demo data/demo.duckdb when present, else bench/data/<scale>.duckdb (generated with
bench.generate when missing). Results of the other scale are kept: the run merges into the results.json next
to --out and rewrites RESULTS.md from it. --smoke = demo scale, repeat 2, no browser, output in a temporary
folder (or --out): the test suite runs it so the harness cannot rot.

Adding a page: add one PageBench to PAGES (its loader call from dashboard/loaders.py, a floor query and a
pandas baseline in bench/baselines.py, and optionally a check that the three agree).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import pickle
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

import queries
from analysis.decomposition import decompose
from analysis.overview import net_by_year
from present.decomposition import DecompositionChoices, decomposition_view
from bench import BENCH_DIR, REPO_DIR, SCALES, default_db, default_out, machine_info, peak_rss_mb
from bench import baselines
from bench.server import ServerDidNotStart, streamlit_server
from dashboard.loaders import load_benchmark, load_decomposition, load_overview, load_sidebar, load_trends

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
DEFAULT_REPEAT = {"demo": 15, "large": 7}
KOMMUNE = 999
# interaction -> area whose functions the sidebar's area query returns (default filters otherwise)
INTERACTIONS: dict[str, str] = {"first load": "5.38", "change area": "5.28"}

# targets of the issue "Benchmark suite"
TARGET_P95_MS = 300.0
TARGET_FLOOR_RATIO = 1.5
TARGET_PANDAS_FACTOR = 5.0
TARGET_DECOMPOSE_MS = 150.0
TARGET_LEDGER_ROWS_S = 1_000_000
TARGET_PEAK_MB = 2048.0
TARGET_RENDER_MS = 2000.0

QueryFn = Callable[..., pl.DataFrame]


@dataclass(frozen=True)
class PageBench:
    """One page loader with its baselines. `load(q, params)` is exactly what the page calls."""

    name: str
    load: Callable[[QueryFn, dict], object]
    floor_sql: str | None                     # None: no hand-written floor yet (loader times only)
    pandas: Callable[[baselines.RawTables, dict], object] | None
    check: Callable[[object, pl.DataFrame, object], list[str]] | None = None
    uses_filters: bool = True   # False: the loader takes no filters, so only "first load" is measured


PAGES: list[PageBench] = [
    PageBench("sidebar", lambda q, params: load_sidebar(q), baselines.SIDEBAR_FLOOR, baselines.pandas_sidebar,
              baselines.check_sidebar, uses_filters=False),
    PageBench("overview", load_overview, baselines.OVERVIEW_FLOOR, baselines.pandas_overview,
              baselines.check_overview),
    PageBench("trends", lambda q, params: load_trends(q, params, "funktion"), baselines.TRENDS_FLOOR,
              baselines.pandas_trends, baselines.check_trends),
    # split "niveau" (level of need); base and comparison year = the two years before the data's last year
    PageBench("decomposition", lambda q, params: load_decomposition(
        q, params, "niveau", *baselines.decomposition_years(params)), baselines.DECOMPOSITION_FLOOR,
              baselines.pandas_decomposition, baselines.check_decomposition),
    PageBench("benchmark", lambda q, params: load_benchmark(q, params, params["area"]), baselines.BENCHMARK_FLOOR,
              baselines.pandas_benchmark, baselines.check_benchmark),
]



def app_pages() -> list[tuple[str, str, bool, bool]]:
    """(name, URL path, shows KPI metrics, shows plotly charts) of every page app.py registers with st.Page,
    in its order; the default page is at "/". Read from app.py so a new page is timed without editing the
    benchmark."""
    pages = []
    for line in (REPO_DIR / "app.py").read_text(encoding="utf-8").splitlines():
        m = re.search(r'st\.Page\(\s*"([^"]+)"', line)
        if not m:
            continue
        url = re.search(r'url_path\s*=\s*"([^"]*)"', line)
        name = url.group(1) if url else Path(m.group(1)).stem
        source = REPO_DIR / m.group(1)
        text = source.read_text(encoding="utf-8") if source.exists() else ""
        pages.append((name, "/" if re.search(r"default\s*=\s*True", line) else f"/{name}", ".metric(" in text,
                      ".plotly_chart(" in text))
    return pages


# --------------------------------------------------------------------------------------------------
# query functions handed to the loaders
# --------------------------------------------------------------------------------------------------


def _freeze(d: dict | None) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (d or {}).items()))


class DirectQuery:
    """Cold: every call runs queries.run on the connection (no result cache); records seconds per query."""

    def __init__(self, con) -> None:
        self.con = con
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str, params: dict | None = None) -> pl.DataFrame:
        t0 = time.perf_counter()
        out = queries.run(self.con, name, params)
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0
        return out


class MemoQuery:
    """Warm: results memoised on (version, name, params) like the app's st.cache_data. As
    st.cache_data does, a hit returns an unpickled copy of the stored frame, so that cost is included."""

    def __init__(self, con, version: str) -> None:
        self.con, self.version = con, version
        self.store: dict[tuple, bytes] = {}

    def __call__(self, name: str, params: dict | None = None) -> pl.DataFrame:
        key = (self.version, name, _freeze(params))
        blob = self.store.get(key)
        if blob is None:
            blob = pickle.dumps(queries.run(self.con, name, params))
            self.store[key] = blob
        return pickle.loads(blob)


def run_floor(con, sql: str, params: dict) -> pl.DataFrame:
    """The floor: one hand-written query with the bound parameters it names."""
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    with con.cursor() as cur:
        return cur.sql(sql, params=used).pl()


# --------------------------------------------------------------------------------------------------
# statistics and timing
# --------------------------------------------------------------------------------------------------


def stats_ms(samples: list[float]) -> tuple[float, float]:
    """(median, p95) in ms of samples in seconds; p95 by linear interpolation."""
    ms = [s * 1000 for s in samples]
    return round(statistics.median(ms), 2), round(float(np.percentile(ms, 95)), 2)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def cold(version: str, fn: Callable) -> tuple[float, object]:
    """Time fn(con) on a fresh read-only connection (a new DuckDB instance: empty buffer pool), closed after."""
    gc.collect()
    con = queries.connect_read_only(version)
    try:
        return timed(lambda: fn(con))
    finally:
        con.close()


# --------------------------------------------------------------------------------------------------
# the measurements
# --------------------------------------------------------------------------------------------------


@dataclass
class ScaleRun:
    scale: str
    db: Path
    version: str
    repeat: int
    pandas_repeat: int
    params: dict[str, dict] = field(default_factory=dict)   # interaction -> filter params
    runs: list[dict] = field(default_factory=list)
    breakdown: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def default_params(version: str) -> dict[str, dict]:
    """Filters per interaction as the app's sidebar sets them: kommune 999, the area (code) and its functions
    from the areas query, the full period of the municipality's data. Queries bind only the params they name."""
    _, side = cold(version, lambda con: load_sidebar(DirectQuery(con)))
    munis = side.municipalities.filter(pl.col("kommunekode") == KOMMUNE)
    if munis.is_empty():
        raise SystemExit(f"municipality {KOMMUNE} has no data in {version}")
    row = munis.row(0, named=True)
    out = {}
    for interaction, area in INTERACTIONS.items():
        functions = side.areas.filter(pl.col("area_code") == area)["function_code"].to_list()
        out[interaction] = {"kommune": KOMMUNE, "area": area, "functions": functions,
                            "from_year": int(row["first_year"]), "to_year": int(row["last_year"])}
    return out


def _interactions(page: PageBench) -> list[str]:
    return list(INTERACTIONS) if page.uses_filters else ["first load"]


def measure_pages(sr: ScaleRun, log) -> dict[tuple[str, str], object]:
    """Cold and warm loader times and the floor, per page and interaction; returns one loader result each."""
    results: dict[tuple[str, str], object] = {}
    for page in PAGES:
        for interaction in _interactions(page):
            params = sr.params[interaction]
            name = f"{page.name}: {interaction}"
            # cold: loader and floor alternate, each on its own fresh connection
            loader_s, floor_s, per_query = [], [], {}
            for _ in range(sr.repeat):
                q = None

                def run_loader(con):
                    nonlocal q
                    q = DirectQuery(con)
                    return page.load(q, params)

                secs, loaded = cold(sr.version, run_loader)
                loader_s.append(secs)
                for label, s in q.seconds.items():
                    per_query.setdefault(label, []).append(s)
                if page.floor_sql is not None:
                    floor_s.append(cold(sr.version, lambda con: run_floor(con, page.floor_sql, params))[0])
            results[(page.name, interaction)] = loaded
            # warm: a memoising q on one connection, filled by one untimed call; the floor on the same
            # (now warm) connection
            con = queries.connect_read_only(sr.version)
            try:
                memo = MemoQuery(con, sr.version)
                page.load(memo, params)
                warm_s = [timed(lambda: page.load(memo, params))[0] for _ in range(sr.repeat)]
                floor_warm_s = []
                if page.floor_sql is not None:
                    run_floor(con, page.floor_sql, params)
                    floor_warm_s = [timed(lambda: run_floor(con, page.floor_sql, params))[0] for _ in range(sr.repeat)]
            finally:
                con.close()
            for cache, samples, floor in (("cold", loader_s, floor_s), ("warm", warm_s, floor_warm_s)):
                med, p95 = stats_ms(samples)
                sr.runs.append({"scale": sr.scale, "name": name, "cache": cache, "median_ms": med, "p95_ms": p95,
                                "floor_ms": stats_ms(floor)[0] if floor else None, "pandas_ms": None})
            for label, samples in per_query.items():
                med, p95 = stats_ms(samples)
                sr.breakdown.append({"scale": sr.scale, "name": name, "query": label, "median_ms": med, "p95_ms": p95})
            cold_row = sr.runs[-2]
            floor_text = f"{cold_row['floor_ms']:.1f} ms" if cold_row["floor_ms"] is not None else "n/a"
            log(f"  {name}: cold median {cold_row['median_ms']:.1f} ms, p95 {cold_row['p95_ms']:.1f} ms, "
                f"floor {floor_text}; warm median {sr.runs[-1]['median_ms']:.2f} ms")
    return results


def measure_pandas(sr: ScaleRun, loaded: dict, log) -> None:
    """Pandas baselines on the raw tables (loaded once, untimed) and the agreement checks."""
    con = queries.connect_read_only(sr.version)
    try:
        secs, raw = timed(lambda: baselines.load_raw(con))
        log("  raw tables for pandas: " + ", ".join(f"{df.shape[0]:,} {name}" for name, df in raw.frames().items())
            + f" rows loaded in {secs:.1f} s (untimed)")
        for page in PAGES:
            if page.pandas is None:
                continue
            for interaction in _interactions(page):
                params = sr.params[interaction]
                name = f"{page.name}: {interaction}"
                samples, out = [], None
                for _ in range(sr.pandas_repeat):
                    gc.collect()
                    s, out = timed(lambda: page.pandas(raw, params))
                    samples.append(s)
                med = stats_ms(samples)[0]
                for row in sr.runs:
                    if row["name"] == name:
                        row["pandas_ms"] = med
                if page.check is not None and page.floor_sql is not None:
                    problems = page.check(loaded[(page.name, interaction)], run_floor(con, page.floor_sql, params), out)
                    sr.checks.append({"scale": sr.scale, "name": name, "ok": not problems, "problems": problems})
                    if problems:
                        log(f"  WARNING {name}: baselines disagree: {problems}")
                log(f"  {name}: pandas median {med:.1f} ms")
        del raw
    finally:
        con.close()
        gc.collect()


#: the Dekomponering page's splits the benchmark times: the default (level of need) and the one with the most
#: segments (provider)
DECOMPOSITION_SPLITS = ("niveau", "leverandoer")


def measure_decomposition(sr: ScaleRun, log) -> list[dict]:
    """The Dekomponering page's path for the last two complete years of area 5.38, per split of
    DECOMPOSITION_SPLITS: its loader (dashboard.loaders.load_decomposition, cold), its view builder
    (present.decomposition.decomposition_view: window, segments, decomposition, texts, tables and both
    exports; lmdi, current prices) and, inside it, decompose(segments, "lmdi") on its own."""
    params = sr.params["first load"]
    version = sr.version

    def years(con) -> tuple[int, int]:
        net = net_by_year(queries.run(con, "overview_ledger_by_year", params))
        complete = net.filter(pl.col("complete"))["year"].sort().to_list()
        if len(complete) >= 2:
            return complete[-2], complete[-1]
        return params["to_year"] - 1, params["to_year"]

    _, (base, current) = cold(version, years)
    out = []
    for split in DECOMPOSITION_SPLITS:
        query_s = []
        data = None
        for _ in range(sr.pandas_repeat):
            s, data = cold(version, lambda con: load_decomposition(DirectQuery(con), params, split, base, current))
            query_s.append(s)
        choices = DecompositionChoices(base, current, split, "lmdi", area_name=params["area"],
                                       area_code=params["area"])
        n = max(sr.repeat, 20)
        view = decomposition_view(data, choices)   # warm-up (imports, first numpy calls)
        if view.status != "ok":
            log(f"  decomposition {split} {base}->{current}: nothing to show ({view.status})")
            continue
        view_s = [timed(lambda: decomposition_view(data, choices))[0] for _ in range(n)]
        segments = view.segments
        dec_s = [timed(lambda: decompose(segments, "lmdi"))[0] for _ in range(n)]
        q_med, q_p95 = stats_ms(query_s)
        v_med, v_p95 = stats_ms(view_s)
        d_med, d_p95 = stats_ms(dec_s)
        log(f"  decomposition {split} {base}->{current}: {segments.height} segments; loader median {q_med:.1f} ms, "
            f"view median {v_med:.1f} ms, p95 {v_p95:.1f} ms; decompose median {d_med:.2f} ms, p95 {d_p95:.2f} ms")
        out.append({"scale": sr.scale, "method": "lmdi", "split": split, "years": [base, current],
                    "segments": segments.height, "query_median_ms": q_med, "query_p95_ms": q_p95,
                    "view_median_ms": v_med, "view_p95_ms": v_p95, "median_ms": d_med, "p95_ms": d_p95,
                    "total_change_dkk": round(view.decomposition.total_change, 2)})
    return out


def import_figures(scale: str, db: Path) -> tuple[list[dict], str, dict]:
    """Import throughput per kind: from generate.json when it describes this database, else import_log."""
    gen_path = default_out(scale) / "generate.json"
    if gen_path.exists():
        doc = json.loads(gen_path.read_text(encoding="utf-8"))
        if os.path.realpath(doc.get("db", "")) == os.path.realpath(db) and doc.get("imports"):
            per_kind: dict[str, list] = {}
            for r in doc["imports"]:
                per_kind.setdefault(r["kind"], []).append(r)
            rows = []
            for kind, items in per_kind.items():
                n, secs = sum(r["rows"] for r in items), sum(r["seconds"] for r in items)
                rows.append({"scale": scale, "kind": kind, "rows": n, "rows_per_s": round(n / secs, 1) if secs else None})
            meta = {"activity_format": doc.get("activity_format"), "activity_mapping": doc.get("activity_mapping"),
                    "files": doc["imports"], "generate_steps": doc.get("steps", []),
                    "note": doc.get("note"), "complete": doc.get("complete")}
            return rows, f"{gen_path.relative_to(REPO_DIR) if gen_path.is_relative_to(REPO_DIR) else gen_path}", meta
    con = queries.connect_read_only(queries.database_version(db))
    try:
        with con.cursor() as cur:
            log_rows = cur.sql("select kind, file_name, mapping, rows_read, "
                               "epoch(finished_at) - epoch(started_at) as seconds from import_log "
                               "order by import_id").fetchall()
    finally:
        con.close()
    per_kind: dict[str, list] = {}
    files = []
    for kind, file_name, mapping, rows, secs in log_rows:
        per_kind.setdefault(kind, []).append((rows, secs))
        files.append({"kind": kind, "file": file_name, "mapping": mapping, "rows": rows, "seconds": round(secs, 3)})
    out = []
    for kind, items in per_kind.items():
        n, secs = sum(r for r, _ in items), sum(s for _, s in items)
        out.append({"scale": scale, "kind": kind, "rows": n, "rows_per_s": round(n / secs, 1) if secs else None})
    fmt = " + ".join(Path(f["file"]).suffix.lstrip(".") for f in files if f["kind"] == "activity") or None
    return out, "import_log of the database (started_at..finished_at of each import)", \
        {"activity_format": fmt, "files": files}


# --------------------------------------------------------------------------------------------------
# the app in a real browser: peak memory and time to first render
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# results: merge with the other scale, results.json and RESULTS.md
# --------------------------------------------------------------------------------------------------

MERGED_LISTS = ("runs", "imports", "decomposition", "first_render", "query_breakdown", "checks")


def merge(previous: dict | None, new: dict, scale: str) -> dict:
    """Replace `scale`'s entries in the previous results by the new ones; keep the other scale's."""
    doc = {"machine": new["machine"], "date": new["date"]}
    prev = previous or {}
    for key in MERGED_LISTS:
        kept = [r for r in prev.get(key, []) if r.get("scale") != scale]
        doc[key] = kept + new.get(key, [])
    doc["scales"] = {k: v for k, v in prev.get("scales", {}).items() if k != scale and k in SCALES}
    doc["scales"][scale] = new["scales"][scale]
    peaks = [s.get("peak_rss_mb") for s in doc["scales"].values() if s.get("peak_rss_mb") is not None]
    doc["peak_rss_mb"] = max(peaks) if peaks else None
    doc["sessions"] = prev.get("sessions", [])     # bench.sessions' figures: written by that bench only
    doc["targets"] = evaluate_targets(doc)
    order = {k: i for i, k in enumerate(SCALES)}
    for key in MERGED_LISTS:
        doc[key].sort(key=lambda r: order.get(r.get("scale"), 9))
    return {k: doc[k] for k in ["machine", "date", "runs", "imports", "peak_rss_mb", "decomposition",
                                "first_render", "scales", "targets", "query_breakdown", "checks", "sessions"]}


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("PASS" if ok else "MISS")


def evaluate_targets(doc: dict) -> list[dict]:
    """Every target of the issue at the scale it is defined for (large, first render: demo)."""
    out = []

    def add(target, scale, figure, measured, ok, unit=""):
        out.append({"target": target, "scale": scale, "figure": figure, "measured": measured, "unit": unit,
                    "verdict": _verdict(ok)})

    for r in doc["runs"]:
        if r["scale"] != "large" or r["cache"] != "cold":
            continue
        add("p95 < 300 ms (cold)", "large", r["name"], r["p95_ms"], r["p95_ms"] < TARGET_P95_MS, "ms")
        ratio = r["median_ms"] / r["floor_ms"] if r["floor_ms"] else None
        add("within 1.5x of the floor", "large", r["name"], None if ratio is None else round(ratio, 2),
            None if ratio is None else ratio <= TARGET_FLOOR_RATIO, "x")
        factor = r["pandas_ms"] / r["median_ms"] if r["pandas_ms"] else None
        add(">= 5x faster than pandas", "large", r["name"], None if factor is None else round(factor, 2),
            None if factor is None else factor >= TARGET_PANDAS_FACTOR, "x")
    for d in doc["decomposition"]:
        if d["scale"] == "large":
            add("decomposition < 150 ms", "large", f"decompose lmdi, {d['segments']} segments (p95)", d["p95_ms"],
                d["p95_ms"] < TARGET_DECOMPOSE_MS, "ms")
    for i in doc["imports"]:
        if i["scale"] == "large" and i["kind"] == "ledger":
            add("ledger import >= 1,000,000 rows/s", "large", f"ledger CSV, {i['rows']:,} rows", i["rows_per_s"],
                i["rows_per_s"] is not None and i["rows_per_s"] >= TARGET_LEDGER_ROWS_S, "rows/s")
    large = doc["scales"].get("large", {})
    if large.get("peak_rss_mb") is not None:
        add("app peak memory < 2 GB", "large", "streamlit server VmHWM after one page load",
            large["peak_rss_mb"], large["peak_rss_mb"] < TARGET_PEAK_MB, "MB")
    for r in doc["first_render"]:
        if r["scale"] == "demo":
            add("first render < 2 s", "demo", f"page {r['page']} (median)", r["median_ms"],
                r["median_ms"] < TARGET_RENDER_MS, "ms")
    for entry in doc.get("sessions", []):
        if entry["scale"] == "large":
            for r in entry.get("rounds", []):
                if r["sessions"] == 20 and r.get("client", "browser") == "browser":
                    add("20 sessions: no error, p95 < 1,500 ms", "large",
                        f"browser sessions at once: p95 per interaction, {r['errors']} errors", r["p95_ms"],
                        r["target_met"], "ms")
    return out


def _fmt(x, digits: int = 1) -> str:
    if x is None:
        return "–"
    if isinstance(x, float) and abs(x) >= 1000:
        return f"{x:,.0f}"
    if isinstance(x, int):
        return f"{x:,}"
    return f"{x:,.{digits}f}"


def render_markdown(doc: dict) -> str:
    m = doc["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench.run` (last run {doc['date']}). Regenerate with `make bench SCALE=demo|large` "
        "after `python -m bench.generate --scale large`; each scale's section is kept until that scale is re-run.",
        "",
        f"**Machine:** {m.get('nproc')} cores, {m.get('memory_gb')} GB RAM, {m.get('cpu_model')}; {m.get('os')}; "
        f"Python {m.get('python')}, duckdb {m.get('duckdb')}, polars {m.get('polars')}, pandas {m.get('pandas')}, "
        f"streamlit {m.get('streamlit')}.",
        "",
        "## Targets",
        "",
    ]
    targets = doc["targets"]
    if targets:
        misses = [t for t in targets if t["verdict"] == "MISS"]
        lines += [f"{len(targets) - len(misses)} of {len(targets)} targets met; missed: "
                  + (", ".join(sorted({t['target'] for t in misses})) or "none") + ".", "",
                  "| target | scale | figure | measured | verdict |", "|---|---|---|---:|---|"]
        for t in targets:
            lines.append(f"| {t['target']} | {t['scale']} | {t['figure']} | {_fmt(t['measured'], 2)} {t['unit']} "
                         f"| {t['verdict']} |")
    else:
        lines.append("No target figures yet.")
    missing = [s for s in SCALES if s not in doc["scales"]]
    if missing:
        lines += ["", f"Not measured yet: scale {', '.join(missing)} (most targets are defined at scale large)."]
    lines += ["", "## What is measured", "", *METHOD_NOTES, ""]
    for scale in SCALES:
        if scale in doc["scales"]:
            lines += _scale_section(doc, scale)
    for entry in doc.get("sessions", []):
        lines += _sessions_section(entry)
    return "\n".join(lines) + "\n"


def _sessions_section(e: dict) -> list[str]:
    """bench.sessions: N browser sessions at once on one server."""
    lines = [f"## Concurrent browser sessions, scale {e['scale']}", "",
             f"Written by `python -m bench.sessions --scale {e['scale']}` ({e['date']}) · database `{e['db']}` · one "
             f"server, one headless Chromium with a fresh context per session, all on the same "
             f"{e['machine'].get('nproc')} cores (client *server*: the same script through the server's agent "
             f"API, one agent session per user, no browser: the server's share alone) · each session's script: {'; '.join(e['script'])} · {e['think_s']} s "
             f"between a session's interactions · an interaction = the action until the server's message that the "
             f"script run it caused has finished reaches the browser (queueing on the server included; *shown* = "
             f"until the page also shows it, which adds rendering by Chromiums that share the server's cores) · "
             f"errors: a step over {e['step_timeout_s']:.0f} s, an exception or a wrong page shown, or "
             f"the round's cap ({e['cap_s']:.0f} s) reached · CPU in % of one core (200 % = both cores) · target: "
             "20 sessions with no error and p95 < 1,500 ms.", ""]
    if e.get("skipped"):
        return lines + [f"Skipped: {e['skipped']}.", ""]
    warm = e.get("warmup") or {}
    if warm:
        steps = ", ".join(f"{r['step']} {r['seconds'] * 1000:,.0f} ms" if r["seconds"] is not None else r["step"]
                          for r in warm.get("steps", []))
        lines += [f"Warm-up (one session, server caches cold): {warm.get('seconds')} s: {steps}.", ""]
    lines += ["| client | sessions | interactions | errors | p50 ms | p95 ms | max ms | p95 < 1,500 ms, no error | shown "
              "p50 / p95 ms | server CPU mean / p95 % | server RSS peak MB | Chromium CPU mean % | round s | load avg "
              "start -> end |",
              "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|"]
    for r in e.get("rounds", []):
        lines.append(f"| {r.get('client', 'browser')} | {r['sessions']} | {r['interactions']} | {r['errors']} | {_fmt(r['p50_ms'], 0)} | "
                     f"{_fmt(r['p95_ms'], 0)} | {_fmt(r['max_ms'], 0)} | {_verdict(r['target_met'])} | "
                     f"{_fmt(r.get('shown_p50_ms'), 0)} / {_fmt(r.get('shown_p95_ms'), 0)} | "
                     f"{_fmt(r['server_cpu_mean_pct'], 0)} / {_fmt(r['server_cpu_p95_pct'], 0)} | "
                     f"{_fmt(r['server_rss_peak_mb'], 0)} | {_fmt(r['browser_cpu_mean_pct'], 0)} | "
                     f"{_fmt(r['round_seconds'], 0)} | {r['loadavg_start'][0]} -> {r['loadavg_end'][0]} |")
    errors = [f"{r.get('client', 'browser')}, {r['sessions']} sessions: " + "; ".join(r["error_examples"]) for r in e.get("rounds", [])
              if r["error_examples"]]
    if errors:
        lines += ["", "Errors (examples): " + " · ".join(errors)]
    if e.get("rounds"):
        lines += ["", "p50 / p95 ms per step:", "", "| step | " + " | ".join(
            f"{r.get('client', 'browser')} {r['sessions']}" for r in e["rounds"]) + " |",
                  "|---|" + "---:|" * len(e["rounds"])]
        for step in e["script"]:
            cells = [f"{_fmt(r['per_step'][step]['p50_ms'], 0)} / {_fmt(r['per_step'][step]['p95_ms'], 0)}"
                     for r in e["rounds"]]
            lines.append(f"| {step} | " + " | ".join(cells) + " |")
    for note in e.get("notes", []):
        lines += ["", note]
    return lines + [""]


METHOD_NOTES = [
    "- **Interactions** (server side, no Streamlit): each page's loader from `dashboard/loaders.py` is called "
    "exactly as the page calls it. *first load* = default filters (kommune 999, area 5.38 = all 5.38.* functions "
    "from the areas query, full period of the data); *change area* = area 5.28. The sidebar loader takes no "
    "filters, so it only has *first load*.",
    "- **cold** = a fresh read-only DuckDB connection per call (a new database instance: empty buffer pool, no "
    "result cache), `q` runs `queries.run` directly. The OS page cache is warm (files are not evicted). Connecting "
    "(~25 ms) is not included: the app connects once per database version.",
    "- **warm** = a memoising `q` keyed on (database version, query name, params), like the app's "
    "`st.cache_data`; every query of the interaction is a hit, and a hit unpickles a copy of the stored frame as "
    "`st.cache_data` does. It is the cost of a rerun whose queries are all cached (reruns after a widget change "
    "back to a value already seen, other sessions on the same data).",
    "- **floor** = the same question as ONE hand-written DuckDB query (`bench/baselines.py`), on a fresh connection "
    "for cold and on the warm connection for warm. Each floor answers the whole question of its page's loader "
    "(everything the loader's queries return), so `median/floor` compares the same question. It reads the tables "
    "the importer materialises for the pages (`ledger_monthly`, `segment_person_year`, `segment_person_month`, "
    "`segment_provider_month`, `activity_function_summary`, `municipality_data_years`, `area_function`), as the page "
    "queries do. Overview: the ledger per year x amount kind x dranst and per function (one scan, grouping sets), "
    "full-year persons, citizens and activity cost per function and year, the data-quality findings (measures "
    "without a level of need, ledger cost without activity, years without budget; derived from the ledger and "
    "activity parts) and the import history (union all). Sidebar: the municipalities with data and their years, "
    "the area list and the PL index (union all). Trends (split *funktion*): actuals and budgets (dranst 1+2) per "
    "year x month x amount kind x dranst and net actuals per function and year with the function's name (one scan of "
    "`ledger_monthly`, grouping sets) plus the population per year and age group. Benchmark: net expenditure on the "
    "functions per municipality, year, source and key figure, the population and the socio-economic index of all "
    "municipalities and the municipalities with their DST group (union all). Decomposition (split *niveau*, base "
    "year = last year - 2, comparison year = last year - 1): merged person-days, measure-days and activity cost per "
    "month and level (`segment_person_month`), the same per level and provider with its provider types "
    "(`segment_provider_month`), the ledger's net actuals on operations (dranst 1) per month and the activity data "
    "date (union all).",
    "- **pandas** = the same question as the floor answered with pandas on the raw tables (`ledger`, `activity`, "
    "`population`, `benchmark`, `socio_index`, `pl_index`, `import_log` and the municipality and function reference "
    "tables; loaded once with `.df()`, outside the timing): filtering, grouping, the years of data per municipality "
    "(the ledger's, else the activity's), the area list, the clipping of activity periods to years (decomposition: "
    "to months) and the merging of a citizen's overlapping or adjacent measures all in pandas. The loader, the "
    "floor and pandas are checked to give the same numbers (section *Checks*).",
    "- **median/floor** = loader median / floor median (target <= 1.5); **pandas/median** = pandas median / "
    "loader median (target >= 5). Each figure is the median and p95 over `repeat` runs (pandas and the "
    "decomposition query: fewer at scale large, see the section header).",
    "- **Decomposition**: the Dekomponering page's path for area 5.38 and the last two complete years, per split "
    "(level of need, the page's default, and provider, the split with the most segments): its loader "
    "`load_decomposition` (cold, as *loader*), its view builder `present.decomposition.decomposition_view` "
    "(window, segments, decomposition, texts, tables and both exports; lmdi, current prices) and, on the view's "
    "segments, `decompose(segments, \"lmdi\")` on its own. (Runs before issue 14 timed level x function "
    "segments from `hap_by_segment.sql` instead; such entries are marked so.)",
    "- **Import**: rows read / seconds of `ingest.importer.import_file` per kind, from `bench/data/<scale>/"
    "generate.json` (`python -m bench.generate`), or from the database's import log for `data/demo.duckdb`.",
    "- **Memory**: `streamlit run app.py` with `DASHBOARD_DB` set; the overview page is loaded once in headless "
    "Chromium, then the server's VmHWM (peak RSS) is read from `/proc/<pid>/status`.",
    "- **First render**: from navigation start until the frame in which the page's content is painted (pages "
    "with KPI cards: the first `stMetricValue`; the others: the title), timed in the page: a script installed "
    "before Streamlit's own notes the first animation frame after the element is in the DOM with a layout box. "
    "Median over fresh browser contexts (empty browser cache, so Streamlit's JavaScript is fetched and compiled "
    "every time), after one first session that filled the server's caches (its time is shown separately). "
    "*First chart* = the same for the first plotly chart (Streamlit loads plotly.js, a 4.7 MB chunk, when the "
    "first chart arrives, and evaluates it for about 0.6 s on the page's main thread). *Complete* = `page.goto` "
    "until Playwright sees the title, the KPI and `stApp` reporting `notRunning`; the browser handles the "
    "script's end only after plotly.js is evaluated, so this includes the chart's load. The target applies to "
    "the first render; the other two are shown for information.",
]


def _scale_section(doc: dict, scale: str) -> list[str]:
    meta = doc["scales"][scale]
    rows = meta.get("rows", {})
    lines = [
        f"## Scale {scale}",
        "",
        f"{meta.get('date')} · database `{meta.get('db')}` · ledger {_fmt(rows.get('ledger'))} rows, activity "
        f"{_fmt(rows.get('activity'))} rows · repeat {meta.get('repeat')} (pandas and decomposition query: "
        f"{meta.get('pandas_repeat')}) · period {meta.get('period')} · load average (1/5/15 min) at start "
        f"{meta.get('loadavg_start')}, at end {meta.get('loadavg_end')} on {(meta.get('machine') or {}).get('nproc')} "
        "cores (other processes running at the same time inflate the figures)",
        "",
        "### Page interactions (server side, ms)",
        "",
        "| interaction | cache | median | p95 | floor | pandas | median/floor | pandas/median | p95 < 300 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in doc["runs"]:
        if r["scale"] != scale:
            continue
        ratio = r["median_ms"] / r["floor_ms"] if r["floor_ms"] else None
        factor = r["pandas_ms"] / r["median_ms"] if r["pandas_ms"] and r["median_ms"] else None
        if r["cache"] != "cold":   # a warm rerun runs no query: the ratios say nothing there
            ratio = factor = None
        ratio_s = "–" if ratio is None else f"{ratio:.2f} {_verdict(ratio <= TARGET_FLOOR_RATIO)}"
        factor_s = "–" if factor is None else f"{factor:.1f} {_verdict(factor >= TARGET_PANDAS_FACTOR)}"
        p95_ok = _verdict(r["p95_ms"] < TARGET_P95_MS) if r["cache"] == "cold" else ""
        lines.append(f"| {r['name']} | {r['cache']} | {_fmt(r['median_ms'])} | {_fmt(r['p95_ms'])} | "
                     f"{_fmt(r['floor_ms'])} | {_fmt(r['pandas_ms'])} | {ratio_s} | {factor_s} | {p95_ok} |")
    if scale != "large":
        lines += ["", "(The interaction targets are defined at scale large; the verdicts here are for orientation.)"]
    breakdown = [b for b in doc["query_breakdown"] if b["scale"] == scale]
    if breakdown:
        lines += ["", "### Time per query (cold, ms)", "", "| interaction | query | median | p95 |", "|---|---|---:|---:|"]
        for b in breakdown:
            lines.append(f"| {b['name']} | `{b['query']}` | {_fmt(b['median_ms'])} | {_fmt(b['p95_ms'])} |")
    decompositions = [d for d in doc["decomposition"] if d["scale"] == scale]
    if decompositions:
        lines += ["", "### Decomposition", "", "| split | segments | years | total change (kr.) | step | median ms | "
                  "p95 ms | target |", "|---|---:|---|---:|---|---:|---:|---|"]
    for d in decompositions:
        split = d.get("split", "level x function (before issue 14)")
        head = f"| {split} | {d['segments']} | {d['years'][0]} -> {d['years'][1]} | {d['total_change_dkk']:,.0f} |"
        if "view_median_ms" in d:
            lines += [f"{head} loader `load_decomposition` (cold) | {_fmt(d['query_median_ms'])} | "
                      f"{_fmt(d['query_p95_ms'])} | |",
                      f"| | | | | view `decomposition_view` | {_fmt(d['view_median_ms'])} | {_fmt(d['view_p95_ms'])} | |"]
        else:
            lines += [f"{head} segments query (cold, one hap_by_segment per function) | {_fmt(d['query_median_ms'])} | "
                      f"{_fmt(d['query_p95_ms'])} | |"]
        lines.append(f"| | | | | decompose(segments, \"lmdi\") | {_fmt(d['median_ms'], 2)} | {_fmt(d['p95_ms'], 2)} | "
                     f"< 150 ms {_verdict(d['p95_ms'] < TARGET_DECOMPOSE_MS)} |")
    imports = [i for i in doc["imports"] if i["scale"] == scale]
    if imports:
        lines += ["", "### Import throughput", "",
                  f"Source: {meta.get('import_source')}; activity export: {meta.get('activity_format')}"
                  + (f" (mapping `{meta['activity_mapping']}`)" if meta.get("activity_mapping") else "")
                  + (f". Note: {meta['import_note']}" if meta.get("import_note") else ""), "",
                  "| kind | rows | rows/s | target |", "|---|---:|---:|---|"]
        for i in imports:
            target = ""
            if i["kind"] == "ledger" and scale == "large":
                target = f">= 1,000,000 {_verdict(i['rows_per_s'] is not None and i['rows_per_s'] >= TARGET_LEDGER_ROWS_S)}"
            lines.append(f"| {i['kind']} | {_fmt(i['rows'])} | {_fmt(i['rows_per_s'])} | {target} |")
        steps = meta.get("generate_steps") or []
        if steps:
            lines += ["", "Generation steps: " + "; ".join(f"{s['step']} {s['seconds']:.1f} s" for s in steps) + "."]
    lines += ["", "### App: memory and first render", ""]
    if meta.get("browser_skipped"):
        lines.append(f"Skipped: {meta['browser_skipped']}.")
    else:
        peak = meta.get("peak_rss_mb")
        lines += [f"- Server peak RSS after one overview load: {_fmt(peak, 0)} MB (target < 2,048 MB: "
                  f"{_verdict(peak < TARGET_PEAK_MB) if peak is not None else '–'}); after all render loads: "
                  f"{_fmt(meta.get('peak_rss_mb_all_pages'), 0)} MB; idle after start: {_fmt(meta.get('rss_idle_mb'), 0)} MB.",
                  f"- First session (server caches cold, includes imports of the page modules): "
                  f"{_fmt(meta.get('first_session_ms'), 0)} ms.", "",
                  "| page | first render median ms | loads (ms) | content | < 2 s | first chart median ms "
                  "| complete median ms |",
                  "|---|---:|---|---|---|---:|---:|"]
        for r in doc["first_render"]:
            if r["scale"] == scale:
                verdict = _verdict(r["median_ms"] < TARGET_RENDER_MS) + ("" if scale == "demo" else " (info)")
                lines.append(f"| {r['page']} | {_fmt(r['median_ms'], 0)} | {', '.join(f'{s:.0f}' for s in r['samples_ms'])} "
                             f"| {r.get('waited_for', '')}{'; **' + r['problem'] + '**' if r.get('problem') else ''} "
                             f"| {verdict} | {_fmt(r.get('chart_median_ms'), 0)} | {_fmt(r.get('complete_median_ms'), 0)} |")
    checks = [c for c in doc["checks"] if c["scale"] == scale]
    if checks:
        lines += ["", "### Checks", ""]
        for c in checks:
            lines.append(f"- {c['name']}: loader, floor and pandas agree" if c["ok"]
                         else f"- **{c['name']}: DISAGREE** — " + "; ".join(c["problems"]))
    notes = meta.get("notes") or []
    if notes:
        lines += ["", "### Notes", ""] + [f"- {n}" for n in notes]
    lines.append("")
    return lines


# --------------------------------------------------------------------------------------------------
# entry points
# --------------------------------------------------------------------------------------------------


def resolve_db(scale: str, db: Path | None, log) -> Path:
    if db is not None:
        return Path(db)
    if scale == "demo" and (REPO_DIR / "data" / "demo.duckdb").exists():
        return REPO_DIR / "data" / "demo.duckdb"
    path = default_db(scale)
    if not path.exists():
        from bench.generate import generate_scale

        log(f"{path} is missing: generating it (python -m bench.generate --scale {scale})")
        generate_scale(scale)
    return path


def wait_for_idle(max_seconds: float, log, threshold: float = 0.7) -> bool:
    """Wait (at most max_seconds) until the 1-minute load average is below threshold: on a shared machine other
    processes inflate every figure. Returns whether the machine became idle."""
    deadline = time.time() + max_seconds
    while os.getloadavg()[0] >= threshold:
        if time.time() > deadline:
            log(f"machine still busy after {max_seconds:.0f} s (load {os.getloadavg()[0]:.2f}); measuring anyway")
            return False
        time.sleep(5)
    return True


def run_bench(scale: str = "demo", db: Path | None = None, repeat: int | None = None, browser: bool = True,
              out: Path | None = None, render_loads: int = 5, quiet: bool = False, wait_idle: float = 0) -> dict:
    """Run the benchmark for one scale, merge into <out dir>/results.json and write `out` (RESULTS.md).
    Returns the merged results document."""
    def log(msg: str) -> None:
        if not quiet:
            print(msg, flush=True)

    out = Path(out) if out is not None else BENCH_DIR / "RESULTS.md"
    db = resolve_db(scale, db, log)
    if wait_idle:
        wait_for_idle(wait_idle, log)
    version = queries.database_version(db)
    repeat = repeat or DEFAULT_REPEAT[scale]
    pandas_repeat = repeat if scale == "demo" else min(repeat, 3)
    started = dt.datetime.now()
    log(f"benchmark scale {scale}: {db} -> {version} (repeat {repeat})")

    load_start = [round(x, 2) for x in os.getloadavg()]
    sr = ScaleRun(scale, db, version, repeat, pandas_repeat)
    sr.params = default_params(version)
    _, counts = cold(version, lambda con: con.sql(
        "select (select count(*) from ledger), (select count(*) from activity)").fetchall()[0])

    log("page interactions (cold / warm / floor):")
    loaded = measure_pages(sr, log)
    log("pandas baselines:")
    measure_pandas(sr, loaded, log)
    log("decomposition:")
    decomposition = measure_decomposition(sr, log)
    imports, import_source, import_meta = import_figures(scale, db)

    browser_out: dict = {"skipped": "--no-browser"} if not browser else {}
    if browser:
        log("app in headless Chromium:")
        browser_out = measure_browser(db, render_loads, log)
        if browser_out.get("skipped"):
            log(f"  skipped: {browser_out['skipped']}")

    p = sr.params["first load"]
    scale_meta = {
        "date": started.isoformat(timespec="seconds"), "machine": machine_info(),
        "db": str(db.relative_to(REPO_DIR) if db.is_relative_to(REPO_DIR) else db), "version": Path(version).name,
        "rows": {"ledger": counts[0], "activity": counts[1]}, "repeat": repeat, "pandas_repeat": pandas_repeat,
        "period": f"{p['from_year']}-{p['to_year']}", "params": sr.params,
        "import_source": import_source, "activity_format": import_meta.get("activity_format"),
        "activity_mapping": import_meta.get("activity_mapping"), "import_note": import_meta.get("note"),
        "import_files": import_meta.get("files"), "generate_steps": import_meta.get("generate_steps"),
        "peak_rss_mb": browser_out.get("peak_rss_mb"), "peak_rss_mb_all_pages": browser_out.get("peak_rss_mb_all_pages"),
        "rss_idle_mb": browser_out.get("rss_idle_mb"), "first_session_ms": browser_out.get("first_session_ms"),
        "server_start_ms": browser_out.get("server_start_ms"), "browser_skipped": browser_out.get("skipped"),
        "bench_peak_rss_mb": peak_rss_mb(), "notes": sr.notes,
        "loadavg_start": load_start, "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "seconds": round((dt.datetime.now() - started).total_seconds(), 1),
    }
    new = {
        "machine": scale_meta["machine"], "date": scale_meta["date"], "runs": sr.runs, "imports": imports,
        "decomposition": decomposition,
        "first_render": [dict(r, scale=scale) for r in browser_out.get("first_render", [])],
        "query_breakdown": sr.breakdown, "checks": sr.checks, "scales": {scale: scale_meta},
    }
    results_path = out.parent / "results.json"
    previous = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else None
    doc = merge(previous, new, scale)
    out.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out.write_text(render_markdown(doc), encoding="utf-8")
    log(f"wrote {out} and {results_path}")
    return doc


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", choices=SCALES, default="demo")
    p.add_argument("--db", type=Path, default=None, help="database to measure (default: see module docstring)")
    p.add_argument("--repeat", type=int, default=None, help="runs per figure (default 15 demo, 7 large)")
    p.add_argument("--browser", action=argparse.BooleanOptionalAction, default=True,
                   help="measure peak memory and first render in headless Chromium (default on)")
    p.add_argument("--render-loads", type=int, default=5, help="page loads per page for the first render")
    p.add_argument("--out", type=Path, default=None, help="RESULTS.md to write (results.json goes next to it)")
    p.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                   help="first wait up to SECONDS for the 1-minute load average to drop below 0.7")
    p.add_argument("--smoke", action="store_true",
                   help="demo scale, repeat 2, no browser, output in a temporary folder (for the test suite)")
    args = p.parse_args(argv)
    if args.smoke:
        out = args.out or Path(tempfile.mkdtemp(prefix="bench-smoke-")) / "RESULTS.md"
        run_bench("demo", db=args.db, repeat=args.repeat or 2, browser=False, out=out)
        return 0
    run_bench(args.scale, db=args.db, repeat=args.repeat, browser=args.browser, out=args.out,
              render_loads=args.render_loads, wait_idle=args.wait_idle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
