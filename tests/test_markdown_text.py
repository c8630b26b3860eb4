"""Text from data or from the URL is shown as text, never rendered as Markdown (a link, an image, emphasis, a
heading, LaTeX): the invalid-URL notice, the PL index source in the sidebar, the Data page's error box and
file name, the benchmark sources on Sammenligning and the segment names in Dekomponering's explanation."""
from __future__ import annotations

import re

import pytest
import streamlit as st

from present.formatting import md_literal, plot_literal
from ingest.importer import import_file
from tests.apptools import open_page
from tests.conftest import REPO, app_on

EXAMPLES = REPO / "data" / "examples"
HOSTILE = "[klik](http://evil.example) ![i](https://evil.example/i.png) **fed** $x^2$ <b>h</b> :red[r] www.evil.example"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[klik](http://x.dk)", "\\[klik\\](http\\:\u2060//x.dk)"),
        ("![i](https://x.dk/i.png)", "\\!\\[i\\](https\\:\u2060//x.dk/i.png)"),
        ("**fed** _kursiv_ `kode` ~~streg~~", r"\*\*fed\*\* \_kursiv\_ \`kode\` \~\~streg\~\~"),
        ("$x^2$ og $$y$$", r"\$x^2\$ og \$\$y\$\$"),
        ("<b>h</b> &amp;", r"\<b\>h\</b\> \&amp;"),
        ("# Overskrift | tabel", r"\# Overskrift \| tabel"),
        # GitHub's literal autolinks and Streamlit's emoji/icon codes: an invisible word joiner breaks them
        (":red[rød] :smile: :material/home:",
         "\\:\u2060red\\[rød\\] \\:\u2060smile\\:\u2060 \\:\u2060material/home\\:\u2060"),
        ("www.evil.example og a@b.dk", "www\u2060.evil.example og a\u2060\\@b.dk"),
        ("- punkt", r"\- punkt"),
        ("+ punkt", r"\+ punkt"),
        ("1. punkt", r"1\. punkt"),
        ("2) punkt", r"2\) punkt"),
        ("linje\nnæste\r\nsidste", "linje næste sidste"),
        ("a\\b", r"a\\b"),
        # ordinary text keeps its punctuation: numbers, codes, names, parentheses
        ("omraade=9.99", "omraade=9.99"),
        ("pr-hund, 1.234,5 (5.38)", "pr-hund, 1.234,5 (5.38)"),
        ("Bostedet Åen ApS", "Bostedet Åen ApS"),
        ("-x", "-x"),
        (None, ""),
    ],
)
def test_md_literal(text, expected):
    assert md_literal(text) == expected


def _unescaped(markdown: str) -> list[str]:
    """Markdown constructs left in ``markdown``: a link or image, emphasis, math, HTML, a directive."""
    return re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]\(|(?<![\\*])\*\*|(?<!\\)\$|(?<!\\)<b>|(?<!\\):red", markdown)


def test_invalid_url_value_is_shown_as_text(app):
    app.query_params["omraade"] = HOSTILE
    at = app.run()
    assert not at.exception, at.exception
    (notice,) = [i.value for i in at.info if "omraade=" in i.value]
    assert md_literal(HOSTILE) in notice and not _unescaped(notice), notice


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """A small database whose PL index and benchmark figures carry a hostile source text."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    import_file("ledger", EXAMPLES / "ledger.csv", db)
    import_file("population", EXAMPLES / "population.csv", db)
    import_file("pl-index", EXAMPLES / "pl-index.csv", db, source=HOSTILE)
    pl_file = tmp_path_factory.mktemp("pl") / "pl.csv"
    pl_file.write_text("aar;indeks;kilde\n2019;95,0;" + HOSTILE + "\n", encoding="utf-8")
    import_file("pl-index", pl_file, db)
    import_file("benchmark", EXAMPLES / "benchmark.csv", db, source=HOSTILE)
    return db


@pytest.fixture
def hostile_app(hostile_db, monkeypatch):
    yield app_on(hostile_db, monkeypatch)
    st.cache_data.clear()
    st.cache_resource.clear()


def test_pl_index_source_is_shown_as_text(hostile_app):
    at = hostile_app.run()
    assert not at.exception, at.exception
    (caption,) = [c.value for c in at.sidebar.caption if c.value.startswith("PL-indeks:")]
    assert md_literal(HOSTILE) in caption and not _unescaped(caption), caption


def test_benchmark_source_is_shown_as_text(hostile_app):
    at = open_page(hostile_app, "dashboard/pages/comparison.py")
    captions = [c.value for c in at.caption if "evil" in c.value]
    assert captions and all(md_literal(HOSTILE) in c and not _unescaped(c) for c in captions), captions


def test_data_page_error_box_and_file_name_are_text(tmp_path, monkeypatch):
    """A rejected upload: the file name and every line of the error box (values and columns from the file)."""
    db = tmp_path / "data.duckdb"
    import_file("ledger", EXAMPLES / "ledger.csv", db)
    name = "**fed** [klik](http:evil.example) 120485-4827.csv"
    content = ("borger_id;sag_id;paragraf;ydelse;funktion;leverandoer;leverandoertype;startdato;slutdato;takst;"
               "takstenhed;niveau\nX1;S1;SEL § 108;B;5.38.50;P;privat;" + HOSTILE + ";;100;dag;2\n"
               "X2;S2;SEL § 108;B;5.38.50;P;privat;120485-4827;;100;dag;2\n").encode()
    at = app_on(db, monkeypatch)
    try:
        at = open_page(at, "dashboard/pages/data.py")
        at.selectbox(key="upload_kind").set_value("activity").run()
        at.selectbox(key="upload_mapping").set_value("standard")
        at.number_input(key="upload_kommune").set_value(999)
        at.file_uploader(key="upload_file").upload(name, content, "text/csv")
        at.run()
        at.button(key="upload_go").click().run()
        assert not at.exception, at.exception
        (box,) = at.error
        lines = box.value.split("\n")
        assert len(lines) >= 3, lines
        assert md_literal(HOSTILE) in box.value and not _unescaped(box.value), box.value
        assert "4827" not in box.value and "120485-\\*\\*\\*\\*" in box.value
        (status,) = [e for e in at.main.children.values() if type(e).__name__ == "Status"]
        assert status.label.startswith(md_literal("**fed** [klik](http:evil.example) 120485-****.csv"))
        assert not _unescaped(status.label) and "4827" not in status.label
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_decomposition_explanation_names_segments_as_text():
    """The sentence on the segment that grew most names it (a provider, a measure: imported text)."""
    import polars as pl

    from analysis.decomposition import decompose
    from present import decomposition as sg
    from tests.test_segments import CASES, LEVEL, window

    w = window(2022, 2023, 12)
    segs = sg.build_segments(CASES["regular"], w, LEVEL)
    d = decompose(segs, "lmdi")
    steps = sg.waterfall_steps(d, LEVEL, w, None, scaled=False)
    report, _ = sg.segment_report(d, segs, LEVEL, w)
    report = report.with_columns(pl.lit(HOSTILE).alias("label"))
    text = sg.explanation(d, LEVEL, "Voksne (5.38)", w, steps, "løbende priser", "LMDI-I", report=report)
    assert md_literal(HOSTILE) in text and not _unescaped(text), text


def test_decomposition_chart_names_providers_as_text(tmp_path, monkeypatch):
    """A provider name with Plotly markup (a link, bold) is a label of the segment chart, shown as written."""
    from tests.apptools import charts

    db = tmp_path / "providers.duckdb"
    import_file("ledger", EXAMPLES / "ledger.csv", db)
    hostile = '<a href="https://evil.example">Klik</a> <b>fed</b> & co'
    activity = tmp_path / "aktivitet.csv"
    activity.write_text(
        EXAMPLES.joinpath("activity.csv").read_text(encoding="utf-8").replace("Bostedet Lyngen", hostile),
        encoding="utf-8")
    import_file("activity", activity, db, kommunekode=999)
    at = app_on(db, monkeypatch)
    try:
        at.query_params.update({"basis": "2023", "sammenlign": "2024", "opdeling": "leverandoer"})
        at = open_page(at, "dashboard/pages/decomposition.py")
        bars = [c for c in charts(at) if c["data"][0].get("orientation") == "h"]
        assert bars, [c["layout"]["title"]["text"] for c in charts(at)]
        names = bars[0]["data"][0]["y"]
        assert plot_literal(hostile) in names and not any("<a" in n or "<b>" in n for n in names), names
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_plot_literal():
    assert plot_literal('<a href="x">K</a> & <br>') == '&lt;a href="x"&gt;K&lt;/a&gt; &amp; &lt;br&gt;'
    assert plot_literal("Bostedet Åen (5.38)") == "Bostedet Åen (5.38)" and plot_literal(None) == ""
