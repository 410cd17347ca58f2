namespace Gyre.Monitoring.Fairness;

/// <summary>
/// Rates of one group of a protected attribute. <paramref name="SelectionRate"/> = share predicted positive;
/// <paramref name="TruePositiveRate"/> = recall on actual positives (null when the group has none);
/// <paramref name="FalsePositiveRate"/> = share predicted positive among actual negatives (null when none).
/// </summary>
public sealed record GroupRates(
    string Group,
    int Count,
    double SelectionRate,
    double? TruePositiveRate,
    double? FalsePositiveRate,
    double? Accuracy);
