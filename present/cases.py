"""The Dyre sager page's words and its view builder: :func:`cases_view` turns the page's data
(dashboard.loaders.CasesData) into the review lists a case team works from: the costliest citizens, the
costliest cases (a case id may group a family's citizens) and the measures furthest above the median price of
their offer type and level, each with last year beside it. Citizen-level: pseudonyms only, never a CPR
number, kept on its own page so access to it can be restricted. Pure: no streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from analysis import drivers as dr
from analysis.prices import MissingIndexError, price_factors
from domain.codes import AGE_SEGMENTS, LEVEL_ORDER
from i18n import t
from present import Kpi
from present.drivers import Export, _display
from present.exports import Column
from present.formatting import age_label, fmt_mio, fmt_mio_number, fmt_number, price_phrase

#: Rows per review list on screen (the exports hold every row).
LIST_LENGTH = 50


@dataclass(frozen=True)
class CasesView:
    """The three review lists for one year. ``status``: 'ok' or 'no_activity' with ``message``."""

    status: str
    message: str = ""
    year: int | None = None
    price_label: str = ""
    warning: str | None = None
    providers: tuple[str, ...] = ()       # the providers a list can be limited to
    provider: str = ""                     # '' = all
    kpis: tuple[Kpi, ...] = ()
    headline: str = ""
    citizens: pl.DataFrame | None = None   # display tables (text)
    cases: pl.DataFrame | None = None
    measures: pl.DataFrame | None = None
    exports: tuple[Export, ...] = ()
    source: str = ""


def _levels(values: list[str]) -> str:
    return ", ".join(t(f"level.{v}") for v in sorted(values, key=lambda c: LEVEL_ORDER.get(c, 99)))


def _joined(values: list[str] | None) -> str:
    return ", ".join(values or [])


def cases_view(data, context, year: int, provider: str = "") -> CasesView:
    """The Dyre sager page for the sidebar's ``context`` and ``year`` (a whole year), limited to citizens
    and cases with a measure at ``provider`` ('' = all). Costs in the sidebar's price base."""
    age = getattr(context, "age", None)
    if data.data_date is None or data.citizen_year.is_empty():
        return CasesView("no_activity", t("drivers.no_activity") if age is None
                         else t("drivers.no_activity_age", age=age_label(age)), year=year)
    prev = year - 1
    warning = None
    try:
        factors = price_factors([prev, year], dict(context.pl_index), context.price_base)
        price_label = context.price_label
    except MissingIndexError as exc:
        factors, price_label = {prev: 1.0, year: 1.0}, t("sidebar.prices_current")
        warning = t("drivers.missing_index", years=", ".join(map(str, exc.years)))
    factor = pl.col("year").replace_strict(factors, default=1.0, return_dtype=pl.Float64)
    cy = data.citizen_year.with_columns(pl.col("cost_dkk") * factor)
    ky = data.case_year.with_columns(pl.col("cost_dkk") * factor)
    measures = dr.price_gaps(data.price_need.with_columns(
        pl.col(c) * factors[year] for c in ("tariff_dkk_per_day", "median_dkk_per_day", "cost_dkk")))

    names = tuple(sorted(set(measures["provider"].to_list())
                         | set(cy.filter(pl.col("year") == year)["providers"].explode().drop_nulls().to_list())))
    provider = provider if provider in names else ""
    if provider:
        cy = cy.filter(pl.col("providers").list.contains(provider))
        ky = ky.filter(pl.col("providers").list.contains(provider))
        measures = measures.filter(pl.col("provider") == provider)

    now = cy.filter(pl.col("year") == year).select("citizen_key", "case_ids", "cost_dkk", "measures", "providers",
                                                   "offer_types", "levels", "main_level", "age_group")
    before = cy.filter(pl.col("year") == prev).select("citizen_key", cost_prev_dkk="cost_dkk")
    citizens = (now.join(before, on="citizen_key", how="left")
                .with_columns(change_dkk=pl.col("cost_dkk") - pl.col("cost_prev_dkk").fill_null(0.0))
                .sort(["cost_dkk", "citizen_key"], descending=[True, False]))
    cases_now = ky.filter(pl.col("year") == year)
    cases_before = ky.filter(pl.col("year") == prev).select("case_id", cost_prev_dkk="cost_dkk")
    cases = (cases_now.join(cases_before, on="case_id", how="left")
             .with_columns(change_dkk=pl.col("cost_dkk") - pl.col("cost_prev_dkk").fill_null(0.0))
             .sort(["cost_dkk", "case_id"], descending=[True, False]))
    above = (measures.filter(pl.col("above_median_dkk") > 0)
             .sort(["above_median_dkk", "citizen_key"], descending=[True, False]))

    def text_columns(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.with_columns(
            pl.Series("case_text", [_joined(v) for v in frame["case_ids"].to_list()], dtype=pl.String)
            if "case_ids" in frame.columns else pl.lit(None, dtype=pl.String).alias("case_text"),
            pl.Series("provider_text", [_joined(v) for v in frame["providers"].to_list()], dtype=pl.String),
            pl.Series("offer_text", [_joined(v) for v in frame["offer_types"].to_list()], dtype=pl.String),
            pl.Series("level_text", [_levels(v or []) for v in frame["levels"].to_list()], dtype=pl.String),
        )

    citizens, cases = text_columns(citizens), text_columns(cases)
    citizens = citizens.with_columns(age_text=pl.col("age_group").replace_strict(
        {g: (t("decomp.unknown") if g == "ukendt" else t("decomp.age", value=g)) for g in AGE_SEGMENTS},
        return_dtype=pl.String))
    above = above.with_columns(level_text=pl.col("level").replace_strict(
        {c: t(f"level.{c}") for c in LEVEL_ORDER}, default=pl.col("level"), return_dtype=pl.String))

    cost = lambda y: t("unit.col_kr", label=t("drivers.col_cost", year=y))  # noqa: E731
    citizen_columns = (
        Column("citizen_key", t("cases.col_citizen")), Column("case_text", t("cases.col_cases")),
        Column("cost_dkk", cost(year), 0, kind="dkk"), Column("cost_prev_dkk", cost(prev), 0, kind="dkk"),
        Column("change_dkk", t("unit.col_kr", label=t("drivers.col_change")), 0, kind="dkk"),
        Column("age_text", t("decomp.dim.aldersgruppe")),
        Column("measures", t("drivers.col_measures"), kind="count"),
        Column("provider_text", t("cases.col_providers")), Column("offer_text", t("cases.col_offer_types")),
        Column("level_text", t("cases.col_levels")),
    )
    case_columns = (
        Column("case_id", t("cases.col_case")), Column("citizens", t("drivers.col_citizens"), kind="count"),
        Column("cost_dkk", cost(year), 0, kind="dkk"), Column("cost_prev_dkk", cost(prev), 0, kind="dkk"),
        Column("change_dkk", t("unit.col_kr", label=t("drivers.col_change")), 0, kind="dkk"),
        Column("measures", t("drivers.col_measures"), kind="count"),
        Column("provider_text", t("cases.col_providers")), Column("level_text", t("cases.col_levels")),
    )
    measure_columns = (
        Column("citizen_key", t("cases.col_citizen")), Column("provider", t("drivers.col_provider")),
        Column("offer_type", t("drivers.col_offer_type")), Column("level_text", t("drivers.col_level")),
        Column("tariff_dkk_per_day", t("cases.col_price"), 0), Column("median_dkk_per_day", t("drivers.col_median"), 0),
        Column("days", t("cases.col_days"), kind="count"),
        Column("above_median_dkk", t("unit.col_kr", label=t("drivers.col_room")), 0, kind="dkk"),
    )
    families = cases.filter(pl.col("citizens") > 1)
    over_1m = citizens.filter(pl.col("cost_dkk") >= dr.COST_THRESHOLDS_DKK[0])
    kpis = (
        Kpi(t("cases.kpi_citizens", year=year), fmt_number(citizens.height)),
        Kpi(t("cases.kpi_over", value="1", year=year), fmt_number(over_1m.height)),
        Kpi(t("common.kpi_mio", label=t("cases.kpi_top_cost", n=min(LIST_LENGTH, citizens.height), year=year)),
            fmt_mio_number(citizens.head(LIST_LENGTH)["cost_dkk"].sum())),
        Kpi(t("cases.kpi_families", year=year), fmt_number(families.height), help=t("cases.help_families")),
    )
    headline = t("cases.headline", n=fmt_number(over_1m.height), year=year, cost=fmt_mio(over_1m["cost_dkk"].sum()),
                 share=fmt_number(100 * over_1m["cost_dkk"].sum() / citizens["cost_dkk"].sum(), 1)
                 if citizens.height and citizens["cost_dkk"].sum() else "–",
                 prices=price_phrase(price_label))
    stem = f"dyre_sager_{year}" + (f"_{provider}" if provider else "") + (f"_alder-{age}" if age else "")
    label = (lambda key: t(key, year=year) + (" " + t("cases.at_provider", provider=provider) if provider else "")
             + (f" ({age_label(age)})" if age else ""))
    if age is not None:      # the sidebar's age filter: the headline says first which citizens it is about
        headline = t("drivers.age_headline", age=age_label(age), headline=headline)
    return CasesView(
        "ok", year=year, price_label=price_label, warning=warning, providers=names, provider=provider,
        kpis=kpis, headline=headline,
        citizens=_display(citizens.head(LIST_LENGTH), citizen_columns),
        cases=_display(cases.head(LIST_LENGTH), case_columns),
        measures=_display(above.head(LIST_LENGTH), measure_columns),
        exports=(Export(citizens, citizen_columns, label("cases.citizens_title"), stem.replace("dyre_sager", "dyre_borgere")),
                 Export(cases, case_columns, label("cases.cases_title"), stem.replace("dyre_sager", "dyre_sager_sagsid")),
                 Export(above, measure_columns, label("cases.measures_title"), stem.replace("dyre_sager", "over_median"))),
        source=t("drivers.source"),
    )

