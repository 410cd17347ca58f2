namespace Gyre.Tuning;

/// <summary>Lifecycle state of a trial (Optuna's TrialState).</summary>
public enum TrialState
{
    /// <summary>Being evaluated.</summary>
    Running,
    /// <summary>Finished with a value.</summary>
    Complete,
    /// <summary>Stopped early by a pruner.</summary>
    Pruned,
    /// <summary>The objective threw or returned NaN.</summary>
    Fail,
    /// <summary>Enqueued, not yet started.</summary>
    Waiting,
}
