using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Samplers.Tpe;

/// <summary>
/// Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna 3.1's TPESampler: after
/// <see cref="TpeOptions.NStartupTrials"/> random trials, it fits one density to the good trials and
/// one to the rest, draws candidates and keeps the one with the largest log l(x) − log g(x). By
/// default the candidates are <see cref="TpeOptions.NearBestCandidates"/> draws near the best trial;
/// with that option at 0 they are <see cref="TpeOptions.NEiCandidates"/> draws from the good density
/// and the sampler is Optuna 3.1's. Seeded runs are reproducible: the same
/// seed and the same trial history give the same values (draws are keyed by trial number, see
/// <see cref="TrialRandom"/>, so processes sharing a study with one seed do not repeat each other).
/// </summary>
public sealed class TpeSampler : ISampler
{
    private readonly ulong _seed;

    /// <summary>Creates the sampler; null options are Optuna 3.1's defaults with a random seed.</summary>
    public TpeSampler(TpeOptions? options = null)
    {
        Options = options ?? new TpeOptions();
        Options.Validate();
        _seed = Options.Seed ?? (ulong)Random.Shared.NextInt64();
    }

    /// <summary>The settings.</summary>
    public TpeOptions Options { get; }

    /// <inheritdoc />
    /// <remarks>Multivariate only: the parameters every Complete or Pruned trial has with one same distribution (not single-valued), by name.</remarks>
    public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var space = new SortedDictionary<string, ParameterDistribution>(StringComparer.Ordinal);
        if (!Options.Multivariate) return space;
        var first = true;
        foreach (var t in trials)
        {
            if (t.State is not (TrialState.Complete or TrialState.Pruned)) continue;
            if (first)
            {
                foreach (var (name, distribution) in t.Distributions)
                    if (!IsSingle(distribution)) space[name] = distribution;
                first = false;
                continue;
            }
            foreach (var name in space.Keys.ToList())
                if (!t.Distributions.TryGetValue(name, out var d) || !d.Equals(space[name])) space.Remove(name);
            if (space.Count == 0) break;
        }
        return space;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial,
        IReadOnlyDictionary<string, ParameterDistribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var result = new Dictionary<string, double>();
        if (searchSpace.Count == 0) return result;
        var names = searchSpace.Keys.ToArray();
        var distributions = names.Select(n => searchSpace[n]).ToArray();
        var best = SampleTpe(study, trials, trial, names, distributions);
        if (best is null) return result;
        for (var d = 0; d < names.Length; d++) result[names[d]] = best[d];
        return result;
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, string name, ParameterDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(distribution);
        if (IsSingle(distribution)) return RandomSampler.Sample(TrialRandom.For(_seed, trial.Number, name), distribution);
        return SampleTpe(study, trials, trial, [name], [distribution])?[0]
            ?? RandomSampler.Sample(TrialRandom.For(_seed, trial.Number, "startup:" + name), distribution);
    }

    /// <summary>The best of the candidates for the parameters, or null while in the startup phase.</summary>
    private double[]? SampleTpe(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, string[] names, ParameterDistribution[] distributions)
    {
        var observations = TpeObservations.Collect(trials, trial.Number, names, distributions, study.Direction, Options.ConstantLiar, Options.Gamma);
        if (observations.Finished < Options.NStartupTrials) return null;
        var below = new ParzenEstimator(distributions, observations.Below, Options);
        var above = new ParzenEstimator(distributions, observations.Above, Options);
        var candidates = DrawCandidates(observations, distributions, below, TrialRandom.For(_seed, trial.Number, string.Join('\n', names)));
        var count = candidates[0].Length;
        var logL = below.LogPdf(candidates, count);
        var logG = above.LogPdf(candidates, count);
        var bestIndex = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < count; i++)
        {
            var score = logL[i] - logG[i];
            if (score > bestScore)
            {
                bestScore = score;
                bestIndex = i;
            }
        }
        var best = new double[names.Length];
        for (var d = 0; d < names.Length; d++) best[d] = candidates[d][bestIndex];
        return best;
    }

    /// <summary>
    /// The candidates, [parameter][candidate]: <see cref="TpeOptions.NearBestCandidates"/> draws near the best
    /// Complete trial when there is one and a parameter is numerical, else <see cref="TpeOptions.NEiCandidates"/>
    /// draws from the good density (Optuna 3.1).
    /// </summary>
    private double[][] DrawCandidates(TpeObservations observations, ParameterDistribution[] distributions, ParzenEstimator below, SplitMix64 random)
    {
        if (Options.NearBestCandidates == 0 || observations.Best is not { } incumbent || distributions.All(d => d is CategoricalDistribution))
            return below.Sample(random, Options.NEiCandidates);
        var candidates = below.Sample(random, Options.NearBestCandidates);
        below.RedrawNear(candidates, incumbent, TpeOptions.NearBestWidthShare(observations.Finished), random);
        return candidates;
    }

    private static bool IsSingle(ParameterDistribution distribution) => distribution switch
    {
        FloatDistribution f => f.Low == f.High,
        IntDistribution i => i.Low == i.High,
        CategoricalDistribution c => c.Choices.Count == 1,
        _ => false,
    };
}
