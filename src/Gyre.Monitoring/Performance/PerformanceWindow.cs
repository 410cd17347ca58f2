namespace Gyre.Monitoring.Performance;

/// <summary>
/// A model's performance over one time window [<paramref name="Start"/>, <paramref name="End"/>) in Unix ms.
/// <paramref name="Realized"/>: metrics computed from the rows whose ground truth has arrived
/// (<paramref name="LabeledRows"/> of <paramref name="Rows"/>), by metric name (e.g. "accuracy", "f1",
/// "roc_auc", "mae"); a metric that is undefined on the window (e.g. AUC with one class) is absent, never NaN.
/// <paramref name="Estimated"/>: metrics estimated without labels (CBPE) over all rows, when available.
/// <paramref name="Segment"/>: the segment value when the figures are for one slice, else null.
/// </summary>
public sealed record PerformanceWindow(
    long Start,
    long End,
    int Rows,
    int LabeledRows,
    IReadOnlyDictionary<string, double> Realized,
    IReadOnlyDictionary<string, double>? Estimated = null,
    string? Segment = null);
