-- purpose: the savings plan's history: every figure an import or a page edit of the plan changed or added
--          against the plan stored before it, newest first.
-- grain: one row per changed figure (import, kind, initiative, year).
-- params: none.
-- units: before_dkk, after_dkk in kr., a reduction positive; null = no figure yet.
-- columns: changed_at (timestamp), file_name (text), kind (target | expected | realised),
--          initiative_id (text: '' for a target or an effect not yet assigned), year (year), is_new (bool),
--          before_dkk (kr.), after_dkk (kr.)
select changed_at, file_name, kind, initiative_id, year, is_new, before_dkk, after_dkk
from savings_change
order by changed_at desc, import_id desc, year, kind = 'target' desc, initiative_id, kind;
