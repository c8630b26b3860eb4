"""Saved views and annotations in the sidebar (stored by store/, beside the database).

A saved view is the page and its URL parameters (every filter of the sidebar and the page) under a name and an
optional comment: listed as links that reopen it, moved up and down (their order is the meeting agenda) and
deleted. An annotation is a text on an area and a year; :func:`dashboard.charts.plot` draws it on every chart of
that area whose axis has the year, and the committee exports list it under the chart. A saved view is reopened
with exactly its state (:func:`open_view`), not merged with the session's current choices.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import streamlit as st

import store
from dashboard import audit, auth, state
from dashboard.registry import PAGES, Page
from i18n import t
from present.formatting import md_literal

NOTES_KEY = "_notes"       # session state: (year, text) of the current area's annotations, for charts.plot


def page_of(stem: str) -> Page | None:
    return next((p for p in PAGES if p.stem == stem), None)


def views(con) -> list[store.SavedView]:
    """The saved views this session may open (a view of a page its role refuses is left out, issue 22)."""
    access = auth.current()
    return [v for v in store.views(con) if (p := page_of(v.page)) is not None and auth.allowed(p.needs, access)]


def current_query() -> str:
    """The run's URL parameters as in its address ('kommune=999&omraade=5.38')."""
    return urlencode(sorted(st.query_params.to_dict().items()))


def query_params(query: str) -> dict[str, str]:
    return dict(parse_qsl(query, keep_blank_values=True))


def open_view(view: store.SavedView, extra: dict[str, str] | None = None) -> None:
    """Show a saved view: its page with exactly its URL state (the session's own choices are forgotten first,
    as if the link were opened in a new window), plus ``extra`` parameters (the meeting view's)."""
    target = page_of(view.page)
    if target is None:
        return
    params = query_params(view.query)
    if "sprog" in st.query_params:
        params["sprog"] = st.query_params["sprog"]      # the language stays the user's
    state.forget_choices()
    st.switch_page(target.file, query_params=params | (extra or {}))


def _save(page: Page) -> None:
    name = st.session_state.get("saved_name", "").strip()
    if not name:
        st.session_state["_saved_notice"] = t("saved.name_missing")
        return
    with store.connect() as con:
        store.save_view(con, name, page.stem, current_query(), st.session_state.get("saved_comment", ""),
                        user=auth.current().user)
    audit.record("edit", f'saved_view save "{name}" {page.stem}?{current_query()}')
    st.session_state["saved_name"] = ""
    st.session_state["saved_comment"] = ""
    st.session_state["_saved_notice"] = t("saved.saved", name=name)


def _view_name(con, view_id: int) -> str:
    found = store.view(con, view_id)
    return found.name if found else f"#{view_id}"


def _move(view_id: int, steps: int) -> None:
    with store.connect() as con:
        store.move_view(con, view_id, steps, user=auth.current().user)
        name = _view_name(con, view_id)
    audit.record("edit", f'saved_view {"move_up" if steps < 0 else "move_down"} "{name}"')


def _delete(view_id: int) -> None:
    with store.connect() as con:
        name = _view_name(con, view_id)
        store.delete_view(con, view_id)
    audit.record("edit", f'saved_view delete "{name}"')


def _add_note(area_code: str) -> None:
    text = st.session_state.get("note_text", "").strip()
    if text:
        year = st.session_state["note_year"]
        with store.connect() as con:
            store.add_annotation(con, area_code, year, text, user=auth.current().user)
        audit.record("edit", f'note add {area_code} {year} "{text}"')
        st.session_state["note_text"] = ""


def _delete_note(note_id: int) -> None:
    with store.connect() as con:
        found = next((n for n in store.annotations(con) if n.id == note_id), None)
        store.delete_annotation(con, note_id)
    audit.record("edit", f'note delete {found.area_code} {found.year} "{found.text}"' if found
                 else f"note delete #{note_id}")


def sidebar_panel(page: Page | None, filters) -> None:
    """The sidebar's 'Gemte visninger' (save the page on screen, reopen, reorder, delete) and 'Noter' (the area's
    annotations); sets the current area's annotations for the charts of this run. Without the right to edit
    (issue 22) the lists are shown without their buttons to change them, and one line says why."""
    saved, notes = [], []
    can_edit = auth.current().can_edit
    if store.exists():       # the file is made by the first save, not by every session that only looks
        with store.connect() as con:
            saved = views(con)
            notes = store.annotations(con, filters.area_code) if filters is not None else []
    st.session_state[NOTES_KEY] = [(n.year, n.text) for n in notes]
    with st.sidebar.expander(t("saved.title", n=len(saved)), icon=":material/bookmarks:"):
        if not can_edit:
            st.caption(t("auth.no_edit_saved"))
        elif page is not None and page.stem not in ("about", "data", "admin"):
            st.text_input(t("saved.name"), key="saved_name", max_chars=80)
            st.text_area(t("saved.comment"), key="saved_comment", height=68, max_chars=500)
            st.button(t("saved.save"), key="saved_save", on_click=_save, args=(page,), icon=":material/bookmark_add:")
            notice = st.session_state.pop("_saved_notice", None)
            if notice:
                st.caption(notice)
        for i, view in enumerate(saved):
            target = page_of(view.page)
            if target is None:
                continue
            help_text = t("saved.help", page=t(target.title_key), who=view.created_by,
                          when=view.created_at[:16].replace("T", " "), comment=view.comment or "–")
            if not can_edit:
                if st.button(view.name, key=f"saved_open_{view.id}", type="tertiary", help=help_text):
                    open_view(view)
                continue
            c1, c2, c3, c4 = st.columns([6, 1, 1, 1], vertical_alignment="center")
            if c1.button(view.name, key=f"saved_open_{view.id}", type="tertiary", help=help_text):
                open_view(view)
            c2.button("↑", key=f"saved_up_{view.id}", on_click=_move, args=(view.id, -1), disabled=i == 0,
                      help=t("saved.up"))
            c3.button("↓", key=f"saved_down_{view.id}", on_click=_move, args=(view.id, 1),
                      disabled=i == len(saved) - 1, help=t("saved.down"))
            c4.button("✕", key=f"saved_delete_{view.id}", on_click=_delete, args=(view.id,), help=t("saved.delete"))
    if filters is None:
        return
    with st.sidebar.expander(t("saved.notes_title", n=len(notes)), icon=":material/sticky_note_2:"):
        st.caption(t("saved.notes_intro", area=filters.area_name))
        if can_edit:
            years = filters.years
            st.selectbox(t("saved.note_year"), years, index=len(years) - 1, key="note_year")
            st.text_input(t("saved.note_text"), key="note_text", max_chars=200)
            st.button(t("saved.note_add"), key="note_add", on_click=_add_note, args=(filters.area_code,))
        else:
            st.caption(t("auth.no_edit_notes"))
        for n in notes:
            line = f"**{n.year}**: {md_literal(n.text)}  \n:gray[{md_literal(n.created_by)}, {n.created_at[:10]}]"
            if not can_edit:
                st.markdown(line)
                continue
            c1, c2 = st.columns([7, 1], vertical_alignment="center")
            c1.markdown(line)
            c2.button("✕", key=f"note_delete_{n.id}", on_click=_delete_note, args=(n.id,), help=t("saved.delete"))


def has_notes() -> bool:
    """Whether the current area has annotations to draw on the charts."""
    return bool(st.session_state.get(NOTES_KEY))


def annotate(fig) -> None:
    """Draw the current area's annotations on ``fig`` where its x axis has their year ('2025' or '2025*' as a
    category, or the number 2025): a marked note above the plot at that year. Charts of other axes (waterfall
    steps, providers, municipalities) are left as they are."""
    from present.deck import NOTE_NAME

    notes = st.session_state.get(NOTES_KEY) or []
    if not notes:
        return
    xs = [x for tr in fig.data if getattr(tr, "orientation", None) != "h" and tr.type in ("bar", "scatter")
          for x in (tr.x if tr.x is not None else ())]
    for year, text in notes:
        hit = next((x for x in xs if str(x).rstrip("*") == str(year)), None)
        if hit is None:
            continue
        fig.add_vline(x=hit, line_dash="dot", line_color="#6b7280", line_width=2, name=NOTE_NAME)
        fig.add_annotation(x=hit, y=1, yref="paper", yanchor="top", xanchor="left", text=f"✎ {year}: {text}",
                           showarrow=False, name=NOTE_NAME, font=dict(size=13), align="left",
                           bgcolor="rgba(255,255,255,0.85)", bordercolor="#6b7280", borderpad=3)
