namespace Gyre.Monitoring.Drift;

/// <summary>
/// Evidently's default drift test per column (<c>registry._get_default_stattest</c>):
/// <list type="table">
/// <item>Numerical, reference size ≤ 1000: z-test if ≤ 2 distinct values, chi-square if 3..5, KS otherwise.</item>
/// <item>Numerical, reference size &gt; 1000: Jensen–Shannon if ≤ 5 distinct values, normed Wasserstein otherwise.</item>
/// <item>Categorical, reference size ≤ 1000: z-test if ≤ 2 distinct values, chi-square otherwise.</item>
/// <item>Categorical, reference size &gt; 1000: Jensen–Shannon.</item>
/// </list>
/// </summary>
public static class DriftMethodSelector
{
    /// <summary>Reference sizes up to this use the small-sample tests (Evidently's 1000, inclusive).</summary>
    public const int SmallReferenceLimit = 1000;

    /// <summary>Chooses the test.</summary>
    /// <param name="kind">Column type.</param>
    /// <param name="referenceCount">Non-missing reference values.</param>
    /// <param name="distinctCount">Distinct non-missing values of reference ∪ current.</param>
    public static DriftMethod Choose(DriftColumnKind kind, long referenceCount, long distinctCount)
    {
        var small = referenceCount <= SmallReferenceLimit;
        if (kind == DriftColumnKind.Categorical)
        {
            return !small ? DriftMethod.JensenShannon : distinctCount <= 2 ? DriftMethod.ProportionZ : DriftMethod.ChiSquare;
        }

        if (!small)
        {
            return distinctCount <= 5 ? DriftMethod.JensenShannon : DriftMethod.Wasserstein;
        }

        return distinctCount switch
        {
            <= 2 => DriftMethod.ProportionZ,
            <= 5 => DriftMethod.ChiSquare,
            _ => DriftMethod.KolmogorovSmirnov,
        };
    }
}
