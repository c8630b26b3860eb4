-- purpose: full-year persons (HÅP) and activity-based cost per year and segment, with a citizen's
--          overlapping or adjacent measures in the same segment merged so a person counts once a day.
-- grain: one row per year and segment value.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int).
-- identifiers: {segment} = the activity column to split by (whitelisted in queries/__init__.py).
-- units: full_year_persons = merged days / days in the period (the year, or up to the data date for
--        the current year); measure_years = unmerged measure-days / days in the period; cost_dkk in kr.
with base as (
    select citizen_key,
           coalesce(cast({segment} as varchar), 'ikke_vurderet') as segment,
           year, clip_start, clip_end, days, cost_dkk
    from activity_year
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and year between $from_year and $to_year
),
ordered as (
    select *,
           max(clip_end) over (partition by citizen_key, segment, year order by clip_start, clip_end
                               rows between unbounded preceding and 1 preceding) as prev_end
    from base
),
islands as (
    select *,
           sum(case when prev_end is null or clip_start > prev_end + 1 then 1 else 0 end)
               over (partition by citizen_key, segment, year order by clip_start, clip_end
                     rows unbounded preceding) as island
    from ordered
),
merged as (
    select segment, year, citizen_key, island, max(clip_end) - min(clip_start) + 1 as merged_days
    from islands
    group by segment, year, citizen_key, island
),
period as (
    select y.year,
           least(make_date(y.year, 12, 31), (select data_date from activity_data_date)) - make_date(y.year, 1, 1) + 1
               as days_in_period,
           make_date(y.year, 12, 31) > (select data_date from activity_data_date) as is_partial_year
    from (select distinct year from base) y
),
persons as (
    select segment, year, sum(merged_days) as person_days, count(distinct citizen_key) as citizens
    from merged
    group by segment, year
),
cost as (
    select segment, year, sum(days) as measure_days, sum(cost_dkk) as cost_dkk
    from base
    group by segment, year
)
select c.year, c.segment,
       p.person_days * 1.0 / pe.days_in_period as full_year_persons,
       c.measure_days * 1.0 / pe.days_in_period as measure_years,
       p.citizens,
       c.cost_dkk,
       pe.days_in_period,
       pe.is_partial_year
from cost c
join persons p using (segment, year)
join period pe using (year)
order by c.year, c.segment;
