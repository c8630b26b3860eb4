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


def build(out_dir: Path, db_path: Path, as_of: dt.date = FIXED_AS_OF, quiet: bool = True) -> Path:
    """Generate the demo exports for `as_of` into out_dir and import them into a new database db_path."""
    from ingest.demo import load_demo
    from synth.demo import write_demo

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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.fixed_demo")
    p.add_argument("out", type=Path, help="folder for the generated exports")
    p.add_argument("db", type=Path, help="database to (re)build")
    p.add_argument("--as-of", type=dt.date.fromisoformat, default=FIXED_AS_OF)
    args = p.parse_args(argv)
    build(args.out, args.db, args.as_of, quiet=False)
    print(f"Test demo database (extraction date {args.as_of:%d-%m-%Y}): {args.db}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
