namespace Gyre.Monitoring.Tests.Profiles;

/// <summary>Seeded random samples for the sketch error-bound tests (uniform, normal, heavy-tailed Pareto).</summary>
internal static class SketchSamples
{
    public const string Uniform = "uniform";
    public const string Normal = "normal";
    public const string Pareto = "pareto";
    public const string LogNormal = "lognormal";

    public static double[] Create(string distribution, int count, int seed, double shift = 0.0)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = shift + distribution switch
            {
                Uniform => random.NextDouble(),
                Normal => StandardNormal(random),
                Pareto => Math.Pow(1.0 - random.NextDouble(), -1.0 / 1.5),
                LogNormal => 100 * Math.Exp(StandardNormal(random)),
                _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Unknown distribution."),
            };
        }

        return values;
    }

    public static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fraction of <paramref name="sorted"/> values ≤ x.</summary>
    public static double TrueRank(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo / (double)sorted.Length;
    }

    /// <summary>Max |Rank(x) − true rank(x)| over 2000 evenly spaced order statistics of the data.</summary>
    public static double MaxRankError(Func<double, double> rank, double[] sorted)
    {
        var worst = 0.0;
        const int Points = 2000;
        for (var i = 0; i < Points; i++)
        {
            var x = sorted[(int)((long)i * (sorted.Length - 1) / (Points - 1))];
            worst = Math.Max(worst, Math.Abs(rank(x) - TrueRank(sorted, x)));
        }

        return worst;
    }
}
