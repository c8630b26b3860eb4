-- purpose: the price-and-wage index series used for fixed prices.
-- grain: one row per year.
-- params: none.
-- units: index_value (any base); source as text.
-- columns: year (year), index_value (index: any base), source (text)
select year, index_value, source from pl_index order by year;
