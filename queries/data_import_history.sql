-- purpose: what data is loaded: every import with its file, rows, the period its rows cover and time.
-- grain: one row per import.
-- params: none.
-- units: rows as counts; first_year/last_year as years; times as local timestamps.
-- columns: import_id (id), kind (text), file_name (text), mapping (text), rows_read (rows),
--          rows_loaded (rows), first_year (year), last_year (year), started_at (timestamp),
--          finished_at (timestamp), sha256_prefix (text), message (text)
select import_id, kind, file_name, mapping, rows_read, rows_loaded, first_year, last_year,
       started_at, finished_at, substr(sha256, 1, 12) as sha256_prefix, message
from import_log
order by import_id desc;
