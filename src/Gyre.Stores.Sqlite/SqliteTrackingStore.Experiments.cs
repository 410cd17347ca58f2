using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;
using Microsoft.Data.Sqlite;

namespace Gyre.Stores.Sqlite;

public sealed partial class SqliteTrackingStore
{
    private const string DefaultExperimentName = "Default";

    private const string ExperimentColumns =
        "experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time";

    public async Task<ExperimentId> CreateExperimentAsync(string name, string? artifactLocation, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateExperimentName(name);
        TrackingValidation.ValidateExperimentTags(tags);
        return await WriteAsync(
            async transaction =>
            {
                var taken = await ScalarAsync(transaction, "SELECT 1 FROM experiments WHERE name = @name", cancellationToken, ("@name", name));
                if (taken is not null)
                {
                    throw GyreException.AlreadyExists($"Experiment(name={name}) already exists.");
                }

                var next = (long)(await ScalarAsync(transaction, "SELECT COALESCE(MAX(experiment_id), -1) + 1 FROM experiments", cancellationToken))!;
                var id = FormatExperimentId(next);
                await InsertExperimentAsync(transaction, next, name, ArtifactUris.ForExperiment(ArtifactRoot, id), cancellationToken);
                foreach (var tag in LastWins(tags ?? []))
                {
                    await ExecuteAsync(
                        transaction,
                        "INSERT INTO experiment_tags (experiment_id, key, value) VALUES (@id, @key, @value)",
                        cancellationToken,
                        ("@id", next),
                        ("@key", tag.Key),
                        ("@value", tag.Value));
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
            transaction => ReadExperimentsAsync(transaction, $"SELECT {ExperimentColumns} FROM experiments WHERE experiment_id = @id", cancellationToken, ("@id", key)),
            cancellationToken);
        return found.Count == 1 ? found[0] : throw ExperimentNotFound(id);
    }

    public async Task<Experiment?> FindExperimentByNameAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var found = await ReadAsync(
            transaction => ReadExperimentsAsync(transaction, $"SELECT {ExperimentColumns} FROM experiments WHERE name = @name", cancellationToken, ("@name", name)),
            cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    public async Task<Page<Experiment>> SearchExperimentsAsync(ExperimentSearch search, CancellationToken cancellationToken)
    {
        var (viewType, maxResults, pageToken) = (search.ViewType, search.MaxResults, search.PageToken);
        TrackingValidation.ValidateMaxResults(maxResults);
        var offset = OffsetPageToken.Decode(pageToken);
        var stages = StagesJson(viewType);
        var rows = await ReadAsync(
            transaction => ReadExperimentsAsync(
                transaction,
                $"""
                SELECT {ExperimentColumns} FROM experiments
                WHERE lifecycle_stage IN (SELECT value FROM json_each(@stages))
                ORDER BY creation_time DESC, experiment_id DESC
                LIMIT @limit OFFSET @offset
                """,
                cancellationToken,
                ("@stages", stages),
                ("@limit", maxResults + 1L),
                ("@offset", offset)),
            cancellationToken);
        return rows.Count > maxResults
            ? new Page<Experiment>(rows.Take(maxResults).ToList(), OffsetPageToken.Encode(offset + maxResults))
            : new Page<Experiment>(rows, null);
    }

    // TEMPORARY (issue #3 in progress): replaced by the shared SQL store.
    public Task RenameExperimentAsync(ExperimentId id, string newName, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task DeleteExperimentAsync(ExperimentId id, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task RestoreExperimentAsync(ExperimentId id, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task SetExperimentTagAsync(ExperimentId id, Tag tag, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task DeleteExperimentTagAsync(ExperimentId id, string key, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task RestoreRunAsync(RunId runId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task DeleteRunTagAsync(RunId runId, string key, CancellationToken cancellationToken) => throw new NotImplementedException();

    private async Task EnsureDefaultExperimentAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        if (await ScalarAsync(transaction, "SELECT 1 FROM experiments WHERE experiment_id = 0", cancellationToken) is null)
        {
            await InsertExperimentAsync(transaction, 0, DefaultExperimentName, ArtifactUris.ForExperiment(ArtifactRoot, ExperimentId.Default), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task InsertExperimentAsync(SqliteTransaction transaction, long id, string name, string artifactLocation, CancellationToken cancellationToken)
    {
        var now = NowMilliseconds();
        await ExecuteAsync(
            transaction,
            """
            INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
            VALUES (@id, @name, @location, @stage, @now, @now)
            """,
            cancellationToken,
            ("@id", id),
            ("@name", name),
            ("@location", artifactLocation),
            ("@stage", Active),
            ("@now", now));
    }

    /// <summary>Experiments selected by <paramref name="sql"/> (which returns <see cref="ExperimentColumns"/>), in its order, with their tags.</summary>
    private static async Task<List<Experiment>> ReadExperimentsAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = new List<(long Id, string Name, string Location, string Stage, long Created, long Updated)>();
        await using (var command = Command(transaction, sql, parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5)));
            }
        }

        var tags = new Dictionary<long, List<Tag>>();
        if (rows.Count > 0)
        {
            var ids = System.Text.Json.JsonSerializer.Serialize(rows.Select(r => r.Id));
            await using var command = Command(
                transaction,
                "SELECT experiment_id, key, value FROM experiment_tags WHERE experiment_id IN (SELECT value FROM json_each(@ids)) ORDER BY key",
                ("@ids", ids));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                if (!tags.TryGetValue(id, out var list))
                {
                    tags[id] = list = [];
                }

                list.Add(new Tag(reader.GetString(1), reader.GetString(2)));
            }
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

    /// <summary>One tag per key, the last given value winning, in first-seen key order.</summary>
    private static List<Tag> LastWins(IEnumerable<Tag> tags)
    {
        var byKey = new Dictionary<string, Tag>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var tag in tags)
        {
            if (!byKey.ContainsKey(tag.Key))
            {
                order.Add(tag.Key);
            }

            byKey[tag.Key] = tag;
        }

        return order.Select(k => byKey[k]).ToList();
    }
}
