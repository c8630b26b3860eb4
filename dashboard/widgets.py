"""What pages show around their charts: the page header, the synthetic-data notice, the source caption,
the export header block and the CSV/XLSX download buttons, and the small texts they are made of."""
from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl
import streamlit as st

from present.exports import Column, ExportMeta, Table, tables_to_csv, tables_to_xlsx, to_csv, to_xlsx
from present.formatting import fmt_date
from dashboard import audit, exports
from dashboard.query import db_version, query
from dashboard.shared import shared_chart
from dashboard.sidebar import Filters
from i18n import current_language, t, use_language


def import_kind_label(kind: str) -> str:
    """An import kind's label: 'ledger' -> 'Regnskab og budget', 'socio-index' -> 'Socioøkonomisk indeks'."""
    return t("import_kind." + kind.replace("-", "_"))


def import_kind_labels(kinds: Iterable[str]) -> dict[str, str]:
    """import_log.kind -> its label, for pl.col("kind").replace_strict: labels are made in the run's thread,
    never in a polars UDF (polars runs those on its own threads, where the current language is the default)."""
    return {k: import_kind_label(k) for k in set(kinds)}


def join_and(items: Iterable[str]) -> str:
    """'a', 'a og b', 'a, b og c' (English: 'and')."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return t("common.and", first=", ".join(items[:-1]), second=items[-1])


def kommune_text(filters: Filters, synthetic_note: bool = False) -> str:
    """'Eksempelby Kommune' (English: 'Eksempelby Municipality'), with '(syntetiske demodata)' when asked
    and the data are synthetic."""
    key = "common.kommune_synthetic" if synthetic_note and filters.is_synthetic else "common.kommune"
    return t(key, name=filters.kommune_name)


def area_text(filters: Filters) -> str:
    """'Voksne med særlige behov (5.38) – funktioner 5.38.35, ...': the area and its functions."""
    return t("common.area_functions", area=filters.area_name, codes=", ".join(filters.functions))


def synthetic_notice(filters: Filters | None) -> None:
    """Say clearly that the demo municipality and its data are fictive."""
    if filters is not None and filters.is_synthetic:
        st.warning(t("status.synthetic_demo"), icon="⚠️")


def kpi_cards(kpis, *, columns: int | None = None, delta_color: str = "inverse", border: bool = False) -> None:
    """One st.metric per KPI, side by side in ``columns`` columns (default: one per KPI). A delta that rounds to zero ('0,0 %') has no sign: Streamlit
    would draw it as a rise, so it gets no arrow and no colour."""
    for col, kpi in zip(st.columns(columns or len(kpis)), kpis):
        signed = bool(kpi.delta) and kpi.delta[0] in "+-\u2212"
        col.metric(kpi.label, kpi.value, delta=kpi.delta, delta_color=delta_color if signed else "off",
                   delta_arrow="auto" if signed else "off", help=kpi.help, border=border)


def table(df, height: int | None = None) -> None:
    """``st.dataframe`` without the index, across the page (``height`` in px, else Streamlit's). A polars frame
    is handed over as an Arrow table: Streamlit turns any other frame into pandas and then into Arrow, which
    was a tenth of the server's Python time per run with many sessions (issue 12); the pages' frames give
    the same Arrow types and values either way (tests/test_widgets.py)."""
    data = df.to_arrow() if isinstance(df, pl.DataFrame) else df
    if height is None:
        st.dataframe(data, hide_index=True, width="stretch")
    else:
        st.dataframe(data, hide_index=True, width="stretch", height=height)


def _frozen_styler(df: pl.DataFrame, colour: Callable[[str], str], columns: tuple[str, ...], uuid: str):
    """A pandas Styler of ``df`` with ``colour`` applied to ``columns``, its styles computed once: Streamlit
    computes a Styler's styles again on every st.dataframe (Styler._compute, Styler._translate, 5-9 ms a
    table), so the computed result is kept on the object, which is never changed again and can be shown by
    several sessions at once (the uuid is fixed, so Streamlit does not set one per session)."""
    styler = df.to_pandas().style.map(colour, subset=[c for c in columns if c in df.columns]).set_uuid(uuid)
    styler._compute()
    translated = styler._translate(False, False)
    styler._compute = lambda: styler
    styler._translate = lambda *args, **kwargs: translated
    return styler


def coloured_table(name: str, key: tuple, df: pl.DataFrame, colour: Callable[[str], str], columns: Iterable[str]) -> None:
    """``st.dataframe`` of ``df`` (no index, across the page) with the text of ``columns`` coloured by
    ``colour(text)`` (a CSS declaration, or "" for none). Built once per ``name`` and ``key`` (everything
    ``df`` depends on, as for dashboard.shared.shared_view) and shared by sessions (issue 12); ``name`` is
    unique per table on a page."""
    styler = shared_chart(_frozen_styler, (name, key), df, colour, tuple(columns), name)
    st.dataframe(styler, hide_index=True, width="stretch")


def source_caption(filters: Filters, source: str, extra: str = "") -> str:
    """The line every chart carries: municipality, area, period, price base, source and data date."""
    version = db_version() or ""
    parts = [kommune_text(filters), filters.area_name, f"{filters.from_year}-{filters.to_year}",
             filters.price_label, t("common.source") + ": " + source]
    if extra:
        parts.append(extra)
    parts.append(t("common.database_version") + ": " + version.rsplit("/", 1)[-1].removesuffix(".duckdb"))
    return " · ".join(parts)


def export_meta(filters: Filters, title: str, source: str, price_label: str | None = None,
                extra: dict[str, str] | None = None) -> ExportMeta:
    """The header block of an export: municipality, area, period, price base, source, data version."""
    lines = {
        t("sidebar.municipality"): kommune_text(filters, synthetic_note=True),
        t("sidebar.area"): area_text(filters),
        t("sidebar.period"): f"{filters.from_year}-{filters.to_year}",
        t("sidebar.prices"): price_label or filters.price_label,
    }
    if filters.price_base.is_fixed and filters.pl_source:
        lines[t("sidebar.pl_source", source="").rstrip(": ")] = filters.pl_source
    lines.update(extra or {})
    lines[t("common.source")] = source
    lines[t("common.database_version")] = (db_version() or "").rsplit("/", 1)[-1].removesuffix(".duckdb")
    history = query("data_import_history")
    if not history.is_empty():
        lines[t("data.date")] = fmt_date(history["finished_at"].max())
    return ExportMeta(title, lines)


def deferred(make: Callable[[], bytes], file_name: str) -> Callable[[], bytes]:
    """`make` run later, when the user clicks, in the language of this run (Streamlit calls a deferred
    download on another thread, where the run's language is not current); the download of ``file_name`` is
    written to the audit log (issue 22) under this session's user and page."""
    lang = current_language()
    log = audit.recorder("export", file_name)

    def run() -> bytes:
        with use_language(lang):
            data = make()
        log()
        return data
    return run


def download_buttons(df: pl.DataFrame, columns: list[Column], meta: ExportMeta, file_stem: str, key: str) -> None:
    """CSV and XLSX downloads of the table behind a chart, side by side. The files are written when a
    button is clicked, not on every run: writing them on each run cost more of a run's time than the
    charts (issue 12)."""
    exports.collect_table(df, columns, meta)
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(t("data.download_csv"), deferred(lambda: to_csv(df, columns, meta), file_stem + ".csv"),
                       file_name=file_stem + ".csv", mime="text/csv", key=key + "_csv")
    c2.download_button(t("data.download_excel"), deferred(lambda: to_xlsx(df, columns, meta), file_stem + ".xlsx"),
                       file_name=file_stem + ".xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=key + "_xlsx")


def download_tables(tables: list[Table], meta: ExportMeta, file_stem: str, key: str) -> None:
    """CSV (the tables one after the other) and XLSX (one sheet each) downloads of several tables, written when
    a button is clicked (as :func:`download_buttons`)."""
    exports.collect_tables(tables, meta)
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(t("data.download_csv"), deferred(lambda: tables_to_csv(meta, tables), file_stem + ".csv"),
                       file_name=file_stem + ".csv", mime="text/csv", key=key + "_csv")
    c2.download_button(t("data.download_excel"), deferred(lambda: tables_to_xlsx(meta, tables), file_stem + ".xlsx"),
                       file_name=file_stem + ".xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=key + "_xlsx")


def page_header(title_key: str) -> Filters:
    """Title, synthetic-data notice and '<area> · <municipality>' heading of an analysis page; stops the
    page (after the title) when the sidebar has no data to show."""
    filters: Filters | None = st.session_state.get("_filters")
    st.title(t(title_key))
    if filters is None:
        st.stop()
    synthetic_notice(filters)
    st.subheader(f"{filters.area_name} · {kommune_text(filters)}")
    return filters
