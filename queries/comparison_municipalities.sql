-- purpose: the municipalities a benchmark can compare with, with region and dst comparison group.
-- grain: one row per municipality (codes 1-999; 0 = hele landet is not a municipality).
-- params: none.
-- units: none; dst_group 910-960 from comparison_group 'dst_9x0', else municipality.dst_group.
-- columns: kommunekode (code), name (text), regionskode (code), region (text), dst_group (code),
--          dst_group_name (text), is_synthetic (bool)
select m.kommunekode,
       m.name,
       m.regionskode,
       m.region,
       coalesce(try_cast(substr(cg.group_name, 5) as integer), m.dst_group) as dst_group,
       g.name as dst_group_name,
       m.is_synthetic
from municipality m
left join (
    select kommunekode, min(group_name) as group_name
    from comparison_group
    where group_name like 'dst\_9%' escape '\'
    group by kommunekode
) cg using (kommunekode)
left join municipality_group g on g.group_code = coalesce(try_cast(substr(cg.group_name, 5) as integer), m.dst_group)
order by m.kommunekode;
