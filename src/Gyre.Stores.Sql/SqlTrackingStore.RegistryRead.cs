using System.Data.Common;
using Gyre.Core;
using Gyre.Registry;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    private const string ModelColumns = "m.model_id, m.name, m.creation_time, m.last_updated_time, m.description";

    private const string VersionColumns =
        "v.model_id, m.name, v.version, v.creation_time, v.last_updated_time, v.description, v.user_id, v.current_stage, v.source, v.run_id, " +
        "v.run_link, v.status, v.status_message, v.package_sha256, v.package_flavor, v.signature_json, v.metrics_json";

    private const string VersionSource = "model_versions v JOIN registered_models m ON m.model_id = v.model_id";

    private static async Task<RegisteredModel> ReadModelAsync(SqlSession session, long modelId, CancellationToken cancellationToken)
    {
        await using var command = session.Command($"SELECT {ModelColumns} FROM registered_models m WHERE m.model_id = @id", ("@id", modelId));
        return (await ReadModelsAsync(session, command, cancellationToken))[0];
    }

    /// <summary>Models selected by <paramref name="command"/> (returning <see cref="ModelColumns"/>), in its order, with tags, aliases and latest versions.</summary>
    private static async Task<List<RegisteredModel>> ReadModelsAsync(SqlSession session, DbCommand command, CancellationToken cancellationToken)
    {
        var rows = await SqlSession.QueryAsync(
            command,
            r => (Id: r.GetInt64(0), Name: r.GetString(1), Created: r.GetInt64(2), Updated: r.GetInt64(3), Description: r.IsDBNull(4) ? null : r.GetString(4)),
            cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var idList = session.Dialect.ListValue(ids);
        var tags = (await session.QueryAsync(
                $"SELECT model_id, key, value FROM registered_model_tags WHERE {session.Dialect.InList("model_id", "@ids")} ORDER BY key",
                r => (Id: r.GetInt64(0), Tag: new ModelTag(r.GetString(1), r.GetString(2))),
                cancellationToken,
                ("@ids", idList)))
            .ToLookup(t => t.Id, t => t.Tag);
        var aliases = (await session.QueryAsync(
                $"SELECT model_id, alias, version FROM registered_model_aliases WHERE {session.Dialect.InList("model_id", "@ids")} ORDER BY alias",
                r => (Id: r.GetInt64(0), Alias: new ModelAlias(r.GetString(1), r.GetInt32(2))),
                cancellationToken,
                ("@ids", idList)))
            .ToLookup(a => a.Id, a => a.Alias);
        var latest = await ReadLatestVersionsAsync(session, ids, cancellationToken);
        return rows
            .Select(r => new RegisteredModel(
                r.Name, r.Created, r.Updated, r.Description, tags[r.Id].ToList(), aliases[r.Id].ToList(), latest.TryGetValue(r.Id, out var l) ? l : []))
            .ToList();
    }

    /// <summary>Per model, the newest READY version of each stage, in stage order None, Staging, Production, Archived.</summary>
    private static async Task<Dictionary<long, List<ModelVersion>>> ReadLatestVersionsAsync(SqlSession session, IReadOnlyList<long> modelIds, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            $"""
            SELECT {VersionColumns} FROM {VersionSource}
            WHERE {session.Dialect.InList("v.model_id", "@ids")} AND v.status = 'READY' AND v.version = (
                SELECT MAX(l.version) FROM model_versions l WHERE l.model_id = v.model_id AND l.current_stage = v.current_stage AND l.status = 'READY')
            """,
            ("@ids", session.Dialect.ListValue(modelIds)));
        var versions = await ReadVersionsAsync(session, command, cancellationToken);
        return versions
            .GroupBy(v => v.ModelId)
            .ToDictionary(g => g.Key, g => g.Select(v => v.Version).OrderBy(v => IndexOfStage(v.Stage)).ToList());
    }

    private static int IndexOfStage(string stage)
    {
        for (var i = 0; i < ModelStages.All.Count; i++)
        {
            if (ModelStages.All[i] == stage)
            {
                return i;
            }
        }

        return ModelStages.All.Count;
    }

    private static async Task<ModelVersion> ReadVersionAsync(SqlSession session, long modelId, string name, int version, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            $"SELECT {VersionColumns} FROM {VersionSource} WHERE v.model_id = @id AND v.version = @version", ("@id", modelId), ("@version", version));
        var found = await ReadVersionsAsync(session, command, cancellationToken);
        return found.Count == 1 ? found[0].Version : throw VersionNotFound(name, version);
    }

    /// <summary>Versions selected by <paramref name="command"/> (returning <see cref="VersionColumns"/>), in its order, with tags and aliases.</summary>
    private static async Task<List<(long ModelId, ModelVersion Version)>> ReadVersionsAsync(SqlSession session, DbCommand command, CancellationToken cancellationToken)
    {
        var rows = await SqlSession.QueryAsync(command, ReadVersionRow, cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        // Both lists narrow the read to (at most) the page's models and version numbers; the lookups pick exact pairs.
        var idList = session.Dialect.ListValue(rows.Select(r => r.ModelId).Distinct().ToList());
        var versionList = session.Dialect.ListValue(rows.Select(r => (long)r.Version.Version).Distinct().ToList());
        var tags = (await session.QueryAsync(
                $"SELECT model_id, version, key, value FROM model_version_tags WHERE {session.Dialect.InList("model_id", "@ids")} AND {session.Dialect.InList("version", "@versions")} ORDER BY key",
                r => (Key: (r.GetInt64(0), r.GetInt32(1)), Tag: new ModelTag(r.GetString(2), r.GetString(3))),
                cancellationToken,
                ("@ids", idList),
                ("@versions", versionList)))
            .ToLookup(t => t.Key, t => t.Tag);
        var aliases = (await session.QueryAsync(
                $"SELECT model_id, version, alias FROM registered_model_aliases WHERE {session.Dialect.InList("model_id", "@ids")} AND {session.Dialect.InList("version", "@versions")} ORDER BY alias",
                r => (Key: (r.GetInt64(0), r.GetInt32(1)), Alias: r.GetString(2)),
                cancellationToken,
                ("@ids", idList),
                ("@versions", versionList)))
            .ToLookup(a => a.Key, a => a.Alias);
        return rows
            .Select(r => (r.ModelId, r.Version with { Tags = tags[(r.ModelId, r.Version.Version)].ToList(), Aliases = aliases[(r.ModelId, r.Version.Version)].ToList() }))
            .ToList();
    }

    private static (long ModelId, ModelVersion Version) ReadVersionRow(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var sha = Text(13);
        var package = sha is null ? null : new PackageFacts(sha, Text(14) ?? "", Text(15), RegistryJson.ParseMetrics(Text(16)));
        var version = new ModelVersion(
            r.GetString(1),
            r.GetInt32(2),
            r.GetInt64(3),
            r.GetInt64(4),
            Text(5),
            r.GetString(6),
            r.GetString(7),
            r.GetString(8),
            Text(9) is { } run ? new RunId(run) : null,
            Text(10),
            ParseVersionStatus(r.GetString(11)),
            Text(12),
            [],
            [],
            package);
        return (r.GetInt64(0), version);
    }

    private static ModelVersionStatus ParseVersionStatus(string status) => status switch
    {
        "PENDING_REGISTRATION" => ModelVersionStatus.PendingRegistration,
        "FAILED_REGISTRATION" => ModelVersionStatus.FailedRegistration,
        _ => ModelVersionStatus.Ready,
    };
}
