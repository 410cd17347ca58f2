namespace Gyre.Monitoring.Drift;

/// <summary>Default thresholds and drift rules of each <see cref="DriftMethod"/>, as Evidently defines them.</summary>
public static class DriftMethods
{
    /// <summary>True when the method's score is a p-value (small = drift), false for distances (large = drift).</summary>
    public static bool IsPValue(DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ProportionZ;

    /// <summary>Evidently's default threshold: 0.05 for the p-value tests, 0.1 for the distances.</summary>
    public static double DefaultThreshold(DriftMethod method) => IsPValue(method) ? 0.05 : 0.1;

    /// <summary>
    /// Evidently's verdict: KS drifts when p ≤ threshold; chi-square and z when p &lt; threshold;
    /// distances when score ≥ threshold. A NaN score never drifts.
    /// </summary>
    public static bool IsDrift(DriftMethod method, double score, double threshold) => method switch
    {
        DriftMethod.KolmogorovSmirnov => score <= threshold,
        DriftMethod.ChiSquare or DriftMethod.ProportionZ => score < threshold,
        _ => score >= threshold,
    };
}
