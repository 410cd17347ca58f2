using System.Text.Json;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;
using Microsoft.Data.Sqlite;

namespace Gyre.Stores.Sqlite;

public sealed partial class SqliteTrackingStore
{
    /// <summary>MLflow's tag holding the run name; kept in sync with the run's name.</summary>
    private const string RunNameTag = "mlflow.runName";

    private const string RunColumns =
        "run_uuid, experiment_id, name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage";

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

        if (startTime < 0)
        {
            throw GyreException.InvalidInput($"Invalid value {startTime} for parameter 'start_time': it is Unix milliseconds and must not be negative.");
        }

        if (!TryParseExperimentId(experimentId, out var experimentKey))
        {
            throw ExperimentNotFound(experimentId);
        }

        var runId = RunId.New();
        var name = !string.IsNullOrEmpty(runName) ? runName : !string.IsNullOrEmpty(nameTag) ? nameTag : GenerateRunName(runId);
        tagList.RemoveAll(t => t.Key == RunNameTag);
        tagList.Add(new Tag(RunNameTag, name));
        return await WriteAsync(
            async transaction =>
            {
                string location;
                await using (var command = Command(transaction, "SELECT artifact_location, lifecycle_stage FROM experiments WHERE experiment_id = @id", ("@id", experimentKey)))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        throw ExperimentNotFound(experimentId);
                    }

                    if (reader.GetString(1) != Active)
                    {
                        throw GyreException.InvalidState(
                            $"The experiment {experimentId.Value} must be in the 'active' state. Current state is {reader.GetString(1)}.");
                    }

                    location = reader.GetString(0);
                }

                var info = new RunInfo(runId, experimentId, name, userId ?? "", RunStatus.Running, startTime, null, ArtifactUris.ForRun(location, runId), LifecycleStage.Active);
                await ExecuteAsync(
                    transaction,
                    $"""
                    INSERT INTO runs ({RunColumns})
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
                foreach (var tag in tagList)
                {
                    await UpsertTagAsync(transaction, runId, tag, cancellationToken);
                }

                return info;
            },
            cancellationToken);
    }

    public async Task<Run> GetRunAsync(RunId runId, CancellationToken cancellationToken) =>
        await ReadAsync(
            async transaction =>
            {
                var runs = await ReadRunsAsync(transaction, $"SELECT {RunColumns} FROM runs WHERE run_uuid = @id", cancellationToken, ("@id", runId.Value));
                return runs.Count == 1 ? runs[0] : throw RunNotFound(runId);
            },
            cancellationToken);

    /// <summary>Sets the status, and the end time and name when given (null or "" keeps them). InvalidState for a deleted run.</summary>
    public async Task<RunInfo> UpdateRunAsync(RunId runId, RunStatus? status, long? endTime, string? runName, CancellationToken cancellationToken)
    {
        var statusText = StatusText(status ?? RunStatus.Running);
        if (endTime < 0)
        {
            throw GyreException.InvalidInput($"Invalid value {endTime} for parameter 'end_time': it is Unix milliseconds and must not be negative.");
        }

        if (!string.IsNullOrEmpty(runName))
        {
            TrackingValidation.ValidateRunTags([new Tag(RunNameTag, runName)], "run_name");
        }

        return await WriteAsync(
            async transaction =>
            {
                await RequireActiveRunAsync(transaction, runId, cancellationToken);
                await ExecuteAsync(
                    transaction,
                    """
                    UPDATE runs SET status = @status, end_time = COALESCE(@end, end_time), name = COALESCE(@name, name)
                    WHERE run_uuid = @id
                    """,
                    cancellationToken,
                    ("@status", statusText),
                    ("@end", endTime),
                    ("@name", string.IsNullOrEmpty(runName) ? null : runName),
                    ("@id", runId.Value));
                if (!string.IsNullOrEmpty(runName))
                {
                    await UpsertTagAsync(transaction, runId, new Tag(RunNameTag, runName), cancellationToken);
                }

                var runs = await ReadRunInfosAsync(transaction, $"SELECT {RunColumns} FROM runs WHERE run_uuid = @id", cancellationToken, ("@id", runId.Value));
                return runs[0];
            },
            cancellationToken);
    }

    /// <summary>Marks the run deleted (idempotent). NotFound for an unknown run.</summary>
    public async Task DeleteRunAsync(RunId runId, CancellationToken cancellationToken) =>
        await WriteAsync(
            async transaction =>
            {
                var changed = await ExecuteAsync(
                    transaction,
                    "UPDATE runs SET lifecycle_stage = @deleted, deleted_time = COALESCE(deleted_time, @now) WHERE run_uuid = @id",
                    cancellationToken,
                    ("@deleted", Deleted),
                    ("@now", NowMilliseconds()),
                    ("@id", runId.Value));
                return changed == 1 ? true : throw RunNotFound(runId);
            },
            cancellationToken);

    /// <summary>Runs of the given experiments (unknown ids match nothing), newest start time first, then run id.</summary>
    public async Task<Page<Run>> SearchRunsAsync(RunSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var (experimentIds, viewType, maxResults, pageToken) = (search.ExperimentIds, search.ViewType, search.MaxResults, search.PageToken);
        ArgumentNullException.ThrowIfNull(experimentIds);
        TrackingValidation.ValidateMaxResults(maxResults);
        var offset = OffsetPageToken.Decode(pageToken);
        var stages = StagesJson(viewType);
        var keys = new List<long>();
        foreach (var id in experimentIds)
        {
            if (TryParseExperimentId(id, out var key))
            {
                keys.Add(key);
            }
        }

        var rows = await ReadAsync(
            transaction => ReadRunsAsync(
                transaction,
                $"""
                SELECT {RunColumns} FROM runs
                WHERE experiment_id IN (SELECT value FROM json_each(@experiments))
                  AND lifecycle_stage IN (SELECT value FROM json_each(@stages))
                ORDER BY start_time DESC, run_uuid
                LIMIT @limit OFFSET @offset
                """,
                cancellationToken,
                ("@experiments", JsonSerializer.Serialize(keys)),
                ("@stages", stages),
                ("@limit", maxResults + 1L),
                ("@offset", offset)),
            cancellationToken);
        return rows.Count > maxResults
            ? new Page<Run>(rows.Take(maxResults).ToList(), OffsetPageToken.Encode(offset + maxResults))
            : new Page<Run>(rows, null);
    }

    /// <summary>Throws NotFound for an unknown run and InvalidState (MLflow's message) for a deleted one; returns the run's experiment key.</summary>
    private static async Task<long> RequireActiveRunAsync(SqliteTransaction transaction, RunId runId, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, "SELECT experiment_id, lifecycle_stage FROM runs WHERE run_uuid = @id", ("@id", runId.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw RunNotFound(runId);
        }

        var stage = reader.GetString(1);
        return stage == Active
            ? reader.GetInt64(0)
            : throw GyreException.InvalidState($"The run {runId.Value} must be in the 'active' state. Current state is {stage}.");
    }

    private static async Task UpsertTagAsync(SqliteTransaction transaction, RunId runId, Tag tag, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            transaction,
            "INSERT INTO tags (run_uuid, key, value) VALUES (@id, @key, @value) ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("@id", runId.Value),
            ("@key", tag.Key),
            ("@value", tag.Value));

    /// <summary>A readable default name: "run-" and the first 8 characters of the run id.</summary>
    private static string GenerateRunName(RunId runId) => $"run-{runId.Value[..8]}";

    private static async Task<List<RunInfo>> ReadRunInfosAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var infos = new List<RunInfo>();
        await using var command = Command(transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            infos.Add(new RunInfo(
                new RunId(reader.GetString(0)),
                FormatExperimentId(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                ParseStatus(reader.GetString(4)),
                reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.GetString(7),
                ParseStage(reader.GetString(8))));
        }

        return infos;
    }

    /// <summary>Runs selected by <paramref name="sql"/> (returning <see cref="RunColumns"/>), in its order, with latest metrics, params, tags and inputs.</summary>
    private static async Task<List<Run>> ReadRunsAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var infos = await ReadRunInfosAsync(transaction, sql, cancellationToken, parameters);
        if (infos.Count == 0)
        {
            return [];
        }

        var ids = JsonSerializer.Serialize(infos.Select(i => i.RunId.Value));
        var metrics = await ReadGroupedAsync(
            transaction,
            "SELECT run_uuid, key, value, is_nan, timestamp, step FROM latest_metrics WHERE run_uuid IN (SELECT value FROM json_each(@ids)) ORDER BY key",
            ids,
            r => new Metric(r.GetString(1), r.GetInt64(3) == 1 ? double.NaN : r.GetDouble(2), r.GetInt64(4), r.GetInt64(5)),
            cancellationToken);
        var runParams = await ReadGroupedAsync(
            transaction,
            "SELECT run_uuid, key, value FROM params WHERE run_uuid IN (SELECT value FROM json_each(@ids)) ORDER BY key",
            ids,
            r => new Param(r.GetString(1), r.GetString(2)),
            cancellationToken);
        var tags = await ReadGroupedAsync(
            transaction,
            "SELECT run_uuid, key, value FROM tags WHERE run_uuid IN (SELECT value FROM json_each(@ids)) ORDER BY key",
            ids,
            r => new Tag(r.GetString(1), r.GetString(2)),
            cancellationToken);
        var inputs = await ReadInputsAsync(transaction, ids, cancellationToken);
        return infos
            .Select(info => new Run(
                info,
                new RunData(Lookup(metrics, info.RunId.Value), Lookup(runParams, info.RunId.Value), Lookup(tags, info.RunId.Value)),
                Lookup(inputs, info.RunId.Value)))
            .ToList();
    }

    private static async Task<Dictionary<string, List<T>>> ReadGroupedAsync<T>(
        SqliteTransaction transaction, string sql, string idsJson, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        await using var command = Command(transaction, sql, ("@ids", idsJson));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(read(reader));
        }

        return groups;
    }

    private static List<T> Lookup<T>(Dictionary<string, List<T>> groups, string runId) =>
        groups.TryGetValue(runId, out var list) ? list : [];
}
