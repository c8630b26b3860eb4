-- purpose: what data is loaded: every import with its file, rows, the period its rows cover and time.
-- grain: one row per import.
-- params: none.
-- units: rows as counts; first_year/last_year as years; times as local timestamps.
with periods as (
    select import_id, min(year) as first_year, max(year) as last_year from ledger group by import_id
    union all
    select import_id, min(year(start_date)), max(year(coalesce(end_date, (select data_date from activity_data_date))))
    from activity group by import_id
    union all
    select import_id, min(year), max(year) from benchmark group by import_id
    union all
    select import_id, min(year), max(year) from population group by import_id
    union all
    select import_id, min(year), max(year) from socio_index group by import_id
    union all
    select import_id, min(year), max(year) from pl_index group by import_id
    union all
    select import_id, min(year), max(year) from savings_target group by import_id
    union all
    select import_id, min(year), max(year) from savings_effect group by import_id
),
per_import as (
    select import_id, min(first_year) as first_year, max(last_year) as last_year from periods group by import_id
)
select l.import_id, l.kind, l.file_name, l.mapping, l.rows_read, l.rows_loaded, p.first_year, p.last_year,
       l.started_at, l.finished_at, substr(l.sha256, 1, 12) as sha256_prefix, l.message
from import_log l
left join per_import p using (import_id)
order by l.import_id desc;
