"""Many users at once (issue 12): the server never hangs and every session sees what a lone session sees.

The concurrent test drives a real `streamlit run` server through its agent API (`/_stcore/agent/interact`:
one POST opens a page with query parameters in a new session and returns the finished run's element tree,
tables included), so every page's real code runs in the server's script threads, with st.dataframe's
to_pandas, the shared DuckDB connection with a cursor per query and st.cache_data, as with browsers. The server
is another process: a deadlock there shows as requests that time out, never as a hung pytest.

With map_elements back in the pages' tables (the commit "No polars UDF on any page" reverted) this test failed in 3 of 3 runs after
40-55 s: every concurrent request timed out, because the server stopped answering altogether (a script thread
in st.dataframe's to_pandas held the GIL while waiting for polars' pool, whose threads waited for the GIL in
map_elements; every other script thread waited in a polars collect). The failure shows the server's stacks.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest

from bench.server import streamlit_server
from tests.conftest import REPO
from tests.udf_guard import udf_calls, udf_calls_in

PAGE_PATHS = [REPO / "app.py", REPO / "dashboard", REPO / "analysis", REPO / "present", REPO / "queries"]

# (page url path, URL parameters): every page, every split of Udgiftsudvikling, another area, fixed prices,
# English; each view opens in a new session
VIEWS: list[tuple[str, dict[str, list[str]]]] = [
    ("", {}),
    ("", {"omraade": ["5.28"], "priser": ["faste-2024"]}),
    ("udvikling", {"opdeling": ["funktion"]}),
    ("udvikling", {"opdeling": ["koeb_salg"], "prognose": ["loebende"]}),
    ("udvikling", {"opdeling": ["gruppering"], "sprog": ["en"]}),
    ("udvikling", {"opdeling": ["dranst"], "omraade": ["5.28"]}),
    ("dekomponering", {}),
    ("sammenligning", {}),
    ("data", {}),
    ("om-tallene", {}),
]
THREADS = 12
ROUNDS = 2                 # each thread opens ROUNDS views, each thread starting at another one
REQUEST_TIMEOUT_S = 40     # one request; the server gives up waiting for a run after AGENT_WAIT_S
AGENT_WAIT_S = 25          # a run takes 0.1-2 s here, 24 at once on 2 cores about 10 s
DEADLINE_S = 90            # the whole concurrent part


def test_no_python_udf_on_any_page_path():
    hits = udf_calls_in(PAGE_PATHS, REPO)
    assert not hits, "Python UDFs on a page's path (use present.formatting.fmt_values or replace_strict):\n" \
        + "\n".join(hits)


@pytest.mark.parametrize("source, found", [
    ('df.select(pl.col("x").map_elements(fmt, return_dtype=pl.String))', 1),
    ("frame.with_columns(pl.col('a').map_batches(lambda s: s * 2))", 1),
    ("df.map_rows(lambda r: r)\ndf.group_by('a').map_groups(f)\ns.apply(f)", 3),
    ("pl.fold(pl.lit(0), lambda a, b: a + b, pl.all())\npolars.reduce(f, exprs)", 2),
    ("functools.reduce(f, xs)\ndf.pipe(f)\nstyler.map(colour)\nfmt_values(df['x'], fmt_mio)", 0),
])
def test_the_udf_scan_finds_udf_calls(source, found):
    assert len(udf_calls(source)) == found


def _post(url: str, body: dict) -> dict:
    req = urllib.request.Request(url + "/_stcore/agent/interact", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=REQUEST_TIMEOUT_S) as response:
        return json.loads(response.read())


def _view(url: str, page: str, params: dict) -> dict:
    """The finished run of a new session on `page` with `params`: page, URL state and element tree."""
    out = _post(url, {"page": page, "query_params": params})
    assert out.get("status") == "ready", (page, params, out.get("status"), str(out)[:500])
    return _without_xlsx_urls({k: out[k] for k in ("page", "query_params", "tree")})


def _without_xlsx_urls(node):
    """The tree without the media URLs of XLSX downloads: an XLSX file records when it was written, so its
    URL (a hash of the bytes) changes from second to second. CSV downloads are compared by their URLs."""
    if isinstance(node, dict):
        return {k: _without_xlsx_urls(v) for k, v in node.items()
                if not (k == "url" and isinstance(v, str) and v.endswith(".xlsx"))}
    if isinstance(node, list):
        return [_without_xlsx_urls(v) for v in node]
    return node


def _has_type(node: dict, kind: str) -> bool:
    return node.get("type") == kind or any(_has_type(c, kind) for c in node.get("children", []))


def test_concurrent_sessions_finish_and_see_what_a_lone_session_sees(demo_db):
    args = ["--server.enableAgentApi", "true", "--server.agentWaitTimeout", str(AGENT_WAIT_S),
            "--server.agentMaxSessions", "1000"]
    with streamlit_server(demo_db, args) as server:
        # one session at a time first (this also fills the server's caches): the expected trees
        expected = [_view(server.url, page, params) for page, params in VIEWS]
        for (page, _), tree in zip(VIEWS, expected):
            assert not _has_type(tree["tree"], "exception"), (page, str(tree)[:800])
        assert sum(_has_type(t["tree"], "dataframe") for t in expected) >= 6

        got: dict[tuple[int, int], dict | BaseException] = {}

        def session(i: int) -> None:
            for r in range(ROUNDS):
                n = (i * ROUNDS + r) % len(VIEWS)
                try:
                    got[(i, n)] = _view(server.url, *VIEWS[n])
                except BaseException as exc:   # noqa: BLE001  reported below with the view
                    got[(i, n)] = exc
                    return                     # a hung server would make every later request wait too

        threads = [threading.Thread(target=session, args=(i,), daemon=True) for i in range(THREADS)]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(max(0.0, DEADLINE_S - (time.monotonic() - t0)))
        hung = [t.name for t in threads if t.is_alive()]
        failed = [f"{VIEWS[n]}: {v!r}"[:400] for (_, n), v in got.items() if isinstance(v, BaseException)]
        # the server's threads as they are now (this ends the server)
        stacks = server.dump_stacks() if hung or failed else ""
    assert not hung, f"{len(hung)} of {THREADS} sessions still waiting after {DEADLINE_S} s; server:\n{stacks}"
    assert not failed, f"{len(failed)} sessions failed:\n" + "\n".join(failed) + f"\nserver:\n{stacks}"
    assert len(got) == THREADS * ROUNDS
    differ = sorted({n for (_, n), v in got.items() if v != expected[n]})
    assert not differ, f"concurrent sessions saw other trees than a lone session for {[VIEWS[n] for n in differ]}"


def test_the_first_sessions_of_a_new_server_all_open_their_page(demo_db):
    """A new server whose first sessions arrive together (a meeting opening the same link): every one gets
    its page. Before dashboard/preload.py, 5 of 8 such sessions failed with "partially initialized module
    'pandas' has no attribute 'Series'" (their threads imported pandas and pyarrow at the same time)."""
    args = ["--server.enableAgentApi", "true", "--server.agentWaitTimeout", str(AGENT_WAIT_S),
            "--server.agentMaxSessions", "1000"]
    with streamlit_server(demo_db, args) as server:
        got: dict[int, dict | BaseException] = {}

        def first(i: int) -> None:
            try:
                got[i] = _post(server.url, {"page": VIEWS[i % 3 * 3][0], "query_params": VIEWS[i % 3 * 3][1]})
            except BaseException as exc:   # noqa: BLE001  reported below
                got[i] = exc

        threads = [threading.Thread(target=first, args=(i,), daemon=True) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(DEADLINE_S)
    failed = {i: (v if isinstance(v, BaseException) else
                  [str(n)[:300] for n in _exceptions(v.get("tree", {}))] or v.get("status"))
              for i, v in got.items() if isinstance(v, BaseException) or v.get("status") != "ready"
              or _has_type(v.get("tree", {}), "exception")}
    assert len(got) == 8 and not failed, failed


def _exceptions(node: dict) -> list[dict]:
    found = [node.get("props")] if node.get("type") == "exception" else []
    return found + [e for c in node.get("children", []) for e in _exceptions(c)]
