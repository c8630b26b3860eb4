"""AppTest of every page on the demo database: no exception, key numbers present and Danish, URL state."""
from __future__ import annotations

import re


import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.registry import PAGES
from i18n import has_label
from tests.conftest import REPO, app_on
from tests.apptools import charts, page_file, qp
from tests.plotly_spec import decode


def test_overview_default_view(app):
    at = app.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Overblik"
    assert any("fiktiv" in w.value for w in at.warning)                      # synthetic data labelled
    values = [m.value for m in at.metric]
    assert len(values) == 5 and at.metric[0].label.endswith(", mio. kr.")        # the unit in the label
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d", values[0])                         # Danish decimal comma
    assert any(md.value.startswith("**Nettoudgiften til Voksne") for md in at.markdown)
    spec, volume = charts(at)       # net per year; full-year persons, citizens and unit price year by year
    assert "løbende priser" in spec["layout"]["title"]["text"]
    bars = decode(spec["data"][0]["y"])
    assert len(bars) >= 5 and all(v > 100 for v in bars if v is not None)  # mio. kr., adults area
    assert [d["name"] for d in volume["data"]] == ["Helårspersoner", "Borgere", "Enhedspris pr. helårsperson"]
    assert all(decode(d["y"])[0] == 100 for d in volume["data"])           # the first complete year = 100
    assert any(md.value.startswith("Fra 2019 til 2025 ændrede antallet af helårspersoner sig") for md in at.markdown)
    assert qp(at, "omraade") == "5.38" and qp(at, "priser") == "loebende"
    assert len([b for b in at.get("download_button") if not b.key.startswith("export_")]) == 4


def test_url_state_round_trip_changes_numbers(app):
    base_value = app.run().metric[0].value
    # a pasted link starts a new session whose state comes from the URL
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.query_params["omraade"] = "5.28"
    at.query_params["priser"] = "faste-2022"
    at.query_params["fra"] = "2020"
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["omraade"] == "5.28" and at.session_state["priser"] == "faste-2022"
    assert qp(at, "omraade") == "5.28" and qp(at, "priser") == "faste-2022" and qp(at, "fra") == "2020"
    assert at.metric[0].value != base_value
    spec = charts(at)[0]
    assert "faste 2022-priser" in spec["layout"]["title"]["text"]
    assert any("Børn" in md.value or "børn" in md.value for md in at.markdown if md.value.startswith("**Nettoudgiften"))


def test_invalid_url_value_falls_back_with_notice(app):
    app.query_params["omraade"] = "9.99"
    app.query_params["priser"] = "faste-1800"
    at = app.run()
    assert not at.exception
    assert at.session_state["omraade"] == "5.38" and at.session_state["priser"] == "loebende"
    notices = " ".join(i.value for i in at.info)
    assert "omraade=9.99" in notices and "priser=faste-1800" in notices


def test_swapped_years_are_announced(app):
    """fra after til: the period is shown in order, and the page says so like any other changed value."""
    app.query_params["fra"] = "2024"
    app.query_params["til"] = "2021"
    at = app.run()
    assert not at.exception, at.exception
    filters = at.session_state["_filters"]
    assert (filters.from_year, filters.to_year) == (2021, 2024)
    assert "perioden vises som 2021-2024" in " ".join(i.value for i in at.info)


def test_years_in_order_give_no_swap_notice(app):
    app.query_params["fra"] = "2021"
    app.query_params["til"] = "2024"
    at = app.run()
    assert not at.exception and not any("perioden vises som" in i.value for i in at.info)


def test_widget_change_updates_url(app):
    at = app.run()
    at.selectbox(key="omraade").select("5.38.50").run()
    assert not at.exception
    assert qp(at, "omraade") == "5.38.50"


@pytest.mark.parametrize("page, title", [(page_file("about"), "Om tallene"), (page_file("data"), "Data")])
def test_other_pages_render(app, page, title):
    at = app.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title[0].value == title


def test_data_page_lists_imports(app):
    at = app.run()
    at.switch_page(page_file("data")).run()
    history = at.dataframe[0].value
    from synth.load import DEMO_FILES

    assert {name for _, name, *_ in DEMO_FILES} <= set(history["Fil"])


def test_app_picks_up_a_new_import_without_restart(tmp_path, monkeypatch):
    from ingest.importer import import_file
    from tests.conftest import FIXTURES

    db = tmp_path / "live.duckdb"
    import_file("ledger", FIXTURES / "ledger_standard.csv", db)
    at = app_on(db, monkeypatch)
    at.query_params["omraade"] = "5.38.50"
    at.run()
    assert not at.exception, at.exception
    before = at.metric[0].value
    import_file("ledger", FIXTURES / "ledger_prisme_cp1252.csv", db, mapping_name="prisme", kommunekode=999,
                add_overlapping=True)
    at.run()
    assert not at.exception, at.exception
    assert at.metric[0].value != before


def test_registry_rows_name_real_pages():
    """One row per file in dashboard/pages/, unique addresses and stems, one default page, titles in the catalogue."""
    files = sorted(str(f.relative_to(REPO)) for f in (REPO / "dashboard" / "pages").glob("*.py"))
    assert sorted(p.file for p in PAGES) == files
    assert len({p.url_path for p in PAGES}) == len({p.stem for p in PAGES}) == len(PAGES)
    assert [p.path for p in PAGES if p.default] == ["/"]
    assert all(has_label(p.title_key) for p in PAGES)
