"""Command line: python -m ingest KIND FILE [--mapping NAME] [--db PATH] [--replace] ...
              python -m ingest genberegn [--db PATH]   (a database built by an older version of the program)

Exit codes: 0 imported, 1 file rejected (every problem printed, database unchanged), 2 wrong usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ingest.db import rebuild_outdated
from ingest.importer import import_file
from ingest.mappings import KINDS, available
from ingest.parsing import mask_cpr
from ingest.report import ImportRejected
from queries import database_path


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ingest", description="Indlæs en eksportfil i dashboardets database.")
    p.add_argument("kind", choices=KINDS, help="hvilken slags data filen indeholder")
    p.add_argument("file", type=Path, help="CSV- eller XLSX-fil")
    p.add_argument("--mapping", default="standard", help="kolonne-mapping i data/reference/mappings/ (standard: 'standard')")
    p.add_argument("--db", type=Path, default=None, help="database (standard: $DASHBOARD_DB, ellers demo-databasen)")
    p.add_argument("--replace", action="store_true", help="erstat rækkerne fra en tidligere import af samme fil")
    p.add_argument("--kommune", type=int, default=None, help="kommunekode, når filen ikke har en kommunekolonne")
    p.add_argument("--synthetic", action="store_true", help="mærk data som syntetiske (demo)")
    p.add_argument("--source", default="", help="datakilde, der vises ved tallene (fx 'Danmarks Statistik, REGK31')")
    p.add_argument("--aar", type=int, default=None, help="år for en fil uden årskolonne (fx et Statistikbank-udtræk for ét år)")
    p.add_argument("--udtraeksdato", type=_date_argument, default=None, metavar="DATO",
                   help="aktivitet: udtrækkets dato (dd-mm-åååå eller åååå-mm-dd); åbne ydelser løber til denne dato "
                        "(standard: datoen i filens titelrække, fx 'Dannet 15-11-2026', ellers dags dato)")
    p.add_argument("--skip-unknown-functions", action="store_true",
                   help="indlæs kun rækker på funktioner i kontoplanen; de øvrige tælles op i rapporten")
    return p


def _date_argument(text: str):
    from ingest.parsing import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato (dd-mm-åååå eller åååå-mm-dd)") from None


def rebuild_main(argv: list[str]) -> int:
    """python -m ingest genberegn [--db PATH]: rebuild what an older version of the program built."""
    p = argparse.ArgumentParser(prog="python -m ingest genberegn",
                                description="Genberegn de afledte tabeller i en database bygget af en ældre version.")
    p.add_argument("--db", type=Path, default=None, help="database (standard: $DASHBOARD_DB, ellers demo-databasen)")
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    db_path = args.db or database_path()
    if not db_path.exists():
        print(f"databasen findes ikke: {db_path}", file=sys.stderr)
        return 2
    outdated = rebuild_outdated(db_path)
    if outdated:
        print(f"Genberegnet efter ændringer i {', '.join(outdated)}: {db_path}")
    else:
        print(f"Databasen er allerede bygget af denne version: {db_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["genberegn"]:
        return rebuild_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.mapping not in available(args.kind):
        print(f"ukendt mapping '{args.mapping}' for {args.kind}; findes: {', '.join(available(args.kind))}", file=sys.stderr)
        return 2
    if not args.file.is_file():
        print(f"filen findes ikke: {mask_cpr(args.file)}", file=sys.stderr)
        return 2
    db_path = args.db or database_path()
    try:
        result = import_file(args.kind, args.file, db_path, mapping_name=args.mapping, replace=args.replace,
                             kommunekode=args.kommune, synthetic=args.synthetic, source=args.source,
                             skip_unknown_functions=args.skip_unknown_functions, year=args.aar,
                             data_date=args.udtraeksdato)
    except ImportRejected as exc:
        print(f"AFVIST: {exc.report.file} blev ikke indlæst; databasen er uændret.", file=sys.stderr)
        for line in exc.report.lines():
            print("  " + line, file=sys.stderr)
        return 1
    print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
