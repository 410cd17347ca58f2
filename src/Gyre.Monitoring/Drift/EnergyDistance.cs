using Gyre.Core;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Energy distance between two 1-D empirical distributions, as <c>scipy.stats.energy_distance(u, v)</c>
/// (unweighted): √2 · √(∫ (F_u − F_v)²), unnormalised, in the units of the data. Evidently's <c>ed</c>
/// drifts when the distance is strictly above the threshold.
/// </summary>
/// <remarks>
/// Thread-safe (no state). Computed from the two ECDFs in one merge pass over the sorted samples:
/// O(n log n) to sort and O(n + m) after, never the O(n·m) pairwise form.
/// </remarks>
public static class EnergyDistance
{
    /// <summary>Distance on raw samples; NaN and ±∞ are dropped.</summary>
    /// <exception cref="GyreException">Either sample has no finite value.</exception>
    public static double Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        ComputeSorted(FiniteValues.Sorted(reference), FiniteValues.Sorted(current));

    /// <summary>Distance on samples already sorted ascending and holding only finite values (not checked).</summary>
    /// <exception cref="GyreException">Either sample is empty.</exception>
    public static double ComputeSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.IsEmpty || current.IsEmpty)
        {
            throw GyreException.InvalidInput(
                $"Energy distance needs non-empty samples (reference has {reference.Length} finite values, current has {current.Length}).");
        }

        var n1 = (double)reference.Length;
        var n2 = (double)current.Length;
        var integral = default(NeumaierSum);
        var groups = new TieGroups(reference, current);
        while (groups.MoveNext() && !groups.AtEnd)
        {
            // Between this value and the next, the two empirical CDFs are constant.
            var gap = (groups.EndX / n1) - (groups.EndY / n2);
            integral.Add(gap * gap * (groups.NextValue - groups.Value));
        }

        return Math.Sqrt(2) * Math.Sqrt(integral.Value);
    }
}
