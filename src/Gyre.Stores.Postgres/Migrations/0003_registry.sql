-- Gyre schema v3 for PostgreSQL, the same as SQLite's 0003: the model registry (MLflow's Model Registry, reference §6) and its append-only audit log.
-- Children key on registered_models.model_id (never reused: an identity), so a rename changes one row.
-- Times are Unix milliseconds. Applied in one transaction by Gyre.Stores.Sql's SchemaMigrator.

CREATE TABLE registered_models (
    model_id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              TEXT COLLATE "C"    NOT NULL UNIQUE,
    creation_time     BIGINT NOT NULL,
    last_updated_time BIGINT NOT NULL,
    description       TEXT COLLATE "C"
);

CREATE TABLE registered_model_tags (
    model_id BIGINT NOT NULL REFERENCES registered_models (model_id) ON DELETE CASCADE,
    key      TEXT COLLATE "C"    NOT NULL,
    value    TEXT COLLATE "C"    NOT NULL,
    PRIMARY KEY (model_id, key)
);

-- package_*: what Gyre verified of the version's package (all NULL for a bare MLflow registration);
-- metrics_json is a JSON object of metric name to number.
CREATE TABLE model_versions (
    model_id          BIGINT NOT NULL REFERENCES registered_models (model_id) ON DELETE CASCADE,
    version           INTEGER NOT NULL CHECK (version > 0),
    creation_time     BIGINT NOT NULL,
    last_updated_time BIGINT NOT NULL,
    description       TEXT COLLATE "C",
    user_id           TEXT COLLATE "C"    NOT NULL,
    current_stage     TEXT COLLATE "C"    NOT NULL CHECK (current_stage IN ('None', 'Staging', 'Production', 'Archived')),
    source            TEXT COLLATE "C"    NOT NULL,
    run_id            TEXT COLLATE "C",
    run_link          TEXT COLLATE "C",
    status            TEXT COLLATE "C"    NOT NULL CHECK (status IN ('PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY')),
    status_message    TEXT COLLATE "C",
    package_sha256    TEXT COLLATE "C",
    package_flavor    TEXT COLLATE "C",
    signature_json    TEXT COLLATE "C",
    metrics_json      TEXT COLLATE "C",
    PRIMARY KEY (model_id, version)
);

CREATE INDEX index_model_versions_run ON model_versions (run_id);

CREATE TABLE model_version_tags (
    model_id BIGINT NOT NULL,
    version  INTEGER NOT NULL,
    key      TEXT COLLATE "C"    NOT NULL,
    value    TEXT COLLATE "C"    NOT NULL,
    PRIMARY KEY (model_id, version, key),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version) ON DELETE CASCADE
);

CREATE TABLE registered_model_aliases (
    model_id BIGINT NOT NULL,
    alias    TEXT COLLATE "C"    NOT NULL,
    version  INTEGER NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version) ON DELETE CASCADE
);

-- Append-only: the store only ever inserts here. model_name is the name at the time of the change;
-- model_id follows the model across renames (no foreign key: entries outlive the model).
CREATE TABLE registry_audit (
    sequence     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time         BIGINT NOT NULL,
    user_id      TEXT COLLATE "C"    NOT NULL,
    action       TEXT COLLATE "C"    NOT NULL,
    model_id     BIGINT NOT NULL,
    model_name   TEXT COLLATE "C"    NOT NULL,
    version      INTEGER,
    alias        TEXT COLLATE "C",
    reason       TEXT COLLATE "C",
    details_json TEXT COLLATE "C"
);

CREATE INDEX index_registry_audit_name ON registry_audit (model_name, sequence);
CREATE INDEX index_registry_audit_model ON registry_audit (model_id, sequence);
