-- Gyre schema v5: hyperparameter tuning studies and their trials (Gyre.Tuning's IStudyStorage).
-- Times are Unix milliseconds from the store's clock (heartbeats are written and checked by the same clock).
-- Applied in one transaction by Gyre.Stores.Sql's SchemaMigrator.

-- direction is 'MINIMIZE' or 'MAXIMIZE', fixed at creation.
CREATE TABLE studies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    direction  TEXT    NOT NULL CHECK (direction IN ('MINIMIZE', 'MAXIMIZE')),
    created_at INTEGER NOT NULL
);

CREATE TABLE study_user_attrs (
    study_id INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (study_id, key)
);

-- number is 0, 1, 2... per study without gaps, assigned under the database write lock.
-- value is NULL while running or when the objective gave none.
CREATE TABLE trials (
    study_id      INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL CHECK (number >= 0),
    state         TEXT    NOT NULL CHECK (state IN ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING')),
    value         REAL,
    error_message TEXT,
    started_at    INTEGER NOT NULL,
    completed_at  INTEGER,
    heartbeat_at  INTEGER NOT NULL,
    PRIMARY KEY (study_id, number)
);

-- The budget count and the stale-heartbeat check read one study's trials by state.
CREATE INDEX index_trials_state ON trials (study_id, state);

-- distribution_json is written by Gyre.Stores.Sql's StudyDistributionJson; internal_value is the internal
-- representation (a categorical's choice index).
CREATE TABLE trial_params (
    study_id          INTEGER NOT NULL,
    number            INTEGER NOT NULL,
    name              TEXT    NOT NULL,
    distribution_json TEXT    NOT NULL,
    internal_value    REAL    NOT NULL,
    PRIMARY KEY (study_id, number, name),
    FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
);

-- value NULL stands for NaN (SQLite stores NaN as NULL).
CREATE TABLE trial_intermediate_values (
    study_id INTEGER NOT NULL,
    number   INTEGER NOT NULL,
    step     INTEGER NOT NULL,
    value    REAL,
    PRIMARY KEY (study_id, number, step),
    FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
);

CREATE TABLE trial_user_attrs (
    study_id INTEGER NOT NULL,
    number   INTEGER NOT NULL,
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (study_id, number, key),
    FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
);

CREATE TABLE trial_system_attrs (
    study_id INTEGER NOT NULL,
    number   INTEGER NOT NULL,
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (study_id, number, key),
    FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
);
