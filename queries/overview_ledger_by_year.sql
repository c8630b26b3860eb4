-- purpose: net expenditure per year for an area, split by amount kind and dranst.
-- grain: one row per year, amount_kind and dranst.
-- params: $kommune (int), $functions (varchar[]), $from_year, $to_year (int).
-- units: amount_dkk in kr., current prices; months = distinct months with postings of that kind.
-- columns: year (year), amount_kind (text), dranst (code), amount_dkk (kr.), months (count)
select year, amount_kind, dranst,
       sum(amount_dkk)::double as amount_dkk,
       count(distinct month) as months
from ledger_monthly
where kommunekode = $kommune
  and list_contains($functions, function_code)
  and year between $from_year and $to_year
group by year, amount_kind, dranst
order by year, amount_kind, dranst;
