"""One Streamlit process of the app on a free local port, for the multi-process server (deploy.serve), the
benchmark and the tests: `streamlit run app.py`.

    with streamlit_server(db) as server:
        urllib.request.urlopen(server.url + "/_stcore/health")

Nothing here is imported by the app itself.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from settings import REPO_DIR

SERVER_ARGS = ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.headless", "true",
               "--server.fileWatcherType", "none"]


class ServerDidNotStart(RuntimeError):
    pass


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    log_path: str
    start_ms: float

    def dump_stacks(self, wait: float = 3) -> str:
        """Every thread's Python stack, from faulthandler: SIGABRT ends the server (it cannot be resumed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGABRT)
            try:
                self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                pass
        log = self.log_tail(60_000)
        return log[log.find("Fatal Python error"):] if "Fatal Python error" in log else log[-4000:]

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return Path(self.log_path).read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db: Path | str, extra_args: list[str] | None = None, start_timeout: float = 120,
                     keep_log: bool = False, env: dict[str, str] | None = None,
                     port: int | None = None) -> Iterator[Server]:
    """Start `streamlit run app.py` with DASHBOARD_DB=db on a free port, wait until /_stcore/health answers,
    yield the Server and stop it (SIGTERM, then SIGKILL) afterwards. The exit code is never checked: duckdb
    2.0.0 may abort when a process ends mid-query. The server's output goes to a temporary log file, removed
    afterwards unless keep_log or the server did not start. `env`: more environment variables. `port`: this
    port instead of a free one (deploy.serve starts a stopped worker again where nginx expects it).

    The server runs with PYTHONFAULTHANDLER=1: Server.dump_stacks() writes every thread's Python stack to
    the log, also from a server whose threads are deadlocked (holding the GIL), and ends it."""
    port = port or free_port()
    log_file = tempfile.NamedTemporaryFile(prefix="bench-streamlit-", suffix=".log", delete=False)
    env = dict(os.environ, DASHBOARD_DB=str(db), PYTHONFAULTHANDLER="1", **(env or {}))
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             *SERVER_ARGS, *(extra_args or [])],
                            cwd=REPO_DIR, stdout=log_file, stderr=subprocess.STDOUT, env=env, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    started = False
    try:
        t0 = time.perf_counter()
        deadline = time.time() + start_timeout
        while True:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise ServerDidNotStart(f"streamlit did not start (see {log_file.name})") from None
                time.sleep(0.2)
        started = True
        yield Server(url, proc, log_file.name, round((time.perf_counter() - t0) * 1000, 1))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log_file.close()
        if started and not keep_log:
            os.unlink(log_file.name)
