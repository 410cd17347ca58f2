using Gyre.Core;

namespace Gyre.Registry;

/// <summary>
/// Registered models, versions, aliases and the audit log, modeled on MLflow's Model Registry (reference
/// §6, §7.3, §7.4). Thread-safe; every write is atomic and appends its audit entry (who, when, why) in the
/// same transaction, so the log never misses or invents a change. Errors (GyreException): NotFound for an
/// unknown model, version or alias (MLflow's messages: "Registered Model with name=X not found",
/// "Model Version (name=X, version=N) not found"), AlreadyExists for a taken model name, InvalidInput for
/// bad values (names, tags over MLflow's limits, reserved aliases <c>latest</c> / <c>v&lt;digits&gt;</c>,
/// unknown stages, malformed filters or page tokens).
/// </summary>
public interface IModelRegistryStore
{
    Task<RegisteredModel> CreateRegisteredModelAsync(string name, string? description, IReadOnlyList<ModelTag>? tags, RegistryActor actor, CancellationToken cancellationToken);

    Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken cancellationToken);

    /// <summary>Renames a model; its versions, aliases and audit history follow it.</summary>
    Task<RegisteredModel> RenameRegisteredModelAsync(string name, string newName, RegistryActor actor, CancellationToken cancellationToken);

    Task<RegisteredModel> UpdateRegisteredModelAsync(string name, string? description, RegistryActor actor, CancellationToken cancellationToken);

    /// <summary>Deletes a model with its versions, tags and aliases (MLflow's hard delete); its audit history stays.</summary>
    Task DeleteRegisteredModelAsync(string name, RegistryActor actor, CancellationToken cancellationToken);

    /// <summary>MLflow §7.3: filter on <c>name</c> and <c>tags.&lt;key&gt;</c>; default order name ascending; max 1..1000.</summary>
    Task<Page<RegisteredModel>> SearchRegisteredModelsAsync(string? filter, int maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken cancellationToken);

    Task SetRegisteredModelTagAsync(string name, ModelTag tag, RegistryActor actor, CancellationToken cancellationToken);

    Task DeleteRegisteredModelTagAsync(string name, string key, RegistryActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Creates version max+1 (from 1), status Ready, stage None. <paramref name="package"/> records what Gyre
    /// verified of the package (null for a bare MLflow registration).
    /// </summary>
    Task<ModelVersion> CreateModelVersionAsync(NewModelVersion version, RegistryActor actor, CancellationToken cancellationToken);

    Task<ModelVersion> GetModelVersionAsync(string name, int version, CancellationToken cancellationToken);

    Task<ModelVersion> UpdateModelVersionAsync(string name, int version, string? description, RegistryActor actor, CancellationToken cancellationToken);

    /// <summary>Deletes a version and the aliases pointing at it.</summary>
    Task DeleteModelVersionAsync(string name, int version, RegistryActor actor, CancellationToken cancellationToken);

    /// <summary>MLflow §7.4: filter on <c>name</c>, <c>version_number</c>, <c>run_id</c>, <c>source_path</c>, <c>tags.&lt;key&gt;</c>.</summary>
    Task<Page<ModelVersion>> SearchModelVersionsAsync(string? filter, int maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken cancellationToken);

    Task SetModelVersionTagAsync(string name, int version, ModelTag tag, RegistryActor actor, CancellationToken cancellationToken);

    Task DeleteModelVersionTagAsync(string name, int version, string key, RegistryActor actor, CancellationToken cancellationToken);

    /// <summary>Moves a version to a legacy stage (case-insensitive in, canonical out); optionally archives the other versions in that stage.</summary>
    Task<ModelVersion> TransitionModelVersionStageAsync(string name, int version, string stage, bool archiveExistingVersions, RegistryActor actor, CancellationToken cancellationToken);

    /// <summary>The newest version in each of <paramref name="stages"/> (null or empty = every stage).</summary>
    Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string>? stages, CancellationToken cancellationToken);

    /// <summary>Points <paramref name="aliasName"/> at <paramref name="version"/>, moving it atomically if it exists; <paramref name="details"/> JSON goes into the audit entry.</summary>
    Task SetAliasAsync(string name, string aliasName, int version, RegistryActor actor, CancellationToken cancellationToken, string? details = null);

    /// <summary>
    /// Compare-and-set for promotions: points <paramref name="aliasName"/> at <paramref name="version"/> only if it
    /// still points at <paramref name="expectedCurrentVersion"/> (null: only if the alias does not exist), and in
    /// the same transaction appends a <c>set_alias</c> and a <c>promote</c> audit entry, both carrying
    /// <paramref name="detailsJson"/> (the policy's decision). Throws InvalidState naming the alias and both
    /// versions when the alias moved since the caller read it (nothing is changed), NotFound for an unknown model
    /// or version.
    /// </summary>
    Task PromoteAliasAsync(string name, string aliasName, int version, int? expectedCurrentVersion, string detailsJson, RegistryActor actor, CancellationToken cancellationToken);

    Task DeleteAliasAsync(string name, string aliasName, RegistryActor actor, CancellationToken cancellationToken);

    Task<ModelVersion> GetModelVersionByAliasAsync(string name, string aliasName, CancellationToken cancellationToken);

    /// <summary>Appends an entry that is not a store change (e.g. a refused promotion).</summary>
    Task AppendAuditAsync(string name, string action, int? version, string? aliasName, string? detailsJson, RegistryActor actor, CancellationToken cancellationToken);

    /// <summary>The model's audit entries, oldest first (also for a deleted or renamed model's former name).</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditLogAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The fields of a version to register.</summary>
public sealed record NewModelVersion(string Name, string Source)
{
    public RunId? RunId { get; init; }

    public string? RunLink { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ModelTag>? Tags { get; init; }

    public string UserId { get; init; } = "";

    public PackageFacts? Package { get; init; }

    /// <summary>
    /// Aliases to point at the new version in the same transaction as its creation (moved from another version
    /// if already set), each validated like <see cref="IModelRegistryStore.SetAliasAsync"/> and recorded as one
    /// <c>set_alias</c> audit entry; an invalid or reserved alias fails the whole creation (no version is left).
    /// </summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>
    /// Aliases to point at the new version only when it is the model's first (no other version exists), decided
    /// inside the creation's transaction so concurrent first registrations cannot both claim them. Validated
    /// and recorded like <see cref="Aliases"/>.
    /// </summary>
    public IReadOnlyList<string>? AliasesIfFirst { get; init; }
}
