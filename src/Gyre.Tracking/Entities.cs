using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>MLflow's run statuses; a run is created RUNNING and ends FINISHED, FAILED or KILLED.</summary>
public enum RunStatus
{
    Running,
    Scheduled,
    Finished,
    Failed,
    Killed,
}

/// <summary>Whether an experiment or run is visible or soft-deleted.</summary>
public enum LifecycleStage
{
    Active,
    Deleted,
}

/// <summary>Which lifecycle stages a search returns (MLflow's ViewType).</summary>
public enum ViewType
{
    ActiveOnly,
    DeletedOnly,
    All,
}

/// <summary>A key/value tag on an experiment or run.</summary>
public sealed record Tag(string Key, string Value);

/// <summary>A run parameter. Immutable once logged: logging the same key with another value is an error.</summary>
public sealed record Param(string Key, string Value);

/// <summary>One metric observation. <paramref name="Timestamp"/> is Unix milliseconds.</summary>
public sealed record Metric(string Key, double Value, long Timestamp, long Step = 0);

/// <summary>A dataset a run used, identified by content <paramref name="Digest"/> (SHA-256 hex).</summary>
public sealed record DatasetInput(
    string Name,
    string Digest,
    string SourceType,
    string Source,
    string? Schema = null,
    string? Profile = null,
    IReadOnlyList<Tag>? Tags = null);

/// <summary>Times are Unix milliseconds.</summary>
public sealed record Experiment(
    ExperimentId Id,
    string Name,
    string ArtifactLocation,
    LifecycleStage LifecycleStage,
    long CreationTime,
    long LastUpdateTime,
    IReadOnlyList<Tag> Tags);

/// <summary>Times are Unix milliseconds; <paramref name="EndTime"/> is null while the run is unfinished.</summary>
public sealed record RunInfo(
    RunId RunId,
    ExperimentId ExperimentId,
    string RunName,
    string UserId,
    RunStatus Status,
    long StartTime,
    long? EndTime,
    string ArtifactUri,
    LifecycleStage LifecycleStage);

/// <summary>
/// A run's logged data. <paramref name="Metrics"/> holds each key once: its latest value (greatest step,
/// then greatest timestamp, then greatest value, as MLflow); the full series is in the metric history.
/// </summary>
public sealed record RunData(IReadOnlyList<Metric> Metrics, IReadOnlyList<Param> Params, IReadOnlyList<Tag> Tags);

public sealed record Run(RunInfo Info, RunData Data, IReadOnlyList<DatasetInput> Inputs);

/// <summary>An artifact file or folder, <paramref name="Path"/> relative to the run's artifact root with '/' separators.</summary>
public sealed record ArtifactInfo(string Path, bool IsDirectory, long? FileSize);
