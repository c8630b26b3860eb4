"""dashboard/state.py: how a URL text becomes a widget's value (table-driven, no app run; the AppTest and
browser tests of each page prove the round trip), and that the declarations name every parameter the
pages' links carry."""
from __future__ import annotations

import pytest

from dashboard.state import COMPARISON, DECOMPOSITION, SIDEBAR, TREND, ListParam, TupleParam, UrlParam, digits, flag

YEARS = [2019, 2020, 2021]


@pytest.mark.parametrize("param, raw, options, default, value, noticed", [
    (UrlParam("fra", parse=int), "2020", YEARS, 2019, 2020, None),
    (UrlParam("fra", parse=int), "1800", YEARS, 2019, 2019, "fra=1800"),
    (UrlParam("fra", parse=int), "abc", YEARS, 2019, 2019, "fra=abc"),
    (UrlParam("omraade"), "5.28", ["5.38", "5.28"], "5.38", "5.28", None),
    (UrlParam("skaler", parse=flag), "1", [False, True], False, True, None),
    (UrlParam("skaler", parse=flag), "ja", [False, True], False, False, "skaler=ja"),
    # a list keeps its valid items in order, once, and names the invalid ones in one notice
    (ListParam("kommuner", parse=digits), "147, 101,147", [101, 147], [9], [147, 101], None),
    (ListParam("kommuner", parse=digits), "101,abc,4242,+5", [101, 147], [9], [101], "kommuner=abc,4242,+5"),
    (ListParam("kommuner", parse=digits), "abc", [101, 147], [9], [9], "kommuner=abc"),
    (ListParam("kommuner", parse=digits), "", [101, 147], [9], [], None),
    # a tuple is all valid or all default
    (TupleParam("vaegte", parse=float, widgets=("a", "b", "c")), "1,0.5,2", [0.5, 1.0, 2.0], [1.0] * 3,
     [1.0, 0.5, 2.0], None),
    (TupleParam("vaegte", parse=float, widgets=("a", "b", "c")), "1,0.5", [0.5, 1.0, 2.0], [1.0] * 3,
     [1.0] * 3, "vaegte=1,0.5"),
    (TupleParam("vaegte", parse=float, widgets=("a", "b", "c")), "1,0.7,2", [0.5, 1.0, 2.0], [1.0] * 3,
     [1.0] * 3, "vaegte=1,0.7,2"),
])
def test_url_text_to_value(param, raw, options, default, value, noticed):
    notices: list[str] = []
    assert param.read(raw, options, default, notices) == value
    assert len(notices) == (noticed is not None)
    if noticed:
        assert noticed in notices[0]


@pytest.mark.parametrize("state, values, url", [
    (DECOMPOSITION, {"basis": 2019, "skaler": True}, {"basis": "2019", "skaler": "1"}),
    (DECOMPOSITION, {"skaler": False}, {"skaler": "0"}),
    (COMPARISON, {"kommuner": [101, 147], "vaegte": [1.0, 0.5, 2.0], "k": 10},
     {"kommuner": "101,147", "vaegte": "1,0.5,2", "k": "10"}),
])
def test_values_to_url_text(state, values, url):
    assert {name: state[name].format(v) for name, v in values.items()} == url


def test_declarations_name_the_documented_parameters():
    """The link in README.md and each page's parameters, in one place."""
    assert list(SIDEBAR.params) == ["sprog", "kommune", "omraade", "fra", "til", "priser", "refusion"]
    assert list(TREND.params) == ["prognose", "opdeling"]
    assert list(DECOMPOSITION.params) == ["basis", "sammenlign", "opdeling", "metode", "skaler", "segment",
                                          "opdelinger", "leverandoervalg"]
    assert list(COMPARISON.params) == ["kilde", "noegletal", "aar", "gruppe", "maal", "kommuner", "k", "vaegte",
                                        "alle"]
    # a page's widgets never share a session key with the sidebar's or another page's kept widgets
    keys = [k for s in (SIDEBAR, TREND, DECOMPOSITION) for p in s.params.values() for k in p.keys]
    assert len(keys) == len(set(keys))
