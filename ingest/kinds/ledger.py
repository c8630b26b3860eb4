"""Kind ledger: the finance system's postings or monthly amounts (actuals and budgets)."""
from __future__ import annotations

import polars as pl

from domain.codes import AMOUNT_KINDS
from i18n import t as tr
from ingest.kinds.rows import function_of, kommune_of, Options, Reference, reject_cpr_outside, Rows, Table, to_frame
from ingest.mappings import Mapping
from ingest.report import Report


def convert_ledger(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    """Ledger rows with amounts by ledger_amount's rule (whole øre, rounded once; 10^16 kr. or more
    rejects the file), the same rules and messages as ingest.fast_ledger."""
    rows = Rows(t, m, rep)
    rows.skip_unknown = opts.skip_unknown_functions
    reject_cpr_outside(rows, None)
    out: list[dict] = []
    skipped: list[int] = []
    for i in range(len(t.rows)):
        kommune = kommune_of(rows, i, ref, opts)
        year = rows.integer(i, "year", 1990, 2100)
        month = rows.integer(i, "month", 1, 12)
        key = function_of(rows, i, "account", ref, skipped)
        dranst = key[1] if key else None
        if key and dranst is None:
            if rows.has("dranst"):
                dranst = rows.integer(i, "dranst", 1, 9)
            else:
                rows.fail(i, "account", rows.raw(i, "account"), tr("import.expected.account_key_dranst"))
        kind = rows.coded(i, "amount_kind", AMOUNT_KINDS)
        amount = rows.amount(i, "amount")
        if None in (kommune, year, month, key, dranst, kind, amount):
            continue
        out.append({
            "source_row": t.line_numbers[i], "kommunekode": kommune, "year": year, "month": month,
            "function_code": key[0], "dranst": dranst, "gruppering": key[2],
            "art": rows.text(i, "art"), "amount_dkk": amount[0], "amount_kind": kind,
            "cost_center": rows.text(i, "cost_center"), "provider": rows.text(i, "provider"),
            "text": rows.text(i, "text"), "amount_rounded": amount[1],
        })
    return to_frame(out, LEDGER_SCHEMA), skipped


# amount_rounded (not a ledger column) marks the rows whose amount was rounded to whole øre, for the summary
LEDGER_SCHEMA = {"source_row": pl.Int32, "kommunekode": pl.Int32, "year": pl.Int32, "month": pl.Int32,
                 "function_code": pl.String, "dranst": pl.Int32, "gruppering": pl.String, "art": pl.String,
                 "amount_dkk": pl.Decimal(18, 2), "amount_kind": pl.String, "cost_center": pl.String,
                 "provider": pl.String, "text": pl.String, "amount_rounded": pl.Boolean}
