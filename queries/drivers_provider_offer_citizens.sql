-- purpose: the distinct citizens per provider, offer type and year (the citizens behind each price of
--          queries/drivers_provider_price_year.sql): the count the small-count suppression holds a provider's price
--          of an offer type, and a provider type's cost, against (issue 22; loaded only for a user whose small
--          counts are hidden).
-- grain: one row per provider, offer type and year in a range with at least one measure-day of the functions (the
--        current year up to the data date); a missing provider or offer type is 'ukendt'. Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for
--         all ages).
-- units: citizens = count of distinct citizens (pseudonyms).
-- columns: provider (text), offer_type (text), year (year), citizens (count)
select coalesce(provider, 'ukendt') as provider, coalesce(offer_type, 'ukendt') as offer_type, year,
       count(distinct citizen_key)::bigint as citizens
from activity_year
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and list_contains($ages, age_band)
  and days > 0
group by all;
