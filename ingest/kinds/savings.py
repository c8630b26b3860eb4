"""Kind savings: the savings plan's targets and its initiatives' expected and realised effects."""
from __future__ import annotations

import polars as pl

from domain.codes import SAVINGS_KINDS
from i18n import t as tr
from ingest.kinds.rows import Options, Reference, reject_cpr_outside, Rows, Table, to_frame
from ingest.mappings import Mapping
from ingest.report import Report


def convert_savings(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    rows = Rows(t, m, rep)
    reject_cpr_outside(rows, None)
    out: list[dict] = []
    for i in range(len(t.rows)):
        year = rows.integer(i, "year", 1990, 2100)
        kind = rows.coded(i, "kind", SAVINGS_KINDS)
        amount = rows.within(i, "amount", rows.number(i, "amount"), "savings.amount", lambda: tr("import.what.amount"))
        ini_id = rows.text(i, "initiative_id") if rows.has("initiative_id") else None
        ini = rows.text(i, "initiative") if rows.has("initiative") else None
        if kind in ("expected", "realised") and not ini_id:
            rows.fail(i, "initiative_id" if rows.has("initiative_id") else "kind", ini_id, tr("import.expected.initiative_id"))
            continue
        if None in (year, kind, amount):
            continue
        out.append({"year": year, "kind": kind, "amount_dkk": amount, "initiative_id": ini_id,
                    "initiative": ini, "area": rows.text(i, "area") if rows.has("area") else None})
    schema = {"year": pl.Int32, "kind": pl.String, "amount_dkk": pl.Float64, "initiative_id": pl.String,
              "initiative": pl.String, "area": pl.String}
    return to_frame(out, schema), []
