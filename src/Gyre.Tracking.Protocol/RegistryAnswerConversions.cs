using Gyre.Core;
using Gyre.Registry;
using Gyre.Tracking.Protocol.Messages.Registry;

namespace Gyre.Tracking.Protocol;

/// <summary>
/// The reverse of <see cref="RegistryConversions"/>: MLflow registry messages and Gyre's extension messages back into
/// registry entities (what a client reads from a server's answer, what a server reads from Gyre's extension requests),
/// plus audit entries to messages. Absent optional fields become the entity's defaults (no description, stage None,
/// status Ready, user ""); a missing required field is InvalidInput naming it. Thread-safe (stateless).
/// </summary>
public static class RegistryAnswerConversions
{
    public static RegisteredModel ToRegisteredModel(this RegisteredModelJson model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new RegisteredModel(
            RequiredParameters.NonEmpty(model.Name, "registered_model.name"),
            model.CreationTimestamp ?? 0,
            model.LastUpdatedTimestamp ?? 0,
            NullIfEmpty(model.Description),
            [.. (model.Tags ?? []).Select(t => t.ToModelTag("registered_model.tags"))],
            [.. (model.Aliases ?? []).Select(a => new ModelAlias(
                RequiredParameters.NonEmpty(a.Alias, "registered_model.aliases.alias"),
                RegistryConversions.Version(a.Version, "registered_model.aliases.version")))],
            [.. (model.LatestVersions ?? []).Select(ToModelVersion)]);
    }

    public static ModelVersion ToModelVersion(this ModelVersionJson version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new ModelVersion(
            RequiredParameters.NonEmpty(version.Name, "model_version.name"),
            RegistryConversions.Version(version.Version, "model_version.version"),
            version.CreationTimestamp ?? 0,
            version.LastUpdatedTimestamp ?? 0,
            NullIfEmpty(version.Description),
            version.UserId ?? "",
            string.IsNullOrEmpty(version.CurrentStage) ? ModelStages.None : version.CurrentStage,
            version.Source ?? "",
            string.IsNullOrEmpty(version.RunId) ? null : new RunId(version.RunId),
            NullIfEmpty(version.RunLink),
            version.Status ?? ModelVersionStatus.Ready,
            NullIfEmpty(version.StatusMessage),
            [.. (version.Tags ?? []).Select(t => t.ToModelTag("model_version.tags"))],
            version.Aliases ?? [],
            version.GyrePackage?.ToPackageFacts("model_version.gyre_package"));
    }

    /// <summary>Package facts: <c>sha256</c> and <c>flavor</c> required, no metrics = none.</summary>
    public static PackageFacts ToPackageFacts(this GyrePackageJson package, string field)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new PackageFacts(
            RequiredParameters.NonEmpty(package.Sha256, field + ".sha256"),
            RequiredParameters.NonEmpty(package.Flavor, field + ".flavor"),
            NullIfEmpty(package.SignatureJson),
            package.Metrics ?? new Dictionary<string, double>());
    }

    public static AuditEntryJson ToJson(this AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntryJson
        {
            Sequence = entry.Sequence,
            Time = entry.Time,
            User = entry.User,
            Action = entry.Action,
            ModelName = entry.ModelName,
            Version = entry.Version is { } version ? RegistryConversions.VersionText(version) : null,
            Alias = entry.Alias,
            Reason = entry.Reason,
            DetailsJson = entry.DetailsJson,
        };
    }

    public static AuditEntry ToAuditEntry(this AuditEntryJson entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntry(
            entry.Sequence ?? 0,
            entry.Time ?? 0,
            entry.User ?? "",
            RequiredParameters.NonEmpty(entry.Action, "entries.action"),
            RequiredParameters.NonEmpty(entry.ModelName, "entries.model_name"),
            string.IsNullOrEmpty(entry.Version) ? null : RegistryConversions.Version(entry.Version, "entries.version"),
            entry.Alias,
            entry.Reason,
            entry.DetailsJson);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
