"""The words of suppressed cells (issue 22): a cell that analysis.suppression hides shows "<5" (fewer than 5
citizens) or "skjult" (hidden so that a total does not reveal a small cell), and the table gets one line
saying so. Pure: no streamlit."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from analysis.suppression import SMALL, SUPPRESSED
from i18n import t


def hidden_text(small: bool, lang: str | None = None) -> str:
    """What a suppressed cell shows: '<5' for a row of fewer than 5 citizens, else 'skjult'."""
    return t("suppress.small" if small else "suppress.hidden", lang)


def cells(frame: pl.DataFrame, column: str, fmt: Callable[[object], str], empty: str = "–",
          lang: str | None = None, small_flag: str | None = None) -> list[str]:
    """``frame[column]`` as display texts: ``fmt(value)``, ``empty`` for a missing value, and in the rows
    analysis.suppression.suppress hid, '<5' or 'skjult' (a frame without its flags is shown as it is);
    ``small_flag``: a boolean column, '<5' where it is true (a cell hidden in a row that is shown)."""
    values = frame[column].to_list()
    flags = frame[small_flag].to_list() if small_flag else [False] * len(values)
    texts = [hidden_text(True, lang) if f else (fmt(v) if v is not None else empty) for v, f in zip(values, flags)]
    if SUPPRESSED not in frame.columns:
        return texts
    return [hidden_text(s, lang) if h else text
            for text, s, h in zip(texts, frame[SMALL].to_list(), frame[SUPPRESSED].to_list())]


def note(frames: Sequence[pl.DataFrame | None], lang: str | None = None) -> str | None:
    """The line under a table or chart when any of ``frames`` has a suppressed row (None when nothing is
    hidden): 'Tal for færre end 5 borgere er skjult.', with the secondary rule's word explained when used."""
    hidden = [f for f in frames if f is not None and SUPPRESSED in f.columns and f[SUPPRESSED].any()]
    if not hidden:
        return None
    secondary = any((f[SUPPRESSED] & ~f[SMALL]).any() for f in hidden)
    return t("suppress.note_secondary" if secondary else "suppress.note", lang)


def text_note(table: pl.DataFrame | None, lang: str | None = None) -> str | None:
    """:func:`note` for a table already made text (a view that returns only its text table): the line when
    a cell says '<5' or 'skjult', else None."""
    if table is None:
        return None
    small, hidden = hidden_text(True, lang), hidden_text(False, lang)
    found = {v for c in table.columns if table[c].dtype == pl.String for v in table[c].to_list()} & {small, hidden}
    if not found:
        return None
    return t("suppress.note_secondary" if hidden in found else "suppress.note", lang)
