"""The Dekomponering page's words, tables and exports, and its view builder.

:func:`decomposition_view` runs the page's pipeline once: the comparison window (analysis.segments), the
segments, the ledger bridge, the decomposition (analysis.decomposition), the waterfall's steps and the
per-segment report, and turns them into what the page shows: notices, KPI cards, the headline, the
explanation, captions, the display table and the CSV/XLSX export. The page lays it out; bench/run.py and the
tests call the same function. Pure: no streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import polars as pl

from analysis import segments as sg
from analysis.decomposition import Decomposition, decompose
from analysis.segments import Dimension, LedgerBridge, Step, Window, effect_columns
from analysis.suppression import SMALL, SUPPRESSED, suppress
from domain.access import SUPPRESSION_THRESHOLD
from domain.codes import AGE_FILTERS, DECOMPOSITION_METHODS, REFUND_BASES
from i18n import has_label, t
from present import Kpi, exports
from present.exports import Column
from present.suppression import cells, note
from present.formatting import (
    age_label,
    fmt_date,
    fmt_dkk,
    fmt_mio,
    fmt_mio_number,
    fmt_month,
    fmt_month_short,
    fmt_number,
    fmt_pct,
    fmt_persons,
    fmt_signed_dkk,
    fmt_values,
    join_and,
    kpi_label,
    md_literal,
    plot_literal,
)


# --- names of dimensions, values, periods and steps --------------------------------------------

def dimension_label(dimension: Dimension, lang: str | None = None) -> str:
    """The name of a segment split ('Funktionsevneniveau', ...)."""
    return t(f"decomp.dim.{dimension.slug}", lang)


def value_label(column: str, value: str, lang: str | None = None) -> str:
    """Display text of one value of a segment column (levels and provider types from the catalogue)."""
    if value == "ukendt" and column != "provider_type":
        return t("decomp.unknown", lang)
    if column == "level" and has_label(f"level.{value}"):
        return t(f"level.{value}", lang)
    if column == "provider_type" and has_label(f"provider_type.{value}"):
        return t(f"provider_type.{value}", lang)
    if column in ("age_group", "age_cut"):
        return t("decomp.age", lang, value=value)
    return value


def label_segments(segments: pl.DataFrame, dimension: Dimension, lang: str | None = None) -> pl.DataFrame:
    """Add ``label`` (the segment value's name) and ``group_label`` (its group's name; '' for a one-level
    split) after ``segment_value`` to the frame of analysis.segments.build_segments."""
    seg_col, grp_col = dimension.segment_column, dimension.group_column
    labels = [value_label(seg_col, v, lang) for v in segments["segment_value"].to_list()]
    groups = ([value_label(grp_col, g, lang) for g in segments["group_value"].to_list()] if dimension.two_level
              else [""] * segments.height)
    out = segments.with_columns(pl.Series("label", labels, dtype=pl.String),
                                pl.Series("group_label", groups, dtype=pl.String))
    at = segments.columns.index("segment_value") + 1
    return out.select(segments.columns[:at] + ["label", "group_label"] + segments.columns[at:])


def build_segments(rows: pl.DataFrame, window: Window, dimension: Dimension, lang: str | None = None) -> pl.DataFrame:
    """analysis.segments.build_segments with the display names (:func:`label_segments`)."""
    return label_segments(sg.build_segments(rows, window, dimension), dimension, lang)


def months_text(window: Window, lang: str | None = None, both: bool = True) -> str:
    """'hele året', or the months compared: 'jan.–okt. i begge år' (one month: 'jan. i begge år'), so that
    'fra 2019 til 2026 (jan.–okt. i begge år)' cannot be read as January 2019 to October 2026; ``both=False``
    gives the months alone ('jan.–okt.'), for a sentence that already says both years."""
    if not window.is_partial:
        return t("decomp.whole_year", lang)
    first = fmt_month_short(1) + "."
    months = first if window.months == 1 else f"{first}–{fmt_month_short(window.months)}."
    return t("decomp.both_years", lang, months=months) if both else months


def period_text(window: Window, lang: str | None = None) -> str:
    """e.g. '2022 og 2025 (hele året)' or '2022 og 2026 (jan.–okt.)'."""
    return t("decomp.period_text", lang, base=window.base_year, cur=window.comparison_year,
             months=months_text(window, lang))


@dataclass(frozen=True)
class Bar:
    """A waterfall step with its text: analysis.segments.Step plus the label on the axis."""

    key: str
    label: str
    value: float  # kr.
    measure: str


def step_label(step: Step, dimension: Dimension, lang: str | None = None) -> str:
    """The axis text of a step: e.g. 'Flere<br>helårspersoner', 'Regnskab 2022', 'Skift mellem<br>tilbudstyper'."""
    if step.word == "mix_between":
        return t("decomp.step.mix_between", lang, groups=t(f"decomp.group_plural.{dimension.slug}", lang))
    if step.year is not None:
        return t(f"decomp.step.{step.word}", lang, year=step.year)
    return t(f"decomp.step.{step.word}", lang)


def bars(steps: list[Step], dimension: Dimension, lang: str | None = None) -> list[Bar]:
    """The steps with their labels."""
    return [Bar(s.key, step_label(s, dimension, lang), s.value, s.measure) for s in steps]


def waterfall_steps(d: Decomposition, dimension: Dimension, window: Window, bridge: LedgerBridge | None = None,
                    scaled: bool = False, lang: str | None = None) -> list[Bar]:
    """analysis.segments.waterfall_steps with the labels (:func:`bars`)."""
    return bars(sg.waterfall_steps(d, dimension, window, bridge, scaled), dimension, lang)


# --- tables and exports -------------------------------------------------------------------------

_EFFECT_HEADER = {
    "volume": "decomp.col.volume", "mix": "decomp.col.mix", "mix_between": "decomp.col.mix_between",
    "mix_within": "decomp.col.mix_within", "unit_price": "decomp.col.unit_price",
    "inflation": "decomp.col.inflation", "real_price": "decomp.col.real_price",
    "residual": "decomp.col.residual", "unallocated": "decomp.col.unallocated",
}


def _column(name: str, header: str, kind: str) -> Column:
    """A report column: the export keeps kr. with 2 decimals (shown whole in Excel) and HÅP with 4 (shown
    with 1); text as it is."""
    if kind == "text":
        return Column(name, header, kind=kind)
    return Column(name, header, 4 if kind == "persons" else 2, 1 if kind == "persons" else 0, kind=kind)


def segment_report(d: Decomposition, segments: pl.DataFrame, dimension: Dimension, window: Window,
                   bridge: LedgerBridge | None = None, scaled: bool = False,
                   lang: str | None = None, citizens: pl.DataFrame | None = None) -> tuple[pl.DataFrame, list[Column]]:
    """One row per segment plus a total row: HÅP, unit price, cost of both periods, the effects and the
    total change (kr.; HÅP as persons). With ``scaled`` also the activity cost shares applied to the
    ledger. ``segments`` carries the display names (:func:`label_segments`). Returns the frame and its
    columns (header text, kind, and the decimals of the export).

    ``citizens`` (segment, citizens_base, citizens_current; given when small counts are suppressed, issue 22):
    the segment rows are masked by analysis.suppression (every figure of a hidden row is null, the frame
    gets the flags ``small`` and ``suppressed``); the total row keeps the totals, which the secondary rule
    keeps from giving a hidden row back."""
    b, c = window.base_year, window.comparison_year
    effects = effect_columns(d, dimension)
    per = d.per_segment.join(segments.select("segment", "label", "group_label", "sort_key"), on="segment", how="left")
    if scaled and bridge is not None:
        per = bridge.ledger_shares(per)
    per = per.with_columns(pl.sum_horizontal(effects).alias("change")).sort("sort_key")
    cols: list[Column] = []
    if dimension.two_level:
        cols.append(_column("group_label", t(f"decomp.dim_group.{dimension.slug}", lang), "text"))
    cols.append(_column("label", t("decomp.col.segment", lang) if dimension.two_level else dimension_label(dimension, lang), "text"))
    cols += [
        _column("volume_base", t("decomp.col.hap", lang, year=b), "persons"),
        _column("volume_current", t("decomp.col.hap", lang, year=c), "persons"),
        _column("unit_price_base", t("decomp.col.unit_price_year", lang, year=b), "price"),
        _column("unit_price_current", t("decomp.col.unit_price_year", lang, year=c), "price"),
        _column("cost_base", t("decomp.col.cost", lang, year=b), "dkk"),
        _column("cost_current", t("decomp.col.cost", lang, year=c), "dkk"),
    ]
    if scaled and bridge is not None:
        cols += [_column("ledger_cost_base", t("decomp.col.ledger_share", lang, year=b), "dkk"),
                 _column("ledger_cost_current", t("decomp.col.ledger_share", lang, year=c), "dkk")]
    cols += [_column(e, t(_EFFECT_HEADER[e], lang), "dkk") for e in effects]
    cols.append(_column("change", t("decomp.col.change", lang), "dkk"))

    keys = [col.name for col in cols]
    body = per.select(keys)
    if citizens is not None:
        numbers = [c.name for c in cols if c.kind != "text"]
        body = suppress(per.join(citizens, on="segment", how="left")
                        .with_columns(pl.col("citizens_base", "citizens_current").fill_null(0)),
                        ["citizens_base", "citizens_current"], numbers).select(keys + ["segment", SMALL, SUPPRESSED])
    sums = {k: (float(per[k].sum()) if k in per.columns and per[k].dtype.is_numeric() else None) for k in keys}
    v0, v1 = sums["volume_base"], sums["volume_current"]
    sums["unit_price_base"] = sums["cost_base"] / v0 if v0 else None
    sums["unit_price_current"] = sums["cost_current"] / v1 if v1 else None
    if dimension.two_level:
        sums["group_label"] = ""
    sums["label"] = t("common.total", lang)
    if citizens is not None:
        sums |= {"segment": None, SMALL: False, SUPPRESSED: False}
    total = pl.DataFrame([{k: sums[k] for k in body.columns}], schema=body.schema)
    return pl.concat([body, total]), cols


def totals_report(steps: list[Bar], d: Decomposition, bridge: LedgerBridge | None, lang: str | None = None) -> pl.DataFrame:
    """The waterfall as a table (component, amount in kr.) plus the coverage lines: one row per step,
    then the total change and, when the ledger is loaded, ledger, activity cost and coverage."""
    rows = [(s.label.replace("<br>", " "), s.value) for s in steps]
    rows.append((t("decomp.total_change", lang), steps[-1].value - steps[0].value))
    out = pl.DataFrame({"component": [r[0] for r in rows], "amount_dkk": [float(r[1]) for r in rows],
                        "coverage": [None] * len(rows)}, schema={"component": pl.String, "amount_dkk": pl.Float64,
                                                                 "coverage": pl.Float64})
    if bridge is not None and bridge.available:
        extra = pl.DataFrame({
            "component": [t("decomp.coverage_row", lang, which=t("decomp.base", lang)),
                          t("decomp.coverage_row", lang, which=t("decomp.comparison", lang))],
            "amount_dkk": [bridge.activity_base, bridge.activity_current],
            "coverage": [bridge.coverage_base, bridge.coverage_current],
        }, schema=out.schema)
        out = pl.concat([out, extra])
    return out


def display_table(report: pl.DataFrame, cols: list[Column]) -> pl.DataFrame:
    """The report as Danish-formatted text: amounts in mio. kr. (1 decimal), unit prices in t.kr.,
    HÅP with 1 decimal (the page states the units under the table, the exports in their headers)."""
    exprs = []
    for col in cols:
        if col.kind == "text":
            exprs.append(pl.col(col.name).fill_null("").alias(col.header))
            continue
        if col.kind == "persons":
            fn = fmt_persons
        elif col.kind == "price":
            fn = (lambda v: fmt_number(v / 1000, 1) if v is not None else "–")
        elif col.kind == "pct":
            fn = fmt_pct
        else:
            fn = (lambda v: fmt_number(v / 1e6, 1) if v is not None else "–")
        if SUPPRESSED in report.columns:
            exprs.append(pl.Series(col.header, cells(report, col.name, fn), dtype=pl.String))
        else:
            exprs.append(fmt_values(report[col.name], fn, skip_nulls=False).alias(col.header))
    return report.select(exprs)


def _export_headers(cols: list[Column], lang: str | None) -> list[str]:
    def header(col: Column) -> str:
        if col.kind == "price":
            return f"{col.header} ({t('decomp.unit.kr_per_hap', lang)})"
        if col.kind == "dkk":
            return t("unit.col_kr", lang, label=col.header)
        return col.header

    return [header(col) for col in cols]


def _export(meta: list[tuple[str, str]], report: pl.DataFrame, cols: list[Column], totals: pl.DataFrame,
            lang: str | None) -> tuple[exports.ExportMeta, list[exports.Table]]:
    """The header block and the two tables of the decomposition export, for present.exports: the
    per-segment table (kr. with 2 decimals, shown whole in Excel; HÅP with 4, shown with 1) and the totals
    (the waterfall, the total change and the coverage in per cent)."""
    segment_cols = [replace(c, header=h) for c, h in zip(cols, _export_headers(cols, lang))]
    total_cols = [Column("component", t("decomp.col.component", lang)),
                  Column("amount_dkk", t("decomp.col.amount_kr", lang), 2, 0),
                  Column("coverage_pct", t("decomp.col.coverage", lang), 1)]
    totals = totals.with_columns((pl.col("coverage") * 100).alias("coverage_pct"))
    head = exports.ExportMeta(meta[0][0], {label: value for label, value in meta[1:]})
    return head, [exports.Table(report, segment_cols, t("decomp.sheet.segments", lang)),
                  exports.Table(totals, total_cols, t("decomp.sheet.totals", lang))]


def csv_export(meta: list[tuple[str, str]], report: pl.DataFrame, cols: list[Column], totals: pl.DataFrame,
               lang: str | None = None) -> bytes:
    """';'-separated CSV with decimal comma (UTF-8 with BOM for Excel): the header block (label;value),
    a blank line, the per-segment table (kr. with 2 decimals, HÅP with 4), a blank line and the totals."""
    return exports.tables_to_csv(*_export(meta, report, cols, totals, lang))


def xlsx_export(meta: list[tuple[str, str]], report: pl.DataFrame, cols: list[Column], totals: pl.DataFrame,
                lang: str | None = None) -> bytes:
    """An Excel workbook with two sheets, each starting with the header block: 'Segmenter' (the
    per-segment table, kr. and HÅP as numbers) and 'I alt' (totals)."""
    return exports.tables_to_xlsx(*_export(meta, report, cols, totals, lang))


# --- words --------------------------------------------------------------------------------------

def _tidy(text: str) -> str:
    """One period after an abbreviation that ends a sentence ('mio. kr..' -> 'mio. kr.')."""
    return text.replace("kr..", "kr.")


def _mio(v: float) -> str:
    return fmt_signed_dkk(v, unit="mio")


def headline(d: Decomposition, area_name: str, window: Window, steps: list[Bar] | list[Step], scaled: bool,
             lang: str | None = None, price_text: str | None = None) -> str:
    """One sentence: how much the cost rose or fell between the periods, in ``price_text`` (default: current
    prices)."""
    change = steps[-1].value - steps[0].value
    return _tidy(t("decomp.headline_up" if change >= 0 else "decomp.headline_down", lang,
             what=t("decomp.what_ledger" if scaled else "decomp.what_activity", lang), area=area_name,
             amount=fmt_mio(abs(change)), start=fmt_mio(steps[0].value), end=fmt_mio(steps[-1].value),
             base=window.base_year, cur=window.comparison_year, months=months_text(window, lang),
             prices=price_text or t("decomp.price_current", lang)))


def explanation(d: Decomposition, dimension: Dimension, area_name: str, window: Window, steps: list[Bar] | list[Step],
                price_text: str, method_name: str, bridge: LedgerBridge | None = None, scaled: bool = False,
                report: pl.DataFrame | None = None, lang: str | None = None, with_headline: bool = True,
                fixed: bool = False) -> str:
    """A plain-Danish paragraph on the result, as Markdown; every number comes from ``d`` (and
    ``bridge``/``steps`` built from it), and segment names (imported data: providers, measures) are shown
    literally (present.formatting.md_literal). ``with_headline=False`` leaves out the first sentence
    (:func:`headline`) when the page already shows it."""
    per = d.per_segment
    v0, v1 = float(per["volume_base"].sum()), float(per["volume_current"].sum())
    parts = [headline(d, area_name, window, steps, scaled, lang, price_text) + " "] if with_headline else []
    parts.append(t("decomp.explain.volume", lang, v0=fmt_persons(v0), v1=fmt_persons(v1), amount=_mio(d.volume),
                   dim=dimension_label(dimension, lang).lower()))
    by_key = {s.key: s for s in steps}
    if "mix_between" in by_key:
        parts.append(" " + t("decomp.explain.mix_two", lang, between=_mio(d.mix_between), within=_mio(d.mix_within),
                             groups=t(f"decomp.group_plural.{dimension.slug}", lang)))
    else:
        parts.append(" " + t("decomp.explain.mix", lang, amount=_mio(d.mix), dim=dimension_label(dimension, lang).lower()))
    if fixed:
        parts.append(" " + t("decomp.explain.real_price", lang, amount=_mio(d.unit_price)))
    elif "inflation" in by_key:
        parts.append(" " + t("decomp.explain.price_split", lang, amount=_mio(d.unit_price), pl=_mio(d.inflation),
                             real=_mio(d.real_price)))
    else:
        parts.append(" " + t("decomp.explain.price", lang, amount=_mio(d.unit_price)))
    # the same change split finer moves part of the price effect into mix: say so wherever the amount is read
    parts.append(" " + t("decomp.explain.price_within", lang, dim=dimension_label(dimension, lang).lower()))
    if "residual" in by_key:
        parts.append(" " + t("decomp.explain.residual", lang, amount=_mio(d.residual)))
    if d.unallocated:
        parts.append(" " + t("decomp.explain.unallocated", lang, amount=_mio(d.unallocated)))
    body = (report.head(report.height - 1).filter(pl.col("change").is_not_null())   # never a hidden segment
            if report is not None and report.height > 1 else None)
    if body is not None and body.height:
        top = body.sort("change", descending=True).row(0, named=True)
        low = body.sort("change").row(0, named=True)
        name = (lambda r: md_literal(f"{r['group_label']} · {r['label']}" if r.get("group_label") else r["label"]))
        if top["change"] > 0:
            parts.append(" " + t("decomp.explain.top_up", lang, segment=name(top), amount=_mio(top["change"])))
        if low["change"] < 0:
            parts.append(" " + t("decomp.explain.top_down", lang, segment=name(low), amount=_mio(low["change"])))
    if bridge is not None and bridge.available:
        parts.append(" " + t("decomp.explain.coverage", lang, base=window.base_year, cur=window.comparison_year,
                             c0=fmt_pct(bridge.coverage_base, 0), c1=fmt_pct(bridge.coverage_current, 0)))
        if scaled:
            parts.append(" " + t("decomp.explain.unexplained", lang, amount=_mio(bridge.unexplained_change)))
    parts.append(" " + t("decomp.explain.method", lang, method=method_name, prices=price_text))
    return _tidy("".join(parts))


def meta_block(kommune_name: str, area_name: str, window: Window, price_text: str, method_name: str,
               dimension: Dimension, source: str, data_version: str, lang: str | None = None,
               extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The header block every export carries (label, value): a title line, municipality, area, period,
    price base, method, split, source, data date and data version (``extra`` lines after the method)."""
    return [
        (t("decomp.export_title", lang), ""),
        (t("sidebar.municipality", lang), kommune_name),
        (t("sidebar.area", lang), area_name),
        (t("sidebar.period", lang), period_text(window, lang)),
        (t("sidebar.prices", lang), price_text),
        (t("common.method", lang), method_name),
        *(extra or []),
        (t("decomp.dimension", lang), dimension_label(dimension, lang)),
        (t("common.source", lang), source),
        (t("data.date", lang), t("decomp.data_date_value", lang, date=fmt_date(window.data_date))),
        (t("common.database_version", lang), data_version),
    ]


# --- the page's view ----------------------------------------------------------------------------

@dataclass(frozen=True)
class DecompositionChoices:
    """What the page's view depends on besides the data: the page's own choices (years, split, method,
    scaling) and the sidebar's context as text (area, municipality, price base) and numbers (PL index)."""

    base_year: int
    comparison_year: int
    dimension: str = sg.DEFAULT_DIMENSION
    method: str = DECOMPOSITION_METHODS[0]
    scaled: bool = False
    area_name: str = ""
    area_code: str = ""
    kommune_caption: str = ""     # municipality as in captions
    kommune_export: str = ""      # municipality as in the export's header block (with the synthetic note)
    area_export: str = ""         # area as in the export's header block
    price_base_year: int | None = None                  # fixed prices of this year; None = current prices
    refund_basis: str | None = None                     # the sidebar's basis (domain.codes.REFUND_BASES), for
                                                        # the line that reconciles with Udgiftsudvikling
    pl_index: dict[int, float] = field(default_factory=dict)
    pl_source: str | None = None
    data_version: str = ""
    latest_comparable: int | None = None                # the latest year with a complete month (page default)
    # a user without citizen-level access (issue 22): segments of fewer than 5 citizens are hidden ('<5');
    # the data then carry the citizens per segment (dashboard.loaders.load_decomposition(citizens=True))
    suppress_small: bool = False
    age: str | None = None                              # the sidebar's age filter (domain.codes.AGE_FILTERS)


@dataclass(frozen=True)
class DecompositionView:
    """Everything the Dekomponering page shows for one set of choices.

    ``status`` is 'ok', or why there is nothing to show: 'no_activity', 'no_months' or 'error', with the
    ``message`` ('info', 'warning' or 'error' by ``message_level``) and an optional ``hint`` (info). The
    ``notices`` are shown with the page's own notices; ``partial_notice`` says that the years are cut to
    the same months."""

    status: str
    dimension: Dimension
    message: str | None = None
    message_level: str = "info"
    hint: str | None = None
    notices: tuple[str, ...] = ()
    partial_notice: str | None = None
    window: Window | None = None
    segments: pl.DataFrame | None = None
    bridge: LedgerBridge | None = None
    decomposition: Decomposition | None = None
    scaled: bool = False
    price_index: tuple[float, float] | None = None
    price_text: str = ""
    method_name: str = ""
    steps: tuple[Bar, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    headline: str = ""
    coverage_line: str | None = None
    fixed_note: str | None = None
    pl_effect: float | None = None               # fixed prices: change in current prices - change in fixed (kr.)
    current_change: float | None = None          # fixed prices: the same change in current prices (kr.)
    reconciliation: str | None = None            # the ledger's change = activity + not explained (+ refunds)
    ledger_change: float | None = None           # the ledger's change before refunds, in the view's prices (kr.)
    refund_change: float | None = None           # the state refunds' change, in the view's prices (kr.)
    caption: str = ""
    chart_title: str = ""
    bar_texts: tuple[str, ...] = ()
    explanation: str = ""
    table_title: str = ""
    segment_bars: pl.DataFrame | None = None     # name, change (kr.), sorted by change
    segment_bar_texts: tuple[str, ...] = ()
    segment_chart_title: str = ""
    report: pl.DataFrame | None = None
    columns: tuple[Column, ...] = ()
    table: pl.DataFrame | None = None            # the report as text, without the ledger shares
    table_units: str = ""
    totals: pl.DataFrame | None = None
    totals_table: pl.DataFrame | None = None     # the waterfall as text (mio. kr., coverage in %)
    meta: tuple[tuple[str, str], ...] = ()
    file_stem: str = ""
    csv: bytes = b""
    xlsx: bytes = b""
    segment_options: tuple[str, ...] = ()
    segment_labels: dict[str, str] = field(default_factory=dict)
    largest_segment: str | None = None
    suppressed_note: str | None = None           # under the segment chart and table when a segment is hidden
    hidden_segments: frozenset[str] = frozenset()  # the segments (keys) hidden in the table (issue 22)


def _stopped(status: str, dimension: Dimension, message: str, level: str = "info", **kw) -> DecompositionView:
    return DecompositionView(status, dimension, message=message, message_level=level, **kw)


def decomposition_view(data, choices: DecompositionChoices, lang: str | None = None) -> DecompositionView:
    """The Dekomponering page for ``choices`` from ``data`` (dashboard.loaders.DecompositionData).

    Pipeline: comparison_window -> build_segments -> ledger_bridge -> decompose (method, PL index of both
    years in fixed prices) -> waterfall_steps -> segment_report, then the texts, tables and exports. The
    waterfall's start plus its effects equals its end; the report's total change equals the decomposition's.
    """
    dimension = sg.DIMENSIONS[choices.dimension]
    base_year, cur_year = choices.base_year, choices.comparison_year
    method_name = t(f"decomp.method.{choices.method}", lang)
    if data.data_date is None:
        return _stopped("no_activity", dimension, t("decomp.no_activity", lang))
    window = sg.comparison_window(base_year, cur_year, data.data_date, data.ledger)
    if window.months == 0:
        empty = [y for y in window.years if window.activity_months[y] == 0 or window.ledger_months.get(y) == 0]
        latest = choices.latest_comparable
        hint = (t("decomp.latest_comparable", lang, date=fmt_date(window.data_date), latest=latest)
                if latest is not None and latest not in window.years else None)
        return _stopped("no_months", dimension, t("decomp.no_months", lang, year=", ".join(map(str, empty or window.years))),
                        "warning", hint=hint, window=window)
    partial = None
    if window.is_partial:
        short = [y for y in window.years
                 if window.activity_months[y] < 12 or (window.ledger_months.get(y) or 12) < 12]
        ledger_upto = ""
        for y in short:
            if window.ledger_months.get(y) is not None and window.ledger_months[y] < 12:
                ledger_upto = t("decomp.ledger_upto", lang, month=fmt_month(y, window.ledger_months[y]))
        partial = t("decomp.partial_notice", lang, years=join_and(map(str, short), lang),
                    date=fmt_date(window.data_date), ledger=ledger_upto, months=months_text(window, lang, both=False))

    segments = build_segments(data.segments, window, dimension, lang)
    if segments.is_empty() or (segments["volume_base"].sum() == 0 and segments["volume_current"].sum() == 0):
        message = (t("decomp.no_activity", lang) if choices.age is None
                   else t("decomp.no_activity_age", lang, age=age_label(choices.age, lang)))
        return _stopped("no_activity", dimension, message, partial_notice=partial, window=window)
    bridge = sg.ledger_bridge(data.ledger, window, float(segments["cost_base"].sum()),
                              float(segments["cost_current"].sum()))
    scaled = bool(choices.scaled)
    notices: list[str] = []
    area_name = choices.area_name
    if choices.age is not None:
        # the ledger holds every age: a part of the citizens is neither reconciled with it nor scaled to it
        bridge = sg.LedgerBridge(bridge.activity_base, bridge.activity_current, None, None)
        notices.append(t("decomp.age_filter_note", lang, age=age_label(choices.age, lang)))
        area_name = f"{area_name} ({age_label(choices.age, lang)})"
        scaled = False
    missing_ledger = [y for y, v in zip(window.years, (bridge.ledger_base, bridge.ledger_current)) if v is None]
    if missing_ledger and choices.age is None:
        # the data date's year without postings is not yet posted (January), not missing
        not_yet = [y for y in missing_ledger if y >= window.data_date.year]
        gaps = [y for y in missing_ledger if y not in not_yet]
        if not_yet:
            notices.append(t("decomp.ledger_not_yet", lang, years=", ".join(map(str, not_yet))))
        if gaps:
            notices.append(t("decomp.ledger_missing", lang, years=", ".join(map(str, gaps))))
        scaled = False

    # fixed prices: both years' cost (activity and ledger) in prices of the chosen year, so every bar, card and
    # sentence is a real change; the price and wage growth (PL) is the difference to current prices, shown
    # beside the bars and never inside their total
    price_index = None
    price_text = t("decomp.price_current", lang)
    current_start = current_end = None
    refund_rows = data.refunds if getattr(data, "refunds", None) is not None else None
    refunds = ((sg.window_total(refund_rows, window, base_year), sg.window_total(refund_rows, window, cur_year))
               if refund_rows is not None else (None, None))
    if choices.price_base_year is not None:
        missing = [y for y in (*window.years, choices.price_base_year) if y not in choices.pl_index]
        if missing:
            notices.append(t("status.pl_missing_years", lang, years=", ".join(map(str, sorted(set(missing))))))
        else:
            price_index = (choices.pl_index[base_year], choices.pl_index[cur_year])
            factors = (choices.pl_index[choices.price_base_year] / price_index[0],
                       choices.pl_index[choices.price_base_year] / price_index[1])
            price_text = t("decomp.price_fixed", lang, year=choices.price_base_year)
            current = (bridge.ledger_base, bridge.ledger_current) if scaled else \
                (float(segments["cost_base"].sum()), float(segments["cost_current"].sum()))
            current_start, current_end = current
            segments = sg.in_fixed_prices(segments, *factors)
            bridge = bridge.in_prices(*factors)
            refunds = tuple(None if r is None else r * f for r, f in zip(refunds, factors))
    try:
        d = decompose(segments, choices.method, None)
    except ValueError as exc:
        return _stopped("error", dimension, md_literal(exc), "error",     # may name segments (imported data)
                        notices=tuple(notices), partial_notice=partial, window=window)
    steps = waterfall_steps(d, dimension, window, bridge, scaled, lang)
    if price_index is not None:
        # in fixed prices the unit price's change is a real price change
        steps = [replace(s, label=step_label(Step(s.key, s.key.replace("unit_price", "real") +
                                                  ("_up" if s.value >= 0 else "_down"), s.value, s.measure),
                                             dimension, lang))
                 if s.key == "unit_price" else s for s in steps]
    citizens = None
    if choices.suppress_small:
        if getattr(data, "citizens", None) is None:
            raise ValueError("suppressing small counts needs the citizens per segment (load_decomposition(citizens=True))")
        citizens = sg.window_citizens(data.citizens.filter(pl.col("provider") == ""), window) \
            .rename({"segment_value": "segment"})
    report, columns = segment_report(d, segments, dimension, window, bridge, scaled, lang, citizens)

    start, end = steps[0].value, steps[-1].value
    pl_effect = current_change = None
    if price_index is not None:
        current_change = current_end - current_start
        pl_effect = current_change - (end - start)
    cards = [(t("decomp.kpi.total", lang), end - start), (t("decomp.kpi.volume", lang), d.volume)]
    cards.append((t("decomp.kpi.mix", lang), d.mix))
    cards.append((t("decomp.kpi.real_price" if price_index is not None else "decomp.kpi.unit_price", lang),
                  d.unit_price))
    # the unit sits in the label so that five cards fit side by side at 1600 px; each label says its prices
    kpis = [Kpi(t("common.kpi_mio", lang, label=kpi_label(label, None, price_text, lang)),
                fmt_mio_number(value, signed=True),
                fmt_pct(value / start, signed=True) if start else None, t("decomp.kpi_help", lang, year=base_year))
            for label, value in cards]
    if pl_effect is not None:
        kpis.append(Kpi(t("common.kpi_mio", lang, label=t("decomp.kpi.inflation_beside", lang)),
                        fmt_mio_number(pl_effect, signed=True), None,
                        t("decomp.kpi_help_pl", lang, current=fmt_signed_dkk(current_change, unit="mio"),
                          year=choices.price_base_year)))
    kpis = tuple(kpis)
    coverage_line = (t("decomp.coverage_line", lang, c0=fmt_pct(bridge.coverage_base, 0),
                       c1=fmt_pct(bridge.coverage_current, 0), base=base_year, cur=cur_year,
                       l0=fmt_mio(bridge.ledger_base), l1=fmt_mio(bridge.ledger_current))
                     if bridge.available else None)
    fixed_note = (t("decomp.fixed_note", lang, i0=fmt_number(price_index[0], 1), i1=fmt_number(price_index[1], 1),
                    ip=fmt_number(choices.pl_index[choices.price_base_year], 1), base=base_year, cur=cur_year,
                    year=choices.price_base_year, pl=fmt_signed_dkk(pl_effect, unit="mio"),
                    current=fmt_signed_dkk(current_change, unit="mio"))
                  if price_index is not None else None)
    ledger_change = refund_change = reconciliation = None
    if bridge.available:
        # the ledger's change (before refunds) = the activity cost's change + what activity data do not explain;
        # Udgiftsudvikling's default adds the state refunds' change
        ledger_change = bridge.ledger_current - bridge.ledger_base
        reconciliation = t("decomp.reconcile", lang, base=base_year, cur=cur_year, months=months_text(window, lang),
                           prices=price_text, ledger=fmt_signed_dkk(ledger_change, unit="mio"),
                           activity=fmt_signed_dkk(bridge.activity_current - bridge.activity_base, unit="mio"),
                           unexplained=fmt_signed_dkk(bridge.unexplained_change, unit="mio"))
        if choices.refund_basis is not None and 2 in REFUND_BASES[choices.refund_basis]:
            r0, r1 = (r or 0.0 for r in refunds)
            refund_change = r1 - r0
            reconciliation += " " + t("decomp.reconcile_refunds", lang,
                                      after=fmt_signed_dkk(ledger_change + refund_change, unit="mio"),
                                      refunds=fmt_signed_dkk(refund_change, unit="mio"))
        reconciliation = _tidy(reconciliation)
    source = join_and([t("decomp.source_activity", lang)] + ([t("decomp.source_ledger", lang)] if scaled else []), lang)
    caption = " · ".join([
        choices.kommune_caption, area_name, period_text(window, lang), price_text,
        f"{t('common.method', lang)}: {method_name}", f"{t('common.source', lang)}: {source}",
        f"{t('data.date', lang)}: {t('decomp.data_date_value', lang, date=fmt_date(window.data_date))}",
        f"{t('common.database_version', lang)}: {choices.data_version}",
    ])
    dim_lower = dimension_label(dimension, lang).lower()
    chart_title = (t("decomp.chart_title", lang, base=base_year, cur=cur_year, months=months_text(window, lang),
                     dim=dim_lower)
                   + "<br><sup>" + t("decomp.chart_subtitle", lang, prices=price_text[0].upper() + price_text[1:])
                   + "</sup>")
    bar_texts = tuple(fmt_mio_number(s.value, signed=True) if s.measure == "relative" else fmt_number(s.value / 1e6, 1)
                      for s in steps)
    explanation_text = explanation(d, dimension, area_name, window, steps, price_text, method_name, bridge,
                                   scaled, report, lang, with_headline=False, fixed=price_index is not None)

    body = report.head(report.height - 1)
    if SUPPRESSED in body.columns:
        body = body.filter(~pl.col(SUPPRESSED))      # a chart never plots a hidden segment
    names = [plot_literal(f"{g} · {lbl}" if g else lbl) for g, lbl in   # imported names: text, not Plotly markup
             zip(body["group_label"].to_list() if dimension.two_level else [""] * body.height, body["label"].to_list())]
    segment_bars = pl.DataFrame({"name": names, "change": body["change"].to_list()},
                                schema={"name": pl.String, "change": pl.Float64}).sort("change")
    on_screen = [c for c in columns if not c.name.startswith("ledger_cost")]   # exports keep them
    table_units = (t("decomp.table_units", lang, months=months_text(window, lang))
                   + (" " + t("decomp.ledger_share_note", lang) if len(on_screen) < len(columns) else ""))

    pl_line = ([(t("sidebar.pl_source", lang, source="").rstrip(": "), choices.pl_source)]
               if price_index and choices.pl_source else [])
    area_export = choices.area_export if choices.age is None else f"{choices.area_export} ({age_label(choices.age, lang)})"
    meta = meta_block(choices.kommune_export, area_export, window, price_text, method_name, dimension, source,
                      choices.data_version, lang, extra=pl_line)
    totals = totals_report(steps, d, bridge, lang)
    options = segments["segment"].to_list()
    labels = dict(zip(options, [f"{g} · {lbl}" if g else lbl for g, lbl in
                                zip(segments["group_label"].to_list(), segments["label"].to_list())]))
    largest = d.per_segment.with_columns((pl.col("cost_current") - pl.col("cost_base")).abs().alias("size")) \
        .sort("size", descending=True)["segment"][0]
    return DecompositionView(
        status="ok", dimension=dimension, notices=tuple(notices), partial_notice=partial, window=window,
        segments=segments, bridge=bridge, decomposition=d, scaled=scaled, price_index=price_index,
        price_text=price_text, method_name=method_name, steps=tuple(steps), kpis=kpis,
        headline=headline(d, area_name, window, steps, scaled, lang, price_text), coverage_line=coverage_line,
        fixed_note=fixed_note, pl_effect=pl_effect, current_change=current_change, reconciliation=reconciliation,
        ledger_change=ledger_change, refund_change=refund_change, caption=caption, chart_title=chart_title, bar_texts=bar_texts,
        explanation=explanation_text, table_title=t("decomp.table_title", lang) + f" ({dim_lower})",
        segment_bars=segment_bars,
        segment_bar_texts=tuple(fmt_mio_number(v, signed=True) for v in segment_bars["change"].to_list()),
        segment_chart_title=(t("decomp.segment_chart_title", lang, dim=dim_lower) + "<br><sup>"
                             + period_text(window, lang) + ", " + price_text + "</sup>"),
        report=report, columns=tuple(columns), table=display_table(report, on_screen), table_units=table_units,
        totals=totals, totals_table=totals.select(
            pl.col("component").alias(t("decomp.col.component", lang)),
            fmt_values(totals["amount_dkk"], lambda v: fmt_number(v / 1e6, 1))
            .alias(t("unit.col_mio", lang, label=t("decomp.col.amount", lang))),
            fmt_values(totals["coverage"], lambda v: fmt_pct(v, 0)).fill_null("").alias(t("decomp.col.coverage", lang))),
        meta=tuple(meta),
        file_stem=(f"dekomponering_{choices.area_code}_{base_year}-{cur_year}_{dimension.key}_{choices.method}_"
                   + (f"faste-{choices.price_base_year}" if price_index is not None else "loebende")
                   + ("" if choices.age is None else f"_alder-{choices.age}")),
        csv=csv_export(meta, report, columns, totals, lang), xlsx=xlsx_export(meta, report, columns, totals, lang),
        segment_options=tuple(options), segment_labels=labels, largest_segment=largest,
        suppressed_note=note([report], lang),
        hidden_segments=frozenset(report.filter(pl.col(SUPPRESSED))["segment"].to_list())
        if citizens is not None else frozenset(),
    )


#: The main splits a manager compares to see how robust the price and mix amounts are (keys of
#: analysis.segments.DIMENSIONS).
MAIN_SPLITS: tuple[str, ...] = ("niveau", "tilbudstype-niveau", "paragraf-niveau", "leverandoertype")


@dataclass(frozen=True)
class SplitsView:
    """The same change decomposed by each main split, side by side: ``numbers`` one row per split (split,
    volume, mix, unit_price, other = residual + unallocated + not explained, total, kr.), ``table`` as text,
    a ``sentence`` on how far the unit-price effect moves between them, and the ``note`` why it does."""

    numbers: pl.DataFrame
    table: pl.DataFrame
    sentence: str
    note: str
    title: str


def splits_view(views: dict[str, DecompositionView], lang: str | None = None) -> SplitsView | None:
    """Side by side: the decomposition views of one set of choices under each split (``views``: split key ->
    view). None when fewer than two splits could be decomposed. Every row adds up to its total, and the
    totals are one figure (the cost, or the ledger, of the two years does not depend on the split)."""
    ok = {k: v for k, v in views.items() if v.status == "ok"}
    if len(ok) < 2:
        return None
    fixed = any(v.pl_effect is not None for v in ok.values())
    rows = []
    for key, v in ok.items():
        d = v.decomposition
        total = v.steps[-1].value - v.steps[0].value
        other = total - d.volume - d.mix - d.unit_price
        rows.append({"split": dimension_label(v.dimension, lang), "key": key, "volume": d.volume, "mix": d.mix,
                     "unit_price": d.unit_price, "other": other, "total": total})
    numbers = pl.DataFrame(rows, schema={"split": pl.String, "key": pl.String, "volume": pl.Float64,
                                         "mix": pl.Float64, "unit_price": pl.Float64, "other": pl.Float64,
                                         "total": pl.Float64})
    price_header = t("decomp.kpi.real_price" if fixed else "decomp.kpi.unit_price", lang)
    headers = {"volume": t("decomp.kpi.volume", lang), "mix": t("decomp.kpi.mix", lang), "unit_price": price_header,
               "other": t("decomp.splits_other", lang), "total": t("decomp.kpi.total", lang)}
    table = numbers.select(
        pl.col("split").alias(t("decomp.dimension", lang)),
        *[fmt_values(numbers[c], lambda v: fmt_signed_dkk(v, unit="mio").removesuffix(" mio. kr."))
          .alias(t("unit.col_mio", lang, label=h)) for c, h in headers.items()])
    lo, hi = numbers.sort("unit_price").row(0, named=True), numbers.sort("unit_price").row(-1, named=True)
    first = next(iter(ok.values()))
    sentence = t("decomp.splits_sentence", lang, total=fmt_signed_dkk(rows[0]["total"], unit="mio"),
                 n=len(rows), lo=_mio(lo["unit_price"]), lo_split=lo["split"].lower(), hi=_mio(hi["unit_price"]),
                 hi_split=hi["split"].lower(), price=price_header.lower())
    return SplitsView(numbers, table, _tidy(sentence), t("decomp.splits_note", lang),
                      t("decomp.splits_title", lang, base=first.window.base_year, cur=first.window.comparison_year,
                        prices=first.price_text))


def provider_view(data, window: Window, segment: str, base_year: int, cur_year: int,
                  lang: str | None = None, suppress_small: bool = False,
                  segment_hidden: bool = False) -> pl.DataFrame | None:
    """The providers of one segment as the page's text table (analysis.segments.provider_table, formatted),
    or None when the segment has none. ``suppress_small`` (issue 22): providers of fewer than 5 citizens in
    the segment are hidden by analysis.suppression's rule with the segment as their total; in a segment that
    is itself hidden in the segment table (``segment_hidden``: DecompositionView.hidden_segments) every
    provider is hidden (their sum would give the segment back), also when the URL asks for that segment."""
    providers = sg.provider_table(data.providers, window, segment)
    if providers.is_empty():
        return None
    if suppress_small:
        counts = sg.window_citizens(data.citizens.filter(pl.col("segment_value") == segment), window,
                                    ["provider"])
        whole = counts.filter(pl.col("provider") == "")
        segment_small = any(0 < v < SUPPRESSION_THRESHOLD for v in
                            whole["citizens_base"].to_list() + whole["citizens_current"].to_list())
        numbers = ["volume_base", "volume_current", "cost_base", "cost_current", "unit_price_base",
                   "unit_price_current"]
        providers = suppress(providers.join(counts, on="provider", how="left")
                             .with_columns(pl.col("citizens_base", "citizens_current").fill_null(0)),
                             ["citizens_base", "citizens_current"], numbers)
        if segment_hidden or segment_small:
            providers = providers.with_columns(pl.lit(None, dtype=pl.Float64).alias(c) for c in numbers) \
                .with_columns(pl.col(SMALL) | pl.lit(segment_small), pl.lit(True).alias(SUPPRESSED))
    # labels made here, in this run's language (a polars UDF would run t() on a polars thread, in Danish)
    type_labels = {v: ", ".join(value_label("provider_type", p.strip(), lang) for p in (v or "").split(","))
                   for v in providers["provider_type"].unique().to_list() if v is not None}
    mio = (lambda v: fmt_number(v / 1e6, 1))
    tkr = (lambda v: fmt_dkk(v, unit="tkr").removesuffix(" t.kr."))
    return pl.DataFrame({
        t("decomp.col.provider", lang): providers["provider"],
        t("decomp.col.provider_type", lang): providers["provider_type"].replace_strict(type_labels,
                                                                                      return_dtype=pl.String),
        t("decomp.col.hap", lang, year=base_year): cells(providers, "volume_base", fmt_persons, lang=lang),
        t("decomp.col.hap", lang, year=cur_year): cells(providers, "volume_current", fmt_persons, lang=lang),
        t("unit.col_mio", lang, label=t("decomp.col.cost", lang, year=base_year)):
            cells(providers, "cost_base", mio, lang=lang),
        t("unit.col_mio", lang, label=t("decomp.col.cost", lang, year=cur_year)):
            cells(providers, "cost_current", mio, lang=lang),
        t("unit.col_tkr", lang, label=t("decomp.col.unit_price_year", lang, year=base_year)):
            cells(providers, "unit_price_base", tkr, lang=lang),
        t("unit.col_tkr", lang, label=t("decomp.col.unit_price_year", lang, year=cur_year)):
            cells(providers, "unit_price_current", tkr, lang=lang),
    })


def drivers_link(dimension_key: str, segment: str | None = None, provider: str | None = None) -> dict[str, str]:
    """What a link from Dekomponering opens on Udgiftsdrivere, as URL parameter -> value: a provider (of the
    split by provider, or of a segment's provider table) in the providers section, a segment's offer type in the
    price section, a segment's age group as the sidebar's age filter. Empty when the segment stands for none of
    these (no link is shown then)."""
    if provider is not None:
        return {"visning": "leverandoerer", "leverandoer": provider}
    dimension = sg.DIMENSIONS[dimension_key]
    group, value = dimension.split(segment or "")
    if dimension.segment_column == "provider":
        return {"visning": "leverandoerer", "leverandoer": value}
    if dimension.group_column == "offer_type" and group != "ukendt":
        return {"visning": "pris", "tilbud": group}
    if dimension.segment_column in ("age_group", "age_cut") and value in AGE_FILTERS:
        return {"visning": "leverandoerer", "alder": value}
    return {}
