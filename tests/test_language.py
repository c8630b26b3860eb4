"""The English UI (sprog=en): every page renders in English from the catalogue, no Danish-only catalogue text
leaks into what the page shows, the sidebar's choice lands in the URL, an invalid sprog falls back to Danish
with a notice, and exports carry English header blocks. Numbers stay Danish in both languages by design."""
from __future__ import annotations

import io
import json
import os
import re
import string

import openpyxl
import pytest

import queries
from present.exports import to_csv, to_xlsx
from i18n import LABELS, t
from dashboard.registry import PAGES as REGISTRY
from tests.apptools import page_file, qp

#: url_path -> (page file, title key), from the app's one page list
PAGES = {p.url_path: (p.file, p.title_key) for p in REGISTRY}

#: Danish by design in both languages: the units that present.formatting writes after every number
#: ("1.234,5 mio. kr."), which the leak check must not mistake for an untranslated label.
FORMATTED_UNITS = {"mio. kr.", "t.kr.", "kr."}
#: Shorter literal fragments are too common (or too likely inside names) to say anything.
MIN_FRAGMENT = 8


# ---- what a run shows ------------------------------------------------------------------------------------

def _plotly_texts(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    out = []
    title = layout.get("title")
    out.append(title.get("text", "") if isinstance(title, dict) else title or "")
    for axis in ("xaxis", "yaxis"):
        axis_title = layout.get(axis, {}).get("title")
        out.append(axis_title.get("text", "") if isinstance(axis_title, dict) else axis_title or "")
    out += [a.get("text", "") for a in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        out += [trace.get("name") or "", trace.get("hovertemplate") or ""]
        for key in ("x", "y", "text", "customdata"):    # category labels (waterfall steps), bar texts, hover data
            values = trace.get(key)
            if isinstance(values, list):
                out += [json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v for v in values]
    return out


def chart_labels(at) -> list[str]:
    """Axis titles, legend names and hover templates of a run's charts: labels only (plotly formats the numbers),
    so in English they must not carry Danish units."""
    out = []
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        for axis in ("xaxis", "yaxis"):
            axis_title = spec["layout"].get(axis, {}).get("title")
            out.append(axis_title.get("text", "") if isinstance(axis_title, dict) else axis_title or "")
        out += [(trace.get("name") or "") + " " + (trace.get("hovertemplate") or "") for trace in spec["data"]]
    return out


def rendered_texts(at) -> list[str]:
    """Every text a run shows: headings, markdown, captions, notices, KPI cards, widget labels and options,
    expanders, table headers and cells, chart titles, axes, legends, hover templates and bar labels."""
    texts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        texts += [el.value for el in getattr(at, kind)]
    for m in at.metric:
        texts += [m.label, m.value, m.proto.help]
    texts += [e.label for e in at.expander]
    for kind in ("selectbox", "radio", "multiselect", "select_slider"):
        for w in getattr(at, kind):
            texts += [w.label, w.help or ""] + [str(o) for o in w.options]
    for kind in ("toggle", "checkbox", "number_input", "button"):
        texts += [w.label for w in getattr(at, kind)]
    for df in at.dataframe:
        frame = df.value
        texts += [str(c) for c in frame.columns]
        texts += [v for col in frame.columns for v in frame[col].tolist() if isinstance(v, str)]
    for el in at.get("plotly_chart"):
        texts += _plotly_texts(json.loads(el.proto.spec))
    texts += [el.proto.label for el in at.get("download_button")]
    return [x for x in texts if x]


# ---- what must not leak ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def names(demo_db) -> set[str]:
    """Names from data, which stay as they are in both languages (municipalities, regions, DST groups,
    areas and chart-of-accounts functions, providers, offer types, files, importer messages, mappings)."""
    from ingest.mappings import KINDS, available, load_mapping

    con = queries.connect_read_only(os.path.realpath(demo_db))
    try:
        found: set[str] = set()
        for table in ("municipality", "municipality_group", "comparison_group", "kontoplan_function",
                      "function_group", "area_function", "need_level", "paragraph_map", "activity",
                      "import_log", "pl_index", "benchmark", "savings_initiative"):
            columns = [c for c, typ in con.execute(f"select column_name, data_type from information_schema.columns "
                                                   f"where table_name = '{table}'").fetchall() if typ == "VARCHAR"]
            for c in columns:
                found |= {v for (v,) in con.execute(f'select distinct "{c}" from {table}').fetchall() if v}
    finally:
        con.close()
    found |= {load_mapping(k, n).description for k in KINDS for n in available(k)}
    return found


def _danish_only_fragments(names: set[str]) -> dict[str, str]:
    """fragment -> its key: the literal parts (between placeholders) of every Danish catalogue text that
    differs from its English one, at least MIN_FRAGMENT characters long, and found neither in any English
    catalogue text nor in a name from the data (so their presence on an English page is a leak)."""
    english = [e["en"] for e in LABELS.values()]
    out: dict[str, str] = {}
    for key, entry in LABELS.items():
        if entry["da"] == entry["en"]:
            continue
        for literal, *_ in string.Formatter().parse(entry["da"]):
            for part in re.split(r"<br>|\n", literal):
                frag = part.strip(" ,.:;()·–-*»«'\"")
                if (len(frag) < MIN_FRAGMENT or frag in FORMATTED_UNITS or any(frag in e for e in english)
                        or any(frag in n for n in names)):
                    continue
                out.setdefault(frag, key)
    return out


def danish_leaks(at, names: set[str]) -> list[tuple[str, str, str]]:
    fragments = _danish_only_fragments(names)
    leaks = []
    for text in rendered_texts(at):
        for frag, key in fragments.items():
            if frag in text:
                leaks.append((key, frag, text[:160]))
    return leaks


# ---- sessions ---------------------------------------------------------------------------------------------

def open_en(app, page: str, **params: str):
    """A new session from a link with sprog=en (plus ``params``), switched to ``page``."""
    app.query_params["sprog"] = "en"
    for k, v in params.items():
        app.query_params[k] = v
    at = app.run()
    assert not at.exception, at.exception
    if page != page_file("overview"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


KPI_LABELS_EN = {
    "overblik": ["Net expenditure 2025 (after state refunds, current prices), DKK million",
                 "Change 2024-2025 (after state refunds, current prices)", "Full-year persons 2025",
                 "Unit price 2025 (current prices)", "Activity data covers 2025"],
    "udvikling": ["Expected expenditure 2026 (after state refunds, current prices), DKK million",
                  "Expected deviation 2026 (after state refunds, current prices), DKK million",
                  "Change 2019-2025 (after state refunds, current prices)",
                  "Per inhabitant aged 18-64, 2025 (after state refunds, current prices)"],
    "dekomponering": ["Total change (current prices), DKK million", "Volume (FYP), current prices, DKK million",
                      "Complexity (mix), current prices, DKK million", "Unit prices (current prices), DKK million"],
    "sammenligning": ["DKK per person aged 18-64 2025", "Group average (unweighted)", "Index (group = 100)",
                      "Gap to the group average, DKK million", "Gap to the cheapest quartile, DKK million"],
}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_in_english(app, names, name):
    page, title_key = PAGES[name]
    at = open_en(app, page)
    assert at.title[0].value == t(title_key, "en")
    assert at.session_state["sprog"] == "en" and qp(at, "sprog") == "en"
    assert at.radio(key="sprog").label == "Language"
    labels = [m.label for m in at.metric]
    for label in KPI_LABELS_EN.get(name, []):
        assert label in labels, (label, labels)
    assert any(t("status.synthetic_demo", "en") == w.value for w in at.warning)
    if name not in ("om-tallene", "data", "administration"):     # pages without an area heading
        assert at.subheader[0].value.endswith("· Eksempelby Municipality"), at.subheader[0].value
    assert danish_leaks(at, names) == []
    assert [x for x in chart_labels(at) if re.search(r"\bkr\.|\bmio\.|\bindeks\b", x)] == []
    danish_months = r"\b(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\b\.?|\b(marts|oktober|maj)\b"
    assert [x for x in rendered_texts(at) + [m.label for m in at.metric] if re.search(danish_months, x)] == []


def test_english_pages_with_other_choices(app, names):
    """Other page states in English: fixed prices, a two-level split scaled to the ledger with Laspeyres, the
    most similar municipalities, the trend page's split by buying/selling places."""
    at = open_en(app, page_file("decomposition"), priser="faste-2024", basis="2019", sammenlign="2026",
                 opdeling="tilbudstype-niveau", skaler="1", metode="laspeyres")
    assert danish_leaks(at, names) == []
    at.switch_page(page_file("comparison")).run()
    at.selectbox(key="gruppe").select("naermeste").run()
    assert not at.exception, at.exception
    assert danish_leaks(at, names) == []
    at.selectbox(key="maal").select("indeks").run()
    assert danish_leaks(at, names) == []
    at.switch_page(page_file("trend")).run()
    at.radio(key="trend_opdeling").set_value("koeb_salg").run()
    at.radio(key="trend_prognose").set_value("lineaer").run()
    assert not at.exception, at.exception
    assert danish_leaks(at, names) == []


def test_the_leak_check_finds_danish(app, names):
    """The check itself: the Danish default page is full of Danish-only catalogue texts."""
    at = app.run()
    assert len({key for key, *_ in danish_leaks(at, names)}) >= 10
    assert any("mio. kr." in x for x in chart_labels(at))


# ---- the choice, the URL and invalid values -----------------------------------------------------------

def test_danish_is_the_default_and_in_the_url(app):
    at = app.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Overblik" and at.session_state["sprog"] == "da"
    assert qp(at, "sprog") == "da"
    assert at.radio(key="sprog").label == "Sprog" and list(at.radio(key="sprog").options) == ["Dansk", "English"]


def test_sidebar_choice_lands_in_the_url_and_stays_across_pages(app):
    at = app.run()
    at.radio(key="sprog").set_value("en").run()
    assert not at.exception, at.exception
    assert qp(at, "sprog") == "en"
    assert at.title[0].value == "Overview"
    assert at.metric[0].label == "Net expenditure 2025 (after state refunds, current prices), DKK million"
    assert at.selectbox(key="omraade").label == "Area"
    at.switch_page(page_file("trend")).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Expenditure trend" and qp(at, "sprog") == "en"
    at.radio(key="sprog").set_value("da").run()
    assert at.title[0].value == "Udgiftsudvikling" and qp(at, "sprog") == "da"


def test_a_change_of_language_keeps_every_choice(app):
    """Widgets whose option texts come from the catalogue keep their values when the language (and so their
    texts) changes, on this page and the next."""
    at = app.run()
    at.selectbox(key="priser").select("faste-2024").run()
    at.switch_page(page_file("trend")).run()
    at.radio(key="trend_prognose").set_value("lineaer").run()
    at.radio(key="trend_opdeling").set_value("koeb_salg").run()
    at.radio(key="sprog").set_value("en").run()
    assert not at.exception, at.exception
    assert (at.session_state["priser"], at.session_state["trend_prognose"], at.session_state["trend_opdeling"]) == (
        "faste-2024", "lineaer", "koeb_salg")
    assert at.selectbox(key="priser").options[at.selectbox(key="priser").index] == "Constant 2024 prices"
    assert at.radio(key="trend_opdeling").options[2] == "Buying and selling places"
    at.switch_page(page_file("decomposition")).run()
    assert not at.exception, at.exception
    assert at.session_state["priser"] == "faste-2024" and qp(at, "priser") == "faste-2024" and qp(at, "sprog") == "en"


def test_invalid_language_falls_back_to_danish_with_notice(app):
    app.query_params["sprog"] = "xx"
    at = app.run()
    assert not at.exception, at.exception
    assert at.session_state["sprog"] == "da" and qp(at, "sprog") == "da"
    assert at.title[0].value == "Overblik"
    assert t("notice.invalid_url_value", "da", param="sprog", value="xx") in [i.value for i in at.info]


def test_the_language_does_not_outlive_the_run(app):
    """app.py sets the language for its run only: the test's own thread still speaks Danish afterwards."""
    open_en(app, page_file("overview"))
    assert t("page.overview") == "Overblik"


# ---- exports ------------------------------------------------------------------------------------------------

def test_english_export_header_and_columns(app, monkeypatch):
    from dashboard import widgets

    calls = []
    real = widgets.download_buttons
    monkeypatch.setattr(widgets, "download_buttons", lambda df, columns, meta, stem, key: (
        calls.append((df, columns, meta)), real(df, columns, meta, stem, key)))
    at = open_en(app, page_file("overview"))
    at.switch_page(page_file("trend")).run()
    assert not at.exception, at.exception
    assert len(calls) >= 4
    for df, columns, meta in calls:
        assert {"Municipality", "Area", "Period", "Prices", "Source", "Data date"} <= set(meta.lines)
        assert meta.lines["Municipality"] == "Eksempelby Municipality (synthetic demo data)"
        assert " – functions 5.38." in meta.lines["Area"]
        assert meta.lines["Prices"] == "Current prices"
    df, columns, meta = calls[0]                               # Overblik: net expenditure per year
    assert meta.title == "Net expenditure per year, after state refunds, current prices, DKK"   # the values' unit
    csv = to_csv(df, columns, meta).decode("utf-8-sig").splitlines()
    assert csv[0] == meta.title and csv[1] == "Municipality;Eksempelby Municipality (synthetic demo data)"
    header = csv[csv.index("") + 1]
    # issue 20: the difference to the budget, a formula in the XLSX
    assert header == ("Year;Net after state refunds (DKK);Change (%);Corrected budget (DKK);Original budget (DKK);"
                      "Net expenditure minus corrected budget (DKK);Months with actuals")
    assert re.search(r";\d+,\d{2};", csv[csv.index("") + 2])      # numbers stay Danish: decimal comma
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(df, columns, meta))).active
    assert ws["A1"].value == meta.title and (ws["A2"].value, ws["B2"].value) == (
        "Municipality", "Eksempelby Municipality (synthetic demo data)")
    trend = [c for c in calls if "Expected deviation" not in c[2].title][1:]
    assert any(c[2].lines.get("Forecast method", "").startswith("seasonal profile from") for c in trend)
    for _, columns, _ in calls:
        headers = " ".join(c.header for c in columns)
        assert "(kr.)" not in headers and "andel" not in headers, headers


def test_english_decomposition_export(app, monkeypatch):
    """The Dekomponering page builds its own CSV/XLSX (present.decomposition): header block, column headers and
    the totals table in English, numbers still Danish."""
    from present import decomposition as sg

    made = {}
    for name in ("csv_export", "xlsx_export"):
        real = getattr(sg, name)
        monkeypatch.setattr(sg, name, lambda *a, _real=real, _name=name, **kw: made.setdefault(_name, _real(*a, **kw)))
    at = open_en(app, page_file("decomposition"), basis="2022", sammenlign="2025", skaler="1")
    lines = made["csv_export"].decode("utf-8-sig").splitlines()
    assert lines[:4] == ["Decomposition of the change in cost: volume, complexity (mix) and unit price",
                         "Municipality;Eksempelby Municipality (synthetic demo data)",
                         "Area;Voksne med særlige behov (5.38) – functions " + ", ".join(
                             sorted(at.session_state["_filters"].functions)),
                         "Period;2022 and 2025 (whole year)"]
    header = lines[lines.index("") + 1].split(";")
    assert header[:4] == ["Level of need", "FYP 2022", "FYP 2025", "Unit price 2022 (DKK per FYP)"]
    assert "Cost 2022 (DKK)" in header and "Total change (DKK)" in header
    assert "Component;Amount (DKK);Coverage (%)" in lines and any(x.startswith("Total;") for x in lines)
    assert re.search(r";-?\d+,\d{2};", lines[lines.index("") + 2])             # Danish decimal comma
    wb = openpyxl.load_workbook(io.BytesIO(made["xlsx_export"]))
    assert wb.sheetnames == ["Segments", "Totals"]
    assert wb["Segments"]["A2"].value == "Municipality"
