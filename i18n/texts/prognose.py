"""Texts of the Prognose page (keys prognose.)."""

TEXTS: dict[str, dict[str, str]] = {
    "prognose.no_activity": {"da": "Der er ingen aktivitetsdata for det valgte område. Prognosen regnes ud fra fagsystemets "
                                   "ydelser; indlæs en fil af typen 'Aktivitet' på siden Data.",
                             "en": "There are no activity data for the chosen area. The forecast is made from the case "
                                   "system's measures; load a file of the kind 'Activity' on the Data page."},
    "prognose.headline": {
        "da": "Med de borgere, der har en ydelse i dag, og tilgangen og afgangen fra de seneste år ventes den "
              "aktivitetsbaserede udgift at blive {first} i {first_year} og {last} i {last_year} "
              "({hap_last} helårspersoner i {last_year} mod {hap_first} i {first_year}).",
        "en": "With the citizens who have a measure today and the inflow and outflow of the last years, the "
              "activity-based cost is expected to be {first} in {first_year} and {last} in {last_year} "
              "({hap_last} full-year persons in {last_year} against {hap_first} in {first_year}).",
    },
    "prognose.headline_growth": {"da": "Det svarer til {growth} om året fra {year} (faktisk) til {last_year}.",
                                 "en": "That is {growth} a year from {year} (actual) to {last_year}."},
    "prognose.basis": {
        "da": "Aktivitetsbaseret udgift (dage × dagstakst fra fagsystemet, ikke regnskabets nettoudgift), {prices}; "
              "aktivitetsdata til {date}; prognose fra dagen efter.",
        "en": "Activity-based cost (days × daily tariff from the case system, not the ledger's net expenditure), {prices}; "
              "activity data to {date}; forecast from the day after.",
    },
    "prognose.basis_label": {"da": "Grundlag", "en": "Basis"},
    "prognose.scenario_same": {"da": "Scenariet ændrer ikke udgiften i {year} mærkbart.",
                               "en": "The scenario does not change the cost in {year} noticeably."},
    "prognose.scenario_more": {
        "da": "Scenariet koster {amount} mere end basis i {year}: {volume} fra antallet af helårspersoner, "
              "{mix} fra tungere eller lettere sager (kompleksitet) og {price} fra priserne.",
        "en": "The scenario costs {amount} more than the baseline in {year}: {volume} from the number of full-year "
              "persons, {mix} from heavier or lighter cases (complexity) and {price} from prices.",
    },
    "prognose.scenario_less": {
        "da": "Scenariet koster {amount} mindre end basis i {year}: {volume} fra antallet af helårspersoner, "
              "{mix} fra tungere eller lettere sager (kompleksitet) og {price} fra priserne.",
        "en": "The scenario costs {amount} less than the baseline in {year}: {volume} from the number of full-year "
              "persons, {mix} from heavier or lighter cases (complexity) and {price} from prices.",
    },
    "prognose.chart_title": {"da": "Aktivitetsbaseret udgift: faktisk og prognose, {prices}, mio. kr.",
                             "en": "Activity-based cost: actual and forecast, {prices}, DKK million"},
    "prognose.series_actual": {"da": "Faktisk", "en": "Actual"},
    "prognose.series_baseline": {"da": "Prognose (basis)", "en": "Forecast (baseline)"},
    "prognose.series_scenario": {"da": "Scenarie", "en": "Scenario"},
    "prognose.years_title": {"da": "Prognose pr. år, {prices}", "en": "Forecast per year, {prices}"},
    "prognose.years_note": {
        "da": "Indeværende år = faktisk til datadatoen + prognose for resten af året. Forskellen mellem scenarie og "
              "basis er delt i mængde, kompleksitet og pris med samme metode som Dekomponering (LMDI); de tre lægger "
              "sig til forskellen.",
        "en": "The current year = actual to the data date + forecast for the rest of the year. The difference between "
              "scenario and baseline is split into volume, complexity and price with the same method as Decomposition "
              "(LMDI); the three add up to the difference.",
    },
    "prognose.segments_title": {"da": "Basisprognose pr. tilbudstype og funktionsevneniveau, {prices}, mio. kr.",
                                "en": "Baseline forecast per offer type and level of functioning, {prices}, DKK million"},
    "prognose.col_actual_to_date": {"da": "Heraf faktisk til datadatoen (kr.)", "en": "Of which actual to the data date (DKK)"},
    "prognose.col_hap": {"da": "Helårspersoner", "en": "Full-year persons"},
    "prognose.col_cost": {"da": "Udgift, basis (kr.)", "en": "Cost, baseline (DKK)"},
    "prognose.col_scenario_hap": {"da": "Helårspersoner, scenarie", "en": "Full-year persons, scenario"},
    "prognose.col_scenario_cost": {"da": "Udgift, scenarie (kr.)", "en": "Cost, scenario (DKK)"},
    "prognose.col_difference": {"da": "Forskel (kr.)", "en": "Difference (DKK)"},
    "prognose.col_volume": {"da": "Heraf mængde (kr.)", "en": "Of which volume (DKK)"},
    "prognose.col_mix": {"da": "Heraf kompleksitet (kr.)", "en": "Of which complexity (DKK)"},
    "prognose.col_price": {"da": "Heraf pris (kr.)", "en": "Of which price (DKK)"},
    "prognose.col_offer": {"da": "Tilbudstype", "en": "Offer type"},
    "prognose.col_level": {"da": "Funktionsevneniveau", "en": "Level of functioning"},
    "prognose.col_stock": {"da": "Borgere på datadatoen", "en": "Citizens on the data date"},
    "prognose.col_exit_share": {"da": "Afgang pr. år", "en": "Outflow a year"},
    "prognose.col_starts": {"da": "Nye forløb pr. år", "en": "New stays a year"},
    "prognose.col_share": {"da": "Andel af nye forløb", "en": "Share of new stays"},
    "prognose.col_new_tariff": {"da": "Dagstakst for nye forløb (kr.)", "en": "Daily tariff of new stays (DKK)"},
    "prognose.col_tariff_basis": {"da": "Taksten er gennemsnittet af", "en": "The tariff is the mean of"},
    "prognose.tariff_basis_last_year": {"da": "nye forløb det seneste år", "en": "new stays in the last year"},
    "prognose.tariff_basis_window": {"da": "nye forløb i hele perioden", "en": "new stays in the whole window"},
    "prognose.tariff_basis_offer": {"da": "tilbudstypens nye forløb", "en": "the offer type's new stays"},
    "prognose.col_exposure": {"da": "Forløbsdage i perioden", "en": "Stay-days in the window"},
    "prognose.col_exits": {"da": "Afsluttede forløb", "en": "Stays ended"},
    "prognose.col_exit_prob": {"da": "Afgangssandsynlighed pr. dag", "en": "Exit probability a day"},
    "prognose.col_new_stays": {"da": "Nye forløb i perioden", "en": "New stays in the window"},
    "prognose.col_pl_index": {"da": "PL-indeks", "en": "PL index"},
    "prognose.col_pl_kind": {"da": "Kilde", "en": "Source"},
    "prognose.col_pl_factor": {"da": "Prisfaktor fra datadatoens år", "en": "Price factor from the data date's year"},
    "prognose.pl_loaded": {"da": "indlæst", "en": "loaded"},
    "prognose.pl_assumed": {"da": "antaget vækst", "en": "assumed growth"},
    "prognose.assumptions_header": {"da": "Forudsætninger", "en": "Assumptions"},
    "prognose.assumptions_title": {"da": "Prognosens forudsætninger", "en": "The forecast's assumptions"},
    "prognose.assume_window": {
        "da": "Afgang, tilgang og nye forløbs niveauer og takster er målt fra {start} til {end}. Et forløb er en borgers "
              "sammenhængende ydelser af samme tilbudstype (en ydelse, der genbevilges ved nytår, er ikke en afgang).",
        "en": "Outflow, inflow and the levels and tariffs of new stays are measured from {start} to {end}. A stay is a "
              "citizen's consecutive measures of one offer type (a measure re-granted at new year is no exit).",
    },
    "prognose.assume_pl": {
        "da": "Priserne følger det indlæste PL-indeks; år efter indekset vokser med {growth} % om året.",
        "en": "Prices follow the loaded PL index; years after the index grow by {growth} % a year.",
    },
    "prognose.assume_levels": {
        "da": "I basis beholder borgerne deres funktionsevneniveau og dagstakst (fremskrevet med PL); en kendt slutdato "
              "holdes, ellers slutter forløbet med tilbudstypens afgang.",
        "en": "In the baseline citizens keep their level of functioning and daily tariff (moved with PL); a known end date "
              "holds, otherwise the stay ends at the offer type's outflow rate.",
    },
    "prognose.assume_18": {
        "da": "Unge på børneområdet (5.28) slutter dér 1. juli i det år, de fylder 18; {share} af dem fortsatte på "
              "voksenområdet (5.38) inden for et år ({cases} unge i perioden), med de niveauer og takster de fik.",
        "en": "Young people in the children's area (5.28) leave it on 1 July of the year they turn 18; {share} of them "
              "went on to the adults' area (5.38) within a year ({cases} young people in the window), at the levels and "
              "tariffs they got.",
    },
    "prognose.assume_own_rates": {
        "da": "Egne satser for afgang eller tilgang (ændret i tabellen nedenfor): {offers}.",
        "en": "Own rates of outflow or inflow (changed in the table below): {offers}.",
    },
    "prognose.rates_editor": {
        "da": "Ret afgang (% af forløbene om året) og nye forløb pr. år for en tilbudstype; tomt felt = det målte.",
        "en": "Change the outflow (% of the stays a year) and the new stays a year of an offer type; empty = as measured.",
    },
    "prognose.col_own_exit": {"da": "Egen afgang pr. år (%)", "en": "Own outflow a year (%)"},
    "prognose.col_own_starts": {"da": "Egne nye forløb pr. år", "en": "Own new stays a year"},
    "prognose.assume_18_off": {
        "da": "Overgangen fra børne- til voksenområdet ved 18 år regnes kun, når begge områder er valgt.",
        "en": "The move from the children's to the adults' area at 18 is only modelled when both areas are chosen.",
    },
    "prognose.sheet_offers": {"da": "Tilbudstyper", "en": "Offer types"},
    "prognose.sheet_levels": {"da": "Nye forløb", "en": "New stays"},
    "prognose.sheet_pl": {"da": "PL", "en": "PL"},
    "prognose.scenario_header": {"da": "Scenarie", "en": "Scenario"},
    "prognose.scenario_help": {
        "da": "Indstillingerne gemmes i adressen, så et link viser det samme scenarie. Alle nul = basis.",
        "en": "The settings are kept in the address, so a link shows the same scenario. All zero = baseline.",
    },
    "prognose.horizon": {"da": "Budgetår efter indeværende år", "en": "Budget years after the current year"},
    "prognose.pl_growth": {"da": "PL-vækst efter det indlæste indeks (% om året)",
                           "en": "PL growth after the loaded index (% a year)"},
    "prognose.inflow": {"da": "Tilgang af nye borgere (% ændring)", "en": "Inflow of new citizens (% change)"},
    "prognose.level_up": {"da": "Andel der stiger et niveau om året (%)", "en": "Share moving one level up a year (%)"},
    "prognose.level_down": {"da": "Andel der falder et niveau om året (%)", "en": "Share moving one level down a year (%)"},
    "prognose.price_above": {"da": "Prisvækst ud over PL (% om året)", "en": "Price growth above PL (% a year)"},
    "prognose.move_caption": {"da": "Tiltag: et antal borgere om året flytter fra ét tilbud til et andet til en ny dagstakst.",
                              "en": "Measure: a number of citizens a year move from one offer to another at a new daily tariff."},
    "prognose.move_n": {"da": "Borgere om året", "en": "Citizens a year"},
    "prognose.move_from": {"da": "Fra tilbudstype", "en": "From offer type"},
    "prognose.move_to": {"da": "Til tilbudstype", "en": "To offer type"},
    "prognose.move_price": {"da": "Ny dagstakst (kr., dagens priser)", "en": "New daily tariff (DKK, today's prices)"},
    "prognose.backtest_header": {"da": "Hvor godt har modellen ramt?", "en": "How well has the model hit?"},
    "prognose.backtest_title": {"da": "Tilbageblik: modellen regnet fra tidligere år mod det faktiske",
                                "en": "Back-test: the model run from earlier years against what happened"},
    "prognose.backtest_sentence": {
        "da": "Modellen har ramt inden for {mape} % af den faktiske udgift ét år frem i gennemsnit (gennemsnitlig absolut "
              "fejl i procent, MAPE, over {n} år: {first}-{last}); den har typisk {direction}. For helårspersonerne er "
              "fejlen {mape_hap} %, og over alle horisonter (op til fire år frem) {mape_all} %.",
        "en": "The model has hit within {mape} % of the actual cost one year ahead on average (mean absolute percentage "
              "error, MAPE, over {n} years: {first}-{last}); it has typically {direction}. For the full-year persons the "
              "error is {mape_hap} %, and over all horizons (up to four years ahead) {mape_all} %.",
    },
    "prognose.backtest_under": {"da": "ramt for lavt", "en": "been too low"},
    "prognose.backtest_over": {"da": "ramt for højt", "en": "been too high"},
    "prognose.backtest_none": {
        "da": "Der er for få års aktivitetsdata til at prøve modellen af på historikken (den kræver tre hele år før et "
              "år, der er afsluttet).",
        "en": "There are too few years of activity data to test the model on the history (it needs three whole years "
              "before a closed year).",
    },
    "prognose.backtest_note": {
        "da": "Modellen er regnet fra 31. december i hvert tidligere år med de data, der fandtes da (uden slutdatoer efter "
              "den dag), og sammenlignet med de faktiske dage og udgifter. Priser: det indlæste PL-indeks for målåret.",
        "en": "The model is run from 31 December of each earlier year with the data that existed then (without end dates "
              "after that day) and compared with the actual days and cost. Prices: the loaded PL index of the target year.",
    },
    "prognose.backtest_chart_title": {"da": "Prognose ét år frem mod faktisk udgift, løbende priser, mio. kr.",
                                      "en": "Forecast one year ahead against actual cost, current prices, DKK million"},
    "prognose.series_forecast_1y": {"da": "Prognose fra året før", "en": "Forecast from the year before"},
    "prognose.backtest_segments": {"da": "Ét år frem pr. tilbudstype", "en": "One year ahead per offer type"},
    "prognose.col_origin": {"da": "Regnet fra udgangen af", "en": "Run from the end of"},
    "prognose.col_forecast_hap": {"da": "Helårspersoner, prognose", "en": "Full-year persons, forecast"},
    "prognose.col_actual_hap": {"da": "Helårspersoner, faktisk", "en": "Full-year persons, actual"},
    "prognose.col_forecast_cost": {"da": "Udgift, prognose (kr.)", "en": "Cost, forecast (DKK)"},
    "prognose.col_actual_cost": {"da": "Udgift, faktisk (kr.)", "en": "Cost, actual (DKK)"},
    "prognose.col_error": {"da": "Fejl (%)", "en": "Error (%)"},
    "prognose.sheet_backtest_years": {"da": "Pr. år", "en": "Per year"},
    "prognose.sheet_backtest_offers": {"da": "Pr. tilbudstype", "en": "Per offer type"},
    "prognose.tariff_header": {"da": "Ny takststruktur", "en": "New tariff structure"},
    "prognose.tariff_help": {
        "da": "En ny dagstakst pr. funktionsevneniveau for én tilbudstype, lagt på de borgere, der har tilbuddet i dag. "
              "Et niveau uden ny takst beholder dagens.",
        "en": "A new daily tariff per level of functioning for one offer type, applied to the citizens who have the offer "
              "today. A level without a new tariff keeps today's.",
    },
    "prognose.tariff_offer": {"da": "Tilbudstype", "en": "Offer type"},
    "prognose.tariff_input": {"da": "{level} ({citizens} borgere), kr. pr. dag", "en": "{level} ({citizens} citizens), DKK a day"},
    "prognose.tariff_title": {"da": "Ny takst for {offer}: udgift pr. år mod i dag (dagens priser)",
                              "en": "New tariff for {offer}: cost a year against today (today's prices)"},
    "prognose.tariff_more": {
        "da": "Den nye takststruktur for {offer} koster {amount} mere om året end i dag for de {citizens} borgere, der har "
              "tilbuddet pr. {date}.",
        "en": "The new tariff structure for {offer} costs {amount} more a year than today for the {citizens} citizens who "
              "have the offer on {date}.",
    },
    "prognose.tariff_less": {
        "da": "Den nye takststruktur for {offer} koster {amount} mindre om året end i dag for de {citizens} borgere, der "
              "har tilbuddet pr. {date}.",
        "en": "The new tariff structure for {offer} costs {amount} less a year than today for the {citizens} citizens who "
              "have the offer on {date}.",
    },
    "prognose.tariff_same": {
        "da": "Med de valgte takster koster {offer} det samme som i dag for de {citizens} borgere, der har tilbuddet pr. {date}.",
        "en": "With the chosen tariffs {offer} costs the same as today for the {citizens} citizens who have the offer on {date}.",
    },
    "prognose.total": {"da": "I alt", "en": "Total"},
    "prognose.col_citizens": {"da": "Borgere", "en": "Citizens"},
    "prognose.col_tariff_today": {"da": "Dagstakst i dag (gns.)", "en": "Daily tariff today (mean)"},
    "prognose.col_tariff_new": {"da": "Ny dagstakst", "en": "New daily tariff"},
    "prognose.col_cost_today": {"da": "Udgift pr. år i dag (kr.)", "en": "Cost a year today (DKK)"},
    "prognose.col_cost_new": {"da": "Udgift pr. år med ny takst (kr.)", "en": "Cost a year at the new tariff (DKK)"},
    "prognose.col_change": {"da": "Ændring (kr.)", "en": "Change (DKK)"},
    "prognose.source": {"da": "aktivitetsdata (fagsystemet), budgetmodel", "en": "activity data (case system), budget model"},
}
