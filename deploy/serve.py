"""Serve the dashboard from several Streamlit processes behind nginx: one process per core.

    python -m deploy.serve [--workers N] [--port 8501] [--address 127.0.0.1]     (make serve)

Why: a Streamlit server runs every session's script in one Python process, so it uses one core however
many the machine has (the scripts hold the GIL). With N processes behind nginx the server answers about N
times as many sessions (issue 12, bench/sessions.py --workers).

How: N workers (`streamlit run app.py` on free ports of 127.0.0.1) and nginx in front on --address:--port.
A browser keeps to one worker: nginx routes by a cookie (`dashboard_worker`) that it sets on the first
response; a Streamlit session (its websocket, its uploads and downloads) lives in one process, so every
request of a browser must reach the same one. The workers share one cookie secret (Streamlit's XSRF
token). A worker that stops is started again on its port and the restart is logged (its browsers
reconnect and start new sessions). Each worker reads the same database (read-only; an import swaps the link
and every worker serves the new version on its next run), keeps its own caches, and uses ~300-400 MB.

nginx comes from Debian (`apt-get install nginx-light`); the workers need nothing else.
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import settings
from deploy.processes import Server, ServerDidNotStart, free_port, streamlit_server

COOKIE = "dashboard_worker"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
MAX_UPLOAD_MB = 200   # Streamlit's default server.maxUploadSize
MAX_RESTARTS, RESTART_WINDOW_S = 5, 300.0   # a worker that keeps stopping is a fault to look at, not to hide


def nginx_config(address: str, port: int, worker_ports: list[int], workdir: Path) -> str:
    """The nginx configuration: listen on address:port, route each browser to one worker by the
    ``dashboard_worker`` cookie (a new browser: by the request id, which then becomes its cookie; the same
    string hashes to the same worker), pass websockets through, write nothing outside ``workdir``."""
    servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=0;" for p in worker_ports)
    w = workdir
    return f"""worker_processes 1;
pid {w}/nginx.pid;
error_log {w}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {w}/client_body;
  proxy_temp_path {w}/proxy;
  fastcgi_temp_path {w}/fastcgi;
  uwsgi_temp_path {w}/uwsgi;
  scgi_temp_path {w}/scgi;
  client_max_body_size {MAX_UPLOAD_MB}m;
  map $cookie_{COOKIE} $dashboard_route {{
    "" $request_id;
    default $cookie_{COOKIE};
  }}
  map $http_upgrade $connection_upgrade {{
    default upgrade;
    "" close;
  }}
  upstream dashboard_workers {{
    hash $dashboard_route consistent;
{servers}
  }}
  server {{
    listen {address}:{port};
    location / {{
      proxy_pass http://dashboard_workers;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 1d;
      proxy_send_timeout 1d;
      proxy_buffering off;
      add_header Set-Cookie "{COOKIE}=$dashboard_route; Path=/; HttpOnly; SameSite=Lax" always;
    }}
  }}
}}
"""


def find_nginx() -> str | None:
    """The nginx binary: on PATH, else in the usual places (Debian puts it in /usr/sbin, often not on a
    user's PATH), else None."""
    found = shutil.which("nginx")
    if found:
        return found
    return next((p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None)


@dataclass
class Cluster:
    url: str                  # nginx, what users open
    workers: list[Server]
    nginx: subprocess.Popen
    workdir: Path
    start_worker: Callable[[int], Server] | None = None   # a new worker on the given port

    @property
    def pids(self) -> list[int]:
        return [w.proc.pid for w in self.workers]

    def restart_stopped(self, log: Callable[[str], None]) -> list[str]:
        """Start every worker that has stopped again on its own port, where nginx keeps sending its browsers
        (their sessions are lost: they reconnect and start a new one); say so through ``log``, with the end
        of the stopped worker's output. Returns the restarted workers' urls. Raises ServerDidNotStart when
        one does not come up again."""
        restarted = []
        for i, worker in enumerate(self.workers):
            code = worker.proc.poll()
            if code is None or self.start_worker is None:
                continue
            tail = worker.log_tail(1500).strip()
            log(f"worker {worker.url} (pid {worker.proc.pid}) stopped with exit code {code}; starting it again"
                + (f"; its last output:\n{tail}" if tail else ""))
            self.workers[i] = self.start_worker(int(worker.url.rsplit(":", 1)[1]))
            log(f"worker {worker.url} running again (pid {self.workers[i].proc.pid})")
            restarted.append(worker.url)
        return restarted


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float, log_path: Path) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                return
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                log = log_path.read_text(errors="replace")[-2000:] if log_path.exists() else ""
                raise ServerDidNotStart(f"nginx did not start on {url}: {log}") from None
            time.sleep(0.2)


@contextmanager
def cluster(db: Path | str, workers: int, address: str = "127.0.0.1", port: int | None = None,
            extra_args: list[str] | None = None, env: dict[str, str] | None = None,
            start_timeout: float = 120) -> Iterator[Cluster]:
    """Start ``workers`` Streamlit processes on ``db`` and nginx in front of them on address:port (a free
    port when None); yield the Cluster and stop everything afterwards."""
    nginx = find_nginx()
    if nginx is None:
        raise ServerDidNotStart("nginx is not installed (Debian: apt-get install nginx-light); "
                                "`make run` serves the dashboard from one process without it")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    # Streamlit takes the secret only from its config or the environment, never from the command line
    worker_env = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32), **(env or {})}
    args = list(extra_args or [])
    with ExitStack() as stack:
        servers = [stack.enter_context(streamlit_server(db, args, start_timeout=start_timeout, env=worker_env))
                   for _ in range(workers)]
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dashboard-nginx-")))
        port = port or free_port()
        ports = [int(s.url.rsplit(":", 1)[1]) for s in servers]
        (workdir / "nginx.conf").write_text(nginx_config(address, port, ports, workdir), encoding="utf-8")
        proc = subprocess.Popen([nginx, "-p", str(workdir), "-e", str(workdir / "error.log"),
                                 "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            host = "127.0.0.1" if address in ("0.0.0.0", "::") else address
            url = f"http://{host}:{port}"
            _wait_healthy(url, proc, start_timeout, workdir / "error.log")
            yield Cluster(url, servers, proc, workdir, start_worker=lambda worker_port: stack.enter_context(
                streamlit_server(db, args, start_timeout=start_timeout, env=worker_env, port=worker_port)))
        finally:
            proc.send_signal(signal.SIGQUIT)    # graceful: finish open requests
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n\n")[0])
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="Streamlit processes (default: one per core, here %(default)s)")
    p.add_argument("--address", default="127.0.0.1", help="where nginx listens (default %(default)s)")
    p.add_argument("--port", type=int, default=8501, help="nginx's port (default %(default)s)")
    p.add_argument("--db", type=Path, default=None, help="the database (default: $DASHBOARD_DB, else the demo)")
    args = p.parse_args(argv)
    db = args.db or settings.database_path()
    stop = {"now": False}

    def _stop(*_) -> None:
        stop["now"] = True
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    restarts: list[float] = []
    try:
        with cluster(db, args.workers, args.address, args.port) as c:
            print(f"dashboard on {c.url} ({args.workers} workers, database {db}); Ctrl+C stops it", flush=True)
            while not stop["now"]:
                if c.nginx.poll() is not None:
                    print("nginx has stopped: see its log above", file=sys.stderr)
                    return 1
                now = time.monotonic()
                restarts = [t for t in restarts if now - t < RESTART_WINDOW_S]
                if len(restarts) >= MAX_RESTARTS:
                    print(f"{len(restarts)} worker restarts within {RESTART_WINDOW_S:.0f} s: stopping", file=sys.stderr)
                    return 1
                restarts += [now for _ in c.restart_stopped(lambda msg: print(msg, file=sys.stderr, flush=True))]
                time.sleep(0.5)
    except ServerDidNotStart as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
