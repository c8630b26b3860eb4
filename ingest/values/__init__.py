"""Values: one cell -> one value. Numbers, amounts and dates (ingest.values.cells, ingest.values.amounts),
account keys (ingest.values.accounts) and CPR numbers (ingest.values.cpr). A value that is not what it must
be raises ValueError with a short reason; the caller adds file, line and column."""
