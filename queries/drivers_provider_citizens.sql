-- purpose: distinct citizens per provider and year: the citizen count behind each provider's figures, so a
--          provider of fewer than 5 citizens is hidden from users without citizen-level access (Udgiftsdrivere).
-- grain: one row per year and provider with at least one citizen's measure-day of the functions in the year.
--        Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $years (int[]),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages).
-- units: citizens = distinct citizen pseudonyms (persons); a provider without a name is 'ukendt'.
-- columns: year, provider, citizens
with rows as (
    select year, citizen_key, unnest(providers) as provider
    from citizen_function_year
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and list_contains($years, year)
      and list_contains($ages, age_band)
)
select year, provider, count(distinct citizen_key)::bigint as citizens
from rows
group by year, provider;
