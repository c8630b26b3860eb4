"""Build the demo database: every demo export through the real importer (python -m synth.load).

The two case systems deliver separately (children's DUBU-like XLSX, adults' Sensum-like CSV); both are imported
with the same pseudonym key, so a young person who moves from a placement to an adult offer is one citizen."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ingest.importer import import_file
from ingest.report import ImportRejected
from synth.model import (FILE_ACTIVITY_ADULTS, FILE_ACTIVITY_CHILDREN, FILE_BENCHMARK, FILE_BENCHMARK_REAL,
                         FILE_LEDGER, FILE_PL, FILE_POPULATION, FILE_SAVINGS, FILE_SOCIO, KOMMUNEKODE, PL_SOURCE)

DEMO_KOMMUNE = KOMMUNEKODE

# (kind, file, mapping, synthetic, source)
DEMO_FILES: list[tuple[str, str, str, bool, str]] = [
    ("ledger", FILE_LEDGER, "prisme", True, "Syntetisk ERP-udtræk, Eksempelby Kommune"),
    ("activity", FILE_ACTIVITY_CHILDREN, "fagsystem", True,
     "Syntetisk udtræk fra børne- og familiesystemet (DUBU-stil), Eksempelby Kommune"),
    ("activity", FILE_ACTIVITY_ADULTS, "sensum", True,
     "Syntetisk udtræk fra voksensystemet (Sensum-stil), Eksempelby Kommune"),
    ("benchmark", FILE_BENCHMARK, "statbank", True, "Syntetiske nøgletal i Statistikbankens format (REGK31-form)"),
    ("benchmark", FILE_BENCHMARK_REAL, "standard", False, "Danmarks Statistik, REGK31 (5.38.45, kr. pr. indbygger)"),
    ("population", FILE_POPULATION, "statbank", True, "Syntetisk befolkning i Statistikbankens format (FOLK1A-form)"),
    ("socio-index", FILE_SOCIO, "standard", True, "Syntetisk socioøkonomisk indeks"),
    ("pl-index", FILE_PL, "standard", True, PL_SOURCE),
    ("savings", FILE_SAVINGS, "standard", True, "Syntetisk spareplan, Eksempelby Kommune"),
]


def extraction_date(data_dir: Path) -> dt.date | None:
    """The extraction date the generator wrote the exports for (totals.json), or None without one."""
    try:
        totals = json.loads((data_dir / "totals.json").read_text(encoding="utf-8"))
        return dt.date.fromisoformat(totals["generator"]["as_of"])
    except (OSError, ValueError, KeyError):
        return None


def load_demo(data_dir: Path, db_path: Path) -> None:
    as_of = extraction_date(data_dir)
    for kind, name, mapping, synthetic, source in DEMO_FILES:
        result = import_file(kind, data_dir / name, db_path, mapping_name=mapping, kommunekode=DEMO_KOMMUNE,
                             synthetic=synthetic, source=source, data_date=as_of if kind == "activity" else None)
        print(result.summary())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m synth.load")
    p.add_argument("--data", type=Path, default=Path("data/demo"))
    p.add_argument("--db", type=Path, default=Path("data/demo.duckdb"))
    args = p.parse_args(argv)
    try:
        load_demo(args.data, args.db)
    except ImportRejected as exc:
        print("\n".join(exc.report.lines()), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
