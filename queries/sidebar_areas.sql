-- purpose: the areas a user can choose: main function groups, named groups and single functions
--          (materialised at import as area_function by queries/build/sidebar.sql).
-- grain: one row per (area, function) pair; area_kind = hovedfunktion | gruppe | funktion.
-- params: none.
-- units: none.
-- columns: area_code (text), area_name (text), area_kind (text), sort_group (1-3), function_code (text)
select area_code, area_name, area_kind, sort_group, function_code
from area_function
order by sort_group, area_code, function_code;
