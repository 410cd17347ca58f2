-- Gyre schema v3: the model registry (MLflow's Model Registry, reference §6) and its append-only audit log.
-- Children key on registered_models.model_id (never reused: AUTOINCREMENT), so a rename changes one row.
-- Times are Unix milliseconds. Applied in one transaction by Gyre.Stores.Sql's SchemaMigrator.

CREATE TABLE registered_models (
    model_id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT    NOT NULL UNIQUE,
    creation_time     INTEGER NOT NULL,
    last_updated_time INTEGER NOT NULL,
    description       TEXT
);

CREATE TABLE registered_model_tags (
    model_id INTEGER NOT NULL REFERENCES registered_models (model_id) ON DELETE CASCADE,
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, key)
);

-- package_*: what Gyre verified of the version's package (all NULL for a bare MLflow registration);
-- metrics_json is a JSON object of metric name to number.
CREATE TABLE model_versions (
    model_id          INTEGER NOT NULL REFERENCES registered_models (model_id) ON DELETE CASCADE,
    version           INTEGER NOT NULL CHECK (version > 0),
    creation_time     INTEGER NOT NULL,
    last_updated_time INTEGER NOT NULL,
    description       TEXT,
    user_id           TEXT    NOT NULL,
    current_stage     TEXT    NOT NULL CHECK (current_stage IN ('None', 'Staging', 'Production', 'Archived')),
    source            TEXT    NOT NULL,
    run_id            TEXT,
    run_link          TEXT,
    status            TEXT    NOT NULL CHECK (status IN ('PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY')),
    status_message    TEXT,
    package_sha256    TEXT,
    package_flavor    TEXT,
    signature_json    TEXT,
    metrics_json      TEXT,
    PRIMARY KEY (model_id, version)
);

CREATE INDEX index_model_versions_run ON model_versions (run_id);

CREATE TABLE model_version_tags (
    model_id INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, version, key),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version) ON DELETE CASCADE
);

CREATE TABLE registered_model_aliases (
    model_id INTEGER NOT NULL,
    alias    TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version) ON DELETE CASCADE
);

-- Append-only: the store only ever inserts here. model_name is the name at the time of the change;
-- model_id follows the model across renames (no foreign key: entries outlive the model).
CREATE TABLE registry_audit (
    sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
    time         INTEGER NOT NULL,
    user_id      TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    model_id     INTEGER NOT NULL,
    model_name   TEXT    NOT NULL,
    version      INTEGER,
    alias        TEXT,
    reason       TEXT,
    details_json TEXT
);

CREATE INDEX index_registry_audit_name ON registry_audit (model_name, sequence);
CREATE INDEX index_registry_audit_model ON registry_audit (model_id, sequence);
