using System.Text.Json;
using System.Text.Json.Serialization;
using Gyre.Core;
using Gyre.Data.Fingerprints;
using Gyre.Registry;
using Gyre.Training.Packaging;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Traces a registered version back to what produced it (see <see cref="ModelLineageReport"/>). Made for
/// investigating, so it reports rather than refuses: a missing or tampered package, a deleted run or a changed data
/// file become a check result and a warning, never an error. It writes nothing, and reads every data file a run
/// recorded in full (to fingerprint it). Thread-safe as far as the stores are.
/// </summary>
public sealed class ModelLineage(IModelRegistryStore registry, ITrackingStore tracking, IArtifactStore artifacts)
{
    /// <summary>The run tags MLflow clients use for the git repository and branch (Gyre records the commit).</summary>
    public const string GitRepositoryTag = "mlflow.source.git.repoURL";

    public const string GitBranchTag = "mlflow.source.git.branch";

    private const string DatasetContextTag = "mlflow.data.context";

    /// <summary>Reads manifests that failed verification; the same dialect as the package writer's.</summary>
    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private readonly PackageLocations _locations = new(tracking, artifacts);

    /// <exception cref="GyreException">InvalidInput for a malformed reference; NotFound for an unknown model, version or alias; the stores' errors other than a run's NotFound.</exception>
    public Task<ModelLineageReport> TraceAsync(string reference, CancellationToken cancellationToken) =>
        TraceAsync(ModelReference.Parse(reference), cancellationToken);

    /// <inheritdoc cref="TraceAsync(string, CancellationToken)"/>
    public async Task<ModelLineageReport> TraceAsync(ModelReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var version = await reference.ResolveAsync(registry, cancellationToken);
        var label = $"{version.Name}/{version.Version}";
        var warnings = new List<string>();

        var package = await InspectPackageAsync(version, label, cancellationToken);
        if (package.Problem is not null)
        {
            warnings.Add(package.Problem);
        }

        Run? run = null;
        string? experimentName = null;
        if (version.RunId is { } runId)
        {
            try
            {
                run = await tracking.GetRunAsync(runId, cancellationToken);
                experimentName = await FindExperimentNameAsync(run.Info.ExperimentId, cancellationToken);
            }
            catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
            {
                warnings.Add($"{label} names run {runId.Value}, which is not in the tracking store ({error.Message}); only the package's facts are known.");
            }
        }
        else
        {
            warnings.Add($"{label} was registered from a package (source {version.Source}), not from a run: there is no run, so the spec, datasets and code commit are only what the package manifest records.");
        }

        if (run is null)
        {
            return new ModelLineageReport(
                reference,
                version,
                package,
                null,
                package.Manifest is { } manifest ? SpecFromManifest(manifest) : null,
                version.Package is { Metrics.Count: > 0 } facts
                    ? new LineageMetrics(MetricsOrigin.Package, facts.Metrics)
                    : new LineageMetrics(MetricsOrigin.None, new Dictionary<string, double>()),
                [],
                new LineageCode(null, null, null),
                warnings);
        }

        if (run.Info.LifecycleStage == LifecycleStage.Deleted)
        {
            warnings.Add($"Run {run.Info.RunId.Value} of {label} is deleted (it can be restored with the tracking store).");
        }

        var datasets = new List<LineageDataset>();
        foreach (var input in run.Inputs)
        {
            var dataset = await CheckDatasetAsync(input, cancellationToken);
            datasets.Add(dataset);
            if (dataset.Check is DatasetCheck.Changed)
            {
                warnings.Add($"Dataset {dataset.Source} has changed since run {run.Info.RunId.Value} read it: fingerprint now {dataset.CurrentFingerprint}, recorded {dataset.Fingerprint}.");
            }
            else if (dataset.Check is DatasetCheck.Missing)
            {
                warnings.Add($"Dataset {dataset.Source} (fingerprint {dataset.Fingerprint}) no longer exists.");
            }
        }

        var trainingDigest = datasets.FirstOrDefault(d => d.Context == "training")?.Fingerprint;
        if (package.Manifest?.TrainingDataFingerprint is { } recorded && trainingDigest is not null
            && !string.Equals(recorded, trainingDigest, StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add($"The package of {label} records training data fingerprint {recorded}, but run {run.Info.RunId.Value} recorded {trainingDigest}.");
        }

        var tags = run.Data.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var code = new LineageCode(tags.GetValueOrDefault(RunContext.GitCommitTag), tags.GetValueOrDefault(GitRepositoryTag), tags.GetValueOrDefault(GitBranchTag));
        if (!code.Known)
        {
            warnings.Add($"Run {run.Info.RunId.Value} recorded no git commit: it was not started in a git checkout with a commit.");
        }

        var info = run.Info;
        var lineageRun = new LineageRun(
            info.RunId.Value,
            info.RunName,
            info.ExperimentId.Value,
            experimentName,
            info.Status,
            info.LifecycleStage,
            info.StartTime,
            info.EndTime,
            tags.GetValueOrDefault(RunContext.UserTag) ?? info.UserId,
            tags.GetValueOrDefault(RunContext.SourceNameTag),
            tags.GetValueOrDefault(RunContext.HostTag),
            tags.GetValueOrDefault(RunContext.VersionTag));
        var metrics = run.Data.Metrics
            .Where(m => !IsSeries(m.Key))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        return new ModelLineageReport(
            reference,
            version,
            package,
            lineageRun,
            SpecFromParams(run.Data.Params),
            new LineageMetrics(MetricsOrigin.Run, metrics),
            datasets,
            code,
            warnings);
    }

    /// <summary>Per-fold <c>cv_NAME</c> and learning-curve <c>iteration_NAME</c> metrics, whose latest value summarizes nothing.</summary>
    private static bool IsSeries(string key) =>
        key.StartsWith("iteration_", StringComparison.Ordinal)
        || (key.StartsWith("cv_", StringComparison.Ordinal) && !key.EndsWith("_mean", StringComparison.Ordinal) && !key.EndsWith("_std", StringComparison.Ordinal));

    private async Task<string?> FindExperimentNameAsync(ExperimentId id, CancellationToken cancellationToken)
    {
        try
        {
            return (await tracking.GetExperimentAsync(id, cancellationToken)).Name;
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static LineageSpec SpecFromParams(IReadOnlyList<Param> parameters)
    {
        var validation = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var featurization = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var given = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var effective = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var other = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] single = ["trainer", "task", "label", "positive_class", "seed", "data", "test_data"];
        foreach (var (key, value) in parameters)
        {
            if (single.Contains(key, StringComparer.Ordinal))
            {
                named[key] = value;
            }
            else if (!(TryAdd(validation, "validation.", key, value) || TryAdd(featurization, "featurization.", key, value)
                || TryAdd(given, "hyperparameters.", key, value) || TryAdd(effective, "trainer.", key, value)))
            {
                other[key] = value;
            }
        }

        return new LineageSpec(
            SpecOrigin.Run,
            named.GetValueOrDefault("trainer"),
            named.GetValueOrDefault("task"),
            named.GetValueOrDefault("label"),
            named.GetValueOrDefault("positive_class"),
            named.GetValueOrDefault("seed"),
            named.GetValueOrDefault("data"),
            named.GetValueOrDefault("test_data"),
            validation,
            featurization,
            given,
            effective,
            other);
    }

    /// <summary>Adds <paramref name="key"/> without <paramref name="prefix"/> when it has it.</summary>
    private static bool TryAdd(SortedDictionary<string, string> group, string prefix, string key, string value)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        group[key[prefix.Length..]] = value;
        return true;
    }

    private static LineageSpec SpecFromManifest(LineageManifest manifest) =>
        new(
            SpecOrigin.Package,
            manifest.Trainer,
            manifest.Task,
            manifest.Label,
            null,
            null,
            null,
            null,
            new Dictionary<string, string>(),
            new Dictionary<string, string>(),
            null,
            new SortedDictionary<string, string>(manifest.Hyperparameters.ToDictionary(), StringComparer.Ordinal),
            new Dictionary<string, string>());

    private static async Task<LineageDataset> CheckDatasetAsync(DatasetInput input, CancellationToken cancellationToken)
    {
        var context = input.Tags?.FirstOrDefault(t => t.Key == DatasetContextTag)?.Value;
        DatasetCheck check;
        string? current = null;
        if (input.SourceType != "local" || !Path.IsPathFullyQualified(input.Source))
        {
            check = DatasetCheck.Unchecked;
        }
        else if (!File.Exists(input.Source))
        {
            check = DatasetCheck.Missing;
        }
        else
        {
            try
            {
                current = await DatasetFingerprint.ComputeAsync(input.Source, cancellationToken);
                check = string.Equals(current, input.Digest, StringComparison.OrdinalIgnoreCase) ? DatasetCheck.Matches : DatasetCheck.Changed;
            }
            catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
            {
                // Deleted between the existence check and the read.
                check = DatasetCheck.Missing;
            }
        }

        return new LineageDataset(input.Name, context, input.Digest, input.SourceType, input.Source, check, current);
    }

    /// <summary>Checks the package the way <see cref="RegisteredModelLoader"/> does, but reports what it finds instead of refusing.</summary>
    private async Task<LineagePackage> InspectPackageAsync(ModelVersion version, string label, CancellationToken cancellationToken)
    {
        var recorded = version.Package;
        string folder;
        try
        {
            folder = await _locations.ResolveAsync(version.Source, cancellationToken);
        }
        catch (GyreException error) when (error.Kind is ErrorKind.NotFound or ErrorKind.InvalidInput)
        {
            return new LineagePackage(recorded?.Sha256, recorded?.Flavor, PackageCheck.Missing, $"The package of {label} cannot be found: {error.Message}", null);
        }

        try
        {
            VerifiedPackage verified;
            try
            {
                verified = await PackageFactsReader.LoadAsync(folder, cancellationToken);
            }
            catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
            {
                return new LineagePackage(recorded?.Sha256, recorded?.Flavor, PackageCheck.Missing, $"The package of {label} is missing: {error.Message}", null);
            }
            catch (GyreException error) when (error.Kind == ErrorKind.Corrupt)
            {
                return new LineagePackage(
                    recorded?.Sha256,
                    recorded?.Flavor,
                    PackageCheck.Tampered,
                    $"The package of {label} fails verification, so its manifest facts below are unverified: {error.Message}",
                    await ReadUnverifiedManifestAsync(folder, cancellationToken));
            }

            if (recorded is null)
            {
                return new LineagePackage(
                    null,
                    null,
                    PackageCheck.Unrecorded,
                    $"{label} was registered without a package checksum (source {version.Source}): its package is self-consistent but cannot be tied to the registration.",
                    FromManifest(verified.Package.Manifest, verified: false));
            }

            if (!string.Equals(verified.Facts.Sha256, recorded.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                return new LineagePackage(
                    recorded.Sha256,
                    recorded.Flavor,
                    PackageCheck.Tampered,
                    $"The package of {label} was modified or replaced: {Path.Combine(folder, ModelPackage.ManifestFileName)} has SHA-256 {verified.Facts.Sha256} but the registry recorded {recorded.Sha256}; its manifest facts below are unverified.",
                    FromManifest(verified.Package.Manifest, verified: false));
            }

            return new LineagePackage(recorded.Sha256, recorded.Flavor, PackageCheck.Verified, null, FromManifest(verified.Package.Manifest, verified: true));
        }
        finally
        {
            DeleteDownload(version.Source, folder);
        }
    }

    /// <summary>
    /// Deletes the temp copy <see cref="PackageLocations.ResolveAsync"/> downloads from a remote artifact store (a
    /// run's artifact comes inside a fresh download folder, a registry-area package is the fresh folder itself).
    /// </summary>
    private void DeleteDownload(string source, string folder)
    {
        if (artifacts is not ArtifactStore { Repository: var repository } || repository is ILocalArtifactRepository)
        {
            return;
        }

        var isRun = source.StartsWith(PackageLocations.RunsScheme, StringComparison.Ordinal);
        if (!isRun && !source.StartsWith(repository.RootUri + "/", StringComparison.Ordinal))
        {
            return;
        }

        var download = isRun ? Path.GetDirectoryName(folder) : folder;
        var temp = Path.GetFullPath(Path.GetTempPath());
        if (download is not null && Path.GetFullPath(download).StartsWith(temp, StringComparison.Ordinal) && Directory.Exists(download))
        {
            Directory.Delete(download, recursive: true);
        }
    }

    /// <summary>The manifest of a package that failed verification, or null when it cannot be read as one.</summary>
    private static async Task<LineageManifest?> ReadUnverifiedManifestAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, ModelPackage.ManifestFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var manifest = await JsonSerializer.DeserializeAsync<PackageManifest>(stream, ManifestJson, cancellationToken);
            return manifest is null ? null : FromManifest(manifest, verified: false);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    private static LineageManifest FromManifest(PackageManifest manifest, bool verified) =>
        new(
            verified,
            manifest.Trainer,
            manifest.Task.ToString().ToLowerInvariant(),
            manifest.Label,
            new SortedDictionary<string, string>(manifest.Hyperparameters.ToDictionary(), StringComparer.Ordinal),
            manifest.TrainingDataFingerprint,
            manifest.Libraries,
            manifest.CreatedAt);
}
