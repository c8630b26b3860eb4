-- purpose: the years of a range in which the area (and age filter) has activity: whether Udgiftsdrivere has
--          anything to show before a section's own questions run.
-- grain: one row per year with at least one citizen's measure-day of the functions. Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages).
-- units: year as an integer.
-- columns: year
select distinct year
from citizen_function_year
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and list_contains($ages, age_band);
