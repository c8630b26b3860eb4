"""The shared sidebar: municipality, area, period and price base (bound to the URL), the language picker
and the app's style sheet; its choices reach the pages as one :class:`Filters`."""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl
import streamlit as st

import queries
from present.formatting import age_label, md_literal
from analysis.prices import PriceBase
from domain.codes import AGE_FILTERS, DEFAULT_REFUND_BASIS, REFUND_BASES, age_bands
from dashboard import auth
from dashboard.loaders import load_sidebar
from dashboard.query import db_problem, db_version, outdated_build, query
from dashboard.state import AGE, LANGUAGE_KEY, SIDEBAR, option_labels
from i18n import LANGUAGES, current_language, t


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
    first_year: int               # the municipality's first and last year with data (the sidebar's year range)
    last_year: int
    area_codes: tuple[str, ...]   # every area the sidebar offers
    refund_basis: str = DEFAULT_REFUND_BASIS   # a key of domain.codes.REFUND_BASES: net after or before state refunds
    age: str | None = None        # the age filter (domain.codes.AGE_FILTERS) on pages that offer it; None = all ages

    @property
    def params(self) -> dict:
        return {"kommune": self.kommune, "functions": self.functions,
                "from_year": self.from_year, "to_year": self.to_year,
                "dransts": list(REFUND_BASES[self.refund_basis]), "ages": age_bands(self.age)}

    @property
    def years(self) -> list[int]:
        """The municipality's years with data, first to last."""
        return list(range(self.first_year, self.last_year + 1))

    @property
    def price_label(self) -> str:
        if self.price_base.is_fixed:
            return t("sidebar.prices_fixed", year=self.price_base.base_year)
        return t("sidebar.prices_current")


def _language_picker() -> None:
    """Sprog/Language in the sidebar (each language named in itself), written to the URL as sprog=da|en."""
    st.sidebar.radio(t("app.language"), list(LANGUAGES), key=LANGUAGE_KEY, horizontal=True,
                     format_func=lambda lang: t(f"language.{lang}", lang))
    SIDEBAR.keep({LANGUAGE_KEY: st.session_state[LANGUAGE_KEY]})


STYLE_CSS = Path(__file__).resolve().parent / "style.css"


@functools.cache
def _style_tag() -> str:
    return "<style>" + STYLE_CSS.read_text(encoding="utf-8") + "</style>"


def sidebar(notices: list[str] | None = None, age_filter: bool = False) -> Filters | None:
    """The shared filters (municipality, area, period, price base; the age group when ``age_filter``: the page
    splits by segments) and, below them, the language, bound to the URL, and the app's style sheet
    (dashboard/style.css). ``notices``: notices collected before (the language's URL value), shown with the
    sidebar's own."""
    try:
        filters = _filters(list(notices or []))
        return filters if filters is None or not age_filter else _age_filter(filters)
    finally:
        _language_picker()
        # Markdown, not st.html: st.html is a lazily loaded component whose style can arrive after the KPI
        # cards (drawn cut off until then), while Markdown is what the cards' labels are made of
        st.sidebar.markdown(_style_tag(), unsafe_allow_html=True)
        _page_language()


# every chart gets an accessible name: its title (the SVG's text is no name a screen reader announces); charts
# arrive after the sidebar and are redrawn on every run, so an observer names each one as it appears
CHART_NAMES_JS = """<script>
(() => {
  if (window.__chartNames) return;
  window.__chartNames = true;
  let queued = false;
  const name = () => {
    queued = false;
    document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(el => {
      const title = el.querySelector('.gtitle');
      const text = title ? title.textContent.trim() : '';
      if (text && el.getAttribute('aria-label') !== text) {
        el.setAttribute('role', 'figure');
        el.setAttribute('aria-label', text);
      }
    });
  };
  new MutationObserver(() => { if (!queued) { queued = true; requestAnimationFrame(name); } })
    .observe(document.body, {childList: true, subtree: true});
  name();
})();
</script>"""


def _page_language() -> None:
    """The page's ``lang`` (html element) follows the run's language, so a screen reader reads Danish text as
    Danish; Streamlit's own page says "en". The value comes from i18n.LANGUAGES, never from the URL as typed."""
    lang = current_language()
    assert lang in LANGUAGES
    st.sidebar.html(f"<script>document.documentElement.lang = '{lang}';</script>" + CHART_NAMES_JS,
                    unsafe_allow_javascript=True)


def _age_filter(filters: Filters) -> Filters:
    """The age group (URL ``alder``; kept across pages that do not offer it): all ages, a group or a narrow cut."""
    options = ["alle", *AGE_FILTERS]
    notices: list[str] = []
    AGE.seed("alder", options, "alle", notices)
    st.sidebar.selectbox(t("sidebar.age"), options, key="alder", help=t("sidebar.age_help"),
                         format_func=option_labels("alder", options, lambda v: age_label(None if v == "alle" else v)))
    chosen = st.session_state["alder"]
    AGE.keep({"alder": chosen})
    for n in notices:
        st.info(n)
    return replace(filters, age=None if chosen == "alle" else chosen)


def _allowed_areas(functions: dict[str, list[str]], names: dict[str, str], notices: list[str]) -> list[str]:
    """The sidebar's areas (code -> its accounting functions) the session's role gives access to (issue 22): those
    whose every function lies in the role's areas. An address asking for another one is answered with a notice
    and the default area; no allowed area at all is said once (the run shows no data)."""
    access = auth.current()
    allowed = [c for c, fs in functions.items() if access.may_see(fs)]
    if not allowed:
        st.error(t("auth.no_areas", areas=", ".join(sorted(access.areas or ()))))
        return []
    asked = st.query_params.get("omraade")
    if asked in functions and asked not in allowed:
        del st.query_params["omraade"]
        if "omraade" not in st.session_state:
            shown = "5.38" if "5.38" in allowed else allowed[0]
            notices.append(t("auth.area_refused", area=md_literal(names.get(asked, asked)),
                             shown=md_literal(names[shown])))
    return allowed


def _filters(notices: list[str]) -> Filters | None:
    problem = db_problem()
    if problem is not None:
        st.error(problem)
        return None
    version = db_version()
    if version is None:
        st.error(t("status.no_database", path=md_literal(queries.database_path())))
        return None
    outdated = outdated_build(version)
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
    SIDEBAR.seed("kommune", codes, codes[0], notices)
    if len(codes) > 1:
        st.sidebar.selectbox(t("sidebar.municipality"), codes, key="kommune", format_func=lambda c: names[c])
    kommune = st.session_state["kommune"]
    row = munis.filter(pl.col("kommunekode") == kommune).row(0, named=True)

    areas = side.areas
    area_names = dict(zip(areas["area_code"].to_list(), areas["area_name"].to_list()))
    area_functions: dict[str, list[str]] = {}   # one pass in Python: a polars filter per area cost 10 ms a run
    for code, function in zip(areas["area_code"].to_list(), areas["function_code"].to_list()):
        area_functions.setdefault(code, []).append(function)
    area_codes = _allowed_areas(area_functions, area_names, notices)
    if not area_codes:
        return None
    SIDEBAR.seed("omraade", area_codes, "5.38" if "5.38" in area_codes else area_codes[0], notices,
                 reset_invalid=True)
    st.sidebar.selectbox(t("sidebar.area"), area_codes, key="omraade", format_func=lambda c: area_names[c])
    area = st.session_state["omraade"]
    functions = area_functions[area]

    years = list(range(int(row["first_year"]), int(row["last_year"]) + 1))
    SIDEBAR.seed("fra", years, years[0], notices)
    SIDEBAR.seed("til", years, years[-1], notices)
    c1, c2 = st.sidebar.columns(2)
    c1.selectbox(t("sidebar.from_year"), years, key="fra")
    c2.selectbox(t("sidebar.to_year"), years, key="til")
    from_year, to_year = sorted((st.session_state["fra"], st.session_state["til"]))
    if st.session_state["fra"] > st.session_state["til"]:
        # shown like every other value the app had to change, never swapped silently
        notices.append(t("notice.years_swapped", first=from_year, last=to_year))

    pl_rows = side.pl_index
    index = dict(zip(pl_rows["year"].to_list(), pl_rows["index_value"].to_list()))
    pl_source = ", ".join(sorted(set(pl_rows["source"].to_list()))) if not pl_rows.is_empty() else ""
    price_options = ["loebende"] + [f"faste-{y}" for y in sorted(index) if y in years or y == years[-1] + 1]
    SIDEBAR.seed("priser", price_options, "loebende", notices)
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

    bases = list(REFUND_BASES)
    SIDEBAR.seed("refusion", bases, DEFAULT_REFUND_BASIS, notices)
    st.sidebar.radio(t("sidebar.refund_basis"), bases, key="refusion", help=t("sidebar.refund_basis_help"),
                     format_func=option_labels("refusion", bases, lambda v: t(f"basis.{v}")))

    SIDEBAR.keep({"kommune": kommune, "omraade": area, "fra": from_year, "til": to_year,
                  "priser": price_base.url_value, "refusion": st.session_state["refusion"]})
    for n in notices:
        st.info(n)
    return Filters(
        kommune=kommune, kommune_name=names[kommune], is_synthetic=bool(row["is_synthetic"]),
        area_code=area, area_name=area_names[area], functions=functions,
        from_year=from_year, to_year=to_year, price_base=price_base, pl_index=index, pl_source=pl_source,
        first_year=years[0], last_year=years[-1], area_codes=tuple(area_codes),
        refund_basis=st.session_state["refusion"],
    )
