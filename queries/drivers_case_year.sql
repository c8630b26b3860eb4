-- purpose: activity-based cost per case (the case system's case id, which may group a family's citizens)
--          and year: the review list of the costliest cases.
-- grain: one row per year and case id with at least one measure-day of the functions in the year; measures
--        without a case id are left out (they are listed per citizen). Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages).
-- units: cost_dkk in kr., current prices (days x daily tariff); measure_days unmerged; citizens = distinct
--        citizen pseudonyms. A case-year of one function and age band is its row of case_function_year as it is
--        (queries/build/case_year.sql); the rows of a case with more are added up.
-- columns: year, case_id, citizens, cost_dkk, measure_days, measures, providers, offer_types, levels
with rows as (
    select * from case_function_year
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and year between $from_year and $to_year
      and list_contains($ages, age_band)
)
select year, case_id, len(citizen_keys)::bigint as citizens, cost_dkk, measure_days, measures, providers,
       offer_types, levels
from rows
where rows_in_year = 1
union all
select year, case_id,
       len(list_distinct(flatten(list(citizen_keys))))::bigint as citizens,
       sum(cost_dkk)::double as cost_dkk,
       sum(measure_days)::bigint as measure_days,
       sum(measures)::bigint as measures,
       list_sort(list_distinct(flatten(list(providers)))) as providers,
       list_sort(list_distinct(flatten(list(offer_types)))) as offer_types,
       list_sort(list_distinct(flatten(list(levels)))) as levels
from rows
where rows_in_year > 1
group by year, case_id;
