"""Many users at once (issue 12): N browser sessions click through the app on one server at the same time.

    python -m bench.sessions --scale large [--db PATH] [--sessions 5 10 20] [--think 1.0] [--cap 600]
                             [--out bench/RESULTS.md]

One server (`streamlit run app.py`, bench.server) on the database; one headless Chromium with a context (a
fresh profile, so a fresh Streamlit session) per simulated user. After one warm-up session (the server's
caches are filled, as after the first user of the day), each round starts N sessions at once (each 0-1 s
later than the previous, deterministic), and each runs SCRIPT: page visits and widget changes, with `--think`
seconds between interactions. An interaction is timed in the client from the action (goto, click on a link
or radio option, click on a selectbox option after opening it and typing) until the server's message that the
script run it caused has finished arrives at the browser (ForwardMsg script_finished on the websocket): the
server's response time as a user sees it, queueing included. *Shown* = until the page also shows it (stApp
notRunning, status widget gone): that adds the rendering by a Chromium that shares the server's cores with
the other sessions' browsers, which real users' own machines do not. Then the step's check must hold (the
page's title, no exception). An interaction that takes longer than STEP_TIMEOUT_S, a failed check, or a session still running
when the round's --cap ends counts as an error. Meanwhile the server's CPU (utime + stime from /proc, in % of
one core) and RSS, and the Chromium processes' CPU, are sampled every 0.5 s.

`--clients server` runs the same script without a browser, through the server's agent API
(`/_stcore/agent/interact`, enabled for this server only): each request returns when the run it caused has
finished, so that round times the server alone, while the browser rounds also include 1-20 Chromium renderers
competing with the server for the same cores.

Results go to results.json next to --out (key "sessions", merged per scale) and RESULTS.md is rewritten from
it (bench.report.render_markdown), like `python -m bench.run`.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench import BENCH_DIR, REPO_DIR, SCALES, machine_info
from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.report import MERGED_LISTS, evaluate_targets, render_markdown
from bench.run import resolve_db
from deploy.processes import streamlit_server
from deploy.serve import COOKIE, cluster
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

TARGET_P95_MS = 1500.0
# many pages in one headless Chromium: without these, pages other than the focused one get their timers and
# animation frames throttled, which stalls Playwright's actionability checks and the app's own rendering
SESSION_CHROMIUM_ARGS = CHROMIUM_ARGS + ["--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                                         "--disable-backgrounding-occluded-windows"]
STEP_TIMEOUT_S = 60.0
# installed before Streamlit's scripts: counts the script runs that ended (stApp's state going from running
# to notRunning; each mutation record's oldValue gives every step, also of two changes in one batch)
RUN_COUNTER_JS = """
window.__runs = 0;
new MutationObserver((records) => {
  const changes = records.filter(r => r.attributeName === 'data-test-script-state'
                                      && r.target.getAttribute('data-testid') === 'stApp');
  changes.forEach((r, i) => {
    const after = i + 1 < changes.length ? changes[i + 1].oldValue : r.target.getAttribute(r.attributeName);
    if (r.oldValue === 'running' && after === 'notRunning') window.__runs += 1;
  });
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""


@dataclass(frozen=True)
class Step:
    name: str
    kind: str            # goto | nav | select | radio
    target: str          # URL path | nav link text | widget label
    option: str = ""     # select: text typed to filter, then the first option containing it; radio: option
    title: str = ""      # the page title (h1) expected afterwards
    agent: tuple = ()    # the same step through the agent API: ("page", url path) or (widget key, option text)


# one user's fixed script: every page, a sidebar filter, a page control on each analysis page
SCRIPT: list[Step] = [
    Step("open Overblik", "goto", "/", title="Overblik", agent=("page", "")),
    Step("area 5.28 (sidebar)", "select", "Område", "Udsatte børn", "Overblik", ("omraade", "Udsatte børn og unge (5.28)")),
    Step("go to Udgiftsudvikling", "nav", "Udgiftsudvikling", title="Udgiftsudvikling", agent=("page", "udvikling")),
    Step("split Køb og salg", "radio", "Fordel på", "Køb og salg af pladser", "Udgiftsudvikling",
         ("trend_opdeling", "Køb og salg af pladser")),
    Step("fixed 2024 prices (sidebar)", "select", "Priser", "Faste 2024", "Udgiftsudvikling", ("priser", "Faste 2024-priser")),
    Step("go to Dekomponering", "nav", "Dekomponering", title="Dekomponering", agent=("page", "dekomponering")),
    Step("split Paragraf", "select", "Opdeling", "Paragraf", "Dekomponering", ("opdeling", "Paragraf")),
    Step("go to Sammenligning", "nav", "Sammenligning", title="Sammenligning", agent=("page", "sammenligning")),
    Step("measure i alt", "select", "Mål", "i alt", "Sammenligning", ("maal", "Nettoudgift i alt, mio. kr.")),
    Step("go to Data", "nav", "Data", title="Data", agent=("page", "data")),
    Step("back to Overblik", "nav", "Overblik", title="Overblik", agent=("page", "")),
]


# --------------------------------------------------------------------------------------------------
# process sampling from /proc (psutil is not installed)
# --------------------------------------------------------------------------------------------------

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK   # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _chromium_pids() -> list[int]:
    """This process's Chromium processes (descendants of it: Playwright's driver starts the browser), not those
    of other programs on the machine."""
    me, out = os.getpid(), []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/comm", encoding="ascii") as fh:
                if fh.read().strip() not in ("chromium", "chrome", "headless_shell"):
                    continue
        except OSError:
            continue
        pid, hops = int(d), 0
        while pid and pid != me and hops < 12:
            pid, hops = _parent(pid) or 0, hops + 1
        if pid == me:
            out.append(int(d))
    return out


class Sampler(threading.Thread):
    """Every `interval` s: the server's CPU % (of one core) since the last sample and its RSS; this bench's
    Chromium processes' CPU % likewise (processes that come and go are counted while they live)."""

    def __init__(self, pids: list[int], interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pids, self.interval = pids, interval
        self.stop_event = threading.Event()
        self.server_cpu: list[float] = []
        self.browser_cpu: list[float] = []
        self.rss: list[float] = []

    def run(self) -> None:
        last_t, last_cpu = time.monotonic(), self._cpu() or 0.0
        last_browser = {p: _cpu_seconds(p) or 0.0 for p in _chromium_pids()}
        while not self.stop_event.wait(self.interval):
            now, cpu = time.monotonic(), self._cpu()
            if cpu is None:
                return
            self.server_cpu.append(100 * (cpu - last_cpu) / (now - last_t))
            browser = {p: _cpu_seconds(p) for p in _chromium_pids()}
            used = sum(c - last_browser.get(p, c) for p, c in browser.items() if c is not None)
            self.browser_cpu.append(100 * used / (now - last_t))
            self.rss.append(sum(_rss_mb(p) or 0.0 for p in self.pids))
            last_t, last_cpu, last_browser = now, cpu, {p: c for p, c in browser.items() if c is not None}

    def _cpu(self) -> float | None:
        """CPU seconds of all the server's processes (None when one has ended)."""
        seconds = [_cpu_seconds(p) for p in self.pids]
        return None if None in seconds else sum(seconds)

    def stop(self) -> dict:
        self.stop_event.set()
        self.join(5)
        cpu, rss, br = self.server_cpu, self.rss, self.browser_cpu
        return {"server_cpu_mean_pct": round(statistics.fmean(cpu), 1) if cpu else None,
                "server_cpu_p95_pct": round(float(np.percentile(cpu, 95)), 1) if cpu else None,
                "server_rss_peak_mb": round(max(rss), 1) if rss else None,
                "server_rss_end_mb": round(rss[-1], 1) if rss else None,
                "browser_cpu_mean_pct": round(statistics.fmean(br), 1) if br else None}


# --------------------------------------------------------------------------------------------------
# one simulated user
# --------------------------------------------------------------------------------------------------


class RunWatch:
    """Counts the runs the server reports finished to this page (ForwardMsg script_finished on the websocket,
    read as it arrives, before the browser renders anything)."""

    def __init__(self, page) -> None:
        self.finished = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if not isinstance(payload, (bytes, bytearray)):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(bytes(payload))
        except Exception:   # noqa: BLE001  not a ForwardMsg: ignore
            return
        # 0 = finished, 3 = a fragment finished; 2 = stopped early for a rerun, whose own end follows
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in (0, 3):
            self.finished += 1

    async def wait(self, before: int, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while self.finished <= before:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no finished run reported by the server within {timeout_s:.0f} s")
            await asyncio.sleep(0.01)


async def _shown(page, runs_before: int, timeout_s: float) -> None:
    """Wait until the page shows the run's end: its run counter passed runs_before (or stApp is notRunning,
    when the browser rendered running and notRunning in one go) and the status widget is gone."""
    await page.wait_for_function(
        f"() => window.__runs > {runs_before} || document.querySelector("
        "'[data-testid=\"stApp\"][data-test-script-state=\"notRunning\"]') !== null",
        timeout=timeout_s * 1000, polling=50)
    await page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout_s * 1000)


async def _prepare(page, step: Step) -> None:
    """What the user does before the choice that reruns the script (untimed): open a selectbox, type."""
    if step.kind == "select":
        await page.get_by_test_id("stSelectbox").filter(has_text=step.target).click()
        await page.keyboard.type(step.option)


async def _act(page, url: str, step: Step) -> None:
    """The action whose script run is timed."""
    if step.kind == "goto":
        await page.goto(url + step.target, timeout=STEP_TIMEOUT_S * 1000)
    elif step.kind == "nav":
        await page.get_by_test_id("stSidebarNav").get_by_role("link", name=step.target, exact=True).click()
    elif step.kind == "select":
        await page.get_by_role("option").filter(has_text=step.option).first.click()
    elif step.kind == "radio":
        group = page.get_by_test_id("stRadio").filter(has_text=step.target)
        await group.get_by_text(step.option, exact=True).click()
    else:
        raise ValueError(step.kind)


async def run_user(browser, url: str, delay: float, think: float, deadline: float) -> list[dict]:
    """One user's SCRIPT in a fresh context; one record per step: name, seconds, error."""
    await asyncio.sleep(delay)
    ctx = await browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
    await ctx.add_init_script(RUN_COUNTER_JS)
    page = await ctx.new_page()
    watch = RunWatch(page)
    records = []
    try:
        for i, step in enumerate(SCRIPT):
            if i:
                await asyncio.sleep(think)
            left = deadline - time.monotonic()
            if left <= 0:
                records += [{"step": s.name, "seconds": None, "error": "cap reached"} for s in SCRIPT[i:]]
                break
            timeout_s = min(STEP_TIMEOUT_S, left)
            error, seconds, shown = None, None, None
            t0 = time.perf_counter()
            try:
                await _prepare(page, step)
                finished = watch.finished
                painted = 0 if step.kind == "goto" else await page.evaluate("window.__runs")
                t0 = time.perf_counter()
                await _act(page, url, step)
                await watch.wait(finished, timeout_s)
                seconds = time.perf_counter() - t0
                await _shown(page, painted, max(1.0, deadline - time.monotonic()))
                shown = time.perf_counter() - t0
                if await page.locator('[data-testid="stException"]').count():
                    error = "exception: " + " ".join((await page.locator('[data-testid="stException"]')
                                                      .first.inner_text()).split())[:200]
                elif step.title and (await page.locator("h1").first.inner_text()).strip() != step.title:
                    error = f"title {(await page.locator('h1').first.inner_text()).strip()!r}, not {step.title!r}"
            except Exception as exc:   # noqa: BLE001  a timeout or a missing element is this step's error
                seconds = seconds if seconds is not None else time.perf_counter() - t0
                error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
            records.append({"step": step.name, "seconds": round(seconds, 3), "error": error,
                            "shown_seconds": round(shown, 3) if shown is not None else None})
            if error and step.kind == "goto":
                records += [{"step": s.name, "seconds": None, "error": "skipped: page did not open"} for s in SCRIPT[i + 1:]]
                break
    finally:
        await ctx.close()
    return records


async def run_round(url: str, n: int, think: float, cap: float) -> tuple[list[list[dict]], float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=SESSION_CHROMIUM_ARGS)
        try:
            t0 = time.monotonic()
            deadline = t0 + cap
            users = [run_user(browser, url, i * (1.0 / max(n - 1, 1)) if n > 1 else 0.0, think, deadline)
                     for i in range(n)]
            results = await asyncio.gather(*users)
            return list(results), time.monotonic() - t0
        finally:
            await browser.close()


# --------------------------------------------------------------------------------------------------
# one simulated user without a browser: the same script through the server's agent API
# --------------------------------------------------------------------------------------------------


def _agent_post(url: str, body: dict, timeout: float, route: str = "") -> dict:
    headers = {"Content-Type": "application/json"}
    if route:   # keeps a user on one worker behind deploy.serve's nginx, as a browser's cookie does
        headers["Cookie"] = f"{COOKIE}={route}"
    req = urllib.request.Request(url + "/_stcore/agent/interact", data=json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return {"status": f"HTTP {exc.code}", "error": exc.read().decode(errors="replace")[:300]}


def _has_exception(node: dict) -> bool:
    return node.get("type") == "exception" or any(_has_exception(c) for c in node.get("children", []))


def run_agent_user(url: str, delay: float, think: float, deadline: float, user: int = 0) -> list[dict]:
    """One user's SCRIPT as agent API requests in one agent session: each request returns when the run it
    caused has finished on the server, so this times the server alone (no rendering)."""
    time.sleep(delay)
    session, records = None, []
    route = hashlib.sha256(f"bench-user-{user}".encode()).hexdigest()[:32]
    for i, step in enumerate(SCRIPT):
        if i:
            time.sleep(think)
        left = deadline - time.monotonic()
        if left <= 0:
            records += [{"step": s.name, "seconds": None, "error": "cap reached"} for s in SCRIPT[i:]]
            break
        key, value = step.agent
        body = {"page": value} if key == "page" else {"widget_state": {key: value}}
        if session:
            body["session_id"] = session
        t0 = time.perf_counter()
        try:
            out = _agent_post(url, body, min(STEP_TIMEOUT_S + 5, left), route)
            seconds = time.perf_counter() - t0
            session = out.get("session_id", session)
            error = None if out.get("status") == "ready" else f"status {out.get('status')}: {out.get('error')}"[:240]
            if error is None and _has_exception(out.get("tree", {})):
                error = "exception in the page"
            elif error is None and step.title and (out.get("page") or {}).get("title") != step.title:
                error = f"page {(out.get('page') or {}).get('title')!r}, not {step.title!r}"
        except Exception as exc:   # noqa: BLE001  a timeout is this step's error
            seconds = time.perf_counter() - t0
            error = f"{type(exc).__name__}: {str(exc)[:200]}"
        records.append({"step": step.name, "seconds": round(seconds, 3), "error": error})
        if error and session is None:
            records += [{"step": s.name, "seconds": None, "error": "skipped: no session"} for s in SCRIPT[i + 1:]]
            break
    return records


def run_agent_round(url: str, n: int, think: float, cap: float) -> tuple[list[list[dict]], float]:
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=n) as pool:
        futures = [pool.submit(run_agent_user, url, i * (1.0 / max(n - 1, 1)) if n > 1 else 0.0, think, t0 + cap, i)
                   for i in range(n)]
        users = [f.result() for f in futures]
    return users, time.monotonic() - t0


# --------------------------------------------------------------------------------------------------
# the measurement
# --------------------------------------------------------------------------------------------------


def _pct(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)) * 1000, 1) if values else None


def summarise(client: str, n: int, users: list[list[dict]], seconds: float, load: tuple, sample: dict) -> dict:
    times = [r["seconds"] for u in users for r in u if r["error"] is None and r["seconds"] is not None]
    errors = [f"{r['step']}: {r['error']}" for u in users for r in u if r["error"] is not None]
    per_step = {}
    for step in SCRIPT:
        s = [r["seconds"] for u in users for r in u if r["step"] == step.name and r["error"] is None]
        per_step[step.name] = {"p50_ms": _pct(s, 50), "p95_ms": _pct(s, 95), "max_ms": _pct(s, 100), "n": len(s)}
    shown = [r["shown_seconds"] for u in users for r in u if r["error"] is None and r.get("shown_seconds")]
    p95 = _pct(times, 95)
    return {"client": client, "sessions": n, "interactions": sum(len(u) for u in users), "ok": len(times), "errors": len(errors),
            "error_examples": sorted(set(errors))[:8], "p50_ms": _pct(times, 50), "p95_ms": p95,
            "max_ms": _pct(times, 100), "round_seconds": round(seconds, 1),
            "shown_p50_ms": _pct(shown, 50), "shown_p95_ms": _pct(shown, 95),
            "target_met": bool(not errors and p95 is not None and p95 < TARGET_P95_MS),
            "loadavg_start": [round(x, 2) for x in load[0]], "loadavg_end": [round(x, 2) for x in load[1]],
            **sample, "per_step": per_step}


@contextmanager
def _server(db: Path, args: list[str], workers: int) -> Iterator[tuple[str, list[int], list, list[str]]]:
    """One Streamlit process (workers = 1), or deploy.serve's nginx in front of `workers` of them:
    (url, the Streamlit processes' pids, their Popen objects, their own urls)."""
    if workers == 1:
        with streamlit_server(db, args) as server:
            yield server.url, [server.proc.pid], [server.proc], [server.url]
    else:
        with cluster(db, workers, extra_args=args) as c:
            yield c.url, c.pids, [w.proc for w in c.workers], [w.url for w in c.workers]


def measure_sessions(db: Path, counts: list[int], think: float, cap: float, clients: list[str], log,
                     workers: int = 1) -> dict:
    if not Path(CHROMIUM).exists():
        return {"skipped": f"{CHROMIUM} is missing (apt-get install chromium)"}
    rounds = []
    args = ["--server.enableAgentApi", "true", "--server.agentWaitTimeout", str(int(STEP_TIMEOUT_S)),
            "--server.agentMaxSessions", "1000"]
    with _server(db, args, workers) as (url, pids, procs, worker_urls):
        log(f"server on {url} ({workers} Streamlit process{'es' if workers > 1 else ''})")
        # one warm-up session per process, on the process's own address (through nginx a session reaches
        # one of them only): every process's caches are filled, as after the first users of the day
        for other in worker_urls[1:]:
            asyncio.run(run_round(other, 1, think, cap))
        warm, secs = asyncio.run(run_round(worker_urls[0], 1, think, cap))
        warm_errors = [r for r in warm[0] if r["error"]]
        log(f"  warm-up session: {secs:.1f} s, {len(warm_errors)} errors"
            + (f" ({warm_errors[0]['step']}: {warm_errors[0]['error']})" if warm_errors else ""))
        warmup = {"seconds": round(secs, 1), "steps": warm[0]}
        if warm_errors:   # e.g. an outdated database: the app shows an error instead of its pages
            return {"skipped": f"the warm-up session failed: {warm_errors[0]['step']}: {warm_errors[0]['error']}",
                    "warmup": warmup, "rounds": []}
        for client, n in [(c, n) for c in clients for n in counts]:
            load_start = os.getloadavg()
            sampler = Sampler(pids)
            sampler.start()
            if client == "browser":
                users, secs = asyncio.run(run_round(url, n, think, cap))
            else:
                users, secs = run_agent_round(url, n, think, cap)
            sample = sampler.stop()
            row = {**summarise(client, n, users, secs, (load_start, os.getloadavg()), sample), "workers": workers}
            rounds.append(row)
            log(f"  {client}, {n} sessions: {row['ok']}/{row['interactions']} ok, {row['errors']} errors, p50 {row['p50_ms']} ms, "
                f"p95 {row['p95_ms']} ms, max {row['max_ms']} ms; server CPU {row['server_cpu_mean_pct']} % "
                f"(p95 {row['server_cpu_p95_pct']} %), RSS peak {row['server_rss_peak_mb']} MB; Chromium CPU "
                f"{row['browser_cpu_mean_pct']} %; {secs:.0f} s; load {row['loadavg_start'][0]} -> {row['loadavg_end'][0]}")
            if any(p.poll() is not None for p in procs):
                log("  the server has died: stopping")
                break
    return {"rounds": rounds, "warmup": warmup}


def run(scale: str, db: Path | None, counts: list[int], think: float, cap: float, out: Path | None,
        clients: list[str], workers: int = 1) -> dict:
    def log(msg: str) -> None:
        print(msg, flush=True)

    out = Path(out) if out is not None else BENCH_DIR / "RESULTS.md"
    db = resolve_db(scale, db, log)
    started = dt.datetime.now()
    log(f"sessions bench, scale {scale}: {db}; sessions {counts}, think {think} s, cap {cap} s per round")
    result = measure_sessions(db, counts, think, cap, clients, log, workers)
    entry = {"scale": scale, "date": started.isoformat(timespec="seconds"), "machine": machine_info(),
             "db": str(db.relative_to(REPO_DIR) if db.is_relative_to(REPO_DIR) else db), "think_s": think,
             "cap_s": cap, "step_timeout_s": STEP_TIMEOUT_S, "workers": workers, "script": [s.name for s in SCRIPT], **result}
    results_path = out.parent / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {
        "machine": entry["machine"], "date": entry["date"], "scales": {}, "peak_rss_mb": None,
        **{key: [] for key in MERGED_LISTS}}
    doc["sessions"] = [e for e in doc.get("sessions", [])
                       if (e.get("scale"), e.get("workers", 1)) != (scale, workers)] + [entry]
    doc["targets"] = evaluate_targets(doc)
    results_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out.write_text(render_markdown(doc), encoding="utf-8")
    log(f"wrote {out} and {results_path}")
    return entry


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.sessions", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", choices=SCALES, default="large")
    p.add_argument("--db", type=Path, default=None)
    p.add_argument("--sessions", type=int, nargs="+", default=[5, 10, 20])
    p.add_argument("--think", type=float, default=1.0, help="seconds between a user's interactions")
    p.add_argument("--cap", type=float, default=600.0, help="seconds a round may take")
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--clients", nargs="+", choices=["browser", "server"], default=["browser", "server"],
                   help="browser: Chromium sessions; server: the same script through the agent API (no rendering)")
    p.add_argument("--workers", type=int, default=1,
                   help="Streamlit processes: 1 = one `streamlit run`; more = deploy.serve (nginx in front of them)")
    args = p.parse_args(argv)
    run(args.scale, args.db, args.sessions, args.think, args.cap, args.out, args.clients, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
