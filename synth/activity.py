"""Stage 1, activity: providers and calibration, the stock-flow simulation of measures, citizens (birth dates,
CPR numbers, families, cases) and the price-line rows of the case systems' exports."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import polars as pl

from synth.model import (_add_years, _day, _level_probs, _month_index, _month_start, _PLACEMENTS, _PREVENTIVE,
    _stochastic_round, _YEAR_DAYS, _year_of, APPROX_POPULATION, BASE_YEAR, CHAIN_RULES, CONCURRENT_RULES,
    COVERAGE_TARGET, cpr_century_digit, expected_daily_2019, EXPENSIVE_PROVIDERS, FAMILY_PROBS, FAMILY_WINDOW_DAYS,
    function_target_kr, GROUPING_OF_PROVIDER_TYPE, HEAVY_CASES, HOURS_NOISE, Kind, KIND_INDEX, KINDS, KOMMUNEKODE,
    LEVEL_MULT, PLACEMENT_WITHOUT_CONSENT, PROVIDER_TYPE_LABEL, PROVIDER_TYPE_MULT, PROVIDER_TYPES, PROVIDERS,
    REASSESS_UP, Scale, tariff_index, TARIFF_NOISE, UNASSESSED_SHARE, UNIT_LABEL)

# --------------------------------------------------------------------------------------------------
# activity: providers, calibration, stock-flow
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderChoice:
    """Per (kind, provider type): the providers that serve it, their choice probabilities and tariff factors."""

    names: dict[tuple[int, int], np.ndarray]
    probs: dict[tuple[int, int], np.ndarray]
    factor: dict[str, float]

    def expected_mult(self, ki: int) -> float:
        """E[provider type factor x provider factor] of a new measure of kind ``ki``."""
        kind = KINDS[ki]
        p = np.array(kind.provider_probs) / sum(kind.provider_probs)
        total = 0.0
        for ti in range(len(PROVIDER_TYPES)):
            if p[ti] == 0:
                continue
            names, probs = self.names[(ki, ti)], self.probs[(ki, ti)]
            total += p[ti] * PROVIDER_TYPE_MULT[ti] * float(np.dot(probs, [self.factor[n] for n in names]))
        return total


def provider_choice(rng: np.random.Generator) -> ProviderChoice:
    """A few providers take most of the places (lognormal weights); EXPENSIVE_PROVIDERS charge far more."""
    factor = {name: EXPENSIVE_PROVIDERS.get(name, 1.0) * math.exp(rng.normal(0, 0.05)) for name, _, _ in PROVIDERS}
    names, probs = {}, {}
    for ki, kind in enumerate(KINDS):
        for ti, t in enumerate(PROVIDER_TYPES):
            cands = [name for name, typ, ks in PROVIDERS if typ == t and kind.key in ks]
            if kind.provider_probs[ti] > 0 and not cands:
                raise ValueError(f"no provider of type {t} for kind {kind.key}")
            w = np.exp(rng.normal(0, 0.6, len(cands)))
            names[(ki, ti)] = np.array(cands, dtype=object)
            probs[(ki, ti)] = w / w.sum() if cands else w
    return ProviderChoice(names, probs, factor)


def _heavy_reps(scale: Scale) -> int:
    return max(1, int(round(scale.factor)))


def _heavy_cost_2019(ki: int, reps: int) -> float:
    """Activity cost (kr.) of the heavy single cases of kind ``ki`` in 2019 (2019 tariffs)."""
    lo, hi = _day(dt.date(BASE_YEAR, 1, 1)), _day(dt.date(BASE_YEAR, 12, 31))
    total = 0.0
    for kind, s, e, daily, _ in HEAVY_CASES:
        if KIND_INDEX[kind] != ki:
            continue
        days = min(_day(e) if e else hi, hi) - max(_day(s), lo) + 1
        total += max(days, 0) * daily
    return total * reps


def initial_hap(scale: Scale, provider: ProviderChoice) -> np.ndarray:
    """Full-year persons of each kind in 2019: the kind's share of its function's 2019 money (per-inhabitant
    target x inhabitants) x activity coverage, less the heavy cases, / (365.25 x expected daily tariff)."""
    pop = scale.population_2019
    reps = _heavy_reps(scale)
    h0 = np.zeros(len(KINDS))
    for ki, kind in enumerate(KINDS):
        money = function_target_kr(kind.function, np.array([BASE_YEAR]), pop)[0] * COVERAGE_TARGET * kind.share
        money -= _heavy_cost_2019(ki, reps)
        h0[ki] = max(money, 0.0) / (_YEAR_DAYS * expected_daily_2019(kind, provider.expected_mult(ki)))
    return h0


_GOLDEN = (math.sqrt(5) - 1) / 2


def _quantiles(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two well-spread quantile sequences for n measures: (i + r) / n in order (start dates, ages) and
    frac(i x golden ratio + r') (durations), so that the full-year persons of a cohort follow the target
    path with little sampling noise."""
    i = np.arange(n)
    return (i + rng.random()) / max(n, 1), np.mod(i * _GOLDEN + rng.random(), 1.0)


def _durations(kind: Kind, u: np.ndarray) -> np.ndarray:
    """Durations in days at quantiles u: exponential with the kind's mean (at least 14 days), or about
    the mean for programmes; never longer than max_years."""
    mu = kind.duration_years * _YEAR_DAYS
    if kind.fixed_duration:
        d = mu * (0.9 + 0.2 * u)
    else:
        d = np.maximum(-mu * np.log1p(-u * (1 - 1e-12)), 14.0)
    return np.minimum(d, (kind.max_years or 40.0) * _YEAR_DAYS)


def _effective_mean_days(kind: Kind) -> float:
    """Mean duration (days) after the cap at max_years."""
    mu = kind.duration_years * _YEAR_DAYS
    if kind.fixed_duration or kind.max_years is None:
        return mu
    return mu * (1 - math.exp(-kind.max_years / kind.duration_years))


def _simulate_measures(rng: np.random.Generator, years: list[int], as_of: dt.date, h0: np.ndarray) -> dict:
    """Stock-flow simulation of measures per kind; returns measure-level numpy arrays (day numbers).

    Full-year persons of kind k follow H(y) = h0[k] x (1 + volume growth)^(y - 2019): entries at
    lambda(y) = H(y) / mean duration + dH/dt per year, spread evenly over each year, from long enough before
    the first year that the stock on its first day is the stationary one (measures that ended before it
    are dropped)."""
    sim_start = _day(dt.date(years[0], 1, 1))
    last_start = _day(as_of) - 1  # last possible start date
    kinds, starts, ends = [], [], []
    for ki, kind in enumerate(KINDS):
        burn_in = int(math.ceil(kind.max_years or 40.0)) + 1
        all_years = list(range(years[0] - burn_in, years[0])) + years
        yrs = np.array(all_years + [years[-1] + 1], dtype=float)
        target = h0[ki] * (1 + kind.volume_growth) ** (yrs - BASE_YEAR)
        lam = np.maximum(target / _effective_mean_days(kind) * _YEAR_DAYS + np.gradient(target), 0.0)  # per year
        ent_s, ent_e = [], []
        for i, year in enumerate(all_years):
            y0 = _day(dt.date(year, 1, 1))
            y1 = min(_day(dt.date(year, 12, 31)), last_start)
            if y1 < y0:
                continue
            span = y1 - y0 + 1
            n = int(_stochastic_round(rng, np.array([lam[i] * span / _YEAR_DAYS]))[0])
            u_start, u_dur = _quantiles(rng, n)
            s = y0 + np.floor(u_start * span).astype(np.int64)
            ent_s.append(s)
            ent_e.append(s + np.floor(_durations(kind, u_dur)).astype(np.int64))
        s_all, e_all = np.concatenate(ent_s), np.concatenate(ent_e)
        live = e_all >= sim_start
        kinds.append(np.full(int(live.sum()), ki, dtype=np.int64))
        starts.append(s_all[live])
        ends.append(e_all[live])
    start, end = np.concatenate(starts), np.concatenate(ends)
    return {"kind": np.concatenate(kinds), "start": start, "end": end, "heavy": np.zeros(start.size, bool),
            "heavy_daily": np.zeros(start.size), "heavy_provider": np.array([None] * start.size, dtype=object)}


def _add_heavy(rng: np.random.Generator, m: dict, as_of: dt.date, scale: Scale, sim_start: int) -> dict:
    reps = _heavy_reps(scale)
    kinds, starts, ends, daily, provs = [], [], [], [], []
    for r in range(reps):
        for kind, s, e, d, prov in HEAVY_CASES:
            jitter = 0 if r == 0 else int(rng.integers(-200, 200))
            s_day = _day(s) + jitter
            e_day = (_day(e) + jitter) if e else _day(as_of) + 10_000
            if s_day >= _day(as_of) or e_day < sim_start:
                continue
            kinds.append(KIND_INDEX[kind])
            starts.append(s_day)
            ends.append(e_day)
            daily.append(d * (1 + 0.05 * rng.standard_normal()) if r else d)
            provs.append(prov)
    n = len(kinds)
    return {
        "kind": np.concatenate([m["kind"], np.array(kinds, dtype=np.int64)]),
        "start": np.concatenate([m["start"], np.array(starts, dtype=np.int64)]),
        "end": np.concatenate([m["end"], np.array(ends, dtype=np.int64)]),
        "heavy": np.concatenate([m["heavy"], np.ones(n, bool)]),
        "heavy_daily": np.concatenate([m["heavy_daily"], np.array(daily, dtype=float)]),
        "heavy_provider": np.concatenate([m["heavy_provider"], np.array(provs, dtype=object)]),
    }


def _link_citizens(rng: np.random.Generator, m: dict, sim_start: int, as_of_day: int) -> np.ndarray:
    """Group measures into citizens. Returns a dense citizen index per measure (chains and concurrent
    measures form trees; a root is the earliest measure of its citizen)."""
    n = m["kind"].size
    kind, start = m["kind"], m["start"]
    ongoing = m["end"] >= as_of_day
    end_eff = np.where(ongoing, as_of_day + 100_000, m["end"])
    parent = np.arange(n)
    has_parent = m["heavy"].copy()  # heavy cases stay single
    used_chain = m["heavy"].copy()
    used_conc = m["heavy"].copy()

    def kind_mask(keys: tuple[str, ...]) -> np.ndarray:
        return np.isin(kind, [KIND_INDEX[k] for k in keys])

    for src_keys, tgt_keys, prob, max_gap in CHAIN_RULES:
        tgt = np.flatnonzero(kind_mask(tgt_keys) & ~has_parent & (start >= sim_start))
        tgt = tgt[rng.random(tgt.size) < prob]
        src = np.flatnonzero(kind_mask(src_keys) & ~used_chain & ~ongoing)
        if tgt.size == 0 or src.size == 0:
            continue
        src = src[np.argsort(end_eff[src], kind="stable")]
        src_end = end_eff[src]
        pos = np.searchsorted(src_end, start[tgt], side="left") - 1  # latest source ending before start
        pos = pos - rng.integers(0, 4, pos.size)  # not always the very latest one
        ok = pos >= 0
        tgt, pos = tgt[ok], pos[ok]
        cand = src[pos]
        ok = (start[tgt] - end_eff[cand] <= max_gap) & (start[tgt] > end_eff[cand])
        tgt, cand = tgt[ok], cand[ok]
        order = np.argsort(start[tgt], kind="stable")
        tgt, cand = tgt[order], cand[order]
        _, first = np.unique(cand, return_index=True)
        tgt, cand = tgt[first], cand[first]
        parent[tgt] = cand
        has_parent[tgt] = True
        used_chain[cand] = True

    for src_keys, tgt_keys, prob in CONCURRENT_RULES:
        tgt = np.flatnonzero(kind_mask(tgt_keys) & ~has_parent)
        tgt = tgt[rng.random(tgt.size) < prob]
        src = np.flatnonzero(kind_mask(src_keys) & ~used_conc)
        if tgt.size == 0 or src.size == 0:
            continue
        tries = 8
        cand = src[rng.integers(0, src.size, (tgt.size, tries))]
        valid = (start[cand] <= start[tgt][:, None]) & (end_eff[cand] >= start[tgt][:, None])
        has = valid.any(axis=1)
        pick = cand[np.arange(tgt.size), valid.argmax(axis=1)]
        tgt, pick = tgt[has], pick[has]
        _, first = np.unique(pick, return_index=True)
        tgt, pick = tgt[first], pick[first]
        parent[tgt] = pick
        has_parent[tgt] = True
        used_conc[pick] = True

    # pointer jumping to the root of every chain
    while True:
        nxt = parent[parent]
        if np.array_equal(nxt, parent):
            break
        parent = nxt
    _, citizen = np.unique(parent, return_inverse=True)
    return citizen


# --------------------------------------------------------------------------------------------------
# activity: citizens (birth dates, CPR numbers, families, cases)
# --------------------------------------------------------------------------------------------------


def _per_citizen(citizen: np.ndarray, n_cit: int, mask: np.ndarray, values: np.ndarray, smallest: bool) -> np.ndarray:
    big = np.iinfo(np.int64).max
    out = np.full(n_cit, big if smallest else -big, dtype=np.int64)
    (np.minimum if smallest else np.maximum).at(out, citizen[mask], values[mask])
    return out


def _first_kind(citizen: np.ndarray, n_cit: int, mask: np.ndarray, start: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """Per citizen: the kind of the earliest measure among ``mask`` (-1 without one)."""
    idx = np.flatnonzero(mask)
    idx = idx[np.lexsort((kind[idx], start[idx], citizen[idx]))]
    out = np.full(n_cit, -1, dtype=np.int64)
    cit, first = np.unique(citizen[idx], return_index=True)
    out[cit] = kind[idx[first]]
    return out


def _draw_age(rng: np.random.Generator, first_kind: np.ndarray) -> np.ndarray:
    lo = np.array([k.age[0] for k in KINDS])[np.maximum(first_kind, 0)]
    hi = np.array([k.age[1] for k in KINDS])[np.maximum(first_kind, 0)]
    return lo + rng.random(first_kind.size) * (hi - lo)


def _births(rng: np.random.Generator, m: dict, citizen: np.ndarray, as_of_day: int) -> np.ndarray:
    """Birth day number per citizen, fitting the citizen's measures.

    Children (children's-system measures other than after-care) are 0-17: the age at the first measure is
    drawn from its kind's range but kept young enough to be under 18 at the last one. A citizen who also has
    adult measures or after-care moved on from a placement: the placement ended the day before the 18th
    birthday. Adults get an age at their first measure from its kind's range (STU 17-21, § 107 18-40 ...)."""
    n_cit = int(citizen.max()) + 1
    kind, start, end = m["kind"], m["start"], m["end"]
    system = np.array([k.system for k in KINDS], dtype=object)[kind]
    group = np.array([k.group for k in KINDS], dtype=object)[kind]
    is_child = (system == "boern") & (group != "aft")
    c_first = _per_citizen(citizen, n_cit, is_child, start, True)
    c_last = _per_citizen(citizen, n_cit, is_child, end, False)
    a_first = _per_citizen(citizen, n_cit, ~is_child, start, True)
    # the first adult measure other than STU (STU may start at 17)
    a_first_18 = _per_citizen(citizen, n_cit, ~is_child & (group != "stu"), start, True)
    has_child = np.zeros(n_cit, bool)
    has_child[citizen[is_child]] = True
    has_adult = np.zeros(n_cit, bool)
    has_adult[citizen[~is_child]] = True
    age_child = _draw_age(rng, _first_kind(citizen, n_cit, is_child, start, kind))
    age_adult = _draw_age(rng, _first_kind(citizen, n_cit, ~is_child, start, kind))

    birth = np.zeros(n_cit, dtype=np.int64)
    only_child = has_child & ~has_adult
    span = (c_last - c_first) / _YEAR_DAYS
    a = np.maximum(np.minimum(age_child, 17.97 - span), 30 / _YEAR_DAYS)
    birth[only_child] = (c_first - np.round(a * _YEAR_DAYS).astype(np.int64))[only_child]
    moved_on = has_child & has_adult
    if moved_on.any():  # 18 when the last child measure ends, or at the first adult one if that is earlier
        b = _add_years(np.minimum(c_last + 1, a_first)[moved_on], -18)
        birth[moved_on] = np.minimum(b, c_first[moved_on] - 30)  # a child chain longer than 18 years is cut
    adult = ~has_child
    age_adult = np.minimum(age_adult, np.maximum(18.0, 82.0 - (as_of_day - a_first) / _YEAR_DAYS))
    birth[adult] = (a_first - np.round(age_adult * _YEAR_DAYS).astype(np.int64))[adult]
    later = adult & (a_first_18 < np.iinfo(np.int64).max)
    birth[later] = np.minimum(birth[later], _add_years(a_first_18[later], -18))
    return birth


def _trim_to_age(m: dict, citizen: np.ndarray, birth: np.ndarray) -> np.ndarray:
    """End children's measures the day before the 18th birthday and after-care before the 23rd; returns the
    mask of the measures that still have days."""
    kind = m["kind"]
    system = np.array([k.system for k in KINDS], dtype=object)[kind]
    group = np.array([k.group for k in KINDS], dtype=object)[kind]
    day18 = _add_years(birth, 18)[citizen]
    day23 = _add_years(birth, 23)[citizen]
    is_child = (system == "boern") & (group != "aft")
    m["end"] = np.where(is_child, np.minimum(m["end"], day18 - 1), m["end"])
    m["end"] = np.where(group == "aft", np.minimum(m["end"], day23 - 1), m["end"])
    return m["end"] >= m["start"]


def _families(rng: np.random.Generator, m: dict, citizen: np.ndarray, n_cit: int) -> np.ndarray:
    """Family (case) number per citizen: children whose first measures are preventive and start within
    FAMILY_WINDOW_DAYS of each other are siblings in one case (2 or 3 children) with FAMILY_PROBS."""
    kind, start = m["kind"], m["start"]
    is_child = np.array([k.system == "boern" and k.group != "aft" for k in KINDS])[kind]
    first = _first_kind(citizen, n_cit, is_child, start, kind)
    first_start = _per_citizen(citizen, n_cit, is_child, start, True)
    prev = np.isin(first, [KIND_INDEX[k] for k in _PREVENTIVE])
    family = np.arange(n_cit)
    cand = np.flatnonzero(prev)
    cand = cand[np.argsort(first_start[cand], kind="stable")]
    u = rng.random(cand.size)
    head, size = -1, 0
    for j, c in enumerate(cand):
        if head >= 0 and size < 3 and first_start[c] - first_start[head] <= FAMILY_WINDOW_DAYS \
                and u[j] < FAMILY_PROBS[size - 1]:
            family[c] = head
            size += 1
        else:
            head, size = c, 1
    return family


def _cpr_numbers(rng: np.random.Generator, birth: np.ndarray) -> np.ndarray:
    """CPR-shaped numbers DDMMYYXXXX (valid dates; the 7th digit gives the century by the standard rule,
    the last digit is odd for men and even for women; unique per citizen)."""
    d = birth.astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    century = cpr_century_digit(year, rng)
    rest = rng.integers(0, 1000, birth.size)
    serial = century * 1000 + rest
    key = birth * 10_000 + serial
    for _ in range(100):  # resolve the rare duplicates
        _, idx = np.unique(key, return_index=True)
        dup = np.ones(key.size, bool)
        dup[idx] = False
        if not dup.any():
            break
        serial[dup] = century[dup] * 1000 + rng.integers(0, 1000, int(dup.sum()))
        key = birth * 10_000 + serial
    s = pl.DataFrame({"d": pl.Series(d), "serial": serial}).select(
        pl.col("d").dt.strftime("%d%m%y") + pl.col("serial").cast(pl.String).str.zfill(4))
    return s.to_series().to_numpy()


# --------------------------------------------------------------------------------------------------
# activity: measures -> price-line rows
# --------------------------------------------------------------------------------------------------


def _select(m: dict, keep: np.ndarray) -> dict:
    return {k: v[keep] for k, v in m.items()}


def build_activity(rng: np.random.Generator, years: list[int], as_of: dt.date, scale: Scale, h0: np.ndarray,
                    provider: ProviderChoice, pl_full: dict[int, float]) -> pl.DataFrame:
    first_year = years[0]
    sim_start = _day(dt.date(first_year, 1, 1))
    as_of_day = _day(as_of)
    m = _simulate_measures(rng, years, as_of, h0)
    m = _add_heavy(rng, m, as_of, scale, sim_start)
    m = _select(m, m["end"] >= sim_start)
    citizen = _link_citizens(rng, m, sim_start, as_of_day)
    birth = _births(rng, m, citizen, as_of_day)
    keep = _trim_to_age(m, citizen, birth) & (m["end"] >= sim_start)
    m = _select(m, keep)
    kept_citizens, citizen = np.unique(citizen[keep], return_inverse=True)
    birth = birth[kept_citizens]
    n = m["kind"].size
    n_cit = int(citizen.max()) + 1
    kind = m["kind"]
    ongoing = m["end"] >= as_of_day
    system = np.array([k.system for k in KINDS], dtype=object)[kind]

    # --- measure attributes -------------------------------------------------------------------
    level0 = np.zeros(n, dtype=np.int64)
    ptype = np.empty(n, dtype=np.int64)
    unit = np.empty(n, dtype=object)
    prov_name = np.empty(n, dtype=object)
    start_year = _year_of(m["start"])
    for ki, k in enumerate(KINDS):
        sel = np.flatnonzero(kind == ki)
        if sel.size == 0:
            continue
        probs = _level_probs(k, np.clip(start_year[sel], 1990, None))
        level0[sel] = np.minimum((rng.random(sel.size)[:, None] > np.cumsum(probs, axis=1)).sum(axis=1), 4)
        p = np.array(k.provider_probs)
        ptype[sel] = rng.choice(4, sel.size, p=p / p.sum())
        units = [u for u, _ in k.units]
        up = np.array([w for _, w in k.units])
        unit[sel] = np.array(units, dtype=object)[rng.choice(len(units), sel.size, p=up / up.sum())]
        for ti in range(len(PROVIDER_TYPES)):
            s2 = sel[ptype[sel] == ti]
            if s2.size:
                names, pr = provider.names[(ki, ti)], provider.probs[(ki, ti)]
                prov_name[s2] = names[rng.choice(len(names), s2.size, p=pr)]
    # re-assessments before the period: the levels of older measures have been raised, too
    years_before = np.maximum((sim_start - m["start"]) // 365, 0)
    level0 = np.minimum(level0 + rng.binomial(years_before, REASSESS_UP), 4)
    unassessed_share = np.array([UNASSESSED_SHARE.get(k.key, UNASSESSED_SHARE[k.system]) for k in KINDS])
    unassessed = rng.random(n) < unassessed_share[kind]
    noise = np.exp(rng.normal(-0.5 * TARIFF_NOISE**2, TARIFF_NOISE, n))
    heavy = m["heavy"]
    for j in np.flatnonzero(heavy):
        prov_name[j] = m["heavy_provider"][j]
        ptype[j] = PROVIDER_TYPES.index(next(t for nm, t, _ in PROVIDERS if nm == prov_name[j]))
        unit[j] = "dag"
        level0[j] = 4
        unassessed[j] = False
    is_child = system == "boern"
    paragraph = np.array([k.paragraph for k in KINDS], dtype=object)[kind]
    para_bl = np.array([k.paragraph_bl or k.paragraph for k in KINDS], dtype=object)[kind]
    is_plc = np.isin(kind, [KIND_INDEX[k] for k in _PLACEMENTS])
    no_consent = is_plc & (rng.random(n) < PLACEMENT_WITHOUT_CONSENT[2])
    paragraph = np.where(no_consent, PLACEMENT_WITHOUT_CONSENT[0], paragraph)
    para_bl = np.where(no_consent, PLACEMENT_WITHOUT_CONSENT[1], para_bl)
    paragraph = np.where(is_child & (m["start"] >= _day(dt.date(2024, 1, 1))), para_bl, paragraph)
    paying = np.full(n, KOMMUNEKODE, dtype=np.int64)
    other_pay = rng.random(n) < 0.03
    paying[other_pay] = rng.choice(np.array(sorted(APPROX_POPULATION)), int(other_pay.sum()))

    # --- citizens: CPR numbers, cases ---------------------------------------------------------------
    cpr = _cpr_numbers(rng, birth)
    family = _families(rng, m, citizen, n_cit)
    fam_ids, fam_dense = np.unique(family, return_inverse=True)
    fam_no = rng.permutation(fam_ids.size) + 1_000_000 + int(rng.integers(0, 5_000_000))
    child_case = pl.Series(fam_no[fam_dense]).cast(pl.String).str.zfill(7).to_numpy().astype(object)
    child_case = np.array(["SAG-" + c for c in child_case], dtype=object)
    adult_case = (rng.permutation(n_cit) + 100_000 + int(rng.integers(0, 400_000))).astype(str).astype(object)
    case_id = np.where(is_child, child_case[citizen], adult_case[citizen])

    # --- price-line rows --------------------------------------------------------------------------
    lines = scale.price_lines_per_year
    if 12 % lines:
        raise ValueError("price_lines_per_year must divide 12")
    plen = 12 // lines
    end_eff = np.where(ongoing, as_of_day - 1, m["end"])
    p_first = np.maximum(_month_index(m["start"]), _month_index(np.array([sim_start]))[0]) // plen
    p_last = _month_index(end_eff) // plen
    n_rows = (p_last - p_first + 1).astype(np.int64)
    rep = np.repeat(np.arange(n), n_rows)
    offs = np.arange(rep.size) - np.repeat(np.cumsum(n_rows) - n_rows, n_rows)
    period = p_first[rep] + offs
    is_first = offs == 0
    is_last = offs == n_rows[rep] - 1
    per_start = _month_start(period * plen)
    per_end = _month_start((period + 1) * plen) - 1
    row_start = np.where(is_first, m["start"][rep], per_start)
    row_end = np.where(is_last, m["end"][rep], per_end)
    row_open = is_last & ongoing[rep]
    # level: re-assessed upwards now and then (REASSESS_UP a year, whatever the number of price lines)
    p_line = 1 - (1 - REASSESS_UP) ** (1 / lines)
    bump = (rng.random(rep.size) < p_line) & ~is_first
    cb = np.cumsum(bump)
    seg_base = np.repeat(cb[np.cumsum(n_rows) - n_rows] - bump[np.cumsum(n_rows) - n_rows], n_rows)
    level = np.minimum(level0[rep] + (cb - seg_base), 4)
    # tariff: regulated at each price line's start by the kind's tariff index
    kinds_r = kind[rep]
    t = 1970 + period * plen / 12.0
    price = tariff_index(pl_full, np.array([k.real_growth for k in KINDS])[kinds_r], t)
    base = np.array([k.base for k in KINDS])[kinds_r]
    cap = np.array([k.cap_daily for k in KINDS])[kinds_r] * price
    pfactor = np.array([provider.factor[nm] for nm in prov_name], dtype=float)
    pmult = PROVIDER_TYPE_MULT[ptype[rep]] * pfactor[rep]
    hourly_kind = np.array([k.hours is not None for k in KINDS])[kinds_r]
    hours_tab = np.array([k.hours if k.hours is not None else (0, 0, 0, 0, 0) for k in KINDS])
    hours_factor = np.exp(rng.normal(0, HOURS_NOISE, n))[rep]
    hours = np.round(hours_tab[kinds_r, level] * hours_factor * 2) / 2
    hours = np.where(hourly_kind, np.clip(hours, 1.0, 20.0), np.nan)
    level_rate = np.where(hourly_kind, 1 + 0.05 * (level - 2), LEVEL_MULT[level])
    rate = base * level_rate * pmult * noise[rep] * price
    daily = np.where(hourly_kind, rate * np.nan_to_num(hours) / 7.0, rate)
    daily = np.minimum(daily, cap)
    heavy_r = heavy[rep]
    daily = np.where(heavy_r, m["heavy_daily"][rep] * price, daily)
    unit_r = unit[rep]
    per_unit = np.select(
        [unit_r == "dag", unit_r == "uge", unit_r == "maaned", unit_r == "aar"],
        [daily, daily * 7, daily * 365 / 12, daily * 365],
        default=np.where(hourly_kind, daily * 7.0 / np.where(np.isnan(hours), 1.0, hours), daily),
    )
    takst = np.round(per_unit.astype(float), 2)
    level_lbl = np.where(unassessed[rep], "Ikke vurderet", level.astype(str))

    kind_fn = np.array([k.function for k in KINDS], dtype=object)
    kind_measure = np.array([k.measure for k in KINDS], dtype=object)
    kind_offer = np.array([k.offer_type for k in KINDS], dtype=object)
    offer = np.where(heavy_r, "Særligt tilrettelagt tilbud (1:1)", kind_offer[kinds_r])
    grouping = np.array([GROUPING_OF_PROVIDER_TYPE[t] for t in PROVIDER_TYPES], dtype=object)[ptype[rep]]
    df = pl.DataFrame(
        {
            "system": system[rep],
            "cpr": cpr[citizen[rep]],
            "birth_day": birth[citizen[rep]],
            "case_id": case_id[rep],
            "paragraph": paragraph[rep],
            "measure": kind_measure[kinds_r],
            "offer_type": offer,
            "function": kind_fn[kinds_r],
            "grouping": grouping,
            "provider": prov_name[rep],
            "provider_type": np.array([PROVIDER_TYPE_LABEL[t] for t in PROVIDER_TYPES], dtype=object)[ptype[rep]],
            "start_day": row_start,
            "end_day": np.where(row_open, -(10**9), row_end),
            "tariff": takst,
            "unit": pl.Series(unit_r.astype(str)).replace_strict(UNIT_LABEL).to_numpy(),
            "hours_per_week": hours,
            "level": level_lbl,
            "paying": paying[rep],
            # helper columns (not written)
            "citizen": citizen[rep],
            "measure_id": rep,
            "kind": kinds_r,
            "heavy": heavy_r,
        },
        strict=False,
    ).with_columns(
        pl.from_epoch(pl.col("start_day"), time_unit="d").alias("start_date"),
        pl.when(pl.col("end_day") > -(10**9)).then(pl.from_epoch(pl.col("end_day"), time_unit="d")).alias("end_date"),
        pl.from_epoch(pl.col("birth_day"), time_unit="d").alias("birth_date"),
        pl.col("hours_per_week").fill_nan(None),
    )
    return df.sort(["system", "case_id", "start_day", "measure_id"])


def activity_month_cost(act: pl.DataFrame, years: list[int], as_of: dt.date) -> pl.DataFrame:
    """Activity cost per row and month (daily tariff x days). Open rows are projected to 31 December
    of the as_of year (the ledger only uses completed months)."""
    sim_start = _day(dt.date(years[0], 1, 1))
    proj_end = _day(dt.date(years[-1], 12, 31))
    daily = daily_tariff_expr().alias("daily")
    a = act.select(
        "function", "provider", "provider_type", "citizen", "kind", "heavy", "start_day",
        pl.when(pl.col("end_date").is_null()).then(proj_end).otherwise(pl.col("end_day")).alias("end_eff"),
        daily,
    ).with_columns(pl.max_horizontal(pl.col("start_day"), pl.lit(sim_start)).alias("s"))
    a = a.filter(pl.col("end_eff") >= pl.col("s"))
    s = a["s"].to_numpy()
    e = np.minimum(a["end_eff"].to_numpy(), proj_end)
    m0 = _month_index(s)
    m1 = _month_index(e)
    cnt = np.maximum(m1 - m0 + 1, 0)
    rep = np.repeat(np.arange(s.size), cnt)
    offs = np.arange(rep.size) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    mi = m0[rep] + offs
    ms = _month_start(mi)
    me = _month_start(mi + 1) - 1
    days = np.minimum(e[rep], me) - np.maximum(s[rep], ms) + 1
    out = pl.DataFrame(
        {
            "row": rep,
            "year": (mi // 12 + 1970).astype(np.int32),
            "month": (mi % 12 + 1).astype(np.int32),
            "days": days,
        }
    )
    sub = a.select("function", "provider", "provider_type", "citizen", "kind", "heavy", "daily").with_row_index("row")
    out = out.join(sub.with_columns(pl.col("row").cast(pl.Int64)), on="row", how="left")
    # integer øre, so that every later sum is exact and independent of row order
    return out.with_columns((pl.col("daily") * pl.col("days") * 100).round(0).cast(pl.Int64).alias("cost_ore")).drop("row")


def daily_tariff_expr() -> pl.Expr:
    """Daily amount from Takst/Takstenhed (Dag; Uge/7; Måned*12/365; År/365; Time*hours/7)."""
    t, u = pl.col("tariff"), pl.col("unit")
    return (
        pl.when(u == "Dag").then(t)
        .when(u == "Uge").then(t / 7)
        .when(u == "Måned").then(t * 12 / 365)
        .when(u == "År").then(t / 365)
        .when(u == "Time").then(t * pl.col("hours_per_week") / 7)
        .otherwise(None)
    )
