"""Page timing: each page's loader (dashboard/loaders.py, exactly what the page calls) cold and warm, against
its hand-written DuckDB floor and its pandas baseline (bench/baselines.py), and the checks that the three agree.

Adding a page: add one PageBench to PAGES (its loader call from dashboard/loaders.py, a floor query and a
pandas baseline in bench/baselines.py, and optionally a check that the three agree).
"""
from __future__ import annotations

import gc
import pickle
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

import queries
from bench import baselines
from dashboard.loaders import (DRIVERS_SECTION_DATA, load_benchmark, load_cases, load_decomposition, load_drivers,
                               load_overview, load_overview_segments, load_prognose, load_savings, load_sidebar, load_trends)

KOMMUNE = 999
# interaction -> area whose functions the sidebar's area query returns (default filters otherwise)
INTERACTIONS: dict[str, str] = {"first load": "5.38", "change area": "5.28"}

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
    # Overblik's year-by-year view split by level (opdeling=niveau): one query on the materialised segments
    PageBench("overview per level", lambda q, params: load_overview_segments(q, params, "niveau"), None, None),
    PageBench("trends", lambda q, params: load_trends(q, params, "funktion"), baselines.TRENDS_FLOOR,
              baselines.pandas_trends, baselines.check_trends),
    # split "niveau" (level of need); base and comparison year = the two years before the data's last year
    PageBench("decomposition", lambda q, params: load_decomposition(
        q, params, "niveau", *baselines.decomposition_years(params)), baselines.DECOMPOSITION_FLOOR,
              baselines.pandas_decomposition, baselines.check_decomposition),
    PageBench("benchmark", lambda q, params: load_benchmark(q, params, params["area"]), baselines.BENCHMARK_FLOOR,
              baselines.pandas_benchmark, baselines.check_benchmark),
    # Udgiftsdrivere: the same two years as the decomposition; its floor answers all seven of its questions
    PageBench("drivers", lambda q, params: load_drivers(q, params, *baselines.decomposition_years(params)),
              baselines.DRIVERS_FLOOR, None, baselines.check_drivers),
    # ... and what the page loads when a section is opened (a user with citizen-level access: no citizen counts)
    *(PageBench(f"drivers {section}", lambda q, params, section=section: load_drivers(
        q, params, *baselines.decomposition_years(params), section, citizens=False), None, None)
      for section in DRIVERS_SECTION_DATA),
    # Dyre sager: the comparison year of the decomposition and the year before
    PageBench("cases", lambda q, params: load_cases(q, params, baselines.decomposition_years(params)[1]), None, None),
    # the savings plan is not filtered by the sidebar: two small queries, loader times only
    PageBench("savings", lambda q, params: load_savings(q), None, None, uses_filters=False),
    # Prognose: every measure of the area (the model reads the whole history); the model itself is timed in
    # bench/run.py:measure_prognose with its back-test error
    PageBench("prognose", load_prognose, None, None),
]


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
                for interaction in _interactions(page) if page.check is not None and page.floor_sql is not None else ():
                    params = sr.params[interaction]
                    problems = page.check(loaded[(page.name, interaction)], run_floor(con, page.floor_sql, params), None)
                    sr.checks.append({"scale": sr.scale, "name": f"{page.name}: {interaction}", "ok": not problems,
                                      "problems": problems, "compared": "loader and floor"})
                    if problems:
                        log(f"  WARNING {page.name}: {interaction}: loader and floor disagree: {problems}")
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
