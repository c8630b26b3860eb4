-- purpose: materialise the small tables the sidebar reads, rebuilt at every import (run last by
--          ingest.db.refresh_derived): the reference tables are reloaded at every import and the data
--          years change with every ledger or activity import.
-- grain: area_function = one row per (area, function) pair the user can choose (main functions, named
--        groups, single functions); municipality_data_years = one row per municipality with data.
-- params: none.
-- units: years as integers.
create or replace table area_function as
with functions as (
    select function_code, name from kontoplan_function
),
-- a main function is named by the group of the same code in function_groups.csv, else by its code
main_names as (
    select distinct group_code, name from function_group
)
select substr(f.function_code, 1, 4) as area_code, coalesce(n.name, substr(f.function_code, 1, 4)) as area_name,
       'hovedfunktion' as area_kind, 1 as sort_group, f.function_code
from functions f
left join main_names n on n.group_code = substr(f.function_code, 1, 4)
union all
select g.group_code, g.name, 'gruppe', 2, g.function_code
from function_group g
where g.group_code not in (select distinct substr(function_code, 1, 4) from functions)
union all
select function_code, function_code || ' ' || name, 'funktion', 3, function_code
from functions
order by sort_group, area_code, function_code;

-- the years the sidebar offers: the ledger's years, or the activity data's years when no ledger is loaded
create or replace table municipality_data_years as
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
