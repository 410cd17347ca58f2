using Gyre.Core;

namespace Gyre.Registry;

/// <summary>A key/value tag on a registered model or a model version (key ≤ 250, value ≤ 5000 characters).</summary>
public sealed record ModelTag(string Key, string Value);

/// <summary>An alias (e.g. <c>champion</c>) naming one version of a model. Aliases are unique per model.</summary>
public sealed record ModelAlias(string Alias, int Version);

/// <summary>MLflow's model version status; Gyre registers atomically, so stored versions are Ready.</summary>
public enum ModelVersionStatus
{
    PendingRegistration,
    FailedRegistration,
    Ready,
}

/// <summary>MLflow's legacy stages, kept for compatibility (aliases are the way to name versions).</summary>
public static class ModelStages
{
    public const string None = "None";
    public const string Staging = "Staging";
    public const string Production = "Production";
    public const string Archived = "Archived";

    public static readonly IReadOnlyList<string> All = [None, Staging, Production, Archived];
}

/// <summary>
/// What Gyre knows of a version's model package (absent for versions registered through MLflow's API with
/// only a source URI): the SHA-256 of its manifest (which lists every file's hash), its flavor
/// (<c>mlnet</c>, <c>onnx</c>), its input/output signature as JSON, and its evaluation metrics.
/// </summary>
public sealed record PackageFacts(string Sha256, string Flavor, string? SignatureJson, IReadOnlyDictionary<string, double> Metrics);

/// <summary>
/// A registered model. <paramref name="LatestVersions"/>: the newest version per legacy stage (MLflow's
/// latest_versions). Times are Unix ms.
/// </summary>
public sealed record RegisteredModel(
    string Name,
    long CreationTime,
    long LastUpdatedTime,
    string? Description,
    IReadOnlyList<ModelTag> Tags,
    IReadOnlyList<ModelAlias> Aliases,
    IReadOnlyList<ModelVersion> LatestVersions);

/// <summary>
/// One version of a registered model (versions count from 1 per model). <paramref name="Source"/> is where
/// the package lives (an artifact URI such as <c>runs:/RUN/model</c>, <c>mlflow-artifacts:/...</c> or a
/// file path); <paramref name="RunId"/> the run that produced it, when known. Times are Unix ms.
/// </summary>
public sealed record ModelVersion(
    string Name,
    int Version,
    long CreationTime,
    long LastUpdatedTime,
    string? Description,
    string UserId,
    string Stage,
    string Source,
    RunId? RunId,
    string? RunLink,
    ModelVersionStatus Status,
    string? StatusMessage,
    IReadOnlyList<ModelTag> Tags,
    IReadOnlyList<string> Aliases,
    PackageFacts? Package);

/// <summary>Who makes a registry change and why; recorded in the audit log with the change, in the same transaction.</summary>
public sealed record RegistryActor(string User, string? Reason = null);

/// <summary>
/// One append-only audit record. <paramref name="Action"/> is one of <see cref="AuditActions"/>;
/// <paramref name="DetailsJson"/> carries action-specific facts (e.g. a promotion's policy result).
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    long Time,
    string User,
    string Action,
    string ModelName,
    int? Version,
    string? Alias,
    string? Reason,
    string? DetailsJson);

/// <summary>The audit log's action names.</summary>
public static class AuditActions
{
    public const string CreateModel = "create_model";
    public const string RenameModel = "rename_model";
    public const string UpdateModel = "update_model";
    public const string DeleteModel = "delete_model";
    public const string SetModelTag = "set_model_tag";
    public const string DeleteModelTag = "delete_model_tag";
    public const string RegisterVersion = "register_version";
    public const string UpdateVersion = "update_version";
    public const string DeleteVersion = "delete_version";
    public const string SetVersionTag = "set_version_tag";
    public const string DeleteVersionTag = "delete_version_tag";
    public const string TransitionStage = "transition_stage";
    public const string SetAlias = "set_alias";
    public const string DeleteAlias = "delete_alias";
    public const string Promote = "promote";
    public const string PromotionRefused = "promotion_refused";
}
