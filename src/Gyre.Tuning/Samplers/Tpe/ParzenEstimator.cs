using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Samplers.Tpe;

/// <summary>
/// A mixture of product kernels, one per observation plus a prior kernel (Optuna's
/// _ParzenEstimator): p(x) = Σ_j w_j Π_d k_{j,d}(x_d). Weights follow
/// <see cref="TpeOptions.ObservationWeights"/> in chronological order, with the prior weight last,
/// normalised to 1. Values are internal representations.
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly ParzenDimension[] _dimensions;
    private readonly double[] _logWeights;
    private readonly double[] _cumulativeWeights;

    /// <param name="distributions">The parameters, in a fixed order.</param>
    /// <param name="observations">Per parameter (same order), the observed internal values, oldest first; all the same length.</param>
    /// <param name="options">Kernel settings.</param>
    public ParzenEstimator(IReadOnlyList<ParameterDistribution> distributions, IReadOnlyList<double[]> observations, TpeOptions options)
    {
        var m = observations.Count == 0 ? 0 : observations[0].Length;
        var weights = new double[m + 1];
        TpeOptions.ObservationWeights(m).CopyTo(weights, 0);
        weights[m] = options.PriorWeight;
        var total = weights.Sum();
        _logWeights = new double[m + 1];
        _cumulativeWeights = new double[m + 1];
        var running = 0.0;
        for (var j = 0; j <= m; j++)
        {
            weights[j] /= total;
            _logWeights[j] = Math.Log(weights[j]);
            running += weights[j];
            _cumulativeWeights[j] = running;
        }
        Weights = weights;
        _dimensions = new ParzenDimension[distributions.Count];
        for (var d = 0; d < distributions.Count; d++)
            _dimensions[d] = ParzenDimension.Create(distributions[d], observations[d], distributions.Count, options);
    }

    /// <summary>Normalised mixture weights, prior last. For tests.</summary>
    internal IReadOnlyList<double> Weights { get; }

    /// <summary>The kernels of parameter <paramref name="index"/>. For tests.</summary>
    internal ParzenDimension Dimension(int index) => _dimensions[index];

    /// <summary><paramref name="count"/> draws: pick a kernel by weight, then every parameter from it. Result: [parameter][draw].</summary>
    public double[][] Sample(SplitMix64 random, int count)
    {
        var samples = new double[_dimensions.Length][];
        for (var d = 0; d < samples.Length; d++) samples[d] = new double[count];
        for (var i = 0; i < count; i++)
        {
            var kernel = PickKernel(random.NextDouble());
            for (var d = 0; d < _dimensions.Length; d++) samples[d][i] = _dimensions[d].Sample(kernel, random);
        }
        return samples;
    }

    /// <summary>
    /// Redraws the numerical parameters of every draw of <paramref name="samples"/> ([parameter][draw])
    /// near <paramref name="centre"/> (internal values, one per parameter) with
    /// <see cref="ParzenDimension.TrySampleNear"/>; categorical values keep their draw from the mixture.
    /// </summary>
    public void RedrawNear(double[][] samples, IReadOnlyList<double> centre, double widthShare, SplitMix64 random)
    {
        var count = samples.Length == 0 ? 0 : samples[0].Length;
        for (var i = 0; i < count; i++)
            for (var d = 0; d < _dimensions.Length; d++)
                if (_dimensions[d].TrySampleNear(centre[d], widthShare, random, out var value)) samples[d][i] = value;
    }

    /// <summary>log p(x) for each of the <paramref name="count"/> points of <paramref name="samples"/> ([parameter][point]).</summary>
    public double[] LogPdf(double[][] samples, int count)
    {
        var result = new double[count];
        var components = new double[_logWeights.Length];
        for (var i = 0; i < count; i++)
        {
            _logWeights.CopyTo(components, 0);
            for (var d = 0; d < _dimensions.Length; d++) _dimensions[d].AddLogDensities(samples[d][i], components);
            result[i] = LogSumExp(components);
        }
        return result;
    }

    private int PickKernel(double u)
    {
        var index = Array.BinarySearch(_cumulativeWeights, u);
        if (index < 0) index = ~index;
        return Math.Min(index, _cumulativeWeights.Length - 1);
    }

    private static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values) if (v > max) max = v;
        if (double.IsNegativeInfinity(max)) return max;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}
