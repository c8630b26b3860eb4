-- purpose: actuals and budgets of an area per month (operations and state refusion): the cost trend
--          page's yearly totals, the current year against budget and the seasonal profile of earlier years.
-- grain: one row per year, month, amount_kind and dranst (dranst 1 drift and 2 statsrefusion only).
-- params: $kommune (int), $functions (varchar[]), $from_year, $to_year (int).
-- units: amount_dkk in kr., current prices; postings = number of ledger rows summed.
-- columns: year (year), month (1-12), amount_kind (text), dranst (code), amount_dkk (kr.), postings (rows)
select year, month, amount_kind, dranst,
       sum(amount_dkk)::double as amount_dkk,
       sum(postings)::bigint as postings
from ledger_monthly
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and dranst in (1, 2)
group by year, month, amount_kind, dranst
order by year, month, amount_kind, dranst;
