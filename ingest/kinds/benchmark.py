"""Kind benchmark: other municipalities' figures per function (Statbank) or named key figures (noegletal)."""
from __future__ import annotations

import polars as pl

from i18n import t as tr
from ingest.kinds.rows import (cell_text, function_of, kommune_of, Options, Reference, reject_cpr_outside, Rows,
                               Table, to_frame, year_of)
from ingest.mappings import BENCHMARK_UNITS, key_figure_key, Mapping
from ingest.report import Report


def convert_benchmark(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    if m.key_figures:
        return _convert_key_figures(t, m, rep, ref, opts)
    rows = Rows(t, m, rep)
    rows.skip_unknown = opts.skip_unknown_functions
    reject_cpr_outside(rows, None)
    out: list[dict] = []
    missing_values: list[int] = []
    skipped: list[int] = []
    for i in range(len(t.rows)):
        kommune = kommune_of(rows, i, ref, opts, allow_areas=True)
        year = year_of(rows, i, opts)
        key = function_of(rows, i, "function", ref, skipped)
        unit = rows.coded(i, "unit", BENCHMARK_UNITS)
        if rows.is_missing_marker(i, "value"):
            missing_values.append(i)
            continue
        value = rows.number(i, "value")
        if unit is not None:
            value = rows.within(i, "value", value, _benchmark_range(unit), lambda: tr("import.what.value"))
        dranst = None
        if rows.has("dranst") and not rows.missing(i, "dranst"):
            dranst = (rows.text(i, "dranst") or "").split(" ", 1)[0] or None
        if None in (kommune, year, key, unit, value):
            continue
        out.append(_benchmark_row(t, i, kommune, year, key[0], value, unit, "current", dranst, None, opts))
    return to_frame(out, BENCHMARK_SCHEMA), skipped + missing_values


def _benchmark_range(unit: str) -> str:
    """The plausible range of a benchmark value in ``unit`` (per inhabitant of any age group alike)."""
    return "benchmark." + ("dkk_per_inhabitant" if unit.startswith("dkk_per_inhabitant") else unit)


BENCHMARK_SCHEMA = {"source_row": pl.Int32, "kommunekode": pl.Int32, "year": pl.Int32, "function_code": pl.String,
                    "measure": pl.String, "value": pl.Float64, "unit": pl.String, "price_unit": pl.String,
                    "dranst": pl.String, "key_figure": pl.String, "is_synthetic": pl.Boolean, "source": pl.String}


def _benchmark_row(t: Table, i: int, kommune: int, year: int, function_code: str, value: float, unit: str,
                   price_unit: str, dranst: str | None, key_figure: str | None, opts: Options) -> dict:
    return {"source_row": t.line_numbers[i], "kommunekode": kommune, "year": year, "function_code": function_code,
            "measure": "net_expenditure", "value": value, "unit": unit, "price_unit": price_unit, "dranst": dranst,
            "key_figure": key_figure, "is_synthetic": opts.synthetic, "source": opts.source}


def _convert_key_figures(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    """Key-figure rows (kommunekode;aar;noegletal;vaerdi): the mapping's [key_figures] table gives each
    name's function or area, unit and prices. A name not in that table rejects the file (or, with
    --skip-unknown-functions, the row is counted as not loaded)."""
    bad = [f"{k.name!r} ({k.area})" for k in m.key_figures.values()
           if k.area not in ref.known_functions and k.area not in ref.areas]
    if bad:
        rep.add(None, None, None, tr("import.key_figures.unknown_areas", mapping=m.name, bad=", ".join(bad),
                                    areas=", ".join(sorted(ref.areas))))
        return to_frame([], BENCHMARK_SCHEMA), []
    rows = Rows(t, m, rep)
    reject_cpr_outside(rows, None)
    names = ", ".join(repr(k.name) for k in m.key_figures.values())
    out: list[dict] = []
    not_loaded: list[int] = []
    for i in range(len(t.rows)):
        kommune = kommune_of(rows, i, ref, opts, allow_areas=True)
        year = year_of(rows, i, opts)
        name = rows.text(i, "key_figure", required=True)
        figure = m.key_figures.get(key_figure_key(name)) if name is not None else None
        if name is not None and figure is None:
            if opts.skip_unknown_functions:
                not_loaded.append(i)
                continue
            rows.fail(i, "key_figure", name, tr("import.expected.key_figure", mapping=m.name, names=names))
        if cell_text(rows.raw(i, "value")) in m.zero_markers:  # checked first: noegletal.dk's '-' means 0, not missing
            value: float | None = 0.0
        elif rows.is_missing_marker(i, "value"):
            not_loaded.append(i)
            continue
        else:
            value = rows.number(i, "value")
            if figure is not None:
                value = rows.within(i, "value", value, _benchmark_range(figure.unit),
                                    lambda: tr("import.what.value_of", name=repr(figure.name)))
        if None in (kommune, year, figure, value):
            continue
        out.append(_benchmark_row(t, i, kommune, year, figure.area, value, figure.unit, figure.price_unit, None,
                                  figure.name, opts))
    return to_frame(out, BENCHMARK_SCHEMA), not_loaded
