-- purpose: materialise case_function_year, each case's activity-based cost and what it received per function,
--          age band and year, rebuilt at every activity import (run by ingest.db.refresh_derived inside the import's
--          transaction): the review list of the costliest cases (queries/drivers_case_year.sql adds a case's rows
--          up within the sidebar's area and age filter).
-- grain: one row per municipality, function, age band, year and case id with at least one measure-day of the
--        function in the year (the current year up to the data date); measures without a case id are left out.
-- params: none.
-- units: citizen_keys = the distinct citizen pseudonyms of the row (a case may group a family's citizens);
--        cost_dkk in kr., current prices (days x daily tariff); measure_days unmerged; rows_in_year = the case's
--        rows in the year (all functions and age bands): 1 = this row is the case's whole year; a missing provider
--        or offer type is 'ukendt', a missing level 'ikke_vurderet'.
create or replace table case_function_year as
with per_row as (
    select kommunekode, function_code, age_band, year, case_id,
           list_sort(list_distinct(list(citizen_key))) as citizen_keys,
           sum(cost_dkk)::double as cost_dkk,
           sum(days)::bigint as measure_days,
           count(*)::bigint as measures,
           list_sort(list_distinct(list(coalesce(provider, 'ukendt')))) as providers,
           list_sort(list_distinct(list(coalesce(offer_type, 'ukendt')))) as offer_types,
           list_sort(list_distinct(list(coalesce(level, 'ikke_vurderet')))) as levels
    from activity_year
    where case_id is not null
    group by kommunekode, function_code, age_band, year, case_id
)
select *, count(*) over (partition by kommunekode, year, case_id) as rows_in_year
from per_row
order by kommunekode, year, function_code;
