"""Scale data for the benchmark: synthetic exports through the real importer, every step timed.

    python -m bench.generate --scale demo|large [--out bench/data/<scale>] [--db bench/data/<scale>.duckdb]
                             [--seed 42] [--skip-xlsx] [--reuse-exports] [--ledger-prefix N]

1. synth: the exports at the chosen scale (synth.write_demo, the same generator as the demo). The children's
   case-system export is written separately from the same generated data so its writing time is visible:
   the XLSX (mapping `fagsystem`) by default, or with --skip-xlsx a canonical CSV read through the
   `standard` activity mapping (writing a large XLSX takes minutes). The adults' case-system CSV (mapping
   `sensum`) is written by write_demo with the other exports.
2. import: every file of synth.load.DEMO_FILES, in that order and with those mappings, through
   ingest.importer.import_file into a fresh database (the old one and its versions are removed first).
3. generate.json in the output folder: seconds per step, rows and rows/s per imported file, which activity
   format was used. It is rewritten after every step, so an interrupted run still leaves its figures.

--ledger-prefix N imports only the first N data rows of the ledger export (a truncated copy) and stops after
the ledger: for measuring ledger throughput when the full import would take too long.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import sys
import time
from pathlib import Path

import polars as pl

from bench import DATA_DIR, SCALES, default_db, default_out, machine_info
from synth.load import DEMO_FILES, DEMO_KOMMUNE
from ingest.importer import import_file
from ingest.report import ImportRejected

ACTIVITY_XLSX = next(name for kind, name, *_ in DEMO_FILES if kind == "activity" and name.endswith(".xlsx"))
ACTIVITY_CSV = Path(ACTIVITY_XLSX).with_suffix(".csv").name
LEDGER_FILE = next(name for kind, name, *_ in DEMO_FILES if kind == "ledger")

# canonical values of the `standard` activity mapping for the case-system labels synth writes
_PROVIDER_TYPE = {"Egen kommune": "egen", "Anden kommune": "anden_kommune", "Region": "region", "Privat": "privat"}
_TARIFF_UNIT = {"Dag": "dag", "Uge": "uge", "Måned": "maaned", "År": "aar", "Time": "time"}


def scale_preset(scale: str):
    from synth import DEMO, LARGE

    return {"demo": DEMO, "large": LARGE}[scale]


def write_activity_csv(activity: pl.DataFrame, path: Path) -> None:
    """The children's-system activity as the documented canonical CSV (mapping `standard`): ';', decimal point,
    ISO dates."""
    from synth.write import activity_export_frame

    src = activity_export_frame(activity)
    out = src.select(
        pl.col("CPR-nr.").alias("borger_id"),
        pl.col("Sagsnummer").alias("sag_id"),
        pl.col("Lovhjemmel").alias("paragraf"),
        pl.col("Ydelse").alias("ydelse"),
        pl.col("Tilbudstype").alias("tilbudstype"),
        pl.col("Funktion").alias("funktion"),
        pl.col("Leverandør").alias("leverandoer"),
        pl.col("Leverandørtype").replace_strict(_PROVIDER_TYPE).alias("leverandoertype"),
        pl.col("Ydelse startdato").dt.strftime("%Y-%m-%d").alias("startdato"),
        pl.col("Ydelse slutdato").dt.strftime("%Y-%m-%d").alias("slutdato"),
        pl.col("Takst").round(2).alias("takst"),
        pl.col("Takstenhed").replace_strict(_TARIFF_UNIT).alias("takstenhed"),
        pl.col("Timer pr. uge").alias("timer_pr_uge"),
        pl.when(pl.col("Funktionsevneniveau") == "Ikke vurderet").then(None)
        .otherwise(pl.col("Funktionsevneniveau")).alias("niveau"),
        pl.col("Betalingskommune").alias("betalingskommune"),
    )
    out.write_csv(path, separator=";", null_value="")


def file_list(skip_xlsx: bool) -> list[tuple[str, str, str, bool, str]]:
    """synth.load.DEMO_FILES, with the activity XLSX replaced by the canonical CSV when skip_xlsx."""
    files = []
    for kind, name, mapping, synthetic, source in DEMO_FILES:
        if kind == "activity" and name == ACTIVITY_XLSX and skip_xlsx:
            name, mapping = ACTIVITY_CSV, "standard"
        files.append((kind, name, mapping, synthetic, source))
    return files


def remove_database(db_path: Path) -> None:
    """Delete a database link, its versions and its lock (the benchmark always imports into a fresh one)."""
    versions = db_path.parent / (db_path.name + ".versions")
    if versions.is_dir():
        shutil.rmtree(versions)
    for p in (db_path, db_path.parent / (db_path.name + ".lock")):
        if p.is_symlink() or p.exists():
            p.unlink()


def _ledger_prefix(src: Path, dst: Path, rows: int) -> None:
    """Copy the header and the first `rows` data lines of a CSV export (bytes unchanged)."""
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        for i, line in enumerate(fin):
            if i > rows:
                break
            fout.write(line)


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Recorder:
    """Collects step timings and import figures and rewrites generate.json after every step."""

    def __init__(self, path: Path, info: dict) -> None:
        self.path = path
        self.doc = dict(info, steps=[], imports=[], complete=False)

    def step(self, name: str, seconds: float, **extra) -> None:
        self.doc["steps"].append({"step": name, "seconds": round(seconds, 3), **extra})
        print(f"  {name}: {seconds:.1f} s", flush=True)
        self.save()

    def imported(self, row: dict) -> None:
        self.doc["imports"].append(row)
        print(f"  import {row['kind']} {row['file']}: {row['rows']:,} rows in {row['seconds']:.1f} s "
              f"({row['rows_per_s']:,.0f} rows/s)", flush=True)
        self.save()

    def save(self) -> None:
        self.doc["peak_rss_mb"] = _peak_rss_mb()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(self.path)


def write_exports(out: Path, scale: str, seed: int, skip_xlsx: bool, rec: Recorder) -> dict:
    """Write the exports with synth; returns the generator's totals. Times generation and writing separately."""
    from synth import write_demo
    from synth.write import generate, write_activity_xlsx

    preset = scale_preset(scale)
    t0 = time.perf_counter()
    data = generate(seed=seed, scale=preset)
    activity, as_of, until_year = data.activity, data.as_of, data.until_year
    del data
    rec.step("synth: generate activity", time.perf_counter() - t0)

    t0 = time.perf_counter()
    if skip_xlsx:
        write_activity_csv(activity, out / ACTIVITY_CSV)
        (out / ACTIVITY_XLSX).unlink(missing_ok=True)
        rec.step("synth: write activity CSV", time.perf_counter() - t0, rows=activity.height)
    else:
        write_activity_xlsx(activity, out / ACTIVITY_XLSX, as_of)
        rec.step("synth: write activity XLSX", time.perf_counter() - t0, rows=activity.height)
    del activity

    # the other exports (ledger CSV etc.) through write_demo itself, from the same (seed, scale, as_of)
    t0 = time.perf_counter()
    totals = write_demo(out, seed=seed, until_year=until_year, scale=preset, as_of=as_of, write_activity=False)
    rec.step("synth: generate + write other exports", time.perf_counter() - t0, rows_ledger=totals["ledger"]["rows"])
    return totals


def import_all(out: Path, db_path: Path, skip_xlsx: bool, rec: Recorder, ledger_prefix: int | None) -> None:
    from synth.load import extraction_date

    as_of = extraction_date(out)
    remove_database(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for kind, name, mapping, synthetic, source in file_list(skip_xlsx):
        path = out / name
        if kind == "ledger" and ledger_prefix:
            prefix = out / f"prefix_{ledger_prefix}_{name}"
            _ledger_prefix(path, prefix, ledger_prefix)
            path = prefix
        if not path.exists():
            print(f"  skip {name}: not written (see synth warnings)", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        result = import_file(kind, path, db_path, mapping_name=mapping, kommunekode=DEMO_KOMMUNE,
                             synthetic=synthetic, source=source, data_date=as_of if kind == "activity" else None)
        secs = time.perf_counter() - t0
        rec.imported({
            "kind": kind, "file": path.name, "format": path.suffix.lstrip(".").lower(), "mapping": mapping,
            "bytes": path.stat().st_size, "rows": result.rows_read, "rows_loaded": result.rows_loaded,
            "seconds": round(secs, 3), "rows_per_s": round(result.rows_read / secs, 1) if secs > 0 else None,
        })
        if kind == "ledger" and ledger_prefix:
            path.unlink(missing_ok=True)
            rec.doc["note"] = f"ledger prefix of {ledger_prefix:,} rows only; the other files were not imported"
            return


def generate_scale(scale: str, out: Path | None = None, db_path: Path | None = None, seed: int = 42,
                   skip_xlsx: bool = False, reuse_exports: bool = False, ledger_prefix: int | None = None) -> dict:
    """Write (or reuse) the exports and import them; returns the generate.json document."""
    out = Path(out or default_out(scale))
    db_path = Path(db_path or default_db(scale))
    out.mkdir(parents=True, exist_ok=True)
    try:
        previous = json.loads((out / "generate.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = None
    rec = Recorder(out / "generate.json", {
        "scale": scale, "seed": seed, "out": str(out), "db": str(db_path),
        "activity_format": "csv" if skip_xlsx else "xlsx",
        "activity_mapping": " + ".join(m for k, name, m, *_ in file_list(skip_xlsx) if k == "activity"),
        "date": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine_info(),
    })
    t_all = time.perf_counter()
    activity_file = out / (ACTIVITY_CSV if skip_xlsx else ACTIVITY_XLSX)
    totals_path = out / "totals.json"
    reusable = False
    if reuse_exports and totals_path.exists() and activity_file.exists() and (out / LEDGER_FILE).exists():
        gen = json.loads(totals_path.read_text(encoding="utf-8"))["generator"]
        want = scale_preset(scale)
        reusable = gen["seed"] == seed and gen["scale"]["citizens"] == want.citizens \
            and gen["scale"]["cost_centres"] == want.cost_centres
    if reusable:
        print(f"reusing the exports in {out}", flush=True)
        totals = json.loads(totals_path.read_text(encoding="utf-8"))
        rec.doc["exports_reused"] = True
        # keep the synth timings of the run that wrote the exports
        if previous is not None:
            rec.doc["steps"] = [dict(st, reused_from=previous.get("date")) for st in previous.get("steps", [])
                                if st["step"].startswith("synth")]
    else:
        print(f"writing {scale} exports to {out}", flush=True)
        totals = write_exports(out, scale, seed, skip_xlsx, rec)
    rec.doc["generator"] = {"ledger_rows": totals["ledger"]["rows"], "activity_rows": totals["activity"]["rows"],
                            "activity_citizens": totals["activity"]["citizens"], **totals["generator"]}
    print(f"importing into {db_path}", flush=True)
    import_all(out, db_path, skip_xlsx, rec, ledger_prefix)
    rec.doc["seconds_total"] = round(time.perf_counter() - t_all, 3)
    rec.doc["complete"] = not ledger_prefix
    rec.save()
    return rec.doc


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", choices=SCALES, default="demo")
    p.add_argument("--out", type=Path, default=None, help=f"export folder (default {DATA_DIR}/<scale>)")
    p.add_argument("--db", type=Path, default=None, help=f"database (default {DATA_DIR}/<scale>.duckdb)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--skip-xlsx", action="store_true",
                   help="write the activity as canonical CSV (mapping standard) instead of the case-system XLSX")
    p.add_argument("--reuse-exports", action="store_true",
                   help="reuse exports already in --out when they were written with the same seed and scale")
    p.add_argument("--ledger-prefix", type=int, default=None, metavar="N",
                   help="import only the first N ledger rows and stop (throughput probe)")
    args = p.parse_args(argv)
    try:
        doc = generate_scale(args.scale, args.out, args.db, args.seed, args.skip_xlsx, args.reuse_exports,
                             args.ledger_prefix)
    except ImportRejected as exc:
        print("\n".join(exc.report.lines()), file=sys.stderr)
        return 1
    print(f"done in {doc['seconds_total']:.1f} s; figures in {Path(doc['out']) / 'generate.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
