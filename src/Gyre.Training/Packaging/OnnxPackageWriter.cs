using System.Text;
using System.Text.Json;
using Gyre.Core;

namespace Gyre.Training.Packaging;

/// <summary>
/// Writes an "onnx" flavor package folder atomically, as <see cref="ModelPackageWriter"/> writes ML.NET ones: the
/// graph as model.onnx, the optional profiles, then manifest.json listing every file's SHA-256, all in a temporary
/// sibling folder renamed into place.
/// </summary>
internal static class OnnxPackageWriter
{
    /// <summary>Writes the package; <paramref name="manifest"/>'s Files are replaced by the files written.</summary>
    /// <exception cref="GyreException">AlreadyExists when <paramref name="target"/> exists and overwrite is off; InvalidInput when a profile is not JSON.</exception>
    public static async Task WriteAsync(byte[] graph, PackageManifest manifest, string target, PackageSaveOptions options, CancellationToken cancellationToken)
    {
        if (Path.Exists(target) && !options.Overwrite)
        {
            throw GyreException.AlreadyExists($"'{target}' already exists; pass overwrite to replace the model package.");
        }

        ModelPackageWriter.RequireJson(options.ReferenceProfileJson, "reference profile");
        ModelPackageWriter.RequireJson(options.MonitoringProfileJson, "monitoring profile");
        var parent = Path.GetDirectoryName(target) ?? throw GyreException.InvalidInput($"'{target}' has no parent folder.");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [ModelPackage.OnnxModelFileName] = await ModelPackageWriter.WriteFileAsync(staging, ModelPackage.OnnxModelFileName, graph, cancellationToken),
            };
            if (options.ReferenceProfileJson is { } reference)
            {
                files[ModelPackage.ReferenceProfileFileName] = await ModelPackageWriter.WriteFileAsync(staging, ModelPackage.ReferenceProfileFileName, Encoding.UTF8.GetBytes(reference), cancellationToken);
            }

            if (options.MonitoringProfileJson is { } monitoring)
            {
                files[ModelPackage.MonitoringProfileFileName] = await ModelPackageWriter.WriteFileAsync(staging, ModelPackage.MonitoringProfileFileName, Encoding.UTF8.GetBytes(monitoring), cancellationToken);
            }

            var complete = manifest with { Flavor = PackageManifest.OnnxFlavor, Files = files };
            await ModelPackageWriter.WriteFileAsync(staging, ModelPackage.ManifestFileName, JsonSerializer.SerializeToUtf8Bytes(complete, PackageJson.Options), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            ModelPackageWriter.MoveIntoPlace(staging, target, options.Overwrite);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
