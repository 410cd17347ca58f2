namespace Gyre.Monitoring.Drift;

/// <summary>
/// Null distributions of the two-sample Cramér–von Mises statistic, as scipy 1.10 computes them
/// (<c>_cdf_cvm_inf</c> and <c>_pval_cvm_2samp_exact</c>). Thread-safe (no state).
/// </summary>
internal static class CramerVonMisesDistribution
{
    /// <summary>scipy keeps adding series terms while |term| ≥ this.</summary>
    private const double SeriesTolerance = 1e-7;

    /// <summary>
    /// CDF of the limiting (infinite-sample) Cramér–von Mises distribution at <paramref name="x"/> &gt; 0
    /// (Csörgő and Faraway 1996, eq. 1.2–1.3): Σ_k Γ(k+½)/(Γ(k+1)·π^{3/2}·√x) · √(4k+1) · e^{−q} · K_{1/4}(q),
    /// q = (4k+1)²/(16x), summed until a term is below 10⁻⁷.
    /// </summary>
    public static double LimitingCdf(double x)
    {
        var total = 0.0;
        var gammaRatio = Math.Sqrt(Math.PI); // Γ(k + ½) / Γ(k + 1) at k = 0
        var scale = Math.Pow(Math.PI, 1.5) * Math.Sqrt(x);
        for (var k = 0; ; k++)
        {
            if (k > 0)
            {
                gammaRatio *= (k - 0.5) / k;
            }

            var y = (4.0 * k) + 1;
            var q = y * y / (16 * x);
            var term = gammaRatio / scale * Math.Sqrt(y) * Math.Exp(-2 * q) * ScaledBesselKQuarter(q);
            total += term;
            if (Math.Abs(term) < SeriesTolerance)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Exact p-value Pr(U ≥ u) of the two-sample statistic U (Anderson 1962, eq. 10) for sample sizes
    /// <paramref name="m"/> and <paramref name="n"/>, by the lattice-path frequency recursion of
    /// Xiao, Gordon and Yakovlev (2006), as scipy. Feasible for sizes up to about 20.
    /// </summary>
    public static double ExactPValue(double u, int m, int n)
    {
        var lcm = LeastCommonMultiple(m, n);
        long a = lcm / m;
        long b = lcm / n;
        long mn = (long)m * n;

        // scipy: zeta = lcm**2 * (m + n) * (6*s - mn*(4*mn - 1)) // (6 * mn**2), a float floor division.
        var numerator = (double)((long)lcm * lcm * (m + n)) * ((6 * u) - (mn * ((4 * mn) - 1)));
        var zeta = FloorDivide(numerator, 6.0 * mn * mn);

        // frequencies[v]: sum of squared lattice deviations → number of paths, for the current column u.
        var frequencies = new Dictionary<long, long>[m + 1];
        for (var v = 0; v <= m; v++)
        {
            frequencies[v] = [];
        }

        frequencies[0][0] = 1;
        for (var column = 0; column <= n; column++)
        {
            var next = new Dictionary<long, long>[m + 1];
            Dictionary<long, long> running = [];
            for (var v = 0; v <= m; v++)
            {
                var merged = new Dictionary<long, long>(running.Count + frequencies[v].Count);
                var shift = ((a * v) - (b * column)) * ((a * v) - (b * column));
                foreach (var (value, count) in running)
                {
                    Accumulate(merged, value + shift, count);
                }

                foreach (var (value, count) in frequencies[v])
                {
                    Accumulate(merged, value + shift, count);
                }

                next[v] = merged;
                running = merged;
            }

            frequencies = next;
        }

        long atLeast = 0;
        foreach (var (value, count) in frequencies[m])
        {
            if (value >= zeta)
            {
                atLeast += count;
            }
        }

        return atLeast / Binomial(m + n, m);
    }

    /// <summary>e^x·K_{1/4}(x) for x &gt; 0, by the trapezoidal rule on ∫₀^∞ e^{−x(cosh t − 1)} cosh(t/4) dt (converges geometrically).</summary>
    private static double ScaledBesselKQuarter(double x)
    {
        const double step = 0.05;
        var sum = 0.5;
        for (var i = 1; ; i++)
        {
            var t = i * step;
            var term = Math.Exp(-x * (Math.Cosh(t) - 1)) * Math.Cosh(t / 4);
            sum += term;
            if (term < 1e-18 * sum)
            {
                return sum * step;
            }
        }
    }

    /// <summary>numpy's float floor division (npy_divmod) for a positive divisor.</summary>
    private static double FloorDivide(double dividend, double divisor)
    {
        var remainder = dividend % divisor;
        var quotient = (dividend - remainder) / divisor;
        if (remainder != 0 && remainder < 0)
        {
            quotient -= 1;
        }

        if (quotient == 0)
        {
            return Math.CopySign(0.0, dividend / divisor);
        }

        var floor = Math.Floor(quotient);
        return quotient - floor > 0.5 ? floor + 1 : floor;
    }

    private static void Accumulate(Dictionary<long, long> target, long value, long count) =>
        target[value] = target.GetValueOrDefault(value) + count;

    private static double Binomial(int n, int k)
    {
        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static int LeastCommonMultiple(int a, int b)
    {
        var (x, y) = (a, b);
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }
}
