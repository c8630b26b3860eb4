"""Command line: python -m ingest [KIND] FILE [--mapping NAME (default: recognised from the file)] [--dry-run] [--db PATH] [--replace | --add-overlapping] ...
              (KIND left out: recognised from the file, when exactly one kind of data reads it)
              python -m ingest genberegn [--db PATH]   (a database built by an older version of the program)
              python -m ingest versioner [--db PATH] [--brug NAME]   (list the versions; serve another one)

Exit codes (README, "Exit codes"): 0 imported, 1 file rejected (every problem printed), 2 wrong usage,
3 rows already loaded or periods already covered (--replace / --add-overlapping), 4 pseudonym key problem,
5 the database cannot be read, 6 no room on the disk, 7 out of memory. The database is unchanged
whenever the code is not 0.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from i18n import t
from ingest.db import complete_versions, current_version, rebuild_outdated, switch_version
from ingest.importer import import_file
from ingest.mappings import KINDS, available
from ingest.values.cpr import mask_cpr
from ingest.report import ImportFailed, ImportFault, ImportRejected, danish_number, phase_text
from queries import database_path


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ingest", description=t("import.cli.description"))
    p.add_argument("kind", nargs="?", choices=KINDS, help=t("import.cli.kind"))
    p.add_argument("file", type=Path, help=t("import.cli.file"))
    p.add_argument("--mapping", default=None, help=t("import.cli.mapping"))
    p.add_argument("--db", type=Path, default=None, help=t("import.cli.db"))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--replace", action="store_true",
                      help=t("import.cli.replace"))
    mode.add_argument("--add-overlapping", action="store_true",
                      help=t("import.cli.add_overlapping"))
    p.add_argument("--kommune", type=int, default=None, help=t("import.cli.kommune"))
    p.add_argument("--synthetic", action="store_true", help=t("import.cli.synthetic"))
    p.add_argument("--source", default="", help=t("import.cli.source"))
    p.add_argument("--aar", type=int, default=None, help=t("import.cli.aar"))
    p.add_argument("--udtraeksdato", type=_date_argument, default=None, metavar="DATO",
                   help=t("import.cli.udtraeksdato"))
    p.add_argument("--dry-run", action="store_true", help=t("import.cli.dry_run"))
    p.add_argument("--skip-unknown-functions", action="store_true",
                   help=t("import.cli.skip_unknown"))
    return p


def _date_argument(text: str):
    from ingest.values.cells import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("import.cli.not_a_date", text=text)) from None


def rebuild_main(argv: list[str]) -> int:
    """python -m ingest genberegn [--db PATH]: rebuild what an older version of the program built."""
    p = argparse.ArgumentParser(prog="python -m ingest genberegn",
                                description=t("import.cli.rebuild_description"))
    p.add_argument("--db", type=Path, default=None, help=t("import.cli.db"))
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    db_path = args.db or database_path()
    if not os.path.lexists(db_path):
        print(t("import.cli.no_database", path=db_path), file=sys.stderr)
        return 2
    try:
        outdated = rebuild_outdated(db_path)
    except ImportFault as exc:
        print(t("import.cli.error", message=exc.message), file=sys.stderr)
        return exc.exit_code
    if outdated:
        print(t("import.cli.rebuilt", files=", ".join(outdated), path=db_path))
    else:
        print(t("import.cli.current", path=db_path))
    return 0


def versions_main(argv: list[str]) -> int:
    """python -m ingest versioner [--db PATH] [--brug NAME]: the complete versions of the database, newest
    first, the one served marked; --brug points the database at another of them (atomically)."""
    p = argparse.ArgumentParser(prog="python -m ingest versioner",
                                description=t("import.cli.versions_description"))
    p.add_argument("--db", type=Path, default=None, help=t("import.cli.db"))
    p.add_argument("--brug", default=None, metavar="NAVN", help=t("import.cli.brug"))
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    db_path = args.db or database_path()
    versions = complete_versions(db_path)
    if args.brug:
        chosen = next((v for v in versions if v.name in (args.brug, args.brug + ".duckdb")), None)
        if chosen is None:
            print(t("import.cli.no_such_version", name=args.brug,
                    versions=", ".join(v.name for v in versions) or t("import.periods.none")), file=sys.stderr)
            return 2
        switch_version(db_path, chosen)
        print(t("import.cli.points_at", path=db_path, version=chosen.name))
        return 0
    try:
        served = current_version(db_path)
    except ImportFault as exc:
        print(t("import.cli.error", message=exc.message), file=sys.stderr)
        served = None
    if not versions:
        print(t("import.cli.no_versions", path=db_path))
    for v in versions:
        mark = "* " if served is not None and v.resolve() == served.resolve() else "  "
        when = dt.datetime.fromtimestamp(v.stat().st_mtime)
        size = danish_number(v.stat().st_size / 2**20, 1)
        print(f"{mark}{v.name}  {when:%d-%m-%Y %H:%M}  {size} MB")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["genberegn"]:
        return rebuild_main(argv[1:])
    if argv[:1] == ["versioner"]:
        return versions_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.kind is None and args.mapping is not None:
        print(t("import.cli.mapping_needs_kind"), file=sys.stderr)
        return 2
    if args.kind is not None and args.mapping is not None and args.mapping not in available(args.kind):
        print(t("import.cli.unknown_mapping", mapping=args.mapping, kind=args.kind,
                available=", ".join(available(args.kind))), file=sys.stderr)
        return 2
    if not args.file.is_file():
        print(t("import.cli.no_file", file=mask_cpr(args.file)), file=sys.stderr)
        return 2
    db_path = args.db or database_path()
    try:
        kind = args.kind or _recognised_kind(args, db_path)
        if kind is None:
            return 1
        # how far a long import is, on a terminal only (a log or a pipe gets the summary alone)
        progress = progress_printer(sys.stderr) if sys.stderr.isatty() else None
        try:
            result = import_file(kind, args.file, db_path, mapping_name=args.mapping, replace=args.replace,
                                 kommunekode=args.kommune, synthetic=args.synthetic, source=args.source,
                                 skip_unknown_functions=args.skip_unknown_functions, year=args.aar,
                                 data_date=args.udtraeksdato, add_overlapping=args.add_overlapping,
                                 dry_run=args.dry_run, progress=progress)
        finally:
            if progress is not None:
                progress.finish()
    except ImportFailed as exc:
        print(failure_text(args.file.name, exc), file=sys.stderr)
        return exc.exit_code
    except MemoryError:
        print(t("import.cli.out_of_memory", file=mask_cpr(args.file.name)), file=sys.stderr)
        return 7
    print(result.summary())
    return 0


def _recognised_kind(args: argparse.Namespace, db_path: Path) -> str | None:
    """The kind of data in args.file when exactly one kind reads it (printed), else None with the reasons
    printed (ingest.recognise.recognise_kind)."""
    from ingest import limits as import_limits
    from ingest.db import own_municipalities
    from ingest.importer import XLSX_SUFFIXES
    from ingest.recognise import recognise_kind
    from ingest.report import Report

    limits = import_limits.current()
    report = Report(args.file.name)
    kind = None
    if args.file.suffix.lower() not in XLSX_SUFFIXES or import_limits.check_xlsx(args.file, report, limits):
        own = own_municipalities(db_path) if args.kommune is None else []
        kind, also = recognise_kind(args.file, report, args.kommune, args.aar, limits,
                                    own_kommune=own[0][0] if len(own) == 1 else None)
    if kind is None:
        print(failure_text(args.file.name, ImportRejected(report)), file=sys.stderr)
        return None
    if also:
        print(t("import.recognise.kind_chosen_most", kind=kind, others=", ".join(also)))
    else:
        print(t("import.recognise.kind_chosen", kind=kind))
    return kind


def progress_printer(stream, interval_s: float = 0.5):
    """progress(phase, done, total) for import_file that keeps one line on ``stream`` (a terminal) up to
    date: the phase and its count (the Data page's words), at most every ``interval_s`` seconds within a
    phase; finish() ends the line."""
    last = {"phase": None, "at": 0.0, "width": 0}

    def progress(phase: str, done: int | None = None, total: int | None = None) -> None:
        now = time.monotonic()
        if phase == last["phase"] and now - last["at"] < interval_s and done != total:
            return
        line = phase_text(phase, done, total)
        stream.write("\r" + line.ljust(last["width"]))
        stream.flush()
        last.update(phase=phase, at=now, width=len(line))

    def finish() -> None:
        if last["width"]:
            stream.write("\r" + " " * last["width"] + "\r")
            stream.flush()

    progress.finish = finish
    return progress


def failure_text(name: str, exc: ImportFailed) -> str:
    """What the command line prints for an import that did not happen (CPR numbers in the name masked)."""
    if isinstance(exc, ImportRejected):
        return "\n".join([t("import.cli.rejected", file=exc.report.file)]
                         + ["  " + line for line in exc.lines()])
    return t("import.cli.failed", file=mask_cpr(name), message=mask_cpr(str(exc)))


if __name__ == "__main__":
    sys.exit(main())
