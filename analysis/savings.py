"""The savings plan's committee table: yearly targets against the initiatives' effects, with the carried-over
shortfall and the net outstanding amount per year. Numbers only (kr.), no words.

Signs follow the committee papers: a reduction is negative ("(-) = mindreudgift"). The database stores
reductions as positive amounts (ingest.kinds.savings normalises both conventions to that); committee_table
turns them around. A figure that is not known yet is None, and every sum it enters is None too: a sum never
pretends an unknown figure is 0.

An initiative may name the segment of activity data it works on; :func:`check_segment` sets its claimed effect
beside that segment's cost change, decomposed with the engine of analysis.decomposition.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from analysis.decomposition import decompose
from domain.codes import UNASSIGNED_INITIATIVE

#: the table's rows, in the papers' order (analysis returns these codes; present/ words them)
ROW_TARGET = "target"
ROW_CARRIED = "carried"
ROW_INITIATIVE = "initiative"
ROW_OUTSTANDING = "outstanding"
ROW_UNASSIGNED = "unassigned"      # expected, not yet assigned to an initiative
ROW_COST = "cost"                  # an initiative's cost (investment), counted against its effect

TABLE_SCHEMA = {"row": pl.String, "initiative_id": pl.String, "year": pl.Int32, "amount_dkk": pl.Float64,
                "realised": pl.Boolean}


@dataclass(frozen=True)
class YearResult:
    """One year of the plan (kr., reductions negative): its target, the shortfall carried into it, the sum of
    its effects (realised where recorded, else expected) and what is left: outstanding = target + carried -
    effects. Negative outstanding = still to be found; positive = over-delivered. None = not known yet."""

    year: int
    target: float | None
    carried: float | None
    effects: float | None
    outstanding: float | None
    closed: bool


def _add(values: Iterable[float | None]) -> float | None:
    """The sum of ``values``, None when one of them is None (an unknown figure makes the sum unknown)."""
    total = 0.0
    for v in values:
        if v is None:
            return None
        total += v
    return total


def effect_used(expected: float | None, realised: float | None, has_realised: bool) -> tuple[float | None, bool]:
    """The effect counted for one initiative and year: the realised figure where one is recorded, else the
    expected one; and whether it is the realised one. A realised row without a figure ("-") is not a
    recorded figure, so the expected one counts."""
    if has_realised and realised is not None:
        return realised, True
    return expected, False


def closed_years(effects: pl.DataFrame) -> set[int]:
    """The years whose every initiative has a realised figure (effects: initiative_id, year, kind,
    amount_dkk; kind expected | realised): those years are closed, and only a closed year's shortfall is
    carried over."""
    # effects not yet assigned are never realised, and a cost is one figure (no expected and realised)
    effects = effects.filter((pl.col("initiative_id") != UNASSIGNED_INITIATIVE) & (pl.col("kind") != "cost"))
    if effects.is_empty():
        return set()
    per = (effects.group_by("year", "initiative_id")
           .agg((pl.col("kind") == "realised").and_(pl.col("amount_dkk").is_not_null()).any().alias("done")))
    years = per.group_by("year").agg(pl.col("done").all())
    return {int(y) for y, done in years.iter_rows() if done}


def committee_table(targets: dict[int, float | None], effects: pl.DataFrame, closed: set[int],
                    carry_surplus: bool = False) -> tuple[pl.DataFrame, list[YearResult]]:
    """The committee table and the per-year results.

    targets: year -> target (kr., stored sign: a reduction positive; None = no figure yet).
    effects: initiative_id, year, kind (expected | realised), amount_dkk (stored sign; null = no figure yet).
    closed: the years whose realised result is final (see closed_years).
    carry_surplus: carry a closed year's over-delivery into the next year too (a shortfall always is).

    Per year y, in the papers' sign (reductions negative): effects_y = sum over initiatives of the realised
    effect where recorded, else the expected one, and of their costs (kind cost, positive: an investment counts
    against the reductions), plus in a year that is not closed the effects expected but not
    yet assigned to an initiative (initiative_id UNASSIGNED_INITIATIVE; a closed year counts realised effects
    only, so there it is shown but not counted); outstanding_y = target_y + carried_y - effects_y;
    carried_(y+1) = outstanding_y when y is closed and outstanding_y < 0 (or > 0 and carry_surplus), else 0.
    Years run from the first to the last year with a target or an effect, without gaps.

    Returns the table (row: target | carried | initiative | cost | unassigned | outstanding; initiative_id; year;
    amount_dkk; realised: whether an initiative's figure is the realised one; an unassigned row of a closed
    year has realised None: not counted) and one YearResult per year.
    """
    years_seen = set(targets) | set(int(y) for y in effects["year"].unique().to_list())
    if not years_seen:
        return pl.DataFrame(schema=TABLE_SCHEMA), []
    years = list(range(min(years_seen), max(years_seen) + 1))
    per_initiative: dict[tuple[str, int], dict[str, object]] = {}
    costs: dict[tuple[str, int], float | None] = {}
    for iid, year, kind, amount in effects.select("initiative_id", "year", "kind", "amount_dkk").iter_rows():
        if kind == "cost":
            key = (iid, int(year))
            costs[key] = _add([costs[key], amount]) if key in costs else amount
            continue
        cell = per_initiative.setdefault((iid, int(year)), {"expected": None, "realised": None, "has_realised": False})
        if kind == "realised":
            cell["has_realised"] = True
            cell["realised"] = _add([cell["realised"], amount]) if cell["realised"] is not None else amount
        else:
            cell["expected"] = _add([cell["expected"], amount]) if cell["expected"] is not None else amount

    def neg(v: float | None) -> float | None:
        return None if v is None else 0.0 - v

    rows: list[tuple] = []
    results: list[YearResult] = []
    carried: float | None = 0.0
    initiatives = sorted(({iid for iid, _ in per_initiative} | {iid for iid, _ in costs}) - {UNASSIGNED_INITIATIVE})
    for y in years:
        target = neg(targets.get(y, 0.0))
        used = []
        for iid in initiatives:
            cell = per_initiative.get((iid, y))
            if cell is not None:
                value, is_realised = effect_used(cell["expected"], cell["realised"], bool(cell["has_realised"]))
                value = neg(value)
                used.append(value)
                rows.append((ROW_INITIATIVE, iid, y, value, is_realised))
            if (iid, y) in costs:
                # a cost in the papers' sign is positive: it counts against the reductions
                used.append(costs[(iid, y)])
                rows.append((ROW_COST, iid, y, costs[(iid, y)], False))
        unassigned = per_initiative.get((UNASSIGNED_INITIATIVE, y))
        if unassigned is not None:
            value = neg(unassigned["expected"])
            if y not in closed:
                used.append(value)
            rows.append((ROW_UNASSIGNED, None, y, value, None if y in closed else False))
        effects_y = _add(used)
        outstanding = None if None in (target, carried, effects_y) else target + carried - effects_y
        rows.append((ROW_TARGET, None, y, target, False))
        rows.append((ROW_CARRIED, None, y, carried, False))
        rows.append((ROW_OUTSTANDING, None, y, outstanding, False))
        results.append(YearResult(y, target, carried, effects_y, outstanding, y in closed))
        if y not in closed:
            carried = 0.0
        elif outstanding is None:
            carried = None
        else:
            carried = outstanding if outstanding < 0 or carry_surplus else 0.0
    table = pl.DataFrame(rows, schema=TABLE_SCHEMA, orient="row")
    return table, results


def year_totals(results: list[YearResult], effects: pl.DataFrame) -> pl.DataFrame:
    """Per year, as reductions (kr., positive = lower spending): the target including what was carried into
    it, the expected effects and the realised ones (expected_dkk/realised_dkk: sums over the initiatives,
    null when a figure in them is unknown; realised_dkk null too for a year without any realised figure).
    For the chart target vs expected vs realised."""
    rows = []
    for r in results:
        year = effects.filter(pl.col("year") == r.year)
        expected = year.filter(pl.col("kind") == "expected")["amount_dkk"]
        realised = year.filter(pl.col("kind") == "realised")["amount_dkk"]
        target = None if r.target is None or r.carried is None else 0.0 - (r.target + r.carried)
        rows.append((r.year, target,
                     _add(expected.to_list()) if expected.len() else 0.0,
                     _add(realised.to_list()) if realised.len() else None))
    return pl.DataFrame(rows, schema={"year": pl.Int32, "target_dkk": pl.Float64, "expected_dkk": pl.Float64,
                                      "realised_dkk": pl.Float64}, orient="row")


def shared_areas(initiatives: pl.DataFrame) -> dict[str, list[str]]:
    """The areas (segments) that more than one initiative works on -> those initiatives' ids, sorted
    (initiatives: initiative_id, area). Their effects cannot simply be added: they act on the same costs."""
    pairs = initiatives.select("initiative_id", "area").drop_nulls().unique()
    groups = pairs.group_by("area").agg(pl.col("initiative_id").sort()).filter(pl.col("initiative_id").list.len() > 1)
    return {area: list(ids) for area, ids in sorted(groups.iter_rows())}


@dataclass(frozen=True)
class SegmentCheck:
    """An initiative's claimed effect beside what happened to the cost of the segment it works on (kr.).

    ``claimed_dkk``: its effect in ``year`` (a reduction positive; realised where recorded, else expected;
    None = no figure yet). The segment's activity-based cost went from ``cost_base_dkk`` (``base_year``, the
    year before the initiative's first effect) to ``cost_dkk`` (``year``, the latest complete year of activity
    data), decomposed with the decomposition engine (LMDI, the segment as one cell): ``volume_dkk`` (full-year
    persons), ``unit_price_dkk`` (cost per full-year person) and ``other_dkk`` (cost without full-year persons,
    or a segment new or gone in one of the years); volume + unit price + other = cost - cost_base."""

    base_year: int
    year: int
    claimed_dkk: float | None
    claimed_realised: bool
    cost_base_dkk: float
    cost_dkk: float
    persons_base: float
    persons: float
    volume_dkk: float
    unit_price_dkk: float
    other_dkk: float

    @property
    def change_dkk(self) -> float:
        return self.cost_dkk - self.cost_base_dkk


def check_years(effects: pl.DataFrame, complete_years: Iterable[int]) -> tuple[int, int] | None:
    """(base year, year) of an initiative's check: the year before its first year with a non-zero effect, and
    the latest complete year of activity data; None when either is not a complete year of the data (the
    initiative started before the data, or has no complete year yet). ``effects``: one initiative's rows
    (year, kind, amount_dkk)."""
    started = effects.filter(pl.col("amount_dkk").fill_null(0) != 0)["year"]
    years = set(complete_years)
    if started.is_empty() or not years:
        return None
    base, latest = int(started.min()) - 1, max(years)
    if base not in years or latest <= base:
        return None
    return base, latest


def check_segment(segment_years: pl.DataFrame, effects: pl.DataFrame, base_year: int, year: int) -> SegmentCheck:
    """The check of one initiative (:class:`SegmentCheck`). ``segment_years``: the segment's rows per year
    (year, full_year_persons, cost_dkk; a year without a row has none); ``effects``: the initiative's rows
    (year, kind expected | realised, amount_dkk, a reduction positive)."""
    def year_sum(y: int, col: str) -> float:
        return float(segment_years.filter(pl.col("year") == y)[col].sum() or 0.0)

    v0, v1 = year_sum(base_year, "full_year_persons"), year_sum(year, "full_year_persons")
    c0, c1 = year_sum(base_year, "cost_dkk"), year_sum(year, "cost_dkk")
    d = decompose(pl.DataFrame({"segment": ["s"], "volume_base": [v0], "volume_current": [v1], "cost_base": [c0],
                                "cost_current": [c1]}), "lmdi")
    this_year = effects.filter(pl.col("year") == year)
    realised = this_year.filter(pl.col("kind") == "realised")["amount_dkk"]
    expected = this_year.filter(pl.col("kind") == "expected")["amount_dkk"]
    claimed, is_realised = effect_used(expected[0] if len(expected) else None,
                                       realised[0] if len(realised) else None, len(realised) > 0)
    return SegmentCheck(base_year, year, claimed, is_realised, c0, c1, v0, v1, d.volume, d.unit_price,
                        (c1 - c0) - d.volume - d.unit_price)
