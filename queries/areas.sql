-- purpose: the areas a user can choose: main function groups, named groups and single functions.
-- grain: one row per (area, function) pair; area_kind = hovedfunktion | gruppe | funktion.
-- params: none.
-- units: none.
with functions as (
    select function_code, name, area from kontoplan_function
)
select substr(function_code, 1, 4) as area_code,
       case substr(function_code, 1, 4) when '5.38' then 'Voksne med særlige behov (5.38)'
                                        when '5.28' then 'Udsatte børn og unge (5.28)'
                                        else substr(function_code, 1, 4) end as area_name,
       'hovedfunktion' as area_kind, 1 as sort_group, function_code
from functions
union all
select g.group_code, g.name, 'gruppe', 2, g.function_code
from function_group g
where g.group_code not in (select distinct substr(function_code, 1, 4) from functions)
union all
select function_code, function_code || ' ' || name, 'funktion', 3, function_code
from functions
order by sort_group, area_code, function_code;
