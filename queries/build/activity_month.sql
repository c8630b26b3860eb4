-- purpose: the activity data per measure and month, as views the activity tables are built from: the data
--          date (activity_data_date), measures clipped to months (activity_month) and the same with the
--          segment dimensions named and old paragraphs mapped (activity_month_segments). Rebuilt with the
--          activity tables (ingest.db.refresh_derived).
-- grain: activity_data_date = one row (none without activity imports); activity_month and
--        activity_month_segments = one row per measure and calendar month it touches.
-- params: none.
-- units: days, measure_months = days / days in the month, cost_dkk in kr. (days x daily tariff).
-- derived: the date the activity data describes: the extraction date of the activity exports (recorded at
-- import; the import date for imports that recorded none). Open-ended measures run until this date and no
-- day after it counts. With no activity import the view is empty.
create or replace view activity_data_date as
select max(coalesce(data_date, finished_at::date)) as data_date
from import_log where kind = 'activity'
having count(*) > 0;

-- derived: one row per measure and calendar month it touches, with its days, HÅP share and
-- activity-based cost (days x daily tariff). Periods are clipped to the month; an open end runs to
-- the data date. HÅP of a month = days / days in the month (leap years from the calendar).
create or replace view activity_month as
with bounds as (
    select min(start_date) as first_day, (select data_date from activity_data_date) as last_day
    from activity
),
months as (
    select m::date as month_start, (m + interval 1 month - interval 1 day)::date as month_end
    from bounds, range(date_trunc('month', bounds.first_day), bounds.last_day + interval 1 day, interval 1 month) as r(m)
),
clipped as (
    select a.*, year(m.month_start) as year, month(m.month_start) as month,
           greatest(a.start_date, m.month_start) as clip_start,
           least(coalesce(a.end_date, (select data_date from activity_data_date)),
                 (select data_date from activity_data_date), m.month_end) as clip_end,
           (m.month_end - m.month_start + 1) as days_in_month
    from activity a
    join months m
      on a.start_date <= m.month_end
     and coalesce(a.end_date, (select data_date from activity_data_date)) >= m.month_start
)
select *,
       (clip_end - clip_start + 1) as days,
       (clip_end - clip_start + 1) * 1.0 / days_in_month as measure_months,
       (clip_end - clip_start + 1) * tariff_dkk_per_day as cost_dkk
from clipped
where clip_end >= clip_start;

-- derived: activity_month with the segment dimensions a decomposition splits by (and age_band, the age filter's
-- key, macros.sql): missing values named,
-- old SEL paragraphs mapped to Barnets Lov codes (the newest paragraph_map row per old code) so a series
-- runs across 2024, and the two-level splits 'offer type|level' and 'paragraph|level'.
create or replace view activity_month_segments as
with paragraph_new as (
    select old_paragraph, new_paragraph
    from paragraph_map
    qualify row_number() over (partition by old_paragraph order by valid_from desc) = 1
),
named as (
    select a.import_id, a.source_row, a.kommunekode, a.citizen_key, a.year, a.month,
           a.clip_start, a.clip_end, a.days, a.cost_dkk,
           coalesce(a.level, 'ikke_vurderet') as level,
           coalesce(p.new_paragraph, a.paragraph, 'ukendt') as paragraph,
           coalesce(a.provider_type, 'ukendt') as provider_type,
           coalesce(a.provider, 'ukendt') as provider,
           coalesce(a.offer_type, 'ukendt') as offer_type,
           a.function_code,
           coalesce(a.measure, 'ukendt') as measure,
           age_group(a.year, a.birth_year) as age_group,
           age_cut(a.year, a.birth_year) as age_cut,
           age_band(a.year, a.birth_year) as age_band
    from activity_month a
    left join paragraph_new p on p.old_paragraph = a.paragraph
)
select *,
       offer_type || '|' || level as offer_type_level,
       paragraph || '|' || level as paragraph_level
from named;
