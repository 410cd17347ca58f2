namespace Gyre.Monitoring.Drift;

/// <summary>
/// Population stability index and Kullback–Leibler divergence on bin shares, with Evidently's
/// zero-fill: per vector, every 0 share becomes m/10⁶ when the smallest non-zero share m ≤ 10⁻⁴,
/// else 10⁻⁴ (no renormalisation afterwards).
/// </summary>
/// <remarks>Thread-safe (no state).</remarks>
public static class PopulationStabilityIndex
{
    /// <summary>PSI = Σ (r_i − c_i)·ln(r_i / c_i) on zero-filled shares.</summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static double Compute(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        CheckLengths(referenceShares, currentShares);
        var reference = ZeroFill(referenceShares);
        var current = ZeroFill(currentShares);
        var psi = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            psi += (reference[i] - current[i]) * Math.Log(reference[i] / current[i]);
        }

        return psi;
    }

    /// <summary>
    /// KL(reference ‖ current) as Evidently's <c>kl_div</c>: <c>scipy.stats.entropy(r, c)</c> on zero-filled
    /// shares (entropy renormalises both to sum 1).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static double KullbackLeibler(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        CheckLengths(referenceShares, currentShares);
        var reference = ZeroFill(referenceShares);
        var current = ZeroFill(currentShares);
        var referenceSum = 0.0;
        var currentSum = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            referenceSum += reference[i];
            currentSum += current[i];
        }

        var divergence = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            divergence += JensenShannonDistance.RelativeEntropy(reference[i] / referenceSum, current[i] / currentSum);
        }

        return divergence;
    }

    /// <summary>Evidently's zero-fill of one share vector (returns a copy; an all-zero vector is returned unchanged).</summary>
    public static double[] ZeroFill(ReadOnlySpan<double> shares)
    {
        var smallest = double.PositiveInfinity;
        foreach (var share in shares)
        {
            if (share != 0)
            {
                smallest = Math.Min(smallest, share);
            }
        }

        var filled = shares.ToArray();
        if (double.IsPositiveInfinity(smallest))
        {
            return filled;
        }

        var fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        for (var i = 0; i < filled.Length; i++)
        {
            if (filled[i] == 0)
            {
                filled[i] = fill;
            }
        }

        return filled;
    }

    private static void CheckLengths(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        if (referenceShares.Length != currentShares.Length)
        {
            throw new ArgumentException(
                $"Share vectors must have equal length ({referenceShares.Length} vs {currentShares.Length}).", nameof(currentShares));
        }
    }
}
