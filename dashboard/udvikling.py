"""Udgiftsudvikling: net expenditure per year with growth and per inhabitant, the current year month by
month against budget with a year-end forecast, and the split by function, dranst, buying/selling places
and grouping (click a function to drill down). Page state (prognose, opdeling) lives in the URL."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from present.exports import Column
from analysis.forecast import METHODS, forecast_year
from present.formatting import (fmt_dkk, fmt_mio, fmt_mio_number, fmt_month, fmt_month_short, fmt_number,
                                 fmt_pct, fmt_signed_dkk, fmt_values, price_phrase)
from i18n import t
from analysis.prices import MissingIndexError, PriceBase, to_price_base
from analysis.trends import (
    SPLITS, BudgetDeviation, actual_by_month, add_growth, annual_net, budget_only_years, current_year_months,
    forecast_sentence,
    method_text, per_inhabitant, span_growth, split_long, split_table, trend_sentence,
)
from dashboard import common
from domain.codes import target_age_group
from dashboard.common import ACCENT, COST_DOWN, COST_UP, GREY
from dashboard.loaders import load_sidebar, load_trends

SEGMENT_COLOURS = ["#1f5fa8", "#e39b2d", "#3b9ab2", "#8e6bbf", "#c7a16b", "#6c8ebf", "#d17fa6", "#7f8c8d",
                   "#b5bd4f", "#5fb3a1", "#f1c40f", "#a0522d"]
FIXED_COLOURS = {"dranst": {"1": ACCENT, "2": "#e39b2d"},
                 "koeb_salg": {"koeb": "#e39b2d", "salg": "#3b9ab2", "oevrige": ACCENT}}
SPLIT_CHART_KEY = "trend_split_chart"


# --- page state: seeded from the URL once per session, kept across page switches, written back -------

def _seed(key: str, param: str, valid: list[str], default: str, notices: list[str]) -> None:
    """Give widget ``key`` its value: the session's earlier choice, else the URL's ``param`` (first visit),
    else ``default``; an invalid URL value falls back to the default with a notice."""
    if key in st.session_state:
        return
    store = st.session_state.setdefault("_trend_state", {})
    if param in store:
        st.session_state[key] = store[param]
        return
    raw = st.query_params.get(param)
    value = default
    if raw is not None:
        if raw in valid:
            value = raw
        else:
            notices.append(common.url_notice(param, raw))
    st.session_state[key] = value


def _mio(values: list[float | None]) -> list[float | None]:
    return [v / 1e6 if v is not None else None for v in values]


def _bar_text(v: float | None) -> str:
    return fmt_mio_number(v) if v is not None else ""


def _sign_colour(text: str) -> str:
    """Cost up red, down green: colour a formatted change by its sign."""
    if not isinstance(text, str):
        return ""
    if text.startswith("+"):
        return f"color: {COST_UP}"
    if text.startswith("-"):
        return f"color: {COST_DOWN}"
    return ""


def _show_table(df: pl.DataFrame, coloured: list[str]) -> None:
    styler = df.to_pandas().style.map(_sign_colour, subset=[c for c in coloured if c in df.columns])
    st.dataframe(styler, hide_index=True, width="stretch")


def _drill_down() -> None:
    """on_select of the by-function chart: make the clicked function the sidebar's area."""
    event = st.session_state.get(SPLIT_CHART_KEY)
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if not points:
        return
    point = points[0]
    code = point.get("customdata")
    if isinstance(code, list):
        code = code[0] if code else None
    if code is None:
        codes = st.session_state.get("_trend_split_codes", [])
        n = point.get("curve_number")
        code = codes[n] if isinstance(n, int) and 0 <= n < len(codes) else None
    if code in st.session_state.get("_trend_area_codes", []):
        st.session_state["omraade"] = code
        st.session_state["_trend_drilled"] = code


filters = common.page_header("page.trend")
mio = t("unit.mio")   # the unit of every chart's y axis and hover text

notices: list[str] = []
_seed("trend_prognose", "prognose", list(METHODS), "saeson", notices)
_seed("trend_opdeling", "opdeling", list(SPLITS), "funktion", notices)
for n in notices:
    st.info(n)
method: str = st.session_state["trend_prognose"]
split: str = st.session_state["trend_opdeling"]

data = load_trends(common.query, filters.params, split)

# --- price base: every amount below is in the chosen base (a year's factor scales all its months alike)
price_base = filters.price_base
price_label = filters.price_label
try:
    monthly = to_price_base(data.monthly, ["amount_dkk"], filters.pl_index, price_base)
    split_raw = to_price_base(data.split, ["amount_dkk"], filters.pl_index, price_base)
except MissingIndexError as exc:
    st.warning(t("status.pl_missing_years", years=", ".join(map(str, exc.years))))
    price_base, price_label = PriceBase(None), t("sidebar.prices_current")
    monthly, split_raw = data.monthly, data.split

age_group = target_age_group(filters.functions)
annual = per_inhabitant(add_growth(annual_net(monthly)), data.population, age_group)
if annual.is_empty() or annual["net_dkk"].is_null().all():
    st.info(t("status.no_data"))
    st.stop()

# a year with a budget but no posted month yet (the new year in January) is said in words, never drawn as 0
for row in budget_only_years(monthly).filter(pl.col("year") <= filters.to_year).iter_rows(named=True):
    last = annual.row(-1, named=True)
    text = t("trend.no_actuals_yet", year=row["year"], last=fmt_month(int(last["year"]), int(last["months"])),
             prev=last["year"])
    budget_kind = "budget_corrected" if row["budget_corrected_dkk"] is not None else "budget_original"
    if row[budget_kind + "_dkk"] is not None:
        text += " " + t("trend.budget_only_budget", year=row["year"], budget=fmt_mio(row[budget_kind + "_dkk"]),
                  kind=t("kind." + budget_kind).lower())
    st.info(text)

years = annual["year"].to_list()
complete_years = annual.filter(pl.col("complete"))["year"].to_list()
current = annual.row(-1, named=True)
fc = forecast_year(actual_by_month(monthly), int(current["year"]), method, complete_years)
budget = current["budget_corrected_dkk"]
deviation = BudgetDeviation(fc.forecast_dkk, budget) if budget is not None and fc.forecast_dkk is not None else None
growth = span_growth(annual)
months = current_year_months(monthly, fc)
month_word = fmt_month_short(fc.months_to_date) if fc.months_to_date else ""
age_label = t(f"trend.age_{age_group.replace('-', '_').replace('+', '')}")
annual = annual.with_columns(
    pl.when(pl.col("year") == fc.year).then(pl.lit(fc.forecast_dkk if not fc.is_complete else None, pl.Float64))
    .otherwise(None).alias("forecast_dkk"),
).with_columns(
    pl.when(pl.col("complete")).then(pl.col("net_dkk")).otherwise(pl.col("forecast_dkk"))
    .sub(pl.col("budget_corrected_dkk")).alias("budget_deviation_dkk"),
)
forecast_meta = {t("trend.forecast_method"): method_text(fc)}

# --- KPI cards ---------------------------------------------------------------------------------------
cols = st.columns(5)
# amounts in mio. kr. carry the unit in the label so that five cards fit side by side at 1600 px
cols[0].metric(t("common.kpi_mio", label=t("trend.kpi_result" if fc.is_complete else "trend.kpi_forecast", year=fc.year)),
               fmt_mio_number(fc.forecast_dkk), help=f"{method_text(fc)} · {price_label}")
if deviation is not None:
    word = t(f"trend.kind_{deviation.kind}")
    cols[1].metric(t("common.kpi_mio", label=t("trend.kpi_vs_budget_result" if fc.is_complete else "trend.kpi_vs_budget",
                                               year=fc.year)),
                   fmt_mio_number(deviation.deviation_dkk, signed=True),
                   delta=f"{fmt_pct(deviation.deviation_pct, signed=True)} {word}", delta_color="inverse",
                   help=t("trend.help_vs_budget"))
    cols[2].metric(t("trend.kpi_spend", month=month_word), fmt_pct(fc.actual_to_date_dkk / budget) if budget else "–",
                   help=t("trend.help_spend", share=fmt_pct(fc.months_to_date / 12)))
else:
    cols[1].metric(t("trend.kpi_vs_budget_result" if fc.is_complete else "trend.kpi_vs_budget", year=fc.year),
                   t("status.budget_not_loaded"))
    cols[2].metric(t("trend.kpi_spend", month=month_word), t("status.budget_not_loaded"))
if growth is not None:
    cols[3].metric(t("trend.kpi_growth", y0=growth.first_year, y1=growth.last_year),
                   fmt_pct(growth.change_pct, signed=True), delta=fmt_signed_dkk(growth.change_dkk, unit="mio"),
                   delta_color="inverse", help=t("trend.help_growth", per_year=fmt_pct(growth.annual_pct, signed=True)))
else:
    cols[3].metric(t("trend.kpi_growth_short"), "–", help=t("overview.no_complete_years"))
last_full = annual.filter(pl.col("complete")).tail(1)
if not last_full.is_empty():
    row = last_full.row(0, named=True)
    value = row["net_per_inhabitant_dkk"]
    cols[4].metric(t("trend.kpi_per_inhabitant", age=age_label, year=row["year"]),
                   fmt_dkk(value, unit="kr") if value is not None else t("status.not_loaded"),
                   help=t("trend.help_per_inhabitant", age=age_label))

# --- the sentences -----------------------------------------------------------------------------------
sentence = trend_sentence(filters.area_name, annual, price_label)
st.markdown(f"**{sentence}**" if sentence else t("overview.no_complete_years"))
fc_sentence = forecast_sentence(fc, budget, price_label)
if fc_sentence:
    st.markdown(fc_sentence)

# --- main chart: net per year, current year to date inside its forecast, corrected budget ---------------
labels = [str(y) if c else f"{y}*" for y, c in zip(years, annual["complete"].to_list())]
net_values = annual["net_dkk"].to_list()
fig = go.Figure()
if not fc.is_complete and fc.forecast_dkk is not None:
    fig.add_bar(x=[labels[-1]], y=[fc.forecast_dkk / 1e6], name=t("trend.forecast_full_year"),
                marker=dict(color="rgba(31,95,168,0.10)", line=dict(color=ACCENT, width=2),
                            pattern=dict(shape="/", fgcolor="rgba(31,95,168,0.45)")),
                text=[t("trend.bar_forecast", value=_bar_text(fc.forecast_dkk))], textposition="outside",
                cliponaxis=False, hovertemplate=t("trend.forecast_full_year") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
fig.add_bar(x=labels, y=_mio(net_values), name=t("trend.actual"),
            marker_color=[ACCENT if c else GREY for c in annual["complete"].to_list()],
            text=[_bar_text(v) if c else "" for v, c in zip(net_values, annual["complete"].to_list())],
            textposition="outside", cliponaxis=False,
            customdata=[[fmt_pct(p, signed=True), fmt_signed_dkk(d, unit="mio")] for p, d in
                        zip(annual["change_pct"].to_list(), annual["change_dkk"].to_list())],
            hovertemplate="%{x}: %{y:,.1f} " + mio + "<br>" + t("col.change") + ": %{customdata[0]} (%{customdata[1]})<extra></extra>")
if annual["budget_corrected_dkk"].is_not_null().any():
    fig.add_scatter(x=labels, y=_mio(annual["budget_corrected_dkk"].to_list()), name=t("kind.budget_corrected"),
                    mode="markers", marker=dict(symbol="line-ew-open", size=40, color="#222", line=dict(width=4, color="#222")),
                    hovertemplate=t("kind.budget_corrected") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
top = max([v for v in net_values + annual["budget_corrected_dkk"].to_list() + [fc.forecast_dkk] if v is not None] or [0])
fig.update_layout(title=t("trend.chart_title", prices=price_phrase(price_label)), height=420, barmode="overlay",
                  yaxis_title=mio, yaxis_tickformat=",.0f", yaxis_range=[0, top / 1e6 * 1.15],
                  xaxis=dict(type="category", categoryorder="array", categoryarray=labels, tickfont_size=15),
                  yaxis_tickfont_size=14, bargap=0.3)
fig.update_traces(textfont_size=15, selector=dict(type="bar"))
st.plotly_chart(fig, key="trend_chart", config={"displaylogo": False})
notes = [f"{r['year']}*: {t('status.incomplete_year', months=r['months'])}"
         for r in annual.filter(~pl.col("complete")).iter_rows(named=True)]
st.caption(common.source_caption(filters, t("trend.source"), "; ".join(notes)))

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
_show_table(table, [t("trend.col_change_dkk"), t("trend.col_change_pct"), t("trend.col_deviation")])
stem = f"{filters.area_code}_{filters.from_year}-{filters.to_year}"
common.download_buttons(
    annual,
    [Column("year", t("col.year")), Column("net_dkk", t("unit.col_kr", label=t("col.net_expenditure")), 2),
     Column("change_dkk", t("trend.col_change_kr"), 2),
     Column("change_pct", t("trend.col_change_share"), 4),
     Column("net_before_refusion_dkk", t("unit.col_kr", label=t("overview.before_refusion")), 2),
     Column("refusion_dkk", t("unit.col_kr", label=t("trend.dranst_2")), 2),
     Column("forecast_dkk", t("unit.col_kr", label=t("trend.col_forecast")), 2),
     Column("budget_corrected_dkk", t("unit.col_kr", label=t("col.budget_corrected")), 2),
     Column("budget_original_dkk", t("unit.col_kr", label=t("kind.budget_original")), 2),
     Column("budget_deviation_dkk", t("unit.col_kr", label=t("trend.col_deviation")), 2),
     Column("persons", t("trend.col_persons", age=age_label)),
     Column("net_per_inhabitant_dkk", t("unit.col_kr", label=per_inh_header), 2),
     Column("months", t("col.months_with_actuals"))],
    common.export_meta(filters, t("trend.chart_title", prices=price_phrase(price_label)), t("trend.source"),
                       price_label=price_label, extra=forecast_meta),
    f"udvikling_{stem}", key="trend_annual",
)

# --- the current year month by month -----------------------------------------------------------------
st.subheader(t("trend.month_heading", year=fc.year))
st.radio(t("trend.method_label"), list(METHODS), key="trend_prognose", horizontal=True,
         format_func=common.option_labels("trend_prognose", METHODS, lambda m: t(f"trend.method_{m}_name")))
x = [fmt_month_short(m) for m in range(1, 13)]
mfig = go.Figure()
if months["budget_original_cum_dkk"].is_not_null().any():
    mfig.add_scatter(x=x, y=_mio(months["budget_original_cum_dkk"].to_list()), name=t("kind.budget_original"),
                     mode="lines", line=dict(color=GREY, width=2, dash="dot"),
                     hovertemplate=t("kind.budget_original") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
if months["budget_corrected_cum_dkk"].is_not_null().any():
    mfig.add_scatter(x=x, y=_mio(months["budget_corrected_cum_dkk"].to_list()), name=t("kind.budget_corrected"),
                     mode="lines", line=dict(color="#222", width=3),
                     hovertemplate=t("kind.budget_corrected") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
forecast_colour = COST_UP if deviation is not None and deviation.kind == "merforbrug" else (
    COST_DOWN if deviation is not None and deviation.kind == "mindreforbrug" else "#555")
if months["forecast_cum_dkk"].is_not_null().any():
    mfig.add_scatter(x=x, y=_mio(months["forecast_cum_dkk"].to_list()), name=t("trend.forecast_path"),
                     mode="lines+markers", line=dict(color=forecast_colour, width=3, dash="dash"),
                     hovertemplate=t("trend.forecast_path") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
mfig.add_scatter(x=x, y=_mio(months["actual_cum_dkk"].to_list()), name=t("trend.actual_cum"),
                 mode="lines+markers", line=dict(color=ACCENT, width=4), marker=dict(size=8),
                 hovertemplate=t("trend.actual_cum") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
# December call-outs: forecast, the expected deviation and the corrected budget, stacked so they never overlap
callouts: list[tuple[float, str, str, bool]] = []      # (value, text, colour, bold)
if fc.forecast_dkk is not None and not fc.is_complete:
    callouts.append((fc.forecast_dkk, t("trend.callout_forecast", value=fmt_mio(fc.forecast_dkk)), forecast_colour, False))
if budget is not None:
    callouts.append((budget, t("trend.callout_budget", value=fmt_mio(budget)), "#222", False))
if deviation is not None and not fc.is_complete:
    callouts.append(((fc.forecast_dkk + budget) / 2, f"{fmt_signed_dkk(deviation.deviation_dkk, unit='mio')} "
                     f"{t(f'trend.kind_{deviation.kind}')}", forecast_colour, True))
if callouts:
    mid = sum(v for v, *_ in callouts) / len(callouts) / 1e6
    amounts = sorted([c for c in callouts if not c[3]], key=lambda c: -c[0])   # higher amount on top
    ordered = amounts[:1] + [c for c in callouts if c[3]] + amounts[1:]        # the deviation between them
    for i, (_, text, colour, bold) in enumerate(ordered):
        mfig.add_annotation(x=x[-1], y=mid, text=f"<b>{text}</b>" if bold else text, showarrow=False,
                            xanchor="left", xshift=10, yshift=(len(ordered) - 1) * 12 - i * 24,
                            font=dict(size=15, color=colour))
mfig.update_layout(title=t("trend.month_chart_title", year=fc.year, prices=price_phrase(price_label)), height=440,
                   yaxis_title=mio, yaxis_tickformat=",.0f", yaxis_rangemode="tozero", yaxis_tickfont_size=14,
                   xaxis_tickfont_size=15, margin=dict(r=230), hovermode="x unified")
st.plotly_chart(mfig, key="trend_month_chart", config={"displaylogo": False})
st.caption(common.source_caption(filters, t("trend.source"), t("common.method") + ": " + method_text(fc)))
with st.expander(t("trend.table_behind")):
    mtable = months.select(
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
    st.dataframe(mtable, hide_index=True, width="stretch")
common.download_buttons(
    months.with_columns(pl.lit(fc.year).alias("year")),
    [Column("year", t("col.year")), Column("month", t("common.month")),
     Column("actual_dkk", t("unit.col_kr", label=t("kind.actual")), 2),
     Column("actual_cum_dkk", t("unit.col_kr", label=t("trend.actual_cum")), 2),
     Column("budget_corrected_dkk", t("unit.col_kr", label=t("kind.budget_corrected")), 2),
     Column("budget_corrected_cum_dkk", t("unit.col_kr", label=t("trend.col_budget_cum")), 2),
     Column("budget_original_cum_dkk", t("unit.col_kr", label=t("trend.col_budget_original_cum")), 2),
     Column("forecast_cum_dkk", t("unit.col_kr", label=t("trend.forecast_path")), 2),
     Column("spend_pct", t("unit.col_share", label=t("measure.consumption_rate")), 4)],
    common.export_meta(filters, t("trend.month_chart_title", year=fc.year, prices=price_phrase(price_label)), t("trend.source"),
                       price_label=price_label, extra=forecast_meta),
    f"maaneder_{fc.year}_{filters.area_code}", key="trend_months",
)

# --- the split -----------------------------------------------------------------------------------------
st.subheader(t("trend.split_heading"))
st.radio(t("trend.split_label"), list(SPLITS), key="trend_opdeling", horizontal=True,
         format_func=common.option_labels("trend_opdeling", SPLITS, lambda s: t(f"trend.split_{s}")))
long = split_long(split, split_raw)
segments = long.select("segment", "label").unique(subset="segment", maintain_order=True)
codes = segments["segment"].to_list()
totals = dict(zip(annual["year"].to_list(), annual["net_dkk"].to_list()))
sfig = go.Figure()
for i, (seg, label) in enumerate(segments.iter_rows()):
    sub = long.filter(pl.col("segment") == seg)
    by_year = dict(zip(sub["year"].to_list(), sub["net_dkk"].to_list()))
    colour = FIXED_COLOURS.get(split, {}).get(seg, SEGMENT_COLOURS[i % len(SEGMENT_COLOURS)])
    short = label if split != "funktion" or len(label) <= 34 else label[:33] + "…"
    sfig.add_bar(x=labels, y=_mio([by_year.get(y) for y in years]), name=short, marker_color=colour,
                 marker_opacity=[1.0 if c else 0.45 for c in annual["complete"].to_list()],
                 customdata=[seg] * len(years),
                 hovertemplate=label.replace("%", "%%") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
sfig.add_scatter(x=labels, y=_mio([totals.get(y) for y in years]), name=t("overview.after_refusion"), mode="markers",
                 marker=dict(symbol="line-ew-open", size=40, color="#222", line=dict(width=4, color="#222")),
                 hovertemplate=t("overview.after_refusion") + " %{x}: %{y:,.1f} " + mio + "<extra></extra>")
many = len(codes) > 4
sfig.update_layout(title=t("trend.split_chart_title", split=t(f"trend.split_{split}_in"), prices=price_phrase(price_label)),
                   barmode="relative", height=500 if many else 440, yaxis_title=mio, yaxis_tickformat=",.0f",
                   xaxis=dict(type="category", categoryorder="array", categoryarray=labels, tickfont_size=15),
                   yaxis_tickfont_size=14, bargap=0.3,
                   legend=dict(orientation="v", x=1.01, y=1, xanchor="left", yanchor="top", traceorder="reversed")
                   if many else dict(traceorder="reversed"),
                   margin=dict(r=330) if many else None)
drill = split == "funktion" and len(codes) > 1
st.session_state["_trend_split_codes"] = codes
st.session_state["_trend_area_codes"] = load_sidebar(common.query).areas["area_code"].unique().to_list()
if drill:
    st.plotly_chart(sfig, key=SPLIT_CHART_KEY, config={"displaylogo": False}, on_select=_drill_down,
                    selection_mode="points")
    st.caption(t("trend.drill_hint"))
else:
    st.plotly_chart(sfig, key="trend_split_static", config={"displaylogo": False})
drilled = st.session_state.pop("_trend_drilled", None)
if drilled:
    st.success(t("trend.drilled", area=filters.area_name))
st.caption(common.source_caption(filters, t("trend.source"), "; ".join(notes)))
first_y = growth.first_year if growth else None
last_y = growth.last_year if growth else None
wide = split_table(long, years, first_y, last_y)
year_cols = [f"net_{y}_dkk" for y in years]
with st.expander(t("trend.table_behind"), expanded=False):
    stable = wide.select(
        pl.col("label").alias(t(f"trend.split_{split}")),
        *[fmt_values(wide[c], lambda v: fmt_number(v / 1e6, 1)).fill_null("–")
          .alias(lab) for c, lab in zip(year_cols, labels)],
        fmt_values(wide["change_dkk"], lambda v: fmt_signed_dkk(v, unit="mio"))
        .fill_null("–").alias(t("trend.col_change_span", y0=first_y or "", y1=last_y or "")),
        fmt_values(wide["change_pct"], lambda v: fmt_pct(v, signed=True))
        .fill_null("–").alias(t("trend.col_change_pct")),
    )
    st.caption(t("trend.split_table_unit"))
    _show_table(stable, [t("trend.col_change_span", y0=first_y or "", y1=last_y or ""), t("trend.col_change_pct")])
common.download_buttons(
    wide,
    [Column("segment", t("trend.col_code")), Column("label", t(f"trend.split_{split}"))]
    + [Column(c, t("unit.col_kr", label=lab), 2) for c, lab in zip(year_cols, labels)]
    + [Column("change_dkk", t("unit.col_kr", label=t("trend.col_change_span", y0=first_y or "", y1=last_y or "")), 2),
       Column("change_pct", t("trend.col_change_share"), 4)],
    common.export_meta(filters, t("trend.split_chart_title", split=t(f"trend.split_{split}_in"), prices=price_phrase(price_label)),
                       t("trend.source"), price_label=price_label),
    f"fordeling_{split}_{stem}", key="trend_split",
)

# --- URL: the page's own state next to the sidebar's ---------------------------------------------------
st.session_state["_trend_state"] = {"prognose": st.session_state["trend_prognose"],
                                    "opdeling": st.session_state["trend_opdeling"]}
st.query_params.update(st.session_state["_trend_state"])
