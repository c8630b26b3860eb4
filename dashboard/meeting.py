"""Mødevisning (``?moede=1&punkt=N``): the saved views as an agenda on a projector. No sidebar or toolbar, large
type for 1920 x 1080, one chart and one headline per screen, next/previous buttons and the arrow keys.

Each step is a saved view (store.views, in their order): its page runs with exactly the view's URL state, out of
sight, and the meeting screen shows what it drew: the headline and the main (first) chart, the same figure and
sentence the page and its exports show. The agenda's deck (one slide per saved view) and its PDF are collected
the same way, step by step (each step's page gives its first slide), then built with progress.
"""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

import store
from dashboard import exports, saved
from dashboard.registry import Page
from i18n import t
from present.formatting import md_literal

PARAM, STEP = "moede", "punkt"
BUILD = "_agenda_build"          # session state: the agenda deck being collected {kind, slides, total}
BUILT = "_agenda_built"          # session state: (kind, agenda signature, bytes)

STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], .st-key-meeting_source { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.2rem 3rem 1rem; }
.st-key-meeting_headline p { font-size: 2.5rem; line-height: 1.25; font-weight: 600; margin: 0; }
.st-key-meeting_top p { font-size: 1.35rem; }
.st-key-meeting_nav button p, .st-key-meeting_nav a p { font-size: 1.5rem; }
.st-key-meeting_foot p { font-size: 1.15rem; }
</style>"""

#: the arrow keys press the step buttons (a component's script runs in an iframe of the app's own origin)
KEYS = """<script>
const doc = window.parent.document;
if (!doc.__meetingKeys) {
  doc.__meetingKeys = true;
  doc.addEventListener("keydown", (e) => {
    if (e.target && ["INPUT", "TEXTAREA"].includes(e.target.tagName)) return;
    const key = {ArrowRight: "next", ArrowLeft: "prev", PageDown: "next", PageUp: "prev"}[e.key];
    if (!key) return;
    const button = doc.querySelector(`.st-key-meeting_${key} button`);
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  });
}
</script>"""


def requested() -> bool:
    return st.query_params.get(PARAM) == "1"


def _step(count: int) -> int:
    try:
        n = int(st.query_params.get(STEP, "1"))
    except ValueError:
        n = 1
    return min(max(n, 1), count)


def _matches(view: store.SavedView, page: Page | None) -> bool:
    """The run shows ``view``: its page, and every parameter of its URL with the view's value."""
    wanted = saved.query_params(view.query)
    wanted.pop("sprog", None)
    return page is not None and page.stem == view.page and all(st.query_params.get(k) == v for k, v in wanted.items())


def _go(agenda: list[store.SavedView], n: int) -> None:
    st.session_state["_meeting_opened"] = (agenda[n - 1].id, n)
    saved.open_view(agenda[n - 1], {PARAM: "1", STEP: str(n)})


def _big(fig: go.Figure) -> go.Figure:
    out = go.Figure(fig)
    out.update_layout(height=760, font_size=22, title_font_size=30, legend_font_size=20, margin=dict(t=110, b=80),
                      hoverlabel_font_size=20)
    out.update_xaxes(tickfont_size=20, title_font_size=22)
    out.update_yaxes(tickfont_size=20, title_font_size=22)
    out.update_annotations(font_size=20)
    for trace in out.data:
        if "textfont" in trace:
            trace.textfont.size = 20
    return out


def _agenda_signature(agenda: list[store.SavedView]) -> str:
    return repr([(v.id, v.page, v.query, v.updated_at) for v in agenda])


def run(page: Page | None, run_page) -> None:
    """The meeting screen for this run; ``run_page`` runs the page (its output is not shown)."""
    st.markdown(STYLE, unsafe_allow_html=True)
    agenda = []
    if store.exists():
        with store.connect() as con:
            agenda = saved.views(con)
    if not agenda:
        st.info(t("meeting.empty"))
        _exit_link(page)
        return
    n = _step(len(agenda))
    view = agenda[n - 1]
    if not _matches(view, page) and st.session_state.get("_meeting_opened") != (view.id, n):
        # once per step: a value the page no longer accepts (say, a year without data) falls back as in a link
        st.session_state["_meeting_opened"] = (view.id, n)
        _go(agenda, n)          # switches page (ends this run)
    with st.container(key="meeting_source"):
        try:
            run_page()
        except StopException:   # the page had nothing to show (said so, out of sight): the screen says it
            pass
    found = exports.collected()
    top, nav = st.columns([3, 2], vertical_alignment="center")
    with top.container(key="meeting_top"):
        st.markdown(t("meeting.position", n=n, total=len(agenda), name=view.name)
                    + (f" · {md_literal(view.comment)}" if view.comment else ""))
    with nav.container(key="meeting_nav", horizontal=True, horizontal_alignment="right"):
        prev = st.button(t("meeting.prev"), key="meeting_prev", disabled=n == 1, icon=":material/arrow_back:")
        nxt = st.button(t("meeting.next"), key="meeting_next", disabled=n == len(agenda),
                        icon=":material/arrow_forward:")
        _exit_link(page)
    if prev:
        _go(agenda, n - 1)
    if nxt:
        _go(agenda, n + 1)
    with st.container(key="meeting_headline"):
        st.markdown(found.headline or t("meeting.no_headline"))
    if found.figures:
        key, fig = found.figures[0]
        st.plotly_chart(_big(fig), key="meeting_chart", config={"displaylogo": False, "displayModeBar": False})
        if found.deck:
            # what a starred year means, and the figure's basis, prices, period and source, as on the page
            slide = found.deck[0]
            with st.container(key="meeting_foot"):
                st.caption(md_literal(" · ".join((*slide.remarks, slide.stamp_text))))
    else:
        st.info(t("meeting.no_chart"))
    st.iframe(KEYS, height=1)
    _agenda_exports(agenda, n, found)


def start_link(page: Page | None) -> None:
    """'Mødevisning' in the sidebar, when there are saved views to step through."""
    if page is None or not store.exists():
        return
    with store.connect() as con:
        count = len(saved.views(con))
    if not count:
        return
    params = st.query_params.to_dict() | {PARAM: "1", STEP: "1"}
    st.sidebar.page_link(page.file, label=t("meeting.start", n=count), query_params=params,
                         icon=":material/co_present:")


def _exit_link(page: Page | None) -> None:
    params = {k: v for k, v in st.query_params.to_dict().items() if k not in (PARAM, STEP)}
    if page is not None:
        st.page_link(page.file, label=t("meeting.exit"), query_params=params, icon=":material/close:")


def _agenda_exports(agenda: list[store.SavedView], n: int, found: exports.Collected) -> None:
    """Deck and PDF of the agenda: one slide per saved view, its page's first chart, collected by stepping
    through the agenda (progress shown), then built."""
    signature = _agenda_signature(agenda)
    job = st.session_state.get(BUILD)
    if job is not None and job["signature"] == signature and job["next"] == n:
        job["slides"].append(found.deck[0] if found.deck else None)
        st.progress(n / (len(agenda) + 1), text=t("meeting.collecting", n=n, total=len(agenda)))
        if n < len(agenda):
            job["next"] = n + 1
            _go(agenda, n + 1)
        del st.session_state[BUILD]
        slides = [s for s in job["slides"] if s is not None]
        data = exports.build(job["kind"], slides, f"dagsorden.{job['kind']}")
        st.session_state[BUILT] = (job["kind"], signature, data, len(agenda) - len(slides))
        _go(agenda, job["back"])
    with st.expander(t("meeting.exports_title", total=len(agenda))):
        c1, c2, c3 = st.columns(3)
        for col, kind in ((c1, "pptx"), (c2, "pdf")):
            if col.button(t(f"meeting.build_{kind}", total=len(agenda)), key=f"meeting_build_{kind}"):
                st.session_state[BUILD] = {"kind": kind, "slides": [], "next": 1, "back": n, "signature": signature}
                _go(agenda, 1)
        built = st.session_state.get(BUILT)
        if built and built[1] == signature:
            kind, _, data, missing = built
            mime = exports.PPTX_MIME if kind == "pptx" else "application/pdf"
            c3.download_button(t(f"export.download_{kind}"), data, file_name=f"dagsorden.{kind}", mime=mime,
                               key="meeting_download")
            if missing:
                st.caption(t("meeting.missing_slides", n=missing))
