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
