-- purpose: materialise measure_flow_month, the measures started and ended per month, rebuilt at every activity
--          import (run by ingest.db.refresh_derived inside the import's transaction): Udgiftsdrivere's inflow and
--          outflow (queries/drivers_flow_month.sql adds the functions and age bands up).
-- grain: one row per municipality, function, age band, year and month in which at least one measure started or
--        ended; a measure counts as started in the month of its start date and as ended in the month of its end
--        date, each if that date is on or before the data date; the age band is the one in the year of that date.
-- params: none.
-- units: counts of measures; ended_duration_days = summed days (end - start + 1) of the measures ended in the
--        month; started_dkk_per_day = summed daily tariffs of the started measures (kr. per day, current prices).
create or replace table measure_flow_month as
with started as (
    select kommunekode, function_code, age_band(year(start_date), birth_year) as age_band,
           year(start_date) as year, month(start_date) as month,
           count(*)::bigint as started_measures, sum(tariff_dkk_per_day)::double as started_dkk_per_day
    from activity
    where start_date <= (select data_date from activity_data_date)
    group by all
),
ended as (
    select kommunekode, function_code, age_band(year(end_date), birth_year) as age_band,
           year(end_date) as year, month(end_date) as month,
           count(*)::bigint as ended_measures, sum(end_date - start_date + 1)::bigint as ended_duration_days
    from activity
    where end_date is not null
      and end_date <= (select data_date from activity_data_date)
    group by all
)
select kommunekode, function_code, age_band, year, month,
       coalesce(s.started_measures, 0) as started_measures, coalesce(s.started_dkk_per_day, 0) as started_dkk_per_day,
       coalesce(e.ended_measures, 0) as ended_measures, coalesce(e.ended_duration_days, 0) as ended_duration_days
from started s
full join ended e using (kommunekode, function_code, age_band, year, month)
order by kommunekode, year, month;
