"""Kinds socio-index and pl-index: the socio-economic index per municipality and year, the PL index per year."""
from __future__ import annotations

import polars as pl

from i18n import t as tr
from ingest.kinds.rows import (kommune_of, Options, plain_number, Reference, reject_cpr_outside, Rows, Table,
                               to_frame, year_of)
from ingest.mappings import Mapping
from ingest.report import Report


def convert_socio_index(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    rows = Rows(t, m, rep)
    reject_cpr_outside(rows, None)
    out: list[dict] = []
    for i in range(len(t.rows)):
        kommune = kommune_of(rows, i, ref, opts, allow_areas=True)
        year = year_of(rows, i, opts, 1900)
        value = rows.within(i, "index_value", rows.number(i, "index_value"), "socio-index.index_value",
                            lambda: tr("import.what.index"))
        if None in (kommune, year, value):
            continue
        out.append({"kommunekode": kommune, "year": year, "index_value": value, "is_synthetic": opts.synthetic})
    schema = {"kommunekode": pl.Int32, "year": pl.Int32, "index_value": pl.Float64, "is_synthetic": pl.Boolean}
    return to_frame(out, schema), []


def convert_pl_index(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    rows = Rows(t, m, rep)
    reject_cpr_outside(rows, None)
    out: list[dict] = []
    seen: set[int] = set()
    for i in range(len(t.rows)):
        year = rows.integer(i, "year", 1900, 2100)
        value = rows.within(i, "index_value", rows.number(i, "index_value"), "pl-index.index_value",
                            lambda: tr("import.what.index"))
        if year in seen:
            rows.fail(i, "year", year, tr("import.expected.one_index_a_year"))
            continue
        if None in (year, value):
            continue
        seen.add(year)
        source = (rows.text(i, "source") if rows.has("source") else None) or opts.source or "ukendt kilde"
        out.append({"year": year, "index_value": value, "source": source, "_i": i})
    if out:
        low, high = min(out, key=lambda r: r["index_value"]), max(out, key=lambda r: r["index_value"])
        ratio = high["index_value"] / low["index_value"]
        rows.within(high["_i"], "index_value", ratio, "pl-index.ratio",
                    tr("import.what.pl_ratio", high=plain_number(high["index_value"]), high_year=high["year"],
                      low=plain_number(low["index_value"]), low_year=low["year"], line=t.line_numbers[low["_i"]],
                      ratio=plain_number(round(ratio, 1))), raw=high["index_value"])
    schema = {"year": pl.Int32, "index_value": pl.Float64, "source": pl.String}
    return to_frame([{k: v for k, v in r.items() if k != "_i"} for r in out], schema), []
