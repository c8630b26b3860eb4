-- purpose: materialise the activity tables the pages read, rebuilt at every activity import
--          (run by ingest.db.refresh_derived inside the import's transaction).
-- grain: activity_year = one row per measure and calendar year it touches; segment_person_year =
--        one row per segment dimension, municipality, function, segment value and year;
--        segment_person_month = the same per month (and more dimensions); segment_provider_month = per
--        month and provider as well; activity_function_summary = measures (and those without a level)
--        per municipality and function.
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

-- full-year persons per segment: the merging of a citizen's overlapping measures is only computed for the
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
merged as (
    -- sorted by start, a measure adds only its days after the latest end before it (earlier measures
    -- start no later, so it cannot fill a gap between them); one window, so ties in the order cannot
    -- split identical measures into two islands
    select dimension, kommunekode, function_code, segment, year, citizen_key,
           sum(greatest(clip_end - greatest(clip_start, coalesce(prev_end + 1, clip_start)) + 1, 0)) as person_days
    from ordered
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

-- the decomposition's rows: full-year persons and cost per month, segment dimension, municipality, function
-- and segment value (segment_person_month) and the same per provider (segment_provider_month), so the
-- Dekomponering page reads a few thousand pre-aggregated rows instead of expanding measures to months.
-- Dimensions: the columns of the view activity_month_segments (old SEL paragraphs mapped to Barnets Lov
-- codes) incl. the two-level splits offer_type_level / paragraph_level = 'group|level'.
-- person_days = days on which a citizen has at least one measure of that function and segment (and
-- provider) in the month: a citizen's overlapping or adjacent measures are merged per function, segment
-- (and provider) and month. Person-days add up over months to those of a period. Most citizens have one
-- measure of a function in a month; only the others (n_in_function > 1) go through the merge.
create or replace temp table activity_month_rows as
select kommunekode, function_code, year, month, citizen_key, clip_start, clip_end, days, cost_dkk,
       level, paragraph, provider_type, provider, offer_type, measure, offer_type_level, paragraph_level,
       count(*) over (partition by kommunekode, function_code, year, month, citizen_key) as n_in_function
from activity_month_segments;

-- both month tables read the same rows, one per segment dimension: measures alone in their function
-- and month pre-aggregated (no merge needed) and the others one row per measure (merged below)
create or replace temp table activity_month_single as
unpivot (
    select kommunekode, function_code, year, month, provider as provider_name, provider_type as provider_kind,
           function_code as d_function_code, level, paragraph, provider_type, provider, offer_type, measure,
           offer_type_level, paragraph_level, sum(days) as days, sum(cost_dkk) as cost_dkk
    from activity_month_rows where n_in_function = 1
    group by all
)
on d_function_code as 'function_code', level, paragraph, provider_type, provider, offer_type, measure, offer_type_level, paragraph_level
into name dimension value segment;

create or replace temp table activity_month_multi as
unpivot (
    select kommunekode, function_code, year, month, citizen_key, clip_start, clip_end, days, cost_dkk,
           provider as provider_name, provider_type as provider_kind,
           function_code as d_function_code, level, paragraph, provider_type, provider, offer_type, measure,
           offer_type_level, paragraph_level
    from activity_month_rows where n_in_function > 1
)
on d_function_code as 'function_code', level, paragraph, provider_type, provider, offer_type, measure, offer_type_level, paragraph_level
into name dimension value segment;

create or replace table segment_person_month as
with ordered as (
    select *, max(clip_end) over (partition by dimension, kommunekode, function_code, segment, year, month, citizen_key
                                  order by clip_start, clip_end rows between unbounded preceding and 1 preceding) as prev_end
    from activity_month_multi
),
both_parts as (
    select dimension, kommunekode, function_code, segment, year, month, days as person_days, days as measure_days, cost_dkk
    from activity_month_single
    union all
    -- a measure adds only its days after the latest end before it (see segment_person_year)
    select dimension, kommunekode, function_code, segment, year, month, greatest(clip_end - greatest(clip_start, coalesce(prev_end + 1, clip_start)) + 1, 0), days, cost_dkk
    from ordered
)
select dimension, kommunekode, function_code, segment, year, month,
       sum(person_days)::bigint as person_days, sum(measure_days)::bigint as measure_days, sum(cost_dkk)::double as cost_dkk
from both_parts
group by dimension, kommunekode, function_code, segment, year, month
order by kommunekode, dimension, function_code, year, month, segment;

-- merged per provider name: one provider registered with two provider types counts once a day
create or replace table segment_provider_month as
with ordered as (
    select *, max(clip_end) over (partition by dimension, kommunekode, function_code, segment, provider_name, year, month,
                                               citizen_key
                                  order by clip_start, clip_end rows between unbounded preceding and 1 preceding) as prev_end
    from activity_month_multi
),
both_parts as (
    select dimension, kommunekode, function_code, segment, provider_name, provider_kind, year, month,
           days as person_days, cost_dkk
    from activity_month_single
    union all
    select dimension, kommunekode, function_code, segment, provider_name, provider_kind, year, month, greatest(clip_end - greatest(clip_start, coalesce(prev_end + 1, clip_start)) + 1, 0), cost_dkk
    from ordered
)
select dimension, kommunekode, function_code, segment, provider_name as provider, year, month,
       string_agg(distinct provider_kind, ',' order by provider_kind) as provider_type,
       sum(person_days)::bigint as person_days, sum(cost_dkk)::double as cost_dkk
from both_parts
group by dimension, kommunekode, function_code, segment, provider_name, year, month
order by kommunekode, dimension, function_code, year, month, segment, provider;

drop table activity_month_multi;
drop table activity_month_single;
drop table activity_month_rows;

-- per municipality and function: how many measures the data-quality check counts (all years)
create or replace table activity_function_summary as
select kommunekode, function_code, count(*) as measures, count(*) filter (where level is null) as measures_without_level
from activity
group by kommunekode, function_code
order by kommunekode, function_code;
