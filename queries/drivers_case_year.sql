-- purpose: activity-based cost per case (the case system's case id, which may group a family's citizens)
--          and year: the review list of the costliest cases.
-- grain: one row per year and case id with at least one measure-day of the functions in the year; measures
--        without a case id are left out (they are listed per citizen). Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages).
-- units: cost_dkk in kr., current prices (days x daily tariff); measure_days unmerged.
-- columns: year, case_id, citizens, cost_dkk, measure_days, measures, providers, offer_types, levels
select year, case_id,
       count(distinct citizen_key)::bigint as citizens,
       sum(cost_dkk)::double as cost_dkk,
       sum(days)::bigint as measure_days,
       count(*)::bigint as measures,
       list_sort(list_distinct(list(coalesce(provider, 'ukendt')))) as providers,
       list_sort(list_distinct(list(coalesce(offer_type, 'ukendt')))) as offer_types,
       list_sort(list_distinct(list(coalesce(level, 'ikke_vurderet')))) as levels
from activity_year
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and list_contains($ages, age_band)
  and case_id is not null
group by year, case_id;
