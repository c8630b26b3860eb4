-- purpose: what each ledger import changed against the rows loaded before it (the monthly re-export): the
--          months it added and the cells of months already loaded whose totals it changed.
-- grain: one row per import x municipality x month x function x amount kind that is new or changed.
-- params: none.
-- units: amounts in kr. (current prices, as exported); change_dkk = after_dkk - before_dkk (before null = 0).
-- columns: import_id (id), kommunekode (code), year (year), month (month), function_code (code),
--          function_name (text), amount_kind (code), new_month (flag), before_dkk (kr.), after_dkk (kr.),
--          change_dkk (kr.)
select c.import_id, c.kommunekode, c.year, c.month, c.function_code, f.name as function_name, c.amount_kind, c.new_month,
       c.before_dkk::double as before_dkk, c.after_dkk::double as after_dkk,
       (c.after_dkk - coalesce(c.before_dkk, 0))::double as change_dkk
from import_change c
left join kontoplan_function f using (function_code)
order by c.import_id desc, c.new_month, abs(c.after_dkk - coalesce(c.before_dkk, 0)) desc, c.year, c.month,
         c.function_code, c.amount_kind;
