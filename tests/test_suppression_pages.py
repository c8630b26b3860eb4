"""Suppression of small counts on the pages (issue 22), AppTest on the demo database: a user without
citizen-level access sees '<5' where a user with it sees the figures, the charts leave hidden segments out,
a URL that names a hidden segment gets its providers hidden, and the decomposition's export holds '<5' and
none of the hidden figures."""
from __future__ import annotations

import csv
import io
import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from domain.access import Access
from tests.conftest import REPO

DECOMPOSITION = "dashboard/pages/decomposition.py"


@pytest.fixture
def session(demo_db, monkeypatch):
    """A factory of new sessions on the demo database for a user with or without citizen-level access,
    seeded by a URL, on the Dekomponering page."""
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()

    def make(citizen_level: bool, page: str = DECOMPOSITION, **params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.session_state["_access"] = Access(user="x", citizen_level=citizen_level)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    make.demo_db = demo_db
    yield make
    st.cache_data.clear()
    st.cache_resource.clear()


def _segment_table(at: AppTest):
    return next(df.value for df in at.dataframe if any("Ændring i alt" in c for c in df.value.columns))


def _bar_names(at: AppTest) -> list[str]:
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    (bars,) = [s for s in specs if s["data"][0]["type"] == "bar"]
    return list(bars["data"][0]["y"])


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


URL = dict(basis="2022", sammenlign="2025")


def _by_provider(at: AppTest) -> AppTest:
    """The split by provider, chosen in the page's selector."""
    at.selectbox(key="opdeling").select("leverandoer").run()
    assert not at.exception, at.exception
    return at


def test_decomposition_by_provider_hides_small_providers_without_citizen_level_access(session):
    full, hidden = _by_provider(session(True, **URL)), _by_provider(session(False, **URL))
    shown_table, masked_table = _segment_table(full), _segment_table(hidden)
    # the same rows, in the same order; with access every figure is a number
    name = shown_table.columns[0]
    assert shown_table[name].to_list() == masked_table[name].to_list()
    assert not (shown_table == "<5").any().any()
    masked_rows = masked_table[(masked_table == "<5").any(axis=1)]
    assert len(masked_rows) >= 2                       # the demo has small providers
    small = masked_rows[name].to_list()
    for _, row in masked_rows.iterrows():              # every figure of a hidden row is hidden
        assert set(row.drop(name)) <= {"<5", "skjult"}
    # the shown rows and the total are the same figures as with access
    for label in set(shown_table[name]) - set(small):
        assert (shown_table[shown_table[name] == label].values == masked_table[masked_table[name] == label].values).all()
    # the chart of changes per segment leaves the hidden providers out; with access they are in it
    assert not set(small) & set(_bar_names(hidden)) and set(small) <= set(_bar_names(full))
    assert any(c.startswith("Tal for færre end 5 borgere er skjult") for c in _captions(hidden))
    assert not any(c.startswith("Tal for færre end 5 borgere er skjult") for c in _captions(full))
    # the sentence under the waterfall never names a hidden provider
    assert not any(s in md.value for md in hidden.markdown for s in small)


def test_choosing_a_small_segment_gets_its_providers_hidden(session):
    """The provider table of a hidden segment, chosen in the page (the URL value segment= seeds the same
    choice), is hidden for a user without access and shown for one with it."""
    at = _by_provider(session(False, **URL))
    masked = _segment_table(at)
    name = masked.columns[0]
    small = masked[(masked == "<5").any(axis=1)][name].to_list()[0]
    assert small in at.selectbox(key="segment").options         # by provider, a segment's key is its name
    at.selectbox(key="segment").select(small).run()
    assert not at.exception, at.exception
    providers = at.dataframe[-1].value
    assert len(providers) and set(providers.iloc[:, 2:].to_numpy().ravel()) <= {"<5", "skjult"}
    assert "Tal for færre end 5 borgere er skjult." in _captions(at)
    full = _by_provider(session(True, **URL))
    full.selectbox(key="segment").select(small).run()
    assert not set(full.dataframe[-1].value.iloc[:, 2:].to_numpy().ravel()) & {"<5", "skjult"}


def test_the_provider_view_of_a_hidden_segment_is_hidden_whoever_asks(session):
    """present.decomposition.provider_view, which the page calls for the chosen segment however it was chosen
    (widget or a link's segment=): every provider of a hidden segment is hidden; a shown segment keeps its
    providers of 5 or more citizens."""
    import queries
    from dashboard.loaders import load_decomposition
    from present.decomposition import DecompositionChoices, decomposition_view, provider_view
    from tests.test_segments import ADULTS, _q

    con = queries.connect_read_only(str(session.demo_db))
    try:
        data = load_decomposition(_q(con), ADULTS, "leverandoer", 2022, 2025, citizens=True)
    finally:
        con.close()
    view = decomposition_view(data, DecompositionChoices(2022, 2025, "leverandoer", suppress_small=True))
    for segment in sorted(view.hidden_segments):
        table = provider_view(data, view.window, segment, 2022, 2025, suppress_small=True, segment_hidden=True)
        assert {v for c in table.columns[2:] for v in table[c].to_list()} <= {"<5", "skjult"}
    shown = next(s for s in view.segment_options if s not in view.hidden_segments)
    table = provider_view(data, view.window, shown, 2022, 2025, suppress_small=True, segment_hidden=False)
    assert any(v not in ("<5", "skjult") for c in table.columns[2:] for v in table[c].to_list())


def test_the_decomposition_export_holds_small_marks_and_no_hidden_figure(demo_db):
    """The page's CSV (present.decomposition.csv_export) for a user without access: the hidden providers'
    rows say '<5', and none of their figures (as written with access) is anywhere in the file."""
    import queries
    from dashboard.loaders import load_decomposition
    from present.decomposition import DecompositionChoices, decomposition_view
    from tests.test_segments import ADULTS, _q

    con = queries.connect_read_only(str(demo_db))
    try:
        data = load_decomposition(_q(con), ADULTS, "leverandoer", 2022, 2025, citizens=True)
    finally:
        con.close()
    full = decomposition_view(data, DecompositionChoices(2022, 2025, "leverandoer"))
    masked = decomposition_view(data, DecompositionChoices(2022, 2025, "leverandoer", suppress_small=True))
    assert masked.hidden_segments and not full.hidden_segments
    rows = list(csv.reader(io.StringIO(masked.csv.decode("utf-8-sig")), delimiter=";"))
    full_rows = {r[0]: r for r in csv.reader(io.StringIO(full.csv.decode("utf-8-sig")), delimiter=";") if r}
    text = masked.csv.decode("utf-8-sig")
    for segment in masked.hidden_segments:
        (row,) = [r for r in rows if r and r[0] == segment]
        assert set(row[1:]) == {"<5"}
        for figure in full_rows[segment][1:]:
            if figure not in ("", "0,00", "0,0000"):
                assert f";{figure};" not in text and not text.endswith(f";{figure}\r\n"), (segment, figure)
    # the total row is the same with and without suppression
    assert [r for r in rows if r and r[0] == "I alt"] == [full_rows["I alt"]]


DRIVERS = "dashboard/pages/drivers.py"


@pytest.mark.parametrize("section", ["leverandoerer", "pris", "koncentration", "tilgang"])
def test_drivers_sections_hide_small_counts_only_without_citizen_level_access(session, section):
    """Each Udgiftsdrivere section for both users: the same cards' labels; with access no '<5' anywhere and the
    Lorenz curve drawn; without it every table cell of a hidden row says '<5' or 'skjult', the page says so
    under the sentence, no chart has a point more than the same chart with access, and the Lorenz curve (a
    point per citizen) is not drawn."""
    full = session(True, DRIVERS, visning=section)
    masked = session(False, DRIVERS, visning=section)
    assert [m.label for m in full.metric] == [m.label for m in masked.metric]

    def texts(at):
        return {v for df in at.dataframe for v in df.value.astype(str).to_numpy().ravel()}

    assert not {"<5", "skjult"} & texts(full)
    note = [c.value for c in masked.caption if "færre end 5 borgere" in c.value or "Lorenz" in c.value]
    if {"<5", "skjult"} & texts(masked):
        assert note, section
    for df, df_full in zip(masked.dataframe, full.dataframe):
        frame, shown = df.value.astype(str), df_full.value.astype(str)
        assert frame.shape == shown.shape and list(frame.columns) == list(shown.columns)
        hidden_rows = frame.isin(["<5", "skjult"]).any(axis=1)
        figure_columns = [c for c in frame.columns if frame[c].isin(["<5", "skjult"]).any()]
        # a hidden row keeps only its names (provider, type, levels, direction): every column that is a
        # figure anywhere is hidden in it, and the other rows are as with access
        assert frame[hidden_rows][figure_columns].isin(["<5", "skjult"]).all().all(), section
        assert (frame[~hidden_rows] == shown[~hidden_rows]).all().all(), section
    titles = lambda at: [json.loads(el.proto.spec)["layout"]["title"]["text"] for el in at.get("plotly_chart")]  # noqa: E731
    if section == "koncentration":
        lorenz = [tt for tt in titles(full) if tt.startswith("Hvor samlet er udgiften?")]
        assert lorenz and not set(lorenz) & set(titles(masked)) and len(titles(masked)) == len(titles(full)) - 1
        assert any("Lorenz" in n for n in note)
    else:
        assert len(titles(masked)) == len(titles(full))


def test_drivers_views_hide_what_a_small_group_would_reveal(demo_db):
    """present.drivers on the demo: the providers hidden in the provider table are those with fewer than 5
    citizens in a year (plus the secondary ones), their export rows say '<5' and hold none of their figures,
    the sentence never names one, and the flow's waterfall still adds up."""
    import polars as pl

    import queries
    from analysis.drivers import provider_citizens
    from dashboard.loaders import load_drivers
    from present.drivers import DriversChoices, drivers_view
    from present.exports import ExportMeta, to_csv
    from tests.test_segments import ADULTS, _q

    con = queries.connect_read_only(str(demo_db))
    try:
        data = load_drivers(_q(con), ADULTS, 2022, 2025)
    finally:
        con.close()
    context = _context()
    full = drivers_view(data, context, DriversChoices(2022, 2025, "leverandoerer"))
    masked = drivers_view(data, context, DriversChoices(2022, 2025, "leverandoerer", suppress_small=True))
    df = masked.exports[0].df
    counts = provider_citizens(data.provider_citizens, 2022, 2025)
    small = set(counts.filter(((pl.col("citizens_base") > 0) & (pl.col("citizens_base") < 5))
                              | ((pl.col("citizens_current") > 0) & (pl.col("citizens_current") < 5)))["provider"])
    hidden = set(df.filter(pl.col("suppressed"))["provider"])
    assert small and small <= hidden
    assert not any(p in masked.headline for p in hidden)
    text = to_csv(df, list(masked.exports[0].columns), ExportMeta("t")).decode("utf-8-sig")
    shown = to_csv(full.exports[0].df, list(full.exports[0].columns), ExportMeta("t")).decode("utf-8-sig")
    for line in shown.splitlines():
        name = line.split(";")[0]
        if name in hidden:
            figures = line.split(";")[2:]
            masked_line = next(m for m in text.splitlines() if m.split(";")[0] == name)
            assert set(masked_line.split(";")[2:]) <= {"<5", "skjult"}
            assert not any(f";{f};" in text for f in figures if f not in ("", "0"))
    # the KPIs (totals) are the same for both users
    assert [k.value for k in masked.kpis] == [k.value for k in full.kpis]
    flow = drivers_view(data, context, DriversChoices(2022, 2025, "tilgang", suppress_small=True))
    steps = flow.charts["waterfall"]["value_dkk"].to_list()
    assert steps[0] + sum(steps[1:-1]) == pytest.approx(steps[-1])
    # offer-type changes of fewer than 5 citizens show '<5' and none of their costs
    moves = flow.exports[3].df
    small = moves.filter(pl.col("small"))
    assert small.height and small["cost_current_dkk"].null_count() == small.height
    assert moves.filter(~pl.col("suppressed"))["citizens"].min() >= 5


def _context():
    from types import SimpleNamespace

    from analysis.prices import PriceBase
    from tests.test_segments import ADULTS
    return SimpleNamespace(kommune=ADULTS["kommune"], kommune_name="Eksempelby", area_code="5.38", area_name="Voksne",
                           functions=ADULTS["functions"], from_year=2022, to_year=2025, price_base=PriceBase(None),
                           pl_index={}, price_label="Løbende priser", refund_basis="efter")


def test_overview_per_level_runs_for_both_users(session):
    """Overblik split by level for a user without citizen-level access reads the distinct citizens and shows the
    same table as with access where no level-year is small (the demo has none at this level)."""
    full = session(True, "dashboard/pages/overview.py", aarsopdeling="niveau")
    masked = session(False, "dashboard/pages/overview.py", aarsopdeling="niveau")
    tables = lambda at: [df.value.astype(str).to_numpy().tolist() for df in at.dataframe]  # noqa: E731
    assert tables(full) == tables(masked)


# ---- Prognose (issue 22) ---------------------------------------------------------------------------------

PROGNOSE = "dashboard/pages/prognose.py"


@pytest.fixture(scope="module")
def prognose_data(demo_db):
    import os

    import queries
    from dashboard.loaders import load_prognose
    from tests.test_segments import ADULTS

    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        q = lambda name, params=None: queries.run(con, name, params or {})  # noqa: E731
        return load_prognose(q, {"kommune": 999, "functions": ADULTS["functions"]})   # the adults' area has small offer types
    finally:
        con.close()


def _prognose_views(data, **choices):
    from types import SimpleNamespace

    from analysis.prices import PriceBase
    from present.prognose import PrognoseChoices, prognose_view

    context = SimpleNamespace(price_base=PriceBase(None), pl_index={}, price_label="Løbende priser")
    return (prognose_view(data, context, PrognoseChoices(**choices)),
            prognose_view(data, context, PrognoseChoices(suppress_small=True, **choices)))


def _csv(export) -> str:
    from present.exports import ExportMeta, tables_to_csv
    return tables_to_csv(ExportMeta("t"), list(export.tables)).decode("utf-8-sig")


MARKS = {"<5", "skjult"}


def test_prognose_hides_small_segments_and_keeps_the_totals(prognose_data):
    """present.prognose for both users on the demo: the totals (headline, years table, chart, back-test per year)
    are the same; the segments table hides exactly the segments of fewer than 5 citizens in the model's window
    (and the secondary ones) and shows the others as with access; the hidden offer types are those of fewer
    than 5 citizens over all (plus the secondary); their export rows hold no figure."""
    import polars as pl

    from analysis.budget_model import Assumptions, basis_citizens, data_start
    from present.prognose import offer_citizens

    data = prognose_data
    full, masked = _prognose_views(data)
    assert masked.headline == full.headline
    assert masked.chart.drop("cost_dkk", "hap").equals(full.chart.drop("cost_dkk", "hap"))
    assert masked.chart["cost_dkk"].to_list() == pytest.approx(full.chart["cost_dkk"].to_list())
    assert masked.years_table.equals(full.years_table) and masked.backtest_table.equals(full.backtest_table)
    assert not full.notes
    # the offer types: a small one is hidden, and the rule is the one of analysis.suppression
    offers = offer_citizens(data)
    assert set(offers.filter(pl.col("suppressed"))["offer_type"]) == set(masked.hidden_offers)
    assert offers.filter(pl.col("small")).height and not offers.filter(pl.col("small") & ~pl.col("suppressed")).height
    # the segments: every small one hidden, shown ones as with access
    origin = data.data_date
    counts = basis_citizens(data.measures, origin, Assumptions(origin).window_years, data_start(data.measures, origin),
                            ["offer_type", "level"])
    shown, hidden = full.segments_table, masked.segments_table
    assert shown.columns == hidden.columns and shown.height == hidden.height
    years = shown.columns[2:]
    is_hidden = [set(r) <= MARKS for r in hidden.select(years).rows()]
    assert any(is_hidden) and not any(set(r) & MARKS for r in shown.select(years).rows())
    for i, row in enumerate(hidden.rows()):
        if not is_hidden[i]:
            assert row == shown.row(i) and row[0] not in masked.hidden_offers
    from present.prognose import level_label
    labels = {(o, level_label(lv)): n for o, lv, n in counts.iter_rows()}
    for i, row in enumerate(hidden.rows()):
        if 0 < labels.get((row[0], row[1]), 0) < 5:
            assert is_hidden[i] and row[2] == "<5", row
    assert masked.notes["segments"].startswith("Tal for færre end 5 borgere er skjult")
    # the export: a hidden segment's rows say '<5'/'skjult', and its figures as written with access are not there
    text, full_text = _csv(masked.segments_export), _csv(full.segments_export)
    hidden_keys = {(r[0], r[1]) for r, h in zip(hidden.rows(), is_hidden) if h}
    for line in full_text.splitlines():
        cells = line.split(";")
        if len(cells) == 5 and (cells[0], cells[1]) in hidden_keys:
            masked_line = next(x for x in text.splitlines() if x.startswith(f"{cells[0]};{cells[1]};{cells[2]};"))
            assert set(masked_line.split(";")[3:]) <= MARKS
            assert f";{cells[4]}" not in text or cells[4] in ("0", "0,0"), cells


def test_prognose_assumptions_backtest_and_tariffs_hide_small_groups(prognose_data):
    """The assumptions (offer types' rates, new stays' levels), the back-test per offer type and the tariff model
    for a user without access: hidden rows say '<5'/'skjult' in table and export, the tariff choices leave out
    hidden offer types, a hidden level's tariff is neither shown nor settable, the total row is as with access."""
    import polars as pl

    from analysis.suppression import SUPPRESSED
    from present.prognose import measured_rates, offer_options, tariff_defaults, tariff_offers

    data = prognose_data
    full, masked = _prognose_views(data)
    hidden_offers = set(masked.hidden_offers)
    # the rates editor and the move offer no hidden offer type
    assert not hidden_offers & set(measured_rates(data, True)["offer_type"])
    assert not hidden_offers & set(offer_options(data, True)) and hidden_offers <= set(offer_options(data))
    # the levels of new stays: hidden rows, and every level of a hidden offer type
    lv = masked.levels_table
    for row in lv.rows():
        if row[0] in hidden_offers:
            assert set(row[2:4]) <= MARKS
    assert any(set(r[2:4]) <= MARKS for r in lv.rows()) and masked.notes["assumptions"]
    text = _csv(masked.assumptions_export)
    for offer in hidden_offers:
        line = next(x for x in text.splitlines() if x.startswith(offer + ";"))
        assert set(line.split(";")[1:]) <= MARKS
    # the back-test per offer type: a hidden offer type's rows hidden, the years' totals unchanged
    bt = masked.backtest_segments
    assert all(set(r[3:]) <= MARKS for r in bt.rows() if r[0] in hidden_offers)
    # the tariff model
    offers = tariff_offers(data, True)
    assert offers and not hidden_offers & set(offers)
    for offer in offers:
        levels = tariff_defaults(data, offer, suppress_small=True)
        for level, today in levels.filter(pl.col(SUPPRESSED)).select("level", "tariff_today").iter_rows():
            assert today is None
    offer = next(o for o in offers if tariff_defaults(data, o, suppress_small=True)[SUPPRESSED].any())
    levels = tariff_defaults(data, offer, suppress_small=True)
    hidden_level = levels.filter(pl.col(SUPPRESSED))["level"][0]
    shown_level = levels.filter(~pl.col(SUPPRESSED))["level"][0]
    # a tariff set (by a link) for a hidden level is not applied; one for a shown level is
    full, masked = _prognose_views(data, tariff_offer=offer, tariffs={hidden_level: 1.0})
    assert masked.tariff_table.row(-1)[-1] == "0,0" and full.tariff_table.row(-1)[-1] != "0,0"
    _, masked = _prognose_views(data, tariff_offer=offer, tariffs={shown_level: 1.0})
    assert masked.tariff_table.row(-1)[-1] != "0,0"
    table = masked.tariff_table
    assert any(set(r[1:]) <= MARKS for r in table.rows())
    assert table.row(-1)[1] == str(full.tariff_table.row(-1)[1])     # the total's citizens as with access
    assert masked.notes["tariff"]
    # a move from a hidden offer type is no scenario for this user
    hidden_offer = sorted(hidden_offers)[0]
    from analysis.budget_model import Move
    full, masked = _prognose_views(data, move=Move(2.0, hidden_offer, offers[0], 500.0))
    assert full.is_scenario and not masked.is_scenario


def test_prognose_page_for_both_users(session):
    """The Prognose page (AppTest): the same headline for both; '<5' in its tables and the note only without
    access; the rates editor lists no hidden offer type."""
    full = session(True, PROGNOSE)
    masked = session(False, PROGNOSE)

    def texts(at):
        return {str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()}

    assert [m.value for m in full.markdown][:1] == [m.value for m in masked.markdown][:1]
    assert "<5" in texts(masked) and not MARKS & texts(full)
    assert any(c.value.startswith("Tal for færre end 5 borgere er skjult") for c in masked.caption)
    assert not any(c.value.startswith("Tal for færre end 5 borgere er skjult") for c in full.caption)
    editor = lambda at: at.get("arrow_data_frame")  # noqa: E731
    assert editor(masked) is not None
    offers_full = set(full.selectbox(key="prognose_flyt_fra").options)
    offers_masked = set(masked.selectbox(key="prognose_flyt_fra").options)
    assert offers_masked < offers_full
