-- purpose: distinct citizens per segment, and per segment and provider, of a decomposition's two years, for
--          the suppression of small counts (issue 22). Each citizen is counted in the month they first
--          appear in the year's segment (and provider), so the citizens of a period january..m are the
--          first_citizens summed over months <= m, the same month sums as decomposition_segments.sql.
--          Segment values as in segment_person_month (activity_month_segments: missing values named, old
--          paragraphs mapped), over all the chosen functions (a citizen in two functions counts once).
-- grain: one row per year, month, segment value and provider ('' = the whole segment, all providers)
--        in which at least one citizen first appears. Unordered.
-- params: $kommune (int), $functions (varchar[]), $base_year and $comparison_year (int: the two years),
--         $dimension as in decomposition_segments.sql.
-- units: first_citizens = distinct citizens (persons) first seen in the month.
-- columns: year (year), month (1-12), segment_value (text), provider (text, '' = all providers),
--          first_citizens (persons)
with rows as (
    select year, month, citizen_key, provider,
           case $dimension
               when 'level' then level when 'paragraph' then paragraph when 'provider_type' then provider_type
               when 'provider' then provider when 'offer_type' then offer_type when 'measure' then measure
               when 'function_code' then function_code when 'age_group' then age_group
               when 'offer_type_level' then offer_type_level when 'paragraph_level' then paragraph_level
           end as segment
    from activity_month_segments
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and year in ($base_year, $comparison_year)
      and days > 0
),
by_segment as (
    select year, segment, citizen_key, min(month) as month from rows group by year, segment, citizen_key
),
by_provider as (
    select year, segment, provider, citizen_key, min(month) as month
    from rows group by year, segment, provider, citizen_key
)
select year, month, segment as segment_value, '' as provider, count(*)::bigint as first_citizens
from by_segment group by year, month, segment
union all
select year, month, segment, provider, count(*)::bigint
from by_provider group by year, month, segment, provider;
