-- purpose: materialise the ledger table the pages read, rebuilt at every ledger import
--          (run by ingest.db.refresh_derived inside the import's transaction).
-- grain: one row per municipality, month, function, dranst, grouping, art and amount kind.
-- params: none.
-- units: amount_dkk in kr. (current prices); postings = number of ledger rows summed.
create or replace table ledger_monthly as
select kommunekode, year, month, function_code, dranst, gruppering, art, amount_kind,
       sum(amount_dkk) as amount_dkk, count(*) as postings
from ledger
group by kommunekode, year, month, function_code, dranst, gruppering, art, amount_kind;
