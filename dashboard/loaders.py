"""The queries each page runs for one view, in one place, so the page and the benchmark call the same
code. `q` is a query function (name, params) -> polars: the page passes the cached
dashboard.query.query, the benchmark a direct or cached runner. No streamlit here."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from analysis.segments import DIMENSIONS
from domain.codes import ADULT_AGE, ADULTS_AREA, CHILDREN_AREA, DEFAULT_REFUND_BASIS, REFUND_BASES, age_bands

QueryFn = Callable[..., pl.DataFrame]


@dataclass(frozen=True)
class SidebarData:
    municipalities: pl.DataFrame
    areas: pl.DataFrame
    pl_index: pl.DataFrame


@dataclass(frozen=True)
class OverviewData:
    ledger: pl.DataFrame          # queries/overview_ledger_by_year.sql
    hap: pl.DataFrame             # queries/overview_hap_by_segment.sql by function (also the activity cost per function)
    ledger_fy: pl.DataFrame       # queries/overview_ledger_by_function_year.sql
    history: pl.DataFrame         # queries/data_import_history.sql
    findings: pl.DataFrame        # queries/overview_data_quality.sql
    citizens: pl.DataFrame | None = None   # queries/overview_citizens_by_year.sql


def load_sidebar(q: QueryFn) -> SidebarData:
    return SidebarData(q("sidebar_municipalities"), q("sidebar_areas"), q("sidebar_pl_index"))


def load_overview(q: QueryFn, params: dict) -> OverviewData:
    return OverviewData(
        ledger=q("overview_ledger_by_year", params),
        hap=q("overview_hap_by_segment", {**params, "dimension": "function_code"}),
        ledger_fy=q("overview_ledger_by_function_year", params),
        history=q("data_import_history"),
        findings=q("overview_data_quality", params),
        citizens=q("overview_citizens_by_year", params),
    )


def load_overview_segments(q: QueryFn, params: dict, split: str) -> pl.DataFrame:
    """Overblik's year-by-year view per segment: queries/overview_hap_by_segment.sql for the split ``split``
    (a URL value of analysis.segments.DIMENSIONS)."""
    return q("overview_hap_by_segment", {**params, "dimension": DIMENSIONS[split].stored_name})


def load_overview_segment_citizens(q: QueryFn, params: dict, split: str) -> pl.DataFrame:
    """Distinct citizens per year and segment of ``split`` (queries/overview_citizens_by_segment.sql), for a
    user whose small counts are hidden (issue 22)."""
    return q("overview_citizens_by_segment", {**params, "dimension": DIMENSIONS[split].stored_name})


@dataclass(frozen=True)
class BenchmarkData:
    values: pl.DataFrame          # queries/comparison_values.sql (chosen area, all years and sources)
    population: pl.DataFrame      # queries/comparison_population.sql
    socio: pl.DataFrame           # queries/comparison_socio_index.sql
    municipalities: pl.DataFrame  # queries/comparison_municipalities.sql
    own_ledger: pl.DataFrame | None = None   # queries/overview_ledger_by_year.sql, the own municipality, all years


def load_benchmark(q: QueryFn, params: dict, area: str | None = None) -> BenchmarkData:
    """The Sammenligning page's data: benchmark figures of the chosen functions (and key figures covering
    exactly `area`, the sidebar's area code), population, socio-economic index, municipalities and the own
    municipality's ledger per year (to show it on the benchmark's basis)."""
    return BenchmarkData(
        values=q("comparison_values", {"functions": params["functions"], "area": area}),
        population=q("comparison_population"),
        socio=q("comparison_socio_index"),
        municipalities=q("comparison_municipalities"),
        own_ledger=q("overview_ledger_by_year", {"kommune": params["kommune"], "functions": params["functions"],
                                                 "from_year": 0, "to_year": 9999}),
    )


@dataclass(frozen=True)
class DecompositionData:
    segments: pl.DataFrame        # queries/decomposition_segments.sql (year, month, segment)
    providers: pl.DataFrame       # queries/decomposition_providers.sql (year, month, segment, provider)
    ledger: pl.DataFrame          # queries/decomposition_ledger.sql (year, month; dranst 1 actuals)
    data_date: date | None        # queries/decomposition_data_date.sql
    refunds: pl.DataFrame | None = None   # queries/decomposition_refunds.sql (year, month; dranst 2 actuals)
    # queries/decomposition_citizens.sql (year, month, segment, provider: citizens first seen), loaded only
    # when small counts are suppressed (issue 22)
    citizens: pl.DataFrame | None = None


def load_data_date(q: QueryFn) -> date | None:
    """The date the activity data describe (queries/decomposition_data_date.sql), or None without activity."""
    dates = q("decomposition_data_date")
    return dates["data_date"][0] if dates.height else None


def _ages(params: dict) -> list[str]:
    """The age bands the activity questions read: the sidebar's age filter (Filters.params), else all ages."""
    return params.get("ages") or age_bands(None)


def load_decomposition(q: QueryFn, params: dict, dimension: str = "niveau", base_year: int | None = None,
                       comparison_year: int | None = None, citizens: bool = False) -> DecompositionData:
    """The Dekomponering page's data: HÅP and cost per month and segment of the two years (segment split
    `dimension`, a key of analysis.segments.DIMENSIONS), the same per provider, the ledger (before state
    refunds) and the state refunds per month and the activity data date. params: kommune, functions and from_year/to_year (the base and comparison
    year unless given), bound as $base_year and $comparison_year. ``citizens``: also the distinct citizens per
    segment and provider (for a user whose small counts are suppressed)."""
    p = {"kommune": params["kommune"], "functions": params["functions"],
         "base_year": params["from_year"] if base_year is None else base_year,
         "comparison_year": params["to_year"] if comparison_year is None else comparison_year,
         "dimension": DIMENSIONS[dimension].stored_name, "ages": _ages(params)}
    return DecompositionData(
        segments=q("decomposition_segments", p),
        providers=q("decomposition_providers", p),
        ledger=q("decomposition_ledger", p),
        data_date=load_data_date(q),
        refunds=q("decomposition_refunds", p),
        citizens=q("decomposition_citizens", p) if citizens else None,
    )


@dataclass(frozen=True)
class TrendData:
    monthly: pl.DataFrame         # queries/trend_monthly.sql (year x month x amount kind x dranst)
    split: pl.DataFrame           # the chosen split: trend_monthly / trend_by_function / _by_art / _by_grouping
    population: pl.DataFrame      # queries/trend_population.sql


# the query behind each split of the cost trend page (dranst reuses the monthly rows)
TREND_SPLIT_QUERIES = {"funktion": "trend_by_function", "dranst": "trend_monthly",
                       "koeb_salg": "trend_by_art", "gruppering": "trend_by_grouping"}


def load_trends(q: QueryFn, params: dict, split: str = "funktion") -> TrendData:
    """The Udgiftsudvikling page's data: monthly actuals and budgets (dranst 1+2), the rows of the chosen
    split (`split`, a key of TREND_SPLIT_QUERIES) on the refund basis of ``params["dransts"]`` (default: after
    state refunds) and the municipality's population by age group."""
    params = {"dransts": list(REFUND_BASES[DEFAULT_REFUND_BASIS]), **params}
    monthly = q("trend_monthly", params)
    name = TREND_SPLIT_QUERIES[split]
    return TrendData(
        monthly=monthly,
        split=monthly if name == "trend_monthly" else q(name, params),
        population=q("trend_population", params),
    )


#: the questions each section of Udgiftsdrivere (present.drivers.SECTIONS) reads; None = every section's
DRIVERS_SECTION_DATA: dict[str, tuple[str, ...]] = {
    "leverandoerer": ("provider_year", "providers", "provider_citizens", "provider_offer_citizens"),
    "pris": ("price_need",),
    "koncentration": ("citizen_year",),
    "tilgang": ("citizen_year", "flow_month", "flow_citizens"),
    "overgang": ("transitions",),
}


@dataclass(frozen=True)
class DriversData:
    activity_years: tuple[int, ...]          # queries/drivers_activity_years.sql: years of the span with activity
    data_date: date | None                   # queries/decomposition_data_date.sql
    # each section's own frames (DRIVERS_SECTION_DATA); None where the section loaded does not read them
    citizen_year: pl.DataFrame | None = None    # queries/drivers_citizen_cost_year.sql (the span; tilgang: the two years)
    provider_year: pl.DataFrame | None = None   # queries/drivers_provider_price_year.sql (the span)
    provider_citizens: pl.DataFrame | None = None   # queries/drivers_provider_citizens.sql (the two years; only
                                                    # for a user whose small counts are hidden)
    # distinct citizens per provider, offer type and year (the span) and per year of the measures started and
    # ended (queries/drivers_provider_offer_citizens.sql, drivers_flow_citizens.sql): the same users only
    provider_offer_citizens: pl.DataFrame | None = None
    flow_citizens: pl.DataFrame | None = None
    flow_month: pl.DataFrame | None = None      # queries/drivers_flow_month.sql (the span)
    price_need: pl.DataFrame | None = None      # queries/drivers_price_need.sql (the comparison year)
    providers: pl.DataFrame | None = None       # queries/decomposition_segments.sql, split by provider (the two years)
    transitions: pl.DataFrame | None = None     # queries/drivers_transitions.sql (both areas, the span)


def load_drivers(q: QueryFn, params: dict, base_year: int, comparison_year: int, section: str | None = None,
                 citizens: bool = True) -> DriversData:
    """The Udgiftsdrivere page's data for one section (a key of DRIVERS_SECTION_DATA; None = all): the
    span runs from the sidebar's first year (or the base year, if earlier) to the comparison year.
    `citizens` = also the distinct citizens per provider (the suppression of small counts needs them).
    params: kommune, functions, from_year, ages."""
    first = min(params["from_year"], base_year)
    span = {"kommune": params["kommune"], "functions": params["functions"], "from_year": first,
            "to_year": comparison_year, "ages": _ages(params)}
    wanted = set(DRIVERS_SECTION_DATA[section] if section else
                 (name for names in DRIVERS_SECTION_DATA.values() for name in names))
    if not citizens:
        wanted -= {"provider_citizens", "provider_offer_citizens", "flow_citizens"}
    two_years = [base_year, comparison_year]
    citizen_years = two_years if section == "tilgang" else list(range(first, comparison_year + 1))
    loaders = {
        "citizen_year": lambda: q("drivers_citizen_cost_year", {**span, "years": citizen_years}),
        "provider_year": lambda: q("drivers_provider_price_year", span),
        "provider_citizens": lambda: q("drivers_provider_citizens", {**span, "years": two_years}),
        "provider_offer_citizens": lambda: q("drivers_provider_offer_citizens", span),
        "flow_citizens": lambda: q("drivers_flow_citizens", span),
        "flow_month": lambda: q("drivers_flow_month", span),
        "price_need": lambda: q("drivers_price_need", {**span, "year": comparison_year}),
        "providers": lambda: q("decomposition_segments", {**span, "base_year": base_year,
                                                         "comparison_year": comparison_year,
                                                         "dimension": DIMENSIONS["leverandoer"].stored_name}),
        "transitions": lambda: q("drivers_transitions", {**span, "children_area": CHILDREN_AREA,
                                                         "adults_area": ADULTS_AREA, "adult_age": ADULT_AGE}),
    }
    active = q("drivers_activity_years", span)
    return DriversData(activity_years=tuple(sorted(active["year"].to_list())), data_date=load_data_date(q),
                       **{name: load() for name, load in loaders.items() if name in wanted})


@dataclass(frozen=True)
class CasesData:
    citizen_year: pl.DataFrame    # queries/drivers_citizen_year.sql (the year and the year before)
    case_year: pl.DataFrame       # queries/drivers_case_year.sql (the same years)
    price_need: pl.DataFrame      # queries/drivers_price_need.sql (the year)
    data_date: date | None        # queries/decomposition_data_date.sql


def load_cases(q: QueryFn, params: dict, year: int) -> CasesData:
    """The Dyre sager page's data (citizen level, pseudonymised): each citizen's and case's cost in `year`
    and the year before, and each measure of `year` against its median. params: kommune, functions."""
    span = {"kommune": params["kommune"], "functions": params["functions"], "from_year": year - 1, "to_year": year,
            "ages": _ages(params)}
    return CasesData(
        citizen_year=q("drivers_citizen_year", span),
        case_year=q("drivers_case_year", span),
        price_need=q("drivers_price_need", {**span, "year": year}),
        data_date=load_data_date(q),
    )


@dataclass(frozen=True)
class SavingsData:
    targets: pl.DataFrame         # queries/savings_targets.sql (year)
    effects: pl.DataFrame         # queries/savings_effects.sql (initiative, year, kind)
    history: pl.DataFrame | None = None   # queries/savings_history.sql (changed figures, newest first)


def load_savings(q: QueryFn, params: dict | None = None) -> SavingsData:
    """The Genopretning page's data: the savings plan's targets per year and its initiatives' effects (the
    plan is the municipality's whole programme: the sidebar's choices do not filter it)."""
    return SavingsData(targets=q("savings_targets"), effects=q("savings_effects"), history=q("savings_history"))


def load_savings_segments(q: QueryFn, params: dict, dimensions: tuple[str, ...], from_year: int,
                          to_year: int) -> dict[str, pl.DataFrame]:
    """The segments the savings plan's initiatives name, per stored dimension (present.savings.segment_dimensions):
    queries/overview_hap_by_segment.sql for the sidebar's municipality and area over ``from_year``..``to_year``."""
    return {d: q("overview_hap_by_segment", {**params, "dimension": d, "from_year": from_year, "to_year": to_year})
            for d in dimensions}


def load_savings_segment_citizens(q: QueryFn, params: dict, dimensions: tuple[str, ...], from_year: int,
                                  to_year: int) -> dict[str, pl.DataFrame]:
    """Distinct citizens per year of the segments the plan's initiatives name (queries/overview_citizens_by_segment.sql),
    for a user whose small counts are hidden (issue 22)."""
    return {d: q("overview_citizens_by_segment", {**params, "dimension": d, "from_year": from_year, "to_year": to_year})
            for d in dimensions}


@dataclass(frozen=True)
class PrognoseData:
    measures: pl.DataFrame        # queries/prognose_measures.sql (every measure of the chosen functions)
    data_date: date | None        # queries/decomposition_data_date.sql
    ledger: pl.DataFrame | None = None  # queries/prognose_ledger.sql (the data year and the year before)


def load_prognose(q: QueryFn, params: dict) -> PrognoseData:
    """The Prognose page's data: every measure of the chosen municipality and functions (the budget model
    reads the whole history, not the sidebar's period), the activity data date and the ledger of the data year
    and the year before (the economy check). params: kommune, functions."""
    data_date = load_data_date(q)
    sel = {"kommune": params["kommune"], "functions": params["functions"]}
    ledger = (q("prognose_ledger", {**sel, "from_year": data_date.year - 1, "to_year": data_date.year})
              if data_date is not None else None)
    return PrognoseData(measures=q("prognose_measures", sel), data_date=data_date, ledger=ledger)
