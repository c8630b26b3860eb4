-- purpose: full-year persons (HÅP) and activity-based cost per month and segment in the two years of a
--          decomposition, from segment_person_month (queries/build/segment_month.sql): old SEL paragraphs
--          are mapped to Barnets Lov codes so a series runs across 2024, and a citizen's overlapping or
--          adjacent measures of the same function and segment are merged so they count once a day.
-- grain: one row per year, month and segment value (months are summed to a period in
--        analysis/segments.py, so the same rows serve whole years and january..month m).
--        Unordered: analysis/segments.py sorts what it shows.
-- params: $kommune (int), $functions (varchar[] of function codes), $base_year and $comparison_year (int;
--         only these two years are read, not the years between), $dimension = the segment
--         split: level, paragraph, provider_type, provider, offer_type, function_code, measure, or a
--         two-level split offer_type_level / paragraph_level (values 'group|level'), age_group or age_cut;
--         $ages (varchar[]: the age bands read, domain.codes.age_bands of the sidebar's age filter; all bands for all ages).
-- units: person_days = merged citizen-days in the month, summed over the functions; measure_days =
--        unmerged measure-days; cost_dkk in kr., current prices (days x daily tariff). hap of a period =
--        person_days summed over its months / days in the period.
-- columns: year (year), month (1-12), segment_value (text), person_days (days), measure_days (days),
--          cost_dkk (kr.)
select year, month, segment as segment_value,
       sum(person_days)::bigint as person_days,
       sum(measure_days)::bigint as measure_days,
       sum(cost_dkk)::double as cost_dkk
from segment_person_month
where dimension = $dimension
  and kommunekode = $kommune
  and list_contains($functions, function_code)
  and year in ($base_year, $comparison_year)
  and list_contains($ages, age_band)
group by year, month, segment;
