using MathNet.Numerics;

namespace Gyre.Tuning.Samplers.Tpe;

/// <summary>
/// The standard normal truncated to [a, b], in the stable forms TPE needs: log of the mass between
/// two points (accurate deep in either tail) and the inverse CDF for sampling.
/// </summary>
internal static class TruncatedNormal
{
    private const double Sqrt2 = 1.4142135623730951;
    internal const double LogSqrt2Pi = 0.91893853320467274;

    /// <summary>log φ(z) of the standard normal.</summary>
    public static double LogPdf(double z) => -0.5 * z * z - LogSqrt2Pi;

    /// <summary>log P(Z &gt; z), accurate for large z (asymptotic series beyond where erfc underflows).</summary>
    public static double LogSurvival(double z)
    {
        if (z < 25) return Math.Log(0.5 * SpecialFunctions.Erfc(z / Sqrt2));
        // Mills ratio: Q(z) = φ(z)/z · (1 - 1/z² + 3/z⁴ - 15/z⁶ + ...).
        var z2 = z * z;
        var series = 1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2);
        return LogPdf(z) - Math.Log(z) + Math.Log(series);
    }

    /// <summary>log P(a &lt; Z &lt; b) for a &lt;= b (−∞ when a == b).</summary>
    public static double LogMass(double a, double b)
    {
        if (a >= 0) return LogDiff(LogSurvival(a), LogSurvival(b));
        if (b <= 0) return LogDiff(LogSurvival(-b), LogSurvival(-a));
        // Straddles 0: 1 - P(Z < a) - P(Z > b), both terms below one half.
        return Log1P(-Math.Exp(LogSurvival(-a)) - Math.Exp(LogSurvival(b)));
    }

    /// <summary>
    /// The quantile <paramref name="u"/> ∈ [0, 1) of the standard normal truncated to [a, b] (a &lt; b),
    /// computed on the tail where it keeps precision; clamped to [a, b].
    /// </summary>
    public static double Quantile(double u, double a, double b)
    {
        double x;
        if (a >= 0)
        {
            var qa = 0.5 * SpecialFunctions.Erfc(a / Sqrt2);
            var qb = 0.5 * SpecialFunctions.Erfc(b / Sqrt2);
            var q = qa - u * (qa - qb);
            x = q > 0 ? Sqrt2 * SpecialFunctions.ErfcInv(2 * q) : a;
        }
        else
        {
            var pa = 0.5 * SpecialFunctions.Erfc(-a / Sqrt2);
            var pb = 0.5 * SpecialFunctions.Erfc(-b / Sqrt2);
            var p = pa + u * (pb - pa);
            x = p > 0 ? -Sqrt2 * SpecialFunctions.ErfcInv(2 * p) : a;
        }
        return Math.Clamp(x, a, b);
    }

    /// <summary>log(e^x − e^y) for x &gt;= y.</summary>
    private static double LogDiff(double x, double y) =>
        double.IsNegativeInfinity(y) ? x : x + Math.Log(-ExpM1(y - x));

    private static double ExpM1(double x) =>
        Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1;

    private static double Log1P(double x) =>
        Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x);
}
