namespace Gyre.Tuning;

/// <summary>When <see cref="Study.OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, OptimizeOptions, CancellationToken)"/> stops, and how it runs.</summary>
/// <remarks>At least one of <see cref="Trials"/>, <see cref="StudyTrials"/>, <see cref="Timeout"/> or a cancellable token is required.</remarks>
public sealed record OptimizeOptions
{
    /// <summary>Trials this call runs (Optuna's n_trials), over all its workers; null: no limit.</summary>
    public int? Trials { get; init; }

    /// <summary>
    /// Study-wide budget: stop once the study holds this many Running, Complete or Pruned trials,
    /// counted atomically in storage, so several processes on one study run exactly this many between
    /// them; failed trials (also those of crashed workers) are replaced. Null: no study budget.
    /// </summary>
    public int? StudyTrials { get; init; }

    /// <summary>Wall-time budget of this call; no new trial starts after it.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Concurrent trials in this process (threads), &gt;= 1.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Called after each trial this call finishes (any state), from the worker's thread.</summary>
    public Action<Study, FrozenTrial>? TrialFinished { get; init; }
}
