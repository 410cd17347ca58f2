namespace Gyre.Pipelines.Running;

/// <summary>How a step ended.</summary>
public enum StepStatus
{
    Succeeded,
    Failed,

    /// <summary>Not started: a step it depends on failed, or the pipeline stopped.</summary>
    Skipped,
}

/// <summary>
/// One step of a pipeline run: its status, attempts, outputs, the error of its last attempt, and its tracked run.
/// <paramref name="CachedFrom"/>: the earlier step run whose outputs it reused (nothing ran; 0 attempts), or null.
/// </summary>
public sealed record StepRunResult(string StepId, StepStatus Status, int Attempts, IReadOnlyDictionary<string, string> Outputs, string? Error, string? RunId, TimeSpan Duration, string? CachedFrom = null);

/// <summary>A pipeline run: its tracked (parent) run and every step's result, in file order.</summary>
public sealed record PipelineRunResult(string Pipeline, string RunId, bool Succeeded, IReadOnlyList<StepRunResult> Steps, TimeSpan Duration);
