using Gyre.Monitoring.Drift;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// What to compare. Reference: <see cref="ReferencePath"/> (a data file) or, by default, the monitoring profile
/// stored in <see cref="Model"/>'s package. Current: <see cref="CurrentPath"/> (a data file) or the model's
/// inference log (endpoint <see cref="Endpoint"/>, default the model's name) over <see cref="Window"/> or the
/// last <see cref="LastRows"/> records. When a model is given, files without the model's outputs are scored
/// so that prediction drift, performance and fairness can be computed.
/// </summary>
public sealed record MonitorRequest
{
    /// <summary>NAME@ALIAS, NAME/VERSION or a package folder; null only when both sides are files.</summary>
    public string? Model { get; init; }

    public string? ReferencePath { get; init; }

    public string? CurrentPath { get; init; }

    public string? Endpoint { get; init; }

    public TimeSpan? Window { get; init; }

    public int? LastRows { get; init; }

    /// <summary>Only inference log records scored by this model version (null: every version in the window).</summary>
    public int? ModelVersion { get; init; }

    public DatasetDriftOptions Drift { get; init; } = DatasetDriftOptions.Default;

    /// <summary>Ground-truth column in data files; default the model's label.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Column whose values split performance into slices (also a fairness attribute).</summary>
    public string? SegmentColumn { get; init; }

    /// <summary>Protected attributes for fairness figures (columns of the current data).</summary>
    public IReadOnlyList<string> FairnessAttributes { get; init; } = [];

    /// <summary>Width of a performance window; default: 10 windows over the current data's span (or 10 row chunks).</summary>
    public TimeSpan? PerformanceWindow { get; init; }

    /// <summary>Column of a current data file holding each row's time (date-time or Unix ms); default none (windows by row count).</summary>
    public string? TimeColumn { get; init; }

    /// <summary>The end of a log window.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}
