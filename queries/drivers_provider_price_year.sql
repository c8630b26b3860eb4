-- purpose: the average daily price each provider charged per offer type and year (the tariff over time),
--          with the days and cost behind it.
-- grain: one row per provider, offer type and year in a range (years with at least one measure-day of
--        the functions; the current year up to the data date). Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages).
-- units: dkk_per_day = cost_dkk / measure_days, kr. per day, current prices (a day-weighted mean of the
--        measures' daily tariffs); measure_days unmerged; cost_dkk in kr. Added up from provider_offer_year
--        (queries/build/provider_year.sql, per function and age band); provider_type lists a provider's types
--        (comma-separated, sorted) when it has more than one.
-- columns: provider, provider_type, offer_type, year, measure_days, cost_dkk, dkk_per_day
select provider,
       string_agg(distinct provider_type, ',' order by provider_type) as provider_type,
       offer_type, year,
       sum(measure_days)::bigint as measure_days,
       sum(cost_dkk)::double as cost_dkk,
       sum(cost_dkk) / sum(measure_days) as dkk_per_day
from provider_offer_year
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and list_contains($ages, age_band)
group by provider, offer_type, year;
