-- purpose: municipalities that have ledger or activity data (for the sidebar), with the years the
--          sidebar offers: the ledger's years, or the activity data's years when no ledger is loaded.
-- grain: one row per municipality.
-- params: none.
-- units: years as integers.
with ledger_years as (
    select kommunekode, min(year) as first_year, max(year) as last_year from ledger_monthly group by kommunekode
),
activity_years as (
    select kommunekode, min(year) as first_year, max(year) as last_year
    from segment_person_year
    where dimension = 'function_code'
    group by kommunekode
)
select m.kommunekode, m.name, m.is_synthetic,
       coalesce(l.first_year, a.first_year) as first_year,
       coalesce(l.last_year, a.last_year) as last_year
from municipality m
left join ledger_years l using (kommunekode)
left join activity_years a using (kommunekode)
where l.kommunekode is not null or a.kommunekode is not null
order by m.name;
