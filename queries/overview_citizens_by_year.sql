-- purpose: the number of different citizens with at least one measure-day of the area's functions per year,
--          for the year-by-year view of full-year persons, citizens and unit price (a citizen with measures
--          on two functions counts once).
-- grain: one row per year with activity.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int).
-- units: citizens = distinct citizen pseudonyms (persons); the current year up to the data date.
-- columns: year (year), citizens (persons)
select year, count(distinct citizen_key) as citizens
from activity_year
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and days > 0
group by year
order by year;
