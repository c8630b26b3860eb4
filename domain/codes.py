"""The vocabularies of the domain, each written once: import kinds, amount kinds, provider types, need
levels and their order, population age groups and an area's target group, savings kinds and the
decomposition methods. Codes only; their words live in the catalogue (i18n), need-level names in
data/reference/need_levels.csv (the FFB levels), which is also loaded into the database.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass

import settings

#: Import kinds, in the order the CLI and the Data page offer them.
IMPORT_KINDS: tuple[str, ...] = ("ledger", "activity", "benchmark", "population", "socio-index", "pl-index",
                                 "savings")

#: Ledger amount kinds: actuals, the original and the corrected budget.
AMOUNT_KINDS: tuple[str, ...] = ("actual", "budget_original", "budget_corrected")

#: Provider types of an activity row; 'ukendt' when the export does not say.
PROVIDER_TYPES: tuple[str, ...] = ("egen", "anden_kommune", "region", "privat", "ukendt")

#: Savings-plan rows: the target, an initiative's expected and its realised effect, and its cost (an investment
#: such as training or transport, which counts against its effect).
SAVINGS_KINDS: tuple[str, ...] = ("target", "expected", "realised", "cost")
#: The initiative id of an expected effect not yet assigned to an initiative (a 'forventet' row without one).
UNASSIGNED_INITIATIVE = ""
#: The segment an initiative works on (savings file column ``segment``, written '<word>: <value>', e.g.
#: 'tilbudstype: Botilbud'): the file's word -> the segment dimension stored in segment_person_year.
SAVINGS_SEGMENT_DIMENSIONS: dict[str, str] = {
    "funktion": "function_code", "paragraf": "paragraph", "tilbudstype": "offer_type", "ydelse": "measure",
    "leverandoer": "provider", "leverandoertype": "provider_type", "aldersgruppe": "age_group", "niveau": "level"}

#: Population age groups as stored; 'total' = all inhabitants.
AGE_GROUPS: tuple[str, ...] = ("0-17", "18-64", "65+", "total")
ALL_AGES = "total"
#: Citizens' age groups as a segment of activity: the age reached in the calendar year (year - birth year);
#: 'ukendt' when the birth year is not known. Written out in queries/build/activity_month.sql.
AGE_SEGMENTS: tuple[str, ...] = ("0-17", "18-22", "23-64", "65+", "ukendt")
#: The narrower cuts (young people 15-17 in residential care, under 25 in STU), by the same rule; with the
#: ages around them they are a segment split of their own (AGE_CUT_SEGMENTS, queries/build/macros.sql age_cut).
AGE_CUTS: tuple[str, ...] = ("15-17", "18-24")
AGE_CUT_SEGMENTS: tuple[str, ...] = ("0-14", "15-17", "18-24", "25-64", "65+", "ukendt")
#: The age filter's choices (besides all ages): the groups, then the cuts.
AGE_FILTERS: tuple[str, ...] = (*AGE_SEGMENTS[:-1], *AGE_CUTS, "ukendt")


def age_span(group: str) -> tuple[int, int | None]:
    """First and last age of an age group ('15-17' -> (15, 17), '65+' -> (65, None))."""
    if group.endswith("+"):
        return int(group[:-1]), None
    lo, hi = group.split("-")
    return int(lo), int(hi)


def _bands() -> tuple[str, ...]:
    cuts = sorted({age_span(g)[0] for g in (*AGE_SEGMENTS, *AGE_CUT_SEGMENTS) if g != "ukendt"})
    return (*(f"{lo}-{hi - 1}" for lo, hi in zip(cuts, cuts[1:])), f"{cuts[-1]}+", "ukendt")


#: The finest split every age group and cut is a union of: the segment tables are kept per band, so a filter
#: reads the bands of its group (queries/build/macros.sql age_band).
AGE_BANDS: tuple[str, ...] = _bands()


def age_bands(group: str | None) -> list[str]:
    """The bands (AGE_BANDS) an age filter reads: all of them for None (all ages), 'ukendt' alone for
    'ukendt', else those whose ages lie inside the group's."""
    if group is None:
        return list(AGE_BANDS)
    if group == "ukendt":
        return ["ukendt"]
    lo, hi = age_span(group)
    spans = {b: age_span(b) for b in AGE_BANDS[:-1]}
    return [b for b, (b_lo, b_hi) in spans.items() if b_lo >= lo and (hi is None or (b_hi is not None and b_hi <= hi))]
#: The population an area's spending is divided by, per main function: children 0-17, adults 18-64.
TARGET_AGE_GROUPS: dict[str, str] = {"5.28": "0-17", "5.38": "18-64"}
#: The children's and the adults' area (main functions): a transition to adulthood goes from the one to the other.
CHILDREN_AREA = "5.28"
ADULTS_AREA = "5.38"
ADULT_AGE = 18

#: The basis of net expenditure, in the order the sidebar offers them (the default first): after state refunds
#: (operations, dranst 1, plus the state's refunds for very expensive cases, dranst 2) or before (dranst 1).
REFUND_BASES: dict[str, tuple[int, ...]] = {"efter": (1, 2), "foer": (1,)}
DEFAULT_REFUND_BASIS = "efter"

# What the audit log records (issue 22): a sign-in, a refused sign-in (no role), a sign-out, an import, an
# import that replaced data, an edit (saved views, annotations), an export (a file downloaded or a deck
# built), and every opening of a citizen-level view.
AUDIT_KINDS: tuple[str, ...] = ("sign_in", "sign_in_refused", "sign_out", "import", "replace", "edit", "export",
                                "citizen_view")

#: Decomposition methods in the order the page offers them (the default first).
DECOMPOSITION_METHODS: tuple[str, ...] = ("lmdi", "shapley", "pvm", "laspeyres")


@dataclass(frozen=True)
class NeedLevel:
    code: str            # '0'..'4' or 'ikke_vurderet'
    ordinal: int         # display order
    name: dict[str, str]     # language -> full name ('Svært nedsat funktionsevne')
    short: dict[str, str]    # language -> short name ('3 Svært')


def _need_levels() -> tuple[NeedLevel, ...]:
    with (settings.REFERENCE_DIR / "need_levels.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(NeedLevel(r["level_code"], int(r["ordinal"]), {"da": r["label_da"], "en": r["label_en"]},
                           {"da": r["short_da"], "en": r["short_en"]})
                 for r in sorted(rows, key=lambda r: int(r["ordinal"])))


#: The FFB levels of need (funktionsevneniveau) in their order, 'ikke vurderet' last.
NEED_LEVELS: tuple[NeedLevel, ...] = _need_levels()
NOT_ASSESSED = "ikke_vurderet"
#: The level codes a file may state (an empty cell means not assessed).
LEVEL_CODES: tuple[str, ...] = tuple(level.code for level in NEED_LEVELS if level.code != NOT_ASSESSED)
LEVEL_ORDER: dict[str, int] = {level.code: level.ordinal for level in NEED_LEVELS}


def target_age_group(functions: list[str]) -> str:
    """The population age group of an area: '0-17' when every function is 5.28.xx, '18-64' when every
    function is 5.38.xx, else 'total' (all inhabitants)."""
    mains = {f[:4] for f in functions}
    if len(mains) == 1:
        return TARGET_AGE_GROUPS.get(next(iter(mains)), ALL_AGES)
    return ALL_AGES
