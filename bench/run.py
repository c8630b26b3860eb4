"""The benchmark: page loaders against their floor and pandas baselines, the decomposition, import
throughput, the app's peak memory and the time to first render.

    python -m bench.run --scale demo|large [--repeat N] [--browser/--no-browser] [--out bench/RESULTS.md]
                        [--db PATH] [--render-loads N] [--smoke]

Database: --db, else for demo data/demo.duckdb when present, else bench/data/<scale>.duckdb (generated with
bench.generate when missing). Results of the other scale are kept: the run merges into the results.json next
to --out and rewrites RESULTS.md from it. --smoke = demo scale, repeat 2, no browser, output in a temporary
folder (or --out): the test suite runs it so the harness cannot rot.

The trades live beside it: bench/pages.py (page loaders against their floor and pandas), bench/browser.py
(the app in Chromium), bench/report.py (results.json and RESULTS.md); this module measures the
decomposition and the imports and runs everything.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import polars as pl

import queries
from analysis.decomposition import decompose
from analysis.overview import net_by_year
from analysis.prices import PriceBase
from bench import BENCH_DIR, REPO_DIR, SCALES, default_db, default_out, machine_info, peak_rss_mb
from bench.browser import measure_browser
from bench.pages import (DirectQuery, ScaleRun, cold, default_params, measure_pages, measure_pandas, stats_ms,
                         timed)
from bench.report import merge, render_markdown
from dashboard.loaders import load_decomposition, load_prognose, load_sidebar
from domain.codes import DEFAULT_REFUND_BASIS
from present.decomposition import DecompositionChoices, decomposition_view
from present.prognose import BudgetChoices, PrognoseChoices, budget_check_view, prognose_view

DEFAULT_REPEAT = {"demo": 15, "large": 7}


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


def measure_prognose(sr: ScaleRun, log) -> list[dict]:
    """The Prognose page's path per area (the interactions' areas and both together, where the model also moves
    the young people turning 18 from the children's to the adults' area): its loader (dashboard.loaders.
    load_prognose, cold) and its view builder (present.prognose.prognose_view: the baseline forecast, the
    back-test from every earlier year, texts, tables and exports; current prices, no scenario), and the
    back-test's error (MAPE of the total activity-based cost one year ahead, of the full-year persons one year
    ahead, and of the cost over every horizon), as the page states it."""
    version = sr.version
    _, side = cold(version, lambda con: load_sidebar(DirectQuery(con)))
    index = dict(side.pl_index.select("year", "index_value").iter_rows())
    cases = {name: p for name, p in sr.params.items()}
    first = next(iter(sr.params.values()))
    cases["both areas"] = {**first, "area": "+".join(p["area"] for p in sr.params.values()),
                           "functions": [f for p in sr.params.values() for f in p["functions"]]}
    out = []
    for name, params in cases.items():
        query_s, data = [], None
        for _ in range(sr.pandas_repeat):
            s, data = cold(version, lambda con: load_prognose(DirectQuery(con), params))
            query_s.append(s)
        context = SimpleNamespace(price_base=PriceBase(None), pl_index=index, price_label="Løbende priser",
                                  refund_basis=DEFAULT_REFUND_BASIS)
        view = prognose_view(data, context, PrognoseChoices())        # warm-up
        if view.status != "ok":
            log(f"  prognose {params['area']}: nothing to show ({view.status})")
            continue
        n = max(3, sr.repeat // 3)
        view_s = [timed(lambda: prognose_view(data, context, PrognoseChoices()))[0] for _ in range(n)]
        budget_check_view(data, context, BudgetChoices())                # warm-up
        budget_s = [timed(lambda: budget_check_view(data, context, BudgetChoices()))[0] for _ in range(n)]
        q_med, q_p95 = stats_ms(query_s)
        v_med, v_p95 = stats_ms(view_s)
        b_med, b_p95 = stats_ms(budget_s)
        bt = view.backtest
        log(f"  prognose {params['area']}: {data.measures.height} measures; loader median {q_med:.1f} ms, view median "
            f"{v_med:.1f} ms, p95 {v_p95:.1f} ms; budget and economy check median {b_med:.1f} ms; back-test MAPE one "
            f"year ahead {bt.mape_1y} % (origins {bt.origins})")
        out.append({"scale": sr.scale, "area": params["area"], "measures": data.measures.height,
                    "data_date": view.origin.isoformat(), "origins": list(bt.origins),
                    "query_median_ms": q_med, "query_p95_ms": q_p95, "view_median_ms": v_med, "view_p95_ms": v_p95,
                    "budget_view_median_ms": b_med, "budget_view_p95_ms": b_p95,
                    "mape_1y_pct": None if bt.mape_1y is None else round(bt.mape_1y, 2),
                    "mape_hap_1y_pct": None if bt.mape_hap_1y is None else round(bt.mape_hap_1y, 2),
                    "mape_all_pct": None if bt.mape_all is None else round(bt.mape_all, 2)})
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
    log("prognose:")
    prognose = measure_prognose(sr, log)
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
        "decomposition": decomposition, "prognose": prognose,
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
