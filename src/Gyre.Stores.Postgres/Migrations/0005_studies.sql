-- Gyre schema v5 for PostgreSQL, the same as SQLite's 0005: hyperparameter tuning studies and their trials
-- (Gyre.Tuning's IStudyStorage). Times are Unix milliseconds from the store's clock (heartbeats are written and
-- checked by the same clock). Applied in one transaction by Gyre.Stores.Sql's SchemaMigrator.

-- direction is 'MINIMIZE' or 'MAXIMIZE', fixed at creation. Trial numbers are assigned with the study row
-- locked (SELECT ... FOR UPDATE), so concurrent workers queue on it.
CREATE TABLE studies (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL UNIQUE,
    direction  TEXT COLLATE "C" NOT NULL CHECK (direction IN ('MINIMIZE', 'MAXIMIZE')),
    created_at BIGINT           NOT NULL
);

CREATE TABLE study_user_attrs (
    study_id BIGINT           NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    key      TEXT COLLATE "C" NOT NULL,
    value    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (study_id, key)
);

-- number is 0, 1, 2... per study without gaps. value is NULL while running or when the objective gave none.
CREATE TABLE trials (
    study_id      BIGINT           NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    number        INTEGER          NOT NULL CHECK (number >= 0),
    state         TEXT COLLATE "C" NOT NULL CHECK (state IN ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING')),
    value         DOUBLE PRECISION,
    error_message TEXT COLLATE "C",
    started_at    BIGINT           NOT NULL,
    completed_at  BIGINT,
    heartbeat_at  BIGINT           NOT NULL,
    PRIMARY KEY (study_id, number)
);

-- The budget count and the stale-heartbeat check read one study's trials by state.
CREATE INDEX index_trials_state ON trials (study_id, state);

-- distribution_json is written by Gyre.Stores.Sql's StudyDistributionJson; internal_value is the internal
-- representation (a categorical's choice index).
CREATE TABLE trial_params (
    study_id          BIGINT           NOT NULL,
    number            INTEGER          NOT NULL,
    name              TEXT COLLATE "C" NOT NULL,
    distribution_json TEXT COLLATE "C" NOT NULL,
    internal_value    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (study_id, number, name),
    FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
);

-- value NULL stands for NaN, as in SQLite.
CREATE TABLE trial_intermediate_values (
    study_id BIGINT  NOT NULL,
    number   INTEGER NOT NULL,
    step     BIGINT  NOT NULL,
    value    DOUBLE PRECISION,
    PRIMARY KEY (study_id, number, step),
    FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
);

CREATE TABLE trial_user_attrs (
    study_id BIGINT           NOT NULL,
    number   INTEGER          NOT NULL,
    key      TEXT COLLATE "C" NOT NULL,
    value    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (study_id, number, key),
    FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
);

CREATE TABLE trial_system_attrs (
    study_id BIGINT           NOT NULL,
    number   INTEGER          NOT NULL,
    key      TEXT COLLATE "C" NOT NULL,
    value    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (study_id, number, key),
    FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
);
