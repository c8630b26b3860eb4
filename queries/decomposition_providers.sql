-- purpose: the providers behind each segment of a decomposition: full-year persons (HÅP) and
--          activity-based cost per segment, provider and month in the two years, from
--          segment_provider_month (queries/derived_activity.sql; paragraph mapping and merging as in
--          decomposition_segments.sql, merged per function, segment and provider). The page shows the
--          providers of the segment the user picks.
-- grain: one row per year, month, segment value and provider (with its provider types).
--        Unordered: analysis/segments.py sorts what it shows.
-- params: $kommune (int), $functions (varchar[]), $from_year = the base year and $to_year = the
--         comparison year (int), $dimension as in decomposition_segments.sql.
-- units: person_days = merged citizen-days in the month; cost_dkk in kr., current prices.
select year, month, segment as segment_value, provider,
       array_to_string(list_sort(list_distinct(flatten(list(string_split(provider_type, ','))))), ',') as provider_type,
       sum(person_days)::bigint as person_days,
       sum(cost_dkk)::double as cost_dkk
from segment_provider_month
where dimension = $dimension
  and kommunekode = $kommune
  and list_contains($functions, function_code)
  and year in ($from_year, $to_year)
group by year, month, segment, provider;
