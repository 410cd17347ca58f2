namespace Gyre.Monitoring.Alerts;

/// <summary>
/// One alert rule: fires when <c>value(Metric, labels ⊇ Labels) Op Threshold</c> has held for at least <see cref="For"/>.
/// </summary>
/// <param name="Name">Unique within its rule set.</param>
/// <param name="Metric">One of <see cref="MonitoringMetrics"/>.</param>
/// <param name="Labels">Label values a sample must carry to match (a subset match); empty matches every sample of the metric.</param>
/// <param name="Op">The comparison.</param>
/// <param name="Threshold">A finite number.</param>
/// <param name="Window">The data window the metric is computed over (null: the metric is not windowed, e.g. staleness).</param>
/// <param name="For">How long the condition must hold before the alert fires; zero fires on the first evaluation.</param>
/// <param name="Severity">Copied to the alert events.</param>
/// <param name="Notify">Webhook names (each defined in the rule set).</param>
public sealed record AlertRule(
    string Name,
    string Metric,
    IReadOnlyDictionary<string, string> Labels,
    AlertOperator Op,
    double Threshold,
    TimeSpan? Window,
    TimeSpan For,
    AlertSeverity Severity,
    IReadOnlyList<string> Notify)
{
    /// <summary>Free text for humans, sent as the webhook's description annotation.</summary>
    public string? Description { get; init; }

    /// <summary>True when <paramref name="sample"/> is of this rule's metric, carries all its labels with equal values,
    /// and (when the sample states a window) was computed over this rule's window.</summary>
    public bool Matches(MetricSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!string.Equals(sample.Metric, Metric, StringComparison.Ordinal))
        {
            return false;
        }

        if (sample.Window is { } window && window != Window)
        {
            return false;
        }

        foreach (var (key, value) in Labels)
        {
            if (!sample.Labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
