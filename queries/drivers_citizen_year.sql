-- purpose: each citizen's activity-based cost per year in a range of years, with what the citizen received
--          (measures, providers, offer types, levels) and the level and offer type of the most days: the
--          rows behind costly cases, cost concentration, citizens in and out, and level changes.
-- grain: one row per year and citizen pseudonym with at least one measure-day of the functions in the year
--        (the current year up to the data date). Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages).
-- units: age_group = the age group in the year (macro age_group: age reached in the year); cost_dkk in kr., current prices (days x daily tariff); measure_days = days of the citizen's
--        measures, unmerged (two measures on one day count two days); person_days = the days with at least
--        one measure, merged per function (macro hap_days_added) and summed over the functions, as the
--        full-year persons of every page count them: summed over citizens / days of the year = HÅP.
-- columns: year, citizen_key, case_ids, cost_dkk, measure_days, person_days, measures, providers,
--          offer_types, levels, main_level, main_offer_type, age_group
with measures as (
    select year, citizen_key, case_id, coalesce(provider, 'ukendt') as provider,
           coalesce(offer_type, 'ukendt') as offer_type, coalesce(level, 'ikke_vurderet') as level,
           days, cost_dkk, age_group,
           hap_days_added(clip_start, clip_end, row(year, citizen_key, function_code)) as person_days
    from activity_year
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and year between $from_year and $to_year
      and list_contains($ages, age_band)
)
select year, citizen_key,
       list_sort(list_distinct(list(case_id))) as case_ids,
       sum(cost_dkk)::double as cost_dkk,
       sum(days)::bigint as measure_days,
       sum(person_days)::bigint as person_days,
       count(*)::bigint as measures,
       list_sort(list_distinct(list(provider))) as providers,
       list_sort(list_distinct(list(offer_type))) as offer_types,
       list_sort(list_distinct(list(level))) as levels,
       first(level order by days desc, level desc) as main_level,
       first(offer_type order by days desc, offer_type) as main_offer_type,
       any_value(age_group) as age_group
from measures
group by year, citizen_key;
