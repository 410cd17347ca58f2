namespace Gyre.Tuning.Analysis;

/// <summary>How many trials of a study are in each state.</summary>
/// <param name="Total">All trials.</param>
/// <param name="Complete">Finished with a value.</param>
/// <param name="Pruned">Stopped by a pruner.</param>
/// <param name="Failed">The objective threw, returned NaN, or the worker died (stale heartbeat).</param>
/// <param name="Running">Still being evaluated (or abandoned and not yet failed by a heartbeat check).</param>
/// <param name="Waiting">Enqueued, not started.</param>
public sealed record TrialStateCounts(int Total, int Complete, int Pruned, int Failed, int Running, int Waiting)
{
    /// <summary>Counts <paramref name="trials"/> by state.</summary>
    public static TrialStateCounts Of(IReadOnlyCollection<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        int Count(TrialState state) => trials.Count(t => t.State == state);
        return new(trials.Count, Count(TrialState.Complete), Count(TrialState.Pruned), Count(TrialState.Fail),
            Count(TrialState.Running), Count(TrialState.Waiting));
    }
}
