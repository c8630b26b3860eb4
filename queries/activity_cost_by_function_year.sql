-- purpose: activity-based cost (days x daily tariff) and measure-years per function and year.
-- grain: one row per function and year.
-- params: $kommune (int), $functions (varchar[]), $from_year, $to_year (int).
-- units: cost_dkk in kr. (current prices); measure_years = measure-days / days in the year.
select function_code, year, sum(cost_dkk) as cost_dkk, sum(measure_years) as measure_years
from activity_year
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
group by function_code, year
order by function_code, year;
