"""Helpers for AppTest page tests: URL values, a page's file, opening a page, finding a chart's spec."""
from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from dashboard.registry import page


def qp(at: AppTest, key: str) -> str:
    """One URL parameter of a run (AppTest may hold it as a list)."""
    v = at.query_params[key]
    return v[0] if isinstance(v, list) else v


def page_file(stem: str) -> str:
    """The file of the page with English stem ``stem``, as AppTest.switch_page wants it."""
    return page(stem).file


def open_page(at: AppTest, page: str) -> AppTest:
    """Run the app (the default page seeds the sidebar), switch to `page` and check it did not fail."""
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def charts(at: AppTest) -> list[dict]:
    """The plotly specs of a run, in page order."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def chart(at: AppTest, title_part: str) -> dict:
    """The first chart whose title contains `title_part`."""
    specs = charts(at)
    found = [s for s in specs if title_part in s["layout"]["title"]["text"]]
    assert found, [s["layout"]["title"]["text"] for s in specs]
    return found[0]
