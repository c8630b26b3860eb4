-- purpose: the rules the derived tables share, written once. hap_days_added is the HÅP merge rule: a
--          citizen's overlapping or adjacent measures count once a day. Used by segment_person_year.sql and
--          segment_month.sql; the Python oracle is analysis/hap.py:merged_days (tests/test_hap.py), the pandas
--          one bench/baselines.py:island_days.
-- grain: per row of the caller (a window over the rows of the same merge_group).
-- params: clip_start, clip_end (date: the measure's days in the period, both included); merge_group = a row
--         of the columns whose equal values are merged, e.g. row(dimension, kommunekode, function_code,
--         segment, year, citizen_key).
-- units: days. Summed over a merge group = the days on which at least one of its measures runs.
-- Sorted by start (then end), a measure adds only its days after the latest end of those before it: earlier
-- measures start no later, so it cannot fill a gap between them. One window, so ties in the order cannot
-- split identical measures into two islands.
create or replace macro hap_days_added(clip_start, clip_end, merge_group) as
    greatest(clip_end - greatest(clip_start,
                                 coalesce(max(clip_end) over (partition by merge_group order by clip_start, clip_end
                                                              rows between unbounded preceding and 1 preceding) + 1,
                                          clip_start)) + 1, 0);

-- age_group(year, birth_year): the age group of a citizen in a calendar year, from the age reached in that year
-- (year - birth year; only the birth year is stored, never the date), in the groups of
-- domain.codes.AGE_SEGMENTS (tests/test_drivers.py holds the two to each other); 'ukendt' without a birth year.
create or replace macro age_group(year, birth_year) as
    case when birth_year is null then 'ukendt'
         when year - birth_year <= 17 then '0-17'
         when year - birth_year <= 22 then '18-22'
         when year - birth_year <= 64 then '23-64'
         else '65+' end;

-- age_cut(year, birth_year): the narrower split of domain.codes.AGE_CUT_SEGMENTS (15-17 and 18-24 with the ages
-- around them), and age_band(year, birth_year): the finest split domain.codes.AGE_BANDS that every age group and
-- cut is a union of (the segment tables are kept per band, so an age filter reads its bands). Same rule as
-- age_group: the age reached in the calendar year (tests/test_age_filter.py holds both to domain.codes).
create or replace macro age_cut(year, birth_year) as
    case when birth_year is null then 'ukendt'
         when year - birth_year <= 14 then '0-14'
         when year - birth_year <= 17 then '15-17'
         when year - birth_year <= 24 then '18-24'
         when year - birth_year <= 64 then '25-64'
         else '65+' end;

create or replace macro age_band(year, birth_year) as
    case when birth_year is null then 'ukendt'
         when year - birth_year <= 14 then '0-14'
         when year - birth_year <= 17 then '15-17'
         when year - birth_year <= 22 then '18-22'
         when year - birth_year <= 24 then '23-24'
         when year - birth_year <= 64 then '25-64'
         else '65+' end;
