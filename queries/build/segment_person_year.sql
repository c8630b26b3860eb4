-- purpose: materialise segment_person_year, full-year persons per segment and year (the Overblik page's HÅP),
--          rebuilt at every activity import (run by ingest.db.refresh_derived inside the import's transaction).
--          Segments as activity_month_segments names them (old SEL paragraphs mapped to Barnets Lov codes),
--          merged by the macro hap_days_added (macros.sql).
-- grain: one row per segment dimension (function_code, level, paragraph, provider_type, provider, offer_type,
--        measure, age_group, age_cut), municipality, function, segment value and year.
-- params: none.
-- units: person_days = days on which a citizen has at least one measure of that function and segment (a
--        citizen's overlapping or adjacent measures merged), measure_days = unmerged, citizens = distinct
--        citizens per function and segment, cost_dkk = activity-based cost in kr. (days x daily tariff).
-- The merge is only computed for the (citizen, function, segment, year) groups that hold more than one measure.
create or replace table segment_person_year as
with base as (
    -- one row per measure and year: its months in the year joined again (a measure's months are contiguous)
    select kommunekode, function_code, year, citizen_key,
           min(clip_start) as clip_start, max(clip_end) as clip_end, sum(days) as days, sum(cost_dkk) as cost_dkk,
           function_code as d_function_code, level as d_level, paragraph as d_paragraph,
           provider_type as d_provider_type, provider as d_provider, offer_type as d_offer_type, measure as d_measure,
           age_group as d_age_group, age_cut as d_age_cut
    from activity_month_segments
    group by import_id, source_row, kommunekode, function_code, year, citizen_key,
             level, paragraph, provider_type, provider, offer_type, measure, age_group, age_cut
),
long as (
    unpivot base
    on d_function_code as 'function_code', d_level as 'level', d_paragraph as 'paragraph',
       d_provider_type as 'provider_type', d_provider as 'provider', d_offer_type as 'offer_type', d_measure as 'measure',
       d_age_group as 'age_group', d_age_cut as 'age_cut'
    into name dimension value segment
),
grouped as (
    select dimension, kommunekode, function_code, segment, year, citizen_key,
           count(*) as n, sum(days) as measure_days, sum(cost_dkk) as cost_dkk
    from long
    group by dimension, kommunekode, function_code, segment, year, citizen_key
),
multi as (
    select l.* from long l
    semi join (select * from grouped where n > 1) g
      using (dimension, kommunekode, function_code, segment, year, citizen_key)
),
merged as (
    select dimension, kommunekode, function_code, segment, year, citizen_key, sum(days_added) as person_days
    from (select *, hap_days_added(clip_start, clip_end,
                                   row(dimension, kommunekode, function_code, segment, year, citizen_key)) as days_added
          from multi)
    group by dimension, kommunekode, function_code, segment, year, citizen_key
)
select g.dimension, g.kommunekode, g.function_code, g.segment, g.year,
       sum(case when g.n = 1 then g.measure_days else m.person_days end) as person_days,
       count(*)::bigint as citizens,
       sum(g.measure_days) as measure_days,
       sum(g.cost_dkk) as cost_dkk
from grouped g
left join merged m using (dimension, kommunekode, function_code, segment, year, citizen_key)
group by g.dimension, g.kommunekode, g.function_code, g.segment, g.year;
