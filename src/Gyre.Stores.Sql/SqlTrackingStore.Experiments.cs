using System.Data.Common;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    private const string DefaultExperimentName = "Default";

    private const string ExperimentColumns =
        "e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage, e.creation_time, e.last_update_time";

    public async Task<ExperimentId> CreateExperimentAsync(string name, string? artifactLocation, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateExperimentName(name);
        TrackingValidation.ValidateExperimentTags(tags);
        if (artifactLocation is not null && artifactLocation.StartsWith("runs:", StringComparison.Ordinal))
        {
            throw GyreException.InvalidInput(
                $"Invalid value '{artifactLocation}' for parameter 'artifact_location': an experiment's artifact location must not be a 'runs:' URI.");
        }

        var location = string.IsNullOrEmpty(artifactLocation) ? null : ArtifactUris.NormalizeRoot(artifactLocation);
        return await WriteAsync(
            async session =>
            {
                await session.LockAsync(ExperimentsLockKey, cancellationToken);
                await RequireNameFreeAsync(session, name, cancellationToken);
                var next = Convert.ToInt64(
                    await session.ScalarAsync("SELECT COALESCE(MAX(experiment_id), -1) + 1 FROM experiments", cancellationToken),
                    System.Globalization.CultureInfo.InvariantCulture);
                var id = FormatExperimentId(next);
                await InsertExperimentAsync(session, next, name, location ?? ArtifactUris.ForExperiment(ArtifactRoot, id), cancellationToken);
                var tagList = LastWins(tags ?? []);
                if (tagList.Count > 0)
                {
                    await UpsertExperimentTagsAsync(session, next, tagList, cancellationToken);
                }

                return id;
            },
            cancellationToken);
    }

    public async Task<Experiment> GetExperimentAsync(ExperimentId id, CancellationToken cancellationToken)
    {
        if (!TryParseExperimentId(id, out var key))
        {
            throw ExperimentNotFound(id);
        }

        var found = await ReadAsync(
            session => ReadExperimentsAsync(session, $"SELECT {ExperimentColumns} FROM experiments e WHERE e.experiment_id = @id", cancellationToken, ("@id", key)),
            cancellationToken);
        return found.Count == 1 ? found[0] : throw ExperimentNotFound(id);
    }

    public async Task<Experiment?> FindExperimentByNameAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var found = await ReadAsync(
            session => ReadExperimentsAsync(session, $"SELECT {ExperimentColumns} FROM experiments e WHERE e.name = @name", cancellationToken, ("@name", name)),
            cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>Renames an active experiment (MLflow's "Cannot rename a non-active experiment." InvalidState for a deleted one).</summary>
    public async Task RenameExperimentAsync(ExperimentId id, string newName, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateExperimentName(newName);
        await WriteAsync(
            async session =>
            {
                await session.LockAsync(ExperimentsLockKey, cancellationToken);
                var (key, stage) = await RequireExperimentAsync(session, id, RowLock.Update, cancellationToken);
                if (stage != Active)
                {
                    throw GyreException.InvalidState("Cannot rename a non-active experiment.");
                }

                var holder = await session.ScalarAsync("SELECT experiment_id FROM experiments WHERE name = @name", cancellationToken, ("@name", newName));
                if (holder is not null && Convert.ToInt64(holder, System.Globalization.CultureInfo.InvariantCulture) == key)
                {
                    return;
                }

                await RequireNameFreeAsync(session, newName, cancellationToken);
                await session.ExecuteAsync(
                    "UPDATE experiments SET name = @name, last_update_time = @now WHERE experiment_id = @id",
                    cancellationToken,
                    ("@name", newName),
                    ("@now", NowMilliseconds()),
                    ("@id", key));
            },
            cancellationToken);
    }

    /// <summary>Marks the experiment and its active runs deleted (idempotent); restoring brings exactly those runs back.</summary>
    public Task DeleteExperimentAsync(ExperimentId id, CancellationToken cancellationToken) =>
        SetExperimentStageAsync(
            id,
            Deleted,
            """
            UPDATE runs SET lifecycle_stage = @deleted, deleted_time = @now, deleted_by_experiment = 1
            WHERE experiment_id = @id AND lifecycle_stage = @active
            """,
            cancellationToken);

    /// <summary>Makes a deleted experiment active again with the runs its deletion deleted (runs deleted on their own stay deleted). Idempotent.</summary>
    public Task RestoreExperimentAsync(ExperimentId id, CancellationToken cancellationToken) =>
        SetExperimentStageAsync(
            id,
            Active,
            """
            UPDATE runs SET lifecycle_stage = @active, deleted_time = NULL, deleted_by_experiment = 0
            WHERE experiment_id = @id AND deleted_by_experiment = 1
            """,
            cancellationToken);

    public async Task SetExperimentTagAsync(ExperimentId id, Tag tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        TrackingValidation.ValidateExperimentTags([tag]);
        await WriteAsync(
            async session =>
            {
                var key = await RequireActiveExperimentAsync(session, id, cancellationToken);
                await UpsertExperimentTagsAsync(session, key, [tag], cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>Removes an experiment tag: NotFound (MLflow's message) when absent, InvalidState for a deleted experiment.</summary>
    public async Task DeleteExperimentTagAsync(ExperimentId id, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await WriteAsync(
            async session =>
            {
                var experimentKey = await RequireActiveExperimentAsync(session, id, cancellationToken);
                var removed = await session.ExecuteAsync(
                    "DELETE FROM experiment_tags WHERE experiment_id = @id AND key = @key",
                    cancellationToken,
                    ("@id", experimentKey),
                    ("@key", key));
                if (removed == 0)
                {
                    throw GyreException.NotFound($"No tag with name: {key} in experiment with id {id.Value}");
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Moves the experiment to <paramref name="stage"/> (nothing when it is there already), recording the
    /// update time, and runs <paramref name="updateRuns"/> (parameters @id, @now, @active, @deleted) on its runs.
    /// </summary>
    private async Task SetExperimentStageAsync(ExperimentId id, string stage, string updateRuns, CancellationToken cancellationToken) =>
        await WriteAsync(
            async session =>
            {
                var (key, current) = await RequireExperimentAsync(session, id, RowLock.Update, cancellationToken);
                if (current == stage)
                {
                    return;
                }

                var now = NowMilliseconds();
                await session.ExecuteAsync(
                    "UPDATE experiments SET lifecycle_stage = @stage, last_update_time = @now WHERE experiment_id = @id",
                    cancellationToken,
                    ("@stage", stage),
                    ("@now", now),
                    ("@id", key));
                await session.ExecuteAsync(updateRuns, cancellationToken, ("@id", key), ("@now", now), ("@active", Active), ("@deleted", Deleted));
            },
            cancellationToken);

    private async Task EnsureDefaultExperimentAsync(CancellationToken cancellationToken) =>
        await WriteAsync(
            async session =>
            {
                if (await session.ScalarAsync("SELECT 1 FROM experiments WHERE experiment_id = 0", cancellationToken) is null)
                {
                    await InsertExperimentAsync(session, 0, DefaultExperimentName, ArtifactUris.ForExperiment(ArtifactRoot, ExperimentId.Default), cancellationToken);
                }
            },
            cancellationToken);

    private async Task InsertExperimentAsync(SqlSession session, long id, string name, string artifactLocation, CancellationToken cancellationToken)
    {
        var now = NowMilliseconds();
        await session.ExecuteAsync(
            """
            INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
            VALUES (@id, @name, @location, @stage, @now, @now)
            ON CONFLICT DO NOTHING
            """,
            cancellationToken,
            ("@id", id),
            ("@name", name),
            ("@location", artifactLocation),
            ("@stage", Active),
            ("@now", now));
    }

    private static async Task RequireNameFreeAsync(SqlSession session, string name, CancellationToken cancellationToken)
    {
        if (await session.ScalarAsync("SELECT 1 FROM experiments WHERE name = @name", cancellationToken, ("@name", name)) is not null)
        {
            throw GyreException.AlreadyExists($"Experiment(name={name}) already exists.");
        }
    }

    /// <summary>The experiment's key and lifecycle stage, its row locked as <paramref name="rowLock"/>; NotFound for an unknown id.</summary>
    private static async Task<(long Key, string Stage)> RequireExperimentAsync(SqlSession session, ExperimentId id, RowLock rowLock, CancellationToken cancellationToken)
    {
        if (!TryParseExperimentId(id, out var key))
        {
            throw ExperimentNotFound(id);
        }

        var stage = (string?)await session.ScalarAsync(
            "SELECT lifecycle_stage FROM experiments WHERE experiment_id = @id" + session.Dialect.RowLockSuffix(rowLock),
            cancellationToken,
            ("@id", key));
        return stage is null ? throw ExperimentNotFound(id) : (key, stage);
    }

    /// <summary>The experiment's key, its row share-locked; NotFound when unknown, InvalidState (MLflow's message) when deleted.</summary>
    private static async Task<long> RequireActiveExperimentAsync(SqlSession session, ExperimentId id, CancellationToken cancellationToken)
    {
        var (key, stage) = await RequireExperimentAsync(session, id, RowLock.Share, cancellationToken);
        return stage == Active
            ? key
            : throw GyreException.InvalidState($"The experiment {id.Value} must be in the 'active' state. Current state is {stage}.");
    }

    private static async Task UpsertExperimentTagsAsync(SqlSession session, long experimentKey, List<Tag> tags, CancellationToken cancellationToken)
    {
        await using var command = session.Command("");
        var rows = new SqlRows(tags.Count).Add(tags.Select(t => t.Key).ToArray()).Add(tags.Select(t => t.Value).ToArray());
        command.CommandText = $"""
            WITH s (key, value) AS ({session.Dialect.RowSource(command, rows)})
            INSERT INTO experiment_tags (experiment_id, key, value) SELECT @id, key, value FROM s WHERE true
            ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value
            """;
        SqlSession.AddParameter(command, "@id", experimentKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Experiments selected by <paramref name="sql"/> (which returns <see cref="ExperimentColumns"/>), in its order, with their tags.</summary>
    private static async Task<List<Experiment>> ReadExperimentsAsync(SqlSession session, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = session.Command(sql, parameters);
        return await ReadExperimentsAsync(session, command, cancellationToken);
    }

    private static async Task<List<Experiment>> ReadExperimentsAsync(SqlSession session, DbCommand command, CancellationToken cancellationToken)
    {
        var rows = await SqlSession.QueryAsync(
            command,
            r => (Id: r.GetInt64(0), Name: r.GetString(1), Location: r.GetString(2), Stage: r.GetString(3), Created: r.GetInt64(4), Updated: r.GetInt64(5)),
            cancellationToken);
        var tags = new Dictionary<long, List<Tag>>();
        if (rows.Count > 0)
        {
            var found = await session.QueryAsync(
                $"SELECT experiment_id, key, value FROM experiment_tags WHERE {session.Dialect.InList("experiment_id", "@ids")} ORDER BY key",
                r => (Id: r.GetInt64(0), Tag: new Tag(r.GetString(1), r.GetString(2))),
                cancellationToken,
                ("@ids", session.Dialect.ListValue(rows.Select(r => r.Id).ToList())));
            tags = found.GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.Select(f => f.Tag).ToList());
        }

        return rows
            .Select(r => new Experiment(
                FormatExperimentId(r.Id),
                r.Name,
                r.Location,
                ParseStage(r.Stage),
                r.Created,
                r.Updated,
                tags.TryGetValue(r.Id, out var list) ? list : []))
            .ToList();
    }
}
