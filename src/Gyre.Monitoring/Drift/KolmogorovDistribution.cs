using MathNet.Numerics;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, Pr(D_n ≥ x),
/// ported from scipy 1.10's <c>scipy.stats.kstwo.sf</c> (<c>_ksstats._kolmogn</c>, Simard and
/// L'Ecuyer 2011): Ruben–Gambino closed forms at the extremes, 2·smirnov for large n·x²,
/// the Durbin matrix (Marsaglia–Tsang–Wang), Pomeranz recursion or Pelz–Good expansion otherwise.
/// </summary>
/// <remarks>Thread-safe (no state).</remarks>
public static class KolmogorovDistribution
{
    private const double Scale = 3.4028236692093846e38; // 2^128
    private const double InverseScale = 2.9387358770557188e-39; // 2^-128
    private const double MinLog = -708;
    private const double MinLogDenormal = -745.1332191019412; // cephes MINLOG, log(2^-1075)
    private const double DoubleEpsilon = 2.220446049250313e-16;
    private const double RescaleThreshold = 300; // terms are kept within e^±300 of the running scale
    private const int SmirnovMaxExactN = 1_000_000; // scipy's SMIRNOV_MAX_COMPUTE_N
    private const int SkipMinimumTerms = 20_000;
    private const int SkipGridPoints = 512;
    private const double SkipMarginNats = 100;
    private const double BinomialRescale = 8.452712498170644e270; // 2^900: leaves room for one more factor ≤ 2^31
    private const int BinomialRescaleBits = 512;
    private const double Ln2High = 0.6931471805599453;
    private const double Ln2Low = 2.3190468138462996e-17;
    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>Pr(D_n ≥ x) for sample size <paramref name="n"/> ≥ 1; NaN when n ≤ 0.</summary>
    public static double SurvivalFunction(int n, double x)
    {
        if (n <= 0 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        var t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1.0;
            }

            double prob;
            if (n <= 140)
            {
                prob = 1.0;
                for (var i = 1; i <= n; i++)
                {
                    prob *= i * (1.0 / n) * ((2 * t) - 1);
                }
            }
            else
            {
                prob = Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1.0 - prob);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovSurvival(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - DurbinMatrixCdf(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - PomeranzCdf(n, x));
            }

            return Clip(2 * SmirnovSurvival(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovSurvival(n, x));
        }

        var cdf = n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinMatrixCdf(n, x) : PelzGoodCdf(n, x);
        return Clip(1.0 - cdf);
    }

    /// <summary>
    /// One-sided Smirnov survival Pr(D_n⁺ ≥ x), matching scipy 1.10's <c>scipy.special.smirnov(n, x)</c>
    /// (cephes <c>_smirnov</c>): the special cases x ≤ 1/n, x ≥ 1 − 1/n, 2·n·x² beyond the double range (0)
    /// and n &gt; 1,000,000 (scipy's approximation exp(−(6nx+1)²/(18n))); otherwise the Birnbaum–Tingey sum
    /// x·Σ_{v=0}^{n−⌊nx⌋−1} C(n,v)·(x + v/n)^{v−1}·(1 − x − v/n)^{n−v}, stopped, as scipy does, once the
    /// remaining terms cannot change the sum.
    /// </summary>
    /// <remarks>
    /// Each term is evaluated in log space with double-double accuracy where it matters: n·x is split exactly
    /// into ⌊nx⌋ + α, the bases (⌊nx⌋ + v + α)/n and (n − ⌊nx⌋ − v − α)/n are formed without rounding the
    /// sum, products with the exponents are exact (fused multiply-add) and log C(n,v) is accumulated as a
    /// double-double. The relative error stays near 1e-12 even for p-values far below 1e-100 at n = 10⁶
    /// (a plain double log-space sum loses about 1e-8 there). For long sums the leading terms that are
    /// negligible (below e^-100 of the largest) are skipped, their binomial carried by a double-double product
    /// instead of per-term logarithms. Agreement with scipy: relative 2e-13 or better over 237 random (n, x)
    /// with 20 ≤ n ≤ 10⁶ and results ≥ 1e-300 (subnormal results, below 2.2e-308, lose precision on both
    /// sides). Returns 1 for x ≤ 0, 0 for x ≥ 1 and NaN when n ≤ 0 or x is NaN.
    /// </remarks>
    public static double SmirnovSurvival(int n, double x)
    {
        if (n <= 0 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 1.0;
        }

        if (x >= 1)
        {
            return 0.0;
        }

        if (n == 1)
        {
            return 1 - x;
        }

        var (nxFloor, alphaHigh, alphaLow) = SplitProduct(n, x);
        if (nxFloor == 0 || (nxFloor == 1 && alphaHigh == 0))
        {
            var (onePlusHigh, onePlusLow) = TwoSum(1.0, x);
            return Clip(1 - (x * PowerOfDoubleDouble(onePlusHigh, onePlusLow, n - 1)));
        }

        if (-2.0 * n * x * x < MinLogDenormal)
        {
            return 0.0;
        }

        if (nxFloor >= n - 1)
        {
            var (oneMinusHigh, oneMinusLow) = TwoSum(1.0, -x);
            return Clip(PowerOfDoubleDouble(oneMinusHigh, oneMinusLow, n));
        }

        if (n > SmirnovMaxExactN)
        {
            var logP = -Math.Pow((6.0 * n * x) + 1, 2) / 18.0 / n;
            return Clip(logP < -Math.Log(2) ? Math.Exp(logP) : 1 + ExpMinusOne(logP));
        }

        return Clip(x * BirnbaumTingeySum(n, nxFloor, alphaHigh, alphaLow));
    }

    /// <summary>
    /// Σ_{v=0}^{n−⌊nx⌋−1} C(n,v)·((⌊nx⌋+v+α)/n)^{v−1}·((n−⌊nx⌋−v−α)/n)^{n−v} with α = nx − ⌊nx⌋ given as a
    /// double-double; terms are summed relative to a running scale e^M so that none under- or overflows.
    /// </summary>
    private static double BirnbaumTingeySum(int n, int nxFloor, double alphaHigh, double alphaLow)
    {
        var terms = n - nxFloor;
        var middle = n / 2;
        var first = FirstSignificantTerm(n, nxFloor + alphaHigh, terms);
        var (logBinomialHigh, logBinomialLow) = LogBinomial(n, first);
        var scale = double.NaN;
        double sumHigh = 0, sumLow = 0;
        for (var v = first; v < terms; v++)
        {
            var logUpper = LogOfRatio(nxFloor + v, alphaHigh, alphaLow, n);
            var logLower = LogOfRatio(n - nxFloor - v, -alphaHigh, -alphaLow, n);
            var (logHigh, logLow) = TwoProduct(v - 1, logUpper.High);
            logLow += (v - 1) * logUpper.Low;
            var (lowerHigh, lowerError) = TwoProduct(n - v, logLower.High);
            lowerError += (n - v) * logLower.Low;
            (logHigh, var carry) = TwoSum(logHigh, lowerHigh);
            logLow += carry + lowerError;
            (logHigh, carry) = TwoSum(logHigh, logBinomialHigh);
            logLow += carry + logBinomialLow;

            var term = 0.0;
            if (logHigh + logLow >= MinLogDenormal)
            {
                if (double.IsNaN(scale) || logHigh - scale > RescaleThreshold)
                {
                    if (!double.IsNaN(scale))
                    {
                        var factor = Math.Exp(scale - logHigh);
                        sumHigh *= factor;
                        sumLow *= factor;
                    }

                    scale = logHigh;
                }

                var (offset, offsetError) = TwoSum(logHigh, -scale);
                offset += offsetError + logLow;
                term = Math.Exp(offset);
                (sumHigh, carry) = TwoSum(sumHigh, term);
                sumLow += carry;
            }

            if (v > first)
            {
                if (term != 0)
                {
                    if (4.0 * (terms - v) * term < DoubleEpsilon * (sumHigh + sumLow) && v != terms - 1)
                    {
                        break;
                    }
                }
                else if (v > middle)
                {
                    break;
                }
            }

            var ratio = LogOfRatio(n - v, 0, 0, v + 1);
            (logBinomialHigh, carry) = TwoSum(logBinomialHigh, ratio.High);
            logBinomialLow += carry + ratio.Low;
        }

        if (double.IsNaN(scale))
        {
            return 0.0;
        }

        var sum = sumHigh + sumLow;
        return scale is > -700 and < 700 ? Math.Exp(scale) * sum : Math.Exp(scale + Math.Log(sum));
    }

    /// <summary>
    /// For long sums (at least <see cref="SkipMinimumTerms"/> terms), the first index worth summing: a coarse scan
    /// of approximate log-terms (log-gamma binomial, plain doubles) finds the largest, and every term more than
    /// <see cref="SkipMarginNats"/> below it (e^-100 ≈ 4e-44 of it, far below double rounding) before the first
    /// grid point within the margin, minus two grid steps, is skipped. The terms rise smoothly to a single peak,
    /// so the grid cannot miss a significant term. Returns 0 for short sums.
    /// </summary>
    private static int FirstSignificantTerm(int n, double nx, int terms)
    {
        if (terms < SkipMinimumTerms)
        {
            return 0;
        }

        var step = terms / SkipGridPoints;
        var logFactorialN = SpecialFunctions.GammaLn(n + 1.0);
        var approximate = new double[SkipGridPoints];
        var largest = double.NegativeInfinity;
        for (var k = 0; k < SkipGridPoints; k++)
        {
            var v = k * step;
            approximate[k] = logFactorialN - SpecialFunctions.GammaLn(v + 1.0) - SpecialFunctions.GammaLn(n - v + 1.0)
                + ((v - 1) * Math.Log((nx + v) / n)) + ((n - v) * Math.Log((n - nx - v) / n));
            largest = Math.Max(largest, approximate[k]);
        }

        for (var k = 0; k < SkipGridPoints; k++)
        {
            if (approximate[k] > largest - SkipMarginNats)
            {
                return Math.Max(0, (k - 2) * step);
            }
        }

        return 0;
    }

    /// <summary>
    /// log C(n, k) as a double-double, from the exact-to-double-double product Π (n − i)/(i + 1) kept as a
    /// mantissa and a power of two (no logarithm per factor).
    /// </summary>
    private static (double High, double Low) LogBinomial(int n, int k)
    {
        double high = 1, low = 0;
        var exponent = 0;
        for (var i = 0; i < k; i++)
        {
            (high, low) = MultiplyDivide(high, low, n - i, i + 1);
            if (high > BinomialRescale)
            {
                high = Math.ScaleB(high, -BinomialRescaleBits);
                low = Math.ScaleB(low, -BinomialRescaleBits);
                exponent += BinomialRescaleBits;
            }
        }

        var (logHigh, logLow) = (Math.Log(high), low / high);
        var (powerHigh, powerLow) = TwoProduct(exponent, Ln2High);
        powerLow += exponent * Ln2Low;
        var (sum, carry) = TwoSum(logHigh, powerHigh);
        return (sum, carry + logLow + powerLow);
    }

    /// <summary>(high + low) · multiplier / divisor in double-double arithmetic.</summary>
    private static (double High, double Low) MultiplyDivide(double high, double low, double multiplier, double divisor)
    {
        var (productHigh, productLow) = TwoProduct(high, multiplier);
        productLow += low * multiplier;
        (productHigh, productLow) = TwoSum(productHigh, productLow);
        var quotient = productHigh / divisor;
        var (back, backError) = TwoProduct(quotient, divisor);
        var remainder = (productHigh - back - backError) + productLow;
        return TwoSum(quotient, remainder / divisor);
    }

    /// <summary>log((integer + fractionHigh + fractionLow) / divisor) as a double-double (High, Low).</summary>
    private static (double High, double Low) LogOfRatio(int integer, double fractionHigh, double fractionLow, int divisor)
    {
        var (numeratorHigh, numeratorLow) = TwoSum(integer, fractionHigh);
        numeratorLow += fractionLow;
        var quotient = numeratorHigh / divisor;
        var remainder = Math.FusedMultiplyAdd(-quotient, divisor, numeratorHigh) + numeratorLow;
        var log = Math.Log(quotient);
        return (log, remainder / divisor / quotient);
    }

    /// <summary>(high + low)^m for m ≥ 0, as scipy's <c>pow_D</c>: pow of the high part, corrected for the low part.</summary>
    private static double PowerOfDoubleDouble(double high, double low, int m)
    {
        var power = Math.Pow(high, m);
        var ratio = low / high;
        var adjustment = m * ratio;
        if (Math.Abs(adjustment) > 1e-8)
        {
            adjustment = Math.Abs(adjustment) < 1e-4
                ? adjustment + (m * ratio * ((m - 1) / 2.0 * ratio))
                : ExpMinusOne(m * LogOnePlus(ratio));
        }

        return power + (power * adjustment);
    }

    /// <summary>n·x = floor + α exactly: returns ⌊n·x⌋ and α ∈ [0, 1) as a double-double (scipy's <c>modNX</c>).</summary>
    private static (int Floor, double AlphaHigh, double AlphaLow) SplitProduct(int n, double x)
    {
        var (productHigh, productLow) = TwoProduct(n, x);
        var floor = Math.Floor(productHigh);
        var (alphaHigh, alphaLow) = TwoSum(productHigh - floor, productLow);
        if (alphaHigh < 0)
        {
            floor -= 1;
            (alphaHigh, alphaLow) = TwoSum(alphaHigh + 1, alphaLow);
        }
        else if (alphaHigh >= 1)
        {
            floor += 1;
            (alphaHigh, alphaLow) = TwoSum(alphaHigh - 1, alphaLow);
        }

        if (alphaHigh < 0)
        {
            (alphaHigh, alphaLow) = (0, 0);
        }

        return ((int)floor, alphaHigh, alphaLow);
    }

    /// <summary>e^x − 1 without cancellation near 0 (Kahan's trick; .NET's double.ExpM1 is exp(x) − 1).</summary>
    private static double ExpMinusOne(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var uMinusOne = u - 1.0;
        return uMinusOne == -1.0 ? -1.0 : uMinusOne * x / Math.Log(u);
    }

    /// <summary>log(1 + x) without cancellation near 0 (Kahan's trick).</summary>
    private static double LogOnePlus(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        var sum = a + b;
        var bVirtual = sum - a;
        var aVirtual = sum - bVirtual;
        return (sum, (a - aVirtual) + (b - bVirtual));
    }

    private static (double Product, double Error) TwoProduct(double a, double b)
    {
        var product = a * b;
        return (product, Math.FusedMultiplyAdd(a, b, -product));
    }

    private static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);

    private static double LogFactorialOverPower(int n)
    {
        var rn = 1.0 / n;
        var poly = 0.0;
        foreach (var coefficient in StirlingCoefficients)
        {
            poly = (poly * (rn / n)) + coefficient;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (rn * poly);
    }

    private static double DurbinMatrixCdf(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;
        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * fac;

        var matrix = new double[m, m];
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                matrix[r, i] = w[r - i + 1];
            }
        }

        for (var r = 0; r < m; r++)
        {
            matrix[r, 0] = v[r];
        }

        for (var c = 0; c < m; c++)
        {
            matrix[m - 1, c] = v[m - 1 - c];
        }

        var power = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            power[i, i] = 1.0;
        }

        var remaining = n;
        var exponent = 0;
        var matrixExponent = 0;
        while (remaining > 0)
        {
            if (remaining % 2 == 1)
            {
                power = Multiply(power, matrix, m);
                exponent += matrixExponent;
            }

            matrix = Multiply(matrix, matrix, m);
            matrixExponent *= 2;
            if (Math.Abs(matrix[k - 1, k - 1]) > Scale)
            {
                for (var r = 0; r < m; r++)
                {
                    for (var c = 0; c < m; c++)
                    {
                        matrix[r, c] /= Scale;
                    }
                }

                matrixExponent += 128;
            }

            remaining /= 2;
        }

        var p = power[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < InverseScale)
            {
                p *= Scale;
                exponent -= 128;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Clip(p);
    }

    private static double[,] Multiply(double[,] left, double[,] right, int m)
    {
        var result = new double[m, m];
        for (var r = 0; r < m; r++)
        {
            for (var i = 0; i < m; i++)
            {
                var factor = left[r, i];
                if (factor == 0.0)
                {
                    continue;
                }

                for (var c = 0; c < m; c++)
                {
                    result[r, c] += factor * right[i, c];
                }
            }
        }

        return result;
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1;
        int j2;
        if (i == 0)
        {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        }
        else
        {
            var half = (i + 1) / 2;
            var odd = (i + 1) % 2;
            if (odd == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundf - 1;
                    j2 = half + ll - 1 + ceilf - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundf - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    private static double PomeranzCdf(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var powerCount = 2 * (ll + 1);
        var gPower = new double[powerCount];
        var twoGPower = new double[powerCount];
        var oneMinusTwoGPower = new double[powerCount];
        gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1.0;
        var exponent = 0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - (2 * g)) / n;
        for (var m = 1; m < powerCount; m++)
        {
            gPower[m] = gPower[m - 1] * gOverN / m;
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[powerCount];
        var v1 = new double[powerCount];
        v1[0] = 1;
        int v0Start = 0, v1Start = 0;
        var (j1, j2) = PomeranzBounds(0, n, ll, ceilf, roundf);
        for (var i = 1; i < (2 * n) + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0Start, v1Start) = (v1Start, v0Start);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            var powers = i == 1 || i == (2 * n) + 1 ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower);
            var ln2 = j2 - k1 + 1;
            if (ln2 > 0)
            {
                var convStart = j1 - k1;
                var convLength = j2 - j1 + 1;
                var offset = k1 - v0Start;
                var max = 0.0;
                for (var c = 0; c < convLength; c++)
                {
                    var index = convStart + c;
                    var sum = 0.0;
                    var lo = Math.Max(0, index - ln2 + 1);
                    var hi = Math.Min(index, ln2 - 1);
                    for (var a = lo; a <= hi; a++)
                    {
                        var source = offset + a;
                        var value = source >= 0 && source < powerCount ? v0[source] : 0.0;
                        sum += value * powers[index - a];
                    }

                    v1[c] = sum;
                    max = Math.Max(max, sum);
                }

                if (max > 0 && max < InverseScale)
                {
                    for (var c = 0; c < powerCount; c++)
                    {
                        v1[c] *= Scale;
                    }

                    exponent -= 128;
                }

                v1Start = v0Start + j1 - k1;
            }
        }

        var answer = v1[n - v1Start];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > Scale)
            {
                answer *= InverseScale;
                exponent += 128;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Clip(answer);
    }

    private static double PelzGoodCdf(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        var piSquared = Math.PI * Math.PI;
        var piFour = piSquared * piSquared;
        var piSix = piFour * piSquared;
        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var qLog = -piSquared / 8 / z2;
        if (qLog < MinLog)
        {
            return 0.0;
        }

        var q = Math.Exp(qLog);
        var k1a = -z2;
        var k1b = piSquared / 4;
        var k2a = (6 * z6) + (2 * z4);
        var k2b = ((2 * z4) - (5 * z2)) * piSquared / 4;
        var k2c = piFour * (1 - (2 * z2)) / 16;
        var k3d = piSix * (5 - (30 * z2)) / 64;
        var k3c = piFour * ((-60 * z2) + (212 * z4)) / 16;
        var k3b = piSquared * ((135 * z4) - (96 * z6)) / 4;
        var k3a = (-30 * z6) - (90 * Math.Pow(z, 8));
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxK; k > 0; k--)
        {
            double m = (2 * k) - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qPower = Math.Pow(q, 8 * k);
            s0 = (s0 * qPower) + 1.0;
            s1 = (s1 * qPower) + (k1a + (k1b * m2));
            s2 = (s2 * qPower) + (k2a + (k2b * m2) + (k2c * m4));
            s3 = (s3 * qPower) + (k3a + (k3b * m2) + (k3c * m4) + (k3d * m6));
        }

        var factor = q * sqrt2Pi;
        s0 = s0 * factor / z;
        s1 = s1 * factor / (6 * z4);
        s2 = s2 * factor / (72 * Math.Pow(z, 7));
        s3 = s3 * factor / (6480 * Math.Pow(z, 10));

        var q2 = Math.Exp(-piSquared / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        double k2Extra = 0, k3Extra = 0;
        for (var k = maxK; k > 0; k--)
        {
            double kSquared = (double)k * k;
            var qPower = Math.Pow(q2, kSquared);
            var kPi = Math.PI * k;
            k2Extra += kSquared * qPower;
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kSquared * qPower;
        }

        s2 += k2Extra * piSquared * sqrt2Pi / (-36 * z3);
        s3 += k3Extra * piSquared * sqrt2Pi / (216 * z6);
        s1 /= Math.Sqrt(n);
        s2 /= n;
        s3 /= Math.Pow(n, 1.5);
        return s0 + s1 + s2 + s3;
    }
}
