-- Gyre tracking schema v1 for PostgreSQL, the same tables as SQLite's 0001_initial.sql (modelled on
-- MLflow's SQL store). Times are Unix milliseconds (BIGINT). Text columns use the "C" collation so that
-- ordering and LIKE compare code points, as on SQLite. Applied in one transaction by SchemaMigrator.

CREATE TABLE experiments (
    experiment_id     BIGINT PRIMARY KEY,
    name              TEXT COLLATE "C" NOT NULL UNIQUE,
    artifact_location TEXT COLLATE "C" NOT NULL,
    lifecycle_stage   TEXT COLLATE "C" NOT NULL CHECK (lifecycle_stage IN ('active', 'deleted')),
    creation_time     BIGINT NOT NULL,
    last_update_time  BIGINT NOT NULL
);

CREATE INDEX index_experiments_creation_time ON experiments (creation_time DESC, experiment_id DESC);

CREATE TABLE experiment_tags (
    experiment_id BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
    key           TEXT COLLATE "C" NOT NULL,
    value         TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (experiment_id, key)
);

CREATE TABLE runs (
    run_uuid        TEXT COLLATE "C" PRIMARY KEY,
    experiment_id   BIGINT NOT NULL REFERENCES experiments (experiment_id),
    name            TEXT COLLATE "C" NOT NULL,
    user_id         TEXT COLLATE "C" NOT NULL,
    status          TEXT COLLATE "C" NOT NULL CHECK (status IN ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')),
    start_time      BIGINT NOT NULL,
    end_time        BIGINT,
    deleted_time    BIGINT,
    lifecycle_stage TEXT COLLATE "C" NOT NULL CHECK (lifecycle_stage IN ('active', 'deleted')),
    artifact_uri    TEXT COLLATE "C" NOT NULL
);

CREATE INDEX index_runs_experiment_start ON runs (experiment_id, start_time DESC, run_uuid);

CREATE TABLE params (
    run_uuid TEXT COLLATE "C" NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
    key      TEXT COLLATE "C" NOT NULL,
    value    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (run_uuid, key)
);

CREATE TABLE tags (
    run_uuid TEXT COLLATE "C" NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
    key      TEXT COLLATE "C" NOT NULL,
    value    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (run_uuid, key)
);

-- Full history: every logged point is kept (append-only). NaN is stored as value 0 with is_nan = 1 (as
-- MLflow does, and as SQLite must); ±Infinity are stored as DOUBLE PRECISION infinities.
CREATE TABLE metrics (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_uuid  TEXT COLLATE "C" NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
    key       TEXT COLLATE "C" NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    is_nan    INTEGER NOT NULL DEFAULT 0 CHECK (is_nan IN (0, 1)),
    timestamp BIGINT NOT NULL,
    step      BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX index_metrics_run_key_step ON metrics (run_uuid, key, step, timestamp, id);

-- One row per (run, key): the point with the greatest (step, timestamp, value).
CREATE TABLE latest_metrics (
    run_uuid  TEXT COLLATE "C" NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
    key       TEXT COLLATE "C" NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    is_nan    INTEGER NOT NULL DEFAULT 0 CHECK (is_nan IN (0, 1)),
    timestamp BIGINT NOT NULL,
    step      BIGINT NOT NULL,
    PRIMARY KEY (run_uuid, key)
);

-- A dataset is stored once per experiment, identified by (name, digest).
CREATE TABLE datasets (
    dataset_uuid        TEXT COLLATE "C" PRIMARY KEY,
    experiment_id       BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
    name                TEXT COLLATE "C" NOT NULL,
    digest              TEXT COLLATE "C" NOT NULL,
    dataset_source_type TEXT COLLATE "C" NOT NULL,
    dataset_source      TEXT COLLATE "C" NOT NULL,
    dataset_schema      TEXT COLLATE "C",
    dataset_profile     TEXT COLLATE "C",
    UNIQUE (experiment_id, name, digest)
);

-- Links a source (a dataset) to a destination (a run).
CREATE TABLE inputs (
    input_uuid       TEXT COLLATE "C" PRIMARY KEY,
    source_type      TEXT COLLATE "C" NOT NULL,
    source_id        TEXT COLLATE "C" NOT NULL,
    destination_type TEXT COLLATE "C" NOT NULL,
    destination_id   TEXT COLLATE "C" NOT NULL,
    position         INTEGER NOT NULL,
    UNIQUE (source_type, source_id, destination_type, destination_id)
);

CREATE INDEX index_inputs_destination ON inputs (destination_type, destination_id);

CREATE TABLE input_tags (
    input_uuid TEXT COLLATE "C" NOT NULL REFERENCES inputs (input_uuid) ON DELETE CASCADE,
    name       TEXT COLLATE "C" NOT NULL,
    value      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (input_uuid, name)
);
