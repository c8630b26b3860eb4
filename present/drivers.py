"""The Udgiftsdrivere page's words and its view builder: :func:`drivers_view` turns the page's data
(dashboard.loaders.DriversData) and the choices into one section's cards, headline, chart data, tables and
exports. Sections (URL value ``visning``): providers, price against need, concentration on few citizens, and
citizens in and out. Everything compares whole years (the activity data's complete years), in the
sidebar's price base; the numbers come from analysis.drivers and analysis.segments. Pure: no streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import polars as pl

from analysis import drivers as dr
from analysis.suppression import SMALL, SUPPRESSED, suppress, suppress_nested
from analysis.prices import MissingIndexError, PriceBase, price_factors
from analysis.segments import DIMENSIONS, activity_complete_months, build_segments, comparison_window
from domain.access import SUPPRESSION_THRESHOLD
from domain.codes import LEVEL_ORDER
from i18n import has_label, t
from present import Kpi
from present.exports import Column
from present.suppression import cells, hidden_text, note
from present.formatting import age_label, fmt_dkk, fmt_mio, fmt_mio_number, fmt_number, fmt_pct, fmt_persons, fmt_signed_dkk, price_phrase

#: The page's sections in the order it offers them (URL values, Danish).
SECTIONS: tuple[str, ...] = ("leverandoerer", "pris", "koncentration", "tilgang", "overgang")
#: The costliest share the concentration headline speaks of.
HEADLINE_SHARE = 0.05
#: Providers shown in the provider table before the user searches.
TOP_PROVIDERS = 25


@dataclass(frozen=True)
class DriversChoices:
    """The page's choices: the two whole years, the section, and per section the offer type (price chart)
    and the provider (tariff over time); None = the view picks the largest."""

    base_year: int
    comparison_year: int
    section: str = SECTIONS[0]
    offer_type: str | None = None
    provider: str | None = None
    search: str = ""
    # a user without citizen-level access (issue 22): figures of fewer than 5 citizens are hidden ('<5')
    suppress_small: bool = False


@dataclass(frozen=True)
class Export:
    """One downloadable table: rows, columns, title and file name (without extension)."""

    df: pl.DataFrame
    columns: tuple[Column, ...]
    title: str
    file_stem: str


@dataclass(frozen=True)
class DriversView:
    """What the page shows for one section. ``status``: 'ok', or why nothing is shown ('no_activity',
    'no_years': fewer than two whole years, 'same_years') with ``message``. Chart frames hold display
    labels and amounts in mio. kr. where the column name ends in _mio."""

    status: str
    message: str = ""
    section: str = SECTIONS[0]
    years: tuple[int, ...] = ()                 # the whole years the page offers
    base_year: int | None = None
    comparison_year: int | None = None
    price_label: str = ""
    warning: str | None = None
    kpis: tuple[Kpi, ...] = ()
    headline: str = ""
    method_note: str = ""
    charts: dict[str, pl.DataFrame] = field(default_factory=dict)
    chart_titles: dict[str, str] = field(default_factory=dict)
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)   # e.g. offer types, providers
    chosen: dict[str, str] = field(default_factory=dict)
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)       # display tables (text)
    exports: tuple[Export, ...] = ()
    source: str = ""
    suppressed_note: str | None = None       # the line saying that figures of few citizens are hidden


def whole_years(first: int, last: int, data_date: date | None) -> list[int]:
    """The years from first to last the activity data describe completely (12 complete months)."""
    if data_date is None:
        return []
    return [y for y in range(first, last + 1) if activity_complete_months(y, data_date) == 12]


def default_years(years: list[int], from_year: int, to_year: int) -> tuple[int, int] | None:
    """The default base and comparison year among whole ``years``: the latest whole year up to the
    sidebar's last year, and the sidebar's first year if it is whole and earlier, else the first whole
    year. None when there are fewer than two whole years."""
    upto = [y for y in years if y <= to_year] or years
    if len(years) < 2 or not upto:
        return None
    comparison = upto[-1]
    earlier = [y for y in years if y < comparison]
    if not earlier:
        return None
    base = from_year if from_year in earlier else earlier[0]
    return base, comparison


def _level_label(code: str) -> str:
    return t(f"level.{code}")


def _provider_type_text(frame: pl.DataFrame) -> pl.Expr:
    """The display text of ``frame``'s provider_type column (joined types named one by one), built as a native
    replace from the few distinct values, never a per-row Python function."""
    return pl.col("provider_type").replace_strict(
        {v: _provider_type_label(v) for v in frame["provider_type"].unique().to_list()}, return_dtype=pl.String)


def _provider_type_label(types: str) -> str:
    return ", ".join(t(f"provider_type.{p}") if has_label(f"provider_type.{p}") else p for p in types.split(","))


def _scaled(frame: pl.DataFrame, columns: list[str], factors: dict[int, float], year: int | None = None) -> pl.DataFrame:
    """``columns`` multiplied by the price factor of each row's year (or of ``year`` for all rows)."""
    if not columns or frame.is_empty():
        return frame
    if year is not None:
        return frame.with_columns(pl.col(c) * factors[year] for c in columns)
    factor = pl.col("year").replace_strict(factors, default=1.0, return_dtype=pl.Float64)
    return frame.with_columns(pl.col(c) * factor for c in columns)


def drivers_view(data, context, choices: DriversChoices) -> DriversView:
    """The Udgiftsdrivere page for the sidebar's ``context`` (see present.CONTEXT_ATTRIBUTES) and
    ``choices``: the chosen section of :data:`SECTIONS`, built from ``data`` (dashboard.loaders.DriversData)."""
    years = whole_years(min(context.from_year, choices.base_year), choices.comparison_year, data.data_date)
    base, cur = choices.base_year, choices.comparison_year
    common = dict(section=choices.section, years=tuple(years), base_year=base, comparison_year=cur)
    if data.data_date is None or not data.activity_years:
        age = getattr(context, "age", None)
        return DriversView("no_activity", t("drivers.no_activity_age", age=age_label(age)) if age is not None
                           else t("drivers.no_activity"), **common)
    if base == cur:
        return DriversView("same_years", t("drivers.same_years"), **common)
    if base not in years or cur not in years:
        return DriversView("no_years", t("drivers.no_whole_years", date=data.data_date.strftime("%d-%m-%Y")), **common)

    price_base: PriceBase = context.price_base
    warning = None
    try:
        factors = price_factors(years, dict(context.pl_index), price_base)
        price_label = context.price_label
    except MissingIndexError as exc:
        factors = {y: 1.0 for y in years}
        price_label = t("sidebar.prices_current")
        warning = t("drivers.missing_index", years=", ".join(map(str, exc.years)))
    common.update(price_label=price_label, warning=warning, source=t("drivers.source"))
    prices = price_phrase(price_label)
    builder = {"leverandoerer": _providers, "pris": _price, "koncentration": _concentration, "tilgang": _flow,
               "overgang": _transitions}
    view = builder[choices.section](data, context, choices, years, factors, prices, common)
    # transitions read both areas at every age: the age filter does not apply to them
    age = getattr(context, "age", None)
    return _for_age(view, age) if view.status == "ok" and age is not None and choices.section != "overgang" else view


def _for_age(view: DriversView, age: str) -> DriversView:
    """A view of one age group (the sidebar's filter) says so first in its headline, its method note and its
    export titles and file names."""
    label = age_label(age)
    return replace(view, headline=t("drivers.age_headline", age=label, headline=view.headline),
                   method_note=t("drivers.age_method", age=label) + " " + view.method_note,
                   exports=tuple(replace(e, title=f"{e.title} ({label})", file_stem=f"{e.file_stem}_alder-{age}")
                                 for e in view.exports))


# --- providers ---------------------------------------------------------------------------------------

def _providers(data, context, choices, years, factors, prices, common) -> DriversView:
    base, cur = choices.base_year, choices.comparison_year
    provider_year = _scaled(data.provider_year.filter(pl.col("year").is_in(years)), ["cost_dkk", "dkk_per_day"], factors)
    by_type = dr.provider_type_cost(provider_year)
    window = comparison_window(base, cur, data.data_date)
    rows = _scaled(data.providers, ["cost_dkk"], factors)
    changes = dr.provider_changes(build_segments(rows, window, DIMENSIONS["leverandoer"]),
                                  provider_year.select("provider", "provider_type"))
    total_change = changes["change_dkk"].sum()
    active = changes.filter(pl.col("cost_current") > 0).height
    names = tuple(changes.sort("cost_current", descending=True)["provider"].to_list())
    if choices.suppress_small:
        # the KPIs show the totals, so the secondary rule keeps them from giving a hidden provider back
        changes = suppress(changes.join(dr.provider_citizens(data.provider_citizens, base, cur), on="provider", how="left")
                           .with_columns(pl.col("citizens_base", "citizens_current").fill_null(0)),
                           ["citizens_base", "citizens_current"],
                           ["volume_base", "volume_current", "cost_base", "cost_current", "change_dkk",
                            "unit_price_base", "unit_price_current"])
    share = {y: by_type.filter(pl.col("year") == y)["external_share"].first() for y in (base, cur)}
    external = {y: float(by_type.filter(pl.col("year") == y, pl.col("provider_type") != "egen")["cost_dkk"].sum())
                for y in (base, cur)}
    growth = changes.filter(pl.col("change_dkk") > 0)
    kpis = [
        Kpi(t("drivers.kpi_external_share", year=cur), fmt_pct(share[cur]),
            delta=t("drivers.delta_points", value=fmt_number(100 * (share[cur] - share[base]), 1), year=base)
            if share[cur] is not None and share[base] is not None else None,
            help=t("drivers.help_external_share")),
        Kpi(t("common.kpi_mio", label=t("drivers.kpi_external_cost", year=cur)), fmt_mio_number(external[cur]),
            delta=fmt_mio_number(external[cur] - external[base], signed=True) + " " + t("drivers.since", year=base)),
        Kpi(t("drivers.kpi_providers", year=cur), fmt_number(active)),
        Kpi(t("common.kpi_mio", label=t("drivers.kpi_cost_change", y0=base, y1=cur)),
            fmt_mio_number(total_change, signed=True)),
    ]
    headline = t("drivers.providers_headline", share=fmt_pct(share[cur]), year=cur, share0=fmt_pct(share[base]),
                 y0=base, prices=prices)
    if growth.height:
        top = growth.row(0, named=True)
        headline += " " + t("drivers.providers_top", provider=top["provider"], change=fmt_signed_dkk(top["change_dkk"], unit="mio"),
                            hap0=fmt_persons(top["volume_base"]), hap1=fmt_persons(top["volume_current"]))

    types = by_type
    if choices.suppress_small:
        # the KPIs show each year's external cost and share: the rule runs within each year (on a lower bound
        # of a type's citizens, so it hides rather more than less), and a hidden type is left out of the chart
        types = suppress(by_type.join(dr.provider_type_citizens(data.provider_offer_citizens, provider_year),
                                      on=["year", "provider_type"], how="left", maintain_order="left")
                         .with_columns(pl.col("citizens").fill_null(0)), "citizens", ["cost_dkk"], within=["year"])
    shown_types = types.filter(~pl.col(SUPPRESSED)) if choices.suppress_small else types
    type_chart = shown_types.select("year", "provider_type", "external_share", type_label=_provider_type_text(shown_types),
                                    cost_mio=pl.col("cost_dkk") / 1e6)

    search = choices.search.strip().lower()
    shown = changes.filter(pl.col("provider").str.to_lowercase().str.contains(search, literal=True)) if search \
        else changes.head(TOP_PROVIDERS)
    provider = choices.provider if choices.provider in names else (names[0] if names else "")
    hidden = set(changes.filter(pl.col(SUPPRESSED))["provider"].to_list()) if SUPPRESSED in changes.columns else set()
    # a hidden provider's prices over time are hidden too: the chart is drawn without them, and without a
    # shown provider's price of an offer type in a year of fewer than 5 citizens
    tariff = provider_year.filter(pl.col("provider") == provider, pl.lit(provider not in hidden))
    if choices.suppress_small:
        tariff = tariff.join(data.provider_offer_citizens.with_columns(pl.col("year").cast(tariff.schema["year"])),
                             on=["provider", "offer_type", "year"], how="left", maintain_order="left")
        few = pl.col("citizens").fill_null(0).is_between(1, SUPPRESSION_THRESHOLD - 1)
    else:
        few = pl.lit(False)
    tariff = tariff.with_columns(few.alias("_few"))
    few_points = bool(tariff["_few"].any())
    tariff = (tariff.filter(~pl.col("_few")).select("year", "offer_type", "dkk_per_day", "measure_days")
              .sort("offer_type", "year"))

    columns = (
        Column("provider", t("drivers.col_provider")),
        Column("provider_type_text", t("drivers.col_provider_type")),
        Column("volume_base", t("drivers.col_hap", year=base), 2, kind="persons"),
        Column("volume_current", t("drivers.col_hap", year=cur), 2, kind="persons"),
        Column("cost_base", t("unit.col_kr", label=t("drivers.col_cost", year=base)), 0, kind="dkk", total=True),
        Column("cost_current", t("unit.col_kr", label=t("drivers.col_cost", year=cur)), 0, kind="dkk", total=True),
        Column("change_dkk", t("unit.col_kr", label=t("drivers.col_change")), 0, kind="dkk",
               formula="{cost_current}-{cost_base}", total=True),
        Column("unit_price_base", t("unit.col_kr", label=t("drivers.col_unit_price", year=base)), 0, kind="price"),
        Column("unit_price_current", t("unit.col_kr", label=t("drivers.col_unit_price", year=cur)), 0, kind="price"),
    )
    export = changes.with_columns(provider_type_text=_provider_type_text(changes))
    table = _display(export.filter(pl.col("provider").is_in(shown["provider"].to_list())), columns)
    return DriversView(
        "ok", kpis=tuple(kpis), headline=headline, method_note=t("drivers.providers_method", y0=base, y1=cur),
        charts={"types": type_chart, "tariff": tariff},
        chart_titles={"types": t("drivers.types_title", prices=prices),
                      "tariff": t("drivers.tariff_title", provider=provider, prices=prices)},
        options={"provider": names}, chosen={"provider": provider},
        tables={"providers": table},
        exports=(Export(export, columns, t("drivers.providers_export_title", y0=base, y1=cur),
                        f"udgiftsdrivere_leverandoerer_{base}_{cur}"),),
        suppressed_note=note([changes, types]) or (t("suppress.note") if provider in hidden or few_points else None),
        **common)


def _display(frame: pl.DataFrame, columns: tuple[Column, ...]) -> pl.DataFrame:
    """The on-screen table: amounts in mio. kr. (dkk), t.kr. (price), HÅP with one decimal, shares in %;
    in rows analysis.suppression hid, the figures say '<5' or 'skjult' (present.suppression.cells)."""
    out = {}
    for c in columns:
        flag = {"small_flag": c.small_flag}
        if c.kind == "dkk":
            out[c.header.replace("(kr.)", "(mio. kr.)")] = cells(
                frame, c.name, lambda v: fmt_dkk(v, unit="mio", decimals=1).replace(" mio. kr.", ""), **flag)
        elif c.kind == "price":
            out[c.header.replace("(kr.)", "(t.kr.)")] = cells(
                frame, c.name, lambda v: fmt_dkk(v, unit="tkr", decimals=0).replace(" t.kr.", ""), **flag)
        elif c.kind == "persons":
            out[c.header] = cells(frame, c.name, fmt_persons, **flag)
        elif c.kind == "pct":
            out[c.header] = cells(frame, c.name, fmt_pct, empty=fmt_pct(None), **flag)
        elif c.kind == "count":
            out[c.header] = cells(frame, c.name, fmt_number, empty=fmt_number(None), **flag)
        else:
            out[c.header] = [str(v) if v is not None else "–" for v in frame[c.name].to_list()]
    return pl.DataFrame(out, schema={k: pl.String for k in out})


# --- price against need ------------------------------------------------------------------------------

def _price(data, context, choices, years, factors, prices, common) -> DriversView:
    cur = choices.comparison_year
    measures = _scaled(data.price_need, ["tariff_dkk_per_day", "median_dkk_per_day", "cost_dkk"], factors, year=cur)
    gaps = dr.price_gaps(measures)
    rooms = dr.provider_price_gaps(gaps)
    dist = dr.price_distribution(gaps)
    compared = gaps.filter(pl.col("compared"))
    if choices.suppress_small:
        # the KPIs are the totals of both tables: the secondary rule runs over each whole table
        rooms = suppress(rooms.join(dr.distinct_citizens(compared, ["provider"]), on="provider", how="left"),
                         "citizens", ["measures", "measures_above", "cost_dkk", "cost_at_median_dkk",
                                      "above_median_dkk"])
        dist = suppress(dist.join(dr.distinct_citizens(compared, ["offer_type", "level"]), on=["offer_type", "level"],
                                  how="left"),
                        "citizens", ["measures", "p10_dkk_per_day", "p25_dkk_per_day", "median_dkk_per_day",
                                     "p75_dkk_per_day", "p90_dkk_per_day"])
    above = compared.filter(pl.col("above_median_dkk") > 0)
    room = float(above["above_median_dkk"].sum())
    kpis = (
        Kpi(t("drivers.kpi_above", year=cur), f"{fmt_number(above.height)} / {fmt_number(compared.height)}",
            help=t("drivers.help_above")),
        Kpi(t("common.kpi_mio", label=t("drivers.kpi_room", year=cur)), fmt_mio_number(room), help=t("drivers.help_room")),
        Kpi(t("drivers.kpi_not_compared"), fmt_number(gaps.height - compared.height),
            help=t("drivers.help_not_compared")),
    )
    headline = t("drivers.price_headline", above=fmt_number(above.height), total=fmt_number(compared.height),
                 year=cur, room=fmt_mio(room), prices=prices)
    named = rooms.filter(pl.col("above_median_dkk").is_not_null())      # never a hidden provider
    if named.height and named["above_median_dkk"][0] > 0:
        top = named.row(0, named=True)
        headline += " " + t("drivers.price_top", provider=top["provider"], room=fmt_mio(top["above_median_dkk"]))
    offer_types = tuple(dist.group_by("offer_type").agg(pl.col("measures").sum())
                        .sort(["measures", "offer_type"], descending=[True, False])["offer_type"].to_list())
    offer = choices.offer_type if choices.offer_type in offer_types else (offer_types[0] if offer_types else "")
    # a chart never plots a hidden cell
    chart = (dist.filter(pl.col("offer_type") == offer, pl.col("measures").is_not_null())
             .with_columns(level_label=pl.col("level").replace_strict({c: _level_label(c) for c in LEVEL_ORDER},
                                                                      return_dtype=pl.String)))
    columns = (
        Column("provider", t("drivers.col_provider")),
        Column("provider_type_text", t("drivers.col_provider_type")),
        Column("measures", t("drivers.col_measures"), kind="count"),
        Column("measures_above", t("drivers.col_measures_above"), kind="count"),
        Column("cost_dkk", t("unit.col_kr", label=t("drivers.col_cost", year=cur)), 0, kind="dkk"),
        Column("cost_at_median_dkk", t("unit.col_kr", label=t("drivers.col_cost_at_median")), 0, kind="dkk"),
        Column("above_median_dkk", t("unit.col_kr", label=t("drivers.col_room")), 0, kind="dkk"),
    )
    export = rooms.with_columns(provider_type_text=_provider_type_text(rooms))
    dist_columns = (
        Column("offer_type", t("drivers.col_offer_type")), Column("level_label", t("drivers.col_level")),
        Column("measures", t("drivers.col_measures"), kind="count"),
        Column("p10_dkk_per_day", t("drivers.col_p10"), 0), Column("p25_dkk_per_day", t("drivers.col_p25"), 0),
        Column("median_dkk_per_day", t("drivers.col_median"), 0),
        Column("p75_dkk_per_day", t("drivers.col_p75"), 0), Column("p90_dkk_per_day", t("drivers.col_p90"), 0),
    )
    dist_export = dist.with_columns(level_label=pl.col("level").replace_strict(
        {c: _level_label(c) for c in LEVEL_ORDER}, return_dtype=pl.String))
    return DriversView(
        "ok", kpis=kpis, headline=headline, method_note=t("drivers.price_method", year=cur),
        charts={"distribution": chart},
        chart_titles={"distribution": t("drivers.distribution_title", offer=offer, year=cur, prices=prices)},
        options={"offer_type": offer_types}, chosen={"offer_type": offer},
        tables={"rooms": _display(export, columns)},
        exports=(Export(export, columns, t("drivers.rooms_export_title", year=cur), f"udgiftsdrivere_pris_{cur}"),
                 Export(dist_export, dist_columns, t("drivers.distribution_export_title", year=cur),
                        f"udgiftsdrivere_prisfordeling_{cur}")),
        suppressed_note=note([rooms, dist]),
        **common)


# --- concentration -----------------------------------------------------------------------------------

def _concentration(data, context, choices, years, factors, prices, common) -> DriversView:
    base, cur = choices.base_year, choices.comparison_year
    cy = _scaled(data.citizen_year.filter(pl.col("year").is_in(years)), ["cost_dkk"], factors)
    conc = dr.concentration(cy)
    growth = dr.growth_concentration(conc, base, cur)
    suppress_small = choices.suppress_small
    if suppress_small:
        # the costliest k citizens' cost is hidden when k < 5 (each row on its own: its total is beside it)
        conc = suppress(conc, "top_citizens", ["top_cost_dkk", "cost_share"], within=["year", "top_share"])
    now = conc.filter(pl.col("year") == cur)
    kpis = [Kpi(t("drivers.kpi_top_share", share=fmt_pct(r["top_share"], 0), year=cur),
                fmt_pct(r["cost_share"]) if r["cost_share"] is not None else hidden_text(True),
                help=t("drivers.help_top_share", citizens=fmt_number(r["top_citizens"]) if r["top_citizens"] is not None
                       else hidden_text(True), all=fmt_number(r["citizens"])))
            for r in now.iter_rows(named=True)]
    costs_now = cy.filter(pl.col("year") == cur)["cost_dkk"].to_list()
    kpis.append(Kpi(t("drivers.kpi_gini", year=cur), fmt_number(dr.gini(costs_now), 2), help=t("drivers.help_gini")))
    head = now.filter(pl.col("top_share") == HEADLINE_SHARE).row(0, named=True)
    g = growth.filter(pl.col("top_share") == HEADLINE_SHARE).row(0, named=True)
    head_hidden = suppress_small and (g["top_change_dkk"] is None or any(
        r[SUPPRESSED] for r in conc.filter(pl.col("top_share") == HEADLINE_SHARE, pl.col("year").is_in([base, cur]))
        .iter_rows(named=True)))
    headline = t("drivers.concentration_headline_hidden", share=fmt_pct(HEADLINE_SHARE, 0), year=cur) if head_hidden \
        else t("drivers.concentration_headline", share=fmt_pct(HEADLINE_SHARE, 0), citizens=fmt_number(head["top_citizens"]),
                 cost_share=fmt_pct(head["cost_share"]), year=cur, top_change=fmt_signed_dkk(g["top_change_dkk"], unit="mio"),
                 y0=base, all_change=fmt_signed_dkk(g["total_change_dkk"], unit="mio"), prices=prices)
    thresholds = dr.threshold_counts(cy)
    if suppress_small:
        thresholds = suppress_nested(thresholds, "citizens", ["cost_dkk"], ["year"], "threshold_dkk")
    threshold_chart = thresholds.with_columns(
        label=pl.col("threshold_dkk").replace_strict({v: t("drivers.threshold", value=fmt_number(v / 1e6))
                                                      for v in dr.COST_THRESHOLDS_DKK}, return_dtype=pl.String))
    # the Lorenz curve has a point per citizen: not drawn for a user whose small counts are hidden
    lorenz = None if suppress_small else pl.concat([dr.lorenz_curve(cy.filter(pl.col("year") == y)["cost_dkk"].to_list())
                                                   .with_columns(year=pl.lit(y)) for y in (base, cur)])
    conc_columns = (
        Column("year", t("common.year")), Column("top_share", t("drivers.col_top_share"), 2, kind="pct"),
        Column("citizens", t("drivers.col_citizens"), kind="count"),
        Column("top_citizens", t("drivers.col_top_citizens"), kind="count"),
        Column("top_cost_dkk", t("unit.col_kr", label=t("drivers.col_top_cost")), 0, kind="dkk"),
        Column("total_cost_dkk", t("unit.col_kr", label=t("drivers.col_all_cost")), 0, kind="dkk"),
        Column("cost_share", t("drivers.col_cost_share"), 4, kind="pct"),
    )
    threshold_columns = (
        Column("year", t("common.year")), Column("label", t("drivers.col_threshold")),
        Column("citizens", t("drivers.col_citizens"), kind="count"),
        Column("cost_dkk", t("unit.col_kr", label=t("drivers.col_cost_plain")), 0, kind="dkk"),
    )
    return DriversView(
        "ok", kpis=tuple(kpis), headline=headline, method_note=t("drivers.concentration_method"),
        charts={"thresholds": threshold_chart} | ({"lorenz": lorenz} if lorenz is not None else {}),
        chart_titles={"thresholds": t("drivers.thresholds_title", prices=prices),
                      "lorenz": t("drivers.lorenz_title", y0=base, y1=cur)},
        tables={"concentration": _display(conc.sort("year", "top_share", descending=[True, False]), conc_columns)},
        exports=(Export(conc, conc_columns, t("drivers.concentration_export_title"), "udgiftsdrivere_koncentration"),
                 Export(threshold_chart, threshold_columns, t("drivers.thresholds_title", prices=prices),
                        "udgiftsdrivere_dyre_borgere")),
        suppressed_note=" ".join(filter(None, (t("drivers.lorenz_hidden"), note([conc, thresholds]))))
        if suppress_small else None,
        **common)


# --- citizens in and out -----------------------------------------------------------------------------

def _flow(data, context, choices, years, factors, prices, common) -> DriversView:
    base, cur = choices.base_year, choices.comparison_year
    cy = _scaled(data.citizen_year.filter(pl.col("year").is_in(years)), ["cost_dkk"], factors)
    flow = dr.citizen_flow(cy, base, cur)
    by_year = dr.flow_by_year(data.flow_month.filter(pl.col("year").is_in(years)))
    flags = {"started": None, "ended": None, "net": None}
    if choices.suppress_small:
        by_year = by_year.join(data.flow_citizens.with_columns(pl.col("year").cast(by_year.schema["year"])),
                               on="year", how="left", maintain_order="left")
        # a year's started (ended) measures of fewer than 5 citizens say '<5', with the mean duration of the
        # ended ones and the net; the rest of the year is shown (each figure is of its own citizens)
        few = lambda c: pl.col(c).is_between(1, SUPPRESSION_THRESHOLD - 1).fill_null(True)  # noqa: E731
        by_year = by_year.with_columns(few("started_citizens").alias("started_small"),
                                       few("ended_citizens").alias("ended_small")).with_columns(
            (pl.col("started_small") | pl.col("ended_small")).alias("net_small"))
        by_year = by_year.with_columns(
            *[pl.when(pl.col(f"{k}_small")).then(None).otherwise(pl.col(c)).alias(c) for k, c in
              (("started", "started_measures"), ("ended", "ended_measures"), ("ended", "mean_duration_days"),
               ("net", "net_measures"))])
        flags = {k: f"{k}_small" for k in flags}
    ended_cur = by_year.filter(pl.col("year") == cur)
    mean_days = ended_cur["mean_duration_days"].first() if ended_cur.height else None
    duration_hidden = bool(choices.suppress_small and ended_cur.height and ended_cur["ended_small"].first())
    days_cur = (date(cur, 12, 31) - date(cur, 1, 1)).days + 1
    days_base = (date(base, 12, 31) - date(base, 1, 1)).days + 1
    # new, gone and continuing citizens add up to the change between the shown totals: one group
    groups = pl.DataFrame({"part": ["new", "left", "continuing"],
                           "citizens": [flow.new_citizens, flow.left_citizens, flow.continuing_citizens],
                           "value_dkk": [flow.new_cost_dkk, -flow.left_cost_dkk, flow.continuing_change_dkk],
                           "hap": [flow.new_person_days / days_cur, flow.left_person_days / days_base, None]})
    if choices.suppress_small:
        groups = suppress(groups, "citizens", ["value_dkk", "hap"])
    part = {r["part"]: r for r in groups.iter_rows(named=True)}
    hidden = {k for k, r in part.items() if r.get(SUPPRESSED)}

    def count(key: str) -> str:
        return hidden_text(part[key][SMALL]) if key in hidden else fmt_number(part[key]["citizens"])

    def cost(key: str, value: float) -> str:
        return hidden_text(part[key][SMALL]) if key in hidden else fmt_mio(value)

    def hap(key: str) -> str:
        return hidden_text(part[key][SMALL]) if key in hidden else fmt_persons(part[key]["hap"])

    kpis = (
        Kpi(t("drivers.kpi_new", y0=base, y1=cur), count("new"),
            help=t("drivers.help_new", hap=hap("new"), year=cur)),
        Kpi(t("drivers.kpi_left", y0=base, y1=cur), count("left"),
            help=t("drivers.help_left", hap=hap("left"), year=base)),
        Kpi(t("drivers.kpi_continuing"), count("continuing")),
        Kpi(t("drivers.kpi_duration", year=cur), hidden_text(True) if duration_hidden else
            t("drivers.days", value=fmt_number(mean_days)) if mean_days is not None else "–",
            help=t("drivers.help_duration")),
    )
    headline = t("drivers.flow_headline", y0=base, y1=cur, total=fmt_signed_dkk(flow.total_change_dkk, unit="mio"),
                 new=count("new"), new_cost=cost("new", flow.new_cost_dkk),
                 left=count("left"), left_cost=cost("left", flow.left_cost_dkk),
                 cont=hidden_text(part["continuing"][SMALL]) if "continuing" in hidden
                 else fmt_signed_dkk(flow.continuing_change_dkk, unit="mio"), prices=prices)
    labels = {"new": t("drivers.step_new"), "left": t("drivers.step_left"), "continuing": t("drivers.step_continuing")}
    middle = [(labels[k], part[k]["value_dkk"]) for k in ("new", "left", "continuing") if k not in hidden]
    if hidden:
        # the hidden parts are one bar together (at least 5 citizens), so the waterfall still adds up
        middle.append((t("drivers.step_hidden"), sum(v for k, v in zip(("new", "left", "continuing"),
                       (flow.new_cost_dkk, -flow.left_cost_dkk, flow.continuing_change_dkk)) if k in hidden)))
    steps = pl.DataFrame({
        "label": [t("drivers.step_base", year=base)] + [m[0] for m in middle] + [t("drivers.step_current", year=cur)],
        "value_dkk": [flow.base_cost_dkk] + [m[1] for m in middle] + [flow.comparison_cost_dkk],
        "measure": ["absolute"] + ["relative"] * len(middle) + ["total"],
    })
    changes = dr.level_changes(cy, base, cur)
    direction = changes.group_by("direction").agg(pl.col("citizens").sum())
    counts = dict(zip(direction["direction"].to_list(), direction["citizens"].to_list()))
    if choices.suppress_small:
        # the note shows each direction's total: the rule runs within each direction
        changes = suppress(changes, "citizens", [], within=["direction"])

    def direction_count(d: str) -> str:
        n = counts.get(d, 0)
        return hidden_text(True) if choices.suppress_small and 0 < n < SUPPRESSION_THRESHOLD else fmt_number(n)

    level_note = t("drivers.level_note", y0=base, y1=cur, up=direction_count("op"), down=direction_count("ned"),
                   same=direction_count("samme"))
    moves = dr.offer_type_changes(cy, base, cur)
    moved = int(moves["citizens"].sum())
    if choices.suppress_small:
        # the note gives the total of moved citizens: the secondary rule keeps it from giving a hidden pair back
        moves = suppress(moves, "citizens", ["cost_base_dkk", "cost_current_dkk", "change_dkk"])
    top = moves.row(0, named=True) if moves.height else None
    if top is None:
        offer_note = t("drivers.offer_note_none")
    elif top.get(SUPPRESSED):
        offer_note = t("drivers.offer_note_hidden", n=hidden_text(True) if moved < SUPPRESSION_THRESHOLD
                       else fmt_number(moved))
    else:
        offer_note = t("drivers.offer_note", n=fmt_number(moved), from_type=top["from_offer_type"],
                       to_type=top["to_offer_type"], count=fmt_number(top["citizens"]),
                       change=fmt_signed_dkk(top["change_dkk"], unit="mio"))
    level_labels = {c: _level_label(c) for c in LEVEL_ORDER}
    level_table = changes.with_columns(
        pl.col("from_level").replace_strict(level_labels, return_dtype=pl.String).alias("from_text"),
        pl.col("to_level").replace_strict(level_labels, return_dtype=pl.String).alias("to_text"),
        pl.col("direction").replace_strict({d: t(f"drivers.direction.{d}") for d in ("op", "ned", "samme", "ukendt")},
                                           return_dtype=pl.String).alias("direction_text"))
    level_columns = (Column("from_text", t("drivers.col_level_year", year=base)),
                     Column("to_text", t("drivers.col_level_year", year=cur)),
                     Column("direction_text", t("drivers.col_direction")),
                     Column("citizens", t("drivers.col_citizens"), kind="count"))
    offer_columns = (Column("from_offer_type", t("drivers.col_offer_type_year", year=base)),
                     Column("to_offer_type", t("drivers.col_offer_type_year", year=cur)),
                     Column("citizens", t("drivers.col_citizens"), kind="count"),
                     Column("cost_base_dkk", t("unit.col_kr", label=t("drivers.col_cost", year=base)), 0, kind="dkk"),
                     Column("cost_current_dkk", t("unit.col_kr", label=t("drivers.col_cost", year=cur)), 0, kind="dkk"),
                     Column("change_dkk", t("unit.col_kr", label=t("drivers.col_change")), 0, kind="dkk"))
    step_columns = (Column("label", t("drivers.col_step")),
                    Column("value_dkk", t("unit.col_kr", label=t("drivers.col_amount")), 0, kind="dkk"))
    year_columns = (Column("year", t("common.year")),
                    Column("started_measures", t("drivers.col_started"), kind="count", small_flag=flags["started"]),
                    Column("ended_measures", t("drivers.col_ended"), kind="count", small_flag=flags["ended"]),
                    Column("net_measures", t("drivers.col_net"), kind="count", small_flag=flags["net"]),
                    Column("mean_duration_days", t("drivers.col_duration"), 0, small_flag=flags["ended"]))
    measures_hidden = bool(choices.suppress_small and by_year["net_small"].any())
    return DriversView(
        "ok", kpis=kpis, headline=headline, method_note=" ".join((t("drivers.flow_method"), level_note, offer_note)),
        charts={"waterfall": steps, "measures": by_year},
        chart_titles={"waterfall": t("drivers.flow_title", y0=base, y1=cur, prices=prices),
                      "measures": t("drivers.measures_title")},
        tables={"levels": _display(level_table, level_columns), "offer_types": _display(moves, offer_columns)},
        exports=(Export(steps, step_columns, t("drivers.flow_title", y0=base, y1=cur, prices=prices),
                        f"udgiftsdrivere_tilgang_{base}_{cur}"),
                 Export(by_year, year_columns, t("drivers.measures_title"), "udgiftsdrivere_foranstaltninger"),
                 Export(level_table, level_columns, t("drivers.levels_title", y0=base, y1=cur),
                        f"udgiftsdrivere_niveauskift_{base}_{cur}"),
                 Export(moves, offer_columns, t("drivers.offer_types_title", y0=base, y1=cur, prices=prices),
                        f"udgiftsdrivere_tilbudsskift_{base}_{cur}")),
        suppressed_note=note([groups, changes, moves]) or (t("suppress.note") if measures_hidden else None),
        **common)


# --- transitions to adulthood ------------------------------------------------------------------------

def _transitions(data, context, choices, years, factors, prices, common) -> DriversView:
    """Citizens who turned 18 with measures in the children's area before and in the adults' area after, per
    year, and their adults' cost the year after (in the sidebar's prices: each cost in its own year's factor)."""
    cur = choices.comparison_year
    cohort = cur - 1                     # turned 18 the year before the comparison year: their first whole adult year
    factor = lambda shift: (pl.col("year_18") + shift).replace_strict(factors, default=1.0,  # noqa: E731
                                                                      return_dtype=pl.Float64)
    rows = data.transitions.with_columns(pl.col("adult_cost_next_dkk") * factor(1),
                                         pl.col("child_cost_before_dkk") * factor(-1))
    table = dr.transitions(rows, [y for y in years if y <= cur])
    hide = choices.suppress_small
    small = lambda c: pl.col(c).is_between(1, SUPPRESSION_THRESHOLD - 1).fill_null(False)  # noqa: E731
    if hide:
        # each year's row is its own group (no total over the years is shown): a year of fewer than 5 young
        # people is hidden, and in a shown year the adults' cost of fewer than 5 of them, or the children's
        # cost of fewer than 5, says '<5'
        table = suppress(table, "citizens", ["child_cost_before_dkk", "adult_citizens_next", "adult_cost_next_dkk",
                                             "cost_per_citizen_next_dkk", "child_citizens_before"], within=["year_18"])
        table = table.with_columns(small("adult_citizens_next").alias("adult_small"),
                                   small("child_citizens_before").alias("child_small"))
        table = table.with_columns(
            *[pl.when(pl.col("adult_small")).then(None).otherwise(pl.col(c)).alias(c)
              for c in ("adult_citizens_next", "adult_cost_next_dkk", "cost_per_citizen_next_dkk")],
            pl.when(pl.col("child_small")).then(None).otherwise(pl.col("child_cost_before_dkk"))
            .alias("child_cost_before_dkk"))
    else:
        table = table.with_columns(pl.lit(False).alias(SUPPRESSED), pl.lit(False).alias("adult_small"))
    row = table.filter(pl.col("year_18") == cohort).row(0, named=True)
    before = table.filter(pl.col("year_18") == cohort - 1)
    n, cost, with_cost = row["citizens"], row["adult_cost_next_dkk"], row["adult_citizens_next"]
    n_hidden, next_hidden = row[SUPPRESSED], row[SUPPRESSED] or row["adult_small"]
    n_before = before["citizens"][0] if before.height else None
    small_text = hidden_text(True)
    kpis = (
        Kpi(t("drivers.kpi_transitions", year=cohort), small_text if n_hidden else fmt_number(n),
            delta=(("+" if n > n_before else "") + fmt_number(n - n_before) + " " + t("drivers.since", year=cohort - 1))
            if n_before is not None and not n_hidden and not before[SUPPRESSED][0] else None,
            help=t("drivers.help_transitions")),
        Kpi(t("drivers.kpi_transition_with_cost", year=cur), small_text if next_hidden else fmt_number(with_cost)),
        Kpi(t("common.kpi_mio", label=t("drivers.kpi_transition_cost", year=cur)),
            small_text if next_hidden else fmt_mio_number(cost)),
        Kpi(t("drivers.kpi_transition_per_citizen", year=cur),
            small_text if next_hidden else
            fmt_dkk(row["cost_per_citizen_next_dkk"], unit="tkr", decimals=0).replace(" t.kr.", "")
            if row["cost_per_citizen_next_dkk"] is not None else "–"),
    )
    if n == 0:
        headline = t("drivers.transition_headline_none", year=cohort)
    elif n_hidden:
        headline = t("drivers.transition_headline_hidden", year=cohort)
    elif next_hidden:
        headline = t("drivers.transition_headline_next_hidden", n=fmt_number(n), year=cohort, next=cur)
    else:
        headline = t("drivers.transition_headline", n=fmt_number(n), year=cohort, next=cur, cost=fmt_mio(cost),
                     with_cost=fmt_number(with_cost), prices=prices)
    flags = {"adult": "adult_small" if hide else None, "child": "child_small" if hide else None}
    columns = (Column("year_18", t("drivers.col_year_18")),
               Column("citizens", t("drivers.col_transitions"), kind="count"),
               Column("child_cost_before_dkk", t("unit.col_kr", label=t("drivers.col_child_cost_before")), 0, kind="dkk",
                      small_flag=flags["child"]),
               Column("adult_citizens_next", t("drivers.col_adult_citizens_next"), kind="count",
                      small_flag=flags["adult"]),
               Column("adult_cost_next_dkk", t("unit.col_kr", label=t("drivers.col_adult_cost_next")), 0, kind="dkk",
                      small_flag=flags["adult"]),
               Column("cost_per_citizen_next_dkk", t("unit.col_kr", label=t("drivers.col_per_citizen_next")), 0,
                      kind="price", small_flag=flags["adult"]))
    title = t("drivers.transitions_title", prices=prices)
    # the chart's bars: a hidden year has none, its label says '<5'
    chart = table.select("year_18", "citizens", "adult_cost_next_dkk",
                         label=pl.Series([small_text if h else fmt_number(v) for v, h in
                                          zip(table["citizens"].to_list(), table[SUPPRESSED].to_list())], dtype=pl.String))
    hidden_any = hide and bool(table[SUPPRESSED].any() or table["adult_small"].any() or table["child_small"].any())
    export = table if hide else table.drop(SUPPRESSED, "adult_small")
    if not hide:
        table = export
    return DriversView(
        "ok", kpis=kpis, headline=headline, method_note=t("drivers.transition_method"),
        charts={"transitions": chart},
        chart_titles={"transitions": title},
        tables={"transitions": _display(table.sort("year_18", descending=True), columns)},
        exports=(Export(export, columns, title, f"udgiftsdrivere_overgang_{years[0]}_{cur}"),),
        suppressed_note=t("suppress.note") if hidden_any else None,
        **common)
