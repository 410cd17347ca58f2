using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Samplers;

/// <summary>
/// Chooses parameter values. Called under the study's sampler lock, so implementations need not be
/// thread-safe. <see cref="SampleRelative"/> runs once at trial start for a joint space
/// (TPE multivariate); <see cref="SampleIndependent"/> runs per suggest for the rest. The study gives
/// the direction and name; <c>trials</c> are the trials the sampler may learn from (all of them, or
/// the Hyperband bracket of the trial), including running and failed ones.
/// </summary>
public interface ISampler
{
    /// <summary>The joint search space to sample at trial start (empty: none).</summary>
    IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial);

    /// <summary>Internal values for the relative space (may omit names).</summary>
    IReadOnlyDictionary<string, double> SampleRelative(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace);

    /// <summary>An internal value for one parameter.</summary>
    double SampleIndependent(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, string name, ParameterDistribution distribution);

    /// <summary>Whether the study should stop asking for trials (e.g. grid exhausted).</summary>
    bool IsExhausted(IReadOnlyList<FrozenTrial> trials) => false;
}
