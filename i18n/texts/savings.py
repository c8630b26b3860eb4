"""Texts of the Genopretning page (keys savings.)."""

TEXTS: dict[str, dict[str, str]] = {
    "savings.no_plan": {"da": "Der er ikke indlæst nogen spareplan. Indlæs en fil af typen 'Spareplan' på siden Data.",
                        "en": "No savings plan is loaded. Load a file of the kind 'Savings plan' on the Data page."},
    "savings.table_title": {"da": "Genopretningsplan, 1.000 kr., {prices} ((-) = mindreudgift)",
                            "en": "Recovery plan, DKK 1,000, {prices} ((-) = lower spending)"},
    "savings.row_target": {"da": "Måltal", "en": "Target"},
    "savings.row_carried": {"da": "Overført fra året før ((-) = manko)", "en": "Carried from the year before ((-) = shortfall)"},
    "savings.row_outstanding": {"da": "Netto udestående", "en": "Net outstanding"},
    "savings.col_row": {"da": "Post", "en": "Item"},
    "savings.col_realised": {"da": "Realiseret", "en": "Realised"},
    "savings.col_amount": {"da": "Beløb (kr., (-) = mindreudgift)", "en": "Amount (DKK, (-) = lower spending)"},
    "savings.realised_mark": {"da": "R", "en": "R"},
    "savings.table_note": {
        "da": "R = realiseret. Et initiativs tal er det realiserede, hvor det er registreret, ellers det forventede. "
              "Netto udestående = måltal + overført fra året før - initiativernes effekter; negativt = mangler endnu, "
              "positivt = mere end målet. – = intet tal endnu.",
        "en": "R = realised. An initiative's figure is the realised one where recorded, else the expected one. "
              "Net outstanding = target + carried from the year before - the initiatives' effects; negative = still missing, "
              "positive = more than the target. – = no figure yet.",
    },
    "savings.carry_surplus": {"da": "Overfør merindfrielse til næste år", "en": "Carry over-delivery to the next year"},
    "savings.carry_surplus_help": {
        "da": "En manko i et afsluttet år overføres altid til næste år. Et overskud overføres kun, hvis du vælger det.",
        "en": "A closed year's shortfall is always carried to the next year. A surplus is carried only if you choose so.",
    },
    "savings.summary_short": {"da": "der mangler {amount} i {year}", "en": "{amount} is missing in {year}"},
    "savings.summary_carried": {"da": ", som overføres til {next}", "en": ", carried over to {next}"},
    "savings.summary_over": {"da": "{year} er indfriet med {amount} mere end målet",
                             "en": "{year} is met with {amount} more than the target"},
    "savings.summary_met": {"da": "{year} er indfriet", "en": "{year} is met"},
    "savings.summary_unknown": {"da": "for {year} mangler der endnu tal", "en": "for {year} figures are still missing"},
    "savings.summary_expected": {"da": "(efter forventede effekter)", "en": "(by expected effects)"},
    "savings.shared_area": {
        "da": "{initiatives} arbejder på samme område ({area}): deres effekter kan ikke uden videre lægges sammen.",
        "en": "{initiatives} work on the same area ({area}): their effects cannot simply be added up.",
    },
    "savings.chart_years": {"da": "Mål, forventet og realiseret pr. år, {prices}, mio. kr. mindreudgift",
                            "en": "Target, expected and realised per year, {prices}, DKK million lower spending"},
    "savings.chart_initiatives": {"da": "Effekt pr. initiativ, {prices}, mio. kr. mindreudgift",
                                  "en": "Effect per initiative, {prices}, DKK million lower spending"},
    "savings.series_target": {"da": "Mål inkl. overført fra året før", "en": "Target incl. carried from the year before"},
    "savings.series_expected": {"da": "Forventet", "en": "Expected"},
    "savings.series_realised": {"da": "Realiseret", "en": "Realised"},
    "savings.source": {"da": "spareplan (indlæst fil)", "en": "savings plan (loaded file)"},
}
