-- purpose: the ledger's state refunds (dranst 2) per month in the two years of a decomposition, to reconcile
--          its ledger (before refunds) with net expenditure after state refunds (Udgiftsudvikling's default).
-- grain: one row per year and month with refund postings.
-- params: $kommune (int), $functions (varchar[]), $base_year and $comparison_year (int: the two years).
-- units: amount_dkk in kr., current prices (refunds are income: negative).
-- columns: year (year), month (1-12), amount_dkk (kr.)
select year, month, sum(amount_dkk)::double as amount_dkk
from ledger_monthly
where kommunekode = $kommune
  and amount_kind = 'actual'
  and dranst = 2
  and list_contains($functions, function_code)
  and year in ($base_year, $comparison_year)
group by year, month
order by year, month;
