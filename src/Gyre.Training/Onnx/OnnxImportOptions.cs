using Gyre.Data.Tables;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;

namespace Gyre.Training.Onnx;

/// <summary>
/// How <see cref="OnnxModelImporter"/> reads a graph. Every member is optional: <see cref="Task"/> defaults from the
/// output's width (2 → binary, more → multiclass, 1 → regression); <see cref="Output"/> defaults to the graph's first
/// float tensor output; <see cref="ClassNames"/> default to "0", "1", ...; <see cref="Columns"/> names the features of
/// a packed [N,F] input (required then) or renames per-column inputs; <see cref="ReferenceDataPath"/> (a CSV or
/// Parquet file with those columns) is profiled into reference_profile.json, and given to
/// <see cref="MonitoringProfile"/> for monitoring_profile.json, for monitoring.
/// </summary>
public sealed record OnnxImportOptions
{
    public TaskKind? Task { get; init; }

    public string? Output { get; init; }

    public IReadOnlyList<string>? ClassNames { get; init; }

    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The label column's name recorded in the manifest (what monitoring joins feedback on).</summary>
    public string Label { get; init; } = "label";

    public string? ReferenceDataPath { get; init; }

    /// <summary>
    /// With <see cref="ReferenceDataPath"/>: builds the monitoring profile (monitoring_profile.json, opaque JSON) from
    /// the imported model and the reference rows; the caller (which knows monitoring's format) supplies it.
    /// </summary>
    public Func<ModelPredictor, DataTable, string>? MonitoringProfile { get; init; }

    /// <summary>Replace an existing package folder at the target path.</summary>
    public bool Overwrite { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
