using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Reports;

/// <summary>
/// Aggregated distributions of one column on both sides, for histogram overlays (never raw rows).
/// <see cref="BinLabels"/>, <see cref="ReferenceCounts"/> and <see cref="CurrentCounts"/> have equal lengths:
/// for numeric columns the bins of a <see cref="DriftBinning"/> over the reference range (labels like
/// "[0, 10)", with "< min" and "≥ max" overflow bins); for categorical columns the most frequent categories
/// plus an "(other)" bin when some were folded.
/// </summary>
public sealed record ColumnDistribution(
    string Column,
    DriftColumnKind Kind,
    IReadOnlyList<string> BinLabels,
    IReadOnlyList<long> ReferenceCounts,
    IReadOnlyList<long> CurrentCounts);
