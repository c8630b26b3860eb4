"""Suppression of small counts (issue 22): which cells of a table are hidden for a user without
citizen-level access, so that no shown figure describes fewer than ``threshold`` citizens.

Rule, per group of rows whose sum is shown elsewhere (a table's total, a KPI, the other rows of a year):
1. primary: a row whose distinct-citizen count is 1..threshold-1 is hidden (``small``);
2. secondary: while the hidden rows of a group are exactly one, or their citizens add up to fewer than
   ``threshold``, the shown row with the fewest citizens (ties: the first in the frame's order) is hidden
   too, so the total minus the shown rows reveals only an aggregate of at least ``threshold`` citizens and
   never a single hidden row. A group whose rows all have fewer citizens than ``threshold`` in total stays
   hidden as a whole; whoever shows the group's total hides it by the same rule one level up.
Rows with 0 citizens are shown (their figures are 0 or empty and describe no one).

Numbers only: present/ turns the flags into "<5" and the note under the table. No streamlit.
"""
from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from domain.access import SUPPRESSION_THRESHOLD

#: The columns :func:`suppress` adds: ``small`` (fewer than the threshold) and ``suppressed`` (hidden: small
#: or secondary).
SMALL, SUPPRESSED = "small", "suppressed"


def suppressed_rows(counts: Sequence[int | None], threshold: int = SUPPRESSION_THRESHOLD,
                    hidden: Sequence[bool] | None = None) -> tuple[list[bool], list[bool]]:
    """(small, suppressed) flags for one group's rows from their distinct-citizen ``counts`` (None: unknown,
    treated as small), by the rule in the module docstring; ``hidden``: rows already hidden (by another
    count of the same rows), kept hidden and counted with the others."""
    small = [c is None or 0 < c < threshold for c in counts]
    hidden = [s or bool(h) for s, h in zip(small, hidden or [False] * len(counts))]

    def needs_more() -> bool:
        # only hidden rows with citizens in this count hide something here (a row of 0 adds nothing)
        n = sum(1 for c, h in zip(counts, hidden) if h and (c is None or c > 0))
        return n > 0 and (n == 1 or sum(c or 0 for c, h in zip(counts, hidden) if h) < threshold)

    while needs_more():
        candidates = [(c, i) for i, (c, h) in enumerate(zip(counts, hidden)) if not h and c]
        if not candidates:
            break
        hidden[min(candidates)[1]] = True
    return small, hidden


def suppress(frame: pl.DataFrame, count: str | Sequence[str], values: Sequence[str], within: Sequence[str] = (),
             threshold: int = SUPPRESSION_THRESHOLD) -> pl.DataFrame:
    """``frame`` with the flags ``small`` and ``suppressed`` added and, in suppressed rows, the ``count``
    columns and ``values`` set to null. ``count``: one column of distinct citizens, or several (one per
    year of a row that shows two years): each is a total of its own, so the rule holds for each, and a row
    hidden for one is hidden for all (repeated until no count hides another row). ``within``: the columns
    whose value combinations form the groups of the secondary rule (none: the whole frame is one group).
    The frame's row order is kept."""
    counts = [count] if isinstance(count, str) else list(count)
    flags_small = [False] * frame.height
    flags_hidden = [False] * frame.height
    indexed = frame.with_row_index("_row")
    groups = indexed.group_by(list(within), maintain_order=True) if within else [((), indexed)]
    for _, part in groups:
        rows = part["_row"].to_list()
        small, hidden = [False] * len(rows), [False] * len(rows)
        changed = True
        while changed:
            before = list(hidden)
            for c in counts:
                s, hidden = suppressed_rows(part[c].to_list(), threshold, hidden)
                small = [a or b for a, b in zip(small, s)]
            changed = hidden != before
        for row, s, h in zip(rows, small, hidden):
            flags_small[row], flags_hidden[row] = s, h
    return frame.with_columns(pl.Series(SMALL, flags_small, dtype=pl.Boolean),
                              pl.Series(SUPPRESSED, flags_hidden, dtype=pl.Boolean)).with_columns(
        pl.when(pl.col(SUPPRESSED)).then(None).otherwise(pl.col(c)).alias(c) for c in [*counts, *values])


def suppress_nested(frame: pl.DataFrame, count: str, values: Sequence[str], within: Sequence[str],
                    order: str, threshold: int = SUPPRESSION_THRESHOLD) -> pl.DataFrame:
    """:func:`suppress` for cumulative rows, each holding the rows after it (citizens with cost of at least
    t, for rising t): within each group, walking from the last row (the fewest citizens) to the first by
    ``order``, a row is shown only when its citizens are 0 or at least ``threshold`` and differ from those
    of the last shown row by 0 or at least ``threshold``, so no difference of two shown rows describes 1 to
    threshold-1 citizens. ``small``: the row's own count is 1..threshold-1."""
    flags_small = [False] * frame.height
    flags_hidden = [False] * frame.height
    indexed = frame.with_row_index("_row").sort([*within, order], descending=[False] * len(within) + [True])
    for _, part in indexed.group_by(list(within), maintain_order=True):
        shown_count = 0
        for row, c in zip(part["_row"].to_list(), part[count].to_list()):
            c = c or 0
            small = 0 < c < threshold
            step = c - shown_count
            hidden = small or 0 < step < threshold
            flags_small[row], flags_hidden[row] = small, hidden
            if not hidden:
                shown_count = c
    return frame.with_columns(pl.Series(SMALL, flags_small, dtype=pl.Boolean),
                              pl.Series(SUPPRESSED, flags_hidden, dtype=pl.Boolean)).with_columns(
        pl.when(pl.col(SUPPRESSED)).then(None).otherwise(pl.col(c)).alias(c) for c in [count, *values])


def suppress_under(frame: pl.DataFrame, count: str | Sequence[str], values: Sequence[str], within: Sequence[str],
                   parent: pl.DataFrame, threshold: int = SUPPRESSION_THRESHOLD) -> pl.DataFrame:
    """:func:`suppress` of rows nested in groups that were suppressed one level up: the rule runs within each
    group of ``within`` (its total may be shown, or given back by the level above), and every row of a group
    that ``parent`` (the ``within`` columns with the flags of :func:`suppress`) hid is hidden too, '<5' when
    the group itself is small. A group missing from ``parent`` counts as shown."""
    out = suppress(frame, count, values, within, threshold)
    flags = parent.select(*within, pl.col(SMALL).alias("_p_small"), pl.col(SUPPRESSED).alias("_p_hidden"))
    out = out.join(flags, on=list(within), how="left", maintain_order="left").with_columns(
        pl.col("_p_hidden").fill_null(False), pl.col("_p_small").fill_null(False))
    counts = [count] if isinstance(count, str) else list(count)
    return out.with_columns(
        (pl.col(SMALL) | (pl.col("_p_hidden") & pl.col("_p_small"))).alias(SMALL),
        (pl.col(SUPPRESSED) | pl.col("_p_hidden")).alias(SUPPRESSED),
        *[pl.when(pl.col("_p_hidden")).then(None).otherwise(pl.col(c)).alias(c) for c in [*counts, *values]],
    ).drop("_p_small", "_p_hidden")
