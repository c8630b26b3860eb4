"""present/comparison.py: the Sammenligning page's sentence (hand-computed) and its view builders on the test demo."""
from __future__ import annotations

import polars as pl
import pytest

from present.comparison import summary_sentence


def test_summary_sentence_is_danish():
    text = summary_sentence("Eksempelby", "Voksne (5.38)", 2024, "18-64-årig", 10_000.0, "Gruppen", 8_000.0,
                               2_000_000.0, 3_500_000.0, "løbende priser")
    assert "10.000 kr. pr. 18-64-årig" in text and "25,0 % mere" in text and "8.000 kr." in text
    # one sign convention, in words: own above the reference = a positive gap = "over"
    assert "2,0 mio. kr. over gruppens gennemsnit" in text and "3,5 mio. kr. over den billigste kvartil" in text
    assert "-" not in text.split("Vi bruger")[1]


@pytest.mark.parametrize("gap, reference, expected", [
    (23_100_000.0, "mean", "23,1 mio. kr. over gruppens gennemsnit"),
    (-23_100_000.0, "mean", "23,1 mio. kr. under gruppens gennemsnit"),
    (-4_000_000.0, "quartile", "4,0 mio. kr. under den billigste kvartil"),
])
def test_gap_words_carry_the_sign(gap, reference, expected):
    from present.comparison import gap_words
    assert gap_words(gap, reference) == expected




def test_view_on_the_demo_and_the_page_shows_it(app, demo_db):
    import os

    import queries
    from analysis import benchmark as bm
    from dashboard.loaders import load_benchmark
    from present.comparison import comparison_table, comparison_view, group_label, sources
    from tests.apptools import open_page

    at = open_page(app, "dashboard/pages/comparison.py")
    filters = at.session_state["_filters"]
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        data = load_benchmark(lambda name, params=None: queries.run(con, name, params or {}), filters.params,
                              filters.area_code)
    finally:
        con.close()
    keys, default = sources(data, filters.kommune)
    assert at.session_state["kilde"] == default and default in keys
    prepared = comparison_table(data, filters, default)
    year, group = at.session_state["aar"], at.session_state["gruppe"]
    assert prepared.error is None and year in prepared.years
    munis = data.municipalities
    members = bm.group_members(munis, group, filters.kommune)
    _, dst_names, _ = bm.group_options(munis, filters.kommune)
    region = munis.filter(pl.col("kommunekode") == filters.kommune)["region"][0]
    view = comparison_view(prepared, filters, year, group, group_label(group, dst_names, region), "pr-indbygger", members)
    assert view.status == "ok" and filters.kommune not in view.members
    # the group average is the unweighted mean of the members' figures that year
    this_year = prepared.table.filter((pl.col("year") == year) & pl.col("kommunekode").is_in(list(view.members)))
    values = this_year["dkk_per_target_inhabitant"].drop_nulls()
    assert view.series.filter(pl.col("year") == year)["group"][0] == pytest.approx(values.mean())
    # the ranking ranks every municipality with a figure once, the own one among them
    assert view.ranked["kommunekode"].is_unique().all() and (view.ranked["role"] == "own").sum() == 1
    assert [(m.label, m.value) for m in at.metric][:5] == [(k.label, k.value) for k in view.kpis]
    assert f"**{view.sentence}**" in [md.value for md in at.markdown]
    # the gap cards and the sentence say the same gap with the same sign, in words
    assert view.kpis[3].delta in view.sentence and view.kpis[4].delta in view.sentence
    # the ranking's export ends with the references: group average, cheapest quartile, national (weighted)
    refs = view.ranking_export.tail(3)
    assert refs["rank"].is_null().all() and refs["role_label"].to_list() == ["sammenligningstal"] * 3
    assert refs["dkk_per_target_inhabitant"][0] == pytest.approx(values.mean())
    assert refs["dkk_per_target_inhabitant"][1] == pytest.approx(bm.lower_quartile(values.to_list()))
    assert refs["dkk_per_target_inhabitant"][2] == pytest.approx(view.national_line)
    assert view.ranking_export.height == view.ranked.height + 3
    # on the total as measure the export gives the total once, in kr., and its title and meta say kr.
    total = comparison_view(prepared, filters, year, group, group_label(group, dst_names, region), "i-alt", members)
    from present.formatting import export_title
    assert "mio" not in export_title(total.ranking_title) and "mio" not in "".join(total.meta_extra.values())
    assert "measure_value" not in [c.name for c in total.ranking_columns]
    assert "total_dkk" in [c.name for c in total.ranking_columns]
