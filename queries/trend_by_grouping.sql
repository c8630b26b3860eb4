-- purpose: net actual expenditure (dranst 1+2 after state refunds, 1 before: $dransts) per grouping (gruppering) and year, for the cost trend
--          page's split by grouping.
-- grain: one row per year and gruppering (null gruppering kept as its own row).
-- params: $kommune (int), $functions (varchar[]), $from_year, $to_year (int), $dransts (int[]: 1,2 or 1).
-- units: amount_dkk in kr., current prices.
-- columns: year (year), gruppering (text), amount_dkk (kr.)
select year, gruppering, sum(amount_dkk)::double as amount_dkk
from ledger_monthly
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and amount_kind = 'actual'
  and list_contains($dransts, dranst)
group by year, gruppering
order by year, gruppering;
