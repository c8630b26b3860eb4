-- purpose: measures started and ended per month (inflow and outflow of measures) and the durations of the
--          ended ones, in a range of years.
-- grain: one row per year and month in which at least one measure of the functions started or ended;
--        a measure counts as ended in the month of its end date if that date is on or before the data date.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages): the age band in the year a measure starts / ends.
-- units: counts of measures; ended_duration_days = summed days (end - start + 1) of the measures ended in
--        the month (their mean = ended_duration_days / ended_measures); started_dkk_per_day = summed daily
--        tariffs of the started measures (kr. per day, current prices). Added up from measure_flow_month
--        (queries/build/flow_month.sql, per function and age band).
-- columns: year, month, started_measures, started_dkk_per_day, ended_measures, ended_duration_days
select year, month,
       sum(started_measures)::bigint as started_measures, sum(started_dkk_per_day)::double as started_dkk_per_day,
       sum(ended_measures)::bigint as ended_measures, sum(ended_duration_days)::bigint as ended_duration_days
from measure_flow_month
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and list_contains($ages, age_band)
group by year, month;
