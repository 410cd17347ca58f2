namespace Gyre.Monitoring.Drift;

/// <summary>
/// The score of a drift method on per-bin counts of both sides (bins aligned: same index, same bin), shared by the
/// raw-data and the profile detectors so both decide the same way. Thread-safe (no state).
/// </summary>
internal static class BinnedScores
{
    /// <summary>
    /// χ² (goodness of fit of current counts against reference shares; one bin scores 1) or the two-proportion z-test
    /// with Evidently's coding: the first bin is 0, every other bin 1.
    /// </summary>
    public static double CountTest(DriftMethod method, ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        if (method == DriftMethod.ChiSquare)
        {
            return reference.Length < 2 ? 1.0 : ChiSquareTest.Compute(reference, current).PValue;
        }

        long referenceTotal = 0;
        long currentTotal = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            referenceTotal += reference[i];
            currentTotal += current[i];
        }

        return ProportionZTest.Compute(referenceTotal - reference[0], referenceTotal, currentTotal - current[0], currentTotal).PValue;
    }

    /// <summary>Jensen–Shannon, PSI, KL or Hellinger on the two sides' bin shares.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a binned-shares method.</exception>
    public static double SharesDistance(DriftMethod method, ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        var referenceShares = DriftBinning.Shares(reference);
        var currentShares = DriftBinning.Shares(current);
        return method switch
        {
            DriftMethod.JensenShannon => JensenShannonDistance.Compute(referenceShares, currentShares),
            DriftMethod.PopulationStability => PopulationStabilityIndex.Compute(referenceShares, currentShares),
            DriftMethod.KullbackLeibler => PopulationStabilityIndex.KullbackLeibler(referenceShares, currentShares),
            DriftMethod.Hellinger => HellingerDistance.Compute(referenceShares, currentShares),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a binned-shares method."),
        };
    }
}
