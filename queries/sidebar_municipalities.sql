-- purpose: municipalities that have ledger or activity data (for the sidebar), with the years the
--          sidebar offers: the ledger's years, or the activity data's years when no ledger is loaded
--          (materialised at import as municipality_data_years by queries/build/sidebar.sql).
-- grain: one row per municipality.
-- params: none.
-- units: years as integers.
-- columns: kommunekode (code), name (text), is_synthetic (bool), first_year (year), last_year (year)
select kommunekode, name, is_synthetic, first_year, last_year
from municipality_data_years
order by name;
