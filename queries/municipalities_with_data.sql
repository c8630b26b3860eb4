-- purpose: municipalities that have ledger or activity data (for the sidebar), with their years.
-- grain: one row per municipality.
-- params: none.
-- units: years as integers.
with own as (
    select kommunekode, min(year) as first_year, max(year) as last_year from ledger group by kommunekode
    union all
    select kommunekode, min(year(start_date)), max(year(coalesce(end_date, current_date))) from activity group by kommunekode
)
select m.kommunekode, m.name, m.is_synthetic, min(o.first_year) as first_year, max(o.last_year) as last_year
from own o
join municipality m using (kommunekode)
group by m.kommunekode, m.name, m.is_synthetic
order by m.name;
