using Gyre.Core;
using Gyre.Registry;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    public async Task SetAliasAsync(string name, string aliasName, int version, RegistryActor actor, CancellationToken cancellationToken, string? details = null)
    {
        RegistryValidation.ValidateModelName(name);
        RegistryValidation.ValidateAlias(aliasName);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireVersionAsync(session, name, version, cancellationToken);
                await PointAliasAsync(session, id, name, aliasName, version, details, actor, cancellationToken);
            },
            cancellationToken);
    }

    public async Task PromoteAliasAsync(string name, string aliasName, int version, int? expectedCurrentVersion, string detailsJson, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        RegistryValidation.ValidateAlias(aliasName);
        ArgumentException.ThrowIfNullOrEmpty(detailsJson);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireVersionAsync(session, name, version, cancellationToken);
                var current = await session.ScalarAsync(
                    "SELECT version FROM registered_model_aliases WHERE model_id = @id AND alias = @alias", cancellationToken, ("@id", id), ("@alias", aliasName));
                int? currentVersion = current is null ? null : Convert.ToInt32(current, System.Globalization.CultureInfo.InvariantCulture);
                if (currentVersion != expectedCurrentVersion)
                {
                    throw GyreException.InvalidState(
                        $"Alias '{aliasName}' of model '{name}' moved while the promotion was decided: it points at {Describe(currentVersion)}, " +
                        $"the decision was made against {Describe(expectedCurrentVersion)}. Nothing was changed; run the promotion again.");
                }

                await PointAliasAsync(session, id, name, aliasName, version, detailsJson, actor, cancellationToken);
                await AppendAuditRowAsync(session, id, name, AuditActions.Promote, version, aliasName, detailsJson, actor, cancellationToken);
            },
            cancellationToken);

        static string Describe(int? version) => version is { } v ? $"version {v}" : "no version";
    }

    /// <summary>Upserts the alias and appends its <c>set_alias</c> audit entry inside the caller's transaction; the alias must already be validated.</summary>
    private async Task PointAliasAsync(SqlSession session, long id, string name, string aliasName, int version, string? details, RegistryActor actor, CancellationToken cancellationToken)
    {
        var previous = await session.ScalarAsync(
            "SELECT version FROM registered_model_aliases WHERE model_id = @id AND alias = @alias", cancellationToken, ("@id", id), ("@alias", aliasName));
        await session.ExecuteAsync(
            """
            INSERT INTO registered_model_aliases (model_id, alias, version) VALUES (@id, @alias, @version)
            ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version
            """,
            cancellationToken,
            ("@id", id),
            ("@alias", aliasName),
            ("@version", version));
        var recorded = details ?? RegistryJson.Object(("previous_version", previous is null ? null : Convert.ToInt64(previous, System.Globalization.CultureInfo.InvariantCulture)));
        await AppendAuditRowAsync(session, id, name, AuditActions.SetAlias, version, aliasName, recorded, actor, cancellationToken);
    }

    /// <summary>Removes an alias; NotFound when the model has no such alias.</summary>
    public async Task DeleteAliasAsync(string name, string aliasName, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentException.ThrowIfNullOrEmpty(aliasName);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, name, RowLock.Update, cancellationToken);
                var version = await session.ScalarAsync(
                    "SELECT version FROM registered_model_aliases WHERE model_id = @id AND alias = @alias", cancellationToken, ("@id", id), ("@alias", aliasName))
                    ?? throw AliasNotFound(name, aliasName);
                await session.ExecuteAsync("DELETE FROM registered_model_aliases WHERE model_id = @id AND alias = @alias", cancellationToken, ("@id", id), ("@alias", aliasName));
                await AppendAuditRowAsync(
                    session, id, name, AuditActions.DeleteAlias, Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture), aliasName, null, actor, cancellationToken);
            },
            cancellationToken);
    }

    public async Task<ModelVersion> GetModelVersionByAliasAsync(string name, string aliasName, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentException.ThrowIfNullOrEmpty(aliasName);
        return await ReadAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, name, null, cancellationToken);
                var version = await session.ScalarAsync(
                    "SELECT version FROM registered_model_aliases WHERE model_id = @id AND alias = @alias", cancellationToken, ("@id", id), ("@alias", aliasName))
                    ?? throw AliasNotFound(name, aliasName);
                return await ReadVersionAsync(session, id, name, Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>Records an entry for an existing model (NotFound otherwise) without changing anything else.</summary>
    public async Task AppendAuditAsync(string name, string action, int? version, string? aliasName, string? detailsJson, RegistryActor actor, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(actor);
        await WriteAsync(
            async session =>
            {
                var id = await RequireModelAsync(session, name, RowLock.Share, cancellationToken);
                await AppendAuditRowAsync(session, id, name, action, version, aliasName, detailsJson, actor, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>
    /// Entries recorded under <paramref name="name"/> (also a former or deleted model's name) and, when a model
    /// is named so now, every entry of that model including those under its former names; oldest first.
    /// Unknown names give an empty list.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> GetAuditLogAsync(string name, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateModelName(name);
        return await ReadAsync(
            async session => (IReadOnlyList<AuditEntry>)await session.QueryAsync(
                """
                SELECT sequence, time, user_id, action, model_name, version, alias, reason, details_json FROM registry_audit
                WHERE model_name = @name OR model_id = (SELECT model_id FROM registered_models WHERE name = @name)
                ORDER BY sequence
                """,
                r => new AuditEntry(
                    r.GetInt64(0),
                    r.GetInt64(1),
                    r.GetString(2),
                    r.GetString(3),
                    r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetInt32(5),
                    r.IsDBNull(6) ? null : r.GetString(6),
                    r.IsDBNull(7) ? null : r.GetString(7),
                    r.IsDBNull(8) ? null : r.GetString(8)),
                cancellationToken,
                ("@name", name)),
            cancellationToken);
    }

    /// <summary>Appends one audit row inside the caller's transaction, timed by the store's clock.</summary>
    private async Task AppendAuditRowAsync(
        SqlSession session, long modelId, string modelName, string action, int? version, string? aliasName, string? detailsJson, RegistryActor actor, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO registry_audit (time, user_id, action, model_id, model_name, version, alias, reason, details_json)
            VALUES (@time, @user, @action, @modelId, @name, @version, @alias, @reason, @details)
            """,
            cancellationToken,
            ("@time", NowMilliseconds()),
            ("@user", actor.User ?? ""),
            ("@action", action),
            ("@modelId", modelId),
            ("@name", modelName),
            ("@version", version),
            ("@alias", aliasName),
            ("@reason", actor.Reason),
            ("@details", detailsJson));

    private static GyreException AliasNotFound(string name, string alias) =>
        GyreException.NotFound($"Registered model alias {alias} not found (model '{name}').");
}
