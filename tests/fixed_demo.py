"""The demo database the tests run on: the demo municipality generated for a fixed extraction date, so the
suite gives the same verdict on any day (`make test` builds it; python -m tests.fixed_demo OUT_DIR DB).

Also builds demo databases for other extraction dates (January, a leap day, New Year's Eve), which the
date tests use to check the pages on the dates that break naive code."""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import shutil
from pathlib import Path

# The picture the tests were written against: activity data to 15 November 2026, ledger actuals January to
# October 2026 (months that ended before the extraction date), budgets for the whole of 2026.
FIXED_AS_OF = dt.date(2026, 11, 15)

# The extraction dates that break naive code (tests/test_dates.py): the new year's first day (last year's
# books just closed, no actuals in the new year), the end of January (a month of activity data, no posted
# month), a leap day and New Year's Eve (CI also runs the suite with the clock at 23:30 that day).
TEST_DATES = {
    "new_years_day": dt.date(2027, 1, 1),
    "end_of_january": dt.date(2027, 1, 31),
    "leap_day": dt.date(2028, 2, 29),
    "new_years_eve": dt.date(2026, 12, 31),
}


def build(out_dir: Path, db_path: Path, as_of: dt.date = FIXED_AS_OF, quiet: bool = True) -> Path:
    """Generate the demo exports for `as_of` into out_dir and import them into a new database db_path."""
    from synth.load import load_demo
    from synth import write_demo

    for p in (db_path, Path(f"{db_path}.versions"), Path(f"{db_path}.lock")):
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        elif p.exists() or p.is_symlink():
            p.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    write_demo(out_dir, as_of=as_of)
    with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
        load_demo(out_dir, db_path)
    return db_path


def dated_path(root: Path, as_of: dt.date) -> Path:
    """Where the demo database extracted on `as_of` lives under root (its exports beside it)."""
    return root / f"{as_of.isoformat()}.duckdb"


def _build_dated(args: tuple[Path, dt.date]) -> str:
    root, as_of = args
    db = dated_path(root, as_of)
    build(db.with_suffix(""), db, as_of)
    return f"Test demo database (extraction date {as_of:%d-%m-%Y}): {db}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.fixed_demo",
                                description="OUT DB: the fixed-date test demo; --dates ROOT: one per TEST_DATES")
    p.add_argument("out", type=Path, help="folder for the generated exports (with --dates: the folder of all)")
    p.add_argument("db", type=Path, nargs="?", help="database to (re)build")
    p.add_argument("--as-of", type=dt.date.fromisoformat, default=FIXED_AS_OF)
    p.add_argument("--dates", action="store_true", help="build a database for each of TEST_DATES under OUT")
    args = p.parse_args(argv)
    if args.dates:
        from concurrent.futures import ProcessPoolExecutor

        args.out.mkdir(parents=True, exist_ok=True)
        with ProcessPoolExecutor(max_workers=2) as pool:
            for line in pool.map(_build_dated, [(args.out, d) for d in TEST_DATES.values()]):
                print(line)
        (args.out / ".built").touch()
        return 0
    if args.db is None:
        p.error("DB is required without --dates")
    build(args.out, args.db, args.as_of, quiet=False)
    print(f"Test demo database (extraction date {args.as_of:%d-%m-%Y}): {args.db}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
