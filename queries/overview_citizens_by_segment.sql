-- purpose: distinct citizens per year and segment value of one split, for the suppression of small counts on
--          Overblik's year-by-year view per segment (issue 22): overview_hap_by_segment.sql's citizens are
--          summed over the functions (a citizen in two functions counts twice), so they may not decide
--          what is hidden. Segment values as in segment_person_year: missing values named and old paragraphs
--          mapped as in the view activity_month_segments (queries/build/activity_month.sql); a citizen
--          counts once over all the chosen functions.
-- grain: one row per year and segment value with at least one citizen. Unordered.
-- params: $kommune (int), $functions (varchar[]), $from_year, $to_year (int, a range), $dimension as in
--         overview_hap_by_segment.sql.
-- units: citizens = distinct citizens (persons) with at least one measure-day in the year.
-- columns: year (year), segment (text), citizens (persons)
with paragraph_new as (
    select old_paragraph, new_paragraph from paragraph_map
    qualify row_number() over (partition by old_paragraph order by valid_from desc) = 1
),
named as (
    select a.year, a.citizen_key, coalesce(a.level, 'ikke_vurderet') as level,
           coalesce(p.new_paragraph, a.paragraph, 'ukendt') as paragraph,
           coalesce(a.provider_type, 'ukendt') as provider_type, coalesce(a.provider, 'ukendt') as provider,
           coalesce(a.offer_type, 'ukendt') as offer_type, a.function_code,
           coalesce(a.measure, 'ukendt') as measure, a.age_group,
           age_cut(a.year, a.birth_year) as age_cut
    from activity_year a left join paragraph_new p on p.old_paragraph = a.paragraph
    where a.kommunekode = $kommune and list_contains($functions, a.function_code)
      and a.year between $from_year and $to_year and a.days > 0
)
select year,
       case $dimension
           when 'level' then level when 'paragraph' then paragraph when 'provider_type' then provider_type
           when 'provider' then provider when 'offer_type' then offer_type when 'measure' then measure
           when 'function_code' then function_code when 'age_group' then age_group when 'age_cut' then age_cut
           when 'offer_type_level' then offer_type || '|' || level when 'paragraph_level' then paragraph || '|' || level
       end as segment,
       count(distinct citizen_key)::bigint as citizens
from named
group by all;
