-- Gyre tracking schema v2 for PostgreSQL, the same as SQLite's 0002: search indexes, experiment restore
-- bookkeeping, API tokens. Applied in one transaction by SchemaMigrator.

-- 1 when the run was deleted because its experiment was: restoring the experiment restores exactly these.
ALTER TABLE runs ADD COLUMN deleted_by_experiment INTEGER NOT NULL DEFAULT 0;

-- Search: filter on a key's value, then join to the run (covering: the run id is in the index). A
-- B-tree entry must stay under ~2.7 kB while param and tag values reach 8000 characters, so text values
-- are indexed by their first 200 characters; searches add the matching left(value, 200) condition.
CREATE INDEX index_latest_metrics_key_value ON latest_metrics (key, is_nan, value, run_uuid);
CREATE INDEX index_params_key_value ON params (key, left(value, 200), run_uuid);
CREATE INDEX index_tags_key_value ON tags (key, left(value, 200), run_uuid);
CREATE INDEX index_experiment_tags_key_value ON experiment_tags (key, left(value, 200), experiment_id);
CREATE INDEX index_runs_experiment_stage_start ON runs (experiment_id, lifecycle_stage, start_time DESC, run_uuid);

-- Tokens of the tracking server's --auth mode. Only the SHA-256 (lowercase hex) of a secret is kept.
CREATE TABLE api_tokens (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_id      TEXT COLLATE "C" NOT NULL UNIQUE,
    name          TEXT COLLATE "C" NOT NULL,
    role          TEXT COLLATE "C" NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    secret_sha256 TEXT COLLATE "C" NOT NULL UNIQUE,
    creation_time BIGINT NOT NULL,
    revoked_time  BIGINT
);
