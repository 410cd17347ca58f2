namespace Gyre.Tuning.Pruners;

/// <summary>Decides whether a running trial should stop, from its intermediate values and the study's trials.</summary>
public interface IPruner
{
    /// <summary>True to prune <paramref name="trial"/>; <paramref name="trials"/> are all trials of the study.</summary>
    bool Prune(IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, StudyDirection direction);
}
