"""Sammenligning: are we expensive, compared with whom, and can our level be explained by our population?

Ranking of all municipalities, the own level over time against the group and the country, the gap in
mio. kr., the most similar municipalities and a least-squares fit against the socio-economic index.
Page state (gruppe, kommuner, maal, aar, kilde, k, vaegte) lives in the URL next to the sidebar's.
"""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analysis import benchmark as bm
from present.exports import Column
from present.formatting import (fmt_dkk, fmt_mio, fmt_mio_number, fmt_number, fmt_pct, fmt_signed_dkk, fmt_values,
                                 md_literal, price_phrase)
from i18n import t
from analysis.prices import MissingIndexError, to_price_base
from dashboard import common
from domain.codes import target_age_group
from dashboard.common import ACCENT
from dashboard.loaders import load_benchmark

GROUP_GREY = "#5f6670"     # members of the comparison group
OTHER_GREY = "#d3d7dc"     # all other municipalities
AVG_COLOUR = "#222222"
NATIONAL_COLOUR = "#e39b2d"
MEASURES = ["pr-indbygger", "i-alt", "indeks"]
SOURCE_ORDER = ["dst", "noegletal", "syntetisk", "syntetisk_noegletal"]   # default: the first the own municipality has
WEIGHT_OPTIONS = [i / 2 for i in range(21)]   # 0, 0,5 ... 10
WEIGHT_KEYS = {"persons_total": "vaegt_befolkning", "share_18_64": "vaegt_andel", "socio_index": "vaegt_socio"}

filters = common.page_header("page.comparison")
mio, kr = t("unit.mio"), t("unit.kr")   # units of the charts' axes and hover texts
notices: list[str] = []

data = load_benchmark(common.query, filters.params, filters.area_code)
values = data.values.filter(pl.col("kommunekode") > 0)
if values.is_empty():
    st.info(t("cmp.no_data"))
    st.stop()
munis = data.municipalities
names = dict(zip(munis["kommunekode"].to_list(), munis["name"].to_list()))
own = filters.kommune
own_row = munis.filter(pl.col("kommunekode") == own).row(0, named=True)
real_codes = munis.filter(~pl.col("is_synthetic"))["kommunekode"].to_list()

# ---- source: never mix synthetic figures, Danmarks Statistik's and key figures (nøgletal) ------------------
synthetic, is_key_figure = pl.col("is_synthetic"), pl.col("key_figure").is_not_null()
values = values.with_columns(
    pl.when(synthetic & is_key_figure).then(pl.lit("syntetisk_noegletal")).when(synthetic).then(pl.lit("syntetisk"))
    .when(is_key_figure).then(pl.lit("noegletal")).otherwise(pl.lit("dst")).alias("source_key"))
source_keys = [k for k in SOURCE_ORDER if k in set(values["source_key"].to_list())]
own_sources = set(values.filter(pl.col("kommunekode") == own)["source_key"].to_list())
default_source = next((k for k in SOURCE_ORDER if k in own_sources), source_keys[0])
common._from_url("kilde", source_keys, default_source, str, notices)
if st.session_state["kilde"] not in source_keys:  # e.g. key figures chosen, then an area they do not cover
    st.session_state["kilde"] = default_source

# ---- page controls -----------------------------------------------------------------------------------
c_group, c_measure, c_year, c_source = st.columns([12, 11, 4, 5])
c_source.selectbox(t("cmp.source"), source_keys, key="kilde",
                   format_func=common.option_labels("kilde", source_keys, lambda k: t("cmp.source_" + k)),
                   disabled=len(source_keys) == 1)
source_key = st.session_state["kilde"]
values = values.filter(pl.col("source_key") == source_key)
key_figure: str | None = None
if source_key.endswith("noegletal"):
    # one key figure at a time: two figures for the same area (per 0-17-årig, in 1.000 kr.) must not be added
    figures = (values.group_by("key_figure").agg(pl.col("kommunekode").n_unique().alias("n"))
               .sort(["n", "key_figure"], descending=[True, False])["key_figure"].to_list())
    common._from_url("noegletal", figures, figures[0], str, notices)
    if st.session_state["noegletal"] not in figures:  # e.g. after switching to an area with other figures
        st.session_state["noegletal"] = figures[0]
    if len(figures) > 1:
        st.selectbox(t("cmp.key_figure"), figures, key="noegletal")
    key_figure = st.session_state["noegletal"]
    values = values.filter(pl.col("key_figure") == key_figure)
source_text = ", ".join(sorted(set(values["source"].to_list())))
if key_figure is not None:
    source_text += f"; {t('cmp.key_figure').lower()}: {key_figure}"
units = sorted(set(values["unit"].to_list()))

age_group = target_age_group(filters.functions)
target_label = t("cmp.target_" + age_group.replace("-", "_").replace("+", ""))
try:
    totals = bm.to_total_dkk(values, data.population)
except ValueError as exc:
    st.error(md_literal(exc))
    st.stop()
totals = (totals.group_by("kommunekode", "year")
          .agg(pl.col("total_dkk").sum(), pl.col("functions_n").sum(), pl.col("price_unit").first())
          .sort("kommunekode", "year"))
price_label = filters.price_label
if filters.price_base.is_fixed and (totals["price_unit"] == "current").all():
    try:
        totals = to_price_base(totals, ["total_dkk"], filters.pl_index, filters.price_base)
    except MissingIndexError as exc:
        st.warning(t("status.pl_missing_years", years=", ".join(map(str, exc.years))))
        price_label = t("sidebar.prices_current")
elif filters.price_base.is_fixed:
    price_label = t("cmp.prices_as_delivered")
table = bm.add_per_capita(totals, data.population, age_group).join(
    data.socio, on=["kommunekode", "year"], how="left").filter(pl.col("kommunekode").is_in(list(names)))
table = table.with_columns(pl.col("kommunekode").replace_strict(names, return_dtype=pl.String).alias("name"))

years = sorted(set(table["year"].to_list()), reverse=True)
own_years = sorted(set(table.filter(pl.col("kommunekode") == own)["year"].to_list()), reverse=True)
common._from_url("aar", years, own_years[0] if own_years else years[0], int, notices)
c_year.selectbox(t("common.year"), years, key="aar")
year = st.session_state["aar"]

dst_groups = munis.filter(pl.col("dst_group").is_not_null()).select("dst_group", "dst_group_name").unique().sort("dst_group")
group_options = ([f"dst-{g}" for g in dst_groups["dst_group"].to_list()] + (["region"] if own_row["regionskode"] else [])
                 + ["land", "egen", "naermeste"])
dst_names = dict(zip(dst_groups["dst_group"].to_list(), dst_groups["dst_group_name"].to_list()))
default_group = f"dst-{own_row['dst_group']}" if own_row["dst_group"] in dst_names else "land"
common._from_url("gruppe", group_options, default_group, str, notices)
if st.session_state["gruppe"] not in group_options:  # e.g. the region after switching to a municipality without one
    st.session_state["gruppe"] = default_group
if not own_row["regionskode"]:
    st.caption(t("cmp.no_region", kommune=filters.kommune_name))


def _group_label(key: str) -> str:
    if key.startswith("dst-"):
        return t("cmp.group_dst", name=dst_names.get(int(key[4:]), key), code=key[4:])
    if key == "region":
        return t("cmp.group_region", region=own_row["region"] or "–")
    return t("cmp.group_" + key)


c_group.selectbox(t("sidebar.comparison_group"), group_options, key="gruppe",
                  format_func=common.option_labels("gruppe", group_options, _group_label))
group = st.session_state["gruppe"]
common._from_url("maal", MEASURES, "pr-indbygger", str, notices)
c_measure.selectbox(t("cmp.measure"), MEASURES, key="maal",
                    format_func=common.option_labels(
                        "maal", MEASURES, lambda m: t("cmp.measure_" + m.replace("-", "_"), target=target_label)))
measure = st.session_state["maal"]

others = [c for c in names if c != own]
this_year = table.filter(pl.col("year") == year)
url_extra: dict[str, str] = {}
similar: pl.DataFrame | None = None
if group.startswith("dst-"):
    members = munis.filter(pl.col("dst_group") == int(group[4:]))["kommunekode"].to_list()
elif group == "region":
    members = munis.filter(pl.col("regionskode") == own_row["regionskode"])["kommunekode"].to_list()
elif group == "land":
    members = real_codes
elif group == "egen":
    if "kommuner" not in st.session_state:
        raw = st.query_params.get("kommuner")
        chosen = [c for c in munis.filter(pl.col("dst_group") == own_row["dst_group"])["kommunekode"].to_list() if c != own]
        if raw is not None:
            parts = [p.strip() for p in raw.split(",") if p.strip()]
            good = [int(p) for p in parts if p.isdigit() and int(p) in others]
            bad = [p for p in parts if not (p.isdigit() and int(p) in others)]
            if bad:
                notices.append(common.url_notice("kommuner", ",".join(bad)))
            chosen = list(dict.fromkeys(good)) if good or not bad else chosen
        st.session_state["kommuner"] = chosen
    st.multiselect(t("cmp.own_list"), others, key="kommuner", format_func=lambda c: f"{names[c]} ({c})",
                   placeholder=t("cmp.own_list_placeholder"))
    members = list(st.session_state["kommuner"])
    url_extra["kommuner"] = ",".join(map(str, members))
else:  # naermeste: k nearest by standardised Euclidean distance
    if "k" not in st.session_state:
        common._from_url("k", list(range(3, 31)), 10, int, notices)
    if any(k not in st.session_state for k in WEIGHT_KEYS.values()):
        raw = st.query_params.get("vaegte")
        weights0 = [1.0, 1.0, 1.0]
        if raw is not None:
            try:
                parsed = [float(p) for p in raw.split(",")]
                if len(parsed) != 3 or any(p not in WEIGHT_OPTIONS for p in parsed):
                    raise ValueError
                weights0 = parsed
            except ValueError:
                notices.append(common.url_notice("vaegte", raw))
        for key, w in zip(WEIGHT_KEYS.values(), weights0):
            st.session_state[key] = w
    with st.expander(t("cmp.similar_settings"), expanded=True):
        cols = st.columns(4)
        cols[0].number_input(t("cmp.k"), min_value=3, max_value=30, step=1, key="k")
        for col, (var, key) in zip(cols[1:], WEIGHT_KEYS.items()):
            # a slider with Danish labels: number_input would show "1.00" with a decimal point
            col.select_slider(t("cmp.weight", variable=bm.similarity_label(var)), options=WEIGHT_OPTIONS,
                              format_func=lambda w: fmt_number(w, 1), key=key)
        st.caption(t("cmp.similar_method"))
    weights = {var: float(st.session_state[key]) for var, key in WEIGHT_KEYS.items()}
    features = this_year.filter(pl.col("kommunekode").is_in(real_codes + [own])).select(
        "kommunekode", *bm.SIMILARITY_VARIABLES)
    similar = bm.nearest_neighbours(features, own, weights, int(st.session_state["k"]))
    members = similar["kommunekode"].to_list()
    url_extra["k"] = str(st.session_state["k"])
    url_extra["vaegte"] = ",".join(f"{w:g}" for w in weights.values())

members = [c for c in members if c != own]
if key_figure is not None:
    url_extra["noegletal"] = key_figure
url_state = {"gruppe": group, "maal": measure, "aar": str(year), "kilde": source_key, **url_extra}
for stale in ("kommuner", "k", "vaegte", "noegletal"):
    if stale not in url_extra and stale in st.query_params:
        del st.query_params[stale]
st.query_params.update(url_state)
for n in notices:
    st.info(n)

# ---- figures for the chosen year ---------------------------------------------------------------------
own_now = this_year.filter(pl.col("kommunekode") == own)
if own_now.is_empty() or own_now["dkk_per_target_inhabitant"][0] is None:
    st.warning(t("cmp.own_missing", kommune=filters.kommune_name, year=year, source=t("cmp.source_" + source_key)))
    st.stop()
own_r = own_now.row(0, named=True)
group_label = _group_label(group)
group_mean = bm.unweighted_mean(this_year, members)
national = bm.weighted_average(this_year, real_codes)
quartile = bm.lower_quartile(this_year.filter(pl.col("kommunekode").is_in(members))["dkk_per_target_inhabitant"].to_list())
gap_mean = bm.gap_dkk(own_r["dkk_per_target_inhabitant"], group_mean, own_r["target_persons"])
gap_q = bm.gap_dkk(own_r["dkk_per_target_inhabitant"], quartile, own_r["target_persons"])
n_members = this_year.filter(pl.col("kommunekode").is_in(members) & pl.col("dkk_per_target_inhabitant").is_not_null()).height
price_lower = price_phrase(price_label)

# two rows of three: the level (own, group, index), then the gaps in mio. kr. (their labels are long)
kpi = st.columns(3) + st.columns(3)[:2]
kpi[0].metric(t("cmp.kpi_own", target=target_label, year=year), fmt_dkk(own_r["dkk_per_target_inhabitant"], unit="kr"),
              help=price_label)
kpi[1].metric(t("cmp.kpi_group"), fmt_dkk(group_mean, unit="kr"), help=t("cmp.help_group", n=n_members))
kpi[2].metric(t("cmp.kpi_index"), fmt_number(own_r["dkk_per_target_inhabitant"] / group_mean * 100, 0) if group_mean else "–",
              help=t("cmp.help_index"))
kpi[3].metric(t("common.kpi_mio", label=t("cmp.kpi_gap_mean")), fmt_mio_number(gap_mean, signed=True), help=t("cmp.help_gap"))
kpi[4].metric(t("common.kpi_mio", label=t("cmp.kpi_gap_quartile")), fmt_mio_number(gap_q, signed=True),
              help=t("cmp.help_quartile"))
st.markdown("**" + bm.summary_sentence(filters.kommune_name, filters.area_name, year, target_label,
                                        own_r["dkk_per_target_inhabitant"], group_label, group_mean, gap_mean, gap_q,
                                        price_lower) + "**")

if units == ["dkk_per_inhabitant"]:
    unit_note = t("cmp.unit_note_per_inhabitant")
elif units and all(u.startswith("dkk_per_inhabitant_") for u in units):
    unit_note = t("cmp.unit_note_per_age_group")
else:
    unit_note = t("cmp.unit_note_amount")
handle_note = t("cmp.handlekommune_noegletal" if key_figure is not None else "cmp.handlekommune")
caption_extra = f"{unit_note} {handle_note}"
source_label = t("cmp.source_" + source_key) + f" ({source_text})"
caption_source = t("cmp.source_" + source_key) + f" ({md_literal(source_text)})"   # imported text, shown literally

# ---- ranking -----------------------------------------------------------------------------------------
ranked = bm.ranking(bm.with_measure(this_year, measure, group_mean), own, members, "measure_value")
if measure == "i-alt":
    axis_title, group_line, national_line = mio, bm.unweighted_mean(ranked, members, "measure_value"), None
elif measure == "indeks":
    axis_title, group_line = t("cmp.index_axis"), 100.0 if group_mean else None
    national_line = national / group_mean * 100 if national and group_mean else None
else:
    axis_title, group_line, national_line = t("cmp.per_capita_axis", target=target_label), group_mean, national
rev = ranked.reverse()  # plotly draws the first category at the bottom
colours = {"own": ACCENT, "group": GROUP_GREY, "other": OTHER_GREY}
labels = [f"<b>{n}</b>" if r == "own" else n for n, r in zip(rev["name"].to_list(), rev["role"].to_list())]
fig = go.Figure()
fig.add_bar(
    y=labels, x=rev["measure_value"].to_list(), orientation="h",
    marker_color=[colours[r] for r in rev["role"].to_list()], showlegend=False,
    customdata=[[t("cmp.role_" + r)] for r in rev["role"].to_list()],
    hovertemplate="%{y}: %{x:,.0f} (%{customdata[0]})<extra></extra>" if measure != "i-alt"
    else "%{y}: %{x:,.1f} " + mio + " (%{customdata[0]})<extra></extra>",
)
for name, colour, role in ((filters.kommune_name, ACCENT, "own"), (group_label, GROUP_GREY, "group"),
                           (t("cmp.role_other"), OTHER_GREY, "other")):
    fig.add_scatter(x=[None], y=[None], mode="markers", marker=dict(symbol="square", size=12, color=colour),
                    name=name if role != "group" else t("cmp.legend_group", group=group_label))
if group_line is not None:
    fig.add_vline(x=group_line, line_dash="dash", line_color=AVG_COLOUR, line_width=2)
    fig.add_scatter(x=[None], y=[None], mode="lines", line=dict(dash="dash", color=AVG_COLOUR),
                    name=t("cmp.avg_unweighted_named", group=group_label))
if national_line is not None:
    fig.add_vline(x=national_line, line_dash="dash", line_color=NATIONAL_COLOUR, line_width=2)
    fig.add_scatter(x=[None], y=[None], mode="lines", line=dict(dash="dash", color=NATIONAL_COLOUR),
                    name=t("cmp.avg_national"))
rank_height = max(460, 15 * ranked.height + 200)
fig.update_layout(  # px positions via container refs: title, legend, then the top axis, so nothing overlaps
    title=dict(text=t("cmp.ranking_title", measure=t("cmp.measure_" + measure.replace("-", "_"), target=target_label),
                      year=year, prices=price_lower), yref="container", y=1 - 22 / rank_height, yanchor="middle"),
    height=rank_height, bargap=0.25,
    xaxis=dict(tickformat=",.0f" if measure != "i-alt" else ",.1f", side="top", title=None),
    yaxis=dict(tickfont=dict(size=10), automargin=True),
    legend=dict(orientation="h", yref="container", yanchor="top", y=1 - 44 / rank_height, x=0, font=dict(size=13)),
    margin=dict(l=140, r=30, t=160, b=30),
)
st.plotly_chart(fig, key="ranking_chart", config={"displaylogo": False})
st.caption(common.source_caption(filters, caption_source, caption_extra))

rank_export = ranked.with_columns(pl.col("role").replace_strict({r: t("cmp.role_" + r) for r in colours}).alias("role_label"))
st.dataframe(
    rank_export.select(
        pl.col("rank").alias("#"), pl.col("name").alias(t("sidebar.municipality")),
        pl.col("role_label").alias(t("cmp.col_role")),
        fmt_values(rank_export["dkk_per_target_inhabitant"], lambda v: fmt_dkk(v, unit="kr"))
        .alias(t("cmp.per_capita_axis", target=target_label)),
        fmt_values(rank_export["total_dkk"], fmt_mio).alias(t("cmp.col_total")),
        fmt_values(rank_export["target_persons"], fmt_number).alias(t("cmp.col_persons", target=target_label)),
        fmt_values(rank_export["socio_index"], lambda v: fmt_number(v, 1)).alias(t("cmp.col_socio")),
    ),
    hide_index=True, width="stretch", height=300,
)
meta_extra = {t("sidebar.comparison_group"): f"{group_label} ({n_members} {t('cmp.municipalities')})",
              t("common.year"): str(year), t("cmp.measure"): t("cmp.measure_" + measure.replace("-", "_"), target=target_label),
              t("common.method"): t("cmp.method_export"), t("cmp.units"): unit_note + " " + handle_note}
common.download_buttons(
    rank_export,
    [Column("rank", t("cmp.col_rank")), Column("kommunekode", t("cmp.col_kommunekode")),
     Column("name", t("sidebar.municipality")),
     Column("role_label", t("cmp.col_role")), Column("total_dkk", t("cmp.col_total_kr"), 0),
     Column("target_persons", t("cmp.col_persons", target=target_label)),
     Column("dkk_per_target_inhabitant", t("cmp.per_capita_axis", target=target_label), 2),
     Column("measure_value", t("cmp.measure_" + measure.replace("-", "_"), target=target_label), 2),
     Column("socio_index", t("cmp.col_socio"), 1), Column("functions_n", t("cmp.col_functions"))],
    common.export_meta(filters, fig.layout.title.text, source_label, price_label=price_label, extra=meta_extra),
    f"sammenligning_{filters.area_code}_{year}", key="cmp_ranking",
)

# ---- over time ---------------------------------------------------------------------------------------
st.subheader(t("cmp.trend_title", target=target_label))
series = []
for y in sorted(set(table["year"].to_list())):
    ty = table.filter(pl.col("year") == y)
    own_y = ty.filter(pl.col("kommunekode") == own)["dkk_per_target_inhabitant"].to_list()
    series.append({"year": y, "own": own_y[0] if own_y else None, "group": bm.unweighted_mean(ty, members),
                   "country": bm.weighted_average(ty, real_codes)})
ts = pl.DataFrame(series, schema={"year": pl.Int64, "own": pl.Float64, "group": pl.Float64, "country": pl.Float64})
tfig = go.Figure()
tfig.add_scatter(x=ts["year"].to_list(), y=ts["own"].to_list(), name=filters.kommune_name, mode="lines+markers",
                 line=dict(color=ACCENT, width=3), hovertemplate="%{x}: %{y:,.0f} " + kr + "<extra></extra>")
tfig.add_scatter(x=ts["year"].to_list(), y=ts["group"].to_list(), name=t("cmp.avg_unweighted_named", group=group_label),
                 mode="lines", line=dict(color=AVG_COLOUR, dash="dash"), hovertemplate="%{x}: %{y:,.0f} " + kr + "<extra></extra>")
tfig.add_scatter(x=ts["year"].to_list(), y=ts["country"].to_list(), name=t("cmp.avg_national"), mode="lines",
                 line=dict(color=NATIONAL_COLOUR, dash="dash"), hovertemplate="%{x}: %{y:,.0f} " + kr + "<extra></extra>")
tfig.update_layout(title=t("cmp.trend_chart_title", target=target_label, prices=price_lower), height=420,
                   yaxis_title=t("cmp.per_capita_axis", target=target_label), yaxis_tickformat=",.0f",
                   xaxis=dict(dtick=1), margin=dict(t=110))
st.plotly_chart(tfig, key="trend_chart", config={"displaylogo": False})
if group == "naermeste":
    st.caption(t("cmp.members_fixed", year=year))

# ---- most similar municipalities ---------------------------------------------------------------------
if similar is not None and not similar.is_empty():
    st.subheader(t("cmp.similar_title"))
    similar = similar.with_columns(pl.col("kommunekode").cast(this_year["kommunekode"].dtype))
    sim = similar.join(this_year.select("kommunekode", "name", *bm.SIMILARITY_VARIABLES, "dkk_per_target_inhabitant"),
                       on="kommunekode", how="left")
    own_feat = this_year.filter(pl.col("kommunekode") == own).select("kommunekode", "name", *bm.SIMILARITY_VARIABLES,
                                                                      "dkk_per_target_inhabitant")
    sim = pl.concat([own_feat.with_columns(pl.lit(0.0).alias("distance")).select(sim.columns), sim])
    st.dataframe(sim.select(
        pl.col("name").alias(t("sidebar.municipality")),
        fmt_values(sim["distance"], lambda v: fmt_number(v, 2)).alias(t("cmp.col_distance")),
        fmt_values(sim["persons_total"], fmt_number)
        .alias(bm.similarity_label("persons_total")),
        fmt_values(sim["share_18_64"], fmt_pct).alias(bm.similarity_label("share_18_64")),
        fmt_values(sim["socio_index"], lambda v: fmt_number(v, 1))
        .alias(bm.similarity_label("socio_index")),
        fmt_values(sim["dkk_per_target_inhabitant"], lambda v: fmt_dkk(v, unit="kr"))
        .alias(t("cmp.per_capita_axis", target=target_label)),
    ), hide_index=True, width="stretch")

# ---- socio-economic scatter --------------------------------------------------------------------------
st.subheader(t("cmp.scatter_title"))
pts = this_year.filter(pl.col("socio_index").is_not_null() & pl.col("dkk_per_target_inhabitant").is_not_null())
fit_pts = pts.filter(pl.col("kommunekode").is_in(real_codes) & (pl.col("kommunekode") != own))
fit = bm.least_squares(fit_pts["socio_index"].to_list(), fit_pts["dkk_per_target_inhabitant"].to_list())
if fit is None or own_r["socio_index"] is None:
    st.info(t("cmp.scatter_missing"))
else:
    res = bm.socio_residual(fit, own_r["socio_index"], own_r["dkk_per_target_inhabitant"], own_r["target_persons"])
    scatter = pts.with_columns(
        (fit.intercept + fit.slope * pl.col("socio_index")).alias("expected_dkk_per_target_inhabitant"),
    ).with_columns((pl.col("dkk_per_target_inhabitant") - pl.col("expected_dkk_per_target_inhabitant"))
                   .alias("residual_dkk_per_target_inhabitant"),
                   pl.when(pl.col("kommunekode") == own).then(pl.lit("own"))
                   .when(pl.col("kommunekode").is_in(members)).then(pl.lit("group")).otherwise(pl.lit("other")).alias("role"))
    s1, s2, s3 = st.columns(3)
    s1.metric(t("cmp.kpi_expected", target=target_label), fmt_dkk(res.expected_per_capita, unit="kr"))
    s2.metric(t("cmp.kpi_residual", target=target_label), fmt_signed_dkk(res.residual_per_capita, unit="kr"))
    s3.metric(t("common.kpi_mio", label=t("cmp.kpi_residual_total")), fmt_mio_number(res.residual_dkk, signed=True))
    st.markdown(t("cmp.residual_sentence", kommune=filters.kommune_name,
                  value=fmt_signed_dkk(res.residual_per_capita, unit="kr"), target=target_label,
                  total=fmt_signed_dkk(res.residual_dkk, unit="mio")))
    sfig = go.Figure()
    for role, colour, size in (("other", OTHER_GREY, 8), ("group", GROUP_GREY, 9), ("own", ACCENT, 16)):
        part = scatter.filter(pl.col("role") == role)
        sfig.add_scatter(x=part["socio_index"].to_list(), y=part["dkk_per_target_inhabitant"].to_list(), mode="markers"
                         + ("+text" if role == "own" else ""), text=part["name"].to_list(), textposition="top center",
                         name=filters.kommune_name if role == "own" else (t("cmp.legend_group", group=group_label)
                                                                            if role == "group" else t("cmp.role_other")),
                         marker=dict(color=colour, size=size, line=dict(width=1, color="white")),
                         textfont=dict(color=ACCENT, size=14),
                         hovertemplate="%{text}: " + t("unit.index") + " %{x:,.1f}, %{y:,.0f} " + kr
                         + "<extra></extra>")
    xs = [min(pts["socio_index"].to_list()), max(pts["socio_index"].to_list())]
    sfig.add_scatter(x=xs, y=[fit.predict(x) for x in xs], mode="lines", line=dict(color=AVG_COLOUR, dash="dash"),
                     name=t("cmp.fit_line"), hoverinfo="skip")
    sfig.update_layout(title=t("cmp.scatter_chart_title", target=target_label, year=year, prices=price_lower),
                       height=520, xaxis_title=t("cmp.col_socio"), yaxis_title=t("cmp.per_capita_axis", target=target_label),
                       yaxis_tickformat=",.0f", xaxis_tickformat=",.0f", margin=dict(t=110))
    st.plotly_chart(sfig, key="scatter_chart", config={"displaylogo": False})
    st.caption(t("cmp.fit_note", n=fit.n, slope=fmt_number(fit.slope, 1), intercept=fmt_number(fit.intercept, 0))
               + " " + common.source_caption(filters, caption_source, caption_extra))
    common.download_buttons(
        scatter.sort("socio_index"),
        [Column("kommunekode", t("cmp.col_kommunekode")), Column("name", t("sidebar.municipality")),
         Column("socio_index", t("cmp.col_socio"), 1),
         Column("dkk_per_target_inhabitant", t("cmp.per_capita_axis", target=target_label), 2),
         Column("expected_dkk_per_target_inhabitant", t("cmp.kpi_expected", target=target_label), 2),
         Column("residual_dkk_per_target_inhabitant", t("cmp.kpi_residual", target=target_label), 2)],
        common.export_meta(filters, sfig.layout.title.text, source_label, price_label=price_label,
                           extra={**meta_extra, t("common.method"): t("cmp.fit_note", n=fit.n, slope=fmt_number(fit.slope, 1),
                                                                      intercept=fmt_number(fit.intercept, 0))}),
        f"sammenligning_socio_{filters.area_code}_{year}", key="cmp_scatter",
    )
