"""No Python UDF on a page's path (issue 12): the polars entry points that run a Python callable, a source scan
that finds calls of them, and a patch that makes them raise while AppTest runs a page.

Why: polars runs a UDF on its thread pool, where it must take the GIL, while `DataFrame.to_pandas()` (what
st.dataframe calls) holds the GIL and waits for that pool. With several sessions at once the server
deadlocked (polars 2.1.0; bench/repro_polars_hang.py). Pages build texts with
present.formatting.fmt_values (plain Python in the run's thread) and labels with replace_strict instead.
"""
from __future__ import annotations

import ast
from pathlib import Path

import polars as pl
from polars.dataframe.group_by import GroupBy
from polars.lazyframe.group_by import LazyGroupBy

# methods that take a Python callable and run it inside polars (any receiver: the scan cannot know types)
UDF_METHODS = frozenset({"map_elements", "map_batches", "map_groups", "map_rows", "map_columns", "rolling_map",
                         "apply"})
# functions of the polars module that do the same (pl.fold(acc, lambda a, b: ..., exprs))
UDF_FUNCTIONS = frozenset({"map_batches", "map_groups", "fold", "reduce", "cum_fold", "cum_reduce"})
POLARS_NAMES = frozenset({"pl", "polars"})

# what ban_udfs patches: every polars entry point above that exists in the installed version, plus Expr.map
PATCHED = [(owner, name) for owner, names in [
    (pl.Expr, ("map_elements", "map_batches", "rolling_map", "map")),
    (pl.Series, ("map_elements",)),
    (pl.DataFrame, ("map_rows", "map_columns")),
    (pl.LazyFrame, ("map_batches",)),
    (GroupBy, ("map_groups",)),
    (LazyGroupBy, ("map_groups",)),
    (pl, tuple(UDF_FUNCTIONS)),
] for name in names if hasattr(owner, name)]


def udf_calls(source: str, filename: str = "<source>") -> list[str]:
    """'file:line: call' for each call of a UDF method on anything, or of a UDF function of pl/polars."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        attr, receiver = node.func.attr, node.func.value
        if attr in UDF_METHODS or (attr in UDF_FUNCTIONS and isinstance(receiver, ast.Name)
                                   and receiver.id in POLARS_NAMES):
            found.append(f"{filename}:{node.lineno}: {ast.unparse(node.func)}(...)")
    return found


def udf_calls_in(paths: list[Path], root: Path) -> list[str]:
    """udf_calls of every .py file under the given files and folders, named relative to root."""
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*.py")))
    return [hit for f in files for hit in udf_calls(f.read_text(encoding="utf-8"), str(f.relative_to(root)))]


class PythonUdfCalled(AssertionError):
    pass


def ban_udfs(monkeypatch) -> None:
    """Make every polars UDF entry point raise PythonUdfCalled for the rest of the test (process-wide, so
    also in AppTest's script thread)."""
    for owner, name in PATCHED:
        def refuse(*args, _name=f"{getattr(owner, '__name__', owner)}.{name}", **kwargs):
            raise PythonUdfCalled(f"{_name}: a Python UDF on a page's path (issue 12); use fmt_values or "
                                  "replace_strict instead")
        monkeypatch.setattr(owner, name, refuse)
