-- purpose: materialise activity_function_summary, what the data-quality check counts, rebuilt at every
--          activity import (run by ingest.db.refresh_derived inside the import's transaction).
-- grain: one row per municipality and function (all years).
-- params: none.
-- units: measures = number of measures; measures_without_level = those without a level of need.
create or replace table activity_function_summary as
select kommunekode, function_code, count(*) as measures, count(*) filter (where level is null) as measures_without_level
from activity
group by kommunekode, function_code
order by kommunekode, function_code;
