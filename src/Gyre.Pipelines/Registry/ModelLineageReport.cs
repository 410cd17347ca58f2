using Gyre.Registry;
using Gyre.Training.Packaging;
using Gyre.Tracking;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Where a registered version came from, as far as the registry, the tracking store and the files on disk still
/// say: the version, its package (checked against the recorded checksum), the run that trained it, the spec and
/// hyperparameters, its metrics, the datasets (rechecked against their recorded fingerprints) and the code commit.
/// <see cref="Warnings"/> names every gap or inconsistency found (no run, run gone, package missing or modified,
/// data changed, no git commit); an empty list means the whole chain was found and checks out.
/// </summary>
public sealed record ModelLineageReport(
    ModelReference Reference,
    ModelVersion Version,
    LineagePackage Package,
    LineageRun? Run,
    LineageSpec? Spec,
    LineageMetrics Metrics,
    IReadOnlyList<LineageDataset> Datasets,
    LineageCode Code,
    IReadOnlyList<string> Warnings);

/// <summary>How a version's package compares with what the registry recorded at registration.</summary>
public enum PackageCheck
{
    /// <summary>Every file matches the manifest and the manifest matches the recorded SHA-256.</summary>
    Verified,

    /// <summary>The package's files match its manifest, but the version recorded no checksum to compare with.</summary>
    Unrecorded,

    /// <summary>The package folder is gone (or its run is), or its source cannot be read from this workspace.</summary>
    Missing,

    /// <summary>A file is missing, modified or unreadable, or the manifest is not the one registered.</summary>
    Tampered,
}

/// <summary>
/// The version's package: the recorded SHA-256 and flavor (null for a version registered without package facts),
/// the outcome of checking it, the reason when it is not <see cref="PackageCheck.Verified"/>, and the manifest's
/// facts when it could be read (<see cref="Manifest"/> null when it could not).
/// </summary>
public sealed record LineagePackage(string? Sha256, string? Flavor, PackageCheck Check, string? Problem, LineageManifest? Manifest);

/// <summary>
/// What a package's manifest.json says of its training. <see cref="Verified"/> is false when the manifest was read
/// without passing verification (package tampered or without a recorded checksum): then it is evidence, not fact.
/// <see cref="Hyperparameters"/> are the trainer's effective hyperparameters.
/// </summary>
public sealed record LineageManifest(
    bool Verified,
    string Trainer,
    string Task,
    string Label,
    IReadOnlyDictionary<string, string> Hyperparameters,
    string? TrainingDataFingerprint,
    LibraryVersions? Libraries,
    DateTimeOffset CreatedAt);

/// <summary>
/// The run that produced the version. Times are Unix ms; <see cref="Source"/>, <see cref="Host"/> and
/// <see cref="GyreVersion"/> come from the run's system tags (null when not recorded).
/// </summary>
public sealed record LineageRun(
    string RunId,
    string Name,
    string ExperimentId,
    string? ExperimentName,
    RunStatus Status,
    LifecycleStage LifecycleStage,
    long StartTime,
    long? EndTime,
    string User,
    string? Source,
    string? Host,
    string? GyreVersion);

/// <summary>Where a spec came from: the run's params, or (no run) the package manifest.</summary>
public enum SpecOrigin
{
    Run,
    Package,
}

/// <summary>
/// The training spec. From a run: its params grouped — <see cref="Validation"/> and <see cref="Featurization"/>
/// without their prefixes, <see cref="Hyperparameters"/> as given in the spec (<c>hyperparameters.*</c>),
/// <see cref="EffectiveHyperparameters"/> as the trainer resolved them (<c>trainer.*</c>), every other param in
/// <see cref="Other"/>. From a package: trainer, task, label and effective hyperparameters only
/// (<see cref="Hyperparameters"/> null: what was given is not recorded). Params the run lacks are null or empty.
/// </summary>
public sealed record LineageSpec(
    SpecOrigin Origin,
    string? Trainer,
    string? Task,
    string? Label,
    string? PositiveClass,
    string? Seed,
    string? Data,
    string? TestData,
    IReadOnlyDictionary<string, string> Validation,
    IReadOnlyDictionary<string, string> Featurization,
    IReadOnlyDictionary<string, string>? Hyperparameters,
    IReadOnlyDictionary<string, string> EffectiveHyperparameters,
    IReadOnlyDictionary<string, string> Other);

/// <summary>Where the metrics came from: the run's latest values, the package facts recorded at registration, or nowhere.</summary>
public enum MetricsOrigin
{
    Run,
    Package,
    None,
}

/// <summary>
/// The version's metrics: from its run, each metric's latest value except per-fold <c>cv_NAME</c> and
/// learning-curve <c>iteration_NAME</c> series (<c>cv_NAME_mean</c> / <c>_std</c> are kept); without a run, the
/// package's recorded metrics.
/// </summary>
public sealed record LineageMetrics(MetricsOrigin Origin, IReadOnlyDictionary<string, double> Values);

/// <summary>Whether a dataset's file still holds the content the run recorded.</summary>
public enum DatasetCheck
{
    /// <summary>The file exists and its fingerprint equals the recorded digest.</summary>
    Matches,

    /// <summary>The file exists with other content.</summary>
    Changed,

    /// <summary>No file at the recorded path.</summary>
    Missing,

    /// <summary>Not a local file path, so not rechecked.</summary>
    Unchecked,
}

/// <summary>
/// A dataset input of the run: its <see cref="Context"/> (<c>training</c>, <c>evaluation</c>, or null), the
/// recorded fingerprint (SHA-256 hex of the file's bytes), where it was read, and the recheck;
/// <see cref="CurrentFingerprint"/> is the file's fingerprint now when it was computed.
/// </summary>
public sealed record LineageDataset(
    string Name,
    string? Context,
    string Fingerprint,
    string SourceType,
    string Source,
    DatasetCheck Check,
    string? CurrentFingerprint);

/// <summary>The code the run was trained from: the git commit of its working folder (with repository URL and branch when recorded).</summary>
public sealed record LineageCode(string? GitCommit, string? GitRepository, string? GitBranch)
{
    /// <summary>Whether a commit was recorded.</summary>
    public bool Known => GitCommit is not null;
}
