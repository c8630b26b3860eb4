"""present/savings.py: the committee cells and the summary sentence (hand-computed), the view on the test demo
checked against its savings file, and the Genopretning page (AppTest): table, sentence, charts, URL state."""
from __future__ import annotations

import os
from types import SimpleNamespace

import polars as pl
import pytest

from analysis.prices import PriceBase
from analysis.savings import YearResult
from present.savings import savings_view, summary_sentence, thousands
from tests.apptools import chart, open_page, page_file, qp


@pytest.mark.parametrize("value, realised, text", [
    (-1_257_000.0, False, "-1.257"), (-720_000.0, True, "-720 R"), (None, False, "–"), (0.0, False, "0"),
    (-3_000_400.0, False, "-3.000"),
])
def test_committee_cells_in_thousands(value, realised, text):
    assert thousands(value, realised) == text


def test_summary_sentence_names_short_met_over_and_unknown_years():
    results = [YearResult(2023, -2e6, 0.0, -2e6, 0.0, True),
               YearResult(2024, -3e6, 0.0, -2.28e6, -720_000.0, True),
               YearResult(2025, -5e6, -720_000.0, -6e6, 280_000.0, False),
               YearResult(2026, -7e6, 0.0, None, None, False)]
    assert summary_sentence(results) == (
        "2023 er indfriet; der mangler 0,7 mio. kr. i 2024, som overføres til 2025; 2025 er indfriet med "
        "0,3 mio. kr. mere end målet (efter forventede effekter); for 2026 mangler der endnu tal.")
    assert summary_sentence(results[1:2]).startswith("Der mangler 0,7 mio. kr. i 2024.")


def _demo_data(demo_db):
    import queries
    from dashboard.loaders import load_savings

    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        return load_savings(lambda name, params=None: queries.run(con, name, params or {}))
    finally:
        con.close()


CURRENT = SimpleNamespace(price_base=PriceBase(None), pl_index={}, price_label="Løbende priser")


def test_view_on_the_demo_matches_the_savings_file(demo_db, demo_exports):
    from synth import context
    from tests.fixed_demo import FIXED_AS_OF

    view = savings_view(_demo_data(demo_db), CURRENT)
    assert view.status == "ok"
    # the demo's own bookkeeping of the plan (synth.context.savings_outstanding, reductions positive = short)
    expected = context.savings_outstanding(context.build_savings(FIXED_AS_OF))
    closed = {r.year: r for r in view.results if r.closed}
    assert set(closed) == set(expected)
    assert {y: -r.outstanding for y, r in closed.items()} == pytest.approx(expected)
    short = [y for y, v in expected.items() if v > 0]
    assert short and f"i {short[0]}, som overføres til {short[0] + 1}" in view.summary
    # the table: target first, then one row per initiative, net outstanding, carried shortfall
    items = view.table["Post"].to_list()
    assert items[0] == "Måltal" and items[-2:] == ["Netto udestående", "Overført fra året før ((-) = manko)"]
    file = pl.read_csv(demo_exports / "besparelser.csv", separator=";", decimal_comma=True, infer_schema_length=0)
    costs = file.filter(pl.col("type") == "omkostning")
    assert len(items) - 4 - costs["initiativ_id"].n_unique() == file["initiativ_id"].drop_nulls().n_unique()
    # an initiative's cost is its own row, right after the initiative, counted against the reductions
    for iid in costs["initiativ_id"].unique().to_list():
        at = next(i for i, item in enumerate(items) if item.startswith(iid + " "))
        assert items[at + 1].startswith(items[at]) and items[at + 1].endswith(": omkostning")
    # the effect expected but not yet assigned (a 'forventet' row without initiative) has its own row, counted
    # in the open years
    unassigned = file.filter(pl.col("initiativ_id").is_null() & (pl.col("type") == "forventet"))
    assert items[-3] == "Forventet, endnu ikke fordelt på initiativer" and unassigned.height
    for year, amount in unassigned.select("aar", "beloeb").rows():
        cell = view.table.row(len(items) - 3, named=True)[year]
        assert cell == thousands(-float(amount.replace(",", ".")))
        assert next(r for r in view.results if r.year == int(year)).closed is False
    # every closed year's initiative cells are marked realised, and the export adds up per year
    for r in closed.values():
        column = view.table[str(r.year)].to_list()[1:-2]
        assert all(c == "" or c.endswith(" R") for c in column)
        year = view.export.filter(pl.col("year") == r.year)
        effects = year.filter(pl.col("realised") == "R")["amount_dkk"].sum()
        assert r.target + r.carried - effects == pytest.approx(r.outstanding)


def test_fixed_prices_scale_every_year_by_its_pl_factor(demo_db):
    data = _demo_data(demo_db)
    index = {y: 100.0 + 2 * (y - 2020) for y in range(2020, 2030)}
    fixed = SimpleNamespace(price_base=PriceBase(2026), pl_index=index, price_label="Faste 2026-priser")
    current, rebased = savings_view(data, CURRENT), savings_view(data, fixed)
    for a, b in zip(current.results, rebased.results):
        assert b.target == pytest.approx(a.target * index[2026] / index[a.year])
    assert "faste 2026-priser" in rebased.table_title
    assert rebased.file_stem.endswith("_faste-2026") and current.file_stem.endswith("_loebende")


def test_no_plan_loaded(tmp_path):
    from dashboard.loaders import SavingsData

    empty = pl.DataFrame(schema={"year": pl.Int32, "amount_dkk": pl.Float64})
    effects = pl.DataFrame(schema={"initiative_id": pl.String, "initiative": pl.String, "area": pl.String,
                                   "year": pl.Int32, "kind": pl.String, "amount_dkk": pl.Float64})
    assert savings_view(SavingsData(empty, effects), CURRENT).status == "no_plan"


def test_the_page_shows_the_view_and_keeps_the_choice_in_the_url(app, demo_db):
    at = open_page(app, page_file("savings"))
    assert at.title[0].value == "Genopretning"
    view = savings_view(_demo_data(demo_db), at.session_state["_filters"])
    assert any(md.value == f"**{view.summary}**" for md in at.markdown)
    table = at.dataframe[0].value
    assert list(table.columns) == list(view.table.columns) and table.iloc[-2, 0] == "Netto udestående"
    assert [w.value for w in at.warning if "samme område" in w.value] == list(view.flags) and view.flags
    years = chart(at, "Mål, forventet og realiseret")
    assert [s["name"] for s in years["data"]] == ["Mål inkl. overført fra året før", "Forventet", "Realiseret"]
    chart(at, "Effekt pr. initiativ")
    # the committee table's CSV/Excel and the checks' CSV/Excel
    assert len([b for b in at.get("download_button") if not b.key.startswith("export_")]) == 4
    assert qp(at, "overskud") == "0"
    at.toggle(key="savings_overskud").set_value(True).run()
    assert not at.exception, at.exception
    assert qp(at, "overskud") == "1"
    carried = savings_view(_demo_data(demo_db), at.session_state["_filters"], carry_surplus=True)
    assert at.dataframe[0].value.iloc[-1, 1:].tolist() == list(carried.table.row(-1)[1:])


def test_a_link_with_the_choice_opens_the_page_with_it(app):
    app.query_params["overskud"] = "1"
    at = open_page(app, page_file("savings"))
    assert at.toggle(key="savings_overskud").value is True


def test_an_invalid_link_value_falls_back_with_a_notice(app):
    app.query_params["overskud"] = "x"
    at = open_page(app, page_file("savings"))
    assert at.toggle(key="savings_overskud").value is False
    assert any("overskud=x" in i.value for i in at.info)


def test_initiatives_are_checked_against_the_segments_cost(app, demo_db):
    """The demo's initiatives name their segments: on the adults' area (5.38) those of 5.38 are checked (their
    effects beside the segment's cost change, which volume, unit price and other add up to, and the cost is the
    segment's activity-based cost in those years), the children's are said not to be in the area's data."""
    import queries
    from dashboard.loaders import load_savings_segments
    from present.savings import checks_view, segment_dimensions
    from synth.model import SAVINGS_SEGMENTS

    at = open_page(app, page_file("savings"))
    filters = at.session_state["_filters"]
    data = _demo_data(demo_db)
    dims = segment_dimensions(data.effects)
    assert set(dims) == {"offer_type", "paragraph", "function_code", "provider_type"}
    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        rows = load_savings_segments(lambda name, params=None: queries.run(con, name, params or {}), filters.params,
                                     dims, int(data.effects["year"].min()) - 1, int(data.effects["year"].max()))
    finally:
        con.close()
    view = checks_view(data.effects, rows, filters)
    checked = dict(view.checks)
    assert set(checked) == {"B01", "B02", "B03", "B06"}           # the 5.38 segments
    for iid, c in checked.items():
        assert c.volume_dkk + c.unit_price_dkk + c.other_dkk == pytest.approx(c.change_dkk)
        word, _, value = SAVINGS_SEGMENTS[iid].partition(": ")
        stored = {"tilbudstype": "offer_type", "paragraf": "paragraph", "leverandoertype": "provider_type"}[word]
        seg = rows[stored].filter(pl.col("segment") == value)
        assert c.cost_dkk == pytest.approx(seg.filter(pl.col("year") == c.year)["cost_dkk"].sum())
        assert c.cost_base_dkk == pytest.approx(seg.filter(pl.col("year") == c.base_year)["cost_dkk"].sum())
    assert sum("findes ikke i aktivitetsdata" in s for s in view.sentences) == 2          # B04 and B05 (5.28)
    shown = [md.value for md in at.markdown]
    assert all(s in shown for s in view.sentences)
    assert any(list(d.value.columns) == list(view.table.columns) for d in at.dataframe)
    # a user without citizen-level access: a segment of fewer than 5 distinct citizens in a year of its check
    # shows no figures (B06's provider type made small here), the others stay as they are
    b06 = checked["B06"]
    small = {d: pl.DataFrame({"year": [b06.base_year, b06.year], "segment": ["privat", "privat"], "citizens": [40, 3]})
             if d == "provider_type" else pl.DataFrame({"year": [2000], "segment": ["x"], "citizens": [99]})
             for d in dims}
    for d in dims:
        if d != "provider_type":      # the real counts: large enough
            small[d] = rows[d].select("year", "segment", pl.lit(99).alias("citizens"))
    masked = checks_view(data.effects, rows, filters, small)
    assert set(dict(masked.checks)) == {"B01", "B02", "B03"}
    assert any(s.startswith("B06") and "færre end 5 borgere" in s for s in masked.sentences)
    assert "B06" not in " ".join(masked.table[masked.table.columns[0]].to_list())


def test_initiatives_naming_the_same_segment_are_flagged():
    """Two initiatives on different areas but the same segment of the data are flagged like two on one area."""
    from dashboard.loaders import SavingsData

    targets = pl.DataFrame({"year": [2024], "amount_dkk": [1e6]}, schema={"year": pl.Int32, "amount_dkk": pl.Float64})
    effects = pl.DataFrame({"initiative_id": ["A1", "A2"], "initiative": ["X", "Y"], "area": ["botilbud", "5.38"],
                            "segment": ["tilbudstype: Botilbud", "tilbudstype: Botilbud"], "year": [2024, 2024],
                            "kind": ["expected", "expected"], "amount_dkk": [3e5, 2e5]},
                           schema_overrides={"year": pl.Int32})
    flags = savings_view(SavingsData(targets, effects), CURRENT).flags
    assert flags == ("A1 og A2 arbejder på samme område (tilbudstype: Botilbud): deres effekter kan ikke uden videre "
                     "lægges sammen.",)
