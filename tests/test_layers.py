"""The layers hold: analysis/ returns numbers and codes (it imports neither the catalogue nor present/), and
present/ is pure (it imports neither streamlit nor the pages). Checked on the import statements (AST) of
every module; a failure lists every offender as file:line -> module."""
from __future__ import annotations

import ast

from tests.conftest import REPO

#: package -> top-level modules its code may not import
FORBIDDEN = {
    "analysis": ("i18n", "present", "streamlit", "dashboard"),
    "present": ("streamlit", "dashboard"),
}


def offenders(source: str, forbidden: tuple[str, ...], name: str = "<source>") -> list[str]:
    """'name:line -> module' for every import of a forbidden top-level module (also inside functions)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        found += [f"{name}:{node.lineno} -> {m}" for m in modules if m.split(".")[0] in forbidden]
    return found


def test_analysis_and_present_import_only_what_their_layer_may():
    found = []
    for package, forbidden in FORBIDDEN.items():
        for path in sorted((REPO / package).rglob("*.py")):
            found += offenders(path.read_text(encoding="utf-8"), forbidden, str(path.relative_to(REPO)))
    assert not found, "imports across the layers:\n" + "\n".join(found)


def test_the_layer_check_can_fail():
    source = "import polars as pl\nfrom i18n import t\n\ndef f():\n    import present.formatting\n    from present import Kpi\n"
    assert offenders(source, FORBIDDEN["analysis"]) == ["<source>:2 -> i18n", "<source>:5 -> present.formatting",
                                                        "<source>:6 -> present"]
    assert offenders("from analysis import segments\n", FORBIDDEN["analysis"]) == []


def test_the_sidebar_filters_are_a_context_for_the_views():
    """The pages pass dashboard.sidebar.Filters to the view builders as their context."""
    import dataclasses

    from dashboard.sidebar import Filters
    from present import CONTEXT_ATTRIBUTES

    names = {f.name for f in dataclasses.fields(Filters)} | {n for n in dir(Filters) if not n.startswith("_")}
    assert not set(CONTEXT_ATTRIBUTES) - names, set(CONTEXT_ATTRIBUTES) - names
