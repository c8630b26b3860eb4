"""Tests for the label catalogue analysis.labels."""

from __future__ import annotations

import string

import pytest

from analysis.labels import LABELS, available_languages, has_label, t


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_available_languages():
    assert available_languages() == ["da", "en"]


def test_available_languages_returns_a_copy():
    langs = available_languages()
    langs.append("xx")
    assert available_languages() == ["da", "en"]


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_key_has_all_languages_non_empty(key):
    entry = LABELS[key]
    assert set(entry) == set(available_languages()), key
    for lang in available_languages():
        assert isinstance(entry[lang], str) and entry[lang].strip(), (key, lang)
        assert entry[lang] == entry[lang].strip(), (key, lang)


@pytest.mark.parametrize("key", sorted(LABELS))
def test_placeholders_match_across_languages_and_format(key):
    entry = LABELS[key]
    names = _placeholders(entry["da"])
    assert _placeholders(entry["en"]) == names, key
    dummy = {name: "X" for name in names}
    for lang in available_languages():
        assert "{" not in t(key, lang, **dummy) or "{{" in entry[lang]


@pytest.mark.parametrize("key", sorted(LABELS))
def test_key_style(key):
    assert key == key.lower() and " " not in key
    assert "." in key, "keys are grouped by a dotted prefix"


@pytest.mark.parametrize(
    ("key", "lang", "kwargs", "expected"),
    [
        ("page.overview", "da", {}, "Overblik"),
        ("page.overview", "en", {}, "Overview"),
        ("page.trend", "da", {}, "Udgiftsudvikling"),
        ("page.decomposition", "da", {}, "Dekomponering"),
        ("page.comparison", "da", {}, "Sammenligning"),
        ("page.about", "da", {}, "Om tallene"),
        ("page.about", "en", {}, "About the numbers"),
        ("page.data", "da", {}, "Data"),
        ("sidebar.municipality", "da", {}, "Kommune"),
        ("sidebar.area", "da", {}, "Område"),
        ("sidebar.period", "da", {}, "Periode"),
        ("sidebar.year_from", "da", {}, "Fra år"),
        ("sidebar.year_to", "da", {}, "Til år"),
        ("sidebar.prices", "da", {}, "Priser"),
        ("sidebar.prices_current", "da", {}, "Løbende priser"),
        ("sidebar.prices_fixed", "da", {"year": 2025}, "Faste 2025-priser"),
        ("sidebar.prices_fixed", "en", {"year": 2025}, "Constant 2025 prices"),
        ("status.budget_not_loaded", "da", {}, "Budget ikke indlæst"),
        ("status.not_loaded", "da", {}, "Ikke indlæst"),
        ("status.synthetic_data", "da", {}, "Syntetiske demodata – Eksempelby Kommune er fiktiv"),
        ("measure.net_expenditure", "da", {}, "Nettoudgift"),
        ("measure.full_year_persons", "da", {}, "Helårspersoner (HÅP)"),
        ("measure.unit_price", "da", {}, "Enhedspris"),
        ("kind.actual", "da", {}, "Regnskab"),
        ("kind.budget_original", "da", {}, "Oprindeligt budget"),
        ("kind.budget_corrected", "da", {}, "Korrigeret budget"),
        ("data.source", "da", {}, "Datakilde"),
        ("data.date", "da", {}, "Datadato"),
        ("data.import_history", "da", {}, "Importhistorik"),
        ("data.upload", "da", {}, "Upload ny fil"),
        ("data.quality", "da", {}, "Datakvalitet"),
        ("area.adults", "da", {}, "Voksne (5.38)"),
        ("area.children", "da", {}, "Børn og unge (5.28)"),
        ("provider_type.egen", "da", {}, "Egen kommune"),
        ("provider_type.anden_kommune", "da", {}, "Anden kommune"),
        ("provider_type.region", "da", {}, "Region"),
        ("provider_type.privat", "da", {}, "Privat"),
        ("provider_type.ukendt", "da", {}, "Ukendt"),
        ("level.ikke_vurderet", "da", {}, "Ikke vurderet"),
        ("level.ikke_vurderet", "en", {}, "Not assessed"),
        ("data.rows_loaded", "da", {"loaded": "1.200", "read": "1.234"}, "1.200 af 1.234 rækker indlæst"),
    ],
)
def test_t(key, lang, kwargs, expected):
    assert t(key, lang, **kwargs) == expected


def test_default_language_is_danish():
    assert t("page.overview") == "Overblik"


@pytest.mark.parametrize("value", ["actual", "budget_original", "budget_corrected"])
def test_every_amount_kind_has_a_label(value):
    assert has_label(f"kind.{value}")


@pytest.mark.parametrize("value", ["egen", "anden_kommune", "region", "privat", "ukendt"])
def test_every_provider_type_has_a_label(value):
    assert has_label(f"provider_type.{value}")


@pytest.mark.parametrize("value", ["0", "1", "2", "3", "4", "ikke_vurderet"])
def test_every_need_level_has_a_label(value):
    assert has_label(f"level.{value}")


def test_need_levels_match_reference_csv():
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "reference" / "need_levels.csv"
    if not path.exists():
        pytest.skip("reference data not present")
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = f"level.{row['level_code']}"
            assert t(key, "da") == row["label_da"]
            assert t(key, "en") == row["label_en"]


def test_unknown_key_raises_key_error():
    with pytest.raises(KeyError):
        t("page.does_not_exist")
    with pytest.raises(KeyError):
        t("page.does_not_exist", "en")


def test_missing_placeholder_raises_key_error():
    with pytest.raises(KeyError):
        t("sidebar.prices_fixed")


def test_unknown_language_raises():
    with pytest.raises(ValueError):
        t("page.overview", "de")


def test_has_label():
    assert has_label("page.overview")
    assert not has_label("nope.nope")


# --- the current language (a ContextVar) ------------------------------------------------------------------

def test_current_language_defaults_to_danish():
    from analysis.labels import current_language

    assert current_language() == "da"
    assert t("page.overview") == t("page.overview", None) == "Overblik"


def test_set_and_reset_language():
    from analysis.labels import current_language, reset_language, set_language

    token = set_language("en")
    try:
        assert current_language() == "en"
        assert t("page.overview") == "Overview"
        assert t("page.overview", "da") == "Overblik"          # an explicit language still wins
        assert t("sidebar.prices_fixed", year=2025) == "Constant 2025 prices"
    finally:
        reset_language(token)
    assert current_language() == "da" and t("page.overview") == "Overblik"


def test_use_language_is_scoped_and_nests():
    from analysis.labels import current_language, use_language

    with use_language("en") as lang:
        assert lang == "en" and t("page.trend") == "Expenditure trend"
        with use_language("da"):
            assert t("page.trend") == "Udgiftsudvikling"
        assert current_language() == "en"
    assert current_language() == "da"


def test_use_language_resets_after_an_exception():
    from analysis.labels import current_language, use_language

    with pytest.raises(RuntimeError):
        with use_language("en"):
            raise RuntimeError("boom")
    assert current_language() == "da"


def test_set_language_rejects_unknown_language():
    from analysis.labels import current_language, set_language

    with pytest.raises(ValueError):
        set_language("de")
    assert current_language() == "da"


def test_language_is_isolated_between_threads():
    """Two threads (like two Streamlit sessions' script runs) set different languages at the same time; each
    sees only its own, and the main thread keeps Danish."""
    import threading

    from analysis.labels import current_language, set_language

    both_set = threading.Barrier(2, timeout=10)
    seen: dict[str, list[str]] = {}

    def run(lang: str) -> None:
        before = current_language()                 # a new thread starts with the default
        set_language(lang)
        both_set.wait()                             # both have set their language before either reads it
        seen[lang] = [before, current_language(), t("page.overview")]
        both_set.wait()
        seen[lang].append(t("app.language"))

    threads = [threading.Thread(target=run, args=(lang,)) for lang in ("en", "da")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert seen == {"en": ["da", "en", "Overview", "Language"], "da": ["da", "da", "Overblik", "Sprog"]}
    assert current_language() == "da" and t("page.overview") == "Overblik"
