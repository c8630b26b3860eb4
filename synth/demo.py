"""Seeded synthetic demo data for the fictive municipality "Eksempelby Kommune" (kommunekode 999).

Everything here is SYNTHETIC and FICTIVE (people, CPR numbers, providers, amounts, populations, socio
index, PL series, savings) except ``benchmark_53845_real.csv``, which copies real Statistics Denmark
REGK31 figures for function 5.38.45 (read from ``regk31_53845_pr_indbygger_2022_2024.csv``). The sizes are
calibrated to real national figures where those were found (see ``README_TEXT`` and ``STORY``).

Public API
----------
``generate(seed=42, until_year=None, scale=DEMO, as_of=None) -> SynthData`` builds all tables in memory
(polars frames); ``write_demo(out_dir, seed=42, until_year=None, scale=DEMO, as_of=None)`` writes the
export files plus ``totals.json`` and ``README.md`` and returns the totals. ``Scale`` sets the size
(inhabitants and activity, cost centres, years, activity price lines per year); ``LARGE`` is the benchmark
preset (about 20 million ledger rows over 10 years, about 1 million activity rows).

Calendar
--------
Years run from 2019 (or ``until_year - scale.years + 1``) through ``until_year`` (default: the year of
``as_of`` when given, else today's year).
``as_of`` is the extraction date: today when ``until_year`` is the current year, else 1 January of
``until_year + 1`` (so a past until-year is fully deterministic). A month has actuals when it ended
before ``as_of`` (for the current year: months < today's month); budgets cover every month.

The story (what a manager should see)
-------------------------------------
Eksempelby has 50,000 inhabitants in 2019 (+0.4 %/year). Its 2019 net expenditure per inhabitant on each
function is set near the real national figure (``FUNCTION_TARGETS``). From there the activity grows the way
the national analyses describe: a few more citizens every year (full-year persons, HÅP, +0.5 to +3.5 % a
year by offer), new citizens with heavier needs than those who leave (the level mix drifts upwards),
tariffs regulated every 1 January by the PL index plus a real increase (1.5 %/year for residential offers
and placements), so the residential offers (SEL §§ 107-108) carry most of the growth of 5.38. Most
residential places and almost all placements of children are bought from other municipalities, regions and
private providers; a few private and regional providers charge far above the median for the same level.

How the data hang together
--------------------------
1. Activity first. Fifteen kinds of measures (adults SEL §§ 85, 103, 104, 107, 108, 110 and STU; children's
   placements, after-care (efterværn, 18-22 years) and preventive measures) follow a stock-flow model: the
   full-year persons of a kind follow H(y) = H0 x (1 + volume growth)^(y - 2019), where H0 is the 2019 money
   of its function (per-inhabitant target x inhabitants x activity coverage x the kind's share, less the
   heavy single cases) divided by the expected 2019 cost per full-year person (computed from the kind's
   tariff, need levels and provider mix); an initial stock with exponential ages and remaining durations
   and yearly entries lambda = H / mean duration + dH/dt keep the stock on that path, so entries and exits
   explain the HÅP path. Measures are then linked into citizens (e.g. § 107 -> § 108, repeated § 85
   grants, preventive measure -> placement, placement -> after-care or adult offer at 18, a day offer next
   to a residential offer) by vectorised nearest-candidate matching. Citizens get birth dates that fit
   their measures (children 0-17, a placement that ends on the 18th birthday when the young person moves
   on to an adult offer, STU from 17-21) and CPR-shaped numbers whose 7th digit gives the century by the
   standard CPR rule. Children who start preventive measures together form families sharing one case.
   Each measure is written as one row per price line (tariff regulation on 1 January, or more often with
   ``scale.price_lines_per_year``); tariffs depend on kind, need level (0-4), provider type and provider,
   an individual factor and the kind's tariff index (PL index x (1 + real growth)^t). Need levels of new
   measures drift upwards over the years and are raised at re-assessment (5 % a year, also before 2019).
   A handful of heavy citizens (special 1:1 offers) cost 2-5 mio. kr. a year; ordinary tariffs are capped.
2. Ledger second. Activity cost per function, provider and month (daily tariff x days) is divided by a
   coverage ratio (about 0.875, with 1 % noise per function and year), so the ledger follows the activity;
   functions without case-system activity follow their own per-inhabitant path. The gap is non-activity
   cost (administration, back payments, small items, transfers to persons) minus user payments.
   Seasonality (low July, high December) and a few error/correction posting pairs are added; budgets (per
   account line: full-year amount / (1 + overspend), original = corrected / (1.02-1.06)) are spread evenly
   over the months. All sums are taken over integer øre and random numbers are attached only to sorted
   frames, so output files are byte-for-byte reproducible.
3. Benchmarks: other municipalities' figures are synthetic (a national rate per inhabitant x population in
   the target group x socio-index factor x noise), scaled so that "Hele landet" per inhabitant equals the
   national rate: the real REGK31 figure where one was found (5.28.21, 5.28.22, 5.38.45), else a
   documented estimate. Eksempelby's own rows are its ledger net actuals (dranst 1) in 1,000 kr. (half away
   from zero); "Hele landet" is the sum of the 98 real municipalities (Eksempelby excluded). Like REGK31
   (accounts) the file holds completed years only; about 0.7 % of the municipality values are missing ("..").
4. The two case systems deliver separately: the children's system (DUBU-like XLSX, mapping ``fagsystem``,
   CPR as DDMMYY-XXXX, one case per family) and the adults' system (Sensum-like CSV, mapping ``sensum``, CPR
   as ten digits, one case per citizen, the ERP account key of the purchase as "Konto"). Imported with one
   pseudonym key, a young person who moves from a placement to an adult offer is the same citizen in both.
5. The savings plan (4 years, targets 2, 3, 5, 7 mio. kr.) is met in 2023, short in 2024 (the shortfall is
   carried over) and met in 2025 including the carried-over amount; realised effects exist for completed
   years only.

Ledger coding (plausible choice, not verified against the newest chart of accounts)
---------------------------------------------------------------------------------
Kontonummer = function without dots (5 digits) + dranst (1 digit) + gruppering (3 digits), e.g.
538501003. Groupings: 001 own offers (egne tilbud), 002 purchases from other municipalities and regions,
003 purchases from private providers, 004 income (user payments, places sold), 005 administration and
other non-activity cost. Arts: 1.0 wages (own offers, case administration), 2.9 other goods, 4.0 services
bought from private providers (VAT-free social services), 4.7 payments to municipalities (buying places),
4.8 payments to regions, 5.2 transfers to persons, 7.2 user payments (beboerbetaling, negative),
7.7 payments from municipalities (places sold by own offers, negative); 4.6/7.6 (state) are not used.
Dranst 2 holds the state refusion
for very expensive single cases on grouping 001, art 8.6 (negative), booked quarterly (months 3, 6, 9, 12):
25 % of a citizen's yearly cost above 1.0 mio. kr. and 50 % above 2.0 mio. kr. (2019 prices x PL) - a
simplification of the real rules. Amounts: expenditure positive, income negative.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

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


def birth_year_from_cpr(cpr: str) -> int:
    """Birth year of a CPR number (DDMMYY-XXXX or DDMMYYXXXX) by the standard century rule."""
    digits = cpr.replace("-", "")
    yy, d7 = int(digits[4:6]), int(digits[6])
    if d7 <= 3:
        return 1900 + yy
    if d7 in (4, 9):
        return 2000 + yy if yy <= 36 else 1900 + yy
    return 2000 + yy if yy <= 57 else 1800 + yy


# --------------------------------------------------------------------------------------------------
# activity: providers, calibration, stock-flow
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderChoice:
    """Per (kind, provider type): the providers that serve it, their choice probabilities and tariff factors."""

    names: dict[tuple[int, int], np.ndarray]
    probs: dict[tuple[int, int], np.ndarray]
    factor: dict[str, float]

    def expected_mult(self, ki: int) -> float:
        """E[provider type factor x provider factor] of a new measure of kind ``ki``."""
        kind = KINDS[ki]
        p = np.array(kind.provider_probs) / sum(kind.provider_probs)
        total = 0.0
        for ti in range(len(PROVIDER_TYPES)):
            if p[ti] == 0:
                continue
            names, probs = self.names[(ki, ti)], self.probs[(ki, ti)]
            total += p[ti] * PROVIDER_TYPE_MULT[ti] * float(np.dot(probs, [self.factor[n] for n in names]))
        return total


def _provider_choice(rng: np.random.Generator) -> ProviderChoice:
    """A few providers take most of the places (lognormal weights); EXPENSIVE_PROVIDERS charge far more."""
    factor = {name: EXPENSIVE_PROVIDERS.get(name, 1.0) * math.exp(rng.normal(0, 0.05)) for name, _, _ in PROVIDERS}
    names, probs = {}, {}
    for ki, kind in enumerate(KINDS):
        for ti, t in enumerate(PROVIDER_TYPES):
            cands = [name for name, typ, ks in PROVIDERS if typ == t and kind.key in ks]
            if kind.provider_probs[ti] > 0 and not cands:
                raise ValueError(f"no provider of type {t} for kind {kind.key}")
            w = np.exp(rng.normal(0, 0.6, len(cands)))
            names[(ki, ti)] = np.array(cands, dtype=object)
            probs[(ki, ti)] = w / w.sum() if cands else w
    return ProviderChoice(names, probs, factor)


def _heavy_reps(scale: Scale) -> int:
    return max(1, int(round(scale.factor)))


def _heavy_cost_2019(ki: int, reps: int) -> float:
    """Activity cost (kr.) of the heavy single cases of kind ``ki`` in 2019 (2019 tariffs)."""
    lo, hi = _day(dt.date(BASE_YEAR, 1, 1)), _day(dt.date(BASE_YEAR, 12, 31))
    total = 0.0
    for kind, s, e, daily, _ in HEAVY_CASES:
        if KIND_INDEX[kind] != ki:
            continue
        days = min(_day(e) if e else hi, hi) - max(_day(s), lo) + 1
        total += max(days, 0) * daily
    return total * reps


def initial_hap(scale: Scale, provider: ProviderChoice) -> np.ndarray:
    """Full-year persons of each kind in 2019: the kind's share of its function's 2019 money (per-inhabitant
    target x inhabitants) x activity coverage, less the heavy cases, / (365.25 x expected daily tariff)."""
    pop = scale.population_2019
    reps = _heavy_reps(scale)
    h0 = np.zeros(len(KINDS))
    for ki, kind in enumerate(KINDS):
        money = function_target_kr(kind.function, np.array([BASE_YEAR]), pop)[0] * COVERAGE_TARGET * kind.share
        money -= _heavy_cost_2019(ki, reps)
        h0[ki] = max(money, 0.0) / (_YEAR_DAYS * expected_daily_2019(kind, provider.expected_mult(ki)))
    return h0


_GOLDEN = (math.sqrt(5) - 1) / 2


def _quantiles(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two well-spread quantile sequences for n measures: (i + r) / n in order (start dates, ages) and
    frac(i x golden ratio + r') (durations), so that the full-year persons of a cohort follow the target
    path with little sampling noise."""
    i = np.arange(n)
    return (i + rng.random()) / max(n, 1), np.mod(i * _GOLDEN + rng.random(), 1.0)


def _durations(kind: Kind, u: np.ndarray) -> np.ndarray:
    """Durations in days at quantiles u: exponential with the kind's mean (at least 14 days), or about
    the mean for programmes; never longer than max_years."""
    mu = kind.duration_years * _YEAR_DAYS
    if kind.fixed_duration:
        d = mu * (0.9 + 0.2 * u)
    else:
        d = np.maximum(-mu * np.log1p(-u * (1 - 1e-12)), 14.0)
    return np.minimum(d, (kind.max_years or 40.0) * _YEAR_DAYS)


def _effective_mean_days(kind: Kind) -> float:
    """Mean duration (days) after the cap at max_years."""
    mu = kind.duration_years * _YEAR_DAYS
    if kind.fixed_duration or kind.max_years is None:
        return mu
    return mu * (1 - math.exp(-kind.max_years / kind.duration_years))


def _simulate_measures(rng: np.random.Generator, years: list[int], as_of: dt.date, h0: np.ndarray) -> dict:
    """Stock-flow simulation of measures per kind; returns measure-level numpy arrays (day numbers).

    Full-year persons of kind k follow H(y) = h0[k] x (1 + volume growth)^(y - 2019): entries at
    lambda(y) = H(y) / mean duration + dH/dt per year, spread evenly over each year, from long enough before
    the first year that the stock on its first day is the stationary one (measures that ended before it
    are dropped)."""
    sim_start = _day(dt.date(years[0], 1, 1))
    last_start = _day(as_of) - 1  # last possible start date
    kinds, starts, ends = [], [], []
    for ki, kind in enumerate(KINDS):
        burn_in = int(math.ceil(kind.max_years or 40.0)) + 1
        all_years = list(range(years[0] - burn_in, years[0])) + years
        yrs = np.array(all_years + [years[-1] + 1], dtype=float)
        target = h0[ki] * (1 + kind.volume_growth) ** (yrs - BASE_YEAR)
        lam = np.maximum(target / _effective_mean_days(kind) * _YEAR_DAYS + np.gradient(target), 0.0)  # per year
        ent_s, ent_e = [], []
        for i, year in enumerate(all_years):
            y0 = _day(dt.date(year, 1, 1))
            y1 = min(_day(dt.date(year, 12, 31)), last_start)
            if y1 < y0:
                continue
            span = y1 - y0 + 1
            n = int(_stochastic_round(rng, np.array([lam[i] * span / _YEAR_DAYS]))[0])
            u_start, u_dur = _quantiles(rng, n)
            s = y0 + np.floor(u_start * span).astype(np.int64)
            ent_s.append(s)
            ent_e.append(s + np.floor(_durations(kind, u_dur)).astype(np.int64))
        s_all, e_all = np.concatenate(ent_s), np.concatenate(ent_e)
        live = e_all >= sim_start
        kinds.append(np.full(int(live.sum()), ki, dtype=np.int64))
        starts.append(s_all[live])
        ends.append(e_all[live])
    start, end = np.concatenate(starts), np.concatenate(ends)
    return {"kind": np.concatenate(kinds), "start": start, "end": end, "heavy": np.zeros(start.size, bool),
            "heavy_daily": np.zeros(start.size), "heavy_provider": np.array([None] * start.size, dtype=object)}


def _add_heavy(rng: np.random.Generator, m: dict, as_of: dt.date, scale: Scale, sim_start: int) -> dict:
    reps = _heavy_reps(scale)
    kinds, starts, ends, daily, provs = [], [], [], [], []
    for r in range(reps):
        for kind, s, e, d, prov in HEAVY_CASES:
            jitter = 0 if r == 0 else int(rng.integers(-200, 200))
            s_day = _day(s) + jitter
            e_day = (_day(e) + jitter) if e else _day(as_of) + 10_000
            if s_day >= _day(as_of) or e_day < sim_start:
                continue
            kinds.append(KIND_INDEX[kind])
            starts.append(s_day)
            ends.append(e_day)
            daily.append(d * (1 + 0.05 * rng.standard_normal()) if r else d)
            provs.append(prov)
    n = len(kinds)
    return {
        "kind": np.concatenate([m["kind"], np.array(kinds, dtype=np.int64)]),
        "start": np.concatenate([m["start"], np.array(starts, dtype=np.int64)]),
        "end": np.concatenate([m["end"], np.array(ends, dtype=np.int64)]),
        "heavy": np.concatenate([m["heavy"], np.ones(n, bool)]),
        "heavy_daily": np.concatenate([m["heavy_daily"], np.array(daily, dtype=float)]),
        "heavy_provider": np.concatenate([m["heavy_provider"], np.array(provs, dtype=object)]),
    }


def _link_citizens(rng: np.random.Generator, m: dict, sim_start: int, as_of_day: int) -> np.ndarray:
    """Group measures into citizens. Returns a dense citizen index per measure (chains and concurrent
    measures form trees; a root is the earliest measure of its citizen)."""
    n = m["kind"].size
    kind, start = m["kind"], m["start"]
    ongoing = m["end"] >= as_of_day
    end_eff = np.where(ongoing, as_of_day + 100_000, m["end"])
    parent = np.arange(n)
    has_parent = m["heavy"].copy()  # heavy cases stay single
    used_chain = m["heavy"].copy()
    used_conc = m["heavy"].copy()

    def kind_mask(keys: tuple[str, ...]) -> np.ndarray:
        return np.isin(kind, [KIND_INDEX[k] for k in keys])

    for src_keys, tgt_keys, prob, max_gap in CHAIN_RULES:
        tgt = np.flatnonzero(kind_mask(tgt_keys) & ~has_parent & (start >= sim_start))
        tgt = tgt[rng.random(tgt.size) < prob]
        src = np.flatnonzero(kind_mask(src_keys) & ~used_chain & ~ongoing)
        if tgt.size == 0 or src.size == 0:
            continue
        src = src[np.argsort(end_eff[src], kind="stable")]
        src_end = end_eff[src]
        pos = np.searchsorted(src_end, start[tgt], side="left") - 1  # latest source ending before start
        pos = pos - rng.integers(0, 4, pos.size)  # not always the very latest one
        ok = pos >= 0
        tgt, pos = tgt[ok], pos[ok]
        cand = src[pos]
        ok = (start[tgt] - end_eff[cand] <= max_gap) & (start[tgt] > end_eff[cand])
        tgt, cand = tgt[ok], cand[ok]
        order = np.argsort(start[tgt], kind="stable")
        tgt, cand = tgt[order], cand[order]
        _, first = np.unique(cand, return_index=True)
        tgt, cand = tgt[first], cand[first]
        parent[tgt] = cand
        has_parent[tgt] = True
        used_chain[cand] = True

    for src_keys, tgt_keys, prob in CONCURRENT_RULES:
        tgt = np.flatnonzero(kind_mask(tgt_keys) & ~has_parent)
        tgt = tgt[rng.random(tgt.size) < prob]
        src = np.flatnonzero(kind_mask(src_keys) & ~used_conc)
        if tgt.size == 0 or src.size == 0:
            continue
        tries = 8
        cand = src[rng.integers(0, src.size, (tgt.size, tries))]
        valid = (start[cand] <= start[tgt][:, None]) & (end_eff[cand] >= start[tgt][:, None])
        has = valid.any(axis=1)
        pick = cand[np.arange(tgt.size), valid.argmax(axis=1)]
        tgt, pick = tgt[has], pick[has]
        _, first = np.unique(pick, return_index=True)
        tgt, pick = tgt[first], pick[first]
        parent[tgt] = pick
        has_parent[tgt] = True
        used_conc[pick] = True

    # pointer jumping to the root of every chain
    while True:
        nxt = parent[parent]
        if np.array_equal(nxt, parent):
            break
        parent = nxt
    _, citizen = np.unique(parent, return_inverse=True)
    return citizen


# --------------------------------------------------------------------------------------------------
# activity: citizens (birth dates, CPR numbers, families, cases)
# --------------------------------------------------------------------------------------------------


def _per_citizen(citizen: np.ndarray, n_cit: int, mask: np.ndarray, values: np.ndarray, smallest: bool) -> np.ndarray:
    big = np.iinfo(np.int64).max
    out = np.full(n_cit, big if smallest else -big, dtype=np.int64)
    (np.minimum if smallest else np.maximum).at(out, citizen[mask], values[mask])
    return out


def _first_kind(citizen: np.ndarray, n_cit: int, mask: np.ndarray, start: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """Per citizen: the kind of the earliest measure among ``mask`` (-1 without one)."""
    idx = np.flatnonzero(mask)
    idx = idx[np.lexsort((kind[idx], start[idx], citizen[idx]))]
    out = np.full(n_cit, -1, dtype=np.int64)
    cit, first = np.unique(citizen[idx], return_index=True)
    out[cit] = kind[idx[first]]
    return out


def _draw_age(rng: np.random.Generator, first_kind: np.ndarray) -> np.ndarray:
    lo = np.array([k.age[0] for k in KINDS])[np.maximum(first_kind, 0)]
    hi = np.array([k.age[1] for k in KINDS])[np.maximum(first_kind, 0)]
    return lo + rng.random(first_kind.size) * (hi - lo)


def _births(rng: np.random.Generator, m: dict, citizen: np.ndarray, as_of_day: int) -> np.ndarray:
    """Birth day number per citizen, fitting the citizen's measures.

    Children (children's-system measures other than after-care) are 0-17: the age at the first measure is
    drawn from its kind's range but kept young enough to be under 18 at the last one. A citizen who also has
    adult measures or after-care moved on from a placement: the placement ended the day before the 18th
    birthday. Adults get an age at their first measure from its kind's range (STU 17-21, § 107 18-40 ...)."""
    n_cit = int(citizen.max()) + 1
    kind, start, end = m["kind"], m["start"], m["end"]
    system = np.array([k.system for k in KINDS], dtype=object)[kind]
    group = np.array([k.group for k in KINDS], dtype=object)[kind]
    is_child = (system == "boern") & (group != "aft")
    c_first = _per_citizen(citizen, n_cit, is_child, start, True)
    c_last = _per_citizen(citizen, n_cit, is_child, end, False)
    a_first = _per_citizen(citizen, n_cit, ~is_child, start, True)
    # the first adult measure other than STU (STU may start at 17)
    a_first_18 = _per_citizen(citizen, n_cit, ~is_child & (group != "stu"), start, True)
    has_child = np.zeros(n_cit, bool)
    has_child[citizen[is_child]] = True
    has_adult = np.zeros(n_cit, bool)
    has_adult[citizen[~is_child]] = True
    age_child = _draw_age(rng, _first_kind(citizen, n_cit, is_child, start, kind))
    age_adult = _draw_age(rng, _first_kind(citizen, n_cit, ~is_child, start, kind))

    birth = np.zeros(n_cit, dtype=np.int64)
    only_child = has_child & ~has_adult
    span = (c_last - c_first) / _YEAR_DAYS
    a = np.maximum(np.minimum(age_child, 17.97 - span), 30 / _YEAR_DAYS)
    birth[only_child] = (c_first - np.round(a * _YEAR_DAYS).astype(np.int64))[only_child]
    moved_on = has_child & has_adult
    if moved_on.any():  # 18 when the last child measure ends, or at the first adult one if that is earlier
        b = _add_years(np.minimum(c_last + 1, a_first)[moved_on], -18)
        birth[moved_on] = np.minimum(b, c_first[moved_on] - 30)  # a child chain longer than 18 years is cut
    adult = ~has_child
    age_adult = np.minimum(age_adult, np.maximum(18.0, 82.0 - (as_of_day - a_first) / _YEAR_DAYS))
    birth[adult] = (a_first - np.round(age_adult * _YEAR_DAYS).astype(np.int64))[adult]
    later = adult & (a_first_18 < np.iinfo(np.int64).max)
    birth[later] = np.minimum(birth[later], _add_years(a_first_18[later], -18))
    return birth


def _trim_to_age(m: dict, citizen: np.ndarray, birth: np.ndarray) -> np.ndarray:
    """End children's measures the day before the 18th birthday and after-care before the 23rd; returns the
    mask of the measures that still have days."""
    kind = m["kind"]
    system = np.array([k.system for k in KINDS], dtype=object)[kind]
    group = np.array([k.group for k in KINDS], dtype=object)[kind]
    day18 = _add_years(birth, 18)[citizen]
    day23 = _add_years(birth, 23)[citizen]
    is_child = (system == "boern") & (group != "aft")
    m["end"] = np.where(is_child, np.minimum(m["end"], day18 - 1), m["end"])
    m["end"] = np.where(group == "aft", np.minimum(m["end"], day23 - 1), m["end"])
    return m["end"] >= m["start"]


def _families(rng: np.random.Generator, m: dict, citizen: np.ndarray, n_cit: int) -> np.ndarray:
    """Family (case) number per citizen: children whose first measures are preventive and start within
    FAMILY_WINDOW_DAYS of each other are siblings in one case (2 or 3 children) with FAMILY_PROBS."""
    kind, start = m["kind"], m["start"]
    is_child = np.array([k.system == "boern" and k.group != "aft" for k in KINDS])[kind]
    first = _first_kind(citizen, n_cit, is_child, start, kind)
    first_start = _per_citizen(citizen, n_cit, is_child, start, True)
    prev = np.isin(first, [KIND_INDEX[k] for k in _PREVENTIVE])
    family = np.arange(n_cit)
    cand = np.flatnonzero(prev)
    cand = cand[np.argsort(first_start[cand], kind="stable")]
    u = rng.random(cand.size)
    head, size = -1, 0
    for j, c in enumerate(cand):
        if head >= 0 and size < 3 and first_start[c] - first_start[head] <= FAMILY_WINDOW_DAYS \
                and u[j] < FAMILY_PROBS[size - 1]:
            family[c] = head
            size += 1
        else:
            head, size = c, 1
    return family


def _cpr_numbers(rng: np.random.Generator, birth: np.ndarray) -> np.ndarray:
    """CPR-shaped numbers DDMMYYXXXX (valid dates; the 7th digit gives the century by the standard rule,
    the last digit is odd for men and even for women; unique per citizen)."""
    d = birth.astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    century = cpr_century_digit(year, rng)
    rest = rng.integers(0, 1000, birth.size)
    serial = century * 1000 + rest
    key = birth * 10_000 + serial
    for _ in range(100):  # resolve the rare duplicates
        _, idx = np.unique(key, return_index=True)
        dup = np.ones(key.size, bool)
        dup[idx] = False
        if not dup.any():
            break
        serial[dup] = century[dup] * 1000 + rng.integers(0, 1000, int(dup.sum()))
        key = birth * 10_000 + serial
    s = pl.DataFrame({"d": pl.Series(d), "serial": serial}).select(
        pl.col("d").dt.strftime("%d%m%y") + pl.col("serial").cast(pl.String).str.zfill(4))
    return s.to_series().to_numpy()


# --------------------------------------------------------------------------------------------------
# activity: measures -> price-line rows
# --------------------------------------------------------------------------------------------------


def _select(m: dict, keep: np.ndarray) -> dict:
    return {k: v[keep] for k, v in m.items()}


def _build_activity(rng: np.random.Generator, years: list[int], as_of: dt.date, scale: Scale, h0: np.ndarray,
                    provider: ProviderChoice, pl_full: dict[int, float]) -> pl.DataFrame:
    first_year = years[0]
    sim_start = _day(dt.date(first_year, 1, 1))
    as_of_day = _day(as_of)
    m = _simulate_measures(rng, years, as_of, h0)
    m = _add_heavy(rng, m, as_of, scale, sim_start)
    m = _select(m, m["end"] >= sim_start)
    citizen = _link_citizens(rng, m, sim_start, as_of_day)
    birth = _births(rng, m, citizen, as_of_day)
    keep = _trim_to_age(m, citizen, birth) & (m["end"] >= sim_start)
    m = _select(m, keep)
    kept_citizens, citizen = np.unique(citizen[keep], return_inverse=True)
    birth = birth[kept_citizens]
    n = m["kind"].size
    n_cit = int(citizen.max()) + 1
    kind = m["kind"]
    ongoing = m["end"] >= as_of_day
    system = np.array([k.system for k in KINDS], dtype=object)[kind]

    # --- measure attributes -------------------------------------------------------------------
    level0 = np.zeros(n, dtype=np.int64)
    ptype = np.empty(n, dtype=np.int64)
    unit = np.empty(n, dtype=object)
    prov_name = np.empty(n, dtype=object)
    start_year = _year_of(m["start"])
    for ki, k in enumerate(KINDS):
        sel = np.flatnonzero(kind == ki)
        if sel.size == 0:
            continue
        probs = _level_probs(k, np.clip(start_year[sel], 1990, None))
        level0[sel] = np.minimum((rng.random(sel.size)[:, None] > np.cumsum(probs, axis=1)).sum(axis=1), 4)
        p = np.array(k.provider_probs)
        ptype[sel] = rng.choice(4, sel.size, p=p / p.sum())
        units = [u for u, _ in k.units]
        up = np.array([w for _, w in k.units])
        unit[sel] = np.array(units, dtype=object)[rng.choice(len(units), sel.size, p=up / up.sum())]
        for ti in range(len(PROVIDER_TYPES)):
            s2 = sel[ptype[sel] == ti]
            if s2.size:
                names, pr = provider.names[(ki, ti)], provider.probs[(ki, ti)]
                prov_name[s2] = names[rng.choice(len(names), s2.size, p=pr)]
    # re-assessments before the period: the levels of older measures have been raised, too
    years_before = np.maximum((sim_start - m["start"]) // 365, 0)
    level0 = np.minimum(level0 + rng.binomial(years_before, REASSESS_UP), 4)
    unassessed_share = np.array([UNASSESSED_SHARE.get(k.key, UNASSESSED_SHARE[k.system]) for k in KINDS])
    unassessed = rng.random(n) < unassessed_share[kind]
    noise = np.exp(rng.normal(-0.5 * TARIFF_NOISE**2, TARIFF_NOISE, n))
    heavy = m["heavy"]
    for j in np.flatnonzero(heavy):
        prov_name[j] = m["heavy_provider"][j]
        ptype[j] = PROVIDER_TYPES.index(next(t for nm, t, _ in PROVIDERS if nm == prov_name[j]))
        unit[j] = "dag"
        level0[j] = 4
        unassessed[j] = False
    is_child = system == "boern"
    paragraph = np.array([k.paragraph for k in KINDS], dtype=object)[kind]
    para_bl = np.array([k.paragraph_bl or k.paragraph for k in KINDS], dtype=object)[kind]
    is_plc = np.isin(kind, [KIND_INDEX[k] for k in _PLACEMENTS])
    no_consent = is_plc & (rng.random(n) < PLACEMENT_WITHOUT_CONSENT[2])
    paragraph = np.where(no_consent, PLACEMENT_WITHOUT_CONSENT[0], paragraph)
    para_bl = np.where(no_consent, PLACEMENT_WITHOUT_CONSENT[1], para_bl)
    paragraph = np.where(is_child & (m["start"] >= _day(dt.date(2024, 1, 1))), para_bl, paragraph)
    paying = np.full(n, KOMMUNEKODE, dtype=np.int64)
    other_pay = rng.random(n) < 0.03
    paying[other_pay] = rng.choice(np.array(sorted(APPROX_POPULATION)), int(other_pay.sum()))

    # --- citizens: CPR numbers, cases ---------------------------------------------------------------
    cpr = _cpr_numbers(rng, birth)
    family = _families(rng, m, citizen, n_cit)
    fam_ids, fam_dense = np.unique(family, return_inverse=True)
    fam_no = rng.permutation(fam_ids.size) + 1_000_000 + int(rng.integers(0, 5_000_000))
    child_case = pl.Series(fam_no[fam_dense]).cast(pl.String).str.zfill(7).to_numpy().astype(object)
    child_case = np.array(["SAG-" + c for c in child_case], dtype=object)
    adult_case = (rng.permutation(n_cit) + 100_000 + int(rng.integers(0, 400_000))).astype(str).astype(object)
    case_id = np.where(is_child, child_case[citizen], adult_case[citizen])

    # --- price-line rows --------------------------------------------------------------------------
    lines = scale.price_lines_per_year
    if 12 % lines:
        raise ValueError("price_lines_per_year must divide 12")
    plen = 12 // lines
    end_eff = np.where(ongoing, as_of_day - 1, m["end"])
    p_first = np.maximum(_month_index(m["start"]), _month_index(np.array([sim_start]))[0]) // plen
    p_last = _month_index(end_eff) // plen
    n_rows = (p_last - p_first + 1).astype(np.int64)
    rep = np.repeat(np.arange(n), n_rows)
    offs = np.arange(rep.size) - np.repeat(np.cumsum(n_rows) - n_rows, n_rows)
    period = p_first[rep] + offs
    is_first = offs == 0
    is_last = offs == n_rows[rep] - 1
    per_start = _month_start(period * plen)
    per_end = _month_start((period + 1) * plen) - 1
    row_start = np.where(is_first, m["start"][rep], per_start)
    row_end = np.where(is_last, m["end"][rep], per_end)
    row_open = is_last & ongoing[rep]
    # level: re-assessed upwards now and then (REASSESS_UP a year, whatever the number of price lines)
    p_line = 1 - (1 - REASSESS_UP) ** (1 / lines)
    bump = (rng.random(rep.size) < p_line) & ~is_first
    cb = np.cumsum(bump)
    seg_base = np.repeat(cb[np.cumsum(n_rows) - n_rows] - bump[np.cumsum(n_rows) - n_rows], n_rows)
    level = np.minimum(level0[rep] + (cb - seg_base), 4)
    # tariff: regulated at each price line's start by the kind's tariff index
    kinds_r = kind[rep]
    t = 1970 + period * plen / 12.0
    price = tariff_index(pl_full, np.array([k.real_growth for k in KINDS])[kinds_r], t)
    base = np.array([k.base for k in KINDS])[kinds_r]
    cap = np.array([k.cap_daily for k in KINDS])[kinds_r] * price
    pfactor = np.array([provider.factor[nm] for nm in prov_name], dtype=float)
    pmult = PROVIDER_TYPE_MULT[ptype[rep]] * pfactor[rep]
    hourly_kind = np.array([k.hours is not None for k in KINDS])[kinds_r]
    hours_tab = np.array([k.hours if k.hours is not None else (0, 0, 0, 0, 0) for k in KINDS])
    hours_factor = np.exp(rng.normal(0, HOURS_NOISE, n))[rep]
    hours = np.round(hours_tab[kinds_r, level] * hours_factor * 2) / 2
    hours = np.where(hourly_kind, np.clip(hours, 1.0, 20.0), np.nan)
    level_rate = np.where(hourly_kind, 1 + 0.05 * (level - 2), LEVEL_MULT[level])
    rate = base * level_rate * pmult * noise[rep] * price
    daily = np.where(hourly_kind, rate * np.nan_to_num(hours) / 7.0, rate)
    daily = np.minimum(daily, cap)
    heavy_r = heavy[rep]
    daily = np.where(heavy_r, m["heavy_daily"][rep] * price, daily)
    unit_r = unit[rep]
    per_unit = np.select(
        [unit_r == "dag", unit_r == "uge", unit_r == "maaned", unit_r == "aar"],
        [daily, daily * 7, daily * 365 / 12, daily * 365],
        default=np.where(hourly_kind, daily * 7.0 / np.where(np.isnan(hours), 1.0, hours), daily),
    )
    takst = np.round(per_unit.astype(float), 2)
    level_lbl = np.where(unassessed[rep], "Ikke vurderet", level.astype(str))

    kind_fn = np.array([k.function for k in KINDS], dtype=object)
    kind_measure = np.array([k.measure for k in KINDS], dtype=object)
    kind_offer = np.array([k.offer_type for k in KINDS], dtype=object)
    offer = np.where(heavy_r, "Særligt tilrettelagt tilbud (1:1)", kind_offer[kinds_r])
    grouping = np.array([GROUPING_OF_PROVIDER_TYPE[t] for t in PROVIDER_TYPES], dtype=object)[ptype[rep]]
    df = pl.DataFrame(
        {
            "system": system[rep],
            "cpr": cpr[citizen[rep]],
            "birth_day": birth[citizen[rep]],
            "case_id": case_id[rep],
            "paragraph": paragraph[rep],
            "measure": kind_measure[kinds_r],
            "offer_type": offer,
            "function": kind_fn[kinds_r],
            "grouping": grouping,
            "provider": prov_name[rep],
            "provider_type": np.array([PROVIDER_TYPE_LABEL[t] for t in PROVIDER_TYPES], dtype=object)[ptype[rep]],
            "start_day": row_start,
            "end_day": np.where(row_open, -(10**9), row_end),
            "tariff": takst,
            "unit": pl.Series(unit_r.astype(str)).replace_strict(UNIT_LABEL).to_numpy(),
            "hours_per_week": hours,
            "level": level_lbl,
            "paying": paying[rep],
            # helper columns (not written)
            "citizen": citizen[rep],
            "measure_id": rep,
            "kind": kinds_r,
            "heavy": heavy_r,
        },
        strict=False,
    ).with_columns(
        pl.from_epoch(pl.col("start_day"), time_unit="d").alias("start_date"),
        pl.when(pl.col("end_day") > -(10**9)).then(pl.from_epoch(pl.col("end_day"), time_unit="d")).alias("end_date"),
        pl.from_epoch(pl.col("birth_day"), time_unit="d").alias("birth_date"),
        pl.col("hours_per_week").fill_nan(None),
    )
    return df.sort(["system", "case_id", "start_day", "measure_id"])


def _activity_month_cost(act: pl.DataFrame, years: list[int], as_of: dt.date) -> pl.DataFrame:
    """Activity cost per row and month (daily tariff x days). Open rows are projected to 31 December
    of the as_of year (the ledger only uses completed months)."""
    sim_start = _day(dt.date(years[0], 1, 1))
    proj_end = _day(dt.date(years[-1], 12, 31))
    daily = daily_tariff_expr().alias("daily")
    a = act.select(
        "function", "provider", "provider_type", "citizen", "kind", "heavy", "start_day",
        pl.when(pl.col("end_date").is_null()).then(proj_end).otherwise(pl.col("end_day")).alias("end_eff"),
        daily,
    ).with_columns(pl.max_horizontal(pl.col("start_day"), pl.lit(sim_start)).alias("s"))
    a = a.filter(pl.col("end_eff") >= pl.col("s"))
    s = a["s"].to_numpy()
    e = np.minimum(a["end_eff"].to_numpy(), proj_end)
    m0 = _month_index(s)
    m1 = _month_index(e)
    cnt = np.maximum(m1 - m0 + 1, 0)
    rep = np.repeat(np.arange(s.size), cnt)
    offs = np.arange(rep.size) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    mi = m0[rep] + offs
    ms = _month_start(mi)
    me = _month_start(mi + 1) - 1
    days = np.minimum(e[rep], me) - np.maximum(s[rep], ms) + 1
    out = pl.DataFrame(
        {
            "row": rep,
            "year": (mi // 12 + 1970).astype(np.int32),
            "month": (mi % 12 + 1).astype(np.int32),
            "days": days,
        }
    )
    sub = a.select("function", "provider", "provider_type", "citizen", "kind", "heavy", "daily").with_row_index("row")
    out = out.join(sub.with_columns(pl.col("row").cast(pl.Int64)), on="row", how="left")
    # integer øre, so that every later sum is exact and independent of row order
    return out.with_columns((pl.col("daily") * pl.col("days") * 100).round(0).cast(pl.Int64).alias("cost_ore")).drop("row")




def daily_tariff_expr() -> pl.Expr:
    """Daily amount from Takst/Takstenhed (Dag; Uge/7; Måned*12/365; År/365; Time*hours/7)."""
    t, u = pl.col("tariff"), pl.col("unit")
    return (
        pl.when(u == "Dag").then(t)
        .when(u == "Uge").then(t / 7)
        .when(u == "Måned").then(t * 12 / 365)
        .when(u == "År").then(t / 365)
        .when(u == "Time").then(t * pl.col("hours_per_week") / 7)
        .otherwise(None)
    )


# --------------------------------------------------------------------------------------------------
# ledger
# --------------------------------------------------------------------------------------------------


def _cost_centres(rng: np.random.Generator, scale: Scale) -> dict:
    authority = {
        "voksne": ["30010 Myndighed Voksne", "30030 Sekretariat Social og Sundhed"],
        "boern": ["30020 Myndighed Børn og Familie", "30040 Sekretariat Børn og Unge"],
    }
    own = {}
    code = 41001
    for name, typ, _ in PROVIDERS:
        if typ == "egen":
            own[name] = f"{code} {name}"
            code += 1
    for f, name in NONACTIVITY_OWN_UNIT.items():
        own[name] = f"{code} {name}"
        code += 1
    fixed = len(own) + 4
    extra = max(scale.cost_centres - fixed, 0)
    extra_names = {"voksne": [], "boern": []}
    if extra:
        area = np.where(rng.random(extra) < 0.62, "voksne", "boern")
        for i in range(extra):
            a = str(area[i])
            label = "Voksne" if a == "voksne" else "Børn og Unge"
            extra_names[a].append(f"{50000 + i} Team {label} {i + 1}")
    return {"authority": authority, "own": own, "extra": extra_names}


def _build_lines(rng: np.random.Generator, functions: pl.DataFrame, cc: dict, scale: Scale) -> pl.DataFrame:
    """Ledger line table: one line = function x group x cost centre x art, plus dranst 2 refusion lines.

    A group is one source of amounts on a function: an own offer (by provider), purchases by provider
    type, a kind of non-activity cost, user payments, or the state refusion.
    """
    area_of = dict(zip(functions["function_code"], functions["area"]))
    group_defs = []
    for f in FUNCTION_TARGETS:
        area = area_of[f]
        fn_kinds = [k for k in KINDS if k.function == f]
        if fn_kinds:
            own_names = sorted({n for n, typ, ks in PROVIDERS if typ == "egen" and any(k.key in ks for k in fn_kinds)})
            group_defs += [(f, area, "own", n) for n in own_names]
            for t in ("anden_kommune", "region", "privat"):
                if any(typ == t and any(k.key in ks for k in fn_kinds) for _, typ, ks in PROVIDERS):
                    group_defs.append((f, area, "buy", t))
        else:
            mix = NONACTIVITY_FUNCTION_MIX[f]
            if mix["egen"] > 0:
                group_defs.append((f, area, "own", NONACTIVITY_OWN_UNIT[f]))
            group_defs += [(f, area, "buy", t) for t in ("anden_kommune", "region", "privat") if mix[t] > 0]
        for key, *_ in NONACT_KINDS:
            if key != "transfer" or f in TRANSFER_FUNCTIONS:
                group_defs.append((f, area, "na", key))
        if f in USER_PAYMENT_FUNCTIONS:
            group_defs.append((f, area, "userpay", "beboerbetaling"))
        group_defs.append((f, area, "refusion", "refusion"))

    # cost centres per group: the main one plus extra teams (every extra team is used at least once)
    ccs_of: list[list[str]] = []
    for f, area, gkind, gkey in group_defs:
        if gkind == "own":
            ccs_of.append([cc["own"][gkey]])
        elif gkind == "na":
            ccs_of.append([cc["authority"][area][1 if gkey == "admin" else 0]])
        else:
            ccs_of.append([cc["authority"][area][0]])
    for area in ("voksne", "boern"):
        pool = cc["extra"][area]
        eligible = [i for i, (_, a, gk, _) in enumerate(group_defs) if a == area and gk in ("own", "buy", "na")]
        if not pool or not eligible:
            continue
        # each extra team gets 1 + Poisson(1.5) groups of its area
        n_groups = 1 + rng.poisson(1.5, len(pool))
        for team, k in zip(pool, n_groups):
            for gi in rng.choice(len(eligible), size=min(int(k), len(eligible)), replace=False):
                ccs_of[eligible[gi]].append(team)

    rows = []
    for gid, ((f, area, gkind, gkey), ccs) in enumerate(zip(group_defs, ccs_of)):
        if gkind == "own":
            arts = [(a, share, f"{txt} - {gkey}", "001", 1, "gross") for a, share, txt in OWN_ART_SPLIT]
            arts.append(("7.7", 1.0, f"Salg af pladser til andre kommuner - {gkey}", "004", 1, "sale"))
        elif gkind == "buy":
            art, grp, txt = BUY_ART[gkey]
            arts = [(art, 1.0, txt, grp, 1, "net")]
        elif gkind == "na":
            art, grp, txt = next((a, g, t) for k, a, g, t, _ in NONACT_KINDS if k == gkey)
            arts = [(art, 1.0, txt, grp, 1, "net")]
        elif gkind == "userpay":
            arts = [("7.2", 1.0, "Beboerbetaling (egenbetaling)", "004", 1, "net")]
        else:
            arts = [("8.6", 1.0, "Statsrefusion, særligt dyre enkeltsager", "001", 2, "net")]
        ccs = list(dict.fromkeys(ccs))
        if len(ccs) > 1:  # the main cost centre carries the larger part
            w = 0.5 * rng.dirichlet(np.full(len(ccs), 2.0)) + 0.5 * np.eye(len(ccs))[0]
        else:
            w = np.array([1.0])
        for ci, c in enumerate(ccs):
            for art, share, txt, grp, dranst, role in arts:
                rows.append((gid, f, gkind, gkey, c, art, grp, dranst, txt, float(w[ci] * share), role))
    return pl.DataFrame(
        rows,
        schema=["group_id", "function", "gkind", "gkey", "cost_centre", "art", "grp", "dranst", "text", "weight", "role"],
        orient="row",
    ).with_columns(
        (pl.col("function").str.replace_all(".", "", literal=True) + pl.col("dranst").cast(pl.String) + pl.col("grp")).alias("account")
    ).with_row_index("line_id").with_columns(pl.col("line_id").cast(pl.Int64))


def _build_ledger(
    rng: np.random.Generator,
    act: pl.DataFrame,
    years: list[int],
    as_of: dt.date,
    scale: Scale,
    functions: pl.DataFrame,
    pl_index: dict[int, float],
) -> tuple[pl.DataFrame, dict]:
    """Ledger rows (actuals for completed months, budgets for every month) derived from the activity.

    All sums that feed later steps are taken over integer øre (order-independent), and random numbers
    are only attached to explicitly sorted frames, so the result is byte-for-byte reproducible.
    """
    months_cost = _activity_month_cost(act, years, as_of)  # cost_ore per row and month
    yrs = np.array(years)
    cc = _cost_centres(rng, scale)
    lines = _build_lines(rng, functions, cc, scale)
    i32 = pl.Int32

    # ---- function x year x month net amounts -----------------------------------------------------
    act_fm = months_cost.group_by(["function", "year", "month"]).agg(pl.col("cost_ore").sum())
    a_map = {(f, int(y), int(mo)): int(c) / 100.0 for f, y, mo, c in act_fm.iter_rows()}
    season_noise = np.exp(rng.normal(0, 0.015, (len(FUNCTION_TARGETS), len(years), 12)))
    level_noise = np.exp(rng.normal(0, 0.006, (len(FUNCTION_TARGETS), len(years))))
    cov_noise = np.exp(rng.normal(0, COVERAGE_NOISE, (len(FUNCTION_TARGETS), len(years))))
    fm_rows = []
    coverage = {}
    for fi, f in enumerate(FUNCTION_TARGETS):
        t = function_target_kr(f, yrs, scale.population_2019) * level_noise[fi]
        for yi, y in enumerate(years):
            days_m = np.array([(dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.date(y, mo, 1)).days for mo in range(1, 13)], float)
            a_months = np.array([a_map.get((f, y, mo), 0.0) for mo in range(1, 13)])
            A = float(a_months.sum())
            if A > 0:  # the ledger follows the activity
                a_share = a_months / A
                cov = float(np.clip(COVERAGE_TARGET * cov_noise[fi, yi], COVERAGE_MIN, COVERAGE_MAX))
                L = A / cov
                coverage[(f, y)] = cov
            else:
                a_share = days_m / days_m.sum()
                L = float(t[yi])
            s = SEASON * season_noise[fi, yi]
            denom = float((a_share * s).sum())
            for mo in range(1, 13):
                fm_rows.append((f, y, mo, L * a_share[mo - 1] * s[mo - 1] / denom, s[mo - 1] / denom))
    fm = pl.DataFrame(fm_rows, schema=["function", "year", "month", "net", "timing"], orient="row").with_columns(
        pl.col("year").cast(i32), pl.col("month").cast(i32))

    # ---- group x month amounts -----------------------------------------------------------------------
    prov_type_key = {v: k for k, v in PROVIDER_TYPE_LABEL.items()}
    act_g = (
        months_cost.with_columns(pl.col("provider_type").replace_strict(prov_type_key).alias("ptype"))
        .with_columns(
            pl.when(pl.col("ptype") == "egen").then(pl.lit("own")).otherwise(pl.lit("buy")).alias("gkind"),
            pl.when(pl.col("ptype") == "egen").then(pl.col("provider")).otherwise(pl.col("ptype")).alias("gkey"),
        )
        .group_by(["function", "gkind", "gkey", "year", "month"])
        .agg(pl.col("cost_ore").sum())
        .join(fm.select("function", "year", "month", "timing"), on=["function", "year", "month"], how="left")
        .with_columns((pl.col("cost_ore") / 100.0 * pl.col("timing")).alias("amount"))
    )
    # activity part per function-month = timing x (integer) activity cost of the month
    rem = fm.join(act_fm.with_columns(pl.col("year").cast(i32), pl.col("month").cast(i32)),
                  on=["function", "year", "month"], how="left").with_columns(
        (pl.col("net") - pl.col("cost_ore").fill_null(0) / 100.0 * pl.col("timing")).alias("R"))
    cols = ["function", "gkind", "gkey", "year", "month", "amount"]
    parts = [act_g.select(cols)]
    for f in FUNCTION_TARGETS:
        r = rem.filter(pl.col("function") == f).sort(["year", "month"])
        key = r.select("function", "year", "month")
        userpay = USER_PAYMENT_FUNCTIONS.get(f, 0.0)
        up = -userpay * r["net"]
        positive = r["R"] - up  # R = positive items + (negative) user payments
        mix = NONACTIVITY_FUNCTION_MIX.get(f)
        na_scale = 1.0
        if mix is not None:  # functions without case-system activity: purchases are part of the remainder
            for t, s in mix.items():
                if s > 0:
                    gk, gkey = ("own", NONACTIVITY_OWN_UNIT[f]) if t == "egen" else ("buy", t)
                    parts.append(key.with_columns(pl.lit(gk).alias("gkind"), pl.lit(gkey).alias("gkey"),
                                                  (positive * s).alias("amount")).select(cols))
            na_scale = 1.0 - sum(mix.values())
        shares = {k: s for k, _, _, _, s in NONACT_KINDS if k != "transfer" or f in TRANSFER_FUNCTIONS}
        tot = sum(shares.values())
        for k, s in shares.items():
            parts.append(key.with_columns(pl.lit("na").alias("gkind"), pl.lit(k).alias("gkey"),
                                          (positive * na_scale * s / tot).alias("amount")).select(cols))
        if userpay:
            parts.append(key.with_columns(pl.lit("userpay").alias("gkind"), pl.lit("beboerbetaling").alias("gkey"),
                                          up.alias("amount")).select(cols))

    # ---- refusion (dranst 2): very expensive single cases, booked quarterly ------------------------
    plf = pl.DataFrame({"year": list(pl_index), "pl": [v / 100.0 for v in pl_index.values()]}).with_columns(pl.col("year").cast(i32))
    cy = (
        months_cost.group_by(["citizen", "year", "function"]).agg(pl.col("cost_ore").sum())
        .sort(["citizen", "year", "cost_ore", "function"], descending=[False, False, True, False])
        .group_by(["citizen", "year"], maintain_order=True)
        .agg(pl.col("cost_ore").sum().alias("total"), pl.col("function").first().alias("function"))
        .join(plf, on="year", how="left")
        .with_columns(
            ((0.25 * (pl.col("total") / 100 - 1e6 * pl.col("pl")).clip(lower_bound=0)
              + 0.25 * (pl.col("total") / 100 - 2e6 * pl.col("pl")).clip(lower_bound=0)) * 100).round(0).cast(pl.Int64).alias("ref_ore"))
    )
    ref_fy = cy.group_by(["function", "year"]).agg(pl.col("ref_ore").sum())
    quarters = pl.DataFrame({"month": [3, 6, 9, 12]}, schema={"month": i32})
    parts.append(ref_fy.join(quarters, how="cross").with_columns(
        pl.lit("refusion").alias("gkind"), pl.lit("refusion").alias("gkey"),
        (-pl.col("ref_ore") / 400.0).alias("amount")).select(cols))
    group_month = pl.concat([p.with_columns(pl.col("year").cast(i32), pl.col("month").cast(i32)) for p in parts])

    # ---- line x month amounts (full years), on integer keys ----------------------------------------
    n_lines = lines.height
    gdefs = lines.select("group_id", "function", "gkind", "gkey").unique().sort("group_id")
    gm = group_month.join(gdefs, on=["function", "gkind", "gkey"], how="inner").select("group_id", "year", "month", "amount")
    lm = lines.select("line_id", "group_id").join(gm, on="group_id", how="inner").sort(["line_id", "year", "month"])
    line_id = lm["line_id"].to_numpy()
    year_a = lm["year"].to_numpy().astype(np.int64)
    month_a = lm["month"].to_numpy().astype(np.int64)
    amount = lm["amount"].to_numpy()
    # per-line attributes (line_id is dense 0..n-1)
    own_names = [n for n, t, _ in PROVIDERS if t == "egen"] + list(NONACTIVITY_OWN_UNIT.values())
    own_sale = dict(zip(own_names, rng.uniform(0.03, 0.22, len(own_names)).tolist()))
    l_weight = lines["weight"].to_numpy()
    l_sale = np.array([own_sale.get(k, 0.0) for k in lines["gkey"].to_list()])
    l_role = np.array([{"gross": 0, "sale": 1, "net": 2}[r] for r in lines["role"].to_list()])
    arts = sorted(set(lines["art"].to_list()))
    l_split = lines["group_id"].to_numpy().astype(np.int64) * len(arts) + np.array([arts.index(a) for a in lines["art"].to_list()])
    # noisy split of a group's amount over its cost centres, keeping the group total
    noise = np.exp(rng.normal(0, 0.06, line_id.size))
    w = l_weight[line_id]
    code = (l_split[line_id] * (len(years) + 1) + (year_a - years[0])) * 12 + (month_a - 1)
    _, dense = np.unique(code, return_inverse=True)
    w3 = w * noise / np.bincount(dense, weights=w * noise)[dense] * np.bincount(dense, weights=w)[dense]
    role, sale = l_role[line_id], l_sale[line_id]
    value = np.where(role == 0, amount * w3 * (1 + sale), np.where(role == 1, -amount * w3 * sale, amount * w3))
    lm = pl.DataFrame({
        "line_id": line_id, "year": year_a.astype(np.int32), "month": month_a.astype(np.int32),
        "amount_ore": np.rint(value * 100).astype(np.int64),
    })

    # actuals: completed months only; zero rows dropped
    done = pl.DataFrame({"year": years, "done": [completed_months(y, as_of) for y in years]}, schema={"year": i32, "done": i32})
    actual = lm.join(done, on="year").filter((pl.col("month") <= pl.col("done")) & (pl.col("amount_ore") != 0))
    actual = actual.sort(["line_id", "year", "month"])

    # corrections: a wrong posting and its reversal the month after (same account)
    cand = actual.filter(pl.col("month") + 1 <= pl.col("done")).sort(["line_id", "year", "month"])
    n_corr = min(max(1, int(cand.height * 0.004)), cand.height)
    pick = np.sort(rng.choice(cand.height, size=n_corr, replace=False)) if cand.height else np.array([], dtype=np.int64)
    corr = cand[pick].select("line_id", "year", "month")
    x = np.rint(rng.uniform(5_000, 80_000, corr.height) * 100).astype(np.int64)
    text_fejl, text_korr = n_lines, n_lines + 1  # text ids beyond the line texts
    corrections = pl.concat([
        corr.with_columns(pl.Series("amount_ore", x), pl.lit(text_fejl).alias("text_id")),
        corr.with_columns((pl.col("month") + 1).alias("month"), pl.Series("amount_ore", -x), pl.lit(text_korr).alias("text_id")),
    ])

    # ---- budgets: the line's full-year amount / (1 + overspend); original = corrected / (1 + correction)
    fn_of_line = lines["function"].to_list()
    line_year = lm.group_by(["line_id", "year"]).agg(pl.col("amount_ore").sum().alias("ly"))
    bud_rows = []
    for f in FUNCTION_TARGETS:
        for y in years:
            over = rng.normal(0.0, 0.008) if y <= 2020 else rng.uniform(0.015, 0.045)
            bud_rows.append((f, y, over, rng.uniform(0.02, 0.06)))
    bud = pl.DataFrame(bud_rows, schema=["function", "year", "over", "corr_up"], orient="row", schema_overrides={"year": i32})
    line_year = (
        line_year.with_columns(pl.col("line_id").replace_strict(dict(enumerate(fn_of_line)), return_dtype=pl.String).alias("function"))
        .join(bud, on=["function", "year"])
        .with_columns((pl.col("ly") / (1 + pl.col("over"))).alias("b_corr"))
        .with_columns((pl.col("b_corr") / (1 + pl.col("corr_up"))).alias("b_orig"))
    )
    months = pl.DataFrame({"month": list(range(1, 13))}, schema={"month": i32})
    budget_parts = []
    for kind_id, col in ((1, "b_orig"), (2, "b_corr")):
        budget_parts.append(
            line_year.with_columns(pl.col(col).round(0).cast(pl.Int64).alias("year_ore"))
            .filter(pl.col("year_ore") != 0)
            .select("line_id", "year", "year_ore")
            .join(months, how="cross")
            .with_columns((pl.col("year_ore") // 12).alias("base_ore"))
            .with_columns(
                pl.when(pl.col("month") == 12).then(pl.col("year_ore") - 11 * pl.col("base_ore"))
                .otherwise(pl.col("base_ore")).alias("amount_ore"),
                pl.lit(kind_id, dtype=pl.Int8).alias("kind_id"),
            )
        )

    # ---- assemble on integers, sort, then attach the (categorical) strings by line id -----------------
    num_cols = ["year", "month", "kind_id", "line_id", "text_id", "amount_ore"]
    ledger_num = pl.concat(
        [
            actual.with_columns(pl.lit(0, dtype=pl.Int8).alias("kind_id"), pl.col("line_id").alias("text_id")).select(num_cols),
            corrections.with_columns(pl.lit(0, dtype=pl.Int8).alias("kind_id")).select(num_cols),
            *[b.with_columns(pl.col("line_id").alias("text_id")).select(num_cols) for b in budget_parts],
        ],
        how="vertical_relaxed",
    )
    # output order: year, month, amount kind, account, art, cost centre, text, amount
    line_rank = (
        lines.select("line_id", "account", "art", "cost_centre", "text")
        .sort(["account", "art", "cost_centre", "text", "line_id"])
        .with_row_index("rank")
    )
    rank_of_line = np.empty(n_lines, dtype=np.int64)
    rank_of_line[line_rank["line_id"].to_numpy()] = line_rank["rank"].to_numpy()
    lid = ledger_num["line_id"].to_numpy()
    tid = ledger_num["text_id"].to_numpy()
    ledger_num = ledger_num.with_columns(
        pl.Series("_rank", rank_of_line[lid]), pl.Series("_trank", np.where(tid >= n_lines, tid - n_lines + 1, 0))
    ).sort(["year", "month", "kind_id", "_rank", "_trank", "amount_ore"])
    lid = ledger_num["line_id"].to_numpy()
    tid = ledger_num["text_id"].to_numpy()

    def cat(values: list) -> pl.Series:
        return pl.Series(values, dtype=pl.Categorical)

    texts = cat(lines["text"].to_list() + ["Fejlpostering", "Korrektion af fejlpostering"])
    ledger = pl.DataFrame({
        "year": ledger_num["year"],
        "month": ledger_num["month"],
        "account": cat(lines["account"].to_list()).gather(lid),
        "art": cat(lines["art"].to_list()).gather(lid),
        "amount_kind": cat(["actual", "budget_original", "budget_corrected"]).gather(ledger_num["kind_id"].to_numpy().astype(np.int64)),
        "cost_centre": cat(lines["cost_centre"].to_list()).gather(lid),
        "text": texts.gather(tid),
        "amount_ore": ledger_num["amount_ore"],
        "function": cat(fn_of_line).gather(lid),
        "dranst": lines["dranst"].gather(lid),
    })
    info = {"lines": lines.height, "coverage_target_by_function_year": {f"{f} {y}": round(c, 4) for (f, y), c in coverage.items()}}
    return ledger, info




# --------------------------------------------------------------------------------------------------
# benchmark, population, socio index, PL, savings
# --------------------------------------------------------------------------------------------------


def _population(rng: np.random.Generator, munis: pl.DataFrame, years: list[int], scale: Scale) -> pl.DataFrame:
    real = munis.filter(pl.col("kommunekode") != KOMMUNEKODE)
    rows = []
    for code, name, group in real.select("kommunekode", "name", "dst_group").iter_rows():
        base = APPROX_POPULATION[code]
        g = 0.010 if code in (101, 147, 751, 461, 851) else rng.normal(0.003, 0.003)
        small_island = base < 15_000 and group == "960"
        s65 = {"910": 0.17, "920": 0.15, "930": 0.20, "940": 0.21, "960": 0.25}[group]
        s65 = 0.11 if code == 101 else 0.14 if code == 147 else 0.33 if small_island else s65
        s0 = 0.17 if code in (101, 147) else 0.15 if small_island else 0.21
        s65 += rng.normal(0, 0.015)
        s0 += rng.normal(0, 0.01)
        for y in years:
            tot = base * (1 + g) ** (y - 2023) * math.exp(rng.normal(0, 0.001))
            a65 = s65 + 0.002 * (y - 2023)
            p0, p65 = int(round(tot * s0)), int(round(tot * a65))
            p18 = int(round(tot)) - p0 - p65
            rows.append((name, code, y, p0, p18, p65))
    pop0 = scale.population_2019
    for y in years:
        tot = pop0 * (1 + POPULATION_GROWTH) ** (y - BASE_YEAR)
        p0, p65 = int(round(tot * 0.215)), int(round(tot * (0.200 + 0.002 * (y - BASE_YEAR))))
        rows.append((KOMMUNE_NAME, KOMMUNEKODE, y, p0, int(round(tot)) - p0 - p65, p65))
    df = pl.DataFrame(rows, schema=["area_name", "kommunekode", "year", "0-17 år", "18-64 år", "65 år og derover"], orient="row")
    national = df.filter(pl.col("kommunekode") != KOMMUNEKODE).group_by("year").agg(
        pl.col("0-17 år", "18-64 år", "65 år og derover").sum()
    ).with_columns(pl.lit("Hele landet").alias("area_name"), pl.lit(0).cast(pl.Int64).alias("kommunekode"))
    df = pl.concat([df, national.select(df.columns)])
    long = df.unpivot(index=["area_name", "kommunekode", "year"], variable_name="age_label", value_name="persons")
    total = df.select("area_name", "kommunekode", "year", (pl.col("0-17 år") + pl.col("18-64 år") + pl.col("65 år og derover")).alias("persons")).with_columns(
        pl.lit("Alder i alt").alias("age_label"))
    long = pl.concat([long, total.select(long.columns)])
    order = {"0-17 år": 0, "18-64 år": 1, "65 år og derover": 2, "Alder i alt": 3}
    return long.with_columns(pl.col("age_label").replace_strict(order, return_dtype=pl.Int8).alias("_o"), pl.col("persons").cast(pl.Int64)).sort(
        [pl.col("kommunekode") == 0, "kommunekode", "year", "_o"]).drop("_o")


def _socio_index(rng: np.random.Generator, munis: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    rows = []
    for code in munis["kommunekode"].to_list():
        base = 104.0 if code == KOMMUNEKODE else float(np.clip(rng.normal(100, 14), 70, 140))
        drift = rng.normal(0, 0.4)
        for i, y in enumerate(years):
            rows.append((code, y, round(float(np.clip(base + drift * i + rng.normal(0, 0.3), 70, 140)), 1)))
    return pl.DataFrame(rows, schema=["kommunekode", "year", "index"], orient="row")




def _pl_index(rng: np.random.Generator, years: list[int]) -> dict[int, float]:
    """The demo PL series (2019 = 100, 1.8-3 %/year) for every year from min(first year, 2019) to the
    year after the last."""
    all_years = list(range(min(years[0], BASE_YEAR), years[-1] + 2))
    growth = {y: float(rng.uniform(0.018, 0.03)) for y in all_years}
    idx = {BASE_YEAR: 100.0}
    for y in range(BASE_YEAR + 1, all_years[-1] + 1):
        idx[y] = idx[y - 1] * (1 + growth[y])
    for y in range(BASE_YEAR - 1, all_years[0] - 1, -1):
        idx[y] = idx[y + 1] / (1 + growth[y + 1])
    return {y: round(idx[y], 1) for y in all_years}


def national_rate(function: str, year: int) -> float:
    """National net expenditure per inhabitant (kr., current prices) that the synthetic benchmark is scaled to:
    the real REGK31 figure where found (log-linear between the years found, extended at the nearest
    interval's rate), else Eksempelby's 2019 rate / 1.05 grown by an estimated rate."""
    real = REAL_NATIONAL_PER_INHABITANT.get(function)
    if real:
        ys = sorted(real)
        i = int(np.clip(np.searchsorted(ys, year) - 1, 0, len(ys) - 2))
        y0, y1 = ys[i], ys[i + 1]
        g = (real[y1] / real[y0]) ** (1 / (y1 - y0))
        return real[y0] * g ** (year - y0)
    g = NATIONAL_GROWTH_ESTIMATE.get(function, NATIONAL_GROWTH_DEFAULT)
    return FUNCTION_TARGETS[function][0] / 1.05 * (1 + g) ** (year - BASE_YEAR)


def _benchmark(
    rng: np.random.Generator,
    ledger: pl.DataFrame,
    population: pl.DataFrame,
    socio: pl.DataFrame,
    functions: pl.DataFrame,
    munis: pl.DataFrame,
    years: list[int],
    as_of: dt.date,
) -> pl.DataFrame:
    done_years = [y for y in years if completed_months(y, as_of) == 12]
    fn = functions.filter(pl.col("function_code").is_in(list(FUNCTION_TARGETS))).select("function_code", "name", "area")
    label = {c: f"{c} {n}" for c, n in zip(fn["function_code"], fn["name"])}
    area_of = dict(zip(fn["function_code"], fn["area"]))
    # Eksempelby: ledger net actuals, dranst 1, in 1,000 kr. (half away from zero)
    own = (
        ledger.filter((pl.col("amount_kind") == "actual") & (pl.col("dranst") == 1) & pl.col("year").is_in(done_years))
        .group_by(["function", "year"]).agg(pl.col("amount_ore").sum())
    )
    own_map = {(f, int(y)): int(v) for f, y, v in own.iter_rows()}

    def ore_to_thousands(v: int) -> int:
        q = (abs(v) + 50_000) // 100_000
        return q if v >= 0 else -q

    pop_map = {(k, y, a): p for k, y, a, p in population.select("kommunekode", "year", "age_label", "persons").iter_rows()}
    socio_map = {(k, y): v for k, y, v in socio.iter_rows()}
    real = munis.filter(pl.col("kommunekode") != KOMMUNEKODE).select("kommunekode", "name")
    codes, names = real["kommunekode"].to_list(), real["name"].to_list()
    rows = []
    for f in FUNCTION_TARGETS:
        tgt_age = "18-64 år" if area_of[f] == "voksne" else "0-17 år"
        fn_sigma = 0.25 if f not in ("5.38.44", "5.28.24", "5.38.35") else 0.6
        lvl = np.exp(rng.normal(0, 0.15, len(codes)) + rng.normal(0, fn_sigma, len(codes)))
        for y in done_years:
            raw = np.array([pop_map[(c, y, tgt_age)] * (socio_map.get((c, y), 100.0) / 100.0) ** 0.8 for c in codes])
            raw = raw * lvl * np.exp(rng.normal(0, 0.05, len(codes)))
            total_pop = sum(pop_map[(c, y, "Alder i alt")] for c in codes)
            kr = raw * national_rate(f, y) * total_pop / raw.sum()  # "Hele landet" per inhabitant = the national rate
            missing = rng.random(len(codes)) < 0.007
            for c, nm, v, miss in zip(codes, names, kr, missing):
                rows.append((nm, c, f, y, None if miss else int(round(v / 1000.0))))
            v = own_map.get((f, y))
            rows.append((KOMMUNE_NAME, KOMMUNEKODE, f, y, ore_to_thousands(v) if v is not None else 0))
    df = pl.DataFrame(rows, schema={"area_name": pl.String, "kommunekode": pl.Int64, "function": pl.String, "year": pl.Int64, "value": pl.Int64}, orient="row")
    national = df.filter(pl.col("kommunekode") != KOMMUNEKODE).group_by(["function", "year"]).agg(pl.col("value").sum()).with_columns(
        pl.lit("Hele landet").alias("area_name"), pl.lit(0, dtype=pl.Int64).alias("kommunekode"))
    df = pl.concat([df, national.select(df.columns)])
    df = df.with_columns(pl.col("function").replace_strict(label).alias("function_label"))
    return df.sort([pl.col("kommunekode") == 0, "kommunekode", "function", "year"])


def _savings(as_of: dt.date) -> pl.DataFrame:
    """The savings plan: targets, expected effects and, for completed years, realised effects."""
    rows = [(y, None, None, None, "maal", amount) for y, amount in SAVINGS_TARGETS.items()]
    for iid, name, area, expected, realised in SAVINGS_INITIATIVES:
        for y, exp, real in zip(SAVINGS_TARGETS, expected, realised):
            if exp <= 0:
                continue
            rows.append((y, iid, name, area, "forventet", float(exp)))
            if completed_months(y, as_of) == 12:
                rows.append((y, iid, name, area, "realiseret", float(real)))
    order = {"maal": 0, "forventet": 1, "realiseret": 2}
    return pl.DataFrame(rows, schema={"year": pl.Int64, "initiative_id": pl.String, "initiative": pl.String, "area": pl.String,
                                      "kind": pl.String, "amount": pl.Float64}, orient="row").with_columns(
        pl.col("kind").replace_strict(order, return_dtype=pl.Int8).alias("_o")).sort(["year", "_o", "initiative_id"], nulls_last=False).drop("_o")


def savings_outstanding(savings: pl.DataFrame) -> dict[int, float]:
    """Net outstanding target per year (kr.): target + the shortfall carried over from the year before -
    realised effects; years without realised effects are left out."""
    out: dict[int, float] = {}
    carry = 0.0
    for y in sorted(SAVINGS_TARGETS):
        real = savings.filter((pl.col("year") == y) & (pl.col("kind") == "realiseret"))["amount"]
        if real.len() == 0:
            break
        out[y] = SAVINGS_TARGETS[y] + carry - float(real.sum())
        carry = max(out[y], 0.0)
    return out


# --------------------------------------------------------------------------------------------------
# generate
# --------------------------------------------------------------------------------------------------


def generate(
    *,
    seed: int = 42,
    until_year: int | None = None,
    scale: Scale = DEMO,
    as_of: dt.date | None = None,
) -> SynthData:
    """Build every synthetic table in memory. Deterministic for (seed, until_year, scale, as_of)."""
    today = dt.date.today()
    until_year = until_year or (as_of.year if as_of is not None else today.year)
    if as_of is None:
        as_of = resolve_as_of(until_year, today)
    first_year = until_year - scale.years + 1 if scale.years else BASE_YEAR
    if first_year > until_year:
        raise ValueError("until_year must not be before the first year")
    years = list(range(first_year, until_year + 1))
    functions, munis = _load_reference()
    root = np.random.SeedSequence(seed)
    r_act, r_led, r_pop, r_soc, r_pl, r_ben, r_prov = (np.random.default_rng(s) for s in root.spawn(7))
    pl_full = _pl_index(r_pl, years)
    provider = _provider_choice(r_prov)
    h0 = initial_hap(scale, provider)
    activity = _build_activity(r_act, years, as_of, scale, h0, provider, pl_full)
    ledger, info = _build_ledger(r_led, activity, years, as_of, scale, functions, pl_full)
    population = _population(r_pop, munis, years, scale)
    socio = _socio_index(r_soc, munis, years)
    benchmark = _benchmark(r_ben, ledger, population, socio, functions, munis, years, as_of)
    savings = _savings(as_of)
    pl_years = list(range(years[0], years[-1] + 2))
    pl_df = pl.DataFrame({"year": pl_years, "index": [pl_full[y] for y in pl_years]}).with_columns(
        pl.lit(PL_SOURCE).alias("source"))
    info.update({"measures": int(activity["measure_id"].n_unique()), "citizens": int(activity["cpr"].n_unique()),
                 "hap_2019_by_kind": {k.key: round(float(h), 2) for k, h in zip(KINDS, h0)}})
    return SynthData(seed, until_year, as_of, years, scale, ledger, activity, benchmark, population, socio, pl_df, savings, info)


# --------------------------------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------------------------------


def danish_amount_expr(ore: pl.Expr) -> pl.Expr:
    """Øre (Int64) -> '1.234.567,89' with thousands dots, decimal comma and a trailing minus."""
    a = ore.abs()
    kr = (a // 100).cast(pl.String).str.reverse().str.replace_all(r"(\d{3})", "${1}.").str.strip_chars_end(".").str.reverse()
    dec = (a % 100).cast(pl.String).str.zfill(2)
    return pl.concat_str([kr, pl.lit(","), dec, pl.when(ore < 0).then(pl.lit("-")).otherwise(pl.lit(""))])


def _write_cp1252(df: pl.DataFrame, path: Path, chunk_rows: int = 2_000_000) -> None:
    with open(path, "wb") as fh:
        for i, start in enumerate(range(0, max(df.height, 1), chunk_rows)):
            buf = io.BytesIO()
            df.slice(start, chunk_rows).write_csv(buf, separator=";", include_header=(i == 0), quote_style="necessary")
            fh.write(buf.getvalue().decode("utf-8").encode("cp1252"))


def write_ledger_csv(ledger: pl.DataFrame, path: Path) -> None:
    out = ledger.select(
        pl.col("year").alias("Regnskabsår"),
        pl.col("month").alias("Periode"),
        pl.col("account").alias("Kontonummer"),
        pl.col("art").alias("Art"),
        pl.col("amount_kind").cast(pl.String).replace_strict(AMOUNT_KIND_LABEL).alias("Beløbstype"),
        pl.col("cost_centre").alias("Omkostningssted"),
        pl.col("text").alias("Posteringstekst"),
        danish_amount_expr(pl.col("amount_ore")).alias("Beløb"),
    )
    _write_cp1252(out, path)


# The children's and families' case system (DUBU-like): XLSX, CPR as DDMMYY-XXXX, one case per family.
ACTIVITY_HEADER = (
    "CPR-nr.", "Sagsnummer", "Lovhjemmel", "Ydelse", "Tilbudstype", "Funktion", "Leverandør", "Leverandørtype",
    "Ydelse startdato", "Ydelse slutdato", "Takst", "Takstenhed", "Timer pr. uge", "Funktionsevneniveau",
    "Betalingskommune",
)
# The adults' case system (Sensum-like): CSV, CPR as ten digits, one case per citizen, the purchase's ERP
# account key, FFB level names.
ADULT_ACTIVITY_HEADER = (
    "CPR", "SagId", "Paragraf", "Indsats", "Tilbud", "Konto", "LeverandørNavn", "LeverandørType",
    "IndsatsStartDato", "IndsatsSlutDato", "Takst", "TakstEnhed", "TimerPrUge", "Funktionsevne", "Betalingskommune",
)
ADULT_PROVIDER_TYPE = {"Egen kommune": "Egen", "Anden kommune": "Anden kommune", "Region": "Region", "Privat": "Privat"}
ADULT_UNIT = {"Dag": "Døgn", "Uge": "Uge", "Måned": "Måned", "År": "År", "Time": "Time"}
FFB_LEVEL = {"0": "Ingen nedsat funktionsevne", "1": "Let nedsat funktionsevne", "2": "Moderat nedsat funktionsevne",
             "3": "Svært nedsat funktionsevne", "4": "Fuldstændig nedsat funktionsevne", "Ikke vurderet": "Ikke vurderet"}


def _cpr_with_dash(cpr: pl.Expr) -> pl.Expr:
    return cpr.str.slice(0, 6) + "-" + cpr.str.slice(6, 4)


def activity_export_frame(activity: pl.DataFrame) -> pl.DataFrame:
    """The children's-system export (DUBU-like columns) of the children's rows of ``activity``."""
    return activity.filter(pl.col("system") == "boern").select(
        _cpr_with_dash(pl.col("cpr")).alias("CPR-nr."),
        pl.col("case_id").alias("Sagsnummer"),
        pl.col("paragraph").alias("Lovhjemmel"),
        pl.col("measure").alias("Ydelse"),
        pl.col("offer_type").alias("Tilbudstype"),
        pl.col("function").alias("Funktion"),
        pl.col("provider").alias("Leverandør"),
        pl.col("provider_type").alias("Leverandørtype"),
        pl.col("start_date").alias("Ydelse startdato"),
        pl.col("end_date").alias("Ydelse slutdato"),
        pl.col("tariff").alias("Takst"),
        pl.col("unit").alias("Takstenhed"),
        pl.col("hours_per_week").alias("Timer pr. uge"),
        pl.col("level").alias("Funktionsevneniveau"),
        pl.col("paying").alias("Betalingskommune"),
    )


def adult_activity_export_frame(activity: pl.DataFrame) -> pl.DataFrame:
    """The adults'-system export (Sensum-like columns, all text as written) of the adults' rows of ``activity``."""
    return activity.filter(pl.col("system") == "voksne").select(
        pl.col("cpr").alias("CPR"),
        pl.col("case_id").alias("SagId"),
        pl.col("paragraph").alias("Paragraf"),
        pl.col("measure").alias("Indsats"),
        pl.col("offer_type").alias("Tilbud"),
        (pl.col("function").str.replace_all(".", "", literal=True) + "1" + pl.col("grouping")).alias("Konto"),
        pl.col("provider").alias("LeverandørNavn"),
        pl.col("provider_type").replace_strict(ADULT_PROVIDER_TYPE).alias("LeverandørType"),
        pl.col("start_date").dt.strftime("%d-%m-%Y").alias("IndsatsStartDato"),
        pl.col("end_date").dt.strftime("%d-%m-%Y").alias("IndsatsSlutDato"),
        _decimal_comma(pl.col("tariff"), 2).alias("Takst"),
        pl.col("unit").replace_strict(ADULT_UNIT).alias("TakstEnhed"),
        _decimal_comma(pl.col("hours_per_week"), 1).alias("TimerPrUge"),
        pl.col("level").replace_strict(FFB_LEVEL).alias("Funktionsevne"),
        pl.col("paying").cast(pl.String).alias("Betalingskommune"),
    )


def write_activity_xlsx(activity: pl.DataFrame, path: Path, as_of: dt.date) -> None:
    """The children's-system export: title rows, then the DUBU-like table (dates as Excel dates)."""
    import xlsxwriter

    df = activity_export_frame(activity)
    with xlsxwriter.Workbook(str(path)) as wb:
        created = dt.datetime(as_of.year, as_of.month, as_of.day)
        wb.set_properties({"title": "Udtræk fra børne- og familiesystemet", "author": "synth (syntetiske data)",
                           "created": created})
        ws = wb.add_worksheet("Udtræk")
        bold = wb.add_format({"bold": True, "font_size": 13})
        ws.write(0, 0, f"Udtræk fra fagsystem (børn og familie) – {KOMMUNE_FULL_NAME} (syntetiske data)", bold)
        ws.write(1, 0, f"Dannet {as_of.strftime('%d-%m-%Y')}")
        df.write_excel(
            wb,
            ws,
            position="A4",
            table_style=None,
            autofilter=False,
            dtype_formats={pl.Date: "dd-mm-yyyy"},
            column_formats={"Takst": "#,##0.00", "Timer pr. uge": "0.0"},
            float_precision=2,
            column_widths={c: 16 for c in df.columns} | {"Leverandør": 44, "Ydelse": 30, "Lovhjemmel": 22},
        )


def write_adult_activity_csv(activity: pl.DataFrame, path: Path, as_of: dt.date) -> None:
    """The adults'-system export: a title line with the extraction date, then ';'-separated UTF-8 (with BOM),
    dates dd-mm-yyyy, decimal comma."""
    df = adult_activity_export_frame(activity)
    buf = io.BytesIO()
    df.write_csv(buf, separator=";", quote_style="necessary", null_value="")
    title = f"Udtræk fra voksensystemet - {KOMMUNE_FULL_NAME} (syntetiske data) - udtrukket {as_of:%d-%m-%Y}\n"
    path.write_bytes(b"\xef\xbb\xbf" + title.encode("utf-8") + buf.getvalue())


def write_benchmark_csv(benchmark: pl.DataFrame, path: Path) -> None:
    out = benchmark.select(
        pl.col("area_name").alias("OMRÅDE"),
        pl.col("function_label").alias("FUNKTION"),
        pl.lit("1 Driftskonti").alias("DRANST"),
        pl.lit("I alt (netto)").alias("ART"),
        pl.lit("Løbende priser (1.000 kr.)").alias("PRISENHED"),
        pl.col("year").alias("TID"),
        pl.col("value").cast(pl.String).fill_null("..").alias("INDHOLD"),
    )
    _write_cp1252(out, path)


def find_real_benchmark(path: Path | None = None) -> Path | None:
    for p in ([path] if path else []) + list(REAL_BENCHMARK_CANDIDATES):
        if p is not None and Path(p).is_file():
            return Path(p)
    return None


def real_benchmark_frame(source: Path) -> pl.DataFrame:
    src = pl.read_csv(source, infer_schema=False)
    return src.select(
        pl.col("omraade_kode").cast(pl.Int64).alias("kommunekode"),
        pl.col("aar").cast(pl.Int64).alias("aar"),
        pl.col("funktion"),
        pl.lit("kr_pr_indbygger").alias("enhed"),
        pl.col("vaerdi").alias("vaerdi"),  # copied as text, exactly
    ).sort(["aar", "kommunekode"])


def _write_utf8(df: pl.DataFrame, path: Path, **kw) -> None:
    df.write_csv(path, separator=";", quote_style="necessary", **kw)


def write_population_csv(population: pl.DataFrame, path: Path) -> None:
    _write_utf8(population.select(
        pl.col("area_name").alias("OMRÅDE"), pl.col("age_label").alias("ALDER"), pl.col("year").alias("TID"),
        pl.col("persons").alias("INDHOLD")), path)


def _decimal_comma(expr: pl.Expr, decimals: int) -> pl.Expr:
    return expr.round(decimals).cast(pl.Decimal(20, decimals)).cast(pl.String).str.replace(".", ",", literal=True)


def write_socio_csv(socio: pl.DataFrame, path: Path) -> None:
    _write_utf8(socio.select(pl.col("kommunekode"), pl.col("year").alias("aar"), _decimal_comma(pl.col("index"), 1).alias("indeks")), path)


def write_pl_csv(pl_index: pl.DataFrame, path: Path) -> None:
    _write_utf8(pl_index.select(pl.col("year").alias("aar"), _decimal_comma(pl.col("index"), 1).alias("indeks"),
                                pl.col("source").alias("kilde")), path)


def write_savings_csv(savings: pl.DataFrame, path: Path) -> None:
    _write_utf8(savings.select(
        pl.col("year").alias("aar"), pl.col("initiative_id").alias("initiativ_id"), pl.col("initiative").alias("initiativ"),
        pl.col("area").alias("omraade"), pl.col("kind").alias("type"), _decimal_comma(pl.col("amount"), 2).alias("beloeb")), path)




def compute_totals(data: SynthData, real_rows: int | None = None) -> dict:
    led = data.ledger
    by = led.group_by(["year", "amount_kind"]).agg(pl.col("amount_ore").sum()).sort(["year", "amount_kind"])
    sums: dict[str, dict[str, float]] = {}
    for y in data.years:
        sums[str(y)] = {"actual": 0.0, "budget_original": 0.0, "budget_corrected": 0.0}
    for y, k, v in by.iter_rows():
        sums[str(y)][k] = round(int(v) / 100.0, 2)
    act = data.activity
    files = {ACTIVITY_FILES[s]: int(n) for s, n in act.group_by("system").len().iter_rows()}
    totals = {
        "generator": {
            "seed": data.seed,
            "until_year": data.until_year,
            "as_of": data.as_of.isoformat(),
            "years": data.years,
            "scale": {
                "citizens": data.scale.citizens,
                "cost_centres": data.scale.cost_centres,
                "years": data.scale.years,
                "price_lines_per_year": data.scale.price_lines_per_year,
                "population": data.scale.population_2019,
            },
        },
        "ledger": {"rows": led.height, "sum_dkk_by_year_kind": sums},
        "activity": {
            "rows": act.height,
            "rows_by_file": dict(sorted(files.items())),
            "citizens": int(act["cpr"].n_unique()),
            "citizens_in_both_files": int(act.group_by("cpr").agg(pl.col("system").n_unique())
                                          .filter(pl.col("system") == 2).height),
            "measures": int(act["measure_id"].n_unique()),
            "tariff_sum": round(float(act["tariff"].sum()), 2),
        },
        "benchmark_kommuner": {
            "rows_with_value": int(data.benchmark["value"].is_not_null().sum()),
            "rows_missing": int(data.benchmark["value"].is_null().sum()),
        },
        "population": {"rows": data.population.height},
        "socio_index": {"rows": data.socio_index.height},
        "pl_index": {"rows": data.pl_index.height},
        "savings": {"rows": data.savings.height},
    }
    if real_rows is not None:
        totals["benchmark_real"] = {"rows": real_rows}
    return totals


def write_demo(
    out_dir: str | Path,
    *,
    seed: int = 42,
    until_year: int | None = None,
    scale: Scale = DEMO,
    as_of: dt.date | None = None,
    real_benchmark: Path | None = None,
    write_activity: bool = True,
) -> dict:
    """Generate and write every demo file into ``out_dir``; returns the totals written to totals.json.

    ``write_activity=False`` skips the children's-system XLSX (slow for large scales); the adults' CSV is
    always written, and the totals still describe both.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = generate(seed=seed, until_year=until_year, scale=scale, as_of=as_of)
    write_ledger_csv(data.ledger, out / FILE_LEDGER)
    if write_activity:
        write_activity_xlsx(data.activity, out / FILE_ACTIVITY_CHILDREN, data.as_of)
    write_adult_activity_csv(data.activity, out / FILE_ACTIVITY_ADULTS, data.as_of)
    write_benchmark_csv(data.benchmark, out / FILE_BENCHMARK)
    src = find_real_benchmark(real_benchmark)
    real_rows = None
    if src is not None:
        real = real_benchmark_frame(src)
        _write_utf8(real, out / FILE_BENCHMARK_REAL)
        real_rows = real.height
    write_population_csv(data.population, out / FILE_POPULATION)
    write_socio_csv(data.socio_index, out / FILE_SOCIO)
    write_pl_csv(data.pl_index, out / FILE_PL)
    write_savings_csv(data.savings, out / FILE_SAVINGS)
    totals = compute_totals(data, real_rows)
    (out / "totals.json").write_text(json.dumps(totals, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "README.md").write_text(README_TEXT, encoding="utf-8")
    return totals


# --------------------------------------------------------------------------------------------------
# calibration targets (README and tests/test_demo_story.py)
# --------------------------------------------------------------------------------------------------

# What the generated demo must show; tests/test_demo_story.py checks each on the fixed-date test demo, and
# README_TEXT lists them with their sources. Ranges are (low, high); years are complete years.
STORY_TARGETS: dict[str, tuple[float, float]] = {
    # Eksempelby's net expenditure (dranst 1) per inhabitant / the real national figure, on the functions
    # where one was found (REAL_NATIONAL_PER_INHABITANT)
    "per_inhabitant_vs_real": (0.80, 1.20),
    # net expenditure per inhabitant in 2019 (kr.), estimates
    "per_inhabitant_2019_5.38": (4100.0, 5000.0),
    "per_inhabitant_2019_5.28": (2450.0, 3000.0),
    # growth of 5.38 net expenditure 2019 -> 2022
    "growth_5.38_2019_2022": (0.10, 0.22),
    # full-year persons on 5.38 (merged per citizen and function): growth each complete year
    "hap_growth_5.38_per_year": (0.002, 0.03),
    # mean need level (0-4) of 5.38's assessed full-year persons: rise from 2019 to the last complete year
    "level_mean_rise_5.38": (0.05, 0.40),
    # tariff growth above the PL index, per year (median over the same kind, level and provider)
    "tariff_above_pl_residential": (0.005, 0.02),
    "tariff_above_pl_other_adult": (-0.005, 0.01),
    # §§ 107-108 (5.38.50 + 5.38.52) share of the growth of 5.38 net expenditure, 2019 -> last complete year
    "residential_share_of_growth": (0.55, 0.80),
    # share of activity cost bought from other municipalities, regions and private providers
    "external_share_residential": (0.60, 0.85),
    "external_share_placements": (0.60, 0.90),
    # citizens whose activity cost in a complete year is 2-5 mio. kr. (none above 5 mio. kr.)
    "citizens_2_5_mio": (3, 30),
    # external price lines of residential offers and placements at >= 1.4 x the median of their kind and level
    "expensive_external_share": (0.02, 0.25),
    # activity cost / ledger net expenditure on the same functions
    "coverage": (0.80, 0.94),
}
STORY_MINIMUMS: dict[str, int] = {
    "families": 50,  # children's cases with two or more children
    "moved_on_at_18": 20,  # young people whose first adult measure starts within 120 days of the 18th birthday
    "stu_citizens": 30,  # citizens in STU, all under 25 when it starts
    "placed_aged_15_17": 20,  # children aged 15-17 in residential placements (opholdssted, døgninstitution)
}


def _fmt_kr(v: float) -> str:
    return f"{v:,.0f}".replace(",", ".")


def _readme() -> str:
    """README.md of the demo folder: what is synthetic, how it is made, the calibration targets and sources."""
    real_rows = "\n".join(
        f"| {f} | " + " | ".join(_fmt_kr(vals[y]) if y in vals else "–" for y in (2019, 2022, 2024)) + " |"
        for f, vals in REAL_NATIONAL_PER_INHABITANT.items())
    basis = {"5.28.21": "REGK31 2019 (1.027) x 1,04", "5.28.22": "REGK31 2019 (675) x 1,04",
             "5.38.45": "REGK31 2022 (169) / 1,03³ x 1,04"}
    target_rows = "\n".join(
        f"| {f} | {_fmt_kr(rate)} | {basis.get(f, 'skøn' if growth is None else f'skøn, +{growth * 100:.1f} %/år'.replace('.', ','))} |"
        for f, (rate, growth) in FUNCTION_TARGETS.items())
    t = STORY_TARGETS

    def rng(key: str, pct: bool = True) -> str:
        lo, hi = t[key]
        f = (lambda v: f"{v * 100:.1f} %".replace(".", ",")) if pct else (lambda v: _fmt_kr(v))
        return f"{f(lo)} – {f(hi)}"

    return f"""# Demo-data: Eksempelby Kommune (syntetiske data)

**Dansk.** Alle filer i denne mappe er syntetiske og fiktive: Eksempelby Kommune (kommunekode 999),
borgere, CPR-numre (kun formatet ligner), sager, leverandører, beløb, befolkningstal, socioøkonomisk
indeks, PL-serien (en demo-serie, ikke KL's officielle tal), besparelser og alle andre kommuners
nøgletal i `benchmark_kommuner.csv` er opdigtet. Eneste undtagelse er `benchmark_53845_real.csv`, som
indeholder rigtige tal fra Danmarks Statistik (REGK31, nettodriftsudgifter pr. indbygger til funktion
5.38.45, 2022 og 2024). Data dannes af `python -m synth demo --out <mappe> [--as-of ÅÅÅÅ-MM-DD] [--seed N]`
med en fast seed: først aktiviteten (en bestand-strøm-model af indsatser med takster, niveauer og
leverandører), dernæst regnskabet ud fra aktivitetens udgifter plus udgifter uden aktivitet, og til
sidst benchmark- og baggrundstabeller; `totals.json` rummer generatorens egne kontroltal. Størrelserne er
kalibreret til rigtige landstal, hvor de kunne findes (tabellerne nedenfor).

**English.** Every file in this folder is synthetic and fictive: the municipality Eksempelby Kommune
(code 999), citizens, CPR numbers (CPR-shaped only), cases, providers, amounts, population figures, the
socio-economic index, the PL series (a demo series, not KL's official figures), savings, and all other
municipalities' figures in `benchmark_kommuner.csv` are made up. The only exception is
`benchmark_53845_real.csv`, which holds real Statistics Denmark figures (REGK31, net operating expenditure
per inhabitant on function 5.38.45, 2022 and 2024). The data are produced by
`python -m synth demo --out <dir> [--as-of YYYY-MM-DD] [--seed N]` with a fixed seed: first the activity
(a stock-flow model of measures with tariffs, need levels and providers), then the ledger from the
activity cost plus cost without activity, and finally the benchmark and background tables; `totals.json`
holds the generator's own control totals. The sizes are calibrated to real national figures where these
were found (tables below).

## Filer / Files

| fil | indhold | mapping |
| --- | --- | --- |
| `{FILE_LEDGER}` | regnskab (ERP, Prisme-stil, Windows-1252) | `prisme` |
| `{FILE_ACTIVITY_CHILDREN}` | børne- og familiesystemet (DUBU-stil XLSX): 5.28, efterværn; CPR `DDMMÅÅ-XXXX`, én sag pr. familie | `fagsystem` |
| `{FILE_ACTIVITY_ADULTS}` | voksensystemet (Sensum-stil CSV): 5.38 og STU (3.30.46); CPR `DDMMÅÅXXXX`, én sag pr. borger, konto = ERP-nøgle | `sensum` |
| `{FILE_BENCHMARK}` | andre kommuners nøgletal (syntetiske, Statistikbankens form) | `statbank` |
| `{FILE_BENCHMARK_REAL}` | REGK31 5.38.45 pr. indbygger 2022 og 2024 (rigtige tal) | `standard` |
| `{FILE_POPULATION}`, `{FILE_SOCIO}`, `{FILE_PL}` | befolkning, socioøkonomisk indeks, PL-demo-serie | `statbank`, `standard` |
| `{FILE_SAVINGS}` | spareplan 2023-2026: mål, forventet og realiseret effekt | `standard` |

Both activity exports are imported with the same pseudonym key: a young person who leaves a placement on the
day before the 18th birthday and starts in an adult offer (§ 107, § 85 or STU) is the same citizen in both.

## Kalibrering / Calibration

Eksempelby has {_fmt_kr(BASE_POPULATION)} inhabitants in 2019 (+{str(round(POPULATION_GROWTH * 100, 1)).replace(".", ",")} %/year), 21,5 %
aged 0-17 and about 58 % aged 18-64 (estimates: no complete public population-by-age file was found; the
FOLK1A extract in `JonasRex/JupyterLab_My_Notebooks`, `data/FOLK1A.csv` @ 1282eb6541ed4b368a44bb69e2c1b432982a8d3b,
lacks some ages, so it gives no age-group totals).

**Real national figures used** (REGK31, Hele landet, net operating expenditure "I alt (netto)", kr. per
inhabitant, current prices), from the REGK31 CSV exports in the public repository
`marieleth/marieleth--hvad-bruger-din-kommune-pengene-paa`, files `data/2019.csv`, `data/2022.csv` and
`data/2024.csv` at commit `18c5cc18137e41476d2c9e1897c245c5fa910d8e` (the 5.38.45 figures are also shipped
in `data/reference/regk31_53845_pr_indbygger_2022_2024.csv`):

| funktion | 2019 | 2022 | 2024 |
| --- | --- | --- | --- |
{real_rows}

**Not found**: national net expenditure per inhabitant on 5.38 and 5.28 as a whole (the extracts above hold
only 5.28.21, 5.28.22 and 5.38.45 of the specialised area). Documented estimates are used instead:
5.38 ≈ 4.540 kr. per inhabitant in 2019, from the Norddjurs figure in `shared/docs/domain-sources.md` §6
(specialised adult area 186,3 mio. kr. in 2019 for about 37.000 inhabitants ≈ 5.000 kr.; marked NOT
verified there; a rural municipality spending above average, so about 10 % lower here); 5.28 ≈ 2.730 kr.:
the verified 5.28.21 and 5.28.22 (1.702 kr. in 2019) x 1,04 plus an estimate of 960 kr. for placements in
opholdssteder and døgninstitutioner, secure units and special day care (5.28.20, 5.28.23-25).

Eksempelby's 2019 net expenditure per inhabitant by function (x inhabitants = the 2019 money the activity is
sized to; the socio-economic index is 104, so real national figures are taken x 1,04):

| funktion | kr. pr. indbygger 2019 | grundlag |
| --- | --- | --- |
{target_rows}

From 2019 the activity grows the way the national analyses describe: more citizens every year (full-year
persons +0,3 to +4 % a year by offer), heavier needs of new citizens (the need-level mix drifts upwards),
tariffs regulated by the PL index plus 1 %/year for residential offers and placements (0,3 % for the rest),
so that residential offers (§§ 107-108) carry most of the growth: domain.md says residential offers (§§ 107-110)
drove about half of the national increase 2018-2022, and a KL analysis of 21 municipalities found residential
spending +14 % beyond PL 2018-2021 (domain-sources.md §6, verified); the Norddjurs seed figures (+12,3 % on
the adult area and +28,7 % on residential offers 2019-2022) are marked NOT verified. The demo PL series rises
1,8-3 %/year (not KL's figures).

## Mål, som data testes mod / Targets the data are tested against

`tests/test_demo_story.py` checks each of these on the demo extracted 15-11-2026 (complete years 2019-2025):

| mål / target | interval | kilde / source |
| --- | --- | --- |
| 5.28.21, 5.28.22, 5.38.45 net per inhabitant / real national figure (2019, 2022, 2024 where found) | {rng("per_inhabitant_vs_real")} | REGK31 (above) |
| 5.38 net per inhabitant 2019 | {rng("per_inhabitant_2019_5.38", False)} kr. | estimate (above) |
| 5.28 net per inhabitant 2019 | {rng("per_inhabitant_2019_5.28", False)} kr. | estimate (above) |
| growth of 5.38 net expenditure 2019 → 2022 | {rng("growth_5.38_2019_2022")} | Norddjurs +12,3 % (not verified); +14 % beyond PL on residential offers 2018-2021 (verified) |
| 5.38 full-year persons (HÅP), growth each complete year | {rng("hap_growth_5.38_per_year")} | issue: "HÅP rising a little each year" |
| mean need level (0-4) of 5.38 HÅP, rise 2019 → last complete year | {t["level_mean_rise_5.38"][0]:.2f} – {t["level_mean_rise_5.38"][1]:.2f} | heavier needs (domain.md) |
| same-offer tariffs above PL, per year: §§ 107-108 | {rng("tariff_above_pl_residential")} | "prices above PL" |
| same-offer tariffs above PL, per year: other adult offers | {rng("tariff_above_pl_other_adult")} | |
| §§ 107-108 share of the growth of 5.38, 2019 → last complete year | {rng("residential_share_of_growth")} | "residential offers behind about half of the increase" (domain.md) |
| share of residential (§§ 107-108) activity cost bought externally | {rng("external_share_residential")} | "most places are bought" (domain.md) |
| share of children's placements bought externally | {rng("external_share_placements")} | |
| citizens costing 2-5 mio. kr. in a complete year (none above 5 mio.) | {t["citizens_2_5_mio"][0]:.0f} – {t["citizens_2_5_mio"][1]:.0f} | 845 residential cases > 2 mio. kr. in 59 municipalities, 2022 (domain-sources.md §6, verified): about 14 per municipality |
| external residential/placement price lines at ≥ 1,4 x the median of their kind and level | {rng("expensive_external_share")} | screening of external purchases (domain.md) |
| activity coverage of the ledger | {rng("coverage")} | |
| children's cases with 2+ children (families) | ≥ {STORY_MINIMUMS["families"]} | |
| young people moving from a 5.28 placement or after-care to a 5.38 offer at 18 | ≥ {STORY_MINIMUMS["moved_on_at_18"]} | |
| citizens in STU, all under 25 at the start | ≥ {STORY_MINIMUMS["stu_citizens"]} | |
| children aged 15-17 in residential placements | ≥ {STORY_MINIMUMS["placed_aged_15_17"]} | |
| savings plan: targets 2, 3, 5, 7 mio. kr.; 2023 met, 2024 short (carried over), 2025 met incl. the carry-over | exact | domain.md (savings programmes) |

Ages: a citizen's birth date is in the CPR number; the 7th digit gives the century by the standard CPR rule
(0-3: 1900-1999; 4 and 9: 2000-2036 for years 00-36, else 1937-1999; 5-8: 2000-2057 for years 00-57, else
1858-1899).
"""


README_TEXT = _readme()
