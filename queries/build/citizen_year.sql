-- purpose: materialise citizen_function_year, each citizen's activity-based cost and what they received per
--          function and year, rebuilt at every activity import (run by ingest.db.refresh_derived inside the
--          import's transaction): the rows behind costly cases, cost concentration, citizens in and out and level
--          changes (queries/drivers_citizen_*.sql add a citizen's functions up within the sidebar's area).
-- grain: one row per municipality, function, year and citizen pseudonym with at least one measure-day of the
--        function in the year (the current year up to the data date).
-- params: none.
-- units: cost_dkk in kr., current prices (days x daily tariff); measure_days = days of the citizen's measures,
--        unmerged; person_days = the days with at least one measure of the function (macro hap_days_added), as
--        the full-year persons of every page count them; functions_in_year = the citizen's functions in the
--        year (all areas): 1 = this row is the citizen's whole year; main_days = the days of the citizen's
--        longest measure of the function, whose level and offer type are main_level and main_offer_type (ties:
--        the higher level, the first offer type); age_group and age_band (the age filter's key) of the year;
--        birth_year as imported (null = unknown).
create or replace table citizen_function_year as
with measures as (
    select kommunekode, function_code, year, citizen_key, case_id, coalesce(provider, 'ukendt') as provider,
           coalesce(offer_type, 'ukendt') as offer_type, coalesce(level, 'ikke_vurderet') as level,
           days, cost_dkk, age_group, age_band, birth_year,
           hap_days_added(clip_start, clip_end, row(year, citizen_key, function_code)) as person_days
    from activity_year
),
per_function as (
    select kommunekode, function_code, year, citizen_key,
           any_value(age_group) as age_group, any_value(age_band) as age_band, any_value(birth_year) as birth_year,
           list_sort(list_distinct(list(case_id))) as case_ids,
           sum(cost_dkk)::double as cost_dkk,
           sum(days)::bigint as measure_days,
           sum(person_days)::bigint as person_days,
           count(*)::bigint as measures,
           list_sort(list_distinct(list(provider))) as providers,
           list_sort(list_distinct(list(offer_type))) as offer_types,
           list_sort(list_distinct(list(level))) as levels,
           max(days)::bigint as main_days,
           first(level order by days desc, level desc) as main_level,
           first(offer_type order by days desc, offer_type) as main_offer_type
    from measures
    group by kommunekode, function_code, year, citizen_key
)
select *, count(*) over (partition by kommunekode, year, citizen_key) as functions_in_year
from per_function
order by kommunekode, year, function_code;
