using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Samplers;

/// <summary>
/// Independent uniform sampling (log-uniform for log distributions, uniform over the step grid for
/// stepped ones). Seeded: a trial's values depend only on the seed, the trial number and the parameter
/// name (<see cref="TrialRandom"/>), so they are reproducible and differ between trials of one study even
/// when several processes with one seed share it.
/// </summary>
public sealed class RandomSampler : ISampler
{
    private readonly ulong _seed;

    /// <summary>Creates the sampler; a null seed draws one from the OS.</summary>
    public RandomSampler(ulong? seed = null) =>
        _seed = seed ?? (ulong)Random.Shared.NextInt64();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial) =>
        new Dictionary<string, ParameterDistribution>();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace) =>
        new Dictionary<string, double>();

    /// <inheritdoc />
    public double SampleIndependent(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, string name, ParameterDistribution distribution) =>
        Sample(TrialRandom.For(_seed, trial.Number, name), distribution);

    /// <summary>Draws one internal value from <paramref name="distribution"/>.</summary>
    internal static double Sample(SplitMix64 random, ParameterDistribution distribution)
    {
        switch (distribution)
        {
            case FloatDistribution f when f.Step is { } s:
                {
                    var count = (long)Math.Round((f.High - f.Low) / s) + 1;
                    return Math.Min(f.High, f.Low + random.NextInt64(count) * s);
                }
            case FloatDistribution f when f.Log:
                {
                    var x = Math.Exp(Math.Log(f.Low) + random.NextDouble() * (Math.Log(f.High) - Math.Log(f.Low)));
                    return Math.Clamp(x, f.Low, f.High);
                }
            case FloatDistribution f:
                return f.Low == f.High ? f.Low : Math.Min(f.High, f.Low + random.NextDouble() * (f.High - f.Low));
            case IntDistribution i when i.Log:
                {
                    // Optuna: sample log-uniformly on [low - 0.5, high + 0.5], round.
                    var lo = Math.Log(i.Low - 0.5);
                    var hi = Math.Log(i.High + 0.5);
                    var x = Math.Round(Math.Exp(lo + random.NextDouble() * (hi - lo)));
                    return Math.Clamp(x, i.Low, i.High);
                }
            case IntDistribution i:
                return i.Low + random.NextInt64((i.High - i.Low) / i.Step + 1) * i.Step;
            case CategoricalDistribution c:
                return random.NextInt64(c.Choices.Count);
            default:
                throw new ArgumentException($"Unknown distribution {distribution.GetType().Name}.", nameof(distribution));
        }
    }
}
