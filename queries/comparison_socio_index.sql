-- purpose: the socio-economic index (udligningsloven § 5) per municipality and year.
-- grain: one row per (kommunekode, year).
-- params: none.
-- units: index_value, 100 = national average.
-- columns: kommunekode (code), year (year), socio_index (index: 100 = national average)
select kommunekode, year, avg(index_value)::double as socio_index
from socio_index
group by all
order by kommunekode, year;
