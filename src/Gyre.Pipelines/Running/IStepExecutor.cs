namespace Gyre.Pipelines.Running;

/// <summary>
/// Runs the steps of one kind. <see cref="RunAsync"/> gets the step's inputs with every reference resolved, writes
/// what it does to the log, and returns the kind's outputs; it throws to fail the attempt and must stop promptly
/// when the token is cancelled (the step's time limit or the pipeline's cancellation).
/// </summary>
public interface IStepExecutor
{
    /// <summary>The step kind it runs (<see cref="Definitions.StepKinds"/>).</summary>
    string Kind { get; }

    /// <summary>Part of the step cache key: change it when the same inputs would now give other outputs.</summary>
    string Version => "1";

    Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken);
}

/// <summary>One attempt of a step: its id, resolved inputs, the folder relative paths start from, and its log.</summary>
public sealed record StepContext(string StepId, IReadOnlyDictionary<string, string> Inputs, string WorkingDirectory, TextWriter Log, int Attempt)
{
    /// <summary>The pipeline's name (empty when an executor runs outside a pipeline, as in some tests).</summary>
    public string Pipeline { get; init; } = string.Empty;

    /// <summary>The pipeline run (the tracked parent run) this step belongs to.</summary>
    public string? PipelineRunId { get; init; }

    /// <summary>"pipeline NAME run ID, step STEP": what registry changes made by the step give as their audit reason.</summary>
    public string Describe() => $"pipeline {Pipeline}{(PipelineRunId is null ? string.Empty : " run " + PipelineRunId)}, step {StepId}";
}
