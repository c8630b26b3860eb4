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
    "prognose.segments_age_title": {"da": "Basisprognose pr. tilbudstype og aldersgruppe, {prices}, mio. kr.",
                                    "en": "Baseline forecast per offer type and age group, {prices}, DKK million"},
    "prognose.segment_split": {"da": "Opdel efter", "en": "Split by"},
    "prognose.split_niveau": {"da": "Funktionsevneniveau", "en": "Level of functioning"},
    "prognose.split_alder": {"da": "Aldersgruppe", "en": "Age group"},
    "prognose.col_age": {"da": "Aldersgruppe", "en": "Age group"},
    "prognose.age_not_split": {"da": "Ikke fordelt", "en": "Not split"},
    "prognose.age_note": {
        "da": "Aldersgruppe = den alder, borgeren når i året (år − fødselsår); nuværende borgere bliver ældre år for "
              "år, nye forløb fordeles som de seneste års nye forløb ved deres start.",
        "en": "Age group = the age the citizen reaches in the year (year − birth year); current citizens grow older year "
              "by year, new stays are split like the recent years' new stays at their start.",
    },
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
    "prognose.assume_18_hidden": {
        "da": "Unge på børneområdet (5.28) slutter dér 1. juli i det år, de fylder 18; hvor mange af dem der fortsatte på "
              "voksenområdet (5.38), er skjult, fordi det er færre end 5 unge.",
        "en": "Young people in the children's area (5.28) leave it on 1 July of the year they turn 18; how many of them "
              "went on to the adults' area (5.38) is hidden, because they are fewer than 5.",
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
    "prognose.move_n_i": {"da": "Tiltag {i}: borgere om året", "en": "Measure {i}: citizens a year"},
    "prognose.more_moves": {"da": "Flere tiltag (antal ud over det første)",
                            "en": "More measures (number beyond the first)"},
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
              "den dag), og sammenlignet med de faktiske dage og udgifter. Priser: PL-indekset, som det var kendt ved "
              "udgangen af hvert år (de indlæste år til og med det år, årene efter med det års vækst); det indlæste indeks "
              "er én udgave, så senere revisioner af de kendte år kan ikke skilles ud.",
        "en": "The model is run from 31 December of each earlier year with the data that existed then (without end dates "
              "after that day) and compared with the actual days and cost. Prices: the PL index as known at the end of each "
              "year (the loaded years up to that year, the years after it at that year's growth); the loaded index is one "
              "edition, so later revisions of the known years cannot be told apart.",
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
    # activity-based budget and the economy check
    "prognose.budget_header": {"da": "Aktivitetsbaseret budget", "en": "Activity-based budget"},
    "prognose.budget_help": {
        "da": "Budget = fast del + helårspersoner × takst pr. niveau, sat over for det budget, regnskabet har afsat på de "
              "funktioner, tilbuddet bogføres på. Taksterne er dagens gennemsnitlige dagstakst pr. niveau (som i Ny "
              "takststruktur); ret dem i kolonnen Egen dagstakst. Den faste del er målt som regnskabets nettoudgift sidste år "
              "ud over den aktivitetsbaserede udgift.",
        "en": "Budget = fixed part + full-year persons × rate per level, set against the budget the ledger allocates on the "
              "functions the offer is booked on. The rates are today's mean daily tariff per level (as in New tariff "
              "structure); change them in the column Own daily rate. The fixed part is measured as the ledger's net "
              "expenditure last year beyond the activity-based cost.",
    },
    "prognose.budget_offer": {"da": "Tilbudstype", "en": "Offer type"},
    "prognose.budget_fixed_input": {"da": "Fast del (mio. kr. om året)", "en": "Fixed part (DKK million a year)"},
    "prognose.unit_two": {"da": "{first} og {second}", "en": "{first} and {second}"},
    "prognose.unit_many": {"da": "{first}, {second} m.fl. ({n} tilbudstyper)",
                           "en": "{first}, {second} and others ({n} offer types)"},
    "prognose.tie_alone": {
        "da": "{offer} bogføres på {functions}, og ingen anden tilbudstype bogføres dér, så budgettet kan holdes op mod "
              "regnskabet for tilbuddet alene.",
        "en": "{offer} is booked on {functions}, and no other offer type is booked there, so the budget can be set "
              "against the ledger for the offer alone.",
    },
    "prognose.tie_together": {
        "da": "{offer} deler funktioner ({functions}) med {others}. Regnskabet siger ikke, hvilket tilbud en postering "
              "hører til, så budgettet kan kun holdes op mod regnskabet for tilbudstyperne samlet; der fordeles ikke.",
        "en": "{offer} shares functions ({functions}) with {others}. The ledger does not say which offer a posting "
              "belongs to, so the budget can only be set against the ledger for the offer types together; nothing is "
              "apportioned.",
    },
    "prognose.budget_title": {"da": "Aktivitetsbaseret budget {year}: {unit}", "en": "Activity-based budget {year}: {unit}"},
    "prognose.budget_sentence_over": {
        "da": "Det aktivitetsbaserede budget for {unit} i {year} er {total} (fast del {fixed} + {hap} helårspersoner × "
              "takst pr. niveau), {diff} mere end {kind} ({budget}).",
        "en": "The activity-based budget for {unit} in {year} is {total} (fixed part {fixed} + {hap} full-year persons × "
              "rate per level), {diff} more than {kind} ({budget}).",
    },
    "prognose.budget_sentence_under": {
        "da": "Det aktivitetsbaserede budget for {unit} i {year} er {total} (fast del {fixed} + {hap} helårspersoner × "
              "takst pr. niveau), {diff} mindre end {kind} ({budget}).",
        "en": "The activity-based budget for {unit} in {year} is {total} (fixed part {fixed} + {hap} full-year persons × "
              "rate per level), {diff} less than {kind} ({budget}).",
    },
    "prognose.budget_sentence_no_budget": {
        "da": "Det aktivitetsbaserede budget for {unit} i {year} er {total} ({hap} helårspersoner × takst pr. niveau "
              "plus den faste del); regnskabet har intet budget på tilbuddets funktioner, så det kan ikke sammenlignes.",
        "en": "The activity-based budget for {unit} in {year} is {total} ({hap} full-year persons × rate per level plus "
              "the fixed part); the ledger holds no budget on the offer's functions, so it cannot be compared.",
    },
    "prognose.fixed_unknown": {
        "da": "Den faste del kan ikke måles, fordi regnskabet for {year} ikke er indlæst for alle måneder; den regnes som 0.",
        "en": "The fixed part cannot be measured because the ledger for {year} is not loaded for every month; it counts as 0.",
    },
    "prognose.the_budget_corrected": {"da": "det korrigerede budget", "en": "the corrected budget"},
    "prognose.the_budget_original": {"da": "det oprindelige budget", "en": "the original budget"},
    "prognose.row_fixed": {"da": "Fast del", "en": "Fixed part"},
    "prognose.row_activity": {"da": "Aktivitetsreguleret del ({hap} helårspersoner × takst)",
                              "en": "Activity-regulated part ({hap} full-year persons × rate)"},
    "prognose.row_activity_budget": {"da": "Aktivitetsbaseret budget", "en": "Activity-based budget"},
    "prognose.row_difference": {"da": "Forskel (aktivitetsbaseret − afsat)", "en": "Difference (activity-based − allocated)"},
    "prognose.col_item": {"da": "Post", "en": "Item"},
    "prognose.col_amount": {"da": "Beløb (kr.)", "en": "Amount (DKK)"},
    "prognose.col_rate": {"da": "Dagstakst brugt (kr.)", "en": "Daily rate used (DKK)"},
    "prognose.col_rate_measured": {"da": "Dagens dagstakst (kr.)", "en": "Today's daily rate (DKK)"},
    "prognose.col_own_rate": {"da": "Egen dagstakst (kr.)", "en": "Own daily rate (DKK)"},
    "prognose.col_activity_cost": {"da": "Aktivitetsreguleret del (kr.)", "en": "Activity-regulated part (DKK)"},
    "prognose.rates_budget_caption": {
        "da": "Helårspersoner i året efter basisprognosen (faktisk til datadatoen + prognose). Tomt felt = dagens takst.",
        "en": "Full-year persons of the year from the baseline forecast (actual to the data date + forecast). Empty = "
              "today's rate.",
    },
    "prognose.check_header": {"da": "Økonomitjek", "en": "Economy check"},
    "prognose.check_title": {"da": "Økonomitjek {year}: forventet årsresultat mod budget, {prices}",
                             "en": "Economy check {year}: expected result for the year against budget, {prices}"},
    "prognose.check_chart_title": {"da": "Økonomitjek {year}: forventet årsresultat mod budget, {prices}, mio. kr.",
                                   "en": "Economy check {year}: expected result for the year against budget, {prices}, DKK million"},
    "prognose.check_basis": {
        "da": "Regnskabets nettoudgift {prices}; regnskab {year} til og med {month}, ydelser til {date}; resten af året: "
              "budgetmodellens basisprognose plus den faste del.",
        "en": "The ledger's net expenditure {prices}; ledger {year} up to and including {month}, measures to {date}; the "
              "rest of the year: the budget model's baseline plus the fixed part.",
    },
    "prognose.check_period": {"da": "regnskab til og med {month} + prognose",
                              "en": "ledger up to and including {month} + forecast"},
    "prognose.check_period_none": {"da": "intet bogført endnu", "en": "nothing posted yet"},
    "prognose.check_total_over": {"da": "samlet {amount} over", "en": "{amount} over in total"},
    "prognose.check_total_under": {"da": "samlet {amount} under", "en": "{amount} under in total"},
    "prognose.check_over": {
        "da": "Økonomitjek {year} ({period}): {over} af {n} tilbud ventes at overskride budgettet, {total}; størst: {top}.",
        "en": "Economy check {year} ({period}): {over} of {n} offers are expected to exceed the budget, {total}; largest: "
              "{top}.",
    },
    "prognose.check_none_over": {
        "da": "Økonomitjek {year} ({period}): alle {n} tilbud ventes at holde budgettet, {total}.",
        "en": "Economy check {year} ({period}): all {n} offers are expected to stay within the budget, {total}.",
    },
    "prognose.check_no_budget": {
        "da": "Økonomitjek {year}: regnskabet har intet budget på tilbuddenes funktioner, så årsresultatet kan ikke "
              "holdes op mod et budget.",
        "en": "Economy check {year}: the ledger holds no budget on the offers' functions, so the result for the year "
              "cannot be set against a budget.",
    },
    "prognose.check_untied": {
        "da": "Funktioner i valget, som ingen ydelse i fagsystemet bogføres på, indgår ikke i økonomitjekket: {functions}.",
        "en": "Functions of the selection on which no measure of the case system is booked are not in the economy "
              "check: {functions}.",
    },
    "prognose.check_note": {
        "da": "Forventet årsresultat = regnskab til og med den seneste bogførte måned + modellens aktivitetsbaserede "
              "udgift for resten af året + den faste del for de resterende måneder. Budget = korrigeret budget (det "
              "oprindelige, hvor eksporten ikke har et korrigeret). Positiv forskel = overskridelse.",
        "en": "Expected result = the ledger to the last posted month + the model's activity-based cost for the rest of "
              "the year + the fixed part for the remaining months. Budget = the corrected budget (the original where the "
              "export has no corrected one). A positive difference = an overrun.",
    },
    "prognose.check_source": {"da": "regnskab og budget (økonomisystemet), aktivitetsdata (fagsystemet), budgetmodel",
                              "en": "ledger and budget (finance system), activity data (case system), budget model"},
    "prognose.col_unit": {"da": "Tilbud", "en": "Offer"},
    "prognose.col_offers": {"da": "Tilbudstyper", "en": "Offer types"},
    "prognose.col_functions": {"da": "Funktioner", "en": "Functions"},
    "prognose.col_ledger_to_date": {"da": "Regnskab til dato (kr.)", "en": "Ledger to date (DKK)"},
    "prognose.col_activity_rest": {"da": "Prognose resten af året, aktivitet (kr.)",
                                   "en": "Forecast rest of year, activity (DKK)"},
    "prognose.col_fixed_rest": {"da": "Fast del resten af året (kr.)", "en": "Fixed part rest of year (DKK)"},
    "prognose.col_expected": {"da": "Forventet årsresultat (kr.)", "en": "Expected result for the year (DKK)"},
    "prognose.col_budget": {"da": "Budget (kr.)", "en": "Budget (DKK)"},
    "prognose.col_over_under": {"da": "Over (+) / under (−) budget (kr.)", "en": "Over (+) / under (−) budget (DKK)"},
    "prognose.col_over_under_pct": {"da": "Over/under budget (%)", "en": "Over/under budget (%)"},
    "prognose.series_ledger_to_date": {"da": "Regnskab til dato", "en": "Ledger to date"},
    "prognose.series_rest": {"da": "Prognose resten af året", "en": "Forecast rest of year"},
    "prognose.series_budget": {"da": "Budget", "en": "Budget"},
    "prognose.no_ledger": {
        "da": "Regnskab for {year} er ikke indlæst for de valgte funktioner, så det aktivitetsbaserede budget og "
              "økonomitjekket kan ikke vises. Indlæs en fil af typen 'Regnskab' på siden Data.",
        "en": "The ledger for {year} is not loaded for the chosen functions, so the activity-based budget and the economy "
              "check cannot be shown. Load a file of the kind 'Ledger' on the Data page.",
    },
}
