-- Gyre tracking schema v6: recent inference traffic across endpoints (the web UI's deployments page reads
-- the last minutes of every endpoint at once; the v4 index starts with the endpoint).
-- Applied in one transaction by Gyre.Stores.Sql's SchemaMigrator.
CREATE INDEX index_inference_log_recent ON inference_log (time, id);
