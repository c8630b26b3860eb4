"""deploy.serve: several Streamlit processes behind nginx (issue 12). The configuration (pure), nginx's own
check of it, and a real cluster: each browser keeps to one worker, the workers share the sessions, and a
real browser works through the proxy (websocket, page switch)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest

from deploy.serve import COOKIE, cluster, find_nginx, nginx_config

NGINX = find_nginx()
CHROMIUM = "/usr/bin/chromium"


def _require_nginx() -> None:
    if NGINX is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":   # CI installs nginx with Chromium (.ci/run)
            raise RuntimeError("REQUIRE_BROWSER=1 but nginx is missing (apt-get install nginx-light)")
        pytest.skip("nginx not installed")


@pytest.mark.parametrize("address, port, workers", [
    ("127.0.0.1", 8501, [9001]),
    ("0.0.0.0", 80, [9001, 9002, 9003]),
])
def test_config_names_every_worker_and_routes_by_the_cookie(tmp_path, address, port, workers):
    conf = nginx_config(address, port, workers, tmp_path)
    assert f"listen {address}:{port};" in conf
    assert re.findall(r"server 127\.0\.0\.1:(\d+) max_fails=0;", conf) == [str(p) for p in workers]
    assert "hash $dashboard_route consistent;" in conf
    assert f"map $cookie_{COOKIE} $dashboard_route" in conf and '"" $request_id;' in conf
    assert f'Set-Cookie "{COOKIE}=$dashboard_route;' in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf           # websockets pass through
    # nothing is written outside the work folder
    for path in re.findall(r"(?:pid|error_log|_temp_path) (\S+?);?$", conf, flags=re.M):
        assert path.startswith(str(tmp_path)), path


def test_nginx_accepts_the_config(tmp_path):
    _require_nginx()
    (tmp_path / "nginx.conf").write_text(nginx_config("127.0.0.1", 18501, [19001, 19002], tmp_path))
    out = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
                          "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _agent(url: str, body: dict, route: str) -> dict:
    req = urllib.request.Request(url + "/_stcore/agent/interact", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", "Cookie": f"{COOKIE}={route}"})
    with urllib.request.urlopen(req, timeout=120) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def two_workers(demo_db):
    _require_nginx()
    with cluster(demo_db, 2, extra_args=["--server.enableAgentApi", "true", "--server.agentWaitTimeout", "90"]) as c:
        yield c


def test_a_new_browser_gets_a_worker_cookie(two_workers):
    with urllib.request.urlopen(two_workers.url + "/_stcore/health", timeout=30) as response:
        cookies = response.headers.get_all("Set-Cookie")
    assert any(re.fullmatch(rf"{COOKIE}=[0-9a-f]{{32}}; Path=/; HttpOnly; SameSite=Lax", c) for c in cookies), cookies


def test_sessions_keep_to_one_worker_and_both_workers_serve(two_workers):
    before = [_cpu_seconds(p) for p in two_workers.pids]
    for i in range(8):
        route = f"{i:032x}"
        first = _agent(two_workers.url, {"page": ""}, route)
        assert first["status"] == "ready", first.get("status")
        # the session lives in one process: the next request of the same browser must reach it
        second = _agent(two_workers.url, {"page": "udvikling", "session_id": first["session_id"]}, route)
        assert second["status"] == "ready" and second["session_id"] == first["session_id"]
        assert second["page"]["title"] == "Udgiftsudvikling"
    used = [_cpu_seconds(p) - b for p, b in zip(two_workers.pids, before)]
    assert min(used) > 0.2, f"CPU seconds per worker: {used} (one worker got every session)"


@pytest.mark.browser
def test_a_browser_works_through_the_proxy(two_workers):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    ready = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            page.goto(two_workers.url, timeout=60_000)
            page.wait_for_selector(ready, timeout=60_000)
            assert page.get_by_role("heading", name="Overblik").first.is_visible()
            page.get_by_role("link", name="Udgiftsudvikling").first.click()
            page.get_by_role("heading", name="Udgiftsudvikling").first.wait_for(timeout=60_000)
            page.wait_for_selector(ready, timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0
            cookies = {c["name"]: c["value"] for c in page.context.cookies()}
            assert re.fullmatch(r"[0-9a-f]{32}", cookies.get(COOKIE, ""))
        finally:
            browser.close()


def test_a_stopped_worker_is_started_again_on_its_port_and_logged(demo_db):
    """deploy.serve's supervision: a worker that dies (here: SIGKILL) is started again on the same port, the
    restart is logged, and the browsers routed to it are served again through nginx."""
    import signal

    _require_nginx()
    with cluster(demo_db, 2) as c:
        dead = c.workers[0]
        dead.proc.send_signal(signal.SIGKILL)
        dead.proc.wait(30)
        lines: list[str] = []
        assert c.restart_stopped(lines.append) == [dead.url]
        assert c.workers[0].url == dead.url and c.workers[0].proc.pid != dead.proc.pid
        assert c.workers[0].proc.poll() is None and c.workers[1].proc.poll() is None
        assert any(f"{dead.url} (pid {dead.proc.pid}) stopped with exit code -9" in line for line in lines), lines
        assert c.restart_stopped(lines.append) == []                      # nothing else stopped
        for i in range(6):                                                 # each worker answers through nginx
            req = urllib.request.Request(c.url + "/_stcore/health", headers={"Cookie": f"{COOKIE}={i:032x}"})
            with urllib.request.urlopen(req, timeout=60) as response:
                assert response.status == 200
