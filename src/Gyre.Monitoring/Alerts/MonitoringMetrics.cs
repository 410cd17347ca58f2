namespace Gyre.Monitoring.Alerts;

/// <summary>
/// The metric names an alert rule (<see cref="AlertRule.Metric"/>) and a <see cref="MetricSample"/> may use.
/// Each sample carries labels; a rule's labels select samples whose labels contain them.
/// <list type="table">
/// <item><term><c>dataset_drift_share</c></term><description>share of drifted features in the window, 0..1.</description></item>
/// <item><term><c>dataset_drift</c></term><description>1 when the dataset is judged drifted, else 0.</description></item>
/// <item><term><c>feature_drift_score</c></term><description>drift score of one feature (label <c>feature</c>; also <c>method</c>): a p-value or a distance, per the method.</description></item>
/// <item><term><c>feature_drift</c></term><description>1 when the feature is judged drifted, else 0 (label <c>feature</c>).</description></item>
/// <item><term><c>performance</c></term><description>realized performance on labelled rows (label <c>metric</c>, e.g. <c>accuracy</c>).</description></item>
/// <item><term><c>estimated_performance</c></term><description>performance estimated without labels, e.g. CBPE (label <c>metric</c>).</description></item>
/// <item><term><c>fairness</c></term><description>a fairness metric (labels <c>attribute</c> and <c>metric</c>, e.g. <c>demographic_parity_difference</c>).</description></item>
/// <item><term><c>rows</c></term><description>number of rows in the window.</description></item>
/// <item><term><c>staleness_seconds</c></term><description>seconds since the last monitoring evaluation or inference row.</description></item>
/// </list>
/// Samples may also carry <c>model</c> and <c>model_version</c> labels; <c>model</c> is copied to <see cref="AlertEvent.Model"/>.
/// </summary>
public static class MonitoringMetrics
{
    public const string DatasetDriftShare = "dataset_drift_share";
    public const string DatasetDrift = "dataset_drift";
    public const string FeatureDriftScore = "feature_drift_score";
    public const string FeatureDrift = "feature_drift";
    public const string Performance = "performance";
    public const string EstimatedPerformance = "estimated_performance";
    public const string Fairness = "fairness";
    public const string Rows = "rows";
    public const string StalenessSeconds = "staleness_seconds";

    /// <summary>All metric names, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DatasetDriftShare, DatasetDrift, FeatureDriftScore, FeatureDrift, Performance, EstimatedPerformance, Fairness, Rows, StalenessSeconds,
    ];

    /// <summary>True when <paramref name="name"/> is one of <see cref="All"/> (case-sensitive).</summary>
    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
