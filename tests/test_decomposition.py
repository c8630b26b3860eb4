"""Tests of analysis/decomposition.py: worked examples, invariants, zero values, validation."""
from __future__ import annotations

import itertools
import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.decomposition import METHODS, Decomposition, decompose, log_mean

TOL = 1e-6
EFFECTS = ("volume", "mix", "unit_price", "residual", "unallocated")


def table(rows, groups=None) -> pl.DataFrame:
    """rows: {segment: (volume_base, cost_base, volume_current, cost_current)}."""
    names = list(rows)
    data = {
        "segment": names,
        "volume_base": [float(rows[n][0]) for n in names],
        "cost_base": [float(rows[n][1]) for n in names],
        "volume_current": [float(rows[n][2]) for n in names],
        "cost_current": [float(rows[n][3]) for n in names],
    }
    if groups is not None:
        data["group"] = [groups[n] for n in names]
    return pl.DataFrame(data)


def seg(result: Decomposition, name: str) -> dict:
    return result.per_segment.filter(pl.col("segment") == name).row(0, named=True)


def effects_sum(result: Decomposition) -> float:
    return sum(getattr(result, name) for name in EFFECTS)


def close(a: float, b: float, rel: float = 1e-9, scale: float = 0.0) -> bool:
    """Equal within TOL, relative to the values, and relative to the size of the whole problem.

    ``scale`` (see :func:`magnitude`) covers float noise: a component that is mathematically 0 is
    computed as a difference of per-segment terms as large as the costs.
    """
    return abs(a - b) <= TOL + rel * max(abs(a), abs(b)) + 1e-13 * scale


def magnitude(*results: Decomposition) -> float:
    """Sum of the absolute costs and per-segment effects: the scale of the rounding noise."""
    total = 0.0
    for result in results:
        per = result.per_segment
        names = [name for name in per.columns if name in EFFECTS + ("cost_base", "cost_current", "inflation")]
        total += sum(per[name].abs().sum() for name in names)
    return total


# --------------------------------------------------------------------------------------------------
# (1) Worked examples
# --------------------------------------------------------------------------------------------------

# Three products, volume (persons) and revenue (kr.):
#           base: v0    c0    p0  | current: v1    c1    p1
#   A             100   1000  10  |          100   1100  11
#   B              50   1000  20  |          100   2000  20
#   C              50   1500  30  |           50   1600  32
# V0 = 200, V1 = 250; s0 = (0.50, 0.25, 0.25), s1 = (0.4, 0.4, 0.2); total change = 4700 - 3500 = 1200.
PVM_EXAMPLE = table({"A": (100, 1000, 100, 1100), "B": (50, 1000, 100, 2000), "C": (50, 1500, 50, 1600)})


def test_pvm_worked_example():
    result = decompose(PVM_EXAMPLE, method="pvm")
    # volume = (V1 - V0) * sum s0 p0 = 50 * (0.5*10 + 0.25*20 + 0.25*30) = 50 * 17.5 = 875
    # mix    = V1 * sum (s1 - s0) p0 = 250 * (-0.1*10 + 0.15*20 - 0.05*30) = 250 * 0.5 = 125
    # price  = V1 * sum s1 (p1 - p0) = 250 * (0.4*1 + 0.4*0 + 0.2*2) = 250 * 0.8 = 200
    assert result.method == "pvm"
    assert result.total_change == pytest.approx(1200)
    assert result.volume == pytest.approx(875)
    assert result.mix == pytest.approx(125)
    assert result.unit_price == pytest.approx(200)
    assert result.residual == 0 and result.unallocated == 0
    assert result.inflation is None and result.real_price is None and result.mix_between is None
    # per segment: A = 50*5 + 250*(-0.1*10) + 250*0.4*1 = 250 - 250 + 100
    #              B = 50*5 + 250*( 0.15*20) + 0          = 250 + 750
    #              C = 50*7.5 + 250*(-0.05*30) + 250*0.2*2 = 375 - 375 + 100
    expected = {"A": (250, -250, 100), "B": (250, 750, 0), "C": (375, -375, 100)}
    for name, (volume, mix, price) in expected.items():
        row = seg(result, name)
        assert (row["volume"], row["mix"], row["unit_price"]) == pytest.approx((volume, mix, price))
    assert result.per_segment["segment"].to_list() == ["A", "B", "C"]
    assert seg(result, "A")["unit_price_base"] == pytest.approx(10)
    assert seg(result, "C")["unit_price_current"] == pytest.approx(32)
    assert seg(result, "B")["share_current"] == pytest.approx(0.4)


def test_pvm_worked_example_with_price_index():
    # Index 100 -> 110: inflation = V1 * sum s1 p0 * (1.1 - 1) = 250 * (0.4*10 + 0.4*20 + 0.2*30) * 0.1
    #                             = 250 * 18 * 0.1 = 450; real price = 200 - 450 = -250.
    result = decompose(PVM_EXAMPLE, method="pvm", price_index=(100, 110))
    assert result.inflation == pytest.approx(450)
    assert result.real_price == pytest.approx(-250)
    assert (result.volume, result.mix, result.unit_price) == pytest.approx((875, 125, 200))


def test_laspeyres_worked_example():
    # volume = (V1 - V0) * sum s0 p0 = 875 (as pvm)
    # mix    = V0 * sum (s1 - s0) p0 = 200 * 0.5 = 100
    # price  = V0 * sum s0 (p1 - p0) = 200 * (0.5*1 + 0.25*0 + 0.25*2) = 200 * 1.0 = 200
    # residual = 1200 - 875 - 100 - 200 = 25
    result = decompose(PVM_EXAMPLE, method="laspeyres")
    assert (result.volume, result.mix, result.unit_price, result.residual) == pytest.approx((875, 100, 200, 25))
    # Index 100 -> 110: inflation = V0 * sum s0 p0 * 0.1 = 200 * 17.5 * 0.1 = 350; real = 200 - 350.
    indexed = decompose(PVM_EXAMPLE, method="laspeyres", price_index=(100, 110))
    assert (indexed.inflation, indexed.real_price) == pytest.approx((350, -150))


# Two segments:            v0   c0    p0   | v1   c1    p1
#   A                      10   1000  100  | 30   3000  100
#   B                      10   2000  200  | 10   2200  220
# V0 = 20, V1 = 40; s0 = (0.5, 0.5), s1 = (0.75, 0.25); total change = 5200 - 3000 = 2200.
LMDI_EXAMPLE = table({"A": (10, 1000, 30, 3000), "B": (10, 2000, 10, 2200)})
# Log-mean weights: L_A = (3000 - 1000) / ln(3000/1000) = 2000 / 1.0986122887 = 1820.4784533
#                   L_B = (2200 - 2000) / ln(2200/2000) =  200 / 0.0953101798 = 2098.4117375
L_A = 2000 / math.log(3)
L_B = 200 / math.log(1.1)


def test_lmdi_worked_example():
    result = decompose(LMDI_EXAMPLE)  # lmdi is the default
    assert result.method == "lmdi"
    # volume_A = L_A ln(V1/V0) = 1820.4784533 * ln 2 (0.6931471806) = 1261.8595071
    # mix_A    = L_A ln(s1/s0) = 1820.4784533 * ln 1.5 (0.4054651081) = 738.1404929
    # price_A  = L_A ln(p1/p0) = L_A * ln 1 = 0                       -> A sums to 2000 = L_A ln 3
    # volume_B = L_B ln 2 = 2098.4117375 * 0.6931471806 = 1454.5081795
    # mix_B    = L_B ln(0.25/0.5) = -1454.5081795
    # price_B  = L_B ln(220/200) = 200                                  -> B sums to 200
    # totals: volume = 2716.3676866, mix = 738.1404929 - 1454.5081795 = -716.3676866, price = 200
    assert seg(result, "A")["volume"] == pytest.approx(L_A * math.log(2)) == pytest.approx(1261.8595071)
    assert seg(result, "A")["mix"] == pytest.approx(L_A * math.log(1.5)) == pytest.approx(738.1404929)
    assert seg(result, "A")["unit_price"] == pytest.approx(0, abs=TOL)
    assert seg(result, "B")["mix"] == pytest.approx(-L_B * math.log(2)) == pytest.approx(-1454.5081795)
    assert seg(result, "B")["unit_price"] == pytest.approx(200)
    assert result.volume == pytest.approx(2716.3676866)
    assert result.mix == pytest.approx(-716.3676866)
    assert result.unit_price == pytest.approx(200)
    assert result.total_change == pytest.approx(2200)
    assert result.residual == 0 and result.unallocated == 0


def test_lmdi_worked_example_price_index_and_groups():
    # Index 100 -> 105: inflation = (L_A + L_B) ln 1.05 = 3918.8901908 * 0.0487901642 = 191.2033
    #                   real price = 200 - inflation = 8.7967 (= L_A ln(1/1.05) + L_B ln(1.1/1.05))
    result = decompose(LMDI_EXAMPLE, price_index=(100, 105))
    assert result.inflation == pytest.approx((L_A + L_B) * math.log(1.05)) == pytest.approx(191.2033, abs=1e-4)
    assert result.real_price == pytest.approx(L_A * math.log(1 / 1.05) + L_B * math.log(1.1 / 1.05))
    assert result.volume == pytest.approx(2716.3676866) and result.mix == pytest.approx(-716.3676866)
    # A and B in different groups: every segment is its group (within-share 1), so all mix is between.
    apart = decompose(LMDI_EXAMPLE.with_columns(group=pl.Series(["x", "y"])))
    assert apart.mix_between == pytest.approx(-716.3676866)
    assert apart.mix_within == pytest.approx(0, abs=TOL)
    # Same group: the group share is 1 in both periods, so all mix is within.
    together = decompose(LMDI_EXAMPLE.with_columns(group=pl.lit("x")))
    assert together.mix_between == pytest.approx(0, abs=TOL)
    assert together.mix_within == pytest.approx(-716.3676866)
    assert together.per_segment.columns[:5] == ["segment", "group", "volume", "mix", "mix_between"]


def _shapley_brute_force(frame: pl.DataFrame) -> dict[str, float]:
    """Shapley value of the factors V, s (vector), p (vector) over the 6 orderings, by enumeration.

    Uses the module's convention for a segment absent in one period: its price there is the price of
    the other period (its share there is 0 anyway).
    """
    v0 = frame["volume_base"].to_numpy()
    v1 = frame["volume_current"].to_numpy()
    c0 = frame["cost_base"].to_numpy()
    c1 = frame["cost_current"].to_numpy()
    big = {0: v0.sum(), 1: v1.sum()}
    share = {0: v0 / big[0], 1: v1 / big[1]}
    with np.errstate(divide="ignore", invalid="ignore"):
        p0, p1 = c0 / v0, c1 / v1
    price = {0: np.where(v0 > 0, p0, p1), 1: np.where(v1 > 0, p1, p0)}
    factors = ("volume", "mix", "unit_price")

    def value(state: dict[str, int]) -> float:
        return float(big[state["volume"]] * np.sum(share[state["mix"]] * price[state["unit_price"]]))

    effects = dict.fromkeys(factors, 0.0)
    orderings = list(itertools.permutations(factors))
    assert len(orderings) == 6
    for order in orderings:
        state = dict.fromkeys(factors, 0)
        for factor in order:
            before = value(state)
            state[factor] = 1
            effects[factor] += (value(state) - before) / len(orderings)
    return effects


@pytest.mark.parametrize(
    "frame",
    [
        PVM_EXAMPLE,
        LMDI_EXAMPLE,
        # with a new and a disappearing segment
        table({"A": (10, 1000, 12, 1500), "B": (0, 0, 4, 900), "C": (5, 700, 0, 0), "D": (3, 300, 1, 150)}),
    ],
)
def test_shapley_matches_brute_force_over_orderings(frame):
    result = decompose(frame, method="shapley")
    expected = _shapley_brute_force(frame)
    for factor, amount in expected.items():
        assert getattr(result, factor) == pytest.approx(amount, abs=TOL)
    assert result.residual == 0
    assert effects_sum(result) == pytest.approx(result.total_change, abs=TOL)


def test_shapley_closed_form_by_hand():
    # One segment A (10, 1000) -> (20, 3000) and one unchanged B (10, 1000) -> (10, 1000):
    # V 20 -> 30; for A s 0.5 -> 2/3, p 100 -> 150; for B s 0.5 -> 1/3, p 100 -> 100.
    # volume_A = ΔV (2 s0p0 + s1p0 + s0p1 + 2 s1p1)/6 = 10 (100 + 66.667 + 75 + 200)/6 = 736.111
    # mix_A    = Δs (2 V0p0 + V1p0 + V0p1 + 2 V1p1)/6 = (1/6)(4000 + 3000 + 3000 + 9000)/6 = 527.778
    # price_A  = Δp (2 V0s0 + V1s0 + V0s1 + 2 V1s1)/6 = 50 (20 + 15 + 13.333 + 40)/6 = 736.111
    # (A sums to 2000 = 3000 - 1000)
    result = decompose(table({"A": (10, 1000, 20, 3000), "B": (10, 1000, 10, 1000)}), method="shapley")
    row = seg(result, "A")
    assert row["volume"] == pytest.approx(10 * (100 + 200 / 3 + 75 + 200) / 6)
    assert row["mix"] == pytest.approx((1 / 6) * (4000 + 3000 + 3000 + 9000) / 6)
    assert row["unit_price"] == pytest.approx(50 * (20 + 15 + 40 / 3 + 40) / 6)
    assert row["volume"] + row["mix"] + row["unit_price"] == pytest.approx(2000)


# --------------------------------------------------------------------------------------------------
# (2) Invariants (hypothesis)
# --------------------------------------------------------------------------------------------------

_volume = st.one_of(st.just(0.0), st.floats(0.1, 500.0, allow_nan=False, allow_infinity=False))
_price = st.one_of(st.just(0.0), st.floats(100.0, 1e6, allow_nan=False, allow_infinity=False))
_orphan = st.one_of(st.just(0.0), st.floats(1.0, 1e5, allow_nan=False, allow_infinity=False))
_row = st.tuples(_volume, _price, _orphan, _volume, _price, _orphan, st.sampled_from(["g1", "g2", "g3"]))


def _frame(rows) -> pl.DataFrame:
    """Cost = volume x price, or an 'orphan' cost when the volume is 0 (-> unallocated)."""
    return pl.DataFrame(
        {
            "segment": [f"s{i}" for i in range(len(rows))],
            "group": [r[6] for r in rows],
            "volume_base": [r[0] for r in rows],
            "cost_base": [r[0] * r[1] if r[0] > 0 else r[2] for r in rows],
            "volume_current": [r[3] for r in rows],
            "cost_current": [r[3] * r[4] if r[3] > 0 else r[5] for r in rows],
        }
    )


frames = st.lists(_row, min_size=1, max_size=8).map(_frame)
methods = st.sampled_from(METHODS)
index_pairs = st.tuples(st.floats(50.0, 200.0), st.floats(50.0, 200.0))
SETTINGS = settings(max_examples=150, deadline=None)


def _swap(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.rename(
        {"volume_base": "volume_current", "volume_current": "volume_base", "cost_base": "cost_current", "cost_current": "cost_base"}
    )


@SETTINGS
@given(frame=frames, method=methods, index=st.one_of(st.none(), index_pairs))
def test_effects_add_up_to_total_change(frame, method, index):
    result = decompose(frame, method=method, price_index=index)
    expected_total = math.fsum(frame["cost_current"].to_list()) - math.fsum(frame["cost_base"].to_list())
    assert result.total_change == pytest.approx(expected_total, abs=TOL)
    assert abs(effects_sum(result) - result.total_change) <= TOL
    if method != "laspeyres":
        assert result.residual == 0
    per = result.per_segment
    for name in EFFECTS:
        assert abs(per[name].sum() - getattr(result, name)) <= TOL
    if index is not None:
        assert abs(result.inflation + result.real_price - result.unit_price) <= TOL
        assert abs(per["inflation"].sum() - result.inflation) <= TOL
    # every segment adds up on its own too
    row_total = sum(per[name] for name in EFFECTS)
    assert ((row_total - (per["cost_current"] - per["cost_base"])).abs() <= TOL).all()
    assert per["segment"].to_list() == sorted(per["segment"].to_list())


@SETTINGS
@given(frame=frames, method=st.sampled_from(["lmdi", "shapley"]), index=st.one_of(st.none(), index_pairs))
def test_swapping_periods_negates_lmdi_and_shapley(frame, method, index):
    forward = decompose(frame, method=method, price_index=index)
    backward = decompose(_swap(frame), method=method, price_index=None if index is None else index[::-1])
    names = EFFECTS + (("inflation", "real_price") if index else ()) + (("mix_between", "mix_within") if method == "lmdi" else ())
    for name in names + ("total_change",):
        assert close(getattr(backward, name), -getattr(forward, name), scale=magnitude(forward, backward)), name


@SETTINGS
@given(frame=frames, method=methods, index=index_pairs)
def test_price_index_split_leaves_volume_and_mix(frame, method, index):
    plain = decompose(frame, method=method)
    split = decompose(frame, method=method, price_index=index)
    for name in ("volume", "mix", "unit_price", "residual", "unallocated"):
        assert getattr(split, name) == getattr(plain, name)
    assert close(split.inflation + split.real_price, split.unit_price)


@SETTINGS
@given(frame=frames, method=methods, k=st.floats(1.05, 1.5))
def test_prices_that_follow_the_index_have_no_real_price_effect(frame, method, k):
    # Current price = base price x I1/I0 wherever the segment has volume in both periods.
    both = (pl.col("volume_base") > 0) & (pl.col("volume_current") > 0)
    frame = frame.with_columns(
        cost_current=pl.when(both)
        .then(pl.col("volume_current") * pl.col("cost_base") / pl.col("volume_base") * k)
        .otherwise(pl.col("cost_current"))
    )
    result = decompose(frame, method=method, price_index=(100.0, 100.0 * k))
    assert close(result.real_price, 0.0, scale=magnitude(result))
    assert close(result.inflation, result.unit_price, scale=magnitude(result))


@SETTINGS
@given(frame=frames, method=methods, k=st.floats(0.01, 100.0))
def test_scaling_costs_scales_effects(frame, method, k):
    base = decompose(frame, method=method)
    scaled = decompose(frame.with_columns(pl.col("cost_base") * k, pl.col("cost_current") * k), method=method)
    for name in EFFECTS + ("total_change",):
        assert close(getattr(scaled, name), k * getattr(base, name), scale=magnitude(scaled)), name


@SETTINGS
@given(frame=frames, method=methods, k=st.floats(0.01, 100.0))
def test_scaling_volumes_of_both_periods_changes_nothing(frame, method, k):
    # Shares and V1/V0 are unchanged and unit prices scale by 1/k, so every effect is unchanged.
    base = decompose(frame, method=method)
    scaled = decompose(frame.with_columns(pl.col("volume_base") * k, pl.col("volume_current") * k), method=method)
    for name in EFFECTS:
        assert close(getattr(scaled, name), getattr(base, name), scale=magnitude(base, scaled)), name


@SETTINGS
@given(frame=frames, k=st.floats(0.01, 100.0))
def test_lmdi_rescaling_base_volume_moves_effect_between_volume_and_price_only(frame, k):
    # v0 -> k v0 leaves s0 and the weights unchanged; ln(V1/V0) falls by ln k and ln(p1/p0) rises by
    # ln k, so mix (and its split) is unchanged and volume + unit_price is unchanged.
    base = decompose(frame)
    scaled = decompose(frame.with_columns(pl.col("volume_base") * k))
    for name in ("mix", "mix_between", "mix_within", "unallocated"):
        assert close(getattr(scaled, name), getattr(base, name), scale=magnitude(base, scaled)), name
    assert close(scaled.volume + scaled.unit_price, base.volume + base.unit_price, scale=magnitude(base, scaled))


@SETTINGS
@given(frame=frames, method=methods, k=st.floats(0.2, 5.0))
def test_proportional_growth_is_pure_volume(frame, method, k):
    # v1 = k v0 and c1 = k c0 in every segment: shares and prices unchanged.
    frame = frame.with_columns(volume_current=pl.col("volume_base") * k, cost_current=pl.col("cost_base") * k)
    result = decompose(frame, method=method)
    noise = TOL + 1e-13 * magnitude(result)
    assert abs(result.mix) <= noise and abs(result.unit_price) <= noise and abs(result.residual) <= noise
    assert close(result.volume + result.unallocated, result.total_change, scale=magnitude(result))


@SETTINGS
@given(frame=frames)
def test_mix_between_plus_within_is_mix(frame):
    result = decompose(frame)
    assert abs(result.mix_between + result.mix_within - result.mix) <= TOL
    per = result.per_segment
    assert ((per["mix_between"] + per["mix_within"] - per["mix"]).abs() <= TOL).all()
    assert abs(per["mix_between"].sum() - result.mix_between) <= TOL
    for method in ("pvm", "shapley", "laspeyres"):
        other = decompose(frame, method=method)
        assert other.mix_between is None and other.mix_within is None
        assert "group" in other.per_segment.columns and "mix_between" not in other.per_segment.columns


@SETTINGS
@given(frame=frames)
def test_single_segment_has_no_mix(frame):
    single = frame.head(1)
    for method in METHODS:
        result = decompose(single, method=method)
        assert abs(result.mix) <= TOL + 1e-13 * magnitude(result)


# --------------------------------------------------------------------------------------------------
# (3) Zero values
# --------------------------------------------------------------------------------------------------

# A unchanged; B new (0 persons -> 10 persons costing 500). V 10 -> 20, total change 500.
NEW = table({"A": (10, 1000, 10, 1000), "B": (0, 0, 10, 500)})


def test_new_segment_lmdi_goes_to_mix():
    result = decompose(NEW)
    # A: L = 1000; volume = 1000 ln 2 = 693.147; mix = 1000 ln(0.5/1) = -693.147; price 0.
    # B: Ang & Liu (2007) limit: the whole c1 = 500 is mix; volume and price 0.
    assert (seg(result, "B")["volume"], seg(result, "B")["mix"], seg(result, "B")["unit_price"]) == (0, 500, 0)
    assert seg(result, "A")["volume"] == pytest.approx(1000 * math.log(2))
    assert seg(result, "A")["mix"] == pytest.approx(-1000 * math.log(2))
    assert result.volume == pytest.approx(693.1471806)
    assert result.mix == pytest.approx(500 - 693.1471806)
    assert result.unit_price == 0 and result.unallocated == 0
    assert seg(result, "B")["unit_price_base"] is None and seg(result, "B")["share_base"] == 0
    assert not any(math.isnan(x) for x in result.per_segment["mix"].to_list())


def test_new_segment_index_methods():
    # p0 := p1 = 50 for B. pvm: A q0 = 1000/10 = 100: volume = (20 - 10) * 100 = 1000,
    #   mix = 20 * (0.5*100 - 100) = -1000, price = 20 * 0.5 * (100 - 100) = 0;
    #   B: volume = 10 * 0 = 0, mix = 20 * (0.5 - 0) * 50 = 500, price = 20 * 0.5 * (50 - 50) = 0.
    pvm = decompose(NEW, method="pvm")
    assert (seg(pvm, "B")["volume"], seg(pvm, "B")["mix"], seg(pvm, "B")["unit_price"]) == pytest.approx((0, 500, 0))
    assert (pvm.volume, pvm.mix, pvm.unit_price) == pytest.approx((1000, -500, 0))
    # shapley for B (s0 = 0, s1 = 0.5, p0 = p1 = 50, V 10 -> 20):
    #   volume = 10 * (0 + 0.5*50 + 0 + 2*0.5*50)/6 = 10 * 75/6 = 125
    #   mix    = 0.5 * (2*10*50 + 20*50 + 10*50 + 2*20*50)/6 = 0.5 * 4500/6 = 375; price 0
    shapley = decompose(NEW, method="shapley", price_index=(1.0, 1.1))
    row = seg(shapley, "B")
    assert (row["volume"], row["mix"], row["unit_price"]) == pytest.approx((125, 375, 0))
    assert (row["inflation"], row["real_price"]) == (0, 0)
    # laspeyres for B: volume 0, mix = V0 * 0.5 * 50 = 250, price 0, residual = 500 - 250 = 250
    laspeyres = decompose(NEW, method="laspeyres")
    row = seg(laspeyres, "B")
    assert (row["volume"], row["mix"], row["unit_price"], row["residual"]) == pytest.approx((0, 250, 0, 250))


def test_disappearing_segment():
    gone = _swap(NEW)  # A unchanged; B 10 persons costing 500 -> 0. V 20 -> 10, total change -500.
    lmdi = decompose(gone)
    assert (seg(lmdi, "B")["volume"], seg(lmdi, "B")["mix"], seg(lmdi, "B")["unit_price"]) == (0, -500, 0)
    assert lmdi.volume == pytest.approx(-1000 * math.log(2))
    assert lmdi.mix == pytest.approx(1000 * math.log(2) - 500)
    # pvm (p1 := p0 = 50 for B): B q0 = 500/20 = 25: volume = -10 * 25 = -250, mix = 10 * (0 - 25) = -250
    #   A q0 = 50: volume = -10 * 50 = -500, mix = 10 * (1*100 - 50) = 500, price = 10*1*(100-100) = 0
    pvm = decompose(gone, method="pvm")
    assert (seg(pvm, "B")["volume"], seg(pvm, "B")["mix"], seg(pvm, "B")["unit_price"]) == pytest.approx((-250, -250, 0))
    assert (pvm.volume, pvm.mix, pvm.unit_price) == pytest.approx((-750, 250, 0))
    assert seg(pvm, "B")["unit_price_current"] is None


def test_cost_without_volume_is_unallocated():
    frame = table(
        {
            "A": (10, 1000, 10, 1000),
            "C": (0, 200, 0, 300),  # cost booked without persons in both periods
            "D": (0, 50, 5, 400),  # new segment with a stray base-period cost
        }
    )
    result = decompose(frame)
    # total = (1000 + 300 + 400) - (1000 + 200 + 50) = 450; unallocated = (300) - (200 + 50) = 50
    # V 10 -> 15: A volume = 1000 ln 1.5 = 405.465, A mix = -405.465; D mix = 400 (new segment)
    assert result.total_change == pytest.approx(450)
    assert result.unallocated == pytest.approx(50)
    assert seg(result, "C")["unallocated"] == 100 and seg(result, "D")["unallocated"] == -50
    assert (seg(result, "C")["volume"], seg(result, "C")["mix"], seg(result, "C")["unit_price"]) == (0, 0, 0)
    assert seg(result, "D")["mix"] == 400
    assert result.volume == pytest.approx(1000 * math.log(1.5))
    assert result.mix == pytest.approx(400 - 1000 * math.log(1.5))
    assert seg(result, "C")["unit_price_base"] is None and seg(result, "C")["share_current"] == 0
    for method in METHODS:
        other = decompose(frame, method=method)
        assert other.unallocated == pytest.approx(50)
        assert effects_sum(other) == pytest.approx(450, abs=TOL)


def test_zero_cost_with_volume_is_a_price_effect_in_lmdi():
    # A keeps its 10 persons but its cost falls to 0 (price 100 -> 0): Ang & Liu limit, unit_price = -1000.
    frame = table({"A": (10, 1000, 10, 0), "B": (10, 1000, 10, 1000)})
    result = decompose(frame, price_index=(100, 110))
    row = seg(result, "A")
    assert (row["volume"], row["mix"], row["unit_price"], row["inflation"], row["real_price"]) == (0, 0, -1000, 0, -1000)
    assert result.unit_price == pytest.approx(-1000) and result.volume == 0
    reverse = decompose(_swap(frame))
    assert seg(reverse, "A")["unit_price"] == 1000


def test_new_and_disappearing_groups_go_to_between():
    frame = table(
        {
            "a1": (10, 1000, 10, 1000),
            "a2": (0, 0, 5, 600),  # new segment in existing group "a" -> within
            "b1": (0, 0, 4, 800),  # new group "b" -> between
            "c1": (6, 900, 0, 0),  # group "c" disappears -> between
        },
        groups={"a1": "a", "a2": "a", "b1": "b", "c1": "c"},
    )
    result = decompose(frame)
    assert (seg(result, "a2")["mix_between"], seg(result, "a2")["mix_within"]) == (0, 600)
    assert (seg(result, "b1")["mix_between"], seg(result, "b1")["mix_within"]) == (800, 0)
    assert (seg(result, "c1")["mix_between"], seg(result, "c1")["mix_within"]) == (-900, 0)
    assert result.mix_between + result.mix_within == pytest.approx(result.mix)
    # a1 (only regular segment): g_a 10/16 -> 15/19, within-share 1 -> 10/15
    weight = 1000
    assert seg(result, "a1")["mix_between"] == pytest.approx(weight * math.log((15 / 19) / (10 / 16)))
    assert seg(result, "a1")["mix_within"] == pytest.approx(weight * math.log(10 / 15))


def test_period_without_any_volume():
    # base period has only unallocated cost: everything allocatable in the current period is volume
    frame = table({"A": (0, 100, 10, 1000), "B": (0, 0, 5, 200)})
    for method in METHODS:
        result = decompose(frame, method=method, price_index=(1, 2))
        assert result.volume == pytest.approx(1200) and result.unallocated == pytest.approx(-100)
        assert result.mix == 0 and result.unit_price == 0 and result.inflation == 0
        assert result.per_segment["share_base"].null_count() == 2
    # both periods without volume: everything unallocated
    empty = table({"A": (0, 100, 0, 400)})
    for method in METHODS:
        result = decompose(empty, method=method)
        assert (result.volume, result.mix, result.unit_price, result.unallocated) == (0, 0, 0, 300)
        assert result.total_change == 300


def test_log_mean_limits():
    assert log_mean(5.0, 5.0) == 5.0
    assert log_mean(3.0, 0.0) == 0.0 and log_mean(0.0, 3.0) == 0.0 and log_mean(0.0, 0.0) == 0.0
    assert log_mean(2.0, 1.0) == pytest.approx(1 / math.log(2))
    assert log_mean(1.0 + 1e-12, 1.0) == pytest.approx(1.0 + 5e-13, rel=1e-12)
    np.testing.assert_allclose(log_mean([1.0, 4.0], [4.0, 1.0]), [3 / math.log(4)] * 2)
    with pytest.raises(ValueError):
        log_mean(-1.0, 1.0)


# --------------------------------------------------------------------------------------------------
# (4) Validation
# --------------------------------------------------------------------------------------------------


def test_negative_cost_refused_by_lmdi_only():
    frame = table({"A": (10, 1000, 10, 1100), "refund": (5, 500, 5, -80)})
    with pytest.raises(ValueError, match=r"lmdi.*negative cost_current.*'refund'"):
        decompose(frame)
    for method in ("shapley", "pvm", "laspeyres"):
        result = decompose(frame, method=method)
        assert effects_sum(result) == pytest.approx(result.total_change, abs=TOL)
        assert result.total_change == pytest.approx(-480)


def test_negative_volume_refused_by_all_methods():
    frame = table({"A": (10, 1000, 10, 1100), "B": (-1, 500, 5, 80)})
    for method in METHODS:
        with pytest.raises(ValueError, match=r"negative volume_base.*'B'"):
            decompose(frame, method=method)


@pytest.mark.parametrize(
    ("frame", "kwargs", "message"),
    [
        (LMDI_EXAMPLE, {"method": "fisher"}, "unknown method"),
        (LMDI_EXAMPLE, {"price_index": (0.0, 1.0)}, "price_index"),
        (LMDI_EXAMPLE.drop("cost_base"), {}, "missing column"),
        (pl.concat([LMDI_EXAMPLE, LMDI_EXAMPLE.head(1)]), {}, "unique"),
        (LMDI_EXAMPLE.with_columns(cost_base=pl.Series([None, 1.0])), {}, "missing values"),
        (LMDI_EXAMPLE.with_columns(cost_base=pl.Series([math.inf, 1.0])), {}, "finite"),
    ],
)
def test_invalid_input(frame, kwargs, message):
    with pytest.raises(ValueError, match=message):
        decompose(frame, **kwargs)


def test_empty_frame():
    empty = table({})
    result = decompose(empty)
    assert result.total_change == 0 and effects_sum(result) == 0 and result.per_segment.height == 0


# --------------------------------------------------------------------------------------------------
# (5) Size
# --------------------------------------------------------------------------------------------------


def test_ten_thousand_segments():
    rng = np.random.default_rng(7)
    n = 10_000
    volume_base = rng.uniform(0.1, 40, n) * (rng.random(n) > 0.05)
    volume_current = volume_base * rng.uniform(0.6, 1.5, n) * (rng.random(n) > 0.05) + (volume_base == 0) * rng.uniform(0.1, 3, n)
    price_base = rng.uniform(1e4, 5e5, n)
    frame = pl.DataFrame(
        {
            "segment": [f"seg{i:05d}" for i in range(n)],
            "group": [f"offer{i % 40}" for i in range(n)],
            "volume_base": volume_base,
            "volume_current": volume_current,
            "cost_base": volume_base * price_base,
            "cost_current": volume_current * price_base * rng.uniform(0.95, 1.15, n),
        }
    )
    for method in METHODS:
        result = decompose(frame, method=method, price_index=(100, 103))
        assert result.per_segment.height == n
        assert abs(effects_sum(result) - result.total_change) <= TOL
        assert abs(result.inflation + result.real_price - result.unit_price) <= TOL
    assert abs(result.volume) > 0
