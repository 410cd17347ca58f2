using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Samplers.Tpe;

/// <summary>
/// One parameter's kernels in a <see cref="ParzenEstimator"/>: kernel j (the last one is the prior)
/// gives a log-density to a value. Values go in and out in internal representation.
/// </summary>
internal abstract class ParzenDimension
{
    /// <summary>Builds the kernels of <paramref name="distribution"/> around <paramref name="observations"/> (internal values).</summary>
    public static ParzenDimension Create(ParameterDistribution distribution, double[] observations, int dimensions, TpeOptions options) =>
        distribution switch
        {
            CategoricalDistribution c => new CategoricalParzenDimension(c, observations, options.PriorWeight),
            FloatDistribution or IntDistribution => new NumericalParzenDimension(distribution, observations, dimensions, options),
            _ => throw new ArgumentException($"Unknown distribution {distribution.GetType().Name}.", nameof(distribution)),
        };

    /// <summary>log k_j(value) for every kernel j, written to <paramref name="output"/> (added to it).</summary>
    public abstract void AddLogDensities(double value, Span<double> output);

    /// <summary>A draw from kernel <paramref name="kernel"/>, as an internal value of the distribution.</summary>
    public abstract double Sample(int kernel, SplitMix64 random);

    /// <summary>
    /// A draw near <paramref name="centre"/> (an internal value) for TPE's candidates near the best trial, or false
    /// when the parameter has no notion of near (categorical): see <see cref="TpeOptions.NearBestCandidates"/>.
    /// </summary>
    public virtual bool TrySampleNear(double centre, double widthShare, SplitMix64 random, out double value)
    {
        value = double.NaN;
        return false;
    }
}
