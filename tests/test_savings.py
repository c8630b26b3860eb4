"""The savings plan's committee-table arithmetic (analysis.savings) on plans worked out by hand."""
from __future__ import annotations

import polars as pl
import pytest

from analysis.savings import ROW_CARRIED, ROW_INITIATIVE, ROW_OUTSTANDING, ROW_TARGET, closed_years, committee_table


def _effects(rows: list[tuple[str, int, str, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"initiative_id": pl.String, "year": pl.Int32, "kind": pl.String,
                                      "amount_dkk": pl.Float64}, orient="row")


def _cell(table: pl.DataFrame, row: str, year: int, iid: str | None = None) -> float | None:
    f = table.filter((pl.col("row") == row) & (pl.col("year") == year))
    if iid is not None:
        f = f.filter(pl.col("initiative_id") == iid)
    assert f.height == 1
    return f["amount_dkk"][0]


# Stored sign: reductions positive (kr.); the table's sign: reductions negative.
# 2023: target 2.000, effects 1.200 + 800 realised -> met exactly, outstanding 0, nothing carried.
# 2024: target 3.000, effects 1.257 + 1.023 realised -> short by 720: outstanding -720, carried into 2025.
# 2025: target 5.000 + carried 720 = 5.720; effects 4.000 + 2.000 realised = 6.000 -> over-delivers by 280.
# 2026: target 7.000; effects expected 3.000 + 4.500 (no realised yet) -> +500 on paper; 2025's 280 carried
#       only if the user chooses so (then +780).
PLAN_TARGETS = {2023: 2000.0, 2024: 3000.0, 2025: 5000.0, 2026: 7000.0}
PLAN_EFFECTS = _effects([
    ("A", 2023, "expected", 1000.0), ("A", 2023, "realised", 1200.0),
    ("B", 2023, "expected", 1000.0), ("B", 2023, "realised", 800.0),
    ("A", 2024, "expected", 1500.0), ("A", 2024, "realised", 1257.0),
    ("B", 2024, "expected", 1500.0), ("B", 2024, "realised", 1023.0),
    ("A", 2025, "expected", 3000.0), ("A", 2025, "realised", 4000.0),
    ("B", 2025, "expected", 2720.0), ("B", 2025, "realised", 2000.0),
    ("A", 2026, "expected", 3000.0),
    ("B", 2026, "expected", 4500.0),
])


@pytest.mark.parametrize("carry_surplus, outstanding, carried", [
    (False, {2023: 0.0, 2024: -720.0, 2025: 280.0, 2026: 500.0}, {2023: 0.0, 2024: 0.0, 2025: -720.0, 2026: 0.0}),
    (True, {2023: 0.0, 2024: -720.0, 2025: 280.0, 2026: 780.0}, {2023: 0.0, 2024: 0.0, 2025: -720.0, 2026: 280.0}),
])
def test_met_short_and_over_delivered_years(carry_surplus, outstanding, carried):
    closed = closed_years(PLAN_EFFECTS)
    assert closed == {2023, 2024, 2025}
    table, results = committee_table(PLAN_TARGETS, PLAN_EFFECTS, closed, carry_surplus=carry_surplus)
    assert {r.year: r.outstanding for r in results} == outstanding
    assert {r.year: r.carried for r in results} == carried
    assert {y: _cell(table, ROW_OUTSTANDING, y) for y in PLAN_TARGETS} == outstanding
    assert {y: _cell(table, ROW_CARRIED, y) for y in PLAN_TARGETS} == carried
    assert {y: _cell(table, ROW_TARGET, y) for y in PLAN_TARGETS} == {2023: -2000.0, 2024: -3000.0, 2025: -5000.0, 2026: -7000.0}
    # the realised figure counts where recorded, and is marked; else the expected one
    assert _cell(table, ROW_INITIATIVE, 2024, "A") == -1257.0
    assert table.filter((pl.col("row") == ROW_INITIATIVE) & (pl.col("year") == 2024))["realised"].all()
    assert _cell(table, ROW_INITIATIVE, 2026, "B") == -4500.0
    assert not table.filter((pl.col("row") == ROW_INITIATIVE) & (pl.col("year") == 2026))["realised"].any()


def test_issue_example_target_3000_effects_1257_and_1023_leave_720():
    _, results = committee_table({2024: -(-3000.0)}, _effects([("A", 2024, "realised", 1257.0),
                                                               ("B", 2024, "expected", 1023.0)]), set())
    assert results[0].outstanding == -720.0
    assert results[0].effects == -2280.0


def test_outstanding_adds_up_in_every_year():
    table, results = committee_table(PLAN_TARGETS, PLAN_EFFECTS, closed_years(PLAN_EFFECTS))
    for r in results:
        effects = table.filter((pl.col("row") == ROW_INITIATIVE) & (pl.col("year") == r.year))["amount_dkk"].sum()
        assert r.outstanding == pytest.approx(r.target + r.carried - effects)


def test_an_open_year_carries_nothing():
    # 2024 has no realised figure for B: not closed, so its shortfall on paper is not carried into 2025
    effects = _effects([("A", 2024, "realised", 1000.0), ("B", 2024, "expected", 500.0), ("A", 2025, "expected", 2000.0)])
    closed = closed_years(effects)
    assert closed == set()
    _, results = committee_table({2024: 3000.0, 2025: 2000.0}, effects, closed)
    assert [r.outstanding for r in results] == [-1500.0, 0.0]
    assert results[1].carried == 0.0


def test_no_figure_yet_is_never_summed_as_zero():
    # B's expected 2024 effect has no figure yet: 2024's outstanding is unknown, and so is what 2024 carries
    effects = _effects([("A", 2024, "realised", 1000.0), ("B", 2024, "expected", None), ("B", 2024, "realised", None),
                        ("A", 2025, "expected", 2000.0)])
    _, results = committee_table({2024: 3000.0, 2025: 2000.0}, effects, {2024})
    assert results[0].effects is None and results[0].outstanding is None
    assert results[1].carried is None and results[1].outstanding is None


def test_a_realised_row_without_a_figure_falls_back_to_the_expected_one():
    effects = _effects([("A", 2024, "expected", 1000.0), ("A", 2024, "realised", None)])
    table, results = committee_table({2024: 1000.0}, effects, set())
    assert results[0].outstanding == 0.0
    assert not table.filter(pl.col("row") == ROW_INITIATIVE)["realised"][0]
    assert closed_years(effects) == set()  # no realised figure recorded: the year is not closed


def test_a_target_without_a_figure_leaves_the_year_unknown():
    _, results = committee_table({2024: None}, _effects([("A", 2024, "expected", 1000.0)]), set())
    assert results[0].target is None and results[0].outstanding is None


def test_years_without_a_row_are_filled_and_an_empty_plan_is_empty():
    _, results = committee_table({2023: 100.0, 2025: 100.0}, _effects([]), set())
    assert [r.year for r in results] == [2023, 2024, 2025]
    assert results[1].target == 0.0 and results[1].outstanding == 0.0
    table, results = committee_table({}, _effects([]), set())
    assert table.is_empty() and results == []


def test_year_totals_for_the_chart():
    from analysis.savings import year_totals
    _, results = committee_table(PLAN_TARGETS, PLAN_EFFECTS, closed_years(PLAN_EFFECTS))
    totals = {r["year"]: r for r in year_totals(results, PLAN_EFFECTS).iter_rows(named=True)}
    # 2025's target as a reduction: 5.000 plus the 720 carried from 2024
    assert totals[2025]["target_dkk"] == 5720.0
    assert totals[2024]["expected_dkk"] == 3000.0 and totals[2024]["realised_dkk"] == 2280.0
    assert totals[2026]["realised_dkk"] is None and totals[2026]["expected_dkk"] == 7500.0


def test_initiatives_on_the_same_area_are_flagged():
    from analysis.savings import shared_areas
    initiatives = pl.DataFrame({"initiative_id": ["B01", "B03", "B02", "B01", "B05"],
                                "area": ["botilbud", "botilbud", "5.38", "botilbud", None]})
    assert shared_areas(initiatives) == {"botilbud": ["B01", "B03"]}


def _one_initiative(rows):
    return pl.DataFrame(rows, schema={"year": pl.Int32, "kind": pl.String, "amount_dkk": pl.Float64}, orient="row")


@pytest.mark.parametrize("rows, complete, expected", [
    # first effect 2024: base 2023, checked up to the latest complete year
    ([(2023, "expected", 0.0), (2024, "expected", 1e6), (2025, "expected", 2e6)], [2022, 2023, 2024, 2025], (2023, 2025)),
    # the base year is not a complete year of the data: no check
    ([(2020, "expected", 1e6)], [2022, 2023], None),
    # started in the latest complete year: base 2024, year 2025
    ([(2025, "expected", 5e5)], [2024, 2025], (2024, 2025)),
    # not started within the data
    ([(2026, "expected", 5e5)], [2024, 2025], None),
    # only "no figure yet": nothing to check
    ([(2024, "expected", None)], [2023, 2024], None),
])
def test_check_years(rows, complete, expected):
    from analysis.savings import check_years
    assert check_years(_one_initiative(rows), complete) == expected


def test_check_segment_sets_the_claim_beside_the_cost_decomposed():
    """Hand-computed: 10 -> 12 full-year persons, 5 -> 6,6 mio. kr. (unit price 500 -> 550 t.kr.). LMDI with one
    cell: L(6,6; 5) = 1,6 / ln(1,32); volume = L x ln(1,2), unit price = L x ln(1,1)."""
    import math

    from analysis.savings import check_segment
    years = pl.DataFrame({"year": [2023, 2025], "full_year_persons": [10.0, 12.0], "cost_dkk": [5e6, 6.6e6]})
    effects = _one_initiative([(2025, "expected", 8e5), (2025, "realised", 7e5), (2024, "expected", 4e5)])
    c = check_segment(years, effects, 2023, 2025)
    weight = 1.6e6 / math.log(6.6 / 5)
    assert c.claimed_dkk == 7e5 and c.claimed_realised
    assert c.change_dkk == pytest.approx(1.6e6)
    assert c.volume_dkk == pytest.approx(weight * math.log(1.2))
    assert c.unit_price_dkk == pytest.approx(weight * math.log(1.1))
    assert c.volume_dkk + c.unit_price_dkk + c.other_dkk == pytest.approx(c.change_dkk)
    assert abs(c.other_dkk) < 1e-6
    assert (c.persons_base, c.persons) == (10.0, 12.0)


def test_check_segment_of_a_segment_new_since_the_base_year():
    """No full-year persons in the base year: the whole cost is 'other' (a segment new in the period), and a
    realised row without a figure leaves the expected claim."""
    from analysis.savings import check_segment
    years = pl.DataFrame({"year": [2025], "full_year_persons": [3.0], "cost_dkk": [1.2e6]})
    c = check_segment(years, _one_initiative([(2025, "expected", 2e5), (2025, "realised", None)]), 2023, 2025)
    assert c.claimed_dkk == 2e5 and not c.claimed_realised
    assert c.change_dkk == pytest.approx(1.2e6)
    assert c.volume_dkk + c.unit_price_dkk + c.other_dkk == pytest.approx(1.2e6)


def test_expected_not_yet_assigned_counts_only_while_the_year_is_open():
    """Hand-computed: 2024 (closed) target 3.000, A1 realised 2.000, 500 expected unassigned -> outstanding
    -3.000 + 2.000 = -1.000 (the unassigned figure is shown, not counted); 2025 (open) target 2.000, A1
    expected 1.000, unassigned 400 -> -2.000 - 1.000 carried + 1.000 + 400 = -1.600."""
    from analysis.savings import ROW_UNASSIGNED
    from domain.codes import UNASSIGNED_INITIATIVE as U
    effects = pl.DataFrame({"initiative_id": ["A1", "A1", U, "A1", U], "year": [2024, 2024, 2024, 2025, 2025],
                            "kind": ["expected", "realised", "expected", "expected", "expected"],
                            "amount_dkk": [2_500_000.0, 2_000_000.0, 500_000.0, 1_000_000.0, 400_000.0]})
    assert closed_years(effects) == {2024}
    table, results = committee_table({2024: 3_000_000.0, 2025: 2_000_000.0}, effects, closed_years(effects))
    assert [r.outstanding for r in results] == [-1_000_000.0, -1_600_000.0]
    unassigned = table.filter(pl.col("row") == ROW_UNASSIGNED)
    assert unassigned.select("year", "amount_dkk", "realised").rows() == [(2024, -500_000.0, None),
                                                                           (2025, -400_000.0, False)]


def test_an_initiatives_cost_counts_against_its_effect():
    """Hand-computed (the issue's example plus a cost): target -3.000, effects -1.257 and -1.023, A1's
    investment 200 -> outstanding -3.000 + 2.280 - 200 = -920; the cost is its own row, positive."""
    from analysis.savings import ROW_COST
    effects = pl.DataFrame({"initiative_id": ["A1", "A2", "A1"], "year": [2024, 2024, 2024],
                            "kind": ["realised", "realised", "cost"], "amount_dkk": [1_257_000.0, 1_023_000.0, 200_000.0]})
    assert closed_years(effects) == {2024}          # a cost has no realised figure to wait for
    table, results = committee_table({2024: 3_000_000.0}, effects, closed_years(effects))
    assert results[0].outstanding == pytest.approx(-920_000.0)
    assert table.filter(pl.col("row") == ROW_COST).select("initiative_id", "amount_dkk").rows() == [("A1", 200_000.0)]
