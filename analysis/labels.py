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
"""

from __future__ import annotations

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "LABELS", "t", "available_languages", "has_label"]

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
        "en": "Synthetic demo data – Eksempelby Kommune is fictitious",
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
    "kind.budget_corrected": {"da": "Korrigeret budget", "en": "Revised budget"},
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
    # --- shell, sidebar and pages (foundation) -------------------------------------
    "notice.invalid_url_value": {
        "da": "Linkets værdi {param}={value} findes ikke; standardværdien bruges i stedet.",
        "en": "The link's value {param}={value} does not exist; the default is used instead.",
    },
    "status.no_database": {
        "da": "Databasen {path} findes ikke. Kør 'make run' for demodata eller indlæs en fil med python -m ingest.",
        "en": "The database {path} does not exist. Run 'make run' for demo data or load a file with python -m ingest.",
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
        "en": "Synthetic demo data: Eksempelby Kommune is fictitious and the figures are made up (except marked Statistics Denmark figures).",
    },
    "status.incomplete_year": {"da": "ufuldstændigt år ({months} mdr.)", "en": "incomplete year ({months} months)"},
    "sidebar.from_year": {"da": "Fra år", "en": "From year"},
    "sidebar.to_year": {"da": "Til år", "en": "To year"},
    "sidebar.pl_source": {"da": "PL-indeks: {source}", "en": "PL index: {source}"},
    "common.source": {"da": "Kilde", "en": "Source"},
    "common.database_version": {"da": "Dataversion", "en": "Data version"},
    "common.method": {"da": "Metode", "en": "Method"},
    "overview.kpi_net": {"da": "Nettoudgift {year}", "en": "Net expenditure {year}"},
    "overview.kpi_change": {"da": "Udvikling {prev}-{year}", "en": "Change {prev}-{year}"},
    "overview.kpi_persons": {"da": "Helårspersoner {year}", "en": "Full-year persons {year}"},
    "overview.kpi_unit_price": {"da": "Enhedspris {year}", "en": "Unit price {year}"},
    "overview.kpi_coverage": {"da": "Aktivitetsdata dækker {year}", "en": "Activity data covers {year}"},
    "overview.chart_title": {
        "da": "Nettoudgift pr. år, {prices}, mio. kr.",
        "en": "Net expenditure per year, {prices}, DKK million",
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
    "data.replace": {"da": 'Erstat en tidligere import af samme fil', "en": 'Replace an earlier import of the same file'},
    "data.file": {"da": 'Fil (CSV eller XLSX)', "en": 'File (CSV or XLSX)'},
    "data.load_button": {"da": 'Indlæs fil', "en": 'Load file'},
    "data.loading": {"da": 'Indlæser {name} …', "en": 'Loading {name} …'},
    "data.checking": {"da": 'Læser og kontrollerer alle rækker …', "en": 'Reading and checking every row …'},
    "data.rejected": {"da": '{name} blev afvist – databasen er uændret', "en": '{name} was rejected – the database is unchanged'},
    "data.loaded_ok": {"da": '{name} er indlæst', "en": '{name} has been loaded'},
    "about.chart_of_accounts": {"da": 'Kontoplan (redigerbar referencetabel)', "en": 'Chart of accounts (editable reference table)'},
    "about.chart_of_accounts_note": {"da": 'Navne, der ikke er kontrolleret mod den nyeste kontoplan, kan rettes i data/reference/kontoplan_functions.csv; ændringen slår igennem ved næste import.', "en": 'Names not checked against the newest chart of accounts can be corrected in data/reference/kontoplan_functions.csv; the change takes effect at the next import.'},
}


def available_languages() -> list[str]:
    """Return the supported language codes, default language first (``["da", "en"]``)."""
    return list(LANGUAGES)


def has_label(key: str) -> bool:
    """Return True if ``key`` exists in the catalogue."""
    return key in LABELS


def t(key: str, lang: str = DEFAULT_LANGUAGE, **kwargs: object) -> str:
    """Return the label ``key`` in language ``lang``, formatted with ``kwargs``.

    Raises ``KeyError`` for an unknown key or a placeholder missing from
    ``kwargs``, and ``ValueError`` for an unsupported language.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {list(LANGUAGES)}")
    try:
        entry = LABELS[key]
    except KeyError:
        raise KeyError(f"unknown label key {key!r}") from None
    return entry[lang].format(**kwargs)
