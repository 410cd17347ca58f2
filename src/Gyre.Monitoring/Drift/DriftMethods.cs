namespace Gyre.Monitoring.Drift;

/// <summary>Default thresholds and drift rules of each <see cref="DriftMethod"/>, as Evidently defines them.</summary>
public static class DriftMethods
{
    /// <summary>True when the method's score is a p-value (small = drift), false for distances (large = drift).</summary>
    public static bool IsPValue(DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ProportionZ
            or DriftMethod.CramerVonMises or DriftMethod.AndersonDarling;

    /// <summary>True when the method needs numbers (cannot run on a categorical column).</summary>
    public static bool IsNumericOnly(DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.Wasserstein
            or DriftMethod.CramerVonMises or DriftMethod.AndersonDarling or DriftMethod.EnergyDistance;

    /// <summary>
    /// Evidently's default threshold: 0.05 for KS, chi-square and z; 0.1 for Cramér–von Mises, Anderson–Darling
    /// and every distance.
    /// </summary>
    public static double DefaultThreshold(DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ProportionZ ? 0.05 : 0.1;

    /// <summary>
    /// Evidently's verdict: KS and Cramér–von Mises drift when p ≤ threshold; chi-square, z and Anderson–Darling
    /// when p &lt; threshold; energy distance when d &gt; threshold; the other distances when d ≥ threshold.
    /// A NaN score never drifts.
    /// </summary>
    public static bool IsDrift(DriftMethod method, double score, double threshold) => method switch
    {
        DriftMethod.KolmogorovSmirnov or DriftMethod.CramerVonMises => score <= threshold,
        DriftMethod.ChiSquare or DriftMethod.ProportionZ or DriftMethod.AndersonDarling => score < threshold,
        DriftMethod.EnergyDistance => score > threshold,
        _ => score >= threshold,
    };
}
