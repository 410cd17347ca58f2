using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    private const string MetricColumns = "key, value, is_nan, timestamp, step";

    private static readonly string[] MetricColumnNames = ["key", "value", "is_nan", "timestamp", "step"];

    /// <summary>
    /// Validates everything first (MLflow's limits), then in one transaction appends the metrics (bulk
    /// inserts), moves each key's latest value forward (one guarded upsert for the batch), inserts the
    /// params (a key already logged with another value, also by a concurrent writer, is InvalidInput) and
    /// upserts the tags (last value of a key wins; <c>mlflow.runName</c> also renames the run). Any error
    /// rolls the whole batch back.
    /// </summary>
    public async Task LogBatchAsync(RunId runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateBatch(metrics, parameters, tags);
        var tagList = LastWins(tags);
        var newName = tagList.Find(t => t.Key == RunNameTag)?.Value;
        await WriteAsync(
            async session =>
            {
                // Renaming updates the run row: lock it for update up front so two renaming writers cannot deadlock.
                await RequireActiveRunAsync(session, runId, newName is null ? RowLock.Share : RowLock.Update, cancellationToken);
                await AppendMetricsAsync(session, runId, metrics, cancellationToken);
                await InsertParamsAsync(session, runId, parameters, cancellationToken);
                await UpsertRunTagsAsync(session, runId, tagList, cancellationToken);
                if (newName is not null)
                {
                    await session.ExecuteAsync("UPDATE runs SET name = @name WHERE run_uuid = @id", cancellationToken, ("@name", newName), ("@id", runId.Value));
                }
            },
            cancellationToken);
    }

    private static async Task AppendMetricsAsync(SqlSession session, RunId runId, IReadOnlyList<Metric> metrics, CancellationToken cancellationToken)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        await session.InsertRowsAsync(new SqlInsert("metrics", [("run_uuid", runId.Value)], MetricColumnNames, MetricRows(metrics)), cancellationToken);

        var latestInBatch = new Dictionary<string, Metric>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            if (!latestInBatch.TryGetValue(metric.Key, out var best) || LatestMetricOrder.Compare(metric, best) > 0)
            {
                latestInBatch[metric.Key] = metric;
            }
        }

        // Key order: concurrent writers to one run lock latest_metrics rows in the same order.
        var candidates = latestInBatch.Values.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        var perCommand = Math.Max(1, (session.Dialect.MaxParameters - 1) / MetricColumnNames.Length);
        for (var start = 0; start < candidates.Count; start += perCommand)
        {
            await UpsertLatestMetricsAsync(session, runId, candidates.GetRange(start, Math.Min(perCommand, candidates.Count - start)), cancellationToken);
        }
    }

    /// <summary>Moves each key's latest point forward to the candidate where the candidate is later (MLflow's order, see <see cref="LatestMetricOrder"/>).</summary>
    private static async Task UpsertLatestMetricsAsync(SqlSession session, RunId runId, List<Metric> candidates, CancellationToken cancellationToken)
    {
        await using var upsert = session.Command("");
        upsert.CommandText = $"""
            WITH s ({MetricColumns}) AS ({session.Dialect.RowSource(upsert, MetricRows(candidates))})
            INSERT INTO latest_metrics (run_uuid, {MetricColumns}) SELECT @run, {MetricColumns} FROM s WHERE true
            ON CONFLICT (run_uuid, key) DO UPDATE SET
                value = excluded.value, is_nan = excluded.is_nan, timestamp = excluded.timestamp, step = excluded.step
            WHERE (excluded.step, excluded.timestamp, 1 - excluded.is_nan, excluded.value)
                > (latest_metrics.step, latest_metrics.timestamp, 1 - latest_metrics.is_nan, latest_metrics.value)
            """;
        SqlSession.AddParameter(upsert, "@run", runId.Value);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The metrics as rows of <see cref="MetricColumns"/>; NaN is stored as value 0 with is_nan 1.</summary>
    private static SqlRows MetricRows(IReadOnlyList<Metric> metrics)
    {
        var keys = new string[metrics.Count];
        var values = new double[metrics.Count];
        var nans = new int[metrics.Count];
        var timestamps = new long[metrics.Count];
        var steps = new long[metrics.Count];
        for (var i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i];
            var isNaN = double.IsNaN(metric.Value);
            keys[i] = metric.Key;
            values[i] = isNaN ? 0.0 : metric.Value;
            nans[i] = isNaN ? 1 : 0;
            timestamps[i] = metric.Timestamp;
            steps[i] = metric.Step;
        }

        return new SqlRows(metrics.Count).Add(keys).Add(values).Add(nans).Add(timestamps).Add(steps);
    }

    /// <summary>
    /// Inserts the params that are new and leaves logged ones alone; then, when some already existed,
    /// checks that their stored values equal the given ones (the stored value may come from a writer that
    /// committed in between), else InvalidInput with MLflow's message.
    /// </summary>
    private static async Task InsertParamsAsync(SqlSession session, RunId runId, IReadOnlyList<Param> parameters, CancellationToken cancellationToken)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        var ordered = parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        int inserted;
        await using (var insert = session.Command(""))
        {
            var rows = new SqlRows(ordered.Count).Add(ordered.Select(p => p.Key).ToArray()).Add(ordered.Select(p => p.Value).ToArray());
            insert.CommandText = $"""
                WITH s (key, value) AS ({session.Dialect.RowSource(insert, rows)})
                INSERT INTO params (run_uuid, key, value) SELECT @run, key, value FROM s WHERE true
                ON CONFLICT (run_uuid, key) DO NOTHING
                """;
            SqlSession.AddParameter(insert, "@run", runId.Value);
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (inserted == parameters.Count)
        {
            return;
        }

        var stored = (await session.QueryAsync(
                $"SELECT key, value FROM params WHERE run_uuid = @run AND {session.Dialect.InList("key", "@keys")}",
                r => (Key: r.GetString(0), Value: r.GetString(1)),
                cancellationToken,
                ("@run", runId.Value),
                ("@keys", session.Dialect.ListValue(parameters.Select(p => p.Key).ToList()))))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var param in parameters)
        {
            if (stored.TryGetValue(param.Key, out var existing) && existing != param.Value)
            {
                throw GyreException.InvalidInput(
                    $"Changing param values is not allowed. Param with key='{param.Key}' was already logged with value='{existing}' " +
                    $"for run ID='{runId.Value}'. Attempted logging new value '{param.Value}'.");
            }
        }
    }
}
