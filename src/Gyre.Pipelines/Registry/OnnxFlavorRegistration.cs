using System.Globalization;
using System.Security.Cryptography;
using Gyre.Core;
using Gyre.Registry;
using Gyre.Tracking;
using Gyre.Training.Onnx;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Records an ONNX export as the <c>onnx</c> flavor of the registered version it came from: the file is logged as the
/// artifact <c>onnx/FILE</c> of the version's run, and the version gets the tags <see cref="FlavorTag"/> (the
/// artifact URI, <c>runs:/RUN/onnx/FILE</c>), <see cref="Sha256Tag"/> and <see cref="DifferenceTag"/> (the parity
/// check's largest score difference). The version's own package is untouched, so its checksum still holds.
/// </summary>
public static class OnnxFlavorRegistration
{
    public const string FlavorTag = "gyre.flavor.onnx";
    public const string Sha256Tag = "gyre.flavor.onnx.sha256";
    public const string DifferenceTag = "gyre.flavor.onnx.max_abs_difference";

    /// <summary>Logs the file and tags the version; returns the artifact URI. InvalidState when the version names no run.</summary>
    public static async Task<string> RecordAsync(IModelRegistryStore registry, ITrackingStore tracking, IArtifactStore artifacts, ModelVersion version,
        OnnxExportResult export, RegistryActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(tracking);
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(export);
        if (version.RunId is not { } runId)
        {
            throw GyreException.InvalidState($"Model {version.Name} version {version.Version} names no run to keep its ONNX flavor in.");
        }

        var run = await tracking.GetRunAsync(runId, cancellationToken);
        await artifacts.LogArtifactAsync(run.Info.ExperimentId, runId, export.Path, "onnx", cancellationToken);
        var uri = $"runs:/{runId.Value}/onnx/{Path.GetFileName(export.Path)}";
        byte[] hash;
        await using (var file = File.OpenRead(export.Path))
        {
            hash = await SHA256.HashDataAsync(file, cancellationToken);
        }

        ModelTag[] tags =
        [
            new(FlavorTag, uri),
            new(Sha256Tag, Convert.ToHexStringLower(hash)),
            new(DifferenceTag, export.MaxAbsoluteDifference.ToString("R", CultureInfo.InvariantCulture)),
        ];
        foreach (var tag in tags)
        {
            await registry.SetModelVersionTagAsync(version.Name, version.Version, tag, actor, cancellationToken);
        }

        return uri;
    }
}
