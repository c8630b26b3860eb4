"""The Genopretning page's words and its view builder: :func:`savings_view` turns the savings plan
(dashboard.loaders.SavingsData) into the committee table in the papers' layout (1.000 kr., reductions
negative, realised figures marked), the summary sentence, the two charts' series, the flags for initiatives
on the same area, and the export. Pure: no streamlit.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import polars as pl

from analysis.prices import MissingIndexError, PriceBase, to_price_base
from analysis.savings import (ROW_CARRIED, ROW_COST, ROW_INITIATIVE, ROW_OUTSTANDING, ROW_TARGET, ROW_UNASSIGNED,
                              SegmentCheck,
                              YearResult,
                              check_segment, check_years, closed_years, committee_table, shared_areas, year_totals)
from domain.access import SUPPRESSION_THRESHOLD
from domain.codes import SAVINGS_SEGMENT_DIMENSIONS, UNASSIGNED_INITIATIVE
from i18n import t
from present.exports import Column
from present.formatting import (MISSING, fmt_date, fmt_mio, fmt_number, fmt_persons, fmt_signed_dkk, join_and, md_literal,
                                price_phrase)


@dataclass(frozen=True)
class SavingsView:
    """Everything the Genopretning page shows. ``status`` 'ok' or 'no_plan' (nothing loaded: the page says
    so and stops); ``warning``: PL index years are missing (the figures are then in current prices)."""

    status: str
    warning: str | None = None
    price_label: str = ""
    results: tuple[YearResult, ...] = ()
    table: pl.DataFrame | None = None        # the committee table as text: one row per item, one column per year
    table_title: str = ""
    summary: str = ""
    flags: tuple[str, ...] = ()              # initiatives on the same area
    years: pl.DataFrame | None = None        # analysis.savings.year_totals (kr., reductions positive)
    initiatives: pl.DataFrame | None = None  # initiative, year, amount_dkk used (kr., reductions positive), realised
    chart_years_title: str = ""
    chart_initiatives_title: str = ""
    export: pl.DataFrame | None = None       # the committee table, long: item, initiative, year, amount (kr.), realised
    export_columns: tuple[Column, ...] = ()
    file_stem: str = ""


def thousands(value: float | None, realised: bool = False, lang: str | None = None) -> str:
    """A committee-table cell: kr. as 1.000 kr. without decimals (-1.257.000 -> '-1.257'), '–' when not known
    yet, followed by ' R' when the figure is the realised one."""
    if value is None:
        return MISSING
    text = fmt_number(value / 1000)
    return text + " " + t("savings.realised_mark", lang) if realised else text


def summary_sentence(results: list[YearResult], lang: str | None = None) -> str:
    """One sentence on every year of the plan, e.g. 'Der mangler 0,7 mio. kr. i 2024, som overføres til 2025;
    2025 er indfriet med 0,2 mio. kr. mere end målet.' A year that is not closed is judged by expected
    effects where no realised one is recorded, and says so."""
    parts = []
    for r in results:
        note = "" if r.closed else " " + t("savings.summary_expected", lang)
        if r.outstanding is None:
            parts.append(t("savings.summary_unknown", lang, year=r.year))
        elif round(r.outstanding) < 0:
            text = t("savings.summary_short", lang, amount=fmt_mio(-r.outstanding), year=r.year) + note
            if r.closed and any(o.year == r.year + 1 for o in results):
                text += t("savings.summary_carried", lang, next=r.year + 1)
            parts.append(text)
        elif round(r.outstanding) > 0:
            parts.append(t("savings.summary_over", lang, year=r.year, amount=fmt_mio(r.outstanding)) + note)
        else:
            parts.append(t("savings.summary_met", lang, year=r.year) + note)
    if not parts:
        return ""
    sentence = "; ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]


def savings_view(data, context, carry_surplus: bool = False, lang: str | None = None) -> SavingsView:
    """The Genopretning page from ``data`` (dashboard.loaders.SavingsData) and the sidebar's ``context``
    (present.CONTEXT_ATTRIBUTES: its price base and PL index). ``carry_surplus``: carry a closed year's
    over-delivery into the next year (a shortfall is always carried).

    The plan's figures are taken as each year's prices and put in the sidebar's price base before the
    arithmetic (analysis.savings.committee_table)."""
    targets, effects = data.targets, data.effects
    if targets.is_empty() and effects.is_empty():
        return SavingsView("no_plan")
    warning = None
    price_label, price_base = context.price_label, context.price_base
    try:
        targets = to_price_base(targets, ["amount_dkk"], context.pl_index, context.price_base)
        effects = to_price_base(effects, ["amount_dkk"], context.pl_index, context.price_base)
    except MissingIndexError as exc:
        warning = t("status.pl_missing_years", lang, years=", ".join(map(str, exc.years)))
        targets, effects = data.targets, data.effects
        price_label, price_base = t("sidebar.prices_current", lang), PriceBase(None)
    effects = effects.with_columns(pl.col("year").cast(pl.Int32))
    closed = closed_years(effects)
    long, results = committee_table(dict(targets.select("year", "amount_dkk").iter_rows()), effects, closed,
                                    carry_surplus=carry_surplus)
    names = dict(effects.filter(pl.col("initiative_id") != UNASSIGNED_INITIATIVE)
                 .select("initiative_id", "initiative").unique("initiative_id").iter_rows())
    year_labels = [str(r.year) for r in results]
    item_of = {ROW_TARGET: t("savings.row_target", lang), ROW_CARRIED: t("savings.row_carried", lang),
               ROW_OUTSTANDING: t("savings.row_outstanding", lang), ROW_UNASSIGNED: t("savings.row_unassigned", lang)}

    def item(row: str, iid: str | None) -> str:
        if row == ROW_COST:
            return t("savings.row_cost", lang, initiative=item(ROW_INITIATIVE, iid))
        return f"{iid} {names.get(iid) or ''}".strip() if row == ROW_INITIATIVE else item_of[row]

    unassigned = [(ROW_UNASSIGNED, None)] if (long["row"] == ROW_UNASSIGNED).any() else []
    with_cost = set(long.filter(pl.col("row") == ROW_COST)["initiative_id"].to_list())
    order = [(ROW_TARGET, None)] + [r for i in sorted(names) for r in
                                    [(ROW_INITIATIVE, i)] + ([(ROW_COST, i)] if i in with_cost else [])] + \
        unassigned + [(ROW_OUTSTANDING, None), (ROW_CARRIED, None)]
    cells = {(row, iid, y): (v, real) for row, iid, y, v, real in long.iter_rows()}
    col_item = t("savings.col_row", lang)
    table_rows = []
    for row, iid in order:
        line = {col_item: item(row, iid)}
        for r, label in zip(results, year_labels):
            cell = cells.get((row, iid, r.year))
            line[label] = "" if cell is None else thousands(cell[0], bool(cell[1]), lang) + (
                " " + t("savings.not_counted", lang) if row == ROW_UNASSIGNED and cell[1] is None else "")
        table_rows.append(line)
    table = pl.DataFrame(table_rows, schema={col_item: pl.String, **{y: pl.String for y in year_labels}}, orient="row")

    used = (long.filter(pl.col("row") == ROW_INITIATIVE)
            .with_columns((0.0 - pl.col("amount_dkk")).alias("amount_dkk"),
                          pl.col("initiative_id").replace_strict({i: item(ROW_INITIATIVE, i) for i in names},
                                                                 return_dtype=pl.String).alias("initiative"))
            .select("initiative", "year", "amount_dkk", "realised"))
    # initiatives on the same area, or naming the same segment of the data, act on the same costs
    named = [effects.select("initiative_id", "area").unique()]
    if "segment" in effects.columns:
        named.append(effects.select("initiative_id", pl.col("segment").alias("area")).unique())
    flags = tuple(dict.fromkeys(t("savings.shared_area", lang, initiatives=join_and(ids, lang), area=area)
                                for frame in named for area, ids in shared_areas(frame).items()))

    mark = t("savings.realised_mark", lang)
    export_rows = [{"item": item(row, iid), "year": r.year, "amount_dkk": cells[(row, iid, r.year)][0],
                    "realised": mark if cells[(row, iid, r.year)][1] else
                    (t("savings.not_counted", lang) if cells[(row, iid, r.year)][1] is None else "")}
                   for row, iid in order for r in results if (row, iid, r.year) in cells]
    export_df = pl.DataFrame(export_rows, schema={"item": pl.String, "year": pl.Int32, "amount_dkk": pl.Float64,
                                                  "realised": pl.String}, orient="row")
    export_columns = (
        Column("item", t("savings.col_row", lang)),
        Column("year", t("col.year", lang)),
        Column("amount_dkk", t("savings.col_amount", lang), 2),
        Column("realised", t("savings.col_realised", lang)),
    )
    first, last = results[0].year, results[-1].year
    return SavingsView(
        "ok", warning=warning, price_label=price_label, results=tuple(results), table=table,
        table_title=t("savings.table_title", lang, prices=price_phrase(price_label)),
        summary=summary_sentence(results, lang), flags=flags, years=year_totals(results, effects),
        initiatives=used,
        chart_years_title=t("savings.chart_years", lang, prices=price_phrase(price_label)),
        chart_initiatives_title=t("savings.chart_initiatives", lang, prices=price_phrase(price_label)),
        export=export_df, export_columns=export_columns, file_stem=f"genopretning_{first}-{last}_{price_base.url_value}",
    )


def segment_dimensions(effects: pl.DataFrame) -> tuple[str, ...]:
    """The stored segment dimensions the plan's initiatives name (segment_person_year.dimension), sorted."""
    if "segment" not in effects.columns:
        return ()
    words = {seg.partition(":")[0].strip() for seg in effects["segment"].drop_nulls().unique().to_list()}
    return tuple(sorted(SAVINGS_SEGMENT_DIMENSIONS[w] for w in words if w in SAVINGS_SEGMENT_DIMENSIONS))


@dataclass(frozen=True)
class ChecksView:
    """The initiatives checked against the data: one sentence each and a table (empty when no initiative
    names a segment)."""

    sentences: tuple[str, ...] = ()
    table: pl.DataFrame | None = None
    export: pl.DataFrame | None = None
    export_columns: tuple[Column, ...] = ()
    title: str = ""
    checks: tuple[tuple[str, SegmentCheck], ...] = ()   # (initiative id, check) of the initiatives checked


def checks_view(effects: pl.DataFrame, segment_rows: dict[str, pl.DataFrame], context,
                citizens: dict[str, pl.DataFrame] | None = None, lang: str | None = None) -> ChecksView:
    """Each initiative that names a segment, beside what happened to that segment's activity-based cost in the
    sidebar's area (analysis.savings.check_segment), in the sidebar's price base. ``effects``: rows of
    queries/savings_effects.sql; ``segment_rows``: stored dimension -> rows of queries/overview_hap_by_segment.sql
    for it over the plan's years and the year before (the sidebar's area and municipality); ``citizens``: for a
    user whose small counts are hidden (issue 22), stored dimension -> distinct citizens per year and segment
    (queries/overview_citizens_by_segment.sql): a segment of fewer than SUPPRESSION_THRESHOLD citizens in
    either year of its check shows no figures."""
    if "segment" not in effects.columns or effects["segment"].drop_nulls().is_empty():
        return ChecksView()
    price_label = context.price_label
    try:
        effects = to_price_base(effects, ["amount_dkk"], context.pl_index, context.price_base)
        segment_rows = {k: to_price_base(v, ["cost_dkk"], context.pl_index, context.price_base)
                        for k, v in segment_rows.items()}
    except MissingIndexError:
        price_label = t("sidebar.prices_current", lang)
    prices = price_phrase(price_label)
    sentences, rows, checks = [], [], []
    for (iid, name, segment), part in effects.filter(pl.col("segment").is_not_null()).group_by(
            "initiative_id", "initiative", "segment", maintain_order=True):
        word, _, value = segment.partition(":")
        data = segment_rows.get(SAVINGS_SEGMENT_DIMENSIONS.get(word.strip(), ""), pl.DataFrame())
        who = md_literal(f"{iid} {name}")
        seg = md_literal(segment)
        found = (data.filter(pl.col("segment").str.to_lowercase() == value.strip().lower())
                 if not data.is_empty() else data)
        if found.is_empty():
            sentences.append(t("savings.check_not_found", lang, who=who, segment=seg, area=context.area_name))
            continue
        complete = data.filter(~pl.col("is_partial_year"))["year"].unique().to_list()
        years = check_years(part, complete)
        if years is None:
            sentences.append(t("savings.check_no_years", lang, who=who, segment=seg))
            continue
        if citizens is not None:
            counts = citizens.get(SAVINGS_SEGMENT_DIMENSIONS.get(word.strip(), ""), pl.DataFrame())
            small = [int(counts.filter((pl.col("year") == y) & (pl.col("segment").str.to_lowercase()
                                                                == value.strip().lower()))["citizens"].sum() or 0)
                     if not counts.is_empty() else 0 for y in years]
            if any(n < SUPPRESSION_THRESHOLD for n in small):
                sentences.append(t("savings.check_suppressed", lang, who=who, segment=seg, base=years[0],
                                   year=years[1]))
                continue
        c = check_segment(found, part, *years)
        checks.append((iid, c))
        claimed = (t("savings.check_claimed", lang, amount=fmt_mio(c.claimed_dkk), year=c.year,
                     kind=t("savings.check_realised" if c.claimed_realised else "savings.check_expected", lang))
                   if c.claimed_dkk is not None else t("savings.check_claimed_unknown", lang, year=c.year))
        verb = t("savings.check_rose" if c.change_dkk >= 0 else "savings.check_fell", lang)
        other = (t("savings.check_other", lang, amount=fmt_signed_dkk(c.other_dkk, unit="mio"))
                 if round(c.other_dkk / 1e5) else "")
        sentences.append(t("savings.check_sentence", lang, who=who, segment=seg, claimed=claimed, verb=verb,
                           change=fmt_mio(abs(c.change_dkk)), base=c.base_year, year=c.year,
                           volume=fmt_signed_dkk(c.volume_dkk, unit="mio"),
                           price=fmt_signed_dkk(c.unit_price_dkk, unit="mio"), other=other,
                           p0=fmt_persons(c.persons_base), p1=fmt_persons(c.persons), prices=prices,
                           area=context.area_name))
        rows.append({"initiative": f"{iid} {name}", "segment": segment, "base_year": c.base_year, "year": c.year,
                     "claimed_dkk": c.claimed_dkk, "cost_base_dkk": c.cost_base_dkk, "cost_dkk": c.cost_dkk,
                     "change_dkk": c.change_dkk, "volume_dkk": c.volume_dkk, "unit_price_dkk": c.unit_price_dkk,
                     "other_dkk": c.other_dkk, "persons_base": c.persons_base, "persons": c.persons})
    schema = {"initiative": pl.String, "segment": pl.String, "base_year": pl.Int32, "year": pl.Int32,
              "claimed_dkk": pl.Float64, "cost_base_dkk": pl.Float64, "cost_dkk": pl.Float64, "change_dkk": pl.Float64,
              "volume_dkk": pl.Float64, "unit_price_dkk": pl.Float64, "other_dkk": pl.Float64,
              "persons_base": pl.Float64, "persons": pl.Float64}
    export = pl.DataFrame(rows, schema=schema, orient="row")
    columns = (
        Column("initiative", t("savings.col_row", lang)), Column("segment", t("savings.check_col_segment", lang)),
        Column("base_year", t("savings.check_col_from", lang)), Column("year", t("savings.check_col_to", lang)),
        Column("claimed_dkk", t("savings.check_col_claimed", lang), 2),
        Column("cost_base_dkk", t("savings.check_col_cost_base", lang), 2),
        Column("cost_dkk", t("savings.check_col_cost", lang), 2),
        Column("change_dkk", t("savings.check_col_change", lang), 2),
        Column("volume_dkk", t("savings.check_col_volume", lang), 2),
        Column("unit_price_dkk", t("savings.check_col_price", lang), 2),
        Column("other_dkk", t("savings.check_col_other", lang), 2),
        Column("persons_base", t("savings.check_col_persons_base", lang), 2),
        Column("persons", t("savings.check_col_persons", lang), 2),
    )

    def mio(values: list[float | None], signed: bool = False) -> list[str]:
        return [MISSING if v is None else (fmt_signed_dkk(v, unit="mio") if signed else fmt_mio(v))
                .removesuffix(" " + t("unit.mio", lang)) for v in values]

    table = pl.DataFrame({
        t("savings.col_row", lang): export["initiative"].to_list(),
        t("savings.check_col_segment", lang): export["segment"].to_list(),
        t("savings.check_col_years", lang): [f"{a}-{b}" for a, b in zip(export["base_year"], export["year"])],
        t("savings.check_col_claimed_mio", lang): mio(export["claimed_dkk"].to_list()),
        t("savings.check_col_change_mio", lang): mio(export["change_dkk"].to_list(), True),
        t("savings.check_col_volume_mio", lang): mio(export["volume_dkk"].to_list(), True),
        t("savings.check_col_price_mio", lang): mio(export["unit_price_dkk"].to_list(), True),
        t("savings.check_col_other_mio", lang): mio(export["other_dkk"].to_list(), True),
        t("savings.check_col_persons_span", lang): [f"{fmt_persons(a)} → {fmt_persons(b)}"
                                                   for a, b in zip(export["persons_base"], export["persons"])],
    }, schema={k: pl.String for k in (
        t("savings.col_row", lang), t("savings.check_col_segment", lang), t("savings.check_col_years", lang),
        t("savings.check_col_claimed_mio", lang), t("savings.check_col_change_mio", lang),
        t("savings.check_col_volume_mio", lang), t("savings.check_col_price_mio", lang),
        t("savings.check_col_other_mio", lang), t("savings.check_col_persons_span", lang))}) if rows else None
    return ChecksView(tuple(sentences), table, export if rows else None, columns,
                      t("savings.check_title", lang, area=context.area_name, prices=prices), tuple(checks))


# --- editing the plan on the page: the stored plan in the file's format, and the edits as a savings file --------

#: the standard savings file's columns (data/reference/mappings/savings_standard.toml) and its type words
PLAN_COLUMNS = ("aar", "initiativ_id", "initiativ", "omraade", "segment", "type", "beloeb")
TYPE_WORDS = {"target": "maal", "expected": "forventet", "realised": "realiseret", "cost": "omkostning"}


def plan_rows(data) -> pl.DataFrame:
    """The stored plan as the page's editor shows it, one row per figure in the savings file's columns:
    targets per year, then every initiative's expected and realised effect and cost per year (kr., a reduction
    and a cost positive, null = no figure yet; several imports' rows of one figure summed, unknown when one is)."""
    targets = data.targets.select(
        pl.col("year").cast(pl.Int32).alias("aar"), pl.lit("").alias("initiativ_id"), pl.lit("").alias("initiativ"),
        pl.lit("").alias("omraade"), pl.lit("").alias("segment"), pl.lit("maal").alias("type"),
        pl.col("amount_dkk").alias("beloeb"))
    effects = data.effects
    if "segment" not in effects.columns:
        effects = effects.with_columns(pl.lit(None, dtype=pl.String).alias("segment"))
    effects = (effects.group_by("initiative_id", "year", "kind", maintain_order=True)
               .agg(pl.col("initiative").first(), pl.col("area").first(), pl.col("segment").first(),
                    pl.when(pl.col("amount_dkk").is_null().any()).then(None)
                    .otherwise(pl.col("amount_dkk").sum()).first().alias("amount_dkk"))
               .select(pl.col("year").cast(pl.Int32).alias("aar"), pl.col("initiative_id").alias("initiativ_id"),
                       pl.col("initiative").fill_null("").alias("initiativ"), pl.col("area").fill_null("").alias("omraade"),
                       pl.col("segment").fill_null("").alias("segment"),
                       pl.col("kind").replace_strict(TYPE_WORDS, return_dtype=pl.String).alias("type"),
                       pl.col("amount_dkk").alias("beloeb")))
    return pl.concat([targets, effects]).sort("aar", pl.col("type") != "maal", "initiativ_id", "type")


def edit_file(plan: pl.DataFrame, edited: dict[int, dict], added: list[dict]) -> str | None:
    """The page's edits as a savings file (standard format, ';', decimal comma, a reduction positive and so a
    cost negative, '-' for no figure yet): the rows of ``plan`` (plan_rows) that ``edited`` changes (row position -> column -> new
    value, as st.data_editor reports them) and the ``added`` rows (column -> value). None when nothing changed.
    Imported with replace, each row replaces the stored figure of its year, initiative and type."""
    rows = []
    for i, changes in sorted(edited.items()):
        row = dict(plan.row(int(i), named=True))
        new = {**row, **{k: v for k, v in changes.items() if k in PLAN_COLUMNS}}
        if new != row:
            rows.append(new)
    rows += [{c: r.get(c) for c in PLAN_COLUMNS} for r in added]
    if not rows:
        return None
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(PLAN_COLUMNS)
    for r in rows:
        amount = r.get("beloeb")
        if r.get("type") == "omkostning" and amount is not None and amount == amount:
            amount = 0.0 - amount      # reductions are positive in this file, so a cost is written negative
        w.writerow([r.get("aar") or "", r.get("initiativ_id") or "", r.get("initiativ") or "", r.get("omraade") or "",
                    r.get("segment") or "", r.get("type") or "",
                    "-" if amount is None or amount != amount else f"{float(amount):.2f}".replace(".", ",")])
    return out.getvalue()


def history_table(history: pl.DataFrame, lang: str | None = None) -> pl.DataFrame | None:
    """The plan's history (queries/savings_history.sql) as the page shows it: when, from what, which figure,
    before and after in kr. (a reduction positive; '–' = no figure yet)."""
    if history.is_empty():
        return None

    def what(kind: str, iid: str, year: int) -> str:
        if kind == "target":
            return t("import.savings_changes.target", lang, year=year)
        return t("import.savings_changes.effect", lang, initiative=iid or t("import.savings_changes.unassigned", lang),
                 year=year, kind=t("import.savings_changes.kind_" + kind, lang))

    def kr(v: float | None) -> str:
        return MISSING if v is None else fmt_number(v)

    return pl.DataFrame({
        t("savings.history_when", lang): [fmt_date(v) + v.strftime(" %H:%M") for v in history["changed_at"].to_list()],
        t("savings.history_source", lang): history["file_name"].to_list(),
        t("savings.history_figure", lang): [what(k, i, y) for k, i, y in
                                           history.select("kind", "initiative_id", "year").iter_rows()],
        t("savings.history_before", lang): [t("savings.history_new", lang) if n else kr(b) for n, b in
                                           history.select("is_new", "before_dkk").iter_rows()],
        t("savings.history_after", lang): [kr(v) for v in history["after_dkk"].to_list()],
    })
