namespace Gyre.Tuning.Pruners;

/// <summary>
/// Decides whether a running trial should stop, from its intermediate values and the study's
/// trials. Called from the trial's own thread; may run concurrently for different trials, so
/// implementations keep no unsynchronised mutable state (ASHA keeps its rungs in trial system attrs).
/// </summary>
public interface IPruner
{
    /// <summary>True to prune <paramref name="trial"/> (the latest stored snapshot of the asking trial).</summary>
    bool Prune(Study study, FrozenTrial trial);

    /// <summary>
    /// The trials the sampler may learn from when sampling trial <paramref name="trialNumber"/>
    /// (Hyperband: only the trial's own bracket). Default: all of them.
    /// </summary>
    IReadOnlyList<FrozenTrial> TrialsForSampler(Study study, IReadOnlyList<FrozenTrial> trials, int trialNumber) => trials;
}
