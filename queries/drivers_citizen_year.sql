-- purpose: each citizen's activity-based cost per year in a range of years, with what the citizen received
--          (measures, providers, offer types, levels) and the level and offer type of the most days: the
--          review list of costly cases (Dyre sager).
-- grain: one row per year and citizen pseudonym with at least one measure-day of the functions in the year
--        (the current year up to the data date). Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages).
-- units: age_group = the age group in the year (macro age_group: age reached in the year); cost_dkk in kr., current prices (days x daily tariff); measure_days = days of the citizen's
--        measures, unmerged (two measures on one day count two days); person_days = the days with at least
--        one measure, merged per function (macro hap_days_added) and summed over the functions, as the
--        full-year persons of every page count them: summed over citizens / days of the year = HÅP.
--        A citizen-year of one function is its row of citizen_function_year as it is (queries/build/citizen_year.sql);
--        the functions of a citizen with more than one are added up; the main level and offer type are those of
--        the citizen's longest measure (ties: the higher level, the first offer type).
-- columns: year, citizen_key, case_ids, cost_dkk, measure_days, person_days, measures, providers,
--          offer_types, levels, main_level, main_offer_type, age_group
with rows as (
    select * from citizen_function_year
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and year between $from_year and $to_year
      and list_contains($ages, age_band)
)
select year, citizen_key, case_ids, cost_dkk, measure_days, person_days, measures, providers, offer_types, levels,
       main_level, main_offer_type, age_group
from rows
where functions_in_year = 1
union all
select year, citizen_key,
       list_sort(list_distinct(flatten(list(case_ids)))) as case_ids,
       sum(cost_dkk)::double as cost_dkk,
       sum(measure_days)::bigint as measure_days,
       sum(person_days)::bigint as person_days,
       sum(measures)::bigint as measures,
       list_sort(list_distinct(flatten(list(providers)))) as providers,
       list_sort(list_distinct(flatten(list(offer_types)))) as offer_types,
       list_sort(list_distinct(flatten(list(levels)))) as levels,
       first(main_level order by main_days desc, main_level desc) as main_level,
       first(main_offer_type order by main_days desc, main_offer_type) as main_offer_type,
       any_value(age_group) as age_group
from rows
where functions_in_year > 1
group by year, citizen_key;
