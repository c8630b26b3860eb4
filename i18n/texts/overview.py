"""Texts of the Overblik page (keys overview., quality.)."""

TEXTS: dict[str, dict[str, str]] = {
    "overview.kpi_net": {"da": "Nettoudgift {year}", "en": "Net expenditure {year}"},
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
    "overview.col_budget_gap": {"da": "Nettoudgift minus korrigeret budget", "en": "Net expenditure minus corrected budget"},
    # the series of net expenditure on each basis (domain.codes.REFUND_BASES)
    "overview.net_efter": {"da": "Netto efter statsrefusion", "en": "Net after state refunds"},
    "overview.net_foer": {"da": "Netto før statsrefusion", "en": "Net before state refunds"},
    "overview.vol_heading": {"da": "Helårspersoner, borgere og enhedspris år for år", "en": "Full-year persons, citizens and unit price year by year"},
    "overview.vol_title": {
        "da": "Helårspersoner, borgere og enhedspris, indeks (første hele år = 100), enhedspris i {prices}",
        "en": "Full-year persons, citizens and unit price, index (first complete year = 100), unit price in {prices}",
    },
    "overview.vol_index_axis": {"da": "Indeks", "en": "Index"},
    "overview.vol_source": {
        "da": "fagsystemets aktivitetsdata (helårspersoner, borgere, udgift); økonomisystemets regnskab (nettoudgift)",
        "en": "the case system's activity data (full-year persons, citizens, cost); the finance system's accounts (net expenditure)",
    },
    "overview.seg_split": {"da": "Opdel efter", "en": "Split by"},
    "overview.seg_none": {"da": "Ingen opdeling", "en": "No split"},
    "overview.seg_heading": {"da": "År for år pr. {dim}", "en": "Year by year per {dim}"},
    "overview.seg_sentence_persons": {
        "da": "Fra {y0} til {y1} ændrede antallet af helårspersoner sig mest for {segment} ({delta} helårspersoner, {pct}).",
        "en": "From {y0} to {y1} full-year persons changed most for {segment} ({delta} full-year persons, {pct}).",
    },
    "overview.seg_sentence_price": {
        "da": "Blandt grupperne med mindst {share} af helårspersonerne i {y1} ændrede enhedsprisen sig mest for {segment} ({pct}, {prices}).",
        "en": "Among the groups with at least {share} of the full-year persons in {y1}, the unit price changed most for {segment} ({pct}, {prices}).",
    },
    "overview.seg_new": {"da": "ny", "en": "new"},
    "overview.seg_col_change": {"da": "{label}, ændring", "en": "{label}, change"},
    "overview.seg_col_code": {"da": "Kode", "en": "Code"},
    "overview.seg_persons_title": {"da": "Helårspersoner pr. {dim}, hele år", "en": "Full-year persons per {dim}, complete years"},
    "overview.seg_price_title": {"da": "Enhedspris pr. helårsperson pr. {dim}, {prices}, t.kr.", "en": "Unit price per full-year person per {dim}, {prices}, DKK thousand"},
    "overview.seg_export_title": {"da": "Helårspersoner, borgere og enhedspris pr. {dim} år for år, {prices}", "en": "Full-year persons, citizens and unit price per {dim} year by year, {prices}"},
    "overview.seg_note": {
        "da": "Kun hele år i graferne og ændringen. En borger med ydelser i to grupper tæller i begge, og borgere tælles pr. funktion; summen over grupperne kan derfor være større end totalen ovenfor. En gruppe uden helårspersoner i det første år står som ny.",
        "en": "Complete years only in the charts and the change. A citizen with measures in two groups counts in both, and citizens are counted per function, so the sum over the groups can exceed the total above. A group without full-year persons in the first year shows as new.",
    },
    "overview.seg_too_few_years": {"da": "Der skal være mindst to hele år med aktivitetsdata i perioden for at vise udviklingen pr. gruppe.", "en": "At least two complete years of activity data in the period are needed to show the development per group."},
    "overview.vol_persons": {"da": "Helårspersoner", "en": "Full-year persons"},
    "overview.vol_citizens": {"da": "Borgere", "en": "Citizens"},
    "overview.vol_unit_price": {"da": "Enhedspris pr. helårsperson", "en": "Unit price per full-year person"},
    "overview.vol_activity_cost": {"da": "Aktivitetsbaseret udgift", "en": "Activity-based cost"},
    "overview.vol_index": {"da": "{label}, indeks", "en": "{label}, index"},
    "overview.vol_sentence": {
        "da": "Fra {y0} til {y1} ændrede antallet af helårspersoner sig {persons}, antallet af borgere {citizens} og enhedsprisen pr. helårsperson {price} ({prices}).",
        "en": "From {y0} to {y1} full-year persons changed by {persons}, citizens by {citizens} and the unit price per full-year person by {price} ({prices}).",
    },
    "overview.vol_note": {
        "da": "Helårspersoner = dage med en ydelse / dage i perioden; borgere = forskellige borgere med mindst én dag; enhedspris = aktivitetsbaseret udgift / helårspersoner, kun for hele år (* = ufuldstændigt år). Nettoudgiften fra regnskabet (efter eller før statsrefusion som valgt) står ved siden af til sammenligning: administration, efterreguleringer, ydelser uden takst og statsrefusion findes kun i regnskabet.",
        "en": "Full-year persons = days with a measure / days in the period; citizens = different citizens with at least one day; unit price = activity-based cost / full-year persons, for complete years only (* = incomplete year). The ledger's net expenditure (after or before state refunds, as chosen) stands beside it for comparison: administration, back payments, measures without a tariff and state refunds exist only in the ledger.",
    },
    "overview.budget": {"da": "Korrigeret budget", "en": "Corrected budget"},
    "overview.loaded_data": {"da": "Indlæste data", "en": "Loaded data"},
    "overview.coverage_title": {
        "da": "Aktivitetsbaseret udgift i forhold til regnskab før statsrefusion (dranst 1), pr. funktion og år",
        "en": "Activity-based cost relative to the ledger before state refunds (dranst 1), per function and year",
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
    "overview.help_unit_price": {"da": 'Aktivitetsbaseret udgift / helårspersoner', "en": 'Activity-based cost / full-year persons'},
    "overview.help_coverage": {"da": 'Aktivitetsbaseret udgift (dage × dagstakst) / regnskabets nettoudgift, dranst 1', "en": 'Activity-based cost (days × daily tariff) / net expenditure in the ledger, dranst 1'},
    "overview.hover_budget": {"da": 'Budget', "en": 'Budget'},
    "overview.coverage_note": {"da": 'Dækning = aktivitetsbaseret udgift (dage × dagstakst fra fagsystemet) / nettoudgift før statsrefusion i regnskabet (dranst 1) på samme funktion og år, løbende priser. Under 100 % er normalt: administration, efterreguleringer og ydelser uden takst findes kun i regnskabet.', "en": 'Coverage = activity-based cost (days × daily tariff from the case system) / net expenditure in the ledger (dranst 1) on the same function and year, current prices. Below 100 % is normal: administration, back payments and measures without a tariff exist only in the ledger.'},
    "overview.source_ledger": {"da": 'økonomisystemets regnskab og korrigeret budget, dranst 1+2', "en": "the finance system's accounts and corrected budget, dranst 1+2"},
    "overview.col_check": {"da": "Kontrol", "en": "Check"},
    "overview.col_extent": {"da": "Omfang", "en": "Extent"},
}
