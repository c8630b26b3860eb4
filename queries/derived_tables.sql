-- purpose: materialise the derived tables the pages read, rebuilt at every import of their source
--          (run by ingest.db.refresh_derived inside the import's transaction).
-- grain: activity_year = one row per measure and calendar year it touches; ledger_monthly = one row
--        per municipality, month, function, dranst, grouping, art and amount kind.
-- params: none.
-- units: days and cost_dkk (kr.) per measure-year; measure_years = days / days in the year;
--        amount_dkk in kr. (current prices), postings = number of ledger rows summed.
create or replace table activity_year as
select import_id, source_row, kommunekode, citizen_key, case_id, paragraph, measure, offer_type,
       function_code, provider, provider_type, level, paying_kommunekode, tariff_dkk_per_day, year,
       min(clip_start) as clip_start, max(clip_end) as clip_end,
       sum(days) as days,
       sum(days) * 1.0 / any_value(make_date(year, 12, 31) - make_date(year, 1, 1) + 1) as measure_years,
       sum(cost_dkk) as cost_dkk
from activity_month
group by import_id, source_row, kommunekode, citizen_key, case_id, paragraph, measure, offer_type,
         function_code, provider, provider_type, level, paying_kommunekode, tariff_dkk_per_day, year;

create or replace table ledger_monthly as
select kommunekode, year, month, function_code, dranst, gruppering, art, amount_kind,
       sum(amount_dkk) as amount_dkk, count(*) as postings
from ledger
group by kommunekode, year, month, function_code, dranst, gruppering, art, amount_kind;
