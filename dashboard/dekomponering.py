"""Dekomponering: why did the cost change between two years? Volume (full-year persons), complexity
(mix over segments) and unit prices, from one Decomposition object (analysis.decomposition)."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analysis import segments as sg
from analysis.decomposition import decompose
from domain.codes import DECOMPOSITION_METHODS
from analysis.formatting import (fmt_date, fmt_dkk, fmt_mio, fmt_mio_number, fmt_month, fmt_number, fmt_pct,
                                 fmt_persons, fmt_values, md_literal, plot_literal)
from i18n import t
from dashboard import common
from dashboard.common import ACCENT, COST_DOWN, COST_UP, GREY
from dashboard.loaders import load_data_date, load_decomposition, load_sidebar

filters = common.page_header("page.decomposition")
mio = t("unit.mio")   # the unit of the charts' value axis and hover texts
notice_box = st.container()
notices: list[str] = []


def _flag(value: str) -> bool:
    if value not in ("0", "1"):
        raise ValueError(value)
    return value == "1"


def _show_notices() -> None:
    for n in notices:
        notice_box.info(n)
    notices.clear()


# --- state, seeded from the URL once per session --------------------------------------------------
muni = load_sidebar(common.query).municipalities.filter(pl.col("kommunekode") == filters.kommune).row(0, named=True)
years = list(range(int(muni["first_year"]), int(muni["last_year"]) + 1))


def _seed(key: str, valid: list, default, parse=str) -> None:
    """A widget's value: this session's earlier choice on the page (kept across page switches in
    _decomp_state), else the URL (first visit: seeded once, invalid -> default + notice), else default."""
    if key in st.session_state:
        return
    store = st.session_state.get("_decomp_state", {})
    if key in store and store[key] in valid:
        st.session_state[key] = store[key]
        return
    common._from_url(key, valid, default, parse, notices)


# the comparison year defaults to the sidebar's last year, or, when that year has no complete month of
# activity data yet (January), the latest year that has one
data_date = load_data_date(common.query)
default_base = filters.from_year if filters.from_year in years else years[0]
default_cur = filters.to_year if filters.to_year in years else years[-1]
latest = sg.latest_comparable_year([y for y in years if y <= default_cur], data_date) if data_date else None
if latest is not None and default_base < latest < default_cur:
    if "sammenlign" not in st.session_state and "sammenlign" not in st.session_state.get("_decomp_state", {}) \
            and "sammenlign" not in st.query_params:
        notices.append(t("decomp.no_months_default", year=default_cur, date=fmt_date(data_date), latest=latest))
    default_cur = latest
_seed("basis", years, default_base, int)
_seed("sammenlign", years, default_cur, int)
_seed("opdeling", list(sg.DIMENSIONS), sg.DEFAULT_DIMENSION)
_seed("metode", list(DECOMPOSITION_METHODS), DECOMPOSITION_METHODS[0])
_seed("skaler", [False, True], False, _flag)

c1, c2, c3, c4 = st.columns([1, 1, 2, 1.4], vertical_alignment="bottom")
c1.selectbox(t("decomp.base_year"), years, key="basis")
c2.selectbox(t("decomp.comparison_year"), years, key="sammenlign")
c3.selectbox(t("decomp.dimension"), list(sg.DIMENSIONS), key="opdeling",
             format_func=common.option_labels("opdeling", sg.DIMENSIONS, lambda k: sg.DIMENSIONS[k].label()))
c4.toggle(t("decomp.scale"), key="skaler", help=t("decomp.scale_help"))
with st.expander(t("decomp.advanced"), expanded=st.session_state["metode"] != DECOMPOSITION_METHODS[0]):
    st.radio(t("decomp.method_label"), list(DECOMPOSITION_METHODS), key="metode",
             format_func=common.option_labels("metode", DECOMPOSITION_METHODS, lambda m: t(f"decomp.method.{m}")),
             captions=[t(f"decomp.method_help.{m}") for m in DECOMPOSITION_METHODS])

base_year, cur_year = st.session_state["basis"], st.session_state["sammenlign"]
dimension = sg.DIMENSIONS[st.session_state["opdeling"]]
method = st.session_state["metode"]
method_name = t(f"decomp.method.{method}")
url_state = {"basis": str(base_year), "sammenlign": str(cur_year), "opdeling": dimension.key, "metode": method,
             "skaler": "1" if st.session_state["skaler"] else "0"}
st.query_params.update(url_state)
st.session_state["_decomp_state"] = {"basis": base_year, "sammenlign": cur_year, "opdeling": dimension.key,
                                     "metode": method, "skaler": bool(st.session_state["skaler"]),
                                     "segment": st.session_state.get("_decomp_state", {}).get("segment")}

if base_year == cur_year:
    _show_notices()
    st.info(t("decomp.same_years"))
    st.stop()

# --- data -> segments -> decomposition ----------------------------------------------------------
data = load_decomposition(common.query, filters.params, dimension.key, base_year, cur_year)
if data.data_date is None:
    _show_notices()
    st.info(t("decomp.no_activity"))
    st.stop()
window = sg.comparison_window(base_year, cur_year, data.data_date, data.ledger)
if window.months == 0:
    _show_notices()
    empty = [y for y in window.years if window.activity_months[y] == 0 or window.ledger_months.get(y) == 0]
    st.warning(t("decomp.no_months", year=", ".join(map(str, empty or window.years))))
    if latest is not None and latest not in window.years:
        st.info(t("decomp.latest_comparable", date=fmt_date(window.data_date), latest=latest))
    st.stop()
if window.is_partial:
    short = [y for y in window.years
             if window.activity_months[y] < 12 or (window.ledger_months.get(y) or 12) < 12]
    ledger_upto = ""
    for y in short:
        if window.ledger_months.get(y) is not None and window.ledger_months[y] < 12:
            ledger_upto = t("decomp.ledger_upto", month=fmt_month(y, window.ledger_months[y]))
    st.info(t("decomp.partial_notice", years=common.join_and(map(str, short)), date=fmt_date(window.data_date),
              ledger=ledger_upto, months=window.months_text()))

segments = sg.build_segments(data.segments, window, dimension)
if segments.is_empty() or (segments["volume_base"].sum() == 0 and segments["volume_current"].sum() == 0):
    _show_notices()
    st.info(t("decomp.no_activity"))
    st.stop()
bridge = sg.ledger_bridge(data.ledger, window, float(segments["cost_base"].sum()),
                          float(segments["cost_current"].sum()))
scaled = bool(st.session_state["skaler"])
missing_ledger = [y for y, v in zip(window.years, (bridge.ledger_base, bridge.ledger_current)) if v is None]
if missing_ledger:
    # the data date's year without postings is not yet posted (January), not missing
    not_yet = [y for y in missing_ledger if y >= window.data_date.year]
    gaps = [y for y in missing_ledger if y not in not_yet]
    if not_yet:
        notices.append(t("decomp.ledger_not_yet", years=", ".join(map(str, not_yet))))
    if gaps:
        notices.append(t("decomp.ledger_missing", years=", ".join(map(str, gaps))))
    scaled = False

price_index = None
price_text = t("decomp.price_current")
if filters.price_base.is_fixed:
    missing = [y for y in window.years if y not in filters.pl_index]
    if missing:
        notices.append(t("status.pl_missing_years", years=", ".join(map(str, missing))))
    else:
        price_index = (filters.pl_index[base_year], filters.pl_index[cur_year])
        price_text = t("decomp.price_split", year=filters.price_base.base_year)
try:
    d = decompose(segments, method, price_index)
except ValueError as exc:
    _show_notices()
    st.error(md_literal(exc))     # may name segments (imported data)
    st.stop()
steps = sg.waterfall_steps(d, dimension, window, bridge, scaled)
report, columns = sg.segment_report(d, segments, dimension, window, bridge, scaled)
_show_notices()

# --- KPI cards and headline -----------------------------------------------------------------------
start, end = steps[0].value, steps[-1].value
cards = [(t("decomp.kpi.total"), end - start), (t("decomp.kpi.volume"), d.volume)]
cards.append((t("decomp.kpi.mix"), d.mix))
if d.inflation is not None:
    cards += [(t("decomp.kpi.inflation"), d.inflation), (t("decomp.kpi.real_price"), d.real_price)]
else:
    cards.append((t("decomp.kpi.unit_price"), d.unit_price))
for col, (label, value) in zip(st.columns(len(cards)), cards):
    # the unit sits in the label so that five cards fit side by side at 1600 px
    col.metric(t("common.kpi_mio", label=label), fmt_mio_number(value, signed=True),
               delta=fmt_pct(value / start, signed=True) if start else None, delta_color="inverse",
               help=t("decomp.kpi_help", year=base_year), border=True)
st.markdown(f"**{sg.headline(d, filters.area_name, window, steps, scaled)}**")
if bridge.available:
    st.caption(t("decomp.coverage_line", c0=fmt_pct(bridge.coverage_base, 0), c1=fmt_pct(bridge.coverage_current, 0),
                 base=base_year, cur=cur_year, l0=fmt_mio(bridge.ledger_base), l1=fmt_mio(bridge.ledger_current)))
if price_index is not None:
    st.caption(t("decomp.fixed_note", i0=fmt_number(price_index[0], 1), i1=fmt_number(price_index[1], 1),
                 base=base_year, cur=cur_year, year=filters.price_base.base_year))

source = common.join_and([t("decomp.source_activity")] + ([t("decomp.source_ledger")] if scaled else []))
version = (common.db_version() or "").rsplit("/", 1)[-1].removesuffix(".duckdb")


def caption() -> str:
    """Municipality, area, period, price base, method, source and data date."""
    return " · ".join([
        common.kommune_text(filters), filters.area_name, window.period_text(), price_text,
        f"{t('common.method')}: {method_name}", f"{t('common.source')}: {source}",
        f"{t('data.date')}: {t('decomp.data_date_value', date=fmt_date(window.data_date))}",
        f"{t('common.database_version')}: {version}",
    ])


# --- waterfall ------------------------------------------------------------------------------------
def _bar_text(step: sg.Step) -> str:
    if step.measure == "relative":
        return fmt_mio_number(step.value, signed=True)
    return fmt_number(step.value / 1e6, 1)


levels = [start]
for s in steps[1:-1]:
    levels.append(levels[-1] + s.value)
levels.append(end)
lo, hi = min(levels) / 1e6, max(levels) / 1e6
span = max(hi - lo, abs(hi) * 0.02, 0.1)
axis_lo = lo - span * 0.9
axis_lo = 0.0 if axis_lo <= 0 or axis_lo < hi * 0.15 else axis_lo
fig = go.Figure(go.Waterfall(
    x=[s.label for s in steps], y=[s.value / 1e6 for s in steps], measure=[s.measure for s in steps],
    text=[_bar_text(s) for s in steps], textposition="outside", cliponaxis=False,
    textfont=dict(size=15),
    increasing=dict(marker=dict(color=COST_UP)), decreasing=dict(marker=dict(color=COST_DOWN)),
    totals=dict(marker=dict(color=ACCENT)), connector=dict(line=dict(color=GREY, width=1, dash="dot")),
    customdata=[_bar_text(s) for s in steps],
    hovertemplate="%{x}: %{customdata} " + mio + "<extra></extra>",
))
fig.update_layout(
    title=dict(text=t("decomp.chart_title", base=base_year, cur=cur_year, months=window.months_text(),
                      dim=dimension.label().lower())
               + "<br><sup>" + t("decomp.chart_subtitle", prices=price_text[0].upper() + price_text[1:]) + "</sup>"),
    height=520, showlegend=False, yaxis_title=mio, yaxis_tickformat=",.0f",
    yaxis_range=[axis_lo, hi + span * 0.3], margin=dict(t=100, b=90), xaxis_tickfont=dict(size=14),
)
st.plotly_chart(fig, key="decomposition_waterfall", config={"displaylogo": False})
axis_note = t("decomp.axis_note", value=fmt_mio(axis_lo * 1e6, 0)) + " · " if axis_lo > 0 else ""
st.caption(axis_note + caption())
st.markdown(sg.explanation(d, dimension, filters.area_name, window, steps, price_text, method_name, bridge, scaled,
                           report, with_headline=False))

# --- per segment ----------------------------------------------------------------------------------
st.subheader(t("decomp.table_title") + f" ({dimension.label().lower()})")
body = report.head(report.height - 1)
names = [plot_literal(f"{g} · {lbl}" if g else lbl) for g, lbl in   # imported names: text, not Plotly markup
         zip(body["group_label"].to_list() if dimension.two_level else [""] * body.height, body["label"].to_list())]
bars = pl.DataFrame({"name": names, "change": body["change"].to_list()}).sort("change")
bar_fig = go.Figure(go.Bar(
    x=[v / 1e6 for v in bars["change"].to_list()], y=bars["name"].to_list(), orientation="h",
    marker_color=[COST_UP if v > 0 else COST_DOWN for v in bars["change"].to_list()],
    text=[fmt_mio_number(v, signed=True) for v in bars["change"].to_list()],
    textposition="outside", cliponaxis=False,
    hovertemplate="%{y}: %{text} " + mio + "<extra></extra>",
))
x_lo, x_hi = min(0.0, bars["change"].min() / 1e6), max(0.0, bars["change"].max() / 1e6)
pad = max(x_hi - x_lo, 0.1) * 0.12
bar_fig.update_layout(
    title=t("decomp.segment_chart_title", dim=dimension.label().lower()) + "<br><sup>"
    + window.period_text() + ", " + price_text + "</sup>",
    height=max(320, 110 + 26 * bars.height), showlegend=False, xaxis_title=mio, xaxis_tickformat=",.1f",
    xaxis_range=[x_lo - (pad if x_lo < 0 else 0), x_hi + (pad if x_hi > 0 else 0)],
    yaxis=dict(automargin=True), margin=dict(t=90, l=20),
)
st.plotly_chart(bar_fig, key="decomposition_segments", config={"displaylogo": False})
st.caption(caption())
on_screen = [c for c in columns if not c.key.startswith("ledger_cost")]   # exports keep them
st.dataframe(sg.display_table(report, on_screen), hide_index=True, width="stretch",
             height=min(38 + 35 * report.height, 750))
st.caption(t("decomp.table_units", months=window.months_text())
           + (" " + t("decomp.ledger_share_note") if len(on_screen) < len(columns) else ""))

kommune_text = common.kommune_text(filters, synthetic_note=True)
area_text = common.area_text(filters)
pl_line = [(t("sidebar.pl_source", source="").rstrip(": "), filters.pl_source)] if price_index and filters.pl_source else []
meta = sg.meta_block(kommune_text, area_text, window, price_text, method_name, dimension, source, version,
                     extra=pl_line)
totals = sg.totals_report(steps, d, bridge)
stem = f"dekomponering_{filters.area_code}_{base_year}-{cur_year}_{dimension.key}_{method}"
e1, e2, _ = st.columns([1, 1, 4])
e1.download_button(t("data.download_csv"), sg.csv_export(meta, report, columns, totals), file_name=stem + ".csv",
                   mime="text/csv")
e2.download_button(t("data.download_excel"), sg.xlsx_export(meta, report, columns, totals), file_name=stem + ".xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

# --- providers of one segment ---------------------------------------------------------------------
st.subheader(t("decomp.providers_title"))
options = segments["segment"].to_list()
labels = dict(zip(options, [f"{g} · {lbl}" if g else lbl for g, lbl in
                            zip(segments["group_label"].to_list(), segments["label"].to_list())]))
largest = d.per_segment.with_columns((pl.col("cost_current") - pl.col("cost_base")).abs().alias("size")) \
    .sort("size", descending=True)["segment"][0]
_seed("segment", options, largest)
if st.session_state["segment"] not in options:
    st.session_state["segment"] = largest
st.selectbox(t("decomp.provider_pick"), options, key="segment",
             format_func=common.option_labels("segment", options, labels.__getitem__))
chosen = segments.filter(pl.col("segment") == st.session_state["segment"]).row(0, named=True)
st.query_params.update({"segment": chosen["segment"]})
st.session_state["_decomp_state"]["segment"] = chosen["segment"]
_show_notices()
providers = sg.provider_table(data.providers, window, chosen["segment"])
if providers.is_empty():
    st.info(t("decomp.no_providers"))
else:
    # labels made here, in this run's language (a polars UDF would run t() on a polars thread, in Danish)
    type_labels = {v: ", ".join(sg.value_label("provider_type", p.strip()) for p in (v or "").split(","))
                   for v in providers["provider_type"].unique().to_list() if v is not None}
    st.dataframe(providers.select(
        pl.col("provider").alias(t("decomp.col.provider")),
        pl.col("provider_type").replace_strict(type_labels, return_dtype=pl.String)
        .alias(t("decomp.col.provider_type")),
        fmt_values(providers["volume_base"], fmt_persons).alias(t("decomp.col.hap", year=base_year)),
        fmt_values(providers["volume_current"], fmt_persons)
        .alias(t("decomp.col.hap", year=cur_year)),
        fmt_values(providers["cost_base"], lambda v: fmt_number(v / 1e6, 1))
        .alias(t("unit.col_mio", label=t("decomp.col.cost", year=base_year))),
        fmt_values(providers["cost_current"], lambda v: fmt_number(v / 1e6, 1))
        .alias(t("unit.col_mio", label=t("decomp.col.cost", year=cur_year))),
        fmt_values(providers["unit_price_base"], lambda v: fmt_dkk(v, unit="tkr").removesuffix(" t.kr."),
                   skip_nulls=False)
        .alias(t("unit.col_tkr", label=t("decomp.col.unit_price_year", year=base_year))),
        fmt_values(providers["unit_price_current"], lambda v: fmt_dkk(v, unit="tkr").removesuffix(" t.kr."),
                   skip_nulls=False)
        .alias(t("unit.col_tkr", label=t("decomp.col.unit_price_year", year=cur_year))),
    ), hide_index=True, width="stretch", height=min(38 + 35 * providers.height, 560))
    st.caption(caption())

with st.expander(t("decomp.method_title")):
    st.markdown(t("decomp.method_text"))
