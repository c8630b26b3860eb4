-- purpose: population by municipality, year and age group, for per-capita benchmark figures.
-- grain: one row per (kommunekode, year, age_group); age_group 0-17 | 18-64 | 65+ | total.
-- params: none.
-- units: persons.
-- columns: kommunekode (code), year (year), age_group (text), persons (persons)
select kommunekode, year, age_group, sum(persons)::bigint as persons
from population
group by all
order by kommunekode, year, age_group;
