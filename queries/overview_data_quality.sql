-- purpose: data-quality findings for one municipality and area: measures without a level of need,
--          ledger cost on functions without activity, and years without budget.
-- grain: one row per finding (check, function_code, year).
-- params: $kommune (int), $functions (varchar[]), $from_year, $to_year (int).
-- units: count = rows or measures; amount_dkk in kr.
-- columns: check_name (text), function_code (text), year (year), count (rows or measures), amount_dkk (kr.)
with no_level as (
    select 'measures_without_level' as check_name, function_code, null::integer as year,
           measures_without_level as count, null::double as amount_dkk
    from activity_function_summary
    where kommunekode = $kommune and list_contains($functions, function_code) and measures_without_level > 0
),
ledger_fy as (
    select function_code, year, sum(amount_dkk)::double as amount_dkk
    from ledger_monthly
    where kommunekode = $kommune and list_contains($functions, function_code)
      and amount_kind = 'actual' and dranst = 1 and year between $from_year and $to_year
    group by function_code, year
),
activity_fy as (
    select distinct function_code, year from segment_person_year
    where dimension = 'function_code' and kommunekode = $kommune and list_contains($functions, function_code)
),
cost_without_activity as (
    select 'cost_without_activity', l.function_code, l.year, null::bigint, l.amount_dkk
    from ledger_fy l
    anti join activity_fy a using (function_code, year)
    where l.amount_dkk <> 0
),
years as (
    select distinct year from ledger_monthly
    where kommunekode = $kommune and list_contains($functions, function_code) and year between $from_year and $to_year
),
no_budget as (
    select 'year_without_budget', null::varchar, y.year, null::bigint, null::double
    from years y
    where not exists (select 1 from ledger_monthly l where l.kommunekode = $kommune and l.year = y.year
                      and list_contains($functions, l.function_code) and l.amount_kind = 'budget_corrected')
)
select * from no_level
union all select * from cost_without_activity
union all select * from no_budget
order by check_name, function_code, year;
