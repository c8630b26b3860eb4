-- purpose: the canonical tables of the dashboard database (the derived views and tables are built by the
--          other files of queries/build/, in the order ingest.db.BUILD_ORDER gives).
-- grain: see each table; every imported row carries the import_id of its import_log entry.
-- params: none. run by ingest.db when a database version is created or copied (idempotent).
-- units: amounts in kr. (amount_dkk), tariffs in kr. per day, persons as full-year persons (HÅP).

-- reference tables (replaced from data/reference/*.csv on every import)
create table if not exists municipality (
    kommunekode integer primary key,
    kommunekode_dagi varchar not null,
    name varchar not null,
    regionskode varchar,
    region varchar,
    dst_group integer,
    is_synthetic boolean not null
);

create table if not exists municipality_group (
    group_code integer primary key,
    name varchar not null,
    description varchar
);

create table if not exists comparison_group (
    group_name varchar not null,
    kommunekode integer not null
);

create table if not exists kontoplan_function (
    function_code varchar primary key,
    name varchar not null,
    area varchar not null,
    paragraphs varchar,
    valid_from date,
    valid_to date,
    name_verified boolean not null
);

create table if not exists function_group (
    group_code varchar not null,
    name varchar not null,
    function_code varchar not null
);

create table if not exists paragraph_map (
    old_paragraph varchar not null,
    new_paragraph varchar not null,
    valid_from date not null,
    note varchar
);

create table if not exists need_level (
    level_code varchar primary key,
    ordinal integer not null,
    label_da varchar not null,
    label_en varchar not null,
    ffb_kode varchar
);

-- import bookkeeping: one row per successful import (a rejected file changes nothing, so it has no row)
create table if not exists import_log (
    import_id integer primary key,
    kind varchar not null,
    file_name varchar not null,
    sha256 varchar not null,
    mapping varchar not null,
    rows_read integer not null,
    rows_loaded integer not null,
    status varchar not null,
    started_at timestamp not null,
    finished_at timestamp not null,
    message varchar,
    first_year integer,                -- period the file's rows cover (years)
    last_year integer,
    data_date date,                    -- activity: the export's extraction date (open measures run to it)
    content_fingerprint varchar        -- rows and an order-free hash of the canonical rows (ingest.overlap)
);

-- databases built before the extraction date was recorded: add the column (a no-op on new databases)
alter table import_log add column if not exists data_date date;

-- ledger: one row per posting line of the export (month x account x art x amount kind)
create table if not exists ledger (
    import_id integer not null,
    source_row integer not null,
    kommunekode integer not null,
    year integer not null,
    month integer not null,
    function_code varchar not null,
    dranst integer not null,
    gruppering varchar,
    art varchar,
    amount_dkk decimal(18, 2) not null,
    amount_kind varchar not null,      -- actual | budget_original | budget_corrected
    cost_center varchar,
    provider varchar,
    text varchar
);

-- activity: one row per granted measure; citizen_key is a keyed pseudonym, never a CPR number
create table if not exists activity (
    import_id integer not null,
    source_row integer not null,
    kommunekode integer not null,
    citizen_key varchar not null,
    case_id varchar,
    paragraph varchar,
    measure varchar,
    offer_type varchar,
    function_code varchar not null,
    provider varchar,
    provider_type varchar,             -- egen | anden_kommune | region | privat | ukendt
    start_date date not null,
    end_date date,                     -- null = ongoing
    tariff_dkk double not null,        -- as exported
    tariff_unit varchar not null,      -- dag | uge | maaned | aar | time
    hours_per_week double,             -- only for tariff_unit = time
    tariff_dkk_per_day double not null,
    level varchar,                     -- '0'..'4' or null (not assessed)
    paying_kommunekode integer,
    birth_year integer                 -- from the CPR number's century rule or a birth-year column; never a date
);
alter table activity add column if not exists birth_year integer;

-- benchmark: key figures per municipality (or area) and year from Statistics Denmark or similar
create table if not exists benchmark (
    import_id integer not null,
    source_row integer not null,
    kommunekode integer not null,      -- 0 = Hele landet, 81-85 regions, else municipality
    year integer not null,
    function_code varchar not null,
    measure varchar not null,          -- e.g. net_expenditure
    value double not null,
    unit varchar not null,             -- dkk | dkk_1000 | dkk_per_inhabitant[_0_17 | _18_64 | _65_plus]
    price_unit varchar not null,       -- current | fixed
    dranst varchar,
    key_figure varchar,                -- the key figure's name for nøgletal files (function_code may be an area)
    is_synthetic boolean not null,
    source varchar not null
);

create table if not exists population (
    import_id integer not null,
    kommunekode integer not null,
    year integer not null,
    age_group varchar not null,        -- 0-17 | 18-64 | 65+ | total
    persons integer not null,
    is_synthetic boolean not null
);

create table if not exists socio_index (
    import_id integer not null,
    kommunekode integer not null,
    year integer not null,
    index_value double not null,       -- 100 = national average
    is_synthetic boolean not null
);

create table if not exists pl_index (
    import_id integer not null,
    year integer not null,
    index_value double not null,
    source varchar not null
);

create table if not exists savings_target (
    import_id integer not null,
    year integer not null,
    area varchar,
    amount_dkk double                  -- kr., a reduction positive; null = no figure yet
);

create table if not exists savings_initiative (
    import_id integer not null,
    initiative_id varchar not null,
    name varchar not null,
    area varchar,
    segment varchar                    -- '<word>: <value>' (domain.codes.SAVINGS_SEGMENT_DIMENSIONS) or null
);

create table if not exists savings_effect (
    import_id integer not null,
    initiative_id varchar not null,
    year integer not null,
    kind varchar not null,             -- expected | realised
    amount_dkk double                  -- kr., a reduction positive; null = no figure yet
);

-- the history of the savings plan: every figure an import of the plan changed or added against the plan stored
-- before it (ingest.overlap.savings_changes), with when and from which file or page edit; kept when a later
-- import replaces those rows, so the plan's history stays readable; kr., a reduction positive, null = no figure
create table if not exists savings_change (
    import_id integer not null,
    changed_at timestamp not null,
    file_name varchar not null,        -- the file, or the page edit ('Rettelse på siden Genopretning (user)')
    kind varchar not null,             -- target | expected | realised
    initiative_id varchar not null,    -- '' for a target or an effect not yet assigned
    year integer not null,
    is_new boolean not null,           -- the stored plan had no such figure
    before_dkk double,
    after_dkk double
);

-- the files that built this database version (every file of queries/build/) and their SHA-256:
-- what a ledger import changed against the rows loaded before it (ingest.overlap.ledger_changes): the
-- import's cells (municipality x month x function x amount kind) in months not loaded before, and those
-- whose total differs from the rows it replaced; kr.
create table if not exists import_change (
    import_id integer not null,
    kommunekode integer not null,
    year integer not null,
    month integer not null,
    function_code varchar not null,
    amount_kind varchar not null,
    new_month boolean not null,        -- the municipality had no ledger rows for this month before
    before_dkk decimal(18, 2),         -- null: no rows for this cell before
    after_dkk decimal(18, 2) not null
);

-- a database built by an older version of the program is told from a current one, and its derived tables
-- are rebuilt (python -m ingest genberegn, or any import)
create table if not exists build_info (
    file varchar primary key,          -- e.g. segment_person_year.sql
    sha256 varchar not null
);

-- facts about the database itself, e.g. pseudonym_key_fingerprint: HMAC-SHA256 of a fixed text under the
-- pseudonym key its citizen keys were made with (never the key), so an import with another key is refused
create table if not exists database_info (
    name varchar primary key,
    value varchar not null
);

-- databases built before key-figure files: add the column (a no-op on new databases)
alter table benchmark add column if not exists key_figure varchar;
-- databases built before content fingerprints (ingest.overlap): add the column (a no-op on new databases)
alter table import_log add column if not exists content_fingerprint varchar;
-- databases built before "no figure yet" in savings plans: let the amounts be null (a no-op on new databases)
alter table savings_target alter column amount_dkk drop not null;
alter table savings_effect alter column amount_dkk drop not null;
-- databases built before an initiative could name its segment (a no-op on new databases)
alter table savings_initiative add column if not exists segment varchar;
