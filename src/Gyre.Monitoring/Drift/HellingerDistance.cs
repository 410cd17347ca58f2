namespace Gyre.Monitoring.Drift;

/// <summary>
/// Hellinger distance between two share vectors, as Evidently's <c>hellinger</c> on categories:
/// H = √(1 − clip(Σ √(p_i·q_i), 0, 1)), range [0, 1]. Evidently bins numeric columns by Sturges over the
/// unique values of reference ∪ current; <see cref="ColumnDriftDetector"/> uses its own explicit binning
/// instead (the same bins as Jensen–Shannon and PSI), so numeric scores differ from Evidently's by design.
/// </summary>
/// <remarks>Thread-safe (no state). O(k) in the number of bins.</remarks>
public static class HellingerDistance
{
    /// <summary>
    /// Distance between two share vectors of equal length (each non-negative and summing to 1, as
    /// <see cref="DriftBinning.Shares"/> gives; not renormalised).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static double Compute(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        if (referenceShares.Length != currentShares.Length)
        {
            throw new ArgumentException(
                $"Hellinger needs share vectors of equal length ({referenceShares.Length} vs {currentShares.Length}).", nameof(currentShares));
        }

        var coefficient = 0.0;
        for (var i = 0; i < referenceShares.Length; i++)
        {
            coefficient += Math.Sqrt(referenceShares[i] * currentShares[i]);
        }

        return Math.Sqrt(1.0 - Math.Clamp(coefficient, 0.0, 1.0));
    }
}
