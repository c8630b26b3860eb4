"""The app's pages, one row each: app.py's navigation, the language tests and the benchmark's browser run
all read this list, so a page is added here and in its own file, dashboard/pages/<English stem>.py.

No streamlit here: the titles are catalogue keys, made into text by app.py in the run's language."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page of the app.

    ``url_path`` is its Danish address (``/udvikling``), ``title_key`` the catalogue key of its title,
    ``stem`` the English name code uses for it (file, label prefix, loader, queries, tests): the page's file
    is dashboard/pages/<stem>.py. ``kpis`` and ``charts``: its first render shows KPI metrics / plotly
    charts (what the benchmark's browser run and the browser tests wait for). ``needs``: the flag of
    domain.access.Access a user must have to see the page (issue 22); without it the page is left out of the
    navigation and refused by its address."""

    url_path: str
    title_key: str
    stem: str
    icon: str | None = None
    default: bool = False
    kpis: bool = False
    charts: bool = False
    age_filter: bool = False    # the sidebar offers the age group (pages that split by segments)
    needs: str | None = None      # an Access flag the page needs ('citizen_level', 'admin'), None: everyone

    @property
    def file(self) -> str:
        """The page's script relative to the repository (app.py's folder), as st.Page and AppTest want it."""
        return f"dashboard/pages/{self.stem}.py"

    @property
    def path(self) -> str:
        """The address a browser opens: the default page is served at ``/``."""
        return "/" if self.default else "/" + self.url_path


PAGES: tuple[Page, ...] = (
    Page("overblik", "page.overview", "overview", default=True, kpis=True, charts=True),
    Page("udvikling", "page.trend", "trend", kpis=True, charts=True),
    Page("dekomponering", "page.decomposition", "decomposition", kpis=True, charts=True, age_filter=True),
    Page("udgiftsdrivere", "page.drivers", "drivers", kpis=True, charts=True, age_filter=True),
    Page("dyre-sager", "page.cases", "cases", kpis=True, age_filter=True, needs="citizen_level"),
    Page("sammenligning", "page.comparison", "comparison", kpis=True, charts=True),
    Page("genopretning", "page.savings", "savings", charts=True),
    Page("prognose", "page.prognose", "prognose", charts=True),
    Page("om-tallene", "page.about", "about"),
    Page("data", "page.data", "data"),
    Page("administration", "page.admin", "admin", needs="admin"),
)


def page(stem: str) -> Page:
    """The page whose English stem is ``stem`` ('trend' -> the Udgiftsudvikling page)."""
    for p in PAGES:
        if p.stem == stem:
            return p
    raise KeyError(stem)
