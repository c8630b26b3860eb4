"""An import in a separate process with a memory bound, reporting its progress (the Data page's way).

The app's server process must survive any file a user uploads, so the Data page never imports in it:
run_import starts ``python -m ingest.worker`` with the import's arguments, reads its progress (phase and
rows or bytes done, one JSON line each on the child's stdout) and its outcome (the last JSON line), and
watches the child's memory. The bounds, from data/reference/import_limits.toml [worker]:

* the child limits its own address space (RLIMIT_AS) to memory_limit_mb + address_space_slack_mb before it
  imports anything heavy, so an allocation beyond it fails in the child (MemoryError, DuckDB's out of
  memory error, or an abort) instead of growing into the server's memory;
* DuckDB's memory_limit in the child is duckdb_memory_limit_mb (it spills to disk below it);
* the parent stops the child (SIGKILL) when its resident memory passes memory_limit_mb.

Whatever happens in the child, the current database is unchanged unless the import succeeded (ingest.db
swaps in a complete version only), and the outcome says what happened in one message.
"""
from __future__ import annotations

import json
import os
import queue
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import settings
from i18n import current_language, t, use_language

REPO_DIR = settings.REPO_DIR
# what running out of address space says on stderr (Python, Rust's allocator and thread pools, C++, jemalloc, the
# dynamic loader)
_MEMORY_WORDS = re.compile(r"MemoryError|memory allocation|bad_alloc|cannot allocate|out of memory|"
                           r"could not spawn threads|can't spawn worker thread|thread creation failed|"
                           r"failed to map segment", re.I)
UPLOAD_SUFFIXES = (".csv", ".txt", ".xlsx")
POLL_SECONDS = 0.1
PROGRESS_SECONDS = 0.25       # the child reports a running count at most this often


@dataclass
class Outcome:
    """What became of an import run by run_import.

    status: ok | rejected | conflict | fault | memory | died; exit_code as the command line's (README,
    "Exit codes"; died: 8); lines: the summary (ok) or the problems (otherwise, from the importer, in
    the language run_import was given); identical: a conflict with rows already loaded (only replacing makes sense); peak_mb: the
    child's peak resident memory."""

    status: str
    exit_code: int
    lines: list[str] = field(default_factory=list)
    identical: bool = False
    peak_mb: float = 0.0
    signal: int | None = None

    def text(self) -> str:
        return "\n".join([f"[{self.status}, exit {self.exit_code}, peak {self.peak_mb:,.0f} MB]", *self.lines])


def stage_upload(data: bytes, name: str, folder: Path) -> Path:
    """Write an uploaded file into `folder` under a fixed name, and return its path. The user's file name
    is never part of the path (an absolute name or one with '../' would write elsewhere): only its suffix
    is used, when it is one the page accepts, because the importer tells CSV from XLSX by it. The name
    itself is display text for the importer (file_name)."""
    suffix = Path(name.replace("\\", "/")).suffix.lower()
    path = Path(folder) / ("upload" + (suffix if suffix in UPLOAD_SUFFIXES else ".csv"))
    path.write_bytes(data)
    return path


def rss_mb(pid: int) -> float:
    """Resident memory of a running process in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_import(kind: str, path: Path, db_path: Path, *, display_name: str, mapping_name: str | None = "standard",
               replace: bool = False, add_overlapping: bool = False, kommunekode: int | None = None,
               on_progress: Callable[[str, int | None, int | None], None] | None = None,
               language: str | None = None, dry_run: bool = False) -> Outcome:
    """Import `path` (a server-side file; display_name is the user's name for it, text only) in a child
    process bounded as the module docstring says; on_progress(phase, done, total) is called in this
    thread as the child reports. The messages are in `language` (None: this thread's current language,
    the page's). dry_run: everything is done and checked, nothing is kept (the preview's outcome says what
    the import would load and replace)."""
    from ingest.limits import current

    limits = current()
    spec = {"kind": kind, "path": str(path), "db": str(db_path), "display_name": display_name,
            "mapping": mapping_name, "replace": replace, "add_overlapping": add_overlapping,
            "kommunekode": kommunekode, "dry_run": dry_run, "language": language or current_language(), "address_space_mb": limits.worker_memory_limit_mb
            + limits.worker_address_space_slack_mb, "duckdb_mb": limits.worker_duckdb_memory_limit_mb}
    # the child's stderr (allocators and libraries complain loudly when the memory bound bites) goes to a
    # file, and only its last lines to this process's stderr, for an outcome other than ok
    errors = tempfile.TemporaryFile()
    child = subprocess.Popen([sys.executable, "-m", "ingest.worker", json.dumps(spec)], cwd=REPO_DIR,
                             stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        outcome = _watch(child, limits, on_progress, spec["language"])
    finally:
        # the page was left or rerun mid-import (or the watch failed): the import stops with the page; its
        # half-written version is removed by the next import
        if child.poll() is None:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            child.wait()
    if outcome.status != "ok":
        errors.seek(max(0, os.fstat(errors.fileno()).st_size - 4096))
        tail = errors.read().decode("utf-8", "replace").splitlines()[-10:]
        if outcome.status == "died" and any(_MEMORY_WORDS.search(line) for line in tail):
            # an allocation beyond the address-space bound that the child could not turn into a message itself
            # (an abort in a library, or a MemoryError while it was starting)
            outcome = Outcome("memory", 7, [t("import.worker.out_of_address_space", lang=spec["language"],
                                              limit=f"{spec['address_space_mb']:,}".replace(",", "."))],
                              peak_mb=outcome.peak_mb, signal=outcome.signal)
        if tail:
            print(f"ingest.worker: {outcome.status} (exit {outcome.exit_code}); the child's last stderr lines:\n  "
                  + "\n  ".join(tail), file=sys.stderr)
    errors.close()
    return outcome


def _watch(child: subprocess.Popen, limits, on_progress, language: str) -> Outcome:
    """Read the child's progress and outcome, and stop it when its memory passes the bound."""
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for raw in child.stdout:
            lines.put(raw)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    result: dict | None = None
    killed = eof = False
    peak = 0.0

    def take(raw: bytes) -> None:
        nonlocal result
        try:
            message = json.loads(raw)
        except ValueError:
            return
        if "progress" in message and on_progress is not None:
            on_progress(message["progress"], message.get("done"), message.get("total"))
        elif "status" in message:
            result = message

    while True:
        try:
            raw = lines.get(timeout=POLL_SECONDS)
        except queue.Empty:
            raw = b""
        if raw is None:
            eof = True
        elif raw:
            take(raw)
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        rss = rss_mb(child.pid)
        peak = max(peak, rss)
        if not killed and rss > limits.worker_memory_limit_mb:
            killed = True
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    while not eof:                                  # the last lines the child wrote
        try:
            raw = lines.get(timeout=10)
        except queue.Empty:
            break
        if raw is None:
            break
        take(raw)
    child.stdout.close()
    peak = max(peak, usage.ru_maxrss / 1024 if usage is not None else 0.0)
    code = os.waitstatus_to_exitcode(status)
    if killed:
        return Outcome("memory", 7, [t("import.worker.over_memory", lang=language,
                                       limit=f"{limits.worker_memory_limit_mb:,}".replace(",", "."))], peak_mb=peak)
    if result is not None:
        return Outcome(result["status"], result["code"], result.get("lines", []), result.get("identical", False),
                       peak_mb=peak)
    if code < 0 or code == 134:
        sig = -code if code < 0 else signal.SIGABRT
        return Outcome("died", 8, [t("import.worker.died_signal", lang=language, signal=sig)],
                       peak_mb=peak, signal=sig)
    return Outcome("died", 8, [t("import.worker.died_exit", lang=language, code=code)], peak_mb=peak)


# --- the child --------------------------------------------------------------------------------------

def _emit(message: dict) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when the process that started it ends (PR_SET_PDEATHSIG), so an import
    never outlives the app that asked for it."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:
        os._exit(8)


def _child(spec: dict) -> int:
    _die_with_parent()
    limit = spec["address_space_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # heavy modules only after the bound is set
    from ingest.importer import import_file

    last = {"phase": None, "at": 0.0}

    def progress(phase: str, done: int | None = None, total: int | None = None) -> None:
        now = time.monotonic()
        if phase == last["phase"] and now - last["at"] < PROGRESS_SECONDS and done != total:
            return
        last.update(phase=phase, at=now)
        _emit({"progress": phase, "done": done, "total": total})

    with use_language(spec["language"]):
        return _import(spec, import_file, progress)


def _import(spec: dict, import_file, progress) -> int:
    """The child's import and its outcome on stdout, in the current language (the page's)."""
    from ingest.report import ImportConflict, ImportFault, ImportRejected, OutOfMemory

    try:
        result = import_file(spec["kind"], Path(spec["path"]), Path(spec["db"]), mapping_name=spec["mapping"],
                             replace=spec["replace"], add_overlapping=spec["add_overlapping"],
                             kommunekode=spec["kommunekode"], file_name=spec["display_name"], progress=progress,
                             memory_limit_mb=spec["duckdb_mb"], dry_run=spec.get("dry_run", False))
    except ImportConflict as exc:
        _emit({"status": "conflict", "code": exc.exit_code, "lines": exc.lines(), "identical": exc.identical})
        return exc.exit_code
    except ImportRejected as exc:
        _emit({"status": "rejected", "code": exc.exit_code, "lines": exc.lines()})
        return exc.exit_code
    except OutOfMemory as exc:
        _emit({"status": "memory", "code": exc.exit_code, "lines": exc.lines()})
        return exc.exit_code
    except ImportFault as exc:
        _emit({"status": "fault", "code": exc.exit_code, "lines": exc.lines()})
        return exc.exit_code
    except MemoryError:
        _emit({"status": "memory", "code": 7, "lines": [t("import.worker.out_of_memory")]})
        return 7
    _emit({"status": "ok", "code": 0, "lines": result.summary().splitlines()})
    return 0


if __name__ == "__main__":
    sys.exit(_child(json.loads(sys.argv[1])))
