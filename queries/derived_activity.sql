-- purpose: materialise the activity tables the pages read, rebuilt at every activity import
--          (run by ingest.db.refresh_derived inside the import's transaction).
-- grain: activity_year = one row per measure and calendar year it touches; segment_person_year =
--        one row per segment dimension, municipality, function, segment value and year.
-- params: none.
-- units: days and cost_dkk (kr.) per measure-year; measure_years = days / days in the year;
--        person_days = days on which a citizen has at least one measure of that function and segment
--        (a citizen's overlapping or adjacent measures merged), measure_days = unmerged, citizens =
--        distinct citizens per function and segment, cost_dkk = activity-based cost (days x daily tariff).
create or replace table activity_year as
select import_id, source_row, kommunekode, citizen_key, case_id, paragraph, measure, offer_type,
       function_code, provider, provider_type, level, paying_kommunekode, tariff_dkk_per_day, year,
       min(clip_start) as clip_start, max(clip_end) as clip_end,
       sum(days) as days,
       sum(days) * 1.0 / any_value(make_date(year, 12, 31) - make_date(year, 1, 1) + 1) as measure_years,
       sum(cost_dkk) as cost_dkk
from activity_month
group by import_id, source_row, kommunekode, citizen_key, case_id, paragraph, measure, offer_type,
         function_code, provider, provider_type, level, paying_kommunekode, tariff_dkk_per_day, year;

-- full-year persons per segment: the islands of a citizen's measures are only computed for the
-- (citizen, function, segment, year) groups that hold more than one measure.
create or replace table segment_person_year as
with base as (
    select kommunekode, function_code, year, citizen_key, clip_start, clip_end, days, cost_dkk,
           function_code as d_function_code,
           coalesce(level, 'ikke_vurderet') as d_level,
           coalesce(paragraph, 'ukendt') as d_paragraph,
           coalesce(provider_type, 'ukendt') as d_provider_type,
           coalesce(provider, 'ukendt') as d_provider,
           coalesce(offer_type, 'ukendt') as d_offer_type,
           coalesce(measure, 'ukendt') as d_measure
    from activity_year
),
long as (
    unpivot base
    on d_function_code as 'function_code', d_level as 'level', d_paragraph as 'paragraph',
       d_provider_type as 'provider_type', d_provider as 'provider', d_offer_type as 'offer_type', d_measure as 'measure'
    into name dimension value segment
),
grouped as (
    select dimension, kommunekode, function_code, segment, year, citizen_key,
           count(*) as n, sum(days) as measure_days, sum(cost_dkk) as cost_dkk
    from long
    group by dimension, kommunekode, function_code, segment, year, citizen_key
),
multi as (
    select l.* from long l
    semi join (select * from grouped where n > 1) g
      using (dimension, kommunekode, function_code, segment, year, citizen_key)
),
ordered as (
    select *, max(clip_end) over (partition by dimension, kommunekode, function_code, segment, year, citizen_key
                                  order by clip_start, clip_end rows between unbounded preceding and 1 preceding) as prev_end
    from multi
),
islands as (
    select *, sum(case when prev_end is null or clip_start > prev_end + 1 then 1 else 0 end)
                  over (partition by dimension, kommunekode, function_code, segment, year, citizen_key
                        order by clip_start, clip_end rows unbounded preceding) as island
    from ordered
),
merged as (
    select dimension, kommunekode, function_code, segment, year, citizen_key, sum(island_days) as person_days
    from (select dimension, kommunekode, function_code, segment, year, citizen_key, island,
                 max(clip_end) - min(clip_start) + 1 as island_days
          from islands group by dimension, kommunekode, function_code, segment, year, citizen_key, island)
    group by dimension, kommunekode, function_code, segment, year, citizen_key
)
select g.dimension, g.kommunekode, g.function_code, g.segment, g.year,
       sum(case when g.n = 1 then g.measure_days else m.person_days end) as person_days,
       count(*)::bigint as citizens,
       sum(g.measure_days) as measure_days,
       sum(g.cost_dkk) as cost_dkk
from grouped g
left join merged m using (dimension, kommunekode, function_code, segment, year, citizen_key)
group by g.dimension, g.kommunekode, g.function_code, g.segment, g.year;
