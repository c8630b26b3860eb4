-- purpose: the measures the budget model (analysis/budget_model.py) forecasts from: every granted measure of
--          the chosen municipality and functions, with its segment (offer type and level named as in
--          activity_month_segments), its daily tariff and its dates. The model joins a citizen's consecutive
--          measures of one offer type into one stay, so a measure re-granted at new year is no exit.
-- grain: one row per measure (activity row). Unordered: the model sorts.
-- params: $kommune (int), $functions (varchar[] of function codes).
-- units: start_date and end_date as exported (end_date null = ongoing; a date after the data date is a known
--        end), tariff_dkk_per_day in kr. per day in the measure's own (current) prices, birth_year a year.
-- columns: citizen_key (pseudonym), function_code (text), offer_type (text), level (text), birth_year (year),
--          start_date (date), end_date (date), tariff_dkk_per_day (kr. per day)
select citizen_key,
       function_code,
       coalesce(offer_type, 'ukendt') as offer_type,
       coalesce(level, 'ikke_vurderet') as level,
       birth_year,
       start_date,
       end_date,
       tariff_dkk_per_day
from activity
where kommunekode = $kommune
  and list_contains($functions, function_code);
