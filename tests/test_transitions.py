"""Transitions to adulthood on a hand-made export of both areas (tests/fixtures/activity_transitions.csv, one
key, data date 31-12-2025, whole years 2022-2025). Turning 18 in year T = birth year + 18; a measure in the
children's area (5.28) in a year before T and one in the adults' area (5.38) in T or later.

  K1  born 2006 (T 2024)  5.28 2023-01-01..2024-06-30 100/day, 5.38 2024-07-01..2025-12-31 200/day   counted
  K2  born 2006 (T 2024)  5.28 2022..2023 100/day, 5.38 2024-03-01..2024-12-31 40/day                counted, no adult cost in 2025
  K3  born 2006 (T 2024)  5.28 only in 2024, then 5.38                                               not counted: no 5.28 before T
  K4  born 2007 (T 2025)  5.28 2024-01-01..2025-03-31 50/day, 5.38 from 2025-04-01 300/day            counted; 2026 not whole
  K5  born 2006           5.28 only                                                                  not counted
  K6  no birth year       5.28 2023, 5.38 2025                                                       not counted (age unknown)
  K7  born 2005 (T 2023)  5.28 2022-06-01..2022-12-31 100/day, 5.38 2024 150/day                      counted
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import queries
from analysis import drivers as dr
from analysis.prices import PriceBase
from domain.codes import ADULT_AGE, ADULTS_AREA, CHILDREN_AREA
from tests.conftest import activity_fixture_db

PARAMS = {"kommune": 999, "children_area": CHILDREN_AREA, "adults_area": ADULTS_AREA, "adult_age": ADULT_AGE,
          "from_year": 2022, "to_year": 2025}
YEARS = [2022, 2023, 2024, 2025]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = activity_fixture_db(tmp_path_factory, "activity_transitions.csv")
    yield connection
    connection.close()


def test_transitions_per_year_of_turning_18(con):
    rows = queries.run(con, "drivers_transitions", PARAMS).sort("year_18")
    assert rows.rows() == [
        (2023, 1, 1, 366 * 150.0, 214 * 100.0, 1),               # K7: 2024 in the adults' area; 2022 in the children's
        (2024, 2, 1, 365 * 200.0, 2 * 365 * 100.0, 2),           # K1 and K2; only K1 has adult cost in 2025
        (2025, 1, 0, 0.0, 366 * 50.0, 1),                        # K4: no 2026 yet
    ]


def test_transition_table_keeps_only_whole_years(con):
    table = dr.transitions(queries.run(con, "drivers_transitions", PARAMS), YEARS)
    assert table.select("year_18", "citizens", "adult_citizens_next", "adult_cost_next_dkk",
                        "cost_per_citizen_next_dkk", "child_cost_before_dkk").rows() == [
        (2022, 0, 0, 0.0, None, None),                 # no one; 2021 is no whole year here
        (2023, 1, 1, 54_900.0, 54_900.0, 21_400.0),
        (2024, 2, 1, 73_000.0, 73_000.0, 73_000.0),
        (2025, 1, None, None, None, 18_300.0),         # 2026 is not a whole year
    ]


def test_the_view_says_it_in_a_sentence_and_exports_the_table(con):
    from present.drivers import DriversChoices, drivers_view

    q = lambda name, params=None: queries.run(con, name, params or {})  # noqa: E731
    from dashboard.loaders import load_drivers

    context = SimpleNamespace(kommune=999, functions=["5.38.38", "5.38.52"], from_year=2022, to_year=2025, age="18-24",
                              price_base=PriceBase(None), pl_index={}, price_label="løbende priser")
    data = load_drivers(q, {"kommune": 999, "functions": context.functions, "from_year": 2022}, 2024, 2025)
    view = drivers_view(data, context, DriversChoices(2024, 2025, "overgang"))
    assert view.status == "ok"
    assert view.headline == ("2 unge, der fyldte 18 i 2024, gik fra foranstaltninger på børneområdet til "
                             "voksenområdet; i 2025 kostede 1 af dem 0,1 mio. kr. på voksenområdet (løbende priser).")
    assert [k.value for k in view.kpis] == ["2", "1", "0,1", "73"]
    assert view.kpis[0].delta == "+1 siden 2023"
    (export,) = view.exports
    assert export.file_stem == "udgiftsdrivere_overgang_2022_2025"
    assert export.df["citizens"].to_list() == [0, 1, 2, 1]
    assert view.tables["transitions"].height == 4


def test_fixed_prices_scale_each_cost_by_its_own_year(con):
    rows = queries.run(con, "drivers_transitions", PARAMS)
    factors = {2022: 1.0, 2023: 2.0, 2024: 3.0, 2025: 4.0}
    from present.drivers import _transitions  # the section builder, on one frame

    data = SimpleNamespace(transitions=rows)
    view = _transitions(data, None, SimpleNamespace(comparison_year=2025, suppress_small=False), YEARS, factors,
                        "faste priser", {})
    got = dict(zip(view.exports[0].df["year_18"].to_list(), view.exports[0].df["adult_cost_next_dkk"].to_list()))
    assert got[2023] == pytest.approx(54_900 * 3.0) and got[2024] == pytest.approx(73_000 * 4.0)
    before = dict(zip(view.exports[0].df["year_18"].to_list(), view.exports[0].df["child_cost_before_dkk"].to_list()))
    assert before[2024] == pytest.approx(73_000 * 2.0) and before[2025] == pytest.approx(18_300 * 3.0)
