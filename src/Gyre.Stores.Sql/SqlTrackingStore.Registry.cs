using Gyre.Core;
using Gyre.Registry;

namespace Gyre.Stores.Sql;

/// <remarks>
/// Registry tables key on a model's internal id, so a rename rewrites one row and versions, tags and aliases
/// follow. Audit entries keep the name at the time of the change and the model's id; a model's log is every
/// entry recorded under its current name or carrying its id, so it includes what happened under former names
/// (a rename is recorded under the old name with <c>{"new_name": ...}</c> details), and a former or deleted
/// name still finds the entries recorded under it.
/// </remarks>
public abstract partial class SqlTrackingStore : IModelRegistryStore
{
    /// <summary>The lock key ("gyre" then 3) that serialises registered model creation and renaming (names).</summary>
    private const long RegisteredModelsLockKey = 0x6779_7265_0000_0003;

    public async Task<RegisteredModel> CreateRegisteredModelAsync(string name, string? description, IReadOnlyList<ModelTag>? tags, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentNullException.ThrowIfNull(actor);
        var tagList = LastWinsModelTags(tags);
        tagList.ForEach(RegistryValidation.ValidateTag);
        return await WriteAsync(
            async session =>
            {
                await session.LockAsync(RegisteredModelsLockKey, cancellationToken);
                var now = NowMilliseconds();
                var inserted = await session.ExecuteAsync(
                    """
                    INSERT INTO registered_models (name, creation_time, last_updated_time, description)
                    VALUES (@name, @now, @now, @description) ON CONFLICT DO NOTHING
                    """,
                    cancellationToken,
                    ("@name", name),
                    ("@now", now),
                    ("@description", description));
                if (inserted == 0)
                {
                    throw ModelAlreadyExists(name);
                }

                var id = await RequireModelAsync(session, name, RowLock.Update, cancellationToken);
                foreach (var tag in tagList)
                {
                    await UpsertModelTagAsync(session, id, tag, cancellationToken);
                }

                await AppendAuditRowAsync(session, id, name, AuditActions.CreateModel, null, null, null, actor, cancellationToken);
                return await ReadModelAsync(session, id, cancellationToken);
            },
            cancellationToken);
    }

    public async Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        return await ReadAsync(
            async session => await ReadModelAsync(session, await RequireModelAsync(session, name, null, cancellationToken), cancellationToken),
            cancellationToken);
    }

    public async Task<RegisteredModel> RenameRegisteredModelAsync(string name, string newName, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        RegistryValidation.ValidateModelName(newName, "new_name");
        ArgumentNullException.ThrowIfNull(actor);
        return await WriteAsync(
            async session =>
            {
                await session.LockAsync(RegisteredModelsLockKey, cancellationToken);
                var id = await RequireModelAsync(session, name, RowLock.Update, cancellationToken);
                if (name == newName)
                {
                    return await ReadModelAsync(session, id, cancellationToken);
                }

                if (await session.ScalarAsync("SELECT 1 FROM registered_models WHERE name = @name", cancellationToken, ("@name", newName)) is not null)
                {
                    throw ModelAlreadyExists(newName);
                }

                await session.ExecuteAsync(
                    "UPDATE registered_models SET name = @newName, last_updated_time = @now WHERE model_id = @id",
                    cancellationToken,
                    ("@newName", newName),
                    ("@now", NowMilliseconds()),
                    ("@id", id));
                await AppendAuditRowAsync(session, id, name, AuditActions.RenameModel, null, null, RegistryJson.Object(("new_name", newName)), actor, cancellationToken);
                return await ReadModelAsync(session, id, cancellationToken);
            },
            cancellationToken);
    }

    public async Task<RegisteredModel> UpdateRegisteredModelAsync(string name, string? description, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentNullException.ThrowIfNull(actor);
        return await WriteAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, name, RowLock.Update, cancellationToken);
                await session.ExecuteAsync(
                    "UPDATE registered_models SET description = @description, last_updated_time = @now WHERE model_id = @id",
                    cancellationToken,
                    ("@description", description),
                    ("@now", NowMilliseconds()),
                    ("@id", id));
                await AppendAuditRowAsync(session, id, name, AuditActions.UpdateModel, null, null, RegistryJson.Object(("description", description)), actor, cancellationToken);
                return await ReadModelAsync(session, id, cancellationToken);
            },
            cancellationToken);
    }

    public async Task DeleteRegisteredModelAsync(string name, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, name, RowLock.Update, cancellationToken);
                var versions = await session.QueryAsync(
                    "SELECT version FROM model_versions WHERE model_id = @id ORDER BY version",
                    r => r.GetInt64(0),
                    cancellationToken,
                    ("@id", id));
                await session.ExecuteAsync("DELETE FROM registered_model_aliases WHERE model_id = @id", cancellationToken, ("@id", id));
                await session.ExecuteAsync("DELETE FROM model_version_tags WHERE model_id = @id", cancellationToken, ("@id", id));
                await session.ExecuteAsync("DELETE FROM model_versions WHERE model_id = @id", cancellationToken, ("@id", id));
                await session.ExecuteAsync("DELETE FROM registered_model_tags WHERE model_id = @id", cancellationToken, ("@id", id));
                await session.ExecuteAsync("DELETE FROM registered_models WHERE model_id = @id", cancellationToken, ("@id", id));
                await AppendAuditRowAsync(session, id, name, AuditActions.DeleteModel, null, null, RegistryJson.Object(("versions", versions)), actor, cancellationToken);
            },
            cancellationToken);
    }

    public async Task SetRegisteredModelTagAsync(string name, ModelTag tag, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        RegistryValidation.ValidateTag(tag);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, name, RowLock.Share, cancellationToken);
                await UpsertModelTagAsync(session, id, tag, cancellationToken);
                await AppendAuditRowAsync(session, id, name, AuditActions.SetModelTag, null, null, RegistryJson.Object(("key", tag.Key), ("value", tag.Value)), actor, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>Removes a model tag; nothing (and no audit entry) when the model has no such tag, as MLflow.</summary>
    public async Task DeleteRegisteredModelTagAsync(string name, string key, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, name, RowLock.Share, cancellationToken);
                var removed = await session.ExecuteAsync(
                    "DELETE FROM registered_model_tags WHERE model_id = @id AND key = @key", cancellationToken, ("@id", id), ("@key", key));
                if (removed > 0)
                {
                    await AppendAuditRowAsync(session, id, name, AuditActions.DeleteModelTag, null, null, RegistryJson.Object(("key", key)), actor, cancellationToken);
                }
            },
            cancellationToken);
    }

    /// <summary>The model's internal id, its row locked as <paramref name="rowLock"/> (none when null); NotFound (MLflow's message) when unknown.</summary>
    private static async Task<long> RequireModelAsync(SqlSession session, string name, RowLock? rowLock, CancellationToken cancellationToken)
    {
        var suffix = rowLock is { } mode ? session.Dialect.RowLockSuffix(mode) : "";
        var id = await session.ScalarAsync("SELECT model_id FROM registered_models WHERE name = @name" + suffix, cancellationToken, ("@name", name));
        return id is null ? throw ModelNotFound(name) : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task UpsertModelTagAsync(SqlSession session, long modelId, ModelTag tag, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO registered_model_tags (model_id, key, value) VALUES (@id, @key, @value)
            ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value
            """,
            cancellationToken,
            ("@id", modelId),
            ("@key", tag.Key),
            ("@value", tag.Value ?? ""));

    /// <summary>One tag per key, the last given value winning, in first-seen key order.</summary>
    private static List<ModelTag> LastWinsModelTags(IReadOnlyList<ModelTag>? tags) =>
        LastWins((tags ?? []).Select(t => new Tracking.Tag(t.Key, t.Value))).Select(t => new ModelTag(t.Key, t.Value)).ToList();

    private static GyreException ModelNotFound(string name) => GyreException.NotFound($"Registered Model with name={name} not found");

    private static GyreException ModelAlreadyExists(string name) => GyreException.AlreadyExists($"Registered Model (name={name}) already exists.");

    private static GyreException VersionNotFound(string name, int version) => GyreException.NotFound($"Model Version (name={name}, version={version}) not found");
}
