"""Decomposition of a change in cost into volume, mix and unit-price effects.

This module answers "why did the cost of § 108 rise by 12 mio. kr.?" with "x from more full-year
persons, y from heavier needs (a different mix of segments), z from higher prices". It is pure
numpy/polars, vectorised over segments (no Python loop per segment), and never imports streamlit.

Cost model
----------
The input has one row per *segment* (e.g. a level of need within an offer type) and two periods,
base (0) and current (1). For every period::

    C = sum_i c_i = V * sum_i s_i * p_i       with  V = sum_i v_i,  s_i = v_i / V,  p_i = c_i / v_i

``v_i`` are full-year persons, ``c_i`` kroner. The change ``C1 - C0`` is split into

* ``volume``     -- the effect of the total volume V (more or fewer full-year persons),
* ``mix``        -- the effect of the shares s_i (structure: persons moving to heavier/lighter
  segments); with a ``group`` column LMDI splits it into ``mix_between`` (the group shares) and
  ``mix_within`` (the shares of the segments inside their group),
* ``unit_price`` -- the effect of the unit prices p_i (kr. per full-year person); with a price
  index it is split into ``inflation`` (the index) and ``real_price`` (prices at fixed prices),
* ``residual``   -- the interaction term of the non-exact ``"laspeyres"`` method (0 otherwise),
* ``unallocated`` -- cost booked in a segment and period with zero volume (see below).

``volume + mix + unit_price + residual + unallocated == total_change`` always (to rounding).

Methods
-------
``"lmdi"`` (default): additive LMDI-I (Ang 2004, Ang 2005, Ang 2015). With the logarithmic mean
``L(a, b) = (a - b) / (ln a - ln b)``, ``L(a, a) = a``, ``L(a, 0) = L(0, a) = 0`` and the weight
``w_i = L(c1_i, c0_i)``::

    volume_i     = w_i * ln(V1 / V0)
    mix_i        = w_i * ln(s1_i / s0_i)
    unit_price_i = w_i * ln(p1_i / p0_i)

Their sum is ``w_i * ln(c1_i / c0_i) = c1_i - c0_i`` exactly (perfect decomposition, no residual).
Two-level mix (Ang 2005, Ang 2015: LMDI-I applies to any multiplicative chain of factors): with
``s_i = g_G * w_iG``, ``g_G = V_G / V`` the share of the segment's group and ``w_iG = v_i / V_G`` its
share within the group, ``mix_between_i = w_i * ln(g1/g0)`` and ``mix_within_i = w_i *
ln(w1/w0)``, using the same log-mean weights of the segments. Price index ``(I0, I1)``: with the
real price ``r = p / I``, ``p1/p0 = (I1/I0) * (r1/r0)``, so ``inflation_i = w_i * ln(I1/I0)`` and
``real_price_i = w_i * ln(r1_i/r0_i)``. LMDI refuses negative costs (logarithms).

``"shapley"``: the Shapley value of the three factors V, s, p -- the "complete decomposition" of
Sun (1998) ("jointly created, equally distributed"), which Ang (2004) lists with LMDI among the
perfect methods. For the product ``V * s_i * p_i`` the effect of a factor is its marginal
contribution averaged over the 6 orderings of the factors; with Δx = x1 - x0::

    volume_i     = ΔV   * (2 s0 p0 + s1 p0 + s0 p1 + 2 s1 p1) / 6
    mix_i        = Δs_i * (2 V0 p0 + V1 p0 + V0 p1 + 2 V1 p1) / 6
    unit_price_i = Δp_i * (2 V0 s0 + V1 s0 + V0 s1 + 2 V1 s1) / 6

(equivalently ``Δx * (y0 z0 + (Δy z0 + y0 Δz) / 2 + Δy Δz / 3)``, Sun 1998). Price index: the price
effect ``W_i * Δp_i`` is split with the two-factor Shapley split of ``p = I * r``,
``Δp = ΔI * (r0 + r1)/2 + Δr * (I0 + I1)/2``: ``inflation_i = W_i * ΔI * (r0 + r1)/2`` and
``real_price_i = W_i * Δr * (I0 + I1)/2`` (computed as ``unit_price_i - inflation_i``).

``"pvm"``: sequential price-volume-mix in the order volume -> mix -> price (the controller's
convention; each step is evaluated at the values reached by the previous steps)::

    volume_i     = (V1 - V0) * s0_i * p0_i
    mix_i        = V1 * (s1_i - s0_i) * p0_i
    unit_price_i = V1 * s1_i * (p1_i - p0_i)

Price index: continuing the sequence, inflation before real price:
``inflation_i = V1 * s1_i * p0_i * (I1/I0 - 1)`` and ``real_price_i = V1 * s1_i * (p1_i - p0_i *
I1/I0)`` (= ``unit_price_i - inflation_i``). Exact; but, unlike LMDI and Shapley, the result depends
on the order of the factors (Ang 2004).

``"laspeyres"``: every factor changes alone with the other factors at base-period values::

    volume_i     = (V1 - V0) * s0_i * p0_i
    mix_i        = V0 * (s1_i - s0_i) * p0_i
    unit_price_i = V0 * s0_i * (p1_i - p0_i)
    residual_i   = (c1_i - c0_i) - volume_i - mix_i - unit_price_i   (the interaction terms)

Not exact: the interactions are shown as ``residual`` (Ang 2004 discusses why such residuals are
undesirable). Price index: ``inflation_i = V0 * s0_i * p0_i * (I1/I0 - 1)`` and ``real_price_i =
unit_price_i - inflation_i = V0 * s0_i * (p1_i - p0_i * I1/I0)``.

Zero values
-----------
A segment that appears or disappears is the common case; zeros are handled exactly, never by
replacing 0 with a small number.

* **Cost without volume** (``v = 0`` and ``c != 0`` in a period) has no unit price and is never
  spread over the factors: ``unallocated_i = (c1_i if v1_i == 0 else 0) - (c0_i if v0_i == 0 else
  0)``. The factors decompose the remaining, *allocatable* cost (``c`` where ``v > 0``, else 0).
* **LMDI** uses the analytical limits of Ang & Liu (2007), "Handling zero values in the LMDI
  decomposition approach", Energy Policy 35: when a term goes from 0 to positive (or back) the
  weight ``L(c, 0)`` is 0 and the log of the vanishing factor is infinite; the limit gives the whole
  change to the factor that is zero and 0 to the others. Hence a *new* segment (``v0 = 0 < v1``)
  contributes ``mix = c1`` (volume and price 0), a *disappearing* one ``mix = -c0``; a segment with
  volume in both periods but zero allocatable cost in one of them (price 0) contributes
  ``unit_price = c1`` resp. ``-c0`` (all of it ``real_price`` with a price index). With a group
  column, a new/disappearing segment of a group that exists in both periods is ``mix_within``; one of
  a group that is itself new/disappearing (zero group volume in the other period) is
  ``mix_between``.
* **pvm, laspeyres, shapley**: a new segment has no base price, so ``p0 := p1`` (a disappearing one
  ``p1 := p0``); its share in the period where it is absent is 0. Its price effect is then 0 and its
  whole change is a volume/mix effect (pvm: all mix; laspeyres: mix + residual; shapley: volume +
  mix). Its inflation and real price effects are 0.
* **Zero total volume in one period** (all cost of that period is unallocated): the shares and
  prices of the empty period are taken from the other period (all methods; for LMDI it is the
  limit ``V0 -> 0``), so the whole allocatable change is a ``volume`` effect. If both periods have
  zero total volume everything is unallocated.

Negative volume is refused by every method; negative cost by ``"lmdi"`` only.

Sources
-------
* Ang, B.W. (2004). Decomposition analysis for policymaking in energy: which is the preferred
  method? Energy Policy 32.
* Ang, B.W. (2005). The LMDI approach to decomposition analysis: a practical guide. Energy Policy 33.
* Ang, B.W. (2015). LMDI decomposition approach: A guide for implementation. Energy Policy 86.
* Ang, B.W., Liu, N. (2007). Handling zero values in the LMDI decomposition approach. Energy
  Policy 35.
* Sun, J.W. (1998). Changes in energy consumption and energy intensity: A complete decomposition
  model. Energy Economics 20.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import polars as pl

from domain.codes import DECOMPOSITION_METHODS

__all__ = ["METHODS", "Decomposition", "decompose", "log_mean"]

#: Supported methods, default first.
METHODS = DECOMPOSITION_METHODS

_INPUT_COLUMNS = ("volume_base", "volume_current", "cost_base", "cost_current")


@dataclass(frozen=True)
class Decomposition:
    """Result of :func:`decompose`; all amounts in kroner.

    ``volume + mix + unit_price + residual + unallocated == total_change``. ``inflation`` and
    ``real_price`` (price index given; ``inflation + real_price == unit_price``) and
    ``mix_between`` and ``mix_within`` (group column, lmdi; ``mix_between + mix_within == mix``) are
    None when not applicable. ``per_segment`` holds the same effects per segment (columns sum to the
    totals) and the inputs, sorted by segment.
    """

    method: str
    total_change: float
    volume: float
    mix: float
    unit_price: float
    residual: float
    unallocated: float
    per_segment: pl.DataFrame
    inflation: float | None = None
    real_price: float | None = None
    mix_between: float | None = None
    mix_within: float | None = None

    def effects(self) -> dict[str, float]:
        """The additive components in display order (they sum to ``total_change``)."""
        return {
            "volume": self.volume,
            "mix": self.mix,
            "unit_price": self.unit_price,
            "residual": self.residual,
            "unallocated": self.unallocated,
        }


def log_mean(a, b) -> np.ndarray:
    """Logarithmic mean ``L(a, b) = (a - b) / (ln a - ln b)`` for a, b >= 0, elementwise.

    With the analytical limits ``L(a, a) = a`` and ``L(a, 0) = L(0, a) = 0`` (Ang 2005; Ang & Liu
    2007). Near ``a == b`` the log ratio is computed with ``log1p`` to avoid cancellation.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if np.any(a < 0) or np.any(b < 0):
        raise ValueError("the logarithmic mean is defined for non-negative values only")
    positive = (a > 0) & (b > 0)
    safe_a = np.where(positive, a, 1.0)
    safe_b = np.where(positive, b, 1.0)
    ln_ratio = _log_ratio(safe_a, safe_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        general = (safe_a - safe_b) / ln_ratio
    result = np.where(safe_a == safe_b, safe_a, general)
    return np.where(positive, result, 0.0)


def _log_ratio(a, b):
    """``ln(a / b)`` for positive a, b, accurate also when a is close to b."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        near = np.abs(a / b - 1.0) < 0.5
        return np.where(near, np.log1p((a - b) / b), np.log(a) - np.log(b))


def _total(values: np.ndarray) -> float:
    """Correctly rounded sum (math.fsum), so that the totals add up to total_change to rounding."""
    return math.fsum(np.asarray(values, dtype=np.float64).tolist())


def _validate(segments: pl.DataFrame, method: str) -> pl.DataFrame:
    if not isinstance(segments, pl.DataFrame):
        raise TypeError("segments must be a polars DataFrame")
    required = ("segment",) + _INPUT_COLUMNS
    missing = [name for name in required if name not in segments.columns]
    if missing:
        raise ValueError(f"segments is missing column(s): {', '.join(missing)}")
    has_group = "group" in segments.columns
    keys = ["segment", "group"] if has_group else ["segment"]
    frame = segments.select(
        [pl.col(name).cast(pl.String) for name in keys]
        + [pl.col(name).cast(pl.Float64) for name in _INPUT_COLUMNS]
    )
    nulls = [name for name in frame.columns if frame[name].null_count()]
    if nulls:
        raise ValueError(f"segments has missing values in column(s): {', '.join(nulls)}")
    duplicated = frame.filter(pl.col("segment").is_duplicated())["segment"].unique().sort()
    if duplicated.len():
        raise ValueError(f"segment names must be unique; duplicated: {_names(duplicated)}")
    bad = frame.filter(
        pl.any_horizontal([~pl.col(name).is_finite() for name in _INPUT_COLUMNS])
    )["segment"]
    if bad.len():
        raise ValueError(f"volumes and costs must be finite numbers; not so in segment(s) {_names(bad)}")
    for name in ("volume_base", "volume_current"):
        bad = frame.filter(pl.col(name) < 0)["segment"]
        if bad.len():
            raise ValueError(f"negative {name} in segment(s) {_names(bad)}; volumes must be >= 0")
    if method == "lmdi":
        for name in ("cost_base", "cost_current"):
            bad = frame.filter(pl.col(name) < 0)["segment"]
            if bad.len():
                raise ValueError(
                    f"method 'lmdi' cannot decompose negative costs (it takes logarithms): "
                    f"negative {name} in segment(s) {_names(bad)}; use method 'shapley' or 'pvm'"
                )
    return frame.sort("segment")


def _names(series: pl.Series, limit: int = 5) -> str:
    values = series.sort().to_list()
    shown = ", ".join(repr(value) for value in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def decompose(
    segments: pl.DataFrame,
    method: str = "lmdi",
    price_index: tuple[float, float] | None = None,
) -> Decomposition:
    """Decompose ``sum(cost_current) - sum(cost_base)`` into volume, mix and unit-price effects.

    ``segments``: one row per segment with ``segment`` (str, unique), ``volume_base`` and
    ``volume_current`` (full-year persons, >= 0), ``cost_base`` and ``cost_current`` (kr.) and
    optionally ``group`` (str; two-level mix split, lmdi). ``method``: ``"lmdi"`` (default),
    ``"shapley"``, ``"pvm"`` or ``"laspeyres"``. ``price_index``: ``(I_base, I_current)``, both > 0,
    to split the unit-price effect into inflation and real price. Formulas, zero-value conventions
    and sources are in the module docstring.

    Raises ValueError for an unknown method, missing columns or values, duplicate segments,
    non-finite or negative volumes, an invalid price index, and (lmdi) negative costs, naming the
    offending segments.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    if price_index is not None:
        if len(price_index) != 2:
            raise ValueError("price_index must be a pair (I_base, I_current)")
        i0, i1 = float(price_index[0]), float(price_index[1])
        if not (np.isfinite(i0) and np.isfinite(i1) and i0 > 0 and i1 > 0):
            raise ValueError("price_index values must be finite and > 0")
    frame = _validate(segments, method)
    has_group = "group" in frame.columns

    v0 = frame["volume_base"].to_numpy()
    v1 = frame["volume_current"].to_numpy()
    c0 = frame["cost_base"].to_numpy()
    c1 = frame["cost_current"].to_numpy()
    n = v0.size
    has0 = v0 > 0
    has1 = v1 > 0
    # Allocatable cost: cost where the segment has volume; the rest is unallocated.
    a0 = np.where(has0, c0, 0.0)
    a1 = np.where(has1, c1, 0.0)
    unallocated = np.where(has1, 0.0, c1) - np.where(has0, 0.0, c0)
    big_v0 = _total(v0)
    big_v1 = _total(v1)

    zeros = np.zeros(n)
    volume, mix, price, residual = zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy()
    inflation = real = between = within = None
    want_index = price_index is not None
    want_groups = has_group and method == "lmdi"
    if want_index:
        inflation, real = zeros.copy(), zeros.copy()
    if want_groups:
        between, within = zeros.copy(), zeros.copy()

    if big_v0 > 0 and big_v1 > 0:
        if method == "lmdi":
            group_volumes = None
            if want_groups:
                g0 = frame.select(pl.col("volume_base").sum().over("group"))["volume_base"].to_numpy()
                g1 = frame.select(pl.col("volume_current").sum().over("group"))["volume_current"].to_numpy()
                group_volumes = (g0, g1)
            result = _lmdi(v0, v1, a0, a1, big_v0, big_v1, price_index, group_volumes)
        else:
            result = _index_methods(method, v0, v1, a0, a1, big_v0, big_v1, price_index)
        volume, mix, price = result["volume"], result["mix"], result["unit_price"]
        residual = result.get("residual", residual)
        if want_index:
            inflation, real = result["inflation"], result["real_price"]
        if want_groups:
            between, within = result["mix_between"], result["mix_within"]
    elif big_v0 > 0 or big_v1 > 0:
        # One period without any volume: shares and prices of the empty period are taken from the
        # other period (for lmdi the limit V -> 0), so the allocatable change is all volume.
        volume = a1 - a0

    columns: dict[str, object] = {"segment": frame["segment"]}
    if has_group:
        columns["group"] = frame["group"]
    columns["volume"] = volume
    columns["mix"] = mix
    if want_groups:
        columns["mix_between"] = between
        columns["mix_within"] = within
    columns["unit_price"] = price
    if want_index:
        columns["inflation"] = inflation
        columns["real_price"] = real
    columns["residual"] = residual
    columns["unallocated"] = unallocated
    per_segment = pl.DataFrame(columns).with_columns(
        frame.select(_INPUT_COLUMNS).get_columns()
    ).with_columns(
        unit_price_base=pl.when(pl.col("volume_base") > 0).then(pl.col("cost_base") / pl.col("volume_base")),
        unit_price_current=pl.when(pl.col("volume_current") > 0).then(
            pl.col("cost_current") / pl.col("volume_current")
        ),
        share_base=(pl.col("volume_base") / big_v0) if big_v0 > 0 else pl.lit(None, dtype=pl.Float64),
        share_current=(pl.col("volume_current") / big_v1) if big_v1 > 0 else pl.lit(None, dtype=pl.Float64),
    )

    return Decomposition(
        method=method,
        total_change=_total(np.concatenate([c1, -c0])),
        volume=_total(volume),
        mix=_total(mix),
        unit_price=_total(price),
        residual=_total(residual),
        unallocated=_total(unallocated),
        per_segment=per_segment,
        inflation=None if inflation is None else _total(inflation),
        real_price=None if real is None else _total(real),
        mix_between=None if between is None else _total(between),
        mix_within=None if within is None else _total(within),
    )


def _lmdi(v0, v1, a0, a1, big_v0, big_v1, price_index, group_volumes) -> dict[str, np.ndarray]:
    """Additive LMDI-I with the Ang & Liu (2007) zero-value limits; both total volumes > 0."""
    has0, has1 = v0 > 0, v1 > 0
    both = has0 & has1
    regular = both & (a0 > 0) & (a1 > 0)
    new = ~has0 & has1
    gone = has0 & ~has1

    one = np.ones_like(v0)
    r_v0, r_v1 = np.where(regular, v0, one), np.where(regular, v1, one)
    r_a0, r_a1 = np.where(regular, a0, one), np.where(regular, a1, one)
    ln_big_v = float(_log_ratio(np.float64(big_v1), np.float64(big_v0)))
    ln_v = _log_ratio(r_v1, r_v0)  # ln(v1/v0) = ln(V1/V0) + ln(s1/s0)
    ln_c = _log_ratio(r_a1, r_a0)  # ln(c1/c0) = ln(v1/v0) + ln(p1/p0)
    weight = np.where(regular, log_mean(r_a1, r_a0), 0.0)

    volume = weight * ln_big_v
    mix_regular = weight * (ln_v - ln_big_v)
    price_regular = weight * (ln_c - ln_v)
    # Ang & Liu (2007) limits: the whole change goes to the factor that is zero.
    mix = np.where(regular, mix_regular, np.where(new, a1, np.where(gone, -a0, 0.0)))
    price = np.where(regular, price_regular, np.where(both, a1 - a0, 0.0))
    out = {"volume": volume, "mix": mix, "unit_price": price}

    if price_index is not None:
        ln_index = float(np.log(price_index[1] / price_index[0]))
        inflation = weight * ln_index
        out["inflation"] = inflation
        # real = w * ln(r1/r0) = w * (ln(p1/p0) - ln(I1/I0)); for a zero price it is the whole effect.
        out["real_price"] = price - inflation

    if group_volumes is not None:
        g0, g1 = group_volumes
        r_g0, r_g1 = np.where(regular, g0, one), np.where(regular, g1, one)
        between_regular = weight * (_log_ratio(r_g1, r_g0) - ln_big_v)  # w * ln(g1/g0)
        group_new = new & (g0 == 0)
        group_gone = gone & (g1 == 0)
        between = np.where(
            regular, between_regular, np.where(group_new, a1, np.where(group_gone, -a0, 0.0))
        )
        out["mix_between"] = between
        out["mix_within"] = mix - between  # = w * ln(w1/w0); new segment in an existing group
    return out


def _index_methods(method, v0, v1, a0, a1, big_v0, big_v1, price_index) -> dict[str, np.ndarray]:
    """pvm, laspeyres and shapley; both total volumes > 0.

    Works with q = s * p = c / V (the segment's cost per full-year person of the whole) and the
    cross terms x10 = s1 * p0 and x01 = s0 * p1, using p0 := p1 for a new segment and p1 := p0 for
    a disappearing one. With the share 0 in the period where the segment is absent this gives
    x10 = q1, x01 = 0 (new) and x10 = 0, x01 = q0 (disappearing), so its price effect is exactly 0.
    """
    has0, has1 = v0 > 0, v1 > 0
    both = has0 & has1
    s0, s1 = v0 / big_v0, v1 / big_v1
    q0, q1 = a0 / big_v0, a1 / big_v1
    with np.errstate(divide="ignore", invalid="ignore"):
        p0_obs = np.where(has0, a0 / np.where(has0, v0, 1.0), 0.0)
        p1_obs = np.where(has1, a1 / np.where(has1, v1, 1.0), 0.0)
    p0 = np.where(has0, p0_obs, p1_obs)  # new segment: p0 := p1
    p1 = np.where(has1, p1_obs, p0_obs)  # disappearing segment: p1 := p0
    x10 = np.where(both, s1 * p0, np.where(has1, q1, 0.0))
    x01 = np.where(both, s0 * p1, np.where(has0, q0, 0.0))
    d_big_v = big_v1 - big_v0
    out: dict[str, np.ndarray] = {}
    if method == "pvm":
        out["volume"] = d_big_v * q0
        out["mix"] = big_v1 * (x10 - q0)
        out["unit_price"] = big_v1 * (q1 - x10)
        inflation_base = big_v1 * x10  # V1 * s1 * p0
    elif method == "laspeyres":
        out["volume"] = d_big_v * q0
        out["mix"] = big_v0 * (x10 - q0)
        out["unit_price"] = big_v0 * (x01 - q0)
        out["residual"] = (a1 - a0) - out["volume"] - out["mix"] - out["unit_price"]
        inflation_base = big_v0 * q0  # V0 * s0 * p0
    else:  # shapley (Sun 1998), averages over the 6 orderings of V, s, p
        out["volume"] = d_big_v * (2.0 * q0 + x10 + x01 + 2.0 * q1) / 6.0
        out["mix"] = (
            (2.0 * big_v0 + big_v1) * (x10 - q0) + (big_v0 + 2.0 * big_v1) * (q1 - x01)
        ) / 6.0
        out["unit_price"] = (
            (2.0 * big_v0 + big_v1) * (x01 - q0) + (big_v0 + 2.0 * big_v1) * (q1 - x10)
        ) / 6.0
        inflation_base = None
    if price_index is not None:
        i0, i1 = float(price_index[0]), float(price_index[1])
        k = i1 / i0
        if inflation_base is not None:
            inflation = inflation_base * (k - 1.0)
        else:
            # W * ΔI * (r0 + r1) / 2 with W * p0 and W * p1 from the Shapley weight of Δp.
            w_p0 = ((2.0 * big_v0 + big_v1) * q0 + (big_v0 + 2.0 * big_v1) * x10) / 6.0
            w_p1 = ((2.0 * big_v0 + big_v1) * x01 + (big_v0 + 2.0 * big_v1) * q1) / 6.0
            inflation = (w_p0 * (k - 1.0) + w_p1 * (1.0 - 1.0 / k)) / 2.0
        inflation = np.where(both, inflation, 0.0)  # imputed prices: no price effect at all
        out["inflation"] = inflation
        out["real_price"] = out["unit_price"] - inflation
    return out
