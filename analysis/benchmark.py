"""Benchmark against other municipalities: per-capita spending, comparison groups, averages, the gap in
kr., the most similar municipalities and a least-squares fit against the socio-economic index.

Pure functions on polars, numbers and codes only (the words: present/comparison.py); no streamlit. Money is in kr. (DKK) of whatever price base the caller chose
(current prices, or fixed prices after analysis.prices.to_price_base on ``total_dkk``).

Units of the benchmark table (column ``unit``), converted by :func:`to_total_dkk`:
- ``dkk_1000``            total_dkk = value x 1000
- ``dkk``                 total_dkk = value
- ``dkk_per_inhabitant``  value is kr. per inhabitant of the whole municipality (REGK31 "pr. indbygger"):
                          total_dkk = value x population (age group ``total``) of the same municipality and
                          year; rows without that population are dropped (never guessed).
- ``dkk_per_inhabitant_0_17`` / ``_18_64`` / ``_65_plus``  kr. per inhabitant of that age group (nøgletal
                          files): total_dkk = value x persons of that age group, same municipality and year.
Rows of different units are never added together: the caller chooses one source first.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from domain.codes import ALL_AGES

#: Population age groups the comparison uses.
AGE_ADULTS = "18-64"
AGE_CHILDREN = "0-17"
AGE_TOTAL = ALL_AGES

#: Variables of the "most similar municipalities" distance (column names, in display order); their
#: labels come from the catalogue at use (present.comparison.similarity_label), never frozen at import.
SIMILARITY_VARIABLES: tuple[str, ...] = ("persons_total", "share_18_64", "socio_index")

UNIT_FACTORS = {"dkk_1000": 1000.0, "dkk": 1.0}
#: Per-inhabitant units -> the age group whose persons the value is multiplied by.
#: Sources of benchmark figures, never mixed: Danmarks Statistik's, key figures (nøgletal) and the synthetic
#: figures of the demo, in the order a page offers them (the default: the first the own municipality has).
SOURCE_ORDER: tuple[str, ...] = ("dst", "noegletal", "syntetisk", "syntetisk_noegletal")

PER_INHABITANT_AGE = {"dkk_per_inhabitant": AGE_TOTAL, "dkk_per_inhabitant_0_17": AGE_CHILDREN,
                      "dkk_per_inhabitant_18_64": AGE_ADULTS, "dkk_per_inhabitant_65_plus": "65+"}


def to_total_dkk(values: pl.DataFrame, population: pl.DataFrame) -> pl.DataFrame:
    """Add ``total_dkk`` (kr.) to benchmark rows (kommunekode, year, unit, value).

    Formula per unit: see the module docstring; ``dkk_per_inhabitant_<age>`` (nøgletal per inhabitant of
    an age group) is value x persons of that age group. ``population`` has kommunekode, year, age_group,
    persons. Raises ValueError for an unknown unit, so a new unit is never silently mixed in.
    """
    unknown = set(values["unit"].unique().to_list()) - set(UNIT_FACTORS) - set(PER_INHABITANT_AGE)
    if unknown:
        raise ValueError(f"unknown benchmark unit(s): {sorted(unknown)}")
    pop = population.select("kommunekode", "year", "age_group", pl.col("persons").cast(pl.Float64).alias("_pop"))
    df = (values.with_columns(pl.col("unit").replace_strict(PER_INHABITANT_AGE, default=None, return_dtype=pl.String)
                              .alias("_age"))
          .join(pop, left_on=["kommunekode", "year", "_age"], right_on=["kommunekode", "year", "age_group"], how="left"))
    factor = pl.col("unit").replace_strict(UNIT_FACTORS, default=None, return_dtype=pl.Float64)
    df = df.with_columns(
        pl.when(pl.col("_age").is_not_null()).then(pl.col("value") * pl.col("_pop"))
        .otherwise(pl.col("value") * factor).alias("total_dkk")
    )
    return df.filter(pl.col("total_dkk").is_not_null()).drop("_pop", "_age")


def add_per_capita(totals: pl.DataFrame, population: pl.DataFrame, age_group: str) -> pl.DataFrame:
    """Add ``target_persons``, ``persons_total``, ``share_18_64`` and ``dkk_per_target_inhabitant``.

    dkk_per_target_inhabitant = total_dkk / persons in ``age_group`` (same municipality and year);
    share_18_64 = persons 18-64 / persons total. Rows without a target population get null per capita.
    """
    wide = (population.filter(pl.col("age_group").is_in([age_group, AGE_TOTAL, AGE_ADULTS]))
            .group_by("kommunekode", "year")
            .agg(pl.col("persons").filter(pl.col("age_group") == age_group).sum().cast(pl.Float64).alias("target_persons"),
                 pl.col("persons").filter(pl.col("age_group") == AGE_TOTAL).sum().cast(pl.Float64).alias("persons_total"),
                 pl.col("persons").filter(pl.col("age_group") == AGE_ADULTS).sum().cast(pl.Float64).alias("_adults")))
    df = totals.join(wide, on=["kommunekode", "year"], how="left")
    return df.with_columns(
        pl.when(pl.col("target_persons") > 0).then(pl.col("total_dkk") / pl.col("target_persons"))
        .otherwise(None).alias("dkk_per_target_inhabitant"),
        pl.when(pl.col("persons_total") > 0).then(pl.col("_adults") / pl.col("persons_total"))
        .otherwise(None).alias("share_18_64"),
    ).drop("_adults")


def unweighted_mean(df: pl.DataFrame, codes: list[int], col: str = "dkk_per_target_inhabitant") -> float | None:
    """Simple (unweighted) average of ``col`` over the municipalities in ``codes``: sum(x_i) / n.
    Each municipality counts once whatever its size. None when no member has a value."""
    vals = df.filter(pl.col("kommunekode").is_in(codes))[col].drop_nulls()
    return float(vals.mean()) if len(vals) else None


def weighted_average(df: pl.DataFrame, codes: list[int]) -> float | None:
    """Population-weighted average kr. per target inhabitant: sum(total_dkk_i) / sum(target_persons_i)
    over ``codes`` (equals sum(w_i x_i) / sum(w_i) with w = target persons). None without data."""
    sub = df.filter(pl.col("kommunekode").is_in(codes) & pl.col("dkk_per_target_inhabitant").is_not_null())
    persons = sub["target_persons"].sum()
    return float(sub["total_dkk"].sum() / persons) if len(sub) and persons else None


def lower_quartile(values: list[float]) -> float | None:
    """25 % percentile with linear interpolation between order statistics (numpy's default):
    position p = 0.25 x (n - 1) in the sorted values. The boundary of the cheapest quartile."""
    xs = sorted(v for v in values if v is not None and not math.isnan(v))
    if not xs:
        return None
    pos = 0.25 * (len(xs) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def gap_dkk(own_per_capita: float | None, reference_per_capita: float | None, own_persons: float | None) -> float | None:
    """What we would spend less (positive) or more (negative) at the reference level, in kr.:
    (own kr. per target inhabitant - reference kr. per target inhabitant) x own target population."""
    if own_per_capita is None or reference_per_capita is None or own_persons is None:
        return None
    return (own_per_capita - reference_per_capita) * own_persons


def nearest_neighbours(features: pl.DataFrame, own: int, weights: dict[str, float], k: int) -> pl.DataFrame:
    """The k municipalities closest to ``own`` by weighted, standardised Euclidean distance.

    z_ij = (x_ij - mean_j) / sd_j over all rows of ``features`` (population sd, ddof 0; a constant
    variable gets z = 0); distance_i = sqrt(sum_j w_j x (z_ij - z_own,j)^2). Variables are the keys of
    ``weights`` (columns of ``features``, which also has kommunekode). Rows with a missing variable are
    left out. Returns kommunekode, distance sorted ascending (ties by kommunekode), own excluded.
    """
    cols = [c for c, w in weights.items() if w]
    if not cols:
        cols = list(weights)
    df = features.drop_nulls(cols)
    if own not in df["kommunekode"].to_list():
        return pl.DataFrame({"kommunekode": [], "distance": []}, schema={"kommunekode": pl.Int64, "distance": pl.Float64})
    z = []
    for c in cols:
        sd = df[c].std(ddof=0) or 0.0
        mean = df[c].mean()
        z.append(((pl.col(c) - mean) / sd if sd > 0 else pl.lit(0.0)).alias(c))
    zdf = df.select(pl.col("kommunekode"), *z)
    own_row = zdf.filter(pl.col("kommunekode") == own).row(0, named=True)
    dist = sum(float(weights[c]) * (pl.col(c) - own_row[c]) ** 2 for c in cols)
    return (zdf.with_columns(dist.sqrt().alias("distance"))
            .filter(pl.col("kommunekode") != own)
            .select(pl.col("kommunekode").cast(pl.Int64), pl.col("distance").cast(pl.Float64))
            .sort(["distance", "kommunekode"]).head(k))


@dataclass(frozen=True)
class Fit:
    """Ordinary least squares y = intercept + slope x over n points."""

    intercept: float
    slope: float
    n: int

    def predict(self, x: float) -> float:
        return self.intercept + self.slope * x


def least_squares(x: list[float], y: list[float]) -> Fit | None:
    """Unweighted OLS line: slope = sum((x - mx)(y - my)) / sum((x - mx)^2), intercept = my - slope mx.
    None with fewer than 2 points or no spread in x."""
    pts = [(a, b) for a, b in zip(x, y) if a is not None and b is not None]
    if len(pts) < 2:
        return None
    mx = sum(a for a, _ in pts) / len(pts)
    my = sum(b for _, b in pts) / len(pts)
    sxx = sum((a - mx) ** 2 for a, _ in pts)
    if sxx == 0:
        return None
    slope = sum((a - mx) * (b - my) for a, b in pts) / sxx
    return Fit(my - slope * mx, slope, len(pts))


@dataclass(frozen=True)
class Residual:
    """Own level against the level the socio-economic index predicts (an approximation)."""

    expected_per_capita: float      # kr. per target inhabitant predicted by the fit
    residual_per_capita: float      # own - expected, kr. per target inhabitant
    residual_dkk: float             # residual_per_capita x own target persons, kr.


def socio_residual(fit: Fit, own_index: float, own_per_capita: float, own_persons: float) -> Residual:
    """residual = own kr. per target inhabitant - (intercept + slope x own socio index);
    in kr.: residual x own target population. Positive = more than the index explains."""
    expected = fit.predict(own_index)
    res = own_per_capita - expected
    return Residual(expected, res, res * own_persons)


def ranking(df: pl.DataFrame, own: int, members: list[int], value_col: str) -> pl.DataFrame:
    """Municipalities sorted by ``value_col`` descending (rank 1 = highest) with ``role``:
    'own', 'group' (member of the comparison group) or 'other'. Rows without a value are left out."""
    return (df.filter(pl.col(value_col).is_not_null())
            .sort([value_col, "kommunekode"], descending=[True, False])
            .with_row_index("rank", offset=1)
            .with_columns(pl.when(pl.col("kommunekode") == own).then(pl.lit("own"))
                          .when(pl.col("kommunekode").is_in(members)).then(pl.lit("group"))
                          .otherwise(pl.lit("other")).alias("role")))


def with_measure(df: pl.DataFrame, measure: str, group_mean_per_capita: float | None) -> pl.DataFrame:
    """Add ``measure_value``: 'pr-indbygger' kr. per target inhabitant; 'i-alt' mio. kr. (total_dkk / 1e6);
    'indeks' per capita / unweighted group average x 100 (group average = 100)."""
    if measure == "i-alt":
        expr = pl.col("total_dkk") / 1e6
    elif measure == "indeks":
        expr = (pl.col("dkk_per_target_inhabitant") / group_mean_per_capita * 100) if group_mean_per_capita \
            else pl.lit(None, dtype=pl.Float64)
    else:
        expr = pl.col("dkk_per_target_inhabitant")
    return df.with_columns(expr.cast(pl.Float64).alias("measure_value"))


# --- sources and comparison groups ------------------------------------------------------------------

def with_source_key(values: pl.DataFrame) -> pl.DataFrame:
    """Add ``source_key`` (one of SOURCE_ORDER) to rows of queries/benchmark_values.sql: 'syntetisk' for a
    synthetic municipality's figures, 'noegletal' for a key figure, both for a synthetic key figure, else 'dst'."""
    synthetic, is_key_figure = pl.col("is_synthetic"), pl.col("key_figure").is_not_null()
    return values.with_columns(
        pl.when(synthetic & is_key_figure).then(pl.lit("syntetisk_noegletal")).when(synthetic).then(pl.lit("syntetisk"))
        .when(is_key_figure).then(pl.lit("noegletal")).otherwise(pl.lit("dst")).alias("source_key"))


def source_keys(values: pl.DataFrame, own: int) -> tuple[list[str], str]:
    """The sources present in ``values`` (with source_key) in SOURCE_ORDER, and the default: the first the
    own municipality has, else the first present."""
    keys = [k for k in SOURCE_ORDER if k in set(values["source_key"].to_list())]
    own_sources = set(values.filter(pl.col("kommunekode") == own)["source_key"].to_list())
    return keys, next((k for k in SOURCE_ORDER if k in own_sources), keys[0])


def key_figures(values: pl.DataFrame) -> list[str]:
    """The key figures of ``values``, those covering the most municipalities first (ties by name): a page
    shows one at a time, since two figures of the same area (per 0-17-årig, in 1.000 kr.) must not be added."""
    return (values.group_by("key_figure").agg(pl.col("kommunekode").n_unique().alias("n"))
            .sort(["n", "key_figure"], descending=[True, False])["key_figure"].to_list())


def group_options(municipalities: pl.DataFrame, own: int) -> tuple[list[str], dict[int, str], str]:
    """The comparison groups a municipality can choose (rows of queries/benchmark_municipalities.sql):
    'dst-<n>' for every DST group, 'region' when the own municipality has one, 'land', 'egen' (an own list)
    and 'naermeste' (the most similar). Returns the options, DST group -> name, and the default (the own
    DST group, else 'land')."""
    own_row = municipalities.filter(pl.col("kommunekode") == own).row(0, named=True)
    dst_groups = (municipalities.filter(pl.col("dst_group").is_not_null()).select("dst_group", "dst_group_name")
                  .unique().sort("dst_group"))
    options = ([f"dst-{g}" for g in dst_groups["dst_group"].to_list()] + (["region"] if own_row["regionskode"] else [])
               + ["land", "egen", "naermeste"])
    dst_names = dict(zip(dst_groups["dst_group"].to_list(), dst_groups["dst_group_name"].to_list()))
    default = f"dst-{own_row['dst_group']}" if own_row["dst_group"] in dst_names else "land"
    return options, dst_names, default


def group_members(municipalities: pl.DataFrame, group: str, own: int) -> list[int]:
    """Members of a fixed comparison group: a DST group ('dst-<n>'), the own region ('region') or the country
    ('land': every real municipality). 'egen' and 'naermeste' are chosen on the page (an own list, or
    :func:`nearest_neighbours`)."""
    if group.startswith("dst-"):
        return municipalities.filter(pl.col("dst_group") == int(group[4:]))["kommunekode"].to_list()
    if group == "region":
        region = municipalities.filter(pl.col("kommunekode") == own)["regionskode"][0]
        return municipalities.filter(pl.col("regionskode") == region)["kommunekode"].to_list()
    if group == "land":
        return municipalities.filter(~pl.col("is_synthetic"))["kommunekode"].to_list()
    raise ValueError(f"members of group {group!r} are chosen on the page")


def default_own_list(municipalities: pl.DataFrame, own: int) -> list[int]:
    """The own list's first proposal: the other members of the own DST group."""
    own_group = municipalities.filter(pl.col("kommunekode") == own)["dst_group"][0]
    return [c for c in municipalities.filter(pl.col("dst_group") == own_group)["kommunekode"].to_list() if c != own]


def group_series(table: pl.DataFrame, own: int, members: list[int], real_codes: list[int]) -> pl.DataFrame:
    """Per year (kr. per target inhabitant): own, group (unweighted mean of the members) and country
    (weighted over the real municipalities)."""
    series = []
    for y in sorted(set(table["year"].to_list())):
        ty = table.filter(pl.col("year") == y)
        own_y = ty.filter(pl.col("kommunekode") == own)["dkk_per_target_inhabitant"].to_list()
        series.append({"year": y, "own": own_y[0] if own_y else None, "group": unweighted_mean(ty, members),
                       "country": weighted_average(ty, real_codes)})
    return pl.DataFrame(series, schema={"year": pl.Int64, "own": pl.Float64, "group": pl.Float64, "country": pl.Float64})


def with_roles(df: pl.DataFrame, own: int, members: list[int]) -> pl.DataFrame:
    """Add ``role``: 'own', 'group' (a member of the comparison group) or 'other'."""
    return df.with_columns(pl.when(pl.col("kommunekode") == own).then(pl.lit("own"))
                           .when(pl.col("kommunekode").is_in(members)).then(pl.lit("group"))
                           .otherwise(pl.lit("other")).alias("role"))


def similar_municipalities(this_year: pl.DataFrame, own: int, real_codes: list[int], weights: dict[str, float],
                           k: int) -> pl.DataFrame:
    """:func:`nearest_neighbours` of ``own`` among the real municipalities of one year's table, by the
    SIMILARITY_VARIABLES weighted with ``weights``."""
    features = this_year.filter(pl.col("kommunekode").is_in(real_codes + [own])).select(
        "kommunekode", *SIMILARITY_VARIABLES)
    return nearest_neighbours(features, own, weights, k)
