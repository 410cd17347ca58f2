namespace Gyre.Monitoring.Drift;

/// <summary>
/// Jensen–Shannon distance with natural logarithm, as <c>scipy.spatial.distance.jensenshannon(p, q)</c>:
/// both vectors are normalised to sum 1, m = (p + q)/2, distance = √((KL(p‖m) + KL(q‖m))/2).
/// Range [0, √ln 2]. Evidently applies it to bin shares without zero-fill.
/// </summary>
/// <remarks>Thread-safe (no state).</remarks>
public static class JensenShannonDistance
{
    /// <summary>Distance between two non-negative weight vectors of equal length (each with a positive sum).</summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException($"Jensen–Shannon needs vectors of equal length ({p.Length} vs {q.Length}).", nameof(q));
        }

        var pSum = 0.0;
        var qSum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            pSum += p[i];
            qSum += q[i];
        }

        var left = 0.0;
        var right = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var pi = p[i] / pSum;
            var qi = q[i] / qSum;
            var m = (pi + qi) / 2.0;
            left += RelativeEntropy(pi, m);
            right += RelativeEntropy(qi, m);
        }

        return Math.Sqrt((left + right) / 2.0);
    }

    /// <summary>scipy's <c>rel_entr(x, y)</c>: x·ln(x/y) for x, y &gt; 0; 0 for x = 0, y ≥ 0; +∞ otherwise.</summary>
    internal static double RelativeEntropy(double x, double y)
    {
        if (x > 0 && y > 0)
        {
            return x * Math.Log(x / y);
        }

        return x == 0 && y >= 0 ? 0.0 : double.PositiveInfinity;
    }
}
