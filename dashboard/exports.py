"""Committee exports of the page on screen: a PowerPoint deck (one slide per chart), a PDF of the same slides,
an Excel workbook (one sheet per table) and PNG/SVG per chart, all built on the server from the figures and
tables the page itself draws.

How a page plugs in: every chart it shows through :func:`dashboard.charts.plot` and every table it offers
through :func:`dashboard.widgets.download_buttons` is collected for the current run (app.py starts the
collection before the page runs); at its end the page calls :func:`panel` with its headline sentence and
source. Nothing else per page.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from i18n import has_label, t
from present.deck import NOTE_NAME, Slide, build_pdf, build_pptx, chart_image
from present.exports import Column, ExportMeta, Table, tables_to_xlsx
from present.formatting import fmt_date

KEY = "_page_export"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Collected:
    """What the page drew in this run: (key, figure) per chart and (meta, table) per exportable table."""

    figures: list[tuple[str, go.Figure]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    headline: str = ""
    deck: list[Slide] = field(default_factory=list)     # one slide per figure, as the page's panel made them


def start() -> None:
    """Start collecting the page's charts and tables for this run (app.py, before the page runs)."""
    st.session_state[KEY] = Collected()


def collected() -> Collected:
    found = st.session_state.get(KEY)
    return found if isinstance(found, Collected) else Collected()


def collect_figure(key: str, fig: go.Figure) -> None:
    """Remember a chart the page shows (the figure itself: a copy per chart and run costs milliseconds, and
    pages do not change a figure after showing it)."""
    found = st.session_state.get(KEY)
    if isinstance(found, Collected) and all(k != key for k, _ in found.figures):
        found.figures.append((key, fig))


def collect_table(df: pl.DataFrame, columns: list[Column], meta: ExportMeta, sheet: str | None = None) -> None:
    """Remember a table the page offers for download, with its header block (its sheet: ``sheet``, else the
    title)."""
    found = st.session_state.get(KEY)
    if isinstance(found, Collected):
        total = t("common.total") if any(c.total for c in columns) else None
        found.tables.append(Table(df, list(columns), sheet or meta.title, total_label=total, meta=meta))


def collect_tables(tables: list[Table], meta: ExportMeta) -> None:
    """Remember several tables offered as one download (each its own sheet in the page's workbook)."""
    for table in tables:
        collect_table(table.df, table.columns, ExportMeta(f"{meta.title} – {table.sheet}", meta.lines),
                      sheet=table.sheet if len(tables) > 1 else None)


_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>\s*(<sup>)?", re.IGNORECASE)
_MARKDOWN = re.compile(r"(\*\*|__|`|^#+\s*)", re.MULTILINE)


def plain(text: str | None) -> str:
    """Text without HTML tags (plotly titles) and Markdown emphasis or headings (the method texts)."""
    if not text:
        return ""
    # a line break in a chart title starts its subtitle: 'title – subtitle' on one line
    return _MARKDOWN.sub("", _TAG.sub(" ", _BREAK.sub(" – ", text))).replace("  ", " ").strip()


def stamp(filters, source: str, basis: str | None = None, method: str | None = None,
          data_date: str | None = None) -> dict[str, str]:
    """The footer of every slide: municipality, area, period, price base, basis, source, data date, method."""
    from dashboard.widgets import kommune_text

    lines = {t("sidebar.municipality"): kommune_text(filters, synthetic_note=True),
             t("sidebar.area"): filters.area_name,
             t("sidebar.period"): f"{filters.from_year}-{filters.to_year}",
             t("sidebar.prices"): filters.price_label}
    if basis:
        lines[t("export.basis")] = basis
    lines[t("common.source")] = source
    if data_date:
        lines[t("data.date")] = data_date
    if method:
        lines[t("common.method")] = method
    return lines


def _data_date() -> str | None:
    from dashboard.query import query

    history = query("data_import_history")
    return fmt_date(history["finished_at"].max()) if not history.is_empty() else None


def method_notes(stem: str) -> str:
    """The speaker notes: how the page's numbers are made (Om tallene's section for the page, else its concepts)."""
    key = f"about.{stem}" if has_label(f"about.{stem}") else "about.concepts"
    return plain(t(key))


def slides(stem: str, filters, headline: str | None, source: str, basis: str | None = None,
           method: str | None = None, remarks: tuple[str, ...] = ()) -> list[Slide]:
    """One slide per chart the page drew in this run, each with the page's headline and stamp."""
    foot = stamp(filters, source, basis, method, _data_date())
    notes = method_notes(stem)
    return [Slide(plain(fig.layout.title.text) or t(f"page.{stem}"), plain(headline), fig, foot, notes,
                  remarks + tuple(a.text for a in fig.layout.annotations or () if a.name == NOTE_NAME))
            for _, fig in collected().figures]


def _signature(stem: str) -> str:
    """Identifies the page's state (URL and language): a built deck is offered only for the state it shows."""
    state = sorted((k, str(v)) for k, v in st.query_params.to_dict().items())
    return hashlib.sha1(repr((stem, state, st.session_state.get("_language"))).encode()).hexdigest()


def build(kind: str, deck: list[Slide], file_name: str) -> bytes:
    """The deck (``kind`` pptx or pdf) with progress shown; the export is written to the audit log."""
    from dashboard import audit

    bar = st.progress(0.0, text=t("export.building"))

    def progress(done: int, total: int, title: str) -> None:
        text = t("export.progress", done=done, total=total) + (f": {title}" if title else "")
        bar.progress(done / total if total else 1.0, text=text)

    data = build_pptx(deck, progress) if kind == "pptx" else build_pdf(deck, progress)
    bar.empty()
    audit.record("export", f"{file_name} ({len(deck)} slides)")
    return data


def panel(stem: str, filters, headline: str | None, source: str, basis: str | None = None,
          method: str | None = None, file_stem: str | None = None, remarks: tuple[str, ...] = ()) -> None:
    """The page's committee exports, at the page's end: PowerPoint and PDF of its charts (built on request,
    with progress), Excel of its tables, PNG/SVG of one chart. ``remarks``: lines every slide shows under its
    chart (what a starred year means), as the page's caption does."""
    from dashboard.widgets import deferred   # widgets imports this module

    found = collected()
    if not found.figures and not found.tables:
        return
    found.headline = plain(headline)
    name = file_stem or f"{stem}_{filters.area_code}_{filters.from_year}-{filters.to_year}"
    signature = _signature(stem)
    with st.expander(t("export.title"), icon=":material/slideshow:"):
        st.caption(t("export.intro"))
        deck = slides(stem, filters, headline, source, basis, method, remarks) if found.figures else []
        found.deck = deck
        c1, c2, c3 = st.columns(3)
        for col, kind, mime in ((c1, "pptx", PPTX_MIME), (c2, "pdf", "application/pdf")):
            if not deck:
                continue
            store = f"_export_{kind}_{stem}"
            if col.button(t(f"export.build_{kind}", n=len(deck)), key=f"export_build_{kind}"):
                with col:
                    st.session_state[store] = (signature, build(kind, deck, f"{name}.{kind}"))
            built = st.session_state.get(store)
            if built and built[0] == signature:
                col.download_button(t(f"export.download_{kind}"), built[1], file_name=f"{name}.{kind}", mime=mime,
                                    key=f"export_download_{kind}")
        if found.tables:
            # written when clicked, not on every run (issue 12)
            c3.download_button(t("export.download_xlsx", n=len(found.tables)), deferred(lambda: workbook(found.tables), f"{name}.xlsx"),
                               file_name=f"{name}.xlsx", mime=XLSX_MIME, key="export_xlsx")
        if found.figures:
            titles = {key: plain(fig.layout.title.text) or key for key, fig in found.figures}
            left, mid, right = st.columns([3, 1, 1])
            chosen = left.selectbox(t("export.chart"), list(titles), format_func=titles.__getitem__,
                                    key="export_chart")
            fmt = mid.radio(t("export.format"), ["png", "svg"], horizontal=True, key="export_format",
                            format_func=str.upper)
            store = "_export_image"
            if right.button(t("export.build_image"), key="export_build_image"):
                fig = dict(found.figures)[chosen]
                with st.spinner(t("export.building")):
                    st.session_state[store] = ((signature, chosen, fmt), chart_image(fig, fmt, scale=2 if fmt == "png" else 1))
                from dashboard import audit

                audit.record("export", f"{name}_{chosen}.{fmt}")
            built = st.session_state.get(store)
            if built and built[0] == (signature, chosen, fmt):
                right.download_button(t("export.download_image", format=fmt.upper()), built[1],
                                      file_name=f"{name}_{chosen}.{fmt}",
                                      mime="image/png" if fmt == "png" else "image/svg+xml", key="export_image")


def workbook(tables: list[Table]) -> bytes:
    """The page's tables, one sheet each below its own header block."""
    return tables_to_xlsx(tables[0].meta or ExportMeta(""), tables)
