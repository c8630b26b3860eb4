"""The Overblik page's words and its view builder: :func:`overview_view` turns the page's data
(dashboard.loaders.OverviewData) into KPI cards, the headline, the chart's series, the tables and the export
of the net expenditure per year. The page lays it out; the tests call the same function. Pure: no streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from analysis.overview import coverage, net_by_year, segment_changes, volume_by_segment_year, volume_by_year
from analysis.segments import DIMENSIONS, Dimension
from analysis.suppression import SMALL, SUPPRESSED, suppress
from analysis.trends import add_growth
from analysis.prices import MissingIndexError, PriceBase, to_price_base
from domain.codes import AGE_SEGMENTS, LEVEL_CODES, LEVEL_ORDER, REFUND_BASES
from i18n import t
from present import Kpi
from present.exports import Column
from present.suppression import cells, hidden_text, note
from ingest.values.cpr import mask_cpr
from present.formatting import (basis_prices, fmt_date, fmt_dkk, fmt_mio, fmt_mio_number, fmt_number, fmt_pct,
                                fmt_persons, fmt_values, kpi_label)


def headline(area_name: str, net: pl.DataFrame, price_label: str) -> str | None:
    """One sentence (current language of i18n) on the development between the first and last
    complete year, e.g. "Nettoudgiften til Voksne (5.38) steg fra 186,3 mio. kr. i 2019 til 209,2 mio. kr.
    i 2022 (+12,3 %, efter statsrefusion, faste 2024-priser)." (``price_label``: the basis and price base as
    present.formatting.basis_prices says them).
    """
    full = net.filter(pl.col("complete") & pl.col("net_dkk").is_not_null()).sort("year")
    if full.height < 2:
        return None
    first, last = full.row(0, named=True), full.row(-1, named=True)
    change = last["net_dkk"] / first["net_dkk"] - 1 if first["net_dkk"] else None
    verb = t("trend.verb_up") if last["net_dkk"] >= first["net_dkk"] else t("trend.verb_down")
    pct = f"{fmt_pct(change, signed=True)}, " if change is not None else ""
    return t("overview.headline", area=area_name, verb=verb, first=fmt_mio(first["net_dkk"]), y0=first["year"],
             last=fmt_mio(last["net_dkk"]), y1=last["year"], pct=pct, prices=price_label)


def unit_price_text(cost_dkk: float | None, persons: float | None) -> str:
    """Unit price = activity cost / full-year persons, as text (t.kr. per HÅP; Danish number format)."""
    if not cost_dkk or not persons:
        return "–"
    return t("unit.per_hap", value=fmt_dkk(cost_dkk / persons, unit="tkr"))




@dataclass(frozen=True)
class OverviewView:
    """Everything the Overblik page shows for the sidebar's choices. ``status`` is 'ok' or 'no_data'
    (nothing posted for the area: the page says so and stops); ``warning`` says that PL index years are
    missing (the figures are then in current prices)."""

    status: str
    warning: str | None = None
    price_label: str = ""
    basis: str = ""                          # the basis and price base: 'efter statsrefusion, løbende priser'
    series_name: str = ""                    # the chart's net series: 'Netto efter statsrefusion'
    net: pl.DataFrame | None = None          # analysis.overview.net_by_year + analysis.trends.add_growth, in the price base
    year: int | None = None                  # the latest complete year (else the latest year)
    kpis: tuple[Kpi, ...] = ()
    headline: str | None = None
    no_complete_years: str = ""
    chart_title: str = ""
    bar_labels: tuple[str, ...] = ()         # '2024', '2025*' (incomplete)
    bar_complete: tuple[bool, ...] = ()
    bar_texts: tuple[str, ...] = ()
    has_budget: bool = False
    y_top: float = 0.0                       # mio. kr.
    notes: str = ""                          # the incomplete years, for the chart's caption
    source: str = ""
    table: pl.DataFrame | None = None
    export_columns: tuple[Column, ...] = ()
    file_stem: str = ""
    history: pl.DataFrame | None = None      # the import history as text
    findings_table: pl.DataFrame | None = None   # data quality findings, one row each (None: no findings)
    coverage_table: pl.DataFrame | None = None
    coverage_suppressed: str | None = None    # the line saying that small counts are hidden (issue 22)
    # year by year: full-year persons, citizens and unit price next to the ledger (None without activity data)
    volume: pl.DataFrame | None = None       # analysis.overview.volume_by_year + net_dkk, in the price base
    volume_title: str = ""
    volume_sentence: str | None = None
    volume_chart: pl.DataFrame | None = None  # year label, series name, index (complete years)
    volume_table: pl.DataFrame | None = None
    volume_columns: tuple[Column, ...] = ()
    volume_file_stem: str = ""
    volume_suppressed: str | None = None


def overview_view(data, context, kind_labels: dict[str, str] | None = None, lang: str | None = None,
                  suppress_small: bool = False) -> OverviewView:
    """The Overblik page from ``data`` (dashboard.loaders.OverviewData) and the sidebar's ``context``
    (dashboard.sidebar.Filters: present.CONTEXT_ATTRIBUTES). ``kind_labels``: import kind -> label for the history table.

    KPIs of the latest complete year: net on the sidebar's refund basis (after state refunds by default), its
    change from the year before, HÅP, unit price (activity cost / HÅP) and coverage (activity cost / ledger
    before refunds on the functions and year).

    ``suppress_small`` (a user without citizen-level access, issue 22): a year of fewer than 5 citizens
    shows '<5' for its citizens, HÅP, unit price and activity cost (KPIs, table, chart, export), and a
    function's coverage in a year is hidden by analysis.suppression's rule within the year."""
    ledger, hap, ledger_fy = data.ledger, data.hap, data.ledger_fy
    price_base = context.price_base
    refund_basis = context.refund_basis
    dransts = REFUND_BASES[refund_basis]
    warning = None
    try:
        net = to_price_base(net_by_year(ledger, dransts), ["net_dkk", "budget_dkk", "budget_original_dkk"],
                            context.pl_index, price_base)
        hap_year = to_price_base(hap.group_by("year").agg(pl.col("full_year_persons").sum(), pl.col("cost_dkk").sum(),
                                                          pl.col("is_partial_year").any()),
                                 ["cost_dkk"], context.pl_index, price_base)
        price_label = context.price_label
    except MissingIndexError as exc:
        warning = t("status.pl_missing_years", lang, years=", ".join(map(str, exc.years)))
        price_base = PriceBase(None)
        net = net_by_year(ledger, dransts)
        hap_year = hap.group_by("year").agg(pl.col("full_year_persons").sum(), pl.col("cost_dkk").sum(),
                                            pl.col("is_partial_year").any())
        price_label = t("sidebar.prices_current", lang)
    # growth only between consecutive complete years: an incomplete year never gets a rate against a full one
    net = add_growth(net).with_columns(budget_gap_dkk=pl.col("net_dkk") - pl.col("budget_dkk"))
    if net.is_empty() or net["net_dkk"].is_null().all():
        return OverviewView("no_data", warning=warning, price_label=price_label)

    complete = net.filter(pl.col("complete"))
    latest = (complete if not complete.is_empty() else net).row(-1, named=True)
    year = latest["year"]
    cov = coverage(ledger_fy, hap.rename({"segment": "function_code"}))  # hap is split by function
    cov_year = cov.filter(pl.col("year") == year)
    ledger_total = cov_year["amount_dkk"].sum()
    coverage_share = cov_year["cost_dkk"].fill_null(0).sum() / ledger_total if ledger_total else None
    citizens = getattr(data, "citizens", None)
    hidden_years: set[int] = set()
    if suppress_small:
        # the cost of a function in a year is its coverage x its ledger amount: hidden where few citizens
        # (a function with ledger amounts only has no citizens, and its coverage of 0 describes no one)
        cov = suppress(cov.join(hap.select("year", function_code="segment", citizens="citizens"),
                                on=["function_code", "year"], how="left")
                       .with_columns(pl.col("citizens").fill_null(0)),
                       "citizens", ["coverage", "cost_dkk"], within=["year"])
        if citizens is not None:
            # one year's figures are not a part of a shown total: each year is its own group
            hidden = suppress(citizens, "citizens", [], within=["year"])
            hidden_years = set(hidden.filter(pl.col(SUPPRESSED))["year"].to_list())
    if year in hidden_years:
        coverage_share = None
    persons_row = hap_year.filter(pl.col("year") == year)
    persons = persons_row["full_year_persons"].sum() if not persons_row.is_empty() else None
    activity_cost = persons_row["cost_dkk"].sum() if not persons_row.is_empty() else None
    not_loaded = t("status.not_loaded", lang)
    if year in hidden_years:
        persons = activity_cost = None
        not_loaded = t("suppress.small", lang)
    # every amount's label says its basis and price base (the unit price is activity cost: prices only)
    change_label = kpi_label(t("overview.kpi_change", lang, prev=year - 1, year=year), refund_basis, price_label, lang)
    kpis = (
        # amounts in mio. kr. carry the unit in the label so that five cards fit side by side at 1600 px
        Kpi(t("common.kpi_mio", lang, label=kpi_label(t("overview.kpi_net", lang, year=year), refund_basis,
                                                      price_label, lang)), fmt_mio_number(latest["net_dkk"])),
        Kpi(change_label, fmt_pct(latest["change_pct"], signed=True), fmt_dkk(latest["change_dkk"], unit="mio"))
        if latest["change_pct"] is not None else Kpi(change_label, "–"),
        Kpi(t("overview.kpi_persons", lang, year=year), fmt_persons(persons) if persons else not_loaded),
        Kpi(kpi_label(t("overview.kpi_unit_price", lang, year=year), None, price_label, lang),
            fmt_dkk(activity_cost / persons, unit="tkr") if persons else not_loaded,
            help=t("overview.help_unit_price", lang)),
        Kpi(t("overview.kpi_coverage", lang, year=year),
            fmt_pct(coverage_share) if coverage_share is not None else not_loaded, help=t("overview.help_coverage", lang)),
    )

    years = net["year"].to_list()
    complete_flags = net["complete"].to_list()
    top = max([v for v in net["net_dkk"].to_list() + net["budget_dkk"].to_list() if v is not None] or [0]) / 1e6
    incomplete = net.filter(~pl.col("complete"))
    notes = [f"{r['year']}*: {t('status.incomplete_year', lang, months=r['months'] or 0)}"
             for r in incomplete.iter_rows(named=True)]
    table = net.select(
        pl.col("year").alias(t("col.year", lang)),
        fmt_values(net["net_dkk"], fmt_mio).alias(t("col.net_expenditure", lang)),
        fmt_values(net["change_pct"], lambda v: fmt_pct(v, signed=True))
        .fill_null("–").alias(t("col.change", lang)),
        fmt_values(net["budget_dkk"], fmt_mio)
        .fill_null(t("status.budget_not_loaded", lang)).alias(t("col.budget_corrected", lang)),
        pl.col("months").alias(t("col.months_with_actuals", lang)),
    )
    net_header = t(f"overview.net_{refund_basis}", lang)
    export_columns = (
        Column("year", t("col.year", lang)),
        Column("net_dkk", t("unit.col_kr", lang, label=net_header), 2),
        Column("change_pct", t("col.change", lang), 4, kind="pct"),
        Column("budget_dkk", t("unit.col_kr", lang, label=t("col.budget_corrected", lang)), 2),
        Column("budget_original_dkk", t("unit.col_kr", lang, label=t("kind.budget_original", lang)), 2),
        # Excel recomputes it from the row's cells
        Column("budget_gap_dkk", t("unit.col_kr", lang, label=t("overview.col_budget_gap", lang)), 2,
               formula="{net_dkk}-{budget_dkk}"),
        Column("months", t("col.months_with_actuals", lang)),
    )

    history = data.history
    kinds = kind_labels or {k: k for k in set(history["kind"].to_list())}
    history_table = history.select(
        pl.col("kind").replace_strict(kinds, return_dtype=pl.String).alias(t("col.type", lang)),
        fmt_values(history["file_name"], mask_cpr).alias(t("col.file", lang)),
        fmt_values(history["rows_loaded"], fmt_number).alias(t("col.rows", lang)),
        pl.format("{}-{}", "first_year", "last_year").alias(t("col.period", lang)),
        fmt_values(history["finished_at"], fmt_date).alias(t("col.imported", lang)),
    )
    # one row per finding, as a table (a screen reader reads its columns; a Markdown list it reads as prose)
    found = data.findings
    extent = {"measures_without_level": lambda r: fmt_number(r["count"]),
              "cost_without_activity": lambda r: fmt_mio(r["amount_dkk"])}
    findings_table = None
    if not found.is_empty():
        rows = list(found.iter_rows(named=True))
        findings_table = pl.DataFrame({
            t("overview.col_check", lang): [t("quality." + r["check_name"], lang) for r in rows],
            t("col.function", lang): [r["function_code"] or "–" for r in rows],
            t("col.year", lang): [str(r["year"]) if r["year"] is not None else "–" for r in rows],
            t("overview.col_extent", lang): [extent[r["check_name"]](r) if r["check_name"] in extent else "–"
                                             for r in rows],
        })
    coverage_table = None
    if not cov.is_empty():
        coverage_table = (cov.with_columns(pl.Series("coverage", cells(cov, "coverage", lambda v: fmt_pct(v, decimals=0),
                                                                       lang=lang), dtype=pl.String))
                          .pivot(on="year", index="function_code", values="coverage", sort_columns=True)
                          .sort("function_code").rename({"function_code": t("col.function", lang)}))
    basis = basis_prices(refund_basis, price_label, lang)
    volume_parts = _volume(hap_year, citizens, net, refund_basis, price_label, lang, hidden_years)
    return OverviewView(
        "ok", warning=warning, price_label=price_label, basis=basis,
        series_name=t(f"overview.net_{refund_basis}", lang), net=net, year=year, kpis=kpis,
        headline=headline(context.area_name, net, basis),
        no_complete_years=t("overview.no_complete_years", lang),
        chart_title=t("overview.chart_title", lang, prices=basis),
        bar_labels=tuple(str(y) if c else f"{y}*" for y, c in zip(years, complete_flags)),
        bar_complete=tuple(complete_flags),
        bar_texts=tuple(fmt_mio_number(v) if v is not None else "" for v in net["net_dkk"].to_list()),
        has_budget=bool(net["budget_dkk"].is_not_null().any()), y_top=top, notes="; ".join(notes),
        source=t("overview.source_ledger", lang), table=table, export_columns=export_columns,
        file_stem=(f"nettoudgift_{context.area_code}_{context.from_year}-{context.to_year}_{refund_basis}-refusion_"
                   f"{price_base.url_value}"),
        history=history_table, findings_table=findings_table, coverage_table=coverage_table,
        coverage_suppressed=note([cov], lang),
        **volume_parts,
        volume_file_stem=(f"helaarspersoner_enhedspris_{context.area_code}_{context.from_year}-{context.to_year}_"
                          f"{refund_basis}-refusion_{price_base.url_value}"),
    )


def _volume(hap_year: pl.DataFrame, citizens: pl.DataFrame | None, net: pl.DataFrame, refund_basis: str,
            price_label: str, lang: str | None, hidden_years: set[int] = frozenset()) -> dict:
    """The year-by-year view of full-year persons, citizens and unit price with the ledger's net beside it
    (OverviewView's volume_* fields; empty without activity data). ``hidden_years``: years of fewer than 5
    citizens (issue 22): their activity figures are null (shown '<5') and the index starts at the first
    shown complete year, so no index reveals a hidden year."""
    if citizens is None or hap_year.is_empty():
        return {}
    shown = ~pl.col("year").is_in(list(hidden_years))
    volume = volume_by_year(hap_year.filter(shown), citizens.filter(shown))
    if hidden_years:
        hidden = (hap_year.filter(~shown).select("year", complete=~pl.col("is_partial_year").fill_null(False))
                  .with_columns(small=pl.lit(True), suppressed=pl.lit(True)))
        volume = (pl.concat([volume.with_columns(small=pl.lit(False), suppressed=pl.lit(False)), hidden],
                            how="diagonal_relaxed").sort("year"))
    volume = volume.join(net.select("year", "net_dkk"), on="year", how="left")
    prices = basis_prices(None, price_label, lang)
    names = {"full_year_persons": t("overview.vol_persons", lang), "citizens": t("overview.vol_citizens", lang),
             "unit_price_dkk": t("overview.vol_unit_price", lang)}
    full = volume.filter(pl.col("complete") & pl.col("year").is_in(list(hidden_years)).not_())
    chart = pl.DataFrame({
        "year": [str(y) for y in full["year"].to_list()] * 3,
        "series": [names[c] for c in names for _ in range(full.height)],
        "index": [v for c in names for v in full[f"{c}_index"].to_list()],
    }, schema={"year": pl.String, "series": pl.String, "index": pl.Float64})
    sentence = None
    if full.height >= 2:
        first, last = full.row(0, named=True), full.row(-1, named=True)

        def pct(col: str) -> str:
            return fmt_pct(last[col] / first[col] - 1, signed=True) if first[col] else "–"

        sentence = t("overview.vol_sentence", lang, y0=first["year"], y1=last["year"], persons=pct("full_year_persons"),
                     citizens=pct("citizens"), price=pct("unit_price_dkk"), prices=prices)
    year_label = [f"{y}" if c else f"{y}*" for y, c in zip(volume["year"].to_list(), volume["complete"].to_list())]
    net_header = t(f"overview.net_{refund_basis}", lang)
    table = pl.DataFrame({
        t("col.year", lang): year_label,
        names["full_year_persons"]: cells(volume, "full_year_persons", fmt_persons, lang=lang),
        names["citizens"]: cells(volume, "citizens", fmt_number, lang=lang),
        t("unit.col_tkr", lang, label=names["unit_price_dkk"]):
            cells(volume, "unit_price_dkk", lambda v: fmt_dkk(v, unit="tkr").removesuffix(" t.kr."), lang=lang),
        t("unit.col_mio", lang, label=t("overview.vol_activity_cost", lang)):
            cells(volume, "cost_dkk", fmt_mio_number, lang=lang),
        t("unit.col_mio", lang, label=net_header): [fmt_mio_number(v) if v is not None else "–"
                                                    for v in volume["net_dkk"].to_list()],
    })
    columns = (
        Column("year", t("col.year", lang)),
        Column("full_year_persons", names["full_year_persons"], 2),
        Column("citizens", names["citizens"], 0),
        Column("unit_price_dkk", t("unit.col_kr", lang, label=names["unit_price_dkk"]), 2),
        Column("cost_dkk", t("unit.col_kr", lang, label=t("overview.vol_activity_cost", lang)), 2),
        Column("net_dkk", t("unit.col_kr", lang, label=net_header), 2),
        Column("full_year_persons_index", t("overview.vol_index", lang, label=names["full_year_persons"]), 1),
        Column("citizens_index", t("overview.vol_index", lang, label=names["citizens"]), 1),
        Column("unit_price_dkk_index", t("overview.vol_index", lang, label=names["unit_price_dkk"]), 1),
    )
    return dict(volume=volume, volume_title=t("overview.vol_title", lang, prices=prices),
                volume_sentence=sentence, volume_chart=chart, volume_table=table, volume_columns=columns,
                volume_suppressed=note([volume], lang))


def overview_splits() -> tuple[str, ...]:
    """The URL values (opdeling=...) of the one-level segment splits, providers left to Udgiftsdrivere."""
    return tuple(k for k, d in DIMENSIONS.items() if not d.two_level and d.segment_column != "provider")


def split_label(split: str, lang: str | None = None) -> str:
    """The name of an Overblik split ('ingen' = no split)."""
    from present.decomposition import dimension_label

    return t("overview.seg_none", lang) if split == "ingen" else dimension_label(DIMENSIONS[split], lang)


#: a segment must hold this share of the last year's full-year persons to be named for its unit price
LARGE_SEGMENT_SHARE = 0.05


@dataclass(frozen=True)
class SegmentVolumeView:
    """Overblik's year-by-year view for one split: full-year persons and unit price per segment."""

    status: str                                  # ok | no_data | too_few_years
    dimension_name: str = ""
    heading: str = ""
    sentence: str | None = None
    lines: pl.DataFrame | None = None            # segment, label, year (text), full_year_persons, unit_price_tkr,
    #                                              rank (order of an ordered split, else null); complete years
    ordered: bool = False                        # levels and age groups: shade the lines by rank
    persons_title: str = ""
    price_title: str = ""
    table: pl.DataFrame | None = None            # one row per segment: first and last complete year and the change
    export: pl.DataFrame | None = None           # segment, label, year, complete, HÅP, citizens, cost, unit price
    export_columns: tuple[Column, ...] = ()
    export_title: str = ""
    file_stem: str = ""
    warning: str | None = None
    suppressed_note: str | None = None           # the line saying that small counts are hidden (issue 22)


def segment_volume_view(rows: pl.DataFrame, split: str, context, lang: str | None = None,
                        citizens: pl.DataFrame | None = None) -> SegmentVolumeView:
    """Full-year persons, citizens and unit price per segment of ``split`` (a key of overview_splits) year by
    year, from rows of queries/overview_hap_by_segment.sql for that split, in the sidebar's price base: two
    charts (HÅP and unit price per segment, complete years), a table of the first and last complete year per
    segment and the change, a sentence naming the segment whose HÅP changed most and (among segments with at
    least LARGE_SEGMENT_SHARE of the last year's HÅP) the one whose unit price changed most.

    ``citizens`` (year, segment, citizens: distinct, queries/overview_citizens_by_segment.sql), given for a user
    whose small counts are hidden (issue 22): a segment's year of fewer than 5 citizens is hidden by
    analysis.suppression's rule within the year (the year's total is on the page), left out of the charts
    and the sentence, and shows '<5' in the table and the export."""
    from present.decomposition import dimension_label, value_label

    dimension: Dimension = DIMENSIONS[split]
    name = dimension_label(dimension, lang)
    if rows.is_empty():
        return SegmentVolumeView("no_data", dimension_name=name)
    warning = None
    try:
        priced = to_price_base(rows, ["cost_dkk"], context.pl_index, context.price_base)
        price_label = context.price_label
    except MissingIndexError as exc:
        warning = t("status.pl_missing_years", lang, years=", ".join(map(str, exc.years)))
        priced, price_label = rows, t("sidebar.prices_current", lang)
    by_year = volume_by_segment_year(priced)
    labels = {v: value_label(dimension.segment_column, v, lang) for v in by_year["segment"].unique().to_list()}
    by_year = by_year.with_columns(pl.col("segment").replace_strict(labels, return_dtype=pl.String).alias("label"))
    if citizens is not None:
        by_year = suppress(by_year.join(citizens.select("year", "segment", distinct="citizens"), on=["year", "segment"],
                                        how="left").with_columns(pl.col("distinct").fill_null(0)),
                           "distinct", ["full_year_persons", "citizens", "cost_dkk", "unit_price_dkk"],
                           within=["year"]).drop("distinct")
    hidden = ({(r["segment"], r["year"]): r[SMALL] for r in by_year.filter(pl.col(SUPPRESSED)).iter_rows(named=True)}
              if citizens is not None else {})
    prices = basis_prices(None, price_label, lang)
    heading = t("overview.seg_heading", lang, dim=name.lower())
    changes = segment_changes(by_year)
    if changes.is_empty():
        return SegmentVolumeView("too_few_years", dimension_name=name, heading=heading, warning=warning)
    y0, y1 = changes["first_year"][0], changes["last_year"][0]
    changes = changes.with_columns(pl.col("segment").replace_strict(labels, return_dtype=pl.String).alias("label"))
    if dimension.is_need:       # levels and age groups in their own order, other splits by cost
        changes = changes.sort(pl.col("segment").replace_strict(LEVEL_ORDER, default=len(LEVEL_ORDER),
                                                                return_dtype=pl.Int64))
    elif dimension.segment_column == "age_group":
        changes = changes.sort(pl.col("segment") == "ukendt", "segment")

    full = by_year.filter(pl.col("complete"))
    if hidden:
        full = full.filter(~pl.col(SUPPRESSED))       # a chart never plots a hidden segment's year
    # levels and age groups are ordered: their rank (0 first; null for not assessed or unknown) lets the chart
    # shade them from light to dark
    order = (LEVEL_CODES if dimension.is_need else
             tuple(a for a in AGE_SEGMENTS if a != "ukendt") if dimension.segment_column == "age_group" else ())
    rank = {code: i for i, code in enumerate(order)}
    lines = full.select("segment", "label", pl.col("year").cast(pl.String), "full_year_persons",
                        (pl.col("unit_price_dkk") / 1000).alias("unit_price_tkr"),
                        pl.col("segment").replace_strict(rank, default=None, return_dtype=pl.Int64).alias("rank"))
    if order:
        lines = lines.sort(pl.col("rank").is_null(), "rank", "year")

    # the sentence: the segment whose HÅP moved most (in persons), and among the large ones the unit price
    named = changes.filter(~pl.col("segment").is_in([seg for seg, y in hidden if y in (y0, y1)]))
    persons_delta = named.with_columns((pl.col("full_year_persons_last") - pl.col("full_year_persons_first"))
                                         .alias("delta"))
    total_last = float(changes["full_year_persons_last"].sum())
    large = named.filter((pl.col("full_year_persons_last") >= LARGE_SEGMENT_SHARE * total_last)
                           & pl.col("unit_price_dkk_change").is_not_null())
    parts = []
    if not persons_delta.is_empty():
        most = persons_delta.sort(pl.col("delta").abs(), descending=True).row(0, named=True)
        parts.append(t("overview.seg_sentence_persons", lang, y0=y0, y1=y1, dim=name.lower(), segment=most["label"],
                       delta=("+" if most["delta"] > 0 else "") + fmt_persons(most["delta"]),
                       pct=fmt_pct(most["full_year_persons_change"], signed=True)
                       if most["full_year_persons_change"] is not None else t("overview.seg_new", lang)))
    if not large.is_empty():
        price = large.sort(pl.col("unit_price_dkk_change").abs(), descending=True).row(0, named=True)
        parts.append(t("overview.seg_sentence_price", lang, segment=price["label"],
                       pct=fmt_pct(price["unit_price_dkk_change"], signed=True),
                       share=fmt_pct(LARGE_SEGMENT_SHARE, 0), y1=y1, prices=prices))
    sentence = " ".join(parts)

    persons, citizens, unit = (t("overview.vol_persons", lang), t("overview.vol_citizens", lang),
                               t("overview.vol_unit_price", lang))

    segs = changes["segment"].to_list()

    def masked(texts: list[str], years: tuple[int, ...]) -> list[str]:
        """``texts`` with '<5'/'skjult' where the segment is hidden in one of ``years`` (issue 22)."""
        out = []
        for seg, text in zip(segs, texts):
            flags = [hidden[seg, y] for y in years if (seg, y) in hidden]
            out.append(hidden_text(any(flags), lang) if flags else text)
        return out

    def pct_text(values: pl.Series) -> list[str]:
        return masked([fmt_pct(v, signed=True) if v is not None else "–" for v in values.to_list()], (y0, y1))

    def tkr(values: pl.Series, year: int) -> list[str]:
        return masked([fmt_dkk(v, unit="tkr").removesuffix(" t.kr.") if v is not None else "–"
                       for v in values.to_list()], (year,))

    table = pl.DataFrame({
        name: changes["label"].to_list(),
        f"{persons} {y0}": masked([fmt_persons(v) for v in changes["full_year_persons_first"].to_list()], (y0,)),
        f"{persons} {y1}": masked([fmt_persons(v) for v in changes["full_year_persons_last"].to_list()], (y1,)),
        t("overview.seg_col_change", lang, label=persons): pct_text(changes["full_year_persons_change"]),
        f"{citizens} {y0}": masked([fmt_number(v) for v in changes["citizens_first"].to_list()], (y0,)),
        f"{citizens} {y1}": masked([fmt_number(v) for v in changes["citizens_last"].to_list()], (y1,)),
        t("overview.seg_col_change", lang, label=citizens): pct_text(changes["citizens_change"]),
        t("unit.col_tkr", lang, label=f"{unit} {y0}"): tkr(changes["unit_price_dkk_first"], y0),
        t("unit.col_tkr", lang, label=f"{unit} {y1}"): tkr(changes["unit_price_dkk_last"], y1),
        t("overview.seg_col_change", lang, label=unit): pct_text(changes["unit_price_dkk_change"]),
    })
    export_columns = (
        Column("segment", t("overview.seg_col_code", lang)), Column("label", name), Column("year", t("col.year", lang)),
        Column("full_year_persons", persons, 2), Column("citizens", citizens, 0),
        Column("cost_dkk", t("unit.col_kr", lang, label=t("overview.vol_activity_cost", lang)), 2),
        Column("unit_price_dkk", t("unit.col_kr", lang, label=unit), 2),
    )
    return SegmentVolumeView(
        "ok", dimension_name=name, heading=heading, sentence=sentence, lines=lines, ordered=bool(order),
        persons_title=t("overview.seg_persons_title", lang, dim=name.lower()),
        price_title=t("overview.seg_price_title", lang, dim=name.lower(), prices=prices),
        table=table, export=by_year.select("segment", "label", "year", "complete", "full_year_persons", "citizens",
                                           "cost_dkk", "unit_price_dkk",
                                           *([SMALL, SUPPRESSED] if SUPPRESSED in by_year.columns else [])),
        export_columns=export_columns, export_title=t("overview.seg_export_title", lang, dim=name.lower(), prices=prices),
        file_stem=(f"helaarspersoner_enhedspris_{split}_{context.area_code}_{context.from_year}-{context.to_year}_"
                   f"{context.price_base.url_value}"),
        warning=warning, suppressed_note=note([by_year], lang))
