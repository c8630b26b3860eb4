-- purpose: the savings plan's yearly targets (all areas of the plan added up).
-- grain: one row per year.
-- params: none.
-- units: amount_dkk in kr., a reduction positive, the prices the plan was written in; null when a target of
--        the year has no figure yet (the sum is then unknown, never counted as 0).
-- columns: year (year), amount_dkk (kr.: null = no figure yet)
select year,
       case when count(*) filter (where amount_dkk is null) > 0 then null
            else sum(amount_dkk) end::double as amount_dkk
from savings_target
group by year
order by year;
