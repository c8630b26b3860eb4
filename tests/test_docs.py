"""The README stays honest: its pages table, import kinds, shipped mappings and URL parameters are checked
against the lists the code reads (dashboard/registry.py, domain/codes.py, data/reference/mappings/,
dashboard/state.py). Each test lists every difference at once."""
from __future__ import annotations

import re

from dashboard import state
from dashboard.registry import PAGES
from domain.codes import IMPORT_KINDS
from i18n import t
from settings import MAPPING_DIR
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + len(title))
    return README[start:end if end > 0 else None]


def _table_rows(text: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header line starts with ``header``, as lists of cell texts."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def test_pages_table_names_every_page_in_the_apps_order():
    named = [re.sub(r"\*\*(.+)\*\*", r"\1", row[0]) for row in _table_rows(_section("## Sider / Pages"), "| side |")]
    assert named == [t(p.title_key, "da") for p in PAGES]


def test_canonical_files_table_names_every_import_kind():
    kinds = [row[0] for row in _table_rows(README, "| kind | columns |")]
    assert kinds == list(IMPORT_KINDS)


def test_every_shipped_mapping_is_named():
    missing = []
    for path in sorted(MAPPING_DIR.glob("*.toml")):
        kind, _, name = path.stem.partition("_")
        if name == "standard":
            continue                      # the canonical files, one section for all kinds
        if f"`{path.stem}`" not in README and f"--mapping {name}" not in README:
            missing.append(path.stem)
    assert not missing, f"mappings the README does not name: {missing}"


def test_url_parameters_table_matches_the_declared_state():
    rows = {row[0]: re.findall(r"`(\w+)`", row[1]) for row in _table_rows(README, "| address | URL parameters |")}
    expected = {"every page (sidebar)": list(state.SIDEBAR.params)}
    for page in PAGES:
        declared = getattr(state, page.stem.upper(), None)
        if declared is not None:
            expected[f"`/{page.url_path}`"] = list(declared.params)
    assert rows == expected


def test_the_checks_can_fail():
    assert _table_rows("| a | b |\n| --- | --- |\n| x | y |\nend", "| a |") == [["x", "y"]]
    assert re.findall(r"`(\w+)`", "`a`, `b`") == ["a", "b"]
