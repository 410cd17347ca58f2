using Gyre.Core;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Two-sample, two-sided Kolmogorov–Smirnov test, reproducing scipy 1.10's
/// <c>scipy.stats.ks_2samp(reference, current)</c> with its default <c>method='auto'</c>: the exact
/// distribution when both samples have at most <see cref="MaxExactSampleSize"/> values, otherwise
/// (or when the exact computation overflows) <c>kstwo.sf(D, round(n1·n2/(n1+n2)))</c>.
/// </summary>
/// <remarks>Thread-safe (no state). Cost: O(n log n) to sort plus O(n1 + n2) for the statistic.</remarks>
public static class KolmogorovSmirnovTest
{
    /// <summary>scipy's <c>MAX_AUTO_N</c>: the exact p-value is attempted when max(n1, n2) ≤ this.</summary>
    public const int MaxExactSampleSize = 10000;

    /// <summary>
    /// Runs the test on raw samples. NaN and ±∞ are dropped first (as Evidently does).
    /// </summary>
    /// <exception cref="GyreException">Either sample has no finite value.</exception>
    public static TestStatistic Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        ComputeSorted(FiniteValues.Sorted(reference), FiniteValues.Sorted(current));

    /// <summary>
    /// Runs the test on samples that are already sorted ascending and hold only finite values
    /// (not checked, for speed; use <see cref="FiniteValues.Sorted"/>).
    /// </summary>
    /// <exception cref="GyreException">Either sample is empty.</exception>
    public static TestStatistic ComputeSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.IsEmpty || current.IsEmpty)
        {
            throw GyreException.InvalidInput(
                $"Kolmogorov–Smirnov needs non-empty samples (reference has {reference.Length} finite values, current has {current.Length}).");
        }

        var n1 = reference.Length;
        var n2 = current.Length;
        var d = Statistic(reference, current);
        if (Math.Max(n1, n2) <= MaxExactSampleSize)
        {
            var g = GreatestCommonDivisor(n1, n2);
            var lcm = (long)(n1 / g) * n2;
            var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            var exactD = h / (double)lcm;
            if (h == 0)
            {
                return new TestStatistic(exactD, 1.0);
            }

            var exact = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : OuterProbabilityInside(n1, n2, g, h);
            if (exact is >= 0.0 and <= 1.0)
            {
                return new TestStatistic(exactD, exact);
            }

            d = exactD;
        }

        double m = Math.Max(n1, n2);
        double n = Math.Min(n1, n2);
        var en = Math.Round(m * n / (m + n), MidpointRounding.ToEven);
        var p = KolmogorovDistribution.SurvivalFunction((int)en, d);
        return new TestStatistic(d, Math.Clamp(p, 0.0, 1.0));
    }

    /// <summary>
    /// The statistic D = sup |F_ref − F_cur| over the pooled values, with right-continuous ECDFs,
    /// computed as scipy does (max of the positive and negative sides, ECDF values as i/n).
    /// </summary>
    public static double Statistic(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        var n1 = (double)sortedReference.Length;
        var n2 = (double)sortedCurrent.Length;
        var i = 0;
        var j = 0;
        var maxDiff = double.NegativeInfinity;
        var minDiff = double.PositiveInfinity;
        while (i < sortedReference.Length || j < sortedCurrent.Length)
        {
            double value;
            if (j >= sortedCurrent.Length || (i < sortedReference.Length && sortedReference[i] <= sortedCurrent[j]))
            {
                value = sortedReference[i];
            }
            else
            {
                value = sortedCurrent[j];
            }

            while (i < sortedReference.Length && sortedReference[i] <= value)
            {
                i++;
            }

            while (j < sortedCurrent.Length && sortedCurrent[j] <= value)
            {
                j++;
            }

            var diff = (i / n1) - (j / n2);
            maxDiff = Math.Max(maxDiff, diff);
            minDiff = Math.Min(minDiff, diff);
        }

        var minSide = Math.Clamp(-minDiff, 0.0, 1.0);
        return minSide > maxDiff ? minSide : maxDiff;
    }

    /// <summary>Pr(D_{n,n} ≥ h/n) for equal sample sizes (scipy's <c>_compute_prob_outside_square</c>).</summary>
    private static double ProbabilityOutsideSquare(int n, long h)
    {
        var p = 0.0;
        var k = (long)Math.Floor(n / (double)h);
        while (k >= 0)
        {
            var p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - (k * h) - j) * p1 / (n + (k * h) + j + 1);
            }

            p = p1 * (1.0 - p);
            k--;
        }

        return 2 * p;
    }

    /// <summary>
    /// Pr(D_{m,n} ≥ h/lcm(m,n)) by the lattice-path recursion of scipy's
    /// <c>_compute_outer_prob_inside_method</c>. May return a value outside [0, 1] or NaN on overflow.
    /// </summary>
    private static double OuterProbabilityInside(int m, int n, int g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g;
        long ng = n / g;
        var minj = 0L;
        var maxj = Math.Min((long)Math.Ceiling(h / (double)mg), n + 1);
        var curlen = maxj - minj;
        var lenA = Math.Min((2 * maxj) + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        for (var k = minj; k < maxj; k++)
        {
            a[k] = 0.0;
        }

        for (long i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Max((long)Math.Floor(((ng * i) - h) / (double)mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min((long)Math.Ceiling(((ng * i) + h) / (double)mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }

            var val = minj == 0 ? 0.0 : 1.0;
            for (var jj = 0L; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = ((a[jj + minj - lastminj] * i) + (val * j)) / (i + j);
                a[jj] = val;
            }

            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                for (var k = maxj - minj; k < maxj - minj + (lastlen - curlen); k++)
                {
                    a[k] = 1.0;
                }
            }
        }

        return a[maxj - minj - 1];
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
