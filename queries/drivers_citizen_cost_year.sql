-- purpose: each citizen's activity-based cost, full-year person days and main level per year of a list of
--          years: cost concentration, costly-case counts, citizens in and out and level changes (Udgiftsdrivere).
-- grain: one row per year and citizen pseudonym with at least one measure-day of the functions in the year
--        (the current year up to the data date). Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $years (int[]),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages).
-- units: cost_dkk in kr., current prices (days x daily tariff); person_days = the days with at least one measure,
--        merged per function and summed over the functions (as queries/drivers_citizen_year.sql, whose rows
--        these are without the lists); main_level and main_offer_type = the level and offer type of the citizen's
--        longest measure (ties: the higher level, the first offer type).
-- columns: year, citizen_key, cost_dkk, person_days, main_level, main_offer_type
with rows as (
    select year, citizen_key, cost_dkk, person_days, main_days, main_level, main_offer_type, functions_in_year
    from citizen_function_year
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and list_contains($years, year)
      and list_contains($ages, age_band)
)
select year, citizen_key, cost_dkk, person_days, main_level, main_offer_type
from rows
where functions_in_year = 1
union all
select year, citizen_key, sum(cost_dkk)::double as cost_dkk, sum(person_days)::bigint as person_days,
       first(main_level order by main_days desc, main_level desc) as main_level,
       first(main_offer_type order by main_days desc, main_offer_type) as main_offer_type
from rows
where functions_in_year > 1
group by year, citizen_key;
