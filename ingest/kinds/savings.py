"""Kind savings: the savings plan's targets and its initiatives' expected and realised effects.

Stored sign: a reduction is positive. Committee papers write reductions as negative ("(-) = mindreudgift"),
other sheets as positive; the sign of the file's targets sets its convention (without targets, the sign of
its first effect), and a file written with reductions negative is turned around. A target or an effect of
the other sign is rejected with its row named (the file would otherwise mix the conventions). An amount
"-" (or "–") or an empty amount means "no figure yet" and is stored as null, never as 0.

A cost row (type ``omkostning``: an initiative's investment, such as training or transport) is written with
the sign opposite to the file's reductions and stored as a positive cost; its initiative's net effect is the
effect less the cost.

An expected effect without an initiative (no id, no name) is expected but not yet assigned to an initiative,
stored with the initiative id '' (domain.codes.UNASSIGNED_INITIATIVE); a realised effect always has its initiative.

An optional column ``segment`` names the part of the activity data an initiative works on, '<word>: <value>'
(domain.codes.SAVINGS_SEGMENT_DIMENSIONS: 'tilbudstype: Botilbud', 'funktion: 5.38.50'), so the page can set
the claimed effect beside what happened to that segment's cost. It belongs to an initiative: a target row with
one, an unknown word, or two segments for one initiative are rejected with the row named.
"""
from __future__ import annotations

import polars as pl

from domain.codes import SAVINGS_KINDS, SAVINGS_SEGMENT_DIMENSIONS, UNASSIGNED_INITIATIVE
from i18n import t as tr
from ingest.kinds.rows import Options, Reference, reject_cpr_outside, Rows, Table, cell_text, to_frame
from ingest.mappings import Mapping
from ingest.report import Report

#: what a savings amount cell may hold to say "no figure yet"
NO_FIGURE_YET = ("", "-", "–")


def file_sign(rows: list[tuple[int, str, float | None]]) -> float:
    """The sign that turns the file's amounts into the stored convention (reductions positive): -1 when the
    first non-zero target is negative (or, without targets, the first non-zero effect), else 1. rows: (row
    index, kind, amount)."""
    for wanted in ("target", None):
        for _, kind, amount in rows:
            if (wanted is None and kind != "cost" or kind == wanted) and amount:
                return -1.0 if amount < 0 else 1.0
    return 1.0


def parse_segment(text: str) -> tuple[str, str] | None:
    """'tilbudstype: Botilbud' -> ('tilbudstype', 'Botilbud'): the word (lower case, a key of
    SAVINGS_SEGMENT_DIMENSIONS) and the value as written; None when the word is unknown or the value empty."""
    word, sep, value = text.partition(":")
    word, value = word.strip().casefold(), value.strip()
    if not sep or word not in SAVINGS_SEGMENT_DIMENSIONS or not value:
        return None
    return word, value


def convert_savings(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    rows = Rows(t, m, rep)
    reject_cpr_outside(rows, None)
    out: list[dict] = []
    parsed: list[tuple[int, str, float | None]] = []
    segments: dict[str, str] = {}       # initiative id -> its segment (one per initiative)
    for i in range(len(t.rows)):
        year = rows.integer(i, "year", 1990, 2100)
        kind = rows.coded(i, "kind", SAVINGS_KINDS)
        if cell_text(rows.raw(i, "amount")) in NO_FIGURE_YET:
            amount, known = None, True
        else:
            amount = rows.within(i, "amount", rows.number(i, "amount"), "savings.amount", lambda: tr("import.what.amount"))
            known = amount is not None
        ini_id = rows.text(i, "initiative_id") if rows.has("initiative_id") else None
        ini = rows.text(i, "initiative") if rows.has("initiative") else None
        if kind == "expected" and not ini_id and not ini:
            ini_id = UNASSIGNED_INITIATIVE          # expected, not yet assigned to an initiative
        elif kind in ("expected", "realised", "cost") and not ini_id:
            rows.fail(i, "initiative_id" if rows.has("initiative_id") else "kind", ini_id, tr("import.expected.initiative_id"))
            continue
        if year is None or kind is None or not known:
            continue
        segment = rows.text(i, "segment") if rows.has("segment") else None
        if segment is not None:
            parsed_segment = parse_segment(segment)
            if kind == "target":
                rows.fail(i, "segment", segment, tr("import.expected.savings_segment_target"))
                continue
            if parsed_segment is None:
                rows.fail(i, "segment", segment, tr("import.expected.savings_segment",
                                                    words=", ".join(SAVINGS_SEGMENT_DIMENSIONS)))
                continue
            segment = f"{parsed_segment[0]}: {parsed_segment[1]}"
            if segments.setdefault(ini_id, segment) != segment:
                rows.fail(i, "segment", segment, tr("import.expected.savings_segment_one", segment=segments[ini_id]))
                continue
        parsed.append((i, kind, amount))
        out.append({"year": year, "kind": kind, "amount_dkk": amount, "initiative_id": ini_id,
                    "initiative": ini, "area": rows.text(i, "area") if rows.has("area") else None,
                    "segment": segment})
    sign = file_sign(parsed)
    for i, kind, amount in parsed:
        # a cost has the sign opposite to the file's reductions
        negative_expected = (sign < 0) != (kind == "cost")
        if amount and (amount < 0) != negative_expected:
            rows.fail(i, "amount", rows.raw(i, "amount"), tr(
                ("import.expected.savings_cost_" if kind == "cost" else "import.expected.savings_sign_")
                + ("negative" if negative_expected else "positive")))
    for row in out:
        if row["amount_dkk"] is not None:
            # stored: a reduction positive, a cost positive
            row["amount_dkk"] = row["amount_dkk"] * (0.0 - sign if row["kind"] == "cost" else sign)
    schema = {"year": pl.Int32, "kind": pl.String, "amount_dkk": pl.Float64, "initiative_id": pl.String,
              "initiative": pl.String, "area": pl.String, "segment": pl.String}
    return to_frame(out, schema), []
