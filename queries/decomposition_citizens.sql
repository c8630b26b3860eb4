-- purpose: distinct citizens per segment, and per segment and provider, of a decomposition's two years, for
--          the suppression of small counts (issue 22). Each citizen is counted in the month they first
--          appear in the year's segment (and provider), so the citizens of a period january..m are the
--          first_citizens summed over months <= m, the same month sums as decomposition_segments.sql. A
--          measure's first month in a year is the month of its clip_start in activity_year (a measure-year
--          is one interval), so the query reads measure-years, not month rows (bench/RESULTS.md).
--          Segment values as in segment_person_month: missing values named and old paragraphs mapped as in
--          the view activity_month_segments (queries/build/activity_month.sql); over all the chosen functions
--          (a citizen in two functions counts once).
-- grain: one row per year, month, segment value and provider ('' = the whole segment, all providers)
--        in which at least one citizen first appears. Unordered.
-- params: $kommune (int), $functions (varchar[]), $base_year and $comparison_year (int: the two years),
--         $dimension and $ages (the sidebar's age filter's bands) as in decomposition_segments.sql.
-- units: first_citizens = distinct citizens (persons) first seen in the month.
-- columns: year (year), month (1-12), segment_value (text), provider (text, '' = all providers),
--          first_citizens (persons)
with paragraph_new as (
    select old_paragraph, new_paragraph from paragraph_map
    qualify row_number() over (partition by old_paragraph order by valid_from desc) = 1
),
named as (
    select a.year, month(a.clip_start) as month, a.citizen_key, coalesce(a.provider, 'ukendt') as provider,
           coalesce(a.level, 'ikke_vurderet') as level, coalesce(p.new_paragraph, a.paragraph, 'ukendt') as paragraph,
           coalesce(a.provider_type, 'ukendt') as provider_type, coalesce(a.offer_type, 'ukendt') as offer_type,
           a.function_code, coalesce(a.measure, 'ukendt') as measure, a.age_group,
           age_cut(a.year, a.birth_year) as age_cut
    from activity_year a left join paragraph_new p on p.old_paragraph = a.paragraph
    where a.kommunekode = $kommune and list_contains($functions, a.function_code)
      and a.year in ($base_year, $comparison_year) and a.days > 0
      and list_contains($ages, a.age_band)
),
rows as (
    select year, month, citizen_key, provider,
           case $dimension
               when 'level' then level when 'paragraph' then paragraph when 'provider_type' then provider_type
               when 'provider' then provider when 'offer_type' then offer_type when 'measure' then measure
               when 'function_code' then function_code when 'age_group' then age_group when 'age_cut' then age_cut
               when 'offer_type_level' then offer_type || '|' || level when 'paragraph_level' then paragraph || '|' || level
           end as segment
    from named
),
by_segment as (select year, segment, citizen_key, min(month) as month from rows group by year, segment, citizen_key),
by_provider as (select year, segment, provider, citizen_key, min(month) as month from rows group by year, segment, provider, citizen_key)
select year, month::bigint as month, segment as segment_value, '' as provider, count(*)::bigint as first_citizens
from by_segment group by year, month, segment
union all
select year, month::bigint, segment, provider, count(*)::bigint from by_provider group by year, month, segment, provider;
