"""The app's pages, one row each: app.py's navigation, the language tests and the benchmark's browser run
all read this list, so a page is added here (and in its own file) and nowhere else.

No streamlit here: the titles are catalogue keys, made into text by app.py in the run's language."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Page:
    """One page of the app.

    ``file`` is relative to the repository (app.py's folder, as st.Page and AppTest.switch_page want it),
    ``url_path`` the Danish address (``/udvikling``), ``title_key`` the catalogue key of its title, ``stem``
    the English name code uses for it (label prefix, loader, queries, tests). ``kpis`` and ``charts``: its
    first render shows KPI metrics / plotly charts (what the benchmark's browser run waits for)."""

    file: str
    url_path: str
    title_key: str
    stem: str
    icon: str | None = None
    default: bool = False
    kpis: bool = False
    charts: bool = False

    @property
    def path(self) -> str:
        """The address a browser opens: the default page is served at ``/``."""
        return "/" if self.default else "/" + self.url_path


PAGES: tuple[Page, ...] = (
    Page("dashboard/overblik.py", "overblik", "page.overview", "overview", default=True, kpis=True, charts=True),
    Page("dashboard/udvikling.py", "udvikling", "page.trend", "trend", kpis=True, charts=True),
    Page("dashboard/dekomponering.py", "dekomponering", "page.decomposition", "decomposition", kpis=True,
         charts=True),
    Page("dashboard/sammenligning.py", "sammenligning", "page.comparison", "comparison", kpis=True, charts=True),
    Page("dashboard/om_tallene.py", "om-tallene", "page.about", "about"),
    Page("dashboard/data.py", "data", "page.data", "data"),
)


def page(stem: str) -> Page:
    """The page whose English stem is ``stem`` ('trend' -> the Udgiftsudvikling page)."""
    for p in PAGES:
        if p.stem == stem:
            return p
    raise KeyError(stem)
