using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Registry;

namespace Gyre.Cli.Output;

/// <summary>A registered version as `gyre models` prints it in --json (snake_case); times are ISO 8601 UTC.</summary>
public sealed record ModelVersionView(
    string Name,
    int Version,
    IReadOnlyList<string> Aliases,
    string Stage,
    string Source,
    string? RunId,
    string UserId,
    string? Description,
    string Created,
    string Status,
    IReadOnlyDictionary<string, string> Tags,
    PackageView? Package)
{
    public static ModelVersionView From(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new ModelVersionView(
            version.Name,
            version.Version,
            version.Aliases,
            version.Stage,
            version.Source,
            version.RunId?.Value,
            version.UserId,
            version.Description,
            ModelViews.Time(version.CreationTime),
            version.Status.ToString(),
            version.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            version.Package is { } p ? new PackageView(p.Sha256, p.Flavor, p.SignatureJson is null ? null : JsonNode.Parse(p.SignatureJson), p.Metrics) : null);
    }
}

/// <summary>What was verified of a version's package at registration.</summary>
public sealed record PackageView(string Sha256, string Flavor, JsonNode? Signature, IReadOnlyDictionary<string, double> Metrics);

/// <summary>A registered model as `gyre models list|show` prints it in --json.</summary>
public sealed record RegisteredModelView(
    string Name,
    string? Description,
    string Created,
    string LastUpdated,
    IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyDictionary<string, string> Tags,
    int? LatestVersion)
{
    public static RegisteredModelView From(RegisteredModel model, int? latestVersion)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new RegisteredModelView(
            model.Name,
            model.Description,
            ModelViews.Time(model.CreationTime),
            ModelViews.Time(model.LastUpdatedTime),
            model.Aliases.ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal),
            model.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            latestVersion);
    }
}

/// <summary>Formatting shared by the model views.</summary>
public static class ModelViews
{
    /// <summary>Unix ms as ISO 8601 UTC.</summary>
    public static string Time(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
