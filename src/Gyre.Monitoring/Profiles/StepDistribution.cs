namespace Gyre.Monitoring.Profiles;

/// <summary>
/// A weighted empirical distribution: support points ascending (ties allowed) with cumulative weights, i.e.
/// the right-continuous step CDF of a KLL sketch's retained items or of exact per-value counts.
/// </summary>
internal sealed class StepDistribution
{
    private StepDistribution(double[] points, long[] cumulative)
    {
        Points = points;
        Cumulative = cumulative;
        Total = cumulative.Length == 0 ? 0 : cumulative[^1];
    }

    /// <summary>Support points, ascending.</summary>
    public double[] Points { get; }

    /// <summary>Cumulative[i] = weight of Points[0..i].</summary>
    public long[] Cumulative { get; }

    /// <summary>Total weight (the number of values).</summary>
    public long Total { get; }

    public static StepDistribution FromSketch(KllSketch sketch)
    {
        var view = sketch.View;
        return new StepDistribution(view.Items, view.Cumulative);
    }

    public static StepDistribution FromCounts(IReadOnlyList<KeyValuePair<double, long>> ascendingCounts)
    {
        var points = new double[ascendingCounts.Count];
        var cumulative = new long[ascendingCounts.Count];
        long running = 0;
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = ascendingCounts[i].Key;
            running += ascendingCounts[i].Value;
            cumulative[i] = running;
        }

        return new StepDistribution(points, cumulative);
    }

    /// <summary>Weight of values ≤ x.</summary>
    public long AtMost(double x)
    {
        int lo = 0, hi = Points.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Points[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == 0 ? 0 : Cumulative[lo - 1];
    }

    /// <summary>Weight of values &lt; x.</summary>
    public long Below(double x)
    {
        int lo = 0, hi = Points.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Points[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == 0 ? 0 : Cumulative[lo - 1];
    }

    /// <summary>Fraction of values ≤ x.</summary>
    public double Cdf(double x) => Total == 0 ? 0.0 : AtMost(x) / (double)Total;

    /// <summary>Distinct support points of both distributions, ascending.</summary>
    public static double[] UnionPoints(StepDistribution a, StepDistribution b)
    {
        var merged = new double[a.Points.Length + b.Points.Length];
        a.Points.CopyTo(merged, 0);
        b.Points.CopyTo(merged, a.Points.Length);
        Array.Sort(merged);
        var count = 0;
        for (var i = 0; i < merged.Length; i++)
        {
            if (count == 0 || merged[i] != merged[count - 1])
            {
                merged[count++] = merged[i];
            }
        }

        return merged[..count];
    }

    /// <summary>
    /// Sorted values reconstructed from the weights (each point repeated by its weight); only for small totals.
    /// </summary>
    public double[] Expand()
    {
        var values = new double[Total];
        long previous = 0;
        var next = 0;
        for (var i = 0; i < Points.Length; i++)
        {
            for (var w = previous; w < Cumulative[i]; w++)
            {
                values[next++] = Points[i];
            }

            previous = Cumulative[i];
        }

        return values;
    }
}
