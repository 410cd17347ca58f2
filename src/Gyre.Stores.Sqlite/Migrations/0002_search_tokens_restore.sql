-- Gyre tracking schema v2: search indexes, experiment restore bookkeeping, API tokens.
-- Applied in one transaction by Gyre.Stores.Sql's SchemaMigrator.

-- 1 when the run was deleted because its experiment was: restoring the experiment restores exactly these.
ALTER TABLE runs ADD COLUMN deleted_by_experiment INTEGER NOT NULL DEFAULT 0;

-- Search: filter on a key's value, then join to the run (covering: the run id is in the index).
CREATE INDEX index_latest_metrics_key_value ON latest_metrics (key, is_nan, value, run_uuid);
CREATE INDEX index_params_key_value ON params (key, value, run_uuid);
CREATE INDEX index_tags_key_value ON tags (key, value, run_uuid);
CREATE INDEX index_experiment_tags_key_value ON experiment_tags (key, value, experiment_id);
CREATE INDEX index_runs_experiment_stage_start ON runs (experiment_id, lifecycle_stage, start_time DESC, run_uuid);

-- Tokens of the tracking server's --auth mode. Only the SHA-256 (lowercase hex) of a secret is kept.
CREATE TABLE api_tokens (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_id      TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    secret_sha256 TEXT    NOT NULL UNIQUE,
    creation_time INTEGER NOT NULL,
    revoked_time  INTEGER
);
