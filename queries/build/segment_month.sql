-- purpose: materialise the decomposition's rows, rebuilt at every activity import (run by
--          ingest.db.refresh_derived inside the import's transaction): full-year persons and cost per month,
--          segment dimension, municipality, function and segment value (segment_person_month) and the same per
--          provider (segment_provider_month), so the Dekomponering page reads a few thousand pre-aggregated rows
--          instead of expanding measures to months.
-- grain: segment_person_month = one row per segment dimension, municipality, function, segment value, year,
--        month and age band (age_band, domain.codes.AGE_BANDS: the age filter's key; a citizen has one band in a
--        year, so the bands of a segment add up to it); segment_provider_month = the same per provider as well. Dimensions: the columns of the view
--        activity_month_segments (old SEL paragraphs mapped to Barnets Lov codes) incl. the two-level splits
--        offer_type_level / paragraph_level = 'group|level'.
-- params: none.
-- units: person_days = days on which a citizen has at least one measure of that function and segment (and
--        provider) in the month: a citizen's overlapping or adjacent measures merged per function, segment (and
--        provider) and month by the macro hap_days_added (macros.sql); person-days add up over months to those
--        of a period. measure_days = unmerged; cost_dkk in kr. (days x daily tariff).
-- Most citizens have one measure of a function in a month; only the others (n_in_function > 1) go through the merge.
create or replace temp table activity_month_rows as
select kommunekode, function_code, year, month, citizen_key, clip_start, clip_end, days, cost_dkk,
       level, paragraph, provider_type, provider, offer_type, measure, offer_type_level, paragraph_level, age_group,
       age_cut, age_band,
       count(*) over (partition by kommunekode, function_code, year, month, citizen_key) as n_in_function
from activity_month_segments;

-- both month tables read the same rows, one per segment dimension: measures alone in their function
-- and month pre-aggregated (no merge needed) and the others one row per measure (merged below)
create or replace temp table activity_month_single as
unpivot (
    select kommunekode, function_code, year, month, age_band, provider as provider_name, provider_type as provider_kind,
           function_code as d_function_code, level, paragraph, provider_type, provider, offer_type, measure,
           offer_type_level, paragraph_level, age_group, age_cut, sum(days) as days, sum(cost_dkk) as cost_dkk
    from activity_month_rows where n_in_function = 1
    group by all
)
on d_function_code as 'function_code', level, paragraph, provider_type, provider, offer_type, measure, offer_type_level, paragraph_level,
   age_group, age_cut
into name dimension value segment;

create or replace temp table activity_month_multi as
unpivot (
    select kommunekode, function_code, year, month, age_band, citizen_key, clip_start, clip_end, days, cost_dkk,
           provider as provider_name, provider_type as provider_kind,
           function_code as d_function_code, level, paragraph, provider_type, provider, offer_type, measure,
           offer_type_level, paragraph_level, age_group, age_cut
    from activity_month_rows where n_in_function > 1
)
on d_function_code as 'function_code', level, paragraph, provider_type, provider, offer_type, measure, offer_type_level, paragraph_level,
   age_group, age_cut
into name dimension value segment;

create or replace table segment_person_month as
with merged as (
    select *, hap_days_added(clip_start, clip_end,
                             row(dimension, kommunekode, function_code, segment, year, month, citizen_key)) as days_added
    from activity_month_multi
),
both_parts as (
    select dimension, kommunekode, function_code, segment, year, month, age_band, days as person_days, days as measure_days, cost_dkk
    from activity_month_single
    union all
    select dimension, kommunekode, function_code, segment, year, month, age_band, days_added, days, cost_dkk
    from merged
)
select dimension, kommunekode, function_code, segment, year, month, age_band,
       sum(person_days)::bigint as person_days, sum(measure_days)::bigint as measure_days, sum(cost_dkk)::double as cost_dkk
from both_parts
group by dimension, kommunekode, function_code, segment, year, month, age_band
order by kommunekode, dimension, function_code, year, month, segment, age_band;

-- merged per provider name: one provider registered with two provider types counts once a day
create or replace table segment_provider_month as
with merged as (
    select *, hap_days_added(clip_start, clip_end,
                             row(dimension, kommunekode, function_code, segment, provider_name, year, month,
                                 citizen_key)) as days_added
    from activity_month_multi
),
both_parts as (
    select dimension, kommunekode, function_code, segment, provider_name, provider_kind, year, month, age_band,
           days as person_days, cost_dkk
    from activity_month_single
    union all
    select dimension, kommunekode, function_code, segment, provider_name, provider_kind, year, month, age_band,
           days_added, cost_dkk
    from merged
)
select dimension, kommunekode, function_code, segment, provider_name as provider, year, month, age_band,
       string_agg(distinct provider_kind, ',' order by provider_kind) as provider_type,
       sum(person_days)::bigint as person_days, sum(cost_dkk)::double as cost_dkk
from both_parts
group by dimension, kommunekode, function_code, segment, provider_name, year, month, age_band
order by kommunekode, dimension, function_code, year, month, segment, provider, age_band;

drop table activity_month_multi;
drop table activity_month_single;
drop table activity_month_rows;
