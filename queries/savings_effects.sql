-- purpose: the savings plan's initiatives and their expected and realised effects per year.
-- grain: one row per stored effect row (initiative, year, kind; several imports may each hold one).
-- params: none.
-- units: amount_dkk in kr., a reduction positive, the prices the plan was written in; null = no figure yet.
-- columns: initiative_id (text), initiative (text), area (text), segment (text: '<word>: <value>' or null),
--          year (year), kind (expected | realised), amount_dkk (kr.: null = no figure yet)
with names as (
    -- the latest import's words: an edit on the page or a revised plan renames an initiative
    select initiative_id, arg_max(name, import_id) as initiative, arg_max(area, import_id) as area,
           arg_max(segment, import_id) as segment
    from savings_initiative
    group by initiative_id
)
select e.initiative_id, coalesce(n.initiative, e.initiative_id) as initiative, n.area, n.segment, e.year, e.kind,
       e.amount_dkk::double as amount_dkk
from savings_effect e
left join names n using (initiative_id)
order by e.initiative_id, e.year, e.kind;
