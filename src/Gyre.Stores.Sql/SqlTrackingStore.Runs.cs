using System.Data.Common;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    /// <summary>MLflow's tag holding the run name; kept in sync with the run's name.</summary>
    private const string RunNameTag = "mlflow.runName";

    private const string RunColumns =
        "r.run_uuid, r.experiment_id, r.name, r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri, r.lifecycle_stage";

    /// <summary>
    /// Creates a RUNNING run. The name is <paramref name="runName"/>, else the tag <c>mlflow.runName</c>,
    /// else generated; both given and different is InvalidInput. NotFound for an unknown experiment,
    /// InvalidState for a deleted one.
    /// </summary>
    public async Task<RunInfo> CreateRunAsync(ExperimentId experimentId, string runName, string userId, long startTime, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateRunTags(tags, "tags");
        var tagList = LastWins(tags ?? []);
        var nameTag = tagList.Find(t => t.Key == RunNameTag)?.Value;
        if (!string.IsNullOrEmpty(runName) && !string.IsNullOrEmpty(nameTag) && runName != nameTag)
        {
            throw GyreException.InvalidInput(
                $"Both 'run_name' ('{runName}') and the tag '{RunNameTag}' ('{nameTag}') were given with different values; give one, or the same value.");
        }

        if (!string.IsNullOrEmpty(runName))
        {
            TrackingValidation.ValidateRunTags([new Tag(RunNameTag, runName)], "run_name");
        }

        if (startTime < 0)
        {
            throw GyreException.InvalidInput($"Invalid value {startTime} for parameter 'start_time': it is Unix milliseconds and must not be negative.");
        }

        var runId = RunId.New();
        var name = !string.IsNullOrEmpty(runName) ? runName : !string.IsNullOrEmpty(nameTag) ? nameTag : GenerateRunName(runId);
        tagList.RemoveAll(t => t.Key == RunNameTag);
        tagList.Add(new Tag(RunNameTag, name));
        return await WriteAsync(
            async session =>
            {
                var experimentKey = await RequireActiveExperimentAsync(session, experimentId, cancellationToken);
                var location = (string)(await session.ScalarAsync(
                    "SELECT artifact_location FROM experiments WHERE experiment_id = @id",
                    cancellationToken,
                    ("@id", experimentKey)))!;
                var info = new RunInfo(runId, experimentId, name, userId ?? "", RunStatus.Running, startTime, null, ArtifactUris.ForRun(location, runId), LifecycleStage.Active);
                await session.ExecuteAsync(
                    """
                    INSERT INTO runs (run_uuid, experiment_id, name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage)
                    VALUES (@id, @experiment, @name, @user, @status, @start, NULL, @uri, @stage)
                    """,
                    cancellationToken,
                    ("@id", runId.Value),
                    ("@experiment", experimentKey),
                    ("@name", info.RunName),
                    ("@user", info.UserId),
                    ("@status", StatusText(info.Status)),
                    ("@start", startTime),
                    ("@uri", info.ArtifactUri),
                    ("@stage", Active));
                await UpsertRunTagsAsync(session, runId, tagList, cancellationToken);
                return info;
            },
            cancellationToken);
    }

    public async Task<Run> GetRunAsync(RunId runId, CancellationToken cancellationToken) =>
        await ReadAsync(
            async session =>
            {
                var runs = await ReadRunsAsync(session, $"SELECT {RunColumns} FROM runs r WHERE r.run_uuid = @id", cancellationToken, ("@id", runId.Value));
                return runs.Count == 1 ? runs[0] : throw RunNotFound(runId);
            },
            cancellationToken);

    /// <summary>Sets what is given (null keeps the status and end time; null or "" keeps the name). InvalidState for a deleted run.</summary>
    public async Task<RunInfo> UpdateRunAsync(RunId runId, RunStatus? status, long? endTime, string? runName, CancellationToken cancellationToken)
    {
        var statusText = status is { } given ? StatusText(given) : null;
        if (endTime < 0)
        {
            throw GyreException.InvalidInput($"Invalid value {endTime} for parameter 'end_time': it is Unix milliseconds and must not be negative.");
        }

        var newName = string.IsNullOrEmpty(runName) ? null : runName;
        if (newName is not null)
        {
            TrackingValidation.ValidateRunTags([new Tag(RunNameTag, newName)], "run_name");
        }

        return await WriteAsync(
            async session =>
            {
                await RequireActiveRunAsync(session, runId, RowLock.Update, cancellationToken);
                await session.ExecuteAsync(
                    """
                    UPDATE runs SET status = COALESCE(CAST(@status AS TEXT), status), end_time = COALESCE(CAST(@end AS BIGINT), end_time),
                                    name = COALESCE(CAST(@name AS TEXT), name)
                    WHERE run_uuid = @id
                    """,
                    cancellationToken,
                    ("@status", statusText),
                    ("@end", endTime),
                    ("@name", newName),
                    ("@id", runId.Value));
                if (newName is not null)
                {
                    await UpsertRunTagsAsync(session, runId, [new Tag(RunNameTag, newName)], cancellationToken);
                }

                var runs = await ReadRunInfosAsync(session, $"SELECT {RunColumns} FROM runs r WHERE r.run_uuid = @id", cancellationToken, ("@id", runId.Value));
                return runs[0];
            },
            cancellationToken);
    }

    /// <summary>Marks the run deleted (idempotent, the first deletion time is kept). NotFound for an unknown run.</summary>
    public Task DeleteRunAsync(RunId runId, CancellationToken cancellationToken) =>
        SetRunStageAsync(runId, "UPDATE runs SET lifecycle_stage = @deleted, deleted_time = COALESCE(deleted_time, @now) WHERE run_uuid = @id", cancellationToken);

    /// <summary>Marks the run active again (idempotent). NotFound for an unknown run.</summary>
    public Task RestoreRunAsync(RunId runId, CancellationToken cancellationToken) =>
        SetRunStageAsync(runId, "UPDATE runs SET lifecycle_stage = @active, deleted_time = NULL, deleted_by_experiment = 0 WHERE run_uuid = @id", cancellationToken);

    /// <summary>Removes a run tag: NotFound (MLflow's message) when absent, InvalidState for a deleted run.</summary>
    public async Task DeleteRunTagAsync(RunId runId, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await WriteAsync(
            async session =>
            {
                await RequireActiveRunAsync(session, runId, RowLock.Share, cancellationToken);
                var removed = await session.ExecuteAsync(
                    "DELETE FROM tags WHERE run_uuid = @id AND key = @key",
                    cancellationToken,
                    ("@id", runId.Value),
                    ("@key", key));
                if (removed == 0)
                {
                    throw GyreException.NotFound($"No tag with name: {key} in run with id {runId.Value}");
                }
            },
            cancellationToken);
    }

    /// <summary>Runs <paramref name="update"/> (parameters @id, @now, @active, @deleted) on the run; NotFound unless it changed exactly the run.</summary>
    private async Task SetRunStageAsync(RunId runId, string update, CancellationToken cancellationToken) =>
        await WriteAsync(
            async session =>
            {
                var changed = await session.ExecuteAsync(update, cancellationToken, ("@id", runId.Value), ("@now", NowMilliseconds()), ("@active", Active), ("@deleted", Deleted));
                if (changed != 1)
                {
                    throw RunNotFound(runId);
                }
            },
            cancellationToken);

    /// <summary>
    /// Locks the run's row as <paramref name="rowLock"/> and returns its experiment key. Throws NotFound for
    /// an unknown run and InvalidState (MLflow's message) for a deleted one.
    /// </summary>
    private static async Task<long> RequireActiveRunAsync(SqlSession session, RunId runId, RowLock rowLock, CancellationToken cancellationToken)
    {
        var found = await session.QueryAsync(
            "SELECT experiment_id, lifecycle_stage FROM runs WHERE run_uuid = @id" + session.Dialect.RowLockSuffix(rowLock),
            r => (Experiment: r.GetInt64(0), Stage: r.GetString(1)),
            cancellationToken,
            ("@id", runId.Value));
        if (found.Count == 0)
        {
            throw RunNotFound(runId);
        }

        var (experiment, stage) = found[0];
        return stage == Active
            ? experiment
            : throw GyreException.InvalidState($"The run {runId.Value} must be in the 'active' state. Current state is {stage}.");
    }

    /// <summary>Upserts tags (one per key) in one statement, in key order so concurrent writers lock rows in the same order.</summary>
    private static async Task UpsertRunTagsAsync(SqlSession session, RunId runId, List<Tag> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return;
        }

        var ordered = tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        await using var command = session.Command("");
        var rows = new SqlRows(ordered.Count).Add(ordered.Select(t => t.Key).ToArray()).Add(ordered.Select(t => t.Value).ToArray());
        command.CommandText = $"""
            WITH s (key, value) AS ({session.Dialect.RowSource(command, rows)})
            INSERT INTO tags (run_uuid, key, value) SELECT @run, key, value FROM s WHERE true
            ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value
            """;
        SqlSession.AddParameter(command, "@run", runId.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A readable default name: "run-" and the first 8 characters of the run id.</summary>
    private static string GenerateRunName(RunId runId) => $"run-{runId.Value[..8]}";

    private static RunInfo ReadRunInfo(DbDataReader reader) => new(
        new RunId(reader.GetString(0)),
        FormatExperimentId(reader.GetInt64(1)),
        reader.GetString(2),
        reader.GetString(3),
        ParseStatus(reader.GetString(4)),
        reader.GetInt64(5),
        reader.IsDBNull(6) ? null : reader.GetInt64(6),
        reader.GetString(7),
        ParseStage(reader.GetString(8)));

    private static Task<List<RunInfo>> ReadRunInfosAsync(SqlSession session, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        session.QueryAsync(sql, ReadRunInfo, cancellationToken, parameters);

    /// <summary>Runs selected by <paramref name="sql"/> (returning <see cref="RunColumns"/>), in its order, with latest metrics, params, tags and inputs.</summary>
    private static async Task<List<Run>> ReadRunsAsync(SqlSession session, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        await LoadRunDataAsync(session, await ReadRunInfosAsync(session, sql, cancellationToken, parameters), cancellationToken);

    /// <summary>The runs of <paramref name="infos"/>, in order, with their latest metrics, params, tags and inputs (each list ordered by key).</summary>
    private static async Task<List<Run>> LoadRunDataAsync(SqlSession session, IReadOnlyList<RunInfo> infos, CancellationToken cancellationToken)
    {
        if (infos.Count == 0)
        {
            return [];
        }

        var ids = session.Dialect.ListValue(infos.Select(i => i.RunId.Value).ToList());
        var inList = session.Dialect.InList("run_uuid", "@ids");
        var metrics = Grouped(await session.QueryAsync(
            $"SELECT run_uuid, key, value, is_nan, timestamp, step FROM latest_metrics WHERE {inList} ORDER BY key",
            r => (r.GetString(0), new Metric(r.GetString(1), r.GetInt64(3) == 1 ? double.NaN : r.GetDouble(2), r.GetInt64(4), r.GetInt64(5))),
            cancellationToken,
            ("@ids", ids)));
        var runParams = Grouped(await session.QueryAsync(
            $"SELECT run_uuid, key, value FROM params WHERE {inList} ORDER BY key",
            r => (r.GetString(0), new Param(r.GetString(1), r.GetString(2))),
            cancellationToken,
            ("@ids", ids)));
        var tags = Grouped(await session.QueryAsync(
            $"SELECT run_uuid, key, value FROM tags WHERE {inList} ORDER BY key",
            r => (r.GetString(0), new Tag(r.GetString(1), r.GetString(2))),
            cancellationToken,
            ("@ids", ids)));
        var inputs = await ReadInputsAsync(session, ids, cancellationToken);
        return infos
            .Select(info => new Run(
                info,
                new RunData(Lookup(metrics, info.RunId.Value), Lookup(runParams, info.RunId.Value), Lookup(tags, info.RunId.Value)),
                Lookup(inputs, info.RunId.Value)))
            .ToList();
    }

    /// <summary>Rows grouped by their run id, each group in row order.</summary>
    private static Dictionary<string, List<T>> Grouped<T>(IEnumerable<(string RunId, T Item)> rows) =>
        rows.GroupBy(r => r.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Item).ToList(), StringComparer.Ordinal);

    private static List<T> Lookup<T>(Dictionary<string, List<T>> groups, string runId) =>
        groups.TryGetValue(runId, out var list) ? list : [];
}
