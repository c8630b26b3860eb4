"""CLI: python -m synth demo --out data/demo [--until-year YYYY] [--seed 42] [--scale demo|large]."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from synth import DEMO, LARGE, write_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m synth", description="Synthetic demo data for Eksempelby Kommune")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write the demo exports")
    demo.add_argument("--out", required=True, type=Path, help="output folder")
    demo.add_argument("--until-year", type=int, default=None, help="last year (default: the current year)")
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--scale", choices=("demo", "large"), default="demo")
    demo.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                      help="extraction date YYYY-MM-DD (default: today for the current year, else 1 Jan after --until-year)")
    demo.add_argument("--real-benchmark", type=Path, default=None,
                      help="path of regk31_53845_pr_indbygger_2022_2024.csv (default: looked up in the reference folders)")
    demo.add_argument("--no-activity-xlsx", action="store_true", help="skip writing the activity XLSX")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    totals = write_demo(
        args.out,
        seed=args.seed,
        until_year=args.until_year,
        scale=LARGE if args.scale == "large" else DEMO,
        as_of=args.as_of,
        real_benchmark=args.real_benchmark,
        write_activity=not args.no_activity_xlsx,
    )
    secs = time.perf_counter() - t0
    g = totals["generator"]
    print(
        f"Wrote {args.out} ({g['years'][0]}-{g['years'][-1]}, as of {g['as_of']}, seed {g['seed']}) in {secs:.1f} s: "
        f"ledger {totals['ledger']['rows']:,} rows, activity {totals['activity']['rows']:,} rows "
        f"({totals['activity']['citizens']:,} citizens), benchmark {totals['benchmark_kommuner']['rows_with_value']:,} values"
    )
    if "benchmark_real" not in totals:
        print("warning: real REGK31 file not found; benchmark_53845_real.csv was not written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
