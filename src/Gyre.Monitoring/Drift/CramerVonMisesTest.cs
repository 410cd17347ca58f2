using Gyre.Core;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Two-sample Cramér–von Mises test, reproducing scipy 1.10's <c>scipy.stats.cramervonmises_2samp(x, y)</c>
/// with <c>method='auto'</c>: midranks for ties, statistic T of Anderson (1962, eq. 9), the exact p-value when
/// both samples have at most <see cref="MaxExactSampleSize"/> values, otherwise the limiting distribution of
/// the normalised statistic (Csörgő and Faraway 1996). Evidently's <c>cramer_von_mises</c> drifts when
/// p ≤ threshold (default 0.1).
/// </summary>
/// <remarks>
/// Thread-safe (no state). Ranks come from one merge pass over the sorted samples: O(n log n) to sort,
/// O(n + m) after. The exact p-value enumerates lattice-path sums (only for n, m ≤ 20).
/// </remarks>
public static class CramerVonMisesTest
{
    /// <summary>The exact p-value is used when max(n, m) ≤ this (scipy's rule).</summary>
    public const int MaxExactSampleSize = 20;

    /// <summary>Runs the test on raw samples; NaN and ±∞ are dropped first.</summary>
    /// <exception cref="GyreException">Either sample has fewer than two finite values.</exception>
    public static TestStatistic Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        ComputeSorted(FiniteValues.Sorted(reference), FiniteValues.Sorted(current));

    /// <summary>Runs the test on samples already sorted ascending and holding only finite values (not checked).</summary>
    /// <exception cref="GyreException">Either sample has fewer than two values (scipy's requirement).</exception>
    public static TestStatistic ComputeSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.Length < 2 || current.Length < 2)
        {
            throw GyreException.InvalidInput(
                $"Cramér–von Mises needs at least two values per sample (reference has {reference.Length} finite values, current has {current.Length}).");
        }

        long nx = reference.Length;
        long ny = current.Length;
        var (squaresX, squaresY) = RankDeviations(reference, current);

        // u = nx·Σ(rx_i − i)² + ny·Σ(ry_j − j)², with the sums held ×4 as exact integers (midranks are halves).
        var u = (nx * ((double)squaresX / 4)) + (ny * ((double)squaresY / 4));
        var k = nx * ny;
        var total = nx + ny;
        var t = (u / (double)((Int128)k * total)) - ((double)((4 * k) - 1) / (6 * total));
        if (Math.Max(nx, ny) <= MaxExactSampleSize)
        {
            return new TestStatistic(t, CramerVonMisesDistribution.ExactPValue(u, (int)nx, (int)ny));
        }

        var expected = (1 + (1.0 / total)) / 6;
        var varianceNumerator = (Int128)(total + 1) * (((Int128)4 * k * total) - (3 * ((Int128)(nx * nx) + (ny * ny))) - (2 * (Int128)k));
        var varianceDenominator = (Int128)45 * total * total * 4 * k;
        var variance = (double)varianceNumerator / (double)varianceDenominator;
        var normalized = (1.0 / 6) + ((t - expected) / Math.Sqrt(45 * variance));
        var p = normalized < 0.003 ? 1.0 : Math.Max(0.0, 1.0 - CramerVonMisesDistribution.LimitingCdf(normalized));
        return new TestStatistic(t, p);
    }

    /// <summary>4·Σ(r_i − i)² over each sample, r the pooled midrank and i the 1-based position in the sample.</summary>
    private static (Int128 X, Int128 Y) RankDeviations(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Int128 sumX = 0;
        Int128 sumY = 0;
        var groups = new TieGroups(x, y);
        while (groups.MoveNext())
        {
            var (startX, i, startY, j) = (groups.StartX, groups.EndX, groups.StartY, groups.EndY);

            // Twice the midrank of the tie group: 2·before + (size + 1).
            long before = startX + startY;
            long twiceRank = (2 * before) + (i - startX) + (j - startY) + 1;
            for (long position = startX + 1; position <= i; position++)
            {
                var deviation = twiceRank - (2 * position);
                sumX += (Int128)deviation * deviation;
            }

            for (long position = startY + 1; position <= j; position++)
            {
                var deviation = twiceRank - (2 * position);
                sumY += (Int128)deviation * deviation;
            }
        }

        return (sumX, sumY);
    }
}
