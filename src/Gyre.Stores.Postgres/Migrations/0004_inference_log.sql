-- Gyre schema v4 for PostgreSQL, the same as SQLite's 0004: the inference log (served predictions, sampled) and
-- the ground truth that arrives for them later. Written by the serving host's asynchronous log writer, read by
-- monitoring. Times are Unix milliseconds. Applied in one transaction by Gyre.Stores.Sql's SchemaMigrator.

-- Append-only. id orders records logged with the same time (append order); never reused (an identity).
-- model_version is NULL for a model served from a package outside the registry. *_json are JSON objects.
CREATE TABLE inference_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint      TEXT COLLATE "C" NOT NULL,
    request_id    TEXT COLLATE "C" NOT NULL,
    time          BIGINT           NOT NULL,
    model_name    TEXT COLLATE "C" NOT NULL,
    model_version INTEGER CHECK (model_version > 0),
    variant       TEXT COLLATE "C" NOT NULL,
    inputs_json   TEXT COLLATE "C" NOT NULL,
    outputs_json  TEXT COLLATE "C" NOT NULL,
    latency_ms    DOUBLE PRECISION NOT NULL
);

-- Searches walk one endpoint's records by (time, id): keyset pages start at a (time, id) row comparison.
CREATE INDEX index_inference_log_time ON inference_log (endpoint, time, id);
CREATE INDEX index_inference_log_request ON inference_log (endpoint, request_id);

-- One label per request (the latest written wins); no foreign key: feedback may arrive before its record.
CREATE TABLE inference_feedback (
    endpoint   TEXT COLLATE "C" NOT NULL,
    request_id TEXT COLLATE "C" NOT NULL,
    label_json TEXT COLLATE "C" NOT NULL,
    time       BIGINT           NOT NULL,
    PRIMARY KEY (endpoint, request_id)
);
