-- Gyre schema v4: the inference log (served predictions, sampled) and the ground truth that arrives for them later.
-- Written by the serving host's asynchronous log writer, read by monitoring. Times are Unix milliseconds.
-- Applied in one transaction by Gyre.Stores.Sql's SchemaMigrator.

-- Append-only. id orders records logged with the same time (append order); never reused (AUTOINCREMENT).
-- model_version is NULL for a model served from a package outside the registry. *_json are JSON objects.
CREATE TABLE inference_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    endpoint      TEXT    NOT NULL,
    request_id    TEXT    NOT NULL,
    time          INTEGER NOT NULL,
    model_name    TEXT    NOT NULL,
    model_version INTEGER CHECK (model_version > 0),
    variant       TEXT    NOT NULL,
    inputs_json   TEXT    NOT NULL,
    outputs_json  TEXT    NOT NULL,
    latency_ms    REAL    NOT NULL
);

-- Searches walk one endpoint's records by (time, id) (every SQLite index ends with the rowid, which is id).
CREATE INDEX index_inference_log_time ON inference_log (endpoint, time);
CREATE INDEX index_inference_log_request ON inference_log (endpoint, request_id);

-- One label per request (the latest written wins); no foreign key: feedback may arrive before its record.
CREATE TABLE inference_feedback (
    endpoint   TEXT    NOT NULL,
    request_id TEXT    NOT NULL,
    label_json TEXT    NOT NULL,
    time       INTEGER NOT NULL,
    PRIMARY KEY (endpoint, request_id)
);
