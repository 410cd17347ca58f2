namespace Gyre.Pipelines.Tuning;

/// <summary>
/// One `gyre tune` process's share of a study: the spec (budgets already overridden by flags), the tracking
/// experiment of its runs, <paramref name="Workers"/> concurrent trials in this process, the heartbeat interval
/// of running trials (null = none; needed when several processes share the study), where paths are relative
/// to, and the run source (e.g. "gyre tune").
/// </summary>
public sealed record TuningJobRequest(
    TuneSpec Spec,
    string ExperimentName,
    int Workers,
    TimeSpan? HeartbeatInterval,
    string WorkingDirectory,
    string Source);
