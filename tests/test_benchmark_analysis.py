"""analysis/benchmark.py on tiny tables with hand-computed expectations."""
from __future__ import annotations

import polars as pl
import pytest

from analysis import benchmark as bm

# three municipalities, one year: spending in 1.000 kr. and population by age group
VALUES = pl.DataFrame({"kommunekode": [1, 2, 3], "year": [2024] * 3, "unit": ["dkk_1000"] * 3,
                       "value": [1000.0, 3000.0, 500.0]})
POP = pl.DataFrame({
    "kommunekode": [1, 1, 2, 2, 3, 3],
    "year": [2024] * 6,
    "age_group": ["18-64", "total", "18-64", "total", "18-64", "total"],
    "persons": [100, 200, 1000, 1600, 50, 100],
})


def _table() -> pl.DataFrame:
    return bm.add_per_capita(bm.to_total_dkk(VALUES, POP), POP, "18-64")


def test_units_convert_explicitly():
    # 1.000 kr. x 1000; kr. as is; kr. per inhabitant x total population (200 persons)
    df = pl.DataFrame({"kommunekode": [1, 1, 1], "year": [2024] * 3, "unit": ["dkk_1000", "dkk", "dkk_per_inhabitant"],
                       "value": [2.0, 5.0, 10.0]})
    assert bm.to_total_dkk(df, POP)["total_dkk"].to_list() == [2000.0, 5.0, 2000.0]
    with pytest.raises(ValueError, match="unknown benchmark unit"):
        bm.to_total_dkk(df.with_columns(pl.lit("pct").alias("unit")), POP)


def test_per_age_group_units_multiply_by_that_age_group():
    # nøgletal per 0-17-årig and per 18-64-årig: value x persons of that group; a year without population drops
    df = pl.DataFrame({"kommunekode": [1, 1, 1], "year": [2024, 2024, 2023],
                       "unit": ["dkk_per_inhabitant_0_17", "dkk_per_inhabitant_18_64", "dkk_per_inhabitant_0_17"],
                       "value": [10.0, 3.0, 7.0]})
    pop = pl.DataFrame({"kommunekode": [1, 1, 1], "year": [2024] * 3, "age_group": ["0-17", "18-64", "total"],
                        "persons": [40, 100, 200]})
    got = bm.to_total_dkk(df, pop)
    assert got["total_dkk"].to_list() == [400.0, 300.0]
    # back per target inhabitant: the key figure itself
    per_capita = bm.add_per_capita(got.head(1), pop, "0-17")
    assert per_capita["dkk_per_target_inhabitant"][0] == pytest.approx(10.0)


def test_per_capita_and_share():
    df = _table().sort("kommunekode")
    # 1.000.000 / 100 = 10.000; 3.000.000 / 1.000 = 3.000; 500.000 / 50 = 10.000
    assert df["dkk_per_target_inhabitant"].to_list() == [10_000.0, 3_000.0, 10_000.0]
    assert df["share_18_64"].to_list() == [0.5, 0.625, 0.5]


def test_group_average_unweighted_vs_national_weighted():
    df = _table()
    # unweighted: (10.000 + 3.000 + 10.000) / 3 = 7.666,67
    assert bm.unweighted_mean(df, [1, 2, 3]) == pytest.approx(23_000 / 3)
    # weighted: (1.000.000 + 3.000.000 + 500.000) / (100 + 1.000 + 50) = 3.913,04
    assert bm.weighted_average(df, [1, 2, 3]) == pytest.approx(4_500_000 / 1150)
    assert bm.unweighted_mean(df, []) is None and bm.weighted_average(df, []) is None


def test_lower_quartile_and_gap():
    assert bm.lower_quartile([10.0, 20.0, 30.0, 40.0, 50.0]) == 20.0          # position 0,25 x 4 = 1
    assert bm.lower_quartile([1.0, 2.0, 3.0, 4.0]) == pytest.approx(1.75)       # position 0,75
    assert bm.lower_quartile([]) is None
    # (10.000 - 7.500) kr. x 100 persons = 250.000 kr.
    assert bm.gap_dkk(10_000, 7_500, 100) == 250_000
    assert bm.gap_dkk(5_000, 7_500, 100) == -250_000
    assert bm.gap_dkk(None, 7_500, 100) is None


def test_least_squares_and_residual():
    # points on y = 2x + 1 except the last (5, 12): hand-computed fit
    x, y = [1.0, 2.0, 3.0, 4.0, 5.0], [3.0, 5.0, 7.0, 9.0, 12.0]
    fit = bm.least_squares(x, y)
    # mx = 3, my = 7.2; sxy = (-2)(-4.2)+(-1)(-2.2)+0+1(1.8)+2(4.8) = 22; sxx = 10 -> slope 2.2, intercept 0.6
    assert fit.slope == pytest.approx(2.2) and fit.intercept == pytest.approx(0.6) and fit.n == 5
    res = bm.socio_residual(fit, own_index=3.0, own_per_capita=8.0, own_persons=1000)
    assert res.expected_per_capita == pytest.approx(7.2)
    assert res.residual_per_capita == pytest.approx(0.8)
    assert res.residual_dkk == pytest.approx(800.0)
    assert bm.least_squares([1.0], [2.0]) is None and bm.least_squares([1.0, 1.0], [2.0, 3.0]) is None


FEATURES = pl.DataFrame({
    "kommunekode": [1, 2, 3, 4],
    # own = 1; 2 is close in population but far in index, 3 close in index but far in population
    "persons_total": [100.0, 110.0, 300.0, 200.0],
    "share_18_64": [0.6, 0.6, 0.6, 0.6],
    "socio_index": [100.0, 130.0, 101.0, 115.0],
})


def test_nearest_neighbours_weights_change_the_answer():
    pop_only = bm.nearest_neighbours(FEATURES, 1, {"persons_total": 1, "share_18_64": 1, "socio_index": 0}, 1)
    index_only = bm.nearest_neighbours(FEATURES, 1, {"persons_total": 0, "share_18_64": 1, "socio_index": 1}, 1)
    assert pop_only["kommunekode"].to_list() == [2]
    assert index_only["kommunekode"].to_list() == [3]
    both = bm.nearest_neighbours(FEATURES, 1, {"persons_total": 1, "share_18_64": 1, "socio_index": 1}, 3)
    assert 1 not in both["kommunekode"].to_list() and both.height == 3
    assert both["distance"].is_sorted()


def test_nearest_neighbours_standardised_distance_by_hand():
    df = pl.DataFrame({"kommunekode": [1, 2, 3], "a": [0.0, 1.0, 2.0]})
    # mean 1, sd (ddof 0) = sqrt(2/3); z = (-1.2247, 0, 1.2247); distance to 2 = 1.2247, to 3 = 2.4495
    out = bm.nearest_neighbours(df, 1, {"a": 1.0}, 2)
    assert out["kommunekode"].to_list() == [2, 3]
    assert out["distance"].to_list() == pytest.approx([(3 / 2) ** 0.5, 2 * (3 / 2) ** 0.5])
    out4 = bm.nearest_neighbours(df, 1, {"a": 4.0}, 1)   # weight 4 doubles the distance
    assert out4["distance"][0] == pytest.approx(2 * (3 / 2) ** 0.5)


def test_ranking_roles_and_measures():
    df = _table()
    ranked = bm.ranking(bm.with_measure(df, "indeks", 5_000.0), own=2, members=[3], value_col="measure_value")
    assert ranked["kommunekode"].to_list() == [1, 3, 2]            # ties by kommunekode
    assert ranked["role"].to_list() == ["other", "group", "own"]
    assert ranked["measure_value"].to_list() == [200.0, 200.0, 60.0]
    assert bm.with_measure(df, "i-alt", None).sort("kommunekode")["measure_value"].to_list() == [1.0, 3.0, 0.5]


def test_both_statbank_shapes_import_to_the_same_benchmark_rows(tmp_path):
    """The bulk shape (header, ';', Latin-1) and the header-less text shape (comma, quoted, Latin-1) of the
    same REGK31 figures load to identical rows and hence to identical per-capita figures on the page."""
    import os

    import duckdb

    from ingest.importer import import_file
    from tests.conftest import FIXTURES

    got = []
    for name, mapping, year in (("benchmark_statbank_bulk_2024.csv", "statbank", None),
                                ("benchmark_statbank_tekst_2024.csv", "statbank_tekst", 2024)):
        db = tmp_path / f"{mapping}.duckdb"
        result = import_file("benchmark", FIXTURES / name, db, mapping_name=mapping, year=year,
                             source="Danmarks Statistik, REGK31")
        assert (result.rows_read, result.rows_loaded) == (4, 3)          # Aarhus '..' is counted, not loaded
        con = duckdb.connect(os.path.realpath(db), read_only=True)
        got.append(con.sql("select kommunekode, year, function_code, unit, value from benchmark "
                           "order by kommunekode").fetchall())
        con.close()
    assert got[0] == got[1] == [(0, 2024, "5.38.45", "dkk_per_inhabitant", 181.0),
                                (101, 2024, "5.38.45", "dkk_per_inhabitant", 379.0),
                                (707, 2024, "5.38.45", "dkk_per_inhabitant", 138.0)]
