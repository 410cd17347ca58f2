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
    bool RequireCompatibleSignature = true);
