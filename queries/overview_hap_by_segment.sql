-- purpose: full-year persons (HÅP) and activity-based cost per year and segment, from the
--          materialised segment_person_year (a citizen's overlapping or adjacent measures of the same
--          function and segment merged, so a person counts once a day per function and segment).
-- grain: one row per year and segment value.
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int),
--         $dimension (the segment dimension: level, paragraph, function_code, provider_type, provider,
--         offer_type or measure; see analysis/segments.DIMENSIONS).
-- units: full_year_persons = person-days / days in the period (the year, or up to the data date for
--        the current year); measure_years = unmerged measure-days / days in the period; citizens =
--        citizens per function and segment, summed over the functions; cost_dkk in kr.
-- columns: year (year), segment (text), full_year_persons (persons), measure_years (years),
--          citizens (persons), cost_dkk (kr.), days_in_period (days), is_partial_year (bool)
with period as (
    select y.year,
           least(make_date(y.year, 12, 31), (select data_date from activity_data_date)) - make_date(y.year, 1, 1) + 1
               as days_in_period,
           make_date(y.year, 12, 31) > (select data_date from activity_data_date) as is_partial_year
    from range($from_year, $to_year + 1) as y(year)
)
select s.year, s.segment,
       sum(s.person_days) * 1.0 / any_value(p.days_in_period) as full_year_persons,
       sum(s.measure_days) * 1.0 / any_value(p.days_in_period) as measure_years,
       sum(s.citizens) as citizens,
       sum(s.cost_dkk) as cost_dkk,
       any_value(p.days_in_period) as days_in_period,
       any_value(p.is_partial_year) as is_partial_year
from segment_person_year s
join period p using (year)
where s.dimension = $dimension
  and s.kommunekode = $kommune
  and list_contains($functions, s.function_code)
group by s.year, s.segment
order by s.year, s.segment;
