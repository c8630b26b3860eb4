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
