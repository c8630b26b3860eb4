"""Suppression of small counts (issue 22): the masking rule (analysis.suppression), its words
(present.suppression) and exports written with it (present.exports): hand-computed expectations."""
from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl
import pytest

from analysis.suppression import suppress, suppressed_rows
from present.exports import Column, ExportMeta, to_csv, to_xlsx
from present.suppression import cells, note


@pytest.mark.parametrize("counts, small, hidden", [
    # nothing small: nothing hidden
    ([10, 20], "..", ".."),
    # one small cell (3): the total would give it back, so the smallest shown (8) goes too; 3 + 8 >= 5
    ([10, 3, 8, 20], ".S..", ".SS."),
    # two small cells adding up to 4 < 5: the total minus the shown rows would be an aggregate of 4, so the
    # smallest shown (10) goes too
    ([10, 3, 1, 20], ".SS.", "SSS."),
    # two small cells adding up to 5: enough
    ([10, 3, 2, 20], ".SS.", ".SS."),
    # 0 citizens describe no one: shown, and never picked for the secondary rule
    ([0, 3, 7], ".S.", ".SS"),
    # ties on the smallest shown: the first in order
    ([4, 6, 6], "S..", "SS."),
    # a group of only small cells: all hidden (its total is then hidden one level up)
    ([2, 2], "SS", "SS"),
    ([3], "S", "S"),
    # an unknown count is treated as small
    ([None, 9, 12], "S..", "SS."),
    # the threshold itself is shown
    ([5, 5], "..", ".."),
])
def test_the_rule(counts, small, hidden):
    s, h = suppressed_rows(counts)
    assert "".join("S" if x else "." for x in s) == small
    assert "".join("S" if x else "." for x in h) == hidden
    # invariants: every small cell is hidden; the hidden cells of a group are none, or at least two
    # adding up to 5 citizens, or the whole group
    assert all(hh for ss, hh in zip(s, h) if ss)
    n = sum(h)
    assert n == 0 or n == len(counts) or (n >= 2 and sum(c or 0 for c, hh in zip(counts, h) if hh) >= 5)


def test_suppress_nulls_the_figures_per_group_and_keeps_the_order():
    frame = pl.DataFrame({"year": [2024, 2024, 2024, 2025, 2025, 2025],
                          "segment": ["a", "b", "c", "a", "b", "c"],
                          "citizens": [12, 3, 7, 12, 9, 30],
                          "cost_dkk": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    out = suppress(frame, "citizens", ["cost_dkk"], within=["year"])
    assert out["segment"].to_list() == ["a", "b", "c", "a", "b", "c"]
    assert out["suppressed"].to_list() == [False, True, True, False, False, False]
    assert out["small"].to_list() == [False, True, False, False, False, False]
    assert out["cost_dkk"].to_list() == [1.0, None, None, 4.0, 5.0, 6.0]
    assert out["citizens"].to_list() == [12, None, None, 12, 9, 30]
    # one group over the whole frame: 3 is hidden with the smallest other (7)
    whole = suppress(frame, "citizens", ["cost_dkk"])
    assert whole["suppressed"].to_list() == [False, True, True, False, False, False]


def test_the_words_and_the_note():
    out = suppress(pl.DataFrame({"n": [10, 3, 8], "v": [1.5, 2.5, 3.5]}), "n", ["v"])
    assert cells(out, "v", lambda v: f"{v:.1f}") == ["1.5", "<5", "skjult"]
    assert cells(out, "n", str) == ["10", "<5", "skjult"]
    assert note([out]) == ("Tal for færre end 5 borgere er skjult (<5); «skjult» er en række mere, der er skjult, "
                           "så totalen ikke afslører de skjulte tal.")
    only_small = suppress(pl.DataFrame({"n": [2, 3, 8], "v": [1.0, 2.0, 3.0]}), "n", ["v"])
    assert note([only_small]) == "Tal for færre end 5 borgere er skjult."
    shown = suppress(pl.DataFrame({"n": [10, 8], "v": [1.0, 2.0]}), "n", ["v"])
    assert note([shown, None]) is None and cells(shown, "v", str) == ["1.0", "2.0"]


def test_an_export_written_with_suppression_says_so_and_holds_no_hidden_number():
    frame = pl.DataFrame({"provider": ["Alfa", "Beta", "Gamma"], "citizens": [40, 3, 11],
                          "cost_dkk": [1234567.0, 987654.0, 555111.0]})
    out = suppress(frame, "citizens", ["cost_dkk"]).with_columns(
        change_dkk=pl.col("cost_dkk") * 0.1)
    columns = [Column("provider", "Leverandør"), Column("citizens", "Borgere"),
               Column("cost_dkk", "Udgift (kr.)", 2), Column("change_dkk", "Ændring (kr.)", 2, formula="{cost_dkk}*0.1",
                                                          total=True)]
    meta = ExportMeta("Test")
    text = to_csv(out, columns, meta).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Alfa", "40", "1234567,00", "123456,70"] in rows
    assert ["Beta", "<5", "<5", "<5"] in rows
    assert ["Gamma", "skjult", "skjult", "skjult"] in rows
    for hidden in ("987654", "98765", "555111", "55511", ";3;", ";11;"):
        assert hidden not in text
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(out, columns, meta)))
    values = [[c for c in row] for row in book.active.iter_rows(values_only=True)]
    assert ("Beta", "<5", "<5", "<5") in [tuple(r) for r in values]
    assert ("Gamma", "skjult", "skjult", "skjult") in [tuple(r) for r in values]
    flat = [v for r in values for v in r if isinstance(v, (int, float))]
    assert not {3, 11, 987654.0, 555111.0} & set(flat)


def test_two_counts_per_row_each_keep_the_rule():
    """A row showing two years is hidden when either year is small; each year's hidden rows then hold at
    least two rows with citizens adding up to 5 (a row of 0 citizens in a year hides nothing there)."""
    frame = pl.DataFrame({"seg": ["a", "b", "c", "d"],
                          "n0": [3, 0, 20, 30],     # base year: a is small
                          "n1": [0, 4, 25, 6],      # comparison year: b is small
                          "v": [1.0, 2.0, 3.0, 4.0]})
    out = suppress(frame, ["n0", "n1"], ["v"])
    # hand-computed: a and b are small; base year: hidden with citizens = a (3) only -> add the smallest shown
    # of n0 with citizens: c (20); comparison year: b (4) + c (25) = 29, two rows: enough
    assert out["small"].to_list() == [True, True, False, False]
    assert out["suppressed"].to_list() == [True, True, True, False]
    assert out["v"].to_list() == [None, None, None, 4.0]
    assert out["n0"].to_list() == [None, None, None, 30] and out["n1"].to_list() == [None, None, None, 6]


@pytest.mark.parametrize("counts, small, hidden", [
    # citizens with cost of at least 0,5 / 1 / 2 mio. kr. (rising thresholds, so falling counts)
    ([40, 12, 6], "...", "..."),
    ([40, 12, 3], "..S", "..S"),          # 3 alone: hidden
    ([40, 9, 6], "...", ".S."),           # 9 - 6 = 3 citizens between 1 and 2 mio.: the 1 mio. row goes
    ([40, 9, 6, 0], "....", ".S.."),      # a threshold nobody reaches (0) hides nothing
    ([8, 7, 2], "..S", "S.S"),            # 2 hidden; 7 shown (7 - 0); 8 - 7 = 1 citizen: the 8 row goes
])
def test_the_nested_rule(counts, small, hidden):
    from analysis.suppression import suppress_nested
    frame = pl.DataFrame({"year": [2025] * len(counts), "t": list(range(len(counts))), "n": counts,
                          "cost": [float(c) for c in counts]})
    out = suppress_nested(frame, "n", ["cost"], ["year"], "t")
    assert "".join("S" if x else "." for x in out["small"]) == small
    assert "".join("S" if x else "." for x in out["suppressed"]) == hidden
    # invariant: shown counts, from the highest threshold down, differ by 0 or at least 5
    shown = [0] + [c for c, h in zip(reversed(counts), reversed(out["suppressed"].to_list())) if not h]
    assert all(b - a == 0 or b - a >= 5 for a, b in zip(shown, shown[1:]))
