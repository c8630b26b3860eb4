-- purpose: the providers behind each segment of a decomposition: full-year persons (HÅP) and
--          activity-based cost per segment, provider and month in the two years, from
--          segment_provider_month (queries/build/segment_month.sql; paragraph mapping and merging as in
--          decomposition_segments.sql, merged per function, segment and provider). The page shows the
--          providers of the segment the user picks.
-- grain: one row per year, month, segment value and provider (with its provider types).
--        Unordered: analysis/segments.py sorts what it shows.
-- params: $kommune (int), $functions (varchar[]), $base_year and $comparison_year (int: the two years),
--         $dimension and $ages as in decomposition_segments.sql.
-- units: person_days = merged citizen-days in the month; cost_dkk in kr., current prices.
-- columns: year (year), month (1-12), segment_value (text), provider (text),
--          provider_type (text: types joined by commas), person_days (days), cost_dkk (kr.)
select year, month, segment as segment_value, provider,
       array_to_string(list_sort(list_distinct(flatten(list(string_split(provider_type, ','))))), ',') as provider_type,
       sum(person_days)::bigint as person_days,
       sum(cost_dkk)::double as cost_dkk
from segment_provider_month
where dimension = $dimension
  and kommunekode = $kommune
  and list_contains($functions, function_code)
  and year in ($base_year, $comparison_year)
  and list_contains($ages, age_band)
group by year, month, segment, provider;
