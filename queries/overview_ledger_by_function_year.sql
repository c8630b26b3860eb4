-- purpose: net actual expenditure (dranst 1, operations) per function and year, for coverage.
-- grain: one row per function and year.
-- params: $kommune (int), $functions (varchar[]), $from_year, $to_year (int).
-- units: amount_dkk in kr., current prices.
-- columns: function_code (text), year (year), amount_dkk (kr.)
select function_code, year, sum(amount_dkk)::double as amount_dkk
from ledger_monthly
where kommunekode = $kommune
  and amount_kind = 'actual'
  and dranst = 1
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
group by function_code, year
order by function_code, year;
