-- purpose: full-year persons (HÅP) and activity-based cost per month and segment in the two years of a
--          decomposition. Old SEL paragraphs are mapped to Barnets Lov codes (view activity_month_segments) so a
--          series runs across 2024; a citizen's overlapping or adjacent measures in the same segment
--          are merged so a person counts once a day (as in hap_by_segment.sql).
-- grain: one row per year, month and segment value (months are summed to a period in
--        analysis/segments.py, so the same rows serve whole years and january..month m).
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year = the base year and
--         $to_year = the comparison year (int; only these two years are read).
-- identifiers: {segment} = a column of the view activity_month_segments (whitelisted in queries/__init__.py):
--              level, paragraph, provider_type, provider, offer_type, function_code, measure, or a
--              two-level split offer_type_level / paragraph_level = 'group|level'.
-- units: person_days = merged citizen-days in the month; measure_days = unmerged measure-days;
--        cost_dkk in kr., current prices (days x daily tariff). hap of a period = person_days summed
--        over its months / days in the period.
with mapped as (
    select *
    from activity_month_segments
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and year in ($from_year, $to_year)
),
base as (
    select citizen_key, year, month, cast({segment} as varchar) as segment_value,
           clip_start, clip_end, days, cost_dkk
    from mapped
),
ordered as (
    select *,
           max(clip_end) over (partition by citizen_key, segment_value, year, month
                               order by clip_start, clip_end
                               rows between unbounded preceding and 1 preceding) as prev_end
    from base
),
islands as (
    select *,
           sum(case when prev_end is null or clip_start > prev_end + 1 then 1 else 0 end)
               over (partition by citizen_key, segment_value, year, month
                     order by clip_start, clip_end rows unbounded preceding) as island
    from ordered
),
merged as (
    select year, month, segment_value, citizen_key, island, max(clip_end) - min(clip_start) + 1 as merged_days
    from islands
    group by year, month, segment_value, citizen_key, island
),
persons as (
    select year, month, segment_value, sum(merged_days) as person_days
    from merged
    group by year, month, segment_value
),
cost as (
    select year, month, segment_value, sum(days) as measure_days, sum(cost_dkk) as cost_dkk
    from base
    group by year, month, segment_value
)
select c.year, c.month, c.segment_value,
       p.person_days::bigint as person_days,
       c.measure_days::bigint as measure_days,
       c.cost_dkk::double as cost_dkk
from cost c
join persons p using (year, month, segment_value)
order by c.year, c.month, c.segment_value;
