"""The import kinds: one row per kind in ingest.kinds.spec, one converter file per kind (ledger, activity,
benchmark, population, indices, savings), and what the converters share in ingest.kinds.rows."""
