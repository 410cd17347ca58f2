namespace Gyre.Monitoring.Drift;

/// <summary>Options for a whole-dataset drift computation.</summary>
/// <param name="DriftShare">Dataset drift when drifted/tested columns ≥ this share (Evidently's 0.5). In (0, 1].</param>
/// <param name="Correction">Adjustment of p-values across the tested p-value columns.</param>
/// <param name="Defaults">Options for every column without its own entry in <paramref name="PerColumn"/>.</param>
/// <param name="PerColumn">Per-column overrides (method, threshold, bins), by column name.</param>
/// <param name="Columns">Columns to test, in order; null = every reference column.</param>
public sealed record DatasetDriftOptions(
    double DriftShare = 0.5,
    MultipleTestingCorrection Correction = MultipleTestingCorrection.None,
    ColumnDriftOptions? Defaults = null,
    IReadOnlyDictionary<string, ColumnDriftOptions>? PerColumn = null,
    IReadOnlyList<string>? Columns = null)
{
    public static DatasetDriftOptions Default { get; } = new();

    /// <summary>The options that apply to <paramref name="column"/>.</summary>
    public ColumnDriftOptions For(string column) =>
        PerColumn is not null && PerColumn.TryGetValue(column, out var own) ? own : Defaults ?? ColumnDriftOptions.Default;
}
