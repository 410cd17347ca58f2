namespace Gyre.Monitoring.Drift;

/// <summary>
/// One column's drift within a dataset computation. <paramref name="AdjustedPValue"/> is the p-value after
/// the dataset's <see cref="MultipleTestingCorrection"/> (null for distances, untested columns, or no
/// correction); when present, <see cref="Drifted"/> is decided on it.
/// </summary>
public sealed record ColumnDrift(string Column, DriftColumnKind Kind, ColumnDriftResult Result, double? AdjustedPValue = null)
{
    /// <summary>The verdict that counts toward dataset drift.</summary>
    public bool Drifted => AdjustedPValue is { } adjusted
        ? DriftMethods.IsDrift(Result.Method, adjusted, Result.Threshold)
        : Result.Drifted;

    /// <summary>True when the test ran (status Tested or Constant).</summary>
    public bool Tested => Result.Status is DriftStatus.Tested or DriftStatus.Constant;
}
