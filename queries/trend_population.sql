-- purpose: inhabitants of the municipality per year and age group, for net expenditure per inhabitant
--          in the target group on the cost trend page.
-- grain: one row per year and age group (0-17, 18-64, 65+, total).
-- params: $kommune (int), $from_year, $to_year (int).
-- units: persons (inhabitants, as loaded from the population export).
-- columns: year (year), age_group (text), persons (persons)
select year, age_group, sum(persons)::bigint as persons
from population
where kommunekode = $kommune
  and year between $from_year and $to_year
group by year, age_group
order by year, age_group;
