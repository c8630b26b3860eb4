-- purpose: transitions to adulthood: citizens (one pseudonym, both areas imported with the same key) with a
--          measure in the children's area in a year before the one they turn 18 in, and in the adults' area in
--          that year or later (the age reached in the year, as the age groups: only the birth year is known), per
--          year they turn 18, with their cost in the adults' area the year after and in the children's area the
--          year before. Reads both areas whatever the sidebar's area, from citizen_function_year
--          (queries/build/citizen_year.sql: one row per citizen, function and year).
-- grain: one row per year_18 (birth year + $adult_age) in $from_year..$to_year with at least one such citizen.
-- params: $kommune (int), $children_area and $adults_area (varchar: main functions, domain.codes CHILDREN_AREA /
--         ADULTS_AREA), $adult_age (int, domain.codes.ADULT_AGE), $from_year, $to_year (int, a range).
-- units: citizens, adult_citizens_next and child_citizens_before = counts (adult_citizens_next: those with a day
--        in the adults' area in year_18 + 1, child_citizens_before: in the children's area in year_18 - 1);
--        adult_cost_next_dkk = their cost in the adults' area in year_18 + 1 and child_cost_before_dkk
--        in the children's area in year_18 - 1, kr., current prices of that year (days x daily tariff).
-- columns: year_18 (year), citizens (count), adult_citizens_next (count), adult_cost_next_dkk (kr.),
--          child_cost_before_dkk (kr.), child_citizens_before (count)
with measures as (
    select citizen_key, year, birth_year, cost_dkk,
           starts_with(function_code, $children_area || '.') as in_children,
           starts_with(function_code, $adults_area || '.') as in_adults
    from citizen_function_year
    where kommunekode = $kommune
      and birth_year is not null
      and measure_days > 0
),
moved as (
    select citizen_key, any_value(birth_year) + $adult_age as year_18
    from measures
    group by citizen_key
    having bool_or(in_children and year < birth_year + $adult_age)
       and bool_or(in_adults and year >= birth_year + $adult_age)
)
select m.year_18,
       count(distinct m.citizen_key)::bigint as citizens,
       count(distinct case when x.in_adults and x.year = m.year_18 + 1 then x.citizen_key end)::bigint
           as adult_citizens_next,
       coalesce(sum(case when x.in_adults and x.year = m.year_18 + 1 then x.cost_dkk end), 0)::double
           as adult_cost_next_dkk,
       coalesce(sum(case when x.in_children and x.year = m.year_18 - 1 then x.cost_dkk end), 0)::double
           as child_cost_before_dkk,
       count(distinct case when x.in_children and x.year = m.year_18 - 1 then x.citizen_key end)::bigint
           as child_citizens_before
from moved m
join measures x using (citizen_key)
where m.year_18 between $from_year and $to_year
group by m.year_18;
