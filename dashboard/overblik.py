"""Overblik: what is loaded, key totals for the chosen area and the latest year, data quality."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from present.exports import Column
from present.formatting import (fmt_date, fmt_dkk, fmt_mio, fmt_mio_number, fmt_number, fmt_pct, fmt_persons,
                                 fmt_values, price_phrase)
from i18n import t
from analysis.overview import coverage, headline, net_by_year, with_growth
from analysis.prices import MissingIndexError, PriceBase, to_price_base
from dashboard import common
from dashboard.common import ACCENT, GREY
from dashboard.loaders import load_overview
from ingest.parsing import mask_cpr

filters = common.page_header("page.overview")

data = load_overview(common.query, filters.params)
ledger, hap, ledger_fy = data.ledger, data.hap, data.ledger_fy

price_base = filters.price_base
try:
    net = to_price_base(net_by_year(ledger), ["net_dkk", "budget_dkk", "budget_original_dkk"],
                        filters.pl_index, price_base)
    hap_year = to_price_base(hap.group_by("year").agg(pl.col("full_year_persons").sum(), pl.col("cost_dkk").sum()),
                             ["cost_dkk"], filters.pl_index, price_base)
    price_label = filters.price_label
except MissingIndexError as exc:
    st.warning(t("status.pl_missing_years", years=", ".join(map(str, exc.years))))
    price_base = PriceBase(None)
    net = net_by_year(ledger)
    hap_year = hap.group_by("year").agg(pl.col("full_year_persons").sum(), pl.col("cost_dkk").sum())
    price_label = t("sidebar.prices_current")
net = with_growth(net)

if net.is_empty() or net["net_dkk"].is_null().all():
    st.info(t("status.no_data"))
    st.stop()

complete = net.filter(pl.col("complete"))
latest = (complete if not complete.is_empty() else net).row(-1, named=True)
year = latest["year"]
cov = coverage(ledger_fy, hap.rename({"segment": "function_code"}))  # hap is split by function
cov_year = cov.filter(pl.col("year") == year)
ledger_total = cov_year["amount_dkk"].sum()
coverage_share = cov_year["cost_dkk"].fill_null(0).sum() / ledger_total if ledger_total else None
persons_row = hap_year.filter(pl.col("year") == year)
persons = persons_row["full_year_persons"].sum() if not persons_row.is_empty() else None
activity_cost = persons_row["cost_dkk"].sum() if not persons_row.is_empty() else None

cols = st.columns(5)
# amounts in mio. kr. carry the unit in the label so that five cards fit side by side at 1600 px
cols[0].metric(t("common.kpi_mio", label=t("overview.kpi_net", year=year)), fmt_mio_number(latest["net_dkk"]),
               help=price_label)
if latest["change_pct"] is not None:
    cols[1].metric(t("overview.kpi_change", prev=year - 1, year=year), fmt_pct(latest["change_pct"], signed=True),
                   delta=fmt_dkk(latest["change_dkk"], unit="mio"), delta_color="inverse")
else:
    cols[1].metric(t("overview.kpi_change", prev=year - 1, year=year), "–")
cols[2].metric(t("overview.kpi_persons", year=year), fmt_persons(persons) if persons else t("status.not_loaded"))
cols[3].metric(t("overview.kpi_unit_price", year=year),
               fmt_dkk(activity_cost / persons, unit="tkr") if persons else t("status.not_loaded"),
               help=t("overview.help_unit_price"))
cols[4].metric(t("overview.kpi_coverage", year=year),
               fmt_pct(coverage_share) if coverage_share is not None else t("status.not_loaded"),
               help=t("overview.help_coverage"))

sentence = headline(filters.area_name, net, price_phrase(price_label))
if sentence:
    st.markdown(f"**{sentence}**")
else:
    st.caption(t("overview.no_complete_years"))

# main chart: net after refusion per year, corrected budget as markers, incomplete years marked
years = net["year"].to_list()
labels = [str(y) if c else f"{y}*" for y, c in zip(years, net["complete"].to_list())]
colors = [ACCENT if c else GREY for c in net["complete"].to_list()]
fig = go.Figure()
fig.add_bar(x=labels, y=[v / 1e6 if v is not None else None for v in net["net_dkk"].to_list()],
            name=t("overview.after_refusion"), marker_color=colors,
            text=[fmt_mio_number(v) if v is not None else "" for v in net["net_dkk"].to_list()],
            textposition="outside", cliponaxis=False,
            hovertemplate="%{x}: %{y:,.1f} " + t("unit.mio") + "<extra></extra>")
if net["budget_dkk"].is_not_null().any():
    fig.add_scatter(x=labels, y=[v / 1e6 if v is not None else None for v in net["budget_dkk"].to_list()],
                    name=t("overview.budget"), mode="markers", marker=dict(symbol="line-ew-open", size=44, color="#222",
                    line=dict(width=4, color="#222")),
                    hovertemplate=t("overview.hover_budget") + " %{x}: %{y:,.1f} " + t("unit.mio") + "<extra></extra>")
top = max([v for v in net["net_dkk"].to_list() + net["budget_dkk"].to_list() if v is not None] or [0]) / 1e6
fig.update_layout(title=t("overview.chart_title", prices=price_phrase(price_label)), height=430, yaxis_title=t("unit.mio"),
                  yaxis_tickformat=",.0f", yaxis_range=[0, top * 1.15], showlegend=True)
st.plotly_chart(fig, key="overview_chart", config={"displaylogo": False})
incomplete = net.filter(~pl.col("complete"))
notes = [f"{r['year']}*: {t('status.incomplete_year', months=r['months'] or 0)}" for r in incomplete.iter_rows(named=True)]
st.caption(common.source_caption(filters, t("overview.source_ledger"), "; ".join(notes)))

table = net.select(
    pl.col("year").alias(t("col.year")),
    fmt_values(net["net_dkk"], fmt_mio).alias(t("col.net_expenditure")),
    fmt_values(net["change_pct"], lambda v: fmt_pct(v, signed=True))
    .fill_null("–").alias(t("col.change")),
    fmt_values(net["budget_dkk"], fmt_mio)
    .fill_null(t("status.budget_not_loaded")).alias(t("col.budget_corrected")),
    pl.col("months").alias(t("col.months_with_actuals")),
)
st.dataframe(table, hide_index=True, width="stretch")
common.download_buttons(
    net, [Column("year", t("col.year")), Column("net_dkk", t("unit.col_kr", label=t("col.net_expenditure")), 2),
          Column("change_pct", t("unit.col_share", label=t("col.change")), 4),
          Column("budget_dkk", t("unit.col_kr", label=t("col.budget_corrected")), 2),
          Column("budget_original_dkk", t("unit.col_kr", label=t("kind.budget_original")), 2),
          Column("months", t("col.months_with_actuals"))],
    common.export_meta(filters, t("overview.chart_title", prices=price_phrase(price_label)), t("overview.source_ledger"),
                       price_label=price_label),
    f"nettoudgift_{filters.area_code}_{filters.from_year}-{filters.to_year}", key="overview_net",
)

left, right = st.columns(2)
with left:
    st.subheader(t("overview.loaded_data"))
    history = data.history
    st.dataframe(
        history.select(
            pl.col("kind").replace_strict(common.import_kind_labels(history["kind"]), return_dtype=pl.String)
            .alias(t("col.type")),
            fmt_values(history["file_name"], mask_cpr).alias(t("col.file")),
            fmt_values(history["rows_loaded"], fmt_number).alias(t("col.rows")),
            pl.format("{}-{}", "first_year", "last_year").alias(t("col.period")),
            fmt_values(history["finished_at"], fmt_date).alias(t("col.imported")),
        ),
        hide_index=True, width="stretch",
    )
with right:
    st.subheader(t("data.quality"))
    findings = data.findings
    if findings.is_empty():
        st.success(t("quality.none"))
    for r in findings.iter_rows(named=True):
        label = t("quality." + r["check_name"])
        if r["check_name"] == "measures_without_level":
            st.markdown("- " + t("overview.quality_on", label=label, count=r["count"], function=r["function_code"]))
        elif r["check_name"] == "cost_without_activity":
            st.markdown(f"- {label}: {r['function_code']} {r['year']}: **{fmt_mio(r['amount_dkk'])}**")
        else:
            st.markdown(f"- {label}: {r['year']}")

st.subheader(t("overview.coverage_title"))
if cov.is_empty():
    st.info(t("status.not_loaded"))
else:
    wide = (cov.with_columns(fmt_values(cov["coverage"], lambda v: fmt_pct(v, decimals=0))
                             .fill_null("–"))
            .pivot(on="year", index="function_code", values="coverage", sort_columns=True)
            .sort("function_code").rename({"function_code": t("col.function")}))
    st.dataframe(wide, hide_index=True, width="stretch")
    st.caption(t("overview.coverage_note"))
