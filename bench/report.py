"""The results: merge a run with the other scale's figures, evaluate the targets, and write RESULTS.md
(bench.sessions renders its figures with the same functions)."""
from __future__ import annotations

import statistics

from bench import SCALES

# targets of the issue "Benchmark suite"
TARGET_P95_MS = 300.0
TARGET_FLOOR_RATIO = 1.5
TARGET_PANDAS_FACTOR = 5.0
TARGET_DECOMPOSE_MS = 150.0
TARGET_LEDGER_ROWS_S = 1_000_000
TARGET_PEAK_MB = 2048.0
TARGET_RENDER_MS = 2000.0


# --------------------------------------------------------------------------------------------------
# results: merge with the other scale, results.json and RESULTS.md
# --------------------------------------------------------------------------------------------------

MERGED_LISTS = ("runs", "imports", "decomposition", "prognose", "first_render", "query_breakdown", "checks")


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
    doc["deck"] = prev.get("deck")                 # bench.deck's figures: written by that bench only
    doc["targets"] = evaluate_targets(doc)
    order = {k: i for i, k in enumerate(SCALES)}
    for key in MERGED_LISTS:
        doc[key].sort(key=lambda r: order.get(r.get("scale"), 9))
    return {k: doc[k] for k in ["machine", "date", "runs", "imports", "peak_rss_mb", "decomposition", "prognose",
                                "first_render", "scales", "targets", "query_breakdown", "checks", "sessions", "deck"]}


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
                if r["sessions"] == 20:
                    workers = entry.get("workers", 1)
                    add("20 sessions: no error, p95 < 1,500 ms", "large",
                        f"{r.get('client', 'browser')} sessions at once, {_processes(workers)}: p95 per "
                        f"interaction, {r['errors']} errors", r["p95_ms"], r["target_met"], "ms")
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
    if doc.get("deck"):
        lines += _deck_section(doc["deck"])
    for entry in (doc.get("suppression") or {}).values():
        lines += _suppression_section(entry)
    return "\n".join(lines) + "\n"


def _suppression_section(d: dict) -> list[str]:
    """bench.suppression: the pages that hide figures of fewer than 5 citizens, with and without hiding."""
    lines = ["", f"## Suppression of small counts (issue 22), database `{d['db']}`", "",
             f"{d['date']} · `python -m bench.suppression --db {d['db']}` · years {d['years'][0]}-{d['years'][1]} · "
             f"medians of {d['repeat']} runs · load average at the end {d['loadavg']} on 2 cores shared with other "
             "workers (the machine was loaded: absolute figures are inflated; the two columns were measured one "
             "after the other, minutes apart at most)", "",
             "| page | step | full access ms | suppressed ms |", "|---|---|---:|---:|"]
    lines += [f"| {r['page']} | {r['step']} | {_fmt(r['full_ms'], 1)} | {_fmt(r['suppressed_ms'], 1)} |"
              for r in d["rows"]]
    lines += [""] + [f"- {n}" for n in d.get("notes", [])] if d.get("notes") else []
    return lines


def _processes(workers: int) -> str:
    return "one Streamlit process" if workers == 1 else f"{workers} Streamlit processes behind nginx (deploy.serve)"


def _deck_section(d: dict) -> list[str]:
    """bench.deck: the committee exports of a 10-slide agenda."""
    med = statistics.median
    return [
        "", "## Committee exports: a 10-slide agenda", "",
        f"{d['date']} · `python -m bench.deck` · database `{d['db']}` · {d['slides']} slides, {d['native']} of them "
        f"native PowerPoint charts (the rest kaleido images) · load average at the end {d['loadavg']} on 2 cores "
        "(other processes running at the same time inflate the figures)", "",
        "| figure | median ms | samples ms | size |", "|---|---:|---|---:|",
        f"| agenda deck, end to end (meeting view: 10 page runs + deck) | {_fmt(d['end_to_end_ms'], 0)} | "
        f"{d['end_to_end_ms']} | |",
        f"| deck (build_pptx, one Chromium for the images) | {_fmt(med(d['pptx_ms']), 0)} | "
        f"{', '.join(map(str, d['pptx_ms']))} | {d['pptx_kb']} kB |",
        f"| PDF (build_pdf, every page drawn) | {_fmt(med(d['pdf_ms']), 0)} | "
        f"{', '.join(map(str, d['pdf_ms']))} | {d['pdf_kb']} kB |",
    ]


def _sessions_section(e: dict) -> list[str]:
    """bench.sessions: N browser sessions at once on one server."""
    workers = e.get("workers", 1)
    option = f" --workers {workers}" if workers > 1 else ""
    lines = [f"## Concurrent browser sessions, scale {e['scale']}, {_processes(workers)}", "",
             f"Written by `python -m bench.sessions --scale {e['scale']}{option}` ({e['date']}) · database `{e['db']}` · "
             f"{_processes(workers)}, one headless Chromium with a fresh context per session, all on the same "
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
        per = " per Streamlit process, on its own address" if e.get("workers", 1) > 1 else ""
        lines += [f"Warm-up (one session{per}, server caches cold): {warm.get('seconds')} s: {steps}.", ""]
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
    prognoses = [p for p in doc.get("prognose", []) if p["scale"] == scale]
    if prognoses:
        lines += ["", "### Prognose (budget model)", "",
                  "Back-test: the model run from 31 December of every earlier year with three whole years before it, "
                  "against the actual activity-based cost and full-year persons (stated, not a target).", "",
                  "| area | measures | data date | origins | loader median ms (cold) | view median ms | view p95 ms | "
                  "budget + economy check median ms | p95 ms | "
                  "MAPE cost 1 year ahead | MAPE HÅP 1 year ahead | MAPE cost all horizons |",
                  "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for p in prognoses:
            origins = ", ".join(map(str, p["origins"])) or "–"
            pct = lambda v: "–" if v is None else f"{v:.1f} %"  # noqa: E731
            lines.append(f"| {p['area']} | {_fmt(p['measures'])} | {p['data_date']} | {origins} | "
                         f"{_fmt(p['query_median_ms'])} | {_fmt(p['view_median_ms'])} | {_fmt(p['view_p95_ms'])} | "
                         f"{_fmt(p.get('budget_view_median_ms'))} | {_fmt(p.get('budget_view_p95_ms'))} | "
                         f"{pct(p['mape_1y_pct'])} | {pct(p['mape_hap_1y_pct'])} | {pct(p['mape_all_pct'])} |")
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
            lines.append(f"- {c['name']}: {c.get('compared', 'loader, floor and pandas')} agree" if c["ok"]
                         else f"- **{c['name']}: DISAGREE** — " + "; ".join(c["problems"]))
    notes = meta.get("notes") or []
    if notes:
        lines += ["", "### Notes", ""] + [f"- {n}" for n in notes]
    lines.append("")
    return lines
