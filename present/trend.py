"""The Udgiftsudvikling page's words and its view builder: :func:`trend_view` turns the page's data
(dashboard.loaders.TrendData) into KPI cards, the sentences for the committee, the series of the three charts,
their tables and exports. The page lays it out; the tests call the same function. Pure: no streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from analysis.forecast import Forecast, forecast_year
from analysis.prices import MissingIndexError, PriceBase, to_price_base
from analysis.trends import (
    BudgetDeviation, actual_by_month, add_growth, annual_net, budget_only_years, current_year_months,
    per_inhabitant, span_growth, split_long, split_table, with_forecast, SpanGrowth,
)
from domain.codes import REFUND_BASES, target_age_group
from i18n import current_language, t
from present import Kpi
from present.exports import Column
from present.formatting import (basis_prices, fmt_dkk, fmt_mio, fmt_mio_number, fmt_month, fmt_month_short,
                                fmt_number, fmt_pct, fmt_signed_dkk, fmt_values, kpi_label)


def segment_label(split: str, segment: str) -> str:
    """Display name of a segment of a split (function codes are labelled by the caller's name column)."""
    if split == "dranst":
        return t(f"trend.dranst_{segment}")
    if split == "koeb_salg":
        return t(f"trend.art_class_{segment}")
    if split == "gruppering":
        return t("trend.grouping_label", code=segment) if segment else t("trend.grouping_none")
    return segment



def label_split(long: pl.DataFrame, split: str) -> pl.DataFrame:
    """analysis.trends.split_long's rows with the display label instead of the name: year, segment, label,
    net_dkk ('funktion': '<code> <name>')."""
    if split == "funktion":
        return long.with_columns(pl.format("{} {}", "segment", "name").alias("label")).select(
            "year", "segment", "label", "net_dkk")
    # labels made here, not in a polars UDF: that would run on a polars thread, in the default language
    labels = {s: segment_label(split, s) for s in long["segment"].unique().to_list() if s is not None}
    return long.with_columns(pl.col("segment").replace_strict(labels, return_dtype=pl.String).alias("label")).select(
        "year", "segment", "label", "net_dkk")


def label_split_table(wide: pl.DataFrame, long: pl.DataFrame) -> pl.DataFrame:
    """analysis.trends.split_table's rows with ``label`` after ``segment`` (the total row: 'I alt')."""
    labels = dict(long.select("segment", "label").unique(subset="segment", maintain_order=True).iter_rows())
    labels["total"] = t("common.total")
    return wide.with_columns(pl.col("segment").replace_strict(labels, return_dtype=pl.String).alias("label")).select(
        "segment", "label", *[c for c in wide.columns if c != "segment"])



def area_phrase(area_name: str) -> str:
    """The area name inside a Danish sentence: 'Voksne med særlige behov (5.38)' -> 'voksne med særlige behov
    (5.38)'; names starting with a code or an acronym stay as they are, and so does every name inside an
    English sentence (a Danish name is a proper name there)."""
    if current_language() == "da" and len(area_name) > 1 and area_name[0].isupper() and area_name[1].islower():
        return area_name[0].lower() + area_name[1:]
    return area_name


def trend_sentence(area_name: str, annual: pl.DataFrame, basis: str) -> str | None:
    """One Danish sentence on net expenditure from the first to the last complete year, ending with its
    ``basis`` (present.formatting.basis_prices: 'efter statsrefusion, løbende priser').

    Numbers: net_dkk of both years (mio. kr., one decimal), change_pct of SpanGrowth and its average
    yearly growth, all from ``annual``. None when fewer than two complete years.
    """
    g = span_growth(annual)
    if g is None:
        return None
    if round(g.change_dkk / 1e5) == 0:
        verb = t("trend.verb_flat")
    else:
        verb = t("trend.verb_up") if g.change_dkk > 0 else t("trend.verb_down")
    return t("trend.sentence", area=area_phrase(area_name), verb=verb, first=fmt_mio(g.first_dkk),
             y0=g.first_year, last=fmt_mio(g.last_dkk), y1=g.last_year,
             pct=fmt_pct(g.change_pct, signed=True), per_year=fmt_pct(g.annual_pct, signed=True), prices=basis)


def method_text(fc: Forecast) -> str:
    """How the forecast was made, in Danish: 'sæsonprofil fra 2019-2025, regnskab til og med okt' etc."""
    last = fmt_month_short(fc.months_to_date) if fc.months_to_date else ""
    if fc.is_complete:
        return t("trend.method_complete")
    if fc.method == "saeson":
        years = fc.profile_years
        span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
        return t("trend.method_seasonal", years=span, month=last)
    if fc.fallback:
        return t("trend.method_linear_fallback", month=last)
    return t("trend.method_linear", month=last)


def forecast_sentence(fc: Forecast, budget_corrected_dkk: float | None, basis: str) -> str | None:
    """One Danish sentence on the expected year-end result against the corrected budget, naming its
    ``basis`` (present.formatting.basis_prices).

    deviation = forecast - corrected budget (BudgetDeviation); amount and percentage shown without sign,
    the word merforbrug/mindreforbrug carries it. Without a budget the sentence says it is not loaded.
    """
    if fc.forecast_dkk is None:
        return None
    prices = basis
    if budget_corrected_dkk is None:
        return t("trend.forecast_no_budget", year=fc.year, amount=fmt_mio(fc.forecast_dkk),
                 method=method_text(fc), prices=prices)
    dev = BudgetDeviation(fc.forecast_dkk, budget_corrected_dkk)
    key = "trend.forecast_result_" if fc.is_complete else "trend.forecast_sentence_"
    return t(key + dev.kind, year=fc.year, amount=fmt_mio(abs(dev.deviation_dkk)),
             pct=fmt_pct(abs(dev.deviation_pct)) if dev.deviation_pct is not None else "–",
             method=method_text(fc), prices=prices)


def month_label(month: int) -> str:
    """Axis label of a month: 'jan' ... 'dec'."""
    return fmt_month_short(month)


def per_inhabitant_text(value: float | None) -> str:
    """kr. per inhabitant, or 'Ikke indlæst' when the population is missing."""
    return fmt_dkk(value, unit="kr") if value is not None else t("status.not_loaded")




@dataclass(frozen=True)
class TrendView:
    """Everything the Udgiftsudvikling page shows for the sidebar's choices, a forecast ``method`` and a
    ``split``. ``status`` is 'ok' or 'no_data'; ``warning`` says that PL index years are missing (the
    figures are then in current prices); ``infos`` are the years with a budget and no posted month yet."""

    status: str
    warning: str | None = None
    price_label: str = ""
    basis: str = ""                             # the basis and price base: 'efter statsrefusion, løbende priser'
    series_name: str = ""                       # the net series: 'Netto efter statsrefusion'
    source: str = ""
    infos: tuple[str, ...] = ()
    annual: pl.DataFrame | None = None          # per year: net, growth, per inhabitant, forecast, deviation
    years: tuple[int, ...] = ()
    labels: tuple[str, ...] = ()                # '2024', '2026*' (incomplete)
    forecast: Forecast | None = None
    budget: float | None = None                 # the forecast year's corrected budget, kr.
    deviation: BudgetDeviation | None = None
    growth: SpanGrowth | None = None
    kpis: tuple[Kpi, ...] = ()
    sentence: str | None = None
    forecast_sentence: str | None = None
    chart_title: str = ""
    forecast_bar_text: str = ""
    bar_texts: tuple[str, ...] = ()
    bar_hover: tuple[tuple[str, str], ...] = ()  # (change in %, change in mio. kr.) per year
    y_top: float = 0.0                           # kr.
    notes: str = ""
    table: pl.DataFrame | None = None
    coloured: tuple[str, ...] = ()               # the table's columns coloured by sign
    export_columns: tuple[Column, ...] = ()
    export_meta: dict[str, str] = field(default_factory=dict)   # the forecast method, for every export
    file_stem: str = ""
    month_heading: str = ""
    months: pl.DataFrame | None = None           # analysis.trends.current_year_months
    month_axis: tuple[str, ...] = ()
    callouts: tuple[tuple[float, str, str], ...] = ()    # (kr., text, 'forecast' | 'budget' | 'deviation')
    month_chart_title: str = ""
    method_caption: str = ""
    month_table: pl.DataFrame | None = None
    month_export: pl.DataFrame | None = None
    month_columns: tuple[Column, ...] = ()
    month_file_stem: str = ""
    split: str = ""
    long: pl.DataFrame | None = None             # year, segment, label, net_dkk of the split
    split_title: str = ""
    split_table: pl.DataFrame | None = None      # analysis.trends.split_table with labels
    split_display: pl.DataFrame | None = None
    split_coloured: tuple[str, ...] = ()
    split_columns: tuple[Column, ...] = ()
    split_file_stem: str = ""


def trend_view(data, context, method: str = "saeson", split: str = "funktion") -> TrendView:
    """The Udgiftsudvikling page from ``data`` (dashboard.loaders.TrendData) and the sidebar's ``context``
    (dashboard.sidebar.Filters: present.CONTEXT_ATTRIBUTES), with the year-end forecast by ``method`` and the split by
    ``split``. Every amount is in the sidebar's price base (a year's PL factor scales all its months alike) and
    on its refund basis (net after state refunds by default: dranst 1+2; before: dranst 1)."""
    price_base = context.price_base
    refund_basis = context.refund_basis
    dransts = REFUND_BASES[refund_basis]
    price_label = context.price_label
    warning = None
    try:
        monthly = to_price_base(data.monthly, ["amount_dkk"], context.pl_index, price_base)
        split_raw = to_price_base(data.split, ["amount_dkk"], context.pl_index, price_base)
    except MissingIndexError as exc:
        warning = t("status.pl_missing_years", years=", ".join(map(str, exc.years)))
        price_base, price_label = PriceBase(None), t("sidebar.prices_current")
        monthly, split_raw = data.monthly, data.split

    age_group = target_age_group(context.functions)
    annual = per_inhabitant(add_growth(annual_net(monthly, dransts)), data.population, age_group)
    # budgets, the forecast, the months and the dranst split: the rows on the refund basis only
    on_basis = monthly.filter(pl.col("dranst").is_in(list(dransts)))
    if "dranst" in split_raw.columns:
        split_raw = split_raw.filter(pl.col("dranst").is_in(list(dransts)))
    if annual.is_empty() or annual["net_dkk"].is_null().all():
        return TrendView("no_data", warning=warning, price_label=price_label)

    # a year with a budget but no posted month yet (the new year in January) is said in words, never drawn as 0
    infos = []
    for row in budget_only_years(on_basis).filter(pl.col("year") <= context.to_year).iter_rows(named=True):
        last = annual.row(-1, named=True)
        text = t("trend.no_actuals_yet", year=row["year"], last=fmt_month(int(last["year"]), int(last["months"])),
                 prev=last["year"])
        budget_kind = "budget_corrected" if row["budget_corrected_dkk"] is not None else "budget_original"
        if row[budget_kind + "_dkk"] is not None:
            text += " " + t("trend.budget_only_budget", year=row["year"], budget=fmt_mio(row[budget_kind + "_dkk"]),
                            kind=t("kind." + budget_kind).lower())
        infos.append(text)

    years = annual["year"].to_list()
    complete_years = annual.filter(pl.col("complete"))["year"].to_list()
    current = annual.row(-1, named=True)
    fc = forecast_year(actual_by_month(on_basis), int(current["year"]), method, complete_years)
    budget = current["budget_corrected_dkk"]
    deviation = BudgetDeviation(fc.forecast_dkk, budget) if budget is not None and fc.forecast_dkk is not None else None
    growth = span_growth(annual)
    months = current_year_months(on_basis, fc)
    month_word = fmt_month_short(fc.months_to_date) if fc.months_to_date else ""
    age_label = t(f"trend.age_{age_group.replace('-', '_').replace('+', '')}")
    annual = with_forecast(annual, fc)
    method_line = method_text(fc)
    forecast_meta = {t("trend.forecast_method"): method_line}
    prices = basis_prices(refund_basis, price_label)

    # --- KPI cards (amounts in mio. kr. carry the unit in the label: five cards fit side by side at 1600 px);
    # every label says the basis and price base of its figure (the spending rate, a ratio, the basis only)
    def label(text: str, with_prices: bool = True) -> str:
        return kpi_label(text, refund_basis, price_label if with_prices else None)

    kpis = [Kpi(t("common.kpi_mio", label=label(t("trend.kpi_result" if fc.is_complete else "trend.kpi_forecast",
                                                   year=fc.year))),
                fmt_mio_number(fc.forecast_dkk), help=method_line)]
    if deviation is not None:
        word = t(f"trend.kind_{deviation.kind}")
        kpis.append(Kpi(t("common.kpi_mio", label=label(t("trend.kpi_vs_budget_result" if fc.is_complete
                                                           else "trend.kpi_vs_budget", year=fc.year))),
                        fmt_mio_number(deviation.deviation_dkk, signed=True),
                        f"{fmt_pct(deviation.deviation_pct, signed=True)} {word}", t("trend.help_vs_budget")))
        kpis.append(Kpi(label(t("trend.kpi_spend", month=month_word), False),
                        fmt_pct(fc.actual_to_date_dkk / budget) if budget else "–",
                        help=t("trend.help_spend", share=fmt_pct(fc.months_to_date / 12))))
    else:
        kpis.append(Kpi(label(t("trend.kpi_vs_budget_result" if fc.is_complete else "trend.kpi_vs_budget",
                                year=fc.year)), t("status.budget_not_loaded")))
        kpis.append(Kpi(label(t("trend.kpi_spend", month=month_word), False), t("status.budget_not_loaded")))
    if growth is not None:
        kpis.append(Kpi(label(t("trend.kpi_growth", y0=growth.first_year, y1=growth.last_year)),
                        fmt_pct(growth.change_pct, signed=True), fmt_signed_dkk(growth.change_dkk, unit="mio"),
                        t("trend.help_growth", per_year=fmt_pct(growth.annual_pct, signed=True))))
    else:
        kpis.append(Kpi(label(t("trend.kpi_growth_short")), "–", help=t("overview.no_complete_years")))
    last_full = annual.filter(pl.col("complete")).tail(1)
    if not last_full.is_empty():
        row = last_full.row(0, named=True)
        value = row["net_per_inhabitant_dkk"]
        kpis.append(Kpi(label(t("trend.kpi_per_inhabitant", age=age_label, year=row["year"])),
                        fmt_dkk(value, unit="kr") if value is not None else t("status.not_loaded"),
                        help=t("trend.help_per_inhabitant", age=age_label)))

    # --- the main chart and its table
    labels = [str(y) if c else f"{y}*" for y, c in zip(years, annual["complete"].to_list())]
    net_values = annual["net_dkk"].to_list()
    top = max([v for v in net_values + annual["budget_corrected_dkk"].to_list() + [fc.forecast_dkk] if v is not None]
              or [0])
    notes = [f"{r['year']}*: {t('status.incomplete_year', months=r['months'])}"
             for r in annual.filter(~pl.col("complete")).iter_rows(named=True)]
    per_inh_header = t("trend.col_per_inhabitant", age=age_label)
    not_loaded = t("status.not_loaded")
    table = annual.select(
        pl.format("{}{}", "year", pl.when(pl.col("complete")).then(pl.lit("")).otherwise(pl.lit("*"))).alias(t("col.year")),
        fmt_values(annual["net_dkk"], fmt_mio).alias(t("col.net_expenditure")),
        fmt_values(annual["change_dkk"], lambda v: fmt_signed_dkk(v, unit="mio"))
        .fill_null("–").alias(t("trend.col_change_dkk")),
        fmt_values(annual["change_pct"], lambda v: fmt_pct(v, signed=True))
        .fill_null("–").alias(t("trend.col_change_pct")),
        fmt_values(annual["forecast_dkk"], fmt_mio).fill_null("–").alias(t("trend.col_forecast")),
        fmt_values(annual["budget_corrected_dkk"], fmt_mio)
        .fill_null(t("status.budget_not_loaded")).alias(t("col.budget_corrected")),
        fmt_values(annual["budget_deviation_dkk"], lambda v: fmt_signed_dkk(v, unit="mio"))
        .fill_null("–").alias(t("trend.col_deviation")),
        pl.when(pl.col("persons").is_null()).then(pl.lit(not_loaded))
        .otherwise(fmt_values(annual["net_per_inhabitant_dkk"], lambda v: fmt_dkk(v, unit="kr"))
                   .fill_null("–")).alias(per_inh_header),
    )
    export_columns = (
        Column("year", t("col.year")),
        Column("net_dkk", t("unit.col_kr", label=t(f"overview.net_{refund_basis}")), 2),
        Column("change_dkk", t("trend.col_change_kr"), 2),
        Column("change_pct", t("col.change"), 4, kind="pct"),
        Column("net_before_refusion_dkk", t("unit.col_kr", label=t("overview.net_foer")), 2),
        Column("refusion_dkk", t("unit.col_kr", label=t("trend.dranst_2")), 2),
        Column("forecast_dkk", t("unit.col_kr", label=t("trend.col_forecast")), 2),
        Column("budget_corrected_dkk", t("unit.col_kr", label=t("col.budget_corrected")), 2),
        Column("budget_original_dkk", t("unit.col_kr", label=t("kind.budget_original")), 2),
        Column("budget_deviation_dkk", t("unit.col_kr", label=t("trend.col_deviation")), 2),
        Column("persons", t("trend.col_persons", age=age_label)),
        Column("net_per_inhabitant_dkk", t("unit.col_kr", label=per_inh_header), 2),
        Column("months", t("col.months_with_actuals")),
    )
    # file names carry the price base the values are in (the fallback to current prices included)
    stem = f"{context.area_code}_{context.from_year}-{context.to_year}_{refund_basis}-refusion_{price_base.url_value}"

    # --- the current year month by month
    callouts: list[tuple[float, str, str]] = []
    if fc.forecast_dkk is not None and not fc.is_complete:
        callouts.append((fc.forecast_dkk, t("trend.callout_forecast", value=fmt_mio(fc.forecast_dkk)), "forecast"))
    if budget is not None:
        callouts.append((budget, t("trend.callout_budget", value=fmt_mio(budget)), "budget"))
    if deviation is not None and not fc.is_complete:
        callouts.append(((fc.forecast_dkk + budget) / 2, f"{fmt_signed_dkk(deviation.deviation_dkk, unit='mio')} "
                         f"{t(f'trend.kind_{deviation.kind}')}", "deviation"))
    month_table = months.select(
        # month names made here, in the run's language (polars runs UDFs on threads that do not see it)
        pl.col("month").replace_strict({m: fmt_month_short(m) for m in range(1, 13)}, return_dtype=pl.String)
        .alias(t("common.month")),
        fmt_values(months["actual_dkk"], fmt_mio).fill_null("–").alias(t("kind.actual")),
        fmt_values(months["actual_cum_dkk"], fmt_mio).fill_null("–").alias(t("trend.actual_cum")),
        fmt_values(months["budget_corrected_cum_dkk"], fmt_mio)
        .fill_null(t("status.budget_not_loaded")).alias(t("trend.col_budget_cum")),
        fmt_values(months["budget_original_cum_dkk"], fmt_mio)
        .fill_null(t("status.budget_not_loaded")).alias(t("trend.col_budget_original_cum")),
        fmt_values(months["forecast_cum_dkk"], fmt_mio).fill_null("–").alias(t("trend.forecast_path")),
        fmt_values(months["spend_pct"], fmt_pct).fill_null("–").alias(t("measure.consumption_rate")),
    )
    month_columns = (
        Column("year", t("col.year")), Column("month", t("common.month")),
        Column("actual_dkk", t("unit.col_kr", label=t("kind.actual")), 2),
        Column("actual_cum_dkk", t("unit.col_kr", label=t("trend.actual_cum")), 2),
        Column("budget_corrected_dkk", t("unit.col_kr", label=t("kind.budget_corrected")), 2),
        Column("budget_corrected_cum_dkk", t("unit.col_kr", label=t("trend.col_budget_cum")), 2),
        Column("budget_original_cum_dkk", t("unit.col_kr", label=t("trend.col_budget_original_cum")), 2),
        Column("forecast_cum_dkk", t("unit.col_kr", label=t("trend.forecast_path")), 2),
        Column("spend_pct", t("measure.consumption_rate"), 4, kind="pct"),
    )

    # --- the split
    long = label_split(split_long(split, split_raw), split)
    first_y = growth.first_year if growth else None
    last_y = growth.last_year if growth else None
    wide = label_split_table(split_table(long, years, first_y, last_y), long)
    year_cols = [f"net_{y}_dkk" for y in years]
    span_header = t("trend.col_change_span", y0=first_y or "", y1=last_y or "")
    split_display = wide.select(
        pl.col("label").alias(t(f"trend.split_{split}")),
        *[fmt_values(wide[c], lambda v: fmt_number(v / 1e6, 1)).fill_null("–")
          .alias(lab) for c, lab in zip(year_cols, labels)],
        fmt_values(wide["change_dkk"], lambda v: fmt_signed_dkk(v, unit="mio"))
        .fill_null("–").alias(span_header),
        fmt_values(wide["change_pct"], lambda v: fmt_pct(v, signed=True))
        .fill_null("–").alias(t("trend.col_change_pct")),
    )
    split_columns = tuple(
        [Column("segment", t("trend.col_code")), Column("label", t(f"trend.split_{split}"))]
        + [Column(c, t("unit.col_kr", label=lab), 2) for c, lab in zip(year_cols, labels)]
        + [Column("change_dkk", t("unit.col_kr", label=span_header), 2),
           Column("change_pct", t("col.change"), 4, kind="pct")])

    return TrendView(
        "ok", warning=warning, price_label=price_label, basis=prices,
        series_name=t(f"overview.net_{refund_basis}"), source=t("trend.source", dransts="+".join(map(str, dransts))),
        infos=tuple(infos), annual=annual, years=tuple(years),
        labels=tuple(labels), forecast=fc, budget=budget, deviation=deviation, growth=growth, kpis=tuple(kpis),
        sentence=trend_sentence(context.area_name, annual, prices),
        forecast_sentence=forecast_sentence(fc, budget, prices),
        chart_title=t("trend.chart_title", prices=prices),
        forecast_bar_text=t("trend.bar_forecast", value=fmt_mio_number(fc.forecast_dkk)) if fc.forecast_dkk is not None else "",
        bar_texts=tuple(fmt_mio_number(v) if c and v is not None else ""
                        for v, c in zip(net_values, annual["complete"].to_list())),
        bar_hover=tuple((fmt_pct(p, signed=True), fmt_signed_dkk(d, unit="mio")) for p, d in
                        zip(annual["change_pct"].to_list(), annual["change_dkk"].to_list())),
        y_top=top, notes="; ".join(notes), table=table,
        coloured=(t("trend.col_change_dkk"), t("trend.col_change_pct"), t("trend.col_deviation")),
        export_columns=export_columns, export_meta=forecast_meta, file_stem=f"udvikling_{stem}",
        month_heading=t("trend.month_heading", year=fc.year), months=months,
        month_axis=tuple(fmt_month_short(m) for m in range(1, 13)), callouts=tuple(callouts),
        month_chart_title=t("trend.month_chart_title", year=fc.year, prices=prices),
        method_caption=t("common.method") + ": " + method_line, month_table=month_table,
        month_export=months.with_columns(pl.lit(fc.year).alias("year")), month_columns=month_columns,
        month_file_stem=f"maaneder_{fc.year}_{context.area_code}_{refund_basis}-refusion_{price_base.url_value}",
        split=split, long=long,
        split_title=t("trend.split_chart_title", split=t(f"trend.split_{split}_in"), prices=prices),
        split_table=wide, split_display=split_display, split_coloured=(span_header, t("trend.col_change_pct")),
        split_columns=split_columns, split_file_stem=f"fordeling_{split}_{stem}",
    )
