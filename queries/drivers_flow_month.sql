-- purpose: measures started and ended per month (inflow and outflow of measures) and the durations of the
--          ended ones, in a range of years.
-- grain: one row per year and month in which at least one measure of the functions started or ended;
--        a measure counts as ended in the month of its end date if that date is on or before the data date.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages): the age band in the year a measure starts / ends.
-- units: counts of measures; ended_duration_days = summed days (end - start + 1) of the measures ended in
--        the month (their mean = ended_duration_days / ended_measures); started_dkk_per_day = summed daily
--        tariffs of the started measures (kr. per day, current prices).
-- columns: year, month, started_measures, started_dkk_per_day, ended_measures, ended_duration_days
with measures as (
    select start_date, end_date, tariff_dkk_per_day, birth_year
    from activity
    where kommunekode = $kommune
      and list_contains($functions, function_code)
),
started as (
    select year(start_date) as year, month(start_date) as month, count(*)::bigint as started_measures,
           sum(tariff_dkk_per_day)::double as started_dkk_per_day
    from measures
    where year(start_date) between $from_year and $to_year
      and start_date <= (select data_date from activity_data_date)
      and list_contains($ages, age_band(year(start_date), birth_year))
    group by all
),
ended as (
    select year(end_date) as year, month(end_date) as month, count(*)::bigint as ended_measures,
           sum(end_date - start_date + 1)::bigint as ended_duration_days
    from measures
    where end_date is not null
      and year(end_date) between $from_year and $to_year
      and end_date <= (select data_date from activity_data_date)
      and list_contains($ages, age_band(year(end_date), birth_year))
    group by all
)
select year, month,
       coalesce(s.started_measures, 0) as started_measures, coalesce(s.started_dkk_per_day, 0) as started_dkk_per_day,
       coalesce(e.ended_measures, 0) as ended_measures, coalesce(e.ended_duration_days, 0) as ended_duration_days
from started s
full join ended e using (year, month);
