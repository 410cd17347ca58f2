using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Samplers.Tpe;

/// <summary>
/// Truncated-Gaussian kernels for a float or int parameter, in a transformed space: log for log
/// distributions, and for stepped ones (every int) the range widened by half a step on each side.
/// Kernel widths follow Optuna 3.1: the neighbour-gap rule (univariate) or 0.2·m^(−1/(d+4))·range
/// (multivariate), clipped to [range / min(100, m + 2), range]; the prior kernel sits at the middle
/// with width = range. Discrete values get the kernel's probability mass of their bin (log ints: of
/// their bin in log space, as Optuna 4.6+). Continuous kernels have equal peak heights as in Optuna
/// 3.1 unless <see cref="TpeOptions.WidthNormalisedKernels"/> is set.
/// </summary>
internal sealed class NumericalParzenDimension : ParzenDimension
{
    private readonly double _low, _high;      // transformed bounds
    private readonly double _step;            // 0 when continuous (original space)
    private readonly bool _log;
    private readonly ParameterDistribution _distribution;
    private readonly double[] _mus, _sigmas;
    private readonly double[] _logNormalisers; // continuous: log σ + log mass on [low, high]; discrete: log mass

    public NumericalParzenDimension(ParameterDistribution distribution, double[] observations, int dimensions, TpeOptions options)
    {
        _distribution = distribution;
        (_low, _high, _step, _log) = Bounds(distribution);
        var m = observations.Length;
        var kernels = m + 1;
        _mus = new double[kernels];
        for (var i = 0; i < m; i++) _mus[i] = Transform(observations[i]);
        _mus[m] = 0.5 * (_low + _high);
        var range = _high - _low;
        _sigmas = options.Multivariate && dimensions > 0
            ? MultivariateSigmas(m, dimensions, range)
            : NeighbourSigmas(_mus, _low, _high, options.ConsiderEndpoints);
        var minSigma = options.ConsiderMagicClip ? range / Math.Min(100.0, 1.0 + kernels) : 1e-12;
        for (var j = 0; j < kernels; j++) _sigmas[j] = Math.Clamp(_sigmas[j], minSigma, range);
        _sigmas[m] = range;
        _logNormalisers = new double[kernels];
        for (var j = 0; j < kernels; j++)
        {
            var mass = TruncatedNormal.LogMass((_low - _mus[j]) / _sigmas[j], (_high - _mus[j]) / _sigmas[j]);
            _logNormalisers[j] = _step > 0 || !options.WidthNormalisedKernels ? mass : mass + Math.Log(_sigmas[j]);
        }
    }

    /// <summary>Kernel centres (transformed space), prior last. For tests.</summary>
    internal IReadOnlyList<double> Mus => _mus;

    /// <summary>Kernel widths (transformed space), prior last. For tests.</summary>
    internal IReadOnlyList<double> Sigmas => _sigmas;

    public override void AddLogDensities(double value, Span<double> output)
    {
        if (_step > 0)
        {
            var lower = Math.Max(Transform(value - _step / 2), _low);
            var upper = Math.Min(Transform(value + _step / 2), _high);
            for (var j = 0; j < output.Length; j++)
            {
                var s = _sigmas[j];
                output[j] += TruncatedNormal.LogMass((lower - _mus[j]) / s, (upper - _mus[j]) / s) - _logNormalisers[j];
            }
            return;
        }
        var x = Transform(value);
        for (var j = 0; j < output.Length; j++)
        {
            var z = (x - _mus[j]) / _sigmas[j];
            output[j] += -0.5 * z * z - TruncatedNormal.LogSqrt2Pi - _logNormalisers[j];
        }
    }

    public override double Sample(int kernel, SplitMix64 random)
    {
        var mu = _mus[kernel];
        var sigma = _sigmas[kernel];
        var z = TruncatedNormal.Quantile(random.NextDouble(), (_low - mu) / sigma, (_high - mu) / sigma);
        return FromTransformed(mu + sigma * z);
    }

    /// <summary>
    /// A truncated Gaussian in the transformed space (so log scales and steps hold) centred on
    /// <paramref name="centre"/>, σ = <paramref name="widthShare"/> × range, but never narrower than
    /// the centre's own bin for a discrete parameter, so a local draw can still move off the centre.
    /// </summary>
    public override bool TrySampleNear(double centre, double widthShare, SplitMix64 random, out double value)
    {
        var mu = Transform(centre);
        var sigma = Math.Max(widthShare * (_high - _low), BinWidth(centre));
        var z = TruncatedNormal.Quantile(random.NextDouble(), (_low - mu) / sigma, (_high - mu) / sigma);
        value = FromTransformed(mu + sigma * z);
        return true;
    }

    /// <summary>Width in the transformed space of the step bin around an admissible value; 0 when continuous.</summary>
    private double BinWidth(double value) => _step == 0 ? 0 : _log ? Math.Log(value + 0.5) - Math.Log(value - 0.5) : _step;

    private double Transform(double value) => _log ? Math.Log(value) : value;

    /// <summary>Back to an admissible internal value: exp for log, snapped to the step grid, clamped.</summary>
    private double FromTransformed(double x)
    {
        switch (_distribution)
        {
            case FloatDistribution f when f.Log:
                return Math.Clamp(Math.Exp(x), f.Low, f.High);
            case FloatDistribution f when f.Step is { } s:
                return Math.Clamp(Math.Round((x - f.Low) / s) * s + f.Low, f.Low, f.High);
            case FloatDistribution f:
                return Math.Clamp(x, f.Low, f.High);
            case IntDistribution i when i.Log:
                return Math.Clamp(Math.Round(Math.Exp(x)), i.Low, i.High);
            case IntDistribution i:
                return Math.Clamp(Math.Round((x - i.Low) / i.Step) * i.Step + i.Low, i.Low, i.High);
            default:
                throw new InvalidOperationException("Not a numerical distribution.");
        }
    }

    /// <summary>Optuna's _calculate_parzen_bounds: transformed [low, high] and the step (0: continuous).</summary>
    private static (double Low, double High, double Step, bool Log) Bounds(ParameterDistribution distribution) => distribution switch
    {
        FloatDistribution { Log: true } f => (Math.Log(f.Low), Math.Log(f.High), 0, true),
        FloatDistribution { Step: { } s } f => (f.Low - s / 2, f.High + s / 2, s, false),
        FloatDistribution f => (f.Low, f.High, 0, false),
        IntDistribution { Log: true } i => (Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5), 1, true),
        IntDistribution i => (i.Low - i.Step / 2.0, i.High + i.Step / 2.0, i.Step, false),
        _ => throw new ArgumentException("Not a numerical distribution.", nameof(distribution)),
    };

    private static double[] MultivariateSigmas(int observations, int dimensions, double range)
    {
        var sigma0 = 0.2 * Math.Pow(Math.Max(observations, 1), -1.0 / (dimensions + 4));
        var sigmas = new double[observations + 1];
        Array.Fill(sigmas, sigma0 * range);
        return sigmas;
    }

    /// <summary>
    /// Optuna's neighbour rule over the centres (prior included) padded with the bounds: each width
    /// is the larger gap to a neighbour; without endpoints, the outermost take their inner gap.
    /// </summary>
    private static double[] NeighbourSigmas(double[] mus, double low, double high, bool considerEndpoints)
    {
        var n = mus.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = (double[])mus.Clone();
        Array.Sort(keys, order);
        var padded = new double[n + 2];
        padded[0] = low;
        keys.CopyTo(padded, 1);
        padded[n + 1] = high;
        var sorted = new double[n];
        for (var i = 0; i < n; i++)
            sorted[i] = Math.Max(padded[i + 1] - padded[i], padded[i + 2] - padded[i + 1]);
        if (!considerEndpoints && n >= 2)
        {
            sorted[0] = padded[2] - padded[1];
            sorted[n - 1] = padded[n] - padded[n - 1];
        }
        var sigmas = new double[n];
        for (var i = 0; i < n; i++) sigmas[order[i]] = sorted[i];
        return sigmas;
    }
}
