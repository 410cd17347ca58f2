using Gyre.Core;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// First Wasserstein (earth mover's) distance between two 1-D empirical distributions, as
/// <c>scipy.stats.wasserstein_distance(u, v)</c>: ∫|F_u − F_v|, and Evidently's normed variant
/// W₁ / max(σ_ref, 0.001) with σ the population (ddof = 0) standard deviation of the reference.
/// </summary>
/// <remarks>Thread-safe (no state). O(n log n) to sort, O(n) after.</remarks>
public static class WassersteinDistance
{
    /// <summary>Evidently's floor on the reference standard deviation.</summary>
    public const double MinimumScale = 0.001;

    /// <summary>W₁(reference, current) on raw samples; NaN and ±∞ are dropped.</summary>
    /// <exception cref="GyreException">Either sample has no finite value.</exception>
    public static double Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        ComputeSorted(FiniteValues.Sorted(reference), FiniteValues.Sorted(current));

    /// <summary>Evidently's normed distance W₁ / max(σ_ref, 0.001); NaN and ±∞ are dropped.</summary>
    /// <exception cref="GyreException">Either sample has no finite value.</exception>
    public static double ComputeNormed(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var sortedReference = FiniteValues.Sorted(reference);
        var sortedCurrent = FiniteValues.Sorted(current);
        return ComputeSorted(sortedReference, sortedCurrent) / Math.Max(PopulationStandardDeviation(sortedReference), MinimumScale);
    }

    /// <summary>W₁ on samples already sorted ascending and holding only finite values (not checked).</summary>
    /// <exception cref="GyreException">Either sample is empty.</exception>
    public static double ComputeSorted(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        if (sortedReference.IsEmpty || sortedCurrent.IsEmpty)
        {
            throw GyreException.InvalidInput(
                $"The Wasserstein distance needs non-empty samples (reference has {sortedReference.Length} finite values, current has {sortedCurrent.Length}).");
        }

        var n1 = (double)sortedReference.Length;
        var n2 = (double)sortedCurrent.Length;
        var i = 0;
        var j = 0;
        var previous = Math.Min(sortedReference[0], sortedCurrent[0]);
        var total = 0.0;
        while (i < sortedReference.Length || j < sortedCurrent.Length)
        {
            var next = j >= sortedCurrent.Length || (i < sortedReference.Length && sortedReference[i] <= sortedCurrent[j])
                ? sortedReference[i]
                : sortedCurrent[j];
            total += Math.Abs((i / n1) - (j / n2)) * (next - previous);
            while (i < sortedReference.Length && sortedReference[i] <= next)
            {
                i++;
            }

            while (j < sortedCurrent.Length && sortedCurrent[j] <= next)
            {
                j++;
            }

            previous = next;
        }

        return total;
    }

    /// <summary>Population standard deviation (ddof = 0), two-pass as numpy's <c>np.std</c>; 0 for an empty span.</summary>
    public static double PopulationStandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0.0;
        }

        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var value in values)
        {
            var deviation = value - mean;
            squares += deviation * deviation;
        }

        return Math.Sqrt(squares / values.Length);
    }
}
