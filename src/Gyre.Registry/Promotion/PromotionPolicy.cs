namespace Gyre.Registry.Promotion;

/// <summary>
/// The rules a challenger must pass to replace a champion. <paramref name="PrimaryMetric"/> must improve by at
/// least <paramref name="MinImprovement"/> (absolute, in the metric's own units, in its better direction; 0 means
/// "not worse"). Each metric in <paramref name="MaxRegression"/> may get worse by at most its value (absolute,
/// non-negative). <paramref name="RequireCompatibleSignature"/>: the challenger's inputs must equal the
/// champion's (same names and types); extra outputs are allowed.
/// </summary>
public sealed record PromotionPolicy(
    string PrimaryMetric,
    double MinImprovement,
    IReadOnlyDictionary<string, double> MaxRegression,
    bool RequireCompatibleSignature = true)
{
    /// <summary>
    /// When true the primary rule also needs the lower bound of the paired bootstrap interval of the primary
    /// metric's improvement (<see cref="PromotionMeasurements.PrimaryImprovement"/>) to be at least
    /// <see cref="MinImprovement"/>, so that an improvement within the evaluation's noise is refused.
    /// </summary>
    public bool RequireSignificant { get; init; }

    /// <summary>An upper bound, in milliseconds, on the challenger's 95th-percentile single-row scoring latency; null: no latency rule.</summary>
    public double? MaxLatencyMsP95 { get; init; }

    /// <summary>True when a rule needs measurements made on evaluation data (the bootstrap interval or latency).</summary>
    public bool NeedsEvaluationData => RequireSignificant || MaxLatencyMsP95 is not null;
}
