-- purpose: net expenditure on the chosen functions per municipality, year and source, for the benchmark page.
-- grain: one row per (kommunekode, year, is_synthetic, unit, price_unit); kommunekode 0 = hele landet.
-- params: $functions (list of function codes).
-- units: value in the row's unit (dkk | dkk_1000 | dkk_per_inhabitant), summed over functions of that unit;
--        functions_n = number of the chosen functions with a figure (missing '..' rows are not loaded).
select b.kommunekode,
       b.year,
       b.is_synthetic,
       b.unit,
       b.price_unit,
       min(b.source) as source,
       sum(b.value)::double as value,
       count(distinct b.function_code) as functions_n
from benchmark b
where b.measure = 'net_expenditure'
  and list_contains($functions, b.function_code)
group by all
order by b.year, b.kommunekode;
