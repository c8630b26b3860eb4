"""URL and session state, declared once: every parameter a link may carry, how it is read and written, and
which page owns it.

A value lives in three places. The widget's key in ``st.session_state`` is the truth while the page is
shown; a page's *store* (a plain dict in session state) keeps its choices while another page is shown
(Streamlit forgets the state of a widget that was not drawn in a run); the URL makes a link reproduce the
view. :meth:`PageState.seed` gives a widget its value (a pending request, else this session's choice, else
the page's store, else the URL on a first visit, else the default; an invalid URL value falls back to the
default with a notice), :meth:`PageState.keep` writes the chosen values to the store and the URL. A page
never writes another page's widgets: it asks with :meth:`PageState.request` (the trend page's drill-down
makes the clicked function the sidebar's area), and the owner applies the request when it next seeds.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from present.formatting import md_literal
from i18n import DEFAULT_LANGUAGE, LANGUAGES, t

PENDING = "_state_requests"           # session state: values one page asked another's widgets to take
LABELLED_KEYS = "_labelled_widget_keys"


def url_notice(param: str, raw: str) -> str:
    """The notice for a URL value that does not exist; the value is shown as typed, never as Markdown."""
    return t("notice.invalid_url_value", param=md_literal(param), value=md_literal(raw))


def flag(value: str) -> bool:
    """'1' -> True, '0' -> False; anything else is not a flag (ValueError)."""
    if value not in ("0", "1"):
        raise ValueError(value)
    return value == "1"


def digits(value: str) -> int:
    """A municipality code as typed in a list: digits only ('+5' and ' 5' are not codes)."""
    if not value.isdigit():
        raise ValueError(value)
    return int(value)


@dataclass(frozen=True)
class Valid:
    """The options of a widget whose values are not a list (a number input, a table of tariffs): ``value in
    Valid(test)`` when ``test(value)`` is true (an exception counts as false)."""

    test: Callable[[Any], bool]

    def __contains__(self, value: Any) -> bool:
        try:
            return bool(self.test(value))
        except (TypeError, ValueError, AttributeError):
            return False


def between(lo: float, hi: float) -> Valid:
    """Every finite number from ``lo`` to ``hi`` (a bool is no number)."""
    return Valid(lambda v: not isinstance(v, bool) and isinstance(v, (int, float)) and math.isfinite(v) and lo <= v <= hi)


def number(value: float) -> str:
    """A number as the URL writes it: '2.5', '10' (no trailing zeros)."""
    return f"{value:g}"


def parse_tariffs(text: str) -> dict[str, float]:
    """'2:2500;3:3100.5' -> {'2': 2500.0, '3': 3100.5} (level: daily tariff); '' -> {}."""
    out = {}
    for part in filter(None, text.split(";")):
        level, _, value = part.partition(":")
        out[level] = float(value)
    return out


def parse_rates(text: str) -> tuple[tuple[str, float | None, float | None], ...]:
    """'Botilbud:20:30;Dagtilbud::12' -> (('Botilbud', 0.2, 30.0), ('Dagtilbud', None, 12.0)): an offer type's own
    outflow (% a year, stored as a share) and new stays a year; an empty field keeps the measured one. The
    fields are split from the right, so an offer type may contain ':'."""
    out = []
    for part in filter(None, text.split(";")):
        offer, exit_pct, per_year = part.rsplit(":", 2)
        out.append((offer, float(exit_pct) / 100 if exit_pct else None, float(per_year) if per_year else None))
    return tuple(out)


def format_rates(rates: tuple[tuple[str, float | None, float | None], ...]) -> str:
    return ";".join(f"{o}:{'' if e is None else f'{e * 100:g}'}:{'' if n is None else f'{n:g}'}" for o, e, n in rates)


def format_tariffs(tariffs: dict[str, float]) -> str:
    return ";".join(f"{k}:{v:g}" for k, v in tariffs.items())


def parse_moves(text: str) -> tuple[tuple[float, str, str, float], ...]:
    """'4|Botilbud|Støtte i eget hjem|900;2|Forsorgshjem|Botilbud|1500' -> ((4.0, 'Botilbud', 'Støtte i eget hjem',
    900.0), (2.0, 'Forsorgshjem', 'Botilbud', 1500.0)): the scenario's further named moves (citizens a year, from
    offer type, to offer type, new daily tariff); '' -> ()."""
    out = []
    for part in filter(None, text.split(";")):
        n, offer_from, offer_to, price = part.split("|")
        out.append((float(n), offer_from, offer_to, float(price)))
    return tuple(out)


def format_moves(moves: tuple[tuple[float, str, str, float], ...]) -> str:
    return ";".join(f"{n:g}|{a}|{b}|{p:g}" for n, a, b, p in moves)


def parse_segment_rates(text: str) -> dict[tuple[str, str], float]:
    """'Botilbud|2:3200;Botilbud|3:4100.5' -> {('Botilbud', '2'): 3200.0, ('Botilbud', '3'): 4100.5} (offer type and
    level: own daily rate); '' -> {}. Split from the right, so an offer type may contain ':' or '|'."""
    out = {}
    for part in filter(None, text.split(";")):
        segment, value = part.rsplit(":", 1)
        offer, level = segment.rsplit("|", 1)
        out[(offer, level)] = float(value)
    return out


def format_segment_rates(rates: dict[tuple[str, str], float]) -> str:
    return ";".join(f"{o}|{lvl}:{v:g}" for (o, lvl), v in rates.items())


@dataclass(frozen=True)
class UrlParam:
    """One URL parameter bound to one widget: ``name`` in the URL, ``key`` in session state (default: the
    name), ``parse`` from the URL's text (raising ValueError or TypeError for a text that is no value) and
    ``format`` back to it."""

    name: str
    parse: Callable[[str], Any] = str
    format: Callable[[Any], str] = str
    key: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key or self.name,)

    def read(self, raw: str, options: Sequence, default: Any, notices: list[str] | None) -> Any:
        """The value of a URL text: parsed if it is one of ``options``, else ``default`` and a notice."""
        try:
            parsed = self.parse(raw)
        except (TypeError, ValueError):
            parsed = None
        if parsed in options:
            return parsed
        if notices is not None:
            notices.append(url_notice(self.name, raw))
        return default

    def valid(self, value: Any, options: Sequence) -> bool:
        return value in options

    def get(self) -> Any:
        return st.session_state[self.keys[0]]

    def set(self, value: Any) -> None:
        st.session_state[self.keys[0]] = value


@dataclass(frozen=True)
class ListParam(UrlParam):
    """A comma-separated list (``kommuner=101,147``): each item parsed with ``parse`` and kept when it is
    one of ``options``; the invalid ones are named in one notice. Only invalid items give the default."""

    def read(self, raw: str, options: Sequence, default: Any, notices: list[str] | None) -> Any:
        parts = [p.strip() for p in raw.split(",") if p.strip()]
        good, bad = [], []
        for p in parts:
            try:
                value = self.parse(p)
            except (TypeError, ValueError):
                bad.append(p)
                continue
            (good if value in options else bad).append(value if value in options else p)
        if bad and notices is not None:
            notices.append(url_notice(self.name, ",".join(bad)))
        return list(dict.fromkeys(good)) if good or not bad else default

    def valid(self, value: Any, options: Sequence) -> bool:
        return all(v in options for v in value)


@dataclass(frozen=True)
class TupleParam(UrlParam):
    """A fixed number of comma-separated values, one widget each (``vaegte=1,0.5,2`` -> three sliders with
    the session keys ``widgets``): all valid or all default, with one notice."""

    widgets: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return self.widgets

    def read(self, raw: str, options: Sequence, default: Any, notices: list[str] | None) -> Any:
        try:
            parsed = [self.parse(p) for p in raw.split(",")]
            if len(parsed) != len(self.widgets) or any(p not in options for p in parsed):
                raise ValueError(raw)
            return parsed
        except (TypeError, ValueError):
            if notices is not None:
                notices.append(url_notice(self.name, raw))
            return default

    def valid(self, value: Any, options: Sequence) -> bool:
        return len(value) == len(self.widgets) and all(v in options for v in value)

    def get(self) -> list:
        return [st.session_state[k] for k in self.widgets]

    def set(self, value: Any) -> None:
        for k, v in zip(self.widgets, value):
            st.session_state[k] = v


class PageState:
    """The URL parameters of one page (or of the sidebar), with the session store that keeps them across
    page switches (``store``: its key in session state; None: the widgets are drawn on every run, or the
    page starts from the URL again after a switch)."""

    def __init__(self, store: str | None, *params: UrlParam):
        self.store = store
        self.params = {p.name: p for p in params}

    def __getitem__(self, name: str) -> UrlParam:
        return self.params[name]

    def _stored(self) -> dict:
        return st.session_state.get(self.store, {}) if self.store else {}

    def chosen(self, name: str) -> bool:
        """True when ``name`` has a value from the session or a link (its default would not be used)."""
        p = self.params[name]
        return (any(k in st.session_state for k in p.keys) or name in self._stored()
                or name in st.query_params)

    def seed(self, name: str, options: Sequence, default: Any, notices: list[str] | None = None,
             reset_invalid: bool = False) -> Any:
        """Give ``name``'s widget its value before the widget is drawn, and return it: a value another page
        requested (when valid), else this session's choice, else the page's store (when valid), else the
        URL's, else ``default``. ``reset_invalid``: a session value no longer among ``options`` (e.g. the
        region after switching to a municipality without one) becomes ``default``."""
        p = self.params[name]
        pending = st.session_state.get(PENDING, {})
        if name in pending:
            value = pending.pop(name)
            if p.valid(value, options):
                p.set(value)
                return value
        if not all(k in st.session_state for k in p.keys):
            stored = self._stored()
            if name in stored and p.valid(stored[name], options):
                p.set(stored[name])
            else:
                raw = st.query_params.get(name)
                p.set(default if raw is None else p.read(raw, options, default, notices))
        elif reset_invalid and not p.valid(p.get(), options):
            p.set(default)
        return p.get()

    def value(self, name: str) -> Any:
        return self.params[name].get()

    def request(self, name: str, value: Any) -> None:
        """Ask that ``name``'s widget take ``value`` in the next run (from a callback of another page; the
        owner applies it in :meth:`seed` when it is one of its options)."""
        st.session_state.setdefault(PENDING, {})[name] = value

    def keep(self, values: dict[str, Any], drop: Iterable[str] = ()) -> None:
        """Remember ``values`` (parameter name -> value) in the page's store and write them to the URL;
        the parameters in ``drop`` leave the URL (a choice that no longer applies)."""
        if self.store:
            st.session_state.setdefault(self.store, {}).update(values)
        for name in drop:
            if name not in values and name in st.query_params:
                del st.query_params[name]
        st.query_params.update({name: self.params[name].format(v) for name, v in values.items()})


def _weights(values: Iterable[float]) -> str:
    return ",".join(f"{w:g}" for w in values)


def _join(values: Iterable) -> str:
    return ",".join(map(str, values))


# ---- the declarations ----------------------------------------------------------------------------------------

LANGUAGE_KEY = "sprog"

SIDEBAR = PageState(
    None,
    UrlParam(LANGUAGE_KEY),
    UrlParam("kommune", parse=int),
    UrlParam("omraade"),
    UrlParam("fra", parse=int),
    UrlParam("til", parse=int),
    UrlParam("priser"),
    UrlParam("refusion"),
)

OVERVIEW = PageState(
    "_overview_state",
    # not 'opdeling': Udgiftsudvikling's and Dekomponering's links carry that, and Overblik must leave it alone
    UrlParam("aarsopdeling", key="overview_opdeling"),
)

#: the age filter, drawn in the sidebar on the pages that split by segments (dashboard.registry.Page.age_filter);
#: its store keeps the choice while a page without it is shown
AGE = PageState("_age_state", UrlParam("alder"))

TREND = PageState(
    "_trend_state",
    UrlParam("prognose", key="trend_prognose"),
    UrlParam("opdeling", key="trend_opdeling"),
)

DECOMPOSITION = PageState(
    "_decomp_state",
    UrlParam("basis", parse=int),
    UrlParam("sammenlign", parse=int),
    UrlParam("opdeling"),
    UrlParam("metode"),
    UrlParam("skaler", parse=flag, format=lambda v: "1" if v else "0"),
    UrlParam("segment"),
    UrlParam("opdelinger", parse=flag, format=lambda v: "1" if v else "0"),
    # the provider whose measures the link to Udgiftsdrivere opens (not "leverandoer": Udgiftsdrivere's own)
    UrlParam("leverandoervalg", key="decomp_leverandoer"),
)

DRIVERS = PageState(
    "_drivers_state",
    UrlParam("basis", parse=int, key="drivers_basis"),
    UrlParam("sammenlign", parse=int, key="drivers_sammenlign"),
    UrlParam("visning", key="drivers_visning"),
    UrlParam("tilbud", key="drivers_tilbud"),
    UrlParam("leverandoer", key="drivers_leverandoer"),
)

CASES = PageState(
    "_cases_state",
    UrlParam("aar", parse=int, key="cases_aar"),
    UrlParam("leverandoer", key="cases_leverandoer"),
)

SAVINGS = PageState(
    "_savings_state",
    UrlParam("overskud", parse=flag, format=lambda v: "1" if v else "0", key="savings_overskud"),
)

PROGNOSE = PageState(
    "_prognose_state",
    UrlParam("horisont", parse=int, key="prognose_horisont"),
    UrlParam("pl", parse=float, format=number, key="prognose_pl"),
    UrlParam("tilgang", parse=float, format=number, key="prognose_tilgang"),
    UrlParam("op", parse=float, format=number, key="prognose_op"),
    UrlParam("ned", parse=float, format=number, key="prognose_ned"),
    UrlParam("pris", parse=float, format=number, key="prognose_pris"),
    UrlParam("flyt", parse=float, format=number, key="prognose_flyt"),
    UrlParam("flyt_fra", key="prognose_flyt_fra"),
    UrlParam("flyt_til", key="prognose_flyt_til"),
    UrlParam("flyt_pris", parse=float, format=number, key="prognose_flyt_pris"),
    UrlParam("tiltag", parse=parse_moves, format=format_moves, key="prognose_tiltag"),
    UrlParam("segmentopdeling", key="prognose_segmentopdeling"),
    UrlParam("takst_tilbud", key="prognose_takst_tilbud"),
    UrlParam("takster", parse=parse_tariffs, format=format_tariffs, key="prognose_takster"),
    UrlParam("rater", parse=parse_rates, format=format_rates, key="prognose_rater"),
    UrlParam("budget_tilbud", key="prognose_budget_tilbud"),
    UrlParam("budget_fast", parse=float, format=number, key="prognose_budget_fast"),
    UrlParam("budget_takster", parse=parse_segment_rates, format=format_segment_rates, key="prognose_budget_takster"),
)

COMPARISON = PageState(
    None,
    UrlParam("kilde"),
    UrlParam("noegletal"),
    UrlParam("aar", parse=int),
    UrlParam("gruppe"),
    UrlParam("maal"),
    ListParam("kommuner", parse=digits, format=_join),
    UrlParam("k", parse=int),
    TupleParam("vaegte", parse=float, format=_weights,
               widgets=("vaegt_befolkning", "vaegt_andel", "vaegt_socio")),
    UrlParam("alle", parse=flag, format=lambda v: "1" if v else "0", key="cmp_alle"),
)


# ---- widgets whose option texts come from the catalogue, and the UI language --------------------------------

def option_labels(key: str, options: Iterable, label: Callable[[object], str]) -> Callable[[object], str]:
    """The format_func of widget ``key`` whose option texts come from the catalogue.

    The texts are made now, in this run's language, so a value formatted later outside the run (AppTest's
    widget serialisation runs on another thread) gets the same text as the options shown. ``key`` is
    remembered, so that :func:`seed_language` can carry the widget's value over a change of language."""
    st.session_state.setdefault(LABELLED_KEYS, set()).add(key)
    texts = {o: label(o) for o in options}
    return lambda v: texts[v] if v in texts else str(v)


def seed_language(notices: list[str]) -> str:
    """The session's UI language (``da`` or ``en``): the sidebar's choice, else (first run of a session)
    the URL's ``sprog``, else Danish; an invalid URL value falls back to Danish with a notice appended to
    ``notices``. app.py calls this first in every run and makes the result the current language."""
    lang = SIDEBAR.seed(LANGUAGE_KEY, list(LANGUAGES), DEFAULT_LANGUAGE, notices)
    if st.session_state.get("_language", lang) != lang:
        # The browser identifies a keyed widget's value by its option *text*, which is about to change. Read
        # each such value now (still decoded with the previous run's texts) and set it again, so that the
        # widget sends its new text to the browser; otherwise the next run could not decode the old text
        # and the widget would fall back to its first option (e.g. the price base to current prices).
        for key in st.session_state.get(LABELLED_KEYS, set()):
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state["_language"] = lang
    return lang


def forget_choices() -> None:
    """Forget this session's choices of every page and of the sidebar (not the language), so that the next run
    seeds them from the URL as a new session would: how a saved view is opened with exactly its state."""
    for state in (SIDEBAR, AGE, TREND, DECOMPOSITION, DRIVERS, CASES, SAVINGS, COMPARISON):
        for p in state.params.values():
            if p.name == LANGUAGE_KEY:
                continue
            for key in p.keys:
                st.session_state.pop(key, None)
        if state.store:
            st.session_state.pop(state.store, None)
    st.session_state.pop(PENDING, None)
