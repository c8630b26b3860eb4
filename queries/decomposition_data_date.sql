-- purpose: the date the activity data describes (open-ended measures run to it), which decides how
--          many months of the current year a decomposition can use.
-- grain: one row.
-- params: none.
-- units: data_date as a date.
-- columns: data_date (date)
select data_date from activity_data_date;
