-- purpose: the providers behind each segment of a decomposition: full-year persons (HÅP) and
--          activity-based cost per segment, provider and month in the two years, with the paragraph
--          mapping of decomposition_segments.sql and a citizen's overlapping measures merged per
--          segment and provider (the page shows the providers of the segment the user picks).
-- grain: one row per year, month, segment value and provider (with its provider type).
-- params: $kommune (int), $functions (varchar[]), $from_year = the base year and $to_year = the
--         comparison year (int).
-- identifiers: {segment} as in decomposition_segments.sql (whitelisted).
-- units: person_days = merged citizen-days in the month; cost_dkk in kr., current prices.
with mapped as (
    select *
    from activity_month_segments
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and year in ($from_year, $to_year)
),
base as (
    select citizen_key, year, month, cast({segment} as varchar) as segment_value,
           provider as provider_name, provider_type as provider_kind, clip_start, clip_end, days, cost_dkk
    from mapped
),
ordered as (
    select *,
           max(clip_end) over (partition by citizen_key, segment_value, provider_name, year, month
                               order by clip_start, clip_end
                               rows between unbounded preceding and 1 preceding) as prev_end
    from base
),
islands as (
    select *,
           sum(case when prev_end is null or clip_start > prev_end + 1 then 1 else 0 end)
               over (partition by citizen_key, segment_value, provider_name, year, month
                     order by clip_start, clip_end rows unbounded preceding) as island
    from ordered
),
merged as (
    select year, month, segment_value, provider_name, citizen_key, island,
           max(clip_end) - min(clip_start) + 1 as merged_days
    from islands
    group by year, month, segment_value, provider_name, citizen_key, island
),
persons as (
    select year, month, segment_value, provider_name, sum(merged_days) as person_days
    from merged
    group by year, month, segment_value, provider_name
),
cost as (
    select year, month, segment_value, provider_name,
           string_agg(distinct provider_kind, ',' order by provider_kind) as provider_type,
           sum(cost_dkk) as cost_dkk
    from base
    group by year, month, segment_value, provider_name
)
select c.year, c.month, c.segment_value, c.provider_name as provider, c.provider_type,
       p.person_days::bigint as person_days,
       c.cost_dkk::double as cost_dkk
from cost c
join persons p using (year, month, segment_value, provider_name)
order by c.year, c.month, c.segment_value, c.provider_name;
