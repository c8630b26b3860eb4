-- purpose: net actual expenditure (dranst 1+2 after state refunds, 1 before: $dransts) per function and year, with the function's name,
--          for the cost trend page's split by function.
-- grain: one row per year and function.
-- params: $kommune (int), $functions (varchar[]), $from_year, $to_year (int), $dransts (int[]: 1,2 or 1).
-- units: amount_dkk in kr., current prices; months = distinct months with actuals.
-- columns: year (year), function_code (text), function_name (text), amount_dkk (kr.), months (count)
with actuals as (
    select year, month, function_code, amount_dkk
    from ledger_monthly
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and year between $from_year and $to_year
      and amount_kind = 'actual'
      and list_contains($dransts, dranst)
)
select a.year, a.function_code, coalesce(any_value(f.name), a.function_code) as function_name,
       sum(a.amount_dkk)::double as amount_dkk,
       count(distinct a.month) as months
from actuals a
left join kontoplan_function f using (function_code)
group by a.year, a.function_code
order by a.year, a.function_code;
