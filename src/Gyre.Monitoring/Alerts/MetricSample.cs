namespace Gyre.Monitoring.Alerts;

/// <summary>
/// One observed value of a monitoring metric (see <see cref="MonitoringMetrics"/>) with its labels, e.g.
/// <c>feature_drift_score{feature="amount"} = 0.13</c>. NaN means "not computable" and never satisfies a rule.
/// </summary>
public sealed record MetricSample(string Metric, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The data window the value was computed over; when set, only rules with that same window match it.</summary>
    public TimeSpan? Window { get; init; }
}
