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
        var i = 0;
        var j = 0;
        var integral = default(NeumaierSum);
        while (i < reference.Length || j < current.Length)
        {
            var value = j >= current.Length || (i < reference.Length && reference[i] <= current[j]) ? reference[i] : current[j];
            while (i < reference.Length && reference[i] == value)
            {
                i++;
            }

            while (j < current.Length && current[j] == value)
            {
                j++;
            }

            if (i == reference.Length && j == current.Length)
            {
                break;
            }

            var next = j >= current.Length || (i < reference.Length && reference[i] <= current[j]) ? reference[i] : current[j];
            var gap = (i / n1) - (j / n2);
            integral.Add(gap * gap * (next - value));
        }

        return Math.Sqrt(2) * Math.Sqrt(integral.Value);
    }
}
