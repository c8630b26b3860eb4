"""The vocabularies (domain.codes) against the reference CSVs, the schema and each other."""
from __future__ import annotations

import csv

import pytest

import settings
from domain import codes


@pytest.mark.parametrize("functions, expected", [
    (["5.28.20", "5.28.23"], "0-17"), (["5.38.50"], "18-64"), (["5.38.42", "5.38.50", "5.38.52"], "18-64"),
    (["5.28.20", "5.38.50"], "total"), (["6.45.51"], "total"), ([], "total"),
])
def test_target_age_group(functions, expected):
    assert codes.target_age_group(functions) == expected


def test_need_levels_are_the_reference_csv_in_order():
    with (settings.REFERENCE_DIR / "need_levels.csv").open(encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: int(r["ordinal"]))
    assert [level.code for level in codes.NEED_LEVELS] == [r["level_code"] for r in rows]
    assert codes.LEVEL_CODES == ("0", "1", "2", "3", "4")
    assert codes.NEED_LEVELS[-1].code == codes.NOT_ASSESSED
    assert all(level.name["da"] and level.name["en"] and level.short["da"] and level.short["en"]
               for level in codes.NEED_LEVELS)


def test_target_groups_and_age_groups_agree():
    assert set(codes.TARGET_AGE_GROUPS.values()) | {codes.ALL_AGES} <= set(codes.AGE_GROUPS)


def test_import_kinds_each_have_a_standard_mapping():
    names = {p.stem.rsplit("_", 1)[0] for p in settings.MAPPING_DIR.glob("*_standard.toml")}
    assert set(codes.IMPORT_KINDS) == names


def test_the_decomposition_engine_offers_the_methods_of_the_vocabulary():
    from analysis.decomposition import METHODS

    assert METHODS == codes.DECOMPOSITION_METHODS
