using System.Globalization;
using Gyre.Core;
using Gyre.Registry;
using Gyre.Tracking.Protocol.Messages;
using Gyre.Tracking.Protocol.Messages.Registry;

namespace Gyre.Tracking.Protocol;

/// <summary>
/// Conversions between model registry entities and their MLflow messages. Entity → message is total: versions
/// as strings (<c>"3"</c>), empty descriptions, run ids, run links, status messages and user ids omitted.
/// Message → value checks what MLflow requires and throws InvalidInput naming the field. Thread-safe (stateless).
/// </summary>
public static class RegistryConversions
{
    public static RegisteredModelJson ToJson(this RegisteredModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new RegisteredModelJson
        {
            Name = model.Name,
            CreationTimestamp = model.CreationTime,
            LastUpdatedTimestamp = model.LastUpdatedTime,
            Description = NullIfEmpty(model.Description),
            LatestVersions = [.. model.LatestVersions.Select(ToJson)],
            Tags = [.. model.Tags.Select(ToJson)],
            Aliases = [.. model.Aliases.Select(a => new RegisteredModelAliasJson { Alias = a.Alias, Version = VersionText(a.Version) })],
        };
    }

    public static ModelVersionJson ToJson(this ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new ModelVersionJson
        {
            Name = version.Name,
            Version = VersionText(version.Version),
            CreationTimestamp = version.CreationTime,
            LastUpdatedTimestamp = version.LastUpdatedTime,
            UserId = NullIfEmpty(version.UserId),
            CurrentStage = version.Stage,
            Description = NullIfEmpty(version.Description),
            Source = version.Source,
            RunId = NullIfEmpty(version.RunId?.Value),
            Status = version.Status,
            StatusMessage = NullIfEmpty(version.StatusMessage),
            Tags = [.. version.Tags.Select(ToJson)],
            RunLink = NullIfEmpty(version.RunLink),
            Aliases = version.Aliases,
            GyrePackage = version.Package?.ToJson(),
        };
    }

    public static GyrePackageJson ToJson(this PackageFacts package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new GyrePackageJson
        {
            Sha256 = package.Sha256,
            Flavor = package.Flavor,
            SignatureJson = package.SignatureJson,
            Metrics = package.Metrics,
        };
    }

    public static TagJson ToJson(this ModelTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new TagJson { Key = tag.Key, Value = tag.Value };
    }

    /// <summary>A request's tag: <c>key</c> required, an absent value is "".</summary>
    public static ModelTag ToModelTag(this TagJson tag, string field)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new ModelTag(RequiredParameters.NonEmpty(tag.Key, field + ".key"), tag.Value ?? "");
    }

    /// <summary>
    /// A request's version number (MLflow sends it as a string, <c>"3"</c>): required, a positive integer;
    /// InvalidInput "Invalid value for parameter 'version' ..." otherwise.
    /// </summary>
    public static int Version(string? value, string field)
    {
        var text = RequiredParameters.NonEmpty(value, field);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw GyreException.InvalidInput($"Invalid value for parameter '{field}' supplied: expected a positive integer version number, got '{text}'.");
    }

    /// <summary>The wire form of a version number.</summary>
    public static string VersionText(int version) => version.ToString(CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
