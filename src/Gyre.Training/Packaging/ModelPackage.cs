using System.Security.Cryptography;
using System.Text.Json;
using Gyre.Core;
using Gyre.Training.Featurization;
using Gyre.Training.Scoring;
using Microsoft.ML;

namespace Gyre.Training.Packaging;

/// <summary>
/// A model package: a folder holding model.zip (the ML.NET model with its input schema; model.onnx, an ONNX graph
/// trained elsewhere, for the "onnx" flavor), manifest.json
/// (<see cref="PackageManifest"/>) and, when given, reference_profile.json and monitoring_profile.json. Written atomically (built in a
/// temporary sibling folder, then renamed into place); loaded only after every file's SHA-256 matches the
/// manifest. A loaded package is immutable and thread-safe for scoring.
/// </summary>
public sealed class ModelPackage
{
    public const string ModelFileName = "model.zip";

    /// <summary>The graph of an "onnx" flavor package (<see cref="PackageManifest.OnnxFlavor"/>), in place of model.zip.</summary>
    public const string OnnxModelFileName = "model.onnx";
    public const string ManifestFileName = "manifest.json";
    public const string ReferenceProfileFileName = "reference_profile.json";
    public const string MonitoringProfileFileName = "monitoring_profile.json";

    private ModelPackage(string path, PackageManifest manifest, ModelPredictor predictor)
    {
        Path = path;
        Manifest = manifest;
        Predictor = predictor;
    }

    /// <summary>The package folder (full path).</summary>
    public string Path { get; }

    public PackageManifest Manifest { get; }

    /// <summary>Scores tables with the packaged model after checking them against <see cref="PackageManifest.Inputs"/>.</summary>
    public ModelPredictor Predictor { get; }

    /// <summary>Writes <paramref name="model"/> as a package at <paramref name="path"/> and returns it loaded.</summary>
    /// <exception cref="GyreException">AlreadyExists when <paramref name="path"/> exists and <see cref="PackageSaveOptions.Overwrite"/> is false; InvalidInput when the reference profile is not JSON.</exception>
    public static async Task<ModelPackage> SaveAsync(TrainedModel model, string path, PackageSaveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var target = System.IO.Path.GetFullPath(path);
        await ModelPackageWriter.WriteAsync(model, target, options, cancellationToken);
        return await LoadAsync(target, cancellationToken);
    }

    /// <summary>Loads and verifies a package.</summary>
    /// <exception cref="GyreException">NotFound when the folder does not exist; Corrupt naming the file when a file is missing, its hash differs, or the manifest or model is unreadable.</exception>
    public static async Task<ModelPackage> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var folder = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(folder))
        {
            throw GyreException.NotFound($"Model package '{folder}' does not exist.");
        }

        var manifest = await ReadManifestAsync(folder, cancellationToken);
        var modelFile = manifest.Flavor == PackageManifest.OnnxFlavor ? OnnxModelFileName : ModelFileName;
        if (!manifest.Files.ContainsKey(modelFile))
        {
            throw GyreException.Corrupt($"Model package '{folder}': {ManifestFileName} does not list {modelFile}.");
        }

        byte[]? modelBytes = null;
        foreach (var (name, expected) in manifest.Files)
        {
            var bytes = await ReadVerifiedAsync(folder, name, expected, cancellationToken);
            if (name == modelFile)
            {
                modelBytes = bytes;
            }
        }

        ITransformer transformer;
        try
        {
            if (manifest.Flavor == PackageManifest.OnnxFlavor)
            {
                transformer = OnnxPackageModel.Build(System.IO.Path.Combine(folder, OnnxModelFileName), manifest);
            }
            else
            {
                using var stream = new MemoryStream(modelBytes!, writable: false);
                transformer = new MLContext().Model.Load(stream, out _);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException or IOException or ArgumentException
            or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            throw new GyreException(ErrorKind.Corrupt, $"Model package '{folder}': {modelFile} cannot be loaded ({manifest.Flavor} flavor): {ex.Message}", ex);
        }

        return new ModelPackage(folder, manifest, new ModelPredictor(transformer, manifest.Inputs, manifest.ToLabelMapping()));
    }

    /// <summary>The reference profile JSON text saved with the package, or null when none was saved.</summary>
    public Task<string?> ReadReferenceProfileAsync(CancellationToken cancellationToken = default) =>
        ReadOptionalTextAsync(ReferenceProfileFileName, cancellationToken);

    /// <summary>The monitoring profile JSON text (mergeable sketches of the training data) saved with the package, or null.</summary>
    public Task<string?> ReadMonitoringProfileAsync(CancellationToken cancellationToken = default) =>
        ReadOptionalTextAsync(MonitoringProfileFileName, cancellationToken);

    private async Task<string?> ReadOptionalTextAsync(string name, CancellationToken cancellationToken)
    {
        if (!Manifest.Files.TryGetValue(name, out var expected))
        {
            return null;
        }

        var bytes = await ReadVerifiedAsync(Path, name, expected, cancellationToken);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    internal static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<PackageManifest> ReadManifestAsync(string folder, CancellationToken cancellationToken)
    {
        var manifestPath = System.IO.Path.Combine(folder, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw GyreException.Corrupt($"Model package '{folder}' has no {ManifestFileName}.");
        }

        PackageManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(manifestPath);
            manifest = await JsonSerializer.DeserializeAsync<PackageManifest>(stream, PackageJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new GyreException(ErrorKind.Corrupt, $"Model package '{folder}': {ManifestFileName} is not a valid manifest (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        if (manifest is null || manifest.Flavor is not (PackageManifest.MlNetFlavor or PackageManifest.OnnxFlavor) || manifest.FormatVersion != PackageManifest.CurrentFormatVersion)
        {
            throw GyreException.Corrupt(
                $"Model package '{folder}': {ManifestFileName} has flavor '{manifest?.Flavor}' and format version {manifest?.FormatVersion}; " +
                $"this Gyre reads flavors '{PackageManifest.MlNetFlavor}' and '{PackageManifest.OnnxFlavor}', format version {PackageManifest.CurrentFormatVersion}.");
        }

        return manifest;
    }

    private static async Task<byte[]> ReadVerifiedAsync(string folder, string name, string expectedSha256, CancellationToken cancellationToken)
    {
        var filePath = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, name));
        if (!filePath.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw GyreException.Corrupt($"Model package '{folder}': {ManifestFileName} lists '{name}', which is outside the package.");
        }

        if (!File.Exists(filePath))
        {
            throw GyreException.Corrupt($"Model package '{folder}' is missing {name}, which its manifest lists.");
        }

        var bytes = await File.ReadAllBytesAsync(filePath, cancellationToken);
        var actual = Sha256Hex(bytes);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw GyreException.Corrupt($"Model package '{folder}': {name} has SHA-256 {actual} but the manifest says {expectedSha256}; the file was modified or damaged.");
        }

        return bytes;
    }
}
