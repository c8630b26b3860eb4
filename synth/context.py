"""Stage 3, context: population, socio-economic index, PL index, the other municipalities' benchmark and the
savings plan."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import polars as pl

from synth.model import (APPROX_POPULATION, BASE_YEAR, completed_months, FUNCTION_TARGETS, KOMMUNE_NAME, KOMMUNEKODE,
    NATIONAL_GROWTH_DEFAULT, NATIONAL_GROWTH_ESTIMATE, POPULATION_GROWTH, REAL_NATIONAL_PER_INHABITANT,
    SAVINGS_COSTS, SAVINGS_INITIATIVES, SAVINGS_SEGMENTS, SAVINGS_TARGETS, SAVINGS_UNASSIGNED,
    Scale)

# --------------------------------------------------------------------------------------------------
# benchmark, population, socio index, PL, savings
# --------------------------------------------------------------------------------------------------


def build_population(rng: np.random.Generator, munis: pl.DataFrame, years: list[int], scale: Scale) -> pl.DataFrame:
    real = munis.filter(pl.col("kommunekode") != KOMMUNEKODE)
    rows = []
    for code, name, group in real.select("kommunekode", "name", "dst_group").iter_rows():
        base = APPROX_POPULATION[code]
        g = 0.010 if code in (101, 147, 751, 461, 851) else rng.normal(0.003, 0.003)
        small_island = base < 15_000 and group == "960"
        s65 = {"910": 0.17, "920": 0.15, "930": 0.20, "940": 0.21, "960": 0.25}[group]
        s65 = 0.11 if code == 101 else 0.14 if code == 147 else 0.33 if small_island else s65
        s0 = 0.17 if code in (101, 147) else 0.15 if small_island else 0.21
        s65 += rng.normal(0, 0.015)
        s0 += rng.normal(0, 0.01)
        for y in years:
            tot = base * (1 + g) ** (y - 2023) * math.exp(rng.normal(0, 0.001))
            a65 = s65 + 0.002 * (y - 2023)
            p0, p65 = int(round(tot * s0)), int(round(tot * a65))
            p18 = int(round(tot)) - p0 - p65
            rows.append((name, code, y, p0, p18, p65))
    pop0 = scale.population_2019
    for y in years:
        tot = pop0 * (1 + POPULATION_GROWTH) ** (y - BASE_YEAR)
        p0, p65 = int(round(tot * 0.215)), int(round(tot * (0.200 + 0.002 * (y - BASE_YEAR))))
        rows.append((KOMMUNE_NAME, KOMMUNEKODE, y, p0, int(round(tot)) - p0 - p65, p65))
    df = pl.DataFrame(rows, schema=["area_name", "kommunekode", "year", "0-17 år", "18-64 år", "65 år og derover"], orient="row")
    national = df.filter(pl.col("kommunekode") != KOMMUNEKODE).group_by("year").agg(
        pl.col("0-17 år", "18-64 år", "65 år og derover").sum()
    ).with_columns(pl.lit("Hele landet").alias("area_name"), pl.lit(0).cast(pl.Int64).alias("kommunekode"))
    df = pl.concat([df, national.select(df.columns)])
    long = df.unpivot(index=["area_name", "kommunekode", "year"], variable_name="age_label", value_name="persons")
    total = df.select("area_name", "kommunekode", "year", (pl.col("0-17 år") + pl.col("18-64 år") + pl.col("65 år og derover")).alias("persons")).with_columns(
        pl.lit("Alder i alt").alias("age_label"))
    long = pl.concat([long, total.select(long.columns)])
    order = {"0-17 år": 0, "18-64 år": 1, "65 år og derover": 2, "Alder i alt": 3}
    return long.with_columns(pl.col("age_label").replace_strict(order, return_dtype=pl.Int8).alias("_o"), pl.col("persons").cast(pl.Int64)).sort(
        [pl.col("kommunekode") == 0, "kommunekode", "year", "_o"]).drop("_o")


def build_socio_index(rng: np.random.Generator, munis: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    rows = []
    for code in munis["kommunekode"].to_list():
        base = 104.0 if code == KOMMUNEKODE else float(np.clip(rng.normal(100, 14), 70, 140))
        drift = rng.normal(0, 0.4)
        for i, y in enumerate(years):
            rows.append((code, y, round(float(np.clip(base + drift * i + rng.normal(0, 0.3), 70, 140)), 1)))
    return pl.DataFrame(rows, schema=["kommunekode", "year", "index"], orient="row")


def build_pl_index(rng: np.random.Generator, years: list[int]) -> dict[int, float]:
    """The demo PL series (2019 = 100, 1.8-3 %/year) for every year from min(first year, 2019) to the
    year after the last."""
    all_years = list(range(min(years[0], BASE_YEAR), years[-1] + 2))
    growth = {y: float(rng.uniform(0.018, 0.03)) for y in all_years}
    idx = {BASE_YEAR: 100.0}
    for y in range(BASE_YEAR + 1, all_years[-1] + 1):
        idx[y] = idx[y - 1] * (1 + growth[y])
    for y in range(BASE_YEAR - 1, all_years[0] - 1, -1):
        idx[y] = idx[y + 1] / (1 + growth[y + 1])
    return {y: round(idx[y], 1) for y in all_years}


def national_rate(function: str, year: int) -> float:
    """National net expenditure per inhabitant (kr., current prices) that the synthetic benchmark is scaled to:
    the real REGK31 figure where found (log-linear between the years found, extended at the nearest
    interval's rate), else Eksempelby's 2019 rate / 1.05 grown by an estimated rate."""
    real = REAL_NATIONAL_PER_INHABITANT.get(function)
    if real:
        ys = sorted(real)
        i = int(np.clip(np.searchsorted(ys, year) - 1, 0, len(ys) - 2))
        y0, y1 = ys[i], ys[i + 1]
        g = (real[y1] / real[y0]) ** (1 / (y1 - y0))
        return real[y0] * g ** (year - y0)
    g = NATIONAL_GROWTH_ESTIMATE.get(function, NATIONAL_GROWTH_DEFAULT)
    return FUNCTION_TARGETS[function][0] / 1.05 * (1 + g) ** (year - BASE_YEAR)


def build_benchmark(
    rng: np.random.Generator,
    ledger: pl.DataFrame,
    population: pl.DataFrame,
    socio: pl.DataFrame,
    functions: pl.DataFrame,
    munis: pl.DataFrame,
    years: list[int],
    as_of: dt.date,
) -> pl.DataFrame:
    done_years = [y for y in years if completed_months(y, as_of) == 12]
    fn = functions.filter(pl.col("function_code").is_in(list(FUNCTION_TARGETS))).select("function_code", "name", "area")
    label = {c: f"{c} {n}" for c, n in zip(fn["function_code"], fn["name"])}
    area_of = dict(zip(fn["function_code"], fn["area"]))
    # Eksempelby: ledger net actuals, dranst 1, in 1,000 kr. (half away from zero)
    own = (
        ledger.filter((pl.col("amount_kind") == "actual") & (pl.col("dranst") == 1) & pl.col("year").is_in(done_years))
        .group_by(["function", "year"]).agg(pl.col("amount_ore").sum())
    )
    own_map = {(f, int(y)): int(v) for f, y, v in own.iter_rows()}

    def ore_to_thousands(v: int) -> int:
        q = (abs(v) + 50_000) // 100_000
        return q if v >= 0 else -q

    pop_map = {(k, y, a): p for k, y, a, p in population.select("kommunekode", "year", "age_label", "persons").iter_rows()}
    socio_map = {(k, y): v for k, y, v in socio.iter_rows()}
    real = munis.filter(pl.col("kommunekode") != KOMMUNEKODE).select("kommunekode", "name")
    codes, names = real["kommunekode"].to_list(), real["name"].to_list()
    rows = []
    for f in FUNCTION_TARGETS:
        tgt_age = "18-64 år" if area_of[f] == "voksne" else "0-17 år"
        fn_sigma = 0.25 if f not in ("5.38.44", "5.28.24", "5.38.35") else 0.6
        lvl = np.exp(rng.normal(0, 0.15, len(codes)) + rng.normal(0, fn_sigma, len(codes)))
        for y in done_years:
            raw = np.array([pop_map[(c, y, tgt_age)] * (socio_map.get((c, y), 100.0) / 100.0) ** 0.8 for c in codes])
            raw = raw * lvl * np.exp(rng.normal(0, 0.05, len(codes)))
            total_pop = sum(pop_map[(c, y, "Alder i alt")] for c in codes)
            kr = raw * national_rate(f, y) * total_pop / raw.sum()  # "Hele landet" per inhabitant = the national rate
            missing = rng.random(len(codes)) < 0.007
            for c, nm, v, miss in zip(codes, names, kr, missing):
                rows.append((nm, c, f, y, None if miss else int(round(v / 1000.0))))
            v = own_map.get((f, y))
            rows.append((KOMMUNE_NAME, KOMMUNEKODE, f, y, ore_to_thousands(v) if v is not None else 0))
    df = pl.DataFrame(rows, schema={"area_name": pl.String, "kommunekode": pl.Int64, "function": pl.String, "year": pl.Int64, "value": pl.Int64}, orient="row")
    national = df.filter(pl.col("kommunekode") != KOMMUNEKODE).group_by(["function", "year"]).agg(pl.col("value").sum()).with_columns(
        pl.lit("Hele landet").alias("area_name"), pl.lit(0, dtype=pl.Int64).alias("kommunekode"))
    df = pl.concat([df, national.select(df.columns)])
    df = df.with_columns(pl.col("function").replace_strict(label).alias("function_label"))
    return df.sort([pl.col("kommunekode") == 0, "kommunekode", "function", "year"])


def build_savings(as_of: dt.date) -> pl.DataFrame:
    """The savings plan: targets, expected effects and, for completed years, realised effects."""
    rows = [(y, None, None, None, None, "maal", amount) for y, amount in SAVINGS_TARGETS.items()]
    for iid, name, area, expected, realised in SAVINGS_INITIATIVES:
        segment = SAVINGS_SEGMENTS.get(iid)
        for y, exp, real in zip(SAVINGS_TARGETS, expected, realised):
            if exp <= 0:
                continue
            rows.append((y, iid, name, area, segment, "forventet", float(exp)))
            if completed_months(y, as_of) == 12:
                rows.append((y, iid, name, area, segment, "realiseret", float(real)))
    rows += [(y, None, None, None, None, "forventet", amount) for y, amount in SAVINGS_UNASSIGNED.items()]
    names = {iid: (name, area) for iid, name, area, *_ in SAVINGS_INITIATIVES}
    # a cost is written with the sign opposite to the file's reductions (here positive)
    rows += [(y, iid, *names[iid], SAVINGS_SEGMENTS.get(iid), "omkostning", -amount)
             for (iid, y), amount in SAVINGS_COSTS.items()]
    order = {"maal": 0, "forventet": 1, "realiseret": 2, "omkostning": 3}
    return pl.DataFrame(rows, schema={"year": pl.Int64, "initiative_id": pl.String, "initiative": pl.String, "area": pl.String,
                                      "segment": pl.String, "kind": pl.String, "amount": pl.Float64},
                        orient="row").with_columns(
        pl.col("kind").replace_strict(order, return_dtype=pl.Int8).alias("_o")).sort(["year", "_o", "initiative_id"], nulls_last=False).drop("_o")


def savings_outstanding(savings: pl.DataFrame) -> dict[int, float]:
    """Net outstanding target per year (kr.): target + the shortfall carried over from the year before -
    realised effects; years without realised effects are left out."""
    out: dict[int, float] = {}
    carry = 0.0
    for y in sorted(SAVINGS_TARGETS):
        real = savings.filter((pl.col("year") == y) & (pl.col("kind") == "realiseret"))["amount"]
        if real.len() == 0:
            break
        cost = sum(a for (_, year), a in SAVINGS_COSTS.items() if year == y)
        out[y] = SAVINGS_TARGETS[y] + carry - float(real.sum()) + cost
        carry = max(out[y], 0.0)
    return out
