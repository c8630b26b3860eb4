"""The Sammenligning page's words and its view builders. The page's choices depend on its data (the sources
and key figures present, the years of the chosen source), so the view is built in two steps:
:func:`comparison_table` (one source's figures per municipality and year, in the price base, per target
inhabitant) and :func:`comparison_view` (one year against one comparison group: KPI cards, the sentence,
the ranking, the series over time, the most similar municipalities and the socio-economic fit, with their
tables and exports). The page lays them out; the tests call the same functions. Pure: no streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from analysis import benchmark as bm
from analysis.prices import MissingIndexError, to_price_base
from domain.codes import target_age_group
from i18n import t
from present import Kpi
from present.exports import Column
from present.formatting import (export_title, fmt_dkk, fmt_mio, fmt_mio_number, fmt_number, fmt_pct, fmt_signed_dkk,
                                fmt_values, md_literal, price_phrase)


def similarity_label(variable: str) -> str:
    """The label of a similarity variable in the current language ('Indbyggere i alt', ...)."""
    return t(f"cmp.var.{variable}")


def measure_text(measure: str, value: float | None) -> str:
    """A value of ``measure`` as text: 'pr-indbygger' '8.248 kr.', 'i-alt' '290,4 mio. kr.' (the value in kr.),
    'indeks' '108'."""
    if value is None:
        return "–"
    if measure == "i-alt":
        return fmt_mio(value)
    if measure == "indeks":
        return fmt_number(value, 0)
    return fmt_dkk(value, unit="kr")


def summary_sentence(kommune_name: str, area_name: str, year: int, target_label: str, own_value: float,
                     group_label: str, group_value: float | None, gap_mean_dkk: float | None,
                     gap_quartile_dkk: float | None, price_label: str, measure: str = "pr-indbygger") -> str:
    """One Danish sentence on the chosen ``measure`` ('pr-indbygger': kr. per target inhabitant, 'i-alt': kr. in
    total, 'indeks': group average = 100): the own value, the difference to the unweighted group average in
    percent, and the gaps in mio. kr. at the group average and at the group's lower quartile (per target
    inhabitant times the own target group, whatever the measure)."""
    key = {"pr-indbygger": "cmp.sentence_level", "i-alt": "cmp.sentence_level_total",
           "indeks": "cmp.sentence_level_index"}[measure]
    text = t(key, kommune=kommune_name, year=year, value=measure_text(measure, own_value),
             target=target_label, area=area_name, prices=price_label, group=group_label)
    if group_value and measure != "indeks":
        diff = own_value / group_value - 1
        text += " " + t("cmp.sentence_group", pct=fmt_pct(abs(diff)),
                        direction=t("cmp.more" if diff >= 0 else "cmp.less"), group=group_label,
                        value=measure_text(measure, group_value))
    if gap_mean_dkk is not None:
        text += " " + t("cmp.sentence_gap", gap=gap_words(gap_mean_dkk, "mean"),
                        gap_q=gap_words(gap_quartile_dkk, "quartile") if gap_quartile_dkk is not None else "–")
    return text


def gap_words(gap_dkk: float, reference: str) -> str:
    """A gap (own - reference) x own target persons, kr., in words with one sign convention for the card and the
    sentence: '23,1 mio. kr. over gennemsnittet' (we spend more) / 'under' (less); ``reference``: 'mean' or
    'quartile'. The amount is shown without sign; the word carries it."""
    side = "over" if gap_dkk >= 0 else "under"
    return t(f"cmp.gap_{side}_{reference}", amount=fmt_mio(abs(gap_dkk)))


def group_label(key: str, dst_names: dict[int, str], region: str | None) -> str:
    """The name of a comparison group: 'DST-gruppe 3: ...', 'Region Midtjylland', 'Hele landet', ..."""
    if key.startswith("dst-"):
        return t("cmp.group_dst", name=dst_names.get(int(key[4:]), key), code=key[4:])
    if key == "region":
        return t("cmp.group_region", region=region or "–")
    return t("cmp.group_" + key)


def measure_label(measure: str, target_label: str) -> str:
    """'Kr. pr. 18-64-årig', 'Mio. kr. i alt', 'Indeks (gruppen = 100)'."""
    return t("cmp.measure_" + measure.replace("-", "_"), target=target_label)


def sources(data, own: int) -> tuple[list[str], str]:
    """The sources of the page's figures (analysis.benchmark.SOURCE_ORDER) and the default for ``own``."""
    return bm.source_keys(bm.with_source_key(data.values.filter(pl.col("kommunekode") > 0)), own)


def key_figures(data, source_key: str) -> list[str]:
    """The key figures of a key-figure source, the most widely covered first."""
    values = bm.with_source_key(data.values.filter(pl.col("kommunekode") > 0))
    return bm.key_figures(values.filter(pl.col("source_key") == source_key))


@dataclass(frozen=True)
class ComparisonTable:
    """One source's figures: ``table`` has per municipality and year total_dkk (in the price base when the
    figures were delivered in current prices), functions_n, target_persons, persons_total, share_18_64,
    dkk_per_target_inhabitant, socio_index and name. ``error`` (a unit the page cannot convert) stops the page;
    ``warning`` says that PL index years are missing."""

    table: pl.DataFrame | None
    source_key: str
    key_figure: str | None
    source_text: str
    units: tuple[str, ...]
    age_group: str
    target_label: str
    price_label: str
    price_slug: str = "loebende"             # the price base in file names: loebende, faste-YYYY, som-leveret
    names: dict[int, str] = field(default_factory=dict)
    real_codes: tuple[int, ...] = ()
    years: tuple[int, ...] = ()              # descending
    own_years: tuple[int, ...] = ()          # descending
    warning: str | None = None
    error: str | None = None


def comparison_table(data, context, source_key: str, key_figure: str | None = None) -> ComparisonTable:
    """Step one of the Sammenligning page: the figures of ``source_key`` (one ``key_figure`` of a key-figure
    source) from ``data`` (dashboard.loaders.BenchmarkData) per municipality and year, converted to kr.
    (analysis.benchmark.to_total_dkk), to the sidebar's price base, and per inhabitant of the target group of
    the sidebar's area (``context``: dashboard.sidebar.Filters: present.CONTEXT_ATTRIBUTES)."""
    values = bm.with_source_key(data.values.filter(pl.col("kommunekode") > 0))
    munis = data.municipalities
    names = dict(zip(munis["kommunekode"].to_list(), munis["name"].to_list()))
    real_codes = tuple(munis.filter(~pl.col("is_synthetic"))["kommunekode"].to_list())
    values = values.filter(pl.col("source_key") == source_key)
    if key_figure is not None:
        values = values.filter(pl.col("key_figure") == key_figure)
    source_text = ", ".join(sorted(set(values["source"].to_list())))
    if key_figure is not None:
        source_text += f"; {t('cmp.key_figure').lower()}: {key_figure}"
    units = tuple(sorted(set(values["unit"].to_list())))
    age_group = target_age_group(context.functions)
    target_label = t("cmp.target_" + age_group.replace("-", "_").replace("+", ""))
    common = dict(source_key=source_key, key_figure=key_figure, source_text=source_text, units=units,
                  age_group=age_group, target_label=target_label, names=names, real_codes=real_codes)
    try:
        totals = bm.to_total_dkk(values, data.population)
    except ValueError as exc:
        return ComparisonTable(None, price_label=context.price_label, error=md_literal(exc), **common)
    totals = (totals.group_by("kommunekode", "year")
              .agg(pl.col("total_dkk").sum(), pl.col("functions_n").sum(), pl.col("price_unit").first())
              .sort("kommunekode", "year"))
    price_label = context.price_label
    price_slug = context.price_base.url_value
    warning = None
    if context.price_base.is_fixed and (totals["price_unit"] == "current").all():
        try:
            totals = to_price_base(totals, ["total_dkk"], context.pl_index, context.price_base)
        except MissingIndexError as exc:
            warning = t("status.pl_missing_years", years=", ".join(map(str, exc.years)))
            price_label, price_slug = t("sidebar.prices_current"), "loebende"
    elif context.price_base.is_fixed:
        price_label, price_slug = t("cmp.prices_as_delivered"), "som-leveret"
    table = bm.add_per_capita(totals, data.population, age_group).join(
        data.socio, on=["kommunekode", "year"], how="left").filter(pl.col("kommunekode").is_in(list(names)))
    table = table.with_columns(pl.col("kommunekode").replace_strict(names, return_dtype=pl.String).alias("name"))
    own = context.kommune
    return ComparisonTable(
        table, price_label=price_label, price_slug=price_slug, warning=warning,
        years=tuple(sorted(set(table["year"].to_list()), reverse=True)),
        own_years=tuple(sorted(set(table.filter(pl.col("kommunekode") == own)["year"].to_list()), reverse=True)),
        **common)


@dataclass(frozen=True)
class ComparisonView:
    """Step two: the chosen year against the chosen group. ``status`` 'ok', or 'own_missing' with the
    ``message`` (the own municipality has no figure that year)."""

    status: str
    message: str | None = None
    year: int | None = None
    group_label: str = ""
    members: tuple[int, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    sentence: str = ""
    caption_extra: str = ""
    source_label: str = ""                  # plain, for exports
    caption_source: str = ""                # Markdown-safe, for captions
    price_lower: str = ""
    basis_line: str | None = None           # the own ledger on the comparison's basis, beside DST's figure
    ranked: pl.DataFrame | None = None      # analysis.benchmark.ranking with measure_value, role_label
    axis_title: str = ""
    group_line: float | None = None
    national_line: float | None = None
    ranking_title: str = ""
    ranking_table: pl.DataFrame | None = None
    ranking_columns: tuple[Column, ...] = ()
    meta_extra: dict[str, str] = field(default_factory=dict)
    ranking_file_stem: str = ""
    ranking_export: pl.DataFrame | None = None   # the ranked rows plus group average, cheapest quartile, country
    trend_title: str = ""
    trend_chart_title: str = ""
    series: pl.DataFrame | None = None      # year, own, group, country
    similar_table: pl.DataFrame | None = None
    scatter_title: str = ""
    scatter: pl.DataFrame | None = None     # socio_index, per capita, expected, residual, role
    fit: bm.Fit | None = None
    scatter_points: pl.DataFrame | None = None
    scatter_kpis: tuple[Kpi, ...] = ()
    residual_sentence: str = ""
    scatter_chart_title: str = ""
    fit_note: str = ""
    scatter_columns: tuple[Column, ...] = ()
    scatter_file_stem: str = ""


def comparison_view(prepared: ComparisonTable, context, year: int, group: str, group_name: str, measure: str,
                    members: list[int], similar: pl.DataFrame | None = None, all_municipalities: bool = False,
                    own_ledger: pl.DataFrame | None = None) -> ComparisonView:
    """Step two of the Sammenligning page: ``year`` of ``prepared`` against the comparison group ``group``
    (named ``group_name``) of ``members`` (the own municipality left out), shown as ``measure`` ('pr-indbygger',
    'i-alt', 'indeks'), which drives the cards, the sentence, the ranking and its export alike; ``similar``:
    analysis.benchmark.similar_municipalities when the group is 'naermeste'. The ranking lists the own
    municipality and the group (ranked within it), every municipality with ``all_municipalities``.
    ``own_ledger``: rows of queries/overview_ledger_by_year.sql for the own municipality, to set its own
    ledger beside Statistics Denmark's figure on the same basis (before state refunds).

    Group average = unweighted mean of the members' kr. per target inhabitant; country = weighted over the
    real municipalities; gap = (own - reference) x own target persons (kr.)."""
    own = context.kommune
    table, real_codes = prepared.table, list(prepared.real_codes)
    target_label = prepared.target_label
    members = [c for c in members if c != own]
    this_year = table.filter(pl.col("year") == year)
    own_now = this_year.filter(pl.col("kommunekode") == own)
    if own_now.is_empty() or own_now["dkk_per_target_inhabitant"][0] is None:
        return ComparisonView("own_missing", t("cmp.own_missing", kommune=context.kommune_name, year=year,
                                                source=t("cmp.source_" + prepared.source_key)), year=year)
    own_r = own_now.row(0, named=True)
    group_mean = bm.unweighted_mean(this_year, members)
    national = bm.weighted_average(this_year, real_codes)
    quartile = bm.lower_quartile(this_year.filter(pl.col("kommunekode").is_in(members))["dkk_per_target_inhabitant"].to_list())
    gap_mean = bm.gap_dkk(own_r["dkk_per_target_inhabitant"], group_mean, own_r["target_persons"])
    gap_q = bm.gap_dkk(own_r["dkk_per_target_inhabitant"], quartile, own_r["target_persons"])
    n_members = this_year.filter(pl.col("kommunekode").is_in(members) & pl.col("dkk_per_target_inhabitant").is_not_null()).height
    price_label = prepared.price_label
    price_lower = price_phrase(price_label)
    # the chosen measure for every municipality of the year: the cards, the sentence and the ranking read it
    measured = bm.with_measure(this_year, measure, group_mean)
    own_value = measured.filter(pl.col("kommunekode") == own)["measure_value"][0]
    group_value = bm.unweighted_mean(measured, members, "measure_value")
    if measure == "i-alt":     # measure_value is in mio. kr. (the chart's axis); the cards and sentence take kr.
        own_value, group_value = own_value * 1e6, group_value * 1e6 if group_value is not None else None
    # two rows of three: the level on the chosen measure (own, group, and the index or, for the index, the
    # kr. behind it), then the gaps in mio. kr. (their labels are long)
    level_label = {"pr-indbygger": t("cmp.kpi_own", target=target_label, year=year),
                   "i-alt": t("cmp.kpi_own_total", year=year),
                   "indeks": t("cmp.kpi_own_index", year=year)}[measure]
    if measure == "indeks":
        third = Kpi(t("cmp.kpi_own", target=target_label, year=year),
                    fmt_dkk(own_r["dkk_per_target_inhabitant"], unit="kr"), help=price_label)
    else:
        third = Kpi(t("cmp.kpi_index"), fmt_number(own_value / group_value * 100, 0) if group_value else "–",
                    help=t("cmp.help_index_total" if measure == "i-alt" else "cmp.help_index"))
    kpis = (
        Kpi(level_label, measure_text(measure, own_value), help=price_label),
        Kpi(t("cmp.kpi_group"), measure_text(measure, group_value), help=t("cmp.help_group", n=n_members)),
        third,
        Kpi(t("common.kpi_mio", label=t("cmp.kpi_gap_mean")), fmt_mio_number(gap_mean, signed=True),
            gap_words(gap_mean, "mean") if gap_mean is not None else None, help=t("cmp.help_gap")),
        Kpi(t("common.kpi_mio", label=t("cmp.kpi_gap_quartile")), fmt_mio_number(gap_q, signed=True),
            gap_words(gap_q, "quartile") if gap_q is not None else None, help=t("cmp.help_quartile")),
    )
    sentence = summary_sentence(context.kommune_name, context.area_name, year, target_label,
                                own_value, group_name, group_value, gap_mean, gap_q, price_lower, measure)
    basis_line = _own_ledger_line(prepared, context, year, own_r, own_ledger)
    units = list(prepared.units)
    if units == ["dkk_per_inhabitant"]:
        unit_note = t("cmp.unit_note_per_inhabitant")
    elif units and all(u.startswith("dkk_per_inhabitant_") for u in units):
        unit_note = t("cmp.unit_note_per_age_group")
    else:
        unit_note = t("cmp.unit_note_amount")
    handle_note = t("cmp.handlekommune_noegletal" if prepared.key_figure is not None else "cmp.handlekommune")
    source_label = t("cmp.source_" + prepared.source_key) + f" ({prepared.source_text})"
    caption_source = t("cmp.source_" + prepared.source_key) + f" ({md_literal(prepared.source_text)})"   # imported text

    # ---- ranking
    # the own municipality and its group, ranked within it (all municipalities on request)
    shown = measured if all_municipalities else measured.filter(pl.col("kommunekode").is_in(members + [own]))
    ranked = bm.ranking(shown, own, members, "measure_value")
    if measure == "i-alt":
        axis_title, group_line, national_line = t("unit.mio"), bm.unweighted_mean(ranked, members, "measure_value"), None
    elif measure == "indeks":
        axis_title, group_line = t("cmp.index_axis"), 100.0 if group_mean else None
        national_line = national / group_mean * 100 if national and group_mean else None
    else:
        axis_title, group_line, national_line = t("cmp.per_capita_axis", target=target_label), group_mean, national
    measure_name = measure_label(measure, target_label)
    ranked = ranked.with_columns(pl.col("role").replace_strict({r: t("cmp.role_" + r) for r in ("own", "group", "other")})
                                 .alias("role_label"))
    ranking_table = ranked.select(
        pl.col("rank").alias("#"), pl.col("name").alias(t("sidebar.municipality")),
        pl.col("role_label").alias(t("cmp.col_role")),
        fmt_values(ranked["dkk_per_target_inhabitant"], lambda v: fmt_dkk(v, unit="kr"))
        .alias(t("cmp.per_capita_axis", target=target_label)),
        fmt_values(ranked["total_dkk"], fmt_mio).alias(t("cmp.col_total")),
        fmt_values(ranked["target_persons"], fmt_number).alias(t("cmp.col_persons", target=target_label)),
        fmt_values(ranked["socio_index"], lambda v: fmt_number(v, 1)).alias(t("cmp.col_socio")),
    )
    meta_extra = {t("sidebar.comparison_group"): f"{group_name} ({n_members} {t('cmp.municipalities')})",
                  t("common.year"): str(year), t("cmp.measure"): export_title(measure_name),
                  t("common.method"): t("cmp.method_export"), t("cmp.units"): unit_note + " " + handle_note}
    ranking_columns = (
        Column("rank", t("cmp.col_rank")), Column("kommunekode", t("cmp.col_kommunekode")),
        Column("name", t("sidebar.municipality")),
        Column("role_label", t("cmp.col_role")), Column("total_dkk", t("cmp.col_total_kr"), 0),
        Column("target_persons", t("cmp.col_persons", target=target_label)),
        Column("dkk_per_target_inhabitant", t("cmp.per_capita_axis", target=target_label), 2),
        # the total in mio. kr. is the kr. column above: exports give amounts in kr.
        *(() if measure == "i-alt" else (Column("measure_value", measure_name, 2),)),
        Column("socio_index", t("cmp.col_socio"), 1), Column("functions_n", t("cmp.col_functions")),
    )

    # ---- most similar municipalities
    similar_table = None
    if similar is not None and not similar.is_empty():
        similar = similar.with_columns(pl.col("kommunekode").cast(this_year["kommunekode"].dtype))
        sim = similar.join(this_year.select("kommunekode", "name", *bm.SIMILARITY_VARIABLES, "dkk_per_target_inhabitant"),
                           on="kommunekode", how="left")
        own_feat = this_year.filter(pl.col("kommunekode") == own).select("kommunekode", "name", *bm.SIMILARITY_VARIABLES,
                                                                          "dkk_per_target_inhabitant")
        sim = pl.concat([own_feat.with_columns(pl.lit(0.0).alias("distance")).select(sim.columns), sim])
        similar_table = sim.select(
            pl.col("name").alias(t("sidebar.municipality")),
            fmt_values(sim["distance"], lambda v: fmt_number(v, 2)).alias(t("cmp.col_distance")),
            fmt_values(sim["persons_total"], fmt_number)
            .alias(similarity_label("persons_total")),
            fmt_values(sim["share_18_64"], fmt_pct).alias(similarity_label("share_18_64")),
            fmt_values(sim["socio_index"], lambda v: fmt_number(v, 1))
            .alias(similarity_label("socio_index")),
            fmt_values(sim["dkk_per_target_inhabitant"], lambda v: fmt_dkk(v, unit="kr"))
            .alias(t("cmp.per_capita_axis", target=target_label)),
        )

    # ---- socio-economic fit
    pts = this_year.filter(pl.col("socio_index").is_not_null() & pl.col("dkk_per_target_inhabitant").is_not_null())
    fit_pts = pts.filter(pl.col("kommunekode").is_in(real_codes) & (pl.col("kommunekode") != own))
    fit = bm.least_squares(fit_pts["socio_index"].to_list(), fit_pts["dkk_per_target_inhabitant"].to_list())
    scatter = scatter_kpis = None
    residual_sentence = fit_note = ""
    scatter_columns: tuple[Column, ...] = ()
    if fit is not None and own_r["socio_index"] is not None:
        res = bm.socio_residual(fit, own_r["socio_index"], own_r["dkk_per_target_inhabitant"], own_r["target_persons"])
        scatter = bm.with_roles(pts.with_columns(
            (fit.intercept + fit.slope * pl.col("socio_index")).alias("expected_dkk_per_target_inhabitant"),
        ).with_columns((pl.col("dkk_per_target_inhabitant") - pl.col("expected_dkk_per_target_inhabitant"))
                       .alias("residual_dkk_per_target_inhabitant")), own, members)
        scatter_kpis = (
            Kpi(t("cmp.kpi_expected", target=target_label), fmt_dkk(res.expected_per_capita, unit="kr")),
            Kpi(t("cmp.kpi_residual", target=target_label), fmt_signed_dkk(res.residual_per_capita, unit="kr")),
            Kpi(t("common.kpi_mio", label=t("cmp.kpi_residual_total")), fmt_mio_number(res.residual_dkk, signed=True)),
        )
        residual_sentence = t("cmp.residual_sentence", kommune=context.kommune_name,
                              value=fmt_signed_dkk(res.residual_per_capita, unit="kr"), target=target_label,
                              total=fmt_signed_dkk(res.residual_dkk, unit="mio"))
        fit_note = t("cmp.fit_note", n=fit.n, slope=fmt_number(fit.slope, 1), intercept=fmt_number(fit.intercept, 0))
        scatter_columns = (
            Column("kommunekode", t("cmp.col_kommunekode")), Column("name", t("sidebar.municipality")),
            Column("socio_index", t("cmp.col_socio"), 1),
            Column("dkk_per_target_inhabitant", t("cmp.per_capita_axis", target=target_label), 2),
            Column("expected_dkk_per_target_inhabitant", t("cmp.kpi_expected", target=target_label), 2),
            Column("residual_dkk_per_target_inhabitant", t("cmp.kpi_residual", target=target_label), 2),
        )

    return ComparisonView(
        "ok", year=year, group_label=group_name, members=tuple(members), kpis=kpis, sentence=sentence,
        caption_extra=f"{unit_note} {handle_note}", source_label=source_label, caption_source=caption_source,
        price_lower=price_lower, ranked=ranked, axis_title=axis_title, group_line=group_line,
        national_line=national_line,
        ranking_title=t("cmp.ranking_title", measure=measure_name, year=year, prices=price_lower)
        + ("" if all_municipalities else " · " + t("cmp.ranking_within", group=group_name, n=ranked.height)),
        basis_line=basis_line,
        ranking_table=ranking_table, ranking_columns=ranking_columns, meta_extra=meta_extra,
        ranking_file_stem=f"sammenligning_{context.area_code}_{year}_{prepared.price_slug}",
        ranking_export=_with_reference_rows(ranked, group_name, group_mean, quartile, national, measure),
        trend_title=t("cmp.trend_title", target=target_label),
        trend_chart_title=t("cmp.trend_chart_title", target=target_label, prices=price_lower),
        series=bm.group_series(table, own, members, real_codes), similar_table=similar_table,
        scatter_title=t("cmp.scatter_title"), scatter=scatter, fit=fit if scatter is not None else None,
        scatter_points=pts, scatter_kpis=scatter_kpis or (), residual_sentence=residual_sentence,
        scatter_chart_title=t("cmp.scatter_chart_title", target=target_label, year=year, prices=price_lower),
        fit_note=fit_note, scatter_columns=scatter_columns,
        scatter_file_stem=f"sammenligning_socio_{context.area_code}_{year}_{prepared.price_slug}",
    )


def _own_ledger_line(prepared: ComparisonTable, context, year: int, own_r: dict,
                     own_ledger: pl.DataFrame | None) -> str | None:
    """Statistics Denmark's accounts figures (and the demo's synthetic ones, made the same way) are net before
    state refunds (dranst 1): the own ledger of ``year`` on that basis, per inhabitant of the same target group,
    beside the net after refunds that Overblik and Udgiftsudvikling show by default. None for key figures, for
    an incomplete ledger year or without ledger rows."""
    if (own_ledger is None or prepared.key_figure is not None or not own_r.get("target_persons")
            or prepared.price_slug == "som-leveret"):
        return None
    rows = own_ledger.filter((pl.col("year") == year) & (pl.col("amount_kind") == "actual"))
    if rows.is_empty() or rows["months"].max() < 12:
        return None
    try:
        rows = to_price_base(rows, ["amount_dkk"], context.pl_index, context.price_base) \
            if prepared.price_slug == context.price_base.url_value and context.price_base.is_fixed else rows
    except MissingIndexError:
        return None
    persons = own_r["target_persons"]
    before = float(rows.filter(pl.col("dranst") == 1)["amount_dkk"].sum()) / persons
    after = float(rows.filter(pl.col("dranst").is_in([1, 2]))["amount_dkk"].sum()) / persons
    return t("cmp.basis_line", kommune=context.kommune_name, value=fmt_dkk(own_r["dkk_per_target_inhabitant"], unit="kr"),
             before=fmt_dkk(before, unit="kr"), after=fmt_dkk(after, unit="kr"), target=prepared.target_label,
             year=year, source=t("cmp.source_" + prepared.source_key))


def _with_reference_rows(ranked: pl.DataFrame, group_name: str, group_mean: float | None, quartile: float | None,
                         national: float | None, measure: str) -> pl.DataFrame:
    """The ranking's rows and, below them, the references the page compares with (kr. per target inhabitant,
    and on the chosen measure where it is defined per inhabitant): the group's unweighted average, its cheapest
    quartile and the national average weighted by population; their rank and code are empty."""
    refs = [(t("cmp.avg_unweighted_named", group=group_name), group_mean), (t("cmp.ref_quartile"), quartile),
            (t("cmp.avg_national"), national)]
    index_base = group_mean if measure == "indeks" else None

    def on_measure(v: float | None) -> float | None:
        if v is None or measure == "i-alt":
            return None
        return v / index_base * 100 if index_base else (None if measure == "indeks" else v)

    rows = pl.DataFrame({"name": [n for n, _ in refs], "role_label": [t("cmp.role_reference")] * len(refs),
                         "dkk_per_target_inhabitant": [v for _, v in refs],
                         "measure_value": [on_measure(v) for _, v in refs]},
                        schema={"name": pl.String, "role_label": pl.String, "dkk_per_target_inhabitant": pl.Float64,
                                "measure_value": pl.Float64})
    return pl.concat([ranked, rows], how="diagonal_relaxed")
