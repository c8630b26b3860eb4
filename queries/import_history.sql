-- purpose: what data is loaded: every import with its file, rows, the period its rows cover and time.
-- grain: one row per import.
-- params: none.
-- units: rows as counts; first_year/last_year as years; times as local timestamps.
select import_id, kind, file_name, mapping, rows_read, rows_loaded, first_year, last_year,
       started_at, finished_at, substr(sha256, 1, 12) as sha256_prefix, message
from import_log
order by import_id desc;
