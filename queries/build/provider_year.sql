-- purpose: materialise provider_offer_year, the days and cost per provider, offer type and year, rebuilt at every
--          activity import (run by ingest.db.refresh_derived inside the import's transaction): Udgiftsdrivere's
--          providers (queries/drivers_provider_price_year.sql adds the functions and age bands up).
-- grain: one row per municipality, function, age band, provider, provider type, offer type and year with at least
--        one measure-day (the current year up to the data date); a missing provider, provider type or offer type
--        is 'ukendt'.
-- params: none.
-- units: measure_days = days of the measures, unmerged; cost_dkk in kr., current prices (days x daily tariff).
create or replace table provider_offer_year as
select kommunekode, function_code, age_band, coalesce(provider, 'ukendt') as provider,
       coalesce(provider_type, 'ukendt') as provider_type, coalesce(offer_type, 'ukendt') as offer_type, year,
       sum(days)::bigint as measure_days, sum(cost_dkk)::double as cost_dkk
from activity_year
where days > 0
group by all
order by kommunekode, year, function_code;
