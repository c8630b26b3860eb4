"""The single catalogue of user-facing texts (Danish default, English available).

Every user-facing text goes through :func:`t`::

    t("page.overview")                     # "Overblik"
    t("page.overview", lang="en")          # "Overview"
    t("sidebar.prices_fixed", year=2025)   # "Faste 2025-priser"

Keys are snake_case and dotted, grouped by prefix (``page.``, ``sidebar.``,
``kind.`` ...). Keys that mirror a data value use that value verbatim after the
prefix, so a lookup is ``t(f"provider_type.{row['provider_type']}")``.

The texts live in one module per page under ``i18n/texts/`` (``shell`` for the
app's frame, ``overview``, ``trend``, ``decomposition``, ``comparison``,
``about``, ``data``, ``imports`` (the importer's messages); ``levels`` takes the need levels' names from
data/reference/need_levels.csv through domain.codes); :data:`LABELS` is all of
them, and a key may live in one module only. To add a label, add one entry to
the page's ``TEXTS`` with a non-empty text for *every* language in
:data:`LANGUAGES`; both texts must use the same ``{placeholders}``. Texts are
always passed through ``str.format``, so a literal brace must be written
``{{`` / ``}}``. The tests in ``tests/test_i18n.py`` enforce these rules and
list every key no code uses.

An unknown key raises ``KeyError`` (missing labels must fail loudly, never
fall back to showing the key); an unknown language raises ``ValueError``.

The current language
--------------------
``t(key)`` without ``lang`` uses the *current language*: Danish unless a caller
has chosen another one with :func:`set_language` or :func:`use_language`::

    with use_language("en"):
        t("page.overview")                 # "Overview"
    t("page.overview")                     # "Overblik" again

The dashboard sets it at the start of every script run from the session's
choice (URL parameter ``sprog``, see app.py); the CLI, the importer and tests
that never set it get Danish.

Why a ``ContextVar`` and not a module global: one Streamlit server process
serves many browser sessions at once and runs each session's script run in its
own thread (a ``ScriptRunner`` thread). A module global would be shared by all
of them, so one user choosing English would switch a concurrent user's page to
English halfway through its run (and back). A ``ContextVar`` holds a separate
value per thread (and per asyncio task or ``contextvars.Context``): every new
thread starts with the default, Danish, and a value set in one session's run is
invisible to every other thread. app.py sets it for exactly one run (a ``with
use_language(...)`` block), so a run never depends on what an earlier run on the
same thread left behind.

Because the current language belongs to a thread, code that hands work to
*other* threads must make its labels first: a polars ``map_elements`` UDF runs
on a polars worker thread and would get Danish. Build a dict of labels in the
calling thread and use ``replace_strict`` (or pass ``lang`` explicitly). No page
uses a polars UDF at all (they deadlocked the server, see
present.formatting.fmt_values and tests/test_concurrency.py).
"""

from __future__ import annotations

import contextvars
import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager

import i18n.texts

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "LABELS", "TEXT_MODULES", "t", "available_languages", "has_label",
           "current_language", "set_language", "reset_language", "use_language"]

#: Language used when none is given.
DEFAULT_LANGUAGE = "da"

#: Supported languages, default first.
LANGUAGES: tuple[str, ...] = ("da", "en")

def _text_modules() -> tuple:
    """Every module in i18n/texts/ (one per page, plus the app's frame and the import messages), found on
    disk so that adding a page's texts is adding its file; shell first, the rest by name."""
    names = sorted(m.name for m in pkgutil.iter_modules(i18n.texts.__path__))
    names.sort(key=lambda n: n != "shell")
    return tuple(importlib.import_module(f"i18n.texts.{n}") for n in names)


#: The text modules, one per page (and the app's frame), in the order their keys are merged.
TEXT_MODULES = _text_modules()


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in TEXT_MODULES:
        twice = set(merged) & set(module.TEXTS)
        if twice:
            raise ValueError(f"keys in two text modules ({module.__name__}): {sorted(twice)}")
        merged.update(module.TEXTS)
    return merged


#: key -> {language -> text}: every text module's TEXTS.
LABELS: dict[str, dict[str, str]] = _merge()


#: The language of the current context (thread / task); why a ContextVar: see the module docstring.
_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("dashboard_language", default=DEFAULT_LANGUAGE)


def _check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {list(LANGUAGES)}")
    return lang


def current_language() -> str:
    """The language :func:`t` uses when it is given none (``"da"`` unless set in this context)."""
    return _CURRENT.get()


def set_language(lang: str) -> contextvars.Token[str]:
    """Make ``lang`` the current language of this context (thread); returns a token for
    :func:`reset_language`. Raises ``ValueError`` for an unsupported language."""
    return _CURRENT.set(_check_language(lang))


def reset_language(token: contextvars.Token[str]) -> None:
    """Restore the language that was current before the :func:`set_language` that gave ``token``."""
    _CURRENT.reset(token)


@contextmanager
def use_language(lang: str) -> Iterator[str]:
    """``with use_language("en"): ...``: ``lang`` is the current language inside the block only."""
    token = set_language(lang)
    try:
        yield lang
    finally:
        _CURRENT.reset(token)


def available_languages() -> list[str]:
    """Return the supported language codes, default language first (``["da", "en"]``)."""
    return list(LANGUAGES)


def has_label(key: str) -> bool:
    """Return True if ``key`` exists in the catalogue."""
    return key in LABELS


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    """Return the label ``key`` in language ``lang`` (None: the :func:`current_language`),
    formatted with ``kwargs``.

    Raises ``KeyError`` for an unknown key or a placeholder missing from
    ``kwargs``, and ``ValueError`` for an unsupported language.
    """
    lang = _CURRENT.get() if lang is None else _check_language(lang)
    try:
        entry = LABELS[key]
    except KeyError:
        raise KeyError(f"unknown label key {key!r}") from None
    return entry[lang].format(**kwargs)
