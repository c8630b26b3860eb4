"""The demo municipality's model: constants and rule tables (kinds of measures, providers, targets, real
national figures, the savings plan), the scale and result containers, and the small date and calibration
helpers every stage uses. See the package docstring (synth/__init__.py) for the story and how the data hang
together."""

from __future__ import annotations

from ingest.values.cpr import birth_year_from_cpr  # noqa: F401  (the product's rule; synth writes by it)

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import polars as pl

import settings

# --------------------------------------------------------------------------------------------------
# constants
# --------------------------------------------------------------------------------------------------

REPO_ROOT = settings.REPO_DIR
REFERENCE_DIR = settings.REFERENCE_DIR
REAL_BENCHMARK_FILE = "regk31_53845_pr_indbygger_2022_2024.csv"
REAL_BENCHMARK_CANDIDATES = (REFERENCE_DIR / REAL_BENCHMARK_FILE,)

KOMMUNEKODE = 999
KOMMUNE_NAME = "Eksempelby"
KOMMUNE_FULL_NAME = "Eksempelby Kommune"
BASE_YEAR = 2019  # anchor of per-inhabitant targets, tariff index and PL index (=100)
BASE_CITIZENS = 1_500  # size unit of Scale.citizens (factor 1 = the demo municipality)
BASE_POPULATION = 50_000  # Eksempelby's inhabitants in 2019 at factor 1
POPULATION_GROWTH = 0.004
PL_SOURCE = "Demo-serie (ikke KL's officielle tal)"

FILE_LEDGER = "ledger_eksempelby.csv"
FILE_ACTIVITY_CHILDREN = "aktivitet_boern_eksempelby.xlsx"
FILE_ACTIVITY_ADULTS = "aktivitet_voksne_eksempelby.csv"
FILE_BENCHMARK = "benchmark_kommuner.csv"
FILE_BENCHMARK_REAL = "benchmark_53845_real.csv"
FILE_POPULATION = "befolkning.csv"
FILE_SOCIO = "socioindeks.csv"
FILE_PL = "pl_indeks.csv"
FILE_SAVINGS = "besparelser.csv"
ACTIVITY_FILES = {"boern": FILE_ACTIVITY_CHILDREN, "voksne": FILE_ACTIVITY_ADULTS}

AMOUNT_KIND_LABEL = {
    "actual": "Regnskab",
    "budget_original": "Oprindeligt budget",
    "budget_corrected": "Korrigeret budget",
}
PROVIDER_TYPES = ("egen", "anden_kommune", "region", "privat")
PROVIDER_TYPE_LABEL = {
    "egen": "Egen kommune",
    "anden_kommune": "Anden kommune",
    "region": "Region",
    "privat": "Privat",
}
PROVIDER_TYPE_MULT = np.array([0.92, 1.0, 1.12, 1.05])  # tariff factor by provider type
UNIT_LABEL = {"dag": "Dag", "uge": "Uge", "maaned": "Måned", "aar": "År", "time": "Time"}
UNIT_DAYS = {"dag": 1.0, "uge": 7.0, "maaned": 365.0 / 12.0, "aar": 365.0}

LEVEL_MULT = np.array([0.55, 0.75, 1.0, 1.3, 1.75])  # tariff factor by need level
LEVEL_DRIFT = 0.02  # per year: later cohorts are heavier (log weight per level step)
REASSESS_UP = 0.05  # chance per year that a measure's level is raised by one (also before 2019)
# "Ikke vurderet": share of measures without an assessed level (forsorgshjem rarely use VUM; preventive
# measures for children are often not assessed); the rest of the adults' and children's measures
UNASSESSED_SHARE = {"s110": 0.60, "familiebeh": 0.12, "dagbeh": 0.12, "aflastning": 0.12, "kontaktperson": 0.12,
                    "voksne": 0.0, "boern": 0.04}
TARIFF_NOISE = 0.12  # individual tariff factor, lognormal sigma
HOURS_NOISE = 0.15
# Activity cost / ledger net actuals on the same functions (with 1 % noise per function and year).
COVERAGE_TARGET, COVERAGE_MIN, COVERAGE_MAX, COVERAGE_NOISE = 0.875, 0.80, 0.94, 0.01
SEASON = np.array([0.97, 0.96, 1.00, 1.00, 0.99, 0.99, 0.84, 0.97, 1.01, 1.01, 1.03, 1.23])

# Net expenditure per inhabitant in 2019 (kr.) per function, and the yearly growth of the functions
# without case-system activity (None: the ledger follows the activity). 5.28.21 and 5.28.22 are the real
# national figures of 2019 (REGK31) x 1.04 (Eksempelby's socio-economic index 104); 5.38.45 is the real
# 2022 figure taken back at 3 %/year; the rest are estimates (see README_TEXT).
FUNCTION_TARGETS: dict[str, tuple[float, float | None]] = {
    "5.38.50": (1400.0, None),
    "5.38.52": (600.0, None),
    "5.38.42": (180.0, None),
    "5.38.38": (1100.0, None),
    "5.38.58": (280.0, None),
    "5.38.59": (600.0, None),
    "5.38.35": (60.0, 0.03),
    "5.38.45": (160.0, 0.035),
    "5.38.53": (100.0, 0.03),
    "5.38.44": (60.0, 0.02),
    "5.28.20": (420.0, None),
    "5.28.21": (1068.0, None),
    "5.28.22": (702.0, None),
    "5.28.23": (340.0, None),
    "5.28.24": (70.0, 0.04),
    "5.28.25": (130.0, 0.035),
    "3.30.46": (250.0, None),
}


@dataclass(frozen=True)
class Kind:
    key: str
    system: str  # "voksne" | "boern": the case system (and export) that records the measure
    group: str  # res | s85 | day | stu | plc | aft | prev  (for citizen linking and ages)
    function: str
    paragraph: str
    paragraph_bl: str | None  # children: Barnets Lov code for measures starting from 2024-01-01
    measure: str
    offer_type: str
    units: tuple[tuple[str, float], ...]
    base: float  # daily tariff 2019, level 2, provider factor 1 (hourly rate for unit "time")
    hours: tuple[float, ...] | None  # hours per week by level 0..4 (unit "time")
    duration_years: float  # mean duration of a measure
    share: float  # share of the function's 2019 activity money
    volume_growth: float  # yearly growth of full-year persons
    real_growth: float  # yearly tariff growth above the PL index
    provider_probs: tuple[float, float, float, float]  # egen, anden_kommune, region, privat
    cap_daily: float  # ordinary tariffs are capped (2019 prices; heavy cases are not)
    levels: tuple[float, float, float, float, float]  # need levels 0..4 of new measures in 2019
    age: tuple[float, float]  # age range at the start of a citizen's first measure of this kind
    fixed_duration: bool = False  # durations about duration_years (a programme), not exponential
    max_years: float | None = None  # longest duration (after-care ends by 22)


KINDS: tuple[Kind, ...] = (
    Kind("s108", "voksne", "res", "5.38.50", "SEL § 108", None, "Længerevarende botilbud", "Botilbud",
         (("dag", 0.95), ("maaned", 0.05)), 2500.0, None, 9.0, 1.0, 0.03, 0.008, (0.35, 0.25, 0.15, 0.25),
         4400.0, (0.0, 0.12, 0.32, 0.38, 0.18), (20.0, 60.0)),
    Kind("s107", "voksne", "res", "5.38.52", "SEL § 107", None, "Midlertidigt botilbud", "Botilbud",
         (("dag", 1.0),), 1900.0, None, 1.8, 1.0, 0.04, 0.008, (0.30, 0.25, 0.10, 0.35), 4400.0,
         (0.0, 0.18, 0.40, 0.30, 0.12), (18.0, 40.0)),
    Kind("s110", "voksne", "res", "5.38.42", "SEL § 110", None, "Ophold på forsorgshjem", "Forsorgshjem",
         (("dag", 1.0),), 1150.0, None, 0.6, 1.0, 0.005, 0.005, (0.50, 0.30, 0.0, 0.20), 2600.0,
         (0.10, 0.35, 0.35, 0.15, 0.05), (20.0, 65.0)),
    Kind("s85", "voksne", "s85", "5.38.38", "SEL § 85", None, "Socialpædagogisk støtte", "Støtte i eget hjem",
         (("time", 1.0),), 560.0, (2.0, 3.0, 5.0, 8.0, 12.0), 2.5, 1.0, 0.01, 0.003, (0.60, 0.10, 0.0, 0.30),
         1400.0, (0.08, 0.32, 0.38, 0.17, 0.05), (18.0, 65.0)),
    Kind("s103", "voksne", "day", "5.38.58", "SEL § 103", None, "Beskyttet beskæftigelse", "Beskæftigelsestilbud",
         (("maaned", 0.8), ("dag", 0.2)), 420.0, None, 6.0, 1.0, 0.003, 0.003, (0.60, 0.20, 0.10, 0.10), 900.0,
         (0.05, 0.25, 0.40, 0.22, 0.08), (18.0, 60.0)),
    Kind("s104", "voksne", "day", "5.38.59", "SEL § 104", None, "Aktivitets- og samværstilbud", "Dagtilbud",
         (("uge", 0.6), ("maaned", 0.35), ("aar", 0.05)), 650.0, None, 5.0, 1.0, 0.003, 0.003,
         (0.55, 0.20, 0.10, 0.15), 1200.0, (0.04, 0.20, 0.40, 0.26, 0.10), (18.0, 65.0)),
    Kind("stu", "voksne", "stu", "3.30.46", "STU-loven § 1", None, "Særligt tilrettelagt ungdomsuddannelse (STU)",
         "Uddannelsestilbud", (("maaned", 0.7), ("aar", 0.3)), 800.0, None, 2.8, 1.0, 0.01, 0.003,
         (0.40, 0.30, 0.0, 0.30), 1500.0, (0.05, 0.30, 0.40, 0.20, 0.05), (17.0, 20.5), fixed_duration=True),
    Kind("opholdssted", "boern", "plc", "5.28.20", "SEL § 52 stk. 3 nr. 7", "BL § 46", "Anbringelse på opholdssted",
         "Opholdssted", (("dag", 1.0),), 3600.0, None, 2.2, 0.85, 0.01, 0.01, (0.0, 0.05, 0.0, 0.95), 6500.0,
         (0.05, 0.20, 0.40, 0.25, 0.10), (11.0, 17.0), max_years=8.0),
    Kind("efterv", "boern", "aft", "5.28.20", "SEL § 76", "BL § 114", "Efterværn - døgnophold (18-22 år)",
         "Opholdssted", (("dag", 1.0),), 2900.0, None, 1.5, 0.15, 0.02, 0.01, (0.0, 0.05, 0.0, 0.95), 6500.0,
         (0.05, 0.25, 0.40, 0.22, 0.08), (18.0, 18.4), max_years=4.0),
    Kind("plejefamilie", "boern", "plc", "5.28.22", "SEL § 52 stk. 3 nr. 7", "BL § 46", "Anbringelse i plejefamilie",
         "Plejefamilie", (("maaned", 0.85), ("dag", 0.15)), 1250.0, None, 4.0, 1.0, -0.01, 0.0,
         (0.50, 0.0, 0.0, 0.50), 4000.0, (0.10, 0.30, 0.40, 0.15, 0.05), (1.0, 14.0), max_years=8.0),
    Kind("doegninst", "boern", "plc", "5.28.23", "SEL § 52 stk. 3 nr. 7", "BL § 46", "Anbringelse på døgninstitution",
         "Døgninstitution", (("dag", 1.0),), 4200.0, None, 1.5, 1.0, 0.005, 0.01, (0.30, 0.30, 0.30, 0.10),
         7000.0, (0.03, 0.15, 0.40, 0.28, 0.14), (12.0, 17.0), max_years=8.0),
    Kind("familiebeh", "boern", "prev", "5.28.21", "SEL § 52 stk. 3 nr. 2", "BL § 32", "Familiebehandling",
         "Ambulant tilbud", (("maaned", 0.7), ("uge", 0.3)), 600.0, None, 1.3, 0.45, 0.015, 0.003,
         (0.50, 0.0, 0.0, 0.50), 2500.0, (0.15, 0.35, 0.35, 0.12, 0.03), (1.0, 15.0), max_years=8.0),
    Kind("dagbeh", "boern", "prev", "5.28.21", "SEL § 52 stk. 3 nr. 3", "BL § 32", "Dagbehandling", "Dagbehandling",
         (("maaned", 1.0),), 1200.0, None, 1.5, 0.20, 0.015, 0.003, (0.50, 0.0, 0.0, 0.50), 2500.0,
         (0.08, 0.25, 0.40, 0.20, 0.07), (6.0, 14.0), max_years=8.0),
    Kind("aflastning", "boern", "prev", "5.28.21", "SEL § 52 stk. 3 nr. 5", "BL § 32", "Aflastning", "Aflastning",
         (("uge", 0.6), ("dag", 0.4)), 550.0, None, 2.0, 0.20, 0.015, 0.003, (0.40, 0.20, 0.0, 0.40), 2500.0,
         (0.05, 0.20, 0.40, 0.25, 0.10), (4.0, 15.0), max_years=8.0),
    Kind("kontaktperson", "boern", "prev", "5.28.21", "SEL § 52 stk. 3 nr. 6", "BL § 32", "Kontaktperson",
         "Kontaktperson", (("time", 1.0),), 450.0, (2.0, 3.0, 5.0, 7.0, 9.0), 1.5, 0.15, 0.015, 0.003,
         (0.60, 0.0, 0.0, 0.40), 2500.0, (0.15, 0.35, 0.35, 0.12, 0.03), (12.0, 17.0), max_years=8.0),
)
KIND_INDEX = {k.key: i for i, k in enumerate(KINDS)}
PLACEMENT_WITHOUT_CONSENT = ("SEL § 58", "BL § 47", 0.12)

# Fictive providers: (name, type, kinds served).
PROVIDERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Bostedet Åbakken", "egen", ("s108", "s107")),
    ("Botilbuddet Lindegården", "egen", ("s108",)),
    ("Bofællesskabet Møllevej", "egen", ("s108", "s107")),
    ("Herberget Ly", "egen", ("s110",)),
    ("Bostøtteteamet Eksempelby", "egen", ("s85",)),
    ("Støttecentret Midtby", "egen", ("s85",)),
    ("Værkstedet Havnen", "egen", ("s103",)),
    ("Aktivitetshuset Kilden", "egen", ("s104", "s103")),
    ("STU Eksempelby", "egen", ("stu",)),
    ("Familiehuset Eksempelby", "egen", ("familiebeh", "dagbeh")),
    ("Aflastningshuset Skovbrynet", "egen", ("aflastning",)),
    ("Ungeteamet Fyrtårnet", "egen", ("kontaktperson",)),
    ("Familieplejen Eksempelby", "egen", ("plejefamilie",)),
    ("Børne- og ungehjemmet Solgården", "egen", ("doegninst",)),
    ("Botilbuddet Egelund, Nabokøbing Kommune", "anden_kommune", ("s108", "s107")),
    ("Bo- og naboskab Vesterå, Vesterå Kommune", "anden_kommune", ("s108",)),
    ("Forsorgshjemmet Havnely, Sødal Kommune", "anden_kommune", ("s110",)),
    ("Botilbuddet Birkely, Sødal Kommune", "anden_kommune", ("s107", "s108")),
    ("Dagcentret Nordlys, Nabokøbing Kommune", "anden_kommune", ("s104", "s103")),
    ("Beskyttet værksted Smedien, Vesterå Kommune", "anden_kommune", ("s103",)),
    ("Bostøtten Østerby, Østerby Kommune", "anden_kommune", ("s85",)),
    ("STU-Centret Nabokøbing, Nabokøbing Kommune", "anden_kommune", ("stu",)),
    ("Døgninstitutionen Lærkereden, Lundhøj Kommune", "anden_kommune", ("doegninst",)),
    ("Aflastningscentret Bakketoppen, Lundhøj Kommune", "anden_kommune", ("aflastning",)),
    ("Opholdsstedet Kompasset, Nabokøbing Kommune", "anden_kommune", ("opholdssted", "efterv")),
    ("Kastanjehaven, regionalt specialbotilbud", "region", ("s108", "s107")),
    ("Bo- og behandlingsstedet Fjordly, regionalt tilbud", "region", ("s108", "s107")),
    ("Specialområde Autisme, regionalt tilbud", "region", ("s108", "s104")),
    ("Børnehuset Stjernen, regionalt tilbud", "region", ("doegninst",)),
    ("Værkstedet Regionsgården, regionalt tilbud", "region", ("s103",)),
    ("Opholdsstedet Solstrålen ApS", "privat", ("opholdssted", "efterv")),
    ("Opholdsstedet Havblik ApS", "privat", ("opholdssted", "efterv")),
    ("Opholdsstedet Skovhuset", "privat", ("opholdssted", "efterv")),
    ("Opholdsstedet Vejen Frem ApS", "privat", ("opholdssted", "efterv")),
    ("Bofællesskabet Lyngbakken ApS", "privat", ("s108", "s107")),
    ("Botilbuddet Nye Veje ApS", "privat", ("s108", "s107")),
    ("Socialpædagogisk Støtte Nord ApS", "privat", ("s85",)),
    ("Mentorhuset ApS", "privat", ("s85", "kontaktperson")),
    ("Lærlingehuset STU ApS", "privat", ("stu",)),
    ("Kompas Familiebehandling ApS", "privat", ("familiebeh", "dagbeh")),
    ("Plejefamilieforeningen Trygt Hjem", "privat", ("plejefamilie",)),
    ("Familieplejeformidleren Rødder ApS", "privat", ("plejefamilie",)),
    ("Herberget Fristedet (selvejende)", "privat", ("s110",)),
    ("Aktivitetstilbuddet Grønne Hænder ApS", "privat", ("s104", "s103")),
    ("Aflastningsfamilierne ApS", "privat", ("aflastning",)),
    ("Døgntilbuddet Bakkehuset (selvejende)", "privat", ("doegninst",)),
)
# Providers that charge far above the median for the same level (tariff factor); every other provider's
# factor is about 1 (lognormal, sigma 0.05).
EXPENSIVE_PROVIDERS = {
    "Botilbuddet Nye Veje ApS": 1.55,
    "Bo- og behandlingsstedet Fjordly, regionalt tilbud": 1.45,
    "Opholdsstedet Havblik ApS": 1.6,
    "Opholdsstedet Vejen Frem ApS": 1.45,
    "Døgntilbuddet Bakkehuset (selvejende)": 1.5,
}

# Heavy single cases (special 1:1 offers): kind, start, end (None = ongoing), daily tariff in 2019 prices,
# provider. With tariffs rising about 4 %/year they cost 2.3-4.8 mio. kr. a year through 2028.
HEAVY_CASES = (
    ("s108", "2012-05-01", None, 7200.0, "Specialområde Autisme, regionalt tilbud"),
    ("s108", "2016-09-01", None, 9000.0, "Botilbuddet Nye Veje ApS"),
    ("doegninst", "2018-02-01", "2021-06-30", 8200.0, "Børnehuset Stjernen, regionalt tilbud"),
    ("s108", "2021-03-01", None, 6500.0, "Kastanjehaven, regionalt specialbotilbud"),
    ("opholdssted", "2023-02-01", None, 7800.0, "Opholdsstedet Havblik ApS"),
    ("s107", "2024-04-01", None, 6200.0, "Bo- og behandlingsstedet Fjordly, regionalt tilbud"),
)

_PLACEMENTS = ("opholdssted", "plejefamilie", "doegninst")
_PREVENTIVE = ("familiebeh", "dagbeh", "aflastning", "kontaktperson")
# Citizen linking rules, applied in this order (a measure gets one predecessor at most). Chains: (source
# kinds, target kinds, probability for a target, max gap in days); the target starts after the source
# ended. Concurrent: (source kinds, target kinds, probability); the target starts while the source runs.
CHAIN_RULES = (
    (_PLACEMENTS, ("efterv",), 0.95, 30),  # after-care: the placement continues after the 18th birthday
    (_PLACEMENTS + ("efterv",), ("stu",), 0.35, 120),  # from a placement to STU
    (_PLACEMENTS + ("efterv",), ("s107",), 0.10, 120),  # from a placement to an adult residential offer
    (_PLACEMENTS + ("efterv",), ("s85",), 0.05, 120),  # ... or to support in one's own home
    (("s107",), ("s108",), 0.80, 150),
    (("s107", "s110"), ("s107",), 0.35, 240),
    (("s110",), ("s110",), 0.60, 365),
    (("s85",), ("s85",), 0.70, 240),
    (("s85",), ("s107", "s108"), 0.30, 240),
    (("stu",), ("s85", "s104", "s103"), 0.30, 120),
    (_PREVENTIVE, _PLACEMENTS, 0.55, 240),
    (_PREVENTIVE, _PREVENTIVE, 0.60, 365),
    (_PLACEMENTS, _PLACEMENTS, 0.45, 60),
    (("s103", "s104"), ("s103", "s104"), 0.50, 180),
)
CONCURRENT_RULES = (
    (("s108", "s107", "s85"), ("s103", "s104"), 0.85),
    (("stu",), ("s107",), 0.30),
    (("familiebeh", "dagbeh", "aflastning"), ("kontaktperson",), 0.6),
)
FAMILY_WINDOW_DAYS = 45  # children whose first (preventive) measures start this close may be siblings
FAMILY_PROBS = (0.30, 0.10)  # chance that the next child joins a family of 1 / of 2

# Ledger: non-activity cost shares by kind (admin, back payments, small items, transfers to persons)
NONACT_KINDS = (
    # key, art, grouping, text, share
    ("admin", "1.0", "005", "Løn, sagsbehandling og administration", 0.45),
    ("efterreg", "4.7", "005", "Efterregulering af takster", 0.20),
    ("smaa", "2.9", "005", "Diverse småanskaffelser", 0.20),
    ("transfer", "5.2", "005", "Økonomisk støtte til borgere", 0.15),
)
TRANSFER_FUNCTIONS = {"5.38.38", "5.28.21", "5.38.53"}
USER_PAYMENT_FUNCTIONS = {"5.38.50": 0.05, "5.38.52": 0.04, "5.38.42": 0.03}  # share of net, art 7.2
# Functions without case-system activity: purchases by provider type + non-activity shares
NONACTIVITY_FUNCTION_MIX = {
    "5.38.35": {"egen": 0.6, "anden_kommune": 0.1, "region": 0.0, "privat": 0.0},
    "5.38.44": {"egen": 0.0, "anden_kommune": 0.2, "region": 0.3, "privat": 0.4},
    "5.38.45": {"egen": 0.4, "anden_kommune": 0.1, "region": 0.1, "privat": 0.3},
    "5.38.53": {"egen": 0.5, "anden_kommune": 0.1, "region": 0.0, "privat": 0.3},
    "5.28.24": {"egen": 0.0, "anden_kommune": 0.0, "region": 0.9, "privat": 0.0},
    "5.28.25": {"egen": 0.6, "anden_kommune": 0.2, "region": 0.0, "privat": 0.1},
}
NONACTIVITY_OWN_UNIT = {
    "5.38.35": "Rådgivningscentret Eksempelby",
    "5.38.45": "Misbrugscentret Eksempelby",
    "5.38.53": "Ledsageordningen Eksempelby",
    "5.28.25": "Specialklubben Eksempelby",
}
OWN_ART_SPLIT = (("1.0", 0.78, "Løn"), ("2.9", 0.08, "Varekøb og drift"), ("4.0", 0.14, "Tjenesteydelser"))
BUY_ART = {"anden_kommune": ("4.7", "002", "Køb af pladser i andre kommuner"),
           "region": ("4.8", "002", "Køb af pladser i regioner"),
           "privat": ("4.0", "003", "Køb af pladser hos private leverandører")}
GROUPING_OF_PROVIDER_TYPE = {"egen": "001", "anden_kommune": "002", "region": "002", "privat": "003"}

# Approximate population of the 98 municipalities (about 2023, rounded, from general knowledge) used
# only to give the synthetic benchmark realistic sizes. NOT official figures.
APPROX_POPULATION = {
    101: 653000, 147: 104000, 151: 52000, 153: 39000, 155: 14500, 157: 75000, 159: 70000, 161: 24000,
    163: 30000, 165: 28000, 167: 54000, 169: 57000, 173: 57000, 175: 41000, 183: 24000, 185: 44000,
    187: 17000, 190: 41000, 201: 26000, 210: 41000, 217: 64000, 219: 53000, 223: 25000, 230: 57000,
    240: 44000, 250: 46000, 253: 51000, 259: 62000, 260: 31000, 265: 90000, 269: 24000, 270: 41000,
    306: 33000, 316: 73000, 320: 37000, 326: 49000, 329: 36000, 330: 80000, 336: 23000, 340: 31000,
    350: 29000, 360: 41000, 370: 84000, 376: 60000, 390: 46000, 400: 39000, 410: 39000, 420: 41000,
    430: 52000, 440: 24000, 450: 32000, 461: 207000, 479: 59000, 480: 29000, 482: 12000, 492: 6000,
    510: 56000, 530: 27000, 540: 74000, 550: 37000, 561: 116000, 563: 3500, 573: 50000, 575: 43000,
    580: 59000, 607: 52000, 615: 97000, 621: 95000, 630: 121000, 657: 90000, 661: 59000, 665: 19000,
    671: 21000, 706: 43000, 707: 37000, 710: 49000, 727: 23000, 730: 99000, 740: 99000, 741: 3700,
    746: 64000, 751: 362000, 756: 42000, 760: 56000, 766: 47000, 773: 20000, 779: 46000, 787: 43000,
    791: 98000, 810: 37000, 813: 59000, 820: 37000, 825: 1800, 840: 30000, 846: 42000, 849: 38000,
    851: 222000, 860: 64000,
}

# Real national net operating expenditure per inhabitant (REGK31, "Hele landet", I alt (netto), kr. per
# inhabitant, current prices), read from marieleth/marieleth--hvad-bruger-din-kommune-pengene-paa,
# data/2019.csv, data/2022.csv and data/2024.csv at commit 18c5cc18137e41476d2c9e1897c245c5fa910d8e.
REAL_NATIONAL_PER_INHABITANT: dict[str, dict[int, float]] = {
    "5.28.21": {2019: 1027.0, 2022: 1170.0, 2024: 1351.0},
    "5.28.22": {2019: 675.0, 2022: 692.0, 2024: 732.0},
    "5.38.45": {2022: 169.0, 2024: 181.0},
}
REAL_SOURCE = ("REGK31 (Danmarks Statistik) via marieleth/marieleth--hvad-bruger-din-kommune-pengene-paa, "
               "data/2019.csv, data/2022.csv, data/2024.csv @ 18c5cc18137e41476d2c9e1897c245c5fa910d8e")
# National rate of the other functions: Eksempelby's 2019 rate / 1.05 (Eksempelby spends about 5 % more than
# the country), growing by this much a year (estimates: residential offers and placements faster).
NATIONAL_GROWTH_ESTIMATE = {"5.38.50": 0.065, "5.38.52": 0.065, "5.28.20": 0.045, "5.28.23": 0.045}
NATIONAL_GROWTH_DEFAULT = 0.04

# The savings plan: yearly targets (mio. kr. -> kr.) and initiatives with expected and realised effects per
# year 2023..2026 (kr.). Realised: 2023 met, 2024 short by 650,000 kr. (carried over), 2025 met including
# the carry-over, 2026 met; a year gets realised effects only when it is complete.
SAVINGS_TARGETS = {2023: 2_000_000.0, 2024: 3_000_000.0, 2025: 5_000_000.0, 2026: 7_000_000.0}
SAVINGS_INITIATIVES = (
    # id, name, area (function group code), expected 2023..2026, realised 2023..2026
    ("B01", "Hjemtagning af botilbudspladser", "botilbud",
     (600_000, 1_200_000, 2_000_000, 2_600_000), (550_000, 500_000, 2_150_000, 2_700_000)),
    ("B02", "Revisitering af § 85-forløb", "5.38",
     (800_000, 1_000_000, 1_300_000, 1_500_000), (850_000, 900_000, 1_350_000, 1_500_000)),
    ("B03", "Skærpet visitation til midlertidige botilbud (§ 107)", "botilbud",
     (0, 300_000, 600_000, 900_000), (0, 100_000, 650_000, 850_000)),
    ("B04", "Flere plejefamilier frem for opholdssteder", "anbringelser",
     (400_000, 600_000, 800_000, 1_000_000), (450_000, 550_000, 800_000, 1_000_000)),
    ("B05", "Tidlig indsats og familiebehandling i eget regi", "5.28",
     (300_000, 300_000, 450_000, 600_000), (300_000, 300_000, 500_000, 600_000)),
    ("B06", "Genforhandling af takster med private leverandører", "5.38",
     (0, 0, 250_000, 500_000), (0, 0, 300_000, 550_000)),
)

# effects expected but not yet assigned to an initiative (a 'forventet' row without initiative), kr.
SAVINGS_UNASSIGNED = {2026: 200_000.0}
# initiatives' costs (investments counted against their effects; type 'omkostning'), kr.
SAVINGS_COSTS = {("B01", 2026): 150_000.0}

# the segment of the activity data each initiative works on (the savings file's optional column segment)
SAVINGS_SEGMENTS = {"B01": "tilbudstype: Botilbud", "B02": "paragraf: SEL § 85", "B03": "paragraf: SEL § 107",
                    "B04": "tilbudstype: Døgninstitution", "B05": "funktion: 5.28.21",
                    "B06": "leverandoertype: privat"}

# --------------------------------------------------------------------------------------------------
# scale and result containers
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """Size of the generated data.

    citizens: size unit: inhabitants, amounts, full-year persons and activity rows scale with
        ``citizens / 1,500`` (1,500 = the demo municipality of 50,000 inhabitants, with about 2,500
        distinct citizens in the activity data over 2019-2026; 36,000 -> about 1 million activity rows over
        10 years at 4 price lines a year).
    cost_centres: number of distinct cost centres (Omkostningssted) in the ledger; the ledger has about
        ``3.9 x cost_centres`` account lines, each with monthly actuals and two monthly budgets, i.e.
        roughly ``3.9 x cost_centres x months x 3`` rows once cost_centres >> 40.
    years: number of years ending with until_year; None = 2019..until_year.
    price_lines_per_year: activity rows per measure and year (1 = tariff regulation on 1 January;
        2, 3, 4, 6 or 12 split the year into equal parts).
    population: Eksempelby's inhabitants in 2019; None = 50,000 x citizens / 1,500.
    """

    citizens: int = BASE_CITIZENS
    cost_centres: int = 40
    years: int | None = None
    price_lines_per_year: int = 1
    population: int | None = None

    @property
    def factor(self) -> float:
        return self.citizens / BASE_CITIZENS

    @property
    def population_2019(self) -> int:
        return self.population if self.population is not None else int(round(BASE_POPULATION * self.factor))


DEMO = Scale()
# Benchmark preset: about 20 million ledger rows over 10 years, about 1 million activity rows.
LARGE = Scale(citizens=36_000, cost_centres=14_300, years=10, price_lines_per_year=4)


@dataclass
class SynthData:
    seed: int
    until_year: int
    as_of: dt.date
    years: list[int]
    scale: Scale
    ledger: pl.DataFrame  # year, month, account, art, amount_kind, cost_centre, text, amount_ore, function, dranst
    activity: pl.DataFrame  # one row per price line, typed (dates as Date, tariff float); system = export
    benchmark: pl.DataFrame  # area_name, function_label, year, value (Int64, null = missing)
    population: pl.DataFrame  # area_name, age_label, year, persons
    socio_index: pl.DataFrame  # kommunekode, year, index
    pl_index: pl.DataFrame  # year, index, source
    savings: pl.DataFrame  # year, initiative_id, initiative, area, kind, amount
    info: dict = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------------

_EPOCH = np.datetime64("1970-01-01", "D")
_YEAR_DAYS = 365.25


def _day(d: dt.date | str) -> int:
    return int((np.datetime64(d, "D") - _EPOCH).astype(np.int64))


def _month_index(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 for day numbers."""
    return (days.astype("datetime64[D]").astype("datetime64[M]")).astype(np.int64)


def _month_start(month_idx: np.ndarray) -> np.ndarray:
    return np.asarray(month_idx, dtype=np.int64).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _year_of(days: np.ndarray) -> np.ndarray:
    return _month_index(np.asarray(days, dtype=np.int64)) // 12 + 1970


def _stochastic_round(rng: np.random.Generator, x: np.ndarray) -> np.ndarray:
    x = np.maximum(np.asarray(x, dtype=float), 0.0)
    return np.floor(x + rng.random(x.shape)).astype(np.int64)


def _load_reference() -> tuple[pl.DataFrame, pl.DataFrame]:
    functions = pl.read_csv(REFERENCE_DIR / "kontoplan_functions.csv", infer_schema=False)
    munis = pl.read_csv(REFERENCE_DIR / "municipalities.csv", infer_schema=False).with_columns(
        pl.col("kommunekode").cast(pl.Int64)
    )
    return functions, munis


def resolve_as_of(until_year: int, today: dt.date | None = None) -> dt.date:
    """Extraction date: today for the current (or a future) year, else 1 January after until_year."""
    today = today or dt.date.today()
    if until_year >= today.year:
        return today
    return dt.date(until_year + 1, 1, 1)


def completed_months(year: int, as_of: dt.date) -> int:
    """Number of months of ``year`` with actuals (months that ended before as_of)."""
    if year < as_of.year:
        return 12
    if year == as_of.year:
        return as_of.month - 1
    return 0


def function_target_kr(function: str, years: np.ndarray, population_2019: float) -> np.ndarray:
    """Net expenditure target of a function (kr.): 2019 rate per inhabitant x inhabitants in 2019, grown by
    the function's own growth (functions without activity) or flat (the activity decides the rest)."""
    rate, growth = FUNCTION_TARGETS[function]
    y = np.asarray(years, dtype=float) - BASE_YEAR
    return rate * population_2019 * (1 + (growth or 0.0)) ** y


def _level_probs(kind: Kind, year: np.ndarray) -> np.ndarray:
    """Need-level distribution (rows: years, cols: level 0..4) of measures of ``kind`` starting in ``year``:
    the kind's 2019 weights tilted towards heavier levels by LEVEL_DRIFT per year."""
    y = np.asarray(year, dtype=float)[:, None] - BASE_YEAR
    w = np.array(kind.levels)[None, :] * np.exp(LEVEL_DRIFT * y * (np.arange(5)[None, :] - 2))
    return w / w.sum(axis=1, keepdims=True)


def _bump_matrix(p: float) -> np.ndarray:
    """Transition of the level distribution over one year of re-assessment (raised by one with chance p)."""
    m = np.eye(5) * (1 - p)
    for lv in range(5):
        m[lv, min(lv + 1, 4)] += p
    return m


def _level_factor(kind: Kind) -> np.ndarray:
    """Tariff factor by level 0..4 relative to ``kind.base`` (hourly kinds: hours per week x rate / 7)."""
    if kind.hours is None:
        return LEVEL_MULT
    lv = np.arange(5)
    return (1 + 0.05 * (lv - 2)) * np.array(kind.hours) * math.exp(HOURS_NOISE**2 / 2) / 7.0


def _stock_ages(kind: Kind, n: int = 400) -> np.ndarray:
    """Quantiles of the age (years since start) of the measures in a stationary stock."""
    u = (np.arange(n) + 0.5) / n
    if kind.fixed_duration:
        return u * kind.duration_years
    age = -kind.duration_years * np.log1p(-u)
    return np.minimum(age, kind.max_years or 40.0)


def expected_daily_2019(kind: Kind, provider_mult: float) -> float:
    """Expected daily tariff (kr., 2019) of the stock of ``kind`` on 1 January 2019: base x E[level factor]
    x E[provider factor]. The stock's levels are those of its start years (LEVEL_DRIFT) raised by the
    re-assessments of the years since (REASSESS_UP per year)."""
    ages = _stock_ages(kind)
    probs = _level_probs(kind, BASE_YEAR - ages)
    bump = _bump_matrix(REASSESS_UP)
    powers = [np.eye(5)]
    for _ in range(int(ages.max()) + 1):
        powers.append(powers[-1] @ bump)
    dist = np.stack([probs[i] @ powers[int(a)] for i, a in enumerate(ages)])
    return float(kind.base * (dist @ _level_factor(kind)).mean() * provider_mult)


def _pl_at(pl_full: dict[int, float], t: np.ndarray) -> np.ndarray:
    """PL index (2019 = 1) at fractional years t, log-linear within a year."""
    t = np.asarray(t, dtype=float)
    years = np.array(sorted(pl_full))
    vals = np.log(np.array([pl_full[y] for y in years]) / pl_full[BASE_YEAR])
    y0 = np.clip(np.floor(t).astype(np.int64), years[0], years[-1] - 1)
    i0 = y0 - years[0]
    frac = np.clip(t - y0, 0.0, 1.0)
    return np.exp(vals[i0] + (vals[i0 + 1] - vals[i0]) * frac)


def tariff_index(pl_full: dict[int, float], real_growth: np.ndarray | float, t: np.ndarray) -> np.ndarray:
    """Tariff index (2019 = 1) at fractional years t: PL(t) / PL(2019) x (1 + real growth)^(t - 2019)."""
    t = np.asarray(t, dtype=float)
    return _pl_at(pl_full, t) * (1 + np.asarray(real_growth, dtype=float)) ** (t - BASE_YEAR)


def _add_years(days: np.ndarray, years: int) -> np.ndarray:
    """The same calendar day ``years`` later (29 February -> 28 February)."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970 + years
    month = (d.astype("datetime64[M]") - d.astype("datetime64[Y]")).astype(np.int64) + 1
    dom = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    dom = np.where((month == 2) & (dom == 29) & ~leap, 28, dom)
    out = pl.select(pl.date(pl.Series(y), pl.Series(month), pl.Series(dom))).to_series()
    return (out.to_numpy().astype("datetime64[D]") - _EPOCH).astype(np.int64)


def cpr_century_digit(birth_year: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A 7th CPR digit that gives ``birth_year`` by the standard century rule: 0-3 -> 1900-1999; 4 and 9 ->
    2000-2036 (00-36) or 1937-1999 (37-99); 5-8 -> 2000-2057 (00-57) or 1858-1899 (58-99)."""
    y = np.asarray(birth_year, dtype=np.int64)
    if ((y < 1900) | (y > 2036)).any():
        raise ValueError("birth years must lie in 1900-2036")
    yy = y % 100
    u = rng.random(y.size)
    old = np.where((yy >= 37) & (u < 0.1), np.where(u < 0.05, 4, 9), rng.integers(0, 4, y.size))
    new = np.array([4, 5, 6, 7, 8, 9])[rng.integers(0, 6, y.size)]
    return np.where(y < 2000, old, new)
