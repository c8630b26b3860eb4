"""Texts of the app's frame: title, navigation, sidebar, status messages, common words, units, column headers (keys app., language., page., sidebar., status., common., unit., col., notice., kind., provider_type.)."""

TEXTS: dict[str, dict[str, str]] = {
    "app.title": {"da": "Kommunale udgifter", "en": "Municipal expenditure"},
    "app.language": {"da": "Sprog", "en": "Language"},
    # the language picker names each language in itself: t("language.da", "da"), t("language.en", "en")
    "language.da": {"da": "Dansk", "en": "Danish"},
    "language.en": {"da": "Engelsk", "en": "English"},
    "page.overview": {"da": "Overblik", "en": "Overview"},
    "page.trend": {"da": "Udgiftsudvikling", "en": "Expenditure trend"},
    "page.decomposition": {"da": "Dekomponering", "en": "Decomposition"},
    "page.drivers": {"da": "Udgiftsdrivere", "en": "Cost drivers"},
    "page.cases": {"da": "Dyre sager", "en": "Costly cases"},
    "page.comparison": {"da": "Sammenligning", "en": "Comparison"},
    "page.savings": {"da": "Genopretning", "en": "Recovery plan"},
    "page.prognose": {"da": "Prognose", "en": "Forecast"},
    "page.about": {"da": "Om tallene", "en": "About the numbers"},
    "page.data": {"da": "Data", "en": "Data"},
    "page.admin": {"da": "Administration", "en": "Administration"},
    "sidebar.municipality": {"da": "Kommune", "en": "Municipality"},
    "sidebar.area": {"da": "Område", "en": "Area"},
    "sidebar.period": {"da": "Periode", "en": "Period"},
    "sidebar.prices": {"da": "Priser", "en": "Prices"},
    "sidebar.prices_current": {"da": "Løbende priser", "en": "Current prices"},
    "sidebar.prices_fixed": {"da": "Faste {year}-priser", "en": "Constant {year} prices"},
    "sidebar.refund_basis": {"da": "Nettoudgift", "en": "Net expenditure"},
    "sidebar.age": {"da": "Aldersgruppe", "en": "Age group"},
    "sidebar.age_all": {"da": "Alle aldre", "en": "All ages"},
    "sidebar.age_unknown": {"da": "Ukendt alder", "en": "Unknown age"},
    "sidebar.age_help": {"da": "Den alder, borgeren når i året (kun fødselsåret kendes). Gælder de sider, der deler på segmenter.", "en": "The age the citizen reaches in the year (only the birth year is known). Applies to the pages that split by segments."},
    "sidebar.refund_basis_help": {
        "da": "Efter statsrefusion: drift (dranst 1) minus statens refusion for særligt dyre enkeltsager (dranst 2). Før statsrefusion: drift alene. Gælder Overblik og Udgiftsudvikling; aktivitetsdata og Danmarks Statistiks tal har deres eget grundlag, som siden nævner.",
        "en": "After state refunds: operations (dranst 1) less the state's refunds for very expensive cases (dranst 2). Before state refunds: operations alone. Applies to Overview and Expenditure trend; activity data and Statistics Denmark's figures have their own basis, which the page names.",
    },
    # the basis of net expenditure: the sidebar's option, and the short form every KPI label and title carries
    "basis.efter": {"da": "Efter statsrefusion", "en": "After state refunds"},
    "basis.foer": {"da": "Før statsrefusion", "en": "Before state refunds"},
    "basis.short_efter": {"da": "efter statsrefusion", "en": "after state refunds"},
    "basis.short_foer": {"da": "før statsrefusion", "en": "before state refunds"},
    "common.kpi_basis": {"da": "{label} ({basis})", "en": "{label} ({basis})"},
    "common.kpi_basis_after": {"da": "{label}, {basis}", "en": "{label}, {basis}"},
    "sidebar.comparison_group": {"da": "Sammenligningsgruppe", "en": "Comparison group"},
    "status.budget_not_loaded": {"da": "Budget ikke indlæst", "en": "Budget not loaded"},
    "status.not_loaded": {"da": "Ikke indlæst", "en": "Not loaded"},
    "status.no_data": {
        "da": "Ingen data for det valgte udsnit",
        "en": "No data for the current selection",
    },
    "kind.actual": {"da": "Regnskab", "en": "Actual"},
    "kind.budget_original": {"da": "Oprindeligt budget", "en": "Original budget"},
    "kind.budget_corrected": {"da": "Korrigeret budget", "en": "Corrected budget"},
    "provider_type.title": {"da": "Leverandørtype", "en": "Provider type"},
    "provider_type.egen": {"da": "Egen kommune", "en": "Own municipality"},
    "provider_type.anden_kommune": {"da": "Anden kommune", "en": "Other municipality"},
    "provider_type.region": {"da": "Region", "en": "Region"},
    "provider_type.privat": {"da": "Privat", "en": "Private"},
    "provider_type.ukendt": {"da": "Ukendt", "en": "Unknown"},
    "common.year": {"da": "År", "en": "Year"},
    # suppression of small counts (issue 22, present/suppression.py)
    "suppress.small": {"da": "<5", "en": "<5"},
    "suppress.hidden": {"da": "skjult", "en": "hidden"},
    "suppress.note": {"da": "Tal for færre end 5 borgere er skjult.",
                      "en": "Figures for fewer than 5 citizens are hidden."},
    "suppress.note_secondary": {
        "da": "Tal for færre end 5 borgere er skjult (<5); «skjult» er en række mere, der er skjult, så totalen ikke afslører "
              "de skjulte tal.",
        "en": "Figures for fewer than 5 citizens are hidden (<5); 'hidden' is one more row hidden so that the total "
              "does not reveal the hidden figures."},
    "common.month": {"da": "Måned", "en": "Month"},
    "common.total": {"da": "I alt", "en": "Total"},
    "unit.kr": {"da": "kr.", "en": "DKK"},
    "unit.mio": {"da": "mio. kr.", "en": "DKK million"},
    # a column header with its unit (exports and tables)
    "unit.col_kr": {"da": "{label} (kr.)", "en": "{label} (DKK)"},
    "unit.col_tkr": {"da": "{label} (t.kr.)", "en": "{label} (DKK thousand)"},
    "unit.col_mio": {"da": "{label} (mio. kr.)", "en": "{label} (DKK million)"},
    "unit.per_hap": {"da": "{value} pr. HÅP", "en": "{value} per FYP"},
    "unit.index": {"da": "indeks", "en": "index"},
    # joins words in a list: "2022 og 2025"
    "common.and": {"da": "{first} og {second}", "en": "{first} and {second}"},
    "notice.years_swapped": {
        "da": "»Fra år« ligger efter »Til år«; perioden vises som {first}-{last}.",
        "en": "'From year' is after 'To year'; the period is shown as {first}-{last}.",
    },
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
    "common.kpi_mio": {"da": "{label}, mio. kr.", "en": "{label}, DKK million"},
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
}
