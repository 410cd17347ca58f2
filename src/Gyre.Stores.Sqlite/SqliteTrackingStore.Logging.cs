using Gyre.Core;
using Gyre.Tracking;
using Microsoft.Data.Sqlite;

namespace Gyre.Stores.Sqlite;

public sealed partial class SqliteTrackingStore
{
    private const string DatasetSourceType = "DATASET";
    private const string RunDestinationType = "RUN";

    /// <summary>
    /// Validates everything first (MLflow's limits), then in one transaction appends the metrics, inserts
    /// the params and upserts the tags (last value of a key wins; <c>mlflow.runName</c> also renames the run).
    /// Any error rolls the whole batch back.
    /// </summary>
    public async Task LogBatchAsync(RunId runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateBatch(metrics, parameters, tags);
        await WriteAsync(
            async transaction =>
            {
                await RequireActiveRunAsync(transaction, runId, cancellationToken);
                await AppendMetricsAsync(transaction, runId, metrics, cancellationToken);
                await InsertParamsAsync(transaction, runId, parameters, cancellationToken);
                foreach (var tag in LastWins(tags))
                {
                    await UpsertTagAsync(transaction, runId, tag, cancellationToken);
                    if (tag.Key == RunNameTag)
                    {
                        await ExecuteAsync(transaction, "UPDATE runs SET name = @name WHERE run_uuid = @id", cancellationToken, ("@name", tag.Value), ("@id", runId.Value));
                    }
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Records datasets as inputs of the run, in order. A dataset is stored once per experiment by (name,
    /// digest); linking it to the same run again is a no-op (the first link's tags are kept).
    /// </summary>
    public async Task LogInputsAsync(RunId runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateDatasetInputs(inputs);
        await WriteAsync(
            async transaction =>
            {
                var experimentKey = await RequireActiveRunAsync(transaction, runId, cancellationToken);
                foreach (var input in inputs)
                {
                    var datasetId = (string?)await ScalarAsync(
                        transaction,
                        "SELECT dataset_uuid FROM datasets WHERE experiment_id = @experiment AND name = @name AND digest = @digest",
                        cancellationToken,
                        ("@experiment", experimentKey),
                        ("@name", input.Name),
                        ("@digest", input.Digest));
                    if (datasetId is null)
                    {
                        datasetId = Guid.NewGuid().ToString("N");
                        await ExecuteAsync(
                            transaction,
                            """
                            INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile)
                            VALUES (@uuid, @experiment, @name, @digest, @sourceType, @source, @schema, @profile)
                            """,
                            cancellationToken,
                            ("@uuid", datasetId),
                            ("@experiment", experimentKey),
                            ("@name", input.Name),
                            ("@digest", input.Digest),
                            ("@sourceType", input.SourceType),
                            ("@source", input.Source),
                            ("@schema", input.Schema),
                            ("@profile", input.Profile));
                    }

                    var linked = await ScalarAsync(
                        transaction,
                        "SELECT 1 FROM inputs WHERE source_type = @sourceType AND source_id = @dataset AND destination_type = @destinationType AND destination_id = @run",
                        cancellationToken,
                        ("@sourceType", DatasetSourceType),
                        ("@dataset", datasetId),
                        ("@destinationType", RunDestinationType),
                        ("@run", runId.Value));
                    if (linked is not null)
                    {
                        continue;
                    }

                    var inputId = Guid.NewGuid().ToString("N");
                    await ExecuteAsync(
                        transaction,
                        """
                        INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id, position)
                        VALUES (@uuid, @sourceType, @dataset, @destinationType, @run,
                                (SELECT COUNT(*) FROM inputs WHERE destination_type = @destinationType AND destination_id = @run))
                        """,
                        cancellationToken,
                        ("@uuid", inputId),
                        ("@sourceType", DatasetSourceType),
                        ("@dataset", datasetId),
                        ("@destinationType", RunDestinationType),
                        ("@run", runId.Value));
                    foreach (var tag in LastWins(input.Tags ?? []))
                    {
                        await ExecuteAsync(
                            transaction,
                            "INSERT INTO input_tags (input_uuid, name, value) VALUES (@uuid, @name, @value)",
                            cancellationToken,
                            ("@uuid", inputId),
                            ("@name", tag.Key),
                            ("@value", tag.Value));
                    }
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>Every logged point of <paramref name="metricKey"/> (deleted runs too), by step, then timestamp, then logging order.</summary>
    public async Task<Page<Metric>> GetMetricHistoryAsync(RunId runId, string metricKey, int? maxResults, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metricKey);
        return await ReadAsync(
            async transaction =>
            {
                if (await ScalarAsync(transaction, "SELECT 1 FROM runs WHERE run_uuid = @id", cancellationToken, ("@id", runId.Value)) is null)
                {
                    throw RunNotFound(runId);
                }

                var history = new List<Metric>();
                await using var command = Command(
                    transaction,
                    "SELECT key, value, is_nan, timestamp, step FROM metrics WHERE run_uuid = @id AND key = @key ORDER BY step, timestamp, id",
                    ("@id", runId.Value),
                    ("@key", metricKey));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    history.Add(new Metric(reader.GetString(0), reader.GetInt64(2) == 1 ? double.NaN : reader.GetDouble(1), reader.GetInt64(3), reader.GetInt64(4)));
                }

                return new Page<Metric>(history, null);
            },
            cancellationToken);
    }

    private static async Task AppendMetricsAsync(SqliteTransaction transaction, RunId runId, IReadOnlyList<Metric> metrics, CancellationToken cancellationToken)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        var latestInBatch = new Dictionary<string, Metric>(StringComparer.Ordinal);
        await using (var insert = Command(
            transaction,
            "INSERT INTO metrics (run_uuid, key, value, is_nan, timestamp, step) VALUES (@id, @key, @value, @nan, @timestamp, @step)",
            ("@id", runId.Value),
            ("@key", ""),
            ("@value", 0.0),
            ("@nan", 0L),
            ("@timestamp", 0L),
            ("@step", 0L)))
        {
            foreach (var metric in metrics)
            {
                SetMetricParameters(insert, metric);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                if (!latestInBatch.TryGetValue(metric.Key, out var best) || LatestMetricOrder.Compare(metric, best) > 0)
                {
                    latestInBatch[metric.Key] = metric;
                }
            }
        }

        foreach (var candidate in latestInBatch.Values)
        {
            var current = await ReadLatestMetricAsync(transaction, runId, candidate.Key, cancellationToken);
            if (current is not null && LatestMetricOrder.Compare(candidate, current) <= 0)
            {
                continue;
            }

            await using var upsert = Command(
                transaction,
                """
                INSERT INTO latest_metrics (run_uuid, key, value, is_nan, timestamp, step) VALUES (@id, @key, @value, @nan, @timestamp, @step)
                ON CONFLICT (run_uuid, key) DO UPDATE SET
                    value = excluded.value, is_nan = excluded.is_nan, timestamp = excluded.timestamp, step = excluded.step
                """,
                ("@id", runId.Value),
                ("@key", ""),
                ("@value", 0.0),
                ("@nan", 0L),
                ("@timestamp", 0L),
                ("@step", 0L));
            SetMetricParameters(upsert, candidate);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void SetMetricParameters(SqliteCommand command, Metric metric)
    {
        var isNaN = double.IsNaN(metric.Value);
        command.Parameters["@key"].Value = metric.Key;
        command.Parameters["@value"].Value = isNaN ? 0.0 : metric.Value;
        command.Parameters["@nan"].Value = isNaN ? 1L : 0L;
        command.Parameters["@timestamp"].Value = metric.Timestamp;
        command.Parameters["@step"].Value = metric.Step;
    }

    private static async Task<Metric?> ReadLatestMetricAsync(SqliteTransaction transaction, RunId runId, string key, CancellationToken cancellationToken)
    {
        await using var command = Command(
            transaction,
            "SELECT value, is_nan, timestamp, step FROM latest_metrics WHERE run_uuid = @id AND key = @key",
            ("@id", runId.Value),
            ("@key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Metric(key, reader.GetInt64(1) == 1 ? double.NaN : reader.GetDouble(0), reader.GetInt64(2), reader.GetInt64(3))
            : null;
    }

    private static async Task InsertParamsAsync(SqliteTransaction transaction, RunId runId, IReadOnlyList<Param> parameters, CancellationToken cancellationToken)
    {
        foreach (var param in parameters)
        {
            var existing = (string?)await ScalarAsync(
                transaction,
                "SELECT value FROM params WHERE run_uuid = @id AND key = @key",
                cancellationToken,
                ("@id", runId.Value),
                ("@key", param.Key));
            if (existing is null)
            {
                await ExecuteAsync(
                    transaction,
                    "INSERT INTO params (run_uuid, key, value) VALUES (@id, @key, @value)",
                    cancellationToken,
                    ("@id", runId.Value),
                    ("@key", param.Key),
                    ("@value", param.Value));
            }
            else if (existing != param.Value)
            {
                throw GyreException.InvalidInput(
                    $"Changing param values is not allowed. Param with key='{param.Key}' was already logged with value='{existing}' " +
                    $"for run ID='{runId.Value}'. Attempted logging new value '{param.Value}'.");
            }
        }
    }

    private static async Task<Dictionary<string, List<DatasetInput>>> ReadInputsAsync(SqliteTransaction transaction, string runIdsJson, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, List<Tag>>(StringComparer.Ordinal);
        await using (var command = Command(
            transaction,
            """
            SELECT t.input_uuid, t.name, t.value FROM input_tags t JOIN inputs i ON i.input_uuid = t.input_uuid
            WHERE i.destination_type = @destinationType AND i.destination_id IN (SELECT value FROM json_each(@ids))
            ORDER BY t.name
            """,
            ("@destinationType", RunDestinationType),
            ("@ids", runIdsJson)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var inputId = reader.GetString(0);
                if (!tags.TryGetValue(inputId, out var list))
                {
                    tags[inputId] = list = [];
                }

                list.Add(new Tag(reader.GetString(1), reader.GetString(2)));
            }
        }

        var inputs = new Dictionary<string, List<DatasetInput>>(StringComparer.Ordinal);
        await using (var command = Command(
            transaction,
            """
            SELECT i.destination_id, i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile
            FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
            WHERE i.source_type = @sourceType AND i.destination_type = @destinationType AND i.destination_id IN (SELECT value FROM json_each(@ids))
            ORDER BY i.position
            """,
            ("@sourceType", DatasetSourceType),
            ("@destinationType", RunDestinationType),
            ("@ids", runIdsJson)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var runId = reader.GetString(0);
                if (!inputs.TryGetValue(runId, out var list))
                {
                    inputs[runId] = list = [];
                }

                list.Add(new DatasetInput(
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    tags.TryGetValue(reader.GetString(1), out var inputTags) ? inputTags : []));
            }
        }

        return inputs;
    }
}
