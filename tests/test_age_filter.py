"""The age filter and the narrow cuts on a hand-made export (tests/fixtures/activity_ages.csv, data date
31-12-2025, 2024 has 366 days), every figure computed by hand. Age = the age reached in the calendar year.

  A  born 2008  100/day  2024-01-01..2025-12-31   16 and 17: 0-17 / 15-17
  B  born 2006  200/day  same                     18 and 19: 18-22 / 18-24
  C  born 2001  300/day  same                     23 and 24: 23-64 / 18-24
  D  no year     50/day  same                     ukendt
  E  born 1950   10/day  same                     74 and 75: 65+
  F  born 2007  400/day  2024-07-01..2025-06-30   17 in 2024 (184 days: 15-17), 18 in 2025 (181 days: 18-24)
All one offer type and level: the median daily price is that of all six measures in a year."""
from __future__ import annotations


import polars as pl
import pytest

import queries
from domain.codes import AGE_BANDS, AGE_FILTERS, age_bands
from tests.conftest import activity_fixture_db

BASE = {"kommune": 999, "functions": ["5.38.38"], "base_year": 2024, "comparison_year": 2025, "from_year": 2024,
        "to_year": 2025, "year": 2025}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = activity_fixture_db(tmp_path_factory, "activity_ages.csv")
    yield connection
    connection.close()


@pytest.mark.parametrize(("group", "bands"), [
    (None, ["0-14", "15-17", "18-22", "23-24", "25-64", "65+", "ukendt"]),
    ("0-17", ["0-14", "15-17"]), ("18-22", ["18-22"]), ("23-64", ["23-24", "25-64"]), ("65+", ["65+"]),
    ("15-17", ["15-17"]), ("18-24", ["18-22", "23-24"]), ("ukendt", ["ukendt"]),
])
def test_age_bands_of_a_filter(group, bands):
    assert age_bands(group) == bands


def test_every_filter_is_offered_and_the_bands_partition_the_groups():
    assert AGE_FILTERS == ("0-17", "18-22", "23-64", "65+", "15-17", "18-24", "ukendt")
    for groups in (("0-17", "18-22", "23-64", "65+", "ukendt"), ("15-17", "18-24")):
        read = [b for g in groups for b in age_bands(g)]
        assert len(read) == len(set(read))
    assert sorted(b for g in ("0-17", "18-22", "23-64", "65+", "ukendt") for b in age_bands(g)) == sorted(AGE_BANDS)


def _cost(con, name: str, ages: list[str], dimension: str = "level") -> dict[int, float]:
    rows = queries.run(con, name, {**BASE, "dimension": dimension, "ages": ages})
    return {y: float(rows.filter(rows["year"] == y)["cost_dkk"].sum()) for y in (2024, 2025)}


@pytest.mark.parametrize(("group", "cost_2024", "cost_2025"), [
    (None, 366 * 660 + 184 * 400, 365 * 660 + 181 * 400),
    ("0-17", 366 * 100 + 184 * 400, 365 * 100),
    ("15-17", 366 * 100 + 184 * 400, 365 * 100),
    ("18-22", 366 * 200, 365 * 200 + 181 * 400),
    ("18-24", 366 * 500, 365 * 500 + 181 * 400),
    ("23-64", 366 * 300, 365 * 300),
    ("65+", 366 * 10, 365 * 10),
    ("ukendt", 366 * 50, 365 * 50),
])
def test_decomposition_rows_follow_the_filter(con, group, cost_2024, cost_2025):
    """F's measure counts as 15-17 on its days in 2024 and as 18-24 on those in 2025 (the age reached in each
    year); segments and providers read the same bands."""
    for name in ("decomposition_segments", "decomposition_providers"):
        assert _cost(con, name, age_bands(group)) == pytest.approx({2024: cost_2024, 2025: cost_2025})


def test_the_narrow_cuts_are_a_segment_split(con):
    rows = queries.run(con, "decomposition_segments", {**BASE, "dimension": "age_cut", "ages": age_bands(None)})
    got = {(r["year"], r["segment_value"]): r["cost_dkk"] for r in
           rows.group_by("year", "segment_value").agg(pl.col("cost_dkk").sum()).iter_rows(named=True)}
    assert got == pytest.approx({(2024, "15-17"): 366 * 100 + 184 * 400, (2024, "18-24"): 366 * 500,
                                 (2024, "65+"): 366 * 10, (2024, "ukendt"): 366 * 50,
                                 (2025, "15-17"): 365 * 100, (2025, "18-24"): 365 * 500 + 181 * 400,
                                 (2025, "65+"): 365 * 10, (2025, "ukendt"): 365 * 50})
    # a filter within a split: the cut 18-24 read with the filter 18-22 holds B (and F in 2025) only
    narrow = queries.run(con, "decomposition_segments", {**BASE, "dimension": "age_cut", "ages": age_bands("18-22")})
    assert set(narrow["segment_value"].to_list()) == {"18-24"}
    assert float(narrow["cost_dkk"].sum()) == pytest.approx(366 * 200 + 365 * 200 + 181 * 400)


def test_drivers_questions_follow_the_filter(con):
    ages = age_bands("18-24")
    citizens = queries.run(con, "drivers_citizen_year", {**BASE, "ages": ages})
    assert sorted(citizens.filter(citizens["year"] == 2024)["cost_dkk"].to_list()) == pytest.approx([366 * 200, 366 * 300])
    assert sorted(citizens.filter(citizens["year"] == 2025)["cost_dkk"].to_list()) == pytest.approx(
        [181 * 400, 365 * 200, 365 * 300])
    cases = queries.run(con, "drivers_case_year", {**BASE, "ages": ages})
    assert sorted(cases.filter(cases["year"] == 2025)["case_id"].to_list()) == ["B1", "C1", "F1"]
    prices = queries.run(con, "drivers_provider_price_year", {**BASE, "ages": ages})
    assert prices.filter(prices["year"] == 2024)["cost_dkk"].to_list() == pytest.approx([366 * 500])
    # the listed measures are the group's; the median is that of all six measures of 2025 (10, 50, 100, 200, 300, 400)
    need = queries.run(con, "drivers_price_need", {**BASE, "ages": ages})
    assert sorted(need["tariff_dkk_per_day"].to_list()) == [200, 300, 400]
    assert set(need["median_dkk_per_day"].to_list()) == {150.0} and set(need["peers"].to_list()) == {6}
    # a measure starts and ends in the age of its year: F started at 17 (2024) and ended at 18 (2025); A, B and
    # C end on the data date (31-12-2025) at 17, 19 and 24
    flow = queries.run(con, "drivers_flow_month", {**BASE, "ages": age_bands("15-17")})
    assert int(flow["started_measures"].sum()) == 2 and int(flow["ended_measures"].sum()) == 1
    flow = queries.run(con, "drivers_flow_month", {**BASE, "ages": ages})
    assert int(flow["started_measures"].sum()) == 2 and int(flow["ended_measures"].sum()) == 3


def test_dekomponering_with_an_age_filter(demo_db, monkeypatch):
    """The sidebar offers the age group on Dekomponering (URL alder), the headline names it, the page says why
    the ledger is left out, and scaling to the ledger is off; Overblik does not offer the filter."""
    from tests.apptools import open_page, page_file, qp
    from tests.conftest import app_on

    at = app_on(demo_db, monkeypatch)
    at.run()
    assert not [s for s in at.sidebar.selectbox if s.key == "alder"]
    at.switch_page(page_file("decomposition")).run()
    assert not at.exception
    assert at.selectbox(key="alder").value == "alle"
    assert qp(at, "alder") == "alle"
    whole = next(m.value for m in at.markdown if m.value.startswith("**"))
    assert any(c.value.startswith("Afstemning med regnskabet") for c in at.caption)
    at.selectbox(key="alder").set_value("18-24").run()
    assert not at.exception
    assert qp(at, "alder") == "18-24"
    headline = next(m.value for m in at.markdown if m.value.startswith("**"))
    assert "(18-24 år)" in headline and headline != whole
    assert any("Regnskabet kan ikke deles på alder" in i.value for i in at.info)
    assert at.toggle(key="skaler").disabled
    assert not any(c.value.startswith(("Afstemning med regnskabet", "Aktivitetsdata forklarer")) for c in at.caption)


def test_the_age_filter_comes_from_the_url_and_reaches_the_drivers(demo_db, monkeypatch):
    from tests.apptools import open_page, page_file
    from tests.conftest import app_on

    at = app_on(demo_db, monkeypatch)
    at.query_params.update({"alder": "15-17"})
    open_page(at, page_file("drivers"))
    assert at.selectbox(key="alder").value == "15-17"
    # adults' area: no citizen is 15-17; the page says so for the age group
    assert [i.value for i in at.info] == ["Der er ingen aktivitetsdata for borgere på 15-17 år i området. "
                                          "Vælg en anden aldersgruppe i sidepanelet."]
    at.selectbox(key="omraade").set_value("5.28").run()
    assert not at.exception
    headline = next(m.value for m in at.markdown if m.value.startswith("**"))
    assert headline.startswith("**15-17 år: ")
    assert any(c.value.startswith("Aldersgruppe: 15-17 år") for c in at.caption)


@pytest.mark.parametrize(("dimension", "segment", "provider", "link"), [
    ("leverandoer", "Bo Nord", None, {"visning": "leverandoerer", "leverandoer": "Bo Nord"}),
    ("niveau", "3", "Bo Syd", {"visning": "leverandoerer", "leverandoer": "Bo Syd"}),
    ("tilbudstype-niveau", "Botilbud|3", None, {"visning": "pris", "tilbud": "Botilbud"}),
    ("tilbudstype-niveau", "ukendt|3", None, {}),
    ("aldersgruppe", "18-22", None, {"visning": "leverandoerer", "alder": "18-22"}),
    ("aldersgruppe-smal", "15-17", None, {"visning": "leverandoerer", "alder": "15-17"}),
    ("aldersgruppe-smal", "25-64", None, {}),            # no filter of its own
    ("niveau", "3", None, {}),
    ("paragraf", "SEL § 107", None, {}),
])
def test_drivers_link_of_a_segment_or_provider(dimension, segment, provider, link):
    from present.decomposition import drivers_link

    assert drivers_link(dimension, segment, provider) == link


def test_dekomponering_links_to_udgiftsdrivere_with_the_filter_set(demo_db, monkeypatch):
    """An age segment opens Udgiftsdrivere with the sidebar's age filter set; a provider of a segment opens its
    providers section with that provider; the URL carries them and the two years."""
    from tests.apptools import open_page, page_file, qp
    from tests.conftest import app_on

    at = app_on(demo_db, monkeypatch)
    at.query_params.update({"opdeling": "aldersgruppe", "segment": "18-22", "basis": "2023", "sammenlign": "2025"})
    open_page(at, page_file("decomposition"))
    assert at.session_state["segment"] == "18-22"
    at.button(key="decomp_to_drivers").click().run()
    assert not at.exception
    assert at.session_state["drivers_basis"] == 2023 and at.session_state["drivers_sammenlign"] == 2025
    assert at.selectbox(key="alder").value == "18-22" and qp(at, "alder") == "18-22"
    assert next(m.value for m in at.markdown if m.value.startswith("**")).startswith("**18-22 år: ")

    at = app_on(demo_db, monkeypatch)
    at.query_params.update({"opdeling": "niveau", "basis": "2023", "sammenlign": "2025"})
    open_page(at, page_file("decomposition"))
    assert not [b for b in at.button if b.key == "decomp_to_drivers"]       # a level is no filter of Udgiftsdrivere
    picker = at.selectbox(key="decomp_leverandoer")
    provider = picker.options[1]
    picker.set_value(provider).run()
    assert qp(at, "leverandoervalg") == provider       # the picked provider is kept in the address
    at.button(key="decomp_provider_to_drivers").click().run()
    assert not at.exception
    assert at.session_state["drivers_visning"] == "leverandoerer"
    assert at.session_state["drivers_leverandoer"] == provider and qp(at, "leverandoer") == provider

    at = app_on(demo_db, monkeypatch)       # the address opens the page with that provider picked
    at.query_params.update({"opdeling": "niveau", "basis": "2023", "sammenlign": "2025", "leverandoervalg": provider})
    open_page(at, page_file("decomposition"))
    assert at.selectbox(key="decomp_leverandoer").value == provider
