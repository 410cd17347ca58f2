namespace Gyre.Monitoring.Drift;

/// <summary>
/// Dataset drift: per-column results (in the requested order) and the share of drifted columns among the
/// tested ones. With no tested column, <see cref="Share"/> is null and <see cref="DatasetDrifted"/> false.
/// </summary>
public sealed record DatasetDriftResult(
    IReadOnlyList<ColumnDrift> Columns,
    int TestedCount,
    int DriftedCount,
    double? Share,
    double DriftShareThreshold,
    MultipleTestingCorrection Correction,
    bool DatasetDrifted);
