namespace Gyre.Tuning.Pruners;

/// <summary>Never prunes.</summary>
public sealed class NopPruner : IPruner
{
    /// <inheritdoc />
    public bool Prune(IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, StudyDirection direction) => false;
}
