-- purpose: net expenditure on the chosen area per municipality, year and source, for the benchmark page.
-- grain: one row per (kommunekode, year, is_synthetic, unit, price_unit, key_figure); kommunekode 0 = hele landet.
-- params: $functions (list of function codes of the area), $area (the area's code, e.g. 5.38; may be null).
-- units: value in the row's unit (dkk | dkk_1000 | dkk_per_inhabitant[_<age group>]), summed over functions of
--        that unit. Statbank rows (key_figure null) count when their function is one of $functions;
--        key-figure rows (nøgletal files) only when they cover exactly $area, so a figure for a whole area
--        is never added to figures for its functions. functions_n = number of the chosen functions the
--        figure covers (a key figure covers the whole area). Missing '..' rows are not loaded.
-- columns: kommunekode (code), year (year), is_synthetic (bool), unit (text), price_unit (text),
--          key_figure (text), source (text), value (in the row's unit), functions_n (count of functions)
select b.kommunekode,
       b.year,
       b.is_synthetic,
       b.unit,
       b.price_unit,
       b.key_figure,
       min(b.source) as source,
       sum(b.value)::double as value,
       case when b.key_figure is null then count(distinct b.function_code) else len($functions) end as functions_n
from benchmark b
where b.measure = 'net_expenditure'
  and ((b.key_figure is null and list_contains($functions, b.function_code))
       or (b.key_figure is not null and b.function_code = $area))
group by b.kommunekode, b.year, b.is_synthetic, b.unit, b.price_unit, b.key_figure
order by b.year, b.kommunekode, b.key_figure;
