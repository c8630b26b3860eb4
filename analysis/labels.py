"""The single label catalogue of the dashboard UI (Danish default, English available).

Every user-facing text goes through :func:`t`::

    t("page.overview")                     # "Overblik"
    t("page.overview", lang="en")          # "Overview"
    t("sidebar.prices_fixed", year=2025)   # "Faste 2025-priser"

Keys are snake_case and dotted, grouped by prefix (``page.``, ``sidebar.``,
``kind.`` ...). Keys that mirror a data value use that value verbatim after the
prefix, so a lookup is ``t(f"provider_type.{row['provider_type']}")``.

To add a label, add one entry to :data:`LABELS` with a non-empty text for
*every* language in :data:`LANGUAGES`; both texts must use the same
``{placeholders}``. Texts are always passed through ``str.format``, so a
literal brace must be written ``{{`` / ``}}``. The tests in
``tests/test_labels.py`` enforce these rules.

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
analysis.formatting.fmt_values and tests/test_concurrency.py).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "LABELS", "t", "available_languages", "has_label",
           "current_language", "set_language", "reset_language", "use_language"]

#: Language used when none is given.
DEFAULT_LANGUAGE = "da"

#: Supported languages, default first.
LANGUAGES: tuple[str, ...] = ("da", "en")

#: key -> {language -> text}. Keep this one dict literal, grouped by prefix.
LABELS: dict[str, dict[str, str]] = {
    # --- app shell ---------------------------------------------------------------
    "app.title": {"da": "Kommunale udgifter", "en": "Municipal expenditure"},
    "app.subtitle": {
        "da": "Voksne (5.38) og børn og unge (5.28)",
        "en": "Adults (5.38) and children and young people (5.28)",
    },
    "app.language": {"da": "Sprog", "en": "Language"},
    # the language picker names each language in itself: t("language.da", "da"), t("language.en", "en")
    "language.da": {"da": "Dansk", "en": "Danish"},
    "language.en": {"da": "Engelsk", "en": "English"},
    # --- pages -------------------------------------------------------------------
    "page.overview": {"da": "Overblik", "en": "Overview"},
    "page.trend": {"da": "Udgiftsudvikling", "en": "Expenditure trend"},
    "page.decomposition": {"da": "Dekomponering", "en": "Decomposition"},
    "page.comparison": {"da": "Sammenligning", "en": "Comparison"},
    "page.about": {"da": "Om tallene", "en": "About the numbers"},
    "page.data": {"da": "Data", "en": "Data"},
    # --- sidebar -----------------------------------------------------------------
    "sidebar.municipality": {"da": "Kommune", "en": "Municipality"},
    "sidebar.area": {"da": "Område", "en": "Area"},
    "sidebar.period": {"da": "Periode", "en": "Period"},
    "sidebar.year_from": {"da": "Fra år", "en": "From year"},
    "sidebar.year_to": {"da": "Til år", "en": "To year"},
    "sidebar.prices": {"da": "Priser", "en": "Prices"},
    "sidebar.prices_current": {"da": "Løbende priser", "en": "Current prices"},
    "sidebar.prices_fixed": {"da": "Faste {year}-priser", "en": "Constant {year} prices"},
    "sidebar.comparison_group": {"da": "Sammenligningsgruppe", "en": "Comparison group"},
    "sidebar.amount_kind": {"da": "Beløbstype", "en": "Amount type"},
    # --- status and notices ------------------------------------------------------
    "status.budget_not_loaded": {"da": "Budget ikke indlæst", "en": "Budget not loaded"},
    "status.not_loaded": {"da": "Ikke indlæst", "en": "Not loaded"},
    "status.loaded": {"da": "Indlæst", "en": "Loaded"},
    "status.synthetic_data": {
        "da": "Syntetiske demodata – Eksempelby Kommune er fiktiv",
        "en": "Synthetic demo data – Eksempelby Municipality is fictitious",
    },
    "status.no_data": {
        "da": "Ingen data for det valgte udsnit",
        "en": "No data for the current selection",
    },
    "status.loading": {"da": "Indlæser …", "en": "Loading …"},
    "status.missing_value": {"da": "Ikke tilgængelig", "en": "Not available"},
    # --- measures ----------------------------------------------------------------
    "measure.net_expenditure": {"da": "Nettoudgift", "en": "Net expenditure"},
    "measure.gross_expenditure": {"da": "Bruttoudgift", "en": "Gross expenditure"},
    "measure.revenue": {"da": "Indtægter", "en": "Revenue"},
    "measure.full_year_persons": {"da": "Helårspersoner (HÅP)", "en": "Full-year persons (FYP)"},
    "measure.unit_price": {"da": "Enhedspris", "en": "Unit price"},
    "measure.unit_price_per_person": {
        "da": "Enhedspris pr. helårsperson",
        "en": "Unit price per full-year person",
    },
    "measure.per_inhabitant": {"da": "Pr. indbygger", "en": "Per inhabitant"},
    "measure.change": {"da": "Ændring", "en": "Change"},
    "measure.change_since": {"da": "Ændring siden {year}", "en": "Change since {year}"},
    "measure.share": {"da": "Andel", "en": "Share"},
    "measure.deviation": {"da": "Afvigelse", "en": "Deviation"},
    "measure.consumption_rate": {"da": "Forbrugsprocent", "en": "Spending rate"},
    "measure.price_effect": {"da": "Priseffekt", "en": "Price effect"},
    "measure.volume_effect": {"da": "Mængdeeffekt", "en": "Volume effect"},
    "measure.mix_effect": {"da": "Sammensætningseffekt", "en": "Mix effect"},
    # --- amount kinds (ledger.amount_kind) ---------------------------------------
    "kind.actual": {"da": "Regnskab", "en": "Actual"},
    "kind.budget_original": {"da": "Oprindeligt budget", "en": "Original budget"},
    "kind.budget_corrected": {"da": "Korrigeret budget", "en": "Corrected budget"},
    # --- areas (function groups) -------------------------------------------------
    "area.all": {"da": "Alle områder", "en": "All areas"},
    "area.adults": {"da": "Voksne (5.38)", "en": "Adults (5.38)"},
    "area.children": {"da": "Børn og unge (5.28)", "en": "Children and young people (5.28)"},
    # --- provider types (activity.provider_type) ---------------------------------
    "provider_type.title": {"da": "Leverandørtype", "en": "Provider type"},
    "provider_type.egen": {"da": "Egen kommune", "en": "Own municipality"},
    "provider_type.anden_kommune": {"da": "Anden kommune", "en": "Other municipality"},
    "provider_type.region": {"da": "Region", "en": "Region"},
    "provider_type.privat": {"da": "Privat", "en": "Private"},
    "provider_type.ukendt": {"da": "Ukendt", "en": "Unknown"},
    # --- need levels (activity.level; texts as in data/reference/need_levels.csv)
    "level.title": {"da": "Funktionsniveau", "en": "Level of functioning"},
    "level.0": {"da": "Ingen nedsat funktionsevne", "en": "No reduced functioning"},
    "level.1": {"da": "Let nedsat funktionsevne", "en": "Mild"},
    "level.2": {"da": "Moderat nedsat funktionsevne", "en": "Moderate"},
    "level.3": {"da": "Svært nedsat funktionsevne", "en": "Severe"},
    "level.4": {"da": "Fuldstændig nedsat funktionsevne", "en": "Complete"},
    "level.ikke_vurderet": {"da": "Ikke vurderet", "en": "Not assessed"},
    # --- tariff units (activity.tariff_unit) -------------------------------------
    "tariff_unit.dag": {"da": "pr. dag", "en": "per day"},
    "tariff_unit.uge": {"da": "pr. uge", "en": "per week"},
    "tariff_unit.maaned": {"da": "pr. måned", "en": "per month"},
    "tariff_unit.aar": {"da": "pr. år", "en": "per year"},
    "tariff_unit.time": {"da": "pr. time", "en": "per hour"},
    # --- savings (savings_effect.kind) -------------------------------------------
    "savings.target": {"da": "Sparemål", "en": "Savings target"},
    "savings.expected": {"da": "Forventet effekt", "en": "Expected effect"},
    "savings.realised": {"da": "Realiseret effekt", "en": "Realised effect"},
    # --- data page and provenance ------------------------------------------------
    "data.source": {"da": "Datakilde", "en": "Data source"},
    "data.date": {"da": "Datadato", "en": "Data date"},
    "data.import_history": {"da": "Importhistorik", "en": "Import history"},
    "data.upload": {"da": "Upload ny fil", "en": "Upload new file"},
    "data.quality": {"da": "Datakvalitet", "en": "Data quality"},
    "data.download_csv": {"da": "Hent som CSV", "en": "Download as CSV"},
    "data.download_excel": {"da": "Hent som Excel", "en": "Download as Excel"},
    "data.rows_loaded": {
        "da": "{loaded} af {read} rækker indlæst",
        "en": "{loaded} of {read} rows loaded",
    },
    "data.file_rejected": {
        "da": "Filen blev afvist: {reason}",
        "en": "The file was rejected: {reason}",
    },
    "data.imported_at": {"da": "Indlæst {date}", "en": "Imported {date}"},
    # --- import kinds (import_log.kind) ------------------------------------------
    "import_kind.ledger": {"da": "Regnskab og budget", "en": "Accounts and budget"},
    "import_kind.activity": {"da": "Aktivitetsdata", "en": "Activity data"},
    "import_kind.benchmark": {"da": "Nøgletal", "en": "Key figures"},
    "import_kind.population": {"da": "Befolkning", "en": "Population"},
    "import_kind.socio_index": {"da": "Socioøkonomisk indeks", "en": "Socio-economic index"},
    "import_kind.pl_index": {"da": "Pris- og lønindeks", "en": "Price and wage index"},
    "import_kind.savings": {"da": "Besparelser", "en": "Savings"},
    # --- common words ------------------------------------------------------------
    "common.year": {"da": "År", "en": "Year"},
    "common.month": {"da": "Måned", "en": "Month"},
    "common.total": {"da": "I alt", "en": "Total"},
    "common.other": {"da": "Øvrige", "en": "Other"},
    "common.whole_country": {"da": "Hele landet", "en": "All of Denmark"},
    "common.function": {"da": "Funktion", "en": "Function"},
    "common.paragraph": {"da": "Paragraf", "en": "Section"},
    "common.age_group": {"da": "Aldersgruppe", "en": "Age group"},
    # --- units (axis titles; numbers themselves come from analysis.formatting) ---
    "unit.kr": {"da": "kr.", "en": "DKK"},
    "unit.tkr": {"da": "t.kr.", "en": "DKK thousand"},
    "unit.mio": {"da": "mio. kr.", "en": "DKK million"},
    "unit.persons": {"da": "personer", "en": "persons"},
    # a column header with its unit (exports and tables)
    "unit.col_kr": {"da": "{label} (kr.)", "en": "{label} (DKK)"},
    "unit.col_tkr": {"da": "{label} (t.kr.)", "en": "{label} (DKK thousand)"},
    "unit.col_mio": {"da": "{label} (mio. kr.)", "en": "{label} (DKK million)"},
    "unit.col_share": {"da": "{label} (andel)", "en": "{label} (share)"},
    "unit.per_hap": {"da": "{value} pr. HÅP", "en": "{value} per FYP"},
    "unit.index": {"da": "indeks", "en": "index"},
    # joins words in a list: "2022 og 2025"
    "common.and": {"da": "{first} og {second}", "en": "{first} and {second}"},
    # --- shell, sidebar and pages (foundation) -------------------------------------
    "notice.invalid_url_value": {
        "da": "Linkets værdi {param}={value} findes ikke; standardværdien bruges i stedet.",
        "en": "The link's value {param}={value} does not exist; the default is used instead.",
    },
    "status.no_database": {
        "da": "Databasen {path} findes ikke. Kør 'make run' for demodata eller indlæs en fil med python -m ingest.",
        "en": "The database {path} does not exist. Run 'make run' for demo data or load a file with python -m ingest.",
    },
    "status.database_dangling": {
        "da": "Databasen {path} peger på {target}, som ikke findes, så appen viser ingen tal. Vælg en anden version "
              "med python -m ingest versioner --brug NAVN (listen: python -m ingest versioner).",
        "en": "The database {path} points at {target}, which does not exist, so the app shows no figures. Choose "
              "another version with python -m ingest versioner --brug NAME (the list: python -m ingest versioner).",
    },
    "status.database_changed": {
        "da": "Databaseversionen {version} er ændret, efter den blev skrevet (beskadiget eller ændret udefra), så "
              "appen viser ingen tal fra den. Indlæs en fil, eller vælg en anden version med python -m ingest "
              "versioner --brug NAVN.",
        "en": "The database version {version} changed after it was written (damaged or altered from outside), so "
              "the app shows no figures from it. Import a file, or choose another version with python -m ingest "
              "versioner --brug NAME.",
    },
    "status.database_unreadable": {
        "da": "Databaseversionen {version} kan ikke læses ({error}), så appen viser ingen tal fra den. Vælg en "
              "anden version med python -m ingest versioner --brug NAVN (listen: python -m ingest versioner).",
        "en": "The database version {version} cannot be read ({error}), so the app shows no figures from it. "
              "Choose another version with python -m ingest versioner --brug NAME (the list: python -m ingest "
              "versioner).",
    },
    "status.database_outdated": {
        "da": "Databasen er bygget af en ældre version af programmet ({files} er ændret siden), så dens afledte "
              "tabeller kan give forkerte tal. Kør python -m ingest genberegn (eller indlæs en fil), og genindlæs siden.",
        "en": "The database was built by an older version of the program ({files} changed since), so its derived "
              "tables may give wrong figures. Run python -m ingest genberegn (or import a file) and reload the page.",
    },
    "status.pl_missing": {
        "da": "PL-indeks ikke indlæst: kun løbende priser.",
        "en": "PL index not loaded: current prices only.",
    },
    "status.pl_missing_years": {
        "da": "PL-indeks mangler for {years}; tallene vises i løbende priser.",
        "en": "PL index missing for {years}; figures are shown in current prices.",
    },
    "status.synthetic_demo": {
        "da": "Syntetiske demodata: Eksempelby Kommune er fiktiv, og tallene er opdigtede (undtagen markerede tal fra Danmarks Statistik).",
        "en": "Synthetic demo data: Eksempelby Municipality is fictitious and the figures are made up (except marked Statistics Denmark figures).",
    },
    "status.incomplete_year": {"da": "ufuldstændigt år ({months} mdr.)", "en": "incomplete year ({months} months)"},
    "sidebar.from_year": {"da": "Fra år", "en": "From year"},
    "sidebar.to_year": {"da": "Til år", "en": "To year"},
    "sidebar.pl_source": {"da": "PL-indeks: {source}", "en": "PL index: {source}"},
    "common.source": {"da": "Kilde", "en": "Source"},
    "common.kommune": {"da": "{name} Kommune", "en": "{name} Municipality"},
    "common.kommune_synthetic": {
        "da": "{name} Kommune (syntetiske demodata)",
        "en": "{name} Municipality (synthetic demo data)",
    },
    "common.area_functions": {"da": "{area} – funktioner {codes}", "en": "{area} – functions {codes}"},
    "common.database_version": {"da": "Dataversion", "en": "Data version"},
    "common.method": {"da": "Metode", "en": "Method"},
    "overview.kpi_net": {"da": "Nettoudgift {year}", "en": "Net expenditure {year}"},
    "common.kpi_mio": {"da": "{label}, mio. kr.", "en": "{label}, DKK million"},
    "overview.kpi_change": {"da": "Udvikling {prev}-{year}", "en": "Change {prev}-{year}"},
    "overview.kpi_persons": {"da": "Helårspersoner {year}", "en": "Full-year persons {year}"},
    "overview.kpi_unit_price": {"da": "Enhedspris {year}", "en": "Unit price {year}"},
    "overview.kpi_coverage": {"da": "Aktivitetsdata dækker {year}", "en": "Activity data covers {year}"},
    "overview.chart_title": {
        "da": "Nettoudgift pr. år, {prices}, mio. kr.",
        "en": "Net expenditure per year, {prices}, DKK million",
    },
    "overview.headline": {
        "da": "Nettoudgiften til {area} {verb} fra {first} i {y0} til {last} i {y1} ({pct}{prices}).",
        "en": "Net expenditure on {area} {verb} from {first} in {y0} to {last} in {y1} ({pct}{prices}).",
    },
    "overview.after_refusion": {"da": "Netto efter statsrefusion", "en": "Net after state refunds"},
    "overview.before_refusion": {"da": "Netto før statsrefusion", "en": "Net before state refunds"},
    "overview.budget": {"da": "Korrigeret budget", "en": "Corrected budget"},
    "overview.loaded_data": {"da": "Indlæste data", "en": "Loaded data"},
    "overview.coverage_title": {
        "da": "Aktivitetsbaseret udgift i forhold til regnskab (dranst 1), pr. funktion og år",
        "en": "Activity-based cost relative to the ledger (dranst 1), per function and year",
    },
    "overview.no_complete_years": {
        "da": "Der er ikke to hele regnskabsår i perioden; vælg en længere periode.",
        "en": "There are not two complete years in the period; choose a longer period.",
    },
    "quality.measures_without_level": {
        "da": "Ydelser uden funktionsevneniveau", "en": "Measures without a level of need",
    },
    "quality.cost_without_activity": {
        "da": "Udgift i regnskabet uden aktivitetsdata", "en": "Ledger cost without activity data",
    },
    "quality.year_without_budget": {"da": "År uden korrigeret budget", "en": "Year without corrected budget"},
    "quality.none": {"da": "Ingen fund i det valgte udsnit.", "en": "No findings in the current selection."},
    # --- table columns, page texts (foundation) -------------------------------------
    "col.year": {"da": 'År', "en": 'Year'},
    "col.net_expenditure": {"da": 'Nettoudgift', "en": 'Net expenditure'},
    "col.change": {"da": 'Ændring', "en": 'Change'},
    "col.budget_corrected": {"da": 'Korrigeret budget', "en": 'Corrected budget'},
    "col.months_with_actuals": {"da": 'Måneder med regnskab', "en": 'Months with actuals'},
    "col.type": {"da": 'Type', "en": 'Type'},
    "col.file": {"da": 'Fil', "en": 'File'},
    "col.rows": {"da": 'Rækker', "en": 'Rows'},
    "col.period": {"da": 'Periode', "en": 'Period'},
    "col.imported": {"da": 'Indlæst', "en": 'Imported'},
    "col.import_no": {"da": 'Nr.', "en": 'No.'},
    "col.mapping": {"da": 'Mapping', "en": 'Mapping'},
    "col.rows_read": {"da": 'Rækker læst', "en": 'Rows read'},
    "col.rows_loaded": {"da": 'Rækker indlæst', "en": 'Rows loaded'},
    "col.note": {"da": 'Bemærkning', "en": 'Note'},
    "col.function": {"da": 'Funktion', "en": 'Function'},
    "col.name": {"da": 'Navn', "en": 'Name'},
    "overview.help_unit_price": {"da": 'Aktivitetsbaseret udgift / helårspersoner', "en": 'Activity-based cost / full-year persons'},
    "overview.help_coverage": {"da": 'Aktivitetsbaseret udgift (dage × dagstakst) / regnskabets nettoudgift, dranst 1', "en": 'Activity-based cost (days × daily tariff) / net expenditure in the ledger, dranst 1'},
    "overview.hover_budget": {"da": 'Budget', "en": 'Budget'},
    "overview.coverage_note": {"da": 'Dækning = aktivitetsbaseret udgift (dage × dagstakst fra fagsystemet) / nettoudgift i regnskabet (dranst 1) på samme funktion og år, løbende priser. Under 100 % er normalt: administration, efterreguleringer og ydelser uden takst findes kun i regnskabet.', "en": 'Coverage = activity-based cost (days × daily tariff from the case system) / net expenditure in the ledger (dranst 1) on the same function and year, current prices. Below 100 % is normal: administration, back payments and measures without a tariff exist only in the ledger.'},
    "overview.source_ledger": {"da": 'økonomisystemets regnskab og korrigeret budget, dranst 1+2', "en": "the finance system's accounts and corrected budget, dranst 1+2"},
    "overview.quality_on": {"da": '{label}: **{count}** på {function}', "en": '{label}: **{count}** on {function}'},
    "data.database": {"da": 'Database: {path} → {version}', "en": 'Database: {path} → {version}'},
    "data.upload_note": {"da": 'Filen kontrolleres helt, før noget indlæses. En afvist fil ændrer intet i databasen; CPR-numre erstattes af et pseudonym ved indlæsning og gemmes aldrig.', "en": 'The whole file is checked before anything is loaded. A rejected file changes nothing in the database; CPR numbers are replaced by a pseudonym at import and never stored.'},
    "data.kind": {"da": 'Datatype', "en": 'Data type'},
    "data.mapping": {"da": 'Kolonne-mapping', "en": 'Column mapping'},
    "data.kommune": {"da": 'Kommunekode (når filen ikke har en kommunekolonne)', "en": 'Municipality code (when the file has no municipality column)'},
    "data.replace": {"da": 'Erstat data, der allerede er indlæst for samme kommune og perioder', "en": 'Replace data already loaded for the same municipality and periods'},
    "data.phase.hash": {"da": 'Læser filen: {done} af {total} MB', "en": 'Reading the file: {done} of {total} MB'},
    "data.phase.hash_plain": {"da": 'Læser filen …', "en": 'Reading the file …'},
    "data.phase.read": {"da": 'Læser rækker: {rows} rækker læst', "en": 'Reading rows: {rows} rows read'},
    "data.phase.read_plain": {"da": 'Læser rækker …', "en": 'Reading rows …'},
    "data.phase.convert": {"da": 'Kontrollerer {rows} rækker …', "en": 'Checking {rows} rows …'},
    "data.phase.convert_plain": {"da": 'Kontrollerer rækkerne …', "en": 'Checking the rows …'},
    "data.phase.load": {"da": 'Indlæser {rows} rækker i en ny version af databasen …', "en": 'Loading {rows} rows into a new version of the database …'},
    "data.phase.load_plain": {"da": 'Indlæser i en ny version af databasen …', "en": 'Loading into a new version of the database …'},
    "data.phase.derive_plain": {"da": 'Beregner de afledte tabeller …', "en": 'Computing the derived tables …'},
    "data.phase.swap_plain": {"da": 'Skifter til den nye version …', "en": 'Switching to the new version …'},
    "data.conflict_label": {"da": '{name} dækker data, der allerede er indlæst – intet er ændret endnu', "en": '{name} covers data already loaded – nothing has been changed yet'},
    "data.conflict_question": {"da": '{name} dækker data, der allerede er indlæst (se nedenfor). Skal filen erstatte de overlappende data, eller lægges ved siden af dem? Ved siden af lægges tallene sammen.', "en": '{name} covers data already loaded (see below). Should the file replace the overlapping data, or be added beside it? Beside it, the figures are added up.'},
    "data.conflict_identical": {"da": '{name} indeholder de samme rækker som en tidligere import (se nedenfor). Den kan erstatte den tidligere import, men ikke lægges ved siden af.', "en": '{name} holds the same rows as an earlier import (see below). It can replace the earlier import, but not be added beside it.'},
    "data.conflict_replace": {"da": 'Erstat de overlappende data', "en": 'Replace the overlapping data'},
    "data.conflict_add": {"da": 'Læg filen ved siden af', "en": 'Add the file beside them'},
    "data.conflict_cancel": {"da": 'Annullér', "en": 'Cancel'},
    "data.memory": {"da": 'Indlæsningen brugte mere end {limit} MB hukommelse og blev stoppet, så appen kunne køre videre for alle. Databasen er uændret. Del filen op, eller hæv grænsen i data/reference/import_limits.toml.', "en": 'The import used more than {limit} MB of memory and was stopped, so the app could keep running for everyone. The database is unchanged. Split the file, or raise the limit in data/reference/import_limits.toml.'},
    "data.died": {"da": 'Indlæsningen stoppede uventet (signal {signal}). Databasen er uændret; appen kører videre.', "en": 'The import stopped unexpectedly (signal {signal}). The database is unchanged; the app keeps running.'},
    "data.fault": {"da": 'Indlæsningen kunne ikke gennemføres (fejlkode {code}, se README). Databasen er uændret.', "en": 'The import could not be completed (error code {code}, see README). The database is unchanged.'},
    "data.file": {"da": 'Fil (CSV eller XLSX)', "en": 'File (CSV or XLSX)'},
    "data.load_button": {"da": 'Indlæs fil', "en": 'Load file'},
    "data.loading": {"da": 'Indlæser {name} …', "en": 'Loading {name} …'},
    "data.checking": {"da": 'Læser og kontrollerer alle rækker …', "en": 'Reading and checking every row …'},
    "data.rejected": {"da": '{name} blev afvist – databasen er uændret', "en": '{name} was rejected – the database is unchanged'},
    "data.loaded_ok": {"da": '{name} er indlæst', "en": '{name} has been loaded'},
    "about.version": {"da": 'Siderne viser databaseversionen {version} ({path}), senest indlæst {date}.', "en": 'The pages show the database version {version} ({path}), last import {date}.'},
    "about.chart_of_accounts": {"da": 'Kontoplan (redigerbar referencetabel)', "en": 'Chart of accounts (editable reference table)'},
    "about.chart_of_accounts_note": {"da": 'Navne, der ikke er kontrolleret mod den nyeste kontoplan, kan rettes i data/reference/kontoplan_functions.csv; ændringen slår igennem ved næste import.', "en": 'Names not checked against the newest chart of accounts can be corrected in data/reference/kontoplan_functions.csv; the change takes effect at the next import.'},
    # --- Om tallene (dashboard/om_tallene.py): one markdown section each -----------------------------
    "about.concepts": {
        "da": (
            "### Begreber\n"
            "- **Nettoudgift**: udgifter minus indtægter på de valgte funktioner i kommunens regnskab (art 4.x-5.x minus\n"
            "  7.x). *Før statsrefusion* er dranst 1 (drift); *efter statsrefusion* lægger dranst 2 til (refusion for\n"
            "  særligt dyre enkeltsager er en indtægt og trækker ned).\n"
            "- **Helårsperson (HÅP)**: antal dage, en borger har en ydelse i perioden, divideret med antal dage i perioden.\n"
            "  En borger med to overlappende ydelser på samme funktion og i samme opdeling tæller én gang pr. dag. Åbne ydelser (uden slutdato)\n"
            "  løber til datadatoen, og ingen dag efter den tæller med. Datadatoen er udtrækkets dato (angivet ved indlæsningen eller\n"
            "  læst i filens titelrække, fx 'Dannet 15-11-2026'; ellers importdatoen) for det seneste udtræk af aktivitetsdata.\n"
            "  Skudår tælles med 366 dage.\n"
            "- **Aktivitetsbaseret udgift**: dage med ydelsen × dagstakst. Takster omregnes til dagstakst: uge/7,\n"
            "  måned × 12/365, år/365, time × timer pr. uge/7.\n"
            "- **Enhedspris**: aktivitetsbaseret udgift divideret med helårspersoner (kr. pr. HÅP).\n"
            "- **Dækning**: aktivitetsbaseret udgift i forhold til regnskabets nettoudgift (dranst 1) på samme funktion og år.\n"
            "  Regnskabet indeholder også administration, efterreguleringer og ydelser uden takst; dækningen er derfor\n"
            "  normalt under 100 %.\n"
            "- **Prisgrundlag**: *løbende priser* er årets egne kroner. *Faste ÅÅÅÅ-priser* omregner hvert år med\n"
            "  pris- og lønindekset (PL): beløb × PL(basisår) / PL(år). PL-indekset er en redigerbar tabel; demodata har\n"
            "  en tydeligt markeret demo-serie, ikke KL's officielle tal.\n"
            "- **Funktionsevneniveau**: FFB-skalaen 0 Ingen, 1 Let, 2 Moderat, 3 Svært, 4 Fuldstændig nedsat funktionsevne,\n"
            "  samt *Ikke vurderet*.\n"
            "- **Ufuldstændigt år** (markeret med *): et år, hvor regnskabet ikke har bogføringer i alle 12 måneder."
        ),
        "en": (
            "### Concepts\n"
            "- **Net expenditure**: expenditure minus revenue on the chosen functions in the municipality's accounts (art 4.x-5.x minus\n"
            "  7.x). *Before state refunds* is dranst 1 (operations); *after state refunds* adds dranst 2 (the refund for\n"
            "  particularly expensive individual cases is revenue and pulls down).\n"
            "- **Full-year person (FYP, in Danish HÅP)**: the number of days a citizen has a measure in the period, divided by the\n"
            "  number of days in the period. A citizen with two overlapping measures on the same function and in the same split counts\n"
            "  once a day. Open measures (without an end date) run to the data date, and no day after it counts. The data date is\n"
            "  the extraction date (given at import or read from the file's title row, e.g. 'Dannet 15-11-2026'; else the import\n"
            "  date) of the latest activity extract. Leap years count 366 days.\n"
            "- **Activity-based cost**: days with the measure × daily tariff. Tariffs are converted to a daily tariff: week/7,\n"
            "  month × 12/365, year/365, hour × hours per week/7.\n"
            "- **Unit price**: activity-based cost divided by full-year persons (DKK per FYP).\n"
            "- **Coverage**: activity-based cost relative to the ledger's net expenditure (dranst 1) on the same function and year.\n"
            "  The ledger also holds administration, back payments and measures without a tariff; coverage is therefore\n"
            "  normally below 100 %.\n"
            "- **Price base**: *current prices* are each year's own kroner. *Constant YYYY prices* convert each year with\n"
            "  the price and wage index (PL): amount × PL(base year) / PL(year). The PL index is an editable table; the demo data\n"
            "  has a clearly marked demo series, not KL's official figures.\n"
            "- **Level of functioning**: the FFB scale 0 None, 1 Mild, 2 Moderate, 3 Severe, 4 Complete reduction of functioning,\n"
            "  and *Not assessed*.\n"
            "- **Incomplete year** (marked with *): a year in which the ledger does not have postings in all 12 months."
        ),
    },
    "about.sources": {
        "da": (
            "### Datakilder\n"
            "- **Regnskab** (økonomisystemet): månedlige bogføringer på kontoplanens funktioner 5.28 og 5.38 med dranst,\n"
            "  gruppering og art, som regnskab, oprindeligt og korrigeret budget.\n"
            "- **Aktivitetsdata** (fagsystemet): én række pr. bevilget ydelse med borger (pseudonym), paragraf, leverandør,\n"
            "  periode, takst og funktionsevneniveau. CPR-numre erstattes af et nøglebaseret pseudonym ved indlæsning.\n"
            "- **Nøgletal og befolkning** (Danmarks Statistik: REGK31, FOLK1A) til sammenligning med andre kommuner.\n"
            "- **Nøgletalsfiler** (fx fra noegletal.dk: kommunekode, år, nøgletal, værdi): hvert nøgletals område og enhed\n"
            "  står i en redigerbar tabel (`data/reference/mappings/benchmark_noegletal.toml`). På Sammenligning er de en\n"
            "  kilde for sig, vises kun for præcis det område, de dækker, og ét nøgletal ad gangen; de lægges aldrig sammen\n"
            "  med Danmarks Statistiks tal."
        ),
        "en": (
            "### Data sources\n"
            "- **Ledger** (the finance system): monthly postings on the chart of accounts' functions 5.28 and 5.38 with dranst,\n"
            "  grouping and art, as actuals, original and corrected budget.\n"
            "- **Activity data** (the case system): one row per granted measure with citizen (pseudonym), section of the act,\n"
            "  provider, period, tariff and level of functioning. CPR numbers are replaced by a keyed pseudonym at import.\n"
            "- **Key figures and population** (Statistics Denmark: REGK31, FOLK1A) for comparison with other municipalities.\n"
            "- **Key-figure files** (e.g. from noegletal.dk: municipality code, year, key figure, value): each key figure's area\n"
            "  and unit are in an editable table (`data/reference/mappings/benchmark_noegletal.toml`). On Comparison they are a\n"
            "  source of their own, shown only for exactly the area they cover and one key figure at a time; they are never added\n"
            "  to Statistics Denmark's figures."
        ),
    },
    "about.pages": {
        "da": (
            "### Sådan laves tallene på siderne\n"
            "- **Overblik**: nettoudgift pr. år fra regnskabet (dranst 1+2) for det valgte område og den valgte periode, i det\n"
            "  valgte prisgrundlag; helårspersoner og enhedspris fra aktivitetsdata; dækning pr. funktion og år;\n"
            "  datakvalitet (ydelser uden niveau, udgift uden aktivitetsdata, år uden budget).\n"
            "- **Data**: importhistorik og indlæsning af nye filer med samme kontrol som kommandolinjen."
        ),
        "en": (
            "### How the pages' figures are made\n"
            "- **Overview**: net expenditure per year from the ledger (dranst 1+2) for the chosen area and period, in the chosen\n"
            "  price base; full-year persons and unit price from the activity data; coverage per function and year;\n"
            "  data quality (measures without a level, cost without activity data, years without a budget).\n"
            "- **Data**: import history and loading of new files with the same checks as the command line."
        ),
    },
    "about.trend": {
        "da": (
            "### Udgiftsudvikling\n"
            "- **Nettoudgift pr. år** = regnskab på dranst 1 (drift) + dranst 2 (statsrefusion) for de valgte funktioner, i det\n"
            "  valgte prisgrundlag. Et år er *helt*, når der er bogført regnskab i alle 12 måneder; ufuldstændige år markeres med *\n"
            "  og indgår ikke i vækstberegningerne.\n"
            "- **Vækst** pr. år = år / forrige år - 1 (kun mellem to hele år). Over hele perioden: sidste hele år / første hele år\n"
            "  - 1, og *i gennemsnit om året* = (sidste / første)^(1 / antal år) - 1.\n"
            "- **Pr. indbygger i målgruppen**: nettoudgift / kommunens indbyggere 0-17 år (børn og unge, 5.28), 18-64 år\n"
            "  (voksne, 5.38) eller alle indbyggere (blandede områder) samme år. Uden befolkningstal vises \"Ikke indlæst\".\n"
            "- **Året måned for måned**: akkumuleret regnskab mod akkumuleret korrigeret og oprindeligt budget (budgettets\n"
            "  månedsrækker). *Forbrugsprocent* = regnskab til dato / årets korrigerede budget.\n"
            "- **Prognose for året** (metoden står ved tallene):\n"
            "  - *Sæsonprofil* (standard): for hvert tidligere helt år i perioden beregnes andelen af årets regnskab, der var\n"
            "    bogført ved udgangen af hver måned; gennemsnittet over årene (uvægtet) er sæsonprofilen S(m). Prognose = regnskab\n"
            "    til dato / S(m), hvor m er seneste måned med regnskab. Uden tidligere hele år bruges lineær fremskrivning, og\n"
            "    det står ved tallet.\n"
            "  - *Lineær fremskrivning*: regnskab til dato / m × 12.\n"
            "- **Merforbrug/mindreforbrug** = prognose - korrigeret budget (dranst 1+2); i procent af korrigeret budget.\n"
            "  Merforbrug vises rødt, mindreforbrug grønt.\n"
            "- **Fordelinger**: pr. funktion; før og efter statsrefusion (dranst 1 og dranst 2); køb og salg af pladser efter art:\n"
            "  art 4.6-4.8 = betalinger til andre offentlige myndigheder (køb af pladser), art 7.6-7.8 = betalinger fra dem\n"
            "  (salg af pladser, en indtægt), alle øvrige arter = *øvrige* (egne tilbud, private leverandører mv.); pr. gruppering.\n"
            "  Delene lægger sig til nettoudgiften pr. år. Et klik på en funktion viser den alene.\n"
            "- **Link**: siden gemmer prognosemetode (`prognose=saeson|lineaer`) og fordeling\n"
            "  (`opdeling=funktion|dranst|koeb_salg|gruppering`) i adressen ud over sidepanelets valg."
        ),
        "en": (
            "### Expenditure trend\n"
            "- **Net expenditure per year** = actuals on dranst 1 (operations) + dranst 2 (state refunds) for the chosen\n"
            "  functions, in the chosen price base. A year is *complete* when actuals are posted in all 12 months; incomplete\n"
            "  years are marked with * and are left out of the growth figures.\n"
            "- **Growth** per year = year / previous year - 1 (only between two complete years). Over the whole period: last\n"
            "  complete year / first complete year - 1, and *on average a year* = (last / first)^(1 / number of years) - 1.\n"
            "- **Per inhabitant in the target group**: net expenditure / the municipality's inhabitants aged 0-17 (children and\n"
            "  young people, 5.28), aged 18-64 (adults, 5.38) or all inhabitants (mixed areas) in the same year. Without\n"
            "  population figures it says \"Not loaded\".\n"
            "- **The year month by month**: cumulated actuals against the cumulated corrected and original budget (the budget's\n"
            "  monthly rows). *Spending rate* = actuals to date / the year's corrected budget.\n"
            "- **Forecast for the year** (the method is stated next to the figures):\n"
            "  - *Seasonal profile* (default): for each earlier complete year in the period, the share of the year's actuals\n"
            "    posted by the end of each month is computed; the average over the years (unweighted) is the seasonal profile\n"
            "    S(m). Forecast = actuals to date / S(m), where m is the latest month with actuals. Without an earlier complete\n"
            "    year a straight-line projection is used, and the figure says so.\n"
            "  - *Straight-line projection*: actuals to date / m × 12.\n"
            "- **Overspend/underspend** = forecast - corrected budget (dranst 1+2); in percent of the corrected budget.\n"
            "  Overspend is shown in red, underspend in green.\n"
            "- **Breakdowns**: per function; before and after state refunds (dranst 1 and dranst 2); buying and selling places\n"
            "  by art: art 4.6-4.8 = payments to other public authorities (places bought), art 7.6-7.8 = payments from them\n"
            "  (places sold, a revenue), all other arts = *other* (own services, private providers etc.); per grouping.\n"
            "  The parts add up to the net expenditure per year. A click on a function shows it alone.\n"
            "- **Link**: the page keeps the forecast method (`prognose=saeson|lineaer`) and the breakdown\n"
            "  (`opdeling=funktion|dranst|koeb_salg|gruppering`) in the address next to the sidebar's choices."
        ),
    },
    "about.comparison": {
        "da": (
            "### Sammenligning\n"
            "- **Tallene** er nettoudgifter fra nøgletallene (Danmarks Statistik, REGK31, eller tydeligt markerede syntetiske\n"
            "  tal i samme form) og er opgjort efter **handlekommune**. Syntetiske tal og Danmarks Statistiks tal blandes aldrig.\n"
            "- **Enheder**: 1.000 kr. ganges med 1.000; kr. pr. indbygger ganges med kommunens samlede indbyggertal for at få\n"
            "  beløbet i alt. Derefter divideres med **målgruppen**: 18-64-årige for voksne (5.38), 0-17-årige for børn og unge\n"
            "  (5.28), alle indbyggere ellers. Faste priser regnes med PL-indekset som på de øvrige sider.\n"
            "- **Sammenligningsgrupper**: Danmarks Statistiks kommunegrupper (910-960), regionen, hele landet, en egen liste eller\n"
            "  de *k* mest sammenlignelige kommuner (vægtet, standardiseret euklidisk afstand på indbyggertal, andel 18-64-årige og\n"
            "  socioøkonomisk indeks; vægtene kan ændres på siden).\n"
            "- **Gennemsnit**: gruppens gennemsnit er **uvægtet** (hver kommune tæller lige meget; egen kommune ikke medregnet);\n"
            "  landsgennemsnittet er **vægtet med befolkningen** (samlede udgifter / samlet målgruppe).\n"
            "- **Forskel i mio. kr.** = (egen kr. pr. indbygger i målgruppen - reference) × egen målgruppe, hvor referencen er\n"
            "  gruppens gennemsnit eller gruppens nedre kvartil (25 %-fraktil, \"den billigste kvartil\").\n"
            "- **Socioøkonomisk forklaring** (en tilnærmelse): en ret linje fundet med mindste kvadraters metode (uvægtet) mellem\n"
            "  socioøkonomisk indeks (udligningsloven § 5; 100 = landsgennemsnit) og kr. pr. indbygger i målgruppen over de øvrige\n"
            "  kommuner. Afstanden fra egen kommune til linjen er den del af niveauet, der ikke er forklaret socioøkonomisk."
        ),
        "en": (
            "### Comparison\n"
            "- **The figures** are net expenditure from the key figures (Statistics Denmark, REGK31, or clearly marked synthetic\n"
            "  figures of the same form) and are by **acting municipality** (handlekommune). Synthetic figures and Statistics\n"
            "  Denmark's figures are never mixed.\n"
            "- **Units**: DKK 1,000 are multiplied by 1,000; DKK per inhabitant is multiplied by the municipality's total\n"
            "  population to give the total amount. That is then divided by the **target group**: people aged 18-64 for adults\n"
            "  (5.38), aged 0-17 for children and young people (5.28), all inhabitants otherwise. Constant prices use the PL\n"
            "  index as on the other pages.\n"
            "- **Comparison groups**: Statistics Denmark's municipality groups (910-960), the region, all of Denmark, an own list\n"
            "  or the *k* most similar municipalities (weighted, standardised Euclidean distance on population, share aged 18-64\n"
            "  and the socio-economic index; the weights can be changed on the page).\n"
            "- **Averages**: the group average is **unweighted** (each municipality counts equally; own municipality excluded);\n"
            "  the national average is **weighted by population** (total expenditure / total target group).\n"
            "- **Gap in DKK million** = (own DKK per target-group inhabitant - reference) × own target group, where the reference\n"
            "  is the group average or the group's lower quartile (25th percentile, \"the cheapest quartile\").\n"
            "- **Socio-economic explanation** (an approximation): a straight line fitted by least squares (unweighted) between\n"
            "  the socio-economic index (Equalisation Act § 5; 100 = national average) and DKK per target-group inhabitant over\n"
            "  the other municipalities. The distance from the own municipality to the line is the part of the level that is not\n"
            "  explained socio-economically."
        ),
    },
    "about.decomposition": {
        "da": (
            "### Dekomponering\n"
            "- **Spørgsmålet**: hvorfor ændrede udgiften sig mellem et basisår og et sammenligningsår? Udgiften i en periode er\n"
            "  summen over segmenterne af *helårspersoner × enhedspris*, og ændringen deles i **mængde** (flere eller færre\n"
            "  helårspersoner i alt), **kompleksitet/mix** (helårspersonerne flytter mellem segmenter, fx til et tungere\n"
            "  funktionsevneniveau eller en dyrere tilbudstype) og **enhedspris** (udgift pr. helårsperson i hvert segment).\n"
            "  Med faste priser deles enhedsprisen i **pris og løn (PL)** = den del, PL-indeksets udvikling mellem de to år\n"
            "  forklarer, og **realpris** = resten. Start- og slutsøjlen er årenes faktiske udgift (løbende priser).\n"
            "- **Tal**: helårspersoner og aktivitetsbaseret udgift (dage × dagstakst) pr. segment fra fagsystemet; en borger med\n"
            "  overlappende ydelser på samme funktion og i samme segment tæller én gang pr. dag, men tæller i hvert segment og på\n"
            "  hver funktion, borgeren har ydelser i (som på Overblik).\n"
            "  Gamle SEL-paragraffer for børn og unge omsættes til Barnets Lov med paragraftabellen, så en serie kan gå hen over\n"
            "  2024.\n"
            "- **Perioder**: er et af årene ikke helt (aktivitetsdata går til datadatoen, regnskabet til seneste bogførte\n"
            "  måned), sammenlignes de samme måneder januar til og med den sidste hele måned i begge år, og siden siger det.\n"
            "- **Opdelinger**: funktionsevneniveau (FFB 0-4 og ikke vurderet), paragraf, leverandørtype, leverandør, og i to\n"
            "  niveauer tilbudstype → niveau eller paragraf → niveau; med to niveauer deler LMDI mixet i skift mellem grupperne\n"
            "  og skift inden for dem.\n"
            "- **Metoder**: *LMDI-I* (standard; Ang 2005) er præcis (effekterne summerer til ændringen), uafhængig af rækkefølgen\n"
            "  og håndterer nye og ophørte segmenter (Ang & Liu 2007: hele deres udgift er mix). *Shapley* (Sun 1998) tager\n"
            "  gennemsnittet over alle rækkefølger af faktorerne. *PVM* er den trinvise bro mængde → mix → pris og afhænger af\n"
            "  rækkefølgen. *Laspeyres* ændrer én faktor ad gangen fra basisåret og viser samspillet som en rest.\n"
            "- **Ikke fordelt**: udgift i et segment uden helårspersoner (efterbetalinger, rettelser) spredes aldrig på\n"
            "  effekterne, men står for sig.\n"
            "- **Dækning og skalering til regnskab**: dækning = aktivitetsbaseret udgift / regnskabets nettoudgift (dranst 1) på\n"
            "  samme funktioner og måneder. *Skaler til regnskab* lader vandfaldet starte og slutte i regnskabet; effekterne er\n"
            "  stadig aktivitetsdatas, og forskellen mellem regnskab og aktivitetsbaseret udgift ((regnskab - aktivitet) i\n"
            "  sammenligningsåret minus samme forskel i basisåret) er sin egen søjle, *Ikke forklaret af aktivitetsdata*.\n"
            "  Eksporten viser desuden regnskabet fordelt efter segmenternes andel af den aktivitetsbaserede udgift.\n"
            "- **Link**: siden gemmer `basis`, `sammenlign`, `opdeling`, `metode`, `skaler` og det valgte `segment` i adressen."
        ),
        "en": (
            "### Decomposition\n"
            "- **The question**: why did the cost change between a base year and a comparison year? The cost of a period is the\n"
            "  sum over the segments of *full-year persons × unit price*, and the change is split into **volume** (more or fewer\n"
            "  full-year persons in total), **complexity/mix** (the full-year persons move between segments, e.g. to a heavier\n"
            "  level of functioning or a costlier offer type) and **unit price** (cost per full-year person in each segment).\n"
            "  With constant prices the unit price is split into **prices and wages (PL)** = the part the PL index's growth\n"
            "  between the two years explains, and **real price** = the rest. The first and last bars are each year's actual\n"
            "  cost (current prices).\n"
            "- **Figures**: full-year persons and activity-based cost (days × daily tariff) per segment from the case system; a\n"
            "  citizen with overlapping measures on the same function and in the same segment counts once a day, but counts in\n"
            "  every segment and on every function the citizen has measures in (as on Overview).\n"
            "  Old SEL sections for children and young people are translated to the Children's Act (Barnets Lov) with the\n"
            "  section table, so that a series can run across 2024.\n"
            "- **Periods**: when one of the years is not complete (activity data run to the data date, the ledger to the latest\n"
            "  posted month), the same months are compared, January up to and including the last complete month in both years,\n"
            "  and the page says so.\n"
            "- **Splits**: level of functioning (FFB 0-4 and not assessed), section of the act, provider type, provider, and on\n"
            "  two levels offer type → level or section → level; with two levels LMDI splits the mix into shifts between the\n"
            "  groups and shifts within them.\n"
            "- **Methods**: *LMDI-I* (default; Ang 2005) is exact (the effects add up to the change), independent of the order\n"
            "  and handles new and ended segments (Ang & Liu 2007: all their cost is mix). *Shapley* (Sun 1998) averages over\n"
            "  all orders of the factors. *PVM* is the sequential bridge volume → mix → price and depends on the order.\n"
            "  *Laspeyres* changes one factor at a time from the base year and shows the interaction as a residual.\n"
            "- **Not allocated**: cost in a segment without full-year persons (back payments, corrections) is never spread over\n"
            "  the effects but stands on its own.\n"
            "- **Coverage and scaling to the ledger**: coverage = activity-based cost / the ledger's net expenditure (dranst 1) on\n"
            "  the same functions and months. *Scale to the ledger* lets the waterfall start and end at the ledger; the effects\n"
            "  are still those of the activity data, and the difference between ledger and activity-based cost ((ledger -\n"
            "  activity) in the comparison year minus the same difference in the base year) is its own bar, *Not explained by\n"
            "  activity data*. The export also shows the ledger allocated by the segments' shares of the activity-based cost.\n"
            "- **Link**: the page keeps `basis`, `sammenlign`, `opdeling`, `metode`, `skaler` and the chosen `segment` in the\n"
            "  address."
        ),
    },
    # --- cost trend page (dashboard/udvikling.py, analysis/trends.py, analysis/forecast.py) ---------
    "trend.sentence": {
        "da": "Nettoudgiften til {area} {verb} fra {first} i {y0} til {last} i {y1} ({pct}, i gennemsnit {per_year} om året, {prices}, netto efter statsrefusion).",
        "en": "Net expenditure on {area} {verb} from {first} in {y0} to {last} in {y1} ({pct}, on average {per_year} a year, {prices}, net after state refunds).",
    },
    "trend.verb_up": {"da": "steg", "en": "rose"},
    "trend.verb_down": {"da": "faldt", "en": "fell"},
    "trend.verb_flat": {"da": "udviklede sig", "en": "moved"},
    "trend.forecast_sentence_merforbrug": {
        "da": "Med den nuværende udvikling forventes et merforbrug på {amount} ({pct}) i {year} i forhold til korrigeret budget ({method}; {prices}).",
        "en": "At the current pace an overspend of {amount} ({pct}) is expected in {year} against the corrected budget ({method}; {prices}).",
    },
    "trend.forecast_sentence_mindreforbrug": {
        "da": "Med den nuværende udvikling forventes et mindreforbrug på {amount} ({pct}) i {year} i forhold til korrigeret budget ({method}; {prices}).",
        "en": "At the current pace an underspend of {amount} ({pct}) is expected in {year} against the corrected budget ({method}; {prices}).",
    },
    "trend.forecast_sentence_budget": {
        "da": "Med den nuværende udvikling forventes forbruget i {year} at svare til korrigeret budget (afvigelse {amount}, {pct}; {method}; {prices}).",
        "en": "At the current pace spending in {year} is expected to match the corrected budget (deviation {amount}, {pct}; {method}; {prices}).",
    },
    "trend.forecast_result_merforbrug": {
        "da": "Regnskabet for {year} viser et merforbrug på {amount} ({pct}) i forhold til korrigeret budget ({prices}).",
        "en": "The accounts for {year} show an overspend of {amount} ({pct}) against the corrected budget ({prices}).",
    },
    "trend.forecast_result_mindreforbrug": {
        "da": "Regnskabet for {year} viser et mindreforbrug på {amount} ({pct}) i forhold til korrigeret budget ({prices}).",
        "en": "The accounts for {year} show an underspend of {amount} ({pct}) against the corrected budget ({prices}).",
    },
    "trend.forecast_result_budget": {
        "da": "Regnskabet for {year} svarer til korrigeret budget (afvigelse {amount}, {pct}; {prices}).",
        "en": "The accounts for {year} match the corrected budget (deviation {amount}, {pct}; {prices}).",
    },
    "trend.forecast_no_budget": {
        "da": "Med den nuværende udvikling forventes en nettoudgift på {amount} i {year} ({method}; {prices}). Korrigeret budget er ikke indlæst.",
        "en": "At the current pace net expenditure of {amount} is expected in {year} ({method}; {prices}). The corrected budget is not loaded.",
    },
    "trend.method_seasonal": {
        "da": "sæsonprofil fra {years}, regnskab til og med {month}",
        "en": "seasonal profile from {years}, actuals up to and including {month}",
    },
    "trend.method_linear": {
        "da": "lineær fremskrivning af regnskab til og med {month}",
        "en": "straight-line projection of actuals up to and including {month}",
    },
    "trend.method_linear_fallback": {
        "da": "lineær fremskrivning af regnskab til og med {month}; ingen tidligere hele år til en sæsonprofil",
        "en": "straight-line projection of actuals up to and including {month}; no earlier complete year for a seasonal profile",
    },
    "trend.method_complete": {"da": "årets regnskab er komplet (12 måneder)", "en": "the year's accounts are complete (12 months)"},
    "trend.method_label": {"da": "Prognosemetode", "en": "Forecast method"},
    "trend.method_saeson_name": {"da": "Sæsonprofil fra tidligere år", "en": "Seasonal profile of earlier years"},
    "trend.method_lineaer_name": {"da": "Lineær fremskrivning", "en": "Straight-line projection"},
    "trend.forecast_method": {"da": "Prognosemetode", "en": "Forecast method"},
    "trend.kpi_forecast": {"da": "Forventet udgift {year}", "en": "Expected expenditure {year}"},
    "trend.kpi_result": {"da": "Nettoudgift {year}", "en": "Net expenditure {year}"},
    "trend.kpi_vs_budget": {"da": "Forventet afvigelse {year}", "en": "Expected deviation {year}"},
    "trend.kpi_vs_budget_result": {"da": "Afvigelse fra budget {year}", "en": "Deviation from budget {year}"},
    "trend.help_vs_budget": {
        "da": "Prognose minus korrigeret budget (dranst 1+2). Plus = merforbrug (rød), minus = mindreforbrug (grøn).",
        "en": "Forecast minus corrected budget (dranst 1+2). Plus = overspend (red), minus = underspend (green).",
    },
    "trend.kind_merforbrug": {"da": "merforbrug", "en": "overspend"},
    "trend.kind_mindreforbrug": {"da": "mindreforbrug", "en": "underspend"},
    "trend.kind_budget": {"da": "som budget", "en": "on budget"},
    "trend.kpi_spend": {"da": "Forbrugsprocent til og med {month}", "en": "Spending rate up to {month}"},
    "trend.help_spend": {
        "da": "Regnskab til dato / årets korrigerede budget. Ved jævnt forbrug over året: {share}.",
        "en": "Actuals to date / the year's corrected budget. With even spending over the year: {share}.",
    },
    "trend.kpi_growth": {"da": "Udvikling {y0}-{y1}", "en": "Change {y0}-{y1}"},
    "trend.kpi_growth_short": {"da": "Udvikling", "en": "Change"},
    "trend.help_growth": {
        "da": "Første til sidste hele år i perioden; i gennemsnit {per_year} om året.",
        "en": "First to last complete year of the period; on average {per_year} a year.",
    },
    "trend.kpi_per_inhabitant": {"da": "Pr. indbygger {age}, {year}", "en": "Per inhabitant {age}, {year}"},
    "trend.help_per_inhabitant": {
        "da": "Nettoudgift / indbyggere {age} i kommunen (befolkningstal). Ikke indlæst = befolkningstal mangler.",
        "en": "Net expenditure / inhabitants {age} in the municipality (population). Not loaded = population missing.",
    },
    "trend.age_0_17": {"da": "0-17 år", "en": "aged 0-17"},
    "trend.age_18_64": {"da": "18-64 år", "en": "aged 18-64"},
    "trend.age_total": {"da": "alle aldre", "en": "all ages"},
    "trend.chart_title": {
        "da": "Nettoudgift pr. år efter statsrefusion, {prices}, mio. kr.",
        "en": "Net expenditure per year after state refunds, {prices}, DKK million",
    },
    "trend.actual": {"da": "Regnskab", "en": "Actuals"},
    "trend.forecast_full_year": {"da": "Prognose for hele året", "en": "Full-year forecast"},
    "trend.bar_forecast": {"da": "prognose {value}", "en": "forecast {value}"},
    "trend.source": {
        "da": "økonomisystemets regnskab, oprindeligt og korrigeret budget, dranst 1+2; befolkningstal",
        "en": "the finance system's accounts, original and corrected budget, dranst 1+2; population",
    },
    "trend.col_change_dkk": {"da": "Ændring, mio. kr.", "en": "Change, DKK million"},
    "trend.col_change_pct": {"da": "Ændring, %", "en": "Change, %"},
    "trend.col_change_kr": {"da": "Ændring, kr.", "en": "Change, DKK"},
    "trend.col_change_share": {"da": "Ændring, andel", "en": "Change, share"},
    "trend.col_forecast": {"da": "Prognose", "en": "Forecast"},
    "trend.col_deviation": {"da": "Afvigelse fra korr. budget", "en": "Deviation from corrected budget"},
    "trend.col_per_inhabitant": {"da": "Pr. indbygger {age}", "en": "Per inhabitant {age}"},
    "trend.col_persons": {"da": "Indbyggere {age}", "en": "Inhabitants {age}"},
    "trend.col_budget_cum": {"da": "Korr. budget akk.", "en": "Corrected budget cum."},
    "trend.col_budget_original_cum": {"da": "Opr. budget akk.", "en": "Original budget cum."},
    "trend.col_change_span": {"da": "Ændring {y0}-{y1}", "en": "Change {y0}-{y1}"},
    "trend.col_code": {"da": "Kode", "en": "Code"},
    "trend.month_heading": {"da": "{year} måned for måned", "en": "{year} month by month"},
    "trend.month_chart_title": {
        "da": "Akkumuleret nettoudgift {year} mod budget, {prices}, mio. kr.",
        "en": "Cumulated net expenditure {year} against budget, {prices}, DKK million",
    },
    "trend.actual_cum": {"da": "Regnskab akk.", "en": "Actuals cum."},
    "trend.forecast_path": {"da": "Prognose akk.", "en": "Forecast cum."},
    "trend.table_behind": {"da": "Tabel bag figuren", "en": "Table behind the chart"},
    "trend.split_heading": {"da": "Fordeling pr. år", "en": "Breakdown per year"},
    "trend.split_label": {"da": "Fordel på", "en": "Break down by"},
    "trend.split_funktion": {"da": "Funktion", "en": "Function"},
    "trend.split_dranst": {"da": "Før og efter statsrefusion", "en": "Before and after state refunds"},
    "trend.split_koeb_salg": {"da": "Køb og salg af pladser", "en": "Buying and selling places"},
    "trend.split_gruppering": {"da": "Gruppering", "en": "Grouping"},
    "trend.split_funktion_in": {"da": "funktion", "en": "function"},
    "trend.split_dranst_in": {"da": "drift og statsrefusion", "en": "operations and state refunds"},
    "trend.split_koeb_salg_in": {"da": "køb, salg og øvrige", "en": "buying, selling and other"},
    "trend.split_gruppering_in": {"da": "gruppering", "en": "grouping"},
    "trend.split_chart_title": {
        "da": "Nettoudgift pr. år fordelt på {split}, {prices}, mio. kr.",
        "en": "Net expenditure per year by {split}, {prices}, DKK million",
    },
    "trend.no_actuals_yet": {
        "da": "{year} har endnu ingen bogførte måneder i regnskabet (seneste bogførte måned: {last}). Tallene nedenfor gælder derfor {prev}; prognose og forbrug for {year} vises, når den første måned er bogført.",
        "en": "{year} has no posted months in the ledger yet (latest posted month: {last}). The figures below therefore refer to {prev}; the forecast and spending for {year} appear once its first month is posted.",
    },
    "trend.budget_only_budget": {
        "da": "Budget {year}: {budget} ({kind}).",
        "en": "Budget {year}: {budget} ({kind}).",
    },
    "trend.split_table_unit": {"da": "Beløb i mio. kr.; * = ufuldstændigt år.", "en": "Amounts in DKK million; * = incomplete year."},
    "trend.dranst_1": {"da": "Drift (dranst 1) = netto før statsrefusion", "en": "Operations (dranst 1) = net before state refunds"},
    "trend.dranst_2": {"da": "Statsrefusion (dranst 2)", "en": "State refunds (dranst 2)"},
    "trend.art_class_koeb": {"da": "Køb af pladser (art 4.6-4.8)", "en": "Places bought (art 4.6-4.8)"},
    "trend.art_class_salg": {"da": "Salg af pladser (art 7.6-7.8)", "en": "Places sold (art 7.6-7.8)"},
    "trend.art_class_oevrige": {"da": "Øvrige (egne tilbud mv.)", "en": "Other (own services etc.)"},
    "trend.grouping_label": {"da": "Gruppering {code}", "en": "Grouping {code}"},
    "trend.grouping_none": {"da": "Uden gruppering", "en": "No grouping"},
    "trend.drill_hint": {
        "da": "Klik på en funktion i figuren for at se den alene (området i sidepanelet skifter).",
        "en": "Click a function in the chart to see it alone (the sidebar's area changes).",
    },
    "trend.callout_forecast": {"da": "Prognose {value}", "en": "Forecast {value}"},
    "trend.callout_budget": {"da": "Korr. budget {value}", "en": "Corr. budget {value}"},
    "trend.drilled": {"da": "Viser nu {area}. Vælg et andet område i sidepanelet for at gå tilbage.", "en": "Now showing {area}. Choose another area in the sidebar to go back."},
    # --- decomposition page (dashboard/dekomponering.py, analysis/segments.py) ------------------
    "decomp.dimension": {"da": "Opdeling", "en": "Split by"},
    "decomp.dim.niveau": {"da": "Funktionsevneniveau", "en": "Level of need"},
    "decomp.dim.paragraf": {"da": "Paragraf", "en": "Section of the act"},
    "decomp.dim.leverandoertype": {"da": "Leverandørtype", "en": "Provider type"},
    "decomp.dim.leverandoer": {"da": "Leverandør", "en": "Provider"},
    "decomp.dim.tilbudstype_niveau": {"da": "Tilbudstype og niveau", "en": "Offer type and level"},
    "decomp.dim.paragraf_niveau": {"da": "Paragraf og niveau", "en": "Section and level"},
    "decomp.dim_group.tilbudstype_niveau": {"da": "Tilbudstype", "en": "Offer type"},
    "decomp.dim_group.paragraf_niveau": {"da": "Paragraf", "en": "Section"},
    "decomp.group_plural.tilbudstype_niveau": {"da": "tilbudstyper", "en": "offer types"},
    "decomp.group_plural.paragraf_niveau": {"da": "paragraffer", "en": "sections"},
    "decomp.unknown": {"da": "Ukendt", "en": "Unknown"},
    "decomp.level_short.0": {"da": "0 Ingen", "en": "0 None"},
    "decomp.level_short.1": {"da": "1 Let", "en": "1 Mild"},
    "decomp.level_short.2": {"da": "2 Moderat", "en": "2 Moderate"},
    "decomp.level_short.3": {"da": "3 Svært", "en": "3 Severe"},
    "decomp.level_short.4": {"da": "4 Fuldstændig", "en": "4 Complete"},
    "decomp.level_short.ikke_vurderet": {"da": "Ikke vurderet", "en": "Not assessed"},
    "decomp.whole_year": {"da": "hele året", "en": "whole year"},
    "decomp.period_text": {"da": "{base} og {cur} ({months})", "en": "{base} and {cur} ({months})"},
    "decomp.base": {"da": "basisår", "en": "base year"},
    "decomp.comparison": {"da": "sammenligningsår", "en": "comparison year"},
    "decomp.base_year": {"da": "Basisår", "en": "Base year"},
    "decomp.comparison_year": {"da": "Sammenligningsår", "en": "Comparison year"},
    "decomp.scale": {"da": "Skaler til regnskab", "en": "Scale to the ledger"},
    "decomp.scale_help": {
        "da": "Start og slut i regnskabets nettoudgift (dranst 1) på samme funktioner og måneder. Effekterne er fortsat aktivitetsdatas; forskellen mellem regnskab og aktivitetsbaseret udgift vises som søjlen »Ikke forklaret af aktivitetsdata«.",
        "en": "Start and end at the ledger's net expenditure (dranst 1) on the same functions and months. The effects remain those of the activity data; the difference between ledger and activity-based cost is shown as the bar 'Not explained by activity data'.",
    },
    "decomp.advanced": {"da": "Avanceret", "en": "Advanced"},
    "decomp.method_label": {"da": "Metode", "en": "Method"},
    "decomp.method.lmdi": {"da": "LMDI-I (logaritmisk Divisia-indeks)", "en": "LMDI-I (logarithmic mean Divisia index)"},
    "decomp.method.shapley": {"da": "Shapley (gennemsnit af alle rækkefølger)", "en": "Shapley (average over all orders)"},
    "decomp.method.pvm": {"da": "Pris-volumen-mix (trinvis)", "en": "Price-volume-mix (sequential)"},
    "decomp.method.laspeyres": {"da": "Laspeyres (basisårets vægte)", "en": "Laspeyres (base-year weights)"},
    "decomp.method_help.lmdi": {
        "da": "Standard: præcis, uafhængig af rækkefølgen og håndterer nye og ophørte segmenter.",
        "en": "Default: exact, independent of the order, and handles new and ended segments.",
    },
    "decomp.method_help.shapley": {
        "da": "Hver faktors gennemsnitlige bidrag over alle rækkefølger; præcis og symmetrisk.",
        "en": "Each factor's average contribution over all orders; exact and symmetric.",
    },
    "decomp.method_help.pvm": {
        "da": "Controllerens bro: først mængde, så mix, så pris; præcis, men afhænger af rækkefølgen.",
        "en": "The controller's bridge: volume, then mix, then price; exact, but depends on the order.",
    },
    "decomp.method_help.laspeyres": {
        "da": "Hver faktor ændres alene fra basisåret; samspillet vises som en rest.",
        "en": "Each factor changes alone from the base year; the interaction is shown as a residual.",
    },
    "decomp.kpi.total": {"da": "Ændring i alt", "en": "Total change"},
    "decomp.kpi.volume": {"da": "Mængde (HÅP)", "en": "Volume (FYP)"},
    "decomp.kpi.mix": {"da": "Kompleksitet (mix)", "en": "Complexity (mix)"},
    "decomp.kpi.unit_price": {"da": "Enhedspriser", "en": "Unit prices"},
    "decomp.kpi.inflation": {"da": "Pris og løn (PL)", "en": "Prices and wages (PL)"},
    "decomp.kpi.real_price": {"da": "Realpriser", "en": "Real prices"},
    "decomp.ledger_share_note": {
        "da": "Eksporten har også regnskabet fordelt efter segmenternes andel af den aktivitetsbaserede udgift.",
        "en": "The export also has the ledger allocated by the segments' shares of the activity-based cost.",
    },
    "decomp.kpi_help": {
        "da": "I mio. kr.; procent af udgiften {year}. Stigning er rød, fald grøn.",
        "en": "In DKK million; percent of the cost in {year}. Increases red, decreases green.",
    },
    "decomp.step.cost": {"da": "Udgift {year}", "en": "Cost {year}"},
    "decomp.step.ledger": {"da": "Regnskab {year}", "en": "Ledger {year}"},
    "decomp.step.volume_up": {"da": "Flere<br>helårspersoner", "en": "More full-<br>year persons"},
    "decomp.step.volume_down": {"da": "Færre<br>helårspersoner", "en": "Fewer full-<br>year persons"},
    "decomp.step.mix_need_up": {"da": "Tungere behov<br>(mix)", "en": "Heavier needs<br>(mix)"},
    "decomp.step.mix_need_down": {"da": "Lettere behov<br>(mix)", "en": "Lighter needs<br>(mix)"},
    "decomp.step.mix_up": {"da": "Dyrere<br>sammensætning (mix)", "en": "Costlier<br>mix"},
    "decomp.step.mix_down": {"da": "Billigere<br>sammensætning (mix)", "en": "Cheaper<br>mix"},
    "decomp.step.mix_between": {"da": "Skift mellem<br>{groups}", "en": "Shift between<br>{groups}"},
    "decomp.step.inflation": {"da": "Pris og løn<br>(PL)", "en": "Prices and<br>wages (PL)"},
    "decomp.step.real_up": {"da": "Højere<br>realpriser", "en": "Higher<br>real prices"},
    "decomp.step.real_down": {"da": "Lavere<br>realpriser", "en": "Lower<br>real prices"},
    "decomp.step.price_up": {"da": "Højere<br>enhedspriser", "en": "Higher<br>unit prices"},
    "decomp.step.price_down": {"da": "Lavere<br>enhedspriser", "en": "Lower<br>unit prices"},
    "decomp.step.residual": {"da": "Samspil<br>(rest)", "en": "Interaction<br>(residual)"},
    "decomp.step.unallocated": {"da": "Ikke fordelt<br>(uden HÅP)", "en": "Not allocated<br>(no FYP)"},
    "decomp.step.unexplained": {"da": "Ikke forklaret af<br>aktivitetsdata", "en": "Not explained by<br>activity data"},
    "decomp.col.segment": {"da": "Segment", "en": "Segment"},
    "decomp.col.hap": {"da": "HÅP {year}", "en": "FYP {year}"},
    "decomp.col.unit_price_year": {"da": "Enhedspris {year}", "en": "Unit price {year}"},
    "decomp.col.cost": {"da": "Udgift {year}", "en": "Cost {year}"},
    "decomp.col.ledger_share": {"da": "Regnskab fordelt {year}", "en": "Ledger allocated {year}"},
    "decomp.col.volume": {"da": "Mængde", "en": "Volume"},
    "decomp.col.mix": {"da": "Mix", "en": "Mix"},
    "decomp.col.mix_between": {"da": "Mix mellem grupper", "en": "Mix between groups"},
    "decomp.col.mix_within": {"da": "Mix inden for grupper", "en": "Mix within groups"},
    "decomp.col.unit_price": {"da": "Enhedspris-effekt", "en": "Unit-price effect"},
    "decomp.col.inflation": {"da": "PL", "en": "PL"},
    "decomp.col.real_price": {"da": "Realpris", "en": "Real price"},
    "decomp.col.residual": {"da": "Samspil (rest)", "en": "Interaction (residual)"},
    "decomp.col.unallocated": {"da": "Ikke fordelt", "en": "Not allocated"},
    "decomp.col.change": {"da": "Ændring i alt", "en": "Total change"},
    "decomp.col.component": {"da": "Komponent", "en": "Component"},
    "decomp.col.amount_kr": {"da": "Beløb (kr.)", "en": "Amount (DKK)"},
    "decomp.col.coverage": {"da": "Dækning (%)", "en": "Coverage (%)"},
    "decomp.col.provider": {"da": "Leverandør", "en": "Provider"},
    "decomp.col.provider_type": {"da": "Leverandørtype", "en": "Provider type"},
    "decomp.unit.kr_per_hap": {"da": "kr. pr. HÅP", "en": "DKK per FYP"},
    "decomp.total_change": {"da": "Ændring i alt", "en": "Total change"},
    "decomp.coverage_row": {
        "da": "Aktivitetsbaseret udgift og dækning af regnskabet, {which}",
        "en": "Activity-based cost and coverage of the ledger, {which}",
    },
    "decomp.export_title": {
        "da": "Dekomponering af udgiftsændringen: mængde, kompleksitet (mix) og enhedspris",
        "en": "Decomposition of the change in cost: volume, complexity (mix) and unit price",
    },
    "decomp.sheet.segments": {"da": "Segmenter", "en": "Segments"},
    "decomp.sheet.totals": {"da": "I alt", "en": "Totals"},
    "decomp.what_ledger": {"da": "nettoudgiften i regnskabet (dranst 1)", "en": "the ledger's net expenditure (dranst 1)"},
    "decomp.what_activity": {"da": "den aktivitetsbaserede udgift", "en": "the activity-based cost"},
    "decomp.headline_up": {
        "da": "Fra {base} til {cur} ({months}) steg {what} til {area} med {amount}, fra {start} til {end}.",
        "en": "From {base} to {cur} ({months}) {what} for {area} rose by {amount}, from {start} to {end}.",
    },
    "decomp.headline_down": {
        "da": "Fra {base} til {cur} ({months}) faldt {what} til {area} med {amount}, fra {start} til {end}.",
        "en": "From {base} to {cur} ({months}) {what} for {area} fell by {amount}, from {start} to {end}.",
    },
    "decomp.explain.volume": {
        "da": "Antallet af helårspersoner gik fra {v0} til {v1} (summen over segmenterne), hvilket giver en mængdeeffekt på {amount}.",
        "en": "Full-year persons went from {v0} to {v1} (summed over the segments), a volume effect of {amount}.",
    },
    "decomp.explain.mix": {
        "da": "Ændret fordeling af helårspersonerne på {dim} (kompleksitet/mix) giver {amount}.",
        "en": "A changed distribution of the full-year persons over {dim} (complexity/mix) gives {amount}.",
    },
    "decomp.explain.mix_two": {
        "da": "Skift mellem {groups} giver {between}, og skift i funktionsevneniveau inden for dem (kompleksitet) giver {within}.",
        "en": "Shifts between {groups} give {between}, and shifts in the level of need within them (complexity) give {within}.",
    },
    "decomp.explain.price": {
        "da": "Ændrede enhedspriser (udgift pr. helårsperson i hvert segment) giver {amount}.",
        "en": "Changed unit prices (cost per full-year person in each segment) give {amount}.",
    },
    "decomp.explain.price_split": {
        "da": "Ændrede enhedspriser giver {amount}: {pl} svarer til den generelle pris- og lønudvikling (PL), og {real} er reale prisændringer.",
        "en": "Changed unit prices give {amount}: {pl} matches general price and wage growth (PL), and {real} are real price changes.",
    },
    "decomp.explain.residual": {
        "da": "Laspeyres-metoden efterlader et samspil på {amount}, som ikke kan henføres til én faktor.",
        "en": "The Laspeyres method leaves an interaction of {amount} that cannot be attributed to one factor.",
    },
    "decomp.explain.unallocated": {
        "da": "{amount} er udgift uden helårspersoner og er ikke fordelt.",
        "en": "{amount} is cost without full-year persons and is not allocated.",
    },
    "decomp.explain.top_up": {"da": "Største stigning: {segment} ({amount}).", "en": "Largest increase: {segment} ({amount})."},
    "decomp.explain.top_down": {"da": "Største fald: {segment} ({amount}).", "en": "Largest decrease: {segment} ({amount})."},
    "decomp.explain.coverage": {
        "da": "Aktivitetsdata forklarer {c0} af regnskabets nettoudgift (dranst 1) på samme funktioner og måneder i {base} og {c1} i {cur}.",
        "en": "Activity data explain {c0} of the ledger's net expenditure (dranst 1) on the same functions and months in {base} and {c1} in {cur}.",
    },
    "decomp.explain.unexplained": {
        "da": "Forskellen mellem regnskab og aktivitetsbaseret udgift ændrede sig med {amount}; den vises som »Ikke forklaret af aktivitetsdata«.",
        "en": "The difference between ledger and activity-based cost changed by {amount}; it is shown as 'Not explained by activity data'.",
    },
    "decomp.explain.method": {
        "da": "Opdelingen er beregnet med metoden {method}, og søjlerne summerer præcist til den samlede ændring ({prices}).",
        "en": "The split is computed with the method {method}, and the bars add up exactly to the total change ({prices}).",
    },
    "decomp.chart_title": {
        "da": "Udgiftsændring {base}-{cur} ({months}) opdelt efter {dim}",
        "en": "Change in cost {base}-{cur} ({months}) split by {dim}",
    },
    "decomp.chart_subtitle": {"da": "{prices}, mio. kr.", "en": "{prices}, DKK million"},
    "decomp.segment_chart_title": {
        "da": "Bidrag til ændringen pr. segment ({dim}), mio. kr.",
        "en": "Contribution to the change per segment ({dim}), DKK million",
    },
    "decomp.axis_note": {"da": "Y-aksen starter ved {value}", "en": "The y axis starts at {value}"},
    "decomp.price_current": {"da": "løbende priser", "en": "current prices"},
    "decomp.price_split": {
        "da": "løbende priser, priseffekt opdelt i PL og realpris (faste {year}-priser valgt)",
        "en": "current prices, price effect split into PL and real price (constant {year} prices chosen)",
    },
    "decomp.fixed_note": {
        "da": "Med faste priser opdeles priseffekten i pris- og lønudvikling (PL) og realpris med PL-indekset ({i0} i {base}, {i1} i {cur}). Start- og slutsøjlen er årenes faktiske udgift; opdelingen bruger kun forholdet mellem de to indeksværdier og afhænger derfor ikke af basisåret {year}.",
        "en": "With constant prices the price effect is split into price and wage growth (PL) and real price with the PL index ({i0} in {base}, {i1} in {cur}). The first and last bars are each year's actual cost; the split uses only the ratio of the two index values and so does not depend on the base year {year}.",
    },
    "decomp.same_years": {
        "da": "Basisår og sammenligningsår er ens; vælg to forskellige år.",
        "en": "Base and comparison year are the same; choose two different years.",
    },
    "decomp.partial_notice": {
        "da": "{years} er ikke et helt år i data (aktivitetsdata til {date}{ledger}). Begge år sammenlignes derfor for de samme måneder: {months}",
        "en": "{years} is not a whole year in the data (activity data to {date}{ledger}). Both years are therefore compared over the same months: {months}",
    },
    "decomp.ledger_upto": {"da": ", regnskab til og med {month}", "en": ", ledger up to and including {month}"},
    "decomp.no_months": {
        "da": "Der er ingen hel måned med data i {year}; vælg et andet år.",
        "en": "There is no complete month of data in {year}; choose another year.",
    },
    "decomp.no_activity": {
        "da": "Ingen aktivitetsdata for området i de valgte år; dekomponeringen kræver helårspersoner og udgift pr. segment.",
        "en": "No activity data for the area in the chosen years; the decomposition needs full-year persons and cost per segment.",
    },
    "decomp.ledger_not_yet": {
        "da": "Der er endnu ikke bogført regnskab for {years}: dækning og skalering til regnskab kan ikke vises, og sammenligningen bygger alene på aktivitetsdata.",
        "en": "No ledger actuals have been posted for {years} yet: coverage and scaling to the ledger cannot be shown, and the comparison rests on activity data alone.",
    },
    "decomp.no_months_default": {
        "da": "{year} har endnu ingen hel måned med aktivitetsdata (data til {date}); sammenligningsåret er derfor sat til {latest}.",
        "en": "{year} has no complete month of activity data yet (data to {date}); the comparison year is therefore set to {latest}.",
    },
    "decomp.latest_comparable": {
        "da": "Aktivitetsdata går til {date}; det seneste år med mindst én hel måned er {latest}.",
        "en": "Activity data run to {date}; the latest year with at least one complete month is {latest}.",
    },
    "decomp.ledger_missing": {
        "da": "Regnskab ikke indlæst for {years}: dækning og skalering til regnskab kan ikke vises.",
        "en": "Ledger not loaded for {years}: coverage and scaling to the ledger cannot be shown.",
    },
    "decomp.coverage_line": {
        "da": "Aktivitetsdata forklarer {c0} ({base}) og {c1} ({cur}) af regnskabets nettoudgift (dranst 1) på samme funktioner og måneder ({l0} og {l1}).",
        "en": "Activity data explain {c0} ({base}) and {c1} ({cur}) of the ledger's net expenditure (dranst 1) on the same functions and months ({l0} and {l1}).",
    },
    "decomp.table_title": {"da": "Segmenter", "en": "Segments"},
    "decomp.table_units": {
        "da": "HÅP = helårspersoner i perioden ({months}). Enhedspris = udgift / HÅP i t.kr. for perioden. Udgift, regnskab og effekter i mio. kr.",
        "en": "FYP = full-year persons in the period ({months}). Unit price = cost / FYP in DKK thousand for the period. Cost, ledger and effects in DKK million.",
    },
    "decomp.providers_title": {"da": "Leverandører i segmentet", "en": "Providers in the segment"},
    "decomp.provider_pick": {"da": "Vis leverandører for segment", "en": "Show providers for segment"},
    "decomp.no_providers": {
        "da": "Ingen leverandører i segmentet i de valgte perioder.",
        "en": "No providers in the segment in the chosen periods.",
    },
    "decomp.source_activity": {
        "da": "fagsystemets aktivitetsdata (dage × dagstakst)",
        "en": "the case system's activity data (days × daily tariff)",
    },
    "decomp.source_ledger": {"da": "økonomisystemets regnskab, dranst 1", "en": "the finance system's ledger, dranst 1"},
    "decomp.data_date_value": {"da": "aktivitetsdata til {date}", "en": "activity data to {date}"},
    "decomp.method_title": {"da": "Om metoden", "en": "About the method"},
    "decomp.method_text": {
        "da": "**Model.** Udgiften i en periode er summen over segmenterne af *helårspersoner × enhedspris*. Skrevet som *helårspersoner i alt (mængde) × andel i hvert segment (mix) × enhedspris i segmentet* kan ændringen mellem to perioder deles i tre effekter:\n\n- **Mængde**: flere eller færre helårspersoner i alt, med uændret fordeling og uændrede priser.\n- **Kompleksitet (mix)**: helårspersonerne flytter mellem segmenter, fx til et tungere funktionsevneniveau eller en dyrere tilbudstype. Ved opdeling i to niveauer deles mixet i skift mellem grupper og skift inden for grupper.\n- **Enhedspris**: udgiften pr. helårsperson i hvert segment ændrer sig. Med faste priser deles den i den generelle pris- og lønudvikling (PL) og realpris.\n\nUdgift uden helårspersoner (efterbetalinger, rettelser) fordeles aldrig, men vises som *Ikke fordelt*.\n\n**Egenskaber.** Effekterne summerer præcist til den samlede ændring (med LMDI, Shapley og PVM; Laspeyres viser samspillet som en rest). *LMDI-I* (logaritmisk Divisia-indeks) er uafhængig af rækkefølgen, giver samme resultat med modsat fortegn, hvis perioderne byttes, og håndterer segmenter, der er nye eller ophørt (hele deres udgift er mix). *Shapley* tager gennemsnittet af faktorernes bidrag over alle rækkefølger. *PVM* er controllerens trinvise bro (mængde, så mix, så pris) og afhænger af rækkefølgen. *Laspeyres* ændrer én faktor ad gangen fra basisåret.\n\n**Forbehold.** Tallene bygger på fagsystemets bevillinger (dage × dagstakst), ikke på betalte fakturaer; dækningen af regnskabet står på siden. En borger med ydelser i to segmenter eller på to funktioner tæller i begge; overlappende ydelser på samme funktion og i samme segment tæller kun én gang pr. dag (som på Overblik). Resultatet afhænger af opdelingen: mix mellem leverandører er noget andet end mix mellem funktionsevneniveauer.",
        "en": "**Model.** The cost of a period is the sum over the segments of *full-year persons × unit price*. Written as *total full-year persons (volume) × share in each segment (mix) × unit price of the segment*, the change between two periods splits into three effects:\n\n- **Volume**: more or fewer full-year persons in total, with the distribution and prices unchanged.\n- **Complexity (mix)**: full-year persons move between segments, e.g. to a heavier level of need or a costlier offer type. With a two-level split the mix is split into shifts between groups and shifts within groups.\n- **Unit price**: the cost per full-year person of each segment changes. With constant prices it is split into general price and wage growth (PL) and real price.\n\nCost without full-year persons (back payments, corrections) is never spread but shown as *Not allocated*.\n\n**Properties.** The effects add up exactly to the total change (with LMDI, Shapley and PVM; Laspeyres shows the interaction as a residual). *LMDI-I* (logarithmic mean Divisia index) does not depend on the order, gives the same result with the opposite sign when the periods are swapped, and handles segments that are new or ended (all their cost is mix). *Shapley* averages the factors' contributions over all orders. *PVM* is the controller's sequential bridge (volume, then mix, then price) and depends on the order. *Laspeyres* changes one factor at a time from the base year.\n\n**Caveats.** The figures are built from the case system's grants (days × daily tariff), not from paid invoices; the coverage of the ledger is stated on the page. A citizen with measures in two segments or on two functions counts in both; overlapping measures of the same function and segment count once a day (as on Overblik). The result depends on the split: mix between providers is something else than mix between levels of need.",
    },
    # --- Sammenligning (benchmark page, issue 5) ---
    "cmp.no_data": {"da": "Der er ikke indlæst nøgletal (benchmark) for de valgte funktioner.", "en": "No benchmark figures are loaded for the chosen functions."},
    "cmp.source": {"da": "Kilde", "en": "Source"},
    "cmp.source_syntetisk": {"da": "Syntetiske tal", "en": "Synthetic figures"},
    "cmp.source_dst": {"da": "Danmarks Statistik (REGK31)", "en": "Statistics Denmark (REGK31)"},
    "cmp.source_noegletal": {"da": "Nøgletal (indlæst fil)", "en": "Key figures (imported file)"},
    "cmp.source_syntetisk_noegletal": {"da": "Syntetiske nøgletal", "en": "Synthetic key figures"},
    "cmp.key_figure": {"da": "Nøgletal", "en": "Key figure"},
    "cmp.target_18_64": {"da": "18-64-årig", "en": "person aged 18-64"},
    "cmp.target_0_17": {"da": "0-17-årig", "en": "person aged 0-17"},
    "cmp.target_total": {"da": "indbygger", "en": "inhabitant"},
    "cmp.prices_as_delivered": {"da": "Priser som leveret af kilden", "en": "Prices as delivered by the source"},
    "cmp.no_region": {"da": "{kommune} hører ikke til en region, så regionen kan ikke vælges som sammenligningsgruppe.", "en": "{kommune} belongs to no region, so the region cannot be chosen as comparison group."},
    "cmp.group_dst": {"da": "{name} (DST-gruppe {code})", "en": "{name} (DST group {code})"},
    "cmp.group_region": {"da": "Regionen ({region})", "en": "The region ({region})"},
    "cmp.group_land": {"da": "Hele landet", "en": "All of Denmark"},
    "cmp.group_egen": {"da": "Egen liste af kommuner", "en": "Own list of municipalities"},
    "cmp.group_naermeste": {"da": "Mest sammenlignelige kommuner", "en": "Most similar municipalities"},
    "cmp.measure": {"da": "Mål", "en": "Measure"},
    "cmp.measure_pr_indbygger": {"da": "Nettoudgift, kr. pr. {target}", "en": "Net expenditure, DKK per {target}"},
    "cmp.measure_i_alt": {"da": "Nettoudgift i alt, mio. kr.", "en": "Total net expenditure, DKK m"},
    "cmp.measure_indeks": {"da": "Indeks, gruppens gennemsnit = 100 (kr. pr. {target})", "en": "Index, group average = 100 (DKK per {target})"},
    "cmp.own_list": {"da": "Kommuner i egen liste", "en": "Municipalities in own list"},
    "cmp.own_list_placeholder": {"da": "Vælg kommuner", "en": "Choose municipalities"},
    "cmp.similar_settings": {"da": "Mest sammenlignelige kommuner: variable og vægte", "en": "Most similar municipalities: variables and weights"},
    "cmp.var.persons_total": {"da": "Indbyggere i alt", "en": "Inhabitants in total"},
    "cmp.var.share_18_64": {"da": "Andel 18-64-årige", "en": "Share aged 18-64"},
    "cmp.var.socio_index": {"da": "Socioøkonomisk indeks", "en": "Socio-economic index"},
    "cmp.k": {"da": "Antal kommuner (k)", "en": "Number of municipalities (k)"},
    "cmp.weight": {"da": "Vægt: {variable}", "en": "Weight: {variable}"},
    "cmp.similar_method": {"da": "De k nærmeste kommuner efter vægtet, standardiseret euklidisk afstand: hver variabel omregnes til (værdi - gennemsnit) / standardafvigelse over alle kommuner, afstand = kvadratroden af summen af vægt × forskel². Vægt 0 udelader en variabel.", "en": "The k nearest municipalities by weighted standardised Euclidean distance: each variable becomes (value - mean) / standard deviation over all municipalities, distance = square root of the sum of weight × difference². Weight 0 leaves a variable out."},
    "cmp.own_missing": {"da": "{kommune} har ingen tal i {year} i kilden {source}. Vælg et andet år eller en anden kilde.", "en": "{kommune} has no figures for {year} in the source {source}. Choose another year or source."},
    "cmp.kpi_own": {"da": "Kr. pr. {target} {year}", "en": "DKK per {target} {year}"},
    "cmp.kpi_group": {"da": "Gruppens gennemsnit (uvægtet)", "en": "Group average (unweighted)"},
    "cmp.help_group": {"da": "Simpelt gennemsnit af {n} kommuner i gruppen (egen kommune ikke medregnet); hver kommune tæller lige meget.", "en": "Simple average of {n} municipalities in the group (own municipality excluded); each municipality counts equally."},
    "cmp.kpi_index": {"da": "Indeks (gruppen = 100)", "en": "Index (group = 100)"},
    "cmp.help_index": {"da": "Egen udgift pr. indbygger i målgruppen / gruppens uvægtede gennemsnit × 100.", "en": "Own expenditure per target-group inhabitant / the group's unweighted average × 100."},
    "cmp.kpi_gap_mean": {"da": "Forskel til gruppens gennemsnit", "en": "Gap to the group average"},
    "cmp.help_gap": {"da": "(Egen kr. pr. indbygger i målgruppen - gruppens gennemsnit) × egen målgruppe. Positiv = vi bruger mere.", "en": "(Own DKK per target-group inhabitant - group average) × own target group. Positive = we spend more."},
    "cmp.kpi_gap_quartile": {"da": "Forskel til billigste kvartil", "en": "Gap to the cheapest quartile"},
    "cmp.help_quartile": {"da": "Som forskellen til gennemsnittet, men mod gruppens nedre kvartil (25 %-fraktil).", "en": "Like the gap to the average, but against the group's lower quartile (25th percentile)."},
    "cmp.sentence_level": {"da": "{kommune} brugte i {year} {value} pr. {target} på {area}, {prices}.", "en": "In {year} {kommune} spent {value} per {target} on {area}, {prices}."},
    "cmp.sentence_group": {"da": "Det er {pct} {direction} end gennemsnittet i {group} ({value}, uvægtet).", "en": "That is {pct} {direction} than the average of {group} ({value}, unweighted)."},
    "cmp.more": {"da": "mere", "en": "more"},
    "cmp.less": {"da": "mindre", "en": "less"},
    "cmp.sentence_gap": {"da": "Hvis vi brugte som gruppens gennemsnit, ville udgiften ændre sig med {gap}; som den billigste kvartil i gruppen med {gap_q}", "en": "If we spent like the group average, expenditure would change by {gap}; like the cheapest quartile of the group by {gap_q}"},
    "cmp.unit_note_per_inhabitant": {"da": "Kilden giver kr. pr. indbygger; beløb i alt = værdi × indbyggertal, derefter divideret med målgruppen.", "en": "The source gives DKK per inhabitant; total = value × population, then divided by the target group."},
    "cmp.unit_note_amount": {"da": "Kilden giver beløb (1.000 kr. ganges med 1.000); kr. pr. indbygger = beløb / personer i målgruppen.", "en": "The source gives amounts (DKK 1,000 multiplied by 1,000); per inhabitant = amount / persons in the target group."},
    "cmp.handlekommune": {"da": "Tallene er opgjort efter handlekommune (REGK31).", "en": "Figures are by acting municipality (handlekommune, REGK31)."},
    "cmp.handlekommune_noegletal": {"da": "Nøgletallene følger kildens opgørelse (handle- eller betalingskommune, se kilden); REGK31 opgøres efter handlekommune.", "en": "Key figures follow the source's definition (acting or paying municipality, see the source); REGK31 is by acting municipality."},
    "cmp.unit_note_per_age_group": {"da": "Kilden giver kr. pr. indbygger i en aldersgruppe (nøgletal); beløb i alt = værdi × personer i den aldersgruppe, derefter divideret med målgruppen.", "en": "The source gives DKK per inhabitant of an age group (key figure); total = value × persons in that age group, then divided by the target group."},
    "cmp.index_axis": {"da": "Indeks (gruppens gennemsnit = 100)", "en": "Index (group average = 100)"},
    "cmp.per_capita_axis": {"da": "Kr. pr. {target}", "en": "DKK per {target}"},
    "cmp.role_own": {"da": "egen kommune", "en": "own municipality"},
    "cmp.role_group": {"da": "i gruppen", "en": "in the group"},
    "cmp.role_other": {"da": "Øvrige kommuner", "en": "Other municipalities"},
    "cmp.legend_group": {"da": "{group}", "en": "{group}"},
    "cmp.avg_unweighted_named": {"da": "{group}: gennemsnit (uvægtet)", "en": "{group}: average (unweighted)"},
    "cmp.avg_national": {"da": "Landsgennemsnit (vægtet med befolkning)", "en": "National average (weighted by population)"},
    "cmp.ranking_title": {"da": "{measure}, {year}, {prices}", "en": "{measure}, {year}, {prices}"},
    "cmp.col_rank": {"da": "Placering", "en": "Rank"},
    "cmp.col_kommunekode": {"da": "Kommunekode", "en": "Municipality code"},
    "cmp.col_role": {"da": "Rolle", "en": "Role"},
    "cmp.col_total": {"da": "Nettoudgift i alt", "en": "Total net expenditure"},
    "cmp.col_total_kr": {"da": "Nettoudgift i alt (kr.)", "en": "Total net expenditure (DKK)"},
    "cmp.col_persons": {"da": "Antal (målgruppe: {target})", "en": "Persons (target group: {target})"},
    "cmp.col_socio": {"da": "Socioøkonomisk indeks", "en": "Socio-economic index"},
    "cmp.col_functions": {"da": "Funktioner med tal", "en": "Functions with figures"},
    "cmp.col_distance": {"da": "Afstand", "en": "Distance"},
    "cmp.municipalities": {"da": "kommuner", "en": "municipalities"},
    "cmp.units": {"da": "Enheder", "en": "Units"},
    "cmp.method_export": {"da": "Gruppens gennemsnit er uvægtet (egen kommune ikke medregnet); landsgennemsnittet er vægtet med befolkningen i målgruppen (sum af udgifter / sum af personer). Billigste kvartil = gruppens 25 %-fraktil. Forskel = (egen - reference) × egen målgruppe.", "en": "The group average is unweighted (own municipality excluded); the national average is weighted by the target population (sum of expenditure / sum of persons). Cheapest quartile = the group's 25th percentile. Gap = (own - reference) × own target group."},
    "cmp.trend_title": {"da": "Udvikling: kr. pr. {target}", "en": "Trend: DKK per {target}"},
    "cmp.trend_chart_title": {"da": "Kr. pr. {target}: egen kommune, gruppe og land, {prices}", "en": "DKK per {target}: own municipality, group and country, {prices}"},
    "cmp.members_fixed": {"da": "Gruppens medlemmer er valgt ud fra {year} og holdes faste over årene.", "en": "The group members are chosen from {year} and kept fixed over the years."},
    "cmp.similar_title": {"da": "Mest sammenlignelige kommuner", "en": "Most similar municipalities"},
    "cmp.scatter_title": {"da": "Kan niveauet forklares socioøkonomisk?", "en": "Can the level be explained socio-economically?"},
    "cmp.scatter_missing": {"da": "Socioøkonomisk indeks er ikke indlæst for året; sammenhængen kan ikke vises.", "en": "The socio-economic index is not loaded for the year; the relation cannot be shown."},
    "cmp.kpi_expected": {"da": "Forventet kr. pr. {target} (indeks)", "en": "Expected DKK per {target} (index)"},
    "cmp.kpi_residual": {"da": "Ikke forklaret, kr. pr. {target}", "en": "Not explained, DKK per {target}"},
    "cmp.kpi_residual_total": {"da": "Ikke forklaret, i alt", "en": "Not explained, total"},
    "cmp.residual_sentence": {"da": "Tilnærmelse: {value} pr. {target} ({total}) af {kommune}s niveau er ikke forklaret socioøkonomisk, dvs. ligger over (+) eller under (-) den rette linje ved kommunens socioøkonomiske indeks.", "en": "Approximation: {value} per {target} ({total}) of {kommune}'s level is not explained socio-economically, i.e. lies above (+) or below (-) the straight line at the municipality's socio-economic index."},
    "cmp.fit_line": {"da": "Mindste kvadraters linje", "en": "Least-squares line"},
    "cmp.scatter_chart_title": {"da": "Kr. pr. {target} mod socioøkonomisk indeks, {year}, {prices}", "en": "DKK per {target} against the socio-economic index, {year}, {prices}"},
    "cmp.fit_note": {"da": "Linjen er fundet med mindste kvadraters metode (uvægtet) over {n} kommuner, egen kommune ikke medregnet: kr. = {intercept} + {slope} × indeks. En tilnærmelse, ikke udligningens beregning.", "en": "The line is fitted by least squares (unweighted) over {n} municipalities, own municipality excluded: DKK = {intercept} + {slope} × index. An approximation, not the equalisation scheme's calculation."},
}


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
