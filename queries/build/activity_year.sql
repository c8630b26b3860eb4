-- purpose: materialise activity_year, the measures per calendar year, rebuilt at every activity import
--          (run by ingest.db.refresh_derived inside the import's transaction).
-- grain: one row per measure and calendar year it touches.
-- params: none.
-- units: age_group and age_band (the age filter's key) = macros.sql's age_group / age_band of the year; days and cost_dkk (kr., days x daily tariff) per measure-year; measure_years = days / days in the year.
create or replace table activity_year as
select import_id, source_row, kommunekode, citizen_key, case_id, paragraph, measure, offer_type,
       function_code, provider, provider_type, level, paying_kommunekode, tariff_dkk_per_day, year,
       age_group(year, any_value(birth_year)) as age_group,
       age_band(year, any_value(birth_year)) as age_band,
       any_value(birth_year) as birth_year,
       min(clip_start) as clip_start, max(clip_end) as clip_end,
       sum(days) as days,
       sum(days) * 1.0 / any_value(make_date(year, 12, 31) - make_date(year, 1, 1) + 1) as measure_years,
       sum(cost_dkk) as cost_dkk
from activity_month
group by import_id, source_row, kommunekode, citizen_key, case_id, paragraph, measure, offer_type,
         function_code, provider, provider_type, level, paying_kommunekode, tariff_dkk_per_day, year;
