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

The stages, one module each: synth.model (constants, rule tables, scale, helpers), synth.activity,
synth.ledger, synth.context (population, indices, benchmark, savings) and synth.write (generate() and the
writers); synth.load builds the demo database from the written files through the real importer.
"""

from synth.model import DEMO, LARGE, Scale, SynthData
from synth.write import compute_totals, generate, write_demo

__all__ = ["DEMO", "LARGE", "Scale", "SynthData", "compute_totals", "generate", "write_demo"]
