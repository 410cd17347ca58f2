using System.Reflection;
using System.Security.Cryptography;

namespace Gyre.Server.Ui;

/// <summary>
/// The UI files compiled into Gyre.Server as embedded resources named <c>ui/RELATIVE/PATH</c> (see the csproj),
/// read once and kept in memory with their ETags.
/// </summary>
internal sealed class EmbeddedUiAssets : IUiAssetSource
{
    public const string ResourcePrefix = "ui/";

    private static readonly Lazy<EmbeddedUiAssets> Shared = new(() => new EmbeddedUiAssets(typeof(EmbeddedUiAssets).Assembly));

    private readonly Dictionary<string, UiAsset> assets = new(StringComparer.Ordinal);

    private EmbeddedUiAssets(Assembly assembly)
    {
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var path = name.Replace('\\', '/');
            if (!path.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var relative = path[ResourcePrefix.Length..];
            assets[relative] = Create(relative, buffer.ToArray());
        }
    }

    /// <summary>The one instance over this assembly's resources.</summary>
    public static EmbeddedUiAssets Instance => Shared.Value;

    public UiAsset? Find(string path) => assets.GetValueOrDefault(path);

    /// <summary>An asset for <paramref name="content"/> with its content type by extension and a SHA-256 ETag.</summary>
    public static UiAsset Create(string path, byte[] content) =>
        new(content, UiContentTypes.ForPath(path), "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"");
}
