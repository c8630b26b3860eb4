-- purpose: the ledger's net actual expenditure on operations (dranst 1) per month in the two years of a
--          decomposition, to measure how much of it the activity data explains and to scale to it.
-- grain: one row per year and month with postings.
-- params: $kommune (int), $functions (varchar[]), $base_year and $comparison_year (int: the two years).
-- units: amount_dkk in kr., current prices (expenditure minus income, before state refusion).
-- columns: year (year), month (1-12), amount_dkk (kr.)
select year, month, sum(amount_dkk)::double as amount_dkk
from ledger_monthly
where kommunekode = $kommune
  and amount_kind = 'actual'
  and dranst = 1
  and list_contains($functions, function_code)
  and year in ($base_year, $comparison_year)
group by year, month
order by year, month;
