-- Gyre tracking schema v1, modelled on MLflow's SQL store (mlflow/store/tracking/dbmodels/models.py).
-- Times are Unix milliseconds. Applied in one transaction by SchemaMigrator.

CREATE TABLE experiments (
    experiment_id     INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL UNIQUE,
    artifact_location TEXT    NOT NULL,
    lifecycle_stage   TEXT    NOT NULL CHECK (lifecycle_stage IN ('active', 'deleted')),
    creation_time     INTEGER NOT NULL,
    last_update_time  INTEGER NOT NULL
);

CREATE INDEX index_experiments_creation_time ON experiments (creation_time DESC, experiment_id DESC);

CREATE TABLE experiment_tags (
    experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
    key           TEXT    NOT NULL,
    value         TEXT    NOT NULL,
    PRIMARY KEY (experiment_id, key)
);

CREATE TABLE runs (
    run_uuid        TEXT    PRIMARY KEY,
    experiment_id   INTEGER NOT NULL REFERENCES experiments (experiment_id),
    name            TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')),
    start_time      INTEGER NOT NULL,
    end_time        INTEGER,
    deleted_time    INTEGER,
    lifecycle_stage TEXT    NOT NULL CHECK (lifecycle_stage IN ('active', 'deleted')),
    artifact_uri    TEXT    NOT NULL
);

CREATE INDEX index_runs_experiment_start ON runs (experiment_id, start_time DESC, run_uuid);

CREATE TABLE params (
    run_uuid TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (run_uuid, key)
);

CREATE TABLE tags (
    run_uuid TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (run_uuid, key)
);

-- Full history: every logged point is kept (append-only). SQLite stores a NaN REAL as NULL, so NaN is
-- stored as value 0 with is_nan = 1, as MLflow does; ±Infinity are stored as REAL infinities.
CREATE TABLE metrics (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    run_uuid  TEXT    NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    value     REAL    NOT NULL,
    is_nan    INTEGER NOT NULL DEFAULT 0 CHECK (is_nan IN (0, 1)),
    timestamp INTEGER NOT NULL,
    step      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX index_metrics_run_key_step ON metrics (run_uuid, key, step, timestamp, id);

-- One row per (run, key): the point with the greatest (step, timestamp, value).
CREATE TABLE latest_metrics (
    run_uuid  TEXT    NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    value     REAL    NOT NULL,
    is_nan    INTEGER NOT NULL DEFAULT 0 CHECK (is_nan IN (0, 1)),
    timestamp INTEGER NOT NULL,
    step      INTEGER NOT NULL,
    PRIMARY KEY (run_uuid, key)
);

-- A dataset is stored once per experiment, identified by (name, digest).
CREATE TABLE datasets (
    dataset_uuid        TEXT    PRIMARY KEY,
    experiment_id       INTEGER NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
    name                TEXT    NOT NULL,
    digest              TEXT    NOT NULL,
    dataset_source_type TEXT    NOT NULL,
    dataset_source      TEXT    NOT NULL,
    dataset_schema      TEXT,
    dataset_profile     TEXT,
    UNIQUE (experiment_id, name, digest)
);

-- Links a source (a dataset) to a destination (a run).
CREATE TABLE inputs (
    input_uuid       TEXT    PRIMARY KEY,
    source_type      TEXT    NOT NULL,
    source_id        TEXT    NOT NULL,
    destination_type TEXT    NOT NULL,
    destination_id   TEXT    NOT NULL,
    position         INTEGER NOT NULL,
    UNIQUE (source_type, source_id, destination_type, destination_id)
);

CREATE INDEX index_inputs_destination ON inputs (destination_type, destination_id);

CREATE TABLE input_tags (
    input_uuid TEXT NOT NULL REFERENCES inputs (input_uuid) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (input_uuid, name)
);
