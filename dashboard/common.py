"""Shared pieces of every page: the database connection, cached queries, the sidebar filters and the UI
language with their URL state, the plotly template and the synthetic-data notice.

Cached query results hold data only (no labels), so they are shared by sessions in either language."""
from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
import streamlit as st

import queries
from present.exports import Column, ExportMeta, to_csv, to_xlsx
from present.formatting import PLOTLY_SEPARATORS, fmt_date, md_literal
from i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from analysis.prices import PriceBase
from dashboard.loaders import load_sidebar

ACCENT = "#1f5fa8"
GREY = "#a7adb5"
COST_UP = "#c0392b"
COST_DOWN = "#1e8449"


def _install_template() -> None:
    template = go.layout.Template(pio.templates["plotly_white"])
    template.layout.update(
        separators=PLOTLY_SEPARATORS,
        font=dict(family="Source Sans Pro, Arial, sans-serif", size=15),
        title=dict(font=dict(size=19)),
        colorway=[ACCENT, GREY, "#e39b2d", "#6c8ebf", "#8e6bbf", "#4f9d69"],
        margin=dict(l=70, r=30, t=70, b=60),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
        hoverlabel=dict(font_size=14),
    )
    pio.templates["dashboard"] = template
    pio.templates.default = "dashboard"


_install_template()


@st.cache_resource(max_entries=2, show_spinner=False, on_release=lambda con: con.close())
def _connection(version: str):
    return queries.connect_read_only(version)


def db_version() -> str | None:
    """The current database version (real file path), or None when no database exists or it cannot be
    served (db_problem says why)."""
    try:
        version = queries.database_version()
    except FileNotFoundError:
        return None
    return None if _version_problem(version) else version


@st.cache_resource(show_spinner=False)
def _first_seen() -> dict[str, tuple[int, int, int]]:
    """Version file -> (inode, size, mtime) when this process first served it (versions never change)."""
    return {}


def _identity(path: str) -> tuple[int, int, int]:
    info = os.stat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns


def _version_problem(version: str) -> bool:
    """True when the version file changed since the app first served it: the importer never changes a
    version in place, so it was damaged or altered, and cached figures from it must not be shown."""
    try:
        identity = _identity(version)
    except OSError:
        return True
    return _first_seen().setdefault(version, identity) != identity


def db_problem() -> str | None:
    """Why the database cannot be served, in words (None: it can, or there is none): the link points at a
    missing version, or the version file changed after it was written."""
    path = queries.database_path()
    if os.path.islink(path) and not path.exists():
        return t("status.database_dangling", path=md_literal(path), target=md_literal(os.readlink(path)))
    try:
        version = queries.database_version(path)
    except FileNotFoundError:
        return None
    if _version_problem(version):
        return t("status.database_changed", version=md_literal(Path(version).name), path=md_literal(path))
    return None


def unreadable(exc: Exception) -> None:
    """Say that the current version cannot be read (instead of a traceback) and stop the page."""
    version = queries.database_version() if queries.database_path().exists() else str(queries.database_path())
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    st.error(t("status.database_unreadable", version=md_literal(Path(version).name), error=md_literal(first),
               path=md_literal(queries.database_path())))
    st.stop()


@st.cache_data(max_entries=4, show_spinner=False)
def _outdated_build(version: str) -> list[str]:
    return queries.outdated_build_files(_connection(version))


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(version: str, name: str, params: tuple) -> pl.DataFrame:
    return queries.run(_connection(version), name, dict(params))


def query(name: str, params: dict | None = None) -> pl.DataFrame:
    """Run a named query on the current database version, cached on (version, name, params); a version
    DuckDB cannot read stops the page with a message."""
    version = db_version()
    if version is None:
        raise FileNotFoundError(str(queries.database_path()))
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (params or {}).items()))
    thawed = tuple((k, list(v) if isinstance(v, tuple) else v) for k, v in frozen)
    try:
        return _cached(version, name, thawed)
    except duckdb.Error as exc:
        unreadable(exc)
        raise


@dataclass(frozen=True)
class Filters:
    kommune: int
    kommune_name: str
    is_synthetic: bool
    area_code: str
    area_name: str
    functions: list[str]
    from_year: int
    to_year: int
    price_base: PriceBase
    pl_index: dict[int, float]
    pl_source: str

    @property
    def params(self) -> dict:
        return {"kommune": self.kommune, "functions": self.functions,
                "from_year": self.from_year, "to_year": self.to_year}

    @property
    def price_label(self) -> str:
        if self.price_base.is_fixed:
            return t("sidebar.prices_fixed", year=self.price_base.base_year)
        return t("sidebar.prices_current")


LABELLED_KEYS = "_labelled_widget_keys"


def option_labels(key: str, options: Iterable, label: Callable[[object], str]) -> Callable[[object], str]:
    """The format_func of widget ``key`` whose option texts come from the catalogue.

    The texts are made now, in this run's language, so a value formatted later outside the run (AppTest's
    widget serialisation runs on another thread) gets the same text as the options shown. ``key`` is
    remembered, so that :func:`seed_language` can carry the widget's value over a change of language."""
    st.session_state.setdefault(LABELLED_KEYS, set()).add(key)
    texts = {o: label(o) for o in options}
    return lambda v: texts[v] if v in texts else str(v)


def _from_url(key: str, valid: list, default, parse=lambda v: v, notices: list | None = None):
    """Seed a widget's session state from the URL once per session; invalid values -> default + notice."""
    if key in st.session_state:
        return
    raw = st.query_params.get(key)
    value = default
    if raw is not None:
        try:
            parsed = parse(raw)
        except (TypeError, ValueError):
            parsed = None
        if parsed in valid:
            value = parsed
        elif notices is not None:
            notices.append(url_notice(key, raw))
    st.session_state[key] = value


def url_notice(param: str, raw: str) -> str:
    """The notice for a URL value that does not exist; the value is shown as typed, never as Markdown."""
    return t("notice.invalid_url_value", param=md_literal(param), value=md_literal(raw))


LANGUAGE_KEY = "sprog"


def seed_language(notices: list[str]) -> str:
    """The session's UI language (``da`` or ``en``): the sidebar's choice, else (first run of a session)
    the URL's ``sprog``, else Danish; an invalid URL value falls back to Danish with a notice appended to
    ``notices``. app.py calls this first in every run and makes the result the current language."""
    _from_url(LANGUAGE_KEY, list(LANGUAGES), DEFAULT_LANGUAGE, str, notices)
    lang = st.session_state[LANGUAGE_KEY]
    if st.session_state.get("_language", lang) != lang:
        # The browser identifies a keyed widget's value by its option *text*, which is about to change. Read
        # each such value now (still decoded with the previous run's texts) and set it again, so that the
        # widget sends its new text to the browser; otherwise the next run could not decode the old text
        # and the widget would fall back to its first option (e.g. the price base to current prices).
        for key in st.session_state.get(LABELLED_KEYS, set()):
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state["_language"] = lang
    return lang


def _language_picker() -> None:
    """Sprog/Language in the sidebar (each language named in itself), written to the URL as sprog=da|en."""
    st.sidebar.radio(t("app.language"), list(LANGUAGES), key=LANGUAGE_KEY, horizontal=True,
                     format_func=lambda lang: t(f"language.{lang}", lang))
    st.query_params[LANGUAGE_KEY] = st.session_state[LANGUAGE_KEY]


STYLE_CSS = Path(__file__).resolve().parent / "style.css"


@functools.cache
def _style_tag() -> str:
    return "<style>" + STYLE_CSS.read_text(encoding="utf-8") + "</style>"


def sidebar(notices: list[str] | None = None) -> Filters | None:
    """The shared filters (municipality, area, period, price base) and, below them, the language, bound to
    the URL, and the app's style sheet (dashboard/style.css). ``notices``: notices collected before (the
    language's URL value), shown with the sidebar's own."""
    try:
        return _filters(list(notices or []))
    finally:
        _language_picker()
        # Markdown, not st.html: st.html is a lazily loaded component whose style can arrive after the KPI
        # cards (drawn cut off until then), while Markdown is what the cards' labels are made of
        st.sidebar.markdown(_style_tag(), unsafe_allow_html=True)


def _filters(notices: list[str]) -> Filters | None:
    problem = db_problem()
    if problem is not None:
        st.error(problem)
        return None
    version = db_version()
    if version is None:
        st.error(t("status.no_database", path=md_literal(queries.database_path())))
        return None
    try:
        outdated = _outdated_build(version)
    except duckdb.Error as exc:
        unreadable(exc)
        raise
    if outdated:
        st.error(t("status.database_outdated", files=md_literal(", ".join(outdated))))
        return None
    side = load_sidebar(query)
    munis = side.municipalities
    if munis.is_empty():
        st.warning(t("status.no_data"))
        return None
    codes = munis["kommunekode"].to_list()
    names = dict(zip(codes, munis["name"].to_list()))
    _from_url("kommune", codes, codes[0], int, notices)
    if len(codes) > 1:
        st.sidebar.selectbox(t("sidebar.municipality"), codes, key="kommune", format_func=lambda c: names[c])
    kommune = st.session_state["kommune"]
    row = munis.filter(pl.col("kommunekode") == kommune).row(0, named=True)

    areas = side.areas
    area_names = dict(zip(areas["area_code"].to_list(), areas["area_name"].to_list()))
    area_codes = list(dict.fromkeys(areas["area_code"].to_list()))
    _from_url("omraade", area_codes, "5.38" if "5.38" in area_codes else area_codes[0], str, notices)
    st.sidebar.selectbox(t("sidebar.area"), area_codes, key="omraade", format_func=lambda c: area_names[c])
    area = st.session_state["omraade"]
    functions = areas.filter(pl.col("area_code") == area)["function_code"].to_list()

    years = list(range(int(row["first_year"]), int(row["last_year"]) + 1))
    _from_url("fra", years, years[0], int, notices)
    _from_url("til", years, years[-1], int, notices)
    c1, c2 = st.sidebar.columns(2)
    c1.selectbox(t("sidebar.from_year"), years, key="fra")
    c2.selectbox(t("sidebar.to_year"), years, key="til")
    from_year, to_year = sorted((st.session_state["fra"], st.session_state["til"]))

    pl_rows = side.pl_index
    index = dict(zip(pl_rows["year"].to_list(), pl_rows["index_value"].to_list()))
    pl_source = ", ".join(sorted(set(pl_rows["source"].to_list()))) if not pl_rows.is_empty() else ""
    price_options = ["loebende"] + [f"faste-{y}" for y in sorted(index) if y in years or y == years[-1] + 1]
    _from_url("priser", price_options, "loebende", str, notices)
    st.sidebar.selectbox(
        t("sidebar.prices"), price_options, key="priser",
        format_func=option_labels("priser", price_options, lambda v: t("sidebar.prices_current") if v == "loebende"
                                  else t("sidebar.prices_fixed", year=v[6:])),
    )
    if not index:
        st.sidebar.caption(t("status.pl_missing"))
    price_base = PriceBase.parse(st.session_state["priser"]) or PriceBase(None)
    if pl_source:
        st.sidebar.caption(t("sidebar.pl_source", source=md_literal(pl_source)))

    st.query_params.update({
        "kommune": str(kommune), "omraade": area, "fra": str(from_year), "til": str(to_year),
        "priser": price_base.url_value,
    })
    for n in notices:
        st.info(n)
    return Filters(
        kommune=kommune, kommune_name=names[kommune], is_synthetic=bool(row["is_synthetic"]),
        area_code=area, area_name=area_names[area], functions=functions,
        from_year=from_year, to_year=to_year, price_base=price_base, pl_index=index, pl_source=pl_source,
    )


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


def download_buttons(df: pl.DataFrame, columns: list[Column], meta: ExportMeta, file_stem: str, key: str) -> None:
    """CSV and XLSX downloads of the table behind a chart, side by side."""
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(t("data.download_csv"), to_csv(df, columns, meta), file_name=file_stem + ".csv",
                       mime="text/csv", key=key + "_csv")
    c2.download_button(t("data.download_excel"), to_xlsx(df, columns, meta), file_name=file_stem + ".xlsx",
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
