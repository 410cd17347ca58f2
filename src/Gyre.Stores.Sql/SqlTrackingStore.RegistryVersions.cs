using System.Globalization;
using Gyre.Core;
using Gyre.Registry;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    /// <summary>
    /// Numbers the version max+1 while holding the model's row lock (PostgreSQL) or the write lock (SQLite), so
    /// concurrent registrations under one name get distinct, gapless numbers.
    /// </summary>
    public async Task<ModelVersion> CreateModelVersionAsync(NewModelVersion version, RegistryActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(actor);
        RegistryValidation.ValidateModelName(version.Name);
        if (string.IsNullOrEmpty(version.Source))
        {
            throw GyreException.InvalidInput("Missing value for required parameter 'source'.");
        }

        var tags = LastWinsModelTags(version.Tags);
        tags.ForEach(RegistryValidation.ValidateTag);
        var aliases = version.Aliases?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        var firstAliases = version.AliasesIfFirst?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        aliases.ForEach(RegistryValidation.ValidateAlias);
        firstAliases.ForEach(RegistryValidation.ValidateAlias);
        return await WriteAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, version.Name, RowLock.Update, cancellationToken);
                var number = Convert.ToInt32(
                    await session.ScalarAsync("SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE model_id = @id", cancellationToken, ("@id", id)),
                    CultureInfo.InvariantCulture);
                var now = NowMilliseconds();
                var package = version.Package;
                await session.ExecuteAsync(
                    """
                    INSERT INTO model_versions (model_id, version, creation_time, last_updated_time, description, user_id, current_stage, source,
                        run_id, run_link, status, status_message, package_sha256, package_flavor, signature_json, metrics_json)
                    VALUES (@id, @version, @now, @now, @description, @user, @stage, @source, @run, @link, 'READY', NULL, @sha, @flavor, @signature, @metrics)
                    """,
                    cancellationToken,
                    ("@id", id),
                    ("@version", number),
                    ("@now", now),
                    ("@description", version.Description),
                    ("@user", version.UserId ?? ""),
                    ("@stage", ModelStages.None),
                    ("@source", version.Source),
                    ("@run", version.RunId?.Value),
                    ("@link", version.RunLink),
                    ("@sha", package?.Sha256),
                    ("@flavor", package?.Flavor),
                    ("@signature", package?.SignatureJson),
                    ("@metrics", package is null ? null : RegistryJson.Metrics(package.Metrics)));
                foreach (var tag in tags)
                {
                    await UpsertVersionTagAsync(session, id, number, tag, cancellationToken);
                }

                await TouchModelAsync(session, id, now, cancellationToken);
                await AppendAuditRowAsync(
                    session,
                    id,
                    version.Name,
                    AuditActions.RegisterVersion,
                    number,
                    null,
                    RegistryJson.Object(("source", version.Source), ("run_id", version.RunId?.Value), ("sha256", package?.Sha256)),
                    actor,
                    cancellationToken);
                foreach (var alias in number == 1 ? aliases.Union(firstAliases, StringComparer.Ordinal) : aliases)
                {
                    await PointAliasAsync(session, id, version.Name, alias, number, null, actor, cancellationToken);
                }

                return await ReadVersionAsync(session, id, version.Name, number, cancellationToken);
            },
            cancellationToken);
    }

    public async Task<ModelVersion> GetModelVersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        return await ReadAsync(
            async session => await ReadVersionAsync(session, await RequireModelAsync(session, name, null, cancellationToken), name, version, cancellationToken),
            cancellationToken);
    }

    public async Task<ModelVersion> UpdateModelVersionAsync(string name, int version, string? description, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentNullException.ThrowIfNull(actor);
        return await WriteAsync(
            async session =>
            {
                var id = await RequireVersionAsync(session, name, version, cancellationToken);
                await session.ExecuteAsync(
                    "UPDATE model_versions SET description = @description, last_updated_time = @now WHERE model_id = @id AND version = @version",
                    cancellationToken,
                    ("@description", description),
                    ("@now", NowMilliseconds()),
                    ("@id", id),
                    ("@version", version));
                await AppendAuditRowAsync(session, id, name, AuditActions.UpdateVersion, version, null, RegistryJson.Object(("description", description)), actor, cancellationToken);
                return await ReadVersionAsync(session, id, name, version, cancellationToken);
            },
            cancellationToken);
    }

    public async Task DeleteModelVersionAsync(string name, int version, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireVersionAsync(session, name, version, cancellationToken);
                var aliases = await session.QueryAsync(
                    "SELECT alias FROM registered_model_aliases WHERE model_id = @id AND version = @version ORDER BY alias",
                    r => r.GetString(0),
                    cancellationToken,
                    ("@id", id),
                    ("@version", version));
                await session.ExecuteAsync("DELETE FROM registered_model_aliases WHERE model_id = @id AND version = @version", cancellationToken, ("@id", id), ("@version", version));
                await session.ExecuteAsync("DELETE FROM model_version_tags WHERE model_id = @id AND version = @version", cancellationToken, ("@id", id), ("@version", version));
                await session.ExecuteAsync("DELETE FROM model_versions WHERE model_id = @id AND version = @version", cancellationToken, ("@id", id), ("@version", version));
                await TouchModelAsync(session, id, NowMilliseconds(), cancellationToken);
                await AppendAuditRowAsync(session, id, name, AuditActions.DeleteVersion, version, null, RegistryJson.Object(("removed_aliases", aliases)), actor, cancellationToken);
            },
            cancellationToken);
    }

    public async Task SetModelVersionTagAsync(string name, int version, ModelTag tag, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        RegistryValidation.ValidateTag(tag);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireVersionAsync(session, name, version, cancellationToken);
                await UpsertVersionTagAsync(session, id, version, tag, cancellationToken);
                await AppendAuditRowAsync(session, id, name, AuditActions.SetVersionTag, version, null, RegistryJson.Object(("key", tag.Key), ("value", tag.Value)), actor, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>Removes a version tag; nothing (and no audit entry) when the version has no such tag, as MLflow.</summary>
    public async Task DeleteModelVersionTagAsync(string name, int version, string key, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireVersionAsync(session, name, version, cancellationToken);
                var removed = await session.ExecuteAsync(
                    "DELETE FROM model_version_tags WHERE model_id = @id AND version = @version AND key = @key",
                    cancellationToken,
                    ("@id", id),
                    ("@version", version),
                    ("@key", key));
                if (removed > 0)
                {
                    await AppendAuditRowAsync(session, id, name, AuditActions.DeleteVersionTag, version, null, RegistryJson.Object(("key", key)), actor, cancellationToken);
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// <paramref name="archiveExistingVersions"/> is allowed for Staging and Production only (MLflow); it moves
    /// every other version in that stage to Archived, in the same transaction and audit entry.
    /// </summary>
    public async Task<ModelVersion> TransitionModelVersionStageAsync(string name, int version, string stage, bool archiveExistingVersions, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentNullException.ThrowIfNull(actor);
        var canonical = RegistryValidation.CanonicalStage(stage);
        if (archiveExistingVersions && canonical is not (ModelStages.Staging or ModelStages.Production))
        {
            throw GyreException.InvalidInput(
                $"Model version transition cannot archive existing model versions because '{canonical}' is not an Active stage. Valid stages are {ModelStages.Staging}, {ModelStages.Production}.");
        }

        return await WriteAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, name, RowLock.Update, cancellationToken);
                var from = (string?)await session.ScalarAsync(
                    "SELECT current_stage FROM model_versions WHERE model_id = @id AND version = @version", cancellationToken, ("@id", id), ("@version", version))
                    ?? throw VersionNotFound(name, version);
                var now = NowMilliseconds();
                var archived = new List<long>();
                if (archiveExistingVersions)
                {
                    archived = await session.QueryAsync(
                        "SELECT version FROM model_versions WHERE model_id = @id AND current_stage = @stage AND version <> @version ORDER BY version",
                        r => r.GetInt64(0),
                        cancellationToken,
                        ("@id", id),
                        ("@stage", canonical),
                        ("@version", version));
                    await session.ExecuteAsync(
                        "UPDATE model_versions SET current_stage = @archived, last_updated_time = @now WHERE model_id = @id AND current_stage = @stage AND version <> @version",
                        cancellationToken,
                        ("@archived", ModelStages.Archived),
                        ("@now", now),
                        ("@id", id),
                        ("@stage", canonical),
                        ("@version", version));
                }

                await session.ExecuteAsync(
                    "UPDATE model_versions SET current_stage = @stage, last_updated_time = @now WHERE model_id = @id AND version = @version",
                    cancellationToken,
                    ("@stage", canonical),
                    ("@now", now),
                    ("@id", id),
                    ("@version", version));
                await AppendAuditRowAsync(
                    session, id, name, AuditActions.TransitionStage, version, null, RegistryJson.Object(("from", from), ("to", canonical), ("archived", archived)), actor, cancellationToken);
                return await ReadVersionAsync(session, id, name, version, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>The newest READY version in each requested stage that has one, in the order None, Staging, Production, Archived.</summary>
    public async Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string>? stages, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        var wanted = stages is null or { Count: 0 } ? ModelStages.All : stages.Select(RegistryValidation.CanonicalStage).Distinct().ToList();
        return await ReadAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, name, null, cancellationToken);
                var latest = await ReadLatestVersionsAsync(session, [id], cancellationToken);
                return (IReadOnlyList<ModelVersion>)(latest.TryGetValue(id, out var list) ? list.Where(v => wanted.Contains(v.Stage)).ToList() : []);
            },
            cancellationToken);
    }

    /// <summary>The model's id for an existing version (the model row locked for update); NotFound for an unknown model or version.</summary>
    private static async Task<long> RequireVersionAsync(SqlSession session, string name, int version, CancellationToken cancellationToken)
    {
        var id = await RequireModelAsync(session, name, RowLock.Update, cancellationToken);
        return await session.ScalarAsync(
            "SELECT 1 FROM model_versions WHERE model_id = @id AND version = @version", cancellationToken, ("@id", id), ("@version", version)) is null
            ? throw VersionNotFound(name, version)
            : id;
    }

    private static async Task UpsertVersionTagAsync(SqlSession session, long modelId, int version, ModelTag tag, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO model_version_tags (model_id, version, key, value) VALUES (@id, @version, @key, @value)
            ON CONFLICT (model_id, version, key) DO UPDATE SET value = excluded.value
            """,
            cancellationToken,
            ("@id", modelId),
            ("@version", version),
            ("@key", tag.Key),
            ("@value", tag.Value ?? ""));

    private static async Task TouchModelAsync(SqlSession session, long modelId, long now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync("UPDATE registered_models SET last_updated_time = @now WHERE model_id = @id", cancellationToken, ("@now", now), ("@id", modelId));
}
