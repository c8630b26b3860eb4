-- purpose: each measure's daily price in a year against the median daily price of the measures of the same
--          offer type and level of need in that year: where a price is out of line with the need, and what
--          the year would have cost at the median.
-- grain: one row per measure active in $year (at least one day of it in the year, up to the data date).
--        Measures without an offer type or a level are returned with median_dkk_per_day null (not compared).
--        Unordered.
-- params: $kommune (int), $functions (varchar[] of function codes), $year (int),
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages): the measures listed; the medians are those of all ages.
-- units: tariff_dkk_per_day and median_dkk_per_day in kr. per day, current prices of $year; days = the
--        measure's days in the year; cost_dkk = days x tariff; peers = measures of the same offer type and
--        level (incl. this one) the median is taken over (each measure once, whatever its days).
-- columns: citizen_key, case_id, function_code, provider, provider_type, offer_type, level,
--          tariff_dkk_per_day, days, cost_dkk, median_dkk_per_day, peers
with measures as (
    select citizen_key, case_id, function_code, coalesce(provider, 'ukendt') as provider,
           coalesce(provider_type, 'ukendt') as provider_type, offer_type, level,
           tariff_dkk_per_day, days, cost_dkk, age_band
    from activity_year
    where kommunekode = $kommune
      and list_contains($functions, function_code)
      and year = $year
),
medians as (
    select offer_type, level, median(tariff_dkk_per_day) as median_dkk_per_day, count(*)::bigint as peers
    from measures
    where offer_type is not null and level is not null
    group by offer_type, level
)
select m.citizen_key, m.case_id, m.function_code, m.provider, m.provider_type,
       coalesce(m.offer_type, 'ukendt') as offer_type, coalesce(m.level, 'ikke_vurderet') as level,
       m.tariff_dkk_per_day, m.days::bigint as days, m.cost_dkk::double as cost_dkk,
       md.median_dkk_per_day, md.peers
from measures m
left join medians md on md.offer_type = m.offer_type and md.level = m.level
where list_contains($ages, m.age_band);
