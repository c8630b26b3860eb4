-- purpose: the distinct citizens whose measures started and ended per year (the citizens behind the measures in
--          and out of queries/drivers_flow_month.sql): the count the small-count suppression holds a year's
--          started and ended measures against (issue 22; loaded only for a user whose small counts are hidden).
-- grain: one row per year in which at least one measure of the functions started or ended; a measure counts as
--        started in the year of its start date and as ended in the year of its end date, each if that date is on
--        or before the data date.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int, a range),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for
--         all ages): the age band in the year a measure starts / ends.
-- units: counts of distinct citizens (pseudonyms).
-- columns: year (year), started_citizens (count), ended_citizens (count)
with measures as (
    select citizen_key, start_date, end_date, birth_year
    from activity
    where kommunekode = $kommune
      and list_contains($functions, function_code)
),
started as (
    select year(start_date) as year, count(distinct citizen_key)::bigint as started_citizens
    from measures
    where year(start_date) between $from_year and $to_year
      and start_date <= (select data_date from activity_data_date)
      and list_contains($ages, age_band(year(start_date), birth_year))
    group by all
),
ended as (
    select year(end_date) as year, count(distinct citizen_key)::bigint as ended_citizens
    from measures
    where end_date is not null
      and year(end_date) between $from_year and $to_year
      and end_date <= (select data_date from activity_data_date)
      and list_contains($ages, age_band(year(end_date), birth_year))
    group by all
)
select year, coalesce(s.started_citizens, 0) as started_citizens, coalesce(e.ended_citizens, 0) as ended_citizens
from started s
full join ended e using (year);
