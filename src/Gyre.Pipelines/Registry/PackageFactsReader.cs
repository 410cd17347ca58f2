using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Core;
using Gyre.Registry;
using Gyre.Training.Packaging;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Loads a model package and states what the registry records of it: the SHA-256 of its manifest.json (which
/// lists every other file's hash, so it pins the whole package), its flavor, its signature (the manifest's
/// <c>inputs</c> and <c>outputs</c> as JSON) and its metrics. Stateless and thread-safe.
/// </summary>
public static class PackageFactsReader
{
    /// <summary>The lowercase hex SHA-256 of <paramref name="packageFolder"/>'s manifest.json; Corrupt naming the file when it is missing.</summary>
    public static async Task<string> ManifestSha256Async(string packageFolder, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(SHA256.HashData(await ReadManifestAsync(packageFolder, cancellationToken)));

    /// <summary>
    /// Loads (verifying every file, see <see cref="ModelPackage.LoadAsync"/>) the package at <paramref name="packageFolder"/>
    /// and returns it with its facts. The manifest hashed is the one verified: a manifest that changes during the
    /// load is Corrupt.
    /// </summary>
    /// <exception cref="GyreException">NotFound when the folder is absent; Corrupt naming the file when a file is missing, modified or unreadable.</exception>
    public static async Task<VerifiedPackage> LoadAsync(string packageFolder, CancellationToken cancellationToken)
    {
        var before = await ReadManifestAsync(packageFolder, cancellationToken);
        var package = await ModelPackage.LoadAsync(packageFolder, cancellationToken);
        var after = await ReadManifestAsync(package.Path, cancellationToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(after));
        if (!string.Equals(sha, Convert.ToHexStringLower(SHA256.HashData(before)), StringComparison.Ordinal))
        {
            throw GyreException.Corrupt($"Model package '{package.Path}': {ModelPackage.ManifestFileName} changed while it was being read.");
        }

        JsonObject signature;
        try
        {
            var document = JsonNode.Parse(after);
            signature = new JsonObject
            {
                ["inputs"] = document?["inputs"]?.DeepClone(),
                ["outputs"] = document?["outputs"]?.DeepClone(),
            };
        }
        catch (JsonException ex)
        {
            throw new GyreException(ErrorKind.Corrupt, $"Model package '{package.Path}': {ModelPackage.ManifestFileName} is not valid JSON: {ex.Message}", ex);
        }

        var metrics = new Dictionary<string, double>(package.Manifest.Metrics, StringComparer.Ordinal);
        return new VerifiedPackage(package, new PackageFacts(sha, package.Manifest.Flavor, signature.ToJsonString(), metrics));
    }

    private static async Task<byte[]> ReadManifestAsync(string packageFolder, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(packageFolder);
        if (!Directory.Exists(folder))
        {
            throw GyreException.NotFound($"Model package '{folder}' does not exist.");
        }

        var manifest = Path.Combine(folder, ModelPackage.ManifestFileName);
        return File.Exists(manifest)
            ? await File.ReadAllBytesAsync(manifest, cancellationToken)
            : throw GyreException.Corrupt($"Model package '{folder}' has no {ModelPackage.ManifestFileName}.");
    }
}
