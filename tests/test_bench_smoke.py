"""The benchmark harness runs end to end on the demo database (smoke: repeat 2, no browser) and writes
results of the documented shape, so it cannot rot. It asserts no speed: performance is measured by bench/."""
from __future__ import annotations

import dataclasses
import json

import polars as pl
import pytest

import queries
from bench import baselines
from bench.pages import PAGES, DirectQuery, default_params, run_floor
from bench.run import DECOMPOSITION_SPLITS, main
from dashboard.loaders import load_overview, load_sidebar

RUN_KEYS = {"scale", "name", "cache", "median_ms", "p95_ms", "floor_ms", "pandas_ms"}
IMPORT_KEYS = {"scale", "kind", "rows", "rows_per_s"}


def test_bench_smoke_writes_results_of_the_documented_shape(demo_db, tmp_path):
    out = tmp_path / "RESULTS.md"
    assert main(["--smoke", "--db", str(demo_db), "--out", str(out)]) == 0

    doc = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert {"machine", "date", "runs", "imports", "peak_rss_mb"} <= doc.keys()
    assert doc["machine"]["nproc"] >= 1 and doc["machine"]["duckdb"] and doc["machine"]["polars"]

    runs = doc["runs"]
    names = {r["name"] for r in runs}
    baselined_pages = {p.name for p in PAGES if p.floor_sql is not None and p.pandas is not None}
    assert {"sidebar", "overview", "trends", "decomposition", "benchmark"} <= baselined_pages
    assert {"sidebar: first load", "overview: first load", "overview: change area", "trends: first load",
            "trends: change area", "decomposition: first load", "decomposition: change area",
            "benchmark: first load", "benchmark: change area"} <= names
    for r in runs:
        assert set(r) == RUN_KEYS
        assert r["scale"] == "demo" and r["cache"] in ("cold", "warm")
        baselined = r["name"].split(":")[0] in baselined_pages   # pages with a floor and pandas baseline
        for key in ("median_ms", "p95_ms") + (("floor_ms", "pandas_ms") if baselined else ()):
            assert isinstance(r[key], (int, float)) and r[key] > 0, (r["name"], r["cache"], key, r[key])
        assert r["p95_ms"] >= r["median_ms"]
    assert {(r["name"], r["cache"]) for r in runs} == {(n, c) for n in names for c in ("cold", "warm")}

    kinds = {i["kind"]: i for i in doc["imports"]}
    assert {"ledger", "activity"} <= kinds.keys()
    for i in doc["imports"]:
        assert set(i) == IMPORT_KEYS and i["rows"] > 0 and i["rows_per_s"] > 0

    # the Dekomponering page's own path (loader and view builder) per split
    assert [d["split"] for d in doc["decomposition"]] == list(DECOMPOSITION_SPLITS)
    for dec in doc["decomposition"]:
        assert dec["segments"] > 0 and dec["median_ms"] > 0 and dec["query_median_ms"] > 0 and dec["view_median_ms"] > 0
    assert doc["peak_rss_mb"] is None            # no browser in the smoke run
    assert all(c["ok"] for c in doc["checks"]), doc["checks"]   # loader, floor and pandas agree
    checked = {c["name"] for c in doc["checks"]}
    checked_pages = {p.name for p in PAGES if p.check is not None and p.floor_sql is not None}
    assert {"sidebar", "overview", "trends", "decomposition", "benchmark"} <= checked_pages
    assert {n for n in names if n.split(":")[0] in checked_pages} == checked   # every checked page, every interaction

    text = out.read_text(encoding="utf-8")
    assert "## Scale demo" in text and "overview: change area" in text and "cores" in text
    assert "- sidebar: first load: loader, floor and pandas agree" in text
    assert "- overview: first load: loader, floor and pandas agree" in text
    assert "- overview: change area: loader, floor and pandas agree" in text
    assert "- drivers: first load: loader and floor agree" in text
    assert "- trends: change area: loader, floor and pandas agree" in text
    assert "- benchmark: change area: loader, floor and pandas agree" in text
    assert "- decomposition: first load: loader, floor and pandas agree" in text
    assert "- decomposition: change area: loader, floor and pandas agree" in text


@pytest.fixture(scope="module")
def bench_inputs(demo_db):
    """Loader results, floors and pandas baselines of the sidebar and the overview (first load) on the demo data."""
    version = queries.database_version(demo_db)
    params = default_params(version)["first load"]
    con = queries.connect_read_only(version)
    try:
        raw = baselines.load_raw(con)
        yield {
            "sidebar": (load_sidebar(DirectQuery(con)), run_floor(con, baselines.SIDEBAR_FLOOR, params),
                        baselines.pandas_sidebar(raw, params)),
            "overview": (load_overview(DirectQuery(con), params), run_floor(con, baselines.OVERVIEW_FLOOR, params),
                         baselines.pandas_overview(raw, params)),
        }
    finally:
        con.close()


def _drop_first(df):
    return df.slice(1) if isinstance(df, pl.DataFrame) else df.iloc[1:]


# (page, loader field, pandas key, floor part, label the check reports it under)
WHOLE_QUESTION = [
    ("sidebar", "municipalities", "municipalities", "municipality", "municipalities"),
    ("sidebar", "areas", "areas", "area", "areas"),
    ("sidebar", "pl_index", "pl_index", "pl_index", "PL index"),
    ("overview", "ledger", "ledger", "ledger", "ledger"),
    ("overview", "hap", "hap", "activity", "HÅP"),
    ("overview", "findings", "findings", "finding", "data quality"),
    ("overview", "history", "history", "import", "import history"),
]


@pytest.mark.parametrize("page, field, pandas_key, part, label", WHOLE_QUESTION)
def test_sidebar_and_overview_floors_answer_the_whole_question(bench_inputs, page, field, pandas_key, part, label):
    """The floor has every part its loader returns, the check compares each part (loader and pandas against the
    floor) and a row missing from one of them is reported under that part."""
    check = {"sidebar": baselines.check_sidebar, "overview": baselines.check_overview}[page]
    loaded, floor, pandas_out = bench_inputs[page]
    assert check(loaded, floor, pandas_out) == []
    assert floor.filter(pl.col("part") == part).height > 0
    assert getattr(loaded, field).height > 0 and len(pandas_out[pandas_key]) > 0

    problems = check(dataclasses.replace(loaded, **{field: _drop_first(getattr(loaded, field))}), floor, pandas_out)
    assert any(p.startswith(f"{label}: loader vs floor") for p in problems), problems
    problems = check(loaded, floor, dict(pandas_out, **{pandas_key: _drop_first(pandas_out[pandas_key])}))
    assert any(p.startswith(f"{label}: pandas vs floor") for p in problems), problems


def test_suppression_bench_runs_and_renders(demo_db, tmp_path):
    """bench.suppression (issue 22) measures every page that hides small counts both ways and its section
    renders in RESULTS.md; it asserts no speed."""
    from bench.report import render_markdown
    from bench.suppression import measure

    figures = measure(demo_db, 1, log=lambda *_: None)
    steps = {(r["page"], r["step"]) for r in figures["rows"]}
    assert {("decomposition", "loader cold (niveau)"), ("drivers", "view (koncentration)"), ("overview", "view")} <= steps
    assert all(r["suppressed_ms"] > 0 for r in figures["rows"])
    text = render_markdown({"machine": {}, "date": "-", "scales": {}, "targets": [],
                            "suppression": {figures["db"]: figures}})
    assert "## Suppression of small counts (issue 22)" in text and "| overview | view |" in text
