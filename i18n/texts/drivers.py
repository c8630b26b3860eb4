"""Texts of the Udgiftsdrivere page (keys drivers.)."""

TEXTS: dict[str, dict[str, str]] = {
    # controls
    "drivers.base_year": {"da": "Basisår", "en": "Base year"},
    "drivers.comparison_year": {"da": "Sammenligningsår", "en": "Comparison year"},
    "drivers.section_label": {"da": "Visning", "en": "View"},
    "drivers.section.leverandoerer": {"da": "Leverandører", "en": "Providers"},
    "drivers.section.pris": {"da": "Pris mod behov", "en": "Price against need"},
    "drivers.section.koncentration": {"da": "Dyre borgere", "en": "Costly citizens"},
    "drivers.section.tilgang": {"da": "Til- og afgang", "en": "Inflow and outflow"},
    "drivers.section.overgang": {"da": "Overgang til voksen", "en": "Transition to adulthood"},
    "drivers.kpi_transitions": {"da": "Fra børne- til voksenområdet, 18 år i {year}", "en": "From children's to adults' area, 18 in {year}"},
    "drivers.help_transitions": {
        "da": "Borgere (samme pseudonym), der fyldte 18 i året, med en foranstaltning på børneområdet (5.28) i et år før og på voksenområdet (5.38) i året eller senere.",
        "en": "Citizens (same pseudonym) who turned 18 in the year, with a measure in the children's area (5.28) in a year before and in the adults' area (5.38) in that year or later.",
    },
    "drivers.kpi_transition_with_cost": {"da": "Heraf med udgift på voksenområdet i {year}", "en": "Of these with cost in the adults' area in {year}"},
    "drivers.kpi_transition_cost": {"da": "Deres udgift på voksenområdet i {year}", "en": "Their cost in the adults' area in {year}"},
    "drivers.kpi_transition_per_citizen": {"da": "Pr. borger med udgift i {year} (t.kr.)", "en": "Per citizen with cost in {year} (DKK 1,000)"},
    "drivers.transition_headline": {
        "da": "{n} unge, der fyldte 18 i {year}, gik fra foranstaltninger på børneområdet til voksenområdet; i {next} kostede {with_cost} af dem {cost} på voksenområdet ({prices}).",
        "en": "{n} young people who turned 18 in {year} went from measures in the children's area to the adults' area; in {next}, {with_cost} of them cost {cost} in the adults' area ({prices}).",
    },
    "drivers.transition_headline_hidden": {
        "da": "Færre end 5 unge, der fyldte 18 i {year}, gik fra foranstaltninger på børneområdet til voksenområdet; tallene for dem er skjult.",
        "en": "Fewer than 5 young people who turned 18 in {year} went from measures in the children's area to the adults' area; their figures are hidden.",
    },
    "drivers.transition_headline_next_hidden": {
        "da": "{n} unge, der fyldte 18 i {year}, gik fra foranstaltninger på børneområdet til voksenområdet; færre end 5 af dem havde udgifter på voksenområdet i {next}, så udgiften er skjult.",
        "en": "{n} young people who turned 18 in {year} went from measures in the children's area to the adults' area; fewer than 5 of them had costs in the adults' area in {next}, so the cost is hidden.",
    },
    "drivers.transition_headline_none": {
        "da": "Ingen, der fyldte 18 i {year}, gik fra børneområdet til voksenområdet i de indlæste data.",
        "en": "No one who turned 18 in {year} went from the children's to the adults' area in the imported data.",
    },
    "drivers.transition_method": {
        "da": "Samme pseudonym på begge områder (de skal være indlæst med samme nøgle). Kun fødselsåret kendes, så alderen er den, borgeren når i året: før 18 = et år før det år, borgeren fylder 18; efter = det år eller senere. Udgiften året efter er den på voksenområdet i året efter 18-årsåret; den vises kun for hele år. Området og aldersfiltret i sidepanelet gælder ikke her: begge områder læses.",
        "en": "The same pseudonym in both areas (they must be imported with the same key). Only the birth year is known, so the age is the one reached in the year: before 18 = a year before the year the citizen turns 18; after = that year or later. The cost the year after is that in the adults' area in the year after the year of turning 18; it is shown for whole years only. The sidebar's area and age filter do not apply here: both areas are read.",
    },
    "drivers.transitions_title": {"da": "Overgang fra børne- til voksenområdet pr. år, borgeren fyldte 18 ({prices})", "en": "Transition from the children's to the adults' area by the year the citizen turned 18 ({prices})"},
    "drivers.col_year_18": {"da": "Fyldte 18 i", "en": "Turned 18 in"},
    "drivers.col_transitions": {"da": "Borgere", "en": "Citizens"},
    "drivers.col_child_cost_before": {"da": "Udgift børneområdet året før", "en": "Cost children's area the year before"},
    "drivers.col_adult_citizens_next": {"da": "Med udgift voksenområdet året efter", "en": "With cost adults' area the year after"},
    "drivers.col_adult_cost_next": {"da": "Udgift voksenområdet året efter", "en": "Cost adults' area the year after"},
    "drivers.col_per_citizen_next": {"da": "Pr. borger med udgift året efter", "en": "Per citizen with cost the year after"},
    "drivers.search": {"da": "Søg leverandør", "en": "Search provider"},
    "drivers.provider_pick": {"da": "Leverandør", "en": "Provider"},
    "drivers.offer_pick": {"da": "Tilbudstype", "en": "Offer type"},
    "drivers.age_headline": {"da": "{age}: {headline}", "en": "{age}: {headline}"},
    "drivers.age_method": {
        "da": "Aldersgruppe: {age} (den alder, borgeren når i året); en pris sammenlignes med medianen for alle aldre.",
        "en": "Age group: {age} (the age reached in the year); a price is compared with the median of all ages.",
    },
    "drivers.whole_years_note": {
        "da": "Siden sammenligner hele år: år, som aktivitetsdata (datadato {date}) dækker helt.",
        "en": "The page compares whole years: years the activity data (data date {date}) cover completely.",
    },
    # states
    "drivers.no_activity_age": {
        "da": "Der er ingen aktivitetsdata for borgere på {age} i området. Vælg en anden aldersgruppe i sidepanelet.",
        "en": "There is no activity data for citizens aged {age} in the area. Choose another age group in the sidebar.",
    },
    "drivers.no_activity": {
        "da": "Der er ingen aktivitetsdata for området. Indlæs et udtræk fra fagsystemet på siden Data.",
        "en": "There is no activity data for the area. Import a case-system export on the Data page.",
    },
    "drivers.same_years": {"da": "Vælg to forskellige år.", "en": "Choose two different years."},
    "drivers.no_whole_years": {
        "da": "Aktivitetsdata (datadato {date}) dækker ikke to hele år i perioden; vælg en længere periode.",
        "en": "The activity data (data date {date}) do not cover two whole years in the period; choose a longer period.",
    },
    "drivers.missing_index": {
        "da": "PL-indeks mangler for {years}; tallene vises i løbende priser.",
        "en": "The PL index is missing for {years}; the figures are shown in current prices.",
    },
    "drivers.source": {
        "da": "Aktivitetsdata (dage × døgntakst), fagsystemets udtræk",
        "en": "Activity data (days × daily tariff), the case system's export",
    },
    # providers
    "drivers.kpi_external_share": {"da": "Andel hos eksterne {year}", "en": "External share {year}"},
    "drivers.delta_points": {"da": "{value} %-point siden {year}", "en": "{value} pp since {year}"},
    "drivers.help_external_share": {
        "da": "Udgift hos andre kommuner, regioner og private leverandører i forhold til hele udgiften.",
        "en": "Cost at other municipalities, regions and private providers relative to all cost.",
    },
    "drivers.kpi_external_cost": {"da": "Udgift hos eksterne {year}", "en": "Cost at external providers {year}"},
    "drivers.since": {"da": "siden {year}", "en": "since {year}"},
    "drivers.kpi_providers": {"da": "Leverandører {year}", "en": "Providers {year}"},
    "drivers.kpi_cost_change": {"da": "Ændring {y0}-{y1}", "en": "Change {y0}-{y1}"},
    "drivers.providers_headline": {
        "da": "Eksterne leverandører stod for {share} af udgiften i {year} mod {share0} i {y0} ({prices}).",
        "en": "External providers accounted for {share} of the cost in {year} against {share0} in {y0} ({prices}).",
    },
    "drivers.providers_top": {
        "da": "Størst stigning: {provider}, {change} (helårspersoner {hap0} → {hap1}).",
        "en": "Largest increase: {provider}, {change} (full-year persons {hap0} → {hap1}).",
    },
    "drivers.providers_method": {
        "da": "Helårspersoner og udgift pr. leverandør er de samme som på Dekomponering opdelt på leverandør "
              "({y0} og {y1}); enhedspris = udgift / helårspersoner.",
        "en": "Full-year persons and cost per provider are those of Decomposition split by provider ({y0} and {y1}); "
              "unit price = cost / full-year persons.",
    },
    "drivers.types_title": {
        "da": "Udgift pr. leverandørtype, mio. kr., {prices}", "en": "Cost per provider type, DKK million, {prices}",
    },
    "drivers.tariff_title": {
        "da": "Gennemsnitlig døgnpris hos {provider} pr. tilbudstype, kr., {prices}",
        "en": "Average daily price at {provider} per offer type, DKK, {prices}",
    },
    "drivers.providers_title": {"da": "Leverandører efter ændring i udgift", "en": "Providers by change in cost"},
    "drivers.providers_export_title": {
        "da": "Leverandører: helårspersoner, udgift og enhedspris {y0} og {y1}",
        "en": "Providers: full-year persons, cost and unit price {y0} and {y1}",
    },
    "drivers.top_note": {
        "da": "Viser de {n} leverandører med størst stigning; søg for at se andre. Eksporten har dem alle.",
        "en": "Shows the {n} providers with the largest increase; search to see others. The export holds all.",
    },
    "drivers.col_provider": {"da": "Leverandør", "en": "Provider"},
    "drivers.col_provider_type": {"da": "Leverandørtype", "en": "Provider type"},
    "drivers.col_hap": {"da": "Helårspersoner {year}", "en": "Full-year persons {year}"},
    "drivers.col_cost": {"da": "Udgift {year}", "en": "Cost {year}"},
    "drivers.col_cost_plain": {"da": "Udgift", "en": "Cost"},
    "drivers.col_change": {"da": "Ændring", "en": "Change"},
    "drivers.col_unit_price": {"da": "Enhedspris {year}", "en": "Unit price {year}"},
    "drivers.col_daily_price": {"da": "Døgnpris (kr.)", "en": "Daily price (DKK)"},
    # price against need
    "drivers.kpi_above": {"da": "Over medianpris {year}", "en": "Above the median price {year}"},
    "drivers.help_above": {
        "da": "Foranstaltninger med en døgnpris over medianen for samme tilbudstype og funktionsevneniveau, "
              "af alle der kan sammenlignes.",
        "en": "Measures with a daily price above the median of the same offer type and level of need, of all "
              "that can be compared.",
    },
    "drivers.kpi_room": {"da": "Over medianen {year}", "en": "Above the median {year}"},
    "drivers.help_room": {
        "da": "Hvad foranstaltningerne over medianen kostede mere, end de ville have kostet til medianprisen.",
        "en": "What the measures above the median cost more than they would have at the median price.",
    },
    "drivers.kpi_not_compared": {"da": "Ikke sammenlignet", "en": "Not compared"},
    "drivers.help_not_compared": {
        "da": "Foranstaltninger uden tilbudstype eller funktionsevneniveau.",
        "en": "Measures without an offer type or a level of need.",
    },
    "drivers.price_headline": {
        "da": "{above} af {total} foranstaltninger i {year} havde en døgnpris over medianen for deres tilbudstype "
              "og niveau; til medianprisen havde de kostet {room} mindre ({prices}).",
        "en": "{above} of {total} measures in {year} had a daily price above the median of their offer type and "
              "level; at the median price they would have cost {room} less ({prices}).",
    },
    "drivers.price_top": {"da": "Mest hos {provider} ({room}).", "en": "Most at {provider} ({room})."},
    "drivers.price_method": {
        "da": "Medianen er taget over de foranstaltninger af samme tilbudstype og niveau, der løb i {year} "
              "(hver foranstaltning én gang). Over medianen = (døgnpris − median) × dage i året.",
        "en": "The median is taken over the measures of the same offer type and level that ran in {year} (each "
              "measure once). Above the median = (daily price − median) × days in the year.",
    },
    "drivers.distribution_title": {
        "da": "Døgnpris pr. funktionsevneniveau: {offer} {year}, kr., {prices}",
        "en": "Daily price per level of need: {offer} {year}, DKK, {prices}",
    },
    "drivers.distribution_note": {
        "da": "Boksen viser de midterste 50 % af døgnpriserne, stregen medianen og linjerne 10.-90. percentil.",
        "en": "The box shows the middle 50 % of daily prices, the line the median and the whiskers the 10th-90th percentile.",
    },
    "drivers.rooms_title": {"da": "Hvor der kan forhandles", "en": "Where to negotiate"},
    "drivers.rooms_export_title": {
        "da": "Leverandører: udgift over medianprisen for tilbudstype og niveau {year}",
        "en": "Providers: cost above the median price of offer type and level {year}",
    },
    "drivers.distribution_export_title": {
        "da": "Døgnpriser pr. tilbudstype og niveau {year} (percentiler)",
        "en": "Daily prices per offer type and level {year} (percentiles)",
    },
    "drivers.col_measures": {"da": "Foranstaltninger", "en": "Measures"},
    "drivers.col_measures_above": {"da": "Over medianen", "en": "Above the median"},
    "drivers.col_cost_at_median": {"da": "Udgift til medianpris", "en": "Cost at the median price"},
    "drivers.col_room": {"da": "Over medianen", "en": "Above the median"},
    "drivers.col_offer_type": {"da": "Tilbudstype", "en": "Offer type"},
    "drivers.col_level": {"da": "Niveau", "en": "Level"},
    "drivers.col_p10": {"da": "10. percentil (kr./dag)", "en": "10th percentile (DKK/day)"},
    "drivers.col_p25": {"da": "25. percentil (kr./dag)", "en": "25th percentile (DKK/day)"},
    "drivers.col_median": {"da": "Median (kr./dag)", "en": "Median (DKK/day)"},
    "drivers.col_p75": {"da": "75. percentil (kr./dag)", "en": "75th percentile (DKK/day)"},
    "drivers.col_p90": {"da": "90. percentil (kr./dag)", "en": "90th percentile (DKK/day)"},
    # concentration
    "drivers.kpi_top_share": {"da": "Dyreste {share} {year}", "en": "Costliest {share} {year}"},
    "drivers.help_top_share": {
        "da": "Deres andel af udgiften: de {citizens} dyreste af {all} borgere.",
        "en": "Their share of the cost: the {citizens} costliest of {all} citizens.",
    },
    "drivers.kpi_gini": {"da": "Gini-koefficient {year}", "en": "Gini coefficient {year}"},
    "drivers.help_gini": {
        "da": "0 = alle borgere koster det samme; tæt på 1 = få borgere bærer næsten hele udgiften.",
        "en": "0 = every citizen costs the same; close to 1 = a few citizens carry almost all the cost.",
    },
    "drivers.concentration_headline": {
        "da": "De dyreste {share} af borgerne ({citizens} borgere) stod for {cost_share} af udgiften i {year}; "
              "deres samlede udgift ændrede sig {top_change} siden {y0} mod {all_change} for alle borgere ({prices}).",
        "en": "The costliest {share} of citizens ({citizens} citizens) accounted for {cost_share} of the cost in "
              "{year}; their total cost changed {top_change} since {y0} against {all_change} for all citizens ({prices}).",
    },
    "drivers.concentration_method": {
        "da": "Borgernes udgift pr. år (alle deres foranstaltninger i området). De dyreste p % = de ⌈p × antal⌉ "
              "dyreste borgere i hvert år, så det kan være forskellige borgere i de to år.",
        "en": "Each citizen's cost per year (all their measures in the area). The costliest p % = the ⌈p × count⌉ "
              "costliest citizens of each year, so they may be different citizens in the two years.",
    },
    "drivers.thresholds_title": {
        "da": "Borgere med en årlig udgift over 1, 2 og 5 mio. kr., {prices}",
        "en": "Citizens with a yearly cost above DKK 1, 2 and 5 million, {prices}",
    },
    "drivers.threshold": {"da": "Over {value} mio. kr.", "en": "Above DKK {value} million"},
    "drivers.lorenz_title": {
        "da": "Hvor samlet er udgiften? Andel af udgiften hos de billigste borgere, {y0} og {y1}",
        "en": "How concentrated is the cost? Share of the cost at the cheapest citizens, {y0} and {y1}",
    },
    "drivers.lorenz_x": {"da": "Andel af borgerne (billigste først)", "en": "Share of citizens (cheapest first)"},
    "drivers.lorenz_y": {"da": "Andel af udgiften", "en": "Share of the cost"},
    "drivers.equal_line": {"da": "Lige fordeling", "en": "Equal distribution"},
    "drivers.concentration_export_title": {
        "da": "De dyreste borgeres andel af udgiften pr. år", "en": "The costliest citizens' share of the cost per year",
    },
    "drivers.col_top_share": {"da": "Dyreste andel af borgerne", "en": "Costliest share of citizens"},
    "drivers.col_citizens": {"da": "Borgere", "en": "Citizens"},
    "drivers.col_top_citizens": {"da": "Dyreste borgere", "en": "Costliest citizens"},
    "drivers.col_top_cost": {"da": "Deres udgift", "en": "Their cost"},
    "drivers.col_all_cost": {"da": "Udgift i alt", "en": "Total cost"},
    "drivers.col_cost_share": {"da": "Andel af udgiften", "en": "Share of the cost"},
    "drivers.col_threshold": {"da": "Årlig udgift", "en": "Yearly cost"},
    # inflow and outflow
    "drivers.kpi_new": {"da": "Nye borgere {y1}", "en": "New citizens {y1}"},
    "drivers.help_new": {
        "da": "Borgere med foranstaltninger i {year}, men ingen i året før sammenligningen ({hap} helårspersoner i {year}).",
        "en": "Citizens with measures in {year} but none in the base year ({hap} full-year persons in {year}).",
    },
    "drivers.kpi_left": {"da": "Borgere ude siden {y0}", "en": "Citizens gone since {y0}"},
    "drivers.help_left": {
        "da": "Borgere med foranstaltninger i {year}, men ingen i sammenligningsåret ({hap} helårspersoner i {year}).",
        "en": "Citizens with measures in {year} but none in the comparison year ({hap} full-year persons in {year}).",
    },
    "drivers.kpi_continuing": {"da": "Borgere i begge år", "en": "Citizens in both years"},
    "drivers.kpi_duration": {"da": "Varighed, afsluttede {year}", "en": "Duration, ended {year}"},
    "drivers.help_duration": {
        "da": "Gennemsnitlig varighed af de foranstaltninger, der sluttede i året.",
        "en": "Average duration of the measures that ended in the year.",
    },
    "drivers.days": {"da": "{value} dage", "en": "{value} days"},
    "drivers.flow_headline": {
        "da": "Udgiften ændrede sig {total} fra {y0} til {y1}: {new} nye borgere kostede {new_cost}, {left} "
              "borgere, der ikke længere fik foranstaltninger, havde kostet {left_cost}, og borgerne i begge år "
              "ændrede sig {cont} ({prices}).",
        "en": "The cost changed {total} from {y0} to {y1}: {new} new citizens cost {new_cost}, {left} citizens who no "
              "longer received measures had cost {left_cost}, and the citizens in both years changed {cont} ({prices}).",
    },
    "drivers.flow_method": {
        "da": "Ny = borger med udgift i sammenligningsåret og ingen i basisåret; ude = omvendt. De tre dele "
              "summer til ændringen.",
        "en": "New = a citizen with cost in the comparison year and none in the base year; gone = the reverse. "
              "The three parts add up to the change.",
    },
    "drivers.level_note": {
        "da": "Funktionsevneniveau (flest dage) {y0} → {y1} for borgere i begge år: {up} op, {down} ned, {same} uændret.",
        "en": "Level of need (most days) {y0} → {y1} for citizens in both years: {up} up, {down} down, {same} unchanged.",
    },
    "drivers.flow_title": {
        "da": "Fra {y0} til {y1}: nye borgere, borgere ude og borgere i begge år, mio. kr., {prices}",
        "en": "From {y0} to {y1}: new citizens, citizens gone and citizens in both years, DKK million, {prices}",
    },
    "drivers.step_hidden": {"da": "Skjult (færre end 5 borgere)", "en": "Hidden (fewer than 5 citizens)"},
    "drivers.concentration_headline_hidden": {
        "da": "Udgiften på de dyreste {share} af borgerne i {year} er skjult, fordi de er færre end 5 borgere.",
        "en": "The cost of the costliest {share} of citizens in {year} is hidden: they are fewer than 5 citizens."},
    "drivers.lorenz_hidden": {
        "da": "Lorenz-kurven viser hver enkelt borgers udgift og vises kun for brugere med adgang til borgerniveau.",
        "en": "The Lorenz curve shows each citizen's cost and is shown only to users with citizen-level access."},
    "drivers.step_base": {"da": "Udgift {year}", "en": "Cost {year}"},
    "drivers.step_new": {"da": "Nye borgere", "en": "New citizens"},
    "drivers.step_left": {"da": "Borgere ude", "en": "Citizens gone"},
    "drivers.step_continuing": {"da": "Borgere i begge år", "en": "Citizens in both years"},
    "drivers.step_current": {"da": "Udgift {year}", "en": "Cost {year}"},
    "drivers.measures_title": {
        "da": "Foranstaltninger startet og afsluttet pr. år", "en": "Measures started and ended per year",
    },
    "drivers.levels_title": {
        "da": "Skift i funktionsevneniveau {y0} → {y1}", "en": "Changes of level of need {y0} → {y1}",
    },
    "drivers.offer_types_title": {
        "da": "Skift af tilbudstype {y0} → {y1} (tilbudstypen med flest dage), {prices}",
        "en": "Changes of offer type {y0} → {y1} (the offer type of most days), {prices}",
    },
    "drivers.offer_note": {
        "da": "{n} borgere i begge år skiftede tilbudstype; flest fra {from_type} til {to_type} ({count}), "
              "hvor udgiften til dem ændrede sig {change}.",
        "en": "{n} citizens in both years changed offer type; most from {from_type} to {to_type} ({count}), "
              "whose cost changed {change}.",
    },
    "drivers.offer_note_hidden": {
        "da": "{n} borgere i begge år skiftede tilbudstype.", "en": "{n} citizens in both years changed offer type.",
    },
    "drivers.offer_note_none": {
        "da": "Ingen borgere i begge år skiftede tilbudstype.", "en": "No citizen in both years changed offer type.",
    },
    "drivers.col_offer_type_year": {"da": "Tilbudstype {year}", "en": "Offer type {year}"},
    "drivers.direction.op": {"da": "Op", "en": "Up"},
    "drivers.direction.ned": {"da": "Ned", "en": "Down"},
    "drivers.direction.samme": {"da": "Uændret", "en": "Unchanged"},
    "drivers.direction.ukendt": {"da": "Ikke vurderet", "en": "Not assessed"},
    "drivers.col_level_year": {"da": "Niveau {year}", "en": "Level {year}"},
    "drivers.col_direction": {"da": "Retning", "en": "Direction"},
    "drivers.col_step": {"da": "Del", "en": "Part"},
    "drivers.col_amount": {"da": "Beløb", "en": "Amount"},
    "drivers.col_started": {"da": "Startet", "en": "Started"},
    "drivers.col_ended": {"da": "Afsluttet", "en": "Ended"},
    "drivers.col_net": {"da": "Netto", "en": "Net"},
    "drivers.col_duration": {"da": "Gns. varighed af afsluttede (dage)", "en": "Mean duration of ended (days)"},
}
