namespace Gyre.Pipelines.Definitions;

/// <summary>
/// A validated pipeline file: a name, parameters (defaults, overridable at run time) and steps forming a DAG.
/// <see cref="Stages"/> orders the steps: every step of a stage depends only on steps of earlier stages, so the
/// steps of one stage may run in parallel.
/// </summary>
public sealed record PipelineDefinition(
    string Name,
    string SourcePath,
    IReadOnlyDictionary<string, PipelineValue> Parameters,
    IReadOnlyList<StepDefinition> Steps,
    IReadOnlyList<IReadOnlyList<string>> Stages)
{
    /// <summary>How many runs of this pipeline may be in progress at once, across processes on this workspace (≥ 1, default 1).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>What starts a run by itself when a scheduler (<c>gyre scheduler</c>, <c>gyre server</c>) watches the file.</summary>
    public IReadOnlyList<Scheduling.TriggerDefinition> Triggers { get; init; } = [];

    public StepDefinition Step(string id) => Steps.First(s => s.Id == id);
}
