"""Hostile import files (small files that cost a lot) and their peak memory and time through the importer.

    python -m bench.hostile [--out DIR] [--cap-gb 6] [--timeout 180] [--only NAME ...] [--data-page]

Each probe is written by a generator below (the tests use the same generators at smaller sizes) and
imported into a fresh copy of a small database in a child process (``python -m ingest``, or with
--data-page the Data page's bounded worker, ingest.worker), one at a time. The child's peak RSS comes
from wait4 (the kernel's high-water mark, which a child inherits from its parent at fork: so this process
stays small, and writes the files and the base database in children of its own), and a watchdog kills
it when its RSS passes --cap-gb or its time --timeout, so a probe can never take the machine down; a
killed probe is reported as "> cap" or "> timeout". --repo runs the importer of another source tree (a
`git archive` of an older commit) for before/after figures. Results go to stdout as a Markdown table
(copied into docs/import-safety.md).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.worker import rss_mb   # stdlib only: this process stays small (see above)

REPO = Path(__file__).resolve().parent.parent
LEDGER_HEADER = "kommunekode;aar;maaned;konto;art;beloebstype;beloeb"
ACTIVITY_HEADER = ("borger_id;sag_id;paragraf;ydelse;funktion;leverandoer;leverandoertype;startdato;slutdato;takst;"
                   "takstenhed;niveau")


# --- generators ---------------------------------------------------------------------------------

def wide_ledger_csv(path: Path, extra_columns: int = 5000, rows: int = 12) -> Path:
    """A valid ledger CSV with `extra_columns` empty columns after the canonical ones (a few KB to 79 KB)."""
    header = LEDGER_HEADER + "".join(f";x{i}" for i in range(extra_columns))
    body = "".join(f"999;2023;{1 + i % 12};5.38.50.1.003;4.0;regnskab;{100 + i},00" + ";" * extra_columns + "\n"
                   for i in range(rows))
    path.write_text(header + "\n" + body, encoding="utf-8")
    return path


def activity_csv(path: Path, rows: int, start: str = "01-01-2023", providers: int = 1) -> Path:
    """A valid activity CSV: `rows` open-ended measures starting on `start`, one citizen each, spread over
    `providers` distinct providers."""
    lines = [ACTIVITY_HEADER]
    for i in range(rows):
        lines.append(f"B{i:07d};S{i};SEL § 108;Botilbud;5.38.50;Leverandør {i % providers:06d};privat;{start};;"
                     f"1.000,00;dag;2")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ancient_activity_csv(path: Path, rows: int = 2000) -> Path:
    """2.000 measures starting in year 1 (01-01-0001) and still running."""
    return activity_csv(path, rows, start="01-01-0001")


def many_providers_activity_csv(path: Path, providers: int = 100_000) -> Path:
    """One measure per provider, `providers` distinct providers, all from 2019 and still running."""
    return activity_csv(path, providers, start="01-01-2019", providers=providers)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                  'worksheet" Target="worksheets/sheet1.xml"/>'
                  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                  'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = "</sheetData></worksheet>"


def _xlsx(path: Path, shared: Callable[[object], None], sheet: Callable[[object], None]) -> Path:
    """A minimal xlsx whose shared strings and sheet XML are streamed by the two writers (deflated, so a
    huge inflated part stays a small file)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        for name, writer in (("xl/sharedStrings.xml", shared), ("xl/worksheets/sheet1.xml", sheet)):
            with z.open(name, "w", force_zip64=True) as part:
                writer(part)
    return path


def _chunked(part, pieces) -> None:
    buf: list[str] = []
    for piece in pieces:
        buf.append(piece)
        if len(buf) >= 10_000:
            part.write("".join(buf).encode("utf-8"))
            buf.clear()
    part.write("".join(buf).encode("utf-8"))


def _header_sheet(part, extra_rows: int = 0) -> None:
    """A sheet with the activity header (shared strings 0-11) and `extra_rows` rows of one shared string."""
    cells = "".join(f'<c t="s"><v>{i}</v></c>' for i in range(12))
    _chunked(part, [_SHEET_HEAD, f"<row r=\"1\">{cells}</row>",
                    *(f'<row r="{r}"><c t="s"><v>0</v></c></row>' for r in range(2, extra_rows + 2)), _SHEET_TAIL])


def _shared(part, count: int) -> None:
    names = ACTIVITY_HEADER.split(";")
    _chunked(part, ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" '
                    f'uniqueCount="{count}">', *(f"<si><t>{names[i]}</t></si>" for i in range(12)),
                    *(f"<si><t>s{i}</t></si>" for i in range(count - 12)), "</sst>"])


def shared_strings_bomb_xlsx(path: Path, strings: int = 5_000_000) -> Path:
    """An xlsx of a few MB whose shared-strings table holds `strings` strings (each held in memory by
    openpyxl before the first row is read)."""
    return _xlsx(path, lambda p: _shared(p, strings), lambda p: _header_sheet(p))


def many_rows_xlsx(path: Path, rows: int = 3_000_000) -> Path:
    """An xlsx of a few MB with the activity header and `rows` rows of one cell."""
    return _xlsx(path, lambda p: _shared(p, 12), lambda p: _header_sheet(p, rows))


@dataclass(frozen=True)
class Probe:
    name: str
    kind: str
    file_name: str
    write: Callable[[Path], Path]
    what: str


PROBES = (
    Probe("wide_ledger_1000", "ledger", "wide_1000.csv", lambda p: wide_ledger_csv(p, 1000, 40),
          "ledger CSV, 7 + 1.000 columns, 40 rows"),
    Probe("wide_ledger_5000", "ledger", "wide_5000.csv", lambda p: wide_ledger_csv(p, 5000, 9),
          "ledger CSV, 7 + 5.000 columns, 9 rows"),
    Probe("ancient_activity", "activity", "ancient.csv", ancient_activity_csv,
          "activity CSV, 2.000 measures from 01-01-0001"),
    Probe("providers_activity", "activity", "providers.csv", many_providers_activity_csv,
          "activity CSV, 100.000 measures at 100.000 providers"),
    Probe("xlsx_shared_strings", "activity", "shared.xlsx", shared_strings_bomb_xlsx,
          "activity XLSX, 5.000.000 shared strings"),
    Probe("xlsx_rows", "activity", "rows.xlsx", many_rows_xlsx,
          "activity XLSX, 3.000.000 rows"),
)


# --- measuring ----------------------------------------------------------------------------------

@dataclass
class Outcome:
    probe: Probe
    file_bytes: int
    seconds: float
    peak_mb: float
    exit: str
    message: str


def run_probe(probe: Probe, work: Path, base_db: Path, cap_gb: float, timeout: float, data_page: bool,
              repo: Path = REPO) -> Outcome:
    """Import the probe's file into a copy of base_db in a child process, watched for memory and time."""
    path = work / probe.file_name
    subprocess.run([sys.executable, "-m", "bench.hostile", "--write", probe.name, str(path)], cwd=REPO, check=True)
    db_dir = work / f"db_{probe.name}"
    shutil.rmtree(db_dir, ignore_errors=True)
    db_dir.mkdir()
    db = db_dir / "probe.duckdb"
    shutil.copyfile(os.path.realpath(base_db), db_dir / "base.duckdb")
    os.symlink("base.duckdb", db)
    env = dict(os.environ, DASHBOARD_PSEUDONYM_KEY=str(work / "pseudonym.key"))
    if data_page:
        cmd = [sys.executable, "-m", "bench.hostile", "--worker", probe.kind, str(path), str(db)]
    else:
        cmd = [sys.executable, "-m", "ingest", probe.kind, str(path), "--db", str(db), "--kommune", "999"]
    started = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
    killed = ""
    out_path = work / f"{probe.name}.out"
    with open(out_path, "wb") as out:
        import threading

        pump = threading.Thread(target=lambda: shutil.copyfileobj(child.stdout, out), daemon=True)
        pump.start()
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.perf_counter() - started
            if not killed and rss_mb(child.pid) > cap_gb * 1024:
                killed = f"> {cap_gb:g} GB"
                os.killpg(child.pid, signal.SIGKILL)
            elif not killed and elapsed > timeout:
                killed = f"> {timeout:g} s"
                os.killpg(child.pid, signal.SIGKILL)
            time.sleep(0.05)
        pump.join(timeout=5)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    text = out_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    message = next((line.strip() for line in text if line.strip() and not line.startswith(("AFVIST", "["))), "")
    if any(line.startswith("Traceback") for line in text):
        message = next((line for line in text if re.match(r"^[\w.]*(Error|Exception)\b", line)), text[-1])
    exit_text = killed or (f"signal {-child.returncode}" if child.returncode < 0 else f"exit {child.returncode}")
    return Outcome(probe, path.stat().st_size, seconds, usage.ru_maxrss / 1024, exit_text, message[:160])


def _worker_main(kind: str, path: str, db: str) -> int:
    """--worker: the Data page's way of importing (ingest.worker), for measuring it like the CLI."""
    from ingest.worker import run_import

    outcome = run_import(kind, Path(path), Path(db), display_name=Path(path).name, kommunekode=999)
    print(outcome.text())
    return outcome.exit_code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return _worker_main(*argv[1:4])
    if argv[:1] == ["--write"]:
        next(p for p in PROBES if p.name == argv[1]).write(Path(argv[2]))
        return 0

    p = argparse.ArgumentParser(prog="python -m bench.hostile")
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--cap-gb", type=float, default=6.0)
    p.add_argument("--timeout", type=float, default=180.0)
    p.add_argument("--only", nargs="*", default=None)
    p.add_argument("--data-page", action="store_true", help="import through ingest.worker (the Data page)")
    p.add_argument("--repo", type=Path, default=REPO, help="source tree whose importer runs (default: this one)")
    args = p.parse_args(argv)
    work = args.out or Path(tempfile.mkdtemp(prefix="hostile_"))
    work.mkdir(parents=True, exist_ok=True)
    base = work / "base" / "base.duckdb"
    if not base.exists():
        subprocess.run([sys.executable, "-m", "ingest", "ledger", str(REPO / "tests" / "fixtures" / "ledger_standard.csv"),
                        "--db", str(base)], cwd=args.repo, check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, DASHBOARD_PSEUDONYM_KEY=str(work / "pseudonym.key")))
    print(f"# hostile probes {dt.datetime.now():%Y-%m-%d %H:%M}, cap {args.cap_gb:g} GB, timeout {args.timeout:g} s, "
          f"{'Data page worker' if args.data_page else 'CLI'}, importer of {args.repo}")
    print("| probe | file | seconds | peak RSS MB | result | message |")
    print("|---|---:|---:|---:|---|---|")
    for probe in PROBES:
        if args.only and probe.name not in args.only:
            continue
        o = run_probe(probe, work, base, args.cap_gb, args.timeout, args.data_page, args.repo)
        print(f"| {probe.what} | {o.file_bytes / 1024:,.0f} KB | {o.seconds:.1f} | {o.peak_mb:,.0f} | {o.exit} | "
              f"{o.message.replace('|', '/')} |", flush=True)
        shutil.rmtree(work / f"db_{probe.name}", ignore_errors=True)
        (work / probe.file_name).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
