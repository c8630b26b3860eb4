-- purpose: net actual expenditure (dranst 1+2 after state refunds, 1 before: $dransts) per art and year, for the cost trend page's split into
--          buying places (art 4.6-4.8), selling places (art 7.6-7.8) and the rest (classified in analysis).
-- grain: one row per year and art (null art kept as its own row).
-- params: $kommune (int), $functions (varchar[]), $from_year, $to_year (int), $dransts (int[]: 1,2 or 1).
-- units: amount_dkk in kr., current prices.
-- columns: year (year), art (text), amount_dkk (kr.)
select year, art, sum(amount_dkk)::double as amount_dkk
from ledger_monthly
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
  and amount_kind = 'actual'
  and list_contains($dransts, dranst)
group by year, art
order by year, art;
