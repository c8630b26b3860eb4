-- purpose: the ledger the budget model's economy check sets its forecast against: net actuals and budgets of
--          the chosen municipality and functions per month and function (operations and state refusion), for
--          the data year and the year before it (the fixed part is measured on the year before).
-- grain: one row per year, month, function_code, dranst and amount_kind (dranst 1 drift and 2 statsrefusion).
-- params: $kommune (int), $functions (varchar[] of function codes), $from_year, $to_year (int).
-- units: amount_dkk in kr., current prices.
-- columns: year (year), month (1-12), function_code (text), dranst (code), amount_kind (text), amount_dkk (kr.)
select year, month, function_code, dranst, amount_kind,
       sum(amount_dkk)::double as amount_dkk
from ledger_monthly
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and dranst in (1, 2)
group by year, month, function_code, dranst, amount_kind
order by year, month, function_code, dranst, amount_kind;
