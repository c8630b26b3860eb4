"""Tests for the text catalogue i18n: the rules every entry keeps, t(), the current language (a ContextVar),
and that no key sits in the catalogue without code that uses it.

The rule tests each check the whole catalogue and list every offender in one failure, so a broken
catalogue gives one readable message per rule, not hundreds of parametrised failures."""

from __future__ import annotations

import ast
import re
import string
import threading
from pathlib import Path

import pytest

from domain.codes import AMOUNT_KINDS, NEED_LEVELS, PROVIDER_TYPES
from i18n import LABELS, TEXT_MODULES, available_languages, current_language, has_label, reset_language, \
    set_language, t, use_language

REPO = Path(__file__).resolve().parents[1]
KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# --- the rules every entry keeps -------------------------------------------------------------------------

def test_available_languages_default_first_and_a_copy():
    langs = available_languages()
    assert langs == ["da", "en"]
    langs.append("xx")
    assert available_languages() == ["da", "en"]


def test_every_key_has_every_language_non_empty_and_stripped():
    bad = [(key, lang) for key, entry in LABELS.items() for lang in available_languages()
           if not isinstance(entry.get(lang), str) or not entry[lang].strip() or entry[lang] != entry[lang].strip()]
    extra = [(key, sorted(set(entry) - set(available_languages()))) for key, entry in LABELS.items()
             if set(entry) - set(available_languages())]
    assert not bad, f"empty, missing or padded texts: {bad}"
    assert not extra, f"texts in unsupported languages: {extra}"


def test_placeholders_match_across_languages_and_every_text_formats():
    mismatched = [key for key, entry in LABELS.items()
                  if len({frozenset(_placeholders(entry[lang])) for lang in available_languages()}) != 1]
    assert not mismatched, f"placeholders differ between languages: {mismatched}"
    unformattable = []
    for key, entry in LABELS.items():
        dummy = {name: "X" for name in _placeholders(entry["da"])}
        for lang in available_languages():
            try:
                t(key, lang, **dummy)
            except (KeyError, ValueError, IndexError) as exc:
                unformattable.append((key, lang, repr(exc)))
    assert not unformattable, unformattable


def test_key_style():
    bad = [key for key in LABELS if not KEY.match(key)]
    assert not bad, f"keys must be lower-case, dotted, snake_case: {bad}"


def test_every_text_module_owns_distinct_keys_and_labels_is_their_union():
    union: dict[str, dict[str, str]] = {}
    for module in TEXT_MODULES:
        assert not set(union) & set(module.TEXTS), module.__name__
        union.update(module.TEXTS)
    assert union == LABELS


def test_every_vocabulary_value_has_a_label():
    missing = [key for key in (*(f"kind.{k}" for k in AMOUNT_KINDS),
                               *(f"provider_type.{p}" for p in PROVIDER_TYPES),
                               *(f"level.{level.code}" for level in NEED_LEVELS)) if not has_label(key)]
    assert not missing, missing


def test_need_levels_come_from_the_reference_csv():
    for level in NEED_LEVELS:
        for lang in available_languages():
            assert t(f"level.{level.code}", lang) == level.short[lang]


# --- no dead keys ----------------------------------------------------------------------------------------

def _code_files() -> list[Path]:
    roots = ["app.py", "settings.py"]
    folders = ["dashboard", "analysis", "present", "domain", "ingest", "i18n", "bench", "synth", "queries"]
    files = [REPO / r for r in roots if (REPO / r).exists()]
    for folder in folders:
        files += [p for p in (REPO / folder).rglob("*.py") if "texts" not in p.parts]
    return files


def _used_keys(keys: set[str]) -> set[str]:
    """Keys the product code names: a string constant equal to the key, or the key starting with a constant
    prefix that ends in "." or "_" (an f-string's or a `+`'s leading text, a prefix passed to a helper)."""
    constants: set[str] = set()
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
    prefixes = {c for c in constants if "." in c and c.endswith((".", "_")) and len(c) > 3}
    return {k for k in keys if k in constants or any(k.startswith(p) for p in prefixes)}


def test_no_key_without_code_that_uses_it():
    dead = sorted(set(LABELS) - _used_keys(set(LABELS)))
    assert not dead, f"keys no product code uses (remove them or use them): {dead}"


def test_the_dead_key_scan_can_fail():
    assert _used_keys({"page.overview", "nobody.uses_this_key"}) == {"page.overview"}


# --- t() -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("key", "lang", "kwargs", "expected"),
    [
        ("page.overview", "da", {}, "Overblik"),
        ("page.overview", "en", {}, "Overview"),
        ("page.about", "en", {}, "About the numbers"),
        ("sidebar.prices_fixed", "da", {"year": 2025}, "Faste 2025-priser"),
        ("sidebar.prices_fixed", "en", {"year": 2025}, "Constant 2025 prices"),
        ("kind.budget_corrected", "da", {}, "Korrigeret budget"),
        ("provider_type.anden_kommune", "da", {}, "Anden kommune"),
        ("level.ikke_vurderet", "en", {}, "Not assessed"),
    ],
)
def test_t(key, lang, kwargs, expected):
    assert t(key, lang, **kwargs) == expected


def test_unknown_key_missing_placeholder_and_unknown_language_fail_loudly():
    with pytest.raises(KeyError):
        t("page.does_not_exist")
    with pytest.raises(KeyError):
        t("sidebar.prices_fixed")
    with pytest.raises(ValueError):
        t("page.overview", "de")
    assert has_label("page.overview") and not has_label("nope.nope")


# --- the current language (a ContextVar) -----------------------------------------------------------------

def test_current_language_defaults_to_danish():
    assert current_language() == "da"
    assert t("page.overview") == t("page.overview", None) == "Overblik"


def test_set_and_reset_language():
    token = set_language("en")
    try:
        assert current_language() == "en"
        assert t("page.overview") == "Overview"
        assert t("page.overview", "da") == "Overblik"          # an explicit language still wins
    finally:
        reset_language(token)
    assert current_language() == "da"


def test_use_language_is_scoped_nests_and_resets_after_an_exception():
    with use_language("en") as lang:
        assert lang == "en" and t("page.trend") == "Expenditure trend"
        with use_language("da"):
            assert t("page.trend") == "Udgiftsudvikling"
        assert current_language() == "en"
    with pytest.raises(RuntimeError):
        with use_language("en"):
            raise RuntimeError("boom")
    assert current_language() == "da"
    with pytest.raises(ValueError):
        set_language("de")
    assert current_language() == "da"


def test_language_is_isolated_between_threads():
    """Two threads (like two Streamlit sessions' script runs) set different languages at the same time; each
    sees only its own, and the main thread keeps Danish."""
    both_set = threading.Barrier(2, timeout=10)
    seen: dict[str, list[str]] = {}

    def run(lang: str) -> None:
        before = current_language()
        set_language(lang)
        both_set.wait()
        seen[lang] = [before, current_language(), t("page.overview")]
        both_set.wait()
        seen[lang].append(t("app.language"))

    threads = [threading.Thread(target=run, args=(lang,)) for lang in ("en", "da")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert seen == {"en": ["da", "en", "Overview", "Language"], "da": ["da", "da", "Overblik", "Sprog"]}
    assert current_language() == "da"
