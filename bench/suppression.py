"""Suppression of small counts (issue 22): what hiding figures of fewer than 5 citizens costs on the pages
that do it, for a user without citizen-level access against one with it.

    python -m bench.suppression [--db PATH] [--repeat N] [--out bench/RESULTS.md]

Per page, on the database's municipality 999, area 5.38, the decomposition's two years
(bench.baselines.decomposition_years) and the sidebar's full period (Overblik per level): the loader cold (a fresh read-only connection, so the query runs) and
the view builder (numbers, texts, tables, exports) with ``suppress_small`` False and True. Dekomponering's
loader with ``citizens=True`` adds queries/decomposition_citizens.sql, timed on its own too; Overblik per
level adds queries/overview_citizens_by_segment.sql; Udgiftsdrivere's loader per section with ``citizens=True``
adds drivers_provider_citizens.sql and drivers_provider_offer_citizens.sql (providers) and
drivers_flow_citizens.sql (in and out); Prognose counts its citizens in the view (no query of its own). Results go to
results.json next to --out (key "suppression") and RESULTS.md is rewritten from it.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from types import SimpleNamespace

from analysis.prices import PriceBase
from domain.codes import age_bands
from bench import BENCH_DIR, REPO_DIR
from bench import baselines
from bench.pages import DirectQuery, cold, default_params, timed
from bench.report import render_markdown
from dashboard.loaders import (load_decomposition, load_drivers, load_overview, load_overview_segment_citizens,
                               load_overview_segments, load_prognose)
from present.decomposition import DecompositionChoices, decomposition_view
from present.drivers import SECTIONS, DriversChoices, drivers_view
from present.overview import overview_view, segment_volume_view
from present.prognose import PrognoseChoices, prognose_view


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def measure(db: Path, repeat: int, log=print) -> dict:
    """The figures (ms, medians of ``repeat`` runs) for results.json's "suppression" entry."""
    version = os.path.realpath(db)
    params = default_params(version)["first load"]
    base, cur = baselines.decomposition_years(params)
    context = SimpleNamespace(kommune=params["kommune"], kommune_name="", area_code=params["area"], area_name="",
                              functions=params["functions"], from_year=params["from_year"],
                              to_year=params["to_year"], price_base=PriceBase(None), pl_index={},
                              price_label="Løbende priser", refund_basis="efter")
    rows = []

    def row(page: str, step: str, full: list[float] | None, hidden: list[float]) -> None:
        rows.append({"page": page, "step": step, "full_ms": _median_ms(full) if full else None,
                     "suppressed_ms": _median_ms(hidden)})
        log(f"  {page:<14} {step:<46} {rows[-1]['full_ms'] or 0:>9,.1f} {rows[-1]['suppressed_ms']:>9,.1f}")

    log(f"suppression on {db}: years {base}-{cur}, {repeat} runs each (ms: full access, suppressed)")
    for split in ("niveau", "leverandoer"):
        loads = {flag: [cold(version, lambda con: load_decomposition(DirectQuery(con), params, split, base, cur,
                                                                    citizens=flag)) for _ in range(repeat)]
                 for flag in (False, True)}
        row("decomposition", f"loader cold ({split})", [s for s, _ in loads[False]], [s for s, _ in loads[True]])
        query = [cold(version, lambda con: DirectQuery(con)("decomposition_citizens", {
            "kommune": params["kommune"], "functions": params["functions"], "base_year": base,
            "comparison_year": cur, "dimension": {"niveau": "level", "leverandoer": "provider"}[split],
            "ages": age_bands(None)}))[0]
            for _ in range(repeat)]
        row("decomposition", f"decomposition_citizens.sql alone ({split})", None, query)
        data = loads[True][0][1]
        views = {flag: [timed(lambda: decomposition_view(data, DecompositionChoices(base, cur, split,
                                                                                    suppress_small=flag)))[0]
                        for _ in range(repeat)] for flag in (False, True)}
        row("decomposition", f"view ({split})", views[False], views[True])
    for section in SECTIONS:
        loads = {flag: [cold(version, lambda con: load_drivers(DirectQuery(con), params, base, cur, section,
                                                               citizens=flag))[0] for _ in range(repeat)]
                 for flag in (False, True)}
        row("drivers", f"loader cold ({section})", loads[False], loads[True])
    _, drivers = cold(version, lambda con: load_drivers(DirectQuery(con), params, base, cur))
    for section in SECTIONS:
        views = {flag: [timed(lambda: drivers_view(drivers, context, DriversChoices(base, cur, section,
                                                                                   suppress_small=flag)))[0]
                        for _ in range(repeat)] for flag in (False, True)}
        row("drivers", f"view ({section})", views[False], views[True])
    split_rows = {flag: [cold(version, lambda con: (load_overview_segments(DirectQuery(con), params, "niveau"),
                                                   load_overview_segment_citizens(DirectQuery(con), params, "niveau")
                                                   if flag else None)) for _ in range(repeat)]
                  for flag in (False, True)}
    row("overview", "loader cold (per level)", [s for s, _ in split_rows[False]], [s for s, _ in split_rows[True]])
    rows_, citizens = split_rows[True][0][1]
    views = {flag: [timed(lambda: segment_volume_view(rows_, "niveau", context, citizens=citizens if flag else None))[0]
                    for _ in range(repeat)] for flag in (False, True)}
    row("overview", "view per level", views[False], views[True])
    _, prognose = cold(version, lambda con: load_prognose(DirectQuery(con), params))
    views = {flag: [timed(lambda: prognose_view(prognose, context, PrognoseChoices(suppress_small=flag)))[0]
                    for _ in range(repeat)] for flag in (False, True)}
    row("prognose", "view", views[False], views[True])
    _, overview = cold(version, lambda con: load_overview(DirectQuery(con), params))
    views = {flag: [timed(lambda: overview_view(overview, context, suppress_small=flag))[0] for _ in range(repeat)]
             for flag in (False, True)}
    row("overview", "view", views[False], views[True])
    return {"date": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "db": str(db.relative_to(REPO_DIR) if db.is_relative_to(REPO_DIR) else db), "repeat": repeat,
            "years": [base, cur], "rows": rows, "loadavg": [round(x, 2) for x in os.getloadavg()]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.suppression", description=__doc__.split("\n\n")[0])
    p.add_argument("--db", type=Path, default=REPO_DIR / "data" / "demo.duckdb")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--out", type=Path, default=BENCH_DIR / "RESULTS.md")
    args = p.parse_args(argv)
    figures = measure(args.db, args.repeat)
    results_path = args.out.parent / "results.json"
    doc = json.loads(results_path.read_text(encoding="utf-8"))
    doc.setdefault("suppression", {})[figures["db"]] = figures
    results_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    args.out.write_text(render_markdown(doc), encoding="utf-8")
    print(f"wrote {args.out} and {results_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
