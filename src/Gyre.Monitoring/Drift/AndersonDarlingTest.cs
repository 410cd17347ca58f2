using Gyre.Core;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Two-sample Anderson–Darling test, reproducing scipy 1.10's <c>scipy.stats.anderson_ksamp([x, y])</c>
/// (midrank version, <c>midrank=True</c>): the normalised statistic of Scholz and Stephens (1987, eq. 7)
/// and the approximate p-value obtained, as scipy does, by a quadratic least-squares fit of
/// ln(significance) on the interpolated critical values, floored at <see cref="MinimumPValue"/> and capped at
/// <see cref="MaximumPValue"/>. Evidently's <c>anderson</c> drifts when p &lt; threshold (default 0.1).
/// </summary>
/// <remarks>
/// Thread-safe (no state). One merge pass over the sorted samples: O(n log n) to sort, O(n + m) after.
/// </remarks>
public static class AndersonDarlingTest
{
    /// <summary>scipy's floor on the p-value (0.1 %).</summary>
    public const double MinimumPValue = 0.001;

    /// <summary>scipy's cap on the p-value (25 %).</summary>
    public const double MaximumPValue = 0.25;

    private static readonly double[] SignificanceLevels = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    // Table 2 of Scholz and Stephens (1987), as in scipy: critical value = b0 + b1/√m + b2/m, m = k − 1 = 1.
    private static readonly double[] B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    private static readonly double[] B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    private static readonly double[] B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

    private static readonly double[] CriticalValues = [.. Enumerable.Range(0, B0.Length).Select(i => B0[i] + (B1[i] / Math.Sqrt(1)) + (B2[i] / 1))];

    private static readonly double[] LogSignificanceFit = PolynomialFit.Quadratic(
        CriticalValues, [.. SignificanceLevels.Select(level => Math.Log(level))]);

    /// <summary>Runs the test on raw samples; NaN and ±∞ are dropped first.</summary>
    /// <exception cref="GyreException">See <see cref="ComputeSorted"/>.</exception>
    public static TestStatistic Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        ComputeSorted(FiniteValues.Sorted(reference), FiniteValues.Sorted(current));

    /// <summary>
    /// Runs the test on samples already sorted ascending and holding only finite values (not checked).
    /// The statistic is the normalised A²; the p-value is in [<see cref="MinimumPValue"/>, <see cref="MaximumPValue"/>].
    /// </summary>
    /// <exception cref="GyreException">
    /// A sample is empty, the pooled data hold fewer than four values, or only one distinct value (scipy raises on
    /// the last; its variance formula is undefined below four values).
    /// </exception>
    public static TestStatistic ComputeSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.IsEmpty || current.IsEmpty || reference.Length + current.Length < 4)
        {
            throw GyreException.InvalidInput(
                $"Anderson–Darling needs non-empty samples with at least four values in all (reference has {reference.Length} finite values, current has {current.Length}).");
        }

        if (reference[0] == reference[^1] && current[0] == current[^1] && reference[0] == current[0])
        {
            throw GyreException.InvalidInput("Anderson–Darling needs more than one distinct value across both samples.");
        }

        var statistic = Statistic(reference, current);
        double p;
        if (statistic < CriticalValues.Min())
        {
            p = MaximumPValue;
        }
        else if (statistic > CriticalValues.Max())
        {
            p = MinimumPValue;
        }
        else
        {
            p = Math.Exp((((LogSignificanceFit[0] * statistic) + LogSignificanceFit[1]) * statistic) + LogSignificanceFit[2]);
        }

        return new TestStatistic(statistic, p);
    }

    /// <summary>The normalised statistic (A²akN − (k − 1)) / σ_N for k = 2.</summary>
    private static double Statistic(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        long n1 = x.Length;
        long n2 = y.Length;
        long total = n1 + n2;
        double bigN = total;
        var innerX = default(NeumaierSum);
        var innerY = default(NeumaierSum);
        var groups = new TieGroups(x, y);
        while (groups.MoveNext())
        {
            var (startX, i, startY, j) = (groups.StartX, groups.EndX, groups.StartY, groups.EndY);
            double tie = (i - startX) + (j - startY);
            var below = (startX + startY) + (tie / 2.0);
            var denominator = (below * (bigN - below)) - (bigN * tie / 4.0);
            var mx = i - ((i - startX) / 2.0);
            var my = j - ((j - startY) / 2.0);
            var dx = (bigN * mx) - (below * n1);
            var dy = (bigN * my) - (below * n2);
            innerX.Add(tie / bigN * (dx * dx) / denominator);
            innerY.Add(tie / bigN * (dy * dy) / denominator);
        }

        var a2akN = 0.0;
        a2akN += innerX.Value / n1;
        a2akN += innerY.Value / n2;
        a2akN *= (bigN - 1.0) / bigN;

        // Variance of A²akN under the null (Scholz and Stephens, eq. 4), k = 2.
        var harmonicH = (1.0 / n1) + (1.0 / n2);
        var cumulative = 0.0;
        var g = default(NeumaierSum);
        for (var index = 0L; index < total - 2; index++)
        {
            cumulative += 1.0 / (total - 1 - index);
            g.Add(cumulative / (index + 2));
        }

        var h = cumulative + 1;
        var gValue = g.Value;
        const double k = 2;
        var a = (((4 * gValue) - 6) * (k - 1)) + ((10 - (6 * gValue)) * harmonicH);
        var b = (((2 * gValue) - 4) * k * k) + (8 * h * k) + (((2 * gValue) - (14 * h) - 4) * harmonicH) - (8 * h) + (4 * gValue) - 6;
        var c = (((6 * h) + (2 * gValue) - 2) * k * k) + (((4 * h) - (4 * gValue) + 6) * k) + (((2 * h) - 6) * harmonicH) + (4 * h);
        var d = (((2 * h) + 6) * k * k) - (4 * h * k);
        var cube = (double)((Int128)total * total * total);
        var square = (double)(total * total);
        var variance = ((a * cube) + (b * square) + (c * bigN) + d) / ((bigN - 1.0) * (bigN - 2.0) * (bigN - 3.0));
        return (a2akN - 1) / Math.Sqrt(variance);
    }
}
