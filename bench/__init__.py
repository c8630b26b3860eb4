"""Benchmark suite: scale data (bench.generate) and the timing harness (bench.run).

`python -m bench.generate --scale demo|large` writes the synthetic exports at that scale and loads them
through the real importer into bench/data/<scale>.duckdb, timing every step (bench/data/<scale>/generate.json).
`python -m bench.run --scale demo|large` measures the page loaders against hand-written baselines, the
decomposition, import throughput, the app's peak memory and the time to first render, and writes
bench/RESULTS.md and bench/results.json. Nothing here is imported by the app.
"""
from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
SCALES = ("demo", "large")


def default_out(scale: str) -> Path:
    """Folder of the exports and generate.json for a scale."""
    return DATA_DIR / scale


def default_db(scale: str) -> Path:
    """Database the benchmark generates for a scale."""
    return DATA_DIR / f"{scale}.duckdb"


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _proc_value(path: str, key: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.split(":", 1)[0].strip() == key:
                    return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def machine_info() -> dict:
    """What the figures were measured on: cores, memory, CPU model and the library versions."""
    mem_kb = _proc_value("/proc/meminfo", "MemTotal")
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        nproc = os.cpu_count()
    return {
        "nproc": nproc,
        "memory_gb": round(int(mem_kb.split()[0]) / 1024 / 1024, 1) if mem_kb else None,
        "cpu_model": _proc_value("/proc/cpuinfo", "model name") or platform.processor() or None,
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "duckdb": _version("duckdb"),
        "polars": _version("polars"),
        "pandas": _version("pandas"),
        "streamlit": _version("streamlit"),
    }


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """Peak resident set size (VmHWM) of a process in MB, from /proc/<pid>/status."""
    value = _proc_value(f"/proc/{pid}/status", "VmHWM")
    return round(int(value.split()[0]) / 1024, 1) if value else None
