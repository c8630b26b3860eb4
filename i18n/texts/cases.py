"""Texts of the Dyre sager page (keys cases.)."""

TEXTS: dict[str, dict[str, str]] = {
    "cases.year": {"da": "År", "en": "Year"},
    "cases.provider_pick": {"da": "Kun borgere hos leverandør", "en": "Only citizens at provider"},
    "cases.all_providers": {"da": "Alle leverandører", "en": "All providers"},
    "cases.personal_data": {
        "da": "Personoplysninger: listerne viser borgere under pseudonym (aldrig CPR-nummer). Brug dem kun til "
              "opfølgning på sagerne, og del dem ikke ud over dem, der skal bruge dem.",
        "en": "Personal data: the lists show citizens under a pseudonym (never a CPR number). Use them only to "
              "follow up on the cases, and share them only with those who need them.",
    },
    "cases.kpi_citizens": {"da": "Borgere {year}", "en": "Citizens {year}"},
    "cases.kpi_over": {"da": "Over {value} mio. kr. {year}", "en": "Above DKK {value} million {year}"},
    "cases.kpi_top_cost": {"da": "De {n} dyreste {year}", "en": "The {n} costliest {year}"},
    "cases.kpi_families": {"da": "Sager med flere borgere {year}", "en": "Cases with several citizens {year}"},
    "cases.help_families": {
        "da": "Sags-id'er fra fagsystemet, som samler flere borgere, typisk en familie.",
        "en": "Case ids from the case system that group several citizens, typically a family.",
    },
    "cases.headline": {
        "da": "{n} borgere kostede over 1 mio. kr. hver i {year}, i alt {cost} ({share} % af udgiften, {prices}).",
        "en": "{n} citizens cost more than DKK 1 million each in {year}, {cost} in total ({share} % of the cost, {prices}).",
    },
    "cases.at_provider": {"da": "– hos {provider}", "en": "– at {provider}"},
    "cases.citizens_title": {"da": "De dyreste borgere {year}", "en": "The costliest citizens {year}"},
    "cases.cases_title": {"da": "De dyreste sager {year} (sags-id)", "en": "The costliest cases {year} (case id)"},
    "cases.measures_title": {
        "da": "Foranstaltninger længst over medianprisen for tilbudstype og niveau {year}",
        "en": "Measures furthest above the median price of offer type and level {year}",
    },
    "cases.list_note": {
        "da": "Viser de {n} første; eksporten har alle.", "en": "Shows the first {n}; the export holds all.",
    },
    "cases.col_citizen": {"da": "Borger (pseudonym)", "en": "Citizen (pseudonym)"},
    "cases.col_cases": {"da": "Sags-id", "en": "Case ids"},
    "cases.col_case": {"da": "Sags-id", "en": "Case id"},
    "cases.col_providers": {"da": "Leverandører", "en": "Providers"},
    "cases.col_offer_types": {"da": "Tilbudstyper", "en": "Offer types"},
    "cases.col_levels": {"da": "Niveauer", "en": "Levels"},
    "cases.col_price": {"da": "Døgnpris (kr./dag)", "en": "Daily price (DKK/day)"},
    "cases.col_days": {"da": "Dage i året", "en": "Days in the year"},
    "cases.link": {"da": "Se borgerne og sagerne bag tallene", "en": "See the citizens and cases behind the figures"},
}
